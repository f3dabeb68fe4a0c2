"""Place an area's network on a picture that people can read, the same way every time.

A force-directed layout of a kecamatan is a hairball: 60 institutions whose
position says nothing. The layout here follows the administrative hierarchy
instead, which is how coordinators think about it:

* in the centre, the actors *above* the area the area's bodies must reach (the
  KPU Kab/Kota, Polres, Bawaslu for a kecamatan);
* on an inner ring, the actors of the area itself (PPK, camat, kapolsek, …);
* on the outer ring, one small group per desa (PPS, kepala desa, PKD), with
  the desa's name as a caption.

For a regency or a province (hundreds to thousands of institutions) each
kecamatan (or regency) is folded into one cluster node carrying its gap
counts, and links between clusters and the regency's actors are aggregated.
The layout is fully deterministic (no random seed is involved): the same
network gives the same picture, which keeps the committed README images and
the tests stable.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence

import networkx as nx

from sinergi_graph.areas import CODE_LENGTH, finer_level, is_within, load_areas
from sinergi_graph.drawing.model import EdgeStyle, NodeRole, PicCaption, PicEdge, PicNode, Picture
from sinergi_graph.gaps import Gap, Reason
from sinergi_graph.i18n import parse_lang, t
from sinergi_graph.kinds import Category, KindCatalogue, Level, default_catalogue
from sinergi_graph.numbers import area_title, number

__all__ = ["AGGREGATE_ABOVE", "picture_around", "picture_of_area"]

#: An area with more institutions than this is drawn with its sub-areas as clusters.
AGGREGATE_ABOVE = 150

# Order on a ring: election bodies first, then the stakeholders they must reach.
_KIND_ORDER = (
    "KPU_RI",
    "KPU_PROV",
    "KPU_KAB",
    "PPK",
    "PPS",
    "KPPS",
    "BAWASLU_RI",
    "BAWASLU_PROV",
    "BAWASLU_KAB",
    "PANWASCAM",
    "PKD",
    "PEMDA",
    "CAMAT",
    "KADES",
    "LURAH",
    "KESBANGPOL",
    "POLRES",
    "KAPOLSEK",
    "KODIM",
    "DANRAMIL",
    "PUSKESMAS",
    "DISDUKCAPIL",
)
_RANK = {k: i for i, k in enumerate(_KIND_ORDER)}
_CATEGORY_RANK = {c.value: i for i, c in enumerate(Category)}


def _sort_key(G: nx.Graph, node: str) -> tuple[int, int, str, str]:
    data = G.nodes[node]
    kind = str(data.get("kind", ""))
    return (
        _RANK.get(kind, len(_RANK)),
        _CATEGORY_RANK.get(str(data.get("category", "")), 99),
        str(data.get("name", node)),
        node,
    )


def _wrap(text: str, width: int = 18) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def _circle(n: int, radius: float, start: float = math.pi / 2) -> list[tuple[float, float]]:
    """``n`` points on a circle, the first at the top, going clockwise."""
    if n == 1 and radius < 0.2:
        return [(0.0, 0.0)]
    return [
        (
            radius * math.cos(start - 2 * math.pi * i / n),
            radius * math.sin(start - 2 * math.pi * i / n),
        )
        for i in range(n)
    ]


class _Builder:
    """Collects nodes and edges of one picture, then turns them into a :class:`Picture`."""

    def __init__(self, G: nx.Graph, gaps: Sequence[Gap], lang: str, cat: KindCatalogue) -> None:
        self.G = G
        self.lang = parse_lang(lang)
        self.cat = cat
        self.nodes: dict[str, PicNode] = {}
        self.captions: list[PicCaption] = []
        self.gaps_of: dict[str, list[Gap]] = {}
        for gap in gaps:
            self.gaps_of.setdefault(gap.subject_id, []).append(gap)

    def kind_label(self, kind: str) -> str:
        info = self.cat.get(kind)
        return info.label(self.lang) if info else kind

    def add_actor(
        self, node: str, x: float, y: float, role: NodeRole, label: str, group: str = ""
    ) -> None:
        data = self.G.nodes[node]
        kind = str(data.get("kind", ""))
        own = self.gaps_of.get(node, [])
        self.nodes[node] = PicNode(
            id=node,
            label=label,
            name=str(data.get("name", node)),
            kind=kind,
            kind_label=self.kind_label(kind),
            category=str(data.get("category", Category.MASYARAKAT.value)),
            role=role,
            x=round(x, 4),
            y=round(y, 4),
            election_body=data.get("category") == Category.PENYELENGGARA.value,
            gaps=len(own),
            gaps_high=sum(1 for g in own if g.severity == "high"),
            no_counterpart=any(g.reason is Reason.NO_COUNTERPART for g in own),
            area=str(data.get("area") or ""),
            group=group,
        )

    def edges_among(self, mapping: dict[str, str]) -> list[PicEdge]:
        """Links and gap edges between picture nodes; ``mapping`` sends graph nodes to them."""
        links: dict[tuple[str, str], int] = {}
        stale: dict[tuple[str, str], int] = {}
        missing: dict[tuple[str, str], int] = {}
        adj = self.G._adj
        for u, pu in mapping.items():
            for v, data in adj[u].items():
                pv = mapping.get(v)
                if pv is None or pu == pv or u > v:
                    continue
                key = (min(pu, pv), max(pu, pv))
                links[key] = links.get(key, 0) + int(data.get("count", 1))
        for subject, gaps in self.gaps_of.items():
            ps = mapping.get(subject)
            if ps is None:
                continue
            for gap in gaps:
                if gap.reason is Reason.NO_COUNTERPART:
                    continue
                for c in gap.counterpart_ids:
                    pc = mapping.get(c)
                    if pc is None or pc == ps:
                        continue
                    key = (min(ps, pc), max(ps, pc))
                    if gap.reason is Reason.STALE:
                        if c in adj[subject]:
                            stale[key] = stale.get(key, 0) + 1
                    else:
                        missing[key] = missing.get(key, 0) + 1
        edges = [
            PicEdge(source=a, target=b, style=EdgeStyle.LINK, weight=w)
            for (a, b), w in sorted(links.items())
            if (a, b) not in stale
        ]
        edges += [
            PicEdge(source=a, target=b, style=EdgeStyle.STALE, weight=w)
            for (a, b), w in sorted(stale.items())
        ]
        edges += [
            PicEdge(source=a, target=b, style=EdgeStyle.GAP, weight=w)
            for (a, b), w in sorted(missing.items())
        ]
        return edges

    def picture(self, title: str, subtitle: str, edges: list[PicEdge], aggregated: bool) -> Picture:
        return Picture(
            title=title,
            subtitle=subtitle,
            lang=self.lang,
            aggregated=aggregated,
            nodes=tuple(self.nodes.values()),
            edges=tuple(edges),
            captions=tuple(self.captions),
        )


def _outside_neighbours(G: nx.Graph, inside: set[str], area: str, gaps: Iterable[Gap]) -> set[str]:
    """Actors above ``area`` that its actors are linked to or must reach."""
    found: set[str] = set()

    def above(node: str) -> bool:
        code = G.nodes[node].get("area")
        return not code or is_within(area, code)

    for node in inside:
        for other in G._adj[node]:
            if other not in inside and above(other):
                found.add(other)
    for gap in gaps:
        if gap.subject_id in inside:
            found.update(c for c in gap.counterpart_ids if c in G and c not in inside and above(c))
    return found


def _ring(builder: _Builder, nodes: Sequence[str], radius: float, role: NodeRole) -> None:
    for node, (x, y) in zip(nodes, _circle(len(nodes), radius), strict=True):
        builder.add_actor(node, x, y, role, _wrap(str(builder.G.nodes[node].get("name", node))))


def picture_of_area(
    G: nx.Graph,
    gaps: Sequence[Gap],
    area: str,
    *,
    lang: str | None = None,
    catalogue: KindCatalogue | None = None,
    aggregate: bool | None = None,
    subtitle: str = "",
) -> Picture:
    """The picture of ``area``'s network with its missing required contacts.

    Parameters
    ----------
    G : networkx.Graph
        The whole coordination graph (actors above the area are drawn when
        the area's actors are linked to them or must reach them).
    gaps : sequence of Gap
        The gaps to draw (those of subjects outside the picture are ignored).
    area : str
        A dotted area code (not ``ID``).
    aggregate : bool, optional
        Fold sub-areas into cluster nodes; by default when the area has more
        than :data:`AGGREGATE_ABOVE` actors and is coarser than a kecamatan.

    Examples
    --------
    >>> G = nx.Graph()
    >>> for n, k, a in [("kpu", "KPU_KAB", "33.23"), ("ppk", "PPK", "33.23.01"),
    ...                 ("pps", "PPS", "33.23.01.2001")]:
    ...     G.add_node(n, kind=k, name=n.upper(), area=a, category="penyelenggara")
    >>> G.add_edge("pps", "ppk", count=1)
    >>> gap = Gap("ppk-kpu", "high", Reason.NO_CONTACT, "ppk", "PPK Bulu", "33.23.01", ("kpu",))
    >>> pic = picture_of_area(G, [gap], "33.23.01", lang="en")
    >>> sorted((n.id, n.role.value) for n in pic.nodes)
    [('kpu', 'outside'), ('ppk', 'actor'), ('pps', 'actor')]
    >>> [(e.source, e.target, e.style.value) for e in pic.edges]
    [('ppk', 'pps', 'link'), ('kpu', 'ppk', 'gap')]
    """
    lang_ = parse_lang(lang)
    cat = catalogue or default_catalogue()
    builder = _Builder(G, gaps, lang_, cat)
    inside = {n for n, code in G.nodes(data="area") if code and is_within(code, area)}
    child = finer_level(area)
    child_len = None if child is None else CODE_LENGTH[child]
    if aggregate is None:
        # Villages are never folded: a kecamatan is drawn actor by actor.
        aggregate = child not in (None, Level.DESA) and len(inside) > AGGREGATE_ABOVE
    aggregate = aggregate and child_len is not None
    area_gaps = [g for g in gaps if g.subject_id in inside]
    outside = sorted(_outside_neighbours(G, inside, area, area_gaps), key=lambda n: _sort_key(G, n))
    own = sorted((n for n in inside if G.nodes[n]["area"] == area), key=lambda n: _sort_key(G, n))
    groups: dict[str, list[str]] = {}
    if child_len is not None:
        for n in inside:
            code = G.nodes[n]["area"]
            if len(code) >= child_len:
                groups.setdefault(code[:child_len], []).append(n)
    # Actors above the area sit in the centre, the area's own actors on a ring around them.
    centre_radius = 0.0 if len(outside) <= 1 else 0.1 + 0.012 * len(outside)
    inner_radius = max(0.42, centre_radius + 0.22)
    _ring(builder, outside, centre_radius, NodeRole.OUTSIDE)
    _ring(builder, own, inner_radius if outside else min(inner_radius, 0.3), NodeRole.ACTOR)
    mapping = {n: n for n in builder.nodes}
    codes = sorted(groups)
    outer = max(1.0, inner_radius + 0.45, len(codes) * 0.06)
    areas = load_areas()
    if aggregate:
        for code, (x, y) in zip(codes, _circle(len(codes), outer), strict=True):
            members = groups[code]
            in_cluster = [g for g in area_gaps if g.subject_id in set(members)]
            high = sum(1 for g in in_cluster if g.severity == "high")
            name = areas.name(code)
            node_id = f"area:{code}"
            builder.nodes[node_id] = PicNode(
                id=node_id,
                label=_wrap(name, 14)
                + "\n"
                + t("draw_cluster_gaps", lang_, n=number(len(in_cluster), lang_)),
                name=area_title(code, lang_),
                kind="",
                kind_label=area_title(code, lang_),
                category="cluster",
                role=NodeRole.CLUSTER,
                x=round(x, 4),
                y=round(y, 4),
                gaps=len(in_cluster),
                gaps_high=high,
                members=len(members),
                area=code,
            )
            mapping.update((m, node_id) for m in members)
    else:
        spacing = 2 * math.pi * outer / max(len(codes), 1)
        for i, (code, (cx, cy)) in enumerate(zip(codes, _circle(len(codes), outer), strict=True)):
            members = sorted(groups[code], key=lambda n: _sort_key(G, n))
            radius = min(0.03 + 0.014 * len(members), 0.38 * spacing)
            angle = math.pi / 2 - 2 * math.pi * i / max(len(codes), 1)
            for j, node in enumerate(members):
                # The first member (the PPS) points outwards, the rest go round the group.
                a = angle - 2 * math.pi * j / len(members)
                x = cx + (radius * math.cos(a) if len(members) > 1 else 0.0)
                y = cy + (radius * math.sin(a) if len(members) > 1 else 0.0)
                # The group's PPS is told by its square and the caption; others by kind.
                kind = G.nodes[node]["kind"]
                label = "" if kind == "PPS" else builder.kind_label(kind)
                builder.add_actor(node, x, y, NodeRole.ACTOR, label, group=code)
                mapping[node] = node
            # Captions are wide: push them further out on the left and right.
            reach = outer + radius + 0.1 + 0.12 * abs(math.cos(angle))
            builder.captions.append(
                PicCaption(
                    text=_wrap(areas.name(code), 14),
                    x=round(reach * math.cos(angle), 4),
                    y=round(reach * math.sin(angle), 4),
                )
            )
    edges = builder.edges_among(mapping)
    title = t("draw_title", lang_, area=area_title(area, lang_))
    if not subtitle:
        subtitle = t(
            "draw_subtitle",
            lang_,
            actors=number(len(inside), lang_),
            gaps=number(len(area_gaps), lang_),
        )
    return builder.picture(title, subtitle, edges, aggregate)


def picture_around(
    G: nx.Graph,
    gaps: Sequence[Gap],
    actor: str,
    *,
    lang: str | None = None,
    catalogue: KindCatalogue | None = None,
    area: str | None = None,
    limit: int = 60,
) -> Picture:
    """The neighbourhood of one actor: its partners, the contacts it misses, and theirs.

    The actor is in the centre; its partners and the counterparts it must
    reach on a ring; when there is room (``limit`` nodes), their own partners
    inside ``area`` on an outer ring.

    Raises
    ------
    KeyError
        When ``actor`` is neither a node nor a member of one.
    """
    from sinergi_graph.analysis.paths import resolve_actor

    lang_ = parse_lang(lang)
    cat = catalogue or default_catalogue()
    focus = resolve_actor(G, actor)
    builder = _Builder(G, gaps, lang_, cat)
    first: set[str] = set(G._adj[focus])
    for gap in builder.gaps_of.get(focus, []):
        first.update(c for c in gap.counterpart_ids if c in G)
    # Those who must reach the focus but do not (a PPS without its PPK) belong here too.
    for subject, subject_gaps in builder.gaps_of.items():
        if subject in G and any(focus in g.counterpart_ids for g in subject_gaps):
            first.add(subject)
    first.discard(focus)

    def in_area(n: str) -> bool:
        code = G.nodes[n].get("area")
        return area is None or area == "ID" or bool(code and is_within(code, area))

    ring1 = sorted(first, key=lambda n: _sort_key(G, n))[: max(limit - 1, 0)]
    second: set[str] = set()
    for n in ring1:
        second.update(m for m in G._adj[n] if m != focus and m not in first and in_area(m))
    room = limit - 1 - len(ring1)
    ring2 = sorted(second, key=lambda n: _sort_key(G, n))[: max(room, 0)]
    builder.add_actor(
        focus, 0.0, 0.0, NodeRole.FOCUS, _wrap(str(G.nodes[focus].get("name", focus)))
    )
    _ring(builder, ring1, 0.55, NodeRole.ACTOR)
    _ring(builder, ring2, 1.05, NodeRole.ACTOR)
    mapping = {n: n for n in builder.nodes}
    edges = builder.edges_among(mapping)
    name = str(G.nodes[focus].get("name", focus))
    title = t("draw_title_around", lang_, name=name)
    subtitle = t(
        "draw_subtitle",
        lang_,
        actors=number(len(builder.nodes), lang_),
        gaps=number(sum(n.gaps for n in builder.nodes.values()), lang_),
    )
    return builder.picture(title, subtitle, edges, False)
