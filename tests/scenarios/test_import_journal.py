"""Imports go through the undo journal up to a bounded size (``sinergi import``, TUI ctrl+o)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from clirun import run_cli

from sinergi_graph.models import Actor
from sinergi_graph.scenarios import journal, undo_last
from sinergi_graph.scenarios.imports import JOURNAL_LIMIT, import_journalled
from sinergi_graph.scenarios.journal import last_pending
from sinergi_graph.store.embedded import EmbeddedStore


def actors_csv(path: Path, count: int, name: str = "PPS") -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "name", "area"])
        w.writerows([f"PPS{i}", "PPS", f"{name} {i}", "34.03.07.2004"] for i in range(count))
    return path


def test_a_re_import_is_undone_to_the_records_it_overwrote(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "net.db")
    try:
        store.upsert([Actor(id="PPS0", kind="PPS", name="PPS lama", area="34.03.07.2004")], [])
        done = import_journalled([actors_csv(tmp_path / "a.csv", 3)], store, label="impor a.csv")
        assert done.entry is not None and done.result.new_actors == 2
        assert store.get_actor("PPS0").name == "PPS 0"
        undo_last(store)
        assert [(a.id, a.name) for a in store.actors()] == [("PPS0", "PPS lama")]
    finally:
        store.close()


def test_an_import_over_the_limit_is_written_but_not_journalled(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "net.db")
    try:
        done = import_journalled([actors_csv(tmp_path / "a.csv", 3)], store, label="impor", limit=2)
        assert done.entry is None
        assert store.stats().actors == 3 and journal(store) == []
    finally:
        store.close()


@pytest.mark.parametrize("count", [3, JOURNAL_LIMIT + 1], ids=["small", "over-limit"])
def test_cli_import_is_undoable_while_bounded(tmp_path: Path, count: int) -> None:
    db = str(tmp_path / "net.db")
    done = run_cli("--db", db, "import", str(actors_csv(tmp_path / "aktor.csv", count)))
    assert done.returncode == 0, done.stderr
    undone = run_cli("--db", db, "--lang", "en", "undo", "--yes")
    assert undone.returncode == 0, undone.stderr
    if count <= JOURNAL_LIMIT:
        # The label is in the language the import ran in.
        assert "(impor aktor.csv)" in undone.stdout
        assert done.stderr == ""
    else:
        assert "tidak dicatat di jurnal (batasnya 5.000)" in done.stderr
        assert "5.001 rekaman" in done.stderr
        assert "Nothing to undo" in undone.stdout


def test_undo_asks_with_the_time_on_the_office_clock(tmp_path: Path) -> None:
    # Entries are stamped in UTC; the question showed "2026-12-02T03:05:09", seven hours
    # off for an office in WIB. (A POSIX TZ needs no zoneinfo files on the machine.)
    import datetime as dt
    import os
    import subprocess

    db = str(tmp_path / "net.db")
    assert run_cli("--db", db, "import", str(actors_csv(tmp_path / "aktor.csv", 3))).returncode == 0
    store = EmbeddedStore(tmp_path / "net.db")
    try:
        last = last_pending(store)
    finally:
        store.close()
    assert last is not None
    stamp = last.applied_at
    wib = dt.datetime.fromisoformat(stamp).astimezone(dt.timezone(dt.timedelta(hours=7)))
    env = {**os.environ, "TZ": "WIB-7", "COLUMNS": "200"}
    asked = subprocess.run(["sinergi", "--db", db, "undo"], input="n\n", capture_output=True,
                           text=True, env=env, timeout=120)  # fmt: skip
    assert asked.returncode != 0  # answered no: nothing undone
    assert f"pukul {wib:%H}.{wib:%M})?" in asked.stdout + asked.stderr
    assert "T0" not in asked.stderr and stamp[:10] not in asked.stderr
    assert "Batalkan suntingan #1 (impor aktor.csv, diterapkan " in asked.stderr
    assert run_cli("--db", db, "undo", "--yes").returncode == 0  # still there to undo
