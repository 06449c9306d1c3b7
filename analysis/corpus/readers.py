"""Read input files into records, one per input record, never losing one.

Every record a file holds comes out of :func:`read_source`, either with its fields or with
the reason it cannot be read (and the file and line where that happened), so the ingest
report can account for all of them.
"""

from __future__ import annotations

import ast
import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["FORMATS", "Record", "SourceSpec", "detect_format", "read_source"]

# Canonical field -> column names tried, in order, when a file has no configured mapping.
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "lede": ("lede", "desc", "description", "summary", "standfirst", "subtitle"),
    "body": ("body", "text", "content", "article"),
    "url": ("url", "link", "src", "href"),
    "date": ("date", "published", "pubdate", "published_at", "datetime"),
    "outlet": ("outlet", "site", "domain", "source", "publisher"),
    "outlet_group": ("outlet_group", "group"),
    "language": ("language", "lang"),
    "event": ("event", "event_id", "story", "story_id"),
    "event_refs": (),
}
TEXT_FIELDS = ("title", "lede", "body")
FORMATS = ("page", "csv", "jsonl")
csv.field_size_limit(1 << 26)


@dataclass(frozen=True)
class SourceSpec:
    """How to read one source: a file or folder, its format and its field mapping.

    Parameters
    ----------
    name : source name written to the corpus and report (``ruwa``, ``rss-belarus``).
    path : file or folder.
    format : ``page`` (scraped article text), ``csv`` or ``jsonl``; None to infer per file.
    fields : canonical field -> column name; empty to match columns by :data:`ALIASES`.
    date_format : ``strptime`` format of the date column; None for ISO 8601.
    metadata : optional CSV of known facts about pages (``file,date,url,note``).
    dataset : prefix for the dataset's own event labels (``ruwa`` -> ``ruwa:bucha``).
    """

    name: str
    path: Path
    format: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None
    metadata: Path | None = None
    dataset: str | None = None


@dataclass
class Record:
    """One input record: its fields, or why it could not be read."""

    source: str
    source_ref: str
    fields: dict[str, Any] | None = None
    error: str | None = None
    kind: str = "row"


def detect_format(path: Path) -> str | None:
    """Infer a file's format from its name (``.gz`` allowed); None when unsupported."""
    name = path.name.lower().removesuffix(".gz")
    if name.endswith((".txt", ".text")):
        return "page"
    if name.endswith((".csv", ".tsv")):
        return "csv"
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    return None


def read_source(spec: SourceSpec, display_root: Path | None = None) -> Iterator[Record]:
    """Yield every record of a source (file, or all files below a folder, in name order)."""
    files = sorted(p for p in spec.path.rglob("*") if p.is_file()) if spec.path.is_dir() else [
        spec.path
    ]
    for path in files:
        ref = _display(path, display_root)
        if path.name.startswith(".") or path.name.lower().endswith((".md", "license")):
            continue  # documentation beside the data, not input records
        fmt = detect_format(path) or spec.format
        if fmt is None:
            yield Record(spec.name, ref, error=f"{ref}: unsupported file type (want .txt, "
                         ".csv or .jsonl, optionally .gz)", kind="file")
            continue
        try:
            data = _read_bytes(path)
        except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
            yield Record(spec.name, ref, error=f"{ref}: cannot read file: {exc}", kind="file")
            continue
        problem = _file_problem(data, ref)
        if problem:
            yield Record(spec.name, ref, error=problem, kind="file")
            continue
        if fmt == "page":
            yield _read_page(data, spec.name, ref)
        elif fmt == "csv":
            delimiter = "\t" if path.name.lower().removesuffix(".gz").endswith(".tsv") else ","
            yield from _read_csv(data, spec, ref, delimiter)
        else:
            yield from _read_jsonl(data, spec, ref)


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def _read_bytes(path: Path) -> bytes:
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            return fh.read()
    return path.read_bytes()


def _file_problem(data: bytes, ref: str) -> str | None:
    if not data.strip():
        return f"{ref}: empty file"
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        return f"{ref}:{line}: binary file (NUL byte at offset {nul}); not text"
    return None


def _utf8_error(data: bytes, ref: str, first_line: int = 1) -> str | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        return f"{ref}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return None


def _read_page(data: bytes, source: str, ref: str) -> Record:
    error = _utf8_error(data, ref)
    if error:
        return Record(source, ref, error=error, kind="page")
    text = data.decode("utf-8").removeprefix("\ufeff")
    return Record(source, ref, fields={"page": text, "file": ref.rsplit("/", 1)[-1]}, kind="page")


def _mapping(columns: list[str], spec: SourceSpec, ref: str) -> tuple[dict[str, str], str | None]:
    """Map canonical fields to a file's columns; the error names what is missing."""
    present = set(columns)
    if spec.fields:
        missing = sorted({c for c in spec.fields.values() if c not in present})
        if missing:
            return {}, (f"{ref}: missing needed column(s) {', '.join(missing)} "
                        f"(found: {', '.join(columns) or 'none'})")
        return dict(spec.fields), None
    lowered = {c.lower().strip(): c for c in columns}
    mapping = {}
    for canonical, names in ALIASES.items():
        for name in names:
            if name in lowered:
                mapping[canonical] = lowered[name]
                break
    if not any(f in mapping for f in TEXT_FIELDS):
        wanted = "/".join(ALIASES["title"] + ALIASES["lede"] + ALIASES["body"])
        return {}, (f"{ref}: missing needed column: no text column ({wanted}) "
                    f"(found: {', '.join(columns) or 'none'})")
    if "outlet" not in mapping and "url" not in mapping:
        return {}, (f"{ref}: missing needed column: no outlet or url column to tell the outlet "
                    f"(found: {', '.join(columns)})")
    return mapping, None


def _fields(values: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    out = {}
    for canonical, column in mapping.items():
        value = values.get(column)
        if canonical == "event_refs":
            out[canonical] = value
            continue
        if value is None:
            out[canonical] = None
        else:
            value = str(value).strip()
            out[canonical] = value or None
    return out


def _read_csv(data: bytes, spec: SourceSpec, ref: str, delimiter: str) -> Iterator[Record]:
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield Record(spec.name, f"{ref}:1", error=f"{ref}:1: cannot read CSV header: {exc}",
                     kind="file")
        return
    mapping, problem = _mapping(header, spec, ref)
    last_line = reader.line_num
    n_rows = 0
    while True:
        start = last_line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # The csv module cannot resynchronise inside a broken quoted field: the rest of
            # the file is one unreadable record, reported where it starts.
            yield Record(spec.name, f"{ref}:{start}", error=f"{ref}:{start}: malformed CSV "
                         f"({exc}); the rest of the file could not be read")
            return
        last_line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        n_rows += 1
        where = f"{ref}:{start}"
        if problem:
            yield Record(spec.name, where, error=problem)
            continue
        if len(row) != len(header):
            yield Record(spec.name, where, error=f"{where}: row has {len(row)} fields, "
                         f"header has {len(header)}")
            continue
        raw = b"".join(cell.encode("utf-8", "surrogateescape") for cell in row)
        bad = _utf8_error(raw, where, start)
        if bad:
            yield Record(spec.name, where, error=f"{where}: not valid UTF-8 in this row")
            continue
        yield Record(spec.name, where, fields=_fields(dict(zip(header, row, strict=True)),
                                                          mapping))
    if problem and n_rows == 0:
        yield Record(spec.name, f"{ref}:1", error=problem, kind="file")


def _read_jsonl(data: bytes, spec: SourceSpec, ref: str) -> Iterator[Record]:
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        where = f"{ref}:{number}"
        if _utf8_error(line, where, number):
            yield Record(spec.name, where, error=f"{where}: not valid UTF-8 in this line")
            continue
        try:
            obj = json.loads(line.decode("utf-8").removeprefix("\ufeff"))
        except json.JSONDecodeError as exc:
            yield Record(spec.name, where, error=f"{where}: not a complete JSON object "
                         f"({exc.msg} at column {exc.colno}); truncated line?")
            continue
        if not isinstance(obj, dict):
            yield Record(spec.name, where, error=f"{where}: JSON value is not an object")
            continue
        line_map, problem = _mapping(list(obj), spec, where)
        if problem:
            yield Record(spec.name, where, error=problem)
            continue
        yield Record(spec.name, where, fields=_fields(obj, line_map))


def parse_event_refs(value: Any) -> list[str]:
    """Return the event labels in a dataset's reference field.

    Accepts a list (of strings, or of dicts with an ``event`` key) or its Python-literal
    text, as in RUWA's ``ref`` column, which is parsed with :func:`ast.literal_eval`
    (never ``eval``). Raises ValueError when the text is not such a literal.
    """
    if value is None or value == "":
        return []
    if isinstance(value, str):
        try:
            value = ast.literal_eval(value)
        except (ValueError, SyntaxError, MemoryError, RecursionError) as exc:
            raise ValueError(f"not a Python literal list: {exc}") from exc
    if not isinstance(value, list | tuple):
        raise ValueError("not a list")
    labels = []
    for item in value:
        label = item.get("event") if isinstance(item, dict) else item
        if isinstance(label, str) and label and label not in labels:
            labels.append(label)
    return labels
