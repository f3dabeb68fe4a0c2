"""Text folding for lookups, and text made safe to show on a terminal.

:func:`fold` and :func:`fold_words` build comparison keys that ignore case,
spacing and diacritics. :func:`printable` strips what a terminal would obey
rather than show (escape sequences, control characters), so a name or note
read from a file can never clear the screen, write the clipboard or plant a
hidden hyperlink in front of the person reading sinergi's output.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FORMULA_TRIGGERS", "fold", "fold_words", "guard_cell", "printable", "unguard_cell"]

_NON_ALNUM = re.compile(r"[^0-9a-z]+")

# ECMA-48 in the order a terminal parses it. String controls (OSC, DCS, SOS,
# PM, APC) run to a terminator: BEL (xterm's OSC habit), ESC \ or the C1 ST.
# Their payload is removed with them, since OSC-52 (clipboard write) and OSC-8
# (hyperlink target) carry the attack in the payload. An unterminated string
# control does not match here; only its introducer is dropped below, which
# leaves the payload as inert visible text rather than silently losing it.
_STRING_CONTROL = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
# CSI: parameter bytes, intermediate bytes, one final byte (ESC[2J, ESC[31m).
_CSI = r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
# Every other escape: ESC, intermediates, a final byte (ESC c resets the terminal).
_OTHER_ESCAPE = r"\x1b[\x20-\x2f]*[\x30-\x7e]"
# What is left: C0 except TAB and LF, DEL, C1, and the bidirectional
# embedding/override/isolate controls, which can make a name display as
# another (the "Trojan Source" trick); ordinary right-to-left text keeps
# rendering correctly without them.
_LONE_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_UNSAFE = re.compile("|".join((_STRING_CONTROL, _CSI, _OTHER_ESCAPE, _LONE_CONTROL)))
# A spreadsheet cell starting with one of these is read as a formula (OWASP's
# CSV-injection list, plus the full-width forms East-Asian input methods produce).
FORMULA_TRIGGERS: frozenset[str] = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# A plain number is not a formula whatever its sign; leaving "-0.5" bare keeps
# numeric columns numeric when a CSV is opened in a spreadsheet.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
# CR moves the cursor back over what was printed, so "Bawaslu\rKPU" would show
# as "KPUslu": every line break becomes a plain LF instead.
_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def fold(text: str) -> str:
    """Fold ``text`` to a comparison key: lower case, no diacritics, no punctuation or spaces.

    Examples
    --------
    >>> fold("Kepala  Désa")
    'kepaladesa'
    >>> fold("KPU Kab/Kota")
    'kpukabkota'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub("", ascii_only.lower())


def fold_words(text: str) -> str:
    """Like :func:`fold` but keeps single spaces between words, for fuzzy name search.

    >>> fold_words("  Kalurahan   Tépus ")
    'kalurahan tepus'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_ALNUM.sub(" ", ascii_only.lower()).split())


def printable(s: str, *, multiline: bool = True) -> str:
    r"""Return ``s`` with everything a terminal would execute rather than show removed.

    Removed: ANSI/ECMA-48 escape sequences (CSI such as ``ESC[2J``, OSC such
    as OSC-52 clipboard writes and OSC-8 hyperlinks, DCS/SOS/PM/APC, each
    terminated by BEL, ``ESC \`` or ST, in their 7-bit and 8-bit forms),
    every other C0 and C1 control character, DEL, and the bidirectional
    override/isolate characters. TAB and LF are kept, because notes are
    legitimately multi-line; CR, CRLF and the Unicode line separators become
    LF (a bare CR would let text overwrite what was printed before it).
    With ``multiline=False`` (one-line table cells, status bars) TAB and LF
    become single spaces.

    This does not escape Rich markup (``[bold]``); callers that render with
    Rich also escape markup (``rich.markup.escape``) or use ``Text``.

    Parameters
    ----------
    s : str
        Text from a file, the store or the user.
    multiline : bool
        Keep TAB and line breaks (default), or turn them into spaces.

    Returns
    -------
    str
        The text with no ESC, no C0 control but TAB/LF, no DEL and no C1 control.

    Examples
    --------
    >>> printable("PPS \x1b[2JTepus")
    'PPS Tepus'
    >>> printable("Lurah\x1b]52;c;cm0gLXJmIH4=\x07 Tepus")
    'Lurah Tepus'
    >>> printable("\x1b]8;;http://evil.example\x1b\\Kades\x1b]8;;\x1b\\")
    'Kades'
    >>> printable("Bawaslu\rKPU")
    'Bawaslu\nKPU'
    >>> printable("baris 1\r\nbaris\t2", multiline=False)
    'baris 1 baris 2'
    >>> printable("Désa [bold]Tépus[/]")
    'Désa [bold]Tépus[/]'
    """
    text = _UNSAFE.sub("", _LINE_BREAK.sub("\n", s))
    if not multiline:
        text = text.replace("\t", " ").replace("\n", " ")
    return text


def _formula_like(text: str) -> bool:
    # Leading apostrophes are what guard_cell adds; look past them.
    return text.lstrip("'")[:1] in FORMULA_TRIGGERS


def guard_cell(text: str) -> str:
    """Make a CSV cell that a spreadsheet shows as text, never runs as a formula.

    OWASP's advice: a cell starting with ``=``, ``+``, ``-``, ``@``, TAB or CR
    (or a full-width ``＝＋－＠``) gets a leading apostrophe, which spreadsheets
    treat as "this is text". Plain numbers (``-0.5``) are left alone. A cell
    that already starts with apostrophes before such a character gets one
    more, so :func:`unguard_cell` restores every value exactly: sinergi's
    own CSV export imports back unchanged.

    Examples
    --------
    >>> print(guard_cell('=HYPERLINK("http://evil.example","klik")'))
    '=HYPERLINK("http://evil.example","klik")
    >>> guard_cell("+62 812 3456 7890"), guard_cell("-0.5"), guard_cell("Kades")
    ("'+62 812 3456 7890", '-0.5', 'Kades')
    >>> guard_cell("'=1"), guard_cell("'s-Hertogenbosch")
    ("''=1", "'s-Hertogenbosch")
    """
    if not _formula_like(text):
        return text
    if not text.startswith("'") and _PLAIN_NUMBER.fullmatch(text):
        return text
    return "'" + text


def unguard_cell(text: str) -> str:
    """Undo :func:`guard_cell`: drop the apostrophe it added, leave every other text alone.

    Readers of CSV files call this on each cell (after trimming), so a value
    written by sinergi reads back as it was stored, and a cell that a
    spreadsheet user protected with an apostrophe reads as its text.

    Examples
    --------
    >>> unguard_cell("'=1+1"), unguard_cell("''=1"), unguard_cell("'s-Hertogenbosch")
    ('=1+1', "'=1", "'s-Hertogenbosch")
    >>> all(unguard_cell(guard_cell(v)) == v for v in ["=1", "'-1", "-1", "'", "''@", "x"])
    True
    """
    if text.startswith("'") and _formula_like(text[1:]):
        return text[1:]
    return text
