"""Shared fixtures: a fresh embedded store, small hand-checked networks, the CLI runner."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

pytest_plugins = ["neo4j_harness"]

from clirun import run_cli  # noqa: E402

from sinergi_graph.store.embedded import EmbeddedStore  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep tests away from the user's own store, config and language."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SINERGI_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("SINERGI_DB", str(home / "default.db"))
    monkeypatch.delenv("SINERGI_LANG", raising=False)
    monkeypatch.delenv("SINERGI_RULES", raising=False)
    monkeypatch.setenv("SINERGI_CACHE_DIR", str(home / "cache"))
    # A message code, language or parameter missing from the catalogue raises in tests
    # (sinergi_graph.i18n); users get a visible placeholder instead.
    monkeypatch.setenv("SINERGI_STRICT_MESSAGES", "1")


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "net.db")
    yield store
    store.close()


@pytest.fixture
def cli():
    return run_cli


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow families so the fast loop can leave them out (README, "Fast loop").

    ``neo4j``: the test needs the Neo4j test server (directly or through a fixture);
    ``tui``: a Pilot or snapshot test of the terminal UI.
    """
    tui_dir = Path(__file__).parent / "tui"
    for item in items:
        if "neo4j_uri" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)
        if tui_dir in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.tui)
