"""Gap rules as data: who must be in contact with whom, within which area, and when.

The defaults live in ``data/rules.toml``; a user file can replace a default
(same id), switch one off (``enabled = false``) or add new rules.

Freshness can follow the election calendar (:mod:`sinergi_graph.stages`):
``max_age_days`` with ``window_stage`` asks for a contact in the last N days
only while that stage runs (an ad hoc body's masa kerja); ``deadline_stage``
with ``deadline_days`` asks for a first contact within N days of the stage's
start (the sowan after the pelantikan), checked from that deadline to the end
of the stage. The loader resolves the stages to dates (``window_from`` …
``due_by``), so evaluating a rule needs no calendar.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from enum import StrEnum
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sinergi_graph.errors import Msg, SinergiError
from sinergi_graph.kinds import KindCatalogue, Level, default_catalogue
from sinergi_graph.stages import DEFAULT_CALENDAR, Calendar, bundled_calendars


class Scope(StrEnum):
    """How far a subject must look for its counterpart: the area both share."""

    VILLAGE = "village"
    DISTRICT = "district"
    REGENCY = "regency"
    PROVINCE = "province"

    @property
    def level(self) -> Level:
        return _SCOPE_LEVEL[self]


_SCOPE_LEVEL = {
    Scope.VILLAGE: Level.DESA,
    Scope.DISTRICT: Level.KECAMATAN,
    Scope.REGENCY: Level.KABUPATEN,
    Scope.PROVINCE: Level.PROVINSI,
}


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def weight(self) -> int:
        return {"high": 3, "medium": 2, "low": 1}[self.value]


class Rule(BaseModel):
    """One coordination requirement."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    title_id: str
    title_en: str
    subject: str
    counterparts: tuple[str, ...] = Field(min_length=1)
    scope: Scope
    severity: Severity = Severity.MEDIUM
    # A window longer than any election cycle is a typo, not a rule.
    max_age_days: int | None = Field(default=None, gt=0, le=3650)
    window_stage: str | None = None
    deadline_stage: str | None = None
    deadline_days: int | None = Field(default=None, ge=0, le=3650)
    calendar: str | None = None
    # Resolved from the stages by the loader (or written as dates by the user).
    window_from: dt.date | None = None
    window_to: dt.date | None = None
    due_from: dt.date | None = None
    due_by: dt.date | None = None
    due_checked_until: dt.date | None = None
    source: str | None = None
    enabled: bool = True

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_id

    def resolved(self, calendars: dict[str, Calendar]) -> Rule:
        """This rule with its stage references turned into dates (unknown ones are an error).

        Examples
        --------
        >>> r = Rule(id="x", title_id="x", title_en="x", subject="PPS", counterparts=("LURAH",),
        ...          scope="village", deadline_stage="masa-kerja-pps", deadline_days=30)
        >>> r.resolved(bundled_calendars()).due_by
        datetime.date(2023, 2, 16)
        """
        if self.window_stage is None and self.deadline_stage is None:
            return self
        name = self.calendar or DEFAULT_CALENDAR
        cal = calendars.get(name)
        if cal is None:
            raise SinergiError(
                "rules_file_invalid",
                path="rules",
                detail=Msg("rules_unknown_calendar", rule=self.id, name=name),
            )
        update: dict[str, dt.date] = {}
        if self.window_stage is not None:
            stage = cal.stage(self.window_stage)
            update |= {"window_from": stage.start, "window_to": stage.end}
        if self.deadline_stage is not None:
            stage = cal.stage(self.deadline_stage)
            by = stage.start + dt.timedelta(days=self.deadline_days or 0)
            update |= {"due_from": stage.start, "due_by": by, "due_checked_until": stage.end}
        return self.model_copy(update=update)


class _RulesFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: tuple[Rule, ...] = ()


def parse_rules(
    text: str,
    *,
    source: str,
    catalogue: KindCatalogue | None = None,
    calendars: dict[str, Calendar] | None = None,
) -> list[Rule]:
    """Parse a rules TOML document, checking every kind against the catalogue.

    Stage references are resolved against ``calendars`` (default: the bundled ones).
    """
    cat = catalogue or default_catalogue()
    try:
        rules = list(_RulesFile.model_validate(tomllib.loads(text)).rule)
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise SinergiError("rules_file_invalid", path=source, detail=_first_line(exc)) from exc
    for rule in rules:
        for kind in (rule.subject, *rule.counterparts):
            if kind not in cat:
                raise SinergiError(
                    "rules_file_invalid",
                    path=source,
                    detail=Msg("rules_unknown_kind", rule=rule.id, kind=kind),
                )
        # A stage names when to count from; the rule must also say how many days.
        for stage_field, days_field in (
            ("deadline_stage", "deadline_days"),
            ("window_stage", "max_age_days"),
        ):
            if getattr(rule, stage_field) is not None and getattr(rule, days_field) is None:
                raise SinergiError(
                    "rules_file_invalid",
                    path=source,
                    detail=Msg(
                        "rules_stage_needs_days",
                        rule=rule.id,
                        stage_field=stage_field,
                        days_field=days_field,
                    ),
                )
    known = calendars if calendars is not None else bundled_calendars()
    try:
        return [r.resolved(known) for r in rules]
    except SinergiError as exc:
        if exc.code == "rules_file_invalid":
            raise
        raise SinergiError(
            "rules_file_invalid", path=source, detail=Msg(exc.code, **exc.params)
        ) from exc


def _first_line(exc: Exception) -> str:
    text = str(exc)
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
    return text.splitlines()[0] if text else type(exc).__name__


def default_rules(calendars: dict[str, Calendar] | None = None) -> list[Rule]:
    text = resources.files("sinergi_graph").joinpath("data/rules.toml").read_text("utf-8")
    return parse_rules(text, source="rules.toml", calendars=calendars)


def load_rules(
    user_file: Path | None = None,
    catalogue: KindCatalogue | None = None,
    calendars: dict[str, Calendar] | None = None,
) -> list[Rule]:
    """The enabled rules: defaults, with the user's file merged over them by id."""
    merged = {r.id: r for r in default_rules(calendars)}
    if user_file is not None:
        try:
            text = user_file.read_text("utf-8")
        except OSError as exc:
            raise SinergiError("file_unreadable", path=str(user_file), detail=exc.strerror) from exc
        for rule in parse_rules(
            text, source=str(user_file), catalogue=catalogue, calendars=calendars
        ):
            merged[rule.id] = rule
    return [r for r in merged.values() if r.enabled]


def select_rules(rules: list[Rule], ids: list[str] | None) -> list[Rule]:
    """The rules named in ``ids`` (all when empty); unknown ids are an error."""
    if not ids:
        return rules
    by_id = {r.id: r for r in rules}
    unknown = [i for i in ids if i not in by_id]
    if unknown:
        raise SinergiError("unknown_rule", rule=unknown[0], known=", ".join(by_id))
    return [by_id[i] for i in ids]
