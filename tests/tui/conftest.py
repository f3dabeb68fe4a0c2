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


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., SinergiApp]:
    """``make_app(db_path, **settings)``: the app on that store, exports into ``tmp_path``."""

    def make(db: Path | None = None, **settings: object) -> SinergiApp:
        given: dict[str, object] = {"db": db, **settings}
        return SinergiApp(
            Settings(**given),  # type: ignore[arg-type]
            as_of=AS_OF,
            export_dir=tmp_path / "exports",
        )

    return make
