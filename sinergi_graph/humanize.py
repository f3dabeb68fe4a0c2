"""Numbers, shares and dates as Indonesians write them (and as English readers expect).

Indonesian uses ``.`` for thousands and ``,`` for decimals (``1.976``,
``85,5 %``) and writes dates with the month's name (``5 Oktober 2023``).
Every human-facing output (tables, reports, pictures, the TUI) formats through
these functions so one idea is written one way.

Examples
--------
>>> format_int(1976, "id"), format_int(1976, "en")
('1.976', '1,976')
>>> format_share(17, 20, "id"), format_share(17, 20, "en")
('85,0 %', '85.0%')
>>> import datetime as dt
>>> format_date(dt.date(2023, 10, 5), "id"), format_date(dt.date(2023, 10, 5), "en")
('5 Oktober 2023', '5 October 2023')
>>> format_date(dt.date(2023, 10, 5), "id", weekday=True)
'Kamis, 5 Oktober 2023'
"""

from __future__ import annotations

import datetime as dt

__all__ = ["format_date", "format_decimal", "format_int", "format_share"]

_MONTHS = {
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_WEEKDAYS = {
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "id"


def format_int(value: int, lang: str) -> str:
    """An integer with thousands separators (``.`` in Indonesian, ``,`` in English)."""
    text = f"{value:,}"
    return text if _lang(lang) == "en" else text.replace(",", ".")


def format_decimal(value: float, lang: str, digits: int = 1) -> str:
    """A decimal number with ``digits`` places, in the language's separators.

    >>> format_decimal(1234.5, "id"), format_decimal(1234.5, "en", 2)
    ('1.234,5', '1,234.50')
    """
    text = f"{value:,.{digits}f}"
    if _lang(lang) == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_share(part: int, whole: int, lang: str, digits: int = 1) -> str:
    """``part`` of ``whole`` as a percentage; ``–`` when there is nothing to share.

    >>> format_share(0, 0, "id")
    '–'
    """
    if whole <= 0:
        return "–"
    number = format_decimal(100.0 * part / whole, lang, digits)
    return f"{number}%" if _lang(lang) == "en" else f"{number} %"


def format_date(value: dt.date | None, lang: str, *, weekday: bool = False) -> str:
    """``5 Oktober 2023`` (or ``Kamis, 5 Oktober 2023`` with ``weekday``); empty for ``None``."""
    if value is None:
        return ""
    code = _lang(lang)
    text = f"{value.day} {_MONTHS[code][value.month - 1]} {value.year}"
    return f"{_WEEKDAYS[code][value.weekday()]}, {text}" if weekday else text
