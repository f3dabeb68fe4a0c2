"""Partnership simulation: what-if scenarios on a copy of the coordination graph.

:class:`Simulation` applies the changes of a :class:`~sinergi_graph.changes.Scenario`
to a copy of the graph — never to the store — and keeps the gap list up to
date *incrementally*: a change can only alter the gaps of

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
simulated graph. Applying to the store, saved scenarios and undo are the
write side, in :mod:`sinergi_graph.scenarios`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from importlib import import_module
from typing import Any

import networkx as nx

from sinergi_graph.analysis._common import structural_copy
from sinergi_graph.analysis.metric_changes import MetricChange, MetricChanges, compare_metrics
from sinergi_graph.analysis.simulation_results import SimulationResult, gap_entry, severity_weight
from sinergi_graph.changes import (
    AddActor,
    AddLink,
    Change,
    RemoveActor,
    RemoveLink,
    Scenario,
    describe_change,
    parse_change,
)
from sinergi_graph.errors import ChangeRejected, UnknownActor
from sinergi_graph.gaps import CounterpartIndex, Gap, evaluate_subject, find_gaps, freshness
from sinergi_graph.graph import build_graph, empty_edge, member_chain, member_root, record_link
from sinergi_graph.i18n import Msg
from sinergi_graph.kinds import KindCatalogue, default_catalogue
from sinergi_graph.models import ActorRow, ChangeSet, LinkRow, NetworkRows
from sinergi_graph.rules import Rule

# The engine, and (re-exported from the modules they moved to) the names code imports from here.
__all__ = [
    "AddActor",
    "AddLink",
    "Change",
    "ChangeSet",
    "MetricChange",
    "MetricChanges",
    "RemoveActor",
    "RemoveLink",
    "Scenario",
    "Simulation",
    "SimulationResult",
    "compare_metrics",
    "gap_entry",
    "parse_change",
    "simulate",
]


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
        # One area-kind index for counterparts (gap evaluation) and subjects (which
        # pairs a new or removed counterpart concerns).
        self.index = CounterpartIndex(self.G, self.rules, subjects=True)
        self._windows = {r.id: freshness(r, as_of) for r in self.rules}
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
        self.touched.add(actor.id)

    def _remove_node(self, node: str) -> tuple[str, str | None, list[str]]:
        data = self.G._node[node]
        kind, area = data.get("kind", ""), data.get("area")
        neighbours = list(self.G._adj[node])
        self.G.remove_node(node)
        self.index.remove(node, kind, area)
        self.touched.update(neighbours)
        self.touched.discard(node)
        return kind, area, neighbours

    def _set_members(self, node: str, members: list[str]) -> None:
        if node in self.G._node:
            # Replace, never mutate: the attribute dict is shared with the original graph.
            self.G._node[node] = {**self.G._node[node], "members": members}

    def _parent_of(self, actor: str) -> str | None:
        record = self.actors.get(actor)
        return record.member_of if record is not None else None

    # ------------------------------------------------------------ changes

    def apply(self, change: Change) -> tuple[int, float]:
        """Apply one change and re-evaluate the gaps it can affect.

        Returns
        -------
        tuple
            ``(pairs re-evaluated, seconds)`` for this change.

        Raises
        ------
        UnknownActor
            When the change names an actor that is not in the network.
        ChangeRejected
            When the change does not fit the network otherwise.
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
            raise UnknownActor(id=actor)

    def _add_link(self, change: AddLink) -> None:
        if change.source == change.target:
            raise ChangeRejected(value=describe_change(change), detail=Msg("change_self_link"))
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
            raise ChangeRejected(value=describe_change(change), detail=Msg("change_unknown_link"))
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
            group = [m for m in siblings if m != x and x in member_chain(m, self._parent_of)]
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
        new_roots = {m: member_root(m, self._parent_of) for m in group}
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

    def _add_actor(self, change: AddActor, events: list[tuple[str, str | None]]) -> None:
        if change.id in self.actors:
            raise ChangeRejected(value=describe_change(change), detail=Msg("change_id_exists"))
        if change.kind not in self.catalogue:
            raise ChangeRejected(
                value=describe_change(change),
                detail=Msg("change_unknown_kind", value=change.kind),
            )
        row = ActorRow(change.id, change.kind, change.name, change.area, change.member_of)
        if change.member_of is not None:
            self._require(change.member_of)
            parent = self.actors[change.member_of]
            if not self.catalogue.is_institution(parent.kind):
                raise ChangeRejected(
                    value=describe_change(change), detail=Msg("change_member_not_institution")
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
                for subject in self.index.subjects_in_scope(rule, area):
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
                    self.G, rules[rule_id], subject, self.index, windows=self._windows[rule_id]
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
            before_weighted=sum(map(severity_weight, self.baseline.values())),
            after_weighted=sum(map(severity_weight, self.current.values())),
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


# The write side moved to ``sinergi_graph.scenarios`` (a layer above analysis).
# Its names stay importable from here while the CLI and the TUI move to the new
# paths; resolved on first use, because an import at the top would be a cycle
# (scenarios imports this module) and an upward import.
def __getattr__(name: str) -> Any:
    scenarios = import_module("sinergi_graph.scenarios")
    if name in getattr(scenarios, "__all__", ()):
        return getattr(scenarios, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
