"""The GraphStore contract: the embedded store and Neo4j give the same results.

Every test in the first part runs against both stores (``store`` is
parametrised); Neo4j is a real server (the harness's test server, or
``$NEO4J_URI``), wiped before each test. The second part checks what only
Neo4j has: labels, the area tree, membership edges, batching and errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pytest

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.errors import SinergiError
from sinergi_graph.models import Actor, ChangeSet, CoordinationLink, NetworkStats
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.store.protocol import GraphStore

neo4j = pytest.importorskip("neo4j", reason="the neo4j Python driver is not installed")

from neo4j_harness import neo4j_auth  # noqa: E402

from sinergi_graph.store.neo4j import rows as rows_module  # noqa: E402
from sinergi_graph.store.neo4j import store as store_module  # noqa: E402
from sinergi_graph.store.neo4j.errors import TooLarge  # noqa: E402
from sinergi_graph.store.neo4j.store import Neo4jStore  # noqa: E402

T = TypeVar("T")
D1 = dt.date(2023, 10, 5)
D2 = dt.date(2024, 1, 15)


# --------------------------------------------------------------------------
# fixtures


def open_neo4j(uri: str, **overrides: Any) -> Neo4jStore:
    auth = neo4j_auth()
    options: dict[str, Any] = {
        "user": auth[0] if auth else "neo4j",
        "password": auth[1] if auth else None,
    }
    options.update(overrides)
    return Neo4jStore(uri, **options)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_uri: str) -> Iterator[Any]:
    with neo4j.GraphDatabase.driver(neo4j_uri, auth=neo4j_auth()) as driver:
        yield driver


def wipe(driver: Any) -> None:
    """Empty the test database (constraints and indexes stay, as in real use)."""
    driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture
def neo4j_store(neo4j_uri: str, neo4j_driver: Any) -> Iterator[Neo4jStore]:
    wipe(neo4j_driver)
    store = open_neo4j(neo4j_uri)
    yield store
    store.close()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    if request.param == "embedded":
        embedded = EmbeddedStore(tmp_path / "net.db")
        yield embedded
        embedded.close()
    else:
        yield request.getfixturevalue("neo4j_store")


def actor(id_: str, kind: str, name: str | None = None, **fields: Any) -> Actor:
    return Actor(id=id_, kind=kind, name=name or id_, **fields)


def tepus() -> tuple[list[Actor], list[CoordinationLink]]:
    """Kalurahan Tepus (DIY): a PPS with members, the lurah, the PPK and the panewu."""
    actors = [
        actor("PPS-3403072004", "PPS", "PPS Tepus", area="34.03.07.2004", phone="0274-1"),
        actor(
            "PPS-3403072004-1",
            "PERSON",
            "Sri Lestari",
            member_of="PPS-3403072004",
            email="sri@example.org",
            properties={"jabatan": "Ketua", "nik": "3403074501900001"},
        ),
        actor("PPS-3403072004-2", "PERSON", "Bambang", member_of="PPS-3403072004"),
        actor(
            "LURAH-3403072004",
            "LURAH",
            "Lurah Tepus",
            area="34.03.07.2004",
            note="kalurahan",
            properties={"alamat": "Jl. Tepus–Baron, Gunungkidul"},
        ),
        actor("PPK-340307", "PPK", "PPK Tepus", area="34.03.07"),
        actor("CAMAT-340307", "CAMAT", "Panewu Tepus", area="34.03.07"),
    ]
    links = [
        CoordinationLink.create("PPS-3403072004-1", "LURAH-3403072004", "RAPAT", D1, "DPTb"),
        CoordinationLink.create("PPK-340307", "LURAH-3403072004", "RAPAT", D1, "DPTb"),
        CoordinationLink.create("PPK-340307", "CAMAT-340307", "AUDIENSI", D2, "Sowan"),
        CoordinationLink.create("PPK-340307", "CAMAT-340307", "KOORDINASI", None, None, "by phone"),
    ]
    return actors, links


def snapshot(store: GraphStore) -> tuple[Any, ...]:
    rows = store.network_rows()
    return (
        store.actors(),
        store.links(),
        sorted(rows.actors),
        sorted(rows.links),
        store.stats(),
    )


# --------------------------------------------------------------------------
# the contract, on both stores


def test_empty_store(store: GraphStore) -> None:
    assert store.actors() == [] and store.links() == []
    assert store.stats() == NetworkStats(actors=0, links=0, by_kind={})
    assert store.network_rows()[:2] == ([], [])
    assert store.get_actor("nobody") is None
    assert store.links_of("nobody") == []
    assert store.actor_kinds(["nobody"]) == {}
    assert isinstance(store.revision(), int)
    assert store.location


def test_upsert_then_read_every_field(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    assert store.actors() == sorted(actors, key=lambda a: a.id)
    assert store.links() == sorted(links, key=lambda link: link.id)
    sri = store.get_actor("PPS-3403072004-1")
    assert sri == actors[1]
    assert sri is not None and sri.properties == {"jabatan": "Ketua", "nik": "3403074501900001"}
    lurah = store.get_actor("LURAH-3403072004")
    assert lurah is not None and lurah.properties["alamat"] == "Jl. Tepus–Baron, Gunungkidul"
    assert store.get_actor("PPS-3403072004") == actors[0]


def test_actors_and_links_by_id(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    assert [a.id for a in store.actors(["PPK-340307", "nobody", "CAMAT-340307"])] == [
        "CAMAT-340307",
        "PPK-340307",
    ]
    assert store.actors([]) == []
    wanted = [links[2].id, "Lnothing", links[0].id]
    assert store.links(wanted) == sorted([links[0], links[2]], key=lambda link: link.id)
    assert store.links([]) == []


def test_links_of_both_ends_undated_first(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    assert store.links_of("CAMAT-340307") == [links[3], links[2]]
    assert store.links_of("PPK-340307") == [
        links[3],
        *sorted([links[1]], key=lambda link: link.id),
        links[2],
    ]
    assert store.links_of("LURAH-3403072004") == sorted(links[:2], key=lambda link: link.id)


def test_actor_kinds(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    assert store.actor_kinds(["PPK-340307", "PPS-3403072004-2", "nobody"]) == {
        "PPK-340307": "PPK",
        "PPS-3403072004-2": "PERSON",
    }


def test_network_rows(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    rows = store.network_rows()
    assert sorted(rows.actors) == sorted(
        (a.id, a.kind, a.name, a.area, a.member_of) for a in actors
    )
    assert sorted(rows.links) == sorted(
        (lk.id, lk.source, lk.target, lk.type, lk.date.isoformat() if lk.date else None, lk.topic)
        for lk in links
    )


def test_stats(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    assert store.stats() == NetworkStats(
        actors=6,
        links=4,
        by_kind={"CAMAT": 1, "LURAH": 1, "PERSON": 2, "PPK": 1, "PPS": 1},
    )


def test_parallel_links_between_one_pair_stay_distinct(store: GraphStore) -> None:
    a, b = actor("a", "PPK", area="33.23.01"), actor("b", "CAMAT", area="33.23.01")
    parallel = [
        CoordinationLink.create("a", "b", "RAPAT", D1, "DPT"),
        CoordinationLink.create("a", "b", "RAPAT", D2, "DPT"),
        CoordinationLink.create("b", "a", "RAPAT", D1, "Logistik"),
        CoordinationLink.create("a", "b", "SURAT", D1, "DPT"),
    ]
    store.upsert([a, b], parallel)
    assert len({lk.id for lk in parallel}) == 4
    assert store.stats().links == 4
    assert store.links() == sorted(parallel, key=lambda lk: lk.id)
    assert len(store.network_rows().links) == 4


def test_reupsert_is_idempotent(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    before = snapshot(store)
    store.upsert(actors, links)
    assert snapshot(store) == before


def test_upsert_replaces_every_field_by_id(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    moved = actor("PPS-3403072004-1", "PPS", "Sri (now PPS)", area="34.03.07.2001")
    bare = actor("LURAH-3403072004", "LURAH", "Lurah Tepus")
    relinked = links[0].model_copy(
        update={
            "source": "LURAH-3403072004",
            "target": "PPK-340307",
            "type": "SURAT",
            "date": None,
            "topic": None,
            "note": "surat",
        }
    )
    store.upsert([moved, bare], [relinked])
    assert store.get_actor("PPS-3403072004-1") == moved
    assert store.get_actor("LURAH-3403072004") == bare
    assert store.links([relinked.id]) == [relinked]
    assert store.stats().links == 4
    assert store.actor_kinds(["PPS-3403072004-1"]) == {"PPS-3403072004-1": "PPS"}
    assert ("PPS-3403072004-1", "PPS", "Sri (now PPS)", "34.03.07.2001", None) in (
        store.network_rows().actors
    )


def test_duplicate_ids_in_one_upsert_last_wins(store: GraphStore) -> None:
    first, second = actor("x", "PPS", "first"), actor("x", "PPK", "second")
    link = CoordinationLink(id="L1", source="x", target="x2", type="RAPAT", topic="one")
    again = link.model_copy(update={"topic": "two"})
    store.upsert([first, actor("x2", "CAMAT"), second], [link, again])
    assert store.get_actor("x") == second
    assert store.links() == [again]


def test_members_whose_institution_comes_later(store: GraphStore) -> None:
    member = actor("m1", "PERSON", member_of="pps")
    store.upsert([member], [])
    assert store.get_actor("m1") == member
    store.upsert([actor("pps", "PPS", area="33.23.01.2001")], [])
    assert sorted(store.network_rows().actors) == [
        ("m1", "PERSON", "m1", None, "pps"),
        ("pps", "PPS", "pps", "33.23.01.2001", None),
    ]


def test_delete_actor_removes_its_links_and_clears_membership(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    store.delete(actor_ids=["PPS-3403072004", "LURAH-3403072004", "nobody"])
    assert {a.id for a in store.actors()} == {
        "PPS-3403072004-1",
        "PPS-3403072004-2",
        "PPK-340307",
        "CAMAT-340307",
    }
    assert store.get_actor("PPS-3403072004-1") == actors[1].model_copy(update={"member_of": None})
    assert store.get_actor("PPS-3403072004-2") == actors[2].model_copy(update={"member_of": None})
    assert store.links() == sorted(links[2:], key=lambda link: link.id)
    assert store.stats().links == 2


def test_delete_links_by_id(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    store.delete(link_ids=[links[2].id, "Lnothing"])
    assert store.links() == sorted([links[0], links[1], links[3]], key=lambda lk: lk.id)
    assert len(store.actors()) == 6
    store.delete()
    assert store.stats().links == 3


def test_clear_keeps_documents(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    store.put_document("scenario", "plan-a", '{"add": []}')
    store.clear()
    assert store.stats() == NetworkStats(actors=0, links=0, by_kind={})
    assert store.network_rows()[:2] == ([], [])
    assert store.get_document("scenario", "plan-a") == '{"add": []}'
    store.upsert(actors, links)  # a cleared store takes the same network again
    assert store.stats().links == 4


@pytest.mark.trust("durability")
def test_replace_all_swaps_the_network_in_one_write(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    store.put_document("scenario", "lama", "{}")
    revision = store.revision()
    fresh = [
        actor("KPU-3323", "KPU_KAB", "KPU Temanggung", area="33.23"),
        actor("POLRES-3323", "POLRES", "Polres Temanggung", area="33.23"),
    ]
    link = CoordinationLink.create("KPU-3323", "POLRES-3323", "RAPAT", D2, "Pengamanan")
    store.replace_all(fresh, [link])
    assert store.actors() == fresh and store.links() == [link]
    assert store.revision() != revision and not store.is_empty()
    assert store.list_documents("scenario") == ["lama"]  # documents stay unless given
    store.replace_all(actors, links, documents=[("journal", "001", "x")])
    assert store.actors() == sorted(actors, key=lambda a: a.id)
    assert store.namespaces() == ["journal"]
    store.replace_all([], [])
    assert store.is_empty() and store.get_document("journal", "001") == "x"


@pytest.mark.trust("durability")
def test_a_failing_replace_keeps_the_previous_network(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    before = snapshot(store), store.revision()
    with pytest.raises(RuntimeError):
        store.replace_all(Exploding([actor(f"n{i}", "PPS") for i in range(30)], fail_at=20), [])
    assert (snapshot(store), store.revision()) == before


def test_documents(store: GraphStore) -> None:
    assert store.get_document("scenario", "a") is None
    assert store.list_documents("scenario") == []
    store.put_document("scenario", "b", "second")
    store.put_document("scenario", "a", "first ✓")
    store.put_document("journal", "a", "other namespace")
    assert store.list_documents("scenario") == ["a", "b"]
    assert store.get_document("scenario", "a") == "first ✓"
    store.put_document("scenario", "a", "replaced")
    assert store.get_document("scenario", "a") == "replaced"
    assert store.delete_document("scenario", "a") is True
    assert store.delete_document("scenario", "a") is False
    assert store.list_documents("scenario") == ["b"]
    assert store.get_document("journal", "a") == "other namespace"
    assert store.namespaces() == ["journal", "scenario"]
    store.delete_document("scenario", "b")
    assert store.namespaces() == ["journal"]


def test_revision_changes_on_every_write(store: GraphStore) -> None:
    actors, links = tepus()
    seen = [store.revision()]

    def changed() -> None:
        now = store.revision()
        assert now not in seen
        seen.append(now)

    store.upsert(actors, links)
    changed()
    assert store.revision() == seen[-1]  # reads change nothing
    store.upsert(actors[:1], [])
    changed()
    store.delete(link_ids=[links[0].id])
    changed()
    store.delete(actor_ids=["PPK-340307"])
    changed()
    store.put_document("scenario", "a", "x")
    changed()
    store.delete_document("scenario", "a")
    changed()
    store.clear()
    changed()


def test_apply_changes_deletes_then_upserts_then_saves(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    revision = store.revision()
    again = actor("PPK-340307", "PPK", "PPK Tepus (baru)", area="34.03.07")
    new_link = CoordinationLink.create("PPK-340307", "LURAH-3403072004", "SURAT", D2, "Undangan")
    store.apply_changes(
        ChangeSet(
            delete_link_ids=(links[3].id,),
            delete_actor_ids=("PPK-340307", "PPS-3403072004"),
            upsert_actors=(again,),
            upsert_links=(new_link, links[2].model_copy(update={"note": "dicatat"})),
        ),
        [("journal", "001", '{"undo": []}')],
    )
    assert store.revision() != revision
    assert store.get_actor("PPK-340307") == again
    assert store.get_actor("PPS-3403072004") is None
    assert store.get_actor("PPS-3403072004-1") == actors[1].model_copy(update={"member_of": None})
    # The PPK's old links went with it; the upserted ones came back.
    assert store.links() == sorted(
        [links[0], new_link, links[2].model_copy(update={"note": "dicatat"})],
        key=lambda link: link.id,
    )
    assert store.get_document("journal", "001") == '{"undo": []}'


def test_apply_changes_is_one_transaction(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    before = snapshot(store), store.revision()
    with pytest.raises(RuntimeError):
        store.apply_changes(
            ChangeSet(delete_actor_ids=("PPK-340307",), upsert_actors=(actor("n0", "PPS"),)),
            Exploding([("journal", "001", "x")] * 20, fail_at=10),
        )
    assert (snapshot(store), store.revision()) == before
    assert store.get_document("journal", "001") is None


def test_apply_changes_writes_and_deletes_kegiatan_and_kerja_sama(store: GraphStore) -> None:
    actors, links = tepus()
    old = Activity(id="K-old", date=D1, topic="DPTb", attendees=("PPS-3403072004", "PPK-340307"))
    mou = Agreement(id="MOU-1", title="MoU Pemilu", parties=("PPK-340307", "CAMAT-340307"))
    store.upsert(actors, links, activities=[old], agreements=[mou])
    # An attendee created in the same change set (Neo4j needs the node first).
    guest = actor("PKD-3403072004", "PKD", "PKD Tepus", area="34.03.07.2004")
    rakor = Activity(
        id="K-new",
        date=D2,
        type="RAPAT",
        topic="Rakor DPTb",
        place="Balai Kalurahan",
        area="34.03.07.2004",
        agreement="MOU-2",
        attendees=("LURAH-3403072004", "PKD-3403072004", "PPS-3403072004-1"),
    )
    pks = Agreement(id="MOU-2", title="PKS Sosialisasi", signed=D2, parties=("PKD-3403072004",))
    revision = store.revision()
    store.apply_changes(
        ChangeSet(
            upsert_actors=(guest,),
            delete_activity_ids=("K-old",),
            delete_agreement_ids=("MOU-1",),
            upsert_activities=(rakor,),
            upsert_agreements=(pks,),
        ),
        [("journal", "001", "{}")],
    )
    assert store.revision() != revision
    assert store.activities() == [rakor]
    assert store.agreements() == [pks]
    assert [r.id for r in store.network_rows().activities] == ["K-new"]
    assert store.get_document("journal", "001") == "{}"


def test_apply_changes_replaces_a_kegiatan_and_its_attendance(store: GraphStore) -> None:
    actors, links = tepus()
    first = Activity(id="K1", date=D1, attendees=("PPS-3403072004", "PPK-340307"))
    store.upsert(actors, links, activities=[first])
    moved = first.model_copy(update={"date": D2, "attendees": ("CAMAT-340307", "LURAH-3403072004")})
    store.apply_changes(ChangeSet(upsert_activities=(moved,)))
    assert store.activities() == [moved]
    (row,) = store.network_rows().activities
    assert (row.date, row.attendees) == ("2024-01-15", ("CAMAT-340307", "LURAH-3403072004"))


def test_apply_changes_with_kegiatan_is_one_transaction(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors, links)
    before = snapshot(store), store.activities()
    rakor = Activity(id="K1", date=D1, attendees=("PPS-3403072004", "PPK-340307"))
    with pytest.raises(RuntimeError):
        store.apply_changes(
            ChangeSet(upsert_activities=(rakor,)),
            Exploding([("journal", "001", "x")] * 20, fail_at=10),
        )
    assert (snapshot(store), store.activities()) == before


class Exploding(Sequence[T]):
    """A sequence that fails part-way through being read."""

    def __init__(self, items: list[T], fail_at: int) -> None:
        self._items = items
        self._fail_at = fail_at

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int) and index >= self._fail_at:
            raise RuntimeError("source failed mid-way")
        return self._items[index]

    def __iter__(self) -> Iterator[T]:
        for i, item in enumerate(self._items):
            if i >= self._fail_at:
                raise RuntimeError("source failed mid-way")
            yield item


def test_a_failing_upsert_leaves_the_store_unchanged(store: GraphStore) -> None:
    actors, links = tepus()
    store.upsert(actors[:3], links[:0])
    before = snapshot(store), store.revision()
    batch = [actor(f"new-{i}", "PPS", area="33.23.01.2001") for i in range(50)]
    with pytest.raises(RuntimeError):
        store.upsert(Exploding(batch, fail_at=40), links)
    assert (snapshot(store), store.revision()) == before


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 7 rows, so a small upsert already spans many UNWIND statements."""
    monkeypatch.setattr(rows_module, "BATCH_SIZE", 7)


def test_many_rows_over_many_batches(store: GraphStore, small_batches: None) -> None:
    actors = [actor(f"PPS-{i:03d}", "PPS", area=f"33.23.01.{2001 + i % 5}") for i in range(60)]
    members = [actor(f"M-{i:03d}", "PERSON", member_of=f"PPS-{i % 60:03d}") for i in range(90)]
    links = [
        CoordinationLink.create(f"M-{i:03d}", f"PPS-{(i + 1) % 60:03d}", "RAPAT", D1, f"t{i}")
        for i in range(90)
    ]
    store.upsert(actors + members, links)
    assert store.stats().actors == 150 and store.stats().links == 90
    assert len(store.actors([a.id for a in actors[::2]])) == 30
    assert len(store.links([lk.id for lk in links])) == 90
    assert len(store.actor_kinds(a.id for a in members)) == 90
    store.delete(actor_ids=[a.id for a in actors[:30]])
    assert store.stats().actors == 120
    assert sum(1 for a in store.actors() if a.member_of is None) == 30 + 60
    store.clear()
    assert store.stats().actors == 0


def test_separator_characters_empty_and_absent_values_survive(store: GraphStore) -> None:
    # Neo4j sends new rows as one text per column, joined by \x1f with \x1e for
    # "no value": rows holding those characters take the row-map path instead,
    # and an empty text must stay distinct from an absent one on both paths.
    actors = [
        actor("plain", "PPS", "PPS Tepus", area="34.03.07.2004", phone="", note=None),
        actor("odd\x1fid", "PPS", "name\x1ewith\x1fseparators", area="34.03.07.2004", email=""),
        actor("member", "PERSON", "Sri", member_of="odd\x1fid", note=""),
        actor("member2", "PERSON", "Bambang", member_of="plain", phone="\x1e"),
    ]
    links = [
        CoordinationLink.create("member", "plain", "RAPAT", D1, ""),
        CoordinationLink.create("plain", "odd\x1fid", "SURAT", None, "a\x1fb", "\x1e"),
        CoordinationLink.create("member2", "plain", "RAPAT", None, None, ""),
    ]
    store.upsert(actors, links)
    assert store.actors() == sorted(actors, key=lambda a: a.id)
    assert store.links() == sorted(links, key=lambda link: link.id)
    assert {a.member_of for a in store.actors()} == {None, "odd\x1fid", "plain"}


# --------------------------------------------------------------------------
# Neo4j only: the graph model a Browser user sees, batching and errors


def labels_of(driver: Any, actor_id: str) -> list[str]:
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor {id: $id}) RETURN labels(a) AS labels", id=actor_id
    )
    return sorted(records[0]["labels"])


def test_labels_come_from_the_catalogue(neo4j_store: Neo4jStore, neo4j_driver: Any) -> None:
    neo4j_store.upsert(
        [
            actor("pps", "PPS"),
            actor("odd", "Kepala Desa`) DETACH DELETE n //"),
            actor("own", "MY_OWN_KIND"),
        ],
        [],
    )
    assert labels_of(neo4j_driver, "pps") == ["Actor", "PPS", "Penyelenggara"]
    # Kinds outside the catalogue never become labels: only the kind property holds them.
    assert labels_of(neo4j_driver, "odd") == ["Actor"]
    assert labels_of(neo4j_driver, "own") == ["Actor"]
    assert neo4j_store.actor_kinds(["odd"]) == {"odd": "Kepala Desa`) DETACH DELETE n //"}
    neo4j_store.upsert([actor("pps", "KAPOLSEK")], [])
    assert labels_of(neo4j_driver, "pps") == ["Actor", "KAPOLSEK", "Keamanan"]


def test_area_tree_and_membership_edges(neo4j_store: Neo4jStore, neo4j_driver: Any) -> None:
    actors, links = tepus()
    neo4j_store.upsert(actors, links)
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:Actor {id: 'PPS-3403072004'})-[:LOCATED_IN]->(v:Area)-[:IN*]->(up:Area) "
        "RETURN v.name AS village, v.level AS level, collect(up.code) AS chain"
    )
    assert dict(records[0]) == {
        "village": "Tepus",
        "level": "desa",
        "chain": ["34.03.07", "34.03", "34"],
    }
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (m:Actor)-[:MEMBER_OF]->(:Actor:PPS {id: 'PPS-3403072004'}) RETURN m.id AS id ORDER BY id"
    )
    assert [r["id"] for r in records] == ["PPS-3403072004-1", "PPS-3403072004-2"]
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (:Actor:PPK)-[r:AUDIENSI]->(:Actor:CAMAT) RETURN r.date AS date, r.topic AS topic"
    )
    assert [(r["date"].to_native(), r["topic"]) for r in records] == [(D2, "Sowan")]
    # Moving an actor moves its LOCATED_IN edge; dropping member_of drops MEMBER_OF.
    neo4j_store.upsert(
        [actor("PPS-3403072004-1", "PERSON", "Sri Lestari", area="34.03.07.2001")], []
    )
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a:Actor {id: 'PPS-3403072004-1'}) "
        "RETURN [(a)-[:LOCATED_IN]->(x) | x.code] AS areas, [(a)-[:MEMBER_OF]->(i) | i.id] AS of"
    )
    assert dict(records[0]) == {"areas": ["34.03.07.2001"], "of": []}


def test_links_to_unknown_actors_are_refused(neo4j_store: Neo4jStore) -> None:
    # The embedded store keeps such links; a Neo4j relationship needs both nodes,
    # so Neo4j says so up front and writes nothing (imports never get here: they
    # check every endpoint first).
    neo4j_store.upsert([actor("a", "PPS")], [])
    before = snapshot(neo4j_store), neo4j_store.revision()
    with pytest.raises(SinergiError) as info:
        neo4j_store.upsert(
            [actor("b", "KADES")],
            [CoordinationLink.create("a", "ghost", "RAPAT"), CoordinationLink.create("a", "b")],
        )
    assert info.value.code == "neo4j_write_refused"
    assert "ghost" in info.value.render("en")
    assert (snapshot(neo4j_store), neo4j_store.revision()) == before


def test_unknown_link_type_is_refused(neo4j_store: Neo4jStore) -> None:
    neo4j_store.upsert([actor("a", "PPS"), actor("b", "KADES")], [])
    with pytest.raises(SinergiError) as info:
        neo4j_store.upsert([], [CoordinationLink(id="L1", source="a", target="b", type="GOSSIP")])
    assert info.value.code == "neo4j_write_refused"
    assert neo4j_store.stats().links == 0


def test_a_failure_mid_transaction_rolls_everything_back(
    neo4j_store: Neo4jStore, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    actors, links = tepus()
    neo4j_store.upsert(actors[:2], [])
    before = snapshot(neo4j_store), neo4j_store.revision()
    real_query = store_module.query

    def broken(name: str) -> str:
        # Fails on the server after every actor batch of the upsert has been written.
        broken = ("links_create", "links_create_packed")
        return "RETURN 1/0 AS created" if name in broken else real_query(name)

    monkeypatch.setattr(store_module, "query", broken)
    many = [actor(f"PPS-{i}", "PPS", area="34.03.07.2004") for i in range(40)]
    with pytest.raises(SinergiError) as info:
        neo4j_store.upsert(actors + many, links)
    assert info.value.code == "neo4j_error"
    monkeypatch.setattr(store_module, "query", real_query)
    assert (snapshot(neo4j_store), neo4j_store.revision()) == before


def test_too_large_for_one_transaction_is_written_in_batches(
    neo4j_store: Neo4jStore, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    actors, links = tepus()
    calls: list[str] = []
    real_write = Neo4jStore._write

    def too_large(self: Neo4jStore, work: Callable[..., Any], **options: Any) -> Any:
        if options.get("splittable"):
            calls.append("one transaction refused")
            raise TooLarge("Neo.TransientError.General.MemoryPoolOutOfMemoryError")
        return real_write(self, work, **options)

    monkeypatch.setattr(Neo4jStore, "_write", too_large)
    many = [actor(f"PPS-{i}", "PPS", area="34.03.07.2004") for i in range(40)]
    neo4j_store.upsert(actors + many, links)
    assert calls == ["one transaction refused"]
    assert neo4j_store.stats().actors == 46 and neo4j_store.stats().links == 4
    assert neo4j_store.actors() == sorted(actors + many, key=lambda a: a.id)
    records = neo4j_store.read("meta_read")
    assert records[0]["incomplete"] is None  # finished: the marker is cleared


def test_a_large_import_into_an_empty_store_goes_to_batches_at_once(
    neo4j_store: Neo4jStore,
    neo4j_driver: Any,
    small_batches: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    actors, links = tepus()
    many = [actor(f"PPS-{i}", "PPS", area="34.03.07.2004") for i in range(40)]
    attempts: list[str] = []
    real_write = Neo4jStore._write

    def counted(self: Neo4jStore, work: Callable[..., Any], **options: Any) -> Any:
        attempts.append("one transaction")
        return real_write(self, work, **options)

    monkeypatch.setattr(Neo4jStore, "_write", counted)
    monkeypatch.setattr(store_module, "ONE_TRANSACTION_ROWS", 20)
    neo4j_store.upsert(actors + many, links)
    assert attempts == []  # no doomed attempt at one transaction
    assert neo4j_store.actors() == sorted(actors + many, key=lambda a: a.id)
    assert neo4j_store.links() == sorted(links, key=lambda link: link.id)
    assert neo4j_store.read("meta_read")[0]["incomplete"] is None
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (m:Actor)-[:MEMBER_OF]->(:Actor {id: 'PPS-3403072004'}) RETURN count(m) AS n"
    )
    assert records[0]["n"] == 2
    # Into a store that holds actors, the same upsert is one transaction again.
    neo4j_store.upsert(actors + many, links)
    assert attempts == ["one transaction"]
    assert neo4j_store.actors() == sorted(actors + many, key=lambda a: a.id)


def test_a_clear_too_large_for_one_transaction_runs_batch_by_batch(
    neo4j_store: Neo4jStore, small_batches: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    actors, links = tepus()
    many = [actor(f"PPS-{i}", "PPS", area="34.03.07.2004") for i in range(40)]
    neo4j_store.upsert(actors + many, links)
    real_run = Neo4jStore._run
    batches_in: dict[int, int] = {}
    alive: list[Any] = []

    def limited(self: Neo4jStore, tx: Any, name: str, /, **params: Any) -> Any:
        # Stands in for the server's transaction memory: one batch of deletions per
        # transaction fits, a second one in the same transaction does not.
        if name == "network_clear":
            alive.append(tx)  # kept, so no later transaction gets the same id
            batches_in[id(tx)] = batches_in.get(id(tx), 0) + 1
            if batches_in[id(tx)] > 1:
                raise TooLarge("Neo.TransientError.General.MemoryPoolOutOfMemoryError")
        return real_run(self, tx, name, **params)

    monkeypatch.setattr(Neo4jStore, "_run", limited)
    neo4j_store.clear()
    monkeypatch.setattr(Neo4jStore, "_run", real_run)
    assert neo4j_store.is_empty()
    assert len(batches_in) > 2  # the attempt in one, then one transaction per batch
    assert neo4j_store.read("meta_read")[0]["incomplete"] is None


def test_unreachable_server_is_one_clear_line() -> None:
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(SinergiError) as info:
        Neo4jStore(f"bolt://127.0.0.1:{port}")
    assert info.value.code == "neo4j_unreachable"
    text = info.value.render("en")
    assert "\n" not in text and f"127.0.0.1:{port}" in text and "docker compose" in text


def test_missing_database_is_one_clear_line(neo4j_uri: str) -> None:
    with pytest.raises(SinergiError) as info:
        open_neo4j(neo4j_uri, database="nosuchdb")
    assert info.value.code == "neo4j_database"
    text = info.value.render("en")
    assert "\n" not in text and "nosuchdb" in text and "NEO4J_DATABASE" in text


def test_wrong_password_is_one_clear_line(neo4j_uri: str) -> None:
    if neo4j_auth() is None:
        pytest.skip("the test server runs without authentication; set NEO4J_URI and NEO4J_PASSWORD")
    with pytest.raises(SinergiError) as info:
        open_neo4j(neo4j_uri, password="certainly-not-the-password")
    assert info.value.code == "neo4j_auth"
    assert "\n" not in info.value.render("en")


def test_replace_with_links_to_missing_actors_is_refused(neo4j_store: Neo4jStore) -> None:
    actors, links = tepus()
    neo4j_store.upsert(actors, links)
    before = snapshot(neo4j_store), neo4j_store.revision()
    with pytest.raises(SinergiError) as info:
        neo4j_store.replace_all([actor("a", "PPS")], [CoordinationLink.create("a", "PPK-340307")])
    assert info.value.code == "neo4j_write_refused" and "PPK-340307" in info.value.render("en")
    assert (snapshot(neo4j_store), neo4j_store.revision()) == before


KILLED_REPLACE = """
import os, signal, sys
from sinergi_graph.models import Actor
from sinergi_graph.store.neo4j import Neo4jStore, rows
rows.BATCH_SIZE = 500
store = Neo4jStore(sys.argv[1], password=sys.argv[2] or None)
def killed(done):
    if done >= 1500:  # inside the transaction, after three batches were sent
        os.kill(os.getpid(), signal.SIGKILL)
store.replace_all([Actor(id=f"n{i}", kind="PPS", name=f"PPS {i}") for i in range(5000)], [],
                  progress=killed)
"""


@pytest.mark.trust("neo4j")
def test_a_killed_replace_keeps_the_previous_network(neo4j_store: Neo4jStore) -> None:
    import subprocess
    import sys

    actors, links = tepus()
    neo4j_store.upsert(actors, links)
    before = snapshot(neo4j_store), neo4j_store.revision()
    auth = neo4j_auth()
    done = subprocess.run(
        [sys.executable, "-c", KILLED_REPLACE, neo4j_store.uri, auth[1] if auth else ""],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -9, done.stderr
    # The server rolls the open transaction back when the connection drops.
    assert (snapshot(neo4j_store), neo4j_store.revision()) == before
