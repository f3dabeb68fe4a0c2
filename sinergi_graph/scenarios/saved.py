"""Saved scenarios: named what-if plans kept with the network, and compared.

Scenarios are documents of the store (namespace ``scenario``), so they travel
with the network, on the embedded file as on Neo4j.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from sinergi_graph.analysis.simulation import simulate
from sinergi_graph.analysis.simulation_results import SimulationResult
from sinergi_graph.changes import Scenario
from sinergi_graph.errors import ChangeRejected, SinergiError
from sinergi_graph.graph import build_graph
from sinergi_graph.i18n import Msg
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.models import NetworkRows
from sinergi_graph.rules import Rule
from sinergi_graph.store.protocol import GraphStore

__all__ = [
    "SCENARIO_NAMESPACE",
    "Comparison",
    "compare_scenarios",
    "delete_scenario",
    "list_scenarios",
    "load_scenario",
    "save_scenario",
]

SCENARIO_NAMESPACE = "scenario"


def save_scenario(store: GraphStore, scenario: Scenario, name: str | None = None) -> str:
    """Save ``scenario`` under ``name`` (or its own name); returns the name used.

    Scenarios are documents of the store (namespace ``scenario``), so they travel
    with the network, on the embedded file as on Neo4j.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sinergi_graph.changes import RemoveActor
    >>> from sinergi_graph.store.embedded import EmbeddedStore
    >>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()) / "net.db")
    >>> save_scenario(store, Scenario(changes=[RemoveActor(actor_id="x")]), "leave")
    'leave'
    >>> list_scenarios(store), load_scenario(store, "leave").changes[0].op
    (['leave'], 'remove_actor')
    >>> delete_scenario(store, "leave"), list_scenarios(store)
    (True, [])
    >>> store.close()
    """
    key = name or scenario.name
    if not key:
        raise ChangeRejected(value="--save", detail=Msg("change_needs_name"))
    store.put_document(
        SCENARIO_NAMESPACE, key, scenario.model_copy(update={"name": key}).model_dump_json()
    )
    return key


def load_scenario(store: GraphStore, name: str) -> Scenario:
    """The saved scenario ``name`` (see :func:`save_scenario`); ``unknown_scenario`` if absent."""
    body = store.get_document(SCENARIO_NAMESPACE, name)
    if body is None:
        raise SinergiError("unknown_scenario", name=name)
    return Scenario.model_validate_json(body)


def list_scenarios(store: GraphStore) -> list[str]:
    """Names of the saved scenarios, sorted (see :func:`save_scenario`)."""
    return store.list_documents(SCENARIO_NAMESPACE)


def delete_scenario(store: GraphStore, name: str) -> bool:
    """Delete a saved scenario; False when there was none (see :func:`save_scenario`)."""
    return store.delete_document(SCENARIO_NAMESPACE, name)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Several scenarios run from the same starting network."""

    results: tuple[SimulationResult, ...]
    closed_by_all: tuple[tuple[str, str], ...]
    closed_only_by: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def rows(self) -> list[dict[str, object]]:
        return [
            {
                "scenario": r.scenario.name or "",
                "changes": len(r.scenario.changes),
                "gaps_before": r.before,
                "gaps_after": r.after,
                "closed": len(r.closed),
                "opened": len(r.opened),
                "weighted_after": r.after_weighted,
                "closed_only_here": len(self.closed_only_by.get(r.scenario.name or "", ())),
            }
            for r in self.results
        ]


def compare_scenarios(
    rows: NetworkRows,
    rules: Sequence[Rule],
    scenarios: Sequence[Scenario],
    *,
    graph: nx.Graph | None = None,
    catalogue: KindCatalogue | None = None,
    as_of: dt.date | None = None,
) -> Comparison:
    """Run each scenario on its own copy of the same network and compare what they close.

    Examples
    --------
    >>> from sinergi_graph.changes import AddLink
    >>> from sinergi_graph.models import ActorRow
    >>> from sinergi_graph.rules import default_rules
    >>> rows = NetworkRows(
    ...     [ActorRow("pps", "PPS", "PPS", "34.03.07.2004", None),
    ...      ActorRow("lurah", "LURAH", "Lurah", "34.03.07.2004", None),
    ...      ActorRow("ppk", "PPK", "PPK", "34.03.07", None)], [])
    >>> a = Scenario(name="a", changes=[AddLink(source="pps", target="lurah")])
    >>> b = Scenario(name="b", changes=[*a.changes, AddLink(source="pps", target="ppk")])
    >>> cmp = compare_scenarios(rows, default_rules(), [a, b])
    >>> cmp.closed_by_all, cmp.closed_only_by["b"]
    ((('pps-kades', 'pps'),), (('pps-ppk', 'pps'),))
    """
    base = graph if graph is not None else build_graph(rows, catalogue=catalogue, as_of=as_of)
    results = tuple(
        simulate(rows, rules, s, graph=base, catalogue=catalogue, as_of=as_of, metrics=False)
        for s in scenarios
    )
    closed = [{g.key for g in r.closed} for r in results]
    common = set.intersection(*closed) if closed else set()
    only: dict[str, tuple[tuple[str, str], ...]] = {}
    for i, r in enumerate(results):
        others = set().union(*(c for j, c in enumerate(closed) if j != i))
        only[r.scenario.name or str(i)] = tuple(sorted(closed[i] - others))
    return Comparison(results, tuple(sorted(common)), only)
