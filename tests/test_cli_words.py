"""The words of the field: every CLI text in Indonesian by default, measured on the whole network.

Run as a user would (the ``sinergi`` script, as subprocesses) on the Temanggung
demo of the README.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from clirun import run_cli

# English words (or jargon) that must not reach an Indonesian user.
BLACKLIST = (
    "shortest",
    "betweenness",
    "Betweenness",
    "constraint",
    "spof_resolved",
    "spof_created",
    "adamic_adar",
    "Louvain",
    "NMI",
    "Show",
    "Only",
    "Usage",
    "Options",
    "Commands",
    "default",
    "closed",
    "opened",
    "computed",
    "exact",
    "Single",
    "Central",
    "Communities",
    "Reach",
    "Plan",
    "Resilience",
    "Worth",
    "repeatable",
    "Write",
    "Replace",
    "ms",
    "gaps",
)
# Command names are the same in both languages; they are not words of the text.
COMMAND_NAMES = re.compile(
    r"sinergi \w+|\(mungkin: \w+\)|^\s*│?\s*(import|stats|demo|gaps|export|metrics|path|simulate|undo|"
    r"recommend|copy|stages|report|draw|tui|scenarios|activities|agreements|template)\b",
    re.MULTILINE,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    home = tmp_path_factory.mktemp("words")
    env = {
        "SINERGI_CONFIG": str(home / "config.toml"),
        "SINERGI_CACHE_DIR": str(home / "cache"),
        "SINERGI_STRICT_MESSAGES": "1",
        "COLUMNS": "100",
    }
    db = home / "demo.db"
    done = run_cli("--db", str(db), "demo", "--region", "33.23", env=env)
    assert done.returncode == 0, done.stderr
    return db, env


def sinergi(demo: tuple[Path, dict[str, str]], *args: str) -> CompletedProcess[str]:
    db, env = demo
    done = run_cli("--db", str(db), *args, env=env)
    assert done.returncode == 0, done.stderr
    return done


def english_words(text: str) -> list[str]:
    text = COMMAND_NAMES.sub(" ", text)
    return [w for w in BLACKLIST if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


COMMANDS = [
    ("--help",),
    ("gaps", "--help"),
    ("metrics", "--help"),
    ("simulate", "--help"),
    ("gaps",),
    ("metrics", "--top", "5"),
    ("simulate", "--add", "PPS-3323012003:PPK-332301", "--remove-actor", "PPK-332309"),
    ("scenarios", "list"),
    ("path", "PPS-3323012003", "KPU_KAB-3323"),
    ("recommend", "--top", "5", "--budget", "3"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_indonesian_mode_speaks_indonesian(
    demo: tuple[Path, dict[str, str]], args: tuple[str, ...]
) -> None:
    done = sinergi(demo, *args)
    shown = done.stdout + done.stderr
    assert shown.strip()
    assert english_words(shown) == [], shown
    # No micro-timings in what a person reads.
    assert not re.search(r"\d+[.,]\d+ ?(ms|s|dtk)\b", shown), shown


def test_english_mode_speaks_english(demo: tuple[Path, dict[str, str]]) -> None:
    helped = sinergi(demo, "--lang", "en", "gaps", "--help").stdout
    assert "Usage" in helped and "Options" in helped and "Show this message" in helped
    metrics = sinergi(demo, "--lang", "en", "metrics", "--top", "3").stdout
    assert "betweenness" in metrics and "Key go-betweens" in metrics
    db, env = demo
    helped = run_cli("--db", str(db), "gaps", "--help", env={**env, "SINERGI_LANG": "en"}).stdout
    assert "List coordination gaps" in helped


def test_roles_and_shares_are_spelled_out(demo: tuple[Path, dict[str, str]]) -> None:
    db, env = demo
    # Wide enough that no cell wraps.
    shown = run_cli("--db", str(db), "metrics", "--top", "3", env={**env, "COLUMNS": "300"}).stdout
    assert "koordinator" in shown and "penjaga gerbang" in shown
    assert not re.search(r"\d+/\d+/\d+/\d+/\d+", shown)  # not 342/8/152/152/46
    assert re.search(r"\d+,\d %", shown)  # 64,3 % as Indonesians write it
    assert "dari" in shown  # reach as "16 dari 19"


@pytest.mark.parametrize(
    "args",
    [("metrics", "--area", "33.23.01", "--top", "5"), ("gaps", "--area", "33.23.01")],
    ids=" ".join,
)
def test_tables_keep_names_whole_on_an_80_column_terminal(
    demo: tuple[Path, dict[str, str]], args: tuple[str, ...]
) -> None:
    db, env = demo
    done = run_cli("--db", str(db), *args, env={**env, "COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines and all(len(line) <= 80 for line in lines)
    # A name cut at the edge of a column shows a piece of it ("Tegalurun" / "g"): no word on
    # screen may be the front of a longer word of the JSON without being a word itself.
    letters = r"[^\W\d_]{4,}"
    shown = set(re.findall(letters, done.stdout))
    data = json.dumps(
        json.loads(sinergi(demo, *args, "--format", "json").stdout), ensure_ascii=False
    )
    known = set(re.findall(letters, data))
    assert "Kecamatan" in known and "Kecamatan" in shown
    cut = {w for w in shown - known if any(k.startswith(w) for k in known)}
    assert cut == set(), cut


def test_simulated_gaps_name_the_kecamatan_of_a_desa(demo: tuple[Path, dict[str, str]]) -> None:
    # Temanggung has a Desa Campursari in Bulu and another in Ngadirejo:
    # a row naming the desa alone would send the coordinator to the wrong village.
    db, env = demo
    args = ("simulate", "--add", "PPS-3323012003:PPK-332301", "--remove-actor", "PPK-332309")
    wide = run_cli("--db", str(db), *args, env={**env, "COLUMNS": "300"})
    assert wide.returncode == 0, wide.stderr
    doc = json.loads(sinergi(demo, *args, "--format", "json").stdout)
    campursari = {
        g["area"] for g in doc["closed"] + doc["opened"] if "Campursari" in g["subject_name"]
    }
    assert len({code[:8] for code in campursari}) == 2  # two kecamatan, one desa name
    assert "Desa Campursari, Kecamatan Bulu" in wide.stdout


@pytest.mark.trust("careless_use")
def test_area_is_measured_on_the_whole_network(demo: tuple[Path, dict[str, str]]) -> None:
    # The KPU of a kecamatan lies outside it: its reach must not drop to 0 %.
    whole = json.loads(sinergi(demo, "metrics", "--section", "reach", "--format", "json").stdout)
    area = json.loads(
        sinergi(
            demo, "metrics", "--area", "33.23.01", "--section", "reach", "--format", "json"
        ).stdout
    )
    by_district = {r["district"]: r for r in whole["reach"]["districts"]}
    assert [r["district"] for r in area["reach"]["districts"]] == ["33.23.01"]
    assert area["reach"]["districts"][0] == by_district["33.23.01"]
    assert area["reach"]["districts"][0]["share"] > 0.5
    # recommend --area: the kecamatan's subjects are not "without any path".
    res_whole = json.loads(
        sinergi(demo, "recommend", "--section", "resilience", "--format", "json").stdout
    )["resilience"]
    res_area = json.loads(
        sinergi(
            demo, "recommend", "--area", "33.23.01", "--section", "resilience", "--format", "json"
        ).stdout
    )["resilience"]
    assert res_area["unreachable"] < 5 and res_area["unreachable"] <= res_whole["unreachable"]
    spof = json.loads(
        sinergi(
            demo, "metrics", "--area", "33.23.01", "--section", "spof", "--format", "json"
        ).stdout
    )["single_points_of_failure"]
    assert spof["unreachable_subjects"] < 5


def test_resilience_follows_the_institutional_chain(demo: tuple[Path, dict[str, str]]) -> None:
    res = json.loads(
        sinergi(demo, "recommend", "--section", "resilience", "--format", "json").stdout
    )["resilience"]
    links = res["links"]
    assert links and len(links) < 40  # not dozens of direct KPU–PPS links
    for link in links:
        subject_kind = link["subject"].split("-")[0]
        partner_kind = link["kpu"].split("-")[0]
        assert (subject_kind, partner_kind) in {("PPS", "PPK"), ("PPK", "KPU_KAB")}, link
        assert link["reason"]
        assert "BAWASLU" not in link["bypasses"] and "PANWASCAM" not in link["bypasses"]
    assert (res["exposed_after"], res["unreachable_after"]) == (0, 0)
    plan = json.loads(sinergi(demo, "recommend", "--section", "plan", "--format", "json").stdout)
    assert all(p["reason"].startswith("menutup") for p in plan["plan"]["links"])


def test_gap_xlsx_is_for_a_meeting(demo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "celah.xlsx"
    sinergi(demo, "gaps", "--area", "33.23.01", "--output", str(out))
    rows = json.loads(sinergi(demo, "gaps", "--area", "33.23.01", "--format", "json").stdout)
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:8] == [
        "No",
        "Kecamatan",
        "Desa/Kelurahan",
        "Lembaga",
        "Aturan",
        "Tingkat",
        "Alasan",
        "Mitra yang perlu dihubungi",
    ]
    body = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(body) == len(rows)
    assert {r[1] for r in body} == {"Bulu"}
    assert {r[5] for r in body} <= {"tinggi", "sedang", "rendah"}
    assert {r[6].split(" (")[0] for r in body} <= {
        "belum kontak",
        "mitra tak tercatat",
        "kontak lama",
    }
    names = {r["counterpart_names"] for r in rows}
    assert {r[7].replace(", ", ";") for r in body if r[7]} <= names
    assert "PPK Kecamatan Bulu" in {r[7] for r in body}
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:K{len(rows) + 1}"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert ws.column_dimensions["D"].width > 15
    english = tmp_path / "gaps.xlsx"
    sinergi(demo, "--lang", "en", "gaps", "--area", "33.23.01", "--output", str(english))
    en = load_workbook(english).active
    assert [c.value for c in en[1]][3:6] == ["Body", "Rule", "Severity"]
    assert {r[5] for r in en.iter_rows(min_row=2, values_only=True)} <= {"high", "medium", "low"}


def test_gap_markdown_has_names_and_words(demo: tuple[Path, dict[str, str]]) -> None:
    md = sinergi(demo, "gaps", "--area", "33.23.01", "--format", "md").stdout
    assert md.startswith("# Celah koordinasi")
    assert "| No | Kecamatan | Desa/Kelurahan | Lembaga |" in md
    assert "PPK Kecamatan Bulu" in md and "belum kontak" in md and "no_contact" not in md


def test_csv_for_indonesian_excel(demo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    out = tmp_path / "celah.csv"
    sinergi(demo, "gaps", "--area", "33.23.01", "--output", str(out), "--excel")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    read = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    plain = sinergi(demo, "gaps", "--area", "33.23.01", "--format", "csv").stdout
    assert not plain.startswith("\ufeff") and plain.splitlines()[0].startswith("rule,severity")
    stable = list(csv.DictReader(io.StringIO(plain)))
    assert read == stable
    header = text.splitlines()[0].split(";")
    assert header[:7] == [
        "rule",
        "severity",
        "reason",
        "subject_id",
        "subject_name",
        "area",
        "counterpart_ids",
    ]
    assert header[-3:] == ["kecamatan_name", "desa_name", "counterpart_names"]
    db, env = demo
    refused = run_cli("--db", str(db), "gaps", "--format", "json", "--excel", env=env)
    assert refused.returncode != 0 and "--excel" in refused.stderr


def test_every_command_and_option_has_its_help_in_both_languages() -> None:
    import typer

    from sinergi_graph.cli import _build
    from sinergi_graph.cli.help import help_key, walk
    from sinergi_graph.i18n import t

    root = typer.main.get_command(_build())
    missing = []
    for path, command in walk(root):
        key = help_key(path)
        if key is None:
            missing.append(path or "root")
        for param in command.params:
            if help_key(path, param.name) is None:
                missing.append(f"{path or 'root'} {param.name}")
    assert missing == []
    for path, _ in walk(root):
        key = help_key(path)
        assert key is not None
        assert t(f"cli.{key}", "id") != t(f"cli.{key}", "en")


@pytest.mark.parametrize(
    ("lang", "words"),
    [("id", ("TEKS", "ANGKA", "BERKAS", "{ASAL} {TUJUAN}")), ("en", ("TEXT", "NUMBER", "PATH"))],
)
def test_help_names_values_in_words_not_python_types(lang: str, words: tuple[str, ...]) -> None:
    """typer prints ``<bool>`` after a flag and ``<list[str]>``; help shows words instead."""
    pages = []
    for args in ([], ["gaps"], ["path"], ["import"], ["simulate"], ["scenarios", "compare"]):
        done = run_cli("--lang", lang, *args, "--help")
        assert done.returncode == 0, (args, done.stderr)
        pages.append(done.stdout)
        for python_type in ("<bool>", "<str>", "<int>", "list[", "<path>", "<float>"):
            assert python_type not in done.stdout, (args, python_type)
    text = "\n".join(pages)
    for word in words:
        assert word in text
    assert "table|csv|json|xlsx|md" in text


def test_usage_errors_in_the_users_language(demo: tuple[Path, dict[str, str]]) -> None:
    db, env = demo
    cases = {
        ("gaps", "--limt", "3"): "opsi tidak dikenal: --limt (mungkin: --limit)",
        ("gaps", "--limit", "abc"): "--limit harus bilangan bulat",
        ("gaps", "--format", "foo"): "pilihan: table, csv, json, xlsx, md",
        ("nosuch",): "perintah tidak dikenal: nosuch",
        # click adds its guess to a near miss ("Did you mean 'gaps'?"): said in Indonesian too
        ("gapz",): "perintah tidak dikenal: gapz (lihat sinergi --help) (mungkin: gaps)",
        ("scenarios", "lst"): "perintah tidak dikenal: lst (lihat sinergi --help) (mungkin: list)",
    }
    for args, expected in cases.items():
        done = run_cli("--db", str(db), *args, env=env)
        assert done.returncode == 2 and expected in done.stderr, done.stderr
        assert english_words(done.stderr) == []
    english = run_cli("--db", str(db), "--lang", "en", "gaps", "--limt", "3", env=env)
    assert "No such option: --limt" in english.stderr
