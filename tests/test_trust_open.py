"""Reproductions of issue 13 that have no fix yet: each test asks for what the issue asks.

Marked ``xfail`` (not strict, so a fix elsewhere never breaks a run): the trust tally
(scripts/trust_tally.py) counts them as tried and not handled. When the fix lands the
test passes; then take the ``xfail`` away.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run_cli

pytestmark = pytest.mark.trust("bad_input")


@pytest.mark.xfail(reason="issue 13: an institution recorded above its rule's scope is skipped")
def test_a_pps_or_ppk_recorded_above_its_rules_scope_is_reported(tmp_path: Path) -> None:
    # "A PPS or PPK without an area, or recorded above its rule's scope, is skipped by
    # every rule without trace: report it." Without an area is a warning now; a PPS
    # given its kabupaten (34.03) and a PPK given its province (34) still vanish.
    nodes = tmp_path / "n.csv"
    nodes.write_text(
        "id;kind;name;area\n"
        "pps;PPS;PPS Di Kabupaten;34.03\n"
        "ppk;PPK;PPK Di Provinsi;34\n"
        "kpu;KPU_KAB;KPU Gunungkidul;34.03\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    done = run_cli("--db", str(db), "--lang", "en", "import", str(nodes))
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    gaps = run_cli("--db", str(db), "--lang", "en", "gaps", "--format", "json")
    assert gaps.returncode == 0, gaps.stderr
    subjects = {row["subject_id"] for row in json.loads(gaps.stdout)}
    for ident, name in (("pps", "PPS Di Kabupaten"), ("ppk", "PPK Di Provinsi")):
        # A warning at import naming it, or a row of its own in the gap list.
        assert name in said or ident in subjects, (name, said, sorted(subjects))
