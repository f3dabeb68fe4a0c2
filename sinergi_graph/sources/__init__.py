"""Readers that turn input files into raw tables of text cells, ready for validation.

Each reader only reads: deciding what a cell means is the job of
:mod:`sinergi_graph.validation`, so every format gets the same checks and the
same ``file:row:column`` problem reports.
"""

from sinergi_graph.sources.tables import RawTable, TableRole, read_tables

__all__ = ["RawTable", "TableRole", "read_tables"]
