"""``sinergi activities``: the kegiatan recorded, by area and period."""

from __future__ import annotations

from typing import Annotated

import typer

from sinergi_graph.activities import ACTIVITY_COLUMNS, Activity
from sinergi_graph.areas import is_within
from sinergi_graph.cli.app import lang, store_session
from sinergi_graph.cli.options import (
    AreaOpt,
    ForceOpt,
    FormatOpt,
    OutputOpt,
    resolve_area,
    resolve_date,
)
from sinergi_graph.cli.output import OutputFormat, check_output, emit, say
from sinergi_graph.i18n import t
from sinergi_graph.numbers import area_title, long_date, number

__all__ = ["activities_command", "activity_json", "register"]

_COLUMNS = [*ACTIVITY_COLUMNS, "attendees"]
# On screen: no id (the files keep it), the date spelt, the area named.
_TABLE_COLUMNS = ["date", "type", "topic", "place", "area", "attendees"]


def activity_json(a: Activity) -> dict[str, object]:
    """The JSON record of design.md: ``attendees`` a list of actor ids."""
    return {**a.model_dump(mode="json"), "attendees": list(a.attendees)}


def activities_command(
    area: AreaOpt = None,
    since: Annotated[
        str | None, typer.Option("--from", help="Sejak tanggal ini / from this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", help="Sampai tanggal ini / up to this date.")
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Daftar kegiatan / List the activities (kegiatan) recorded."""
    code = resolve_area(area)
    start, end = resolve_date(since), resolve_date(until)
    out_format = check_output(output, fmt, force=force)
    with store_session(read_only=True) as store:
        found = store.activities()
        people = out_format in (OutputFormat.TABLE, OutputFormat.XLSX, OutputFormat.MD)
        # People read names; csv and json keep the ids an import reads back.
        names = (
            {a.id: a.name for a in store.actors({x for act in found for x in act.attendees})}
            if people
            else {}
        )
    chosen = [
        a
        for a in found
        if (code is None or code == "ID" or (a.area is not None and is_within(a.area, code)))
        and (start is None or a.date >= start)
        and (end is None or a.date <= end)
    ]
    chosen.sort(key=lambda a: (a.date, a.id))
    rows = [
        {
            **{c: v or "" for c, v in activity_json(a).items()},
            "attendees": "; ".join(names.get(x, x) for x in a.attendees)
            if people
            else ";".join(a.attendees),
        }
        for a in chosen
    ]
    if out_format is OutputFormat.TABLE:
        if not rows:
            say(t("act.activities_none"))
            return
        language = lang()
        rows = [
            {
                **row,
                "date": long_date(str(row["date"]), language),
                "area": area_title(str(row["area"]), language) if row["area"] else "",
                "attendees": _attendees(a, names, language),
            }
            for row, a in zip(rows, chosen, strict=True)
        ]
    emit(
        rows,
        _TABLE_COLUMNS if out_format is OutputFormat.TABLE else _COLUMNS,
        out_format,
        output,
        title=t("act.activities_title"),
        json_document={"activities": [activity_json(a) for a in chosen]},
        headers={c: t(f"act.col_{c}") for c in _COLUMNS},
        force=True,
    )


def _attendees(a: Activity, names: dict[str, str], language: str) -> str:
    """How many signed the daftar hadir, then who (``18 orang: Camat Tretep, …``)."""
    if not a.attendees:
        return ""
    who = ", ".join(names.get(x, x) for x in a.attendees)
    return t("act.attendees_on_screen", count=number(len(a.attendees), language), names=who)


def register(app: typer.Typer) -> None:
    """Add ``activities`` to the ``sinergi`` application."""
    app.command("activities")(activities_command)
