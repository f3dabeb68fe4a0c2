"""Forms to add or correct an actor and to record a link, validated like an import.

Both are modal screens returning the note to show (``None`` when cancelled);
the write itself, with its journal entry for undo, happens in a worker.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from sinergi_graph.models import Actor, CoordinationLink
from sinergi_graph.numbers import short_date
from sinergi_graph.personal import is_personal_field
from sinergi_graph.text import printable
from tui.base import SinergiModal
from tui.editing import record_edit
from tui.messages import NetworkChanged
from tui.model import search
from tui.model.forms import (
    ACTOR_FIELDS,
    LINK_FIELDS,
    FormCheck,
    check_actor_form,
    check_link_form,
    new_actor_id,
)


class ActorLoaded(Message):
    def __init__(self, actor: Actor | None) -> None:
        super().__init__()
        self.actor = actor


class Checked(Message):
    def __init__(self, check: FormCheck) -> None:
        super().__init__()
        self.check = check


class _Form(SinergiModal[str | None]):
    """Fields in a grid, one problem line under the grid, save/cancel buttons."""

    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", show=False, id="modal_cancel"),
        Binding("ctrl+s", "save", show=False, id="form_save"),
    ]
    FIELDS: tuple[str, ...] = ()
    TITLE_KEY = ""

    def __init__(self) -> None:
        super().__init__(classes="modal")
        self.title_text = ""
        self._prefilled: dict[str, tuple[str, str]] = {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form-dialog"):
            yield Static(self.title_text, classes="dialog-title", id="form-title")
            with VerticalScroll(classes="form-scroll"), Grid(classes="form-grid"):
                for name in self.FIELDS:
                    yield Label(self.t("f_" + name), classes="form-label")
                    yield Input(
                        id=f"f-{name}",
                        compact=True,
                        placeholder=self.t("fp_" + name),
                        password=self.masked(name),
                    )
            if any(self.masked(name) for name in self.FIELDS):
                yield Static(self.t("contacts_hidden"), classes="dialog-hint", id="form-masked")
            yield Static("", id="form-problems")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.t("cancel"), id="cancel")
                yield Button(self.t("save"), variant="primary", id="save")

    def masked(self, name: str) -> bool:
        """Whether field ``name`` shows bullets: personal data while contacts are hidden."""
        return not self.sapp.show_contacts and is_personal_field(name)

    def fields(self) -> dict[str, str]:
        values = {name: self.query_one(f"#f-{name}", Input).value for name in self.FIELDS}
        for name, (shown, kept) in self._prefilled.items():
            # A field left as it was shown saves the stored text (line breaks and all)
            # cleaned the same way, so what is saved is what was on screen.
            if values.get(name) == shown:
                values[name] = kept
        return values

    def set_field(self, name: str, value: str | None) -> None:
        # An Input draws its value as it is: an escape or control character in a stored
        # name would reach the terminal. Shown printable on one line (as tables do).
        kept = printable(value or "")
        shown = printable(kept, multiline=False)
        self._prefilled[name] = (shown, kept)
        self.query_one(f"#f-{name}", Input).value = shown

    def show_problems(self, problems: dict[str, list[str]]) -> None:
        lines = []
        for name in self.FIELDS:
            field = self.query_one(f"#f-{name}", Input)
            field.set_class(name in problems, "-invalid")
            for text in problems.get(name, []):
                lines.append(f"{self.t('f_' + name)}: {text}")
        for name, texts in problems.items():
            if name not in self.FIELDS:
                lines.extend(texts)
        # Problems quote what was typed: plain text, never markup.
        self.query_one("#form-problems", Static).update(Text(printable("\n".join(lines))))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.start_check(self.fields())

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def start_check(self, fields: dict[str, str]) -> None:
        """Validate (and on success write) in a worker; subclasses start theirs."""
        raise NotImplementedError


class ActorForm(_Form):
    """Add an actor (``actor_id`` None) or correct one."""

    FIELDS = ACTOR_FIELDS

    def __init__(self, actor_id: str | None, *, area: str | None = None) -> None:
        super().__init__()
        self.actor_id = actor_id
        self.area = area
        self.original: Actor | None = None

    def on_mount(self) -> None:
        key = "form_edit_actor" if self.actor_id else "form_add_actor"
        self.query_one("#form-title", Static).update(self.t(key))
        if self.actor_id is not None:
            self.query_one("#f-id", Input).disabled = True
            self.load_worker(self.actor_id)
            self.query_one("#f-name", Input).focus()
        else:
            self.set_field("area", self.area)
            self.query_one("#f-kind", Input).focus()

    @work(thread=True, exclusive=True, group="form", exit_on_error=False)
    def load_worker(self, actor_id: str) -> None:
        actor = self.sapp.gate.call(lambda s: s.get_actor(actor_id))
        self.post_message(ActorLoaded(actor))

    @on(ActorLoaded)
    def _loaded(self, event: ActorLoaded) -> None:
        self.original = event.actor
        if event.actor is None:
            self.notify(self.t("actor_gone"), severity="error")
            self.dismiss(None)
            return
        for name in self.FIELDS:
            self.set_field(name, getattr(event.actor, name))

    def fields(self) -> dict[str, str]:
        values = super().fields()
        if not values["id"].strip() and self.actor_id is None:
            network = self.sapp.workspace.network
            kind = self.sapp.workspace.catalogue.resolve(values["kind"]) or values["kind"]
            existing = network.rows if network is not None else {}
            values["id"] = new_actor_id(kind or "X", values["area"].strip() or None, existing)
        return values

    def start_check(self, fields: dict[str, str]) -> None:
        self.check_worker(fields)

    @work(thread=True, exclusive=True, group="form", exit_on_error=False)
    def check_worker(self, fields: dict[str, str]) -> None:
        app = self.sapp
        ws = app.workspace
        keep = self.original.properties if self.original is not None else None
        check = app.gate.call(
            lambda s: check_actor_form(
                fields, s, ws.catalogue, app.area_index(), app.lang, keep_properties=keep
            )
        )
        if check.ok and check.actor is not None:
            actor = check.actor
            verb = "edit_corrected" if self.actor_id else "edit_added"
            label = self.t(verb, name=actor.name)
            # The revision in the same store call: nothing of this app writes in between.
            before, entry = app.gate.call(
                lambda s: (s.revision(), record_edit(s, label, actors=(actor,)))
            )
            app.call_from_thread(app.remember, "edit", entry.seq)
            app.post_message(
                NetworkChanged(label, focus_actor=actor.id, changes=entry.forward, revision=before)
            )
        self.post_message(Checked(check))

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        if event.check.ok:
            self.dismiss(event.check.actor.name if event.check.actor else "")
        else:
            self.show_problems(event.check.problems)


class LinkForm(_Form):
    """Record a coordination link that happened (a meeting, a letter, an MoU)."""

    FIELDS = LINK_FIELDS

    def __init__(self, source: str | None, *, link: CoordinationLink | None = None) -> None:
        super().__init__()
        self.source = source
        self.original = link

    def on_mount(self) -> None:
        key = "form_correct_link" if self.original else "form_record_link"
        self.query_one("#form-title", Static).update(self.t(key))
        link = self.original
        if link is not None:
            for name in ("source", "target", "type", "topic", "note"):
                self.set_field(name, getattr(link, name))
            self.set_field("date", short_date(link.date) if link.date else "")
            self.query_one("#f-date", Input).focus()
            return
        self.set_field("source", self.source)
        self.set_field("type", "KOORDINASI")
        self.query_one("#f-target" if self.source else "#f-source", Input).focus()

    def _resolve(self, value: str) -> str:
        """An id stays; a name is looked up and replaced by the best match's id."""
        app = self.sapp
        network = app.workspace.network
        value = value.strip()
        if not value or network is None or value in network.rows:
            return value
        for hit in search(value, app.area_index(), network, limit=5):
            if hit.kind == "actor":
                return hit.id
        return value

    def start_check(self, fields: dict[str, str]) -> None:
        self.check_worker(fields)

    @work(thread=True, exclusive=True, group="form", exit_on_error=False)
    def check_worker(self, fields: dict[str, str]) -> None:
        app = self.sapp
        ws = app.workspace
        fields = dict(fields)
        fields["source"] = self._resolve(fields["source"])
        fields["target"] = self._resolve(fields["target"])
        check = app.gate.call(lambda s: check_link_form(fields, s, app.lang))
        if check.ok and check.link is not None:
            link = check.link
            network = ws.network
            names = (
                (network.name(link.source), network.name(link.target))
                if network is not None
                else (link.source, link.target)
            )
            verb = "edit_link_corrected" if self.original else "edit_link"
            label = self.t(verb, a=names[0], b=names[1])
            old = (self.original.id,) if self.original is not None else ()
            before, entry = app.gate.call(
                lambda s: (
                    s.revision(),
                    record_edit(s, label, links=(link,), delete_links=old),
                )
            )
            app.call_from_thread(app.remember, "edit", entry.seq)
            app.post_message(
                NetworkChanged(
                    label, focus_actor=link.source, changes=entry.forward, revision=before
                )
            )
        self.post_message(Checked(check))

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        if event.check.ok:
            self.dismiss(event.check.link.id if event.check.link else "")
        else:
            self.show_problems(event.check.problems)
