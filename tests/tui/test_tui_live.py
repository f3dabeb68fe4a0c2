"""The TUI follows applies, undos and edits incrementally, and ends where a full load would.

Random sequences of journalled writes go through a real embedded demo store
(the TUI's own gate); after each the Workspace is refreshed from the change
set the store applied and compared, index by index, with a fresh full load of
the store. Pilot tests check the same through the app's keys and forms.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from sinergi_graph.areas import load_areas
from sinergi_graph.changes import AddActor, AddLink, RemoveActor, RemoveLink, Scenario
from sinergi_graph.kinds import default_catalogue
from sinergi_graph.models import Activity, Actor, ChangeSet, CoordinationLink
from sinergi_graph.rules import default_rules
from sinergi_graph.scenarios import apply_scenario, record_edit, undo_last
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.store.protocol import GraphStore
from tui.gate import StoreGate
from tui.model import GapIndex, Network, Workspace
from tui.model.network import ROOT

AS_OF = date(2024, 6, 1)  # as in conftest: freshness never depends on today
AREAS = load_areas()
SEARCH_WORDS = ("pps", "kades", "lurah", "baru", "uji", "ñ", "n1", "anggota", "3323", "a")


def workspace(db: Path) -> Workspace:
    gate = StoreGate(lambda: EmbeddedStore(db))
    return Workspace(
        gate,
        catalogue=default_catalogue(),
        rules=default_rules(),
        areas=lambda: AREAS,
        as_of=AS_OF,
    )


def graph_state(G: nx.Graph) -> tuple[Any, ...]:
    nodes = {n: dict(d) for n, d in G.nodes(data=True)}
    edges = {frozenset((u, v)): dict(d) for u, v, d in G.edges(data=True)}
    return nodes, edges, dict(G.graph.get("root", {}))


def network_state(net: Network) -> dict[str, Any]:
    """Everything the screens read from a Network (its indexes included)."""
    net.build_search()
    return {
        "revision": net.revision,
        "graph": graph_state(net.graph),
        "rows": net.rows,
        "root_of": dict(net.root_of),
        "areas": net._areas,
        "nodes": net._nodes,
        "unplaced": net.unplaced,
        "search_ids": net.search_ids,
        "folded": net.folded_name,
        # What a search scans: the lines holding a word, in order.
        "found": {w: net.find_lines(w, 10**6) for w in SEARCH_WORDS},
        "actors": sorted(net.source_rows.actors),
        "links": sorted(net.source_rows.links),
        "activities": list(net.source_rows.activities),
    }


def tree_counts(net: Network, gaps: GapIndex) -> dict[str, tuple[int, int]]:
    """What the area tree shows: actors and gaps per area, for every area holding either."""
    codes = {ROOT}
    for code in [*net._areas, *gaps._areas]:
        for n in (2, 5, 8, 13):
            if len(code) >= n:
                codes.add(code[:n])
    return {c: (net.actor_count(c), gaps.count(c)) for c in sorted(codes)}


def gap_state(gaps: GapIndex) -> dict[str, Any]:
    return {
        "revision": gaps.revision,
        "gaps": gaps.gaps,
        "areas": gaps._areas,
        "by_subject": gaps.by_subject,
    }


def assert_equals_full_load(ws: Workspace, db: Path) -> None:
    fresh = workspace(db)
    try:
        net = fresh.load_network()
        gaps = fresh.load_gaps()
        assert ws.network is not None and ws.gaps is not None
        assert network_state(ws.network) == network_state(net)
        assert gap_state(ws.gaps) == gap_state(gaps)
        assert tree_counts(ws.network, ws.gaps) == tree_counts(net, gaps)
        for code in ("33", "33.23", "33.23.01"):
            assert ws.network.nodes_in(code) == net.nodes_in(code)
            assert ws.gaps.in_area(code) == gaps.in_area(code)
    finally:
        fresh.gate.close()


class Writer:
    """Random journalled writes (edits, applied scenarios, undos) on a real store."""

    def __init__(self, rng: random.Random, store: GraphStore, hot: frozenset[str] = frozenset()):
        self.rng = rng
        self.store = store
        self.n = 0
        #: Actors picked more often than the rest (kegiatan attendees).
        self.hot = hot

    def pick(self, kinds: tuple[str, ...] | None = None, *, member: bool | None = None) -> Actor:
        actors = [
            a
            for a in self.store.actors()
            if (kinds is None or a.kind in kinds)
            and (member is None or (a.member_of is not None) == member)
        ]
        hot = [a for a in actors if a.id in self.hot]
        if hot and self.rng.random() < 0.25:
            actors = hot
        return self.rng.choice(sorted(actors, key=lambda a: a.id))

    def link(self) -> CoordinationLink:
        a = self.pick(member=False)
        b = self.pick(member=False)
        while b.id == a.id:
            b = self.pick(member=False)
        self.n += 1
        day = date(2023, 1 + self.rng.randrange(12), 1 + self.rng.randrange(28))
        return CoordinationLink.create(a.id, b.id, "RAPAT", day, f"uji {self.n}")

    def edit(self) -> ChangeSet:
        roll = self.rng.random()
        if roll < 0.3:
            a = self.pick()
            self.n += 1
            renamed = a.model_copy(update={"name": f"{a.name} Ñ{self.n}"})
            entry = record_edit(self.store, "rename", actors=(renamed,))
        elif roll < 0.55:
            entry = record_edit(self.store, "link", links=(self.link(),))
        elif roll < 0.75:
            old = self.rng.choice(sorted(self.store.links(), key=lambda k: k.id))
            fixed = CoordinationLink.create(old.source, old.target, "SURAT", old.date, "koreksi")
            entry = record_edit(self.store, "fix", links=(fixed,), delete_links=(old.id,))
        else:
            a = self.pick(("PPS", "PPK", "KADES", "LURAH", "CAMAT"), member=False)
            self.n += 1
            new = Actor(id=f"NEW-{self.n}", kind="LURAH", name=f"Lurah Baru {self.n}", area=a.area)
            if self.rng.random() < 0.4:
                new = Actor(id=f"NEW-{self.n}", kind="PERSON", name="Anggota", member_of=a.id)
            entry = record_edit(self.store, "add", actors=(new,))
        return entry.forward

    def apply(self) -> ChangeSet:
        changes: list[Any] = []
        for _ in range(1 + self.rng.randrange(3)):
            roll = self.rng.random()
            if roll < 0.5:
                link = self.link()
                changes.append(AddLink(source=link.source, target=link.target, topic=link.topic))
            elif roll < 0.7:
                link = self.rng.choice(sorted(self.store.links(), key=lambda k: k.id))
                if not any(isinstance(c, RemoveLink) and c.link_id == link.id for c in changes):
                    changes.append(RemoveLink(link_id=link.id))
            elif roll < 0.85:
                a = self.pick(("KADES", "LURAH", "PUSKESMAS"), member=False)
                changes.append(RemoveActor(actor_id=a.id))
                break
            else:
                a = self.pick(("PPS",), member=False)
                self.n += 1
                changes.append(
                    AddActor(id=f"ADD-{self.n}", kind="KADES", name="Kades", area=a.area)
                )
        entry = apply_scenario(self.store, Scenario(name="uji", changes=changes))
        return entry.forward

    def undo(self) -> ChangeSet | None:
        done = undo_last(self.store, force=True)
        return None if done is None else done.inverse


def add_kegiatan(db: Path) -> frozenset[str]:
    """Three kegiatan in the store (the Temanggung demo has none); their attendees."""
    store = EmbeddedStore(db)
    try:
        kpu = store.get_actor("KPU_KAB-3323")
        assert kpu is not None
        people = sorted(a.id for a in store.actors() if a.member_of is not None)[:40]
        bodies = sorted(a.id for a in store.actors() if a.kind in ("KADES", "LURAH", "PPS"))[:30]
        meetings = [
            Activity(
                id="K-1", date=date(2024, 2, 5), topic="Rakor", attendees=(kpu.id, *bodies[:3])
            ),
            Activity(
                id="K-2", date=date(2024, 3, 9), attendees=(people[0], people[20], bodies[10])
            ),
            # After the as-of day: no contact, yet its attendees are still watched.
            Activity(id="K-3", date=date(2024, 9, 1), attendees=(people[30], bodies[20])),
        ]
        store.upsert([], [], activities=meetings)
        return frozenset(a for m in meetings for a in m.attendees)
    finally:
        store.close()


@pytest.mark.parametrize("kegiatan", [False, True])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_writes_refresh_to_a_full_load(
    temanggung_db: Path, seed: int, kegiatan: bool
) -> None:
    hot = add_kegiatan(temanggung_db) if kegiatan else frozenset()
    ws = workspace(temanggung_db)
    try:
        ws.load_network()
        ws.load_gaps()
        assert ws.network is not None
        ws.network.build_search()
        ws.prepare_refresh()
        rng = random.Random(seed)
        ways: list[str] = []
        for _step in range(8):
            roll = rng.random()

            def write(store: GraphStore, roll: float = roll) -> tuple[int, ChangeSet | None]:
                before = store.revision()
                writer = Writer(rng, store, hot)
                if roll < 0.45:
                    return before, writer.edit()
                if roll < 0.75:
                    return before, writer.apply()
                return before, writer.undo()

            before, changes = ws.gate.call(write)
            if changes is None:
                continue
            if not ws.refresh(changes, before):
                ws.load_network()
                ws.load_gaps()
            ways.append(ws.last_refresh)
            assert_equals_full_load(ws, temanggung_db)
        # Most writes touch no kegiatan attendee: the incremental path is what was tested.
        assert ways.count("incremental") >= len(ways) // 3, ways
    finally:
        ws.gate.close()


def test_a_write_touching_a_kegiatan_attendee_loads_in_full(temanggung_db: Path) -> None:
    add_kegiatan(temanggung_db)
    ws = workspace(temanggung_db)
    try:
        ws.load_network()
        ws.load_gaps()
        net = ws.network
        assert net is not None and net.source_rows.activities
        attendee = net.source_rows.activities[0].attendees[0]

        def write(store: GraphStore) -> tuple[int, ChangeSet]:
            before = store.revision()
            actor = store.get_actor(attendee)
            assert actor is not None
            renamed = actor.model_copy(update={"name": actor.name + " (baru)"})
            return before, record_edit(store, "rename", actors=(renamed,)).forward

        before, changes = ws.gate.call(write)
        assert not ws.refresh(changes, before)
        assert ws.last_refresh == "the change reaches kegiatan" and ws.network is net
        ws.load_network()
        ws.load_gaps()
        assert_equals_full_load(ws, temanggung_db)
    finally:
        ws.gate.close()


def test_another_writer_in_between_means_a_full_load(temanggung_db: Path) -> None:
    ws = workspace(temanggung_db)
    try:
        ws.load_network()
        ws.load_gaps()

        def write(store: GraphStore) -> tuple[int, ChangeSet]:
            before = store.revision()
            link = Writer(random.Random(5), store).link()
            forward = record_edit(store, "link", links=(link,)).forward
            # Another process's import lands before the TUI looks.
            store.upsert([Actor(id="LAIN", kind="LURAH", name="Lurah Lain", area="33.23.01")], [])
            return before, forward

        before, changes = ws.gate.call(write)
        assert not ws.refresh(changes, before)
        assert ws.last_refresh == "the store moved on"
        ws.load_network()
        ws.load_gaps()
        assert ws.network is not None and "LAIN" in ws.network.rows
        assert_equals_full_load(ws, temanggung_db)
    finally:
        ws.gate.close()


# ------------------------------------------------------------------ through the app


def tree_labels(app: Any) -> dict[str, str]:
    tree = app.main.area_tree
    return {code: str(node.label) for code, node in tree._area_nodes.items()}


async def assert_screens_equal_a_full_load(pilot: Any, app: Any, db: Path) -> None:
    """The workspace equals a fresh load, and the tree shows what that load would show."""
    from tui_helpers import settle

    await settle(pilot)
    assert app.workspace.last_refresh == "incremental"
    assert_equals_full_load(app.workspace, db)
    shown = tree_labels(app)
    fresh = workspace(db)
    try:
        net, gaps = fresh.load_network(), fresh.load_gaps()
    finally:
        fresh.gate.close()
    tree = app.main.area_tree
    tree.set_network(net, gaps)
    await pilot.pause()
    assert shown == tree_labels(app)
    tree.set_network(app.workspace.network, app.workspace.gaps)


async def test_apply_undo_and_edit_refresh_the_screens_incrementally(temanggung_db, make_app):
    from textual.widgets import Input
    from tui_helpers import ready, settle, until

    from tui.confirm import ConfirmModal
    from tui.edit_form import ActorForm
    from tui.main_screen import MainScreen
    from tui.plan_screen import PlanScreen
    from tui.propose_link import ProposeLink

    add_kegiatan(temanggung_db)
    app = make_app(temanggung_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        # The tree shows the kecamatan of the regency with their counts.
        main.jump_to_area("33.23.01")
        await settle(pilot)
        start = app.workspace.network.revision
        before = len(app.workspace.gaps)
        gap = next(
            g
            for g in app.workspace.gaps.gaps
            if g.rule == "pps-kades" and g.counterpart_ids and g.area.startswith("33.23.01")
        )
        main.jump_to_actor(gap.subject_id)
        await settle(pilot)

        # Apply one proposed link.
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, ProposeLink)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        after = app.plan.result.after
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await until(pilot, lambda: app.workspace.gaps.revision == start + 1)
        assert len(app.workspace.gaps) == after < before
        assert gap not in app.workspace.gaps.of(gap.subject_id)
        await assert_screens_equal_a_full_load(pilot, app, temanggung_db)

        # Undo it.
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await until(pilot, lambda: app.workspace.gaps.revision == start + 2)
        assert len(app.workspace.gaps) == before
        await assert_screens_equal_a_full_load(pilot, app, temanggung_db)

        # Edit: rename the actor in the form; the listing and the search find the new name.
        await pilot.press("escape")
        await settle(pilot)
        main.jump_to_actor(gap.subject_id)
        await settle(pilot)
        app.edit_actor(gap.subject_id)
        await settle(pilot)
        assert isinstance(app.screen, ActorForm)
        app.screen.query_one("#f-name", Input).value = "PPS Sinergi Baru"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace.gaps.revision == start + 3)
        await settle(pilot)
        net = app.workspace.network
        assert net.name(gap.subject_id) == "PPS Sinergi Baru"
        assert net.search_ids[net.find_lines("sinergi baru", 5)[0]] == gap.subject_id
        await assert_screens_equal_a_full_load(pilot, app, temanggung_db)
