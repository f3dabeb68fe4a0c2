"""Column-packed parameters: the bulk path of an import.

The pure-Python Neo4j driver encodes every value of every parameter map one
by one; for a national import (1.2 million rows of about a dozen fields) that
encoding alone took longer than Neo4j's writing. Here a batch of rows travels
as a few texts instead, one per column, the values joined by :data:`SEP` with
:data:`NUL` standing for "no value"; the ``*_packed.cypher`` statements split
them again on the server. One long string is a single copy for the driver.

A value that contains :data:`SEP` or :data:`NUL` (control characters no
spreadsheet or form produces, but nothing forbids them) cannot be packed: such
rows are left for the row-map statements, which carry any text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["NUL", "SEP", "PackedBatch", "pack_actors", "pack_links", "pack_members"]

#: Between two values of a column (ASCII unit separator).
SEP = "\x1f"
#: A value that is absent (ASCII record separator): distinct from the empty text.
NUL = "\x1e"

#: A statement's parameters: the packed columns plus the constants of the batch.
PackedBatch = dict[str, Any]

_ACTOR_COLUMNS = {
    "ids": "id",
    "names": "name",
    "areas": "area",
    "member_of": "member_of",
    "phones": "phone",
    "emails": "email",
    "notes": "note",
    "properties_json": "properties_json",
}
_LINK_COLUMNS = {"ids": "id", "dates": "date", "topics": "topic", "notes": "note"}


def _packable(values: Iterable[str | None]) -> bool:
    return not any(v is not None and (SEP in v or NUL in v) for v in values)


def _column(values: Iterable[str | None]) -> str:
    return SEP.join(NUL if v is None else v for v in values)


def _chunks(rows: Sequence[dict[str, Any]], size: int) -> Iterable[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def pack_actors(
    rows: Sequence[dict[str, Any]], size: int
) -> tuple[list[PackedBatch], list[dict[str, Any]]]:
    """Actor rows (see :func:`~sinergi_graph.store.neo4j.rows.actor_row`) as packed batches.

    Returns
    -------
    batches, leftover
        One batch per kind and ``size`` rows (every row of a batch has the
        batch's labels), and the rows that cannot be packed.
    """
    by_kind: dict[str, list[dict[str, Any]]] = {}
    leftover: list[dict[str, Any]] = []
    for row in rows:
        props = row["props"]
        if _packable(props.values()):
            by_kind.setdefault(props["kind"], []).append(row)
        else:
            leftover.append(row)
    batches: list[PackedBatch] = []
    for kind, same_kind in by_kind.items():
        for chunk in _chunks(same_kind, size):
            batch: PackedBatch = {"kind": kind, "labels": chunk[0]["labels"], "rows": len(chunk)}
            for param, field in _ACTOR_COLUMNS.items():
                batch[param] = _column(r["props"][field] for r in chunk)
            batches.append(batch)
    return batches, leftover


def pack_members(
    rows: Sequence[dict[str, Any]], size: int
) -> tuple[list[PackedBatch], list[dict[str, Any]]]:
    """``{id, member_of}`` rows as packed batches, and the rows that cannot be packed."""
    members: list[dict[str, Any]] = []
    leftover: list[dict[str, Any]] = []
    for row in rows:
        (members if _packable((row["id"], row["member_of"])) else leftover).append(row)
    batches = [
        {
            "rows": len(chunk),
            "ids": _column(r["id"] for r in chunk),
            "member_of": _column(r["member_of"] for r in chunk),
        }
        for chunk in _chunks(members, size)
    ]
    return batches, leftover


def pack_links(
    rows: Sequence[dict[str, Any]], size: int
) -> tuple[list[PackedBatch], list[dict[str, Any]]]:
    """Link rows (see :func:`~sinergi_graph.store.neo4j.rows.link_row`) as packed batches.

    Returns
    -------
    batches, leftover
        One batch per link type and ``size`` rows, and the rows that cannot be packed.
    """
    by_type: dict[str, list[dict[str, Any]]] = {}
    leftover: list[dict[str, Any]] = []
    for row in rows:
        props = row["props"]
        texts = (row["source"], row["target"], props["id"], props["topic"], props["note"])
        if _packable(texts):
            by_type.setdefault(row["type"], []).append(row)
        else:
            leftover.append(row)
    batches: list[PackedBatch] = []
    for type_, same_type in by_type.items():
        for chunk in _chunks(same_type, size):
            batch: PackedBatch = {"type": type_, "rows": len(chunk)}
            batch["sources"] = _column(r["source"] for r in chunk)
            batch["targets"] = _column(r["target"] for r in chunk)
            for param, field in _LINK_COLUMNS.items():
                values = (r["props"][field] for r in chunk)
                if field == "date":
                    values = (None if d is None else d.isoformat() for d in values)
                batch[param] = _column(values)
            batches.append(batch)
    return batches, leftover
