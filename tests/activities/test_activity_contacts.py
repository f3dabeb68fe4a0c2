"""A kegiatan makes every pair of institutions present a contact on its date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from activities.office import office_workbook
from sinergi_graph.gaps import find_gaps
from sinergi_graph.graph import graph_from_store
from sinergi_graph.importer import import_files
from sinergi_graph.rules import default_rules
from sinergi_graph.store.embedded import EmbeddedStore

TEPUS_MEETING = [
    ("Sutrisno", "Lurah", "Kalurahan Tepus"),
    ("Sri Lestari", "Ketua PPS", "PPS Tepus"),
    ("Bambang", "Staf", "PPK Tepus"),
]


def pps_kades(store: EmbeddedStore, as_of: dt.date) -> list[dict[str, str]]:
    rules = [r for r in default_rules() if r.id == "pps-kades"]
    G = graph_from_store(store, as_of=as_of)
    return [g.as_row() for g in find_gaps(G, rules, as_of=as_of) if g.subject_id == "pps-tepus"]


def test_a_daftar_hadir_closes_the_gap_between_its_institutions(
    tmp_path: Path, embedded_store: EmbeddedStore
) -> None:
    import_files([office_workbook(tmp_path / "actors.xlsx")], embedded_store)
    as_of = dt.date(2024, 6, 1)
    (before,) = pps_kades(embedded_store, as_of)
    assert before["reason"] == "no_contact" and before["via"] == ""
    import_files(
        [office_workbook(tmp_path / "dh.xlsx", daftar_hadir=TEPUS_MEETING)], embedded_store
    )
    assert pps_kades(embedded_store, as_of) == []
    # The PPS met the PPK at the same rakor: through Sri, a member of the PPS.
    G = graph_from_store(embedded_store, as_of=as_of)
    edge = G.edges["pps-tepus", "ppk-tepus"]
    assert edge["last_date"] == "2023-10-05"
    assert edge["last_via"] == "K-20231005-koordinasi-dptb"
    # Before the activity happened it was no contact.
    (earlier,) = pps_kades(embedded_store, dt.date(2023, 10, 4))
    assert earlier["reason"] in {"no_contact", "stale"}


def test_stale_gap_says_via_which_activity(tmp_path: Path, cli: object) -> None:
    db = tmp_path / "net.db"
    path = office_workbook(tmp_path / "dh.xlsx", daftar_hadir=TEPUS_MEETING)
    run = cli  # the installed console script, as a user runs it
    done = run("--db", str(db), "import", str(path))  # type: ignore[operator]
    assert done.returncode == 0, done.stderr
    assert "1 kegiatan" in done.stdout
    # The default rule wants a PPS–lurah contact within 30 days of the PPS's start
    # (2023-02-16): on 2023-11-01 the October rakor is a contact, but too late.
    out = run(  # type: ignore[operator]
        "--db", str(db), "gaps", "--rule", "pps-kades", "--as-of", "2023-11-01", "--format", "json"
    )
    assert out.returncode == 0, out.stderr
    (row,) = [r for r in json.loads(out.stdout) if r["subject_id"] == "pps-tepus"]
    assert (row["reason"], row["missed"]) == ("stale", "deadline")
    assert row["via"] == "K-20231005-koordinasi-dptb"
    assert row["last_contact"] == "2023-10-05"
