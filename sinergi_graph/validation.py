"""Turn raw tables into validated actors and links, collecting every problem.

Nothing is written here: the importer writes only when the problem list is
empty, which is what makes an import all-or-nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.activity_validation import split_refs, validate_records
from sinergi_graph.actor_checks import check_areas, check_membership
from sinergi_graph.actor_refs import Candidate, Directory, derived_id
from sinergi_graph.areas import AreaIndex, normalize_code
from sinergi_graph.attendees import AttendeeResolver
from sinergi_graph.cell_checks import area_damage, control_characters, date_damage, phone_repair
from sinergi_graph.dates import parse_date
from sinergi_graph.fields import ACTOR_FIELDS, LINK_FIELDS
from sinergi_graph.i18n import t
from sinergi_graph.kinds import KindCatalogue
from sinergi_graph.models import Actor, ActorRow, CoordinationLink, LinkType, resolve_link_type
from sinergi_graph.sources.roles import role_spec
from sinergi_graph.sources.tables import RawTable, TableRole
from sinergi_graph.store.protocol import GraphStore

__all__ = [
    "LINK_FIELDS",
    "NODE_FIELDS",
    "ImportPlan",
    "Problem",
    "Validated",
    "validate_actor",
    "validate_link",
    "validate_tables",
]

NODE_FIELDS = ACTOR_FIELDS
R = TypeVar("R")

# ``id`` is not required: a nodes table without it gets ids derived from kind, area, name.
REQUIRED = {TableRole.NODES: ("kind", "name"), TableRole.LINKS: ("source", "target")}
# Tables validated by sinergi_graph.activity_validation, and the column naming actors.
_RECORD_ROLES = frozenset({"activities", "attendance", "daftar_hadir", "agreements"})
_REFERRING = {"attendance": "actor", "activities": "attendees", "agreements": "parties"}


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
    # Things written as asked but worth a look (a dropped leading zero put back, a column
    # read but not used, a body recorded as part of another); located like problems.
    warnings: list[Problem] = field(default_factory=list)
    # How many actor ids were derived from kind, area and name (no id column).
    generated_ids: int = 0
    activities: list[Activity] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    # Actors made for attendance rows (``import --create-missing``), also in ``actors``.
    created: list[Actor] = field(default_factory=list)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.generated_ids = 0
        # Persons given by position (``Ketua PPS``) without a member_of: (file, row) -> body
        # kind, resolved to the body of their area once every table is read.
        self.member_bodies: dict[tuple[str, int], str] = {}

    def add(self, file: str, row: int, column: str, code: str, **params: object) -> None:
        self.problems.append(
            Problem(file, row, column, code, tuple((k, str(v)) for k, v in params.items()))
        )

    def warn(self, file: str, row: int, column: str, code: str, **params: object) -> None:
        self.warnings.append(
            Problem(file, row, column, code, tuple((k, str(v)) for k, v in params.items()))
        )

    def cells(
        self, file: str, row_no: int, row: Mapping[str, str], label: Callable[[str], str]
    ) -> None:
        """Control characters in any cell of a row."""
        for column, value in row.items():
            found = control_characters(column, value)
            if found is not None:
                self.add(file, row_no, label(column), found[0], **found[1])


def validate_tables(
    tables: Sequence[RawTable],
    store: GraphStore,
    catalogue: KindCatalogue,
    areas: AreaIndex,
    *,
    create_missing: bool = False,
) -> ImportPlan:
    """Validate every table together (links may point at nodes from another file).

    ``create_missing`` creates the actors of attendance rows whose jabatan and
    instansi name a kind and an area but no recorded actor.
    """
    out = _Collector()
    for tb in tables:
        for row_no, column, code, params in tb.problems:
            out.add(tb.file, row_no, column, code, **params)
        for row_no, column, code, params in tb.warnings:
            out.warn(tb.file, row_no, column, code, **params)
        if tb.fatal is not None:
            fatal_row, column, code, params = tb.fatal
            out.add(tb.file, fatal_row, column, code, **params)
            continue
        if tb.unused:
            out.warn(
                tb.file,
                tb.header_row,
                ", ".join(tb.label(c) for c in tb.unused),
                "w_unused_columns",
                columns=", ".join(tb.label(c) for c in tb.unused),
            )
        for col in role_spec(tb.role).required if tb.role else ():
            if col not in tb.columns:
                out.add(tb.file, tb.header_row, col, "p_missing_column", name=col)
                tb.fatal = (tb.header_row, col, "p_missing_column", {"name": col})
    node_tables = [tb for tb in tables if tb.role == TableRole.NODES and tb.fatal is None]
    link_tables = [tb for tb in tables if tb.role == TableRole.LINKS and tb.fatal is None]

    actors, positions, member_refs, seen_ids = _validate_nodes(node_tables, catalogue, areas, out)
    input_kinds = {a.id: a.kind for a in actors}
    referenced = {ref for _, _, ref in member_refs}
    for tb in link_tables:
        for _, row in tb.rows:
            referenced.add(row.get("source", ""))
            referenced.add(row.get("target", ""))
    for tb in tables:
        if tb.fatal is None and tb.role in _REFERRING:
            for _, row in tb.rows:
                referenced.update(split_refs(row.get(_REFERRING[tb.role], "")))
    referenced -= set(input_kinds)
    referenced.discard("")
    known_kinds = {**store.actor_kinds(referenced), **input_kinds}

    store_rows: list[ActorRow] | None = None

    def store_actor_rows() -> list[ActorRow]:
        nonlocal store_rows
        if store_rows is None:
            store_rows = store.network_rows().actors
        return store_rows

    def store_candidates() -> list[Candidate]:
        return [Candidate(a.id, a.kind, a.name, a.area) for a in store_actor_rows()]

    directory = Directory(
        (Candidate(a.id, a.kind, a.name, a.area) for a in actors),
        store_candidates,
        areas,
        lambda ref: ref in known_kinds or ref in seen_ids,
    )
    by_row = dict(zip(positions, actors, strict=True))
    labels = {tb.file: tb.label for tb in node_tables}
    resolved_members: dict[str, str] = {}
    for file, row_no, ref in member_refs:
        actor = by_row[(file, row_no)]
        found = directory.resolve(ref, area=actor.area)
        if found.id is None:
            _unresolved(
                out,
                file,
                row_no,
                labels[file]("member_of"),
                ref,
                found.candidates,
                found.ambiguous,
                unknown="p_member_unknown",
            )
            continue
        kind = known_kinds.get(found.id) or _kind_in_store(store, found.id, known_kinds)
        if kind is None:
            out.add(file, row_no, labels[file]("member_of"), "p_member_unknown", value=ref)
        elif not catalogue.is_institution(kind):
            out.add(
                file,
                row_no,
                labels[file]("member_of"),
                "p_member_not_institution",
                value=ref,
                kind=kind,
            )
        else:
            resolved_members[actor.id] = found.id
    for (file, row_no), body_kind in out.member_bodies.items():
        actor = by_row[(file, row_no)]
        bodies = directory.bodies(body_kind, actor.area)
        if len(bodies) == 1:
            resolved_members[actor.id] = bodies[0].id
        else:
            code = "p_member_body_ambiguous" if bodies else "p_member_body_missing"
            out.add(
                file,
                row_no,
                labels[file]("kind"),
                code,
                kind=body_kind,
                area=actor.area or "-",
                candidates=", ".join(c.describe() for c in bodies),
            )
    actors = [
        a.model_copy(update={"member_of": resolved_members[a.id]})
        if a.id in resolved_members
        else a
        for a in actors
    ]
    check_membership(actors, by_row, labels, store, catalogue, out)
    check_areas(actors, by_row, labels, catalogue, out)
    # Ids of rejected node rows still count as known, so one bad row is reported once.
    links = _validate_links(link_tables, set(known_kinds) | seen_ids, directory, out)
    resolver = AttendeeResolver(directory, catalogue, areas, actors, store_actor_rows)
    records = validate_records(
        [tb for tb in tables if tb.role in _RECORD_ROLES and tb.fatal is None],
        resolver=resolver,
        store=store,
        areas=areas,
        out=out,
        create_missing=create_missing,
    )
    return ImportPlan(
        [*actors, *records.created],
        links,
        out.problems,
        out.warnings,
        out.generated_ids,
        activities=records.activities,
        agreements=records.agreements,
        created=records.created,
    )


def _kind_in_store(store: GraphStore, actor_id: str, known: dict[str, str]) -> str | None:
    kind = store.actor_kinds({actor_id}).get(actor_id)
    if kind is not None:
        known[actor_id] = kind
    return kind


def _unresolved(
    out: _Collector,
    file: str,
    row_no: int,
    column: str,
    value: str,
    candidates: Sequence[Candidate],
    ambiguous: bool,
    *,
    unknown: str,
) -> None:
    listed = ", ".join(c.describe() for c in candidates)
    if ambiguous:
        example = f"{value} ({candidates[0].area})" if candidates[0].area else candidates[0].id
        out.add(
            file,
            row_no,
            column,
            "p_ambiguous_name",
            value=value,
            candidates=listed,
            example=example,
        )
    elif candidates:
        out.add(file, row_no, column, "p_unknown_ref_suggest", value=value, candidates=listed)
    else:
        out.add(file, row_no, column, unknown, value=value)


def _validate_nodes(
    tables: list[RawTable],
    catalogue: KindCatalogue,
    areas: AreaIndex,
    out: _Collector,
) -> tuple[list[Actor], list[tuple[str, int]], list[tuple[str, int, str]], set[str]]:
    """Valid actors with their (file, row), member_of references, and every id seen."""
    actors: list[Actor] = []
    positions: list[tuple[str, int]] = []
    member_refs: list[tuple[str, int, str]] = []
    first_seen: dict[str, tuple[str, int]] = {}
    for tb in tables:
        for row_no, row in tb.rows:
            actor, member_of = _actor_row(
                tb.file, row_no, row, catalogue, areas, out, first_seen=first_seen, label=tb.label
            )
            if actor is None:
                continue
            if member_of is not None:
                member_refs.append((tb.file, row_no, member_of))
            actors.append(actor)
            positions.append((tb.file, row_no))
    return actors, positions, member_refs, set(first_seen)


def _actor_row(
    file: str,
    row_no: int,
    row: Mapping[str, str],
    catalogue: KindCatalogue,
    areas: AreaIndex,
    out: _Collector,
    *,
    first_seen: dict[str, tuple[str, int]] | None = None,
    label: Callable[[str], str] = str,
) -> tuple[Actor | None, str | None]:
    """One nodes row as an actor and its ``member_of`` reference (``None`` when invalid).

    ``first_seen`` (the rows of a table, by id) reports an id given twice; ``label``
    names a column as the user's header does. Without an ``id`` column the id is
    derived from kind, area and name.
    """
    before = len(out.problems)
    if "__invalid__" in row:
        out.add(file, row_no, "-", "p_bad_value", detail=row["__invalid__"])
        return None, None
    out.cells(file, row_no, row, label)
    for col in ("id", *REQUIRED[TableRole.NODES]):
        if (col in row or col != "id") and not row.get(col):
            out.add(file, row_no, label(col), "p_required")
    kind_text = row.get("kind", "")
    kind = catalogue.resolve(kind_text) if kind_text else None
    body_kind = catalogue.resolve_member(kind_text) if kind_text and kind is None else None
    if body_kind is not None:
        kind = "PERSON"
    if kind_text and kind is None:
        out.add(
            file,
            row_no,
            label("kind"),
            "p_unknown_kind",
            value=kind_text,
            options=", ".join(catalogue.suggest(kind_text)),
        )
    area: str | None = None
    area_text = row.get("area", "")
    if area_text:
        area = normalize_code(area_text)
        damage = area_damage(area_text) if area is None else None
        if damage is not None:
            out.add(file, row_no, label("area"), damage[0], **damage[1])
        elif area is None:
            out.add(file, row_no, label("area"), "p_bad_area", value=area_text)
        elif area not in areas:
            out.add(file, row_no, label("area"), "p_unknown_area", value=area_text)
    actor_id = row.get("id", "")
    if "id" not in row and kind is not None and row.get("name"):
        actor_id = derived_id(kind, area, row["name"])
        out.generated_ids += 1
    if actor_id and first_seen is not None:
        if actor_id in first_seen:
            _, first_row = first_seen[actor_id]
            out.add(
                file, row_no, label("id"), "p_duplicate_id", value=actor_id, first_row=first_row
            )
        else:
            first_seen[actor_id] = (file, row_no)
    member_of = row.get("member_of") or None
    if member_of is not None and member_of == actor_id:
        out.add(file, row_no, label("member_of"), "p_member_self")
        member_of = None
    email = row.get("email") or None
    if email is not None and ("@" not in email or " " in email):
        out.add(file, row_no, label("email"), "p_bad_email")
    phone = row.get("phone") or None
    if phone is not None:
        phone, repaired = phone_repair(phone)
        if repaired is not None:
            out.warn(file, row_no, label("phone"), repaired[0], **repaired[1])
    if len(out.problems) > before:
        return None, None
    assert kind is not None
    properties = {
        k: v for k, v in row.items() if k not in NODE_FIELDS and v and not k.startswith("_")
    }
    if body_kind is not None:
        # The position word is kept, as the ``jabatan`` an office would write beside it.
        properties.setdefault("jabatan", kind_text)
        if member_of is None:
            out.member_bodies[(file, row_no)] = body_kind
    actor = Actor(
        id=actor_id,
        kind=kind,
        name=row["name"],
        area=area,
        member_of=member_of,
        phone=phone,
        email=email,
        note=row.get("note") or None,
        properties=properties,
    )
    return actor, member_of


def _validate_links(
    tables: list[RawTable], known_ids: set[str], directory: Directory, out: _Collector
) -> list[CoordinationLink]:
    links: dict[str, CoordinationLink] = {}
    first_row: dict[str, tuple[str, int]] = {}
    for tb in tables:
        for row_no, raw in tb.rows:
            row = dict(raw)
            unresolved = False
            for col in ("source", "target"):
                value = row.get(col, "")
                if not value or value in known_ids:
                    continue
                found = directory.resolve(value, area=row.get("area") or None)
                if found.id is not None:
                    row[col] = found.id
                    known_ids.add(found.id)
                else:
                    unresolved = True
                    _unresolved(
                        out,
                        tb.file,
                        row_no,
                        tb.label(col),
                        value,
                        found.candidates,
                        found.ambiguous,
                        unknown="p_unknown_endpoint",
                    )
            if unresolved:
                continue
            link = _link_row(tb.file, row_no, row, known_ids, out, label=tb.label)
            if link is None:
                continue
            if link.id in links and links[link.id] != link:
                # The same explicit id on a different link would silently replace the first.
                file, first = first_row[link.id]
                out.add(
                    tb.file,
                    row_no,
                    tb.label("id"),
                    "p_duplicate_link_id",
                    value=link.id,
                    first_row=first if file == tb.file else f"{file}:{first}",
                )
                continue
            first_row.setdefault(link.id, (tb.file, row_no))
            links[link.id] = link
    return list(links.values())


def _link_row(
    file: str,
    row_no: int,
    row: Mapping[str, str],
    known_ids: Set[str],
    out: _Collector,
    *,
    label: Callable[[str], str] = str,
    today: dt.date | None = None,
) -> CoordinationLink | None:
    """One links row as a link (``None`` when invalid); endpoints must be in ``known_ids``.

    A date after ``today`` (default: the real today) is refused: a contact that has
    not happened yet would count as fresh for years.
    """
    before = len(out.problems)
    if "__invalid__" in row:
        out.add(file, row_no, "-", "p_bad_value", detail=row["__invalid__"])
        return None
    out.cells(file, row_no, row, label)
    source, target = row.get("source", ""), row.get("target", "")
    for col, value in (("source", source), ("target", target)):
        if not value:
            out.add(file, row_no, label(col), "p_required")
        elif value not in known_ids:
            out.add(file, row_no, label(col), "p_unknown_endpoint", value=value)
    if source and source == target:
        out.add(file, row_no, label("target"), "p_self_link", value=source)
    type_text = row.get("type", "")
    link_type = resolve_link_type(type_text) if type_text else LinkType.KOORDINASI
    if link_type is None:
        out.add(
            file,
            row_no,
            label("type"),
            "p_unknown_link_type",
            value=type_text,
            options=", ".join(t.value for t in LinkType),
        )
    date_text = row.get("date", "")
    # Read as the other tables read dates: a secretary types ``16 Mei 2023`` as often as 16/05/2023.
    day = parse_date(date_text) if date_text else None
    damage = date_damage(date_text) if date_text and day is None else None
    if damage is not None:
        out.add(file, row_no, label("date"), damage[0], **damage[1])
    elif date_text and day is None:
        out.add(file, row_no, label("date"), "p_bad_date", value=date_text)
    elif day is not None and day > (today or dt.date.today()):
        out.add(file, row_no, label("date"), "p_future_date", value=date_text)
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


@dataclass(frozen=True, slots=True)
class Validated(Generic[R]):
    """One record validated by itself (a TUI form) with the checks of one file row."""

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
