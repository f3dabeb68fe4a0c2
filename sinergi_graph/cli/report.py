"""``sinergi report``: the meeting-ready recap of an area as XLSX, PDF, DOCX or HTML."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import typer

from sinergi_graph.cli.app import catalogue, lang, rules, store_session
from sinergi_graph.cli.core import resolve_area, resolve_date
from sinergi_graph.cli.output import say
from sinergi_graph.errors import SinergiError
from sinergi_graph.i18n import t
from sinergi_graph.store.protocol import GraphStore

__all__ = ["read_store", "register", "report_command"]


def read_store() -> AbstractContextManager[GraphStore]:
    """The configured store, opened read-only where the CLI supports it.

    A report or a picture only reads; read-only also means a mistyped ``--db``
    is an error instead of a new empty store.
    """
    return store_session(read_only=True, need_network=True)


def report_command(
    area: str = typer.Option(
        ..., "--area", help="Kode wilayah: provinsi, kabupaten/kota, kecamatan / area code."
    ),
    output: Path = typer.Option(
        ..., "--output", help="Berkas .xlsx, .pdf, .docx atau .html / output file."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Keadaan per tanggal ini / evaluate as of this date."
    ),
    show_contacts: bool = typer.Option(
        False, "--show-contacts", help="Sertakan telepon, e-mail, NIK / include contacts."
    ),
    force: bool = typer.Option(False, "--force", help="Timpa berkas yang ada / overwrite."),
) -> None:
    """Laporan rapat koordinasi suatu wilayah / Meeting-ready recap of an area."""
    from sinergi_graph.report.build import build_report
    from sinergi_graph.report.write import check_report_path, write_report

    code = resolve_area(area)
    if code is None or code == "ID":
        raise SinergiError("report_area_national")
    day = resolve_date(as_of)
    # Refuse a wrong extension or an existing file before minutes of analysis.
    check_report_path(output, force=force)
    with read_store() as store:
        report = build_report(
            store,
            code,
            rules(),
            catalogue=catalogue(),
            as_of=day,
            show_contacts=show_contacts,
            lang=lang(),
        )
    write_report(report, output, force=force)
    say(t("report_written", path=output), err=True)


def register(app: typer.Typer) -> None:
    """Add ``report`` to the ``sinergi`` application."""
    app.command("report")(report_command)
