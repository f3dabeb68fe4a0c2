"""The one loader of the Cypher statements in ``queries/*.cypher``.

Every statement sinergi sends to Neo4j lives in a ``.cypher`` file, one per
file (the schema file holds several, separated by ``;``), so a Neo4j Browser
user can read, paste and adapt exactly what the program runs. The wheel
carries the files in ``sinergi_graph/queries/`` (``pyproject.toml``
force-includes the top-level ``queries/`` folder there); an editable install
finds them in the repository's ``queries/`` folder instead.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from sinergi_graph.errors import SinergiError

_NAME = re.compile(r"^[a-z0-9_]+$")
# ``//`` comments run to the end of the line; a ``;`` inside one is not a separator.
_LINE_COMMENT = re.compile(r"//[^\n]*")


@cache
def query_dir() -> Traversable:
    """The folder the ``.cypher`` files are read from.

    The installed package's ``sinergi_graph/queries`` wins; the repository's
    top-level ``queries/`` is the fallback for an editable install.
    """
    packaged = resources.files("sinergi_graph").joinpath("queries")
    if packaged.is_dir():
        return packaged
    repo = Path(__file__).resolve().parents[2] / "queries"
    if repo.is_dir():
        return repo
    raise SinergiError("neo4j_error", detail="queries/*.cypher are missing from this install")


@cache
def query(name: str) -> str:
    """The text of ``queries/<name>.cypher``, read once per process.

    Parameters
    ----------
    name : str
        File name without the ``.cypher`` suffix, e.g. ``"actors_upsert"``.

    Returns
    -------
    str
        The statement, comments included (Neo4j ignores them).

    Examples
    --------
    >>> "MERGE" in query("doc_put")
    True
    """
    if not _NAME.match(name):
        raise ValueError(f"not a query name: {name!r}")
    entry = query_dir().joinpath(f"{name}.cypher")
    if not entry.is_file():
        raise SinergiError("neo4j_error", detail=f"query file {name}.cypher is missing")
    return entry.read_text(encoding="utf-8")


@cache
def statements(name: str) -> tuple[str, ...]:
    """The ``;``-separated statements of ``queries/<name>.cypher`` (for the schema file).

    Examples
    --------
    >>> all(s.startswith("CREATE") for s in statements("schema"))
    True
    """
    text = _LINE_COMMENT.sub("", query(name))
    return tuple(s.strip() for s in text.split(";") if s.strip())


def names() -> list[str]:
    """Every query name that ships, sorted."""
    return sorted(
        entry.name.removesuffix(".cypher")
        for entry in query_dir().iterdir()
        if entry.name.endswith(".cypher")
    )
