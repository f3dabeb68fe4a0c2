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

from sinergi_graph.areas import AreaIndex
from sinergi_graph.errors import SinergiError
from sinergi_graph.kinds import KindCatalogue
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
from sinergi_graph.sources.tables import RawTable, TableRole
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.validation import NODE_FIELDS, Problem, validate_tables

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


def _problems(problems: list[Problem], lang: str) -> dict[str, list[str]]:
    by_field: dict[str, list[str]] = {}
    prefix_len = len(f"{FORM_FILE}:1:")
    for p in problems:
        text = p.render(lang)
        # "form:1:kind: message" -> "message"
        text = text[prefix_len:]
        text = text.split(": ", 1)[1] if ": " in text else text
        by_field.setdefault(p.column, []).append(text)
    return by_field


def check_actor_form(
    fields: Mapping[str, str],
    store: GraphStore,
    catalogue: KindCatalogue,
    areas: AreaIndex,
    lang: str,
    *,
    keep_properties: Mapping[str, str] | None = None,
) -> FormCheck:
    """Validate an actor form as one row of a nodes file (properties of a corrected actor kept)."""
    row = {k: v.strip() for k, v in fields.items() if k in ACTOR_FIELDS}
    for key, value in (keep_properties or {}).items():
        if key not in NODE_FIELDS:
            row[key] = value
    table = RawTable(FORM_FILE, TableRole.NODES, list(row), [(1, row)])
    plan = validate_tables([table], store, catalogue, areas)
    if plan.problems:
        return FormCheck(None, None, _problems(plan.problems, lang))
    return FormCheck(plan.actors[0], None, {})


def check_link_form(
    fields: Mapping[str, str],
    store: GraphStore,
    catalogue: KindCatalogue,
    areas: AreaIndex,
    lang: str,
) -> FormCheck:
    """Validate a link form as one row of a links file."""
    row = {k: v.strip() for k, v in fields.items() if k in LINK_FIELDS}
    table = RawTable(FORM_FILE, TableRole.LINKS, list(row), [(1, row)])
    plan = validate_tables([table], store, catalogue, areas)
    if plan.problems:
        return FormCheck(None, None, _problems(plan.problems, lang))
    return FormCheck(None, plan.links[0], {})


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
    "check_actor_form",
    "check_link_form",
    "edit_journal",
    "new_actor_id",
    "next_undo",
    "record_edit",
    "undo_latest",
]
