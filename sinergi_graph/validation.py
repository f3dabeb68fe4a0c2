"""Turn raw tables into validated actors and links, collecting every problem.

Nothing is written here: the importer writes only when the problem list is
empty, which is what makes an import all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sinergi_graph.areas import AreaIndex, normalize_code
from sinergi_graph.dates import parse_date
from sinergi_graph.i18n import t
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.models import Actor, CoordinationLink, LinkType, resolve_link_type
from sinergi_graph.sources.tables import RawTable, TableRole
from sinergi_graph.store.protocol import GraphStore

NODE_FIELDS = ("id", "kind", "name", "area", "member_of", "phone", "email", "note")
LINK_FIELDS = ("id", "source", "target", "type", "date", "topic", "note")
REQUIRED = {TableRole.NODES: ("id", "kind", "name"), TableRole.LINKS: ("source", "target")}


@dataclass(frozen=True, slots=True)
class Problem:
    """One invalid cell (or row, or file), located as ``file:row:column``."""

    file: str
    row: int
    column: str
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def render(self, lang: str | None = None) -> str:
        params = dict(self.params)
        if self.code == "p_unknown_kind":
            options = params.pop("options", "")
            hint = t("p_unknown_kind_hint", lang, options=options) if options else ""
            params["hint"] = hint
        return f"{self.file}:{self.row}:{self.column}: {t(self.code, lang, **params)}"


@dataclass
class ImportPlan:
    """What an import would write, or why it must not."""

    actors: list[Actor] = field(default_factory=list)
    links: list[CoordinationLink] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: str, row: int, column: str, code: str, **params: object) -> None:
        self.problems.append(
            Problem(file, row, column, code, tuple((k, str(v)) for k, v in params.items()))
        )


def validate_tables(
    tables: Sequence[RawTable],
    store: GraphStore,
    catalogue: KindCatalogue,
    areas: AreaIndex,
) -> ImportPlan:
    """Validate every table together (links may point at nodes from another file)."""
    out = _Collector()
    node_tables = [tb for tb in tables if tb.role is TableRole.NODES and tb.fatal is None]
    link_tables = [tb for tb in tables if tb.role is TableRole.LINKS and tb.fatal is None]
    for tb in tables:
        if tb.fatal is not None:
            fatal_row, column, code, params = tb.fatal
            out.add(tb.file, fatal_row, column, code, **params)
            continue
        for col in REQUIRED[tb.role] if tb.role else ():
            if col not in tb.columns:
                out.add(tb.file, 1, col, "p_missing_column", name=col)
                tb.fatal = (1, col, "p_missing_column", {"name": col})
    node_tables = [tb for tb in node_tables if tb.fatal is None]
    link_tables = [tb for tb in link_tables if tb.fatal is None]

    actors, member_refs, seen_ids = _validate_nodes(node_tables, catalogue, areas, out)
    input_kinds = {a.id: a.kind for a in actors}
    referenced = {ref for _, _, ref in member_refs}
    for tb in link_tables:
        for _, row in tb.rows:
            referenced.add(row.get("source", ""))
            referenced.add(row.get("target", ""))
    referenced -= set(input_kinds)
    referenced.discard("")
    known_kinds = {**store.actor_kinds(referenced), **input_kinds}

    for file, row_no, ref in member_refs:
        kind = known_kinds.get(ref)
        if kind is None:
            out.add(file, row_no, "member_of", "p_member_unknown", value=ref)
        elif not catalogue.is_institution(kind):
            out.add(file, row_no, "member_of", "p_member_not_institution", value=ref, kind=kind)
    # Ids of rejected node rows still count as known, so one bad row is reported once.
    links = _validate_links(link_tables, set(known_kinds) | seen_ids, out)
    return ImportPlan(actors, links, out.problems)


def _validate_nodes(
    tables: list[RawTable],
    catalogue: KindCatalogue,
    areas: AreaIndex,
    out: _Collector,
) -> tuple[list[Actor], list[tuple[str, int, str]], set[str]]:
    actors: list[Actor] = []
    member_refs: list[tuple[str, int, str]] = []
    first_seen: dict[str, tuple[str, int]] = {}
    for tb in tables:
        for row_no, row in tb.rows:
            before = len(out.problems)
            if "__invalid__" in row:
                out.add(tb.file, row_no, "-", "p_bad_value", detail=row["__invalid__"])
                continue
            for col in REQUIRED[TableRole.NODES]:
                if not row.get(col):
                    out.add(tb.file, row_no, col, "p_required")
            actor_id = row.get("id", "")
            if actor_id:
                if actor_id in first_seen:
                    _, first_row = first_seen[actor_id]
                    out.add(
                        tb.file, row_no, "id", "p_duplicate_id", value=actor_id, first_row=first_row
                    )
                else:
                    first_seen[actor_id] = (tb.file, row_no)
            kind_text = row.get("kind", "")
            kind = catalogue.resolve(kind_text) if kind_text else None
            if kind_text and kind is None:
                out.add(
                    tb.file,
                    row_no,
                    "kind",
                    "p_unknown_kind",
                    value=kind_text,
                    options=", ".join(catalogue.suggest(kind_text)),
                )
            area: str | None = None
            area_text = row.get("area", "")
            if area_text:
                area = normalize_code(area_text)
                if area is None:
                    out.add(tb.file, row_no, "area", "p_bad_area", value=area_text)
                elif area not in areas:
                    out.add(tb.file, row_no, "area", "p_unknown_area", value=area_text)
            member_of = row.get("member_of") or None
            if member_of is not None and member_of == actor_id:
                out.add(tb.file, row_no, "member_of", "p_member_self")
                member_of = None
            email = row.get("email") or None
            if email is not None and ("@" not in email or " " in email):
                out.add(tb.file, row_no, "email", "p_bad_email")
            if len(out.problems) > before:
                continue
            assert kind is not None
            if member_of is not None:
                member_refs.append((tb.file, row_no, member_of))
            properties = {
                k: v for k, v in row.items() if k not in NODE_FIELDS and v and not k.startswith("_")
            }
            actors.append(
                Actor(
                    id=actor_id,
                    kind=kind,
                    name=row["name"],
                    area=area,
                    member_of=member_of,
                    phone=row.get("phone") or None,
                    email=email,
                    note=row.get("note") or None,
                    properties=properties,
                )
            )
    return actors, member_refs, set(first_seen)


def _validate_links(
    tables: list[RawTable], known_ids: set[str], out: _Collector
) -> list[CoordinationLink]:
    links: dict[str, CoordinationLink] = {}
    for tb in tables:
        for row_no, row in tb.rows:
            before = len(out.problems)
            if "__invalid__" in row:
                out.add(tb.file, row_no, "-", "p_bad_value", detail=row["__invalid__"])
                continue
            source, target = row.get("source", ""), row.get("target", "")
            for col, value in (("source", source), ("target", target)):
                if not value:
                    out.add(tb.file, row_no, col, "p_required")
                elif value not in known_ids:
                    out.add(tb.file, row_no, col, "p_unknown_endpoint", value=value)
            if source and source == target:
                out.add(tb.file, row_no, "target", "p_self_link", value=source)
            type_text = row.get("type", "")
            link_type = resolve_link_type(type_text) if type_text else LinkType.KOORDINASI
            if link_type is None:
                out.add(
                    tb.file,
                    row_no,
                    "type",
                    "p_unknown_link_type",
                    value=type_text,
                    options=", ".join(t.value for t in LinkType),
                )
            date_text = row.get("date", "")
            day = parse_date(date_text) if date_text else None
            if date_text and day is None:
                out.add(tb.file, row_no, "date", "p_bad_date", value=date_text)
            if len(out.problems) > before:
                continue
            assert link_type is not None
            link = CoordinationLink.create(
                source,
                target,
                type=link_type.value,
                date=day,
                topic=row.get("topic") or None,
                note=row.get("note") or None,
                id=row.get("id") or None,
            )
            links[link.id] = link
    return list(links.values())
