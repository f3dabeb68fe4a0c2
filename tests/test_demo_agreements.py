"""The national demo's kerja sama: KPU RI's agreements with its partners and follow-ups."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest
from clirun import run_cli

from sinergi_graph.activities import Activity
from sinergi_graph.analysis import agreements as analysis
from sinergi_graph.demo import DEFAULT_SEED, DemoOverRealData, build_demo, generate_demo
from sinergi_graph.demo import agreements as demo_agreements
from sinergi_graph.demo import build as demo_build
from sinergi_graph.demo.agreements import (
    KPU_RI,
    generate_agreements,
    load_agreement_plan,
    partner_id,
)
from sinergi_graph.demo.generator import DemoBatch
from sinergi_graph.store.embedded import EmbeddedStore

AS_OF = dt.date(2024, 6, 1)
REASONS = {"ok", "no_follow_up", "stale", "expiring", "expired"}


@pytest.fixture(scope="module")
def header() -> DemoBatch:
    """The national header batch (KPU RI, Bawaslu RI, DKPP, the ministries)."""
    return next(iter(generate_demo("ID")))


def test_the_demo_draws_dates_for_the_windows_the_evaluation_uses() -> None:
    assert demo_agreements.EXPIRING_DAYS == analysis.EXPIRING_DAYS
    assert demo_agreements.STALE_DAYS == analysis.STALE_DAYS
    assert {r.value for r in demo_agreements.AgreementReason} == {
        r.value for r in analysis.AgreementReason
    }
    assert load_agreement_plan().as_of == AS_OF


@pytest.mark.parametrize("seed", [DEFAULT_SEED, 0, 1, 7, 99, 12345])
def test_every_reason_shows_as_of_the_design_day_for_any_seed(seed: int) -> None:
    kerja_sama = generate_agreements(seed)
    statuses = analysis.evaluate_agreements(kerja_sama.agreements, kerja_sama.activities, AS_OF)
    assert {s.reason.value for s in statuses} == REASONS
    # Most, not all, were followed up at all (seed 003: never evaluated as a whole).
    followed = {s.agreement.id for s in statuses if s.follow_ups}
    assert 0 < len(followed) < len(statuses)


def test_one_agreement_with_each_partner_of_the_national_batch(header: DemoBatch) -> None:
    ministries = {a.id for a in header.actors if a.kind == "KEMENTERIAN"}
    assert {a.id for a in header.actors} >= {KPU_RI}
    parties = [g.parties for g in header.agreements]
    assert all(p[0] == KPU_RI and len(p) == 2 for p in parties)
    assert Counter(p[1] for p in parties) == Counter(ministries)  # each partner exactly once
    assert "KEMENTERIAN-DUKCAPIL" in ministries and "KEMENTERIAN-BSSN" in ministries
    assert len({g.id for g in header.agreements}) == len(header.agreements)
    # No agreement number is made up: the real ones are not known.
    assert all(g.number is None for g in header.agreements)


def test_dates_are_2021_to_2024_with_terms_of_one_to_five_years(header: DemoBatch) -> None:
    terms: Counter[int] = Counter()
    for g in header.agreements:
        assert g.signed is not None and g.expires is not None
        assert dt.date(2021, 1, 1) <= g.signed <= dt.date(2024, 12, 31)
        # Ends the day before an anniversary of the signing, 1 to 5 years on.
        after = g.expires + dt.timedelta(days=1)
        years = after.year - g.signed.year
        assert (after.month, after.day) == (g.signed.month, g.signed.day)
        assert 1 <= years <= 5
        terms[years] += 1
    assert len(terms) >= 3  # not one term for every agreement


def test_follow_ups_name_their_agreement_and_are_attended_by_its_parties(
    header: DemoBatch,
) -> None:
    agreements = {g.id: g for g in header.agreements}
    assert header.activities, "some agreements are followed up"
    assert len({a.id for a in header.activities}) == len(header.activities)
    for activity in header.activities:
        g = agreements[activity.agreement or ""]
        assert activity.attendees == g.parties
        assert g.signed is not None and activity.date >= g.signed
        assert activity.date <= load_agreement_plan().follow_up_until
        assert (
            activity.topic
            and activity.place
            and activity.type
            in {
                "RAPAT",
                "KOORDINASI",
                "MONITORING",
            }
        )


def test_deterministic_for_the_seed_and_only_in_the_national_batch(header: DemoBatch) -> None:
    again = generate_agreements(DEFAULT_SEED)
    assert (header.agreements, header.activities) == tuple(again)
    assert generate_agreements(DEFAULT_SEED + 1).agreements != again.agreements
    # Regional demos stay as they were: no kerja sama outside the national scope.
    for batch in generate_demo("34"):
        assert batch.agreements == () and batch.activities == ()


def _header_only(region: str, *, seed: int) -> Iterator[DemoBatch]:
    # The real generator, stopped after the national header (a full country takes ~40 s).
    return islice(generate_demo(region, seed=seed), 1)


def test_build_writes_them_and_sinergi_agreements_shows_each_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: DemoBatch
) -> None:
    monkeypatch.setattr(demo_build, "generate_demo", _header_only)
    db = tmp_path / "nasional.db"
    store = EmbeddedStore(db)
    try:
        summary = build_demo(store, "ID")
        assert (summary.agreements, summary.activities) == (
            len(header.agreements),
            len(header.activities),
        )
        assert store.agreements() == sorted(header.agreements, key=lambda g: g.id)
        assert len(store.activities()) == len(header.activities)
        # Running the demo again (upsert by id, and with --replace) keeps one of each.
        build_demo(store, "ID")
        build_demo(store, "ID", replace=True)
        assert len(store.agreements()) == len(header.agreements)
        assert len(store.activities()) == len(header.activities)
    finally:
        store.close()

    done = run_cli(
        "agreements", "--as-of", "2024-06-01", "--format", "json", env={"SINERGI_DB": str(db)}
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["agreements"]
    assert {r["reason"] for r in rows} == REASONS
    assert {r["status"] for r in rows} == {"active", "expired"}
    by_reason = {r["reason"]: r for r in rows}
    assert by_reason["no_follow_up"]["follow_ups"] == 0
    assert by_reason["ok"]["follow_ups"] >= 1 and by_reason["ok"]["last_follow_up"] < "2024-06-01"
    assert all(r["parties"][0] == KPU_RI for r in rows)
    assert partner_id("POLRI") in {r["parties"][1] for r in rows}


@pytest.fixture
def national_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmbeddedStore]:
    """A store with the national header written by :func:`build_demo`."""
    monkeypatch.setattr(demo_build, "generate_demo", _header_only)
    store = EmbeddedStore(tmp_path / "nasional.db")
    build_demo(store, "ID")
    yield store
    store.close()


def test_stored_records_read_back_equal_to_the_generated_ones(
    national_store: EmbeddedStore, header: DemoBatch
) -> None:
    # The trust check compares them: a round trip must not change a field.
    assert national_store.activities() == sorted(header.activities, key=lambda a: a.id)
    assert national_store.agreements() == sorted(header.agreements, key=lambda g: g.id)


def test_an_edited_demo_agreement_is_not_overwritten_by_a_later_run(
    national_store: EmbeddedStore,
) -> None:
    polri = national_store.agreements([demo_agreements.agreement_id("POLRI")])[0]
    renewed = polri.model_copy(update={"expires": dt.date(2029, 12, 31)})
    national_store.upsert([], [], agreements=[renewed])
    with pytest.raises(DemoOverRealData) as err:
        build_demo(national_store, "ID")
    assert err.value.code == "demo_over_edited_records"
    assert polri.id in err.value.render("en") and "--replace" in err.value.render("id")
    assert national_store.agreements([polri.id]) == [renewed]
    # --replace is the way to start over.
    build_demo(national_store, "ID", replace=True)
    assert national_store.agreements([polri.id]) == [polri]


def test_another_seed_and_the_offices_own_kegiatan_are_fine(
    national_store: EmbeddedStore,
) -> None:
    own = Activity(
        id="RAKOR-BSSN-2024",
        date=dt.date(2024, 5, 2),
        agreement=demo_agreements.agreement_id("BSSN"),
        attendees=(KPU_RI, partner_id("BSSN")),
    )
    national_store.upsert([], [], activities=[own])
    # A national run with another seed recognises what the recorded run made.
    build_demo(national_store, "ID", seed=7)
    stored = {g.id: g for g in national_store.agreements()}
    assert tuple(sorted(stored.values(), key=lambda g: g.id)) == tuple(
        sorted(generate_agreements(7).agreements, key=lambda g: g.id)
    )
    assert own in national_store.activities([own.id])
    build_demo(national_store, "ID")  # and back to the default seed
    assert national_store.agreements() == sorted(
        generate_agreements(DEFAULT_SEED).agreements, key=lambda g: g.id
    )
