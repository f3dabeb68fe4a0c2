"""The TUI's full load goes through the core's per-revision caches, and never reads a stale entry.

A real embedded demo store and the real cache directory (``$SINERGI_CACHE_DIR``,
a fresh one per test): a load that built the graph and the gaps keeps them,
the next load reads them and equals a load that computed everything, and any
write, other rules or another day leaves the old entries unread.
"""

from __future__ import annotations

import os
import random
from datetime import date
from pathlib import Path

import pytest
from test_tui_live import AREAS, Writer, gap_state, network_state, tree_counts

from sinergi_graph.gaps import find_gaps
from sinergi_graph.graph import build_graph
from sinergi_graph.kinds import default_catalogue
from sinergi_graph.rules import Rule, default_rules
from sinergi_graph.store.embedded import EmbeddedStore
from tui.gate import StoreGate
from tui.model import GapIndex, Network, Workspace


def workspace(db: Path, *, as_of: date | None = None, rules: list[Rule] | None = None) -> Workspace:
    # as_of None: the graph cache keeps only the whole graph, as graph_from_store does.
    return Workspace(
        StoreGate(lambda: EmbeddedStore(db)),
        catalogue=default_catalogue(),
        rules=default_rules() if rules is None else rules,
        areas=lambda: AREAS,
        as_of=as_of,
    )


def computed(db: Path) -> tuple[Network, GapIndex]:
    """The network and gaps of ``db`` built from its rows, no cache involved."""
    store = EmbeddedStore(db)
    try:
        revision, rows = store.revision(), store.network_rows()
    finally:
        store.close()
    graph = build_graph(rows, catalogue=default_catalogue())
    return Network(revision, rows, graph), GapIndex(revision, find_gaps(graph, default_rules()))


def assert_equals_computed(ws: Workspace, db: Path) -> None:
    net, gaps = computed(db)
    assert ws.network is not None and ws.gaps is not None
    assert network_state(ws.network) == network_state(net)
    assert gap_state(ws.gaps) == gap_state(gaps)
    assert tree_counts(ws.network, ws.gaps) == tree_counts(net, gaps)


def entries() -> dict[str, int]:
    folder = Path(os.environ["SINERGI_CACHE_DIR"])
    return {p.parent.name: p.stat().st_mtime_ns for p in folder.glob("*/*.pickle")}


def full_load(ws: Workspace) -> GapIndex | None:
    """What the app's loader does at start-up: cached gaps first, then the rest."""
    early = ws.cached_gaps()
    handed: list[GapIndex] = []
    ws.load_network(gaps_first=handed.append)
    gaps = ws.load_gaps()
    # Gaps not in the cache are handed over as soon as the graph is built, once.
    assert handed == ([] if early is not None else [gaps])
    assert gaps is (early if early is not None else handed[0])
    ws.save_caches()
    return early


def test_the_second_load_reads_what_the_first_kept(temanggung_db: Path) -> None:
    first = workspace(temanggung_db)
    try:
        assert full_load(first) is None  # an empty cache: everything computed
        assert set(entries()) == {"gaps", "graphs"}
    finally:
        first.gate.close()
    kept = entries()
    second = workspace(temanggung_db)
    try:
        early = second.cached_gaps()
        assert early is not None and second.network is None
        network = second.load_network()
        assert second._unsaved_graph is None  # the graph came from the cache
        assert second.load_gaps() is early  # the gaps were not evaluated again
        assert early.revision == network.revision
        second.save_caches()
        assert entries() == kept  # nothing to write back
        assert_equals_computed(second, temanggung_db)
    finally:
        second.gate.close()


def test_a_write_leaves_the_old_entries_unread(temanggung_db: Path) -> None:
    first = workspace(temanggung_db)
    try:
        full_load(first)
        before = first.gate.call(lambda s: s.revision())
        changes = first.gate.call(lambda s: Writer(random.Random(3), s).edit())
        assert not changes.is_empty()
    finally:
        first.gate.close()
    after = workspace(temanggung_db)
    try:
        assert after.cached_gaps() is None
        after.load_network()
        assert after._unsaved_graph is not None  # built again, not read
        after.load_gaps()
        assert after.network is not None and after.network.revision == before + 1
        assert_equals_computed(after, temanggung_db)
    finally:
        after.gate.close()


@pytest.mark.parametrize("other", ["rules", "as_of"])
def test_other_rules_or_another_day_are_not_served_the_entry(
    temanggung_db: Path, other: str
) -> None:
    first = workspace(temanggung_db)
    try:
        full_load(first)
    finally:
        first.gate.close()
    if other == "rules":
        ws = workspace(temanggung_db, rules=default_rules()[:-1])
    else:
        ws = workspace(temanggung_db, as_of=date(2024, 6, 1))
    try:
        assert ws.cached_gaps() is None
    finally:
        ws.gate.close()


def test_a_refresh_after_a_cached_load_equals_a_full_load(temanggung_db: Path) -> None:
    first = workspace(temanggung_db)
    try:
        full_load(first)
    finally:
        first.gate.close()
    ws = workspace(temanggung_db)
    try:
        assert full_load(ws) is not None
        assert ws.network is not None
        ws.network.build_search()
        ws.prepare_refresh()
        rng = random.Random(7)
        ways = []
        for _ in range(4):
            before, changes = ws.gate.call(lambda s: (s.revision(), Writer(rng, s).edit()))
            if not ws.refresh(changes, before):
                ws.load_network()
                ws.load_gaps()
            ways.append(ws.last_refresh)
            assert_equals_computed(ws, temanggung_db)
        assert "incremental" in ways, ways
        assert ws.last_refresh == "incremental", ways  # seed 7: the last write is followed
        kept = ws.gaps
    finally:
        ws.close()  # as the app does when it ends
    # The next launch reads the gaps of the revision the refresh reached (store closed).
    fresh = workspace(temanggung_db)
    try:
        early = fresh.cached_gaps()
        assert early is not None and kept is not None
        assert gap_state(early) == gap_state(kept)
        fresh.load_network()
        assert fresh._unsaved_graph is not None  # its graph was not kept: built
        fresh.load_gaps()
        assert_equals_computed(fresh, temanggung_db)
    finally:
        fresh.gate.close()
