"""``sinergi simulate --meeting … --invite …``: a planned rakor inside a scenario (issue 9).

The CLI runs as a subprocess on a real demo store of Kabupaten Temanggung.
What a meeting closes is checked against a by-hand computation from the gap
list (a gap closes when its subject and one of its counterparts are both
invited), and against the gaps after the kegiatan is really recorded.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from clirun import run_cli

TODAY = dt.date.today().isoformat()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "temanggung.db"
    done = run_cli("--db", str(db), "demo", "--region", "33.23")
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "net.db"
    shutil.copy(demo_template, path)
    return path


def sinergi(db: Path, *args: str) -> str:
    done = run_cli("--db", str(db), *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def gaps(db: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = json.loads(sinergi(db, "gaps", "--format", "json"))
    return rows


def keys(rows: list[dict[str, str]]) -> set[tuple[str, str]]:
    return {(g["rule"], g["subject_id"]) for g in rows}


def by_hand(rows: list[dict[str, str]], invited: set[str]) -> set[tuple[str, str]]:
    """The gaps a rakor of ``invited`` closes: subject and a counterpart both present."""
    return {
        (g["rule"], g["subject_id"])
        for g in rows
        if g["subject_id"] in invited and invited & set(g["counterpart_ids"].split(";"))
    }


def a_desa_without_contact(rows: list[dict[str, str]]) -> tuple[str, str, str]:
    """A PPS with no contact to its kepala desa nor to its PPK: (PPS, kades, PPK)."""
    no_kades = {g["subject_id"]: g for g in rows if g["rule"] == "pps-kades"}
    no_ppk = {g["subject_id"]: g for g in rows if g["rule"] == "pps-ppk"}
    pps = sorted(set(no_kades) & set(no_ppk))[0]
    kades = no_kades[pps]["counterpart_ids"].split(";")[0]
    return pps, kades, no_ppk[pps]["counterpart_ids"].split(";")[0]


def simulate(db: Path, *args: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        sinergi(db, "simulate", *args, "--format", "json", "--no-metrics")
    )
    return doc


def test_a_planned_rakor_closes_exactly_the_gaps_computed_by_hand(db: Path) -> None:
    before = gaps(db)
    pps, kades, ppk = a_desa_without_contact(before)
    doc = simulate(
        db,
        "--meeting",
        f"{TODAY}:RAPAT:Rakor DPTb",
        "--invite",
        pps,
        "--invite",
        kades,
        "--invite",
        ppk,
    )
    closed = {(g["rule"], g["subject_id"]) for g in doc["closed"]}
    expected = by_hand(before, {pps, kades, ppk})
    assert {("pps-kades", pps), ("pps-ppk", pps)} <= expected
    assert closed == expected
    assert doc["opened"] == []
    assert doc["before"]["gaps"] == len(before)
    assert doc["after"]["gaps"] == len(before) - len(expected)
    # The design.md keys stay; the meeting is added beside them.
    (meeting,) = doc["meetings"]
    pairs = {frozenset((c["source"], c["target"])) for c in meeting["contacts"]}
    assert pairs == {frozenset(p) for p in ((pps, kades), (pps, ppk), (kades, ppk))}
    assert [i["id"] for i in meeting["invitees"]] == [pps, kades, ppk]
    assert meeting["invitees"][0]["name"] == next(
        g["subject_name"] for g in before if g["subject_id"] == pps
    )
    (change,) = doc["scenario"]["changes"]
    assert change["op"] == "plan_meeting" and change["invitees"] == [pps, kades, ppk]


def test_invitees_by_name_narrowed_by_the_meeting_area(db: Path) -> None:
    before = gaps(db)
    pps, kades, _ = a_desa_without_contact(before)
    desa = next(g for g in before if g["subject_id"] == pps)
    kades_name = next(
        g["counterpart_names"]
        for g in before
        if g["rule"] == "pps-kades" and g["subject_id"] == pps
    )
    # Several desa share names across the regency: the area settles which one.
    doc = simulate(
        db,
        "--meeting",
        f"{TODAY}:rakor:Rakor",
        "--meeting-area",
        desa["area"],
        "--invite",
        desa["subject_name"],
        "--invite",
        kades_name,
    )
    assert doc["scenario"]["changes"][0]["invitees"] == [pps, kades]
    assert ("pps-kades", pps) in {(g["rule"], g["subject_id"]) for g in doc["closed"]}


def test_an_unknown_or_ambiguous_invitee_is_one_clear_line(db: Path) -> None:
    done = run_cli(
        "--db",
        str(db),
        "simulate",
        "--meeting",
        TODAY,
        "--invite",
        "Kepala Desa Tegalrejo",
        "--invite",
        "x",
    )
    assert done.returncode == 1
    assert "cocok dengan beberapa aktor" in done.stderr and "KADES-3323012005" in done.stderr
    done = run_cli(
        "--db",
        str(db),
        "--lang",
        "en",
        "simulate",
        "--meeting",
        TODAY,
        "--invite",
        "PPS-3323012005",
        "--invite",
        "Kepala Desa Tegalrejoo (Bulu)",
    )
    assert done.returncode == 1
    assert "Invitee 'Kepala Desa Tegalrejoo (Bulu)' is neither an actor id" in done.stderr
    done = run_cli("--db", str(db), "simulate", "--invite", "PPS-3323012005")
    assert done.returncode == 1 and "--meeting" in done.stderr
    done = run_cli(
        "--db", str(db), "simulate", "--meeting", "kemarin", "--invite", "a", "--invite", "b"
    )
    assert done.returncode != 0 and "DATE[:TYPE[:TOPIC]]" in done.stderr


def test_invite_suggested_takes_the_invite_list_and_closes_what_it_promises(db: Path) -> None:
    area = "33.23.01"
    plan = json.loads(sinergi(db, "invite", "--area", area, "--budget", "4", "--format", "json"))
    promised = {(g["rule"], g["subject_id"]) for i in plan["invitees"] for g in i["gaps"]}
    doc = simulate(
        db,
        "--meeting",
        f"{TODAY}:RAPAT:Rakor Bulu",
        "--invite-suggested",
        area,
        "--invite-budget",
        "4",
    )
    (change,) = doc["scenario"]["changes"]
    assert change["invitees"] == [i["id"] for i in plan["invitees"]]
    assert change["area"] == area
    closed = {(g["rule"], g["subject_id"]) for g in doc["closed"]}
    assert promised and promised <= closed
    assert closed == by_hand(gaps(db), set(change["invitees"]))


def test_save_show_apply_and_undo_a_scenario_with_a_meeting(db: Path) -> None:
    before = gaps(db)
    pps, kades, _ = a_desa_without_contact(before)
    sinergi(
        db,
        "simulate",
        "--meeting",
        f"{TODAY}:RAPAT:Rakor DPTb",
        "--invite",
        pps,
        "--invite",
        kades,
        "--place",
        "Balai Desa",
        "--save",
        "rakor",
    )
    shown = run_cli("--db", str(db), "scenarios", "show", "rakor", env={"COLUMNS": "250"})
    assert shown.returncode == 0, shown.stderr
    assert "rencana rakor" in shown.stdout and "Balai Desa" in shown.stdout
    name = next(g["subject_name"] for g in before if g["subject_id"] == pps)
    assert name in shown.stdout
    assert "Rencana RAPAT 'Rakor DPTb'" in shown.stdout
    assert json.loads(sinergi(db, "activities", "--format", "json"))["activities"] == []

    sinergi(db, "simulate", "--scenario", "rakor", "--apply", "--yes", "--no-metrics")
    (kegiatan,) = json.loads(sinergi(db, "activities", "--format", "json"))["activities"]
    assert kegiatan["attendees"] == [pps, kades]
    assert (kegiatan["date"], kegiatan["topic"], kegiatan["place"]) == (
        TODAY,
        "Rakor DPTb",
        "Balai Desa",
    )
    after = gaps(db)
    assert keys(before) - keys(after) == by_hand(before, {pps, kades})
    assert keys(after) <= keys(before)

    undone = run_cli("--db", str(db), "undo", "--yes")
    assert undone.returncode == 0, undone.stderr
    assert json.loads(sinergi(db, "activities", "--format", "json"))["activities"] == []
    assert keys(gaps(db)) == keys(before)


def test_a_meeting_not_held_yet_is_saved_but_not_applied(db: Path) -> None:
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    done = run_cli(
        "--db",
        str(db),
        "simulate",
        "--meeting",
        f"{later}:RAPAT:Rakor",
        "--invite",
        "PPS-3323012005",
        "--invite",
        "KADES-3323012005",
        "--apply",
        "--yes",
    )
    assert done.returncode == 1
    assert "belum berlangsung" in done.stderr
    assert json.loads(sinergi(db, "activities", "--format", "json"))["activities"] == []
    # As a plan it counts: the contact is in the simulated future.
    doc = simulate(
        db,
        "--meeting",
        f"{later}:RAPAT:Rakor",
        "--invite",
        "PPS-3323012005",
        "--invite",
        "KADES-3323012005",
        "--save",
        "nanti",
    )
    assert ("pps-kades", "PPS-3323012005") in {(g["rule"], g["subject_id"]) for g in doc["closed"]}


def test_a_meeting_after_as_of_is_said_not_to_count(db: Path) -> None:
    done = run_cli(
        "--db",
        str(db),
        "--lang",
        "en",
        "simulate",
        "--as-of",
        "2024-01-01",
        "--meeting",
        "2024-05-02:RAPAT:Rakor",
        "--invite",
        "PPS-3323012005",
        "--invite",
        "KADES-3323012005",
        "--no-metrics",
    )
    assert done.returncode == 0, done.stderr
    assert "is after the evaluation date; its contacts do not count" in done.stderr
    assert "Planned RAPAT 'Rakor' on" in done.stdout
