"""A loaded network kept current after each write, without reloading it.

After an apply, an undo or an edit the TUI used to read the whole network
again and rebuild its graph and gap list (~12 s nationally). The change set
the store applied says everything that changed, so :func:`refresh` applies
the same change set to the loaded network instead, with the simulation's
incremental engine (:meth:`~sinergi_graph.analysis.simulation.Simulation.apply_changeset`):
only the institutions and edges it touches are rebuilt and only the gaps it
can change are evaluated again. The result equals a full reload (tests
compare them after random sequences of applies, undos and edits).

A :class:`LiveNetwork` is never changed: :func:`refresh` returns a new one
that shares everything unchanged with the old, so a reader still holding the
old one (a worker thread) is never disturbed.

Use: load once with :func:`load_live`; after each write pass what the store
applied, ``live = refresh(live, entry.forward)`` after
:func:`~sinergi_graph.scenarios.apply_scenario` or
:func:`~sinergi_graph.scenarios.record_edit`, ``refresh(live, entry.inverse)``
after :func:`~sinergi_graph.scenarios.undo_last`. Writes that bypass the
journal (an import, a demo) need a full load. ``changed_nodes`` and
``changed_actors`` say what a screen's own indexes must update.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import networkx as nx

from sinergi_graph.analysis.simulation import Simulation
from sinergi_graph.analysis.simulation_base import records_for, subject_index_for
from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.gaps import CounterpartIndex, Gap, find_gaps, remember_gaps, remembered_gaps
from sinergi_graph.graph import build_graph
from sinergi_graph.kinds import KindCatalogue, default_catalogue
from sinergi_graph.models import ActivityRow, ChangeSet, NetworkRows
from sinergi_graph.rules import Rule

__all__ = ["LiveNetwork", "load_live", "refresh", "refresh_incremental"]

#: The parts of a change set the graph is built from; any other (kegiatan,
#: kerja sama) is read back from the store.
_GRAPH_FIELDS = frozenset({"delete_link_ids", "delete_actor_ids", "upsert_actors", "upsert_links"})


@dataclass(frozen=True, slots=True)
class LiveNetwork:
    """One revision of a network as loaded: its rows, graph and gap list.

    ``rows`` lists actors and links in no particular order (a refresh appends
    what it adds); ``gaps`` are ordered as :func:`~sinergi_graph.gaps.find_gaps`
    orders them. Treat every part as read-only.
    """

    rows: NetworkRows
    graph: nx.Graph
    gaps: tuple[Gap, ...]
    rules: tuple[Rule, ...]
    catalogue: KindCatalogue
    as_of: date | None = None
    #: After a refresh: the graph nodes added, removed, or whose attributes,
    #: members or edges changed, and the actors written or deleted (what a
    #: screen's own indexes must update). ``None`` after a full load: everything.
    changed_nodes: frozenset[str] | None = None
    changed_actors: frozenset[str] | None = None


def load_live(
    rows: NetworkRows,
    rules: Sequence[Rule],
    *,
    catalogue: KindCatalogue | None = None,
    as_of: date | None = None,
    graph: nx.Graph | None = None,
    gaps: Sequence[Gap] | None = None,
    prepare: bool = True,
) -> LiveNetwork:
    """Build the graph and the gap list of ``rows`` (the full load a refresh replaces).

    ``graph`` and ``gaps``, when given, are the graph already built from
    ``rows`` with the same catalogue and day, and its gap list. With
    ``prepare`` the indexes a refresh needs are built now (~2 s nationally,
    once per full load) so that no refresh pays them.
    """
    cat = catalogue or default_catalogue()
    G = graph if graph is not None else build_graph(rows, catalogue=cat, as_of=as_of)
    found = list(gaps) if gaps is not None else find_gaps(G, rules, as_of=as_of)
    if prepare:
        with cycle_collector_paused():
            _prepare(rows, G, rules, as_of, found)
    return LiveNetwork(rows, G, tuple(found), tuple(rules), cat, as_of)


def _prepare(
    rows: NetworkRows, G: nx.Graph, rules: Sequence[Rule], as_of: date | None, gaps: list[Gap]
) -> None:
    """Build what a refresh needs: the record indexes, the counterpart and subject indexes."""
    if remembered_gaps(G, rules, as_of) is None:
        remember_gaps(G, rules, as_of, CounterpartIndex(G, rules), gaps)
    records_for(rows, G).prepare()
    subject_index_for(G, rules)


def refresh(
    live: LiveNetwork,
    changes: ChangeSet,
    *,
    reload: Callable[[], NetworkRows] | None = None,
) -> LiveNetwork:
    """``live`` after the store applied ``changes`` (a journal entry's forward or inverse).

    Parameters
    ----------
    live : LiveNetwork
        The network as loaded before the store applied ``changes``.
    changes : ChangeSet
        What the store applied: ``entry.forward`` after an apply or an edit,
        ``entry.inverse`` after an undo.
    reload : callable, optional
        Reads the network from the store: used when the write cannot be
        followed without it (see :func:`refresh_incremental`: it writes a
        kegiatan or kerja sama, or reaches a kegiatan's attendee).

    Returns
    -------
    LiveNetwork
        Equal to :func:`load_live` on the store's rows after the write.

    Examples
    --------
    >>> from sinergi_graph.models import Actor, ActorRow, CoordinationLink
    >>> from sinergi_graph.rules import default_rules
    >>> rows = NetworkRows(
    ...     [ActorRow("pps", "PPS", "PPS Tepus", "34.03.07.2004", None),
    ...      ActorRow("lurah", "LURAH", "Lurah Tepus", "34.03.07.2004", None)], [])
    >>> live = load_live(rows, default_rules())
    >>> [g.rule for g in live.gaps if g.subject_id == "pps"]
    ['pps-kades', 'pps-ppk']
    >>> link = CoordinationLink.create("pps", "lurah", "RAPAT", None, None)
    >>> after = refresh(live, ChangeSet(upsert_links=(link,)))
    >>> [g.rule for g in after.gaps if g.subject_id == "pps"], live.graph.has_edge("pps", "lurah")
    (['pps-ppk'], False)
    """
    refreshed = refresh_incremental(live, changes)
    if refreshed is not None:
        return refreshed
    if reload is None:
        raise ValueError("this write reaches a kegiatan: refresh it by reloading (pass reload)")
    return load_live(reload(), live.rules, catalogue=live.catalogue, as_of=live.as_of)


def refresh_incremental(live: LiveNetwork, changes: ChangeSet) -> LiveNetwork | None:
    """``live`` after ``changes`` without reading the store, or ``None`` when that cannot be.

    A kegiatan's contacts follow its attendees' institutions, which a change
    set does not name. Most writes touch none of them (a national network
    holds a few dozen kegiatan among 600k actors), so the change set is
    applied and the result kept only when no node or actor it changed is an
    attendee or an attendee's institution, before or after: then every
    kegiatan contact and every edge carrying one is untouched. ``None``: the
    write writes a kegiatan or kerja sama, or reaches an attendee; load in full.

    Examples
    --------
    >>> from sinergi_graph.models import ActorRow
    >>> from sinergi_graph.rules import default_rules
    >>> live = load_live(NetworkRows([ActorRow("pps", "PPS", "PPS Tepus", None, None)], []),
    ...                  default_rules())
    >>> refresh_incremental(live, ChangeSet()) is live
    True
    """
    if changes.is_empty():
        return live
    if changes.upsert_activities or changes.delete_activity_ids:
        return None
    if any(getattr(changes, f) for f in type(changes).model_fields if f not in _GRAPH_FIELDS):
        return None  # kerja sama and whatever else the graph does not hold: read it back
    known = remembered_gaps(live.graph, live.rules, live.as_of)
    # A full collection walks the ~3M objects of a national network (~0.3 s a
    # time); a refresh creates no reference cycles.
    with cycle_collector_paused():
        sim = Simulation(
            live.rows,
            live.rules,
            graph=live.graph,
            catalogue=live.catalogue,
            as_of=live.as_of,
            baseline=None if known is not None else live.gaps,
        )
        sim.apply_changeset(changes)
        rows, graph, gaps = sim.commit()
    if live.rows.activities or rows.activities:
        attendees = {a for act in (*live.rows.activities, *rows.activities) for a in act.attendees}
        reach = _bodies(live.rows.activities, live.graph) | _bodies(rows.activities, graph)
        if not reach.isdisjoint(sim.changed_nodes) or not attendees.isdisjoint(sim.changed_actors):
            return None
    return LiveNetwork(
        rows,
        graph,
        tuple(gaps),
        live.rules,
        live.catalogue,
        live.as_of,
        frozenset(sim.changed_nodes),
        frozenset(sim.changed_actors),
    )


def _bodies(activities: Sequence[ActivityRow], graph: nx.Graph) -> set[str]:
    """The attendees of ``activities`` and the institutions they belong to in ``graph``."""
    roots: Mapping[str, str] = graph.graph.get("root", {})
    found: set[str] = set()
    for act in activities:
        for a in act.attendees:
            found.add(a)
            found.add(roots.get(a, a))
    return found
