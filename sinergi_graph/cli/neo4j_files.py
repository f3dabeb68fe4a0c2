"""``sinergi neo4j-files``: the network as files for ``neo4j-admin database import full``.

The offline first load of a national network into Neo4j: read the current
store (usually the embedded file a demo or an import filled), write the
files, and print the import command as it runs in the docker compose
service, where ``--output``'s folder is mounted at ``/import``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Annotated

import typer

from sinergi_graph.cli.app import catalogue, state, store_session
from sinergi_graph.cli.options import ForceOpt
from sinergi_graph.cli.output import atomic_folder, check_target, say
from sinergi_graph.i18n import t
from sinergi_graph.store.neo4j.admin_import import SCHEMA_FILE, import_command, write_admin_import

__all__ = ["CONTAINER_FOLDER", "neo4j_files_command", "register"]

#: Where docker-compose.yml mounts the folder inside the Neo4j container.
CONTAINER_FOLDER = "/import"


def neo4j_files_command(
    output: Annotated[
        Path,
        typer.Option("--output", help="Folder for the files (docker compose: ./neo4j-import)."),
    ],
    force: ForceOpt = False,
) -> None:
    """Berkas untuk neo4j-admin database import / Files for neo4j-admin database import."""
    check_target(output, force=force, folder=True)
    with store_session(read_only=True, need_network=True) as store:
        actors, links = store.actors(), store.links()
    with atomic_folder(output, force=force) as folder:
        files = write_admin_import(actors, links, folder, catalogue=catalogue())
    files = dataclasses.replace(files, folder=output)
    database = state().settings.neo4j_database or "neo4j"
    say(t("neo4j_files_done", actors=files.actors, links=files.links, path=output))
    say(t("neo4j_files_next", database=database, schema=f"{CONTAINER_FOLDER}/{SCHEMA_FILE}"))
    command = import_command(files, root=CONTAINER_FOLDER, database=database)
    say("  docker compose stop neo4j")
    # One argument a line, as a shell continues it: the paths stay readable.
    lines = [" ".join(command[:4]), *command[4:]]
    say("  docker compose run --rm --no-deps neo4j " + " \\\n      ".join(lines))
    say("  docker compose up -d --wait")
    say(
        '  docker compose exec neo4j cypher-shell -u neo4j -p "$NEO4J_PASSWORD" '
        f"-f {CONTAINER_FOLDER}/{SCHEMA_FILE}"
    )


def register(app: typer.Typer) -> None:
    app.command("neo4j-files")(neo4j_files_command)
