"""Partnership simulation: what-if scenarios on a copy of the coordination graph.

A :class:`Scenario` is a list of changes (add or remove a link, add or remove
an actor). :class:`Simulation` applies them to a copy of the graph — never to
the store — and keeps the gap list up to date *incrementally*: a change can
only alter the gaps of

* the actors whose links changed (as subjects of their rules), and
* the subjects that have an added or removed actor in scope as a possible
  counterpart (a new lurah turns the PPS's ``no_counterpart`` gap into
  ``no_contact``),

so only those (rule, subject) pairs are re-evaluated, with the core's
:class:`~sinergi_graph.gaps.CounterpartIndex` kept current. Adding one link
to the national network re-evaluates a handful of pairs instead of ~500k.

Removing an actor follows the store's semantics exactly (links touching it
are deleted, its members stay as free-standing persons with their own links),
so applying a scenario to the store and rebuilding the graph gives the
simulated graph. Saved scenarios live in the store's documents (namespace
``scenario``); applying one is a single transaction with a saved inverse
(namespace ``scenario-journal``) for :func:`undo_last`.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from sinergi_graph.analysis._common import regency_of, restrict, structural_copy
from sinergi_graph.analysis.brokerage import structural_holes
from sinergi_graph.analysis.reach import kpu_reach
from sinergi_graph.analysis.resilience import single_points_of_failure
from sinergi_graph.areas import CODE_LENGTH
from sinergi_graph.errors import SinergiError
from sinergi_graph.gaps import CounterpartIndex, Gap, evaluate_subject, find_gaps, fresh_since
from sinergi_graph.graph import build_graph, empty_edge, record_link
from sinergi_graph.kinds import KindCatalogue, default_catalogue
from sinergi_graph.models import (
    Actor,
    ActorRow,
    ChangeSet,  # moved to models (the store's value); still importable from here
    CoordinationLink,
    LinkRow,
    LinkType,
    NetworkRows,
)
from sinergi_graph.rules import Rule, Severity
from sinergi_graph.store.protocol import GraphStore

SCENARIO_NAMESPACE = "scenario"
JOURNAL_NAMESPACE = "scenario-journal"

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class AddLink(BaseModel):
    """A new coordination link (a planned meeting, an MoU, …)."""

    model_config = _FROZEN

    op: Literal["add_link"] = "add_link"
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    type: str = LinkType.KOORDINASI.value
    date: dt.date | None = None
    topic: str | None = None

    def link(self) -> CoordinationLink:
        return CoordinationLink.create(self.source, self.target, self.type, self.date, self.topic)


class RemoveLink(BaseModel):
    """A recorded link that is dropped (by link id)."""

    model_config = _FROZEN

    op: Literal["remove_link"] = "remove_link"
    link_id: str = Field(min_length=1)


class RemoveActor(BaseModel):
    """An actor leaves (someone leaves office, an institution is dissolved)."""

    model_config = _FROZEN

    op: Literal["remove_actor"] = "remove_actor"
    actor_id: str = Field(min_length=1)


class AddActor(BaseModel):
    """A new actor (a newly appointed official, a new institution)."""

    model_config = _FROZEN

    op: Literal["add_actor"] = "add_actor"
    id: str = Field(min_length=1)
    kind: str = Field(min_length=1)
    name: str = Field(min_length=1)
    area: str | None = None
    member_of: str | None = None


Change = Annotated[AddLink | RemoveLink | RemoveActor | AddActor, Field(discriminator="op")]


class Scenario(BaseModel):
    """A named list of changes, applied in order.

    Examples
    --------
    >>> s = Scenario(name="sowan", changes=[AddLink(source="pps1", target="kades1")])
    >>> Scenario.model_validate_json(s.model_dump_json()) == s
    True
    """

    model_config = _FROZEN

    name: str | None = None
    description: str | None = None
    changes: tuple[Change, ...] = ()

    def extended(self, changes: Iterable[Change], name: str | None = None) -> Scenario:
        return Scenario(
            name=name or self.name,
            description=self.description,
            changes=(*self.changes, *changes),
        )


_CHANGE_ADAPTER: TypeAdapter[Change] = TypeAdapter(Change)


def parse_change(data: dict[str, Any]) -> Change:
    """Validate one change from its JSON object form.

    Examples
    --------
    >>> parse_change({"op": "remove_actor", "actor_id": "CAMAT-332301"})
    RemoveActor(op='remove_actor', actor_id='CAMAT-332301')
    """
    return _CHANGE_ADAPTER.validate_python(data)


class _SubjectIndex:
    """Subjects of each rule's kind grouped by the area prefix of the rule's scope."""

    def __init__(self, G: nx.Graph, rules: Sequence[Rule]) -> None:
        self._lengths: dict[str, set[int]] = {}
        for rule in rules:
            self._lengths.setdefault(rule.subject, set()).add(CODE_LENGTH[rule.scope.level])
        self._index: dict[tuple[str, str], set[str]] = {}
        for node, data in G.nodes(data=True):
            self.add(node, data.get("kind", ""), data.get("area"))

    def add(self, node: str, kind: str, area: str | None) -> None:
        if area:
            for n in self._lengths.get(kind, ()):
                if len(area) >= n:
                    self._index.setdefault((kind, area[:n]), set()).add(node)

    def remove(self, node: str, kind: str, area: str | None) -> None:
        if area:
            for n in self._lengths.get(kind, ()):
                self._index.get((kind, area[:n]), set()).discard(node)

    def in_scope(self, rule: Rule, area: str) -> set[str]:
        n = CODE_LENGTH[rule.scope.level]
        if len(area) < n:
            return set()
        return self._index.get((rule.subject, area[:n]), set())


# --------------------------------------------------------------------------- results


def _severity_weight(gap: Gap) -> int:
    return Severity(gap.severity).weight


def gap_entry(gap: Gap, **extra: object) -> dict[str, object]:
    """The JSON object of a closed/opened gap: ``rule`` and ``subject_id`` first."""
    return {
        "rule": gap.rule,
        "subject_id": gap.subject_id,
        "subject_name": gap.subject_name,
        "severity": gap.severity,
        "reason": gap.reason.value,
        "area": gap.area,
        **extra,
    }


@dataclass(frozen=True, slots=True)
class MetricChange:
    """One metric of one actor or area, before and after the scenario."""

    metric: str
    key: str
    before: float | int | None
    after: float | int | None

    def as_dict(self) -> dict[str, object]:
        return {"metric": self.metric, "key": self.key, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class MetricChanges:
    """Side-by-side metrics around the changed actors.

    ``constraint``: Burt's constraint of the actors whose links changed.
    ``reach``: share of PPS/PPK within ``hops`` of their KPU, per kecamatan of
    the touched regencies. ``spof_resolved`` / ``spof_created``: actors that
    stop / start being the single point of failure between a PPS/PPK and its
    KPU; ``articulation_resolved`` / ``articulation_created``: any cut vertex
    that disappears / appears. Both per touched regency (paths inside it only).
    """

    constraint: tuple[MetricChange, ...]
    reach: tuple[MetricChange, ...]
    exposed: tuple[MetricChange, ...]
    spof_resolved: tuple[str, ...]
    spof_created: tuple[str, ...]
    hops: int
    articulation_resolved: tuple[str, ...] = ()
    articulation_created: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "constraint": [m.as_dict() for m in self.constraint],
            "reach": [m.as_dict() for m in self.reach],
            "exposed_subjects": [m.as_dict() for m in self.exposed],
            "spof_resolved": list(self.spof_resolved),
            "spof_created": list(self.spof_created),
            "articulation_resolved": list(self.articulation_resolved),
            "articulation_created": list(self.articulation_created),
            "hops": self.hops,
        }


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """Gaps before and after a scenario, and what changed."""

    scenario: Scenario
    before: int
    after: int
    before_weighted: int
    after_weighted: int
    closed: tuple[Gap, ...]
    opened: tuple[Gap, ...]
    changed: tuple[tuple[Gap, Gap], ...]
    removed_subjects: frozenset[str]
    pairs_evaluated: int
    seconds: float
    metrics: MetricChanges | None = None
    notes: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        """The ``simulate --format json`` document (design.md shape, extra keys allowed)."""
        doc: dict[str, object] = {
            "before": {"gaps": self.before, "weighted": self.before_weighted},
            "after": {"gaps": self.after, "weighted": self.after_weighted},
            "closed": [
                gap_entry(g, subject_removed=g.subject_id in self.removed_subjects)
                for g in self.closed
            ],
            "opened": [gap_entry(g) for g in self.opened],
            "changed": [
                {**gap_entry(new), "reason_before": old.reason.value} for old, new in self.changed
            ],
            "scenario": self.scenario.model_dump(mode="json"),
            "evaluation": {"pairs": self.pairs_evaluated, "seconds": round(self.seconds, 6)},
        }
        if self.metrics is not None:
            doc["metrics"] = self.metrics.as_dict()
        if self.notes:
            doc["notes"] = list(self.notes)
        return doc


# --------------------------------------------------------------------------- the simulation


class Simulation:
    """A scenario session on a copy of the coordination graph, with incremental gaps.

    Parameters
    ----------
    rows : NetworkRows
        The network as loaded from the store (link and actor records are
        needed to re-fold links when an actor is removed).
    rules : sequence of Rule
        Gap rules to keep evaluated.
    graph : networkx.Graph, optional
        The graph already built from ``rows`` (it is copied, never modified).
    catalogue : KindCatalogue, optional
        For categories of added actors.
    as_of : date, optional
        As in :func:`~sinergi_graph.gaps.find_gaps` (and links dated later are ignored).

    Examples
    --------
    >>> from sinergi_graph.rules import default_rules
    >>> rows = NetworkRows(
    ...     [ActorRow("pps", "PPS", "PPS Tepus", "34.03.07.2004", None),
    ...      ActorRow("lurah", "LURAH", "Lurah Tepus", "34.03.07.2004", None)], [])
    >>> rules = [r for r in default_rules() if r.id == "pps-kades"]
    >>> sim = Simulation(rows, rules)
    >>> len(sim.gaps())
    1
    >>> _ = sim.apply(AddLink(source="pps", target="lurah"))
    >>> result = sim.result()
    >>> (result.before, result.after, [g.subject_id for g in result.closed])
    (1, 0, ['pps'])
    """

    def __init__(
        self,
        rows: NetworkRows,
        rules: Sequence[Rule],
        *,
        graph: nx.Graph | None = None,
        catalogue: KindCatalogue | None = None,
        as_of: dt.date | None = None,
    ) -> None:
        self.rules = list(rules)
        self.as_of = as_of
        self.catalogue = catalogue or default_catalogue()
        self._rows = rows
        self.original = (
            graph if graph is not None else build_graph(rows, catalogue=self.catalogue, as_of=as_of)
        )
        self.G = structural_copy(self.original)
        self._root: dict[str, str] = self.G.graph["root"]
        self._cutoff = as_of.isoformat() if as_of else None
        self.index = CounterpartIndex(self.G, self.rules)
        self._subjects = _SubjectIndex(self.G, self.rules)
        self._since = {r.id: fresh_since(r, as_of) for r in self.rules}
        self._order = {r.id: i for i, r in enumerate(self.rules)}
        self._rule_by_id = {r.id: r for r in self.rules}
        self._by_subject: dict[str, list[Rule]] = {}
        self._by_counterpart: dict[str, list[Rule]] = {}
        for rule in self.rules:
            self._by_subject.setdefault(rule.subject, []).append(rule)
            for kind in rule.counterparts:
                self._by_counterpart.setdefault(kind, []).append(rule)
        self.baseline: dict[tuple[str, str], Gap] = {
            g.key: g for g in find_gaps(self.G, self.rules, as_of=as_of)
        }
        self.current: dict[tuple[str, str], Gap] = dict(self.baseline)
        self._dirty: set[tuple[str, str]] = set()
        self._removed_subjects: set[str] = set()
        self.applied: list[Change] = []
        self.touched: set[str] = set()
        self.pairs_evaluated = 0
        self.seconds = 0.0
        self.notes: list[str] = []
        # Record stores, built on first need (a national network has ~1M links).
        self._actors: dict[str, ActorRow] | None = None
        self._links: dict[str, LinkRow] | None = None
        self._extra_links: dict[str, LinkRow] = {}
        self._removed_links: set[str] = set()
        self._by_actor: dict[str, set[str]] | None = None

    def prepare(self) -> None:
        """Build the record indexes now instead of on the first removal.

        Removing a link or an actor needs link and actor records by id and by
        endpoint (~1 s for the national network, once); a benchmark or a long
        interactive session pays that up front.
        """
        self.actors  # noqa: B018 - the property builds the index
        self._link("")
        self._links_of("")

    # ------------------------------------------------------------ record lookups

    @property
    def actors(self) -> dict[str, ActorRow]:
        if self._actors is None:
            self._actors = {a.id: a for a in self._rows.actors}
        return self._actors

    def _link(self, link_id: str) -> LinkRow | None:
        if link_id in self._removed_links:
            return None
        found = self._extra_links.get(link_id)
        if found is not None:
            return found
        if self._links is None:
            self._links = {link.id: link for link in self._rows.links}
        return self._links.get(link_id)

    def _links_of(self, actor: str) -> set[str]:
        if self._by_actor is None:
            index: dict[str, set[str]] = {}
            for link in self._rows.links:
                index.setdefault(link.source, set()).add(link.id)
                index.setdefault(link.target, set()).add(link.id)
            for link in self._extra_links.values():
                index.setdefault(link.source, set()).add(link.id)
                index.setdefault(link.target, set()).add(link.id)
            self._by_actor = index
        return {i for i in self._by_actor.get(actor, ()) if i not in self._removed_links}

    def _exists(self, actor: str) -> bool:
        if self._actors is not None:
            return actor in self._actors
        return actor in self.G._node or actor in self._root

    def root(self, actor: str) -> str:
        return self._root.get(actor, actor)

    # ------------------------------------------------------------ edges

    def _edge_from(self, link_ids: Iterable[str]) -> dict[str, Any] | None:
        data = empty_edge()
        for link_id in link_ids:
            link = self._link(link_id)
            if link is None or (self._cutoff and link.date and link.date > self._cutoff):
                continue
            record_link(data, link)
        return data if data["count"] else None

    def _set_edge(self, u: str, v: str, link_ids: list[str]) -> None:
        adj = self.G._adj
        data = self._edge_from(link_ids)
        if data is None:
            if v in adj[u]:
                del adj[u][v]
                del adj[v][u]
        else:
            # A fresh dict each time: edge dicts are shared with the original graph.
            adj[u][v] = data
            adj[v][u] = data
        self.touched.update((u, v))

    def _place(self, link: LinkRow, *, add: bool) -> tuple[str, str] | None:
        """Add or take ``link`` on the edge between its endpoints' institutions."""
        u, v = self.root(link.source), self.root(link.target)
        adj = self.G._adj
        if u == v or u not in adj or v not in adj:
            return None
        if add and self._cutoff and link.date and link.date > self._cutoff:
            return None
        edge = adj[u].get(v)
        ids = list(edge["links"]) if edge is not None else []
        if add:
            if link.id in ids:
                return None
            ids.append(link.id)
        else:
            if link.id not in ids:
                return None
            ids.remove(link.id)
        self._set_edge(u, v, ids)
        return (u, v)

    # ------------------------------------------------------------ nodes

    def _node_attrs(self, actor: ActorRow, members: list[str]) -> dict[str, Any]:
        return {
            "kind": actor.kind,
            "name": actor.name,
            "area": actor.area,
            "category": self.catalogue.category(actor.kind),
            "members": members,
        }

    def _add_node(self, actor: ActorRow, members: list[str]) -> None:
        self.G.add_node(actor.id, **self._node_attrs(actor, members))
        self.index.add(actor.id, actor.kind, actor.area)
        self._subjects.add(actor.id, actor.kind, actor.area)
        self.touched.add(actor.id)

    def _remove_node(self, node: str) -> tuple[str, str | None, list[str]]:
        data = self.G._node[node]
        kind, area = data.get("kind", ""), data.get("area")
        neighbours = list(self.G._adj[node])
        self.G.remove_node(node)
        self.index.remove(node, kind, area)
        self._subjects.remove(node, kind, area)
        self.touched.update(neighbours)
        self.touched.discard(node)
        return kind, area, neighbours

    def _set_members(self, node: str, members: list[str]) -> None:
        if node in self.G._node:
            # Replace, never mutate: the attribute dict is shared with the original graph.
            self.G._node[node] = {**self.G._node[node], "members": members}

    def _walk_root(self, actor: str) -> str:
        """Root of ``actor`` by its ``member_of`` chain (same walk as ``member_roots``)."""
        seen = {actor}
        node = actor
        while True:
            record = self.actors.get(node)
            up = record.member_of if record is not None else None
            if up is None or up in seen:
                return node
            seen.add(up)
            node = up

    # ------------------------------------------------------------ changes

    def apply(self, change: Change) -> tuple[int, float]:
        """Apply one change and re-evaluate the gaps it can affect.

        Returns
        -------
        tuple
            ``(pairs re-evaluated, seconds)`` for this change.

        Raises
        ------
        SinergiError
            ``unknown_actor`` / ``bad_change`` when the change does not fit the network.
        """
        started = time.perf_counter()
        before_touched = set(self.touched)
        self.touched = set()
        events: list[tuple[str, str | None]] = []
        removed: list[tuple[str, str]] = []
        if isinstance(change, AddLink):
            self._add_link(change)
        elif isinstance(change, RemoveLink):
            self._remove_link(change)
        elif isinstance(change, RemoveActor):
            self._remove_actor(change, events, removed)
        else:
            self._add_actor(change, events)
        pairs = self._reevaluate(self.touched, events, removed)
        self.touched |= before_touched
        self.applied.append(change)
        elapsed = time.perf_counter() - started
        self.seconds += elapsed
        self.pairs_evaluated += pairs
        return pairs, elapsed

    def apply_all(self, changes: Iterable[Change]) -> None:
        for change in changes:
            self.apply(change)

    def _require(self, actor: str) -> None:
        if not self._exists(actor):
            raise SinergiError("unknown_actor", id=actor)

    def _add_link(self, change: AddLink) -> None:
        if change.source == change.target:
            raise SinergiError("bad_change", value=_describe(change), detail="self-link")
        self._require(change.source)
        self._require(change.target)
        link = change.link()
        row = LinkRow(
            link.id,
            link.source,
            link.target,
            link.type,
            link.date.isoformat() if link.date else None,
            link.topic,
        )
        u, v = self.root(row.source), self.root(row.target)
        edge = self.G._adj[u].get(v) if u in self.G._adj else None
        if edge is not None:
            duplicate = row.id in edge["links"]
        else:
            # Only a link inside one institution can be recorded yet absent from the graph.
            duplicate = u == v and self._link(row.id) is not None
        if duplicate:
            self.notes.append(f"link {row.id} is already recorded; nothing to add")
            return
        self._removed_links.discard(row.id)
        self._extra_links[row.id] = row
        if self._by_actor is not None:
            self._by_actor.setdefault(row.source, set()).add(row.id)
            self._by_actor.setdefault(row.target, set()).add(row.id)
        if self._place(row, add=True) is None and self.root(row.source) == self.root(row.target):
            self.notes.append(
                f"{row.source} and {row.target} belong to the same institution; "
                "the link does not change the institution graph"
            )

    def _remove_link(self, change: RemoveLink) -> None:
        link = self._link(change.link_id)
        if link is None:
            raise SinergiError("bad_change", value=_describe(change), detail="unknown link id")
        self._place(link, add=False)
        self._removed_links.add(link.id)
        self._extra_links.pop(link.id, None)

    def _remove_actor(
        self,
        change: RemoveActor,
        events: list[tuple[str, str | None]],
        removed: list[tuple[str, str]],
    ) -> None:
        x = change.actor_id
        self._require(x)
        actors = self.actors
        old_root = self.root(x)
        is_node = x in self.G._node
        if is_node:
            group = list(self.G._node[x].get("members", ()))
        else:
            # Only members whose chain passes through ``x`` change their root.
            siblings = self.G._node[old_root].get("members", ()) if old_root in self.G._node else ()
            group = [m for m in siblings if m != x and self._passes(m, x)]
        affected = [x, *group]
        links: set[str] = set()
        for a in affected:
            links |= self._links_of(a)
        placed = [self._link(i) for i in sorted(links)]
        for link in placed:
            if link is not None:
                self._place(link, add=False)
        # The store deletes the actor's links and frees its direct members.
        for link in placed:
            if link is not None and x in (link.source, link.target):
                self._removed_links.add(link.id)
                self._extra_links.pop(link.id, None)
        del actors[x]
        for m in group:
            record = actors.get(m)
            if record is not None and record.member_of == x:
                actors[m] = record._replace(member_of=None)
        if is_node:
            kind, area, _ = self._remove_node(x)
            events.append((kind, area))
            removed.append((kind, x))
        else:
            self._root.pop(x, None)
            if old_root in self.G._node:
                keep = [m for m in self.G._node[old_root].get("members", ()) if m not in affected]
                self._set_members(old_root, keep)
        new_roots = {m: self._walk_root(m) for m in group}
        for m, r in new_roots.items():
            if r == m:
                self._root.pop(m, None)
        for m, r in new_roots.items():
            if r != m:
                self._root[m] = r
        for m, r in new_roots.items():
            if r == m:
                members = sorted(k for k, kr in new_roots.items() if kr == m and k != m)
                self._add_node(actors[m], members)
                events.append((actors[m].kind, actors[m].area))
        for link in placed:
            if link is not None and link.id not in self._removed_links:
                self._place(link, add=True)

    def _passes(self, member: str, through: str) -> bool:
        seen = {member}
        node = member
        while True:
            record = self.actors.get(node)
            up = record.member_of if record is not None else None
            if up is None or up in seen:
                return False
            if up == through:
                return True
            seen.add(up)
            node = up

    def _add_actor(self, change: AddActor, events: list[tuple[str, str | None]]) -> None:
        if change.id in self.actors:
            raise SinergiError("bad_change", value=_describe(change), detail="id already exists")
        if change.kind not in self.catalogue:
            raise SinergiError("bad_change", value=_describe(change), detail="unknown kind")
        row = ActorRow(change.id, change.kind, change.name, change.area, change.member_of)
        if change.member_of is not None:
            self._require(change.member_of)
            parent = self.actors[change.member_of]
            if not self.catalogue.is_institution(parent.kind):
                raise SinergiError(
                    "bad_change", value=_describe(change), detail="member_of is not an institution"
                )
            self.actors[row.id] = row
            r = self.root(change.member_of)
            self._root[row.id] = r
            if r in self.G._node:
                self._set_members(r, [*self.G._node[r].get("members", ()), row.id])
            return
        self.actors[row.id] = row
        self._add_node(row, [])
        events.append((row.kind, row.area))

    # ------------------------------------------------------------ gaps

    def _reevaluate(
        self,
        touched: Iterable[str],
        events: Iterable[tuple[str, str | None]],
        removed: Iterable[tuple[str, str]],
    ) -> int:
        pairs: set[tuple[str, str]] = set()
        rules = self._rule_by_id
        node_data = self.G._node
        for node in touched:
            data = node_data.get(node)
            if data is not None:
                for rule in self._by_subject.get(data.get("kind", ""), ()):
                    pairs.add((rule.id, node))
        for kind, area in events:
            if not area:
                continue
            for rule in self._by_counterpart.get(kind, ()):
                for subject in self._subjects.in_scope(rule, area):
                    pairs.add((rule.id, subject))
        for kind, node in removed:
            self._removed_subjects.add(node)
            for rule in self._by_subject.get(kind, ()):
                key = (rule.id, node)
                self.current.pop(key, None)
                self._dirty.add(key)
        for rule_id, subject in pairs:
            key = (rule_id, subject)
            if subject not in node_data:
                self.current.pop(key, None)
            else:
                gap = evaluate_subject(
                    self.G, rules[rule_id], subject, self.index, fresh_since=self._since[rule_id]
                )
                if gap is None:
                    self.current.pop(key, None)
                else:
                    self.current[key] = gap
            self._dirty.add(key)
        return len(pairs)

    def _sorted(self, gaps: Iterable[Gap]) -> list[Gap]:
        return sorted(gaps, key=lambda g: (g.area, self._order[g.rule], g.subject_id))

    def gaps(self) -> list[Gap]:
        """The current gap list, ordered like :func:`~sinergi_graph.gaps.find_gaps`."""
        return self._sorted(self.current.values())

    def full_gaps(self) -> list[Gap]:
        """The gap list by a full evaluation of the simulated graph (for checking)."""
        return find_gaps(self.G, self.rules, as_of=self.as_of)

    def result(self, *, metrics: bool = False, hops: int = 2) -> SimulationResult:
        """Gaps closed, opened and changed since the start; metrics side by side on request."""
        closed = [
            self.baseline[k] for k in self._dirty if k in self.baseline and k not in self.current
        ]
        opened = [
            self.current[k] for k in self._dirty if k in self.current and k not in self.baseline
        ]
        changed = [
            (self.baseline[k], self.current[k])
            for k in self._dirty
            if k in self.baseline and k in self.current and self.baseline[k] != self.current[k]
        ]
        changed.sort(key=lambda pair: (pair[1].area, self._order[pair[1].rule], pair[1].subject_id))
        return SimulationResult(
            scenario=Scenario(changes=tuple(self.applied)),
            before=len(self.baseline),
            after=len(self.current),
            before_weighted=sum(map(_severity_weight, self.baseline.values())),
            after_weighted=sum(map(_severity_weight, self.current.values())),
            closed=tuple(self._sorted(closed)),
            opened=tuple(self._sorted(opened)),
            changed=tuple(changed),
            removed_subjects=frozenset(self._removed_subjects),
            pairs_evaluated=self.pairs_evaluated,
            seconds=self.seconds,
            metrics=compare_metrics(self.original, self.G, self.touched, hops=hops)
            if metrics
            else None,
            notes=tuple(self.notes),
        )


def _describe(change: BaseModel) -> str:
    return json.dumps(change.model_dump(mode="json"), ensure_ascii=False)


def simulate(
    rows: NetworkRows,
    rules: Sequence[Rule],
    scenario: Scenario,
    *,
    graph: nx.Graph | None = None,
    catalogue: KindCatalogue | None = None,
    as_of: dt.date | None = None,
    metrics: bool = True,
    hops: int = 2,
) -> SimulationResult:
    """Run ``scenario`` on a copy of the network and report gaps and metrics side by side.

    Examples
    --------
    >>> from sinergi_graph.rules import default_rules
    >>> rows = NetworkRows(
    ...     [ActorRow("pps", "PPS", "PPS Tepus", "34.03.07.2004", None),
    ...      ActorRow("lurah", "LURAH", "Lurah Tepus", "34.03.07.2004", None)], [])
    >>> s = Scenario(changes=[AddLink(source="pps", target="lurah")])
    >>> doc = simulate(rows, default_rules(), s).as_json()
    >>> doc["before"]["gaps"] - doc["after"]["gaps"], doc["closed"][0]["rule"]
    (1, 'pps-kades')
    """
    sim = Simulation(rows, rules, graph=graph, catalogue=catalogue, as_of=as_of)
    sim.apply_all(scenario.changes)
    return replace(sim.result(metrics=metrics, hops=hops), scenario=scenario)


# --------------------------------------------------------------------------- metrics


def compare_metrics(
    before: nx.Graph,
    after: nx.Graph,
    touched: Iterable[str],
    *,
    hops: int = 2,
    max_nodes: int = 50,
) -> MetricChanges:
    """Constraint, reach and single points of failure around ``touched``, before vs after.

    Everything is local to the touched actors and their regencies, so the cost
    does not grow with the national network.

    Examples
    --------
    >>> before = nx.Graph([("a", "b"), ("b", "c")])
    >>> after = nx.Graph([("a", "b"), ("b", "c"), ("a", "c")])
    >>> m = compare_metrics(before, after, ["a", "c"])
    >>> [(c.key, c.before, c.after) for c in m.constraint]
    [('a', 1.0, 1.125), ('c', 1.0, 1.125)]
    """
    nodes = sorted(set(touched))[:max_nodes]
    hb = structural_holes(before, nodes=[n for n in nodes if n in before])
    ha = structural_holes(after, nodes=[n for n in nodes if n in after])
    constraint = tuple(
        MetricChange(
            "constraint",
            n,
            _r(hb.get(n, {}).get("constraint")),
            _r(ha.get(n, {}).get("constraint")),
        )
        for n in nodes
    )
    regencies: set[str] = set()
    for graph in (before, after):
        for n in nodes:
            if n in graph:
                reg = regency_of(graph.nodes[n].get("area"))
                if reg is not None:
                    regencies.add(reg)
    reach: list[MetricChange] = []
    exposed: list[MetricChange] = []
    resolved: set[str] = set()
    created: set[str] = set()
    cuts_gone: set[str] = set()
    cuts_new: set[str] = set()
    for reg in sorted(regencies):
        sub_b, sub_a = restrict(before, reg), restrict(after, reg)
        rb, ra = kpu_reach(sub_b, hops=hops), kpu_reach(sub_a, hops=hops)
        for district in sorted(set(rb) | set(ra)):
            b = rb[district].share if district in rb else None
            a = ra[district].share if district in ra else None
            if b != a:
                reach.append(MetricChange(f"reach<={hops}", district, _r(b), _r(a)))
        sb, sa = single_points_of_failure(sub_b), single_points_of_failure(sub_a)
        exposed.append(MetricChange("exposed_subjects", reg, len(sb.exposed()), len(sa.exposed())))
        resolved |= set(sb.by_actor) - set(sa.by_actor)
        created |= set(sa.by_actor) - set(sb.by_actor)
        cuts_gone |= sb.cut_vertices - sa.cut_vertices
        cuts_new |= sa.cut_vertices - sb.cut_vertices
    return MetricChanges(
        constraint=constraint,
        reach=tuple(reach),
        exposed=tuple(exposed),
        spof_resolved=tuple(sorted(resolved)),
        spof_created=tuple(sorted(created)),
        hops=hops,
        articulation_resolved=tuple(sorted(cuts_gone)),
        articulation_created=tuple(sorted(cuts_new)),
    )


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


# --------------------------------------------------------------------------- saved scenarios


def save_scenario(store: GraphStore, scenario: Scenario, name: str | None = None) -> str:
    """Save ``scenario`` under ``name`` (or its own name); returns the name used.

    Scenarios are documents of the store (namespace ``scenario``), so they travel
    with the network, on the embedded file as on Neo4j.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sinergi_graph.store.embedded import EmbeddedStore
    >>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()) / "net.db")
    >>> save_scenario(store, Scenario(changes=[RemoveActor(actor_id="x")]), "leave")
    'leave'
    >>> list_scenarios(store), load_scenario(store, "leave").changes[0].op
    (['leave'], 'remove_actor')
    >>> delete_scenario(store, "leave"), list_scenarios(store)
    (True, [])
    >>> store.close()
    """
    key = name or scenario.name
    if not key:
        raise SinergiError("bad_change", value="--save", detail="a scenario needs a name")
    store.put_document(
        SCENARIO_NAMESPACE, key, scenario.model_copy(update={"name": key}).model_dump_json()
    )
    return key


def load_scenario(store: GraphStore, name: str) -> Scenario:
    """The saved scenario ``name`` (see :func:`save_scenario`); ``unknown_scenario`` if absent."""
    body = store.get_document(SCENARIO_NAMESPACE, name)
    if body is None:
        raise SinergiError("unknown_scenario", name=name)
    return Scenario.model_validate_json(body)


def list_scenarios(store: GraphStore) -> list[str]:
    """Names of the saved scenarios, sorted (see :func:`save_scenario`)."""
    return store.list_documents(SCENARIO_NAMESPACE)


def delete_scenario(store: GraphStore, name: str) -> bool:
    """Delete a saved scenario; False when there was none (see :func:`save_scenario`)."""
    return store.delete_document(SCENARIO_NAMESPACE, name)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Several scenarios run from the same starting network."""

    results: tuple[SimulationResult, ...]
    closed_by_all: tuple[tuple[str, str], ...]
    closed_only_by: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def rows(self) -> list[dict[str, object]]:
        return [
            {
                "scenario": r.scenario.name or "",
                "changes": len(r.scenario.changes),
                "gaps_before": r.before,
                "gaps_after": r.after,
                "closed": len(r.closed),
                "opened": len(r.opened),
                "weighted_after": r.after_weighted,
                "closed_only_here": len(self.closed_only_by.get(r.scenario.name or "", ())),
            }
            for r in self.results
        ]


def compare_scenarios(
    rows: NetworkRows,
    rules: Sequence[Rule],
    scenarios: Sequence[Scenario],
    *,
    graph: nx.Graph | None = None,
    catalogue: KindCatalogue | None = None,
    as_of: dt.date | None = None,
) -> Comparison:
    """Run each scenario on its own copy of the same network and compare what they close.

    Examples
    --------
    >>> from sinergi_graph.rules import default_rules
    >>> rows = NetworkRows(
    ...     [ActorRow("pps", "PPS", "PPS", "34.03.07.2004", None),
    ...      ActorRow("lurah", "LURAH", "Lurah", "34.03.07.2004", None),
    ...      ActorRow("ppk", "PPK", "PPK", "34.03.07", None)], [])
    >>> a = Scenario(name="a", changes=[AddLink(source="pps", target="lurah")])
    >>> b = Scenario(name="b", changes=[*a.changes, AddLink(source="pps", target="ppk")])
    >>> cmp = compare_scenarios(rows, default_rules(), [a, b])
    >>> cmp.closed_by_all, cmp.closed_only_by["b"]
    ((('pps-kades', 'pps'),), (('pps-ppk', 'pps'),))
    """
    base = graph if graph is not None else build_graph(rows, catalogue=catalogue, as_of=as_of)
    results = tuple(
        simulate(rows, rules, s, graph=base, catalogue=catalogue, as_of=as_of, metrics=False)
        for s in scenarios
    )
    closed = [{g.key for g in r.closed} for r in results]
    common = set.intersection(*closed) if closed else set()
    only: dict[str, tuple[tuple[str, str], ...]] = {}
    for i, r in enumerate(results):
        others = set().union(*(c for j, c in enumerate(closed) if j != i))
        only[r.scenario.name or str(i)] = tuple(sorted(closed[i] - others))
    return Comparison(results, tuple(sorted(common)), only)


# --------------------------------------------------------------------------- applying to the store


class JournalEntry(BaseModel):
    """One applied scenario with the change set that undoes it."""

    model_config = _FROZEN

    seq: int
    scenario: Scenario
    applied_at: str
    forward: ChangeSet
    inverse: ChangeSet
    transactions: int
    undone_at: str | None = None


def forward_changes(scenario: Scenario) -> ChangeSet:
    """The net store operations of a scenario (later changes win over earlier ones).

    Examples
    --------
    >>> s = Scenario(changes=[AddLink(source="a", target="b"), RemoveActor(actor_id="b")])
    >>> forward_changes(s).upsert_links, forward_changes(s).delete_actor_ids
    ((), ('b',))
    """
    actors: dict[str, Actor] = {}
    links: dict[str, CoordinationLink] = {}
    del_actors: list[str] = []
    del_links: list[str] = []
    for change in scenario.changes:
        if isinstance(change, AddActor):
            actors[change.id] = Actor(
                id=change.id,
                kind=change.kind,
                name=change.name,
                area=change.area,
                member_of=change.member_of,
            )
        elif isinstance(change, AddLink):
            link = change.link()
            links[link.id] = link
        elif isinstance(change, RemoveLink):
            links.pop(change.link_id, None)
            del_links.append(change.link_id)
        else:
            x = change.actor_id
            actors.pop(x, None)
            links = {k: v for k, v in links.items() if x not in (v.source, v.target)}
            actors = {
                k: (a.model_copy(update={"member_of": None}) if a.member_of == x else a)
                for k, a in actors.items()
            }
            del_actors.append(x)
    return ChangeSet(
        delete_link_ids=tuple(dict.fromkeys(del_links)),
        delete_actor_ids=tuple(dict.fromkeys(del_actors)),
        upsert_actors=tuple(actors.values()),
        upsert_links=tuple(links.values()),
    )


def inverse_changes(store: GraphStore, forward: ChangeSet, rows: NetworkRows) -> ChangeSet:
    """The change set that restores the store as it is now after ``forward`` is applied.

    It deletes what ``forward`` creates and re-inserts what it overwrites or
    deletes — including the links that go with a deleted actor and the members
    whose ``member_of`` the deletion clears. See :func:`apply_scenario`.
    """
    deleted = set(forward.delete_actor_ids)
    touched_actor_ids = deleted | {a.id for a in forward.upsert_actors}
    prior_actors = {a.id: a for a in store.actors(touched_actor_ids)}
    # Members of a deleted actor get ``member_of`` cleared: restore them too.
    children = [a.id for a in rows.actors if a.member_of in deleted and a.id not in deleted]
    prior_actors.update((a.id, a) for a in store.actors(children))
    link_ids = set(forward.delete_link_ids) | {link.id for link in forward.upsert_links}
    prior_links = {link.id: link for link in store.links(link_ids)}
    for actor_id in forward.delete_actor_ids:
        prior_links.update((link.id, link) for link in store.links_of(actor_id))
    return ChangeSet(
        delete_link_ids=tuple(
            link.id for link in forward.upsert_links if link.id not in prior_links
        ),
        delete_actor_ids=tuple(a.id for a in forward.upsert_actors if a.id not in prior_actors),
        upsert_actors=tuple(prior_actors[k] for k in sorted(prior_actors)),
        upsert_links=tuple(prior_links[k] for k in sorted(prior_links)),
    )


def execute_changes(
    store: GraphStore, changes: ChangeSet, documents: Sequence[tuple[str, str, str]]
) -> None:
    """Apply ``changes`` and save ``(namespace, key, body)`` documents in one transaction."""
    store.apply_changes(changes, documents)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def apply_scenario(
    store: GraphStore,
    scenario: Scenario,
    *,
    rows: NetworkRows | None = None,
    check: Callable[[Scenario], None] | None = None,
) -> JournalEntry:
    """Apply ``scenario`` to the store and journal its inverse for :func:`undo_last`.

    Run :class:`Simulation` first (the CLI does): it rejects changes that do not
    fit the network. ``check`` may run that validation here.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sinergi_graph.store.embedded import EmbeddedStore
    >>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()) / "net.db")
    >>> store.upsert([Actor(id="pps", kind="PPS", name="PPS"),
    ...               Actor(id="kades", kind="KADES", name="Kades")], [])
    >>> entry = apply_scenario(store, Scenario(changes=[AddLink(source="pps", target="kades")]))
    >>> entry.seq, len(store.links_of("pps"))
    (1, 1)
    >>> undo_last(store).seq, len(store.links_of("pps"))
    (1, 0)
    >>> store.close()
    """
    if check is not None:
        check(scenario)
    network = rows if rows is not None else store.network_rows()
    forward = forward_changes(scenario)
    inverse = inverse_changes(store, forward, network)
    seq = _next_seq(store)
    entry = JournalEntry(
        seq=seq,
        scenario=scenario,
        applied_at=_now(),
        forward=forward,
        inverse=inverse,
        transactions=1,
    )
    execute_changes(store, forward, [(JOURNAL_NAMESPACE, f"{seq:08d}", entry.model_dump_json())])
    return entry


def _next_seq(store: GraphStore) -> int:
    keys = store.list_documents(JOURNAL_NAMESPACE)
    return (int(max(keys)) + 1) if keys else 1


def journal(store: GraphStore) -> list[JournalEntry]:
    """Every applied scenario, oldest first (see :func:`apply_scenario`)."""
    entries = []
    for key in store.list_documents(JOURNAL_NAMESPACE):
        body = store.get_document(JOURNAL_NAMESPACE, key)
        if body is not None:
            entries.append(JournalEntry.model_validate_json(body))
    return entries


def undo_conflicts(store: GraphStore, entry: JournalEntry) -> list[str]:
    """Signs that the network changed since ``entry`` was applied (empty when safe to undo).

    Checked: the links the scenario added still exist and the actors it removed
    have not come back. Everything else an undo restores from the journal.
    """
    problems: list[str] = []
    present_links = {link.id for link in store.links([k.id for k in entry.forward.upsert_links])}
    problems.extend(
        f"link {k.id} no longer exists"
        for k in entry.forward.upsert_links
        if k.id not in present_links
    )
    present = {a.id for a in store.actors(entry.forward.delete_actor_ids)}
    problems.extend(
        f"actor {a} exists again" for a in entry.forward.delete_actor_ids if a in present
    )
    return problems


def undo_last(store: GraphStore, *, force: bool = False) -> JournalEntry | None:
    """Undo the most recent applied (and not yet undone) scenario; ``None`` if there is none.

    Raises
    ------
    SinergiError
        ``bad_change`` when the network changed since and ``force`` is not set.
    """
    pending = [e for e in journal(store) if e.undone_at is None]
    if not pending:
        return None
    entry = pending[-1]
    problems = undo_conflicts(store, entry)
    if problems and not force:
        raise SinergiError("bad_change", value="undo", detail="; ".join(problems[:3]))
    done = entry.model_copy(update={"undone_at": _now()})
    execute_changes(
        store, entry.inverse, [(JOURNAL_NAMESPACE, f"{entry.seq:08d}", done.model_dump_json())]
    )
    return done
