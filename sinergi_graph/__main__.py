"""``python -m sinergi_graph`` runs the CLI."""

from sinergi_graph.cli import main

main()
