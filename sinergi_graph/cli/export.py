"""``sinergi export``: the whole network in the import formats.

``--output FILE`` without ``--format`` takes the format from the extension
(``.json``, ``.xlsx``; a path without one is a CSV folder). Like every output,
the open store is never a target, existing files are replaced only with
``--force`` (for CSV: a ``nodes.csv`` or ``links.csv`` already in the folder),
and files are written aside and renamed, so a full disk leaves nothing partial.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sinergi_graph.cli.app import lang, store_session
from sinergi_graph.cli.graph_export import graph_file
from sinergi_graph.cli.options import ForceOpt
from sinergi_graph.cli.output import atomic_folder, atomic_path, check_target, say
from sinergi_graph.errors import OutputRefused, UsageError
from sinergi_graph.exporting import export_network
from sinergi_graph.graph_export import ExportFormat
from sinergi_graph.i18n import t
from sinergi_graph.numbers import number
from sinergi_graph.tabular import FileFormat

__all__ = ["export_command", "export_format", "register"]

_EXPORTABLE = (FileFormat.CSV, FileFormat.XLSX, FileFormat.JSON)
_BY_EXTENSION = {".json": FileFormat.JSON, ".xlsx": FileFormat.XLSX, "": FileFormat.CSV}
# What a CSV export writes, checked before the work so a refusal is immediate.
_CSV_FILES = (
    "nodes.csv",
    "links.csv",
    "activities.csv",
    "attendance.csv",
    "agreements.csv",
)


def export_format(fmt: FileFormat | None, output: Path) -> FileFormat:
    """The export format: ``--format`` if given (checked against the extension), else the extension.

    Examples
    --------
    >>> export_format(None, Path("jaringan.xlsx")).value, export_format(None, Path("folder")).value
    ('xlsx', 'csv')
    """
    allowed = ", ".join(f.value for f in _EXPORTABLE)
    if fmt is not None and fmt not in _EXPORTABLE:
        raise UsageError("export_format", format=fmt.value, allowed=allowed)
    suffix = output.suffix.lower()
    by_extension = _BY_EXTENSION.get(suffix)
    if fmt is None:
        if by_extension is None:
            raise OutputRefused("output_unknown_extension", path=str(output), allowed=allowed)
        return by_extension
    if suffix and by_extension is not None and by_extension is not fmt:
        raise OutputRefused(
            "output_format_mismatch", format=fmt.value, path=str(output), expected=fmt.value
        )
    return fmt


def export_command(
    output: Annotated[Path, typer.Option("--output", help="Folder (csv) or file (xlsx, json).")],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            help="csv (a folder), xlsx, json, graphml or gexf (default: from the extension).",
            show_default=False,
        ),
    ] = None,
    show_contacts: Annotated[
        bool, typer.Option("--show-contacts", help="Include phone, e-mail and NIK columns.")
    ] = False,
    force: ForceOpt = False,
) -> None:
    """Ekspor seluruh jaringan / Export the whole network."""
    if graph_file(fmt, output, force=force):
        return
    chosen = export_format(FileFormat(fmt.value) if fmt is not None else None, output)
    if chosen is FileFormat.CSV:
        check_target(output, force=force, folder=True)
        for name in _CSV_FILES:
            check_target(output / name, force=force)
    else:
        check_target(output, force=force)
    with store_session(read_only=True) as store:
        if chosen is FileFormat.CSV:
            with atomic_folder(output, force=force) as folder:
                result = export_network(store, chosen, folder, include_contacts=show_contacts)
        else:
            with atomic_path(output) as tmp:
                result = export_network(store, chosen, tmp, include_contacts=show_contacts)
    say(
        t(
            "export_done",
            actors=number(result.actors, lang()),
            links=number(result.links, lang()),
            path=output,
        )
    )
    if result.withheld_contacts:
        say(t("contacts_withheld"), err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
