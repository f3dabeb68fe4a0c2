"""The detail panel of one actor: attributes, members, partners, history, gaps, brokerage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from sinergi_graph.i18n import catalogue
from sinergi_graph.numbers import short_date
from tui.base import app_of
from tui.i18n import reason_word, severity_word, tr
from tui.model import ActorDetail
from tui.model.display import plain

TIMELINE_LIMIT = 25
PARTNER_LIMIT = 12
HIDDEN = "••••••"


@dataclass(frozen=True)
class Labels:
    """How codes are shown in the current language."""

    lang: str
    kind: Callable[[str], str]
    area: Callable[[str], str]
    rule: Callable[[str], str]


NBSP = "\u00a0"


def keep_indent(text: Text) -> Text:
    """Leading spaces as no-break spaces, so wrapping keeps the indentation on screen."""
    lines = text.split("\n", allow_blank=True)
    out = Text()
    for i, line in enumerate(lines):
        n = len(line.plain) - len(line.plain.lstrip(" "))
        if i:
            out.append("\n")
        if n:
            out.append(NBSP * n)
            out.append_text(line[n:])
        else:
            out.append_text(line)
    return out


def _section(text: Text, title: str) -> None:
    text.append("\n")
    text.append(title, style="bold underline")
    text.append("\n")


def render_detail(detail: ActorDetail, labels: Labels, *, show_contacts: bool) -> Text:
    """The panel's text for ``detail`` (contacts masked unless ``show_contacts``)."""
    lang = labels.lang
    actor = detail.actor
    out = Text()
    out.append(plain(actor.name), style="bold")
    out.append("\n")
    out.append(labels.kind(actor.kind), style="italic")
    if actor.area:
        out.append(f" · {labels.area(actor.area)} ({actor.area})")
    out.append("\n")

    _section(out, tr("sec_attributes", lang))
    hidden_any = False
    for field, value, private in detail.attributes:
        if field in ("name",):
            continue
        if field == "kind" and labels.kind(value) != value:
            value = f"{value} · {labels.kind(value)}"
        shown = tr(f"attr_{field}", lang) if f"attr_{field}" in catalogue("tui") else plain(field)
        out.append(f"  {shown:<10} ", style="dim")
        if private and not show_contacts:
            out.append(HIDDEN, style="dim")
            hidden_any = True
        else:
            out.append(plain(value))
        out.append("\n")
    if hidden_any:
        out.append("  " + tr("contacts_hidden", lang) + "\n", style="dim italic")

    if detail.institution is not None:
        _section(out, tr("sec_institution", lang))
        inst = detail.institution
        out.append(f"  {plain(inst.name)} ({labels.kind(inst.kind)})\n")

    if detail.members:
        _section(out, tr("sec_members", lang, n=len(detail.members)))
        for m in detail.members:
            role = m.properties.get("role") or m.properties.get("jabatan") or ""
            out.append(f"  {plain(m.name)}")
            if role:
                out.append(f" — {plain(role)}", style="dim")
            if m.phone or m.email:
                out.append("  ☎ ")
                if show_contacts:
                    out.append(plain(" ".join(v for v in (m.phone, m.email) if v)))
                else:
                    out.append(HIDDEN, style="dim")
            out.append("\n")

    _section(out, tr("sec_partners", lang))
    if not detail.partners:
        out.append("  " + tr("none", lang) + "\n", style="dim")
    for kind, partners in detail.partners.items():
        out.append(f"  {labels.kind(kind)}", style="bold")
        out.append(f" ({len(partners)})\n")
        for p in partners[:PARTNER_LIMIT]:
            out.append(f"    {plain(p.name)}")
            out.append(
                "  " + tr("partner_links", lang, n=p.links, last=short_date(p.last_date)) + "\n",
                style="dim",
            )
        if len(partners) > PARTNER_LIMIT:
            out.append(
                "    " + tr("more", lang, n=len(partners) - PARTNER_LIMIT) + "\n", style="dim"
            )

    _section(out, tr("sec_timeline", lang, n=len(detail.timeline)))
    if not detail.timeline:
        out.append("  " + tr("none", lang) + "\n", style="dim")
    for e in detail.timeline[:TIMELINE_LIMIT]:
        day = short_date(e.day)
        out.append(f"  {day:<10} ", style="cyan")
        out.append(f"{plain(e.type):<11} ", style="magenta")
        out.append(plain(e.other_name))
        if e.topic:
            out.append(f" — {plain(e.topic)}", style="dim")
        if e.via:
            out.append(" " + tr("via_member", lang, id=plain(e.via)), style="dim italic")
        out.append("\n")
    if len(detail.timeline) > TIMELINE_LIMIT:
        out.append("  " + tr("more", lang, n=len(detail.timeline) - TIMELINE_LIMIT) + "\n")

    _section(out, tr("sec_gaps", lang, n=len(detail.gaps)))
    if not detail.gaps:
        out.append("  " + tr("no_gaps", lang) + "\n", style="green")
    for g in detail.gaps:
        style = "bold red" if g.severity == "high" else "yellow"
        out.append(f"  ⚠ {severity_word(g.severity, lang)} ", style=style)
        out.append(f"{labels.rule(g.rule)} ")
        out.append(f"({reason_word(g.reason.value, lang)})\n", style="dim")

    _section(out, tr("sec_brokerage", lang))
    roles = detail.brokerage
    if roles is None or roles.total == 0:
        out.append("  " + tr("brokerage_none", lang) + "\n", style="dim")
    else:
        main = detail.main_role or ""
        out.append("  " + tr("brokerage_main", lang, role=tr("role_" + main, lang)) + "\n")
        counts = roles.as_dict()
        parts = [
            f"{tr('role_' + r, lang)} {counts[r]}"
            for r in ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")
            if counts[r]
        ]
        out.append("  " + ", ".join(parts) + "\n", style="dim")
    return keep_indent(out)


class ActorDetailPanel(VerticalScroll):
    """Scrollable detail of the chosen actor."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.detail: ActorDetail | None = None

    def compose(self) -> ComposeResult:
        yield Static(tr("detail_empty", app_of(self).lang), id="detail-body")

    def show(self, detail: ActorDetail | None, labels: Labels, *, show_contacts: bool) -> None:
        self.detail = detail
        body = self.query_one("#detail-body", Static)
        if detail is None:
            body.update(tr("detail_empty", labels.lang))
        else:
            body.update(render_detail(detail, labels, show_contacts=show_contacts))

    def show_text(self, text: str | Text) -> None:
        self.detail = None
        self.query_one("#detail-body", Static).update(text)
