"""The demo network generator: checked facts, structure, determinism and writing.

Regions stay small (a regency, a kecamatan, DI Yogyakarta) so the suite is fast;
the national run is measured by hand, not here.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pytest
from pydantic import ValidationError

from sinergi_graph.areas import is_kelurahan, is_within, load_areas
from sinergi_graph.demo import DemoBatch, DemoOverRealData, build_demo, demo_size, generate_demo
from sinergi_graph.demo.reference import Season, _SeasonSpec, load_reference
from sinergi_graph.demo.trust import foreign_actors, forget_runs
from sinergi_graph.errors import SinergiError
from sinergi_graph.exporting import export_network
from sinergi_graph.gaps import Reason, find_gaps
from sinergi_graph.graph import build_graph
from sinergi_graph.importer import import_files
from sinergi_graph.kinds import Level, default_catalogue
from sinergi_graph.models import Actor, ActorRow, CoordinationLink, LinkRow, NetworkRows
from sinergi_graph.rules import default_rules
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.tabular import FileFormat


@lru_cache(maxsize=8)
def demo(region: str, seed: int = 2024) -> tuple[tuple[Actor, ...], tuple[CoordinationLink, ...]]:
    actors: list[Actor] = []
    links: list[CoordinationLink] = []
    for batch in generate_demo(region, seed=seed):
        actors.extend(batch.actors)
        links.extend(batch.links)
    return tuple(actors), tuple(links)


def dumped(records: object) -> set[str]:
    """Records as comparable text (actors hold a dict, so they are not hashable)."""
    assert isinstance(records, (list, tuple, set))
    return {r.model_dump_json() for r in records}


def members_by_institution(actors: tuple[Actor, ...]) -> Counter[str]:
    return Counter(a.member_of for a in actors if a.member_of)


def rows(actors: tuple[Actor, ...], links: tuple[CoordinationLink, ...]) -> NetworkRows:
    return NetworkRows(
        [ActorRow(a.id, a.kind, a.name, a.area, a.member_of) for a in actors],
        [
            LinkRow(k.id, k.source, k.target, k.type, str(k.date) if k.date else None, k.topic)
            for k in links
        ],
    )


# --- checked facts (field reports in shared/seeds) ---------------------------


def test_temanggung_has_the_ppk_and_pps_of_seed_004() -> None:
    # Seed 004: 100 PPK members in 20 kecamatan, 867 PPS members in 289 desa/kelurahan.
    actors, _ = demo("33.23")
    by_kind = Counter(a.kind for a in actors)
    members = members_by_institution(actors)
    ppk = [a.id for a in actors if a.kind == "PPK"]
    pps = [a.id for a in actors if a.kind == "PPS"]
    assert (len(ppk), sum(members[i] for i in ppk)) == (20, 100)
    assert (len(pps), sum(members[i] for i in pps)) == (289, 867)
    assert by_kind["KPU_KAB"] == 1 and members["KPU_KAB-3323"] == 5
    assert demo_size("33.23") == 289


def test_every_ppk_has_five_members_and_every_pps_three() -> None:
    for region in ("33.23", "34"):
        actors, _ = demo(region)
        members = members_by_institution(actors)
        assert {members[a.id] for a in actors if a.kind == "PPK"} == {5}
        assert {members[a.id] for a in actors if a.kind == "PPS"} == {3}
        chairs = Counter(
            a.member_of for a in actors if a.properties.get("role") == "Ketua" and a.member_of
        )
        assert all(chairs[a.id] == 1 for a in actors if a.kind in {"PPK", "PPS", "KPU_KAB"})


def test_kalurahan_tepus_met_its_lurah_and_the_ppk_about_the_dptb() -> None:
    # Seed 000: PPS Kalurahan Tepus, the lurah and PPK Kapanewon Tepus, 2023-10-05, DPTb.
    actors, links = demo("34.03.07")
    by_id = {a.id: a for a in actors}
    assert by_id["PPS-3403072004"].name == "PPS Kalurahan Tepus"
    assert by_id["PPS-3403072004"].area == "34.03.07.2004"
    assert by_id["LURAH-3403072004"].kind == "LURAH"
    assert by_id["PPK-340307"].name == "PPK Kapanewon Tepus"
    assert by_id["CAMAT-340307"].name == "Panewu Tepus"

    def met(a: str, b: str) -> list[CoordinationLink]:
        return [
            k
            for k in links
            if {k.source, k.target} == {a, b}
            and k.date == date(2023, 10, 5)
            and "DPTb" in (k.topic or "")
        ]

    assert met("PPS-3403072004", "LURAH-3403072004")
    assert met("PPS-3403072004", "PPK-340307")
    # The forced links do not depend on the seed.
    _, other = demo("34.03.07", seed=7)
    assert {k.id for k in met("PPS-3403072004", "LURAH-3403072004")} <= {k.id for k in other}


def test_a_kecamatan_demo_brings_its_regency_institutions() -> None:
    actors, _ = demo("34.03.07")
    kinds = {a.kind for a in actors if a.area == "34.03"}
    assert {"KPU_KAB", "BAWASLU_KAB", "KESBANGPOL", "POLRES", "KODIM", "PEMDA"} <= kinds
    assert {a.area[:8] for a in actors if a.area and len(a.area) > 5} == {"34.03.07"}
    assert Counter(a.kind for a in actors)["PPS"] == demo_size("34.03.07") == 5
    gaps = find_gaps(build_graph(rows(*demo("34.03.07"))), default_rules())
    assert not [g for g in gaps if g.rule == "ppk-kpu" and g.reason is Reason.NO_COUNTERPART]


# --- structure ----------------------------------------------------------------


def test_each_village_has_pps_pkd_and_the_right_head() -> None:
    actors, _ = demo("34")
    villages = [a.code for a in load_areas().descendants("34", Level.DESA)]
    by_area: dict[str, Counter[str]] = {}
    for a in actors:
        if a.area and len(a.area) == 13 and a.kind != "PERSON":
            by_area.setdefault(a.area, Counter())[a.kind] += 1
    assert sorted(by_area) == sorted(villages)
    for code, kinds in by_area.items():
        head = "LURAH" if is_kelurahan(code) else "KADES"
        assert kinds["PPS"] == kinds["PKD"] == kinds[head] == 1
        assert kinds["KADES"] + kinds["LURAH"] == 1


def test_desa_outside_diy_have_a_kepala_desa() -> None:
    actors, _ = demo("33.23")
    heads = {a.area: a for a in actors if a.kind in {"KADES", "LURAH"}}
    assert len(heads) == 289
    for code, head in heads.items():
        assert head.kind == ("LURAH" if code[9] == "1" else "KADES")
    assert {h.name.split()[0] for h in heads.values()} == {"Lurah", "Kepala"}


def test_each_kecamatan_has_its_forkopimcam_and_a_puskesmas() -> None:
    actors, _ = demo("34")
    districts = {d.code for d in load_areas().descendants("34", Level.KECAMATAN)}
    for kind in ("PPK", "PANWASCAM", "CAMAT", "KAPOLSEK", "DANRAMIL"):
        assert sorted(a.area for a in actors if a.kind == kind) == sorted(districts)
    assert {a.area for a in actors if a.kind == "PUSKESMAS"} == districts
    # Kota Yogyakarta has kemantren, the regencies of DIY kapanewon.
    camat = {a.area: a.name for a in actors if a.kind == "CAMAT"}
    assert all(n.startswith("Mantri Pamong Praja ") for c, n in camat.items() if c[:5] == "34.71")
    assert all(n.startswith("Panewu ") for c, n in camat.items() if c[:5] != "34.71")


def test_papua_names_its_kecamatan_distrik() -> None:
    district = load_areas().children(load_areas().children("91")[0].code)[0]
    actors, _ = demo(district.code)
    names = {a.kind: a.name for a in actors}
    assert names["CAMAT"] == f"Kepala Distrik {district.name}"
    assert names["PPK"] == f"PPD Distrik {district.name}"


def test_ids_are_readable_unique_and_links_point_at_generated_actors() -> None:
    for region in ("33.23", "34"):
        actors, links = demo(region)
        ids = [a.id for a in actors]
        assert len(ids) == len(set(ids))
        assert len({k.id for k in links}) == len(links)
        known = set(ids)
        assert all(k.source in known and k.target in known for k in links)
        assert all(a.member_of in known for a in actors if a.member_of)
    ids = {a.id for a in demo("34.03.07")[0]}
    assert {"PPS-3403072004", "PPS-3403072004-3", "PPK-340307", "PPK-340307-5"} <= ids
    assert {"KPU_KAB-3403", "KPU_KAB-3403-5"} <= ids


def test_people_are_synthetic_with_contacts_that_reach_nobody() -> None:
    actors, _ = demo("33.23")
    people = [a for a in actors if a.kind == "PERSON"]
    assert len(people) == 100 + 867 + 5
    assert all(p.properties["synthetic"] == "true" for p in people)
    assert Counter(p.properties["role"] for p in people) == {"Ketua": 20 + 289 + 1, "Anggota": 662}
    assert all(p.phone and p.phone.startswith("08000") and len(p.phone) == 12 for p in people)
    assert all(p.name.count(" ") >= 1 for p in people)
    assert len({p.name for p in people}) > 300
    emails = [a.email for a in actors if a.email]
    assert emails and all(e.endswith("@example.invalid") for e in emails)
    assert "pps.tepus.3403072004@example.invalid" in {a.email for a in demo("34.03.07")[0]}


def test_links_follow_the_2024_election_calendar() -> None:
    actors, links = demo("34")
    kind = {a.id: a.kind for a in actors}
    root = {a.id: a.member_of or a.id for a in actors}
    assert all(k.date and date(2022, 3, 1) <= k.date <= date(2024, 12, 31) for k in links)
    # Seed 004: PPS sowan to their kepala desa / lurah after their appointment (January 2023).
    sowan = [k for k in links if k.type == "AUDIENSI" and (k.topic or "").startswith("Sowan PPS:")]
    assert sowan and all(date(2023, 1, 25) <= k.date <= date(2023, 2, 15) for k in sowan if k.date)
    # DPTb (seed 000) in September-October 2023; voting day 14 February 2024.
    dptb = [k for k in links if k.topic and "DPTb" in k.topic]
    assert dptb and all(k.date and date(2023, 9, 1) <= k.date <= date(2023, 10, 31) for k in dptb)
    assert any(k.date == date(2024, 2, 14) for k in links)
    assert any(k.date and k.date.year == 2024 and k.date.month == 11 for k in links)  # Pilkada
    # Some links are made by a member, and some pairs met several times.
    assert any(kind[k.source] == "PERSON" for k in links)
    pairs = Counter(frozenset((root[k.source], root[k.target])) for k in links)
    assert max(pairs.values()) >= 3
    types = {k.type for k in links}
    assert {"RAPAT", "KOORDINASI", "SOSIALISASI", "AUDIENSI", "BIMTEK", "MONITORING"} <= types


def test_province_header_follows_seed_001() -> None:
    jateng = next(iter(generate_demo("33")))
    assert jateng.area == "33" and jateng.villages == 0
    kinds = Counter(a.kind for a in jateng.actors)
    for k in ("KPU_PROV", "BAWASLU_PROV", "KESBANGPOL", "POLDA", "KODAM"):
        assert kinds[k] == 1, k
    assert kinds["MEDIA"] >= 1
    sosialisasi = {k.target for k in jateng.links if k.type == "SOSIALISASI"}
    assert "KPU_PROV-33" not in sosialisasi and sosialisasi & {"POLDA-33", "KESBANGPOL-33"}
    diy = next(iter(generate_demo("34")))
    assert "KODAM" not in {a.kind for a in diy.actors}  # DIY is covered by Kodam IV/Diponegoro


def test_national_header_has_the_bodies_and_ministries_of_seed_003() -> None:
    batch = next(iter(generate_demo("ID")))
    assert batch.area == "ID" and batch.villages == 0
    kinds = Counter(a.kind for a in batch.actors)
    assert kinds["KPU_RI"] == kinds["BAWASLU_RI"] == kinds["DKPP"] == 1
    ministries = {a.id for a in batch.actors if a.kind == "KEMENTERIAN"}
    assert len(ministries) >= 20
    assert all(a.area is None for a in batch.actors)
    mou = {k.target for k in batch.links if k.type == "KERJASAMA" and k.source == "KPU_RI"}
    assert mou == ministries
    # Seed 003: the agreements had never been evaluated as a whole.
    evaluated = {k.target for k in batch.links if k.date == date(2023, 7, 20)}
    assert 0 < len(evaluated) < len(ministries)


# --- gap analysis on the demo -------------------------------------------------


def test_gaps_are_meaningful_and_vary_between_kecamatan() -> None:
    actors, links = demo("34")
    gaps = find_gaps(build_graph(rows(actors, links)), default_rules())
    assert not [g for g in gaps if g.reason is Reason.NO_COUNTERPART]
    by_rule = Counter(g.rule for g in gaps)
    pps = sum(1 for a in actors if a.kind == "PPS")
    ppk = sum(1 for a in actors if a.kind == "PPK")
    assert 0.03 < by_rule["pps-kades"] / pps < 0.35
    assert 0.03 < by_rule["pps-ppk"] / pps < 0.30
    assert by_rule["ppk-puskesmas"] / ppk > by_rule["ppk-camat"] / ppk
    per_district = Counter(g.area[:8] for g in gaps if g.rule == "pps-kades")
    villages = Counter(a.area[:8] for a in actors if a.kind == "PPS" and a.area)
    shares = [per_district[d] / n for d, n in villages.items()]
    assert max(shares) - min(shares) > 0.3


# --- determinism and the subset property ----------------------------------------


def test_same_region_and_seed_give_the_same_network() -> None:
    first = list(generate_demo("34.03.07"))
    again = list(generate_demo("34.03.07"))
    assert first == again
    other_actors, other_links = demo("34.03.07", seed=7)
    actors, links = demo("34.03.07")
    # The structure is fixed; names, dates, and the number of media, parties and
    # puskesmas are drawn.
    drawn = {"MEDIA", "PARPOL", "PUSKESMAS"}
    assert [a.id for a in other_actors if a.kind not in drawn] == [
        a.id for a in actors if a.kind not in drawn
    ]
    assert [a.name for a in other_actors] != [a.name for a in actors]
    assert {k.id for k in other_links} != {k.id for k in links}


def test_a_regency_demo_is_exactly_its_part_of_the_province_demo() -> None:
    province_actors, province_links = demo("34")
    regency_actors, regency_links = demo("34.03")
    inside = [a for a in province_actors if a.area and is_within(a.area, "34.03")]
    assert dumped(regency_actors) == dumped(inside)
    ids = {a.id for a in regency_actors}
    between = [k for k in province_links if k.source in ids and k.target in ids]
    assert dumped(regency_links) == dumped(between)
    # Provincial bodies reach into the regency only in the province demo (seed 001).
    assert any(k.source == "KPU_PROV-34" and k.target in ids for k in province_links)


def test_a_kecamatan_demo_is_part_of_its_regency_demo() -> None:
    regency_actors, regency_links = demo("34.03")
    district_actors, district_links = demo("34.03.07")
    assert dumped(district_actors) <= dumped(regency_actors)
    assert dumped(district_links) <= dumped(regency_links)
    ids = {a.id for a in district_actors}
    between = [k for k in regency_links if k.source in ids and k.target in ids]
    assert dumped(between) == dumped(district_links)


# --- the public API -------------------------------------------------------------


def test_batches_come_per_regency_with_village_counts() -> None:
    batches = list(generate_demo("34"))
    assert [b.area for b in batches] == ["34", *(r.code for r in load_areas().children("34"))]
    assert all(isinstance(b, DemoBatch) for b in batches)
    assert sum(b.villages for b in batches) == demo_size("34") == 438


def test_unknown_region_is_refused() -> None:
    with pytest.raises(SinergiError) as err:
        generate_demo("99.99")  # fails at the call, before any batch
    assert err.value.code == "unknown_area"
    with pytest.raises(SinergiError):
        demo_size("not a code")


def test_build_demo_writes_once_and_a_rerun_changes_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "demo.db")
    try:
        seen: list[int] = []
        summary = build_demo(store, "34.03", progress=seen.append)
        stats = store.stats()
        assert (stats.actors, stats.links) == (summary.actors, summary.links)
        assert seen == [demo_size("34.03")] and summary.seconds > 0
        assert stats.by_kind["PPS"] == 144 and stats.by_kind["PPK"] == 18
        rows_before = store.network_rows()
        revision = store.revision()
        again = build_demo(store, "34.03")
        assert (again.actors, again.links) == (summary.actors, summary.links)
        assert store.stats() == stats
        after = store.network_rows()
        assert sorted(after.actors) == sorted(rows_before.actors)
        assert sorted(after.links) == sorted(rows_before.links)
        assert store.revision() > revision  # it did write, but nothing changed
        tepus = store.get_actor("PPS-3403072004-1")
        assert tepus is not None and tepus.phone and tepus.properties["synthetic"] == "true"
    finally:
        store.close()


def test_records_are_plain_validated_models_with_their_own_state() -> None:
    # The generator once shared one model_fields_set per record shape by
    # rewriting pydantic's internals; every record now owns its state.
    actors, links = demo("34.03.07")
    first, second = actors[0], actors[6]
    assert first.model_fields_set is not second.model_fields_set
    changed = first.model_copy(update={"phone": "080000000000"})
    assert changed.phone == "080000000000" and first.phone is None and second.phone is None
    moved = links[0].model_copy(update={"note": "x"})
    assert moved.note == "x" and links[1].note != "x"


# --- the same output as before the package ---------------------------------------
# Digests taken from the single-module generator (sinergi_graph/demo.py, commit
# 08e223b) before it became a package: the data files and the records kept as
# rows must not change a byte of what a seed gives.

TEMANGGUNG_EXPORT_SHA256 = {
    "network.json": "1d92b66c169c159e9d9538c717f9735bfdf238fce93dae67b2e52b6c2d87466d",
    "csv/nodes.csv": "ad0c55fa353205d7c340237c1d94b2ec66fc5ad592a94ffc56977680dc8e9e98",
    "csv/links.csv": "8f6f4c6cedd80a241c460743ad6942f2541e5aeef8fb3b58ab14b4e50ddd5eca",
}


def batches_digest(batches: Iterable[DemoBatch]) -> str:
    digest = hashlib.sha256()
    for batch in batches:
        digest.update(f"B|{batch.area}|{batch.villages}\n".encode())
        for record in (*batch.actors, *batch.links):
            digest.update(record.model_dump_json().encode() + b"\n")
    return digest.hexdigest()


def test_the_export_of_temanggung_is_byte_identical_to_the_single_module(
    tmp_path: Path,
) -> None:
    store = EmbeddedStore(tmp_path / "demo.db")
    try:
        build_demo(store, "33.23")
        export_network(store, FileFormat.JSON, tmp_path / "network.json", include_contacts=True)
        export_network(store, FileFormat.CSV, tmp_path / "csv", include_contacts=True)
    finally:
        store.close()
    found = {
        name: hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
        for name in TEMANGGUNG_EXPORT_SHA256
    }
    assert found == TEMANGGUNG_EXPORT_SHA256


def test_province_and_national_headers_are_identical_to_the_single_module() -> None:
    # DIY: kapanewon, kalurahan, Tepus, the province header and its links.
    assert batches_digest(generate_demo("34")) == (
        "76c736271ac7858fd142f1c4fd344a2f3fa585068ac38f00d9700038d3f6247a"
    )
    # The country's header (KPU RI, ministries) and the first province's (Aceh: KIP).
    country = generate_demo("ID")
    assert batches_digest([next(country), next(country)]) == (
        "4dfe5e524bd05c3cf4e0cd9cdb098609c6b00a08fc7ef3e3c73033d9e2af488e"
    )


def test_the_reference_data_is_read_from_the_package_data_files() -> None:
    ref = load_reference()
    folder = resources.files("sinergi_graph").joinpath("data/demo")
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml")) == [
        "agreements.toml",
        "calendar.toml",
        "coverage.toml",
        "institutions.toml",
        "names.toml",
    ]
    assert len(ref.ministries) == 27 and len(ref.parties) == 18
    assert set(ref.cover) >= {r.id for r in default_rules()}
    # Every season lies within the 2022-2024 election cycle.
    seasons = [*ref.events.values()]
    for pair in ref.pairs.values():
        seasons.extend(pair.menu)
        seasons.extend([pair.intro] if pair.intro else [])
    first = min(s.first for s in seasons)
    last = max(s.first + s.span - 1 for s in seasons)
    assert (
        date(2022, 1, 1) <= date.fromordinal(first) <= date.fromordinal(last) <= date(2024, 12, 31)
    )
    assert not any("_" in name for pool in ref.pools.values() for name in pool.female)


def test_a_season_in_the_calendar_gives_its_days_one_way_only() -> None:
    with pytest.raises(ValidationError, match="one of period"):
        _SeasonSpec.model_validate(
            {"type": "RAPAT", "topic": "x", "on": date(2024, 1, 1), "period": "kampanye"}
        )
    with pytest.raises(ValidationError, match="one of period"):
        _SeasonSpec.model_validate({"type": "RAPAT", "topic": "x", "from": date(2024, 1, 1)})
    with pytest.raises(ValidationError):
        _SeasonSpec.model_validate({"type": "PESTA", "topic": "x", "on": date(2024, 1, 1)})
    spec = _SeasonSpec.model_validate(
        {"type": "RAPAT", "topic": "x", "from": date(2024, 1, 30), "to": date(2024, 2, 2)}
    )
    assert spec.resolve({}) == Season("RAPAT", "x", date(2024, 1, 30).toordinal(), 4)


def test_records_read_back_as_models_item_slice_and_all() -> None:
    (batch,) = generate_demo("34.03.07")
    actors = batch.actors
    assert isinstance(actors[0], Actor) and actors[0] == actors[0]
    assert actors[1:3] == [actors[1], actors[2]] and len(actors) == len(actors.rows)
    assert list(actors) == [actors[i] for i in range(len(actors))]
    with pytest.raises(IndexError):
        actors[len(actors)]


# --- trust: a demo never mixes into real data (issue 13) -------------------------

DATA = Path(__file__).parent / "data"


def real_store(path: Path) -> None:
    """The hand-made Temanggung network of tests/data, imported as a user would."""
    store = EmbeddedStore(path)
    try:
        import_files(
            [DATA / "temanggung_nodes.csv", DATA / "temanggung_links.csv"],
            store,
            default_catalogue(),
        )
    finally:
        store.close()


def snapshot(path: Path) -> tuple[list[ActorRow], list[LinkRow]]:
    store = EmbeddedStore(path)
    try:
        rows = store.network_rows()
        return sorted(rows.actors), sorted(rows.links)
    finally:
        store.close()


@pytest.mark.trust("durability")
def test_real_data_named_like_the_demo_is_still_real(tmp_path: Path) -> None:
    # tests/data names its records as the demo does (PPK-332301, POLRES-3323,
    # CAMAT-332301): marks on ids cannot tell them apart, their content can.
    real_store(tmp_path / "real.db")
    store = EmbeddedStore(tmp_path / "real.db")
    try:
        generated = [row for b in generate_demo("33.23") for row in b.actors.rows]
        shared = {a.id for a in store.actors()} & {row[0] for row in generated}
        assert {"PPK-332301", "POLRES-3323", "CAMAT-332301"} <= shared
        # POLRES-3323 is the very record the demo makes (writing it changes
        # nothing); every other one differs in a name, a phone, a property.
        ids = {a.id for a in store.actors()}
        assert set(foreign_actors(store, generated)) == ids - {"POLRES-3323"}
    finally:
        store.close()


@pytest.mark.trust("durability")
def test_a_demo_record_edited_since_counts_as_real(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "demo.db")
    try:
        build_demo(store, "34.03.07")
        lurah = store.get_actor("LURAH-3403072004")
        assert lurah is not None
        store.upsert([lurah.model_copy(update={"phone": "0274123456"})], [])
        with pytest.raises(DemoOverRealData) as err:
            build_demo(store, "34.03.07")  # would put the phone number back to none
        assert err.value.params == {
            "count": 1,
            "example": "LURAH-3403072004",
            "store": store.location,
        }
        edited = store.get_actor("LURAH-3403072004")
        assert edited is not None and edited.phone == "0274123456"
    finally:
        store.close()


@pytest.mark.trust("durability")
def test_a_demo_of_another_region_is_recognised_through_its_record(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "demo.db")
    try:
        build_demo(store, "34.03.07")
        build_demo(store, "3403", seed=7)  # a record per run: REGION@SEED
        assert store.list_documents("demo") == ["34.03.07@2024", "34.03@7"]
        build_demo(store, "33.23.01")
        # Without the records the earlier runs' actors are strangers ...
        forget_runs(store)
        with pytest.raises(DemoOverRealData):
            build_demo(store, "33.23.02")
        # ... but a store from a demo that kept no record takes the same run again.
        build_demo(store, "33.23.02", replace=True)
        forget_runs(store)
        build_demo(store, "33.23.02")
        build_demo(store, "33.23", replace=True)
        assert store.list_documents("demo") == ["33.23@2024"]
    finally:
        store.close()


@pytest.mark.trust("durability")
def test_build_demo_refuses_real_data_before_writing(tmp_path: Path) -> None:
    real_store(tmp_path / "real.db")
    before = snapshot(tmp_path / "real.db")
    store = EmbeddedStore(tmp_path / "real.db")
    try:
        with pytest.raises(DemoOverRealData) as err:
            build_demo(store, "33.23")
    finally:
        store.close()
    assert err.value.params["count"] == len(before[0]) - 1  # all but POLRES-3323
    assert snapshot(tmp_path / "real.db") == before


@pytest.mark.trust("durability")
def test_demo_cli_refuses_a_store_with_real_data_unless_replace(tmp_path: Path, cli) -> None:
    db = tmp_path / "real.db"
    real_store(db)
    before = snapshot(db)
    refused = cli("--db", str(db), "demo", "--region", "33.23")
    assert refused.returncode == 1 and refused.stdout == ""
    line = refused.stderr.strip()
    assert "\n" not in line and "bukan buatan demo" in line and "--replace" in line
    assert f"{len(before[0]) - 1} aktor" in line and "Traceback" not in line
    english = cli("--db", str(db), "--lang", "en", "demo", "--region", "33.23")
    assert english.returncode == 1 and "no demo made" in english.stderr
    assert snapshot(db) == before  # nothing written, nothing mixed in

    replaced = cli("--db", str(db), "demo", "--region", "33.23", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    fresh = EmbeddedStore(tmp_path / "fresh.db")
    try:
        build_demo(fresh, "33.23")
    finally:
        fresh.close()
    assert snapshot(db) == snapshot(tmp_path / "fresh.db")  # the real records are gone


@pytest.mark.trust("durability")
def test_demo_cli_reruns_on_a_previous_demo(tmp_path: Path, cli) -> None:
    db = tmp_path / "demo.db"
    for region in ("33.23", "33.23", "34.03.07"):  # the README's first command, twice
        done = cli("--db", str(db), "demo", "--region", region)
        assert done.returncode == 0, done.stderr
    actors, _ = snapshot(db)
    assert len(actors) == 1976 + 60


@pytest.mark.trust("durability")
def test_demo_replace_killed_while_writing_keeps_the_previous_network(tmp_path: Path) -> None:
    # Issue 13: SIGKILL during `demo --replace` used to leave an empty store
    # (the store was cleared in one transaction and filled in another).
    db = tmp_path / "real.db"
    real_store(db)
    before = snapshot(db)
    wal = db.with_name(db.name + "-wal")
    env = {**os.environ, "COLUMNS": "200"}
    proc = subprocess.Popen(
        ["sinergi", "--db", str(db), "demo", "--region", "33", "--replace"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 300
    # Kill once the write has visibly started (the WAL grows past what
    # emptying a 15-actor network takes) but long before it can finish.
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the demo finished before it could be killed"
    assert snapshot(db) == before
