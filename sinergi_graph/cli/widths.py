"""Column widths for a table on an 80-column terminal.

Rich shrinks columns in proportion when a table is too wide, and then cuts words
in the middle ("Tegalurun" / "g") or crops the right-hand column off the screen.
A coordinator reads names, so the layout here keeps every word whole wherever
the terminal allows it: each column gets at least its longest word (up to
:data:`LONG_WORD`), the room left over goes to the columns that would wrap most,
and when boxed columns cannot keep their words whole the table drops its
vertical lines (:attr:`Layout.compact`), which frees three characters a column
and, where even that is not enough, cuts the fewest words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["LONG_WORD", "Layout", "fit_widths", "plan_layout"]

#: A word longer than this may be folded: a column never claims more for one word.
LONG_WORD = 14


@dataclass(frozen=True)
class Layout:
    """How a table is drawn: ``widths`` ``None`` lets it size itself."""

    compact: bool
    widths: list[int] | None


def boxed_room(width: int, n: int) -> int:
    """Room for the cells of ``n`` boxed columns: a line and a space each side of each."""
    return width - 3 * n - 1


def compact_room(width: int, n: int) -> int:
    """Room for the cells of ``n`` unboxed columns: two spaces between neighbours."""
    return width - 2 * (n - 1)


def _least(col: Sequence[str], natural: int) -> int:
    longest = max((len(w) for c in col for w in c.split()), default=1)
    return min(natural, longest, LONG_WORD)


def _measure(columns: Sequence[Sequence[str]]) -> tuple[list[int], list[int]]:
    """Each column's natural width (its longest cell) and least width (its longest word)."""
    natural = [max((len(c) for c in col), default=0) for col in columns]
    least = [_least(col, n) for col, n in zip(columns, natural, strict=True)]
    return natural, least


def fit_widths(
    columns: Sequence[Sequence[str]],
    room: int,
    *,
    measured: tuple[list[int], list[int]] | None = None,
) -> list[int] | None:
    """Widths for ``columns`` (each: header then cells) within ``room`` characters.

    Returns ``None`` when every column fits at its natural width (let the table
    size itself), else one width per column, each at least its longest word
    (up to :data:`LONG_WORD`) where ``room`` allows. ``measured`` is
    what :func:`_measure` gave, when the caller has it already.

    Examples
    --------
    >>> fit_widths([["nama", "PPK Kecamatan Bulu"], ["mitra", "22"]], 40) is None
    True
    >>> fit_widths([["nama", "PPK Kecamatan Bulu"], ["peran", "koordinator 272, wakil 85"]], 30)
    [12, 18]
    """
    natural, least = measured if measured is not None else _measure(columns)
    if sum(natural) <= room:
        return None
    widths = list(least)
    spare = room - sum(widths)
    if spare <= 0:
        return widths
    want = [n - w for n, w in zip(natural, widths, strict=True)]
    total_want = sum(want)
    widths = [w + spare * extra // total_want for w, extra in zip(widths, want, strict=True)]
    # What integer division left goes to the columns furthest short of their natural width.
    left = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda j: widths[j] - natural[j]):
        if left <= 0:
            break
        if widths[i] < natural[i]:
            widths[i] += 1
            left -= 1
    return widths


def plan_layout(columns: Sequence[Sequence[str]], width: int) -> Layout:
    """Boxed if the words stay whole in boxed columns, else compact, for a ``width`` terminal.

    Examples
    --------
    >>> plan_layout([["nama", "PPK Kecamatan Bulu"]], 80)
    Layout(compact=False, widths=None)
    >>> cols = [["kolom", "katakatakata"]] * 6
    >>> plan_layout(cols, 100)
    Layout(compact=False, widths=None)
    >>> plan_layout(cols, 85)
    Layout(compact=True, widths=None)
    >>> plan_layout(cols, 60)
    Layout(compact=True, widths=[12, 12, 12, 12, 12, 12])
    """
    n = len(columns)
    boxed = boxed_room(width, n)
    measured = _measure(columns)
    if sum(measured[1]) <= boxed:
        return Layout(compact=False, widths=fit_widths(columns, boxed, measured=measured))
    # Unboxed keeps the words whole, or, when nothing would, cuts the fewest.
    room = compact_room(width, n)
    return Layout(compact=True, widths=fit_widths(columns, room, measured=measured))
