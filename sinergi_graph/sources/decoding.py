"""Bytes of a text file into text, the way office files are actually encoded.

UTF-8 (with or without a BOM) is the norm; old Excel "CSV" exports on Windows
are Windows-1252; Excel's "Unicode Text" and some exports are UTF-16. A file
that is UTF-8 except for a row pasted from an older file is decoded row by
row, so the UTF-8 rows are not turned into mojibake (``DÃ©sa``). A byte that
no candidate encoding defines is a located problem, never a silent U+FFFD.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from sinergi_graph.sources.tables import Location

__all__ = ["Decoded", "decode_text"]

# How many Windows-1252 rows of a mixed file are named one by one in warnings.
_MAX_ROW_WARNINGS = 5


@dataclass
class Decoded:
    text: str
    problems: list[Location] = field(default_factory=list)
    warnings: list[Location] = field(default_factory=list)


def _utf16_without_bom(data: bytes) -> str | None:
    # ASCII text in UTF-16 has a NUL in every other byte; look at the first ones only.
    head = data[:200]
    if len(head) < 4 or len(data) % 2:
        return None
    odd, even = head[1::2], head[0::2]
    if odd.count(0) >= len(odd) * 0.9 and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= len(even) * 0.9 and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> Decoded:
    """Decode ``data``; problems and warnings are located by line (row) number."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data, "utf-16")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _decode_utf16(data, utf16)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    out = Decoded("")
    parts: list[str] = []
    legacy_rows: list[int] = []
    utf8_non_ascii = False
    for line_no, line in enumerate(data.splitlines(keepends=True), start=1):
        try:
            parts.append(line.decode("utf-8"))
            utf8_non_ascii = utf8_non_ascii or not line.isascii()
            continue
        except UnicodeDecodeError:
            pass
        try:
            parts.append(line.decode("cp1252"))
            legacy_rows.append(line_no)
        except UnicodeDecodeError as exc:
            byte = line[exc.start]
            out.problems.append((line_no, "-", "p_bad_byte", {"byte": f"0x{byte:02X}"}))
            parts.append(line.decode("cp1252", errors="replace"))
    if utf8_non_ascii:
        # A mixed file: say which rows were read as Windows-1252 so they can be checked.
        for line_no in legacy_rows[:_MAX_ROW_WARNINGS]:
            out.warnings.append((line_no, "-", "w_cp1252_row", {}))
    out.text = "".join(parts)
    return out


def _decode_utf16(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding))
    except UnicodeDecodeError as exc:
        text = data[: exc.start].decode(encoding, errors="replace")
        line_no = text.count("\n") + 1
        return Decoded(
            data.decode(encoding, errors="replace"),
            problems=[(line_no, "-", "p_bad_utf16", {})],
        )
