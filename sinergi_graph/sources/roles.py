"""Table roles as data: which header row makes a table of nodes, of links, and so on.

The roles live in ``roles.toml`` beside this module, so a new kind of table
(activities, attendance, agreements) plugs in by adding a ``[[role]]`` entry:
detection, header synonyms, ignored columns and the "read but not used"
report all follow from it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from sinergi_graph.text import fold

__all__ = ["HeaderMatch", "RoleSpec", "match_header", "role_spec", "roles"]


class RoleSpec(BaseModel):
    """One table role: its required and optional columns and their header spellings."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    signatures: tuple[tuple[str, ...], ...] = ()
    keeps_extra: bool = False
    ignored: tuple[str, ...] = ()
    headers: dict[str, tuple[str, ...]] = {}

    def canonical(self, header: str) -> str | None:
        """The canonical column a header cell means in this role; ``None`` if unknown."""
        return _index(self).get(fold(header))

    def is_ignored(self, header: str) -> bool:
        return fold(header) in self.ignored

    def identified_by(self, columns: set[str | None]) -> bool:
        """True when ``columns`` hold one of the role's signatures (default: the required)."""
        return any(set(sig) <= columns for sig in (self.signatures or (self.required,)))

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)


class _RolesFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    role: tuple[RoleSpec, ...]


_INDEXES: dict[str, dict[str, str]] = {}


def _index(spec: RoleSpec) -> dict[str, str]:
    # Specs are frozen and few: one folded index per role name, built on first use.
    index = _INDEXES.get(spec.name)
    if index is None:
        index = {fold(column): column for column in spec.columns}
        for column, spellings in spec.headers.items():
            index.update({fold(s): column for s in spellings})
        _INDEXES[spec.name] = index
    return index


@lru_cache(maxsize=1)
def roles() -> tuple[RoleSpec, ...]:
    """Every known table role, in detection order."""
    text = resources.files("sinergi_graph.sources").joinpath("roles.toml").read_text("utf-8")
    return _RolesFile.model_validate(tomllib.loads(text)).role


def role_spec(name: str) -> RoleSpec:
    """The spec of role ``name`` (``KeyError`` when there is none)."""
    for spec in roles():
        if spec.name == name:
            return spec
    raise KeyError(name)


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """A header row read as one role.

    ``columns`` holds, per cell position, the canonical column, the tidy form of an
    unknown header, ``""`` for a blank cell, or ``None`` for an ignored one.
    """

    role: str
    columns: list[str | None]


def tidy(header: str) -> str:
    """An unknown header as a property key: lower case, words joined by ``_``."""
    return "_".join(header.strip().lower().split())


def read_header(spec: RoleSpec, cells: Sequence[str]) -> list[str | None]:
    """Canonical columns of ``cells`` under ``spec`` (see :class:`HeaderMatch`)."""
    out: list[str | None] = []
    for cell in cells:
        if not cell.strip():
            out.append("")
        elif spec.is_ignored(cell):
            out.append(None)
        else:
            out.append(spec.canonical(cell) or tidy(cell))
    return out


def match_header(cells: Sequence[str]) -> HeaderMatch | None:
    """The first role (in file order) one of whose signatures appears in ``cells``."""
    for spec in roles():
        columns = read_header(spec, cells)
        if spec.identified_by(set(columns)):
            return HeaderMatch(spec.name, columns)
    return None
