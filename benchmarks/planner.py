"""What a national planner waits for: metrics, simulation set-up and memory, with baselines.

On the national demo (``sinergi demo --region ID``: ~600k actors) this prints,
each beside a baseline measured in the same run:

* betweenness from 100 seeded sources (target ≤ 10 s) against networkx's own
  ``betweenness_centrality`` on a few sources, scaled to 100;
* PageRank, exact (target ≤ 10 s, within 1e-9 of the exact solution) against
  networkx's pure-Python power iteration at its default tolerance, with the
  error each leaves;
* Louvain (target ≤ 10 s) against networkx's Louvain on one province, and
  ours on that province too, so the ratio is like for like;
* single points of failure (target ≤ 10 s) against networkx's
  ``biconnected_components`` alone (the first of its steps);
* simulation set-up (target ≤ 1 s) on a graph whose gap list is known (as the
  TUI and the CLI start it), beside the cold set-up and the gap list itself,
  and one-link re-evaluation (target < 1 ms);
* the refresh of the loaded network, graph and gap list after an edit, an
  apply or an undo (target ≤ 0.5 s) against the full reload (read, build,
  gap list) the TUI did before;
* the process's peak memory (target ≤ 3 GiB).

Usage::

    python benchmarks/planner.py [--db FILE] [--province 33] [--skip-baselines]
                                 [--skip-metrics]

Without ``--db`` (or when the file does not exist) the national demo is built
into a temporary store first (a few minutes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from sinergi_graph.analysis import communities, metrics, resilience
from sinergi_graph.analysis.simulation import AddLink, Simulation
from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.gaps import find_gaps
from sinergi_graph.graph import build_graph
from sinergi_graph.live import load_live, refresh
from sinergi_graph.models import Actor, ChangeSet, CoordinationLink
from sinergi_graph.rules import default_rules
from sinergi_graph.store.embedded import EmbeddedStore

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def line(name: str, seconds: float, target: str, baseline: str = "") -> None:
    print(f"  {name:<34} {seconds:9.3f} s   target {target:<8} {baseline}", flush=True)


def province_of(G: nx.Graph, code: str) -> nx.Graph:
    keep = [n for n, a in G.nodes(data="area") if isinstance(a, str) and a.startswith(code)]
    return G.subgraph(keep).copy()


def bench_metrics(G: nx.Graph, province: str, baselines: bool, seed: int) -> None:
    n = G.number_of_nodes()
    print(f"metrics on {n:,} institution nodes, {G.number_of_edges():,} edges", flush=True)
    btw, seconds = timed(lambda: metrics.betweenness(G, k=100, seed=seed))
    base = ""
    if baselines:
        few = 2
        _, nx_seconds = timed(lambda: nx.betweenness_centrality(G, k=few, seed=seed))
        base = f"networkx {few} sources {nx_seconds:.1f} s → 100 sources ≈ {nx_seconds * 50:.0f} s"
    line(f"betweenness k=100 ({'exact' if btw.exact else 'sampled'})", seconds, "≤ 10 s", base)

    pr, seconds = timed(lambda: metrics.pagerank(G))
    base = ""
    if baselines:
        ref, nx_seconds = timed(lambda: _pagerank_python(G, weight="count"))
        err = max(abs(pr[u] - ref[u]) for u in G)
        base = f"networkx power iteration {nx_seconds:.1f} s (max |Δ| vs ours {err:.1e})"
    line("pagerank (exact)", seconds, "≤ 10 s", base)

    _, seconds = timed(lambda: communities.louvain(G, seed=seed))
    line("louvain national", seconds, "≤ 10 s")
    if baselines:
        P = province_of(G, province)
        _, ours = timed(lambda: communities.louvain(P, seed=seed))
        _, theirs = timed(lambda: nx.community.louvain_communities(P, weight="count", seed=seed))
        line(
            f"louvain province {province} ({P.number_of_nodes():,})",
            ours,
            "",
            f"networkx {theirs:.1f} s ({theirs / max(ours, 1e-9):.0f}× slower)",
        )

    _, seconds = timed(lambda: resilience.single_points_of_failure(G))
    base = ""
    if baselines:
        # Only the first step of a networkx implementation (the blocks; the tree
        # and the walk come on top), with the collector paused as ours runs.
        with cycle_collector_paused():
            _, nx_seconds = timed(lambda: sum(1 for _ in nx.biconnected_components(G)))
        base = f"networkx biconnected_components alone {nx_seconds:.1f} s"
    line("single points of failure", seconds, "≤ 10 s", base)


def bench_simulation(rows: Any, G: nx.Graph, seed: int) -> list[Any]:
    """Set-up cold and after the gap list, one-link re-evaluation; returns the gap list."""
    rules = default_rules()
    # Cold: nothing evaluated on G yet; the first result evaluates the baseline.
    cold, seconds = timed(lambda: Simulation(rows, rules, graph=G))
    _, first = timed(cold.result)
    line("simulation set-up, cold", seconds + first, "", "incl. the first gap list of G")
    gaps, full = timed(lambda: find_gaps(G, rules))
    line("gap list (find_gaps), baseline", full, "")
    # As the TUI and `sinergi simulate` start it: on a graph whose gaps are known.
    sim, seconds = timed(lambda: Simulation(rows, rules, graph=G))
    _, first = timed(sim.result)
    line(
        "simulation set-up",
        seconds + first,
        "≤ 1 s",
        f"set-up {seconds * 1000:.0f} ms + first result {first * 1000:.0f} ms",
    )
    _, seconds = timed(sim.prepare)
    line("record indexes (first removal)", seconds, "", "once per network")
    rng = random.Random(seed)
    pps = [a.id for a in rows.actors if a.kind == "PPS"]
    kades = [a.id for a in rows.actors if a.kind in ("KADES", "LURAH")]
    times = []
    for _ in range(20):
        _, s = timed(lambda: sim.apply(AddLink(source=rng.choice(pps), target=rng.choice(kades))))
        times.append(s)
    times.sort()
    median = times[len(times) // 2]
    line("one-link re-evaluation (median)", median, "< 1 ms", f"{median * 1000:.3f} ms")
    return gaps


def edits(rows: Any, rng: random.Random) -> list[tuple[str, ChangeSet]]:
    """Change sets as the TUI's apply, undo and forms give them to the store."""
    by_kind: dict[str, list[Any]] = {}
    for a in rows.actors:
        by_kind.setdefault(a.kind, []).append(a)

    def actor(row: Any, **update: Any) -> Actor:
        fields = {"id": row.id, "kind": row.kind, "name": row.name, "area": row.area}
        return Actor(**{**fields, "member_of": row.member_of, **update})

    pps, kades = rng.choice(by_kind["PPS"]), rng.choice(by_kind["KADES"])
    person = rng.choice(by_kind["PERSON"])
    link = CoordinationLink.create(pps.id, kades.id, "RAPAT", dt.date(2024, 1, 5), "DPTb")
    moved = actor(person, member_of=rng.choice(by_kind["PPS"]).id)
    return [
        ("record a link", ChangeSet(upsert_links=(link,))),
        ("undo it", ChangeSet(delete_link_ids=(link.id,))),
        ("rename an institution", ChangeSet(upsert_actors=(actor(pps, name=pps.name + " X"),))),
        ("move a member", ChangeSet(upsert_actors=(moved,))),
        ("remove a kepala desa", ChangeSet(delete_actor_ids=(kades.id,))),
    ]


def bench_refresh(rows: Any, G: nx.Graph, gaps: list[Any], reload_s: float, seed: int) -> None:
    """The network, graph and gap list after an edit, against the full reload the TUI did."""
    live, seconds = timed(lambda: load_live(rows, default_rules(), graph=G, gaps=gaps))
    line("refresh indexes (once per full load)", seconds, "")
    times = []
    for label, changes in edits(rows, random.Random(seed)):
        start = time.perf_counter()
        live = refresh(live, changes)
        s = time.perf_counter() - start
        times.append(s)
        line(f"  refresh: {label}", s, "")
    times.sort()
    line(
        "refresh after an edit (median)",
        times[len(times) // 2],
        "≤ 0.5 s",
        f"full reload {reload_s:.1f} s (read + build + gap list)",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--province", default="33")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-baselines", action="store_true")
    parser.add_argument("--skip-metrics", action="store_true", help="Only simulation and refresh.")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="sinergi-planner-")) / "net.db"
    if not db.exists():
        print(f"building the national demo into {db} ...", flush=True)
        cmd = [sys.executable, "-m", "sinergi_graph", "--db", str(db), "demo", "--region", "ID"]
        subprocess.run(cmd, check=True)
    store = EmbeddedStore(db)
    rows, rows_s = timed(store.network_rows)
    store.close()
    line(f"load rows ({len(rows.actors):,} actors)", rows_s, "")
    G, graph_s = timed(lambda: build_graph(rows))
    line("build graph", graph_s, "")
    reload_s = rows_s + graph_s
    if not args.skip_metrics:
        bench_metrics(G, args.province, not args.skip_baselines, args.seed)
    gaps = bench_simulation(rows, G, args.seed)
    _, gaps_s = timed(lambda: find_gaps(G, default_rules()))
    bench_refresh(rows, G, gaps, reload_s + gaps_s, args.seed)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print(f"  {'peak memory':<34} {peak:9.2f} GiB target ≤ 3 GiB", flush=True)


if __name__ == "__main__":
    main()
