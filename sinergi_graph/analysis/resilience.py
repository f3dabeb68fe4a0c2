"""Single points of failure between the election bodies and their KPU.

An articulation point (cut vertex) is an actor whose departure splits the
coordination graph; a bridge is a single link whose loss does. What a planner
needs is narrower: *if X is gone, which PPS and PPK lose every path to the KPU
of their regency?* That is answered for all of them at once with the
block–cut tree (Hopcroft & Tarjan), linear in the size of the graph: the
actors and links that separate a subject from its KPU are exactly the cut
vertices and two-node blocks (bridges) on the tree path between them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import igraph as ig
import networkx as nx

from sinergi_graph.analysis._common import KPU_KAB, PPK, PPS, kpu_by_regency, regency_of
from sinergi_graph.analysis._igraph import convert
from sinergi_graph.bulk import cycle_collector_paused

# Block–cut tree nodes: ("B", block index) or ("C", cut vertex id).
TreeNode = tuple[str, object]


class BlockCutTree:
    """The block–cut tree of a graph, rooted per component, for path queries.

    Tree nodes are kept as integers: block ``i`` is ``i``, the cut vertex with
    igraph index ``v`` is ``len(blocks) + v``. The public methods speak
    :data:`TreeNode` (``("B", i)`` or ``("C", id)``).

    Examples
    --------
    >>> T = BlockCutTree(nx.path_graph(["a", "b", "c"]))
    >>> sorted(T.cut_vertices)
    ['b']
    >>> T.separators("a", "c")
    (('b',), (('a', 'b'), ('b', 'c')))
    >>> T.path("a", "c")
    [('B', 1), ('C', 'b'), ('B', 0)]
    """

    def __init__(self, G: nx.Graph) -> None:
        # The national network has ~600k actors: one pass of igraph's C routines
        # (blocks, components, a BFS of the tree) and flat int lists, not a
        # dict and a tuple per node, keep this to about a second. What is built
        # here is acyclic; a full collection walking the graph's millions of
        # objects would cost more than all the rest.
        with cycle_collector_paused():
            self._build(G)

    def _build(self, G: nx.Graph) -> None:
        conv = convert(G)
        H = conv.graph
        self._names = conv.nodes
        self._index = conv.index
        n = H.vcount()
        # The spanning-tree edges of each block (the wrapper's vertex sets cost
        # a set per block); the same blocks, in the same order.
        trees, aps = ig.GraphBase.biconnected_components(H, True)
        nb = len(trees)
        self._nb = nb
        is_cut = bytearray(n)
        for v in aps:
            is_cut[v] = 1
        self.cut_vertices: frozenset[str] = frozenset(self._names[v] for v in aps)
        ends = H.get_edgelist()
        # Where a vertex sits in the tree: its cut node, else its one block, else -1.
        pos = [-1] * n
        for v in aps:
            pos[v] = nb + v
        tree_edges: list[tuple[int, int]] = []
        # A spanning tree of k vertices has k - 1 edges: one edge is a bridge.
        # Its ends are kept as indices; names only for the few on a path.
        self._bridge_a, self._bridge_b = [-1] * nb, [-1] * nb
        for i, edges in enumerate(trees):
            if len(edges) == 1:
                a, b = ends[edges[0]]
                members: Iterable[int] = (a, b)
                self._bridge_a[i], self._bridge_b[i] = a, b
            else:
                members = {v for e in edges for v in ends[e]}
            for v in members:
                if is_cut[v]:
                    tree_edges.append((i, nb + v))
                else:
                    pos[v] = i
        self._pos = pos
        # The tree's components are the graph's; one BFS from a virtual root
        # linked to one block of each component roots them all at once.
        self._comp: list[int] = H.connected_components().membership
        root = nb + n
        first: set[int] = set()
        for i, edges in enumerate(trees):
            c = self._comp[ends[edges[0]][0]]
            if c not in first:
                first.add(c)
                tree_edges.append((root, i))
        T = ig.Graph(n=root + 1, edges=tree_edges)
        order, layers, parent = T.bfs(root)
        depth = [0] * (root + 1)
        for d in range(1, len(layers) - 1):
            for j in range(layers[d], layers[d + 1]):
                depth[order[j]] = d
        self._parent: list[int] = parent
        self._depth = depth
        self._graph = H
        self._blocks: list[frozenset[str]] | None = None

    @property
    def bridges(self) -> int:
        """How many blocks are a single link (bridges)."""
        return self._nb - self._bridge_a.count(-1)

    def _bridge_pair(self, x: int) -> tuple[str, str] | None:
        """The bridge that block ``x`` is, as a sorted pair of ids (``None``: not a bridge)."""
        a = self._bridge_a[x]
        if a < 0:
            return None
        u, v = self._names[a], self._names[self._bridge_b[x]]
        return (u, v) if u < v else (v, u)

    @property
    def blocks(self) -> list[frozenset[str]]:
        """The biconnected blocks as sets of actor ids, in the tree's block order."""
        if self._blocks is None:
            names = self._names
            self._blocks = [
                frozenset(names[v] for v in block) for block in self._graph.biconnected_components()
            ]
        return self._blocks

    def position(self, v: str) -> TreeNode | None:
        """The tree node of ``v``: itself if a cut vertex, else its one block (isolates: None)."""
        i = self._index.get(v)
        return None if i is None else self._node(self._pos[i])

    def _node(self, x: int) -> TreeNode | None:
        if x < 0:
            return None
        return ("B", x) if x < self._nb else ("C", self._names[x - self._nb])

    def connected(self, u: str, v: str) -> bool:
        i, j = self._index.get(u), self._index.get(v)
        return i is not None and j is not None and self._linked(i, j)

    def _linked(self, i: int, j: int) -> bool:
        # Isolated actors are in no block, so not connected even to themselves.
        return self._pos[i] >= 0 and self._pos[j] >= 0 and self._comp[i] == self._comp[j]

    def path(self, u: str, v: str) -> list[TreeNode] | None:
        """Tree nodes from ``u``'s position to ``v``'s (``None`` when not connected)."""
        ids = self._path_ids(u, v)
        return None if ids is None else [self._tree_node(x) for x in ids]

    def _tree_node(self, x: int) -> TreeNode:
        node = self._node(x)
        assert node is not None
        return node

    def _path_ids(self, u: str, v: str) -> list[int] | None:
        i, j = self._index.get(u), self._index.get(v)
        if i is None or j is None or not self._linked(i, j):
            return None
        parent, depth = self._parent, self._depth
        a, b = self._pos[i], self._pos[j]
        left, right = [a], [b]
        while depth[a] > depth[b]:
            a = parent[a]
            left.append(a)
        while depth[b] > depth[a]:
            b = parent[b]
            right.append(b)
        while a != b:
            a, b = parent[a], parent[b]
            left.append(a)
            right.append(b)
        right.pop()  # the meeting node is already the last of ``left``
        return left + right[::-1]

    def separators(
        self, u: str, v: str
    ) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]] | None:
        """Cut vertices and bridges whose loss disconnects ``u`` from ``v``, in path order.

        ``None`` when they are not connected at all. Endpoints are never listed.
        """
        ids = self._path_ids(u, v)
        if ids is None:
            return None
        ends = {self._pos[self._index[u]], self._pos[self._index[v]]}
        cuts: list[str] = []
        links: list[tuple[str, str]] = []
        for x in ids:
            if x >= self._nb:
                if x not in ends:
                    cuts.append(self._names[x - self._nb])
            else:
                pair = self._bridge_pair(x)
                if pair is not None:
                    links.append(pair)
        return tuple(cuts), tuple(links)

    def _separator_ids(self, i: int, j: int) -> tuple[list[int], list[int]]:
        """Cut vertices (graph indices) and bridge blocks between connected ``i`` and ``j``.

        The hot loop of :func:`single_points_of_failure`: no path list, no names.
        """
        parent, depth, nb, bridge = self._parent, self._depth, self._nb, self._bridge_a
        a, b = self._pos[i], self._pos[j]
        ends = (nb + i, nb + j)
        cuts: list[int] = []
        links: list[int] = []
        # Climb the deeper end first, then both until they meet; every tree
        # node of the path is seen once (the meeting node last).
        while True:
            if depth[a] < depth[b]:
                a, b = b, a
            if a >= nb:
                if a not in ends:
                    cuts.append(a - nb)
            elif bridge[a] >= 0:
                links.append(a)
            if a == b:
                return cuts, links
            a = parent[a]


@dataclass(frozen=True, slots=True)
class Dependency:
    """What stands between one subject (PPS/PPK) and the KPU of its regency."""

    subject: str
    kpu: tuple[str, ...]
    cut_vertices: tuple[str, ...]
    bridges: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class SinglePoints:
    """Single points of failure between subjects and the KPU of their regency.

    ``by_actor[x]`` lists the subjects that lose every path to their KPU when
    actor ``x`` is gone; ``by_link[(a, b)]`` the same for the link a–b.
    ``unreachable`` subjects have no path to their KPU even now (or their
    regency has no KPU recorded). ``cut_vertices`` are all articulation points
    of the graph, whether or not a PPS/PPK depends on them.
    """

    by_actor: dict[str, tuple[str, ...]]
    by_link: dict[tuple[str, str], tuple[str, ...]]
    dependencies: dict[str, Dependency]
    unreachable: tuple[str, ...]
    articulation_points: int
    bridges: int
    subjects: int
    cut_vertices: frozenset[str] = field(default=frozenset())

    def exposed(self) -> list[str]:
        """Subjects with at least one single point of failure, sorted."""
        return sorted(s for s, d in self.dependencies.items() if d.cut_vertices or d.bridges)


def single_points_of_failure(
    G: nx.Graph,
    *,
    subject_kinds: Iterable[str] = (PPS, PPK),
    target_kind: str = KPU_KAB,
    tree: BlockCutTree | None = None,
) -> SinglePoints:
    """For every PPS/PPK, the actors and links without which it cannot reach its KPU.

    With several KPU nodes in one regency a separator must cut the subject off
    from all of them. Linear in the size of ``G`` (one biconnected-components
    pass, then a short tree walk per subject).

    Parameters
    ----------
    G : networkx.Graph
        The coordination graph, or an area of it (see ``_common.restrict``).
    subject_kinds : iterable of str
        Kinds whose path to the KPU is checked.
    target_kind : str
        Kind of the regency-level body they must reach.
    tree : BlockCutTree, optional
        The block–cut tree of ``G`` when the caller has already built it.

    Examples
    --------
    >>> G = nx.Graph([("pps", "ppk"), ("ppk", "kpu")])
    >>> for n, k in [("pps", "PPS"), ("ppk", "PPK"), ("kpu", "KPU_KAB")]:
    ...     G.add_node(n, kind=k, area="33.23.01.2001" if k == "PPS" else "33.23.01")
    >>> G.nodes["kpu"]["area"] = "33.23"
    >>> spof = single_points_of_failure(G)
    >>> spof.by_actor
    {'ppk': ('pps',)}
    >>> sorted(spof.by_link)
    [('kpu', 'ppk'), ('ppk', 'pps')]
    """
    # Nationally ~90k Dependency records and their tuples: acyclic, so the
    # collector has nothing to find in them (see BlockCutTree.__init__).
    with cycle_collector_paused():
        return _single_points(G, set(subject_kinds), target_kind, tree)


def _single_points(
    G: nx.Graph, kinds: set[str], target_kind: str, tree: BlockCutTree | None
) -> SinglePoints:
    tree = tree if tree is not None else BlockCutTree(G)
    kpus = kpu_by_regency(G) if target_kind == KPU_KAB else _by_regency(G, target_kind)
    index = tree._index
    # Each regency's KPU as (id, index), looked up once rather than per subject.
    targets_of = {reg: [(k, index[k]) for k in ks if k in index] for reg, ks in kpus.items()}
    by_actor: dict[str, list[str]] = {}
    by_link: dict[tuple[str, str], list[str]] = {}
    deps: dict[str, Dependency] = {}
    unreachable: list[str] = []
    subjects = 0
    for node, data in G.nodes(data=True):
        if data.get("kind") not in kinds:
            continue
        subjects += 1
        targets = targets_of.get(regency_of(data.get("area")) or "", [])
        dep = _dependency(tree, node, targets)
        if dep is None:
            unreachable.append(node)
            continue
        deps[node] = dep
        for x in dep.cut_vertices:
            by_actor.setdefault(x, []).append(node)
        for e in dep.bridges:
            by_link.setdefault(e, []).append(node)
    return SinglePoints(
        by_actor={x: tuple(sorted(s)) for x, s in sorted(by_actor.items())},
        by_link={e: tuple(sorted(s)) for e, s in sorted(by_link.items())},
        dependencies=deps,
        unreachable=tuple(sorted(unreachable)),
        articulation_points=len(tree.cut_vertices),
        bridges=tree.bridges,
        subjects=subjects,
        cut_vertices=tree.cut_vertices,
    )


def _by_regency(G: nx.Graph, kind: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for node, data in G.nodes(data=True):
        if data.get("kind") == kind:
            reg = regency_of(data.get("area"))
            if reg is not None:
                found.setdefault(reg, []).append(node)
    return found


def _dependency(
    tree: BlockCutTree, subject: str, targets: list[tuple[str, int]]
) -> Dependency | None:
    s = tree._index[subject]
    reachable = [(k, t) for k, t in targets if t != s and tree._linked(s, t)]
    if not reachable:
        return None
    names = tree._names
    cut_ids, link_ids = tree._separator_ids(s, reachable[0][1])
    if len(reachable) > 1:
        # A separator must cut the subject off from every KPU of its regency.
        cut_set, link_set = set(cut_ids), set(link_ids)
        for _, t in reachable[1:]:
            more_cuts, more_links = tree._separator_ids(s, t)
            cut_set.intersection_update(more_cuts)
            link_set.intersection_update(more_links)
        cut_ids, link_ids = list(cut_set), list(link_set)
    # A tree path passes each cut vertex and block once: no duplicates to drop.
    return Dependency(
        subject=subject,
        kpu=tuple(k for k, _ in reachable),
        cut_vertices=tuple(sorted(names[v] for v in cut_ids)),
        bridges=tuple(sorted(_pair(tree._bridge_pair(b)) for b in link_ids)),
    )


def _pair(pair: tuple[str, str] | None) -> tuple[str, str]:
    assert pair is not None
    return pair


def articulation_points(G: nx.Graph) -> list[str]:
    """All cut vertices of ``G``, sorted (linear time, networkx).

    Examples
    --------
    >>> articulation_points(nx.path_graph(["a", "b", "c"]))
    ['b']
    """
    return sorted(nx.articulation_points(G))


def bridges(G: nx.Graph) -> list[tuple[str, str]]:
    """All bridges of ``G`` as sorted pairs, sorted (linear time, networkx).

    Examples
    --------
    >>> bridges(nx.path_graph(["a", "b", "c"]))
    [('a', 'b'), ('b', 'c')]
    """
    pairs: list[tuple[str, str]] = []
    for u, v in nx.bridges(G):
        a, b = sorted((u, v))
        pairs.append((a, b))
    return sorted(pairs)
