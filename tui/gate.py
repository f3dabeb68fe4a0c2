"""One thread that owns the store.

The embedded store is a SQLite connection, which may only be used by the
thread that opened it; the TUI's workers run on threads of their own. So the
store is opened on one dedicated thread and every store call is sent there:
workers block on the answer, the interface thread never touches the store.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sinergi_graph.store.protocol import GraphStore

T = TypeVar("T")


class StoreGate:
    """Runs ``fn(store)`` on the store's own thread; call from worker threads only."""

    def __init__(self, opener: Callable[[], GraphStore]) -> None:
        self._opener = opener
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sinergi-store")
        self._store: GraphStore | None = None
        self.location = ""

    def open(self) -> str:
        """Open the store (once); returns its location. Raises what the store raises."""

        def _open() -> str:
            if self._store is None:
                self._store = self._opener()
            return self._store.location

        self.location = self._pool.submit(_open).result()
        return self.location

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def call(self, fn: Callable[[GraphStore], T]) -> T:
        """``fn(store)`` run on the store thread; its exception is re-raised here."""

        def _run() -> T:
            if self._store is None:
                self._store = self._opener()
                self.location = self._store.location
            return fn(self._store)

        return self._pool.submit(_run).result()

    def close(self) -> None:
        def _close() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        try:
            self._pool.submit(_close).result(timeout=10)
        finally:
            self._pool.shutdown(wait=False)
