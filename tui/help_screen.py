"""``?``: every key of every screen, as remapped by the user, in the current language."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.base import SinergiModal
from tui.bindings import SECTIONS, display_key, effective_key
from tui.i18n import tr


def help_table(keymap: dict[str, str], lang: str) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for section, keys in SECTIONS:
        table.add_row(Text(tr(section, lang), style="bold underline"), "")
        for k in keys:
            table.add_row(Text(display_key(effective_key(k, keymap))), tr(k.label, lang))
        table.add_row("", "")
    return table


class HelpScreen(SinergiModal[None]):
    """Any key closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", show=False, id="help_close")]  # noqa: RUF012

    def __init__(self) -> None:
        super().__init__(id="help-screen", classes="modal")

    def compose(self) -> ComposeResult:
        app = self.sapp
        with Vertical(classes="dialog help-dialog"):
            yield Static(self.t("help_title"), classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_table(app.keymap, app.lang), id="help-body")
            yield Static(self.t("help_footer"), classes="dialog-hint", markup=False)

    def refresh_texts(self) -> None:
        self.query_one("#help-body", Static).update(help_table(self.sapp.keymap, self.sapp.lang))

    def action_close(self) -> None:
        self.dismiss(None)
