"""The kerja sama of the national demo: one agreement of KPU RI with each partner.

Seed 003: KPU RI has cooperation agreements with 87 ministries, agencies and
institutions that were never evaluated as a whole. The national demo gives
each partner of ``institutions.toml`` (the ``KEMENTERIAN-…`` actors of the
national batch) one agreement with KPU RI, titled in
``data/demo/agreements.toml``, and follow-up kegiatan for some of them:
activities that name the agreement, attended by KPU RI and the partner.

Dates are drawn from the seed, but each agreement is first given the outcome
it should have on the file's ``as_of`` day (2024-06-01) — every outcome at
least once, the rest by the file's shares — and its dates are drawn to fit:
so ``sinergi agreements --as-of 2024-06-01`` shows every reason for any seed,
and the spread differs between seeds. Agreements are signed from 2021 on, for
1 to 5 years, and end the day before the anniversary of their signing.

Examples
--------
>>> kerja_sama = generate_agreements(2024)
>>> len(kerja_sama.agreements), kerja_sama.agreements[0].parties
(27, ('KPU_RI', 'KEMENTERIAN-KEMENDAGRI'))
>>> kerja_sama == generate_agreements(2024), kerja_sama == generate_agreements(7)
(True, False)
"""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import NamedTuple, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.demo.network import stream
from sinergi_graph.demo.reference import Ministry, load_reference
from sinergi_graph.models import LinkType

__all__ = [
    "EXPIRING_DAYS",
    "KPU_RI",
    "STALE_DAYS",
    "AgreementPlan",
    "AgreementReason",
    "NationalAgreements",
    "agreement_id",
    "generate_agreements",
    "load_agreement_plan",
    "partner_id",
]

#: The id of KPU RI in the national batch (the first party of every agreement).
KPU_RI = "KPU_RI"

# The evaluation's windows (design.md, ``sinergi agreements``). The demo is a
# source and does not import the analysis; a test checks the two agree.
EXPIRING_DAYS = 90
STALE_DAYS = 365


class AgreementReason(StrEnum):
    """The outcome an agreement is drawn to have on the plan's ``as_of`` day."""

    OK = "ok"
    NO_FOLLOW_UP = "no_follow_up"
    STALE = "stale"
    EXPIRING = "expiring"
    EXPIRED = "expired"


_FROZEN = ConfigDict(frozen=True, extra="forbid")
_DAY = dt.timedelta(days=1)
# Kegiatan types of a follow-up: a meeting, a coordination, a monitoring visit.
_FOLLOW_UP_TYPES = (LinkType.RAPAT.value, LinkType.KOORDINASI.value, LinkType.MONITORING.value)


def partner_id(short: str) -> str:
    """The actor id the national batch gives the partner ``short`` (a ministry's ``short``)."""
    return f"KEMENTERIAN-{short}"


def agreement_id(short: str) -> str:
    """The id of KPU RI's agreement with the partner ``short``."""
    return f"KS-{KPU_RI}-{short}"


class _AgreementSpec(BaseModel):
    model_config = _FROZEN

    partner: str = Field(pattern=r"^[A-Z]+$")
    title: str = Field(min_length=1)


class AgreementPlan(BaseModel):
    """``agreements.toml``: the evaluation day the dates fit, shares and titles."""

    model_config = _FROZEN

    as_of: dt.date
    signed_from: dt.date
    follow_up_until: dt.date
    share: dict[AgreementReason, float]
    agreement: tuple[_AgreementSpec, ...] = Field(min_length=len(AgreementReason))

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if set(self.share) != set(AgreementReason) or min(self.share.values()) < 0:
            raise ValueError("share needs a non-negative weight for every reason")
        if not self.signed_from < self.as_of < self.follow_up_until:
            raise ValueError("expected signed_from < as_of < follow_up_until")
        partners = [a.partner for a in self.agreement]
        if len(set(partners)) != len(partners):
            raise ValueError("one agreement per partner")
        return self


@lru_cache(maxsize=1)
def load_agreement_plan() -> AgreementPlan:
    """``data/demo/agreements.toml``, validated once per process.

    Every partner must be a ministry of ``institutions.toml``: the agreement's
    parties are actors of the national batch.
    """
    path = resources.files("sinergi_graph").joinpath("data/demo/agreements.toml")
    plan = AgreementPlan.model_validate(tomllib.loads(path.read_text("utf-8")))
    unknown = {a.partner for a in plan.agreement} - {m.short for m in load_reference().ministries}
    if unknown:
        # A broken package data file, like the other demo files: raised as is.
        raise ValueError(f"agreements.toml: partners not in institutions.toml: {sorted(unknown)}")
    return plan


class NationalAgreements(NamedTuple):
    """KPU RI's agreements (in the file's order) and their follow-ups (in id order)."""

    agreements: tuple[Agreement, ...]
    activities: tuple[Activity, ...]


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return dt.date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


def _days_between(rng: random.Random, first: dt.date, last: dt.date, count: int) -> list[dt.date]:
    return [_day_between(rng, first, last) for _ in range(count)] if first <= last else []


class _Dates(NamedTuple):
    signed: dt.date
    expires: dt.date
    follow_ups: list[dt.date]


def _draw_dates(rng: random.Random, plan: AgreementPlan, outcome: AgreementReason) -> _Dates:
    """Signing, expiry and follow-up days that give ``outcome`` on ``plan.as_of``."""
    as_of, start, until = plan.as_of, plan.signed_from, plan.follow_up_until
    # An agreement ends the day before the anniversary of its signing.
    if outcome is AgreementReason.EXPIRED:
        term = rng.randint(1, 3)
        signed = _day_between(rng, start, _add_years(as_of, -term) - _DAY)
        expires = _add_years(signed, term) - _DAY
        ups = _days_between(rng, signed + 14 * _DAY, expires, rng.randint(0, 2))
        return _Dates(signed, expires, ups)
    if outcome is AgreementReason.EXPIRING:
        term = rng.randint(1, 3)
        expires = as_of + rng.randint(1, EXPIRING_DAYS - 1) * _DAY
        signed = _add_years(expires + _DAY, -term)
        ups = _days_between(rng, signed + 14 * _DAY, as_of - _DAY, rng.randint(0, 3))
        return _Dates(signed, expires, ups)
    # Still active well after the expiring window on as_of.
    quiet_since = as_of - (STALE_DAYS + 1) * _DAY
    term = rng.randint(2 if outcome is AgreementReason.STALE else 1, 5)
    first = max(start, _add_years(as_of + (EXPIRING_DAYS + 2) * _DAY, -term))
    latest = {
        AgreementReason.NO_FOLLOW_UP: as_of - 30 * _DAY,
        AgreementReason.STALE: quiet_since - 30 * _DAY,
        AgreementReason.OK: as_of - 45 * _DAY,
    }[outcome]
    signed = _day_between(rng, first, latest)
    expires = _add_years(signed, term) - _DAY
    if outcome is AgreementReason.NO_FOLLOW_UP:
        return _Dates(signed, expires, [])
    if outcome is AgreementReason.STALE:
        ups = _days_between(rng, signed + 14 * _DAY, quiet_since, rng.randint(1, 2))
        return _Dates(signed, expires, ups)
    recent = _day_between(rng, max(signed + 14 * _DAY, as_of - STALE_DAYS * _DAY), as_of - _DAY)
    ups = [recent, *_days_between(rng, signed + 14 * _DAY, recent, rng.randint(0, 2))]
    if rng.random() < 0.3:  # kept going after the evaluation day too
        ups.append(_day_between(rng, as_of, min(expires, until)))
    return _Dates(signed, expires, ups)


def _outcomes(rng: random.Random, plan: AgreementPlan) -> list[AgreementReason]:
    """Every outcome once, the rest by the plan's shares, in a seeded order."""
    reasons = list(AgreementReason)
    weights = [plan.share[r] for r in reasons]
    extra = rng.choices(reasons, weights, k=len(plan.agreement) - len(reasons))
    outcomes = [*reasons, *extra]
    rng.shuffle(outcomes)
    return outcomes


def _follow_up(
    rng: random.Random, ministry: Ministry, title: str, number: int, day: dt.date
) -> Activity:
    short = ministry.short
    place = rng.choice(("Kantor KPU RI, Jakarta", f"Kantor {ministry.name}, Jakarta"))
    return Activity(
        id=f"KEGIATAN-{agreement_id(short)}-{number:02d}",
        date=day,
        type=rng.choice(_FOLLOW_UP_TYPES),
        topic=ministry.follow_up or f"Tindak lanjut {title}",
        place=place,
        agreement=agreement_id(short),
        attendees=(KPU_RI, partner_id(short)),
    )


def generate_agreements(seed: int) -> NationalAgreements:
    """KPU RI's agreements with its partners and their follow-up kegiatan for ``seed``.

    Parameters
    ----------
    seed : int
        The demo's seed; the same seed gives the same records.

    Returns
    -------
    NationalAgreements
        One agreement per partner of ``agreements.toml`` (parties KPU RI and
        the partner's ``KEMENTERIAN-…`` actor, no number) and the follow-ups.
    """
    plan = load_agreement_plan()
    ministries = {m.short: m for m in load_reference().ministries}
    rng = stream(seed, "kerjasama")
    agreements: list[Agreement] = []
    activities: list[Activity] = []
    for spec, outcome in zip(plan.agreement, _outcomes(rng, plan), strict=True):
        dates = _draw_dates(rng, plan, outcome)
        agreements.append(
            Agreement(
                id=agreement_id(spec.partner),
                title=spec.title,
                parties=(KPU_RI, partner_id(spec.partner)),
                signed=dates.signed,
                expires=dates.expires,
            )
        )
        ministry = ministries[spec.partner]
        for number, day in enumerate(sorted(dates.follow_ups), start=1):
            activities.append(_follow_up(rng, ministry, spec.title, number, day))
    return NationalAgreements(tuple(agreements), tuple(sorted(activities, key=lambda a: a.id)))
