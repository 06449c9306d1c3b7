"""Read input files into records, one per input record, never losing one.

Every record a file holds comes out of :func:`read_source`, either with its fields or with
the reason it cannot be read (and the file and line where that happened), so the ingest
report can account for all of them. Files are read as streams, a chunk at a time, so
memory stays bounded by the size limits (:class:`Limits`) whatever a file holds or a
``.gz`` expands to; a file that ends early (a truncated ``.gz``) keeps the records read
before the break, and the break is reported with how far reading got. Within a folder,
symbolic links that leave it, dangling or looping links, linked folders and anything that
is not a regular file are reported, never followed.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import errno
import gzip
import json
import math
import os
import re
import stat
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .text import strip_code_elements

__all__ = ["FORMATS", "Limits", "Record", "SourceSpec", "detect_format", "parse_size",
           "read_source"]

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
MIB = 1 << 20
CHUNK = MIB  # bytes read at a time
SNIFF = 8192  # bytes looked at to tell a binary file from text
csv.field_size_limit(1 << 26)
_UNITS = {"": 1, "b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3, "tb": 1000**4,
          "kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.IGNORECASE)
_BARE_CR = re.compile(rb"(?<=\r)(?!\n)")
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_NOT_REGULAR = "not a regular file (a pipe, socket or device); not read"


@dataclass(frozen=True)
class Limits:
    """Size limits of an ingest run, in bytes as read (after decompression).

    Parameters
    ----------
    max_record_bytes : a record (a page, a CSV row, a JSON line) larger than this is
        rejected with its size, without being held in memory (default 64 MiB, so that a
        50 MB page is still kept whole).
    max_file_bytes : reading a file stops after this many bytes; the records read before
        are kept and the stop is reported (default 4 GiB).
    """

    max_record_bytes: int = 64 * MIB
    max_file_bytes: int = 4096 * MIB

    def __post_init__(self) -> None:
        for name in ("max_record_bytes", "max_file_bytes"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be a positive number of bytes, not {value!r}")


def parse_size(text: str) -> int:
    """Return the bytes of a size such as ``50MB``, ``64MiB``, ``4GiB`` or ``1000``.

    ``kB``, ``MB``, ``GB`` are powers of 1000; ``KiB``, ``MiB``, ``GiB`` powers of 1024;
    a bare number is bytes. Raises ValueError for anything else.

    Examples
    --------
    >>> parse_size("50MB"), parse_size("64MiB"), parse_size("1.5 kB"), parse_size("7")
    (50000000, 67108864, 1500, 7)
    """
    match = _SIZE.fullmatch(text)
    unit = match.group(2).lower() if match else None
    if unit not in _UNITS:
        raise ValueError(f"{text!r} is not a size (examples: 50MB, 64MiB, 4GiB, 1000)")
    return int(float(match.group(1)) * _UNITS[unit])


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
    """One input record: its fields (and notes on what reading repaired), or why it could
    not be read."""

    source: str
    source_ref: str
    fields: dict[str, Any] | None = None
    error: str | None = None
    kind: str = "row"
    notes: list[str] = field(default_factory=list)


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


def read_source(spec: SourceSpec, display_root: Path | None = None,
                limits: Limits | None = None) -> Iterator[Record]:
    """Yield every record of a source (file, or all files below a folder, in name order).

    Parameters
    ----------
    spec : the source.
    display_root : file references are shown relative to this folder where they can be.
    limits : size limits (default :class:`Limits`).

    Yields
    ------
    Record
        One per input record; one with ``kind="file"`` for each file or folder entry that
        cannot be read (a link not followed, an empty or binary file, a read that stopped
        early), naming it and why. An unexpected error while reading a file becomes such
        a record too, after the records read before it.
    """
    limits = limits or Limits()
    source = _safe_text(spec.name)
    try:
        entries = _entries(spec.path)
    except Exception as exc:  # whatever the folder holds, report it
        ref = _display(spec.path, display_root)
        yield Record(source, ref, error=f"{ref}: cannot list the files ({_describe(exc)})",
                     kind="file")
        return
    for path, problem, follow in entries:
        ref = _display(path, display_root)
        if path.name.startswith(".") or path.name.lower().endswith((".md", "license")):
            continue  # documentation beside the data, not input records
        if problem:
            yield Record(source, ref, error=f"{ref}: {problem}", kind="file")
            continue
        fmt = detect_format(path) or spec.format
        if fmt is None:
            yield Record(source, ref, error=f"{ref}: unsupported file type (want .txt, "
                         ".csv or .jsonl, optionally .gz)", kind="file")
            continue
        n = 0
        try:
            for record in _read_file(path, fmt, spec, source, ref, limits, follow):
                n += 1
                yield record
        except Exception as exc:  # one file's failure must not end the run
            yield Record(source, ref, error=f"{ref}: reading stopped by an unexpected error "
                         f"({_describe(exc)}) after {n} record(s), which are reported above",
                         kind="file")


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def _safe_text(text: str) -> str:
    """`text` (a file name, say) with characters that cannot be written as UTF-8 (lone
    surrogates, such as a file name's undecodable bytes) and control characters (a CR
    would end a row of the report, an ESC drive a terminal) shown as escapes."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _entries(root: Path) -> list[tuple[Path, str | None, bool]]:
    """(path, why it is not read or None, whether to follow a link when opening it) for
    every entry of a source, in name order.

    A folder is walked without following symbolic links: a link to a file inside the
    folder is read; a link leaving the folder, a dangling or looping link, a linked folder
    and anything that is not a regular file get a reason instead. A path named directly
    is followed as named.
    """
    try:
        mode = os.stat(root).st_mode
    except OSError as exc:
        return [(root, f"cannot read ({exc.strerror})", True)]
    if stat.S_ISREG(mode):
        return [(root, None, True)]
    if not stat.S_ISDIR(mode):
        return [(root, _NOT_REGULAR, True)]
    base = Path(os.path.realpath(root))
    found: list[tuple[Path, str | None, bool]] = []
    folders = [root]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            found.append((Path(folder), f"cannot list this folder ({exc.strerror})", False))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                problem = _link_problem(path, base)
                found.append((path, problem, True))
            elif entry.is_dir(follow_symlinks=False):
                folders.append(path)
            elif entry.is_file(follow_symlinks=False):
                found.append((path, None, False))
            else:
                found.append((path, _NOT_REGULAR, False))
    return sorted(found, key=lambda item: item[0])


def _link_problem(path: Path, base: Path) -> str | None:
    """Why a symbolic link inside the folder `base` is not followed (None: a file inside)."""
    target = _safe_text(os.readlink(path))
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return f"symbolic link to {target}, which does not exist (dangling); not followed"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"symbolic link loop (to {target}); not followed"
        return f"symbolic link to {target} cannot be followed ({exc.strerror}); not followed"
    if not Path(os.path.realpath(path)).is_relative_to(base):
        return f"symbolic link to {target}, outside the folder being read; not followed"
    if stat.S_ISDIR(mode):
        return (f"symbolic link to a folder ({target}); not followed (files inside the "
                "folder are read where they are)")
    if not stat.S_ISREG(mode):
        return f"symbolic link to {target}, {_NOT_REGULAR}"
    return None


def _display(path: Path, root: Path | None) -> str:
    shown = path.as_posix()
    if root is not None:
        with contextlib.suppress(ValueError):  # the entry itself, not where a link leads
            shown = (path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix()
    return _safe_text(shown)


class _Stream:
    """A file's bytes (decompressed if ``.gz``) read a chunk at a time, up to the file
    limit; reading that fails part-way (a truncated or corrupt ``.gz``) ends the stream
    and says why in :attr:`stopped`, keeping what was read before."""

    def __init__(self, path: Path, limits: Limits, follow: bool) -> None:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a pipe must not block
        if not follow:  # replaced by a link since the folder was listed: not followed
            flags |= getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(path, flags)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, _NOT_REGULAR)
            self._raw = os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise
        self._gz = path.name.lower().endswith(".gz")
        self._fh = gzip.GzipFile(fileobj=self._raw, mode="rb") if self._gz else self._raw
        self.limit = limits.max_file_bytes
        self.bytes_read = 0
        self.stopped: str | None = None
        self.done = False
        self._head: list[bytes] = []

    def __enter__(self) -> _Stream:
        return self

    def __exit__(self, *exc: object) -> None:
        for fh in (self._fh, self._raw):
            with contextlib.suppress(OSError, EOFError, zlib.error):
                fh.close()

    def _read(self) -> bytes:
        if self.done:
            return b""
        room = self.limit - self.bytes_read
        try:  # read1: a failing read must not discard what it decompressed before
            chunk = (self._fh.read1 if self._gz else self._fh.read)(min(CHUNK, room + 1))
        except (OSError, EOFError, zlib.error) as exc:
            self.done = True
            self.stopped = f"truncated or corrupt file ({exc})"
            return b""
        if not chunk:
            self.done = True
            return b""
        if len(chunk) > room:
            chunk, self.done = chunk[:room], True
            self.stopped = f"file over the size limit ({self.limit:,} bytes)"
        self.bytes_read += len(chunk)
        return chunk

    def head(self, size: int = SNIFF) -> bytes:
        """The first `size` bytes or more (fewer at the end of the file), kept for
        :meth:`chunks`."""
        have = sum(map(len, self._head))
        while have < size:
            chunk = self._read()
            if not chunk:
                break
            self._head.append(chunk)
            have += len(chunk)
        return b"".join(self._head)

    def chunks(self) -> Iterator[bytes]:
        """The file's bytes, in chunks, from the start."""
        while self._head:
            yield self._head.pop(0)
        while chunk := self._read():
            yield chunk


def _lines(stream: _Stream, limit: int, state: dict) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, line with its newline, size in bytes) for each line of `stream`; the line
    is None when longer than `limit` (its bytes are counted, not kept). A last line cut by
    a stopped stream is not yielded: ``state`` gets its number and size."""
    parts: list[bytes] = []
    size = 0
    number = 1
    for chunk in stream.chunks():
        start, end_of_chunk = 0, len(chunk)
        while start < end_of_chunk:
            newline = chunk.find(b"\n", start)
            end = end_of_chunk if newline < 0 else newline + 1
            size += end - start
            if size <= limit:
                parts.append(chunk[start:end])
            elif parts:
                parts = []
            if newline < 0:
                break
            yield number, b"".join(parts) if size <= limit else None, size
            number, parts, size, start = number + 1, [], 0, end
    if size and not stream.stopped:
        yield number, b"".join(parts) if size <= limit else None, size
        number, size = number + 1, 0
    state.update(line=number, partial=size)


def _stop_record(stream: _Stream, source: str, ref: str, state: dict) -> Record:
    line = state.get("line", 1)
    where = f"{ref}:{line}"
    rest = "was not read" if stream.stopped.startswith("file over") else "is lost"
    return Record(source, where, kind="file", error=(
        f"{where}: {stream.stopped}: reading stopped after {stream.bytes_read:,} bytes, at "
        f"line {line} ({state.get('partial', 0):,} bytes of it read); the records before "
        f"line {line} were read, the rest of the file {rest}"))


def _read_file(path: Path, fmt: str, spec: SourceSpec, source: str, ref: str,
               limits: Limits, follow: bool) -> Iterator[Record]:
    try:
        stream = _Stream(path, limits, follow)
    except OSError as exc:
        yield Record(source, ref, error=f"{ref}: cannot read file: {exc.strerror or exc}",
                     kind="file")
        return
    with stream:
        head = stream.head()
        if stream.stopped and not stream.bytes_read:
            yield Record(source, ref, error=f"{ref}: cannot read file: {stream.stopped}",
                         kind="file")
            return
        if stream.done and not stream.stopped and not head.strip():
            yield Record(source, ref, error=f"{ref}: empty file", kind="file")
            return
        if fmt == "page":
            yield _read_page(stream, source, ref, limits.max_record_bytes)
            return
        problem = _binary_problem(head, ref)
        if problem:
            yield Record(source, ref, error=problem, kind="file")
            return
        state: dict = {}
        if fmt == "csv":
            delimiter = "\t" if path.name.lower().removesuffix(".gz").endswith(".tsv") else ","
            yield from _read_csv(stream, spec, source, ref, delimiter, limits, state)
        else:
            yield from _read_jsonl(stream, spec, source, ref, limits, state)
        if stream.stopped:
            yield _stop_record(stream, source, ref, state)


def _file_problem(data: bytes, ref: str) -> str | None:
    if not data.strip():
        return f"{ref}: empty file"
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        return f"{ref}:{line}: binary file (NUL byte at offset {nul}); not text"
    return None


def _binary_problem(head: bytes, ref: str) -> str | None:
    """Say so when the start of a CSV or JSON-lines file is binary, not text: it holds a
    NUL byte and is either not UTF-8 or a tenth or more control bytes. (A NUL in text that
    is otherwise fine rejects only its own row.)"""
    nul = head.find(b"\x00")
    if nul < 0:
        return None
    controls = sum(head.count(bytes([b])) for b in (*range(0, 9), *range(14, 32)))
    try:
        head.decode("utf-8")
        text = True
    except UnicodeDecodeError as exc:
        text = exc.start >= len(head) - 3  # only a character cut by the end of the sample
    if text and controls * 10 < len(head):
        return None
    line = head.count(b"\n", 0, nul) + 1
    return f"{ref}:{line}: binary file (NUL byte at offset {nul}); not text"


def _utf8_error(data: bytes, ref: str, first_line: int = 1) -> str | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        return f"{ref}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return None


def _read_page(stream: _Stream, source: str, ref: str, limit: int) -> Record:
    parts: list[bytes] = []
    size = 0
    for chunk in stream.chunks():
        size += len(chunk)
        if size <= limit:
            parts.append(chunk)
        elif parts:
            parts = []
    if stream.stopped:
        return Record(source, ref, kind="page", error=(
            f"{ref}: {stream.stopped}: reading stopped after {size:,} bytes; the page is "
            "incomplete and not kept"))
    if size > limit:
        return Record(source, ref, kind="page", error=(
            f"{ref}: page of {size:,} bytes, over the record limit ({limit:,} bytes); "
            "not kept"))
    data = b"".join(parts)
    problem = _file_problem(data, ref)
    if problem:
        return Record(source, ref, error=problem, kind="file")
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


def _fields(values: dict[str, Any], mapping: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The canonical fields of a row or object, and notes on what was repaired: a JSON
    NaN or Infinity is missing, ``<script>``/``<style>`` elements leave the text fields."""
    out: dict[str, Any] = {}
    notes: list[str] = []
    for canonical, column in mapping.items():
        value = values.get(column)
        if canonical == "event_refs":
            out[canonical] = value
            continue
        if isinstance(value, float) and not math.isfinite(value):
            constant = "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
            notes.append(f"{canonical}: JSON {constant} treated as missing")
            value = None
        if value is None:
            out[canonical] = None
            continue
        value = str(value).strip()
        if canonical in TEXT_FIELDS and value:
            value, removed = strip_code_elements(value)
            if removed:
                notes.append(f"{canonical}: {removed} <script>/<style> element(s) removed with "
                             "their content")
                value = value.strip()
        out[canonical] = value or None
    return out, notes


def _structured(values: dict[str, Any], mapping: dict[str, str]) -> str | None:
    """Name the first field of a JSON object whose value is an array, an object or
    true/false where text (or a number) is meant, or None (a dataset's event references
    may be an array: :func:`parse_event_refs`)."""
    for canonical, column in mapping.items():
        value = values.get(column)
        if canonical == "event_refs" or not isinstance(value, list | dict | bool):
            continue
        kind = ("an array" if isinstance(value, list) else "an object"
                if isinstance(value, dict) else json.dumps(value))
        return f"{_safe_text(column)!r} ({canonical}) is {kind}, not text"
    return None


def _lone_surrogate(fields: dict[str, Any]) -> str | None:
    """Name the first field holding a lone surrogate (a JSON ``\\ud800`` escape that is no
    character and cannot be written), or None."""
    for name, value in fields.items():
        if value is None:
            continue
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        found = _SURROGATE.search(text)
        if found:
            return f"{name} holds a lone surrogate (\\u{ord(found.group()):04x})"
    return None


def _repeated_columns(header: list[str], ref: str) -> str | None:
    """Say which column names the header repeats (blank names aside), or None."""
    places: dict[str, list[int]] = {}
    for i, name in enumerate(header, start=1):
        if name.strip():
            places.setdefault(name.strip().lower(), []).append(i)
    repeated = [(header[at[0] - 1], at) for at in places.values() if len(at) > 1]
    if not repeated:
        return None
    named = "; ".join(f"{name!r} in columns {', '.join(map(str, at))}" for name, at in repeated)
    return (f"{ref}: repeated column name(s) in the header: {named}; the file is refused, "
            "since one column would silently replace the other")


class _OverLimit(Exception):
    """A line longer than the record limit was met while reading a CSV row."""


class _Feed:
    """Lines for :func:`csv.reader`, remembering those of the row being read (``taken``),
    with lines pushed back to be read again after a malformed row."""

    def __init__(self, lines: Iterator[tuple[int, str | None, int]]) -> None:
        self._lines = lines
        self._back: deque[tuple[int, str | None, int]] = deque()
        self.taken: list[tuple[int, str | None, int]] = []

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        item = self._back.popleft() if self._back else next(self._lines)
        self.taken.append(item)
        if item[1] is None:
            raise _OverLimit
        return item[1]

    def push_back(self, items: list[tuple[int, str | None, int]]) -> None:
        self._back.extendleft(reversed(items))


def _text_lines(lines: Iterator[tuple[int, bytes | None, int]]
                ) -> Iterator[tuple[int, str | None, int]]:
    """Lines as the csv module reads them (a lone CR ends a line too), decoded, numbered."""
    number = 0
    first = True
    for _, raw, size in lines:
        pieces = [raw] if raw is None or b"\r" not in raw else _BARE_CR.split(raw)
        for piece in pieces:
            if piece == b"":
                continue
            number += 1
            if piece is None:
                yield number, None, size
                continue
            text = piece.decode("utf-8", errors="surrogateescape")
            if first:
                text, first = text.removeprefix("\ufeff"), False
            yield number, text, len(piece)


def _read_csv(stream: _Stream, spec: SourceSpec, source: str, ref: str, delimiter: str,
              limits: Limits, state: dict) -> Iterator[Record]:
    previous = csv.field_size_limit(limits.max_record_bytes)
    try:
        feed = _Feed(_text_lines(_lines(stream, limits.max_record_bytes, state)))
        yield from _csv_rows(feed, spec, source, ref, delimiter, limits.max_record_bytes)
    finally:
        csv.field_size_limit(previous)


def _csv_rows(feed: _Feed, spec: SourceSpec, source: str, ref: str, delimiter: str,
              limit: int) -> Iterator[Record]:
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except (csv.Error, _OverLimit) as exc:
        why = f"line over the record limit ({limit:,} bytes)" if isinstance(
            exc, _OverLimit) else exc
        yield Record(source, f"{ref}:1", error=f"{ref}:1: cannot read CSV header: {why}",
                     kind="file")
        return
    problem = _repeated_columns(header, ref)
    mapping, missing = _mapping(header, spec, ref)
    problem = problem or missing
    n_rows = 0
    while True:
        feed.taken = []
        try:
            row = next(reader)
        except StopIteration:
            break
        except _OverLimit:
            taken = feed.taken
            n_rows += 1
            where = f"{ref}:{taken[0][0]}"
            yield Record(source, where, error=(
                f"{where}: row over the record limit ({limit:,} bytes): line {taken[-1][0]} "
                f"alone is {taken[-1][2]:,} bytes; not read"))
            continue
        except csv.Error as exc:
            taken = feed.taken
            if not taken:
                break
            n_rows += 1
            where = f"{ref}:{taken[0][0]}"
            if "field larger than field limit" in str(exc):
                yield Record(source, where, error=(
                    f"{where}: row over the record limit ({limit:,} bytes, lines "
                    f"{taken[0][0]}-{taken[-1][0]}); not read"))
                continue
            # A broken quoted field swallows the lines after it: this line alone is
            # rejected and reading starts again at the next one.
            feed.push_back(taken[1:])
            yield Record(source, where, error=f"{where}: malformed CSV ({exc}); this line is "
                         "rejected and reading resumes at the next line")
            continue
        taken = feed.taken
        start = taken[0][0]
        if not row or all(not cell.strip() for cell in row):
            continue
        n_rows += 1
        where = f"{ref}:{start}"
        if problem:
            yield Record(source, where, error=problem)
            continue
        if len(row) != len(header):
            if len(taken) > 1:  # a quote left open ran over the next lines
                feed.push_back(taken[1:])
                yield Record(source, where, error=(
                    f"{where}: malformed CSV (a quoted field runs over {len(taken)} lines "
                    f"and the row has {len(row)} fields, header has {len(header)}); this "
                    "line is rejected and reading resumes at the next line"))
            else:
                yield Record(source, where, error=f"{where}: row has {len(row)} fields, "
                             f"header has {len(header)}")
            continue
        size = sum(item[2] for item in taken)
        if size > limit:
            yield Record(source, where, error=f"{where}: row of {size:,} bytes, over the "
                         f"record limit ({limit:,} bytes); not read")
            continue
        raw = b"".join(cell.encode("utf-8", "surrogateescape") for cell in row)
        bad = _utf8_error(raw, where, start)
        if bad:
            yield Record(source, where, error=f"{where}: not valid UTF-8 in this row")
            continue
        nul = next((name for name, cell in zip(header, row, strict=True) if "\x00" in cell),
                   None)
        if nul is not None:
            yield Record(source, where, error=f"{where}: NUL byte in this row (column "
                         f"{_safe_text(nul)!r}); not text")
            continue
        fields, notes = _fields(dict(zip(header, row, strict=True)), mapping)
        yield Record(source, where, fields=fields, notes=notes)
    if problem and n_rows == 0:
        yield Record(source, f"{ref}:1", error=problem, kind="file")


class _RepeatedKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        raise _RepeatedKey(next(k for k, _ in pairs if k in seen or seen.add(k)))
    return obj


def _read_jsonl(stream: _Stream, spec: SourceSpec, source: str, ref: str, limits: Limits,
                state: dict) -> Iterator[Record]:
    limit = limits.max_record_bytes
    for number, line, size in _lines(stream, limit, state):
        where = f"{ref}:{number}"
        if line is None:
            yield Record(source, where, error=f"{where}: line of {size:,} bytes, over the "
                         f"record limit ({limit:,} bytes); not read")
            continue
        if not line.strip():
            continue
        if _utf8_error(line, where, number):
            yield Record(source, where, error=f"{where}: not valid UTF-8 in this line")
            continue
        if b"\x00" in line:
            yield Record(source, where, error=f"{where}: NUL byte in this line; not text")
            continue
        try:
            obj = json.loads(line.decode("utf-8").removeprefix("\ufeff"),
                             object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as exc:
            yield Record(source, where, error=f"{where}: not a complete JSON object "
                         f"({exc.msg} at column {exc.colno}); truncated line?")
            continue
        except _RepeatedKey as exc:
            yield Record(source, where, error=(
                f"{where}: key {_safe_text(str(exc))!r} appears twice in one JSON object; "
                "refused, since one value would silently replace the other"))
            continue
        except RecursionError:
            yield Record(source, where, error=f"{where}: JSON nested too deeply to read")
            continue
        except ValueError as exc:  # a number too long to convert, say
            yield Record(source, where, error=f"{where}: JSON not readable ({exc})")
            continue
        if not isinstance(obj, dict):
            yield Record(source, where, error=f"{where}: JSON value is not an object")
            continue
        line_map, problem = _mapping(list(obj), spec, where)
        if problem:
            yield Record(source, where, error=_safe_text(problem))
            continue
        structured = _structured(obj, line_map)
        if structured:
            yield Record(source, where, error=f"{where}: {structured}; record rejected")
            continue
        fields, notes = _fields(obj, line_map)
        surrogate = _lone_surrogate(fields)
        if surrogate:
            yield Record(source, where, error=f"{where}: {surrogate}, which is not a "
                         "character and cannot be stored; record rejected")
            continue
        yield Record(source, where, fields=fields, notes=notes)


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
