"""Louvain communities and their alignment with administrative areas."""

from __future__ import annotations

import networkx as nx
import pytest

from sinergi_graph.analysis.communities import (
    alignment,
    louvain,
    normalized_mutual_information,
)
from sinergi_graph.kinds import Level


def two_triangles() -> nx.Graph:
    G = nx.Graph(
        [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")]
    )
    for n in "abc":
        G.nodes[n]["area"] = "33.23.01.2001"
    for n in "xyz":
        G.nodes[n]["area"] = "33.23.02.2001"
    return G


def test_louvain_finds_the_two_triangles_with_known_modularity() -> None:
    result = louvain(two_triangles(), weight=None, seed=3)
    assert [sorted(g) for g in result.groups] == [["a", "b", "c"], ["x", "y", "z"]]
    # m = 7; each side: 3 internal edges, degree sum 7 -> Q = 2 * (3/7 - (7/14)^2)
    assert result.modularity == pytest.approx(2 * (3 / 7 - 0.25))


def test_louvain_is_reproducible_with_a_seed(G: nx.Graph) -> None:
    assert louvain(G, seed=5).groups == louvain(G, seed=5).groups


def test_perfect_alignment_with_kecamatan() -> None:
    G = two_triangles()
    al = alignment(G, louvain(G, weight=None, seed=1), level=Level.KECAMATAN)
    assert (al.purity, al.nmi, al.labelled) == (1.0, 1.0, 6)
    assert [c.dominant_area for c in al.communities] == ["33.23.01", "33.23.02"]
    # At regency level everything is one area: still pure, and NMI 0 (communities
    # carry information the single area does not).
    reg = alignment(G, louvain(G, weight=None, seed=1), level=Level.KABUPATEN)
    assert reg.purity == 1.0 and reg.nmi == 0.0


def test_nmi_hand_computed() -> None:
    # A = {1,1,2,2}, B = {p,p,p,q}: H(A) = ln 2, H(B) = 0.562335, I = 0.215762
    a = {"w": 1, "x": 1, "y": 2, "z": 2}
    b = {"w": "p", "x": "p", "y": "p", "z": "q"}
    assert normalized_mutual_information(a, b) == pytest.approx(0.343711, abs=1e-6)
    assert normalized_mutual_information(a, a) == 1.0
    assert normalized_mutual_information({}, {}) == 0.0


def test_actors_without_area_at_the_level_are_left_out() -> None:
    G = two_triangles()
    G.add_node("kpu_prov", area="33")
    G.add_edge("kpu_prov", "a")
    al = alignment(G, [set("abc") | {"kpu_prov"}, set("xyz")])
    assert al.labelled == 6 and al.purity == 1.0


@pytest.mark.parametrize("seed", [1, 2])
def test_louvain_is_as_good_as_networkx_and_repeatable(seed: int) -> None:
    # Compiled Louvain behind the same signature: same quality as networkx's own,
    # the same partition for the same seed, and the input left as it was.
    R = nx.relabel_nodes(nx.planted_partition_graph(8, 25, 0.3, 0.01, seed=seed), str)
    before = nx.to_dict_of_dicts(R)
    ours = louvain(R, weight=None, seed=seed)
    ref = nx.community.louvain_communities(R, seed=seed)
    ref_q = nx.community.modularity(R, ref)
    assert ours.modularity == pytest.approx(nx.community.modularity(R, ours.groups))
    assert ours.modularity >= ref_q - 0.01
    assert louvain(R, weight=None, seed=seed).groups == ours.groups
    assert nx.to_dict_of_dicts(R) == before
