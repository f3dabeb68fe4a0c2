"""Undo from the TUI: name what would be undone, ask, undo, and ask again on a conflict.

Kept out of :mod:`tui.app` so that the app module stays about the app; the
store calls run in the app's ``write`` worker group (one write at a time), and
the refresh after an undo goes through the app's ``NetworkChanged``.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from sinergi_graph.errors import SinergiError, UndoConflict
from tui.messages import NetworkChanged, WorkFailed

if TYPE_CHECKING:
    from tui.app import SinergiApp
    from tui.editing import Undone

__all__ = ["undo_last"]


def undo_last(app: SinergiApp) -> None:
    """Ask before undoing, naming the edit or the applied plan that would be undone."""
    _in_writer(app, partial(_peek_undo, app))


def _in_writer(app: SinergiApp, job: partial[None]) -> None:
    # As @work(thread=True, exclusive=True, group="write", exit_on_error=False) on the app.
    app.run_worker(job, thread=True, exclusive=True, group="write", exit_on_error=False)


def _peek_undo(app: SinergiApp) -> None:
    from tui.editing import next_undo

    pending = app.gate.call(next_undo)
    app.call_from_thread(_confirm_undo, app, pending)


def _confirm_undo(app: SinergiApp, pending: Undone | None) -> None:
    from tui.confirm import ConfirmModal

    if pending is None:
        app.notify(app.t("undo_nothing"), severity="warning")
        return

    def confirmed(ok: bool | None) -> None:
        if ok:
            _in_writer(app, partial(_run_undo, app, False))

    key = "undo_confirm_edit" if pending.what == "edit" else "undo_confirm_scenario"
    app.push_screen(ConfirmModal(app.t(key, label=pending.label)), confirmed)


def _run_undo(app: SinergiApp, force: bool) -> None:
    from sinergi_graph.scenarios import undo_last as undo_in_store

    try:  # the revision in the same store call: nothing of this app writes in between
        before, done = app.gate.call(lambda s: (s.revision(), undo_in_store(s, force=force)))
    except SinergiError as exc:
        if isinstance(exc, UndoConflict) and not force:
            app.call_from_thread(_ask_force_undo, app, exc.render(app.lang))
            return
        raise
    if done is None:
        app.post_message(WorkFailed(app.t("undo_nothing")))
        return
    if app.history:
        app.history.pop()
    key = "undone_edit" if done.kind.value == "edit" else "undone_scenario"
    note = app.t(key, label=done.title)
    app.post_message(NetworkChanged(note, changes=done.inverse, revision=before))


def _ask_force_undo(app: SinergiApp, detail: str) -> None:
    from tui.confirm import ConfirmModal

    def confirmed(ok: bool | None) -> None:
        if ok:
            _in_writer(app, partial(_run_undo, app, True))

    app.push_screen(ConfirmModal(app.t("undo_conflict", detail=detail)), confirmed)
