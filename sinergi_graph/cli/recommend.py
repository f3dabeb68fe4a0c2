"""``sinergi recommend``: a plan of new links, links that secure the chain, pairs worth a visit.

Every proposed link says in words why it is proposed. ``--area`` filters the
rows, never the network: the routes of a kecamatan's PPS run to the KPU
outside it (design.md, "Trust"). The resilience links follow the institutional
chain PPS → PPK → KPU (:mod:`sinergi_graph.analysis.routes`), never a
supervisory (Bawaslu) chain, and never dozens of direct KPU–PPS links.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

import networkx as nx
import typer

from sinergi_graph.analysis.reach import actors_in_area
from sinergi_graph.analysis.recommend import (
    PlannedLink,
    gap_pairs,
    plan_links,
    worth_a_visit,
)
from sinergi_graph.analysis.routes import RouteLink, Why, route_links, subjects_in
from sinergi_graph.cli.app import lang, rules
from sinergi_graph.cli.network import load_network
from sinergi_graph.cli.options import (
    AreaOpt,
    AsOfOpt,
    ForceOpt,
    FormatOpt,
    OutputOpt,
    positive,
    resolve_area,
    resolve_date,
)
from sinergi_graph.cli.output import OutputFormat, check_output, emit_sections
from sinergi_graph.gaps import find_gaps
from sinergi_graph.graph import node_name
from sinergi_graph.i18n import t
from sinergi_graph.numbers import number
from sinergi_graph.rules import Rule

__all__ = ["Method", "RecSection", "plan_reason", "recommend_command", "register", "route_reason"]


class RecSection(StrEnum):
    PLAN = "plan"
    RESILIENCE = "resilience"
    VISIT = "visit"


class Method(StrEnum):
    ADAMIC_ADAR = "adamic_adar"
    RESOURCE_ALLOCATION = "resource_allocation"


_SHOWN = 3  # names listed in a reason before "and N more"


def _names(G: nx.Graph, ids: Sequence[str]) -> str:
    names = [node_name(G, i) for i in ids]
    head = ", ".join(names[:_SHOWN])
    return head if len(names) <= _SHOWN else t("cli.and_more", head=head, n=len(names) - _SHOWN)


def plan_reason(G: nx.Graph, link: PlannedLink, by_rule: dict[str, Rule]) -> str:
    """Why a planned link is proposed, in the user's language."""
    titles = []
    for gap in link.closes:
        rule = by_rule.get(gap.rule)
        title = (rule.title_en if lang() == "en" else rule.title_id) if rule else gap.rule
        if title not in titles:
            titles.append(title)
    text = t("cli.why_plan", n=len(link.closes), rules="; ".join(titles))
    intro = link.introductions[0] if link.introductions else None
    if intro is not None:
        text += "; " + t("cli.why_intro", via=_names(G, intro.via))
    return text


def route_reason(G: nx.Graph, link: RouteLink) -> str:
    """Why a link of the chain PPS → PPK → KPU is proposed, in the user's language."""
    others = len(link.protects) - (1 if link.subject in link.protects else 0)
    if link.why is Why.CUT_OFF:
        text = t("cli.why_cut_off", subject=node_name(G, link.subject))
    else:
        text = t(
            "cli.why_hangs_on", subject=node_name(G, link.subject), via=_names(G, link.bypasses)
        )
    text += "; " + t(
        f"cli.why_route_{link.route.replace('-', '_')}", partner=node_name(G, link.partner)
    )
    if others:
        text += "; " + t("cli.why_also", n=number(others, lang()))
    return text


_PLAN_COLUMNS = [
    "source",
    "source_name",
    "target",
    "target_name",
    "weight",
    "closes",
    "introduced_by",
    "introducer_people",
    "introducer_names",
    "reason",
]
_ROUTE_COLUMNS = [
    "subject",
    "subject_name",
    "kpu",
    "kpu_name",
    "protects",
    "bypasses",
    "route",
    "why",
    "bypass_names",
    "reason",
]
_VISIT_COLUMNS = [
    "source",
    "source_name",
    "target",
    "target_name",
    "adamic_adar",
    "resource_allocation",
    "common",
    "common_names",
    "reason",
]


def recommend_command(
    area: AreaOpt = None,
    budget: Annotated[int, typer.Option("--budget", callback=positive("--budget"))] = 10,
    top: Annotated[int, typer.Option("--top", callback=positive("--top"))] = 20,
    method: Annotated[Method, typer.Option("--method")] = Method.ADAMIC_ADAR,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    section: Annotated[RecSection | None, typer.Option("--section")] = None,
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
) -> None:
    """Rekomendasi kemitraan baru."""
    code = resolve_area(area)
    day = resolve_date(as_of)
    out_format = check_output(output, fmt, force=force)
    _, G = load_network(day)
    inside = actors_in_area(G, code)
    chosen_rules = rules()
    # Gaps of the area's subjects, their counterparts found on the whole network.
    gaps = find_gaps(G, chosen_rules, area=code, as_of=day)
    want = {section} if section is not None else set(RecSection)
    compact = out_format is OutputFormat.TABLE
    doc: dict[str, Any] = {"area": code or "ID"}
    sections: list[tuple[str, list[dict[str, Any]], list[str]]] = []
    if RecSection.PLAN in want:
        plan = plan_links(G, gaps, budget=budget)
        by_rule = {r.id: r for r in chosen_rules}
        rows = [{**p.as_row(G), "reason": plan_reason(G, p, by_rule)} for p in plan.links]
        doc["plan"] = {
            "budget": budget,
            "closed": plan.closed,
            "closed_weight": plan.closed_weight,
            "closable": plan.closable,
            "closable_weight": plan.closable_weight,
            "not_closable": plan.not_closable,
            "links": rows,
        }
        title = t(
            "cli.plan",
            n=len(plan.links),
            budget=budget,
            closed=plan.closed,
            w=plan.closed_weight,
            tw=plan.closable_weight,
        )
        columns = ["source_name", "target_name", "weight", "reason"] if compact else _PLAN_COLUMNS
        sections.append((title if compact else RecSection.PLAN.value, rows, columns))
    if RecSection.RESILIENCE in want:
        whole = route_links(G, verify=True)
        res = subjects_in(whole, inside) if code is not None else whole
        rows = [{**r.as_row(G), "reason": route_reason(G, r)} for r in res.links]
        doc["resilience"] = {
            "exposed": res.exposed,
            "exposed_after": res.exposed_after,
            "unreachable": len(res.unreachable),
            "unreachable_after": res.unreachable_after,
            "links": rows,
            "no_partner": list(res.no_partner),
        }
        title = t(
            "cli.resilience",
            n=len(res.links),
            cut=len(res.unreachable),
            hangs=res.exposed,
        )
        columns = ["subject_name", "kpu_name", "reason"] if compact else _ROUTE_COLUMNS
        shown = rows[:top] if compact else rows
        sections.append((title if compact else RecSection.RESILIENCE.value, shown, columns))
    if RecSection.VISIT in want:
        found = worth_a_visit(
            G, rules=chosen_rules, exclude=gap_pairs(gaps), method=method.value, top=len(G)
        )
        kept = [s for s in found if code is None or s.source in inside or s.target in inside]
        rows = [
            {
                **s.as_row(G),
                "common_names": ";".join(node_name(G, c) for c in s.common),
                "reason": t("cli.why_visit", n=len(s.common), via=_names(G, s.common)),
            }
            for s in kept[:top]
        ]
        doc["worth_a_visit"] = {"method": method.value, "pairs": rows}
        columns = ["source_name", "target_name", "reason"] if compact else _VISIT_COLUMNS
        sections.append((t("cli.visit") if compact else RecSection.VISIT.value, rows, columns))
    emit_sections(
        sections,
        out_format,
        output,
        doc,
        section.value if section else None,
        0,
        force=force,
        headers={c: t(f"cli.h_{c}") for _, _, cols in sections for c in cols} if compact else None,
    )


def register(app: typer.Typer) -> None:
    app.command("recommend")(recommend_command)
