"""Ingest: read every source, clean, validate, deduplicate, and account for every record.

Writes ``corpus.parquet`` (one row per kept article; the corpus contract in DESIGN.md)
and ``ingest_report.csv`` (one row per input record: kept, duplicate or rejected, with the
reason), so that no record is ever silently lost.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from .._atomic import atomic_write
from .._csv import append_csv, write_csv
from .._heap import give_back
from ._datafile import ConfigError, read_rows
from .events import EventCatalogue
from .language import LanguageIdentifier
from .outlets import UNKNOWN, OutletRegister, distinct_colours, slug
from .pages import clean_page
from .readers import Limits, Record, SourceSpec, parse_event_refs, read_source
from .text import (
    dedupe_key,
    html_to_text,
    looks_like_html,
    normalise_space,
    prefix_pattern,
    repair_cp1250_mojibake,
)

__all__ = [
    "CORPUS_COLUMNS", "CORPUS_SCHEMA", "REPORT_COLUMNS", "IngestConfig", "IngestResult",
    "ingest", "ingest_into", "load_config", "write_outputs",
]

CORPUS_COLUMNS = [
    "doc_id", "outlet", "outlet_group", "date", "title", "lede", "caption", "body", "text",
    "text_level", "language", "language_method", "url", "source", "source_ref", "event_id",
    "event_ids", "event_method", "dataset_labels", "belarus_relevant", "credit", "n_chars",
]
# What _Builder makes of a record; ingest adds language, events and n_chars.
_ARTICLE_FIELDS = [
    "doc_id", "outlet", "outlet_group", "date", "title", "lede", "caption", "body", "text",
    "text_level", "url", "source", "source_ref", "dataset_labels", "credit", "stated_language",
]
REPORT_COLUMNS = ["source", "source_ref", "status", "reason", "doc_id", "duplicate_of",
                  "outlet", "note"]
#: the event columns story alignment fills (:func:`_stories`)
_EVENT_COLUMNS = ["event_id", "event_ids", "event_method"]
#: records whose article and report rows are held before they are finished (languages,
#: events) and written as one row group of ``corpus.parquet``
_FLUSH = 10_000
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|at_medium$|at_campaign$|ref$|cmpid$)")


@dataclass
class IngestConfig:
    """Everything an ingest run reads: sources and the register, catalogue and lexicons.

    ``event_source`` says where events come from: ``catalogue`` (dataset labels, then
    keywords within date windows), ``column`` (each record's ``event`` field), ``stories``
    (automatic story alignment, :func:`analysis.compare.alignment.align_stories`) or
    ``none``. ``relevance_terms`` flag the articles that are on the study's subject
    (``belarus_relevant``; all True without terms).
    """

    sources: list[SourceSpec]
    register: OutletRegister
    catalogue: EventCatalogue | None
    languages: list[str]
    root: Path
    event_source: str = "catalogue"
    relevance_terms: list[str] = field(default_factory=list)
    story_threshold: float = 0.3
    story_window_days: float = 3.0


@dataclass
class IngestResult:
    """The corpus, the report, and the outlets and events the corpus holds (tables)."""

    corpus: pd.DataFrame
    report: pd.DataFrame
    outlets: pd.DataFrame | None = None
    events: pd.DataFrame | None = None


def load_config(study=None, paths: list[Path] | None = None) -> IngestConfig:
    """The ingest configuration of a study (a folder with ``study.toml``, a loaded
    :class:`analysis.study.Study`, or None for the default study).

    With `paths`, those files and folders are the sources instead (a file inside one of the
    study's inputs keeps that input's field mapping; any other file is read by format and
    column-name conventions), with the study's register, events and languages.
    """
    from ..study import Study, load_study

    study = study if isinstance(study, Study) else load_study(study)
    config = study.ingest_config()
    if paths:
        sources = []
        for p in map(Path, paths):
            if not p.exists():
                raise ConfigError(f"{p}: no such file or folder")
            home = next((s for s in study.inputs
                         if p.resolve().is_relative_to(s.path.resolve())), None)
            sources.append(replace(home, path=p) if home else
                           SourceSpec(name=p.name.split(".")[0], path=p))
        config.sources = sources
    return config


def _doc_id(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def normalise_url(url: str | None) -> str | None:
    """Return a URL reduced to what identifies the page (no scheme, www, tracking, slash)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip().lower()
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    return f"{host}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


def _parse_date(value: str | None, fmt: str | None) -> tuple[datetime | None, str | None]:
    if not value:
        return None, None
    try:
        parsed = datetime.strptime(value, fmt) if fmt else datetime.fromisoformat(value)
    except ValueError:
        return None, f"date {value!r} not understood" + (f" as {fmt}" if fmt else " as ISO 8601")
    if parsed.tzinfo is not None:  # keep the wall-clock time as published, drop the offset
        parsed = parsed.replace(tzinfo=None)
    return parsed, None


def _load_metadata(spec: SourceSpec) -> dict[str, dict[str, str]]:
    if spec.metadata is None:
        return {}
    rows = read_rows(spec.metadata, ("file",))
    return {row["file"]: {k: v for k, v in row.items() if v} for _, row in rows}


class _Builder:
    """Turn records into article rows, or report rows saying why not."""

    def __init__(self, config: IngestConfig) -> None:
        self.register = config.register
        self.articles: list[dict] = []
        self.report: list[dict] = []
        self._by_url: dict[bytes, str] = {}
        self._by_text: dict[tuple[str, str], str] = {}
        self._ids: set[str] = set()
        # the last day an article can be dated: the day of ingest (UTC) and one more, for
        # an outlet whose time zone is ahead
        self.last_day = datetime.now(UTC).date() + timedelta(days=1)
        #: dataset label -> the event value as the data wrote it (for events from a column)
        self.event_values: dict[str, str] = {}

    def full(self) -> bool:
        """Whether a chunk's worth of records (:data:`_FLUSH`) is held."""
        return len(self.report) >= _FLUSH

    def take(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The article and report rows held, as (articles, report) frames; they are no
        longer held (memory: a chunk of rows at a time)."""
        articles = pd.DataFrame(self.articles, columns=_ARTICLE_FIELDS)
        report = pd.DataFrame(self.report, columns=REPORT_COLUMNS)
        self.articles, self.report = [], []
        return articles, report

    def add(self, record: Record, spec: SourceSpec, metadata: dict) -> None:
        """Add one record: an article and a report row, or a report row saying why not.

        An unexpected error while building the article rejects this record alone, naming
        its file and line and the error.
        """
        try:
            self._add(record, spec, metadata)
        except Exception as exc:  # one hostile record must not end the run
            self.report.append({
                "source": _writable(record.source), "source_ref": _writable(record.source_ref),
                "doc_id": None, "duplicate_of": None, "outlet": None, "note": None,
                "status": "rejected", "reason": _writable(
                    f"{record.source_ref}: unexpected error in this record "
                    f"({type(exc).__name__}: {exc})")})

    def _add(self, record: Record, spec: SourceSpec, metadata: dict) -> None:
        row = {"source": record.source, "source_ref": record.source_ref, "doc_id": None,
               "duplicate_of": None, "outlet": None, "note": None, "reason": None}
        if record.error:
            self.report.append(row | {"status": "rejected", "reason": _writable(record.error)})
            return
        article, notes, reason = (self._from_page(record, metadata) if record.kind == "page"
                                  else self._from_row(record, spec))
        if article.get("date") is not None and article["date"].date() > self.last_day:
            notes.append(f"date {article['date']:%Y-%m-%d} lies after the day of ingest: "
                         "taken as missing")
            article["date"] = None
        row["note"] = _writable("; ".join(record.notes + notes)) or None
        if reason is None:
            reason = _unwritable_field(article)
        if reason:
            self.report.append(row | {"status": "rejected", "reason": _writable(reason),
                                      "outlet": article.get("outlet")})
            return
        self._finish(article, record)
        row["outlet"] = article["outlet"]
        row["doc_id"] = article["doc_id"]
        url = normalise_url(article["url"])  # a digest too: the index holds one per article
        url_key = hashlib.blake2b(url.encode("utf-8"), digest_size=16).digest() if url else None
        text_key = (article["outlet"],  # a digest, so the index does not hold every text twice
                    hashlib.blake2b(dedupe_key(article["text"]).encode("utf-8"),
                                    digest_size=16).digest())
        kept = self._by_url.get(url_key) if url_key else None
        why = "same URL as the kept record"
        if kept is None:
            kept = self._by_text.get(text_key)
            why = "same outlet and normalised text as the kept record"
        if kept is not None:
            self.report.append(row | {"status": "duplicate", "reason": why,
                                      "duplicate_of": kept})
            return
        if article["doc_id"] in self._ids:  # same outlet/date/title but different text
            article["doc_id"] = row["doc_id"] = _doc_id(article["outlet"], article["date"],
                                                       article["title"], article["text"])
        self._ids.add(article["doc_id"])
        if url_key:
            self._by_url[url_key] = article["doc_id"]
        self._by_text[text_key] = article["doc_id"]
        self.articles.append(article)
        self.report.append(row | {"status": "kept"})

    def _from_page(self, record: Record, metadata: dict) -> tuple[dict, list[str], str | None]:
        page, notes = record.fields["page"], []
        known = metadata.get(record.fields["file"], {})
        outlet = self.register.recognise_page(page)
        if outlet == UNKNOWN and known.get("outlet"):
            outlet = self.register.resolve(known["outlet"])
        if outlet == UNKNOWN:
            notes.append("outlet not recognised from the page's boilerplate: text kept whole")
            body = normalise_space(page) or None
            article = {"title": None, "lede": None, "caption": None, "credit": None,
                       "body": body, "date": None}
        else:
            parts = clean_page(page, self.register.get(outlet).boilerplate)
            notes.extend(parts.notes)
            if parts.removed:
                notes.append(f"boilerplate removed: {len(parts.removed)} paragraph(s)")
            article = {"title": parts.title, "lede": parts.lede, "caption": parts.caption,
                       "credit": parts.credit, "body": parts.body, "date": parts.date}
        if article["date"] is None and known.get("date"):
            article["date"], problem = _parse_date(known["date"], None)
            notes.append(problem or "date from page metadata")
        article |= {"outlet": outlet, "url": known.get("url"), "stated_language": None,
                    "dataset_labels": [], "text_level": "full"}
        if not any(article[k] for k in ("title", "lede", "caption", "body")):
            return article, notes, "no usable text after removing boilerplate"
        return article, notes, None

    def _from_row(self, record: Record, spec: SourceSpec) -> tuple[dict, list[str], str | None]:
        f, notes = record.fields, []
        outlet = self._outlet(f.get("outlet"), f.get("url"), f.get("outlet_group"), notes)
        profile = self.register.get(outlet).boilerplate
        parts = {}
        for name in ("title", "lede", "body"):
            value = f.get(name)
            if value and looks_like_html(value):
                value = html_to_text(value)
            if value:
                value, repaired = repair_cp1250_mojibake(value)
                if repaired:
                    notes.append(f"{name}: {repaired} mis-decoded letter(s) repaired (cp1250)")
            value = (profile.strip(normalise_space(value)) or None) if value else None
            if value:
                lines = [ln for ln in value.split("\n")
                         if not any(p.fullmatch(ln) for p in profile.drop_lines)]
                value = normalise_space("\n".join(lines)) or None
            parts[name] = value
        title, lede = parts["title"], parts["lede"]
        if title and lede and dedupe_key(lede) == dedupe_key(title):
            parts["lede"] = None
            notes.append("lede repeats the title: kept once")
        elif title and lede and lede.startswith(title):
            parts["lede"] = lede[len(title):].lstrip(" .:;,-–—\n") or None
            notes.append("lede began with the title: that copy removed")
        date, problem = _parse_date(f.get("date"), spec.date_format)
        if problem:
            notes.append(problem)
        labels = []
        prefix = spec.dataset or spec.name
        if f.get("event"):
            labels.append(f"{prefix}:{f['event']}")
            self.event_values[f"{prefix}:{f['event']}"] = f["event"]
        try:
            labels += [f"{prefix}:{x}" for x in parse_event_refs(f.get("event_refs"))]
        except ValueError as exc:
            notes.append(f"event references unreadable ({exc})")
        article = parts | {
            "caption": None, "credit": None, "date": date, "outlet": outlet, "url": f.get("url"),
            "stated_language": f.get("language"), "dataset_labels": list(dict.fromkeys(labels)),
            "text_level": "full" if parts["body"] else "lede" if parts["lede"] else "headline",
        }
        if not any(parts.values()):
            return article, notes, "no usable text: title, lede and body are all empty"
        return article, notes, None

    def _outlet(self, value: str | None, url: str | None, group: str | None,
                notes: list[str]) -> str:
        """The outlet of a row: by name, alias, key or domain, then by the URL's host; an
        outlet the register does not list becomes its own (noted)."""
        outlet, how = self.register.identify(value, url)
        if outlet == UNKNOWN and value:
            outlet = self.register.add(value, group)
        if outlet in self.register.added_outlets:
            notes.append(f"outlet {value!r} not in the outlet register "
                         f"({', '.join(p.name for p in self.register.paths)}): kept as its own "
                         f"outlet {outlet!r} in group {self.register.get(outlet).group!r}")
        elif how == "url" and value:
            notes.append(f"outlet {value!r} not in the register: recognised by the URL")
        elif outlet == UNKNOWN:
            notes.append(f"no outlet named and none recognised from the URL {url!r}")
        return outlet

    def _finish(self, article: dict, record: Record) -> None:
        article["text"] = "\n\n".join(article[k] for k in ("title", "lede", "caption", "body")
                                      if article[k])
        article["source"] = record.source
        article["source_ref"] = record.source_ref
        article["outlet_group"] = self.register.get(article["outlet"]).group
        article["doc_id"] = (_doc_id(article["outlet"], normalise_url(article["url"]))
                             if article["url"] else
                             _doc_id(article["outlet"], article["date"],
                                     article["title"] or article["text"]))


def _writable(text: str | None) -> str | None:
    """`text` with anything UTF-8 cannot hold (lone surrogates) shown as escapes."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def _unwritable_field(article: dict) -> str | None:
    """Say which text of `article` cannot be stored (a lone surrogate), or None."""
    for name, value in article.items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and _writable(text) is not text:
                return f"{name} holds a character that cannot be stored (lone surrogate)"
    return None


def _chunks(config: IngestConfig, progress: bool | None, limits: Limits | None
            ) -> Iterator[tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]]:
    """Read, clean, validate and deduplicate every configured source, :data:`_FLUSH`
    records at a time: (corpus rows of those records, their report rows, the event values
    of a column read so far). The corpus rows have :data:`CORPUS_COLUMNS`; with events
    from story alignment, which needs the whole corpus, their event columns are empty."""
    builder = _Builder(config)
    identifier = LanguageIdentifier(config.languages)
    disable = None if progress is None else not progress
    for spec in config.sources:
        metadata = _load_metadata(spec)
        records = read_source(spec, display_root=config.root, limits=limits)
        for record in tqdm(records, desc=f"ingest {spec.name}", unit=" records", disable=disable):
            builder.add(record, spec, metadata)
            if builder.full():
                yield _finished(config, identifier, builder.take(), builder.event_values)
    yield _finished(config, identifier, builder.take(), builder.event_values)


def _finished(config: IngestConfig, identifier: LanguageIdentifier,
              rows: tuple[pd.DataFrame, pd.DataFrame], event_values: dict[str, str]
              ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """The builder's `rows` with languages, events (but by story alignment) and lengths.
    Once the languages are found, what glibc's heap holds free (what the language detector
    freed while loading its models, the last chunk's frames) goes back to the
    system (:func:`analysis._heap.give_back`): 200,000 rows peak about 100 MB lower."""
    corpus, report = rows
    corpus["date"] = pd.to_datetime(corpus["date"]).astype("datetime64[us]")
    register = config.register
    languages, methods = identifier.identify(
        corpus["text"].tolist(), corpus["stated_language"].tolist(),
        [register.get(o).language or None for o in corpus["outlet"]],
    )
    corpus["language"], corpus["language_method"] = languages, methods
    give_back()
    corpus = corpus.join(_events(config, corpus, event_values))
    corpus["n_chars"] = corpus["text"].str.len().astype("int64")
    return _with_nones(corpus[CORPUS_COLUMNS].reset_index(drop=True)), report, event_values


def _with_nones(corpus: pd.DataFrame) -> pd.DataFrame:
    """`corpus` with None, not NaN, where its optional texts are missing."""
    for column in ("title", "lede", "caption", "body", "credit", "url", "event_id",
                   "event_method"):
        corpus[column] = corpus[column].astype(object).where(corpus[column].notna(), None)
    return corpus


def _outlets(config: IngestConfig, outlets: set[str]) -> pd.DataFrame:
    """The register's rows of `outlets`, in display order (:data:`UNKNOWN` last), the
    outlets and groups added from the data coloured apart (:func:`.distinct_colours`)."""
    register = config.register
    table = register.frame(unknown=UNKNOWN in outlets)
    return distinct_colours(table[table["outlet"].isin(outlets)].reset_index(drop=True),
                            register.added_outlets, register.added_groups)


def ingest(config: IngestConfig, progress: bool | None = None,
           limits: Limits | None = None) -> IngestResult:
    """Read, clean, validate and deduplicate every configured source, in memory
    (:func:`ingest_into` writes the same outputs holding a chunk at a time).

    Parameters
    ----------
    config : from :func:`load_config`.
    progress : show progress bars (None: only on a terminal).
    limits : size limits per record and per file (default :class:`~.readers.Limits`).

    Returns
    -------
    IngestResult
        The corpus (one row per kept article, columns :data:`CORPUS_COLUMNS`), the report
        (one row per input record, :data:`REPORT_COLUMNS`).
    """
    corpora, reports, event_values = [], [], {}
    for corpus, report, values in _chunks(config, progress, limits):
        corpora.append(corpus)
        reports.append(report)
        event_values.update(values)
    corpus = pd.concat(corpora, ignore_index=True)
    report = pd.concat(reports, ignore_index=True)
    del corpora, reports
    if config.event_source == "stories":
        corpus[_EVENT_COLUMNS] = _stories(config, corpus)
        corpus = _with_nones(corpus)
    return IngestResult(corpus=corpus, report=report,
                        outlets=_outlets(config, set(corpus["outlet"])),
                        events=event_table(config, corpus, event_values))


def event_table(config: IngestConfig, corpus: pd.DataFrame, values: dict[str, str]
                ) -> pd.DataFrame:
    """The events of the corpus: the catalogue's (in its order), or one row per event id
    found in a column or by story alignment, with its first and last date and, in
    ``window``, where it came from (such an event has no catalogue window)."""
    if config.event_source == "catalogue" and config.catalogue is not None:
        return config.catalogue.frame()
    names = {slug(v): v for v in values.values()}
    rows = []
    for event, part in corpus.dropna(subset=["event_id"]).groupby("event_id", sort=True):
        dates = pd.to_datetime(part["date"])
        rows.append({"event_id": event, "name": names.get(event, event),
                     "start": dates.min().normalize() if dates.notna().any() else pd.NaT,
                     "end": dates.max().normalize() if dates.notna().any() else pd.NaT,
                     "belarus_event": False,
                     "description": str(part["event_method"].iloc[0]),
                     "window": ("from the event column" if config.event_source == "column"
                                else "a story found by alignment")})
    return pd.DataFrame(rows, columns=["event_id", "name", "start", "end", "belarus_event",
                                       "description", "window"])


def _events(config: IngestConfig, corpus: pd.DataFrame, values: dict[str, str]
            ) -> pd.DataFrame:
    """``event_id, event_ids, event_method, belarus_relevant`` by the study's event source
    (no events yet when they come from story alignment: :func:`_stories`)."""
    if config.event_source == "catalogue":
        if config.catalogue is None:
            raise ConfigError("events come from a catalogue, but no catalogue is given")
        return config.catalogue.assign(corpus["text"], corpus["date"], corpus["dataset_labels"])
    relevant = (corpus["text"].str.contains(prefix_pattern(config.relevance_terms), regex=True)
                if config.relevance_terms else pd.Series(True, index=corpus.index))
    ids = pd.Series(None, index=corpus.index, dtype=object)
    methods = pd.Series(None, index=corpus.index, dtype=object)
    if config.event_source == "column":
        labels = corpus["dataset_labels"].map(lambda ls: next(
            (values[x] for x in ls if x in values), None))
        ids = labels.map(lambda v: slug(v) if isinstance(v, str) else None)
        methods = labels.map(lambda v: f"event column ({v!r})" if isinstance(v, str) else None)
    return _event_frame(ids, methods).assign(belarus_relevant=relevant.astype(bool))


def _event_frame(ids: pd.Series, methods: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"event_id": ids, "event_ids": ids.map(lambda e: [e] if e else []),
                         "event_method": methods})


def _stories(config: IngestConfig, corpus: pd.DataFrame) -> pd.DataFrame:
    """``event_id, event_ids, event_method`` from automatic story alignment over the whole
    `corpus` (a story that two or more outlets tell is an event)."""
    from ..compare.alignment import align_stories

    ids = pd.Series(None, index=corpus.index, dtype=object)
    methods = pd.Series(None, index=corpus.index, dtype=object)
    stories = align_stories(corpus.assign(doc_id=corpus.index), language=None,
                            threshold=config.story_threshold,
                            window_days=config.story_window_days)
    outlets = corpus["outlet"].reindex(stories["doc_id"]).to_numpy()
    spread = pd.Series(outlets).groupby(stories["story_id"].to_numpy()).nunique()
    multi = spread[spread >= 2].index
    first = stories.drop_duplicates("story_id")
    numbers = {s: i + 1 for i, s in enumerate(first["story_id"][first["story_id"].isin(multi)])}
    for doc, story in zip(stories["doc_id"], stories["story_id"], strict=True):
        if story in numbers:
            ids.at[doc] = f"story-{numbers[story]:03d}"
            methods.at[doc] = (f"story alignment (TF-IDF cosine >= {config.story_threshold},"
                               f" within {config.story_window_days:g} days)")
    return _event_frame(ids, methods)


#: the Arrow types of ``corpus.parquet``'s columns (:data:`CORPUS_COLUMNS`), fixed so that
#: every row group of a file written a chunk at a time has the same schema (a chunk in
#: which a column is all empty would otherwise make it of no type)
_TYPES = {"date": pa.timestamp("us"), "event_ids": pa.list_(pa.string()),
          "dataset_labels": pa.list_(pa.string()), "belarus_relevant": pa.bool_(),
          "n_chars": pa.int64()}
CORPUS_SCHEMA = pa.schema([(c, _TYPES.get(c, pa.large_string())) for c in CORPUS_COLUMNS])


def _arrow(corpus: pd.DataFrame) -> pa.Table:
    """`corpus` as an Arrow table of :data:`CORPUS_SCHEMA` (no pandas metadata: the file
    reads back by its types alike, whether written at once or a chunk at a time)."""
    table = pa.Table.from_pandas(corpus, schema=CORPUS_SCHEMA, preserve_index=False)
    return table.replace_schema_metadata(None)


def write_outputs(result: IngestResult, out_dir: Path) -> tuple[Path, Path]:
    """Write ``corpus.parquet`` and ``ingest_report.csv`` (spreadsheet-safe, see
    :mod:`analysis._csv`) to `out_dir`, atomically, with the outlets and events tables."""
    out_dir = Path(out_dir)
    corpus_path, report_path = out_dir / "corpus.parquet", out_dir / "ingest_report.csv"
    write_csv(result.report, report_path, index=False)
    _write_tables(out_dir, result.outlets, result.events)
    atomic_write(corpus_path, lambda p: pq.write_table(_arrow(result.corpus), p))
    return corpus_path, report_path


def _write_tables(out_dir: Path, outlets: pd.DataFrame | None, events: pd.DataFrame | None
                  ) -> None:
    for name, table in (("outlets", outlets), ("events", events)):
        if table is not None:
            write_csv(table, out_dir / f"{name}.csv", index=False, lineterminator="\n")


def ingest_into(config: IngestConfig, out_dir: Path, progress: bool | None = None,
                limits: Limits | None = None) -> tuple[Path, Path, pd.DataFrame]:
    """Ingest as :func:`ingest` does and write the outputs as :func:`write_outputs` does,
    holding :data:`_FLUSH` records at a time: each chunk's articles are one row group of
    ``corpus.parquet`` and its report rows are appended to ``ingest_report.csv`` (both
    files renamed into place when complete), so memory does not grow with the corpus but
    for the indexes that find duplicates. Events from story alignment compare every
    article with every other: that study is ingested in memory (:func:`ingest`).

    Returns
    -------
    (corpus_path, report_path, outcomes)
        ``outcomes``: the report's ``status`` and ``reason`` columns, a row per record.
    """
    out_dir = Path(out_dir)
    if config.event_source == "stories":
        result = ingest(config, progress, limits)
        return *write_outputs(result, out_dir), result.report[["status", "reason"]]
    corpus_path, report_path = out_dir / "corpus.parquet", out_dir / "ingest_report.csv"
    outcomes, events, outlets, values = [], [], set(), {}

    def write(corpus_file: str, report_file: str) -> None:
        with (pq.ParquetWriter(corpus_file, CORPUS_SCHEMA) as parquet,
              open(report_file, "w", encoding="utf-8", newline="") as csv_file):
            for k, (corpus, report, event_values) in enumerate(
                    _chunks(config, progress, limits)):
                if len(corpus) or not k:
                    parquet.write_table(_arrow(corpus))
                append_csv(report, csv_file, header=not k, index=False)
                outcomes.append(report[["status", "reason"]])
                events.append(corpus[["event_id", "date", "event_method"]])
                outlets.update(corpus["outlet"])
                values.update(event_values)

    atomic_write(corpus_path, lambda c: atomic_write(report_path, lambda r: write(c, r)))
    _write_tables(out_dir, _outlets(config, outlets),
                  event_table(config, pd.concat(events, ignore_index=True), values))
    return corpus_path, report_path, pd.concat(outcomes, ignore_index=True)
