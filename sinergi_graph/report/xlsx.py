"""The report as an Excel workbook: a summary sheet, one sheet per kecamatan, plan, weak points.

Every table has a bold frozen header row with an autofilter, sensible column
widths, the header repeated on printed pages (print titles), A4 landscape
fitted to the page width. Counts are numbers and shares percentages (Excel
shows them in the reader's locale); dates are dates. Text that Excel would
take for a formula (starting with ``=``, ``+``, ``-`` or ``@``: a name, a
phone number ``+62…``) is stored as text, never evaluated.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sinergi_graph.i18n import t
from sinergi_graph.report.model import Report, SummaryRow
from sinergi_graph.report.sections import agreement_table, cover_lines, gap_headers, invite_table

__all__ = ["report_xlsx", "sheet_title"]

_HEADER_FILL = PatternFill("solid", fgColor="DCE8F4")
_BOLD = Font(bold=True)
_FORMULA_START = ("=", "+", "-", "@")
_BAD_SHEET_CHARS = re.compile(r"[\[\]\:\*\?\/\\]")
_DATE_FORMAT = "d mmmm yyyy"


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of ``[]:*?/\\``).

    >>> sheet_title("Bulu/Kota [1]", set())
    'Bulu Kota  1'
    >>> sheet_title("Bulu", {"Bulu"})
    'Bulu (2)'
    """
    base = _BAD_SHEET_CHARS.sub(" ", name).strip()[:31] or "-"
    title, n = base, 2
    while title in taken:
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(title)
    return title


def _set(ws: Worksheet, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = value
        if value.startswith(_FORMULA_START):
            # openpyxl turns a leading "=" into a formula; force a plain string cell.
            cell.data_type = "s"
            cell.quotePrefix = True
    else:
        cell.value = value
    if isinstance(value, date):
        cell.number_format = _DATE_FORMAT


def _table(
    ws: Worksheet,
    top: int,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    widths: Sequence[int],
    formats: dict[int, str] | None = None,
) -> None:
    """A header at row ``top`` and the rows below it, frozen, filtered, printable."""
    for c, head in enumerate(headers, start=1):
        _set(ws, top, c, head)
        cell = ws.cell(row=top, column=c)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=top + 1):
        for c, value in enumerate(row, start=1):
            _set(ws, r, c, value)
            cell = ws.cell(row=r, column=c)
            cell.alignment = Alignment(wrap_text=isinstance(value, str), vertical="top")
            if formats and c in formats and value is not None:
                cell.number_format = formats[c]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    last = get_column_letter(len(headers))
    ws.auto_filter.ref = f"A{top}:{last}{top + max(len(rows), 1)}"
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    ws.print_title_rows = f"{top}:{top}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _share(part: int | None, whole: int | None) -> float | None:
    return None if part is None or not whole else part / whole


def _summary_values(row: SummaryRow) -> list[Any]:
    return [
        row.code,
        row.name,
        row.pps,
        row.pps_kades,
        _share(row.pps_kades, row.pps),
        row.ppk,
        row.ppk_camat,
        row.ppk_kapolsek,
        row.ppk_danramil,
        _share(row.ppk_camat, row.ppk),
        row.gaps_high,
        row.gaps_medium,
        row.gaps_low,
        row.gaps,
    ]


def _summary_sheet(ws: Worksheet, report: Report) -> None:
    lang = report.cover.lang
    ws.title = sheet_title(t("report_summary", lang), set())
    _set(ws, 1, 1, t("report_title", lang))
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    for i, (label, value) in enumerate(cover_lines(report), start=2):
        _set(ws, i, 1, label)
        ws.cell(row=i, column=1).font = _BOLD
        _set(ws, i, 2, value)
    top = len(cover_lines(report)) + 3
    headers = [
        t("report_col_code", lang),
        t("report_col_kecamatan", lang),
        t("report_col_pps", lang),
        t("report_col_pps_kades", lang),
        f"{t('report_col_pps_kades', lang)} (%)",
        t("report_col_ppk", lang),
        t("report_col_camat", lang),
        t("report_col_kapolsek", lang),
        t("report_col_danramil", lang),
        f"{t('report_col_camat', lang)} (%)",
        t("report_col_high", lang),
        t("report_col_medium", lang),
        t("report_col_low", lang),
        t("report_col_gaps", lang),
    ]
    rows = [_summary_values(r) for r in report.summary]
    _table(
        ws,
        top,
        headers,
        rows,
        widths=[11, 26, 7, 14, 14, 7, 11, 11, 11, 12, 9, 9, 9, 9],
        formats={5: "0.0%", 10: "0.0%"},
    )
    total = len(rows) + top + 1
    for c, value in enumerate(_summary_values(report.total), start=1):
        _set(ws, total, c, value)
        ws.cell(row=total, column=c).font = _BOLD
        if c in (5, 10) and value is not None:
            ws.cell(row=total, column=c).number_format = "0.0%"
    _set(ws, total + 2, 1, t("report_summary_note", lang))


def _gap_sheet(ws: Worksheet, report: Report, index: int) -> None:
    lang = report.cover.lang
    group = report.gaps[index]
    headers = gap_headers(lang)
    rows: list[list[Any]] = []
    for line in group.lines():
        rows.append(
            [
                line.place,
                line.subject_name,
                line.rule_title,
                line.severity_label,
                line.reason_label,
                "; ".join(line.counterparts),
                line.last_contact,
                "; ".join(line.introducers),
            ]
        )
    _table(ws, 1, headers, rows, widths=[22, 28, 34, 9, 14, 34, 16, 40])


def _simple_sheet(
    ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]
) -> None:
    _table(ws, 1, headers, rows, widths=widths)


def report_xlsx(report: Report) -> bytes:
    """The workbook as bytes."""
    lang = report.cover.lang
    wb = Workbook()
    taken: set[str] = set()
    summary = wb.active
    assert summary is not None
    _summary_sheet(summary, report)
    taken.add(summary.title)
    for i, group in enumerate(report.gaps):
        _gap_sheet(wb.create_sheet(sheet_title(group.title, taken)), report, i)
    plan = wb.create_sheet(sheet_title(t("report_plan", lang), taken))
    _simple_sheet(
        plan,
        [
            t("report_col_from", lang),
            t("report_col_to", lang),
            t("report_col_closes", lang),
            t("report_col_why", lang),
            t("report_col_intro", lang),
        ],
        [
            [p.source_name, p.target_name, p.closes, "; ".join(p.why), "; ".join(p.introducers)]
            for p in report.plan
        ],
        [28, 28, 10, 60, 40],
    )
    if report.invitations:
        invite = wb.create_sheet(sheet_title(t("report_invite", lang), taken))
        _simple_sheet(
            invite,
            invite_table(report)[0],
            [[i.name, i.closes, "; ".join(i.gaps)] for i in report.invitations],
            [34, 10, 90],
        )
    if report.agreements:
        sheet = wb.create_sheet(sheet_title(t("report_agreements", lang), taken))
        _simple_sheet(sheet, *agreement_table(report), [50, 50, 18, 18, 40, 22])
    weak = wb.create_sheet(sheet_title(t("report_weak", lang), taken))
    _simple_sheet(
        weak,
        [t("report_col_weak", lang), "PPS", "PPK"],
        [[w.text, w.pps, w.ppk] for w in report.weak_points],
        [90, 8, 8],
    )
    if report.show_contacts:
        contacts = wb.create_sheet(sheet_title(t("report_contacts", lang), taken))
        rows: list[list[Any]] = []
        for card in report.contacts:
            if card.phone or card.email:
                rows.append([card.name, "", card.kind_label, card.phone, card.email, ""])
            rows.extend([card.name, p.name, p.role, p.phone, p.email, p.nik] for p in card.people)
        _simple_sheet(
            contacts,
            [
                t("report_col_subject", lang),
                t("report_col_person", lang),
                t("report_col_role", lang),
                t("report_col_phone", lang),
                t("report_col_email", lang),
                t("report_col_nik", lang),
            ],
            rows,
            [30, 24, 26, 16, 32, 18],
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
