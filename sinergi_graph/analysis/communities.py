"""Communities (Louvain) and how well they line up with administrative areas.

If coordination follows the administrative hierarchy, each community is
mostly one kecamatan (or regency); a community spanning several areas shows
coordination that crosses boundaries, one area split over several
communities shows an area that does not work as one.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from sinergi_graph.analysis._igraph import convert, seeded
from sinergi_graph.areas import CODE_LENGTH
from sinergi_graph.kinds import Level


@dataclass(frozen=True, slots=True)
class Communities:
    """A partition of the nodes, largest community first, and its modularity."""

    groups: tuple[frozenset[str], ...]
    modularity: float
    seed: int | None
    resolution: float

    def membership(self) -> dict[str, int]:
        return {v: i for i, group in enumerate(self.groups) for v in group}


def louvain(
    G: nx.Graph,
    *,
    resolution: float = 1.0,
    weight: str | None = "count",
    seed: int | None = None,
) -> Communities:
    """Louvain communities (igraph's multilevel algorithm), seeded so a run can be repeated.

    The same method as :func:`networkx.community.louvain_communities` in C:
    the national network takes seconds instead of a minute. The modularity
    is the figure :func:`networkx.community.modularity` gives (tested).

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"),
    ...               ("c", "x")])
    >>> [sorted(g) for g in louvain(G, weight=None, seed=1).groups]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if len(G) == 0:
        return Communities((), 0.0, seed, resolution)
    conv = convert(G, weight)
    with seeded(seed):
        clusters = conv.graph.community_multilevel(
            weights="w" if weight else None, resolution=resolution
        )
    parts: dict[int, set[str]] = {}
    for vertex, label in enumerate(clusters.membership):
        parts.setdefault(label, set()).add(conv.nodes[vertex])
    groups = tuple(sorted((frozenset(p) for p in parts.values()), key=lambda g: (-len(g), min(g))))
    # igraph's modularity has networkx's definition (tested equal); networkx's own
    # takes ~20 s on the national network.
    q = (
        conv.graph.modularity(
            clusters.membership, weights="w" if weight else None, resolution=resolution
        )
        if G.size()
        else 0.0
    )
    return Communities(groups, float(q), seed, resolution)


@dataclass(frozen=True, slots=True)
class CommunityArea:
    """One community: its size, the area most of it lies in, and that share."""

    index: int
    size: int
    dominant_area: str | None
    share: float
    areas: int


@dataclass(frozen=True, slots=True)
class Alignment:
    """Agreement between a partition and the administrative areas of one level.

    ``purity``: share of labelled nodes that sit in their community's dominant
    area. ``nmi``: normalised mutual information (arithmetic normalisation,
    1 = the communities are exactly the areas, 0 = unrelated). Nodes without
    an area at ``level`` (provincial or national actors) are left out.
    """

    level: str
    purity: float
    nmi: float
    labelled: int
    communities: tuple[CommunityArea, ...]


def area_labels(G: nx.Graph, level: Level) -> dict[str, str]:
    """``{node: area code at level}`` for the nodes whose area is that fine or finer.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("pps", {"area": "33.23.01.2001"}), ("kpu", {"area": "33.23"})])
    >>> area_labels(G, Level.KECAMATAN)
    {'pps': '33.23.01'}
    """
    n = CODE_LENGTH[level]
    labels: dict[str, str] = {}
    for node, area in G.nodes(data="area"):
        if isinstance(area, str) and len(area) >= n:
            labels[node] = area[:n]
    return labels


def normalized_mutual_information(a: Mapping[str, object], b: Mapping[str, object]) -> float:
    """NMI of two labellings over their common keys: ``2 I(A;B) / (H(A) + H(B))``.

    Examples
    --------
    >>> normalized_mutual_information({"x": 1, "y": 1, "z": 2}, {"x": "p", "y": "p", "z": "q"})
    1.0
    >>> normalized_mutual_information({"w": 1, "x": 1, "y": 2, "z": 2},
    ...                               {"w": "p", "x": "q", "y": "p", "z": "q"})
    0.0
    """
    keys = [k for k in a if k in b]
    n = len(keys)
    if n == 0:
        return 0.0
    ca = Counter(a[k] for k in keys)
    cb = Counter(b[k] for k in keys)
    cab = Counter((a[k], b[k]) for k in keys)
    ha = -sum(c / n * math.log(c / n) for c in ca.values())
    hb = -sum(c / n * math.log(c / n) for c in cb.values())
    if ha == 0.0 and hb == 0.0:
        return 1.0  # one group on both sides: identical partitions
    mi = sum(c / n * math.log(c * n / (ca[x] * cb[y])) for (x, y), c in cab.items())
    return max(0.0, min(1.0, 2.0 * mi / (ha + hb)))


def alignment(
    G: nx.Graph,
    communities: Communities | Iterable[Iterable[str]],
    *,
    level: Level = Level.KECAMATAN,
) -> Alignment:
    """How well ``communities`` coincide with the areas of ``level``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("a", {"area": "33.23.01"}), ("b", {"area": "33.23.01"}),
    ...                   ("c", {"area": "33.23.02"}), ("d", {"area": "33.23.01"})])
    >>> al = alignment(G, [{"a", "b"}, {"c", "d"}])
    >>> al.purity, [c.dominant_area for c in al.communities]
    (0.75, ['33.23.01', '33.23.01'])
    """
    groups = (
        communities.groups
        if isinstance(communities, Communities)
        else tuple(frozenset(g) for g in communities)
    )
    labels = area_labels(G, level)
    membership = {v: i for i, g in enumerate(groups) for v in g}
    rows: list[CommunityArea] = []
    hits = 0
    for i, g in enumerate(groups):
        counts = Counter(labels[v] for v in g if v in labels)
        if counts:
            area, top = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            labelled = sum(counts.values())
            hits += top
            rows.append(CommunityArea(i, len(g), area, top / labelled, len(counts)))
        else:
            rows.append(CommunityArea(i, len(g), None, 0.0, 0))
    labelled_total = sum(1 for v in membership if v in labels)
    purity = hits / labelled_total if labelled_total else 0.0
    nmi = normalized_mutual_information(membership, labels)
    return Alignment(level.value, purity, nmi, labelled_total, tuple(rows))
