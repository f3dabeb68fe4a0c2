"""Fixtures for the TUI tests: demo stores on disk, an app factory, and waiting helpers.

The demo networks are generated once per session (seeded, so identical on
every machine) and copied into each test's own directory, so tests can
write to their store freely. Dates are pinned with ``as_of`` so freshness
and the "links after that day are ignored" rule never depend on today.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from sinergi_graph.config import Settings
from sinergi_graph.demo import build_demo
from sinergi_graph.importer import import_files
from sinergi_graph.store.embedded import EmbeddedStore
from tui.app import SinergiApp

AS_OF = date(2024, 6, 1)
TEPUS = "34.03.07"
TEMANGGUNG = "33.23"


@pytest.fixture(scope="session")
def demo_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One closed demo store file per region, built once per session."""
    folder = tmp_path_factory.mktemp("demo-templates")
    found: dict[str, Path] = {}
    for region in (TEPUS, TEMANGGUNG):
        path = folder / f"{region.replace('.', '')}.db"
        store = EmbeddedStore(path)
        build_demo(store, region)
        store.close()
        found[region] = path
    return found


def _copy(template: Path, target: Path) -> Path:
    shutil.copyfile(template, target)
    for suffix in ("-wal", "-shm"):
        extra = template.with_name(template.name + suffix)
        if extra.exists():
            shutil.copyfile(extra, target.with_name(target.name + suffix))
    return target


DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def fixed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Kapanewon Tepus frozen as CSV (a demo export with three links taken out).

    Snapshots use it rather than the generator, so they only change when the
    TUI does: the files never change, and the importer is the public way in.
    """
    path = tmp_path_factory.mktemp("fixed") / "tepus.db"
    store = EmbeddedStore(path)
    import_files([DATA / "tepus_nodes.csv", DATA / "tepus_links.csv"], store)
    store.close()
    return path


@pytest.fixture
def fixed_db(fixed_template: Path, tmp_path: Path) -> Path:
    return _copy(fixed_template, tmp_path / "net.db")


@pytest.fixture
def tepus_db(demo_templates: dict[str, Path], tmp_path: Path) -> Path:
    return _copy(demo_templates[TEPUS], tmp_path / "net.db")


@pytest.fixture
def temanggung_db(demo_templates: dict[str, Path], tmp_path: Path) -> Path:
    return _copy(demo_templates[TEMANGGUNG], tmp_path / "net.db")


def _wipe_neo4j(uri: str) -> None:
    import neo4j
    from neo4j_harness import neo4j_auth

    with neo4j.GraphDatabase.driver(uri, auth=neo4j_auth()) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")


def _neo4j_settings(uri: str) -> dict[str, object]:
    from neo4j_harness import neo4j_auth

    auth = neo4j_auth()
    return {
        "neo4j_uri": uri,
        "neo4j_user": auth[0] if auth else "neo4j",
        "neo4j_password": auth[1] if auth else None,
    }


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend_app(
    request: pytest.FixtureRequest,
    demo_templates: dict[str, Path],
    tmp_path: Path,
) -> Callable[..., SinergiApp]:
    """``backend_app(region)``: the app on a store holding that demo region.

    Runs each test twice: on the embedded store and on the real Neo4j test
    server (``neo4j_uri``; the demo is copied into it through the store API).
    """

    def make(region: str = TEMANGGUNG, **settings: object) -> SinergiApp:
        template = demo_templates[region]
        given: dict[str, object] = dict(settings)
        if request.param == "embedded":
            given["db"] = _copy(template, tmp_path / "net.db")
            given["neo4j_uri"] = None  # even when NEO4J_URI is set for the Neo4j runs
        else:
            from sinergi_graph.store.neo4j_store import Neo4jStore

            uri = request.getfixturevalue("neo4j_uri")
            _wipe_neo4j(uri)
            options = _neo4j_settings(uri)
            source = EmbeddedStore(template)
            target = Neo4jStore(
                uri,
                user=str(options["neo4j_user"]),
                password=options["neo4j_password"],  # type: ignore[arg-type]
            )
            try:
                target.upsert(source.actors(), source.links())
            finally:
                source.close()
                target.close()
            given.update(options)
        return SinergiApp(
            Settings(**given),  # type: ignore[arg-type]
            as_of=AS_OF,
            export_dir=tmp_path / "exports",
        )

    return make


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., SinergiApp]:
    """``make_app(db_path, **settings)``: the app on that store, exports into ``tmp_path``."""

    def make(db: Path | None = None, **settings: object) -> SinergiApp:
        # neo4j_uri=None: the embedded store even when NEO4J_URI is set (it is, to point
        # the Neo4j tests at your own server).
        given: dict[str, object] = {"db": db, "neo4j_uri": None, **settings}
        return SinergiApp(
            Settings(**given),  # type: ignore[arg-type]
            as_of=AS_OF,
            export_dir=tmp_path / "exports",
        )

    return make
