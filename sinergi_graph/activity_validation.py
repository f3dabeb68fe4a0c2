"""Activities, attendance, printed daftar hadir sheets and agreements into records.

Called by :func:`sinergi_graph.validation.validate_tables` once the actors of
every table are known, with the same collector, so these tables share the
all-or-nothing import and its ``file[sheet]:row:column: message`` problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sinergi_graph.activities import Activity, Agreement, activity_type
from sinergi_graph.actor_refs import Candidate
from sinergi_graph.areas import AreaIndex, normalize_code
from sinergi_graph.attendees import AttendeeResolver, Found
from sinergi_graph.cell_checks import date_damage
from sinergi_graph.daftar_hadir import read_title_block
from sinergi_graph.dates import parse_date
from sinergi_graph.models import Actor
from sinergi_graph.sources.tables import RawTable
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.text import fold, fold_words

__all__ = ["Out", "RecordPlan", "split_refs", "validate_records"]


class Out(Protocol):
    """Where problems and warnings go (the import's collector)."""

    problems: list[Any]

    def add(self, file: str, row: int, column: str, code: str, **params: object) -> None: ...

    def warn(self, file: str, row: int, column: str, code: str, **params: object) -> None: ...

    def cells(
        self, file: str, row_no: int, row: Mapping[str, str], label: Callable[[str], str]
    ) -> None: ...


@dataclass
class RecordPlan:
    """Activities and agreements to write, and actors created for attendance rows."""

    activities: list[Activity] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    created: list[Actor] = field(default_factory=list)


def split_refs(text: str) -> list[str]:
    """The actor references of one cell: ``;`` or line separated (names hold commas).

    >>> split_refs("kpu; Kemendagri\\nBawaslu RI;")
    ['kpu', 'Kemendagri', 'Bawaslu RI']
    """
    return [p.strip() for p in text.replace("\n", ";").split(";") if p.strip()]


def _day(
    out: Out, file: str, row_no: int, column: str, text: str, today: dt.date, *, future: bool
) -> tuple[dt.date | None, bool]:
    """``(date, ok)`` of a date cell; an empty cell is ``(None, True)``."""
    if not text:
        return None, True
    day = parse_date(text)
    if day is None:
        damage = date_damage(text)
        if damage is not None:
            out.add(file, row_no, column, damage[0], **damage[1])
        else:
            out.add(file, row_no, column, "p_bad_date", value=text)
        return None, False
    if not future and day > today:
        out.add(file, row_no, column, "p_future_date", value=text)
        return None, False
    return day, True


def _unresolved(
    out: Out, file: str, row_no: int, column: str, value: str, found: Sequence[Candidate]
) -> None:
    listed = ", ".join(c.describe() for c in found)
    if listed:
        out.add(file, row_no, column, "act.p_attendee_candidates", value=value, candidates=listed)
    else:
        out.add(file, row_no, column, "act.p_attendee_unknown", value=value)


class _Attendance:
    """The attendees gathered per activity, each once, with where they were given."""

    def __init__(self) -> None:
        self.by_activity: dict[str, dict[str, str]] = {}

    def add(self, out: Out, activity: str, actor: str, where: tuple[str, int, str]) -> None:
        seen = self.by_activity.setdefault(activity, {})
        file, row_no, column = where
        if actor in seen:
            out.add(file, row_no, column, "act.p_attendee_twice", actor=actor, first=seen[actor])
            return
        seen[actor] = f"{file}:{row_no}"


def validate_records(
    tables: Sequence[RawTable],
    *,
    resolver: AttendeeResolver,
    store: GraphStore,
    areas: AreaIndex,
    out: Out,
    create_missing: bool = False,
    today: dt.date | None = None,
) -> RecordPlan:
    """Validate the activities, attendance, daftar hadir and agreements tables."""
    today = today or dt.date.today()
    plan = RecordPlan()
    agreements = _agreements([tb for tb in tables if tb.role == "agreements"], resolver, out, today)
    agreement_ids = _agreement_index(agreements.values(), store, _agreement_refs(tables))
    activities, where = _activities(
        [tb for tb in tables if tb.role == "activities"], resolver, agreement_ids, areas, out, today
    )
    attendance = _Attendance()
    for activity_id, attendees in list(activities.items()):
        for actor, place in attendees[1]:
            attendance.add(out, activity_id, actor, place)
    wanted = {
        row.get("activity", "") for tb in tables if tb.role == "attendance" for _, row in tb.rows
    } - set(activities)
    stored = {a.id: a for a in store.activities(wanted - {""})}
    for tb in (tb for tb in tables if tb.role == "attendance"):
        _attendance_table(tb, activities, stored, where, resolver, attendance, out, create_missing)
    for tb in (tb for tb in tables if tb.role == "daftar_hadir"):
        sheet = _daftar_hadir(
            tb, resolver, areas, agreement_ids, attendance, out, create_missing, today
        )
        if sheet is not None:
            activities[sheet.id] = (sheet, [])
    for activity_id, (activity, _) in activities.items():
        merged = list(attendance.by_activity.get(activity_id, {}))
        plan.activities.append(activity.model_copy(update={"attendees": tuple(merged)}))
    for activity_id, base in stored.items():
        extra = [a for a in attendance.by_activity.get(activity_id, {}) if a not in base.attendees]
        if extra:
            plan.activities.append(base.model_copy(update={"attendees": (*base.attendees, *extra)}))
    plan.agreements = list(agreements.values())
    if create_missing:
        plan.created = list(resolver.created.values())
    return plan


def _agreement_refs(tables: Iterable[RawTable]) -> set[str]:
    refs = {
        row.get("agreement", "")
        for tb in tables
        if tb.role == "activities"
        for _, row in tb.rows
        if row.get("agreement")
    }
    for tb in tables:
        if tb.role == "daftar_hadir":
            ref = read_title_block(tb.preamble).fields.get("agreement")
            if ref:
                refs.add(ref)
    return refs


def _agreement_index(
    agreements: Iterable[Agreement], store: GraphStore, refs: set[str]
) -> dict[str, str]:
    """Agreement ids by the ways an activity names one: its id, number or title.

    An office's daftar hadir or kegiatan list names a kerja sama by its number
    (``01/NK/PPK-TRT/I/2023``) or its title, not by an id it never wrote.
    Numbers and titles are compared folded; the store's agreements are read
    in full only when a reference is not an id.
    """
    given = list(agreements)
    known = {g.id for g in given}
    stored = store.agreements(refs - known)
    known |= {g.id for g in stored}
    if refs - known:
        stored = store.agreements()
    index: dict[str, str] = {}
    for g in [*stored, *given]:
        for key in (g.title, g.number):
            if key:
                index.setdefault(fold(key), g.id)
    for g in [*stored, *given]:
        # Ids win over numbers and titles: an id is what an export writes back.
        index[g.id] = g.id
    return index


def _agreement_of(index: Mapping[str, str], ref: str) -> str | None:
    return index.get(ref) or index.get(fold(ref))


def _derived_agreement_id(number: str, signed: dt.date | None, title: str) -> str:
    """A readable agreement id from its number (else signing date and title), stable.

    >>> _derived_agreement_id("01/NK/PPK-TRT/I/2023", None, "Dukungan sekretariat")
    'KS-01-nk-ppk-trt-i-2023'
    >>> _derived_agreement_id("", dt.date(2023, 2, 10), "Pemeriksaan kesehatan")
    'KS-20230210-pemeriksaan-kesehatan'
    """
    text = number or (f"{signed:%Y%m%d} {title}" if signed else title)
    slug = "-".join(fold_words(text.replace("/", " ")).split())[:60] or "kerja-sama"
    return f"KS-{slug}"


def _agreements(
    tables: Sequence[RawTable], resolver: AttendeeResolver, out: Out, today: dt.date
) -> dict[str, Agreement]:
    found: dict[str, Agreement] = {}
    first: dict[str, int] = {}
    for tb in tables:
        for row_no, row in tb.rows:
            before = len(out.problems)
            bad = False
            out.cells(tb.file, row_no, row, tb.label)
            for col in ("id", "title", "parties"):
                # Without an id column the id is derived below; an empty id cell is a problem.
                if (col in row or col != "id") and not row.get(col):
                    out.add(tb.file, row_no, tb.label(col), "p_required")
                    bad = True
            parties: list[str] = []
            for ref in split_refs(row.get("parties", "")):
                res = resolver.by_reference(ref, None)
                if res.id is None:
                    out.add(
                        tb.file,
                        row_no,
                        tb.label("parties"),
                        "act.p_unknown_party",
                        value=ref,
                        candidates=", ".join(c.describe() for c in res.candidates) or "-",
                    )
                    bad = True
                elif res.id not in parties:
                    parties.append(res.id)
            signed, ok1 = _day(
                out, tb.file, row_no, tb.label("signed"), row.get("signed", ""), today, future=True
            )
            expires, ok2 = _day(
                out,
                tb.file,
                row_no,
                tb.label("expires"),
                row.get("expires", ""),
                today,
                future=True,
            )
            if signed and expires and expires < signed:
                out.add(
                    tb.file,
                    row_no,
                    tb.label("expires"),
                    "act.p_expiry_before_signing",
                    expires=expires.isoformat(),
                    signed=signed.isoformat(),
                )
                bad = True
            agreement_id = row.get("id", "")
            if "id" not in row:
                agreement_id = _derived_agreement_id(
                    row.get("number", ""), signed, row.get("title", "")
                )
            if agreement_id in first:
                out.add(
                    tb.file,
                    row_no,
                    tb.label("id"),
                    "act.p_duplicate_record",
                    value=agreement_id,
                    first_row=first[agreement_id],
                )
                bad = True
            if bad or not (ok1 and ok2) or len(out.problems) > before:
                continue
            first[agreement_id] = row_no
            found[agreement_id] = Agreement(
                id=agreement_id,
                title=row["title"],
                number=row.get("number") or None,
                parties=tuple(parties),
                signed=signed,
                expires=expires,
                note=row.get("note") or None,
            )
    return found


_Placed = list[tuple[str, tuple[str, int, str]]]


def _area(out: Out, file: str, row_no: int, column: str, text: str, areas: AreaIndex) -> str | None:
    if not text:
        return None
    code = normalize_code(text)
    if code is None or code not in areas:
        out.add(file, row_no, column, "p_unknown_area", value=text)
        return None
    return code


def _activities(
    tables: Sequence[RawTable],
    resolver: AttendeeResolver,
    agreement_ids: Mapping[str, str],
    areas: AreaIndex,
    out: Out,
    today: dt.date,
) -> tuple[dict[str, tuple[Activity, _Placed]], dict[str, tuple[str, int]]]:
    found: dict[str, tuple[Activity, _Placed]] = {}
    where: dict[str, tuple[str, int]] = {}
    for tb in tables:
        for row_no, row in tb.rows:
            before = len(out.problems)
            file, label = tb.file, tb.label

            out.cells(tb.file, row_no, row, tb.label)
            activity_id = row.get("id", "")
            for col in ("id", "date"):
                if not row.get(col):
                    out.add(file, row_no, label(col), "p_required")
            day, _ = _day(
                out, tb.file, row_no, tb.label("date"), row.get("date", ""), today, future=False
            )
            type_text = row.get("type", "")
            kind = activity_type(type_text) if type_text else "RAPAT"
            if kind is None:
                out.add(file, row_no, label("type"), "act.p_unknown_activity_type", value=type_text)
            area_text = row.get("area", "")
            area = _area(out, tb.file, row_no, tb.label("area"), area_text, areas)
            agreement_text = row.get("agreement") or None
            agreement = _agreement_of(agreement_ids, agreement_text) if agreement_text else None
            if agreement_text is not None and agreement is None:
                out.add(
                    file,
                    row_no,
                    label("agreement"),
                    "act.p_unknown_agreement",
                    value=agreement_text,
                )
            if activity_id in where:
                first = where[activity_id][1]
                out.add(
                    file,
                    row_no,
                    label("id"),
                    "act.p_duplicate_record",
                    value=activity_id,
                    first_row=first,
                )
            placed: _Placed = []
            for ref in split_refs(row.get("attendees", "")):
                res = resolver.by_reference(ref, area)
                if res.id is None:
                    _unresolved(out, tb.file, row_no, tb.label("attendees"), ref, res.candidates)
                else:
                    placed.append((res.id, (tb.file, row_no, tb.label("attendees"))))
            if len(out.problems) > before or day is None or kind is None:
                continue
            where[activity_id] = (tb.file, row_no)
            activity = Activity(
                id=activity_id,
                date=day,
                type=kind,
                topic=row.get("topic") or None,
                place=row.get("place") or None,
                area=area,
                agreement=agreement,
                note=row.get("note") or None,
            )
            found[activity_id] = (activity, placed)
    return found, where


def _resolve_row(
    resolver: AttendeeResolver, row: Mapping[str, str], area: str | None
) -> tuple[Found, str]:
    """The attendee of a row, and the column to name when it does not resolve."""
    if row.get("actor"):
        return resolver.by_reference(row["actor"], area), "actor"
    return (
        resolver.by_position(
            row.get("name", ""), row.get("role", ""), row.get("organisation", ""), area
        ),
        "name",
    )


def _described(row: Mapping[str, str]) -> str:
    parts = [row.get(c, "") for c in ("actor", "name", "role", "organisation")]
    return " / ".join(p for p in parts if p)


def _attendance_table(
    tb: RawTable,
    activities: Mapping[str, tuple[Activity, _Placed]],
    stored: Mapping[str, Activity],
    where: Mapping[str, tuple[str, int]],
    resolver: AttendeeResolver,
    attendance: _Attendance,
    out: Out,
    create_missing: bool,
) -> None:
    for row_no, row in tb.rows:
        out.cells(tb.file, row_no, row, tb.label)
        activity_id = row.get("activity", "")
        if not activity_id:
            out.add(tb.file, row_no, tb.label("activity"), "p_required")
            continue
        activity = activities[activity_id][0] if activity_id in activities else None
        activity = activity or stored.get(activity_id)
        if activity is None:
            out.add(
                tb.file, row_no, tb.label("activity"), "act.p_unknown_activity", value=activity_id
            )
            continue
        if not (row.get("actor") or row.get("name")):
            out.add(tb.file, row_no, tb.label("actor"), "p_required")
            continue
        found, column = _resolve_row(resolver, row, activity.area)
        actor_id = _accept(found, create_missing, resolver)
        if actor_id is None:
            _report(out, tb, row_no, column, row, found)
            continue
        attendance.add(out, activity_id, actor_id, (tb.file, row_no, tb.label(column)))


def _accept(found: Found, create_missing: bool, resolver: AttendeeResolver) -> str | None:
    """The attendee id, creating the proposed actors when asked to."""
    if found.id is not None:
        return found.id
    if create_missing and found.create:
        for actor in found.create:
            resolver.created.setdefault(actor.id, actor)
        return found.create[-1].id
    return None


def _report(
    out: Out, tb: RawTable, row_no: int, column: str, row: Mapping[str, str], found: Found
) -> None:
    value = _described(row)
    if found.create and not found.candidates:
        out.add(
            tb.file,
            row_no,
            tb.label(column),
            "act.p_attendee_creatable",
            value=value,
            create=", ".join(f"{a.kind} {a.name} ({a.area or '-'})" for a in found.create),
        )
    else:
        _unresolved(out, tb.file, row_no, tb.label(column), value, found.candidates)


def _daftar_hadir(
    tb: RawTable,
    resolver: AttendeeResolver,
    areas: AreaIndex,
    agreement_ids: Mapping[str, str],
    attendance: _Attendance,
    out: Out,
    create_missing: bool,
    today: dt.date,
) -> Activity | None:
    """One printed daftar hadir: the title block is the activity, the rows its attendees."""
    block = read_title_block(tb.preamble)
    title_row = max(tb.header_row - 1, 1)
    if not block.is_daftar_hadir and "date" not in block.fields:
        out.add(tb.file, tb.header_row, "-", "act.p_daftar_hadir_no_title")
        return None
    date_text = block.fields.get("date", "")
    if not date_text:
        out.add(tb.file, title_row, "Hari/Tanggal", "act.p_daftar_hadir_no_date")
        return None
    day, ok = _day(out, tb.file, title_row, "Hari/Tanggal", date_text, today, future=False)
    if day is None or not ok:
        return None
    area = _area(out, tb.file, title_row, "Wilayah", block.fields.get("area", ""), areas)
    agreement_text = block.fields.get("agreement", "")
    agreement = _agreement_of(agreement_ids, agreement_text) if agreement_text else None
    if agreement_text and agreement is None:
        out.add(tb.file, title_row, "Kerja Sama", "act.p_unknown_agreement", value=agreement_text)
        return None
    topic = block.fields.get("topic") or next(
        (t for t in block.titles if not t.upper().startswith("DAFTAR HADIR")), None
    )
    kind = activity_type(block.fields.get("type", "")) or _type_from_titles(block.titles)
    activity_id = block.fields.get("id") or _derived_activity_id(
        day, topic or block.fields.get("place") or ""
    )
    resolved = 0
    count_before = len(out.problems)
    areas_seen: list[str] = []
    for row_no, row in tb.rows:
        out.cells(tb.file, row_no, row, tb.label)
        if not row.get("name"):
            continue
        found, column = _resolve_row(resolver, row, area)
        actor_id = _accept(found, create_missing, resolver)
        if actor_id is None:
            _report(out, tb, row_no, column, row, found)
            continue
        resolved += 1
        if found.area:
            areas_seen.append(found.area)
        attendance.add(out, activity_id, actor_id, (tb.file, row_no, tb.label(column)))
    if not resolved:
        out.add(tb.file, tb.header_row, "-", "act.p_daftar_hadir_empty")
        return None
    if len(out.problems) > count_before:
        return None
    return Activity(
        id=activity_id,
        date=day,
        type=kind,
        topic=topic,
        place=block.fields.get("place") or None,
        area=area or _common_area(areas_seen),
        agreement=agreement,
    )


def _type_from_titles(titles: Sequence[str]) -> str:
    """The activity type a title names (``SOSIALISASI PEMILU 2024``); RAPAT otherwise."""
    for title in titles:
        for word in fold_words(title).split():
            found = activity_type(word)
            if found is not None and found != "KOORDINASI":
                return found
    return "RAPAT"


def _derived_activity_id(day: dt.date, text: str) -> str:
    """A readable id from date and topic, the same on every re-import.

    >>> _derived_activity_id(dt.date(2023, 10, 5), "Rapat Koordinasi DPTb")
    'K-20231005-rapat-koordinasi-dptb'
    """
    slug = "-".join(fold_words(text).split())[:50] or "kegiatan"
    return f"K-{day:%Y%m%d}-{slug}"


def _common_area(codes: Sequence[str]) -> str | None:
    """The deepest area holding every one of ``codes``.

    >>> _common_area(["34.03.07.2004", "34.03.07"]), _common_area(["34.03", "33.23"])
    ('34.03.07', None)
    """
    if not codes:
        return None
    parts = [c.split(".") for c in codes]
    common: list[str] = []
    for level in zip(*parts, strict=False):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    return ".".join(common) or None
