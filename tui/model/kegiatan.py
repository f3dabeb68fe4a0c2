"""Recording one kegiatan from the TUI: attendee candidates and the checked record.

Attendees are offered the way a coordinator thinks of a rakor: the area's
own stakeholders first (the institutions located there), then, once a name
is typed, every actor that matches it, the area's still ahead of the rest.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sinergi_graph.activities import Activity, activity_type
from sinergi_graph.areas import AreaIndex, is_within
from sinergi_graph.dates import parse_date
from tui.i18n import tr
from tui.model.display import plain
from tui.model.network import ROOT, Network
from tui.model.search import search

__all__ = ["Candidate", "attendee_candidates", "build_activity"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An actor that can be ticked as present: id, shown name, kind label, in the area."""

    id: str
    name: str
    kind: str
    local: bool


def _in_area(network: Network, actor_id: str, area: str) -> bool:
    row = network.rows.get(actor_id)
    return bool(row and row.area and is_within(row.area, area))


def attendee_candidates(
    network: Network,
    areas: AreaIndex,
    query: str,
    area: str,
    *,
    kind_label: Callable[[str], str] = str,
    limit: int = 30,
) -> list[Candidate]:
    """Who can be picked for ``query``: the area's stakeholders first, best match next."""
    if not query.strip():
        ids = (
            sorted(network.nodes_in(area), key=lambda i: (network.name(i), i))
            if area != ROOT
            else []
        )
    else:
        hits = [h for h in search(query, areas, network, limit=limit * 2) if h.kind == "actor"]
        # search() ranks best first; a stable sort keeps that order within each group.
        ids = sorted((h.id for h in hits), key=lambda i: not _in_area(network, i, area))
    return [
        Candidate(i, network.name(i), kind_label(network.kind(i)), _in_area(network, i, area))
        for i in ids[:limit]
    ]


def build_activity(
    *,
    type_text: str,
    day_text: str,
    topic: str,
    place: str,
    area: str,
    attendees: Sequence[str],
    lang: str,
) -> Activity | dict[str, str]:
    """The kegiatan as typed, or the problems by field (``type``, ``date``, ``attendees``).

    The id is new every time (``KEG-YYYYMMDD-xxxxxx``): recording the same
    meeting twice is a user's choice, not something to merge silently.
    """
    problems: dict[str, str] = {}
    kind = activity_type(type_text)
    if kind is None:
        problems["type"] = tr("kf_bad_type", lang, value=plain(type_text))
    # The one date reader: the form takes a date as the office writes it, as imports do.
    day = parse_date(day_text)
    if day is None:
        problems["date"] = tr("kf_bad_date", lang, value=plain(day_text))
    if len(attendees) < 2:
        # One actor alone is no contact: a kegiatan counts for the pairs present.
        problems["attendees"] = tr("kf_few_attendees", lang)
    if problems or kind is None:
        return problems
    return Activity(
        id=f"KEG-{day:%Y%m%d}-{secrets.token_hex(3)}",
        date=day,
        type=kind,
        topic=topic.strip() or None,
        place=place.strip() or None,
        area=None if area == ROOT else area,
        attendees=tuple(dict.fromkeys(attendees)),
    )
