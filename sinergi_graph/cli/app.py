"""The typer application, its global options, and what every command shares.

Global options (``--db``, ``--neo4j``, ``--lang``, ``--debug``) may stand
anywhere on the command line: :func:`sinergi_graph.cli.main` moves them in
front of the sub-command before typer parses it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from sinergi_graph.config import Settings, load_settings
from sinergi_graph.errors import SinergiError
from sinergi_graph.i18n import set_language, t
from sinergi_graph.kinds import KindCatalogue, load_catalogue
from sinergi_graph.rules import Rule, load_rules
from sinergi_graph.store.factory import open_store
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.tabular import FileFormat, write_rows

app = typer.Typer(
    name="sinergi",
    help="sinergi: analisis jejaring pemangku kepentingan penyelenggara pemilu "
    "(stakeholder-network analyzer for Indonesian election bodies).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    """Formats of list outputs: a terminal table or a file format."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
    MD = "md"


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
    settings = load_settings(db=db, neo4j_uri=neo4j, lang=lang)
    if db is not None and neo4j is None:
        # An explicit --db wins over a NEO4J_URI inherited from the environment.
        settings = settings.model_copy(update={"neo4j_uri": None})
    set_language(settings.lang)
    _state = CliState(settings, debug=debug)


@contextmanager
def store_session() -> Iterator[GraphStore]:
    """Open the configured store for one command and always close it."""
    store = open_store(state().settings)
    try:
        yield store
    finally:
        store.close()


def catalogue() -> KindCatalogue:
    return load_catalogue(state().settings.kinds_file)


def rules() -> list[Rule]:
    return load_rules(state().settings.rules_file, catalogue())


def lang() -> str:
    return state().settings.lang if state().settings.lang == "en" else "id"


def emit(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    output: Path | None,
    *,
    title: str = "",
    json_document: Any = None,
    limit: int | None = None,
    headers: Mapping[str, str] | None = None,
    no_wrap: Sequence[str] = (),
) -> None:
    """Print ``rows`` as a table or write them in a file format (to ``output`` or stdout)."""
    if fmt is OutputFormat.TABLE:
        if output is not None:
            write_rows(rows, columns, FileFormat.CSV, output, title=title)
            err_console.print(t("written_to", path=output))
            return
        table = Table(title=title or None, show_lines=False)
        for col in columns:
            table.add_column(
                (headers or {}).get(col, col), overflow="fold", no_wrap=col in no_wrap
            )
        shown = rows if limit is None else rows[:limit]
        for row in shown:
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
        console.print(table)
        if limit is not None and len(rows) > limit:
            console.print(t("table_truncated", shown=limit, total=len(rows)))
        return
    file_format = FileFormat(fmt.value)
    if file_format is FileFormat.XLSX and output is None:
        raise SinergiError("output_required", format="xlsx")
    text = write_rows(rows, columns, file_format, output, title=title, json_document=json_document)
    if text is not None:
        typer.echo(text, nl=False)
    else:
        err_console.print(t("written_to", path=output))
