"""Brokerage: structural holes (Burt) and Gould–Fernandez brokerage roles.

Burt's constraint and effective size come from networkx. Gould & Fernandez
(1989) roles are not in networkx and are written here. A node *v* brokers the
two-path ``i → v → j`` when ``i ≠ j`` and there is no tie ``i → j``; the role
depends on the groups of the three (here: the actor categories,
penyelenggara, pengawas, pemerintah, keamanan, …):

=============== ============================== ======================================
role            groups                         reading in the election network
=============== ============================== ======================================
coordinator     i, v, j all in one group       a PPK linking two PPS
itinerant       i and j share a group, v not   a camat linking two PPS
gatekeeper      v and j share a group, i not   a PPK passing the kapolsek on to a PPS
representative  i and v share a group, j not   a PPS carried by its PPK to the camat
liaison         all three groups differ        a camat linking the kapolsek and a PPS
=============== ============================== ======================================

Coordination links are undirected (a meeting involves both sides), so an
undirected tie is read as a tie in both directions, as ``sna::brokerage`` and
UCINET do with symmetric data: each open pair ``{i, j}`` around *v* is counted
once per direction, and gatekeeper and representative counts are then equal.
A :class:`networkx.DiGraph` is used as given.

References
----------
Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal
approach to brokerage in transaction networks. *Sociological Methodology* 19, 89–126.
Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import asdict, dataclass

import networkx as nx

from sinergi_graph.analysis._common import finite_or_none

ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")


@dataclass(frozen=True, slots=True)
class BrokerageRoles:
    """How many open two-paths a node brokers, by Gould–Fernandez role."""

    coordinator: int = 0
    itinerant: int = 0
    gatekeeper: int = 0
    representative: int = 0
    liaison: int = 0

    @property
    def total(self) -> int:
        return (
            self.coordinator + self.itinerant + self.gatekeeper + self.representative + self.liaison
        )

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "total": self.total}


def _role(gi: Hashable, gv: Hashable, gj: Hashable) -> int:
    if gi == gv:
        return 0 if gv == gj else 3  # coordinator / representative
    if gi == gj:
        return 1  # itinerant
    return 2 if gv == gj else 4  # gatekeeper / liaison


def brokerage_roles(
    G: nx.Graph,
    groups: str | Mapping[str, Hashable] = "category",
    *,
    nodes: Iterable[str] | None = None,
) -> dict[str, BrokerageRoles]:
    """Gould–Fernandez brokerage role counts of each node.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Undirected ties count in both directions (see the module docstring).
    groups : str or mapping
        A node attribute name (default ``"category"``) or a ``{node: group}``
        mapping. Nodes without a group form a group of their own (``None``).
    nodes : iterable of str, optional
        Only these brokers (the count is O(degree²) per node).

    Returns
    -------
    dict
        ``{node: BrokerageRoles}``.

    Examples
    --------
    A PPK between two of its PPS (coordinator) and the camat (other group):

    >>> G = nx.Graph([("pps1", "ppk"), ("pps2", "ppk"), ("ppk", "camat")])
    >>> cat = {"pps1": "penyelenggara", "pps2": "penyelenggara",
    ...        "ppk": "penyelenggara", "camat": "pemerintah"}
    >>> r = brokerage_roles(G, cat)["ppk"]
    >>> (r.coordinator, r.itinerant, r.gatekeeper, r.representative, r.liaison, r.total)
    (2, 0, 2, 2, 0, 6)
    """
    group_of: Callable[[str], Hashable]
    if isinstance(groups, str):
        attr = groups
        node_data = G.nodes
        group_of = lambda u: node_data[u].get(attr)  # noqa: E731
    else:
        mapping = groups
        group_of = lambda u: mapping.get(u)  # noqa: E731
    succ = G._adj
    pred = G._pred if G.is_directed() else G._adj
    chosen = list(G) if nodes is None else [u for u in nodes if u in G]
    result: dict[str, BrokerageRoles] = {}
    for v in chosen:
        counts = [0, 0, 0, 0, 0]
        gv = group_of(v)
        outs = [j for j in succ[v] if j != v]
        out_groups = [group_of(j) for j in outs]
        for i in pred[v]:
            if i == v:
                continue
            gi = group_of(i)
            ties_of_i = succ[i]
            for j, gj in zip(outs, out_groups, strict=True):
                if j != i and j not in ties_of_i:
                    counts[_role(gi, gv, gj)] += 1
        result[v] = BrokerageRoles(*counts)
    return result


def structural_holes(
    G: nx.Graph, *, nodes: Iterable[str] | None = None, weight: str | None = "count"
) -> dict[str, dict[str, float | None]]:
    """Burt's constraint (weighted by number of links) and effective size.

    Both follow networkx's definitions; effective size is computed by networkx
    on each ego network, constraint by :func:`_constraint_undirected` (the same
    formula, faster) on undirected graphs and by networkx on directed ones.
    Effective size is unweighted (Borgatti's form: partners minus redundancy),
    which reads as "how many partners do not already know each other".
    Isolates have no defined constraint: ``None``.

    Examples
    --------
    >>> G = nx.Graph([("hub", "a"), ("hub", "b"), ("a", "b"), ("hub", "c")])
    >>> holes = structural_holes(G, nodes=["hub"], weight=None)
    >>> round(holes["hub"]["constraint"], 3), round(holes["hub"]["effective_size"], 3)
    (0.611, 2.333)
    """
    chosen = list(G) if nodes is None else [u for u in nodes if u in G]
    if not chosen:
        return {}
    adj = G._adj
    if G.is_directed():
        constraint: dict[str, float] = dict(nx.constraint(G, chosen, weight=weight))
    else:
        constraint = {u: _constraint_undirected(G, u, weight) for u in chosen}
    # networkx's effective_size copies the whole graph, attributes included
    # (to_undirected), for every node; the measure only reads the ego network,
    # so it gets a bare copy of just that.
    size = {u: nx.effective_size(_ego(G, u), [u])[u] if adj[u] else math.nan for u in chosen}
    return {
        u: {
            "constraint": finite_or_none(float(constraint[u])),
            "effective_size": finite_or_none(float(size[u])),
        }
        for u in chosen
    }


def _ego(G: nx.Graph, u: str) -> nx.Graph:
    """``u``, its partners and the ties among them, without any attributes."""
    adj = G._adj
    members = {u, *adj[u], *(G._pred[u] if G.is_directed() else ())}
    E = G.__class__()
    E.add_nodes_from(members)
    E.add_edges_from((a, b) for a in members for b in adj[a] if b in members)
    return E


def _constraint_undirected(G: nx.Graph, u: str, weight: str | None) -> float:
    """Burt's constraint of ``u`` exactly as :func:`networkx.constraint` defines it.

    ``c(u) = sum_v (p_uv + sum_q p_uq p_qv)^2`` with ``p_xy`` the share of x's
    tie weight going to y. networkx re-normalises every ``p`` from scratch, which
    costs O(d²·(d + partner degree)) per actor — two minutes for the 100 busiest
    actors of the national network, where partners such as KPU RI have 500 ties.
    Here each partner's ties are walked once: O(sum of partner degrees). The
    tests check the values against networkx.
    """
    adj = G._adj

    def w(data: dict[str, object]) -> float:
        return float(data.get(weight, 1)) if weight else 1.0  # type: ignore[arg-type]

    nbrs = adj[u]
    if not nbrs:
        return math.nan
    total_u = sum(w(d) for d in nbrs.values())
    p_u = {v: w(d) / total_u for v, d in nbrs.items()}
    indirect = dict.fromkeys(nbrs, 0.0)
    for q, p_uq in p_u.items():
        ties = adj[q]
        total_q = sum(w(d) for d in ties.values())
        for v, d in ties.items():
            if v in indirect and v != q:
                indirect[v] += p_uq * w(d) / total_q
    return sum((p_u[v] + indirect[v]) ** 2 for v in nbrs)
