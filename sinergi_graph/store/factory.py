"""Open the store the settings point at: Neo4j when a URI is given, else the embedded file."""

from __future__ import annotations

from sinergi_graph.config import Settings
from sinergi_graph.kinds import load_catalogue
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.store.protocol import GraphStore


def open_store(settings: Settings) -> GraphStore:
    if settings.neo4j_uri:
        # Imported here so the embedded path never pays for loading the driver.
        from sinergi_graph.store.neo4j_store import Neo4jStore

        return Neo4jStore(
            settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
            # User-defined kinds get their own labels in Neo4j too.
            catalogue=load_catalogue(settings.kinds_file),
        )
    return EmbeddedStore(settings.db_path())
