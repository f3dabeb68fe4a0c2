"""Former home of ``sinergi copy``; it lives in :mod:`sinergi_graph.cli.copy` now.

Kept for a while so ``from sinergi_graph.cli.neo4j import …`` keeps working.
"""

from sinergi_graph.cli.copy import (
    NEO4J_SCHEMES,
    copy_command,
    copy_network,
    is_neo4j_uri,
    open_spec,
)

__all__ = ["NEO4J_SCHEMES", "copy_command", "copy_network", "is_neo4j_uri", "open_spec"]
