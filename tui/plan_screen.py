"""The plan: a scenario of proposed changes with its live before/after.

Each added link is simulated incrementally (milliseconds, even on the national
network); reach and single points of failure follow in a second step. The
plan can be saved, loaded, compared with saved ones, applied to the store
after a confirmation, and the last applied change undone.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from sinergi_graph.analysis.simulation import (
    AddLink,
    Comparison,
    RemoveActor,
    Scenario,
    apply_scenario,
    compare_scenarios,
    list_scenarios,
    load_scenario,
    save_scenario,
)
from sinergi_graph.text import printable
from tui.base import SinergiScreen
from tui.bindings import PLAN, bindings, key_bar
from tui.confirm import ConfirmModal
from tui.messages import NetworkChanged
from tui.model.display import markup_safe, plain
from tui.prompts import ChoicePrompt, TextPrompt, TextView
from tui.scenario_panel import render_outcome


class PlanUpdated(Message):
    """The simulation caught up with the plan's changes."""


class MetricsUpdated(Message):
    """Reach and single points of failure were recomputed."""


class ScenarioList(Message):
    def __init__(self, purpose: str, names: list[str]) -> None:
        super().__init__()
        self.purpose = purpose
        self.names = names


class CompareReady(Message):
    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison


class PlanScreen(SinergiScreen[None]):
    BINDINGS = bindings(PLAN)

    def __init__(self, pending: Any = None) -> None:
        super().__init__(id="plan-screen")
        self.pending = pending
        self._preparing = False

    def compose(self) -> ComposeResult:
        yield Static("", id="plan-title", classes="screen-title")
        with Horizontal(id="plan-body"):
            yield DataTable(id="changes-table", cursor_type="row")
            with VerticalScroll(id="outcome-scroll"):
                yield Static("", id="outcome")
        yield Static("", id="plan-note")
        yield Static("", id="key-bar", classes="key-bar")

    def on_mount(self) -> None:
        self.set_class(self.app.size.width >= 120, "-wide")
        self.query_one("#changes-table", DataTable).focus()
        self.refresh_texts()
        plan = self.sapp.plan
        if self.pending is not None:
            change, self.pending = self.pending, None
            self.add_change(change)
        elif plan is not None and plan.sim is None:
            self._preparing = True
            self.plan_changed()
            self.start_worker()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 120, "-wide")
        self.call_after_refresh(self.plan_changed)

    # ------------------------------------------------------------------
    # Showing

    def refresh_texts(self) -> None:
        app = self.sapp
        lang = app.lang
        plan = app.plan
        name = plan.name if plan is not None and plan.name else self.t("plan_unnamed")
        self.query_one("#plan-title", Static).update(self.t("plan_title", name=markup_safe(name)))
        self.query_one("#key-bar", Static).update(key_bar(PLAN, app.keymap, lang))
        self.plan_changed()

    def plan_changed(self) -> None:
        app = self.sapp
        plan = app.plan
        network = app.workspace.network
        table = self.query_one("#changes-table", DataTable)
        keep = table.cursor_row if table.row_count else 0
        table.clear(columns=True)
        table.add_column("#", key="n", width=3)
        change_width = max(20, (table.size.width or 40) - 3 - 4 - 1)
        table.add_column(self.t("plan_change"), key="change", width=change_width)
        if plan is not None and network is not None:
            for i, change in enumerate(plan.changes, start=1):
                table.add_row(str(i), self._describe(change), key=str(i - 1), height=None)
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1), animate=False)
        outcome = self.query_one("#outcome", Static)
        if plan is None or plan.result is None:
            key = "plan_computing" if plan and plan.changes else "plan_empty"
            if plan is not None and plan.sim is None and self._preparing:
                key = "plan_preparing"
            outcome.update(self.t(key))
        else:
            outcome.update(render_outcome(plan, app.labels(), network))
        note = ""
        if plan is not None and plan.dropped:
            note = self.t("plan_dropped", items="; ".join(plan.dropped))
        self.query_one("#plan-note", Static).update(Text(printable(note)))
        name = plan.name if plan is not None and plan.name else self.t("plan_unnamed")
        self.query_one("#plan-title", Static).update(self.t("plan_title", name=markup_safe(name)))

    def _describe(self, change: Any) -> Text:
        app = self.sapp
        network = app.workspace.network
        name = network.name if network is not None else str
        if isinstance(change, AddLink):
            text = Text("+ ", style="bold green")
            text.append(f"{name(change.source)} — {name(change.target)}")
            text.append(f" ({change.type})", style="dim")
            return text
        if isinstance(change, RemoveActor):
            text = Text("− ", style="bold red")
            text.append(self.t("plan_leaves", name=name(change.actor_id)))
            return text
        return Text(change.op)

    def data_changed(self) -> None:
        self.plan_changed()

    # ------------------------------------------------------------------
    # Simulation workers

    def add_change(self, change: Any) -> None:
        plan = self.sapp.plan
        if plan is not None and plan.contains(change):
            self.notify(self.t("plan_duplicate"), severity="warning")
            return
        self.add_worker(change)

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def start_worker(self) -> None:
        app = self.sapp
        plan = app.plan
        if plan is None:
            return
        plan.ensure()
        self.post_message(PlanUpdated())

    @work(thread=True, group="plan-add", exit_on_error=False)
    def add_worker(self, change: Any) -> None:
        app = self.sapp
        plan = app.ensure_plan() if app.plan is None else app.plan
        if plan is None:
            return
        plan.add(change)
        self.post_message(PlanUpdated())

    @on(PlanUpdated)
    def _updated(self) -> None:
        self._preparing = False
        self.plan_changed()
        self.metrics_worker()

    @work(thread=True, exclusive=True, group="plan-metrics", exit_on_error=False)
    def metrics_worker(self) -> None:
        plan = self.sapp.plan
        if plan is None:
            return
        plan.compute_metrics()
        if not get_current_worker().is_cancelled:
            self.post_message(MetricsUpdated())

    @on(MetricsUpdated)
    def _metrics(self) -> None:
        self.plan_changed()

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def remove_worker(self, index: int) -> None:
        plan = self.sapp.plan
        if plan is None:
            return
        plan.remove(index)
        self.post_message(PlanUpdated())

    # ------------------------------------------------------------------
    # Actions

    def action_add_change(self) -> None:
        app = self.sapp
        main = app.main
        plan = app.plan
        subject = main.actor if main is not None else None
        if subject is None and plan is not None and plan.changes:
            last = plan.changes[-1]
            subject = last.source if isinstance(last, AddLink) else None
        if subject is None:
            self.notify(self.t("choose_actor_first"), severity="warning")
            return
        app.propose_link(app.node_of(subject))

    def action_remove_actor(self) -> None:
        """Choose whose leaving to simulate, then confirm: never a silent removal."""
        app = self.sapp
        network = app.workspace.network
        plan = app.plan
        if network is None:
            return
        # The actor chosen on the main screen, then the ends of the planned links.
        offered: list[str] = []
        main = app.main
        if main is not None and main.actor is not None:
            offered.append(app.node_of(main.actor))
        for change in plan.changes if plan is not None else []:
            if isinstance(change, AddLink):
                offered.extend((change.source, change.target))
        leaving = {c.actor_id for c in (plan.changes if plan else []) if isinstance(c, RemoveActor)}
        ids = [a for a in dict.fromkeys(offered) if a not in leaving and a in network.graph]
        if not ids:
            self.notify(self.t("choose_actor_first"), severity="warning")
            return
        labels = app.labels()
        choices = [(a, f"{network.name(a)}  ({labels.kind(network.kind(a))} · {a})") for a in ids]

        def chosen(actor_id: str | None) -> None:
            if actor_id:
                self._confirm_removal(actor_id)

        app.push_screen(ChoicePrompt(self.t("plan_remove_which"), choices), chosen)

    def _confirm_removal(self, actor_id: str) -> None:
        network = self.sapp.workspace.network
        if network is None:
            return
        question = self.t(
            "plan_remove_confirm",
            name=network.name(actor_id),
            links=network.link_count(actor_id),
        )

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.add_change(RemoveActor(actor_id=actor_id))

        self.sapp.push_screen(ConfirmModal(question), confirmed)

    def action_remove_change(self) -> None:
        plan = self.sapp.plan
        table = self.query_one("#changes-table", DataTable)
        if plan is None or not plan.changes or not table.row_count:
            return
        self.remove_worker(table.cursor_row)

    def action_new(self) -> None:
        plan = self.sapp.plan
        if plan is not None:
            plan.clear()
        self.plan_changed()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_undo(self) -> None:
        self.sapp.undo_last()

    # Save / load / compare

    def action_save(self) -> None:
        app = self.sapp
        plan = app.plan
        if plan is None or not plan.changes:
            self.notify(self.t("plan_nothing"), severity="warning")
            return

        def named(name: str | None) -> None:
            if name:
                self.save_worker(name)

        app.push_screen(TextPrompt(self.t("plan_save_as"), value=plan.name or ""), named)

    @work(thread=True, exclusive=True, group="plan-io", exit_on_error=False)
    def save_worker(self, name: str) -> None:
        app = self.sapp
        plan = app.plan
        if plan is None:
            return
        scenario = plan.scenario
        saved = app.gate.call(lambda s: save_scenario(s, scenario, name))
        plan.name = saved
        self.app.call_from_thread(self._saved, saved)

    def _saved(self, name: str) -> None:
        self.notify(self.t("plan_saved", name=name))
        self.plan_changed()

    def action_load(self) -> None:
        self.list_worker("load")

    def action_compare(self) -> None:
        self.list_worker("compare")

    @work(thread=True, exclusive=True, group="plan-io", exit_on_error=False)
    def list_worker(self, purpose: str) -> None:
        names = self.sapp.gate.call(list_scenarios)
        self.post_message(ScenarioList(purpose, names))

    @on(ScenarioList)
    def _listed(self, event: ScenarioList) -> None:
        app = self.sapp
        if not event.names:
            self.notify(self.t("plan_none_saved"), severity="warning")
            return
        if event.purpose == "compare":
            self.compare_worker(event.names)
            return

        def chosen(name: str | None) -> None:
            if name:
                self.load_worker(name)

        choices = [(n, n) for n in event.names]
        app.push_screen(ChoicePrompt(self.t("plan_choose"), choices), chosen)

    @work(thread=True, exclusive=True, group="plan", exit_on_error=False)
    def load_worker(self, name: str) -> None:
        app = self.sapp
        plan = app.plan
        if plan is None:
            return
        scenario = app.gate.call(lambda s: load_scenario(s, name))
        plan.replay(list(scenario.changes))
        plan.name = scenario.name or name
        self.post_message(PlanUpdated())

    @work(thread=True, exclusive=True, group="plan-io", exit_on_error=False)
    def compare_worker(self, names: list[str]) -> None:
        app = self.sapp
        plan = app.plan
        network = app.workspace.network
        if plan is None or network is None:
            return

        def saved_as(name: str) -> Scenario:
            scenario: Scenario = app.gate.call(lambda s: load_scenario(s, name))
            return scenario

        saved = [saved_as(n) for n in names]
        current = plan.scenario.model_copy(update={"name": plan.name or self.t("plan_current")})
        scenarios = [current, *[s for s in saved if s.name != plan.name]]
        comparison = compare_scenarios(
            network.source_rows,
            app.workspace.rules,
            scenarios,
            graph=network.graph,
            catalogue=app.workspace.catalogue,
            as_of=app.workspace.as_of,
        )
        self.post_message(CompareReady(comparison))

    @on(CompareReady)
    def _compared(self, event: CompareReady) -> None:
        table = Table(expand=False)
        columns = (
            "scenario",
            "changes",
            "gaps_before",
            "gaps_after",
            "closed",
            "opened",
            "closed_only_here",
        )
        for col in columns:
            table.add_column(self.t("cmp_" + col), justify="left" if col == "scenario" else "right")
        for row in event.comparison.rows():
            # Scenario names are the user's: Rich parses str cells as markup.
            table.add_row(*[Text(plain(str(row[c]))) for c in columns])
        self.app.push_screen(TextView(self.t("plan_compare_title"), table))

    # Apply

    def action_apply(self) -> None:
        app = self.sapp
        plan = app.plan
        if plan is None or not plan.changes or plan.result is None:
            self.notify(self.t("plan_nothing"), severity="warning")
            return
        result = plan.result
        question = self.t(
            "apply_confirm",
            n=len(plan.changes),
            before=result.before,
            after=result.after,
            location=app.location,
        )

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.apply_worker()

        app.push_screen(ConfirmModal(question), confirmed)

    @work(thread=True, exclusive=True, group="write", exit_on_error=False)
    def apply_worker(self) -> None:
        app = self.sapp
        plan = app.plan
        network = app.workspace.network
        if plan is None or network is None:
            return
        scenario = plan.scenario
        rows = network.source_rows
        # The revision in the same store call: nothing of this app writes in between.
        before, entry = app.gate.call(
            lambda s: (s.revision(), apply_scenario(s, scenario, rows=rows))
        )
        app.call_from_thread(app.remember, "scenario", entry.seq)
        plan.clear()
        note = self.t("applied", n=len(scenario.changes))
        self.post_message(PlanUpdated())
        app.post_message(NetworkChanged(note, changes=entry.forward, revision=before))
