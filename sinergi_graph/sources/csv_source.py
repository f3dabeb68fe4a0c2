"""CSV files as Indonesian spreadsheets write them: ``;`` or ``,``, with or without a BOM."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sinergi_graph.sources.tables import RawTable, canonical_header, detect_role


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Excel "CSV (Comma delimited)" exports on Windows are cp1252.
        return data.decode("cp1252", errors="replace")


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def read_csv(path: Path) -> RawTable:
    text = _decode(path.read_bytes())
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    try:
        header = next(reader)
    except StopIteration:
        return RawTable(str(path), None, [], fatal=(1, "-", "p_unknown_header", {}))
    columns = [canonical_header(h) for h in header]
    table = RawTable(str(path), detect_role(columns), columns)
    if table.role is None:
        table.fatal = (1, "-", "p_unknown_header", {})
        return table
    for line_no, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        row = {col: (cells[i].strip() if i < len(cells) else "") for i, col in enumerate(columns)}
        table.rows.append((line_no, row))
    return table
