"""Render a :class:`~sinergi_graph.drawing.model.Picture` to PNG or SVG with matplotlib.

Only the Agg canvas is used (no pyplot, no display, no global figure state),
so rendering works on a server and in worker threads. SVG text stays text
(``svg.fonttype = none``) so the legend and labels can be searched and read
by tests, and the SVG is deterministic (fixed hash salt, no date).
"""

from __future__ import annotations

import io
import math
from typing import Any, Literal

from sinergi_graph.drawing.model import EdgeStyle, NodeRole, Picture
from sinergi_graph.i18n import t
from sinergi_graph.kinds import Category

__all__ = ["CATEGORY_COLOURS", "GAP_COLOUR", "STALE_COLOUR", "render"]

# Okabe–Ito colours, readable by colour-blind readers; red is kept for missing contacts.
CATEGORY_COLOURS: dict[str, str] = {
    Category.PENYELENGGARA.value: "#0072B2",
    Category.PENGAWAS.value: "#E69F00",
    Category.PEMERINTAH.value: "#009E73",
    Category.KEAMANAN.value: "#7B4FA0",
    Category.KESEHATAN.value: "#CC79A7",
    Category.PESERTA.value: "#F0E442",
    Category.MEDIA.value: "#56B4E9",
    Category.MASYARAKAT.value: "#A0A0A0",
}
GAP_COLOUR = "#D62728"
STALE_COLOUR = "#B8860B"
LINK_COLOUR = "#8C8C8C"


def _cluster_colour(gaps: int, most: int) -> str:
    """Light to dark red by gaps relative to the worst cluster, so it stands out."""
    density = min(gaps / most, 1.0) if most else 0.0
    # Interpolate between a pale rose and the gap red.
    low, high = (0xFB, 0xE3, 0xE3), (0xD6, 0x27, 0x28)
    rgb = [round(lo + (hi - lo) * density) for lo, hi in zip(low, high, strict=True)]
    return "#" + "".join(f"{c:02X}" for c in rgb)


def render(picture: Picture, fmt: Literal["png", "svg"], *, dpi: int = 150) -> bytes:
    """The picture as PNG or SVG bytes (A4 landscape proportions, legend on the right)."""
    import matplotlib

    # Never pick an interactive backend, whatever the environment says.
    matplotlib.use("Agg", force=True)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    lang = picture.lang
    settings: dict[str, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": "sinergi",
        "font.family": "DejaVu Sans",
    }
    with matplotlib.rc_context(settings):  # type: ignore[arg-type]
        fig = Figure(figsize=(16.5, 11.0), dpi=dpi)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.01, 0.02, 0.72, 0.88))
        ax.set_axis_off()
        ax.set_aspect("equal")
        pos = {n.id: (n.x, n.y) for n in picture.nodes}
        span = max((max(abs(x), abs(y)) for x, y in pos.values()), default=1.0) + 0.25
        for c in picture.captions:
            span = max(span, abs(c.x) + 0.2, abs(c.y) + 0.12)
        ax.set_xlim(-span, span)
        ax.set_ylim(-span, span)

        members_of: dict[str, list[tuple[float, float]]] = {}
        for n in picture.nodes:
            if n.group:
                members_of.setdefault(n.group, []).append((n.x, n.y))
        centres = {
            g: (sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps))
            for g, ps in members_of.items()
        }
        most_gaps = max((n.gaps for n in picture.nodes if n.role is NodeRole.CLUSTER), default=0)
        top_weight = max((e.weight for e in picture.edges if e.style is EdgeStyle.LINK), default=1)
        for style, colour, dash, z in (
            (EdgeStyle.LINK, LINK_COLOUR, "solid", 1),
            (EdgeStyle.STALE, STALE_COLOUR, (0, (1, 1.5)), 2),
            (EdgeStyle.GAP, GAP_COLOUR, (0, (4, 2.5)), 3),
        ):
            chosen = [e for e in picture.edges if e.style is style]
            if not chosen:
                continue
            segments = [(pos[e.source], pos[e.target]) for e in chosen]
            if style is EdgeStyle.LINK:
                widths = [0.6 + 2.4 * math.log1p(e.weight) / math.log1p(top_weight) for e in chosen]
                alpha = 0.55
            else:
                widths = [1.6 + (1.2 if picture.aggregated and e.weight > 1 else 0) for e in chosen]
                alpha = 0.9
            ax.add_collection(
                LineCollection(
                    segments,
                    colors=colour,
                    linewidths=widths,
                    linestyles=dash,
                    alpha=alpha,
                    zorder=z,
                )
            )
            if picture.aggregated and style is not EdgeStyle.LINK:
                for e in chosen:
                    (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
                    ax.text(
                        x1 + (x2 - x1) * 0.62,
                        y1 + (y2 - y1) * 0.62,
                        str(e.weight),
                        fontsize=7,
                        color=colour,
                        ha="center",
                        va="center",
                        zorder=6,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"},
                    )

        for node in picture.nodes:
            x, y = node.x, node.y
            if node.role is NodeRole.CLUSTER:
                size = 900 + 35 * node.members
                ax.scatter(
                    [x],
                    [y],
                    s=size,
                    c=_cluster_colour(node.gaps, most_gaps),
                    edgecolors="#5A1010",
                    linewidths=1.2,
                    zorder=4,
                )
                ax.text(x, y, node.label, fontsize=7, ha="center", va="center", zorder=7)
                continue
            colour = CATEGORY_COLOURS.get(node.category, CATEGORY_COLOURS["masyarakat"])
            size = 260 if node.election_body else 120
            if node.role is NodeRole.FOCUS:
                size = 520
            marker = "s" if node.election_body else "o"
            edge = "#1A1A1A" if node.election_body else "white"
            ax.scatter(
                [x],
                [y],
                s=size,
                c=colour,
                marker=marker,
                edgecolors=edge,
                linewidths=2.0 if node.election_body else 0.8,
                alpha=0.75 if node.role is NodeRole.OUTSIDE else 1.0,
                zorder=4,
            )
            if node.no_counterpart:
                ax.scatter(
                    [x], [y], s=size * 2.4, facecolors="none", edgecolors=GAP_COLOUR,
                    linewidths=1.6, linestyles="dashed", zorder=5,
                )  # fmt: skip
            if node.gaps:
                # A red badge with the number of gaps whose subject this institution is.
                bx, by = x + 0.028, y + 0.028
                ax.scatter(
                    [bx], [by], s=110, c=GAP_COLOUR, edgecolors="white", linewidths=0.8, zorder=8
                )
                ax.text(bx, by, str(node.gaps), fontsize=6, color="white", fontweight="bold",
                        ha="center", va="center", zorder=9)  # fmt: skip
            # Labels sit outside their node, away from the centre of its group (or picture).
            gx, gy = centres.get(node.group, (0.0, 0.0))
            r = math.hypot(x - gx, y - gy)
            dx, dy = ((x - gx) / r, (y - gy) / r) if r > 1e-6 else (0.0, -1.0)
            ax.text(
                x + dx * 0.045,
                y + dy * 0.045,
                node.label,
                fontsize=7.5 if node.role is not NodeRole.ACTOR or node.election_body else 6.5,
                fontweight="bold" if node.election_body else "normal",
                ha="left" if dx > 0.3 else "right" if dx < -0.3 else "center",
                va="bottom" if dy > 0.3 else "top" if dy < -0.3 else "center",
                zorder=7,
            )
        for caption in picture.captions:
            ax.text(
                caption.x,
                caption.y,
                caption.text,
                fontsize=8.5,
                fontweight="bold",
                color="#333333",
                ha="center",
                va="center",
                zorder=7,
            )

        fig.text(0.01, 0.965, picture.title, fontsize=17, fontweight="bold", va="center")
        fig.text(0.01, 0.93, picture.subtitle, fontsize=11, color="#444444", va="center")

        handles = []
        present = {n.category for n in picture.nodes if n.role is not NodeRole.CLUSTER}
        for category in Category:
            if category.value not in present:
                continue
            handles.append(
                Line2D(
                    [], [], marker="o", linestyle="none", markersize=9,
                    markerfacecolor=CATEGORY_COLOURS[category.value], markeredgecolor="white",
                    label=t(f"draw_category_{category.value}", lang),
                )
            )  # fmt: skip
        handles.append(
            Line2D(
                [], [], marker="s", linestyle="none", markersize=10, markerfacecolor="white",
                markeredgecolor="#1A1A1A", markeredgewidth=2, label=t("draw_legend_election", lang),
            )
        )  # fmt: skip
        if picture.aggregated:
            handles.append(
                Line2D(
                    [], [], marker="o", linestyle="none", markersize=14,
                    markerfacecolor=_cluster_colour(1, 2), markeredgecolor="#5A1010",
                    label=t("draw_legend_cluster", lang),
                )
            )  # fmt: skip
        if any(n.gaps for n in picture.nodes if n.role is not NodeRole.CLUSTER):
            handles.append(
                Line2D(
                    [], [], marker="o", linestyle="none", markersize=10, markerfacecolor=GAP_COLOUR,
                    markeredgecolor="white", label=t("draw_legend_badge", lang),
                )
            )  # fmt: skip
        handles.append(Line2D([], [], color=LINK_COLOUR, lw=2, label=t("draw_legend_link", lang)))
        handles.append(
            Line2D(
                [], [], color=GAP_COLOUR, lw=2, linestyle=(0, (4, 2.5)),
                label=t("draw_legend_gap", lang),
            )
        )  # fmt: skip
        if any(e.style is EdgeStyle.STALE for e in picture.edges):
            handles.append(
                Line2D(
                    [], [], color=STALE_COLOUR, lw=2, linestyle=(0, (1, 1.5)),
                    label=t("draw_legend_stale", lang),
                )
            )  # fmt: skip
        if any(n.no_counterpart for n in picture.nodes):
            handles.append(
                Line2D(
                    [], [], marker="o", linestyle="none", markersize=14, markerfacecolor="none",
                    markeredgecolor=GAP_COLOUR, label=t("draw_legend_no_counterpart", lang),
                )
            )  # fmt: skip
        fig.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(0.73, 0.88),
            frameon=False,
            fontsize=10,
            title=t("draw_legend_title", lang),
            title_fontsize=11,
            alignment="left",
            labelspacing=1.0,
        )
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return buffer.getvalue()
