"""Write rows of text to CSV, JSON, XLSX or Markdown: the shared report writer.

Every command that outputs a list (gaps, metrics, recommendations, exports)
goes through here, so formats behave the same everywhere, and so does their
safety: names and notes come from other people's files, and a file sinergi
writes must not attack whoever opens it.

- XLSX: a text starting like a formula (``=``, ``+``, ``-``, ``@``, TAB, CR)
  is written as a string cell with Excel's quote prefix, so it is shown, never
  evaluated, also after the user edits the cell; reading it back gives the
  text unchanged. Characters XML cannot carry (C0 controls but TAB/LF/CR) are
  dropped instead of crashing the export.
- CSV: such cells get OWASP's leading apostrophe (:func:`~sinergi_graph.text.guard_cell`);
  sinergi's CSV reader removes it again (:func:`~sinergi_graph.text.unguard_cell`).
- JSON: DEL, C1 controls and bidirectional overrides are written as ``\\uXXXX``
  escapes (the same data, but nothing a terminal obeys when the file is printed).
- Markdown (read by people): control characters and escapes are removed.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from sinergi_graph.text import FORMULA_TRIGGERS, guard_cell, printable

__all__ = [
    "FileFormat",
    "csv_text",
    "json_text",
    "markdown_text",
    "protect_xlsx_cell",
    "sheet_title",
    "write_rows",
    "write_table_xlsx",
    "write_xlsx",
    "xlsx_text",
]


class FileFormat(StrEnum):
    """The file formats of reports and exports."""

    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
    MD = "md"


# XML 1.0 cannot hold these (openpyxl raises IllegalCharacterError on them), nor
# lone surrogates or U+FFFE/U+FFFF (the save fails).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Valid JSON inside strings either way; escaped, they cannot act on a terminal.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Excel refuses these in sheet names.
_SHEET_ILLEGAL = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


# Only a text starting with one of these can need guard_cell: the fast path.
_GUARD_FIRST = FORMULA_TRIGGERS | {"'"}


def _csv_cell(value: Any) -> str:
    # Numbers are numbers; every text is guarded, whatever type it came as.
    # Called once per cell of a whole-network export, hence the fast paths.
    if isinstance(value, str):
        return guard_cell(value) if value[:1] in _GUARD_FIRST else value
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return guard_cell(str(value))


class _LfLines(io.StringIO):
    """A text buffer for csv.writer that ends each record with LF instead of CRLF."""

    def write(self, s: str, /) -> int:
        # csv.writer writes one whole record per call, terminator last.
        return super().write(s[:-2] + "\n" if s.endswith("\r\n") else s)


def csv_text(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], *, delimiter: str = ","
) -> str:
    """CSV text of ``rows``, header first, formula-like cells guarded.

    ``delimiter=";"`` gives the CSV Excel opens in columns in an Indonesian
    locale (where ``,`` is the decimal separator).

    Examples
    --------
    >>> print(csv_text([{"name": "=1+1", "n": -2}], ["name", "n"]), end="")
    name,n
    '=1+1,-2
    """
    buf = _LfLines()
    # The csv module quotes a cell only for characters of its line terminator:
    # with "\n" alone a CR inside a cell went out bare and split the record.
    # Terminate with CRLF (so both are quoted) and let _LfLines write LF.
    writer = csv.writer(buf, lineterminator="\r\n", delimiter=delimiter)
    writer.writerow([guard_cell(c) for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def json_text(document: Any, *, indent: int | None = 2) -> str:
    r"""JSON text of ``document`` (UTF-8 kept), with terminal controls escaped.

    Examples
    --------
    >>> json_text({"name": "a\x9b2Jb"}, indent=None)
    '{"name": "a\\u009b2Jb"}\n'
    """
    text = json.dumps(document, ensure_ascii=False, indent=indent, default=str)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def markdown_text(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], title: str = ""
) -> str:
    """A Markdown table of ``rows`` under an optional ``# title``.

    Examples
    --------
    >>> print(markdown_text([{"a": "x|y\x1b[2J"}], ["a"]), end="")
    | a |
    |---|
    | x\\|y |
    """

    def esc(text: str) -> str:
        return printable(text, multiline=False).replace("|", "\\|")

    lines = [f"# {esc(title)}", ""] if title else []
    lines.append("| " + " | ".join(esc(c) for c in columns) + " |")
    lines.append("|" + "---|" * len(columns))
    for row in rows:
        lines.append("| " + " | ".join(esc(_cell(row.get(c))) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def xlsx_text(value: Any) -> str:
    r"""The text a cell holding ``value`` gets: XML-illegal control characters dropped.

    >>> xlsx_text("PPS\x00 Tepus\x1b[2J"), xlsx_text(None), xlsx_text("a\tb\nc")
    ('PPS Tepus[2J', '', 'a\tb\nc')
    """
    return _XML_ILLEGAL.sub("", _cell(value))


def sheet_title(name: str) -> str:
    """A valid, unique-enough worksheet name for ``name`` (Excel: ≤ 31 chars, no ``[]:*?/\\``).

    >>> sheet_title("gaps 33/23: [PPS]"), sheet_title("")
    ('gaps 33_23_ _PPS_', 'data')
    """
    cleaned = _SHEET_ILLEGAL.sub("_", name).strip("'")[:31]
    return cleaned or "data"


def protect_xlsx_cell(cell: Any) -> Any:
    """Make an openpyxl cell holding formula-like text a plain text cell; return it.

    For workbooks built cell by cell (styled reports): set ``cell.value`` to
    :func:`xlsx_text` of the value, then pass the cell here. Works for normal
    and write-only cells alike.

    >>> from openpyxl import Workbook
    >>> cell = Workbook().active["A1"]
    >>> cell.value = '=HYPERLINK("http://evil.example","klik")'
    >>> protect_xlsx_cell(cell).data_type, cell.quotePrefix
    ('s', True)
    """
    value = cell.value
    if isinstance(value, str) and value[:1] in FORMULA_TRIGGERS:
        # openpyxl would store "=…" as a formula; force a string, and set the
        # quote prefix so editing the cell in Excel keeps it text too.
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def write_xlsx(
    path: Path, sheets: Mapping[str, tuple[Sequence[str], Iterable[Mapping[str, Any]]]]
) -> None:
    """Write one sheet per entry: ``{sheet_name: (columns, rows)}``.

    A text that starts like a formula is stored as a string cell with the
    quote prefix, so Excel and LibreOffice show it and never evaluate it.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)

    def cell(sheet: Any, value: Any) -> Any:
        text = xlsx_text(value)
        if text[:1] not in FORMULA_TRIGGERS:
            return text  # a bare value is cheaper than a cell object
        return protect_xlsx_cell(WriteOnlyCell(sheet, value=text))

    for name, (columns, rows) in sheets.items():
        sheet = book.create_sheet(title=sheet_title(name))
        sheet.append([cell(sheet, c) for c in columns])
        for row in rows:
            sheet.append([cell(sheet, row.get(c)) for c in columns])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


#: Widest column of a styled sheet, in characters (longer texts wrap).
MAX_WIDTH = 60


def write_table_xlsx(
    path: Path,
    *,
    sheet: str,
    columns: Sequence[str],
    headers: Mapping[str, str],
    rows: Iterable[Mapping[str, Any]],
    title: str = "",
) -> None:
    """One sheet people print and filter: bold frozen header, filter, widths, A4 landscape.

    The header row repeats on every printed page (print titles), pages carry
    ``title`` and their numbers; long texts wrap within :data:`MAX_WIDTH`.
    Formula-like texts are stored as text, as in :func:`write_xlsx`.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = sheet_title(sheet)
    widths = [len(headers.get(c, c)) for c in columns]
    ws.append([xlsx_text(headers.get(c, c)) for c in columns])
    wrap = Alignment(wrap_text=True, vertical="top")
    count = 0
    for row in rows:
        count += 1
        values = []
        for i, c in enumerate(columns):
            value = row.get(c)
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                value = xlsx_text(value)
            values.append(value)
            longest = max((len(line) for line in str(value).splitlines()), default=0)
            widths[i] = max(widths[i], longest)
        ws.append(values)
        # The row just appended, by its number: ws[ws.max_row] scans every cell of the
        # sheet for max_row and max_column, which made a 15,000-row sheet take minutes.
        for i in range(1, len(columns) + 1):
            cell = ws.cell(row=count + 1, column=i)
            protect_xlsx_cell(cell)
            cell.alignment = wrap
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        protect_xlsx_cell(cell)
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, width + 2)
    last = get_column_letter(len(columns))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{count + 1}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title:
        ws.oddHeader.center.text = xlsx_text(title).replace("&", "&&")
    ws.oddFooter.center.text = "&P / &N"
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
        text = json_text(doc)
    if path is None:
        return text
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", errors="replace", newline="")
    return None
