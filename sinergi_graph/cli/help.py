"""``--help`` in the user's language: every help text comes from the CLI catalogue.

Typer builds its help from docstrings and ``help=`` strings fixed in the code.
Instead, once the command tree is built (and the language is known: the global
options are hoisted in front, so ``--lang`` is read before typer runs),
:func:`localise` walks it and sets each text from ``data/catalogues/cli.toml``:

* a command's help from ``help_<path>`` (``help_gaps``, ``help_scenarios_list``);
* an option's or argument's help from ``opt_<path>_<name>``, else the shared
  ``opt_<name>`` (``opt_area``, ``opt_format``), where ``name`` is the
  parameter's name in the code;
* typer's own words (``Usage:``, ``Options``, ``[default: …]``, the help option)
  from ``typer_*``.

A text missing from the catalogue keeps what the code says, so a new option is
never without help; a test checks that every command and option has its text in
both languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

from typer import rich_utils
from typer._click import core, formatting

from sinergi_graph.i18n import catalogue, t

__all__ = ["help_key", "localise", "usage_error_text", "walk"]


def walk(command: core.Command, path: str = "") -> Iterator[tuple[str, core.Command]]:
    """Every command of the tree with its catalogue path (``""`` for the root)."""
    yield path, command
    subcommands: dict[str, core.Command] = getattr(command, "commands", {})
    for name, sub in sorted(subcommands.items()):
        yield from walk(sub, f"{path}_{name}" if path else name)


def help_key(path: str, param: str | None = None) -> str | None:
    """The catalogue key holding the help of a command (or of one of its parameters)."""
    entries = catalogue("cli")
    if param is None:
        key = f"help_{path or 'root'}"
        return key if key in entries else None
    for key in (f"opt_{path or 'root'}_{param}", f"opt_{param}"):
        if key in entries:
            return key
    return None


def _typer_words() -> None:
    # typer reads these module constants each time it renders a help page.
    rich_utils.ARGUMENTS_PANEL_TITLE = t("cli.typer_arguments")
    rich_utils.OPTIONS_PANEL_TITLE = t("cli.typer_options")
    rich_utils.COMMANDS_PANEL_TITLE = t("cli.typer_commands")
    rich_utils.DEFAULT_STRING = t("cli.typer_default", value="{}")
    rich_utils.REQUIRED_LONG_STRING = t("cli.typer_required")
    usage = t("cli.typer_usage")
    formatter: Any = formatting.HelpFormatter
    if getattr(formatter.write_usage, "_sinergi", False):
        original = formatter.write_usage.__wrapped__
    else:
        original = formatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original(self, prog, args, f"{usage}: " if prefix is None else prefix)

    write_usage._sinergi = True  # type: ignore[attr-defined]
    write_usage.__wrapped__ = original  # type: ignore[attr-defined]
    formatter.write_usage = write_usage
    # The usage highlighter styles the prefix by its English spelling; teach it ours.
    rich_utils.OptionHighlighter.highlights = [
        f"(?P<usage>{usage}: )" if "(?P<usage>" in h else h
        for h in rich_utils.OptionHighlighter.highlights
    ]


def localise(root: core.Command) -> core.Command:
    """Set every help text of ``root``'s tree from the catalogue, in the current language."""
    _typer_words()
    options = t("cli.typer_options_metavar")
    for path, command in walk(root):
        key = help_key(path)
        if key is not None:
            command.help = t(f"cli.{key}")
            command.short_help = None
        command.options_metavar = f"[{options}]"
        if hasattr(command, "commands"):
            # A group (typer's TyperGroup) shows "COMMAND [ARGS]..." after the options.
            setattr(command, "subcommand_metavar", t("cli.typer_subcommand_metavar"))  # noqa: B010
        for param in command.params:
            pkey = help_key(path, param.name)
            if pkey is not None and hasattr(param, "help"):
                param.help = t(f"cli.{pkey}")
            if hasattr(param, "display_type_rich"):
                # typer prints the Python type (``<bool>`` on a flag, ``<list[str]>``):
                # a flag needs no value word, the rest a word of the user's language.
                word = _value_word(param)
                setattr(param, "display_type_rich", lambda ctx, w=word: w)  # noqa: B010
            if param.param_type_name == "argument" and f"arg_{param.name}" in catalogue("cli"):
                # The usage line names an argument by its metavar: ``{ASAL} {TUJUAN}``.
                param.metavar = t(f"cli.arg_{param.name}")
        ctx = core.Context(command, info_name=path or "sinergi")
        helper = command.get_help_option(ctx)
        if helper is not None:
            helper.help = t("cli.typer_help")
            setattr(helper, "display_type_rich", lambda ctx: None)  # noqa: B010
    return root


def _value_word(param: Any) -> str | None:
    """The word help shows for what follows ``param`` (``TEKS``, ``a|b``); ``None``: a flag."""
    if getattr(param, "is_flag", False):
        return None
    desc = getattr(param, "type_descriptor", None)
    if desc is None:
        return None
    if desc.is_choice:
        word = "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    else:
        element = get_args(desc.annotation)[0] if desc.is_list else desc.annotation
        if desc.is_path or element is Path:
            word = t("cli.typer_value_path")
        elif element in (int, float):
            word = t("cli.typer_value_number")
        else:
            word = t("cli.typer_value_text")
    return f"{word}…" if desc.is_list else word


# click 8.2+ appends its guess: "No such command 'gapz'. Did you mean 'gaps'?"
_NO_SUCH_COMMAND = re.compile(
    r"^No such command '(?P<name>.+?)'\.(?: Did you mean (?P<close>.+?)\?)?$"
)
_CHOICES = re.compile(r"is not one of (?P<choices>.+?)\.?$")


def _hint(exc: Any) -> str:
    param = getattr(exc, "param", None)
    hint = getattr(exc, "param_hint", None)
    if hint is None and param is not None:
        hint = param.get_error_hint()
    if isinstance(hint, (list, tuple)):
        hint = " / ".join(str(h) for h in hint)
    return str(hint or "").replace("'", "")


def usage_error_text(exc: Exception) -> str:
    """typer's usage error (unknown option, bad value) in the user's language.

    In English typer's own message is kept; in Indonesian the common cases are
    said from the catalogue, anything else falls back to typer's words.
    """
    original = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    if t("cli.typer_usage") == "Usage":  # English: typer's words are the right ones
        return original
    name = type(exc).__name__
    if name == "NoSuchOption":
        text = t("cli.err_no_such_option", name=getattr(exc, "option_name", ""))
        possible = getattr(exc, "possibilities", None)
        if possible:
            text += " " + t("cli.err_did_you_mean", options=", ".join(sorted(possible)))
        return text
    if name == "MissingParameter":
        return t("cli.err_missing", hint=_hint(exc))
    if name == "BadParameter":
        message = str(getattr(exc, "message", ""))
        choices = _CHOICES.search(message)
        if choices:
            shown = choices.group("choices").replace("'", "")
            return t("cli.err_bad_choice", hint=_hint(exc), choices=shown)
        if "valid integer" in message:
            return t("cli.err_not_integer", hint=_hint(exc))
        return t("cli.err_bad_value", hint=_hint(exc))
    found = _NO_SUCH_COMMAND.match(str(getattr(exc, "message", "")))
    if found:
        text = t("cli.err_no_such_command", name=found.group("name"))
        if found.group("close"):
            close = found.group("close").replace("'", "")
            text += " " + t("cli.err_did_you_mean", options=close)
        return text
    return original
