"""The report as a Word document (python-docx) that offices can edit and rework.

Real Word headings (so the navigation pane and a table of contents work),
real tables with a repeated header row, the network and the chart as
pictures, A4 landscape. Text is added as runs, never parsed, so user data
needs no escaping.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from sinergi_graph.drawing.chart import severity_chart
from sinergi_graph.drawing.static import render
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

__all__ = ["report_docx"]


def _repeat_header(row: object) -> None:
    """Mark a table row as a header row Word repeats on every page (``w:tblHeader``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _add_table(
    doc: object, table: Table, *, numeric: Sequence[int] = (), bold_last: bool = False
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    headers, rows = table
    grid = doc.add_table(rows=1, cols=len(headers))  # type: ignore[attr-defined]
    grid.style = "Table Grid"
    head = grid.rows[0]
    _repeat_header(head)
    for cell, text in zip(head.cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(8.5)
    for r, values in enumerate(rows):
        cells = grid.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.font.size = Pt(8.5)
            run.bold = bold_last and r == len(rows) - 1
            if i in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def report_docx(report: Report) -> bytes:
    """The document as bytes."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    lang = report.cover.lang
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.6))
    doc.styles["Normal"].font.size = Pt(10)
    doc.core_properties.title = f"{t('report_title', lang)} — {report.cover.area_title}"
    doc.core_properties.language = lang

    doc.add_heading(t("report_title", lang), level=0)
    doc.add_heading(report.cover.area_title, level=1)
    cover = doc.add_table(rows=0, cols=2)
    for label, value in cover_lines(report):
        cells = cover.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        cells[1].paragraphs[0].add_run(value)
    doc.add_page_break()  # type: ignore[no-untyped-call]

    doc.add_heading(t("report_summary", lang), level=1)
    headers, rows = summary_table(report)
    _add_table(doc, (headers, rows), numeric=range(1, len(headers)), bold_last=True)
    doc.add_paragraph(t("report_summary_note", lang))
    if len(report.summary) > 1:
        chart_rows = [(r.name, r.gaps_high, r.gaps_medium, r.gaps_low) for r in report.summary]
        image = severity_chart(chart_rows, lang, "png", title=t("report_chart", lang))
        doc.add_picture(io.BytesIO(image), width=Cm(20))

    doc.add_heading(t("report_network", lang), level=1)
    doc.add_paragraph(report.picture.subtitle)
    doc.add_picture(io.BytesIO(render(report.picture, "png", dpi=130)), width=Cm(25))

    doc.add_heading(t("report_gaps", lang), level=1)
    if not report.gaps:
        doc.add_paragraph(t("report_no_gaps", lang))
    for group in report.gaps:
        doc.add_heading(group.title, level=2)
        _add_table(doc, (gap_headers(lang), [gap_row(line, lang) for line in group.lines()]))

    doc.add_heading(t("report_plan", lang), level=1)
    if report.plan:
        doc.add_paragraph(report.plan_note)
        _add_table(doc, plan_table(report), numeric=[2])
    else:
        doc.add_paragraph(t("report_no_plan", lang))

    if report.invitations:
        doc.add_heading(t("report_invite", lang), level=1)
        doc.add_paragraph(report.invitation_note)
        _add_table(doc, invite_table(report), numeric=[1])

    if report.agreements:
        doc.add_heading(t("report_agreements", lang), level=1)
        _add_table(doc, agreement_table(report))

    doc.add_heading(t("report_weak", lang), level=1)
    doc.add_paragraph(t("report_weak_intro", lang))
    if report.weak_points:
        _add_table(doc, weak_table(report), numeric=[1])
    else:
        doc.add_paragraph(t("report_no_weak", lang))
    if report.weak_note:
        doc.add_paragraph(report.weak_note)

    if report.show_contacts:
        doc.add_heading(t("report_contacts", lang), level=1)
        _add_table(doc, contact_table(report))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
