"""An analysis of a store that holds nothing says so and fails; it never answers "no gaps"."""

from __future__ import annotations

from pathlib import Path

import pytest
from clirun import run_cli

from sinergi_graph.store.embedded import EmbeddedStore

pytestmark = pytest.mark.trust("careless_use")


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    path = tmp_path / "kosong.db"
    EmbeddedStore(path).close()
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["gaps"],
        ["gaps", "--format", "json"],
        ["metrics"],
        ["recommend"],
        ["path", "A", "B"],
        ["report", "--area", "33.23"],
    ],
)
def test_analyses_of_an_empty_store_fail_and_say_it_is_empty(
    empty_db: Path, tmp_path: Path, command: list[str]
) -> None:
    if command[0] == "report":
        command = [*command, "--output", str(tmp_path / "r.xlsx")]
    out = run_cli("--db", str(empty_db), *command)
    assert out.returncode != 0
    assert "kosong" in out.stderr and "sinergi import" in out.stderr
    assert "Traceback" not in out.stderr and out.stdout.strip() == ""
    assert "celah" not in out.stdout.lower()
    en = run_cli("--lang", "en", "--db", str(empty_db), *command)
    assert en.returncode != 0 and "is empty" in en.stderr
