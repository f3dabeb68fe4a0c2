"""The graph and gap caches: the same graph and gaps as a fresh build, never stale ones."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from sinergi_graph.demo import build_demo
from sinergi_graph.gaps import Gap, Reason, find_gaps
from sinergi_graph.graph import build_graph, gaps_from_store, graph_from_store, node_name
from sinergi_graph.graph_cache import _PACKAGE, _SHAPING, cache_dir
from sinergi_graph.models import Actor, CoordinationLink
from sinergi_graph.rules import Rule, default_rules
from sinergi_graph.store.embedded import EmbeddedStore


def _same(a: nx.Graph, b: nx.Graph) -> bool:
    return dict(a.nodes(data=True)) == dict(b.nodes(data=True)) and nx.to_dict_of_dicts(
        a
    ) == nx.to_dict_of_dicts(b)


def _store(path: Path, village: str = "33.23.01.2001") -> EmbeddedStore:
    store = EmbeddedStore(path)
    store.upsert(
        [
            Actor(id="pps", kind="PPS", name="PPS Bulu", area=village),
            Actor(id="kades", kind="KADES", name="Kades Bulu", area=village),
            Actor(id="ketua", kind="PERSON", name="Ketua PPS", member_of="pps"),
        ],
        [CoordinationLink.create("ketua", "kades", date=dt.date(2023, 10, 5))],
    )
    return store


def _entries(kind: str = "graphs") -> list[Path]:
    return sorted((cache_dir() / kind).glob("*.pickle"))


def test_a_cached_graph_equals_a_fresh_build(tmp_path: Path) -> None:
    store = _store(tmp_path / "a.db")
    first = graph_from_store(store)
    assert len(_entries()) == 1
    second = graph_from_store(store)
    assert second is not first and _same(second, first)
    assert _same(second, build_graph(store.network_rows()))
    store.close()


def test_a_write_is_seen_at_once(tmp_path: Path) -> None:
    store = _store(tmp_path / "a.db")
    graph_from_store(store)
    store.upsert([Actor(id="lurah", kind="LURAH", name="Lurah X", area="33.23.01.1001")], [])
    assert "lurah" in graph_from_store(store)
    store.delete(actor_ids=["lurah"])
    assert "lurah" not in graph_from_store(store)
    store.close()


def test_another_file_at_the_same_path_and_revision_is_not_confused(tmp_path: Path) -> None:
    a, b = _store(tmp_path / "a.db"), _store(tmp_path / "b.db", village="33.23.01.2002")
    assert a.revision() == b.revision()
    graph_from_store(a)
    a.close()
    b.close()
    shutil.copyfile(tmp_path / "b.db", tmp_path / "a.db")  # same inode, same revision
    again = EmbeddedStore(tmp_path / "a.db")
    assert graph_from_store(again).nodes["pps"]["area"] == "33.23.01.2002"
    again.close()


def test_mutating_the_result_never_reaches_the_cache(tmp_path: Path) -> None:
    store = _store(tmp_path / "a.db")
    graph_from_store(store).remove_node("pps")
    assert "pps" in graph_from_store(store)
    store.close()


def test_a_damaged_entry_is_rebuilt(tmp_path: Path) -> None:
    store = _store(tmp_path / "a.db")
    graph_from_store(store)
    (entry,) = _entries()
    entry.write_bytes(b"not a pickle")
    assert _same(graph_from_store(store), build_graph(store.network_rows()))
    store.close()


@pytest.mark.parametrize("as_of", ["2023-01-01"])
def test_graphs_as_of_a_day_are_built_fresh(tmp_path: Path, as_of: str) -> None:
    store = _store(tmp_path / "a.db")
    G = graph_from_store(store, as_of=dt.date.fromisoformat(as_of))
    assert _entries() == [] and G.number_of_edges() == 0
    store.close()


# --- the gap list ---------------------------------------------------------------


@pytest.fixture(scope="module")
def kecamatan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo network of one kecamatan (33.23.01) with every reason of gap, built once."""
    path = tmp_path_factory.mktemp("kecamatan") / "kecamatan.db"
    store = EmbeddedStore(path)
    build_demo(store, "33.23.01")
    # A PPS of a village nobody else is recorded in: a no_counterpart gap.
    store.upsert([Actor(id="pps-new", kind="PPS", name="PPS Baru", area="33.23.02.2001")], [])
    store.close()
    return path


@pytest.fixture
def kecamatan(kecamatan_file: Path, tmp_path: Path) -> Iterator[EmbeddedStore]:
    # A copy per test: some tests write, and the cache is per file.
    path = tmp_path / "kecamatan.db"
    shutil.copyfile(kecamatan_file, path)
    store = EmbeddedStore(path)
    yield store
    store.close()


def _fresh(
    store: EmbeddedStore,
    rules: list[Rule],
    *,
    area: str | None = None,
    as_of: dt.date | None = None,
) -> tuple[list[Gap], dict[str, str]]:
    """What the gap command computed before the cache: graph, find_gaps, names from the graph."""
    G = build_graph(store.network_rows(), as_of=as_of)
    gaps = find_gaps(G, rules, area=area, as_of=as_of)
    return gaps, {c: node_name(G, c) for g in gaps for c in g.counterpart_ids}


@pytest.mark.parametrize("as_of", [None, dt.date(2023, 3, 1), dt.date(2023, 11, 20)])
def test_cached_gaps_equal_a_fresh_evaluation(
    kecamatan: EmbeddedStore, as_of: dt.date | None
) -> None:
    rules = default_rules()
    first = gaps_from_store(kecamatan, rules, as_of=as_of)
    assert len(_entries("gaps")) == 1
    for graph in _entries("graphs"):
        graph.unlink()
    second = gaps_from_store(kecamatan, rules, as_of=as_of)
    # The second answer came from the gap list alone: no graph was loaded or built.
    assert _entries("graphs") == []
    assert second == first == _fresh(kecamatan, rules, as_of=as_of)
    assert first[0], "the demo network has gaps"


def test_the_demo_gives_every_reason(kecamatan: EmbeddedStore) -> None:
    # Guards the test above: it compares stale and no_counterpart gaps too, not only no_contact.
    gaps, _ = gaps_from_store(kecamatan, default_rules(), as_of=dt.date(2023, 11, 20))
    assert {g.reason for g in gaps} == set(Reason)
    assert any(g.missed and g.via for g in gaps if g.reason is Reason.STALE)


@pytest.mark.parametrize(
    "area", ["33", "33.23", "33.23.01", "33.23.01.2001", "33.23.02", "34.03", "ID"]
)
def test_an_area_is_cut_from_the_cached_list(kecamatan: EmbeddedStore, area: str) -> None:
    rules = default_rules()
    day = dt.date(2023, 11, 20)
    gaps_from_store(kecamatan, rules, as_of=day)  # the whole list, now cached
    cut, names = gaps_from_store(kecamatan, rules, area=area, as_of=day)
    fresh, fresh_names = _fresh(kecamatan, rules, area=area, as_of=day)
    assert cut == fresh
    assert bool(cut) is (area != "34.03"), "only the area outside the network has no gaps"
    assert all(names[c] == fresh_names[c] for c in fresh_names)


def test_a_narrow_area_alone_does_not_fill_the_cache(kecamatan: EmbeddedStore) -> None:
    # It evaluates only its own subjects; keeping that list would pass it off as the whole.
    gaps_from_store(kecamatan, default_rules(), area="33.23.01.2001")
    assert _entries("gaps") == []


def test_rules_and_days_are_part_of_the_key(kecamatan: EmbeddedStore) -> None:
    rules = default_rules()
    day = dt.date(2023, 11, 20)
    gaps_from_store(kecamatan, rules, as_of=day)
    some = [r for r in rules if r.id in {"pps-kades", "ppk-kapolsek"}]
    assert gaps_from_store(kecamatan, some, as_of=day) == _fresh(kecamatan, some, as_of=day)
    stricter = [r.model_copy(update={"max_age_days": 1}) if r.max_age_days else r for r in rules]
    assert gaps_from_store(kecamatan, stricter, as_of=day) == _fresh(kecamatan, stricter, as_of=day)
    later = dt.date(2024, 1, 20)
    assert gaps_from_store(kecamatan, rules, as_of=later) == _fresh(kecamatan, rules, as_of=later)
    # No as_of keeps links dated after today; as_of today does not: two keys.
    today = dt.date.today()
    assert gaps_from_store(kecamatan, rules) == _fresh(kecamatan, rules)
    assert gaps_from_store(kecamatan, rules, as_of=today) == _fresh(kecamatan, rules, as_of=today)


def test_a_write_reaches_the_gaps_at_once(kecamatan: EmbeddedStore) -> None:
    rules = default_rules()
    before, _ = gaps_from_store(kecamatan, rules)
    gap = next(g for g in before if g.reason is Reason.NO_CONTACT)
    link = CoordinationLink.create(gap.subject_id, gap.counterpart_ids[0], date=dt.date.today())
    kecamatan.upsert([], [link])
    after, _ = gaps_from_store(kecamatan, rules)
    assert gap.key not in {g.key for g in after if g.rule == gap.rule}
    assert (after, _) == _fresh(kecamatan, rules)


def test_a_damaged_gap_entry_is_rebuilt(kecamatan: EmbeddedStore) -> None:
    rules = default_rules()
    gaps_from_store(kecamatan, rules)
    (entry,) = _entries("gaps")
    entry.write_bytes(b"not a pickle")
    assert gaps_from_store(kecamatan, rules) == _fresh(kecamatan, rules)


def test_every_module_that_shapes_the_cache_exists() -> None:
    # A renamed module would silently drop out of the code identity of the cache key.
    assert [name for name in _SHAPING if not (_PACKAGE / name).is_file()] == []


#: What _Counted's unpickling saw (a real side effect, so a test can tell what was read).
_UNPICKLED: list[str] = []


def _unpickled(tag: str) -> str:
    _UNPICKLED.append(tag)
    return tag


class _Counted:
    def __init__(self, tag: str) -> None:
        self.tag = tag

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return _unpickled, (self.tag,)


def test_a_miss_reads_the_key_only(tmp_path: Path) -> None:
    # A national graph is ~100 MB: a launch after a write must not unpickle it to learn it is old.
    from sinergi_graph.graph_cache import load_entry, store_entry

    db = tmp_path / "a.db"
    db.write_bytes(b"")
    _UNPICKLED.clear()
    store_entry("graphs", db, "old-key", _Counted("value"))
    assert load_entry("graphs", db, "new-key") is None
    assert _UNPICKLED == []
    assert load_entry("graphs", db, "old-key") == "value"
    assert _UNPICKLED == ["value"]


def test_an_entry_of_the_one_pickle_layout_is_a_miss(tmp_path: Path) -> None:
    import pickle

    from sinergi_graph.graph_cache import _slot, load_entry

    db = tmp_path / "a.db"
    db.write_bytes(b"")
    slot = _slot("graphs", db)
    slot.parent.mkdir(parents=True, exist_ok=True)
    slot.write_bytes(pickle.dumps(("key", "value")))
    assert load_entry("graphs", db, "key") is None
