"""Store operations of a change: a scenario's net effect, and what undoes it.

A :class:`~sinergi_graph.models.ChangeSet` is what the store applies in one
transaction. :func:`forward_changes` turns a scenario into one;
:func:`inverse_changes` reads the store *before* a change set is applied and
returns the change set that puts everything back.
"""

from __future__ import annotations

from collections.abc import Sequence

from sinergi_graph.changes import AddActor, AddLink, PlanMeeting, RemoveLink, Scenario
from sinergi_graph.models import (
    Activity,
    Actor,
    Agreement,
    ChangeSet,
    CoordinationLink,
    NetworkRows,
)
from sinergi_graph.store.protocol import GraphStore

__all__ = ["execute_changes", "forward_changes", "inverse_changes"]


def forward_changes(scenario: Scenario) -> ChangeSet:
    """The net store operations of a scenario (later changes win over earlier ones).

    A planned meeting becomes its kegiatan, the invitees its attendance.

    Examples
    --------
    >>> from sinergi_graph.changes import AddLink, RemoveActor
    >>> s = Scenario(changes=[AddLink(source="a", target="b"), RemoveActor(actor_id="b")])
    >>> forward_changes(s).upsert_links, forward_changes(s).delete_actor_ids
    ((), ('b',))
    """
    actors: dict[str, Actor] = {}
    links: dict[str, CoordinationLink] = {}
    meetings: dict[str, Activity] = {}
    del_actors: list[str] = []
    del_links: list[str] = []
    for change in scenario.changes:
        if isinstance(change, AddActor):
            actors[change.id] = Actor(
                id=change.id,
                kind=change.kind,
                name=change.name,
                area=change.area,
                member_of=change.member_of,
            )
        elif isinstance(change, AddLink):
            link = change.link()
            links[link.id] = link
        elif isinstance(change, RemoveLink):
            links.pop(change.link_id, None)
            del_links.append(change.link_id)
        elif isinstance(change, PlanMeeting):
            meeting = change.activity()
            meetings[meeting.id] = meeting
        else:
            x = change.actor_id
            actors.pop(x, None)
            links = {k: v for k, v in links.items() if x not in (v.source, v.target)}
            # As the store does: who leaves no longer attends.
            meetings = {
                k: m.model_copy(update={"attendees": tuple(a for a in m.attendees if a != x)})
                for k, m in meetings.items()
            }
            actors = {
                k: (a.model_copy(update={"member_of": None}) if a.member_of == x else a)
                for k, a in actors.items()
            }
            del_actors.append(x)
    return ChangeSet(
        delete_link_ids=tuple(dict.fromkeys(del_links)),
        delete_actor_ids=tuple(dict.fromkeys(del_actors)),
        upsert_actors=tuple(actors.values()),
        upsert_links=tuple(links.values()),
        upsert_activities=tuple(meetings.values()),
    )


def inverse_changes(
    store: GraphStore, forward: ChangeSet, rows: NetworkRows | None = None
) -> ChangeSet:
    """The change set that restores the store as it is now after ``forward`` is applied.

    It deletes what ``forward`` creates and re-inserts what it overwrites or
    deletes — including the links that go with a deleted actor, the members
    whose ``member_of`` the deletion clears, and the kegiatan and kerja sama it
    attended or was party to. ``rows`` is the network as it is
    now, to find those members; it is read from the store when needed and not given.
    """
    deleted = set(forward.delete_actor_ids)
    if deleted and rows is None:
        rows = store.network_rows()
    touched_actor_ids = deleted | {a.id for a in forward.upsert_actors}
    prior_actors = {a.id: a for a in store.actors(touched_actor_ids)}
    # Members of a deleted actor get ``member_of`` cleared: restore them too.
    children = (
        [a.id for a in rows.actors if a.member_of in deleted and a.id not in deleted]
        if rows is not None
        else []
    )
    prior_actors.update((a.id, a) for a in store.actors(children))
    link_ids = set(forward.delete_link_ids) | {link.id for link in forward.upsert_links}
    prior_links = {link.id: link for link in store.links(link_ids)}
    for actor_id in forward.delete_actor_ids:
        prior_links.update((link.id, link) for link in store.links_of(actor_id))
    prior_acts, prior_deals = _prior_records(store, forward, rows)
    return ChangeSet(
        delete_link_ids=tuple(
            link.id for link in forward.upsert_links if link.id not in prior_links
        ),
        delete_actor_ids=tuple(a.id for a in forward.upsert_actors if a.id not in prior_actors),
        upsert_actors=tuple(prior_actors[k] for k in sorted(prior_actors)),
        upsert_links=tuple(prior_links[k] for k in sorted(prior_links)),
        delete_activity_ids=tuple(
            a.id for a in forward.upsert_activities if a.id not in prior_acts
        ),
        delete_agreement_ids=tuple(
            g.id for g in forward.upsert_agreements if g.id not in prior_deals
        ),
        upsert_activities=tuple(prior_acts[k] for k in sorted(prior_acts)),
        upsert_agreements=tuple(prior_deals[k] for k in sorted(prior_deals)),
    )


def _prior_records(
    store: GraphStore, forward: ChangeSet, rows: NetworkRows | None
) -> tuple[dict[str, Activity], dict[str, Agreement]]:
    """The kegiatan and kerja sama ``forward`` overwrites, deletes or trims, as they are now.

    Besides the records it names, a deleted actor drops out of the attendance
    and parties it was in, and a deleted agreement leaves its follow-ups
    without it: those records are restored whole too.
    """
    deleted = set(forward.delete_actor_ids)
    dropped_deals = set(forward.delete_agreement_ids)
    act_ids = set(forward.delete_activity_ids) | {a.id for a in forward.upsert_activities}
    deal_ids = dropped_deals | {g.id for g in forward.upsert_agreements}
    if deleted and rows is not None:
        act_ids.update(r.id for r in rows.activities if deleted.intersection(r.attendees))
    if deleted:
        deal_ids.update(g.id for g in store.agreements() if deleted.intersection(g.parties))
    prior_acts = {a.id: a for a in store.activities(act_ids)} if act_ids else {}
    if dropped_deals:
        prior_acts.update((a.id, a) for a in store.activities() if a.agreement in dropped_deals)
    prior_deals = {g.id: g for g in store.agreements(deal_ids)} if deal_ids else {}
    return prior_acts, prior_deals


def execute_changes(
    store: GraphStore, changes: ChangeSet, documents: Sequence[tuple[str, str, str]]
) -> None:
    """Apply ``changes`` and save ``(namespace, key, body)`` documents in one transaction."""
    store.apply_changes(changes, documents)
