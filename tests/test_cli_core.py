"""The CLI as a user runs it: the real ``sinergi`` console script in a subprocess."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from clirun import run_cli
from openpyxl import load_workbook

DATA = Path(__file__).parent / "data"
NODES = str(DATA / "temanggung_nodes.csv")
LINKS = str(DATA / "temanggung_links.csv")


def loaded(tmp_path: Path) -> str:
    db = str(tmp_path / "net.db")
    result = run_cli("--db", db, "import", NODES, LINKS)
    assert result.returncode == 0, result.stderr
    return db


def test_import_then_gaps_csv(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    result = run_cli("gaps", "--db", db, "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:7] == [
        "rule",
        "severity",
        "reason",
        "subject_id",
        "subject_name",
        "area",
        "counterpart_ids",
    ]
    assert [(r["rule"], r["subject_id"], r["reason"], r["counterpart_ids"]) for r in rows] == [
        ("kpu-kesbangpol", "KPU-3323", "no_contact", "KESBANG-3323"),
        ("ppk-danramil", "PPK-332301", "no_contact", "DANRAMIL-332301"),
        ("ppk-puskesmas", "PPK-332301", "no_contact", "PKM-332301"),
        ("pps-kades", "PPS-3323012002", "no_contact", "KADES-3323012002"),
    ]


def test_gaps_filters_and_json(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    result = run_cli("--db", db, "gaps", "--area", "3323010", "--format", "json")
    assert result.returncode == 1 and "3323010" in result.stderr
    result = run_cli(
        "--db", db, "gaps", "--area", "332301", "--rule", "pps-kades", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    assert [(g["rule"], g["subject_id"]) for g in json.loads(result.stdout)] == [
        ("pps-kades", "PPS-3323012002")
    ]
    result = run_cli(
        "--db", db, "gaps", "--as-of", "01/01/2023", "--rule", "kpu-polres", "--format", "json"
    )
    assert [g["reason"] for g in json.loads(result.stdout)] == ["no_contact"]


def test_gaps_to_xlsx_and_markdown_files(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    xlsx = tmp_path / "out" / "gaps.xlsx"
    result = run_cli("--db", db, "gaps", "--format", "xlsx", "--output", str(xlsx))
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(xlsx).active
    values = list(sheet.values)
    # xlsx and md are for people (issue 10): words and names, not codes.
    assert values[0][:4] == ("No", "Kecamatan", "Desa/Kelurahan", "Lembaga") and len(values) == 5
    assert "no_contact" not in {v for row in values for v in row}
    md = tmp_path / "gaps.md"
    assert run_cli("--db", db, "gaps", "--format", "md", "--output", str(md)).returncode == 0
    text = md.read_text("utf-8")
    assert "| tinggi | belum kontak |" in text and "| PPS-3323012002 |" in text
    result = run_cli("--db", db, "gaps", "--format", "xlsx")
    assert result.returncode == 1 and "--output" in result.stderr


def test_table_output_speaks_indonesian_and_english(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    result = run_cli("--db", db, "gaps")
    assert result.returncode == 0 and "4 celah" in result.stdout and "aturan" in result.stdout
    result = run_cli("--db", db, "--lang", "en", "gaps")
    assert "4 gaps" in result.stdout and "rule" in result.stdout
    result = run_cli("--db", db, "gaps", env={"SINERGI_LANG": "en"})
    assert "4 gaps" in result.stdout


def test_stats_json_shape(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    result = run_cli("--db", db, "stats", "--format", "json")
    doc = json.loads(result.stdout)
    assert set(doc) == {"actors", "links", "by_kind"}
    assert (doc["actors"], doc["links"], doc["by_kind"]["PPS"], doc["by_kind"]["PERSON"]) == (
        15,
        9,
        2,
        2,
    )


def test_sinergi_db_environment_variable(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    result = run_cli("stats", "--format", "json", env={"SINERGI_DB": db})
    assert json.loads(result.stdout)["actors"] == 15


def test_invalid_import_exits_non_zero_and_writes_nothing(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("id;kind;name;area\nx;Kepala Dsa;X;33.23.01.2001\ny;PPS;Y;12345\n", "utf-8")
    result = run_cli("--db", db, "import", str(bad))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{bad}:2:kind: jenis 'Kepala Dsa' tidak dikenal (mungkin: KADES")
    assert lines[1].startswith(f"{bad}:3:area: ")
    assert "Traceback" not in result.stderr and "tidak ada yang disimpan" in lines[-1]
    assert json.loads(run_cli("--db", db, "stats", "--format", "json").stdout)["actors"] == 15


def test_failures_are_one_line_without_traceback(tmp_path: Path) -> None:
    db = str(tmp_path / "net.db")
    for args in (
        ("import", str(tmp_path / "missing.csv")),
        ("gaps", "--rule", "no-such-rule"),
        ("gaps", "--as-of", "kemarin"),
        ("import", str(Path(__file__))),
    ):
        result = run_cli("--db", db, *args)
        assert result.returncode != 0, args
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)
    not_a_db = tmp_path / "garbage.db"
    not_a_db.write_bytes(b"this is not sqlite" * 100)
    result = run_cli("--db", str(not_a_db), "stats")
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    result = run_cli("--db", str(not_a_db), "--debug", "stats")
    assert result.returncode == 1 and "Traceback" in result.stderr


def test_export_import_round_trip_in_every_format(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    original = run_cli(
        "--db",
        db,
        "export",
        "--format",
        "json",
        "--output",
        str(tmp_path / "o.json"),
        "--show-contacts",
    )
    assert original.returncode == 0, original.stderr
    reference = json.loads((tmp_path / "o.json").read_text("utf-8"))
    assert any(n.get("phone") == "081234567890" for n in reference["nodes"])
    for fmt, target in (
        ("csv", tmp_path / "csvdir"),
        ("xlsx", tmp_path / "n.xlsx"),
        ("json", tmp_path / "n.json"),
    ):
        assert (
            run_cli(
                "--db", db, "export", "--format", fmt, "--output", str(target), "--show-contacts"
            ).returncode
            == 0
        )
        inputs = (
            [str(target / "nodes.csv"), str(target / "links.csv")]
            if fmt == "csv"
            else [str(target)]
        )
        fresh = str(tmp_path / f"fresh-{fmt}.db")
        result = run_cli("--db", fresh, "import", *inputs)
        assert result.returncode == 0, (fmt, result.stderr)
        again = tmp_path / f"again-{fmt}.json"
        run_cli(
            "--db", fresh, "export", "--format", "json", "--output", str(again), "--show-contacts"
        )
        assert json.loads(again.read_text("utf-8")) == reference, fmt


def test_export_hides_personal_data_unless_asked(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    out = tmp_path / "plain"
    result = run_cli("--db", db, "export", "--format", "csv", "--output", str(out))
    assert result.returncode == 0
    nodes = (out / "nodes.csv").read_text("utf-8")
    assert "081234567890" not in nodes and "3323014501900001" not in nodes
    assert "example.invalid" not in nodes and "phone" not in nodes.splitlines()[0]
    assert "--show-contacts" in result.stderr
