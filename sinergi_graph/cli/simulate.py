"""``sinergi simulate``: changes tried on a copy of the network, saved or applied on request."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated, Any

import networkx as nx
import typer

from sinergi_graph.analysis.metric_changes import MetricChanges
from sinergi_graph.analysis.simulation import (
    AddActor,
    AddLink,
    Change,
    RemoveActor,
    RemoveLink,
    Scenario,
    Simulation,
    SimulationResult,
)
from sinergi_graph.areas import load_areas
from sinergi_graph.cli.app import catalogue, lang, rules, store_session
from sinergi_graph.cli.options import AsOfOpt, SimFormat, SimFormatOpt, positive, resolve_date
from sinergi_graph.cli.output import OutputFormat, echo, emit, say
from sinergi_graph.cli.simulate_meeting import (
    check_taken_place,
    meeting_json,
    meeting_lines,
    meetings_of,
    parse_meeting,
    plan_meeting,
)
from sinergi_graph.errors import BadChangeSyntax, ChangeRejected, NoChanges, UnknownArea
from sinergi_graph.graph import build_graph, node_name
from sinergi_graph.i18n import Msg, t
from sinergi_graph.models import NetworkRows, resolve_link_type
from sinergi_graph.numbers import area_place, area_title, number, percent
from sinergi_graph.scenarios import apply_scenario
from sinergi_graph.scenarios.saved import load_scenario, save_scenario
from sinergi_graph.store.protocol import GraphStore

__all__ = ["note_text", "parse_actor", "parse_add", "print_result", "register", "simulate_command"]


def _parse_add(text: str) -> AddLink:
    parts = text.split(":")
    if len(parts) not in (2, 3) or not all(parts[:2]):
        raise BadChangeSyntax(value=text, expected="SRC:DST[:TYPE]")
    link_type = "KOORDINASI"
    if len(parts) == 3:
        resolved = resolve_link_type(parts[2])
        if resolved is None:
            raise ChangeRejected(value=text, detail=Msg("change_unknown_link_type", value=parts[2]))
        link_type = resolved.value
    return AddLink(source=parts[0], target=parts[1], type=link_type)


def _parse_actor(text: str) -> AddActor:
    parts = text.split(":")
    if len(parts) not in (3, 4, 5) or not all(parts[:3]):
        raise BadChangeSyntax(value=text, expected="ID:KIND:NAME:AREA[:MEMBER_OF]")
    kind = catalogue().resolve(parts[1])
    if kind is None:
        raise ChangeRejected(value=text, detail=Msg("change_unknown_kind", value=parts[1]))
    area = None
    if len(parts) >= 4 and parts[3]:
        area = load_areas().resolve(parts[3])
        if area is None:
            raise UnknownArea(code=parts[3])
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
    """Gap rows as a coordinator reads them: severity and reason in words, desa and kecamatan."""
    return [
        {
            "rule": g.rule,
            "severity": t(f"severity_{g.severity}"),
            "reason": t(f"reason_{g.reason.value}"),
            "subject_name": g.subject_name,
            "area": area_place(g.area, lang()) if g.area else "",
        }
        for g in gaps
    ]


_GAP_COLUMNS = ["rule", "severity", "reason", "subject_name", "area"]

# Notes of the simulation (English in the analysis layer) and their catalogue texts.
_NOTES = (
    (re.compile(r"^link (?P<id>.+) is already recorded; nothing to add$"), "cli.note_link_exists"),
    (
        re.compile(r"^meeting (?P<id>\S+) brings no two institutions together; no contact$"),
        "act.note_meeting_no_contact",
    ),
    (
        re.compile(
            r"^meeting (?P<id>\S+) on (?P<date>\S+) is after the evaluation date; "
            r"its contacts do not count$"
        ),
        "act.note_meeting_after_as_of",
    ),
    (
        re.compile(
            r"^(?P<a>.+) and (?P<b>.+) belong to the same institution; "
            r"the link does not change the institution graph$"
        ),
        "cli.note_same_institution",
    ),
)


def note_text(note: str) -> str:
    """A simulation note in the user's language (unknown notes are shown as they are)."""
    for pattern, code in _NOTES:
        found = pattern.match(note)
        if found:
            return t(code, **found.groupdict())
    return note


def _metric_rows(G: nx.Graph | None, m: MetricChanges) -> list[dict[str, Any]]:
    """The measures that changed, each named in words, values as Indonesians write them."""

    def name(key: str) -> str:
        if G is not None and key in G:
            return node_name(G, key)
        return area_title(key, lang()) if key[:1].isdigit() else key

    def share(value: float | int | None) -> str:
        return "–" if value is None else percent(float(value), lang(), digits=0)

    def plain(value: float | int | None) -> str:
        if value is None:
            return "–"
        if isinstance(value, int):
            return number(value, lang())
        text = f"{value:.2f}"
        return text if lang() == "en" else text.replace(".", ",")

    rows = [
        {
            "what": t("cli.mc_constraint"),
            "place": name(c.key),
            "before": plain(c.before),
            "after": plain(c.after),
        }
        for c in m.constraint
    ]
    rows += [
        {
            "what": t("cli.mc_reach", hops=m.hops),
            "place": name(c.key),
            "before": share(c.before),
            "after": share(c.after),
        }
        for c in m.reach
    ]
    rows += [
        {
            "what": t("cli.mc_exposed"),
            "place": name(c.key),
            "before": plain(c.before),
            "after": plain(c.after),
        }
        for c in m.exposed
    ]
    return rows


def _print_result(
    result: SimulationResult, G: nx.Graph | None = None, names: dict[str, str] | None = None
) -> None:
    for line in meeting_lines(result.scenario, result.meetings, names or {}):
        say(line)
    say(
        t(
            "cli.sim_summary",
            before=number(result.before, lang()),
            after=number(result.after, lang()),
            closed=number(len(result.closed), lang()),
            opened=number(len(result.opened), lang()),
            changed=number(len(result.changed), lang()),
        )
    )
    headers = {c: t(f"col_{c}") for c in _GAP_COLUMNS}
    for gaps, title in ((result.closed, "cli.closed"), (result.opened, "cli.opened")):
        if gaps:
            emit(
                _gap_rows(gaps),
                _GAP_COLUMNS,
                OutputFormat.TABLE,
                None,
                title=t(title),
                headers=headers,
            )
    if result.changed:
        rows = [
            {**r, "reason_before": t(f"reason_{old.reason.value}")}
            for r, (old, _) in zip(
                _gap_rows([n for _, n in result.changed]), result.changed, strict=True
            )
        ]
        emit(
            rows,
            [*_GAP_COLUMNS, "reason_before"],
            OutputFormat.TABLE,
            None,
            title=t("cli.changed"),
            headers={**headers, "reason_before": t("cli.h_reason_before")},
        )
    m = result.metrics
    if m is not None:
        rows = _metric_rows(G, m)
        if rows:
            emit(
                rows,
                ["what", "place", "before", "after"],
                OutputFormat.TABLE,
                None,
                title=t("cli.metric_changes"),
                headers={c: t(f"cli.h_{c}") for c in ("what", "place", "before", "after")},
            )
        for code, keys in (
            ("cli.mc_spof_resolved", m.spof_resolved),
            ("cli.mc_spof_created", m.spof_created),
            ("cli.mc_cut_resolved", m.articulation_resolved),
            ("cli.mc_cut_created", m.articulation_created),
        ):
            if keys:
                who = [node_name(G, k) for k in keys]
                say(t(code, n=len(who), who=", ".join(who)))
    for note in result.notes:
        say(f"· {note_text(note)}", err=True)


def simulate_command(
    add: Annotated[
        list[str], typer.Option("--add", help="New link SRC:DST[:TYPE] (repeatable).")
    ] = [],  # noqa: B006 - typer reads list defaults, never mutates them
    remove_link: Annotated[
        list[str], typer.Option("--remove-link", help="Link id to drop (repeatable).")
    ] = [],  # noqa: B006
    remove_actor: Annotated[
        list[str], typer.Option("--remove-actor", help="Actor who leaves (repeatable).")
    ] = [],  # noqa: B006
    add_actor: Annotated[
        list[str],
        typer.Option("--add-actor", help="New actor ID:KIND:NAME:AREA[:MEMBER_OF] (repeatable)."),
    ] = [],  # noqa: B006
    scenario_name: Annotated[
        str | None, typer.Option("--scenario", help="Start from this saved scenario.")
    ] = None,
    save: Annotated[
        str | None, typer.Option("--save", help="Save the scenario under this name.")
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Apply the scenario to the store (undoable).")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before applying.")] = False,
    as_of: AsOfOpt = None,
    fmt: SimFormatOpt = SimFormat.TABLE,
    metrics: Annotated[
        bool, typer.Option("--metrics/--no-metrics", help="Metrics side by side.")
    ] = True,
    meeting: Annotated[
        str | None,
        typer.Option(
            "--meeting", help="Planned kegiatan DATE[:TYPE[:TOPIC]], e.g. 2024-05-02:RAPAT:Rakor."
        ),
    ] = None,
    invite: Annotated[
        list[str], typer.Option("--invite", help="Invitee of --meeting, id or name (repeatable).")
    ] = [],  # noqa: B006
    invite_suggested: Annotated[
        str | None,
        typer.Option("--invite-suggested", help="Invite sinergi invite's list for this area."),
    ] = None,
    invite_budget: Annotated[
        int,
        typer.Option(
            "--invite-budget",
            help="How many invitees --invite-suggested takes.",
            callback=positive("--invite-budget"),
        ),
    ] = 8,
    place: Annotated[str | None, typer.Option("--place", help="Where --meeting is held.")] = None,
    meeting_area: Annotated[
        str | None, typer.Option("--meeting-area", help="Area of --meeting (default: suggested).")
    ] = None,
) -> None:
    """Simulasikan perubahan pada salinan jaringan / Simulate changes on a copy of the network."""
    day = resolve_date(as_of)
    changes = _cli_changes(add, remove_link, remove_actor, add_actor)
    spec = parse_meeting(
        meeting,
        invite,
        invite_suggested,
        place=place,
        area=meeting_area,
        budget=max(invite_budget, 2),
    )
    with store_session(read_only=not (save or apply)) as store:
        scenario = load_scenario(store, scenario_name) if scenario_name else Scenario(name=save)
        scenario = scenario.extended(changes, name=save)
        if not scenario.changes and spec is None:
            raise NoChanges()
        rows = store.network_rows()
        G = build_graph(rows, catalogue=catalogue(), as_of=day)
        if spec is not None:
            scenario = scenario.extended([plan_meeting(spec, rows, G, rules(), day)])
        if apply:
            # Refused before anything is written or asked.
            check_taken_place(scenario)
        names = {a.id: a.name for a in rows.actors} if meetings_of(scenario.changes) else {}
        sim = Simulation(rows, rules(), graph=G, catalogue=catalogue(), as_of=day)
        sim.apply_all(scenario.changes)
        result = sim.result(metrics=metrics)
        result = replace(result, scenario=scenario)
        # Write first, then print: a reader that goes away (``| head``) must not
        # cost the save or the apply. Only an apply that asks first shows the
        # result before it asks.
        if save:
            save_scenario(store, scenario, save)
            say(t("cli.saved", name=save), err=True)
        if apply and yes:
            _apply(store, scenario, rows)
        _show(result, fmt, G, names)
        if apply and not yes:
            if not typer.confirm(
                t("cli.confirm_apply", n=len(scenario.changes), where=store.location), err=True
            ):
                raise typer.Abort()
            _apply(store, scenario, rows)


def _show(
    result: SimulationResult,
    fmt: SimFormat,
    G: nx.Graph | None = None,
    names: dict[str, str] | None = None,
) -> None:
    if fmt is SimFormat.JSON:
        doc = meeting_json(result.as_json(), result.scenario, names or {})
        echo(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_result(result, G, names)


def _apply(store: GraphStore, scenario: Scenario, rows: NetworkRows) -> None:
    entry = apply_scenario(store, scenario, rows=rows)
    say(t("cli.applied", tx=entry.transactions, seq=entry.seq), err=True)


parse_add = _parse_add
print_result = _print_result
parse_actor = _parse_actor


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate_command)
