"""A first load into an empty database: the indexes it does not need, built afterwards.

A bulk import finds nodes by actor id and area code only. The link-id
uniqueness constraints and the member/kind indexes are maintained row by row
at every commit, which made commit the largest part of a national import;
built over the loaded data in one pass they cost much less. So, for a large
upsert into an empty database, the statements of
``queries/schema_deferred_drop.cypher`` run first and ``queries/schema.cypher``
(idempotent) runs again after the load, whether it succeeded or not, and
waits until every index is online.

Nothing weakens: the uniqueness constraints are created over the loaded data,
and their creation fails loudly if a duplicate link id got in (validation
and :func:`~sinergi_graph.store.neo4j.rows.last_wins` keep that from
happening); a load that fails is rolled back (one transaction) or marked
incomplete (batches) exactly as without this, and the schema is back either
way.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import neo4j

from sinergi_graph.store.cypher import statements

__all__ = ["DEFER", "DEFER_ROWS", "indexes_deferred"]

#: Below this many rows, dropping and rebuilding eleven schema objects costs
#: more than maintaining them (a few tenths of a second against nothing).
DEFER_ROWS = 20_000
#: Defer the indexes at all (False: maintain them during the load; for benchmarks).
DEFER = True


@contextmanager
def indexes_deferred(
    driver: neo4j.Driver, database: str, timings: dict[str, float], *, enabled: bool
) -> Iterator[None]:
    """Drop the deferred schema objects, run the body, create them again.

    ``timings["schema after load"]`` gets the seconds the rebuild took (part
    of the import's time: the store is not ready before it).
    """
    if not (enabled and DEFER):
        yield
        return
    for statement in statements("schema_deferred_drop"):
        driver.execute_query(statement, database_=database)
    try:
        yield
    finally:
        started = time.perf_counter()
        for statement in statements("schema"):
            driver.execute_query(statement, database_=database)
        driver.execute_query("CALL db.awaitIndexes(3600)", database_=database)
        timings["schema after load"] = time.perf_counter() - started
