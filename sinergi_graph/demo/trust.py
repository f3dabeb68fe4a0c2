"""Telling a demo's actors from real ones, so a demo is never mixed into real data.

An actor in the store is a demo's when a demo run made exactly that record:
same id and every column equal. Marks alone cannot tell: only the generated
people carry ``synthetic = "true"``, and offices name their own records the
way the demo does (``PPK-332301``, ``POLRES-3323``), so a real Polres with
the demo's id would otherwise be overwritten by a demo's, phone and all.

Each run is recorded in the store (namespace ``demo``, key ``REGION@SEED``)
before it writes; a later run compares the store with what it generates
itself and, for what is left, with what the recorded runs generate. A store
written by a demo that left no record (an older version) is still recognised
when the same region is generated again.

Examples
--------
>>> run_key("33.23", 2024), parse_run_key("33.23@2024"), parse_run_key("junk")
('33.23@2024', ('33.23', 2024), None)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.demo.agreements import generate_agreements
from sinergi_graph.demo.generator import generate_demo
from sinergi_graph.demo.records import ActorRow
from sinergi_graph.errors import SinergiError
from sinergi_graph.models import Actor
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.text import printable

__all__ = [
    "NAMESPACE",
    "DemoOverRealData",
    "edited_kerja_sama",
    "foreign_actors",
    "forget_runs",
    "parse_run_key",
    "record_run",
    "refuse_unless_demo_only",
    "run_key",
]

NAMESPACE = "demo"


class DemoOverRealData(SinergiError):
    """``demo`` into a store that holds actors no demo made (real data, or edited)."""

    default_code = "demo_over_real_data"


def run_key(region: str, seed: int) -> str:
    """The document key that records a run of ``region`` with ``seed``."""
    return f"{region}@{seed}"


def parse_run_key(key: str) -> tuple[str, int] | None:
    """``(region, seed)`` of a run key, or ``None`` for a key this module did not write."""
    region, _, seed = key.rpartition("@")
    if not region or not seed.lstrip("-").isdigit():
        return None
    return region, int(seed)


def record_run(store: GraphStore, region: str, seed: int) -> None:
    """Note in ``store`` that a demo of ``region`` with ``seed`` writes into it."""
    body = json.dumps({"region": region, "seed": seed})
    store.put_document(NAMESPACE, run_key(region, seed), body)


def forget_runs(store: GraphStore, keep: str | None = None) -> None:
    """Drop the records of earlier runs (after the network was replaced), but ``keep``."""
    for key in store.list_documents(NAMESPACE):
        if key != keep:
            store.delete_document(NAMESPACE, key)


def _row(actor: Actor) -> ActorRow:
    a = actor
    return (a.id, a.kind, a.name, a.area, a.member_of, a.phone, a.email, a.note, a.properties)


def _strays(actors: Iterable[Actor], generated: Iterable[ActorRow]) -> list[Actor]:
    expected = {row[0]: row for row in generated}
    return [a for a in actors if expected.get(a.id) != _row(a)]


def foreign_actors(
    store: GraphStore, generated: Iterable[ActorRow], *, skip_run: str | None = None
) -> list[str]:
    """Ids of the actors in ``store`` that neither ``generated`` nor a recorded run made.

    Parameters
    ----------
    store : GraphStore
        The store a demo is about to write into.
    generated : iterable of ActorRow
        The actor rows of the run about to be written.
    skip_run : str, optional
        The key of that run, so it is not generated a second time.
    """
    strays = _strays(store.actors(), generated)
    for key in store.list_documents(NAMESPACE):
        run = parse_run_key(key)
        if not strays:
            break
        if run is None or key == skip_run:
            continue
        region, seed = run
        try:
            batches = list(generate_demo(region, seed=seed))
        except SinergiError:
            continue  # a region the area list no longer knows made nothing here
        strays = _strays(strays, (row for b in batches for row in b.actors.rows))
    return [a.id for a in strays]


def edited_kerja_sama(
    store: GraphStore,
    activities: Sequence[Activity],
    agreements: Sequence[Agreement],
    *,
    skip_run: str | None = None,
) -> list[str]:
    """Ids of stored kegiatan and kerja sama that the run would overwrite, edited since.

    Only records with the id of one the run writes are looked at: upserts never
    delete, so the office's own kegiatan among demo actors are kept. A stored
    record equal to what the run or a recorded national run (another seed)
    made is a demo's; any other would be lost, so it counts.
    """
    mine: dict[str, Activity | Agreement] = {a.id: a for a in activities}
    theirs: dict[str, Activity | Agreement] = {g.id: g for g in agreements}
    stored: list[Activity | Agreement] = [
        *(a for a in store.activities(mine) if a != mine[a.id]),
        *(g for g in store.agreements(theirs) if g != theirs[g.id]),
    ]
    for key in store.list_documents(NAMESPACE):
        run = parse_run_key(key)
        if not stored:
            break
        # Only the national demo makes kerja sama (demo.agreements), cheap to redo.
        if run is None or key == skip_run or run[0] != "ID":
            continue
        made = generate_agreements(run[1])
        known = {*made.activities, *made.agreements}
        stored = [r for r in stored if r not in known]
    return [r.id for r in stored]


def refuse_unless_demo_only(
    store: GraphStore,
    generated: Iterable[ActorRow],
    *,
    skip_run: str | None = None,
    activities: Sequence[Activity] = (),
    agreements: Sequence[Agreement] = (),
) -> None:
    """Raise :class:`DemoOverRealData` unless every actor in ``store`` is a demo's.

    Links are not looked at: a demo only adds links (upserts never delete), so
    links already there are kept, and one that touches a real actor means a
    real actor is there. Kegiatan and kerja sama the run would overwrite must
    be as a demo made them (:func:`edited_kerja_sama`).
    """
    if store.is_empty():
        return
    foreign = foreign_actors(store, generated, skip_run=skip_run)
    if foreign:
        raise DemoOverRealData(
            count=len(foreign),
            example=printable(foreign[0], multiline=False),
            store=store.location,
        )
    edited = edited_kerja_sama(store, activities, agreements, skip_run=skip_run)
    if edited:
        raise DemoOverRealData(
            "demo_over_edited_records",
            count=len(edited),
            example=printable(edited[0], multiline=False),
            store=store.location,
        )
