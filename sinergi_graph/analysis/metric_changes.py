"""Metrics around a scenario's changes, before and after, side by side.

Everything is local to the actors a scenario touched and their regencies, so
the cost does not grow with the size of the national network.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from sinergi_graph.analysis._common import regency_of, restrict
from sinergi_graph.analysis.brokerage import structural_holes
from sinergi_graph.analysis.reach import kpu_reach
from sinergi_graph.analysis.resilience import single_points_of_failure

__all__ = ["MetricChange", "MetricChanges", "compare_metrics"]


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
