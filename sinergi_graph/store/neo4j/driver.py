"""One Neo4j driver per server and login, for the whole process.

A driver owns a connection pool, so stores opened one after another (the
TUI reopens its store on every refresh) share it; every driver is closed at
interpreter exit. The driver's own log lines (retries, defunct connections)
are kept off the terminal: what went wrong reaches the user as one
:class:`~sinergi_graph.errors.SinergiError` line instead.
"""

from __future__ import annotations

import atexit
import logging
import threading
from contextlib import suppress

import neo4j

__all__ = ["MAX_RETRY_SECONDS", "close_drivers", "driver_for", "forget_driver", "schema_ready"]

#: How long a read or write is retried after a transient failure (the driver's
#: default is 30 s). A single office server that went away does not come back
#: within seconds, and a user waits for the answer.
MAX_RETRY_SECONDS = 10.0

_drivers: dict[tuple[str, str | None, str | None], neo4j.Driver] = {}
#: ``(id(driver), database)`` pairs whose constraints and indexes exist.
schema_ready: set[tuple[int, str]] = set()
lock = threading.Lock()

# Without a handler, Python prints the driver's warnings ("Transaction failed and
# will be retried…") on stderr through its last-resort handler.
_neo4j_log = logging.getLogger("neo4j")
_neo4j_log.addHandler(logging.NullHandler())
_neo4j_log.propagate = False


def driver_for(uri: str, auth: tuple[str, str] | None) -> neo4j.Driver:
    """The process-wide driver for ``uri`` and ``auth``."""
    key = (uri, auth[0] if auth else None, auth[1] if auth else None)
    with lock:
        driver = _drivers.get(key)
        if driver is None:
            # Server notifications ("label does not exist" on an empty database) are
            # noise for the people using sinergi; switching them off also saves the server work.
            driver = neo4j.GraphDatabase.driver(
                uri,
                auth=auth,
                notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
                max_transaction_retry_time=MAX_RETRY_SECONDS,
            )
            _drivers[key] = driver
        return driver


def forget_driver(driver: neo4j.Driver) -> None:
    """Drop a driver that failed to connect, so the next attempt starts afresh."""
    with lock:
        for key, known in list(_drivers.items()):
            if known is driver:
                del _drivers[key]
        schema_ready.difference_update({k for k in schema_ready if k[0] == id(driver)})
    driver.close()


@atexit.register
def close_drivers() -> None:
    """Close every driver this process opened (also run at interpreter exit)."""
    with lock:
        drivers = list(_drivers.values())
        _drivers.clear()
        schema_ready.clear()
    for driver in drivers:
        with suppress(Exception):  # closing at exit must never raise
            driver.close()
