"""Ingest: read every source, clean, validate, deduplicate, and account for every record.

Writes ``corpus.parquet`` (one row per kept article; the corpus contract in DESIGN.md)
and ``ingest_report.csv`` (one row per input record: kept, duplicate or rejected, with the
reason), so that no record is ever silently lost.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pandas as pd
from tqdm import tqdm

from .._atomic import atomic_write
from .._csv import write_csv
from ._datafile import ConfigError, read_rows
from .events import EventCatalogue
from .language import LanguageIdentifier
from .outlets import UNKNOWN, OutletRegister, slug
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
    "CORPUS_COLUMNS", "REPORT_COLUMNS", "IngestConfig", "IngestResult", "ingest", "load_config",
    "write_outputs",
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
#: records whose article and report rows are held as dicts before they become frames
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
        self._by_url: dict[str, str] = {}
        self._by_text: dict[tuple[str, str], str] = {}
        self._ids: set[str] = set()
        #: dataset label -> the event value as the data wrote it (for events from a column)
        self.event_values: dict[str, str] = {}
        self._frames: tuple[list[pd.DataFrame], list[pd.DataFrame]] = ([], [])

    def _flush(self) -> None:
        """Turn the rows held as dicts into frames (memory: a chunk of dicts at a time)."""
        if self.articles:
            self._frames[0].append(pd.DataFrame(self.articles, columns=_ARTICLE_FIELDS))
            self.articles.clear()
        if self.report:
            self._frames[1].append(pd.DataFrame(self.report, columns=REPORT_COLUMNS))
            self.report.clear()

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The articles and the report rows so far, as (corpus, report) frames."""
        self._flush()
        articles, reports = self._frames
        corpus = (pd.concat(articles, ignore_index=True) if articles
                  else pd.DataFrame(columns=_ARTICLE_FIELDS))
        report = (pd.concat(reports, ignore_index=True) if reports
                  else pd.DataFrame(columns=REPORT_COLUMNS))
        self._frames = ([], [])
        return corpus, report

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
        if len(self.report) >= _FLUSH:
            self._flush()

    def _add(self, record: Record, spec: SourceSpec, metadata: dict) -> None:
        row = {"source": record.source, "source_ref": record.source_ref, "doc_id": None,
               "duplicate_of": None, "outlet": None, "note": None, "reason": None}
        if record.error:
            self.report.append(row | {"status": "rejected", "reason": _writable(record.error)})
            return
        article, notes, reason = (self._from_page(record, metadata) if record.kind == "page"
                                  else self._from_row(record, spec))
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
        url_key = normalise_url(article["url"])
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


def ingest(config: IngestConfig, progress: bool | None = None,
           limits: Limits | None = None) -> IngestResult:
    """Read, clean, validate and deduplicate every configured source.

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
    builder = _Builder(config)
    disable = None if progress is None else not progress
    for spec in config.sources:
        metadata = _load_metadata(spec)
        records = read_source(spec, display_root=config.root, limits=limits)
        for record in tqdm(records, desc=f"ingest {spec.name}", unit=" records", disable=disable):
            builder.add(record, spec, metadata)
    corpus, report = builder.frames()
    event_values = builder.event_values
    del builder  # memory: its indexes of URLs and texts are no longer needed
    corpus["date"] = pd.to_datetime(corpus["date"])
    register = config.register
    identifier = LanguageIdentifier(config.languages)
    languages, methods = identifier.identify(
        corpus["text"].tolist(), corpus["stated_language"].tolist(),
        [register.get(o).language or None for o in corpus["outlet"]],
    )
    corpus["language"], corpus["language_method"] = languages, methods
    corpus = corpus.join(_events(config, corpus, event_values))
    corpus["n_chars"] = corpus["text"].str.len().astype("int64")
    corpus = corpus[CORPUS_COLUMNS].reset_index(drop=True)
    for column in ("title", "lede", "caption", "body", "credit", "url", "event_id",
                   "event_method"):
        corpus[column] = corpus[column].astype(object).where(corpus[column].notna(), None)
    outlets = register.frame()
    outlets = outlets[outlets["outlet"].isin(set(corpus["outlet"]))].reset_index(drop=True)
    return IngestResult(corpus=corpus, report=report, outlets=outlets,
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
    """``event_id, event_ids, event_method, belarus_relevant`` by the study's event source."""
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
    elif config.event_source == "stories":
        from ..compare.alignment import align_stories

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
    return pd.DataFrame({"event_id": ids, "event_ids": ids.map(lambda e: [e] if e else []),
                         "event_method": methods, "belarus_relevant": relevant.astype(bool)})


def write_outputs(result: IngestResult, out_dir: Path) -> tuple[Path, Path]:
    """Write ``corpus.parquet`` and ``ingest_report.csv`` (spreadsheet-safe, see
    :mod:`analysis._csv`) to `out_dir`, atomically."""
    out_dir = Path(out_dir)
    corpus_path, report_path = out_dir / "corpus.parquet", out_dir / "ingest_report.csv"
    write_csv(result.report, report_path, index=False)
    for name, table in (("outlets", result.outlets), ("events", result.events)):
        if table is not None:
            write_csv(table, out_dir / f"{name}.csv", index=False, lineterminator="\n")
    atomic_write(corpus_path, lambda p: result.corpus.to_parquet(p, index=False))
    return corpus_path, report_path
