"""Small modal screens with typed results: a line of text, a choice from a list, a text view."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from sinergi_graph.text import printable
from tui.base import SinergiModal
from tui.model.display import plain


class TextPrompt(SinergiModal[str | None]):
    """Ask for one line of text; ``None`` when cancelled or empty."""

    BINDINGS = [Binding("escape", "cancel", show=False, id="modal_cancel")]  # noqa: RUF012

    def __init__(self, question: str, *, value: str = "") -> None:
        super().__init__(classes="modal")
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(printable(self.question), classes="dialog-text", markup=False)
            yield Input(value=self.value, id="prompt-input")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("cancel"), id="cancel")
                yield Button(self.t("ok"), variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        text = self.query_one(Input).value.strip()
        self.dismiss(text or None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoicePrompt(SinergiModal[str | None]):
    """Pick one of ``choices`` (value, label); ``None`` when cancelled."""

    BINDINGS = [Binding("escape", "cancel", show=False, id="modal_cancel")]  # noqa: RUF012

    def __init__(self, question: str, choices: list[tuple[str, str]]) -> None:
        super().__init__(classes="modal")
        self.question = question
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(printable(self.question), classes="dialog-text", markup=False)
            yield OptionList(
                *[Option(Text(plain(label)), id=value) for value, label in self.choices]
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class TextView(SinergiModal[None]):
    """Show a renderable (a comparison table, say) until escape."""

    BINDINGS = [Binding("escape,q,enter", "close", show=False, id="modal_cancel")]  # noqa: RUF012

    def __init__(self, title: str, body: RenderableType) -> None:
        super().__init__(classes="modal")
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide-dialog"):
            yield Static(plain(self.title_text), classes="dialog-title", markup=False)
            with VerticalScroll():
                yield Static(self.body)
            yield Static(self.t("close_hint"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
