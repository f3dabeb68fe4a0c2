"""What every screen shares: the typed app, its language, and one policy for failed work.

Screens reach the application through :attr:`SinergiScreen.sapp`, typed as
:class:`~tui.app.SinergiApp` by an import made only for the type checker (the
app imports the screens, so a runtime import back would be a cycle). Texts
come from :meth:`SinergiScreen.t`, in the app's current language — the
language is reactive state on the app, and every open screen's
``refresh_texts`` runs when it changes.

Workers are started with ``exit_on_error=False`` and do not catch what they
cannot handle: a failed worker reaches :meth:`on_worker_state_changed`, which
hands it to the app's single policy (:meth:`~tui.app.SinergiApp.work_failed`):
the status line says so, and the user reads what happened and what to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from sinergi_graph.errors import SinergiError
from tui.i18n import tr

if TYPE_CHECKING:
    from tui.app import SinergiApp

__all__ = ["SinergiModal", "SinergiScreen", "app_of", "describe_error"]

ResultT = TypeVar("ResultT")


def describe_error(exc: BaseException, lang: str) -> str:
    """What went wrong and what to do about it, in the user's language."""
    if isinstance(exc, SinergiError):
        return exc.render(lang)
    if isinstance(exc, PermissionError):
        return tr("err_permission", lang, path=exc.filename or "", detail=exc.strerror or "")
    if isinstance(exc, OSError):
        return tr("err_os", lang, path=exc.filename or "", detail=exc.strerror or str(exc))
    return tr("err_unexpected", lang, kind=type(exc).__name__, detail=str(exc)[:200])


class _HasApp(Protocol):
    @property
    def app(self) -> App[Any]: ...


def app_of(node: _HasApp) -> SinergiApp:
    """The running :class:`~tui.app.SinergiApp` of a screen, widget or palette provider."""
    return cast("SinergiApp", node.app)


class _Shared:
    """Typed app access, texts, and the failed-worker hand-off (mixed into the screens)."""

    @property
    def sapp(self) -> SinergiApp:
        """The application, typed."""
        return app_of(cast(_HasApp, self))

    @property
    def lang(self) -> str:
        """The language texts are shown in now (``id`` or ``en``)."""
        return self.sapp.lang

    def t(self, key: str, /, **params: object) -> str:
        """Message ``key`` of ``tui/messages.toml`` in the current language."""
        return tr(key, self.sapp.lang, **params)

    def refresh_texts(self) -> None:
        """Show every text again in the current language (called when it changes)."""

    def data_changed(self) -> None:
        """The network or its gaps were loaded again (screens that show them refilter)."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.sapp.work_failed(event.worker)


class SinergiScreen(_Shared, Screen[ResultT]):
    """A full screen of the sinergi TUI."""


class SinergiModal(_Shared, ModalScreen[ResultT]):
    """A dialog of the sinergi TUI."""
