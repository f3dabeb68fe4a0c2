"""The store (behind its gate) with the network and gaps of its current revision.

The graph and the gap index are cached per ``store.revision()``: nothing is
recomputed until the network changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sinergi_graph.areas import AreaIndex, is_within
from tui.gate import StoreGate
from tui.model.gaps import GapIndex
from tui.model.network import Network, Progress

if TYPE_CHECKING:
    from sinergi_graph.kinds import KindCatalogue
    from sinergi_graph.rules import Rule
    from sinergi_graph.stages import Calendar
    from tui.model.calendar import StageNow

__all__ = ["Workspace"]


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

    def load_network(self, progress: Progress | None = None) -> Network:
        """Read the store and build the graph (cached while the revision stays the same)."""
        report = progress or (lambda _stage, _fraction: None)
        revision = self.revision()
        if self.network is not None and self.network.revision == revision:
            return self.network
        report("read", 0.05)
        rows = self.gate.call(lambda s: s.network_rows())
        report("graph", 0.35)
        from sinergi_graph.graph import build_graph

        graph = build_graph(rows, catalogue=self.catalogue, as_of=self.as_of)
        report("index", 0.6)
        self.network = Network(revision, rows, graph)
        return self.network

    def load_gaps(self, progress: Progress | None = None) -> GapIndex:
        """Evaluate every rule on the current network (cached per revision)."""
        report = progress or (lambda _stage, _fraction: None)
        network = self.network if self.network is not None else self.load_network(progress)
        if self.gaps is not None and self.gaps.revision == network.revision:
            return self.gaps
        report("gaps", 0.7)
        from sinergi_graph.gaps import find_gaps

        found = find_gaps(network.graph, self.rules, as_of=self.as_of)
        self.gaps = GapIndex(network.revision, found)
        report("done", 1.0)
        return self.gaps

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
