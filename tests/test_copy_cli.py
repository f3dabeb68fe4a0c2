"""``sinergi copy`` through the real console script: embedded → Neo4j → embedded is exact."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sinergi_graph.store.embedded import EmbeddedStore

neo4j = pytest.importorskip("neo4j", reason="the neo4j Python driver is not installed")

from neo4j_harness import neo4j_auth  # noqa: E402

DATA = Path(__file__).parent / "data"
Cli = Callable[..., Any]


@pytest.fixture
def neo4j_env(neo4j_uri: str) -> Iterator[dict[str, str]]:
    """Environment for a ``sinergi`` process that talks to the (wiped) test server."""
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=neo4j_auth()) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    env = {"NEO4J_URI": neo4j_uri}
    auth = neo4j_auth()
    if auth:
        env.update(NEO4J_USER=auth[0], NEO4J_PASSWORD=auth[1])
    yield env


def export_json(cli: Cli, *store: str, tmp_path: Path, name: str) -> dict[str, Any]:
    out = tmp_path / f"{name}.json"
    result = cli(*store, "export", "--format", "json", "--show-contacts", "--output", str(out))
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return data


def test_copy_round_trip_is_exact(cli: Cli, neo4j_env: dict[str, str], tmp_path: Path) -> None:
    uri = neo4j_env["NEO4J_URI"]
    source = tmp_path / "source.db"
    # A demo first, then real records beside it (a demo over real records is refused).
    demo = cli("--db", str(source), "demo", "--region", "34.03.07")
    assert demo.returncode == 0, demo.stderr
    imported = cli(
        "--db",
        str(source),
        "import",
        str(DATA / "temanggung_nodes.csv"),
        str(DATA / "temanggung_links.csv"),
    )
    assert imported.returncode == 0, imported.stderr
    store = EmbeddedStore(source)
    store.put_document("scenario", "tambah-kontak", '{"add": ["PPS-3323012002:KADES-3323012002"]}')
    store.put_document("settings", "tema", "gelap ✓")
    store.close()

    there = cli("copy", "--from", str(source), "--to", uri, env=neo4j_env)
    assert there.returncode == 0, there.stderr
    assert "actors" in there.stdout or "aktor" in there.stdout
    back_path = tmp_path / "back.db"
    back = cli("copy", "--from", uri, "--to", str(back_path), env=neo4j_env)
    assert back.returncode == 0, back.stderr

    original = export_json(cli, "--db", str(source), tmp_path=tmp_path, name="original")
    in_neo4j = export_json(cli, "--neo4j", uri, tmp_path=tmp_path, name="neo4j")
    returned = export_json(cli, "--db", str(back_path), tmp_path=tmp_path, name="returned")
    assert len(original["nodes"]) > 50 and len(original["links"]) > 50
    assert in_neo4j == original
    assert returned == original
    member = next(n for n in returned["nodes"] if n["id"] == "PPK-332301-1")
    assert (member["phone"], member["nik"], member["jabatan"]) == (
        "081234567890",
        "3323014501900001",
        "Ketua",
    )
    copied = EmbeddedStore(back_path)
    try:
        assert copied.get_document("settings", "tema") == "gelap ✓"
        assert copied.list_documents("scenario") == ["tambah-kontak"]
    finally:
        copied.close()

    stats = [
        cli(*where, "stats", "--format", "json", env=neo4j_env)
        for where in (("--db", str(source)), ("--neo4j", uri))
    ]
    assert json.loads(stats[0].stdout) == json.loads(stats[1].stdout)
    gaps = [
        cli(*where, "gaps", "--format", "json", env=neo4j_env)
        for where in (("--db", str(source)), ("--neo4j", uri))
    ]
    assert gaps[0].returncode == 0 and json.loads(gaps[0].stdout) == json.loads(gaps[1].stdout)


def test_copy_refuses_a_non_empty_target_unless_replace(
    cli: Cli, neo4j_env: dict[str, str], tmp_path: Path
) -> None:
    uri = neo4j_env["NEO4J_URI"]
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    assert cli("--db", str(first), "demo", "--region", "34.03.07").returncode == 0
    assert cli("--db", str(second), "import", str(DATA / "temanggung_nodes.csv")).returncode == 0
    assert cli("copy", "--from", str(first), "--to", uri, env=neo4j_env).returncode == 0

    refused = cli("--lang", "en", "copy", "--from", str(second), "--to", uri, env=neo4j_env)
    assert refused.returncode != 0
    assert "--replace" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1

    replaced = cli("copy", "--from", str(second), "--to", uri, "--replace", env=neo4j_env)
    assert replaced.returncode == 0, replaced.stderr
    assert export_json(cli, "--neo4j", uri, tmp_path=tmp_path, name="n") == export_json(
        cli, "--db", str(second), tmp_path=tmp_path, name="s"
    )


def test_copy_from_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.db"
    result = cli("copy", "--from", str(missing), "--to", str(tmp_path / "x.db"))
    assert result.returncode == 1
    assert str(missing) in result.stderr and not missing.exists()


def one_line(result: Any) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1, result.stderr
    assert len(lines) == 1, result.stderr
    line: str = lines[0]
    assert line.startswith("sinergi: ") and "Traceback" not in result.stderr
    return line


def test_unreachable_server_is_one_line(cli: Cli) -> None:
    with socket.socket() as sock:  # bound but not listening: connections are refused
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        uri = f"bolt://127.0.0.1:{port}"
        line = one_line(cli("--lang", "en", "--neo4j", uri, "stats", env={"NEO4J_URI": uri}))
    assert f"127.0.0.1:{port}" in line and "docker compose up -d --wait" in line


def test_missing_database_is_one_line(cli: Cli, neo4j_env: dict[str, str]) -> None:
    env = {**neo4j_env, "NEO4J_DATABASE": "nosuchdb"}
    line = one_line(cli("--lang", "en", "stats", env=env))
    assert "nosuchdb" in line and "NEO4J_DATABASE" in line


def test_wrong_password_is_one_line(cli: Cli, neo4j_env: dict[str, str]) -> None:
    if "NEO4J_PASSWORD" not in neo4j_env:
        pytest.skip("the test server runs without authentication; set NEO4J_URI and NEO4J_PASSWORD")
    env = {**neo4j_env, "NEO4J_PASSWORD": "certainly-not-the-password"}
    line = one_line(cli("--lang", "en", "stats", env=env))
    assert "NEO4J_PASSWORD" in line


def test_neo4j_settings_come_from_the_environment(cli: Cli, neo4j_env: dict[str, str]) -> None:
    # `sinergi demo` with only NEO4J_URI set writes to Neo4j, as the README says.
    result = cli("demo", "--region", "34.03.07", env=neo4j_env)
    assert result.returncode == 0, result.stderr
    stats = json.loads(cli("stats", "--format", "json", env=neo4j_env).stdout)
    assert stats["by_kind"]["PPS"] == 5
