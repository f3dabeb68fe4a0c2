"""Write the README's worked example: the workbook of PPK Kecamatan Tretep (Temanggung).

    python3 scripts/make_office_example.py

writes ``examples/buku_kerja_ppk_tretep.xlsx`` (openpyxl) and the same
workbook as ``examples/buku_kerja_ppk_tretep.ods`` (an OpenDocument zip
written here with the standard library, as LibreOffice stores the parts
sinergi reads) and as ``examples/buku_kerja_ppk_tretep.xls`` (Excel 97-2003,
xlwt, a dev dependency of the tests). The workbook is kept the way a PPK secretariat keeps it:
sheets named by the office, merged title rows above every table, a ``No``
column, no ids anywhere, links and agreement parties written with names,
dates partly as date cells and partly typed as words, people given by their
jabatan (``Ketua PPK``), two printed daftar hadir and a kerja sama sheet.

The network is small on purpose (30 institutions of one kecamatan and its
regency), so that the gap list as of 30 November 2023 can be checked by
hand; ``tests/test_office_workflow.py`` holds that list written out, and
the README shows the commands on these files. People's names are invented.
Rerunning the script gives the same sheets and cells (the ``.ods`` and ``.xls``
byte for byte; openpyxl stamps the ``.xlsx`` with the time it saves).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
STEM = "buku_kerja_ppk_tretep"

KEC = "33.23.11"
# The eleven desa of Kecamatan Tretep (Kemendagri codes, sinergi_graph/data/wilayah).
DESA = [
    ("2001", "Tretep"),
    ("2002", "Donorojo"),
    ("2003", "Nglarangan"),
    ("2004", "Sigedong"),
    ("2005", "Bonjor"),
    ("2006", "Tempelsari"),
    ("2007", "Campurejo"),
    ("2008", "Bojong"),
    ("2009", "Bendungan"),
    ("2010", "Simpar"),
    ("2011", "Tlogo"),
]

Cell = str | int | dt.date | None
Row = Sequence[Cell]


def d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


def lembaga() -> list[Row]:
    """Data Lembaga: No, Nama, Jenis (as the office writes it), Kode Wilayah, Keterangan."""
    rows: list[list[Cell]] = [
        ["PPK Kecamatan Tretep", "PPK", KEC, "Sekretariat di Kantor Kecamatan"],
        ["Panwaslu Kecamatan Tretep", "Panwaslu Kecamatan", KEC, ""],
        ["Camat Tretep", "Camat", KEC, ""],
        ["Kapolsek Tretep", "Kapolsek", KEC, ""],
        ["Danramil Tretep", "Koramil", KEC, ""],
        ["Puskesmas Tretep", "Puskesmas", KEC, ""],
        ["KPU Kabupaten Temanggung", "KPU Kab/Kota", "33.23", ""],
        ["Bawaslu Kabupaten Temanggung", "Bawaslu Kab/Kota", "33.23", ""],
    ]
    for code, name in DESA:
        rows.append([f"PPS Desa {name}", "PPS", f"{KEC}.{code}", ""])
    for code, name in DESA:
        rows.append([f"Kepala Desa {name}", "Kepala Desa", f"{KEC}.{code}", ""])
    rows += [
        ["Muhammad Arifin", "Ketua PPK", KEC, "nama fiktif"],
        ["Sri Wahyuni", "Ketua PPS", f"{KEC}.2001", "nama fiktif"],
        ["Joko Susilo", "Ketua PPS", f"{KEC}.2005", "nama fiktif"],
    ]
    return [[i, *r] for i, r in enumerate(rows, start=1)]


PPK = "PPK Kecamatan Tretep"


def sowan(day: Cell, desa: str, *, by: str = "", note: str = "") -> list[Cell]:
    """The PPS's first visit to its kepala desa after the pelantikan (17 January 2023)."""
    topic = "Sowan PPS setelah pelantikan"
    return [day, by or f"PPS Desa {desa}", f"Kepala Desa {desa}", "Sowan", topic, "", note]


def koordinasi() -> list[Row]:
    """Rekap Koordinasi: No, Tanggal, Dari, Kepada, Jenis, Perihal, Tempat, Keterangan.

    Most dates are date cells (typed ``09/01/2023`` in an Indonesian Excel); a few
    were typed as words, as a secretary writes them. ``Tempat`` is a column sinergi
    reads but has no use for on a link: the import says so.
    """
    rows: list[list[Cell]] = [
        [
            d(2023, 1, 9),
            PPK,
            "Camat Tretep",
            "Sowan",
            "Pembentukan sekretariat PPK",
            "Kantor Camat",
        ],
        [d(2023, 1, 10), PPK, "Kapolsek Tretep", "Sowan", "Perkenalan PPK", "Mapolsek"],
        ["11 Januari 2023", PPK, "Danramil Tretep", "Sowan", "Perkenalan PPK", "Makoramil"],
        [d(2023, 2, 10), "Muhammad Arifin", "Puskesmas Tretep", "MoU", "Penandatanganan PKS"],
        sowan(d(2023, 1, 24), "Bonjor"),
        sowan(d(2023, 1, 25), "Tretep", by="Sri Wahyuni"),
        sowan(d(2023, 1, 26), "Donorojo"),
        sowan(d(2023, 1, 30), "Nglarangan"),
        sowan("31 Januari 2023", "Tlogo"),
        sowan(d(2023, 2, 1), "Tempelsari"),
        sowan(d(2023, 2, 2), "Campurejo"),
        sowan(d(2023, 2, 3), "Bojong"),
        sowan(d(2023, 2, 6), "Bendungan"),
        sowan(d(2023, 2, 20), "Sigedong", note="terlambat, kepala desa dinas luar"),
        [d(2023, 3, 14), PPK, "PPS Desa Bendungan", "Bimtek", "Bimtek coklit", "Aula Kecamatan"],
        ["16 Mei 2023", "PPS Desa Nglarangan", "Kepala Desa Nglarangan", "Koordinasi", "Coklit"],
        [d(2023, 6, 20), PPK, "KPU Kabupaten Temanggung", "Bimtek", "Bimtek penyusunan DPS"],
        [d(2023, 8, 21), "PPS Desa Simpar", PPK, "Surat", "Penyerahan DPS hasil perbaikan"],
        [
            "12 September 2023",
            "PPS Desa Tlogo",
            "Kepala Desa Tlogo",
            "Koordinasi",
            "Pemilih pindahan",
        ],
    ]
    return [[i, *r] for i, r in enumerate(rows, start=1)]


def rakor() -> list[Row]:
    """Daftar hadir of the rakor of 5 October 2023: No, Nama, Jabatan, Instansi, Tanda Tangan.

    Eight Ketua PPS came; six are not in Data Lembaga (``import --create-missing``
    records them as members of their PPS).
    """
    rows: list[tuple[str, str, str]] = [
        ("Muhammad Arifin", "Ketua PPK", "PPK Kecamatan Tretep"),
        ("Drs. Bambang Hartono", "Camat", "Kecamatan Tretep"),
        ("AKP Sugeng Riyadi", "Kapolsek", "Polsek Tretep"),
        ("Sri Wahyuni", "Ketua PPS", "PPS Desa Tretep"),
        ("Ahmad Fauzi", "Ketua PPS", "PPS Desa Donorojo"),
        ("Rina Marlina", "Ketua PPS", "PPS Desa Nglarangan"),
        ("Teguh Prasetyo", "Ketua PPS", "PPS Desa Sigedong"),
        ("Joko Susilo", "Ketua PPS", "PPS Desa Bonjor"),
        ("Dwi Astuti", "Ketua PPS", "PPS Desa Tempelsari"),
        ("Slamet Widodo", "Ketua PPS", "PPS Desa Campurejo"),
        ("Nur Hidayah", "Ketua PPS", "PPS Desa Bojong"),
        ("Suparno", "Kepala Desa", "Desa Tretep"),
        ("Mulyadi", "Kepala Desa", "Desa Donorojo"),
        ("Kusnadi", "Kepala Desa", "Desa Sigedong"),
        ("Sutrisno", "Kepala Desa", "Desa Bonjor"),
        ("Wahyu Hidayat", "Kepala Desa", "Desa Campurejo"),
        ("Sumarni", "Kepala Desa", "Desa Bojong"),
        ("Haryanto", "Kepala Desa", "Desa Bendungan"),
    ]
    return [[i, *r, ""] for i, r in enumerate(rows, start=1)]


def sosialisasi() -> list[Row]:
    """Daftar hadir of the sosialisasi of 14 November 2023 in Desa Simpar."""
    rows: list[tuple[str, str, str]] = [
        ("Muhammad Arifin", "Ketua PPK", "PPK Kecamatan Tretep"),
        ("Eko Saputro", "Ketua Panwaslu Kecamatan", "Panwaslu Kecamatan Tretep"),
        ("Rohmat", "Kepala Desa", "Desa Simpar"),
    ]
    return [[i, *r, ""] for i, r in enumerate(rows, start=1)]


def kerja_sama() -> list[Row]:
    """Kerja Sama: No, Nomor, Perihal, Para Pihak (one per line), Tanggal TTD, Berlaku Sampai."""
    # Nomor, Perihal, the partner of the PPK, signed, berlaku sampai.
    rows: list[tuple[str, str, str, Cell, Cell]] = [
        ("01/NK/PPK-TRT/I/2023", "Dukungan sekretariat PPK", "Camat Tretep", d(2023, 1, 20),
         d(2024, 4, 4)),
        ("02/PKS/PPK-TRT/II/2023", "Pemeriksaan kesehatan", "Puskesmas Tretep", d(2023, 2, 10),
         d(2024, 2, 10)),
        ("03/PKS/PPK-TRT/III/2023", "Pengamanan tahapan", "Kapolsek Tretep", d(2023, 3, 1),
         d(2024, 3, 31)),
        ("04/PKS/PPK-TRT/I/2023", "Pinjam pakai gudang", "Kepala Desa Tretep", "2 Januari 2023",
         "30 Juni 2023"),
    ]  # fmt: skip
    # The parties one per line in their cell (Alt+Enter), the PPK first.
    return [[i, n, t, f"{PPK}\n{p}", s, e] for i, (n, t, p, s, e) in enumerate(rows, start=1)]


Sheet = tuple[str, list[str], list[tuple[str, str]], list[str], list[Row], list[int]]


def sheets() -> list[Sheet]:
    dh_header = ["No", "Nama", "Jabatan", "Instansi", "Tanda Tangan"]
    return [
        (
            "Data Lembaga",
            ["DATA LEMBAGA DAN PEMANGKU KEPENTINGAN", "PPK KECAMATAN TRETEP - PEMILU 2024"],
            [],
            ["No", "Nama", "Jenis", "Kode Wilayah", "Keterangan"],
            lembaga(),
            [5, 32, 22, 16, 34],
        ),
        (
            "Rekap Koordinasi",
            ["REKAP KOORDINASI PPK DAN PPS KECAMATAN TRETEP", "JANUARI - NOVEMBER 2023"],
            [],
            ["No", "Tanggal", "Dari", "Kepada", "Jenis", "Perihal", "Tempat", "Keterangan"],
            koordinasi(),
            [5, 18, 26, 28, 12, 44, 24, 14],
        ),
        (
            "DH Rakor 5 Okt",
            ["DAFTAR HADIR", "RAPAT KOORDINASI PERSIAPAN DAFTAR PEMILIH TAMBAHAN"],
            [
                ("Hari/Tanggal", "Kamis, 5 Oktober 2023"),
                ("Tempat", "Aula Kantor Kecamatan Tretep"),
                ("Acara", "Rakor DPTb tingkat kecamatan"),
                ("Kerja Sama", "01/NK/PPK-TRT/I/2023"),
            ],
            dh_header,
            rakor(),
            [5, 26, 24, 28, 16],
        ),
        (
            "DH Sosialisasi 14 Nov",
            ["DAFTAR HADIR", "SOSIALISASI TAHAPAN KAMPANYE PEMILU 2024"],
            [
                ("Hari/Tanggal", "Selasa, 14 November 2023"),
                ("Tempat", "Balai Desa Simpar"),
                ("Acara", "Sosialisasi tahapan kampanye"),
            ],
            dh_header,
            sosialisasi(),
            [5, 26, 26, 28, 16],
        ),
        (
            "Kerja Sama",
            ["DAFTAR KERJA SAMA (MoU / PKS) PPK KECAMATAN TRETEP"],
            [],
            ["No", "Nomor", "Perihal", "Para Pihak", "Tanggal Tanda Tangan", "Berlaku Sampai"],
            kerja_sama(),
            [5, 26, 44, 30, 20, 16],
        ),
    ]


def write_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)
    for name, titles, block, header, rows, widths in sheets():
        ws = book.create_sheet(name)
        width = len(header)
        r = 1
        for title in titles:
            ws.cell(r, 1, title).font = Font(bold=True)
            ws.cell(r, 1).alignment = Alignment(horizontal="center")
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
        r += 1  # a blank line under the title, as printed
        for label, value in block:
            ws.cell(r, 2, label)
            ws.cell(r, 3, ":")
            ws.cell(r, 4, value)
            r += 1
        if block:
            r += 1
        for c, text in enumerate(header, start=1):
            ws.cell(r, c, text).font = Font(bold=True)
        for row in rows:
            r += 1
            for c, item in enumerate(row, start=1):
                if item is None or item == "":
                    continue
                cell = ws.cell(r, c, item)
                if isinstance(item, dt.date):
                    cell.number_format = "DD/MM/YYYY"
                if isinstance(item, str) and "\n" in item:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        for c, w in enumerate(widths, start=1):
            ws.column_dimensions[chr(ord("A") + c - 1)].width = w
    book.properties.created = dt.datetime(2023, 11, 30)
    book.save(path)


def write_xls(path: Path) -> None:
    """The same sheets as Excel 97-2003 (``.xls``, xlwt): merged titles, date cells."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    bold = xlwt.easyxf("font: bold on; align: horiz center")
    day = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    wrap = xlwt.easyxf("align: wrap on, vert top")
    for name, titles, block, header, rows, widths in sheets():
        ws = book.add_sheet(name)
        r = 0
        for title in titles:
            ws.write_merge(r, r, 0, len(header) - 1, title, bold)
            r += 1
        r += 1
        for label, value in block:
            ws.write(r, 1, label)
            ws.write(r, 2, ":")
            ws.write(r, 3, value)
            r += 1
        if block:
            r += 1
        for c, text in enumerate(header):
            ws.write(r, c, text, xlwt.easyxf("font: bold on"))
        for row in rows:
            r += 1
            for c, item in enumerate(row):
                if item is None or item == "":
                    continue
                if isinstance(item, dt.date):
                    ws.write(r, c, item, day)
                elif isinstance(item, str) and "\n" in item:
                    ws.write(r, c, item, wrap)
                else:
                    ws.write(r, c, item)
        for c, w in enumerate(widths):
            ws.col(c).width = 256 * w
    book.save(str(path))


def _ods_cell(value: Cell, span: int = 1) -> str:
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    if value is None or value == "":
        return f"<table:table-cell{spanned}/>"
    if isinstance(value, dt.date):
        return (
            f'<table:table-cell{spanned} office:value-type="date"'
            f' office:date-value="{value.isoformat()}">'
            f"<text:p>{value:%d/%m/%Y}</text:p></table:table-cell>"
        )
    if isinstance(value, int):
        return (
            f'<table:table-cell{spanned} office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return f'<table:table-cell{spanned} office:value-type="string">{paragraphs}</table:table-cell>'


def _ods_row(cells: Sequence[Cell]) -> str:
    return "<table:table-row>" + "".join(_ods_cell(v) for v in cells) + "</table:table-row>"


def write_ods(path: Path) -> None:
    """The same sheets as OpenDocument: merged titles span the table, dates are date cells."""
    tables: list[str] = []
    for name, titles, block, header, rows, _ in sheets():
        width = len(header)
        parts: list[str] = []
        for title in titles:
            covered = "<table:covered-table-cell/>" * (width - 1)
            parts.append(f"<table:table-row>{_ods_cell(title, width)}{covered}</table:table-row>")
        parts.append(_ods_row([]))
        parts += [_ods_row(["", label, ":", value]) for label, value in block]
        if block:
            parts.append(_ods_row([]))
        parts.append(_ods_row(header))
        parts += [_ods_row(row) for row in rows]
        tables.append(f'<table:table table:name="{escape(name)}">{"".join(parts)}</table:table>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/"'
        ' manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    stamp = (2023, 11, 30, 0, 0, 0)
    with zipfile.ZipFile(path, "w") as zf:
        # The mimetype comes first and uncompressed: that is how readers recognise an ODS.
        zf.writestr(
            zipfile.ZipInfo("mimetype", stamp),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        zf.writestr(zipfile.ZipInfo("META-INF/manifest.xml", stamp), manifest, zipfile.ZIP_DEFLATED)
        zf.writestr(zipfile.ZipInfo("content.xml", stamp), content, zipfile.ZIP_DEFLATED)


def main() -> None:
    EXAMPLES.mkdir(exist_ok=True)
    write_xlsx(EXAMPLES / f"{STEM}.xlsx")
    write_ods(EXAMPLES / f"{STEM}.ods")
    write_xls(EXAMPLES / f"{STEM}.xls")
    print(f"written: examples/{STEM}.xlsx, .ods and .xls")


if __name__ == "__main__":
    main()
