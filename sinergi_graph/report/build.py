"""Fill the meeting report of an area from the store, with the analysis as it is.

The per-kecamatan numbers come from the same :func:`sinergi_graph.gaps.find_gaps`
call as ``sinergi gaps`` (same rules, same ``as_of``), grouped by the first
eight characters of each gap's area code, so the recap and the gap list can
never disagree. Warm introductions, the link plan and the single points of
failure are the analysis functions' own results, put into words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import networkx as nx

from sinergi_graph.analysis.agreements import agreements_in_area, evaluate_agreements
from sinergi_graph.analysis.invitations import plan_invitations
from sinergi_graph.analysis.paths import Introduction, introductions_for_gap
from sinergi_graph.analysis.recommend import plan_links
from sinergi_graph.analysis.resilience import single_points_of_failure
from sinergi_graph.areas import is_within, load_areas
from sinergi_graph.drawing.layout import picture_of_area
from sinergi_graph.drawing.web import node_details
from sinergi_graph.gaps import Gap, Reason, find_gaps
from sinergi_graph.graph import graph_from_store, node_name
from sinergi_graph.i18n import parse_lang, t
from sinergi_graph.kinds import KindCatalogue, Level, default_catalogue
from sinergi_graph.models import Actor, is_sensitive
from sinergi_graph.numbers import area_title, number
from sinergi_graph.report.model import (
    AgreementLine,
    ContactCard,
    Cover,
    DesaGaps,
    GapLine,
    InviteeLine,
    KecamatanGaps,
    Person,
    PlanLine,
    Report,
    SummaryRow,
    WeakPoint,
)
from sinergi_graph.rules import Rule
from sinergi_graph.store.protocol import GraphStore

__all__ = ["INVITE_BUDGET", "PLAN_BUDGET", "WEAK_POINTS_SHOWN", "build_report", "summarise"]

#: New links proposed in the plan.
PLAN_BUDGET = 10
#: Invitees suggested for the rakor (as ``sinergi invite`` does by default).
INVITE_BUDGET = 8
#: Single points of failure listed (the most consequential first).
WEAK_POINTS_SHOWN = 15
_COUNTERPARTS_SHOWN = 3

_DISTRICT = 8


def _group_of(area: str) -> str:
    """The kecamatan a gap belongs to, or the coarser area of a regency-level subject."""
    return area[:_DISTRICT] if len(area) >= _DISTRICT else area


def summarise(
    G: nx.Graph, gaps: Sequence[Gap], area: str, rules: Sequence[Rule], lang: str
) -> tuple[list[SummaryRow], SummaryRow]:
    """One row per kecamatan of ``area`` (plus coarser levels with gaps) and the total.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("pps", kind="PPS", name="PPS Bulu", area="33.23.01.2001")
    >>> gap = Gap("pps-kades", "high", Reason.NO_CONTACT, "pps", "PPS Bulu", "33.23.01.2001", ())
    >>> from sinergi_graph.rules import default_rules
    >>> rows, total = summarise(G, [gap], "33.23.01", default_rules(), "id")
    >>> [(r.name, r.pps, r.pps_kades, r.gaps_high) for r in rows]
    [('Bulu', 1, 0, 1)]
    """
    areas = load_areas()
    active = {r.id for r in rules}
    codes: list[str]
    if len(area) >= _DISTRICT:
        codes = [area[:_DISTRICT]]
    else:
        codes = [a.code for a in areas.descendants(area, Level.KECAMATAN)]
    kinds: dict[str, dict[str, int]] = {c: {"PPS": 0, "PPK": 0} for c in codes}
    for _, data in G.nodes(data=True):
        code = data.get("area")
        kind = data.get("kind")
        if kind in ("PPS", "PPK") and code and len(code) >= _DISTRICT and is_within(code, area):
            bucket = kinds.setdefault(code[:_DISTRICT], {"PPS": 0, "PPK": 0})
            bucket[str(kind)] += 1
    counts: dict[str, dict[str, int]] = {}
    for gap in gaps:
        bucket = counts.setdefault(_group_of(gap.area), {})
        bucket[gap.severity] = bucket.get(gap.severity, 0) + 1
        bucket[gap.rule] = bucket.get(gap.rule, 0) + 1
    # Subjects above the kecamatan level (the KPU Kab/Kota) get a row of their own.
    upper = sorted(c for c in counts if len(c) < _DISTRICT)

    def covered(code: str, kind: str, rule: str) -> int | None:
        if rule not in active:
            return None
        return kinds[code][kind] - counts.get(code, {}).get(rule, 0)

    rows: list[SummaryRow] = []
    for code in upper:
        c = counts[code]
        rows.append(
            SummaryRow(
                code=code,
                name=t("report_level_row", lang, area=area_title(code, lang)),
                pps=None,
                pps_kades=None,
                ppk=None,
                ppk_camat=None,
                ppk_kapolsek=None,
                ppk_danramil=None,
                gaps_high=c.get("high", 0),
                gaps_medium=c.get("medium", 0),
                gaps_low=c.get("low", 0),
            )
        )
    for code in sorted(kinds):
        c = counts.get(code, {})
        rows.append(
            SummaryRow(
                code=code,
                name=areas.name(code),
                pps=kinds[code]["PPS"],
                pps_kades=covered(code, "PPS", "pps-kades"),
                ppk=kinds[code]["PPK"],
                ppk_camat=covered(code, "PPK", "ppk-camat"),
                ppk_kapolsek=covered(code, "PPK", "ppk-kapolsek"),
                ppk_danramil=covered(code, "PPK", "ppk-danramil"),
                gaps_high=c.get("high", 0),
                gaps_medium=c.get("medium", 0),
                gaps_low=c.get("low", 0),
            )
        )

    def add(values: Iterable[int | None]) -> int | None:
        found = [v for v in values if v is not None]
        return sum(found) if found else None

    total = SummaryRow(
        code=area,
        name=t("report_total", lang),
        pps=add(r.pps for r in rows),
        pps_kades=add(r.pps_kades for r in rows),
        ppk=add(r.ppk for r in rows),
        ppk_camat=add(r.ppk_camat for r in rows),
        ppk_kapolsek=add(r.ppk_kapolsek for r in rows),
        ppk_danramil=add(r.ppk_danramil for r in rows),
        gaps_high=sum(r.gaps_high for r in rows),
        gaps_medium=sum(r.gaps_medium for r in rows),
        gaps_low=sum(r.gaps_low for r in rows),
    )
    return rows, total


def _chain(G: nx.Graph, intro: Introduction) -> str:
    return " → ".join(node_name(G, v) for v in intro.via)


def _gap_line(G: nx.Graph, gap: Gap, titles: Mapping[str, str], lang: str) -> GapLine:
    intros: list[Introduction] = []
    if gap.reason is not Reason.NO_COUNTERPART and gap.subject_id in G:
        found = introductions_for_gap(G, gap, limit=2, max_counterparts=_COUNTERPARTS_SHOWN)
        intros = sorted((i for found_ in found.values() for i in found_), key=Introduction.sort_key)
    seen: list[str] = []
    for intro in intros:
        text = _chain(G, intro)
        if text not in seen:
            seen.append(text)
    shown = [node_name(G, c) for c in gap.counterpart_ids[:_COUNTERPARTS_SHOWN]]
    if len(gap.counterpart_ids) > _COUNTERPARTS_SHOWN:
        more = len(gap.counterpart_ids) - _COUNTERPARTS_SHOWN
        shown.append(t("report_and_more", lang, n=number(more, lang)))
    return GapLine(
        rule=gap.rule,
        rule_title=titles.get(gap.rule, gap.rule),
        severity=gap.severity,
        severity_label=t(f"severity_{gap.severity}", lang),
        reason=gap.reason.value,
        reason_label=t(f"reason_{gap.reason.value}", lang),
        subject_id=gap.subject_id,
        subject_name=gap.subject_name,
        area=gap.area,
        place=area_title(gap.area, lang),
        counterparts=tuple(shown),
        last_contact=date.fromisoformat(gap.last_contact) if gap.last_contact else None,
        introducers=tuple(seen[:2]),
    )


def _grouped(
    G: nx.Graph, gaps: Sequence[Gap], titles: Mapping[str, str], lang: str
) -> list[KecamatanGaps]:
    by_group: dict[str, list[Gap]] = {}
    for gap in gaps:
        by_group.setdefault(_group_of(gap.area), []).append(gap)
    result: list[KecamatanGaps] = []
    # Coarser levels (the regency's own bodies) first, then kecamatan by code.
    for code in sorted(by_group, key=lambda c: (len(c) >= _DISTRICT, c)):
        own = [g for g in by_group[code] if len(g.area) <= _DISTRICT]
        desa: dict[str, list[Gap]] = {}
        for g in by_group[code]:
            if len(g.area) > _DISTRICT:
                desa.setdefault(g.area, []).append(g)
        result.append(
            KecamatanGaps(
                code=code,
                title=area_title(code, lang),
                own=tuple(_gap_line(G, g, titles, lang) for g in own),
                desa=tuple(
                    DesaGaps(
                        code=d,
                        title=area_title(d, lang),
                        lines=tuple(_gap_line(G, g, titles, lang) for g in desa[d]),
                    )
                    for d in sorted(desa)
                ),
            )
        )
    return result


def _affected(lang: str, pps: int, ppk: int) -> str:
    parts = []
    if pps:
        parts.append(f"{number(pps, lang)} PPS")
    if ppk:
        parts.append(f"{number(ppk, lang)} PPK")
    return t("report_and", lang).join(parts)


def _weak_points(G: nx.Graph, area: str, lang: str) -> tuple[list[WeakPoint], str]:
    spof = single_points_of_failure(G)

    def inside(node: str) -> bool:
        code = G.nodes[node].get("area")
        return bool(code and is_within(code, area))

    def split(subjects: Iterable[str]) -> tuple[int, int]:
        chosen = [s for s in subjects if inside(s)]
        pps = sum(1 for s in chosen if G.nodes[s].get("kind") == "PPS")
        return pps, len(chosen) - pps

    points: list[WeakPoint] = []
    for actor, subjects in spof.by_actor.items():
        pps, ppk = split(subjects)
        if pps + ppk:
            name = node_name(G, actor)
            text = t("report_spof_actor", lang, name=name, what=_affected(lang, pps, ppk))
            points.append(WeakPoint(text=text, name=name, pps=pps, ppk=ppk))
    for (a, b), subjects in spof.by_link.items():
        pps, ppk = split(subjects)
        if pps + ppk:
            name = f"{node_name(G, a)} – {node_name(G, b)}"
            text = t("report_spof_link", lang, name=name, what=_affected(lang, pps, ppk))
            points.append(WeakPoint(text=text, name=name, pps=pps, ppk=ppk))
    points.sort(key=lambda p: (-(p.pps + p.ppk), p.name))
    pps, ppk = split(spof.unreachable)
    note = t("report_spof_unreachable", lang, what=_affected(lang, pps, ppk)) if pps + ppk else ""
    return points[:WEAK_POINTS_SHOWN], note


def _contacts(
    store: GraphStore, G: nx.Graph, ids: Iterable[str], cat: KindCatalogue, lang: str
) -> list[ContactCard]:
    wanted = [i for i in ids if i in G]
    members = {m for i in wanted for m in G.nodes[i].get("members", ())}
    records: dict[str, Actor] = {a.id: a for a in store.actors([*wanted, *members])}

    def nik(actor: Actor) -> str:
        return next((v for k, v in actor.properties.items() if is_sensitive(k) and "nik" in k), "")

    def role(actor: Actor) -> str:
        props = actor.properties
        return props.get("role") or props.get("jabatan") or props.get("divisi") or ""

    cards = []
    for i in wanted:
        inst = records.get(i)
        if inst is None:
            continue
        people = [
            Person(name=p.name, role=role(p), phone=p.phone or "", email=p.email or "", nik=nik(p))
            for m in sorted(G.nodes[i].get("members", ()))
            if (p := records.get(m)) is not None
        ]
        info = cat.get(inst.kind)
        if not (inst.phone or inst.email or any(p.phone or p.email or p.nik for p in people)):
            continue
        cards.append(
            ContactCard(
                id=i,
                name=inst.name,
                kind_label=info.label(lang) if info else inst.kind,
                phone=inst.phone or "",
                email=inst.email or "",
                people=tuple(people),
            )
        )
    return cards


def build_report(
    store: GraphStore,
    area: str,
    rules: Sequence[Rule],
    *,
    catalogue: KindCatalogue | None = None,
    as_of: date | None = None,
    show_contacts: bool = False,
    lang: str | None = None,
    today: date | None = None,
) -> Report:
    """The recap of ``area`` (a province, regency, kecamatan or desa code) for a meeting.

    Parameters
    ----------
    store : GraphStore
        Where the network is read from (its ``location`` goes on the cover).
    area : str
        A dotted area code (not ``ID``: a national report would be a book).
    rules : sequence of Rule
        The gap rules, as ``sinergi gaps`` uses them.
    as_of : date, optional
        Evaluate the network as it stood on that day (default: today).
    show_contacts : bool
        Include phone numbers, e-mail addresses and NIK.
    lang : str, optional
        ``"id"`` (default) or ``"en"``.
    today : date, optional
        The date printed on the cover (tests fix it).
    """
    lang_ = parse_lang(lang)
    cat = catalogue or default_catalogue()
    G = graph_from_store(store, catalogue=cat, as_of=as_of)
    gaps = find_gaps(G, rules, area=area, as_of=as_of)
    titles = {r.id: r.title(lang_) for r in rules}
    summary, total = summarise(G, gaps, area, rules, lang_)
    plan = plan_links(G, gaps, budget=PLAN_BUDGET, introductions=2)
    plan_lines = [
        PlanLine(
            source_name=node_name(G, p.source),
            target_name=node_name(G, p.target),
            closes=len(p.closes),
            weight=p.weight,
            why=tuple(
                dict.fromkeys(f"{titles.get(g.rule, g.rule)}: {g.subject_name}" for g in p.closes)
            ),
            introducers=tuple(_chain(G, i) for i in p.introductions[:2]),
        )
        for p in plan.links
    ]
    plan_note = t(
        "report_plan_note",
        lang_,
        links=number(len(plan.links), lang_),
        closed=number(plan.closed, lang_),
        closable=number(plan.closable, lang_),
        data_gaps=number(plan.not_closable, lang_),
    )
    weak, weak_note = _weak_points(G, area, lang_)
    invitations, invitation_note = _invitations(G, gaps, rules, titles, lang_)
    agreements = _agreements(store, G, area, as_of or today or date.today())
    picture = picture_of_area(G, gaps, area, lang=lang_, catalogue=cat)
    contacts: list[ContactCard] = []
    if show_contacts:
        contacts = _contacts(
            store, G, [n.id for n in picture.nodes if not n.id.startswith("area:")], cat, lang_
        )
    details = node_details(picture, G, gaps, rules, lang_, contacts=_contact_lines(contacts))
    areas = load_areas()
    cover = Cover(
        area=area,
        area_title=area_title(area, lang_),
        area_label=areas.label(area),
        generated=today or date.today(),
        as_of=as_of,
        store=store.location,
        lang=lang_,
        institutions=sum(
            1 for _, code in G.nodes(data="area") if code and is_within(str(code), area)
        ),
        gaps=len(gaps),
    )
    return Report(
        cover=cover,
        summary=tuple(summary),
        total=total,
        gaps=tuple(_grouped(G, gaps, titles, lang_)),
        plan=tuple(plan_lines),
        plan_note=plan_note,
        weak_points=tuple(weak),
        weak_note=weak_note,
        picture=picture,
        details=tuple(details),
        show_contacts=show_contacts,
        contacts=tuple(contacts),
        invitations=tuple(invitations),
        invitation_note=invitation_note,
        agreements=tuple(agreements),
    )


def _invitations(
    G: nx.Graph, gaps: Sequence[Gap], rules: Sequence[Rule], titles: Mapping[str, str], lang: str
) -> tuple[list[InviteeLine], str]:
    """The rakor invitation list (``sinergi invite``): who to invite to close most gaps."""
    plan = plan_invitations(gaps, rules, budget=INVITE_BUDGET)
    names = [node_name(G, i.id) for i in plan.invitees]
    lines = []
    for k, i in enumerate(plan.invitees):
        why = tuple(
            dict.fromkeys(f"{titles.get(g.rule, g.rule)}: {g.subject_name}" for g in i.gaps)
        )
        if not why and k + 1 < len(names):
            # The first of the best pair closes its gaps only once the second comes.
            why = (t("report_invite_with", lang, name=names[k + 1]),)
        lines.append(InviteeLine(name=names[k], closes=len(i.gaps), gaps=why))
    note = t(
        "report_invite_note",
        lang,
        invitees=number(len(lines), lang),
        closed=number(plan.closed, lang),
        total=number(len(gaps), lang),
    )
    return lines, note if lines else ""


def _agreements(store: GraphStore, G: nx.Graph, area: str, day: date) -> list[AgreementLine]:
    """The kerja sama that have a party inside ``area``, evaluated on ``day``."""
    roots: Mapping[str, str] = G.graph.get("root", {})

    def area_of(actor: str) -> str | None:
        node = actor if actor in G else roots.get(actor)
        return G.nodes[node].get("area") if node in G else None

    ours = agreements_in_area(store.agreements(), area_of, area)
    if not ours:
        return []
    evaluated = evaluate_agreements(ours, store.activities(), day)
    return [
        AgreementLine(
            title=e.agreement.title,
            parties=tuple(node_name(G, p) if p in G else p for p in e.agreement.parties),
            signed=e.agreement.signed,
            expires=e.agreement.expires,
            status=e.reason.value,
            follow_ups=e.follow_ups,
            last_follow_up=e.last_follow_up,
        )
        for e in evaluated
    ]


def _contact_lines(cards: Sequence[ContactCard]) -> dict[str, tuple[str, ...]]:
    lines: dict[str, tuple[str, ...]] = {}
    for card in cards:
        found = (
            [" · ".join(v for v in (card.phone, card.email) if v)]
            if card.phone or card.email
            else []
        )
        for p in card.people:
            bits = [v for v in (p.role, p.phone, p.email, p.nik and f"NIK {p.nik}") if v]
            found.append(f"{p.name}: {', '.join(bits)}" if bits else p.name)
        lines[card.id] = tuple(found)
    return lines
