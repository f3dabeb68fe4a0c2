"""Workbooks (``.xlsx``, ``.xls``, ``.ods``) as offices keep them, read with calamine.

Every sheet is looked at, whatever it is called: a sheet whose header (below
any title rows) identifies a role becomes a table; a sheet without one is
passed over with a warning, unless its name promises a table. Two things a
workbook can hide are refused where they are: an XML document type (the
vehicle of external-entity attacks; spreadsheet programs never write one) and
a formula saved without its value (a cell that looks filled but reads empty).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from sinergi_graph.sources.grid import column_letter, table_from_grid
from sinergi_graph.sources.roles import roles
from sinergi_graph.sources.tables import RawTable, cell_text
from sinergi_graph.text import fold

__all__ = ["read_workbook"]

# Sheet names that promise a table: a header missing there is a problem, not a pass.
_PROMISED = {"nodes", "aktor", "actors", "links", "tautan", "lembaga", "koordinasi"}
# The XML prolog (where a DOCTYPE must stand) fits well within this many bytes.
_PROLOG_BYTES = 4096


def _fatal(path: Path, code: str, **params: str) -> list[RawTable]:
    return [RawTable(str(path), None, [], fatal=(0, "-", code, params))]


def _has_doctype(path: Path) -> bool:
    """True when any XML part of a zipped workbook declares a document type."""
    try:
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    with zf.open(info) as member:
                        if b"<!DOCTYPE" in member.read(_PROLOG_BYTES).upper():
                            return True
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return False  # not a zip (.xls) or damaged: calamine's own error says which
    return False


def _uncached_formulas(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Per sheet, (row, column) of formulas saved without a value (``.xlsx`` only).

    Only opened when a sheet holds formulas at all, as openpyxl is much slower
    than calamine; calamine cannot tell such a cell from an empty one.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            if not any(
                b"<f" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/")
            ):
                return {}
    except (zipfile.BadZipFile, OSError):
        return {}
    from openpyxl import load_workbook

    out: dict[str, set[tuple[int, int]]] = {}
    formulas = load_workbook(path, read_only=True, data_only=False)
    values = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in formulas.worksheets:
            cached = values[sheet.title]
            for f_row, v_row in zip(sheet.iter_rows(), cached.iter_rows(), strict=False):
                for f_cell, v_cell in zip(f_row, v_row, strict=False):
                    if f_cell.data_type == "f" and v_cell.value is None:
                        out.setdefault(sheet.title, set()).add((f_cell.row, f_cell.column))
    finally:
        formulas.close()
        values.close()
    return out


def _text(value: object) -> str:
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return cell_text(value)


def read_workbook(path: Path) -> list[RawTable]:
    """Read every sheet of a workbook that holds a table."""
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    if _has_doctype(path):
        return _fatal(path, "p_xml_doctype")
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [
            (name, book.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in book.sheet_names
        ]
        uncached = _uncached_formulas(path) if path.suffix.lower() in {".xlsx", ".xlsm"} else {}
        # A hidden sheet without a table is a lookup list (drop-down choices), not data.
        hidden = {m.name for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    except Exception as exc:  # calamine and openpyxl raise many types for damaged files
        return _fatal(path, "p_bad_file", detail=str(exc).splitlines()[0] if str(exc) else "")
    tables: list[RawTable] = []
    skipped: list[str] = []
    role_names = {spec.name for spec in roles()}
    for name, grid in sheets:
        promised = fold(name) in _PROMISED or name.strip().lower() in role_names
        rows = ((i, [_text(c) for c in cells]) for i, cells in enumerate(grid, start=1))
        table = table_from_grid(f"{path}[{name}]", rows, expected=promised)
        if table is None:
            if name not in hidden and any(any(str(c).strip() for c in cells) for cells in grid):
                skipped.append(name)
            continue
        for row_no, col_no in sorted(uncached.get(name, ())):
            table.problems.append((row_no, column_letter(col_no - 1), "p_formula_no_value", {}))
        tables.append(table)
    if not tables:
        return _fatal(path, "p_missing_sheet")
    for name in skipped:
        tables[0].warnings.append((0, "-", "w_sheet_skipped", {"sheet": name}))
    return tables
