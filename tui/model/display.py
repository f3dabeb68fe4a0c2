"""Text from files, the store or the user, made safe to show on a terminal.

Two hazards (issue 13): escape sequences (``ESC[2J`` clears the screen, OSC-52
writes the clipboard, OSC-8 plants a hyperlink) reach the terminal raw, and
Rich markup in a name (``[/]``, ``[link=…]``) is parsed where a widget reads
its text as markup. Every displayed user string goes through :func:`plain`
(one line, no control characters); where the text is read as markup it goes
through :func:`markup_safe` as well.
"""

from __future__ import annotations

from rich.markup import escape

from sinergi_graph.text import printable

__all__ = ["fit_left", "markup_safe", "plain"]


def plain(text: str | None) -> str:
    r"""``text`` without escape sequences or control characters, on one line.

    >>> plain("PPS \x1b[2JTepus\nbaru")
    'PPS Tepus baru'
    >>> plain(None)
    ''
    """
    return printable(text, multiline=False) if text else ""


def markup_safe(text: str | None) -> str:
    r""":func:`plain`, with Rich markup escaped, for widgets that parse markup.

    >>> markup_safe("Lurah [/]Tepus [bold]x")
    'Lurah \\[/]Tepus \\[bold]x'
    """
    return escape(plain(text))


def fit_left(text: str, width: int) -> str:
    """``text`` cut from the left to ``width`` characters, so a path's file name stays visible.

    >>> fit_left("/home/kpu/rapat/celah.csv", 16)
    '…rapat/celah.csv'
    >>> fit_left("celah.csv", 16)
    'celah.csv'
    """
    if len(text) <= width:
        return text
    return "…" + text[len(text) - max(width - 1, 1) :]
