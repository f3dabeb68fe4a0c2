"""Files for ``neo4j-admin database import full``: the offline first load.

``neo4j-admin database import`` writes a database's store files directly,
with the database stopped; for a first national load (about 600,000 actors
and 570,000 links) it is far faster than any transactional import. The
files written here give the same graph as :class:`~sinergi_graph.store.neo4j.Neo4jStore`
writes (see its module docstring for the model): actors with their labels,
the area tree, ``LOCATED_IN``, ``MEMBER_OF``, coordination links typed by
their link type, and the ``SinergiMeta`` node with the schema version.

Each file has its header in a file of its own (``*_header.csv``), so a
spreadsheet user can open the data files as they are. Every text value is
quoted and an absent value is an empty, unquoted field, which
``neo4j-admin`` reads as "no property" (an empty text stays ``""``).

Constraints and indexes cannot be created by the import tool (Community
edition): :data:`SCHEMA_FILE` is ``queries/schema.cypher`` copied beside the
files, to run once with ``cypher-shell -f`` after the import; sinergi also
creates them itself on its first write.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sinergi_graph.kinds import KindCatalogue, default_catalogue
from sinergi_graph.models import Actor, CoordinationLink
from sinergi_graph.store.cypher import query_dir
from sinergi_graph.store.errors import Neo4jWriteRefused
from sinergi_graph.store.neo4j.rows import Labeller, actor_row, area_rows, last_wins, link_row
from sinergi_graph.store.neo4j.store import SCHEMA_VERSION

__all__ = ["SCHEMA_FILE", "AdminImportFiles", "import_command", "write_admin_import"]

SCHEMA_FILE = "schema.cypher"

# (file stem, header): the header names neo4j-admin's special columns.
_NODES = {
    "actors": "id:ID(Actor),kind,name,area,member_of,phone,email,note,properties_json,:LABEL",
    "areas": "code:ID(Area),name,level,:LABEL",
    "meta": "name,revision:long,schema_version:long,:LABEL",
}
_RELATIONSHIPS = {
    "links": ":START_ID(Actor),:END_ID(Actor),:TYPE,id,date:date,topic,note",
    "located_in": ":START_ID(Actor),:END_ID(Area),:TYPE",
    "member_of": ":START_ID(Actor),:END_ID(Actor),:TYPE",
    "area_in": ":START_ID(Area),:END_ID(Area),:TYPE",
}


@dataclass(frozen=True)
class AdminImportFiles:
    """What :func:`write_admin_import` wrote: the folder and the counts in its files."""

    folder: Path
    actors: int
    links: int
    areas: int
    memberships: int

    def arguments(self, root: str | None = None) -> list[str]:
        """The ``--nodes`` / ``--relationships`` arguments, with paths under ``root``.

        ``root`` is where the folder is seen by ``neo4j-admin`` (e.g. ``/import``
        inside the container); the folder itself by default.
        """
        base = root.rstrip("/") if root else str(self.folder)
        args = [f"--nodes={base}/{stem}_header.csv,{base}/{stem}.csv" for stem in _NODES]
        args += [
            f"--relationships={base}/{stem}_header.csv,{base}/{stem}.csv" for stem in _RELATIONSHIPS
        ]
        return args


def import_command(
    files: AdminImportFiles, root: str | None = None, database: str = "neo4j"
) -> list[str]:
    """The ``neo4j-admin database import full`` command line for ``files``.

    ``--multiline-fields`` because a note may span lines; the target database
    must be stopped (or not exist yet) and ``--overwrite-destination`` replaces it.
    """
    return [
        "neo4j-admin",
        "database",
        "import",
        "full",
        *files.arguments(root),
        "--multiline-fields=true",
        "--overwrite-destination=true",
        database,
    ]


def _field(value: str | None) -> str:
    """One CSV field: quoted text (quotes doubled), or empty for no value."""
    if value is None:
        return ""
    return '"' + value.replace('"', '""') + '"'


def _line(values: Iterable[str | None]) -> str:
    return ",".join(map(_field, values)) + "\n"


def _date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def write_admin_import(
    actors: Sequence[Actor],
    links: Sequence[CoordinationLink],
    folder: Path,
    *,
    catalogue: KindCatalogue | None = None,
) -> AdminImportFiles:
    """Write the import files for ``actors`` and ``links`` into ``folder``.

    Parameters
    ----------
    actors, links : sequence
        The network; a later record with the same id replaces an earlier one.
    folder : Path
        Created if needed; files of an earlier run are replaced.
    catalogue : KindCatalogue, optional
        Where node labels come from (the built-in catalogue by default).

    Raises
    ------
    Neo4jWriteRefused
        For a link to an actor that is not among ``actors``, or of a type that is
        not a link type (``neo4j-admin`` would otherwise drop or refuse it).
    """
    labeller = Labeller(catalogue or default_catalogue())
    unique_actors = last_wins(actors, lambda a: a.id)
    unique_links = last_wins(links, lambda link: link.id)
    ids = {a.id for a in unique_actors}
    link_rows = [link_row(link) for link in unique_links]  # refuses unknown types
    unknown = sorted({r[end] for r in link_rows for end in ("source", "target")} - ids)
    if unknown:
        more = f" (+{len(unknown) - 5} more)" if len(unknown) > 5 else ""
        raise Neo4jWriteRefused(
            detail=f"links refer to actors that do not exist: {', '.join(unknown[:5])}{more}"
        )
    areas = area_rows(unique_actors)
    folder.mkdir(parents=True, exist_ok=True)
    for stem, header in {**_NODES, **_RELATIONSHIPS}.items():
        (folder / f"{stem}_header.csv").write_text(header + "\n", encoding="utf-8")

    memberships = 0
    with (
        (folder / "actors.csv").open("w", encoding="utf-8", newline="") as out,
        (folder / "located_in.csv").open("w", encoding="utf-8", newline="") as located,
        (folder / "member_of.csv").open("w", encoding="utf-8", newline="") as members,
    ):
        for a in unique_actors:
            labels = ["Actor", *labeller(a.kind)]
            # The same property values as the store writes, then the labels column.
            out.write(_line([*actor_row(a, labels)["props"].values(), ";".join(labels)]))
            if a.area is not None:
                located.write(_line((a.id, a.area, "LOCATED_IN")))
            # As in the store: the edge exists only when the institution does.
            if a.member_of is not None and a.member_of in ids:
                members.write(_line((a.id, a.member_of, "MEMBER_OF")))
                memberships += 1
    with (
        (folder / "areas.csv").open("w", encoding="utf-8", newline="") as out,
        (folder / "area_in.csv").open("w", encoding="utf-8", newline="") as tree,
    ):
        for area in areas:
            level = area["level"]
            out.write(_line((area["code"], area["name"], level, "Area")))
            if area["parent"]:
                tree.write(_line((area["code"], area["parent"], "IN")))
    with (folder / "links.csv").open("w", encoding="utf-8", newline="") as out:
        for r in link_rows:
            p = r["props"]
            out.write(
                _line(
                    (
                        r["source"],
                        r["target"],
                        r["type"],
                        p["id"],
                        _date(p["date"]),
                        p["topic"],
                        p["note"],
                    )
                )
            )
    # revision 1: one write happened; readers caching the network see a revision.
    (folder / "meta.csv").write_text(f'"network",1,{SCHEMA_VERSION},"SinergiMeta"\n', "utf-8")
    with (
        query_dir().joinpath("schema.cypher").open("rb") as src,
        (folder / SCHEMA_FILE).open("wb") as dst,
    ):
        shutil.copyfileobj(src, dst)
    return AdminImportFiles(folder, len(unique_actors), len(link_rows), len(areas), memberships)
