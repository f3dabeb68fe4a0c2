"""All-or-nothing import of nodes, links, activities and agreements files into a store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sinergi_graph.areas import load_areas
from sinergi_graph.errors import SinergiError
from sinergi_graph.kinds import KindCatalogue, default_catalogue
from sinergi_graph.sources import RawTable, read_tables
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.validation import ImportPlan, Problem, validate_tables

__all__ = ["ImportRejected", "ImportResult", "import_files", "plan_import", "read_inputs"]


class ImportRejected(SinergiError):
    """The input had problems; nothing was written."""

    def __init__(self, problems: list[Problem], warnings: Sequence[Problem] = ()) -> None:
        super().__init__("import_rejected", count=len(problems))
        self.problems = problems
        self.warnings = list(warnings)


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, and what it wants the user to look at."""

    actors: int
    links: int
    new_actors: int
    new_links: int
    warnings: tuple[Problem, ...] = ()
    generated_ids: int = 0
    activities: int = 0
    agreements: int = 0
    # Actors created for attendance rows (``--create-missing``).
    created_actors: int = 0


def read_inputs(paths: Sequence[Path]) -> list[RawTable]:
    tables: list[RawTable] = []
    for path in paths:
        if not path.is_file():
            raise SinergiError("file_not_found", path=str(path))
        tables.extend(read_tables(path))
    return tables


def plan_import(
    paths: Sequence[Path],
    store: GraphStore,
    catalogue: KindCatalogue | None = None,
    *,
    create_missing: bool = False,
) -> ImportPlan:
    """Read and validate ``paths`` against ``store`` without writing anything.

    ``create_missing`` creates the actors of attendance rows whose jabatan and
    instansi name a kind and an area but no recorded actor.
    """
    return validate_tables(
        read_inputs(paths),
        store,
        catalogue or default_catalogue(),
        load_areas(),
        create_missing=create_missing,
    )


def import_files(
    paths: Sequence[Path],
    store: GraphStore,
    catalogue: KindCatalogue | None = None,
    *,
    create_missing: bool = False,
    write: Callable[[ImportPlan], None] | None = None,
) -> ImportResult:
    """Validate every file, then write everything in one transaction, or raise.

    ``write`` replaces the plain upsert (the journalled import of
    :mod:`sinergi_graph.scenarios.imports` writes the plan with its undo entry).

    Raises
    ------
    ImportRejected
        With every problem found, as ``file:row:column`` records; the store is unchanged.
    """
    plan = plan_import(paths, store, catalogue, create_missing=create_missing)
    if plan.problems:
        raise ImportRejected(plan.problems, plan.warnings)
    existing_actors = set(store.actor_kinds(a.id for a in plan.actors))
    existing_links = {link.id for link in store.links(link.id for link in plan.links)}
    if write is not None:
        write(plan)
    else:
        store.upsert(
            plan.actors, plan.links, activities=plan.activities, agreements=plan.agreements
        )
    return ImportResult(
        actors=len(plan.actors),
        links=len(plan.links),
        new_actors=len(plan.actors) - len(existing_actors),
        new_links=len(plan.links) - len(existing_links),
        warnings=tuple(plan.warnings),
        generated_ids=plan.generated_ids,
        activities=len(plan.activities),
        agreements=len(plan.agreements),
        created_actors=len(plan.created),
    )
