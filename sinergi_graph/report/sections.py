"""The report's tables as text, shared by the PDF, DOCX and HTML writers.

Each function returns a header row and body rows of strings, numbers and
dates already formatted for the reader (``1.976``, ``85,0 %``,
``5 Oktober 2023``), so the three formats read the same. The XLSX writer
keeps numbers as numbers and uses its own cells.
"""

from __future__ import annotations

from collections.abc import Sequence

from sinergi_graph.i18n import t
from sinergi_graph.numbers import long_date, number, share_of
from sinergi_graph.report.model import GapLine, Report, SummaryRow

__all__ = [
    "Table",
    "agreement_table",
    "contact_table",
    "cover_lines",
    "coverage",
    "gap_headers",
    "gap_row",
    "invite_table",
    "plan_table",
    "summary_table",
    "weak_table",
]

Table = tuple[list[str], list[list[str]]]


def coverage(part: int | None, whole: int | None, lang: str) -> str:
    """``17/19 (89,5 %)``; a dash when the rule is off or there is nobody to count.

    >>> coverage(17, 19, "id"), coverage(None, 3, "id"), coverage(0, 0, "en")
    ('17/19 (89,5 %)', '–', '–')
    """
    if part is None or not whole:
        return "–"
    return f"{number(part, lang)}/{number(whole, lang)} ({share_of(part, whole, lang)})"


def cover_lines(report: Report) -> list[tuple[str, str]]:
    """Label and value pairs for the cover page."""
    c = report.cover
    lang = c.lang
    return [
        (t("report_cover_area", lang), f"{c.area_title} ({c.area})"),
        (t("report_cover_date", lang), long_date(c.generated, lang)),
        (
            t("report_cover_as_of", lang),
            long_date(c.as_of, lang) if c.as_of else t("report_cover_as_of_today", lang),
        ),
        (t("report_cover_store", lang), c.store),
        (
            t("report_cover_counts", lang),
            t(
                "report_cover_counts_value",
                lang,
                institutions=number(c.institutions, lang),
                gaps=number(c.gaps, lang),
            ),
        ),
    ]


def _summary_cells(row: SummaryRow, lang: str) -> list[str]:
    def n(v: int | None) -> str:
        return "–" if v is None else number(v, lang)

    return [
        row.name,
        n(row.pps),
        coverage(row.pps_kades, row.pps, lang),
        n(row.ppk),
        coverage(row.ppk_camat, row.ppk, lang),
        coverage(row.ppk_kapolsek, row.ppk, lang),
        coverage(row.ppk_danramil, row.ppk, lang),
        number(row.gaps_high, lang),
        number(row.gaps_medium, lang),
        number(row.gaps_low, lang),
        number(row.gaps, lang),
    ]


def _headers(lang: str, *codes: str) -> list[str]:
    """The column titles of a table, in the report's language."""
    return [t(code, lang) for code in codes]


def _listed(items: Sequence[str]) -> str:
    """Names in one cell; a dash when there are none (an empty cell reads as missing data)."""
    return "; ".join(items) or "–"


def summary_table(report: Report) -> Table:
    lang = report.cover.lang
    headers = _headers(
        lang,
        "report_col_kecamatan",
        "report_col_pps",
        "report_col_pps_kades",
        "report_col_ppk",
        "report_col_camat",
        "report_col_kapolsek",
        "report_col_danramil",
        "report_col_high",
        "report_col_medium",
        "report_col_low",
        "report_col_gaps",
    )
    rows = [_summary_cells(r, lang) for r in report.summary]
    rows.append(_summary_cells(report.total, lang))
    return headers, rows


def gap_headers(lang: str) -> list[str]:
    """Columns of a gap table, the desa/kelurahan first."""
    return _headers(
        lang,
        "report_col_place",
        "report_col_subject",
        "report_col_rule",
        "report_col_severity",
        "report_col_reason",
        "report_col_counterparts",
        "report_col_last",
        "report_col_intro",
    )


def gap_row(line: GapLine, lang: str) -> list[str]:
    return [
        line.place,
        line.subject_name,
        line.rule_title,
        line.severity_label,
        line.reason_label,
        _listed(line.counterparts),
        long_date(line.last_contact, lang),
        _listed(line.introducers),
    ]


def plan_table(report: Report) -> Table:
    lang = report.cover.lang
    headers = _headers(
        lang,
        "report_col_from",
        "report_col_to",
        "report_col_closes",
        "report_col_why",
        "report_col_intro",
    )
    rows = [
        [
            p.source_name,
            p.target_name,
            number(p.closes, lang),
            "; ".join(p.why),
            _listed(p.introducers),
        ]
        for p in report.plan
    ]
    return headers, rows


def invite_table(report: Report) -> Table:
    lang = report.cover.lang
    headers = _headers(lang, "report_col_invitee", "report_col_closes", "report_col_why")
    rows = [[i.name, number(i.closes, lang), "; ".join(i.gaps)] for i in report.invitations]
    return headers, rows


def agreement_table(report: Report) -> Table:
    lang = report.cover.lang
    headers = _headers(
        lang,
        "report_col_agreement",
        "report_col_parties",
        "report_col_signed",
        "report_col_expires",
        "report_col_status",
        "report_col_follow_ups",
    )
    rows = [
        [
            a.title,
            _listed(a.parties),
            long_date(a.signed, lang),
            long_date(a.expires, lang),
            t(f"act.reason_{a.status}", lang),
            f"{number(a.follow_ups, lang)} ({long_date(a.last_follow_up, lang)})"
            if a.follow_ups
            else "0",
        ]
        for a in report.agreements
    ]
    return headers, rows


def weak_table(report: Report) -> Table:
    lang = report.cover.lang
    headers = [t("report_col_weak", lang), t("report_col_affected", lang)]
    rows = [[w.text, number(w.pps + w.ppk, lang)] for w in report.weak_points]
    return headers, rows


def contact_table(report: Report) -> Table:
    lang = report.cover.lang
    headers = _headers(
        lang,
        "report_col_subject",
        "report_col_person",
        "report_col_role",
        "report_col_phone",
        "report_col_email",
        "report_col_nik",
    )
    rows: list[list[str]] = []
    for card in report.contacts:
        if card.phone or card.email:
            rows.append([card.name, "", card.kind_label, card.phone, card.email, ""])
        for p in card.people:
            rows.append([card.name, p.name, p.role, p.phone, p.email, p.nik])
    return headers, rows
