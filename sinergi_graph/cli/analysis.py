"""Former home of the analysis commands; each group has its own module now.

``metrics`` → :mod:`sinergi_graph.cli.metrics`, ``path`` →
:mod:`sinergi_graph.cli.paths`, ``simulate`` → :mod:`sinergi_graph.cli.simulate`,
``scenarios`` and ``undo`` → :mod:`sinergi_graph.cli.scenarios`, ``recommend`` →
:mod:`sinergi_graph.cli.recommend`. Kept for a while so older imports keep working;
it registers nothing.
"""

from sinergi_graph.cli.metrics import Section, metrics_command
from sinergi_graph.cli.options import SimFormat
from sinergi_graph.cli.paths import path_command
from sinergi_graph.cli.recommend import Method, RecSection, recommend_command
from sinergi_graph.cli.scenarios import scenarios_app, undo_command
from sinergi_graph.cli.simulate import simulate_command

__all__ = [
    "Method",
    "RecSection",
    "Section",
    "SimFormat",
    "metrics_command",
    "path_command",
    "recommend_command",
    "scenarios_app",
    "simulate_command",
    "undo_command",
]
