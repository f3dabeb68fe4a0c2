"""Import from the TUI (ctrl+o), kerja sama by status (m), kegiatan lists (v) — issue 9."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input
from tui_helpers import ready, settle, still, until

from sinergi_graph.analysis.agreements import AgreementReason
from sinergi_graph.store.embedded import EmbeddedStore
from tui.app import SinergiApp
from tui.import_screen import ImportScreen, split_paths
from tui.main_screen import MainScreen
from tui.records_screen import AgreementsScreen, KegiatanScreen

DATA = Path(__file__).parent / "data"
RECORDS = [DATA / "tepus_kegiatan.csv", DATA / "tepus_hadir.csv", DATA / "tepus_kerjasama.csv"]
BAD = DATA / "tepus_kegiatan_bad.csv"
SIZES = [pytest.param((80, 24), id="80x24")]


def _paths(*paths: Path) -> str:
    return "; ".join(str(p) for p in paths)


def _stored(db: Path) -> tuple[int, int]:
    store = EmbeddedStore(db)
    try:
        return len(store.activities()), len(store.agreements())
    finally:
        store.close()


async def _import(pilot, app: SinergiApp, text: str) -> ImportScreen:
    await pilot.press("ctrl+o")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ImportScreen)
    screen.query_one("#imp-path", Input).value = text
    await pilot.press("enter")
    await settle(pilot)
    return screen


def _main(app: SinergiApp) -> MainScreen:
    main = app.main
    assert main is not None
    return main


def test_paths_are_split_on_semicolons_and_home_expanded():
    assert split_paths(" a.csv ;; ~/b.xlsx ") == [Path("a.csv"), Path("~/b.xlsx").expanduser()]


async def test_a_bad_file_lists_problems_and_warnings_like_the_cli_and_writes_nothing(
    fixed_db, make_app
):
    app = make_app(fixed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        screen = await _import(pilot, app, _paths(*RECORDS, BAD))
        texts = [text for text, _ in screen.lines]
        kinds = [is_problem for _, is_problem in screen.lines]
        # The CLI's own lines: file:row:column: message, in the app's language (id).
        assert f"{BAD}:2:date: tanggal '2023-13-40' tidak dikenali" in texts[0]
        assert (
            texts[1] == f"{BAD}:1:pimpinan: peringatan: kolom dibaca tetapi tidak dipakai: pimpinan"
        )
        assert kinds == [True, False]
        assert screen.clean is None
        await pilot.press("ctrl+s")  # refused: the check was not clean
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
    assert _stored(fixed_db) == (0, 0)


async def test_a_missing_file_is_one_clear_line(fixed_db, make_app, tmp_path):
    app = make_app(fixed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        screen = await _import(pilot, app, str(tmp_path / "nowhere.xlsx"))
        assert screen.clean is None and screen.lines == []
        summary = str(screen.query_one("#imp-summary").render())
        assert "nowhere.xlsx" in summary


async def test_a_clean_import_writes_reloads_and_says_what_was_stored(fixed_db, make_app):
    app = make_app(fixed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        revision = app.workspace.network.revision
        screen = await _import(pilot, app, _paths(*RECORDS))
        assert screen.clean is not None and screen.lines == []
        assert _stored(fixed_db) == (0, 0), "a check writes nothing"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace.network.revision != revision)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        status = str(_main(app).status_bar.query_one("#status-text").render())
        assert "0 aktor, 0 tautan, 4 kegiatan, 5 kerja sama disimpan" in status
        # The reloaded network has the kegiatan contacts (a rakor is a contact on its date).
        assert len(app.workspace.network.source_rows.activities) == 4
    assert _stored(fixed_db) == (4, 5)


async def test_editing_the_path_after_a_clean_check_needs_a_new_check(fixed_db, make_app):
    app = make_app(fixed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        screen = await _import(pilot, app, _paths(*RECORDS))
        assert screen.clean is not None
        screen.query_one("#imp-path", Input).value = _paths(*RECORDS, BAD)
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
    assert _stored(fixed_db) == (0, 0)


@pytest.fixture
def records_db(fixed_db: Path) -> Path:
    from sinergi_graph.importer import import_files

    store = EmbeddedStore(fixed_db)
    try:
        import_files(RECORDS, store)
    finally:
        store.close()
    return fixed_db


async def test_m_lists_agreements_by_status_with_party_names(records_db, make_app):
    app = make_app(records_db, lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgreementsScreen) and screen.lines is not None
        # As of the app's day (2024-06-01): the order a coordinator acts in.
        assert [(g.id, g.reason) for g in screen.lines] == [
            ("MOU-1", AgreementReason.EXPIRED),
            ("MOU-2", AgreementReason.EXPIRING),
            ("MOU-4", AgreementReason.NO_FOLLOW_UP),
            ("MOU-3", AgreementReason.STALE),
            ("MOU-5", AgreementReason.OK),
        ]
        table = screen.query_one("#agr-table", DataTable)
        first = [str(c) for c in table.get_row_at(0)]
        assert first[0] == "expired"
        assert first[2] == "KPU Kabupaten Gunungkidul; Gunungkidul Terkini"
        stale = [str(c) for c in table.get_row_at(3)]
        assert stale[4] == "1 (10/02/2022)"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_v_lists_the_actors_kegiatan_and_t_its_areas(records_db, make_app):
    app = make_app(records_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        main = _main(app)
        # A member of PPK Tepus attended KEG-1; the PPK itself KEG-2: both are the PPK's.
        main.jump_to_actor("PPK-340307")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KegiatanScreen) and screen.lines is not None
        assert [k.id for k in screen.lines] == ["KEG-2", "KEG-1"]
        table = screen.query_one("#keg-table", DataTable)
        assert [str(c) for c in table.get_row_at(0)] == [
            "12/03/2024",
            "SOSIALISASI",
            "4",
            "Tahapan pemungutan suara",
            "Kantor Kapanewon Tepus",
        ]
        await pilot.press("t")
        await settle(pilot)
        # Kapanewon Tepus: KEG-1 and KEG-2 held there; KEG-3/KEG-4 (kabupaten) only by
        # attendees located in the kabupaten, not in the kecamatan.
        assert screen.lines is not None
        assert [k.id for k in screen.lines] == ["KEG-2", "KEG-1"]
        assert screen.area == "34.03.07"


async def test_v_for_a_person_lists_only_what_the_person_attended(records_db, make_app):
    app = make_app(records_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        main = _main(app)
        main.jump_to_actor("PPK-340307-2")  # a member who attended nothing
        await settle(pilot)
        main.actor = "PPK-340307-2"
        await pilot.press("v")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, KegiatanScreen)
        assert screen.lines == []


@pytest.mark.parametrize("size", SIZES)
def test_import_screen_snapshot(snap_compare, make_app, fixed_db, monkeypatch, size):
    # Relative paths: the title shows the store and the problems the file, never a temp path.
    shutil.copyfile(BAD, fixed_db.parent / BAD.name)
    monkeypatch.chdir(fixed_db.parent)
    app = make_app(Path("net.db"))

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        pilot.app.screen.query_one("#imp-path", Input).value = "tepus_kegiatan_bad.csv"
        await pilot.press("enter")
        await settle(pilot)
        still(pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_agreements_screen_snapshot(snap_compare, make_app, records_db, monkeypatch, size):
    monkeypatch.chdir(records_db.parent)
    app = make_app(Path("net.db"))

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("m")
        await settle(pilot)
        still(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_kegiatan_screen_snapshot(snap_compare, make_app, records_db, monkeypatch, size):
    monkeypatch.chdir(records_db.parent)
    app = make_app(Path("net.db"))

    async def run_before(pilot) -> None:
        await ready(pilot)
        main = pilot.app.main
        assert main is not None
        main.jump_to_actor("PPK-340307")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        still(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.trust("output_safety")
async def test_texts_from_files_show_printable_and_never_as_markup(fixed_db, make_app):
    import datetime as dt

    from sinergi_graph.activities import Activity, Agreement

    store = EmbeddedStore(fixed_db)
    try:
        store.upsert(
            [],
            [],
            activities=[
                Activity(
                    id="KEG-X",
                    date=dt.date(2024, 1, 2),
                    topic="Rapat \x1b[2J[/]DPT [bold]",
                    place="Balai\x07 Tepus",
                    attendees=("PPK-340307",),
                )
            ],
            agreements=[Agreement(id="MOU-X", title="MoU [link=x]\x1b]52;c;aGk=\x07", parties=())],
        )
    finally:
        store.close()
    app = make_app(fixed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        _main(app).jump_to_actor("PPK-340307")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        row = [str(c) for c in app.screen.query_one("#keg-table", DataTable).get_row_at(0)]
        assert row[3:] == ["Rapat [/]DPT [bold]", "Balai Tepus"]
        await pilot.press("escape", "m")
        await settle(pilot)
        row = [str(c) for c in app.screen.query_one("#agr-table", DataTable).get_row_at(0)]
        assert row[1] == "MoU [link=x]" and "\x1b" not in "".join(row)


def test_a_kegiatan_needs_a_known_type_a_real_date_and_two_attendees():
    from tui.model.kegiatan import build_activity

    bad = build_activity(
        type_text="pesta", day_text="2024-02-30", topic="", place="", area="ID",
        attendees=["A"], lang="en",
    )  # fmt: skip
    assert isinstance(bad, dict) and set(bad) == {"type", "date", "attendees"}
    good = build_activity(
        type_text="Sowan", day_text="2024-02-29", topic=" DPT ", place="", area="34.03.07",
        attendees=["A", "B", "A"], lang="en",
    )  # fmt: skip
    assert not isinstance(good, dict)
    assert (good.type, good.topic, good.place, good.area) == ("AUDIENSI", "DPT", None, "34.03.07")
    assert good.attendees == ("A", "B") and good.id.startswith("KEG-20240229-")
    # The date as the office writes it, as imports read it: day first, or spelt out.
    for written in ("29/02/2024", "Kamis, 29 Februari 2024", "29 Feb 2024"):
        typed = build_activity(
            type_text="Rapat", day_text=written, topic="", place="", area="ID",
            attendees=["A", "B"], lang="id",
        )  # fmt: skip
        assert not isinstance(typed, dict) and typed.date.isoformat() == "2024-02-29", written


async def test_h_records_a_kegiatan_with_the_areas_stakeholders_offered_first(fixed_db, make_app):
    from textual.widgets import OptionList

    from tui.kegiatan_form import KegiatanForm

    app = make_app(fixed_db)
    async with app.run_test(size=(100, 36)) as pilot:
        await ready(pilot)
        main = _main(app)
        main.jump_to_actor("PPS-3403072004")  # PPS Kalurahan Tepus, area 34.03.07.2004
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, KegiatanForm)
        assert list(form.chosen) == ["PPS-3403072004"]
        # Empty search: the kalurahan's own institutions (lurah, pamong, PKD, PPS).
        assert {c.id for c in form.found} == {
            "LURAH-3403072004",
            "PERANGKAT_DESA-3403072004",
            "PKD-3403072004",
            "PPS-3403072004",
        }
        await pilot.press("ctrl+s")  # one attendee: refused with a reason
        await settle(pilot)
        assert isinstance(app.screen, KegiatanForm)
        assert "dua" in str(form.query_one("#form-problems").render())
        form.query_one("#kf-topic", Input).value = "Rakor DPTb"
        # Search reaches beyond the kalurahan: the PPK of the kapanewon.
        form.query_one("#kf-search", Input).value = "ppk kapanewon tepus"
        await settle(pilot)
        assert form.found and form.found[0].id == "PPK-340307"
        options = form.query_one("#kf-candidates", OptionList)
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert list(form.chosen) == ["PPS-3403072004", "PPK-340307"]
        revision = app.workspace.network.revision
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace.network.revision != revision)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    store = EmbeddedStore(fixed_db)
    try:
        (saved,) = store.activities()
    finally:
        store.close()
    assert saved.attendees == ("PPS-3403072004", "PPK-340307")
    assert (saved.topic, saved.area, saved.date.isoformat()) == (
        "Rakor DPTb",
        "34.03.07.2004",
        "2024-06-01",
    )


@pytest.mark.parametrize("size", SIZES)
def test_kegiatan_form_snapshot(snap_compare, make_app, fixed_db, monkeypatch, size):
    monkeypatch.chdir(fixed_db.parent)
    app = make_app(Path("net.db"))

    async def run_before(pilot) -> None:
        await ready(pilot)
        main = pilot.app.main
        assert main is not None
        main.jump_to_actor("PPS-3403072004")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        still(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_the_create_missing_box_creates_attendees_like_the_cli_flag(fixed_db, make_app):
    from textual.widgets import Checkbox

    paths = _paths(DATA / "tepus_hadir_baru.csv", DATA / "tepus_hadir_baru_att.csv")
    app = make_app(fixed_db, lang="en")
    async with app.run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        screen = await _import(pilot, app, paths)
        assert [p for _, p in screen.lines] == [True]
        assert "Suyono / Ketua PPS / PPS Kalurahan Giripanggung" in screen.lines[0][0]
        screen.query_one("#imp-create", Checkbox).value = True
        await settle(pilot)
        assert screen.clean is None, "a changed option needs a new check"
        screen.query_one("#imp-path", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert screen.clean is not None and screen.lines == []
        revision = app.workspace.network.revision
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.workspace.network.revision != revision)
        await settle(pilot)
    store = EmbeddedStore(fixed_db)
    try:
        (activity,) = store.activities()
        created = store.get_actor(activity.attendees[0])
    finally:
        store.close()
    assert created is not None and created.name == "Suyono"
    assert created.member_of == "PPS-3403072001"


async def test_the_actor_detail_timeline_shows_its_kegiatan(records_db, make_app):
    app = make_app(records_db)
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        main = _main(app)
        main.jump_to_actor("PPK-340307")
        await settle(pilot)
        detail = main.detail
        assert detail is not None
        kegiatan = {e.other_id: e for e in detail.timeline if not e.link_id}
        assert set(kegiatan) == {"KEG-1", "KEG-2"}
        # KEG-1 was attended by a member (the ketua), KEG-2 by the PPK itself.
        assert (kegiatan["KEG-1"].via, kegiatan["KEG-2"].via) == ("PPK-340307-1", "")
        assert (kegiatan["KEG-2"].day, kegiatan["KEG-2"].type) == ("2024-03-12", "SOSIALISASI")
        from tui_helpers import rich_text

        from tui.actor_detail import render_detail

        shown = rich_text(render_detail(detail, app.labels(), show_contacts=False), width=160)
        assert "12/03/2024 SOSIALISASI KEG-2 — Tahapan pemungutan suara" in shown
