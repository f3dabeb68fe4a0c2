"""``sinergi draw``: a picture of an area's network (or of one actor's neighbourhood)."""

from __future__ import annotations

from pathlib import Path

import typer

from sinergi_graph.cli.app import catalogue, lang, rules
from sinergi_graph.cli.core import resolve_area, resolve_date
from sinergi_graph.cli.output import say
from sinergi_graph.cli.report import read_store
from sinergi_graph.errors import SinergiError
from sinergi_graph.i18n import t

__all__ = ["PICTURE_FORMATS", "draw_command", "register"]

PICTURE_FORMATS = (".png", ".svg", ".html")


def draw_command(
    output: Path = typer.Option(
        ..., "--output", help="Berkas .png, .svg atau .html / output file."
    ),
    area: str | None = typer.Option(
        None, "--area", help="Kode wilayah (kecamatan, kabupaten/kota, provinsi) / area code."
    ),
    around: str | None = typer.Option(
        None, "--around", help="Gambar sekitar aktor ini (id) / draw around this actor."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Keadaan per tanggal ini / evaluate as of this date."
    ),
    force: bool = typer.Option(False, "--force", help="Timpa berkas yang ada / overwrite."),
) -> None:
    """Gambar jaringan koordinasi / Picture of the coordination network."""
    from sinergi_graph.drawing.layout import picture_around, picture_of_area
    from sinergi_graph.drawing.static import render
    from sinergi_graph.drawing.web import node_details, picture_page
    from sinergi_graph.gaps import find_gaps
    from sinergi_graph.graph import graph_from_store
    from sinergi_graph.report.write import atomic_write

    suffix = output.suffix.lower()
    if suffix not in PICTURE_FORMATS:
        raise SinergiError("draw_unknown_format", path=str(output))
    if area is None and around is None:
        raise SinergiError("draw_area_required")
    if output.exists() and not force:
        raise SinergiError("report_output_exists", path=str(output))
    code = resolve_area(area)
    day = resolve_date(as_of)
    chosen = rules()
    language = lang()
    with read_store() as store:
        G = graph_from_store(store, catalogue=catalogue(), as_of=day)
    gaps = find_gaps(G, chosen, area=None if around else code, as_of=day)
    if around is not None:
        try:
            picture = picture_around(
                G, gaps, around, lang=language, catalogue=catalogue(), area=code
            )
        except KeyError:
            raise SinergiError("unknown_actor", id=around) from None
    else:
        assert code is not None
        if code == "ID":
            raise SinergiError("report_area_national")
        picture = picture_of_area(G, gaps, code, lang=language, catalogue=catalogue())

    def produce() -> bytes:
        if suffix == ".html":
            details = node_details(picture, G, gaps, chosen, language)
            return picture_page(picture, details).encode("utf-8")
        return render(picture, "png" if suffix == ".png" else "svg")

    atomic_write(output, produce, force=force)
    say(t("draw_written", path=output), err=True)


def register(app: typer.Typer) -> None:
    """Add ``draw`` to the ``sinergi`` application."""
    app.command("draw")(draw_command)
