"""Gap analysis on small hand-checked networks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from sinergi_graph.errors import SinergiError
from sinergi_graph.gaps import Reason, find_gaps
from sinergi_graph.graph import build_graph, graph_from_store, member_roots
from sinergi_graph.importer import import_files
from sinergi_graph.models import ActorRow, LinkRow, NetworkRows
from sinergi_graph.rules import default_rules, load_rules, select_rules
from sinergi_graph.store.embedded import EmbeddedStore

DATA = Path(__file__).parent / "data"


@pytest.fixture
def temanggung(embedded_store: EmbeddedStore) -> nx.Graph:
    import_files([DATA / "temanggung_nodes.csv", DATA / "temanggung_links.csv"], embedded_store)
    return graph_from_store(embedded_store)


def test_default_rule_ids_are_those_of_the_design() -> None:
    assert [r.id for r in default_rules()] == [
        "pps-kades",
        "pps-ppk",
        "ppk-camat",
        "ppk-kapolsek",
        "ppk-danramil",
        "ppk-puskesmas",
        "ppk-kpu",
        "kpu-bawaslu",
        "kpu-kesbangpol",
        "kpu-polres",
    ]


def test_hand_checked_gaps(temanggung: nx.Graph) -> None:
    gaps = find_gaps(temanggung, default_rules())
    assert [(g.rule, g.reason, g.subject_id, g.area, g.counterpart_ids) for g in gaps] == [
        ("kpu-kesbangpol", Reason.NO_CONTACT, "KPU-3323", "33.23", ("KESBANG-3323",)),
        ("ppk-danramil", Reason.NO_CONTACT, "PPK-332301", "33.23.01", ("DANRAMIL-332301",)),
        ("ppk-puskesmas", Reason.NO_CONTACT, "PPK-332301", "33.23.01", ("PKM-332301",)),
        ("pps-kades", Reason.NO_CONTACT, "PPS-3323012002", "33.23.01.2002", ("KADES-3323012002",)),
    ]


def test_member_links_count_for_their_institution(temanggung: nx.Graph) -> None:
    # Only the PPS chairwoman met the kepala desa: that covers PPS Watukumpul.
    assert temanggung.has_edge("PPS-3323012001", "KADES-3323012001")
    assert "PPS-3323012001-1" not in temanggung
    assert temanggung.nodes["PPS-3323012001"]["members"] == ["PPS-3323012001-1"]


def test_area_filter_at_every_level(temanggung: nx.Graph) -> None:
    rules = default_rules()
    assert len(find_gaps(temanggung, rules, area="33")) == 4
    assert len(find_gaps(temanggung, rules, area="ID")) == 4
    assert {g.subject_id for g in find_gaps(temanggung, rules, area="33.23.01")} == {
        "PPK-332301",
        "PPS-3323012002",
    }
    assert [g.rule for g in find_gaps(temanggung, rules, area="33.23.01.2002")] == ["pps-kades"]
    assert find_gaps(temanggung, rules, area="34") == []


def test_no_counterpart_is_a_data_gap() -> None:
    G = nx.Graph()
    G.add_node("pps", kind="PPS", name="PPS A", area="33.23.01.2001")
    G.add_node("kades-other", kind="KADES", name="Kades B", area="33.23.01.2002")
    rules = select_rules(default_rules(), ["pps-kades"])
    (gap,) = find_gaps(G, rules)
    assert (gap.reason, gap.counterpart_ids) == (Reason.NO_COUNTERPART, ())


def test_freshness_window_makes_old_contact_stale(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(
        '[[rule]]\nid = "ppk-camat"\ntitle_id = "x"\ntitle_en = "x"\nsubject = "PPK"\n'
        'counterparts = ["CAMAT"]\nscope = "district"\nseverity = "high"\nmax_age_days = 90\n',
        "utf-8",
    )
    rules = select_rules(load_rules(rules_file), ["ppk-camat"])
    G = nx.Graph()
    G.add_node("ppk", kind="PPK", name="PPK", area="33.23.01")
    G.add_node("camat", kind="CAMAT", name="Camat", area="33.23.01")
    G.add_edge("ppk", "camat", last_date="2023-10-10")
    (gap,) = find_gaps(G, rules, as_of=date(2024, 3, 1))
    assert (gap.reason, gap.last_contact) == (Reason.STALE, "2023-10-10")
    assert find_gaps(G, rules, as_of=date(2023, 12, 1)) == []


def test_as_of_ignores_later_links() -> None:
    rows = NetworkRows(
        [
            ActorRow("ppk", "PPK", "PPK", "33.23.01", None),
            ActorRow("camat", "CAMAT", "Camat", "33.23.01", None),
        ],
        [LinkRow("l1", "ppk", "camat", "RAPAT", "2023-10-10", None)],
    )
    rules = select_rules(default_rules(), ["ppk-camat"])
    assert find_gaps(build_graph(rows), rules) == []
    early = build_graph(rows, as_of=date(2023, 1, 1))
    assert [g.reason for g in find_gaps(early, rules)] == [Reason.NO_CONTACT]


def test_user_rules_replace_disable_and_add(tmp_path: Path) -> None:
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(
        '[[rule]]\nid = "pps-ppk"\ntitle_id = "x"\ntitle_en = "x"\nsubject = "PPS"\n'
        'counterparts = ["PPK"]\nscope = "district"\nenabled = false\n'
        '[[rule]]\nid = "pps-babinsa"\ntitle_id = "PPS tanpa Babinsa"\ntitle_en = "x"\n'
        'subject = "PPS"\ncounterparts = ["BABINSA", "BHABINKAMTIBMAS"]\nscope = "village"\n',
        "utf-8",
    )
    ids = [r.id for r in load_rules(rules_file)]
    assert "pps-ppk" not in ids and ids[-1] == "pps-babinsa" and len(ids) == 10


def test_invalid_rules_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_text(
        '[[rule]]\nid = "x"\ntitle_id = "x"\ntitle_en = "x"\nsubject = "NOPE"\n'
        'counterparts = ["PPK"]\nscope = "district"\n',
        "utf-8",
    )
    with pytest.raises(SinergiError) as info:
        load_rules(bad)
    assert "unknown kind NOPE" in info.value.render("en")
    with pytest.raises(SinergiError):
        select_rules(default_rules(), ["no-such-rule"])


def test_nested_membership_and_cycles_terminate() -> None:
    rows = NetworkRows(
        [
            ActorRow("kpu", "KPU_KAB", "KPU", "33.23", None),
            ActorRow("div", "PERSON", "Divisi", "33.23", "kpu"),
            ActorRow("staff", "PERSON", "Staf", "33.23", "div"),
            ActorRow("a", "PERSON", "A", None, "b"),
            ActorRow("b", "PERSON", "B", None, "a"),
        ],
        [],
    )
    roots = member_roots(rows)
    assert roots["staff"] == "kpu" and roots["div"] == "kpu"
    assert set(roots) == {"div", "staff", "a", "b"}


def test_graph_is_not_mutated_by_analysis(temanggung: nx.Graph) -> None:
    before = nx.to_dict_of_dicts(temanggung).__repr__()
    find_gaps(temanggung, default_rules(), area="33.23")
    assert nx.to_dict_of_dicts(temanggung).__repr__() == before
