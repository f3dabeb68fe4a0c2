"""The network drawn in the terminal: an actor's neighbourhood or an area, with the recap.

Opened with ``n`` from the browsing screen: around the selected actor when
there is one, else the selected area; ``t`` switches between the two. Missing
required contacts are drawn dashed in red (stale ones in yellow), election
bodies as ◆. Labels are placed so that none covers another or a marker
(:mod:`tui.model.canvas`); names that find no room are numbered on the picture
and listed in a key on its right. Beside (or, at 80 columns, below) the picture, the per-kecamatan
recap of ``sinergi report``: PPS with a kepala desa/lurah contact, PPK
forkopimcam coverage, gaps by severity.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from sinergi_graph.drawing import EdgeStyle
from tui.base import SinergiScreen
from tui.bindings import NETWORK, bindings, key_bar
from tui.model.canvas import CATEGORY_STYLE, EDGE_STYLE, draw_picture
from tui.model.display import plain
from tui.model.netview import NetView, forkopimcam_share, load_netview, share
from tui.status_bar import KeyBar

__all__ = ["NetworkScreen"]


class NetViewReady(Message):
    def __init__(self, view: NetView) -> None:
        super().__init__()
        self.view = view


class NetworkCanvas(Static):
    """The picture, drawn again for the size the widget has."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.view: NetView | None = None
        #: The lines last drawn (what the screen shows).
        self.lines: list[Text] = []

    def show(self, view: NetView | None) -> None:
        self.view = view
        self.redraw()

    def on_resize(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        width, height = self.content_size.width, self.content_size.height
        if self.view is None or width < 4 or height < 2:
            self.lines = []
            self.update("")
            return
        self.lines = draw_picture(self.view.picture, width, height)
        self.update(Text("\n").join(self.lines))


class NetworkScreen(SinergiScreen[None]):
    """The network around ``actor``, or of ``area`` when no actor is given."""

    BINDINGS = bindings(NETWORK)

    def __init__(self, area: str, actor: str | None) -> None:
        super().__init__(id="network-screen")
        self.area = area
        self.actor = actor
        self.around = actor is not None
        self.view: NetView | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="net-title", classes="screen-title")
        with Horizontal(id="net-body"):
            yield NetworkCanvas(id="net-canvas")
            yield DataTable(id="net-summary", cursor_type="row", zebra_stripes=True)
        yield Static("", id="net-legend")
        yield KeyBar("", id="key-bar")

    def on_mount(self) -> None:
        self.set_class(self.app.size.width >= 120, "-wide")
        self.refresh_texts()
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 120, "-wide")

    def data_changed(self) -> None:
        self.reload()

    def refresh_texts(self) -> None:
        self.query_one(KeyBar).update(key_bar(NETWORK, self.sapp.keymap, self.lang))
        legend = Text(no_wrap=True, overflow="ellipsis")
        legend.append("◆ ", CATEGORY_STYLE["penyelenggara"])
        legend.append(self.t("net_legend_body") + "  ")
        legend.append("⠒⠒ ", EDGE_STYLE[EdgeStyle.LINK])
        legend.append(self.t("net_legend_link") + "  ")
        legend.append("⠒ ⠒ ", EDGE_STYLE[EdgeStyle.GAP])
        legend.append(self.t("net_legend_gap") + "  ")
        legend.append("⠒ ⠒ ", EDGE_STYLE[EdgeStyle.STALE])
        legend.append(self.t("net_legend_stale"))
        self.query_one("#net-legend", Static).update(legend)
        if self.view is not None:
            self._show(self.view)
        else:
            self.query_one("#net-title", Static).update(self.t("net_loading"))

    # ------------------------------------------------------------------

    def reload(self) -> None:
        self.netview_worker(self.area, self.actor if self.around else None, self.lang)

    @work(thread=True, exclusive=True, group="network", exit_on_error=False)
    def netview_worker(self, area: str, actor: str | None, lang: str) -> None:
        ws = self.sapp.workspace
        if ws.network is None or ws.gaps is None:
            return
        view = load_netview(
            ws.network, ws.gaps, ws.rules, ws.catalogue, lang, area=area, actor=actor
        )
        if not get_current_worker().is_cancelled:
            self.post_message(NetViewReady(view))

    @on(NetViewReady)
    def _ready(self, event: NetViewReady) -> None:
        self.view = event.view
        self._show(event.view)

    def _show(self, view: NetView) -> None:
        pic = view.picture
        title = pic.title + (f" · {pic.subtitle}" if pic.subtitle else "")
        # The title names an actor or area from the store: shown printable (issue 13).
        shown = Text(plain(title), no_wrap=True, overflow="ellipsis")
        self.query_one("#net-title", Static).update(shown)
        self.query_one(NetworkCanvas).show(view)
        table = self.query_one("#net-summary", DataTable)
        table.clear(columns=True)
        for key in ("kec", "pps", "forkopimcam", "gaps"):
            table.add_column(self.t(f"ncol_{key}"), key=key)
        for row in (*view.rows, view.total):
            gaps = Text()
            gaps.append(str(row.gaps_high), "bold red" if row.gaps_high else "green")
            gaps.append(f"/{row.gaps_medium}/{row.gaps_low}")
            table.add_row(
                Text(plain(row.name), no_wrap=True, overflow="ellipsis"),
                share(row.pps_kades, row.pps),
                forkopimcam_share(row),
                gaps,
            )

    def action_toggle_scope(self) -> None:
        if self.actor is None:
            self.notify(self.t("choose_actor_first"), severity="warning")
            return
        self.around = not self.around
        self.view = None
        self.query_one("#net-title", Static).update(self.t("net_loading"))
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
