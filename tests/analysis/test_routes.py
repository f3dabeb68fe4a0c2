"""Resilience links along the institutional chain PPS -> PPK -> KPU (issue 10)."""

from __future__ import annotations

import networkx as nx

from sinergi_graph.analysis.recommend import resilience_links
from sinergi_graph.analysis.routes import Why, institutional_graph, route_links


def _graph(edges: list[tuple[str, str]], attrs: dict[str, tuple[str, str]]) -> nx.Graph:
    G = nx.Graph(edges)
    for n, (kind, area) in attrs.items():
        G.add_node(n, kind=kind, area=area)
    return G


ATTRS = {
    "kpu": ("KPU_KAB", "33.23"),
    "bawaslu": ("BAWASLU_KAB", "33.23"),
    "panwas": ("PANWASCAM", "33.23.01"),
    "ppk": ("PPK", "33.23.01"),
    "camat": ("CAMAT", "33.23.01"),
    **{f"pps{i}": ("PPS", f"33.23.01.200{i}") for i in range(1, 6)},
}


def test_a_supervisory_chain_is_not_a_route_to_the_kpu() -> None:
    # The PPK reaches the KPU only through Panwaslu and Bawaslu; its PPS through it.
    edges = [("ppk", "panwas"), ("panwas", "bawaslu"), ("bawaslu", "kpu")]
    edges += [("ppk", f"pps{i}") for i in range(1, 6)]
    G = _graph(edges, ATTRS)
    # The plain block-cut analysis counts the supervisory chain as a path...
    assert resilience_links(G).unreachable == ()
    # ...the institutional one does not, and proposes the PPK's own link to the KPU.
    plan = route_links(G)
    assert [(r.subject, r.partner, r.route, r.why) for r in plan.links] == [
        ("ppk", "kpu", "ppk-kpu", Why.CUT_OFF)
    ]
    assert plan.links[0].protects == ("ppk", "pps1", "pps2", "pps3", "pps4", "pps5")
    assert (plan.exposed_after, plan.unreachable_after) == (0, 0)
    assert "bawaslu" not in institutional_graph(G)


def test_no_direct_kpu_links_for_pps_but_their_link_to_the_ppk() -> None:
    # Five PPS hang on the camat, who alone links them to the PPK.
    edges = [("ppk", "kpu"), ("ppk", "camat")] + [("camat", f"pps{i}") for i in range(1, 6)]
    G = _graph(edges, ATTRS)
    plan = route_links(G)
    assert [(r.subject, r.partner, r.why) for r in plan.links] == [
        (f"pps{i}", "ppk", Why.HANGS_ON) for i in range(1, 6)
    ]
    assert all(r.bypasses == ("camat",) for r in plan.links)
    assert plan.exposed == 5 and plan.exposed_after == 0
    # The plain plan would link PPS straight to the KPU.
    assert {r.kpu for r in resilience_links(G).links} == {"kpu"}


def test_a_pps_on_its_own_chain_is_not_weak() -> None:
    edges = [("ppk", "kpu")] + [("ppk", f"pps{i}") for i in range(1, 6)]
    plan = route_links(_graph(edges, ATTRS))
    assert plan.links == () and plan.exposed == 0 and plan.unreachable == ()
