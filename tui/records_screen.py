"""Kegiatan (key ``v``) and kerja sama (key ``m``) as lists.

The kegiatan list is the selected actor's (what it attended, it or its
members) or, with ``t``, its area's; with no actor selected, the area's. The
kerja sama list evaluates every agreement as of the app's day
(:func:`~sinergi_graph.analysis.agreements.evaluate_agreements`) and lists them
by what needs acting on first: expired, expiring, no follow-up, stale, ok.

Both read the records from the store in a worker; every shown text is one
printable line (names, topics and titles come from the user's files) and is
put into cells as :class:`~rich.text.Text`, never parsed as markup.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from sinergi_graph.analysis.agreements import AgreementReason, evaluate_agreements
from sinergi_graph.numbers import long_date, short_date
from tui.base import SinergiScreen
from tui.bindings import AGREEMENTS, RECORDS, bindings, key_bar
from tui.i18n import agreement_word
from tui.model.records import (
    AgreementLine,
    KegiatanLine,
    agreement_lines,
    kegiatan_lines,
    reason_counts,
)
from tui.status_bar import KeyBar

__all__ = ["REASON_STYLE", "AgreementsScreen", "KegiatanScreen"]

#: How a reason is coloured: red needs acting on now, yellow soon, green is fine.
REASON_STYLE = {
    AgreementReason.EXPIRED: "bold red",
    AgreementReason.EXPIRING: "red",
    AgreementReason.NO_FOLLOW_UP: "yellow",
    AgreementReason.STALE: "yellow",
    AgreementReason.OK: "green",
}


def _cell(text: str) -> Text:
    return Text(text, no_wrap=True, overflow="ellipsis")


class KegiatanReady(Message):
    def __init__(self, lines: list[KegiatanLine]) -> None:
        super().__init__()
        self.lines = lines


class AgreementsReady(Message):
    def __init__(self, lines: list[AgreementLine]) -> None:
        super().__init__()
        self.lines = lines


class KegiatanScreen(SinergiScreen[None]):
    """The kegiatan of ``actor``, or of ``area`` when no actor is given (``t`` switches)."""

    BINDINGS = bindings(RECORDS)

    def __init__(self, area: str, actor: str | None) -> None:
        super().__init__(id="kegiatan-screen")
        self.area = area
        self.actor = actor
        self.around = actor is not None
        self.lines: list[KegiatanLine] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="keg-title", classes="screen-title")
        yield DataTable(id="keg-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar("", id="key-bar")

    def on_mount(self) -> None:
        self.refresh_texts()
        self.reload()

    def data_changed(self) -> None:
        self.reload()

    def refresh_texts(self) -> None:
        self.query_one(KeyBar).update(key_bar(RECORDS, self.sapp.keymap, self.lang))
        self._show()

    def reload(self) -> None:
        self.kegiatan_worker(self.area, self.actor if self.around else None)

    @work(thread=True, exclusive=True, group="records", exit_on_error=False)
    def kegiatan_worker(self, area: str, actor: str | None) -> None:
        network = self.sapp.workspace.network
        if network is None:
            return
        activities = self.sapp.gate.call(lambda s: s.activities())
        lines = kegiatan_lines(activities, network, area=area, actor=actor)
        if not get_current_worker().is_cancelled:
            self.post_message(KegiatanReady(lines))

    @on(KegiatanReady)
    def _ready(self, event: KegiatanReady) -> None:
        self.lines = event.lines
        self._show()

    def _whose(self) -> str:
        network = self.sapp.workspace.network
        if self.around and self.actor is not None and network is not None:
            return network.name(self.actor)
        return self.sapp.labels().area(self.area)

    def _show(self) -> None:
        title = self.query_one("#keg-title", Static)
        if self.lines is None:
            title.update(self.t("keg_loading"))
            return
        title.update(_cell(self.t("keg_title", whose=self._whose(), n=len(self.lines))))
        table = self.query_one("#keg-table", DataTable)
        table.clear(columns=True)
        # The count before the free texts: at 80 columns the place is what gets cut.
        for key in ("date", "type", "attendees", "topic", "place"):
            table.add_column(self.t(f"kcol_{key}"), key=key)
        if not self.lines:
            table.add_row(_cell(self.t("keg_none")), "", "", "", "")
            return
        for line in self.lines:
            table.add_row(
                short_date(line.day),
                _cell(line.type),
                Text(str(line.attendees), justify="right"),
                _cell(line.topic or "—"),
                _cell(line.place or "—"),
                key=line.id,
            )

    def action_toggle_scope(self) -> None:
        if self.actor is None:
            self.notify(self.t("choose_actor_first"), severity="warning")
            return
        self.around = not self.around
        self.lines = None
        self._show()
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)


class AgreementsScreen(SinergiScreen[None]):
    """Every kerja sama evaluated as of the app's day, most urgent first."""

    BINDINGS = bindings(AGREEMENTS)

    def __init__(self) -> None:
        super().__init__(id="agreements-screen")
        self.lines: list[AgreementLine] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="agr-title", classes="screen-title")
        yield Static("", id="agr-counts")
        yield DataTable(id="agr-table", cursor_type="row", zebra_stripes=True)
        yield KeyBar("", id="key-bar")

    def on_mount(self) -> None:
        self.refresh_texts()
        self.reload()

    def data_changed(self) -> None:
        self.reload()

    def refresh_texts(self) -> None:
        self.query_one(KeyBar).update(key_bar(AGREEMENTS, self.sapp.keymap, self.lang))
        self._show()

    def reload(self) -> None:
        self.agreements_worker(self.sapp.workspace.day)

    @work(thread=True, exclusive=True, group="records", exit_on_error=False)
    def agreements_worker(self, day: date) -> None:
        network = self.sapp.workspace.network
        if network is None:
            return
        agreements, activities = self.sapp.gate.call(lambda s: (s.agreements(), s.activities()))
        lines = agreement_lines(evaluate_agreements(agreements, activities, day), network)
        if not get_current_worker().is_cancelled:
            self.post_message(AgreementsReady(lines))

    @on(AgreementsReady)
    def _ready(self, event: AgreementsReady) -> None:
        self.lines = event.lines
        self._show()

    def _show(self) -> None:
        title = self.query_one("#agr-title", Static)
        if self.lines is None:
            title.update(self.t("agr_loading"))
            return
        day = long_date(self.sapp.workspace.day, self.lang)
        title.update(_cell(self.t("agr_title", day=day, n=len(self.lines))))
        counts = Text(no_wrap=True, overflow="ellipsis")
        for i, (reason, n) in enumerate(reason_counts(self.lines)):
            if i:
                counts.append(" · ")
            counts.append(f"{agreement_word(reason.value, self.lang)} {n}", REASON_STYLE[reason])
        self.query_one("#agr-counts", Static).update(counts)
        table = self.query_one("#agr-table", DataTable)
        table.clear(columns=True)
        # Titles and party lists are long: capped so status, parties and expiry fit in 80
        # columns (wider screens give the parties the room).
        wide = self.size.width >= 120
        widths = {"title": 40 if wide else 22, "parties": 60 if wide else 18}
        for key in ("status", "title", "parties", "expires", "follow_ups"):
            table.add_column(self.t(f"acol_{key}"), key=key, width=widths.get(key))
        if not self.lines:
            table.add_row(_cell(self.t("agr_none")), "", "", "", "")
            return
        for line in self.lines:
            follow = str(line.follow_ups)
            if line.last_follow_up is not None:
                follow += f" ({short_date(line.last_follow_up)})"
            table.add_row(
                Text(agreement_word(line.reason.value, self.lang), REASON_STYLE[line.reason]),
                _cell(line.title),
                _cell("; ".join(line.parties)),
                short_date(line.expires),
                follow,
                key=line.id,
            )

    def action_back(self) -> None:
        self.dismiss(None)
