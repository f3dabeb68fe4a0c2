"""``sinergi activities`` and ``sinergi agreements`` run as a user runs them."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from openpyxl import load_workbook

from activities.office import office_workbook

Cli = Callable[..., CompletedProcess[str]]


@pytest.fixture
def loaded(tmp_path: Path, cli: Cli) -> Path:
    db = tmp_path / "net.db"
    path = office_workbook(
        tmp_path / "kab.xlsx",
        daftar_hadir=[
            ("Sutrisno", "Lurah", "Kalurahan Tepus"),
            ("Sri Lestari", "Ketua PPS", "PPS Tepus"),
        ],
        activities=[("K1", "12/01/2024", "Sosialisasi", "Tahapan Pemilu", "34.03", "MOU-1")],
        attendance=[("K1", "kpu-gk"), ("K1", "Kesbangpol Gunungkidul")],
        agreements=[
            (
                "MOU-1",
                "Pendidikan pemilih",
                "kpu-gk; Kesbangpol Gunungkidul",
                "01/MoU/2023",
                "2023-03-01",
                "2026-03-01",
            ),
            ("MOU-2", "Data pemilih", "kpu-gk; Lurah Tepus", "", "2020-01-01", "2024-03-01"),
            ("MOU-3", "Pengawasan", "kpu-gk", "", "2019-01-01", "2023-12-31"),
            ("MOU-4", "Sosialisasi", "kesbang-gk", "", "2023-01-01", ""),
        ],
    )
    done = cli("--db", str(db), "import", str(path))
    assert done.returncode == 0, done.stderr
    return db


def test_agreements_json_reasons(loaded: Path, cli: Cli) -> None:
    out = cli("--db", str(loaded), "agreements", "--as-of", "2025-02-01", "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    by_id = {a["id"]: a for a in doc["agreements"]}
    assert set(by_id["MOU-1"]) == {
        "id",
        "title",
        "parties",
        "signed",
        "expires",
        "status",
        "reason",
        "follow_ups",
        "last_follow_up",
    }
    assert by_id["MOU-1"]["parties"] == ["kpu-gk", "kesbang-gk"]
    # MOU-1's one follow-up (2024-01-12) is 386 days old on 2025-02-01: gone quiet.
    assert (by_id["MOU-1"]["reason"], by_id["MOU-1"]["follow_ups"]) == ("stale", 1)
    assert by_id["MOU-1"]["last_follow_up"] == "2024-01-12"
    assert (by_id["MOU-2"]["status"], by_id["MOU-2"]["reason"]) == ("expired", "expired")
    assert by_id["MOU-4"]["reason"] == "no_follow_up" and by_id["MOU-4"]["expires"] is None
    soon = cli("--db", str(loaded), "agreements", "--as-of", "2023-10-15", "--format", "json")
    reasons = {a["id"]: a["reason"] for a in json.loads(soon.stdout)["agreements"]}
    assert reasons == {
        "MOU-1": "no_follow_up",  # the follow-up comes in January
        "MOU-2": "no_follow_up",
        "MOU-3": "expiring",  # 77 days left
        "MOU-4": "no_follow_up",
    }


def test_agreements_table_in_both_languages_and_xlsx(
    loaded: Path, cli: Cli, tmp_path: Path
) -> None:
    out = cli("--db", str(loaded), "agreements", "--as-of", "2025-02-01")
    assert "sudah berakhir" in out.stdout and "Pihak" in out.stdout
    assert "KPU Gunungkidul" in out.stdout  # parties by name for people
    en = cli("--db", str(loaded), "--lang", "en", "agreements", "--as-of", "2025-02-01")
    assert "expired" in en.stdout and "Parties" in en.stdout
    target = tmp_path / "mou.xlsx"
    done = cli("--db", str(loaded), "agreements", "--as-of", "2025-02-01", "--output", str(target))
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(target).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any("MOU-2" in row for row in values)


def test_activities_filters_and_csv(loaded: Path, cli: Cli) -> None:
    out = cli("--db", str(loaded), "activities", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["id"] for r in rows] == ["K-20231005-koordinasi-dptb", "K1"]
    assert rows[1]["attendees"] == "kpu-gk;kesbang-gk" and rows[1]["agreement"] == "MOU-1"
    later = cli("--db", str(loaded), "activities", "--from", "2024-01-01", "--format", "json")
    assert [a["id"] for a in json.loads(later.stdout)["activities"]] == ["K1"]
    early = cli("--db", str(loaded), "activities", "--to", "31/12/2023", "--format", "json")
    assert [a["id"] for a in json.loads(early.stdout)["activities"]] == [
        "K-20231005-koordinasi-dptb"
    ]
    tepus = cli("--db", str(loaded), "activities", "--area", "3403072004", "--format", "json")
    (only,) = json.loads(tepus.stdout)["activities"]
    assert only["attendees"] == ["lurah-tepus", "sri"] and only["place"] == "Balai Kalurahan Tepus"
    none = cli("--db", str(loaded), "--lang", "en", "activities", "--area", "33.23")
    assert none.returncode == 0 and "No activities recorded" in none.stdout
