"""The actor table: the institutions of an area, filtered by words and sorted by a column."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass

from tui.model.gaps import GapIndex
from tui.model.network import Network, quick_fold

__all__ = ["SORT_KEYS", "TABLE_LIMIT", "ActorLine", "ActorListing", "list_actors"]

#: Most rows the actor table holds; beyond it the user narrows the area or filters.
TABLE_LIMIT = 2000

SORT_KEYS = ("kind", "name", "links", "gaps")


@dataclass(frozen=True, slots=True)
class ActorLine:
    """One row of the actor table."""

    id: str
    kind: str
    name: str
    area: str
    links: int
    gaps: int


@dataclass(frozen=True, slots=True)
class ActorListing:
    lines: list[ActorLine]
    total: int  # rows matching before the table limit


def list_actors(
    network: Network,
    gaps: GapIndex | None,
    code: str,
    *,
    text: str = "",
    sort: str = "kind",
    descending: bool = False,
    kind_label: Callable[[str], str] = str,
    limit: int = TABLE_LIMIT,
) -> ActorListing:
    """Actors (institutions) in ``code``, filtered by ``text`` and sorted by a column.

    The filter matches every word of ``text`` against the name, id and kind
    label, ignoring case and diacritics; only the first ``limit`` rows are kept.
    """
    nodes = network.nodes_in(code)
    data = network.graph.nodes
    tokens = quick_fold(text).split()
    if tokens:
        kind_text: dict[str, str] = {}
        folded = network.folded_name
        kept = []
        for n in nodes:
            kind = data[n].get("kind", "")
            ktext = kind_text.get(kind)
            if ktext is None:
                ktext = kind_text[kind] = quick_fold(f"{kind} {kind_label(kind)}")
            hay = folded.get(n) or quick_fold(f"{data[n].get('name', '')} {n}")
            if all(t in hay or t in ktext for t in tokens):
                kept.append(n)
        nodes = kept
    total = len(nodes)

    def gap_count(n: str) -> int:
        return len(gaps.of(n)) if gaps is not None else 0

    key: Callable[[str], tuple[object, ...]]
    if sort == "name":
        key = lambda n: (data[n].get("name", "").casefold(), n)  # noqa: E731
    elif sort == "links":
        key = lambda n: (network.link_count(n), n)  # noqa: E731
    elif sort == "gaps":
        key = lambda n: (gap_count(n), n)  # noqa: E731
    else:
        key = lambda n: (  # noqa: E731
            len(data[n].get("area") or ""),
            data[n].get("kind", ""),
            data[n].get("name", "").casefold(),
            n,
        )
    if len(nodes) > limit:
        pick = heapq.nlargest if descending else heapq.nsmallest
        nodes = pick(limit, nodes, key=key)
    else:
        nodes = sorted(nodes, key=key, reverse=descending)
    lines = [
        ActorLine(
            n,
            data[n].get("kind", ""),
            data[n].get("name", n),
            data[n].get("area") or "",
            network.link_count(n),
            gap_count(n),
        )
        for n in nodes
    ]
    return ActorListing(lines, total)
