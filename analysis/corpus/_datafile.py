"""Reading the project's own data files (CSV codebooks, catalogues) with clear errors."""

from __future__ import annotations

import csv
from pathlib import Path

__all__ = ["ConfigError", "read_rows"]


class ConfigError(ValueError):
    """A project data file (register, catalogue, lexicon, source list) is malformed.

    The message names the file and, where it can, the line or table.
    """


def read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Read a UTF-8 CSV data file whose leading ``#`` lines are comments.

    Returns the rows with their line numbers in the file. Raises ConfigError naming the
    file (and line) when the file is unreadable, lacks one of `columns`, or has a row
    with the wrong number of fields.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from exc
    lines = text.splitlines(keepends=True)
    skipped = 0
    while skipped < len(lines) and lines[skipped].startswith("#"):
        skipped += 1
    reader = csv.DictReader(lines[skipped:])
    missing = [c for c in columns if c not in (reader.fieldnames or [])]
    if missing:
        raise ConfigError(f"{path}: missing column(s) {', '.join(missing)}")
    rows = []
    for row in reader:
        line = skipped + reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise ConfigError(f"{path}:{line}: wrong number of fields")
        rows.append((line, row))
    return rows
