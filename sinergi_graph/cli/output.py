"""The one output layer of every command: terminal tables and messages, file formats.

Everything a command shows goes through here, so three promises hold everywhere:

* **Nothing in a name attacks the reader.** Every table cell, title and message is
  a :class:`rich.text.Text` (never parsed as Rich markup, so a name like ``[/]``
  cannot crash a table) and passes :func:`sinergi_graph.text.printable` (escape
  sequences such as ``ESC[2J``, OSC-52 and OSC-8 never reach the terminal raw);
  CSV, JSON and Markdown printed to stdout are cleaned the same way.
* **An output file never costs data.** ``--output`` without ``--format`` takes
  the format from the extension and a contradicting pair is refused; the open
  store file (or its ``-wal``/``-shm``) is never a target; an existing file is
  replaced only with ``--force``; a missing folder is created; files are
  written under a temporary name and renamed into place, so a full disk leaves
  no partial file and says so (:class:`~sinergi_graph.errors.DiskFull`).
* **A broken pipe is not a success**: :func:`sinergi_graph.cli.main` turns it
  into a non-zero exit, and commands that write to the store do so before
  printing.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sinergi_graph.cli.widths import plan_layout
from sinergi_graph.errors import DiskFull, OutputRefused, SinergiError
from sinergi_graph.i18n import t
from sinergi_graph.tabular import FileFormat, write_rows
from sinergi_graph.text import printable

__all__ = [
    "EXTENSIONS",
    "OutputFormat",
    "Part",
    "atomic_path",
    "cell",
    "check_output",
    "console",
    "echo",
    "emit",
    "emit_sections",
    "err_console",
    "protect",
    "say",
    "write_text",
]

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class OutputFormat(StrEnum):
    """Formats of list outputs: a terminal table or a file format."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    XLSX = "xlsx"
    MD = "md"


EXTENSIONS: dict[str, OutputFormat] = {
    ".csv": OutputFormat.CSV,
    ".json": OutputFormat.JSON,
    ".xlsx": OutputFormat.XLSX,
    ".md": OutputFormat.MD,
    ".markdown": OutputFormat.MD,
}

# A section of a multi-part output: (title, rows, columns).
Part = tuple[str, Sequence[Mapping[str, Any]], Sequence[str]]

# Files no output may replace: the open store and SQLite's companions of it.
_protected: list[Path] = []
_STORE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def protect(store_file: Path | None) -> None:
    """Refuse, from now on, any output path that is ``store_file`` or one of its companions."""
    _protected.clear()
    if store_file is not None:
        _protected.extend(Path(f"{store_file}{suffix}") for suffix in _STORE_COMPANIONS)


def _is_protected(path: Path) -> bool:
    resolved = path.resolve()
    for guarded in _protected:
        if resolved == guarded.resolve():
            return True
        # A hard link or a second spelling of the same file is the same file.
        if path.exists() and guarded.exists() and os.path.samefile(path, guarded):
            return True
    return False


# --------------------------------------------------------------------------- terminal


def cell(value: object) -> Text:
    """A table cell: one line, no markup, no control characters."""
    return Text("" if value is None else printable(str(value), multiline=False))


def say(text: str, *, err: bool = False) -> None:
    """Print one message (already translated) as plain, inert text."""
    (err_console if err else console).print(Text(printable(text)), soft_wrap=True)


def echo(text: str) -> None:
    """Write file-format text (CSV, JSON, Markdown) to stdout, control characters removed."""
    typer.echo(printable(text), nl=False)


def _table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    title: str,
    headers: Mapping[str, str] | None,
    no_wrap: Sequence[str],
) -> Table:
    heads = [cell((headers or {}).get(col, col)) for col in columns]
    body = [[cell(row.get(c)) for c in columns] for row in rows]
    texts = [[h.plain, *(r[i].plain for r in body)] for i, h in enumerate(heads)]
    # Columns that must not wrap (ids, codes) keep their cells on one line.
    whole = [i for i, col in enumerate(columns) if col in no_wrap]
    layout = plan_layout(texts, console.width, whole=whole)
    title_cell = cell(title) if title else None
    if layout.compact:
        table = Table(
            title=title_cell,
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            collapse_padding=True,
        )
    else:
        table = Table(title=title_cell, show_lines=False)
    for i, (col, head) in enumerate(zip(columns, heads, strict=True)):
        width = layout.widths[i] if layout.widths is not None else None
        table.add_column(head, overflow="fold", no_wrap=col in no_wrap, width=width)
    for cells in body:
        table.add_row(*cells)
    return table


# --------------------------------------------------------------------------- files


def _os_error(exc: OSError, path: Path) -> SinergiError:
    """The one clear line for an operating-system failure while writing ``path``."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return DiskFull(path=str(path))
    if isinstance(exc, IsADirectoryError):
        return OutputRefused("output_is_dir", path=str(path))
    return OutputRefused("output_unwritable", path=str(path), detail=exc.strerror or str(exc))


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file stands where the folder should be
        raise OutputRefused("output_no_folder", folder=str(folder)) from exc
    except OSError as exc:
        raise _os_error(exc, folder) from exc


def check_output(
    output: Path | None,
    fmt: OutputFormat | None,
    *,
    force: bool = False,
    allowed: Sequence[OutputFormat] = tuple(OutputFormat),
) -> OutputFormat:
    """The format to write, refusing an ``--output`` that would be silently wrong or lose data.

    Parameters
    ----------
    output : Path or None
        The ``--output`` value.
    fmt : OutputFormat or None
        The ``--format`` value; ``None`` (not given) means a table on screen, or
        the format of ``output``'s extension.
    force : bool
        Replace an existing file.
    allowed : sequence of OutputFormat
        The formats this command writes.

    Raises
    ------
    OutputRefused
        A format that contradicts the extension, an unknown extension without
        ``--format``, the open store file, a folder, or an existing file
        without ``force``.

    Examples
    --------
    >>> check_output(None, None)
    <OutputFormat.TABLE: 'table'>
    >>> check_output(Path("/nonexistent/celah.xlsx"), None)
    <OutputFormat.XLSX: 'xlsx'>
    >>> try:
    ...     check_output(Path("/nonexistent/celah.xlsx"), OutputFormat.CSV)
    ... except OutputRefused as refused:
    ...     print(refused.code)
    output_format_mismatch
    """
    if output is None:
        return fmt or OutputFormat.TABLE
    file_formats = [f.value for f in allowed if f is not OutputFormat.TABLE]
    by_extension = EXTENSIONS.get(output.suffix.lower())
    if fmt is None or fmt is OutputFormat.TABLE:
        if by_extension is None or by_extension not in allowed:
            raise OutputRefused(
                "output_unknown_extension", path=str(output), allowed=", ".join(file_formats)
            )
        fmt = by_extension
    elif by_extension is not None and by_extension is not fmt:
        raise OutputRefused(
            "output_format_mismatch", format=fmt.value, path=str(output), expected=fmt.value
        )
    check_target(output, force=force)
    return fmt


def check_target(path: Path, *, force: bool, folder: bool = False) -> None:
    """Refuse writing ``path`` (a file, or with ``folder`` a folder) when it would lose data."""
    if _is_protected(path):
        raise OutputRefused("output_is_store", path=str(path))
    if folder:
        if path.exists() and not path.is_dir():
            raise OutputRefused("output_not_dir", path=str(path))
        return
    if path.is_dir():
        raise OutputRefused("output_is_dir", path=str(path))
    if path.exists() and not force:
        raise OutputRefused("output_exists", path=str(path))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that becomes ``path`` when the block succeeds.

    On any failure the temporary file is removed and ``path`` is left as it was;
    ``ENOSPC`` becomes :class:`~sinergi_graph.errors.DiskFull`.
    """
    _ensure_folder(path.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _os_error(exc, path) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        # mkstemp makes the file private (0600); an output gets the usual mode.
        os.chmod(tmp, 0o666 & ~_umask())
        yield tmp
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _os_error(exc, path) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_path`)."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())


@contextmanager
def atomic_folder(folder: Path, *, force: bool) -> Iterator[Path]:
    """A temporary folder whose files move into ``folder`` when the block succeeds.

    Files already in ``folder`` with the names of the new ones are refused
    unless ``force``; on failure nothing in ``folder`` changes.
    """
    check_target(folder, force=force, folder=True)
    _ensure_folder(folder.parent)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    except OSError as exc:
        raise _os_error(exc, folder) from exc
    try:
        yield tmp
        made = sorted(tmp.iterdir())
        for item in made:
            check_target(folder / item.name, force=force)
        _ensure_folder(folder)
        for item in made:
            os.replace(item, folder / item.name)
    except OSError as exc:
        raise _os_error(exc, folder) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _write_file(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat,
    output: Path,
    *,
    title: str,
    json_document: Any,
) -> None:
    file_format = FileFormat(fmt.value)
    if file_format is FileFormat.XLSX:
        with atomic_path(output) as tmp:
            write_rows(rows, columns, file_format, tmp, title=title)
        return
    text = write_rows(rows, columns, file_format, None, title=title, json_document=json_document)
    write_text(output, text or "")


# --------------------------------------------------------------------------- commands' outputs


def emit(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    fmt: OutputFormat | None,
    output: Path | None,
    *,
    title: str = "",
    json_document: Any = None,
    limit: int | None = None,
    headers: Mapping[str, str] | None = None,
    no_wrap: Sequence[str] = (),
    force: bool = False,
) -> None:
    """Print ``rows`` as a table, or write them in a file format (to ``output`` or stdout)."""
    chosen = check_output(output, fmt, force=force)
    if chosen is OutputFormat.TABLE:
        shown = rows if limit is None else rows[:limit]
        console.print(_table(shown, columns, title=title, headers=headers, no_wrap=no_wrap))
        if limit is not None and len(rows) > limit:
            say(t("table_truncated", shown=limit, total=len(rows)))
        return
    if output is None:
        if chosen is OutputFormat.XLSX:
            raise OutputRefused("output_required", format="xlsx")
        text = write_rows(
            rows, columns, FileFormat(chosen.value), None, title=title, json_document=json_document
        )
        echo(text or "")
        return
    _write_file(rows, columns, chosen, output, title=title, json_document=json_document)
    say(t("written_to", path=output), err=True)


def emit_sections(
    sections: Sequence[Part],
    fmt: OutputFormat | None,
    output: Path | None,
    document: Any,
    chosen: str | None,
    limit: int,
    *,
    force: bool = False,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Tables on screen, one JSON document, or one section (csv/xlsx) / all (md) in a file.

    ``headers`` (column → header) are the words shown above the columns on screen.
    """
    out_format = check_output(output, fmt, force=force)
    if out_format is OutputFormat.JSON:
        text = json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
        if output is None:
            echo(text)
        else:
            write_text(output, text)
        return
    if out_format is OutputFormat.TABLE:
        for title, rows, columns in sections:
            if rows:
                emit(
                    rows,
                    columns,
                    OutputFormat.TABLE,
                    None,
                    title=title,
                    limit=limit or None,
                    headers=headers,
                )
            else:
                say(title)
        return
    if out_format is OutputFormat.MD and chosen is None:
        text = "\n".join(
            write_rows(rows, columns, FileFormat.MD, None, title=title) or ""
            for title, rows, columns in sections
        )
        if output is None:
            echo(text)
        else:
            write_text(output, text)
        return
    index = 0 if chosen is None else [s[0] for s in sections].index(chosen)
    _, rows, columns = sections[index]
    emit(rows, columns, out_format, output, title=chosen or "data", force=force)
