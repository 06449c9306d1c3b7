"""Compute every feature family over the corpus, incrementally.

``features.parquet`` holds ``doc_id``, ``text_sha1`` and one column per feature. Its
Parquet metadata records a fingerprint per family (the hash of the family's code and of
the lexicon files it reads). On the next run a family is recomputed only for the articles
whose text changed, or for all articles when its fingerprint changed.

:func:`write_features` (``python -m analysis features``) reads the corpus file a chunk at a
time and writes the features a row group at a time, taking unchanged rows from the earlier
output a row group at a time: its memory depends on the chunk size, not on the corpus.
:func:`update_features` does the same for a corpus held in memory and returns the table.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from tqdm import tqdm

from .._atomic import atomic_write
from ..corpus._datafile import ConfigError
from ..corpus.text import TEXT_LEVELS
from . import parallel
from ._base import FeatureFamily
from .framing import ContestedTerms, Frames
from .lexical import LexicalStyle
from .sentiment import Sentiment
from .sourcing import Sourcing

__all__ = ["ENGINES", "FAMILIES", "bit_differences", "check_corpus", "clear_caches",
           "compute_features", "make_family", "update_features", "write_features"]

_META_KEY = b"analysis.features"


#: Feature families in column order: prefix -> factory.
FAMILIES: dict[str, Callable[[], FeatureFamily]] = {
    "lex": LexicalStyle, "sent": Sentiment, "frame": Frames, "term": ContestedTerms,
    "src": Sourcing,
}
#: How the families compute their rows: "columnar" (batch by batch over token-id arrays,
#: compiled kernels; the default) or "python" (the pure-Python reference pass). Both give
#: the same values, bit for bit (tests/features/test_engines.py, on the whole corpus).
ENGINES = ("columnar", "python")
_INPUT_COLUMNS = parallel.INPUT_COLUMNS
#: rows named in an error message, at most
_SHOWN = 5


def _engine(engine: str | None) -> str:
    """`engine`, one of :data:`ENGINES` (None: the first, the default), or a ValueError."""
    engine = engine or ENGINES[0]
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    return engine


def make_family(prefix: str, lexicon_dir=None) -> FeatureFamily:
    """A fitted family of :data:`FAMILIES`; `lexicon_dir` (a folder or folders, e.g. a
    study's ``lexicons/``) replaces the project's lexicons of the same name."""
    family = FAMILIES[prefix]()
    if family.lexicon_names and lexicon_dir is not None:
        family.set_params(lexicon_dir=lexicon_dir)
    return family.fit()


def clear_caches() -> None:
    """Empty the per-process caches the families share (words, word counts, syllables,
    texts' words and lower-cased forms, the last texts' code points, quotation spans
    (those of the last batch too), the cue matchers' last walk, VADER's cleaned tokens
    and compound scores, the type tables the lexical engine and the target model learn
    types in), as at the start of a process: for benchmarks that time a cold pass. What
    stays is what does not depend on the texts (loaded lexicons and dictionaries,
    character tables, the fitted target model)."""
    from . import _segment, _tokens, _vader, lexical, lexicons, target

    for cache in (lexical._WORD_OF, lexical._TOKEN_FACTS, lexical._WORD_FACTS,
                  _vader._LOWERED, _vader._UPPER):
        cache.clear()
    for function in (lexical.syllables, lexical.text_words, lexical._lexical_types,
                     lexicons._joined, _tokens.joined_codes, _segment._found_by_patterns,
                     _segment._split_at_quotations, target._type_facts, target._compound):
        function.cache_clear()
    _segment._REMEMBERED.clear()
    lexicons._LAST_WALK[0] = None


def _drawn_on(module) -> list:
    """The other modules of this package whose classes or functions `module` imports."""
    names = set()
    for value in vars(module).values():
        name = value.__name__ if inspect.ismodule(value) else getattr(value, "__module__", None)
        if (isinstance(name, str) and name.startswith(f"{__package__}.")
                and name != module.__name__):
            names.add(name)
    return [sys.modules[name] for name in sorted(names)]


def fingerprint(family: FeatureFamily) -> str:
    """Hash a family's code (the modules every family shares, its module and the other
    modules of this package it draws on, such as sentiment's VADER), its parameters and the
    lexicon files it reads."""
    digest = hashlib.sha256()
    from . import _base, _segment, _tokens, lexical, lexicons

    shared = (_base, _segment, _tokens, lexical, lexicons)
    own = inspect.getmodule(type(family))
    for module in (*shared, own, *(m for m in _drawn_on(own) if m not in shared)):
        digest.update(inspect.getsource(module).encode("utf-8"))
    digest.update(repr(sorted(family.get_params().items())).encode("utf-8"))
    for path in getattr(family, "lexicon_files", lambda: [])():
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def text_hash(texts: pd.Series) -> pd.Series:
    """Return the SHA-1 of each text (what decides whether an article's features are stale)."""
    return texts.map(lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest())


#: the problems :func:`check_corpus` looks for, in the order it names them
_PROBLEMS = ("doc_id is missing", "doc_id repeats an earlier row's",
             "text is missing or not a string",
             f"text_level is not one of {', '.join(TEXT_LEVELS)}")


def check_corpus(corpus: pd.DataFrame, source: str | Path = "the corpus") -> None:
    """Check that `corpus` holds what the features rest on, or say where it does not.

    It needs the columns ``doc_id``, ``text``, ``language`` and ``text_level`` of the
    corpus contract; every ``doc_id`` present and unique (features are joined to articles
    by it); every ``text`` a string; every ``text_level`` one of full, lede and headline
    (the measures that a bare headline lacks depend on it). ``language`` may be missing: a
    measure that needs a language is then NaN. (:func:`write_features` checks a corpus
    file alike, without holding its texts.)

    Raises
    ------
    ConfigError
        Naming `source`, each problem and its rows (position in the file, and doc_id).

    Examples
    --------
    >>> bad = pd.DataFrame({"doc_id": ["a", "a"], "text": ["One.", None],
    ...                     "language": "en", "text_level": "lede"})
    >>> check_corpus(bad, "my.parquet")
    Traceback (most recent call last):
    ...
    analysis.corpus._datafile.ConfigError: my.parquet: 2 problem(s)
      doc_id repeats an earlier row's: row 1 (doc_id 'a')
      text is missing or not a string: row 1 (doc_id 'a')
    """
    _needs(corpus.columns, source)
    ids = corpus["doc_id"]
    bad = [ids.isna(), ids.duplicated() & ids.notna(),
           ~corpus["text"].map(lambda t: isinstance(t, str)),
           ~corpus["text_level"].isin(TEXT_LEVELS)]
    _refuse(source, {what: np.flatnonzero(np.asarray(rows, dtype=bool))
                     for what, rows in zip(_PROBLEMS, bad, strict=True)},
            lambda rows: ids.iloc[rows].tolist())


def _needs(columns, source: str | Path) -> None:
    missing = [c for c in ("doc_id", *_INPUT_COLUMNS) if c not in columns]
    if missing:
        raise ConfigError(f"{source}: no column {', '.join(map(repr, missing))}; a corpus "
                          "needs doc_id, text, language and text_level (the corpus contract)")


def _refuse(source: str | Path, problems: dict[str, np.ndarray],
            doc_ids: Callable[[np.ndarray], list]) -> None:
    """Raise the error naming each of `problems` (its rows, in order) with its first rows
    and their doc_ids (`doc_ids` of some rows), if there is any."""
    lines = []
    for what, rows in problems.items():
        if len(rows):
            shown = ", ".join(f"row {r} (doc_id {i!r})" if pd.notna(i)
                              else f"row {r} (no doc_id)"
                              for r, i in zip(rows[:_SHOWN], doc_ids(rows[:_SHOWN]),
                                              strict=True))
            more = f" and {len(rows) - _SHOWN} more" if len(rows) > _SHOWN else ""
            lines.append(f"  {what}: {shown}{more}")
    if lines:
        raise ConfigError(f"{source}: {len(lines)} problem(s)\n" + "\n".join(lines))


def _check_file(file: pq.ParquetFile, source: Path) -> None:
    """:func:`check_corpus` for a corpus file, holding its ``doc_id`` column as Arrow
    strings (about 100 MB a million articles, read and sorted) and the rest a row group at
    a time: repeated doc_ids are neighbours in sorted order, texts present are known from
    the row groups' statistics (:func:`_texts_present`)."""
    _needs(file.schema_arrow.names, source)
    ids = file.read(columns=["doc_id"]).column("doc_id").combine_chunks()
    if not (pa.types.is_string(ids.type) or pa.types.is_large_string(ids.type)):
        ids = ids.cast(pa.string())  # a doc_id that is not text is named as it reads
    # the rows whose doc_id equals a neighbour's in sorted order (nulls sort last, apart)
    order = pc.sort_indices(ids).to_numpy()
    ranked = ids.take(order)
    same = pc.fill_null(pc.equal(ranked[1:], ranked[:-1]), False).to_numpy(
        zero_copy_only=False) if len(ids) > 1 else np.zeros(0, bool)
    candidates = np.unique(np.concatenate([order[1:][same], order[:-1][same]]))
    again = candidates[pd.Series(ids.take(candidates).to_pylist()).duplicated().to_numpy()]
    levels, first = [], 0
    for batch in file.iter_batches(columns=["text_level"]):
        ok = pc.fill_null(pc.is_in(batch.column(0), value_set=pa.array(TEXT_LEVELS)), False)
        levels.append(first + np.flatnonzero(~ok.to_numpy(zero_copy_only=False)))
        first += batch.num_rows
    bad = [np.flatnonzero(~pc.is_valid(ids).to_numpy(zero_copy_only=False)), again,
           np.flatnonzero(~_texts_present(file)),
           np.concatenate([np.zeros(0, np.int64), *levels])]
    _refuse(source, dict(zip(_PROBLEMS, bad, strict=True)),
            lambda rows: ids.take(pa.array(rows, pa.int64())).to_pylist())


def bit_differences(left: pd.DataFrame, right: pd.DataFrame) -> dict[str, int]:
    """Per column of `left`, how many rows differ from `right` bit for bit: NaN counts
    equal to NaN; otherwise the 64-bit patterns must match, so -0.0 and 0.0 differ (how
    the engines and the workers are held to the reference).

    Examples
    --------
    >>> a = pd.DataFrame({"x": [1.0, 0.0, np.nan, 2.0]})
    >>> bit_differences(a, pd.DataFrame({"x": [1.0, -0.0, np.nan, 2.0]}))
    {'x': 1}
    """
    out = {}
    for column in left.columns:
        a = left[column].to_numpy(dtype=float)
        b = right[column].to_numpy(dtype=float)
        nan_a, nan_b = np.isnan(a), np.isnan(b)
        bits = a.view(np.int64) != b.view(np.int64)
        n = int(((nan_a != nan_b) | (bits & ~nan_a & ~nan_b)).sum())
        if n:
            out[column] = n
    return out


def compute_features(corpus: pd.DataFrame, families: dict[str, FeatureFamily] | None = None,
                     progress: bool | None = None, engine: str | None = None,
                     workers: int = 1, scheduler: str | None = None) -> pd.DataFrame:
    """Compute every family for every article of `corpus`, in batches, by `engine` (one of
    :data:`ENGINES`; None: the first, the default), on `workers` processes or the Dask
    cluster at `scheduler` (:mod:`.parallel`; the same values whichever).

    Returns a DataFrame with ``doc_id`` and the families' columns, in corpus order.
    """
    engine = _engine(engine)
    families = families if families is not None else {k: make_family(k) for k in FAMILIES}
    names = [n for family in families.values() for n in family.get_feature_names_out()]
    values = parallel.run(corpus, families, engine, workers, scheduler, progress)
    out = pd.DataFrame(values, columns=names, copy=False)
    out.insert(0, "doc_id", corpus["doc_id"].array)
    return out


def _key_hash(doc_ids: pd.Series, hashes: pd.Series) -> np.ndarray:
    """A 64-bit hash of each (doc_id, text_sha1), the same in every process."""
    return pd.util.hash_pandas_object(pd.DataFrame({"d": doc_ids.to_numpy(),
                                                    "h": hashes.to_numpy()}),
                                      index=False).to_numpy()


class _Previous:
    """An earlier ``features.parquet``: its families' fingerprints, and the values of its
    rows looked up by (doc_id, text_sha1), a row group at a time (the rows of a corpus
    chunk are in one or two row groups when the corpus kept its order). Its keys are held
    as sorted 64-bit hashes (16 bytes a row); a row found by its hash is taken only if its
    doc_id and text_sha1 are the ones looked for."""

    def __init__(self, path: Path) -> None:
        self.prints: dict[str, str] = {}
        self.columns: set[str] = set()
        self._file = None
        if not path.exists():
            return
        try:
            file = pq.ParquetFile(path)
            meta = json.loads((file.schema_arrow.metadata or {}).get(_META_KEY, b"{}"))
            keys = np.concatenate([np.zeros(0, np.uint64)] + [
                _key_hash(*(t.column(c).to_pandas() for c in ("doc_id", "text_sha1")))
                for t in (file.read_row_group(g, columns=["doc_id", "text_sha1"])
                          for g in range(file.num_row_groups))])
        except (OSError, ValueError, KeyError, pa.ArrowException):
            return  # unreadable previous output: recompute everything
        self._order = np.argsort(keys, kind="stable")
        self._sorted = keys[self._order]
        if (self._sorted[1:] == self._sorted[:-1]).any():
            return  # a key twice: not written by this pass (its doc_ids are unique)
        self.prints = meta.get("families", {})
        self.columns = set(file.schema_arrow.names)
        self._file = file
        sizes = [file.metadata.row_group(g).num_rows for g in range(file.num_row_groups)]
        self._starts = np.cumsum([0, *sizes])
        self._group: tuple[int, tuple[str, ...], pd.DataFrame] | None = None

    def reusable(self, prefix: str, fingerprint_: str, names: list[str]) -> bool:
        return (self._file is not None and self.prints.get(prefix) == fingerprint_
                and set(names) <= self.columns)

    def values(self, doc_ids: pd.Series, hashes: pd.Series, names: list[str]
               ) -> tuple[np.ndarray, np.ndarray]:
        """(found, values): which rows the earlier output holds with the same text, and
        their values of `names` (a row per found row)."""
        wanted = _key_hash(doc_ids, hashes)
        k = np.minimum(np.searchsorted(self._sorted, wanted), len(self._sorted) - 1)
        found = (self._sorted[k] == wanted) if len(self._sorted) else np.zeros(len(wanted),
                                                                                 bool)
        positions = np.full(len(wanted), -1)
        positions[found] = self._order[k[found]]
        out = np.empty((len(wanted), len(names)))
        groups = np.searchsorted(self._starts, positions, side="right") - 1
        for group in np.unique(groups[found]):
            at = found & (groups == group)
            rows = self._read(int(group), tuple(names)).iloc[positions[at] - self._starts[group]]
            same = ((rows["doc_id"].to_numpy() == doc_ids.to_numpy()[at])
                    & (rows["text_sha1"].to_numpy() == hashes.to_numpy()[at]))
            out[at] = rows[list(names)].to_numpy(dtype=float)
            found[np.flatnonzero(at)[~same]] = False  # a hash shared by another key
        return found, out[found]

    def _read(self, group: int, names: tuple[str, ...]) -> pd.DataFrame:
        if self._group is None or self._group[:2] != (group, names):
            table = self._file.read_row_group(group, columns=["doc_id", "text_sha1", *names])
            self._group = (group, names, table.to_pandas())
        return self._group[2]


#: rows of ``features.parquet`` written as one row group
ROW_GROUP = 10 * parallel.CHUNK


def update_features(corpus: pd.DataFrame, out: Path, progress: bool | None = None,
                    source: str | Path = "the corpus", lexicon_dir=None,
                    engine: str | None = None, workers: int = 1,
                    scheduler: str | None = None) -> tuple[pd.DataFrame, dict[str, int]]:
    """Bring ``features.parquet`` up to date with `corpus`; return it and what was recomputed.

    `source` names the corpus (its file) in the error raised when :func:`check_corpus`
    finds it unfit; `lexicon_dir` (a study's ``lexicons/``) replaces the project's lexicons
    of the same name, and is fingerprinted like them; `engine`, `workers` and `scheduler`
    say how the stale rows are computed, as for :func:`compute_features`.
    :func:`write_features` does the same from a corpus file, holding a chunk of it at a
    time.

    Returns
    -------
    (features, recomputed)
        ``recomputed`` maps each family prefix to the number of articles computed afresh.
    """
    check_corpus(corpus, source)
    corpus = corpus.reset_index(drop=True)
    chunks = (corpus.iloc[a:a + parallel.CHUNK] for a in range(0, len(corpus), parallel.CHUNK))
    recomputed = _update(chunks, len(corpus), Path(out), progress, lexicon_dir, engine,
                         workers, scheduler)
    return pd.read_parquet(out), recomputed


def write_features(corpus_path: Path, out: Path, progress: bool | None = None,
                   lexicon_dir=None, engine: str | None = None, workers: int = 1,
                   scheduler: str | None = None) -> tuple[int, dict[str, int]]:
    """:func:`update_features` for the corpus in the Parquet file `corpus_path`, read a
    chunk of :data:`~.parallel.CHUNK` rows at a time and written a row group at a time:
    memory depends on the chunk size, not on the corpus (with every core busy, a few
    chunks are held), but for the doc_ids (:func:`_check_file`, which checks the corpus
    first as :func:`check_corpus` does).

    Returns
    -------
    (rows, recomputed)
        The number of articles, and what :func:`update_features` returns as ``recomputed``.
    """
    corpus_path = Path(corpus_path)
    file = pq.ParquetFile(corpus_path)
    _check_file(file, corpus_path)
    n = file.metadata.num_rows
    chunks = (batch.to_pandas() for batch in file.iter_batches(
        batch_size=parallel.CHUNK, columns=["doc_id", *_INPUT_COLUMNS]))
    return n, _update(chunks, n, Path(out), progress, lexicon_dir, engine, workers,
                      scheduler)


def _texts_present(file: pq.ParquetFile) -> np.ndarray:
    """Whether each row's ``text`` is a string: from each row group's statistics where
    they say it has no null (the texts are not read), else from its text column."""
    if not {pa.string(), pa.large_string()} & {file.schema_arrow.field("text").type}:
        return np.zeros(file.metadata.num_rows, dtype=bool)
    column = file.schema_arrow.names.index("text")
    parts = [np.zeros(0, bool)]
    for group in range(file.num_row_groups):
        meta = file.metadata.row_group(group)
        stats = meta.column(column).statistics
        if stats is not None and stats.has_null_count and stats.null_count == 0:
            parts.append(np.ones(meta.num_rows, bool))
        else:
            table = file.read_row_group(group, columns=["text"])
            parts.append(table.column(0).is_valid().to_numpy(zero_copy_only=False))
    return np.concatenate(parts)


def _update(chunks: Iterator[pd.DataFrame], n_rows: int, out: Path, progress: bool | None,
            lexicon_dir, engine: str | None, workers: int, scheduler: str | None
            ) -> dict[str, int]:
    """Write ``features.parquet`` at `out` for the corpus coming in `chunks` (``doc_id``
    and :data:`INPUT_COLUMNS`, :data:`~.parallel.CHUNK` rows each, in order): per chunk,
    each family's values come from the earlier output where its fingerprint and the
    article's text are unchanged, and are computed otherwise, the families with the same
    stale rows in one pass. Returns the number of articles computed afresh per family."""
    engine = _engine(engine)
    workers = parallel.processes_for(n_rows, workers)
    previous = _Previous(out)
    families = {prefix: make_family(prefix, lexicon_dir) for prefix in FAMILIES}
    prints = {prefix: fingerprint(f) for prefix, f in families.items()}
    names = {prefix: list(f.get_feature_names_out()) for prefix, f in families.items()}
    reuse = [p for p in FAMILIES if previous.reusable(p, prints[p], names[p])]
    every = [n for prefix in FAMILIES for n in names[prefix]]
    schema = pa.schema([("doc_id", pa.large_string()), ("text_sha1", pa.large_string()),
                        *((n, pa.float64()) for n in every)],
                       metadata={_META_KEY: json.dumps({"families": prints},
                                                       sort_keys=True).encode("utf-8")})
    reused = [n for prefix in reuse for n in names[prefix]]
    column = {n: j for j, n in enumerate(every)}
    recomputed = dict.fromkeys(FAMILIES, 0)
    # chunk -> [its doc_ids, text hashes and values (a column per feature), its tasks not
    # yet done]; numpy, not a DataFrame, whose setting of many columns costs more than
    # the work of a chunk's smaller families
    held: dict[int, list] = {}
    # the families computed together, per set of stale rows (one object per set, so that
    # the workers fit each set once)
    together: dict[tuple[str, ...], dict[str, FeatureFamily]] = {}

    def tasks(flush: Callable[[], None]) -> Iterator[parallel.Task]:
        first = 0
        for k, chunk in enumerate(chunks):
            chunk = chunk.reset_index(drop=True)
            hashes = text_hash(chunk["text"])
            values = np.full((len(chunk), len(every)), np.nan)
            found = np.zeros(len(chunk), dtype=bool)
            if reuse:
                found, kept = previous.values(chunk["doc_id"], hashes, reused)
                values[np.ix_(np.flatnonzero(found), [column[n] for n in reused])] = kept
            stale_rows: dict[bytes, tuple[np.ndarray, list[str]]] = {}
            for prefix in FAMILIES:
                stale = ~found if prefix in reuse else np.ones(len(chunk), dtype=bool)
                recomputed[prefix] += int(stale.sum())
                stale_rows.setdefault(stale.tobytes(), (stale, []))[1].append(prefix)
            todo = [(stale, prefixes) for stale, prefixes in stale_rows.values() if stale.any()]
            held[k] = [(chunk["doc_id"].to_numpy(object), hashes.to_numpy(object), values),
                       len(todo)]
            if not todo:
                flush()
            for stale, prefixes in todo:
                group = together.setdefault(tuple(prefixes),
                                            {p: families[p] for p in prefixes})
                rows = np.flatnonzero(stale)
                yield parallel.Task((k, tuple(prefixes), rows), chunk.loc[stale], group,
                                    first + int(rows[0]), first + int(rows[-1]))
            first += len(chunk)

    def write(file: str) -> None:
        with (pq.ParquetWriter(file, schema) as writer,
              tqdm(total=n_rows, desc=f"features ({', '.join(FAMILIES)})", unit=" articles",
                   disable=None if progress is None else not progress) as bar):
            ready: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
            done = 0  # chunks written or waiting in `ready`

            def flush(last: bool = False) -> None:
                """Move the finished chunks that come next to `ready`, and write them as
                row groups of :data:`ROW_GROUP` rows once they make one (the rest at the
                `last`): the file is the same however many workers finish chunks when."""
                nonlocal done
                while done in held and held[done][1] == 0:
                    ready.append(held.pop(done)[0])
                    bar.update(len(ready[-1][0]))
                    done += 1
                rows = sum(len(r[0]) for r in ready)
                if ready and (last or rows >= ROW_GROUP):
                    ids, hashes, values = (np.concatenate(part)
                                           for part in zip(*ready, strict=True))
                    n = rows if last else rows - rows % ROW_GROUP
                    # as from pandas: a NaN is written as null; each column made contiguous
                    # first (a strided column converts several times slower)
                    block = [pa.array(ids[:n], pa.large_string()),
                             pa.array(hashes[:n], pa.large_string()),
                             *(pa.array(feature, from_pandas=True)
                               for feature in np.ascontiguousarray(values[:n].T))]
                    writer.write_table(pa.Table.from_arrays(block, schema=schema),
                                       row_group_size=ROW_GROUP)
                    # the rest copied: a view would keep the whole block alive
                    ready[:] = [(ids[n:].copy(), hashes[n:].copy(), values[n:].copy())
                                ] if n < rows else []

            for (k, prefixes, rows), values in parallel.results(tasks(flush), engine, workers,
                                                                scheduler):
                columns = [column[n] for p in prefixes for n in names[p]]
                held[k][0][2][np.ix_(rows, columns)] = values
                held[k][1] -= 1
                flush()
            flush(last=True)
            if not done:  # no rows: the file still has its columns
                writer.write_table(schema.empty_table())

    atomic_write(out, write)
    return recomputed
