"""Edits with import validation and undo; paths; search; help; language; keys; errors."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input
from tui_helpers import ready, rich_text, screen_text, settle, until

from sinergi_graph.numbers import short_date
from tui.confirm import ConfirmModal
from tui.edit_form import ActorForm, LinkForm
from tui.editing import EDIT_NAMESPACE
from tui.error_modal import ErrorModal
from tui.gaps_screen import GapsScreen
from tui.help_screen import HelpScreen, help_table
from tui.main_screen import MainScreen
from tui.path_screen import PathScreen


def first_hit(app) -> str:
    """The first line the command palette offers ("" while it has none)."""
    lists = app.screen.query("CommandList")
    if not lists or not lists.first().option_count:
        return ""
    return str(lists.first().get_option_at_index(0).prompt)


async def _type(pilot, widget_id: str, text: str) -> None:
    field = pilot.app.screen.query_one(widget_id, Input)
    field.value = text
    await pilot.pause()


async def test_add_an_actor_with_import_validation_then_undo(backend_app):
    app = backend_app("34.03.07")
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        actors_before = len(app.workspace.network.rows)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActorForm)
        # Invalid: an unknown kind and a malformed area, reported like an import would.
        await _type(pilot, "#f-kind", "Kepala Dsa")
        await _type(pilot, "#f-name", "Bapak Lurah Baru")
        await _type(pilot, "#f-area", "34.03.7")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        problems = str(form.query_one("#form-problems").render())
        assert "Kepala Dsa" in problems and "34.03.7" in problems
        # Everyday spellings are accepted (Kades -> KADES, undotted area code).
        await _type(pilot, "#f-kind", "Kades")
        await _type(pilot, "#f-area", "3403072004")
        await pilot.press("ctrl+s")
        await until(
            pilot,
            lambda: (
                app.workspace.network is not None
                and len(app.workspace.network.rows) == actors_before + 1
            ),
        )
        await settle(pilot)
        added = [a for a in app.workspace.network.rows.values() if a.name == "Bapak Lurah Baru"]
        assert len(added) == 1 and added[0].kind == "KADES" and added[0].area == "34.03.07.2004"
        # Recorded in the edit journal...
        assert app.gate.call(lambda s: s.list_documents(EDIT_NAMESPACE))
        # ...and undoable.
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await until(pilot, lambda: len(app.workspace.network.rows) == actors_before)
        assert app.gate.call(lambda s: s.get_actor(added[0].id)) is None


async def test_correct_an_actor_and_record_a_link(tepus_db, make_app):
    app = make_app(tepus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.jump_to_actor("PPS-3403072004")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActorForm)
        assert form.query_one("#f-name", Input).value == "PPS Kalurahan Tepus"
        await _type(pilot, "#f-note", "sekretariat di balai kalurahan")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await settle(pilot)
        actor = app.gate.call(lambda s: s.get_actor("PPS-3403072004"))
        assert actor.note == "sekretariat di balai kalurahan"
        assert actor.email  # untouched fields kept
        # Record a link by name: "Kapolsek Tepus" resolves to its id; the date as dd/mm/yyyy.
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, LinkForm)
        await _type(pilot, "#f-target", "Kapolsek Tepus")
        await _type(pilot, "#f-type", "Sowan")
        await _type(pilot, "#f-date", "05/10/2023")
        await _type(pilot, "#f-topic", "DPTb")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await settle(pilot)
        links = app.gate.call(lambda s: s.links_of("KAPOLSEK-340307"))
        assert any(
            lk.source == "PPS-3403072004" and lk.type == "AUDIENSI" and lk.topic == "DPTb"
            for lk in links
        )


async def test_path_between_two_actors(tepus_db, make_app):
    app = make_app(tepus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        main = app.screen
        main.jump_to_actor("PPS-3403072001")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PathScreen)
        assert screen.source == "PPS-3403072001"
        await pilot.press(*"kapolsek tepus")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.target == "KAPOLSEK-340307"
        result = screen.result
        assert result is not None and result.path is not None
        assert (
            result.path.nodes[0] == "PPS-3403072001" and result.path.nodes[-1] == "KAPOLSEK-340307"
        )
        text = str(screen.query_one("#path-result").render())
        assert "Kapolsek Tepus" in text


async def test_search_finds_actors_and_areas_ignoring_diacritics(tepus_db, make_app):
    app = make_app(tepus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"pps kalurahan tépus")
        await until(pilot, lambda: "PPS Kalurahan Tepus" in first_hit(app))
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.actor == "PPS-3403072004"
        assert main.area == "34.03.07.2004"
        # An area by code.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"34.03.07")
        await until(pilot, lambda: bool(first_hit(app)))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.area == "34.03.07"


async def test_help_lists_remapped_keys_and_language_switch(tepus_db, make_app):
    app = make_app(tepus_db, keys={"show_gaps": "G"})
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("g")  # no longer bound
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("G")
        await settle(pilot)
        assert isinstance(app.screen, GapsScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        body = rich_text(help_table(app.keymap, app.lang))
        assert re.search(r"^\s*G\s+celah", body, re.M)
        assert "ekspor XLSX" in body and "^p" in body
        assert "G celah" in screen_text(app) or "G  celah" in screen_text(app)
        await pilot.press("f2")  # language switch works on any screen
        await settle(pilot)
        assert app.lang == "en"
        assert "export XLSX" in rich_text(help_table(app.keymap, app.lang))
        await pilot.press("escape")
        await settle(pilot)
        assert "election coordination network" in screen_text(app)
        await pilot.press("f3")
        assert app.theme == "textual-light"


async def test_a_store_that_cannot_be_opened_shows_what_to_do(tmp_path, make_app):
    folder = tmp_path / "not-a-file.db"
    folder.mkdir()
    app = make_app(Path(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        # The modal is the screen before its children are mounted: wait for its text too.
        await until(
            pilot,
            lambda: isinstance(app.screen, ErrorModal) and bool(app.screen.query(".dialog-text")),
        )
        text = str(app.screen.query_one(".dialog-text").render())
        assert "Traceback" not in text and text.strip()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_correct_a_recorded_link_and_undo(tepus_db, make_app):
    app = make_app(tepus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.jump_to_actor("PPS-3403072004")
        await settle(pilot)
        first = main.detail.timeline[0]
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("enter")  # the most recent link
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LinkForm)
        # Offered as the office writes it (day first), which the form reads back.
        assert form.query_one("#f-date", Input).value == short_date(date.fromisoformat(first.day))
        await _type(pilot, "#f-topic", "Rapat koordinasi DPTb (dikoreksi)")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await settle(pilot)
        links = app.gate.call(lambda s: s.links_of("PPS-3403072004"))
        assert first.link_id not in {lk.id for lk in links}
        assert any(lk.topic == "Rapat koordinasi DPTb (dikoreksi)" for lk in links)
        # Undo restores the link as it was.
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("y")
        await until(
            pilot,
            lambda: (
                first.link_id
                in {lk.id for lk in app.gate.call(lambda s: s.links_of("PPS-3403072004"))}
            ),
        )


@pytest.mark.trust("careless_use")
async def test_a_broken_rules_file_is_explained_and_the_defaults_used(tepus_db, make_app, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("[[rule]]\nid = 'x'\nsubject = 'NOPE'\n", encoding="utf-8")
    app = make_app(tepus_db, rules_file=rules)
    async with app.run_test(size=(80, 24)) as pilot:
        # The modal is the screen before its children are mounted: wait for its text too.
        await until(
            pilot,
            lambda: isinstance(app.screen, ErrorModal) and bool(app.screen.query(".dialog-text")),
        )
        text = str(app.screen.query_one(".dialog-text").render())
        assert "rules.toml" in text and "Traceback" not in text
        await pilot.press("escape")
        await ready(pilot)
        assert app.workspace.gaps is not None
