"""A yes/no question as a modal screen: returns ``True`` for yes, ``False`` otherwise."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.i18n import tr


class ConfirmModal(ModalScreen[bool]):
    """Ask before anything is written to the store."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape,n", "answer(False)", show=False, id="modal_cancel"),
        Binding("y", "answer(True)", show=False, id="modal_yes"),
    ]

    def __init__(self, question: str, lang: str) -> None:
        super().__init__(classes="modal")
        self.question = question
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(tr("no", self.lang), id="no")
                yield Button(tr("yes", self.lang), variant="primary", id="yes")

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
