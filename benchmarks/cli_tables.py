"""CLI tables at 80 columns: the layout of a national gap list, and what it costs.

``sinergi gaps --limit 0`` at national scale prints one row per gap. The widths
are chosen by counting the lines each choice would take (``cli/widths.py``);
this script times that choice for 50 rows (the default ``--limit``) up to every
desa of the country, beside the baseline of the same run: measuring the
longest cell and word of each column, which any layout must do, and Rich
rendering the table, which the user waits for anyway. It also prints the lines
the table takes with the chosen widths and with the widths shared in
proportion (the layout before), so the saving is a figure, not a claim.

The rows are made from the official area list: a PPS and a kepala desa for
every desa, with the reasons ``sinergi gaps`` gives.

Usage: ``python3 benchmarks/cli_tables.py [--width 80]``
"""

from __future__ import annotations

import argparse
import io
import itertools
import time

from rich.console import Console

from sinergi_graph.areas import load_areas
from sinergi_graph.cli import widths
from sinergi_graph.cli.widths import (
    _measure,
    _share,
    boxed_room,
    compact_room,
    plan_layout,
    table_lines,
)

REASONS = ("belum kontak", "kontak lama (> 120 hari)", "kontak lama (tenggat 16 Februari 2023)")
HEADERS = ("aturan", "tingkat", "alasan", "subjek", "wilayah", "mitra")
WHOLE = (0, 1, 4)  # rule, severity and area code never wrap


def gap_columns(count: int) -> list[list[str]]:
    areas = load_areas()
    desa = [a for a in areas if len(a.code) == 13][:count]
    rows = [
        (
            "pps-kades",
            "tinggi",
            REASONS[i % 3],
            f"PPS Desa {a.name}",
            a.code,
            f"Kepala Desa {a.name}",
        )
        for i, a in enumerate(itertools.islice(itertools.cycle(desa), count))
    ]
    return [[h, *(r[i] for r in rows)] for i, h in enumerate(HEADERS)]


def timed(job, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = job()
        best = min(best, time.perf_counter() - start)
    return best, result


def render(columns: list[list[str]], layout_widths: list[int] | None, width: int) -> float:
    from rich.table import Table

    table = Table()
    for i, col in enumerate(columns):
        w = layout_widths[i] if layout_widths is not None else None
        table.add_column(col[0], width=w, no_wrap=i in WHOLE, overflow="fold")
    for r in range(1, len(columns[0])):
        table.add_row(*(col[r] for col in columns))
    console = Console(file=io.StringIO(), width=width)
    start = time.perf_counter()
    console.print(table)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=80)
    args = parser.parse_args()
    print(f"layout rows: the line counts are taken on the first {widths.LAYOUT_ROWS} rows")
    print("lines: what the first rows take, chosen widths vs widths shared in proportion")
    print(f"{'rows':>8} {'measure (baseline)':>19} {'layout':>9} {'rich render':>12} "
          f"{'lines, chosen':>14} {'lines, proportional':>20}")  # fmt: skip
    for count in (50, 1_000, 10_000, 83_000):
        columns = gap_columns(count)
        repeat = 5 if count <= 1_000 else 1
        base, measured = timed(lambda c=columns: _measure(c, WHOLE), repeat)
        took, layout = timed(lambda c=columns: plan_layout(c, args.width, whole=WHOLE), repeat)
        drawn = render(columns, layout.widths, args.width) if count <= 10_000 else float("nan")
        # The layout before: least widths, the spare shared in proportion to what each lacks.
        natural, least = measured  # type: ignore[misc]
        old = list(least)
        # (in the same room as the chosen layout: boxed or unboxed)
        room = (compact_room if layout.compact else boxed_room)(args.width, len(columns))
        _share(old, natural, room - sum(old))
        sample = [col[: widths.LAYOUT_ROWS] for col in columns]
        print(
            f"{count:>8,} {base * 1000:>16.1f} ms {took * 1000:>6.1f} ms {drawn * 1000:>9.0f} ms "
            f"{table_lines(sample, layout.widths):>14} {table_lines(sample, old):>20}"
        )


if __name__ == "__main__":
    main()
