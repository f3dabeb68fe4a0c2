"""The compiled kernels behind the national-scale measures (python-igraph).

A national network has ~600k actors: pure-Python Brandes from 16 sources took
55 s and networkx's Louvain 55 s, where igraph's C code needs a few seconds.
The public functions in :mod:`~sinergi_graph.analysis.metrics` and
:mod:`~sinergi_graph.analysis.communities` keep their networkx signatures and
results (the tests compare them with networkx on small graphs); this module
only converts a networkx graph once and calls the C routines.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import igraph as ig
import networkx as nx

__all__ = ["Converted", "convert", "seeded"]


@dataclass(frozen=True, slots=True)
class Converted:
    """An igraph copy of a networkx graph and the node order that maps between them."""

    graph: ig.Graph
    nodes: list[str]
    index: dict[str, int]

    def values(self, per_vertex: list[float]) -> dict[str, float]:
        return dict(zip(self.nodes, per_vertex, strict=True))


def convert(G: nx.Graph, weight: str | None = None) -> Converted:
    """``G`` as an igraph graph (same direction), with edge weights under ``"w"``.

    A missing weight counts as 1, as in networkx.
    """
    nodes = list(G)
    index = {u: i for i, u in enumerate(nodes)}
    edges: list[tuple[int, int]] = []
    weights: list[float] = []
    directed = G.is_directed()
    # The raw adjacency, not G.edges(): its view objects cost seconds at national scale.
    for u, nbrs in G._adj.items():
        i = index[u]
        for v, data in nbrs.items():
            j = index[v]
            if directed or i <= j:
                edges.append((i, j))
                if weight is not None:
                    weights.append(float(data.get(weight, 1)))
    H = ig.Graph(n=len(nodes), edges=edges, directed=directed)
    if weight is not None:
        H.es["w"] = weights
    return Converted(H, nodes, index)


@contextmanager
def seeded(seed: int | None) -> Iterator[None]:
    """Run igraph's randomised routines from ``seed`` without touching global ``random``."""
    if seed is None:
        yield
        return
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)
