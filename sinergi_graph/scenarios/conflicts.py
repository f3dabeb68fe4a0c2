"""Whether undoing a journal entry would throw away a later change, and which.

Undo writes the entry's inverse change set: it restores the records the entry
overwrote or deleted and deletes the ones it created. That is only right while
those records are still as the entry left them. A later change made outside
the journal (a re-import, a copy, a hand edit of the database) or an entry
undone out of order would otherwise be lost silently, so :func:`undo_conflicts`
compares the records the undo would touch with the entry's forward state and
names every difference in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from sinergi_graph.errors import UndoConflict
from sinergi_graph.i18n import Msg
from sinergi_graph.models import Activity, Actor, Agreement, CoordinationLink
from sinergi_graph.scenarios.journal import JournalEntry
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.text import printable

__all__ = ["Conflict", "Joined", "refuse_on_conflicts", "undo_conflicts"]

#: Conflicts named in the message; the rest are counted.
SHOWN = 3

What = Literal["changed", "deleted", "recreated", "new_link", "new_member", "new_activity"]
Record = Literal["actor", "link", "activity", "agreement"]
Records = Actor | CoordinationLink | Activity | Agreement

_FIELD_MESSAGES = {
    "kind": "field_kind",
    "name": "field_name",
    "area": "field_area",
    "member_of": "field_member_of",
    "phone": "field_phone",
    "email": "field_email",
    "note": "field_note",
    "properties": "field_properties",
    "source": "field_source",
    "target": "field_target",
    "type": "field_type",
    "date": "field_date",
    "topic": "field_topic",
    "place": "field_place",
    "agreement": "field_agreement",
    "attendees": "field_attendees",
    "title": "field_title",
    "number": "field_number",
    "parties": "field_parties",
    "signed": "field_signed",
    "expires": "field_expires",
}


class Joined(Msg):
    """Several messages shown as one, each in the reader's language.

    >>> Joined([Msg("field_name"), Msg("field_area")]).render("en")
    'name, area'
    """

    __slots__ = ("parts", "separator")

    def __init__(self, parts: Iterable[Msg], separator: str = ", ") -> None:
        super().__init__("")
        self.parts = tuple(parts)
        self.separator = separator

    def render(self, lang: str | None = None) -> str:
        return self.separator.join(p.render(lang) for p in self.parts)


@dataclass(frozen=True, slots=True)
class Conflict:
    """One record that changed since the entry was applied.

    ``record`` is ``actor``, ``link``, ``activity`` (a kegiatan) or
    ``agreement`` (a kerja sama); ``label`` names it for people (an actor's
    name, a link's endpoints, a kegiatan's topic, an agreement's title);
    ``fields`` are the fields that differ (``changed``); ``other`` is the new
    link, member or kegiatan that an undo deleting this actor would take with
    it (``new_link``, ``new_member``, ``new_activity``).
    """

    record: Record
    id: str
    what: What
    label: str = ""
    fields: tuple[str, ...] = ()
    other: str = ""

    def message(self) -> Msg:
        """This conflict as one clause of the refusal, e.g. "aktor 'X' (x) diubah sesudahnya"."""
        ident = {"name": printable(self.label, multiline=False), "id": printable(self.id)}
        fields = Joined(Msg(_FIELD_MESSAGES.get(f, f)) for f in self.fields)
        if self.record in ("activity", "agreement"):
            return Msg(f"undo_{self.record}_{self.what}", fields=fields, **ident)
        if self.record == "link":
            if self.what == "changed":
                return Msg("undo_link_changed", fields=fields, **ident)
            if self.what == "deleted":
                return Msg("undo_link_deleted", **ident)
            return Msg("undo_link_recreated", **ident)
        if self.what == "changed":
            return Msg("undo_actor_changed", fields=fields, **ident)
        if self.what == "deleted":
            return Msg("undo_actor_deleted", **ident)
        if self.what == "recreated":
            return Msg("undo_actor_recreated", **ident)
        if self.what == "new_link":
            return Msg("undo_actor_new_link", other=printable(self.other), **ident)
        if self.what == "new_activity":
            return Msg("undo_actor_new_activity", other=printable(self.other), **ident)
        return Msg("undo_actor_new_member", other=printable(self.other), **ident)


def _expected(
    entry: JournalEntry,
) -> tuple[dict[str, Actor | None], dict[str, CoordinationLink | None]]:
    """The records an undo touches, as the entry left them (``None``: absent)."""
    fwd, inv = entry.forward, entry.inverse
    deleted = set(fwd.delete_actor_ids)
    actors: dict[str, Actor | None] = dict.fromkeys(fwd.delete_actor_ids)
    for a in inv.upsert_actors:
        # Besides the records it overwrote or deleted, the undo restores the
        # members of a deleted actor, which the deletion left with member_of cleared.
        after = a.model_copy(update={"member_of": None}) if a.member_of in deleted else a
        actors.setdefault(a.id, after)
    links: dict[str, CoordinationLink | None] = dict.fromkeys(fwd.delete_link_ids)
    for link in inv.upsert_links:
        # Deleted directly or with one of its actors.
        links.setdefault(link.id, None)
    # Upserts are applied after the deletions, so they are what stayed.
    actors.update((a.id, a) for a in fwd.upsert_actors)
    links.update((link.id, link) for link in fwd.upsert_links)
    return actors, links


def _expected_records(
    entry: JournalEntry,
) -> tuple[dict[str, Activity | None], dict[str, Agreement | None]]:
    """The kegiatan and kerja sama an undo touches, as the entry left them (``None``: absent)."""
    fwd, inv = entry.forward, entry.inverse
    gone = set(fwd.delete_actor_ids)
    dropped = set(fwd.delete_agreement_ids)
    acts: dict[str, Activity | None] = dict.fromkeys(fwd.delete_activity_ids)
    for a in inv.upsert_activities:
        # Restored whole, though the entry only trimmed it: a deleted attendee
        # dropped out, a deleted agreement left it without a reference.
        update: dict[str, object] = {"attendees": tuple(x for x in a.attendees if x not in gone)}
        if a.agreement in dropped:
            update["agreement"] = None
        acts.setdefault(a.id, a.model_copy(update=update))
    deals: dict[str, Agreement | None] = dict.fromkeys(fwd.delete_agreement_ids)
    for g in inv.upsert_agreements:
        parties = tuple(x for x in g.parties if x not in gone)
        deals.setdefault(g.id, g.model_copy(update={"parties": parties}))
    acts.update((a.id, a) for a in fwd.upsert_activities)
    deals.update((g.id, g) for g in fwd.upsert_agreements)
    return acts, deals


def _differences(now: Records, then: Records) -> tuple[str, ...]:
    return tuple(f for f in type(then).model_fields if getattr(now, f) != getattr(then, f))


def _compare(
    record: Record,
    expected: dict[str, Actor | None]
    | dict[str, CoordinationLink | None]
    | dict[str, Activity | None]
    | dict[str, Agreement | None],
    current: dict[str, Actor]
    | dict[str, CoordinationLink]
    | dict[str, Activity]
    | dict[str, Agreement],
) -> list[Conflict]:
    found: list[Conflict] = []
    for key, then in expected.items():
        now = current.get(key)
        if then is None and now is not None:
            found.append(Conflict(record, key, "recreated"))
        elif then is not None and now is None:
            found.append(Conflict(record, key, "deleted"))
        elif then is not None and now is not None and now != then:
            found.append(Conflict(record, key, "changed", fields=_differences(now, then)))
    return found


def _doomed_extras(
    store: GraphStore,
    doomed: Sequence[str],
    actors: dict[str, Actor | None],
    links: dict[str, CoordinationLink | None],
    acts: dict[str, Activity | None],
) -> list[Conflict]:
    """Links, members and attendance an undo deleting ``doomed`` actors would take with them."""
    found: list[Conflict] = []
    for actor_id in doomed:
        found.extend(
            Conflict("actor", actor_id, "new_link", other=link.id)
            for link in store.links_of(actor_id)
            if link.id not in links
        )
    if doomed:
        wanted = set(doomed)
        network = store.network_rows()
        found.extend(
            Conflict("actor", a.member_of, "new_member", other=a.id)
            for a in network.actors
            if a.member_of in wanted and a.id not in actors
        )
        found.extend(
            Conflict("actor", x, "new_activity", other=k.id)
            for k in network.activities
            if k.id not in acts
            for x in k.attendees
            if x in wanted
        )
    return found


def _record_labels(entry: JournalEntry) -> dict[tuple[str, str], str]:
    """Kegiatan by topic (else type and date) and kerja sama by title, as the entry knew them."""
    labels: dict[tuple[str, str], str] = {}
    for a in (*entry.inverse.upsert_activities, *entry.forward.upsert_activities):
        labels["activity", a.id] = a.topic or f"{a.type} {a.date.isoformat()}"
    for g in (*entry.inverse.upsert_agreements, *entry.forward.upsert_agreements):
        labels["agreement", g.id] = g.title
    return labels


def _labelled(store: GraphStore, entry: JournalEntry, conflicts: list[Conflict]) -> list[Conflict]:
    """Give each conflict the names people know its records by.

    A record gone from the store is named as the entry knew it.
    """
    known_links = {k.id: k for k in (*entry.inverse.upsert_links, *entry.forward.upsert_links)}
    known_links.update(
        (k.id, k) for k in store.links([c.id for c in conflicts if c.record == "link"])
    )
    ends = {e for k in known_links.values() for e in (k.source, k.target)}
    actor_ids = {c.id for c in conflicts if c.record == "actor"} | ends
    names = {a.id: a.name for a in (*entry.inverse.upsert_actors, *entry.forward.upsert_actors)}
    names.update((a.id, a.name) for a in store.actors(actor_ids))
    records = _record_labels(entry)
    labelled = []
    for c in conflicts:
        if c.record == "actor":
            label = names.get(c.id, c.id)
        elif c.record in ("activity", "agreement"):
            label = records.get((c.record, c.id), c.id)
        else:
            link = known_links.get(c.id)
            label = (
                f"{names.get(link.source, link.source)} – {names.get(link.target, link.target)}"
                if link is not None
                else c.id
            )
        labelled.append(
            Conflict(c.record, c.id, c.what, label=label, fields=c.fields, other=c.other)
        )
    return labelled


def undo_conflicts(store: GraphStore, entry: JournalEntry) -> list[Conflict]:
    """What changed since ``entry`` was applied among the records its undo touches.

    Empty when the undo is safe. Checked: every record the undo would restore
    or delete is as the entry left it (an actor or link edited, deleted or
    created again since is named), and no link or member was added since to
    an actor the undo would delete (it would go with the actor).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sinergi_graph.scenarios import apply_scenario
    >>> from sinergi_graph.changes import AddActor, Scenario
    >>> from sinergi_graph.store.embedded import EmbeddedStore
    >>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()) / "net.db")
    >>> add = Scenario(changes=[AddActor(id="x", kind="PPS", name="PPS X")])
    >>> entry = apply_scenario(store, add)
    >>> undo_conflicts(store, entry)
    []
    >>> store.upsert([Actor(id="x", kind="PPS", name="PPS Iks")], [])
    >>> [(c.id, c.what, c.fields, c.label) for c in undo_conflicts(store, entry)]
    [('x', 'changed', ('name',), 'PPS Iks')]
    >>> store.close()
    """
    actors, links = _expected(entry)
    acts, deals = _expected_records(entry)
    current_actors = {a.id: a for a in store.actors(actors)}
    current_links = {link.id: link for link in store.links(links)}
    found = _compare("actor", actors, current_actors)
    found += _compare("link", links, current_links)
    if acts:
        found += _compare("activity", acts, {a.id: a for a in store.activities(acts)})
    if deals:
        found += _compare("agreement", deals, {g.id: g for g in store.agreements(deals)})
    found += _doomed_extras(store, entry.inverse.delete_actor_ids, actors, links, acts)
    return _labelled(store, entry, found) if found else []


def refuse_on_conflicts(
    entry: JournalEntry, conflicts: Sequence[Conflict], *, hint: Msg | None = None
) -> None:
    """Raise :class:`~sinergi_graph.errors.UndoConflict` naming ``conflicts``, if any.

    The message names the first few records and counts the rest, then ``hint``
    (how to undo anyway, in the caller's terms); the error's ``conflicts``
    parameter holds them all.
    """
    if not conflicts:
        return
    parts = [c.message() for c in conflicts[:SHOWN]]
    if len(conflicts) > SHOWN:
        parts.append(Msg("undo_more", count=len(conflicts) - SHOWN))
    detail: Msg = Joined(parts, "; ")
    if hint is not None:
        detail = Joined([detail, hint], " — ")
    raise UndoConflict(
        detail=detail,
        entry=printable(entry.title, multiline=False),
        conflicts=tuple(conflicts),
    )
