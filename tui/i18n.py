"""The TUI's own strings, in Bahasa Indonesia (default) and English.

They live in ``tui/messages.toml`` (one table per key with ``id`` and ``en``),
apart from the core's catalogue, so the terminal UI can change its wording
without touching the core. The file is registered as the ``tui`` namespace of
the one catalogue API (:func:`sinergi_graph.i18n.t`), so plurals, strict mode
in tests and the catalogue checks work the same as for the core. Domain words
(PPS, PPK, lurah, forkopimcam, DPTb) stay as they are in both languages.
"""

from __future__ import annotations

from sinergi_graph.i18n import catalogue, register_catalogue, t

__all__ = ["NAMESPACE", "agreement_word", "keys", "reason_word", "severity_word", "tr"]

NAMESPACE = "tui"

register_catalogue(NAMESPACE, "tui", "messages.toml")


def keys() -> list[str]:
    """Every message key (for tests that check both languages are complete)."""
    return list(catalogue(NAMESPACE))


def tr(key: str, lang: str, /, **params: object) -> str:
    """Message ``key`` in ``lang`` (``id`` or ``en``) with ``params`` filled in.

    An unknown key renders visibly as the key (it raises under
    ``SINERGI_STRICT_MESSAGES=1``, as in the tests).
    """
    return t(f"{NAMESPACE}.{key}", lang, **params)


def severity_word(severity: str, lang: str, /) -> str:
    """A gap's severity as a word: the core's one wording, as in the CLI and the files."""
    return t(f"severity_{severity}", lang)


def reason_word(reason: str, lang: str, /) -> str:
    """Why a gap is open, as a word: the core's one wording, as in the CLI and the files."""
    return t(f"reason_{reason}", lang)


def agreement_word(reason: str, lang: str, /) -> str:
    """A kerja sama's finding as a word: the core's one wording, as in the CLI and the report."""
    return t(f"act.reason_{reason}", lang)
