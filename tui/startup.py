"""Before the store is opened: a missing store file is asked about, never created silently.

The CLI's read commands refuse a ``--db`` file that does not exist (a typo
would otherwise leave an empty store behind and show "no gaps"). The TUI can
also write, so it offers to create the file — and quits with the CLI's
message when the answer is no.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sinergi_graph.config import Settings
from sinergi_graph.store.errors import StoreMissing

if TYPE_CHECKING:
    from tui.app import SinergiApp

__all__ = ["ask_create_store", "missing_store"]


def missing_store(settings: Settings) -> Path | None:
    """The embedded store file the settings name when it does not exist (else ``None``)."""
    if settings.neo4j_uri:
        return None
    path = settings.db_path()
    return None if path.exists() else path


def ask_create_store(app: SinergiApp, path: Path, start: Callable[[], object]) -> None:
    """Ask whether to create ``path``; yes runs ``start()``, no quits with the CLI's message."""
    from tui.confirm import ConfirmModal

    def answered(create: bool | None) -> None:
        if create:
            start()
            return
        message = StoreMissing(path=str(path)).render(app.lang)
        app.exit(return_code=1, message=message)

    app.push_screen(ConfirmModal(app.t("store_missing_ask", path=str(path))), answered)
