"""User-facing text in Bahasa Indonesia (default) and English.

Messages live in ``data/messages.toml`` keyed by a stable message code, so the
core raises errors by code and each front end renders them in the user's language.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Literal

Lang = Literal["id", "en"]
LANGUAGES: tuple[Lang, ...] = ("id", "en")

_current: Lang | None = None


@lru_cache(maxsize=1)
def _messages() -> dict[str, dict[str, str]]:
    text = resources.files("sinergi_graph").joinpath("data/messages.toml").read_text("utf-8")
    return tomllib.loads(text)


def parse_lang(value: str | None) -> Lang:
    """``'en'`` for any English spelling, otherwise Bahasa Indonesia."""
    return "en" if value and value.strip().lower().startswith("en") else "id"


def set_language(lang: str | None) -> None:
    global _current
    _current = parse_lang(lang) if lang else None


def current_language() -> Lang:
    if _current is not None:
        return _current
    return parse_lang(os.environ.get("SINERGI_LANG"))


def t(code: str, lang: str | None = None, /, **params: object) -> str:
    """Render message ``code`` in ``lang`` (default: the current language).

    >>> t("gaps_none", "en")
    'No coordination gaps found.'
    """
    chosen = parse_lang(lang) if lang else current_language()
    entry = _messages().get(code)
    if entry is None:
        return (
            code if not params else f"{code}: " + ", ".join(f"{k}={v}" for k, v in params.items())
        )
    template = entry.get(chosen) or entry["id"]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
