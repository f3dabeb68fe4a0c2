"""Write a report or a picture to a file, the format taken from the extension.

An existing file is refused unless ``force`` is given, and the output is
written to a temporary name in the same folder and renamed into place, so a
failure (a full disk, a typst error) never leaves half a report behind or
destroys the previous one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from sinergi_graph.errors import Msg, SinergiError
from sinergi_graph.report.model import Report

__all__ = ["REPORT_FORMATS", "atomic_write", "check_report_path", "report_bytes", "write_report"]

REPORT_FORMATS = (".xlsx", ".pdf", ".docx", ".html")


def atomic_write(path: Path, produce: Callable[[], bytes], *, force: bool) -> None:
    """Write ``produce()`` to ``path`` through a temporary file and a rename.

    Raises
    ------
    SinergiError
        ``report_output_exists`` when ``path`` exists and ``force`` is not set;
        ``report_write_failed`` when the folder cannot be written.
    """
    if path.exists() and not force:
        raise SinergiError("report_output_exists", path=str(path))
    if path.is_dir():
        raise SinergiError(
            "report_write_failed", path=str(path), detail=Msg("report_path_is_folder")
        )
    data = produce()
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SinergiError("report_write_failed", path=str(path), detail=exc.strerror) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp makes the file private (0600); a report is an ordinary document.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise SinergiError("report_write_failed", path=str(path), detail=exc.strerror) from exc


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def report_bytes(report: Report, suffix: str) -> bytes:
    """The report in the format of ``suffix`` (``.xlsx``, ``.pdf``, ``.docx`` or ``.html``)."""
    if suffix == ".html":
        from sinergi_graph.report.html import report_html

        return report_html(report).encode("utf-8")
    if suffix == ".xlsx":
        from sinergi_graph.report.xlsx import report_xlsx

        return report_xlsx(report)
    if suffix == ".pdf":
        from sinergi_graph.report.pdf import report_pdf

        return report_pdf(report)
    if suffix == ".docx":
        from sinergi_graph.report.docx import report_docx

        return report_docx(report)
    raise SinergiError("report_unknown_format", path=suffix)


def check_report_path(path: Path, *, force: bool) -> str:
    """The lower-case suffix of a report path, after checking format and overwrite."""
    suffix = path.suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise SinergiError("report_unknown_format", path=str(path))
    if path.exists() and not force:
        raise SinergiError("report_output_exists", path=str(path))
    return suffix


def write_report(report: Report, path: Path, *, force: bool = False) -> None:
    """Write ``report`` to ``path`` in the format of its extension."""
    suffix = check_report_path(path, force=force)
    atomic_write(path, lambda: report_bytes(report, suffix), force=force)
