"""What the network view shows: a picture of an area or of one actor's neighbourhood,
and the per-kecamatan recap of the report (coverage shares, gaps by severity)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sinergi_graph.drawing import Picture, picture_around, picture_of_area
from sinergi_graph.report.build import summarise
from sinergi_graph.report.model import SummaryRow
from tui.model.network import Network

if TYPE_CHECKING:
    from sinergi_graph.kinds import KindCatalogue
    from sinergi_graph.rules import Rule
    from tui.model.gaps import GapIndex

__all__ = ["KECAMATAN_LEN", "NetView", "forkopimcam_share", "load_netview", "share"]

#: Length of a kecamatan code (``33.23.01``): the recap is per kecamatan.
KECAMATAN_LEN = 8


@dataclass(frozen=True, slots=True)
class NetView:
    """A picture with the recap of the area it lies in."""

    picture: Picture
    area: str
    actor: str | None
    rows: tuple[SummaryRow, ...]
    total: SummaryRow


def share(part: int | None, whole: int | None) -> str:
    """``"2/3 (67%)"``; ``"–"`` when the rule is off or there is nothing to count."""
    if part is None or not whole:
        return "–"
    return f"{part}/{whole} ({round(100 * part / whole)}%)"


def forkopimcam_share(row: SummaryRow) -> str:
    """PPK contacts with camat, kapolsek and danramil, of all those required."""
    parts = [row.ppk_camat, row.ppk_kapolsek, row.ppk_danramil]
    counted = [p for p in parts if p is not None]
    if not counted or not row.ppk:
        return "–"
    return share(sum(counted), row.ppk * len(counted))


def load_netview(
    network: Network,
    gaps: GapIndex,
    rules: Sequence[Rule],
    catalogue: KindCatalogue,
    lang: str,
    *,
    area: str,
    actor: str | None = None,
) -> NetView:
    """The picture around ``actor`` (when given) or of ``area``, with the recap.

    The recap covers the actor's kecamatan (or ``area``); for an area finer
    than a kecamatan, its kecamatan.
    """
    G = network.graph
    if actor is not None:
        node = network.node_of(actor) or actor
        home = str(G.nodes[node].get("area") or area) if node in G else area
        recap = home[:KECAMATAN_LEN] if len(home) >= KECAMATAN_LEN else home
        in_recap = gaps.in_area(recap)
        picture = picture_around(G, gaps.gaps, node, lang=lang, catalogue=catalogue, area=recap)
    else:
        recap = area[:KECAMATAN_LEN] if len(area) > KECAMATAN_LEN else area
        in_recap = gaps.in_area(recap)
        picture = picture_of_area(G, gaps.in_area(area), area, lang=lang, catalogue=catalogue)
    rows, total = summarise(G, in_recap, recap, rules, lang)
    return NetView(picture, recap, actor, tuple(rows), total)
