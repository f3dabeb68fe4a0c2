"""Centrality of actors in the coordination graph: who holds the network together.

Degree and PageRank are linear per iteration and run at any scale.
Betweenness is exact up to :data:`EXACT_LIMIT` nodes (a regency has a few
thousand) and a seeded k-source sample above it (Brandes & Pich 2007), and
every result says which one was used. Eigenvector centrality is offered for
regency-sized graphs, on their largest connected part: on a graph of hundreds
of separate regencies it concentrates on the one component with the largest
eigenvalue and says nothing about the rest.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import networkx as nx

from sinergi_graph.analysis._igraph import convert

#: Largest graph for which betweenness is computed exactly by default.
EXACT_LIMIT = 5_000
#: Sources sampled for approximate betweenness when no ``k`` is given.
DEFAULT_K = 100


@dataclass(frozen=True, slots=True)
class Betweenness:
    """Betweenness values and how they were obtained.

    ``exact`` is False when only ``k`` sampled sources were used (the values are
    then an unbiased estimate, rescaled to the full graph).
    """

    values: dict[str, float]
    exact: bool
    k: int | None
    seed: int | None
    nodes: int

    @property
    def note(self) -> str:
        if self.exact:
            return f"betweenness: exact over {self.nodes} nodes"
        seed = "unseeded" if self.seed is None else f"seed {self.seed}"
        return (
            f"betweenness: approximate, {self.k} of {self.nodes} sources sampled ({seed}); "
            "an unbiased estimate: the largest values are meaningful, small ones are noise"
        )


def betweenness(
    G: nx.Graph,
    *,
    k: int | None = None,
    exact_limit: int = EXACT_LIMIT,
    seed: int | None = None,
) -> Betweenness:
    """Normalised betweenness centrality, exact or by seeded source sampling.

    Parameters
    ----------
    G : networkx.Graph
        The coordination graph (not modified).
    k : int, optional
        Number of sampled sources. By default exact when ``len(G) <= exact_limit``,
        otherwise :data:`DEFAULT_K` sources.
    exact_limit : int
        Largest graph computed exactly when ``k`` is not given.
    seed : int, optional
        Seed of the source sample, so an approximate run can be repeated.

    Returns
    -------
    Betweenness
        Values plus the method used (``exact``, ``k``, ``seed``) and a ``note``.

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> b = betweenness(G)
    >>> b.values["b"], b.exact
    (1.0, True)
    >>> betweenness(G, k=2, seed=1).exact
    False
    """
    n = len(G)
    if k is None and n > exact_limit:
        k = DEFAULT_K
    if k is not None and k >= n:
        k = None
    # Same source sample as networkx draws for the same seed, so results match it exactly.
    sources = list(G) if k is None else random.Random(seed).sample(list(G.nodes()), k)
    raw = _brandes(G, sources)
    return Betweenness(
        values=_rescale(raw, n, sources if k is not None else None, G.is_directed()),
        exact=k is None,
        k=k,
        seed=seed,
        nodes=n,
    )


def _brandes(G: nx.Graph, sources: list[str]) -> dict[str, float]:
    """Brandes' accumulation from ``sources`` (unweighted), in igraph's C code.

    The raw sums of :func:`networkx.betweenness_centrality` before rescaling:
    igraph counts each undirected pair once where networkx counts it from both
    ends, hence the factor 2.
    """
    if not sources:
        return dict.fromkeys(G, 0.0)
    conv = convert(G)
    everyone = len(sources) == len(conv.nodes)
    raw = conv.graph.betweenness(
        directed=True, sources=None if everyone else [conv.index[s] for s in sources]
    )
    factor = 1.0 if G.is_directed() else 2.0
    return conv.values([factor * b for b in raw])


def _rescale(
    bc: dict[str, float], n: int, sampled: list[str] | None, directed: bool
) -> dict[str, float]:
    """Normalise as networkx does (``normalized=True, endpoints=False``)."""
    if n <= 2:
        return bc
    N = n - 1
    if sampled is None:
        scale = 1.0 / (N * (N - 1))
        return {v: b * scale for v, b in bc.items()}
    k = len(sampled)
    chosen = set(sampled)
    scale_source = 1.0 / ((k - 1) * (N - 1)) if k > 1 else math.nan
    scale_other = 1.0 / (k * (N - 1))
    return {v: b * (scale_source if v in chosen else scale_other) for v, b in bc.items()}


def pagerank(
    G: nx.Graph,
    *,
    alpha: float = 0.85,
    weight: str | None = "count",
) -> dict[str, float]:
    """PageRank, solved exactly (igraph's PRPACK) rather than by a tolerance-bound iteration.

    Same definition as :func:`networkx.pagerank`: teleport ``1 - alpha``,
    dangling nodes spread their rank uniformly; the values equal networkx's
    power iteration run to convergence (within 1e-9, tested). Edge ``weight``
    defaults to the number of links.

    Examples
    --------
    >>> G = nx.star_graph(3)  # centre 0 and three leaves
    >>> pr = pagerank(G, weight=None)
    >>> round(pr[0], 4), round(pr[1], 4)
    (0.4797, 0.1734)
    """
    if len(G) == 0:
        return {}
    conv = convert(G, weight)
    values = conv.graph.pagerank(
        damping=alpha, weights="w" if weight else None, directed=G.is_directed()
    )
    return conv.values(values)


def eigenvector(G: nx.Graph, *, weight: str | None = "count") -> dict[str, float] | None:
    """Eigenvector centrality (unit Euclidean norm, as networkx), or ``None`` when undefined.

    Solved by igraph's ARPACK to machine precision. Only meaningful on a
    connected graph (one regency); see the module docstring. ``None`` when the
    graph is not connected.

    Examples
    --------
    >>> ev = eigenvector(nx.star_graph(3), weight=None)
    >>> max(ev, key=ev.get)
    0
    """
    if len(G) == 0:
        return {}
    if not nx.is_connected(G.to_undirected(as_view=True)):
        return None
    conv = convert(G, weight)
    raw = conv.graph.eigenvector_centrality(weights="w" if weight else None)
    norm = math.sqrt(sum(x * x for x in raw))
    if norm == 0.0:
        return None
    return conv.values([x / norm for x in raw])


def degree(G: nx.Graph) -> dict[str, dict[str, int]]:
    """Per node: ``degree`` (distinct partners) and ``links`` (coordination acts recorded).

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", count=3)
    >>> degree(G)["a"]
    {'degree': 1, 'links': 3}
    """
    return {
        u: {"degree": len(nbrs), "links": sum(int(d.get("count", 1)) for d in nbrs.values())}
        for u, nbrs in G._adj.items()
    }


@dataclass(frozen=True, slots=True)
class Centrality:
    """All node centralities of one graph plus notes on how they were computed."""

    degree: dict[str, dict[str, int]]
    betweenness: Betweenness
    pagerank: dict[str, float]
    eigenvector: dict[str, float] | None
    notes: tuple[str, ...]


def centrality(
    G: nx.Graph,
    *,
    k: int | None = None,
    exact_limit: int = EXACT_LIMIT,
    seed: int | None = None,
) -> Centrality:
    """Degree, betweenness, PageRank and (when meaningful) eigenvector centrality.

    Eigenvector centrality is computed on the largest connected part of a graph of
    at most ``exact_limit`` nodes (others get 0); above that it is ``None`` and a
    note says why.

    Examples
    --------
    >>> c = centrality(nx.path_graph(["a", "b", "c"]), seed=0)
    >>> c.betweenness.values["b"], c.eigenvector is not None
    (1.0, True)
    """
    notes = []
    btw = betweenness(G, k=k, exact_limit=exact_limit, seed=seed)
    notes.append(btw.note)
    pr = pagerank(G)
    notes.append("pagerank: exact solution, weighted by number of links")
    ev: dict[str, float] | None = None
    if 0 < len(G) <= exact_limit:
        undirected = G.to_undirected(as_view=True)
        largest = max(nx.connected_components(undirected), key=len)
        part = eigenvector(G.subgraph(largest))
        if part is None:
            notes.append("eigenvector: undefined (no links), omitted")
        else:
            ev = {**dict.fromkeys(G, 0.0), **part}
            if len(largest) < len(G):
                notes.append(
                    f"eigenvector: largest connected part ({len(largest)} of {len(G)} actors); "
                    "others 0"
                )
    else:
        notes.append(
            f"eigenvector: omitted above {exact_limit} actors (it would only describe the "
            "largest component); use --area for one regency"
        )
    return Centrality(degree(G), btw, pr, ev, tuple(notes))


def top_nodes(values: dict[str, float], n: int) -> list[str]:
    """The ``n`` nodes with the highest values, ties broken by id for stable output.

    Examples
    --------
    >>> top_nodes({"b": 1.0, "a": 1.0, "c": 0.5}, 2)
    ['a', 'b']
    """
    return sorted(values, key=lambda u: (-values[u], u))[:n]


def rounded(value: float | None, digits: int = 6) -> float | None:
    """``value`` rounded for reports; ``None`` for missing or undefined (NaN) values.

    Examples
    --------
    >>> rounded(0.12345678), rounded(float("nan"))
    (0.123457, None)
    """
    if value is None or math.isnan(value):
        return None
    return round(value, digits)
