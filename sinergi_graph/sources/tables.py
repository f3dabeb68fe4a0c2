"""The raw table every reader produces, and dispatch by file type."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sinergi_graph.text import fold


class TableRole(StrEnum):
    NODES = "nodes"
    LINKS = "links"


# Everyday Indonesian and English header spellings, folded, mapped to the canonical column.
HEADER_ALIASES: dict[str, str] = {
    "id": "id",
    "kode": "id",
    "kind": "kind",
    "jenis": "kind",
    "jenisaktor": "kind",
    "kategori": "kind",
    "name": "name",
    "nama": "name",
    "area": "area",
    "wilayah": "area",
    "kodewilayah": "area",
    "kodearea": "area",
    "memberof": "member_of",
    "anggotadari": "member_of",
    "lembaga": "member_of",
    "phone": "phone",
    "telepon": "phone",
    "telp": "phone",
    "hp": "phone",
    "nohp": "phone",
    "email": "email",
    "surel": "email",
    "note": "note",
    "catatan": "note",
    "keterangan": "note",
    "source": "source",
    "sumber": "source",
    "dari": "source",
    "target": "target",
    "tujuan": "target",
    "ke": "target",
    "type": "type",
    "tipe": "type",
    "jenistautan": "type",
    "jeniskegiatan": "type",
    "date": "date",
    "tanggal": "date",
    "tgl": "date",
    "topic": "topic",
    "topik": "topic",
    "perihal": "topic",
    "agenda": "topic",
}


def canonical_header(name: str) -> str:
    """Map a header cell to its canonical column name; unknown headers keep a tidy form."""
    folded = fold(name)
    if folded in HEADER_ALIASES:
        return HEADER_ALIASES[folded]
    return "_".join(name.strip().lower().split())


def detect_role(columns: list[str]) -> TableRole | None:
    cols = set(columns)
    if {"source", "target"} <= cols:
        return TableRole.LINKS
    if {"id", "kind"} <= cols or {"id", "name"} <= cols:
        return TableRole.NODES
    return None


@dataclass
class RawTable:
    """Cells of one nodes or links table, as text, with their source positions.

    ``rows`` holds ``(row_number, {column: text})``; row numbers are what a user
    sees in their spreadsheet (the header is row 1) or the 1-based index in a
    JSON array.
    """

    file: str
    role: TableRole | None
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    # A problem that stops the whole table from being read: (row, column, code, params)
    fatal: tuple[int, str, str, dict[str, str]] | None = None


def read_tables(path: Path) -> list[RawTable]:
    """Read one input file into its tables, choosing the reader by extension."""
    suffix = path.suffix.lower()
    if suffix in {".csv", ".txt", ".tsv"}:
        from sinergi_graph.sources.csv_source import read_csv

        return [read_csv(path)]
    if suffix in {".xlsx", ".xlsm"}:
        from sinergi_graph.sources.xlsx_source import read_xlsx

        return read_xlsx(path)
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
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        text: str = value.isoformat()
        return text[:10] if "T" in text and text.endswith("00:00:00") else text
    return str(value).strip()
