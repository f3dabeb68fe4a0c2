"""A realistic, generated coordination network for any area of Indonesia.

``sinergi demo --region CODE`` fills a store with the election bodies of an
area (KPU, Bawaslu, PPK, PPS and their members), the stakeholders they must
reach (camat, kapolsek, danramil, puskesmas, kepala desa / lurah, …) and the
coordination links between them, dated along the seasons of the 2024
elections. The facts it rests on come from the field reports in
``shared/seeds`` (cited by file name below); everything else is synthetic:
people's names are drawn from common Indonesian names, phone numbers use the
toll-free prefix ``0800`` (never a person's mobile number) and e-mail
addresses the reserved ``example.invalid`` domain.

Coverage is deliberately incomplete (e.g. ~87 % of PPS know their kepala
desa, ~65 % of PPK their puskesmas) and each regency has its own strength, so
the gap list and its spread between regencies are worth looking at.

The content is deterministic: every regency and kecamatan draws from its own
random stream seeded from ``(seed, area code)``, so the demo of ``33.23`` is
exactly the part of the demo of ``33`` (or ``ID``) that lies in ``33.23``.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, TypeVar

from pydantic import BaseModel

from sinergi_graph.areas import Area, AreaIndex, is_kelurahan, level_of, load_areas
from sinergi_graph.bulk import cycle_collector_paused
from sinergi_graph.errors import SinergiError
from sinergi_graph.kinds import Level
from sinergi_graph.models import Actor, CoordinationLink, LinkType
from sinergi_graph.store.protocol import GraphStore
from sinergi_graph.text import fold

__all__ = ["DemoBatch", "DemoSummary", "build_demo", "demo_size", "generate_demo"]

DEFAULT_SEED = 2024

# Seed 004 (Temanggung): PPK have 5 members, PPS 3.
PPK_MEMBERS = 5
PPS_MEMBERS = 3
KPU_KAB_MEMBERS = 5

# Kalurahan Tepus, Kapanewon Tepus, Gunungkidul (seed 000): forced links.
TEPUS_VILLAGE = "34.03.07.2004"
TEPUS_DATE = date(2023, 10, 5)


@dataclass(frozen=True, slots=True)
class DemoBatch:
    """One step of the generation: a regency, or the header of a province / the country.

    ``villages`` counts the villages generated in this batch (0 for the
    national and provincial headers); ``area`` is the regency, province or
    ``"ID"`` the batch belongs to.
    """

    actors: list[Actor]
    links: list[CoordinationLink]
    villages: int
    area: str


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What :func:`build_demo` wrote, and how long generation plus writing took."""

    actors: int
    links: int
    seconds: float


# --------------------------------------------------------------------------
# Seasons of the 2024 elections (Pemilu 14 February 2024, Pilkada 27 November
# 2024) and the link menus of each pair of actors.


class _Season(NamedTuple):
    type: str
    topic: str
    first: int  # proleptic ordinal of the first possible day
    span: int  # number of possible days


def _season(type_: LinkType, topic: str, start: str, end: str | None = None) -> _Season:
    first = date.fromisoformat(start).toordinal()
    last = date.fromisoformat(end or start).toordinal()
    return _Season(type_.value, topic, first, last - first + 1)


class _Pair(NamedTuple):
    """How two actors usually meet: an opening contact, then some of ``menu``."""

    intro: _Season | None
    menu: tuple[_Season, ...]


_K = LinkType.KOORDINASI
_R = LinkType.RAPAT
_A = LinkType.AUDIENSI
_B = LinkType.BIMTEK
_M = LinkType.MONITORING
_S = LinkType.SOSIALISASI
_KS = LinkType.KERJASAMA
_SU = LinkType.SURAT

_COKLIT = ("2023-02-12", "2023-03-14")
_DPS = ("2023-04-03", "2023-05-15")
_DPT = ("2023-06-01", "2023-06-21")
_DPTB = ("2023-09-01", "2023-10-31")  # seed 000: DPTb progress in October 2023
_KAMPANYE = ("2023-11-28", "2024-02-10")
_LOGISTIK = ("2023-12-01", "2024-02-13")
_KPPS = ("2023-12-11", "2024-01-25")
_REKAP_KEC = ("2024-02-15", "2024-03-02")
_REKAP_KAB = ("2024-02-20", "2024-03-10")
_ADHOC_PILKADA = ("2024-05-10", "2024-06-20")
_COKLIT_PILKADA = ("2024-06-24", "2024-07-24")
_PILKADA = ("2024-11-01", "2024-11-26")
_REKAP_PILKADA = ("2024-11-28", "2024-12-10")
_REKAP_PROV = ("2024-03-01", "2024-03-10")
_SOWAN_PPS = ("2023-01-25", "2023-02-15")
_AWAL = ("2022-12-01", "2023-02-10")  # the first weeks of the ad hoc bodies' work
_NPHD = ("2023-10-01", "2023-11-10")
_PENCALONAN = ("2023-03-01", "2023-08-31")
_MOU = ("2022-03-01", "2023-06-30")

# Seed 004: after their appointment PPK and PPS "sowan" to their stakeholders,
# among other things to set up their secretariats.
_PPS_HEAD = _Pair(
    _season(_A, "Sowan PPS: perkenalan anggota kepada kepala desa/lurah", *_SOWAN_PPS),
    (
        _season(_K, "Dukungan pembentukan sekretariat PPS", "2023-01-26", "2023-02-28"),
        _season(_K, "Pencocokan dan penelitian (coklit) data pemilih", *_COKLIT),
        _season(_R, "Pengumuman Daftar Pemilih Sementara (DPS)", *_DPS),
        _season(_K, "Daftar Pemilih Tambahan (DPTb)", *_DPTB),
        _season(_K, "Penyiapan lokasi TPS dan pembentukan KPPS", *_KPPS),
        _season(_K, "Distribusi logistik pemilu ke TPS", "2024-02-05", "2024-02-13"),
        _season(_K, "Pemungutan suara 14 Februari 2024", "2024-02-14"),
        _season(_A, "Sowan PPS Pilkada 2024", "2024-05-25", "2024-06-20"),
        _season(_K, "Pemutakhiran data pemilih Pilkada 2024", *_COKLIT_PILKADA),
        _season(_K, "Persiapan pemungutan suara Pilkada 27 November 2024", *_PILKADA),
    ),
)
_PPS_PPK = _Pair(
    _season(_B, "Pelantikan dan bimbingan teknis PPS", "2023-01-24", "2023-02-10"),
    (
        _season(_M, "Monitoring coklit data pemilih", *_COKLIT),
        _season(_R, "Rapat pleno rekapitulasi DPS tingkat kecamatan", *_DPS),
        _season(_R, "Rekapitulasi Daftar Pemilih Tetap (DPT)", *_DPT),
        _season(_R, "Rekapitulasi Daftar Pemilih Tambahan (DPTb)", *_DPTB),
        _season(_B, "Bimtek pemungutan dan penghitungan suara", "2024-01-08", "2024-02-05"),
        _season(_R, "Rekapitulasi hasil penghitungan suara tingkat kecamatan", *_REKAP_KEC),
        _season(_B, "Bimtek PPS Pilkada 2024", *_ADHOC_PILKADA),
        _season(_R, "Rekapitulasi hasil Pilkada tingkat kecamatan", *_REKAP_PILKADA),
    ),
)
_PKD_PPS = _Pair(
    None,
    (
        _season(_K, "Pengawasan coklit data pemilih", *_COKLIT),
        _season(_K, "Pengawasan pengumuman DPS", *_DPS),
        _season(_K, "Pengawasan DPTb", *_DPTB),
        _season(_K, "Pengawasan distribusi logistik", "2024-02-05", "2024-02-13"),
        _season(_K, "Pengawasan coklit Pilkada 2024", *_COKLIT_PILKADA),
    ),
)
_PKD_PANWASCAM = _Pair(
    _season(_B, "Bimtek Pengawas Kelurahan/Desa", "2023-02-01", "2023-03-10"),
    (
        _season(_M, "Supervisi pengawasan kampanye", *_KAMPANYE),
        _season(_R, "Rapat evaluasi pengawasan pemungutan suara", "2024-02-15", "2024-02-29"),
    ),
)
_PKD_HEAD = _Pair(
    None,
    (
        _season(_K, "Pengawasan netralitas perangkat desa", *_KAMPANYE),
        _season(_K, "Netralitas kepala desa pada Pilkada 2024", "2024-09-25", "2024-11-23"),
    ),
)
_PPS_CROSS = _Pair(
    None,
    (
        _season(_K, "Pengamanan TPS", "2024-02-01", "2024-02-14"),
        _season(_K, "Pemeriksaan kesehatan calon KPPS", *_KPPS),
    ),
)
_PPK_CAMAT = _Pair(
    _season(_A, "Sowan PPK: perkenalan anggota kepada camat", "2023-01-05", "2023-01-31"),
    (
        _season(_K, "Dukungan pembentukan sekretariat PPK", "2023-01-05", "2023-02-15"),
        _season(_R, "Rapat koordinasi forkopimcam persiapan pemilu", "2023-12-01", "2024-01-31"),
        _season(_K, "Gudang logistik kecamatan", *_LOGISTIK),
        _season(_R, "Rekapitulasi hasil penghitungan suara tingkat kecamatan", *_REKAP_KEC),
        _season(_A, "Sowan PPK Pilkada 2024", *_ADHOC_PILKADA),
        _season(_R, "Rapat forkopimcam persiapan Pilkada 2024", *_PILKADA),
    ),
)
_PPK_SECURITY = _Pair(
    _season(_A, "Sowan PPK: perkenalan anggota", "2023-01-05", "2023-02-10"),
    (
        _season(_K, "Pengamanan tahapan kampanye", *_KAMPANYE),
        _season(_K, "Pengamanan gudang dan distribusi logistik", *_LOGISTIK),
        _season(_K, "Pengamanan pemungutan suara 14 Februari 2024", "2024-02-14"),
        _season(_K, "Pengamanan rekapitulasi tingkat kecamatan", *_REKAP_KEC),
        _season(_K, "Pengamanan Pilkada 2024", *_PILKADA),
    ),
)
_PPK_PUSKESMAS = _Pair(
    None,
    (
        _season(_K, "Pemeriksaan kesehatan calon KPPS", *_KPPS),
        _season(_K, "Layanan kesehatan petugas pemungutan suara", "2024-02-10", "2024-02-20"),
        _season(_K, "Layanan kesehatan petugas Pilkada 2024", *_PILKADA),
    ),
)
_PPK_KPU = _Pair(
    _season(_B, "Pelantikan dan bimbingan teknis PPK", "2023-01-04", "2023-01-15"),
    (
        _season(_M, "Monitoring pembentukan PPS", "2023-01-10", "2023-01-31"),
        _season(_R, "Rapat pleno rekapitulasi DPT tingkat kabupaten/kota", *_DPT),
        _season(_R, "Rekapitulasi DPTb", *_DPTB),
        _season(_B, "Bimtek rekapitulasi hasil penghitungan suara", "2024-01-15", "2024-02-10"),
        _season(_R, "Rekapitulasi hasil penghitungan suara tingkat kabupaten/kota", *_REKAP_KAB),
        _season(_B, "Pelantikan dan bimtek PPK Pilkada 2024", *_ADHOC_PILKADA),
    ),
)
_PPK_PANWASCAM = _Pair(
    None,
    (
        _season(_K, "Pengawasan coklit data pemilih", *_COKLIT),
        _season(_K, "Pengawasan DPTb", *_DPTB),
        _season(_K, "Pengawasan rekapitulasi tingkat kecamatan", *_REKAP_KEC),
        _season(_K, "Pengawasan rekapitulasi Pilkada 2024", *_REKAP_PILKADA),
    ),
)
_BAWASLU_PANWASCAM = _Pair(
    _season(_B, "Pelantikan dan bimtek Panwaslu Kecamatan", "2022-10-24", "2022-11-15"),
    (
        _season(_M, "Supervisi pengawasan coklit", *_COKLIT),
        _season(_M, "Supervisi pengawasan kampanye", *_KAMPANYE),
        _season(_M, "Supervisi pengawasan rekapitulasi", *_REKAP_KEC),
    ),
)
_PANWASCAM_POLSEK = _Pair(
    None,
    (
        _season(_K, "Sentra Gakkumdu kecamatan: pelanggaran kampanye", *_KAMPANYE),
        _season(_K, "Pengawasan dan pengamanan pemungutan suara", "2024-02-10", "2024-02-14"),
    ),
)
_FORKOPIMCAM = _Pair(
    None,
    (
        _season(_R, "Rapat forkopimcam kesiapan pengamanan pemilu", "2024-01-05", "2024-02-10"),
        _season(_R, "Rapat forkopimcam kesiapan Pilkada 2024", *_PILKADA),
    ),
)
# Regency level (seed 001: KPU, Bawaslu, Kasat Intel of the Polres, Kesbangpol, media).
_KPU_BAWASLU = _Pair(
    _season(_R, "Rapat koordinasi tahapan Pemilu 2024", "2022-12-01", "2023-01-31"),
    (
        _season(_R, "Rapat pleno rekapitulasi DPS", *_DPS),
        _season(_R, "Rapat pleno rekapitulasi DPT", *_DPT),
        _season(_R, "Rapat pleno DPTb", *_DPTB),
        _season(_R, "Fasilitasi dan pengawasan kampanye", *_KAMPANYE),
        _season(_R, "Rekapitulasi hasil penghitungan suara tingkat kabupaten/kota", *_REKAP_KAB),
        _season(_R, "Rapat koordinasi Pilkada 2024", *_PILKADA),
    ),
)
_KPU_KESBANGPOL = _Pair(
    _season(_S, "Sosialisasi tahapan penyelenggaraan Pemilu 2024", "2022-12-01", "2023-01-31"),
    (
        _season(_K, "Fasilitasi kampanye dan alat peraga kampanye", *_KAMPANYE),
        _season(_R, "Rapat koordinasi kerawanan pemilu", "2023-10-01", "2023-12-15"),
        _season(_R, "Desk Pilkada 2024", "2024-06-01", "2024-09-30"),
    ),
)
_KPU_SECURITY = _Pair(
    _season(_A, "Audiensi KPU dengan pimpinan aparat keamanan", "2022-12-05", "2023-02-28"),
    (
        _season(_K, "Pengamanan tahapan kampanye", *_KAMPANYE),
        _season(_K, "Pengamanan gudang dan distribusi logistik", *_LOGISTIK),
        _season(_K, "Pengamanan rekapitulasi tingkat kabupaten/kota", *_REKAP_KAB),
        _season(_K, "Pengamanan Pilkada 2024", *_PILKADA),
    ),
)
_KPU_PEMDA = _Pair(
    _season(_A, "Audiensi KPU dengan bupati/wali kota", "2022-12-05", "2023-02-15"),
    (
        _season(_KS, "Naskah perjanjian hibah daerah (NPHD) Pilkada 2024", *_NPHD),
        _season(_SU, "Permohonan dukungan sekretariat badan ad hoc", "2023-01-02", "2023-01-31"),
        _season(_K, "Dukungan gudang logistik", *_LOGISTIK),
    ),
)
_KPU_DUKCAPIL = _Pair(
    _season(_KS, "Pemanfaatan data kependudukan untuk pemutakhiran data pemilih", *_AWAL),
    (
        _season(_K, "Sinkronisasi data pemilih dengan data kependudukan", *_DPS),
        _season(_K, "Perekaman KTP-el pemilih pemula", "2023-07-01", "2023-10-31"),
        _season(_K, "Data pemilih Pilkada 2024", *_COKLIT_PILKADA),
    ),
)
_KPU_MEDIA = _Pair(
    _season(_S, "Sosialisasi tahapan pemilu kepada media", "2022-12-01", "2023-03-31"),
    (
        _season(_S, "Sosialisasi pemungutan suara 14 Februari 2024", "2024-01-10", "2024-02-12"),
        _season(_S, "Sosialisasi Pilkada 2024", "2024-08-01", "2024-11-20"),
    ),
)
_KPU_PARPOL = _Pair(
    None,
    (
        _season(_S, "Sosialisasi pencalonan anggota DPRD", "2023-04-10", "2023-05-14"),
        _season(_R, "Penetapan Daftar Calon Tetap (DCT)", "2023-11-01", "2023-11-04"),
        _season(_R, "Rapat koordinasi kampanye dan zonasi APK", "2023-11-15", "2023-12-15"),
        _season(_R, "Penetapan perolehan kursi DPRD", "2024-03-01", "2024-04-30"),
    ),
)
_BAWASLU_POLRES = _Pair(
    _season(_K, "Pembentukan Sentra Gakkumdu", "2022-12-01", "2023-02-28"),
    (_season(_K, "Sentra Gakkumdu: penanganan pelanggaran kampanye", *_KAMPANYE),),
)
_BAWASLU_PARPOL = _Pair(None, (_season(_S, "Sosialisasi pengawasan kampanye", *_KAMPANYE),))
_KESBANGPOL_PARPOL = _Pair(
    None, (_season(_K, "Pendidikan politik dan bantuan keuangan partai", *_PENCALONAN),)
)
# Province level (seed 001: KPU Jawa Timur's socialisation in December 2022).
_SOSIALISASI_REGULASI = "Sosialisasi regulasi tahapan penyelenggaraan Pemilu 2024"
_PROV_PARTNER = _Pair(
    None,
    (
        _season(_R, "Rapat koordinasi kerawanan pemilu", "2023-10-01", "2023-12-15"),
        _season(_K, "Pengamanan dan pengawasan rekapitulasi tingkat provinsi", *_REKAP_PROV),
        _season(_R, "Rapat koordinasi Pilkada 2024", "2024-06-01", "2024-10-31"),
    ),
)
_PROV_DOWN = _Pair(
    None,
    (
        _season(_M, "Supervisi pembentukan badan ad hoc", "2022-11-15", "2023-01-31"),
        _season(_R, "Rapat koordinasi pemutakhiran data pemilih", "2023-03-01", "2023-06-30"),
        _season(_R, "Rekapitulasi hasil penghitungan suara tingkat provinsi", *_REKAP_PROV),
    ),
)
# Nasional. Seed 003: KPU has 87 cooperation agreements; the monitoring and
# evaluation meeting at Mandalika on 20 July 2023 was the first look at them.
_MONEV_KERJASAMA = _season(
    _M, "Rapat koordinasi monitoring dan evaluasi kerjasama (Mandalika)", "2023-07-20"
)
# Seed 002: national coordination meeting of the socialisation divisions of KPU
# Provinsi and KPU Kabupaten/Kota, Surabaya, 4 August 2024.
_RAKORNAS_SOSDIKLIH = _season(
    _R, "Rakornas Divisi Sosialisasi, Pendidikan Pemilih dan Partisipasi Masyarakat", "2024-08-04"
)
_NASIONAL_PAIR = _Pair(
    _season(_R, "Rapat koordinasi tahapan Pemilu 2024", "2022-06-14", "2022-08-31"),
    (
        _season(_R, "Rapat koordinasi kampanye", *_KAMPANYE),
        _season(_R, "Rapat koordinasi rekapitulasi nasional", "2024-02-20", "2024-03-20"),
        _season(_R, "Rapat koordinasi Pilkada 2024", "2024-05-01", "2024-10-31"),
    ),
)

# Ministries and agencies with an MoU with KPU RI (a realistic subset of the 87
# of seed 003), with an optional topic of a follow-up contact.
_KEMENTERIAN: tuple[tuple[str, str, str | None], ...] = (
    ("KEMENDAGRI", "Kementerian Dalam Negeri", "Dukungan pemerintah daerah untuk tahapan pemilu"),
    ("DUKCAPIL", "Direktorat Jenderal Kependudukan dan Pencatatan Sipil",
     "Penyerahan Data Penduduk Potensial Pemilih (DP4)"),
    ("KEMENLU", "Kementerian Luar Negeri", "Pemungutan suara di luar negeri"),
    ("POLRI", "Kepolisian Negara Republik Indonesia", "Operasi pengamanan pemilu"),
    ("TNI", "Tentara Nasional Indonesia", "Dukungan distribusi logistik ke daerah terpencil"),
    ("KOMINFO", "Kementerian Komunikasi dan Informatika", "Penanganan hoaks pemilu"),
    ("KEMENKEU", "Kementerian Keuangan", "Anggaran tahapan pemilu"),
    ("KEMENKUMHAM", "Kementerian Hukum dan Hak Asasi Manusia", "Pemilih di lembaga pemasyarakatan"),
    ("KEMENKES", "Kementerian Kesehatan", "Pemeriksaan kesehatan petugas KPPS"),
    ("KEMENAG", "Kementerian Agama", None),
    ("KEMENDIKBUDRISTEK", "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi",
     "Pendidikan pemilih pemula di sekolah"),
    ("KEMENDES", "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi", None),
    ("KEMENSOS", "Kementerian Sosial", "Pemilih penyandang disabilitas"),
    ("BSSN", "Badan Siber dan Sandi Negara", "Keamanan siber Sirekap"),
    ("BIN", "Badan Intelijen Negara", None),
    ("BPS", "Badan Pusat Statistik", None),
    ("BIG", "Badan Informasi Geospasial", "Peta daerah pemilihan"),
    ("BRIN", "Badan Riset dan Inovasi Nasional", None),
    ("LKPP", "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah", "Pengadaan logistik pemilu"),
    ("PPATK", "Pusat Pelaporan dan Analisis Transaksi Keuangan", "Dana kampanye"),
    ("KPK", "Komisi Pemberantasan Korupsi", None),
    ("KEJAGUNG", "Kejaksaan Agung Republik Indonesia", "Sentra Gakkumdu"),
    ("BMKG", "Badan Meteorologi, Klimatologi, dan Geofisika", "Cuaca hari pemungutan suara"),
    ("BNPB", "Badan Nasional Penanggulangan Bencana", "TPS di daerah rawan bencana"),
    ("KOMNASHAM", "Komisi Nasional Hak Asasi Manusia", None),
    ("OMBUDSMAN", "Ombudsman Republik Indonesia", None),
    ("POS", "PT Pos Indonesia (Persero)", "Distribusi logistik pemilu"),
)

# Parties of the 2024 election with their ballot numbers (national parties only).
_PARTAI: tuple[tuple[int, str], ...] = (
    (1, "Partai Kebangkitan Bangsa"),
    (2, "Partai Gerakan Indonesia Raya"),
    (3, "Partai Demokrasi Indonesia Perjuangan"),
    (4, "Partai Golongan Karya"),
    (5, "Partai NasDem"),
    (6, "Partai Buruh"),
    (7, "Partai Gelombang Rakyat Indonesia"),
    (8, "Partai Keadilan Sejahtera"),
    (9, "Partai Kebangkitan Nusantara"),
    (10, "Partai Hati Nurani Rakyat"),
    (11, "Partai Garda Republik Indonesia"),
    (12, "Partai Amanat Nasional"),
    (13, "Partai Bulan Bintang"),
    (14, "Partai Demokrat"),
    (15, "Partai Solidaritas Indonesia"),
    (16, "Partai Persatuan Indonesia"),
    (17, "Partai Persatuan Pembangunan"),
    (24, "Partai Ummat"),
)

# Provinces that host a Kodam headquarters (others are covered from a neighbour).
_KODAM: dict[str, str] = {
    "11": "Kodam Iskandar Muda",
    "12": "Kodam I/Bukit Barisan",
    "16": "Kodam II/Sriwijaya",
    "31": "Kodam Jaya/Jayakarta",
    "32": "Kodam III/Siliwangi",
    "33": "Kodam IV/Diponegoro",
    "35": "Kodam V/Brawijaya",
    "51": "Kodam IX/Udayana",
    "61": "Kodam XII/Tanjungpura",
    "64": "Kodam VI/Mulawarman",
    "71": "Kodam XIII/Merdeka",
    "73": "Kodam XIV/Hasanuddin",
    "81": "Kodam XVI/Pattimura",
    "91": "Kodam XVII/Cenderawasih",
    "92": "Kodam XVIII/Kasuari",
}

_KPU_DIVISI = (
    "Ketua",
    "Divisi Teknis Penyelenggaraan",
    "Divisi Hukum dan Pengawasan",
    "Divisi Perencanaan, Data dan Informasi",
    "Divisi Sosialisasi, Pendidikan Pemilih, Partisipasi Masyarakat dan SDM",
)
_PPK_DIVISI = (
    "Ketua",
    "Divisi Teknis Penyelenggaraan",
    "Divisi Perencanaan, Data dan Informasi",
    "Divisi Hukum dan Pengawasan",
    "Divisi Sosialisasi, Pendidikan Pemilih dan Partisipasi Masyarakat",
)

# Share of pairs that are in contact in a typical regency (the default gap rules
# and a few others); a regency's weakness multiplies the missing share.
_COVER: dict[str, float] = {
    "pps-kades": 0.87,
    "pps-ppk": 0.90,
    "pkd-pps": 0.75,
    "pkd-panwascam": 0.60,
    "pkd-kades": 0.25,
    "ppk-camat": 0.90,
    "ppk-kapolsek": 0.80,
    "ppk-danramil": 0.75,
    "ppk-puskesmas": 0.65,
    "ppk-kpu": 0.95,
    "ppk-panwascam": 0.80,
    "bawaslu-panwascam": 0.90,
    "panwascam-kapolsek": 0.45,
    "forkopimcam": 0.50,
    "kpu-bawaslu": 0.97,
    "kpu-kesbangpol": 0.85,
    "kpu-polres": 0.90,
    "kpu-kodim": 0.80,
    "kpu-pemda": 0.90,
    "kpu-disdukcapil": 0.85,
    "kpu-media": 0.70,
    "kpu-parpol": 0.75,
    "bawaslu-polres": 0.80,
    "bawaslu-parpol": 0.35,
    "kesbangpol-parpol": 0.30,
}

# --------------------------------------------------------------------------
# Synthetic Indonesian names, by broad region so a Balinese PPS does not read
# like a Batak one. About a quarter of people get a name from the common pool.

class _Names(NamedTuple):
    """Given names and second names (or clan names) for men and for women."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    male_second: tuple[str, ...]
    female_second: tuple[str, ...]


def _clan(male: str, female: str, family: str) -> _Names:
    """A pool whose second names are family or clan names shared by men and women."""
    names = tuple(family.split())
    return _Names(tuple(male.split()), tuple(female.split()), names, names)


def _pool(male: str, female: str, male_second: str, female_second: str) -> _Names:
    return _Names(*(tuple(x.split()) for x in (male, female, male_second, female_second)))


_COMMON = _pool(
    "Agus Ahmad Arif Bayu Budi Dedi Fajar Hendra Irfan Joko Muhammad Rahmat Reza Rizki Taufik "
    "Wahyu Yudi Yusuf Andika Dimas",
    "Anita Dewi Dian Fitri Indah Intan Kartika Lia Lina Maya Putri Ratna Rina Sari Siti Wati "
    "Yani Nurul Ayu Novita",
    "Hidayat Kurniawan Nugroho Pratama Putra Saputra Setiawan Wijaya Hakim Ramadhan Permana "
    "Firmansyah Gunawan Santoso",
    "Lestari Purnamasari Rahmawati Sulistyowati Susanti Wahyuni Maharani Anggraini Handayani "
    "Puspitasari Safitri Wulandari",
)
# Two-word entries are joined with "_" and split back when drawn.
_POOLS: dict[str, _Names] = {
    "jawa": _pool(
        "Bambang Slamet Eko Heru Hadi Sutrisno Sugeng Bagus Danang Suparno Widodo Setyo Mulyono "
        "Joko Wahyu Teguh Sigit",
        "Sri Endang Yuli Rini Suharti Wiwik Tutik Purwanti Sumiyati Dwi_Astuti Tri_Wahyuni "
        "Puji_Lestari Sulastri Ningsih",
        "Santoso Wibowo Prasetyo Susanto Purnomo Utomo Haryanto Sulistyo Kusuma Hartono "
        "Suprapto Pamungkas Nugroho",
        "Rahayu Handayani Wulandari Suryani Widiastuti Nugraheni Lestari Kusumawati Pratiwi "
        "Astuti",
    ),
    "sunda": _pool(
        "Asep Ujang Dede Cecep Yayan Dadang Rudi Entis Tatang Deden Ade Wawan Iwan Ajat",
        "Euis Neneng Iis Nining Yeti Imas Enok Cucu Lilis Nenden Rina",
        "Suryana Permana Ruhiyat Sopandi Hermawan Sutisna Gunawan Mulyana Sumarna Kusnadi",
        "Kurniasih Nurhayati Rosita Rahmawati Komalasari Nurjanah Sumiati Rohmah",
    ),
    "bali": _pool(
        "I_Wayan I_Made I_Nyoman I_Ketut I_Putu I_Gede I_Kadek I_Komang",
        "Ni_Wayan Ni_Made Ni_Nyoman Ni_Ketut Ni_Putu Ni_Luh Ni_Kadek Ni_Komang",
        "Sudarsana Arta Suardana Sukadana Wirawan Mahendra Suarjana Dharmawan Sudiarta Budiarsa",
        "Widiastuti Ariani Astuti Yuliani Sukmawati Suryantini Wulandari Damayanti Sariasih",
    ),
    "batak": _clan(
        "Hotman Lamhot Sahat Martin Ramses Hendrik Parulian Benny Robert Mangasi Torang",
        "Tiurma Rosmawati Juliana Dormian Friska Rosdiana Nurhalimah Lasma Rotua Sondang",
        "Siregar Nasution Simanjuntak Sitompul Hutapea Lubis Harahap Panjaitan Sinaga Manurung "
        "Sihombing Simatupang Pardede Tambunan Ginting Tarigan Sembiring Situmorang Damanik",
    ),
    "minang": _pool(
        "Afrizal Zulkifli Fauzan Syafri Hendri Nofrizal Yusrizal Riko Zulfahmi Amri Erizal",
        "Yulnita Rahmi Deswita Elfina Desfitri Yanti Marlina Fitriani Nelmi Yusnidar",
        "Syahputra Rahman Effendi Syahrial Hasan Chaniago Piliang Koto Tanjung",
        "Yanti Fitriani Marlina Rahmi Syafitri Hasanah Chaniago Piliang Koto Tanjung",
    ),
    "bugis": _pool(
        "Andi Syamsul Hasanuddin Rusdi Haeruddin Arifin Muhammad Irwan Jufri Syahrir Muhlis",
        "Nurhayati Sitti Nurlina Jumriah Hasniah Rahmatia Andi Hasnawati Nurhidayah Marwah",
        "Basri Amir Rasyid Ramli Jafar Tahir Mappiare Latif Rauf Saleh Mustari",
        "Basri Amir Rasyid Ramli Tahir Latif Rauf Saleh Nurdin Hamid",
    ),
    "melayu": _pool(
        "Zulkarnain Rahmat Syahrul Husni Mawardi Faisal Safrizal Azhari Hasbi Teuku_Ridwan "
        "Khairul",
        "Nurul Fitriani Zainab Nurjannah Rosmini Cut_Nurlela Aisyah Rohana Halimah Salmah",
        "Ibrahim Ismail Yusuf Abdullah Hamzah Husin Effendi Ilyas Harun Mahmud Jamaluddin",
        "Ibrahim Ismail Yusuf Abdullah Hamzah Husin Rahmawati Hasanah Mahmud Yusnita",
    ),
    "sasak": _pool(
        "Lalu_Muhammad Lalu_Ahmad Sahnan Zaenal Hairil Junaidi Hamdani Sapoan Ahyar Muhsin",
        "Baiq_Nurhasanah Baiq_Rohani Mariam Rohani Nurhasanah Hikmah Saniah Sumiati",
        "Fathurrahman Syarifuddin Wiradana Hamdani Ahyar Muhsin Hadi Rosyidi",
        "Hamdani Hidayati Maulida Rahmawati Wardani Safitri",
    ),
    "timur": _clan(
        "Yohanes Fransiskus Agustinus Yosef Markus Stefanus Petrus Melkianus Frans Abraham "
        "Ferdinand Yakobus",
        "Maria Elisabeth Theresia Veronika Yuliana Meiske Jeane Agustina Magdalena Yasinta",
        "Bria Seran Nahak Manek Tefa Kause Rumondor Mandagi Pangemanan Wowor Lumenta "
        "Sumampouw Pattiasina Matulessy Tuhumury Sahetapy Leiwakabessy Ndun Bessie",
    ),
    "papua": _clan(
        "Yulius Markus Yakob Yance Elias Herman Daniel Marthen Otniel Paulus Yusuf",
        "Welmina Naomi Yohana Yosina Selfina Ribka Debora Agustina Yuliana Ester",
        "Wenda Tabuni Wonda Kogoya Yikwa Murib Rumbiak Mandowen Rumkorem Ayomi Kambu Krey "
        "Wanggai Yoku Gebze Mahuze Kaize Mofu Rumaropen",
    ),
}
_POOL_OF_PROVINCE: dict[str, str] = {
    "11": "melayu", "12": "batak", "13": "minang", "14": "melayu", "15": "melayu",
    "16": "melayu", "17": "melayu", "18": "jawa", "19": "melayu", "21": "melayu",
    "31": "jawa", "32": "sunda", "33": "jawa", "34": "jawa", "35": "jawa", "36": "sunda",
    "51": "bali", "52": "sasak", "53": "timur", "61": "melayu", "62": "melayu",
    "63": "melayu", "64": "bugis", "65": "melayu", "71": "timur", "72": "bugis",
    "73": "bugis", "74": "bugis", "75": "melayu", "76": "bugis", "81": "timur",
    "82": "melayu", "91": "papua", "92": "papua", "93": "papua", "94": "papua",
    "95": "papua", "96": "papua",
}
_PAPUA = frozenset({"91", "92", "93", "94", "95", "96"})
_MEDIA_STYLES = ("Warta {}", "Kabar {}", "{} Terkini", "Suara {}", "Info {}", "{} Pos")

_ROLE_PROPS: dict[str, dict[str, str]] = {
    role: {"synthetic": "true", "role": role} for role in ("Ketua", "Anggota")
}

_Model = TypeVar("_Model", bound=BaseModel)
# One ``model_fields_set`` per record shape. Pydantic gives every instance its
# own set (728 bytes once it has five names), which is half the memory of a
# national demo (~840 MB of ~1.5 GB). The records are frozen, so nothing adds
# to these sets; ``model_copy`` copies the set before updating it.
_SHARED_FIELDS_SET: dict[str, set[str]] = {}


def _lean(model: _Model, shape: str) -> _Model:
    shared = _SHARED_FIELDS_SET.setdefault(shape, model.__pydantic_fields_set__)
    if shared is not model.__pydantic_fields_set__:
        object.__setattr__(model, "__pydantic_fields_set__", shared)
    return model


# --------------------------------------------------------------------------
# Area naming.


class _Place:
    """Local names of the levels of one province (kapanewon in DIY, distrik in Papua, …)."""

    def __init__(self, province: str, regency: str) -> None:
        self.province = province
        self.aceh = province == "11"
        if province == "34":
            kota = regency == "34.71"
            self.district = "Kemantren" if kota else "Kapanewon"
            self.camat = "Mantri Pamong Praja" if kota else "Panewu"
        elif province in _PAPUA:
            self.district, self.camat = "Distrik", "Kepala Distrik"
        else:
            self.district, self.camat = "Kecamatan", "Camat"
        self.ppk = "PPD" if province in _PAPUA else "PPK"

    def village(self, code: str) -> tuple[str, str, str]:
        """(word for the village, kind of its head, title of its head)."""
        if self.province == "34":
            return ("Kalurahan" if code[9] == "2" else "Kelurahan"), "LURAH", "Lurah"
        if is_kelurahan(code):
            return "Kelurahan", "LURAH", "Lurah"
        if self.aceh:
            return "Gampong", "KADES", "Keuchik"
        if self.province in _PAPUA:
            return "Kampung", "KADES", "Kepala Kampung"
        if self.province == "13":
            return "Nagari", "KADES", "Wali Nagari"
        if self.province == "51":
            return "Desa", "KADES", "Perbekel"
        return "Desa", "KADES", "Kepala Desa"


def _short(regency_name: str) -> str:
    """``Kabupaten Temanggung`` → ``Temanggung``, ``Kota Administrasi X`` → ``X``."""
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if regency_name.startswith(prefix):
            return regency_name[len(prefix) :]
    return regency_name


def _province_label(code: str, name: str) -> str:
    if code == "11":
        return name
    return name if name.startswith("Daerah ") else f"Provinsi {name}"


def _plain(code: str) -> str:
    return code.replace(".", "")


# --------------------------------------------------------------------------
# The generator.


def _rng(seed: int, *parts: str) -> random.Random:
    """A random stream of its own for ``parts`` (stable across runs, unlike ``hash``)."""
    key = "\x1f".join((str(seed), *parts)).encode("utf-8")
    return random.Random(int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big"))


class _Net:
    """Accumulates the actors and links of one batch, drawing from one random stream."""

    def __init__(self, rng: random.Random, province: str) -> None:
        self.rng = rng
        self.actors: list[Actor] = []
        self.links: list[CoordinationLink] = []
        pool = _POOLS[_POOL_OF_PROVINCE.get(province, "jawa")]
        # A quarter of people carry names from the common pool (migration, mixed
        # families); the pools are weighted by repetition, cheaper than weights=.
        self._names = (
            (pool.male * 3 + _COMMON.male, pool.male_second * 3 + _COMMON.male_second),
            (pool.female * 3 + _COMMON.female, pool.female_second * 3 + _COMMON.female_second),
        )

    def add(
        self,
        id: str,
        kind: str,
        name: str,
        area: str | None,
        *,
        email: str | None = None,
        note: str | None = None,
    ) -> str:
        actor = Actor(id=id, kind=kind, name=name, area=area, email=email, note=note)
        self.actors.append(_lean(actor, "institution"))
        return id

    def person_name(self) -> str:
        rng = self.rng
        given, second = self._names[rng.random() < 0.45]
        return f"{rng.choice(given)} {rng.choice(second)}".replace("_", " ")

    def members(
        self, institution: str, area: str, count: int, divisi: Sequence[str] = ()
    ) -> list[str]:
        """``count`` synthetic members (ids ``<institution>-1…``); the first one chairs."""
        ids: list[str] = []
        rng = self.rng
        for i in range(1, count + 1):
            role = "Ketua" if i == 1 else "Anggota"
            props = _ROLE_PROPS[role]
            if divisi:
                props = {**props, "divisi": divisi[i - 1]}
            member = f"{institution}-{i}"
            person = Actor(
                id=member,
                kind="PERSON",
                name=self.person_name(),
                area=area,
                member_of=institution,
                # 0800 is the toll-free prefix: the demo never dials a real person.
                phone=f"08000{rng.randrange(10_000_000):07d}",
                properties=props,
            )
            self.actors.append(_lean(person, "person"))
            ids.append(member)
        return ids

    def link(self, source: str, target: str, season: _Season) -> None:
        """A link on a random day of ``season``."""
        day = date.fromordinal(season.first + self.rng.randrange(season.span))
        self.fixed(source, target, season.type, day, season.topic)

    def fixed(
        self,
        source: str,
        target: str,
        type_: str,
        day: date,
        topic: str,
        note: str | None = None,
    ) -> None:
        """A link whose day and topic are known (an event of a field report)."""
        link = CoordinationLink.create(source, target, type_, day, topic, note)
        self.links.append(_lean(link, "link"))

    def contact(
        self,
        a: str,
        b: str,
        pair: _Pair,
        *,
        a_members: Sequence[str] = (),
        b_members: Sequence[str] = (),
    ) -> None:
        """One to four links between ``a`` and ``b`` on different occasions.

        A quarter of the links are made by a member of ``a`` (the analysis
        folds members onto their institution), a tenth reach a member of ``b``.
        """
        rng = self.rng
        r = rng.random()
        extra = 0 if r < 0.40 else 1 if r < 0.75 else 2 if r < 0.93 else 3
        seasons: list[_Season] = []
        if pair.intro is not None and rng.random() < 0.8:
            seasons.append(pair.intro)
        elif extra == 0:
            extra = 1
        # A partial shuffle: random.sample costs an ABC check per call.
        menu = list(pair.menu)
        n = len(menu)
        for j in range(min(extra, n)):
            k = j + rng.randrange(n - j)
            menu[j], menu[k] = menu[k], menu[j]
            seasons.append(menu[j])
        for season in seasons:
            source = rng.choice(a_members) if a_members and rng.random() < 0.25 else a
            target = rng.choice(b_members) if b_members and rng.random() < 0.10 else b
            self.link(source, target, season)

    def maybe(
        self,
        rule: str,
        weakness: float,
        a: str,
        b: str,
        pair: _Pair,
        *,
        a_members: Sequence[str] = (),
        b_members: Sequence[str] = (),
    ) -> None:
        """Contact with the probability of ``rule``, its missing share scaled by ``weakness``."""
        missing = min(0.95, (1.0 - _COVER[rule]) * weakness)
        if self.rng.random() >= missing:
            self.contact(a, b, pair, a_members=a_members, b_members=b_members)


def _weakness(rng: random.Random) -> float:
    """How much more often than usual a regency's bodies miss a contact.

    Most regencies do better than average, one in five somewhat worse and one
    in ten much worse; the mean is close to 1.
    """
    r = rng.random()
    if r < 0.70:
        return rng.uniform(0.4, 1.0)
    if r < 0.90:
        return rng.uniform(1.0, 1.8)
    return rng.uniform(2.2, 3.5)


class _RegencyIds(NamedTuple):
    kpu: str
    kpu_members: list[str]
    bawaslu: str
    polres: str
    kodim: str
    weakness: float


def _regency_institutions(net: _Net, regency: Area, province: str) -> _RegencyIds:
    code = regency.code
    digits = _plain(code)
    name = regency.name
    short = _short(name)
    aceh = province == "11"
    kpu = net.add(
        f"KPU_KAB-{digits}",
        "KPU_KAB",
        f"{'KIP' if aceh else 'KPU'} {name}",
        code,
        email=f"kpu.{fold(short)}.{digits}@example.invalid",
    )
    kpu_members = net.members(kpu, code, KPU_KAB_MEMBERS, _KPU_DIVISI)
    bawaslu = net.add(
        f"BAWASLU_KAB-{digits}",
        "BAWASLU_KAB",
        f"{'Panwaslih' if aceh else 'Bawaslu'} {name}",
        code,
        email=f"bawaslu.{fold(short)}.{digits}@example.invalid",
    )
    kesbangpol = net.add(f"KESBANGPOL-{digits}", "KESBANGPOL", f"Badan Kesbangpol {name}", code)
    kota = name.startswith("Kota")
    polres_name = f"{'Polresta' if kota else 'Polres'} {short}"
    polres = net.add(f"POLRES-{digits}", "POLRES", polres_name, code)
    kodim = net.add(f"KODIM-{digits}", "KODIM", f"Kodim {short}", code)
    pemda = net.add(f"PEMDA-{digits}", "PEMDA", f"Pemerintah {name}", code)
    dukcapil = net.add(f"DISDUKCAPIL-{digits}", "DISDUKCAPIL", f"Disdukcapil {name}", code)
    rng = net.rng
    media = [
        net.add(f"MEDIA-{digits}-{i}", "MEDIA", style.format(short), code)
        for i, style in enumerate(rng.sample(_MEDIA_STYLES, rng.randint(1, 3)), start=1)
    ]
    parties = [
        net.add(f"PARPOL-{digits}-{number:02d}", "PARPOL", f"{party} {name}", code)
        for number, party in sorted(rng.sample(_PARTAI, rng.randint(3, 7)))
    ]
    weak = _weakness(rng)

    net.maybe("kpu-bawaslu", weak, kpu, bawaslu, _KPU_BAWASLU, a_members=kpu_members)
    net.maybe("kpu-kesbangpol", weak, kpu, kesbangpol, _KPU_KESBANGPOL, a_members=kpu_members)
    net.maybe("kpu-polres", weak, kpu, polres, _KPU_SECURITY, a_members=kpu_members)
    net.maybe("kpu-kodim", weak, kpu, kodim, _KPU_SECURITY, a_members=kpu_members)
    net.maybe("kpu-pemda", weak, kpu, pemda, _KPU_PEMDA, a_members=kpu_members)
    net.maybe("kpu-disdukcapil", weak, kpu, dukcapil, _KPU_DUKCAPIL, a_members=kpu_members)
    for m in media:
        net.maybe("kpu-media", weak, kpu, m, _KPU_MEDIA, a_members=kpu_members)
    for p in parties:
        net.maybe("kpu-parpol", weak, kpu, p, _KPU_PARPOL, a_members=kpu_members)
        net.maybe("bawaslu-parpol", weak, bawaslu, p, _BAWASLU_PARPOL)
        net.maybe("kesbangpol-parpol", weak, kesbangpol, p, _KESBANGPOL_PARPOL)
    net.maybe("bawaslu-polres", weak, bawaslu, polres, _BAWASLU_POLRES)
    return _RegencyIds(kpu, kpu_members, bawaslu, polres, kodim, weak)


def _district(
    net: _Net, district: Area, villages: list[Area], reg: _RegencyIds, place: _Place
) -> None:
    """A kecamatan: PPK, Panwaslu, forkopimcam, puskesmas, and all its villages."""
    code = district.code
    digits = _plain(code)
    label = f"{place.district} {district.name}"
    rng = net.rng
    weak = reg.weakness * rng.uniform(0.55, 1.4)  # kecamatan differ within a regency too

    ppk = net.add(
        f"PPK-{digits}",
        "PPK",
        f"{place.ppk} {label}",
        code,
        email=f"ppk.{fold(district.name)}.{digits}@example.invalid",
    )
    ppk_members = net.members(ppk, code, PPK_MEMBERS, _PPK_DIVISI)
    panwascam = net.add(f"PANWASCAM-{digits}", "PANWASCAM", f"Panwaslu {label}", code)
    camat = net.add(f"CAMAT-{digits}", "CAMAT", f"{place.camat} {district.name}", code)
    kapolsek = net.add(f"KAPOLSEK-{digits}", "KAPOLSEK", f"Kapolsek {district.name}", code)
    danramil = net.add(f"DANRAMIL-{digits}", "DANRAMIL", f"Danramil {district.name}", code)
    puskesmas = [net.add(f"PUSKESMAS-{digits}-1", "PUSKESMAS", f"Puskesmas {district.name}", code)]
    if villages and rng.random() < 0.35:
        # Larger kecamatan often have a second puskesmas named after a village.
        site = rng.choice(villages)
        puskesmas.append(
            net.add(f"PUSKESMAS-{digits}-2", "PUSKESMAS", f"Puskesmas {site.name}", code)
        )

    net.maybe(
        "ppk-kpu", weak, ppk, reg.kpu, _PPK_KPU, a_members=ppk_members, b_members=reg.kpu_members
    )
    net.maybe("ppk-camat", weak, ppk, camat, _PPK_CAMAT, a_members=ppk_members)
    net.maybe("ppk-kapolsek", weak, ppk, kapolsek, _PPK_SECURITY, a_members=ppk_members)
    net.maybe("ppk-danramil", weak, ppk, danramil, _PPK_SECURITY, a_members=ppk_members)
    health = rng.choice(puskesmas)
    net.maybe("ppk-puskesmas", weak, ppk, health, _PPK_PUSKESMAS, a_members=ppk_members)
    net.maybe("ppk-panwascam", weak, ppk, panwascam, _PPK_PANWASCAM, a_members=ppk_members)
    net.maybe("bawaslu-panwascam", weak, reg.bawaslu, panwascam, _BAWASLU_PANWASCAM)
    net.maybe("panwascam-kapolsek", weak, panwascam, kapolsek, _PANWASCAM_POLSEK)
    net.maybe("forkopimcam", weak, camat, kapolsek, _FORKOPIMCAM)
    net.maybe("forkopimcam", weak, camat, danramil, _FORKOPIMCAM)

    for village in villages:
        _village(net, village, place, weak, ppk, ppk_members, panwascam, kapolsek, puskesmas[0])


def _village(
    net: _Net,
    village: Area,
    place: _Place,
    weak: float,
    ppk: str,
    ppk_members: list[str],
    panwascam: str,
    kapolsek: str,
    puskesmas: str,
) -> None:
    code = village.code
    digits = _plain(code)
    word, head_kind, head_title = place.village(code)
    label = f"{word} {village.name}"
    pps = net.add(
        f"PPS-{digits}",
        "PPS",
        f"PPS {label}",
        code,
        email=f"pps.{fold(village.name)}.{digits}@example.invalid",
    )
    pps_members = net.members(pps, code, PPS_MEMBERS)
    pkd = net.add(f"PKD-{digits}", "PKD", f"PKD {label}", code)
    head_name = f"{head_title} {label}" if head_kind == "LURAH" else f"{head_title} {village.name}"
    head = net.add(f"{head_kind}-{digits}", head_kind, head_name, code)

    net.maybe("pps-kades", weak, pps, head, _PPS_HEAD, a_members=pps_members)
    net.maybe("pps-ppk", weak, pps, ppk, _PPS_PPK, a_members=pps_members, b_members=ppk_members)
    net.maybe("pkd-pps", weak, pkd, pps, _PKD_PPS, b_members=pps_members)
    net.maybe("pkd-panwascam", weak, pkd, panwascam, _PKD_PANWASCAM)
    net.maybe("pkd-kades", weak, pkd, head, _PKD_HEAD)
    if net.rng.random() < 0.04:
        net.contact(pps, net.rng.choice((kapolsek, puskesmas)), _PPS_CROSS)

    if code == TEPUS_VILLAGE:
        # Seed 000: PPS Kalurahan Tepus met the lurah and the pamong kalurahan,
        # with PPK Kapanewon Tepus, at the Balai Kalurahan on 5 October 2023
        # about the progress of the DPTb. Forced, whatever the random draws.
        pamong = net.add(
            f"PERANGKAT_DESA-{digits}", "PERANGKAT_DESA", f"Pamong {label}", code
        )
        topic = f"Progres DPTb di {label}"
        note = f"Balai {label} (laporan lapangan 000)"
        for a, b in ((pps, head), (ppk, pps), (pps, pamong)):
            net.fixed(a, b, _K.value, TEPUS_DATE, topic, note)


def _regency_batch(
    areas: AreaIndex,
    seed: int,
    regency: Area,
    *,
    only_district: str | None,
    with_province: bool,
    with_nasional: bool,
) -> DemoBatch:
    province = regency.code[:2]
    place = _Place(province, regency.code)
    net = _Net(_rng(seed, regency.code), province)
    reg = _regency_institutions(net, regency, province)
    villages = 0
    for district in areas.children(regency.code):
        if only_district is not None and district.code != only_district:
            continue
        # Each kecamatan has its own stream, so a kecamatan demo is part of its regency's.
        net.rng = _rng(seed, district.code)
        children = areas.children(district.code)
        _district(net, district, children, reg, place)
        villages += len(children)
    if with_province:
        # Separate streams: these links exist only when the province is generated
        # too, and must not shift the draws of the regency itself.
        net.rng = _rng(seed, "provinsi", regency.code)
        _province_to_regency(net, seed, province, reg)
    if with_nasional:
        net.rng = _rng(seed, "nasional", regency.code)
        if net.rng.random() < 0.85:
            sosdiklih = reg.kpu_members[4]
            net.link(sosdiklih, "KPU_RI", _RAKORNAS_SOSDIKLIH)
    return DemoBatch(net.actors, net.links, villages, regency.code)


def _sosialisasi_day(seed: int, province: str) -> date:
    """The day of a province's regulation socialisation (seed 001: December 2022)."""
    return date(2022, 12, 1 + _rng(seed, "sosialisasi", province).randrange(20))


def _province_to_regency(net: _Net, seed: int, province: str, reg: _RegencyIds) -> None:
    digits = province
    kpu_prov, bawaslu_prov, polda = (f"{k}-{digits}" for k in ("KPU_PROV", "BAWASLU_PROV", "POLDA"))
    rng = net.rng
    # Seed 001: the socialisation brought the legal divisions of the KPU
    # Kab/Kota, Bawaslu Kab/Kota and the Kasat Intel of each Polres together.
    day = _sosialisasi_day(seed, province)
    topic = _SOSIALISASI_REGULASI
    if rng.random() < 0.9:
        net.fixed(kpu_prov, reg.kpu_members[2], _S.value, day, topic, "Divisi Hukum")
    if rng.random() < 0.7:
        net.fixed(kpu_prov, reg.bawaslu, _S.value, day, topic)
    if rng.random() < 0.6:
        net.fixed(kpu_prov, reg.polres, _S.value, day, topic, "Kasat Intel")
    if rng.random() < 0.8:
        net.contact(kpu_prov, reg.kpu, _PROV_DOWN, b_members=reg.kpu_members)
    if rng.random() < 0.8:
        net.contact(bawaslu_prov, reg.bawaslu, _PROV_DOWN)
    if rng.random() < 0.4:
        net.contact(polda, reg.polres, _PROV_PARTNER)


def _province_batch(seed: int, province: Area, *, with_nasional: bool) -> DemoBatch:
    code = province.code
    net = _Net(_rng(seed, code), code)
    label = _province_label(code, province.name)
    aceh = code == "11"
    short = {"31": "Jakarta", "34": "DIY"}.get(code, province.name)
    kpu = net.add(
        f"KPU_PROV-{code}",
        "KPU_PROV",
        f"{'KIP' if aceh else 'KPU'} {label}",
        code,
        email=f"kpu.prov{code}@example.invalid",
    )
    kpu_members = net.members(kpu, code, 7 if net.rng.random() < 0.5 else 5)
    bawaslu_name = f"{'Panwaslih' if aceh else 'Bawaslu'} {label}"
    bawaslu = net.add(f"BAWASLU_PROV-{code}", "BAWASLU_PROV", bawaslu_name, code)
    kesbangpol = net.add(f"KESBANGPOL-{code}", "KESBANGPOL", f"Badan Kesbangpol {label}", code)
    polda = net.add(
        f"POLDA-{code}", "POLDA", "Polda Metro Jaya" if code == "31" else f"Polda {short}", code
    )
    partners = [bawaslu, kesbangpol, polda]
    if code in _KODAM:
        partners.append(net.add(f"KODAM-{code}", "KODAM", _KODAM[code], code))
    rng = net.rng
    media = [
        net.add(f"MEDIA-{code}-{i}", "MEDIA", style.format(short), code)
        for i, style in enumerate(rng.sample(_MEDIA_STYLES, rng.randint(1, 2)), start=1)
    ]
    # Seed 001: one socialisation event with Bawaslu, police, Kesbangpol and media.
    day = _sosialisasi_day(seed, code)
    for other in (*partners, *media):
        if rng.random() < 0.85:
            net.fixed(kpu, other, _S.value, day, _SOSIALISASI_REGULASI)
    for other in partners:
        if rng.random() < 0.8:
            net.contact(kpu, other, _PROV_PARTNER, a_members=kpu_members)
    if with_nasional:
        net.rng = _rng(seed, "nasional", code)
        net.contact("KPU_RI", kpu, _NASIONAL_PAIR, b_members=kpu_members)
        net.contact("BAWASLU_RI", bawaslu, _NASIONAL_PAIR)
        if net.rng.random() < 0.9:
            net.link(net.rng.choice(kpu_members), "KPU_RI", _RAKORNAS_SOSDIKLIH)
    return DemoBatch(net.actors, net.links, 0, code)


def _nasional_batch(seed: int) -> DemoBatch:
    net = _Net(_rng(seed, "ID"), "31")
    kpu = net.add(
        "KPU_RI",
        "KPU_RI",
        "Komisi Pemilihan Umum Republik Indonesia",
        None,
        email="kpu.ri@example.invalid",
    )
    bawaslu = net.add(
        "BAWASLU_RI", "BAWASLU_RI", "Badan Pengawas Pemilihan Umum Republik Indonesia", None
    )
    dkpp = net.add("DKPP", "DKPP", "Dewan Kehormatan Penyelenggara Pemilu", None)
    net.contact(kpu, bawaslu, _NASIONAL_PAIR)
    net.contact(dkpp, kpu, _NASIONAL_PAIR)
    net.contact(dkpp, bawaslu, _NASIONAL_PAIR)
    rng = net.rng
    mou = _season(_KS, "Nota kesepahaman dukungan penyelenggaraan Pemilu 2024", *_MOU)
    for short, name, follow_up in _KEMENTERIAN:
        note = (
            "Sejak Oktober 2024: Kementerian Komunikasi dan Digital (Komdigi)"
            if short == "KOMINFO"
            else None
        )
        ministry = net.add(f"KEMENTERIAN-{short}", "KEMENTERIAN", name, None, note=note)
        net.link(kpu, ministry, mou)
        # Seed 003: most agreements had never been evaluated; the Mandalika
        # meeting reached only some of the partners.
        if rng.random() < 0.35:
            net.link(kpu, ministry, _MONEV_KERJASAMA)
        if follow_up is not None and rng.random() < 0.7:
            net.link(kpu, ministry, _season(_K, follow_up, "2022-09-01", "2024-10-31"))
        if short in {"POLRI", "KEJAGUNG"}:
            net.link(bawaslu, ministry, _season(_KS, "Sentra Gakkumdu", "2022-10-01", "2023-01-31"))
    return DemoBatch(net.actors, net.links, 0, "ID")


# --------------------------------------------------------------------------
# Public API.


def _resolve(areas: AreaIndex, region: str) -> str:
    code = areas.resolve(region)
    if code is None:
        raise SinergiError("unknown_area", code=region)
    return code


def generate_demo(region: str, *, seed: int = DEFAULT_SEED) -> Iterator[DemoBatch]:
    """Generate the demo network of ``region``, one regency at a time.

    Parameters
    ----------
    region : str
        An area code: ``"ID"`` (the whole country, with KPU RI, Bawaslu RI,
        DKPP and the ministries under MoU), a province (``"33"``, with its
        KPU/Bawaslu Provinsi, Kesbangpol, Polda, Kodam and media), a regency
        (``"33.23"``) or a kecamatan (``"34.03.07"``; its regency's
        institutions come along so ``ppk-kpu`` can be evaluated). A village
        code generates its whole kecamatan.
    seed : int, optional
        The same region and seed give the same ids, names, links and dates.

    Yields
    ------
    DemoBatch
        A header batch for the country and for each province (``villages``
        0), then one batch per regency. Links may point at actors of an
        earlier batch (a regency's KPU to its KPU Provinsi) but never at a
        later one.

    Raises
    ------
    SinergiError
        ``unknown_area`` when ``region`` is not a known area code (at the
        call, before any batch).

    Examples
    --------
    >>> batches = list(generate_demo("34.03.07"))
    >>> [b.area for b in batches], batches[0].villages
    (['34.03'], 5)
    >>> sorted(a.id for a in batches[0].actors if a.kind == "PPS")[:2]
    ['PPS-3403072001', 'PPS-3403072002']
    """
    areas = load_areas()
    # Resolved here, not in the generator, so an unknown code fails at the call.
    return _batches(areas, _resolve(areas, region), seed)


def _batches(areas: AreaIndex, code: str, seed: int) -> Iterator[DemoBatch]:
    # areas.level_of("ID") answers PROVINSI (a two-letter code), so test ID first.
    level = None if code == "ID" else level_of(code)
    if level is not None and level is not Level.PROVINSI:
        regency = areas.get(code[:5])
        assert regency is not None
        yield _regency_batch(
            areas,
            seed,
            regency,
            only_district=None if level is Level.KABUPATEN else code[:8],
            with_province=False,
            with_nasional=False,
        )
        return
    nasional = level is None
    if nasional:
        yield _nasional_batch(seed)
    for province in areas.children("ID") if nasional else [areas.get(code)]:
        assert province is not None
        yield _province_batch(seed, province, with_nasional=nasional)
        for regency in areas.children(province.code):
            yield _regency_batch(
                areas, seed, regency, only_district=None, with_province=True, with_nasional=nasional
            )


def demo_size(region: str) -> int:
    """The number of villages :func:`generate_demo` will generate for ``region``.

    Examples
    --------
    >>> demo_size("33.23"), demo_size("34.03.07")
    (289, 5)
    """
    areas = load_areas()
    code = _resolve(areas, region)
    if code != "ID" and level_of(code) is Level.DESA:
        code = code[:8]
    return len(areas.descendants(code, Level.DESA))


def build_demo(
    store: GraphStore,
    region: str,
    *,
    seed: int = DEFAULT_SEED,
    progress: Callable[[int], None] | None = None,
) -> DemoSummary:
    """Generate the demo network of ``region`` and write it to ``store`` in one transaction.

    Parameters
    ----------
    store : GraphStore
        Where to write; actors and links are upserted by id, so running the
        demo twice (or a regency after its province) changes nothing.
    region : str
        As for :func:`generate_demo`.
    seed : int, optional
        Random seed.
    progress : callable, optional
        Called with the number of villages generated so far after each batch
        (a total for it is :func:`demo_size`).

    Returns
    -------
    DemoSummary
        Numbers of actors and links written, and the seconds it took.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sinergi_graph.store.embedded import EmbeddedStore
    >>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()) / "demo.db")
    >>> summary = build_demo(store, "34.03.07")
    >>> store.stats().by_kind["PPS"], store.stats().actors == summary.actors
    (5, True)
    >>> store.close()
    """
    started = time.perf_counter()
    actors: list[Actor] = []
    links: list[CoordinationLink] = []
    done = 0
    # A million retained records make every full collection walk all of them
    # (national generation took 18 s instead of 12 s).
    with cycle_collector_paused():
        for batch in generate_demo(region, seed=seed):
            actors.extend(batch.actors)
            links.extend(batch.links)
            done += batch.villages
            if progress is not None:
                progress(done)
        # One upsert, one transaction: a national demo (~600k actors, ~0.8 GB)
        # fits in memory and an interrupted run leaves the store as it was.
        store.upsert(actors, links)
    return DemoSummary(len(actors), len(links), time.perf_counter() - started)
