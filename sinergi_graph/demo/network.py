"""The accumulator of one generation step: random streams, actors, members and links.

Every regency and kecamatan draws from its own random stream seeded from
``(seed, area code)`` (:func:`stream`), so the demo of a kecamatan is exactly
its part of the demo of its regency. The order of the draws below is part of
the output: changing it changes every generated network.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Sequence

from sinergi_graph.demo.records import ActorRow, LinkRow, actor_row, link_row
from sinergi_graph.demo.reference import Pair, Reference, Season

__all__ = ["Net", "stream", "weakness"]

_ROLE_PROPS: dict[str, dict[str, str]] = {
    role: {"synthetic": "true", "role": role} for role in ("Ketua", "Anggota")
}


def stream(seed: int, *parts: str) -> random.Random:
    """A random stream of its own for ``parts`` (stable across runs, unlike ``hash``).

    Examples
    --------
    >>> stream(2024, "33.23").random() == stream(2024, "33.23").random()
    True
    """
    key = "\x1f".join((str(seed), *parts)).encode("utf-8")
    return random.Random(int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big"))


def weakness(rng: random.Random) -> float:
    """How much more often than usual a regency's bodies miss a contact.

    Most regencies do better than average, one in five somewhat worse and one
    in ten much worse; the mean is close to 1.
    """
    r = rng.random()
    if r < 0.70:
        return rng.uniform(0.4, 1.0)
    if r < 0.90:
        return rng.uniform(1.0, 1.8)
    return rng.uniform(2.2, 3.5)


class Net:
    """Accumulates the actor and link rows of one batch, drawing from one random stream."""

    def __init__(self, rng: random.Random, province: str, ref: Reference) -> None:
        self.rng = rng
        self.ref = ref
        self.actors: list[ActorRow] = []
        self.links: list[LinkRow] = []
        self._cover = ref.cover
        pool, common = ref.pool_of(province), ref.common_names
        # A quarter of people carry names from the common pool (migration, mixed
        # families); the pools are weighted by repetition, cheaper than weights=.
        self._names = (
            (pool.male * 3 + common.male, pool.male_second * 3 + common.male_second),
            (pool.female * 3 + common.female, pool.female_second * 3 + common.female_second),
        )

    def add(
        self,
        id: str,
        kind: str,
        name: str,
        area: str | None,
        *,
        email: str | None = None,
        note: str | None = None,
    ) -> str:
        """An institution; returns its id."""
        self.actors.append(actor_row(id, kind, name, area, email=email, note=note))
        return id

    def person_name(self) -> str:
        rng = self.rng
        given, second = self._names[rng.random() < 0.45]
        return f"{rng.choice(given)} {rng.choice(second)}"

    def members(
        self, institution: str, area: str, count: int, divisi: Sequence[str] = ()
    ) -> list[str]:
        """``count`` synthetic members (ids ``<institution>-1…``); the first one chairs."""
        ids: list[str] = []
        rng = self.rng
        for i in range(1, count + 1):
            role = "Ketua" if i == 1 else "Anggota"
            props = _ROLE_PROPS[role]
            if divisi:
                props = {**props, "divisi": divisi[i - 1]}
            member = f"{institution}-{i}"
            name = self.person_name()
            # 0800 is the toll-free prefix: the demo never dials a real person.
            phone = f"08000{rng.randrange(10_000_000):07d}"
            self.actors.append(
                actor_row(member, "PERSON", name, area, institution, phone, properties=props)
            )
            ids.append(member)
        return ids

    def link(self, source: str, target: str, season: Season) -> None:
        """A link on a random day of ``season``."""
        day = dt.date.fromordinal(season.first + self.rng.randrange(season.span))
        self.links.append(link_row(source, target, season.type, day, season.topic))

    def fixed(
        self,
        source: str,
        target: str,
        type_: str,
        day: dt.date,
        topic: str,
        note: str | None = None,
    ) -> None:
        """A link whose day and topic are known (an event of a field report)."""
        self.links.append(link_row(source, target, type_, day, topic, note))

    def contact(
        self,
        a: str,
        b: str,
        pair: Pair,
        *,
        a_members: Sequence[str] = (),
        b_members: Sequence[str] = (),
    ) -> None:
        """One to four links between ``a`` and ``b`` on different occasions.

        A quarter of the links are made by a member of ``a`` (the analysis
        folds members onto their institution), a tenth reach a member of ``b``.
        """
        rng = self.rng
        r = rng.random()
        extra = 0 if r < 0.40 else 1 if r < 0.75 else 2 if r < 0.93 else 3
        seasons: list[Season] = []
        if pair.intro is not None and rng.random() < 0.8:
            seasons.append(pair.intro)
        elif extra == 0:
            extra = 1
        # A partial shuffle: random.sample costs an ABC check per call.
        menu = list(pair.menu)
        n = len(menu)
        for j in range(min(extra, n)):
            k = j + rng.randrange(n - j)
            menu[j], menu[k] = menu[k], menu[j]
            seasons.append(menu[j])
        for season in seasons:
            source = rng.choice(a_members) if a_members and rng.random() < 0.25 else a
            target = rng.choice(b_members) if b_members and rng.random() < 0.10 else b
            self.link(source, target, season)

    def maybe(
        self,
        rule: str,
        weak: float,
        a: str,
        b: str,
        pair: Pair,
        *,
        a_members: Sequence[str] = (),
        b_members: Sequence[str] = (),
    ) -> None:
        """Contact with the coverage of ``rule``, its missing share scaled by ``weak``."""
        missing = min(0.95, (1.0 - self._cover[rule]) * weak)
        if self.rng.random() >= missing:
            self.contact(a, b, pair, a_members=a_members, b_members=b_members)
