"""The network as a graph file for Gephi and yEd: GraphML or GEXF.

One node per actor (attributes ``kind``, ``category``, ``area``, ``area_name``,
``name`` and ``label``, ``member_of``), one edge per coordination link (``id``,
``type``, ``date``, ``topic``) and one edge per pair of attendees of each
kegiatan (``id`` ``<activity>:<n>``, ``activity``, ``type``, ``date``,
``topic``, ``via`` = ``kegiatan``). Personal data never goes into these files:
they are for drawing, and are often shared.
"""

from __future__ import annotations

from enum import StrEnum
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from sinergi_graph.areas import load_areas
from sinergi_graph.kinds import KindCatalogue, default_catalogue
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.text import printable

__all__ = ["GRAPH_EXTENSIONS", "ExportFormat", "export_graph", "network_graph"]


class ExportFormat(StrEnum):
    """Every format ``sinergi export`` writes."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    GRAPHML = "graphml"
    GEXF = "gexf"


GRAPH_EXTENSIONS = {".graphml": ExportFormat.GRAPHML, ".gexf": ExportFormat.GEXF}


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    # GraphML and GEXF cannot hold None; text goes out without terminal controls.
    return {
        k: printable(v) if isinstance(v, str) else v for k, v in values.items() if v is not None
    }


def network_graph(store: GraphStore, catalogue: KindCatalogue | None = None) -> nx.MultiGraph:
    """The whole network, actors unfolded, links and kegiatan contacts as parallel edges."""
    cat = catalogue or default_catalogue()
    areas = load_areas()
    G = nx.MultiGraph()
    for a in store.actors():
        G.add_node(
            a.id,
            **_clean(
                {
                    "label": a.name,
                    "name": a.name,
                    "kind": a.kind,
                    "category": cat.category(a.kind),
                    "area": a.area,
                    "area_name": areas.name(a.area) if a.area else None,
                    "member_of": a.member_of,
                }
            ),
        )
    for link in store.links():
        G.add_edge(
            link.source,
            link.target,
            key=link.id,
            **_clean(
                {
                    "id": link.id,
                    "type": link.type,
                    "date": link.date.isoformat() if link.date else None,
                    "topic": link.topic,
                    "via": "link",
                }
            ),
        )
    for act in store.activities():
        for n, (u, v) in enumerate(combinations(act.attendees, 2), start=1):
            key = f"{act.id}:{n}"
            G.add_edge(
                u,
                v,
                key=key,
                **_clean(
                    {
                        "id": key,
                        "activity": act.id,
                        "type": act.type,
                        "date": act.date.isoformat(),
                        "topic": act.topic,
                        "via": "kegiatan",
                    }
                ),
            )
    return G


def export_graph(
    store: GraphStore, fmt: ExportFormat, path: Path, catalogue: KindCatalogue | None = None
) -> tuple[int, int]:
    """Write the network to ``path`` as GraphML or GEXF; returns (nodes, edges)."""
    G = network_graph(store, catalogue)
    if fmt is ExportFormat.GRAPHML:
        nx.write_graphml(G, path, named_key_ids=True)
    elif fmt is ExportFormat.GEXF:
        nx.write_gexf(G, path)
    else:
        raise ValueError(f"not a graph format: {fmt}")
    return G.number_of_nodes(), G.number_of_edges()
