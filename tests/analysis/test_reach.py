"""Reach of PPS and PPK from their KPU Kab/Kota."""

from __future__ import annotations

import networkx as nx
import pytest

from sinergi_graph.analysis.reach import kpu_reach, within_hops


def test_reach_per_kecamatan(G: nx.Graph) -> None:
    reach = kpu_reach(G, hops=2)
    parakan, kledung = reach["33.23.01"], reach["33.23.02"]
    # KPU - PPK01 - PPS2001 / PPS2002: everyone in Parakan within two steps.
    assert (parakan.ppk, parakan.ppk_reached, parakan.pps, parakan.pps_reached) == (1, 1, 2, 2)
    assert parakan.share == 1.0
    # PPS0201 in Kledung has no link at all.
    assert (kledung.ppk_reached, kledung.pps, kledung.pps_reached) == (1, 1, 0)
    assert kledung.share == 0.5


def test_one_hop_reaches_only_the_ppk(G: nx.Graph) -> None:
    parakan = kpu_reach(G, hops=1)["33.23.01"]
    assert (parakan.ppk_reached, parakan.pps_reached) == (1, 0)
    assert parakan.share == pytest.approx(1 / 3)
    assert parakan.as_row()["share"] == 0.3333


def test_no_kpu_recorded_reaches_nobody(G: nx.Graph) -> None:
    H = G.copy()
    H.remove_node("KPU")
    assert all(r.share == 0.0 for r in kpu_reach(H).values())


def test_within_hops_counts_steps() -> None:
    assert within_hops(nx.path_graph(["a", "b", "c", "d"]), ["a", "d"], 1) == {
        "a": 0,
        "d": 0,
        "b": 1,
        "c": 1,
    }
