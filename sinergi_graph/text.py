"""Text folding shared by every lookup that must ignore case, spacing and diacritics."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


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
