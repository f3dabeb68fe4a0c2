"""CSV files as Indonesian spreadsheets write them.

``;``, ``,`` or tab delimiters; UTF-8 with or without a BOM, Windows-1252, or
UTF-16 (Excel's "Unicode Text"); title rows above the header. Row numbers are
the file's line numbers, also when a quoted cell spans several lines.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from sinergi_graph.sources.decoding import decode_text
from sinergi_graph.sources.grid import MAX_CELL, table_from_grid
from sinergi_graph.sources.tables import RawTable
from sinergi_graph.text import unguard_cell

__all__ = ["read_csv"]


def _delimiter(text: str) -> str:
    # The header may sit below title rows: count delimiters over the first lines.
    sample = text[:8192].splitlines()[:25]
    counts = {d: sum(line.count(d) for line in sample) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


class _Rows:
    """Rows of a CSV reader with their first line numbers; remembers a parse error."""

    def __init__(self, text: str) -> None:
        self._reader = csv.reader(
            io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True
        )
        self.error: tuple[int, str] | None = None

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        start = 1
        while True:
            try:
                cells = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:
                self.error = (start, str(exc))
                return
            # Undo the apostrophe writers put before formula-like cells (CSV injection).
            yield start, [unguard_cell(c) for c in cells]
            start = self._reader.line_num + 1


def read_csv(path: Path) -> RawTable:
    """Read one CSV (or tab-separated text) file into a located table."""
    decoded = decode_text(path.read_bytes())
    rows = _Rows(decoded.text)
    table = table_from_grid(str(path), rows)
    if table is None:
        table = RawTable(str(path), None, [], fatal=(1, "-", "p_unknown_header", {}))
    if rows.error is not None:
        line_no, detail = rows.error
        if "field larger than field limit" in detail:
            table.problems.append((line_no, "-", "p_cell_too_long", {"limit": str(MAX_CELL)}))
        elif "end of data" in detail:
            table.problems.append((line_no, "-", "p_unterminated_quote", {}))
        else:
            table.problems.append((line_no, "-", "p_bad_csv", {"detail": detail}))
    table.problems[:0] = decoded.problems
    table.warnings[:0] = decoded.warnings
    return table
