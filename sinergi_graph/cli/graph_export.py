"""``sinergi export --format graphml|gexf``: the network for Gephi and yEd."""

from __future__ import annotations

from pathlib import Path

from sinergi_graph.cli.app import catalogue, store_session
from sinergi_graph.cli.output import atomic_path, check_target, say
from sinergi_graph.errors import OutputRefused
from sinergi_graph.graph_export import GRAPH_EXTENSIONS, ExportFormat, export_graph
from sinergi_graph.i18n import t

__all__ = ["graph_file"]


def graph_file(fmt: ExportFormat | None, output: Path, *, force: bool) -> bool:
    """Write a GraphML or GEXF export when that is what was asked; ``False`` otherwise."""
    by_extension = GRAPH_EXTENSIONS.get(output.suffix.lower())
    chosen: ExportFormat | None = fmt if fmt in (ExportFormat.GRAPHML, ExportFormat.GEXF) else None
    if chosen is None:
        if fmt is not None or by_extension is None:
            return False
        chosen = by_extension
    elif output.suffix and by_extension is not chosen:
        raise OutputRefused(
            "output_format_mismatch", format=chosen.value, path=str(output), expected=chosen.value
        )
    check_target(output, force=force)
    graph_format: ExportFormat = chosen
    with store_session(read_only=True) as store, atomic_path(output) as tmp:
        nodes, edges = export_graph(store, graph_format, tmp, catalogue())
    say(t("act.graph_exported", nodes=nodes, edges=edges, path=output))
    return True
