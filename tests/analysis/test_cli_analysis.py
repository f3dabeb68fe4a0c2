"""The analysis commands, run as a user would: the ``sinergi`` script against a temp store."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any

import pytest

from sinergi_graph.models import link_id

from .conftest import ACTORS, LINKS

Cli = Callable[..., CompletedProcess[str]]


@pytest.fixture
def db(tmp_path: Path, cli: Cli) -> Path:
    """The mini regency of ``conftest.py`` imported through ``sinergi import``."""
    nodes, links = tmp_path / "nodes.csv", tmp_path / "links.csv"
    with nodes.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "name", "area", "member_of"])
        w.writerows([[a or "" for a in row] for row in ACTORS])
    with links.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "type", "date", "topic"])
        w.writerows([[s, t, ty, d or "", tp or ""] for _, s, t, ty, d, tp in LINKS])
    path = tmp_path / "mini.db"
    done = cli("--db", str(path), "import", str(nodes), str(links))
    assert done.returncode == 0, done.stderr
    return path


def run_json(cli: Cli, db: Path, *args: str) -> Any:
    done = cli("--db", str(db), *args, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def gap_count(cli: Cli, db: Path) -> int:
    return len(run_json(cli, db, "gaps"))


def test_simulate_json_has_the_shape_of_design_md(cli: Cli, db: Path) -> None:
    doc = run_json(
        cli, db, "simulate", "--add", "PPS0201:KADES0201:Sowan", "--add", "PPS0201:PPK02"
    )
    assert doc["before"]["gaps"] == 9 and doc["after"]["gaps"] == 7
    assert [(c["rule"], c["subject_id"]) for c in doc["closed"]] == [
        ("pps-kades", "PPS0201"),
        ("pps-ppk", "PPS0201"),
    ]
    assert doc["opened"] == []
    assert doc["scenario"]["changes"][0]["type"] == "AUDIENSI"  # "Sowan" is an AUDIENSI
    assert {"constraint", "reach", "spof_resolved"} <= set(doc["metrics"])


def test_simulate_remove_actor_and_link_and_add_actor(cli: Cli, db: Path) -> None:
    l11 = link_id("PPK01", "CAMAT01", "RAPAT", dt.date(2023, 8, 1), None)
    l5 = link_id("PPK01", "CAMAT01", "AUDIENSI", dt.date(2023, 1, 20), None)
    doc = run_json(
        cli,
        db,
        "simulate",
        "--remove-link",
        l11,
        "--remove-link",
        l5,
        "--remove-actor",
        "KPU",
        "--add-actor",
        "PKM02:Puskesmas:Puskesmas Kledung:332302",
    )
    closed = {(c["rule"], c["subject_id"]): c for c in doc["closed"]}
    opened = {(c["rule"], c["subject_id"]) for c in doc["opened"]}
    assert closed[("kpu-kesbangpol", "KPU")]["subject_removed"] is True
    assert opened == {("ppk-camat", "PPK01"), ("ppk-kpu", "PPK01"), ("ppk-kpu", "PPK02")}
    assert [(c["subject_id"], c["reason_before"], c["reason"]) for c in doc["changed"]] == [
        ("PPK02", "no_counterpart", "no_contact")
    ]


def test_simulate_table_and_errors(cli: Cli, db: Path) -> None:
    done = cli("--db", str(db), "--lang", "en", "simulate", "--add", "ppk01-b:DANRAMIL01")
    assert done.returncode == 0, done.stderr
    assert "Gaps: 9 before → 8 after" in done.stdout and "ppk-danramil" in done.stdout
    assert " ms" not in done.stdout  # no micro-timings in user text (issue 10)
    bad = cli("--db", str(db), "--lang", "en", "simulate", "--add", "PPK01:nobody")
    assert bad.returncode == 1 and "nobody" in bad.stderr and "Traceback" not in bad.stderr
    bad_type = cli("--db", str(db), "simulate", "--add", "PPK01:KPU:teleport")
    assert bad_type.returncode == 1 and "teleport" in bad_type.stderr
    empty = cli("--db", str(db), "simulate")
    assert empty.returncode == 1


def test_simulate_table_titles_closed_and_opened_gaps(cli: Cli, db: Path) -> None:
    l11 = link_id("PPK01", "CAMAT01", "RAPAT", dt.date(2023, 8, 1), None)
    l5 = link_id("PPK01", "CAMAT01", "AUDIENSI", dt.date(2023, 1, 20), None)
    args = ["--remove-link", l11, "--remove-link", l5, "--add", "ppk01-b:DANRAMIL01"]
    done = cli("--db", str(db), "--lang", "en", "simulate", *args, env={"COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    closed, opened = done.stdout.index("Gaps closed"), done.stdout.index("Gaps opened")
    assert "ppk-danramil" in done.stdout[closed:opened]
    assert "ppk-camat" in done.stdout[opened:]
    indonesian = cli("--db", str(db), "simulate", *args, env={"COLUMNS": "200"})
    assert "Celah tertutup" in indonesian.stdout and "Celah baru" in indonesian.stdout


def test_saved_scenarios(cli: Cli, db: Path) -> None:
    base = ["--db", str(db)]
    assert cli(*base, "simulate", "--add", "PPS0201:KADES0201", "--save", "sowan").returncode == 0
    done = cli(*base, "simulate", "--scenario", "sowan", "--add", "PPS0201:PPK02", "--save", "both")
    assert done.returncode == 0, done.stderr
    assert [s["name"] for s in run_json(cli, db, "scenarios", "list")] == ["both", "sowan"]
    shown = run_json(cli, db, "scenarios", "show", "both")
    assert len(shown["scenario"]["changes"]) == 2 and shown["after"]["gaps"] == 7
    cmp = run_json(cli, db, "scenarios", "compare", "sowan", "both")
    assert [r["gaps_after"] for r in cmp["scenarios"]] == [8, 7]
    assert cmp["closed_only_by"]["both"] == [{"rule": "pps-ppk", "subject_id": "PPS0201"}]
    assert cli(*base, "scenarios", "delete", "sowan").returncode == 0
    gone = cli(*base, "scenarios", "show", "sowan")
    assert gone.returncode == 1 and "sowan" in gone.stderr


def test_apply_asks_then_undo_restores(cli: Cli, db: Path) -> None:
    base = ["--db", str(db)]
    refused = cli(
        *base, "simulate", "--add", "PPS0201:KADES0201", "--apply", env={"COLUMNS": "200"}
    )
    assert refused.returncode != 0  # no terminal to confirm on: nothing applied
    assert gap_count(cli, db) == 9
    applied = cli(
        *base,
        "simulate",
        "--add",
        "PPS0201:KADES0201",
        "--remove-actor",
        "KESBANG",
        "--apply",
        "--yes",
    )
    assert applied.returncode == 0, applied.stderr
    # pps-kades closed; the KPU's kesbangpol gap stays, now as no_counterpart.
    gaps = run_json(cli, db, "gaps")
    assert len(gaps) == 8
    assert [g["reason"] for g in gaps if g["rule"] == "kpu-kesbangpol"] == ["no_counterpart"]
    undo = cli(*base, "undo", "--yes")
    assert undo.returncode == 0, undo.stderr
    assert gap_count(cli, db) == 9
    # What is left is the fixture's own import (imports are journalled too).
    base_import = cli(*base, "--lang", "en", "undo", "--yes")
    assert base_import.returncode == 0 and "(impor " in base_import.stdout
    again = cli(*base, "--lang", "en", "undo", "--yes")
    assert again.returncode == 0 and "Nothing to undo" in again.stdout


def test_metrics_json_and_sections(cli: Cli, db: Path) -> None:
    doc = run_json(cli, db, "metrics", "--top", "3")
    assert [r["id"] for r in doc["centrality"]][:2] == ["PPK01", "KPU"]
    assert doc["centrality"][0]["coordinator"] == 6
    spof = doc["single_points_of_failure"]
    assert spof["by_actor"][0]["actor"] == "PPK01"
    assert spof["by_actor"][0]["lose_every_path"] == "PPS2001;PPS2002"
    assert spof["unreachable_subjects"] == 1
    reach = {r["district"]: r["share"] for r in doc["reach"]["districts"]}
    assert reach == {"33.23.01": 1.0, "33.23.02": 0.5}
    assert any("exact" in n for n in doc["notes"])
    done = cli("--db", str(db), "metrics", "--format", "csv", "--section", "spof")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "actor,name,kind,dependents,lose_every_path"
    area = run_json(cli, db, "metrics", "--area", "33.23.02", "--section", "reach")
    assert [r["district"] for r in area["reach"]["districts"]] == ["33.23.02"]
    table = cli("--db", str(db), "--lang", "en", "metrics", "--top", "2")
    assert table.returncode == 0 and "Single points of failure" in table.stdout


def test_path_and_introductions(cli: Cli, db: Path) -> None:
    doc = run_json(cli, db, "path", "pps2001-a", "BAWASLU")
    assert doc["nodes"] == ["PPS2001", "PPK01", "KPU", "BAWASLU"]
    doc = run_json(cli, db, "path", "PPS2002", "CAMAT01")
    assert doc["introductions"][0]["via"] == "PPK01"
    assert doc["introductions"][0]["people"] == "ppk01-a;ppk01-b"
    none = cli("--db", str(db), "--lang", "en", "path", "PPS0201", "KPU")
    assert none.returncode == 0 and "No coordination path" in none.stdout
    unknown = cli("--db", str(db), "path", "nobody", "KPU")
    assert unknown.returncode == 1 and "nobody" in unknown.stderr


def test_recommend(cli: Cli, db: Path) -> None:
    doc = run_json(cli, db, "recommend", "--budget", "2")
    plan = doc["plan"]
    assert [(p["source"], p["target"]) for p in plan["links"]] == [
        ("PPS0201", "KADES0201"),
        ("PPS2002", "KADES2002"),
    ]
    assert plan["closed_weight"] == 6 and plan["not_closable"] == 3
    # Resilience links follow the chain PPS -> PPK -> KPU (issue 10): the mini
    # regency's PPS2001/PPS2002 hang on their own PPK, which is the chain itself;
    # only the isolated PPS0201 needs a link, to its PPK, not to the KPU.
    res = doc["resilience"]
    assert [(r["subject"], r["kpu"], r["route"]) for r in res["links"]] == [
        ("PPS0201", "PPK02", "pps-ppk")
    ]
    assert (res["exposed"], res["unreachable"]) == (0, 1)
    assert (res["exposed_after"], res["unreachable_after"]) == (0, 0)
    assert "PPK Kledung" in res["links"][0]["reason"]
    assert doc["worth_a_visit"]["method"] == "adamic_adar"
    csv_out = cli("--db", str(db), "recommend", "--format", "csv", "--section", "resilience")
    assert csv_out.returncode == 0 and csv_out.stdout.startswith("subject,subject_name,kpu")
