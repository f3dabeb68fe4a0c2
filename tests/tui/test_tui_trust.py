"""Trust in the TUI (issue 13): keys do what the help says, contacts stay hidden, nothing
is planned or written twice or without asking, and no name can attack the screen."""

from __future__ import annotations

import re

import pytest
from tui_helpers import ready, screen_text, settle, until

from tui.app import SinergiApp
from tui.bindings import GAPS, GLOBAL, MAIN, NETWORK, PATH, PLAN, Key
from tui.gaps_screen import GapsScreen
from tui.main_screen import MainScreen
from tui.network_screen import NetworkScreen
from tui.path_screen import PathScreen
from tui.plan_screen import PlanScreen


def _action_name(key: Key) -> tuple[str, str]:
    namespace, _, action = key.action.rpartition(".")
    return namespace, re.sub(r"\(.*\)$", "", action)


@pytest.mark.parametrize(
    ("keys", "screen"),
    [
        (GLOBAL, SinergiApp),
        (MAIN, MainScreen),
        (GAPS, GapsScreen),
        (PLAN, PlanScreen),
        (PATH, PathScreen),
        (NETWORK, NetworkScreen),
    ],
)
@pytest.mark.trust("careless_use")
def test_every_key_in_the_help_has_an_action_that_exists(keys, screen):
    # A binding to an action its namespace lacks does nothing, silently (the old `q` and `tab`).
    for key in keys:
        namespace, action = _action_name(key)
        owner = SinergiApp if namespace == "app" or screen is SinergiApp else screen
        assert hasattr(owner, f"action_{action}"), (
            f"{key.id}: {owner.__name__} has no action_{action}"
        )


@pytest.mark.trust("careless_use")
async def test_tab_and_shift_tab_reach_the_detail_pane_at_80x24(fixed_db, make_app):
    app = make_app(fixed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.area_tree.focus()
        await settle(pilot)
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            await settle(pilot)
            seen.append(app.focused.id if app.focused else None)
        assert seen == ["actor-filter", "actor-table", "detail-narrow", "area-tree"]
        await pilot.press("shift+tab")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "detail-narrow"


@pytest.mark.trust("careless_use")
async def test_q_quits_as_the_help_says(fixed_db, make_app):
    app = make_app(fixed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.screen.query_one("#actor-table").focus()
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


# --------------------------------------------------------------------------
# Contacts stay hidden in forms too


@pytest.mark.trust("output_safety")
async def test_the_edit_form_hides_phone_and_email_until_contacts_are_shown(tepus_db, make_app):
    from textual.widgets import Input

    from tui.edit_form import ActorForm

    app = make_app(tepus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        main = app.screen
        main.jump_to_actor("PPS-3403072004")
        await settle(pilot)
        actor = app.gate.call(lambda s: s.get_actor("PPS-3403072004"))
        assert actor.email
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActorForm)
        email = form.query_one("#f-email", Input)
        assert email.value == actor.email  # kept, so saving does not lose it
        assert email.password and form.query_one("#f-phone", Input).password
        assert actor.email not in screen_text(app)
        assert not form.query_one("#f-name", Input).password
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("c")  # contacts shown: the form shows them too
        await pilot.press("e")
        await settle(pilot)
        assert not app.screen.query_one("#f-email", Input).password
        assert actor.email in screen_text(app)


# --------------------------------------------------------------------------
# The undo prompt names what it undoes


@pytest.mark.trust("careless_use")
async def test_the_undo_prompt_names_the_edit_it_would_undo(tepus_db, make_app):
    from textual.widgets import Input

    from tui.confirm import ConfirmModal

    app = make_app(tepus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.screen.jump_to_actor("PPS-3403072004")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#f-name", Input).value = "PPS Tepus Dikoreksi"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "PPS Tepus Dikoreksi" in app.screen.question
        await pilot.press("n")


# --------------------------------------------------------------------------
# A name cannot attack the screen

HOSTILE = "\x1b[2JPPS [/]Jahat [bold]x\x1b]52;c;cm0gLXJm\x07\x1b]8;;http://evil.example\x1b\\"
SHOWN = "PPS [/]Jahat [bold]x"


def _plant_hostile_actor(db):
    from sinergi_graph.models import Actor, CoordinationLink
    from sinergi_graph.store.embedded import EmbeddedStore

    store = EmbeddedStore(db)
    try:
        store.upsert(
            [
                Actor(
                    id="PPS-JAHAT",
                    kind="PPS",
                    name=HOSTILE,
                    area="34.03.07.2002",
                    note="[link=http://evil.example]klik[/link] \x1b[31m",
                )
            ],
            [
                CoordinationLink.create(
                    "PPS-JAHAT", "LURAH-3403072002", topic="[/] rapat \x1b[2J", type="RAPAT"
                )
            ],
        )
    finally:
        store.close()


@pytest.mark.trust("output_safety")
async def test_escape_sequences_and_markup_in_a_name_are_shown_inert(fixed_db, make_app):
    from textual.widgets import Input

    from tui.edit_form import ActorForm
    from tui.messages import NetworkChanged
    from tui.prompts import ChoicePrompt
    from tui.propose_link import ProposeLink

    _plant_hostile_actor(fixed_db)
    app = make_app(fixed_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.jump_to_actor("PPS-JAHAT")
        await settle(pilot)
        assert main.detail is not None and main.detail.actor.id == "PPS-JAHAT"
        shot = app.export_screenshot()
        assert "\x1b" not in shot and "\x07" not in shot
        text = screen_text(app)
        assert SHOWN in text  # in the table and the detail, literally
        assert "Sumberwungu — [/]" in text  # the history's topic
        assert "[link=http://evil.example]klik[/link]" in text  # the note, as written
        assert "Kab. Gunungkidul" in text and "Sumberwungu 2" in text  # the tree intact
        # The link picker, the proposal, the gap list and the plan show it too.
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, ChoicePrompt)
        assert "[/] rapat" in screen_text(app)  # the link picker's line
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, ProposeLink)
        assert SHOWN in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        # The form: saving the name as it is is refused (control characters), and the
        # problem line quoting it is shown as text.
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActorForm)
        form.query_one("#f-note", Input).value = "dicek"
        await pilot.press("ctrl+s")
        await settle(pilot)
        if app.screen is form:
            assert str(form.query_one("#form-problems").render()).strip()
            await pilot.press("escape")
            await settle(pilot)
        # What an edit announces quotes the name: shown, never parsed as markup.
        app.post_message(NetworkChanged(f"Aktor dikoreksi: {HOSTILE}"))
        await settle(pilot)
        assert app.is_running
        assert any(SHOWN in str(n.message) for n in app._notifications)
        assert "\x1b" not in app.export_screenshot()


# --------------------------------------------------------------------------
# The plan: no duplicate link, no removal without choosing and confirming


def _subject_with_gap(app) -> tuple[str, str]:
    gap = next(g for g in app.workspace.gaps.gaps if g.counterpart_ids)
    return gap.subject_id, gap.counterpart_ids[0]


@pytest.mark.trust("careless_use")
async def test_propose_link_does_not_offer_or_add_a_link_already_planned(temanggung_db, make_app):
    from sinergi_graph.analysis.simulation import AddLink
    from tui.propose_link import ProposeLink

    app = make_app(temanggung_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        subject, _ = _subject_with_gap(app)
        app.screen.jump_to_actor(subject)
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ProposeLink)
        target = modal.candidates[0].target
        await pilot.press("enter")
        await settle(pilot)
        plan_screen = app.screen
        assert isinstance(plan_screen, PlanScreen) and len(app.plan.changes) == 1
        # Proposing again for the same subject: the planned counterpart is not offered.
        await pilot.press("l")
        await settle(pilot)
        again = app.screen
        assert isinstance(again, ProposeLink)
        assert target not in {c.target for c in again.candidates}
        await pilot.press("escape")
        await settle(pilot)
        # Adding the same link (either way round) leaves the plan as it was.
        plan_screen.add_change(AddLink(source=target, target=subject))
        await settle(pilot)
        assert len(app.plan.changes) == 1


@pytest.mark.trust("careless_use")
async def test_k_in_the_plan_asks_whom_and_confirms_before_planning_a_removal(tepus_db, make_app):
    from sinergi_graph.analysis.simulation import RemoveActor
    from tui.confirm import ConfirmModal
    from tui.prompts import ChoicePrompt

    app = make_app(tepus_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.screen.jump_to_actor("PPS-3403072004")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, ChoicePrompt)
        assert not app.plan.changes  # nothing planned by the key alone
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        assert "PPS Kalurahan Tepus" in app.screen.question
        await pilot.press("n")  # declined: still nothing planned
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen) and not app.plan.changes
        await pilot.press("k")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert [type(c) for c in app.plan.changes] == [RemoveActor]
        assert app.plan.changes[0].actor_id == "PPS-3403072004"


# --------------------------------------------------------------------------
# Exports from the gap list: the user sees and chooses the path; nothing replaced silently


@pytest.mark.trust("durability")
async def test_gap_export_asks_for_the_path_and_never_overwrites_silently(
    temanggung_db, make_app, tmp_path
):
    from textual.widgets import Input

    from tui.confirm import ConfirmModal
    from tui.prompts import TextPrompt

    app = make_app(temanggung_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GapsScreen)
        target = tmp_path / "rapat" / "celah.csv"
        target.parent.mkdir()
        target.write_text("catatan rapat yang tidak boleh hilang\n", encoding="utf-8")
        # Into the working directory by default no more: the prompt shows the full path.
        await pilot.press("v")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        proposed = prompt.query_one(Input).value
        assert proposed.startswith(str(app.export_dir.resolve()))
        prompt.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        # The file exists: asked first; "no" leaves it as it was.
        assert isinstance(app.screen, ConfirmModal) and str(target) in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "catatan rapat yang tidak boleh hilang\n"
        assert screen.last_export is None
        # "yes" replaces it, and the note under the list says where it went.
        await pilot.press("v")
        await settle(pilot)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("y")
        await until(pilot, lambda: screen.last_export == target)
        assert target.read_text(encoding="utf-8").startswith("rule,")
        assert "rapat/celah.csv" in screen_text(app)  # the note keeps the file name in sight
        assert any(str(target) in n.message for n in app._notifications)  # the full path


@pytest.mark.trust("careless_use")
async def test_a_failed_export_is_reported_once_and_the_app_goes_on(
    temanggung_db, make_app, tmp_path
):
    from textual.widgets import Input

    app = make_app(temanggung_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("g")
        await settle(pilot)
        blocker = tmp_path / "bukan-folder"
        blocker.write_text("", encoding="utf-8")
        await pilot.press("v")
        await settle(pilot)
        app.screen.query_one(Input).value = str(blocker / "celah.csv")  # a file as the folder
        await pilot.press("enter")
        await settle(pilot)
        # The one worker policy: a notification saying what failed, the screen stays usable.
        assert app.is_running and isinstance(app.screen, GapsScreen)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "bukan-folder" in errors[0].message
        assert "Traceback" not in errors[0].message


# --------------------------------------------------------------------------
# An empty store is said to be empty


@pytest.mark.trust("careless_use")
async def test_an_empty_store_says_so_and_what_to_do(tmp_path, make_app):
    from sinergi_graph.store.embedded import EmbeddedStore

    db = tmp_path / "kosong.db"
    EmbeddedStore(db).close()
    app = make_app(db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        text = screen_text(app)
        assert "kosong" in text and "sinergi import" in text
        assert "penyimpanan kosong" in app.status_text()
        await pilot.press("f2")
        await settle(pilot)
        assert "is empty" in screen_text(app)
