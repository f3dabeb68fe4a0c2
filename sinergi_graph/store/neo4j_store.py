"""The shared store: one coordination network in a Neo4j database.

The graph is modelled the way a Neo4j Browser user expects:

- actors are ``(:Actor:<Category>:<KIND> {id, kind, name, area, member_of,
  phone, email, note, properties_json})``, e.g. ``(:Actor:Penyelenggara:PPS)``;
  the two extra labels come from the kind catalogue, never from user text;
- areas are ``(:Area {code, name, level})`` with ``(:Area)-[:IN]->(:Area)`` up
  to the province, created for every area an actor uses;
- ``(:Actor)-[:LOCATED_IN]->(:Area)`` and ``(:Actor)-[:MEMBER_OF]->(:Actor)``;
- coordination links are relationships typed by their link type
  (``:KOORDINASI``, ``:RAPAT``, …) with ``{id, date, topic, note}``; the id is
  unique per type, so parallel links between one pair stay distinct;
- saved documents are ``(:SinergiDocument {namespace, key, body})`` and the
  revision counter lives on ``(:SinergiMeta {name: 'network'})``.

Every statement is a file in ``queries/`` (see :mod:`sinergi_graph.store.cypher`);
values travel as parameters only.

Atomicity: an upsert, a delete and a clear are each one transaction. When the
server cannot hold a write that large in its transaction memory (a national
import on a small heap), the write is redone in batches of their own
transactions; each batch is idempotent, the database is marked incomplete
(``SinergiMeta.incomplete``) until the last batch commits, and running the same
import again finishes it.
"""

from __future__ import annotations

import atexit
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import neo4j
from neo4j import exceptions as nx_exc

from sinergi_graph.areas import CODE_LENGTH, load_areas
from sinergi_graph.errors import SinergiError
from sinergi_graph.kinds import KindCatalogue, default_catalogue
from sinergi_graph.models import (
    Actor,
    ActorRow,
    CoordinationLink,
    LinkRow,
    LinkType,
    NetworkRows,
    NetworkStats,
    actor_from_columns,
    link_from_columns,
    link_id,
)
from sinergi_graph.store.cypher import query, statements

if TYPE_CHECKING:
    from sinergi_graph.gaps import Gap
    from sinergi_graph.rules import Rule

SCHEMA_VERSION = 1

#: Rows sent in one ``UNWIND $rows`` statement: large enough that the round
#: trips don't dominate, small enough that one statement's working set stays small.
BATCH_SIZE = 10_000

_KIND_LABEL = re.compile(r"^[A-Z][A-Z0-9_]*$")
_CATEGORY_LABEL = re.compile(r"^[A-Z][a-z]+$")
_LINK_TYPES = frozenset(t.value for t in LinkType)
_LEVEL_OF_LENGTH = {n: level.value for level, n in CODE_LENGTH.items()}

# Server errors that mean "this transaction does not fit in memory": retrying the
# same transaction cannot help, doing it in smaller transactions can.
_MEMORY_CODES = frozenset(
    {
        "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
        "Neo.TransientError.General.TransactionMemoryLimit",
        "Neo.TransientError.General.OutOfMemoryError",
    }
)
_WRITE_REFUSED_CODES = frozenset(
    {
        "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase",
        "Neo.ClientError.Security.Forbidden",
        "Neo.ClientError.Cluster.NotALeader",
        "Neo.ClientError.General.WriteOnReadOnlyAccessDatabase",
    }
)

log = logging.getLogger(__name__)

T = TypeVar("T")
Progress = Callable[[int], None]


# --------------------------------------------------------------------------
# One driver per process


_drivers: dict[tuple[str, str | None, str | None], neo4j.Driver] = {}
_schema_ready: set[tuple[int, str]] = set()
_lock = threading.Lock()


def _driver(uri: str, auth: tuple[str, str] | None) -> neo4j.Driver:
    """The process-wide driver for ``uri`` and ``auth`` (a driver owns a connection pool)."""
    key = (uri, auth[0] if auth else None, auth[1] if auth else None)
    with _lock:
        driver = _drivers.get(key)
        if driver is None:
            # Server notifications ("label does not exist" on an empty database) are
            # noise for the people using sinergi; switching them off also saves the server work.
            driver = neo4j.GraphDatabase.driver(
                uri, auth=auth, notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF
            )
            _drivers[key] = driver
        return driver


def _forget_driver(driver: neo4j.Driver) -> None:
    """Drop a driver that failed to connect, so the next attempt starts afresh."""
    with _lock:
        for key, known in list(_drivers.items()):
            if known is driver:
                del _drivers[key]
        _schema_ready.difference_update({k for k in _schema_ready if k[0] == id(driver)})
    driver.close()


@atexit.register
def close_drivers() -> None:
    """Close every driver this process opened (also run at interpreter exit)."""
    with _lock:
        drivers = list(_drivers.values())
        _drivers.clear()
        _schema_ready.clear()
    for driver in drivers:
        with suppress(Exception):  # closing at exit must never raise
            driver.close()


# --------------------------------------------------------------------------
# Rows in and out


def _batches(rows: Sequence[T], size: int = BATCH_SIZE) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _last_wins(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """Items with duplicate ids collapsed to the last one, as a replace-by-id store does."""
    by_id: dict[str, T] = {}
    for item in items:
        by_id.pop(key(item), None)
        by_id[key(item)] = item
    return list(by_id.values())


def _native_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, neo4j.time.Date):
        native: date = value.to_native()
        return native
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _link_from_record(values: Sequence[Any]) -> CoordinationLink:
    id_, source, target, type_, day, topic, note = values
    return link_from_columns((id_, source, target, type_, _native_date(day), topic, note))


def _first_line(text: str, limit: int = 200) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _value(record: neo4j.Record | None, key: str) -> Any:
    """``record[key]`` of a statement that always returns one row."""
    if record is None:
        raise SinergiError("neo4j_error", detail=f"no result row for {key}")
    return record[key]


#: A transaction statements run in: managed (``execute_write``) or explicit.
Tx = neo4j.ManagedTransaction | neo4j.Transaction
Step = Callable[[Tx], None]


@dataclass
class _Survey:
    """What an upsert found in the store before writing."""

    populated: bool
    actors: set[str] = field(default_factory=set)
    #: Ids of links that may replace a stored link, and of those found:
    #: ``{id: (element id, type, source, target)}``.
    link_ids: list[str] = field(default_factory=list)
    links: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)


class _MemoryFull(Exception):
    """Carries a server memory error out of a managed transaction without a retry."""

    def __init__(self, error: nx_exc.TransientError) -> None:
        super().__init__(error.message)
        self.error = error


class _TooLarge(Exception):
    """The server ran out of transaction memory (not retried by the driver)."""


# --------------------------------------------------------------------------
# The store


class Neo4jStore:
    """A :class:`~sinergi_graph.store.GraphStore` in a Neo4j 5.26+ database.

    Parameters
    ----------
    uri : str
        ``bolt://host:7687``, ``neo4j://host:7687`` or a ``+s`` / ``+ssc`` variant.
    user, password : str, optional
        Credentials; no password means no authentication (a server with auth disabled).
    database : str
        The database to use (``neo4j`` by default; Community has only that one).
    catalogue : KindCatalogue, optional
        Where node labels come from (the built-in catalogue by default).

    Raises
    ------
    SinergiError
        ``neo4j_unreachable``, ``neo4j_auth``, ``neo4j_database`` or
        ``store_newer`` with what to do about it.

    Examples
    --------
    >>> store = Neo4jStore("bolt://localhost:7687", password="secret")  # doctest: +SKIP
    >>> store.upsert([Actor(id="pps1", kind="PPS", name="PPS Tepus")], [])  # doctest: +SKIP
    """

    def __init__(
        self,
        uri: str,
        *,
        user: str | None = "neo4j",
        password: str | None = None,
        database: str = "neo4j",
        catalogue: KindCatalogue | None = None,
    ) -> None:
        self.uri = uri
        self.database = database or "neo4j"
        self.location = f"{uri.rstrip('/')}/{self.database}"
        self._catalogue = catalogue or default_catalogue()
        self._labels: dict[str, list[str]] = {}
        #: Seconds spent in each statement of a write, summed (what limits an import).
        self.timings: dict[str, float] = {}
        auth = (user or "neo4j", password) if password else None
        try:
            self._driver = _driver(uri, auth)
        except (ValueError, nx_exc.ConfigurationError) as exc:
            raise SinergiError("neo4j_unreachable", uri=uri, detail=_first_line(str(exc))) from exc
        try:
            self._driver.verify_connectivity()
        except Exception as exc:
            # A driver that cannot connect is not kept: the next attempt starts afresh.
            _forget_driver(self._driver)
            raise self._translate(exc) from exc
        with self._errors():
            meta = self._read_meta()
        found = meta["schema_version"]
        if found is not None and int(found) > SCHEMA_VERSION:
            raise SinergiError(
                "store_newer", path=self.location, found=found, supported=SCHEMA_VERSION
            )
        if meta["incomplete"]:
            log.warning(
                "%s: an import did not finish (%s); run it again", self.location, meta["incomplete"]
            )

    # -- plumbing -----------------------------------------------------------

    def _translate(self, exc: BaseException) -> SinergiError:
        """One clear, actionable error for anything the driver or server raises."""
        if isinstance(exc, SinergiError):
            return exc
        if isinstance(exc, nx_exc.AuthError):
            return SinergiError("neo4j_auth", uri=self.uri)
        if isinstance(exc, nx_exc.Neo4jError):
            code = exc.code or ""
            if code == "Neo.ClientError.Database.DatabaseNotFound":
                return SinergiError("neo4j_database", uri=self.uri, database=self.database)
            if code.startswith("Neo.ClientError.Security.") and "Unauthorized" in code:
                return SinergiError("neo4j_auth", uri=self.uri)
            if code in _WRITE_REFUSED_CODES or isinstance(
                exc, nx_exc.Forbidden | nx_exc.ForbiddenOnReadOnlyDatabase | nx_exc.NotALeader
            ):
                return SinergiError("neo4j_write_refused", detail=_first_line(exc.message or code))
            return SinergiError("neo4j_error", detail=f"{code}: {_first_line(exc.message or '')}")
        if isinstance(exc, nx_exc.ServiceUnavailable | nx_exc.SessionExpired | OSError):
            return SinergiError("neo4j_unreachable", uri=self.uri, detail=_first_line(str(exc)))
        return SinergiError("neo4j_error", detail=_first_line(f"{type(exc).__name__}: {exc}"))

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except SinergiError:
            raise
        except (nx_exc.Neo4jError, nx_exc.DriverError, OSError) as exc:
            raise self._translate(exc) from exc

    def _read(self, name: str, **params: Any) -> list[neo4j.Record]:
        with self._errors():
            records, _, _ = self._driver.execute_query(
                query(name),
                params,
                database_=self.database,
                routing_=neo4j.RoutingControl.READ,
            )
        return list(records)

    def _read_meta(self) -> dict[str, Any]:
        records, _, _ = self._driver.execute_query(
            query("meta_read"), database_=self.database, routing_=neo4j.RoutingControl.READ
        )
        return dict(records[0])

    def _ensure_schema(self) -> None:
        """Create the constraints and indexes once per process and database (idempotent)."""
        key = (id(self._driver), self.database)
        if key in _schema_ready:
            return
        with self._errors():
            for statement in statements("schema"):
                self._driver.execute_query(statement, database_=self.database)
            self._driver.execute_query("CALL db.awaitIndexes(300)", database_=self.database)
        with _lock:
            _schema_ready.add(key)

    def _write(self, work: Callable[[Tx], T], *, splittable: bool = False) -> T:
        """Run ``work`` in one write transaction, then bump the revision in it.

        A transaction too large for the server's transaction memory raises
        :class:`_TooLarge` when the caller can split the work, else a clear error.
        """
        self._ensure_schema()
        before = sum(self.timings.values())
        started = time.perf_counter()
        with self._errors():
            try:
                if splittable:
                    result = self._write_explicit(work)
                else:
                    with self._driver.session(database=self.database) as session:
                        result = session.execute_write(self._unit(work))
            except (_MemoryFull, nx_exc.TransientError) as exc:
                error = exc.error if isinstance(exc, _MemoryFull) else exc
                if error.code not in _MEMORY_CODES:
                    raise
                if splittable:
                    raise _TooLarge(error.message) from exc
                raise SinergiError(
                    "neo4j_write_refused",
                    detail="the change does not fit in the server's transaction memory; raise "
                    "its heap (server.memory.heap.max_size; NEO4J_HEAP for docker compose)",
                ) from exc
        # What the transaction took beyond its statements: mostly the commit.
        spent = time.perf_counter() - started - sum(self.timings.values()) + before
        self.timings["commit"] = self.timings.get("commit", 0.0) + max(spent, 0.0)
        return result

    def _unit(self, work: Callable[[Tx], T]) -> Callable[[Tx], T]:
        def unit(tx: Tx) -> T:
            try:
                result = work(tx)
                self._run(tx, "meta_bump", schema_version=SCHEMA_VERSION, incomplete=None)
            except nx_exc.TransientError as exc:
                if exc.code in _MEMORY_CODES:
                    # Wrapped so the driver does not retry a transaction that cannot fit.
                    raise _MemoryFull(exc) from exc
                raise
            return result

        return unit

    def _write_explicit(self, work: Callable[[Tx], T], attempts: int = 3) -> T:
        """One explicit transaction, retried here on transient errors other than memory.

        A managed transaction would retry a commit that ran out of transaction
        memory, over and over, each attempt as long as the whole import.
        """
        for attempt in range(1, attempts + 1):
            try:
                with (
                    self._driver.session(database=self.database) as session,
                    session.begin_transaction() as tx,
                ):
                    result = work(tx)
                    self._run(tx, "meta_bump", schema_version=SCHEMA_VERSION, incomplete=None)
                    tx.commit()
                    return result
            except nx_exc.TransientError as exc:
                if exc.code in _MEMORY_CODES or attempt == attempts:
                    raise
                log.warning("%s: %s; retrying", self.location, _first_line(exc.message or ""))
                time.sleep(attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _write_steps(
        self, steps: Sequence[Callable[[Tx], object]], what: str
    ) -> None:
        """Run ``steps`` as separate transactions, marked incomplete until the last one commits."""
        self._ensure_schema()
        started = datetime.now(UTC).isoformat(timespec="seconds")
        marker = f"{what}, started {started}"
        log.warning("%s: too large for one transaction; writing in batches", self.location)

        def mark(tx: Tx, value: str | None) -> None:
            tx.run(query("meta_bump"), schema_version=SCHEMA_VERSION, incomplete=value).consume()

        with self._errors(), self._driver.session(database=self.database) as session:
            session.execute_write(mark, marker)
            for step in steps:
                session.execute_write(step)
            session.execute_write(mark, None)

    def _run(self, tx: Tx, name: str, **params: Any) -> neo4j.Record | None:
        """Run one statement in ``tx``; its time is added to :attr:`timings` (for benchmarks)."""
        started = time.perf_counter()
        record = tx.run(query(name), params).single()
        spent = time.perf_counter() - started
        self.timings[name] = self.timings.get(name, 0.0) + spent
        log.debug("%s: %.3f s", name, spent)
        return record

    # -- labels -------------------------------------------------------------

    def _labels_of(self, kind: str) -> list[str]:
        """``[Category, KIND]`` for a catalogue kind; no extra labels for anything else."""
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

    # -- writes -------------------------------------------------------------

    def _actor_row(self, a: Actor) -> dict[str, Any]:
        props = (
            json.dumps(a.properties, ensure_ascii=False, sort_keys=True) if a.properties else None
        )
        return {
            "id": a.id,
            "labels": self._labels_of(a.kind),
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

    @staticmethod
    def _link_row(link: CoordinationLink) -> dict[str, Any]:
        if link.type not in _LINK_TYPES:
            raise SinergiError(
                "neo4j_write_refused",
                detail=f"link {link.id}: unknown link type {link.type!r}",
            )
        return {
            "source": link.source,
            "target": link.target,
            "type": link.type,
            "props": {"id": link.id, "date": link.date, "topic": link.topic, "note": link.note},
        }

    @staticmethod
    def _area_rows(actors: Iterable[Actor]) -> list[dict[str, Any]]:
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

    def _check_endpoints(self, actor_ids: set[str], link_rows: Sequence[Mapping[str, Any]]) -> None:
        """Refuse links to actors that exist neither in the store nor in this upsert.

        A Neo4j relationship needs both of its nodes; saying so before writing
        anything beats a half-written import.
        """
        wanted = {r[end] for r in link_rows for end in ("source", "target")} - actor_ids
        if not wanted:
            return
        missing: list[str] = []
        ids = sorted(wanted)
        for batch in _batches(ids):
            records = self._read("actors_missing", ids=list(batch))
            missing.extend(records[0]["missing"])
        if missing:
            raise SinergiError(
                "neo4j_write_refused",
                detail=f"links refer to actors that do not exist: {', '.join(sorted(missing)[:5])}"
                + (f" (+{len(missing) - 5} more)" if len(missing) > 5 else ""),
            )

    def upsert(
        self,
        actors: Sequence[Actor],
        links: Sequence[CoordinationLink],
        *,
        progress: Progress | None = None,
    ) -> None:
        """Insert or replace actors and links by id, all in one transaction.

        When the server cannot hold the whole write in its transaction memory,
        it is written in batches of their own transactions instead (see the
        module docstring): running the same upsert again completes it.

        Parameters
        ----------
        actors, links : sequence
            Records to write; a later record with the same id replaces an earlier one.
        progress : callable, optional
            Called with the number of rows (actors + links) written so far.

        Raises
        ------
        SinergiError
            ``neo4j_write_refused`` for a link whose type is not a
            :class:`~sinergi_graph.models.LinkType` or whose ends are unknown
            actors (nothing is written then), or any connection error.
        """
        job = _UpsertJob(self, actors, links, progress)
        self._check_endpoints(set(job.actor_ids), job.link_rows)
        started = time.perf_counter()
        try:
            self._write(job.run, splittable=True)
        except _TooLarge:
            # The statement times of the attempt are replaced by its total, so the
            # timings describe the batched write that follows.
            self.timings.clear()
            self.timings["one transaction (refused)"] = time.perf_counter() - started
            with self._errors(), self._driver.session(database=self.database) as session:
                known = session.execute_read(job.survey)
            what = f"upsert of {len(job.actor_rows)} actors and {len(job.link_rows)} links"
            self._write_steps(job.steps(known, one_transaction=False), what)

    def _delete_in(self, tx: Tx, actors: list[str], links: list[str]) -> None:
        # Links first: their lookup by id is an index seek that slows down once
        # the transaction has deleted many relationships (as actor deletion does).
        for batch in _batches(links):
            self._run(tx, "links_delete_by_id", ids=batch)
        for batch in _batches(actors):
            self._run(tx, "actors_clear_membership", ids=batch)
            self._run(tx, "actors_delete", ids=batch)

    def delete(self, *, actor_ids: Iterable[str] = (), link_ids: Iterable[str] = ()) -> None:
        """Remove actors (with every link touching them) and links, in one transaction.

        Members of a removed institution keep existing with ``member_of`` cleared.
        """
        actors = list(dict.fromkeys(actor_ids))
        links = list(dict.fromkeys(link_ids))
        self._write(lambda tx: self._delete_in(tx, actors, links))

    def apply_changes(
        self,
        *,
        delete_link_ids: Iterable[str] = (),
        delete_actor_ids: Iterable[str] = (),
        upsert_actors: Iterable[Actor] = (),
        upsert_links: Iterable[CoordinationLink] = (),
        documents: Iterable[tuple[str, str, str]] = (),
    ) -> None:
        """Delete, then upsert, then save ``(namespace, key, body)`` documents: one transaction.

        The semantics of :meth:`delete` followed by :meth:`upsert` and
        :meth:`put_document`, so a scenario and its undo journal never disagree.
        """
        actors = list(dict.fromkeys(delete_actor_ids))
        links = list(dict.fromkeys(delete_link_ids))
        job = _UpsertJob(self, list(upsert_actors), list(upsert_links), None)
        docs = list(documents)
        self._check_endpoints(set(job.actor_ids), job.link_rows)

        def work(tx: Tx) -> None:
            self._delete_in(tx, actors, links)
            # Surveyed after the deletions, so a deleted-then-upserted record is new again.
            job.run(tx)
            for namespace, key, body in docs:
                self._run(tx, "doc_put", namespace=namespace, key=key, body=body)

        self._write(work)

    def clear(self) -> None:
        """Remove every actor and link and the area tree (saved documents stay)."""

        def work(tx: Tx) -> None:
            while _value(self._run(tx, "network_clear", limit=BATCH_SIZE), "deleted"):
                pass

        try:
            self._write(work, splittable=True)
        except _TooLarge:
            # Clearing is idempotent: each batch deletes what is left.
            self._write_steps([work], "clear")

    # -- reads --------------------------------------------------------------

    def get_actor(self, actor_id: str) -> Actor | None:
        found = self.actors([actor_id])
        return found[0] if found else None

    def actors(self, ids: Iterable[str] | None = None) -> list[Actor]:
        if ids is None:
            return [actor_from_columns(r.values()) for r in self._read("actors_all")]
        found: list[Actor] = []
        for batch in _batches(list(dict.fromkeys(ids))):
            records = self._read("actors_by_id", ids=batch)
            found.extend(actor_from_columns(r.values()) for r in records)
        return sorted(found, key=lambda a: a.id)

    def links(self, ids: Iterable[str] | None = None) -> list[CoordinationLink]:
        if ids is None:
            return [_link_from_record(r.values()) for r in self._read("links_all")]
        found: list[CoordinationLink] = []
        for batch in _batches(list(dict.fromkeys(ids))):
            records = self._read("links_by_id", ids=batch)
            found.extend(_link_from_record(r.values()) for r in records)
        return sorted(found, key=lambda link: link.id)

    def links_of(self, actor_id: str) -> list[CoordinationLink]:
        return [_link_from_record(r.values()) for r in self._read("links_of", id=actor_id)]

    def actor_kinds(self, ids: Iterable[str]) -> dict[str, str]:
        kinds: dict[str, str] = {}
        for batch in _batches(list(dict.fromkeys(ids))):
            kinds.update((r["id"], r["kind"]) for r in self._read("actor_kinds", ids=batch))
        return kinds

    def network_rows(self) -> NetworkRows:
        # One record holding one list per query: far cheaper to decode than a record per row.
        (actor_record,) = self._read("network_actors")
        (link_record,) = self._read("network_links")
        return NetworkRows(
            list(map(ActorRow._make, actor_record["rows"])),
            list(map(LinkRow._make, link_record["rows"])),
        )

    def stats(self) -> NetworkStats:
        by_kind = {r["kind"]: r["n"] for r in self._read("stats_by_kind")}
        (links,) = self._read("stats_links")
        return NetworkStats(actors=sum(by_kind.values()), links=links["links"], by_kind=by_kind)

    def revision(self) -> int:
        (record,) = self._read("meta_read")
        return int(record["revision"])

    # -- documents ----------------------------------------------------------

    def put_document(self, namespace: str, key: str, body: str) -> None:
        def work(tx: Tx) -> None:
            self._run(tx, "doc_put", namespace=namespace, key=key, body=body)

        self._write(work)

    def get_document(self, namespace: str, key: str) -> str | None:
        records = self._read("doc_get", namespace=namespace, key=key)
        return str(records[0]["body"]) if records else None

    def list_documents(self, namespace: str) -> list[str]:
        return [str(r["key"]) for r in self._read("doc_list", namespace=namespace)]

    def namespaces(self) -> list[str]:
        """Every namespace that holds saved documents (for copying a whole store)."""
        return [str(r["namespace"]) for r in self._read("doc_namespaces")]

    def delete_document(self, namespace: str, key: str) -> bool:
        def work(tx: Tx) -> int:
            return int(_value(self._run(tx, "doc_delete", namespace=namespace, key=key), "deleted"))

        return self._write(work) > 0

    # -- analysis in Cypher -------------------------------------------------

    def find_gaps(
        self, rules: Sequence[Rule], *, area: str | None = None, as_of: date | None = None
    ) -> list[Gap]:
        """The gaps of :func:`sinergi_graph.gaps.find_gaps`, computed by Neo4j alone.

        Runs ``queries/gaps.cypher``, the parameterised form of the Browser
        queries in ``queries/gaps_*.cypher``; the rows are the same, in the same order.

        Parameters
        ----------
        rules : sequence of Rule
            The rules to check, in report order.
        area : str, optional
            Only subjects inside this area code (``"ID"`` or ``None`` for all).
        as_of : date, optional
            Ignore links dated after this day; freshness windows count back from it.
        """
        from sinergi_graph.gaps import Gap, Reason, fresh_since

        if not rules:
            return []
        params = [
            {
                "id": r.id,
                "severity": r.severity.value,
                "subject": r.subject,
                "counterparts": list(r.counterparts),
                "scope_len": CODE_LENGTH[r.scope.level],
                "fresh_since": fresh_since(r, as_of),
            }
            for r in rules
        ]
        records = self._read(
            "gaps", rules=params, area=area, as_of=as_of.isoformat() if as_of else None
        )
        return [
            Gap(
                r["rule"],
                r["severity"],
                Reason(r["reason"]),
                r["subject_id"],
                r["subject_name"],
                r["area"],
                tuple(r["counterpart_ids"]),
                r["last_contact"],
            )
            for r in records
        ]

    def close(self) -> None:
        """Release this store; the process-wide driver stays open for other stores."""
        # Drivers are shared per process (one connection pool per server) and closed at exit.


class _UpsertJob:
    """One upsert prepared in Python: what to look up in the store, then what to run."""

    def __init__(
        self,
        store: Neo4jStore,
        actors: Sequence[Actor],
        links: Sequence[CoordinationLink],
        progress: Progress | None,
    ) -> None:
        self.store = store
        self.progress = progress
        self.done = 0
        unique_actors = _last_wins(actors, lambda a: a.id)
        unique_links = _last_wins(links, lambda link: link.id)
        self.actor_rows = [store._actor_row(a) for a in unique_actors]
        self.link_rows = [store._link_row(link) for link in unique_links]
        self.area_rows = store._area_rows(unique_actors)
        self.actor_ids = [r["id"] for r in self.actor_rows]
        self.member_rows = [
            {"id": a.id, "member_of": a.member_of} for a in unique_actors if a.member_of is not None
        ]
        # A link whose id is the hash of its ends, type, date and topic (every imported
        # link) can only already exist between the same two actors: when one of them is
        # new, there is nothing to replace and the costly lookup by id is skipped.
        self.derived = [
            link.id == link_id(link.source, link.target, link.type, link.date, link.topic)
            for link in unique_links
        ]

    def survey(self, tx: Tx) -> _Survey:
        """What is already stored, read before anything is written.

        Relationship index seeks slow down badly once the same transaction has
        changed many relationships, so every lookup happens up front.
        """
        run = self.store._run
        if not _value(run(tx, "actors_count"), "actors"):
            return _Survey(populated=False)  # an empty store: all new, nothing to look up
        existing: set[str] = set()
        for batch in _batches(self.actor_ids):
            existing.update(_value(run(tx, "actors_existing", ids=batch), "ids"))
        replaced = [
            r["props"]["id"]
            for r, is_derived in zip(self.link_rows, self.derived, strict=True)
            if not is_derived or (r["source"] in existing and r["target"] in existing)
        ]
        stored: dict[str, tuple[str, str, str, str]] = {}
        for batch in _batches(replaced):
            for element_id, id_, type_, source, target in _value(
                run(tx, "links_existing", ids=batch), "rows"
            ):
                stored[id_] = (element_id, type_, source, target)
        return _Survey(True, existing, replaced, stored)

    def steps(self, known: _Survey, *, one_transaction: bool) -> list[Step]:
        """The statements of the upsert, each a step that can run in its own transaction."""
        new_rows = [r for r in self.actor_rows if r["id"] not in known.actors]
        old_rows = [r for r in self.actor_rows if r["id"] in known.actors]
        # Members stored earlier may name an actor that only arrives now.
        new_ids = [r["id"] for r in new_rows] if known.populated else []
        # A stored link with the same id, type and ends is updated in place; one
        # whose type or ends changed is deleted and created anew. (Deleting and
        # re-creating them all makes Neo4j check each new id against every
        # relationship the transaction deleted: quadratic on large imports.)
        updated: list[dict[str, Any]] = []
        created: list[dict[str, Any]] = []
        moved: list[str] = []
        for row in self.link_rows:
            old = known.links.get(row["props"]["id"])
            if old is None:
                created.append(row)
            elif old[1:] == (row["type"], row["source"], row["target"]):
                updated.append({"element_id": old[0], "props": row["props"]})
            else:
                moved.append(old[0])
                created.append(row)
        steps: list[Step] = []
        if one_transaction:
            steps += [
                self._write("links_delete_by_element_id", element_ids=b) for b in _batches(moved)
            ]
        else:
            # Separate transactions: look each link up again, by id, when deleting it.
            steps += [self._write("links_delete_by_id", ids=b) for b in _batches(known.link_ids)]
            updated, created = [], self.link_rows
        steps.append(self._write_areas)
        steps += [self._write_rows("actors_create", b) for b in _batches(new_rows)]
        steps += [self._write_rows("actors_upsert", b) for b in _batches(old_rows)]
        steps += [self._write("actors_member_of", rows=b) for b in _batches(self.member_rows)]
        steps += [self._write("actors_adopt_members", ids=b) for b in _batches(new_ids)]
        steps += [self._write_rows("links_update", b) for b in _batches(updated)]
        steps += [self._write_rows("links_create", b) for b in _batches(created)]
        return steps

    def run(self, tx: Tx) -> None:
        """The whole upsert inside ``tx``."""
        self.done = 0  # a retried transaction starts over
        for step in self.steps(self.survey(tx), one_transaction=True):
            step(tx)

    def _report(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done)

    def _write_areas(self, tx: Tx) -> None:
        for batch in _batches(self.area_rows):
            self.store._run(tx, "areas_merge", rows=batch)
        for batch in _batches([r for r in self.area_rows if r["parent"]]):
            self.store._run(tx, "areas_link", rows=batch)

    def _write(self, name: str, **params: Any) -> Step:
        def step(tx: Tx) -> None:
            self.store._run(tx, name, **params)

        return step

    def _write_rows(self, name: str, batch: Sequence[dict[str, Any]]) -> Step:
        def step(tx: Tx) -> None:
            result = self.store._run(tx, name, rows=batch)
            created = result.get("created") if result is not None else None
            if created is not None and created != len(batch):
                # An end vanished since the check (deleted meanwhile): roll back.
                raise SinergiError(
                    "neo4j_write_refused",
                    detail=f"{len(batch) - created} links refer to actors that no longer exist",
                )
            self._report(len(batch))

        return step
