"""Coordination paths and warm introductions.

A PPS with no contact to its camat rarely phones the camat cold: it asks the
PPK (who sits with the camat in forkopimcam) to introduce it. For a pair of
actors we list who already knows both sides (common partners) and, failing
that, two-step chains, ranked by how recent and how frequent the contacts
along the chain are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import networkx as nx

from sinergi_graph.gaps import Gap

__all__ = [
    "CoordinationPath",
    "Introduction",
    "Step",
    "coordination_path",
    "introductions_for_gap",
    "resolve_actor",
    "warm_introductions",
]


@dataclass(frozen=True, slots=True)
class Step:
    """One link of a path, summarised from the edge of the coordination graph."""

    source: str
    target: str
    count: int
    last_date: str | None
    types: tuple[str, ...]


def resolve_actor(G: nx.Graph, actor_id: str) -> str:
    """The graph node for an actor id: itself, or the institution a member is folded onto.

    Raises
    ------
    KeyError
        When the id is neither a node nor a member of one.
    """
    if actor_id in G:
        return actor_id
    root = G.graph.get("root", {}).get(actor_id)
    if root is not None and root in G:
        return str(root)
    raise KeyError(actor_id)


def _step(G: nx.Graph, u: str, v: str) -> Step:
    data = G._adj[u][v]
    return Step(
        u,
        v,
        int(data.get("count", 1)),
        data.get("last_date"),
        tuple(sorted(data.get("types", ()))),
    )


@dataclass(frozen=True, slots=True)
class CoordinationPath:
    """A shortest path between two actors (as given, possibly members) in the graph."""

    source: str
    target: str
    nodes: tuple[str, ...]
    steps: tuple[Step, ...]

    @property
    def length(self) -> int:
        return len(self.steps)


def coordination_path(G: nx.Graph, source: str, target: str) -> CoordinationPath | None:
    """The shortest coordination path between two actors, or ``None`` when unconnected.

    Member ids (people) are resolved to the institution they are folded onto.

    Raises
    ------
    KeyError
        When an id is not in the graph.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("pps", "ppk", count=2, last_date="2023-10-05", types={"RAPAT"})
    >>> G.add_edge("ppk", "camat", count=1, last_date=None, types={"KOORDINASI"})
    >>> p = coordination_path(G, "pps", "camat")
    >>> p.nodes, p.steps[0].last_date
    (('pps', 'ppk', 'camat'), '2023-10-05')
    """
    u, v = resolve_actor(G, source), resolve_actor(G, target)
    try:
        nodes = nx.bidirectional_shortest_path(G, u, v)
    except nx.NetworkXNoPath:
        return None
    steps = tuple(_step(G, a, b) for a, b in pairwise(nodes))
    return CoordinationPath(source, target, tuple(nodes), steps)


@dataclass(frozen=True, slots=True)
class Introduction:
    """A chain of people/institutions who can introduce ``source`` to ``target``.

    ``via`` are the intermediaries (one for a common partner, two for a
    two-step chain); ``people`` their members (the persons to call).
    ``weakest_date`` is the oldest last contact along the chain (``None`` if
    some link is undated) and ``weakest_count`` the fewest links on any step:
    a chain is as warm as its coldest link.
    """

    source: str
    target: str
    via: tuple[str, ...]
    people: tuple[str, ...]
    steps: tuple[Step, ...]
    weakest_date: str | None
    weakest_count: int

    def sort_key(self) -> tuple[Any, ...]:
        # Fewer hands first, then the most recent coldest link, then the most links.
        return (len(self.via), _neg_date(self.weakest_date), -self.weakest_count, self.via)

    def as_row(self, G: nx.Graph | None = None) -> dict[str, object]:
        names = [G.nodes[v].get("name", v) for v in self.via] if G is not None else list(self.via)
        return {
            "source": self.source,
            "target": self.target,
            "via": ";".join(self.via),
            "via_names": ";".join(str(n) for n in names),
            "people": ";".join(self.people),
            "weakest_date": self.weakest_date or "",
            "weakest_count": self.weakest_count,
        }


def _neg_date(day: str | None) -> tuple[int, str]:
    # Sorting ascending must put the most recent first and undated last.
    if day is None:
        return (1, "")
    return (0, "".join(chr(0x10FFFF - ord(c)) for c in day))


def _introduction(G: nx.Graph, source: str, target: str, chain: Sequence[str]) -> Introduction:
    nodes = [source, *chain, target]
    steps = tuple(_step(G, a, b) for a, b in pairwise(nodes))
    dates = [s.last_date for s in steps]
    weakest = None if any(d is None for d in dates) else min(d for d in dates if d is not None)
    people: list[str] = []
    for v in chain:
        people.extend(G.nodes[v].get("members", ()))
    return Introduction(
        source,
        target,
        tuple(chain),
        tuple(people),
        steps,
        weakest,
        min(s.count for s in steps),
    )


def warm_introductions(
    G: nx.Graph, source: str, target: str, *, limit: int = 10, two_step: bool = True
) -> list[Introduction]:
    """Who could introduce ``source`` to ``target``, warmest first.

    Common partners come first; two-step chains ``source – x – y – target``
    follow only when ``two_step`` is set. Nothing is returned when the two
    already have a direct link.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge("pps", "ppk", count=3, last_date="2023-10-05", types={"RAPAT"})
    >>> G.add_edge("ppk", "camat", count=1, last_date="2023-09-01", types={"RAPAT"})
    >>> G.add_edge("pps", "kades", count=5, last_date="2023-11-01", types={"RAPAT"})
    >>> G.add_edge("kades", "camat", count=2, last_date="2023-11-20", types={"SURAT"})
    >>> [i.via for i in warm_introductions(G, "pps", "camat")]
    [('kades',), ('ppk',)]
    """
    u, v = resolve_actor(G, source), resolve_actor(G, target)
    adj = G._adj
    if u == v or v in adj[u]:
        return []
    found: list[Introduction] = []
    target_nbrs = adj[v]
    for x in adj[u]:
        if x != v and x in target_nbrs:
            found.append(_introduction(G, u, v, [x]))
    if two_step:
        for x in adj[u]:
            if x == v or x in target_nbrs:
                continue
            for y in adj[x]:
                if y not in (u, v) and y in target_nbrs:
                    found.append(_introduction(G, u, v, [x, y]))
    found.sort(key=Introduction.sort_key)
    return found[:limit]


def introductions_for_gap(
    G: nx.Graph, gap: Gap, *, limit: int = 3, max_counterparts: int = 5
) -> dict[str, list[Introduction]]:
    """Warm introductions from a gap's subject to each counterpart it could contact.

    Examples
    --------
    >>> from sinergi_graph.gaps import Gap, Reason
    >>> G = nx.Graph([("pps", "ppk"), ("ppk", "camat")])
    >>> gap = Gap("x", "high", Reason.NO_CONTACT, "pps", "PPS", "33", ("camat",))
    >>> [i.via for i in introductions_for_gap(G, gap)["camat"]]
    [('ppk',)]
    """
    return {
        c: warm_introductions(G, gap.subject_id, c, limit=limit)
        for c in gap.counterpart_ids[:max_counterparts]
        if c in G
    }
