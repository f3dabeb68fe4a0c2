"""Column-packed parameters: the bulk path of an import.

The pure-Python Neo4j driver encodes every value of every parameter map one
by one; for a national import (1.2 million rows of about a dozen fields) that
encoding alone took longer than Neo4j's writing. Here a batch of rows travels
as a few texts instead, one per column, the values joined by :data:`SEP` with
:data:`NUL` standing for "no value"; the ``*_packed.cypher`` statements split
them again on the server. One long string is a single copy for the driver.

A value that contains :data:`SEP` or :data:`NUL` (control characters no
spreadsheet or form produces, but nothing forbids them) cannot be packed: the
chunk holding it is left for the row-map statements, which carry any text.
The packing reads the model objects directly: building a parameter map per
row first cost as much as the rest of the preparation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, TypeVar

from sinergi_graph.models import Actor, CoordinationLink

__all__ = [
    "NUL",
    "SEP",
    "PackedBatch",
    "chunks_by_type",
    "pack_actors",
    "pack_links",
    "pack_links_by_node",
    "pack_members",
]

#: Between two values of a column (ASCII unit separator).
SEP = "\x1f"
#: A value that is absent (ASCII record separator): distinct from the empty text.
NUL = "\x1e"

#: A statement's parameters: the packed columns plus the constants of the batch.
PackedBatch = dict[str, Any]

T = TypeVar("T")
_Column = Callable[[Any], "str | None"]

# attrgetter reads a field in C: a lambda per value cost more than the joining.
_ACTOR_COLUMNS: dict[str, _Column] = {
    "ids": attrgetter("id"),
    "names": attrgetter("name"),
    "areas": attrgetter("area"),
    "member_of": attrgetter("member_of"),
    "phones": attrgetter("phone"),
    "emails": attrgetter("email"),
    "notes": attrgetter("note"),
}
_LINK_COLUMNS: dict[str, _Column] = {
    "ids": attrgetter("id"),
    "sources": attrgetter("source"),
    "targets": attrgetter("target"),
    "dates": lambda link: None if link.date is None else link.date.isoformat(),
    "topics": attrgetter("topic"),
    "notes": attrgetter("note"),
}


def _column(values: list[str | None]) -> str | None:
    """The values joined, or None when one of them holds SEP or NUL.

    Checked on the joined text (two C-speed counts) rather than value by value.
    """
    absent = values.count(None)
    text = SEP.join([NUL if v is None else v for v in values])
    if text.count(SEP) != len(values) - 1 or text.count(NUL) != absent:
        return None
    return text


def _pack(
    items: Sequence[T], columns: dict[str, _Column], constants: dict[str, Any]
) -> PackedBatch | None:
    batch: PackedBatch = {**constants, "rows": len(items)}
    for param, get in columns.items():
        text = _column(list(map(get, items)))
        if text is None:
            return None
        batch[param] = text
    return batch


def _packed(
    groups: dict[Any, list[T]],
    columns: Callable[[Any], dict[str, _Column]],
    constants: Callable[[Any, T], dict[str, Any]],
    size: int,
) -> tuple[list[PackedBatch], list[T]]:
    """Chunks of each group packed; a chunk that cannot be packed goes to the leftover."""
    batches: list[PackedBatch] = []
    leftover: list[T] = []
    for key, items in groups.items():
        for start in range(0, len(items), size):
            chunk = items[start : start + size]
            batch = _pack(chunk, columns(key), constants(key, chunk[0]))
            if batch is None:
                leftover.extend(chunk)  # rare: sent row by row, as maps
            else:
                batches.append(batch)
    return batches, leftover


def pack_actors(
    actors: Sequence[Actor],
    labels: Callable[[str], list[str]],
    properties_json: Callable[[Actor], str | None],
    size: int,
) -> tuple[list[PackedBatch], list[Actor]]:
    """New actors as packed batches for ``actors_create_packed.cypher``.

    Returns
    -------
    batches, leftover
        One batch per kind and ``size`` actors (a batch's actors share its
        labels), and the actors of chunks that cannot be packed.
    """
    by_kind: dict[str, list[Actor]] = {}
    for a in actors:
        by_kind.setdefault(a.kind, []).append(a)
    columns = {**_ACTOR_COLUMNS, "properties_json": properties_json}
    return _packed(
        by_kind, lambda _: columns, lambda kind, _: {"kind": kind, "labels": labels(kind)}, size
    )


def pack_members(actors: Sequence[Actor], size: int) -> tuple[list[PackedBatch], list[Actor]]:
    """Actors with a ``member_of`` as packed batches for ``actors_member_of_packed.cypher``."""
    columns = {"ids": _ACTOR_COLUMNS["ids"], "member_of": _ACTOR_COLUMNS["member_of"]}
    return _packed({None: list(actors)}, lambda _: columns, lambda _, __: {}, size)


def pack_links(
    links: Sequence[CoordinationLink], size: int
) -> tuple[list[PackedBatch], list[CoordinationLink]]:
    """New links as packed batches for ``links_create_packed.cypher`` (types checked before).

    Returns
    -------
    batches, leftover
        One batch per link type and ``size`` links, and the links of chunks
        that cannot be packed.
    """
    by_type: dict[str, list[CoordinationLink]] = {}
    for link in links:
        by_type.setdefault(link.type, []).append(link)
    return _packed(by_type, lambda _: _LINK_COLUMNS, lambda type_, _: {"type": type_}, size)


def chunks_by_type(links: Sequence[CoordinationLink], size: int) -> list[list[CoordinationLink]]:
    """``links`` grouped by type, in chunks of ``size`` (one statement each)."""
    by_type: dict[str, list[CoordinationLink]] = {}
    for link in links:
        by_type.setdefault(link.type, []).append(link)
    return [items[i : i + size] for items in by_type.values() for i in range(0, len(items), size)]


def pack_links_by_node(
    links: Sequence[CoordinationLink], node_ids: dict[str, str]
) -> PackedBatch | None:
    """One chunk of one type for ``links_create_packed_by_node.cypher``.

    The ends travel as the element ids in ``node_ids`` (every end must be
    there); None when a value cannot be packed.
    """
    columns = {
        **_LINK_COLUMNS,
        "sources": lambda link: node_ids[link.source],
        "targets": lambda link: node_ids[link.target],
    }
    return _pack(links, columns, {"type": links[0].type})
