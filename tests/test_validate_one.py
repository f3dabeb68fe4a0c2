"""One actor or one link validated like one row of an import file (the TUI's forms use it)."""

from __future__ import annotations

import datetime as dt

from sinergi_graph.areas import load_areas
from sinergi_graph.kinds import load_catalogue
from sinergi_graph.models import Actor
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.validation import validate_actor, validate_link

CATALOGUE = load_catalogue(None)
AREAS = load_areas()


def _seed(store: EmbeddedStore) -> None:
    store.upsert(
        [
            Actor(id="PPS-1", kind="PPS", name="PPS Tepus", area="34.03.07.2004"),
            Actor(id="P-1", kind="PERSON", name="Ketua PPS", member_of="PPS-1"),
            Actor(id="LURAH-1", kind="LURAH", name="Lurah Tepus", area="34.03.07.2004"),
        ],
        [],
    )


def test_an_actor_in_everyday_spelling_is_accepted_and_normalised(embedded_store):
    _seed(embedded_store)
    checked = validate_actor(
        {"id": "K-1", "kind": "Kades", "name": " Bapak Kades ", "area": "3403072004"},
        embedded_store,
        CATALOGUE,
        AREAS,
    )
    assert checked.ok and not checked.problems
    actor = checked.record
    assert actor is not None
    assert (actor.kind, actor.name, actor.area) == ("KADES", "Bapak Kades", "34.03.07.2004")


def test_an_actor_form_reports_each_field_like_an_import_row(embedded_store):
    _seed(embedded_store)
    checked = validate_actor(
        {"id": "", "kind": "Kepala Dsa", "name": "X", "area": "34.03.7", "email": "not mail"},
        embedded_store,
        CATALOGUE,
        AREAS,
    )
    assert checked.record is None and not checked.ok
    by_column = {p.column: p for p in checked.problems}
    assert set(by_column) == {"id", "kind", "area", "email"}
    assert by_column["kind"].render("en").startswith("form:1:kind: ")
    assert "Kepala Dsa" in by_column["kind"].message("en")
    assert "form:1" not in by_column["area"].message("id")


def test_member_of_must_be_a_recorded_institution(embedded_store):
    _seed(embedded_store)
    base = {"id": "P-2", "kind": "PERSON", "name": "Anggota"}
    unknown = validate_actor({**base, "member_of": "NOPE"}, embedded_store, CATALOGUE, AREAS)
    assert [p.code for p in unknown.problems] == ["p_member_unknown"]
    person = validate_actor({**base, "member_of": "P-1"}, embedded_store, CATALOGUE, AREAS)
    assert [p.code for p in person.problems] == ["p_member_not_institution"]
    fine = validate_actor({**base, "member_of": "PPS-1"}, embedded_store, CATALOGUE, AREAS)
    assert fine.ok and fine.record is not None and fine.record.member_of == "PPS-1"


def test_a_link_between_recorded_actors_with_an_office_date(embedded_store):
    _seed(embedded_store)
    checked = validate_link(
        {"source": "PPS-1", "target": "LURAH-1", "type": "Sowan", "date": "05/10/2023"},
        embedded_store,
    )
    assert checked.ok
    link = checked.record
    assert link is not None
    assert (link.type, link.date) == ("AUDIENSI", dt.date(2023, 10, 5))


def test_a_link_to_an_unknown_actor_or_itself_is_refused(embedded_store):
    _seed(embedded_store)
    unknown = validate_link({"source": "PPS-1", "target": "GHOST"}, embedded_store)
    assert [(p.column, p.code) for p in unknown.problems] == [("target", "p_unknown_endpoint")]
    itself = validate_link({"source": "PPS-1", "target": "PPS-1"}, embedded_store)
    assert ("target", "p_self_link") in [(p.column, p.code) for p in itself.problems]
    bad = validate_link({"source": "PPS-1", "target": "LURAH-1", "date": "kemarin"}, embedded_store)
    assert [p.code for p in bad.problems] == ["p_bad_date"] and bad.record is None
