"""Indonesian administrative areas (Kemendagri codes) from the bundled wilayah data.

Codes are dotted: ``33`` (provinsi), ``33.23`` (kabupaten/kota), ``33.23.01``
(kecamatan), ``33.23.01.2001`` (desa/kelurahan). Input may leave the dots out.
The data is © its compilers under the ODbL 1.0 (``data/wilayah/LICENSE.md``).
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sinergi_graph.kinds import Level
from sinergi_graph.text import fold_words

# Length of a dotted code at each level, and the level of each length.
CODE_LENGTH: dict[Level, int] = {
    Level.PROVINSI: 2,
    Level.KABUPATEN: 5,
    Level.KECAMATAN: 8,
    Level.DESA: 13,
}
LEVEL_OF_LENGTH: dict[int, Level] = {n: level for level, n in CODE_LENGTH.items()}

_DOTTED = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
_PLAIN = re.compile(r"^\d{2}(\d{2}(\d{2}(\d{4})?)?)?$")
DIY_PROVINCE = "34"


def normalize_code(text: str) -> str | None:
    """Return the dotted form of an area code, or ``None`` when it is malformed.

    >>> normalize_code("3323012001")
    '33.23.01.2001'
    >>> normalize_code(" 33.23 ")
    '33.23'
    >>> normalize_code("33.2") is None
    True
    """
    code = text.strip()
    if _DOTTED.match(code):
        return code
    if _PLAIN.match(code):
        parts = [code[0:2], code[2:4], code[4:6], code[6:10]]
        return ".".join(p for p in parts if p)
    return None


def level_of(code: str) -> Level | None:
    """The level of a dotted code (``None`` for ``ID``, the whole country).

    >>> level_of("33.23"), level_of("ID")
    (<Level.KABUPATEN: 'kabupaten'>, None)
    """
    if not code[:1].isdigit():
        return None
    return LEVEL_OF_LENGTH.get(len(code))


def truncate(code: str, level: Level) -> str | None:
    """The ancestor code of ``code`` at ``level``; ``None`` if ``code`` is coarser.

    >>> truncate("33.23.01.2001", Level.KECAMATAN)
    '33.23.01'
    >>> truncate("33.23", Level.KECAMATAN) is None
    True
    """
    n = CODE_LENGTH.get(level)
    if n is None or len(code) < n:
        return None
    return code[:n]


def finer_level(code: str) -> Level | None:
    """The level of the areas directly inside ``code``; ``None`` for a village.

    >>> finer_level("33"), finer_level("33.23.01"), finer_level("33.23.01.2001")
    (<Level.KABUPATEN: 'kabupaten'>, <Level.DESA: 'desa'>, None)
    >>> finer_level("ID")
    <Level.PROVINSI: 'provinsi'>
    """
    level = level_of(code)
    if level is None:
        return Level.PROVINSI if code == "ID" else None
    lengths = sorted(LEVEL_OF_LENGTH)
    i = lengths.index(CODE_LENGTH[level]) + 1
    return LEVEL_OF_LENGTH[lengths[i]] if i < len(lengths) else None


def is_within(code: str, ancestor: str) -> bool:
    """True when ``code`` is ``ancestor`` or lies inside it (``ID`` contains everything)."""
    if ancestor == "ID":
        return True
    return code == ancestor or code.startswith(ancestor + ".")


def is_kelurahan(code: str) -> bool:
    """A village headed by a lurah: a kelurahan, or any kalurahan in DI Yogyakarta."""
    return len(code) == CODE_LENGTH[Level.DESA] and (
        code[9] == "1" or code.startswith(DIY_PROVINCE + ".")
    )


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    name: str
    level: Level
    parent: str | None


class AreaIndex:
    """All areas of Indonesia, with lookups by code and name and the hierarchy.

    Examples
    --------
    >>> areas = load_areas()
    >>> areas.get("33.23").name
    'Kabupaten Temanggung'
    >>> len(areas.children("33.23"))
    20
    >>> [a.code for a in areas.find("tepus", level=Level.KECAMATAN)]
    ['34.03.07']
    """

    def __init__(self, areas: list[Area]) -> None:
        self._by_code: dict[str, Area] = {a.code: a for a in areas}
        self._children: dict[str, list[str]] = {"ID": []}
        for a in areas:
            self._children.setdefault(a.parent or "ID", []).append(a.code)
        self._folded: list[tuple[str, str]] | None = None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code or code == "ID"

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Area]:
        return iter(self._by_code.values())

    def get(self, code: str) -> Area | None:
        return self._by_code.get(code)

    def resolve(self, text: str) -> str | None:
        """Canonical dotted code for user input (dotted, plain or ``ID``); ``None`` if unknown."""
        if text.strip().upper() in {"ID", "INDONESIA"}:
            return "ID"
        code = normalize_code(text)
        return code if code is not None and code in self._by_code else None

    def name(self, code: str) -> str:
        if code == "ID":
            return "Indonesia"
        area = self._by_code.get(code)
        return area.name if area else code

    def children(self, code: str) -> list[Area]:
        return [self._by_code[c] for c in self._children.get(code, [])]

    def ancestors(self, code: str) -> list[Area]:
        """Ancestors from the province down to the parent (not including ``code``)."""
        chain: list[Area] = []
        area = self._by_code.get(code)
        while area is not None and area.parent is not None:
            area = self._by_code.get(area.parent)
            if area is not None:
                chain.append(area)
        return list(reversed(chain))

    def descendants(self, code: str, level: Level) -> list[Area]:
        """All areas at ``level`` inside ``code`` (``ID`` for the whole country)."""
        return [a for a in self._by_code.values() if a.level is level and is_within(a.code, code)]

    def label(self, code: str) -> str:
        """``'Tepus, Tepus, Kabupaten Gunungkidul, DI Yogyakarta'`` style full label."""
        names = [self.name(code)] + [a.name for a in reversed(self.ancestors(code))]
        return ", ".join(names)

    def find(self, query: str, *, level: Level | None = None, limit: int = 20) -> list[Area]:
        """Areas whose name contains ``query`` (case- and diacritics-insensitive)."""
        if self._folded is None:
            self._folded = [(fold_words(a.name), a.code) for a in self._by_code.values()]
        needle = fold_words(query)
        exact: list[Area] = []
        partial: list[Area] = []
        for folded, code in self._folded:
            area = self._by_code[code]
            if level is not None and area.level is not level:
                continue
            if folded == needle or folded.endswith(" " + needle):
                exact.append(area)
            elif needle in folded:
                partial.append(area)
        return (exact + partial)[:limit]


def _read(name: str) -> Iterator[list[str]]:
    raw = resources.files("sinergi_graph").joinpath(f"data/wilayah/{name}.csv.gz").read_bytes()
    reader = csv.reader(io.StringIO(gzip.decompress(raw).decode("utf-8")))
    next(reader)
    yield from reader


@lru_cache(maxsize=1)
def load_areas() -> AreaIndex:
    """The bundled area index (loaded once per process)."""
    areas = [Area(code, name, Level.PROVINSI, None) for code, name in _read("provinces")]
    for level, name in (
        (Level.KABUPATEN, "regencies"),
        (Level.KECAMATAN, "districts"),
        (Level.DESA, "villages"),
    ):
        areas.extend(
            Area(code, area_name, level, parent) for code, parent, area_name in _read(name)
        )
    return AreaIndex(areas)
