"""The Neo4j test harness gives a real, writable Neo4j server."""

import uuid

import pytest

neo4j = pytest.importorskip("neo4j", reason="the neo4j Python driver is not installed")

from neo4j_harness import neo4j_auth  # noqa: E402


@pytest.fixture(scope="module")
def driver(neo4j_uri):
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=neo4j_auth()) as drv:
        drv.verify_connectivity()
        yield drv


def test_return_one(driver):
    records, _, _ = driver.execute_query("RETURN 1 AS x")
    assert [r["x"] for r in records] == [1]


def test_write_then_read_round_trip(driver):
    tag = f"harness-{uuid.uuid4().hex}"
    try:
        summary = driver.execute_query(
            "CREATE (a:HarnessProbe {tag: $tag, name: 'KPU Temanggung'})"
            "-[:COORDINATES_WITH {since: date('2023-10-05')}]->"
            "(b:HarnessProbe {tag: $tag, name: 'Kesbangpol Temanggung'})",
            tag=tag,
        ).summary
        assert summary.counters.nodes_created == 2
        assert summary.counters.relationships_created == 1

        records, _, _ = driver.execute_query(
            "MATCH (a:HarnessProbe {tag: $tag})-[r:COORDINATES_WITH]->(b:HarnessProbe {tag: $tag}) "
            "RETURN a.name AS a, b.name AS b, toString(r.since) AS since",
            tag=tag,
            routing_=neo4j.RoutingControl.READ,
        )
        assert [(r["a"], r["b"], r["since"]) for r in records] == [
            ("KPU Temanggung", "Kesbangpol Temanggung", "2023-10-05")
        ]
    finally:
        driver.execute_query("MATCH (n:HarnessProbe {tag: $tag}) DETACH DELETE n", tag=tag)


def test_server_is_neo4j_5_26_or_newer(driver):
    records, _, _ = driver.execute_query(
        "CALL dbms.components() YIELD name, versions RETURN name, versions[0] AS version"
    )
    version = records[0]["version"]
    major, minor = (int(p) for p in version.split(".")[:2])
    assert (major, minor) >= (5, 26), version
