"""The kind catalogue and the bundled area data."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinergi_graph.areas import is_kelurahan, load_areas, normalize_code
from sinergi_graph.errors import SinergiError
from sinergi_graph.kinds import Level, default_catalogue, load_catalogue

DESIGN_KINDS = [
    "KPU_RI",
    "KPU_PROV",
    "KPU_KAB",
    "PPK",
    "PPS",
    "KPPS",
    "BAWASLU_RI",
    "BAWASLU_PROV",
    "BAWASLU_KAB",
    "PANWASCAM",
    "PKD",
    "KADES",
    "LURAH",
    "CAMAT",
    "KAPOLSEK",
    "DANRAMIL",
    "PUSKESMAS",
    "KESBANGPOL",
    "POLRES",
    "KODIM",
    "PEMDA",
    "DISDUKCAPIL",
    "PARPOL",
    "MEDIA",
    "PERSON",
]


def test_catalogue_holds_every_design_kind() -> None:
    cat = default_catalogue()
    assert [k for k in DESIGN_KINDS if k not in cat] == []
    assert not cat.is_institution("PERSON") and cat.is_institution("PPS")


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Kepala Desa", "KADES"),
        ("kades", "KADES"),
        ("Lurah", "LURAH"),
        ("Panewu", "CAMAT"),
        ("KAPOLSEK", "KAPOLSEK"),
        ("Danramil", "DANRAMIL"),
        ("Puskesmas", "PUSKESMAS"),
        ("KPU Kab/Kota", "KPU_KAB"),
        ("Panwaslu Kecamatan", "PANWASCAM"),
        ("kpu_kab", "KPU_KAB"),
        ("Kasat Intel", "POLRES"),
        ("Wali Nagari", "KADES"),
        ("Pamong Kalurahan", "PERANGKAT_DESA"),
    ],
)
def test_everyday_spellings_resolve(spelling: str, code: str) -> None:
    assert default_catalogue().resolve(spelling) == code


def test_unknown_kinds_get_suggestions() -> None:
    assert default_catalogue().suggest("Kepala Dsa")[0] == "KADES"
    assert default_catalogue().resolve("Kepala Dsa") is None


def test_users_extend_the_catalogue(tmp_path: Path) -> None:
    extra = tmp_path / "kinds.toml"
    extra.write_text(
        '[[kind]]\ncode = "KUA"\nlabel_id = "Kantor Urusan Agama"\nlabel_en = "Religious affairs office"\n'
        'level = "kecamatan"\ncategory = "pemerintah"\naliases = ["KUA Kecamatan"]\n',
        "utf-8",
    )
    cat = load_catalogue(extra)
    assert cat.resolve("kua kecamatan") == "KUA" and cat.resolve("Kades") == "KADES"
    extra.write_text('[[kind]]\ncode = "lower"\n', "utf-8")
    with pytest.raises(SinergiError):
        load_catalogue(extra)


def test_area_data_facts() -> None:
    areas = load_areas()
    assert sum(1 for a in areas if a.level is Level.PROVINSI) == 38
    assert sum(1 for a in areas if a.level is Level.KABUPATEN) == 514
    assert sum(1 for a in areas if a.level is Level.KECAMATAN) == 7285
    assert sum(1 for a in areas if a.level is Level.DESA) == 83762
    assert len(areas.children("33.23")) == 20
    assert len(areas.descendants("33.23", Level.DESA)) == 289
    assert sorted(a.name for a in areas.children("34.03.07")) == [
        "Giripanggung",
        "Purwodadi",
        "Sidoharjo",
        "Sumberwungu",
        "Tepus",
    ]


def test_codes_dotted_or_plain_and_lookup_by_name() -> None:
    areas = load_areas()
    assert normalize_code("3403072004") == "34.03.07.2004"
    assert areas.resolve("340307") == "34.03.07" and areas.resolve("id") == "ID"
    assert areas.resolve("99") is None and areas.resolve("33.2") is None
    assert [a.code for a in areas.find("TEMANGGUNG")][:1] == ["33.23"]
    assert areas.label("34.03.07.2004").startswith("Tepus, Tepus, Kabupaten Gunungkidul")


def test_kelurahan_and_diy_kalurahan_have_a_lurah() -> None:
    assert is_kelurahan("33.23.01.1001")
    assert not is_kelurahan("33.23.01.2001")
    assert is_kelurahan("34.03.07.2004")


def test_finer_level_names_the_level_of_an_areas_children() -> None:
    from sinergi_graph.areas import CODE_LENGTH, finer_level, level_of

    areas = load_areas()
    for code in ("ID", "33", "33.23", "33.23.01"):
        level = finer_level(code)
        assert level is not None
        children = areas.children(code)
        assert children and {level_of(c.code) for c in children} == {level}
        assert {len(c.code) for c in children} == {CODE_LENGTH[level]}
    assert finer_level("33.23.01.2001") is None
