"""The store (behind its gate) with the network and gaps of its current revision.

The graph and the gap index are cached per ``store.revision()``: nothing is
recomputed until the network changes. After a journalled write (an apply, an
undo, an edit) :meth:`Workspace.refresh` brings them to the new revision from
the change set the store applied, with :func:`sinergi_graph.live.refresh`
(the simulation's incremental engine), instead of reading and rebuilding the
whole network (~12 s nationally).

A full load of an embedded store goes through the core's per-revision caches
(:mod:`sinergi_graph.graph_cache`, the same entries and keys ``sinergi gaps``
uses): the gap list is read first, so the tree shows its counts at once, and
the graph comes from the cache instead of being built; what a load had to
compute is kept there afterwards (:meth:`Workspace.save_caches`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sinergi_graph.areas import AreaIndex, is_within
from tui.gate import StoreGate
from tui.model.gaps import GapIndex
from tui.model.network import Network, Progress

if TYPE_CHECKING:
    import networkx as nx

    from sinergi_graph.gaps import Gap
    from sinergi_graph.kinds import KindCatalogue
    from sinergi_graph.live import LiveNetwork
    from sinergi_graph.models import ChangeSet
    from sinergi_graph.rules import Rule
    from sinergi_graph.stages import Calendar
    from tui.model.calendar import StageNow

__all__ = ["Workspace"]

# What sinergi_graph.live.refresh follows; kegiatan (and kerja sama) in a change
# set are not part of the graph it keeps, so such a write is loaded in full.


class Workspace:
    """The store (behind its gate) with the network and gaps of its current revision."""

    def __init__(
        self,
        gate: StoreGate,
        *,
        catalogue: KindCatalogue,
        rules: list[Rule],
        areas: Callable[[], AreaIndex],
        as_of: date | None = None,
        calendars_file: Path | None = None,
    ) -> None:
        self.gate = gate
        self.catalogue = catalogue
        self.rules = rules
        self._areas = areas
        self.as_of = as_of
        self.network: Network | None = None
        self.gaps: GapIndex | None = None
        self._calendars_file = calendars_file
        self._calendars: Mapping[str, Calendar] | None = None
        #: Why the user's calendar file was not used (shown once), or ``None``.
        self.calendar_error: str | None = None
        # The loaded network as sinergi_graph.live keeps it, for refreshes; built
        # from (and only valid for) ``self.network``. Workers build and refresh it
        # one at a time.
        self._live: LiveNetwork | None = None
        self._live_lock = threading.Lock()
        #: How the last :meth:`refresh` went: "incremental", or why it loaded in full.
        self.last_refresh = ""
        # What the last full load computed and the cache lacks, under the key it
        # was computed for: (store file, key, graph) and (store file, key, gaps, graph).
        self._unsaved_graph: tuple[Path, str, nx.Graph] | None = None
        self._unsaved_gaps: tuple[Path, str, list[Gap], nx.Graph] | None = None
        # The gaps the last refresh reached: (store file, revision, gaps, graph).
        self._refreshed: tuple[Path, int, Sequence[Gap], nx.Graph] | None = None

    @property
    def areas(self) -> AreaIndex:
        return self._areas()

    def revision(self) -> int:
        return self.gate.call(lambda s: s.revision())

    def is_current(self) -> bool:
        return (
            self.network is not None
            and self.gaps is not None
            and self.network.revision == self.gaps.revision == self.revision()
        )

    def _identity(self) -> tuple[Path | None, int]:
        """The embedded store's file (``None``: another store) and its revision, read together."""
        from sinergi_graph.store.embedded import EmbeddedStore

        return self.gate.call(
            lambda s: (s.path if isinstance(s, EmbeddedStore) else None, s.revision())
        )

    def _graph_key(self, db: Path | None, revision: int) -> str | None:
        # As graph_from_store: only the whole graph (no as_of) is kept.
        if db is None or self.as_of is not None:
            return None
        from sinergi_graph.graph_cache import graph_key

        return graph_key(db, revision, self.catalogue)

    def _gaps_key(self, db: Path | None, revision: int) -> str | None:
        if db is None:
            return None
        from sinergi_graph.graph_cache import gaps_key

        return gaps_key(db, revision, self.catalogue, self.rules, self.as_of, self.day)

    def cached_gaps(self) -> GapIndex | None:
        """The gaps of the store's revision as the core's cache keeps them (``None``: not kept).

        Read in a few tenths of a second nationally, before the network: the
        tree shows its counts while the rows are still being read.
        """
        db, revision = self._identity()
        if self.gaps is not None and self.gaps.revision == revision:
            return self.gaps
        key = self._gaps_key(db, revision)
        if db is None or key is None:
            return None
        from sinergi_graph.graph import cached_gap_list

        found = cached_gap_list(db, key)
        if found is None:
            return None
        self.gaps = GapIndex(revision, found)
        return self.gaps

    def load_network(
        self,
        progress: Progress | None = None,
        gaps_first: Callable[[GapIndex], object] | None = None,
    ) -> Network:
        """Read the store and build the graph (cached while the revision stays the same).

        With ``gaps_first``, the gaps of a graph that had to be built are
        evaluated at once and handed to it before the network is indexed
        (~1.5 s nationally), so the tree shows its counts sooner.
        """
        report = progress or (lambda _stage, _fraction: None)
        db, revision = self._identity()
        if self.network is not None and self.network.revision == revision:
            return self.network
        key = self._graph_key(db, revision)
        report("read", 0.05)
        rows = self.gate.call(lambda s: s.network_rows())
        report("graph", 0.35)
        import networkx as nx

        from sinergi_graph.bulk import cycle_collector_paused
        from sinergi_graph.graph import build_graph

        graph = None
        if db is not None and key is not None:
            from sinergi_graph.graph_cache import load_entry

            graph = load_entry("graphs", db, key)
        # No cycle collection over the ~3M objects of a national network meanwhile.
        with cycle_collector_paused():
            if not isinstance(graph, nx.Graph):
                graph = build_graph(rows, catalogue=self.catalogue, as_of=self.as_of)
                if db is not None and key is not None:
                    self._unsaved_graph = (db, key, graph)
            if gaps_first is not None and (self.gaps is None or self.gaps.revision != revision):
                report("gaps", 0.6)
                gaps = self._evaluate(graph, revision)
                # ~0.1 s nationally: the next launch's counts, however short this one is.
                self.save_caches(graph=False)
                gaps_first(gaps)
            report("index", 0.8)
            self.network = Network(revision, rows, graph)
        self._refreshed = None
        return self.network

    def load_gaps(self, progress: Progress | None = None) -> GapIndex:
        """Evaluate every rule on the current network (cached per revision)."""
        report = progress or (lambda _stage, _fraction: None)
        network = self.network if self.network is not None else self.load_network(progress)
        if self.gaps is not None and self.gaps.revision == network.revision:
            return self.gaps
        report("gaps", 0.7)
        from sinergi_graph.bulk import cycle_collector_paused

        with cycle_collector_paused():
            gaps = self._evaluate(network.graph, network.revision)
        report("done", 1.0)
        return gaps

    def _evaluate(self, graph: nx.Graph, revision: int) -> GapIndex:
        """Every rule on ``graph``, the graph of ``revision``: the gap index, kept for the cache."""
        from sinergi_graph.gaps import find_gaps

        db, now = self._identity()
        key = self._gaps_key(db, revision) if now == revision else None
        found = find_gaps(graph, self.rules, as_of=self.as_of)
        if db is not None and key is not None:
            self._unsaved_gaps = (db, key, found, graph)
        self.gaps = GapIndex(revision, found)
        return self.gaps

    def save_caches(self, *, graph: bool = True) -> None:
        """Keep what the last load or refresh computed in the core's cache, for the next launch.

        Run in a worker after it is shown: the gap list first (~0.1 s
        nationally), the graph (``graph``; pickling a national graph takes a
        few seconds) once everything else is ready. An entry is kept only
        under the key it was computed for, and only while that key still
        holds (same store file state, revision and day): the cache never gets
        a stale entry.
        """
        from sinergi_graph.graph import keep_gap_list
        from sinergi_graph.graph_cache import store_entry

        unsaved_gaps, self._unsaved_gaps = self._unsaved_gaps, None
        db, revision = self._identity()
        if unsaved_gaps is not None and unsaved_gaps[1] == self._gaps_key(db, revision):
            keep_gap_list(*unsaved_gaps)
        if not graph:
            return
        unsaved_graph, self._unsaved_graph = self._unsaved_graph, None
        if unsaved_graph is not None and unsaved_graph[1] == self._graph_key(db, revision):
            path, key, built = unsaved_graph
            with self._live_lock:
                store_entry("graphs", path, key, _bare(built))

    def prepare_refresh(self) -> None:
        """Build what an incremental refresh needs (~2 s nationally, once per full load).

        Run in a worker after the gaps are shown, so the first write after
        start-up does not pay it.
        """
        network, gaps = self.network, self.gaps
        if network is not None and gaps is not None and network.revision == gaps.revision:
            with self._live_lock:
                self._live_of(network, gaps)
                network.prepare_refresh()

    def close(self) -> None:
        """Close the store, then keep the gaps the last refresh reached for the next launch.

        Only now: closing the store checkpoints its write-ahead log into the
        file, which changes the file's state the cache keys hold, so an entry
        kept before would never match again. Kept only when the store is still
        at the refreshed revision (no other process wrote since).
        """
        refreshed, self._refreshed = self._refreshed, None
        self.gate.close()
        if refreshed is None:
            return
        db, revision, gaps, graph = refreshed
        from sinergi_graph.errors import SinergiError
        from sinergi_graph.graph import keep_gap_list
        from sinergi_graph.store.embedded import EmbeddedStore

        try:
            reader = EmbeddedStore(db, read_only=True)
            try:
                current = reader.revision()
            finally:
                reader.close()
        except (SinergiError, OSError):
            return  # the store went away: nothing to keep
        key = self._gaps_key(db, revision)
        if current == revision and key is not None:
            keep_gap_list(db, key, gaps, graph)

    def _live_of(self, network: Network, gaps: GapIndex) -> LiveNetwork:
        from sinergi_graph.live import load_live

        live = self._live
        if live is None or live.graph is not network.graph:
            # GapIndex keeps find_gaps' order (sorted by area, stably).
            live = load_live(
                network.source_rows,
                self.rules,
                catalogue=self.catalogue,
                as_of=self.as_of,
                graph=network.graph,
                gaps=gaps.gaps,
            )
            self._live = live
        return live

    def refresh(self, changes: ChangeSet, before: int) -> bool:
        """Bring network and gaps to the store's revision after it applied ``changes``.

        ``changes`` is what one journalled write applied (an entry's
        ``forward`` after an apply or an edit, its ``inverse`` after an undo),
        ``before`` the store's revision just before it. Returns ``False``, and
        changes nothing, when the write cannot be followed incrementally: the
        loaded network is not that of ``before``, the store moved on by more
        than that one write (another process wrote), or the change reaches
        kegiatan; then load in full (:meth:`load_network`, :meth:`load_gaps`).
        """
        network, gaps = self.network, self.gaps
        if network is None or gaps is None:
            return self._refused("not loaded")
        if network.revision != before or gaps.revision != before:
            return self._refused("loaded another revision")
        revision = self.revision()
        if revision != before + 1:
            return self._refused("the store moved on")
        from sinergi_graph.analysis.simulation_base import records_for
        from sinergi_graph.bulk import cycle_collector_paused
        from sinergi_graph.live import refresh_incremental

        # No cycle collection over the ~3M objects of a national network meanwhile.
        with self._live_lock, cycle_collector_paused():
            live = self._live_of(network, gaps)
            after = refresh_incremental(live, changes)
            if after is None:
                return self._refused("the change reaches kegiatan")
            nodes, actors = after.changed_nodes, after.changed_actors
            if after is live:
                nodes = actors = frozenset()
            self.network = network.refreshed(
                revision,
                after.rows,
                after.graph,
                nodes if nodes is not None else frozenset(after.graph),
                actors if actors is not None else frozenset(a.id for a in after.rows.actors),
                records_for(after.rows, after.graph).actors,
            )
            order = {r.id: i for i, r in enumerate(self.rules)}
            self.gaps = GapIndex.refreshed(gaps, revision, after.gaps, order)
            self._live = after
            # Kept for the next launch when the store closes (not the graph: too big per write).
            db, _ = self._identity()
            self._refreshed = (db, revision, after.gaps, after.graph) if db is not None else None
        self.last_refresh = "incremental"
        return True

    def _refused(self, why: str) -> bool:
        self.last_refresh = why
        return False

    @property
    def day(self) -> date:
        """The day the network is seen as of: the app's as-of date, else today."""
        return self.as_of if self.as_of is not None else date.today()

    @property
    def calendars(self) -> Mapping[str, Calendar]:
        """Bundled calendars with the user's file over them (the bundled ones if it is broken)."""
        if self._calendars is None:
            from sinergi_graph.errors import SinergiError
            from sinergi_graph.stages import bundled_calendars, load_calendars

            try:
                self._calendars = load_calendars(self._calendars_file)
            except SinergiError as exc:
                self.calendar_error = exc.render()
                self._calendars = bundled_calendars()
        return self._calendars

    def stage_now(self) -> StageNow | None:
        """The election stage running on :attr:`day` and the next one."""
        from tui.model.calendar import stage_now

        return stage_now(self.calendars, self.day)

    def due_rules(self) -> frozenset[str]:
        """Rules whose freshness window or deadline is active on :attr:`day`."""
        from tui.model.calendar import due_rules

        return due_rules(self.rules, self.day)

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def kind_label(self, kind: str, lang: str) -> str:
        info = self.catalogue.get(kind)
        return info.label(lang) if info else kind

    def area_within(self, code: str, area: str) -> bool:
        return is_within(code, area)


def _bare(graph: nx.Graph) -> nx.Graph:
    """``graph`` without what was remembered beside it (gap lists, indexes), to pickle it.

    A shallow twin sharing its node and edge tables: the graph itself keeps
    its ``__networkx_cache__`` (a refresh reads it), and the cached graph is
    what ``graph_from_store`` would keep, the graph as built.
    """
    twin = graph.__class__.__new__(graph.__class__)
    twin.__dict__.update(graph.__dict__)
    twin.__dict__["__networkx_cache__"] = {}
    return twin
