"""A network picture drawn in terminal cells: braille lines, coloured markers, legible labels.

The layout is the core's (:mod:`sinergi_graph.drawing`, the same positions as
``sinergi draw``); this module only rasterises it for a grid of ``width`` ×
``height`` cells. Edges are drawn on the braille sub-grid (2 × 4 dots per
cell), so lines stay thin; missing required contacts are drawn dashed and red,
stale ones dashed and yellow, recorded links dim.

Labels are what made a ring of twenty institutions unreadable: written to the
right of every marker, they ran into each other and were cut to ``Lu…``. Here
every marker is drawn first (two never share a cell), then labels are placed
one by one, most important first (the focus, the bodies above the area, the
area's own institutions, the desa names, then the kind words inside each
desa), each on the outward side of its marker if free, else on the other side,
above or below. A label never covers a marker or another label and keeps one
blank cell to its neighbours on the row, so words do not run together. What
does not fit in full is abbreviated (``Kecamatan`` → ``Kec.``), then shortened
by whole words; what still does not fit gets a number beside its marker and
its name in a key on the right. The kind words repeated in every desa (PKD,
Kepala Desa) are left out when there is no room: the marker's colour tells the
kind, and the key counts them. Plain Python and rich: no Textual, so it is
tested without a screen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from rich.text import Text

from sinergi_graph.drawing import EdgeStyle, NodeRole, PicNode, Picture
from tui.i18n import tr
from tui.model.display import plain

__all__ = ["CATEGORY_STYLE", "Canvas", "Drawing", "Placed", "draw_picture", "lay_out"]

CATEGORY_STYLE = {
    "penyelenggara": "bold bright_cyan",
    "pengawas": "bold magenta",
    "pemerintah": "green",
    "keamanan": "blue",
    "kesehatan": "bright_green",
    "peserta": "yellow",
    "media": "bright_magenta",
    "masyarakat": "white",
}
EDGE_STYLE = {EdgeStyle.LINK: "grey50", EdgeStyle.STALE: "yellow", EdgeStyle.GAP: "bold red"}
#: Later styles win when several edges cross one cell: a missing contact stays visible.
_RANK = {EdgeStyle.LINK: 0, EdgeStyle.STALE: 1, EdgeStyle.GAP: 2}
# Braille dot bits by (column, row) inside a cell: U+2800 + the sum of the dots set.
_DOTS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))


class Canvas:
    """A grid of cells: braille dots with the strongest edge style, then text on top."""

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.dots = [[0] * self.width for _ in range(self.height)]
        self.rank = [[-1] * self.width for _ in range(self.height)]
        self.text: dict[tuple[int, int], tuple[str, str]] = {}

    def dot(self, px: int, py: int, style: EdgeStyle) -> None:
        col, row = px // 2, py // 4
        if 0 <= col < self.width and 0 <= row < self.height:
            self.dots[row][col] |= _DOTS[px % 2][py % 4]
            self.rank[row][col] = max(self.rank[row][col], _RANK[style])

    def line(self, a: tuple[int, int], b: tuple[int, int], style: EdgeStyle) -> None:
        """Bresenham on the dot grid; dashed (3 on, 3 off) unless a recorded link."""
        (x0, y0), (x1, y1) = a, b
        dx, dy = abs(x1 - x0), -abs(y1 - y0)
        sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
        err, step = dx + dy, 0
        while True:
            if style is EdgeStyle.LINK or step % 6 < 3:
                self.dot(x0, y0, style)
            if (x0, y0) == (x1, y1):
                return
            step += 1
            e2 = 2 * err
            if e2 >= dy:
                err += dy
                x0 += sx
            if e2 <= dx:
                err += dx
                y0 += sy

    def write(self, col: int, row: int, text: str, style: str) -> None:
        for i, ch in enumerate(text):
            if 0 <= col + i < self.width and 0 <= row < self.height:
                self.text[(col + i, row)] = (ch, style)

    def lines(self) -> list[Text]:
        styles = [s for s, _ in sorted(_RANK.items(), key=lambda kv: kv[1])]
        out: list[Text] = []
        for row in range(self.height):
            line = Text(no_wrap=True, overflow="crop")
            for col in range(self.width):
                if (col, row) in self.text:
                    ch, written = self.text[(col, row)]
                    line.append(ch, written)
                elif self.dots[row][col]:
                    line.append(
                        chr(0x2800 + self.dots[row][col]), EDGE_STYLE[styles[self.rank[row][col]]]
                    )
                else:
                    line.append(" ")
            out.append(line)
        return out


#: Words shortened the way Indonesian offices write them, tried when a name does not fit.
_ABBREVIATIONS = (
    ("Kepala Desa", "Kades"),
    ("Kabupaten", "Kab."),
    ("Kecamatan", "Kec."),
    ("Kelurahan", "Kel."),
    ("Provinsi", "Prov."),
)
#: Words naming the kind of area, left out last ("PPS Kalurahan Tepus" → "PPS Tepus"): the
#: picture is of one area, so the body and the place still say which institution it is.
_AREA_WORDS = frozenset(
    {"Kab.", "Kec.", "Kel.", "Prov.", "Desa", "Kalurahan", "Kapanewon", "Kemantren", "Distrik"}
)
#: Label ranks, most important first: these are placed before the others take the room.
_FOCUS, _ABOVE, _OWN, _DESA, _KIND = range(5)
#: Below this width there is no room for a key beside the picture.
_KEY_MIN_WIDTH = 48
#: Where a marker that lands on a taken cell goes instead, nearest first.
_NUDGES = tuple(
    sorted(
        ((dc, dr) for dc in range(-2, 3) for dr in range(-1, 2) if (dc, dr) != (0, 0)),
        key=lambda d: (abs(d[0]) + 2 * abs(d[1]), d[1], d[0]),
    )
)


@dataclass(frozen=True, slots=True)
class Placed:
    """A text drawn on the picture: a node's label, a desa name, or a key number."""

    node: str
    col: int
    row: int
    text: str
    number: bool = False

    @property
    def cells(self) -> range:
        return range(self.col, self.col + len(self.text))


@dataclass(frozen=True, slots=True)
class Drawing:
    """The picture laid out in cells: where each marker and text went, and the lines."""

    width: int
    height: int
    #: The marker cell (column, row) of each node.
    cells: dict[str, tuple[int, int]]
    labels: tuple[Placed, ...]
    #: ``(number, name)`` of the labels listed in the key instead of on the picture.
    key: tuple[tuple[str, str], ...]
    #: First column of the key (``None`` when there is none): the picture ends before it.
    key_col: int | None
    #: Kind words inside the desa groups that were left out for want of room.
    left_out: int
    #: Other names on neither the picture nor the key ("and n more" at the key's foot).
    unnamed: int
    lines: list[Text]


@dataclass(frozen=True, slots=True)
class _Item:
    """A text waiting to be placed next to the marker of ``node``."""

    rank: int
    node: str
    text: str
    style: str


def _marker(node: PicNode) -> str:
    if node.role is NodeRole.FOCUS:
        return "◉"
    if node.role is NodeRole.CLUSTER:
        return "▣"
    if node.role is NodeRole.OUTSIDE:
        return "○"
    return "◆" if node.election_body else "●"


def _one_line(text: str) -> str:
    # The core wraps names for matplotlib; a terminal label is one line, and a name from
    # the store may hold escapes a terminal would obey (issue 13): only what prints stays.
    return " ".join(plain(text).split())


def _abbreviate(text: str) -> str:
    for word, abbreviation in _ABBREVIATIONS:
        text = text.replace(word, abbreviation)
    return text


def _variants(text: str) -> list[str]:
    """The text, abbreviated, then without the area words between body and place.

    Names are never cut at the end: "PPS Kalurahan …" would not say which PPS.
    """
    found = [text]
    short = _abbreviate(text)
    words = short.split(" ")
    middle = [w for w in words[1:-1] if w not in _AREA_WORDS]
    compact = " ".join([words[0], *middle, words[-1]]) if len(words) > 2 else short
    for variant in (short, compact):
        if variant not in found:
            found.append(variant)
    return found


def _rank(node: PicNode) -> int:
    if node.role is NodeRole.FOCUS:
        return _FOCUS
    if node.role is NodeRole.OUTSIDE:
        return _ABOVE
    return _KIND if node.group else _OWN


def _items(picture: Picture) -> list[_Item]:
    """Every text to place: the nodes' labels, and each desa name next to its group's PPS."""
    items = [
        _Item(_rank(n), n.id, text, CATEGORY_STYLE.get(n.category, "white"))
        for n in picture.nodes
        if (text := _one_line(n.label))
    ]
    groups: dict[str, list[PicNode]] = {}
    for n in picture.nodes:
        if n.group:
            groups.setdefault(n.group, []).append(n)
    for caption in picture.captions:
        text = _one_line(caption.text)
        if not groups or not text:
            continue

        def away(members: list[PicNode], x: float = caption.x, y: float = caption.y) -> float:
            cx = sum(m.x for m in members) / len(members)
            cy = sum(m.y for m in members) / len(members)
            return math.hypot(cx - x, cy - y)

        members = min(groups.values(), key=away)
        # The caption names the desa: it goes to the group's PPS (drawn without a label).
        nameless = [m for m in members if not m.label.strip()] or members
        anchor = min(nameless, key=lambda m: math.hypot(m.x - caption.x, m.y - caption.y))
        items.append(_Item(_DESA, anchor.id, text, "italic bright_white"))
    return items


class _Layout:
    """Markers, then texts, on ``cols`` columns from ``left`` (the key, if any, lies beyond)."""

    def __init__(self, picture: Picture, cols: int, rows: int, left: int = 0) -> None:
        self.left, self.right, self.rows = left, left + cols, rows
        self.markers: dict[tuple[int, int], str] = {}
        self.cells: dict[str, tuple[int, int]] = {}
        self.taken: set[tuple[int, int]] = set()
        self.placed: list[Placed] = []
        xs = [n.x for n in picture.nodes]
        ys = [n.y for n in picture.nodes]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        # A margin on both sides, so the outermost nodes keep room for an outward label.
        margin = min(8, cols // 8)
        span = max(1, cols - 2 * margin)

        def cell(node: PicNode) -> tuple[int, int]:
            fx = (node.x - x0) / (x1 - x0) if x1 > x0 else 0.5
            # Picture y grows upwards (matplotlib); terminal rows grow downwards.
            fy = (y1 - node.y) / (y1 - y0) if y1 > y0 else 0.5
            return left + margin + round(fx * (span - 1)), round(fy * (rows - 1))

        # The most important nodes keep their cell; a later one on a taken cell moves aside.
        for node in sorted(picture.nodes, key=_rank):
            col, row = cell(node)
            if (col, row) in self.markers:
                for dc, dr in _NUDGES:
                    spot = (col + dc, row + dr)
                    inside = left <= spot[0] < self.right and 0 <= spot[1] < rows
                    if inside and spot not in self.markers:
                        col, row = spot
                        break
            self.markers[(col, row)] = node.id
            self.cells[node.id] = (col, row)
        self.centre = (
            (min(c for c, _ in self.markers) + max(c for c, _ in self.markers)) / 2,
            (min(r for _, r in self.markers) + max(r for _, r in self.markers)) / 2,
        )

    def _free(self, col: int, row: int, length: int, own: tuple[int, int]) -> bool:
        if not (0 <= row < self.rows and col >= self.left and col + length <= self.right):
            return False
        for c in range(col - 1, col + length + 1):
            spot = (c, row)
            if spot in self.taken:
                return False
            # The text itself never covers a marker; beside it only its own marker may sit.
            if spot in self.markers and (col <= c < col + length or spot != own):
                return False
        return True

    def _spots(self, anchor: tuple[int, int], length: int) -> list[list[tuple[int, int]]]:
        """Where a text may start, in tiers: on the marker's row, then above or below it
        (centred), then beside it one row off; within a tier the outward side first."""
        col, row = anchor
        dx, dy = col - self.centre[0], (row - self.centre[1]) * 2  # a cell is twice as tall
        right, left = (col + 1, row), (col - length, row)
        up, down = (col - length // 2, row - 1), (col - length // 2, row + 1)
        out_side, in_side = (right, left) if dx >= 0 else (left, right)
        out_row, in_row = (row - 1, row + 1) if dy < 0 else (row + 1, row - 1)
        out_vertical, in_vertical = (up, down) if dy < 0 else (down, up)
        side_col, other_col = out_side[0], in_side[0]
        diagonals = [
            (side_col, out_row),
            (side_col, in_row),
            (other_col, out_row),
            (other_col, in_row),
        ]
        if abs(dy) > abs(dx):
            # At the top and bottom of a ring, above and below is outward.
            return [[out_vertical], [out_side, in_side], [in_vertical], diagonals]
        return [[out_side, in_side], [out_vertical, in_vertical], diagonals]

    def place(
        self, node: str, texts: list[str], *, number: bool = False, same_row: bool = False
    ) -> Placed | None:
        """The first text of ``texts`` that fits beside ``node``'s marker (on its row if asked).

        A shorter text close to its marker beats the full one further off: a label
        must say whose it is.
        """
        anchor = self.cells[node]
        for tier in range(len(self._spots(anchor, 1))):
            for text in texts:
                spots = self._spots(anchor, len(text))[tier]
                for col, row in spots:
                    if same_row and row != anchor[1]:
                        continue
                    if self._free(col, row, len(text), anchor):
                        placed = Placed(node, col, row, text, number)
                        self.taken.update((c, row) for c in placed.cells)
                        self.placed.append(placed)
                        return placed
        return None


def _attempt(
    picture: Picture, width: int, height: int, key_width: int, *, centred: bool = False
) -> Drawing:
    """The picture with the key (``key_width`` columns, 0 for none) on the right.

    ``centred``: as narrow as with that key, but with no key, in the middle.
    """
    cols = width - key_width - 1 if key_width else width
    left = (width - cols) // 2 if centred else 0
    if centred:
        key_width = 0
    layout = _Layout(picture, cols, height, left)
    canvas = Canvas(width, height)
    cells = layout.cells
    # Recorded links first, then stale, then gaps, so the missing contacts are drawn last.
    for edge in sorted(picture.edges, key=lambda e: _RANK[e.style]):
        if edge.source in cells and edge.target in cells:
            (ca, ra), (cb, rb) = cells[edge.source], cells[edge.target]
            canvas.line((ca * 2, ra * 4 + 1), (cb * 2, rb * 4 + 1), edge.style)
    if key_width:
        # The edges stay within the picture: the key's column is cleared.
        for row in range(height):
            for col in range(cols, width):
                canvas.dots[row][col] = 0
    for node in picture.nodes:
        col, row = cells[node.id]
        style = CATEGORY_STYLE.get(node.category, "white")
        marker_style = f"{style} reverse" if node.role is NodeRole.FOCUS else style
        if node.gaps_high:
            marker_style = f"{marker_style} underline"
        canvas.write(col, row, _marker(node), marker_style)
    # Most important first; among equals top to bottom, left to right (the key's order).
    items = sorted(_items(picture), key=lambda i: (i.rank, cells[i.node][1], cells[i.node][0]))
    styles: dict[tuple[str, str], str] = {}
    unplaced: list[_Item] = []
    left_out = 0
    for item in items:
        if item.rank == _KIND:
            # The same few words in every desa: one spelling throughout (the short one), and
            # only on the marker's row, where it cannot be taken for a neighbour's label.
            minor = True
            texts = [_variants(item.text)[-1]]
        else:
            minor = False
            texts = _variants(item.text)
        placed = layout.place(item.node, texts, same_row=minor)
        if placed is not None:
            styles[(placed.node, placed.text)] = item.style
        elif minor:
            left_out += 1
        else:
            unplaced.append(item)
    key: list[tuple[str, str]] = []
    unnamed = len(unplaced)
    if key_width:
        # As many numbers as the key has rows for (one kept for "and n more" when needed):
        # a number on the picture without its name beside it would say nothing.
        room = height if len(unplaced) <= height else height - 1
        for item in unplaced:
            if len(key) == room:
                break
            number = layout.place(item.node, [str(len(key) + 1)], number=True)
            if number is not None:
                styles[(number.node, number.text)] = f"{item.style} bold"
                key.append((number.text, item.text))
        unnamed -= len(key)
    for placed in layout.placed:
        canvas.write(placed.col, placed.row, placed.text, styles[(placed.node, placed.text)])
    if key_width:
        _write_key(canvas, key, unnamed, cols + 1, key_width, picture.lang)
    return Drawing(
        width=width,
        height=height,
        cells=dict(cells),
        labels=tuple(layout.placed),
        key=tuple(key),
        key_col=cols + 1 if key_width else None,
        left_out=left_out,
        unnamed=unnamed,
        lines=canvas.lines(),
    )


def _write_key(
    canvas: Canvas, key: list[tuple[str, str]], more: int, col: int, width: int, lang: str
) -> None:
    """The numbered names, one a row, then how many names are on neither picture nor key."""
    digits = max((len(n) for n, _ in key), default=1)
    for row, (number, name) in enumerate(key):
        canvas.write(col, row, number.rjust(digits), "bold")
        room = width - digits - 1
        fitting = [v for v in _variants(name) if len(v) <= room]
        shortest = _variants(name)[-1]
        text = fitting[0] if fitting else shortest[: max(room - 1, 0)] + "…"
        canvas.write(col + digits + 1, row, text, "")
    if more:
        text = tr("net_key_more", lang, n=more)
        canvas.write(col, min(len(key), canvas.height - 1), text[:width], "dim")


def lay_out(picture: Picture, width: int, height: int) -> Drawing:
    """``picture`` laid out on ``width`` × ``height`` cells, with a key when names do not fit."""
    width, height = max(1, width), max(1, height)
    if not picture.nodes:
        canvas = Canvas(width, height)
        return Drawing(width, height, {}, (), (), None, 0, 0, canvas.lines())
    drawing = _attempt(picture, width, height, 0)
    if width < _KEY_MIN_WIDTH:
        return drawing
    named = {(p.node) for p in drawing.labels}
    if all(i.node in named for i in _items(picture) if i.rank != _KIND):
        return drawing
    # The key takes what its names need (a third of the width at most); a narrower picture
    # may send more names to the key, so its width is worked out again once.
    key_width = 0
    for _ in range(2):
        digits = len(str(max(len(drawing.key), 1)))
        need = max((len(_abbreviate(name)) for _, name in drawing.key), default=10) + digits + 1
        wanted = min(width // 3, max(14, need))
        if wanted <= key_width:
            break
        key_width = wanted
        drawing = _attempt(picture, width, height, key_width)
    if not drawing.key and not drawing.unnamed:
        # Every name found room on the narrower picture: no key, and no empty band beside it.
        return _attempt(picture, width, height, key_width, centred=True)
    return drawing


def draw_picture(picture: Picture, width: int, height: int) -> list[Text]:
    """``picture`` rasterised into ``height`` lines of ``width`` cells."""
    return lay_out(picture, width, height).lines
