"""The actor and link forms: fields checked exactly like one row of an import file.

Validation is the core's own (:func:`sinergi_graph.validation.validate_actor`
and :func:`~sinergi_graph.validation.validate_link`), so kind aliases, area
codes, dates and references are accepted and refused as an import would.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sinergi_graph.areas import AreaIndex
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.models import Actor, CoordinationLink
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.validation import NODE_FIELDS, Problem, validate_actor, validate_link

__all__ = [
    "ACTOR_FIELDS",
    "LINK_FIELDS",
    "FormCheck",
    "check_actor_form",
    "check_link_form",
    "new_actor_id",
]

#: The actor form's fields, in the order of a nodes file.
ACTOR_FIELDS = NODE_FIELDS
#: The link form's fields (its id is derived from them, as on import).
LINK_FIELDS = ("source", "target", "type", "date", "topic", "note")


@dataclass(frozen=True)
class FormCheck:
    """The outcome of validating a form: the record to write, or problems per field."""

    actor: Actor | None
    link: CoordinationLink | None
    problems: dict[str, list[str]]

    @property
    def ok(self) -> bool:
        return not self.problems


def _by_field(problems: Iterable[Problem], lang: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in problems:
        found.setdefault(p.column, []).append(p.message(lang))
    return found


def check_actor_form(
    fields: Mapping[str, str],
    store: GraphStore,
    catalogue: KindCatalogue,
    areas: AreaIndex,
    lang: str,
    *,
    keep_properties: Mapping[str, str] | None = None,
) -> FormCheck:
    """Validate the actor form (a corrected actor keeps the properties the form does not show)."""
    row = {k: v for k, v in fields.items() if k in ACTOR_FIELDS}
    for key, value in (keep_properties or {}).items():
        if key not in NODE_FIELDS:
            row[key] = value
    checked = validate_actor(row, store, catalogue, areas)
    return FormCheck(checked.record, None, _by_field(checked.problems, lang))


def check_link_form(fields: Mapping[str, str], store: GraphStore, lang: str) -> FormCheck:
    """Validate the link form."""
    row = {k: v for k, v in fields.items() if k in LINK_FIELDS}
    checked = validate_link(row, store)
    return FormCheck(None, checked.record, _by_field(checked.problems, lang))


def new_actor_id(kind: str, area: str | None, existing: Mapping[str, object]) -> str:
    """A readable unused id such as ``PPS-3403072004-x1`` for a new actor.

    >>> new_actor_id("PPS", "34.03.07.2004", {"PPS-3403072004-x1": None})
    'PPS-3403072004-x2'
    """
    base = f"{kind}-{(area or 'ID').replace('.', '')}"
    n = 1
    while f"{base}-x{n}" in existing:
        n += 1
    return f"{base}-x{n}"
