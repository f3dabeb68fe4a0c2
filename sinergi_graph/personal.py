"""Recognise personal data (contacts, identity numbers) so it is never shown or exported unasked.

Offices name these columns in many ways (``nomor_hp``, ``No. Telp``, ``no_wa``,
``Handphone``, ``NIK KTP``, ``alamat_email``), and sometimes put a phone number
under a column called ``kontak`` or ``keterangan``. One decision, made here and
nowhere else, is used by every writer (export, reports) and every screen (the
TUI's detail pane): a field is personal when its *name* uses a word offices use
for contacts or identity numbers, or when its *value* has the shape of one
(a 16-digit NIK, an Indonesian phone number, an e-mail address).

The identity columns of the network (``id``, ``kind``, ``name``, ``area``,
``member_of``, link ends) are never personal: withholding them would break the
network, and they hold no contact.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final

__all__ = [
    "IDENTITY_FIELDS",
    "PERSONAL_WORDS",
    "is_personal_field",
    "is_personal_name",
    "looks_personal",
]

# Whole words (after splitting a header on separators and camelCase) that mark
# a column as personal data. Short words (hp, wa, nik, kk) count only as whole
# words, so "teknik" or "kawasan" never match.
PERSONAL_WORDS: Final[frozenset[str]] = frozenset(
    {
        # phone and messaging
        "phone",
        "telephone",
        "tel",
        "telp",
        "tlp",
        "tlpn",
        "telepon",
        "telpon",
        "hp",
        "handphone",
        "ponsel",
        "seluler",
        "selular",
        "cellular",
        "mobile",
        "wa",
        "whatsapp",
        "telegram",
        "fax",
        "faks",
        # e-mail
        "email",
        "surel",
        "mail",
        # identity numbers
        "nik",
        "ktp",
        "kk",
        "npwp",
        "nip",
        "nrp",
        "paspor",
        "passport",
        "sim",
        "rekening",
        # birth data and home address
        "lahir",
        "ttl",
        "domisili",
    }
)

# Words long and specific enough to recognise inside a run-together header
# ("nomorwhatsapp", "alamatemail", "nikktp", "emailpribadi").
_EMBEDDED_WORDS: Final[tuple[str, ...]] = (
    "telepon",
    "telpon",
    "telephone",
    "phone",
    "handphone",
    "whatsapp",
    "ponsel",
    "email",
    "surel",
    "ktp",
    "npwp",
    "rekening",
    "lahir",
    "alamatrumah",
)

# "no", "nomor", "nmr" glued to a short word: "nohp", "nowa", "nomornik".
_NUMBER_PREFIX = re.compile(r"^(?:nomor|nomer|nmr|no)(?P<rest>[a-z]+)$")

# The columns that make up the network itself, never withheld.
IDENTITY_FIELDS: Final[frozenset[str]] = frozenset(
    {"id", "kind", "name", "area", "member_of", "source", "target", "type", "date"}
)

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORD_SPLIT = re.compile(r"[^0-9a-z]+")

# Value shapes. Separators people type inside numbers are ignored first.
_NUMBER_CHARS = re.compile(r"^\+?[0-9(][0-9 ().\-]*$")
_NUMBER_SEPARATORS = re.compile(r"[ ().\-]")
# Mobile: 08xx / +628xx / 628xx, 10 to 13 digits in all (Indonesian numbering plan).
_MOBILE = re.compile(r"^(?:\+62|62|0)8[1-9][0-9]{6,10}$")
# Fixed line: an area code (2x..7x) then the subscriber number; a leading 0 or +62 is
# required so plain counts are not mistaken for phones.
_LANDLINE = re.compile(r"^(?:\+62|0)[2-7][0-9]{7,10}$")
# NIK: 2-digit province, 2 regency, 2 district, birth day (women +40), month,
# 2-digit year, 4-digit serial.
_NIK = re.compile(
    r"^[1-9][0-9]{5}(?:0[1-9]|[12][0-9]|3[01]|4[1-9]|[56][0-9]|7[01])(?:0[1-9]|1[0-2])[0-9]{6}$"
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def _words(name: str) -> list[str]:
    spaced = _CAMEL.sub(" ", name)
    decomposed = unicodedata.normalize("NFKD", spaced)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return [w for w in _WORD_SPLIT.split(ascii_only) if w]


@functools.lru_cache(maxsize=4096)
def is_personal_name(name: str) -> bool:
    """Whether a column or property called ``name`` holds personal data.

    The name is normalised (case, diacritics, separators, camelCase) and split
    into words; it is personal when a word is one of :data:`PERSONAL_WORDS`,
    when a word is such a word glued to ``no``/``nomor`` (``nohp``), or when a
    long specific word is embedded (``alamatemail``).

    Examples
    --------
    >>> [is_personal_name(n) for n in ("nomor_hp", "No. Telp", "no_wa", "Handphone")]
    [True, True, True, True]
    >>> [is_personal_name(n) for n in ("nik_ktp", "NoKTP", "alamat_email", "E-mail")]
    [True, True, True, True]
    >>> [is_personal_name(n) for n in ("jabatan", "teknik", "kawasan", "note", "member_of")]
    [False, False, False, False, False]
    """
    words = _words(name)
    if not words:
        return False
    for word in [*words, "".join(words)]:
        if word in PERSONAL_WORDS:
            return True
        prefixed = _NUMBER_PREFIX.match(word)
        if prefixed and prefixed["rest"] in PERSONAL_WORDS:
            return True
        if any(embedded in word for embedded in _EMBEDDED_WORDS):
            return True
    return False


def looks_personal(value: object) -> bool:
    """Whether ``value`` has the shape of a phone number, a NIK or an e-mail address.

    Only the whole value is judged (a note that merely mentions a number is not).

    Examples
    --------
    >>> [looks_personal(v) for v in ("0812-3456-7890", "+62 812 3456 7890", "(0293) 491234")]
    [True, True, True]
    >>> [looks_personal(v) for v in ("3323014501900001", "pps.tepus@example.id")]
    [True, True]
    >>> [looks_personal(v) for v in ("33.23.01.2001", "2024-01-05", "867", "Rapat DPTb", None)]
    [False, False, False, False, False]
    """
    if value is None or isinstance(value, bool):
        return False
    text = str(value).strip()
    if not text or len(text) > 320:
        return False
    if "@" in text:
        return bool(_EMAIL.match(text))
    if not _NUMBER_CHARS.match(text):
        return False
    digits = _NUMBER_SEPARATORS.sub("", text)
    return bool(_MOBILE.match(digits) or _LANDLINE.match(digits) or _NIK.match(digits))


def is_personal_field(name: str, value: object = None) -> bool:
    """Whether the field ``name`` (with ``value``, if known) is personal data to withhold.

    The one test every writer and screen uses: true when the name is personal
    (:func:`is_personal_name`) or the value looks personal
    (:func:`looks_personal`), and never for the network's identity fields
    (:data:`IDENTITY_FIELDS`).

    Parameters
    ----------
    name : str
        The column or property name, as recorded (``nomor_hp``, ``phone``).
    value : object, optional
        The value; without it only the name is judged.

    Returns
    -------
    bool
        True when the field must be hidden unless contacts are asked for.

    Examples
    --------
    >>> is_personal_field("nomor_hp"), is_personal_field("kontak", "081234567890")
    (True, True)
    >>> is_personal_field("kontak", "Pak Lurah"), is_personal_field("id", "081234567890")
    (False, False)
    """
    if name in IDENTITY_FIELDS:
        return False
    return is_personal_name(name) or looks_personal(value)
