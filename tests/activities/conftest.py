"""The store contract suite's fixtures: ``store`` runs a test on both stores."""

import pytest

pytest.importorskip("neo4j", reason="the neo4j Python driver is not installed")

from test_store_contract import neo4j_driver, neo4j_store, store  # noqa: F401
