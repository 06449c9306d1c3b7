"""The estimator contract every feature family follows (scikit-learn style)."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

__all__ = ["Batch", "Document", "FeatureFamily", "as_documents", "lexicon_folders",
           "rows_by_language", "same_items"]


class Document(NamedTuple):
    """What a feature family sees of an article: its text, language and text level."""

    text: str
    language: str | None = "en"
    text_level: str = "full"


def as_documents(X: Iterable[str] | pd.DataFrame | pd.Series) -> list[Document]:
    """Turn transformer input into documents.

    A DataFrame needs a ``text`` column and may have ``language`` and ``text_level``
    (as in ``corpus.parquet``); a plain iterable of strings is read as English full text;
    a list of documents is taken as it is (the feature pass makes them once for all
    families).
    """
    if isinstance(X, pd.DataFrame):
        if "text" not in X.columns:
            raise ValueError("a DataFrame given to a feature family needs a 'text' column")
        n = len(X)
        languages = X["language"].tolist() if "language" in X.columns else ["en"] * n
        levels = X["text_level"].tolist() if "text_level" in X.columns else ["full"] * n
        return [Document("" if not isinstance(t, str) else t,
                         lang if isinstance(lang, str) else None,
                         level if isinstance(level, str) else "full")
                for t, lang, level in zip(X["text"].tolist(), languages, levels, strict=True)]
    if isinstance(X, str):
        raise TypeError("give an iterable of texts, not one string")
    if isinstance(X, list) and all(isinstance(x, Document) for x in X):
        return X
    return [Document(t if isinstance(t, str) else "") for t in X]


class Batch:
    """One batch of documents as the columnar engine sees it (about 2,000 documents): the
    unit a family's ``_transform_columnar`` computes at once (its sentences, tokens and
    scores batch-wide, not document by document)."""

    __slots__ = ("_quotations_found", "docs")

    def __init__(self, docs: list[Document]) -> None:
        self.docs = docs
        self._quotations_found = False

    def __len__(self) -> int:
        return len(self.docs)

    def find_quotations(self) -> None:
        """Find the quotation spans of all the batch's texts at once, the first time a
        family asks (:func:`._segment.remember_quote_spans`): ``quote_spans`` of each
        text then gives them."""
        if not self._quotations_found:
            from ._segment import remember_quote_spans

            remember_quote_spans([doc.text for doc in self.docs])
            self._quotations_found = True


def same_items(a: Sequence, b: Sequence) -> bool:
    """Whether `a` and `b` hold the same objects in the same order (what a cache of the
    last call's answer checks: the families of a batch pass the same texts in turn).

    Examples
    --------
    >>> text = "Minsk said no."
    >>> same_items([text], (text,)), same_items([text], ["".join(["Minsk said ", "no."])])
    (True, False)
    """
    return len(a) == len(b) and all(map(operator.is_, a, b))


#: the documents :func:`rows_by_language` was last given (a copy of the list) and its
#: answer: the families of a batch ask for the same documents in turn
_LAST_ROWS: list = [(), {}]


def rows_by_language(docs: list[Document]) -> dict[str | None, list[int]]:
    """Return the positions of `docs` in each language, in order (for families that
    compute a batch's documents of one language together); the same answer again for
    the same documents as the last call's (not to be changed).

    Examples
    --------
    >>> rows_by_language([Document("a"), Document("b", "pl"), Document("c")])
    {'en': [0, 2], 'pl': [1]}
    """
    last, answer = _LAST_ROWS
    if same_items(last, docs):
        return answer
    out: dict[str | None, list[int]] = {}
    for i, doc in enumerate(docs):
        out.setdefault(doc.language, []).append(i)
    _LAST_ROWS[:] = tuple(docs), out
    return out


def lexicon_folders(lexicon_dir: Path | str | Sequence[Path | str] | None) -> list[Path]:
    """The folders a family looks for a lexicon in, first found wins: the given folder(s),
    then the project's ``data/lexicons``.

    Examples
    --------
    >>> [p.name for p in lexicon_folders(["study/lexicons"])]
    ['lexicons', 'lexicons']
    """
    from .lexicons import LEXICON_DIR

    given = ([] if lexicon_dir is None else [lexicon_dir]
             if isinstance(lexicon_dir, str | Path) else list(lexicon_dir))
    return [*map(Path, given), LEXICON_DIR]


class FeatureFamily(TransformerMixin, BaseEstimator):
    """Base of the feature families: transformers from documents to numbers.

    Subclasses set ``prefix`` (``lex``, ``sent``, ...) and ``lexicon_names`` (the lexicons
    they read, ``data/lexicons/<name>.csv``), implement ``_names()`` (feature names without
    the prefix) and ``_transform_one(doc)`` (a row of floats, NaN where a measure does not
    apply), or instead ``_transform_batch(docs)`` (the rows of many documents, where they are
    faster computed together). ``__init__`` only stores parameters; ``fit`` loads the
    lexicons (the fitted state, ``lexicons_``: a folder given as ``lexicon_dir`` overrides the
    project's files of the same name) and drops anything derived from an earlier fit, so
    ``set_params(lexicon_dir=...)`` then ``fit`` scores with the new lexicons;
    ``get_feature_names_out`` gives prefixed names, so ``set_output(transform="pandas")``
    works.
    """

    prefix: str = ""
    lexicon_names: tuple[str, ...] = ()

    def fit(self, X=None, y=None):
        derived = [name for name, value in vars(type(self)).items()
                   if isinstance(value, cached_property)]
        for cls in type(self).__mro__[1:]:
            derived += [n for n, v in vars(cls).items() if isinstance(v, cached_property)]
        for name in derived:
            self.__dict__.pop(name, None)
        from .lexicons import load_lexicon

        self.lexicons_ = {n: load_lexicon(n, self.lexicon_path(n).parent)
                          for n in self.lexicon_names}
        return self

    def lexicon_path(self, name: str) -> Path:
        """The file lexicon `name` is read from: the first of :func:`lexicon_folders` that
        has it."""
        folders = lexicon_folders(getattr(self, "lexicon_dir", None))
        return next((f / f"{name}.csv" for f in folders if (f / f"{name}.csv").exists()),
                    folders[-1] / f"{name}.csv")

    def lexicon_files(self) -> list[Path]:
        """The lexicon files the family reads (fingerprinted by the feature pass)."""
        return [self.lexicon_path(n) for n in self.lexicon_names]

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "lexicons_")

    def _names(self) -> list[str]:
        raise NotImplementedError

    def _transform_one(self, doc: Document) -> list[float]:
        raise NotImplementedError

    def _transform_batch(self, docs: list[Document]) -> np.ndarray:
        return np.array([self._transform_one(doc) for doc in docs], dtype=float)

    def _transform_columnar(self, batch: Batch) -> np.ndarray:
        """The columnar engine's rows for `batch`; a family without its own uses the
        reference (pure-Python) rows."""
        return self._transform_batch(batch.docs)

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        check_is_fitted(self)
        return np.array([f"{self.prefix}__{n}" for n in self._names()], dtype=object)

    def transform(self, X) -> np.ndarray:
        check_is_fitted(self)
        docs = as_documents(X)
        width = len(self.get_feature_names_out())
        if not docs:
            return np.empty((0, width), dtype=float)
        return self._transform_batch(docs)

    def transform_columnar(self, batch: Batch) -> np.ndarray:
        """The same rows as :meth:`transform`, bit for bit, by the columnar engine (the
        feature pass's default; ``--engine python`` uses :meth:`transform`)."""
        check_is_fitted(self)
        if not len(batch):
            return np.empty((0, len(self.get_feature_names_out())), dtype=float)
        return self._transform_columnar(batch)
