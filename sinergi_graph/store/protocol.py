"""The storage interface every backend implements (embedded file, Neo4j).

Writes are atomic: a call either stores everything it was given or nothing.
Reads for analysis go through :meth:`GraphStore.network_rows`, which returns
plain tuples so a national network (~600k actors) loads in about a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, runtime_checkable

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.models import Actor, ChangeSet, CoordinationLink, NetworkRows, NetworkStats

__all__ = ["GraphStore"]


@runtime_checkable
class GraphStore(Protocol):
    """A place that holds one coordination network."""

    #: Human-readable location, e.g. the file path or ``bolt://host:7687/neo4j``.
    location: str

    def upsert(
        self,
        actors: Sequence[Actor],
        links: Sequence[CoordinationLink],
        *,
        activities: Sequence[Activity] = (),
        agreements: Sequence[Agreement] = (),
    ) -> None:
        """Insert or replace actors, links, activities and agreements by id, in one transaction.

        An activity replaces its stored attendees, an agreement its parties; both
        must name actors that exist in the store or in this call.
        """
        ...

    def delete_records(
        self, *, activity_ids: Iterable[str] = (), agreement_ids: Iterable[str] = ()
    ) -> None:
        """Remove activities and agreements by id, in one transaction (actors stay).

        Activities that followed up a removed agreement keep existing without it.
        """
        ...

    def activities(self, ids: Iterable[str] | None = None) -> list[Activity]:
        """Full activity records with their attendees (all, or those with the given ids)."""
        ...

    def agreements(self, ids: Iterable[str] | None = None) -> list[Agreement]:
        """Full agreement records with their parties (all, or those with the given ids)."""
        ...

    def delete(self, *, actor_ids: Iterable[str] = (), link_ids: Iterable[str] = ()) -> None:
        """Remove actors (with every link, attendance and party role of theirs) and links,
        in one transaction.

        Members of a removed institution keep existing with ``member_of`` cleared.
        """
        ...

    def apply_changes(
        self, changes: ChangeSet, documents: Sequence[tuple[str, str, str]] = ()
    ) -> None:
        """Apply ``changes`` (delete links, delete actors, upsert), then save
        ``(namespace, key, body)`` documents: one transaction.

        Used to apply a simulated scenario together with its undo journal, so the
        network and the journal can never disagree.
        """
        ...

    def replace_all(
        self,
        actors: Sequence[Actor],
        links: Sequence[CoordinationLink],
        *,
        documents: Sequence[tuple[str, str, str]] | None = None,
        activities: Sequence[Activity] = (),
        agreements: Sequence[Agreement] = (),
    ) -> None:
        """Empty the network (activities and agreements too) and fill it with ``actors``,
        ``links``, ``activities`` and ``agreements`` in one transaction.

        Interrupted at any point (even SIGKILL), the store keeps the previous
        network. With ``documents`` the saved documents are replaced as well.
        """
        ...

    def clear(self) -> None:
        """Remove every actor, link, activity and agreement (saved documents stay)."""
        ...

    def get_actor(self, actor_id: str) -> Actor | None: ...

    def actors(self, ids: Iterable[str] | None = None) -> list[Actor]:
        """Full actor records, all of them or those with the given ids (unknown ids skipped)."""
        ...

    def links(self, ids: Iterable[str] | None = None) -> list[CoordinationLink]:
        """Full link records, all of them or those with the given ids."""
        ...

    def links_of(self, actor_id: str) -> list[CoordinationLink]:
        """Every link with ``actor_id`` at one end."""
        ...

    def actor_kinds(self, ids: Iterable[str]) -> dict[str, str]:
        """``{id: kind}`` for the given ids that exist in the store."""
        ...

    def network_rows(self) -> NetworkRows:
        """All actors and links as light tuples, for building the analysis graph."""
        ...

    def stats(self) -> NetworkStats: ...

    def is_empty(self) -> bool:
        """True when the store holds no actor and no link (saved documents do not count)."""
        ...

    def revision(self) -> int:
        """A number that changes whenever the network changes (for caches)."""
        ...

    # Saved documents: scenarios, applied-change journals, settings kept with the network.
    def put_document(self, namespace: str, key: str, body: str) -> None: ...

    def get_document(self, namespace: str, key: str) -> str | None: ...

    def list_documents(self, namespace: str) -> list[str]: ...

    def namespaces(self) -> list[str]:
        """Every namespace that holds at least one document, sorted."""
        ...

    def delete_document(self, namespace: str, key: str) -> bool: ...

    def close(self) -> None: ...
