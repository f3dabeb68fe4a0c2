"""XLSX workbooks with a ``nodes`` sheet and/or a ``links`` sheet."""

from __future__ import annotations

from pathlib import Path

from sinergi_graph.sources.tables import (
    RawTable,
    TableRole,
    canonical_header,
    cell_text,
    detect_role,
)

_SHEET_NAMES = {
    "nodes": TableRole.NODES,
    "aktor": TableRole.NODES,
    "actors": TableRole.NODES,
    "links": TableRole.LINKS,
    "tautan": TableRole.LINKS,
}


def read_xlsx(path: Path) -> list[RawTable]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        return [RawTable(str(path), None, [], fatal=(0, "-", "p_bad_file", {"detail": str(exc)}))]
    tables: list[RawTable] = []
    try:
        for sheet in book.worksheets:
            role = _SHEET_NAMES.get(sheet.title.strip().lower())
            if role is None:
                continue
            label = f"{path}[{sheet.title}]"
            rows = sheet.iter_rows(values_only=True)
            header = next(rows, None)
            if header is None:
                continue
            columns = [canonical_header(cell_text(h)) for h in header]
            table = RawTable(label, role, columns)
            if detect_role(columns) is not role:
                table.fatal = (1, "-", "p_unknown_header", {})
                tables.append(table)
                continue
            for row_no, cells in enumerate(rows, start=2):
                texts = [cell_text(c) for c in cells]
                if not any(texts):
                    continue
                row = {c: (texts[i] if i < len(texts) else "") for i, c in enumerate(columns) if c}
                table.rows.append((row_no, row))
            tables.append(table)
    finally:
        book.close()
    if not tables:
        return [RawTable(str(path), None, [], fatal=(0, "-", "p_missing_sheet", {}))]
    return tables
