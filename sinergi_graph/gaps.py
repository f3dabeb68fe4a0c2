"""Coordination gaps: where a required contact is missing, stale, or impossible.

Every gap has a reason: ``no_contact`` (counterparts exist in scope but none is
linked), ``no_counterpart`` (nobody of that kind is recorded in scope: a data
gap), ``stale`` (the last contact is older than the rule allows). A stale gap
says which requirement it misses (``missed``): the rule's freshness ``window``
(no contact in the last N days while a stage runs) or its ``deadline`` (no
first contact within N days of a stage's start); see :mod:`sinergi_graph.rules`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from sinergi_graph.areas import CODE_LENGTH, is_within, truncate
from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.rules import Rule

if TYPE_CHECKING:
    # Only for annotations: gaps read the graph's dicts, and a run that reads its
    # gaps from the cache (sinergi_graph.graph_cache) never imports networkx.
    import networkx as nx

__all__ = [
    "GAP_COLUMNS",
    "CounterpartIndex",
    "Evaluated",
    "Gap",
    "Reason",
    "Window",
    "evaluate_subject",
    "find_gaps",
    "freshness",
    "remember_gaps",
    "remembered_gaps",
    "subjects_of",
]


class Reason(StrEnum):
    NO_CONTACT = "no_contact"
    NO_COUNTERPART = "no_counterpart"
    STALE = "stale"


@dataclass(frozen=True, slots=True)
class Gap:
    """One missing coordination: ``subject`` lacks contact required by ``rule``."""

    rule: str
    severity: str
    reason: Reason
    subject_id: str
    subject_name: str
    area: str
    counterpart_ids: tuple[str, ...]
    last_contact: str | None = None
    #: For ``stale``: ``"window"`` or ``"deadline"``, the requirement the contacts miss.
    missed: str = ""
    #: For ``stale``: the link or activity id of the last contact.
    via: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.rule, self.subject_id)

    def as_row(self) -> dict[str, str]:
        """The stable CSV/JSON row (design.md), ``counterpart_ids`` ``;``-separated."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "reason": self.reason.value,
            "subject_id": self.subject_id,
            "subject_name": self.subject_name,
            "area": self.area,
            "counterpart_ids": ";".join(self.counterpart_ids),
            "last_contact": self.last_contact or "",
            "missed": self.missed,
            "via": self.via,
        }


GAP_COLUMNS = (
    "rule",
    "severity",
    "reason",
    "subject_id",
    "subject_name",
    "area",
    "counterpart_ids",
    "last_contact",
    "missed",
    "via",
)


@dataclass(frozen=True, slots=True)
class Window:
    """Dates (ISO, inclusive; ``None`` = open) one contact must fall in, and its name."""

    since: str | None
    until: str | None
    missed: str

    def holds(self, dates: Iterable[str]) -> bool:
        return any(
            (self.since is None or d >= self.since) and (self.until is None or d <= self.until)
            for d in dates
        )

    def as_param(self) -> dict[str, str | None]:
        """The window as the Cypher gap query takes it (``queries/gaps.cypher``)."""
        return {"since": self.since, "until": self.until, "missed": self.missed}


def freshness(rule: Rule, as_of: date | None) -> tuple[Window, ...]:
    """The date windows a contact must meet under ``rule`` on ``as_of`` (default today).

    Empty when any contact counts. The deadline applies from the day after it
    until the end of its stage; the window while its stage runs (always when
    the rule names no stage).

    Examples
    --------
    >>> from sinergi_graph.rules import default_rules
    >>> rule = next(r for r in default_rules() if r.id == "pps-kades")
    >>> [(w.missed, w.since, w.until) for w in freshness(rule, date(2023, 6, 1))]
    [('deadline', '2023-01-17', '2023-02-16'), ('window', '2023-02-01', None)]
    >>> freshness(rule, date(2025, 1, 1))
    ()
    """
    day = as_of or date.today()
    windows: list[Window] = []
    checked = rule.due_checked_until is None or day <= rule.due_checked_until
    if rule.due_by is not None and rule.due_by < day and checked:
        since = rule.due_from.isoformat() if rule.due_from else None
        windows.append(Window(since, rule.due_by.isoformat(), "deadline"))
    if rule.max_age_days is not None:
        running = rule.window_from is None or rule.window_from <= day
        running = running and (rule.window_to is None or day <= rule.window_to)
        if running:
            since = (day - timedelta(days=rule.max_age_days)).isoformat()
            windows.append(Window(since, None, "window"))
    return tuple(windows)


class CounterpartIndex:
    """Actors of each kind grouped by area prefix, so a scope lookup is one dict hit.

    The one area-kind index of the core. It always holds the counterpart kinds
    of ``rules`` at their rules' scopes (:meth:`in_scope`, what gap evaluation
    needs); with ``subjects=True`` it also holds the subject kinds
    (:meth:`subjects_in_scope`, what an incremental simulation needs to find the
    subjects a new or removed counterpart concerns). :meth:`add` and
    :meth:`remove` keep it current when a simulation adds or removes actors.

    Examples
    --------
    >>> import networkx as nx
    >>> from sinergi_graph.rules import default_rules
    >>> G = nx.Graph()
    >>> G.add_node("pps", kind="PPS", area="34.03.07.2004")
    >>> G.add_node("lurah", kind="LURAH", area="34.03.07.2004")
    >>> rule = next(r for r in default_rules() if r.id == "pps-kades")
    >>> index = CounterpartIndex(G, [rule], subjects=True)
    >>> index.in_scope(rule, "34.03.07.2004"), index.subjects_in_scope(rule, "34.03.07.2004")
    (['lurah'], ['pps'])
    """

    def __init__(
        self,
        G: nx.Graph,
        rules: Sequence[Rule],
        *,
        subjects: bool = False,
        counterparts: bool = True,
    ) -> None:
        self._lengths: dict[str, set[int]] = {}
        for rule in rules:
            n = CODE_LENGTH[rule.scope.level]
            if counterparts:
                for kind in rule.counterparts:
                    self._lengths.setdefault(kind, set()).add(n)
            if subjects:
                self._lengths.setdefault(rule.subject, set()).add(n)
        self._index: dict[tuple[str, str], list[str]] = {}
        # Buckets this index may change in place; ``None``: all of them (not a fork).
        self._owned: set[tuple[str, str]] | None = None
        lengths = self._lengths
        index = self._index
        # The loop of :meth:`add`, inlined: it runs once per node of a national graph.
        for node, data in G._node.items():
            area = data.get("area")
            if not area:
                continue
            kind = data.get("kind", "")
            for n in lengths.get(kind, ()):
                if len(area) >= n:
                    key = (kind, area[:n])
                    bucket = index.get(key)
                    if bucket is None:
                        index[key] = [node]
                    else:
                        bucket.append(node)

    def fork(self) -> CounterpartIndex:
        """An index equal to this one that can change without changing this one.

        The buckets are shared until the fork changes one (copy on write), so a
        fork of a national index costs one dict copy, not a rebuild. This index
        must not change afterwards (forks would see it).
        """
        twin = object.__new__(CounterpartIndex)
        twin._lengths = self._lengths
        twin._index = self._index.copy()
        twin._owned = set()
        return twin

    def _bucket(self, key: tuple[str, str]) -> list[str] | None:
        bucket = self._index.get(key)
        if bucket is not None and self._owned is not None and key not in self._owned:
            bucket = self._index[key] = list(bucket)
            self._owned.add(key)
        return bucket

    def add(self, node: str, kind: str, area: str | None) -> None:
        if not area:
            return
        for n in self._lengths.get(kind, ()):
            if len(area) >= n:
                key = (kind, area[:n])
                bucket = self._bucket(key)
                if bucket is None:
                    self._index[key] = [node]
                    if self._owned is not None:
                        self._owned.add(key)
                else:
                    bucket.append(node)

    def remove(self, node: str, kind: str, area: str | None) -> None:
        if not area:
            return
        for n in self._lengths.get(kind, ()):
            key = (kind, area[:n])
            shared = self._index.get(key)
            if shared is not None and node in shared:
                bucket = self._bucket(key)
                if bucket is not None:
                    bucket.remove(node)

    def _of(self, kinds: Iterable[str], rule: Rule, area: str) -> list[str]:
        key = truncate(area, rule.scope.level)
        if key is None:
            return []
        return self.at(kinds, key)

    def at(self, kinds: Iterable[str], key: str) -> list[str]:
        """The actors of ``kinds`` whose area starts with the scope code ``key``."""
        found: list[str] = []
        index = self._index
        for kind in kinds:
            bucket = index.get((kind, key))
            if bucket:
                found.extend(bucket)
        return found

    def in_scope(self, rule: Rule, area: str) -> list[str]:
        """The actors of ``rule``'s counterpart kinds in its scope around ``area``."""
        return self._of(rule.counterparts, rule, area)

    def subjects_in_scope(self, rule: Rule, area: str) -> list[str]:
        """The actors of ``rule``'s subject kind in its scope around ``area``.

        Only filled when the index was built with ``subjects=True``.
        """
        return self._of((rule.subject,), rule, area)


def evaluate_subject(
    G: nx.Graph,
    rule: Rule,
    subject: str,
    index: CounterpartIndex,
    *,
    windows: Sequence[Window] = (),
) -> Gap | None:
    """The gap of one subject under one rule, or ``None`` when it is covered.

    ``windows`` are the freshness requirements on the evaluation day
    (:func:`freshness`); with none, any contact counts.
    """
    # The dicts directly, not networkx's views: this runs ~200k times nationally.
    data = G._node[subject]
    area = data.get("area")
    if not area:
        return None
    key = truncate(area, rule.scope.level)
    if key is None:
        return None
    candidates = [c for c in index.at(rule.counterparts, key) if c != subject]
    common = (rule.id, rule.severity.value)
    if not candidates:
        return Gap(*common, Reason.NO_COUNTERPART, subject, data["name"], area, ())
    neighbours = G._adj[subject]
    last: str | None = None
    via = ""
    contacted = False
    dates: list[str] = []
    for c in candidates:
        edge = neighbours.get(c)
        if edge is None:
            continue
        contacted = True
        if not windows:
            return None
        day = edge["last_date"]
        if day is not None and (last is None or day > last):
            last = day
            via = edge.get("last_via") or ""
        elif day is not None and day == last and (edge.get("last_via") or "") < via:
            via = edge.get("last_via") or ""
        dates.extend(edge.get("dates") or ([day] if day is not None else []))
    if not contacted:
        return Gap(
            *common, Reason.NO_CONTACT, subject, data["name"], area, tuple(sorted(candidates))
        )
    failed = next((w for w in windows if not w.holds(dates)), None)
    if failed is None:
        return None
    return Gap(
        *common,
        Reason.STALE,
        subject,
        data["name"],
        area,
        tuple(sorted(candidates)),
        last,
        failed.missed,
        via,
    )


def subjects_of(G: nx.Graph, kinds: Iterable[str], area: str | None = None) -> dict[str, list[str]]:
    """Node ids by kind for the given kinds, optionally only those inside ``area``."""
    wanted = set(kinds)
    found: dict[str, list[str]] = {k: [] for k in wanted}
    for node, data in G.nodes(data=True):
        kind = data.get("kind")
        if kind in wanted:
            node_area = data.get("area")
            if area and area != "ID" and not (node_area and is_within(node_area, area)):
                continue
            found[kind].append(node)
    return found


def find_gaps(
    G: nx.Graph,
    rules: Sequence[Rule],
    *,
    area: str | None = None,
    as_of: date | None = None,
) -> list[Gap]:
    """Every (rule, subject) pair whose required coordination is missing.

    Parameters
    ----------
    G : networkx.Graph
        The coordination graph from :func:`sinergi_graph.graph.build_graph`
        (build it with the same ``as_of`` to ignore later links).
    rules : sequence of Rule
        The rules to check, in report order.
    area : str, optional
        Only subjects inside this area code (any level; ``"ID"`` for all).
    as_of : date, optional
        Day the freshness windows count back from (default: today).

    Returns
    -------
    list of Gap
        Sorted by area, then rule order, then subject id.

    Examples
    --------
    >>> import networkx as nx
    >>> from sinergi_graph.rules import default_rules
    >>> G = nx.Graph()
    >>> G.add_node("pps", kind="PPS", name="PPS Tepus", area="34.03.07.2004")
    >>> G.add_node("lurah", kind="LURAH", name="Lurah Tepus", area="34.03.07.2004")
    >>> rules = [r for r in default_rules() if r.id == "pps-kades"]
    >>> [(g.rule, g.reason.value, g.counterpart_ids) for g in find_gaps(G, rules)]
    [('pps-kades', 'no_contact', ('lurah',))]
    >>> G.add_edge("pps", "lurah", last_date="2023-10-05")
    >>> find_gaps(G, rules)
    []
    """
    with cycle_collector_paused():
        return _find_gaps(G, rules, area, as_of)


# The whole-graph gap list and counterpart index of a graph find_gaps evaluated,
# per (rules, day), so that a simulation started on the same graph (the TUI's
# planner, after the gap counts) need not evaluate it again. Kept in networkx's
# per-graph cache, which every networkx mutation clears, so an entry never
# outlives the graph it describes.
_CACHE_KEY = "sinergi_gaps"


class Evaluated:
    """What :func:`find_gaps` computed on a whole graph: its index and its gaps (read only)."""

    __slots__ = ("_by_key", "gaps", "index")

    def __init__(
        self,
        index: CounterpartIndex,
        gaps: tuple[Gap, ...],
        by_key: dict[tuple[str, str], Gap] | None = None,
    ) -> None:
        self.index = index
        self.gaps = gaps
        self._by_key = by_key

    @property
    def by_key(self) -> dict[tuple[str, str], Gap]:
        """The gaps by (rule, subject), built on first need; never change it."""
        if self._by_key is None:
            self._by_key = {(g.rule, g.subject_id): g for g in self.gaps}
        return self._by_key


def _evaluation_key(G: nx.Graph, rules: Sequence[Rule], as_of: date | None) -> tuple[object, ...]:
    # The node and member counts guard against a graph changed in place after all.
    return (tuple(rules), as_of or date.today(), len(G._node), len(G.graph.get("root", ())))


def remember_gaps(
    G: nx.Graph,
    rules: Sequence[Rule],
    as_of: date | None,
    index: CounterpartIndex,
    gaps: Sequence[Gap],
    by_key: dict[tuple[str, str], Gap] | None = None,
) -> None:
    """Record that ``gaps`` (ordered as :func:`find_gaps` orders them) are ``G``'s gaps.

    ``index`` is ``G``'s counterpart index for ``rules`` and ``by_key``, when
    given, the same gaps by (rule, subject); none may change afterwards.
    """
    cache = G.__networkx_cache__.setdefault(_CACHE_KEY, {})
    cache[_evaluation_key(G, rules, as_of)] = Evaluated(index, tuple(gaps), by_key)


def remembered_gaps(G: nx.Graph, rules: Sequence[Rule], as_of: date | None) -> Evaluated | None:
    """The whole-graph evaluation :func:`find_gaps` (or :func:`remember_gaps`) kept for ``G``."""
    found = getattr(G, "__networkx_cache__", {}).get(_CACHE_KEY)
    return found.get(_evaluation_key(G, rules, as_of)) if found else None


def _find_gaps(
    G: nx.Graph, rules: Sequence[Rule], area: str | None, as_of: date | None
) -> list[Gap]:
    whole = not area or area == "ID"
    index = CounterpartIndex(G, rules)
    subjects = subjects_of(G, {r.subject for r in rules}, area)
    order = {r.id: i for i, r in enumerate(rules)}
    gaps: list[Gap] = []
    for rule in rules:
        windows = freshness(rule, as_of)
        for node in subjects[rule.subject]:
            gap = evaluate_subject(G, rule, node, index, windows=windows)
            if gap is not None:
                gaps.append(gap)
    gaps.sort(key=lambda g: (g.area, order[g.rule], g.subject_id))
    if whole:
        remember_gaps(G, rules, as_of, index, gaps)
    return gaps
