"""Open the store the settings point at: Neo4j when a URI is given, else the embedded file."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from sinergi_graph.config import Settings
from sinergi_graph.kinds import load_catalogue
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.store.protocol import GraphStore

__all__ = ["NEO4J_SCHEMES", "is_neo4j_uri", "open_store", "same_store"]

NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    """The store of ``settings``.

    Parameters
    ----------
    settings : Settings
        Where the store is (``--db`` / ``--neo4j``).
    read_only : bool
        For read commands (``gaps``, ``stats``, ``export``, …): an embedded
        store file that does not exist is an error instead of being created,
        and nothing is written or locked, so reading works during someone
        else's import and on read-only files. Writes then fail with
        :class:`~sinergi_graph.store.errors.StoreReadOnly`.
    """
    if settings.neo4j_uri:
        # Imported here so the embedded path never pays for loading the driver.
        from sinergi_graph.store.neo4j import Neo4jStore

        return Neo4jStore(
            settings.neo4j_uri,
            user=settings.neo4j_user,
            password=_secret(settings.neo4j_password),
            database=settings.neo4j_database,
            # User-defined kinds get their own labels in Neo4j too.
            catalogue=load_catalogue(settings.kinds_file),
            read_only=read_only,
        )
    return EmbeddedStore(settings.db_path(), read_only=read_only)


def _secret(value: object) -> str | None:
    """The password as text, whether settings keep it plain or as a pydantic ``SecretStr``."""
    if value is None:
        return None
    reveal = getattr(value, "get_secret_value", None)
    return str(reveal() if callable(reveal) else value)


def is_neo4j_uri(spec: str) -> bool:
    """True for a Bolt / Neo4j URI, false for anything else (a file path).

    >>> [is_neo4j_uri(s) for s in ("bolt://localhost:7687", "neo4j+s://x.io", "net.db")]
    [True, True, False]
    """
    return spec.strip().lower().startswith(NEO4J_SCHEMES)


def same_store(a: str, b: str, *, database: str = "neo4j") -> bool:
    """True when two ``--from`` / ``--to`` values name one store.

    File paths are compared as files (another spelling, a symlink or a hard
    link to the same file is the same store); Neo4j URIs by host, port and
    database whatever the scheme.

    Examples
    --------
    >>> same_store("bolt://localhost:7687", "neo4j://LOCALHOST")
    True
    >>> same_store("a.db", "./a.db")
    True
    """
    if is_neo4j_uri(a) != is_neo4j_uri(b):
        return False
    if is_neo4j_uri(a):
        return _server(a, database) == _server(b, database)
    first, second = Path(a.strip()).expanduser(), Path(b.strip()).expanduser()
    if first.exists() and second.exists():
        return os.path.samefile(first, second)
    return first.resolve() == second.resolve()


def _server(uri: str, database: str) -> tuple[str, int, str]:
    parts = urlsplit(uri.strip())
    path_db = parts.path.strip("/")
    return ((parts.hostname or "localhost").lower(), parts.port or 7687, path_db or database)
