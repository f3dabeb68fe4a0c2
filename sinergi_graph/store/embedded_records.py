"""Kegiatan and kerja sama in the embedded store: their tables and statements.

Kept beside :mod:`sinergi_graph.store.embedded`, which calls these inside its
own transactions, so an import writes actors, links, activities and
agreements in one. Attendees and parties are rows of their own tables, in the
order given, and go with their actor when it is deleted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence

from sinergi_graph.activities import (
    Activity,
    Agreement,
    activity_from_columns,
    agreement_from_columns,
)
from sinergi_graph.models import ActivityRow

__all__ = [
    "RECORD_SCHEMA",
    "activity_rows",
    "clear_records",
    "delete_actor_refs",
    "delete_records",
    "read_activities",
    "read_agreements",
    "upsert_records",
]

# Schema version 2 adds these; CREATE IF NOT EXISTS makes the migration from 1 this script.
RECORD_SCHEMA = """
CREATE TABLE IF NOT EXISTS activities (
    id TEXT PRIMARY KEY, date TEXT NOT NULL, type TEXT NOT NULL, topic TEXT, place TEXT,
    area TEXT, agreement TEXT, note TEXT
);
CREATE INDEX IF NOT EXISTS activities_date ON activities(date);
CREATE TABLE IF NOT EXISTS attendance (
    activity TEXT NOT NULL, actor TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (activity, actor)
);
CREATE INDEX IF NOT EXISTS attendance_actor ON attendance(actor);
CREATE TABLE IF NOT EXISTS agreements (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, number TEXT, signed TEXT, expires TEXT, note TEXT
);
CREATE TABLE IF NOT EXISTS agreement_parties (
    agreement TEXT NOT NULL, actor TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (agreement, actor)
);
CREATE INDEX IF NOT EXISTS agreement_parties_actor ON agreement_parties(actor);
"""

_ACTIVITY = "id, date, type, topic, place, area, agreement, note"
_AGREEMENT = "id, title, number, signed, expires, note"
_CHUNK = 900  # under SQLite's bound-parameter limit


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in ids:
        batch.append(item)
        if len(batch) == _CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _has_tables(conn: sqlite3.Connection | sqlite3.Cursor) -> bool:
    # A version-1 file opened read-only is not migrated: it simply has none.
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='activities'"
    ).fetchone()
    return row is not None


def upsert_records(
    cur: sqlite3.Cursor, activities: Sequence[Activity], agreements: Sequence[Agreement]
) -> None:
    """Insert or replace activities and agreements (with attendees and parties) by id."""
    for batch in _chunks(a.id for a in activities):
        marks = ",".join("?" * len(batch))
        cur.execute(f"DELETE FROM attendance WHERE activity IN ({marks})", batch)
    cur.executemany(
        f"INSERT OR REPLACE INTO activities ({_ACTIVITY}) VALUES (?,?,?,?,?,?,?,?)",
        (
            (a.id, a.date.isoformat(), a.type, a.topic, a.place, a.area, a.agreement, a.note)
            for a in activities
        ),
    )
    cur.executemany(
        "INSERT OR REPLACE INTO attendance VALUES (?, ?, ?)",
        ((a.id, actor, i) for a in activities for i, actor in enumerate(a.attendees)),
    )
    for batch in _chunks(g.id for g in agreements):
        marks = ",".join("?" * len(batch))
        cur.execute(f"DELETE FROM agreement_parties WHERE agreement IN ({marks})", batch)
    cur.executemany(
        f"INSERT OR REPLACE INTO agreements ({_AGREEMENT}) VALUES (?,?,?,?,?,?)",
        (
            (
                g.id,
                g.title,
                g.number,
                g.signed.isoformat() if g.signed else None,
                g.expires.isoformat() if g.expires else None,
                g.note,
            )
            for g in agreements
        ),
    )
    cur.executemany(
        "INSERT OR REPLACE INTO agreement_parties VALUES (?, ?, ?)",
        ((g.id, actor, i) for g in agreements for i, actor in enumerate(g.parties)),
    )


def delete_records(
    cur: sqlite3.Cursor, activity_ids: Iterable[str], agreement_ids: Iterable[str]
) -> None:
    """Remove activities and agreements with their attendees and parties."""
    for batch in _chunks(activity_ids):
        marks = ",".join("?" * len(batch))
        cur.execute(f"DELETE FROM attendance WHERE activity IN ({marks})", batch)
        cur.execute(f"DELETE FROM activities WHERE id IN ({marks})", batch)
    for batch in _chunks(agreement_ids):
        marks = ",".join("?" * len(batch))
        cur.execute(f"DELETE FROM agreement_parties WHERE agreement IN ({marks})", batch)
        cur.execute(f"UPDATE activities SET agreement=NULL WHERE agreement IN ({marks})", batch)
        cur.execute(f"DELETE FROM agreements WHERE id IN ({marks})", batch)


def delete_actor_refs(cur: sqlite3.Cursor, actor_ids: Sequence[str]) -> None:
    """A deleted actor attended nothing and is party to nothing any more."""
    marks = ",".join("?" * len(actor_ids))
    cur.execute(f"DELETE FROM attendance WHERE actor IN ({marks})", actor_ids)
    cur.execute(f"DELETE FROM agreement_parties WHERE actor IN ({marks})", actor_ids)


def clear_records(cur: sqlite3.Cursor) -> None:
    for table in ("attendance", "activities", "agreement_parties", "agreements"):
        cur.execute(f"DELETE FROM {table}")


def _members(
    conn: sqlite3.Connection, table: str, key: str, ids: list[str] | None
) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if ids is None:
        cur = conn.execute(f"SELECT {key}, actor FROM {table} ORDER BY {key}, position")
        for owner, actor in cur:
            out.setdefault(owner, []).append(actor)
        return out
    for batch in _chunks(ids):
        marks = ",".join("?" * len(batch))
        cur = conn.execute(
            f"SELECT {key}, actor FROM {table} WHERE {key} IN ({marks}) ORDER BY {key}, position",
            batch,
        )
        for owner, actor in cur:
            out.setdefault(owner, []).append(actor)
    return out


def _rows(
    conn: sqlite3.Connection, table: str, columns: str, ids: list[str] | None
) -> list[Sequence[object]]:
    if ids is None:
        return conn.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()
    found: list[Sequence[object]] = []
    for batch in _chunks(ids):
        marks = ",".join("?" * len(batch))
        found.extend(conn.execute(f"SELECT {columns} FROM {table} WHERE id IN ({marks})", batch))
    return sorted(found, key=lambda r: str(r[0]))


def read_activities(conn: sqlite3.Connection, ids: Iterable[str] | None) -> list[Activity]:
    if not _has_tables(conn):
        return []
    wanted = None if ids is None else list(ids)
    attendees = _members(conn, "attendance", "activity", wanted)
    return [
        activity_from_columns(r, attendees.get(str(r[0]), ()))
        for r in _rows(conn, "activities", _ACTIVITY, wanted)
    ]


def read_agreements(conn: sqlite3.Connection, ids: Iterable[str] | None) -> list[Agreement]:
    if not _has_tables(conn):
        return []
    wanted = None if ids is None else list(ids)
    parties = _members(conn, "agreement_parties", "agreement", wanted)
    return [
        agreement_from_columns(r, parties.get(str(r[0]), ()))
        for r in _rows(conn, "agreements", _AGREEMENT, wanted)
    ]


def activity_rows(conn: sqlite3.Connection) -> list[ActivityRow]:
    """Every activity as the analysis reads it (attendees in order)."""
    if not _has_tables(conn):
        return []
    attendees = _members(conn, "attendance", "activity", None)
    return [
        ActivityRow(str(i), str(ty), str(day), topic, tuple(attendees.get(str(i), ())))
        for i, day, ty, topic in conn.execute("SELECT id, date, type, topic FROM activities")
    ]
