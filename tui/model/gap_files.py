"""Writing the gap screen's rows to a file, through the core's one gap writer.

The TUI's ``x`` (XLSX) and ``v`` (CSV) give the same file as ``sinergi gaps
--output``: :func:`sinergi_graph.gap_export.write_gaps` writes the sheet people
read (names, words, widths, filter, frozen header) in XLSX and the stable
columns plus names in CSV. Gap rows carry no contact details, so nothing
personal is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sinergi_graph.gaps import Gap
    from sinergi_graph.rules import Rule
    from sinergi_graph.tabular import FileFormat

__all__ = ["export_gaps", "free_path"]


def export_gaps(
    gaps: Sequence[Gap],
    fmt: FileFormat,
    path: Path,
    *,
    names: Mapping[str, str] | None = None,
    rules: Sequence[Rule] = (),
    lang: str | None = None,
) -> Path:
    """Write ``gaps`` to ``path`` as ``sinergi gaps --output`` does, in ``lang``; returns it.

    ``names`` maps counterpart ids to names (:func:`sinergi_graph.graph.counterpart_names`);
    ``rules`` gives the rules' titles and windows for the sheet's words.
    """
    from sinergi_graph.gap_export import write_gaps

    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target, then moved over it: a file the user agreed to
    # replace is never left half-written when the write fails.
    part = path.with_name(f".{path.stem}.part{path.suffix}")
    try:
        write_gaps(gaps, fmt, part, names=names or {}, rules=rules, lang=lang)
        part.replace(path)
    finally:
        part.unlink(missing_ok=True)
    return path


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem-2.suffix`` … when that file exists already."""
    candidate = folder / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate
