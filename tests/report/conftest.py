"""Demo stores and built reports shared by the report and picture tests (built once)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from clirun import run_cli

from sinergi_graph.report.build import build_report
from sinergi_graph.report.model import Report
from sinergi_graph.rules import default_rules
from sinergi_graph.store.embedded import EmbeddedStore

KECAMATAN = "33.23.01"  # Bulu, Kabupaten Temanggung
REGENCY = "33.23"  # Kabupaten Temanggung
TODAY = date(2024, 1, 15)

# In CI (CI=true, where .ci/run installs them) a missing tool is a failure, not a skip.
_IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
needs_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None and not _IN_CI,
    reason="chromium missing: run tests/system_deps.sh as root",
)
needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None and not _IN_CI,
    reason="pdftoppm missing: run tests/system_deps.sh as root",
)


@pytest.fixture(scope="session")
def sinergi() -> object:
    """Run ``sinergi`` in Indonesian and return its stdout (fails on a non-zero exit)."""
    return cli


def cli(*args: str) -> str:
    """Run ``sinergi`` in Indonesian; fail the test with its stderr when it fails."""
    done = run_cli(*args, env={"SINERGI_LANG": "id"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def _demo(folder: Path, region: str) -> Path:
    db = folder / f"demo-{region}.db"
    cli("--db", str(db), "demo", "--region", region)
    return db


@pytest.fixture(scope="session")
def kecamatan_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _demo(tmp_path_factory.mktemp("kec"), KECAMATAN)


@pytest.fixture(scope="session")
def regency_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _demo(tmp_path_factory.mktemp("kab"), REGENCY)


def _report(db: Path, area: str, **kwargs: object) -> Report:
    store = EmbeddedStore(db)
    try:
        return build_report(store, area, default_rules(), today=TODAY, **kwargs)  # type: ignore[arg-type]
    finally:
        store.close()


@pytest.fixture(scope="session")
def make_report() -> object:
    """Build a report from a store file (``make_report(db, area, lang="en")``)."""
    return _report


@pytest.fixture(scope="session")
def kecamatan_report(kecamatan_db: Path) -> Report:
    return _report(kecamatan_db, KECAMATAN)


@pytest.fixture(scope="session")
def regency_report(regency_db: Path) -> Report:
    return _report(regency_db, REGENCY)


@pytest.fixture(scope="session")
def regency_gaps(regency_db: Path) -> list[dict[str, str]]:
    """``sinergi gaps --format json`` for the regency, as the user gets it."""
    rows: list[dict[str, str]] = json.loads(
        cli("--db", str(regency_db), "gaps", "--area", REGENCY, "--format", "json")
    )
    return rows


@pytest.fixture(scope="session")
def tricky_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A tiny desa whose names try to break every format (markup, formulas, scripts)."""
    folder = tmp_path_factory.mktemp("tricky")
    network = {
        "nodes": [
            {"id": "kpu", "kind": "KPU_KAB", "name": "KPU Kabupaten Temanggung", "area": "33.23"},
            {"id": "ppk", "kind": "PPK", "name": "PPK Bulu", "area": "33.23.01"},
            {
                "id": "camat",
                "kind": "CAMAT",
                "name": "Camat #strong[Bulu] $x$ <lbl> @ref",
                "area": "33.23.01",
            },
            {
                "id": "pps",
                "kind": "PPS",
                "name": '=HYPERLINK("http://x","klik")',
                "area": "33.23.01.2001",
                "phone": "+6281234567",
            },
            {
                "id": "kades",
                "kind": "KADES",
                "name": "<script>alert(1)</script> Kades",
                "area": "33.23.01.2001",
            },
            {
                "id": "ani",
                "kind": "PERSON",
                "name": "Ani Lestari",
                "member_of": "pps",
                "phone": "081299990000",
                "email": "ani@example.invalid",
            },
        ],
        "links": [
            {"source": "ppk", "target": "kpu", "date": "2023-10-05"},
            {"source": "ani", "target": "ppk", "date": "2023-10-05"},
            {"source": "kades", "target": "ppk", "date": "2023-09-01"},
        ],
    }
    path = folder / "net.json"
    path.write_text(json.dumps(network), encoding="utf-8")
    db = folder / "tricky.db"
    cli("--db", str(db), "import", str(path))
    yield db
