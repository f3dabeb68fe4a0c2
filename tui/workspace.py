"""What the screens show, computed without Textual: the network, its gaps, lists and details.

Everything here is plain Python over the core's public functions, so it runs
in worker threads, in tests and in the benchmark alike. The graph and the gap
index are cached per ``store.revision()``: nothing is recomputed until the
network changes, and a national network is indexed once so that every tree
expansion, table fill and gap filter afterwards is a dictionary or bisect hit.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sinergi_graph.areas import AreaIndex, is_within, normalize_code
from sinergi_graph.models import Actor, ActorRow, CoordinationLink, NetworkRows, is_sensitive
from sinergi_graph.text import fold_words
from tui.gate import StoreGate

if TYPE_CHECKING:
    # networkx and the analysis modules are imported where they are used, in
    # workers, so that the first screen does not wait for them.
    import networkx as nx

    from sinergi_graph.analysis.brokerage import BrokerageRoles
    from sinergi_graph.gaps import Gap
    from sinergi_graph.kinds import KindCatalogue
    from sinergi_graph.rules import Rule
    from sinergi_graph.store.protocol import GraphStore
    from sinergi_graph.tabular import FileFormat

#: Most rows the actor table holds; beyond it the user narrows the area or filters.
TABLE_LIMIT = 2000
ROOT = "ID"
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_TO_SPACE = {
    c: " " for c in range(128) if not (chr(c).isdigit() or "a" <= chr(c) <= "z" or c == 10)
}
Progress = Callable[[str, float], None]


def quick_fold(text: str) -> str:
    """:func:`sinergi_graph.text.fold_words`, with a shortcut for plain ASCII text.

    For ASCII the Unicode decomposition is the identity, so the result is the
    same; names with diacritics go through ``fold_words`` itself.
    """
    if text.isascii():
        return " ".join(_NON_ALNUM.sub(" ", text.lower()).split())
    return fold_words(text)


def _prefix_range(keys: Sequence[str], code: str) -> tuple[int, int]:
    """Indices of the sorted area ``keys`` lying in ``code`` (the code or below it)."""
    if code == ROOT:
        return 0, len(keys)
    # Codes are digits and dots: "33.23" < "33.23.01…" < "33.23/" covers exactly the area.
    return bisect.bisect_left(keys, code), bisect.bisect_left(keys, code + "/")


class Network:
    """The coordination graph of one store revision, indexed for the screens."""

    def __init__(self, revision: int, rows: NetworkRows, graph: nx.Graph) -> None:
        self.revision = revision
        self.graph = graph
        self.source_rows = rows
        self.rows: dict[str, ActorRow] = {a.id: a for a in rows.actors}
        self.root_of: dict[str, str] = graph.graph.get("root", {})
        placed: list[tuple[str, str]] = []
        self.unplaced: list[str] = []
        for node, area in graph.nodes(data="area"):
            if area:
                placed.append((area, node))
            else:
                self.unplaced.append(node)
        placed.sort()
        self._areas = [a for a, _ in placed]
        self._nodes = [n for _, n in placed]
        self.unplaced.sort()
        self.search_ids: list[str] = []
        self.search_text = ""
        self.folded_name: dict[str, str] = {}
        self._line_starts: list[int] = []
        self._actor_rows = rows.actors

    @property
    def searchable(self) -> bool:
        return bool(self.search_ids) or not self._actor_rows

    def build_search(self) -> None:
        """Index every actor's folded name and id for search and filtering (once)."""
        if self.searchable:
            return
        rows = self._actor_rows
        # Search text of every actor, one per line of one string, so a word is
        # found by one C-speed scan instead of a Python loop over 600k names.
        ids = [a.id for a in rows]
        texts = [f"{a.name} {a.id}" for a in rows]
        for i, text in enumerate(texts):
            if not text.isascii() or "\n" in text:
                texts[i] = fold_words(text)
        # Fold all names in a few C-speed passes (same result as fold_words per name).
        blob = "\n".join(texts).lower().translate(_TO_SPACE)
        while "  " in blob:
            blob = blob.replace("  ", " ")
        blob = blob.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
        texts = blob.split("\n") if texts else []
        self.search_text = blob
        starts: list[int] = []
        pos = 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        self.folded_name = dict(zip(ids, texts, strict=True))
        self._line_starts = starts
        self.search_ids = ids

    def __len__(self) -> int:
        return int(self.graph.number_of_nodes())

    def node_of(self, actor_id: str) -> str | None:
        """The graph node an actor is shown as: itself or its institution."""
        if actor_id in self.graph:
            return actor_id
        return self.root_of.get(actor_id)

    def actor_count(self, code: str) -> int:
        """Institutions (and unattached people) located in ``code`` or below."""
        lo, hi = _prefix_range(self._areas, code)
        return hi - lo + (len(self.unplaced) if code == ROOT else 0)

    def nodes_in(self, code: str) -> list[str]:
        lo, hi = _prefix_range(self._areas, code)
        found = self._nodes[lo:hi]
        return [*self.unplaced, *found] if code == ROOT else found

    def link_count(self, node: str) -> int:
        return int(sum(int(d.get("count", 1)) for d in self.graph._adj[node].values()))

    def name(self, actor_id: str) -> str:
        row = self.rows.get(actor_id)
        return row.name if row else actor_id

    def kind(self, actor_id: str) -> str:
        row = self.rows.get(actor_id)
        return row.kind if row else ""

    def focus_area(self) -> str:
        """The smallest area that holds every placed institution (``ID`` if none)."""
        if not self._areas or self.unplaced:
            return ROOT
        first, last = self._areas[0], self._areas[-1]
        common = ROOT
        for n in (2, 5, 8, 13):
            if len(first) >= n and len(last) >= n and first[:n] == last[:n]:
                common = first[:n]
            else:
                break
        return common

    def find_lines(self, token: str, cap: int) -> list[int]:
        """Indices (into ``search_ids``) of the actors whose search text contains ``token``."""
        found: list[int] = []
        last = -1
        starts = self._line_starts
        for match in re.finditer(re.escape(token), self.search_text):
            line = bisect.bisect_right(starts, match.start()) - 1
            if line != last:
                found.append(line)
                last = line
                if len(found) >= cap:
                    break
        return found


class GapIndex:
    """Open gaps sorted by area, so an area's gaps are one bisect away."""

    def __init__(self, revision: int, gaps: Iterable[Gap]) -> None:
        self.revision = revision
        self.gaps = sorted(gaps, key=lambda g: g.area)
        self._areas = [g.area for g in self.gaps]
        self.by_subject: dict[str, list[Gap]] = {}
        for g in self.gaps:
            self.by_subject.setdefault(g.subject_id, []).append(g)

    def __len__(self) -> int:
        return len(self.gaps)

    def count(self, code: str) -> int:
        lo, hi = _prefix_range(self._areas, code)
        return hi - lo

    def in_area(self, code: str) -> list[Gap]:
        lo, hi = _prefix_range(self._areas, code)
        return self.gaps[lo:hi]

    def of(self, node: str) -> list[Gap]:
        return self.by_subject.get(node, [])


@dataclass(frozen=True, slots=True)
class GapFilter:
    """What the gaps screen shows: an area and optional rule / severity / reason."""

    area: str = ROOT
    rule: str | None = None
    severity: str | None = None
    reason: str | None = None

    def matches(self, gap: Gap) -> bool:
        return (
            (self.rule is None or gap.rule == self.rule)
            and (self.severity is None or gap.severity == self.severity)
            and (self.reason is None or gap.reason.value == self.reason)
        )


def filter_gaps(index: GapIndex, flt: GapFilter) -> list[Gap]:
    return [g for g in index.in_area(flt.area) if flt.matches(g)]


def counts_per_rule(index: GapIndex, flt: GapFilter) -> Counter[str]:
    """Gaps per rule in the filter's area, with its severity and reason applied (not its rule)."""
    other = GapFilter(flt.area, None, flt.severity, flt.reason)
    return Counter(g.rule for g in index.in_area(flt.area) if other.matches(g))


def export_gaps(gaps: Sequence[Gap], fmt: FileFormat, path: Path) -> Path:
    """Write ``gaps`` as the stable gap rows (design.md) to ``path``; returns the path."""
    from sinergi_graph.gaps import GAP_COLUMNS
    from sinergi_graph.tabular import write_rows

    write_rows([g.as_row() for g in gaps], GAP_COLUMNS, fmt, path, title="gaps")
    return path


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem-2.suffix`` … when that file exists already."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


# --------------------------------------------------------------------------
# The actor table


SORT_KEYS = ("kind", "name", "links", "gaps")


@dataclass(frozen=True, slots=True)
class ActorLine:
    """One row of the actor table."""

    id: str
    kind: str
    name: str
    area: str
    links: int
    gaps: int


@dataclass(frozen=True, slots=True)
class ActorListing:
    lines: list[ActorLine]
    total: int  # rows matching before the table limit


def list_actors(
    network: Network,
    gaps: GapIndex | None,
    code: str,
    *,
    text: str = "",
    sort: str = "kind",
    descending: bool = False,
    kind_label: Callable[[str], str] = str,
    limit: int = TABLE_LIMIT,
) -> ActorListing:
    """Actors (institutions) in ``code``, filtered by ``text`` and sorted by a column.

    The filter matches every word of ``text`` against the name, id and kind
    label, ignoring case and diacritics; only the first ``limit`` rows are kept.
    """
    nodes = network.nodes_in(code)
    data = network.graph.nodes
    tokens = quick_fold(text).split()
    if tokens:
        kind_text: dict[str, str] = {}
        folded = network.folded_name
        kept = []
        for n in nodes:
            kind = data[n].get("kind", "")
            ktext = kind_text.get(kind)
            if ktext is None:
                ktext = kind_text[kind] = quick_fold(f"{kind} {kind_label(kind)}")
            hay = folded.get(n) or quick_fold(f"{data[n].get('name', '')} {n}")
            if all(t in hay or t in ktext for t in tokens):
                kept.append(n)
        nodes = kept
    total = len(nodes)

    def gap_count(n: str) -> int:
        return len(gaps.of(n)) if gaps is not None else 0

    key: Callable[[str], tuple[object, ...]]
    if sort == "name":
        key = lambda n: (data[n].get("name", "").casefold(), n)  # noqa: E731
    elif sort == "links":
        key = lambda n: (network.link_count(n), n)  # noqa: E731
    elif sort == "gaps":
        key = lambda n: (gap_count(n), n)  # noqa: E731
    else:
        key = lambda n: (  # noqa: E731
            len(data[n].get("area") or ""),
            data[n].get("kind", ""),
            data[n].get("name", "").casefold(),
            n,
        )
    if len(nodes) > limit:
        pick = heapq.nlargest if descending else heapq.nsmallest
        nodes = pick(limit, nodes, key=key)
    else:
        nodes = sorted(nodes, key=key, reverse=descending)
    lines = [
        ActorLine(
            n,
            data[n].get("kind", ""),
            data[n].get("name", n),
            data[n].get("area") or "",
            network.link_count(n),
            gap_count(n),
        )
        for n in nodes
    ]
    return ActorListing(lines, total)


# --------------------------------------------------------------------------
# The actor detail


@dataclass(frozen=True, slots=True)
class Partner:
    id: str
    name: str
    kind: str
    links: int
    last_date: str | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    day: str  # ISO date or "" when undated
    type: str
    topic: str
    other_id: str
    other_name: str
    via: str  # the member who took part, "" when the actor itself
    link_id: str = ""


@dataclass
class ActorDetail:
    actor: Actor
    node: str  # the graph node the actor is folded on (itself or its institution)
    institution: Actor | None
    members: list[Actor]
    partners: dict[str, list[Partner]]  # kind -> partners
    timeline: list[TimelineEntry]
    gaps: list[Gap]
    brokerage: BrokerageRoles | None
    attributes: list[tuple[str, str, bool]] = field(default_factory=list)  # (field, value, private)

    @property
    def main_role(self) -> str | None:
        """The Gould–Fernandez role this actor plays most, ``None`` if it brokers nothing."""
        from sinergi_graph.analysis.brokerage import ROLES

        if self.brokerage is None or self.brokerage.total == 0:
            return None
        counts = self.brokerage.as_dict()
        return max(ROLES, key=lambda r: (counts[r], -ROLES.index(r)))


def actor_attributes(actor: Actor) -> list[tuple[str, str, bool]]:
    """``(field, value, is_private)`` for every filled attribute, contacts marked private."""
    out: list[tuple[str, str, bool]] = [("id", actor.id, False)]
    for name in ("kind", "name", "area", "member_of", "phone", "email", "note"):
        value = getattr(actor, name)
        if value:
            out.append((name, str(value), is_sensitive(name)))
    for key in sorted(actor.properties):
        out.append((key, actor.properties[key], is_sensitive(key)))
    return out


def load_detail(
    gate: StoreGate,
    network: Network,
    gaps: GapIndex | None,
    actor_id: str,
) -> ActorDetail | None:
    """Everything the detail panel shows for ``actor_id`` (``None`` if it is gone)."""
    from sinergi_graph.analysis.brokerage import brokerage_roles

    node = network.node_of(actor_id) or actor_id

    def fetch(
        store: GraphStore,
    ) -> tuple[Actor, Actor | None, list[Actor], list[tuple[CoordinationLink, str]]] | None:
        actor = store.get_actor(actor_id)
        if actor is None:
            return None
        institution = store.get_actor(actor.member_of) if actor.member_of else None
        member_ids = (
            network.graph.nodes[actor_id].get("members", []) if actor_id in network.graph else []
        )
        members = store.actors(member_ids) if member_ids else []
        links: list[tuple[CoordinationLink, str]] = [(lk, "") for lk in store.links_of(actor_id)]
        for m in members:
            links.extend((lk, m.id) for lk in store.links_of(m.id))
        return actor, institution, members, links

    fetched = gate.call(fetch)
    if fetched is None:
        return None
    actor, institution, members, links = fetched
    member_ids = {m.id for m in members}
    timeline: list[TimelineEntry] = []
    seen: set[str] = set()
    for link, via in links:
        if link.id in seen:
            continue
        seen.add(link.id)
        ends = (link.source, link.target)
        mine = {actor_id, *member_ids}
        other = next((e for e in ends if e not in mine), None)
        if other is None:  # a link inside the institution (member to member)
            other = link.target
        timeline.append(
            TimelineEntry(
                link.date.isoformat() if link.date else "",
                link.type,
                link.topic or "",
                other,
                network.name(other),
                via,
                link.id,
            )
        )
    timeline.sort(key=lambda e: (e.day or "9999", e.other_name), reverse=True)
    partners: dict[str, list[Partner]] = {}
    G = network.graph
    if node in G:
        for other, data in G._adj[node].items():
            kind = G.nodes[other].get("kind", "")
            partners.setdefault(kind, []).append(
                Partner(
                    other,
                    G.nodes[other].get("name", other),
                    kind,
                    int(data.get("count", 1)),
                    data.get("last_date"),
                )
            )
    for plist in partners.values():
        plist.sort(key=lambda p: (p.name, p.id))
    roles = brokerage_roles(G, nodes=[node]).get(node) if node in G else None
    return ActorDetail(
        actor=actor,
        node=node,
        institution=institution,
        members=sorted(members, key=lambda m: m.id),
        partners=dict(sorted(partners.items())),
        timeline=timeline,
        gaps=list(gaps.of(node)) if gaps is not None else [],
        brokerage=roles,
        attributes=actor_attributes(actor),
    )


# --------------------------------------------------------------------------
# Search (the command palette)


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "area" or "actor"
    id: str
    label: str
    detail: str
    score: float


def _score(folded: str, tokens: list[str], whole: str) -> float:
    if folded == whole:
        return 1.0
    if folded.startswith(whole):
        return 0.9
    words = folded.split()
    starts = sum(1 for t in tokens if any(w.startswith(t) for w in words))
    return 0.5 + 0.3 * starts / len(tokens) - min(len(folded), 80) / 1000


def _fuzzy(folded: str, query: str) -> bool:
    """Every character of ``query`` appears in ``folded`` in order."""
    pos = 0
    for ch in query:
        pos = folded.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


#: Above this many actors, search matches words only (no letter-by-letter fuzzy pass).
FUZZY_LIMIT = 60_000
#: Most lines one word scan collects before ranking.
SCAN_CAP = 5_000


def search(
    query: str,
    areas: AreaIndex,
    network: Network | None,
    *,
    kind_label: Callable[[str], str] = str,
    limit: int = 30,
) -> list[SearchHit]:
    """Actors and areas whose name, id or code matches ``query``, best first.

    Case, spacing and diacritics are ignored (as ``sinergi_graph.text.fold_words``
    does); every word of the query must appear in the name or id, or — on a
    network of regency size, when words alone find too little — its letters
    must appear in order ("pps tps" finds "PPS Kalurahan Tepus").
    """
    whole = quick_fold(query)
    if not whole:
        return []
    tokens = whole.split()
    hits: dict[tuple[str, str], SearchHit] = {}
    code = normalize_code(query)
    if code is not None and code in areas:
        hits[("area", code)] = SearchHit("area", code, areas.name(code), code, 1.1)

    def add_actor(actor_id: str, score: float) -> None:
        if network is None or ("actor", actor_id) in hits:
            return
        row = network.rows[actor_id]
        detail = f"{kind_label(row.kind)} · {row.area or ROOT}"
        hits[("actor", actor_id)] = SearchHit("actor", actor_id, row.name, detail, score)

    if network is not None and query.strip() in network.rows:
        add_actor(query.strip(), 1.1)
    for area in areas.find(whole, limit=limit * 4):
        key = ("area", area.code)
        if key not in hits:
            score = _score(quick_fold(area.name), tokens, whole)
            if network is not None and network.actor_count(area.code) == 0:
                score -= 0.6  # areas the network has nothing in come after the rest
            hits[key] = SearchHit("area", area.code, area.name, area.code, score)
    if network is not None and network.searchable:
        ids, folded = network.search_ids, network.folded_name
        longest = max(tokens, key=len)
        for line in network.find_lines(longest, SCAN_CAP):
            actor_id = ids[line]
            text = folded[actor_id]
            if all(t in text for t in tokens):
                add_actor(actor_id, _score(text, tokens, whole) + 0.05)
        if len(hits) < limit and len(ids) <= FUZZY_LIMIT:
            squeezed = whole.replace(" ", "")
            for actor_id in ids:
                if ("actor", actor_id) not in hits and _fuzzy(folded[actor_id], squeezed):
                    add_actor(actor_id, 0.3 - min(len(folded[actor_id]), 80) / 1000)
    ranked = sorted(hits.values(), key=lambda h: (-h.score, h.label, h.id))
    return ranked[:limit]


# --------------------------------------------------------------------------
# The workspace: store + caches


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
    ) -> None:
        self.gate = gate
        self.catalogue = catalogue
        self.rules = rules
        self._areas = areas
        self.as_of = as_of
        self.network: Network | None = None
        self.gaps: GapIndex | None = None

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

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def kind_label(self, kind: str, lang: str) -> str:
        info = self.catalogue.get(kind)
        return info.label(lang) if info else kind

    def area_within(self, code: str, area: str) -> bool:
        return is_within(code, area)
