"""Shared helpers for the import tests: run an import expecting refusal, read its lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinergi_graph.importer import ImportRejected, import_files
from sinergi_graph.store.embedded import EmbeddedStore


def rejected(paths: list[Path], store: EmbeddedStore, lang: str = "en") -> list[str]:
    """The problems of an import that must be refused; checks that nothing was written."""
    before = (store.stats(), store.revision())
    with pytest.raises(ImportRejected) as info:
        import_files(paths, store)
    assert (store.stats(), store.revision()) == before
    return [p.render(lang) for p in info.value.problems]


def write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path
