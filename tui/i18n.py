"""The TUI's own strings, in Bahasa Indonesia (default) and English.

They live in ``tui/messages.toml`` (one table per key with ``id`` and ``en``),
apart from the core's catalogue, so the terminal UI can change its wording
without touching the core. Domain words (PPS, PPK, lurah, forkopimcam, DPTb)
stay as they are in both languages.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from sinergi_graph.i18n import parse_lang


@lru_cache(maxsize=1)
def _catalogue() -> dict[str, dict[str, str]]:
    text = resources.files("tui").joinpath("messages.toml").read_text("utf-8")
    return tomllib.loads(text)


def keys() -> list[str]:
    """Every message key (for tests that check both languages are complete)."""
    return list(_catalogue())


def tr(key: str, lang: str, /, **params: object) -> str:
    """Message ``key`` in ``lang`` (``id`` or ``en``) with ``params`` filled in.

    An unknown key renders as itself, so a missing string is visible but never a crash.
    """
    entry = _catalogue().get(key)
    if entry is None:
        return key
    chosen = parse_lang(lang)
    template = entry[chosen] if chosen in entry else entry.get("id", key)
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
