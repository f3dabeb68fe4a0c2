"""Single points of failure between PPS/PPK and their KPU."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from sinergi_graph.analysis.resilience import (
    BlockCutTree,
    articulation_points,
    bridges,
    single_points_of_failure,
)


def test_mini_regency_single_points(G: nx.Graph) -> None:
    spof = single_points_of_failure(G)
    # If PPK01 is gone, both of its PPS lose every path to the KPU.
    assert spof.by_actor == {"PPK01": ("PPS2001", "PPS2002")}
    assert spof.by_link == {
        ("KPU", "PPK01"): ("PPK01", "PPS2001", "PPS2002"),
        ("KPU", "PPK02"): ("PPK02",),
        ("PPK01", "PPS2001"): ("PPS2001",),
        ("PPK01", "PPS2002"): ("PPS2002",),
    }
    assert spof.unreachable == ("PPS0201",)
    assert spof.exposed() == ["PPK01", "PPK02", "PPS2001", "PPS2002"]
    assert spof.subjects == 5
    assert spof.dependencies["PPS2001"].kpu == ("KPU",)


def test_a_second_path_removes_the_single_point(G: nx.Graph) -> None:
    H = G.copy()
    H.add_edge("PPS2001", "KPU")
    spof = single_points_of_failure(H)
    assert spof.by_actor == {"PPK01": ("PPS2002",)}
    assert "PPS2001" not in spof.exposed() and "PPK01" not in spof.exposed()


def test_kpu_itself_is_never_listed_and_two_kpus_must_both_be_cut() -> None:
    G = nx.Graph([("pps", "ppk"), ("ppk", "kpu1"), ("pps", "x"), ("x", "kpu2")])
    kinds = {
        "pps": ("PPS", "33.23.01.2001"),
        "ppk": ("PPK", "33.23.01"),
        "kpu1": ("KPU_KAB", "33.23"),
        "kpu2": ("KPU_KAB", "33.23"),
        "x": ("CAMAT", "33.23.01"),
    }
    for n, (k, a) in kinds.items():
        G.nodes[n].update(kind=k, area=a)
    spof = single_points_of_failure(G)
    # pps reaches kpu1 through ppk and kpu2 through x: nothing cuts it off from both.
    assert spof.dependencies["pps"].cut_vertices == ()
    assert spof.dependencies["ppk"].kpu == ("kpu1", "kpu2")
    assert "kpu1" not in spof.by_actor


def test_a_kpu_of_another_regency_does_not_count() -> None:
    G = nx.Graph([("pps", "kpu_other")])
    G.nodes["pps"].update(kind="PPS", area="33.23.01.2001")
    G.nodes["kpu_other"].update(kind="KPU_KAB", area="33.24")
    assert single_points_of_failure(G).unreachable == ("pps",)


@pytest.mark.parametrize("seed", range(12))
def test_separators_agree_with_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    G = nx.gnm_random_graph(14, rng.randint(13, 22), seed=seed)
    G = nx.relabel_nodes(G, {i: f"n{i:02d}" for i in G})
    tree = BlockCutTree(G)
    for u, v in itertools.combinations(sorted(G), 2):
        sep = tree.separators(u, v)
        assert (sep is not None) == nx.has_path(G, u, v)
        if sep is None:
            continue
        cuts, links = sep
        expected_cuts = []
        for x in sorted(G):
            if x in (u, v):
                continue
            H = G.copy()
            H.remove_node(x)
            if not nx.has_path(H, u, v):
                expected_cuts.append(x)
        expected_links = []
        for a, b in sorted(tuple(sorted(e)) for e in G.edges):
            H = G.copy()
            H.remove_edge(a, b)
            if not nx.has_path(H, u, v):
                expected_links.append((a, b))
        assert sorted(cuts) == expected_cuts, (u, v)
        assert sorted(links) == expected_links, (u, v)


def test_articulation_points_and_bridges(G: nx.Graph) -> None:
    assert articulation_points(G) == ["KPU", "PPK01", "PPK02", "PPS2001"]
    assert ("KPU", "BAWASLU") not in bridges(G)
    assert ("BAWASLU", "KPU") in bridges(G)
    assert len(bridges(G)) == 10  # the linked part is a tree
