"""``sinergi agreements``: every kerja sama evaluated as of one day."""

from __future__ import annotations

import typer

from sinergi_graph.analysis.agreements import evaluate_agreements
from sinergi_graph.cli.app import store_session
from sinergi_graph.cli.options import AsOfOpt, ForceOpt, FormatOpt, OutputOpt, resolve_date
from sinergi_graph.cli.output import OutputFormat, check_output, emit, say
from sinergi_graph.i18n import t

__all__ = ["agreements_command", "register"]

_COLUMNS = [
    "id",
    "title",
    "parties",
    "signed",
    "expires",
    "status",
    "reason",
    "follow_ups",
    "last_follow_up",
]


def agreements_command(
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Evaluasi kerja sama / Evaluate every agreement (kerja sama)."""
    day = resolve_date(as_of)
    out_format = check_output(output, fmt, force=force)
    with store_session(read_only=True) as store:
        statuses = evaluate_agreements(store.agreements(), store.activities(), day)
        names = {
            a.id: a.name for a in store.actors({p for s in statuses for p in s.agreement.parties})
        }
    docs = [s.as_json() for s in statuses]
    if out_format is OutputFormat.TABLE and not docs:
        say(t("act.agreements_none"))
        return
    people = out_format in (OutputFormat.TABLE, OutputFormat.XLSX, OutputFormat.MD)
    rows = []
    for s, doc in zip(statuses, docs, strict=True):
        parties = [names.get(p, p) if people else p for p in s.agreement.parties]
        row = {k: ("" if v is None else v) for k, v in doc.items()}
        row["parties"] = "; ".join(parties) if people else ";".join(parties)
        if people:
            row["reason"] = t(f"act.reason_{s.reason.value}")
            row["status"] = t(f"act.status_{s.status}")
        rows.append(row)
    emit(
        rows,
        _COLUMNS,
        out_format,
        output,
        title=t("act.agreements_title"),
        json_document={"agreements": docs},
        headers={c: t(f"act.col_{c}") for c in _COLUMNS},
        force=True,
    )


def register(app: typer.Typer) -> None:
    """Add ``agreements`` to the ``sinergi`` application."""
    app.command("agreements")(agreements_command)
