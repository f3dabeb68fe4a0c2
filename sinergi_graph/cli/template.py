"""``sinergi template --output FILE.xlsx``: an empty workbook to fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sinergi_graph.cli.app import catalogue
from sinergi_graph.cli.options import ForceOpt
from sinergi_graph.cli.output import OutputFormat, atomic_path, check_output, say
from sinergi_graph.i18n import t
from sinergi_graph.template import write_template

__all__ = ["register", "template_command"]


def template_command(
    output: Annotated[Path, typer.Option("--output", help="Berkas .xlsx / the workbook to write.")],
    force: ForceOpt = False,
) -> None:
    """Buku kerja kosong untuk diisi / An empty workbook to fill in and import."""
    check_output(output, OutputFormat.XLSX, force=force, allowed=(OutputFormat.XLSX,))
    with atomic_path(output) as tmp:
        write_template(tmp, catalogue())
    say(t("act.template_written", path=output))


def register(app: typer.Typer) -> None:
    """Add ``template`` to the ``sinergi`` application."""
    app.command("template")(template_command)
