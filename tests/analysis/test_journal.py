"""One undo journal for applied scenarios and TUI edits, used by ``sinergi undo`` and ``u``.

The CLI runs as a user would (the ``sinergi`` script in a subprocess); the TUI's
side is its helper API (:mod:`tui.editing`), which is what the ``u`` key calls.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from sinergi_graph.changes import AddActor, AddLink, RemoveActor, Scenario
from sinergi_graph.errors import UndoConflict
from sinergi_graph.models import Actor, ChangeSet, CoordinationLink
from sinergi_graph.scenarios import (
    JOURNAL_NAMESPACE,
    apply_scenario,
    journal,
    last_pending,
    migrate_legacy,
    undo_conflicts,
    undo_last,
)
from sinergi_graph.scenarios import record_edit as core_record_edit
from sinergi_graph.scenarios.journal import LEGACY_EDIT_NAMESPACE, LEGACY_SCENARIO_NAMESPACE
from sinergi_graph.store.embedded import EmbeddedStore
from tui.editing import next_undo, record_edit, undo_latest

from .conftest import ACTORS, LINKS

Cli = Callable[..., CompletedProcess[str]]

NEW = "PPS2003"
NEW_SPEC = f"{NEW}:PPS:PPS Baru:33.23.01.2001"


def _write_nodes(path: Path, rows: list[tuple[str | None, ...]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "name", "area", "member_of"])
        w.writerows([[a or "" for a in row] for row in rows])
    return path


@pytest.fixture
def db(tmp_path: Path, cli: Cli) -> Path:
    """The mini regency of ``conftest.py`` imported through ``sinergi import``."""
    nodes = _write_nodes(tmp_path / "nodes.csv", ACTORS)
    links = tmp_path / "links.csv"
    with links.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "type", "date", "topic"])
        w.writerows([[s, t, ty, d or "", tp or ""] for _, s, t, ty, d, tp in LINKS])
    path = tmp_path / "mini.db"
    done = cli("--db", str(path), "import", str(nodes), str(links))
    assert done.returncode == 0, done.stderr
    return path


def _apply_new_actor(cli: Cli, db: Path) -> None:
    done = cli("--db", str(db), "simulate", "--add-actor", NEW_SPEC, "--apply", "--yes")
    assert done.returncode == 0, done.stderr


def _rename_in_tui(db: Path, name: str) -> None:
    """The TUI's edit form path: the corrected actor written with its journal entry."""
    store = EmbeddedStore(db)
    try:
        actor = store.get_actor(NEW)
        assert actor is not None
        record_edit(store, f"ubah {NEW}", actors=(actor.model_copy(update={"name": name}),))
    finally:
        store.close()


def _actor_name(db: Path, actor_id: str = NEW) -> str | None:
    store = EmbeddedStore(db)
    try:
        actor = store.get_actor(actor_id)
        return None if actor is None else actor.name
    finally:
        store.close()


@pytest.mark.trust("durability")
def test_undo_after_a_tui_edit_undoes_the_edit_first_and_loses_nothing(cli: Cli, db: Path) -> None:
    """The data-loss regression: scenario adds an actor, the TUI renames it, ``sinergi undo``."""
    _apply_new_actor(cli, db)
    _rename_in_tui(db, "PPS Baru Sekali")

    # One sequence: the latest entry is the edit, so the CLI undoes the edit (not the scenario).
    first = cli("--db", str(db), "undo", "--yes")
    assert first.returncode == 0, first.stderr
    # Entry #1 is the fixture's import (imports are journalled too).
    assert "suntingan #3" in first.stdout and f"ubah {NEW}" in first.stdout  # says what it undid
    assert _actor_name(db) == "PPS Baru"

    # The TUI's ``u`` then undoes the scenario: the actor it added goes.
    store = EmbeddedStore(db)
    try:
        undone = undo_latest(store)
        assert undone is not None and undone.what == "scenario"
        assert store.get_actor(NEW) is None
        # ...and nothing comes back with an old name afterwards: what is left is the import.
        base = undo_latest(store)
        assert base is not None and base.what == "edit" and base.label.startswith("impor ")
        assert undo_latest(store) is None
        assert store.get_actor(NEW) is None
    finally:
        store.close()
    again = cli("--db", str(db), "--lang", "en", "undo", "--yes")
    assert again.returncode == 0 and "Nothing to undo" in again.stdout


@pytest.mark.trust("durability")
def test_undo_refuses_naming_the_actor_changed_outside_the_journal(
    cli: Cli, db: Path, tmp_path: Path
) -> None:
    _apply_new_actor(cli, db)
    # A write outside the journal (another tool, a hand edit) renames the new actor,
    # so undo would delete a changed record. (A re-import is journalled: see below.)
    store = EmbeddedStore(db)
    try:
        store.upsert([Actor(id=NEW, kind="PPS", name="PPS Hasil Impor", area="33.23.01.2001")], [])
    finally:
        store.close()

    refused = cli("--db", str(db), "undo", "--yes")
    assert refused.returncode != 0
    assert "PPS Hasil Impor" in refused.stderr and NEW in refused.stderr
    assert "diubah" in refused.stderr  # Bahasa Indonesia by default
    assert len(refused.stderr.strip().splitlines()) == 1
    english = cli("--db", str(db), "--lang", "en", "undo", "--yes")
    assert english.returncode != 0 and "changed" in english.stderr
    assert _actor_name(db) == "PPS Hasil Impor"

    forced = cli("--db", str(db), "undo", "--yes", "--force")
    assert forced.returncode == 0, forced.stderr
    assert _actor_name(db) is None


# ------------------------------------------------------------------ in-process: the core journal


@pytest.fixture
def store(tmp_path: Path):
    s = EmbeddedStore(tmp_path / "net.db")
    s.upsert(
        [Actor(id=a[0], kind=a[1], name=a[2], area=a[3], member_of=a[4]) for a in ACTORS],
        [],
    )
    yield s
    s.close()


def _rename(store: EmbeddedStore, actor_id: str, name: str) -> None:
    """A change made outside the journal (what a re-import does)."""
    actor = store.get_actor(actor_id)
    assert actor is not None
    store.upsert([actor.model_copy(update={"name": name})], [])


@pytest.mark.trust("durability")
def test_one_sequence_even_within_the_same_second(store: EmbeddedStore) -> None:
    # The old TUI compared timestamps to the second with the edit winning a tie, so a
    # plan applied right after an edit was undone after the edit, not before.
    edit = core_record_edit(
        store, "ubah PPK", actors=(Actor(id="PPK02", kind="PPK", name="PPK Baru", area="33.23.02"),)
    )
    plan = apply_scenario(
        store, Scenario(name="sowan", changes=[AddLink(source="PPS0201", target="KADES0201")])
    )
    assert [e.seq for e in journal(store)] == [edit.seq, plan.seq] == [1, 2]
    assert next_undo(store) is not None and next_undo(store).what == "scenario"  # type: ignore[union-attr]
    assert undo_latest(store).what == "scenario"  # type: ignore[union-attr]
    assert store.links_of("PPS0201") == []
    assert store.get_actor("PPK02").name == "PPK Baru"  # type: ignore[union-attr]
    assert undo_latest(store).what == "edit"  # type: ignore[union-attr]
    assert store.get_actor("PPK02").name == "PPK Kledung"  # type: ignore[union-attr]
    assert undo_latest(store) is None and next_undo(store) is None


def test_undo_refuses_an_actor_created_again(store: EmbeddedStore) -> None:
    gone = store.get_actor("KESBANG")
    apply_scenario(store, Scenario(changes=[RemoveActor(actor_id="KESBANG")]))
    store.upsert([gone], [])  # type: ignore[list-item]
    with pytest.raises(UndoConflict) as err:
        undo_last(store)
    text = err.value.render("id")
    assert "Kesbangpol Temanggung" in text and "dibuat lagi" in text
    assert "created again" in err.value.render("en")
    assert last_pending(store) is not None  # nothing undone


def test_undo_refuses_to_delete_an_actor_with_a_link_added_since(store: EmbeddedStore) -> None:
    apply_scenario(
        store,
        Scenario(changes=[AddActor(id="N1", kind="PPS", name="PPS Baru", area="33.23.01.2001")]),
    )
    link = CoordinationLink.create("N1", "KADES2001", "RAPAT")
    store.upsert([], [link])  # outside the journal
    conflicts = undo_conflicts(store, last_pending(store))  # type: ignore[arg-type]
    assert [(c.id, c.what, c.other) for c in conflicts] == [("N1", "new_link", link.id)]
    with pytest.raises(UndoConflict) as err:
        undo_last(store)
    assert link.id in err.value.render("en") and "PPS Baru" in err.value.render("en")
    assert store.get_actor("N1") is not None and store.links([link.id]) == [link]


def test_a_journaled_link_is_undone_first_and_then_the_actor_goes_cleanly(
    store: EmbeddedStore,
) -> None:
    apply_scenario(
        store,
        Scenario(changes=[AddActor(id="N1", kind="PPS", name="PPS Baru", area="33.23.01.2001")]),
    )
    core_record_edit(store, "tautan", links=(CoordinationLink.create("N1", "KADES2001", "RAPAT"),))
    assert undo_last(store).label == "tautan"  # type: ignore[union-attr]
    assert undo_last(store) is not None
    assert store.get_actor("N1") is None and store.links_of("KADES2001") == []


def test_undo_refuses_to_delete_an_institution_with_a_member_added_since(
    store: EmbeddedStore,
) -> None:
    apply_scenario(
        store,
        Scenario(changes=[AddActor(id="N1", kind="PPS", name="PPS Baru", area="33.23.01.2001")]),
    )
    store.upsert([Actor(id="m1", kind="PERSON", name="Anggota Baru", member_of="N1")], [])
    (conflict,) = undo_conflicts(store, last_pending(store))  # type: ignore[arg-type]
    assert (conflict.id, conflict.what, conflict.other) == ("N1", "new_member", "m1")


def test_undo_refuses_to_restore_a_freed_member_that_was_edited_since(
    store: EmbeddedStore,
) -> None:
    # Removing PPK01 frees its members (member_of cleared); undo would restore them.
    apply_scenario(store, Scenario(changes=[RemoveActor(actor_id="PPK01")]))
    _rename(store, "ppk01-a", "Ketua PPK (baru)")
    (conflict,) = undo_conflicts(store, last_pending(store))  # type: ignore[arg-type]
    assert (conflict.id, conflict.what, conflict.fields) == ("ppk01-a", "changed", ("name",))
    with pytest.raises(UndoConflict) as err:
        undo_last(store)
    assert "Ketua PPK (baru)" in err.value.render("id") and "(nama)" in err.value.render("id")
    # Forced, the network is as before the scenario.
    assert undo_last(store, force=True) is not None
    assert store.get_actor("ppk01-a").member_of == "PPK01"  # type: ignore[union-attr]


@pytest.mark.trust("durability")
def test_an_edit_changed_since_outside_the_journal_is_refused_too(store: EmbeddedStore) -> None:
    core_record_edit(
        store, "ubah", actors=(Actor(id="CAMAT02", kind="CAMAT", name="Camat X", area="33.23.02"),)
    )
    _rename(store, "CAMAT02", "Camat Y")
    with pytest.raises(UndoConflict):
        undo_latest(store)
    assert store.get_actor("CAMAT02").name == "Camat Y"  # type: ignore[union-attr]


def test_many_conflicts_name_a_few_and_count_the_rest(store: EmbeddedStore) -> None:
    ids = ["CAMAT01", "CAMAT02", "KADES2001", "KADES2002", "KADES0201"]
    apply_scenario(store, Scenario(changes=[RemoveActor(actor_id=i) for i in ids]))
    store.upsert([Actor(id=i, kind="CAMAT", name=f"lagi {i}") for i in ids], [])
    with pytest.raises(UndoConflict) as err:
        undo_last(store)
    assert err.value.render("en").endswith("and 2 more changes")
    assert len(err.value.params["conflicts"]) == 5  # type: ignore[arg-type]


# ------------------------------------------------------------------ journals of earlier versions


def _legacy_documents(store: EmbeddedStore) -> None:
    """The two journals as the previous version wrote them (scenario, then an edit)."""
    added = Actor(id="N1", kind="PPS", name="PPS Baru", area="33.23.01.2001")
    renamed = added.model_copy(update={"name": "PPS Baru Sekali"})
    scenario = Scenario(
        name="lama", changes=[AddActor(id="N1", kind="PPS", name="PPS Baru", area="33.23.01.2001")]
    )
    store.upsert([renamed], [])
    scen = {
        "seq": 1,
        "scenario": scenario.model_dump(mode="json"),
        "applied_at": "2024-05-01T10:00:00+00:00",
        "forward": ChangeSet(upsert_actors=(added,)).model_dump(mode="json"),
        "inverse": ChangeSet(delete_actor_ids=("N1",)).model_dump(mode="json"),
        "transactions": 1,
        "undone_at": None,
    }
    edit = {
        "seq": 1,
        "label": "ubah N1",
        "applied_at": "2024-05-01T10:05:00.123456+00:00",
        "forward": ChangeSet(upsert_actors=(renamed,)).model_dump(mode="json"),
        "inverse": ChangeSet(upsert_actors=(added,)).model_dump(mode="json"),
        "undone_at": None,
    }
    store.put_document(LEGACY_SCENARIO_NAMESPACE, "00000001", json.dumps(scen))
    store.put_document(LEGACY_EDIT_NAMESPACE, "00000001", json.dumps(edit))


def test_earlier_journals_are_read_as_one_sequence_and_moved_on_the_first_write(
    store: EmbeddedStore,
) -> None:
    _legacy_documents(store)
    entries = journal(store)
    assert [(e.seq, e.kind.value, e.title) for e in entries] == [
        (1, "scenario", "lama"),
        (2, "edit", "ubah N1"),
    ]
    # Reading writes nothing.
    assert store.list_documents(JOURNAL_NAMESPACE) == []
    assert undo_last(store).title == "ubah N1"  # type: ignore[union-attr]
    assert store.get_actor("N1").name == "PPS Baru"  # type: ignore[union-attr]
    # Moved: one journal, the old namespaces gone, nothing moved twice.
    assert store.list_documents(LEGACY_SCENARIO_NAMESPACE) == []
    assert store.list_documents(LEGACY_EDIT_NAMESPACE) == []
    assert store.list_documents(JOURNAL_NAMESPACE) == ["00000001", "00000002"]
    assert undo_last(store).title == "lama"  # type: ignore[union-attr]
    assert store.get_actor("N1") is None
    assert undo_last(store) is None
    next_entry = apply_scenario(
        store, Scenario(changes=[AddLink(source="PPS0201", target="KADES0201")])
    )
    assert next_entry.seq == 3


def test_a_move_interrupted_before_the_old_documents_went_is_not_repeated(
    store: EmbeddedStore,
) -> None:
    _legacy_documents(store)
    assert migrate_legacy(store) == 2
    # As if the process stopped after the journal transaction: the old documents are back.
    _legacy_documents(store)
    assert [e.seq for e in journal(store)] == [1, 2]
    assert migrate_legacy(store) == 0
    assert store.list_documents(LEGACY_EDIT_NAMESPACE) == []
    assert len(journal(store)) == 2


def test_a_re_import_is_journalled_and_undone_first(cli: Cli, db: Path, tmp_path: Path) -> None:
    _apply_new_actor(cli, db)
    renamed = _write_nodes(
        tmp_path / "renamed.csv", [(NEW, "PPS", "PPS Hasil Impor", "33.23.01.2001", None)]
    )
    assert cli("--db", str(db), "import", str(renamed)).returncode == 0
    undone = cli("--db", str(db), "undo", "--yes")
    assert undone.returncode == 0, undone.stderr
    assert "impor renamed.csv" in undone.stdout
    assert _actor_name(db) == "PPS Baru"
