"""The write side of scenarios: applying changes to the store, saved scenarios, undo.

Layout, by responsibility:

- :mod:`~sinergi_graph.changes` (below analysis) — the change model: ``AddLink``,
  ``RemoveLink``, ``AddActor``, ``RemoveActor``, ``PlanMeeting``, ``Scenario``;
  re-exported here.
- :mod:`.changesets` — a scenario's store operations and what undoes them.
- :mod:`.journal` — the one undo journal (scenarios and TUI edits, one sequence).
- :mod:`.conflicts` — what an undo would throw away, named for the user.
- :mod:`.apply` — apply a scenario, record an edit, undo the latest entry.
- :mod:`.saved` — saved scenarios (save, load, list, delete, compare).
- :mod:`.imports` — imports through the journal, while of a bounded size.

The incremental engine that evaluates a scenario without writing anything is
:mod:`sinergi_graph.analysis.simulation`; this package sits above it.
"""

from __future__ import annotations

from sinergi_graph.changes import (
    AddActor,
    AddLink,
    Change,
    PlanMeeting,
    RemoveActor,
    RemoveLink,
    Scenario,
    parse_change,
)
from sinergi_graph.models import ChangeSet
from sinergi_graph.scenarios.apply import apply_scenario, record_edit, undo_last
from sinergi_graph.scenarios.changesets import execute_changes, forward_changes, inverse_changes
from sinergi_graph.scenarios.conflicts import Conflict, undo_conflicts
from sinergi_graph.scenarios.journal import (
    JOURNAL_NAMESPACE,
    EntryKind,
    JournalEntry,
    journal,
    last_pending,
    migrate_legacy,
)
from sinergi_graph.scenarios.saved import (
    SCENARIO_NAMESPACE,
    Comparison,
    compare_scenarios,
    delete_scenario,
    list_scenarios,
    load_scenario,
    save_scenario,
)

__all__ = [
    "JOURNAL_NAMESPACE",
    "SCENARIO_NAMESPACE",
    "AddActor",
    "AddLink",
    "Change",
    "ChangeSet",
    "Comparison",
    "Conflict",
    "EntryKind",
    "JournalEntry",
    "PlanMeeting",
    "RemoveActor",
    "RemoveLink",
    "Scenario",
    "apply_scenario",
    "compare_scenarios",
    "delete_scenario",
    "execute_changes",
    "forward_changes",
    "inverse_changes",
    "journal",
    "last_pending",
    "list_scenarios",
    "load_scenario",
    "migrate_legacy",
    "parse_change",
    "record_edit",
    "save_scenario",
    "undo_conflicts",
    "undo_last",
]
