"""The offline first load: files for ``neo4j-admin database import full``.

The files are imported with the real import tool from the test server's
Maven jars (``org.neo4j.cli.AdminTool``, the class behind ``neo4j-admin``),
a server is started on the imported database, and sinergi reads back exactly
the network it wrote; the embedded store given the same rows is the yardstick.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("neo4j", reason="the neo4j Python driver is not installed")

import neo4j_harness as harness

from sinergi_graph.errors import SinergiError
from sinergi_graph.models import Actor, CoordinationLink
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.store.neo4j import Neo4jStore
from sinergi_graph.store.neo4j.admin_import import (
    SCHEMA_FILE,
    import_command,
    write_admin_import,
)

D1 = dt.date(2023, 10, 5)


def network() -> tuple[list[Actor], list[CoordinationLink]]:
    """Values that CSV gets wrong when quoting is careless."""
    actors = [
        Actor(id="PPS-1", kind="PPS", name='PPS "Tepus", Gunungkidul', area="34.03.07.2004"),
        Actor(
            id="PPS-1-1",
            kind="PERSON",
            name="Sri",
            member_of="PPS-1",
            phone="",
            note="baris satu\nbaris dua",
            properties={"jabatan": "Ketua; PPS"},
        ),
        Actor(
            id="LURAH-1",
            kind="LURAH",
            name="Lurah Tepus",
            area="34.03.07.2004",
            email="lurah@example.org",
        ),
        Actor(id="odd", kind="Kepala Desa`) DETACH DELETE n //", name="Odd, kind"),
        Actor(id="orphan", kind="PERSON", name="Orphan", member_of="nobody-yet"),
    ]
    links = [
        CoordinationLink.create("PPS-1-1", "LURAH-1", "RAPAT", D1, 'DPTb "tambahan"'),
        CoordinationLink.create("PPS-1", "LURAH-1", "KOORDINASI", None, None, "per telepon,\nlalu"),
        CoordinationLink.create("odd", "PPS-1", "SURAT"),
    ]
    return actors, links


def test_files_have_headers_and_one_line_per_record(tmp_path: Path) -> None:
    actors, links = network()
    files = write_admin_import(actors, links, tmp_path / "out")
    assert (files.actors, files.links, files.memberships) == (5, 3, 1)  # orphan: no edge
    # 34, 34.03, 34.03.07, 34.03.07.2004
    assert files.areas == 4
    header = (tmp_path / "out" / "actors_header.csv").read_text("utf-8")
    assert header.startswith("id:ID(Actor),kind,name,") and header.rstrip().endswith(":LABEL")
    assert (tmp_path / "out" / SCHEMA_FILE).read_text("utf-8").count("CREATE CONSTRAINT") >= 4
    lines = (tmp_path / "out" / "actors.csv").read_text("utf-8")
    assert '"PPS ""Tepus"", Gunungkidul"' in lines
    # An empty text stays quoted (a value), an absent one is an empty field.
    assert ',"",' in lines
    assert ',"Actor;Penyelenggara;PPS"\n' in lines and ',"Actor"\n' in lines
    command = import_command(files, root="/import")
    assert command[:4] == ["neo4j-admin", "database", "import", "full"]
    assert "--nodes=/import/actors_header.csv,/import/actors.csv" in command
    assert command[-1] == "neo4j"


def test_links_to_unknown_actors_are_refused(tmp_path: Path) -> None:
    actors, links = network()
    with pytest.raises(SinergiError) as info:
        write_admin_import(actors[:2], links, tmp_path / "out")
    assert info.value.code == "neo4j_write_refused" and "LURAH-1" in info.value.render("en")


def test_neo4j_files_command_writes_the_files_and_says_how_to_load_them(
    cli: Any, tmp_path: Path
) -> None:
    db, out = str(tmp_path / "net.db"), tmp_path / "neo4j-import"
    assert cli("--db", db, "demo", "--region", "34.03.07").returncode == 0
    done = cli("--db", db, "neo4j-files", "--output", str(out))
    assert done.returncode == 0, done.stderr
    stats = EmbeddedStore(tmp_path / "net.db", read_only=True).stats()
    lines = (out / "actors.csv").read_text("utf-8").count("\n")
    assert lines == stats.actors and (out / "links.csv").read_text("utf-8").count("\n") >= 1
    assert f"Ditulis {stats.actors} aktor" in done.stdout
    assert "neo4j-admin database import full" in done.stdout
    assert "--nodes=/import/actors_header.csv,/import/actors.csv" in done.stdout
    assert "cypher-shell" in done.stdout and "/import/schema.cypher" in done.stdout
    # Files already there are kept unless --force; English on request.
    again = cli("--db", db, "--lang", "en", "neo4j-files", "--output", str(out))
    assert again.returncode != 0 and "\n" not in again.stderr.strip()
    forced = cli("--db", db, "--lang", "en", "neo4j-files", "--output", str(out), "--force")
    assert forced.returncode == 0 and f"Wrote {stats.actors} actors" in forced.stdout


def test_neo4j_files_on_an_empty_store_is_refused(cli: Any, tmp_path: Path) -> None:
    missing = cli("--db", str(tmp_path / "none.db"), "neo4j-files", "--output", str(tmp_path / "o"))
    assert missing.returncode != 0 and not (tmp_path / "o").exists()


# --------------------------------------------------------------------------
# the real import tool


def rows(store: EmbeddedStore | Neo4jStore) -> tuple[list[object], list[object]]:
    """The network rows the graph is built from, in a stable order."""
    network = store.network_rows()
    return sorted(network.actors), sorted(network.links)


def _tools_or_skip() -> None:
    missing = harness.missing_tools()
    if missing:
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"missing on PATH: {', '.join(missing)}")
        pytest.skip(f"missing on PATH: {', '.join(missing)}")


def _admin_import(files_args: list[str], home: Path) -> None:
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").touch()
    java = harness.build_server("512m")
    command = [*java[:-1], "org.neo4j.cli.AdminTool", *files_args]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    # neo4j-admin leaves its import.report in the working directory: keep it in home.
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, cwd=home)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "IMPORT DONE" in done.stdout


def _start_server(home: Path, log: Path, procs: list[subprocess.Popen[bytes]]) -> str:
    port = harness._free_port()
    proc = subprocess.Popen(
        [*harness.build_server(), str(port), str(home), "256", "-", "false"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log.open("wb"),
    )
    procs.append(proc)
    assert proc.stdout is not None
    line = proc.stdout.readline().decode().strip()
    assert line.startswith("READY "), log.read_text(errors="replace")[-2000:]
    return line.split(" ", 1)[1]


@pytest.fixture
def procs() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for proc in started:
        if proc.stdin:
            proc.stdin.close()  # the launcher shuts Neo4j down when its stdin closes
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.neo4j
def test_neo4j_admin_imports_the_files_and_sinergi_reads_the_same_network(
    tmp_path: Path, procs: list[subprocess.Popen[bytes]]
) -> None:
    _tools_or_skip()
    actors, links = network()
    files = write_admin_import(actors, links, tmp_path / "files")
    home = tmp_path / "home"
    _admin_import(import_command(files)[1:], home)
    uri = _start_server(home, tmp_path / "server.log", procs)

    expected = EmbeddedStore(tmp_path / "net.db")
    expected.upsert(actors, links)
    store = Neo4jStore(uri)
    assert store.actors() == expected.actors()
    assert store.links() == expected.links()
    assert rows(store) == rows(expected)
    assert store.stats() == expected.stats()
    assert store.revision() == 1  # the meta node is there: sinergi sees a written store

    # The first write creates the constraints, then the orphan's institution arrives.
    store.upsert([Actor(id="nobody-yet", kind="PPS", name="PPS baru", area="34.03.07.2004")], [])
    expected.upsert([Actor(id="nobody-yet", kind="PPS", name="PPS baru", area="34.03.07.2004")], [])
    assert rows(store) == rows(expected)
    import neo4j

    with neo4j.GraphDatabase.driver(uri) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (a:Actor)-[:MEMBER_OF]->(i:Actor) RETURN a.id AS a, i.id AS i ORDER BY a"
        )
        assert [(r["a"], r["i"]) for r in records] == [
            ("PPS-1-1", "PPS-1"),
            ("orphan", "nobody-yet"),
        ]
        records, _, _ = driver.execute_query(
            "MATCH (:Actor {id: 'PPS-1'})-[:LOCATED_IN]->(v:Area)-[:IN*]->(up:Area) "
            "RETURN v.level AS level, collect(up.code) AS chain"
        )
        assert dict(records[0]) == {"level": "desa", "chain": ["34.03.07", "34.03", "34"]}
        records, _, _ = driver.execute_query(
            "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS n"
        )
        assert "sinergi_actor_id" in records[0]["n"]
    expected.close()
