"""Embedded-store guarantees beyond the shared contract: crash safety and schema versions."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sinergi_graph.errors import SinergiError
from sinergi_graph.models import Actor
from sinergi_graph.store.embedded import SCHEMA_VERSION, EmbeddedStore


def test_a_killed_import_leaves_the_previous_state(tmp_path: Path) -> None:
    db = tmp_path / "net.db"
    store = EmbeddedStore(db)
    store.upsert([Actor(id="keep", kind="PPS", name="PPS Lama")], [])
    store.close()
    # The child writes 5,000 actors and is SIGKILLed by its own generator half-way.
    script = textwrap.dedent(
        f"""
        import os, signal
        from sinergi_graph.models import Actor
        from sinergi_graph.store.embedded import EmbeddedStore
        store = EmbeddedStore({str(db)!r})
        def actors():
            for i in range(5000):
                if i == 2500:
                    os.kill(os.getpid(), signal.SIGKILL)
                yield Actor(id=f"a{{i}}", kind="PPS", name=f"PPS {{i}}")
        store.upsert(actors(), [])
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == -9
    reopened = EmbeddedStore(db)
    assert [a.id for a in reopened.actors()] == ["keep"]
    assert reopened.stats().actors == 1
    reopened.close()


def test_a_newer_schema_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "net.db"
    EmbeddedStore(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    with pytest.raises(SinergiError) as info:
        EmbeddedStore(db)
    assert "newer sinergi" in info.value.render("en")


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 200)
    with pytest.raises(SinergiError) as info:
        EmbeddedStore(bad)
    assert info.value.code == "store_corrupt"
