"""What a simulation reports: gaps before and after, and what changed.

:class:`SimulationResult` is also the ``simulate --format json`` document
(design.md shape, extra keys allowed).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sinergi_graph.analysis.metric_changes import MetricChanges
from sinergi_graph.changes import Scenario
from sinergi_graph.gaps import Gap
from sinergi_graph.rules import Severity

__all__ = ["SimulationResult", "gap_entry", "severity_weight", "total_weight"]


def severity_weight(gap: Gap) -> int:
    """The weight of a gap's severity (what ``weighted`` totals add up)."""
    return Severity(gap.severity).weight


def total_weight(gaps: Iterable[Gap]) -> int:
    """The sum of :func:`severity_weight` over ``gaps`` (one enum lookup per severity).

    >>> from sinergi_graph.gaps import Reason
    >>> g = Gap("r", "high", Reason.NO_CONTACT, "s", "S", "33", ())
    >>> total_weight([g, g]) == 2 * severity_weight(g)
    True
    """
    counts = Counter(g.severity for g in gaps)
    return sum(Severity(severity).weight * n for severity, n in counts.items())


def gap_entry(gap: Gap, **extra: object) -> dict[str, object]:
    """The JSON object of a closed/opened gap: ``rule`` and ``subject_id`` first."""
    return {
        "rule": gap.rule,
        "subject_id": gap.subject_id,
        "subject_name": gap.subject_name,
        "severity": gap.severity,
        "reason": gap.reason.value,
        "area": gap.area,
        **extra,
    }


@dataclass(frozen=True, slots=True)
class SimulationResult:
    """Gaps before and after a scenario, and what changed."""

    scenario: Scenario
    before: int
    after: int
    before_weighted: int
    after_weighted: int
    closed: tuple[Gap, ...]
    opened: tuple[Gap, ...]
    changed: tuple[tuple[Gap, Gap], ...]
    removed_subjects: frozenset[str]
    pairs_evaluated: int
    seconds: float
    metrics: MetricChanges | None = None
    notes: tuple[str, ...] = ()
    #: Per planned kegiatan id, the institution pairs its meeting makes a contact.
    meetings: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def as_json(self) -> dict[str, object]:
        """The ``simulate --format json`` document (design.md shape, extra keys allowed)."""
        doc: dict[str, object] = {
            "before": {"gaps": self.before, "weighted": self.before_weighted},
            "after": {"gaps": self.after, "weighted": self.after_weighted},
            "closed": [
                gap_entry(g, subject_removed=g.subject_id in self.removed_subjects)
                for g in self.closed
            ],
            "opened": [gap_entry(g) for g in self.opened],
            "changed": [
                {**gap_entry(new), "reason_before": old.reason.value} for old, new in self.changed
            ],
            "scenario": self.scenario.model_dump(mode="json"),
            "evaluation": {"pairs": self.pairs_evaluated, "seconds": round(self.seconds, 6)},
        }
        if self.metrics is not None:
            doc["metrics"] = self.metrics.as_dict()
        if self.notes:
            doc["notes"] = list(self.notes)
        if self.meetings:
            doc["meetings"] = [
                {"id": key, "contacts": [{"source": u, "target": v} for u, v in pairs]}
                for key, pairs in self.meetings
            ]
        return doc
