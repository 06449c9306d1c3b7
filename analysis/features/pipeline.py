"""Compute every feature family over the corpus, incrementally.

``features.parquet`` holds ``doc_id``, ``text_sha1`` and one column per feature. Its
Parquet metadata records a fingerprint per family (the hash of the family's code and of
the lexicon files it reads). On the next run a family is recomputed only for the articles
whose text changed, or for all articles when its fingerprint changed.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

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
           "compute_features", "make_family", "update_features"]

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


def make_family(prefix: str, lexicon_dir=None) -> FeatureFamily:
    """A fitted family of :data:`FAMILIES`; `lexicon_dir` (a folder or folders, e.g. a
    study's ``lexicons/``) replaces the project's lexicons of the same name."""
    family = FAMILIES[prefix]()
    if family.lexicon_names and lexicon_dir is not None:
        family.set_params(lexicon_dir=lexicon_dir)
    return family.fit()


def clear_caches() -> None:
    """Empty the per-process caches the families share (words, word counts, syllables,
    texts' words and lower-cased forms, quotation spans, VADER's cleaned tokens), as at the
    start of a process: for benchmarks that time a cold pass."""
    from . import _segment, _vader, lexical, lexicons

    for cache in (lexical._WORD_OF, lexical._TOKEN_FACTS, lexical._WORD_FACTS,
                  _vader._LOWERED, _vader._UPPER):
        cache.clear()
    for function in (lexical.syllables, lexical.text_words, lexicons._lowered,
                     _segment.quote_spans, _segment.split_quoted):
        function.cache_clear()


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
    from . import _base, _segment, lexical, lexicons

    shared = (_base, _segment, lexical, lexicons)
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


def check_corpus(corpus: pd.DataFrame, source: str | Path = "the corpus") -> None:
    """Check that `corpus` holds what the features rest on, or say where it does not.

    It needs the columns ``doc_id``, ``text``, ``language`` and ``text_level`` of the
    corpus contract; every ``doc_id`` present and unique (features are joined to articles
    by it); every ``text`` a string; every ``text_level`` one of full, lede and headline
    (the measures that a bare headline lacks depend on it). ``language`` may be missing: a
    measure that needs a language is then NaN.

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
    missing = [c for c in ("doc_id", *_INPUT_COLUMNS) if c not in corpus.columns]
    if missing:
        raise ConfigError(f"{source}: no column {', '.join(map(repr, missing))}; a corpus "
                          "needs doc_id, text, language and text_level (the corpus contract)")
    ids = corpus["doc_id"]
    checks = {
        "doc_id is missing": ids.isna(),
        "doc_id repeats an earlier row's": ids.duplicated() & ids.notna(),
        "text is missing or not a string": ~corpus["text"].map(lambda t: isinstance(t, str)),
        f"text_level is not one of {', '.join(TEXT_LEVELS)}":
            ~corpus["text_level"].isin(TEXT_LEVELS),
    }
    lines = []
    for what, bad in checks.items():
        rows = np.flatnonzero(bad.to_numpy(dtype=bool))
        if len(rows):
            shown = ", ".join(f"row {r} (doc_id {ids.iat[r]!r})" if pd.notna(ids.iat[r])
                              else f"row {r} (no doc_id)" for r in rows[:_SHOWN])
            more = f" and {len(rows) - _SHOWN} more" if len(rows) > _SHOWN else ""
            lines.append(f"  {what}: {shown}{more}")
    if lines:
        raise ConfigError(f"{source}: {len(lines)} problem(s)\n" + "\n".join(lines))


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
    engine = engine or ENGINES[0]
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    families = families if families is not None else {k: make_family(k) for k in FAMILIES}
    names = [n for family in families.values() for n in family.get_feature_names_out()]
    values = parallel.run(corpus, families, engine, workers, scheduler, progress)
    out = pd.DataFrame(values, columns=names, copy=False)
    out.insert(0, "doc_id", corpus["doc_id"].array)
    return out


def _read_previous(path: Path) -> tuple[pd.DataFrame | None, dict[str, str]]:
    if not path.exists():
        return None, {}
    try:
        table = pq.read_table(path)
        meta = json.loads((table.schema.metadata or {}).get(_META_KEY, b"{}"))
        return table.to_pandas(), meta.get("families", {})
    except (OSError, ValueError, pa.ArrowException):
        return None, {}  # unreadable previous output: recompute everything


def update_features(corpus: pd.DataFrame, out: Path, progress: bool | None = None,
                    source: str | Path = "the corpus", lexicon_dir=None,
                    engine: str | None = None, workers: int = 1,
                    scheduler: str | None = None) -> tuple[pd.DataFrame, dict[str, int]]:
    """Bring ``features.parquet`` up to date with `corpus`; return it and what was recomputed.

    `source` names the corpus (its file) in the error raised when :func:`check_corpus`
    finds it unfit; `lexicon_dir` (a study's ``lexicons/``) replaces the project's lexicons
    of the same name, and is fingerprinted like them; `engine`, `workers` and `scheduler`
    are passed to :func:`compute_features` (the families whose stale articles are the same
    are computed in one pass).

    Returns
    -------
    (features, recomputed)
        ``recomputed`` maps each family prefix to the number of articles computed afresh.
    """
    check_corpus(corpus, source)
    out = Path(out)
    corpus = corpus.reset_index(drop=True)
    hashes = text_hash(corpus["text"])
    previous, old_prints = _read_previous(out)
    columns = [corpus[["doc_id"]].assign(text_sha1=hashes)]
    prints: dict[str, str] = {}
    blocks: dict[str, pd.DataFrame] = {}
    stale_rows: dict[bytes, tuple[np.ndarray, dict[str, FeatureFamily]]] = {}
    for prefix in FAMILIES:
        family = make_family(prefix, lexicon_dir)
        prints[prefix] = fingerprint(family)
        names = list(family.get_feature_names_out())
        stale = np.ones(len(corpus), dtype=bool)
        block = pd.DataFrame(np.nan, index=corpus.index, columns=names)
        if (previous is not None and old_prints.get(prefix) == prints[prefix]
                and set(names) <= set(previous.columns)):
            old = previous.set_index(["doc_id", "text_sha1"])[names]
            key = pd.MultiIndex.from_arrays([corpus["doc_id"], hashes])
            found = key.isin(old.index)
            block.loc[found] = old.loc[key[found]].to_numpy()
            stale = ~found
        blocks[prefix] = block
        stale_rows.setdefault(stale.tobytes(), (stale, {}))[1][prefix] = family
    for stale, families in stale_rows.values():
        if stale.any():
            fresh = compute_features(corpus.loc[stale], families, progress, engine, workers,
                                     scheduler)
            for prefix, family in families.items():
                names = list(family.get_feature_names_out())
                blocks[prefix].loc[stale] = fresh[names].to_numpy()
    recomputed = {prefix: int(stale.sum()) for stale, families in stale_rows.values()
                  for prefix in families}
    features = pd.concat([*columns, *(blocks[prefix] for prefix in FAMILIES)], axis=1)
    table = pa.Table.from_pandas(features, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[_META_KEY] = json.dumps({"families": prints}, sort_keys=True).encode("utf-8")
    atomic_write(out, lambda p: pq.write_table(table.replace_schema_metadata(meta), p))
    return features, {prefix: recomputed[prefix] for prefix in FAMILIES}
