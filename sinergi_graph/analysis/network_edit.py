"""Editing a network in place of a shared one: the graph and record side of a simulation.

:class:`NetworkEdit` changes a copy-on-write view of a coordination graph
(:func:`~sinergi_graph.analysis.simulation_base.overlay`) and of its records
exactly as the store changes the network: a link sits on the edge between
its endpoints' institutions, removing an actor deletes its links and frees
its members, editing one moves it (and the members below it) to the
institution its new ``member_of`` chain gives. Rebuilding the graph from the
store afterwards gives the same graph. The gap side is in
:mod:`sinergi_graph.analysis.simulation`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from sinergi_graph.analysis.simulation_base import NetworkRecords, overlay, own_neighbours
from sinergi_graph.graph import empty_edge, member_chain, member_root, record_link
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.models import ActorRow, LinkRow, NetworkRows

__all__ = ["NetworkEdit", "Step"]


@dataclass(slots=True)
class Step:
    """What one change did beside the touched nodes: which counterparts came and went."""

    #: (kind, area) of institutions added or removed: subjects in their scope are re-evaluated.
    events: list[tuple[str, str | None]] = field(default_factory=list)
    #: (kind, node) of institutions removed: their own gaps close.
    removed: list[tuple[str, str]] = field(default_factory=list)
    #: (old kind, node) of institutions rewritten: the old kind's gaps close unless re-evaluated.
    retired: list[tuple[str, str]] = field(default_factory=list)
    pairs: int = 0


class NetworkEdit:
    """A copy-on-write view of a network's graph and records, changed as the store would.

    Parameters
    ----------
    graph : networkx.Graph
        The coordination graph; never modified.
    records : NetworkRecords
        The records the graph was built from; never modified.
    catalogue : KindCatalogue
        For the categories of actors that become institutions.
    as_of : date, optional
        Links dated later are not placed on the graph.
    """

    def __init__(
        self,
        graph: nx.Graph,
        records: NetworkRecords,
        catalogue: KindCatalogue,
        as_of: dt.date | None,
    ) -> None:
        self.original = graph
        self.catalogue = catalogue
        self._records = records
        # Copy on write: the original's neighbour dicts are copied when changed.
        self.G = overlay(graph)
        self._owned: set[str] = set()
        self._root: dict[str, str] = self.G.graph["root"]
        self._cutoff = as_of.isoformat() if as_of else None
        self.touched: set[str] = set()
        #: Every node added, removed, or whose attributes, members or edges changed.
        self.changed_nodes: set[str] = set()
        #: Every actor whose record was written or deleted.
        self.changed_actors: set[str] = set()
        # What changed beside the shared records (copy on write).
        self._actors: dict[str, ActorRow] | None = None
        self._extra_links: dict[str, LinkRow] = {}
        self._removed_links: set[str] = set()
        self._extra_by_actor: dict[str, set[str]] = {}
        # Members whose institution is not recorded (yet), by that institution's id.
        self._waiting: dict[str, set[str]] = {}

    def _indexed(self, node: str, kind: str, area: str | None, *, add: bool) -> None:
        """Called when an institution node comes or goes (the gap side indexes it)."""

    # ------------------------------------------------------------ record lookups

    @property
    def actors(self) -> dict[str, ActorRow]:
        """Actor records by id as simulated (read only; see :meth:`_own_actors`)."""
        return self._actors if self._actors is not None else self._records.actors

    def _own_actors(self) -> dict[str, ActorRow]:
        if self._actors is None:
            self._actors = self._records.actors.copy()
        return self._actors

    def _link(self, link_id: str) -> LinkRow | None:
        if link_id in self._removed_links:
            return None
        found = self._extra_links.get(link_id)
        if found is not None:
            return found
        return self._records.links.get(link_id)

    def _links_of(self, actor: str) -> set[str]:
        ids = {*self._records.by_actor.get(actor, ()), *self._extra_by_actor.get(actor, ())}
        found: set[str] = set()
        for link_id in ids:
            link = self._link(link_id)
            # A corrected link keeps its id but may have left this actor.
            if link is not None and actor in (link.source, link.target):
                found.add(link_id)
        return found

    def _exists(self, actor: str) -> bool:
        if self._actors is not None:
            return actor in self._actors
        return actor in self.G._node or actor in self._root

    def root(self, actor: str) -> str:
        return self._root.get(actor, actor)

    # ------------------------------------------------------------ edges

    def _edge_from(self, link_ids: Iterable[str]) -> dict[str, Any] | None:
        data = empty_edge()
        for link_id in link_ids:
            link = self._link(link_id)
            if link is None or (self._cutoff and link.date and link.date > self._cutoff):
                continue
            record_link(data, link)
        return data if data["count"] else None

    def _set_edge(self, u: str, v: str, link_ids: list[str]) -> None:
        data = self._edge_from(link_ids)
        nu = own_neighbours(self.G, u, self._owned)
        nv = own_neighbours(self.G, v, self._owned)
        if data is None:
            if v in nu:
                del nu[v]
                del nv[u]
        else:
            # A fresh dict each time: edge dicts are shared with the original graph.
            nu[v] = data
            nv[u] = data
        self.touched.update((u, v))
        self.changed_nodes.update((u, v))

    def _place(self, link: LinkRow, *, add: bool) -> tuple[str, str] | None:
        """Add or take ``link`` on the edge between its endpoints' institutions."""
        u, v = self.root(link.source), self.root(link.target)
        adj = self.G._adj
        if u == v or u not in adj or v not in adj:
            return None
        if add and self._cutoff and link.date and link.date > self._cutoff:
            return None
        edge = adj[u].get(v)
        ids = list(edge["links"]) if edge is not None else []
        if add:
            if link.id in ids:
                return None
            ids.append(link.id)
            if len(ids) > 1 and link.id != next(reversed(self._extra_links), None):
                # A link placed again keeps its place in the store's order (a
                # full reload records an edge's links in that order; the latest
                # of equal dates is the first recorded).
                ids.sort(key=self._link_order)
        else:
            if link.id not in ids:
                return None
            ids.remove(link.id)
        self._set_edge(u, v, ids)
        return (u, v)

    def _link_order(self, link_id: str) -> tuple[int, int]:
        """Where a link sits in the store's order: recorded ones first, then those written since."""
        if link_id in self._extra_links:
            return (1, list(self._extra_links).index(link_id))
        return (0, self._records.position.get(link_id, 0))

    def _drop_link(self, link: LinkRow) -> None:
        self._place(link, add=False)
        self._removed_links.add(link.id)
        self._extra_links.pop(link.id, None)

    def _keep_link(self, row: LinkRow) -> None:
        self._removed_links.discard(row.id)
        self._extra_links[row.id] = row
        for end in (row.source, row.target):
            self._extra_by_actor.setdefault(end, set()).add(row.id)

    # ------------------------------------------------------------ nodes

    def _node_attrs(self, actor: ActorRow, members: list[str]) -> dict[str, Any]:
        return {
            "kind": actor.kind,
            "name": actor.name,
            "area": actor.area,
            "category": self.catalogue.category(actor.kind),
            "members": members,
        }

    def _add_node(self, actor: ActorRow, members: list[str]) -> None:
        self.G._node[actor.id] = self._node_attrs(actor, members)
        if actor.id not in self.G._adj:
            self.G._adj[actor.id] = {}
            self._owned.add(actor.id)
        self._indexed(actor.id, actor.kind, actor.area, add=True)
        self.touched.add(actor.id)
        self.changed_nodes.add(actor.id)

    def _remove_node(self, node: str) -> tuple[str, str | None, list[str]]:
        data = self.G._node[node]
        kind, area = data.get("kind", ""), data.get("area")
        neighbours = list(self.G._adj[node])
        for u in neighbours:
            del own_neighbours(self.G, u, self._owned)[node]
        del self.G._adj[node]
        del self.G._node[node]
        self._owned.discard(node)
        self._indexed(node, kind, area, add=False)
        self.touched.update(neighbours)
        self.touched.discard(node)
        self.changed_nodes.update(neighbours)
        self.changed_nodes.add(node)
        return kind, area, neighbours

    def _members(self, node: str) -> list[str]:
        return list(self.G._node[node].get("members", ())) if node in self.G._node else []

    def _set_members(self, node: str, members: list[str]) -> None:
        if node in self.G._node:
            # Replace, never mutate: the attribute dict is shared with the original graph.
            self.G._node[node] = {**self.G._node[node], "members": members}
            self.changed_nodes.add(node)

    def _parent_of(self, actor: str) -> str | None:
        record = self.actors.get(actor)
        return record.member_of if record is not None else None

    def _put_link(self, row: LinkRow) -> None:
        # Written again even when unchanged: the store then moves it to the end of its order.
        old = self._link(row.id)
        if old is not None:
            self._drop_link(old)
        self._keep_link(row)
        self._place(row, add=True)

    def _group_of(self, x: str) -> list[str]:
        """The members whose institution is decided by ``x`` (``x``'s subtree)."""
        if x in self.G._node:
            return self._members(x)
        old_root = self.root(x)
        # Only members whose chain passes through ``x`` change their root.
        return [
            m for m in self._members(old_root) if m != x and x in member_chain(m, self._parent_of)
        ]

    def _rehome(self, x: str, row: ActorRow | None, step: Step) -> None:
        """Replace actor ``x``'s record by ``row`` (``None``: delete it as the store does).

        ``x`` and the members below it leave the graph with their links, their
        institutions are worked out again, and they come back with the links
        that remain.
        """
        self.changed_actors.add(x)
        actors = self._own_actors()
        existed = x in actors
        old_root = self.root(x)
        was_node = x in self.G._node
        if existed:
            group = self._group_of(x)
        else:
            # Members written before their institution (an undo writes in id order).
            group = sorted(m for m in self._waiting.pop(x, ()) if self.root(m) == x)
        affected = [x, *group]
        links: set[str] = set()
        for a in affected:
            links |= self._links_of(a)
        placed = [link for i in sorted(links) if (link := self._link(i)) is not None]
        for link in placed:
            self._place(link, add=False)
        if row is None:
            # The store deletes the actor's links and frees its direct members.
            for link in placed:
                if x in (link.source, link.target):
                    self._removed_links.add(link.id)
                    self._extra_links.pop(link.id, None)
            del actors[x]
            for m in group:
                record = actors.get(m)
                if record is not None and record.member_of == x:
                    actors[m] = record._replace(member_of=None)
                    self.changed_actors.add(m)
        else:
            # Written again, it moves to the end of the store's order.
            actors.pop(x, None)
            actors[x] = row
        if was_node:
            kind, area, _ = self._remove_node(x)
            step.events.append((kind, area))
            if row is None:
                step.removed.append((kind, x))
            else:
                # Its gaps as a subject close unless it comes back as an institution
                # of the same kind (then they are evaluated again).
                step.retired.append((kind, x))
        else:
            self._root.pop(x, None)
            if old_root in self.G._node:
                keep = [m for m in self._members(old_root) if m not in affected]
                self._set_members(old_root, keep)
        movers = [*group, x] if row is not None else group
        new_roots = {m: member_root(m, self._parent_of) for m in movers}
        joining: dict[str, list[str]] = {}
        for m, r in new_roots.items():
            if r == m:
                self._root.pop(m, None)
            else:
                self._root[m] = r
                if r not in new_roots:
                    joining.setdefault(r, []).append(m)
                    if r not in self.G._node:
                        self._waiting.setdefault(r, set()).add(m)
        for m, r in new_roots.items():
            if r == m:
                members = sorted(k for k, kr in new_roots.items() if kr == m and k != m)
                self._add_node(actors[m], members)
                step.events.append((actors[m].kind, actors[m].area))
        for r, ms in joining.items():
            self._set_members(r, [*self._members(r), *ms])
        for link in placed:
            if link.id not in self._removed_links:
                self._place(link, add=True)

    def committed_records(self) -> NetworkRecords:
        """The records as edited, indexed, standing on their own (the shared ones untouched).

        Rows list actors and links in the store's order after the same writes
        (a record written again moves to the end).
        """
        records = self._records
        built_actors, links, by_actor, position = records.built()
        base = records.rows
        actor_list = base.actors
        if self._actors is not None:
            built_actors = self._actors
            actor_list = list(self._actors.values())
        link_list = base.links
        after = records.next_position
        if self._extra_links or self._removed_links:
            # dict.copy clones the table even after deletions (dict() re-inserts: 10x slower).
            links = records.links.copy()
            ends: set[str] = set(self._extra_by_actor)
            for link_id in self._removed_links:
                old = links.pop(link_id, None)
                if old is not None:
                    ends.update((old.source, old.target))
            for link_id, row in self._extra_links.items():
                old = links.pop(link_id, None)
                if old is not None:
                    ends.update((old.source, old.target))
                # Written since: at the end of the store's order, as a reload reads it.
                links[link_id] = row
            link_list = list(links.values())
            if by_actor is not None:
                # Only the endpoints of changed links change their entry.
                updated = dict(by_actor) if not isinstance(by_actor, dict) else by_actor.copy()
                for end in ends:
                    updated[end] = sorted(self._links_of(end))
                by_actor = updated
            if position is not None:
                position = position.copy()
                for link_id in self._removed_links:
                    position.pop(link_id, None)
                for i, link_id in enumerate(self._extra_links, start=after):
                    position[link_id] = i
            after += len(self._extra_links)
        return NetworkRecords(
            NetworkRows(actor_list, link_list, base.activities),
            actors=built_actors,
            links=links,
            by_actor=by_actor,
            position=position,
            next_position=after,
        )
