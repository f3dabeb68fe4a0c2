"""TUI responsiveness on the national demo network (figures printed, not a timed test).

    python benchmarks/tui.py [--db PATH] [--repeat 7]

Without ``--db`` it first builds the national demo (``sinergi demo --region
ID``) into a temporary embedded store. Then it measures, headless at 160×48:

* launch → first usable screen: a fresh ``python`` process (interpreter start,
  imports, app start) until the area tree shows the provinces and takes keys;
  the network keeps loading in a worker meanwhile (that time is printed too);
* key press → updated screen, median of ``--repeat`` presses, for: expanding a
  tree node, selecting the next actor (detail loaded), stepping the severity
  filter of a province's gap list, and adding a link to a scenario (enter in
  the proposal dialog → new before/after in the scenario panel).

Targets: first screen ≤ 2 s; each interaction ≤ 100 ms median.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# This file is named like the ``tui`` package; keep its folder off the import path.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

FIRST_SCREEN_TARGET = 2.0
INTERACTION_TARGET = 0.100
SIZE = (160, 48)

CHILD = r"""
import asyncio, json, sys, time
launched = float(sys.argv[2])
from pathlib import Path
from sinergi_graph.config import Settings
from tui.app import SinergiApp

async def main():
    app = SinergiApp(Settings(db=Path(sys.argv[1])))
    async with app.run_test(size=(160, 48)) as pilot:
        while not (app.main is not None and app.main.area_tree.root.children):
            await asyncio.sleep(0.002)
        painted = asyncio.Event()
        app.call_after_refresh(painted.set)
        await painted.wait()
        first = time.time() - launched
        while app.workspace.gaps is None:
            await asyncio.sleep(0.05)
        loaded = time.time() - launched
        print(json.dumps({"first": first, "loaded": loaded}))
        app.exit()

asyncio.run(main())
"""


def build_store(folder: Path) -> Path:
    db = folder / "national.db"
    print(f"building the national demo into {db} …", flush=True)
    started = time.perf_counter()
    subprocess.run(
        ["sinergi", "--db", str(db), "demo", "--region", "ID"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"  demo built in {time.perf_counter() - started:.1f} s", flush=True)
    return db


def first_screen(db: Path, runs: int) -> tuple[list[float], list[float]]:
    firsts, loads = [], []
    for _ in range(runs):
        launched = time.time()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(db), repr(launched)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "SINERGI_LANG": "id"},
        )
        doc = json.loads(out.stdout.strip().splitlines()[-1])
        firsts.append(doc["first"])
        loads.append(doc["loaded"])
    return firsts, loads


async def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen did not update")
        await asyncio.sleep(0.0005)


def send_key(app: object, key: str) -> None:
    """Deliver a key the way the terminal driver does (no pilot idle-waiting around it)."""
    from textual import events

    char = {"space": " ", "enter": "\r", "escape": "\x1b"}.get(key, key if len(key) == 1 else None)
    event = events.Key(key, char)
    event.set_sender(app)  # type: ignore[arg-type]
    app._driver.send_message(event)  # type: ignore[attr-defined]


async def refreshed(app: object) -> None:
    """Return once the screen has been repainted after everything queued so far."""
    painted = asyncio.Event()
    app.call_after_refresh(painted.set)  # type: ignore[attr-defined]
    await painted.wait()


async def timed(app: object, key: str, done: Callable[[], bool]) -> float:
    """Seconds from a key press to its result on screen (condition met, then a repaint)."""
    started = time.perf_counter()
    send_key(app, key)
    await wait_for(done)
    await refreshed(app)
    return time.perf_counter() - started


async def interactions(db: Path, repeat: int) -> dict[str, list[float]]:
    from textual.worker import WorkerState

    from sinergi_graph.analysis.simulation import AddLink
    from sinergi_graph.config import Settings
    from tui.app import SinergiApp
    from tui.gaps_screen import GapsScreen
    from tui.plan_screen import PlanScreen
    from tui.propose_link import ProposeLink

    app = SinergiApp(Settings(db=db))
    results: dict[str, list[float]] = {"tree expand": [], "actor select": [], "gap filter": []}
    results["add link to scenario"] = []

    async def idle(pilot: object) -> None:
        def quiet() -> bool:
            return all(
                w.state not in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers
            )

        await wait_for(quiet, timeout=300)
        await pilot.pause()  # type: ignore[attr-defined]

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: app.workspace.gaps is not None, timeout=600)
        await idle(pilot)
        main = app.main
        assert main is not None
        tree = main.area_tree
        network = app.workspace.network
        assert network is not None

        # Tree expand: provinces one after the other (collapsed, children not loaded yet).
        provinces = [n for n in tree.root.children][:repeat]
        for node in provinces:
            tree.move_cursor(node)
            tree.focus()
            await idle(pilot)

            def expanded(node=node) -> bool:  # type: ignore[no-untyped-def]
                return node.is_expanded and bool(node.children)

            results["tree expand"].append(await timed(app, "space", expanded))
            await idle(pilot)

        # Actor select: a regency's table, cursor down, until the detail shows that actor.
        main.jump_to_area("33.23")
        await idle(pilot)
        table = main.actor_panel.table
        table.focus()
        await idle(pilot)
        for _ in range(repeat):
            nxt = main.actor_panel.listing.lines[table.cursor_row + 1].id  # type: ignore[union-attr]

            def shown(nxt=nxt) -> bool:  # type: ignore[no-untyped-def]
                return main.detail is not None and main.detail.actor.id == nxt

            results["actor select"].append(await timed(app, "down", shown))
            await idle(pilot)

        # Gap filter: the gap list of a province, stepping the severity filter.
        main.jump_to_area("33")
        await idle(pilot)
        await pilot.press("g")
        await idle(pilot)
        screen = app.screen
        assert isinstance(screen, GapsScreen)
        for _ in range(repeat):
            before = screen.flt

            def filtered(before=before) -> bool:  # type: ignore[no-untyped-def]
                return (
                    screen.flt != before
                    and screen.gaps is not None
                    and screen._ready
                    and (
                        screen.flt.severity is None
                        or all(g.severity == screen.flt.severity for g in screen.gaps[:50])
                    )
                )

            screen._ready = False
            results["gap filter"].append(await timed(app, "2", filtered))
            await idle(pilot)
        await pilot.press("escape")
        await idle(pilot)

        # Add a link to a scenario: the simulation is built once (printed apart), then each
        # enter in the proposal dialog re-evaluates incrementally.
        gaps = [g for g in app.workspace.gaps.gaps if g.counterpart_ids]
        step_size = max(1, len(gaps) // (repeat + 1))
        subjects = [gaps[i * step_size] for i in range(repeat)]
        started = time.perf_counter()
        await pilot.press("p")
        await wait_for(lambda: isinstance(app.screen, PlanScreen))
        await idle(pilot)
        build = time.perf_counter() - started
        plan_screen = app.screen
        for gap in subjects:
            main.actor = gap.subject_id
            await pilot.press("l")
            await wait_for(lambda: isinstance(app.screen, ProposeLink))
            await idle(pilot)
            count = len(app.plan.changes)  # type: ignore[union-attr]

            def added(count=count) -> bool:  # type: ignore[no-untyped-def]
                plan = app.plan
                return (
                    app.screen is plan_screen
                    and plan is not None
                    and len(plan.changes) == count + 1
                    and plan.result is not None
                )

            results["add link to scenario"].append(await timed(app, "enter", added))
            await idle(pilot)
            assert isinstance(app.plan.changes[-1], AddLink)  # type: ignore[union-attr]
        results["(simulation first built, once)"] = [build]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing national demo store")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--launches", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sinergi-tui-bench-") as tmp:
        db = args.db or build_store(Path(tmp))
        firsts, loads = first_screen(db, args.launches)
        first = statistics.median(firsts)
        print(f"\nstore: {db}")
        print(
            f"launch → first usable screen: median {first:.2f} s over {len(firsts)} launches "
            f"({', '.join(f'{x:.2f}' for x in firsts)}); target ≤ {FIRST_SCREEN_TARGET:.0f} s "
            f"{'OK' if first <= FIRST_SCREEN_TARGET else 'MISSED'}"
        )
        print(
            f"  (network and gaps loaded in the background after "
            f"{statistics.median(loads):.1f} s; the tree takes keys meanwhile)"
        )
        found = asyncio.run(interactions(db, args.repeat))
        print(f"\nkey press → updated screen (median of {args.repeat}), 160×48 headless:")
        for name, values in found.items():
            med = statistics.median(values)
            if name.startswith("("):
                print(f"  {name:<32} {med * 1000:8.1f} ms")
                continue
            verdict = "OK" if med <= INTERACTION_TARGET else "MISSED"
            spread = ", ".join(f"{v * 1000:.0f}" for v in values)
            print(f"  {name:<32} {med * 1000:8.1f} ms   [{spread}]   {verdict}")


if __name__ == "__main__":
    main()
