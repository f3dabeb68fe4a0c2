"""Writing to the network through the journal: apply a scenario, record an edit, undo.

Each write is one store transaction holding the changes and their
:class:`~sinergi_graph.scenarios.journal.JournalEntry`; :func:`undo_last`
reverts the latest entry of either kind, and refuses (naming what changed)
when that would throw away a change made since.
"""

from __future__ import annotations

from collections.abc import Callable

from sinergi_graph.changes import Scenario
from sinergi_graph.models import (
    Activity,
    Actor,
    Agreement,
    ChangeSet,
    CoordinationLink,
    NetworkRows,
)
from sinergi_graph.scenarios.changesets import execute_changes, forward_changes, inverse_changes
from sinergi_graph.scenarios.conflicts import refuse_on_conflicts, undo_conflicts
from sinergi_graph.scenarios.journal import (
    EntryKind,
    JournalEntry,
    append_entry,
    last_pending,
    migrate_legacy,
    now,
)
from sinergi_graph.store.protocol import GraphStore

__all__ = ["apply_scenario", "record_edit", "undo_last"]


def apply_scenario(
    store: GraphStore,
    scenario: Scenario,
    *,
    rows: NetworkRows | None = None,
    check: Callable[[Scenario], None] | None = None,
) -> JournalEntry:
    """Apply ``scenario`` to the store and journal what undoes it (see :func:`undo_last`).

    Run a :class:`~sinergi_graph.analysis.simulation.Simulation` first (the
    CLI and the TUI do): it rejects changes that do not fit the network.
    ``check`` may run that validation here. ``rows`` is the network as it is
    now, when the caller has it (read from the store otherwise, if needed).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sinergi_graph.changes import AddLink
    >>> from sinergi_graph.store.embedded import EmbeddedStore
    >>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()) / "net.db")
    >>> store.upsert([Actor(id="pps", kind="PPS", name="PPS"),
    ...               Actor(id="kades", kind="KADES", name="Kades")], [])
    >>> entry = apply_scenario(store, Scenario(changes=[AddLink(source="pps", target="kades")]))
    >>> entry.seq, entry.kind.value, len(store.links_of("pps"))
    (1, 'scenario', 1)
    >>> undo_last(store).seq, len(store.links_of("pps"))
    (1, 0)
    >>> store.close()
    """
    if check is not None:
        check(scenario)
    forward = forward_changes(scenario)
    inverse = inverse_changes(store, forward, rows)
    return append_entry(
        store,
        lambda seq: JournalEntry(
            seq=seq,
            kind=EntryKind.SCENARIO,
            label=scenario.name or "",
            scenario=scenario,
            applied_at=now(),
            forward=forward,
            inverse=inverse,
        ),
    )


def record_edit(
    store: GraphStore,
    label: str,
    *,
    actors: tuple[Actor, ...] = (),
    links: tuple[CoordinationLink, ...] = (),
    delete_links: tuple[str, ...] = (),
    activities: tuple[Activity, ...] = (),
    agreements: tuple[Agreement, ...] = (),
    delete_activities: tuple[str, ...] = (),
    delete_agreements: tuple[str, ...] = (),
) -> JournalEntry:
    """Write ``actors``, ``links``, ``activities`` (kegiatan with their attendance) and
    ``agreements`` (replacing the ``delete_*`` ids) with the entry that undoes them.

    What the TUI's forms call: one transaction, journal entry included.
    ``label`` is what an undo will say it reverts.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sinergi_graph.store.embedded import EmbeddedStore
    >>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()) / "net.db")
    >>> store.upsert([Actor(id="pps", kind="PPS", name="PPS")], [])
    >>> entry = record_edit(store, "rename", actors=(Actor(id="pps", kind="PPS", name="PPS 1"),))
    >>> entry.kind.value, store.get_actor("pps").name
    ('edit', 'PPS 1')
    >>> undo_last(store).label, store.get_actor("pps").name
    ('rename', 'PPS')
    >>> store.close()
    """
    kept = {link.id for link in links}
    kept_acts = {a.id for a in activities}
    kept_deals = {g.id for g in agreements}
    forward = ChangeSet(
        delete_link_ids=tuple(i for i in delete_links if i not in kept),
        upsert_actors=actors,
        upsert_links=links,
        delete_activity_ids=tuple(i for i in delete_activities if i not in kept_acts),
        delete_agreement_ids=tuple(i for i in delete_agreements if i not in kept_deals),
        upsert_activities=activities,
        upsert_agreements=agreements,
    )
    inverse = inverse_changes(store, forward)
    return append_entry(
        store,
        lambda seq: JournalEntry(
            seq=seq,
            kind=EntryKind.EDIT,
            label=label,
            applied_at=now(),
            forward=forward,
            inverse=inverse,
        ),
    )


def undo_last(store: GraphStore, *, force: bool = False) -> JournalEntry | None:
    """Undo the latest entry not undone yet (a scenario or an edit); ``None`` if there is none.

    Parameters
    ----------
    store : GraphStore
        The network and its journal.
    force : bool
        Undo even when records it touches changed since.

    Returns
    -------
    JournalEntry or None
        The entry, now marked undone.

    Raises
    ------
    UndoConflict
        When records the undo would restore or delete changed since the entry
        was applied, and ``force`` is not set. The message names them.
    """
    migrate_legacy(store)
    entry = last_pending(store)
    if entry is None:
        return None
    if not force:
        refuse_on_conflicts(entry, undo_conflicts(store, entry))
    done = entry.model_copy(update={"undone_at": now()})
    execute_changes(store, entry.inverse, [done.document()])
    return done
