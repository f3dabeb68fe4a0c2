"""An empty workbook to fill in: the sheets an office keeps, with Indonesian headers.

Sheets ``Aktor``, ``Tautan``, ``Kegiatan``, ``Daftar Hadir`` (as printed, with its
title block) and ``Kerja Sama``, each with example rows that import as they
stand, and drop-down lists of kinds, link types and activity types (from a hidden
``Pilihan`` sheet; other spellings such as ``Ketua PPS`` stay allowed).
"""

from __future__ import annotations

from pathlib import Path

from sinergi_graph.kinds import KindCatalogue, default_catalogue
from sinergi_graph.models import LinkType

__all__ = ["SHEETS", "write_template"]

_VILLAGE = "34.03.07.2004"
_DISTRICT = "34.03.07"

# Sheet name -> (header, example rows). Headers are the Indonesian synonyms of roles.toml.
SHEETS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {
    "Aktor": (
        ("Jenis", "Nama", "Wilayah", "Anggota dari", "Telepon", "Email", "Keterangan"),
        (
            ("PPS", "PPS Tepus", _VILLAGE, "", "", "", "Kalurahan Tepus"),
            ("Lurah", "Lurah Tepus", _VILLAGE, "", "", "", ""),
            ("Ketua PPS", "Sri Lestari", _VILLAGE, "", "", "", ""),
            ("PPK", "PPK Tepus", _DISTRICT, "", "", "", "Kapanewon Tepus"),
            ("KPU Kabupaten/Kota", "KPU Gunungkidul", "34.03", "", "", "", ""),
            ("Pemerintah Daerah", "Pemda Gunungkidul", "34.03", "", "", "", ""),
        ),
    ),
    "Tautan": (
        ("Dari", "Kepada", "Jenis", "Tanggal", "Topik", "Keterangan"),
        (("PPS Tepus", "PPK Tepus", "Koordinasi", "02/10/2023", "Jadwal coklit", ""),),
    ),
    "Kegiatan": (
        (
            "Kegiatan",
            "Tanggal",
            "Jenis",
            "Topik",
            "Tempat",
            "Wilayah",
            "Kerja sama",
            "Daftar peserta",
            "Keterangan",
        ),
        (
            (
                "K-001",
                "12/10/2023",
                "Sosialisasi",
                "Tahapan pemilu",
                "Aula KPU",
                "34.03",
                "MOU-001",
                "KPU Gunungkidul; Pemda Gunungkidul",
                "",
            ),
        ),
    ),
    "Kerja Sama": (
        ("Kode", "Judul", "Pihak", "Nomor", "Ditandatangani", "Berakhir", "Keterangan"),
        (
            (
                "MOU-001",
                "Nota kesepahaman pendidikan pemilih",
                "KPU Gunungkidul; Pemda Gunungkidul",
                "001/MoU/2023",
                "01/03/2023",
                "01/03/2026",
                "",
            ),
        ),
    ),
}

_DAFTAR_HADIR: tuple[tuple[str, ...], ...] = (
    ("DAFTAR HADIR",),
    ("RAPAT KOORDINASI PEMUTAKHIRAN DATA PEMILIH",),
    ("Hari/Tanggal", ":", "Kamis, 5 Oktober 2023"),
    ("Tempat", ":", "Balai Kalurahan Tepus"),
    ("Acara", ":", "Koordinasi DPTb"),
    (),
    ("No", "Nama", "Jabatan", "Instansi", "Tanda Tangan"),
    ("1", "Sutrisno", "Lurah", "Kalurahan Tepus", ""),
    ("2", "Sri Lestari", "Ketua PPS", "PPS Tepus", ""),
)

_ACTIVITY_TYPES = ("RAPAT", "SOSIALISASI", "AUDIENSI", "BIMTEK", "MONITORING", "KUNJUNGAN")


def _choices(catalogue: KindCatalogue) -> dict[str, list[str]]:
    return {
        "Jenis aktor": [k.label_id for k in catalogue],
        "Jenis tautan": [t.value for t in LinkType],
        "Jenis kegiatan": list(_ACTIVITY_TYPES),
    }


def write_template(path: Path, catalogue: KindCatalogue | None = None) -> None:
    """Write the template workbook to ``path`` (``.xlsx``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    choices = _choices(catalogue or default_catalogue())
    lists = book.create_sheet("Pilihan")
    ranges: dict[str, str] = {}
    for col, (title, values) in enumerate(choices.items(), start=1):
        letter = chr(ord("A") + col - 1)
        lists.cell(1, col, title).font = bold
        for row, value in enumerate(values, start=2):
            lists.cell(row, col, value)
        ranges[title] = f"Pilihan!${letter}$2:${letter}${len(values) + 1}"
    for name, (header, examples) in SHEETS.items():
        ws = book.create_sheet(name)
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = bold
        for example in examples:
            ws.append(list(example))
        for index, title in enumerate(header):
            ws.column_dimensions[chr(ord("A") + index)].width = max(14, len(title) + 4)
        wanted = {
            "Aktor": "Jenis aktor",
            "Tautan": "Jenis tautan",
            "Kegiatan": "Jenis kegiatan",
        }.get(name)
        if wanted is not None:
            column = chr(ord("A") + header.index("Jenis"))
            _drop_down(ws, DataValidation, ranges[wanted], f"{column}2:{column}1000")
    ws = book.create_sheet("Daftar Hadir", index=4)
    for printed in _DAFTAR_HADIR:
        ws.append(list(printed))
    ws["A1"].font = Font(bold=True, size=14)
    for letter, width in zip("ABCDE", (6, 28, 22, 28, 18), strict=True):
        ws.column_dimensions[letter].width = width
    book.move_sheet("Pilihan", offset=len(book.sheetnames) - 1)
    lists.sheet_state = "hidden"
    book.save(path)


def _drop_down(ws: object, validation: type, source: str, cells: str) -> None:
    # Offered, not enforced: ``Ketua PPS``, ``Kades`` and other spellings stay valid.
    dv = validation(type="list", formula1=f"={source}", allow_blank=True, showErrorMessage=False)
    ws.add_data_validation(dv)  # type: ignore[attr-defined]
    dv.add(cells)
