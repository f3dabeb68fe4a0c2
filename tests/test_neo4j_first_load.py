"""A large upsert into an empty Neo4j database builds the link indexes after the load.

Real server (the harness's, or ``$NEO4J_URI``, wiped first). The threshold
(:data:`~sinergi_graph.store.neo4j.first_load.DEFER_ROWS`) is lowered so a
small network takes the first-load path; what is checked is what a user
relies on: the same network as without it, every schema object of
``schema.cypher`` back and online afterwards (also after a failed load, which
leaves the database empty), and a duplicate link id refused loudly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest

from sinergi_graph.errors import SinergiError
from sinergi_graph.models import Actor, CoordinationLink
from sinergi_graph.store import cypher

neo4j = pytest.importorskip("neo4j", reason="the neo4j Python driver is not installed")

from neo4j_harness import neo4j_auth  # noqa: E402

from sinergi_graph.store.neo4j import first_load  # noqa: E402
from sinergi_graph.store.neo4j import rows as rows_module  # noqa: E402
from sinergi_graph.store.neo4j import store as store_module  # noqa: E402
from sinergi_graph.store.neo4j.store import Neo4jStore  # noqa: E402

D1 = dt.date(2024, 3, 1)
_NAME = re.compile(r"^(?:CREATE|DROP) (?:CONSTRAINT|INDEX) (\w+)")


def schema_names(name: str) -> list[str]:
    """The names of the constraints and indexes a schema file creates or drops."""
    found = [_NAME.match(s) for s in cypher.statements(name)]
    assert all(found), name
    return [m.group(1) for m in found if m]


def test_every_deferred_object_is_created_again_by_the_schema() -> None:
    deferred = schema_names("schema_deferred_drop")
    created = schema_names("schema")
    assert deferred and set(deferred) <= set(created)
    # The load finds actors by id and areas by code: those stay.
    assert "sinergi_actor_id" not in deferred and "sinergi_area_code" not in deferred
    assert len([n for n in deferred if n.startswith("sinergi_link_")]) == 9


@pytest.fixture
def driver(neo4j_uri: str) -> Iterator[Any]:
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=neo4j_auth()) as drv:
        drv.execute_query("MATCH (n) DETACH DELETE n")
        yield drv


@pytest.fixture
def store(neo4j_uri: str, driver: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Neo4jStore]:
    monkeypatch.setattr(first_load, "DEFER_ROWS", 20)
    monkeypatch.setattr(rows_module, "BATCH_SIZE", 7)  # many statements per kind
    auth = neo4j_auth()
    opened = Neo4jStore(
        neo4j_uri, user=auth[0] if auth else "neo4j", password=auth[1] if auth else None
    )
    yield opened
    opened.close()


def network() -> tuple[list[Actor], list[CoordinationLink]]:
    ppk = [Actor(id=f"PPK-{i}", kind="PPK", name=f"PPK {i}", area="33.23.01") for i in range(5)]
    pps = [
        Actor(id=f"PPS-{i}", kind="PPS", name=f"PPS {i}", area=f"33.23.01.{2001 + i % 4}")
        for i in range(20)
    ]
    people = [
        Actor(id=f"P-{i}", kind="PERSON", name=f"Orang {i}", member_of=f"PPS-{i % 20}")
        for i in range(15)
    ]
    links = [
        CoordinationLink.create(f"PPS-{i}", f"PPK-{i % 5}", ("RAPAT", "BIMTEK")[i % 2], D1, f"t{i}")
        for i in range(20)
    ]
    return ppk + pps + people, links


def online_schema(driver: Any) -> set[str]:
    constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN name")
    indexes, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name"
    )
    return {r["name"] for r in constraints} | {r["name"] for r in indexes}


def watch_links(monkeypatch: pytest.MonkeyPatch, driver: Any, seen: list[set[str]]) -> None:
    """Record the schema the server has while the links are being created."""
    real_run = Neo4jStore._run

    def run(self: Neo4jStore, tx: Any, name: str, /, **params: Any) -> Any:
        if name.startswith("links_create") and not seen:
            seen.append(online_schema(driver))
        return real_run(self, tx, name, **params)

    monkeypatch.setattr(Neo4jStore, "_run", run)


@pytest.mark.parametrize("batched", [False, True], ids=["one transaction", "batches"])
def test_a_first_load_builds_the_link_indexes_after_the_rows(
    store: Neo4jStore,
    driver: Any,
    monkeypatch: pytest.MonkeyPatch,
    batched: bool,
) -> None:
    if batched:
        monkeypatch.setattr(store_module, "ONE_TRANSACTION_ROWS", 20)
    actors, links = network()
    seen: list[set[str]] = []
    watch_links(monkeypatch, driver, seen)
    store.upsert(actors, links)
    deferred = set(schema_names("schema_deferred_drop"))
    assert seen and not seen[0] & deferred  # absent during the load
    assert {"sinergi_actor_id", "sinergi_area_code"} <= seen[0]
    assert set(schema_names("schema")) <= online_schema(driver)  # all back, online
    assert store.timings["schema after load"] > 0
    assert store.actors() == sorted(actors, key=lambda a: a.id)
    assert store.links() == sorted(links, key=lambda link: link.id)
    assert store.read("meta_read")[0]["incomplete"] is None
    # The constraints hold again: a second link with a stored id is refused.
    with pytest.raises(neo4j.exceptions.ConstraintError):
        driver.execute_query(
            "MATCH (a:Actor {id: 'PPS-0'}), (b:Actor {id: 'PPS-1'}) CREATE (a)-[:RAPAT {id: $id}]->(b)",
            id=links[0].id,
        )


def test_a_small_upsert_keeps_the_indexes(
    store: Neo4jStore, driver: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_load, "DEFER_ROWS", 10_000)
    actors, links = network()
    seen: list[set[str]] = []
    watch_links(monkeypatch, driver, seen)
    store.upsert(actors, links)
    assert set(schema_names("schema")) <= seen[0]
    assert "schema after load" not in store.timings


def test_a_failed_first_load_leaves_the_database_empty_with_its_schema(
    store: Neo4jStore, driver: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_run = Neo4jStore._run

    def failing(self: Neo4jStore, tx: Any, name: str, /, **params: Any) -> Any:
        if name.startswith("links_create"):
            raise RuntimeError("the client died mid-import")
        return real_run(self, tx, name, **params)

    monkeypatch.setattr(Neo4jStore, "_run", failing)
    actors, links = network()
    with pytest.raises(RuntimeError, match="mid-import"):
        store.upsert(actors, links)
    monkeypatch.setattr(Neo4jStore, "_run", real_run)
    assert store.is_empty()
    assert set(schema_names("schema")) <= online_schema(driver)
    # And the same import, run again, is complete.
    store.upsert(actors, links)
    assert store.stats().actors == len(actors) and store.stats().links == len(links)


def test_a_duplicate_link_id_makes_the_load_fail_loudly(
    store: Neo4jStore, driver: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    actors, links = network()
    real_run = Neo4jStore._run

    def duplicating(self: Neo4jStore, tx: Any, name: str, /, **params: Any) -> Any:
        record = real_run(self, tx, name, **params)
        if name.startswith("links_create"):
            # What validation rules out: a second RAPAT link with a stored id.
            tx.run(
                "MATCH (a:Actor {id: 'PPS-2'}), (b:Actor {id: 'PPS-3'}) "
                "CREATE (a)-[:RAPAT {id: $id}]->(b)",
                id=links[0].id,
            ).consume()
        return record

    monkeypatch.setattr(Neo4jStore, "_run", duplicating)
    with pytest.raises(SinergiError) as info:
        store.upsert(actors, links)
    assert "sinergi_link_rapat" in info.value.render("en") or "already exists" in str(
        info.value.render("en")
    )
    assert "sinergi_link_rapat" not in online_schema(driver)
