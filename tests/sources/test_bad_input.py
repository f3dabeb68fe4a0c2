"""Issue 13: bad input is a located problem (or is read correctly), and nothing is written."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from sinergi_graph.importer import import_files
from sinergi_graph.store.embedded import EmbeddedStore
from tests.sources.helpers import rejected, write

pytestmark = pytest.mark.trust("bad_input")

NODES = "id;kind;name;area\nppk;PPK;PPK Parakan;33.23.01\ncamat;Camat;Camat Parakan;33.23.01\n"


def nodes(tmp_path: Path) -> Path:
    return write(tmp_path / "nodes.csv", NODES)


def test_two_different_links_with_one_explicit_id(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    links = write(
        tmp_path / "links.csv",
        "id;source;target;topic\nL1;ppk;camat;DPT\nL1;ppk;camat;Logistik\n",
    )
    problems = rejected([nodes(tmp_path), links], embedded_store)
    assert problems == [f"{links}:3:id: link id 'L1' is already used by another link (row 2)"]


def test_member_of_cycle_between_two_institutions(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "n.csv",
        "id;kind;name;area;member_of\n"
        "ppk;PPK;PPK Parakan;33.23.01;camat\n"
        "camat;Camat;Camat Parakan;33.23.01;ppk\n",
    )
    problems = rejected([path], embedded_store)
    assert problems == [
        f"{path}:2:member_of: member_of forms a cycle: ppk → camat → ppk",
        f"{path}:3:member_of: member_of forms a cycle: camat → ppk → camat",
    ]


def test_date_with_trailing_text(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    links = write(tmp_path / "l.csv", "source;target;date\nppk;camat;2024-01-05 lalu dibatalkan\n")
    assert rejected([nodes(tmp_path), links], embedded_store) == [
        f"{links}:2:date: unrecognised date '2024-01-05 lalu dibatalkan' (write e.g. 5 October 2023, 05/10/2023 or 2023-10-05)"
    ]


def test_contact_dated_in_the_future(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    links = write(tmp_path / "l.csv", "source;target;date\nppk;camat;05/01/2099\n")
    (problem,) = rejected([nodes(tmp_path), links], embedded_store)
    assert problem.startswith(f"{links}:2:date: the date '05/01/2099' is in the future")


def test_more_cells_than_the_header(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write(tmp_path / "n.csv", "id;kind;name\nppk;PPK;PPK Parakan;33.23.01\n")
    (problem,) = rejected([path], embedded_store)
    assert problem.startswith(f"{path}:2:D: this row has more cells than the header (3 columns)")


def test_a_column_given_twice(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    same = write(tmp_path / "a.csv", "id;kind;name;name\nppk;PPK;PPK A;PPK B\n")
    synonym = write(tmp_path / "b.csv", "id;kind;nama;name\nppk;PPK;PPK A;PPK B\n")
    assert rejected([same, synonym], embedded_store) == [
        f"{same}:1:D: column 'name' is given twice (also in column C (name)); remove one of them",
        f"{synonym}:1:D: column 'name' is given twice (also in column C (nama)); remove one of them",
    ]


def test_blank_header_cell_with_data_under_it(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    path = write(tmp_path / "n.csv", "id;kind;;name\nppk;PPK;;PPK A\ncamat;Camat;x;Camat A\n")
    assert rejected([path], embedded_store) == [
        f"{path}:3:C: this column holds data but its header cell is blank; name the column or empty it"
    ]


def test_unterminated_quote(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write(
        tmp_path / "n.csv",
        'id;kind;name\nppk;PPK;"PPK Parakan\ncamat;Camat;Camat Parakan\nx;PPS;PPS X\n',
    )
    (problem,) = rejected([path], embedded_store)
    assert problem.startswith(f'{path}:2:-: a quote (") opened on this row is never closed')


def test_xlsx_formula_without_cached_value(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "nodes"
    sheet.append(["id", "kind", "name", "area"])
    sheet.append(["ppk", "PPK", "PPK Parakan", '=CONCAT("33.23",".01")'])
    path = tmp_path / "f.xlsx"
    book.save(path)  # openpyxl stores formulas without a computed value
    assert rejected([path], embedded_store) == [
        f"{path}[nodes]:2:D: formula saved without its value; open and save the file in"
        " Excel/LibreOffice, or replace the formula by its value"
    ]


def test_json_null_tables(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write(tmp_path / "n.json", json.dumps({"nodes": None, "links": None}))
    assert sorted(rejected([path], embedded_store)) == [
        f"{path}[links]:0:links: 'links' must be a list of records, not another value or null",
        f"{path}[nodes]:0:nodes: 'nodes' must be a list of records, not another value or null",
    ]


def test_json_nan_and_infinity(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    nan = write(tmp_path / "a.json", '{"nodes": [{"id": "a", "kind": "PPS", "name": NaN}]}')
    big = write(tmp_path / "b.json", '{"nodes": [{"id": "a", "kind": "PPS", "name": 1e999}]}')
    assert rejected([nan, big], embedded_store) == [
        f"{nan}:0:-: the number 'NaN' (NaN/Infinity) is not valid JSON",
        f"{big}:0:-: the number '1e999' (NaN/Infinity) is not valid JSON",
    ]


def test_nul_and_control_characters_in_ids_and_names(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "n.csv",
        "id;kind;name\np\x00x;PPS;PPS X\nq;PPS;PPS \x1b[2JY\nr;PPS;PPS \u202eZ\n",
    )
    assert rejected([path], embedded_store) == [
        f"{path}:2:id: contains the control character U+0000; remove it",
        f"{path}:3:name: contains the control character U+001B; remove it",
        f"{path}:4:name: contains the control character U+202E; remove it",
    ]


def test_mostly_utf8_csv_with_one_windows_1252_row(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    path = tmp_path / "n.csv"
    path.write_bytes(
        "id;kind;name;area\na;PPS;PPS Désa Satu;33.23.01.2001\n".encode()
        + "b;PPS;PPS Désa Dua;33.23.01.2002\n".encode("cp1252")
    )
    result = import_files([path], embedded_store)
    names = {a.id: a.name for a in embedded_store.actors()}
    assert names == {"a": "PPS Désa Satu", "b": "PPS Désa Dua"}
    assert [w.render("en") for w in result.warnings] == [
        f"{path}:3:-: this row is not UTF-8 and was read as Windows-1252; check its accented letters"
    ]


def test_bytes_undefined_in_windows_1252(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_bytes(b"id;kind;name\na;PPS;PPS \x81Satu\n")
    assert rejected([path], embedded_store) == [
        f"{path}:2:-: byte 0x81 is valid neither in UTF-8 nor in Windows-1252;"
        " save the file again as CSV UTF-8"
    ]


def test_utf16_csv_and_excel_unicode_text(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    csv16 = tmp_path / "a.csv"
    csv16.write_bytes("id;kind;name\na;PPS;PPS Désa\n".encode("utf-16"))
    unicode_text = tmp_path / "b.txt"  # Excel "Unicode Text": UTF-16 LE with BOM, tabs
    unicode_text.write_bytes(
        b"\xff\xfe" + "id\tkind\tname\r\nb\tLurah\tLurah Tépus\r\n".encode("utf-16-le")
    )
    import_files([csv16, unicode_text], embedded_store)
    assert {a.id: (a.kind, a.name) for a in embedded_store.actors()} == {
        "a": ("PPS", "PPS Désa"),
        "b": ("LURAH", "Lurah Tépus"),
    }


def test_a_one_mebibyte_field(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write(tmp_path / "n.csv", "id;kind;name;note\na;PPS;PPS A;" + "x" * 2**20 + "\n")
    assert rejected([path], embedded_store) == [
        f"{path}:2:-: the cell holds more than 32767 characters (the spreadsheet limit)"
    ]


def test_xlsx_with_an_xml_external_entity(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "nodes"
    sheet.append(["id", "kind", "name"])
    sheet.append(["a", "PPS", "PPS A"])
    clean = tmp_path / "clean.xlsx"
    book.save(clean)
    path = tmp_path / "xxe.xlsx"
    with zipfile.ZipFile(clean) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<worksheet",
                    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><worksheet',
                    1,
                ).replace(b"PPS A", b"&e;")
            zout.writestr(item, data)
    (problem,) = rejected([path], embedded_store)
    assert problem.startswith(f"{path}:0:-: the workbook carries an XML DOCTYPE/ENTITY declaration")


def test_json_nested_100k_deep(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    deep = write(tmp_path / "deep.json", '{"nodes": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert rejected([deep], embedded_store) == [
        f"{deep}:0:-: the JSON document is nested too deep for a table"
    ]


def test_huge_json_integer_is_read_as_its_digits(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    huge = write(
        tmp_path / "huge.json",
        '{"nodes": [{"id": "a", "kind": "PPS", "name": "PPS A", "nomor": ' + "9" * 5000 + "}]}",
    )
    import_files([huge], embedded_store)
    actor = embedded_store.get_actor("a")
    assert actor is not None and actor.properties["nomor"] == "9" * 5000


def test_a_pps_given_a_ppk_in_a_lembaga_column_is_said_to_be_folded(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "n.csv",
        "id;kind;name;area;lembaga\n"
        "ppk;PPK;PPK Parakan;33.23.01;\n"
        "pps;PPS;PPS Campursari;33.23.01.2003;ppk\n",
    )
    result = import_files([path], embedded_store)
    assert [w.render("en") for w in result.warnings] == [
        f"{path}:3:lembaga: PPS Campursari (PPS) is recorded as part of PPK Parakan (PPK): its"
        " contacts count as PPK Parakan's and its own gaps are not checked; empty"
        " member_of/lembaga if it is a body of its own"
    ]
    assert (
        result.warnings[0]
        .render("id")
        .startswith(
            f"{path}:3:lembaga: PPS Campursari (PPS) dicatat sebagai bagian dari PPK Parakan"
        )
    )


def test_a_pps_or_ppk_without_an_area_is_a_warning(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    path = write(tmp_path / "n.csv", "id;kind;name\npps;PPS;PPS Tanpa Wilayah\nkpu;KPU RI;KPU RI\n")
    result = import_files([path], embedded_store)
    assert [w.render("en") for w in result.warnings] == [
        f"{path}:2:area: PPS Tanpa Wilayah (PPS) has no area; the gap rules will skip it"
    ]


def test_problems_in_bahasa_indonesia(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    links = write(tmp_path / "l.csv", "source;target;date\nppk;camat;05/01/2099\n")
    (problem,) = rejected([nodes(tmp_path), links], embedded_store, lang="id")
    assert problem.startswith(f"{links}:2:date: tanggal '05/01/2099' belum terjadi")
