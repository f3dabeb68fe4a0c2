"""Two actors: the shortest coordination path between them and the warm introductions."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from sinergi_graph.analysis.paths import (
    CoordinationPath,
    Introduction,
    coordination_path,
    warm_introductions,
)
from sinergi_graph.numbers import short_date
from tui.actor_detail import Labels, keep_indent
from tui.base import SinergiScreen
from tui.bindings import PATH, bindings, key_bar
from tui.i18n import tr
from tui.model import Network, search


@dataclass(frozen=True)
class PathResult:
    source: str
    target: str
    path: CoordinationPath | None
    introductions: list[Introduction]


class PathReady(Message):
    def __init__(self, result: PathResult) -> None:
        super().__init__()
        self.result = result


class Suggestions(Message):
    def __init__(
        self, field: str, ids: list[str], *, pick: bool = False, generation: int = 0
    ) -> None:
        super().__init__()
        self.generation = generation
        self.field = field
        self.ids = ids
        self.pick = pick


def render_path(result: PathResult, network: Network, labels: Labels) -> Text:
    lang = labels.lang
    out = Text()
    name = network.name
    out.append(tr("path_between", lang, a=name(result.source), b=name(result.target)) + "\n\n")
    path = result.path
    out.append(tr("path_shortest", lang) + "\n", style="bold underline")
    if path is None:
        out.append("  " + tr("path_none", lang) + "\n", style="red")
    elif path.length == 0:
        out.append("  " + tr("path_same", lang) + "\n", style="dim")
    else:
        out.append("  " + tr("path_steps", lang, n=path.length) + "\n", style="dim")
        out.append(f"  {name(path.nodes[0])}\n", style="bold")
        for step in path.steps:
            detail = tr("path_step", lang, n=step.count, last=short_date(step.last_date))
            types = ", ".join(step.types)
            out.append(f"   └─ {detail} {types}\n", style="dim")
            kind = labels.kind(network.graph.nodes[step.target].get("kind", ""))
            out.append(f"  {name(step.target)}", style="bold")
            out.append(f" ({kind})\n", style="dim")
    out.append("\n" + tr("path_intros", lang) + "\n", style="bold underline")
    if path is not None and path.length == 1:
        out.append("  " + tr("path_direct", lang) + "\n", style="green")
    elif not result.introductions:
        out.append("  " + tr("path_no_intros", lang) + "\n", style="dim")
    for intro in result.introductions:
        via = " → ".join(name(v) for v in intro.via)
        out.append(f"  • {via}\n")
        detail = tr(
            "intro_detail", lang, last=short_date(intro.weakest_date), n=intro.weakest_count
        )
        out.append(f"    {detail}\n", style="dim")
        if intro.people:
            people = ", ".join(name(p) for p in intro.people[:5])
            out.append("    " + tr("intro_people", lang, people=people) + "\n", style="dim")
    return keep_indent(out)


class PathScreen(SinergiScreen[None]):
    BINDINGS = bindings(PATH)

    def __init__(self, source: str | None = None) -> None:
        super().__init__(id="path-screen")
        self.source = source
        self.target: str | None = None
        self.result: PathResult | None = None
        self._timer: Timer | None = None
        self._field = "from"
        #: Bumped whenever an end is chosen: suggestions asked for before are stale.
        self._generation = 0

    def compose(self) -> ComposeResult:
        network = self.sapp.workspace.network
        yield Static("", id="path-title", classes="screen-title")
        with Horizontal(id="path-inputs"):
            yield Input(
                value=network.name(self.source) if network and self.source else "",
                placeholder=self.t("path_from"),
                id="path-from",
                compact=True,
            )
            yield Input(placeholder=self.t("path_to"), id="path-to", compact=True)
        yield OptionList(id="path-suggestions")
        with VerticalScroll(id="path-scroll"):
            yield Static("", id="path-result")
        yield Static("", id="key-bar", classes="key-bar")

    def on_mount(self) -> None:
        self.query_one("#path-suggestions", OptionList).display = False
        self.refresh_texts()
        (
            self.query_one("#path-to", Input)
            if self.source
            else self.query_one("#path-from", Input)
        ).focus()

    def refresh_texts(self) -> None:
        app = self.sapp
        lang = app.lang
        self.query_one("#path-title", Static).update(self.t("path_title"))
        self.query_one("#key-bar", Static).update(key_bar(PATH, app.keymap, lang))
        self.query_one("#path-from", Input).placeholder = self.t("path_from")
        self.query_one("#path-to", Input).placeholder = self.t("path_to")
        self._show()

    def _show(self) -> None:
        network = self.sapp.workspace.network
        body = self.query_one("#path-result", Static)
        if self.result is None or network is None:
            body.update(self.t("path_help"))
        else:
            body.update(render_path(self.result, network, self.sapp.labels()))

    # ------------------------------------------------------------------
    # Choosing the two actors

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        field = "from" if event.input.id == "path-from" else "to"
        if not event.input.has_focus or self._chosen_name(field) == event.value:
            return
        self._field = field
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(0.15, lambda: self.suggest(field, query))

    def _chosen_name(self, field: str) -> str | None:
        actor = self.source if field == "from" else self.target
        network = self.sapp.workspace.network
        return network.name(actor) if actor and network else None

    def suggest(self, field: str, query: str, pick: bool = False) -> None:
        self.suggest_worker(field, query, pick, self._generation)

    @work(thread=True, exclusive=True, group="path-suggest", exit_on_error=False)
    def suggest_worker(self, field: str, query: str, pick: bool, generation: int) -> None:
        app = self.sapp
        network = app.workspace.network
        if network is None or not query.strip():
            self.post_message(Suggestions(field, [], generation=generation))
            return
        ids: list[str] = []
        for hit in search(query, app.area_index(), network, limit=20):
            if hit.kind == "actor" and hit.id not in ids:
                ids.append(hit.id)
        if not get_current_worker().is_cancelled:
            self.post_message(Suggestions(field, ids[:10], pick=pick, generation=generation))

    @on(Suggestions)
    def _suggestions(self, event: Suggestions) -> None:
        if event.generation != self._generation:
            return
        box = self.query_one("#path-suggestions", OptionList)
        box.clear_options()
        network = self.sapp.workspace.network
        if network is None or not event.ids:
            box.display = False
            return
        labels = self.sapp.labels()
        for actor_id in event.ids:
            text = Text(network.name(actor_id))
            text.append(f"  {labels.kind(network.kind(actor_id))} · {actor_id}", style="dim")
            box.add_option(Option(text, id=actor_id))
        box.display = True
        box.highlighted = 0
        if event.pick:
            self._field = event.field
            self._pick(event.ids[0])

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        box = self.query_one("#path-suggestions", OptionList)
        field = "from" if event.input.id == "path-from" else "to"
        if box.display and box.option_count and field == self._field:
            self._pick(box.get_option_at_index(box.highlighted or 0).id)
        elif event.value.strip() and (self.source if field == "from" else self.target) is None:
            # Enter before the suggestions arrived: take the best match.
            if self._timer is not None:
                self._timer.stop()
            self.suggest(field, event.value, pick=True)
        elif self.source and self.target:
            self.compute()

    def on_key(self, event: object) -> None:
        key = getattr(event, "key", "")
        box = self.query_one("#path-suggestions", OptionList)
        if not box.display or not box.option_count:
            return
        if key in ("down", "up"):
            current = box.highlighted or 0
            step = 1 if key == "down" else -1
            box.highlighted = max(0, min(box.option_count - 1, current + step))
            stop = getattr(event, "stop", None)
            if callable(stop):
                stop()

    @on(OptionList.OptionSelected, "#path-suggestions")
    def _option(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option.id)

    def _pick(self, actor_id: str | None) -> None:
        if actor_id is None:
            return
        network = self.sapp.workspace.network
        box = self.query_one("#path-suggestions", OptionList)
        box.display = False
        self._generation += 1
        name = network.name(actor_id) if network else actor_id
        if self._field == "from":
            self.source = actor_id
            field = self.query_one("#path-from", Input)
            with field.prevent(Input.Changed):
                field.value = name
            self.query_one("#path-to", Input).focus()
        else:
            self.target = actor_id
            field = self.query_one("#path-to", Input)
            with field.prevent(Input.Changed):
                field.value = name
        if self.source and self.target:
            self.compute()

    def choose(self, source: str, target: str) -> None:
        """Set both ends directly (used by tests and the palette) and compute."""
        self.source, self.target = source, target
        self._generation += 1
        if self._timer is not None:
            self._timer.stop()
        self.query_one("#path-suggestions", OptionList).display = False
        network = self.sapp.workspace.network
        for field_id, actor in (("#path-from", source), ("#path-to", target)):
            field = self.query_one(field_id, Input)
            with field.prevent(Input.Changed):
                field.value = network.name(actor) if network else actor
        self.compute()

    def compute(self) -> None:
        if self.source and self.target:
            self.path_worker(self.source, self.target)

    @work(thread=True, exclusive=True, group="path", exit_on_error=False)
    def path_worker(self, source: str, target: str) -> None:
        network = self.sapp.workspace.network
        if network is None:
            return
        G = network.graph
        try:
            path = coordination_path(G, source, target)
            intros = warm_introductions(G, source, target, limit=5)
        except KeyError as exc:
            self.sapp.post_message_error(self.t("path_unknown", id=str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(PathReady(PathResult(source, target, path, intros)))

    @on(PathReady)
    def _ready(self, event: PathReady) -> None:
        self.result = event.result
        self._show()

    def action_swap(self) -> None:
        if self.source and self.target:
            self.choose(self.target, self.source)

    def action_back(self) -> None:
        self.dismiss(None)
