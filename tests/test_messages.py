"""The one message catalogue: complete in both languages, every key used, plurals, strict mode."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import sinergi_graph
import tui.i18n
from sinergi_graph import errors
from sinergi_graph.i18n import (
    LANGUAGES,
    MissingMessage,
    Msg,
    catalogue,
    namespaces,
    register_catalogue,
    t,
)

ROOT = Path(__file__).parents[1]
SOURCES = sorted(
    p
    for folder in ("sinergi_graph", "tui")
    for p in (ROOT / folder).rglob("*.py")
    if "__pycache__" not in p.parts
)


def _error_classes() -> set[str]:
    """Names of every SinergiError subclass in the core and the TUI (imported to find them)."""
    for info in pkgutil.walk_packages(sinergi_graph.__path__, "sinergi_graph."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)
    found: set[str] = set()
    todo: list[type] = [errors.SinergiError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return found


def _key(ns: str, code: str) -> str:
    return code if ns == "" or code.startswith(f"{ns}.") else f"{ns}.{code}"


def _scan() -> tuple[dict[str, set[str]], set[str]]:
    """Literal message codes passed to t / tr / Msg / an error class (with where), and prefixes.

    In the TUI, ``tr(key, lang)`` and the screens' ``self.t(key)`` take keys of the
    ``tui`` namespace; everywhere else codes are written in full. A code built at
    run time (``t(f"severity_{…}")``, ``self.t("reason_" + r)``) names a family by
    its prefix.
    """
    classes = "|".join(sorted(_error_classes()))
    calls = re.compile(
        rf"""(\.?)\b(t|tr|Msg|{classes})\(\s*(f?)(["'])([a-z][a-z0-9_.]*)(\{{|\4\s*\+)?"""
    )
    defaults = re.compile(r'\bdefault_code\s*=\s*"([a-z][a-z0-9_.]*)"')
    used: dict[str, set[str]] = {}
    prefixes: set[str] = set()
    for path in SOURCES:
        text = path.read_text("utf-8")
        where = str(path.relative_to(ROOT))
        in_tui = where.startswith("tui")
        for dot, fn, fstring, _, code, built in calls.findall(text):
            tui_key = fn == "tr" or (in_tui and dot and fn == "t")
            full = _key("tui", code) if tui_key else code
            if built:
                prefixes.add(full)
            elif not fstring:
                used.setdefault(full, set()).add(where)
        for code in defaults.findall(text):
            used.setdefault(code, set()).add(where)
    return used, prefixes


def _all_keys() -> set[str]:
    return {_key(ns, code) for ns in namespaces() for code in catalogue(ns)}


def test_the_tui_catalogue_is_a_namespace_of_the_one_api() -> None:
    assert {"", "cli", "tui"} <= set(namespaces())
    assert tui.i18n.tr("title", "en", location="x") == t("tui.title", "en", location="x")
    assert set(tui.i18n.keys()) == set(catalogue("tui"))


def test_every_entry_has_both_languages() -> None:
    # catalogue() validates each entry (id and en, plural forms one/other) as it loads.
    for ns in namespaces():
        for code, entry in catalogue(ns).items():
            assert all(lang in entry for lang in LANGUAGES), (ns, code)


def test_every_key_used_in_the_code_exists_in_both_languages() -> None:
    known = _all_keys()
    missing = {code: sorted(where) for code, where in _scan()[0].items() if code not in known}
    assert missing == {}


def test_every_catalogue_key_is_used_in_the_code() -> None:
    texts = [p.read_text("utf-8") for p in SOURCES]
    prefixes = _scan()[1]
    # Codes chosen before the call: a literal (key = "undo_done"), an f-string's
    # head (Progressed(f"st_{stage}")), or a suffix glued on (label + "_short").
    literals = {m for text in texts for m in re.findall(r"""["']([a-z][a-z0-9_.]*)["']""", text)}
    heads = {m for text in texts for m in re.findall(r"""f["']([a-z][a-z0-9_]*_)\{""", text)}
    prefixes |= heads | {f"tui.{h}" for h in heads}
    suffixes = {m for text in texts for m in re.findall(r"""\+\s*["'](_[a-z0-9_]+)["']""", text)}
    unused = []
    for ns in namespaces():
        for code in catalogue(ns):
            full = _key(ns, code)
            # A TUI key is often chosen as a bare literal first (key = "undo_done").
            if full in literals or (code in literals and ns != "cli"):
                continue
            if any(full.startswith(p) for p in prefixes) or code.endswith(tuple(suffixes)):
                continue
            unused.append(full)
    assert unused == []


def test_plural_forms_follow_the_count() -> None:
    assert t("gaps_summary", "en", total=1, detail="pps-kades 1") == "1 gap: pps-kades 1"
    assert t("gaps_summary", "en", total=3, detail="x") == "3 gaps: x"
    assert t("gaps_summary", "id", total=1, detail="x") == "1 celah: x"
    assert t("cli.path", "en", n=1) == "Coordination path (1 step)"
    assert t("cli.path", "en", n=2) == "Coordination path (2 steps)"


def test_a_detail_is_rendered_in_the_readers_language() -> None:
    error = errors.ChangeRejected(value="A:B", detail=Msg("change_self_link"))
    assert error.render("en") == "Invalid change A:B: a link to itself"
    assert error.render("id") == "Perubahan A:B tidak valid: tautan ke dirinya sendiri"
    assert error.code == "bad_change" and isinstance(error, errors.SinergiError)


def test_unknown_keys_raise_in_strict_mode_and_show_visibly_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SINERGI_STRICT_MESSAGES", "1")
    with pytest.raises(MissingMessage):
        t("no_such_message")
    with pytest.raises(MissingMessage):
        t("unknown_area", "en")  # its {code} parameter is missing
    monkeypatch.setenv("SINERGI_STRICT_MESSAGES", "0")
    assert t("no_such_message", "en", x=1) == "no_such_message(x=1)"
    assert t("tui.no_such_message", "en") == "tui.no_such_message"


def test_register_catalogue_adds_a_namespace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "extra_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "m.toml").write_text(
        '[hello]\nplural = "n"\nid = "{n} salam"\nen.one = "{n} greeting"\nen.other = "{n} greetings"\n'
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    register_catalogue("extra", "extra_pkg", "m.toml")
    assert t("extra.hello", "en", n=1) == "1 greeting"
    assert t("extra.hello", "id", n=2) == "2 salam"
    with pytest.raises(ValueError):
        register_catalogue("bad name", "extra_pkg", "m.toml")
