"""Gap rules as data: who must be in contact with whom, within which area.

The defaults live in ``data/rules.toml``; a user file can replace a default
(same id), switch one off (``enabled = false``) or add new rules.
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sinergi_graph.errors import SinergiError
from sinergi_graph.kinds import KindCatalogue, Level, default_catalogue


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
    max_age_days: int | None = Field(default=None, gt=0)
    source: str | None = None
    enabled: bool = True

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_id


class _RulesFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: tuple[Rule, ...] = ()


def parse_rules(text: str, *, source: str, catalogue: KindCatalogue | None = None) -> list[Rule]:
    """Parse a rules TOML document, checking every kind against the catalogue."""
    cat = catalogue or default_catalogue()
    try:
        rules = list(_RulesFile.model_validate(tomllib.loads(text)).rule)
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise SinergiError("rules_file_invalid", path=source, detail=_first_line(exc)) from exc
    for rule in rules:
        for kind in (rule.subject, *rule.counterparts):
            if kind not in cat:
                raise SinergiError(
                    "rules_file_invalid", path=source, detail=f"{rule.id}: unknown kind {kind}"
                )
    return rules


def _first_line(exc: Exception) -> str:
    text = str(exc)
    if isinstance(exc, ValidationError):
        err = exc.errors()[0]
        return f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}"
    return text.splitlines()[0] if text else type(exc).__name__


def default_rules() -> list[Rule]:
    text = resources.files("sinergi_graph").joinpath("data/rules.toml").read_text("utf-8")
    return parse_rules(text, source="rules.toml")


def load_rules(user_file: Path | None = None, catalogue: KindCatalogue | None = None) -> list[Rule]:
    """The enabled rules: defaults, with the user's file merged over them by id."""
    merged = {r.id: r for r in default_rules()}
    if user_file is not None:
        try:
            text = user_file.read_text("utf-8")
        except OSError as exc:
            raise SinergiError("file_unreadable", path=str(user_file), detail=exc.strerror) from exc
        for rule in parse_rules(text, source=str(user_file), catalogue=catalogue):
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
