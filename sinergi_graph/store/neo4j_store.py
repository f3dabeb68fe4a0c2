"""Former home of the Neo4j store; it now lives in :mod:`sinergi_graph.store.neo4j`.

Kept so that ``from sinergi_graph.store.neo4j_store import Neo4jStore`` keeps
working while callers move to the package.
"""

from sinergi_graph.store.neo4j import BATCH_SIZE, SCHEMA_VERSION, Neo4jStore, close_drivers

__all__ = ["BATCH_SIZE", "SCHEMA_VERSION", "Neo4jStore", "close_drivers"]
