"""Export the whole network in the import formats, so export → import is exact.

Personal data (contacts and identity numbers, recognised by
:mod:`sinergi_graph.personal` under whatever name an office gave them) is left
out unless contacts are asked for; the result says when something was withheld.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.fields import ACTOR_FIELDS, CONTACT_FIELDS, LINK_FIELDS
from sinergi_graph.models import Actor, CoordinationLink
from sinergi_graph.personal import is_personal_field
from sinergi_graph.records_export import record_json, record_tables
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.tabular import FileFormat, csv_text, json_text, write_xlsx

__all__ = [
    "BASE_NODE_COLUMNS",
    "LINK_COLUMNS",
    "ExportResult",
    "actor_record",
    "export_network",
    "link_record",
]

LINK_COLUMNS = LINK_FIELDS
BASE_NODE_COLUMNS = ACTOR_FIELDS
_actor_values = attrgetter(*ACTOR_FIELDS)
_link_values = attrgetter(*LINK_FIELDS)


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote, and whether personal data was left out."""

    actors: int
    links: int
    withheld_contacts: bool
    activities: int = 0
    agreements: int = 0


def _full_record(actor: Actor) -> dict[str, Any]:
    record: dict[str, Any] = dict(zip(ACTOR_FIELDS, _actor_values(actor), strict=True))
    for key, value in actor.properties.items():
        record.setdefault(key, value)
    return record


def _withheld(record: dict[str, Any]) -> list[str]:
    """The fields of ``record`` holding personal data (by name or by value)."""
    return [k for k, v in record.items() if v not in (None, "") and is_personal_field(k, v)]


def _without(record: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in keys}


def actor_record(actor: Actor, *, include_contacts: bool) -> dict[str, Any]:
    """A flat record of an actor, personal data left out unless asked for.

    Left out are ``phone``, ``email`` and every property or note that
    :func:`~sinergi_graph.personal.is_personal_field` recognises: a column an
    office calls ``nomor_hp`` or ``nik_ktp``, or a value shaped like a phone
    number, a NIK or an e-mail address.
    """
    record = _full_record(actor)
    if include_contacts:
        return record
    for key in _withheld(record):
        del record[key]
    for key in CONTACT_FIELDS:
        record.pop(key, None)
    return record


def link_record(link: CoordinationLink) -> dict[str, Any]:
    """A flat record of a link, its date as ISO text."""
    record: dict[str, Any] = dict(zip(LINK_FIELDS, _link_values(link), strict=True))
    record["date"] = link.date.isoformat() if link.date else None
    return record


def export_network(
    store: GraphStore, fmt: FileFormat, path: Path, *, include_contacts: bool = False
) -> ExportResult:
    """Write every actor and link to ``path``.

    CSV writes ``nodes.csv`` and ``links.csv`` into the folder ``path``; JSON
    writes ``{"nodes": [...], "links": [...]}``; XLSX writes sheets ``nodes``
    and ``links``. Without ``include_contacts`` personal data is left out
    (see :func:`actor_record`), and the result's ``withheld_contacts`` says
    whether there was any.
    """
    with cycle_collector_paused():
        actors = store.actors()
        links = store.links()
        activities, agreements = store.activities(), store.agreements()
        nodes = [actor_record(a, include_contacts=include_contacts) for a in actors]
        edges = [link_record(link) for link in links]
        withheld = False
        if not include_contacts:
            withheld = any(_withheld(_full_record(a)) for a in actors)
            # A link's topic or note that is just a phone number or NIK is withheld too.
            hidden = [_withheld(e) for e in edges]
            edges = [_without(e, keys) for e, keys in zip(edges, hidden, strict=True)]
            withheld = withheld or any(hidden)
    extra = sorted({k for n in nodes for k in n} - set(BASE_NODE_COLUMNS))
    node_columns = [c for c in BASE_NODE_COLUMNS if include_contacts or c not in CONTACT_FIELDS]
    node_columns += extra
    if fmt is FileFormat.CSV:
        path.mkdir(parents=True, exist_ok=True)
        for name, text in (
            ("nodes.csv", csv_text(nodes, node_columns)),
            ("links.csv", csv_text(edges, LINK_COLUMNS)),
            *(
                (f"{name}.csv", csv_text(rows, columns))
                for name, columns, rows in record_tables(activities, agreements)
            ),
        ):
            (path / name).write_text(text, encoding="utf-8", errors="replace", newline="")
    elif fmt is FileFormat.JSON:
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = {
            "nodes": [{k: v for k, v in n.items() if v not in (None, "")} for n in nodes],
            "links": [{k: v for k, v in e.items() if v not in (None, "")} for e in edges],
            **record_json(activities, agreements),
        }
        path.write_text(json_text(doc, indent=1), encoding="utf-8", errors="replace")
    elif fmt is FileFormat.XLSX:
        sheets = {"nodes": (node_columns, nodes), "links": (LINK_COLUMNS, edges)}
        if activities or agreements:
            sheets.update(
                {name: (cols, rows) for name, cols, rows in record_tables(activities, agreements)}
            )
        write_xlsx(path, sheets)
    else:
        raise ValueError(f"export does not support {fmt}")
    return ExportResult(len(actors), len(links), withheld, len(activities), len(agreements))
