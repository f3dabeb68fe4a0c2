"""The before/after of the plan: gaps closed and opened, reach, single points of failure."""

from __future__ import annotations

from rich.text import Text

from tui.actor_detail import Labels, keep_indent
from tui.i18n import tr
from tui.model import Network
from tui.model.display import plain
from tui.planning import PlanSession

LIST_LIMIT = 8


def _pct(value: float | int | None) -> str:
    return "—" if value is None else f"{float(value) * 100:.0f}%"


def render_outcome(plan: PlanSession, labels: Labels, network: Network | None) -> Text:
    """The scenario panel text for the plan's latest simulation result."""
    lang = labels.lang
    out = Text()
    result = plan.result
    if result is None:
        return Text(tr("plan_empty", lang))

    def name(actor_id: str) -> str:
        return network.name(actor_id) if network is not None else actor_id

    delta = result.after - result.before
    out.append(tr("out_gaps", lang) + "  ", style="bold")
    out.append(f"{result.before}", style="bold")
    out.append(" → ")
    out.append(f"{result.after}", style="bold green" if delta < 0 else "bold")
    out.append(f"  ({delta:+d})\n", style="green" if delta < 0 else ("red" if delta else "dim"))
    out.append(tr("out_weighted", lang) + "  ", style="dim")
    out.append(f"{result.before_weighted} → {result.after_weighted}\n", style="dim")

    out.append("\n" + tr("out_closed", lang, n=len(result.closed)) + "\n", style="bold green")
    for g in result.closed[:LIST_LIMIT]:
        out.append(f"  ✓ {plain(g.rule)}  {plain(g.subject_name)}\n")
    if len(result.closed) > LIST_LIMIT:
        out.append("  " + tr("more", lang, n=len(result.closed) - LIST_LIMIT) + "\n", style="dim")
    out.append(tr("out_opened", lang, n=len(result.opened)) + "\n", style="bold red")
    for g in result.opened[:LIST_LIMIT]:
        out.append(f"  ✗ {plain(g.rule)}  {plain(g.subject_name)}\n")
    if len(result.opened) > LIST_LIMIT:
        out.append("  " + tr("more", lang, n=len(result.opened) - LIST_LIMIT) + "\n", style="dim")

    metrics = plan.metrics
    out.append("\n" + tr("out_reach", lang) + "\n", style="bold")
    if metrics is None:
        out.append(
            "  " + tr("out_metrics_pending" if plan.changes else "none", lang) + "\n", style="dim"
        )
    else:
        if not metrics.reach:
            out.append("  " + tr("out_reach_same", lang) + "\n", style="dim")
        for m in metrics.reach[:LIST_LIMIT]:
            area = labels.area(m.key).split(",")[0]
            out.append(f"  {area}: {_pct(m.before)} → {_pct(m.after)}\n")
        out.append(tr("out_spof", lang) + "\n", style="bold")
        for m in metrics.exposed[:LIST_LIMIT]:
            area = labels.area(m.key).split(",")[0]
            out.append(
                "  " + tr("out_exposed", lang, area=area, before=m.before, after=m.after) + "\n"
            )
        if metrics.spof_resolved:
            names = ", ".join(name(a) for a in metrics.spof_resolved[:LIST_LIMIT])
            out.append("  " + tr("out_spof_resolved", lang, names=names) + "\n", style="green")
        if metrics.spof_created:
            names = ", ".join(name(a) for a in metrics.spof_created[:LIST_LIMIT])
            out.append("  " + tr("out_spof_created", lang, names=names) + "\n", style="red")
    if result.notes:
        out.append("\n")
        for note in result.notes[:3]:
            out.append(f"  ! {plain(note)}\n", style="yellow")
    return keep_indent(out)
