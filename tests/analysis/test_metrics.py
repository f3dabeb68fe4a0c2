"""Centrality on small graphs with known answers."""

from __future__ import annotations

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from sinergi_graph.analysis.metrics import (
    DEFAULT_K,
    betweenness,
    centrality,
    degree,
    eigenvector,
    pagerank,
)


def test_degree_counts_partners_and_links(G: nx.Graph) -> None:
    # PPK01: KPU, CAMAT01 (two meetings), KAPOLSEK01, PPS2001, PPS2002.
    assert degree(G)["PPK01"] == {"degree": 5, "links": 6}
    assert degree(G)["PPS0201"] == {"degree": 0, "links": 0}


def test_betweenness_exact_on_a_star() -> None:
    result = betweenness(nx.star_graph(4))
    assert result.exact and result.k is None
    assert result.values[0] == 1.0
    assert all(result.values[i] == 0.0 for i in range(1, 5))
    assert "exact" in result.note


def test_betweenness_of_the_kpu_in_the_mini_regency(G: nx.Graph) -> None:
    b = betweenness(G).values
    # The linked part is a tree of 11 actors: a node's betweenness is the number of
    # pairs it separates. PPK01 splits them 5/1/1/2/1 -> 45 - 10 - 1 = 34 pairs;
    # the KPU splits them 1/1/6/2 -> 45 - 15 - 1 = 29 pairs.
    assert max(b, key=b.get) == "PPK01"
    assert b["PPK01"] / b["KPU"] == pytest.approx(34 / 29)
    assert b["PPS0201"] == 0.0


def test_betweenness_samples_above_the_exact_limit_and_says_so() -> None:
    G = nx.path_graph(500)
    approx = betweenness(G, exact_limit=10, seed=7)
    assert not approx.exact and approx.k == DEFAULT_K and approx.seed == 7
    assert "approximate" in approx.note and f"{DEFAULT_K} of 500" in approx.note
    # Same seed, same sample, same values.
    assert betweenness(G, exact_limit=10, seed=7).values == approx.values
    # The middle of a path stays the most central under sampling.
    assert max(approx.values, key=approx.values.get) in range(200, 300)


def test_betweenness_k_not_smaller_than_n_is_exact() -> None:
    assert betweenness(nx.path_graph(5), k=10).exact


def test_pagerank_matches_the_closed_form_of_a_star() -> None:
    # Centre c and three leaves l: c = (1-a)/4 + 3a*l, l = (1-a)/4 + a*c/3.
    a = 0.85
    c = ((1 - a) / 4 * (1 + 3 * a)) / (1 - a * a)
    pr = pagerank(nx.star_graph(3), weight=None)
    assert pr[0] == pytest.approx(c, abs=1e-9)
    assert sum(pr.values()) == pytest.approx(1.0)


def test_pagerank_agrees_with_networkx_run_to_convergence(G: nx.Graph) -> None:
    ours = pagerank(G, weight="count")
    ref = _pagerank_python(G, weight="count", tol=1e-15, max_iter=100_000)
    assert ours == pytest.approx(ref, abs=1e-9, rel=0)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.trust("careless_use")
def test_pagerank_and_eigenvector_exact_on_random_graphs(seed: int) -> None:
    R = nx.gnm_random_graph(200, 500, seed=seed)
    R.add_node(999)  # a dangling (isolated) node
    for i, (u, v) in enumerate(R.edges()):
        R[u][v]["count"] = 1 + i % 4
    ref = _pagerank_python(R, weight="count", tol=1e-15, max_iter=100_000)
    assert pagerank(R, weight="count") == pytest.approx(ref, abs=1e-9, rel=0)
    part = R.subgraph(max(nx.connected_components(R), key=len))
    ev = eigenvector(part, weight="count")
    ev_ref = nx.eigenvector_centrality(part, weight="count", tol=1e-15, max_iter=100_000)
    assert ev == pytest.approx(ev_ref, abs=1e-9, rel=0)


def test_pagerank_on_a_directed_graph_with_a_dangling_node() -> None:
    D = nx.DiGraph([("a", "b"), ("b", "c")])
    ref = _pagerank_python(D, weight=None, tol=1e-12, max_iter=1000)
    assert pagerank(D, weight=None) == pytest.approx(ref, abs=1e-9)


def test_eigenvector_on_the_largest_connected_part(G: nx.Graph) -> None:
    c = centrality(G)
    assert c.eigenvector is not None
    assert c.eigenvector["PPS0201"] == 0.0 and c.eigenvector["PPK01"] > 0.0
    assert any("largest connected part (11 of 17 actors)" in n for n in c.notes)
    big = centrality(G, exact_limit=5)
    assert big.eigenvector is None and any("omitted" in n for n in big.notes)


def test_eigenvector_of_a_star_is_largest_at_the_centre() -> None:
    ev = eigenvector(nx.star_graph(4), weight=None)
    assert ev is not None
    assert ev[0] == pytest.approx(max(ev.values()))


def test_metrics_never_mutate_the_graph(G: nx.Graph) -> None:
    before = nx.to_dict_of_dicts(G)
    nodes_before = dict(G.nodes(data=True))
    centrality(G, seed=1)
    assert nx.to_dict_of_dicts(G) == before
    assert dict(G.nodes(data=True)) == nodes_before


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_betweenness_equals_networkx_exact_and_sampled(seed: int) -> None:
    G = nx.gnm_random_graph(60, 90, seed=seed)
    G = nx.relabel_nodes(G, {i: f"n{i}" for i in G})
    exact = betweenness(G).values
    assert exact == pytest.approx(nx.betweenness_centrality(G), abs=1e-12, rel=0)
    sampled = betweenness(G, k=10, seed=seed).values
    reference = nx.betweenness_centrality(G, k=10, seed=seed)
    assert sampled == pytest.approx(reference, abs=1e-12, rel=0)
    D = nx.gnm_random_graph(30, 80, seed=seed, directed=True)
    assert betweenness(D).values == pytest.approx(nx.betweenness_centrality(D), abs=1e-12, rel=0)
