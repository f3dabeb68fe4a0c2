"""User-facing text in Bahasa Indonesia (default) and English: one catalogue API.

Messages live in TOML catalogues keyed by a stable message code, so the core
raises errors by code and each front end renders them in the user's language.

Catalogues are *namespaced*. The core's own messages (errors, labels, column
names; ``data/messages.toml``) are the default namespace and are addressed by
their bare code (``t("gaps_none")``). Every other catalogue is registered under
a namespace and addressed as ``namespace.code``: the CLI's texts
(``data/catalogues/cli.toml``) are ``cli.…``; the terminal UI registers its
``tui/messages.toml`` as ``tui`` through :func:`register_catalogue`, so the core
never imports the TUI.

An entry is a TOML table with one value per language::

    [gaps_summary]
    plural = "total"                 # the count parameter that picks the form
    id = "{total} celah: {detail}"   # Indonesian does not inflect
    en.one = "{total} gap: {detail}"
    en.other = "{total} gaps: {detail}"

A value is a ``str.format`` template or, for plurals, a table with ``one`` and
``other`` forms chosen by the parameter named in ``plural`` (default ``count``).
A parameter may itself be a :class:`Msg`, rendered in the same language, so an
error's ``detail`` is never an English-only string.

A code that is not in the catalogue renders visibly as ``code(param=value)``
rather than crashing: a missing text must never cost a user the command they
ran (the message may be the one explaining an error). Tests set
``SINERGI_STRICT_MESSAGES=1``, under which an unknown code, a missing language
or a missing parameter raises :class:`MissingMessage` instead, and a test checks
statically that every code used in the code exists in both languages.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal

__all__ = [
    "LANGUAGES",
    "CatalogueError",
    "Lang",
    "MissingMessage",
    "Msg",
    "catalogue",
    "current_language",
    "namespaces",
    "parse_lang",
    "register_catalogue",
    "set_language",
    "strict",
    "t",
]

Lang = Literal["id", "en"]
LANGUAGES: tuple[Lang, ...] = ("id", "en")
PLURAL_FORMS = ("one", "other")
_ENTRY_FIELDS = {*LANGUAGES, "plural"}

_current: Lang | None = None

# namespace -> (package, resource path inside it); "" is the core's own catalogue.
_SOURCES: dict[str, tuple[str, str]] = {
    "": ("sinergi_graph", "data/messages.toml"),
    "cli": ("sinergi_graph", "data/catalogues/cli.toml"),
    "act": ("sinergi_graph", "data/catalogues/activities.toml"),
}


class MissingMessage(KeyError):
    """A message code, language or parameter is missing (raised in strict mode only)."""


class CatalogueError(ValueError):
    """A catalogue file is malformed: a programming error, found by the catalogue test."""


class Msg:
    """A message to render later, in whatever language its reader uses.

    Examples
    --------
    >>> Msg("gaps_none").render("en")
    'No coordination gaps found.'
    >>> str(Msg("unknown_area", code="99"))  # the current language
    'Kode wilayah 99 tidak dikenal'
    """

    __slots__ = ("code", "params")

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params: Mapping[str, object] = params

    def render(self, lang: str | None = None) -> str:
        return t(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        shown = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Msg({self.code!r}{shown})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.code, dict(self.params)) == (
            other.code,
            dict(other.params),
        )

    __hash__ = None  # type: ignore[assignment]


def strict() -> bool:
    """True when unknown codes must raise (``SINERGI_STRICT_MESSAGES=1``, set by the tests)."""
    return os.environ.get("SINERGI_STRICT_MESSAGES", "") not in ("", "0")


def register_catalogue(namespace: str, package: str, resource: str) -> None:
    """Make ``package``'s TOML ``resource`` the catalogue of ``namespace``.

    Parameters
    ----------
    namespace : str
        Prefix of its codes (``tui`` → ``t("tui.title")``); letters, digits and
        ``_`` only.
    package, resource : str
        Where :mod:`importlib.resources` finds the file.
    """
    if not namespace or not namespace.replace("_", "").isalnum():
        raise ValueError(f"bad catalogue namespace {namespace!r}")
    if _SOURCES.get(namespace) == (package, resource):
        return
    _SOURCES[namespace] = (package, resource)
    catalogue.cache_clear()


def namespaces() -> list[str]:
    """The registered namespaces (``""`` is the core's)."""
    return list(_SOURCES)


def _check_entry(namespace: str, code: str, entry: object) -> dict[str, Any]:
    where = f"{namespace or 'core'}:{code}"
    if not isinstance(entry, dict):
        raise CatalogueError(f"{where}: an entry is a table with id and en")
    unknown = set(entry) - _ENTRY_FIELDS
    if unknown:
        raise CatalogueError(f"{where}: unknown fields {sorted(unknown)}")
    for lang in LANGUAGES:
        value = entry.get(lang)
        if isinstance(value, dict):
            if set(value) != set(PLURAL_FORMS) or not all(
                isinstance(v, str) for v in value.values()
            ):
                raise CatalogueError(f"{where}.{lang}: plural forms are exactly one and other")
        elif not isinstance(value, str):
            raise CatalogueError(f"{where}: {lang} is missing")
    return entry


@cache
def catalogue(namespace: str = "") -> dict[str, dict[str, Any]]:
    """Every entry of ``namespace``, validated (a malformed file raises :class:`CatalogueError`)."""
    package, resource = _SOURCES[namespace]
    text = resources.files(package).joinpath(resource).read_text("utf-8")
    raw = tomllib.loads(text)
    return {code: _check_entry(namespace, code, entry) for code, entry in raw.items()}


def parse_lang(value: str | None) -> Lang:
    """``'en'`` for any English spelling, otherwise Bahasa Indonesia.

    >>> parse_lang("en_US"), parse_lang("id"), parse_lang(None)
    ('en', 'id', 'id')
    """
    return "en" if value and value.strip().lower().startswith("en") else "id"


def set_language(lang: str | None) -> None:
    """Set the process's language (``None`` falls back to ``SINERGI_LANG``)."""
    global _current
    _current = parse_lang(lang) if lang else None


def current_language() -> Lang:
    if _current is not None:
        return _current
    return parse_lang(os.environ.get("SINERGI_LANG"))


def _lookup(code: str) -> dict[str, Any] | None:
    namespace, dot, key = code.partition(".")
    if not dot:
        namespace, key = "", code
    if namespace not in _SOURCES:
        return None
    return catalogue(namespace).get(key)


def _plural_form(count: object) -> str:
    # Both languages' rule is the English one: "one" for exactly 1 (Indonesian
    # entries simply give a plain string).
    return "one" if count == 1 or count == "1" else "other"


def t(code: str, lang: str | None = None, /, **params: object) -> str:
    """Render message ``code`` in ``lang`` (default: the current language).

    Examples
    --------
    >>> t("gaps_none", "en")
    'No coordination gaps found.'
    >>> t("gaps_summary", "en", total=1, detail="pps-kades 1")
    '1 gap: pps-kades 1'
    >>> t("gaps_summary", "en", total=4, detail="x")
    '4 gaps: x'
    """
    chosen = parse_lang(lang) if lang else current_language()
    entry = _lookup(code)
    if entry is None:
        if strict():
            raise MissingMessage(code)
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        return f"{code}({shown})" if params else code
    template: Any = entry[chosen]
    if isinstance(template, dict):
        counter = entry.get("plural", "count")
        if counter not in params and strict():
            raise MissingMessage(f"{code}: plural parameter {counter}")
        template = template[_plural_form(params.get(counter))]
    values = {k: v.render(chosen) if isinstance(v, Msg) else v for k, v in params.items()}
    try:
        return str(template.format(**values))
    except (KeyError, IndexError, ValueError) as exc:
        if strict():
            raise MissingMessage(f"{code}: {exc}") from exc
        return str(template)
