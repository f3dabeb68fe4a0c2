"""Running the installed ``sinergi`` console script as a user would (shared by the test files).

It lives in its own module rather than in ``conftest.py``: with several
``conftest.py`` files in the tree, ``from conftest import …`` finds whichever
one pytest imported last.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``sinergi`` console script as a user would."""
    full_env = {**os.environ, "COLUMNS": "200", **(env or {})}
    full_env.pop("NEO4J_URI", None) if env is None or "NEO4J_URI" not in env else None
    return subprocess.run(
        ["sinergi", *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=600
    )
