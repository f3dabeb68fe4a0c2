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

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from sinergi_graph.analysis._common import KPU_KAB, PPK, PPS, kpu_by_regency, regency_of
from sinergi_graph.analysis._igraph import convert

# Block–cut tree nodes: ("B", block index) or ("C", cut vertex id).
TreeNode = tuple[str, object]


class BlockCutTree:
    """The block–cut tree of a graph, rooted per component, for path queries.

    Examples
    --------
    >>> T = BlockCutTree(nx.path_graph(["a", "b", "c"]))
    >>> sorted(T.cut_vertices)
    ['b']
    >>> T.separators("a", "c")
    (('b',), (('a', 'b'), ('b', 'c')))
    """

    def __init__(self, G: nx.Graph) -> None:
        # igraph's C routine finds the same blocks as nx.biconnected_components
        # (isolated actors in none), ~10x faster on the national network.
        conv = convert(G)
        self.blocks: list[frozenset[str]] = [
            frozenset(conv.nodes[i] for i in block) for block in conv.graph.biconnected_components()
        ]
        seen: dict[str, int] = {}
        for i, block in enumerate(self.blocks):
            for v in block:
                seen[v] = -1 if v in seen else i
        # A vertex in two or more blocks is a cut vertex (seen[v] == -1).
        self.cut_vertices: frozenset[str] = frozenset(v for v, i in seen.items() if i == -1)
        self._block_of = {v: i for v, i in seen.items() if i != -1}
        adj: dict[TreeNode, list[TreeNode]] = {}
        for i, block in enumerate(self.blocks):
            bnode: TreeNode = ("B", i)
            adj.setdefault(bnode, [])
            for v in block:
                if v in self.cut_vertices:
                    cnode: TreeNode = ("C", v)
                    adj[bnode].append(cnode)
                    adj.setdefault(cnode, []).append(bnode)
        self.parent: dict[TreeNode, TreeNode | None] = {}
        self.depth: dict[TreeNode, int] = {}
        self.component: dict[TreeNode, int] = {}
        for comp, root in enumerate(sorted(adj, key=_tree_key)):
            if root in self.parent:
                continue
            self.parent[root] = None
            self.depth[root] = 0
            self.component[root] = comp
            queue = deque([root])
            while queue:
                x = queue.popleft()
                for y in adj[x]:
                    if y not in self.parent:
                        self.parent[y] = x
                        self.depth[y] = self.depth[x] + 1
                        self.component[y] = comp
                        queue.append(y)

    def position(self, v: str) -> TreeNode | None:
        """The tree node of ``v``: itself if a cut vertex, else its one block (isolates: None)."""
        if v in self.cut_vertices:
            return ("C", v)
        i = self._block_of.get(v)
        return None if i is None else ("B", i)

    def connected(self, u: str, v: str) -> bool:
        pu, pv = self.position(u), self.position(v)
        return pu is not None and pv is not None and self.component[pu] == self.component[pv]

    def path(self, u: str, v: str) -> list[TreeNode] | None:
        """Tree nodes from ``u``'s position to ``v``'s (``None`` when not connected)."""
        pu, pv = self.position(u), self.position(v)
        if pu is None or pv is None or self.component[pu] != self.component[pv]:
            return None
        left: list[TreeNode] = [pu]
        right: list[TreeNode] = [pv]
        a, b = pu, pv
        while self.depth[a] > self.depth[b]:
            a = self._up(a)
            left.append(a)
        while self.depth[b] > self.depth[a]:
            b = self._up(b)
            right.append(b)
        while a != b:
            a = self._up(a)
            b = self._up(b)
            left.append(a)
            right.append(b)
        right.pop()  # the meeting node is already the last of ``left``
        return left + right[::-1]

    def _up(self, x: TreeNode) -> TreeNode:
        up = self.parent[x]
        assert up is not None
        return up

    def separators(
        self, u: str, v: str
    ) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]] | None:
        """Cut vertices and bridges whose loss disconnects ``u`` from ``v``.

        ``None`` when they are not connected at all. Endpoints are never listed.
        """
        path = self.path(u, v)
        if path is None:
            return None
        return self._separators_on(path, {u, v})

    def _separators_on(
        self, path: Iterable[TreeNode], ends: set[str]
    ) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
        cuts: list[str] = []
        bridges: list[tuple[str, str]] = []
        for kind, ref in path:
            if kind == "C":
                if ref not in ends:
                    cuts.append(str(ref))
            else:
                block = self.blocks[int(str(ref))]
                if len(block) == 2:
                    a, b = sorted(block)
                    bridges.append((a, b))
        return tuple(cuts), tuple(bridges)


def _tree_key(x: TreeNode) -> tuple[str, str]:
    return (x[0], str(x[1]))


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
    kinds = set(subject_kinds)
    tree = tree if tree is not None else BlockCutTree(G)
    kpus = kpu_by_regency(G) if target_kind == KPU_KAB else _by_regency(G, target_kind)
    by_actor: dict[str, list[str]] = {}
    by_link: dict[tuple[str, str], list[str]] = {}
    deps: dict[str, Dependency] = {}
    unreachable: list[str] = []
    subjects = 0
    for node, data in G.nodes(data=True):
        if data.get("kind") not in kinds:
            continue
        subjects += 1
        targets = kpus.get(regency_of(data.get("area")) or "", [])
        dep = _dependency(tree, node, targets)
        if dep is None:
            unreachable.append(node)
            continue
        deps[node] = dep
        for x in dep.cut_vertices:
            by_actor.setdefault(x, []).append(node)
        for e in dep.bridges:
            by_link.setdefault(e, []).append(node)
    n_bridges = sum(1 for b in tree.blocks if len(b) == 2)
    return SinglePoints(
        by_actor={x: tuple(sorted(s)) for x, s in sorted(by_actor.items())},
        by_link={e: tuple(sorted(s)) for e, s in sorted(by_link.items())},
        dependencies=deps,
        unreachable=tuple(sorted(unreachable)),
        articulation_points=len(tree.cut_vertices),
        bridges=n_bridges,
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


def _dependency(tree: BlockCutTree, subject: str, targets: list[str]) -> Dependency | None:
    reachable = [k for k in targets if k != subject and tree.connected(subject, k)]
    if not reachable:
        return None
    cuts: set[str] | None = None
    bridges: set[tuple[str, str]] | None = None
    for k in reachable:
        sep = tree.separators(subject, k)
        assert sep is not None
        # A separator must cut the subject off from every KPU of its regency.
        cuts = set(sep[0]) if cuts is None else cuts & set(sep[0])
        bridges = set(sep[1]) if bridges is None else bridges & set(sep[1])
    return Dependency(
        subject=subject,
        kpu=tuple(reachable),
        cut_vertices=tuple(sorted(cuts or ())),
        bridges=tuple(sorted(bridges or ())),
    )


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
