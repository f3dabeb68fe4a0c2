"""Kegiatan, daftar hadir and kerja sama imported from an office workbook (real xlsx files)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from activities.office import VILLAGE, office_workbook
from sinergi_graph.importer import ImportRejected, import_files
from sinergi_graph.store.embedded import EmbeddedStore


def rejected(paths: list[Path], store: EmbeddedStore, **kw: bool) -> list[str]:
    with pytest.raises(ImportRejected) as exc:
        import_files(paths, store, **kw)
    assert store.is_empty(), "nothing may be written when a file has problems"
    return [p.render("en") for p in exc.value.problems]


def test_printed_daftar_hadir_is_one_activity(
    tmp_path: Path, embedded_store: EmbeddedStore
) -> None:
    path = office_workbook(
        tmp_path / "tepus.xlsx",
        daftar_hadir=[
            ("Sutrisno", "Lurah", "Kalurahan Tepus"),
            ("Sri Lestari", "Ketua PPS", "PPS Tepus"),
            ("Hartono", "Staf", "Kesbangpol Gunungkidul"),
        ],
    )
    result = import_files([path], embedded_store)
    assert result.activities == 1
    (activity,) = embedded_store.activities()
    assert activity.date == dt.date(2023, 10, 5)
    assert activity.place == "Balai Kalurahan Tepus"
    assert activity.topic == "Koordinasi DPTb"
    assert activity.type == "RAPAT"
    # Lurah + Kalurahan Tepus → the lurah; Ketua PPS + PPS Tepus → the member Sri;
    # a position that names no kind → the institution named.
    assert activity.attendees == ("lurah-tepus", "sri", "kesbang-gk")
    assert activity.area == "34.03"  # the area holding every attendee


def test_unresolved_attendee_is_a_located_problem_and_create_missing_creates_it(
    tmp_path: Path, embedded_store: EmbeddedStore
) -> None:
    path = office_workbook(
        tmp_path / "tepus.xlsx",
        daftar_hadir=[
            ("Sutrisno", "Lurah", "Kalurahan Tepus"),
            ("Budi Santoso", "Anggota PPS", "PPS Tepus"),
        ],
    )
    problems = rejected([path], embedded_store)
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}[DH 5 Okt]:9:Nama: Attendee 'Budi Santoso / Anggota PPS")
    assert "sri (Sri Lestari" in problems[0]  # the PPS's recorded members are the candidates
    result = import_files([path], embedded_store, create_missing=True)
    assert result.created_actors == 1
    (activity,) = embedded_store.activities()
    created = embedded_store.get_actor(activity.attendees[1])
    assert created is not None
    assert (created.kind, created.name, created.member_of, created.area) == (
        "PERSON",
        "Budi Santoso",
        "pps-tepus",
        VILLAGE,
    )
    assert created.properties == {"jabatan": "Anggota PPS"}
    # Re-importing changes nothing: the derived ids are the same.
    import_files([path], embedded_store, create_missing=True)
    assert len(embedded_store.activities()) == 1
    assert len(embedded_store.actors()) == 8


def test_activities_attendance_and_agreements_tables(
    tmp_path: Path, embedded_store: EmbeddedStore
) -> None:
    path = office_workbook(
        tmp_path / "kab.xlsx",
        activities=[
            ("K1", "12/01/2024", "Sosialisasi", "Tahapan Pemilu", "34.03", "MOU-1"),
            ("K2", "2024-02-01", "sowan", "Audiensi", "", ""),
        ],
        attendance=[("K1", "kpu-gk"), ("K1", "Kesbangpol Gunungkidul"), ("K2", "kpu-gk")],
        agreements=[
            (
                "MOU-1",
                "Pendidikan pemilih",
                "kpu-gk; Kesbangpol Gunungkidul",
                "01/MoU/2023",
                "2023-03-01",
                "2026-03-01",
            ),
        ],
    )
    result = import_files([path], embedded_store)
    assert (result.activities, result.agreements) == (2, 1)
    k1, k2 = embedded_store.activities()
    assert (k1.type, k1.attendees, k1.agreement) == (
        "SOSIALISASI",
        ("kpu-gk", "kesbang-gk"),
        "MOU-1",
    )
    assert (k2.type, k2.attendees) == ("AUDIENSI", ("kpu-gk",))
    (mou,) = embedded_store.agreements()
    assert mou.parties == ("kpu-gk", "kesbang-gk")
    assert (mou.signed, mou.expires, mou.number) == (
        dt.date(2023, 3, 1),
        dt.date(2026, 3, 1),
        "01/MoU/2023",
    )


def test_bad_activity_input_all_or_nothing(tmp_path: Path, embedded_store: EmbeddedStore) -> None:
    path = office_workbook(
        tmp_path / "bad.xlsx",
        activities=[
            ("K1", "31/02/2024", "Rapat", "", "", ""),
            ("K2", "", "Rapat", "", "", ""),
            ("K3", "2024-01-02", "Rapat", "", "", ""),
        ],
        attendance=[("K9", "kpu-gk"), ("K3", "kpu-gk"), ("K3", "KPU Gunungkidul")],
        agreements=[
            ("M1", "MoU", "kpu-gk; Kementerian Antah", "", "2024-01-01", "2023-01-01"),
        ],
    )
    problems = rejected([path], embedded_store)
    text = "\n".join(problems)
    assert f"{path}[Kegiatan]:2:Tanggal: " in text  # 31 February
    assert f"{path}[Kegiatan]:3:Tanggal: " in text  # no date
    assert f"{path}[Hadir]:2:Kegiatan: Activity 'K9' does not exist" in text
    assert f"{path}[Hadir]:4:Aktor: Actor kpu-gk is listed twice" in text
    assert f"{path}[MoU]:2:Pihak: Party 'Kementerian Antah' is not in the data" in text
    assert f"{path}[MoU]:2:Berakhir: Expiry date 2023-01-01 is before" in text
    assert len(problems) == 6


def test_daftar_hadir_without_any_resolvable_attendee(
    tmp_path: Path, embedded_store: EmbeddedStore
) -> None:
    path = office_workbook(tmp_path / "dh.xlsx", daftar_hadir=[("Joko", "Tamu", "Entah")])
    problems = rejected([path], embedded_store)
    assert any(":7:-: Not one attendee" in p for p in problems)
    assert any(":8:Nama: Attendee 'Joko / Tamu / Entah' is not in the data" in p for p in problems)


def test_problems_in_indonesian_by_default(tmp_path: Path, embedded_store: EmbeddedStore) -> None:
    path = office_workbook(
        tmp_path / "bad.xlsx", attendance=[("K9", "kpu-gk")], activities=[("K1", "2024-01-01")]
    )
    with pytest.raises(ImportRejected) as exc:
        import_files([path], embedded_store)
    assert [p.render() for p in exc.value.problems] == [
        f"{path}[Hadir]:2:Kegiatan: Kegiatan 'K9' tidak ada (tidak di berkas ini maupun "
        "di basis data)"
    ]


def test_json_activities_and_agreements(tmp_path: Path, embedded_store: EmbeddedStore) -> None:
    doc = {
        "nodes": [
            {"id": "a", "kind": "KPU_RI", "name": "KPU RI"},
            {"id": "b", "kind": "PEMDA", "name": "Kemendagri"},
        ],
        "agreements": [
            {
                "id": "M",
                "title": "MoU",
                "number": "1",
                "parties": ["a", "b"],
                "signed": "2022-01-01",
                "expires": None,
                "note": None,
            },
        ],
        "activities": [
            {
                "id": "K",
                "date": "2023-01-05",
                "type": "RAPAT",
                "topic": "Data",
                "place": None,
                "area": None,
                "agreement": "M",
                "note": None,
                "attendees": ["a", "b"],
            },
        ],
    }
    path = tmp_path / "net.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    import_files([path], embedded_store)
    (activity,) = embedded_store.activities()
    assert activity.attendees == ("a", "b") and activity.agreement == "M"
    assert embedded_store.agreements()[0].expires is None
