"""``sinergi gaps``: the coordination gaps of an area, on screen or in a file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from sinergi_graph.cli.app import catalogue, lang, rules, store_session
from sinergi_graph.cli.options import (
    AreaOpt,
    AsOfOpt,
    ForceOpt,
    FormatOpt,
    OutputOpt,
    not_negative,
    resolve_area,
    resolve_date,
)
from sinergi_graph.cli.output import OutputFormat, atomic_path, check_output, echo, emit, say
from sinergi_graph.cli.stages import stage_as_of
from sinergi_graph.errors import OutputRefused, UsageError
from sinergi_graph.gap_export import gap_file_text, write_gaps
from sinergi_graph.gaps import Gap
from sinergi_graph.graph import gaps_from_store
from sinergi_graph.i18n import t
from sinergi_graph.numbers import long_date
from sinergi_graph.rules import Rule, select_rules
from sinergi_graph.tabular import FileFormat

__all__ = ["gaps_command", "register"]

_TABLE_COLUMNS = ["rule", "severity", "reason", "subject_name", "area", "counterpart_ids"]


def gaps_command(
    area: AreaOpt = None,
    rule: Annotated[list[str], typer.Option("--rule", help="Only this rule id (repeatable).")] = [],  # noqa: B006 - typer reads the default, never mutates it
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", help="Rows shown in a table (0 = all).", callback=not_negative("--limit")
        ),
    ] = 50,
    force: ForceOpt = False,
    stage: Annotated[
        str | None,
        typer.Option("--stage", help="Evaluate as of the end of this stage (sinergi stages)."),
    ] = None,
    calendar: Annotated[
        str | None, typer.Option("--calendar", help="Calendar of --stage (default pemilu-2024).")
    ] = None,
    excel: Annotated[bool, typer.Option("--excel")] = False,
) -> None:
    """Daftar celah koordinasi / List coordination gaps."""
    area_code = resolve_area(area)
    if stage is not None and as_of is not None:
        raise UsageError("stage_and_as_of")
    day = stage_as_of(stage, calendar) if stage is not None else resolve_date(as_of)
    chosen = select_rules(rules(), rule)
    # Refuse a wrong --output before the work, not after it.
    out_format = check_output(output, fmt, force=force)
    with store_session(read_only=True, need_network=True) as store:
        # The gaps and their counterparts' names, not the graph: a later run on the
        # same store revision reads them from the cache without loading the graph.
        gaps, names = gaps_from_store(
            store, chosen, catalogue=catalogue(), area=area_code, as_of=day
        )
    if excel and out_format is not OutputFormat.CSV:
        raise UsageError("excel_needs_csv")
    if out_format is not OutputFormat.TABLE:
        _write(gaps, out_format, output, names=names, rules=chosen, excel=excel)
        return
    rows = [g.as_row() for g in gaps]
    if not rows:
        say(t("gaps_none"))
        return
    by_id = {r.id: r for r in chosen}
    shown = [
        {
            **row,
            "severity": t(f"severity_{row['severity']}"),
            "reason": t(f"reason_{row['reason']}") + _missed(by_id[row["rule"]], row["missed"]),
            # People read names; the ids stay in csv/json.
            "counterpart_ids": ", ".join(
                names.get(c, c) for c in row["counterpart_ids"].split(";") if c
            ),
        }
        for row in rows[: limit or None]
    ]
    emit(
        shown,
        _TABLE_COLUMNS,
        OutputFormat.TABLE,
        None,
        headers={c: t(f"col_{c}") for c in _TABLE_COLUMNS},
        no_wrap=("rule", "severity", "area"),
    )
    if limit and len(rows) > limit:
        say(t("table_truncated", shown=limit, total=len(rows)))
    counts: dict[str, int] = {}
    for g in gaps:
        counts[g.rule] = counts.get(g.rule, 0) + 1
    summary = ", ".join(f"{r.id} {counts[r.id]}" for r in chosen if r.id in counts)
    say(t("gaps_summary", total=len(gaps), detail=summary))


def _write(
    gaps: Sequence[Gap],
    fmt: OutputFormat,
    output: Path | None,
    *,
    names: dict[str, str],
    rules: Sequence[Rule],
    excel: bool,
) -> None:
    """A gap file (or its text on stdout): the writer the terminal UI's export uses too."""
    file_format = FileFormat(fmt.value)
    if output is None:
        if file_format is FileFormat.XLSX:
            raise OutputRefused("output_required", format="xlsx")
        echo(gap_file_text(gaps, file_format, names=names, rules=rules, lang=lang(), excel=excel))
        return
    with atomic_path(output) as tmp:
        write_gaps(gaps, file_format, tmp, names=names, rules=rules, lang=lang(), excel=excel)
    say(t("written_to", path=output), err=True)


def _missed(rule: Rule, missed: str) -> str:
    """`` (> 120 hari)`` or `` (tenggat 16 Februari 2023)``: what a stale contact misses."""
    if missed == "window" and rule.max_age_days is not None:
        return " " + t("missed_window", days=rule.max_age_days)
    if missed == "deadline" and rule.due_by is not None:
        return " " + t("missed_deadline", date=long_date(rule.due_by, lang()))
    return ""


def register(app: typer.Typer) -> None:
    app.command("gaps")(gaps_command)
