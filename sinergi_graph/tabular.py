"""Write rows of text to CSV, JSON, XLSX or Markdown: the shared report writer.

Every command that outputs a list (gaps, metrics, recommendations, exports)
goes through here, so formats behave the same everywhere.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any


class FileFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
    MD = "md"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def markdown_text(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], title: str = ""
) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"# {title}", ""] if title else []
    lines.append("| " + " | ".join(columns) + " |")
    lines.append("|" + "---|" * len(columns))
    for row in rows:
        lines.append("| " + " | ".join(esc(_cell(row.get(c))) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def write_xlsx(
    path: Path, sheets: Mapping[str, tuple[Sequence[str], Iterable[Mapping[str, Any]]]]
) -> None:
    """Write one sheet per entry: ``{sheet_name: (columns, rows)}``."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, (columns, rows) in sheets.items():
        sheet = book.create_sheet(title=name[:31])
        sheet.append(list(columns))
        for row in rows:
            sheet.append([_cell(row.get(c)) for c in columns])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def write_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: FileFormat,
    path: Path | None,
    *,
    title: str = "",
    json_document: Any = None,
) -> str | None:
    """Write ``rows`` in ``fmt`` to ``path``; with no path return the text (XLSX needs a path).

    ``json_document`` replaces the default JSON (a list of row objects) when a
    command has a richer JSON shape.
    """
    if fmt is FileFormat.XLSX:
        if path is None:
            raise ValueError("xlsx needs a path")
        write_xlsx(path, {title or "data": (columns, rows)})
        return None
    if fmt is FileFormat.CSV:
        text = csv_text(rows, columns)
    elif fmt is FileFormat.MD:
        text = markdown_text(rows, columns, title)
    else:
        doc = (
            json_document
            if json_document is not None
            else [{c: row.get(c) for c in columns} for row in rows]
        )
        text = json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
    if path is None:
        return text
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return None
