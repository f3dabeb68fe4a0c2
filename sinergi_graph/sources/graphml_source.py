"""GraphML files (e.g. from Gephi or yEd): nodes with data keys, edges as links."""

from __future__ import annotations

from pathlib import Path

from sinergi_graph.sources.tables import RawTable, TableRole, canonical_header, cell_text


def read_graphml(path: Path) -> list[RawTable]:
    import networkx as nx

    try:
        G = nx.read_graphml(path, force_multigraph=True)
    except Exception as exc:  # malformed XML surfaces as several exception types
        return [RawTable(str(path), None, [], fatal=(0, "-", "p_bad_file", {"detail": str(exc)}))]
    nodes = RawTable(f"{path}[nodes]", TableRole.NODES, ["id"])
    node_cols: dict[str, None] = {"id": None}
    for index, (node, data) in enumerate(G.nodes(data=True), start=1):
        row = {"id": str(node)}
        row.update({canonical_header(k): cell_text(v) for k, v in data.items()})
        if "name" not in row and "label" in row:
            row["name"] = row.pop("label")
        node_cols.update(dict.fromkeys(row))
        nodes.rows.append((index, row))
    nodes.columns = list(node_cols)
    links = RawTable(f"{path}[links]", TableRole.LINKS, ["source", "target"])
    link_cols: dict[str, None] = {"source": None, "target": None}
    for index, (u, v, data) in enumerate(G.edges(data=True), start=1):
        row = {"source": str(u), "target": str(v)}
        row.update({canonical_header(k): cell_text(val) for k, val in data.items()})
        link_cols.update(dict.fromkeys(row))
        links.rows.append((index, row))
    links.columns = list(link_cols)
    return [nodes, links]
