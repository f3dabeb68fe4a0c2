"""Generated records kept as plain rows and validated into models when read.

A national demo holds ~1.2 million records until they are written in one
transaction. As pydantic models they take ~1.6 GB (each instance carries its
own dict and ``model_fields_set``); as tuples of shared strings about a fifth
of that. :class:`Records` is a read-only sequence over such rows: every item
read is a freshly validated, frozen :class:`~sinergi_graph.models.Actor` or
:class:`~sinergi_graph.models.CoordinationLink`, and a store that iterates it
once builds each model once, right before writing it.

Examples
--------
>>> actors = Records([actor_row("PPS-1", "PPS", "PPS Tepus", "34.03.07.2004")], make_actor)
>>> len(actors), actors[0].name, [a.kind for a in actors]
(1, 'PPS Tepus', ['PPS'])
>>> actors[0] == actors[0], actors[0] is actors[0], actors == [actors[0]]
(True, False, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from itertools import starmap
from typing import Any, TypeVar, overload

from sinergi_graph.models import Actor, CoordinationLink, link_id

__all__ = ["ActorRow", "LinkRow", "Records", "actor_row", "link_row", "make_actor", "make_link"]

_T = TypeVar("_T")

#: ``(id, kind, name, area, member_of, phone, email, note, properties)``
ActorRow = tuple[
    str, str, str, str | None, str | None, str | None, str | None, str | None, dict[str, str]
]
#: ``(id, source, target, type, date, topic, note)``
LinkRow = tuple[str, str, str, str, dt.date, str, str | None]

_NO_PROPERTIES: dict[str, str] = {}  # never mutated: validation copies it into each model


def actor_row(
    id: str,
    kind: str,
    name: str,
    area: str | None,
    member_of: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    note: str | None = None,
    properties: dict[str, str] = _NO_PROPERTIES,
) -> ActorRow:
    """The row of one actor, in the column order of :func:`make_actor`."""
    return (id, kind, name, area, member_of, phone, email, note, properties)


def link_row(
    source: str, target: str, type_: str, day: dt.date, topic: str, note: str | None = None
) -> LinkRow:
    """The row of one link, with the stable id :meth:`CoordinationLink.create` would give."""
    return (link_id(source, target, type_, day, topic), source, target, type_, day, topic, note)


def make_actor(
    id: str,
    kind: str,
    name: str,
    area: str | None,
    member_of: str | None,
    phone: str | None,
    email: str | None,
    note: str | None,
    properties: dict[str, str],
) -> Actor:
    """A validated actor from the columns of an :data:`ActorRow`."""
    return Actor(
        id=id,
        kind=kind,
        name=name,
        area=area,
        member_of=member_of,
        phone=phone,
        email=email,
        note=note,
        properties=properties,
    )


def make_link(
    id: str,
    source: str,
    target: str,
    type_: str,
    day: dt.date,
    topic: str,
    note: str | None,
) -> CoordinationLink:
    """A validated link from the columns of a :data:`LinkRow`."""
    return CoordinationLink(
        id=id, source=source, target=target, type=type_, date=day, topic=topic, note=note
    )


class Records(Sequence[_T]):
    """A read-only sequence of models built on access from ``rows`` by ``make``."""

    __slots__ = ("_make", "_rows")

    def __init__(self, rows: list[Any], make: Callable[..., _T]) -> None:
        self._rows = rows
        self._make = make

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> _T: ...

    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...

    def __getitem__(self, index: int | slice) -> _T | list[_T]:
        if isinstance(index, slice):
            return list(starmap(self._make, self._rows[index]))
        return self._make(*self._rows[index])

    def __iter__(self) -> Iterator[_T]:
        return starmap(self._make, self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Records):
            return self._make is other._make and self._rows == other._rows
        if isinstance(other, list | tuple):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal by content, like a list

    def __repr__(self) -> str:
        return f"Records({len(self._rows)} rows)"

    @property
    def rows(self) -> list[Any]:
        """The underlying rows (shared, not copied: do not change them)."""
        return self._rows
