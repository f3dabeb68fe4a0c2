"""The ``sinergi tui`` command, plugged into the CLI by the ``sinergi.commands`` entry point."""

from __future__ import annotations

import typer


def tui_command() -> None:
    """Buka antarmuka terminal / Open the terminal UI."""
    import sys

    from sinergi_graph.cli.app import state
    from sinergi_graph.errors import UsageError

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # Without a terminal Textual would wait forever for one: say so and stop.
        raise UsageError("no_terminal")
    from tui.app import SinergiApp

    SinergiApp(settings=state().settings).run()


def register(app: typer.Typer) -> None:
    app.command("tui")(tui_command)
