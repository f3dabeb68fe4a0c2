"""``sinergi metrics``: centrality, single points of failure, communities and reach."""

from __future__ import annotations

import time
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

import networkx as nx
import typer

from sinergi_graph.analysis._common import restrict
from sinergi_graph.analysis.brokerage import ROLES, brokerage_roles, structural_holes
from sinergi_graph.analysis.communities import alignment, louvain
from sinergi_graph.analysis.metrics import EXACT_LIMIT, centrality, rounded, top_nodes
from sinergi_graph.analysis.reach import kpu_reach
from sinergi_graph.analysis.resilience import single_points_of_failure
from sinergi_graph.areas import load_areas
from sinergi_graph.cli.network import load_network, name_of
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
from sinergi_graph.i18n import t
from sinergi_graph.kinds import Level

__all__ = ["Section", "metrics_command", "register"]


class Section(StrEnum):
    CENTRALITY = "centrality"
    SPOF = "spof"
    COMMUNITIES = "communities"
    REACH = "reach"


def metrics_command(
    area: AreaOpt = None,
    top: Annotated[
        int, typer.Option("--top", help="Rows per section.", callback=positive("--top"))
    ] = 20,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    section: Annotated[
        Section | None,
        typer.Option("--section", help="Only this section (csv/xlsx: default centrality)."),
    ] = None,
    k: Annotated[
        int | None,
        typer.Option(
            "--k",
            help=f"Betweenness sample size (default: exact up to {EXACT_LIMIT} actors).",
            callback=positive("--k"),
        ),
    ] = None,
    seed: SeedOpt = 0,
    hops: Annotated[
        int,
        typer.Option(
            "--hops", help="Reach: steps from the KPU Kab/Kota.", callback=positive("--hops")
        ),
    ] = 2,
    force: ForceOpt = False,
) -> None:
    """Sentralitas, titik rawan, komunitas, jangkauan / Centrality, SPOF, communities, reach."""
    code = resolve_area(area)
    out_format = check_output(output, fmt, force=force)
    _, full = load_network()
    G = restrict(full, code)
    started = time.perf_counter()
    want = {section} if section is not None else set(Section)
    doc: dict[str, Any] = {
        "area": code or "ID",
        "actors": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "components": nx.number_connected_components(G),
    }
    notes: list[str] = []
    sections: list[tuple[str, list[dict[str, Any]], list[str]]] = []
    compact = out_format is OutputFormat.TABLE
    spof = single_points_of_failure(G) if want & {Section.CENTRALITY, Section.SPOF} else None
    if Section.CENTRALITY in want:
        rows, columns, cnotes = _centrality_rows(G, top, k, seed, spof, compact=compact)
        notes.extend(cnotes)
        doc["centrality"] = rows
        sections.append((Section.CENTRALITY.value if section else t("cli.central"), rows, columns))
    if Section.SPOF in want and spof is not None:
        rows = [
            {
                "actor": x,
                "name": name_of(G, x),
                "kind": G.nodes[x].get("kind"),
                "dependents": len(deps),
                "lose_every_path": _shorten(deps) if compact else ";".join(deps),
            }
            for x, deps in sorted(spof.by_actor.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ]
        doc["single_points_of_failure"] = {
            "articulation_points": spof.articulation_points,
            "bridges": spof.bridges,
            "subjects": spof.subjects,
            "exposed_subjects": len(spof.exposed()),
            "unreachable_subjects": len(spof.unreachable),
            "by_actor": rows,
        }
        title = Section.SPOF.value if section else t("cli.spof")
        sections.append(
            (
                title,
                rows[:top] if out_format is OutputFormat.TABLE else rows,
                ["actor", "name", "kind", "dependents", "lose_every_path"],
            )
        )
    if Section.COMMUNITIES in want:
        comm = louvain(G, seed=seed)
        by_kec = alignment(G, comm, level=Level.KECAMATAN)
        by_reg = alignment(G, comm, level=Level.KABUPATEN)
        rows = [
            {
                "community": c.index,
                "size": c.size,
                "dominant_area": c.dominant_area or "",
                "area_name": load_areas().name(c.dominant_area) if c.dominant_area else "",
                "share": round(c.share, 4),
                "areas": c.areas,
            }
            for c in by_kec.communities
        ]
        doc["communities"] = {
            "count": len(comm.groups),
            "modularity": round(comm.modularity, 6),
            "seed": seed,
            "kecamatan": {"purity": round(by_kec.purity, 6), "nmi": round(by_kec.nmi, 6)},
            "regency": {"purity": round(by_reg.purity, 6), "nmi": round(by_reg.nmi, 6)},
            "largest": rows[:top],
        }
        title = (
            Section.COMMUNITIES.value
            if section
            else t(
                "cli.communities",
                seed=seed,
                n=len(comm.groups),
                q=comm.modularity,
                pk=by_kec.purity,
                nk=by_kec.nmi,
                pr=by_reg.purity,
                nr=by_reg.nmi,
            )
        )
        sections.append(
            (
                title,
                rows[:top] if out_format is OutputFormat.TABLE else rows,
                ["community", "size", "dominant_area", "area_name", "share", "areas"],
            )
        )
    if Section.REACH in want:
        reach = kpu_reach(G, hops=hops)
        areas = load_areas()
        rows = [{**r.as_row(), "name": areas.name(r.district)} for r in reach.values()]
        rows.sort(key=lambda r: (r["share"], r["district"]))
        doc["reach"] = {"hops": hops, "districts": rows}
        title = Section.REACH.value if section else t("cli.reach", hops=hops)
        sections.append(
            (
                title,
                rows[:top] if out_format is OutputFormat.TABLE else rows,
                ["district", "name", "ppk", "ppk_reached", "pps", "pps_reached", "share"],
            )
        )
    notes.append(f"computed in {time.perf_counter() - started:.1f} s")
    doc["notes"] = notes
    emit_sections(
        sections, out_format, output, doc, section.value if section else None, top, force=force
    )
    if out_format is OutputFormat.TABLE:
        for note in notes:
            say(f"· {note}", err=True)


def _shorten(ids: Sequence[str], shown: int = 6) -> str:
    """A long id list cut for a terminal: the first few and how many more."""
    head = ";".join(ids[:shown])
    return head if len(ids) <= shown else f"{head};… (+{len(ids) - shown})"


def _centrality_rows(
    G: nx.Graph, top: int, k: int | None, seed: int, spof: Any, *, compact: bool = False
) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    c = centrality(G, k=k, seed=seed)
    chosen = top_nodes(c.betweenness.values, top)
    holes = structural_holes(G, nodes=chosen)
    roles = brokerage_roles(G, nodes=chosen)
    dependents = {x: len(d) for x, d in spof.by_actor.items()} if spof is not None else {}
    rows = []
    for u in chosen:
        row: dict[str, Any] = {
            "id": u,
            "name": name_of(G, u),
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
        if compact:
            row["roles"] = "/".join(str(row[r]) for r in ROLES)
        rows.append(row)
    notes = [*c.notes, "constraint weighted by number of links; brokerage groups: actor categories"]
    if compact:
        # A terminal is narrow: the five roles fit as one C/I/G/R/L column.
        notes.append("roles = coordinator/itinerant/gatekeeper/representative/liaison")
        columns = [
            "id",
            "name",
            "kind",
            "degree",
            "betweenness",
            "pagerank",
            "constraint",
            "roles",
            "spof_dependents",
        ]
        return rows, columns, notes
    columns = ["id", "name", "kind", "area", "degree", "links", "betweenness", "pagerank"]
    if c.eigenvector is not None:
        columns.append("eigenvector")
    columns += ["constraint", "effective_size", *ROLES, "total", "spof_dependents"]
    return rows, columns, notes


def register(app: typer.Typer) -> None:
    app.command("metrics")(metrics_command)
