"""A network picture drawn in terminal cells: braille lines, coloured markers, short labels.

The layout is the core's (:mod:`sinergi_graph.drawing`, the same positions as
``sinergi draw``); this module only rasterises it for a grid of ``width`` ×
``height`` cells. Edges are drawn on the braille sub-grid (2 × 4 dots per
cell), so lines stay thin; missing required contacts are drawn dashed and red,
stale ones dashed and yellow, recorded links dim. Node markers and labels
are written over the lines (a label is cut to the room left before the next
marker). Plain Python and rich: no Textual, so it is tested without a screen.
"""

from __future__ import annotations

from rich.text import Text

from sinergi_graph.drawing import EdgeStyle, NodeRole, PicNode, Picture

__all__ = ["CATEGORY_STYLE", "Canvas", "draw_picture"]

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


def _marker(node: PicNode) -> str:
    if node.role is NodeRole.FOCUS:
        return "◉"
    if node.role is NodeRole.CLUSTER:
        return "▣"
    if node.role is NodeRole.OUTSIDE:
        return "○"
    return "◆" if node.election_body else "●"


def _short(node: PicNode) -> str:
    label = node.label.replace("\n", " ")
    if node.role is NodeRole.CLUSTER and node.gaps:
        label += f" ({node.gaps})"
    return label


def draw_picture(picture: Picture, width: int, height: int) -> list[Text]:
    """``picture`` rasterised into ``height`` lines of ``width`` cells."""
    canvas = Canvas(max(1, width), max(1, height))
    if not picture.nodes:
        return canvas.lines()
    xs = [n.x for n in picture.nodes]
    ys = [n.y for n in picture.nodes]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    # Leave room on the right for the labels of the rightmost nodes.
    cols = max(1, canvas.width - min(12, canvas.width // 4))
    rows = max(1, canvas.height)

    def cell(node: PicNode) -> tuple[int, int]:
        fx = (node.x - x0) / (x1 - x0) if x1 > x0 else 0.5
        # Picture y grows upwards (matplotlib); terminal rows grow downwards.
        fy = (y1 - node.y) / (y1 - y0) if y1 > y0 else 0.5
        return round(fx * (cols - 1)), round(fy * (rows - 1))

    at = {n.id: cell(n) for n in picture.nodes}
    # Recorded links first, then stale, then gaps, so the missing contacts are drawn last.
    for edge in sorted(picture.edges, key=lambda e: _RANK[e.style]):
        if edge.source in at and edge.target in at:
            (ca, ra), (cb, rb) = at[edge.source], at[edge.target]
            canvas.line((ca * 2, ra * 4 + 1), (cb * 2, rb * 4 + 1), edge.style)
    # Markers first (they must all show), then labels into the room left on their row.
    occupied: dict[int, list[int]] = {}
    for node in picture.nodes:
        col, row = at[node.id]
        occupied.setdefault(row, []).append(col)
    for node in picture.nodes:
        col, row = at[node.id]
        style = CATEGORY_STYLE.get(node.category, "white")
        marker_style = f"{style} reverse" if node.role is NodeRole.FOCUS else style
        if node.gaps_high:
            marker_style = f"{marker_style} underline"
        canvas.write(col, row, _marker(node), marker_style)
    for node in sorted(picture.nodes, key=lambda n: at[n.id]):
        col, row = at[node.id]
        following = [c for c in occupied[row] if c > col]
        room = (min(following) if following else canvas.width) - col - 2
        label = _short(node)
        if room >= 3:
            shown = label if len(label) <= room else label[: room - 1] + "…"
            canvas.write(col + 1, row, shown, CATEGORY_STYLE.get(node.category, "white"))
    return canvas.lines()
