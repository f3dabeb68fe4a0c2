"""The shared store: one coordination network in a Neo4j database.

The graph model is described in :mod:`sinergi_graph.store.neo4j`.

Every statement is a file in ``queries/`` (see :mod:`sinergi_graph.store.cypher`);
values travel as parameters only.

Atomicity: an upsert, a delete, a clear and a replace are each one
transaction. When the server cannot hold an upsert or a clear that large in
its transaction memory (a national import on a small heap), it is redone in
batches of their own transactions (an upsert of more than
:data:`ONE_TRANSACTION_ROWS` rows into an empty database goes to batches at
once, as finding out costs minutes); each batch is idempotent, the database is
marked incomplete (``SinergiMeta.incomplete``) until the last batch commits,
and running the same import again finishes it. A replace is never split: the
previous network must survive an interruption, so a replace too large for
one transaction is refused and the store is left as it was.

Reads that belong together (the whole network, the statistics) run in one
read transaction, so they see one snapshot; a server that dies mid-read
makes the read fail, never return part of the network.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import chain
from typing import Any, TypeVar

import neo4j
from neo4j import exceptions as nx_exc

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.i18n import t
from sinergi_graph.kinds import KindCatalogue, default_catalogue
from sinergi_graph.models import (
    Actor,
    ActorRow,
    ChangeSet,
    CoordinationLink,
    LinkRow,
    NetworkRows,
    NetworkStats,
    actor_from_columns,
)
from sinergi_graph.store.cypher import query, statements
from sinergi_graph.store.errors import (
    Neo4jUnreachable,
    Neo4jWriteRefused,
    StoreNewer,
    StoreReadOnly,
    StoreTooLargeToReplace,
)
from sinergi_graph.store.neo4j import driver as drivers
from sinergi_graph.store.neo4j import first_load, records, rows
from sinergi_graph.store.neo4j.errors import (
    MEMORY_CODES,
    MemoryFull,
    TooLarge,
    first_line,
    translate,
    translated,
    unknown_actors,
)
from sinergi_graph.store.neo4j.plan import Progress, Survey, Tx, UpsertPlan, value

__all__ = ["ONE_TRANSACTION_ROWS", "SCHEMA_VERSION", "Neo4jStore"]

SCHEMA_VERSION = 1

#: An upsert into an empty database with more rows than this is written in
#: batches straight away (see the module docstring): a national import (1.2
#: million rows) does not fit in one transaction on a 3 GiB heap.
ONE_TRANSACTION_ROWS = 250_000

log = logging.getLogger(__name__)

T = TypeVar("T")


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
    read_only : bool
        Refuse every write with :class:`StoreReadOnly` (for read commands).

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
        read_only: bool = False,
    ) -> None:
        self.uri = uri
        self.database = database or "neo4j"
        self.location = f"{uri.rstrip('/')}/{self.database}"
        self.read_only = read_only
        self._labels = rows.Labeller(catalogue or default_catalogue())
        #: Seconds spent in each statement of a write, summed (what limits an import).
        self.timings: dict[str, float] = {}
        auth = (user or "neo4j", password) if password else None
        try:
            self._driver = drivers.driver_for(uri, auth)
        except (ValueError, nx_exc.ConfigurationError) as exc:
            raise Neo4jUnreachable(uri=uri, detail=first_line(str(exc))) from exc
        try:
            self._driver.verify_connectivity()
        except Exception as exc:
            # A driver that cannot connect is not kept: the next attempt starts afresh.
            drivers.forget_driver(self._driver)
            raise translate(exc, uri=self.uri, database=self.database) from exc
        (meta,) = self.read("meta_read")
        found = meta["schema_version"]
        if found is not None and int(found) > SCHEMA_VERSION:
            raise StoreNewer(path=self.location, found=found, supported=SCHEMA_VERSION)
        if meta["incomplete"]:
            log.warning(t("neo4j_incomplete", location=self.location, what=meta["incomplete"]))

    # -- plumbing -----------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        with translated(self.uri, self.database):
            yield

    def read(self, name: str, **params: Any) -> list[neo4j.Record]:
        """The records of the read-only statement ``queries/<name>.cypher``."""
        with self._errors():
            records, _, _ = self._driver.execute_query(
                query(name),
                params,
                database_=self.database,
                routing_=neo4j.RoutingControl.READ,
            )
        return list(records)

    def _read_together(self, *names: str) -> list[neo4j.Record]:
        """The single records of several statements, read in one transaction (one snapshot)."""

        def work(tx: neo4j.ManagedTransaction) -> list[neo4j.Record]:
            return [tx.run(query(name)).single(strict=True) for name in names]

        with (
            self._errors(),
            self._driver.session(
                database=self.database, default_access_mode=neo4j.READ_ACCESS
            ) as session,
        ):
            return session.execute_read(work)

    def _ensure_schema(self) -> None:
        """Create the constraints and indexes once per process and database (idempotent)."""
        if self.read_only:
            raise StoreReadOnly(path=self.location)
        key = (id(self._driver), self.database)
        if key in drivers.schema_ready:
            return
        with self._errors():
            for statement in statements("schema"):
                self._driver.execute_query(statement, database_=self.database)
            self._driver.execute_query("CALL db.awaitIndexes(300)", database_=self.database)
        with drivers.lock:
            drivers.schema_ready.add(key)

    def _write(self, work: Callable[[Tx], T], *, splittable: bool = False) -> T:
        """Run ``work`` in one write transaction, then bump the revision in it.

        A transaction too large for the server's transaction memory raises
        :class:`TooLarge` when the caller can split the work, else a clear error.
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
            except (MemoryFull, nx_exc.TransientError) as exc:
                error = exc.error if isinstance(exc, MemoryFull) else exc
                if error.code not in MEMORY_CODES:
                    raise
                if splittable:
                    raise TooLarge(error.message) from exc
                raise Neo4jWriteRefused(detail=t("neo4j_heap_too_small")) from exc
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
                if exc.code in MEMORY_CODES:
                    # Wrapped so the driver does not retry a transaction that cannot fit.
                    raise MemoryFull(exc) from exc
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
                if exc.code in MEMORY_CODES or attempt == attempts:
                    raise
                log.debug("%s: %s; retrying", self.location, first_line(exc.message or ""))
                time.sleep(attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _write_steps(self, steps: Iterable[Callable[[Tx], object]], what: str) -> None:
        """Run ``steps`` as separate transactions, marked incomplete until the last one commits."""
        self._ensure_schema()
        started = datetime.now(UTC).isoformat(timespec="seconds")
        marker = f"{what}, started {started}"
        log.warning(t("neo4j_batched", location=self.location))

        def mark(tx: Tx, value: str | None) -> None:
            tx.run(query("meta_bump"), schema_version=SCHEMA_VERSION, incomplete=value).consume()

        with self._errors(), self._driver.session(database=self.database) as session:
            session.execute_write(mark, marker)
            for step in steps:
                before = sum(self.timings.values())
                started_step = time.perf_counter()
                session.execute_write(step)
                # What the transaction took beyond its statements: mostly the commit,
                # where Neo4j applies the changes and updates the indexes.
                spent = time.perf_counter() - started_step - sum(self.timings.values()) + before
                self.timings["commit"] = self.timings.get("commit", 0.0) + max(spent, 0.0)
            session.execute_write(mark, None)

    def _run(self, tx: Tx, name: str, /, **params: Any) -> neo4j.Record | None:
        """Run one statement in ``tx``; its time is added to :attr:`timings` (for benchmarks)."""
        started = time.perf_counter()
        record = tx.run(query(name), params).single()
        spent = time.perf_counter() - started
        self.timings[name] = self.timings.get(name, 0.0) + spent
        log.debug("%s: %.3f s", name, spent)
        return record

    def _plan(
        self,
        actors: Sequence[Actor],
        links: Sequence[CoordinationLink],
        progress: Progress | None = None,
    ) -> UpsertPlan:
        return UpsertPlan(actors, links, labels=self._labels, run=self._run, progress=progress)

    # -- writes -------------------------------------------------------------

    def upsert(
        self,
        actors: Sequence[Actor],
        links: Sequence[CoordinationLink],
        *,
        activities: Sequence[Activity] = (),
        agreements: Sequence[Agreement] = (),
        progress: Progress | None = None,
    ) -> None:
        """Insert or replace actors, links, activities and agreements by id, in one transaction.

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
        prepared = time.perf_counter()
        plan = self._plan(actors, links, progress)
        self.timings["prepare"] = time.perf_counter() - prepared
        attendees = records.endpoints(activities, agreements) - set(plan.actor_ids)
        records.check_endpoints(self.read, plan.endpoints() | attendees)
        started = time.perf_counter()

        def write_records(tx: Tx) -> None:
            records.upsert(self._run, tx, activities, agreements)

        def work(tx: Tx) -> None:
            plan.run(tx)
            write_records(tx)

        what = f"upsert of {len(plan.actors)} actors and {len(plan.links)} links"
        empty = plan.rows > min(first_load.DEFER_ROWS, ONE_TRANSACTION_ROWS) and self.is_empty()
        self._ensure_schema()  # the deferred indexes are dropped after it, never before
        deferred = first_load.indexes_deferred(
            self._driver,
            self.database,
            self.timings,
            enabled=empty and plan.rows >= first_load.DEFER_ROWS,
        )
        with self._errors(), deferred:
            if plan.rows > ONE_TRANSACTION_ROWS and empty:
                # A first national load: one transaction would not fit a common heap, and
                # finding that out costs minutes. Batches of their own transactions,
                # marked incomplete until the last commits (a re-run finishes the import).
                prepared = time.perf_counter()
                steps = plan.steps(Survey(populated=False), one_transaction=False)
                self.timings["prepare"] += time.perf_counter() - prepared
                self._write_steps([*steps, write_records], what)
                return
            try:
                self._write(work, splittable=True)
            except TooLarge:
                # The statement times of the attempt are replaced by its total, so the
                # timings describe the batched write that follows.
                self.timings.clear()
                self.timings["one transaction (refused)"] = time.perf_counter() - started
                with self._errors(), self._driver.session(database=self.database) as session:
                    known = session.execute_read(plan.survey)
                self._write_steps([*plan.steps(known, one_transaction=False), write_records], what)

    def delete_records(
        self, *, activity_ids: Iterable[str] = (), agreement_ids: Iterable[str] = ()
    ) -> None:
        """Remove activities and agreements by id, in one transaction."""
        acts, deals = list(activity_ids), list(agreement_ids)
        self._write(lambda tx: records.delete(self._run, tx, acts, deals))

    def _delete_in(self, tx: Tx, actors: Sequence[str], links: Sequence[str]) -> None:
        # Links first: their lookup by id is an index seek that slows down once
        # the transaction has deleted many relationships (as actor deletion does).
        for batch in rows.batches(links):
            self._run(tx, "links_delete_by_id", ids=batch)
        for batch in rows.batches(actors):
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
        self, changes: ChangeSet, documents: Sequence[tuple[str, str, str]] = ()
    ) -> None:
        """Delete, then upsert (kegiatan and kerja sama too), then save ``(namespace, key,
        body)`` documents: one transaction, so the network and the journal never disagree.
        """
        actors = list(dict.fromkeys(changes.delete_actor_ids))
        links = list(dict.fromkeys(changes.delete_link_ids))
        plan = self._plan(changes.upsert_actors, changes.upsert_links)
        docs = list(documents)
        acts, deals = changes.upsert_activities, changes.upsert_agreements
        attendees = records.endpoints(acts, deals) - set(plan.actor_ids)
        records.check_endpoints(self.read, plan.endpoints() | attendees)

        def work(tx: Tx) -> None:
            self._delete_in(tx, actors, links)
            records.delete(self._run, tx, changes.delete_activity_ids, changes.delete_agreement_ids)
            # Surveyed after the deletions, so a deleted-then-upserted record is new again.
            plan.run(tx)
            records.upsert(self._run, tx, acts, deals)
            for namespace, key, body in docs:
                self._run(tx, "doc_put", namespace=namespace, key=key, body=body)

        self._write(work)

    def replace_all(
        self,
        actors: Sequence[Actor],
        links: Sequence[CoordinationLink],
        *,
        documents: Sequence[tuple[str, str, str]] | None = None,
        progress: Progress | None = None,
        activities: Sequence[Activity] = (),
        agreements: Sequence[Agreement] = (),
    ) -> None:
        """Empty the network and fill it with ``actors``, ``links``, ``activities`` and
        ``agreements``: one transaction.

        Until it commits, every reader sees the previous network, and an
        interruption (the client killed, the connection lost) leaves it as it
        was. With ``documents`` the saved documents are replaced too.

        Raises
        ------
        StoreTooLargeToReplace
            When the server cannot hold the replace in one transaction: nothing
            changed; raise the server's heap, or clear the store and import.
        Neo4jWriteRefused
            For links to actors that are not among ``actors``.
        """
        plan = self._plan(actors, links, progress)
        unknown = plan.endpoints() | (
            records.endpoints(activities, agreements) - {a.id for a in actors}
        )
        if unknown:
            raise Neo4jWriteRefused(detail=unknown_actors(unknown))
        docs = None if documents is None else list(documents)

        def work(tx: Tx) -> None:
            while value(self._run(tx, "network_clear", limit=rows.BATCH_SIZE), "deleted"):
                pass
            records.clear(self._run, tx)
            if docs is not None:
                self._run(tx, "doc_clear")
                for namespace, key, body in docs:
                    self._run(tx, "doc_put", namespace=namespace, key=key, body=body)
            plan.run(tx, empty=True)
            records.upsert(self._run, tx, activities, agreements)

        try:
            self._write(work, splittable=True)
        except TooLarge as exc:
            raise StoreTooLargeToReplace(location=self.location, rows=plan.rows) from exc

    def clear(self) -> None:
        """Remove every actor and link and the area tree (saved documents stay)."""

        def work(tx: Tx) -> None:
            while value(self._run(tx, "network_clear", limit=rows.BATCH_SIZE), "deleted"):
                pass
            records.clear(self._run, tx)

        try:
            self._write(work, splittable=True)
        except TooLarge:
            # Each batch in a transaction of its own (the whole loop in one step would
            # not fit either); clearing is idempotent: each batch deletes what is left.
            left = [True]

            def one_batch(tx: Tx) -> None:
                left[0] = bool(
                    value(self._run(tx, "network_clear", limit=rows.BATCH_SIZE), "deleted")
                )

            def until_empty() -> Iterator[Callable[[Tx], object]]:
                while left[0]:
                    yield one_batch

            def clear_records(tx: Tx) -> None:
                records.clear(self._run, tx)

            # Lazily: the next batch is made only after the previous one committed.
            self._write_steps(chain(until_empty(), [clear_records]), "clear")

    # -- reads --------------------------------------------------------------

    def get_actor(self, actor_id: str) -> Actor | None:
        found = self.actors([actor_id])
        return found[0] if found else None

    def actors(self, ids: Iterable[str] | None = None) -> list[Actor]:
        if ids is None:
            return [actor_from_columns(r.values()) for r in self.read("actors_all")]
        found: list[Actor] = []
        for batch in rows.batches(list(dict.fromkeys(ids))):
            records = self.read("actors_by_id", ids=batch)
            found.extend(actor_from_columns(r.values()) for r in records)
        return sorted(found, key=lambda a: a.id)

    def links(self, ids: Iterable[str] | None = None) -> list[CoordinationLink]:
        if ids is None:
            return [rows.link_from_record(r.values()) for r in self.read("links_all")]
        found: list[CoordinationLink] = []
        for batch in rows.batches(list(dict.fromkeys(ids))):
            records = self.read("links_by_id", ids=batch)
            found.extend(rows.link_from_record(r.values()) for r in records)
        return sorted(found, key=lambda link: link.id)

    def links_of(self, actor_id: str) -> list[CoordinationLink]:
        return [rows.link_from_record(r.values()) for r in self.read("links_of", id=actor_id)]

    def actor_kinds(self, ids: Iterable[str]) -> dict[str, str]:
        kinds: dict[str, str] = {}
        for batch in rows.batches(list(dict.fromkeys(ids))):
            kinds.update((r["id"], r["kind"]) for r in self.read("actor_kinds", ids=batch))
        return kinds

    def network_rows(self) -> NetworkRows:
        # One record holding one list per query: far cheaper to decode than a record per row.
        actor_record, link_record, activity_record = self._read_together(
            "network_actors", "network_links", "network_activities"
        )
        return NetworkRows(
            list(map(ActorRow._make, actor_record["rows"])),
            list(map(LinkRow._make, link_record["rows"])),
            records.activity_rows_from(activity_record),
        )

    def activities(self, ids: Iterable[str] | None = None) -> list[Activity]:
        wanted = None if ids is None else list(dict.fromkeys(ids))
        return records.activities_from(self.read("activities_read", ids=wanted))

    def agreements(self, ids: Iterable[str] | None = None) -> list[Agreement]:
        wanted = None if ids is None else list(dict.fromkeys(ids))
        return records.agreements_from(self.read("agreements_read", ids=wanted))

    def stats(self) -> NetworkStats:
        by_kind = {r["kind"]: r["n"] for r in self.read("stats_by_kind")}
        (links,) = self.read("stats_links")
        return NetworkStats(actors=sum(by_kind.values()), links=links["links"], by_kind=by_kind)

    def is_empty(self) -> bool:
        """True when the database holds no actor and no link (documents do not count)."""
        actors, links = self._read_together("actors_count", "stats_links")
        return not actors["actors"] and not links["links"]

    def revision(self) -> int:
        (record,) = self.read("meta_read")
        return int(record["revision"])

    # -- documents ----------------------------------------------------------

    def put_document(self, namespace: str, key: str, body: str) -> None:
        def work(tx: Tx) -> None:
            self._run(tx, "doc_put", namespace=namespace, key=key, body=body)

        self._write(work)

    def get_document(self, namespace: str, key: str) -> str | None:
        records = self.read("doc_get", namespace=namespace, key=key)
        return str(records[0]["body"]) if records else None

    def list_documents(self, namespace: str) -> list[str]:
        return [str(r["key"]) for r in self.read("doc_list", namespace=namespace)]

    def namespaces(self) -> list[str]:
        """Every namespace that holds saved documents (for copying a whole store)."""
        return [str(r["namespace"]) for r in self.read("doc_namespaces")]

    def delete_document(self, namespace: str, key: str) -> bool:
        def work(tx: Tx) -> int:
            return int(value(self._run(tx, "doc_delete", namespace=namespace, key=key), "deleted"))

        return self._write(work) > 0

    def close(self) -> None:
        """Release this store; the driver (one pool per server) is shared and closed at exit."""
