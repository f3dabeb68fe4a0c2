"""Gap lists as files: stable machine columns (CSV/JSON) and a sheet people read (XLSX/MD).

One writer for ``sinergi gaps --output`` and the terminal UI's export, so both
give the same file:

* **CSV and JSON** keep the stable columns of design.md and add, at the end,
  the names a person needs (``kecamatan_name``, ``desa_name``,
  ``counterpart_names``). ``excel=True`` writes the CSV that Excel in an
  Indonesian locale opens in columns: ``;`` between cells and a UTF-8 BOM.
* **XLSX and Markdown** are for a coordination meeting: in the user's language,
  with the kecamatan and desa by name, the rule's title, severity and reason as
  words, the counterparts by name and the last contact as a date; the XLSX has
  column widths, a filter, a frozen header, print titles and A4 landscape.

Formula-like names stay inert in every format (:mod:`sinergi_graph.tabular`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sinergi_graph.areas import CODE_LENGTH, load_areas, truncate
from sinergi_graph.gaps import GAP_COLUMNS, Gap
from sinergi_graph.i18n import current_language, parse_lang, t
from sinergi_graph.kinds import Level
from sinergi_graph.numbers import area_title, long_date
from sinergi_graph.rules import Rule
from sinergi_graph.tabular import (
    FileFormat,
    csv_text,
    json_text,
    markdown_text,
    write_table_xlsx,
)

__all__ = [
    "NAME_COLUMNS",
    "SHEET_COLUMNS",
    "gap_file_text",
    "machine_rows",
    "sheet_rows",
    "write_gaps",
]

#: Name columns added after the stable ones in CSV and JSON.
NAME_COLUMNS = ("kecamatan_name", "desa_name", "counterpart_names")

#: Columns of the sheet people read, in order (headers from the catalogue: ``gs_<column>``).
SHEET_COLUMNS = (
    "no",
    "kecamatan",
    "desa",
    "subject",
    "rule",
    "severity",
    "reason",
    "counterparts",
    "last_contact",
    "subject_id",
    "area",
)

_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def _place_names(area: str) -> tuple[str, str]:
    """(kecamatan name, desa name) of an area code; empty where the area is above them."""
    areas = load_areas()
    kecamatan = truncate(area, Level.KECAMATAN)
    desa = truncate(area, Level.DESA)
    return (areas.name(kecamatan) if kecamatan else "", areas.name(desa) if desa else "")


def _counterpart_names(gap: Gap, names: Mapping[str, str]) -> list[str]:
    return [names.get(c, c) for c in gap.counterpart_ids]


def machine_rows(gaps: Sequence[Gap], names: Mapping[str, str]) -> list[dict[str, Any]]:
    """The stable gap rows (design.md) with the name columns appended."""
    rows = []
    for gap in gaps:
        kecamatan, desa = _place_names(gap.area)
        rows.append(
            {
                **gap.as_row(),
                "kecamatan_name": kecamatan,
                "desa_name": desa,
                "counterpart_names": ";".join(_counterpart_names(gap, names)),
            }
        )
    return rows


def sheet_rows(
    gaps: Sequence[Gap],
    names: Mapping[str, str],
    rules: Sequence[Rule] = (),
    lang: str | None = None,
) -> list[dict[str, Any]]:
    """The rows of the sheet people read, grouped kecamatan → desa, most severe first."""
    code = parse_lang(lang) if lang else current_language()
    by_rule = {r.id: r for r in rules}

    def title(rule_id: str) -> str:
        rule = by_rule.get(rule_id)
        if rule is None:
            return rule_id
        return rule.title_en if code == "en" else rule.title_id

    def reason(gap: Gap) -> str:
        text = t(f"reason_{gap.reason.value}", code)
        rule = by_rule.get(gap.rule)
        if gap.missed == "window" and rule is not None and rule.max_age_days is not None:
            text += " " + t("missed_window", code, days=rule.max_age_days)
        elif gap.missed == "deadline" and rule is not None and rule.due_by is not None:
            text += " " + t("missed_deadline", code, date=long_date(rule.due_by, code))
        return text

    ordered = sorted(
        gaps,
        key=lambda g: (
            g.area[: CODE_LENGTH[Level.KECAMATAN]],
            g.area,
            _SEVERITY_ORDER.get(g.severity, 9),
            g.subject_name,
        ),
    )
    rows = []
    for i, gap in enumerate(ordered, start=1):
        kecamatan, desa = _place_names(gap.area)
        if truncate(gap.area, Level.KECAMATAN) is None:
            kecamatan = area_title(gap.area, code) if gap.area else ""
        rows.append(
            {
                "no": i,
                "kecamatan": kecamatan,
                "desa": desa,
                "subject": gap.subject_name,
                "rule": title(gap.rule),
                "severity": t(f"severity_{gap.severity}", code),
                "reason": reason(gap),
                "counterparts": ", ".join(_counterpart_names(gap, names)),
                "last_contact": long_date(gap.last_contact, code) if gap.last_contact else "",
                "subject_id": gap.subject_id,
                "area": gap.area,
            }
        )
    return rows


def _headers(lang: str | None) -> dict[str, str]:
    return {c: t(f"gs_{c}", lang) for c in SHEET_COLUMNS}


def gap_file_text(
    gaps: Sequence[Gap],
    fmt: FileFormat,
    *,
    names: Mapping[str, str] | None = None,
    rules: Sequence[Rule] = (),
    lang: str | None = None,
    excel: bool = False,
    title: str | None = None,
) -> str:
    """The text of a CSV, JSON or Markdown gap file (XLSX: :func:`write_gaps`)."""
    names = names or {}
    if fmt is FileFormat.XLSX:
        raise ValueError("xlsx is written to a path: write_gaps")
    columns = [*GAP_COLUMNS, *NAME_COLUMNS]
    if fmt is FileFormat.CSV:
        text = csv_text(machine_rows(gaps, names), columns, delimiter=";" if excel else ",")
        return "\ufeff" + text if excel else text
    if fmt is FileFormat.JSON:
        return json_text(machine_rows(gaps, names))
    headers = _headers(lang)
    rows = [{headers[c]: v for c, v in row.items()} for row in sheet_rows(gaps, names, rules, lang)]
    return markdown_text(rows, [headers[c] for c in SHEET_COLUMNS], title or t("gs_title", lang))


def write_gaps(
    gaps: Sequence[Gap],
    fmt: FileFormat,
    path: Path,
    *,
    names: Mapping[str, str] | None = None,
    rules: Sequence[Rule] = (),
    lang: str | None = None,
    excel: bool = False,
    title: str | None = None,
) -> Path:
    """Write ``gaps`` to ``path`` in ``fmt`` (see the module docstring); returns the path."""
    if fmt is FileFormat.XLSX:
        headers = _headers(lang)
        write_table_xlsx(
            path,
            sheet=t("gs_sheet", lang),
            columns=SHEET_COLUMNS,
            headers=headers,
            rows=sheet_rows(gaps, names or {}, rules, lang),
            title=title or t("gs_title", lang),
        )
        return path
    text = gap_file_text(gaps, fmt, names=names, rules=rules, lang=lang, excel=excel, title=title)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path
