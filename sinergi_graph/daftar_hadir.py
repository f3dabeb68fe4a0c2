"""The title block of a printed daftar hadir (attendance sheet).

A daftar hadir is printed with a title block above its table::

    DAFTAR HADIR
    RAPAT KOORDINASI PEMUTAKHIRAN DATA PEMILIH
    Hari/Tanggal : Kamis, 5 Oktober 2023
    Tempat       : Balai Kalurahan Tepus
    Acara        : Koordinasi DPTb

The label and its value may share one cell (``Tempat : Balai``) or sit in
neighbouring cells (``Tempat | : | Balai``). Dates are written the Indonesian
way, with the day's name and the month spelt out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sinergi_graph.dates import parse_date
from sinergi_graph.text import fold, fold_words

__all__ = ["TitleBlock", "parse_indonesian_date", "read_title_block"]

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

# Title-block labels, folded, and the activity field they give.
_LABELS = {
    "haritanggal": "date",
    "haritgl": "date",
    "tanggal": "date",
    "hari": "date",
    "waktu": "date",
    "tempat": "place",
    "lokasi": "place",
    "acara": "topic",
    "agenda": "topic",
    "kegiatan": "topic",
    "perihal": "topic",
    "jenis": "type",
    "jeniskegiatan": "type",
    "wilayah": "area",
    "kodewilayah": "area",
    "kode": "id",
    "idkegiatan": "id",
    "kodekegiatan": "id",
    # The kerja sama the kegiatan follows up, by its number or title.
    "kerjasama": "agreement",
    "nomorkerjasama": "agreement",
    "mou": "agreement",
    "pks": "agreement",
}
_SPLIT = re.compile(r"^\s*([^:]{2,30}?)\s*:\s*(.*)$")


def parse_indonesian_date(text: str) -> dt.date | None:
    """A date as a letter or a daftar hadir writes it; ``None`` when it is none.

    The day's name is optional; numeric dates are read as :func:`parse_date` reads them.

    >>> parse_indonesian_date("Kamis, 5 Oktober 2023")
    datetime.date(2023, 10, 5)
    >>> parse_indonesian_date("Jum'at / 12 Januari 2024")
    datetime.date(2024, 1, 12)
    >>> parse_indonesian_date("31 Februari 2023") is None
    True
    """
    numeric = parse_date(text)
    if numeric is not None:
        return numeric
    words = fold_words(text.replace("'", "")).split()
    if words and words[0] in _DAYS:
        words = words[1:]
    m = _SPELT.match(" ".join(words))
    if m is None or m.group(2) not in _MONTHS:
        return None
    try:
        return dt.date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """What the rows above a daftar hadir's table say.

    ``fields`` maps ``date``/``place``/``topic``/``type``/``area``/``id``/``agreement`` to the
    text written; ``titles`` are the other lines (``DAFTAR HADIR``, the event's
    name); ``is_daftar_hadir`` tells whether the block calls itself one.
    """

    fields: dict[str, str]
    titles: tuple[str, ...]
    is_daftar_hadir: bool


def read_title_block(rows: Sequence[Sequence[str]]) -> TitleBlock:
    """Read the preamble rows (cells as text) of a table.

    >>> block = read_title_block([["DAFTAR HADIR"], ["Hari/Tanggal", ":", "Kamis, 5 Oktober 2023"],
    ...                           ["Tempat : Balai Kalurahan Tepus"]])
    >>> block.fields["date"], block.fields["place"], block.is_daftar_hadir
    ('Kamis, 5 Oktober 2023', 'Balai Kalurahan Tepus', True)
    """
    fields: dict[str, str] = {}
    titles: list[str] = []
    for cells in rows:
        texts = [c.strip() for c in cells if c.strip()]
        if not texts:
            continue
        label, value = _label_value(texts)
        field = _LABELS.get(fold(label)) if label is not None else None
        if field is not None and value:
            fields.setdefault(field, value)
        else:
            titles.append(" ".join(texts))
    found = any(fold(t).startswith(("daftarhadir", "absensi")) for t in titles)
    return TitleBlock(fields, tuple(titles), found)


def _label_value(texts: list[str]) -> tuple[str | None, str]:
    first = texts[0]
    m = _SPLIT.match(first)
    if m is not None:
        rest = " ".join([m.group(2), *texts[1:]]).strip()
        return m.group(1), rest
    if len(texts) > 1:
        cells = [t for t in texts[1:] if t != ":"]
        value = " ".join(cells).lstrip(":").strip()
        return first.rstrip(":").strip(), value
    return None, ""
