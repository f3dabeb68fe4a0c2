"""Waiting for the TUI's background work in tests (workers report back by message)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerState

from tui.app import SinergiApp
from tui.main_screen import MainScreen

TIMEOUT = 60.0


async def settle(pilot: Pilot[None], *, timeout: float = TIMEOUT) -> None:
    """Wait until no worker runs and the messages they sent are handled."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while True:
        busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not busy:
            await pilot.pause()
            busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
            if not busy:
                break
        if time.monotonic() > deadline:
            raise AssertionError(f"workers still busy: {[w.name for w in busy]}")
        await asyncio.sleep(0.01)
    await pilot.pause()
    await pilot.pause()


async def until(
    pilot: Pilot[None],
    condition: Callable[[], bool],
    *,
    timeout: float = TIMEOUT,
    state: Callable[[], object] | None = None,
) -> None:
    """Wait until ``condition()`` holds (checked between event-loop turns).

    ``state()``, when given, says what was seen instead, in the failure message.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            seen = f": {state()!r}" if state is not None else ""
            raise AssertionError(f"condition not reached in time{seen}")
        await asyncio.sleep(0.01)
        await pilot.pause()


async def ready(pilot: Pilot[None]) -> SinergiApp:
    """The app with its network and gaps loaded and nothing left running."""
    app = pilot.app
    assert isinstance(app, SinergiApp)
    await until(pilot, lambda: app.workspace.gaps is not None and app.ready.is_set())
    await settle(pilot)
    main = app.screen
    network = app.workspace.network
    if isinstance(main, MainScreen) and network is not None:
        # The tree's first jump to the network's area lands a refresh after the
        # network does: a screen opened before it would show the cursor at the root.
        focus = network.focus_area()
        tree = main.area_tree
        await until(
            pilot,
            lambda: main.area == focus and tree.cursor_code == focus,
            state=lambda: {
                "focus": focus,
                "area": main.area,
                "cursor": tree.cursor_code,
                "pending": tree._pending,
                "areas": tree.areas is not None,
                "node": focus in tree._area_nodes,
                "focused_once": main._focused_once,
            },
        )
        await settle(pilot)
    return app


def still(pilot: Pilot[None]) -> None:
    """No blinking cursors: snapshots must not depend on the blink phase."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def screen_text(app: SinergiApp) -> str:
    """The characters on screen, line by line (from the SVG screenshot)."""
    import html
    import re

    svg = app.export_screenshot()
    lines: dict[float, list[tuple[float, str]]] = {}
    pattern = r'<text[^>]*x="([\d.]+)"[^>]*y="([\d.]+)"[^>]*>(.*?)</text>'
    for m in re.finditer(pattern, svg):
        x, y, text = float(m.group(1)), float(m.group(2)), html.unescape(m.group(3))
        lines.setdefault(y, []).append((x, text))
    rows = ["".join(t for _, t in sorted(parts)) for _, parts in sorted(lines.items())]
    return "\n".join(rows).replace("\xa0", " ")


def rich_text(renderable: object, width: int = 120) -> str:
    from rich.console import Console

    console = Console(width=width, record=True, file=__import__("io").StringIO())
    console.print(renderable)
    return console.export_text()
