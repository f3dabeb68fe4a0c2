"""Regenerate the README's pictures from the Temanggung demo.

    python3 scripts/make_readme_images.py

writes ``docs/report_page1.png`` (the first page after the cover of
``sinergi report --area 33.23 --output x.pdf``: the per-kecamatan summary)
and ``docs/draw_kecamatan.png`` (``sinergi draw --area 33.23.01``), using
the same commands a user runs, on a throw-away demo store. Needs
``pdftoppm`` (Debian's poppler-utils; ``tests/system_deps.sh`` installs it).
The demo is seeded and the layout deterministic, so a rerun changes the
images only when the report or the picture changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def sinergi(*args: str) -> None:
    env = {**os.environ, "SINERGI_LANG": "id"}
    env.pop("NEO4J_URI", None)
    subprocess.run([sys.executable, "-m", "sinergi_graph", *args], check=True, env=env)


def main() -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm is missing: run tests/system_deps.sh as root")
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sinergi-readme-") as folder:
        work = Path(folder)
        db = str(work / "temanggung.db")
        sinergi("--db", db, "demo", "--region", "33.23")
        pdf = work / "temanggung.pdf"
        sinergi("--db", db, "report", "--area", "33.23", "--output", str(pdf))
        # Page 2 is the summary table: what a ketua looks at first.
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", "2", "-l", "2", "-singlefile", str(pdf),
             str(work / "page")],
            check=True,
        )  # fmt: skip
        shutil.copyfile(work / "page.png", DOCS / "report_page1.png")
        sinergi("--db", db, "draw", "--area", "33.23.01", "--output", str(work / "bulu.png"))
        shutil.copyfile(work / "bulu.png", DOCS / "draw_kecamatan.png")
    for name in ("report_page1.png", "draw_kecamatan.png"):
        print(DOCS / name)


if __name__ == "__main__":
    main()
