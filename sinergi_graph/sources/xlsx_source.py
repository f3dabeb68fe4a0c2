"""Kept so that ``read_xlsx`` keeps importing; workbooks are read by
:mod:`sinergi_graph.sources.workbook_source` (``.xlsx``, ``.xls``, ``.ods``)."""

from sinergi_graph.sources.workbook_source import read_workbook as read_xlsx

__all__ = ["read_xlsx"]
