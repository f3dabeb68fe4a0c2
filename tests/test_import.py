"""Import: every format, every validation rule, and all-or-nothing writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from sinergi_graph.importer import ImportRejected, import_files
from sinergi_graph.store.embedded import EmbeddedStore

DATA = Path(__file__).parent / "data"
NODES = DATA / "temanggung_nodes.csv"
LINKS = DATA / "temanggung_links.csv"


def problems_of(paths: list[Path], store: EmbeddedStore) -> list[str]:
    with pytest.raises(ImportRejected) as info:
        import_files(paths, store)
    return [p.render("en") for p in info.value.problems]


def test_semicolon_csv_with_everyday_kinds_and_dates(embedded_store: EmbeddedStore) -> None:
    result = import_files([NODES, LINKS], embedded_store)
    assert (result.actors, result.links, result.new_actors, result.new_links) == (15, 9, 15, 9)
    kades = embedded_store.get_actor("KADES-3323012002")
    assert kades is not None and kades.kind == "KADES" and kades.area == "33.23.01.2002"
    bawaslu = embedded_store.get_actor("BWS-3323")
    assert bawaslu is not None and bawaslu.kind == "BAWASLU_KAB" and bawaslu.area == "33.23"
    member = embedded_store.get_actor("PPK-332301-1")
    assert member is not None and member.member_of == "PPK-332301"
    assert member.properties == {"nik": "3323014501900001", "jabatan": "Ketua"}
    sowan = [lk for lk in embedded_store.links_of("CAMAT-332301") if lk.type == "AUDIENSI"]
    assert [str(lk.date) for lk in sowan] == ["2023-01-05"]


def test_reimport_is_idempotent_and_changes_update(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    import_files([NODES, LINKS], embedded_store)
    before = (embedded_store.stats(), embedded_store.actors(), embedded_store.links())
    again = import_files([NODES, LINKS], embedded_store)
    assert (again.new_actors, again.new_links) == (0, 0)
    assert (embedded_store.stats(), embedded_store.actors(), embedded_store.links()) == before
    changed = tmp_path / "nodes.csv"
    changed.write_text(
        NODES.read_text("utf-8").replace("Camat Parakan", "Camat Parakan (baru)"), "utf-8"
    )
    import_files([changed], embedded_store)
    camat = embedded_store.get_actor("CAMAT-332301")
    assert camat is not None and camat.name == "Camat Parakan (baru)"
    assert embedded_store.stats() == before[0]


def test_parallel_links_between_one_pair_stay_distinct(embedded_store: EmbeddedStore) -> None:
    import_files([NODES, LINKS], embedded_store)
    between = [
        lk
        for lk in embedded_store.links_of("CAMAT-332301")
        if {lk.source, lk.target} & {"PPK-332301", "PPK-332301-1"}
    ]
    assert sorted(lk.topic or "" for lk in between) == ["DPTb", "Perkenalan PPK"]


def test_bom_comma_csv_is_read(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffid,kind,name,area\nx1,Lurah,Lurah Tepus,3403072004\n".encode())
    import_files([path], embedded_store)
    actor = embedded_store.get_actor("x1")
    assert actor is not None and actor.kind == "LURAH" and actor.area == "34.03.07.2004"


def test_indonesian_headers_are_understood(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "aktor.csv"
    path.write_text("ID;Jenis;Nama;Kode Wilayah\np1;Panewu;Panewu Tepus;34.03.07\n", "utf-8")
    import_files([path], embedded_store)
    actor = embedded_store.get_actor("p1")
    assert actor is not None and (actor.kind, actor.area) == ("CAMAT", "34.03.07")


@pytest.mark.trust("bad_input")
def test_every_problem_is_reported_with_file_row_column_and_nothing_written(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    import_files([NODES], embedded_store)
    snapshot = (embedded_store.stats(), embedded_store.revision())
    bad_nodes = tmp_path / "bad_nodes.csv"
    bad_nodes.write_text(
        "id;kind;name;area;member_of;email\n"
        "n1;Kepala Dsa;Kades X;33.23.01.2001;;\n"  # row 2: unknown kind
        "n2;PPS;PPS Y;99.99.99.9999;;\n"  # row 3: unknown area
        "n3;PPS;PPS Z;33.2x;;\n"  # row 4: malformed area
        "n1;PPS;Again;33.23.01.2001;;\n"  # row 5: duplicate id
        "n5;PERSON;Ani;;PPS-3323012001-1;\n"  # row 6: member_of a person
        "n6;PERSON;Budi;;nobody;\n"  # row 7: member_of unknown
        "n7;PPS;;33.23;;bad-mail\n",  # row 8: empty name, bad e-mail
        "utf-8",
    )
    bad_links = tmp_path / "bad_links.csv"
    bad_links.write_text(
        "source,target,type,date\n"
        "PPK-332301,ghost,Rapat,2023-01-01\n"  # row 2: unknown target
        "PPK-332301,PPK-332301,Rapat,2023-01-01\n"  # row 3: self link
        "PPK-332301,CAMAT-332301,Rapat,31/02/2023\n"  # row 4: bad date
        "PPK-332301,CAMAT-332301,Ngopi,2023-01-01\n",  # row 5: unknown type
        "utf-8",
    )
    problems = problems_of([bad_nodes, bad_links], embedded_store)
    expected = [
        f"{bad_nodes}:2:kind: unknown kind 'Kepala Dsa' (did you mean: KADES",
        f"{bad_nodes}:3:area: unknown area code '99.99.99.9999'",
        f"{bad_nodes}:4:area: malformed area code '33.2x'",
        f"{bad_nodes}:5:id: duplicate id 'n1' (first seen on row 2)",
        f"{bad_nodes}:6:member_of: member_of 'PPS-3323012001-1' is not an institution",
        f"{bad_nodes}:7:member_of: member_of 'nobody' exists neither",
        f"{bad_nodes}:8:name: required value is empty",
        f"{bad_nodes}:8:email: invalid e-mail address",
        f"{bad_links}:2:target: id 'ghost' exists neither in the input nor in the store",
        f"{bad_links}:3:target: link from 'PPK-332301' to itself",
        f"{bad_links}:4:date: unrecognised date '31/02/2023'",
        f"{bad_links}:5:type: unknown link type 'Ngopi'",
    ]
    for line in expected:
        assert any(p.startswith(line) for p in problems), (line, problems)
    assert len(problems) == len(expected)
    assert (embedded_store.stats(), embedded_store.revision()) == snapshot


@pytest.mark.trust("bad_input")
def test_missing_required_column_and_unknown_header(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    no_kind = tmp_path / "nokind.csv"
    no_kind.write_text("id,name\nx,X\n", "utf-8")
    other = tmp_path / "other.csv"
    other.write_text("foo,bar\n1,2\n", "utf-8")
    problems = problems_of([no_kind, other], embedded_store)
    assert sorted(problems) == sorted(
        [
            f"{other}:1:-: not recognised as a nodes file (id, kind, name)"
            " or a links file (source, target)",
            f"{no_kind}:1:kind: required column 'kind' is missing",
        ]
    )
    assert embedded_store.stats().actors == 0


def test_links_may_point_at_actors_already_in_the_store(embedded_store: EmbeddedStore) -> None:
    import_files([NODES], embedded_store)
    import_files([LINKS], embedded_store)
    assert embedded_store.stats().links == 9


def test_xlsx_with_nodes_and_links_sheets(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    import datetime as dt

    book = Workbook()
    nodes = book.active
    nodes.title = "nodes"
    nodes.append(["id", "kind", "name", "area"])
    nodes.append(["pps", "PPS", "PPS Tepus", "34.03.07.2004"])
    nodes.append(["lurah", "Lurah", "Lurah Tepus", 3403072004])
    links = book.create_sheet("links")
    links.append(["source", "target", "type", "date", "topic"])
    links.append(["pps", "lurah", "Rapat", dt.datetime(2023, 10, 5), "DPTb"])
    path = tmp_path / "net.xlsx"
    book.save(path)
    import_files([path], embedded_store)
    (link,) = embedded_store.links()
    assert (link.source, link.target, str(link.date), link.topic) == (
        "pps",
        "lurah",
        "2023-10-05",
        "DPTb",
    )
    lurah = embedded_store.get_actor("lurah")
    assert lurah is not None and lurah.area == "34.03.07.2004"


@pytest.mark.trust("bad_input")
def test_xlsx_problems_name_the_sheet(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "nodes"
    sheet.append(["id", "kind", "name"])
    sheet.append(["a", "Nonsense", "A"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    problems = problems_of([path], embedded_store)
    assert problems[0].startswith(f"{path}[nodes]:2:kind: unknown kind 'Nonsense'")


def test_json_document(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "net.json"
    path.write_text(
        json.dumps(
            {
                "nodes": [
                    {"id": "ppk", "kind": "PPK", "name": "PPK Tepus", "area": "34.03.07"},
                    {
                        "id": "camat",
                        "kind": "Panewu",
                        "name": "Panewu Tepus",
                        "area": "340307",
                        "masa_jabatan": 2,
                    },
                ],
                "links": [{"source": "ppk", "target": "camat", "date": "2023-01-05"}],
            }
        ),
        "utf-8",
    )
    import_files([path], embedded_store)
    camat = embedded_store.get_actor("camat")
    assert camat is not None and camat.properties == {"masa_jabatan": "2"}
    (link,) = embedded_store.links()
    assert link.type == "KOORDINASI"


@pytest.mark.trust("bad_input")
def test_json_problem_rows_are_array_positions(
    embedded_store: EmbeddedStore, tmp_path: Path
) -> None:
    path = tmp_path / "net.json"
    path.write_text(
        json.dumps({"nodes": [{"id": "a", "kind": "PPS", "name": "A"}, {"id": "b", "kind": "PPS"}]})
    )
    assert problems_of([path], embedded_store) == [f"{path}[nodes]:2:name: required value is empty"]


def test_graphml(embedded_store: EmbeddedStore, tmp_path: Path) -> None:
    import networkx as nx

    G = nx.MultiGraph()
    G.add_node("pps", kind="PPS", name="PPS Tepus", area="34.03.07.2004")
    G.add_node("lurah", kind="LURAH", label="Lurah Tepus", area="34.03.07.2004")
    G.add_edge("pps", "lurah", type="RAPAT", date="2023-10-05", topic="DPTb")
    G.add_edge("pps", "lurah", type="AUDIENSI", date="2023-02-01", topic="Sowan")
    path = tmp_path / "net.graphml"
    nx.write_graphml(G, path)
    import_files([path], embedded_store)
    assert embedded_store.stats().links == 2
    lurah = embedded_store.get_actor("lurah")
    assert lurah is not None and lurah.name == "Lurah Tepus"
