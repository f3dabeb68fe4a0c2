"""The browsing screen: area tree, actor table and actor detail side by side."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from sinergi_graph.numbers import short_date
from tui.actor_detail import ActorDetailPanel
from tui.actor_table import ActorPanel
from tui.area_tree import AreaTree
from tui.base import SinergiScreen
from tui.bindings import MAIN, bindings, key_bar
from tui.messages import ActorChosen, AreaChosen, DetailReady, ListingReady
from tui.model import ROOT, ActorDetail, list_actors, load_detail
from tui.model.display import markup_safe, plain
from tui.prompts import ChoicePrompt
from tui.status_bar import KeyBar, StatusBar, stage_text

FILTER_DELAY = 0.15


class MainScreen(SinergiScreen[None]):
    """Browse: choose an area on the left, an actor in the middle, read it on the right."""

    BINDINGS = bindings(MAIN)

    def __init__(self) -> None:
        super().__init__(id="main")
        self.area = ROOT
        self.actor: str | None = None
        self.detail: ActorDetail | None = None
        self._filter_timer: Timer | None = None
        self._pending_actor: str | None = None
        #: True once mounted: data that arrived earlier is picked up in on_mount.
        self.live = False
        self._focused_once = False
        #: What an import from the TUI stored, said on the status line once the reload is in.
        self.status_note = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="title-bar")
        with Horizontal(id="browse"):
            yield AreaTree(id="area-tree")
            with Vertical(id="middle"):
                yield ActorPanel(id="actor-panel")
                yield ActorDetailPanel(id="detail-narrow", classes="detail")
            yield ActorDetailPanel(id="detail-wide", classes="detail")
        yield StatusBar(id="status-bar")
        yield KeyBar("", id="key-bar")

    def on_mount(self) -> None:
        self.live = True
        self.query_one(AreaTree).focus()
        self.refresh_texts()
        self._layout(self.size.width)
        app = self.sapp
        if app._areas is not None:
            self.area_tree.set_areas(app._areas)
        if app.workspace.network is not None:
            self.network_changed()
            self.focus_network_once()

    def focus_network_once(self) -> None:
        """On first load, open the tree at the smallest area holding the whole network."""
        network = self.sapp.workspace.network
        if self._focused_once or network is None:
            return
        self._focused_once = True
        focus = network.focus_area()
        if focus != ROOT and self.area == ROOT:
            self.jump_to_area(focus)

    def on_resize(self) -> None:
        self._layout(self.size.width)

    def _layout(self, width: int) -> None:
        self.set_class(width >= 120, "-wide")

    @property
    def area_tree(self) -> AreaTree:
        return self.query_one(AreaTree)

    @property
    def actor_panel(self) -> ActorPanel:
        return self.query_one(ActorPanel)

    @property
    def status_bar(self) -> StatusBar:
        return self.query_one(StatusBar)

    def details(self) -> list[ActorDetailPanel]:
        return list(self.query(ActorDetailPanel))

    # ------------------------------------------------------------------
    # Texts

    def refresh_texts(self) -> None:
        if not self.live:
            return
        app = self.sapp
        lang = app.lang
        title = self.t("title", location=markup_safe(app.location) or "…")
        self.query_one("#title-bar", Static).update(title)
        self.query_one(KeyBar).update(key_bar(MAIN, app.keymap, lang))
        self.actor_panel.refresh_texts()
        self.show_detail(self.detail)
        self.status_bar.say(app.status_text())
        self.status_bar.show_stage(stage_text(app.workspace.stage_now(), lang))

    def show_detail(self, detail: ActorDetail | None) -> None:
        self.detail = detail
        network = self.sapp.workspace.network
        if detail is None and network is not None and not network.rows:
            # An empty store is said so, with what to do, rather than shown as "no gaps".
            text = Text(self.t("store_empty", location=plain(self.sapp.location)))
            for panel in self.details():
                panel.show_text(text)
            return
        for panel in self.details():
            panel.show(detail, self.sapp.labels(), show_contacts=self.sapp.show_contacts)

    # ------------------------------------------------------------------
    # Data arriving

    def network_changed(self) -> None:
        """New network or gaps: recount the tree, relist the area, reload the detail."""
        app = self.sapp
        self.area_tree.set_network(app.workspace.network, app.workspace.gaps)
        self.actor_panel.kind_label = lambda k: app.workspace.kind_label(k, app.lang)
        self.reload_listing()
        if self.actor is not None:
            self.load_detail(self.actor)
        else:
            self.show_detail(None)
        self.status_bar.say(app.status_text())

    def reload_listing(self) -> None:
        if self.sapp.workspace.network is not None:
            self.list_area(
                self.area,
                self.actor_panel.filter_text,
                self.actor_panel.sort,
                self.actor_panel.descending,
            )

    @on(AreaChosen)
    def _area_chosen(self, event: AreaChosen) -> None:
        event.stop()
        if event.code != self.area or self.actor_panel.listing is None:
            self.area = event.code
            self.reload_listing()

    @on(ActorChosen)
    def _actor_chosen(self, event: ActorChosen) -> None:
        event.stop()
        self.actor = event.actor_id
        self.load_detail(event.actor_id)

    @on(Input.Changed, "#actor-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self.reload_listing)

    @on(Input.Submitted, "#actor-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.actor_panel.table.focus()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.actor_panel.cycle_sort(str(event.column_key.value))
        self.reload_listing()

    @work(thread=True, exclusive=True, group="listing", exit_on_error=False)
    def list_area(self, area: str, text: str, sort: str, descending: bool) -> None:
        app = self.sapp
        network = app.workspace.network
        if network is None:
            return
        listing = list_actors(
            network,
            app.workspace.gaps,
            area,
            text=text,
            sort=sort,
            descending=descending,
            kind_label=lambda k: app.workspace.kind_label(k, app.lang),
        )
        if not get_current_worker().is_cancelled:
            self.post_message(ListingReady(area, listing))

    @on(ListingReady)
    def _listing_ready(self, event: ListingReady) -> None:
        if event.area != self.area:
            return
        wanted = self._pending_actor or self.actor
        self.actor_panel.show(event.listing, keep=wanted)
        if self._pending_actor is not None:
            self._pending_actor = None
        current = self.actor_panel.current_actor
        if current is not None and current != self.actor:
            self.actor = current
            self.load_detail(current)
        elif current is None and self.actor is not None and wanted is None:
            self.show_detail(None)
        self.sapp.mark_ready()

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def load_detail(self, actor_id: str) -> None:
        app = self.sapp
        network = app.workspace.network
        if network is None:
            return
        detail = load_detail(app.gate, network, app.workspace.gaps, actor_id)
        if not get_current_worker().is_cancelled:
            self.post_message(DetailReady(actor_id, detail))

    @on(DetailReady)
    def _detail_ready(self, event: DetailReady) -> None:
        if event.actor_id == self.actor:
            self.show_detail(event.detail)

    # ------------------------------------------------------------------
    # Jumping (search, gap list)

    def jump_to_area(self, code: str) -> None:
        self.area_tree.reveal(code)
        self.area_tree.focus()

    def jump_to_actor(self, actor_id: str) -> None:
        """Show the actor's area, select it in the table and load its detail."""
        network = self.sapp.workspace.network
        if network is None:
            return
        node = network.node_of(actor_id) or actor_id
        area = network.graph.nodes[node].get("area") if node in network.graph else None
        self.actor = actor_id
        self._pending_actor = node
        if self.actor_panel.filter_text:
            self.query_one("#actor-filter", Input).value = ""
        target = area or ROOT
        self.area = target
        self.area_tree.reveal(target, post=False)
        self.reload_listing()
        self.load_detail(actor_id)
        self.actor_panel.table.focus()

    # ------------------------------------------------------------------
    # Actions

    def action_filter_actors(self) -> None:
        self.query_one("#actor-filter", Input).focus()

    def action_sort_actors(self) -> None:
        self.actor_panel.cycle_sort()
        self.reload_listing()

    def action_toggle_empty(self) -> None:
        shown = self.area_tree.toggle_empty()
        self.notify(self.t("empty_shown" if shown else "empty_hidden"))

    def action_toggle_contacts(self) -> None:
        app = self.sapp
        app.show_contacts = not app.show_contacts
        self.show_detail(self.detail)
        self.notify(self.t("contacts_shown" if app.show_contacts else "contacts_masked"))

    def action_show_gaps(self) -> None:
        self.sapp.open_gaps(self.area)

    def action_show_plan(self) -> None:
        self.sapp.open_plan()

    def action_plan_link(self) -> None:
        if self.actor is None:
            self.notify(self.t("choose_actor_first"), severity="warning")
            return
        node = self.sapp.node_of(self.actor)
        self.sapp.propose_link(node)

    def action_show_path(self) -> None:
        self.sapp.open_path(self.actor)

    def action_show_network(self) -> None:
        """The selected actor's neighbourhood (``t`` there: its kecamatan), else the area."""
        from tui.network_screen import NetworkScreen

        app = self.sapp
        network = app.workspace.network
        if network is None or app.workspace.gaps is None:
            self.notify(self.t("gaps_not_ready"), severity="warning")
            return
        area = self.area
        if self.actor is not None:
            node = network.node_of(self.actor)
            home = network.graph.nodes[node].get("area") if node in network.graph else None
            area = str(home)[:8] if home else area
        if area == ROOT:
            self.notify(self.t("choose_area_first"), severity="warning")
            return
        app.push_screen(NetworkScreen(area, self.actor))

    def action_edit_actor(self) -> None:
        if self.actor is None:
            self.notify(self.t("choose_actor_first"), severity="warning")
            return
        self.sapp.edit_actor(self.actor)

    def action_add_actor(self) -> None:
        self.sapp.edit_actor(None, area=None if self.area == ROOT else self.area)

    def action_record_link(self) -> None:
        self.sapp.record_link(self.actor)

    def action_edit_link(self) -> None:
        """Choose one of the actor's recorded links (its history) and correct it."""
        app = self.sapp
        detail = self.detail
        if detail is None or not detail.timeline:
            self.notify(self.t("choose_link_first"), severity="warning")
            return
        choices = [
            (e.link_id, f"{short_date(e.day)}  {e.type}  {e.other_name}  {e.topic}".rstrip())
            for e in detail.timeline
            if e.link_id
        ]

        def chosen(link_id: str | None) -> None:
            if link_id:
                app.correct_link(link_id)

        app.push_screen(ChoicePrompt(self.t("choose_link"), choices), chosen)

    def action_undo(self) -> None:
        self.sapp.undo_last()

    def action_reload(self) -> None:
        self.sapp.reload(force=True)

    # ------------------------------------------------------------------
    # Records: import, kegiatan, kerja sama (issue 9)

    def data_changed(self) -> None:
        """After the reload an import asked for: the status line says what it stored (once)."""
        if self.status_note:
            self.status_bar.say(f"{self.sapp.status_text()} · {self.status_note}")
            self.status_note = ""

    def action_import_files(self) -> None:
        from tui.import_screen import ImportScreen

        if not self.sapp.store_ok:
            self.notify(self.t("network_not_ready"), severity="warning")
            return

        def done(note: str | None) -> None:
            if note:
                self.status_note = note

        self.sapp.push_screen(ImportScreen(), done)

    def action_show_agreements(self) -> None:
        from tui.records_screen import AgreementsScreen

        if self.sapp.workspace.network is None:
            self.notify(self.t("network_not_ready"), severity="warning")
            return
        self.sapp.push_screen(AgreementsScreen())

    def action_show_kegiatan(self) -> None:
        """The selected actor's kegiatan (``t`` there: its area's), else the area's."""
        from tui.records_screen import KegiatanScreen

        if self.sapp.workspace.network is None:
            self.notify(self.t("network_not_ready"), severity="warning")
            return
        self.sapp.push_screen(KegiatanScreen(self.area, self.actor))

    def action_record_kegiatan(self) -> None:
        """Record a kegiatan in the selected area, the selected actor already ticked."""
        from tui.kegiatan_form import KegiatanForm

        if not self.sapp.store_ok or self.sapp.workspace.network is None:
            self.notify(self.t("network_not_ready"), severity="warning")
            return
        self.sapp.push_screen(KegiatanForm(self.area, self.actor))
