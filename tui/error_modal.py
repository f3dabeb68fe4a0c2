"""An error the user must read: what happened and what to do, never a traceback."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button, Static

from sinergi_graph.text import printable
from tui.base import SinergiModal


class ErrorModal(SinergiModal[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape,enter", "close", show=False, id="modal_cancel"),
        Binding("q", "app.quit", show=False, id="error_quit"),
    ]

    # Focus the close button when the modal becomes active. (Querying for it in
    # on_mount raced with a dismiss on a loaded machine: NoMatches.)
    AUTO_FOCUS = "#close"

    def __init__(self, title: str, text: str) -> None:
        super().__init__(classes="modal")
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error-dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(printable(self.text), classes="dialog-text", markup=False)
            yield Static(self.t("err_next_steps"), classes="dialog-hint")
            yield Button(self.t("close"), variant="error", id="close")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
