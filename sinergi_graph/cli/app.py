"""The typer application, its global options, and what every command shares.

Global options (``--db``, ``--neo4j``, ``--lang``, ``--debug``) may stand
anywhere on the command line: :func:`sinergi_graph.cli.main` moves them in
front of the sub-command before typer parses it. Output (tables, files) lives
in :mod:`sinergi_graph.cli.output`; its names are re-exported here for the
modules that imported them from this one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import typer

from sinergi_graph.cli import output
from sinergi_graph.cli.output import OutputFormat, console, emit, err_console
from sinergi_graph.config import Settings, load_settings
from sinergi_graph.i18n import set_language
from sinergi_graph.kinds import KindCatalogue, load_catalogue
from sinergi_graph.rules import Rule, load_rules
from sinergi_graph.store.errors import StoreEmpty
from sinergi_graph.store.factory import open_store
from sinergi_graph.store.protocol import GraphStore

__all__ = [
    "CliState",
    "OutputFormat",
    "app",
    "catalogue",
    "console",
    "emit",
    "err_console",
    "lang",
    "rules",
    "state",
    "store_session",
]

app = typer.Typer(
    name="sinergi",
    help="sinergi: analisis jejaring pemangku kepentingan penyelenggara pemilu "
    "(stakeholder-network analyzer for Indonesian election bodies).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@dataclass
class CliState:
    settings: Settings
    debug: bool = False


_state: CliState | None = None


def state() -> CliState:
    global _state
    if _state is None:
        _state = CliState(load_settings())
    return _state


@app.callback()
def _global_options(
    db: Path | None = typer.Option(None, "--db", help="Embedded store file (or SINERGI_DB)."),
    neo4j: str | None = typer.Option(
        None, "--neo4j", help="Neo4j URI, e.g. bolt://localhost:7687 (or NEO4J_URI)."
    ),
    lang: str | None = typer.Option(None, "--lang", help="id (default) or en (or SINERGI_LANG)."),
    debug: bool = typer.Option(False, "--debug", help="Show full tracebacks on errors."),
) -> None:
    global _state
    # The language first, so an error in the settings themselves is in the asked-for language.
    set_language(lang)
    settings = load_settings(db=db, neo4j_uri=neo4j, lang=lang)
    if db is not None and neo4j is None:
        # An explicit --db wins over a NEO4J_URI inherited from the environment.
        settings = settings.model_copy(update={"neo4j_uri": None})
    set_language(settings.lang)
    output.protect(None if settings.neo4j_uri else settings.db_path())
    _state = CliState(settings, debug=debug)


@contextmanager
def store_session(*, read_only: bool = False, need_network: bool = False) -> Iterator[GraphStore]:
    """Open the configured store for one command and always close it.

    ``read_only`` for commands that only read: nothing is created, written or locked.
    ``need_network`` for analyses: an empty store is an error that says so, never
    an answer such as "no gaps" about a network nobody has loaded.
    """
    store = open_store(state().settings, read_only=read_only)
    try:
        if need_network and store.is_empty():
            raise StoreEmpty(path=store.location)
        yield store
    finally:
        store.close()


def catalogue() -> KindCatalogue:
    return load_catalogue(state().settings.kinds_file)


def rules() -> list[Rule]:
    return load_rules(state().settings.rules_file, catalogue())


def lang() -> str:
    return state().settings.lang if state().settings.lang == "en" else "id"
