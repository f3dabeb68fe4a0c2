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

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sinergi_graph.text import fold

__all__ = ["TitleBlock", "read_title_block"]

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
