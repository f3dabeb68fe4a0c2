"""The view model (``tui.model``) is plain Python: it imports and works without Textual."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_view_model_imports_without_textual():
    # A meta-path hook that refuses textual: any import of it, direct or indirect, fails.
    code = textwrap.dedent(
        """
        import sys

        class NoTextual:
            def find_spec(self, name, path=None, target=None):
                if name == "textual" or name.startswith("textual."):
                    raise ImportError("textual is not allowed here")
                return None

        sys.meta_path.insert(0, NoTextual())
        import tui.model
        from tui.model import Network, Workspace, list_actors, load_detail, search
        print(len(tui.model.__all__))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) > 10


def test_every_model_module_is_under_600_lines():
    for path in (ROOT / "tui" / "model").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 600, path.name
