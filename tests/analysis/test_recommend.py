"""Recommendations: budgeted plan, resilience links, worth-a-visit suggestions."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from sinergi_graph.analysis.recommend import (
    gap_pairs,
    plan_links,
    resilience_links,
    worth_a_visit,
)
from sinergi_graph.analysis.resilience import single_points_of_failure
from sinergi_graph.gaps import Gap, Reason, find_gaps
from sinergi_graph.rules import default_rules


def test_plan_on_the_mini_regency(G: nx.Graph) -> None:
    plan = plan_links(G, find_gaps(G, default_rules()), budget=3)
    # Three high-severity gaps (weight 3 each) beat the medium ones (2).
    assert [(p.source, p.target, p.weight) for p in plan.links] == [
        ("PPS0201", "KADES0201", 3),
        ("PPS2002", "KADES2002", 3),
        ("PPS0201", "PPK02", 3),
    ]
    assert (plan.closed, plan.closed_weight) == (3, 9)
    assert (plan.closable, plan.closable_weight, plan.not_closable) == (6, 15, 3)
    assert plan.links[0].closes[0].key == ("pps-kades", "PPS0201")


def test_one_link_closing_two_gaps_comes_first() -> None:
    G = nx.Graph()
    G.add_nodes_from(["a", "b", "c", "d"])
    gaps = [
        Gap("r1", "high", Reason.NO_CONTACT, "a", "A", "33", ("b", "c")),
        Gap("r2", "medium", Reason.NO_CONTACT, "c", "C", "33", ("a",)),
        Gap("r3", "high", Reason.STALE, "d", "D", "33", ("b",), "2020-01-01"),
        Gap("r4", "low", Reason.NO_COUNTERPART, "d", "D", "33", ()),
    ]
    plan = plan_links(G, gaps, budget=5)
    # a–c closes r1 (3) and r2 (2) at once; then d–b (3); a–b gains nothing any more.
    assert [(p.source, p.target, p.weight) for p in plan.links] == [("a", "c", 5), ("d", "b", 3)]
    assert plan.not_closable == 1


def test_ties_go_to_pairs_someone_can_introduce() -> None:
    G = nx.Graph([("s", "friend"), ("friend", "t2")])
    G.add_nodes_from(["t1"])
    gaps = [Gap("r", "high", Reason.NO_CONTACT, "s", "S", "33", ("t1", "t2"))]
    (link,) = plan_links(G, gaps, budget=1).links
    assert (link.target, link.common_partners) == ("t2", 1)
    assert link.introductions[0].via == ("friend",)


def test_resilience_links_on_the_mini_regency(G: nx.Graph) -> None:
    plan = resilience_links(G)
    assert plan.exposed == 4
    assert [(r.subject, r.kpu, r.protects) for r in plan.links] == [
        ("PPS2001", "KPU", ("PPK01", "PPS2001")),
        ("PPS2002", "KPU", ("PPS2002",)),
    ]
    assert plan.links[1].bypasses == ("PPK01",)
    # PPK02 hangs on its one direct link to the KPU: said, not papered over.
    assert plan.exposed_after == 1 and "PPK02" in plan.notes[0]
    assert plan.unreachable == ("PPS0201",) and plan.reconnect == (("PPS0201", "KPU"),)


def _random_regency(seed: int) -> nx.Graph:
    rng = random.Random(seed)
    G = nx.Graph()
    G.add_node("kpu", kind="KPU_KAB", area="33.23")
    for d in range(rng.randint(1, 3)):
        ppk = f"ppk{d}"
        G.add_node(ppk, kind="PPK", area=f"33.23.0{d}")
        G.add_edge(ppk, "kpu")
        for v in range(rng.randint(1, 3)):
            pps = f"pps{d}{v}"
            G.add_node(pps, kind="PPS", area=f"33.23.0{d}.200{v}")
            G.add_edge(pps, ppk)
    others = sorted(G)
    for _ in range(rng.randint(0, 4)):
        a, b = rng.sample(others, 2)
        G.add_edge(a, b)
    return G


@pytest.mark.parametrize("seed", range(15))
def test_resilience_plan_is_minimal_among_kpu_links(seed: int) -> None:
    G = _random_regency(seed)
    plan = resilience_links(G)
    skipped = len(plan.notes)
    assert plan.exposed_after == skipped
    # Brute force: no smaller set of new subject–KPU links leaves fewer exposed subjects.
    candidates = [s for s in sorted(G) if s != "kpu" and not G.has_edge(s, "kpu")]
    for size in range(len(plan.links)):
        for extra in itertools.combinations(candidates, size):
            H = G.copy()
            H.add_edges_from((s, "kpu") for s in extra)
            assert len(single_points_of_failure(H).exposed()) > skipped, extra


def test_worth_a_visit_keeps_rule_gaps_out(G: nx.Graph) -> None:
    H = G.copy()
    H.add_node("BABINSA2001", kind="BABINSA", area="33.23.01.2001", name="Babinsa")
    H.add_edge("BABINSA2001", "KADES2001")
    gaps = find_gaps(H, default_rules())
    found = worth_a_visit(H, rules=default_rules(), exclude=gap_pairs(gaps))
    pairs = [(s.source, s.target) for s in found]
    assert ("BABINSA2001", "PPS2001") in pairs
    assert not gap_pairs(gaps) & set(pairs)
    # PPS2002 and the camat share PPK01: not a rule pair, not a sensible pair -> absent.
    assert ("CAMAT01", "PPS2002") not in pairs


def test_scores_are_adamic_adar_and_resource_allocation() -> None:
    G = nx.Graph([("pps", "w1"), ("w1", "bab"), ("pps", "w2"), ("w2", "bab"), ("w2", "z")])
    for n, k in {"pps": "PPS", "bab": "BABINSA"}.items():
        G.nodes[n].update(kind=k, area="33.23.01.2001")
    (s,) = worth_a_visit(G)
    ref_aa = dict(((u, v), p) for u, v, p in nx.adamic_adar_index(G, [("bab", "pps")]))
    ref_ra = dict(((u, v), p) for u, v, p in nx.resource_allocation_index(G, [("bab", "pps")]))
    assert s.adamic_adar == pytest.approx(ref_aa[("bab", "pps")])
    assert s.resource_allocation == pytest.approx(ref_ra[("bab", "pps")])
    assert s.resource_allocation == pytest.approx(1 / 2 + 1 / 3)
