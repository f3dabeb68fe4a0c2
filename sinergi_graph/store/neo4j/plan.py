"""The upsert plan: what an upsert looks up in the store, then the statements it runs.

Prepared in Python before anything is written, so the same plan runs in one
transaction or, when the server cannot hold it, step by step in transactions
of their own. The plan runs statements through the :data:`Runner` it is
given and knows nothing else of the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

import neo4j

from sinergi_graph.models import Actor, CoordinationLink, link_id
from sinergi_graph.store.errors import Neo4jFailed, Neo4jWriteRefused
from sinergi_graph.store.neo4j import rows as _rows
from sinergi_graph.store.neo4j.packed import (
    NUL,
    SEP,
    PackedBatch,
    chunks_by_type,
    pack_actors,
    pack_links,
    pack_links_by_node,
    pack_members,
)
from sinergi_graph.store.neo4j.rows import (
    actor_row,
    area_rows,
    batches,
    check_link_types,
    last_wins,
    link_row,
    properties_json,
)

__all__ = ["Progress", "Runner", "Step", "Survey", "Tx", "UpsertPlan", "value"]

#: A transaction statements run in: managed (``execute_write``) or explicit.
Tx = neo4j.ManagedTransaction | neo4j.Transaction
Step = Callable[[Tx], None]
Progress = Callable[[int], None]

#: A packed batch (see :mod:`~sinergi_graph.store.neo4j.packed`) holds this many
#: times :data:`~sinergi_graph.store.neo4j.rows.BATCH_SIZE` rows: its columns cost
#: the driver next to nothing, so fewer, larger statements save round trips.
PACKED_FACTOR = 5
#: Send new rows column-packed (False: one map per row, as before; for benchmarks).
PACK = True
#: Into an empty store, create memberships and links by the element ids the actor
#: statements return rather than by actor id lookups (False: by id; for benchmarks).
BY_NODE = True


class Runner(Protocol):
    """Runs the statement ``queries/<name>.cypher`` in ``tx``; returns its single record."""

    def __call__(self, tx: Tx, name: str, /, **params: Any) -> neo4j.Record | None: ...


def value(record: neo4j.Record | None, key: str) -> Any:
    """``record[key]`` of a statement that always returns one row."""
    if record is None:
        raise Neo4jFailed(detail=f"no result row for {key}")
    return record[key]


@dataclass
class Survey:
    """What an upsert found in the store before writing."""

    populated: bool
    actors: set[str] = field(default_factory=set)
    #: Ids of links that may replace a stored link, and of those found:
    #: ``{id: (element id, type, source, target)}``.
    link_ids: list[str] = field(default_factory=list)
    links: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)


class UpsertPlan:
    """One upsert of ``actors`` and ``links`` (later duplicates of an id win).

    Parameters
    ----------
    actors, links : sequence
        The records to write.
    labels : callable
        ``kind -> [labels]`` (see :class:`~sinergi_graph.store.neo4j.rows.Labeller`).
    run : Runner
        Runs one named statement in a transaction.
    progress : callable, optional
        Called with the number of rows written so far.
    """

    def __init__(
        self,
        actors: Sequence[Actor],
        links: Sequence[CoordinationLink],
        *,
        labels: Callable[[str], list[str]],
        run: Runner,
        progress: Progress | None = None,
    ) -> None:
        self._run = run
        self._labels = labels
        self.progress = progress
        self.done = 0
        self.actors = last_wins(actors, lambda a: a.id)
        self.links = last_wins(links, lambda link: link.id)
        check_link_types(self.links)
        self.area_rows = area_rows(self.actors)
        self.actor_ids = [a.id for a in self.actors]
        self.members = [a for a in self.actors if a.member_of is not None]
        #: Actor id -> element id of the nodes this plan created (packed statements).
        self.node_ids: dict[str, str] = {}

    # The row maps are built only for the rows that need them (updates, rows that
    # cannot be packed): for a first import into an empty store, none do.
    @cached_property
    def actor_rows(self) -> list[dict[str, Any]]:
        """One ``$rows`` map per actor (see :func:`~sinergi_graph.store.neo4j.rows.actor_row`)."""
        return [actor_row(a, self._labels(a.kind)) for a in self.actors]

    @cached_property
    def link_rows(self) -> list[dict[str, Any]]:
        """One ``$rows`` map per link (see :func:`~sinergi_graph.store.neo4j.rows.link_row`)."""
        return [link_row(link) for link in self.links]

    @property
    def member_rows(self) -> list[dict[str, Any]]:
        """``{id, member_of}`` for every actor that names its institution."""
        return [{"id": a.id, "member_of": a.member_of} for a in self.members]

    @property
    def rows(self) -> int:
        """Actors plus links written by the plan."""
        return len(self.actors) + len(self.links)

    def endpoints(self) -> set[str]:
        """Actor ids the links need that the plan itself does not write."""
        ends = {link.source for link in self.links} | {link.target for link in self.links}
        return ends - set(self.actor_ids)

    def survey(self, tx: Tx, *, empty: bool = False) -> Survey:
        """What is already stored, read before anything is written.

        Relationship index seeks slow down badly once the same transaction has
        changed many relationships, so every lookup happens up front. ``empty``
        says the caller has just emptied the network in this transaction.
        """
        run = self._run
        if empty or not value(run(tx, "actors_count"), "actors"):
            return Survey(populated=False)  # an empty store: all new, nothing to look up
        existing: set[str] = set()
        for batch in batches(self.actor_ids):
            existing.update(value(run(tx, "actors_existing", ids=batch), "ids"))
        # A link whose id is the hash of its ends, type, date and topic (every imported
        # link) can only already exist between the same two actors: when one of them is
        # new, there is nothing to replace and the costly lookup by id is skipped.
        replaced = [
            link.id
            for link in self.links
            if (link.source in existing and link.target in existing)
            or link.id != link_id(link.source, link.target, link.type, link.date, link.topic)
        ]
        stored: dict[str, tuple[str, str, str, str]] = {}
        for batch in batches(replaced):
            for element_id, id_, type_, source, target in value(
                run(tx, "links_existing", ids=batch), "rows"
            ):
                stored[id_] = (element_id, type_, source, target)
        return Survey(True, existing, replaced, stored)

    def steps(self, known: Survey, *, one_transaction: bool) -> list[Step]:
        """The statements of the upsert, each a step that can run in its own transaction."""
        new_actors = [a for a in self.actors if a.id not in known.actors]
        old_rows = [actor_row(a, self._labels(a.kind)) for a in self.actors if a.id in known.actors]
        # Members stored earlier may name an actor that only arrives now.
        new_ids = [a.id for a in new_actors] if known.populated else []
        # A stored link with the same id, type and ends is updated in place; one
        # whose type or ends changed is deleted and created anew. (Deleting and
        # re-creating them all makes Neo4j check each new id against every
        # relationship the transaction deleted: quadratic on large imports.)
        updated: list[dict[str, Any]] = []
        created: list[CoordinationLink] = []
        moved: list[str] = []
        for link in self.links:
            old = known.links.get(link.id)
            if old is None:
                created.append(link)
            elif old[1:] == (link.type, link.source, link.target):
                updated.append({"element_id": old[0], "props": link_row(link)["props"]})
            else:
                moved.append(old[0])
                created.append(link)
        steps: list[Step] = []
        if one_transaction:
            steps += [
                self._statement("links_delete_by_element_id", element_ids=b) for b in batches(moved)
            ]
        else:
            # Separate transactions: look each link up again, by id, when deleting it.
            steps += [self._statement("links_delete_by_id", ids=b) for b in batches(known.link_ids)]
            updated, created = [], self.links
        size = _rows.BATCH_SIZE * PACKED_FACTOR
        packed_actors: list[PackedBatch] = []
        packed_members: list[PackedBatch] = []
        packed_links: list[PackedBatch] = []
        members = self.members
        member_chunks: list[Sequence[Actor]] = []
        link_chunks: list[list[CoordinationLink]] = []
        if PACK:
            packed_actors, new_actors = pack_actors(new_actors, self._labels, properties_json, size)
            if BY_NODE and not known.populated:
                # Packed when they run, once the actors' element ids are known.
                member_chunks, members = list(batches(members, size)), []
                link_chunks, created = chunks_by_type(created, size), []
            else:
                packed_members, members = pack_members(members, size)
                packed_links, created = pack_links(created, size)
        new_rows = [actor_row(a, self._labels(a.kind)) for a in new_actors]
        member_rows = [{"id": a.id, "member_of": a.member_of} for a in members]
        created_rows = [link_row(link) for link in created]
        steps.append(self._write_areas)
        steps += [self._write_packed("actors_create_packed", b) for b in packed_actors]
        steps += [self._write_rows("actors_create", b) for b in batches(new_rows)]
        steps += [self._write_rows("actors_upsert", b) for b in batches(old_rows)]
        # Every member row's actor was just created or upserted (which drops its old
        # membership edge), so the packed statement creates the edge without MERGE.
        steps += [self._write_packed("actors_member_of_packed", b) for b in packed_members]
        steps += [self._members_by_node(chunk) for chunk in member_chunks]
        steps += [self._statement("actors_member_of", rows=b) for b in batches(member_rows)]
        steps += [self._statement("actors_adopt_members", ids=b) for b in batches(new_ids)]
        steps += [self._write_rows("links_update", b) for b in batches(updated)]
        steps += [self._write_packed("links_create_packed", b) for b in packed_links]
        steps += [self._links_by_node(chunk) for chunk in link_chunks]
        steps += [self._write_rows("links_create", b) for b in batches(created_rows)]
        return steps

    def run(self, tx: Tx, *, empty: bool = False) -> None:
        """The whole upsert inside ``tx``."""
        self.done = 0  # a retried transaction starts over
        for step in self.steps(self.survey(tx, empty=empty), one_transaction=True):
            step(tx)

    def _report(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(self.done)

    def _write_areas(self, tx: Tx) -> None:
        for batch in batches(self.area_rows):
            self._run(tx, "areas_merge", rows=batch)
        for batch in batches([r for r in self.area_rows if r["parent"]]):
            self._run(tx, "areas_link", rows=batch)

    def _statement(self, name: str, **params: Any) -> Step:
        def step(tx: Tx) -> None:
            self._run(tx, name, **params)

        return step

    def _write_rows(self, name: str, batch: Sequence[dict[str, Any]]) -> Step:
        def step(tx: Tx) -> None:
            self._check_created(self._run(tx, name, rows=batch), len(batch))
            self._report(len(batch))

        return step

    def _write_packed(self, name: str, batch: dict[str, Any]) -> Step:
        """A step that sends one packed batch (its ``rows`` entry is the row count)."""
        n = batch["rows"]
        params = {k: v for k, v in batch.items() if k != "rows"}

        def step(tx: Tx) -> None:
            result = self._run(tx, name, sep=SEP, nul=NUL, **params)
            if name == "actors_create_packed":
                # Replaced on a retry: the ids of a rolled-back attempt are gone.
                self.node_ids.update(
                    zip(params["ids"].split(SEP), value(result, "node_ids"), strict=True)
                )
            self._check_created(result, n)
            if not name.startswith("actors_member_of"):  # edges, not rows of the import
                self._report(n)

        return step

    def _members_by_node(self, chunk: Sequence[Actor]) -> Step:
        """Membership edges of ``chunk`` by element ids, or by actor ids if one is unknown."""

        def step(tx: Tx) -> None:
            ids = self.node_ids
            if all(a.id in ids and a.member_of in ids for a in chunk):
                members = SEP.join([ids[a.id] for a in chunk])
                institutions = SEP.join([ids[str(a.member_of)] for a in chunk])
                self._run(
                    tx,
                    "actors_member_of_packed_by_node",
                    sep=SEP,
                    members=members,
                    institutions=institutions,
                )
                return
            packed, rest = pack_members(chunk, len(chunk))
            for batch in packed:
                self._write_packed("actors_member_of_packed", batch)(tx)
            for rows in batches([{"id": a.id, "member_of": a.member_of} for a in rest]):
                self._run(tx, "actors_member_of", rows=rows)

        return step

    def _links_by_node(self, chunk: list[CoordinationLink]) -> Step:
        """Links of one type by their ends' element ids, or by actor ids if one is unknown."""

        def step(tx: Tx) -> None:
            ids = self.node_ids
            if all(link.source in ids and link.target in ids for link in chunk):
                batch = pack_links_by_node(chunk, ids)
                if batch is not None:
                    self._write_packed("links_create_packed_by_node", batch)(tx)
                    return
            packed, rest = pack_links(chunk, len(chunk))
            for one in packed:
                self._write_packed("links_create_packed", one)(tx)
            for rows in batches([link_row(link) for link in rest]):
                self._write_rows("links_create", rows)(tx)

        return step

    @staticmethod
    def _check_created(result: neo4j.Record | None, expected: int) -> None:
        created = result.get("created") if result is not None else None
        if created is not None and created != expected:
            # An end vanished since the check (deleted meanwhile): roll back.
            raise Neo4jWriteRefused(
                detail=f"{expected - created} links refer to actors that no longer exist",
            )
