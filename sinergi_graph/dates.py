"""Dates as Indonesian spreadsheets write them."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["parse_date"]

# A time may follow an ISO date (spreadsheets write ``2023-10-05 00:00:00``), but no
# other text: ``2024-01-05 lalu dibatalkan`` is not a date the contact happened on.
_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_date(text: str) -> date | None:
    """Parse ISO (``2023-10-05``) or day-first (``05/10/2023``, ``5-10-2023``) dates.

    Returns ``None`` when the text is not a valid date.

    >>> parse_date("05/10/2023")
    datetime.date(2023, 10, 5)
    >>> parse_date("2023-10-05 00:00:00")
    datetime.date(2023, 10, 5)
    >>> parse_date("31/02/2023") is None
    True
    >>> parse_date("2024-01-05 lalu dibatalkan") is None
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
    return None
