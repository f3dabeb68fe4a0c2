"""``sinergi stages``: the election calendar and where today (or ``--as-of``) falls in it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import typer

from sinergi_graph.dates import parse_date
from sinergi_graph.errors import SinergiError
from sinergi_graph.i18n import t
from sinergi_graph.numbers import long_date, number
from sinergi_graph.stages import DEFAULT_CALENDAR, Calendar, Stage, load_calendars

__all__ = ["choose_calendar", "register", "stage_as_of", "stages_document"]


def choose_calendar(calendar_id: str | None) -> Calendar:
    """The named calendar (default :data:`DEFAULT_CALENDAR`) from bundled and user files."""
    from sinergi_graph.cli.app import state

    calendars = load_calendars(state().settings.calendars_file)
    chosen = calendar_id or DEFAULT_CALENDAR
    if chosen not in calendars:
        raise SinergiError("unknown_calendar", calendar=chosen, known=", ".join(sorted(calendars)))
    return calendars[chosen]


def stage_as_of(stage_id: str, calendar_id: str | None = None) -> dt.date:
    """The as-of date ``--stage ID`` stands for: the last day of that stage."""
    return choose_calendar(calendar_id).stage(stage_id).end


def stages_document(cal: Calendar, day: dt.date, lang: str) -> dict[str, Any]:
    """The ``stages --format json`` document (design.md, "Election calendar")."""
    current = cal.current_stage(day)
    nxt = cal.next_stage(day)
    return {
        "calendar": cal.id,
        "as_of": day.isoformat(),
        "current": current.id if current else None,
        "running": [s.id for s in cal.current(day)],
        "next": nxt.id if nxt else None,
        "days_to_next": (nxt.start - day).days if nxt else None,
        "stages": [_stage_json(s, lang) for s in cal.stages],
    }


def _stage_json(stage: Stage, lang: str) -> dict[str, Any]:
    return {
        "id": stage.id,
        "name": stage.name(lang),
        "start": stage.start.isoformat(),
        "end": stage.end.isoformat(),
        "source": stage.source,
    }


def stages_command(
    calendar: str | None = typer.Option(
        None, "--calendar", help="Kalender: pemilu-2024 (bawaan) atau pilkada-2024."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Tanggal acuan (bawaan: hari ini), mis. 2024-02-14."
    ),
    fmt: str = typer.Option("table", "--format", help="table atau json."),
) -> None:
    """Tahapan pemilu dan tahapan yang sedang berjalan / Election stages and the current one."""
    from rich.table import Table

    from sinergi_graph.cli.app import console, lang
    from sinergi_graph.cli.output import say

    if fmt not in ("table", "json"):
        raise SinergiError("bad_format", value=fmt, allowed="table, json")
    day = dt.date.today()
    if as_of is not None:
        parsed = parse_date(as_of)
        if parsed is None:
            raise SinergiError("bad_date", value=as_of)
        day = parsed
    cal = choose_calendar(calendar)
    language = lang()
    if fmt == "json":
        typer.echo(json.dumps(stages_document(cal, day, language), ensure_ascii=False, indent=2))
        return
    running = {s.id for s in cal.current(day)}
    table = Table(title=cal.name(language))
    for header in ("stage_col_id", "stage_col_name", "stage_col_start", "stage_col_end", ""):
        table.add_column(t(header) if header else "")
    for s in cal.stages:
        mark = t("stage_running") if s.id in running else ""
        table.add_row(
            s.id,
            s.name(language),
            long_date(s.start, language),
            long_date(s.end, language),
            mark,
        )
    console.print(table)
    current = cal.current_stage(day)
    nxt = cal.next_stage(day)
    when = long_date(day, language)
    if current is not None:
        say(t("stage_current", day=when, stage=current.name(language)))
    else:
        say(t("stage_none", day=when))
    if nxt is not None:
        days = (nxt.start - day).days
        say(t("stage_next", stage=nxt.name(language), days=number(days, language)))


def register(app: typer.Typer) -> None:
    app.command("stages")(stages_command)
