"""A study is a folder: ``study.toml`` says what to read and how to compare it.

The embedded Russia–Belarus corpus is the default study (``study.toml`` at the top of the
repository); a researcher's corpus is another folder with its own ``study.toml``, written by
``python -m analysis study init DIR FILE...`` and built by ``make STUDY=DIR`` (or
``python -m analysis run DIR``). Every key, its meaning and its default is in
:data:`TEMPLATE`, the file ``study init`` writes; :func:`load_study` checks each one and
names the file and key of anything it cannot use.

Nothing outside the study's folder is read as its input: a path that leaves the folder is
refused. Outputs go to the folders of ``[outputs]`` (by default inside the study folder).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ._paths import DATA, ROOT
from .corpus._datafile import ConfigError
from .corpus.readers import ALIASES, FORMATS, SourceSpec, detect_format

__all__ = ["DEFAULT", "ENVIRONMENT", "Study", "Thresholds", "current_study", "init_study",
           "load_study"]

#: the default study: the embedded corpus, whose ``study.toml`` is at the repository's top
DEFAULT = ROOT
#: the environment variable that tells notebooks (and ``analysis.load_*``) which study to read
ENVIRONMENT = "ANALYSIS_STUDY"
_EVENT_SOURCES = ("column", "catalogue", "stories", "none")
_REGISTER_MODES = ("project", "extend", "replace")


@dataclass(frozen=True)
class Thresholds:
    """The least numbers a comparison needs, and the most pair figures drawn; every one is a
    key of ``[thresholds]``.

    Attributes
    ----------
    contrast_min_articles : articles each outlet (or group) needs to be contrasted pooled
        and within events.
    within_event_min_per_side : articles each side needs in an event for the event to count
        in a within-event contrast.
    paired_min_events : events two units must share for a paired (event-level) contrast.
    same_event_min_articles : articles a group needs on an event for the event to be a
        same-event view (two such groups make one).
    keyness_min_docs : documents a group or outlet needs to enter a keyness table.
    classifier_min_per_group : event-labelled articles a group needs for the classifier.
    keyness_figures_max : keyness figures drawn per level when the study names no pairs
        (every pair is in ``keyness_pairs``; the pairs with the most articles are drawn).
    same_event_figures_max : same-event figures drawn (every compared event is in the
        same_event tables; the figures are of the events the most groups covered, then
        with the most articles).
    same_event_groups_max : outlet groups drawn in a same-event figure (those with the most
        articles on the event; the figure says how many more there are). 14 is as many as
        the palettes give distinct colours (:func:`.corpus.outlets.distinct_colours`).
    """

    contrast_min_articles: int = 3
    within_event_min_per_side: int = 5
    paired_min_events: int = 3
    same_event_min_articles: int = 1
    keyness_min_docs: int = 20
    classifier_min_per_group: int = 30
    keyness_figures_max: int = 100
    same_event_figures_max: int = 50
    same_event_groups_max: int = 14


@dataclass(frozen=True)
class Study:
    """A loaded ``study.toml`` (see :data:`TEMPLATE` for each key)."""

    root: Path
    title: str
    inputs: tuple[SourceSpec, ...]
    languages: tuple[str, ...]
    register_mode: str
    register_files: tuple[Path, ...]
    event_source: str
    catalogue: Path | None
    relevance_terms: Path | None
    story_threshold: float
    story_window_days: float
    pairs: dict[str, tuple[tuple[str, str], ...]]
    headline_pair: tuple[str, str] | None
    reference: str | None
    close_reading: tuple[str, ...]
    thresholds: Thresholds
    lexicons: Path | None
    processed: Path
    tables: Path
    figures: Path
    reports: Path
    config_files: tuple[Path, ...] = field(default=())

    @property
    def is_default(self) -> bool:
        return self.root.resolve() == DEFAULT.resolve()

    @property
    def name(self) -> str:
        return self.root.resolve().name

    def register(self):
        """The outlet register of the study: the project's, extended or replaced."""
        from .corpus.outlets import OutletRegister

        files = list(self.register_files)
        if self.register_mode == "replace":
            return OutletRegister(*files)
        return OutletRegister(DATA / "outlets.toml", *files)

    def ingest_config(self):
        """What :func:`analysis.corpus.ingest` needs to build this study's corpus."""
        from .corpus.events import EventCatalogue, load_term_lexicon
        from .corpus.ingest import IngestConfig

        terms = load_term_lexicon(self.relevance_terms) if self.relevance_terms else []
        catalogue = EventCatalogue(self.catalogue, terms) if self.catalogue else None
        return IngestConfig(sources=list(self.inputs), register=self.register(),
                            catalogue=catalogue, languages=list(self.languages),
                            root=self.root, event_source=self.event_source,
                            relevance_terms=terms, story_threshold=self.story_threshold,
                            story_window_days=self.story_window_days)

    def inputs_files(self) -> list[Path]:
        """Every file the corpus is built from (inputs and configuration), for staleness."""
        files = set(self.config_files)
        for spec in self.inputs:
            path = spec.path
            files |= {p for p in path.rglob("*") if p.is_file()} if path.is_dir() else {path}
            if spec.metadata:
                files.add(spec.metadata)
        return sorted(files)


def _where(path: Path, key: str) -> str:
    return f"{path}: {key}"


def _inside(root: Path, value: object, config: Path, key: str, must_exist: bool = True) -> Path:
    """Resolve a path of study.toml against the study folder; refuse one that leaves it."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{_where(config, key)}: needs a path (a string)")
    path = root / value
    if not path.resolve().is_relative_to(root.resolve()):
        raise ConfigError(f"{_where(config, key)}: {value!r} is outside the study folder "
                          f"{root}; copy the file into the folder")
    if must_exist and not path.exists():
        raise ConfigError(f"{_where(config, key)}: {path} does not exist")
    return path


def _output(root: Path, value: object, config: Path, key: str) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{_where(config, key)}: needs a folder (a string)")
    return root / value


def _table(raw: dict, name: str, config: Path) -> dict:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{config}: [{name}] must be a table")
    return value


def _unknown_keys(table: dict, known: set[str], config: Path, where: str) -> None:
    extra = sorted(set(table) - known)
    if extra:
        raise ConfigError(f"{config}: {where} has unknown key(s) {', '.join(extra)}; "
                          f"known: {', '.join(sorted(known))}")


def _input(entry: object, root: Path, config: Path, i: int) -> SourceSpec:
    key = f"inputs[{i}]"
    if not isinstance(entry, dict):
        raise ConfigError(f"{config}: {key} must be a table ([[inputs]])")
    _unknown_keys(entry, {"name", "path", "format", "fields", "date_format", "dataset",
                          "metadata"}, config, key)
    path = _inside(root, entry.get("path"), config, f"{key}.path")
    fmt = entry.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(f"{_where(config, key)}: format {fmt!r} not one of {FORMATS}")
    fields = entry.get("fields", {})
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        raise ConfigError(f"{_where(config, key)}.fields: must map fields to column names")
    unknown = sorted(set(fields) - set(ALIASES))
    if unknown:
        raise ConfigError(f"{_where(config, key)}.fields: unknown field(s) "
                          f"{', '.join(unknown)}; known: {', '.join(ALIASES)}")
    metadata = entry.get("metadata")
    return SourceSpec(
        name=str(entry.get("name") or path.name.split(".")[0]), path=path, format=fmt,
        fields=dict(fields), date_format=entry.get("date_format"),
        metadata=_inside(root, metadata, config, f"{key}.metadata") if metadata else None,
        dataset=entry.get("dataset"),
    )


def _pairs(value: object, config: Path) -> dict[str, tuple[tuple[str, str], ...]]:
    """``[comparisons] pairs``: a list of [level, a, b]; level outlet or outlet_group."""
    if not isinstance(value, list):
        raise ConfigError(f"{config}: comparisons.pairs must be a list of [level, a, b]")
    out: dict[str, list[tuple[str, str]]] = {}
    for i, item in enumerate(value):
        if (not isinstance(item, list) or len(item) != 3
                or item[0] not in ("outlet", "outlet_group")
                or not all(isinstance(x, str) for x in item)):
            raise ConfigError(f"{config}: comparisons.pairs[{i}] must be [level, a, b] with "
                              f"level 'outlet' or 'outlet_group', got {item!r}")
        out.setdefault(item[0], []).append((item[1], item[2]))
    return {level: tuple(p) for level, p in out.items()}


def load_study(folder: Path | str | None = None) -> Study:
    """Load and check the ``study.toml`` of `folder` (default: :func:`current_study`'s).

    Raises
    ------
    ConfigError
        Naming the file and key of anything missing, malformed or outside the folder.
    """
    root = Path(folder) if folder is not None else _current_root()
    config = root / "study.toml" if root.is_dir() or not root.name.endswith(".toml") else root
    root = config.parent
    if not config.exists():
        raise ConfigError(f"{config} does not exist: a study folder needs a study.toml "
                          f"(`python -m analysis study init {root} YOUR_FILE.csv` writes one)")
    try:
        raw = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{config}: cannot read: {exc}") from exc
    _unknown_keys(raw, {"study", "inputs", "outlets", "events", "comparisons", "thresholds",
                        "lexicons", "outputs"}, config, "the file")
    head = _table(raw, "study", config)
    _unknown_keys(head, {"title", "languages"}, config, "[study]")
    inputs = raw.get("inputs", [])
    if not isinstance(inputs, list) or not inputs:
        raise ConfigError(f"{config}: needs at least one [[inputs]] table")
    specs = tuple(_input(entry, root, config, i) for i, entry in enumerate(inputs))
    languages = head.get("languages", ["en"])
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise ConfigError(f"{config}: study.languages must be a list of ISO 639-1 codes")

    outlets = _table(raw, "outlets", config)
    _unknown_keys(outlets, {"register", "file"}, config, "[outlets]")
    mode = outlets.get("register", "project")
    if mode not in _REGISTER_MODES:
        raise ConfigError(f"{config}: outlets.register must be one of {_REGISTER_MODES}")
    files = ()
    if mode != "project":
        files = (_inside(root, outlets.get("file", "outlets.toml"), config, "outlets.file"),)

    events = _table(raw, "events", config)
    _unknown_keys(events, {"source", "catalogue", "relevance_terms", "story_threshold",
                           "story_window_days"}, config, "[events]")
    source = events.get("source", "column")
    if source not in _EVENT_SOURCES:
        raise ConfigError(f"{config}: events.source must be one of {_EVENT_SOURCES}")
    catalogue = (_inside(root, events.get("catalogue", "events.csv"), config,
                         "events.catalogue") if source == "catalogue" else None)
    relevance = events.get("relevance_terms")
    relevance = _inside(root, relevance, config, "events.relevance_terms") if relevance else None

    comparisons = _table(raw, "comparisons", config)
    _unknown_keys(comparisons, {"pairs", "headline", "close_reading", "reference"}, config,
                  "[comparisons]")
    reference = comparisons.get("reference")
    if reference is not None and not isinstance(reference, str):
        raise ConfigError(f"{config}: comparisons.reference must be an outlet group's key")
    headline = comparisons.get("headline")
    if headline is not None and (not isinstance(headline, list) or len(headline) != 2):
        raise ConfigError(f"{config}: comparisons.headline must be [group_a, group_b]")
    close = comparisons.get("close_reading", [])
    if not isinstance(close, list) or not all(isinstance(x, str) for x in close):
        raise ConfigError(f"{config}: comparisons.close_reading must be a list of input names")

    limits = _table(raw, "thresholds", config)
    known = set(Thresholds.__dataclass_fields__)
    _unknown_keys(limits, known, config, "[thresholds]")
    for key, value in limits.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"{config}: thresholds.{key} must be a whole number >= 1")

    lexicons = _table(raw, "lexicons", config)
    _unknown_keys(lexicons, {"folder"}, config, "[lexicons]")
    lexicon_dir = (_inside(root, lexicons["folder"], config, "lexicons.folder")
                   if "folder" in lexicons else None)

    outputs = _table(raw, "outputs", config)
    _unknown_keys(outputs, {"processed", "tables", "figures", "reports"}, config, "[outputs]")
    defaults = {"processed": "processed", "tables": "tables", "figures": "figures",
                "reports": "reports"}
    out = {k: _output(root, outputs.get(k, v), config, f"outputs.{k}")
           for k, v in defaults.items()}
    config_files = tuple(p for p in (config, *files, catalogue, relevance) if p is not None)
    return Study(
        root=root, title=str(head.get("title") or root.resolve().name), inputs=specs,
        languages=tuple(languages), register_mode=mode, register_files=files,
        event_source=source, catalogue=catalogue, relevance_terms=relevance,
        story_threshold=float(events.get("story_threshold", 0.3)),
        story_window_days=float(events.get("story_window_days", 3.0)),
        pairs=_pairs(comparisons.get("pairs", []), config),
        headline_pair=tuple(headline) if headline else None, close_reading=tuple(close),
        reference=reference,
        thresholds=Thresholds(**limits), lexicons=lexicon_dir, config_files=config_files,
        **out,
    )


def _current_root() -> Path:
    """``$ANALYSIS_STUDY`` (relative to the working folder, else to the repository), or the
    default study."""
    value = os.environ.get(ENVIRONMENT)
    if not value:
        return DEFAULT
    path = Path(value)
    return path if path.is_absolute() or path.exists() else ROOT / path


def current_study() -> Study:
    """The study a notebook is run for: ``$ANALYSIS_STUDY`` if set, else the default one."""
    return load_study(_current_root())


# --------------------------------------------------------------------------------------------
# study init: a study.toml from a file's columns


def _head(path: Path, size: int) -> tuple[io.TextIOWrapper, bool]:
    """The first `size` bytes of a data file (decompressed) as text, and whether more
    follow."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as fh:
        head = fh.read(size)
        more = bool(fh.read(1))
    return io.TextIOWrapper(io.BytesIO(head), encoding="utf-8-sig", errors="replace"), more


def _dialect(path: Path) -> str:
    return "excel-tab" if path.name.lower().removesuffix(".gz").endswith(".tsv") else "excel"


def _header(path: Path) -> list[str]:
    """The column names (CSV) or keys (first JSON line) of a data file."""
    text, _ = _head(path, 1 << 20)
    fmt = detect_format(path)
    if fmt == "csv":
        return next(csv.reader(text, dialect=_dialect(path)), [])
    if fmt == "jsonl":
        for line in text:
            if line.strip():
                try:
                    value = json.loads(line)
                except ValueError:
                    return []
                return list(value) if isinstance(value, dict) else []
    return []


def _sample_texts(path: Path, fields: dict[str, str], size: int = 1 << 22) -> list[str]:
    """The texts (title, lede and body joined) of the rows in the first `size` bytes of a
    data file (CSV or JSON lines; `fields` as :func:`guess_fields` maps them), for a
    guess of their languages; a row the cut may have broken is left out."""
    text, cut = _head(path, size)
    columns = [fields[f] for f in ("title", "lede", "body") if f in fields]
    rows: list = []
    try:
        if detect_format(path) == "csv":
            rows = list(csv.DictReader(text, dialect=_dialect(path)))
        else:
            for line in text:
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    continue
    except csv.Error:  # a broken row: the rows before it are the sample
        pass
    if cut:
        rows = rows[:-1]
    return [" ".join(str(row.get(c) or "") for c in columns).strip()
            for row in rows if isinstance(row, dict)]


def guess_fields(columns: list[str]) -> dict[str, str]:
    """Map canonical fields to columns by name (:data:`~analysis.corpus.readers.ALIASES`).

    Examples
    --------
    >>> guess_fields(["Headline", "Outlet", "published", "Body", "link", "event"])
    {'title': 'Headline', 'body': 'Body', 'url': 'link', 'date': 'published', \
'outlet': 'Outlet', 'event': 'event'}
    """
    lowered = {c.strip().lower(): c for c in columns}
    out = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            if alias in lowered and lowered[alias] not in out.values():
                out[name] = lowered[alias]
                break
    return out


def _toml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def init_study(folder: Path, files: list[Path], title: str | None = None
               ) -> tuple[Path, list[str]]:
    """Write ``study.toml`` for `files` into `folder`; return its path and what was guessed.

    A file outside `folder` is copied into ``folder/raw/`` first (a study reads nothing
    outside its folder). Each file's columns are matched to the canonical fields by name;
    the guesses are written as ``fields`` tables, to be checked and edited. The events come
    from an ``event`` column when there is one, else from automatic story alignment.
    """
    import shutil

    folder = Path(folder)
    config = folder / "study.toml"
    if config.exists():
        raise ConfigError(f"{config} exists already: edit it, or init another folder")
    folder.mkdir(parents=True, exist_ok=True)
    lines, said, has_event, texts = [], [], False, []
    for i, file in enumerate(map(Path, files)):
        if not file.exists():
            raise ConfigError(f"{file}: no such file")
        fmt = detect_format(file)
        if fmt not in ("csv", "jsonl") and not file.is_dir():
            raise ConfigError(f"{file}: not a .csv, .tsv or .jsonl file (optionally .gz), or "
                              "a folder of scraped pages")
        if not file.resolve().is_relative_to(folder.resolve()):
            target = folder / "raw" / file.name
            target.parent.mkdir(parents=True, exist_ok=True)
            if file.is_dir():
                shutil.copytree(file, target, symlinks=True)
            else:
                shutil.copy2(file, target)
            said.append(f"copied {file} to {target} (a study reads only its own folder)")
            file = target
        rel = file.resolve().relative_to(folder.resolve()).as_posix()
        name = file.name.split(".")[0] or f"input{i + 1}"
        lines += ["[[inputs]]", f"name = {_toml_string(name)}", f"path = {_toml_string(rel)}"]
        if file.is_dir():
            lines += ['format = "page"', ""]
            said.append(f"{rel}: a folder of scraped pages (outlet from the boilerplate)")
            continue
        columns = _header(file)
        fields = guess_fields(columns)
        has_event |= "event" in fields
        texts += _sample_texts(file, fields)
        lines.append("[inputs.fields]")
        lines += [f"{k} = {_toml_string(v)}" for k, v in fields.items()]
        lines.append("")
        unused = [c for c in columns if c not in fields.values()]
        said.append(f"{rel}: " + ", ".join(f"{k} <- {v!r}" for k, v in fields.items())
                    + (f"; not used: {', '.join(map(repr, unused))}" if unused else ""))
        missing = [f for f in ("outlet", "date", "event") if f not in fields]
        if not {"title", "lede", "body"} & fields.keys():
            said.append(f"{rel}: WARNING no text column found (title, lede or body): "
                        "name it in [inputs.fields]")
        if missing:
            said.append(f"{rel}: no column found for {', '.join(missing)}")
    source = "column" if has_event else "stories"
    said.append("events: from the 'event' column" if has_event else
                "events: no event column, so stories found by automatic alignment become the "
                "events (say source = \"catalogue\" and give a catalogue CSV to set them)")
    from .corpus.language import guess_languages

    found = guess_languages(texts)
    languages = [code for code, _ in found] or ["en"]
    said.append(
        "languages: " + ", ".join(f"{code} ({n:,} of {len(texts):,} sampled texts)"
                                  for code, n in found)
        if found else f"languages: none recognised in the {len(texts):,} texts sampled "
                      "(scraped pages are not sampled), so English: set [study] languages to "
                      "the corpus's")
    text = TEMPLATE.format(title=_toml_string(title or folder.resolve().name),
                           inputs="\n".join(lines).rstrip() + "\n", source=source,
                           languages="[" + ", ".join(map(_toml_string, languages)) + "]")
    config.write_text(text, encoding="utf-8")
    return config, said


TEMPLATE = """\
# study.toml: one study of the framing-analysis suite. `make STUDY=<this folder>` (or
# `python -m analysis run <this folder>`) builds the corpus, features, tables, figures and
# report of the study into the folders of [outputs]. Paths are relative to this folder, and
# nothing outside it is read. Every key below is shown with its default.

[study]
title = {title}
# languages the language detector chooses among (ISO 639-1); a column `language` wins.
# `study init` writes those of the texts it sampled. The cue lexicons cover en, pl and ru;
# tone (VADER) and readability, en only
languages = {languages}

# One [[inputs]] table per file or folder. `format` is csv, jsonl or page (a folder of
# scraped .txt pages), inferred from the name when omitted; `.gz` is read transparently.
# [inputs.fields] maps canonical fields to your columns: title, lede, body, url, date,
# outlet (a display name, alias, key, domain or URL), outlet_group (a group for outlets the
# register does not list; without it such an outlet is a group of its own), language,
# event (the event an article covers), event_refs.
# Optional: date_format (strptime; ISO 8601 when omitted), dataset (prefix of event labels).
{inputs}
[outlets]
# register: "project" (the project's data/outlets.toml), "extend" (it, plus the tables of
# `file`, whose outlets replace same-key ones) or "replace" (only `file`). An outlet named
# by the data that no register lists becomes an outlet of its own (group from the
# outlet_group column, else a group of its own), and the ingest report says so.
register = "project"
# file = "outlets.toml"

[events]
# source: "column" (the `event` field), "catalogue" (an event catalogue CSV with date
# windows and keywords, like the project's data/events.csv), "stories" (automatic story
# alignment: TF-IDF cosine >= story_threshold within story_window_days; each story of two
# or more outlets becomes an event named story-NNN, and the corpus says so) or "none".
source = "{source}"
# catalogue = "events.csv"
# relevance_terms = "relevance_terms.csv"   # term,language,note: flags relevant articles
story_threshold = 0.3
story_window_days = 3.0

[comparisons]
# keyness pairs (each gets a figure); by default every pair of outlets (and of groups)
# with enough articles, in the same main language. Give [level, a, b] to choose:
# pairs = [["outlet_group", "russian-state", "western"], ["outlet", "rt", "reuters"]]
# headline = ["group_a", "group_b"]   # the headline contrast table (default: the two
#                                     # largest groups)
# close_reading = ["input name"]      # an input whose articles are read side by side
# reference = "group"   # contrast every other outlet group with this one only, and every
#                       # outlet with its outlets (default: every pair with enough articles)

[thresholds]
contrast_min_articles = 3         # articles each side needs for a contrast (as many as
                                  # the events a paired contrast needs)
within_event_min_per_side = 5     # per side per event, for within-event contrasts (fewer:
                                  # the paired, event-level contrast)
paired_min_events = 3             # shared events for a paired (event-level) contrast
same_event_min_articles = 1       # per group per event, for the same-event views
keyness_min_docs = 20             # per group or outlet in keyness tables
classifier_min_per_group = 30     # event-labelled articles per group for the classifier
keyness_figures_max = 100         # keyness figures per level when no pairs are named (the
                                  # pairs with the most articles; all are in the table)
same_event_figures_max = 50       # same-event figures (the events most groups covered,
                                  # then most articles; every event is in the tables)
same_event_groups_max = 14        # outlet groups per same-event figure (those with the
                                  # most articles on the event; the figure counts the rest)

[lexicons]
# folder = "lexicons"   # CSVs here replace the project's lexicons of the same name

[outputs]
processed = "processed"
tables = "tables"
figures = "figures"
reports = "reports"
"""
