"""Refreshing a loaded network after a write equals reloading it (sinergi_graph.live).

Random sequences of applies, undos and edits go through a real embedded store
(the journal's own change sets, as the TUI would pass them); after every step
the refreshed network, graph and gap list must equal a full reload.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from sinergi_graph.analysis.simulation import Simulation
from sinergi_graph.analysis.simulation_results import severity_weight, total_weight
from sinergi_graph.changes import AddActor, AddLink, Change, RemoveActor, RemoveLink, Scenario
from sinergi_graph.errors import UndoConflict
from sinergi_graph.gaps import CounterpartIndex, find_gaps
from sinergi_graph.graph import build_graph
from sinergi_graph.live import LiveNetwork, load_live, refresh, refresh_incremental
from sinergi_graph.models import (
    ActivityRow,
    Actor,
    ActorRow,
    ChangeSet,
    CoordinationLink,
    NetworkRows,
)
from sinergi_graph.rules import default_rules
from sinergi_graph.scenarios import apply_scenario, record_edit, undo_last
from sinergi_graph.store.embedded import EmbeddedStore

from .conftest import mini_rows

RULES = default_rules()
AS_OF = dt.date(2024, 6, 1)
AREAS = ["33.23", "33.23.01", "33.23.02", "33.23.01.2001", "33.23.01.2002", "33.23.02.2001"]
INSTITUTIONS = ["PPS", "PPK", "KADES", "LURAH", "CAMAT", "KAPOLSEK", "DANRAMIL", "PUSKESMAS"]
DAYS = [None, dt.date(2023, 1, 1), dt.date(2024, 3, 1), dt.date(2024, 12, 17)]


def graph_state(G: nx.Graph) -> tuple[Any, ...]:
    """The graph as a value; the order inside member and link lists carries no meaning."""
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
            tuple(sorted(d["dates"])),
        )
        for u, v, d in G.edges(data=True)
    }
    return nodes, edges, dict(sorted(G.graph["root"].items()))


def live_state(live: LiveNetwork) -> tuple[Any, ...]:
    """Rows in the store's order, the graph with every edge attribute as a full build has it."""
    edges = {
        tuple(sorted((u, v))): {**d, "types": sorted(d["types"])}
        for u, v, d in live.graph.edges(data=True)
    }
    return (
        list(live.rows.actors),
        list(live.rows.links),
        graph_state(live.graph),
        edges,
        list(live.gaps),
    )


def assert_changes_named(old: LiveNetwork, new: LiveNetwork) -> None:
    """Every node and actor that differs between ``old`` and ``new`` is named as changed."""
    assert new.changed_nodes is not None and new.changed_actors is not None
    nodes_before, _, _ = graph_state(old.graph)
    nodes_after, _, _ = graph_state(new.graph)
    for n in set(nodes_before) | set(nodes_after):
        edges_before = {v: d for v, d in old.graph.adj[n].items()} if n in old.graph else None
        edges_after = {v: d for v, d in new.graph.adj[n].items()} if n in new.graph else None
        if nodes_before.get(n) != nodes_after.get(n) or edges_before != edges_after:
            assert n in new.changed_nodes, n
    actors_before = {a.id: a for a in old.rows.actors}
    actors_after = {a.id: a for a in new.rows.actors}
    for a in set(actors_before) | set(actors_after):
        if actors_before.get(a) != actors_after.get(a):
            assert a in new.changed_actors, a


def store_with(rows: NetworkRows, path: Path) -> EmbeddedStore:
    store = EmbeddedStore(path)
    actors = [
        Actor(id=a.id, kind=a.kind, name=a.name, area=a.area, member_of=a.member_of)
        for a in rows.actors
    ]
    links = [
        CoordinationLink(
            id=link.id,
            source=link.source,
            target=link.target,
            type=link.type,
            date=dt.date.fromisoformat(link.date) if link.date else None,
            topic=link.topic,
        )
        for link in rows.links
    ]
    store.upsert(actors, links)
    return store


def random_scenario(rng: random.Random, store: EmbeddedStore, step: int) -> Scenario:
    actors = {a.id: a for a in store.actors()}
    links = [link.id for link in store.links()]
    changes: list[Change] = []
    for i in range(rng.randint(1, 3)):
        op = rng.choice(["add_link", "add_link", "remove_link", "remove_actor", "add_actor"])
        ids = sorted(actors)
        if op == "add_link" and len(ids) >= 2:
            a, b = rng.sample(ids, 2)
            changes.append(AddLink(source=a, target=b, date=rng.choice(DAYS), topic=f"s{step}"))
        elif op == "remove_link" and links:
            changes.append(RemoveLink(link_id=links.pop(rng.randrange(len(links)))))
        elif op == "remove_actor" and ids:
            x = rng.choice(ids)
            changes.append(RemoveActor(actor_id=x))
            del actors[x]
        else:
            new_id = f"N{step}-{i}"
            kind = rng.choice([*INSTITUTIONS, "PERSON"])
            parents = sorted(k for k, a in actors.items() if a.kind != "PERSON")
            member_of = rng.choice([None, *parents]) if kind == "PERSON" and parents else None
            area = rng.choice(AREAS)
            name = f"Baru {step}"
            changes.append(
                AddActor(id=new_id, kind=kind, name=name, area=area, member_of=member_of)
            )
            actors[new_id] = Actor(id=new_id, kind=kind, name=name, area=area, member_of=member_of)
        # A later change of the same scenario must not name what an earlier one removed.
        if changes and isinstance(changes[-1], RemoveActor):
            break
    return Scenario(changes=tuple(changes))


def random_edit(rng: random.Random, store: EmbeddedStore, step: int) -> ChangeSet | None:
    """An edit as the TUI's forms record it: an actor or a link corrected, or a link recorded."""
    actors = store.actors()
    links = store.links()
    if not actors:
        return None
    what = rng.choice(["rename", "area", "kind", "member", "member", "nest", "link", "new_link"])
    actor = rng.choice(actors)
    edited_actors: tuple[Actor, ...] = ()
    edited_links: tuple[CoordinationLink, ...] = ()
    delete: tuple[str, ...] = ()
    if what == "rename":
        edited_actors = (actor.model_copy(update={"name": f"{actor.name} ({step})"}),)
    elif what == "area":
        edited_actors = (actor.model_copy(update={"area": rng.choice(AREAS)}),)
    elif what == "kind" and actor.kind != "PERSON":
        edited_actors = (actor.model_copy(update={"kind": rng.choice(INSTITUTIONS)}),)
    elif what == "member":
        persons = [a for a in actors if a.kind == "PERSON"]
        institutions = [a.id for a in actors if a.kind != "PERSON"]
        if not persons:
            return None
        person = rng.choice(persons)
        parent = rng.choice([None, *institutions])
        edited_actors = (person.model_copy(update={"member_of": parent}),)
    elif what == "nest" and actor.kind != "PERSON":
        # An institution under another that belongs to nobody (no cycle).
        tops = [a.id for a in actors if a.kind != "PERSON" and a.member_of is None]
        tops = [t for t in tops if t != actor.id]
        if not tops:
            return None
        edited_actors = (actor.model_copy(update={"member_of": rng.choice([None, *tops])}),)
    elif what == "link" and links:
        link = rng.choice(links)
        ids = [a.id for a in actors if a.id != link.source]
        update: dict[str, Any] = {"date": rng.choice(DAYS)}
        if ids and rng.random() < 0.5:
            update["target"] = rng.choice(ids)
        edited_links = (link.model_copy(update=update),)
    elif len(actors) >= 2:
        a, b = rng.sample(actors, 2)
        new = CoordinationLink.create(a.id, b.id, "RAPAT", rng.choice(DAYS), f"e{step}")
        edited_links = (new,)
        # Correcting a link records it anew and deletes the old one, as the form does.
        if links and rng.random() < 0.3:
            delete = (rng.choice(links).id,)
    else:
        return None
    entry = record_edit(
        store, f"edit {step}", actors=edited_actors, links=edited_links, delete_links=delete
    )
    return entry.forward


def step_once(rng: random.Random, store: EmbeddedStore, step: int) -> ChangeSet | None:
    op = rng.choice(["apply", "apply", "edit", "edit", "undo"])
    if op == "apply":
        scenario = random_scenario(rng, store, step)
        return apply_scenario(store, scenario).forward if scenario.changes else None
    if op == "edit":
        return random_edit(rng, store, step)
    try:
        entry = undo_last(store)
    except UndoConflict:
        entry = undo_last(store, force=True)
    return entry.inverse if entry is not None else None


@pytest.mark.parametrize("seed", range(60))
def test_refresh_after_random_applies_undos_and_edits_equals_a_full_reload(
    seed: int, tmp_path: Path
) -> None:
    rng = random.Random(seed)
    store = store_with(mini_rows(), tmp_path / "net.db")
    try:
        live = load_live(store.network_rows(), RULES, as_of=AS_OF)
        for step in range(10):
            before = live_state(live)
            changes = step_once(rng, store, step)
            if changes is None:
                continue
            refreshed = refresh(live, changes)
            full = load_live(store.network_rows(), RULES, as_of=AS_OF)
            assert live_state(refreshed) == live_state(full), (seed, step, changes)
            assert_changes_named(live, refreshed)
            # The refresh shares with the old network but never changes it.
            assert live_state(live) == before
            live = refreshed
    finally:
        store.close()


def test_refresh_of_an_edit_moves_a_member_and_its_links(tmp_path: Path) -> None:
    """Hand-checked: ppk01-b (who holds the link to the kapolsek) joins PPK02."""
    store = store_with(mini_rows(), tmp_path / "net.db")
    try:
        live = load_live(store.network_rows(), RULES, as_of=AS_OF)
        keys = {g.key for g in live.gaps}
        assert ("ppk-kapolsek", "PPK01") not in keys
        person = store.get_actor("ppk01-b")
        assert person is not None
        entry = record_edit(
            store, "pindah", actors=(person.model_copy(update={"member_of": "PPK02"}),)
        )
        after = refresh(live, entry.forward)
        assert after.graph.has_edge("PPK02", "KAPOLSEK01")
        assert not after.graph.has_edge("PPK01", "KAPOLSEK01")
        assert "ppk01-b" in after.graph.nodes["PPK02"]["members"]
        # PPK01 lost its only link to the kapolsek; the kapolsek is in another kecamatan.
        assert ("ppk-kapolsek", "PPK01") in {g.key for g in after.gaps}
        assert live_state(after) == live_state(load_live(store.network_rows(), RULES, as_of=AS_OF))
    finally:
        store.close()


@pytest.mark.parametrize("removed", ["PPK01", "PPS2001", "ppk01-a"])
def test_refresh_after_removing_an_institution_and_undoing_it(removed: str, tmp_path: Path) -> None:
    """The undo writes the members back before their institution (in id order)."""
    store = store_with(mini_rows(), tmp_path / "net.db")
    try:
        live = load_live(store.network_rows(), RULES, as_of=AS_OF)
        start = live_state(live)
        entry = apply_scenario(store, Scenario(changes=(RemoveActor(actor_id=removed),)))
        live = refresh(live, entry.forward)
        assert live_state(live) == live_state(load_live(store.network_rows(), RULES, as_of=AS_OF))
        undone = undo_last(store)
        assert undone is not None
        live = refresh(live, undone.inverse)
        assert live_state(live) == live_state(load_live(store.network_rows(), RULES, as_of=AS_OF))
        # The same network as at the start, up to the store's order of rewritten records.
        assert graph_state(live.graph) == start[2] and live.gaps == tuple(start[4])
    finally:
        store.close()


def test_refresh_with_activities_reloads() -> None:
    rows = mini_rows()
    meeting = ActivityRow("K1", "RAPAT", "2023-10-05", None, ("PPS2002", "KADES2002"))
    live = load_live(NetworkRows(rows.actors, rows.links, (meeting,)), RULES, as_of=AS_OF)
    assert live.graph.has_edge("PPS2002", "KADES2002")
    gone = ChangeSet(delete_actor_ids=("KADES2002",))
    with pytest.raises(ValueError, match="reload"):
        refresh(live, gone)
    after = NetworkRows([a for a in rows.actors if a.id != "KADES2002"], rows.links, ())
    reloaded = refresh(live, gone, reload=lambda: after)
    assert reloaded.rows is after and "KADES2002" not in reloaded.graph


# ------------------------------------------------------------------ the shared parts


def test_counterpart_index_fork_is_copy_on_write() -> None:
    G = build_graph(mini_rows())
    index = CounterpartIndex(G, RULES, subjects=True)
    rule = next(r for r in RULES if r.id == "pps-kades")
    before = index.in_scope(rule, "33.23.01.2002")
    fork = index.fork()
    fork.add("NEW", "KADES", "33.23.01.2002")
    fork.remove("KADES2002", "KADES", "33.23.01.2002")
    assert fork.in_scope(rule, "33.23.01.2002") == ["NEW"]
    assert index.in_scope(rule, "33.23.01.2002") == before == ["KADES2002"]
    # A fork of a fork leaves its parent alone too.
    twice = fork.fork()
    twice.remove("NEW", "KADES", "33.23.01.2002")
    assert twice.in_scope(rule, "33.23.01.2002") == [] and fork.in_scope(rule, "33.23.01.2002")


def test_simulation_reuses_the_evaluated_graph_and_leaves_it_untouched() -> None:
    rows = mini_rows()
    G = build_graph(rows)
    gaps = find_gaps(G, RULES, as_of=AS_OF)
    before = graph_state(G)
    sim = Simulation(rows, RULES, graph=G, as_of=AS_OF)
    # The whole-graph evaluation find_gaps made is the baseline: the same objects.
    assert list(sim.baseline.values()) == gaps
    sim.apply(RemoveActor(actor_id="PPK01"))
    sim.apply(AddLink(source="PPS0201", target="KADES0201"))
    sim.apply(AddActor(id="P", kind="PERSON", name="Baru", member_of="PPK02"))
    assert sim.gaps() == sim.full_gaps()
    assert graph_state(G) == before
    assert find_gaps(G, RULES, as_of=AS_OF) == gaps


def test_a_graph_changed_after_find_gaps_is_evaluated_again() -> None:
    rows = mini_rows()
    G = build_graph(rows)
    find_gaps(G, RULES, as_of=AS_OF)
    G.add_edge(
        "PPS2002",
        "KADES2002",
        count=1,
        last_date=None,
        undated=True,
        types={"X"},
        links=["x"],
        dates=[],
    )
    sim = Simulation(rows, RULES, graph=G, as_of=AS_OF)
    assert ("pps-kades", "PPS2002") not in sim.baseline
    assert list(sim.baseline.values()) == find_gaps(G, RULES, as_of=AS_OF)


def test_given_baseline_is_used_and_result_counts_follow_it() -> None:
    rows = mini_rows()
    G = build_graph(rows)
    gaps = find_gaps(G.copy(), RULES, as_of=AS_OF)  # not remembered for G itself
    sim = Simulation(rows, RULES, graph=G, as_of=AS_OF, baseline=gaps)
    sim.apply(AddLink(source="PPS2002", target="KADES2002"))
    result = sim.result()
    assert result.before == len(gaps) and result.after == len(gaps) - 1
    assert [g.key for g in result.closed] == [("pps-kades", "PPS2002")]


def test_changeset_of_a_new_actor_row_matches_the_store(tmp_path: Path) -> None:
    rows = mini_rows()
    sim = Simulation(rows, RULES, as_of=AS_OF)
    actor = Actor(id="LURAH9", kind="LURAH", name="Lurah", area="33.23.01.2002")
    pairs = sim.apply_changeset(ChangeSet(upsert_actors=(actor,)))
    assert pairs >= 1
    assert sim.actors["LURAH9"] == ActorRow("LURAH9", "LURAH", "Lurah", "33.23.01.2002", None)
    assert sim.gaps() == sim.full_gaps()


def test_weighted_totals_follow_the_full_evaluation_on_every_result() -> None:
    rows = mini_rows()
    sim = Simulation(rows, RULES, as_of=AS_OF)
    before = total_weight(find_gaps(build_graph(rows), RULES, as_of=AS_OF))
    for change in (
        AddLink(source="PPS2002", target="KADES2002"),
        RemoveActor(actor_id="CAMAT01"),
        AddActor(id="PKM02", kind="PUSKESMAS", name="Puskesmas Kledung", area="33.23.02"),
    ):
        sim.apply(change)
        result = sim.result()
        assert result.before_weighted == before
        assert result.after_weighted == total_weight(sim.full_gaps())
        assert result.after_weighted == sum(severity_weight(g) for g in sim.full_gaps())


def test_a_write_away_from_every_attendee_refreshes_without_reading_the_store() -> None:
    """A network with kegiatan: a write that reaches no attendee (nor its body) is followed."""
    rows = mini_rows()
    meeting = ActivityRow("K1", "RAPAT", "2023-10-05", None, ("PPS2002", "KADES2002"))
    live = load_live(NetworkRows(rows.actors, rows.links, (meeting,)), RULES, as_of=AS_OF)
    link = CoordinationLink.create("PPS0201", "KADES0201", "RAPAT", dt.date(2023, 9, 1), None)
    changes = ChangeSet(upsert_links=(link,), delete_link_ids=("L10",))
    after = refresh(live, changes)  # no reload given: it must not be needed
    expected_links = [r for r in rows.links if r.id != "L10"]
    full = load_live(
        NetworkRows(rows.actors, [*expected_links, *after.rows.links[-1:]], (meeting,)),
        RULES,
        as_of=AS_OF,
    )
    assert after.rows.links[-1].id == link.id
    assert live_state(after) == live_state(full)
    assert after.graph.has_edge("PPS2002", "KADES2002")  # the kegiatan contact stays
    assert refresh_incremental(live, ChangeSet(delete_actor_ids=("PPS2002",))) is None
    assert refresh_incremental(live, ChangeSet(delete_activity_ids=("K1",))) is None
