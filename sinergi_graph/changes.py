"""The change model: what a what-if scenario is made of, as plain validated data.

A :class:`Scenario` is a named list of changes (add or remove a link, add or
remove an actor, plan a kegiatan with its invitees). The model is pure data
with no behaviour on a graph or a store, so it sits low in the stack: the incremental engine
(:mod:`sinergi_graph.analysis.simulation`) plays changes on a copy of the
graph, and the write side (:mod:`sinergi_graph.scenarios`) turns them into
store operations, both importing it from here without a cycle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from sinergi_graph.models import Activity, CoordinationLink, LinkType

__all__ = [
    "AddActor",
    "AddLink",
    "Change",
    "PlanMeeting",
    "RemoveActor",
    "RemoveLink",
    "Scenario",
    "describe_change",
    "parse_change",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class AddLink(BaseModel):
    """A new coordination link (a planned meeting, an MoU, …)."""

    model_config = _FROZEN

    op: Literal["add_link"] = "add_link"
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    type: str = LinkType.KOORDINASI.value
    date: dt.date | None = None
    topic: str | None = None

    def link(self) -> CoordinationLink:
        """The link record this change would store (its id is the stable link id)."""
        return CoordinationLink.create(self.source, self.target, self.type, self.date, self.topic)


class RemoveLink(BaseModel):
    """A recorded link that is dropped (by link id)."""

    model_config = _FROZEN

    op: Literal["remove_link"] = "remove_link"
    link_id: str = Field(min_length=1)


class RemoveActor(BaseModel):
    """An actor leaves (someone leaves office, an institution is dissolved)."""

    model_config = _FROZEN

    op: Literal["remove_actor"] = "remove_actor"
    actor_id: str = Field(min_length=1)


class AddActor(BaseModel):
    """A new actor (a newly appointed official, a new institution)."""

    model_config = _FROZEN

    op: Literal["add_actor"] = "add_actor"
    id: str = Field(min_length=1)
    kind: str = Field(min_length=1)
    name: str = Field(min_length=1)
    area: str | None = None
    member_of: str | None = None


class PlanMeeting(BaseModel):
    """A planned kegiatan (a rakor) with its invitees, by actor id.

    Every pair of institutions among the invitees counts as a contact on
    ``date``, the rule recorded kegiatan follow
    (:func:`~sinergi_graph.activities.activity_contacts`); applied to the
    store, it is recorded as that kegiatan with the invitees as its attendance.

    Examples
    --------
    >>> m = PlanMeeting(date=dt.date(2024, 5, 2), topic="Rakor DPTb", invitees=("pps", "lurah"))
    >>> m.activity().id == m.activity_id, m.activity_id.startswith("KEG-20240502-")
    (True, True)
    """

    model_config = _FROZEN

    op: Literal["plan_meeting"] = "plan_meeting"
    type: str = LinkType.RAPAT.value
    date: dt.date
    topic: str | None = None
    place: str | None = None
    area: str | None = None
    # One invitee alone is no contact.
    invitees: tuple[str, ...] = Field(min_length=2)

    @property
    def activity_id(self) -> str:
        """A stable id (``KEG-YYYYMMDD-xxxxxx``): the same plan applied twice is one kegiatan."""
        key = "\x1f".join((self.type, self.date.isoformat(), self.topic or "", *self.invitees))
        digest = hashlib.blake2b(key.encode("utf-8"), digest_size=3).hexdigest()
        return f"KEG-{self.date:%Y%m%d}-{digest}"

    def activity(self) -> Activity:
        """The kegiatan this plan records once it has taken place (the invitees attended)."""
        return Activity(
            id=self.activity_id,
            date=self.date,
            type=self.type,
            topic=self.topic,
            place=self.place,
            area=self.area,
            attendees=tuple(dict.fromkeys(self.invitees)),
        )


Change = Annotated[
    AddLink | RemoveLink | RemoveActor | AddActor | PlanMeeting, Field(discriminator="op")
]


class Scenario(BaseModel):
    """A named list of changes, applied in order.

    Examples
    --------
    >>> s = Scenario(name="sowan", changes=[AddLink(source="pps1", target="kades1")])
    >>> Scenario.model_validate_json(s.model_dump_json()) == s
    True
    """

    model_config = _FROZEN

    name: str | None = None
    description: str | None = None
    changes: tuple[Change, ...] = ()

    def extended(self, changes: Iterable[Change], name: str | None = None) -> Scenario:
        """This scenario with ``changes`` appended (and renamed when ``name`` is given)."""
        return Scenario(
            name=name or self.name,
            description=self.description,
            changes=(*self.changes, *changes),
        )


_CHANGE_ADAPTER: TypeAdapter[Change] = TypeAdapter(Change)


def parse_change(data: dict[str, Any]) -> Change:
    """Validate one change from its JSON object form.

    Examples
    --------
    >>> parse_change({"op": "remove_actor", "actor_id": "CAMAT-332301"})
    RemoveActor(op='remove_actor', actor_id='CAMAT-332301')
    """
    return _CHANGE_ADAPTER.validate_python(data)


def describe_change(change: BaseModel) -> str:
    """A change as one line of JSON, to name it in a message.

    >>> describe_change(RemoveLink(link_id="L1"))
    '{"op": "remove_link", "link_id": "L1"}'
    """
    return json.dumps(change.model_dump(mode="json"), ensure_ascii=False)
