"""Embedded-store guarantees beyond the shared contract: crash safety, schema versions, and
the trust a shared office file needs (issue 13)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from clirun import run_cli

from sinergi_graph.config import Settings
from sinergi_graph.errors import SinergiError
from sinergi_graph.models import Actor, CoordinationLink
from sinergi_graph.store.embedded import SCHEMA_VERSION, EmbeddedStore
from sinergi_graph.store.errors import (
    StoreBadRecord,
    StoreDiskFull,
    StoreEmpty,
    StoreForeign,
    StoreMissing,
    StoreReadOnly,
)
from sinergi_graph.store.factory import open_store, same_store


@pytest.mark.trust("durability")
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


# --------------------------------------------------------------------------
# Trust (issue 13): reads never create, lock or write; foreign files are refused


def tepus_store(path: Path) -> EmbeddedStore:
    store = EmbeddedStore(path)
    store.upsert(
        [
            Actor(id="PPS-1", kind="PPS", name="PPS Tepus", area="34.03.07.2004"),
            Actor(id="LURAH-1", kind="LURAH", name="Lurah Tepus", area="34.03.07.2004"),
        ],
        [CoordinationLink.create("PPS-1", "LURAH-1", "RAPAT", dt.date(2023, 10, 5), "DPTb")],
    )
    return store


@pytest.mark.trust("careless_use")
def test_reading_a_missing_store_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "net.db"
    with pytest.raises(StoreMissing) as info:
        EmbeddedStore(missing, read_only=True)
    assert info.value.code == "store_missing"
    assert "\n" not in info.value.render("en") and str(missing) in info.value.render("en")
    assert not missing.exists() and not missing.parent.exists()


@pytest.mark.trust("durability")
def test_the_factory_opens_reads_read_only(tmp_path: Path) -> None:
    missing = tmp_path / "net.db"
    settings = Settings(db=missing)
    with pytest.raises(StoreMissing):
        open_store(settings, read_only=True)
    assert not missing.exists()
    tepus_store(missing).close()
    store = open_store(settings, read_only=True)
    assert store.stats().actors == 2 and not store.is_empty()
    with pytest.raises(StoreReadOnly):
        store.upsert([Actor(id="x", kind="PPS", name="x")], [])
    store.close()


@pytest.mark.trust("careless_use")
def test_an_empty_store_says_it_is_empty(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "net.db")
    assert store.is_empty()
    store.put_document("scenario", "a", "{}")
    assert store.is_empty()  # documents are not a network
    store.upsert([Actor(id="a", kind="PPS", name="a")], [])
    assert not store.is_empty()
    store.close()
    # A zero-byte file (``touch``) reads as an empty store and stays zero bytes.
    touched = tmp_path / "touched.db"
    touched.touch()
    reader = EmbeddedStore(touched, read_only=True)
    rows = reader.network_rows()
    assert reader.is_empty() and rows.actors == [] and rows.links == []
    reader.close()
    assert touched.stat().st_size == 0


HOLD_WRITE_LOCK = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT INTO actors (id, kind, name) VALUES ('during', 'PPS', 'in flight')")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("ROLLBACK")
"""


@pytest.mark.trust("durability")
def test_reads_go_on_while_another_process_imports(tmp_path: Path) -> None:
    db = tmp_path / "net.db"
    tepus_store(db).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(db), "20"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "locked"
        started = time.monotonic()
        for read_only in (True, False):  # the default open no longer migrates either
            store = EmbeddedStore(db, read_only=read_only)
            assert store.stats().actors == 2  # the uncommitted actor is not seen
            assert len(store.network_rows().links) == 1
            assert [a.id for a in store.actors()] == ["LURAH-1", "PPS-1"]
            store.close()
        assert time.monotonic() - started < 3, "a read waited for the writer's lock"
    finally:
        writer.kill()
        writer.wait()


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder whose store cannot be written: a read-only bind mount (root), else chmod."""
    source = tmp_path / "src"
    source.mkdir()
    tepus_store(source / "net.db").close()
    if os.geteuid() != 0:
        (source / "net.db").chmod(0o444)
        source.chmod(0o555)
        yield source
        source.chmod(0o755)
        return
    mounted = tmp_path / "ro"
    mounted.mkdir()
    done = subprocess.run(
        f"mount --bind {source} {mounted} && mount -o remount,ro,bind {mounted}",
        shell=True,
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip("cannot make a read-only file system here")
    try:
        yield mounted
    finally:
        subprocess.run(["umount", str(mounted)], check=False)


@pytest.mark.trust("durability")
def test_a_read_only_store_can_be_read_and_a_write_says_read_only(read_only_dir: Path) -> None:
    db = read_only_dir / "net.db"
    store = EmbeddedStore(db, read_only=True)
    assert store.stats().actors == 2 and len(store.links()) == 1
    store.close()
    with pytest.raises(StoreReadOnly) as info:
        EmbeddedStore(db)  # an open for writing says so at once
    assert "read-only" in info.value.render("en")
    assert "hanya dapat dibaca" in info.value.render("id")


@pytest.mark.trust("durability")
def test_another_applications_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "inventaris.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE barang (kode TEXT, nama TEXT)")
        conn.execute("INSERT INTO barang VALUES ('B1', 'Kotak suara')")
    conn.close()
    before = other.read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreForeign) as info:
            EmbeddedStore(other, read_only=read_only)
        assert "barang" in info.value.render("en")
    assert other.read_bytes() == before
    with sqlite3.connect(other) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert tables == {"barang"}


@pytest.mark.trust("durability")
def test_a_broken_cell_names_its_record(tmp_path: Path) -> None:
    db = tmp_path / "net.db"
    tepus_store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE actors SET properties='{\"jabatan\": ' WHERE id='LURAH-1'")
        conn.execute("UPDATE links SET date='2023-13-45'")
    conn.close()
    store = EmbeddedStore(db, read_only=True)
    with pytest.raises(StoreBadRecord) as info:
        store.actors()
    assert "actor LURAH-1" in info.value.render("en")
    with pytest.raises(StoreBadRecord) as link_info:
        store.links()
    assert "link L" in link_info.value.render("en")
    assert store.get_actor("PPS-1") is not None  # the sound records still read
    store.close()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB file system (tmpfs); needs root."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def big_batch(n: int) -> list[Actor]:
    return [Actor(id=f"A{i:06d}", kind="PPS", name="x" * 200, note="y" * 200) for i in range(n)]


@pytest.mark.trust("durability")
def test_a_full_disk_says_disk_full_and_changes_nothing(tiny_disk: Path) -> None:
    store = tepus_store(tiny_disk / "net.db")
    before = store.actors(), store.links(), store.revision()
    with pytest.raises(StoreDiskFull) as info:
        store.upsert(big_batch(20_000), [])
    assert "disk full" in info.value.render("en").lower()
    assert "disk penuh" in info.value.render("id").lower()
    assert (store.actors(), store.links(), store.revision()) == before
    store.close()
    reopened = EmbeddedStore(tiny_disk / "net.db", read_only=True)
    assert (reopened.actors(), reopened.links()) == before[:2]
    reopened.close()


FILE_SIZE_LIMIT = """
import resource, signal, sys
from sinergi_graph.models import Actor
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.errors import SinergiError
store = EmbeddedStore(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))
try:
    store.upsert([Actor(id=f"A{i}", kind="PPS", name="x" * 300) for i in range(5000)], [])
except SinergiError as exc:
    print(type(exc).__name__, exc.render("en"))
"""


@pytest.mark.trust("durability")
def test_a_refused_write_rolls_back_cleanly(tmp_path: Path) -> None:
    # Today: "cannot rollback - no transaction is active" hid the cause.
    db = tmp_path / "net.db"
    tepus_store(db).close()
    done = subprocess.run(
        [sys.executable, "-c", FILE_SIZE_LIMIT, str(db)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(("StoreWriteFailed", "StoreDiskFull")), done.stdout
    assert "rollback" not in done.stdout + done.stderr
    store = EmbeddedStore(db, read_only=True)
    assert store.stats().actors == 2
    store.close()


@pytest.mark.trust("durability")
def test_copy_onto_itself_is_refused_in_every_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "a.db"
    tepus_store(db).close()
    (tmp_path / "link.db").symlink_to(db)
    os.link(db, tmp_path / "hard.db")
    (tmp_path / "sub").mkdir()
    for other in ("./a.db", "link.db", "hard.db", str(db), "sub/../a.db"):
        assert same_store("a.db", other), other
    assert not same_store("a.db", "b.db")
    assert same_store("bolt://localhost:7687", "neo4j://LOCALHOST/neo4j")
    assert not same_store("bolt://localhost:7687", "bolt://localhost:7688")
    done = run_cli(
        "--lang", "en", "copy", "--from", "a.db", "--to", "./sub/../a.db", "--replace", cwd=tmp_path
    )
    assert done.returncode != 0 and "same" in (done.stdout + done.stderr).lower()
    store = EmbeddedStore(db, read_only=True)
    assert store.stats().actors == 2
    store.close()


# --------------------------------------------------------------------------
# replace_all: one transaction, so a killed replace keeps the previous network

KILLED_REPLACE = """
import os, signal, sys
from sinergi_graph.models import Actor, CoordinationLink
from sinergi_graph.store.embedded import EmbeddedStore
store = EmbeddedStore(sys.argv[1])
def actors():
    for i in range(20000):
        if i == 12000:
            os.kill(os.getpid(), signal.SIGKILL)
        yield Actor(id=f"new{i}", kind="PPS", name=f"PPS {i}")
store.replace_all(actors(), [], documents=[("scenario", "baru", "{}")])
"""


@pytest.mark.trust("durability")
def test_a_killed_replace_leaves_the_previous_network(tmp_path: Path) -> None:
    db = tmp_path / "net.db"
    store = tepus_store(db)
    store.put_document("scenario", "lama", "{}")
    before = store.actors(), store.links(), store.list_documents("scenario")
    store.close()
    done = subprocess.run([sys.executable, "-c", KILLED_REPLACE, str(db)], capture_output=True)
    assert done.returncode == -signal.SIGKILL
    reopened = EmbeddedStore(db, read_only=True)
    assert (reopened.actors(), reopened.links(), reopened.list_documents("scenario")) == before
    reopened.close()


@pytest.mark.trust("careless_use")
def test_an_empty_store_has_a_typed_error_for_read_commands(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "net.db")
    assert store.is_empty()
    error = StoreEmpty(path=store.location)
    assert isinstance(error, SinergiError) and error.code == "store_empty"
    assert "is empty" in error.render("en") and "kosong" in error.render("id")
    store.close()
