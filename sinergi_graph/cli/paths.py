"""``sinergi path``: the shortest coordination path between two actors, warm introductions."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from sinergi_graph.analysis.paths import coordination_path, warm_introductions
from sinergi_graph.cli.app import lang
from sinergi_graph.cli.network import load_network
from sinergi_graph.cli.options import SimFormat, SimFormatOpt, positive
from sinergi_graph.cli.output import OutputFormat, echo, emit, say
from sinergi_graph.errors import UnknownActor, UsageError
from sinergi_graph.graph import node_name
from sinergi_graph.i18n import t
from sinergi_graph.numbers import long_date, number

__all__ = ["path_command", "register"]


def path_command(
    source: Annotated[
        str, typer.Argument(help="Actor id (a person is resolved to their institution).")
    ],
    target: Annotated[str, typer.Argument(help="Actor id.")],
    limit: Annotated[
        int,
        typer.Option("--limit", help="Warm introductions listed.", callback=positive("--limit")),
    ] = 5,
    fmt: SimFormatOpt = SimFormat.TABLE,
) -> None:
    """Jalur koordinasi dan perkenalan hangat / Shortest coordination path, warm introductions."""
    if source.strip() == target.strip():
        raise UsageError("same_actor", id=source)
    _, G = load_network()
    try:
        path = coordination_path(G, source, target)
    except KeyError as exc:
        raise UnknownActor(id=exc.args[0]) from exc
    if path is not None and path.length == 0:
        # Two ids of one institution (a member and the institution it is folded onto).
        raise UsageError("same_actor", id=f"{source} = {target}")
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
        echo(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return
    if path is None:
        say(t("cli.no_path", a=source, b=target))
    else:
        rows = [
            {
                "from_name": node_name(G, s.source),
                "to_name": node_name(G, s.target),
                "links": number(s.count, lang()),
                "last_date": long_date(s.last_date, lang()) if s.last_date else "",
                "types": ", ".join(s.types),
            }
            for s in path.steps
        ]
        columns = ["from_name", "to_name", "links", "last_date", "types"]
        emit(
            rows,
            columns,
            OutputFormat.TABLE,
            None,
            title=t("cli.path", n=path.length),
            headers={c: t(f"cli.h_{c}") for c in columns},
        )
    if path is not None and path.length == 1:
        say(t("cli.already_linked", a=source, b=target))
    elif intros:
        columns = ["via_names", "weakest_date", "weakest_count"]
        emit(
            [
                {
                    "via_names": ", ".join(node_name(G, v) for v in i.via),
                    "weakest_date": long_date(i.weakest_date, lang()) if i.weakest_date else "",
                    "weakest_count": number(i.weakest_count, lang()),
                }
                for i in intros
            ],
            columns,
            OutputFormat.TABLE,
            None,
            title=t("cli.intros"),
            headers={c: t(f"cli.h_{c}") for c in columns},
        )
    else:
        say(t("cli.no_intros"))


def register(app: typer.Typer) -> None:
    app.command("path")(path_command)
