"""Numbers, shares and dates written the way the reader's language writes them.

Indonesian groups thousands with a dot and uses a decimal comma (``1.976``,
``85,0 %``) and writes dates with the month's name (``5 Oktober 2023``);
English uses ``1,976``, ``85.0%`` and ``5 October 2023``. Every writer of the
report and the pictures formats through these functions, so a number looks
the same in the XLSX, the PDF, the DOCX and the HTML page.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from sinergi_graph.i18n import parse_lang

__all__ = [
    "area_place",
    "area_title",
    "long_date",
    "moment",
    "number",
    "percent",
    "share_of",
    "short_date",
]

_MONTHS = {
    "id": (
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
    ),
    "en": (
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
    ),
}


def number(value: int, lang: str | None = None) -> str:
    """An integer with thousands grouped.

    Examples
    --------
    >>> number(1976), number(1976, "en"), number(-1234567)
    ('1.976', '1,976', '-1.234.567')
    """
    grouped = f"{value:,d}"
    return grouped if parse_lang(lang) == "en" else grouped.replace(",", ".")


def percent(share: float, lang: str | None = None, *, digits: int = 1) -> str:
    """A share in ``[0, 1]`` as a percentage with ``digits`` decimals.

    Examples
    --------
    >>> percent(0.85), percent(0.85, "en"), percent(1 / 3, digits=0)
    ('85,0 %', '85.0%', '33 %')
    >>> percent(12.5)
    '1.250,0 %'
    """
    text = f"{share * 100:,.{digits}f}"
    if parse_lang(lang) == "en":
        return f"{text}%"
    # Swap the separators through a placeholder: 1,250.0 -> 1.250,0
    swapped = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return f"{swapped} %"


def share_of(part: int, whole: int, lang: str | None = None) -> str:
    """``part`` of ``whole`` as a percentage, or a dash when there is nothing to count.

    >>> share_of(17, 20), share_of(0, 0)
    ('85,0 %', '–')
    """
    return percent(part / whole, lang) if whole else "–"


_WEEKDAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def _as_date(day: date | str | None) -> date | None:
    """A date, from ISO text too (a timestamp's time is dropped); ``None`` for none or ``""``."""
    if day is None or day == "":
        return None
    return date.fromisoformat(day[:10]) if isinstance(day, str) else day


def long_date(day: date | str | None, lang: str | None = None, *, weekday: bool = False) -> str:
    """A date with its month's name; ISO text is accepted; ``None`` gives a dash.

    Examples
    --------
    >>> long_date(date(2023, 10, 5)), long_date("2023-10-05", "en")
    ('5 Oktober 2023', '5 October 2023')
    >>> long_date(date(2023, 10, 5), weekday=True)
    'Kamis, 5 Oktober 2023'
    >>> long_date(None)
    '–'
    """
    day = _as_date(day)
    if day is None:
        return "–"
    code = parse_lang(lang)
    text = f"{day.day} {_MONTHS[code][day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[code][day.weekday()]}, {text}" if weekday else text


def moment(stamp: str, lang: str | None = None, *, tz: tzinfo | None = None) -> str:
    """A stored UTC time (ISO 8601) on the reader's clock (or ``tz``), with the month's name.

    Stored times are UTC; an office in WIB, WITA or WIT reads its own hour.

    Examples
    --------
    >>> from datetime import timedelta, timezone
    >>> wib = timezone(timedelta(hours=7))
    >>> moment("2026-12-02T03:05:09.123456+00:00", tz=wib)
    '2 Desember 2026 pukul 10.05'
    >>> moment("2026-12-02T20:05:09+00:00", "en", tz=wib)
    '3 December 2026 at 03:05'
    """
    at = datetime.fromisoformat(stamp).astimezone(tz)
    day = long_date(at.date(), lang)
    if parse_lang(lang) == "en":
        return f"{day} at {at.hour:02d}:{at.minute:02d}"
    return f"{day} pukul {at.hour:02d}.{at.minute:02d}"


def short_date(day: date | str | None) -> str:
    """A date in a narrow column, day first as Indonesians write it (``05/10/2023``).

    ISO text is accepted; ``None`` or ``""`` gives a dash. It is what
    :func:`sinergi_graph.dates.parse_date` reads back, so a form can offer it
    for editing.

    >>> short_date(date(2023, 10, 5)), short_date("2023-10-05"), short_date(None)
    ('05/10/2023', '05/10/2023', '–')
    """
    day = _as_date(day)
    return "–" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year}"


def area_title(code: str, lang: str | None = None) -> str:
    """The area's name with its level, as it is written on a letterhead.

    Examples
    --------
    >>> area_title("33.23.01"), area_title("33.23"), area_title("33", "en")
    ('Kecamatan Bulu', 'Kabupaten Temanggung', 'Jawa Tengah Province')
    >>> area_title("33.23.01.2001"), area_title("ID")
    ('Desa Bulu', 'Indonesia')
    >>> area_title("34.03.07"), area_title("34.03.07.2004")
    ('Kapanewon Tepus', 'Kalurahan Tepus')
    """
    from sinergi_graph.areas import DIY_PROVINCE, is_kelurahan, level_of, load_areas
    from sinergi_graph.kinds import Level

    areas = load_areas()
    name = areas.name(code)
    english = parse_lang(lang) == "en"
    level = level_of(code)
    if code == "ID" or level is Level.KABUPATEN:
        return name  # regency names already say Kabupaten / Kota
    if level is Level.PROVINSI:
        return f"{name} Province" if english else f"Provinsi {name}"
    # In DI Yogyakarta a kecamatan is a kapanewon and every village a kalurahan.
    diy = code.startswith(DIY_PROVINCE + ".")
    if level is Level.KECAMATAN:
        return f"{'Kapanewon' if diy else 'Kecamatan'} {name}"
    if diy:
        return f"Kalurahan {name}"
    return f"{'Kelurahan' if is_kelurahan(code) else 'Desa'} {name}"


def area_place(code: str, lang: str | None = None) -> str:
    """A desa with its kecamatan, other areas by their title: where a row happens.

    Desa names repeat within a regency (Temanggung has a Campursari in two
    kecamatan), so a list of desa names alone would send a coordinator to
    the wrong village.

    Examples
    --------
    >>> area_place("33.23.01.2003"), area_place("33.23.01")
    ('Desa Campursari, Kecamatan Bulu', 'Kecamatan Bulu')
    """
    from sinergi_graph.areas import truncate
    from sinergi_graph.kinds import Level

    district = truncate(code, Level.KECAMATAN)
    if district is None or district == code:
        return area_title(code, lang)
    return f"{area_title(code, lang)}, {area_title(district, lang)}"
