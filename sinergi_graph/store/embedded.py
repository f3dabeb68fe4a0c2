"""The embedded default store: one SQLite file, no server.

SQLite in WAL mode gives the guarantees coordinators need on a laptop: each
write is one transaction, so a killed import leaves the previous state, and
the file carries its schema version so an older sinergi refuses a newer file.

A store opened for reading (``read_only=True``) never writes: it does not
create a missing file, migrate, or take the write lock, so a colleague can
look while someone else imports, and a read-only file or file system can be
read.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.errors import SinergiError
from sinergi_graph.models import (
    Actor,
    ActorRow,
    ChangeSet,
    CoordinationLink,
    LinkRow,
    NetworkRows,
    NetworkStats,
    actor_from_columns,
    link_from_columns,
)
from sinergi_graph.store.embedded_records import (
    RECORD_SCHEMA,
    activity_rows,
    clear_records,
    delete_actor_refs,
    delete_records,
    read_activities,
    read_agreements,
    upsert_records,
)
from sinergi_graph.store.errors import (
    StoreBadRecord,
    StoreCorrupt,
    StoreDiskFull,
    StoreForeign,
    StoreLocked,
    StoreMissing,
    StoreNewer,
    StoreReadOnly,
    StoreWriteFailed,
)

__all__ = ["SCHEMA_VERSION", "EmbeddedStore"]

# 2: kegiatan (activities, attendance) and kerja sama (agreements, agreement_parties).
SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, area TEXT,
    member_of TEXT, phone TEXT, email TEXT, note TEXT, properties TEXT
);
CREATE INDEX IF NOT EXISTS actors_area ON actors(area);
CREATE INDEX IF NOT EXISTS actors_member_of ON actors(member_of);
CREATE TABLE IF NOT EXISTS links (
    id TEXT PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, type TEXT NOT NULL,
    date TEXT, topic TEXT, note TEXT
);
CREATE INDEX IF NOT EXISTS links_source ON links(source);
CREATE INDEX IF NOT EXISTS links_target ON links(target);
CREATE TABLE IF NOT EXISTS documents (
    namespace TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (namespace, key)
);
"""
_SCHEMA += RECORD_SCHEMA

_ACTOR_COLUMNS = "id, kind, name, area, member_of, phone, email, note, properties"
_LINK_COLUMNS = "id, source, target, type, date, topic, note"
_CHUNK = 900  # stays under SQLite's bound-parameter limit
_BUSY_SECONDS = 10

T = TypeVar("T")
R = TypeVar("R")


def _chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for item in ids:
        batch.append(item)
        if len(batch) == _CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _actor_params(a: Actor) -> tuple[object, ...]:
    props = json.dumps(a.properties, ensure_ascii=False, sort_keys=True) if a.properties else None
    return (a.id, a.kind, a.name, a.area, a.member_of, a.phone, a.email, a.note, props)


def _link_params(link: CoordinationLink) -> tuple[object, ...]:
    day = link.date.isoformat() if link.date else None
    return (link.id, link.source, link.target, link.type, day, link.topic, link.note)


def _first_line(text: str, limit: int = 160) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


class EmbeddedStore:
    """A :class:`~sinergi_graph.store.GraphStore` in a single SQLite file.

    Parameters
    ----------
    path : Path or str
        The store file.
    read_only : bool
        Open for reading only: the file must exist and be a sinergi store;
        nothing is created, migrated or locked (see the module docstring).

    Raises
    ------
    SinergiError
        :class:`StoreMissing` (read of a missing file), :class:`StoreForeign`
        (another application's database), :class:`StoreNewer`,
        :class:`StoreReadOnly`, :class:`StoreLocked` or :class:`StoreCorrupt`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sinergi_graph.models import Actor
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "net.db"
    >>> store = EmbeddedStore(path)
    >>> store.upsert([Actor(id="pps1", kind="PPS", name="PPS Tepus")], [])
    >>> store.stats().actors
    1
    >>> store.close()
    >>> reader = EmbeddedStore(path, read_only=True)
    >>> reader.is_empty()
    False
    >>> reader.close()
    """

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self.read_only = read_only
        self._opening: list[sqlite3.Connection] = []
        try:
            self._conn = self._open_for_reading() if read_only else self._open_for_writing()
        except BaseException as exc:
            # A failed open leaves no file handle behind (it would keep the file busy).
            for conn in self._opening:
                conn.close()
            if isinstance(exc, sqlite3.Error):
                raise self._translate(exc) from exc
            raise
        finally:
            self._opening = []

    # -- opening ------------------------------------------------------------

    def _open_for_reading(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise StoreMissing(path=self.location)
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=_BUSY_SECONDS, isolation_level=None)
        self._opening.append(conn)
        try:
            tables = self._tables(conn)
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") != "SQLITE_CANTOPEN":
                raise
            # A WAL file on a read-only file system: SQLite cannot create the
            # shared-memory file. Nothing can write there, so reading the file
            # as immutable is exact.
            conn.close()
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
            self._opening.append(conn)
            tables = self._tables(conn)
        if not tables:
            # An empty file (e.g. made with ``touch``) is an empty store; reading
            # it must not write sinergi's tables into it.
            conn.close()
            conn = sqlite3.connect(":memory:", isolation_level=None)
            self._opening.append(conn)
            conn.executescript(_SCHEMA + "INSERT INTO meta VALUES ('revision', '0');")
            return conn
        self._check_schema(conn, tables)
        return conn

    def _open_for_writing(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            if not self.path.parent.is_dir():
                raise StoreReadOnly(path=self.location) from exc
        if self.path.exists() and not self._writable():
            # Said before SQLite would fail later, on the first write, in its own words.
            raise StoreReadOnly(path=self.location)
        conn = sqlite3.connect(self.path, timeout=_BUSY_SECONDS, isolation_level=None)
        self._opening.append(conn)
        tables = self._tables(conn)
        if tables:
            # Checked before anything is written: another application's file
            # must not get sinergi's tables, a newer store must not be migrated.
            self._check_schema(conn, tables)
        # Setting WAL takes the write lock; skip it when the file is already in WAL
        # mode so opening never waits behind another process's import.
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=OFF")
        # 256 MiB page cache: a national upsert touches ~1M index entries.
        conn.execute("PRAGMA cache_size=-262144")
        if not tables or not self._schema_current(conn):
            self._conn = conn
            self._migrate()
        return conn

    @staticmethod
    def _tables(conn: sqlite3.Connection) -> set[str]:
        cur = conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        return {str(r[0]) for r in cur}

    def _check_schema(self, conn: sqlite3.Connection, tables: set[str]) -> None:
        row = None
        if "meta" in tables:
            row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is None or not {"actors", "links", "documents"} <= tables:
            raise StoreForeign(path=self.location, tables=", ".join(sorted(tables)[:5]))
        if int(row[0]) > SCHEMA_VERSION:
            raise StoreNewer(path=self.location, found=row[0], supported=SCHEMA_VERSION)

    @staticmethod
    def _schema_current(conn: sqlite3.Connection) -> bool:
        row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return row is not None and int(row[0]) == SCHEMA_VERSION

    def _migrate(self) -> None:
        with self._write() as cur:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    cur.execute(statement)
            row = cur.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None:
                cur.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                cur.execute("INSERT INTO meta VALUES ('revision', '0')")
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreNewer(path=self.location, found=row[0], supported=SCHEMA_VERSION)
            elif int(row[0]) < SCHEMA_VERSION:
                # The tables above were just created: the older file is now this version.
                cur.execute(
                    "UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),)
                )

    # -- errors -------------------------------------------------------------

    def _translate(self, exc: sqlite3.Error) -> SinergiError:
        """One clear error for what SQLite says, by its error code (not its wording)."""
        name = str(getattr(exc, "sqlite_errorname", ""))
        text = str(exc)
        if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED"):
            return StoreLocked(path=self.location)
        if name == "SQLITE_FULL":
            return StoreDiskFull(path=self.location)
        if name.startswith("SQLITE_READONLY") or (
            name == "SQLITE_CANTOPEN" and self.path.exists() and not self._writable()
        ):
            return StoreReadOnly(path=self.location)
        if name == "SQLITE_CANTOPEN" and not self.path.exists():
            return StoreMissing(path=self.location)
        if name.startswith("SQLITE_IOERR") and "READ" not in name:
            return StoreWriteFailed(path=self.location, detail=_first_line(text))
        return StoreCorrupt(path=self.location, detail=_first_line(text))

    def _writable(self) -> bool:
        return os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Cursor]:
        cur = self._conn.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            cur.close()
            raise self._translate(exc) from exc
        try:
            yield cur
            cur.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='revision'")
            cur.execute("COMMIT")
        except BaseException as exc:
            # SQLite already rolled back on some errors (a full disk, an I/O error):
            # a second ROLLBACK would fail and hide the real cause.
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._translate(exc) from exc
            raise
        finally:
            cur.close()

    def _read(self, work: Callable[[sqlite3.Connection], R]) -> R:
        """Run ``work`` in one read transaction: one snapshot, never the write lock."""
        try:
            self._conn.execute("BEGIN")
            try:
                return work(self._conn)
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc

    def _records(
        self, build: Callable[[Sequence[object]], T], kind: str, rows: list[Sequence[object]]
    ) -> list[T]:
        try:
            with cycle_collector_paused():
                return [build(r) for r in rows]
        except (ValueError, TypeError):
            pass
        # Only after a failure: find the broken record and name it.
        found: list[T] = []
        for r in rows:
            try:
                found.append(build(r))
            except (ValueError, TypeError) as exc:
                raise StoreBadRecord(
                    path=self.location, record=f"{kind} {r[0]}", detail=_first_line(str(exc))
                ) from exc
        return found

    def _actors_of(self, rows: list[Sequence[object]]) -> list[Actor]:
        return self._records(actor_from_columns, "actor", rows)

    def _links_of(self, rows: list[Sequence[object]]) -> list[CoordinationLink]:
        return self._records(link_from_columns, "link", rows)

    # -- writes -------------------------------------------------------------

    def upsert(
        self,
        actors: Sequence[Actor],
        links: Sequence[CoordinationLink],
        *,
        activities: Sequence[Activity] = (),
        agreements: Sequence[Agreement] = (),
    ) -> None:
        with self._write() as cur:
            self._upsert_in(cur, actors, links)
            upsert_records(cur, activities, agreements)

    def delete_records(
        self, *, activity_ids: Iterable[str] = (), agreement_ids: Iterable[str] = ()
    ) -> None:
        """Remove activities and agreements by id, in one transaction."""
        with self._write() as cur:
            delete_records(cur, activity_ids, agreement_ids)

    def delete(self, *, actor_ids: Iterable[str] = (), link_ids: Iterable[str] = ()) -> None:
        with self._write() as cur:
            self._delete_in(cur, actor_ids, link_ids)

    @staticmethod
    def _upsert_in(
        cur: sqlite3.Cursor, actors: Iterable[Actor], links: Iterable[CoordinationLink]
    ) -> None:
        cur.executemany(
            f"INSERT OR REPLACE INTO actors ({_ACTOR_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)",
            map(_actor_params, actors),
        )
        cur.executemany(
            f"INSERT OR REPLACE INTO links ({_LINK_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
            map(_link_params, links),
        )

    @staticmethod
    def _delete_in(cur: sqlite3.Cursor, actor_ids: Iterable[str], link_ids: Iterable[str]) -> None:
        for batch in _chunks(actor_ids):
            marks = ",".join("?" * len(batch))
            cur.execute(f"DELETE FROM links WHERE source IN ({marks})", batch)
            cur.execute(f"DELETE FROM links WHERE target IN ({marks})", batch)
            cur.execute(f"UPDATE actors SET member_of=NULL WHERE member_of IN ({marks})", batch)
            delete_actor_refs(cur, batch)
            cur.execute(f"DELETE FROM actors WHERE id IN ({marks})", batch)
        for batch in _chunks(link_ids):
            cur.execute(f"DELETE FROM links WHERE id IN ({','.join('?' * len(batch))})", batch)

    def apply_changes(
        self, changes: ChangeSet, documents: Sequence[tuple[str, str, str]] = ()
    ) -> None:
        """Delete, then upsert, then save ``(namespace, key, body)`` documents: one transaction."""
        with self._write() as cur:
            # Links first, as ChangeSet documents; an actor's own links go with it anyway.
            self._delete_in(cur, (), changes.delete_link_ids)
            self._delete_in(cur, changes.delete_actor_ids, ())
            delete_records(cur, changes.delete_activity_ids, changes.delete_agreement_ids)
            self._upsert_in(cur, changes.upsert_actors, changes.upsert_links)
            upsert_records(cur, changes.upsert_activities, changes.upsert_agreements)
            cur.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)", documents)

    def replace_all(
        self,
        actors: Iterable[Actor],
        links: Iterable[CoordinationLink],
        *,
        documents: Iterable[tuple[str, str, str]] | None = None,
        activities: Sequence[Activity] = (),
        agreements: Sequence[Agreement] = (),
    ) -> None:
        """Empty the network and fill it with ``actors``, ``links``, ``activities`` and
        ``agreements``: one transaction.

        With ``documents``, the saved documents are replaced too. Interrupted
        at any point (even SIGKILL), the store keeps the previous network.
        """
        with self._write() as cur:
            cur.execute("DELETE FROM links")
            cur.execute("DELETE FROM actors")
            clear_records(cur)
            if documents is not None:
                cur.execute("DELETE FROM documents")
                cur.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)", documents)
            self._upsert_in(cur, actors, links)
            upsert_records(cur, activities, agreements)

    def clear(self) -> None:
        with self._write() as cur:
            cur.execute("DELETE FROM links")
            cur.execute("DELETE FROM actors")
            clear_records(cur)

    # -- reads --------------------------------------------------------------

    def get_actor(self, actor_id: str) -> Actor | None:
        found = self.actors([actor_id])
        return found[0] if found else None

    def actors(self, ids: Iterable[str] | None = None) -> list[Actor]:
        if ids is None:
            sql = f"SELECT {_ACTOR_COLUMNS} FROM actors ORDER BY id"
            return self._actors_of(self._read(lambda c: c.execute(sql).fetchall()))
        wanted = list(ids)

        def rows(conn: sqlite3.Connection) -> list[Sequence[object]]:
            found: list[Sequence[object]] = []
            for batch in _chunks(wanted):
                marks = ",".join("?" * len(batch))
                sql = f"SELECT {_ACTOR_COLUMNS} FROM actors WHERE id IN ({marks})"
                found.extend(conn.execute(sql, batch))
            return found

        return sorted(self._actors_of(self._read(rows)), key=lambda a: a.id)

    def links(self, ids: Iterable[str] | None = None) -> list[CoordinationLink]:
        if ids is None:
            sql = f"SELECT {_LINK_COLUMNS} FROM links ORDER BY id"
            return self._links_of(self._read(lambda c: c.execute(sql).fetchall()))
        wanted = list(ids)

        def rows(conn: sqlite3.Connection) -> list[Sequence[object]]:
            found: list[Sequence[object]] = []
            for batch in _chunks(wanted):
                marks = ",".join("?" * len(batch))
                sql = f"SELECT {_LINK_COLUMNS} FROM links WHERE id IN ({marks})"
                found.extend(conn.execute(sql, batch))
            return found

        return sorted(self._links_of(self._read(rows)), key=lambda link: link.id)

    def links_of(self, actor_id: str) -> list[CoordinationLink]:
        sql = (
            f"SELECT {_LINK_COLUMNS} FROM links WHERE source=? UNION "
            f"SELECT {_LINK_COLUMNS} FROM links WHERE target=? ORDER BY date, id"
        )
        rows = self._read(lambda c: c.execute(sql, (actor_id, actor_id)).fetchall())
        return self._links_of(rows)

    def actor_kinds(self, ids: Iterable[str]) -> dict[str, str]:
        wanted = list(ids)

        def read(conn: sqlite3.Connection) -> dict[str, str]:
            kinds: dict[str, str] = {}
            for batch in _chunks(wanted):
                marks = ",".join("?" * len(batch))
                cur = conn.execute(f"SELECT id, kind FROM actors WHERE id IN ({marks})", batch)
                kinds.update(cur.fetchall())
            return kinds

        return self._read(read)

    def network_rows(self) -> NetworkRows:
        # Both tables from one snapshot: an import committing in between must not
        # give links whose actors were not read.
        with cycle_collector_paused():
            return self._read(self._network_rows)

    @staticmethod
    def _network_rows(conn: sqlite3.Connection) -> NetworkRows:
        actors = list(
            map(ActorRow._make, conn.execute("SELECT id, kind, name, area, member_of FROM actors"))
        )
        links = list(
            map(
                LinkRow._make,
                conn.execute("SELECT id, source, target, type, date, topic FROM links"),
            )
        )
        return NetworkRows(actors, links, activity_rows(conn))

    def activities(self, ids: Iterable[str] | None = None) -> list[Activity]:
        """Full activity records with their attendees, all or those with the given ids."""
        return self._read(lambda c: read_activities(c, ids))

    def agreements(self, ids: Iterable[str] | None = None) -> list[Agreement]:
        """Full agreement records with their parties, all or those with the given ids."""
        return self._read(lambda c: read_agreements(c, ids))

    def stats(self) -> NetworkStats:
        def read(conn: sqlite3.Connection) -> NetworkStats:
            by_kind = dict(
                conn.execute("SELECT kind, COUNT(*) FROM actors GROUP BY kind ORDER BY kind")
            )
            (links,) = conn.execute("SELECT COUNT(*) FROM links").fetchone()
            return NetworkStats(actors=sum(by_kind.values()), links=links, by_kind=by_kind)

        return self._read(read)

    def is_empty(self) -> bool:
        """True when the store holds no actor and no link (documents do not count)."""

        def read(conn: sqlite3.Connection) -> bool:
            return not any(
                conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
                for table in ("actors", "links")
            )

        return self._read(read)

    def revision(self) -> int:
        sql = "SELECT value FROM meta WHERE key='revision'"
        (value,) = self._read(lambda c: c.execute(sql).fetchone())
        return int(value)

    # -- documents ----------------------------------------------------------

    def put_document(self, namespace: str, key: str, body: str) -> None:
        with self._write() as cur:
            cur.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)", (namespace, key, body))

    def get_document(self, namespace: str, key: str) -> str | None:
        sql = "SELECT body FROM documents WHERE namespace=? AND key=?"
        row = self._read(lambda c: c.execute(sql, (namespace, key)).fetchone())
        return str(row[0]) if row else None

    def list_documents(self, namespace: str) -> list[str]:
        sql = "SELECT key FROM documents WHERE namespace=? ORDER BY key"
        return [str(r[0]) for r in self._read(lambda c: c.execute(sql, (namespace,)).fetchall())]

    def namespaces(self) -> list[str]:
        sql = "SELECT DISTINCT namespace FROM documents ORDER BY namespace"
        return [str(r[0]) for r in self._read(lambda c: c.execute(sql).fetchall())]

    def delete_document(self, namespace: str, key: str) -> bool:
        with self._write() as cur:
            cur.execute("DELETE FROM documents WHERE namespace=? AND key=?", (namespace, key))
            return cur.rowcount > 0

    def close(self) -> None:
        self._conn.close()
