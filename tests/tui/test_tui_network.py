"""The network drawn in the terminal (key n) with the per-kecamatan recap (issue 10)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from textual.widgets import DataTable
from tui_helpers import ready, settle, still

from sinergi_graph.drawing import EdgeStyle, NodeRole, PicEdge, PicNode, Picture
from tui.main_screen import MainScreen
from tui.model.canvas import EDGE_STYLE, draw_picture, lay_out
from tui.network_screen import NetworkCanvas, NetworkScreen

SUMBERWUNGU = "PPS-3403072002"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


def _node(ident: str, x: float, y: float, **extra: object) -> PicNode:
    return PicNode(
        id=ident,
        label=ident.upper(),
        name=ident,
        kind="PPS",
        kind_label="PPS",
        category="penyelenggara",
        role=extra.pop("role", NodeRole.ACTOR),  # type: ignore[arg-type]
        x=x,
        y=y,
        **extra,  # type: ignore[arg-type]
    )


def test_the_canvas_places_markers_and_draws_a_missing_contact_dashed_red():
    pic = Picture(
        title="t",
        subtitle="",
        lang="id",
        aggregated=False,
        nodes=(_node("a", 0, 0, election_body=True), _node("b", 10, 0)),
        edges=(PicEdge(source="a", target="b", style=EdgeStyle.GAP),),
    )
    drawing = lay_out(pic, 40, 3)
    lines = drawing.lines
    assert lines == draw_picture(pic, 40, 3)
    assert len(lines) == 3 and all(len(line) == 40 for line in lines)
    row = lines[1]  # both nodes on the middle row
    (col_a, row_a), (col_b, row_b) = drawing.cells["a"], drawing.cells["b"]
    assert row_a == row_b == 1
    # Labels go outwards: left of the left node, right of the right one.
    assert row.plain[col_a - 1 : col_a + 1] == "A◆"
    assert row.plain[col_b : col_b + 2] == "●B"
    # The line between them is braille, red, and dashed (gaps in the dots).
    between = [
        (i, span.style)
        for span in row.spans
        for i in range(span.start, span.end)
        if col_a < i < col_b and "\u2800" <= row.plain[i] <= "\u28ff"
    ]
    assert between and all(style == EDGE_STYLE[EdgeStyle.GAP] for _, style in between)
    assert len(between) < col_b - col_a - 2, "a missing contact is dashed, not solid"


async def _open(pilot, actor: str | None) -> NetworkScreen:
    app = await ready(pilot)
    main = app.screen
    assert isinstance(main, MainScreen)
    if actor is not None:
        main.jump_to_actor(actor)
        await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, NetworkScreen)
    return screen


async def test_n_draws_the_actor_neighbourhood_and_t_its_kecamatan(fixed_db, make_app):
    app = make_app(fixed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(pilot, SUMBERWUNGU)
        view = screen.view
        assert view is not None and view.actor == SUMBERWUNGU
        focus = [n for n in view.picture.nodes if n.role is NodeRole.FOCUS]
        assert [n.id for n in focus] == [SUMBERWUNGU]
        # The recap is the kecamatan's, and its gap counts are the gap list's.
        gaps = app.workspace.gaps.in_area(view.area)
        by_sev = Counter(g.severity for g in gaps)
        total = view.total
        assert (total.gaps_high, total.gaps_medium, total.gaps_low) == (
            by_sev["high"],
            by_sev["medium"],
            by_sev["low"],
        )
        table = screen.query_one("#net-summary", DataTable)
        last = [str(c) for c in table.get_row_at(table.row_count - 1)]
        assert last[-1] == f"{by_sev['high']}/{by_sev['medium']}/{by_sev['low']}"
        # What is on screen: the subject's missing contacts as red braille.
        missing = [e for e in view.picture.edges if e.style is EdgeStyle.GAP]
        assert missing
        drawn = screen.query_one(NetworkCanvas).lines
        assert any(span.style == EDGE_STYLE[EdgeStyle.GAP] for line in drawn for span in line.spans)

        await pilot.press("t")
        await settle(pilot)
        assert screen.view is not None and screen.view.actor is None
        assert all(n.role is not NodeRole.FOCUS for n in screen.view.picture.nodes)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_n_without_an_area_asks_for_one(fixed_db, make_app):
    app = make_app(fixed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.area, main.actor = "ID", None
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


@pytest.fixture
def relative_store(fixed_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(fixed_db.parent)
    return Path("net.db")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("actor", [SUMBERWUNGU, None], ids=["around-actor", "kecamatan"])
def test_network_view_snapshot(snap_compare, make_app, relative_store, size, actor):
    app = make_app(relative_store)
    app.export_dir = Path("exports")

    async def run_before(pilot) -> None:
        main = await ready(pilot)
        assert isinstance(main.screen, MainScreen)
        if actor is None:
            main.screen.actor = None
            main.screen.area = "34.03.07"
        else:
            main.screen.jump_to_actor(actor)
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        still(pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
