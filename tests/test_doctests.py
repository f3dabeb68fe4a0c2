"""Every example in every docstring of the core and the TUI runs and gives what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import sinergi_graph
import tui


def _modules(package: object) -> list[str]:
    names = [package.__name__]  # type: ignore[attr-defined]
    names += [
        m.name
        for m in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")  # type: ignore[attr-defined]
        if not m.name.endswith("__main__")
    ]
    return sorted(names)


MODULES = _modules(sinergi_graph) + _modules(tui)


def test_the_walk_finds_the_whole_package() -> None:
    # A guard against a walk that silently finds nothing (e.g. a broken __path__).
    assert "sinergi_graph.analysis.metrics" in MODULES and "sinergi_graph.gaps" in MODULES
    assert len(MODULES) > 60


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
