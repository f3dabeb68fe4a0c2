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

__all__ = [
    "LAYOUT_ROWS",
    "LONG_WORD",
    "Layout",
    "fit_widths",
    "lines_at",
    "plan_layout",
    "table_lines",
]

#: A word longer than this may be folded: a column never claims more for one word.
LONG_WORD = 14

#: Rows (the header included) whose line counts choose the widths.
LAYOUT_ROWS = 200


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


def _measure(
    columns: Sequence[Sequence[str]], whole: Sequence[int] = ()
) -> tuple[list[int], list[int]]:
    """Each column's natural width (its longest cell) and least width (its longest word).

    The columns at the indices ``whole`` (codes, ids) are never wrapped: their
    least width is their natural one.
    """
    natural = [max((len(c) for c in col), default=0) for col in columns]
    least = [
        n if i in whole else _least(col, n)
        for i, (col, n) in enumerate(zip(columns, natural, strict=True))
    ]
    return natural, least


def _head_rows(columns: Sequence[Sequence[str]]) -> int:
    """How many rows (the header included) the line counts look at."""
    return min(max((len(col) for col in columns), default=0), LAYOUT_ROWS)


def lines_at(text: str, width: int) -> int:
    """Lines ``text`` takes in a column ``width`` wide, wrapped at spaces as Rich does.

    A word longer than the column is folded over as many lines as it needs.

    >>> lines_at("PPS Desa Nglarangan", 19), lines_at("PPS Desa Nglarangan", 12)
    (1, 2)
    >>> lines_at("Kabupaten", 4)
    3
    """
    width = max(width, 1)
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) <= width:
            used += 1 + len(word)
            continue
        if used:
            lines += 1
        folds, used = divmod(len(word), width)
        lines += folds - (0 if used else 1) if folds else 0
        used = used or width
    return lines


def fit_widths(
    columns: Sequence[Sequence[str]],
    room: int,
    *,
    measured: tuple[list[int], list[int]] | None = None,
) -> list[int] | None:
    """Widths for ``columns`` (each: header then cells) within ``room`` characters.

    Returns ``None`` when every column fits at its natural width (let the table
    size itself), else one width per column, each at least its longest word
    (up to :data:`LONG_WORD`) where ``room`` allows. The room left over goes,
    a step at a time, where it saves the table the most lines per character
    (a row is as tall as its tallest cell), so that a column a few characters
    short of one line per cell gets them before a long one is widened in vain.
    ``measured`` is what :func:`_measure` gave, when the caller has it already.

    Examples
    --------
    >>> fit_widths([["nama", "PPK Kecamatan Bulu"], ["mitra", "22"]], 40) is None
    True
    >>> fit_widths([["nama", "PPK Kecamatan Bulu"], ["peran", "koordinator 272, wakil 85"]], 30)
    [12, 18]
    >>> reason = ["alasan", "kontak lama (> 120 hari)", "kontak lama (tenggat 16 Februari 2023)"]
    >>> subject = ["subjek", "PPS Desa Nglarangan", "PPS Desa Sigedong"]
    >>> fit_widths([reason, subject], 43)
    [24, 19]
    """
    natural, least = measured if measured is not None else _measure(columns)
    if sum(natural) <= room:
        return None
    widths = list(least)
    spare = room - sum(widths)
    if spare <= 0:
        return widths
    # The lines are counted on the first rows: a long list (``--limit 0`` at national
    # scale) lays out like its head, in milliseconds; every row still set ``least``.
    rows = _head_rows(columns)
    cells = [[col[r] if r < len(col) else "" for r in range(rows)] for col in columns]
    # Where a column's line count can change: the lengths of its cells.
    stops = [sorted({len(c) for c in col if least[i] < len(c) <= natural[i]}) for i, col in
             enumerate(cells)]  # fmt: skip
    cache: dict[tuple[int, int], list[int]] = {}

    def heights(i: int, width: int) -> list[int]:
        if (i, width) not in cache:
            cache[i, width] = [lines_at(c, width) for c in cells[i]]
        return cache[i, width]

    while spare > 0:
        now = [heights(i, w) for i, w in enumerate(widths)]
        total = sum(max(row) for row in zip(*now, strict=True))
        best: tuple[float, int, int] | None = None
        for i, width in enumerate(widths):
            others = [max((h[r] for j, h in enumerate(now) if j != i), default=1) for r in
                      range(rows)]  # fmt: skip
            for stop in stops[i]:
                cost = stop - width
                if cost <= 0 or cost > spare:
                    continue
                saved = total - sum(map(max, others, heights(i, stop)))
                if saved > 0 and (best is None or saved / cost > best[0]):
                    best = (saved / cost, i, stop)
        if best is None:
            break
        _, i, stop = best
        spare -= stop - widths[i]
        widths[i] = stop
    if spare > 0:
        _share(widths, natural, spare)
    # A greedy step can lock room in too early: the plain share of the spare, in
    # proportion to what each column lacks, is kept when it takes fewer lines.
    shared = list(least)
    _share(shared, natural, room - sum(shared))
    if table_lines(columns, shared) < table_lines(columns, widths):
        return shared
    return widths


def _share(widths: list[int], natural: Sequence[int], spare: int) -> None:
    """Give ``spare`` characters to the columns short of their natural width, by how short."""
    want = [max(n - w, 0) for n, w in zip(natural, widths, strict=True)]
    total_want = sum(want)
    if total_want <= 0:
        return
    spare = min(spare, total_want)
    given = [spare * extra // total_want for extra in want]
    # What integer division left goes to the columns furthest short of their natural width.
    left = spare - sum(given)
    for i in sorted(range(len(widths)), key=lambda j: widths[j] + given[j] - natural[j]):
        if left <= 0:
            break
        if widths[i] + given[i] < natural[i]:
            given[i] += 1
            left -= 1
    for i, extra in enumerate(given):
        widths[i] += extra


def plan_layout(
    columns: Sequence[Sequence[str]], width: int, *, whole: Sequence[int] = ()
) -> Layout:
    """Boxed if the words stay whole in boxed columns, else compact, for a ``width`` terminal.

    The columns at the indices ``whole`` keep their cells on one line; the
    others share what is left.

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
    >>> plan_layout([["id", "33.23.11.2010"], ["nama", "PPS Desa Simpar"]], 24, whole=[0])
    Layout(compact=True, widths=[13, 9])
    """
    n = len(columns)
    room = boxed_room(width, n)
    measured = _measure(columns, whole)
    # Unboxed keeps the words whole, or, when nothing would, cuts the fewest.
    compact = fit_widths(columns, compact_room(width, n), measured=measured)
    if sum(measured[1]) <= room:
        boxed = fit_widths(columns, room, measured=measured)
        # Boxed reads best, unless its narrower columns make the table taller.
        if table_lines(columns, boxed) <= table_lines(columns, compact):
            return Layout(compact=False, widths=boxed)
    return Layout(compact=True, widths=compact)


def table_lines(columns: Sequence[Sequence[str]], widths: Sequence[int] | None) -> int:
    """Lines the rows take (each as tall as its tallest cell); ``None``: natural widths.

    >>> table_lines([["nama", "PPS Desa Simpar"], ["id", "PPS-1"]], [8, 5])
    3
    """
    rows = _head_rows(columns)
    if widths is None:
        return rows
    return sum(
        max(
            lines_at(col[r], w) if r < len(col) else 1
            for col, w in zip(columns, widths, strict=True)
        )
        for r in range(rows)
    )
