"""The generation of the demo network, level by level: nation, province, regency,
kecamatan, village.

What each level holds follows the field reports in ``shared/seeds`` (cited by
number); the link calendar, coverage shares, institutions and names are data
(:mod:`sinergi_graph.demo.reference`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from sinergi_graph.activities import Activity, Agreement
from sinergi_graph.areas import CODE_LENGTH, Area, AreaIndex, level_of, load_areas
from sinergi_graph.demo.agreements import generate_agreements
from sinergi_graph.demo.network import Net, stream, weakness
from sinergi_graph.demo.places import Place, plain, province_label, short_name
from sinergi_graph.demo.records import Records, make_actor, make_link
from sinergi_graph.demo.reference import Season, load_reference
from sinergi_graph.errors import SinergiError
from sinergi_graph.kinds import Level
from sinergi_graph.models import Actor, CoordinationLink, LinkType
from sinergi_graph.text import fold

__all__ = [
    "DEFAULT_SEED",
    "KPU_KAB_MEMBERS",
    "PPK_MEMBERS",
    "PPS_MEMBERS",
    "TEPUS_VILLAGE",
    "DemoBatch",
    "demo_size",
    "generate_demo",
    "resolve_region",
]

DEFAULT_SEED = 2024

# Seed 004 (Temanggung): PPK have 5 members, PPS 3.
PPK_MEMBERS = 5
PPS_MEMBERS = 3
KPU_KAB_MEMBERS = 5

# Kalurahan Tepus, Kapanewon Tepus, Gunungkidul (seed 000): forced links.
TEPUS_VILLAGE = "34.03.07.2004"

_KOORDINASI = LinkType.KOORDINASI.value


@dataclass(frozen=True, slots=True)
class DemoBatch:
    """One step of the generation: a regency, or the header of a province / the country.

    ``villages`` counts the villages generated in this batch (0 for the
    national and provincial headers); ``area`` is the regency, province or
    ``"ID"`` the batch belongs to. ``actors`` and ``links`` are read-only
    sequences that validate each record as it is read
    (:class:`~sinergi_graph.demo.records.Records`). Only the national batch
    has ``activities`` and ``agreements``: KPU RI's kerja sama and their
    follow-ups (:mod:`~sinergi_graph.demo.agreements`).
    """

    actors: Records[Actor]
    links: Records[CoordinationLink]
    villages: int
    area: str
    activities: tuple[Activity, ...] = ()
    agreements: tuple[Agreement, ...] = ()


def _batch(net: Net, villages: int, area: str) -> DemoBatch:
    return DemoBatch(Records(net.actors, make_actor), Records(net.links, make_link), villages, area)


class _RegencyIds(NamedTuple):
    kpu: str
    kpu_members: list[str]
    bawaslu: str
    polres: str
    kodim: str
    weakness: float


def _regency_institutions(net: Net, regency: Area, province: str) -> _RegencyIds:
    ref, pairs = net.ref, net.ref.pairs
    code = regency.code
    digits = plain(code)
    name = regency.name
    short = short_name(name)
    aceh = province == "11"
    kpu = net.add(
        f"KPU_KAB-{digits}",
        "KPU_KAB",
        f"{'KIP' if aceh else 'KPU'} {name}",
        code,
        email=f"kpu.{fold(short)}.{digits}@example.invalid",
    )
    kpu_members = net.members(kpu, code, KPU_KAB_MEMBERS, ref.kpu_divisi)
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
        for i, style in enumerate(rng.sample(ref.media_styles, rng.randint(1, 3)), start=1)
    ]
    parties = [
        net.add(f"PARPOL-{digits}-{number:02d}", "PARPOL", f"{party} {name}", code)
        for number, party in sorted(rng.sample(ref.parties, rng.randint(3, 7)))
    ]
    weak = weakness(rng)

    net.maybe("kpu-bawaslu", weak, kpu, bawaslu, pairs["kpu-bawaslu"], a_members=kpu_members)
    net.maybe(
        "kpu-kesbangpol", weak, kpu, kesbangpol, pairs["kpu-kesbangpol"], a_members=kpu_members
    )
    net.maybe("kpu-polres", weak, kpu, polres, pairs["kpu-security"], a_members=kpu_members)
    net.maybe("kpu-kodim", weak, kpu, kodim, pairs["kpu-security"], a_members=kpu_members)
    net.maybe("kpu-pemda", weak, kpu, pemda, pairs["kpu-pemda"], a_members=kpu_members)
    net.maybe("kpu-disdukcapil", weak, kpu, dukcapil, pairs["kpu-dukcapil"], a_members=kpu_members)
    for m in media:
        net.maybe("kpu-media", weak, kpu, m, pairs["kpu-media"], a_members=kpu_members)
    for p in parties:
        net.maybe("kpu-parpol", weak, kpu, p, pairs["kpu-parpol"], a_members=kpu_members)
        net.maybe("bawaslu-parpol", weak, bawaslu, p, pairs["bawaslu-parpol"])
        net.maybe("kesbangpol-parpol", weak, kesbangpol, p, pairs["kesbangpol-parpol"])
    net.maybe("bawaslu-polres", weak, bawaslu, polres, pairs["bawaslu-polres"])
    return _RegencyIds(kpu, kpu_members, bawaslu, polres, kodim, weak)


def _district(
    net: Net, district: Area, villages: list[Area], reg: _RegencyIds, place: Place
) -> None:
    """A kecamatan: PPK, Panwaslu, forkopimcam, puskesmas, and all its villages."""
    ref, pairs = net.ref, net.ref.pairs
    code = district.code
    digits = plain(code)
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
    ppk_members = net.members(ppk, code, PPK_MEMBERS, ref.ppk_divisi)
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
        "ppk-kpu",
        weak,
        ppk,
        reg.kpu,
        pairs["ppk-kpu"],
        a_members=ppk_members,
        b_members=reg.kpu_members,
    )
    net.maybe("ppk-camat", weak, ppk, camat, pairs["ppk-camat"], a_members=ppk_members)
    net.maybe("ppk-kapolsek", weak, ppk, kapolsek, pairs["ppk-security"], a_members=ppk_members)
    net.maybe("ppk-danramil", weak, ppk, danramil, pairs["ppk-security"], a_members=ppk_members)
    health = rng.choice(puskesmas)
    net.maybe("ppk-puskesmas", weak, ppk, health, pairs["ppk-puskesmas"], a_members=ppk_members)
    net.maybe("ppk-panwascam", weak, ppk, panwascam, pairs["ppk-panwascam"], a_members=ppk_members)
    net.maybe("bawaslu-panwascam", weak, reg.bawaslu, panwascam, pairs["bawaslu-panwascam"])
    net.maybe("panwascam-kapolsek", weak, panwascam, kapolsek, pairs["panwascam-polsek"])
    net.maybe("forkopimcam", weak, camat, kapolsek, pairs["forkopimcam"])
    net.maybe("forkopimcam", weak, camat, danramil, pairs["forkopimcam"])

    for village in villages:
        _village(net, village, place, weak, ppk, ppk_members, panwascam, kapolsek, puskesmas[0])


def _village(
    net: Net,
    village: Area,
    place: Place,
    weak: float,
    ppk: str,
    ppk_members: list[str],
    panwascam: str,
    kapolsek: str,
    puskesmas: str,
) -> None:
    pairs = net.ref.pairs
    code = village.code
    digits = plain(code)
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

    net.maybe("pps-kades", weak, pps, head, pairs["pps-head"], a_members=pps_members)
    net.maybe(
        "pps-ppk", weak, pps, ppk, pairs["pps-ppk"], a_members=pps_members, b_members=ppk_members
    )
    net.maybe("pkd-pps", weak, pkd, pps, pairs["pkd-pps"], b_members=pps_members)
    net.maybe("pkd-panwascam", weak, pkd, panwascam, pairs["pkd-panwascam"])
    net.maybe("pkd-kades", weak, pkd, head, pairs["pkd-head"])
    if net.rng.random() < 0.04:
        net.contact(pps, net.rng.choice((kapolsek, puskesmas)), pairs["pps-cross"])

    if code == TEPUS_VILLAGE:
        # Seed 000: PPS Kalurahan Tepus met the lurah and the pamong kalurahan,
        # with PPK Kapanewon Tepus, at the Balai Kalurahan on 5 October 2023
        # about the progress of the DPTb. Forced, whatever the random draws.
        pamong = net.add(f"PERANGKAT_DESA-{digits}", "PERANGKAT_DESA", f"Pamong {label}", code)
        event = net.ref.events["tepus-dptb"]
        day = dt.date.fromordinal(event.first)
        topic = event.topic.format(label)
        note = f"Balai {label} (laporan lapangan 000)"
        for a, b in ((pps, head), (ppk, pps), (pps, pamong)):
            net.fixed(a, b, event.type, day, topic, note)


def _regency_batch(
    areas: AreaIndex,
    seed: int,
    regency: Area,
    *,
    only_district: str | None,
    with_province: bool,
    with_nasional: bool,
) -> DemoBatch:
    province = regency.code[: CODE_LENGTH[Level.PROVINSI]]
    place = Place(province, regency.code)
    net = Net(stream(seed, regency.code), province, load_reference())
    reg = _regency_institutions(net, regency, province)
    villages = 0
    for district in areas.children(regency.code):
        if only_district is not None and district.code != only_district:
            continue
        # Each kecamatan has its own stream, so a kecamatan demo is part of its regency's.
        net.rng = stream(seed, district.code)
        children = areas.children(district.code)
        _district(net, district, children, reg, place)
        villages += len(children)
    if with_province:
        # Separate streams: these links exist only when the province is generated
        # too, and must not shift the draws of the regency itself.
        net.rng = stream(seed, "provinsi", regency.code)
        _province_to_regency(net, seed, province, reg)
    if with_nasional:
        net.rng = stream(seed, "nasional", regency.code)
        if net.rng.random() < 0.85:
            sosdiklih = reg.kpu_members[4]
            net.link(sosdiklih, "KPU_RI", net.ref.events["rakornas-sosdiklih"])
    return _batch(net, villages, regency.code)


def _sosialisasi(net: Net, seed: int, province: str) -> tuple[Season, dt.date]:
    """The regulation socialisation of a province and its day (seed 001: December 2022)."""
    event = net.ref.events["sosialisasi-regulasi"]
    day = event.first + stream(seed, "sosialisasi", province).randrange(event.span)
    return event, dt.date.fromordinal(day)


def _province_to_regency(net: Net, seed: int, province: str, reg: _RegencyIds) -> None:
    pairs = net.ref.pairs
    kpu_prov, bawaslu_prov, polda = (
        f"{k}-{province}" for k in ("KPU_PROV", "BAWASLU_PROV", "POLDA")
    )
    rng = net.rng
    # Seed 001: the socialisation brought the legal divisions of the KPU
    # Kab/Kota, Bawaslu Kab/Kota and the Kasat Intel of each Polres together.
    event, day = _sosialisasi(net, seed, province)
    if rng.random() < 0.9:
        net.fixed(kpu_prov, reg.kpu_members[2], event.type, day, event.topic, "Divisi Hukum")
    if rng.random() < 0.7:
        net.fixed(kpu_prov, reg.bawaslu, event.type, day, event.topic)
    if rng.random() < 0.6:
        net.fixed(kpu_prov, reg.polres, event.type, day, event.topic, "Kasat Intel")
    if rng.random() < 0.8:
        net.contact(kpu_prov, reg.kpu, pairs["prov-down"], b_members=reg.kpu_members)
    if rng.random() < 0.8:
        net.contact(bawaslu_prov, reg.bawaslu, pairs["prov-down"])
    if rng.random() < 0.4:
        net.contact(polda, reg.polres, pairs["prov-partner"])


def _province_batch(seed: int, province: Area, *, with_nasional: bool) -> DemoBatch:
    ref = load_reference()
    code = province.code
    net = Net(stream(seed, code), code, ref)
    label = province_label(code, province.name)
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
    if code in ref.kodam:
        partners.append(net.add(f"KODAM-{code}", "KODAM", ref.kodam[code], code))
    rng = net.rng
    media = [
        net.add(f"MEDIA-{code}-{i}", "MEDIA", style.format(short), code)
        for i, style in enumerate(rng.sample(ref.media_styles, rng.randint(1, 2)), start=1)
    ]
    # Seed 001: one socialisation event with Bawaslu, police, Kesbangpol and media.
    event, day = _sosialisasi(net, seed, code)
    for other in (*partners, *media):
        if rng.random() < 0.85:
            net.fixed(kpu, other, event.type, day, event.topic)
    for other in partners:
        if rng.random() < 0.8:
            net.contact(kpu, other, ref.pairs["prov-partner"], a_members=kpu_members)
    if with_nasional:
        net.rng = stream(seed, "nasional", code)
        net.contact("KPU_RI", kpu, ref.pairs["nasional"], b_members=kpu_members)
        net.contact("BAWASLU_RI", bawaslu, ref.pairs["nasional"])
        if net.rng.random() < 0.9:
            net.link(net.rng.choice(kpu_members), "KPU_RI", ref.events["rakornas-sosdiklih"])
    return _batch(net, 0, code)


def _nasional_batch(seed: int) -> DemoBatch:
    ref = load_reference()
    events, nasional = ref.events, ref.pairs["nasional"]
    net = Net(stream(seed, "ID"), "31", ref)
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
    net.contact(kpu, bawaslu, nasional)
    net.contact(dkpp, kpu, nasional)
    net.contact(dkpp, bawaslu, nasional)
    rng = net.rng
    follow_up = events["ministry-follow-up"]
    for ministry in ref.ministries:
        short = ministry.short
        actor = net.add(
            f"KEMENTERIAN-{short}", "KEMENTERIAN", ministry.name, None, note=ministry.note
        )
        net.link(kpu, actor, events["mou"])
        # Seed 003: most agreements had never been evaluated; the Mandalika
        # meeting reached only some of the partners.
        if rng.random() < 0.35:
            net.link(kpu, actor, events["monev-kerjasama"])
        if ministry.follow_up is not None and rng.random() < 0.7:
            net.link(
                kpu, actor, follow_up._replace(topic=follow_up.topic.format(ministry.follow_up))
            )
        if short in {"POLRI", "KEJAGUNG"}:
            net.link(bawaslu, actor, events["sentra-gakkumdu"])
    # Their own stream (in generate_agreements): the actors and links above stay as they were.
    kerja_sama = generate_agreements(seed)
    batch = _batch(net, 0, "ID")
    return DemoBatch(
        batch.actors, batch.links, 0, "ID", kerja_sama.activities, kerja_sama.agreements
    )


def resolve_region(region: str, areas: AreaIndex | None = None) -> str:
    """The canonical code of ``region`` (``"3323"`` → ``"33.23"``), or ``unknown_area``."""
    code = (areas or load_areas()).resolve(region)
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
    return _batches(areas, resolve_region(region, areas), seed)


def _batches(areas: AreaIndex, code: str, seed: int) -> Iterator[DemoBatch]:
    # areas.level_of("ID") answers PROVINSI (a two-letter code), so test ID first.
    level = None if code == "ID" else level_of(code)
    if level is not None and level is not Level.PROVINSI:
        regency = areas.get(code[: CODE_LENGTH[Level.KABUPATEN]])
        assert regency is not None
        yield _regency_batch(
            areas,
            seed,
            regency,
            only_district=None
            if level is Level.KABUPATEN
            else code[: CODE_LENGTH[Level.KECAMATAN]],
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
    code = resolve_region(region, areas)
    if code != "ID" and level_of(code) is Level.DESA:
        code = code[: CODE_LENGTH[Level.KECAMATAN]]
    return len(areas.descendants(code, Level.DESA))
