"""The undo journal: one sequence of everything written to the network through sinergi.

Every applied scenario (``sinergi simulate --apply``, the TUI's plan) and every
edit made in the TUI's forms is one :class:`JournalEntry`, numbered in one
sequence, with the change set it applied (``forward``), the change set that
undoes it (``inverse``) and the time it was applied. The entry is written in
the same store transaction as its changes (namespace ``journal``, key the
zero-padded sequence number), so the network and the journal never disagree.
Undo always takes the latest entry not yet undone, whoever wrote it: the
order is the sequence, never a comparison of timestamps.

Stores written by earlier versions kept two journals (namespaces
``scenario-journal`` and ``edit-journal``). They are read as part of the one
sequence, ordered by the time they were applied, and moved into ``journal``
by the first write (:func:`migrate_legacy`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from sinergi_graph.changes import Scenario
from sinergi_graph.i18n import Msg
from sinergi_graph.models import ChangeSet
from sinergi_graph.scenarios.changesets import execute_changes
from sinergi_graph.store.protocol import GraphStore

__all__ = [
    "JOURNAL_NAMESPACE",
    "LEGACY_EDIT_NAMESPACE",
    "LEGACY_SCENARIO_NAMESPACE",
    "EntryKind",
    "JournalEntry",
    "append_entry",
    "journal",
    "last_pending",
    "migrate_legacy",
    "now",
]

JOURNAL_NAMESPACE = "journal"
LEGACY_SCENARIO_NAMESPACE = "scenario-journal"
LEGACY_EDIT_NAMESPACE = "edit-journal"


class EntryKind(StrEnum):
    """What wrote a journal entry."""

    SCENARIO = "scenario"
    EDIT = "edit"


class JournalEntry(BaseModel):
    """One write to the network, with the change set that undoes it.

    Examples
    --------
    >>> e = JournalEntry(seq=3, kind="edit", label="ubah PPS", applied_at=now(),
    ...                  forward=ChangeSet(), inverse=ChangeSet())
    >>> e.key, e.title, e.undone_at is None
    ('00000003', 'ubah PPS', True)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    seq: int
    kind: EntryKind
    #: What the user sees: the edit's label, or the scenario's name.
    label: str = ""
    #: The scenario as applied (scenario entries only).
    scenario: Scenario | None = None
    applied_at: str
    forward: ChangeSet
    inverse: ChangeSet
    transactions: int = 1
    undone_at: str | None = None
    #: ``namespace/key`` of the entry in an earlier version's journal it was moved from.
    migrated_from: str | None = None

    @property
    def key(self) -> str:
        """The document key: the sequence number, zero-padded so keys sort in order."""
        return f"{self.seq:08d}"

    @property
    def title(self) -> str:
        """A short name for messages: the label, else ``#seq``."""
        return self.label or f"#{self.seq}"

    def what(self) -> Msg:
        """The kind of entry in words ("skenario", "suntingan"), for messages."""
        if self.kind is EntryKind.EDIT:
            return Msg("journal_kind_edit")
        return Msg("journal_kind_scenario")

    def document(self) -> tuple[str, str, str]:
        """The ``(namespace, key, body)`` document that stores this entry."""
        return (JOURNAL_NAMESPACE, self.key, self.model_dump_json())


def now() -> str:
    """The current time as stored in entries (UTC, ISO 8601, microseconds)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _documents(store: GraphStore, namespace: str) -> list[tuple[str, str]]:
    found = []
    for key in store.list_documents(namespace):
        body = store.get_document(namespace, key)
        if body is not None:
            found.append((key, body))
    return found


def _stored(store: GraphStore) -> list[JournalEntry]:
    entries = [JournalEntry.model_validate_json(b) for _, b in _documents(store, JOURNAL_NAMESPACE)]
    return sorted(entries, key=lambda e: e.seq)


def _from_legacy_scenario(data: dict[str, Any]) -> dict[str, Any]:
    scenario = Scenario.model_validate(data["scenario"])
    return {
        "kind": EntryKind.SCENARIO,
        "label": scenario.name or "",
        "scenario": scenario,
        "transactions": data.get("transactions", 1),
    }


def _from_legacy_edit(data: dict[str, Any]) -> dict[str, Any]:
    return {"kind": EntryKind.EDIT, "label": data.get("label", "")}


_LEGACY: tuple[tuple[str, Callable[[dict[str, Any]], dict[str, Any]]], ...] = (
    (LEGACY_SCENARIO_NAMESPACE, _from_legacy_scenario),
    (LEGACY_EDIT_NAMESPACE, _from_legacy_edit),
)


def _legacy(store: GraphStore, moved: set[str], first_seq: int) -> list[JournalEntry]:
    """Entries of the earlier two journals not moved yet, numbered from ``first_seq``."""
    found: list[tuple[tuple[str, int, int], str, dict[str, Any]]] = []
    for order, (namespace, convert) in enumerate(_LEGACY):
        for key, body in _documents(store, namespace):
            origin = f"{namespace}/{key}"
            if origin in moved:
                continue
            data = json.loads(body)
            fields = {
                **convert(data),
                "applied_at": data["applied_at"],
                "forward": ChangeSet.model_validate(data["forward"]),
                "inverse": ChangeSet.model_validate(data["inverse"]),
                "undone_at": data.get("undone_at"),
                "migrated_from": origin,
            }
            # The earlier TUI ordered the two journals by the applied time to the
            # second, an edit winning a tie; the same order is kept here.
            when = (str(data["applied_at"])[:19], order, int(data.get("seq", 0)))
            found.append((when, origin, fields))
    found.sort(key=lambda item: item[0])
    return [JournalEntry(seq=first_seq + i, **fields) for i, (_, _, fields) in enumerate(found)]


def journal(store: GraphStore) -> list[JournalEntry]:
    """Every entry, oldest first: scenarios and edits in one sequence.

    Read-only: entries of an earlier version's journals are included (after
    the ones already moved) without writing anything.
    """
    entries = _stored(store)
    moved = {e.migrated_from for e in entries if e.migrated_from}
    first = entries[-1].seq + 1 if entries else 1
    return entries + _legacy(store, moved, first)


def _has_legacy(store: GraphStore) -> bool:
    return any(store.list_documents(namespace) for namespace, _ in _LEGACY)


def _next_seq(store: GraphStore) -> int:
    keys = store.list_documents(JOURNAL_NAMESPACE)
    return int(max(keys)) + 1 if keys else 1


def last_pending(store: GraphStore) -> JournalEntry | None:
    """The entry an undo would revert now: the latest one not undone yet."""
    if _has_legacy(store):
        pending = [e for e in journal(store) if e.undone_at is None]
        return pending[-1] if pending else None
    # Newest first, reading only as far as needed: a journal grows with every edit.
    for key in sorted(store.list_documents(JOURNAL_NAMESPACE), reverse=True):
        body = store.get_document(JOURNAL_NAMESPACE, key)
        if body is not None:
            entry = JournalEntry.model_validate_json(body)
            if entry.undone_at is None:
                return entry
    return None


def migrate_legacy(store: GraphStore) -> int:
    """Move entries of the earlier two journals into the one journal; how many moved.

    They are written in one transaction, then the old documents are deleted; a
    stop in between is harmless, as an entry already moved is recognised by its
    ``migrated_from`` and never moved twice.
    """
    if not _has_legacy(store):
        return 0
    entries = _stored(store)
    moved = {e.migrated_from for e in entries if e.migrated_from}
    first = entries[-1].seq + 1 if entries else 1
    fresh = _legacy(store, moved, first)
    if fresh:
        execute_changes(store, ChangeSet(), [e.document() for e in fresh])
    moved |= {e.migrated_from for e in fresh if e.migrated_from}
    for namespace, _ in _LEGACY:
        for key in store.list_documents(namespace):
            if f"{namespace}/{key}" in moved:
                store.delete_document(namespace, key)
    return len(fresh)


def append_entry(store: GraphStore, make: Callable[[int], JournalEntry]) -> JournalEntry:
    """Write ``make(seq)``'s forward changes together with the entry, in one transaction.

    ``make`` receives the next sequence number.
    """
    migrate_legacy(store)
    entry = make(_next_seq(store))
    execute_changes(store, entry.forward, [entry.document()])
    return entry
