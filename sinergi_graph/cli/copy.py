"""``sinergi copy``: move a whole network between the embedded store and Neo4j.

``--from`` and ``--to`` each name a store: a ``bolt://`` / ``neo4j://`` URI
(credentials and database from ``NEO4J_USER``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE``) or the path of an embedded store file. Actors (with
their contacts and properties), links and saved documents arrive exactly as
they were; the target is written in one transaction.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sinergi_graph.cli.app import err_console, lang, state
from sinergi_graph.cli.output import say
from sinergi_graph.errors import SinergiError
from sinergi_graph.i18n import Msg, t
from sinergi_graph.numbers import number
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.store.factory import NEO4J_SCHEMES, is_neo4j_uri, same_store
from sinergi_graph.store.protocol import GraphStore

__all__ = ["NEO4J_SCHEMES", "copy_command", "copy_network", "is_neo4j_uri", "open_spec", "register"]


def open_spec(spec: str, *, must_exist: bool) -> GraphStore:
    """Open the store a ``--from`` / ``--to`` value names.

    Raises
    ------
    SinergiError
        ``file_not_found`` for a source file that does not exist (opening it
        would create an empty store), or the Neo4j connection errors.
    """
    if is_neo4j_uri(spec):
        from sinergi_graph.store.neo4j import Neo4jStore

        settings = state().settings
        return Neo4jStore(
            spec.strip(),
            user=settings.neo4j_user,
            password=settings.neo4j_secret(),
            database=settings.neo4j_database,
        )
    path = Path(spec).expanduser()
    if must_exist and not path.is_file():
        raise SinergiError("file_not_found", path=str(path))
    return EmbeddedStore(path, read_only=must_exist)


def _documents(store: GraphStore) -> list[tuple[str, str, str]]:
    found: list[tuple[str, str, str]] = []
    for namespace in store.namespaces():
        for key in store.list_documents(namespace):
            body = store.get_document(namespace, key)
            if body is not None:
                found.append((namespace, key, body))
    return found


def copy_network(
    source: GraphStore,
    target: GraphStore,
    *,
    replace: bool = False,
    progress: Progress | None = None,
) -> tuple[int, int, int]:
    """Copy every actor, link and document of ``source`` into ``target``.

    Parameters
    ----------
    source, target : GraphStore
        Where to read and where to write.
    replace : bool
        Empty ``target`` (network and documents) first; otherwise a target
        that already holds a network is refused, so a copy is always exact.
    progress : rich.progress.Progress, optional
        Shows reading, then rows written.

    Returns
    -------
    tuple of int
        Numbers of actors, links and documents copied.
    """
    reading = t("cli.copy_reading", source=source.location)
    read_task = progress.add_task(reading, total=None) if progress else None
    actors = source.actors()
    links = source.links()
    # Kegiatan and kerja sama travel with the network they belong to.
    acts, deals = source.activities(), source.agreements()
    documents = _documents(source)
    if progress is not None and read_task is not None:
        progress.update(read_task, total=1, completed=1)
    held = target.stats()
    if (held.actors or held.links) and not replace:
        raise SinergiError(
            "copy_refused",
            detail=Msg(
                "cli.copy_not_empty",
                target=target.location,
                actors=number(held.actors, lang()),
                links=number(held.links, lang()),
            ),
        )
    total = len(actors) + len(links) + len(documents)
    writing = t("cli.copy_writing", target=target.location)
    task = progress.add_task(writing, total=total) if progress else None

    def advance(done: int) -> None:
        if progress is not None and task is not None:
            progress.update(task, completed=done)

    from sinergi_graph.store.neo4j import Neo4jStore

    if replace:
        # One transaction: an interruption leaves the target's previous network.
        if isinstance(target, Neo4jStore):
            target.replace_all(
                actors,
                links,
                documents=documents,
                progress=advance,
                activities=acts,
                agreements=deals,
            )
        else:
            target.replace_all(
                actors, links, documents=documents, activities=acts, agreements=deals
            )
        advance(total)
        return len(actors), len(links), len(documents)
    if isinstance(target, Neo4jStore):
        target.upsert(actors, links, progress=advance, activities=acts, agreements=deals)
    else:
        target.upsert(actors, links, activities=acts, agreements=deals)
    advance(len(actors) + len(links))
    for i, (namespace, key, body) in enumerate(documents, start=1):
        target.put_document(namespace, key, body)
        advance(len(actors) + len(links) + i)
    return len(actors), len(links), len(documents)


def copy_command(
    from_: str = typer.Option(..., "--from", help="Source: a store file or a bolt:// URI."),
    to: str = typer.Option(..., "--to", help="Target: a store file or a bolt:// URI."),
    replace: bool = typer.Option(False, "--replace", help="Empty the target first."),
) -> None:
    """Salin seluruh jaringan antar basis data / Copy a whole network between stores."""
    if from_.strip() == to.strip() or same_store(
        from_, to, database=state().settings.neo4j_database
    ):
        # A copy onto itself with --replace would empty the source first.
        raise SinergiError("copy_refused", detail=Msg("cli.copy_same", spec=from_))
    source = open_spec(from_, must_exist=True)
    try:
        target = open_spec(to, must_exist=False)
        try:
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err_console,
                transient=True,
            ) as progress:
                actors, links, documents = copy_network(
                    source, target, replace=replace, progress=progress
                )
        finally:
            target.close()
    finally:
        source.close()
    say(
        t(
            "cli.copy_done",
            actors=number(actors, lang()),
            links=number(links, lang()),
            documents=documents,
            source=source.location,
            target=target.location,
        )
    )


def register(app: typer.Typer) -> None:
    app.command("copy")(copy_command)
