"""The election calendar: bundled data, user calendars, and ``sinergi stages``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import networkx as nx
import pytest
from clirun import run_cli

from sinergi_graph.errors import SinergiError
from sinergi_graph.gaps import find_gaps, freshness
from sinergi_graph.rules import Rule, parse_rules
from sinergi_graph.stages import bundled_calendars, load_calendars, parse_calendar

# The published dates the issue asks for (PKPU 3/2022 and KPU's badan ad hoc schedule).
SOURCED = {
    "pemutakhiran-data-pemilih": ("2022-10-14", "2023-06-21"),
    "pembentukan-ppk": ("2022-11-20", "2022-12-16"),
    "masa-kerja-ppk": ("2023-01-04", "2024-04-04"),
    "pembentukan-pps": ("2022-12-18", "2023-01-16"),
    "masa-kerja-pps": ("2023-01-17", "2024-04-04"),
    "pembentukan-pantarlih": ("2023-01-22", "2023-02-01"),
    "masa-kerja-pantarlih": ("2023-02-03", "2023-03-12"),
    "pembentukan-kpps": ("2024-01-05", "2024-01-23"),
    "masa-kerja-kpps": ("2024-01-25", "2024-02-23"),
    "kampanye": ("2023-11-28", "2024-02-10"),
    "masa-tenang": ("2024-02-11", "2024-02-13"),
    "pemungutan-suara": ("2024-02-14", "2024-02-14"),
    "penghitungan-suara": ("2024-02-14", "2024-02-15"),
    "rekapitulasi": ("2024-02-15", "2024-03-20"),
}


def test_bundled_pemilu_2024_has_the_sourced_dates() -> None:
    cal = bundled_calendars()["pemilu-2024"]
    for stage_id, (start, end) in SOURCED.items():
        stage = cal.stage(stage_id)
        assert (stage.start.isoformat(), stage.end.isoformat()) == (start, end), stage_id
        assert stage.source.strip()
    assert [s.start for s in cal.stages] == sorted(s.start for s in cal.stages)


def test_pilkada_voting_day() -> None:
    cal = bundled_calendars()["pilkada-2024"]
    assert cal.stage("pemungutan-suara").start == dt.date(2024, 11, 27)
    assert cal.current_stage(dt.date(2024, 11, 20)).id == "kampanye"


def test_current_stage_prefers_a_stage_over_a_term_of_office() -> None:
    cal = bundled_calendars()["pemilu-2024"]
    assert cal.current_stage(dt.date(2024, 2, 12)).id == "masa-tenang"
    # Nothing but terms of office run in October 2023: the shortest term is named.
    assert cal.current_stage(dt.date(2023, 10, 5)).term
    assert cal.current_stage(dt.date(2021, 1, 1)) is None


def test_unknown_stage_names_the_known_ones() -> None:
    cal = bundled_calendars()["pemilu-2024"]
    with pytest.raises(SinergiError) as info:
        cal.stage("kampanye-akbar")
    assert "masa-tenang" in info.value.render("en")


def test_user_calendar_replaces_by_id_and_bad_files_name_the_problem(tmp_path: Path) -> None:
    own = tmp_path / "cal.toml"
    own.write_text(
        'id = "pemilu-2024"\nname_id = "Uji"\nname_en = "Test"\n'
        '[[stage]]\nid = "rakor"\nname_id = "Rakor"\nname_en = "Meeting"\n'
        'start = 2024-01-01\nend = 2024-01-02\nsource = "notulen"\n',
        "utf-8",
    )
    assert [s.id for s in load_calendars(own)["pemilu-2024"].stages] == ["rakor"]
    with pytest.raises(SinergiError) as info:
        parse_calendar(
            'id = "x"\nname_id = "x"\nname_en = "x"\n[[stage]]\nid = "a"\nname_id = "a"\n'
            'name_en = "a"\nstart = 2024-02-02\nend = 2024-01-01\nsource = "s"\n',
            source="bad.toml",
        )
    assert "bad.toml" in info.value.render("en") and "before start" in info.value.render("en")


def test_stages_json_as_design_says() -> None:
    out = run_cli("stages", "--format", "json", "--as-of", "2024-02-12")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["calendar"] == "pemilu-2024"
    assert doc["current"] == "masa-tenang"
    first = doc["stages"][0]
    assert set(first) == {"id", "name", "start", "end", "source"}
    by_id = {s["id"]: s for s in doc["stages"]}
    assert (by_id["masa-kerja-pps"]["start"], by_id["masa-kerja-pps"]["end"]) == SOURCED[
        "masa-kerja-pps"
    ]
    assert by_id["masa-tenang"]["name"] == "Masa tenang"


def test_stages_table_speaks_indonesian_and_english() -> None:
    out = run_cli("stages", "--as-of", "2024-02-12")
    assert out.returncode == 0, out.stderr
    assert "Per 12 Februari 2024: tahapan Masa tenang" in out.stdout
    assert "Pemungutan suara" in out.stdout and "2 hari lagi" in out.stdout
    en = run_cli("--lang", "en", "stages", "--as-of", "2024-02-12")
    assert "As of 12 February 2024: stage Cooling-off period" in en.stdout
    # The date as Indonesians write it is read as the same day.
    spelt = run_cli("stages", "--as-of", "Senin, 12 Februari 2024")
    assert spelt.returncode == 0 and spelt.stdout == out.stdout
    wrong = run_cli("stages", "--as-of", "12 Februari")
    assert wrong.returncode != 0 and "5 Oktober 2023" in wrong.stderr


def test_unknown_calendar_is_one_line_and_non_zero() -> None:
    out = run_cli("stages", "--calendar", "pemilu-1999")
    assert out.returncode == 1
    assert "pemilu-1999" in out.stderr and "pemilu-2024" in out.stderr
    assert "Traceback" not in out.stderr


# --------------------------------------------------------------------------- rules that follow it


def _rule(**extra: object) -> Rule:
    return Rule(
        id="x",
        title_id="x",
        title_en="x",
        subject="PPS",
        counterparts=("LURAH",),
        scope="village",
        **extra,
    ).resolved(bundled_calendars())


def test_a_window_applies_only_while_its_stage_runs() -> None:
    rule = _rule(max_age_days=120, window_stage="masa-kerja-pps")
    assert [w.missed for w in freshness(rule, dt.date(2023, 10, 5))] == ["window"]
    assert freshness(rule, dt.date(2023, 10, 5))[0].since == "2023-06-07"
    assert freshness(rule, dt.date(2022, 12, 1)) == ()  # before the PPS exist
    assert freshness(rule, dt.date(2024, 6, 1)) == ()  # after their masa kerja


def test_a_deadline_is_checked_from_the_day_after_it_to_the_end_of_its_stage() -> None:
    rule = _rule(deadline_stage="masa-kerja-pps", deadline_days=30)
    assert (rule.due_from, rule.due_by) == (dt.date(2023, 1, 17), dt.date(2023, 2, 16))
    assert freshness(rule, dt.date(2023, 2, 16)) == ()
    (window,) = freshness(rule, dt.date(2023, 2, 17))
    assert (window.since, window.until, window.missed) == ("2023-01-17", "2023-02-16", "deadline")
    assert freshness(rule, dt.date(2024, 4, 5)) == ()


def _graph(*dates: str) -> nx.Graph:
    G = nx.Graph()
    G.add_node("pps", kind="PPS", name="PPS Tepus", area="34.03.07.2004")
    G.add_node("lurah", kind="LURAH", name="Lurah Tepus", area="34.03.07.2004")
    if dates:
        G.add_edge("pps", "lurah", last_date=max(dates), dates=list(dates))
    return G


def test_a_late_sowan_misses_the_deadline_though_the_contact_is_recent() -> None:
    rule = _rule(
        max_age_days=120,
        window_stage="masa-kerja-pps",
        deadline_stage="masa-kerja-pps",
        deadline_days=30,
    )
    day = dt.date(2023, 10, 5)
    (late,) = find_gaps(_graph("2023-03-20", "2023-10-05"), [rule], as_of=day)
    assert (late.reason.value, late.missed, late.last_contact) == (
        "stale",
        "deadline",
        "2023-10-05",
    )
    (quiet,) = find_gaps(_graph("2023-02-01"), [rule], as_of=day)
    assert (quiet.reason.value, quiet.missed) == ("stale", "window")
    assert find_gaps(_graph("2023-02-01", "2023-09-01"), [rule], as_of=day) == []
    assert find_gaps(_graph(), [rule], as_of=day)[0].reason.value == "no_contact"


@pytest.mark.trust("careless_use")
def test_rules_naming_an_unknown_stage_or_half_a_deadline_are_refused() -> None:
    head = 'id = "x"\ntitle_id = "x"\ntitle_en = "x"\nsubject = "PPS"\ncounterparts = ["LURAH"]\nscope = "village"\n'
    with pytest.raises(SinergiError) as info:
        parse_rules(
            "[[rule]]\n" + head + 'max_age_days = 9\nwindow_stage = "masa-kerja-kpu"\n',
            source="r.toml",
        )
    assert "masa-kerja-kpu" in info.value.render("en") and "r.toml" in info.value.render("en")
    with pytest.raises(SinergiError) as info:
        parse_rules("[[rule]]\n" + head + 'deadline_stage = "masa-kerja-pps"\n', source="r.toml")
    assert "deadline_days" in info.value.render("en")
    with pytest.raises(SinergiError):
        parse_rules("[[rule]]\n" + head + "max_age_days = 999999999\n", source="r.toml")


@pytest.fixture(scope="module")
def temanggung(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stages") / "t.db"
    out = run_cli("--db", str(db), "demo", "--region", "33.23")
    assert out.returncode == 0, out.stderr
    return db


def _gaps(db: Path, *args: str) -> list[dict[str, str]]:
    out = run_cli("--db", str(db), "gaps", "--format", "json", *args)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    return doc if isinstance(doc, list) else doc["gaps"]


def test_gaps_by_stage_on_the_temanggung_demo(temanggung: Path) -> None:
    y2023 = _gaps(temanggung, "--stage", "pemutakhiran-data-pemilih")
    y2024 = _gaps(temanggung, "--stage", "pembentukan-kpps")
    assert y2023 != y2024
    for rows in (y2023, y2024):
        stale = [r for r in rows if r["reason"] == "stale"]
        assert stale, "an election-year stage shows stale contacts"
        assert all(r["missed"] in {"window", "deadline"} and r["last_contact"] for r in stale)
    # --stage is the same as --as-of the stage's last day.
    assert y2024 == _gaps(temanggung, "--as-of", "2024-01-23")
    # Today (after every masa kerja) no window applies: no stale rows at all.
    assert not [r for r in _gaps(temanggung) if r["reason"] == "stale"]


def test_stage_and_as_of_together_is_one_clear_line(temanggung: Path) -> None:
    out = run_cli("--db", str(temanggung), "gaps", "--stage", "kampanye", "--as-of", "2024-01-01")
    assert out.returncode != 0 and "--stage" in out.stderr and "Traceback" not in out.stderr
