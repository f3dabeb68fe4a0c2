"""The report carries the suggested rakor invitation list and the area's kerja sama."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.analysis.invitations import plan_invitations
from sinergi_graph.demo import build_demo
from sinergi_graph.gaps import find_gaps
from sinergi_graph.graph import graph_from_store
from sinergi_graph.report.build import INVITE_BUDGET, build_report
from sinergi_graph.report.write import report_bytes
from sinergi_graph.rules import default_rules
from sinergi_graph.store.embedded import EmbeddedStore

DAY = dt.date(2024, 1, 15)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    s = EmbeddedStore(tmp_path_factory.mktemp("rakor") / "bulu.db")
    build_demo(s, "33.23.01")
    s.upsert(
        [],
        [],
        agreements=[
            Agreement(id="MOU-BULU", title="Sinergi Pemilu Bulu", parties=("PPK-332301", "CAMAT-332301"),
                      signed=dt.date(2023, 1, 10), expires=dt.date(2024, 3, 1)),
            Agreement(id="MOU-LAIN", title="Di luar wilayah", parties=("PPK-332302",),
                      signed=dt.date(2023, 1, 10)),
        ],
        activities=[Activity(id="K-1", date=dt.date(2023, 5, 2), agreement="MOU-BULU",
                             attendees=("PPK-332301", "CAMAT-332301"))],
    )  # fmt: skip
    return s


def test_the_invitation_list_is_the_one_sinergi_invite_computes(store: EmbeddedStore) -> None:
    rules = default_rules()
    report = build_report(store, "33.23.01", rules, as_of=DAY, today=DAY)
    G = graph_from_store(store, as_of=DAY)
    plan = plan_invitations(find_gaps(G, rules, area="33.23.01", as_of=DAY), rules, INVITE_BUDGET)
    assert [line.closes for line in report.invitations] == [len(i.gaps) for i in plan.invitees]
    assert sum(line.closes for line in report.invitations) == plan.closed > 0
    assert all(line.gaps for line in report.invitations), "every invitee says why it is invited"
    assert f"menutup {plan.closed} dari {report.cover.gaps} celah" in report.invitation_note


def test_only_the_areas_agreements_with_their_status(store: EmbeddedStore) -> None:
    report = build_report(store, "33.23.01", default_rules(), as_of=DAY, today=DAY)
    (line,) = report.agreements
    assert (line.title, line.status, line.follow_ups) == ("Sinergi Pemilu Bulu", "expiring", 1)
    assert line.parties == ("PPK Kecamatan Bulu", "Camat Bulu")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_format_shows_both_sections(store: EmbeddedStore, lang: str) -> None:
    report = build_report(store, "33.23.01", default_rules(), as_of=DAY, today=DAY, lang=lang)
    heading = (
        "Undangan rakor yang disarankan" if lang == "id" else "Suggested rakor invitation list"
    )
    status = "berakhir ≤ 90 hari" if lang == "id" else "expires ≤ 90 days"
    html = report_bytes(report, ".html").decode("utf-8")
    assert heading in html and "Sinergi Pemilu Bulu" in html and status in html
    wb = load_workbook(io.BytesIO(report_bytes(report, ".xlsx")))
    sheet = next(ws for ws in wb.worksheets if ws.title.startswith(heading[:20]))
    assert sheet.max_row == len(report.invitations) + 1
    with zipfile.ZipFile(io.BytesIO(report_bytes(report, ".docx"))) as docx:
        text = docx.read("word/document.xml").decode("utf-8")
    assert heading in text and "Sinergi Pemilu Bulu" in text


def test_the_pdf_has_both_sections(store: EmbeddedStore, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    report = build_report(store, "33.23.01", default_rules(), as_of=DAY, today=DAY)
    path = tmp_path / "r.pdf"
    path.write_bytes(report_bytes(report, ".pdf"))
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    assert "Undangan rakor yang disarankan" in text and "Kerja sama (MoU/PKS)" in text
    assert "Sinergi Pemilu Bulu" in text
