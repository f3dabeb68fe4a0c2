"""Checks on single cell values that every table role shares.

Control characters (they would reach a terminal or break an XLSX export
later) and the damage Excel does to codes, phone numbers and years, each
explained in terms of what Excel did and how to fix the column.
"""

from __future__ import annotations

import re

__all__ = [
    "Finding",
    "area_damage",
    "control_characters",
    "date_damage",
    "phone_repair",
]

# (message code, params); the caller adds file, row and column.
Finding = tuple[str, dict[str, str]]

# C0 and C1 controls, DEL, and the bidirectional overrides that reorder text on screen.
_CONTROL_STRICT = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Free text (a note, a topic) may hold line breaks and tabs.
_CONTROL_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FREE_TEXT = frozenset({"note", "topic"})
# Lists of actors split at line breaks: one party per line is how Alt+Enter writes them.
_LINE_LISTS = frozenset({"parties", "attendees"})

_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d+)?[eE]\+?\d+$")
_DIGITS = re.compile(r"^\d+$")
_TWO_DIGIT_YEAR = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$")


def control_characters(column: str, value: str) -> Finding | None:
    """A problem when ``value`` holds a control character (line breaks allowed in notes).

    >>> control_characters("name", "PPS\\x00Tepus")
    ('p_control_char', {'char': 'U+0000'})
    >>> control_characters("note", "line one\\nline two") is None
    True
    >>> control_characters("parties", "PPK Tepus\\nPanewu Tepus") is None
    True
    """
    pattern = _CONTROL_TEXT if column in FREE_TEXT | _LINE_LISTS else _CONTROL_STRICT
    m = pattern.search(value)
    if m is None:
        return None
    return "p_control_char", {"char": f"U+{ord(m.group()):04X}"}


def area_damage(value: str) -> Finding | None:
    """Explain an area code Excel has turned into a number.

    >>> area_damage("3,40303E+09")[0]
    'p_excel_scientific'
    >>> area_damage("340307200")[0]
    'p_excel_lost_digits'
    >>> area_damage("3403072004") is None
    True
    """
    text = value.strip()
    if _SCIENTIFIC.match(text):
        return "p_excel_scientific", {"value": text}
    # 9 digits is a village code (10) whose trailing zero was lost, or one cut by a float;
    # 3 or 5-ish odd lengths are codes with a leading part lost.
    if _DIGITS.match(text) and len(text) not in (2, 4, 6, 10):
        return "p_excel_lost_digits", {"value": text}
    return None


def phone_repair(value: str) -> tuple[str, Finding | None]:
    """The phone number with the leading ``0`` Excel dropped put back, and a warning.

    Indonesian numbers start with ``0`` (``08…`` mobile, ``0293…`` fixed) or ``+62``/``62``;
    a number stored as a number loses the ``0``.

    >>> phone_repair("81234567890")
    ('081234567890', ('w_excel_phone_zero', {'value': '81234567890', 'fixed': '081234567890'}))
    >>> phone_repair("0293 491234")
    ('0293 491234', None)
    """
    text = value.strip()
    plain_digits = _DIGITS.match(text) and text[0] in "123456789"
    if plain_digits and not text.startswith("62") and 8 <= len(text) <= 12:
        fixed = "0" + text
        return fixed, ("w_excel_phone_zero", {"value": text, "fixed": fixed})
    return value, None


def date_damage(value: str) -> Finding | None:
    """Explain a date whose year Excel shows with two digits (the century is a guess).

    >>> date_damage("05/10/23")
    ('p_two_digit_year', {'value': '05/10/23'})
    """
    if _TWO_DIGIT_YEAR.match(value.strip()):
        return "p_two_digit_year", {"value": value.strip()}
    return None
