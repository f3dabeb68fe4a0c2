"""``sinergi recommend``: a plan of new links, resilience links, and pairs worth a visit."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer

from sinergi_graph.analysis._common import restrict
from sinergi_graph.analysis.recommend import (
    gap_pairs,
    plan_links,
    resilience_links,
    worth_a_visit,
)
from sinergi_graph.cli.app import rules
from sinergi_graph.cli.network import load_network
from sinergi_graph.cli.options import (
    AreaOpt,
    ForceOpt,
    FormatOpt,
    OutputOpt,
    positive,
    resolve_area,
    resolve_date,
)
from sinergi_graph.cli.output import OutputFormat, check_output, emit_sections
from sinergi_graph.gaps import find_gaps
from sinergi_graph.i18n import t

__all__ = ["Method", "RecSection", "recommend_command", "register"]


class RecSection(StrEnum):
    PLAN = "plan"
    RESILIENCE = "resilience"
    VISIT = "visit"


class Method(StrEnum):
    ADAMIC_ADAR = "adamic_adar"
    RESOURCE_ALLOCATION = "resource_allocation"


def recommend_command(
    area: AreaOpt = None,
    budget: Annotated[
        int,
        typer.Option(
            "--budget",
            help="Largest number of new links in the plan.",
            callback=positive("--budget"),
        ),
    ] = 10,
    top: Annotated[
        int, typer.Option("--top", help="Rows of the other sections.", callback=positive("--top"))
    ] = 20,
    method: Annotated[
        Method, typer.Option("--method", help="Link prediction index.")
    ] = Method.ADAMIC_ADAR,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    section: Annotated[
        RecSection | None,
        typer.Option("--section", help="Only this section (csv/xlsx: default plan)."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Evaluate gaps as of this date.")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Rekomendasi kemitraan baru / Recommended new partnerships."""
    code = resolve_area(area)
    day = resolve_date(as_of)
    out_format = check_output(output, fmt, force=force)
    _, full = load_network(day)
    gaps = find_gaps(full, rules(), area=code, as_of=day)
    G = restrict(full, code)
    want = {section} if section is not None else set(RecSection)
    doc: dict[str, Any] = {"area": code or "ID"}
    sections: list[tuple[str, list[dict[str, Any]], list[str]]] = []
    if RecSection.PLAN in want:
        plan = plan_links(full, gaps, budget=budget)
        rows = [p.as_row(full) for p in plan.links]
        doc["plan"] = {
            "budget": budget,
            "closed": plan.closed,
            "closed_weight": plan.closed_weight,
            "closable": plan.closable,
            "closable_weight": plan.closable_weight,
            "not_closable": plan.not_closable,
            "links": rows,
        }
        title = (
            RecSection.PLAN.value
            if section
            else t(
                "cli.plan",
                n=len(plan.links),
                budget=budget,
                closed=plan.closed,
                w=plan.closed_weight,
                tw=plan.closable_weight,
            )
        )
        sections.append(
            (
                title,
                rows,
                [
                    "source",
                    "source_name",
                    "target",
                    "target_name",
                    "weight",
                    "closes",
                    "introduced_by",
                    "introducer_people",
                ],
            )
        )
    if RecSection.RESILIENCE in want:
        res = resilience_links(G, verify=True)
        rows = [r.as_row(G) for r in res.links]
        doc["resilience"] = {
            "exposed": res.exposed,
            "exposed_after": res.exposed_after,
            "unreachable": len(res.unreachable),
            "links": rows,
            "reconnect": [{"subject": s, "kpu": k} for s, k in res.reconnect],
            "notes": list(res.notes),
        }
        title = (
            RecSection.RESILIENCE.value
            if section
            else t(
                "cli.resilience",
                n=len(res.links),
                exposed=res.exposed,
                after=res.exposed_after,
                unreachable=len(res.unreachable),
            )
        )
        sections.append(
            (
                title,
                rows[:top] if out_format is OutputFormat.TABLE else rows,
                ["subject", "subject_name", "kpu", "kpu_name", "protects", "bypasses"],
            )
        )
    if RecSection.VISIT in want:
        found = worth_a_visit(
            G, rules=rules(), exclude=gap_pairs(gaps), method=method.value, top=top
        )
        rows = [s.as_row(G) for s in found]
        doc["worth_a_visit"] = {"method": method.value, "pairs": rows}
        title = RecSection.VISIT.value if section else t("cli.visit", method=method.value)
        sections.append(
            (
                title,
                rows,
                [
                    "source",
                    "source_name",
                    "target",
                    "target_name",
                    "adamic_adar",
                    "resource_allocation",
                    "common",
                ],
            )
        )
    emit_sections(
        sections, out_format, output, doc, section.value if section else None, 0, force=force
    )


def register(app: typer.Typer) -> None:
    app.command("recommend")(recommend_command)
