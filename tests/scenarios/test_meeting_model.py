"""A planned meeting in the engine: the same contacts as the kegiatan it becomes."""

from __future__ import annotations

import datetime as dt

import pytest

from sinergi_graph.activities import activity_row
from sinergi_graph.analysis.simulation import Simulation
from sinergi_graph.changes import AddLink, PlanMeeting, RemoveActor, Scenario, parse_change
from sinergi_graph.errors import UnknownActor
from sinergi_graph.gaps import find_gaps
from sinergi_graph.graph import build_graph
from sinergi_graph.models import ActorRow, NetworkRows
from sinergi_graph.rules import default_rules
from sinergi_graph.scenarios import forward_changes

DAY = dt.date(2024, 5, 2)
ROWS = NetworkRows(
    [
        ActorRow("pps", "PPS", "PPS Tepus", "34.03.07.2004", None),
        ActorRow("sri", "PERSON", "Sri", None, "pps"),
        ActorRow("lurah", "LURAH", "Lurah Tepus", "34.03.07.2004", None),
        ActorRow("ppk", "PPK", "PPK Tepus", "34.03.07", None),
        ActorRow("camat", "CAMAT", "Panewu Tepus", "34.03.07", None),
    ],
    [],
)


def meeting(*invitees: str, day: dt.date = DAY) -> PlanMeeting:
    return PlanMeeting(date=day, topic="Rakor DPTb", area="34.03.07", invitees=invitees)


def test_simulated_meeting_gives_the_gaps_of_the_recorded_kegiatan() -> None:
    plan = meeting("sri", "lurah", "ppk")
    sim = Simulation(ROWS, default_rules())
    sim.apply(plan)
    recorded = NetworkRows(ROWS.actors, ROWS.links, [activity_row(plan.activity())])
    assert sim.gaps() == find_gaps(build_graph(recorded), default_rules())
    # Sri is folded onto her PPS: three institutions, three pairs.
    assert set(sim.meetings[plan.activity_id]) == {
        ("pps", "lurah"),
        ("pps", "ppk"),
        ("lurah", "ppk"),
    }
    closed = {(g.rule, g.subject_id) for g in sim.result().closed}
    assert {("pps-kades", "pps"), ("pps-ppk", "pps")} <= closed


def test_a_meeting_of_one_institution_makes_no_contact_and_says_so() -> None:
    sim = Simulation(ROWS, default_rules())
    sim.apply(meeting("sri", "pps"))
    result = sim.result()
    assert result.closed == () and result.after == result.before
    assert result.notes and "brings no two institutions together" in result.notes[0]


def test_an_unknown_invitee_is_refused() -> None:
    with pytest.raises(UnknownActor):
        Simulation(ROWS, default_rules()).apply(meeting("pps", "nobody"))


def test_one_invitee_is_not_a_meeting() -> None:
    with pytest.raises(ValueError):
        PlanMeeting(date=DAY, invitees=("pps",))


def test_the_meeting_survives_json_and_becomes_its_kegiatan() -> None:
    plan = meeting("sri", "lurah", "ppk")
    scenario = Scenario(name="rakor", changes=[AddLink(source="ppk", target="camat"), plan])
    again = Scenario.model_validate_json(scenario.model_dump_json())
    assert again == scenario
    assert parse_change(plan.model_dump(mode="json")) == plan
    forward = forward_changes(scenario)
    assert forward.upsert_activities == (plan.activity(),)
    assert forward.upsert_activities[0].attendees == ("sri", "lurah", "ppk")
    # Who leaves later in the scenario does not attend.
    leaving = forward_changes(scenario.extended([RemoveActor(actor_id="lurah")]))
    assert leaving.upsert_activities[0].attendees == ("sri", "ppk")


def test_the_kegiatan_id_is_stable_and_tells_plans_apart() -> None:
    assert meeting("pps", "lurah").activity_id == meeting("pps", "lurah").activity_id
    assert meeting("pps", "lurah").activity_id != meeting("pps", "ppk").activity_id
