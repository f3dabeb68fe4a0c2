"""Simulation and analysis at national scale: incremental vs full gap evaluation.

On the national demo network (``sinergi demo --region ID``, ~600k actors,
~300k institution nodes) this prints, measured in one run:

* a full gap evaluation (``find_gaps`` over every rule and subject);
* one incremental re-evaluation after adding one link (many single links,
  each timed on its own), and the ratio full / incremental;
* a 100-change scenario (adds, removals of links and actors, new actors),
  applied change by change, and the ratio;
* a check that the incremental gap list equals a full evaluation afterwards;
* which metrics are feasible at national scale, with the approximation used
  and the time each took.

Targets: one-link re-evaluation ≤ 50 ms and ≥ 50× faster than the full one.

Usage::

    python benchmarks/simulation.py [--db FILE] [--region ID] [--links 50]
                                    [--k 16] [--skip-metrics]

Without ``--db`` (or when the file does not exist) the demo network of
``--region`` is built into a temporary store first.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sinergi_graph.analysis import (
    brokerage,
    communities,
    metrics,
    reach,
    recommend,
    resilience,
)
from sinergi_graph.analysis.reach import area_subgraph as restrict
from sinergi_graph.analysis.simulation import (
    AddActor,
    AddLink,
    Change,
    RemoveActor,
    RemoveLink,
    Simulation,
)
from sinergi_graph.gaps import Reason, find_gaps
from sinergi_graph.graph import build_graph
from sinergi_graph.models import NetworkRows
from sinergi_graph.rules import default_rules
from sinergi_graph.store.embedded import EmbeddedStore

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.2f} ms"


def one_link_changes(sim: Simulation, n: int, rng: random.Random) -> list[AddLink]:
    """Links that close a ``no_contact`` gap each, from different subjects."""
    gaps = [g for g in sim.gaps() if g.reason is Reason.NO_CONTACT]
    chosen = rng.sample(gaps, min(n, len(gaps)))
    return [AddLink(source=g.subject_id, target=g.counterpart_ids[0]) for g in chosen]


def scenario_changes(sim: Simulation, rows: NetworkRows, rng: random.Random) -> list[Change]:
    """100 mixed changes: 60 new links, 15 dropped links, 15 departures, 10 new actors."""
    G = sim.G
    changes: list[Change] = list(one_link_changes(sim, 60, rng))
    changes += [RemoveLink(link_id=link.id) for link in rng.sample(rows.links, 15)]
    institutions = [n for n, d in G.nodes(data=True) if d.get("kind") in ("KADES", "CAMAT", "PPK")]
    people = [a.id for a in rows.actors if a.member_of]
    gone = rng.sample(institutions, 8) + rng.sample(people, 7)
    gone_set = set(gone)
    changes += [RemoveActor(actor_id=x) for x in gone]
    areas = [d["area"] for n, d in G.nodes(data=True) if d.get("kind") == "PPK"]
    for i, area in enumerate(rng.sample(areas, 10)):
        changes.append(
            AddActor(id=f"BENCH-PKM-{i}", kind="PUSKESMAS", name=f"Puskesmas {i}", area=area)
        )
    removed_links = {c.link_id for c in changes if isinstance(c, RemoveLink)}
    # Keep the sequence valid: no link to an actor that leaves, no link dropped twice.
    valid: list[Change] = []
    for c in changes:
        if isinstance(c, AddLink) and {c.source, c.target} & gone_set:
            continue
        if isinstance(c, RemoveLink) and c.link_id not in removed_links:
            continue
        valid.append(c)
    rng.shuffle(valid)
    # Removals of actors after the links that touch them would otherwise be refused.
    valid.sort(key=lambda c: isinstance(c, RemoveActor))
    return valid


def feasibility(G: Any, rows: NetworkRows, k: int, seed: int) -> list[tuple[str, str, float]]:
    rules = default_rules()
    out: list[tuple[str, str, float]] = []

    def run(name: str, how: str, fn: Callable[[], Any]) -> Any:
        value, seconds = timed(fn)
        out.append((name, how, seconds))
        print(f"  {name:<28} {seconds:8.2f} s   {how}", flush=True)
        return value

    n = G.number_of_nodes()
    run("degree", "exact", lambda: metrics.degree(G))
    run("pagerank", "exact (power iteration, pure Python)", lambda: metrics.pagerank(G))
    btw = run(
        f"betweenness k={k}",
        f"approximate: {k} seeded sources of {n}",
        lambda: metrics.betweenness(G, k=k, seed=seed),
    )
    per_source = out[-1][2] / max(1, btw.k or 1)
    out.append(("betweenness exact (est.)", f"{n} sources x {per_source:.2f} s", n * per_source))
    print(
        f"  {'betweenness exact (est.)':<28} {n * per_source / 3600:8.1f} h   not feasible: "
        f"{n} sources x {per_source:.2f} s",
        flush=True,
    )
    top = metrics.top_nodes(btw.values, 100)
    run(
        "constraint+eff. size top100",
        "exact, local to each actor",
        lambda: brokerage.structural_holes(G, nodes=top),
    )
    run(
        "brokerage roles top100",
        "exact, local to each actor",
        lambda: brokerage.brokerage_roles(G, nodes=top),
    )
    run("brokerage roles all actors", "exact", lambda: brokerage.brokerage_roles(G))
    run(
        "single points of failure",
        "exact, block-cut tree (linear)",
        lambda: resilience.single_points_of_failure(G),
    )
    run("reach <= 2 hops", "exact, BFS per regency", lambda: reach.kpu_reach(G, hops=2))
    gaps = find_gaps(G, rules)
    run(
        "plan of 20 links",
        "greedy max coverage (lazy)",
        lambda: recommend.plan_links(G, gaps, budget=20),
    )
    run(
        "resilience links",
        "exact under KPU-incident links",
        lambda: recommend.resilience_links(G, verify=False),
    )
    run(
        "worth a visit",
        "Adamic-Adar over 2-step pairs",
        lambda: recommend.worth_a_visit(G, rules=rules, exclude=recommend.gap_pairs(gaps)),
    )
    run("eigenvector", "skipped above 5000 actors (only the largest component)", lambda: None)
    regency = restrict(G, "33.23")
    run(
        f"betweenness exact 33.23 ({regency.number_of_nodes()} actors)",
        "exact",
        lambda: metrics.betweenness(regency),
    )
    run("louvain", f"seeded (seed {seed})", lambda: communities.louvain(G, seed=seed))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (built if missing)")
    parser.add_argument("--region", default="ID")
    parser.add_argument("--links", type=int, default=50, help="single links timed")
    parser.add_argument("--repeat", type=int, default=3, help="full evaluations timed")
    parser.add_argument("--k", type=int, default=16, help="betweenness sample size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-metrics", action="store_true")
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="sinergi-sim-")) / "net.db"
    if not db.exists():
        print(f"building demo {args.region} into {db} ...", flush=True)
        cmd = [
            sys.executable,
            "-m",
            "sinergi_graph",
            "--db",
            str(db),
            "demo",
            "--region",
            args.region,
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    store = EmbeddedStore(db)
    rows, load_s = timed(store.network_rows)
    store.close()
    G, build_s = timed(lambda: build_graph(rows))
    rules = default_rules()
    print(f"store {db}: {len(rows.actors)} actors, {len(rows.links)} links")
    print(
        f"graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges "
        f"(load {load_s:.2f} s, build {build_s:.2f} s)"
    )

    full_times = []
    for _ in range(args.repeat):
        gaps, seconds = timed(lambda: find_gaps(G, rules))
        full_times.append(seconds)
    full = statistics.median(full_times)
    print(
        f"\nfull gap evaluation           {ms(full)}  (median of {args.repeat}; {len(gaps)} gaps)"
    )

    rng = random.Random(args.seed)
    sim, setup_s = timed(lambda: Simulation(rows, rules, graph=G))
    _, prepare_s = timed(sim.prepare)
    print(
        f"simulation setup              {ms(setup_s)}  "
        "(copy-on-write view; index and baseline from the gap list above)"
    )
    print(f"record indexes for removals   {ms(prepare_s)}  (once per session)")

    singles = one_link_changes(sim, args.links, rng)
    one = []
    pairs = []
    for change in singles:
        n_pairs, seconds = sim.apply(change)
        one.append(seconds)
        pairs.append(n_pairs)
    one_med, one_max = statistics.median(one), max(one)
    print(
        f"one link, incremental         {ms(one_med)}  (median of {len(one)}; "
        f"max {ms(one_max).strip()}; {statistics.median(pairs):.0f} (rule, subject) pairs each)"
    )
    print(
        f"  ratio full / one link       {full / one_med:9.0f}x  (worst link: {full / one_max:.0f}x)"
    )
    ok = sim.gaps() == sim.full_gaps()
    print(f"  incremental == full after {len(one)} links: {ok}")

    sim2 = Simulation(rows, rules, graph=G)
    sim2.prepare()
    scenario = scenario_changes(sim2, rows, rng)
    total = 0.0
    total_pairs = 0
    for change in scenario:
        n_pairs, seconds = sim2.apply(change)
        total += seconds
        total_pairs += n_pairs
    result = sim2.result()
    print(
        f"{len(scenario)}-change scenario, incremental {ms(total)}  ({total_pairs} pairs; "
        f"gaps {result.before} -> {result.after}, closed {len(result.closed)}, "
        f"opened {len(result.opened)})"
    )
    print(f"  ratio full / scenario       {full / total:9.1f}x")
    ok2 = sim2.gaps() == sim2.full_gaps()
    print(f"  incremental == full after the scenario: {ok2}")
    target = one_med <= 0.050 and full / one_med >= 50
    print(f"\ntargets (one link <= 50 ms and >= 50x full): {'met' if target else 'NOT met'}")

    if not args.skip_metrics:
        print("\nmetrics at this scale (seconds, approximation):")
        feasibility(G, rows, args.k, args.seed)
    if not (ok and ok2):
        sys.exit("incremental and full evaluation disagree")


if __name__ == "__main__":
    main()
