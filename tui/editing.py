"""Adding and correcting actors and links from the forms, with the import's own validation.

A form is validated exactly like one row of an import file: the fields
become a one-row :class:`~sinergi_graph.sources.tables.RawTable` and go
through :func:`~sinergi_graph.validation.validate_tables`, so the same kind
aliases, area codes, dates and reference checks apply.

Writing and undoing go through the core's one journal
(:mod:`sinergi_graph.scenarios`): an edit is written in one transaction with
its journal entry, in the same sequence as applied scenarios, so ``u`` here
and ``sinergi undo`` on the command line always revert the same latest change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sinergi_graph.errors import SinergiError
from sinergi_graph.models import Actor, CoordinationLink
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
FORM_FILE = "form"
ACTOR_FIELDS = ("id", "kind", "name", "area", "member_of", "phone", "email", "note")
LINK_FIELDS = ("source", "target", "type", "date", "topic", "note")


#: An edit's journal entry (``kind`` ``edit``).
EditEntry = JournalEntry


@dataclass(frozen=True)
class FormCheck:
    """The outcome of validating a form: the record to write, or problems per field."""

    actor: Actor | None
    link: CoordinationLink | None
    problems: dict[str, list[str]]

    @property
    def ok(self) -> bool:
        return not self.problems


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


def new_actor_id(kind: str, area: str | None, existing: Mapping[str, object]) -> str:
    """A readable unused id such as ``PPS-3403072004-x1`` for a new actor."""
    base = f"{kind}-{(area or 'ID').replace('.', '')}"
    n = 1
    while f"{base}-x{n}" in existing:
        n += 1
    return f"{base}-x{n}"


__all__ = [
    "EDIT_NAMESPACE",
    "EditEntry",
    "FormCheck",
    "SinergiError",
    "Undone",
    "edit_journal",
    "new_actor_id",
    "next_undo",
    "record_edit",
    "undo_latest",
]
