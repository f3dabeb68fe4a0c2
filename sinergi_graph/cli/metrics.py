"""``sinergi metrics``: the questions coordinators ask of their network.

Who are the key go-betweens (perantara), which actors are single points of
failure (titik rawan), which working groups form, and how many PPS/PPK reach
their KPU within a few steps. On screen each section is written in the
coordinator's words with shares as percentages; the scientific measures
(betweenness, PageRank, Burt's constraint, Gould–Fernandez roles, Louvain)
keep their names in the JSON/CSV/XLSX columns and in the English headers.

``--area`` filters the rows, never the network: a kecamatan's path to its KPU
runs outside the kecamatan, so every measure is taken on the whole network
(design.md, "Trust").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any

import networkx as nx
import typer

from sinergi_graph.analysis.brokerage import ROLES, brokerage_roles, structural_holes
from sinergi_graph.analysis.communities import alignment, louvain
from sinergi_graph.analysis.metrics import centrality, rounded, top_nodes
from sinergi_graph.analysis.reach import actors_in_area, district_in_area, kpu_reach
from sinergi_graph.analysis.resilience import SinglePoints, single_points_of_failure
from sinergi_graph.areas import CODE_LENGTH, is_within, load_areas
from sinergi_graph.cli.app import catalogue, lang
from sinergi_graph.cli.network import load_network
from sinergi_graph.cli.options import (
    AreaOpt,
    ForceOpt,
    FormatOpt,
    OutputOpt,
    SeedOpt,
    positive,
    resolve_area,
)
from sinergi_graph.cli.output import OutputFormat, check_output, emit_sections, say
from sinergi_graph.graph import node_name
from sinergi_graph.i18n import t
from sinergi_graph.kinds import Level
from sinergi_graph.numbers import number, percent

__all__ = ["Section", "metrics_command", "register", "roles_in_words"]


class Section(StrEnum):
    CENTRALITY = "centrality"
    SPOF = "spof"
    COMMUNITIES = "communities"
    REACH = "reach"


def metrics_command(
    area: AreaOpt = None,
    top: Annotated[int, typer.Option("--top", callback=positive("--top"))] = 20,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    section: Annotated[Section | None, typer.Option("--section")] = None,
    k: Annotated[int | None, typer.Option("--k", callback=positive("--k"))] = None,
    seed: SeedOpt = 0,
    hops: Annotated[int, typer.Option("--hops", callback=positive("--hops"))] = 2,
    force: ForceOpt = False,
) -> None:
    """Perantara, titik rawan, kelompok kerja, jangkauan ke KPU."""
    code = resolve_area(area)
    out_format = check_output(output, fmt, force=force)
    _, G = load_network()
    inside = actors_in_area(G, code)
    want = {section} if section is not None else set(Section)
    doc: dict[str, Any] = {
        "area": code or "ID",
        "actors": len(inside),
        "edges": G.subgraph(inside).number_of_edges(),
        "components": nx.number_connected_components(G.subgraph(inside)),
        # What the measures were taken on: always the whole network.
        "network_actors": G.number_of_nodes(),
        "network_edges": G.number_of_edges(),
    }
    notes: list[str] = []
    screen: list[str] = []
    sections: list[tuple[str, list[dict[str, Any]], list[str]]] = []
    compact = out_format is OutputFormat.TABLE
    spof = single_points_of_failure(G) if want & {Section.CENTRALITY, Section.SPOF} else None
    if Section.CENTRALITY in want:
        rows, columns, cnotes, exact = _centrality_rows(G, inside, top, k, seed, spof)
        notes.extend(cnotes)
        doc["centrality"] = rows
        if compact:
            screen.append(t("cli.m_note_exact") if exact else t("cli.m_note_sampled", k=k))
            sections.append((t("cli.central"), _go_between_view(G, rows), _GO_BETWEEN))
        else:
            sections.append((Section.CENTRALITY.value, rows, columns))
    if Section.SPOF in want and spof is not None:
        _spof_section(G, spof, inside, code, top, doc, sections, compact=compact)
    if Section.COMMUNITIES in want:
        _communities_section(G, code, top, seed, doc, sections, compact=compact)
    if Section.REACH in want:
        _reach_section(G, code, top, hops, doc, sections, compact=compact)
    doc["notes"] = notes
    emit_sections(
        sections,
        out_format,
        output,
        doc,
        section.value if section else None,
        top,
        force=force,
        headers={c: t(f"cli.h_{c}") for _, _, cols in sections for c in cols} if compact else None,
    )
    if compact:
        if code is not None:
            screen.append(t("cli.m_note_whole", actors=number(G.number_of_nodes(), lang())))
        screen.append(t("cli.m_note_detail"))
        for note in screen:
            say(f"· {note}", err=True)


# --------------------------------------------------------------------------- centrality

_GO_BETWEEN = ["name", "kind", "area", "partners", "between", "roles", "spof_dependents"]


def roles_in_words(counts: Mapping[str, int], lang_code: str | None = None) -> str:
    """Gould–Fernandez role counts spelled out, largest first, zeros left out.

    >>> roles_in_words({"coordinator": 342, "itinerant": 0, "gatekeeper": 152,
    ...                 "representative": 8, "liaison": 46}, "id")
    'koordinator 342, penjaga gerbang 152, penghubung 46, wakil 8'
    """
    items = sorted(((n, r) for r, n in counts.items() if r in ROLES and n), key=lambda x: -x[0])
    return ", ".join(f"{t(f'cli.role_{r}', lang_code)} {number(n, lang_code)}" for n, r in items)


def _kind_label(kind: str | None) -> str:
    info = catalogue().get(kind or "")
    return info.label(lang()) if info is not None else (kind or "")


def _area_name(code: str) -> str:
    return load_areas().name(code) if code else ""


def _go_between_view(G: nx.Graph, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The centrality rows as a coordinator reads them (the scientific values stay in JSON)."""
    return [
        {
            "name": row["name"],
            "kind": _kind_label(row["kind"]),
            "area": _area_name(row["area"]),
            "partners": number(int(row["degree"]), lang()),
            "between": percent(float(row["betweenness"] or 0.0), lang()),
            "roles": roles_in_words({r: int(row[r]) for r in ROLES}, lang()),
            "spof_dependents": number(int(row["spof_dependents"]), lang()),
        }
        for row in rows
    ]


def _centrality_rows(
    G: nx.Graph,
    inside: set[str],
    top: int,
    k: int | None,
    seed: int,
    spof: SinglePoints | None,
) -> tuple[list[dict[str, Any]], list[str], list[str], bool]:
    c = centrality(G, k=k, seed=seed)
    chosen = top_nodes({u: v for u, v in c.betweenness.values.items() if u in inside}, top)
    holes = structural_holes(G, nodes=chosen)
    roles = brokerage_roles(G, nodes=chosen)
    dependents = {x: len(d) for x, d in spof.by_actor.items()} if spof is not None else {}
    rows = []
    for u in chosen:
        row: dict[str, Any] = {
            "id": u,
            "name": node_name(G, u),
            "kind": G.nodes[u].get("kind"),
            "area": G.nodes[u].get("area") or "",
            **c.degree[u],
            "betweenness": rounded(c.betweenness.values[u]),
            "pagerank": rounded(c.pagerank[u]),
        }
        if c.eigenvector is not None:
            row["eigenvector"] = rounded(c.eigenvector.get(u))
        row["constraint"] = rounded(holes[u]["constraint"])
        row["effective_size"] = rounded(holes[u]["effective_size"])
        row.update(roles[u].as_dict())
        row["spof_dependents"] = dependents.get(u, 0)
        rows.append(row)
    notes = [*c.notes, "constraint weighted by number of links; brokerage groups: actor categories"]
    columns = ["id", "name", "kind", "area", "degree", "links", "betweenness", "pagerank"]
    if c.eigenvector is not None:
        columns.append("eigenvector")
    columns += ["constraint", "effective_size", *ROLES, "total", "spof_dependents"]
    return rows, columns, notes, c.betweenness.exact


# --------------------------------------------------------------------------- other sections


def _shorten(names: Sequence[str], shown: int = 4) -> str:
    """A long list cut for a terminal: the first few and how many more."""
    head = ", ".join(names[:shown])
    return head if len(names) <= shown else t("cli.and_more", head=head, n=len(names) - shown)


def _spof_section(
    G: nx.Graph,
    spof: SinglePoints,
    inside: set[str],
    code: str | None,
    top: int,
    doc: dict[str, Any],
    sections: list[tuple[str, list[dict[str, Any]], list[str]]],
    *,
    compact: bool,
) -> None:
    # Measured on the whole network; an area keeps the PPS/PPK inside it.
    by_actor = {x: tuple(s for s in deps if s in inside) for x, deps in spof.by_actor.items()}
    by_actor = {x: deps for x, deps in by_actor.items() if deps}
    ordered = sorted(by_actor.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    rows = [
        {
            "actor": x,
            "name": node_name(G, x),
            "kind": G.nodes[x].get("kind"),
            "dependents": len(deps),
            "lose_every_path": ";".join(deps),
        }
        for x, deps in ordered
    ]
    exposed = [s for s in spof.exposed() if s in inside]
    doc["single_points_of_failure"] = {
        "articulation_points": spof.articulation_points,
        "bridges": spof.bridges,
        "subjects": sum(1 for s in spof.dependencies if s in inside)
        + sum(1 for s in spof.unreachable if s in inside),
        "exposed_subjects": len(exposed),
        "unreachable_subjects": sum(1 for s in spof.unreachable if s in inside),
        "by_actor": rows,
    }
    if not compact:
        sections.append(
            (Section.SPOF.value, rows, ["actor", "name", "kind", "dependents", "lose_every_path"])
        )
        return
    view = [
        {
            "name": node_name(G, x),
            "kind": _kind_label(G.nodes[x].get("kind")),
            "dependents": number(len(deps), lang()),
            "who": _shorten([node_name(G, s) for s in deps]),
        }
        for x, deps in ordered[:top]
    ]
    sections.append((t("cli.spof"), view, ["name", "kind", "dependents", "who"]))


def _communities_section(
    G: nx.Graph,
    code: str | None,
    top: int,
    seed: int,
    doc: dict[str, Any],
    sections: list[tuple[str, list[dict[str, Any]], list[str]]],
    *,
    compact: bool,
) -> None:
    comm = louvain(G, seed=seed)
    by_kec = alignment(G, comm, level=Level.KECAMATAN)
    by_reg = alignment(G, comm, level=Level.KABUPATEN)
    kept = [
        c
        for c in by_kec.communities
        if code is None
        or (c.dominant_area and is_within(c.dominant_area, code[: CODE_LENGTH[Level.KECAMATAN]]))
    ]
    rows: list[dict[str, Any]] = [
        {
            "community": c.index,
            "size": c.size,
            "dominant_area": c.dominant_area or "",
            "area_name": _area_name(c.dominant_area or ""),
            "share": round(c.share, 4),
            "areas": c.areas,
        }
        for c in kept
    ]
    doc["communities"] = {
        "count": len(comm.groups),
        "modularity": round(comm.modularity, 6),
        "seed": seed,
        "kecamatan": {"purity": round(by_kec.purity, 6), "nmi": round(by_kec.nmi, 6)},
        "regency": {"purity": round(by_reg.purity, 6), "nmi": round(by_reg.nmi, 6)},
        "largest": rows[:top],
    }
    if not compact:
        columns = ["community", "size", "dominant_area", "area_name", "share", "areas"]
        sections.append((Section.COMMUNITIES.value, rows, columns))
        return
    title = t(
        "cli.communities",
        n=number(len(comm.groups), lang()),
        purity=percent(by_kec.purity, lang(), digits=0),
    )
    view = [
        {
            "community": number(int(r["community"]) + 1, lang()),
            "size": number(int(r["size"]), lang()),
            "area_name": r["area_name"],
            "share": percent(float(r["share"]), lang(), digits=0),
            "areas": number(int(r["areas"]), lang()),
        }
        for r in rows[:top]
    ]
    sections.append((title, view, ["community", "size", "area_name", "share", "areas"]))


def _reach_section(
    G: nx.Graph,
    code: str | None,
    top: int,
    hops: int,
    doc: dict[str, Any],
    sections: list[tuple[str, list[dict[str, Any]], list[str]]],
    *,
    compact: bool,
) -> None:
    # The breadth-first search starts at the KPU, outside a kecamatan: whole network.
    reach = kpu_reach(G, hops=hops)
    areas = load_areas()
    rows: list[dict[str, Any]] = [
        {**r.as_row(), "name": areas.name(r.district)}
        for r in reach.values()
        if district_in_area(r.district, code)
    ]
    rows.sort(key=lambda r: (r["share"], r["district"]))
    doc["reach"] = {"hops": hops, "districts": rows}
    if not compact:
        columns = ["district", "name", "ppk", "ppk_reached", "pps", "pps_reached", "share"]
        sections.append((Section.REACH.value, rows, columns))
        return
    view = [
        {
            "name": r["name"],
            "ppk": t("cli.x_of_y", x=number(r["ppk_reached"], lang()), y=number(r["ppk"], lang())),
            "pps": t("cli.x_of_y", x=number(r["pps_reached"], lang()), y=number(r["pps"], lang())),
            "reached": percent(float(r["share"]), lang(), digits=0),
        }
        for r in rows[:top]
    ]
    sections.append((t("cli.reach", hops=hops), view, ["name", "ppk", "pps", "reached"]))


def register(app: typer.Typer) -> None:
    app.command("metrics")(metrics_command)
