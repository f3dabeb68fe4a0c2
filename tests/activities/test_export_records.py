"""Export then import into an empty store gives the same kegiatan and kerja sama."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.exporting import export_network
from sinergi_graph.importer import import_files
from sinergi_graph.models import Actor, CoordinationLink
from sinergi_graph.store.embedded import EmbeddedStore
from sinergi_graph.tabular import FileFormat

ACTORS = [
    Actor(id="kpu", kind="KPU_RI", name="KPU RI"),
    Actor(id="kemendagri", kind="PEMDA", name="Kementerian Dalam Negeri"),
    Actor(id="polri", kind="POLRES", name="Polri, Baharkam", note="a, b; c"),
]
AGREEMENTS = [
    Agreement(
        id="MOU-1",
        title="Nota Kesepahaman; data kependudukan, pemilih",
        number="01/PK/2022",
        parties=("kpu", "kemendagri", "polri"),
        signed=dt.date(2022, 3, 1),
        expires=dt.date(2027, 3, 1),
        note="diperpanjang",
    ),
    Agreement(id="MOU-2", title="Keamanan", parties=("polri", "kpu")),
]
ACTIVITIES = [
    Activity(
        id="K1",
        date=dt.date(2023, 5, 2),
        type="SOSIALISASI",
        topic="DPT, DPTb",
        place="Hotel, Jakarta",
        area="31",
        agreement="MOU-1",
        note="baris\nkedua",
        attendees=("polri", "kpu", "kemendagri"),
    ),
    Activity(id="K2", date=dt.date(2024, 1, 3), attendees=("kemendagri",)),
]


@pytest.mark.parametrize("fmt", [FileFormat.CSV, FileFormat.XLSX, FileFormat.JSON])
def test_export_then_import_is_exact(tmp_path: Path, fmt: FileFormat) -> None:
    source = EmbeddedStore(tmp_path / "a.db")
    source.upsert(
        ACTORS,
        [CoordinationLink.create("kpu", "polri", "RAPAT", dt.date(2023, 1, 1))],
        activities=ACTIVITIES,
        agreements=AGREEMENTS,
    )
    target_path = tmp_path / ("out" if fmt is FileFormat.CSV else f"net.{fmt.value}")
    result = export_network(source, fmt, target_path)
    assert (result.activities, result.agreements) == (2, 2)
    files = sorted(target_path.iterdir()) if fmt is FileFormat.CSV else [target_path]
    if fmt is FileFormat.CSV:
        assert [f.name for f in files] == [
            "activities.csv",
            "agreements.csv",
            "attendance.csv",
            "links.csv",
            "nodes.csv",
        ]
    target = EmbeddedStore(tmp_path / "b.db")
    import_files(files, target)
    assert target.activities() == source.activities()
    assert target.agreements() == source.agreements()
    assert target.actors() == source.actors()
    assert target.links() == source.links()
    source.close()
    target.close()


def test_json_export_has_the_design_keys(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "a.db")
    store.upsert(ACTORS, [], activities=ACTIVITIES, agreements=AGREEMENTS)
    export_network(store, FileFormat.JSON, tmp_path / "net.json")
    doc = json.loads((tmp_path / "net.json").read_text("utf-8"))
    assert doc["activities"][0]["attendees"] == ["polri", "kpu", "kemendagri"]
    assert set(doc["activities"][0]) == {
        "id", "date", "type", "topic", "place", "area", "agreement", "note", "attendees",
    }  # fmt: skip
    assert doc["agreements"][0]["parties"] == ["kpu", "kemendagri", "polri"]
    store.close()
