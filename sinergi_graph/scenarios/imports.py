"""Imports through the undo journal, while their undo stays a bounded document.

An import writes actors, links, kegiatan and kerja sama by id. Its undo is
the usual inverse change set: the records it overwrote, as they were, and the
ids it created. Both are kept in the journal entry, one store document, so an
import is journalled only up to :data:`JOURNAL_LIMIT` records; a larger one
(a regency's first load, a national file) is written as before, in one
transaction, and the caller says it cannot be undone with ``undo``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sinergi_graph.importer import ImportResult, import_files
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.scenarios.apply import record_edit
from sinergi_graph.scenarios.journal import JournalEntry
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.validation import ImportPlan

__all__ = ["JOURNAL_LIMIT", "JournalledImport", "import_journalled", "plan_size"]

#: Records (actors + links + kegiatan + kerja sama) up to which an import is undoable.
#: The entry holds them twice (forward and inverse): ~1 MB of JSON at this size.
JOURNAL_LIMIT = 5_000


@dataclass(frozen=True, slots=True)
class JournalledImport:
    """What the import wrote, and its journal entry (``None``: too large to journal)."""

    result: ImportResult
    entry: JournalEntry | None


def plan_size(plan: ImportPlan) -> int:
    """How many records ``plan`` writes."""
    return len(plan.actors) + len(plan.links) + len(plan.activities) + len(plan.agreements)


def import_journalled(
    paths: Sequence[Path],
    store: GraphStore,
    catalogue: KindCatalogue | None = None,
    *,
    label: str,
    create_missing: bool = False,
    limit: int = JOURNAL_LIMIT,
) -> JournalledImport:
    """:func:`~sinergi_graph.importer.import_files`, journalled when at most ``limit`` records.

    ``label`` is what an undo says it reverts. Validation, the all-or-nothing
    write and :class:`~sinergi_graph.importer.ImportRejected` are the importer's.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sinergi_graph.scenarios import undo_last
    >>> from sinergi_graph.store.embedded import EmbeddedStore
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> rows = "id,kind,name,area\\nPPS1,PPS,PPS Tepus,34.03.07.2004\\n"
    >>> _ = (folder / "aktor.csv").write_text(rows)
    >>> store = EmbeddedStore(folder / "net.db")
    >>> done = import_journalled([folder / "aktor.csv"], store, label="impor aktor.csv")
    >>> done.result.new_actors, done.entry.label, store.stats().actors
    (1, 'impor aktor.csv', 1)
    >>> undo_last(store).label, store.stats().actors
    ('impor aktor.csv', 0)
    >>> store.close()
    """
    entries: list[JournalEntry] = []

    def write(plan: ImportPlan) -> None:
        if plan_size(plan) > limit:
            store.upsert(
                plan.actors, plan.links, activities=plan.activities, agreements=plan.agreements
            )
            return
        entries.append(
            record_edit(
                store,
                label,
                actors=tuple(plan.actors),
                links=tuple(plan.links),
                activities=tuple(plan.activities),
                agreements=tuple(plan.agreements),
            )
        )

    result = import_files(paths, store, catalogue, create_missing=create_missing, write=write)
    return JournalledImport(result, entries[0] if entries else None)
