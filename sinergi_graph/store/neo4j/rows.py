"""Rows in and out of Neo4j: the parameter maps sent with ``UNWIND $rows`` and the
records read back, each built by one small function."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any, TypeVar

import neo4j

from sinergi_graph.areas import CODE_LENGTH, load_areas
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.models import Actor, CoordinationLink, LinkType, link_from_columns
from sinergi_graph.store.errors import Neo4jWriteRefused

__all__ = [
    "BATCH_SIZE",
    "Labeller",
    "actor_row",
    "area_rows",
    "batches",
    "check_link_types",
    "last_wins",
    "link_from_record",
    "link_row",
    "native_date",
    "properties_json",
]

#: Rows sent in one ``UNWIND $rows`` statement: large enough that the round
#: trips don't dominate, small enough that one statement's working set stays small.
BATCH_SIZE = 10_000

_KIND_LABEL = re.compile(r"^[A-Z][A-Z0-9_]*$")
_CATEGORY_LABEL = re.compile(r"^[A-Z][a-z]+$")
_LINK_TYPES = frozenset(t.value for t in LinkType)
_LEVEL_OF_LENGTH = {n: level.value for level, n in CODE_LENGTH.items()}

T = TypeVar("T")


def batches(rows: Sequence[T], size: int | None = None) -> Iterator[Sequence[T]]:
    """``rows`` in slices of ``size`` (default :data:`BATCH_SIZE`, read at call time).

    >>> [list(b) for b in batches([1, 2, 3], 2)]
    [[1, 2], [3]]
    """
    step = size or BATCH_SIZE
    for start in range(0, len(rows), step):
        yield rows[start : start + step]


def last_wins(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """Items with duplicate ids collapsed to the last one, as a replace-by-id store does.

    >>> last_wins(["a1", "b1", "a2"], key=lambda s: s[0])
    ['b1', 'a2']
    """
    items = list(items)
    keys = [key(item) for item in items]
    if len(set(keys)) == len(keys):
        return items  # the common case, without rebuilding a dict
    by_id: dict[str, T] = {}
    for item in items:
        by_id.pop(key(item), None)
        by_id[key(item)] = item
    return list(by_id.values())


def native_date(value: Any) -> date | None:
    """A Python date from a Neo4j date, a date or ISO text."""
    if value is None:
        return None
    if isinstance(value, neo4j.time.Date):
        native: date = value.to_native()
        return native
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def link_from_record(values: Sequence[Any]) -> CoordinationLink:
    """A link from ``id, source, target, type, date, topic, note`` as Neo4j returns them."""
    id_, source, target, type_, day, topic, note = values
    return link_from_columns((id_, source, target, type_, native_date(day), topic, note))


class Labeller:
    """``[Category, KIND]`` labels for catalogue kinds; none for anything else.

    Labels come from the catalogue, never from user text, so a kind like
    ``"x`) DETACH DELETE n"`` stays a property value.

    >>> from sinergi_graph.kinds import default_catalogue
    >>> Labeller(default_catalogue())("PPS"), Labeller(default_catalogue())("Kades lama")
    (['Penyelenggara', 'PPS'], [])
    """

    def __init__(self, catalogue: KindCatalogue) -> None:
        self._catalogue = catalogue
        self._labels: dict[str, list[str]] = {}

    def __call__(self, kind: str) -> list[str]:
        labels = self._labels.get(kind)
        if labels is None:
            info = self._catalogue.get(kind)
            labels = []
            if info is not None and _KIND_LABEL.match(kind):
                category = info.category.value.capitalize()
                if _CATEGORY_LABEL.match(category):
                    labels.append(category)
                labels.append(kind)
            self._labels[kind] = labels
        return labels


# One encoder for every actor: json.dumps with options builds a new one per call.
_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def properties_json(a: Actor) -> str | None:
    """The actor's extra properties as the JSON text stored in ``properties_json``."""
    return _encode(a.properties) if a.properties else None


def actor_row(a: Actor, labels: list[str]) -> dict[str, Any]:
    """The ``$rows`` entry that creates or updates actor ``a``."""
    props = properties_json(a)
    return {
        "id": a.id,
        "labels": labels,
        "props": {
            "id": a.id,
            "kind": a.kind,
            "name": a.name,
            "area": a.area,
            "member_of": a.member_of,
            "phone": a.phone,
            "email": a.email,
            "note": a.note,
            "properties_json": props,
        },
    }


def check_link_types(links: Iterable[CoordinationLink]) -> None:
    """Refuse a link whose type is not a :class:`~sinergi_graph.models.LinkType`.

    Raises
    ------
    Neo4jWriteRefused
        Naming the first such link.
    """
    for link in links:
        if link.type not in _LINK_TYPES:
            link_row(link)  # raises, with the message of a single row


def link_row(link: CoordinationLink) -> dict[str, Any]:
    """The ``$rows`` entry that creates ``link``; its type becomes the relationship type.

    Raises
    ------
    Neo4jWriteRefused
        For a type that is not a :class:`~sinergi_graph.models.LinkType`.
    """
    if link.type not in _LINK_TYPES:
        raise Neo4jWriteRefused(detail=f"link {link.id}: unknown link type {link.type!r}")
    return {
        "source": link.source,
        "target": link.target,
        "type": link.type,
        "props": {"id": link.id, "date": link.date, "topic": link.topic, "note": link.note},
    }


def area_rows(actors: Iterable[Actor]) -> list[dict[str, Any]]:
    """Every area the actors use and all its ancestors, coarsest first."""
    index = load_areas()
    codes: set[str] = set()
    for a in actors:
        code = a.area
        # Ancestors by cutting the dotted code: also right for codes the bundled data lacks.
        while code and code not in codes:
            codes.add(code)
            code = code.rsplit(".", 1)[0] if "." in code else ""
    rows = []
    for code in sorted(codes, key=lambda c: (len(c), c)):
        parent = code.rsplit(".", 1)[0] if "." in code else None
        rows.append(
            {
                "code": code,
                "name": index.name(code),
                "level": _LEVEL_OF_LENGTH.get(len(code)),
                "parent": parent,
            }
        )
    return rows
