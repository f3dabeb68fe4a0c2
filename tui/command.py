"""The ``sinergi tui`` command, plugged into the CLI by the ``sinergi.commands`` entry point."""

from __future__ import annotations

import typer


def tui_command() -> None:
    """Buka antarmuka terminal / Open the terminal UI."""
    from sinergi_graph.cli.app import state
    from tui.app import SinergiApp

    SinergiApp(settings=state().settings).run()


def register(app: typer.Typer) -> None:
    app.command("tui")(tui_command)
