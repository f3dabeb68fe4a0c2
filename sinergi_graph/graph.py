"""The coordination graph: institutions as nodes, people folded onto them.

A link to or from a member of an institution counts as a link of the
institution, so the analysis graph has one node per institution (and per
person who belongs to none). Parallel links between the same pair are
summarised on one edge: how many, of which types, and the latest date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sinergi_graph.activities import activity_contacts
from sinergi_graph.areas import is_within
from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.gaps import Gap, Reason, find_gaps
from sinergi_graph.kinds import KindCatalogue, default_catalogue
from sinergi_graph.models import LinkRow, NetworkRows
from sinergi_graph.rules import Rule
from sinergi_graph.store.protocol import GraphStore

if TYPE_CHECKING:
    # Imported where a graph is built: a run that reads its gaps from the cache
    # (gaps_from_store) never needs networkx (~0.15 s of start-up).
    from pathlib import Path

    import networkx as nx

__all__ = [
    "build_graph",
    "cached_gap_list",
    "counterpart_names",
    "empty_edge",
    "gaps_from_store",
    "graph_from_store",
    "keep_gap_list",
    "member_chain",
    "member_root",
    "member_roots",
    "node_name",
    "record_link",
]


def node_name(G: nx.Graph | None, node: str) -> str:
    """The display name of ``node``: its ``name``, or its id when it has none or is not in ``G``.

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("pps", name="PPS Bulu")
    >>> node_name(G, "pps"), node_name(G, "gone"), node_name(None, "pps")
    ('PPS Bulu', 'gone', 'pps')
    """
    return str(G.nodes[node].get("name", node)) if G is not None and node in G else node


def empty_edge() -> dict[str, Any]:
    """The attributes of an edge before any link is recorded on it."""
    return {
        "count": 0,
        "last_date": None,
        "undated": False,
        "types": set(),
        "links": [],
        "dates": [],
        # The link or activity id of the latest dated contact (a gap's ``via``).
        "last_via": None,
    }


def record_link(data: dict[str, Any], link: LinkRow) -> None:
    """Add one link to an edge's summary (count, types, link ids, latest date)."""
    data["count"] += 1
    data["types"].add(link.type)
    data["links"].append(link.id)
    if link.date is None:
        data["undated"] = True
        return
    # Every date, for rules whose deadline asks for a contact in a past window.
    data["dates"].append(link.date)
    if data["last_date"] is None or link.date > data["last_date"]:
        data["last_date"] = link.date
        data["last_via"] = link.id
    elif link.date == data["last_date"] and link.id < data["last_via"]:
        # The same day twice: the smallest id, so every store names the same contact.
        data["last_via"] = link.id


# Shared by every node without members; never mutated (members are replaced, not appended).
_NO_MEMBERS: list[str] = []


def member_chain(actor: str, parent_of: Callable[[str], str | None]) -> Iterator[str]:
    """The institutions above ``actor`` by its ``member_of`` chain, nearest first.

    The one walk of ``member_of`` chains (the graph builder and the simulation
    both use it). A cycle stops the walk before it repeats an actor; a dangling
    reference is yielded and ends the walk (``parent_of`` knows nothing above it).

    Examples
    --------
    >>> parent = {"ani": "pps", "pps": "ppk", "x": "y", "y": "x"}.get
    >>> list(member_chain("ani", parent)), list(member_chain("x", parent))
    (['pps', 'ppk'], ['y'])
    """
    seen = {actor}
    node = actor
    while (up := parent_of(node)) is not None and up not in seen:
        yield up
        seen.add(up)
        node = up


def member_root(
    actor: str,
    parent_of: Callable[[str], str | None],
    known: Mapping[str, str] | None = None,
) -> str:
    """The top institution of ``actor`` (``actor`` itself when it belongs to nobody).

    ``known`` maps members already resolved to their roots: the walk stops at
    the first of them (that is what keeps :func:`member_roots` linear).

    >>> member_root("ani", {"ani": "pps", "pps": "ppk"}.get)
    'ppk'
    """
    node = actor
    for up in member_chain(actor, parent_of):
        if known is not None and up in known:
            return known[up]
        node = up
    return node


def member_roots(rows: NetworkRows) -> dict[str, str]:
    """Map every member (direct or nested) to its top institution.

    Actors that belong to nobody are absent from the map. Cycles and
    dangling ``member_of`` references stop the walk where they are found.
    """
    parent = {a.id: a.member_of for a in rows.actors if a.member_of}
    roots: dict[str, str] = {}
    for start in parent:
        roots[start] = member_root(start, parent.get, roots)
    return roots


def build_graph(
    rows: NetworkRows,
    *,
    catalogue: KindCatalogue | None = None,
    as_of: date | None = None,
) -> nx.Graph:
    """Build the institution-level coordination graph from store rows.

    Parameters
    ----------
    rows : NetworkRows
        Actors and links as loaded by ``GraphStore.network_rows()``.
    catalogue : KindCatalogue, optional
        Kind catalogue for categories (the built-in one by default).
    as_of : date, optional
        Ignore links dated after this day (the network as it stood then).

    Returns
    -------
    networkx.Graph
        Nodes carry ``kind``, ``name``, ``area``, ``category`` and ``members``
        (a list of member ids). Edges carry ``count`` (number of links),
        ``last_date`` (latest ISO date or ``None``), ``undated`` (whether any
        link has no date), ``types`` (a set of link types) and ``links`` (link
        ids). ``G.graph["root"]`` maps each member id to its institution.

    Examples
    --------
    >>> from sinergi_graph.models import ActorRow, LinkRow, NetworkRows
    >>> rows = NetworkRows(
    ...     [ActorRow("pps", "PPS", "PPS Tepus", "34.03.07.2004", None),
    ...      ActorRow("ani", "PERSON", "Ani", None, "pps"),
    ...      ActorRow("lurah", "LURAH", "Lurah Tepus", "34.03.07.2004", None)],
    ...     [LinkRow("l1", "ani", "lurah", "RAPAT", "2023-10-05", "DPTb")])
    >>> G = build_graph(rows)
    >>> sorted(G.nodes)
    ['lurah', 'pps']
    >>> G.edges["pps", "lurah"]["last_date"]
    '2023-10-05'
    """
    with cycle_collector_paused():
        return _build_graph(rows, catalogue or default_catalogue(), as_of)


def _build_graph(rows: NetworkRows, cat: KindCatalogue, as_of: date | None) -> nx.Graph:
    import networkx as nx

    roots = member_roots(rows)
    G = nx.Graph(root=roots)
    category: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for member, root in roots.items():
        members.setdefault(root, []).append(member)
    # Filling networkx's node and adjacency dicts directly is ~3x faster than
    # add_nodes_from at national scale (300k nodes); the result is the same graph.
    node_dict = G._node
    adj = G._adj
    for a in rows.actors:
        if a.id in roots:
            continue
        cat_name = category.get(a.kind)
        if cat_name is None:
            cat_name = category[a.kind] = cat.category(a.kind)
        node_dict[a.id] = {
            "kind": a.kind,
            "name": a.name,
            "area": a.area,
            "category": cat_name,
            "members": members.get(a.id, _NO_MEMBERS),
        }
        adj[a.id] = {}
    cutoff = as_of.isoformat() if as_of else None
    for link in rows.links:
        if cutoff is not None and link.date is not None and link.date > cutoff:
            continue
        u = roots.get(link.source, link.source)
        v = roots.get(link.target, link.target)
        if u == v or u not in adj or v not in adj:
            continue
        data = adj[u].get(v)
        if data is None:
            data = adj[u][v] = adj[v][u] = empty_edge()
        record_link(data, link)
    # Every pair of institutions present at a kegiatan is a contact on its date.
    for link in activity_contacts(rows.activities, roots, adj, cutoff):
        data = adj[link.source].get(link.target)
        if data is None:
            data = adj[link.source][link.target] = adj[link.target][link.source] = empty_edge()
        record_link(data, link)
    return G


def graph_from_store(
    store: GraphStore, *, catalogue: KindCatalogue | None = None, as_of: date | None = None
) -> nx.Graph:
    """Load the network from ``store`` and build its coordination graph.

    The whole graph (no ``as_of``) of an embedded store comes from
    :mod:`sinergi_graph.graph_cache` when an earlier command built it at the
    same revision; the result is always the caller's own copy.
    """
    from sinergi_graph.store.embedded import EmbeddedStore

    def build() -> nx.Graph:
        return build_graph(store.network_rows(), catalogue=catalogue, as_of=as_of)

    if as_of is None and isinstance(store, EmbeddedStore):
        from sinergi_graph.graph_cache import cached_graph

        return cached_graph(store.path, store.revision(), catalogue, build)
    return build()


def gaps_from_store(
    store: GraphStore,
    rules: Sequence[Rule],
    *,
    catalogue: KindCatalogue | None = None,
    area: str | None = None,
    as_of: date | None = None,
) -> tuple[list[Gap], dict[str, str]]:
    """The gaps of ``store``'s network under ``rules`` and the names of their counterparts.

    The same list as ``find_gaps(graph_from_store(store, catalogue=…, as_of=as_of),
    rules, area=area, as_of=as_of)``; the names map every counterpart id of
    those gaps to its display name (:func:`node_name`), which is all a gap file
    or table needs of the graph. The whole-country list of an embedded store
    is kept in :mod:`sinergi_graph.graph_cache` per store revision, rules,
    ``as_of`` and evaluation day, so a later command on the same store reads
    it instead of the graph; a narrower ``area`` is then cut from it (a gap's
    area is its subject's, which is what ``area`` selects on).
    """
    from sinergi_graph.store.embedded import EmbeddedStore

    # One day for the key and the evaluation, so a run across midnight cannot mix them.
    day = as_of or date.today()
    whole = not area or area == "ID"
    key: str | None = None
    db = store.path if isinstance(store, EmbeddedStore) else None
    if db is not None:
        from sinergi_graph.graph_cache import gaps_key, load_entry

        key = gaps_key(db, store.revision(), catalogue, rules, as_of, day)
        kept = load_entry("gaps", db, key) if key is not None else None
        if kept is not None:
            rows, names = kept
            gaps = [_gap_of(row) for row in rows if whole or is_within(row[5], str(area))]
            return gaps, names
    G = graph_from_store(store, catalogue=catalogue, as_of=as_of)
    gaps = find_gaps(G, rules, area=area, as_of=day)
    if db is not None and key is not None and whole:
        return gaps, keep_gap_list(db, key, gaps, G)
    return gaps, counterpart_names(gaps, G)


def counterpart_names(gaps: Sequence[Gap], G: nx.Graph | None) -> dict[str, str]:
    """The display name of every counterpart of ``gaps`` (only those: a national graph is large).

    A counterpart not in ``G`` (or no ``G``) keeps its id, as :func:`node_name` does.
    """
    return {c: node_name(G, c) for g in gaps for c in g.counterpart_ids}


def cached_gap_list(db: Path, key: str) -> list[Gap] | None:
    """The whole-country gap list kept under ``key`` (see ``graph_cache.gaps_key``)."""
    from sinergi_graph.graph_cache import load_entry

    kept = load_entry("gaps", db, key)
    return None if kept is None else [_gap_of(row) for row in kept[0]]


def keep_gap_list(db: Path, key: str, gaps: Sequence[Gap], G: nx.Graph) -> dict[str, str]:
    """Keep the whole-country ``gaps`` of ``G`` under ``key``, as :func:`gaps_from_store` does.

    Returns their counterparts' names (kept beside them).
    """
    from sinergi_graph.graph_cache import store_entry

    names = counterpart_names(gaps, G)
    store_entry("gaps", db, key, ([_row_of(g) for g in gaps], names))
    return names


def _row_of(gap: Gap) -> tuple[object, ...]:
    # Plain tuples pickle smaller and load faster than the frozen dataclass, whose
    # unpickling sets every slot through a Python-level call.
    return (
        gap.rule,
        gap.severity,
        gap.reason.value,
        gap.subject_id,
        gap.subject_name,
        gap.area,
        gap.counterpart_ids,
        gap.last_contact,
        gap.missed,
        gap.via,
    )


def _gap_of(row: tuple[Any, ...]) -> Gap:
    rule, severity, reason, subject, name, area, counterparts, last, missed, via = row
    return Gap(rule, severity, Reason(reason), subject, name, area, counterparts, last, missed, via)
