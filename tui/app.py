"""``sinergi tui``: the Textual application.

The app owns the store (behind :class:`~tui.gate.StoreGate`), the cached
network and gap index (:class:`~tui.model.Workspace`) and the plan being
worked on (:class:`~tui.planning.PlanSession`). Screens ask for work through
the app's methods; every store or analysis call runs in a thread worker and
comes back as a message.

The language is reactive state here (``lang``): screens read it through
:class:`~tui.base.SinergiScreen` and are refreshed when it changes. Workers
do not catch what they cannot handle: every failed worker ends in
:meth:`SinergiApp.work_failed`, the one policy — the status line says it
failed, and an error modal (start-up) or a notification (anything else)
says what happened and what to do, never a traceback.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import App
from textual.command import Provider
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from sinergi_graph.areas import AreaIndex, load_areas
from sinergi_graph.config import Settings
from sinergi_graph.errors import SinergiError
from sinergi_graph.i18n import parse_lang
from sinergi_graph.kinds import load_catalogue
from sinergi_graph.numbers import number
from sinergi_graph.rules import load_rules
from sinergi_graph.store.factory import open_store
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.text import printable
from tui.actor_detail import Labels
from tui.base import describe_error
from tui.bindings import GLOBAL, bindings
from tui.gate import StoreGate
from tui.i18n import tr
from tui.main_screen import MainScreen
from tui.messages import (
    AreasReady,
    GapsReady,
    NetworkChanged,
    NetworkReady,
    Progressed,
    SearchReady,
    StoreOpened,
    WorkFailed,
)
from tui.model import Workspace
from tui.model.display import plain
from tui.search import SinergiSearch
from tui.startup import ask_create_store, missing_store

if TYPE_CHECKING:
    from sinergi_graph.models import ChangeSet
    from tui.planning import PlanSession

THEMES = {"dark": "textual-dark", "light": "textual-light"}
#: Workers whose failure leaves nothing to work on: an error modal, not a notification.
FATAL_GROUPS = frozenset({"boot"})
#: Workers that load the network: their failure is what the status line reports.
LOAD_GROUPS = frozenset({"boot", "load"})


class SinergiApp(App[None]):
    """Explore the coordination network, work the gap list, plan partnerships."""

    CSS_PATH = "app.tcss"
    TITLE = "sinergi"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {SinergiSearch}
    BINDINGS = bindings(GLOBAL)

    #: The language every text is shown in (``id`` or ``en``); screens refresh when it changes.
    lang: reactive[str] = reactive("id", init=False)

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        as_of: date | None = None,
        export_dir: Path | None = None,
        store_opener: Callable[[], GraphStore] | None = None,
    ) -> None:
        self.settings = settings if settings is not None else Settings()
        super().__init__()
        self.set_reactive(SinergiApp.lang, parse_lang(self.settings.lang))
        self.keymap: dict[str, str] = dict(self.settings.keys)
        self.export_dir = export_dir if export_dir is not None else Path.cwd()
        self.show_contacts = False
        opener = store_opener or (lambda: open_store(self.settings))
        self.gate = StoreGate(opener)
        # A missing store file is asked about before anything opens (and so creates) it.
        self.missing_store = missing_store(self.settings) if store_opener is None else None
        self.location = ""
        self._areas: AreaIndex | None = None
        self._areas_lock = threading.Lock()
        # Start reading the area index now, while Textual sets the screen up.
        threading.Thread(target=self.area_index, name="sinergi-areas", daemon=True).start()
        self.startup_error: str | None = None
        try:
            catalogue = load_catalogue(self.settings.kinds_file)
            rules = load_rules(self.settings.rules_file, catalogue)
        except SinergiError as exc:
            # A broken kinds or rules file: say so on screen, carry on with the defaults.
            self.startup_error = exc.render(self.lang)
            catalogue, rules = load_catalogue(None), load_rules(None)
        self.workspace = Workspace(
            self.gate,
            catalogue=catalogue,
            rules=rules,
            areas=self.area_index,
            as_of=as_of,
            calendars_file=self.settings.calendars_file,
        )
        self.plan: PlanSession | None = None
        self.pending_focus: str | None = None
        self.history: list[tuple[str, int]] = []
        self.stage: str | None = "st_starting"
        self.store_ok = False
        #: Set once the first screen is filled (tree + first listing), for benchmarks.
        self.ready = threading.Event()
        self.set_keymap(self.keymap)
        self.theme = THEMES.get(self.settings.theme, self.settings.theme)
        if self.theme not in self.available_themes:
            self.theme = "textual-dark"

    # ------------------------------------------------------------------
    # Shared helpers for the screens

    def area_index(self) -> AreaIndex:
        with self._areas_lock:
            if self._areas is None:
                self._areas = load_areas()
            return self._areas

    def labels(self) -> Labels:
        ws = self.workspace
        areas = self._areas

        def area_label(code: str) -> str:
            return areas.label(code) if areas is not None else code

        def rule_label(rule_id: str) -> str:
            rule = ws.rule(rule_id)
            return rule.title(self.lang) if rule else rule_id

        return Labels(self.lang, lambda k: ws.kind_label(k, self.lang), area_label, rule_label)

    def node_of(self, actor_id: str) -> str:
        network = self.workspace.network
        return (network.node_of(actor_id) if network else None) or actor_id

    def status_text(self) -> str:
        ws = self.workspace
        parts = []
        if ws.network is not None and not ws.network.rows:
            parts.append(self.t("st_empty"))
        elif ws.network is not None:
            # Counted as the table and the tree count them: the network's actors, with the
            # people recorded inside an institution folded into it (not every stored row).
            actors = ws.network.graph.number_of_nodes()
            parts.append(self.t("st_n_actors", n=number(actors, self.lang)))
        if ws.gaps is not None:
            parts.append(self.t("st_n_gaps", n=number(len(ws.gaps), self.lang)))
        if self.stage is not None:
            parts.append(self.t(self.stage))
        return " · ".join(parts)

    @property
    def main(self) -> MainScreen | None:
        """The browsing screen, once it is mounted (it picks up earlier data itself)."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen) and screen.live:
                return screen
        return None

    def mark_ready(self) -> None:
        if self._areas is not None and self.workspace.network is not None:
            self.ready.set()

    def t(self, key: str, /, **params: object) -> str:
        """Message ``key`` of ``tui/messages.toml`` in the current language."""
        return tr(key, self.lang, **params)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification as plain text: it may quote names, notes or file names.

        ``markup`` is ignored (widgets pass ``True`` by default): no notification
        text here is markup, and a name like ``[/]`` must show, not crash.
        """
        del markup
        super().notify(
            printable(message), title=plain(title), severity=severity, timeout=timeout, markup=False
        )

    def post_message_error(self, text: str) -> None:
        """From any thread: show ``text`` as a failure notification."""
        self.post_message(WorkFailed(text))

    # ------------------------------------------------------------------
    # The one policy for failed work

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.work_failed(event.worker)

    def work_failed(self, worker: Worker[Any]) -> None:
        """A worker raised: say so in the status line and tell the user what to do."""
        error = worker.error
        if error is None:
            return
        self.show_failure(
            describe_error(error, self.lang),
            fatal=worker.group in FATAL_GROUPS,
            loading=worker.group in LOAD_GROUPS,
        )

    def show_failure(self, text: str, *, fatal: bool = False, loading: bool = False) -> None:
        """The status line first (so the screen behind a modal agrees), then modal or toast."""
        if fatal or loading:
            self.stage = "st_failed"
            main = self.main
            if main is not None:
                main.status_bar.progress(1.0)
                main.status_bar.say(self.status_text())
        if fatal:
            from tui.error_modal import ErrorModal

            self.push_screen(ErrorModal(self.t("err_title"), text))
        else:
            # markup=False: the text may quote file names or names the user typed.
            self.notify(text, title=self.t("err_title"), severity="error", timeout=10)

    def _to_main(self) -> MainScreen | None:
        main = self.main
        while main is not None and len(self.screen_stack) > 1 and self.screen is not main:
            self.pop_screen()
        return main

    def jump_to(self, kind: str, ident: str) -> None:
        """Palette choice: show an area in the tree, or an actor with its detail."""
        main = self._to_main()
        if main is None:
            return
        if kind == "area":
            main.jump_to_area(ident)
        else:
            main.jump_to_actor(ident)

    def run_main_action(self, action: str) -> None:
        main = self._to_main()
        if main is None:
            return
        if action == "help":
            self.call_later(self.action_help)
        else:
            self.call_later(main.run_action, action)

    # ------------------------------------------------------------------
    # Start-up

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen()

    def on_mount(self) -> None:
        if self.startup_error is not None:
            self.post_message(
                WorkFailed(self.startup_error + "\n" + self.t("defaults_used"), fatal=True)
            )
        if self.missing_store is not None:
            ask_create_store(self, self.missing_store, self.boot)
            return
        self.boot()

    @work(thread=True, exclusive=True, group="boot", exit_on_error=False)
    def boot(self) -> None:
        self.post_message(AreasReady(self.area_index()))
        self.post_message(StoreOpened(self.gate.open()))
        self._load()

    def _progress(self, stage: str, fraction: float) -> None:
        self.post_message(Progressed(f"st_{stage}", fraction))

    def _load(self, changes: ChangeSet | None = None, before: int = -1) -> None:
        ws = self.workspace
        # After a journalled write: follow it, else load in full.
        followed = changes is not None and ws.refresh(changes, before)
        # At start-up the tree shows gap counts before the network: from the core's
        # gap cache, else as soon as the graph is built. Not on a reload, where
        # the screens still show the old network (and may jump to a new actor).
        first = ws.network is None and changes is None
        if first and (early := ws.cached_gaps()) is not None:
            self.post_message(GapsReady(early))
        network = ws.load_network(
            self._progress, (lambda g: self.post_message(GapsReady(g))) if first else None
        )
        self.post_message(NetworkReady(network))
        gaps = ws.load_gaps(self._progress)
        self.post_message(GapsReady(gaps))
        # After a followed write there is nothing to cache (the workspace keeps its
        # gaps for close()), and a worker holding the GIL would slow the repaint.
        if not followed:
            ws.save_caches(graph=False)  # the next launch's counts, even if this one ends now
        network.build_search()
        self.area_index().find("tepus", limit=1)  # warm the area name index
        self.post_message(SearchReady())
        if not followed:
            ws.save_caches()  # the graph, before the refresh indexes
        # What the next write's refresh needs (~2 s nationally), while the user reads.
        ws.prepare_refresh()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def reload(
        self, force: bool = False, changes: ChangeSet | None = None, before: int = -1
    ) -> None:
        """Re-read the store when it changed, or follow the write that applied ``changes``."""
        if not self.store_ok:
            return
        self._load(changes, before)

    @on(AreasReady)
    def _areas_ready(self, event: AreasReady) -> None:
        main = self.main
        if main is not None:
            main.area_tree.set_areas(event.areas)

    @on(StoreOpened)
    def _store_opened(self, event: StoreOpened) -> None:
        self.location = event.location
        self.store_ok = True
        main = self.main
        if main is not None:
            main.refresh_texts()

    @on(Progressed)
    def _progressed(self, event: Progressed) -> None:
        self.stage = None if event.fraction >= 1 else event.stage
        if event.stage == "st_failed":
            self.stage = "st_failed"
        main = self.main
        if main is not None:
            main.status_bar.progress(event.fraction)
            main.status_bar.say(self.status_text())

    @on(NetworkReady)
    def _network_ready(self, event: NetworkReady) -> None:
        main = self.main
        if main is not None:
            gaps = self.workspace.gaps
            if gaps is None or gaps.revision != event.network.revision:
                # With the gaps of this revision already there, the GapsReady that
                # always follows redraws the screens: once, not twice (~0.1 s).
                main.network_changed()
            main.focus_network_once()
        self._rebase_plan()

    @on(GapsReady)
    def _gaps_ready(self, event: GapsReady) -> None:
        self.stage = None
        main = self.main
        if main is not None:
            main.status_bar.progress(None)
            main.network_changed()
            if self.pending_focus is not None:
                focus, self.pending_focus = self.pending_focus, None
                if len(self.screen_stack) == 1:
                    main.jump_to_actor(focus)
        from tui.base import SinergiModal, SinergiScreen

        for screen in self.screen_stack:
            if isinstance(screen, SinergiScreen | SinergiModal):
                screen.data_changed()

    @on(SearchReady)
    def _search_ready(self, _event: SearchReady) -> None:
        pass

    @on(WorkFailed)
    def _work_failed(self, event: WorkFailed) -> None:
        self.show_failure(event.text, fatal=event.fatal)

    @on(NetworkChanged)
    def _network_changed(self, event: NetworkChanged) -> None:
        self.notify(event.note)
        self.pending_focus = event.focus_actor
        before = event.revision if event.revision is not None else -1
        self.reload(changes=event.changes, before=before)

    # ------------------------------------------------------------------
    # Global actions

    async def action_help(self) -> None:
        from tui.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            await self.push_screen(HelpScreen())

    def action_toggle_language(self) -> None:
        self.lang = "en" if self.lang == "id" else "id"
        self.notify(self.t("language_now"))

    def watch_lang(self) -> None:
        """Every open screen shows its texts again in the new language."""
        from tui.base import SinergiModal, SinergiScreen

        for screen in self.screen_stack:
            if isinstance(screen, SinergiScreen | SinergiModal):
                screen.refresh_texts()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    # ------------------------------------------------------------------
    # Screens

    def open_gaps(self, area: str) -> None:
        from tui.gaps_screen import GapsScreen

        if self.workspace.gaps is None:
            self.notify(self.t("gaps_not_ready"), severity="warning")
            return

        def jump(actor_id: str | None) -> None:
            if actor_id is not None and self.main is not None:
                self.main.jump_to_actor(actor_id)

        self.push_screen(GapsScreen(area), jump)

    def ensure_plan(self) -> PlanSession | None:
        network = self.workspace.network
        if network is None:
            self.notify(self.t("network_not_ready"), severity="warning")
            return None
        if self.plan is None:
            from tui.planning import PlanSession

            self.plan = PlanSession(
                network, self.workspace.rules, self.workspace.catalogue, self.workspace.as_of
            )
        return self.plan

    def open_plan(self) -> None:
        from tui.plan_screen import PlanScreen

        if self.ensure_plan() is None:
            return
        if isinstance(self.screen, PlanScreen):
            return
        self.push_screen(PlanScreen())

    def propose_link(self, subject: str, *, gap_rule: str | None = None) -> None:
        """Open the proposal modal for ``subject``; the chosen link goes into the plan."""
        from tui.plan_screen import PlanScreen
        from tui.propose_link import ProposeLink

        if self.ensure_plan() is None or self.workspace.gaps is None:
            self.notify(self.t("gaps_not_ready"), severity="warning")
            return

        self.prepare_plan()

        def chosen(change: Any) -> None:
            if change is None:
                return
            if not isinstance(self.screen, PlanScreen):
                self.push_screen(PlanScreen(pending=change))
            else:
                self.screen.add_change(change)

        self.push_screen(ProposeLink(subject, gap_rule=gap_rule), chosen)

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def prepare_plan(self) -> None:
        """Build the simulation while the user is still choosing (seconds on a national network)."""
        plan = self.plan
        if plan is not None:
            plan.ensure()

    def open_path(self, source: str | None) -> None:
        from tui.path_screen import PathScreen

        if self.workspace.network is None:
            self.notify(self.t("network_not_ready"), severity="warning")
            return
        self.push_screen(PathScreen(source))

    def edit_actor(self, actor_id: str | None, *, area: str | None = None) -> None:
        from tui.edit_form import ActorForm

        if not self.store_ok:
            return
        self.push_screen(ActorForm(actor_id, area=area))

    def record_link(self, source: str | None) -> None:
        from tui.edit_form import LinkForm

        if not self.store_ok:
            return
        self.push_screen(LinkForm(source))

    def correct_link(self, link_id: str) -> None:
        self.fetch_link(link_id)

    @work(thread=True, exclusive=True, group="form", exit_on_error=False)
    def fetch_link(self, link_id: str) -> None:
        found = self.gate.call(lambda s: s.links([link_id]))
        if not found:
            self.post_message_error(self.t("link_gone"))
            return
        self.call_from_thread(self._open_link_form, found[0])

    def _open_link_form(self, link: Any) -> None:
        from tui.edit_form import LinkForm

        self.push_screen(LinkForm(link.source, link=link))

    def undo_last(self) -> None:
        """Ask before undoing, naming the edit or the applied plan that would be undone."""
        from tui.undo_flow import undo_last

        undo_last(self)

    def remember(self, what: str, seq: int) -> None:
        self.history.append((what, seq))

    def _rebase_plan(self) -> None:
        """The network changed: replay the plan's changes on it (in a worker)."""
        plan = self.plan
        network = self.workspace.network
        if plan is None or network is None or plan.network is network:
            return
        if not plan.changes:
            plan.network = network
            plan.sim = None
            plan.result = None
            return
        self.replay_plan(list(plan.changes))

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def replay_plan(self, changes: list[Any]) -> None:
        plan = self.plan
        network = self.workspace.network
        if plan is None or network is None:
            return
        plan.replay(changes, network=network)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._plan_updated)

    def _plan_updated(self) -> None:
        from tui.plan_screen import PlanScreen

        for screen in self.screen_stack:
            if isinstance(screen, PlanScreen):
                screen.plan_changed()

    def on_unmount(self) -> None:
        self.workspace.close()
