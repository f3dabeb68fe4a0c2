"""Gould–Fernandez brokerage roles and Burt's structural holes."""

from __future__ import annotations

import networkx as nx
import pytest

from sinergi_graph.analysis.brokerage import brokerage_roles, structural_holes


def test_published_example_cograph_sna() -> None:
    """The worked example of the cograph R package, documented as bit-exact with sna.

    Source: cograph (github.com/mohsaqr/cograph), reference pages
    ``centrality_brokerage_{coordinator,itinerant,gatekeeper,representative,liaison}``
    (https://sonsoles.me/cograph/reference/), each stating "Bit-exact match against
    ``sna::brokerage$raw.nli``" and showing, for the 4-node digraph below with
    groups A, B = 1 and C, D = 2::

        coordinator     A 0  B 0  C 0  D 0   (w_I)
        itinerant       A 1  B 0  C 0  D 1   (w_O)
        gatekeeper      A 1  B 0  C 1  D 0   (b_OI)
        representative  A 0  B 1  C 0  D 1   (b_IO)
        liaison         A 0  B 0  C 0  D 0   (b_O)
    """
    adjacency = [[0, 1, 1, 0], [0, 0, 1, 1], [0, 0, 0, 1], [1, 0, 0, 0]]
    names = "ABCD"
    D = nx.DiGraph((names[i], names[j]) for i in range(4) for j in range(4) if adjacency[i][j])
    groups = {"A": 1, "B": 1, "C": 2, "D": 2}
    roles = {v: r.as_dict() for v, r in brokerage_roles(D, groups).items()}
    published = {
        "coordinator": {"A": 0, "B": 0, "C": 0, "D": 0},
        "itinerant": {"A": 1, "B": 0, "C": 0, "D": 1},
        "gatekeeper": {"A": 1, "B": 0, "C": 1, "D": 0},
        "representative": {"A": 0, "B": 1, "C": 0, "D": 1},
        "liaison": {"A": 0, "B": 0, "C": 0, "D": 0},
    }
    for role, expected in published.items():
        assert {v: roles[v][role] for v in names} == expected, role


def test_all_five_roles_around_one_undirected_broker() -> None:
    # v (group X) with unlinked partners a1, a2 (X), b1, b2 (Y), c1 (Z): 5*4 ordered pairs.
    G = nx.star_graph(["v", "a1", "a2", "b1", "b2", "c1"])
    groups = {"v": "X", "a1": "X", "a2": "X", "b1": "Y", "b2": "Y", "c1": "Z"}
    r = brokerage_roles(G, groups)["v"]
    assert r.as_dict() == {
        "coordinator": 2,  # a1→a2, a2→a1
        "itinerant": 2,  # b1→b2, b2→b1
        "gatekeeper": 6,  # {b1, b2, c1} → {a1, a2}
        "representative": 6,  # {a1, a2} → {b1, b2, c1}
        "liaison": 4,  # b1→c1, b2→c1, c1→b1, c1→b2
        "total": 20,
    }
    # Leaves broker nothing.
    assert brokerage_roles(G, groups)["a1"].total == 0
    # Closing the hole a1–b1 removes one gatekeeper and one representative path.
    G.add_edge("a1", "b1")
    r2 = brokerage_roles(G, groups)["v"]
    assert (r2.gatekeeper, r2.representative, r2.total) == (5, 5, 18)


def test_categories_are_the_default_groups(G: nx.Graph) -> None:
    roles = brokerage_roles(G, nodes=["PPK01"])
    assert list(roles) == ["PPK01"]
    r = roles["PPK01"]
    # PPK01's partners: KPU, PPS2001, PPS2002 (penyelenggara), CAMAT01 (pemerintah),
    # KAPOLSEK01 (keamanan); none of them linked to each other.
    assert r.coordinator == 6  # 3 penyelenggara partners, ordered pairs
    assert r.liaison == 2  # camat → kapolsek and back, neither in PPK01's group
    assert r.gatekeeper == r.representative == 2 * 3
    assert r.itinerant == 0
    assert r.total == 5 * 4


def test_structural_holes_hand_checked() -> None:
    # ego with a, b (linked to each other) and c: p = 1/3 each.
    G = nx.Graph([("ego", "a"), ("ego", "b"), ("a", "b"), ("ego", "c")])
    holes = structural_holes(G, nodes=["ego", "c"], weight=None)
    # c(ego) = 2 * (1/3 + 1/3 * 1/2)^2 + (1/3)^2 = 0.5 + 0.1111
    assert holes["ego"]["constraint"] == pytest.approx(0.5 + 1 / 9)
    assert holes["ego"]["effective_size"] == pytest.approx(3 - 2 * 1 / 3)
    assert holes["c"]["constraint"] == pytest.approx(1.0)


def test_structural_holes_of_an_isolate_are_undefined() -> None:
    G = nx.Graph()
    G.add_node("alone")
    assert structural_holes(G) == {"alone": {"constraint": None, "effective_size": None}}


def test_fast_constraint_equals_networkx_for_hubs() -> None:
    from sinergi_graph.analysis.brokerage import _constraint_undirected

    G = nx.gnm_random_graph(40, 160, seed=4)
    for i, (u, v) in enumerate(G.edges):
        G.edges[u, v]["count"] = 1 + i % 3
    reference = nx.constraint(G, weight="count")
    for u in G:
        assert _constraint_undirected(G, u, "count") == pytest.approx(reference[u])
    hub = nx.star_graph(100)
    nx.add_path(hub, [1, 2, 3])
    holes = structural_holes(hub, nodes=[0, 2], weight=None)
    assert holes[0]["constraint"] == pytest.approx(nx.constraint(hub, [0])[0])
    assert holes[2]["effective_size"] == pytest.approx(nx.effective_size(hub, [2])[2])
