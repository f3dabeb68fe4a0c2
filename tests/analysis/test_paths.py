"""Coordination paths and warm introductions."""

from __future__ import annotations

import networkx as nx
import pytest

from sinergi_graph.analysis.paths import (
    coordination_path,
    introductions_for_gap,
    warm_introductions,
)
from sinergi_graph.gaps import find_gaps
from sinergi_graph.rules import default_rules


def test_shortest_path_from_a_member(G: nx.Graph) -> None:
    path = coordination_path(G, "pps2001-a", "BAWASLU")
    assert path is not None
    assert path.nodes == ("PPS2001", "PPK01", "KPU", "BAWASLU")
    assert path.length == 3
    assert [s.last_date for s in path.steps] == ["2023-03-01", "2023-02-01", "2023-06-01"]


def test_no_path_and_unknown_actor(G: nx.Graph) -> None:
    assert coordination_path(G, "PPS0201", "KPU") is None
    with pytest.raises(KeyError):
        coordination_path(G, "nobody", "KPU")


def test_common_partner_with_its_people(G: nx.Graph) -> None:
    (intro,) = warm_introductions(G, "PPS2002", "CAMAT01")
    assert intro.via == ("PPK01",)
    assert intro.people == ("ppk01-a", "ppk01-b")
    # Coldest link: PPS2002-PPK01, one meeting on 2023-03-02.
    assert (intro.weakest_date, intro.weakest_count) == ("2023-03-02", 1)


def test_undated_link_makes_the_chain_undated(G: nx.Graph) -> None:
    (intro,) = warm_introductions(G, "PPS2001", "KAPOLSEK01")
    assert intro.weakest_date is None


def test_ranking_common_partners_before_chains_then_recency_then_count() -> None:
    G = nx.Graph()

    def link(a: str, b: str, day: str | None, count: int = 1) -> None:
        G.add_edge(a, b, count=count, last_date=day, types={"RAPAT"})

    link("s", "old", "2023-01-01", 9)
    link("old", "t", "2023-12-01", 9)
    link("s", "new_few", "2023-06-01", 1)
    link("new_few", "t", "2023-06-01", 1)
    link("s", "new_many", "2023-06-01", 4)
    link("new_many", "t", "2023-07-01", 2)
    link("s", "x", "2023-12-31", 9)
    link("x", "y", "2023-12-31", 9)
    link("y", "t", "2023-12-31", 9)
    vias = [i.via for i in warm_introductions(G, "s", "t")]
    assert vias == [("new_many",), ("new_few",), ("old",), ("x", "y")]
    assert [i.via for i in warm_introductions(G, "s", "t", two_step=False)] == vias[:3]


def test_already_linked_needs_no_introduction(G: nx.Graph) -> None:
    assert warm_introductions(G, "PPK01", "KPU") == []


def test_introductions_for_each_gap_counterpart(G: nx.Graph) -> None:
    gaps = {g.key: g for g in find_gaps(G, default_rules())}
    intros = introductions_for_gap(G, gaps[("ppk-danramil", "PPK01")])
    assert intros == {"DANRAMIL01": []}  # the danramil has no partner at all
    H = G.copy()
    H.add_edge("KAPOLSEK01", "DANRAMIL01", count=1, last_date="2023-05-05", types={"RAPAT"})
    intros = introductions_for_gap(H, gaps[("ppk-danramil", "PPK01")])
    assert [i.via for i in intros["DANRAMIL01"]] == [("KAPOLSEK01",)]
