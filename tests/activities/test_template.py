"""``sinergi template``: the workbook an office fills in, which imports as it stands."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from openpyxl import load_workbook

Cli = Callable[..., CompletedProcess[str]]


def test_template_sheets_headers_and_drop_downs(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "isian.xlsx"
    done = cli("template", "--output", str(path))
    assert done.returncode == 0, done.stderr
    assert "Templat ditulis" in done.stdout
    book = load_workbook(path)
    assert book.sheetnames == [
        "Aktor",
        "Tautan",
        "Kegiatan",
        "Daftar Hadir",
        "Kerja Sama",
        "Pilihan",
    ]
    assert [c.value for c in book["Aktor"][1]][:3] == ["Jenis", "Nama", "Wilayah"]
    assert [c.value for c in book["Daftar Hadir"][7]] == [
        "No", "Nama", "Jabatan", "Instansi", "Tanda Tangan",
    ]  # fmt: skip
    (kinds,) = book["Aktor"].data_validations.dataValidation
    assert kinds.type == "list" and kinds.formula1.startswith("=Pilihan!$A$2")
    assert "A2:A1000" in str(kinds.sqref)
    choices = [row[0].value for row in book["Pilihan"].iter_rows(min_row=2)]
    assert "Lurah" in choices and "PPS" in choices
    (types,) = book["Tautan"].data_validations.dataValidation
    assert "C2:C1000" in str(types.sqref)
    refused = cli("template", "--output", str(path))
    assert refused.returncode != 0 and "--force" in refused.stderr


def test_template_imports_as_it_stands(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "isian.xlsx"
    assert cli("template", "--output", str(path)).returncode == 0
    db = tmp_path / "net.db"
    done = cli("--db", str(db), "import", str(path))
    assert done.returncode == 0, done.stderr
    out = cli("--db", str(db), "activities", "--format", "json")
    activities = {a["id"]: a for a in json.loads(out.stdout)["activities"]}
    assert len(activities) == 2
    k1 = activities["K-001"]
    assert k1["agreement"] == "MOU-001" and len(k1["attendees"]) == 2
    (printed,) = [a for a in activities.values() if a["id"] != "K-001"]
    assert printed["date"] == "2023-10-05" and len(printed["attendees"]) == 2
    mou = cli("--db", str(db), "agreements", "--as-of", "2024-01-01", "--format", "json")
    (agreement,) = json.loads(mou.stdout)["agreements"]
    assert (agreement["reason"], agreement["follow_ups"]) == ("ok", 1)


def test_template_imports_without_warnings_and_shows_names(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "isian.xlsx"
    assert cli("template", "--output", str(path)).returncode == 0
    assert load_workbook(path)["Pilihan"].sheet_state == "hidden"
    db = tmp_path / "net.db"
    done = cli("--db", str(db), "import", str(path))
    assert done.returncode == 0 and "Pilihan" not in done.stderr, done.stderr
    table = cli("--db", str(db), "activities")
    assert "2 orang: KPU Gunungkidul, Pemda Gunungkidul" in table.stdout  # names for people
