"""Kegiatan and kerja sama in the import formats, so export → import is exact.

CSV gets ``activities.csv``, ``attendance.csv`` (one row per attendee, in
order) and ``agreements.csv`` (parties ``;``-separated); XLSX the same as
sheets; JSON ``"activities"`` (with ``attendees`` lists) and ``"agreements"``
(with ``parties`` lists), as design.md gives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sinergi_graph.activities import ACTIVITY_COLUMNS, AGREEMENT_COLUMNS, Activity, Agreement

__all__ = ["ATTENDANCE_COLUMNS", "record_json", "record_tables"]

ATTENDANCE_COLUMNS = ("activity", "actor")

# (table name, columns, rows): one CSV file or one workbook sheet each.
Table = tuple[str, Sequence[str], list[dict[str, Any]]]


def _activity_row(a: Activity) -> dict[str, Any]:
    return {
        "id": a.id,
        "date": a.date.isoformat(),
        "type": a.type,
        "topic": a.topic,
        "place": a.place,
        "area": a.area,
        "agreement": a.agreement,
        "note": a.note,
    }


def _agreement_row(g: Agreement, *, joined: bool) -> dict[str, Any]:
    return {
        "id": g.id,
        "title": g.title,
        "number": g.number,
        "parties": ";".join(g.parties) if joined else list(g.parties),
        "signed": g.signed.isoformat() if g.signed else None,
        "expires": g.expires.isoformat() if g.expires else None,
        "note": g.note,
    }


def record_tables(activities: Sequence[Activity], agreements: Sequence[Agreement]) -> list[Table]:
    """The three tables to write beside nodes and links (empty ones too: a clear picture).

    >>> import datetime as dt
    >>> a = Activity(id="K", date=dt.date(2023, 10, 5), attendees=("x", "y"))
    >>> [(name, len(rows)) for name, _, rows in record_tables([a], [])]
    [('activities', 1), ('attendance', 2), ('agreements', 0)]
    """
    return [
        ("activities", ACTIVITY_COLUMNS, [_activity_row(a) for a in activities]),
        (
            "attendance",
            ATTENDANCE_COLUMNS,
            [{"activity": a.id, "actor": actor} for a in activities for actor in a.attendees],
        ),
        ("agreements", AGREEMENT_COLUMNS, [_agreement_row(g, joined=True) for g in agreements]),
    ]


def record_json(
    activities: Sequence[Activity], agreements: Sequence[Agreement]
) -> dict[str, list[dict[str, Any]]]:
    """The JSON keys (empty lists left out, so a network without records exports as before)."""
    doc: dict[str, list[dict[str, Any]]] = {}
    if activities:
        doc["activities"] = [
            {**_activity_row(a), "attendees": list(a.attendees)} for a in activities
        ]
    if agreements:
        doc["agreements"] = [_agreement_row(g, joined=False) for g in agreements]
    return doc
