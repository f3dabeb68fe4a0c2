"""The gap list of an area: filter by rule, severity and reason; jump, plan or export.

Dismisses with the subject's actor id when the user presses enter on a gap
(the main screen then shows that actor), or ``None`` when closed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Select, Static
from textual.worker import get_current_worker

from sinergi_graph.gaps import Gap, Reason
from sinergi_graph.graph import counterpart_names
from sinergi_graph.numbers import long_date
from sinergi_graph.rules import Severity
from sinergi_graph.tabular import FileFormat
from sinergi_graph.text import printable
from tui.base import SinergiScreen
from tui.bindings import GAPS, bindings, key_bar
from tui.confirm import ConfirmModal
from tui.i18n import reason_word, severity_word
from tui.model import (
    ROOT,
    GapFilter,
    counts_per_rule,
    export_gaps,
    filter_gaps,
    free_path,
)
from tui.model.display import fit_left, plain
from tui.prompts import TextPrompt
from tui.status_bar import KeyBar

#: Rows added at a time (more as the cursor nears the end); the export holds every row.
PAGE = 60
PAGE_MARGIN = 15
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}
SEVERITIES = tuple(s.value for s in Severity)
REASONS = tuple(r.value for r in Reason)


class GapsFiltered(Message):
    """The filtered list is ready."""

    def __init__(self, flt: GapFilter, gaps: list[Gap], counts: Counter[str]) -> None:
        super().__init__()
        self.flt = flt
        self.gaps = gaps
        self.counts = counts


class Exported(Message):
    def __init__(self, path: Path, rows: int) -> None:
        super().__init__()
        self.path = path
        self.rows = rows


class GapsScreen(SinergiScreen[str | None]):
    """Gaps of one area (``ID`` for the whole network)."""

    BINDINGS = bindings(GAPS)

    def __init__(self, area: str) -> None:
        super().__init__(id="gaps-screen")
        self.area = area
        self.flt = GapFilter(area)
        self.gaps: list[Gap] = []
        self.counts: Counter[str] = Counter()
        self.last_export: Path | None = None
        self._ready = False
        self._wide_rows = False
        self._layout: tuple[bool, int, str, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="gaps-title", classes="screen-title")
        with Horizontal(id="gap-filters"):
            yield Select(
                self._rule_options(),
                prompt=self.t("all_rules"),
                compact=True,
                id="filter-rule",
            )
            yield Select(
                [(severity_word(s, self.lang), s) for s in SEVERITIES],
                prompt=self.t("all_severities"),
                compact=True,
                id="filter-severity",
            )
            yield Select(
                [(reason_word(r, self.lang), r) for r in REASONS],
                prompt=self.t("all_reasons"),
                compact=True,
                id="filter-reason",
            )
        with Horizontal(id="gaps-body"):
            yield DataTable(id="gaps-table", cursor_type="row")
            yield Static("", id="rule-counts")
        yield Static("", id="gaps-note")
        yield KeyBar("", id="key-bar")

    def _rule_options(self) -> list[tuple[str, str]]:
        return [(r.id, r.id) for r in self.sapp.workspace.rules]

    def on_mount(self) -> None:
        self.set_class(self.app.size.width >= 120, "-wide")
        self.refresh_texts()
        self.query_one("#gaps-table", DataTable).focus()
        self.refilter()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 120, "-wide")
        if self._ready:
            self.call_after_refresh(self._show)

    def refresh_texts(self) -> None:
        app = self.sapp
        lang = app.lang
        area_name = "Indonesia" if self.area == ROOT else app.area_index().name(self.area)
        self.query_one("#gaps-title", Static).update(
            self.t("gaps_title", area=area_name, code=self.area)
        )
        self.query_one(KeyBar).update(key_bar(GAPS, app.keymap, lang))
        sev = self.query_one("#filter-severity", Select)
        sev.set_options([(severity_word(s, self.lang), s) for s in SEVERITIES])
        sev.prompt = self.t("all_severities")
        reason = self.query_one("#filter-reason", Select)
        reason.set_options([(reason_word(r, self.lang), r) for r in REASONS])
        reason.prompt = self.t("all_reasons")
        self.query_one("#filter-rule", Select).prompt = self.t("all_rules")
        # set_options clears the selection: put the filter back.
        self._sync_selects()
        if self._ready:
            self._show()

    def data_changed(self) -> None:
        self.refilter()

    def _sync_selects(self) -> None:
        for name, value in (
            ("rule", self.flt.rule),
            ("severity", self.flt.severity),
            ("reason", self.flt.reason),
        ):
            select = self.query_one(f"#filter-{name}", Select)
            with select.prevent(Select.Changed):
                select.value = value if value is not None else Select.NULL

    # ------------------------------------------------------------------
    # Filtering

    def refilter(self) -> None:
        self.filter_worker(self.flt)

    @work(thread=True, exclusive=True, group="gaps", exit_on_error=False)
    def filter_worker(self, flt: GapFilter) -> None:
        index = self.sapp.workspace.gaps
        if index is None:
            return
        gaps = filter_gaps(index, flt)
        counts = counts_per_rule(index, flt)
        if not get_current_worker().is_cancelled:
            self.post_message(GapsFiltered(flt, gaps, counts))

    @on(GapsFiltered)
    def _filtered(self, event: GapsFiltered) -> None:
        if event.flt != self.flt:
            return
        self.gaps = event.gaps
        self.counts = event.counts
        self._ready = True
        self._show()

    def _show(self) -> None:
        app = self.sapp
        lang = app.lang
        table = self.query_one("#gaps-table", DataTable)
        keep = table.cursor_row if table.row_count else 0
        wide = self.has_class("-wide")
        total = table.size.width or (self.size.width - 22)
        # The reason column as wide as the longest reason listed (the CLI's words, never cut),
        # so the subject keeps the room when every gap is "belum kontak".
        listed = {g.reason.value for g in self.gaps}
        reason = max([len(self.t("gcol_reason"))] + [len(reason_word(r, lang)) for r in listed])
        layout = (wide, total, lang, reason)
        if layout == self._layout:
            table.clear()  # same columns: only the rows change
        else:
            table.clear(columns=True)
            self._layout = layout
            widths = {"severity": 7, "rule": 13, "reason": reason, "area": 13 if wide else 0}
            columns = ["severity", "rule", "subject", "reason"] + (["area"] if wide else [])
            rest = total - sum(widths.values()) - 2 * len(columns) - 1
            widths["subject"] = max(12, rest)
            for col in columns:
                table.add_column(self.t(f"gcol_{col}"), key=col, width=widths[col])
        self._wide_rows = wide
        self._page_in(max(PAGE, keep + 1))
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1), animate=False)
        counts = Text()
        counts.append(self.t("counts_per_rule") + "\n", style="bold underline")
        for rule in app.workspace.rules:
            n = self.counts.get(rule.id, 0)
            style = "bold" if rule.id == self.flt.rule else ""
            counts.append(f"{rule.id:<14}", style=style)
            counts.append(f"{n:>4}\n", style="red" if n else "green")
        counts.append(f"{self.t('total'):<14}{sum(self.counts.values()):>4}\n", style="bold")
        self.query_one("#rule-counts", Static).update(counts)
        note = self.t("gaps_note", n=len(self.gaps))
        if self.flt.due is not None:
            day = long_date(app.workspace.day, lang)
            note += " " + self.t("due_on" if self.flt.due else "due_none", day=day)
        if self.last_export is not None:
            # On its own line, cut from the left: the file name must stay in sight at 80 columns.
            room = max(20, (self.size.width or 80) - 2 - len(self.t("exported_to", path="")))
            shown = fit_left(str(self.last_export), room)
            note += "\n" + self.t("exported_to", path=shown)
        self.query_one("#gaps-note", Static).update(Text(printable(note)))

    def _page_in(self, upto: int) -> None:
        """Add gap rows until ``upto`` are in the table; more follow as the cursor moves."""
        table = self.query_one("#gaps-table", DataTable)
        start = table.row_count
        lang = self.lang
        for i in range(start, min(upto, len(self.gaps))):
            g = self.gaps[i]
            sev_style = SEVERITY_STYLE.get(g.severity, "dim")
            cells: list[Text | str] = [
                Text(severity_word(g.severity, lang), style=sev_style),
                Text(plain(g.rule)),
                Text(plain(g.subject_name), overflow="ellipsis", no_wrap=True),
                Text(reason_word(g.reason.value, lang), overflow="ellipsis", no_wrap=True),
            ]
            if self._wide_rows:
                cells.append(Text(plain(g.area)))
            table.add_row(*cells, key=f"{i}")

    @on(DataTable.RowHighlighted, "#gaps-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        table = self.query_one("#gaps-table", DataTable)
        if event.cursor_row >= table.row_count - PAGE_MARGIN:
            self._page_in(table.row_count + PAGE)

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else str(event.value)
        name = (event.select.id or "").removeprefix("filter-")
        self._set(name, value)

    def _set(self, name: str, value: str | None) -> None:
        rule, sev, reason = self.flt.rule, self.flt.severity, self.flt.reason
        if name == "rule":
            rule = value
        elif name == "severity":
            sev = value
        elif name == "reason":
            reason = value
        self.flt = GapFilter(self.area, rule, sev, reason, self.flt.due)
        self.refilter()

    def action_cycle(self, name: str) -> None:
        """Step a filter through its values (and back to "all")."""
        options: tuple[str, ...]
        if name == "rule":
            options = tuple(r.id for r in self.sapp.workspace.rules)
            current = self.flt.rule
        elif name == "severity":
            options, current = SEVERITIES, self.flt.severity
        else:
            options, current = REASONS, self.flt.reason
        cycle: list[str | None] = [None, *options]
        value = cycle[(cycle.index(current) + 1) % len(cycle)] if current in cycle else None
        self._set(name, value)
        self._sync_selects()

    def action_toggle_due(self) -> None:
        """Only the gaps due in this stage (rules with a window or deadline in force), or all."""
        flt = self.flt
        due = self.sapp.workspace.due_rules() if flt.due is None else None
        self.flt = GapFilter(flt.area, flt.rule, flt.severity, flt.reason, due)
        self.refilter()

    def action_clear_filters(self) -> None:
        self.flt = GapFilter(self.area)
        self._sync_selects()
        self.refilter()

    # ------------------------------------------------------------------
    # Acting on a gap

    def current_gap(self) -> Gap | None:
        table = self.query_one("#gaps-table", DataTable)
        if not table.row_count:
            return None
        row = table.cursor_row
        return self.gaps[row] if 0 <= row < len(self.gaps) else None

    @on(DataTable.RowSelected, "#gaps-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        gap = self.current_gap()
        if gap is not None:
            self.dismiss(gap.subject_id)

    def action_plan_link(self) -> None:
        gap = self.current_gap()
        if gap is not None:
            self.sapp.propose_link(gap.subject_id, gap_rule=gap.rule)

    def action_back(self) -> None:
        self.dismiss(None)

    # ------------------------------------------------------------------
    # Export

    def action_export(self, fmt: str) -> None:
        """Ask where to write (a free name in the export folder is proposed), then write.

        An existing file is replaced only after the user says so; the written
        path is shown in the note under the list.
        """
        chosen = FileFormat(fmt)
        stem = f"sinergi-gaps-{self.area.replace('.', '')}"
        for part in (self.flt.rule, self.flt.severity, self.flt.reason):
            if part:
                stem += f"-{part}"
        proposed = free_path(self.sapp.export_dir.resolve(), stem, f".{chosen.value}")
        gaps = list(self.gaps)

        def named(answer: str | None) -> None:
            if answer:
                self._export_to(gaps, chosen, Path(answer).expanduser())

        self.sapp.push_screen(
            TextPrompt(self.t("export_where", n=len(gaps)), value=str(proposed)), named
        )

    def _export_to(self, gaps: list[Gap], fmt: FileFormat, path: Path) -> None:
        if path.suffix.lower() != f".{fmt.value}":
            path = path.with_name(path.name + f".{fmt.value}")
        if path.is_dir():
            self.notify(self.t("export_is_folder", path=str(path)), severity="error")
            return
        if not path.exists():
            self.export_worker(gaps, fmt, path)
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.export_worker(gaps, fmt, path)

        self.sapp.push_screen(ConfirmModal(self.t("export_replace", path=str(path))), confirmed)

    def export_worker(self, gaps: list[Gap], fmt: FileFormat, path: Path) -> None:
        """Write in a worker, in the language shown now (read here, on the interface thread)."""
        self._export_worker(gaps, fmt, path, self.lang)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export_worker(self, gaps: list[Gap], fmt: FileFormat, path: Path, lang: str) -> None:
        workspace = self.sapp.workspace
        graph = workspace.network.graph if workspace.network is not None else None
        names = counterpart_names(gaps, graph)
        export_gaps(gaps, fmt, path, names=names, rules=workspace.rules, lang=lang)
        self.post_message(Exported(path, len(gaps)))

    @on(Exported)
    def _exported(self, event: Exported) -> None:
        self.last_export = event.path
        self.notify(self.t("exported_to", path=str(event.path)), timeout=8)
        self._show()
