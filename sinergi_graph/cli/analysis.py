"""Analysis commands: metrics, path, simulate, scenarios, undo, recommend."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx
import typer

from sinergi_graph.analysis._common import restrict
from sinergi_graph.analysis.brokerage import ROLES, brokerage_roles, structural_holes
from sinergi_graph.analysis.communities import alignment, louvain
from sinergi_graph.analysis.metrics import EXACT_LIMIT, centrality, rounded, top_nodes
from sinergi_graph.analysis.paths import coordination_path, warm_introductions
from sinergi_graph.analysis.reach import kpu_reach
from sinergi_graph.analysis.recommend import (
    gap_pairs,
    plan_links,
    resilience_links,
    worth_a_visit,
)
from sinergi_graph.analysis.resilience import single_points_of_failure
from sinergi_graph.analysis.simulation import (
    AddActor,
    AddLink,
    Change,
    RemoveActor,
    RemoveLink,
    Scenario,
    Simulation,
    SimulationResult,
    apply_scenario,
    compare_scenarios,
    delete_scenario,
    list_scenarios,
    load_scenario,
    save_scenario,
    undo_last,
)
from sinergi_graph.areas import load_areas
from sinergi_graph.cli.app import (
    OutputFormat,
    catalogue,
    console,
    emit,
    err_console,
    lang,
    rules,
    store_session,
)
from sinergi_graph.cli.core import resolve_area, resolve_date
from sinergi_graph.errors import SinergiError
from sinergi_graph.gaps import find_gaps
from sinergi_graph.graph import build_graph
from sinergi_graph.i18n import t
from sinergi_graph.kinds import Level
from sinergi_graph.models import NetworkRows, resolve_link_type
from sinergi_graph.tabular import FileFormat, write_rows

# Messages of these commands, Bahasa Indonesia first (the CLI default), then English.
_MESSAGES: dict[str, tuple[str, str]] = {
    "sim_summary": (
        "Celah sebelum {before} → sesudah {after} (tertutup {closed}, baru {opened}, "
        "berubah {changed}); {pairs} pasangan (aturan, subjek) dihitung ulang dalam {ms:.1f} ms",
        "Gaps before {before} → after {after} (closed {closed}, opened {opened}, "
        "changed {changed}); {pairs} (rule, subject) pairs re-evaluated in {ms:.1f} ms",
    ),
    "closed": ("Celah tertutup", "Gaps closed"),
    "opened": ("Celah baru", "Gaps opened"),
    "changed": ("Celah berubah", "Gaps changed"),
    "metric_changes": ("Perubahan metrik", "Metric changes"),
    "saved": ("Skenario disimpan: {name}", "Scenario saved: {name}"),
    "confirm_apply": (
        "Terapkan {n} perubahan ini ke basis data {where}?",
        "Apply these {n} changes to the store {where}?",
    ),
    "applied": (
        "Skenario diterapkan dalam {tx} transaksi (jurnal #{seq}); batalkan dengan `sinergi undo`.",
        "Scenario applied in {tx} transaction(s) (journal #{seq}); undo with `sinergi undo`.",
    ),
    "no_changes": ("Tidak ada perubahan.", "No changes given."),
    "nothing_to_undo": ("Tidak ada skenario yang bisa dibatalkan.", "Nothing to undo."),
    "confirm_undo": (
        "Batalkan skenario #{seq} ({name}, diterapkan {when})?",
        "Undo scenario #{seq} ({name}, applied {when})?",
    ),
    "undone": ("Skenario #{seq} dibatalkan.", "Scenario #{seq} undone."),
    "no_path": (
        "Tidak ada jalur koordinasi antara {a} dan {b}.",
        "No coordination path between {a} and {b}.",
    ),
    "path": ("Jalur koordinasi ({n} langkah)", "Coordination path ({n} steps)"),
    "already_linked": (
        "{a} dan {b} sudah berhubungan langsung.",
        "{a} and {b} are already linked.",
    ),
    "intros": ("Perkenalan hangat", "Warm introductions"),
    "no_intros": ("Belum ada yang mengenal kedua pihak.", "Nobody knows both sides yet."),
    "central": ("Aktor sentral", "Central actors"),
    "spof": (
        "Titik rawan: jika aktor ini tidak ada, PPS/PPK berikut kehilangan semua jalur "
        "ke KPU kabupaten/kotanya",
        "Single points of failure: if this actor is gone, these PPS/PPK lose every path "
        "to the KPU of their regency",
    ),
    "communities": (
        "Komunitas (Louvain, seed {seed}): {n} komunitas, modularitas {q:.3f}; "
        "keselarasan dengan kecamatan: kemurnian {pk:.2f}, NMI {nk:.2f}; "
        "kabupaten: {pr:.2f}, {nr:.2f}",
        "Communities (Louvain, seed {seed}): {n} communities, modularity {q:.3f}; "
        "alignment with kecamatan: purity {pk:.2f}, NMI {nk:.2f}; regency: {pr:.2f}, {nr:.2f}",
    ),
    "reach": (
        "Jangkauan: PPS/PPK dalam {hops} langkah dari KPU kabupaten/kota (terendah dulu)",
        "Reach: PPS/PPK within {hops} steps of their KPU Kab/Kota (lowest first)",
    ),
    "plan": (
        "Rencana {n} tautan baru (anggaran {budget}) menutup {closed} celah, bobot {w} dari {tw}",
        "Plan of {n} new links (budget {budget}) closes {closed} gaps, weight {w} of {tw}",
    ),
    "resilience": (
        "Tautan ketahanan: {n} tautan baru ke KPU menghapus titik rawan {exposed} PPS/PPK "
        "(tersisa {after}); {unreachable} tanpa jalur sama sekali",
        "Resilience links: {n} new links to the KPU remove the single points of failure of "
        "{exposed} PPS/PPK (left: {after}); {unreachable} have no path at all",
    ),
    "visit": (
        "Layak dikunjungi (prediksi tautan {method}; bukan celah aturan)",
        "Worth a visit (link prediction, {method}; not rule gaps)",
    ),
    "scenario_list_empty": ("Belum ada skenario tersimpan.", "No saved scenarios."),
    "deleted": ("Skenario {name} dihapus.", "Scenario {name} deleted."),
}


def _t(code: str, **params: object) -> str:
    text = _MESSAGES[code][1 if lang() == "en" else 0]
    return text.format(**params) if params else text


class SimFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class Section(StrEnum):
    CENTRALITY = "centrality"
    SPOF = "spof"
    COMMUNITIES = "communities"
    REACH = "reach"


class RecSection(StrEnum):
    PLAN = "plan"
    RESILIENCE = "resilience"
    VISIT = "visit"


class Method(StrEnum):
    ADAMIC_ADAR = "adamic_adar"
    RESOURCE_ALLOCATION = "resource_allocation"


def _load(as_of: date | None = None) -> tuple[NetworkRows, nx.Graph]:
    with store_session() as store:
        rows = store.network_rows()
    return rows, build_graph(rows, catalogue=catalogue(), as_of=as_of)


def _name(G: nx.Graph, node: str) -> str:
    return str(G.nodes[node].get("name", node)) if node in G else node


def _emit_sections(
    sections: Sequence[tuple[str, Sequence[Mapping[str, Any]], Sequence[str]]],
    fmt: OutputFormat,
    output: Path | None,
    document: Any,
    chosen: str | None,
    limit: int,
) -> None:
    """Tables on screen, one JSON document, or one section (csv/xlsx) / all (md) in a file."""
    if fmt is OutputFormat.JSON:
        text = json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
        if output is None:
            typer.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
        return
    if fmt is OutputFormat.TABLE and output is None:
        for title, rows, columns in sections:
            if rows:
                emit(rows, columns, fmt, None, title=title, limit=limit or None)
            else:
                console.print(title)
        return
    if fmt is OutputFormat.MD and chosen is None:
        text = "\n".join(
            write_rows(rows, columns, FileFormat.MD, None, title=title) or ""
            for title, rows, columns in sections
        )
        if output is None:
            typer.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
        return
    index = 0 if chosen is None else [s[0] for s in sections].index(chosen)
    title, rows, columns = sections[index]
    emit(rows, columns, fmt, output, title=chosen or "data")


# --------------------------------------------------------------------------- metrics


def metrics_command(
    area: str | None = typer.Option(None, "--area", help="Area code (any level) or ID."),
    top: int = typer.Option(20, "--top", help="Rows per section."),
    fmt: OutputFormat = typer.Option(
        OutputFormat.TABLE, "--format", help="table, csv, json, md or xlsx."
    ),
    output: Path | None = typer.Option(None, "--output", help="Write to this file."),
    section: Section | None = typer.Option(
        None, "--section", help="Only this section (csv/xlsx: default centrality)."
    ),
    k: int | None = typer.Option(
        None, "--k", help=f"Betweenness sample size (default: exact up to {EXACT_LIMIT} actors)."
    ),
    seed: int = typer.Option(0, "--seed", help="Seed of the betweenness sample and of Louvain."),
    hops: int = typer.Option(2, "--hops", help="Reach: steps from the KPU Kab/Kota."),
) -> None:
    """Sentralitas, titik rawan, komunitas, jangkauan / Centrality, SPOF, communities, reach."""
    code = resolve_area(area)
    _, full = _load()
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
    compact = fmt is OutputFormat.TABLE and output is None
    spof = single_points_of_failure(G) if want & {Section.CENTRALITY, Section.SPOF} else None
    if Section.CENTRALITY in want:
        rows, columns, cnotes = _centrality_rows(G, top, k, seed, spof, compact=compact)
        notes.extend(cnotes)
        doc["centrality"] = rows
        sections.append((Section.CENTRALITY.value if section else _t("central"), rows, columns))
    if Section.SPOF in want and spof is not None:
        rows = [
            {
                "actor": x,
                "name": _name(G, x),
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
        title = Section.SPOF.value if section else _t("spof")
        sections.append(
            (
                title,
                rows[:top] if fmt is OutputFormat.TABLE else rows,
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
            else _t(
                "communities",
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
                rows[:top] if fmt is OutputFormat.TABLE else rows,
                ["community", "size", "dominant_area", "area_name", "share", "areas"],
            )
        )
    if Section.REACH in want:
        reach = kpu_reach(G, hops=hops)
        areas = load_areas()
        rows = [{**r.as_row(), "name": areas.name(r.district)} for r in reach.values()]
        rows.sort(key=lambda r: (r["share"], r["district"]))
        doc["reach"] = {"hops": hops, "districts": rows}
        title = Section.REACH.value if section else _t("reach", hops=hops)
        sections.append(
            (
                title,
                rows[:top] if fmt is OutputFormat.TABLE else rows,
                ["district", "name", "ppk", "ppk_reached", "pps", "pps_reached", "share"],
            )
        )
    notes.append(f"computed in {time.perf_counter() - started:.1f} s")
    doc["notes"] = notes
    _emit_sections(sections, fmt, output, doc, section.value if section else None, top)
    if fmt is OutputFormat.TABLE and output is None:
        for note in notes:
            err_console.print(f"· {note}", markup=False)


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
            "name": _name(G, u),
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


# --------------------------------------------------------------------------- path


def path_command(
    source: str = typer.Argument(..., help="Actor id (a person is resolved to their institution)."),
    target: str = typer.Argument(..., help="Actor id."),
    limit: int = typer.Option(5, "--limit", help="Warm introductions listed."),
    fmt: SimFormat = typer.Option(SimFormat.TABLE, "--format", help="table or json."),
) -> None:
    """Jalur koordinasi dan perkenalan hangat / Shortest coordination path, warm introductions."""
    _, G = _load()
    try:
        path = coordination_path(G, source, target)
    except KeyError as exc:
        raise SinergiError("unknown_actor", id=exc.args[0]) from exc
    intros = warm_introductions(G, source, target, limit=limit)
    if fmt is SimFormat.JSON:
        doc = {
            "source": source,
            "target": target,
            "path": None
            if path is None
            else [
                {
                    "source": s.source,
                    "target": s.target,
                    "count": s.count,
                    "last_date": s.last_date,
                    "types": list(s.types),
                }
                for s in path.steps
            ],
            "nodes": None if path is None else list(path.nodes),
            "introductions": [i.as_row(G) for i in intros],
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    if path is None:
        console.print(_t("no_path", a=source, b=target))
    else:
        rows = [
            {
                "from": s.source,
                "from_name": _name(G, s.source),
                "to": s.target,
                "to_name": _name(G, s.target),
                "links": s.count,
                "last_date": s.last_date or "",
                "types": ",".join(s.types),
            }
            for s in path.steps
        ]
        emit(
            rows,
            ["from", "from_name", "to", "to_name", "links", "last_date", "types"],
            OutputFormat.TABLE,
            None,
            title=_t("path", n=path.length),
        )
    if path is not None and path.length == 1:
        console.print(_t("already_linked", a=source, b=target))
    elif intros:
        emit(
            [i.as_row(G) for i in intros],
            ["via", "via_names", "people", "weakest_date", "weakest_count"],
            OutputFormat.TABLE,
            None,
            title=_t("intros"),
        )
    else:
        console.print(_t("no_intros"))


# --------------------------------------------------------------------------- simulate


def _parse_add(text: str) -> AddLink:
    parts = text.split(":")
    if len(parts) not in (2, 3) or not all(parts[:2]):
        raise SinergiError("bad_change", value=text, detail="SRC:DST[:TYPE]")
    link_type = "KOORDINASI"
    if len(parts) == 3:
        resolved = resolve_link_type(parts[2])
        if resolved is None:
            raise SinergiError("bad_change", value=text, detail=f"unknown link type {parts[2]}")
        link_type = resolved.value
    return AddLink(source=parts[0], target=parts[1], type=link_type)


def _parse_actor(text: str) -> AddActor:
    parts = text.split(":")
    if len(parts) not in (3, 4, 5) or not all(parts[:3]):
        raise SinergiError("bad_change", value=text, detail="ID:KIND:NAME:AREA[:MEMBER_OF]")
    kind = catalogue().resolve(parts[1])
    if kind is None:
        raise SinergiError("bad_change", value=text, detail=f"unknown kind {parts[1]}")
    area = None
    if len(parts) >= 4 and parts[3]:
        area = load_areas().resolve(parts[3])
        if area is None:
            raise SinergiError("unknown_area", code=parts[3])
    member_of = parts[4] if len(parts) == 5 and parts[4] else None
    return AddActor(id=parts[0], kind=kind, name=parts[2], area=area, member_of=member_of)


def _cli_changes(
    add: list[str], remove_link: list[str], remove_actor: list[str], add_actor: list[str]
) -> list[Change]:
    # Options of different kinds lose their relative order on the command line;
    # this order always makes sense: new actors, new links, then removals.
    changes: list[Change] = [_parse_actor(a) for a in add_actor]
    changes += [_parse_add(a) for a in add]
    changes += [RemoveLink(link_id=i) for i in remove_link]
    changes += [RemoveActor(actor_id=i) for i in remove_actor]
    return changes


def _gap_rows(gaps: Sequence[Any]) -> list[dict[str, Any]]:
    return [
        {
            "rule": g.rule,
            "severity": g.severity,
            "reason": g.reason.value,
            "subject_id": g.subject_id,
            "subject_name": g.subject_name,
            "area": g.area,
        }
        for g in gaps
    ]


_GAP_COLUMNS = ["rule", "severity", "reason", "subject_id", "subject_name", "area"]


def _print_result(result: SimulationResult) -> None:
    console.print(
        _t(
            "sim_summary",
            before=result.before,
            after=result.after,
            closed=len(result.closed),
            opened=len(result.opened),
            changed=len(result.changed),
            pairs=result.pairs_evaluated,
            ms=result.seconds * 1000,
        )
    )
    headers = {c: t(f"col_{c}") for c in _GAP_COLUMNS}
    if result.closed:
        emit(
            _gap_rows(result.closed),
            _GAP_COLUMNS,
            OutputFormat.TABLE,
            None,
            title=_t("closed"),
            headers=headers,
        )
    if result.opened:
        emit(
            _gap_rows(result.opened),
            _GAP_COLUMNS,
            OutputFormat.TABLE,
            None,
            title=_t("opened"),
            headers=headers,
        )
    if result.changed:
        rows = [
            {**r, "reason_before": old.reason.value}
            for r, (old, _) in zip(
                _gap_rows([n for _, n in result.changed]), result.changed, strict=True
            )
        ]
        emit(
            rows,
            [*_GAP_COLUMNS, "reason_before"],
            OutputFormat.TABLE,
            None,
            title=_t("changed"),
            headers=headers,
        )
    m = result.metrics
    if m is not None:
        rows = [c.as_dict() for c in (*m.constraint, *m.reach, *m.exposed)]
        for metric, keys, before, after in (
            ("spof_resolved", m.spof_resolved, "spof", ""),
            ("spof_created", m.spof_created, "", "spof"),
            ("articulation_resolved", m.articulation_resolved, "cut", ""),
            ("articulation_created", m.articulation_created, "", "cut"),
        ):
            rows += [{"metric": metric, "key": x, "before": before, "after": after} for x in keys]
        if rows:
            emit(
                rows,
                ["metric", "key", "before", "after"],
                OutputFormat.TABLE,
                None,
                title=_t("metric_changes"),
            )
    for note in result.notes:
        err_console.print(f"· {note}", markup=False)


def simulate_command(
    add: list[str] = typer.Option([], "--add", help="New link SRC:DST[:TYPE] (repeatable)."),
    remove_link: list[str] = typer.Option(
        [], "--remove-link", help="Link id to drop (repeatable)."
    ),
    remove_actor: list[str] = typer.Option(
        [], "--remove-actor", help="Actor who leaves (repeatable)."
    ),
    add_actor: list[str] = typer.Option(
        [], "--add-actor", help="New actor ID:KIND:NAME:AREA[:MEMBER_OF] (repeatable)."
    ),
    scenario_name: str | None = typer.Option(
        None, "--scenario", help="Start from this saved scenario."
    ),
    save: str | None = typer.Option(None, "--save", help="Save the scenario under this name."),
    apply: bool = typer.Option(
        False, "--apply", help="Apply the scenario to the store (undoable)."
    ),
    yes: bool = typer.Option(False, "--yes", help="Do not ask before applying."),
    as_of: str | None = typer.Option(None, "--as-of", help="Evaluate as of this date."),
    fmt: SimFormat = typer.Option(SimFormat.TABLE, "--format", help="table or json."),
    metrics: bool = typer.Option(True, "--metrics/--no-metrics", help="Metrics side by side."),
) -> None:
    """Simulasikan perubahan pada salinan jaringan / Simulate changes on a copy of the network."""
    day = resolve_date(as_of)
    changes = _cli_changes(add, remove_link, remove_actor, add_actor)
    with store_session() as store:
        scenario = load_scenario(store, scenario_name) if scenario_name else Scenario(name=save)
        scenario = scenario.extended(changes, name=save)
        if not scenario.changes:
            raise SinergiError("bad_change", value="simulate", detail=_t("no_changes"))
        rows = store.network_rows()
        G = build_graph(rows, catalogue=catalogue(), as_of=day)
        sim = Simulation(rows, rules(), graph=G, catalogue=catalogue(), as_of=day)
        sim.apply_all(scenario.changes)
        result = sim.result(metrics=metrics)
        result = replace(result, scenario=scenario)
        if fmt is SimFormat.JSON:
            typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        else:
            _print_result(result)
        if save:
            save_scenario(store, scenario, save)
            err_console.print(_t("saved", name=save))
        if apply:
            if not yes and not typer.confirm(
                _t("confirm_apply", n=len(scenario.changes), where=store.location), err=True
            ):
                raise typer.Abort()
            entry = apply_scenario(store, scenario, rows=rows)
            err_console.print(_t("applied", tx=entry.transactions, seq=entry.seq))


# --------------------------------------------------------------------------- scenarios, undo

scenarios_app = typer.Typer(
    help="Skenario tersimpan / Saved scenarios: list, show, compare, delete.",
    no_args_is_help=True,
)


@scenarios_app.command("list")
def scenarios_list(
    fmt: SimFormat = typer.Option(SimFormat.TABLE, "--format", help="table or json."),
) -> None:
    """Daftar skenario / List saved scenarios."""
    with store_session() as store:
        found = [load_scenario(store, name) for name in list_scenarios(store)]
    rows = [
        {"name": s.name or "", "changes": len(s.changes), "description": s.description or ""}
        for s in found
    ]
    if fmt is SimFormat.JSON:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif rows:
        emit(rows, ["name", "changes", "description"], OutputFormat.TABLE, None)
    else:
        console.print(_t("scenario_list_empty"))


@scenarios_app.command("show")
def scenarios_show(
    name: str = typer.Argument(..., help="Scenario name."),
    fmt: SimFormat = typer.Option(SimFormat.TABLE, "--format", help="table or json."),
) -> None:
    """Tampilkan skenario dan dampaknya / Show a scenario and its effect now."""
    with store_session() as store:
        scenario = load_scenario(store, name)
        rows = store.network_rows()
    sim = Simulation(rows, rules(), catalogue=catalogue())
    sim.apply_all(scenario.changes)
    result = replace(sim.result(), scenario=scenario)
    if fmt is SimFormat.JSON:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    changes = [{"#": i + 1, **c.model_dump(mode="json")} for i, c in enumerate(scenario.changes)]
    columns = ["#", "op", *sorted({k for c in changes for k in c} - {"#", "op"})]
    emit(changes, columns, OutputFormat.TABLE, None, title=name)
    _print_result(result)


@scenarios_app.command("compare")
def scenarios_compare(
    names: list[str] = typer.Argument(..., help="Two or more scenario names."),
    fmt: SimFormat = typer.Option(SimFormat.TABLE, "--format", help="table or json."),
) -> None:
    """Bandingkan skenario / Compare scenarios from the same network."""
    with store_session() as store:
        found = [load_scenario(store, n) for n in names]
        rows = store.network_rows()
    cmp = compare_scenarios(rows, rules(), found, catalogue=catalogue())
    if fmt is SimFormat.JSON:
        doc = {
            "scenarios": cmp.rows(),
            "closed_by_all": [{"rule": r, "subject_id": s} for r, s in cmp.closed_by_all],
            "closed_only_by": {
                k: [{"rule": r, "subject_id": s} for r, s in v]
                for k, v in cmp.closed_only_by.items()
            },
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    emit(cmp.rows(), list(cmp.rows()[0]), OutputFormat.TABLE, None)


@scenarios_app.command("delete")
def scenarios_delete(name: str = typer.Argument(..., help="Scenario name.")) -> None:
    """Hapus skenario / Delete a saved scenario."""
    with store_session() as store:
        if not delete_scenario(store, name):
            raise SinergiError("unknown_scenario", name=name)
    console.print(_t("deleted", name=name))


def undo_command(
    yes: bool = typer.Option(False, "--yes", help="Do not ask."),
    force: bool = typer.Option(False, "--force", help="Undo even if the network changed since."),
) -> None:
    """Batalkan skenario terakhir yang diterapkan / Undo the last applied scenario."""
    from sinergi_graph.analysis.simulation import journal

    with store_session() as store:
        pending = [e for e in journal(store) if e.undone_at is None]
        if not pending:
            console.print(_t("nothing_to_undo"))
            return
        last = pending[-1]
        if not yes and not typer.confirm(
            _t("confirm_undo", seq=last.seq, name=last.scenario.name or "-", when=last.applied_at),
            err=True,
        ):
            raise typer.Abort()
        done = undo_last(store, force=force)
    assert done is not None
    console.print(_t("undone", seq=done.seq))


# --------------------------------------------------------------------------- recommend


def recommend_command(
    area: str | None = typer.Option(None, "--area", help="Area code (any level) or ID."),
    budget: int = typer.Option(10, "--budget", help="Largest number of new links in the plan."),
    top: int = typer.Option(20, "--top", help="Rows of the other sections."),
    method: Method = typer.Option(Method.ADAMIC_ADAR, "--method", help="Link prediction index."),
    fmt: OutputFormat = typer.Option(
        OutputFormat.TABLE, "--format", help="table, csv, json, md or xlsx."
    ),
    output: Path | None = typer.Option(None, "--output", help="Write to this file."),
    section: RecSection | None = typer.Option(
        None, "--section", help="Only this section (csv/xlsx: default plan)."
    ),
    as_of: str | None = typer.Option(None, "--as-of", help="Evaluate gaps as of this date."),
) -> None:
    """Rekomendasi kemitraan baru / Recommended new partnerships."""
    code = resolve_area(area)
    day = resolve_date(as_of)
    _, full = _load(day)
    gaps = find_gaps(full, rules(), area=code, as_of=day)
    G = restrict(full, code)
    want = {section} if section is not None else set(RecSection)
    doc: dict[str, Any] = {"area": code or "ID"}
    sections: list[tuple[str, list[dict[str, Any]], list[str]]] = []
    if RecSection.PLAN in want:
        plan = plan_links(full, gaps, budget=budget)
        rows = [p.as_row(full) for p in plan.links]
        doc["plan"] = {
            "budget": budget,
            "closed": plan.closed,
            "closed_weight": plan.closed_weight,
            "closable": plan.closable,
            "closable_weight": plan.closable_weight,
            "not_closable": plan.not_closable,
            "links": rows,
        }
        title = (
            RecSection.PLAN.value
            if section
            else _t(
                "plan",
                n=len(plan.links),
                budget=budget,
                closed=plan.closed,
                w=plan.closed_weight,
                tw=plan.closable_weight,
            )
        )
        sections.append(
            (
                title,
                rows,
                [
                    "source",
                    "source_name",
                    "target",
                    "target_name",
                    "weight",
                    "closes",
                    "introduced_by",
                    "introducer_people",
                ],
            )
        )
    if RecSection.RESILIENCE in want:
        res = resilience_links(G, verify=True)
        rows = [r.as_row(G) for r in res.links]
        doc["resilience"] = {
            "exposed": res.exposed,
            "exposed_after": res.exposed_after,
            "unreachable": len(res.unreachable),
            "links": rows,
            "reconnect": [{"subject": s, "kpu": k} for s, k in res.reconnect],
            "notes": list(res.notes),
        }
        title = (
            RecSection.RESILIENCE.value
            if section
            else _t(
                "resilience",
                n=len(res.links),
                exposed=res.exposed,
                after=res.exposed_after,
                unreachable=len(res.unreachable),
            )
        )
        sections.append(
            (
                title,
                rows[:top] if fmt is OutputFormat.TABLE else rows,
                ["subject", "subject_name", "kpu", "kpu_name", "protects", "bypasses"],
            )
        )
    if RecSection.VISIT in want:
        found = worth_a_visit(
            G, rules=rules(), exclude=gap_pairs(gaps), method=method.value, top=top
        )
        rows = [s.as_row(G) for s in found]
        doc["worth_a_visit"] = {"method": method.value, "pairs": rows}
        title = RecSection.VISIT.value if section else _t("visit", method=method.value)
        sections.append(
            (
                title,
                rows,
                [
                    "source",
                    "source_name",
                    "target",
                    "target_name",
                    "adamic_adar",
                    "resource_allocation",
                    "common",
                ],
            )
        )
    _emit_sections(sections, fmt, output, doc, section.value if section else None, 0)


def register(app: typer.Typer) -> None:
    """Add the analysis commands to the ``sinergi`` application."""
    app.command("metrics")(metrics_command)
    app.command("path")(path_command)
    app.command("simulate")(simulate_command)
    app.add_typer(scenarios_app, name="scenarios")
    app.command("undo")(undo_command)
    app.command("recommend")(recommend_command)
