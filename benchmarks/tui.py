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

* write → screens updated, after an apply, an undo and an edit: from the
  store call that writes until the tree, the listing and the status bar show
  the new revision, with the incremental refresh (the change set the store
  applied, :meth:`tui.model.Workspace.refresh`) and, as the baseline in the
  same run, with the full reload the TUI did before (re-read and rebuild).
  These write: they run on a copy of the store (``--db`` is never written).

Targets (issue 12): first screen ≤ 1 s; gap counts in the tree ≤ 6 s; each
interaction ≤ 100 ms median; screens updated ≤ 0.5 s after a write.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
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

FIRST_SCREEN_TARGET = 1.0
GAP_COUNTS_TARGET = 6.0
INTERACTION_TARGET = 0.100
REFRESH_TARGET = 0.5
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
        # Gap counts in the tree: the tree holds the gap index, then one repaint.
        while app.main.area_tree.gaps is None:
            await asyncio.sleep(0.01)
        painted = asyncio.Event()
        app.call_after_refresh(painted.set)
        await painted.wait()
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
    """Per launch: seconds to the first usable screen and to the gap counts in the tree."""
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


async def after_writes(db: Path, repeat: int) -> dict[str, list[float]]:
    """Seconds from a write to the screens showing it: incremental refresh and full reload.

    Each write is what the TUI's own worker does (the store call with the
    revision before it, then ``NetworkChanged``); the undo is the app's undo
    worker itself. The full reload is the same message without the change set.
    """
    from textual.worker import WorkerState

    from sinergi_graph.changes import AddLink, Scenario
    from sinergi_graph.config import Settings
    from sinergi_graph.scenarios import JournalEntry, apply_scenario, record_edit, undo_last
    from sinergi_graph.store.protocol import GraphStore
    from tui.app import SinergiApp
    from tui.messages import NetworkChanged

    app = SinergiApp(Settings(db=db))
    results: dict[str, list[float]] = {}

    async def idle() -> None:
        def quiet() -> bool:
            return all(
                w.state not in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers
            )

        await wait_for(quiet, timeout=600)

    async def shown(revision: int, started: float, listing: object) -> float:
        """Wait until the tree, listing and status show ``revision``; seconds since ``started``."""
        main = app.main
        assert main is not None

        def updated() -> bool:
            gaps = app.workspace.gaps
            return (
                gaps is not None
                and gaps.revision == revision
                and main.area_tree.gaps is gaps
                and app.stage is None
                and main.actor_panel.listing is not listing
            )

        await wait_for(updated, timeout=600)
        await refreshed(app)
        return time.perf_counter() - started

    async def write(
        name: str, fn: Callable[[GraphStore], JournalEntry | None], incremental: bool
    ) -> None:
        assert app.main is not None
        listing = app.main.actor_panel.listing
        started = time.perf_counter()

        def call(store: GraphStore) -> tuple[int, JournalEntry | None]:
            return store.revision(), fn(store)

        before, entry = await asyncio.to_thread(app.gate.call, call)
        assert entry is not None
        changes = entry.inverse if name == "undo" else entry.forward
        if incremental:
            app.post_message(NetworkChanged(name, changes=changes, revision=before))
        else:
            app.post_message(NetworkChanged(name))
        seconds = await shown(before + 1, started, listing)
        way = app.workspace.last_refresh if incremental else "full reload"
        results.setdefault(f"{name}: {way}", []).append(seconds)
        await idle()

    async with app.run_test(size=SIZE) as pilot:
        await wait_for(lambda: app.workspace.gaps is not None, timeout=900)
        await idle()
        await pilot.pause()
        main = app.main
        assert main is not None
        main.jump_to_area("33.23.01")
        await idle()
        index = app.workspace.gaps
        assert index is not None
        gaps = [g for g in index.gaps if g.counterpart_ids and g.rule == "pps-kades"]
        step_size = max(1, len(gaps) // (repeat + 2))
        picks = [gaps[i * step_size] for i in range(repeat + 1)]
        for i, gap in enumerate(picks):
            incremental = i < repeat  # the last round is the baseline: full reloads
            link = AddLink(source=gap.subject_id, target=gap.counterpart_ids[0], topic="bench")
            scenario = Scenario(name="bench", changes=[link])

            def apply(s: GraphStore, sc: Scenario = scenario) -> JournalEntry:
                return apply_scenario(s, sc)

            await write("apply", apply, incremental)
            await write("undo", undo_last, incremental)

            def rename(s: GraphStore, subject: str = gap.subject_id) -> JournalEntry:
                actor = s.get_actor(subject)
                assert actor is not None
                renamed = actor.model_copy(update={"name": actor.name + " (bench)"})
                return record_edit(s, "bench", actors=(renamed,))

            await write("edit", rename, incremental)
    return results


def launch(db: Path, launches: int) -> None:
    firsts, loads = first_screen(db, launches)
    first = statistics.median(firsts)
    print(
        f"launch → first usable screen: median {first:.2f} s over {len(firsts)} launches "
        f"({', '.join(f'{x:.2f}' for x in firsts)}); target ≤ {FIRST_SCREEN_TARGET:.0f} s "
        f"{'OK' if first <= FIRST_SCREEN_TARGET else 'MISSED'}"
    )
    counts = statistics.median(loads)
    print(
        f"launch → gap counts in the tree: median {counts:.1f} s "
        f"({', '.join(f'{x:.1f}' for x in loads)}); target ≤ {GAP_COUNTS_TARGET:.0f} s "
        f"{'OK' if counts <= GAP_COUNTS_TARGET else 'MISSED'} (the tree takes keys meanwhile)"
    )


def print_writes(found: dict[str, list[float]]) -> None:
    print("\nwrite → screens updated (tree, listing, status bar):")
    for name, values in sorted(found.items()):
        med = statistics.median(values)
        spread = ", ".join(f"{v:.2f}" for v in values)
        verdict = "OK" if med <= REFRESH_TARGET else "MISSED"
        if "full reload" in name:
            verdict = "(baseline)"
        print(f"  {name:<40} median {med:6.2f} s   [{spread}]   {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing national demo store")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--launches", type=int, default=3)
    parser.add_argument("--writes", type=int, default=3, help="incremental rounds (+1 baseline)")
    parser.add_argument(
        "--only", choices=["launch", "interactions", "writes"], action="append", default=None
    )
    args = parser.parse_args()
    only = set(args.only or ["launch", "interactions", "writes"])
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="sinergi-tui-bench-") as tmp:
        db = args.db or build_store(Path(tmp))
        print(f"\nstore: {db}")
        if "launch" in only:
            launch(db, args.launches)
        if "writes" in only:
            # Writes go to a copy: the store given is never written.
            copy = Path(tmp) / "written.db"
            shutil.copyfile(db, copy)
            print_writes(asyncio.run(after_writes(copy, args.writes)))
        if "interactions" not in only:
            return
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
