"""The report as an A4 PDF, typeset by typst (the ``typst`` package bundles the compiler).

The layout is a fixed template (``template.typ``); everything the report says
goes into a ``data.json`` next to it, which the template reads with
``json()``. Strings from JSON are shown as text, never parsed as markup, so
user data needs no escaping and cannot break or inject into the document.
Only the fonts embedded in typst are used (system fonts ignored), so the PDF
is the same on every machine. Tables repeat their header row on each page;
the footer carries the page number.
"""

from __future__ import annotations

import json
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from sinergi_graph.drawing.chart import severity_chart
from sinergi_graph.drawing.static import render
from sinergi_graph.errors import SinergiError
from sinergi_graph.i18n import t
from sinergi_graph.report.model import Report
from sinergi_graph.report.sections import (
    Table,
    agreement_table,
    contact_table,
    cover_lines,
    gap_headers,
    gap_row,
    invite_table,
    plan_table,
    summary_table,
    weak_table,
)

__all__ = ["report_pdf", "typst_data"]


def _table(table: Table, *, total: bool = False) -> dict[str, Any]:
    headers, rows = table
    return {"headers": headers, "rows": rows, "total": total}


def typst_data(report: Report) -> dict[str, Any]:
    """Everything the template shows, as JSON-ready data (image names relative)."""
    lang = report.cover.lang
    heads = gap_headers(lang)
    groups = [
        {"title": g.title, "rows": [gap_row(line, lang) for line in g.lines()]} for g in report.gaps
    ]
    labels = {
        key: t(f"report_{key}", lang)
        for key in (
            "summary",
            "network",
            "gaps",
            "plan",
            "invite",
            "agreements",
            "weak",
            "weak_intro",
            "contacts",
            "no_gaps",
            "no_plan",
            "no_weak",
            "page",
        )
    }
    return {
        "lang": lang,
        "title": t("report_title", lang),
        "area": report.cover.area_title,
        "footer": f"{t('report_title', lang)} · {report.cover.area_title}",
        "labels": labels,
        "cover": [list(pair) for pair in cover_lines(report)],
        "summary": _table(summary_table(report), total=True),
        "summary_note": t("report_summary_note", lang),
        "chart": "chart.png" if len(report.summary) > 1 else None,
        "network": "network.png",
        "network_subtitle": report.picture.subtitle,
        "gap_headers": heads,
        "gaps": groups,
        "plan": _table(plan_table(report)),
        "plan_note": report.plan_note,
        "invite": _table(invite_table(report)),
        "invite_note": report.invitation_note,
        "agreements": _table(agreement_table(report)),
        "weak": _table(weak_table(report)),
        "weak_note": report.weak_note,
        "contacts": _table(contact_table(report)) if report.show_contacts else None,
    }


def report_pdf(report: Report) -> bytes:
    """Typeset the report; typst errors become a :class:`SinergiError`."""
    import typst

    lang = report.cover.lang
    data = typst_data(report)
    template = resources.files("sinergi_graph").joinpath("report/template.typ").read_text("utf-8")
    with tempfile.TemporaryDirectory(prefix="sinergi-report-") as folder:
        root = Path(folder)
        (root / "main.typ").write_text(template, encoding="utf-8")
        (root / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        (root / "network.png").write_bytes(render(report.picture, "png", dpi=130))
        if data["chart"]:
            rows = [(r.name, r.gaps_high, r.gaps_medium, r.gaps_low) for r in report.summary]
            (root / "chart.png").write_bytes(
                severity_chart(rows, lang, "png", title=t("report_chart", lang))
            )
        try:
            pdf = typst.compile(
                str(root / "main.typ"), root=str(root), ignore_system_fonts=True, format="pdf"
            )
        except Exception as exc:  # typst raises its own TypstError (a RuntimeError)
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise SinergiError("report_write_failed", path="PDF", detail=detail) from exc
    assert isinstance(pdf, bytes)
    return pdf
