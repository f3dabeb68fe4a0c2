"""A kegiatan recorded in the TUI (h) is journalled: ``u`` undoes it and its contact is gone."""

from __future__ import annotations

from itertools import combinations

from textual.widgets import Input
from tui_helpers import ready, settle, until

from sinergi_graph.scenarios import journal
from sinergi_graph.store.embedded import EmbeddedStore
from tui.confirm import ConfirmModal
from tui.kegiatan_form import KegiatanForm
from tui.main_screen import MainScreen

TEPUS = ("PPS-3403072004", "LURAH-3403072004", "PKD-3403072004", "PERANGKAT_DESA-3403072004")


async def test_a_recorded_kegiatan_is_undone_with_u(fixed_db, make_app):
    app = make_app(fixed_db)
    async with app.run_test(size=(100, 36)) as pilot:
        await ready(pilot)
        graph = app.workspace.network.graph
        # Two institutions of Tepus with no contact yet: the kegiatan makes one.
        first, second = next(p for p in combinations(TEPUS, 2) if not graph.has_edge(*p))
        main = app.main
        assert main is not None
        main.jump_to_actor(first)
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, KegiatanForm)
        form.query_one("#kf-topic", Input).value = "Rakor pengawasan"
        form.chosen = {x: app.workspace.network.name(x) for x in (first, second)}
        revision = app.workspace.network.revision
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace.network.revision != revision)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.workspace.network.graph.has_edge(first, second)
        (entry,) = [e for e in app.gate.call(journal) if e.undone_at is None]
        assert [a.topic for a in entry.forward.upsert_activities] == ["Rakor pengawasan"]

        revision = app.workspace.network.revision
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await until(pilot, lambda: app.workspace.network.revision != revision)
        await settle(pilot)
        assert not app.workspace.network.graph.has_edge(first, second)
    store = EmbeddedStore(fixed_db)
    try:
        assert store.activities() == []
    finally:
        store.close()


async def test_an_import_from_the_tui_is_undone_with_u(fixed_db, make_app):
    from pathlib import Path

    from tui.import_screen import ImportScreen

    data = Path(__file__).parent / "data"
    files = [data / "tepus_kegiatan.csv", data / "tepus_hadir.csv", data / "tepus_kerjasama.csv"]
    app = make_app(fixed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ImportScreen)
        screen.query_one("#imp-path", Input).value = "; ".join(str(p) for p in files)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.clean is not None
        revision = app.workspace.network.revision
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace.network.revision != revision)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert len(app.workspace.network.source_rows.activities) == 4

        revision = app.workspace.network.revision
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await until(pilot, lambda: app.workspace.network.revision != revision)
        await settle(pilot)
        assert len(app.workspace.network.source_rows.activities) == 0
    store = EmbeddedStore(fixed_db)
    try:
        assert (store.activities(), store.agreements()) == ([], [])
    finally:
        store.close()
