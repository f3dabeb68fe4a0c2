"""Where the election calendar stands on the app's day: the stage running and the next one.

The status bar shows the current stage of the default calendar (Pemilu 2024)
and the days to the next stage. When that calendar has nothing running and
nothing ahead on the day (it is over), the next bundled calendar that has is
shown instead — after April 2024 that is the Pilkada, which is what a
coordinator is working towards then.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sinergi_graph.gaps import freshness
from sinergi_graph.rules import Rule
from sinergi_graph.stages import DEFAULT_CALENDAR, Calendar, Stage

__all__ = ["StageNow", "due_rules", "stage_now"]


@dataclass(frozen=True, slots=True)
class StageNow:
    """The calendar shown, its stage running on ``day`` and the next stage to start."""

    calendar: Calendar
    day: date
    current: Stage | None
    upcoming: Stage | None

    @property
    def days_to_next(self) -> int | None:
        return (self.upcoming.start - self.day).days if self.upcoming is not None else None


def stage_now(calendars: Mapping[str, Calendar], day: date) -> StageNow | None:
    """The stage of the default calendar on ``day`` (or of the first calendar still running)."""
    order = sorted(calendars, key=lambda cid: (cid != DEFAULT_CALENDAR, cid))
    found: list[StageNow] = []
    for cid in order:
        cal = calendars[cid]
        found.append(StageNow(cal, day, cal.current_stage(day), cal.next_stage(day)))
    for now in found:
        if now.current is not None or now.upcoming is not None:
            return now
    return found[0] if found else None


def due_rules(rules: Iterable[Rule], day: date) -> frozenset[str]:
    """Ids of the rules with a freshness window or deadline active on ``day``."""
    return frozenset(r.id for r in rules if freshness(r, day))
