"""A small hand-made regency (Temanggung, two kecamatan) whose answers are checked by hand.

::

    BAWASLU ─ KPU ─ POLRES            KESBANG (no link)
               │ ╲
             PPK01  PPK02 ─ CAMAT02
            ╱ │ ╲ ╲
    CAMAT01  │  KAPOLSEK01    PKM01 (no link), DANRAMIL01 (no link)
        PPS2001 ─ KADES2001
        PPS2002            KADES2002 (no link)
    PPS0201 (isolated)     KADES0201 (no link)

PPK01 has two members (ppk01-a, ppk01-b); the link PPS2001–KADES2001 was made
by PPS member pps2001-a.
"""

from __future__ import annotations

import networkx as nx
import pytest

from sinergi_graph.graph import build_graph
from sinergi_graph.models import ActorRow, LinkRow, NetworkRows

ACTORS = [
    ("KPU", "KPU_KAB", "KPU Temanggung", "33.23", None),
    ("BAWASLU", "BAWASLU_KAB", "Bawaslu Temanggung", "33.23", None),
    ("POLRES", "POLRES", "Polres Temanggung", "33.23", None),
    ("KESBANG", "KESBANGPOL", "Kesbangpol Temanggung", "33.23", None),
    ("PPK01", "PPK", "PPK Parakan", "33.23.01", None),
    ("ppk01-a", "PERSON", "Ketua PPK Parakan", "33.23.01", "PPK01"),
    ("ppk01-b", "PERSON", "Anggota PPK Parakan", "33.23.01", "PPK01"),
    ("CAMAT01", "CAMAT", "Camat Parakan", "33.23.01", None),
    ("KAPOLSEK01", "KAPOLSEK", "Kapolsek Parakan", "33.23.01", None),
    ("DANRAMIL01", "DANRAMIL", "Danramil Parakan", "33.23.01", None),
    ("PKM01", "PUSKESMAS", "Puskesmas Parakan", "33.23.01", None),
    ("PPS2001", "PPS", "PPS Watukumpul", "33.23.01.2001", None),
    ("pps2001-a", "PERSON", "Ketua PPS Watukumpul", "33.23.01.2001", "PPS2001"),
    ("KADES2001", "KADES", "Kades Watukumpul", "33.23.01.2001", None),
    ("PPS2002", "PPS", "PPS Caturanom", "33.23.01.2002", None),
    ("KADES2002", "KADES", "Kades Caturanom", "33.23.01.2002", None),
    ("PPK02", "PPK", "PPK Kledung", "33.23.02", None),
    ("CAMAT02", "CAMAT", "Camat Kledung", "33.23.02", None),
    ("PPS0201", "PPS", "PPS Kledung", "33.23.02.2001", None),
    ("KADES0201", "KADES", "Kades Kledung", "33.23.02.2001", None),
]

LINKS = [
    ("L1", "KPU", "BAWASLU", "RAPAT", "2023-06-01", None),
    ("L2", "KPU", "POLRES", "AUDIENSI", "2023-07-01", None),
    ("L3", "ppk01-a", "KPU", "BIMTEK", "2023-02-01", None),
    ("L4", "PPK02", "KPU", "BIMTEK", "2023-02-01", None),
    ("L5", "PPK01", "CAMAT01", "AUDIENSI", "2023-01-20", None),
    ("L6", "ppk01-b", "KAPOLSEK01", "KOORDINASI", None, None),
    ("L7", "PPK01", "PPS2001", "RAPAT", "2023-03-01", None),
    ("L8", "PPS2002", "ppk01-a", "RAPAT", "2023-03-02", None),
    ("L9", "pps2001-a", "KADES2001", "RAPAT", "2023-10-05", "DPTb"),
    ("L10", "PPK02", "CAMAT02", "AUDIENSI", "2023-01-21", None),
    ("L11", "PPK01", "CAMAT01", "RAPAT", "2023-08-01", None),
]


def mini_rows() -> NetworkRows:
    return NetworkRows(
        [ActorRow(*a) for a in ACTORS],
        [LinkRow(*link) for link in LINKS],
    )


@pytest.fixture
def rows() -> NetworkRows:
    return mini_rows()


@pytest.fixture
def G(rows: NetworkRows) -> nx.Graph:
    return build_graph(rows)
