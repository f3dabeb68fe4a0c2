"""The graph cache: the same graph as a fresh build, never a stale one."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import networkx as nx
import pytest

from sinergi_graph.graph import build_graph, graph_from_store
from sinergi_graph.graph_cache import cache_dir
from sinergi_graph.models import Actor, CoordinationLink
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


def _entries() -> list[Path]:
    return sorted((cache_dir() / "graphs").glob("*.pickle"))


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
