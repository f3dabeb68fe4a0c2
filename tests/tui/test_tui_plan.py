"""Planning: propose a link, watch the gap count fall, apply it, undo it."""

from __future__ import annotations

from tui_helpers import ready, rich_text, settle, until

from sinergi_graph.analysis.simulation import AddLink
from tui.confirm import ConfirmModal
from tui.main_screen import MainScreen
from tui.plan_screen import PlanScreen
from tui.prompts import TextView
from tui.propose_link import ProposeLink


def _subject_with(app, rule: str) -> str:
    gap = next(g for g in app.workspace.gaps.gaps if g.rule == rule and g.counterpart_ids)
    return gap.subject_id


async def test_plan_a_link_apply_and_undo(backend_app):
    app = backend_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        before = len(app.workspace.gaps)
        subject = _subject_with(app, "pps-kades")
        main = app.screen
        assert isinstance(main, MainScreen)
        main.jump_to_actor(subject)
        await settle(pilot)
        assert main.actor == subject

        # Propose: the recommended counterpart (the village head) comes first.
        await pilot.press("l")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ProposeLink)
        first = modal.candidates[0]
        assert first.recommended
        assert app.workspace.network.kind(first.target) in {"KADES", "LURAH"}
        assert any(g.rule == "pps-kades" for g in first.closes)
        await pilot.press("enter")
        await settle(pilot)

        # The scenario panel shows the gap count falling.
        plan_screen = app.screen
        assert isinstance(plan_screen, PlanScreen)
        plan = app.plan
        assert plan is not None and len(plan.changes) == 1
        assert isinstance(plan.changes[0], AddLink)
        result = plan.result
        assert result.before == before
        assert result.after == before - len(result.closed) + len(result.opened)
        assert result.after < result.before
        assert ("pps-kades", subject) in {g.key for g in result.closed}
        outcome = str(plan_screen.query_one("#outcome").render())
        assert f"{before} → {result.after}" in outcome
        assert plan.metrics is not None  # reach / single points of failure computed after

        # Apply after confirmation.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await until(
            pilot,
            lambda: app.workspace.gaps is not None and len(app.workspace.gaps) == result.after,
        )
        await settle(pilot)
        link_id = result.scenario.changes[0].link().id
        stored = app.gate.call(lambda s: s.links([link_id]))
        assert len(stored) == 1
        assert not app.plan.changes  # the plan is emptied once applied

        # Undo the applied change (u, confirm): the link is gone, the gaps are back.
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await until(pilot, lambda: len(app.workspace.gaps) == before)
        await settle(pilot)
        assert app.gate.call(lambda s: s.links([link_id])) == []


async def test_removing_a_change_and_saving_loading_comparing(temanggung_db, make_app):
    app = make_app(temanggung_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        gaps = [g for g in app.workspace.gaps.gaps if g.counterpart_ids][:2]
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        for g in gaps:
            screen.add_change(AddLink(source=g.subject_id, target=g.counterpart_ids[0]))
            await settle(pilot)
        assert len(app.plan.changes) == 2
        two = app.plan.result.after
        # Save under a name.
        await pilot.press("s")
        await settle(pilot)
        await pilot.press(*"dua-tautan")
        await pilot.press("enter")
        await settle(pilot)
        assert app.plan.name == "dua-tautan"
        # Remove the first change: the count goes back up by what it closed.
        await pilot.press("delete")
        await settle(pilot)
        assert len(app.plan.changes) == 1
        assert app.plan.result.after > two
        # Load the saved one again.
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert len(app.plan.changes) == 2 and app.plan.result.after == two
        # Compare with the saved plans: a table of before/after per plan.
        await pilot.press("m")
        await settle(pilot)
        view = app.screen
        assert isinstance(view, TextView)
        assert "dua-tautan" in rich_text(view.body)
