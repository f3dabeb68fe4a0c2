"""The detail inside a rules-file or report-write error speaks the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinergi_graph.errors import SinergiError
from sinergi_graph.report.write import atomic_write
from sinergi_graph.rules import parse_rules

_RULE = 'id = "x"\ntitle_id = "x"\ntitle_en = "x"\ncounterparts = ["PPK"]\nscope = "district"\n'


def _error(text: str) -> SinergiError:
    with pytest.raises(SinergiError) as info:
        parse_rules(text, source="aturan.toml")
    return info.value


def test_unknown_kind_in_both_languages() -> None:
    err = _error(f'[[rule]]\n{_RULE}subject = "NOPE"\n')
    assert err.render("en") == "Rules file aturan.toml is invalid: x: unknown kind NOPE"
    assert (
        err.render("id")
        == "Berkas aturan aturan.toml tidak valid: x: jenis aktor NOPE tidak dikenal"
    )


@pytest.mark.parametrize(
    ("extra", "en", "id_"),
    [
        (
            'deadline_stage = "masa-kerja-pps"\n',
            "x: deadline_stage needs deadline_days",
            "x: deadline_stage memerlukan deadline_days",
        ),
        (
            'window_stage = "masa-kerja-pps"\n',
            "x: window_stage needs max_age_days",
            "x: window_stage memerlukan max_age_days",
        ),
    ],
)
def test_a_stage_without_its_days_in_both_languages(extra: str, en: str, id_: str) -> None:
    err = _error(f'[[rule]]\n{_RULE}subject = "PPS"\n{extra}')
    assert err.render("en").endswith(en)
    assert err.render("id").endswith(id_)


def test_unknown_calendar_in_both_languages() -> None:
    err = _error(
        f'[[rule]]\n{_RULE}subject = "PPS"\ncalendar = "nope"\n'
        'deadline_stage = "masa-kerja-pps"\ndeadline_days = 3\n'
    )
    assert err.render("en").endswith("x: unknown calendar nope")
    assert err.render("id").endswith("x: kalender tahapan nope tidak dikenal")


def test_unknown_stage_is_rendered_in_the_readers_language() -> None:
    # The stage error comes from the calendar; it must not be frozen into English.
    err = _error(f'[[rule]]\n{_RULE}subject = "PPS"\ndeadline_stage = "nope"\ndeadline_days = 3\n')
    cause = err.__cause__
    assert isinstance(cause, SinergiError)
    assert err.render("id").endswith(cause.render("id"))
    assert cause.render("en") not in err.render("id")


def test_report_onto_a_folder_in_both_languages(tmp_path: Path) -> None:
    with pytest.raises(SinergiError) as info:
        atomic_write(tmp_path, lambda: b"", force=True)
    assert info.value.render("en") == f"Cannot write report {tmp_path}: it is a folder"
    assert info.value.render("id") == f"Laporan {tmp_path} tidak dapat ditulis: itu sebuah folder"
