"""A grid of text cells (a CSV file, a workbook sheet) into one located table.

The header row is found by its content (title rows above it are kept aside as
the table's preamble), its cells are read under the role they identify, and
every way a grid can hide data is reported where it is: a column given twice,
a blank header with data under it, more cells than the header, an overlong cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sinergi_graph.sources.roles import match_header, role_spec
from sinergi_graph.sources.tables import RawTable

__all__ = ["MAX_CELL", "column_letter", "table_from_grid"]

# Title rows an office puts above a header (name of the office, period, a blank line).
HEADER_SCAN_ROWS = 20
# The longest text a spreadsheet cell holds; a longer value could not be exported again.
MAX_CELL = 32_767


def column_letter(index: int) -> str:
    """Spreadsheet letter of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def table_from_grid(
    label: str, rows: Iterable[tuple[int, Sequence[str]]], *, expected: bool = True
) -> RawTable | None:
    """Read ``rows`` (``(row_number, cells)``, cells already text) as one table.

    Returns ``None`` for a grid without any text, and, when ``expected`` is false
    (a workbook sheet that need not hold a table), for a grid without a header.
    """
    it = iter(rows)
    preamble: list[list[str]] = []
    scanned = 0
    first_row = 0
    for row_no, cells in it:
        if not any(c.strip() for c in cells):
            continue
        first_row = first_row or row_no
        match = match_header(cells)
        if match is not None:
            return _read_body(label, row_no, list(cells), match.role, match.columns, preamble, it)
        preamble.append([c.strip() for c in cells])
        scanned += 1
        if scanned >= HEADER_SCAN_ROWS:
            break
    if not first_row or not expected:
        return None
    return RawTable(label, None, [], fatal=(first_row, "-", "p_unknown_header", {}))


def _read_body(
    label: str,
    header_row: int,
    header: list[str],
    role: str,
    columns: list[str | None],
    preamble: list[list[str]],
    rows: Iterable[tuple[int, Sequence[str]]],
) -> RawTable:
    table = RawTable(label, role, [], preamble=preamble, header_row=header_row)
    positions: dict[str, int] = {}
    for index, column in enumerate(columns):
        if not column:
            continue
        if column in positions:
            first = positions[column]
            table.fatal = (
                header_row,
                column_letter(index),
                "p_duplicate_column",
                {
                    "name": header[index].strip(),
                    "first": f"{column_letter(first)} ({header[first].strip()})",
                },
            )
            return table
        positions[column] = index
        table.headers[column] = header[index].strip()
    table.columns = list(positions)
    spec = role_spec(role)
    if not spec.keeps_extra:
        table.unused = [c for c in table.columns if c not in spec.columns]
    blank = {i for i, c in enumerate(columns) if c == ""}
    reported_blank: set[int] = set()
    width = len(columns)
    for row_no, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        extra = [i for i in range(width, len(cells)) if cells[i].strip()]
        if extra:
            table.problems.append(
                (row_no, column_letter(extra[0]), "p_extra_cells", {"count": str(width)})
            )
        for i in blank - reported_blank:
            if i < len(cells) and cells[i].strip():
                reported_blank.add(i)
                table.problems.append((row_no, column_letter(i), "p_blank_header", {}))
        row: dict[str, str] = {}
        for column, index in positions.items():
            text = cells[index].strip() if index < len(cells) else ""
            if len(text) > MAX_CELL:
                table.problems.append(
                    (row_no, table.label(column), "p_cell_too_long", {"limit": str(MAX_CELL)})
                )
                text = text[:MAX_CELL]
            row[column] = text
        table.rows.append((row_no, row))
    return table
