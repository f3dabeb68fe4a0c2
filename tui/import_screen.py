"""Import files from the TUI (``ctrl+o``): the CLI's checks, nothing written until clean.

The user types one or more paths (separated by ``;``) and presses enter: the
files are read and validated against the store without writing
(:func:`~sinergi_graph.importer.plan_import`), and every problem and warning
is listed exactly as ``sinergi import`` prints it
(``file[sheet]:row:column: message``). Only a clean check enables saving
(``ctrl+s``), which imports in one transaction through the same importer —
it validates again, so a store changed meanwhile is never half-written — with
its undo journal entry when it is of a bounded size
(:mod:`sinergi_graph.scenarios.imports`), so ``u`` takes it back. The
network then reloads through the app's own reload path, and the status bar
says what was stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Static

from sinergi_graph.errors import SinergiError
from sinergi_graph.i18n import t as core_t
from sinergi_graph.importer import ImportRejected, ImportResult, plan_import
from sinergi_graph.models import ChangeSet
from sinergi_graph.numbers import number
from sinergi_graph.scenarios.imports import JOURNAL_LIMIT, import_journalled
from sinergi_graph.validation import Problem
from tui.base import SinergiScreen
from tui.bindings import IMPORT, bindings, key_bar
from tui.messages import NetworkChanged
from tui.model.display import plain
from tui.status_bar import KeyBar

__all__ = ["ImportScreen", "import_note", "problem_lines", "split_paths"]


def split_paths(text: str) -> list[Path]:
    """``"a.csv; ~/b.xlsx"`` → the two paths (``~`` expanded, blanks dropped)."""
    return [Path(part.strip()).expanduser() for part in text.split(";") if part.strip()]


def problem_lines(
    problems: list[Problem], warnings: list[Problem], lang: str
) -> list[tuple[str, bool]]:
    """The lines ``sinergi import`` prints, as ``(text, is_problem)``; problems first."""
    lines = [(p.render(lang), True) for p in problems]
    for w in warnings:
        text = core_t("import_warning", lang, text=w.message(lang))
        lines.append((f"{w.file}:{w.row}:{w.column}: {text}", False))
    return lines


def import_note(result: ImportResult, lang: str) -> str:
    """What the status bar says after an import: how much of each kind was stored."""
    from tui.i18n import tr

    return tr(
        "imp_stored",
        lang,
        actors=result.actors,
        links=result.links,
        activities=result.activities,
        agreements=result.agreements,
    )


@dataclass(frozen=True, slots=True)
class _Checked:
    paths: tuple[Path, ...]
    create_missing: bool  # --create-missing: attendees not yet recorded are created
    problems: list[Problem]
    warnings: list[Problem]
    counts: tuple[int, int, int, int]  # actors, links, kegiatan, kerja sama


class Checked(Message):
    def __init__(self, checked: _Checked) -> None:
        super().__init__()
        self.checked = checked


class Refused(Message):
    """The files could not be read at all (a missing file, an unreadable format)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class Stored(Message):
    def __init__(self, result: ImportResult, *, changes: ChangeSet | None, revision: int) -> None:
        super().__init__()
        self.result = result
        #: What the journalled import applied; ``None``: too large for the undo journal
        #: (``u`` cannot take it back).
        self.changes = changes
        self.revision = revision


class ImportScreen(SinergiScreen[str | None]):
    """Choose files, read the problems, save when clean; dismissed with the status note."""

    BINDINGS = bindings(IMPORT)

    def __init__(self, value: str = "") -> None:
        super().__init__(id="import-screen")
        self.value = value
        #: The last check, when it was clean for exactly the paths in the input.
        self.clean: _Checked | None = None
        #: The lines listed now (text, is_problem), for tests and the language switch.
        self.lines: list[tuple[str, bool]] = []
        self._last: _Checked | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="imp-title", classes="screen-title")
        yield Static("", id="imp-help")
        yield Input(value=self.value, id="imp-path")
        yield Static("", id="imp-summary")
        with VerticalScroll(id="imp-list"):
            yield Static("", id="imp-lines")
        with Horizontal(id="imp-buttons"):
            yield Checkbox("", id="imp-create", compact=True)
            yield Button("", id="imp-check")
            yield Button("", variant="primary", id="imp-save", disabled=True)
        yield KeyBar("", id="key-bar")

    def on_mount(self) -> None:
        self.refresh_texts()
        self.query_one("#imp-path", Input).focus()

    def refresh_texts(self) -> None:
        self.query_one("#imp-title", Static).update(Text(self.t("imp_title")))
        self.query_one("#imp-help", Static).update(Text(self.t("imp_help")))
        self.query_one("#imp-path", Input).placeholder = self.t("imp_placeholder")
        self.query_one("#imp-create", Checkbox).label = self.t("imp_create")
        self.query_one("#imp-check", Button).label = self.t("imp_check")
        self.query_one("#imp-save", Button).label = self.t("imp_save")
        self.query_one(KeyBar).update(key_bar(IMPORT, self.sapp.keymap, self.lang))
        if self._last is not None:
            self._show(self._last)

    # ------------------------------------------------------------------
    # Checking

    @on(Input.Changed, "#imp-path")
    @on(Checkbox.Changed, "#imp-create")
    def _edited(self) -> None:
        # A clean check holds for the paths it was made for, not for what is typed since.
        self.clean = None
        self.query_one("#imp-save", Button).disabled = True

    @on(Input.Submitted, "#imp-path")
    @on(Button.Pressed, "#imp-check")
    def action_check(self) -> None:
        paths = split_paths(self.query_one("#imp-path", Input).value)
        if not paths:
            self._say(self.t("imp_no_path"), problem=True)
            return
        self._say(self.t("imp_checking"), problem=False)
        self.check_worker(tuple(paths), self.query_one("#imp-create", Checkbox).value)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def check_worker(self, paths: tuple[Path, ...], create: bool) -> None:
        catalogue = self.sapp.workspace.catalogue
        try:
            plan = self.sapp.gate.call(
                lambda s: plan_import(list(paths), s, catalogue, create_missing=create)
            )
        except SinergiError as exc:
            self.post_message(Refused(exc.render(self.lang)))
            return
        counts = (len(plan.actors), len(plan.links), len(plan.activities), len(plan.agreements))
        self.post_message(
            Checked(_Checked(paths, create, list(plan.problems), list(plan.warnings), counts))
        )

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        self._last = event.checked
        self._show(event.checked)

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        self._last = None
        self.clean = None
        self.query_one("#imp-save", Button).disabled = True
        self._say(event.text, problem=True)

    def _show(self, checked: _Checked) -> None:
        current = tuple(split_paths(self.query_one("#imp-path", Input).value))
        create = self.query_one("#imp-create", Checkbox).value
        ok = not checked.problems and (checked.paths, checked.create_missing) == (current, create)
        self.clean = checked if ok else None
        self.query_one("#imp-save", Button).disabled = not ok
        actors, links, activities, agreements = checked.counts
        if checked.problems:
            summary = self.t("imp_rejected", n=len(checked.problems), w=len(checked.warnings))
        else:
            summary = self.t(
                "imp_clean",
                actors=actors,
                links=links,
                activities=activities,
                agreements=agreements,
                w=len(checked.warnings),
            )
        self.query_one("#imp-summary", Static).update(Text(summary, style="bold"))
        self.lines = problem_lines(checked.problems, checked.warnings, self.lang)
        self._render_lines()

    def _say(self, text: str, *, problem: bool) -> None:
        self.query_one("#imp-summary", Static).update(
            Text(plain(text), style="bold red" if problem else "bold")
        )
        self.lines = []
        self._render_lines()

    def _render_lines(self) -> None:
        body = Text()
        for i, (line, is_problem) in enumerate(self.lines):
            if i:
                body.append("\n")
            # Problem texts quote cell values: printable, one line each, never markup.
            body.append(plain(line), style="red" if is_problem else "yellow")
        self.query_one("#imp-lines", Static).update(body)

    # ------------------------------------------------------------------
    # Saving

    @on(Button.Pressed, "#imp-save")
    def action_save(self) -> None:
        if self.clean is None:
            self.notify(self.t("imp_check_first"), severity="warning")
            return
        self.query_one("#imp-save", Button).disabled = True
        self.save_worker(self.clean.paths, self.clean.create_missing)

    @work(thread=True, exclusive=True, group="write", exit_on_error=False)
    def save_worker(self, paths: tuple[Path, ...], create: bool) -> None:
        app = self.sapp
        catalogue = app.workspace.catalogue
        label = core_t("import_label", self.lang, files=", ".join(p.name for p in paths))
        try:
            # Through the journal (bounded), so ``u`` and ``sinergi undo`` take it back.
            before, done = app.gate.call(
                lambda s: (
                    s.revision(),
                    import_journalled(
                        list(paths), s, catalogue, label=label, create_missing=create
                    ),
                )
            )
        except ImportRejected as exc:
            # The store changed since the check: nothing was written; show why.
            empty = (0, 0, 0, 0)
            self.post_message(Checked(_Checked(paths, create, exc.problems, exc.warnings, empty)))
            return
        if done.entry is not None:
            app.call_from_thread(app.remember, "edit", done.entry.seq)
        changes = done.entry.forward if done.entry is not None else None
        self.post_message(Stored(done.result, changes=changes, revision=before))

    @on(Stored)
    def _stored(self, event: Stored) -> None:
        note = import_note(event.result, self.lang)
        if event.changes is None:
            r = event.result
            count = r.actors + r.links + r.activities + r.agreements
            limit = number(JOURNAL_LIMIT, self.lang)
            note += "; " + core_t(
                "import_not_undoable", self.lang, count=number(count, self.lang), limit=limit
            )
        # The app's reload path: notify, re-read the store, refresh every screen.
        self.sapp.post_message(NetworkChanged(note, changes=event.changes, revision=event.revision))
        self.dismiss(note)

    def action_back(self) -> None:
        self.dismiss(None)
