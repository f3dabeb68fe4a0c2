"""Snapshots of every screen at 80×24 and 160×48 (pytest-textual-snapshot, pinned textual).

Made stable: the demo data is seeded, dates are pinned (``as_of``), the store
path is relative (the title shows it), cursors do not blink, and each shot is
taken only after every worker has finished.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tui_helpers import ready, settle, still, until

from sinergi_graph.analysis.simulation import AddLink
from tui.app import SinergiApp
from tui.main_screen import MainScreen

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]

Steps = Callable[[Pilot[None]], Awaitable[None]]


@pytest.fixture
def relative_store(fixed_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in the store's folder so the title shows ``net.db``, not a temp path."""
    monkeypatch.chdir(fixed_db.parent)
    return Path("net.db")


def _app(make_app: Callable[..., SinergiApp], db: Path, **settings: object) -> SinergiApp:
    app = make_app(db, **settings)
    app.export_dir = Path("exports")
    return app


def shoot(snap_compare, app: SinergiApp, size: tuple[int, int], steps: Steps | None = None) -> bool:
    async def run_before(pilot: Pilot[None]) -> None:
        await ready(pilot)
        if steps is not None:
            await steps(pilot)
        await settle(pilot)
        still(pilot)
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=run_before)


async def _open_pps_sumberwungu(pilot: Pilot[None]) -> None:
    main = pilot.app.screen
    assert isinstance(main, MainScreen)
    main.jump_to_actor("PPS-3403072002")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, make_app, relative_store, size):
    app = _app(make_app, relative_store)
    assert shoot(snap_compare, app, size, _open_pps_sumberwungu)


@pytest.mark.parametrize("size", SIZES)
def test_main_screen_english_contacts_shown(snap_compare, make_app, relative_store, size):
    app = _app(make_app, relative_store, lang="en", theme="light")

    async def steps(pilot: Pilot[None]) -> None:
        await _open_pps_sumberwungu(pilot)
        await pilot.press("c")
        pilot.app.clear_notifications()

    assert shoot(snap_compare, app, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_gaps_screen(snap_compare, make_app, relative_store, size):
    app = _app(make_app, relative_store)

    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("2")

    assert shoot(snap_compare, app, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_propose_link(snap_compare, make_app, relative_store, size):
    app = _app(make_app, relative_store)

    async def steps(pilot: Pilot[None]) -> None:
        await _open_pps_sumberwungu(pilot)
        await pilot.press("l")

    assert shoot(snap_compare, app, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_plan_screen(snap_compare, make_app, relative_store, size):
    app = _app(make_app, relative_store)

    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("p")
        await settle(pilot)
        pilot.app.screen.add_change(AddLink(source="PPS-3403072002", target="LURAH-3403072002"))
        await settle(pilot)
        await until(
            pilot, lambda: pilot.app.plan is not None and pilot.app.plan.metrics is not None
        )

    assert shoot(snap_compare, app, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_apply_confirmation(snap_compare, make_app, relative_store, size):
    app = _app(make_app, relative_store)

    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("p")
        await settle(pilot)
        pilot.app.screen.add_change(AddLink(source="PPS-3403072002", target="LURAH-3403072002"))
        await settle(pilot)
        await pilot.press("ctrl+s")

    assert shoot(snap_compare, app, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_path_screen(snap_compare, make_app, relative_store, size):
    app = _app(make_app, relative_store)

    async def steps(pilot: Pilot[None]) -> None:
        await _open_pps_sumberwungu(pilot)
        await pilot.press("r")
        await settle(pilot)
        pilot.app.screen.choose("PPS-3403072001", "KAPOLSEK-340307")

    assert shoot(snap_compare, app, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_edit_form_with_problems(snap_compare, make_app, relative_store, size):
    app = _app(make_app, relative_store)

    async def steps(pilot: Pilot[None]) -> None:
        from textual.widgets import Input

        await pilot.press("a")
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#f-kind", Input).value = "Kepala Dsa"
        screen.query_one("#f-name", Input).value = "Bapak Baru"
        screen.query_one("#f-area", Input).value = "99.99"
        await pilot.press("ctrl+s")

    assert shoot(snap_compare, app, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, make_app, relative_store, size):
    app = _app(make_app, relative_store, keys={"show_gaps": "G"})

    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")

    assert shoot(snap_compare, app, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_search_palette(snap_compare, make_app, relative_store, size):
    app = _app(make_app, relative_store)

    async def steps(pilot: Pilot[None]) -> None:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"tepus")
        await until(
            pilot,
            lambda: (
                bool(pilot.app.screen.query("CommandList"))
                and pilot.app.screen.query_one("CommandList").option_count >= 5
            ),
        )
        await pilot.pause(0.3)

    assert shoot(snap_compare, app, size, steps)


@pytest.mark.parametrize("size", SIZES)
def test_error_modal(snap_compare, make_app, tmp_path, monkeypatch, size):
    monkeypatch.chdir(tmp_path)
    os.mkdir("folder.db")
    app = _app(make_app, Path("folder.db"))

    async def run_before(pilot: Pilot[None]) -> None:
        from tui.error_modal import ErrorModal

        await until(pilot, lambda: isinstance(pilot.app.screen, ErrorModal))
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
