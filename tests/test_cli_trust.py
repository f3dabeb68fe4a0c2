"""Issue 13's CLI reproductions, run as a user would (the real ``sinergi`` script).

Each test failed before its fix: an output file in the wrong format, the store
overwritten by ``--output``, work lost in a pipe, silently accepted nonsense
numbers, a hang without a terminal, markup and escapes in names reaching the
terminal, a full disk.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from clirun import run_cli
from openpyxl import load_workbook

from sinergi_graph.models import Actor
from sinergi_graph.store.embedded import EmbeddedStore

DATA = Path(__file__).parent / "data"
NODES = str(DATA / "temanggung_nodes.csv")
LINKS = str(DATA / "temanggung_links.csv")


def loaded(tmp_path: Path) -> str:
    db = str(tmp_path / "net.db")
    result = run_cli("--db", db, "import", NODES, LINKS)
    assert result.returncode == 0, result.stderr
    return db


def one_line(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    """The single ``sinergi: …`` line of a refused command."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0, result.stdout
    assert len(lines) == 1 and lines[0].startswith("sinergi: "), result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


@pytest.mark.trust("careless_use")
def test_output_format_comes_from_the_extension(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    xlsx = tmp_path / "celah.xlsx"
    assert run_cli("--db", db, "gaps", "--output", str(xlsx)).returncode == 0
    # The gap sheet people read (issue 10), not the csv columns.
    assert next(load_workbook(xlsx).active.values)[:3] == ("No", "Kecamatan", "Desa/Kelurahan")
    md, js = tmp_path / "celah.md", tmp_path / "celah.json"
    assert run_cli("--db", db, "gaps", "--output", str(md)).returncode == 0
    assert md.read_text("utf-8").startswith("# Celah koordinasi")
    assert run_cli("--db", db, "metrics", "--output", str(js)).returncode == 0
    assert "centrality" in json.loads(js.read_text("utf-8"))
    exported = tmp_path / "jaringan.json"
    assert run_cli("--db", db, "export", "--output", str(exported)).returncode == 0
    assert set(json.loads(exported.read_text("utf-8"))) >= {"nodes", "links"}
    mismatch = run_cli(
        "--db", db, "--lang", "en", "gaps", "--format", "csv", "--output", str(tmp_path / "a.xlsx")
    )
    one_line(mismatch, "--format csv", "a.xlsx")
    unknown = run_cli("--db", db, "--lang", "en", "gaps", "--output", str(tmp_path / "celah.txt"))
    one_line(unknown, "--format")
    assert not (tmp_path / "a.xlsx").exists() and not (tmp_path / "celah.txt").exists()


@pytest.mark.trust("durability")
def test_the_open_store_is_never_an_output(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    before = Path(db).read_bytes()
    for args in (
        ("gaps", "--format", "csv", "--output", db, "--force"),
        ("export", "--format", "json", "--output", db, "--force"),
        ("export", "--format", "xlsx", "--output", db, "--force"),
        ("metrics", "--format", "json", "--output", db, "--force"),
        ("gaps", "--format", "csv", "--output", f"{db}-wal", "--force"),
    ):
        one_line(run_cli("--db", db, "--lang", "en", *args), "open store")
    assert Path(db).read_bytes() == before
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    stats = run_cli("--db", db, "stats", "--format", "json")
    assert json.loads(stats.stdout)["actors"] == 15


@pytest.mark.trust("durability")
def test_existing_outputs_are_kept_unless_force(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    target = tmp_path / "celah.csv"
    target.write_text("penting\n", "utf-8")
    one_line(run_cli("--db", db, "--lang", "en", "gaps", "--output", str(target)), "--force")
    assert target.read_text("utf-8") == "penting\n"
    assert run_cli("--db", db, "gaps", "--output", str(target), "--force").returncode == 0
    assert target.read_text("utf-8").startswith("rule,severity")
    folder = tmp_path / "ekspor"
    folder.mkdir()
    (folder / "nodes.csv").write_text("milik orang lain\n", "utf-8")
    refused = run_cli(
        "--db", db, "--lang", "en", "export", "--format", "csv", "--output", str(folder)
    )
    one_line(refused, "nodes.csv", "--force")
    assert (folder / "nodes.csv").read_text("utf-8") == "milik orang lain\n"
    assert not (folder / "links.csv").exists()
    forced = run_cli("--db", db, "export", "--format", "csv", "--output", str(folder), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (folder / "nodes.csv").read_text("utf-8").startswith("id,kind,name")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.trust("careless_use")
def test_output_onto_a_folder_or_a_file_is_one_line(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    folder = tmp_path / "sebuah-folder"
    folder.mkdir()
    one_line(
        run_cli("--db", db, "--lang", "en", "gaps", "--format", "csv", "--output", str(folder)),
        "folder",
    )
    one_line(
        run_cli("--db", db, "--lang", "en", "metrics", "--format", "json", "--output", str(folder)),
        "folder",
    )
    regular = tmp_path / "berkas"
    regular.write_text("x", "utf-8")
    refused = run_cli(
        "--db", db, "--lang", "en", "export", "--format", "csv", "--output", str(regular)
    )
    one_line(refused, "a file")
    # A missing folder is created (as export --format csv always did), for every output.
    deep = tmp_path / "baru" / "lagi" / "celah.json"
    assert run_cli("--db", db, "metrics", "--output", str(deep)).returncode == 0
    assert "centrality" in json.loads(deep.read_text("utf-8"))


@pytest.mark.trust("durability")
def test_simulate_save_survives_a_closed_pipe(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte (`| head -0`)
    try:
        done = subprocess.run(
            [
                "sinergi",
                "--db",
                db,
                "simulate",
                "--add",
                "PPS-3323012002:KADES-3323012002",
                "--save",
                "sowan",
            ],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=600,
        )
    finally:
        os.close(write_end)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    listed = run_cli("--db", db, "scenarios", "list", "--format", "json")
    assert [s["name"] for s in json.loads(listed.stdout)] == ["sowan"]


@pytest.mark.trust("careless_use")
def test_nonsense_numbers_and_same_actor_are_one_line(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    for args, needle in (
        (("gaps", "--limit", "-1"), "--limit"),
        (("metrics", "--top", "0"), "--top"),
        (("metrics", "--k", "0"), "--k"),
        (("metrics", "--k", "-5"), "--k"),
        (("metrics", "--hops", "-2"), "--hops"),
        (("recommend", "--budget", "0"), "--budget"),
        (("recommend", "--top", "-3"), "--top"),
        (("path", "PPK-332301", "KPU-3323", "--limit", "-1"), "--limit"),
        (("path", "KPU-3323", "KPU-3323"), "KPU-3323"),
    ):
        one_line(run_cli("--db", db, "--lang", "en", *args), needle)
    assert "harus" in one_line(run_cli("--db", db, "metrics", "--top", "0"))


@pytest.mark.trust("careless_use")
def test_tui_without_a_terminal_and_an_http_neo4j_uri(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    done = subprocess.run(
        ["sinergi", "--db", db, "--lang", "en", "tui"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    one_line(done, "terminal")
    env = {"NEO4J_URI": "http://localhost:7474"}
    one_line(run_cli("--lang", "en", "stats", env=env), "bolt://", "http://localhost:7474")
    flag = run_cli("--lang", "en", "--neo4j", "http://localhost:7474", "stats")
    one_line(flag, "bolt://", "neo4j+s://")


HOSTILE = {
    "PPS-3323012001": "[/]",
    "PPS-3323012002": "[/] PPS \x1b[2JTepus [bold]",
    "KADES-3323012001": "Kades\x1b]52;c;cm0gLXJmIH4=\x07 Tepus",
    "PPK-332301": "\x1b]8;;http://evil.example\x1b\\PPK\x1b]8;;\x1b\\ [/link]",
}


@pytest.mark.trust("output_safety")
def test_markup_and_escapes_in_names_stay_inert(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    store = EmbeddedStore(Path(db))
    try:
        actors = {a.id: a for a in store.actors()}
        store.upsert([actors[i].model_copy(update={"name": n}) for i, n in HOSTILE.items()], [])
        assert all(isinstance(a, Actor) for a in actors.values())
    finally:
        store.close()
    for args in (
        ("gaps",),
        ("gaps", "--format", "csv"),
        ("gaps", "--format", "json"),
        ("gaps", "--format", "md"),
        ("metrics", "--top", "5"),
        ("metrics", "--format", "csv"),
        ("path", "PPS-3323012001", "KPU-3323"),
    ):
        done = run_cli("--db", db, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert "\x1b" not in done.stdout and "\x07" not in done.stdout, args
        assert "Traceback" not in done.stderr
    table = run_cli("--db", db, "gaps")
    assert "[/] PPS Tepus [bold]" in table.stdout


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare for a tiny tmpfs")
@pytest.mark.trust("durability")
def test_a_full_disk_is_one_line_and_leaves_no_partial_file(tmp_path: Path) -> None:
    db = loaded(tmp_path)
    disk = tmp_path / "disk"
    disk.mkdir()
    script = (
        f"mount -t tmpfs -o size=16k tmpfs {disk} || exit 77; "
        f"head -c 16384 /dev/zero > {disk}/fill 2>/dev/null; "
        f"sinergi --db {db} --lang en export --format json --show-contacts "
        f"--output {disk}/jaringan.json; echo rc=$? >&2; "
        f"sinergi --db {db} --lang en export --format csv --output {disk}/csv; echo rc=$? >&2; "
        f"ls -A {disk} >&2"
    )
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=600
    )
    if done.returncode == 77 or "Operation not permitted" in done.stderr:
        pytest.skip("no permission to mount a tmpfs here")
    lines = [line for line in done.stderr.splitlines() if line]
    refusals = [line for line in lines if line.startswith("sinergi: ")]
    assert len(refusals) == 2 and all("Disk full" in line for line in refusals), done.stderr
    assert [line for line in lines if line.startswith("rc=")] == ["rc=1", "rc=1"]
    assert lines[-1] == "fill" and "Traceback" not in done.stderr


@pytest.mark.trust("bad_input")
def test_a_pps_or_ppk_recorded_above_its_rules_scope_is_reported(tmp_path: Path) -> None:
    # "A PPS or PPK without an area, or recorded above its rule's scope, is skipped by
    # every rule without trace: report it." A PPS given its kabupaten (34.03) and a PPK
    # given its province (34) are named by a warning at import.
    nodes = tmp_path / "n.csv"
    nodes.write_text(
        "id;kind;name;area\n"
        "pps;PPS;PPS Di Kabupaten;34.03\n"
        "ppk;PPK;PPK Di Provinsi;34\n"
        "kpu;KPU_KAB;KPU Gunungkidul;34.03\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    done = run_cli("--db", str(db), "--lang", "en", "import", str(nodes))
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    gaps = run_cli("--db", str(db), "--lang", "en", "gaps", "--format", "json")
    assert gaps.returncode == 0, gaps.stderr
    subjects = {row["subject_id"] for row in json.loads(gaps.stdout)}
    for ident, name in (("pps", "PPS Di Kabupaten"), ("ppk", "PPK Di Provinsi")):
        # A warning at import naming it, or a row of its own in the gap list.
        assert name in said or ident in subjects, (name, said, sorted(subjects))
    assert "above the desa/kelurahan (village) level" in said
    assert "above the kecamatan (district) level" in said
