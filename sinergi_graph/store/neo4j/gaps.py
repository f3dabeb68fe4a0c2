"""Gap rules evaluated by Neo4j alone (``queries/gaps.cypher``), for comparison with
:func:`sinergi_graph.gaps.find_gaps` and for Browser users."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from sinergi_graph.areas import CODE_LENGTH
from sinergi_graph.gaps import Gap, Reason, freshness

if TYPE_CHECKING:
    from sinergi_graph.rules import Rule
    from sinergi_graph.store.neo4j.store import Neo4jStore

__all__ = ["find_gaps_in_neo4j"]


def find_gaps_in_neo4j(
    store: Neo4jStore,
    rules: Sequence[Rule],
    *,
    area: str | None = None,
    as_of: date | None = None,
) -> list[Gap]:
    """The gaps of :func:`sinergi_graph.gaps.find_gaps`, computed by Neo4j alone.

    Runs ``queries/gaps.cypher``, the parameterised form of the Browser
    queries in ``queries/gaps_*.cypher``; the rows are the same, in the same order.

    Parameters
    ----------
    store : Neo4jStore
        The database to ask.
    rules : sequence of Rule
        The rules to check, in report order.
    area : str, optional
        Only subjects inside this area code (``"ID"`` or ``None`` for all).
    as_of : date, optional
        Ignore links dated after this day; freshness windows count back from it.
    """
    if not rules:
        return []
    params = [
        {
            "id": r.id,
            "severity": r.severity.value,
            "subject": r.subject,
            "counterparts": list(r.counterparts),
            "scope_len": CODE_LENGTH[r.scope.level],
            "windows": [w.as_param() for w in freshness(r, as_of)],
        }
        for r in rules
    ]
    records = store.read(
        "gaps", rules=params, area=area, as_of=as_of.isoformat() if as_of else None
    )
    return [
        Gap(
            r["rule"],
            r["severity"],
            Reason(r["reason"]),
            r["subject_id"],
            r["subject_name"],
            r["area"],
            tuple(r["counterpart_ids"]),
            r["last_contact"],
            r["missed"] or "",
            r["via"] or "",
        )
        for r in records
    ]
