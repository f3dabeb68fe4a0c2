"""The core commands: import, gaps, stats, demo, export."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sinergi_graph.areas import load_areas
from sinergi_graph.cli.app import (
    OutputFormat,
    catalogue,
    console,
    emit,
    err_console,
    lang,
    rules,
    store_session,
)
from sinergi_graph.dates import parse_date
from sinergi_graph.errors import SinergiError
from sinergi_graph.exporting import export_network
from sinergi_graph.gaps import GAP_COLUMNS, find_gaps
from sinergi_graph.graph import graph_from_store
from sinergi_graph.i18n import t
from sinergi_graph.importer import import_files
from sinergi_graph.rules import select_rules
from sinergi_graph.tabular import FileFormat


def resolve_area(text: str | None) -> str | None:
    """Canonical area code for ``--area`` (``None`` stays ``None``), or a clear error."""
    if text is None:
        return None
    code = load_areas().resolve(text)
    if code is None:
        raise SinergiError("unknown_area", code=text)
    return code


def resolve_date(text: str | None) -> date | None:
    if text is None:
        return None
    day = parse_date(text)
    if day is None:
        raise SinergiError("bad_date", value=text)
    return day


def import_command(
    files: list[Path] = typer.Argument(..., help="CSV, XLSX, JSON or GraphML files."),
) -> None:
    """Impor aktor dan tautan / Import actors and links (all-or-nothing)."""
    with store_session() as store:
        result = import_files(files, store, catalogue())
    console.print(
        t(
            "import_done",
            actors=result.actors,
            links=result.links,
            new_actors=result.new_actors,
            new_links=result.new_links,
        )
    )
    if result.generated_ids:
        console.print(t("import_ids_generated", count=result.generated_ids))
    for w in result.warnings:
        where = f"{w.file}:{w.row}:{w.column}: "
        err_console.print(where + t("import_warning", text=w.message()), markup=False)


def gaps_command(
    area: str | None = typer.Option(None, "--area", help="Area code (any level) or ID."),
    rule: list[str] = typer.Option([], "--rule", help="Only this rule id (repeatable)."),
    as_of: str | None = typer.Option(None, "--as-of", help="Evaluate as of this date."),
    fmt: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", help="Output format."),
    output: Path | None = typer.Option(None, "--output", help="Write to this file."),
    limit: int = typer.Option(50, "--limit", help="Rows shown in a table (0 = all)."),
) -> None:
    """Daftar celah koordinasi / List coordination gaps."""
    area_code = resolve_area(area)
    day = resolve_date(as_of)
    chosen = select_rules(rules(), rule)
    with store_session() as store:
        G = graph_from_store(store, catalogue=catalogue(), as_of=day)
    gaps = find_gaps(G, chosen, area=area_code, as_of=day)
    rows = [g.as_row() for g in gaps]
    if fmt is OutputFormat.TABLE and output is None:
        if not rows:
            console.print(t("gaps_none"))
            return
        columns = ["rule", "severity", "reason", "subject_name", "area", "counterpart_ids"]
        shown = [
            {
                **row,
                "severity": t(f"severity_{row['severity']}"),
                "reason": t(f"reason_{row['reason']}"),
            }
            for row in rows[: limit or None]
        ]
        emit(
            shown,
            columns,
            fmt,
            None,
            headers=_gap_headers(),
            no_wrap=("rule", "severity", "reason", "area"),
        )
        if limit and len(rows) > limit:
            console.print(t("table_truncated", shown=limit, total=len(rows)))
        counts: dict[str, int] = {}
        for g in gaps:
            counts[g.rule] = counts.get(g.rule, 0) + 1
        summary = ", ".join(f"{r.id} {counts[r.id]}" for r in chosen if r.id in counts)
        console.print(t("gaps_summary", total=len(gaps), detail=summary))
        return
    emit(rows, list(GAP_COLUMNS), fmt, output, title="gaps")


def _gap_headers() -> dict[str, str]:
    return {c: t(f"col_{c}") for c in GAP_COLUMNS}


def stats_command(
    fmt: OutputFormat = typer.Option(OutputFormat.TABLE, "--format", help="table or json."),
) -> None:
    """Ringkasan jaringan / Network summary."""
    with store_session() as store:
        stats = store.stats()
    if fmt is OutputFormat.JSON:
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
    console.print(t("stats_summary", actors=stats.actors, links=stats.links))


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
            actors=summary.actors,
            links=summary.links,
            seconds=time.perf_counter() - started,
        )
    )


def export_command(
    fmt: FileFormat = typer.Option(..., "--format", help="csv (a folder), xlsx or json."),
    output: Path = typer.Option(..., "--output", help="Folder (csv) or file (xlsx, json)."),
    show_contacts: bool = typer.Option(
        False, "--show-contacts", help="Include phone, e-mail and NIK columns."
    ),
) -> None:
    """Ekspor seluruh jaringan / Export the whole network."""
    if fmt is FileFormat.MD:
        raise SinergiError("bad_change", value="--format md", detail="csv, xlsx or json")
    with store_session() as store:
        result = export_network(store, fmt, output, include_contacts=show_contacts)
    console.print(t("export_done", actors=result.actors, links=result.links, path=output))
    if result.withheld_contacts:
        err_console.print(t("contacts_withheld"))


def register(app: typer.Typer) -> None:
    app.command("import")(import_command)
    app.command("gaps")(gaps_command)
    app.command("stats")(stats_command)
    app.command("demo")(demo_command)
    app.command("export")(export_command)
