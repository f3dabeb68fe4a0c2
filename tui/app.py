"""``sinergi tui``: the Textual application.

The app owns the store (behind :class:`~tui.gate.StoreGate`), the cached
network and gap index (:class:`~tui.model.Workspace`) and the plan being
worked on (:class:`~tui.planning.PlanSession`). Screens ask for work through
the app's methods; every store or analysis call runs in a thread worker and
comes back as a message. Failures become notifications or an error modal
saying what to do — never a traceback.
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
from textual.screen import Screen
from textual.worker import get_current_worker

from sinergi_graph.areas import AreaIndex, load_areas
from sinergi_graph.config import Settings
from sinergi_graph.errors import SinergiError
from sinergi_graph.i18n import parse_lang
from sinergi_graph.kinds import load_catalogue
from sinergi_graph.rules import load_rules
from sinergi_graph.store.factory import open_store
from sinergi_graph.store.protocol import GraphStore
from tui.actor_detail import Labels
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
from tui.search import SinergiSearch

if TYPE_CHECKING:
    from tui.planning import PlanSession

THEMES = {"dark": "textual-dark", "light": "textual-light"}


def describe_error(exc: BaseException, lang: str) -> str:
    """What went wrong and what to do about it, in the user's language."""
    if isinstance(exc, SinergiError):
        return exc.render(lang)
    if isinstance(exc, PermissionError):
        return tr("err_permission", lang, path=exc.filename or "", detail=exc.strerror or "")
    if isinstance(exc, OSError):
        return tr("err_os", lang, path=exc.filename or "", detail=exc.strerror or str(exc))
    return tr("err_unexpected", lang, kind=type(exc).__name__, detail=str(exc)[:200])


class SinergiApp(App[None]):
    """Explore the coordination network, work the gap list, plan partnerships."""

    CSS_PATH = "app.tcss"
    TITLE = "sinergi"
    ENABLE_COMMAND_PALETTE = True
    COMMAND_PALETTE_BINDING = "ctrl+p"
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {SinergiSearch}
    BINDINGS = bindings(GLOBAL)

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
        self.lang = parse_lang(self.settings.lang)
        self.keymap: dict[str, str] = dict(self.settings.keys)
        self.export_dir = export_dir if export_dir is not None else Path.cwd()
        self.show_contacts = False
        opener = store_opener or (lambda: open_store(self.settings))
        self.gate = StoreGate(opener)
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
        if ws.network is not None:
            parts.append(tr("st_n_actors", self.lang, n=f"{len(ws.network.rows):,}"))
        if ws.gaps is not None:
            parts.append(tr("st_n_gaps", self.lang, n=f"{len(ws.gaps):,}"))
        if self.stage is not None:
            parts.append(tr(self.stage, self.lang))
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

    def report_failure(self, exc: BaseException, *, fatal: bool = False) -> None:
        """From any thread: tell the user what failed and what to do."""
        self.post_message(WorkFailed(describe_error(exc, self.lang), fatal=fatal))

    def post_message_error(self, text: str) -> None:
        self.post_message(WorkFailed(text))

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
                WorkFailed(self.startup_error + "\n" + tr("defaults_used", self.lang), fatal=True)
            )
        self.boot()

    @work(thread=True, exclusive=True, group="boot")
    def boot(self) -> None:
        try:
            areas = self.area_index()
        except Exception as exc:
            self.report_failure(exc, fatal=True)
            return
        self.post_message(AreasReady(areas))
        try:
            location = self.gate.open()
        except Exception as exc:
            self.report_failure(exc, fatal=True)
            return
        self.post_message(StoreOpened(location))
        self._load()

    def _progress(self, stage: str, fraction: float) -> None:
        self.post_message(Progressed(f"st_{stage}", fraction))

    def _load(self) -> None:
        ws = self.workspace
        try:
            network = ws.load_network(self._progress)
            self.post_message(NetworkReady(network))
            gaps = ws.load_gaps(self._progress)
            self.post_message(GapsReady(gaps))
            network.build_search()
            self.area_index().find("tepus", limit=1)  # warm the area name index
            self.post_message(SearchReady())
        except Exception as exc:
            self.report_failure(exc)
            self.post_message(Progressed("st_failed", 1.0))

    @work(thread=True, exclusive=True, group="load")
    def reload(self, force: bool = False) -> None:
        """Re-read the store when it changed (``force``: check even without a known change)."""
        if not self.store_ok:
            return
        self._load()

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
        for screen in self.screen_stack:
            refresh = getattr(screen, "data_changed", None)
            if callable(refresh):
                refresh()

    @on(SearchReady)
    def _search_ready(self, _event: SearchReady) -> None:
        pass

    @on(WorkFailed)
    def _work_failed(self, event: WorkFailed) -> None:
        if event.fatal:
            from tui.error_modal import ErrorModal

            self.stage = "st_failed"
            # Say it in the status bar now, so the screen behind the modal agrees with it
            # whether or not the worker's last progress message has arrived yet.
            main = self.main
            if main is not None:
                main.status_bar.progress(1.0)
                main.status_bar.say(self.status_text())
            self.push_screen(ErrorModal(tr("err_title", self.lang), event.text, self.lang))
        else:
            self.notify(event.text, title=tr("err_title", self.lang), severity="error", timeout=10)

    @on(NetworkChanged)
    def _network_changed(self, event: NetworkChanged) -> None:
        self.notify(event.note)
        self.pending_focus = event.focus_actor
        self.reload()

    # ------------------------------------------------------------------
    # Global actions

    async def action_help(self) -> None:
        from tui.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            await self.push_screen(HelpScreen())

    def action_toggle_language(self) -> None:
        self.lang = "en" if self.lang == "id" else "id"
        self.refresh_language()
        self.notify(tr("language_now", self.lang))

    def refresh_language(self) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_texts", None)
            if callable(refresh):
                refresh()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    # ------------------------------------------------------------------
    # Screens

    def open_gaps(self, area: str) -> None:
        from tui.gaps_screen import GapsScreen

        if self.workspace.gaps is None:
            self.notify(tr("gaps_not_ready", self.lang), severity="warning")
            return

        def jump(actor_id: str | None) -> None:
            if actor_id is not None and self.main is not None:
                self.main.jump_to_actor(actor_id)

        self.push_screen(GapsScreen(area), jump)

    def ensure_plan(self) -> PlanSession | None:
        network = self.workspace.network
        if network is None:
            self.notify(tr("network_not_ready", self.lang), severity="warning")
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
            self.notify(tr("gaps_not_ready", self.lang), severity="warning")
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

    @work(thread=True, exclusive=True, group="plan")
    def prepare_plan(self) -> None:
        """Build the simulation while the user is still choosing (seconds on a national network)."""
        plan = self.plan
        if plan is None:
            return
        try:
            plan.ensure()
        except Exception as exc:
            self.report_failure(exc)

    def open_path(self, source: str | None) -> None:
        from tui.path_screen import PathScreen

        if self.workspace.network is None:
            self.notify(tr("network_not_ready", self.lang), severity="warning")
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

    @work(thread=True, exclusive=True, group="form")
    def fetch_link(self, link_id: str) -> None:
        try:
            found = self.gate.call(lambda s: s.links([link_id]))
        except Exception as exc:
            self.report_failure(exc)
            return
        if not found:
            self.post_message_error(tr("link_gone", self.lang))
            return
        self.call_from_thread(self._open_link_form, found[0])

    def _open_link_form(self, link: Any) -> None:
        from tui.edit_form import LinkForm

        self.push_screen(LinkForm(link.source, link=link))

    def undo_last(self) -> None:
        from tui.confirm import ConfirmModal

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.run_undo(force=False)

        self.push_screen(ConfirmModal(tr("undo_confirm", self.lang), self.lang), confirmed)

    @work(thread=True, exclusive=True, group="write")
    def run_undo(self, force: bool) -> None:
        from tui.editing import undo_latest

        prefer = self.history[-1] if self.history else None
        try:
            undone = self.gate.call(lambda s: undo_latest(s, prefer=prefer, force=force))
        except SinergiError as exc:
            if exc.code == "bad_change" and not force:
                self.call_from_thread(self._ask_force_undo, exc.render(self.lang))
                return
            self.report_failure(exc)
            return
        except Exception as exc:
            self.report_failure(exc)
            return
        if undone is None:
            self.post_message(WorkFailed(tr("undo_nothing", self.lang)))
            return
        if self.history:
            self.history.pop()
        key = "undone_edit" if undone.what == "edit" else "undone_scenario"
        self.post_message(NetworkChanged(tr(key, self.lang, label=undone.label)))

    def _ask_force_undo(self, detail: str) -> None:
        from tui.confirm import ConfirmModal

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.run_undo(force=True)

        text = tr("undo_conflict", self.lang, detail=detail)
        self.push_screen(ConfirmModal(text, self.lang), confirmed)

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

    @work(thread=True, exclusive=True, group="plan")
    def replay_plan(self, changes: list[Any]) -> None:
        plan = self.plan
        network = self.workspace.network
        if plan is None or network is None:
            return
        try:
            plan.replay(changes, network=network)
        except Exception as exc:
            self.report_failure(exc)
            return
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._plan_updated)

    def _plan_updated(self) -> None:
        for screen in self.screen_stack:
            refresh = getattr(screen, "plan_changed", None)
            if callable(refresh):
                refresh()

    def on_unmount(self) -> None:
        self.gate.close()
