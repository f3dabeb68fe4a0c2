"""Search for the command palette and the pickers: actors and areas by name, id or code.

Case, spacing and diacritics are ignored (``sinergi_graph.text.fold_words``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sinergi_graph.areas import AreaIndex, normalize_code
from tui.model.network import ROOT, Network, quick_fold

__all__ = ["FUZZY_LIMIT", "SCAN_CAP", "SearchHit", "search"]


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str  # "area" or "actor"
    id: str
    label: str
    detail: str
    score: float


def _score(folded: str, tokens: list[str], whole: str) -> float:
    if folded == whole:
        return 1.0
    if folded.startswith(whole):
        return 0.9
    words = folded.split()
    starts = sum(1 for t in tokens if any(w.startswith(t) for w in words))
    return 0.5 + 0.3 * starts / len(tokens) - min(len(folded), 80) / 1000


def _fuzzy(folded: str, query: str) -> bool:
    """Every character of ``query`` appears in ``folded`` in order."""
    pos = 0
    for ch in query:
        pos = folded.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


#: Above this many actors, search matches words only (no letter-by-letter fuzzy pass).
FUZZY_LIMIT = 60_000
#: Most lines one word scan collects before ranking.
SCAN_CAP = 5_000


def search(
    query: str,
    areas: AreaIndex,
    network: Network | None,
    *,
    kind_label: Callable[[str], str] = str,
    limit: int = 30,
) -> list[SearchHit]:
    """Actors and areas whose name, id or code matches ``query``, best first.

    Case, spacing and diacritics are ignored (as ``sinergi_graph.text.fold_words``
    does); every word of the query must appear in the name or id, or — on a
    network of regency size, when words alone find too little — its letters
    must appear in order ("pps tps" finds "PPS Kalurahan Tepus").
    """
    whole = quick_fold(query)
    if not whole:
        return []
    tokens = whole.split()
    hits: dict[tuple[str, str], SearchHit] = {}
    code = normalize_code(query)
    if code is not None and code in areas:
        hits[("area", code)] = SearchHit("area", code, areas.name(code), code, 1.1)

    def add_actor(actor_id: str, score: float) -> None:
        if network is None or ("actor", actor_id) in hits:
            return
        row = network.rows[actor_id]
        detail = f"{kind_label(row.kind)} · {row.area or ROOT}"
        hits[("actor", actor_id)] = SearchHit("actor", actor_id, row.name, detail, score)

    if network is not None and query.strip() in network.rows:
        add_actor(query.strip(), 1.1)
    for area in areas.find(whole, limit=limit * 4):
        key = ("area", area.code)
        if key not in hits:
            score = _score(quick_fold(area.name), tokens, whole)
            if network is not None and network.actor_count(area.code) == 0:
                score -= 0.6  # areas the network has nothing in come after the rest
            hits[key] = SearchHit("area", area.code, area.name, area.code, score)
    if network is not None and network.searchable:
        ids, folded = network.search_ids, network.folded_name
        longest = max(tokens, key=len)
        for line in network.find_lines(longest, SCAN_CAP):
            actor_id = ids[line]
            text = folded[actor_id]
            if all(t in text for t in tokens):
                add_actor(actor_id, _score(text, tokens, whole) + 0.05)
        if len(hits) < limit and len(ids) <= FUZZY_LIMIT:
            squeezed = whole.replace(" ", "")
            for actor_id in ids:
                if ("actor", actor_id) not in hits and _fuzzy(folded[actor_id], squeezed):
                    add_actor(actor_id, 0.3 - min(len(folded[actor_id]), 80) / 1000)
    ranked = sorted(hits.values(), key=lambda h: (-h.score, h.label, h.id))
    return ranked[:limit]
