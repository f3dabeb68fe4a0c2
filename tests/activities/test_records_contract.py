"""The GraphStore contract for kegiatan and kerja sama, on the embedded store and on Neo4j.

Uses the contract suite's own parametrised ``store`` fixture (brought in by
``conftest.py``; a real Neo4j test server for the Neo4j half), so both stores
give the same results.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.models import Actor, CoordinationLink
from sinergi_graph.store.embedded import SCHEMA_VERSION, EmbeddedStore
from sinergi_graph.store.errors import Neo4jWriteRefused
from sinergi_graph.store.protocol import GraphStore

D1 = dt.date(2023, 10, 5)

ACTORS = [
    Actor(id="pps", kind="PPS", name="PPS Tepus", area="34.03.07.2004"),
    Actor(id="sri", kind="PERSON", name="Sri", member_of="pps"),
    Actor(id="lurah", kind="LURAH", name="Lurah Tepus", area="34.03.07.2004"),
    Actor(id="ppk", kind="PPK", name="PPK Tepus", area="34.03.07"),
]
MOU = Agreement(
    id="M1",
    title="Pemutakhiran data",
    number="01/2023",
    parties=("ppk", "lurah"),
    signed=dt.date(2023, 1, 2),
    expires=dt.date(2025, 1, 2),
    note="catatan",
)
RAKOR = Activity(
    id="K1",
    date=D1,
    type="RAPAT",
    topic="DPTb",
    place="Balai Kalurahan Tepus",
    area="34.03.07.2004",
    agreement="M1",
    note="n",
    attendees=("sri", "lurah", "ppk"),
)


def fill(store: GraphStore) -> None:
    store.upsert(ACTORS, [], activities=[RAKOR], agreements=[MOU])


def test_records_round_trip_with_order(store: GraphStore) -> None:
    fill(store)
    assert store.activities() == [RAKOR]
    assert store.agreements() == [MOU]
    assert store.activities(["K1", "nope"]) == [RAKOR]
    assert store.agreements(["nope"]) == []
    rows = store.network_rows()
    assert [tuple(r) for r in rows.activities] == [
        ("K1", "RAPAT", "2023-10-05", "DPTb", ("sri", "lurah", "ppk"))
    ]


def test_upsert_replaces_attendees_and_parties(store: GraphStore) -> None:
    fill(store)
    before = store.revision()
    fewer = RAKOR.model_copy(update={"attendees": ("ppk",), "topic": None, "place": None})
    store.upsert([], [], activities=[fewer], agreements=[MOU.model_copy(update={"parties": ()})])
    assert store.activities() == [fewer]
    assert store.agreements()[0].parties == ()
    assert store.revision() != before


def test_deleting_an_actor_removes_its_attendance(store: GraphStore) -> None:
    fill(store)
    store.delete(actor_ids=["lurah"])
    assert store.activities()[0].attendees == ("sri", "ppk")
    assert store.agreements()[0].parties == ("ppk",)


def test_delete_records(store: GraphStore) -> None:
    fill(store)
    store.delete_records(agreement_ids=["M1"])
    assert store.agreements() == []
    assert store.activities()[0].agreement is None  # the follow-up stays, without it
    store.delete_records(activity_ids=["K1"])
    assert store.activities() == [] and store.network_rows().activities == []
    assert len(store.actors()) == 4


def test_clear_and_replace_remove_records(store: GraphStore) -> None:
    fill(store)
    store.replace_all(ACTORS, [CoordinationLink.create("pps", "lurah")])
    assert store.activities() == [] and store.agreements() == []
    fill(store)
    store.clear()
    assert store.activities() == [] and store.agreements() == []


def test_neo4j_refuses_an_unknown_attendee_and_writes_nothing(neo4j_store: GraphStore) -> None:
    neo4j_store.upsert(ACTORS, [])
    ghost = RAKOR.model_copy(update={"attendees": ("ghost",), "agreement": None})
    with pytest.raises(Neo4jWriteRefused) as info:
        neo4j_store.upsert([], [], activities=[ghost])
    assert "ghost" in info.value.render("en")
    assert neo4j_store.activities() == []


def test_a_version_1_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    EmbeddedStore(path).close()
    conn = sqlite3.connect(path)
    for table in ("attendance", "activities", "agreement_parties", "agreements"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    reader = EmbeddedStore(path, read_only=True)
    assert reader.activities() == [] and reader.network_rows().activities == []
    reader.close()
    writer = EmbeddedStore(path)
    fill(writer)
    assert writer.activities() == [RAKOR]
    writer.close()
    conn = sqlite3.connect(path)
    (version,) = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    conn.close()
    assert int(version) == SCHEMA_VERSION == 2


def test_cypher_gaps_count_kegiatan_like_find_gaps(neo4j_store: GraphStore) -> None:
    from sinergi_graph.gaps import find_gaps
    from sinergi_graph.graph import graph_from_store
    from sinergi_graph.rules import default_rules
    from sinergi_graph.store.neo4j.gaps import find_gaps_in_neo4j

    neo4j_store.upsert(
        ACTORS,
        [CoordinationLink.create("pps", "lurah", "RAPAT", dt.date(2023, 1, 20))],
        activities=[
            RAKOR.model_copy(update={"agreement": None}),
            Activity(id="K0", date=dt.date(2023, 1, 20), attendees=("lurah", "sri")),
        ],
    )
    rules = default_rules()
    for as_of in (dt.date(2023, 2, 1), dt.date(2023, 11, 1), dt.date(2024, 6, 1)):
        expected = find_gaps(graph_from_store(neo4j_store, as_of=as_of), rules, as_of=as_of)
        assert find_gaps_in_neo4j(neo4j_store, rules, as_of=as_of) == expected  # type: ignore[arg-type]
    # The rakor of 2023-10-05 closed pps-ppk; without the January contacts, pps-kades
    # misses its deadline and is stale, the rakor named as its last contact.
    day = dt.date(2023, 11, 1)
    neo4j_store.delete(link_ids=[link.id for link in neo4j_store.links()])
    neo4j_store.delete_records(activity_ids=["K0"])
    gaps = {g.key: g for g in find_gaps_in_neo4j(neo4j_store, rules, as_of=day)}  # type: ignore[arg-type]
    assert ("pps-ppk", "pps") not in gaps
    assert (gaps[("pps-kades", "pps")].reason, gaps[("pps-kades", "pps")].via) == ("stale", "K1")
    assert list(gaps.values()) == find_gaps(
        graph_from_store(neo4j_store, as_of=day), rules, as_of=day
    )


def test_replace_all_carries_records(store: GraphStore) -> None:
    store.upsert(ACTORS, [])
    store.replace_all(ACTORS, [], activities=[RAKOR], agreements=[MOU])
    assert store.activities() == [RAKOR] and store.agreements() == [MOU]


def test_copy_carries_kegiatan_and_kerja_sama(tmp_path: Path, cli: object) -> None:
    source = EmbeddedStore(tmp_path / "a.db")
    fill(source)
    source.close()
    target = tmp_path / "b.db"
    done = cli("copy", "--from", str(tmp_path / "a.db"), "--to", str(target))  # type: ignore[operator]
    assert done.returncode == 0, done.stderr
    copied = EmbeddedStore(target, read_only=True)
    assert copied.activities() == [RAKOR] and copied.agreements() == [MOU]
    copied.close()
