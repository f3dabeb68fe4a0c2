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


def _imports(path: Path) -> list[tuple[str, str]]:
    """``(module, name)`` for every ``from module import name`` (name ``""`` for ``import m``)."""
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, "") for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, a.name) for a in node.names]
    return found


def test_nothing_outside_analysis_imports_its_private_helpers() -> None:
    root = Path(__file__).parents[1]
    offenders = []
    for folder in ("sinergi_graph", "tui", "benchmarks"):
        for path in (root / folder).rglob("*.py"):
            if (root / "sinergi_graph" / "analysis") in path.parents:
                continue
            for module, name in _imports(path):
                if not module.startswith("sinergi_graph.analysis"):
                    continue
                private_module = any(p.startswith("_") for p in module.split(".")[2:])
                if private_module or (name.startswith("_") and name != "__all__"):
                    offenders.append(f"{path.relative_to(root)}: {module} {name}".strip())
    assert offenders == []
