"""``simulate --meeting DATE[:TYPE[:TOPIC]] --invite …``: a planned rakor inside a scenario.

The meeting's invitees are given by id or by name (resolved as imports
resolve them, narrowed to the meeting's area when a name is held by several
actors), or taken from ``sinergi invite``'s list for an area
(``--invite-suggested``). Every pair of institutions among them counts as a
contact on the meeting date, so the simulation shows which gaps it would
close; ``--apply`` records it as a kegiatan once it has taken place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from sinergi_graph.actor_refs import Candidate, Directory
from sinergi_graph.analysis.invitations import plan_invitations
from sinergi_graph.areas import load_areas
from sinergi_graph.changes import Change, PlanMeeting, Scenario
from sinergi_graph.cli.options import resolve_area
from sinergi_graph.dates import parse_date
from sinergi_graph.errors import BadChangeSyntax, ChangeRejected, UsageError
from sinergi_graph.gaps import find_gaps
from sinergi_graph.i18n import Msg, t
from sinergi_graph.models import NetworkRows, resolve_link_type
from sinergi_graph.numbers import long_date, number
from sinergi_graph.rules import Rule

__all__ = [
    "MeetingSpec",
    "check_taken_place",
    "meeting_json",
    "meeting_lines",
    "meetings_of",
    "parse_meeting",
    "plan_meeting",
]

_SYNTAX = "DATE[:TYPE[:TOPIC]]"


@dataclass(frozen=True, slots=True)
class MeetingSpec:
    """What the command line says of the meeting, before the network is read."""

    date: dt.date
    type: str
    topic: str | None
    place: str | None
    area: str | None
    invite: tuple[str, ...]
    suggested: str | None
    budget: int


def parse_meeting(
    text: str | None,
    invite: Sequence[str],
    suggested: str | None,
    *,
    place: str | None,
    area: str | None,
    budget: int,
) -> MeetingSpec | None:
    """The meeting options checked for form (``None`` when no meeting is asked for)."""
    if text is None:
        if invite or suggested:
            raise UsageError("act.sim_invite_needs_meeting")
        return None
    # The topic may hold colons of its own: only the first two separate.
    parts = text.split(":", 2)
    day = parse_date(parts[0].strip())
    if day is None:
        raise BadChangeSyntax(value=text, expected=_SYNTAX)
    kind = "RAPAT"
    if len(parts) > 1 and parts[1].strip():
        found = resolve_link_type(parts[1])
        if found is None:
            raise ChangeRejected(value=text, detail=Msg("change_unknown_link_type", value=parts[1]))
        kind = found.value
    topic = parts[2].strip() if len(parts) > 2 and parts[2].strip() else None
    code = resolve_area(suggested)
    if suggested is not None and (code is None or code == "ID"):
        raise UsageError("act.sim_invite_area_needed")
    return MeetingSpec(
        date=day,
        type=kind,
        topic=topic,
        place=place.strip() if place and place.strip() else None,
        area=resolve_area(area) or code,
        invite=tuple(invite),
        suggested=code,
        budget=budget,
    )


def _directory(rows: NetworkRows) -> Directory:
    ids = {a.id for a in rows.actors}
    return Directory(
        (),
        lambda: (Candidate(a.id, a.kind, a.name, a.area) for a in rows.actors),
        load_areas(),
        ids.__contains__,
    )


def _resolve(directory: Directory, text: str, area: str | None) -> str:
    found = directory.resolve(text, area=area)
    if found.id is not None:
        return found.id
    names = ", ".join(c.describe() for c in found.candidates) or "–"
    code = "act.sim_invite_ambiguous" if found.ambiguous else "act.sim_invite_unknown"
    raise UsageError(code, value=text, candidates=names)


def plan_meeting(
    spec: MeetingSpec,
    rows: NetworkRows,
    G: nx.Graph,
    rules: Sequence[Rule],
    as_of: dt.date | None,
) -> PlanMeeting:
    """The planned meeting with its invitees resolved to actor ids (suggested ones first)."""
    invitees: list[str] = []
    if spec.suggested is not None:
        gaps = find_gaps(G, rules, area=spec.suggested, as_of=as_of)
        plan = plan_invitations(gaps, rules, budget=spec.budget)
        invitees += [i.id for i in plan.invitees]
        if not invitees:
            raise UsageError("act.sim_invite_none", area=spec.suggested)
    directory = _directory(rows)
    invitees += [_resolve(directory, text, spec.area) for text in spec.invite]
    unique = tuple(dict.fromkeys(invitees))
    if len(unique) < 2:
        raise UsageError("act.sim_invite_few")
    return PlanMeeting(
        type=spec.type,
        date=spec.date,
        topic=spec.topic,
        place=spec.place,
        area=spec.area,
        invitees=unique,
    )


def check_taken_place(scenario: Scenario, today: dt.date | None = None) -> None:
    """Refuse to record a planned meeting that has not taken place yet."""
    day = today or dt.date.today()
    for change in scenario.changes:
        if isinstance(change, PlanMeeting) and change.date > day:
            raise UsageError(
                "act.sim_meeting_not_yet", date=long_date(change.date), topic=change.topic or ""
            )


def meetings_of(changes: Sequence[Change]) -> dict[str, PlanMeeting]:
    return {c.activity_id: c for c in changes if isinstance(c, PlanMeeting)}


def meeting_lines(
    scenario: Scenario, contacts: Sequence[tuple[str, Sequence[Any]]], names: Mapping[str, str]
) -> list[str]:
    """One line per planned meeting: what, when, who is invited, how many contacts it makes."""
    plans = meetings_of(scenario.changes)
    lines = []
    for key, pairs in contacts:
        m = plans.get(key)
        if m is None:
            continue
        who = ", ".join(names.get(i, i) for i in m.invitees)
        lines.append(
            t(
                "act.sim_meeting",
                type=m.type,
                topic=m.topic or "–",
                date=long_date(m.date),
                n=number(len(m.invitees)),
                contacts=number(len(pairs)),
                who=who,
            )
        )
    return lines


def meeting_json(
    doc: dict[str, Any], scenario: Scenario, names: Mapping[str, str]
) -> dict[str, Any]:
    """The JSON document with each meeting's invitees named (keys added, none renamed)."""
    plans = meetings_of(scenario.changes)
    for entry in doc.get("meetings", ()):
        m = plans.get(entry["id"])
        if m is not None:
            entry["date"] = m.date.isoformat()
            entry["type"] = m.type
            entry["topic"] = m.topic
            entry["invitees"] = [{"id": i, "name": names.get(i, i)} for i in m.invitees]
    return doc
