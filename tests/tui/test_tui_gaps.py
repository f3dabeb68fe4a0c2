"""The gap list: filters, counts per rule, jumping to the subject, exporting."""

from __future__ import annotations

import csv

from openpyxl import load_workbook
from textual.widgets import DataTable, Input
from tui_helpers import ready, settle, until

from sinergi_graph.areas import load_areas
from sinergi_graph.gaps import GAP_COLUMNS
from tui.gaps_screen import PAGE, GapsScreen
from tui.main_screen import MainScreen
from tui.prompts import TextPrompt


async def test_filter_count_jump_and_export(backend_app, tmp_path):
    app = backend_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        everything = app.workspace.gaps.in_area("33.23")
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GapsScreen)
        assert len(screen.gaps) == len(everything)
        assert sum(screen.counts.values()) == len(everything)
        table = screen.query_one("#gaps-table", DataTable)
        # Rows are added a page at a time; more arrive as the cursor nears the end.
        assert table.row_count == min(len(everything), PAGE)
        if len(everything) > PAGE:
            table.focus()
            table.move_cursor(row=table.row_count - 1)
            await settle(pilot)
            assert table.row_count > PAGE
            table.move_cursor(row=0)

        # Rule filter (key 1 steps through the rules): only that rule's gaps remain.
        await pilot.press("1")
        await settle(pilot)
        first_rule = app.workspace.rules[0].id
        assert screen.flt.rule == first_rule
        assert screen.gaps and all(g.rule == first_rule for g in screen.gaps)
        assert len(screen.gaps) == screen.counts[first_rule]
        # Severity filter on top, then reason.
        await pilot.press("2")
        await settle(pilot)
        assert screen.flt.severity == "high"
        assert all(g.severity == "high" for g in screen.gaps)
        await pilot.press("3")
        await settle(pilot)
        assert all(g.reason.value == "no_contact" for g in screen.gaps)
        chosen = list(screen.gaps)
        assert chosen
        # One wording per idea: the table says severity and reason, and heads the column,
        # in the words the CLI and the exported file use (checked against the file below).
        shown = [table.get_row_at(i) for i in range(table.row_count)]
        assert {str(row[0]) for row in shown} == {"tinggi"}
        assert {str(row[3]) for row in shown} == {"belum kontak"}
        assert [str(c.label) for c in table.columns.values()][3] == "Alasan"

        # Export XLSX: x proposes a free name in the export folder, enter takes it.
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.query_one(Input).value.endswith(".xlsx")
        await pilot.press("enter")
        await until(pilot, lambda: screen.last_export is not None)
        path = screen.last_export
        assert path.suffix == ".xlsx" and path.exists()
        assert path.name in str(screen.query_one("#gaps-note").render())
        # The sheet people read, as `sinergi gaps --output x.xlsx` writes it, in Indonesian.
        sheet = load_workbook(path).active
        header, *body = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert header[:8] == [
            "No",
            "Kecamatan",
            "Desa/Kelurahan",
            "Lembaga",
            "Aturan",
            "Tingkat",
            "Alasan",
            "Mitra yang perlu dihubungi",
        ]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.column_dimensions["D"].width > 20  # widths follow the names
        column = {name: header.index(name) for name in header}
        by_id = {g.subject_id: g for g in chosen}
        assert sorted(r[column["Id lembaga"]] for r in body) == sorted(by_id)
        areas = load_areas()
        graph = app.workspace.network.graph
        for row in body:
            gap = by_id[row[column["Id lembaga"]]]
            assert row[column["Lembaga"]] == gap.subject_name
            assert row[column["Kecamatan"]] == areas.name(gap.area[:8])
            assert row[column["Desa/Kelurahan"]] == areas.name(gap.area[:13])
            assert row[column["Tingkat"]] == "tinggi"
            assert row[column["Alasan"]] == "belum kontak"
            names = [graph.nodes[c]["name"] for c in gap.counterpart_ids]
            assert row[column["Mitra yang perlu dihubungi"]] == ", ".join(names)
        # And CSV: the stable columns (design.md), the names after them.
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("enter")
        await until(
            pilot, lambda: screen.last_export is not None and screen.last_export.suffix == ".csv"
        )
        with screen.last_export.open(encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            read = list(reader)
        assert list(reader.fieldnames or [])[: len(GAP_COLUMNS)] == list(GAP_COLUMNS)
        assert [r["subject_id"] for r in read] == [g.subject_id for g in chosen]
        assert read[0]["rule"] == first_rule and read[0]["severity"] == "high"
        assert read[0]["kecamatan_name"] == areas.name(chosen[0].area[:8])
        # In English once the language is switched (f2): headers and words.
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("enter")
        await until(
            pilot,
            lambda: screen.last_export not in (None, path) and screen.last_export.suffix == ".xlsx",
        )
        english = load_workbook(screen.last_export).active
        header, first = [list(r) for r in english.iter_rows(values_only=True, max_row=2)]
        assert header[3:7] == ["Body", "Rule", "Severity", "Reason"]
        assert first[5:7] == ["high", "no contact"]
        assert english.freeze_panes == "A2" and english.auto_filter.ref
        await pilot.press("f2")
        await settle(pilot)

        # Clear the filters, then enter jumps to the subject of the highlighted gap.
        await pilot.press("0")
        await settle(pilot)
        assert len(screen.gaps) == len(everything)
        table.focus()
        table.move_cursor(row=0)
        await settle(pilot)
        await pilot.press("down")
        target = screen.gaps[1]
        await pilot.press("enter")
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.actor == target.subject_id
        assert main.detail is not None and main.detail.actor.id == target.subject_id
        assert main.actor_panel.current_actor == target.subject_id
        assert any(g.rule == target.rule for g in main.detail.gaps)
