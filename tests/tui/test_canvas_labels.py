"""Labels of the terminal network picture: legible, never on top of one another (issue 10).

Model-level: the core's real layout (``picture_of_area``, ``picture_around``) of
the Temanggung demo and of synthetic rings, laid out at the canvas sizes the
network screen has at 80×24 (80×15 cells) and 160×48 (98×45 cells).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from sinergi_graph.drawing import Picture, picture_around, picture_of_area
from sinergi_graph.gaps import find_gaps
from sinergi_graph.graph import build_graph
from sinergi_graph.kinds import load_catalogue
from sinergi_graph.rules import load_rules
from sinergi_graph.store.embedded import EmbeddedStore
from tui.model.canvas import Drawing, lay_out

#: The picture's cells on the network screen at 80×24 and at 160×48 (measured with Pilot).
CANVASES = [pytest.param((80, 15), id="80x24"), pytest.param((98, 45), id="160x48")]
KIND_WORDS = {"PKD", "Kepala Desa", "Kades", "Lurah", "Perangkat Desa"}


def _variants_ok(label: str, name: str) -> bool:
    """``label`` is the name, or a shortening that keeps its first and last words."""
    if label == name:
        return True
    first, last = name.split()[0], name.split()[-1]
    return (
        not label.endswith("…")
        and label.split()[0] in (first, "Kades")
        and label.split()[-1] == last
    )


def assert_legible(drawing: Drawing, picture: Picture) -> None:
    cols = drawing.key_col - 1 if drawing.key_col is not None else drawing.width
    # Every marker has its own cell, inside the picture.
    spots = list(drawing.cells.values())
    assert len(set(spots)) == len(spots) == len(picture.nodes)
    assert all(0 <= c < cols and 0 <= r < drawing.height for c, r in spots)
    markers = set(spots)
    taken: dict[tuple[int, int], str] = {}
    for placed in drawing.labels:
        cells = [(c, placed.row) for c in placed.cells]
        assert all(0 <= c < cols and 0 <= r < drawing.height for c, r in cells), placed
        assert not markers & set(cells), f"{placed.text!r} covers a marker"
        for cell in cells:
            assert cell not in taken, f"{placed.text!r} overlaps {taken[cell]!r}"
            taken[cell] = placed.text
    for placed in drawing.labels:
        # One blank cell at least between two texts on a row: words never run together.
        for c in (placed.col - 1, placed.col + len(placed.text)):
            assert (c, placed.row) not in taken, (
                f"{placed.text!r} touches {taken[(c, placed.row)]!r}"
            )
        # Drawn where the layout says, and beside its own marker (at most one row off).
        line = drawing.lines[placed.row].plain
        assert line[placed.col : placed.col + len(placed.text)] == placed.text
        col, row = drawing.cells[placed.node]
        assert abs(row - placed.row) <= 1
        assert placed.col - 1 <= col + 1 and col - 1 <= placed.col + len(placed.text)
    # Names are never cut; what is not on the picture is in the key, by a number drawn there.
    by_node = {n.id: n for n in picture.nodes}
    numbers = {p.text: p.node for p in drawing.labels if p.number}
    for placed in drawing.labels:
        node = by_node[placed.node]
        if not placed.number and node.label.strip():
            shown = " ".join(node.label.split())
            assert placed.text in KIND_WORDS or _variants_ok(placed.text, shown), placed
    labelled = {p.node for p in drawing.labels if not p.number}
    for number, _name in drawing.key:
        assert number in numbers, f"key entry {number} has no number on the picture"
    in_key = {numbers[n] for n, _ in drawing.key}
    nowhere = [
        n.label
        for n in picture.nodes
        if n.label.strip() and not n.group and n.id not in labelled and n.id not in in_key
    ]
    # The kind words inside the desa groups that found no room are counted, not lost.
    kinds = [n.id for n in picture.nodes if n.group and n.label.strip()]
    assert drawing.left_out == sum(1 for k in kinds if k not in labelled)
    # Those are counted at the key's foot ("… dan 3 lagi"), never silently dropped.
    assert len(nowhere) <= drawing.unnamed
    if drawing.unnamed:
        assert drawing.key_col is not None or drawing.width < 48
        if drawing.key_col is not None:
            foot = "\n".join(line.plain[drawing.key_col :] for line in drawing.lines)
            assert f"dan {drawing.unnamed} lagi" in foot or f"and {drawing.unnamed} more" in foot


@pytest.fixture(scope="module")
def temanggung_pictures(demo_templates: dict[str, Path]) -> dict[str, Picture]:
    store = EmbeddedStore(demo_templates["33.23"])
    try:
        rows = store.network_rows()
    finally:
        store.close()
    catalogue = load_catalogue(None)
    day = date(2024, 6, 1)
    G = build_graph(rows, catalogue=catalogue, as_of=day)
    gaps = find_gaps(G, load_rules(None, catalogue), as_of=day)
    area = "33.23.01"
    in_area = [g for g in gaps if g.area.startswith(area)]
    ppk = next(n for n, d in G.nodes(data=True) if d.get("kind") == "PPK" and d["area"] == area)
    return {
        "kecamatan": picture_of_area(G, in_area, area, lang="id", catalogue=catalogue),
        "around-ppk": picture_around(G, gaps, ppk, lang="id", catalogue=catalogue, area=area),
        "kabupaten": picture_of_area(G, gaps, "33.23", lang="en", catalogue=catalogue),
    }


@pytest.mark.parametrize("size", CANVASES)
@pytest.mark.parametrize("which", ["kecamatan", "around-ppk", "kabupaten"])
def test_temanggung_labels_never_overlap(temanggung_pictures, which, size):
    picture = temanggung_pictures[which]
    drawing = lay_out(picture, *size)
    assert_legible(drawing, picture)
    names = {p.text for p in drawing.labels} | {name for _, name in drawing.key}
    if which == "kecamatan":
        # The kecamatan's own bodies are named, on the picture or in the key; desa names too.
        assert any("PPK" in n for n in names)
        assert any("Bulu" in n for n in names)
        if size == (98, 45):
            assert not drawing.key, "at 160×48 every name fits on the picture"


def _ring(n: int) -> Picture:
    """A PPS with ``n`` partners on a ring (the core's ``picture_around``)."""
    G = nx.Graph()
    kinds = ["PPK", "KADES", "PKD", "PPS", "CAMAT", "KAPOLSEK"]
    G.add_node("focus", kind="PPS", name="PPS Kelurahan Sumberwungu", area="34.03.07.2002")
    for i in range(n):
        kind = kinds[i % len(kinds)]
        name = f"{kind.title()} Kelurahan Desa{'a' * (i % 7)} {i}"
        G.add_node(f"n{i}", kind=kind, name=name, area="34.03.07.2002", category="pemerintah")
        G.add_edge("focus", f"n{i}", count=1)
    return picture_around(G, [], "focus", lang="id")


@pytest.mark.parametrize("size", CANVASES)
def test_rings_of_5_to_40_nodes_keep_their_labels_apart(size):
    for n in range(5, 41):
        picture = _ring(n)
        drawing = lay_out(picture, *size)
        assert_legible(drawing, picture)
        if n <= 12:
            assert not drawing.key, f"a ring of {n} has room for every name at {size}"
