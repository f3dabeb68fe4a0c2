"""Start-up of one command: only its own module is loaded, and the gap cache changes no output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from clirun import run_cli

from sinergi_graph.demo import build_demo
from sinergi_graph.graph_cache import cache_dir
from sinergi_graph.store.embedded import EmbeddedStore


def _python(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    )
    return out.stdout


def test_the_command_table_names_the_module_of_every_command() -> None:
    # In a child process: building the tree registers the commands on the one app object.
    code = (
        "import json, typer; from sinergi_graph.cli import COMMAND_MODULES, _build; "
        "root = typer.main.get_command(_build()); "
        "print(json.dumps({n: getattr(c.callback, '__module__', None) "
        "for n, c in root.commands.items()}))"
    )
    tree = json.loads(_python(code))
    table = json.loads(
        _python(
            "import json; from sinergi_graph.cli import COMMAND_MODULES as m; print(json.dumps(m))"
        )
    )
    # Plug-in commands (the TUI's) come through the entry point, not the table.
    assert sorted(table) == sorted(n for n, module in tree.items() if module != "tui.command")
    for name, module in table.items():
        if tree[name] is not None:  # a group's callback is typer's own
            assert tree[name] == f"sinergi_graph.cli.{module}", name


def _demo(path: Path) -> Path:
    store = EmbeddedStore(path)
    build_demo(store, "33.23.01")
    store.close()
    return path


def test_gaps_give_the_same_files_cold_and_warm(tmp_path: Path) -> None:
    db = str(_demo(tmp_path / "net.db"))
    outputs = []
    for run in range(2):
        out = tmp_path / f"gaps{run}.csv"
        result = run_cli("--db", db, "gaps", "--format", "csv", "--output", str(out))
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_text("utf-8"))
    assert len(list((cache_dir() / "gaps").glob("*.pickle"))) == 1
    assert outputs[0] == outputs[1] and outputs[0].count("\n") > 1
    # Tables and area cuts from the cached list are those of a fresh evaluation.
    for args in (("gaps",), ("gaps", "--area", "33.23.01.2001", "--format", "json")):
        warm = run_cli("--db", db, *args)
        fresh = run_cli("--db", db, *args, env={"SINERGI_CACHE_DIR": str(tmp_path / "empty")})
        assert warm.returncode == fresh.returncode == 0, warm.stderr + fresh.stderr
        assert warm.stdout == fresh.stdout and warm.stdout.strip()


def test_a_cached_gaps_run_imports_neither_igraph_nor_networkx(tmp_path: Path) -> None:
    db = str(_demo(tmp_path / "net.db"))
    out = tmp_path / "gaps.csv"
    assert run_cli("--db", db, "gaps", "--format", "csv", "--output", str(out)).returncode == 0
    code = (
        "import sys; from sinergi_graph.cli import main; "
        f"main(['--db', {db!r}, 'gaps', '--format', 'csv', '--output', {str(out)!r}, '--force']); "
        "print(sorted(m for m in ('igraph', 'networkx', 'matplotlib') if m in sys.modules))"
    )
    assert _python(code).strip() == "[]"
