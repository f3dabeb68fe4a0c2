"""What a simulation starts from, shared and never changed: records and a graph overlay.

A national network has ~600k actors and ~570k links. Copying its graph or
re-indexing its records for every simulation cost seconds; instead a
simulation reads the caller's graph and records and keeps only what it
changes (copy on write):

* :func:`overlay` gives a graph whose outer node and adjacency dicts are its
  own but whose per-node neighbour dicts are the original's until
  :func:`own_neighbours` copies one before it is changed;
* :class:`NetworkRecords` indexes actor and link records by id and by
  endpoint once per network (kept beside the graph it was built for).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from operator import itemgetter

import networkx as nx

from sinergi_graph.gaps import CounterpartIndex
from sinergi_graph.models import ActorRow, LinkRow, NetworkRows
from sinergi_graph.rules import Rule

__all__ = [
    "NetworkRecords",
    "overlay",
    "own_neighbours",
    "records_for",
    "remember_records",
    "remember_subject_index",
    "subject_index_for",
]

_CACHE_KEY = "sinergi_records"
_ID = itemgetter(0)
_ENDS = itemgetter(0, 1, 2)


def overlay(G: nx.Graph) -> nx.Graph:
    """A graph equal to ``G`` that shares ``G``'s neighbour and attribute dicts.

    Its writer must call :func:`own_neighbours` before changing a node's
    neighbour dict and replace (never mutate) attribute dicts; ``G`` then stays
    untouched. Two C-speed dict copies instead of one dict per node.

    Examples
    --------
    >>> G = nx.Graph([("a", "b")], root={})
    >>> H, owned = overlay(G), set()
    >>> own_neighbours(H, "b", owned)["c"] = {}
    >>> sorted(G.adj["b"]), sorted(H.adj["b"])
    (['a'], ['a', 'c'])
    """
    H = G.__class__()
    H.graph.update(G.graph)
    # dict.copy clones the hash table even when keys were deleted (a refreshed
    # graph's are); dict() or update() would re-insert every key, ~10x slower.
    H.graph["root"] = G.graph.get("root", {}).copy()
    H._node = G._node.copy()
    H._adj = G._adj.copy()
    return H


def own_neighbours(H: nx.Graph, node: str, owned: set[str]) -> dict[str, dict[str, object]]:
    """``node``'s neighbour dict in the overlay ``H``, copied first if still shared."""
    nbrs: dict[str, dict[str, object]] = H._adj[node]
    if node not in owned:
        nbrs = H._adj[node] = dict(nbrs)
        owned.add(node)
    return nbrs


class NetworkRecords:
    """Actor and link records of one network by id and by endpoint (built on first need).

    Never changed once built: a simulation keeps its changes beside them.
    """

    def __init__(
        self,
        rows: NetworkRows,
        *,
        actors: dict[str, ActorRow] | None = None,
        links: dict[str, LinkRow] | None = None,
        by_actor: Mapping[str, Sequence[str]] | None = None,
        position: dict[str, int] | None = None,
        next_position: int | None = None,
    ) -> None:
        self.rows = rows
        self._actors = actors
        self._links = links
        self._by_actor = by_actor
        self._position = position
        #: Above every position: where links written next go.
        self.next_position = len(rows.links) if next_position is None else next_position

    def built(
        self,
    ) -> tuple[
        dict[str, ActorRow] | None,
        dict[str, LinkRow] | None,
        Mapping[str, Sequence[str]] | None,
        dict[str, int] | None,
    ]:
        """The indexes built so far (``None`` for those not needed yet)."""
        return self._actors, self._links, self._by_actor, self._position

    def prepare(self) -> None:
        """Build every index now (a session that will edit pays it once, up front)."""
        self.actors  # noqa: B018 - the properties build the indexes
        self.links  # noqa: B018
        self.by_actor  # noqa: B018
        self.position  # noqa: B018

    @property
    def actors(self) -> dict[str, ActorRow]:
        if self._actors is None:
            actors = self.rows.actors
            # zip/map run in C: ~3x a comprehension over 600k records.
            self._actors = dict(zip(map(_ID, actors), actors, strict=True))
        return self._actors

    @property
    def links(self) -> dict[str, LinkRow]:
        if self._links is None:
            links = self.rows.links
            self._links = dict(zip(map(_ID, links), links, strict=True))
        return self._links

    @property
    def position(self) -> dict[str, int]:
        """Each link's place in the store's order (that of ``rows.links``; gaps allowed)."""
        if self._position is None:
            self._position = dict(zip(map(_ID, self.rows.links), itertools.count()))
            self.next_position = len(self.rows.links)
        return self._position

    @property
    def by_actor(self) -> Mapping[str, Sequence[str]]:
        """Link ids by endpoint (both ends); may list ids whose record moved on (check it)."""
        if self._by_actor is None:
            index: defaultdict[str, list[str]] = defaultdict(list)
            for link_id, source, target in map(_ENDS, self.rows.links):
                index[source].append(link_id)
                index[target].append(link_id)
            # Read with .get only (a missing actor must not be added).
            self._by_actor = index
        return self._by_actor


def records_for(rows: NetworkRows, G: nx.Graph) -> NetworkRecords:
    """The records of ``rows``, kept beside the graph built from them for the next simulation.

    Kept in networkx's per-graph cache, which any networkx mutation clears.
    """
    cache = G.__networkx_cache__
    found = cache.get(_CACHE_KEY)
    if isinstance(found, NetworkRecords) and found.rows is rows:
        return found
    records = NetworkRecords(rows)
    cache[_CACHE_KEY] = records
    return records


def remember_records(G: nx.Graph, records: NetworkRecords) -> None:
    """Keep ``records`` as those of ``G`` (a graph refreshed from them)."""
    G.__networkx_cache__[_CACHE_KEY] = records


_SUBJECTS_KEY = "sinergi_subjects"


def subject_index_for(
    G: nx.Graph, rules: Sequence[Rule], *, build: bool = True
) -> CounterpartIndex | None:
    """``G``'s index of the rules' subject kinds, built once per graph (``None``: not built).

    Never changed once kept: a simulation forks it.
    """
    cache = G.__networkx_cache__.setdefault(_SUBJECTS_KEY, {})
    key = tuple(rules)
    found: CounterpartIndex | None = cache.get(key)
    if found is None and build:
        found = cache[key] = CounterpartIndex(G, rules, subjects=True, counterparts=False)
    return found


def remember_subject_index(G: nx.Graph, rules: Sequence[Rule], index: CounterpartIndex) -> None:
    """Keep ``index`` as ``G``'s subject index for ``rules`` (it must not change afterwards)."""
    G.__networkx_cache__.setdefault(_SUBJECTS_KEY, {})[tuple(rules)] = index
