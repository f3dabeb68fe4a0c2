"""The embedded default store: one SQLite file, no server.

SQLite in WAL mode gives the guarantees coordinators need on a laptop: each
write is one transaction, so a killed import leaves the previous state, and
the file carries its schema version so an older sinergi refuses a newer file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.errors import SinergiError
from sinergi_graph.models import (
    Actor,
    ActorRow,
    CoordinationLink,
    LinkRow,
    NetworkRows,
    NetworkStats,
    actor_from_columns,
    link_from_columns,
)

SCHEMA_VERSION = 1

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

_ACTOR_COLUMNS = "id, kind, name, area, member_of, phone, email, note, properties"
_LINK_COLUMNS = "id, source, target, type, date, topic, note"
_CHUNK = 900  # stays under SQLite's bound-parameter limit


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


class EmbeddedStore:
    """A :class:`~sinergi_graph.store.GraphStore` in a single SQLite file.

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
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=OFF")
            # 256 MiB page cache: a national upsert touches ~1M index entries.
            self._conn.execute("PRAGMA cache_size=-262144")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise self._translate(exc) from exc

    def _translate(self, exc: sqlite3.Error) -> SinergiError:
        if "locked" in str(exc) or "busy" in str(exc):
            return SinergiError("store_locked", path=self.location)
        return SinergiError("store_corrupt", path=self.location, detail=str(exc))

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
                raise SinergiError(
                    "store_newer", path=self.location, found=row[0], supported=SCHEMA_VERSION
                )

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Cursor]:
        cur = self._conn.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._translate(exc) from exc
        try:
            yield cur
            cur.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='revision'")
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        finally:
            cur.close()

    def upsert(self, actors: Sequence[Actor], links: Sequence[CoordinationLink]) -> None:
        self.apply_changes(upsert_actors=actors, upsert_links=links)

    def delete(self, *, actor_ids: Iterable[str] = (), link_ids: Iterable[str] = ()) -> None:
        self.apply_changes(delete_actor_ids=actor_ids, delete_link_ids=link_ids)

    def apply_changes(
        self,
        *,
        delete_link_ids: Iterable[str] = (),
        delete_actor_ids: Iterable[str] = (),
        upsert_actors: Iterable[Actor] = (),
        upsert_links: Iterable[CoordinationLink] = (),
        documents: Iterable[tuple[str, str, str]] = (),
    ) -> None:
        with self._write() as cur:
            for batch in _chunks(delete_actor_ids):
                marks = ",".join("?" * len(batch))
                cur.execute(f"DELETE FROM links WHERE source IN ({marks})", batch)
                cur.execute(f"DELETE FROM links WHERE target IN ({marks})", batch)
                cur.execute(f"UPDATE actors SET member_of=NULL WHERE member_of IN ({marks})", batch)
                cur.execute(f"DELETE FROM actors WHERE id IN ({marks})", batch)
            for batch in _chunks(delete_link_ids):
                cur.execute(f"DELETE FROM links WHERE id IN ({','.join('?' * len(batch))})", batch)
            cur.executemany(
                f"INSERT OR REPLACE INTO actors ({_ACTOR_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?)",
                map(_actor_params, upsert_actors),
            )
            cur.executemany(
                f"INSERT OR REPLACE INTO links ({_LINK_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
                map(_link_params, upsert_links),
            )
            cur.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)", documents)

    def clear(self) -> None:
        with self._write() as cur:
            cur.execute("DELETE FROM links")
            cur.execute("DELETE FROM actors")

    def get_actor(self, actor_id: str) -> Actor | None:
        row = self._conn.execute(
            f"SELECT {_ACTOR_COLUMNS} FROM actors WHERE id=?", (actor_id,)
        ).fetchone()
        return actor_from_columns(row) if row else None

    def actors(self, ids: Iterable[str] | None = None) -> list[Actor]:
        if ids is None:
            cur = self._conn.execute(f"SELECT {_ACTOR_COLUMNS} FROM actors ORDER BY id")
            with cycle_collector_paused():
                return [actor_from_columns(r) for r in cur]
        found: list[Actor] = []
        for batch in _chunks(ids):
            marks = ",".join("?" * len(batch))
            cur = self._conn.execute(
                f"SELECT {_ACTOR_COLUMNS} FROM actors WHERE id IN ({marks})", batch
            )
            found.extend(actor_from_columns(r) for r in cur)
        return sorted(found, key=lambda a: a.id)

    def links(self, ids: Iterable[str] | None = None) -> list[CoordinationLink]:
        if ids is None:
            cur = self._conn.execute(f"SELECT {_LINK_COLUMNS} FROM links ORDER BY id")
            with cycle_collector_paused():
                return [link_from_columns(r) for r in cur]
        found: list[CoordinationLink] = []
        for batch in _chunks(ids):
            marks = ",".join("?" * len(batch))
            cur = self._conn.execute(
                f"SELECT {_LINK_COLUMNS} FROM links WHERE id IN ({marks})", batch
            )
            found.extend(link_from_columns(r) for r in cur)
        return sorted(found, key=lambda link: link.id)

    def links_of(self, actor_id: str) -> list[CoordinationLink]:
        cur = self._conn.execute(
            f"SELECT {_LINK_COLUMNS} FROM links WHERE source=? UNION "
            f"SELECT {_LINK_COLUMNS} FROM links WHERE target=? ORDER BY date, id",
            (actor_id, actor_id),
        )
        return [link_from_columns(r) for r in cur]

    def actor_kinds(self, ids: Iterable[str]) -> dict[str, str]:
        kinds: dict[str, str] = {}
        for batch in _chunks(ids):
            marks = ",".join("?" * len(batch))
            cur = self._conn.execute(f"SELECT id, kind FROM actors WHERE id IN ({marks})", batch)
            kinds.update(cur.fetchall())
        return kinds

    def network_rows(self) -> NetworkRows:
        with cycle_collector_paused():
            return self._network_rows()

    def _network_rows(self) -> NetworkRows:
        actors = list(
            map(
                ActorRow._make,
                self._conn.execute("SELECT id, kind, name, area, member_of FROM actors"),
            )
        )
        links = list(
            map(
                LinkRow._make,
                self._conn.execute("SELECT id, source, target, type, date, topic FROM links"),
            )
        )
        return NetworkRows(actors, links)

    def stats(self) -> NetworkStats:
        by_kind = dict(
            self._conn.execute("SELECT kind, COUNT(*) FROM actors GROUP BY kind ORDER BY kind")
        )
        (links,) = self._conn.execute("SELECT COUNT(*) FROM links").fetchone()
        return NetworkStats(actors=sum(by_kind.values()), links=links, by_kind=by_kind)

    def revision(self) -> int:
        (value,) = self._conn.execute("SELECT value FROM meta WHERE key='revision'").fetchone()
        return int(value)

    def put_document(self, namespace: str, key: str, body: str) -> None:
        with self._write() as cur:
            cur.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)", (namespace, key, body))

    def get_document(self, namespace: str, key: str) -> str | None:
        row = self._conn.execute(
            "SELECT body FROM documents WHERE namespace=? AND key=?", (namespace, key)
        ).fetchone()
        return str(row[0]) if row else None

    def list_documents(self, namespace: str) -> list[str]:
        cur = self._conn.execute(
            "SELECT key FROM documents WHERE namespace=? ORDER BY key", (namespace,)
        )
        return [str(r[0]) for r in cur]

    def namespaces(self) -> list[str]:
        cur = self._conn.execute("SELECT DISTINCT namespace FROM documents ORDER BY namespace")
        return [str(r[0]) for r in cur]

    def delete_document(self, namespace: str, key: str) -> bool:
        with self._write() as cur:
            cur.execute("DELETE FROM documents WHERE namespace=? AND key=?", (namespace, key))
            return cur.rowcount > 0

    def close(self) -> None:
        self._conn.close()
