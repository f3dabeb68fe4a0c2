"""The data commands: import, stats and demo.

``gaps`` lives in :mod:`sinergi_graph.cli.gaps`, ``export`` in
:mod:`sinergi_graph.cli.export`; their names (and ``resolve_area`` /
``resolve_date``, now in :mod:`sinergi_graph.cli.options`) are re-exported
here for a while so older imports keep working.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sinergi_graph.areas import load_areas
from sinergi_graph.cli.app import catalogue, console, err_console, lang, store_session
from sinergi_graph.cli.export import export_command
from sinergi_graph.cli.gaps import gaps_command
from sinergi_graph.cli.options import SimFormat, SimFormatOpt, resolve_area, resolve_date
from sinergi_graph.cli.output import OutputFormat, emit, say
from sinergi_graph.i18n import t
from sinergi_graph.numbers import number
from sinergi_graph.scenarios.imports import JOURNAL_LIMIT, import_journalled

__all__ = [
    "demo_command",
    "export_command",
    "gaps_command",
    "import_command",
    "register",
    "resolve_area",
    "resolve_date",
    "stats_command",
]


def import_command(
    files: list[Path] = typer.Argument(..., help="CSV, XLSX, JSON or GraphML files."),
    create_missing: bool = typer.Option(
        False,
        "--create-missing",
        help="Buat aktor daftar hadir yang belum ada / Create attendees not yet recorded.",
    ),
) -> None:
    """Impor aktor dan tautan / Import actors and links (all-or-nothing)."""
    label = t("import_label", files=", ".join(f.name for f in files))
    with store_session() as store:
        # Journalled (undoable) up to a bounded size, in the write's own transaction.
        done = import_journalled(
            files, store, catalogue(), label=label, create_missing=create_missing
        )
    result = done.result
    say(
        t(
            "import_done",
            actors=number(result.actors, lang()),
            links=number(result.links, lang()),
            new_actors=number(result.new_actors, lang()),
            new_links=number(result.new_links, lang()),
        )
    )
    if result.generated_ids:
        say(t("import_ids_generated", count=result.generated_ids))
    if result.activities or result.agreements or result.created_actors:
        say(t("act.import_records", activities=result.activities, agreements=result.agreements,
              created=result.created_actors))  # fmt: skip
    for w in result.warnings:
        where = f"{w.file}:{w.row}:{w.column}: "
        # One line per warning, whatever the terminal's width: people grep and paste them.
        say(where + t("import_warning", text=w.message()), err=True)
    if done.entry is None:
        count = result.actors + result.links + result.activities + result.agreements
        limit = number(JOURNAL_LIMIT, lang())
        say(t("import_not_undoable", count=number(count, lang()), limit=limit), err=True)


def stats_command(fmt: SimFormatOpt = SimFormat.TABLE) -> None:
    """Ringkasan jaringan / Network summary."""
    with store_session(read_only=True) as store:
        stats = store.stats()
    if fmt is SimFormat.JSON:
        typer.echo(stats.model_dump_json(indent=2))
        return
    cat = catalogue()
    rows = [
        {"kind": kind, "label": cat[kind].label(lang()) if kind in cat else kind, "count": n}
        for kind, n in sorted(stats.by_kind.items(), key=lambda kv: -kv[1])
    ]
    emit(
        rows,
        ["kind", "label", "count"],
        OutputFormat.TABLE,
        None,
        headers={
            "kind": t("col_kind"),
            "label": t("col_label"),
            "count": t("col_count"),
        },
    )
    say(t("stats_summary", actors=number(stats.actors, lang()), links=number(stats.links, lang())))


def demo_command(
    region: str = typer.Option("33.23", "--region", help="Regency, province, district code or ID."),
    seed: int = typer.Option(2024, "--seed", help="Random seed (same seed, same network)."),
    replace: bool = typer.Option(False, "--replace", help="Empty the store first."),
) -> None:
    """Isi basis data dengan jaringan demo / Fill the store with a demo network."""
    from sinergi_graph.demo import build_demo, demo_size

    code = resolve_area(region)
    assert code is not None
    started = time.perf_counter()
    with (
        store_session() as store,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task(t("demo_progress"), total=demo_size(code))
        # build_demo refuses a store holding real data unless --replace, and
        # with --replace empties and fills it in one transaction.
        summary = build_demo(
            store,
            code,
            seed=seed,
            replace=replace,
            progress=lambda n: progress.update(task, completed=n),
        )
    console.print(
        t(
            "demo_done",
            region=f"{code} {load_areas().name(code)}",
            actors=number(summary.actors, lang()),
            links=number(summary.links, lang()),
            seconds=time.perf_counter() - started,
        )
    )


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("stats")(stats_command)
    app.command("demo")(demo_command)
