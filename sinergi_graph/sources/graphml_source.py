"""GraphML files (Gephi, yEd, igraph, networkx): nodes with data keys, edges as links.

igraph names its nodes ``n0, n1, …`` and keeps the real identifier in a node
attribute ``id`` or ``name``: that attribute is the actor id, and the edges,
which point at ``n0``…, are translated to it. Edges are read in file order
with their ``source`` and ``target`` as written, also in an undirected graph
(a parser that rebuilds the graph would report them in its own order).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from sinergi_graph.sources.tables import RawTable, TableRole, canonical_header, cell_text

__all__ = ["read_graphml"]

_NS = "{http://graphml.graphdrawing.org/xmlns}"
# Node ids a writer made up (igraph: n0, n1, …), which say nothing about the actor.
_GENERATED = re.compile(r"^n\d+$")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _edges_as_written(path: Path) -> list[tuple[str, str, dict[str, str]]]:
    """Every edge in file order: source, target and data by attribute name."""
    names: dict[str, str] = {}
    defaults: dict[str, str] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    for _, elem in ET.iterparse(path, events=("end",)):
        tag = _local(elem.tag)
        if tag == "key" and elem.get("for", "all") in ("edge", "all"):
            key = elem.get("id", "")
            names[key] = elem.get("attr.name") or key
            default = next((c for c in elem if _local(c.tag) == "default"), None)
            if default is not None and default.text:
                defaults[key] = default.text
        elif tag == "edge":
            data = {names[k]: v for k, v in defaults.items()}
            for child in elem:
                key = child.get("key", "")
                # yEd keeps drawing details as nested elements: not link data.
                if _local(child.tag) == "data" and key in names and len(child) == 0:
                    data[names[key]] = (child.text or "").strip()
            edges.append((elem.get("source", ""), elem.get("target", ""), data))
            elem.clear()
    return edges


def _actor_ids(nodes: list[tuple[str, dict[str, object]]]) -> tuple[dict[str, str], str | None]:
    """Node id → actor id, and the attribute that held the actor id (``None``: the node id)."""
    if nodes and all("id" in data for _, data in nodes):
        return {node: cell_text(data["id"]) for node, data in nodes}, "id"
    if (
        nodes
        and all(_GENERATED.match(node) for node, _ in nodes)
        and all("name" in data for _, data in nodes)
    ):
        return {node: cell_text(data["name"]) for node, data in nodes}, "name"
    return {node: node for node, _ in nodes}, None


def read_graphml(path: Path) -> list[RawTable]:
    import networkx as nx

    try:
        G = nx.read_graphml(path, force_multigraph=True)
        edges = _edges_as_written(path)
    except Exception as exc:  # malformed XML surfaces as several exception types
        return [RawTable(str(path), None, [], fatal=(0, "-", "p_bad_file", {"detail": str(exc)}))]
    node_list = [(str(node), dict(data)) for node, data in G.nodes(data=True)]
    ids, id_attribute = _actor_ids(node_list)
    nodes = RawTable(f"{path}[nodes]", TableRole.NODES, ["id"])
    node_cols: dict[str, None] = {"id": None}
    for index, (node, data) in enumerate(node_list, start=1):
        row = {"id": ids[node]}
        for key, value in data.items():
            if key == id_attribute:
                continue
            row[canonical_header(key)] = cell_text(value)
        row["id"] = ids[node]
        if "name" not in row and "label" in row:
            row["name"] = row.pop("label")
        node_cols.update(dict.fromkeys(row))
        nodes.rows.append((index, row))
    nodes.columns = list(node_cols)
    links = RawTable(f"{path}[links]", TableRole.LINKS, ["source", "target"])
    link_cols: dict[str, None] = {"source": None, "target": None}
    for index, (u, v, data) in enumerate(edges, start=1):
        row = {"source": ids.get(u, u), "target": ids.get(v, v)}
        for key, val in data.items():
            column = canonical_header(key, TableRole.LINKS)
            if column not in ("source", "target"):
                row[column] = cell_text(val)
        link_cols.update(dict.fromkeys(row))
        links.rows.append((index, row))
    links.columns = list(link_cols)
    return [nodes, links]
