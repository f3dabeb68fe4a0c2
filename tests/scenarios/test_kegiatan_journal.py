"""Kegiatan and kerja sama in the undo journal: written with their entry, undone, conflicts named.

Real embedded stores throughout; the two-store contract for ``apply_changes``
itself is tests/test_store_contract.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.changes import RemoveActor, Scenario
from sinergi_graph.errors import UndoConflict
from sinergi_graph.models import Actor, ChangeSet
from sinergi_graph.scenarios import apply_scenario, record_edit, undo_conflicts, undo_last
from sinergi_graph.store.embedded import EmbeddedStore

D1 = dt.date(2024, 5, 2)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[EmbeddedStore]:
    s = EmbeddedStore(tmp_path / "net.db")
    s.upsert(
        [
            Actor(id="pps", kind="PPS", name="PPS Tepus", area="34.03.07.2004"),
            Actor(id="sri", kind="PERSON", name="Sri", member_of="pps"),
            Actor(id="lurah", kind="LURAH", name="Lurah Tepus", area="34.03.07.2004"),
            Actor(id="ppk", kind="PPK", name="PPK Tepus", area="34.03.07"),
        ],
        [],
    )
    yield s
    s.close()


def rakor(**update: object) -> Activity:
    base = Activity(id="K1", date=D1, topic="Rakor DPTb", attendees=("sri", "lurah"))
    return base.model_copy(update=update)


def test_a_recorded_kegiatan_is_undone_with_its_attendance(store: EmbeddedStore) -> None:
    entry = record_edit(store, "kegiatan Rakor DPTb", activities=(rakor(),))
    assert entry.forward.upsert_activities == (rakor(),)
    assert entry.inverse.delete_activity_ids == ("K1",)
    assert [r.attendees for r in store.network_rows().activities] == [("sri", "lurah")]
    done = undo_last(store)
    assert done is not None and done.label == "kegiatan Rakor DPTb"
    assert store.activities() == []
    assert store.network_rows().activities == []


def test_undo_of_a_changed_kegiatan_restores_the_earlier_one(store: EmbeddedStore) -> None:
    store.upsert([], [], activities=[rakor()])
    record_edit(store, "tambah PPK", activities=(rakor(attendees=("sri", "lurah", "ppk")),))
    undo_last(store)
    assert store.activities() == [rakor()]


def test_undo_refuses_when_the_kegiatan_changed_since(store: EmbeddedStore) -> None:
    entry = record_edit(store, "rakor", activities=(rakor(),))
    store.upsert([], [], activities=[rakor(place="Balai Desa")])
    (conflict,) = undo_conflicts(store, entry)
    assert (conflict.record, conflict.what, conflict.fields) == ("activity", "changed", ("place",))
    with pytest.raises(UndoConflict) as caught:
        undo_last(store)
    assert "kegiatan 'Rakor DPTb' (K1) diubah sesudahnya (tempat)" in caught.value.render("id")
    assert "kegiatan 'Rakor DPTb' (K1) was changed since (place)" in caught.value.render("en")
    assert store.activities() == [rakor(place="Balai Desa")]
    undo_last(store, force=True)
    assert store.activities() == []


def test_undo_refuses_when_the_kegiatan_was_deleted_since(store: EmbeddedStore) -> None:
    entry = record_edit(store, "rakor", activities=(rakor(),))
    store.delete_records(activity_ids=["K1"])
    assert [(c.record, c.what) for c in undo_conflicts(store, entry)] == [("activity", "deleted")]


def test_removing_an_actor_and_undoing_gives_back_its_attendance_and_party(
    store: EmbeddedStore,
) -> None:
    mou = Agreement(id="MOU", title="MoU Pemilu", parties=("pps", "lurah"))
    store.upsert([], [], activities=[rakor(attendees=("lurah", "pps", "ppk"))], agreements=[mou])
    entry = apply_scenario(
        store, Scenario(name="lurah pergi", changes=[RemoveActor(actor_id="lurah")])
    )
    assert store.activities()[0].attendees == ("pps", "ppk")
    assert store.agreements()[0].parties == ("pps",)
    assert undo_conflicts(store, entry) == []
    undo_last(store)
    assert store.activities() == [rakor(attendees=("lurah", "pps", "ppk"))]
    assert store.agreements() == [mou]


def test_undo_deleting_an_actor_names_a_kegiatan_it_attended_since(store: EmbeddedStore) -> None:
    entry = record_edit(store, "PKD baru", actors=(Actor(id="pkd", kind="PKD", name="PKD"),))
    store.upsert([], [], activities=[rakor(attendees=("pkd", "lurah"))])
    conflicts = undo_conflicts(store, entry)
    assert [(c.id, c.what, c.other) for c in conflicts] == [("pkd", "new_activity", "K1")]
    with pytest.raises(UndoConflict) as caught:
        undo_last(store)
    assert "tercatat hadir di kegiatan baru K1" in caught.value.render("id")


def test_an_agreement_recorded_and_undone(store: EmbeddedStore) -> None:
    mou = Agreement(id="MOU", title="MoU Pemilu", parties=("pps", "ppk"), signed=D1)
    record_edit(store, "MoU", agreements=(mou,))
    assert store.agreements() == [mou]
    undo_last(store)
    assert store.agreements() == []


def test_a_journal_written_before_kegiatan_existed_still_reads(store: EmbeddedStore) -> None:
    old = (
        '{"seq": 1, "kind": "edit", "label": "lama", "applied_at": "2024-01-01T00:00:00+00:00",'
        ' "forward": {"upsert_actors": [{"id": "x", "kind": "PPS", "name": "X"}]},'
        ' "inverse": {"delete_actor_ids": ["x"]}}'
    )
    store.apply_changes(
        ChangeSet(upsert_actors=(Actor(id="x", kind="PPS", name="X"),)),
        [("journal", "00000001", old)],
    )
    done = undo_last(store)
    assert done is not None and done.label == "lama"
    assert store.get_actor("x") is None
