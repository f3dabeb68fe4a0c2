"""The bottom lines: what the store holds, the election stage, progress, and the main keys."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static

from tui.i18n import tr
from tui.model.calendar import StageNow

__all__ = ["KeyBar", "StatusBar", "stage_text"]


def stage_text(now: StageNow | None, lang: str) -> str:
    """``Pemilu 2024: Masa kerja PPS · 12 hari lagi Rekapitulasi`` in ``lang``."""
    if now is None:
        return ""
    cal = now.calendar.name(lang)
    if now.current is not None:
        text = tr("stage_current", lang, calendar=cal, stage=now.current.name(lang))
    else:
        text = tr("stage_none", lang, calendar=cal)
    if now.upcoming is not None:
        nxt = tr("stage_next", lang, days=now.days_to_next, stage=now.upcoming.name(lang))
        text += " · " + nxt
    return text


class StatusBar(Horizontal):
    """One line: a message on the left, a progress bar while something long runs."""

    def compose(self) -> ComposeResult:
        yield Static("", id="status-text")
        yield Static("", id="status-stage")
        yield ProgressBar(total=100, show_eta=False, id="status-progress")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def say(self, text: str) -> None:
        self.query_one("#status-text", Static).update(text)

    def show_stage(self, text: str) -> None:
        """The election stage on the app's day (cut with … when the line is short)."""
        self.query_one("#status-stage", Static).update(
            Text(text, no_wrap=True, overflow="ellipsis")
        )

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
