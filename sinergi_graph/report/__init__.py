"""The meeting-ready report of an area: a plain-data model and one writer per format.

:func:`~sinergi_graph.report.build.build_report` fills a
:class:`~sinergi_graph.report.model.Report` from the store and the analysis;
:func:`~sinergi_graph.report.write.write_report` lays it out as XLSX, PDF
(typst), DOCX or a self-contained HTML page, from the output's extension.
"""

from __future__ import annotations

from sinergi_graph.report.build import build_report
from sinergi_graph.report.model import Report
from sinergi_graph.report.write import REPORT_FORMATS, write_report

__all__ = ["REPORT_FORMATS", "Report", "build_report", "write_report"]
