"""The TUI's view model: what the screens show, computed without Textual.

Plain Python over the core's public functions, so it runs in worker threads,
in tests and in the benchmark alike (and imports without Textual installed).

- :mod:`~tui.model.network` — the graph of one store revision, indexed by area
- :mod:`~tui.model.gaps` — open gaps by area, the gap filter
- :mod:`~tui.model.gap_files` — gap exports, as ``sinergi gaps --output`` writes them
- :mod:`~tui.model.listing` — the actor table of an area
- :mod:`~tui.model.detail` — one actor's detail
- :mod:`~tui.model.search` — the palette's and pickers' search
- :mod:`~tui.model.workspace` — the store with the caches of its current revision
"""

from __future__ import annotations

from tui.model.detail import ActorDetail, Partner, TimelineEntry, actor_attributes, load_detail
from tui.model.gap_files import export_gaps, free_path
from tui.model.gaps import GapFilter, GapIndex, counts_per_rule, filter_gaps
from tui.model.listing import SORT_KEYS, TABLE_LIMIT, ActorLine, ActorListing, list_actors
from tui.model.network import ROOT, Network, Progress, prefix_range, quick_fold
from tui.model.search import FUZZY_LIMIT, SCAN_CAP, SearchHit, search
from tui.model.workspace import Workspace

__all__ = [
    "FUZZY_LIMIT",
    "ROOT",
    "SCAN_CAP",
    "SORT_KEYS",
    "TABLE_LIMIT",
    "ActorDetail",
    "ActorLine",
    "ActorListing",
    "GapFilter",
    "GapIndex",
    "Network",
    "Partner",
    "Progress",
    "SearchHit",
    "TimelineEntry",
    "Workspace",
    "actor_attributes",
    "counts_per_rule",
    "export_gaps",
    "filter_gaps",
    "free_path",
    "list_actors",
    "load_detail",
    "prefix_range",
    "quick_fold",
    "search",
]
