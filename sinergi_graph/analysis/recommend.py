"""Recommendations: which few new partnerships do the most good.

Three separate lists, never mixed:

* :func:`plan_links` — at most K new links closing the most severity-weighted
  rule gaps, each with the gaps it closes and who could introduce the sides;
* :func:`resilience_links` — the fewest new PPS/PPK–KPU links that remove
  every single point of failure between the election bodies and their KPU;
* :func:`worth_a_visit` — link prediction (Adamic–Adar, resource allocation)
  for pairs whose kinds make sense to coordinate but that no rule requires.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from sinergi_graph.analysis._common import (
    KPU_KAB,
    PPK,
    PPS,
    kpu_by_regency,
    regency_of,
    structural_copy,
)
from sinergi_graph.analysis.paths import Introduction, warm_introductions
from sinergi_graph.analysis.resilience import (
    BlockCutTree,
    Dependency,
    TreeNode,
    single_points_of_failure,
)
from sinergi_graph.areas import CODE_LENGTH
from sinergi_graph.gaps import Gap, Reason
from sinergi_graph.graph import node_name
from sinergi_graph.rules import Rule, Scope, Severity

# --------------------------------------------------------------------------- plan of links


@dataclass(frozen=True, slots=True)
class PlannedLink:
    """One recommended new link and the rule gaps it closes."""

    source: str
    target: str
    closes: tuple[Gap, ...]
    weight: int
    common_partners: int
    introductions: tuple[Introduction, ...] = ()

    def as_row(self, G: nx.Graph | None = None) -> dict[str, object]:
        intro = self.introductions[0] if self.introductions else None
        return {
            "source": self.source,
            "source_name": node_name(G, self.source),
            "target": self.target,
            "target_name": node_name(G, self.target),
            "weight": self.weight,
            "closes": ";".join(f"{g.rule}:{g.subject_id}" for g in self.closes),
            "introduced_by": ";".join(intro.via) if intro else "",
            "introducer_names": ";".join(node_name(G, v) for v in intro.via) if intro else "",
            "introducer_people": ";".join(intro.people) if intro else "",
        }


@dataclass(frozen=True, slots=True)
class Plan:
    """A budgeted plan: the chosen links and how much of the gap list they close."""

    links: tuple[PlannedLink, ...]
    budget: int
    closed: int
    closed_weight: int
    closable: int
    closable_weight: int
    not_closable: int


def _weight(gap: Gap) -> int:
    return Severity(gap.severity).weight


def plan_links(
    G: nx.Graph,
    gaps: Iterable[Gap],
    *,
    budget: int = 10,
    introductions: int = 3,
) -> Plan:
    """At most ``budget`` new links that close the most severity-weighted gaps.

    A link between a subject and a counterpart in scope closes the subject's
    ``no_contact`` or ``stale`` gap (and any gap the counterpart has with the
    subject, when a rule runs the other way). ``no_counterpart`` gaps need a
    new actor, not a link, and are only counted. The choice is greedy on the
    marginal closed weight (a maximum-coverage problem, where greedy is within
    1 - 1/e of the optimum and exact when no two candidate links share a gap);
    ties go to pairs with more common partners — someone can introduce them.

    Examples
    --------
    >>> G = nx.Graph([("pps", "ppk"), ("ppk", "kades")])
    >>> gap = Gap("pps-kades", "high", Reason.NO_CONTACT, "pps", "PPS", "33", ("kades",))
    >>> plan = plan_links(G, [gap], budget=5)
    >>> [(p.source, p.target, p.weight, p.introductions[0].via) for p in plan.links]
    [('pps', 'kades', 3, ('ppk',))]
    """
    by_pair: dict[tuple[str, str], list[Gap]] = {}
    closable: list[Gap] = []
    not_closable = 0
    for gap in gaps:
        if gap.reason is Reason.NO_COUNTERPART:
            not_closable += 1
            continue
        closable.append(gap)
        for c in gap.counterpart_ids:
            a, b = sorted((gap.subject_id, c))
            by_pair.setdefault((a, b), []).append(gap)
    adj = G._adj
    common = {
        pair: len(adj[pair[0]].keys() & adj[pair[1]].keys())
        if pair[0] in adj and pair[1] in adj
        else 0
        for pair in by_pair
    }
    heap = [(-sum(map(_weight, gs)), -common[pair], pair) for pair, gs in by_pair.items()]
    heapq.heapify(heap)
    done: set[tuple[str, str]] = set()
    chosen: list[PlannedLink] = []
    while heap and len(chosen) < budget:
        neg, neg_common, pair = heapq.heappop(heap)
        open_gaps = [g for g in by_pair[pair] if g.key not in done]
        gain = sum(map(_weight, open_gaps))
        if gain == 0:
            continue
        if gain != -neg:
            # Lazy greedy: another chosen link closed some of these gaps; requeue.
            heapq.heappush(heap, (-gain, neg_common, pair))
            continue
        done.update(g.key for g in open_gaps)
        subject = open_gaps[0].subject_id
        target = pair[1] if pair[0] == subject else pair[0]
        intros = (
            tuple(warm_introductions(G, subject, target, limit=introductions))
            if introductions and subject in G and target in G
            else ()
        )
        chosen.append(PlannedLink(subject, target, tuple(open_gaps), gain, -neg_common, intros))
    return Plan(
        links=tuple(chosen),
        budget=budget,
        closed=sum(len(p.closes) for p in chosen),
        closed_weight=sum(p.weight for p in chosen),
        closable=len(closable),
        closable_weight=sum(map(_weight, closable)),
        not_closable=not_closable,
    )


# --------------------------------------------------------------------------- resilience links


@dataclass(frozen=True, slots=True)
class ResilienceLink:
    """A new subject–KPU link and the subjects whose single points of failure it removes."""

    subject: str
    kpu: str
    protects: tuple[str, ...]
    bypasses: tuple[str, ...]

    def as_row(self, G: nx.Graph | None = None) -> dict[str, object]:
        return {
            "subject": self.subject,
            "subject_name": node_name(G, self.subject),
            "kpu": self.kpu,
            "kpu_name": node_name(G, self.kpu),
            "protects": len(self.protects),
            "bypasses": ";".join(self.bypasses),
        }


@dataclass(frozen=True, slots=True)
class ResiliencePlan:
    """The fewest KPU-incident links that leave no PPS/PPK with a single point of failure.

    ``exposed`` subjects have a single point of failure today; ``unreachable``
    ones have no path to their KPU at all (each needs its own link, listed in
    ``reconnect``). ``exposed_after`` is checked by recomputing on a copy of the
    graph with the links added (``None`` when not verified).
    """

    links: tuple[ResilienceLink, ...]
    exposed: int
    unreachable: tuple[str, ...]
    reconnect: tuple[tuple[str, str], ...]
    exposed_after: int | None
    notes: tuple[str, ...]


def resilience_links(
    G: nx.Graph,
    *,
    subject_kinds: Sequence[str] = (PPS, PPK),
    verify: bool = True,
) -> ResiliencePlan:
    """The fewest new subject–KPU links removing every single point of failure.

    Per regency, the block–cut tree paths from each exposed subject to the KPU
    form a tree rooted at the KPU; a link from a subject in a leaf of that tree
    to the KPU closes a cycle through every actor and link on the leaf's path,
    which protects every subject on the way. One link per leaf is needed (the
    separators just above two different leaves can only be bypassed from
    below each of them) and enough, so among links that end at the KPU the
    plan is minimal.

    Examples
    --------
    A PPK with two PPS hanging off it, itself linked to the KPU by one link:

    >>> G = nx.Graph([("pps1", "ppk"), ("pps2", "ppk"), ("ppk", "kpu")])
    >>> attrs = {"kpu": ("KPU_KAB", "33.23"), "ppk": ("PPK", "33.23.01"),
    ...          "pps1": ("PPS", "33.23.01.2001"), "pps2": ("PPS", "33.23.01.2002")}
    >>> for n, (k, a) in attrs.items():
    ...     G.nodes[n].update(kind=k, area=a)
    >>> plan = resilience_links(G)
    >>> [(r.subject, r.kpu, r.protects) for r in plan.links], plan.exposed_after
    ([('pps1', 'kpu', ('ppk', 'pps1')), ('pps2', 'kpu', ('pps2',))], 0)
    """
    tree = BlockCutTree(G)
    spof = single_points_of_failure(G, subject_kinds=subject_kinds, tree=tree)
    kpus = kpu_by_regency(G)
    exposed_by_regency: dict[str, list[str]] = {}
    for s in spof.exposed():
        reg = regency_of(G.nodes[s].get("area"))
        if reg is not None:
            exposed_by_regency.setdefault(reg, []).append(s)
    links: list[ResilienceLink] = []
    notes: list[str] = []
    for reg in sorted(exposed_by_regency):
        reachable = [k for k in kpus.get(reg, []) if k in G]
        subjects = exposed_by_regency[reg]
        target = next((k for k in reachable if all(tree.connected(s, k) for s in subjects)), None)
        if target is None:
            target = reachable[0]
        links.extend(_leaf_links(G, tree, subjects, target, spof.dependencies, notes))
    reconnect: list[tuple[str, str]] = []
    for s in spof.unreachable:
        ks = kpus.get(regency_of(G.nodes[s].get("area")) or "", [])
        if ks:
            reconnect.append((s, ks[0]))
    exposed_after: int | None = None
    if verify:
        H = structural_copy(G)
        H.add_edges_from((r.subject, r.kpu) for r in links)
        exposed_after = len(single_points_of_failure(H, subject_kinds=subject_kinds).exposed())
    return ResiliencePlan(
        links=tuple(links),
        exposed=len(spof.exposed()),
        unreachable=spof.unreachable,
        reconnect=tuple(reconnect),
        exposed_after=exposed_after,
        notes=tuple(notes),
    )


def _leaf_links(
    G: nx.Graph,
    tree: BlockCutTree,
    subjects: list[str],
    kpu: str,
    deps: Mapping[str, Dependency],
    notes: list[str],
) -> list[ResilienceLink]:
    root = tree.position(kpu)
    paths: dict[str, list[TreeNode]] = {}
    has_child: set[TreeNode] = set()
    for s in sorted(subjects):
        path = tree.path(s, kpu)
        if path is None:
            continue
        paths[s] = path
        has_child.update(path[1:])
    starts: dict[TreeNode, list[str]] = {}
    for s, path in paths.items():
        starts.setdefault(path[0], []).append(s)
    leaves = sorted(
        (x for x in starts if x not in has_child and x != root), key=lambda x: starts[x][0]
    )
    fixer: dict[TreeNode, TreeNode] = {}
    for leaf in leaves:
        some = starts[leaf][0]
        for x in paths[some]:
            fixer.setdefault(x, leaf)
    protects: dict[TreeNode, list[str]] = {leaf: [] for leaf in leaves}
    for s, path in paths.items():
        fixed_by = fixer.get(path[0])
        if fixed_by is not None:
            protects[fixed_by].append(s)
    result = []
    for leaf in leaves:
        subject = starts[leaf][0]
        if G.has_edge(subject, kpu):
            notes.append(
                f"{subject} reaches {kpu} only through their one direct link; "
                "a second partner linked to both is needed"
            )
            continue
        dep = deps.get(subject)
        cuts = dep.cut_vertices if dep is not None else ()
        result.append(ResilienceLink(subject, kpu, tuple(sorted(protects[leaf])), cuts))
    return result


# --------------------------------------------------------------------------- worth a visit

#: Pairs of kinds that make sense to coordinate beyond what the rules require,
#: with the area they must share. Rule pairs are added at run time.
SENSIBLE_PAIRS: tuple[tuple[str, str, Scope], ...] = (
    ("PPS", "BHABINKAMTIBMAS", Scope.VILLAGE),
    ("PPS", "BABINSA", Scope.VILLAGE),
    ("PPS", "PKD", Scope.VILLAGE),
    ("PPS", "PERANGKAT_DESA", Scope.VILLAGE),
    ("PPK", "PANWASCAM", Scope.DISTRICT),
    ("PPK", "KADES", Scope.DISTRICT),
    ("PPK", "LURAH", Scope.DISTRICT),
    ("KPU_KAB", "KODIM", Scope.REGENCY),
    ("KPU_KAB", "PEMDA", Scope.REGENCY),
    ("KPU_KAB", "DISDUKCAPIL", Scope.REGENCY),
    ("KPU_KAB", "MEDIA", Scope.REGENCY),
    ("KPU_KAB", "PARPOL", Scope.REGENCY),
    ("KPU_KAB", "CAMAT", Scope.REGENCY),
    ("BAWASLU_KAB", "POLRES", Scope.REGENCY),
    ("KPU_KAB", "KPU_PROV", Scope.PROVINCE),
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A pair worth a visit: not linked, kinds that coordinate, partners in common."""

    source: str
    target: str
    adamic_adar: float
    resource_allocation: float
    common: tuple[str, ...]

    def as_row(self, G: nx.Graph | None = None) -> dict[str, object]:
        return {
            "source": self.source,
            "source_name": node_name(G, self.source),
            "target": self.target,
            "target_name": node_name(G, self.target),
            "adamic_adar": round(self.adamic_adar, 4),
            "resource_allocation": round(self.resource_allocation, 4),
            "common": ";".join(self.common),
        }


def sensible_pairs(rules: Iterable[Rule] = ()) -> dict[tuple[str, str], int]:
    """``{(kind, kind): code length they must share}``, both orders, rules included.

    Examples
    --------
    >>> pairs = sensible_pairs()
    >>> pairs[("PPS", "BABINSA")], pairs[("BABINSA", "PPS")], pairs[("KPU_KAB", "MEDIA")]
    (13, 13, 5)
    """
    found: dict[tuple[str, str], int] = {}
    entries = [*SENSIBLE_PAIRS]
    for rule in rules:
        entries.extend((rule.subject, c, rule.scope) for c in rule.counterparts)
    for a, b, scope in entries:
        n = CODE_LENGTH[scope.level]
        for key in ((a, b), (b, a)):
            found[key] = min(found.get(key, n), n)
    return found


def worth_a_visit(
    G: nx.Graph,
    *,
    rules: Iterable[Rule] = (),
    exclude: Iterable[tuple[str, str]] = (),
    method: str = "adamic_adar",
    top: int = 20,
) -> list[Suggestion]:
    """Unlinked pairs of sensible kinds, ranked by Adamic–Adar or resource allocation.

    Only pairs with a partner in common are scored (both indices are zero
    otherwise), so candidates are found by walking two steps from each actor.
    Pairs in ``exclude`` (those a rule gap already asks for) are left out, so
    these suggestions never repeat the gap plan.

    Examples
    --------
    >>> G = nx.Graph([("pps", "kades"), ("kades", "babinsa"), ("pps", "ppk"), ("ppk", "babinsa")])
    >>> attrs = {"pps": ("PPS", "33.23.01.2001"), "babinsa": ("BABINSA", "33.23.01.2001"),
    ...          "kades": ("KADES", "33.23.01.2001"), "ppk": ("PPK", "33.23.01")}
    >>> for n, (k, a) in attrs.items():
    ...     G.nodes[n].update(kind=k, area=a)
    >>> [(s.source, s.target, s.common) for s in worth_a_visit(G)]
    [('babinsa', 'pps', ('kades', 'ppk')), ('kades', 'ppk', ('babinsa', 'pps'))]
    """
    if method not in ("adamic_adar", "resource_allocation"):
        raise ValueError(f"unknown method {method!r}")
    pairs = sensible_pairs(rules)
    kinds_with_pairs = {a for a, _ in pairs}
    skip = {tuple(sorted(p)) for p in exclude}
    adj = G._adj
    node_data = G._node
    degree = {w: len(nbrs) for w, nbrs in adj.items()}
    found: dict[tuple[str, str], list[str]] = {}
    for u, du in node_data.items():
        ku = du.get("kind")
        au = du.get("area")
        if ku not in kinds_with_pairs or not au:
            continue
        for w in adj[u]:
            if degree[w] < 2:
                continue
            for v in adj[w]:
                if v <= u or v in adj[u]:
                    continue
                dv = node_data[v]
                n = pairs.get((ku, dv.get("kind", "")))
                av = dv.get("area")
                if n is None or not av or len(au) < n or len(av) < n or au[:n] != av[:n]:
                    continue
                found.setdefault((u, v), []).append(w)
    suggestions = []
    for (u, v), common in found.items():
        if (u, v) in skip:
            continue
        aa = sum(1.0 / math.log(degree[w]) for w in common)
        ra = sum(1.0 / degree[w] for w in common)
        suggestions.append(Suggestion(u, v, aa, ra, tuple(sorted(common))))
    if method == "adamic_adar":
        suggestions.sort(key=lambda s: (-s.adamic_adar, s.source, s.target))
    else:
        suggestions.sort(key=lambda s: (-s.resource_allocation, s.source, s.target))
    return suggestions[:top]


def gap_pairs(gaps: Iterable[Gap]) -> set[tuple[str, str]]:
    """The (subject, counterpart) pairs the rule gaps ask for, to keep suggestions apart.

    Examples
    --------
    >>> gap_pairs([Gap("pps-kades", "high", Reason.NO_CONTACT, "pps", "PPS", "33", ("kades",))])
    {('kades', 'pps')}
    """
    found: set[tuple[str, str]] = set()
    for g in gaps:
        for c in g.counterpart_ids:
            a, b = sorted((g.subject_id, c))
            found.add((a, b))
    return found


__all__ = [
    "KPU_KAB",
    "Plan",
    "PlannedLink",
    "ResilienceLink",
    "ResiliencePlan",
    "Suggestion",
    "gap_pairs",
    "plan_links",
    "resilience_links",
    "sensible_pairs",
    "worth_a_visit",
]
