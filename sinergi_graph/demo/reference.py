"""The reference data of the demo network, read from ``sinergi_graph/data/demo/``.

Four TOML files, validated once and cached:

- ``calendar.toml``: the seasons of the 2024 elections and, for each pair of
  actors, how they usually meet (:class:`Season`, :class:`Pair`);
- ``coverage.toml``: the share of pairs in contact in a typical regency;
- ``institutions.toml``: divisions, media names, Kodam, parties, ministries;
- ``names.toml``: synthetic name pools by region and the pool of each province.

The files ship with the package; a broken one is a bug of the package, so a
validation error is raised as it is rather than as a user-facing message.

Examples
--------
>>> ref = load_reference()
>>> ref.pairs["pps-head"].intro.type, len(ref.pairs["pps-head"].menu)
('AUDIENSI', 10)
>>> ref.cover["pps-kades"], ref.pool_of("34").female[9]
(0.87, 'Dwi Astuti')
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sinergi_graph.models import LinkType

__all__ = ["Ministry", "Names", "Pair", "Reference", "Season", "load_reference"]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Season(NamedTuple):
    """A link type and topic with the days it can fall on.

    A plain tuple of ordinals, not a model: the generator draws a day from one
    for every link (a million times for the whole country).
    """

    type: str
    topic: str
    first: int  # proleptic ordinal of the first possible day
    span: int  # number of possible days


class Pair(NamedTuple):
    """How two actors usually meet: an opening contact, then some of ``menu``."""

    intro: Season | None
    menu: tuple[Season, ...]


class Names(NamedTuple):
    """Given names and second names (or clan names) for men and for women."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    male_second: tuple[str, ...]
    female_second: tuple[str, ...]


class Ministry(NamedTuple):
    """A ministry or agency under MoU with KPU RI."""

    short: str
    name: str
    follow_up: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Reference:
    """Everything the generator reads from the data files."""

    pairs: dict[str, Pair]
    events: dict[str, Season]
    cover: dict[str, float]
    kpu_divisi: tuple[str, ...]
    ppk_divisi: tuple[str, ...]
    media_styles: tuple[str, ...]
    kodam: dict[str, str]
    parties: tuple[tuple[int, str], ...]
    ministries: tuple[Ministry, ...]
    common_names: Names
    pools: dict[str, Names]
    province_pools: dict[str, str]

    def pool_of(self, province: str) -> Names:
        """The name pool of a province (two-digit code); Javanese where none is set."""
        return self.pools[self.province_pools.get(province, "jawa")]


# --- calendar.toml --------------------------------------------------------------


class _Period(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    start: dt.date = Field(alias="from")
    end: dt.date = Field(alias="to")


class _SeasonSpec(BaseModel):
    """A season as written: exactly one of ``period``, ``on`` or ``from`` + ``to``."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    type: LinkType
    topic: str = Field(min_length=1)
    period: str | None = None
    on: dt.date | None = None
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")

    @model_validator(mode="after")
    def _one_way_of_giving_days(self) -> Self:
        ways = (self.period is not None, self.on is not None, self.start is not None)
        if sum(ways) != 1 or (self.start is None) != (self.end is None):
            raise ValueError("give one of period, on, or from and to")
        return self

    def resolve(self, periods: dict[str, _Period]) -> Season:
        if self.period is not None:
            if self.period not in periods:
                raise ValueError(f"unknown period {self.period!r}")
            first, last = periods[self.period].start, periods[self.period].end
        elif self.on is not None:
            first = last = self.on
        else:
            assert self.start is not None and self.end is not None
            first, last = self.start, self.end
        if last < first:
            raise ValueError(f"season {self.topic!r} ends before it starts")
        return Season(self.type.value, self.topic, first.toordinal(), (last - first).days + 1)


class _PairSpec(BaseModel):
    model_config = _FROZEN

    intro: _SeasonSpec | None = None
    menu: tuple[_SeasonSpec, ...] = Field(min_length=1)


class _CalendarFile(BaseModel):
    model_config = _FROZEN

    period: dict[str, _Period]
    pair: dict[str, _PairSpec]
    event: dict[str, _SeasonSpec]


# --- coverage.toml, institutions.toml, names.toml -------------------------------


class _CoverageFile(BaseModel):
    model_config = _FROZEN

    cover: dict[str, float]


class _Party(BaseModel):
    model_config = _FROZEN

    number: int
    name: str


class _MinistrySpec(BaseModel):
    model_config = _FROZEN

    short: str = Field(pattern=r"^[A-Z]+$")
    name: str
    follow_up: str | None = None
    note: str | None = None


class _InstitutionsFile(BaseModel):
    model_config = _FROZEN

    kpu_divisi: tuple[str, ...]
    ppk_divisi: tuple[str, ...]
    media_styles: tuple[str, ...]
    kodam: dict[str, str]
    party: tuple[_Party, ...]
    ministry: tuple[_MinistrySpec, ...]


class _PoolSpec(BaseModel):
    """Second names either by sex or as one list of family names (``family``)."""

    model_config = _FROZEN

    male: tuple[str, ...] = Field(min_length=1)
    female: tuple[str, ...] = Field(min_length=1)
    male_second: tuple[str, ...] = ()
    female_second: tuple[str, ...] = ()
    family: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _second_names(self) -> Self:
        by_sex = bool(self.male_second) and bool(self.female_second)
        if by_sex == bool(self.family):
            raise ValueError("give male_second and female_second, or family")
        return self

    def names(self) -> Names:
        if self.family:
            return Names(self.male, self.female, self.family, self.family)
        return Names(self.male, self.female, self.male_second, self.female_second)


class _NamesFile(BaseModel):
    model_config = _FROZEN

    pool: dict[str, _PoolSpec]
    province: dict[str, str]

    @model_validator(mode="after")
    def _known_pools(self) -> Self:
        missing = {"common", "jawa", *self.province.values()} - set(self.pool)
        if missing:
            raise ValueError(f"unknown name pools: {sorted(missing)}")
        return self


def _read(name: str) -> dict[str, Any]:
    path = resources.files("sinergi_graph").joinpath(f"data/demo/{name}")
    return tomllib.loads(path.read_text("utf-8"))


@lru_cache(maxsize=1)
def load_reference() -> Reference:
    """The demo's reference data, read and validated once per process."""
    calendar = _CalendarFile.model_validate(_read("calendar.toml"))
    periods = calendar.period
    pairs = {
        key: Pair(
            spec.intro.resolve(periods) if spec.intro is not None else None,
            tuple(s.resolve(periods) for s in spec.menu),
        )
        for key, spec in calendar.pair.items()
    }
    events = {key: spec.resolve(periods) for key, spec in calendar.event.items()}
    institutions = _InstitutionsFile.model_validate(_read("institutions.toml"))
    names = _NamesFile.model_validate(_read("names.toml"))
    return Reference(
        pairs=pairs,
        events=events,
        cover=_CoverageFile.model_validate(_read("coverage.toml")).cover,
        kpu_divisi=institutions.kpu_divisi,
        ppk_divisi=institutions.ppk_divisi,
        media_styles=institutions.media_styles,
        kodam=institutions.kodam,
        # Tuples, as random.sample and sorted() draw and order them.
        parties=tuple((p.number, p.name) for p in institutions.party),
        ministries=tuple(
            Ministry(m.short, m.name, m.follow_up, m.note) for m in institutions.ministry
        ),
        common_names=names.pool["common"].names(),
        pools={key: spec.names() for key, spec in names.pool.items() if key != "common"},
        province_pools=names.province,
    )
