"""JSON documents ``{"nodes": [...], "links": [...]}``."""

from __future__ import annotations

import json
from pathlib import Path

from sinergi_graph.sources.tables import RawTable, TableRole, canonical_header, cell_text


def read_json(path: Path) -> list[RawTable]:
    try:
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [RawTable(str(path), None, [], fatal=(0, "-", "p_bad_file", {"detail": str(exc)}))]
    if not isinstance(doc, dict) or not ({"nodes", "links"} & set(doc)):
        return [RawTable(str(path), None, [], fatal=(0, "-", "p_missing_sheet", {}))]
    tables: list[RawTable] = []
    for role in (TableRole.NODES, TableRole.LINKS):
        items = doc.get(role.value)
        if items is None:
            continue
        table = RawTable(f"{path}[{role.value}]", role, [])
        if not isinstance(items, list):
            table.fatal = (0, "-", "p_bad_value", {"detail": f"'{role.value}' must be a list"})
            tables.append(table)
            continue
        columns: dict[str, None] = {}
        for index, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                table.rows.append((index, {"__invalid__": json.dumps(item)[:40]}))
                continue
            row: dict[str, str] = {}
            for key, value in item.items():
                if isinstance(value, dict):
                    # Nested property maps ({"properties": {...}}) are flattened into columns.
                    for sub, sub_value in value.items():
                        row[canonical_header(str(sub))] = cell_text(sub_value)
                else:
                    row[canonical_header(str(key))] = cell_text(value)
            columns.update(dict.fromkeys(row))
            table.rows.append((index, row))
        table.columns = list(columns) or (
            ["id", "kind", "name"] if role is TableRole.NODES else ["source", "target"]
        )
        tables.append(table)
    return tables
