"""The kind catalogue: canonical kind codes, their labels, level, category and aliases.

The catalogue is data (``data/kinds.toml``); users extend it with a TOML file of
their own in the same format (``Settings.kinds_file``).
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Iterator
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sinergi_graph.errors import SinergiError
from sinergi_graph.text import fold


class Level(StrEnum):
    """Administrative levels, coarsest first."""

    NASIONAL = "nasional"
    PROVINSI = "provinsi"
    KABUPATEN = "kabupaten"
    KECAMATAN = "kecamatan"
    DESA = "desa"
    TPS = "tps"


class Category(StrEnum):
    """What sort of stakeholder an actor is; also the groups for brokerage roles."""

    PENYELENGGARA = "penyelenggara"
    PENGAWAS = "pengawas"
    PEMERINTAH = "pemerintah"
    KEAMANAN = "keamanan"
    KESEHATAN = "kesehatan"
    PESERTA = "peserta"
    MEDIA = "media"
    MASYARAKAT = "masyarakat"


class KindInfo(BaseModel):
    """One entry of the kind catalogue."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    label_id: str
    label_en: str
    level: Level
    category: Category
    institution: bool = True
    aliases: tuple[str, ...] = ()
    # Words that mean a person who is a member of this body (``Pantarlih`` of a PPS).
    member_aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id


class _CatalogueFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: tuple[KindInfo, ...] = ()


# Positions written before a body's name: ``Ketua PPS`` is a person, member of a PPS.
MEMBER_PREFIXES: tuple[str, ...] = tuple(
    fold(p)
    for p in (
        "Ketua",
        "Wakil Ketua",
        "Anggota",
        "Sekretaris",
        "Bendahara",
        "Staf",
        "Staff",
        "Staf Sekretariat",
        "Sekretariat",
        "Kasubbag",
        "Kasubag",
        "Operator",
        "Koordinator",
        "Divisi",
        "Komisioner",
        "Member of",
        "Chair of",
    )
)
# Words too common in kind names to point at one kind when suggesting.
_GENERIC_WORDS = frozenset(
    {
        *("kepala", "ketua", "wakil", "anggota", "sekretaris", "sekretariat", "staf", "panitia"),
        *("kabupaten", "kota", "kab", "desa", "pemerintah", "badan", "pemilihan", "kantor"),
    }
)


class KindCatalogue:
    """Look up kinds by code or by any everyday spelling.

    Examples
    --------
    >>> cat = default_catalogue()
    >>> cat.resolve("Kepala Desa")
    'KADES'
    >>> cat.resolve("panewu")
    'CAMAT'
    >>> cat.resolve("Kepala Dsa") is None
    True
    """

    def __init__(self, kinds: Iterable[KindInfo]) -> None:
        self._kinds: dict[str, KindInfo] = {}
        self._by_key: dict[str, str] = {}
        for info in kinds:
            self._kinds[info.code] = info
        # Canonical codes and labels win over aliases when two kinds share a spelling.
        for info in self._kinds.values():
            for alias in info.aliases:
                self._by_key.setdefault(fold(alias), info.code)
        for info in self._kinds.values():
            self._by_key[fold(info.label_id)] = info.code
            self._by_key[fold(info.code)] = info.code
        self._members: dict[str, str] = {}
        for info in self._kinds.values():
            for alias in info.member_aliases:
                self._members.setdefault(fold(alias), info.code)
        # Single words of every spelling, for suggestions that share a word with the input.
        self._words: dict[str, list[str]] = {}
        for info in self._kinds.values():
            for spelling in (info.code.replace("_", " "), info.label_id, *info.aliases):
                for word in spelling.replace("/", " ").split():
                    key = fold(word)
                    if key and key not in _GENERIC_WORDS:
                        codes = self._words.setdefault(key, [])
                        if info.code not in codes:
                            codes.append(info.code)

    def __contains__(self, code: object) -> bool:
        return code in self._kinds

    def __iter__(self) -> Iterator[KindInfo]:
        return iter(self._kinds.values())

    def __getitem__(self, code: str) -> KindInfo:
        return self._kinds[code]

    def get(self, code: str) -> KindInfo | None:
        return self._kinds.get(code)

    def resolve(self, text: str) -> str | None:
        """Return the canonical code for a code, label or alias; ``None`` when unknown."""
        return self._by_key.get(fold(text))

    def resolve_member(self, text: str) -> str | None:
        """The body a position word makes its holder a member of, ``None`` otherwise.

        >>> cat = default_catalogue()
        >>> cat.resolve_member("Ketua PPS"), cat.resolve_member("Anggota PPK")
        ('PPS', 'PPK')
        >>> cat.resolve_member("Pantarlih"), cat.resolve_member("Ketua RT")
        ('PPS', None)
        """
        key = fold(text)
        if key in self._by_key:
            return None  # a kind of its own (``Ketua RT``, ``Kepala Puskesmas``)
        if key in self._members:
            return self._members[key]
        for prefix in sorted(MEMBER_PREFIXES, key=len, reverse=True):
            if key.startswith(prefix) and len(key) > len(prefix):
                body = self._by_key.get(key[len(prefix) :])
                if body is not None and self.is_institution(body):
                    return body
        return None

    def suggest(self, text: str, n: int = 3) -> list[str]:
        """Canonical codes whose spellings are closest to ``text``, best first.

        Kinds sharing a word with ``text`` come first (``Ketua PPKK`` is nearer the
        PPK than RT/RW, whose ``Ketua RT`` is closer letter by letter).

        >>> default_catalogue().suggest("Ketua PPK Kecamatan")[0]
        'PPK'
        """
        codes: list[str] = []
        for word in text.replace("/", " ").split():
            for code in self._words.get(fold(word), ()):
                if code not in codes:
                    codes.append(code)
        matches = difflib.get_close_matches(fold(text), list(self._by_key), n=n * 3, cutoff=0.6)
        for key in matches:
            code = self._by_key[key]
            if code not in codes:
                codes.append(code)
        return codes[:n]

    def is_institution(self, code: str) -> bool:
        info = self._kinds.get(code)
        return info is not None and info.institution

    def category(self, code: str) -> str:
        info = self._kinds.get(code)
        return info.category.value if info else Category.MASYARAKAT.value

    def extended(self, kinds: Iterable[KindInfo]) -> KindCatalogue:
        """A new catalogue with ``kinds`` added (or replacing same-code entries)."""
        return KindCatalogue([*self._kinds.values(), *kinds])


def read_kinds_file(text: str, *, source: str) -> list[KindInfo]:
    """Parse a kinds TOML document; errors name the file."""
    try:
        parsed = _CatalogueFile.model_validate(tomllib.loads(text))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        first = str(exc).splitlines()[0]
        raise SinergiError("kinds_file_invalid", path=source, detail=first) from exc
    return list(parsed.kind)


@lru_cache(maxsize=1)
def default_catalogue() -> KindCatalogue:
    """The built-in catalogue shipped in ``sinergi_graph/data/kinds.toml``."""
    text = resources.files("sinergi_graph").joinpath("data/kinds.toml").read_text("utf-8")
    return KindCatalogue(read_kinds_file(text, source="kinds.toml"))


def load_catalogue(extra_file: Path | None = None) -> KindCatalogue:
    """The built-in catalogue, extended with the user's kinds file when one is given."""
    base = default_catalogue()
    if extra_file is None:
        return base
    try:
        text = extra_file.read_text("utf-8")
    except OSError as exc:
        raise SinergiError("file_unreadable", path=str(extra_file), detail=exc.strerror) from exc
    return base.extended(read_kinds_file(text, source=str(extra_file)))
