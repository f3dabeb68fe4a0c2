"""The election stage in the status bar and the "due in this stage" gap filter (issue 11)."""

from __future__ import annotations

from datetime import date

from tui_helpers import ready, settle

from tui.gaps_screen import GapsScreen
from tui.main_screen import MainScreen
from tui.model.calendar import due_rules

IN_2023 = date(2023, 6, 1)


def _stage_line(app) -> str:
    return str(app.screen.query_one("#status-stage").render())


async def test_the_status_bar_shows_the_stage_and_the_days_to_the_next(fixed_db, make_app):
    app = make_app(fixed_db)
    app.workspace.as_of = IN_2023
    async with app.run_test(size=(160, 30)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, MainScreen)
        # 1 June 2023: voter-list updating runs; presidential candidacy starts 19 Oct (140 days).
        line = _stage_line(app)
        assert "Pemilu 2024: Pemutakhiran data pemilih" in line
        assert "140 hari lagi Pencalonan Presiden" in line
        await pilot.press("f2")
        await settle(pilot)
        line = _stage_line(app)
        assert "Voter list updating" in line and "Presidential candidacy in 140 days" in line


async def test_after_the_election_the_pilkada_is_shown(fixed_db, make_app):
    app = make_app(fixed_db)  # as of 1 June 2024: Pemilu 2024 is over
    async with app.run_test(size=(160, 30)) as pilot:
        await ready(pilot)
        line = _stage_line(app)
        assert line.startswith("Pilkada Serentak 2024: Pemutakhiran")
        assert "87 hari lagi Pendaftaran pasangan calon" in line


async def test_gaps_due_in_this_stage(fixed_db, make_app):
    app = make_app(fixed_db)
    app.workspace.as_of = IN_2023
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GapsScreen)
        everything = list(screen.gaps)
        due = due_rules(app.workspace.rules, IN_2023)
        assert due and {g.rule for g in everything} - due, "the fixture needs gaps of both kinds"
        await pilot.press("4")
        await settle(pilot)
        assert screen.gaps == [g for g in everything if g.rule in due]
        assert sum(screen.counts.values()) == len(screen.gaps)
        assert "1 Juni 2023" in str(screen.query_one("#gaps-note").render())
        await pilot.press("4")
        await settle(pilot)
        assert screen.gaps == everything


async def test_no_rule_is_due_after_the_election(fixed_db, make_app):
    app = make_app(fixed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        await pilot.press("g", "4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GapsScreen)
        assert screen.gaps == []
        assert "Tidak ada aturan" in str(screen.query_one("#gaps-note").render())
