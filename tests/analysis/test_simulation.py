"""Scenarios: incremental gap re-evaluation, store semantics, saving, applying, undo."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sinergi_graph.analysis.simulation import Simulation, simulate
from sinergi_graph.changes import AddActor, AddLink, RemoveActor, RemoveLink, Scenario
from sinergi_graph.errors import SinergiError, UndoConflict
from sinergi_graph.gaps import Reason
from sinergi_graph.graph import build_graph
from sinergi_graph.models import Actor, CoordinationLink, NetworkRows
from sinergi_graph.rules import default_rules
from sinergi_graph.scenarios import (
    apply_scenario,
    compare_scenarios,
    delete_scenario,
    forward_changes,
    journal,
    list_scenarios,
    load_scenario,
    save_scenario,
    undo_last,
)
from sinergi_graph.store.embedded import EmbeddedStore

from .conftest import mini_rows

RULES = default_rules()


def keys(gaps: Any) -> list[tuple[str, str]]:
    return sorted(g.key for g in gaps)


# ------------------------------------------------------------------ hand-checked changes


def test_one_link_closes_one_gap_and_touches_few_pairs(rows: NetworkRows) -> None:
    sim = Simulation(rows, RULES)
    pairs, _ = sim.apply(AddLink(source="ppk01-b", target="DANRAMIL01", type="RAPAT"))
    # PPK01 is the subject of 5 rules; the danramil of none.
    assert pairs == 5
    result = sim.result()
    assert keys(result.closed) == [("ppk-danramil", "PPK01")]
    assert result.opened == () and result.after == result.before - 1


def test_new_counterpart_changes_the_reason(rows: NetworkRows) -> None:
    sim = Simulation(rows, RULES)
    sim.apply(AddActor(id="PKM02", kind="PUSKESMAS", name="Puskesmas Kledung", area="33.23.02"))
    result = sim.result()
    assert result.closed == result.opened == ()
    ((old, new),) = result.changed
    assert (old.reason, new.reason) == (Reason.NO_COUNTERPART, Reason.NO_CONTACT)
    assert new.counterpart_ids == ("PKM02",)


def test_removing_the_kpu(rows: NetworkRows) -> None:
    result = simulate(rows, RULES, Scenario(changes=[RemoveActor(actor_id="KPU")]), metrics=False)
    # Its own gap goes with it (subject removed); every PPK now has no KPU in scope.
    assert keys(result.closed) == [("kpu-kesbangpol", "KPU")]
    assert result.closed[0].subject_id in result.removed_subjects
    assert keys(result.opened) == [("ppk-kpu", "PPK01"), ("ppk-kpu", "PPK02")]
    assert {g.reason for g in result.opened} == {Reason.NO_COUNTERPART}
    doc = result.as_json()
    assert doc["closed"][0]["subject_removed"] is True


def test_a_member_leaving_takes_the_contacts_they_made(rows: NetworkRows) -> None:
    # ppk01-a made the contacts with the KPU (L3) and with PPS2002 (L8).
    sim = Simulation(rows, RULES)
    sim.apply(RemoveActor(actor_id="ppk01-a"))
    result = sim.result()
    assert keys(result.opened) == [("ppk-kpu", "PPK01"), ("pps-ppk", "PPS2002")]
    assert sim.G.nodes["PPK01"]["members"] == ["ppk01-b"]
    assert not sim.G.has_edge("PPK01", "KPU")


def test_an_institution_leaving_frees_its_members_with_their_links(rows: NetworkRows) -> None:
    sim = Simulation(rows, RULES)
    sim.apply(RemoveActor(actor_id="PPK01"))
    G = sim.G
    assert "PPK01" not in G
    # As in the store: the members stay, now on their own, with the links they made.
    assert G.nodes["ppk01-a"]["kind"] == "PERSON"
    assert sorted(G["ppk01-a"]) == ["KPU", "PPS2002"]
    assert sorted(G["ppk01-b"]) == ["KAPOLSEK01"]
    # Links made by the institution itself (L5, L7, L11) are gone.
    assert not G.has_edge("PPS2001", "ppk01-a") and "CAMAT01" not in G["ppk01-a"]
    assert {"ppk01-a", "ppk01-b"}.isdisjoint(G.graph["root"])
    assert keys(sim.gaps()) == keys(sim.full_gaps())


def test_remove_a_link_by_id(rows: NetworkRows) -> None:
    sim = Simulation(rows, RULES)
    sim.apply(RemoveLink(link_id="L11"))
    assert sim.G["PPK01"]["CAMAT01"]["count"] == 1
    assert sim.G["PPK01"]["CAMAT01"]["last_date"] == "2023-01-20"
    sim.apply(RemoveLink(link_id="L5"))
    assert not sim.G.has_edge("PPK01", "CAMAT01")
    assert keys(sim.result().opened) == [("ppk-camat", "PPK01")]


def test_invalid_changes_are_refused(rows: NetworkRows) -> None:
    sim = Simulation(rows, RULES)
    with pytest.raises(SinergiError) as err:
        sim.apply(AddLink(source="PPK01", target="nobody"))
    assert err.value.code == "unknown_actor"
    for change in (
        AddLink(source="PPK01", target="PPK01"),
        RemoveLink(link_id="L999"),
        AddActor(id="KPU", kind="KPU_KAB", name="again"),
        AddActor(id="X", kind="NOT_A_KIND", name="x"),
        AddActor(id="X", kind="PERSON", name="x", member_of="ppk01-a"),
    ):
        with pytest.raises(SinergiError):
            sim.apply(change)


def test_a_link_inside_one_institution_changes_nothing(rows: NetworkRows) -> None:
    sim = Simulation(rows, RULES)
    sim.apply(AddLink(source="ppk01-a", target="ppk01-b"))
    assert sim.result().closed == () and sim.notes


def test_the_original_graph_is_never_touched(rows: NetworkRows) -> None:
    G = build_graph(rows)
    snapshot = _graph_state(G)
    sim = Simulation(rows, RULES, graph=G)
    sim.apply_all(
        [
            AddLink(source="PPS0201", target="PPK02", date=dt.date(2024, 1, 1)),
            RemoveLink(link_id="L11"),
            RemoveActor(actor_id="PPK01"),
            AddActor(id="P9", kind="PERSON", name="Baru", member_of="PPK02"),
            RemoveActor(actor_id="ppk01-a"),
        ]
    )
    sim.result(metrics=True)
    assert _graph_state(G) == snapshot


def test_json_shape_of_design_md(rows: NetworkRows) -> None:
    scenario = Scenario(changes=[AddLink(source="PPS0201", target="KADES0201")])
    doc = json.loads(json.dumps(simulate(rows, RULES, scenario).as_json()))
    assert doc["before"] == {"gaps": 9, "weighted": 22}
    assert doc["after"]["gaps"] == 8
    assert [{k: c[k] for k in ("rule", "subject_id")} for c in doc["closed"]] == [
        {"rule": "pps-kades", "subject_id": "PPS0201"}
    ]
    assert doc["opened"] == []


def test_metrics_side_by_side(rows: NetworkRows) -> None:
    scenario = Scenario(changes=[AddLink(source="PPS2001", target="KPU")])
    m = simulate(rows, RULES, scenario).metrics
    assert m is not None
    # PPK01 stops being the single point of failure of PPS2001 (still of PPS2002).
    exposed = {c.key: (c.before, c.after) for c in m.exposed}
    assert exposed == {"33.23": (4, 2)}
    assert m.spof_resolved == () and m.spof_created == ()
    constraint = {c.key: (c.before, c.after) for c in m.constraint}
    assert constraint["PPS2001"][0] == pytest.approx(0.5)
    assert constraint["PPS2001"][1] < constraint["PPS2001"][0]

    reach = simulate(rows, RULES, Scenario(changes=[AddLink(source="PPS0201", target="PPK02")]))
    assert reach.metrics is not None
    assert [(c.key, c.before, c.after) for c in reach.metrics.reach] == [("33.23.02", 0.5, 1.0)]

    cut = simulate(rows, RULES, Scenario(changes=[RemoveLink(link_id="L9")]))
    assert cut.metrics is not None and cut.metrics.spof_created == ()
    gone = simulate(rows, RULES, Scenario(changes=[RemoveActor(actor_id="PPK01")]))
    assert gone.metrics is not None and gone.metrics.spof_resolved == ("PPK01",)
    # Its member ppk01-a keeps the links they made (to the KPU and PPS2002) and is now
    # the one actor between PPS2002 and the KPU.
    assert gone.metrics.spof_created == ("ppk01-a",)
    assert gone.metrics.articulation_resolved == ("PPK01", "PPS2001")
    assert gone.metrics.articulation_created == ("ppk01-a",)


# ------------------------------------------------------------------ property: incremental == full


def _graph_state(G: nx.Graph) -> tuple[Any, ...]:
    nodes = {
        n: (d["kind"], d["name"], d.get("area"), d["category"], tuple(sorted(d["members"])))
        for n, d in G.nodes(data=True)
    }
    edges = {
        tuple(sorted((u, v))): (
            d["count"],
            d["last_date"],
            d["undated"],
            tuple(sorted(d["types"])),
            tuple(sorted(d["links"])),
        )
        for u, v, d in G.edges(data=True)
    }
    return nodes, edges, dict(sorted(G.graph["root"].items()))


_AREAS = ["33.23", "33.23.01", "33.23.02", "33.23.01.2001", "33.23.01.2002", "33.23.02.2001"]
_KINDS = [
    "PPS",
    "PPK",
    "KADES",
    "LURAH",
    "CAMAT",
    "KAPOLSEK",
    "DANRAMIL",
    "PUSKESMAS",
    "KPU_KAB",
    "KESBANGPOL",
    "POLRES",
    "BAWASLU_KAB",
    "PERSON",
]


@st.composite
def change_sequences(draw: st.DrawFn) -> list[Any]:
    """Valid changes drawn against the evolving network (tracked here, not in the simulation)."""
    actors = {a.id: a for a in mini_rows().actors}
    links = {link.id: link for link in mini_rows().links}
    changes: list[Any] = []
    for step in range(draw(st.integers(1, 12))):
        op = draw(
            st.sampled_from(["add_link", "add_link", "remove_link", "remove_actor", "add_actor"])
        )
        ids = sorted(actors)
        if op == "add_link" and len(ids) >= 2:
            a, b = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            day = draw(st.sampled_from([None, dt.date(2023, 1, 1), dt.date(2024, 12, 17)]))
            change = AddLink(source=a, target=b, type="RAPAT", date=day, topic=f"t{step}")
            links[change.link().id] = change.link()  # type: ignore[assignment]
        elif op == "remove_link" and links:
            link_id = draw(st.sampled_from(sorted(links)))
            change = RemoveLink(link_id=link_id)
            del links[link_id]
        elif op == "remove_actor" and ids:
            x = draw(st.sampled_from(ids))
            change = RemoveActor(actor_id=x)
            del actors[x]
            links = {k: v for k, v in links.items() if x not in (v.source, v.target)}
            actors = {
                k: (a._replace(member_of=None) if getattr(a, "member_of", None) == x else a)
                for k, a in actors.items()
            }
        else:
            kind = draw(st.sampled_from(_KINDS))
            parents = sorted(k for k, a in actors.items() if a.kind not in ("PERSON",))
            member_of = (
                draw(st.sampled_from([None, *parents])) if kind == "PERSON" and parents else None
            )
            new_id = f"N{step}"
            change = AddActor(
                id=new_id,
                kind=kind,
                name=f"Baru {step}",
                area=draw(st.sampled_from(_AREAS)),
                member_of=member_of,
            )
            from sinergi_graph.models import ActorRow

            actors[new_id] = ActorRow(new_id, kind, change.name, change.area, member_of)
        changes.append(change)
    return changes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(change_sequences())
def test_incremental_evaluation_equals_full_evaluation(changes: list[Any]) -> None:
    rows = mini_rows()
    sim = Simulation(rows, RULES, as_of=dt.date(2024, 6, 1))
    for change in changes:
        sim.apply(change)
        # After every single change, not only at the end.
        assert sim.gaps() == sim.full_gaps()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(change_sequences())
def test_applying_to_the_store_gives_the_simulated_graph_and_undo_restores(
    changes: list[Any],
) -> None:
    rows = mini_rows()
    sim = Simulation(rows, RULES)
    sim.apply_all(changes)
    with tempfile.TemporaryDirectory() as tmp:
        store = _store_with(rows, Path(tmp) / "net.db")
        original = _rows_state(store.network_rows())
        apply_scenario(store, Scenario(changes=tuple(changes)))
        assert _graph_state(build_graph(store.network_rows())) == _graph_state(sim.G)
        undone = undo_last(store)
        assert undone is not None and undone.undone_at is not None
        assert _rows_state(store.network_rows()) == original
        assert undo_last(store) is None
        store.close()


def _store_with(rows: NetworkRows, path: Path) -> EmbeddedStore:
    store = EmbeddedStore(path)
    store.upsert(
        [
            Actor(id=a.id, kind=a.kind, name=a.name, area=a.area, member_of=a.member_of)
            for a in rows.actors
        ],
        [
            CoordinationLink(
                id=link.id,
                source=link.source,
                target=link.target,
                type=link.type,
                date=dt.date.fromisoformat(link.date) if link.date else None,
                topic=link.topic,
            )
            for link in rows.links
        ],
    )
    return store


def _rows_state(rows: NetworkRows) -> tuple[Any, ...]:
    return sorted(rows.actors), sorted(rows.links)


# ------------------------------------------------------------------ saved scenarios and the store


@pytest.fixture
def store(rows: NetworkRows, tmp_path: Path) -> Any:
    s = _store_with(rows, tmp_path / "net.db")
    yield s
    s.close()


def test_save_list_show_delete(store: EmbeddedStore) -> None:
    s = Scenario(
        name="sowan", changes=[AddLink(source="PPS0201", target="KADES0201", type="AUDIENSI")]
    )
    assert save_scenario(store, s) == "sowan"
    save_scenario(store, s, name="copy")
    assert list_scenarios(store) == ["copy", "sowan"]
    assert load_scenario(store, "copy") == s.model_copy(update={"name": "copy"})
    assert delete_scenario(store, "copy") and not delete_scenario(store, "copy")
    with pytest.raises(SinergiError) as err:
        load_scenario(store, "copy")
    assert err.value.code == "unknown_scenario"


def test_scenarios_are_strict_and_frozen() -> None:
    with pytest.raises(ValueError):
        Scenario.model_validate({"changes": [{"op": "add_link", "source": "a"}]})
    with pytest.raises(ValueError):
        Scenario.model_validate(
            {"changes": [{"op": "add_link", "source": "a", "target": "b", "x": 1}]}
        )
    s = Scenario(changes=[RemoveActor(actor_id="a")])
    with pytest.raises(ValueError):
        s.changes[0].actor_id = "b"  # type: ignore[misc,union-attr]


def test_compare_scenarios(rows: NetworkRows) -> None:
    a = Scenario(name="a", changes=[AddLink(source="PPS0201", target="KADES0201")])
    b = Scenario(
        name="b",
        changes=[
            AddLink(source="PPS0201", target="KADES0201"),
            AddLink(source="PPS0201", target="PPK02"),
        ],
    )
    cmp = compare_scenarios(rows, RULES, [a, b])
    assert cmp.closed_by_all == (("pps-kades", "PPS0201"),)
    assert cmp.closed_only_by == {"a": (), "b": (("pps-ppk", "PPS0201"),)}
    assert [r["gaps_after"] for r in cmp.rows()] == [8, 7]


def test_apply_is_one_transaction_with_a_journal(store: EmbeddedStore) -> None:
    before = store.revision()
    entry = apply_scenario(
        store,
        Scenario(
            name="x",
            changes=[
                AddLink(source="PPS0201", target="KADES0201"),
                RemoveActor(actor_id="KESBANG"),
            ],
        ),
    )
    assert store.revision() == before + 1  # actors, links and the journal entry together
    assert entry.transactions == 1
    assert [e.seq for e in journal(store)] == [1]
    assert store.get_actor("KESBANG") is None


def test_undo_refuses_when_the_network_changed_since(store: EmbeddedStore) -> None:
    s = Scenario(changes=[AddLink(source="PPS0201", target="KADES0201")])
    apply_scenario(store, s)
    link = forward_changes(s).upsert_links[0]
    store.delete(link_ids=[link.id])
    with pytest.raises(UndoConflict) as err:
        undo_last(store)
    # Named for people: the link's id and its two ends by name.
    assert link.id in err.value.render("en") and "PPS Kledung – Kades Kledung" in err.value.render()
    assert undo_last(store, force=True) is not None


def test_forward_changes_net_effect() -> None:
    s = Scenario(
        changes=[
            AddActor(id="P", kind="PPS", name="p", area="33.23.01.2003"),
            AddActor(id="m", kind="PERSON", name="m", member_of="P"),
            AddLink(source="P", target="KPU"),
            RemoveActor(actor_id="P"),
        ]
    )
    fwd = forward_changes(s)
    assert fwd.delete_actor_ids == ("P",)
    assert [(a.id, a.member_of) for a in fwd.upsert_actors] == [("m", None)]
    assert fwd.upsert_links == ()
