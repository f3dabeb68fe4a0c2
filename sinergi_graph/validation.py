"""Turn raw tables into validated actors and links, collecting every problem.

Nothing is written here: the importer writes only when the problem list is
empty, which is what makes an import all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sinergi_graph.areas import AreaIndex, normalize_code
from sinergi_graph.dates import parse_date
from sinergi_graph.i18n import t
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.models import Actor, CoordinationLink, LinkType, resolve_link_type
from sinergi_graph.sources.tables import RawTable, TableRole
from sinergi_graph.store.protocol import GraphStore

NODE_FIELDS = ("id", "kind", "name", "area", "member_of", "phone", "email", "note")
LINK_FIELDS = ("id", "source", "target", "type", "date", "topic", "note")
R = TypeVar("R")

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
        return f"{self.file}:{self.row}:{self.column}: {self.message(lang)}"

    def message(self, lang: str | None = None) -> str:
        """What is wrong, without the location (a form shows it beside the field)."""
        params = dict(self.params)
        if self.code == "p_unknown_kind":
            options = params.pop("options", "")
            hint = t("p_unknown_kind_hint", lang, options=options) if options else ""
            params["hint"] = hint
        return t(self.code, lang, **params)


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
            actor, member_of = _actor_row(
                tb.file, row_no, row, catalogue, areas, out, first_seen=first_seen
            )
            if actor is None:
                continue
            if member_of is not None:
                member_refs.append((tb.file, row_no, member_of))
            actors.append(actor)
    return actors, member_refs, set(first_seen)


def _actor_row(
    file: str,
    row_no: int,
    row: Mapping[str, str],
    catalogue: KindCatalogue,
    areas: AreaIndex,
    out: _Collector,
    *,
    first_seen: dict[str, tuple[str, int]] | None = None,
) -> tuple[Actor | None, str | None]:
    """One nodes row as an actor and its ``member_of`` reference (``None`` when invalid).

    ``first_seen`` (the rows of a table, by id) reports an id given twice.
    """
    before = len(out.problems)
    if "__invalid__" in row:
        out.add(file, row_no, "-", "p_bad_value", detail=row["__invalid__"])
        return None, None
    for col in REQUIRED[TableRole.NODES]:
        if not row.get(col):
            out.add(file, row_no, col, "p_required")
    actor_id = row.get("id", "")
    if actor_id and first_seen is not None:
        if actor_id in first_seen:
            _, first_row = first_seen[actor_id]
            out.add(file, row_no, "id", "p_duplicate_id", value=actor_id, first_row=first_row)
        else:
            first_seen[actor_id] = (file, row_no)
    kind_text = row.get("kind", "")
    kind = catalogue.resolve(kind_text) if kind_text else None
    if kind_text and kind is None:
        out.add(
            file,
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
            out.add(file, row_no, "area", "p_bad_area", value=area_text)
        elif area not in areas:
            out.add(file, row_no, "area", "p_unknown_area", value=area_text)
    member_of = row.get("member_of") or None
    if member_of is not None and member_of == actor_id:
        out.add(file, row_no, "member_of", "p_member_self")
        member_of = None
    email = row.get("email") or None
    if email is not None and ("@" not in email or " " in email):
        out.add(file, row_no, "email", "p_bad_email")
    if len(out.problems) > before:
        return None, None
    assert kind is not None
    properties = {
        k: v for k, v in row.items() if k not in NODE_FIELDS and v and not k.startswith("_")
    }
    actor = Actor(
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
    return actor, member_of


def _validate_links(
    tables: list[RawTable], known_ids: set[str], out: _Collector
) -> list[CoordinationLink]:
    links: dict[str, CoordinationLink] = {}
    for tb in tables:
        for row_no, row in tb.rows:
            link = _link_row(tb.file, row_no, row, known_ids, out)
            if link is not None:
                links[link.id] = link
    return list(links.values())


def _link_row(
    file: str, row_no: int, row: Mapping[str, str], known_ids: Set[str], out: _Collector
) -> CoordinationLink | None:
    """One links row as a link (``None`` when invalid); endpoints must be in ``known_ids``."""
    before = len(out.problems)
    if "__invalid__" in row:
        out.add(file, row_no, "-", "p_bad_value", detail=row["__invalid__"])
        return None
    source, target = row.get("source", ""), row.get("target", "")
    for col, value in (("source", source), ("target", target)):
        if not value:
            out.add(file, row_no, col, "p_required")
        elif value not in known_ids:
            out.add(file, row_no, col, "p_unknown_endpoint", value=value)
    if source and source == target:
        out.add(file, row_no, "target", "p_self_link", value=source)
    type_text = row.get("type", "")
    link_type = resolve_link_type(type_text) if type_text else LinkType.KOORDINASI
    if link_type is None:
        out.add(
            file,
            row_no,
            "type",
            "p_unknown_link_type",
            value=type_text,
            options=", ".join(t.value for t in LinkType),
        )
    date_text = row.get("date", "")
    day = parse_date(date_text) if date_text else None
    if date_text and day is None:
        out.add(file, row_no, "date", "p_bad_date", value=date_text)
    if len(out.problems) > before:
        return None
    assert link_type is not None
    return CoordinationLink.create(
        source,
        target,
        type=link_type.value,
        date=day,
        topic=row.get("topic") or None,
        note=row.get("note") or None,
        id=row.get("id") or None,
    )


# --------------------------------------------------------------------------
# One record at a time (the TUI's forms): the same checks as one row of a file


@dataclass(frozen=True, slots=True)
class Validated(Generic[R]):
    """One validated record, or the problems that keep it from being written."""

    record: R | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.record is not None and not self.problems


def validate_actor(
    fields: Mapping[str, str],
    store: GraphStore,
    catalogue: KindCatalogue,
    areas: AreaIndex,
    *,
    where: str = "form",
) -> Validated[Actor]:
    """Validate one actor exactly as one row of a nodes file would be.

    ``fields`` holds the node columns (``id``, ``kind``, ``name``, ``area``,
    ``member_of``, ``phone``, ``email``, ``note``; any other key is kept as a
    property). Kind aliases, area codes, the e-mail shape and the
    ``member_of`` reference (an institution in ``store``) are checked;
    problems are located as ``where:1:column``.
    """
    out = _Collector()
    row = {k: v.strip() for k, v in fields.items()}
    actor, member_of = _actor_row(where, 1, row, catalogue, areas, out)
    if actor is not None and member_of is not None:
        kind = store.actor_kinds({member_of}).get(member_of)
        if kind is None:
            out.add(where, 1, "member_of", "p_member_unknown", value=member_of)
        elif not catalogue.is_institution(kind):
            out.add(where, 1, "member_of", "p_member_not_institution", value=member_of, kind=kind)
    problems = tuple(out.problems)
    return Validated(None if problems else actor, problems)


def validate_link(
    fields: Mapping[str, str], store: GraphStore, *, where: str = "form"
) -> Validated[CoordinationLink]:
    """Validate one link exactly as one row of a links file would be.

    ``fields`` holds the link columns (``source``, ``target``, ``type``,
    ``date``, ``topic``, ``note``, optionally ``id``); both ends must be
    actors in ``store``.
    """
    out = _Collector()
    row = {k: v.strip() for k, v in fields.items()}
    ends = {row.get("source", ""), row.get("target", "")} - {""}
    link = _link_row(where, 1, row, set(store.actor_kinds(ends)), out)
    problems = tuple(out.problems)
    return Validated(None if problems else link, problems)
