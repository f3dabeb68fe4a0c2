"""A yes/no question as a modal screen: returns ``True`` for yes, ``False`` otherwise."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from sinergi_graph.text import printable
from tui.base import SinergiModal


class ConfirmModal(SinergiModal[bool]):
    """Ask before anything is written to the store."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,n", "answer(False)", show=False, id="modal_cancel"),
        Binding("y", "answer(True)", show=False, id="modal_yes"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__(classes="modal")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            # The question quotes names and labels: shown as plain text, never as markup.
            yield Static(printable(self.question), classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("no"), id="no")
                yield Button(self.t("yes"), variant="primary", id="yes")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
