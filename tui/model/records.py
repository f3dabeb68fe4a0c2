"""Kegiatan and kerja sama as the screens list them (no Textual here).

The store holds activities and agreements by actor id; the screens show
names. An area's kegiatan are those held there (the activity's ``area``) or
attended by an actor located there, since many records are made without an
area. An actor's kegiatan are those it attended, or a member of it attended
(persons are folded onto their institution, as the analysis does).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sinergi_graph.activities import Activity
from sinergi_graph.analysis.agreements import AgreementReason, AgreementStatus
from sinergi_graph.areas import is_within
from tui.model.detail import TimelineEntry
from tui.model.display import plain
from tui.model.network import Network

__all__ = [
    "REASON_ORDER",
    "AgreementLine",
    "KegiatanLine",
    "agreement_lines",
    "kegiatan_entries",
    "kegiatan_lines",
    "reason_counts",
]

#: The order the kerja sama view lists reasons in: what needs acting on first.
REASON_ORDER = (
    AgreementReason.EXPIRED,
    AgreementReason.EXPIRING,
    AgreementReason.NO_FOLLOW_UP,
    AgreementReason.STALE,
    AgreementReason.OK,
)


@dataclass(frozen=True, slots=True)
class KegiatanLine:
    """One kegiatan row: every text already one printable line."""

    id: str
    day: dt.date
    type: str
    topic: str
    place: str
    attendees: int


@dataclass(frozen=True, slots=True)
class AgreementLine:
    """One kerja sama row with its parties' names."""

    id: str
    title: str
    number: str
    reason: AgreementReason
    parties: tuple[str, ...]
    signed: dt.date | None
    expires: dt.date | None
    follow_ups: int
    last_follow_up: dt.date | None


def _area_of(network: Network, actor_id: str) -> str | None:
    row = network.rows.get(actor_id)
    return row.area if row is not None else None


def _held_in(activity: Activity, network: Network, area: str) -> bool:
    if activity.area and is_within(activity.area, area):
        return True
    for attendee in activity.attendees:
        where = _area_of(network, attendee)
        if where and is_within(where, area):
            return True
    return False


def _attended_by(activity: Activity, network: Network, actor: str) -> bool:
    home = network.node_of(actor) or actor
    # An institution attended when it or one of its members did; a person only itself.
    return any(
        a == actor or (home == actor and network.node_of(a) == actor) for a in activity.attendees
    )


def kegiatan_lines(
    activities: Iterable[Activity],
    network: Network,
    *,
    area: str,
    actor: str | None = None,
) -> list[KegiatanLine]:
    """The kegiatan of ``actor`` (when given) or of ``area``, newest first."""
    chosen = [
        a
        for a in activities
        if (_attended_by(a, network, actor) if actor is not None else _held_in(a, network, area))
    ]
    chosen.sort(key=lambda a: (a.date, a.id), reverse=True)
    return [
        KegiatanLine(
            id=plain(a.id),
            day=a.date,
            type=plain(a.type),
            topic=plain(a.topic),
            place=plain(a.place),
            attendees=len(a.attendees),
        )
        for a in chosen
    ]


def agreement_lines(statuses: Sequence[AgreementStatus], network: Network) -> list[AgreementLine]:
    """Every evaluated agreement, by :data:`REASON_ORDER`, then soonest expiry, then id."""
    rank = {reason: i for i, reason in enumerate(REASON_ORDER)}
    far = dt.date.max
    ordered = sorted(
        statuses,
        key=lambda s: (rank[s.reason], s.agreement.expires or far, s.agreement.id),
    )
    return [
        AgreementLine(
            id=plain(s.agreement.id),
            title=plain(s.agreement.title),
            number=plain(s.agreement.number),
            reason=s.reason,
            # An unknown party (deleted since) shows as its id: Network.name falls back.
            parties=tuple(network.name(p) for p in s.agreement.parties),
            signed=s.agreement.signed,
            expires=s.agreement.expires,
            follow_ups=s.follow_ups,
            last_follow_up=s.last_follow_up,
        )
        for s in ordered
    ]


def reason_counts(lines: Iterable[AgreementLine]) -> list[tuple[AgreementReason, int]]:
    """How many agreements per reason, in :data:`REASON_ORDER` (zeros left out)."""
    counts = Counter(line.reason for line in lines)
    return [(r, counts[r]) for r in REASON_ORDER if counts[r]]


def kegiatan_entries(network: Network, actor_id: str, members: set[str]) -> list[TimelineEntry]:
    """The actor's kegiatan as timeline entries: what it, or one of ``members``, attended.

    Read from the loaded network's rows (no store call). The entry names the
    activity by its id (language-free, as the detail is re-rendered on a language
    switch without reloading) and has no ``link_id``: it is not a link to correct.
    """
    out: list[TimelineEntry] = []
    for a in network.source_rows.activities:
        if actor_id in a.attendees:
            via = ""
        else:
            via = next((m for m in a.attendees if m in members), "")
            if not via:
                continue
        out.append(TimelineEntry(a.date, a.type, plain(a.topic), a.id, plain(a.id), via))
    return out
