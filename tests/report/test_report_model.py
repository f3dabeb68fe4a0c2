"""The report's numbers are the gap list's numbers, put in words a ketua reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sinergi_graph.report.model import Report

KECAMATAN, REGENCY = "33.23.01", "33.23"


def test_the_kecamatan_summary_equals_sinergi_gaps_grouped_by_kecamatan(
    regency_report: Report, regency_gaps: list[dict[str, str]]
) -> None:
    by_group: dict[str, Counter[str]] = {}
    for row in regency_gaps:
        key = row["area"][:8] if len(row["area"]) >= 8 else row["area"]
        by_group.setdefault(key, Counter())[row["severity"]] += 1
        by_group[key][row["rule"]] += 1
    rows = {r.code: r for r in regency_report.summary}
    # All 20 kecamatan of Temanggung are listed, even one without any gap.
    assert sum(1 for code in rows if len(code) == 8) == 20
    for code, row in rows.items():
        expected = by_group.get(code, Counter())
        assert (row.gaps_high, row.gaps_medium, row.gaps_low) == (
            expected["high"],
            expected["medium"],
            expected["low"],
        ), code
        if len(code) == 8:
            assert row.pps is not None and row.pps_kades is not None
            assert row.pps - row.pps_kades == expected["pps-kades"], code
            assert row.ppk is not None and row.ppk_camat is not None
            assert row.ppk - row.ppk_camat == expected["ppk-camat"], code
    assert regency_report.total.gaps == len(regency_gaps) == regency_report.cover.gaps
    assert sum(len(g.lines()) for g in regency_report.gaps) == len(regency_gaps)


def test_gap_lines_name_both_sides_and_who_can_introduce_them(kecamatan_report: Report) -> None:
    lines = [line for group in kecamatan_report.gaps for line in group.lines()]
    assert lines
    for line in lines:
        assert line.subject_name and not line.subject_name.startswith("PPS-")
        assert line.severity_label in {"tinggi", "sedang", "rendah"}
        assert line.reason_label in {"belum kontak", "mitra tak tercatat", "kontak lama"}
        if line.reason != "no_counterpart":
            assert line.counterparts and all("-33" not in c for c in line.counterparts)
    # The demo has PPS without their PPK that a common partner can introduce.
    assert any(line.introducers for line in lines)
    places = {line.place for line in lines}
    assert all(p.startswith(("Desa ", "Kelurahan ", "Kecamatan ")) for p in places)


def test_single_points_of_failure_are_sentences_with_counts(regency_report: Report) -> None:
    assert regency_report.weak_points
    worst = regency_report.weak_points[0]
    assert worst.text.startswith("Jika ")
    assert "kehilangan jalur ke KPU" in worst.text
    assert f"{worst.pps} PPS" in worst.text
    counts = [w.pps + w.ppk for w in regency_report.weak_points]
    assert counts == sorted(counts, reverse=True)


def test_the_plan_says_why_each_link_is_proposed(regency_report: Report) -> None:
    assert regency_report.plan
    for line in regency_report.plan:
        assert line.why and line.closes >= 1
        assert ":" in line.why[0]  # "<rule title>: <subject name>"


def test_english_report_speaks_english(
    kecamatan_db: Path, make_report: Callable[..., Report]
) -> None:
    report = make_report(kecamatan_db, KECAMATAN, lang="en")
    lines = [line for group in report.gaps for line in group.lines()]
    assert {line.severity_label for line in lines} <= {"high", "medium", "low"}
    assert report.picture.title == "Coordination network: Kecamatan Bulu"
    assert report.weak_points and report.weak_points[0].text.startswith("If ")


def test_contacts_are_only_in_a_report_that_asks_for_them(
    kecamatan_db: Path, kecamatan_report: Report, make_report: Callable[..., Any]
) -> None:
    assert kecamatan_report.contacts == ()
    assert all(not d.contacts for d in kecamatan_report.details)
    with_contacts = make_report(kecamatan_db, KECAMATAN, show_contacts=True)
    phones = [p.phone for c in with_contacts.contacts for p in c.people if p.phone]
    assert phones
    assert any(d.contacts for d in with_contacts.details)
    assert phones[0] not in kecamatan_report.model_dump_json()


def test_a_regency_picture_folds_its_kecamatan_into_clusters(regency_report: Report) -> None:
    picture = regency_report.picture
    assert picture.aggregated
    clusters = [n for n in picture.nodes if n.role.value == "cluster"]
    assert len(clusters) == 20
    assert sum(c.gaps for c in clusters) == sum(
        r.gaps for r in regency_report.summary if len(r.code) == 8
    )
    assert len(picture.nodes) < 60  # readable, not ~1,000 institutions
    assert REGENCY in regency_report.cover.area
