"""Stores that hold a coordination network: the embedded default file and Neo4j."""

from sinergi_graph.store.protocol import GraphStore

__all__ = ["GraphStore"]
