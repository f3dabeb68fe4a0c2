"""The network as the analysis commands read it: rows from the store and their graph."""

from __future__ import annotations

from datetime import date

import networkx as nx

from sinergi_graph.cli.app import catalogue, store_session
from sinergi_graph.graph import build_graph
from sinergi_graph.models import NetworkRows

__all__ = ["load_network"]


def load_network(as_of: date | None = None) -> tuple[NetworkRows, nx.Graph]:
    """The store's rows and the coordination graph built from them (read-only)."""
    with store_session(read_only=True, need_network=True) as store:
        rows = store.network_rows()
    return rows, build_graph(rows, catalogue=catalogue(), as_of=as_of)
