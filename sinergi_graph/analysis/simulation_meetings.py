"""Planned kegiatan in a simulation: the contacts a rakor with its invitees would make.

A :class:`~sinergi_graph.changes.PlanMeeting` counts the way a recorded
kegiatan counts when the graph is built: every pair of institutions among the
invitees (members folded onto their institution) is a contact on the
meeting's date, by :func:`~sinergi_graph.activities.activity_contacts` itself.
In the simulated graph each such contact is placed as a link of its own, with
the id ``<kegiatan id>#<n>``, so the incremental machinery (edges, gaps,
removal of an actor later in the scenario) treats it like any link. The store
never sees these ids: applied, the plan is recorded as its kegiatan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Mapping

import networkx as nx

from sinergi_graph.activities import activity_contacts, activity_row
from sinergi_graph.analysis.network_edit import NetworkEdit
from sinergi_graph.analysis.simulation_base import NetworkRecords
from sinergi_graph.changes import PlanMeeting
from sinergi_graph.errors import UnknownActor
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.models import LinkRow

__all__ = ["MeetingPlanning", "meeting_contacts"]


def meeting_contacts(
    meeting: PlanMeeting, roots: Mapping[str, str], present: Container[str]
) -> list[LinkRow]:
    """The contacts ``meeting`` makes between the institutions ``present``, each with its own id.

    >>> m = PlanMeeting(date=dt.date(2024, 5, 2), invitees=("sri", "lurah", "ppk"))
    >>> [(c.source, c.target) for c in meeting_contacts(m, {"sri": "pps"}, {"pps", "lurah", "ppk"})]
    [('pps', 'lurah'), ('pps', 'ppk'), ('lurah', 'ppk')]
    >>> meeting_contacts(m, {}, {"lurah", "ppk"})[0].id == m.activity_id + "#0"
    True
    """
    found = activity_contacts([activity_row(meeting.activity())], roots, present)
    return [row._replace(id=f"{row.id}#{n}") for n, row in enumerate(found)]


class MeetingPlanning(NetworkEdit):
    """A network edit that can also play planned meetings (see the module docstring)."""

    def __init__(
        self,
        graph: nx.Graph,
        records: NetworkRecords,
        catalogue: KindCatalogue,
        as_of: dt.date | None,
    ) -> None:
        super().__init__(graph, records, catalogue, as_of)
        #: Per planned kegiatan id: the institution pairs its meeting makes a contact.
        self.meetings: dict[str, tuple[tuple[str, str], ...]] = {}
        self.notes: list[str] = []

    def _plan_meeting(self, meeting: PlanMeeting) -> None:
        for invitee in meeting.invitees:
            if not self._exists(invitee):
                raise UnknownActor(id=invitee)
        key = meeting.activity_id
        contacts = meeting_contacts(meeting, self._root, self.G._adj)
        for row in contacts:
            self._keep_link(row)
            self._place(row, add=True)
        self.meetings[key] = tuple((c.source, c.target) for c in contacts)
        if not contacts:
            self.notes.append(f"meeting {key} brings no two institutions together; no contact")
        elif self._cutoff is not None and meeting.date.isoformat() > self._cutoff:
            self.notes.append(
                f"meeting {key} on {meeting.date.isoformat()} is after the evaluation date; "
                "its contacts do not count"
            )
