"""``sinergi invite --area CODE [--budget N]``: the invitation list for one rakor."""

from __future__ import annotations

from typing import Annotated

import typer

from sinergi_graph.analysis.invitations import plan_invitations
from sinergi_graph.cli.app import catalogue, rules, store_session
from sinergi_graph.cli.options import (
    AsOfOpt,
    ForceOpt,
    FormatOpt,
    OutputOpt,
    positive,
    resolve_area,
    resolve_date,
)
from sinergi_graph.cli.output import OutputFormat, check_output, emit, say
from sinergi_graph.errors import UsageError
from sinergi_graph.gaps import find_gaps
from sinergi_graph.graph import graph_from_store
from sinergi_graph.i18n import t

__all__ = ["invite_command", "register"]

_COLUMNS = ["rank", "id", "name", "kind", "closes", "weight", "gaps"]


def invite_command(
    area: Annotated[str, typer.Option("--area", help="Wilayah rakor / area of the meeting.")],
    budget: Annotated[
        int,
        typer.Option(
            "--budget", help="Jumlah undangan / how many invitees.", callback=positive("--budget")
        ),
    ] = 8,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Usulan undangan rakor / Who to invite to one rakor in an area."""
    code = resolve_area(area)
    if code is None or code == "ID":
        raise UsageError("act.invite_area_needed")
    day = resolve_date(as_of)
    out_format = check_output(output, fmt, force=force)
    chosen_rules = rules()
    with store_session(read_only=True, need_network=True) as store:
        G = graph_from_store(store, catalogue=catalogue(), as_of=day)
    gaps = find_gaps(G, chosen_rules, area=code, as_of=day)
    plan = plan_invitations(gaps, chosen_rules, budget=budget)
    invitees = []
    for rank, inv in enumerate(plan.invitees, start=1):
        node = G.nodes[inv.id] if inv.id in G else {}
        invitees.append(
            {
                "rank": rank,
                "id": inv.id,
                "name": node.get("name", inv.id),
                "kind": node.get("kind", ""),
                "closes": len(inv.gaps),
                "weight": inv.weight,
                "gaps": [g.as_row() for g in inv.gaps],
            }
        )
    if out_format is OutputFormat.TABLE and not invitees:
        say(t("act.invite_none"))
        return
    rows = [
        {**row, "gaps": "; ".join(f"{g['rule']}: {g['subject_name']}" for g in row["gaps"])}
        for row in invitees
    ]
    document = {
        "area": code,
        "budget": budget,
        "closed": plan.closed,
        "weight": plan.weight,
        "invitees": invitees,
        "unclosable": len(plan.unclosable),
    }
    emit(
        rows,
        _COLUMNS,
        out_format,
        output,
        title=t("act.invite_title", area=code, closed=plan.closed),
        json_document=document,
        headers={c: t(f"act.col_{c}") for c in _COLUMNS},
        force=True,
    )
    if out_format is OutputFormat.TABLE and plan.unclosable:
        say(t("act.invite_unclosable", count=len(plan.unclosable)))


def register(app: typer.Typer) -> None:
    """Add ``invite`` to the ``sinergi`` application."""
    app.command("invite")(invite_command)
