"""Saved scenarios (``sinergi scenarios list|show|compare|delete``) and ``sinergi undo``."""

from __future__ import annotations

import json
from dataclasses import replace

import typer

from sinergi_graph.analysis.simulation import Simulation
from sinergi_graph.cli.app import catalogue, lang, rules, store_session
from sinergi_graph.cli.options import SimFormat, SimFormatOpt
from sinergi_graph.cli.output import OutputFormat, echo, emit, say
from sinergi_graph.cli.simulate import _print_result
from sinergi_graph.errors import SinergiError
from sinergi_graph.graph import build_graph
from sinergi_graph.i18n import t
from sinergi_graph.numbers import moment
from sinergi_graph.scenarios import undo_last
from sinergi_graph.scenarios.saved import (
    compare_scenarios,
    delete_scenario,
    list_scenarios,
    load_scenario,
)

__all__ = ["register", "scenarios_app", "undo_command"]

scenarios_app = typer.Typer(
    help="Skenario tersimpan / Saved scenarios: list, show, compare, delete.",
    no_args_is_help=True,
)


@scenarios_app.command("list")
def scenarios_list(
    fmt: SimFormatOpt = SimFormat.TABLE,
) -> None:
    """Daftar skenario / List saved scenarios."""
    with store_session(read_only=True) as store:
        found = [load_scenario(store, name) for name in list_scenarios(store)]
    rows = [
        {"name": s.name or "", "changes": len(s.changes), "description": s.description or ""}
        for s in found
    ]
    if fmt is SimFormat.JSON:
        echo(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif rows:
        columns = ["name", "changes", "description"]
        emit(
            rows,
            columns,
            OutputFormat.TABLE,
            None,
            headers={c: t(f"cli.h_sc_{c}") for c in columns},
        )
    else:
        say(t("cli.scenario_list_empty"))


@scenarios_app.command("show")
def scenarios_show(
    name: str = typer.Argument(..., help="Scenario name."),
    fmt: SimFormatOpt = SimFormat.TABLE,
) -> None:
    """Tampilkan skenario dan dampaknya / Show a scenario and its effect now."""
    with store_session(read_only=True) as store:
        scenario = load_scenario(store, name)
        rows = store.network_rows()
    sim = Simulation(rows, rules(), catalogue=catalogue())
    sim.apply_all(scenario.changes)
    result = replace(sim.result(), scenario=scenario)
    if fmt is SimFormat.JSON:
        echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n")
        return
    changes = [{"#": i + 1, **c.model_dump(mode="json")} for i, c in enumerate(scenario.changes)]
    names = {a.id: a.name for a in rows.actors}
    for change in changes:
        change["op"] = t(f"cli.op_{change['op']}")
        # A planned meeting's invitees: one cell, by name.
        for key, value in change.items():
            if isinstance(value, list):
                change[key] = ", ".join(names.get(str(v), str(v)) for v in value)
    columns = ["#", "op", *sorted({k for c in changes for k in c} - {"#", "op"})]
    emit(
        changes,
        columns,
        OutputFormat.TABLE,
        None,
        title=name,
        headers={c: t(f"cli.h_ch_{c}") for c in columns if c != "#"} | {"#": "#"},
    )
    _print_result(result, build_graph(rows, catalogue=catalogue()), names)


@scenarios_app.command("compare")
def scenarios_compare(
    names: list[str] = typer.Argument(..., help="Two or more scenario names."),
    fmt: SimFormatOpt = SimFormat.TABLE,
) -> None:
    """Bandingkan skenario / Compare scenarios from the same network."""
    with store_session(read_only=True) as store:
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
        echo(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    columns = list(cmp.rows()[0])
    emit(
        cmp.rows(),
        columns,
        OutputFormat.TABLE,
        None,
        headers={c: t(f"cli.h_sc_{c}") for c in columns},
    )


@scenarios_app.command("delete")
def scenarios_delete(name: str = typer.Argument(..., help="Scenario name.")) -> None:
    """Hapus skenario / Delete a saved scenario."""
    with store_session() as store:
        if not delete_scenario(store, name):
            raise SinergiError("unknown_scenario", name=name)
    say(t("cli.deleted", name=name))


def undo_command(
    yes: bool = typer.Option(False, "--yes", help="Do not ask."),
    force: bool = typer.Option(False, "--force", help="Undo even if the network changed since."),
) -> None:
    """Batalkan perubahan terakhir (skenario atau suntingan) / Undo the last scenario or edit."""
    # One journal for applied scenarios and TUI edits: the latest entry of either kind.
    from sinergi_graph.i18n import Msg
    from sinergi_graph.scenarios import last_pending, undo_conflicts
    from sinergi_graph.scenarios.conflicts import refuse_on_conflicts
    from sinergi_graph.text import printable

    with store_session() as store:
        last = last_pending(store)
        if last is None:
            say(t("undo_nothing"))
            return
        if not force:
            # Refuse before asking: the question would be moot.
            refuse_on_conflicts(last, undo_conflicts(store, last), hint=Msg("undo_force_hint"))
        about = {"what": last.what(), "seq": last.seq, "name": printable(last.title)}
        if not yes and not typer.confirm(
            t("undo_confirm", when=moment(last.applied_at, lang()), **about), err=True
        ):
            raise typer.Abort()
        done = undo_last(store, force=force)
    if done is None:
        say(t("undo_nothing"))
        return
    say(t("undo_done", **about))


def register(app: typer.Typer) -> None:
    app.add_typer(scenarios_app, name="scenarios")
    app.command("undo")(undo_command)
