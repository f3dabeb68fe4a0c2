"""Export the whole network in the import formats, so export → import is exact."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.models import Actor, CoordinationLink, is_sensitive
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.tabular import FileFormat, csv_text, write_xlsx

LINK_COLUMNS = ("id", "source", "target", "type", "date", "topic", "note")
BASE_NODE_COLUMNS = ("id", "kind", "name", "area", "member_of", "phone", "email", "note")


@dataclass(frozen=True)
class ExportResult:
    actors: int
    links: int
    withheld_contacts: bool


def actor_record(actor: Actor, *, include_contacts: bool) -> dict[str, Any]:
    """A flat record of an actor, personal data left out unless asked for."""
    record: dict[str, Any] = {
        "id": actor.id,
        "kind": actor.kind,
        "name": actor.name,
        "area": actor.area,
        "member_of": actor.member_of,
        "note": actor.note,
    }
    if include_contacts:
        record["phone"] = actor.phone
        record["email"] = actor.email
    for key, value in actor.properties.items():
        if include_contacts or not is_sensitive(key):
            record[key] = value
    return record


def link_record(link: CoordinationLink) -> dict[str, Any]:
    return {
        "id": link.id,
        "source": link.source,
        "target": link.target,
        "type": link.type,
        "date": link.date.isoformat() if link.date else None,
        "topic": link.topic,
        "note": link.note,
    }


def export_network(
    store: GraphStore, fmt: FileFormat, path: Path, *, include_contacts: bool = False
) -> ExportResult:
    """Write every actor and link to ``path``.

    CSV writes ``nodes.csv`` and ``links.csv`` into the folder ``path``; JSON
    writes ``{"nodes": [...], "links": [...]}``; XLSX writes sheets ``nodes``
    and ``links``. Without ``include_contacts`` phone, e-mail and NIK-like
    columns are left out.
    """
    with cycle_collector_paused():
        actors = store.actors()
        links = store.links()
        nodes = [actor_record(a, include_contacts=include_contacts) for a in actors]
        edges = [link_record(link) for link in links]
    extra = sorted({k for n in nodes for k in n} - set(BASE_NODE_COLUMNS))
    node_columns = [c for c in BASE_NODE_COLUMNS if include_contacts or c not in ("phone", "email")]
    node_columns += extra
    withheld = not include_contacts and any(
        a.phone or a.email or any(is_sensitive(k) for k in a.properties) for a in actors
    )
    if fmt is FileFormat.CSV:
        path.mkdir(parents=True, exist_ok=True)
        (path / "nodes.csv").write_text(csv_text(nodes, node_columns), encoding="utf-8")
        (path / "links.csv").write_text(csv_text(edges, LINK_COLUMNS), encoding="utf-8")
    elif fmt is FileFormat.JSON:
        path.parent.mkdir(parents=True, exist_ok=True)
        doc = {
            "nodes": [{k: v for k, v in n.items() if v not in (None, "")} for n in nodes],
            "links": [{k: v for k, v in e.items() if v not in (None, "")} for e in edges],
        }
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    elif fmt is FileFormat.XLSX:
        write_xlsx(path, {"nodes": (node_columns, nodes), "links": (LINK_COLUMNS, edges)})
    else:
        raise ValueError(f"export does not support {fmt}")
    return ExportResult(len(actors), len(links), withheld)
