"""The built coordination graph and its gap lists, kept between commands per store revision.

Reading a national store and building its graph takes ~6–8 s; reading the
graph back from a pickle written by an earlier command takes ~1–2 s, and
reading back the gap list an earlier ``sinergi gaps`` found takes a few
hundredths of a second. The cache holds, per store file, one graph and one
gap list, in the user cache directory (or ``$SINERGI_CACHE_DIR``), keyed by
everything that changes them: the store file's identity and state (path,
inode, size, modification time), the store's revision (bumped by every
write), the kind catalogue and this version of sinergi's code; a gap list
also by its rules (all their fields), the ``as_of`` asked for and the day it
was evaluated on. Anything that does not match, or cannot be read, is
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
from collections.abc import Callable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_cache_dir

from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.rules import Rule

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "cache_dir",
    "cached_graph",
    "gaps_key",
    "graph_key",
    "load_entry",
    "store_entry",
]

#: Bump when the graph's attributes change shape, so old pickles are ignored.
GRAPH_FORMAT = 2
#: Bump when the shape of a cached gap list changes (see sinergi_graph.graph.gaps_from_store).
GAPS_FORMAT = 1

_PACKAGE = Path(__file__).parent
#: The modules whose code decides what a cached graph or gap list holds.
_SHAPING = (
    "activities.py",
    "areas.py",
    "gaps.py",
    "graph.py",
    "graph_cache.py",
    "kinds.py",
    "models.py",
    "rules.py",
    "store/embedded.py",
    "store/embedded_records.py",
)


def cache_dir() -> Path:
    explicit = os.environ.get("SINERGI_CACHE_DIR")
    return Path(explicit) if explicit else Path(user_cache_dir("sinergi", appauthor=False))


@cache
def _code_identity() -> str:
    """This version of sinergi, down to the source files that shape what is cached.

    A source checkout reports no version (or the one last installed) while
    its code changes under it, so the size and modification time of the
    modules that build the graph and the gap list count too: an edited
    builder or gap evaluation never meets a pickle of the code before. Only
    those modules, so that editing an unrelated one keeps the cache.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        ours = version("sinergi")
    except PackageNotFoundError:  # running from a source tree
        ours = "source"
    files: list[tuple[str, int, int]] = []
    for name in _SHAPING:
        try:
            st = (_PACKAGE / name).stat()
        except OSError:  # a module moved: its absence is part of the identity
            files.append((name, -1, -1))
            continue
        files.append((name, st.st_size, st.st_mtime_ns))
    digest = hashlib.sha256(json.dumps(files).encode()).hexdigest()
    return f"{ours}:{digest}"


def _key(db: Path, parts: Sequence[object]) -> str | None:
    """A digest of the store file ``db``'s identity and ``parts`` (``None``: no file)."""
    try:
        st = db.stat()
    except OSError:
        return None
    identity = [_code_identity(), str(db.resolve()), st.st_ino, st.st_size, st.st_mtime_ns]
    return hashlib.sha256(json.dumps([*identity, *parts], default=str).encode()).hexdigest()


def _kinds(catalogue: KindCatalogue | None) -> list[tuple[str, str, str]]:
    return sorted((k.code, k.category.value, k.level.value) for k in catalogue or ())


def graph_key(db: Path, revision: int, catalogue: KindCatalogue | None) -> str | None:
    """A digest of everything the graph of store file ``db`` depends on (``None``: no file)."""
    return _key(db, [GRAPH_FORMAT, revision, _kinds(catalogue)])


def gaps_key(
    db: Path,
    revision: int,
    catalogue: KindCatalogue | None,
    rules: Sequence[Rule],
    as_of: date | None,
    day: date,
) -> str | None:
    """A digest of everything the whole-country gap list of ``db`` depends on.

    ``as_of`` is what was asked for (``None``: the graph keeps links dated
    later than today), ``day`` the day the freshness windows count back from.
    """
    return _key(
        db,
        [
            GAPS_FORMAT,
            revision,
            _kinds(catalogue),
            [r.model_dump_json() for r in rules],
            as_of.isoformat() if as_of else None,
            day.isoformat(),
        ],
    )


def _slot(kind: str, db: Path) -> Path:
    """The one cache file of ``kind`` for store file ``db`` (a new entry replaces the old)."""
    name = hashlib.sha256(str(db.resolve()).encode()).hexdigest()[:32] + ".pickle"
    return cache_dir() / kind / name


def load_entry(kind: str, db: Path, key: str) -> Any | None:
    """The value under ``key`` in ``db``'s ``kind`` slot (``None``: absent, old or damaged)."""
    try:
        # Unpickling a graph allocates ~1M containers: without the pause the cycle
        # collector would walk them again and again (the TUI keeps it running).
        with _slot(kind, db).open("rb") as fh, cycle_collector_paused():
            # The key is its own pickle ahead of the value, so a miss reads a few
            # bytes, not a 100 MB national graph (an older file's first pickle is
            # a (key, value) tuple: never equal to a key).
            if pickle.load(fh) != key:
                return None
            return pickle.load(fh)
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        ValueError,
        TypeError,
        AttributeError,
        ImportError,
    ):
        return None  # a missing, old or damaged entry is simply rebuilt


def store_entry(kind: str, db: Path, key: str, value: object) -> None:
    """Keep ``value`` under ``key`` in ``db``'s ``kind`` slot; a failure only costs speed.

    Written atomically (temp file, then rename), so a reader sees the old
    entry or the new one, never half of one.
    """
    slot = _slot(kind, db)
    folder = slot.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(key, fh, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, slot)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return


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
    import networkx as nx

    key = graph_key(db, revision, catalogue)
    if key is None:
        return build()
    graph = load_entry("graphs", db, key)
    if isinstance(graph, nx.Graph):
        return graph
    graph = build()
    store_entry("graphs", db, key, graph)
    return graph
