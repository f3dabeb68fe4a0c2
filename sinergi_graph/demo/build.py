"""Writing a generated demo network into a store, in one transaction."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.demo.generator import DEFAULT_SEED, generate_demo, resolve_region
from sinergi_graph.demo.records import Records, make_actor, make_link
from sinergi_graph.demo.trust import forget_runs, record_run, refuse_unless_demo_only, run_key
from sinergi_graph.store.protocol import GraphStore

__all__ = ["DemoSummary", "build_demo"]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What :func:`build_demo` wrote, and how long generation plus writing took."""

    actors: int
    links: int
    seconds: float
    # Kerja sama and their follow-up kegiatan (national demo only).
    agreements: int = 0
    activities: int = 0


def build_demo(
    store: GraphStore,
    region: str,
    *,
    seed: int = DEFAULT_SEED,
    replace: bool = False,
    progress: Callable[[int], None] | None = None,
) -> DemoSummary:
    """Generate the demo network of ``region`` and write it to ``store`` in one transaction.

    Parameters
    ----------
    store : GraphStore
        Where to write; actors and links are upserted by id, so running the
        demo twice (or a regency after its province) changes nothing.
    region : str
        As for :func:`~sinergi_graph.demo.generator.generate_demo`.
    seed : int, optional
        Random seed.
    replace : bool, optional
        Empty the network first. Emptying and filling are one transaction
        (:meth:`GraphStore.replace_all`): interrupted, the store keeps its
        previous network.
    progress : callable, optional
        Called with the number of villages generated so far after each batch
        (a total for it is :func:`~sinergi_graph.demo.generator.demo_size`).

    Returns
    -------
    DemoSummary
        Numbers of actors and links written, and the seconds it took.

    Raises
    ------
    DemoOverRealData
        Without ``replace``, when the store holds actors that no demo made
        (real data, or demo records edited since); nothing is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sinergi_graph.store.embedded import EmbeddedStore
    >>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()) / "demo.db")
    >>> summary = build_demo(store, "34.03.07")
    >>> store.stats().by_kind["PPS"], store.stats().actors == summary.actors
    (5, True)
    >>> store.close()
    """
    started = time.perf_counter()
    code = resolve_region(region)
    key = run_key(code, seed)
    actor_rows: list[Any] = []
    link_rows: list[Any] = []
    activities: list[Activity] = []
    agreements: list[Agreement] = []
    done = 0
    # A million retained records make every full collection walk all of them
    # (national generation took 18 s instead of 12 s).
    with cycle_collector_paused():
        for batch in generate_demo(code, seed=seed):
            actor_rows.extend(batch.actors.rows)
            link_rows.extend(batch.links.rows)
            activities.extend(batch.activities)
            agreements.extend(batch.agreements)
            done += batch.villages
            if progress is not None:
                progress(done)
        # Rows, not models, until the store reads them: a national demo (~1.2
        # million records) stays well under 1 GB. One call, one transaction.
        actors, links = Records(actor_rows, make_actor), Records(link_rows, make_link)
        if replace:
            store.replace_all(actors, links, activities=activities, agreements=agreements)
            forget_runs(store, keep=key)
            record_run(store, code, seed)
        else:
            refuse_unless_demo_only(
                store, actor_rows, skip_run=key, activities=activities, agreements=agreements
            )
            # Recorded first: a record of a run that did not finish only costs
            # the next run a look at what it would have made.
            record_run(store, code, seed)
            store.upsert(actors, links, activities=activities, agreements=agreements)
    seconds = time.perf_counter() - started
    return DemoSummary(len(actors), len(links), seconds, len(agreements), len(activities))
