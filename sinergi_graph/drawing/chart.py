"""The per-kecamatan gap chart of the report: stacked horizontal bars by severity."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Literal

from sinergi_graph.i18n import t

__all__ = ["SEVERITY_COLOURS", "severity_chart"]

SEVERITY_COLOURS = {"high": "#D62728", "medium": "#FF9F1C", "low": "#F2D16B"}


def severity_chart(
    rows: Sequence[tuple[str, int, int, int]],
    lang: str,
    fmt: Literal["png", "svg"] = "png",
    *,
    title: str = "",
    dpi: int = 150,
) -> bytes:
    """A bar per ``(name, high, medium, low)`` row, worst on top, as PNG or SVG bytes."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    ordered = sorted(rows, key=lambda r: (r[1] + r[2] + r[3], r[0]))
    height = max(2.5, 0.28 * len(ordered) + 1.2)
    settings: dict[str, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": "sinergi",
        "font.family": "DejaVu Sans",
    }
    with matplotlib.rc_context(settings):  # type: ignore[arg-type]
        fig = Figure(figsize=(9.0, height), dpi=dpi, layout="constrained")
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        names = [r[0] for r in ordered]
        left = [0] * len(ordered)
        for i, severity in enumerate(("high", "medium", "low")):
            values = [(r[1], r[2], r[3])[i] for r in ordered]
            ax.barh(
                names,
                values,
                left=left,
                color=SEVERITY_COLOURS[severity],
                label=t(f"severity_{severity}", lang),
            )
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_xlabel(t("report_col_gaps", lang))
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.tick_params(axis="y", labelsize=8)
        ax.legend(loc="lower right", frameon=False)
        if title:
            ax.set_title(title, loc="left", fontsize=11)
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
    return buffer.getvalue()
