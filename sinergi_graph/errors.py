"""The errors the core raises for anything a user can fix.

Every one is a :class:`SinergiError`: a message code (``.code``) and parameters
rendered in the reader's language, so each front end shows one clear line.
Callers that must tell failures apart branch on the class, never on the code
string: :class:`ChangeRejected` (a scenario change that does not fit the
network), :class:`BadChangeSyntax`, :class:`UnknownActor`, :class:`UndoConflict`,
:class:`UsageError` (a command-line value), :class:`OutputRefused` (an output
path that would lose data), :class:`DiskFull`, :class:`ConfigError`.

A parameter may be a :class:`sinergi_graph.i18n.Msg`, so a ``detail`` is
rendered in the reader's language too.
"""

from __future__ import annotations

from typing import ClassVar

from sinergi_graph.i18n import Msg, t

__all__ = [
    "BadChangeSyntax",
    "ChangeRejected",
    "ConfigError",
    "DiskFull",
    "Msg",
    "NoChanges",
    "OutputRefused",
    "SinergiError",
    "UndoConflict",
    "UnknownActor",
    "UnknownArea",
    "UsageError",
]


class SinergiError(Exception):
    """An error with a message code and parameters, rendered in the user's language.

    ``code`` may be left out on a subclass that has a ``default_code``.

    Examples
    --------
    >>> SinergiError("unknown_area", code="99").render("en")
    'Unknown area code 99'
    >>> UnknownActor(id="X").code
    'unknown_actor'
    """

    default_code: ClassVar[str] = ""

    def __init__(self, code: str | None = None, /, **params: object) -> None:
        chosen = code or self.default_code
        if not chosen:
            raise TypeError(f"{type(self).__name__} needs a message code")
        self.code = chosen
        self.params = params
        super().__init__(chosen)

    def render(self, lang: str | None = None) -> str:
        return t(self.code, lang, **self.params)

    def __str__(self) -> str:
        return self.render()


class UsageError(SinergiError):
    """A command-line value the user can correct (a negative ``--limit``, a bad format)."""

    default_code = "bad_option"


class NoChanges(UsageError):
    """A simulation or scenario was asked for with no change at all."""

    default_code = "no_changes"


class OutputRefused(SinergiError):
    """An ``--output`` that would overwrite data, or cannot be written where it points."""

    default_code = "output_exists"


class DiskFull(SinergiError):
    """The disk filled while writing; nothing partial was left behind."""

    default_code = "disk_full"


class ConfigError(SinergiError):
    """``config.toml`` is unreadable, has an unknown key, or a value of the wrong type."""

    default_code = "config_invalid"


class UnknownArea(SinergiError):
    """An area code that is not in the Kemendagri list."""

    default_code = "unknown_area"


class UnknownActor(SinergiError):
    """An actor id that is not in the store."""

    default_code = "unknown_actor"


class ChangeRejected(SinergiError):
    """A scenario change that does not fit the network (``value`` what, ``detail`` why)."""

    default_code = "bad_change"


class BadChangeSyntax(ChangeRejected):
    """A change written on the command line not in its ``expected`` form."""

    default_code = "bad_change_syntax"


class UndoConflict(ChangeRejected):
    """Undo refused: records it would restore or delete were changed since."""

    default_code = "undo_conflict"
