"""Issue 9: workbooks as offices keep them (any sheet names, title rows, no ids, names)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from sinergi_graph.actor_refs import derived_id
from sinergi_graph.importer import import_files
from sinergi_graph.store.embedded import EmbeddedStore
from tests.sources.helpers import rejected, write
from tests.sources.workbooks import Sheets, ods, xls, xlsx

# A kabupaten office's own workbook: title rows, a No column, no ids, names in links.
LEMBAGA: list[list[object]] = [
    ["DATA LEMBAGA KECAMATAN TEPUS", None, None, None, None],
    ["Tahun 2023", None, None, None, None],
    [None, None, None, None, None],
    ["No", "Nama", "Jenis", "Kode Wilayah", "Lembaga"],
    [1, "PPK Tepus", "PPK Kapanewon", "34.03.07", None],
    [2, "Panewu Tepus", "Panewu", "34.03.07", None],
    [3, "PPS Tepus", "PPS", "34.03.07.2004", None],
    [4, "Lurah Tepus", "Kalurahan", "34.03.07.2004", None],
    [5, "Sri Lestari", "Ketua PPS", "34.03.07.2004", None],
    [6, "Budi Santoso", "Anggota PPK", "34.03.07", "PPK Tepus"],
]
KOORDINASI: list[list[object]] = [
    ["REKAP KOORDINASI", None, None, None, None, None],
    ["No", "Dari", "Kepada", "Jenis", "Tanggal", "Perihal"],
    [1, "PPS Tepus", "Lurah Tepus", "Rapat", "05/10/2023", "DPTb"],
    [2, "Budi Santoso", "Panewu Tepus", "Sowan", "2023-01-05", "Perkenalan"],
]
OFFICE: Sheets = {"Lembaga": LEMBAGA, "Koordinasi": KOORDINASI}

WRITERS: dict[str, Callable[[Path, Sheets], Path]] = {"xlsx": xlsx, "xls": xls, "ods": ods}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_an_office_workbook_imports_in_one_command(
    fmt: str, embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    path = WRITERS[fmt](tmp_path / f"kantor.{fmt}", OFFICE)
    result = import_files([path], embedded_store)
    assert (result.actors, result.links, result.generated_ids) == (6, 2, 6)
    pps = derived_id("PPS", "34.03.07.2004", "PPS Tepus")
    lurah = derived_id("LURAH", "34.03.07.2004", "Lurah Tepus")
    ppk = derived_id("PPK", "34.03.07", "PPK Tepus")
    ketua = embedded_store.get_actor(derived_id("PERSON", "34.03.07.2004", "Sri Lestari"))
    assert ketua is not None and (ketua.member_of, ketua.properties["jabatan"]) == (
        pps,
        "Ketua PPS",
    )
    budi = embedded_store.get_actor(derived_id("PERSON", "34.03.07", "Budi Santoso"))
    assert budi is not None and budi.member_of == ppk
    by_type = {lk.type: lk for lk in embedded_store.links()}
    rapat = by_type["RAPAT"]  # `Jenis` on a links sheet is the link type, never dropped
    assert ({rapat.source, rapat.target}, str(rapat.date), rapat.topic) == (
        {pps, lurah},
        "2023-10-05",
        "DPTb",
    )
    assert by_type["AUDIENSI"].source == budi.id
    # Re-import gives the same ids: nothing new.
    again = import_files([path], embedded_store)
    assert (again.new_actors, again.new_links) == (0, 0)


def test_merged_title_cells_are_fine(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "m.xlsx", OFFICE, merge={"Lembaga": "A1:E1", "Koordinasi": "A1:F1"})
    assert import_files([path], embedded_store).links == 2


def test_a_sheet_without_a_table_is_passed_over_with_a_warning(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    sheets: Sheets = {"Petunjuk": [["Isi lembar berikut"]], "Lembaga": LEMBAGA}
    path = xlsx(tmp_path / "w.xlsx", sheets)
    result = import_files([path], embedded_store)
    assert [w.render("en") for w in result.warnings] == [
        f"{path}[Lembaga]:0:-: sheet 'Petunjuk' was not read: it has no actors or links header"
    ]


def test_a_column_read_but_not_used_is_reported(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    rows = [*KOORDINASI[:2], *KOORDINASI[2:]]
    rows[1] = [*rows[1], "Notulen"]
    path = xlsx(tmp_path / "u.xlsx", {"Lembaga": LEMBAGA, "Koordinasi": rows})
    result = import_files([path], embedded_store)
    assert [w.render("en") for w in result.warnings] == [
        f"{path}[Koordinasi]:2:Notulen: columns read but not used: Notulen"
    ]


def test_an_ambiguous_name_lists_the_candidates(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    nodes = write(
        tmp_path / "n.csv",
        "nama;jenis;wilayah\nPPS Sukamaju;PPS;33.23.01.2001\nPPS Sukamaju;PPS;33.23.02.2001\n"
        "Camat Parakan;Camat;33.23.01\n",
    )
    links = write(
        tmp_path / "l.csv",
        "dari;kepada\nPPS Sukamaju;Camat Parakan\nPPS Sukamaju (33.23.01);Camat Parakan\n"
        "PPS Sukamju;Camat Parakan\n",
    )
    a = derived_id("PPS", "33.23.01.2001", "PPS Sukamaju")
    b = derived_id("PPS", "33.23.02.2001", "PPS Sukamaju")
    assert rejected([nodes, links], embedded_store) == [
        f"{links}:2:dari: the name 'PPS Sukamaju' matches several actors:"
        f" {a} (PPS Sukamaju, 33.23.01.2001), {b} (PPS Sukamaju, 33.23.02.2001);"
        " write the id, or the name with its area, e.g. 'PPS Sukamaju (33.23.01.2001)'",
        f"{links}:4:dari: 'PPS Sukamju' is neither an actor id nor an actor name in the input"
        f" or the store (did you mean: {a} (PPS Sukamaju, 33.23.01.2001),"
        f" {b} (PPS Sukamaju, 33.23.02.2001))",
    ]


def test_names_resolve_against_the_store(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    import_files(
        [
            write(
                tmp_path / "n.csv",
                "nama;jenis;wilayah\nLurah Tepus;Lurah;34.03.07.2004\n"
                "PPS Tepus;PPS;34.03.07.2004\n",
            )
        ],
        embedded_store,
    )
    links = write(tmp_path / "l.csv", "dari;dengan;jenis\nPPS Tepus;Lurah Tepus;Surat\n")
    import_files([links], embedded_store)
    (link,) = embedded_store.links()
    assert link.type == "SURAT"


def test_position_words_and_suggestions(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write(
        tmp_path / "n.csv",
        "nama;jenis;wilayah\nSri;Sekretaris PPS;33.23.01.2001\nAni;Ketua PPK Kecamatn;33.23.01\n",
    )
    problems = rejected([path], embedded_store)
    assert problems == [
        # A near miss shares a word with the PPK: suggested first (not RT/RW's "Ketua RT").
        f"{path}:3:jenis: unknown kind 'Ketua PPK Kecamatn' (did you mean: PPK, CAMAT)",
        f"{path}:2:jenis: no PPS is recorded in area 33.23.01.2001 for this position;"
        " add the body or fill in the lembaga column",
    ]


def test_excel_damage_is_explained(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = write(
        tmp_path / "n.csv",
        "id;kind;name;area;phone\na;PPS;PPS A;3,40303E+09;\nb;PERSON;Ani;33.23.01;81234567890\n",
    )
    links = write(tmp_path / "l.csv", "source;target;date\na;b;05/10/23\n")
    assert rejected([path, links], embedded_store) == [
        f"{path}:2:area: Excel turned the code '3,40303E+09' into scientific notation and lost"
        " its digits; format the column as Text and type the codes again",
        f"{links}:2:date: the year in '05/10/23' has two digits (Excel's display); format the"
        " column as dd/mm/yyyy and write the full year",
    ]


def test_a_phone_whose_leading_zero_excel_dropped(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    rows = [["id", "kind", "name", "area", "hp"], ["ani", "PERSON", "Ani", "33.23.01", 81234567890]]
    path = xlsx(tmp_path / "p.xlsx", {"Orang": rows})
    result = import_files([path], embedded_store)
    ani = embedded_store.get_actor("ani")
    assert ani is not None and ani.phone == "081234567890"
    assert [w.render("en") for w in result.warnings] == [
        f"{path}[Orang]:2:hp: the number '81234567890' lost its leading 0 (Excel stored it as"
        " a number); stored as 081234567890. Format the column as Text"
    ]


def test_xlsx_dates_and_sheet_in_problem_location(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    rows = [["Dari", "Kepada", "Tanggal"], ["PPS Tepus", "Nobody", dt.datetime(2023, 10, 5)]]
    path = xlsx(tmp_path / "d.xlsx", {"Lembaga": LEMBAGA, "Kontak": rows})
    assert rejected([path], embedded_store) == [
        f"{path}[Kontak]:2:Kepada: id 'Nobody' exists neither in the input nor in the store"
    ]
