"""Adding and correcting actors and links from the forms, with the import's own validation.

A form is validated exactly like one row of an import file: the fields
become a one-row :class:`~sinergi_graph.sources.tables.RawTable` and go
through :func:`~sinergi_graph.validation.validate_tables`, so the same kind
aliases, area codes, dates and reference checks apply. Every edit is written
in one transaction together with a journal entry holding its inverse
(namespace ``edit-journal``), which is what makes it undoable and recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from sinergi_graph.analysis.simulation import (
    ChangeSet,
    JournalEntry,
    execute_changes,
    inverse_changes,
    journal,
    undo_last,
)
from sinergi_graph.areas import AreaIndex
from sinergi_graph.errors import SinergiError
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.models import Actor, CoordinationLink, NetworkRows
from sinergi_graph.sources.tables import RawTable, TableRole
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.validation import NODE_FIELDS, Problem, validate_tables

EDIT_NAMESPACE = "edit-journal"
FORM_FILE = "form"
ACTOR_FIELDS = ("id", "kind", "name", "area", "member_of", "phone", "email", "note")
LINK_FIELDS = ("source", "target", "type", "date", "topic", "note")


class EditEntry(BaseModel):
    """One edit made in the TUI, with what undoes it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seq: int
    label: str
    applied_at: str
    forward: ChangeSet
    inverse: ChangeSet
    undone_at: str | None = None


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


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _entries(store: GraphStore) -> list[EditEntry]:
    found = []
    for key in store.list_documents(EDIT_NAMESPACE):
        body = store.get_document(EDIT_NAMESPACE, key)
        if body is not None:
            found.append(EditEntry.model_validate_json(body))
    return found


def edit_journal(store: GraphStore) -> list[EditEntry]:
    """Every edit made in the TUI, oldest first."""
    return _entries(store)


def record_edit(
    store: GraphStore,
    label: str,
    *,
    actors: tuple[Actor, ...] = (),
    links: tuple[CoordinationLink, ...] = (),
    delete_links: tuple[str, ...] = (),
) -> EditEntry:
    """Write ``actors``/``links`` (replacing ``delete_links``) with the entry that undoes them.

    One transaction, journal entry included.
    """
    replaced = tuple(i for i in delete_links if i not in {lk.id for lk in links})
    forward = ChangeSet(delete_link_ids=replaced, upsert_actors=actors, upsert_links=links)
    inverse = inverse_changes(store, forward, NetworkRows([], []))
    keys = store.list_documents(EDIT_NAMESPACE)
    seq = int(max(keys)) + 1 if keys else 1
    entry = EditEntry(seq=seq, label=label, applied_at=_now(), forward=forward, inverse=inverse)
    execute_changes(store, forward, [(EDIT_NAMESPACE, f"{seq:08d}", entry.model_dump_json())])
    return entry


def undo_edit(store: GraphStore, entry: EditEntry) -> EditEntry:
    """Restore what ``entry`` changed and mark it undone (one transaction)."""
    done = entry.model_copy(update={"undone_at": _now()})
    execute_changes(
        store, entry.inverse, [(EDIT_NAMESPACE, f"{entry.seq:08d}", done.model_dump_json())]
    )
    return done


@dataclass(frozen=True)
class Undone:
    """What ``undo`` reverted: an edit (``label``) or an applied scenario."""

    what: str  # "edit" or "scenario"
    label: str


def undo_latest(
    store: GraphStore, *, prefer: tuple[str, int] | None = None, force: bool = False
) -> Undone | None:
    """Undo the most recent edit or applied scenario that is not undone yet.

    ``prefer`` names the entry this session wrote last (``("edit", seq)`` or
    ``("scenario", seq)``), which settles the order when timestamps tie.
    Raises :class:`SinergiError` ``bad_change`` when a scenario's undo
    conflicts with later changes and ``force`` is not set.
    """
    edits = [e for e in _entries(store) if e.undone_at is None]
    scenarios = [e for e in journal(store) if e.undone_at is None]
    last_edit = edits[-1] if edits else None
    last_scen: JournalEntry | None = scenarios[-1] if scenarios else None
    if last_edit is None and last_scen is None:
        return None
    pick_edit: bool
    if last_edit is None:
        pick_edit = False
    elif last_scen is None or (prefer is not None and prefer == ("edit", last_edit.seq)):
        pick_edit = True
    elif prefer is not None and prefer == ("scenario", last_scen.seq):
        pick_edit = False
    else:
        pick_edit = last_edit.applied_at[:19] >= last_scen.applied_at[:19]
    if pick_edit:
        assert last_edit is not None
        undo_edit(store, last_edit)
        return Undone("edit", last_edit.label)
    undone = undo_last(store, force=force)
    if undone is None:
        return None
    label = undone.scenario.name or f"#{undone.seq}"
    return Undone("scenario", label)


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
    "record_edit",
    "undo_edit",
    "undo_latest",
]
