"""The bottom lines: what the store holds, progress of long work, and the main keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class StatusBar(Horizontal):
    """One line: a message on the left, a progress bar while something long runs."""

    def compose(self) -> ComposeResult:
        yield Static("", id="status-text")
        yield ProgressBar(total=100, show_eta=False, id="status-progress")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def say(self, text: str) -> None:
        self.query_one("#status-text", Static).update(text)

    def progress(self, fraction: float | None) -> None:
        """Show ``fraction`` (0…1) of the work done; ``None`` or 1 hides the bar."""
        bar = self.query_one(ProgressBar)
        if fraction is None or fraction >= 1:
            bar.display = False
            return
        bar.display = True
        bar.update(progress=round(fraction * 100))


class KeyBar(Static):
    """The most useful keys of the current screen, in the current language."""
