"""Options shared by several commands, declared once, and the parsing of their values.

Each ``…Opt`` is an :data:`typing.Annotated` type a command uses as its
parameter annotation, so ``--area`` or ``--output`` read and check the same
everywhere. Number options reject values that make no sense (``--top 0``,
``--limit -1``) with one clear line in the user's language, instead of being
accepted silently.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sinergi_graph.areas import load_areas
from sinergi_graph.cli.output import OutputFormat
from sinergi_graph.dates import parse_date
from sinergi_graph.errors import UnknownArea, UsageError

__all__ = [
    "AreaOpt",
    "AsOfOpt",
    "ForceOpt",
    "FormatOpt",
    "OutputOpt",
    "SeedOpt",
    "SimFormat",
    "SimFormatOpt",
    "YesOpt",
    "not_negative",
    "positive",
    "resolve_area",
    "resolve_date",
]


class SimFormat(StrEnum):
    """Formats of commands that print a table or one JSON document."""

    TABLE = "table"
    JSON = "json"


def positive(option: str) -> Callable[[int | None], int | None]:
    """A typer callback refusing zero and negative values of ``option``."""

    def check(value: int | None) -> int | None:
        if value is not None and value < 1:
            raise UsageError("must_be_positive", option=option, value=value)
        return value

    return check


def not_negative(option: str) -> Callable[[int | None], int | None]:
    """A typer callback refusing negative values of ``option`` (0 means "all")."""

    def check(value: int | None) -> int | None:
        if value is not None and value < 0:
            raise UsageError("must_not_be_negative", option=option, value=value)
        return value

    return check


def resolve_area(text: str | None) -> str | None:
    """Canonical area code for ``--area`` (``None`` stays ``None``), or a clear error."""
    if text is None:
        return None
    code = load_areas().resolve(text)
    if code is None:
        raise UnknownArea(code=text)
    return code


def resolve_date(text: str | None) -> date | None:
    """The date of ``--as-of`` and friends (``None`` stays ``None``), or a clear error."""
    if text is None:
        return None
    day = parse_date(text)
    if day is None:
        raise UsageError("bad_date", value=text)
    return day


AreaOpt = Annotated[
    str | None, typer.Option("--area", help="Area code (any level) or ID.", show_default=False)
]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="Evaluate as of this date.")]
FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        help="table, csv, json, xlsx or md (default: table; with --output: from its extension).",
        show_default=False,
    ),
]
OutputOpt = Annotated[Path | None, typer.Option("--output", help="Write to this file.")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing output file.")]
SeedOpt = Annotated[
    int, typer.Option("--seed", help="Seed of the betweenness sample and of Louvain.")
]
SimFormatOpt = Annotated[SimFormat, typer.Option("--format", help="table or json.")]
YesOpt = Annotated[bool, typer.Option("--yes", help="Do not ask.")]
