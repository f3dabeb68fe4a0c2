"""GraphML from igraph imports exactly; export --format graphml|gexf for Gephi and yEd."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import igraph as ig
import networkx as nx

from sinergi_graph.activities import Activity
from sinergi_graph.importer import import_files
from sinergi_graph.models import Actor
from sinergi_graph.store.embedded import EmbeddedStore

Cli = Callable[..., CompletedProcess[str]]


def igraph_file(path: Path, id_attribute: str) -> Path:
    g = ig.Graph(directed=False)
    g.add_vertices(3)
    g.vs[id_attribute] = ["pps", "lurah", "ppk"]
    g.vs["kind"] = ["PPS", "LURAH", "PPK"]
    g.vs["label"] = ["PPS Tepus", "Lurah Tepus", "PPK Tepus"]
    g.vs["area"] = ["34.03.07.2004", "34.03.07.2004", "34.03.07"]
    g.add_edges([(1, 0), (2, 0)])
    g.es["jenis"] = ["Rapat", "Koordinasi"]
    g.es["date"] = ["2023-10-05", "2023-09-01"]
    g.write_graphml(str(path))
    return path


def test_igraph_graphml_imports_exactly(tmp_path: Path, embedded_store: EmbeddedStore) -> None:
    for attribute in ("id", "name"):
        path = igraph_file(tmp_path / f"{attribute}.graphml", attribute)
        assert "n0" in path.read_text("utf-8")  # igraph's own node ids
        import_files([path], embedded_store)
        actors = {a.id: (a.kind, a.name, a.area) for a in embedded_store.actors()}
        assert actors == {
            "pps": ("PPS", "PPS Tepus", "34.03.07.2004"),
            "lurah": ("LURAH", "Lurah Tepus", "34.03.07.2004"),
            "ppk": ("PPK", "PPK Tepus", "34.03.07"),
        }
        embedded_store.clear()


def test_undirected_graphml_keeps_each_link_as_written(
    tmp_path: Path, embedded_store: EmbeddedStore
) -> None:
    path = tmp_path / "u.graphml"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="k" for="node" attr.name="kind" attr.type="string"/>
  <key id="n" for="node" attr.name="name" attr.type="string"/>
  <key id="t" for="edge" attr.name="type" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="zeta"><data key="n">Zeta</data><data key="k">PPS</data></node>
    <node id="alpha"><data key="n">Alpha</data><data key="k">LURAH</data></node>
    <node id="mid"><data key="n">Mid</data><data key="k">PPK</data></node>
    <edge source="zeta" target="alpha"><data key="t">RAPAT</data></edge>
    <edge source="mid" target="zeta"/>
  </graph>
</graphml>""",
        "utf-8",
    )
    import_files([path], embedded_store)
    links = sorted((k.source, k.target, k.type) for k in embedded_store.links())
    assert links == [("mid", "zeta", "KOORDINASI"), ("zeta", "alpha", "RAPAT")]


def test_export_graphml_and_gexf(tmp_path: Path, cli: Cli) -> None:
    db = tmp_path / "net.db"
    store = EmbeddedStore(db)
    store.upsert(
        [
            Actor(id="pps", kind="PPS", name="PPS Tepus", area="34.03.07.2004"),
            Actor(id="sri", kind="PERSON", name="Sri", member_of="pps", phone="0812345678"),
            Actor(id="lurah", kind="LURAH", name="Lurah Tepus", area="34.03.07.2004"),
        ],
        [],
        activities=[Activity(id="K1", date=dt.date(2023, 10, 5), attendees=("sri", "lurah"))],
    )
    store.close()
    out = tmp_path / "net.graphml"
    done = cli("--db", str(db), "export", "--output", str(out))
    assert done.returncode == 0, done.stderr
    G = nx.read_graphml(out, force_multigraph=True)
    assert G.nodes["pps"]["kind"] == "PPS" and G.nodes["pps"]["category"] == "penyelenggara"
    assert G.nodes["pps"]["area_name"] == "Tepus" and G.nodes["lurah"]["label"] == "Lurah Tepus"
    assert "phone" not in G.nodes["sri"]
    ((u, v, data),) = G.edges(data=True)
    assert {u, v} == {"sri", "lurah"} and data["via"] == "kegiatan" and data["activity"] == "K1"
    gexf = tmp_path / "net.gexf"
    done = cli("--db", str(db), "export", "--format", "gexf", "--output", str(gexf))
    assert done.returncode == 0, done.stderr
    H = nx.read_gexf(gexf)
    assert H.number_of_nodes() == 3 and H.number_of_edges() == 1
    mismatch = cli(
        "--db", str(db), "export", "--format", "gexf", "--output", str(tmp_path / "x.json")
    )
    assert mismatch.returncode != 0
    again = cli("--db", str(db), "export", "--output", str(out))
    assert again.returncode != 0 and "--force" in again.stderr
