"""Propose a new link from one actor: recommended counterparts and introducers first.

Returns the :class:`~sinergi_graph.analysis.simulation.AddLink` to put in the
plan, or ``None`` when cancelled.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Input, OptionList, Select, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from sinergi_graph.analysis.simulation import AddLink
from sinergi_graph.models import LinkType
from tui.base import SinergiModal
from tui.model import search
from tui.model.display import markup_safe
from tui.planning import Candidate, candidates_for


class CandidatesReady(Message):
    def __init__(self, candidates: list[Candidate]) -> None:
        super().__init__()
        self.candidates = candidates


class OthersFound(Message):
    def __init__(self, query: str, ids: list[str]) -> None:
        super().__init__()
        self.query = query
        self.ids = ids


class ProposeLink(SinergiModal[AddLink | None]):
    BINDINGS = [Binding("escape", "cancel", show=False, id="modal_cancel")]  # noqa: RUF012

    def __init__(self, subject: str, *, gap_rule: str | None = None) -> None:
        super().__init__(id="propose-link", classes="modal")
        self.subject = subject
        self.gap_rule = gap_rule
        self.candidates: list[Candidate] = []
        self.others: list[str] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        app = self.sapp
        network = app.workspace.network
        name = network.name(self.subject) if network else self.subject
        with Vertical(classes="dialog propose-dialog"):
            yield Static(self.t("propose_title", name=markup_safe(name)), classes="dialog-title")
            yield Static(self.t("propose_hint"), classes="dialog-hint")
            yield OptionList(id="candidates")
            yield Input(placeholder=self.t("propose_search"), id="other-search", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Select(
                    [(t.value, t.value) for t in LinkType],
                    value=LinkType.KOORDINASI.value,
                    allow_blank=False,
                    compact=True,
                    id="link-type",
                )
                yield Button(self.t("cancel"), id="cancel")
                yield Button(self.t("add_to_plan"), variant="primary", id="add")

    def on_mount(self) -> None:
        self.query_one("#candidates", OptionList).focus()
        self.load_candidates()

    @work(thread=True, exclusive=True, group="propose", exit_on_error=False)
    def load_candidates(self) -> None:
        ws = self.sapp.workspace
        if ws.network is None:
            return
        found = candidates_for(ws.network, ws.gaps, self.subject)
        if self.gap_rule is not None:
            found.sort(key=lambda c: not any(g.rule == self.gap_rule for g in c.closes))
        self.post_message(CandidatesReady(found))

    def _planned(self) -> set[str]:
        plan = self.sapp.plan
        return plan.planned_partners(self.subject) if plan is not None else set()

    @on(CandidatesReady)
    def _candidates(self, event: CandidatesReady) -> None:
        # A link already in the plan is not offered again.
        planned = self._planned()
        self.candidates = [c for c in event.candidates if c.target not in planned]
        self._fill()

    def _fill(self) -> None:
        app = self.sapp
        network = app.workspace.network
        labels = app.labels()
        box = self.query_one("#candidates", OptionList)
        box.clear_options()
        if network is None:
            return
        items: list[Option] = []
        for c in self.candidates:
            text = Text()
            text.append("★ " if c.recommended else "  ", style="bold yellow")
            text.append(network.name(c.target), style="bold")
            text.append(f" ({labels.kind(network.kind(c.target))})", style="dim")
            closes = ", ".join(g.rule for g in c.closes)
            text.append("\n    " + self.t("closes", rules=closes, weight=c.weight))
            if c.introductions:
                via = " → ".join(network.name(v) for v in c.introductions[0].via)
                text.append("\n    " + self.t("introduced_by", via=via), style="green")
            else:
                text.append("\n    " + self.t("no_introducer"), style="dim")
            items.append(Option(text, id=f"c:{c.target}"))
        if not self.candidates:
            items.append(Option(Text(self.t("no_candidates"), style="dim"), disabled=True))
        for actor_id in self.others:
            text = Text()
            text.append("  " + network.name(actor_id), style="bold")
            text.append(f" ({labels.kind(network.kind(actor_id))} · {actor_id})", style="dim")
            items.append(Option(text, id=f"o:{actor_id}"))
        box.add_options(items)
        if box.option_count:
            box.highlighted = 0

    @on(Input.Changed, "#other-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(0.2, lambda: self.find_others(query))

    @work(thread=True, exclusive=True, group="propose-search", exit_on_error=False)
    def find_others(self, query: str) -> None:
        app = self.sapp
        network = app.workspace.network
        if network is None or not query.strip():
            self.post_message(OthersFound(query, []))
            return
        hits = search(query, app.area_index(), network, limit=15)
        ids = []
        for h in hits:
            if h.kind != "actor":
                continue
            node = network.node_of(h.id)
            if node and node != self.subject and node not in ids:
                ids.append(node)
        if not get_current_worker().is_cancelled:
            self.post_message(OthersFound(query, ids))

    @on(OthersFound)
    def _others(self, event: OthersFound) -> None:
        known = {c.target for c in self.candidates} | self._planned()
        self.others = [i for i in event.ids if i not in known]
        self._fill()

    @on(Input.Submitted, "#other-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#candidates", OptionList).focus()

    def chosen_target(self) -> str | None:
        box = self.query_one("#candidates", OptionList)
        if box.highlighted is None:
            return None
        option = box.get_option_at_index(box.highlighted)
        if option.id is None:
            return None
        return option.id.split(":", 1)[1]

    @on(OptionList.OptionSelected, "#candidates")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._add()

    @on(Button.Pressed, "#add")
    def _add_pressed(self) -> None:
        self._add()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def _add(self) -> None:
        target = self.chosen_target()
        if target is None:
            self.notify(self.t("choose_target"), severity="warning")
            return
        link_type = self.query_one("#link-type", Select).value
        type_ = str(link_type) if link_type is not Select.NULL else LinkType.KOORDINASI.value
        self.dismiss(AddLink(source=self.subject, target=target, type=type_))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def refresh_texts(self) -> None:
        self._fill()
