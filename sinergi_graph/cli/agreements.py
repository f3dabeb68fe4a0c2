"""``sinergi agreements``: every kerja sama evaluated as of one day."""

from __future__ import annotations

import typer

from sinergi_graph.analysis.agreements import agreements_in_area, evaluate_agreements
from sinergi_graph.cli.app import store_session
from sinergi_graph.cli.options import (
    AreaOpt,
    AsOfOpt,
    ForceOpt,
    FormatOpt,
    OutputOpt,
    resolve_area,
    resolve_date,
)
from sinergi_graph.cli.output import OutputFormat, check_output, emit, say
from sinergi_graph.i18n import t
from sinergi_graph.numbers import area_title, long_date, number

__all__ = ["agreements_command", "register"]

_COLUMNS = [
    "id",
    "title",
    "parties",
    "signed",
    "expires",
    "status",
    "reason",
    "follow_ups",
    "last_follow_up",
]
# On screen the id and the status stay in the files: the finding says whether it still runs
# ("sudah berakhir", "berakhir ≤ 90 hari"), and 80 columns keep the words whole.
_SCREEN = ["title", "parties", "signed", "expires", "reason", "follow_ups", "last_follow_up"]
_DATES = ("signed", "expires", "last_follow_up")


def agreements_command(
    area: AreaOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Evaluasi kerja sama / Evaluate every agreement (kerja sama)."""
    code = resolve_area(area)
    day = resolve_date(as_of)
    out_format = check_output(output, fmt, force=force)
    with store_session(read_only=True) as store:
        chosen = store.agreements()
        recorded = len(chosen)
        actors = {a.id: a for a in store.actors({p for g in chosen for p in g.parties})}
        if code is not None:
            # A person recorded without an area works where their institution is: one read.
            placeless = [a for a in actors.values() if a.area is None and a.member_of]
            bodies = {str(a.member_of) for a in placeless} - actors.keys()
            places = {a.id: a.area for a in [*actors.values(), *store.actors(bodies)]}
            places.update({a.id: places.get(str(a.member_of)) for a in placeless})
            chosen = agreements_in_area(chosen, places.get, code)
        statuses = evaluate_agreements(chosen, store.activities(), day)
        names = {a.id: a.name for a in actors.values()}
    docs = [s.as_json() for s in statuses]
    if out_format is OutputFormat.TABLE and not docs:
        if code is not None and recorded:
            say(t("act.agreements_none_in_area", area=area_title(code), total=number(recorded)))
        else:
            say(t("act.agreements_none"))
        return
    people = out_format in (OutputFormat.TABLE, OutputFormat.XLSX, OutputFormat.MD)
    rows = []
    for s, doc in zip(statuses, docs, strict=True):
        parties = [names.get(p, p) if people else p for p in s.agreement.parties]
        row = {k: ("" if v is None else v) for k, v in doc.items()}
        row["parties"] = "; ".join(parties) if people else ";".join(parties)
        if people:
            row["reason"] = t(f"act.reason_{s.reason.value}")
            row["status"] = t(f"act.status_{s.status}")
        if out_format is OutputFormat.TABLE:
            row.update({k: long_date(str(doc[k])) if doc[k] else "" for k in _DATES})
        rows.append(row)
    columns = _SCREEN if out_format is OutputFormat.TABLE else _COLUMNS
    emit(
        rows,
        columns,
        out_format,
        output,
        title=t("act.agreements_title"),
        json_document={"agreements": docs},
        headers={c: t(f"act.col_{c}") for c in columns},
        force=True,
    )


def register(app: typer.Typer) -> None:
    """Add ``agreements`` to the ``sinergi`` application."""
    app.command("agreements")(agreements_command)
