"""Single points of failure against a brute force that removes each actor and link in turn.

``single_points_of_failure`` walks a block–cut tree built on igraph indices;
the reference here knows nothing of blocks: a separator is an actor or link
whose removal leaves the subject without a path to every KPU of its regency.
"""

from __future__ import annotations

import dataclasses
import gc
import random
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

import networkx as nx
import pytest

from sinergi_graph.analysis._common import regency_of
from sinergi_graph.analysis.resilience import BlockCutTree, SinglePoints, single_points_of_failure
from sinergi_graph.demo import generate_demo
from sinergi_graph.graph import build_graph
from sinergi_graph.models import Actor, ActorRow, CoordinationLink, LinkRow, NetworkRows

Edge = tuple[str, str]


def _components(H: nx.Graph) -> dict[str, int]:
    return {v: i for i, comp in enumerate(nx.connected_components(H)) for v in comp}


def _without(G: nx.Graph, node: str | None = None, edge: Edge | None = None) -> dict[str, int]:
    H = G.copy()
    if node is not None:
        H.remove_node(node)
    if edge is not None:
        H.remove_edge(*edge)
    return _components(H)


def brute_force(
    G: nx.Graph,
    *,
    subject_kinds: Iterable[str] = ("PPS", "PPK"),
    target_kind: str = "KPU_KAB",
    candidates: tuple[list[str], list[Edge]] | None = None,
) -> dict[str, Any]:
    """What ``single_points_of_failure`` must answer, by removing actors and links one by one.

    ``candidates`` narrows the actors and links tried (a larger graph: the
    articulation points and bridges networkx finds); by default all are tried.
    """
    nodes = sorted(G)
    edges = sorted(tuple(sorted(e)) for e in G.edges if e[0] != e[1])
    tried_nodes, tried_edges = candidates if candidates is not None else (nodes, edges)
    whole = _components(G)
    count = len(set(whole.values()))
    without_node = {x: _without(G, node=x) for x in tried_nodes}
    without_edge = {e: _without(G, edge=(e[0], e[1])) for e in tried_edges}
    # A cut vertex (bridge) is one whose removal leaves more pieces than before.
    cut_vertices = frozenset(x for x, c in without_node.items() if len(set(c.values())) > count)
    n_bridges = sum(1 for c in without_edge.values() if len(set(c.values())) > count)

    targets: dict[str, list[str]] = {}
    for v, data in G.nodes(data=True):
        reg = regency_of(data.get("area"))
        if data.get("kind") == target_kind and reg is not None:
            targets.setdefault(reg, []).append(v)
    if target_kind == "KPU_KAB":  # the KPU of a regency are listed in id order
        for ks in targets.values():
            ks.sort()

    def cut_off(comp: dict[str, int], s: str, ks: list[str]) -> bool:
        return all(comp[k] != comp[s] for k in ks if k in comp)

    kinds = set(subject_kinds)
    deps: list[tuple[str, tuple[Any, ...]]] = []
    by_actor: dict[str, list[str]] = {}
    by_link: dict[Edge, list[str]] = {}
    unreachable: list[str] = []
    subjects = 0
    for s, data in G.nodes(data=True):
        if data.get("kind") not in kinds:
            continue
        subjects += 1
        mine = targets.get(regency_of(data.get("area")) or "", [])
        ks = [k for k in mine if k != s and whole[k] == whole[s] and G.degree(s) > 0]
        if not ks:
            unreachable.append(s)
            continue
        cuts = tuple(
            x for x in tried_nodes if x != s and x not in ks and cut_off(without_node[x], s, ks)
        )
        links = tuple(e for e in tried_edges if cut_off(without_edge[e], s, ks))
        deps.append((s, (s, tuple(ks), cuts, links)))
        for x in cuts:
            by_actor.setdefault(x, []).append(s)
        for e in links:
            by_link.setdefault(e, []).append(s)
    return {
        "by_actor": [(x, tuple(sorted(v))) for x, v in sorted(by_actor.items())],
        "by_link": [(e, tuple(sorted(v))) for e, v in sorted(by_link.items())],
        "dependencies": deps,
        "unreachable": tuple(sorted(unreachable)),
        "articulation_points": len(cut_vertices),
        "bridges": n_bridges,
        "subjects": subjects,
        "cut_vertices": cut_vertices,
    }


def as_compared(spof: SinglePoints) -> dict[str, Any]:
    """The result with its dict orders made visible (they are part of the contract)."""
    return {
        "by_actor": list(spof.by_actor.items()),
        "by_link": list(spof.by_link.items()),
        "dependencies": [(s, dataclasses.astuple(d)) for s, d in spof.dependencies.items()],
        "unreachable": spof.unreachable,
        "articulation_points": spof.articulation_points,
        "bridges": spof.bridges,
        "subjects": spof.subjects,
        "cut_vertices": spof.cut_vertices,
    }


def random_network(seed: int) -> nx.Graph:
    """A small graph of PPS, PPK, KPU and others in two regencies, with a few oddities.

    Some regencies get two KPU, some none; isolated actors, self-loops and a
    KPU without an area occur, so every branch of the walk is exercised.
    """
    rng = random.Random(seed)
    n = rng.randint(6, 24)
    G = nx.gnm_random_graph(n, rng.randint(n - 4, 2 * n), seed=seed)
    G = nx.relabel_nodes(G, {i: f"n{i:02d}" for i in G})
    for v in list(G):
        reg = rng.choice(("33.23", "33.24"))
        kind = rng.choices(("PPS", "PPK", "KPU_KAB", "CAMAT"), weights=(4, 2, 1, 2))[0]
        area = {"KPU_KAB": reg, "PPK": f"{reg}.01", "PPS": f"{reg}.01.2001"}.get(kind, reg)
        G.nodes[v].update(kind=kind, area=None if rng.random() < 0.05 else area)
    if rng.random() < 0.3:
        v = rng.choice(sorted(G))
        G.add_edge(v, v)
    return G


def _snapshot(G: nx.Graph) -> tuple[Any, ...]:
    return (list(G.nodes(data=True)), sorted((*sorted(e), d) for *e, d in G.edges(data=True)))


@pytest.mark.parametrize("seed", range(60))
def test_random_networks_agree_with_brute_force(seed: int) -> None:
    G = random_network(seed)
    before = _snapshot(G)
    assert as_compared(single_points_of_failure(G)) == brute_force(G)
    assert _snapshot(G) == before  # the input graph is only read


@pytest.mark.parametrize("seed", range(10))
def test_other_kinds_and_a_given_tree_agree_with_brute_force(seed: int) -> None:
    G = random_network(100 + seed)
    # KPU among the subjects: a KPU is never its own target; targets by another kind.
    kinds = ("PPS", "KPU_KAB")
    got = single_points_of_failure(G, subject_kinds=kinds, tree=BlockCutTree(G))
    assert as_compared(got) == brute_force(G, subject_kinds=kinds)
    got = single_points_of_failure(G, target_kind="CAMAT")
    assert as_compared(got) == brute_force(G, target_kind="CAMAT")


@lru_cache(maxsize=1)
def temanggung_demo() -> nx.Graph:
    actors: list[Actor] = []
    links: list[CoordinationLink] = []
    for batch in generate_demo("33.23", seed=2024):
        actors.extend(batch.actors)
        links.extend(batch.links)
    rows = NetworkRows(
        [ActorRow(a.id, a.kind, a.name, a.area, a.member_of) for a in actors],
        [
            LinkRow(k.id, k.source, k.target, k.type, str(k.date) if k.date else None, k.topic)
            for k in links
        ],
    )
    return build_graph(rows)


def test_temanggung_demo_agrees_with_brute_force() -> None:
    G = temanggung_demo()
    # Only the actors and links networkx finds critical can separate anything.
    candidates = (
        sorted(nx.articulation_points(G)),
        sorted(tuple(sorted(e)) for e in nx.bridges(G)),
    )
    expected = brute_force(G, candidates=candidates)
    got = as_compared(single_points_of_failure(G))
    assert got == expected
    # The demo is not trivial: PPS and PPK do hang on single actors and links.
    assert got["by_actor"] and got["by_link"] and got["subjects"] > 200


def test_tree_paths_list_the_separators_on_the_demo() -> None:
    G = temanggung_demo()
    T = BlockCutTree(G)
    rng = random.Random(7)
    nodes = sorted(G)
    for _ in range(300):
        u, v = rng.sample(nodes, 2)
        sep, path = T.separators(u, v), T.path(u, v)
        assert (sep is not None) == (path is not None) == nx.has_path(G, u, v)
        if sep is None or path is None:
            continue
        assert path[0] == T.position(u) and path[-1] == T.position(v)
        # In path order: the cut vertices passed (endpoints left out), the one-link blocks.
        assert list(sep[0]) == [x for kind, x in path if kind == "C" and x not in (u, v)]
        blocks = [T.blocks[i] for kind, i in path if kind == "B" and isinstance(i, int)]
        assert list(sep[1]) == [tuple(sorted(b)) for b in blocks if len(b) == 2]
        assert all(G.has_edge(a, b) for a, b in sep[1])


def _collector_state_after(call: Callable[[], object]) -> bool:
    call()
    return gc.isenabled()


def test_the_cycle_collector_is_left_as_it_was() -> None:
    G = random_network(3)
    assert gc.isenabled()
    assert _collector_state_after(lambda: single_points_of_failure(G))
    gc.disable()
    try:
        assert not _collector_state_after(lambda: single_points_of_failure(G))
    finally:
        gc.enable()
