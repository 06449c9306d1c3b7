"""Spreadsheet-safe CSV writing: the one place the project writes a CSV file.

A spreadsheet (Excel, LibreOffice, Google Sheets) reads a cell that begins with ``=``,
``+``, ``-`` or ``@`` as a formula, and a leading TAB or CR can hide one; a headline such
as ``=HYPERLINK("http://evil", "click")`` in a table would run when the table is opened
(CSV injection; OWASP's rule). :func:`write_csv` therefore writes every text cell that
begins with one of those characters with a single quote (``'``) before it, which a
spreadsheet shows as text. A carriage return inside a cell would end the row for most
readers, and Python's csv module quotes a cell only for the characters of the line
terminator (``\n`` here), so a table holding a CR in a text cell is written with every
text cell quoted. So that the original text can always be recovered, a text cell
that already begins with one or more quotes followed by one of those characters gets one
more quote too. To recover a cell's text, strip one leading ``'`` from a cell that begins
with ``'`` and then, after any further quotes, one of ``= + - @`` TAB CR
(:func:`unescape_cell`; :func:`read_csv` reads such a file back with every cell as it
was); every other cell is as it was. Numbers, dates and missing values
are never touched, and neither are the column names.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from ._atomic import atomic_write

__all__ = ["FORMULA_CHARS", "append_csv", "escape_cell", "escape_frame", "read_csv",
           "unescape_cell", "write_csv"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_CHARS = "=+-@\t\r"
_NEEDS_QUOTE = re.compile(f"'*[{re.escape(FORMULA_CHARS)}]")
_QUOTED = re.compile(f"'+[{re.escape(FORMULA_CHARS)}]")


def escape_cell(value: Any) -> Any:
    """Return `value` made safe for a spreadsheet (text cells only; see the module doc).

    Examples
    --------
    >>> escape_cell('=HYPERLINK("http://x")'), escape_cell("-5"), escape_cell("'=1")
    ('\\'=HYPERLINK("http://x")', "'-5", "''=1")
    >>> escape_cell("Minsk"), escape_cell("it's"), escape_cell(-5.0)
    ('Minsk', "it's", -5.0)
    """
    if isinstance(value, str) and _NEEDS_QUOTE.match(value):
        return "'" + value
    return value


def unescape_cell(value: Any) -> Any:
    """Return the original text of a cell written by :func:`write_csv` (the inverse of
    :func:`escape_cell`).

    Examples
    --------
    >>> unescape_cell("'=1"), unescape_cell("''=1"), unescape_cell("'quoted'")
    ('=1', "'=1", "'quoted'")
    """
    if isinstance(value, str) and _QUOTED.match(value):
        return value[1:]
    return value


def _escape_column(column: pd.Series) -> pd.Series | None:
    """The column with its text cells escaped, or None when none needs it."""
    if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)
            or isinstance(column.dtype, pd.CategoricalDtype)):
        return None
    values = column.astype(object).tolist()
    if not any(isinstance(v, str) and _NEEDS_QUOTE.match(v) for v in values):
        return None
    return pd.Series([escape_cell(v) for v in values], index=column.index, dtype=object,
                     name=column.name)


def escape_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return `frame` with every text cell escaped by :func:`escape_cell` (a copy where
    anything changes; `frame` itself is never modified)."""
    changed = {}
    for i in range(frame.shape[1]):
        escaped = _escape_column(frame.iloc[:, i])
        if escaped is not None:
            changed[i] = escaped
    index = frame.index
    if pd.api.types.is_object_dtype(index) and any(
            isinstance(v, str) and _NEEDS_QUOTE.match(v) for v in index):
        index = pd.Index([escape_cell(v) for v in index], name=index.name)
    if not changed and index is frame.index:
        return frame
    out = frame.copy()
    for i, column in changed.items():
        out.isetitem(i, column)
    out.index = index
    return out


def write_csv(frame: pd.DataFrame, path: Path, **to_csv_kwargs: Any) -> None:
    """Write `frame` as a spreadsheet-safe CSV file, atomically.

    Parameters
    ----------
    frame : the table; its text cells are escaped as the module doc says.
    path : the file to write (its folder is created).
    **to_csv_kwargs : passed to :meth:`pandas.DataFrame.to_csv` (``index=False``,
        ``lineterminator``, ``float_format``, ...).
    """
    safe, kwargs = _safe(frame, to_csv_kwargs)
    atomic_write(Path(path), lambda p: safe.to_csv(p, **kwargs))


def append_csv(frame: pd.DataFrame, fh: TextIO, header: bool, **to_csv_kwargs: Any) -> None:
    """Write `frame` to the open file `fh` (opened with ``newline=""``) as :func:`write_csv`
    writes a file, with or without the `header` line: for a table written a chunk at a
    time (each chunk chooses its quoting alike, so every row reads back as written)."""
    safe, kwargs = _safe(frame, to_csv_kwargs)
    safe.to_csv(fh, header=header, **kwargs)


def _safe(frame: pd.DataFrame, to_csv_kwargs: dict[str, Any]
          ) -> tuple[pd.DataFrame, dict[str, Any]]:
    """`frame` escaped, and the ``to_csv`` arguments: every text field quoted where one
    holds a carriage return (which a spreadsheet would take for a line end)."""
    safe = escape_frame(frame)
    if "quoting" not in to_csv_kwargs and _holds_cr(safe):
        to_csv_kwargs = {**to_csv_kwargs, "quoting": csv.QUOTE_NONNUMERIC}
    return safe, to_csv_kwargs


def _holds_cr(frame: pd.DataFrame) -> bool:
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        if column.dtype == object and any(isinstance(v, str) and "\r" in v for v in column):
            return True
    return False


def read_csv(path: Path, **read_csv_kwargs: Any) -> pd.DataFrame:
    """Read a CSV file written by :func:`write_csv`, its text cells as they were.

    Parameters
    ----------
    path : the file.
    **read_csv_kwargs : passed to :func:`pandas.read_csv`.
    """
    frame = pd.read_csv(path, **read_csv_kwargs)
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
            continue
        values = column.astype(object).tolist()
        if any(isinstance(v, str) and _QUOTED.match(v) for v in values):
            frame.isetitem(i, pd.Series([unescape_cell(v) for v in values], index=frame.index,
                                        dtype=column.dtype, name=column.name))
    return frame
