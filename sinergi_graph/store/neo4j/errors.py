"""What the Neo4j driver and server raise, as one clear :class:`SinergiError` line."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from neo4j import exceptions as nx_exc

from sinergi_graph.errors import SinergiError
from sinergi_graph.i18n import Msg
from sinergi_graph.store.errors import (
    Neo4jAuthFailed,
    Neo4jDatabaseMissing,
    Neo4jFailed,
    Neo4jUnreachable,
    Neo4jWriteRefused,
)

__all__ = [
    "MEMORY_CODES",
    "MemoryFull",
    "TooLarge",
    "first_line",
    "translate",
    "translated",
    "unknown_actors",
]

# Server errors that mean "this transaction does not fit in memory": retrying the
# same transaction cannot help, doing it in smaller transactions can.
MEMORY_CODES = frozenset(
    {
        "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
        "Neo.TransientError.General.TransactionMemoryLimit",
        "Neo.TransientError.General.OutOfMemoryError",
    }
)
_WRITE_REFUSED_CODES = frozenset(
    {
        "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase",
        "Neo.ClientError.Security.Forbidden",
        "Neo.ClientError.Cluster.NotALeader",
        "Neo.ClientError.General.WriteOnReadOnlyAccessDatabase",
    }
)


class MemoryFull(Exception):
    """Carries a server memory error out of a managed transaction without a retry."""

    def __init__(self, error: nx_exc.TransientError) -> None:
        super().__init__(error.message)
        self.error = error


class TooLarge(Exception):
    """The server ran out of transaction memory (not retried by the driver)."""


def first_line(text: str, limit: int = 200) -> str:
    """The first line of ``text``, cut to ``limit`` characters (server messages run long)."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def translate(exc: BaseException, *, uri: str, database: str) -> SinergiError:
    """One clear, actionable error for anything the driver or server raises."""
    if isinstance(exc, SinergiError):
        return exc
    if isinstance(exc, nx_exc.AuthError):
        return Neo4jAuthFailed(uri=uri)
    if isinstance(exc, nx_exc.Neo4jError):
        code = exc.code or ""
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return Neo4jDatabaseMissing(uri=uri, database=database)
        if code.startswith("Neo.ClientError.Security.") and "Unauthorized" in code:
            return Neo4jAuthFailed(uri=uri)
        if code in _WRITE_REFUSED_CODES or isinstance(
            exc, nx_exc.Forbidden | nx_exc.ForbiddenOnReadOnlyDatabase | nx_exc.NotALeader
        ):
            return Neo4jWriteRefused(detail=first_line(exc.message or code))
        return Neo4jFailed(detail=f"{code}: {first_line(exc.message or '')}")
    if isinstance(exc, nx_exc.ServiceUnavailable | nx_exc.SessionExpired | OSError):
        return Neo4jUnreachable(uri=uri, detail=first_line(str(exc)))
    if isinstance(exc, nx_exc.DriverError):
        # E.g. a result that could not be read to its end because the connection broke.
        return Neo4jUnreachable(uri=uri, detail=first_line(f"{type(exc).__name__}: {exc}"))
    return Neo4jFailed(detail=first_line(f"{type(exc).__name__}: {exc}"))


@contextmanager
def translated(uri: str, database: str) -> Iterator[None]:
    """Turn driver and server errors raised inside the block into :func:`translate`'s."""
    try:
        yield
    except SinergiError:
        raise
    except (nx_exc.Neo4jError, nx_exc.DriverError, OSError) as exc:
        raise translate(exc, uri=uri, database=database) from exc


def unknown_actors(ids: Iterable[str]) -> Msg:
    """The detail of a refused write whose links name actors that do not exist."""
    missing = sorted(ids)
    more = f" (+{len(missing) - 5})" if len(missing) > 5 else ""
    return Msg("links_unknown_actors", ids=", ".join(missing[:5]) + more)
