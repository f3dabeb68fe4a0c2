"""The domain records: actors (institutions and people), coordination links, kegiatan
(activities) and kerja sama (agreements).

Records are validated once, at the edge (import, forms, demo), and are frozen
afterwards. Kinds and link types are stored as plain strings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from enum import StrEnum
from functools import cache
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from sinergi_graph.personal import is_personal_field
from sinergi_graph.text import fold

# Property keys that hold personal data: hidden in screens and exports unless asked for.
# Kept for old importers; the recognition itself is sinergi_graph.personal.
SENSITIVE_FIELDS: frozenset[str] = frozenset(
    {"phone", "email", "nik", "hp", "no_hp", "nohp", "telepon", "telp", "whatsapp", "wa"}
)


def is_sensitive(field: str, value: object = None) -> bool:
    """Whether ``field`` (with ``value``) is personal data: see :func:`is_personal_field`."""
    return is_personal_field(field, value)


class LinkType(StrEnum):
    """Kinds of coordination between two actors."""

    KOORDINASI = "KOORDINASI"
    RAPAT = "RAPAT"
    SOSIALISASI = "SOSIALISASI"
    AUDIENSI = "AUDIENSI"
    KERJASAMA = "KERJASAMA"
    SURAT = "SURAT"
    KUNJUNGAN = "KUNJUNGAN"
    BIMTEK = "BIMTEK"
    MONITORING = "MONITORING"


LINK_TYPE_ALIASES: dict[str, LinkType] = {
    **{fold(t.value): t for t in LinkType},
    "sowan": LinkType.AUDIENSI,
    "silaturahmi": LinkType.AUDIENSI,
    "mou": LinkType.KERJASAMA,
    "pks": LinkType.KERJASAMA,
    "nota kesepahaman": LinkType.KERJASAMA,
    "perjanjian kerjasama": LinkType.KERJASAMA,
    "meeting": LinkType.RAPAT,
    "rakor": LinkType.RAPAT,
    "rapat koordinasi": LinkType.RAPAT,
    "koordinasi": LinkType.KOORDINASI,
    "coordination": LinkType.KOORDINASI,
    "visit": LinkType.KUNJUNGAN,
    "letter": LinkType.SURAT,
    "bimbingan teknis": LinkType.BIMTEK,
    "monev": LinkType.MONITORING,
}
LINK_TYPE_ALIASES = {fold(k): v for k, v in LINK_TYPE_ALIASES.items()}


def resolve_link_type(text: str) -> LinkType | None:
    """Canonical link type for everyday spellings (``Sowan`` → AUDIENSI, ``MoU`` → KERJASAMA)."""
    return LINK_TYPE_ALIASES.get(fold(text))


class Actor(BaseModel):
    """An institution (PPS, Kapolsek, KPU Kab/Kota, …) or a person.

    ``area`` is a dotted Kemendagri code; ``member_of`` names the institution a
    person belongs to; ``properties`` keeps any extra import columns.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    kind: str = Field(min_length=1)
    name: str = Field(min_length=1)
    area: str | None = None
    member_of: str | None = None
    phone: str | None = None
    email: str | None = None
    note: str | None = None
    properties: dict[str, str] = Field(default_factory=dict)


def link_id(source: str, target: str, type_: str, day: dt.date | None, topic: str | None) -> str:
    """A stable id for a link, so that re-importing the same row changes nothing.

    The pair is ordered so that A→B and B→A on the same day and topic are one link.
    """
    a, b = sorted((source, target))
    key = "\x1f".join((a, b, type_, day.isoformat() if day else "", topic or ""))
    return "L" + hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


class CoordinationLink(BaseModel):
    """One act of coordination between two actors (a meeting, an MoU, a letter …)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    type: str = LinkType.KOORDINASI.value
    date: dt.date | None = None
    topic: str | None = None
    note: str | None = None

    @classmethod
    def create(
        cls,
        source: str,
        target: str,
        type: str = LinkType.KOORDINASI.value,
        date: dt.date | None = None,
        topic: str | None = None,
        note: str | None = None,
        id: str | None = None,
    ) -> CoordinationLink:
        return cls(
            id=id or link_id(source, target, type, date, topic),
            source=source,
            target=target,
            type=type,
            date=date,
            topic=topic,
            note=note,
        )


def actor_from_columns(values: Sequence[Any]) -> Actor:
    """An actor from stored columns ``id, kind, name, area, member_of, phone, email, note,
    properties`` (:data:`~sinergi_graph.fields.ACTOR_FIELDS`, then the properties as
    JSON text), as both stores keep them.

    Validating construction is used on purpose: it is faster than ``model_construct``
    in pydantic 2.x.
    """
    record = dict(zip(_columns()[0], values))  # noqa: B905 (the stores select these columns)
    props = record["properties"]
    record["properties"] = json.loads(str(props)) if props else {}
    return Actor(**record)


def link_from_columns(values: Sequence[Any]) -> CoordinationLink:
    """A link from stored columns ``id, source, target, type, date, topic, note``
    (:data:`~sinergi_graph.fields.LINK_FIELDS`; ``date`` as a date, ISO text or ``None``)."""
    record = dict(zip(_columns()[1], values))  # noqa: B905 (the stores select these columns)
    record["date"] = record["date"] or None
    return CoordinationLink(**record)


@cache
def _columns() -> tuple[tuple[str, ...], tuple[str, ...]]:
    # fields.py derives its lists from the models above, so it is read on first use.
    from sinergi_graph.fields import ACTOR_FIELDS, LINK_FIELDS

    return (*ACTOR_FIELDS, "properties"), LINK_FIELDS


class Activity(BaseModel):
    """One kegiatan: who met, when, where, about what.

    ``attendees`` are actor ids (persons or institutions); ``agreement`` names the
    agreement this activity follows up, if any.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    date: dt.date
    type: str = LinkType.RAPAT.value
    topic: str | None = None
    place: str | None = None
    area: str | None = None
    agreement: str | None = None
    note: str | None = None
    attendees: tuple[str, ...] = ()


class Agreement(BaseModel):
    """One kerja sama (MoU, PKS) between ``parties`` (actor ids)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    number: str | None = None
    parties: tuple[str, ...] = ()
    signed: dt.date | None = None
    expires: dt.date | None = None
    note: str | None = None


class ChangeSet(BaseModel):
    """Store operations, applied in this order: delete links, delete actors, delete
    activities and agreements, then upsert actors, links, agreements, activities.

    The one value :meth:`GraphStore.apply_changes` takes, so a scenario, a TUI
    edit, a recorded kegiatan and their undo all travel through the store in the
    same shape (and one transaction).

    Examples
    --------
    >>> ChangeSet().is_empty(), ChangeSet(delete_actor_ids=("a",)).is_empty()
    (True, False)
    >>> ChangeSet(delete_activity_ids=("K1",)).is_empty()
    False
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    delete_link_ids: tuple[str, ...] = ()
    delete_actor_ids: tuple[str, ...] = ()
    upsert_actors: tuple[Actor, ...] = ()
    upsert_links: tuple[CoordinationLink, ...] = ()
    # Kegiatan and kerja sama: journals written before they existed read as empty.
    delete_activity_ids: tuple[str, ...] = ()
    delete_agreement_ids: tuple[str, ...] = ()
    upsert_activities: tuple[Activity, ...] = ()
    upsert_agreements: tuple[Agreement, ...] = ()

    def is_empty(self) -> bool:
        """True when applying it would change nothing."""
        return not (
            self.delete_link_ids
            or self.delete_actor_ids
            or self.upsert_actors
            or self.upsert_links
            or self.delete_activity_ids
            or self.delete_agreement_ids
            or self.upsert_activities
            or self.upsert_agreements
        )


class ActorRow(NamedTuple):
    """The columns of an actor the analysis needs; cheap to load by the hundred thousand."""

    id: str
    kind: str
    name: str
    area: str | None
    member_of: str | None


class LinkRow(NamedTuple):
    """The columns of a link the analysis needs; ``date`` is ISO text or ``None``."""

    id: str
    source: str
    target: str
    type: str
    date: str | None
    topic: str | None


class ActivityRow(NamedTuple):
    """What the analysis needs of a kegiatan: its attendees met on ``date`` (ISO text)."""

    id: str
    type: str
    date: str
    topic: str | None
    attendees: tuple[str, ...]


class NetworkRows(NamedTuple):
    actors: list[ActorRow]
    links: list[LinkRow]
    # Kegiatan: every pair of institutions present counts as a contact on its date.
    activities: Sequence[ActivityRow] = ()


class NetworkStats(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    actors: int
    links: int
    by_kind: dict[str, int]
