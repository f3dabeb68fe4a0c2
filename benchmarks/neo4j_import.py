"""Neo4j benchmark: demo import rate, then the gap list by ``sinergi gaps`` and by Cypher alone.

For each ``--region`` (default ``33``, Jawa Tengah; ``ID`` is the whole
country) the demo network is generated in memory and written into an empty
Neo4j database with one ``Neo4jStore.upsert``, in four ways in the same run:

- baseline: every row sent as a parameter map (what sinergi did before the
  column-packed statements, minus the one-transaction attempt that a national
  import used to make first and lose);
- packed, indexes kept: new rows sent column-packed
  (``sinergi_graph/store/neo4j/packed.py``), every index maintained;
- indexes after, by id: the link-id constraints and member/kind indexes built
  after the load (``sinergi_graph/store/neo4j/first_load.py``);
- sinergi: first load: that, and memberships and links created by the element
  ids the actor statements return (no actor id lookups).

Then (``--reimport``) the same rows are written again (an idempotent
re-import, the MERGE path), and the offline path is timed: the files for
``neo4j-admin database import full`` written by sinergi, then imported by the
real import tool from the test server's jars (``org.neo4j.cli.AdminTool``).
Each figure is printed with the load average at the time (the machine may be
shared). With ``--gaps`` the default gap list is then computed twice and compared:

- ``sinergi --neo4j URI gaps --format csv --output FILE``, a whole process
  from start to file written (loads the network, builds the graph in Python);
- ``queries/gaps_all_default_rules.cypher`` sent as it is, Neo4j alone
  (query round trip, rows received).

The server is the test harness's Neo4j 5.26 (``tests/neo4j_harness.py``,
heap ``--heap``) unless ``NEO4J_URI`` is set (with ``NEO4J_USER``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``); that database is emptied.

Target on a 2-core machine: ≥ 20,000 rows/s import.

The first import into a fresh JVM runs cold (the JIT has not compiled Neo4j's
write path yet, about half the warm rate), so a small demo (``--warm-up``,
Kabupaten Temanggung) is imported and dropped first.

Usage: ``python benchmarks/neo4j_import.py [--region 33] [--region ID] [--reimport] [--gaps]
[--repeat 3] [--heap 3g]``
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))


@contextmanager
def server(heap: str, pagecache_mb: int) -> Iterator[str]:
    """The Neo4j to benchmark: ``$NEO4J_URI`` or a fresh harness server."""
    external = os.environ.get("NEO4J_URI")
    if external:
        yield external
        return
    from neo4j_harness import Neo4jTestServer

    started = time.perf_counter()
    with Neo4jTestServer(heap=heap, pagecache_mb=pagecache_mb) as test_server:
        assert test_server.uri is not None
        print(
            f"test server {test_server.uri} (heap {heap}, page cache {pagecache_mb} MiB) "
            f"up in {time.perf_counter() - started:.1f} s"
        )
        yield test_server.uri


def gap_keys(rows: list[dict[str, str]]) -> list[tuple[str, ...]]:
    return [
        (r["rule"], r["severity"], r["reason"], r["subject_id"], r["area"], r["counterpart_ids"])
        for r in rows
    ]


def sinergi_gaps(uri: str, out: Path) -> tuple[float, list[tuple[str, ...]]]:
    """``sinergi gaps`` against Neo4j as a user runs it: wall seconds and its rows."""
    env = {**os.environ, "NEO4J_URI": uri}
    started = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sinergi_graph",
            "--neo4j",
            uri,
            "gaps",
            "--format",
            "csv",
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"sinergi gaps failed:\n{proc.stderr}")
    with out.open(encoding="utf-8") as fh:
        return elapsed, gap_keys(list(csv.DictReader(fh)))


def cypher_gaps(driver: object, database: str) -> tuple[float, list[tuple[str, ...]]]:
    """``queries/gaps_all_default_rules.cypher`` as a Browser user pastes it."""
    import neo4j

    assert isinstance(driver, neo4j.Driver)
    text = (ROOT / "queries" / "gaps_all_default_rules.cypher").read_text("utf-8")
    started = time.perf_counter()
    records, _, _ = driver.execute_query(
        text, database_=database, routing_=neo4j.RoutingControl.READ
    )
    elapsed = time.perf_counter() - started
    rows = [{**dict(r), "counterpart_ids": ";".join(r["counterpart_ids"])} for r in records]
    return elapsed, gap_keys(rows)


def warm_up(uri: str, region: str) -> None:
    """Import and drop a small demo once: the first import into a fresh JVM runs cold."""
    from sinergi_graph.demo import generate_demo
    from sinergi_graph.store.neo4j import Neo4jStore

    store = Neo4jStore(
        uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    started = time.perf_counter()
    for _ in range(2):
        store.clear()
        for batch in generate_demo(region):
            store.upsert(batch.actors, batch.links)
    store.clear()
    store.close()
    print(
        f"warm-up: demo {region} imported twice and dropped in "
        f"{time.perf_counter() - started:.1f} s (not counted)"
    )


def load() -> str:
    """The 1-minute load average, printed next to every figure."""
    return f"load {os.getloadavg()[0]:.1f}"


def report(label: str, total: float, t: dict[str, float], n_actors: int, n_links: int) -> None:
    """One import figure: rows/s, the load, and where the time went."""
    actor_s = sum(v for k, v in t.items() if k.startswith(("actors_", "areas_")))
    link_s = sum(v for k, v in t.items() if k.startswith("links_"))
    commit = t.get("commit", 0.0)
    refused = t.get("one transaction (refused)", 0.0)
    prepare = t.get("prepare", 0.0)
    schema = t.get("schema after load", 0.0)
    other = total - actor_s - link_s - commit - refused - prepare - schema
    if refused:
        print(
            f"   one transaction did not fit in the server's transaction memory "
            f"(given up after {refused:.1f} s); written in batches"
        )
    rows = n_actors + n_links
    print(
        f"{label:20s} {total:7.1f} s  {rows / total:8,.0f} rows/s  ({load()})  |  "
        f"actors {n_actors / max(actor_s, 1e-9):8,.0f}/s ({actor_s:.1f} s)  "
        f"links {n_links / max(link_s, 1e-9):8,.0f}/s ({link_s:.1f} s)  "
        f"commit {commit:.1f} s  indexes after load {schema:.1f} s  "
        f"prepare (python) {prepare:.1f} s  other {other:.1f} s"
    )
    slowest = sorted(t.items(), key=lambda kv: -kv[1])[:4]
    print("   slowest statements: " + ", ".join(f"{k} {v:.1f} s" for k, v in slowest))


def offline(actors: list, links: list, work: Path, heap: str) -> None:
    """The offline first load: sinergi writes the files, neo4j-admin imports them."""
    from sinergi_graph.store.neo4j.admin_import import import_command, write_admin_import

    rows = len(actors) + len(links)
    started = time.perf_counter()
    files = write_admin_import(actors, links, work / "admin-import")
    written = time.perf_counter() - started
    print(
        f"{'offline: write files':20s} {written:7.1f} s  {rows / written:8,.0f} rows/s  ({load()})"
    )
    from neo4j_harness import Neo4jHarnessError, build_server

    try:
        java = build_server(heap)
    except Neo4jHarnessError as exc:
        print(f"offline: neo4j-admin not run ({exc})")
        return
    home = work / "admin-home"
    (home / "conf").mkdir(parents=True, exist_ok=True)
    (home / "conf" / "neo4j.conf").touch()
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    started = time.perf_counter()
    done = subprocess.run(
        [*java[:-1], "org.neo4j.cli.AdminTool", *import_command(files)[1:]],
        env=env,
        capture_output=True,
        text=True,
        cwd=home,  # neo4j-admin leaves its import.report in the working directory
    )
    imported = time.perf_counter() - started
    if done.returncode != 0 or "IMPORT DONE" not in done.stdout:
        sys.exit(f"neo4j-admin import failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    summary = [
        line.strip()
        for line in done.stdout.splitlines()
        if line.strip().endswith(("nodes", "relationships"))
    ]
    print(
        f"{'offline: neo4j-admin':20s} {imported:7.1f} s  {rows / imported:8,.0f} rows/s  "
        f"({load()}; {', '.join(summary)}; JVM start included)"
    )
    total = written + imported
    print(f"{'offline: total':20s} {total:7.1f} s  {rows / total:8,.0f} rows/s")
    shutil.rmtree(home, ignore_errors=True)


def bench_region(
    uri: str,
    region: str,
    repeat: int,
    work: Path,
    *,
    heap: str = "3g",
    reimport: bool = False,
    gaps: bool = False,
) -> None:
    from sinergi_graph.demo import generate_demo
    from sinergi_graph.store.neo4j import Neo4jStore

    store = Neo4jStore(
        uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD"),
        database=os.environ.get("NEO4J_DATABASE", "neo4j"),
    )
    print(f"\n== region {region}")
    started = time.perf_counter()
    gc.disable()  # a million retained records: the cycle collector only costs time here
    actors, links = [], []
    for batch in generate_demo(region):
        actors.extend(batch.actors)
        links.extend(batch.links)
    gc.enable()
    print(
        f"generated {len(actors):,} actors, {len(links):,} links "
        f"in {time.perf_counter() - started:.1f} s (not counted below)"
    )
    started = time.perf_counter()
    store.clear()
    print(f"emptied the database in {time.perf_counter() - started:.1f} s")

    from sinergi_graph.store.neo4j import first_load
    from sinergi_graph.store.neo4j import plan as plan_module

    # (label, packed columns, indexes deferred, ends by element id, emptied first)
    runs = [
        ("baseline: row maps", False, False, False, True),
        ("packed, indexes kept", True, False, False, True),
        ("indexes after, by id", True, True, False, True),
        ("sinergi: first load", True, True, True, True),
    ]
    if reimport:
        runs.append(("re-import (same)", True, True, True, False))
    for label, packed, deferred, by_node, empty_first in runs:
        if empty_first:
            store.clear()
        plan_module.PACK = packed
        plan_module.BY_NODE = by_node
        first_load.DEFER = deferred
        store.timings.clear()
        started = time.perf_counter()
        store.upsert(actors, links)
        total = time.perf_counter() - started
        plan_module.PACK = plan_module.BY_NODE = first_load.DEFER = True
        report(label, total, store.timings, len(actors), len(links))
    stats = store.stats()
    assert stats.actors == len({a.id for a in actors}), stats
    store.close()
    offline(actors, links, work, heap)
    if not gaps:
        return

    import neo4j

    auth = (
        (os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
        if os.environ.get("NEO4J_PASSWORD")
        else None
    )
    with neo4j.GraphDatabase.driver(uri, auth=auth) as driver:
        ours, theirs = [], []
        ours_rows: list[tuple[str, ...]] = []
        cypher_rows: list[tuple[str, ...]] = []
        for _ in range(repeat):
            seconds, ours_rows = sinergi_gaps(uri, work / f"gaps-{region}.csv")
            ours.append(seconds)
            seconds, cypher_rows = cypher_gaps(driver, os.environ.get("NEO4J_DATABASE", "neo4j"))
            theirs.append(seconds)
    same = ours_rows == cypher_rows
    o, c = statistics.median(ours), statistics.median(theirs)
    print(f"gaps: {len(ours_rows):,} rows; identical lists: {'yes' if same else 'NO'}")
    runs = {name: ", ".join(f"{x:.2f}" for x in xs) for name, xs in (("o", ours), ("c", theirs))}
    print(f"sinergi gaps (process, end to end) median {o:6.2f} s  (runs {runs['o']})")
    print(f"Cypher alone (query round trip)    median {c:6.2f} s  (runs {runs['c']})")
    print(f"ratio sinergi / Cypher: {o / c:.2f}")
    if not same:
        sys.exit("the two gap lists differ")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--region", action="append", help="33 (default), 33.23, ID, … (repeatable)")
    parser.add_argument("--repeat", type=int, default=3, help="gap timings per region")
    parser.add_argument(
        "--heap",
        default=os.environ.get("SINERGI_TEST_NEO4J_HEAP", "3g"),
        help="JVM heap of the test server (default 3g)",
    )
    parser.add_argument("--pagecache-mb", type=int, default=1024)
    parser.add_argument("--reimport", action="store_true", help="also time a re-import (MERGE)")
    parser.add_argument("--gaps", action="store_true", help="also compare the gap lists")
    parser.add_argument(
        "--warm-up",
        default="33.23",
        metavar="REGION",
        help="import this demo twice first (JIT warm-up); 'none' to skip",
    )
    args = parser.parse_args()
    import importlib.util

    if importlib.util.find_spec("neo4j._rust") is not None:
        codec = "neo4j-rust-ext"
    else:
        codec = "pure-Python packstream (pip install 'sinergi[speedups]' for neo4j-rust-ext)"
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}, "
        f"driver codec: {codec}"
    )
    with (
        tempfile.TemporaryDirectory(prefix="sinergi-neo4j-bench-") as tmp,
        server(args.heap, args.pagecache_mb) as uri,
    ):
        if args.warm_up.lower() != "none":
            warm_up(uri, args.warm_up)
        for region in args.region or ["33"]:
            bench_region(
                uri,
                region,
                args.repeat,
                Path(tmp),
                heap=args.heap,
                reimport=args.reimport,
                gaps=args.gaps,
            )


if __name__ == "__main__":
    main()
