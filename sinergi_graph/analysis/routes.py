"""Resilience links along institutional routes: PPS → PPK → KPU.

A planner does not add dozens of direct KPU–PPS links, and does not count a
supervisory chain (Bawaslu, Panwaslu Kecamatan, PKD, PTPS: they oversee the
election bodies, they do not carry their instructions) as a PPS's route to its
KPU. The route that counts is the hierarchy: a PPS reaches its PPK, the PPK
reaches the KPU Kab/Kota. Its links are the ones worth securing:

* a subject is **cut off** when, with the supervisory actors left out, it has no
  path to its KPU at all;
* a subject **hangs on others** when every path depends on an actor or a link
  outside its own chain (its kepala desa, a camat): the PPK of its kecamatan is
  part of the chain and never counts as such a weakness, nor do the chain's own
  links PPS–PPK and PPK–KPU;
* the fix is the missing link of the chain: PPS–PPK where the PPS has no direct
  link to its PPK, PPK–KPU where the PPK has none to its KPU. A PPS whose PPK is
  the weak part is fixed by the PPK's link.

:func:`route_links` checks its plan by recomputing on the graph with the links
added (``exposed_after``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from sinergi_graph.analysis._common import (
    KPU_KAB,
    PPK,
    PPS,
    district_of,
    kpu_by_regency,
    regency_of,
    structural_copy,
)
from sinergi_graph.analysis.recommend import ResilienceLink
from sinergi_graph.analysis.resilience import single_points_of_failure
from sinergi_graph.graph import node_name

__all__ = [
    "SUPERVISORY_KINDS",
    "RouteLink",
    "RoutePlan",
    "Why",
    "institutional_graph",
    "route_links",
    "subjects_in",
]

#: Kinds that supervise the election bodies; their chain is not a route to the KPU.
SUPERVISORY_KINDS = frozenset(
    {"BAWASLU_RI", "BAWASLU_PROV", "BAWASLU_KAB", "PANWASCAM", "PKD", "PTPS"}
)


class Why(StrEnum):
    """Why a link of the chain is proposed."""

    CUT_OFF = "cut_off"  # no route to the KPU at all (supervisors left out)
    HANGS_ON = "hangs_on"  # every route depends on an actor outside the chain


@dataclass(frozen=True, slots=True)
class RouteLink:
    """A missing link of the institutional chain and the subjects it secures.

    ``subject`` is the lower body (PPS or PPK), ``partner`` the next one up
    (its PPK or KPU); ``route`` says which step (``pps-ppk`` or ``ppk-kpu``).
    ``bypasses`` are the actors outside the chain that the protected subjects'
    routes depend on today (empty when they are cut off).
    """

    subject: str
    partner: str
    route: str
    why: Why
    protects: tuple[str, ...]
    bypasses: tuple[str, ...]

    def as_row(self, G: nx.Graph | None = None) -> dict[str, object]:
        # The columns of a resilience link (the partner in its ``kpu`` columns), then the route's.
        row = ResilienceLink(self.subject, self.partner, self.protects, self.bypasses).as_row(G)
        row["route"] = self.route
        row["why"] = self.why.value
        row["bypass_names"] = ";".join(node_name(G, b) for b in self.bypasses)
        return row


@dataclass(frozen=True, slots=True)
class RoutePlan:
    """The chain links to add, and which subjects are weak before (how many after).

    ``hanging`` subjects reach their KPU only through actors outside their
    chain, ``unreachable`` ones not at all (supervisors left out);
    ``no_partner`` ones lack a PPK or KPU to link to (a data gap).
    """

    @property
    def exposed(self) -> int:
        """How many subjects hang on actors outside their chain."""
        return len(self.hanging)

    links: tuple[RouteLink, ...]
    hanging: tuple[str, ...]
    unreachable: tuple[str, ...]
    exposed_after: int | None
    unreachable_after: int | None
    no_partner: tuple[str, ...]


def _supervisory(data: dict[str, object]) -> bool:
    return data.get("category") == "pengawas" or data.get("kind") in SUPERVISORY_KINDS


def institutional_graph(G: nx.Graph) -> nx.Graph:
    """``G`` without the supervisory actors: the routes an instruction can travel.

    Examples
    --------
    >>> G = nx.Graph([("kpu", "bawaslu"), ("bawaslu", "ppk")])
    >>> G.nodes["bawaslu"]["kind"] = "BAWASLU_KAB"
    >>> sorted(institutional_graph(G).nodes)
    ['kpu', 'ppk']
    """
    keep = [n for n, d in G.nodes(data=True) if not _supervisory(d)]
    H: nx.Graph = G.subgraph(keep).copy()
    H.graph.update(G.graph)
    return H


def _chain(G: nx.Graph) -> tuple[dict[str, str], dict[str, str]]:
    """``({subject: the partner one step up}, {subject: its KPU})``; first by id when several."""
    kpus = kpu_by_regency(G)
    ppk_of: dict[str, str] = {}
    for node, data in sorted(G.nodes(data=True)):
        if data.get("kind") == PPK:
            district = district_of(data.get("area"))
            if district is not None:
                ppk_of.setdefault(district, node)
    up: dict[str, str] = {}
    kpu: dict[str, str] = {}
    for node, data in G.nodes(data=True):
        kind = data.get("kind")
        if kind not in (PPS, PPK):
            continue
        area = data.get("area")
        ks = kpus.get(regency_of(area) or "", [])
        if ks:
            kpu[node] = ks[0]
        if kind == PPK and ks:
            up[node] = ks[0]
        elif kind == PPS:
            district = district_of(area)
            if district is not None and district in ppk_of:
                up[node] = ppk_of[district]
    return up, kpu


def _weak(H: nx.Graph, up: dict[str, str]) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """Subjects that hang on actors outside their chain (with those actors), and the cut off."""
    spof = single_points_of_failure(H)
    hanging: dict[str, tuple[str, ...]] = {}
    for s, dep in spof.dependencies.items():
        chain = {s, up.get(s, "")}
        chain.add(up.get(up.get(s, ""), ""))
        outside_cuts = tuple(c for c in dep.cut_vertices if c not in chain)
        outside_bridges = [b for b in dep.bridges if not set(b) <= chain]
        if outside_cuts or outside_bridges:
            bypass = set(outside_cuts)
            for a, b in outside_bridges:
                bypass.update(x for x in (a, b) if x not in chain)
            hanging[s] = tuple(sorted(bypass))
    return hanging, list(spof.unreachable)


def route_links(G: nx.Graph, *, verify: bool = True) -> RoutePlan:
    """The missing PPS–PPK and PPK–KPU links that give every PPS/PPK its own route.

    Parameters
    ----------
    G : networkx.Graph
        The whole coordination graph (an area's subjects need the KPU outside it).
    verify : bool
        Recompute on a copy with the links added (``exposed_after``).

    Examples
    --------
    A PPS that reaches its PPK only through the kepala desa, and a PPK whose
    only way to the KPU is through Bawaslu: with the supervisor left out both
    are cut off, and both steps of the chain are proposed:

    >>> G = nx.Graph([("pps", "kades"), ("kades", "ppk"), ("ppk", "bawaslu"),
    ...               ("bawaslu", "kpu")])
    >>> attrs = {"kpu": ("KPU_KAB", "33.23"), "bawaslu": ("BAWASLU_KAB", "33.23"),
    ...          "ppk": ("PPK", "33.23.01"), "kades": ("KADES", "33.23.01.2001"),
    ...          "pps": ("PPS", "33.23.01.2001")}
    >>> for n, (k, a) in attrs.items():
    ...     G.nodes[n].update(kind=k, area=a)
    >>> plan = route_links(G)
    >>> [(r.subject, r.partner, r.why.value, r.protects) for r in plan.links]
    [('ppk', 'kpu', 'cut_off', ('ppk', 'pps')), ('pps', 'ppk', 'cut_off', ('pps',))]
    >>> plan.exposed_after, plan.unreachable_after
    (0, 0)
    """
    H = institutional_graph(G)
    up, _ = _chain(H)
    hanging, cut_off = _weak(H, up)
    weak = {**{s: () for s in cut_off}, **hanging}
    protects: dict[tuple[str, str], set[str]] = {}
    no_partner: list[str] = []
    for s in sorted(weak):
        # Every missing step of the chain above a weak subject is needed for it.
        node = s
        while node in up:
            partner = up[node]
            if not H.has_edge(node, partner):
                protects.setdefault((node, partner), set()).add(s)
            node = partner
        if H.nodes[node].get("kind") != KPU_KAB:
            no_partner.append(s)  # no PPK recorded in its kecamatan, or no KPU
    cut = set(cut_off)
    links = sorted(
        (
            RouteLink(
                subject=a,
                partner=b,
                route="ppk-kpu" if H.nodes[a].get("kind") == PPK else "pps-ppk",
                why=Why.CUT_OFF if who & cut else Why.HANGS_ON,
                protects=tuple(sorted(who)),
                bypasses=tuple(sorted({x for w in who for x in weak[w]})),
            )
            for (a, b), who in protects.items()
        ),
        key=lambda r: (r.route != "ppk-kpu", -len(r.protects), r.subject),
    )
    exposed_after: int | None = None
    unreachable_after: int | None = None
    if verify:
        A = structural_copy(H)
        A.add_edges_from((r.subject, r.partner) for r in links)
        after_hanging, after_cut = _weak(A, up)
        exposed_after, unreachable_after = len(after_hanging), len(after_cut)
    return RoutePlan(
        links=tuple(links),
        hanging=tuple(sorted(hanging)),
        unreachable=tuple(sorted(cut_off)),
        exposed_after=exposed_after,
        unreachable_after=unreachable_after,
        no_partner=tuple(sorted(set(no_partner))),
    )


def subjects_in(plan: RoutePlan, inside: Iterable[str]) -> RoutePlan:
    """The plan's links whose subject or protected subjects lie in ``inside`` (an area)."""
    keep = set(inside)
    links = tuple(r for r in plan.links if r.subject in keep or keep & set(r.protects))
    return RoutePlan(
        links=links,
        hanging=tuple(s for s in plan.hanging if s in keep),
        unreachable=tuple(s for s in plan.unreachable if s in keep),
        exposed_after=plan.exposed_after,
        unreachable_after=plan.unreachable_after,
        no_partner=tuple(s for s in plan.no_partner if s in keep),
    )
