"""The raw table every reader produces, and dispatch by file type."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

__all__ = ["Location", "RawTable", "TableRole", "canonical_header", "cell_text", "read_tables"]


class TableRole(StrEnum):
    """The roles the core validates; ``sources/roles.toml`` may name more."""

    NODES = "nodes"
    LINKS = "links"
    ACTIVITIES = "activities"
    ATTENDANCE = "attendance"
    DAFTAR_HADIR = "daftar_hadir"
    AGREEMENTS = "agreements"


# A problem or warning found while reading: (row, column, message code, params).
Location = tuple[int, str, str, dict[str, str]]


def canonical_header(name: str, role: str = TableRole.NODES) -> str:
    """Map a header cell to its canonical column in ``role``; unknown headers keep a tidy form.

    >>> canonical_header("Jenis"), canonical_header("Jenis", TableRole.LINKS)
    ('kind', 'type')
    """
    from sinergi_graph.sources.roles import role_spec, tidy

    return role_spec(role).canonical(name) or tidy(name)


@dataclass
class RawTable:
    """Cells of one nodes or links table, as text, with their source positions.

    ``rows`` holds ``(row_number, {column: text})``; row numbers are what a user
    sees in their spreadsheet (the header is row 1) or the 1-based index in a
    JSON array.
    """

    file: str
    role: str | None
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    # A problem that stops the whole table from being read: (row, column, code, params)
    fatal: Location | None = None
    # Canonical column -> the header as the user wrote it, for problem locations.
    headers: dict[str, str] = field(default_factory=dict)
    # Cell-level problems and warnings found while reading (the rows are still given).
    problems: list[Location] = field(default_factory=list)
    warnings: list[Location] = field(default_factory=list)
    # Columns read but not used by the role (reported, never dropped silently).
    unused: list[str] = field(default_factory=list)
    # Rows above the header (a title block), and the header's row number.
    preamble: list[list[str]] = field(default_factory=list)
    header_row: int = 1

    def label(self, column: str) -> str:
        """The column as the user's header names it (the canonical name otherwise)."""
        return self.headers.get(column) or column


def read_tables(path: Path) -> list[RawTable]:
    """Read one input file into its tables, choosing the reader by extension."""
    suffix = path.suffix.lower()
    if suffix in {".csv", ".txt", ".tsv"}:
        from sinergi_graph.sources.csv_source import read_csv

        return [read_csv(path)]
    if suffix in {".xlsx", ".xlsm", ".xls", ".ods"}:
        from sinergi_graph.sources.workbook_source import read_workbook

        return read_workbook(path)
    if suffix == ".json":
        from sinergi_graph.sources.json_source import read_json

        return read_json(path)
    if suffix in {".graphml", ".xml"}:
        from sinergi_graph.sources.graphml_source import read_graphml

        return read_graphml(path)
    from sinergi_graph.errors import SinergiError

    raise SinergiError("unknown_format", path=str(path))


def cell_text(value: object) -> str:
    """Text of a cell from any reader; dates keep ISO form, whole floats lose ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if hasattr(value, "isoformat"):
        text: str = value.isoformat()
        return text[:10] if "T" in text and text.endswith("00:00:00") else text
    return str(value).strip()
