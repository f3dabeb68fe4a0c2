"""The actors of the chosen area: kind, name, links, gaps — sortable and filterable."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import CellDoesNotExist

from sinergi_graph.numbers import number
from tui.base import app_of
from tui.i18n import tr
from tui.messages import ActorChosen
from tui.model import SORT_KEYS, ActorListing
from tui.model.display import plain

COLUMNS = ("kind", "name", "links", "gaps")
KIND_WIDTH = 11
#: Rows added to the table at a time: filling 2,000 rows at once would cost a key press
#: hundreds of milliseconds; the next page comes when the cursor nears the end.
PAGE = 60
PAGE_MARGIN = 15


class ActorTable(DataTable[object]):
    """Rows keyed by actor id."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)


class ActorPanel(Vertical):
    """Filter box, the table, and a one-line note (how many rows, sort order)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sort = "kind"
        self.descending = False
        self.listing: ActorListing | None = None
        self.kind_label: Callable[[str], str] = str
        self._current: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder=tr("filter_placeholder", self.lang), id="actor-filter", compact=True
        )
        yield ActorTable(id="actor-table")
        yield Static("", id="actor-note")

    def on_mount(self) -> None:
        self._set_columns()

    @property
    def table(self) -> ActorTable:
        return self.query_one(ActorTable)

    @property
    def filter_text(self) -> str:
        return self.query_one("#actor-filter", Input).value

    def _widths(self) -> dict[str, int]:
        """Column widths that fit the panel: the name column takes what is left."""
        total = self.size.width or 53
        fixed = {"kind": KIND_WIDTH, "links": 6, "gaps": 5}
        padding = 2 * len(COLUMNS) + 1  # cell padding and the scrollbar
        name = max(12, total - sum(fixed.values()) - padding)
        return {**fixed, "name": name}

    def _set_columns(self) -> None:
        table = self.table
        table.clear(columns=True)
        widths = self._widths()
        for col in COLUMNS:
            label = tr(f"col_{col}", self.lang)
            if col == self.sort:
                label += " ▼" if self.descending else " ▲"
            table.add_column(label, key=col, width=widths[col])

    def on_resize(self) -> None:
        if self.listing is not None:
            self.show(self.listing, keep=self.current_actor)

    @property
    def lang(self) -> str:
        """The app's current language (reactive state on the app)."""
        return app_of(self).lang

    def refresh_texts(self) -> None:
        """Show the placeholder, headers and note again in the app's current language."""
        self.query_one("#actor-filter", Input).placeholder = tr("filter_placeholder", self.lang)
        if self.listing is not None:
            self.show(self.listing, keep=self.current_actor)
        else:
            self._set_columns()

    def cycle_sort(self, column: str | None = None) -> None:
        """Sort by ``column`` (flip the order when it is already the sort), or the next column."""
        if column is None:
            column = SORT_KEYS[(SORT_KEYS.index(self.sort) + 1) % len(SORT_KEYS)]
            self.descending = column in ("links", "gaps")
        elif column == self.sort:
            self.descending = not self.descending
        else:
            self.descending = column in ("links", "gaps")
        self.sort = column

    @property
    def current_actor(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        except CellDoesNotExist:  # the cursor is past the rows (the table was just cleared)
            return None
        return str(key.value) if key.value is not None else None

    def show(self, listing: ActorListing, *, keep: str | None = None) -> None:
        """Fill the table; keep the cursor on ``keep`` when it is still listed."""
        self.listing = listing
        self._set_columns()
        index = None
        if keep is not None:
            index = next((i for i, ln in enumerate(listing.lines) if ln.id == keep), None)
        self._page_in(max(PAGE, (index or 0) + 1))
        note = tr(
            "table_note",
            self.lang,
            shown=number(len(listing.lines), self.lang),
            total=number(listing.total, self.lang),
            sort=tr(f"col_{self.sort}", self.lang),
        )
        if len(listing.lines) < listing.total:
            note += " " + tr("table_capped", self.lang)
        self.query_one("#actor-note", Static).update(note)
        if index is not None:
            self.table.move_cursor(row=index, animate=False)

    def _page_in(self, upto: int) -> None:
        """Add rows of the listing until ``upto`` are in the table (tables grow as you scroll)."""
        if self.listing is None:
            return
        table = self.table
        lines = self.listing.lines
        start = table.row_count
        rows = []
        for line in lines[start : max(start, min(upto, len(lines)))]:
            gaps = Text(f"{line.gaps:>5}", style="bold red" if line.gaps else "green")
            rows.append(
                (
                    Text(plain(line.kind), overflow="ellipsis", no_wrap=True),
                    Text(plain(line.name), overflow="ellipsis", no_wrap=True),
                    Text(f"{line.links:>6}"),
                    gaps,
                )
            )
        for line, cells in zip(lines[start:], rows, strict=False):
            table.add_row(*cells, key=line.id)

    def select_actor(self, actor_id: str) -> bool:
        if self.listing is None:
            return False
        index = next((i for i, ln in enumerate(self.listing.lines) if ln.id == actor_id), None)
        if index is None:
            return False
        self._page_in(index + PAGE)
        self.table.move_cursor(row=index, animate=False)
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.cursor_row >= self.table.row_count - PAGE_MARGIN:
            self._page_in(self.table.row_count + PAGE)
        key = event.row_key.value
        if key is not None and key != self._current:
            self._current = str(key)
            self.post_message(ActorChosen(str(key)))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key is not None:
            self._current = str(key)
            self.post_message(ActorChosen(str(key)))
