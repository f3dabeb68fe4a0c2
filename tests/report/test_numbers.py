"""Numbers, shares and dates as Indonesians (and English readers) write them."""

from __future__ import annotations

from datetime import date

from sinergi_graph.numbers import area_title, long_date, number, percent, share_of


def test_thousands_are_grouped_with_a_dot_in_indonesian_and_a_comma_in_english() -> None:
    assert number(1976) == "1.976"
    assert number(1976, "en") == "1,976"
    assert number(83762) == "83.762"
    assert number(7) == "7"


def test_percentages_use_a_decimal_comma_and_a_spaced_sign_in_indonesian() -> None:
    assert percent(0.85) == "85,0 %"
    assert percent(0.85, "en") == "85.0%"
    assert percent(16 / 19) == "84,2 %"
    assert share_of(0, 0) == "–"


def test_dates_carry_the_month_name_in_the_readers_language() -> None:
    assert long_date(date(2023, 10, 5)) == "5 Oktober 2023"
    assert long_date("2023-10-05", "en") == "5 October 2023"
    assert long_date(date(2024, 8, 17)) == "17 Agustus 2024"
    assert long_date(None) == "–"


def test_area_titles_name_the_level_as_a_letterhead_does() -> None:
    assert area_title("33.23.01") == "Kecamatan Bulu"
    assert area_title("33.23") == "Kabupaten Temanggung"
    assert area_title("33") == "Provinsi Jawa Tengah"
    assert area_title("34.03.07") == "Kapanewon Tepus"  # DI Yogyakarta
