"""The built coordination graph kept between commands, per store revision.

Reading a national store and building its graph takes ~6–8 s; reading the
graph back from a pickle written by an earlier command takes ~1 s. The cache
holds one graph per store file, in the user cache directory (or
``$SINERGI_CACHE_DIR``), keyed by everything that changes the graph: the
store file's identity and state (path, inode, size, modification time), the
store's revision (bumped by every write), the kind catalogue and this
version of sinergi. Anything that does not match, or cannot be read, is
rebuilt; the cache is never the only copy of anything.

Only the embedded store is cached: its identity is a file on this machine.
A Neo4j database can be emptied and refilled behind our back with the same
revision number, so it is always read afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from platformdirs import user_cache_dir

from sinergi_graph.kinds import KindCatalogue

__all__ = ["cache_dir", "cached_graph", "graph_key"]

#: Bump when the graph's attributes change shape, so old pickles are ignored.
GRAPH_FORMAT = 2


def cache_dir() -> Path:
    explicit = os.environ.get("SINERGI_CACHE_DIR")
    return Path(explicit) if explicit else Path(user_cache_dir("sinergi", appauthor=False))


def graph_key(db: Path, revision: int, catalogue: KindCatalogue | None) -> str | None:
    """A digest of everything the graph of store file ``db`` depends on (``None``: no file)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        st = db.stat()
    except OSError:
        return None
    try:
        ours = version("sinergi")
    except PackageNotFoundError:  # running from a source tree
        ours = "source"
    kinds = [(k.code, k.category.value, k.level.value) for k in catalogue or ()]
    parts = [
        GRAPH_FORMAT,
        ours,
        str(db.resolve()),
        st.st_ino,
        st.st_size,
        st.st_mtime_ns,
        revision,
        sorted(kinds),
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def cached_graph(
    db: Path,
    revision: int,
    catalogue: KindCatalogue | None,
    build: Callable[[], nx.Graph],
) -> nx.Graph:
    """The graph of store file ``db`` at ``revision``: from the cache, or ``build()`` and kept.

    The returned graph is the caller's own (a fresh unpickled copy or the one
    just built), so mutating it never reaches the cache.
    """
    key = graph_key(db, revision, catalogue)
    if key is None:
        return build()
    folder = cache_dir() / "graphs"
    slot = folder / (hashlib.sha256(str(db.resolve()).encode()).hexdigest()[:32] + ".pickle")
    try:
        with slot.open("rb") as fh:
            stored_key, graph = pickle.load(fh)
        if stored_key == key and isinstance(graph, nx.Graph):
            return graph
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        pass  # a missing, old or damaged entry is simply rebuilt
    graph = build()
    _store(folder, slot, key, graph)
    return graph


def _store(folder: Path, slot: Path, key: str, graph: nx.Graph) -> None:
    """Write the entry atomically (temp file, then rename); a failure only costs speed."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".graph-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, graph), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, slot)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
