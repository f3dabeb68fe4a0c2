"""Writing and undoing the TUI's edits (the forms validate in :mod:`tui.model.forms`).

Writing and undoing go through the core's one journal
(:mod:`sinergi_graph.scenarios`): an edit is written in one transaction with
its journal entry, in the same sequence as applied scenarios, so ``u`` here
and ``sinergi undo`` on the command line always revert the same latest change.
"""

from __future__ import annotations

from dataclasses import dataclass

from sinergi_graph.errors import SinergiError
from sinergi_graph.scenarios import (
    JOURNAL_NAMESPACE,
    EntryKind,
    JournalEntry,
    journal,
    last_pending,
    record_edit,
    undo_last,
)
from sinergi_graph.store.protocol import GraphStore

# Edits are entries of the one journal now (kept under this name for callers).
EDIT_NAMESPACE = JOURNAL_NAMESPACE


#: An edit's journal entry (``kind`` ``edit``).
EditEntry = JournalEntry


def edit_journal(store: GraphStore) -> list[JournalEntry]:
    """Every edit made in the TUI, oldest first (the journal's ``edit`` entries)."""
    return [e for e in journal(store) if e.kind is EntryKind.EDIT]


@dataclass(frozen=True)
class Undone:
    """What ``undo`` reverted: an edit (``label``) or an applied scenario."""

    what: str  # "edit" or "scenario"
    label: str


def next_undo(store: GraphStore) -> Undone | None:
    """What :func:`undo_latest` would revert now (for the confirmation), or ``None``."""
    entry = last_pending(store)
    return None if entry is None else Undone(entry.kind.value, entry.title)


def undo_latest(
    store: GraphStore, *, prefer: tuple[str, int] | None = None, force: bool = False
) -> Undone | None:
    """Undo the latest journal entry not undone yet, edit or applied scenario.

    The journal is one sequence, so the order needs no help; ``prefer`` is
    accepted for callers that still pass the entry this session wrote last.

    Raises
    ------
    UndoConflict
        When records the undo would restore or delete changed since and
        ``force`` is not set; the message names them.
    """
    del prefer
    done = undo_last(store, force=force)
    if done is None:
        return None
    return Undone(done.kind.value, done.title)


__all__ = [
    "EDIT_NAMESPACE",
    "EditEntry",
    "SinergiError",
    "Undone",
    "edit_journal",
    "next_undo",
    "record_edit",
    "undo_latest",
]
