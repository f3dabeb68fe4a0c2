"""The report files read back as a person would open them: Excel, a PDF reader, Word."""

from __future__ import annotations

import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from sinergi_graph.report.model import Report
from sinergi_graph.report.write import write_report

from .conftest import needs_pdftoppm

REGENCY = "33.23"


@pytest.fixture(scope="module")
def regency_files(
    tmp_path_factory: pytest.TempPathFactory, regency_db: Path, sinergi: Callable[..., str]
) -> dict[str, Path]:
    """The regency report in each format, written by the command a user types."""
    folder = tmp_path_factory.mktemp("out")
    files = {}
    for suffix in ("xlsx", "pdf", "docx"):
        path = folder / f"temanggung.{suffix}"
        sinergi("--db", str(regency_db), "report", "--area", REGENCY, "--output", str(path))
        files[suffix] = path
    return files


def test_xlsx_summary_matches_the_gap_list(
    regency_files: dict[str, Path], regency_gaps: list[dict[str, str]]
) -> None:
    wb = load_workbook(regency_files["xlsx"])
    ws = wb.worksheets[0]
    assert ws.title == "Ringkasan per kecamatan"
    header_row = next(r for r in range(1, 20) if ws.cell(r, 1).value == "Kode")
    headers = [c.value for c in ws[header_row]]
    col = {h: i for i, h in enumerate(headers)}
    per_kecamatan: Counter[str] = Counter()
    for row in regency_gaps:
        per_kecamatan[row["area"][:8]] += 1
    seen = 0
    for row in ws.iter_rows(min_row=header_row + 1, values_only=True):
        code = row[0]
        if not isinstance(code, str) or len(code) != 8:
            continue
        seen += 1
        assert row[col["Jumlah celah"]] == per_kecamatan[code], code
        assert isinstance(row[col["PPS"]], int)
    assert seen == 20
    # Frozen header with a filter, printed A4 landscape with the header on every page.
    assert ws.freeze_panes == f"A{header_row + 1}"
    assert ws.auto_filter.ref.startswith(f"A{header_row}:")
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.column_dimensions["B"].width >= 20


def test_xlsx_has_one_sheet_per_kecamatan_with_names_not_ids(
    regency_files: dict[str, Path], regency_report: Report
) -> None:
    wb = load_workbook(regency_files["xlsx"])
    names = wb.sheetnames
    for group in regency_report.gaps:
        assert group.title in names
        ws = wb[group.title]
        assert ws.cell(1, 1).value == "Desa/kelurahan"
        assert ws.freeze_panes == "A2"
        assert ws.max_row - 1 == len(group.lines())
        subjects = {ws.cell(r, 2).value for r in range(2, ws.max_row + 1)}
        assert subjects == {line.subject_name for line in group.lines()}
    assert "Rencana tautan baru" in names and "Titik rawan" in names
    assert "Daftar kontak" not in names


def test_pdf_text_has_page_numbers_repeated_headers_and_names(
    regency_files: dict[str, Path], regency_report: Report
) -> None:
    reader = PdfReader(regency_files["pdf"])
    pages = [p.extract_text() for p in reader.pages]
    n = len(pages)
    assert n >= 4
    for i, text in enumerate(pages, start=1):
        assert f"Halaman {i} / {n}" in text
    assert "Kabupaten Temanggung" in pages[0]
    assert "Ringkasan per kecamatan" in pages[1]
    everything = "\n".join(pages)
    for group in regency_report.gaps[:3]:
        assert group.lines()[0].subject_name in everything
    # Every page that lists gaps starts its table with the header row again.
    gap_pages = [t for t in pages if "PPS belum kontak" in t]
    assert len(gap_pages) >= 2
    assert all("Dapat dikenalkan oleh" in t for t in gap_pages)


@needs_pdftoppm
def test_pdf_pages_render_to_pictures(regency_files: dict[str, Path], tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "2", str(regency_files["pdf"]),
         str(tmp_path / "page")],
        check=True, timeout=60,
    )  # fmt: skip
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == 2
    with Image.open(rendered[0]) as image:
        width, height = image.size
        assert width > height  # A4 landscape
        # Not a blank page: the title and the cover table put dark pixels on it.
        assert image.convert("L").getextrema()[0] < 100


def test_docx_is_an_editable_document_with_headings_and_repeating_table_headers(
    regency_files: dict[str, Path], regency_report: Report
) -> None:
    doc = Document(str(regency_files["docx"]))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Ringkasan per kecamatan" in headings
    assert "Daftar celah koordinasi" in headings
    assert regency_report.gaps[0].title in headings
    summary = doc.tables[1]
    assert summary.rows[0].cells[0].text == "Kecamatan"
    assert summary.rows[-1].cells[0].text == "Jumlah"
    assert summary.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(doc.inline_shapes) >= 2  # the chart and the network picture


@pytest.mark.trust("output_safety")
def test_hostile_names_stay_text_in_every_format(
    tricky_db: Path, make_report: Callable[..., Report], tmp_path: Path
) -> None:
    report = make_report(tricky_db, "33.23.01", show_contacts=True)
    for suffix in ("xlsx", "pdf", "docx"):
        write_report(report, tmp_path / f"t.{suffix}")
    wb = load_workbook(tmp_path / "t.xlsx")
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    formula = [c for c in cells if c.value.startswith("=HYPERLINK")]
    assert formula and all(c.data_type == "s" for c in formula)
    phones = [c for c in cells if c.value == "+6281234567"]
    assert phones and all(c.data_type == "s" for c in phones)
    text = "\n".join(p.extract_text() for p in PdfReader(tmp_path / "t.pdf").pages)
    # typst markup in a name is printed as it is, not interpreted.
    assert "Camat #strong[Bulu] $x$ <lbl>" in text and "@ref" in text
    assert "081299990000" in text  # the contacts the user asked for
    doc = Document(str(tmp_path / "t.docx"))
    cell_text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "<script>alert(1)</script> Kades" in cell_text
