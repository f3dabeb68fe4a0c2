"""Kegiatan (activities) with their attendees, and kerja sama (agreements).

What the field records is the kegiatan: one rapat koordinasi or sosialisasi
brings several actors together on one day, and every pair of institutions
present counts as a contact on that date. An agreement (MoU, PKS) binds its
parties; an activity that names it is one of its follow-ups.

Examples
--------
>>> import datetime as dt
>>> import datetime as dt
>>> a = Activity(id="K1", date=dt.date(2023, 10, 5), attendees=("pps", "lurah"))
>>> a.type, a.attendees
('RAPAT', ('pps', 'lurah'))
>>> Agreement(id="MOU1", title="MoU Pemilu", parties=("kpu", "kemendagri")).parties
('kpu', 'kemendagri')
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from itertools import combinations
from typing import Any

# The records live with the other domain records (a ChangeSet carries them); re-exported here.
from sinergi_graph.models import (
    Activity,
    ActivityRow,
    Agreement,
    LinkRow,
    resolve_link_type,
)

__all__ = [
    "ACTIVITY_COLUMNS",
    "AGREEMENT_COLUMNS",
    "Activity",
    "ActivityRow",
    "Agreement",
    "activity_contacts",
    "activity_from_columns",
    "activity_row",
    "activity_type",
    "agreement_from_columns",
]

# Columns of the activities and agreements tables, in export order (design.md).
ACTIVITY_COLUMNS = ("id", "date", "type", "topic", "place", "area", "agreement", "note")
AGREEMENT_COLUMNS = ("id", "title", "number", "parties", "signed", "expires", "note")


def activity_type(text: str) -> str | None:
    """Canonical activity type for everyday spellings; ``None`` when unknown.

    The types are the link types (a kegiatan is a coordination of several at once).

    >>> activity_type("Sowan"), activity_type("rakor"), activity_type("pesta")
    ('AUDIENSI', 'RAPAT', None)
    """
    found = resolve_link_type(text)
    return found.value if found is not None else None


def activity_row(activity: Activity) -> ActivityRow:
    """The light row of ``activity`` that :class:`~sinergi_graph.models.NetworkRows` carries."""
    return ActivityRow(
        activity.id, activity.type, activity.date.isoformat(), activity.topic, activity.attendees
    )


def activity_from_columns(values: Sequence[Any], attendees: Sequence[str]) -> Activity:
    """An activity from stored columns (:data:`ACTIVITY_COLUMNS`) and its attendee ids."""
    id_, day, type_, topic, place, area, agreement, note = values
    return Activity(
        id=id_,
        date=day,
        type=type_,
        topic=topic,
        place=place,
        area=area,
        agreement=agreement,
        note=note,
        attendees=tuple(attendees),
    )


def agreement_from_columns(values: Sequence[Any], parties: Sequence[str]) -> Agreement:
    """An agreement from stored columns (:data:`AGREEMENT_COLUMNS` but ``parties``)."""
    id_, title, number, signed, expires, note = values
    return Agreement(
        id=id_,
        title=title,
        number=number,
        parties=tuple(parties),
        signed=signed or None,
        expires=expires or None,
        note=note,
    )


def activity_contacts(
    activities: Iterable[ActivityRow],
    roots: Mapping[str, str],
    present: Container[str],
    cutoff: str | None = None,
) -> Iterator[LinkRow]:
    """Every pair of institutions present at an activity, as a contact on its date.

    Attendees are folded onto their institutions (``roots``: member → top
    institution); pairs whose ends are not ``present`` in the graph are left
    out, as are activities after ``cutoff`` (ISO date). The contact's id is the
    activity's, so an edge can say through which kegiatan its last contact came.

    >>> from sinergi_graph.models import ActivityRow
    >>> rows = [ActivityRow("K1", "RAPAT", "2023-10-05", "DPTb", ("sri", "lurah", "ppk"))]
    >>> [(c.source, c.target) for c in activity_contacts(rows, {"sri": "pps"},
    ...                                                  {"pps", "lurah", "ppk"})]
    [('pps', 'lurah'), ('pps', 'ppk'), ('lurah', 'ppk')]
    """
    for act in activities:
        if cutoff is not None and act.date > cutoff:
            continue
        bodies = list(dict.fromkeys(roots.get(a, a) for a in act.attendees))
        bodies = [b for b in bodies if b in present]
        for u, v in combinations(bodies, 2):
            yield LinkRow(act.id, u, v, act.type, act.date, act.topic)
