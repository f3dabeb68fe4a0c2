"""Reach: how many PPS and PPK are within N coordination steps of their KPU.

A PPS two steps from its KPU Kab/Kota (PPS – PPK – KPU) hears about a new
rule through one intermediary; at four steps the message passes three hands.
One breadth-first search per regency, cut off at ``hops``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from sinergi_graph.analysis._common import (
    PPK,
    PPS,
    district_of,
    kpu_by_regency,
    nodes_in_area,
    regency_of,
    restrict,
)
from sinergi_graph.areas import is_within

__all__ = [
    "DistrictReach",
    "actors_in_area",
    "area_subgraph",
    "district_in_area",
    "kpu_reach",
    "within_hops",
]


def actors_in_area(G: nx.Graph, area: str | None) -> set[str]:
    """The graph nodes recorded inside ``area`` (every node for ``None`` or ``ID``).

    Commands given ``--area`` measure on the whole network (a kecamatan's path to
    its KPU leaves the kecamatan) and keep only the rows of these actors.

    Examples
    --------
    >>> G = nx.Graph([("kpu", "ppk")])
    >>> G.nodes["kpu"]["area"], G.nodes["ppk"]["area"] = "33.23", "33.23.01"
    >>> sorted(actors_in_area(G, "33.23.01")), len(actors_in_area(G, None))
    (['ppk'], 2)
    """
    return set(nodes_in_area(G, area))


def area_subgraph(G: nx.Graph, area: str | None) -> nx.Graph:
    """The graph induced by the actors inside ``area``, as an independent graph.

    Only for measuring an area on its own (a benchmark, an area's internal
    structure): paths that leave the area are lost, so never for reach or
    single points of failure; ``G`` itself when no restriction applies.
    """
    return restrict(G, area)


def district_in_area(district: str, area: str | None) -> bool:
    """Whether kecamatan ``district`` lies in ``area`` or holds it (a desa's kecamatan).

    >>> district_in_area("33.23.01", "33.23"), district_in_area("33.23.01", "33.23.01.2001")
    (True, True)
    >>> district_in_area("33.23.02", "33.23.01")
    False
    """
    if area is None or area == "ID":
        return True
    return is_within(district, area) or is_within(area, district)


@dataclass(frozen=True, slots=True)
class DistrictReach:
    """Reach of one kecamatan's election bodies from their KPU Kab/Kota."""

    district: str
    ppk: int
    ppk_reached: int
    pps: int
    pps_reached: int

    @property
    def share(self) -> float:
        """Share of PPS and PPK (together) within reach; 0 when there are none."""
        total = self.ppk + self.pps
        return (self.ppk_reached + self.pps_reached) / total if total else 0.0

    def as_row(self) -> dict[str, object]:
        return {
            "district": self.district,
            "ppk": self.ppk,
            "ppk_reached": self.ppk_reached,
            "pps": self.pps,
            "pps_reached": self.pps_reached,
            "share": round(self.share, 4),
        }


def within_hops(G: nx.Graph, sources: Iterable[str], hops: int) -> dict[str, int]:
    """``{node: distance}`` for nodes at most ``hops`` steps from any source.

    Examples
    --------
    >>> within_hops(nx.path_graph(["a", "b", "c", "d"]), ["a"], 2)
    {'a': 0, 'b': 1, 'c': 2}
    """
    dist = {s: 0 for s in sources if s in G}
    frontier = list(dist)
    adj = G._adj
    for step in range(1, hops + 1):
        nxt = []
        for u in frontier:
            for v in adj[u]:
                if v not in dist:
                    dist[v] = step
                    nxt.append(v)
        frontier = nxt
    return dist


def kpu_reach(
    G: nx.Graph, *, hops: int = 2, districts: Iterable[str] | None = None
) -> dict[str, DistrictReach]:
    """Per kecamatan, how many PPK and PPS are within ``hops`` steps of their KPU Kab/Kota.

    Parameters
    ----------
    G : networkx.Graph
        The coordination graph (or an area of it).
    hops : int
        Largest number of links on the path (2 = through one intermediary).
    districts : iterable of str, optional
        Only these kecamatan codes (the simulation compares the touched ones).

    Returns
    -------
    dict
        ``{district code: DistrictReach}``, sorted by code. A regency with no
        KPU recorded reaches nobody.

    Examples
    --------
    >>> G = nx.Graph([("kpu", "ppk"), ("ppk", "pps1")])
    >>> G.add_node("pps2")
    >>> for n, k, a in [("kpu", "KPU_KAB", "33.23"), ("ppk", "PPK", "33.23.01"),
    ...                 ("pps1", "PPS", "33.23.01.2001"), ("pps2", "PPS", "33.23.01.2002")]:
    ...     G.nodes[n].update(kind=k, area=a)
    >>> r = kpu_reach(G, hops=2)["33.23.01"]
    >>> (r.ppk_reached, r.pps_reached, r.pps, round(r.share, 3))
    (1, 1, 2, 0.667)
    """
    wanted = None if districts is None else set(districts)
    members: dict[str, dict[str, list[str]]] = {}
    for node, data in G.nodes(data=True):
        kind = data.get("kind")
        if kind not in (PPK, PPS):
            continue
        district = district_of(data.get("area"))
        if district is None or (wanted is not None and district not in wanted):
            continue
        members.setdefault(district, {PPK: [], PPS: []})[kind].append(node)
    kpus = kpu_by_regency(G)
    reached_by_regency: dict[str, dict[str, int]] = {}
    result: dict[str, DistrictReach] = {}
    for district in sorted(members):
        regency = regency_of(district)
        assert regency is not None
        if regency not in reached_by_regency:
            reached_by_regency[regency] = within_hops(G, kpus.get(regency, []), hops)
        reached = reached_by_regency[regency]
        ppk, pps = members[district][PPK], members[district][PPS]
        result[district] = DistrictReach(
            district,
            len(ppk),
            sum(1 for v in ppk if v in reached),
            len(pps),
            sum(1 for v in pps if v in reached),
        )
    return result
