"""Who to invite to one rakor in an area: the few invitees that close the most gaps.

A rakor is a kegiatan: every pair of institutions present has a contact on
its date. So a gap (a subject without required contact to any of its
counterparts, or whose contact is stale) closes when the subject and at least
one of its counterparts are both invited. Choosing the best invitation list
of a given size is a set-cover-like problem; the greedy choice below (the best
pair first, then one invitee at a time by the severity-weighted gaps it adds)
is what a coordinator would do by hand, made exhaustive over the area's gaps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from sinergi_graph.gaps import Gap, Reason
from sinergi_graph.rules import Rule, Severity

__all__ = ["InvitationPlan", "Invitee", "plan_invitations"]


@dataclass(frozen=True, slots=True)
class Invitee:
    """One invitee, in the order chosen, with the gaps its coming closes."""

    id: str
    gaps: tuple[Gap, ...]
    weight: int


@dataclass(frozen=True)
class InvitationPlan:
    invitees: tuple[Invitee, ...]
    # Gaps no rakor closes: nobody of the counterpart kind is recorded in scope.
    unclosable: tuple[Gap, ...] = field(default=())

    @property
    def closed(self) -> int:
        return sum(len(i.gaps) for i in self.invitees)

    @property
    def weight(self) -> int:
        return sum(i.weight for i in self.invitees)


def _weights(rules: Iterable[Rule]) -> dict[str, int]:
    return {r.id: r.severity.weight for r in rules}


def plan_invitations(gaps: Sequence[Gap], rules: Iterable[Rule], budget: int = 8) -> InvitationPlan:
    """Choose up to ``budget`` invitees closing the most severity-weighted ``gaps``.

    Examples
    --------
    >>> from sinergi_graph.rules import default_rules
    >>> g = [Gap("pps-kades", "high", Reason.NO_CONTACT, "pps1", "PPS 1", "x", ("lurah1",)),
    ...      Gap("pps-ppk", "high", Reason.NO_CONTACT, "pps1", "PPS 1", "x", ("ppk",)),
    ...      Gap("pps-ppk", "high", Reason.NO_CONTACT, "pps2", "PPS 2", "x", ("ppk",))]
    >>> plan = plan_invitations(g, default_rules(), budget=3)
    >>> [(i.id, len(i.gaps)) for i in plan.invitees]
    [('pps1', 0), ('ppk', 1), ('lurah1', 1)]
    """
    weight_of = _weights(rules)

    def weight(gap: Gap) -> int:
        return weight_of.get(gap.rule, Severity(gap.severity).weight if gap.severity else 1)

    open_gaps = [g for g in gaps if g.reason is not Reason.NO_COUNTERPART and g.counterpart_ids]
    unclosable = tuple(g for g in gaps if g not in open_gaps)
    # Who closes what, with whom: gap -> the actors that must meet its subject.
    by_actor: dict[str, list[int]] = {}
    for index, g in enumerate(open_gaps):
        for actor in (g.subject_id, *g.counterpart_ids):
            by_actor.setdefault(actor, []).append(index)
    invited: list[str] = []
    chosen: set[str] = set()
    closed: set[int] = set()
    out: list[Invitee] = []

    def gain(actor: str, present: set[str]) -> tuple[int, list[int]]:
        found: list[int] = []
        for index in by_actor.get(actor, ()):
            if index in closed:
                continue
            g = open_gaps[index]
            if actor == g.subject_id:
                met = any(c in present for c in g.counterpart_ids)
            else:
                met = g.subject_id in present
            if met:
                found.append(index)
        return sum(weight(open_gaps[i]) for i in found), found

    if budget >= 2 and open_gaps:
        first, second = _best_pair(open_gaps, weight)
        for actor in (first, second):
            w, found = gain(actor, chosen)
            closed.update(found)
            chosen.add(actor)
            invited.append(actor)
            out.append(Invitee(actor, tuple(open_gaps[i] for i in found), w))
    while len(invited) < budget:
        best: tuple[int, str, list[int]] | None = None
        for actor in sorted(by_actor):
            if actor in chosen:
                continue
            w, found = gain(actor, chosen)
            if w and (best is None or w > best[0]):
                best = (w, actor, found)
        if best is None:
            break
        w, actor, found = best
        closed.update(found)
        chosen.add(actor)
        invited.append(actor)
        out.append(Invitee(actor, tuple(open_gaps[i] for i in found), w))
    return InvitationPlan(tuple(out), unclosable)


def _best_pair(gaps: Sequence[Gap], weight: Callable[[Gap], int]) -> tuple[str, str]:
    """The two actors whose meeting closes the most weight (subject first).

    Ties go to the pair whose members are in the most gaps (they will close more
    with the next invitees), then to the first ids.
    """
    totals: dict[tuple[str, str], int] = {}
    potential: dict[str, int] = {}
    for g in gaps:
        for actor in (g.subject_id, *g.counterpart_ids):
            potential[actor] = potential.get(actor, 0) + weight(g)
        for c in g.counterpart_ids:
            key = (g.subject_id, c) if g.subject_id <= c else (c, g.subject_id)
            totals[key] = totals.get(key, 0) + weight(g)
    (a, b), _ = min(
        totals.items(), key=lambda kv: (-kv[1], -potential[kv[0][0]] - potential[kv[0][1]], kv[0])
    )
    subjects = {g.subject_id for g in gaps}
    return (a, b) if a in subjects or b not in subjects else (b, a)
