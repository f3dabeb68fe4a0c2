"""Helpers for work on hundreds of thousands of records at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while building large acyclic structures.

    Every full collection walks all live containers; building a national graph
    or loading ~1M rows triggers dozens of them, which roughly doubles the
    time. The records built here hold no reference cycles, so nothing leaks.

    >>> with cycle_collector_paused():
    ...     rows = [(i, str(i)) for i in range(3)]
    >>> len(rows)
    3
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
