"""The README's worked example: an office's own workbook, imported in one command, checked by hand.

``examples/buku_kerja_ppk_tretep.xlsx`` (written by ``scripts/make_office_example.py``)
is the workbook of PPK Kecamatan Tretep (33.23.11, Kabupaten Temanggung) as a
secretariat keeps it: own sheet names, merged title rows, a ``No`` column, no
ids, links and agreement parties by name, two printed daftar hadir and a kerja
sama sheet. The gap list and the agreement evaluation below were worked out by
hand from ``sinergi_graph/data/rules.toml`` and the pemilu-2024 calendar, as
of 30 November 2023, before sinergi was run on the file; the tests hold the
CLI to them. The last test keeps the README's shown output true.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from clirun import run_cli

ROOT = Path(__file__).resolve().parent.parent
XLSX = Path("examples/buku_kerja_ppk_tretep.xlsx")
ODS = Path("examples/buku_kerja_ppk_tretep.ods")
XLS = Path("examples/buku_kerja_ppk_tretep.xls")
AS_OF = "2023-11-30"
README_DB = "tretep.db"

# Ids as the import derives them from kind, area and name (there is no id column).
PPK = "PPK-332311-ppk-kecamatan-tretep"
PPK_NAME = "PPK Kecamatan Tretep"
DANRAMIL = "DANRAMIL-332311-danramil-tretep"
KPU = "KPU_KAB-3323-kpu-kabupaten-temanggung"
CAMAT = "CAMAT-332311-camat-tretep"
PUSKESMAS = "PUSKESMAS-332311-puskesmas-tretep"
KAPOLSEK = "KAPOLSEK-332311-kapolsek-tretep"
DESA = {
    "Tretep": "2001", "Nglarangan": "2003", "Sigedong": "2004", "Tempelsari": "2006",
    "Bendungan": "2009", "Simpar": "2010", "Tlogo": "2011",
}  # fmt: skip
RAKOR = "K-20231005-rakor-dptb-tingkat-kecamatan"


def pps(desa: str) -> str:
    return f"PPS-332311{DESA[desa]}-pps-desa-{desa.lower()}"


def kades(desa: str) -> str:
    return f"KADES-332311{DESA[desa]}-kepala-desa-{desa.lower()}"


def sinergi(
    db: Path, *args: str, columns: int = 200
) -> tuple[int, str, str]:  # (exit code, stdout, stderr)
    done = run_cli("--db", str(db), *args, env={"COLUMNS": str(columns)}, cwd=ROOT)
    return done.returncode, done.stdout, done.stderr


def network(db: Path, folder: Path) -> dict[str, Any]:
    """The whole store as ``export --format json`` writes it."""
    out = folder / f"{db.stem}.json"
    code, _, err = sinergi(db, "export", "--format", "json", "--output", str(out), "--force")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, str]]:
    """A fresh store filled by the one import command of the README, and what it printed."""
    home = tmp_path_factory.mktemp("office")
    with pytest.MonkeyPatch.context() as mp:
        # The autouse isolation of conftest is per test; this store is made once per module.
        mp.setenv("SINERGI_CONFIG", str(home / "config.toml"))
        mp.setenv("SINERGI_CACHE_DIR", str(home / "cache"))
        mp.setenv("SINERGI_STRICT_MESSAGES", "1")
        for name in ("SINERGI_LANG", "SINERGI_RULES", "SINERGI_DB", "NEO4J_URI"):
            mp.delenv(name, raising=False)
        db = home / "tretep.db"
        # An office laptop's 80 columns: each message and warning still stays on one line.
        code, out, err = sinergi(db, "import", str(XLSX), "--create-missing", columns=80)
        assert code == 0, out + err
        yield db, out, err


def test_one_command_imports_the_workbook(imported: tuple[Path, str, str]) -> None:
    _, out, err = imported
    assert out.splitlines() == [
        # 33 rows of Data Lembaga (30 institutions, 3 people) and the 7 people of the
        # daftar hadir not in it; the 19 rows of Rekap Koordinasi.
        "Impor selesai: 40 aktor dan 19 tautan disimpan (40 aktor baru, 19 tautan baru)",
        "33 id aktor dibuat dari jenis, wilayah dan nama (tidak ada kolom id); impor ulang memberi id yang sama",
        "2 kegiatan, 4 kerja sama; 7 aktor baru dibuat dari daftar hadir",
    ]
    # Tempat on a links sheet is read but has no place on a link: said, not dropped silently.
    assert err.strip() == (
        f"{XLSX}[Rekap Koordinasi]:4:Tempat: peringatan: kolom dibaca tetapi tidak dipakai: Tempat"
    )


def link_ids(db: Path, folder: Path) -> dict[tuple[str, str, str], str]:
    """Link ids by (date, source, target): the Rekap Koordinasi row a gap's ``via`` names."""
    return {
        (link["date"], link["source"], link["target"]): link["id"]
        for link in network(db, folder)["links"]
    }


def test_gap_list_is_the_one_computed_by_hand(
    imported: tuple[Path, str, str], tmp_path: Path
) -> None:
    """As of 2023-11-30 every PPS and PPK rule of Tretep is in its masa kerja, so:

    - a contact must be at most 120 days old: on or after 2023-08-02 (pps-kades,
      pps-ppk, ppk-camat, ppk-kapolsek, ppk-danramil, ppk-kpu; ppk-puskesmas has
      no window);
    - the sowan is due within 30 days of the start of the masa kerja: PPS ↔ kepala
      desa between 2023-01-17 and 2023-02-16, PPK ↔ camat between 2023-01-04 and
      2023-02-03.

    Contacts after 2023-08-02: the rakor of 5 Oct (PPK, camat, kapolsek, eight PPS
    — not Bendungan, Simpar, Tlogo — and seven kepala desa — not Nglarangan,
    Tempelsari, Simpar, Tlogo), the sosialisasi of 14 Nov (PPK, Panwaslu, kepala
    desa Simpar), PPS Simpar → PPK on 21 Aug, PPS Tlogo ↔ kepala desa Tlogo on
    12 Sep. Hence, PPK: camat (sowan 9 Jan, rakor), kapolsek (rakor) and puskesmas
    (10 Feb, any date counts) are met; danramil (11 Jan only) and KPU (20 Jun only)
    are stale. PPS ↔ kepala desa: Tretep, Donorojo, Bonjor, Campurejo, Bojong
    (sowan in time, both at the rakor) and Tlogo (sowan 31 Jan, 12 Sep) are met;
    Sigedong's sowan came on 20 Feb, after the deadline (the rakor is its last
    contact); Nglarangan (16 May), Tempelsari (1 Feb) and Bendungan (6 Feb) have
    nothing since 2 Aug; Simpar never met its kepala desa. PPS ↔ PPK: the eight at
    the rakor and Simpar (21 Aug) are met; Bendungan's last was the bimtek of 14
    Mar; Tlogo never met the PPK.
    """
    db, _, _ = imported
    code, out, err = sinergi(db, "gaps", "--area", "33.23.11", "--as-of", AS_OF, "--format", "json")
    assert code == 0, err
    via = link_ids(db, tmp_path)

    def gap(
        rule: str, severity: str, reason: str, subject: str, name: str, area: str,
        counterpart: str, counterpart_name: str, last: str = "", missed: str = "",
        through: str = "", desa: str = "",
    ) -> dict[str, str]:  # fmt: skip
        return {
            "rule": rule, "severity": severity, "reason": reason, "subject_id": subject,
            "subject_name": name, "area": area, "counterpart_ids": counterpart,
            "last_contact": last, "missed": missed, "via": through,
            "kecamatan_name": "Tretep", "desa_name": desa, "counterpart_names": counterpart_name,
        }  # fmt: skip

    def village(rule: str, desa: str, reason: str, **kw: str) -> dict[str, str]:
        counterpart = (
            (kades(desa), f"Kepala Desa {desa}") if rule == "pps-kades" else (PPK, PPK_NAME)
        )
        area = f"33.23.11.{DESA[desa]}"
        return gap(rule, "high", reason, pps(desa), f"PPS Desa {desa}", area, *counterpart,
                   desa=desa, **kw)  # fmt: skip

    expected = [
        gap("ppk-danramil", "medium", "stale", PPK, PPK_NAME, "33.23.11", DANRAMIL,
            "Danramil Tretep", "2023-01-11", "window", via[("2023-01-11", PPK, DANRAMIL)]),
        gap("ppk-kpu", "high", "stale", PPK, PPK_NAME, "33.23.11", KPU,
            "KPU Kabupaten Temanggung", "2023-06-20", "window", via[("2023-06-20", PPK, KPU)]),
        village("pps-kades", "Nglarangan", "stale", last="2023-05-16", missed="window",
                through=via[("2023-05-16", pps("Nglarangan"), kades("Nglarangan"))]),
        village("pps-kades", "Sigedong", "stale", last="2023-10-05", missed="deadline",
                through=RAKOR),
        village("pps-kades", "Tempelsari", "stale", last="2023-02-01", missed="window",
                through=via[("2023-02-01", pps("Tempelsari"), kades("Tempelsari"))]),
        village("pps-kades", "Bendungan", "stale", last="2023-02-06", missed="window",
                through=via[("2023-02-06", pps("Bendungan"), kades("Bendungan"))]),
        village("pps-ppk", "Bendungan", "stale", last="2023-03-14", missed="window",
                through=via[("2023-03-14", PPK, pps("Bendungan"))]),
        village("pps-kades", "Simpar", "no_contact"),
        village("pps-ppk", "Tlogo", "no_contact"),
    ]  # fmt: skip
    key = lambda g: (g["rule"], g["subject_id"])  # noqa: E731
    assert sorted(json.loads(out), key=key) == sorted(expected, key=key)


def test_agreement_evaluation_is_the_one_computed_by_hand(
    imported: tuple[Path, str, str],
) -> None:
    """As of 2023-11-30: expired before that day, expiring within 90 days (by
    2024-02-28), no kegiatan naming it since signing, last follow-up over 365 days
    ago, else ok. 01/NK is named by the rakor of 5 Oct (its daftar hadir says
    ``Kerja Sama : 01/NK/PPK-TRT/I/2023``) and runs to 4 Apr 2024: ok. 02/PKS ends
    10 Feb 2024, 72 days on: expiring. 03/PKS ends 31 Mar 2024 and no kegiatan
    names it: no follow-up. 04/PKS ended 30 Jun 2023: expired.
    """
    db, _, _ = imported
    code, out, err = sinergi(db, "agreements", "--as-of", AS_OF, "--format", "json")
    assert code == 0, err

    def agreement(
        id_: str, title: str, partner: str, signed: str, expires: str, status: str,
        reason: str, follow_ups: int = 0, last: str | None = None,
    ) -> dict[str, object]:  # fmt: skip
        return {
            "id": id_, "title": title, "parties": [PPK, partner], "signed": signed,
            "expires": expires, "status": status, "reason": reason,
            "follow_ups": follow_ups, "last_follow_up": last,
        }  # fmt: skip

    assert json.loads(out) == {
        "agreements": [
            agreement("KS-01-nk-ppk-trt-i-2023", "Dukungan sekretariat PPK", CAMAT,
                      "2023-01-20", "2024-04-04", "active", "ok", 1, "2023-10-05"),
            agreement("KS-02-pks-ppk-trt-ii-2023", "Pemeriksaan kesehatan", PUSKESMAS,
                      "2023-02-10", "2024-02-10", "active", "expiring"),
            agreement("KS-03-pks-ppk-trt-iii-2023", "Pengamanan tahapan", KAPOLSEK,
                      "2023-03-01", "2024-03-31", "active", "no_follow_up"),
            agreement("KS-04-pks-ppk-trt-i-2023", "Pinjam pakai gudang", kades("Tretep"),
                      "2023-01-02", "2023-06-30", "expired", "expired"),
        ]
    }  # fmt: skip


def test_agreements_of_one_desa_and_on_an_80_column_screen(imported: tuple[Path, str, str]) -> None:
    """``--area`` keeps the kerja sama with a party there; the table reads at 80 columns."""
    db, _, _ = imported
    code, out, err = sinergi(db, "agreements", "--as-of", AS_OF, "--area", "33.23.11.2001",
                             "--format", "json")  # fmt: skip
    assert code == 0, err
    assert [a["id"] for a in json.loads(out)["agreements"]] == ["KS-04-pks-ppk-trt-i-2023"]
    code, out, err = sinergi(db, "agreements", "--area", "33.23.01")
    assert code == 0, err
    assert "Tidak ada kerja sama dengan pihak di Kecamatan Bulu (4 tercatat" in out
    code, out, err = sinergi(db, "agreements", "--as-of", AS_OF, columns=80)
    assert code == 0, err
    assert all(len(line) <= 80 for line in out.splitlines())
    # Every word whole (a phrase may wrap inside its column), dates with the month's name.
    shown = set(out.split())
    assert {"Dukungan", "sekretariat", "Puskesmas", "Februari", "Oktober", "≤", "tindak"} <= shown
    assert "KS-01" not in out  # the id stays in the files


def test_gap_table_keeps_names_whole_on_an_80_column_screen(
    imported: tuple[Path, str, str],
) -> None:
    """The kabupaten's long names beside the codes: every name whole, each code on one line."""
    db, _, _ = imported
    code, out, err = sinergi(db, "gaps", columns=80)
    assert code == 0, err
    assert out.splitlines() and all(len(line) <= 80 for line in out.splitlines())
    code, doc, err = sinergi(db, "gaps", "--format", "json")
    assert code == 0, err
    gaps = json.loads(doc)
    names = {g["subject_name"] for g in gaps} | {g["counterpart_names"] for g in gaps}
    words = {w for name in names for w in name.split()}
    assert {"Kabupaten", "Temanggung", "Simpar"} <= words
    # Before, Rich gave the no-wrap columns their width and folded the names letter
    # by letter ("Kabu" / "pate" / "n"): every word on screen is whole.
    assert words <= set(out.split()), words - set(out.split())
    assert {g["area"] for g in gaps} <= set(out.split())


def test_kegiatan_on_an_80_column_screen(imported: tuple[Path, str, str]) -> None:
    """The kegiatan list reads as the daftar hadir: date spelt, kecamatan named, who came."""
    db, _, _ = imported
    code, out, err = sinergi(db, "activities", columns=80)
    assert code == 0, err
    lines = out.splitlines()
    assert lines and all(len(line) <= 80 for line in lines)
    words = out.split()
    # Two daftar hadir: 18 names at the rakor of 5 October, 3 at the sosialisasi.
    assert words.count("orang:") == 2 and "18" in words and "Oktober" in words
    assert {"Kecamatan", "Tretep", "Kapolsek", "Bendungan"} <= set(words)
    assert "K-20231005" not in out and "33.23.11" not in out  # ids and codes stay in the files
    code, csv_out, _ = sinergi(db, "activities", "--format", "csv")
    assert RAKOR in csv_out and "2023-10-05" in csv_out


def test_reimport_changes_nothing(imported: tuple[Path, str, str], tmp_path: Path) -> None:
    db, _, _ = imported
    before = network(db, tmp_path)
    code, out, err = sinergi(db, "import", str(XLSX), "--create-missing")
    assert code == 0, err
    assert "(0 aktor baru, 0 tautan baru)" in out
    assert "0 aktor baru dibuat dari daftar hadir" in out
    assert network(db, tmp_path) == before


@pytest.mark.parametrize("copy", [ODS, XLS], ids=["ods", "xls"])
def test_the_ods_and_xls_copies_give_the_same_store(
    imported: tuple[Path, str, str], tmp_path: Path, copy: Path
) -> None:
    db, _, _ = imported
    other = tmp_path / "copy.db"
    code, out, err = sinergi(other, "import", str(copy), "--create-missing")
    assert code == 0, out + err
    from_copy = network(other, tmp_path)
    assert from_copy["nodes"] and from_copy["activities"] and from_copy["agreements"]
    assert from_copy == network(db, tmp_path)


def readme_session() -> list[tuple[str, list[str]]]:
    """The commands of the README's office section and the output shown under each."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## Dari buku kerja kantor sampai daftar celah", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```text\n(.*?)```", section, flags=re.S)
    assert blocks, "the README's office section shows no output"
    session: list[tuple[str, list[str]]] = []
    for block in blocks:
        for line in block.splitlines():
            if line.startswith("$ "):
                session.append((line[2:], []))
            else:
                session[-1][1].append(line)
    # A blank line between two commands is the README's layout, not output.
    for _, shown in session:
        while shown and not shown[-1].strip():
            shown.pop()
    return session


def test_readme_shows_what_the_commands_print(tmp_path: Path) -> None:
    session = readme_session()
    assert [c.split()[3] for c, _ in session][:2] == ["import", "gaps"]
    db = tmp_path / README_DB
    for command, shown in session:
        words = shlex.split(command)
        assert words[:3] == ["sinergi", "--db", README_DB], command
        done = run_cli(
            "--db", str(db), *words[3:], env={"COLUMNS": "120"}, cwd=ROOT
        )  # fmt: skip
        printed = (done.stdout + done.stderr).rstrip("\n").splitlines()
        assert [line.rstrip() for line in printed] == [line.rstrip() for line in shown], command
    assert not (ROOT / README_DB).exists(), "the test must not leave a store in the checkout"


def test_example_files_are_what_the_script_writes(tmp_path: Path) -> None:
    """The committed workbooks hold the script's cells (a changed script needs a rerun)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_office_example", ROOT / "scripts" / "make_office_example.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.write_ods(tmp_path / "fresh.ods")
    assert (tmp_path / "fresh.ods").read_bytes() == (ROOT / ODS).read_bytes()
    script.write_xls(tmp_path / "fresh.xls")
    assert (tmp_path / "fresh.xls").read_bytes() == (ROOT / XLS).read_bytes()
    from python_calamine import CalamineWorkbook

    script.write_xlsx(tmp_path / "fresh.xlsx")
    fresh = CalamineWorkbook.from_path(str(tmp_path / "fresh.xlsx"))
    kept = CalamineWorkbook.from_path(str(ROOT / XLSX))
    assert fresh.sheet_names == kept.sheet_names
    for name in kept.sheet_names:
        assert fresh.get_sheet_by_name(name).to_python() == kept.get_sheet_by_name(name).to_python()


# The import fixes the office workbook needed, each alone on small CSV files.

NODES = "Nama;Jenis;Kode Wilayah\nPPK Tepus;PPK;34.03.07\nPanewu Tepus;Panewu;34.03.07\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def problems(paths: list[Path], store: Any) -> list[str]:
    from sinergi_graph.importer import ImportRejected, import_files

    with pytest.raises(ImportRejected) as exc:
        import_files(paths, store)
    assert store.is_empty(), "nothing may be written when a file has problems"
    return [p.render("en") for p in exc.value.problems]


def test_kerja_sama_without_ids_named_by_number_or_title(
    tmp_path: Path, embedded_store: Any
) -> None:
    from sinergi_graph.importer import import_files

    nodes = write(tmp_path, "lembaga.csv", NODES)
    # Parties one per line in a quoted cell, as Excel saves an Alt+Enter cell.
    agreements = write(
        tmp_path,
        "ks.csv",
        "Nomor;Perihal;Para Pihak;Tanggal;Berakhir\n"
        '01/NK/2023;Sekretariat PPK;"PPK Tepus\nPanewu Tepus";20 Januari 2023;4 April 2024\n'
        ";Gudang logistik;PPK Tepus;02/01/2023;30/06/2023\n",
    )
    activities = write(
        tmp_path,
        "kegiatan.csv",
        "Kegiatan;Tanggal;Kerja sama\nK1;05/10/2023;01/nk/2023\nK2;06/10/2023;gudang LOGISTIK\n",
    )
    links = write(
        tmp_path, "rekap.csv", "Dari;Kepada;Tanggal\nPPK Tepus;Panewu Tepus;16 Mei 2023\n"
    )
    import_files([nodes, agreements, activities, links], embedded_store)
    stored = {g.id: g for g in embedded_store.agreements()}
    assert sorted(stored) == ["KS-01-nk-2023", "KS-20230102-gudang-logistik"]
    assert len(stored["KS-01-nk-2023"].parties) == 2
    follow_ups = {a.id: a.agreement for a in embedded_store.activities()}
    assert follow_ups == {"K1": "KS-01-nk-2023", "K2": "KS-20230102-gudang-logistik"}
    assert [str(link.date) for link in embedded_store.links()] == ["2023-05-16"]


def test_unknown_kerja_sama_and_bad_dates_are_problems(tmp_path: Path, embedded_store: Any) -> None:
    nodes = write(tmp_path, "lembaga.csv", NODES)
    agreements = write(tmp_path, "ks.csv", "Kode;Perihal;Para Pihak\n;Sekretariat PPK;PPK Tepus\n")
    activities = write(
        tmp_path, "kegiatan.csv", "Kegiatan;Tanggal;Kerja sama\nK1;05/10/2023;99/XX\n"
    )
    links = write(
        tmp_path, "rekap.csv", "Dari;Kepada;Tanggal\nPPK Tepus;Panewu Tepus;16 Mey 2023\n"
    )
    found = problems([nodes, agreements, activities, links], embedded_store)
    # An id column left empty is still a missing id; only a sheet without one derives it.
    assert any(p.startswith(f"{tmp_path / 'ks.csv'}:2:Kode:") for p in found), found
    assert any(
        p.startswith(f"{tmp_path / 'kegiatan.csv'}:2:Kerja sama:") and "99/XX" in p for p in found
    ), found
    assert any(
        p.startswith(f"{tmp_path / 'rekap.csv'}:2:Tanggal:") and "16 Mey 2023" in p for p in found
    ), found
    assert len(found) == 3, found


def test_daftar_hadir_naming_an_unknown_kerja_sama_is_a_problem(
    tmp_path: Path, embedded_store: Any
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Data Lembaga"
    for row in [
        ["Nama", "Jenis", "Kode Wilayah"],
        ["PPK Tepus", "PPK", "34.03.07"],
        ["Panewu Tepus", "Panewu", "34.03.07"],
    ]:
        sheet.append(row)
    dh = book.create_sheet("DH 5 Okt")
    for row in [
        ["DAFTAR HADIR"],
        ["Hari/Tanggal", ":", "Kamis, 5 Oktober 2023"],
        ["Kerja Sama", ":", "07/NK/2023"],
        [],
        ["No", "Nama", "Jabatan", "Instansi", "Tanda Tangan"],
        ["1", "Sutrisno", "Panewu", "Kapanewon Tepus", ""],
        ["2", "Sri", "PPK", "PPK Tepus", ""],
    ]:
        dh.append(row)
    path = tmp_path / "kantor.xlsx"
    book.save(path)
    found = problems([path], embedded_store)
    assert len(found) == 1 and found[0].startswith(f"{path}[DH 5 Okt]:4:Kerja Sama:"), found
    assert "07/NK/2023" in found[0]
