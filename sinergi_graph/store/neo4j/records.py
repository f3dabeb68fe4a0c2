"""Kegiatan and kerja sama in Neo4j: parameter rows in, records out.

An activity is ``(:Kegiatan {id, date, type, topic, place, area, agreement,
note})`` with ``(:Actor)-[:HADIR {position}]->(:Kegiatan)`` per attendee; an
agreement is ``(:KerjaSama {id, title, number, signed, expires, note})`` with
``(:Actor)-[:PIHAK {position}]->(:KerjaSama)`` per party. The statements are
``queries/activities_*.cypher``, ``queries/agreements_*.cypher``,
``network_activities`` and ``records_clear``; :class:`Neo4jStore` runs them in
its own transactions, so an import writes everything in one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import neo4j

from sinergi_graph.activities import (
    Activity,
    Agreement,
    activity_from_columns,
    agreement_from_columns,
)
from sinergi_graph.models import ActivityRow
from sinergi_graph.store.errors import Neo4jWriteRefused
from sinergi_graph.store.neo4j.errors import unknown_actors
from sinergi_graph.store.neo4j.plan import Tx
from sinergi_graph.store.neo4j.rows import batches

__all__ = [
    "activities_from",
    "activity_rows_from",
    "agreements_from",
    "clear",
    "delete",
    "endpoints",
    "upsert",
]

Run = Callable[..., neo4j.Record | None]


def endpoints(activities: Sequence[Activity], agreements: Sequence[Agreement]) -> set[str]:
    """Every actor id the records name (attendees and parties)."""
    ids = {actor for a in activities for actor in a.attendees}
    ids.update(actor for g in agreements for actor in g.parties)
    return ids


def check_endpoints(read: Callable[..., list[neo4j.Record]], wanted: set[str]) -> None:
    """Refuse links and records naming actors that exist neither in the store nor in the write.

    A Neo4j relationship needs both of its nodes; saying so before writing
    anything beats a half-written import. ``read`` is the store's read.
    """
    if not wanted:
        return
    missing: list[str] = []
    for batch in batches(sorted(wanted)):
        found = read("actors_missing", ids=list(batch))
        missing.extend(found[0]["missing"])
    if missing:
        raise Neo4jWriteRefused(detail=unknown_actors(missing))


def _activity_row(a: Activity) -> dict[str, Any]:
    props = {
        "id": a.id,
        "date": a.date.isoformat(),
        "type": a.type,
        "topic": a.topic,
        "place": a.place,
        "area": a.area,
        "agreement": a.agreement,
        "note": a.note,
    }
    return {"id": a.id, "props": props, "attendees": list(a.attendees)}


def _agreement_row(g: Agreement) -> dict[str, Any]:
    props = {
        "id": g.id,
        "title": g.title,
        "number": g.number,
        "signed": g.signed.isoformat() if g.signed else None,
        "expires": g.expires.isoformat() if g.expires else None,
        "note": g.note,
    }
    return {"id": g.id, "props": props, "parties": list(g.parties)}


def upsert(
    run: Run, tx: Tx, activities: Sequence[Activity], agreements: Sequence[Agreement]
) -> None:
    """Write ``activities`` and ``agreements`` in ``tx`` (attendees must exist by now)."""
    for batch in batches([_agreement_row(g) for g in agreements]):
        run(tx, "agreements_upsert", rows=batch)
    for batch in batches([_activity_row(a) for a in activities]):
        run(tx, "activities_upsert", rows=batch)


def delete(run: Run, tx: Tx, activity_ids: Iterable[str], agreement_ids: Iterable[str]) -> None:
    for batch in batches(list(dict.fromkeys(activity_ids))):
        run(tx, "activities_delete", ids=batch)
    for batch in batches(list(dict.fromkeys(agreement_ids))):
        run(tx, "agreements_delete", ids=batch)


def clear(run: Run, tx: Tx) -> None:
    run(tx, "records_clear")


def activities_from(records: Iterable[neo4j.Record]) -> list[Activity]:
    out: list[Activity] = []
    for r in records:
        values = r.values()
        out.append(activity_from_columns(values[:8], values[8]))
    return out


def agreements_from(records: Iterable[neo4j.Record]) -> list[Agreement]:
    out: list[Agreement] = []
    for r in records:
        values = r.values()
        out.append(agreement_from_columns(values[:6], values[6]))
    return out


def activity_rows_from(record: neo4j.Record | None) -> list[ActivityRow]:
    if record is None:
        return []
    return [ActivityRow(i, ty, day, topic, tuple(att)) for i, ty, day, topic, att in record["rows"]]
