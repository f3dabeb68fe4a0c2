"""``sinergi invite``: the rakor invitation list closes the gaps it says it closes."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

from activities.office import office_workbook

Cli = Callable[..., CompletedProcess[str]]


def gap_keys(cli: Cli, db: Path) -> set[tuple[str, str]]:
    out = cli(
        "--db", str(db), "gaps", "--area", "34.03", "--as-of", "2024-06-01", "--format", "json"
    )
    assert out.returncode == 0, out.stderr
    return {(g["rule"], g["subject_id"]) for g in json.loads(out.stdout)}


def test_invitees_close_the_gaps_they_list(tmp_path: Path, cli: Cli) -> None:
    db = tmp_path / "net.db"
    assert cli("--db", str(db), "import", str(office_workbook(tmp_path / "a.xlsx"))).returncode == 0
    out = cli(
        "--db",
        str(db),
        "invite",
        "--area",
        "34.03",
        "--budget",
        "4",
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
    )
    assert out.returncode == 0, out.stderr
    plan = json.loads(out.stdout)
    invited = [i["id"] for i in plan["invitees"]]
    assert invited[0] == "ppk-tepus"  # the PPK is in most of the area's gaps
    assert set(invited) == {"ppk-tepus", "camat-tepus", "kpu-gk", "pps-tepus"}
    promised = {(g["rule"], g["subject_id"]) for i in plan["invitees"] for g in i["gaps"]}
    assert promised == {
        ("ppk-camat", "ppk-tepus"),
        ("ppk-kpu", "ppk-tepus"),
        ("pps-ppk", "pps-tepus"),
    }
    assert plan["closed"] == 3 and plan["weight"] == 9
    before = gap_keys(cli, db)
    assert promised <= before
    # Hold the rakor: one kegiatan with exactly those invitees.
    activities = tmp_path / "rakor.csv"
    activities.write_text("Kegiatan;Tanggal;Jenis\nRAKOR-1;15/05/2024;Rakor\n", "utf-8")
    attendance = tmp_path / "hadir.csv"
    with attendance.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["Kegiatan", "Aktor"])
        writer.writerows(["RAKOR-1", actor] for actor in invited)
    done = cli("--db", str(db), "import", str(activities), str(attendance))
    assert done.returncode == 0, done.stderr
    assert gap_keys(cli, db) == before - promised


def test_invite_table_and_refusals(tmp_path: Path, cli: Cli) -> None:
    db = tmp_path / "net.db"
    assert cli("--db", str(db), "import", str(office_workbook(tmp_path / "a.xlsx"))).returncode == 0
    table = cli(
        "--db", str(db), "--lang", "en", "invite", "--area", "34.03", "--as-of", "2024-06-01"
    )
    assert table.returncode == 0 and "Gaps it closes" in table.stdout
    assert "ppk-camat: PPK Tepus" in table.stdout
    whole = cli("--db", str(db), "invite", "--area", "ID")
    assert whole.returncode != 0 and "--area" in whole.stderr
    zero = cli("--db", str(db), "invite", "--area", "34.03", "--budget", "0")
    assert zero.returncode != 0
