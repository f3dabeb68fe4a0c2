"""Actors referred to as offices refer to them: by id, or by name (plus area).

A coordinator's links sheet says ``Dari: PPS Tepus, Kepada: Lurah Tepus``,
not actor ids. A reference is read as an id when one exists (in the input or
the store), otherwise as a name; a name held by several actors is narrowed by
an area (the row's area column, or ``Name (area)`` in the cell), and is a
problem listing the candidates when it stays ambiguous. Tables without ids get
ids derived from kind, area and name, the same on every re-import.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sinergi_graph.areas import AreaIndex, is_within, normalize_code
from sinergi_graph.text import fold, fold_words

__all__ = ["Candidate", "Directory", "Resolution", "derived_id"]

# How many candidates a problem lists.
MAX_CANDIDATES = 5
_SUFFIX = re.compile(r"^(?P<name>.*\S)\s*[\(\[](?P<hint>[^()\[\]]+)[\)\]]\s*$")


def derived_id(kind: str, area: str | None, name: str) -> str:
    """A readable id from kind, area and name, stable across re-imports.

    >>> derived_id("PPS", "34.03.07.2004", "PPS Kalurahan Tepus")
    'PPS-3403072004-pps-kalurahan-tepus'
    >>> derived_id("KPU_RI", None, "KPU RI")
    'KPU_RI-ID-kpu-ri'
    """
    slug = "-".join(fold_words(name).split())[:60] or "x"
    return f"{kind}-{(area or 'ID').replace('.', '')}-{slug}"


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    kind: str
    name: str
    area: str | None

    def describe(self) -> str:
        return f"{self.id} ({self.name}, {self.area or '-'})"


@dataclass(frozen=True, slots=True)
class Resolution:
    """An id, or ``None`` with the candidates (several: ambiguous; close names: unknown)."""

    id: str | None
    candidates: tuple[Candidate, ...] = ()
    ambiguous: bool = False


class Directory:
    """Ids and names of the actors in the input, with the store's loaded on demand."""

    def __init__(
        self,
        actors: Iterable[Candidate],
        store_actors: Callable[[], Iterable[Candidate]],
        areas: AreaIndex,
        known_id: Callable[[str], bool],
    ) -> None:
        self._input = {c.id: c for c in actors}
        self._store_actors = store_actors
        self._areas = areas
        self._known_id = known_id
        self._by_name: dict[str, list[Candidate]] | None = None
        self._by_body: dict[tuple[str, str | None], list[Candidate]] = {}

    def _names(self) -> dict[str, list[Candidate]]:
        if self._by_name is None:
            # The store is read only when a reference is not an id: most files use ids.
            merged = {c.id: c for c in self._store_actors()}
            merged.update(self._input)
            self._by_name = {}
            for c in merged.values():
                self._by_name.setdefault(fold_words(c.name), []).append(c)
                self._by_body.setdefault((c.kind, c.area), []).append(c)
        return self._by_name

    def resolve(
        self, text: str, *, area: str | None = None, kinds: Iterable[str] | None = None
    ) -> Resolution:
        """Resolve ``text`` (an id or a name) to an actor id.

        ``area`` narrows a name held by several actors to those within it;
        ``kinds`` to actors of those kinds.
        """
        value = text.strip()
        if value in self._input or self._known_id(value):
            return Resolution(value)
        names = self._names()
        found = names.get(fold_words(value), [])
        hint = area
        if not found:
            m = _SUFFIX.match(value)
            if m is not None:
                found = names.get(fold_words(m.group("name")), [])
                hint = m.group("hint")
        if not found:
            close = difflib.get_close_matches(fold_words(value), list(names), n=3, cutoff=0.75)
            return Resolution(None, tuple(c for key in close for c in names[key])[:MAX_CANDIDATES])
        narrowed = found
        if kinds is not None:
            wanted = set(kinds)
            narrowed = [c for c in narrowed if c.kind in wanted] or narrowed
        if len(narrowed) > 1 and hint:
            narrowed = [c for c in narrowed if self._in_area(c, hint)] or narrowed
        if len(narrowed) == 1:
            return Resolution(narrowed[0].id)
        return Resolution(None, tuple(narrowed[:MAX_CANDIDATES]), ambiguous=True)

    def _in_area(self, candidate: Candidate, hint: str) -> bool:
        if candidate.area is None:
            return False
        code = normalize_code(hint)
        if code is not None:
            return is_within(candidate.area, code)
        # An area name: the candidate's own area or one of its ancestors is called that.
        wanted = fold(hint)
        chain = [self._areas.get(candidate.area), *self._areas.ancestors(candidate.area)]
        return any(a is not None and fold(a.name).endswith(wanted) for a in chain)

    def bodies(self, kind: str, area: str | None) -> list[Candidate]:
        """Institutions of ``kind`` recorded for exactly ``area`` (a member's own body)."""
        self._names()
        return list(self._by_body.get((kind, area), ()))
