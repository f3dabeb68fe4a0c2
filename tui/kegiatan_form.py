"""Record one kegiatan (key ``h``): type, date, topic, place, and who attended.

Attendees are picked from a list that starts with the area's stakeholders
and follows what is typed in the search field; choosing a name ticks or
unticks it. Saving writes the activity with its undo journal entry in one
transaction (:func:`~tui.editing.record_edit`, so ``u`` and ``sinergi undo``
take it back) and reloads the network the app's way, so the new contacts
close gaps at once. Returns the note to show, ``None`` when
cancelled.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from sinergi_graph.activities import Activity
from sinergi_graph.models import LinkType
from sinergi_graph.numbers import long_date, short_date
from tui.base import SinergiModal
from tui.editing import record_edit
from tui.messages import NetworkChanged
from tui.model.kegiatan import Candidate, attendee_candidates, build_activity

__all__ = ["KegiatanForm"]


class CandidatesReady(Message):
    def __init__(self, query: str, found: list[Candidate]) -> None:
        super().__init__()
        self.query = query
        self.found = found


class KegiatanForm(SinergiModal[str | None]):
    """A new kegiatan in ``area``, with ``actor`` (the selected one) already ticked."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", show=False, id="modal_cancel"),
        Binding("ctrl+s", "save", show=False, id="kegiatan_save"),
    ]

    def __init__(self, area: str, actor: str | None) -> None:
        super().__init__(classes="modal")
        self.area = area
        #: Ticked attendees, in the order they were ticked, with their shown names.
        self.chosen: dict[str, str] = {}
        self._first = actor
        self.found: list[Candidate] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form-dialog", id="kf-dialog"):
            yield Static(self.t("kf_title"), classes="dialog-title")
            with Grid(classes="form-grid", id="kf-grid"):
                yield Label(self.t("kf_type"), classes="form-label")
                yield Select(
                    [(t.value, t.value) for t in LinkType],
                    value=LinkType.RAPAT.value,
                    allow_blank=False,
                    compact=True,
                    id="kf-type",
                )
                yield Label(self.t("kf_date"), classes="form-label")
                yield Input(short_date(self.sapp.workspace.day), id="kf-date", compact=True)
                yield Label(self.t("kf_topic"), classes="form-label")
                yield Input(id="kf-topic", compact=True)
                yield Label(self.t("kf_place"), classes="form-label")
                yield Input(id="kf-place", compact=True)
                yield Label(self.t("kf_search"), classes="form-label")
                yield Input(id="kf-search", compact=True, placeholder=self.t("kf_search_hint"))
            yield OptionList(id="kf-candidates")
            yield Static("", id="kf-chosen")
            yield Static("", id="form-problems")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("cancel"), id="cancel")
                yield Button(self.t("save"), variant="primary", id="save")

    def on_mount(self) -> None:
        network = self.sapp.workspace.network
        if self._first is not None and network is not None:
            self.chosen[self._first] = network.name(self._first)
        self._show_chosen()
        self.find("")
        self.query_one("#kf-topic", Input).focus()

    # ------------------------------------------------------------------
    # Attendees

    @on(Input.Changed, "#kf-search")
    def _search(self, event: Input.Changed) -> None:
        event.stop()
        self.find(event.value)

    @work(thread=True, exclusive=True, group="kegiatan-search", exit_on_error=False)
    def find(self, query: str) -> None:
        app = self.sapp
        network = app.workspace.network
        if network is None:
            return
        found = attendee_candidates(
            network,
            app.area_index(),
            query,
            self.area,
            kind_label=lambda k: app.workspace.kind_label(k, app.lang),
        )
        self.post_message(CandidatesReady(query, found))

    @on(CandidatesReady)
    def _found(self, event: CandidatesReady) -> None:
        if event.query != self.query_one("#kf-search", Input).value:
            return  # typed on since: a newer search is on its way
        self.found = event.found
        self._show_candidates()

    def _show_candidates(self) -> None:
        options = self.query_one("#kf-candidates", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for c in self.found:
            mark = "[x] " if c.id in self.chosen else "[ ] "
            line = Text(mark + c.name, no_wrap=True, overflow="ellipsis")
            line.append(f"  {c.kind}", "dim")
            options.add_option(Option(line, id=c.id))
        if highlighted is not None and self.found:
            options.highlighted = min(highlighted, len(self.found) - 1)

    @on(OptionList.OptionSelected, "#kf-candidates")
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ident = event.option.id
        if ident is None:
            return
        if ident in self.chosen:
            del self.chosen[ident]
        else:
            name = next((c.name for c in self.found if c.id == ident), ident)
            self.chosen[ident] = name
        self._show_candidates()
        self._show_chosen()

    def _show_chosen(self) -> None:
        # Names are already printable (Network.name); Text keeps them from being markup.
        names = "; ".join(self.chosen.values()) or "—"
        text = Text(self.t("kf_chosen", n=len(self.chosen)) + " ", "bold")
        text.append(names)
        self.query_one("#kf-chosen", Static).update(text)

    # ------------------------------------------------------------------
    # Saving

    def action_save(self) -> None:
        self._save()

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        built = build_activity(
            type_text=str(self.query_one("#kf-type", Select).value),
            day_text=self.query_one("#kf-date", Input).value,
            topic=self.query_one("#kf-topic", Input).value,
            place=self.query_one("#kf-place", Input).value,
            area=self.area,
            attendees=list(self.chosen),
            lang=self.lang,
        )
        problems = self.query_one("#form-problems", Static)
        if not isinstance(built, Activity):
            problems.update(Text("\n".join(built.values()), "bold red"))
            return
        problems.update("")
        self.query_one("#save", Button).disabled = True
        self.write(built)

    @work(thread=True, exclusive=True, group="write", exit_on_error=False)
    def write(self, activity: Activity) -> None:
        app = self.sapp
        note = self.t(
            "kf_saved", n=len(activity.attendees), day=long_date(activity.date, self.lang)
        )
        # Through the journal, like every other edit: ``sinergi undo`` and ``u`` take it back.
        # The revision in the same store call: nothing of this app writes in between.
        before, entry = app.gate.call(
            lambda s: (s.revision(), record_edit(s, note, activities=(activity,)))
        )
        app.call_from_thread(app.remember, "edit", entry.seq)
        app.post_message(NetworkChanged(note, changes=entry.forward, revision=before))
        self.app.call_from_thread(self.dismiss, note)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        super().on_worker_state_changed(event)
        if event.state is WorkerState.ERROR and event.worker.group == "write":
            # The app said what failed; the form stays, filled in, to try again.
            self.query_one("#save", Button).disabled = False

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
