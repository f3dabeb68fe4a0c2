"""Every key of the TUI in one table: default key, action, label, and where it works.

A binding's id is its action name, which is what ``Settings.keys`` remaps
(``[keys] show_gaps = "G"`` in ``config.toml``). The help screen and the key
bar read this table, so what they show is always what the keys do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from textual.binding import Binding
from textual.content import Content
from textual.keys import format_key

from tui.i18n import keys as message_keys
from tui.i18n import tr


@dataclass(frozen=True, slots=True)
class Key:
    id: str  # binding id and the name users remap in Settings.keys
    key: str  # default key(s), Textual spelling
    action: str  # Textual action
    label: str  # message key in tui/messages.toml
    bar: bool = False  # shown in the key bar at the bottom
    priority: bool = False


GLOBAL = (
    Key("help", "question_mark,f1", "help", "k_help", bar=True),
    Key("search", "ctrl+p", "command_palette", "k_search", bar=True, priority=True),
    Key("toggle_language", "f2", "toggle_language", "k_language", priority=True),
    Key("toggle_theme", "f3", "toggle_theme", "k_theme", priority=True),
    Key("quit", "ctrl+q", "quit", "k_quit", priority=True),
)

MAIN = (
    Key("show_gaps", "g", "show_gaps", "k_gaps", bar=True),
    Key("plan_link", "l", "plan_link", "k_plan_link", bar=True),
    Key("show_plan", "p", "show_plan", "k_plan", bar=True),
    Key("show_path", "r", "show_path", "k_path", bar=True),
    Key("show_network", "n", "show_network", "k_network"),
    Key("edit_actor", "e", "edit_actor", "k_edit_actor"),
    Key("add_actor", "a", "add_actor", "k_add_actor"),
    Key("record_link", "i", "record_link", "k_record_link"),
    Key("edit_link", "k", "edit_link", "k_edit_link"),
    Key("undo", "u", "undo", "k_undo"),
    Key("toggle_contacts", "c", "toggle_contacts", "k_contacts"),
    Key("filter_actors", "slash", "filter_actors", "k_filter", bar=True),
    Key("sort_actors", "s", "sort_actors", "k_sort"),
    Key("toggle_empty", "z", "toggle_empty", "k_empty"),
    # Focus and quitting are the app's actions: a screen has no action_focus_next or
    # action_quit, and a binding to a missing action does nothing, silently.
    Key("focus_next_panel", "tab", "app.focus_next", "k_next_panel"),
    Key("focus_previous_panel", "shift+tab", "app.focus_previous", "k_previous_panel"),
    Key("reload", "ctrl+r", "reload", "k_reload"),
    Key("import_files", "ctrl+o", "import_files", "k_import"),
    Key("show_agreements", "m", "show_agreements", "k_agreements"),
    Key("show_kegiatan", "v", "show_kegiatan", "k_kegiatan"),
    Key("record_kegiatan", "h", "record_kegiatan", "k_record_kegiatan"),
    Key("quit_main", "q", "app.quit", "k_quit"),
)

GAPS = (
    Key("jump_to_subject", "enter", "jump", "k_jump", bar=True),
    Key("gap_plan_link", "l", "plan_link", "k_plan_link", bar=True),
    Key("export_xlsx", "x", "export('xlsx')", "k_export_xlsx", bar=True),
    Key("export_csv", "v", "export('csv')", "k_export_csv", bar=True),
    Key("cycle_rule", "1", "cycle('rule')", "k_cycle_rule"),
    Key("cycle_severity", "2", "cycle('severity')", "k_cycle_severity"),
    Key("cycle_reason", "3", "cycle('reason')", "k_cycle_reason"),
    Key("toggle_due", "4", "toggle_due", "k_toggle_due"),
    Key("clear_filters", "0", "clear_filters", "k_clear_filters"),
    Key("gaps_back", "escape", "back", "k_back", bar=True),
)

PLAN = (
    Key("plan_add", "l", "add_change", "k_plan_add", bar=True),
    Key("plan_remove_actor", "k", "remove_actor", "k_plan_remove_actor"),
    Key("plan_remove", "delete,d", "remove_change", "k_plan_remove", bar=True),
    Key("plan_save", "s", "save", "k_plan_save", bar=True),
    Key("plan_load", "o", "load", "k_plan_load"),
    Key("plan_compare", "m", "compare", "k_plan_compare"),
    Key("plan_apply", "ctrl+s", "apply", "k_plan_apply", bar=True),
    Key("plan_undo", "u", "undo", "k_undo"),
    Key("plan_new", "n", "new", "k_plan_new"),
    Key("plan_back", "escape", "back", "k_back", bar=True),
)

NETWORK = (
    Key("network_scope", "t", "toggle_scope", "k_network_scope", bar=True),
    Key("network_back", "escape", "back", "k_back", bar=True),
)

RECORDS = (
    Key("kegiatan_scope", "t", "toggle_scope", "k_kegiatan_scope", bar=True),
    Key("records_back", "escape", "back", "k_back", bar=True),
)

AGREEMENTS = (Key("agreements_back", "escape", "back", "k_back", bar=True),)

IMPORT = (
    Key("import_save", "ctrl+s", "save", "k_import_save", bar=True),
    Key("import_back", "escape", "back", "k_back", bar=True),
)

PATH = (
    Key("path_swap", "ctrl+x", "swap", "k_path_swap"),
    Key("path_back", "escape", "back", "k_back", bar=True),
)

#: Keys of Textual's own widgets, listed in the help so that it names every key.
NAVIGATION = (
    Key("nav_move", "up,down", "", "k_nav_move"),
    Key("nav_expand", "space", "", "k_nav_expand"),
    Key("nav_choose", "enter", "", "k_nav_choose"),
    Key("nav_panels", "tab,shift+tab", "", "k_nav_panels"),
    Key("nav_scroll", "pageup,pagedown", "", "k_nav_scroll"),
)

MODAL = (Key("modal_cancel", "escape", "cancel", "k_cancel", bar=True),)

SECTIONS: tuple[tuple[str, tuple[Key, ...]], ...] = (
    ("hsec_global", GLOBAL),
    ("hsec_navigation", NAVIGATION),
    ("hsec_main", MAIN),
    ("hsec_gaps", GAPS),
    ("hsec_plan", PLAN),
    ("hsec_path", PATH),
    ("hsec_network", NETWORK),
    ("hsec_records", RECORDS),
    ("hsec_agreements", AGREEMENTS),
    ("hsec_import", IMPORT),
    ("hsec_modal", MODAL),
)


def bindings(keys: tuple[Key, ...]) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """Textual bindings for ``keys`` (entries without an action are listed in help only)."""
    return [
        Binding(k.key, k.action, k.label, show=False, id=k.id, priority=k.priority)
        for k in keys
        if k.action
    ]


def effective_key(key: Key, keymap: Mapping[str, str]) -> str:
    """The key(s) this binding answers to, after the user's remapping."""
    return keymap.get(key.id, key.key)


def display_key(keys: str) -> str:
    """``"question_mark,f1"`` → ``"?/f1"``, the way keys are written on screen."""
    shown = []
    for k in keys.split(","):
        k = k.strip()
        if not k:
            continue
        if k.startswith("ctrl+"):
            shown.append("^" + format_key(k[5:]))
        else:
            shown.append(format_key(k))
    return "/".join(shown)


def short_label(key: Key, lang: str) -> str:
    """The key's label for the bar: its ``_short`` message when there is one."""
    short = key.label + "_short"
    return tr(short if short in _known_keys() else key.label, lang)


@lru_cache(maxsize=1)
def _known_keys() -> frozenset[str]:
    return frozenset(message_keys())


def key_bar(keys: tuple[Key, ...], keymap: Mapping[str, str], lang: str) -> Content:
    """The bottom bar: ``key label`` pairs of the global and the screen's bar bindings."""
    parts: list[tuple[str, str] | str] = []
    for k in (*GLOBAL, *keys):
        if k.bar:
            shown = display_key(effective_key(k, keymap).split(",")[0])
            if parts:
                parts.append("  ")
            parts.append((shown, "bold $text-accent"))
            parts.append(" " + short_label(k, lang))
    return Content.assemble(*parts)
