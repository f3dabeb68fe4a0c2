"""The Cypher in queries/: gap queries equal ``find_gaps``, and the files ship in the wheel."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sinergi_graph.gaps import Gap, find_gaps
from sinergi_graph.graph import build_graph
from sinergi_graph.models import Actor, CoordinationLink, LinkType
from sinergi_graph.rules import Rule, Scope, Severity, default_rules
from sinergi_graph.store import cypher
from sinergi_graph.store.embedded import EmbeddedStore

neo4j = pytest.importorskip("neo4j", reason="the neo4j Python driver is not installed")

from neo4j_harness import neo4j_auth  # noqa: E402

from sinergi_graph.store.neo4j import Neo4jStore  # noqa: E402
from sinergi_graph.store.neo4j.gaps import find_gaps_in_neo4j  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
MARKER = "// ---- the same in every gaps query below this line ----\n"
SCOPE_LENGTH = {Scope.VILLAGE: 13, Scope.DISTRICT: 8, Scope.REGENCY: 5, Scope.PROVINCE: 2}


@pytest.fixture(scope="module")
def neo4j_store(neo4j_uri: str) -> Iterator[Neo4jStore]:
    auth = neo4j_auth()
    store = Neo4jStore(
        neo4j_uri, user=auth[0] if auth else "neo4j", password=auth[1] if auth else None
    )
    yield store
    store.close()


def fresh(store: Neo4jStore, actors: list[Actor], links: list[CoordinationLink]) -> Neo4jStore:
    with neo4j.GraphDatabase.driver(store.uri, auth=neo4j_auth()) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n", database_=store.database)
    store.upsert(actors, links)
    return store


def python_gaps(
    store: Any, rules: list[Rule], area: str | None = None, as_of: dt.date | None = None
) -> list[Gap]:
    return find_gaps(build_graph(store.network_rows(), as_of=as_of), rules, area=area, as_of=as_of)


def run_file(store: Neo4jStore, name: str) -> list[Gap]:
    """Run a pasteable gaps_*.cypher exactly as a Neo4j Browser user would: no parameters."""
    from sinergi_graph.gaps import Reason

    with neo4j.GraphDatabase.driver(store.uri, auth=neo4j_auth()) as driver:
        records, _, _ = driver.execute_query(cypher.query(name), database_=store.database)
    return [
        Gap(
            r["rule"],
            r["severity"],
            Reason(r["reason"]),
            r["subject_id"],
            r["subject_name"],
            r["area"],
            tuple(r["counterpart_ids"]),
            r["last_contact"],
        )
        for r in records
    ]


# --------------------------------------------------------------------------
# the files themselves


def test_every_statement_is_a_file_the_loader_finds() -> None:
    on_disk = sorted(p.stem for p in QUERIES.glob("*.cypher"))
    assert cypher.names() == on_disk
    for name in on_disk:
        assert cypher.query(name).strip()
    assert len(cypher.statements("schema")) >= 4 + 9


def test_type_lists_name_every_link_type() -> None:
    # Relationship types can't be parameters; every file that lists them must list all.
    for path in QUERIES.glob("*.cypher"):
        text = path.read_text("utf-8")
        if "KOORDINASI" in text:
            for link_type in LinkType:
                assert re.search(rf"\b{link_type.value}\b", text), (path.name, link_type)


@pytest.mark.trust("neo4j")
def test_no_statement_interpolates_values() -> None:
    # Values only travel as parameters: no Python format fields in any file.
    for path in QUERIES.glob("*.cypher"):
        assert not re.search(r"\{[a-z_]+\}|%s|%\(", path.read_text("utf-8")), path.name


def rule_literal(rule: Rule) -> str:
    parts = ", ".join(f"'{k}'" for k in rule.counterparts)
    return (
        f"{{id: '{rule.id}', severity: '{rule.severity.value}', subject: '{rule.subject}', "
        f"counterparts: [{parts}], scope_len: {SCOPE_LENGTH[rule.scope]}, windows: []}}"
    )


PASTEABLE = {
    "gaps_pps_without_kades": ["pps-kades"],
    "gaps_pps_without_ppk": ["pps-ppk"],
    "gaps_ppk_without_forkopimcam": ["ppk-camat", "ppk-kapolsek", "ppk-danramil"],
    "gaps_ppk_without_puskesmas": ["ppk-puskesmas"],
    "gaps_ppk_without_kpu": ["ppk-kpu"],
    "gaps_kpu_without_partners": ["kpu-bawaslu", "kpu-kesbangpol", "kpu-polres"],
    "gaps_all_default_rules": [r.id for r in default_rules()],
}


def test_pasteable_queries_are_the_generic_one_with_the_default_rules() -> None:
    generic = cypher.query("gaps")
    body = generic[generic.index(MARKER) :]
    rules = {r.id: r for r in default_rules()}
    covered = {rule for ids in PASTEABLE.values() for rule in ids}
    assert covered == set(rules)
    assert sorted(PASTEABLE) == sorted(p.stem for p in QUERIES.glob("gaps_*.cypher"))
    for name, ids in PASTEABLE.items():
        text = cypher.query(name)
        head, tail = text[: text.index(MARKER)], text[text.index(MARKER) :]
        assert tail == body, f"{name}.cypher drifted from gaps.cypher"
        literals = re.findall(r"^\s*(\{id: .*\})", head, flags=re.M)
        assert literals == [rule_literal(rules[i]) for i in ids], name
        assert "null AS area_filter, null AS as_of" in head


# --------------------------------------------------------------------------
# Cypher gaps == find_gaps


def a(id_: str, kind: str, area: str | None = None, member_of: str | None = None) -> Actor:
    return Actor(id=id_, kind=kind, name=f"{kind} {id_}", area=area, member_of=member_of)


def link(
    source: str,
    target: str,
    day: dt.date | None = None,
    type_: str = "KOORDINASI",
    topic: str | None = None,
) -> CoordinationLink:
    return CoordinationLink.create(source, target, type_, day, topic)


def tricky_network() -> tuple[list[Actor], list[CoordinationLink]]:
    """Every corner of the gap semantics: members, scopes, dates, missing counterparts."""
    kec, kel, desa, empty = "33.23.01", "33.23.01.1001", "33.23.01.2002", "33.23.01.2003"
    actors = [
        a("KPU", "KPU_KAB", "33.23"),
        a("BWS", "BAWASLU_KAB", "33.23"),
        a("POLRES", "POLRES", "33.23"),
        a("KPU-m1", "PERSON", "33.23", "KPU"),
        a("PPK", "PPK", kec),
        a("PPK-m1", "PERSON", kec, "PPK"),
        a("PPK-m1a", "PERSON", None, "PPK-m1"),
        a("PPK-m2", "PERSON", kec, "PPK"),
        a("CAMAT", "CAMAT", kec),
        a("KAPOLSEK-A", "KAPOLSEK", kec),
        a("KAPOLSEK-B", "KAPOLSEK", kec),
        a("KAPOLSEK-B-m", "PERSON", kec, "KAPOLSEK-B"),
        a("PKM", "PUSKESMAS", kec),
        a("PPS-1", "PPS", kel),
        a("PPS-1-m", "PERSON", kel, "PPS-1"),
        a("LURAH-1", "LURAH", kel),
        a("PPS-2", "PPS", desa),
        a("KADES-2", "KADES", desa),
        a("KADES-2b", "KADES", desa),
        a("PPS-3", "PPS", empty),
        a("PPS-coarse", "PPS", "33.23"),
        a("PPS-nowhere", "PPS"),
        a("ghost-member", "PERSON", kec, "ghost"),
        a("loop-a", "PERSON", kec, "loop-b"),
        a("loop-b", "PERSON", kec, "loop-a"),
        # Another regency: its PPK must not see Temanggung's counterparts.
        a("KPU-24", "KPU_KAB", "33.24"),
        a("PPK-24", "PPK", "33.24.01"),
        a("CAMAT-24", "CAMAT", "33.24.01"),
    ]
    links = [
        link("KPU", "BWS", dt.date(2023, 2, 14), "RAPAT", "Badan ad hoc"),
        link("KPU-m1", "POLRES", dt.date(2022, 5, 1)),
        link("PPK-m1a", "CAMAT", dt.date(2023, 10, 10), "AUDIENSI", "Sowan"),
        link("PPK", "KAPOLSEK-B-m", dt.date(2024, 1, 15), "KOORDINASI", "Logistik"),
        link("PPK-m2", "PKM", None, "SURAT"),
        link("PPK", "PPK-m2", dt.date(2023, 1, 1)),  # folded onto itself: not a contact
        link("PPK", "KPU", dt.date(2024, 6, 1), "BIMTEK"),
        link("PPS-1-m", "LURAH-1", dt.date(2023, 10, 5), "RAPAT", "DPTb"),
        link("PPS-1", "PPK", dt.date(2023, 10, 5), "RAPAT", "DPTb"),
        link("PPS-2", "KADES-2b", dt.date(2024, 3, 1)),
        link("PPS-2", "KADES-2b", dt.date(2023, 3, 1), "SURAT"),
        link("ghost-member", "CAMAT", dt.date(2023, 5, 5)),  # its institution does not exist
        link("loop-a", "PPK", dt.date(2023, 5, 5)),
        link("PPK-24", "CAMAT", dt.date(2023, 5, 5)),  # out of scope: no contact for PPK-24
    ]
    return actors, links


def stale_rules() -> list[Rule]:
    """The default rules plus freshness windows, so ``stale`` gaps appear too."""
    return [
        *default_rules(),
        Rule(
            id="kpu-polres-fresh",
            title_id="x",
            title_en="x",
            subject="KPU_KAB",
            counterparts=("POLRES",),
            scope=Scope.REGENCY,
            severity=Severity.LOW,
            max_age_days=365,
        ),
        Rule(
            id="pps-kades-fresh",
            title_id="x",
            title_en="x",
            subject="PPS",
            counterparts=("KADES", "LURAH"),
            scope=Scope.VILLAGE,
            max_age_days=200,
        ),
        Rule(
            id="ppk-province",
            title_id="x",
            title_en="x",
            subject="PPK",
            counterparts=("KPU_KAB", "CAMAT"),
            scope=Scope.PROVINCE,
            max_age_days=30,
        ),
        # A deadline from the election calendar next to a window (both as dates).
        Rule(
            id="pps-kades-sowan",
            title_id="x",
            title_en="x",
            subject="PPS",
            counterparts=("KADES", "LURAH"),
            scope=Scope.VILLAGE,
            max_age_days=400,
            due_from=dt.date(2023, 1, 17),
            due_by=dt.date(2023, 6, 1),
            due_checked_until=dt.date(2024, 4, 4),
        ),
    ]


@pytest.mark.parametrize("as_of", [None, dt.date(2024, 1, 1), dt.date(2023, 12, 31)])
@pytest.mark.parametrize("area", [None, "ID", "33", "33.23", "33.23.01.2002", "33.24", "34"])
def test_cypher_gaps_equal_find_gaps(
    neo4j_store: Neo4jStore, area: str | None, as_of: dt.date | None
) -> None:
    if neo4j_store.stats().actors != len(tricky_network()[0]):
        fresh(neo4j_store, *tricky_network())
    rules = stale_rules()
    expected = python_gaps(neo4j_store, rules, area, as_of)
    assert find_gaps_in_neo4j(neo4j_store, rules, area=area, as_of=as_of) == expected


def test_the_tricky_network_has_every_reason(neo4j_store: Neo4jStore) -> None:
    fresh(neo4j_store, *tricky_network())
    gaps = python_gaps(neo4j_store, stale_rules(), as_of=dt.date(2024, 1, 1))
    assert {g.reason.value for g in gaps} == {"no_contact", "no_counterpart", "stale"}
    assert {g.subject_id for g in gaps} >= {"PPK", "PPS-2", "PPS-3", "KPU", "PPK-24"}
    # Both kinds of freshness requirement are missed somewhere, and Cypher says which.
    assert {g.missed for g in gaps if g.reason.value == "stale"} == {"window", "deadline"}
    assert find_gaps_in_neo4j(neo4j_store, stale_rules(), as_of=dt.date(2024, 1, 1)) == gaps
    assert find_gaps_in_neo4j(neo4j_store, []) == []


def test_pasteable_queries_on_the_tricky_network(neo4j_store: Neo4jStore) -> None:
    fresh(neo4j_store, *tricky_network())
    rules = {r.id: r for r in default_rules()}
    for name, ids in PASTEABLE.items():
        expected = python_gaps(neo4j_store, [rules[i] for i in ids])
        assert run_file(neo4j_store, name) == expected, name


@pytest.fixture(scope="module")
def demo_stores(
    neo4j_store: Neo4jStore, tmp_path_factory: pytest.TempPathFactory
) -> tuple[EmbeddedStore, Neo4jStore]:
    """The demo network of Kabupaten Temanggung in both stores."""
    demo = pytest.importorskip("sinergi_graph.demo", reason="the demo generator is not there yet")
    embedded = EmbeddedStore(tmp_path_factory.mktemp("demo") / "demo.db")
    demo.build_demo(embedded, "33.23")
    fresh(neo4j_store, embedded.actors(), embedded.links())
    return embedded, neo4j_store


def test_demo_gaps_from_cypher_equal_sinergi_gaps(
    demo_stores: tuple[EmbeddedStore, Neo4jStore],
) -> None:
    embedded, store = demo_stores
    rules = default_rules()
    expected = python_gaps(embedded, rules)
    assert len(expected) > 10
    assert python_gaps(store, rules) == expected
    assert find_gaps_in_neo4j(store, rules) == expected
    assert find_gaps_in_neo4j(store, rules, area="33.23.01") == python_gaps(
        embedded, rules, "33.23.01"
    )
    day = dt.date(2023, 11, 1)
    assert find_gaps_in_neo4j(store, rules, as_of=day) == python_gaps(embedded, rules, as_of=day)


def test_demo_pasteable_queries(demo_stores: tuple[EmbeddedStore, Neo4jStore]) -> None:
    embedded, store = demo_stores
    rules = {r.id: r for r in default_rules()}
    for name, ids in PASTEABLE.items():
        assert run_file(store, name) == python_gaps(embedded, [rules[i] for i in ids]), name


# --------------------------------------------------------------------------
# the wheel carries the queries


def test_built_wheel_ships_the_queries(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if build.returncode != 0:
        tail = (build.stdout + build.stderr).strip().splitlines()[-5:]
        if os.environ.get("CI", "").lower() not in ("true", "1", "yes"):
            pytest.skip("could not build the wheel here (offline?): " + " | ".join(tail))
        pytest.fail("python -m build --wheel failed:\n" + "\n".join(tail))
    (wheel,) = out.glob("sinergi-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        shipped = {n for n in zf.namelist() if n.startswith("sinergi_graph/queries/")}
        zf.extractall(tmp_path / "site")
    expected = {f"sinergi_graph/queries/{p.name}" for p in QUERIES.glob("*.cypher")}
    assert expected <= shipped
    # An installed copy (the extracted wheel first on the path) finds them without the repo.
    probe = (
        "import sinergi_graph, sinergi_graph.store.cypher as c, json; "
        "print(json.dumps([sinergi_graph.__file__, str(c.query_dir()), c.names(), "
        "c.query('gaps')[:40], len(c.statements('schema'))]))"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    import json

    module_file, folder, names, head, schema = json.loads(run.stdout)
    assert module_file.startswith(str(tmp_path / "site"))
    assert folder.startswith(str(tmp_path / "site"))
    assert names == cypher.names()
    assert head == cypher.query("gaps")[:40]
    assert schema == len(cypher.statements("schema"))
