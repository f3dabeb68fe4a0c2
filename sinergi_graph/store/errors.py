"""Typed errors of the stores: each is a :class:`~sinergi_graph.errors.SinergiError`.

Callers branch on the class (or on ``.code``, which stays what it was), and
every error renders as one line in the user's language, saying what to do.
"""

from __future__ import annotations

from sinergi_graph.errors import SinergiError

__all__ = [
    "Neo4jAuthFailed",
    "Neo4jDatabaseMissing",
    "Neo4jFailed",
    "Neo4jUnreachable",
    "Neo4jWriteRefused",
    "StoreBadRecord",
    "StoreCorrupt",
    "StoreDiskFull",
    "StoreEmpty",
    "StoreError",
    "StoreForeign",
    "StoreLocked",
    "StoreMissing",
    "StoreNewer",
    "StoreReadOnly",
    "StoreSameAsSource",
    "StoreTooLargeToReplace",
    "StoreWriteFailed",
]


class StoreError(SinergiError):
    """Base of every store error; the subclass fixes the message code."""

    code_name = "store_corrupt"

    def __init__(self, **params: object) -> None:
        super().__init__(self.code_name, **params)


class StoreMissing(StoreError):
    """A read on a store file that does not exist (reading never creates one)."""

    code_name = "store_missing"


class StoreEmpty(StoreError):
    """The store holds no network: for a read command to say so instead of "no gaps".

    The stores do not raise it themselves (an empty store is valid); callers
    check :meth:`GraphStore.is_empty` and raise or print it.
    """

    code_name = "store_empty"


class StoreReadOnly(StoreError):
    """A write on a store file (or file system) that can only be read."""

    code_name = "store_read_only"


class StoreForeign(StoreError):
    """An SQLite file of another application: sinergi does not add its tables to it."""

    code_name = "store_foreign"


class StoreCorrupt(StoreError):
    """A file that is not a readable SQLite database."""

    code_name = "store_corrupt"


class StoreBadRecord(StoreError):
    """One stored record that cannot be read back (e.g. a broken properties cell)."""

    code_name = "store_bad_record"


class StoreDiskFull(StoreError):
    """The disk filled during a write; the store is left as it was."""

    code_name = "store_disk_full"


class StoreWriteFailed(StoreError):
    """The operating system refused a write (an I/O error, a file-size limit); nothing changed."""

    code_name = "store_write_failed"


class StoreLocked(StoreError):
    """Another process holds the write lock for longer than we wait."""

    code_name = "store_locked"


class StoreNewer(StoreError):
    """The store was written by a newer sinergi."""

    code_name = "store_newer"


class StoreSameAsSource(StoreError):
    """A copy whose source and target are the same store (another spelling, a symlink)."""

    code_name = "store_same"


class StoreTooLargeToReplace(StoreError):
    """A replace that does not fit in one Neo4j transaction (the old network is kept)."""

    code_name = "neo4j_replace_too_large"


class Neo4jUnreachable(StoreError):
    code_name = "neo4j_unreachable"


class Neo4jAuthFailed(StoreError):
    code_name = "neo4j_auth"


class Neo4jDatabaseMissing(StoreError):
    code_name = "neo4j_database"


class Neo4jWriteRefused(StoreError):
    code_name = "neo4j_write_refused"


class Neo4jFailed(StoreError):
    code_name = "neo4j_error"
