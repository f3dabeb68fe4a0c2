"""A kabupaten office's workbook as it is kept: made with openpyxl, cell by cell."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

VILLAGE = "34.03.07.2004"  # Kalurahan Tepus
DISTRICT = "34.03.07"  # Kapanewon Tepus

ACTORS = [
    ("pps-tepus", "PPS", "PPS Tepus", VILLAGE, ""),
    ("sri", "PERSON", "Sri Lestari", VILLAGE, "pps-tepus"),
    ("lurah-tepus", "LURAH", "Lurah Tepus", VILLAGE, ""),
    ("ppk-tepus", "PPK", "PPK Tepus", DISTRICT, ""),
    ("camat-tepus", "CAMAT", "Panewu Tepus", DISTRICT, ""),
    ("kpu-gk", "KPU_KAB", "KPU Gunungkidul", "34.03", ""),
    ("kesbang-gk", "KESBANGPOL", "Kesbangpol Gunungkidul", "34.03", ""),
]


def sheet(book: Workbook, title: str, rows: Sequence[Sequence[object]]) -> None:
    ws = book.create_sheet(title)
    for row in rows:
        ws.append(list(row))


def daftar_hadir_rows(
    attendees: Sequence[Sequence[str]], date: str = "Kamis, 5 Oktober 2023"
) -> list[list[str]]:
    """A printed daftar hadir: title block, then No/Nama/Jabatan/Instansi/Tanda Tangan."""
    rows = [
        ["DAFTAR HADIR"],
        ["RAPAT KOORDINASI PEMUTAKHIRAN DATA PEMILIH"],
        ["Hari/Tanggal", ":", date],
        ["Tempat", ":", "Balai Kalurahan Tepus"],
        ["Acara", ":", "Koordinasi DPTb"],
        [],
        ["No", "Nama", "Jabatan", "Instansi", "Tanda Tangan"],
    ]
    rows += [[str(i), *a, ""] for i, a in enumerate(attendees, start=1)]
    return rows


def office_workbook(
    path: Path,
    *,
    daftar_hadir: Sequence[Sequence[str]] | None = None,
    activities: Sequence[Sequence[str]] = (),
    attendance: Sequence[Sequence[str]] = (),
    agreements: Sequence[Sequence[str]] = (),
) -> Path:
    """The workbook: actors (with a title row), and the sheets asked for."""
    book = Workbook()
    book.remove(book.active)
    sheet(
        book,
        "Lembaga",
        [["DATA LEMBAGA KAPANEWON TEPUS"], [], ["ID", "Jenis", "Nama", "Wilayah", "Anggota dari"]]
        + [list(a) for a in ACTORS],
    )
    if daftar_hadir is not None:
        sheet(book, "DH 5 Okt", daftar_hadir_rows(daftar_hadir))
    if activities:
        sheet(
            book,
            "Kegiatan",
            [["Kegiatan", "Tanggal", "Jenis", "Topik", "Wilayah", "Kerja sama"], *activities],
        )
    if attendance:
        sheet(book, "Hadir", [["Kegiatan", "Aktor"], *attendance])
    if agreements:
        sheet(
            book,
            "MoU",
            [["Kode", "Judul", "Pihak", "Nomor", "Ditandatangani", "Berakhir"], *agreements],
        )
    book.save(path)
    return path
