"""Kerja sama evaluated as a whole, as of one day: what expired, what is about to,
what was never followed up, what has gone quiet.

A follow-up is an activity whose ``agreement`` names the agreement, held on or
after its signing and not after the evaluation day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.areas import is_within

__all__ = [
    "EXPIRING_DAYS",
    "STALE_DAYS",
    "AgreementReason",
    "AgreementStatus",
    "agreements_in_area",
    "evaluate_agreements",
]

# An agreement expiring within this many days needs renewing now (design.md).
EXPIRING_DAYS = 90
# A last follow-up older than this many days means the agreement has gone quiet.
STALE_DAYS = 365


class AgreementReason(StrEnum):
    OK = "ok"
    NO_FOLLOW_UP = "no_follow_up"
    STALE = "stale"
    EXPIRING = "expiring"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class AgreementStatus:
    """One agreement's evaluation: ``status`` is ``active`` or ``expired``."""

    agreement: Agreement
    status: str
    reason: AgreementReason
    follow_ups: int
    last_follow_up: dt.date | None

    def as_json(self) -> dict[str, object]:
        """The stable JSON record (design.md); dates as ISO text or ``None``."""
        g = self.agreement
        return {
            "id": g.id,
            "title": g.title,
            "parties": list(g.parties),
            "signed": g.signed.isoformat() if g.signed else None,
            "expires": g.expires.isoformat() if g.expires else None,
            "status": self.status,
            "reason": self.reason.value,
            "follow_ups": self.follow_ups,
            "last_follow_up": self.last_follow_up.isoformat() if self.last_follow_up else None,
        }


def _reason(
    g: Agreement, as_of: dt.date, count: int, last: dt.date | None
) -> tuple[str, AgreementReason]:
    if g.expires is not None and g.expires < as_of:
        return "expired", AgreementReason.EXPIRED
    if g.expires is not None and (g.expires - as_of).days <= EXPIRING_DAYS:
        return "active", AgreementReason.EXPIRING
    if not count:
        return "active", AgreementReason.NO_FOLLOW_UP
    if last is not None and (as_of - last).days > STALE_DAYS:
        return "active", AgreementReason.STALE
    return "active", AgreementReason.OK


def evaluate_agreements(
    agreements: Sequence[Agreement],
    activities: Iterable[Activity],
    as_of: dt.date | None = None,
) -> list[AgreementStatus]:
    """Evaluate every agreement on ``as_of`` (default today), in id order.

    The first reason that holds wins: expired, expiring, no follow-up, stale, ok.

    Examples
    --------
    >>> day = dt.date
    >>> mou = Agreement(id="M", title="MoU", parties=("a", "b"), signed=day(2022, 1, 1))
    >>> rakor = Activity(id="K", date=day(2022, 3, 1), agreement="M", attendees=("a", "b"))
    >>> [s.reason.value for s in evaluate_agreements([mou], [rakor], day(2022, 6, 1))]
    ['ok']
    >>> [s.reason.value for s in evaluate_agreements([mou], [rakor], day(2023, 6, 1))]
    ['stale']
    >>> [s.reason.value for s in evaluate_agreements([mou], [], day(2022, 6, 1))]
    ['no_follow_up']
    """
    day = as_of or dt.date.today()
    by_agreement: dict[str, list[dt.date]] = {}
    signed = {g.id: g.signed for g in agreements}
    for a in activities:
        if a.agreement not in signed or a.date > day:
            continue
        start = signed[a.agreement]
        if start is None or a.date >= start:
            by_agreement.setdefault(a.agreement, []).append(a.date)
    out: list[AgreementStatus] = []
    for g in sorted(agreements, key=lambda g: g.id):
        dates = by_agreement.get(g.id, [])
        last = max(dates) if dates else None
        status, reason = _reason(g, day, len(dates), last)
        out.append(AgreementStatus(g, status, reason, len(dates), last))
    return out


def agreements_in_area(
    agreements: Iterable[Agreement], area_of: Callable[[str], str | None], area: str
) -> list[Agreement]:
    """The agreements with at least one party inside ``area``, in the order given.

    ``area_of`` tells a party's area code (``None`` when it has none). The area
    of the report or of ``agreements --area`` holds an agreement as soon as one
    of its sides works there: the other side is often a regency or national body.

    Examples
    --------
    >>> mou = Agreement(id="M", title="MoU", parties=("PPK-1", "KPU"), signed=dt.date(2023, 1, 1))
    >>> where = {"PPK-1": "33.23.11", "KPU": "33.23"}.get
    >>> [a.id for a in agreements_in_area([mou], where, "33.23.11")]
    ['M']
    >>> agreements_in_area([mou], where, "33.23.01")
    []
    """

    def inside(party: str) -> bool:
        code = area_of(party)
        return bool(code) and is_within(str(code), area)

    return [a for a in agreements if any(inside(p) for p in a.parties)]
