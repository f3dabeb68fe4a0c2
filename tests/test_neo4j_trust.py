"""Neo4j with authentication, a read-only database and a server that dies, for real.

The harness starts two more test servers side by side (auth on; one with a
read-only ``neo4j`` database), so the wrong-password and refused-write paths
run against Neo4j itself, not only by code path.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

neo4j = pytest.importorskip("neo4j", reason="the neo4j Python driver is not installed")

from neo4j_harness import SECURED_PASSWORD, Neo4jTestServer  # noqa: E402

from sinergi_graph.models import Actor, CoordinationLink  # noqa: E402
from sinergi_graph.store.errors import Neo4jAuthFailed, Neo4jWriteRefused  # noqa: E402
from sinergi_graph.store.neo4j import Neo4jStore  # noqa: E402

pytestmark = [pytest.mark.neo4j, pytest.mark.trust("neo4j")]


@pytest.fixture(scope="module")
def writable(neo4j_secured: tuple[Neo4jTestServer, Neo4jTestServer]) -> Neo4jTestServer:
    return neo4j_secured[0]


@pytest.fixture(scope="module")
def read_only(neo4j_secured: tuple[Neo4jTestServer, Neo4jTestServer]) -> Neo4jTestServer:
    return neo4j_secured[1]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update({"COLUMNS": "200", "NEO4J_PASSWORD": SECURED_PASSWORD})
    return subprocess.run(
        ["sinergi", "--lang", "en", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_the_right_password_works(writable: Neo4jTestServer) -> None:
    assert writable.uri is not None
    store = Neo4jStore(writable.uri, password=SECURED_PASSWORD)
    store.upsert([Actor(id="pps", kind="PPS", name="PPS Tepus")], [])
    assert store.stats().actors == 1 and not store.is_empty()


def test_a_wrong_password_is_one_clear_line(writable: Neo4jTestServer) -> None:
    assert writable.uri is not None
    for password in ("certainly-not-the-password", None):
        with pytest.raises(Neo4jAuthFailed) as info:
            Neo4jStore(writable.uri, password=password)
        text = info.value.render("en")
        assert "\n" not in text and "NEO4J_PASSWORD" in text and writable.uri in text
    env = {"NEO4J_PASSWORD": "certainly-not-the-password"}
    done = subprocess.run(
        ["sinergi", "--lang", "en", "--neo4j", writable.uri, "stats"],
        capture_output=True,
        text=True,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}, **env},
        timeout=120,
    )
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "rejected the login" in done.stderr and SECURED_PASSWORD not in done.stderr


def test_a_write_on_a_read_only_database_is_refused(read_only: Neo4jTestServer) -> None:
    assert read_only.uri is not None
    store = Neo4jStore(read_only.uri, password=SECURED_PASSWORD)
    assert store.is_empty()  # reading works
    with pytest.raises(Neo4jWriteRefused) as info:
        store.upsert([Actor(id="pps", kind="PPS", name="PPS Tepus")], [])
    assert "\n" not in info.value.render("en")
    assert store.is_empty()
    done = cli("--neo4j", read_only.uri, "demo", "--region", "33.23.01")
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "refused the write" in done.stderr


READER = """
import sys
from sinergi_graph.errors import SinergiError
from sinergi_graph.store.neo4j import Neo4jStore
store = Neo4jStore(sys.argv[1], password=sys.argv[2])
print("ready", flush=True)
sys.stdin.readline()
try:
    for _ in range(1000):
        rows = store.network_rows()
        print("read", len(rows.actors), len(rows.links), flush=True)
except SinergiError as exc:
    print("error", exc.code, exc.render("en"), flush=True)
    sys.exit(1)
"""


@pytest.fixture
def loaded(writable: Neo4jTestServer) -> Iterator[tuple[str, int, int]]:
    assert writable.uri is not None
    store = Neo4jStore(writable.uri, password=SECURED_PASSWORD)
    actors = [Actor(id=f"a{i}", kind="PPS", name=f"PPS {i}", area="33.23") for i in range(5_000)]
    links = [CoordinationLink.create(f"a{i}", f"a{i + 1}", "RAPAT") for i in range(4_999)]
    store.replace_all(actors, links)
    yield writable.uri, len(actors), len(links)


def test_a_server_killed_mid_read_never_gives_part_of_the_network(
    writable: Neo4jTestServer, loaded: tuple[str, int, int]
) -> None:
    # Last in this module: it kills the writable server.
    uri, n_actors, n_links = loaded
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, uri, SECURED_PASSWORD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reader.stdin is not None and reader.stdout is not None
    assert reader.stdout.readline().strip() == "ready"
    reader.stdin.write("go\n")
    reader.stdin.flush()
    first = reader.stdout.readline().split()
    time.sleep(0.05)  # into the next read
    writable.kill()
    out, err = reader.communicate(timeout=60)
    lines = [first, *(line.split() for line in out.splitlines())]
    for line in lines:
        if line[0] == "read":  # every success is the whole network
            assert (int(line[1]), int(line[2])) == (n_actors, n_links), line
    assert lines[-1][:2] == ["error", "neo4j_unreachable"], lines[-1]
    assert reader.returncode == 1
    # Only the one line the user needs: no driver log lines or retry messages.
    assert err.strip() == "", err
