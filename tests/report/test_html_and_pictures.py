"""The HTML page in a real headless Chromium, and the PNG/SVG pictures, as people see them."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from sinergi_graph.drawing.layout import picture_of_area
from sinergi_graph.drawing.static import render
from sinergi_graph.gaps import find_gaps
from sinergi_graph.graph import graph_from_store
from sinergi_graph.report.model import Report
from sinergi_graph.report.write import write_report
from sinergi_graph.rules import default_rules
from sinergi_graph.store.embedded import EmbeddedStore

from .conftest import needs_chromium

KECAMATAN, REGENCY = "33.23.01", "33.23"


def chromium(page: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Open ``page`` offline in headless Chromium, console messages logged to stderr."""
    return subprocess.run(
        [
            "chromium", "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
            "--disable-extensions", "--enable-logging=stderr", "--v=0",
            # Any attempt to reach the network fails: the page must need none.
            "--proxy-server=127.0.0.1:9", "--virtual-time-budget=4000", *extra,
            page.as_uri(),
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def console_errors(stderr: str) -> list[str]:
    """Every console message: the page logs none when all is well (cytoscape warns there)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@needs_chromium
def test_html_report_draws_the_network_offline_without_console_errors(
    tricky_db: Path, make_report: Callable[..., Report], tmp_path: Path
) -> None:
    report = make_report(tricky_db, KECAMATAN, show_contacts=True)
    page = tmp_path / "report.html"
    write_report(report, page)
    source = page.read_text("utf-8")
    # Self-contained: no script, style or image comes from elsewhere.
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?https?:""", source)
    done = chromium(page, "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_errors(done.stderr) == []
    dom = done.stdout
    net = re.search(r'<div id="net"[^>]*>', dom)
    assert net is not None
    assert 'data-ready="1"' in net.group(0)
    assert f'data-nodes="{len(report.picture.nodes)}"' in net.group(0)
    gap_edges = sum(1 for e in report.picture.edges if e.style.value == "gap")
    assert gap_edges >= 1 and f'data-gap-edges="{gap_edges}"' in net.group(0)
    assert "<canvas" in dom  # cytoscape drew into its canvases
    # A hostile name is shown as text, never run as a script.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Kades" in dom
    assert "<script>alert(1)</script>" not in dom
    assert "081299990000" in dom  # asked for with show_contacts


@needs_chromium
def test_regency_html_report_screenshot(regency_report: Report, tmp_path: Path) -> None:
    page = tmp_path / "kab.html"
    write_report(regency_report, page)
    shot = tmp_path / "shot.png"
    done = chromium(page, f"--screenshot={shot}", "--window-size=1280,1600")
    assert done.returncode == 0, done.stderr[-2000:]
    assert console_errors(done.stderr) == []
    with Image.open(shot) as image:
        assert image.size == (1280, 1600)
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 50  # a page, not a blank screen


@needs_chromium
def test_draw_html_is_interactive_in_chromium(
    kecamatan_db: Path, sinergi: Callable[..., str], tmp_path: Path
) -> None:
    page = tmp_path / "bulu.html"
    sinergi("--db", str(kecamatan_db), "draw", "--area", KECAMATAN, "--output", str(page))
    done = chromium(page, "--dump-dom")
    assert console_errors(done.stderr) == []
    nodes = re.search(r'data-nodes="(\d+)"', done.stdout)
    assert nodes is not None and int(nodes.group(1)) > 40


def test_draw_svg_has_legend_text_and_dashed_red_gaps(
    kecamatan_db: Path, sinergi: Callable[..., str], tmp_path: Path
) -> None:
    svg = tmp_path / "bulu.svg"
    sinergi("--db", str(kecamatan_db), "draw", "--area", KECAMATAN, "--output", str(svg))
    text = svg.read_text("utf-8")
    for label in (
        "Keterangan",
        "Penyelenggara pemilu",
        "Kontak wajib yang belum ada",
        "PPK Kecamatan Bulu",
    ):
        assert label in text
    assert re.search(r"stroke-dasharray[^;\"]*;[^\"]*stroke: ?#d62728", text) or (
        "#d62728" in text and "stroke-dasharray" in text
    )
    english = tmp_path / "bulu-en.svg"
    sinergi("--db", str(kecamatan_db), "--lang", "en", "draw", "--area", KECAMATAN,
            "--output", str(english))  # fmt: skip
    assert "Required contact missing" in english.read_text("utf-8")


def test_draw_png_is_a_large_deterministic_picture(regency_db: Path) -> None:
    store = EmbeddedStore(regency_db)
    try:
        G = graph_from_store(store)
    finally:
        store.close()
    gaps = find_gaps(G, default_rules(), area=REGENCY)
    picture = picture_of_area(G, gaps, REGENCY)
    again = picture_of_area(G, gaps, REGENCY)
    assert picture == again
    assert render(picture, "svg") == render(again, "svg")
    png = render(picture, "png", dpi=60)
    assert png.startswith(b"\x89PNG")
    import io

    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (990, 660)


def test_report_refuses_an_existing_file_unless_forced(kecamatan_db: Path, tmp_path: Path) -> None:
    from clirun import run_cli

    out = tmp_path / "bulu.html"
    out.write_text("rapat minggu lalu", encoding="utf-8")
    args = ["--db", str(kecamatan_db), "report", "--area", KECAMATAN, "--output", str(out)]
    refused = run_cli(*args, env={"SINERGI_LANG": "id"})
    assert refused.returncode == 1
    assert "sudah ada; pakai --force" in refused.stderr
    assert out.read_text("utf-8") == "rapat minggu lalu"
    forced = run_cli(*args, "--force", env={"SINERGI_LANG": "id"})
    assert forced.returncode == 0, forced.stderr
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["bulu.html"]  # no temp file left
    wrong = run_cli("--db", str(kecamatan_db), "report", "--area", KECAMATAN,
                    "--output", str(tmp_path / "bulu.odt"), env={"SINERGI_LANG": "en"})  # fmt: skip
    assert wrong.returncode == 1
    assert "unrecognised format" in wrong.stderr and len(wrong.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("area", ["ID"])
def test_a_national_report_is_refused_in_one_line(
    kecamatan_db: Path, tmp_path: Path, area: str
) -> None:
    from clirun import run_cli

    done = run_cli("--db", str(kecamatan_db), "report", "--area", area, "--output",
                   str(tmp_path / "x.pdf"), env={"SINERGI_LANG": "id"})  # fmt: skip
    assert done.returncode == 1
    assert "terlalu besar" in done.stderr
