"""Run the trust tests of issue 13 and count them class by class: tried / handled.

    python3 scripts/trust_tally.py                # everything, Neo4j and the TUI too
    python3 scripts/trust_tally.py --no-neo4j     # quick: without the Neo4j server
    python3 scripts/trust_tally.py --no-neo4j --no-tui -- -x   # extra pytest arguments

A trust test carries ``@pytest.mark.trust("<class>")`` (or a module's
``pytestmark``); a parametrised test counts once per case. The classes are
the issue's:

``bad_input``      a file the import must read right or refuse at file[sheet]:row:column,
                   writing nothing;
``durability``     nothing a user did is lost: stores, outputs, the undo journal,
                   kills, full disks, a shared file read while another process writes;
``output_safety``  nothing in a name or a file attacks the reader: formulas, terminal
                   escapes, markup, contacts;
``neo4j``          the same on the Neo4j server: authentication, refused writes, a
                   server that dies, nothing interpolated into Cypher;
``careless_use``   what a new, careless or hostile user does: wrong flags, paths,
                   numbers, keys, an empty or missing store, answers that must not be
                   silently wrong.

Tried is every case that ran; handled is a case that passed. A case marked
``xfail`` is a reproduction whose fix is still open: tried, not handled. A
skipped case (no ``unshare`` for a tiny disk, say) is counted apart, and so is
one left out by ``--no-neo4j``/``--no-tui``. The pytest command is printed
first, so the figures can be reproduced as they are.

The script is also the pytest plugin that collects the outcomes (``-p
trust_tally``, found through PYTHONPATH); it writes them as JSON to the file
named by ``TRUST_TALLY_OUT``.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

CLASSES = ("bad_input", "durability", "output_safety", "neo4j", "careless_use")
ROOT = Path(__file__).resolve().parent.parent
OUT_ENV = "TRUST_TALLY_OUT"

# --------------------------------------------------------------------------
# The plugin (loaded inside pytest)

_klass: dict[str, str] = {}
_outcome: dict[str, str] = {}
_not_run: set[str] = set()
_bad: list[str] = []


def _klass_of(item: Any) -> str | None:
    marker = item.get_closest_marker("trust")
    if marker is None:
        return None
    klass = marker.args[0] if marker.args else marker.kwargs.get("klass")
    if klass not in CLASSES:
        _bad.append(f"{item.nodeid}: trust({klass!r}) is not one of {', '.join(CLASSES)}")
        return None
    return str(klass)


def pytest_deselected(items: list[Any]) -> None:
    for item in items:
        klass = _klass_of(item)
        if klass is not None:
            _klass[item.nodeid] = klass
            _not_run.add(item.nodeid)


def pytest_collection_finish(session: Any) -> None:
    for item in session.items:
        klass = _klass_of(item)
        if klass is not None:
            _klass[item.nodeid] = klass


def pytest_runtest_logreport(report: Any) -> None:
    nodeid = report.nodeid
    if nodeid not in _klass:
        return
    xfail = hasattr(report, "wasxfail")
    if report.when == "setup":
        if report.failed:
            _outcome[nodeid] = "error"
        elif report.skipped:
            _outcome[nodeid] = "xfailed" if xfail else "skipped"
    elif report.when == "call":
        if xfail:
            _outcome[nodeid] = "xpassed" if report.passed else "xfailed"
        elif report.skipped:
            _outcome[nodeid] = "skipped"
        else:
            _outcome[nodeid] = "passed" if report.passed else "failed"
    elif report.when == "teardown" and report.failed:
        _outcome[nodeid] = "error"


def pytest_sessionfinish(session: Any) -> None:
    target = os.environ.get(OUT_ENV)
    if not target:
        return
    cases = [
        {
            "nodeid": nodeid,
            "klass": klass,
            "outcome": "not run" if nodeid in _not_run else _outcome.get(nodeid, "not run"),
        }
        for nodeid, klass in sorted(_klass.items())
    ]
    Path(target).write_text(json.dumps({"cases": cases, "bad": _bad}), encoding="utf-8")


# --------------------------------------------------------------------------
# The script


def tally(cases: list[dict[str, str]]) -> dict[str, Counter[str]]:
    """Outcomes per class."""
    by_class: dict[str, Counter[str]] = {k: Counter() for k in CLASSES}
    for case in cases:
        by_class[case["klass"]][case["outcome"]] += 1
    return by_class


def _figures(counts: Counter[str]) -> tuple[int, int, int, int]:
    handled = counts["passed"] + counts["xpassed"]
    tried = handled + counts["failed"] + counts["error"] + counts["xfailed"]
    return tried, handled, counts["skipped"], counts["not run"]


def render(cases: list[dict[str, str]]) -> str:
    by_class = tally(cases)
    head = f"{'class':<15}{'tried':>7}{'handled':>9}{'open':>6}{'skipped':>9}{'not run':>9}"
    lines = [head, "-" * len(head)]
    totals = [0, 0, 0, 0]
    for klass in CLASSES:
        tried, handled, skipped, not_run = _figures(by_class[klass])
        totals = [a + b for a, b in zip(totals, (tried, handled, skipped, not_run), strict=True)]
        lines.append(
            f"{klass:<15}{tried:>7}{handled:>9}{tried - handled:>6}{skipped:>9}{not_run:>9}"
        )
    tried, handled, skipped, not_run = totals
    lines.append("-" * len(head))
    lines.append(f"{'all':<15}{tried:>7}{handled:>9}{tried - handled:>6}{skipped:>9}{not_run:>9}")
    open_cases = [c for c in cases if c["outcome"] in ("failed", "error", "xfailed")]
    if open_cases:
        lines.append("")
        lines.append("Tried, not handled:")
        lines.extend(f"  {c['klass']}: {c['nodeid']} ({c['outcome']})" for c in open_cases)
    skipped_cases = [c for c in cases if c["outcome"] == "skipped"]
    if skipped_cases:
        lines.append("")
        lines.append("Skipped:")
        lines.extend(f"  {c['klass']}: {c['nodeid']}" for c in skipped_cases)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-neo4j", action="store_true", help="leave out the Neo4j tests")
    parser.add_argument("--no-tui", action="store_true", help="leave out the Pilot tests")
    parser.add_argument("pytest_args", nargs="*", help="more pytest arguments (after --)")
    args = parser.parse_args(argv)
    expression = "trust"
    if args.no_neo4j:
        expression += " and not neo4j"
    if args.no_tui:
        expression += " and not tui"
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "tally.json"
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "trust_tally",
            "-m",
            expression,
            "-q",
            *args.pytest_args,
        ]
        shown = "PYTHONPATH=scripts " + shlex.join(["python3", *command[1:]])
        print(f"$ {shown}", flush=True)
        env = dict(os.environ)
        env[OUT_ENV] = str(out)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(ROOT / "scripts"), env.get("PYTHONPATH", "")) if p
        )
        done = subprocess.run(command, cwd=ROOT, env=env, check=False)
        if not out.exists():
            print("trust_tally: pytest wrote no outcomes (see its output above)", file=sys.stderr)
            return done.returncode or 1
        result = json.loads(out.read_text(encoding="utf-8"))
    print()
    print(f"Trust tests (issue 13), by class: $ {shown}")
    print(render(result["cases"]))
    for line in result["bad"]:
        print(f"trust_tally: {line}", file=sys.stderr)
    if result["bad"]:
        return 2
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
