"""Readers and exports take their columns from the one list in sinergi_graph.fields."""

from __future__ import annotations

import datetime as dt
import json

from sinergi_graph.exporting import actor_record, link_record
from sinergi_graph.fields import ACTOR_FIELDS, CONTACT_FIELDS, LINK_FIELDS
from sinergi_graph.models import Actor, CoordinationLink, actor_from_columns, link_from_columns

ACTOR = Actor(
    id="pps-bulu",
    kind="PPS",
    name="PPS Bulu",
    area="33.23.01.2001",
    member_of=None,
    phone="081234567890",
    email="pps@example.org",
    note="sekretariat di balai desa",
    properties={"jabatan": "ketua"},
)
LINK = CoordinationLink.create("pps-bulu", "kades-bulu", "RAPAT", dt.date(2024, 3, 1), "DPTb")


def test_stored_columns_in_field_order_give_the_same_records_back() -> None:
    actor_row = [getattr(ACTOR, f) for f in ACTOR_FIELDS] + [json.dumps(ACTOR.properties)]
    assert actor_from_columns(actor_row) == ACTOR
    assert link_from_columns([getattr(LINK, f) for f in LINK_FIELDS]) == LINK
    # An empty stored date reads as no date, as both stores write it.
    no_date = [getattr(LINK, f) if f != "date" else "" for f in LINK_FIELDS]
    assert link_from_columns(no_date).date is None


def test_export_records_carry_every_field_and_withhold_the_contact_fields() -> None:
    full = actor_record(ACTOR, include_contacts=True)
    assert list(full)[: len(ACTOR_FIELDS)] == list(ACTOR_FIELDS)
    assert full["jabatan"] == "ketua"
    kept = actor_record(ACTOR, include_contacts=False)
    assert not set(CONTACT_FIELDS) & set(kept)
    assert {f: kept[f] for f in ("id", "kind", "name", "area", "note")} == {
        "id": "pps-bulu",
        "kind": "PPS",
        "name": "PPS Bulu",
        "area": "33.23.01.2001",
        "note": "sekretariat di balai desa",
    }
    record = link_record(LINK)
    assert list(record) == list(LINK_FIELDS)
    assert record["date"] == "2024-03-01" and record["topic"] == "DPTb"
