"""Partnership simulation: what-if scenarios on a copy-on-write view of the coordination graph.

:class:`Simulation` applies the changes of a :class:`~sinergi_graph.changes.Scenario`
(or a store :class:`~sinergi_graph.models.ChangeSet`) to a view of the graph
— never to the graph itself nor to the store — and keeps the gap list up to
date *incrementally*: a change can only alter the gaps of

* the actors whose links changed (as subjects of their rules), and
* the subjects that have an added or removed actor in scope as a possible
  counterpart (a new lurah turns the PPS's ``no_counterpart`` gap into
  ``no_contact``),

so only those (rule, subject) pairs are re-evaluated, with the core's
:class:`~sinergi_graph.gaps.CounterpartIndex` kept current. Adding one link
to the national network re-evaluates a handful of pairs instead of ~500k.

Nothing national is copied or rebuilt per simulation: the view shares the
graph's neighbour dicts until it changes one, and the counterpart index, the
record indexes and the baseline gap list are built once per graph and kept
beside it (:mod:`~sinergi_graph.analysis.simulation_base`), so starting a
simulation on a graph whose gaps were evaluated costs two dict copies.

Removing an actor follows the store's semantics exactly (links touching it
are deleted, its members stay as free-standing persons with their own links),
so applying a scenario to the store and rebuilding the graph gives the
simulated graph; the graph side is :mod:`~sinergi_graph.analysis.network_edit`.
Applying to the store, saved scenarios and undo are the write side, in
:mod:`sinergi_graph.scenarios`; refreshing a loaded network after a write is
:mod:`sinergi_graph.live`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from importlib import import_module
from typing import Any

import networkx as nx

from sinergi_graph.analysis.metric_changes import MetricChange, MetricChanges, compare_metrics
from sinergi_graph.analysis.network_edit import Step
from sinergi_graph.analysis.simulation_base import (
    records_for,
    remember_records,
    remember_subject_index,
    subject_index_for,
)
from sinergi_graph.analysis.simulation_meetings import MeetingPlanning
from sinergi_graph.analysis.simulation_results import (
    SimulationResult,
    gap_entry,
    severity_weight,
    total_weight,
)
from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.changes import (
    AddActor,
    AddLink,
    Change,
    PlanMeeting,
    RemoveActor,
    RemoveLink,
    Scenario,
    describe_change,
    parse_change,
)
from sinergi_graph.errors import ChangeRejected, UnknownActor
from sinergi_graph.gaps import (
    CounterpartIndex,
    Gap,
    evaluate_subject,
    find_gaps,
    freshness,
    remember_gaps,
    remembered_gaps,
)
from sinergi_graph.graph import build_graph
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
    "PlanMeeting",
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


class Simulation(MeetingPlanning):
    """A scenario session on a copy-on-write view of the coordination graph, with incremental gaps.

    Parameters
    ----------
    rows : NetworkRows
        The network as loaded from the store (link and actor records are
        needed to re-fold links when an actor is removed).
    rules : sequence of Rule
        Gap rules to keep evaluated.
    graph : networkx.Graph, optional
        The graph already built from ``rows``; never modified, and treated as
        unchanging while the simulation lives. Its gap list and counterpart
        index are reused when :func:`~sinergi_graph.gaps.find_gaps` already
        evaluated it with the same rules and day.
    catalogue : KindCatalogue, optional
        For categories of added actors.
    as_of : date, optional
        As in :func:`~sinergi_graph.gaps.find_gaps` (and links dated later are ignored).
    baseline : sequence of Gap, optional
        The gaps ``find_gaps(graph, rules, as_of=as_of)`` gives, when the caller
        has them; otherwise they are evaluated on first need.

    Notes
    -----
    The set-up copies two dicts; the counterpart index, the record indexes and
    the baseline gap list are built on first need, once per graph (the next
    simulation on the same graph finds them).

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
        baseline: Iterable[Gap] | None = None,
    ) -> None:
        self.rules = list(rules)
        self.as_of = as_of
        self._rows = rows
        cat = catalogue or default_catalogue()
        original = graph if graph is not None else build_graph(rows, catalogue=cat, as_of=as_of)
        super().__init__(original, records_for(rows, original), cat, as_of)
        self._evaluated = remembered_gaps(original, self.rules, as_of)
        self._given = None if baseline is None else tuple(baseline)
        self._given_sorted: list[Gap] | None = None
        self._baseline: dict[tuple[str, str], Gap] | None = None
        self._before_weighted: int | None = None
        self._index: CounterpartIndex | None = None
        self._subject_index: CounterpartIndex | None = None
        # Institutions added or removed before the subject index was needed.
        self._index_log: list[tuple[str, str, str | None, bool]] = []
        self._windows = {r.id: freshness(r, as_of) for r in self.rules}
        self._order = {r.id: i for i, r in enumerate(self.rules)}
        self._rule_by_id = {r.id: r for r in self.rules}
        self._by_subject: dict[str, list[Rule]] = {}
        self._by_counterpart: dict[str, list[Rule]] = {}
        for rule in self.rules:
            self._by_subject.setdefault(rule.subject, []).append(rule)
            for kind in rule.counterparts:
                self._by_counterpart.setdefault(kind, []).append(rule)
        # The gaps of the (rule, subject) pairs re-evaluated so far (None: covered).
        self._now: dict[tuple[str, str], Gap | None] = {}
        self._removed_subjects: set[str] = set()
        self.applied: list[Change] = []
        self.pairs_evaluated = 0
        self.seconds = 0.0

    def prepare(self) -> None:
        """Build the indexes and the baseline now instead of on first need.

        Removing a link or an actor needs link and actor records by id and by
        endpoint (~1 s for the national network, once per network); a
        benchmark or a long interactive session pays that up front.
        """
        # Hundreds of thousands of new containers: no cycle collection meanwhile.
        with cycle_collector_paused():
            self._records.prepare()
            subject_index_for(self.original, self.rules)
            self.index  # noqa: B018 - the properties build what they return
            self.baseline  # noqa: B018

    # ------------------------------------------------------------ shared state, lazily

    @property
    def index(self) -> CounterpartIndex:
        """The counterpart index of the simulated graph (a fork of the original's)."""
        if self._index is None:
            base = self._evaluated.index if self._evaluated is not None else None
            if base is None:
                # Built on the original, before any change: the fork then follows them.
                base = CounterpartIndex(self.original, self.rules)
            self._index = base.fork()
        return self._index

    @property
    def baseline(self) -> dict[tuple[str, str], Gap]:
        """The gaps of the original network, by (rule, subject)."""
        if self._baseline is None:
            if self._evaluated is None and self._given is None:
                found = find_gaps(self.original, self.rules, as_of=self.as_of)
                self._evaluated = remembered_gaps(self.original, self.rules, self.as_of)
                if self._evaluated is None:
                    self._given = tuple(found)
            if self._evaluated is not None:
                # Shared with the graph's other simulations: read, never changed.
                self._baseline = self._evaluated.by_key
            else:
                self._baseline = {(g.rule, g.subject_id): g for g in self._given or ()}
        return self._baseline

    def _baseline_sorted(self) -> Sequence[Gap]:
        self.baseline  # noqa: B018 - evaluates it when nobody has
        if self._evaluated is not None:
            return self._evaluated.gaps
        if self._given_sorted is None:
            self._given_sorted = self._sorted(self._given or ())
        return self._given_sorted

    @property
    def current(self) -> dict[tuple[str, str], Gap]:
        """The gaps of the simulated network, by (rule, subject)."""
        merged = dict(self.baseline)
        for key, gap in self._now.items():
            if gap is None:
                merged.pop(key, None)
            else:
                merged[key] = gap
        return merged

    def _indexed(self, node: str, kind: str, area: str | None, *, add: bool) -> None:
        if self._subject_index is None:
            self._index_log.append((node, kind, area, add))
        for index in (self.index, self._subject_index):
            if index is not None:
                if add:
                    index.add(node, kind, area)
                else:
                    index.remove(node, kind, area)

    def _subjects(self, *, build: bool = True) -> CounterpartIndex | None:
        """The subject index of the simulated graph: the original's, forked, with the changes."""
        if self._subject_index is None:
            base = subject_index_for(self.original, self.rules, build=build)
            if base is None:
                return None
            index = base.fork()
            for node, kind, area, add in self._index_log:
                if add:
                    index.add(node, kind, area)
                else:
                    index.remove(node, kind, area)
            self._index_log.clear()
            self._subject_index = index
        return self._subject_index

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
        with self._step() as step:
            if isinstance(change, AddLink):
                self._add_link(change)
            elif isinstance(change, RemoveLink):
                self._remove_link(change)
            elif isinstance(change, RemoveActor):
                self._require(change.actor_id)
                self._rehome(change.actor_id, None, step)
            elif isinstance(change, PlanMeeting):
                self._plan_meeting(change)
            else:
                self._add_actor(change, step)
        self.applied.append(change)
        elapsed = time.perf_counter() - started
        self.seconds += elapsed
        return step.pairs, elapsed

    def apply_all(self, changes: Iterable[Change]) -> None:
        for change in changes:
            self.apply(change)

    def apply_changeset(self, changes: ChangeSet) -> int:
        """Apply a store change set the way the store applies it; the pairs re-evaluated.

        Deletes links, then actors (with their links; their members stay as
        free-standing persons), then upserts actors and links: an upsert of a
        recorded id is an edit (kind, name, area, ``member_of``, endpoints,
        date). Unknown ids in deletions are ignored, as the store ignores them.
        """
        with self._step() as step:
            for link_id in changes.delete_link_ids:
                link = self._link(link_id)
                if link is not None:
                    self._drop_link(link)
            for actor_id in changes.delete_actor_ids:
                if actor_id in self.actors:
                    self._rehome(actor_id, None, step)
            for actor in changes.upsert_actors:
                row = ActorRow(actor.id, actor.kind, actor.name, actor.area, actor.member_of)
                if self.actors.get(actor.id) != row:
                    self._rehome(actor.id, row, step)
                else:
                    # Unchanged for the graph; the store still moves it to the end of its order.
                    actors = self._own_actors()
                    actors[actor.id] = actors.pop(actor.id)
                    self.changed_actors.add(actor.id)
            for new in changes.upsert_links:
                day = new.date.isoformat() if new.date else None
                self._put_link(LinkRow(new.id, new.source, new.target, new.type, day, new.topic))
        return step.pairs

    @contextmanager
    def _step(self) -> Iterator[Step]:
        """One change: collect what it touches, then re-evaluate those pairs."""
        before = self.touched
        self.touched = set()
        step = Step()
        yield step
        step.pairs = self._reevaluate(self.touched, step)
        self.touched |= before
        self.pairs_evaluated += step.pairs
        # networkx's per-graph cache (and what sinergi keeps there) describes the old graph.
        self.G.__networkx_cache__.clear()

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
        self._keep_link(row)
        if self._place(row, add=True) is None and self.root(row.source) == self.root(row.target):
            self.notes.append(
                f"{row.source} and {row.target} belong to the same institution; "
                "the link does not change the institution graph"
            )

    def _remove_link(self, change: RemoveLink) -> None:
        link = self._link(change.link_id)
        if link is None:
            raise ChangeRejected(value=describe_change(change), detail=Msg("change_unknown_link"))
        self._drop_link(link)

    def _add_actor(self, change: AddActor, step: Step) -> None:
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
            self._own_actors()[row.id] = row
            self.changed_actors.add(row.id)
            r = self.root(change.member_of)
            self._root[row.id] = r
            if r in self.G._node:
                self._set_members(r, [*self._members(r), row.id])
            return
        self._own_actors()[row.id] = row
        self.changed_actors.add(row.id)
        self._add_node(row, [])
        step.events.append((row.kind, row.area))

    # ------------------------------------------------------------ gaps

    def _settle(self, key: tuple[str, str], gap: Gap | None) -> None:
        # Only what differs from the baseline is kept; the baseline may not be loaded yet.
        self._now[key] = gap

    def _reevaluate(self, touched: Iterable[str], step: Step) -> int:
        pairs: set[tuple[str, str]] = set()
        rules = self._rule_by_id
        node_data = self.G._node
        for node in touched:
            data = node_data.get(node)
            if data is not None:
                for rule in self._by_subject.get(data.get("kind", ""), ()):
                    pairs.add((rule.id, node))
        for kind, area in step.events:
            if not area:
                continue
            subjects = self._subjects()
            assert subjects is not None  # built when asked to
            for rule in self._by_counterpart.get(kind, ()):
                for subject in subjects.subjects_in_scope(rule, area):
                    pairs.add((rule.id, subject))
        for kind, node in [*step.removed, *step.retired]:
            for rule in self._by_subject.get(kind, ()):
                key = (rule.id, node)
                if key not in pairs:
                    self._settle(key, None)
        self._removed_subjects.update(node for _, node in step.removed)
        index = self.index
        for rule_id, subject in pairs:
            key = (rule_id, subject)
            if subject not in node_data:
                self._settle(key, None)
            else:
                self._settle(
                    key,
                    evaluate_subject(
                        self.G, rules[rule_id], subject, index, windows=self._windows[rule_id]
                    ),
                )
        return len(pairs)

    def _sorted(self, gaps: Iterable[Gap]) -> list[Gap]:
        return sorted(gaps, key=lambda g: (g.area, self._order[g.rule], g.subject_id))

    def _sort_key(self, gap: Gap) -> tuple[str, int, str]:
        return (gap.area, self._order[gap.rule], gap.subject_id)

    def gaps(self) -> list[Gap]:
        """The current gap list, ordered like :func:`~sinergi_graph.gaps.find_gaps`."""
        base = self._baseline_sorted()
        now = self._now
        # The baseline is in order and few gaps changed: merge instead of sorting ~30k.
        found = [g for g in base if (g.rule, g.subject_id) not in now]
        for gap in self._sorted(g for g in now.values() if g is not None):
            bisect.insort(found, gap, key=self._sort_key)
        return found

    def full_gaps(self) -> list[Gap]:
        """The gap list by a full evaluation of the simulated graph (for checking)."""
        return find_gaps(self.G, self.rules, as_of=self.as_of)

    def result(self, *, metrics: bool = False, hops: int = 2) -> SimulationResult:
        """Gaps closed, opened and changed since the start; metrics side by side on request."""
        baseline = self.baseline
        closed: list[Gap] = []
        opened: list[Gap] = []
        changed: list[tuple[Gap, Gap]] = []
        after = len(baseline)
        if self._before_weighted is None:
            # Once per session: the TUI asks for a result after every change.
            self._before_weighted = total_weight(baseline.values())
        before_weighted = after_weighted = self._before_weighted
        for key, now in self._now.items():
            was = baseline.get(key)
            if was is not None:
                after -= 1
                after_weighted -= severity_weight(was)
            if now is not None:
                after += 1
                after_weighted += severity_weight(now)
            if was is not None and now is None:
                closed.append(was)
            elif was is None and now is not None:
                opened.append(now)
            elif was is not None and now is not None and was != now:
                changed.append((was, now))
        changed.sort(key=lambda pair: (pair[1].area, self._order[pair[1].rule], pair[1].subject_id))
        return SimulationResult(
            scenario=Scenario(changes=tuple(self.applied)),
            before=len(baseline),
            after=after,
            before_weighted=before_weighted,
            after_weighted=after_weighted,
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
            meetings=tuple(self.meetings.items()),
        )

    # ------------------------------------------------------------ a network of its own

    def commit(self) -> tuple[NetworkRows, nx.Graph, list[Gap]]:
        """The simulated network as rows, graph and gap list, ready to stand on its own.

        The graph keeps its records, counterpart index and gap list beside it,
        so the next simulation (or :func:`sinergi_graph.live.refresh`) on it
        starts at once. The session ends: apply nothing more to it.
        """
        records = self.committed_records()
        rows = records.rows
        gaps = self.gaps()
        remember_records(self.G, records)
        remember_gaps(self.G, self.rules, self.as_of, self.index, gaps, self.current)
        subjects = self._subjects(build=False)
        if subjects is not None:
            remember_subject_index(self.G, self.rules, subjects)
        return rows, self.G, gaps


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
