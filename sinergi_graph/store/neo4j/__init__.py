"""The Neo4j store, by responsibility: ``driver`` (one per process), ``errors``
(what the driver raises, as one clear line), ``rows`` (parameter rows in,
records out), ``plan`` (the upsert plan), ``store`` (the GraphStore) and
``gaps`` (the gap rules evaluated in Cypher)."""

from sinergi_graph.store.neo4j.driver import close_drivers
from sinergi_graph.store.neo4j.rows import BATCH_SIZE
from sinergi_graph.store.neo4j.store import SCHEMA_VERSION, Neo4jStore

__all__ = ["BATCH_SIZE", "SCHEMA_VERSION", "Neo4jStore", "close_drivers"]
