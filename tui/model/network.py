"""The coordination graph of one store revision, indexed for the screens.

Areas are kept as sorted code lists so that "everything in this area" is two
bisects (an area code is a prefix of every code below it), and names are
folded once into one searchable string so a national network is searched by
one C-speed scan instead of a Python loop over 600k names.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from sinergi_graph.models import ActorRow, NetworkRows
from sinergi_graph.text import fold_words
from tui.model.display import plain

if TYPE_CHECKING:
    # networkx is imported where the graph is built, in a worker, so that the
    # first screen does not wait for it.
    import networkx as nx

__all__ = ["ROOT", "Network", "Progress", "prefix_range", "quick_fold"]

ROOT = "ID"
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_TO_SPACE = {
    c: " " for c in range(128) if not (chr(c).isdigit() or "a" <= chr(c) <= "z" or c == 10)
}
Progress = Callable[[str, float], None]


def quick_fold(text: str) -> str:
    """:func:`sinergi_graph.text.fold_words`, with a shortcut for plain ASCII text.

    For ASCII the Unicode decomposition is the identity, so the result is the
    same; names with diacritics go through ``fold_words`` itself.
    """
    if text.isascii():
        return " ".join(_NON_ALNUM.sub(" ", text.lower()).split())
    return fold_words(text)


def search_lines(rows: Sequence[ActorRow]) -> list[str]:
    """Each actor's search text (name and id, folded), in the order of ``rows``."""
    # Search text of every actor, one per line of one string, so a word is
    # found by one C-speed scan instead of a Python loop over 600k names.
    texts = [f"{a.name} {a.id}" for a in rows]
    for i, text in enumerate(texts):
        if not text.isascii() or "\n" in text:
            texts[i] = fold_words(text)
    if not texts:
        return []
    # Fold all names in a few C-speed passes (same result as fold_words per name).
    blob = "\n".join(texts).lower().translate(_TO_SPACE)
    while "  " in blob:
        blob = blob.replace("  ", " ")
    blob = blob.replace(" \n", "\n").replace("\n ", "\n").strip(" ")
    return blob.split("\n")


def prefix_range(keys: Sequence[str], code: str) -> tuple[int, int]:
    """Indices of the sorted area ``keys`` lying in ``code`` (the code or below it)."""
    if code == ROOT:
        return 0, len(keys)
    # Codes are digits and dots: "33.23" < "33.23.01…" < "33.23/" covers exactly the area.
    return bisect.bisect_left(keys, code), bisect.bisect_left(keys, code + "/")


class Network:
    """The coordination graph of one store revision, indexed for the screens."""

    def __init__(self, revision: int, rows: NetworkRows, graph: nx.Graph) -> None:
        self.revision = revision
        self.graph = graph
        self.source_rows = rows
        self.rows: dict[str, ActorRow] = {a.id: a for a in rows.actors}
        self.root_of: dict[str, str] = graph.graph.get("root", {})
        placed: list[tuple[str, str]] = []
        self.unplaced: list[str] = []
        for node, area in graph.nodes(data="area"):
            if area:
                placed.append((area, node))
            else:
                self.unplaced.append(node)
        placed.sort()
        self._areas = [a for a, _ in placed]
        self._nodes = [n for _, n in placed]
        self.unplaced.sort()
        self.search_ids: list[str] = []
        self.folded_name: dict[str, str] = {}
        self._search: _SearchLines | None = None
        self._actor_rows = rows.actors

    @property
    def searchable(self) -> bool:
        return bool(self.search_ids) or not self._actor_rows

    def build_search(self) -> None:
        """Index every actor's folded name and id for search and filtering (once)."""
        if self.searchable:
            return
        rows = self._actor_rows
        ids = [a.id for a in rows]
        texts = search_lines(rows)
        self.folded_name = dict(zip(ids, texts, strict=True))
        self._search = _SearchLines(ids, texts)
        self.search_ids = ids

    def refreshed(
        self,
        revision: int,
        rows: NetworkRows,
        graph: nx.Graph,
        nodes: Collection[str],
        actors: Collection[str],
        actor_rows: Mapping[str, ActorRow],
    ) -> Network:
        """This network after a write, with only the touched index entries updated.

        ``rows`` and ``graph`` are the refreshed network
        (:func:`sinergi_graph.live.refresh`), ``nodes`` and ``actors`` what it
        changed, ``actor_rows`` its actors by id. Equal to a new
        ``Network(revision, rows, graph)`` (with its search built if this one's
        is); this one is left as it is, since a worker may still be reading it.
        """
        new = copy.copy(self)
        new.revision = revision
        new.graph = graph
        new.source_rows = rows
        new._actor_rows = rows.actors
        new.root_of = graph.graph.get("root", {})
        if actors:
            new.rows = self.rows.copy()  # dict.copy clones the table: 10x dict()
            for actor_id in actors:
                new.rows.pop(actor_id, None)
                row = actor_rows.get(actor_id)
                if row is not None:
                    new.rows[actor_id] = row
        if nodes:
            new._areas, new._nodes = list(self._areas), list(self._nodes)
            new.unplaced = list(self.unplaced)
            old_area = self.graph.nodes
            new_area = graph.nodes
            for node in nodes:
                if node in old_area:
                    new._unplace(node, old_area[node].get("area"))
                if node in new_area:
                    new._place(node, new_area[node].get("area"))
        if self.search_ids and actors:
            new._search_refreshed(self, actors, actor_rows)
        return new

    def _unplace(self, node: str, area: str | None) -> None:
        if not area:
            if node in self.unplaced:
                self.unplaced.remove(node)
            return
        lo = bisect.bisect_left(self._areas, area)
        hi = bisect.bisect_right(self._areas, area, lo)
        # Within one area the nodes are sorted too: the pairs were sorted.
        i = bisect.bisect_left(self._nodes, node, lo, hi)
        if i < hi and self._nodes[i] == node:
            del self._areas[i], self._nodes[i]

    def _place(self, node: str, area: str | None) -> None:
        if not area:
            bisect.insort(self.unplaced, node)
            return
        lo = bisect.bisect_left(self._areas, area)
        hi = bisect.bisect_right(self._areas, area, lo)
        i = bisect.bisect_left(self._nodes, node, lo, hi)
        self._areas.insert(i, area)
        self._nodes.insert(i, node)

    def _search_refreshed(
        self, old: Network, actors: Collection[str], actor_rows: Mapping[str, ActorRow]
    ) -> None:
        """The search lines of ``actors`` moved to the end, as a full load orders them.

        A write puts the records it writes at the end of the store's order;
        when ``rows`` is not in that order the index is built again instead.
        """
        kept = [a for a in actors if a in actor_rows]
        tail = self._actor_rows[len(self._actor_rows) - len(kept) :]
        lines = old._search
        if lines is None or {a.id for a in tail} != set(kept):
            self._search = None
            self.search_ids = []
            self.build_search()
            return
        ids = old.search_ids.copy()
        found = (lines.position(a) for a in actors)
        for i in sorted((p for p in found if p is not None), reverse=True):
            del ids[i]
        texts = search_lines(tail)
        ids.extend(a.id for a in tail)
        folded = old.folded_name.copy()
        for a in actors:
            folded.pop(a, None)
        folded.update(zip(ids[len(ids) - len(tail) :], texts, strict=True))
        self.search_ids = ids
        self.folded_name = folded
        self._search = lines.moved(actors, tail, texts)
        if self._search is None:  # too much moved: index it in one piece again
            self.search_ids = []
            self.build_search()

    def __len__(self) -> int:
        return int(self.graph.number_of_nodes())

    def node_of(self, actor_id: str) -> str | None:
        """The graph node an actor is shown as: itself or its institution."""
        if actor_id in self.graph:
            return actor_id
        return self.root_of.get(actor_id)

    def actor_count(self, code: str) -> int:
        """Institutions (and unattached people) located in ``code`` or below."""
        lo, hi = prefix_range(self._areas, code)
        return hi - lo + (len(self.unplaced) if code == ROOT else 0)

    def nodes_in(self, code: str) -> list[str]:
        lo, hi = prefix_range(self._areas, code)
        found = self._nodes[lo:hi]
        return [*self.unplaced, *found] if code == ROOT else found

    def link_count(self, node: str) -> int:
        return int(sum(int(d.get("count", 1)) for d in self.graph._adj[node].values()))

    def name(self, actor_id: str) -> str:
        """The actor's name as shown: one line, no escape sequences or control characters."""
        row = self.rows.get(actor_id)
        return plain(row.name if row else actor_id)

    def kind(self, actor_id: str) -> str:
        row = self.rows.get(actor_id)
        return row.kind if row else ""

    def focus_area(self) -> str:
        """The smallest area that holds every placed institution (``ID`` if none)."""
        if not self._areas or self.unplaced:
            return ROOT
        first, last = self._areas[0], self._areas[-1]
        common = ROOT
        for n in (2, 5, 8, 13):
            if len(first) >= n and len(last) >= n and first[:n] == last[:n]:
                common = first[:n]
            else:
                break
        return common

    def prepare_refresh(self) -> None:
        """Build now what :meth:`refreshed` would otherwise build on the first write."""
        if self._search is not None:
            self._search.line_of()

    def find_lines(self, token: str, cap: int) -> list[int]:
        """Indices (into ``search_ids``) of the actors whose search text contains ``token``."""
        return self._search.find(token, cap) if self._search is not None else []


def _scan(text: str, starts: Sequence[int], token: str) -> Iterator[int]:
    """Lines of ``text`` (starting at ``starts``) holding ``token``, each once, in order."""
    last = -1
    for match in re.finditer(re.escape(token), text):
        line = bisect.bisect_right(starts, match.start()) - 1
        if line != last:
            yield line
            last = line


def _starts(texts: Sequence[str]) -> list[int]:
    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return starts


#: Lines moved after a full build before the search index is built again in one piece.
_MOVED_LIMIT = 20_000


class _SearchLines:
    """Every actor's search text, one per line of one string, and the lines written since.

    A refresh never copies the national text (~20 MB) nor shifts its 600k line
    starts: the lines of the actors it changed are masked in it and kept,
    folded again, in a small second text after it, so ``search_ids`` (the
    unmasked lines, then the moved ones) keeps a full load's order. Never
    changed once built; :meth:`moved` returns a new one.
    """

    def __init__(
        self,
        ids: list[str],
        texts: list[str],
        *,
        text: str | None = None,
        starts: list[int] | None = None,
        masked: list[int] | None = None,
        moved: tuple[list[str], list[str]] = ([], []),
    ) -> None:
        self.ids = ids
        self.text = "\n".join(texts) if text is None else text
        self.starts = _starts(texts) if starts is None else starts
        self.masked = masked or []
        self.moved_ids, self.moved_texts = moved
        self.moved_text = "\n".join(self.moved_texts)
        self.moved_starts = _starts(self.moved_texts)
        self._line_of: dict[str, int] | None = None

    def line_of(self) -> dict[str, int]:
        """Each actor's line in the first text (built once per full build, ~0.1 s nationally).

        Shared by the refreshes that follow that build; the workspace builds it
        ahead of the first write (:meth:`Network.prepare_refresh`).
        """
        if self._line_of is None:
            self._line_of = dict(zip(self.ids, range(len(self.ids)), strict=True))
        return self._line_of

    def position(self, actor_id: str) -> int | None:
        """The actor's index in ``search_ids``, or ``None``."""
        if actor_id in self.moved_ids:
            return len(self.ids) - len(self.masked) + self.moved_ids.index(actor_id)
        line = self.line_of().get(actor_id)
        if line is None:
            return None
        j = bisect.bisect_left(self.masked, line)
        if j < len(self.masked) and self.masked[j] == line:
            return None
        return line - j

    def moved(
        self, actors: Collection[str], tail: Sequence[ActorRow], texts: list[str]
    ) -> _SearchLines | None:
        """These lines after ``actors`` were written again (``tail``, folded as ``texts``)."""
        line_of = self.line_of()
        masked = set(self.masked)
        for a in actors:
            if a not in self.moved_ids:
                line = line_of.get(a)
                if line is not None:
                    masked.add(line)
        pairs = [(i, t) for i, t in zip(*self._moved(), strict=True) if i not in actors]
        ids = [i for i, _ in pairs] + [a.id for a in tail]
        if len(ids) > _MOVED_LIMIT:
            return None
        new = _SearchLines(
            self.ids,
            [],
            text=self.text,
            starts=self.starts,
            masked=sorted(masked),
            moved=(ids, [t for _, t in pairs] + texts),
        )
        new._line_of = self._line_of
        return new

    def _moved(self) -> tuple[list[str], list[str]]:
        return self.moved_ids, self.moved_texts

    def find(self, token: str, cap: int) -> list[int]:
        found: list[int] = []
        if cap <= 0:
            return found
        masked = self.masked
        for line in _scan(self.text, self.starts, token):
            if masked:
                j = bisect.bisect_left(masked, line)
                if j < len(masked) and masked[j] == line:
                    continue
                line -= j
            found.append(line)
            if len(found) >= cap:
                return found
        offset = len(self.ids) - len(masked)
        for line in _scan(self.moved_text, self.moved_starts, token):
            found.append(offset + line)
            if len(found) >= cap:
                break
        return found
