"""The report as one self-contained HTML file: tables, chart and an interactive network.

Nothing is loaded from elsewhere: the CSS is inline, the chart an inline SVG,
Cytoscape.js inlined by :mod:`sinergi_graph.drawing.web`. Every user string
is escaped with :func:`html.escape` (network data goes through JSON, see there).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from sinergi_graph.drawing.chart import severity_chart
from sinergi_graph.drawing.web import network_section
from sinergi_graph.i18n import t
from sinergi_graph.report.model import Report
from sinergi_graph.report.sections import (
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

__all__ = ["report_html"]

_CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; margin: 1.5em auto; max-width: 75em;
  padding: 0 1em; color: #1a1a1a; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: 0.2em;
  margin-top: 1.8em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
thead th { background: #e8f0f8; position: sticky; top: 0; }
tr.total td { font-weight: bold; background: #f4f4f4; }
td.num { text-align: right; white-space: nowrap; }
dl.cover { display: grid; grid-template-columns: max-content auto; gap: 0.3em 1em; }
dl.cover dt { font-weight: bold; }
.sev-high { color: #B01E1E; font-weight: bold; } .sev-medium { color: #A05A00; }
nav a { margin-right: 1em; }
.chart svg { max-width: 100%; height: auto; }
@media print { #net, .net-wrap, .hint { display: none; } }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: Sequence[int] = (),
    total_last: bool = False,
    classes: Sequence[dict[int, str]] | None = None,
) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for r, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            css = ["num"] if i in numeric else []
            if classes is not None and i in classes[r]:
                css.append(classes[r][i])
            attr = f' class="{" ".join(css)}"' if css else ""
            cells.append(f"<td{attr}>{_e(cell)}</td>")
        tr = ' class="total"' if total_last and r == len(rows) - 1 else ""
        body.append(f"<tr{tr}>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def report_html(report: Report) -> str:
    """The whole report page."""
    lang = report.cover.lang
    c = report.cover
    title = f"{t('report_title', lang)} — {c.area_title}"
    parts: list[str] = [
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n",
        f'<h1>{_e(t("report_title", lang))}</h1>\n<h2 style="border:none;margin-top:0">'
        f"{_e(c.area_title)}</h2>\n",
        '<dl class="cover">'
        + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in cover_lines(report))
        + "</dl>\n",
    ]
    sections = [
        ("summary", t("report_summary", lang)),
        ("network", t("report_network", lang)),
        ("gaps", t("report_gaps", lang)),
        ("plan", t("report_plan", lang)),
        ("weak", t("report_weak", lang)),
    ]
    if report.show_contacts:
        sections.append(("contacts", t("report_contacts", lang)))
    parts.append("<nav>" + "".join(f'<a href="#{k}">{_e(v)}</a>' for k, v in sections) + "</nav>\n")

    headers, rows = summary_table(report)
    parts.append(f'<h2 id="summary">{_e(t("report_summary", lang))}</h2>\n')
    parts.append(_table(headers, rows, numeric=range(1, len(headers)), total_last=True))
    parts.append(f"<p>{_e(t('report_summary_note', lang))}</p>\n")
    chart_rows = [(r.name, r.gaps_high, r.gaps_medium, r.gaps_low) for r in report.summary]
    if len(chart_rows) > 1:
        svg = severity_chart(chart_rows, lang, "svg", title=t("report_chart", lang)).decode()
        # Keep only the <svg> element: the XML prologue and DOCTYPE are not valid inside HTML.
        parts.append(f'<div class="chart">{svg[svg.index("<svg") :]}</div>\n')

    parts.append(f'<h2 id="network">{_e(t("report_network", lang))}</h2>\n')
    parts.append(f"<p>{_e(report.picture.subtitle)}</p>\n")
    parts.append(network_section(report.picture, report.details, lang))

    parts.append(f'<h2 id="gaps">{_e(t("report_gaps", lang))}</h2>\n')
    if not report.gaps:
        parts.append(f"<p>{_e(t('report_no_gaps', lang))}</p>\n")
    heads = gap_headers(lang)
    for group in report.gaps:
        parts.append(f'<h3 id="k-{_e(group.code)}">{_e(group.title)}</h3>\n')
        lines = group.lines()
        rows = [gap_row(line, lang) for line in lines]
        classes = [{3: f"sev-{line.severity}"} for line in lines]
        parts.append(_table(heads, rows, classes=classes))

    parts.append(f'<h2 id="plan">{_e(t("report_plan", lang))}</h2>\n')
    if report.plan:
        parts.append(f"<p>{_e(report.plan_note)}</p>\n")
        headers, rows = plan_table(report)
        parts.append(_table(headers, rows, numeric=[2]))
    else:
        parts.append(f"<p>{_e(t('report_no_plan', lang))}</p>\n")

    if report.invitations:
        parts.append(f'<h2 id="invite">{_e(t("report_invite", lang))}</h2>\n')
        parts.append(f"<p>{_e(report.invitation_note)}</p>\n")
        headers, rows = invite_table(report)
        parts.append(_table(headers, rows, numeric=[1]))

    if report.agreements:
        parts.append(f'<h2 id="agreements">{_e(t("report_agreements", lang))}</h2>\n')
        headers, rows = agreement_table(report)
        parts.append(_table(headers, rows))

    parts.append(f'<h2 id="weak">{_e(t("report_weak", lang))}</h2>\n')
    parts.append(f"<p>{_e(t('report_weak_intro', lang))}</p>\n")
    if report.weak_points:
        headers, rows = weak_table(report)
        parts.append(_table(headers, rows, numeric=[1]))
    else:
        parts.append(f"<p>{_e(t('report_no_weak', lang))}</p>\n")
    if report.weak_note:
        parts.append(f"<p>{_e(report.weak_note)}</p>\n")

    if report.show_contacts:
        parts.append(f'<h2 id="contacts">{_e(t("report_contacts", lang))}</h2>\n')
        headers, rows = contact_table(report)
        parts.append(_table(headers, rows))
    parts.append(f"<footer><p><small>{_e(t('report_generated_by', lang))}</small></p></footer>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)
