"""``sinergi`` command line: entry point, global-option handling and error reporting.

The commands live one group per module (``gaps``, ``export``, ``metrics``,
``paths``, ``simulate``, ``scenarios``, ``recommend``, ``copy``; ``import``,
``stats`` and ``demo`` in ``core``), all printing through :mod:`.output` and
sharing the options of :mod:`.options`.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

import typer

from sinergi_graph.errors import SinergiError
from sinergi_graph.i18n import t
from sinergi_graph.text import printable

_VALUED = {"--db", "--neo4j", "--lang"}
_FLAGS = {"--debug"}


def hoist_global_options(argv: Sequence[str]) -> list[str]:
    """Move global options to the front so they work before or after the sub-command.

    >>> hoist_global_options(["gaps", "--db", "x.db", "--format", "csv"])
    ['--db', 'x.db', 'gaps', '--format', 'csv']
    """
    front: list[str] = []
    rest: list[str] = []
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        name = arg.split("=", 1)[0]
        if name in _VALUED:
            if "=" in arg:
                front.append(arg)
            else:
                front.extend(args[i : i + 2])
                i += 1
        elif arg in _FLAGS:
            front.append(arg)
        else:
            rest.append(arg)
        i += 1
    return front + rest


#: The command modules, in the order their commands are listed; each adds its
#: commands with ``register(app)`` (``core`` holds ``import``, ``stats`` and ``demo``).
_MODULES = (
    "core",
    "gaps",
    "export",
    "metrics",
    "paths",
    "simulate",
    "scenarios",
    "recommend",
    "copy",
    "neo4j_files",
    "stages",
    "report",
    "draw",
    "activities",
    "agreements",
    "template",
    "invite",
)

#: The module of each top-level command (a test checks it against the full tree).
COMMAND_MODULES = {
    "import": "core",
    "stats": "core",
    "demo": "core",
    "gaps": "gaps",
    "export": "export",
    "metrics": "metrics",
    "path": "paths",
    "simulate": "simulate",
    "undo": "scenarios",
    "scenarios": "scenarios",
    "recommend": "recommend",
    "copy": "copy",
    "neo4j-files": "neo4j_files",
    "stages": "stages",
    "report": "report",
    "draw": "draw",
    "activities": "activities",
    "agreements": "agreements",
    "template": "template",
    "invite": "invite",
}


def _build(command: str | None = None) -> typer.Typer:
    """The command tree: all of it, or only the module of ``command`` when it names one.

    Importing every command module costs more than a second at start-up
    (``metrics`` alone pulls in igraph and matplotlib), so a run of one known
    command loads only that command's module. Anything else (no command,
    ``--help``, a misspelt or plug-in command) gets the whole tree, so help
    listings and "no such command" messages stay complete.
    """
    from importlib import import_module
    from importlib.metadata import entry_points

    from sinergi_graph.cli.app import app

    only = COMMAND_MODULES.get(command) if command is not None else None
    for name in (only,) if only is not None else _MODULES:
        try:
            module = import_module(f"sinergi_graph.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"sinergi_graph.cli.{name}":
                raise
            continue
        module.register(app)
    if only is not None:
        return app
    # Front ends outside the core (the Textual UI) plug their commands in through an
    # entry point, so the core never imports them.
    for entry in entry_points(group="sinergi.commands"):
        entry.load()(app)
    return app


def _command_name(args: Sequence[str]) -> str | None:
    """The sub-command of hoisted ``args`` (global options first), or ``None``.

    >>> _command_name(["--db", "x.db", "--lang", "en", "gaps", "--area", "33"])
    'gaps'
    >>> _command_name(["--debug", "--help"]) is None
    True
    """
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in _VALUED:
            i += 2
        elif arg.split("=", 1)[0] in _VALUED or arg in _FLAGS:
            i += 1
        else:
            return None if arg.startswith("-") else arg
    return None


def early_language(args: Sequence[str]) -> None:
    """Set the language from ``--lang``, ``SINERGI_LANG`` or the settings before typer runs.

    ``--help`` is rendered before any command's callback, so the help texts are
    chosen here; a bad value is left for the global-option callback to report.
    """
    from sinergi_graph.config import load_settings
    from sinergi_graph.i18n import set_language

    chosen: str | None = None
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            chosen = args[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.split("=", 1)[1]
    try:
        set_language(chosen)
        set_language(load_settings(lang=chosen).lang)
    except Exception:  # reported properly once typer parses the options
        set_language(None)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; failures exit non-zero with one clear line (traceback only with --debug)."""
    args = hoist_global_options(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if "tui" not in args:
        # A command is a short process building large acyclic structures (a national
        # graph is ~1M objects); the cycle collector would walk them again and again
        # for nothing. The long-running TUI keeps it.
        gc.disable()
    from sinergi_graph.cli.app import err_console

    try:
        from sinergi_graph.cli.help import localise

        early_language(args)
        command = localise(typer.main.get_command(_build(_command_name(args))))
        command.main(args=args, prog_name="sinergi", standalone_mode=False)
        # Flush here, not at interpreter exit, so a reader that went away is seen below.
        sys.stdout.flush()
    except SinergiError as exc:
        if debug:
            raise
        from sinergi_graph.importer import ImportRejected

        if isinstance(exc, ImportRejected):
            for problem in exc.problems:
                err_console.print(printable(problem.render()), markup=False, soft_wrap=True)
        err_console.print(
            f"sinergi: {printable(exc.render(), multiline=False)}", markup=False, soft_wrap=True
        )
        sys.exit(1)
    except typer.Abort:
        err_console.print(f"sinergi: {t('cli.aborted')}", markup=False)
        sys.exit(130)
    except BrokenPipeError:
        # The reader went away (``| head``): what it did not read is not a success.
        # Python's documented recipe: point stdout at devnull so the final flush
        # does not fail a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        err_console.print(f"sinergi: {t('cli.broken_pipe')}", markup=False)
        sys.exit(141)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.TyperException as exc:
        # Usage errors (unknown option, bad value): typer's vendored click exceptions.
        from sinergi_graph.cli.help import usage_error_text

        message = usage_error_text(exc)
        if message:  # empty when typer already printed the help (no arguments)
            err_console.print(f"sinergi: {printable(message)}", markup=False, soft_wrap=True)
        sys.exit(getattr(exc, "exit_code", 2))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if debug:
            raise
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0]
        err_console.print(
            f"sinergi: {t('unexpected', detail=detail)}", markup=False, soft_wrap=True
        )
        sys.exit(1)
