"""JSON documents ``{"nodes": [...], "links": [...]}``.

JSON that Python's parser would take but a table cannot hold is refused where
it is: ``NaN``/``Infinity``, nesting deeper than a record, ``null`` where a list
of records belongs. Integers are kept as the digits written (a 5,000-digit
number is text, not an overflow).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from sinergi_graph.sources.roles import role_spec, roles
from sinergi_graph.sources.tables import RawTable, cell_text

__all__ = ["read_json"]


class _NotFinite(ValueError):
    pass


def _constant(name: str) -> float:
    raise _NotFinite(name)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


def _fatal(path: Path, code: str, **params: str) -> list[RawTable]:
    return [RawTable(str(path), None, [], fatal=(0, "-", code, params))]


def _cell(value: object) -> str | None:
    """Text of a scalar, or of a list of scalars joined by ``;`` (as a table cell lists
    several ids); ``None`` for anything nested deeper."""
    if isinstance(value, list):
        if any(isinstance(v, (dict, list)) for v in value):
            return None
        return ";".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return None
    return cell_text(value)


def read_json(path: Path) -> list[RawTable]:
    """Read a JSON document into one table per role key present."""
    try:
        doc = json.loads(
            path.read_bytes().decode("utf-8-sig"),
            parse_int=str,
            parse_float=_float,
            parse_constant=_constant,
        )
    except _NotFinite as exc:
        return _fatal(path, "p_json_not_finite", value=str(exc))
    except RecursionError:
        return _fatal(path, "p_json_too_deep")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return _fatal(path, "p_bad_file", detail=str(exc))
    names = [spec.name for spec in roles()]
    if not isinstance(doc, dict) or not (set(names) & set(doc)):
        return _fatal(path, "p_missing_sheet")
    tables: list[RawTable] = []
    for name in names:
        if name not in doc:
            continue
        items = doc[name]
        table = RawTable(f"{path}[{name}]", name, [])
        tables.append(table)
        if not isinstance(items, list):
            table.fatal = (0, name, "p_json_not_list", {"name": name})
            continue
        spec = role_spec(name)
        columns: dict[str, None] = {}
        for index, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                table.problems.append((index, "-", "p_json_not_record", {}))
                continue
            row: dict[str, str] = {}
            for key, value in item.items():
                # Nested property maps ({"properties": {...}}) are flattened into columns.
                pairs = value.items() if isinstance(value, dict) else [(key, value)]
                for sub, sub_value in pairs:
                    column = spec.canonical(str(sub)) or str(sub).strip()
                    text = _cell(sub_value)
                    if text is None:
                        table.problems.append((index, column, "p_json_not_scalar", {}))
                        continue
                    row[column] = text
            columns.update(dict.fromkeys(row))
            table.rows.append((index, row))
        table.columns = list(columns) or list(spec.required)
        if not spec.keeps_extra:
            table.unused = [c for c in table.columns if c not in spec.columns]
    return tables
