"""The plan being worked on: a scenario on a copy of the network, re-evaluated as it changes.

A thin layer over :mod:`sinergi_graph.analysis.simulation` (incremental
re-evaluation, save/load/compare/apply/undo) and
:mod:`sinergi_graph.analysis.recommend` (which counterparts close the most
gaps, and who can introduce them). No Textual here: the screens call it from
workers.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from sinergi_graph.analysis.paths import Introduction, warm_introductions
from sinergi_graph.analysis.recommend import plan_links
from sinergi_graph.analysis.simulation import (
    AddLink,
    Change,
    MetricChanges,
    RemoveActor,
    Scenario,
    Simulation,
    SimulationResult,
    compare_metrics,
)
from sinergi_graph.errors import SinergiError
from sinergi_graph.gaps import Gap, Reason
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.rules import Rule, Severity
from tui.model import GapIndex, Network

INTRODUCTIONS = 2


@dataclass(frozen=True)
class Candidate:
    """Someone ``subject`` could start coordinating with, and why."""

    target: str
    closes: tuple[Gap, ...]
    weight: int
    introductions: tuple[Introduction, ...]
    recommended: bool


def _weight(gaps: tuple[Gap, ...]) -> int:
    return sum(Severity(g.severity).weight for g in gaps)


def candidates_for(
    network: Network, gaps: GapIndex | None, subject: str, *, limit: int = 12
) -> list[Candidate]:
    """Counterparts for a new link from ``subject``: the gap-closing ones first.

    Recommended: the links :func:`~sinergi_graph.analysis.recommend.plan_links`
    picks for the subject's own open gaps. Then the other counterparts in scope
    of those gaps, then subjects whose gap ``subject`` itself would close (a
    lurah proposing to meet the PPS that lacks contact with it). Each comes with
    warm introductions (who already knows both sides).
    """
    G = network.graph
    if subject not in G or gaps is None:
        return []
    own = [g for g in gaps.of(subject) if g.reason is not Reason.NO_COUNTERPART]
    plan = plan_links(G, own, budget=limit, introductions=INTRODUCTIONS)
    found: dict[str, Candidate] = {}
    for p in plan.links:
        target = p.target if p.source == subject else p.source
        found[target] = Candidate(target, p.closes, p.weight, p.introductions, True)
    for g in own:
        for c in g.counterpart_ids:
            if c in found or c not in G or len(found) >= limit:
                continue
            intros = tuple(warm_introductions(G, subject, c, limit=INTRODUCTIONS))
            found[c] = Candidate(c, (g,), _weight((g,)), intros, False)
    area = G.nodes[subject].get("area") or ""
    if area and len(found) < limit:
        for g in gaps.in_area(area[:2]):
            if subject in g.counterpart_ids and g.subject_id not in found:
                intros = tuple(warm_introductions(G, subject, g.subject_id, limit=INTRODUCTIONS))
                found[g.subject_id] = Candidate(
                    g.subject_id, (g,), _weight((g,)), intros, not found
                )
                if len(found) >= limit:
                    break
    ranked = sorted(found.values(), key=lambda c: (not c.recommended, -c.weight, c.target))
    return ranked[:limit]


@dataclass
class PlanSession:
    """The scenario being edited and its simulation on one network revision."""

    network: Network
    rules: list[Rule]
    catalogue: KindCatalogue
    as_of: date | None = None
    name: str | None = None
    changes: list[Change] = field(default_factory=list)
    sim: Simulation | None = None
    result: SimulationResult | None = None
    metrics: MetricChanges | None = None
    dropped: list[str] = field(default_factory=list)
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    @property
    def scenario(self) -> Scenario:
        return Scenario(name=self.name, changes=tuple(self.changes))

    def _start(self) -> Simulation:
        return Simulation(
            self.network.source_rows,
            self.rules,
            graph=self.network.graph,
            catalogue=self.catalogue,
            as_of=self.as_of,
        )

    def ensure(self) -> Simulation:
        with self.lock:
            return self._ensure()

    def _ensure(self) -> Simulation:
        if self.sim is None:
            self.sim = self._start()
            self.result = self.sim.result()
        return self.sim

    def planned_partners(self, subject: str) -> set[str]:
        """Actors a link from ``subject`` is already planned with (either direction)."""
        with self.lock:
            found: set[str] = set()
            for c in self.changes:
                if isinstance(c, AddLink) and subject in (c.source, c.target):
                    found.add(c.target if c.source == subject else c.source)
            return found

    def contains(self, change: Change) -> bool:
        """Whether ``change`` is in the plan already (a link between the same two, either way)."""
        with self.lock:
            if isinstance(change, AddLink):
                ends = {change.source, change.target}
                links = (c for c in self.changes if isinstance(c, AddLink))
                return any({c.source, c.target} == ends for c in links)
            return change in self.changes

    def add(self, change: Change) -> SimulationResult:
        """Apply one more change incrementally (raises SinergiError when it does not fit)."""
        with self.lock:
            sim = self._ensure()
            sim.apply(change)
            self.changes.append(change)
            self.result = sim.result()
            self.metrics = None
            return self.result

    def replay(self, changes: list[Change], *, network: Network | None = None) -> SimulationResult:
        """Start again from the network (a new one if given) and apply ``changes`` in order.

        Changes that no longer fit (an actor was removed meanwhile) are dropped
        and listed in :attr:`dropped`.
        """
        with self.lock:
            if network is not None:
                self.network = network
            sim = self._start()
            kept: list[Change] = []
            self.dropped = []
            for change in changes:
                try:
                    sim.apply(change)
                    kept.append(change)
                except SinergiError as exc:
                    self.dropped.append(f"{describe_change(change)}: {exc.render()}")
            self.sim = sim
            self.changes = kept
            self.result = sim.result()
            self.metrics = None
            return self.result

    def remove(self, index: int) -> SimulationResult:
        remaining = [c for i, c in enumerate(self.changes) if i != index]
        return self.replay(remaining)

    def compute_metrics(self) -> MetricChanges | None:
        """Reach and single points of failure around the changed actors, before vs after."""
        with self.lock:
            if self.sim is None or not self.changes:
                self.metrics = None
                return None
            self.metrics = compare_metrics(self.sim.original, self.sim.G, self.sim.touched)
            return self.metrics

    def clear(self) -> None:
        with self.lock:
            self._clear()

    def _clear(self) -> None:
        self.name = None
        self.changes = []
        self.sim = None
        self.result = None
        self.metrics = None
        self.dropped = []


def describe_change(change: Change) -> str:
    if isinstance(change, AddLink):
        return f"+ {change.source} — {change.target} ({change.type})"
    if isinstance(change, RemoveActor):
        return f"− {change.actor_id}"
    op = change.op
    detail = getattr(change, "link_id", None) or getattr(change, "id", "")
    return f"{op} {detail}"


def add_link(source: str, target: str, type_: str = "KOORDINASI") -> AddLink:
    return AddLink(source=source, target=target, type=type_)
