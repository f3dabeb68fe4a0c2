"""A missing ``--db`` file is asked about, never created behind the user's back (issue 13)."""

from __future__ import annotations

import pytest
from tui_helpers import ready, screen_text, until

from tui.confirm import ConfirmModal

pytestmark = pytest.mark.trust("careless_use")


async def test_a_missing_store_is_not_created_and_no_quits_with_the_cli_message(tmp_path, make_app):
    db = tmp_path / "typo.db"
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        modal = app.screen
        assert isinstance(modal, ConfirmModal) and str(db) in modal.question
        assert not db.exists()
        await pilot.press("n")
        await until(pilot, lambda: app.return_code is not None)
        # What the terminal shows after the app quits: the CLI's own message.
        assert "sinergi import" in str(app._exit_renderables[0])
    assert app.return_code == 1
    assert not db.exists()


async def test_yes_creates_the_empty_store_and_says_how_to_fill_it(tmp_path, make_app):
    db = tmp_path / "new.db"
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await ready(pilot)
        assert db.exists()
        assert "sinergi import" in screen_text(app)


async def test_an_existing_store_opens_without_a_question(fixed_db, make_app):
    app = make_app(fixed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert not isinstance(app.screen, ConfirmModal)
        assert app.workspace.network is not None and app.workspace.network.rows
