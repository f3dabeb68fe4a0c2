"""Dates as Indonesian spreadsheets, letters and daftar hadir write them: the one date reader."""

from __future__ import annotations

import re
from datetime import date

from sinergi_graph.text import fold_words

__all__ = ["parse_date"]

# A time may follow an ISO date (spreadsheets write ``2023-10-05 00:00:00``), but no
# other text: ``2024-01-05 lalu dibatalkan`` is not a date the contact happened on.
_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")

# Month names as letters spell them (and the English an exported sheet may carry).
_MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip
_DAYS = {"senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "ahad"}
_SPELT = re.compile(r"^(\d{1,2})\s+([a-z]+)\s+(\d{4})$")


def parse_date(text: str) -> date | None:
    """Parse ISO (``2023-10-05``), day-first (``05/10/2023``, ``5-10-2023``) or spelt
    (``Kamis, 5 Oktober 2023``, ``5 Okt 2023``) dates; the day's name is optional.

    Returns ``None`` when the text is not a valid date.

    >>> parse_date("05/10/2023")
    datetime.date(2023, 10, 5)
    >>> parse_date("2023-10-05 00:00:00")
    datetime.date(2023, 10, 5)
    >>> parse_date("31/02/2023") is None
    True
    >>> parse_date("2024-01-05 lalu dibatalkan") is None
    True
    >>> parse_date("Kamis, 5 Oktober 2023")
    datetime.date(2023, 10, 5)
    >>> parse_date("Jum'at / 12 Januari 2024")
    datetime.date(2024, 1, 12)
    >>> parse_date("31 Februari 2023") is None
    True
    """
    text = text.strip()
    for pattern, order in ((_ISO, "ymd"), (_YMD_SLASH, "ymd"), (_DMY, "dmy")):
        m = pattern.match(text)
        if m:
            a, b, c = (int(g) for g in m.groups()[:3])
            y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return date(y, mo, d)
            except ValueError:
                return None
    return _spelt(text)


def _spelt(text: str) -> date | None:
    words = fold_words(text.replace("'", "")).split()
    if words and words[0] in _DAYS:
        words = words[1:]
    m = _SPELT.match(" ".join(words))
    if m is None or m.group(2) not in _MONTHS:
        return None
    try:
        return date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None
