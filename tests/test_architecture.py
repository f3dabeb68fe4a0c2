"""Architecture rules that keep the core usable without the terminal UI."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).parents[1] / "sinergi_graph"


def test_core_never_imports_textual_or_tui() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}: {n}" for n in names if n.split(".")[0] in {"textual", "tui"}
            ]
    assert offenders == []


def test_running_the_cli_core_does_not_load_textual() -> None:
    code = (
        "import sys; from sinergi_graph.cli import _build; _build(); "
        "import sinergi_graph.gaps, sinergi_graph.importer; "
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
