"""Everything the detail panel shows about one actor, read from the store and the graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sinergi_graph.models import Actor, CoordinationLink, is_sensitive
from tui.gate import StoreGate
from tui.model.gaps import GapIndex
from tui.model.network import Network

if TYPE_CHECKING:
    from sinergi_graph.analysis.brokerage import BrokerageRoles
    from sinergi_graph.gaps import Gap
    from sinergi_graph.store.protocol import GraphStore

__all__ = [
    "ActorDetail",
    "Partner",
    "TimelineEntry",
    "actor_attributes",
    "load_detail",
]


@dataclass(frozen=True, slots=True)
class Partner:
    id: str
    name: str
    kind: str
    links: int
    last_date: str | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    day: str  # ISO date or "" when undated
    type: str
    topic: str
    other_id: str
    other_name: str
    via: str  # the member who took part, "" when the actor itself
    link_id: str = ""


@dataclass
class ActorDetail:
    actor: Actor
    node: str  # the graph node the actor is folded on (itself or its institution)
    institution: Actor | None
    members: list[Actor]
    partners: dict[str, list[Partner]]  # kind -> partners
    timeline: list[TimelineEntry]
    gaps: list[Gap]
    brokerage: BrokerageRoles | None
    attributes: list[tuple[str, str, bool]] = field(default_factory=list)  # (field, value, private)

    @property
    def main_role(self) -> str | None:
        """The Gould–Fernandez role this actor plays most, ``None`` if it brokers nothing."""
        from sinergi_graph.analysis.brokerage import ROLES

        if self.brokerage is None or self.brokerage.total == 0:
            return None
        counts = self.brokerage.as_dict()
        return max(ROLES, key=lambda r: (counts[r], -ROLES.index(r)))


def actor_attributes(actor: Actor) -> list[tuple[str, str, bool]]:
    """``(field, value, is_private)`` for every filled attribute, contacts marked private."""
    out: list[tuple[str, str, bool]] = [("id", actor.id, False)]
    for name in ("kind", "name", "area", "member_of", "phone", "email", "note"):
        value = getattr(actor, name)
        if value:
            out.append((name, str(value), is_sensitive(name, value)))
    for key in sorted(actor.properties):
        out.append((key, actor.properties[key], is_sensitive(key, actor.properties[key])))
    return out


def load_detail(
    gate: StoreGate,
    network: Network,
    gaps: GapIndex | None,
    actor_id: str,
) -> ActorDetail | None:
    """Everything the detail panel shows for ``actor_id`` (``None`` if it is gone)."""
    from sinergi_graph.analysis.brokerage import brokerage_roles

    node = network.node_of(actor_id) or actor_id

    def fetch(
        store: GraphStore,
    ) -> tuple[Actor, Actor | None, list[Actor], list[tuple[CoordinationLink, str]]] | None:
        actor = store.get_actor(actor_id)
        if actor is None:
            return None
        institution = store.get_actor(actor.member_of) if actor.member_of else None
        member_ids = (
            network.graph.nodes[actor_id].get("members", []) if actor_id in network.graph else []
        )
        members = store.actors(member_ids) if member_ids else []
        links: list[tuple[CoordinationLink, str]] = [(lk, "") for lk in store.links_of(actor_id)]
        for m in members:
            links.extend((lk, m.id) for lk in store.links_of(m.id))
        return actor, institution, members, links

    fetched = gate.call(fetch)
    if fetched is None:
        return None
    actor, institution, members, links = fetched
    member_ids = {m.id for m in members}
    timeline: list[TimelineEntry] = []
    seen: set[str] = set()
    for link, via in links:
        if link.id in seen:
            continue
        seen.add(link.id)
        ends = (link.source, link.target)
        mine = {actor_id, *member_ids}
        other = next((e for e in ends if e not in mine), None)
        if other is None:  # a link inside the institution (member to member)
            other = link.target
        timeline.append(
            TimelineEntry(
                link.date.isoformat() if link.date else "",
                link.type,
                link.topic or "",
                other,
                network.name(other),
                via,
                link.id,
            )
        )
    from tui.model.records import kegiatan_entries  # here: records imports TimelineEntry

    timeline.extend(kegiatan_entries(network, actor_id, member_ids))
    timeline.sort(key=lambda e: (e.day or "9999", e.other_name), reverse=True)
    partners: dict[str, list[Partner]] = {}
    G = network.graph
    if node in G:
        for other, data in G._adj[node].items():
            kind = G.nodes[other].get("kind", "")
            partners.setdefault(kind, []).append(
                Partner(
                    other,
                    G.nodes[other].get("name", other),
                    kind,
                    int(data.get("count", 1)),
                    data.get("last_date"),
                )
            )
    for plist in partners.values():
        plist.sort(key=lambda p: (p.name, p.id))
    roles = brokerage_roles(G, nodes=[node]).get(node) if node in G else None
    return ActorDetail(
        actor=actor,
        node=node,
        institution=institution,
        members=sorted(members, key=lambda m: m.id),
        partners=dict(sorted(partners.items())),
        timeline=timeline,
        gaps=list(gaps.of(node)) if gaps is not None else [],
        brokerage=roles,
        attributes=actor_attributes(actor),
    )
