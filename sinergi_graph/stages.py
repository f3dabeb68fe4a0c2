"""The election calendar (tahapan) as data: stages with sourced dates.

Coordination duties follow the tahapan: right after their pelantikan PPK and
PPS sowan to their stakeholders, the PPS meets its lurah about the DPTb in the
voter-list stage, and so on. The bundled calendars live in
``data/calendars/*.toml``; a user file (``SINERGI_CALENDARS`` or
``calendars_file``) adds calendars or replaces one with the same id.

Examples
--------
>>> import datetime as dt
>>> cal = bundled_calendars()["pemilu-2024"]
>>> cal.stage("masa-kerja-pps").start
datetime.date(2023, 1, 17)
>>> [s.id for s in cal.current(dt.date(2024, 2, 14))]
['masa-kerja-ppk', 'masa-kerja-sekretariat-ppk', 'masa-kerja-pps', 'masa-kerja-sekretariat-pps', \
'masa-kerja-kpps', 'pemungutan-suara', 'penghitungan-suara']
>>> cal.next_stage(dt.date(2024, 2, 14)).id
'rekapitulasi'
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sinergi_graph.errors import SinergiError

__all__ = [
    "DEFAULT_CALENDAR",
    "Calendar",
    "Stage",
    "bundled_calendars",
    "load_calendars",
    "parse_calendar",
]

#: The calendar used when none is named: the last general election.
DEFAULT_CALENDAR = "pemilu-2024"

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Stage(BaseModel):
    """One stage (tahapan) with inclusive start and end dates and where they come from."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name_id: str
    name_en: str
    start: dt.date
    end: dt.date
    source: str = Field(min_length=1)
    #: A body's term of office (masa kerja), which spans many stages.
    term: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> Stage:
        if self.end < self.start:
            raise ValueError(f"stage {self.id}: end {self.end} before start {self.start}")
        return self

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_id

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Calendar(BaseModel):
    """An election's stages, ordered by start date."""

    model_config = _FROZEN

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    name_id: str
    name_en: str
    source: str = ""
    stage_list: tuple[Stage, ...] = Field(alias="stage", min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Calendar:
        ids = [s.id for s in self.stage_list]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"stage id given twice: {', '.join(dupes)}")
        return self

    def name(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_id

    @property
    def stages(self) -> tuple[Stage, ...]:
        """Stages by start date (then end date), whatever order the file has."""
        return tuple(sorted(self.stage_list, key=lambda s: (s.start, s.end, s.id)))

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id; an unknown id is an error listing the known ones."""
        for s in self.stage_list:
            if s.id == stage_id:
                return s
        raise SinergiError(
            "unknown_stage",
            stage=stage_id,
            calendar=self.id,
            known=", ".join(s.id for s in self.stages),
        )

    def current(self, day: dt.date) -> list[Stage]:
        """Every stage running on ``day`` (stages overlap: a masa kerja spans many)."""
        return [s for s in self.stages if s.contains(day)]

    def current_stage(self, day: dt.date) -> Stage | None:
        """The most specific running stage: the shortest one containing ``day``, terms last.

        A term of office (``term = true``) is only "the" stage when nothing else runs.
        """
        running = self.current(day)
        if not running:
            return None
        return min(running, key=lambda s: (s.term, s.end - s.start, s.start))

    def next_stage(self, day: dt.date) -> Stage | None:
        """The first stage that starts after ``day``."""
        later = [s for s in self.stages if s.start > day]
        return later[0] if later else None


def parse_calendar(text: str, *, source: str) -> Calendar:
    """Parse one calendar TOML document; any problem names the file."""
    try:
        return Calendar.model_validate(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise SinergiError("calendar_file_invalid", path=source, detail=str(exc)) from exc
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        detail = f"{where}: {err['msg']}" if where else err["msg"]
        raise SinergiError("calendar_file_invalid", path=source, detail=detail) from exc


def bundled_calendars() -> dict[str, Calendar]:
    """The calendars shipped in ``data/calendars``, by id."""
    folder = resources.files("sinergi_graph").joinpath("data/calendars")
    found: dict[str, Calendar] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            cal = parse_calendar(entry.read_text("utf-8"), source=entry.name)
            found[cal.id] = cal
    return found


def load_calendars(user_file: Path | None = None) -> dict[str, Calendar]:
    """Bundled calendars, with the user's calendar file merged over them by id."""
    calendars = bundled_calendars()
    if user_file is not None:
        try:
            text = user_file.read_text("utf-8")
        except OSError as exc:
            raise SinergiError(
                "file_unreadable", path=str(user_file), detail=exc.strerror or str(exc)
            ) from exc
        cal = parse_calendar(text, source=str(user_file))
        calendars[cal.id] = cal
    return calendars
