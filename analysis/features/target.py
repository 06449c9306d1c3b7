"""Sentiment toward a target mention, not toward the sentence (target-dependent polarity).

A sentence can be glad about a target's misfortune: in "The crowd cheered as the dictator
was finally jailed." the sentence is positive and the dictator's lot negative. Sentence
tone (VADER of the whole sentence) cannot tell the two apart. This module classifies the
polarity *toward* one mention (-1 negative, 0 neutral, 1 positive) with a multinomial
logistic regression over features of the mention's context, in the spirit of the
feature-based target-dependent classifiers of Jiang et al. (2011) and Vo & Zhang (2015),
trained on NewsMTSC (Hamborg & Donnay 2021):

- the words in a window of ``WINDOW`` words to the left and to the right of the mention,
  each side apart and lower-cased, with the mention itself masked (so the model learns
  what is said around a target, not who the targets of the training data were);
- VADER compound scores (Hutto & Gilbert 2014) of the clause holding the mention (between
  the nearest commas, semicolons, colons, dashes or brackets), of each side's window and
  of the whole sentence;
- whether a negation (VADER's list) stands in the window, whether a reporting verb
  follows the mention closely (the target is a speaker: what it says is not said about
  it; Bell 1991) or precedes it, whether the mention opens the sentence or stands inside
  quotation marks.

The model is fitted on the ``train`` part of NewsMTSC's training split
(``data/validation/newsmtsc/train.jsonl.gz``); the ``held_out`` part, drawn once with a
fixed seed before anything was tuned (``data/validation/newsmtsc_split.csv``, whole
sentences), is only scored (notebook 07, ``tables/target_sentiment_validity.csv``). The fit
is deterministic (fixed solver, no random state used) and takes a few seconds; it is done
once per process (:func:`target_model`). Nothing is downloaded.

NewsMTSC is English US political news: the measure is English-only, and how it transfers
to Russia–Belarus coverage is not measured.

References
----------
Bell, A. (1991). The Language of News Media. Blackwell.
Hamborg, F. & Donnay, K. (2021). NewsMTSC: a dataset for (multi-)target-dependent
    sentiment classification in political news articles. Proceedings of EACL.
Hutto, C. J. & Gilbert, E. (2014). VADER: a parsimonious rule-based model for sentiment
    analysis of social media text. Proceedings of ICWSM 8(1).
Jiang, L., Yu, M., Zhou, M., Liu, X. & Zhao, T. (2011). Target-dependent Twitter sentiment
    classification. Proceedings of ACL, 151-160.
Vo, D.-T. & Zhang, Y. (2015). Target-dependent Twitter sentiment classification with rich
    automatic features. Proceedings of IJCAI, 1347-1353.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import deque
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from itertools import chain, repeat
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from numba import njit
from scipy.sparse import csr_array, sparray
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from threadpoolctl import threadpool_limits

from .._paths import DATA
from ._stored import STORE, stored
from ._tokens import (
    TYPE_LIMIT,
    TypeTable,
    character_table,
    join_spans,
    join_texts,
    ranges,
    space_tokens,
)
from ._vader import Vader
from ._vaderkernels import ColumnarVader

__all__ = ["NEWSMTSC", "NEWSMTSC_SPLIT", "WINDOW", "by_sentence", "context_features",
           "fit_target_model", "load_newsmtsc_targets", "mention_polarities", "split_newsmtsc",
           "target_model", "target_sentiment"]

NEWSMTSC = DATA / "validation" / "newsmtsc" / "train.jsonl.gz"
NEWSMTSC_SPLIT = DATA / "validation" / "newsmtsc_split.csv"
#: the seed of the train / held-out split of NewsMTSC's sentences, and the held-out share
SPLIT_SEED = 20261204
HELD_OUT_SHARE = 0.25
#: words on each side of the mention
WINDOW = 6
#: characters of a left context tokenised first (:func:`_window`)
_TAIL = 160
#: inverse regularisation strength, chosen among 0.1, 0.3 and 1 by 5-fold cross-validation
#: on the train part, folds grouped by sentence (macro-F1 0.614, 0.618, 0.612)
C = 0.3
_POLARITY = {2.0: -1, 4.0: 0, 6.0: 1}
#: the apostrophes a token may hold, between two runs of letters or digits
_APOSTROPHES = "'’"
_TOKEN = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)?")
#: where a clause ends: punctuation, a dash, or a subordinating conjunction or relative
#: pronoun ("The crowd cheered | as the dictator was jailed")
_BREAK_CHARACTERS = ",;:()[]—–"
_BREAK_WORDS = ("as", "while", "but", "after", "because", "when", "although", "though",
                "whereas", "since", "until", "who", "whom", "which", "whose", "and")
_CLAUSE_BREAK = re.compile(
    rf"[{re.escape(_BREAK_CHARACTERS)}]|\s-\s|\b(?:{'|'.join(_BREAK_WORDS)})\b",
    re.IGNORECASE)
_QUOTES = "\"“”„«»"
_NEGATIONS = frozenset({
    "not", "no", "never", "nor", "none", "nothing", "nobody", "neither", "without",
    "cannot", "hardly", "barely", "rarely", "seldom", "despite", "n't"})
#: English reporting verbs (neutral and evaluative; after Bell 1991 and the project's
#: ``reporting_verbs.csv``), as word forms
_REPORTING = frozenset(
    f"{stem}{end}" for stem, ends in (
        ("say", ("", "s")), ("said", ("",)), ("tell", ("", "s")), ("told", ("",)),
        ("add", ("", "s", "ed")), ("claim", ("", "s", "ed")), ("state", ("", "s", "d")),
        ("argue", ("", "s", "d")), ("insist", ("", "s", "ed")), ("deny", ("",)),
        ("denies", ("",)), ("denied", ("",)), ("accuse", ("", "s", "d")),
        ("warn", ("", "s", "ed")), ("announce", ("", "s", "d")), ("declare", ("", "s", "d")),
        ("note", ("", "s", "d")), ("write", ("", "s")), ("wrote", ("",)),
        ("tweet", ("", "s", "ed")), ("allege", ("", "s", "d")), ("admit", ("", "s", "ted")),
        ("suggest", ("", "s", "ed")), ("explain", ("", "s", "ed")), ("according", ("",)))
    for end in ends)


def _tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def _window(text: str, last: bool) -> list[str]:
    """The first (or `last`) ``WINDOW`` of :func:`_tokens` of `text`, without tokenising
    all of a long text: no token holds a space, so a scan up to a space finds the tokens
    before it that a scan of the whole text finds, and a scan from just after a space the
    tokens after it; the window is looked for in the text's head (or tail) first."""
    part = []
    if len(text) > _TAIL:
        if last:
            cut = text.rfind(" ", 0, len(text) - _TAIL)
            part = _TOKEN.findall(text, cut + 1) if cut >= 0 else []
        else:
            cut = text.find(" ", _TAIL)
            part = _TOKEN.findall(text, 0, cut) if cut >= 0 else []
    if len(part) < WINDOW:
        part = _TOKEN.findall(text)
    return [t.lower().replace("’", "'") for t in (part[-WINDOW:] if last else part[:WINDOW])]


@cache
def _vader() -> Vader:
    return Vader()


@lru_cache(maxsize=1 << 16)
def _compound(text: str) -> float:
    return _vader().compound(text) if text.strip() else 0.0


#: the rest of the word a mention ends in: letters, digits, apostrophes (``[^\W_]`` is
#: what ``str.isalnum`` accepts)
_WORD_REST = re.compile(rf"(?:[^\W_]|[{_APOSTROPHES}])*")


def _mention_end(sentence: str, end: int) -> int:
    """The end of the word in which the mention ends ("Russia" in "Russian's")."""
    return _WORD_REST.match(sentence, end).end()


def context_features(sentence: str, start: int, end: int) -> dict[str, float]:
    """Features of the context of the mention ``sentence[start:end]``, the mention masked.

    Examples
    --------
    >>> f = context_features("Critics said Lukashenko lied again.", 13, 23)
    >>> sorted(k for k in f if k.startswith(("l:", "r:")))
    ['l:critics', 'l:said', 'r:again', 'r:lied']
    >>> f["reported"], f["speaker"]
    (1.0, 0.0)
    """
    words, texts, rest = _context(sentence, start, end)
    return _with_scores(words, [_compound(t) for t in texts], rest)


def _last_break_end(text: str) -> int:
    """Where the last match of ``_CLAUSE_BREAK`` in `text` ends (0 if none), scanning only
    from the last break character: no other match can hold one of those characters, so
    the scan from the start matches that character alone and, from just after it, finds
    what a scan from there finds (``finditer`` from a position still sees the characters
    before it for ``\b``)."""
    k = max(map(text.rfind, _BREAK_CHARACTERS))
    last = deque(_CLAUSE_BREAK.finditer(text, k + 1), maxlen=1)
    return last[0].end() if last else k + 1


def _context(sentence: str, start: int, end: int,
             ) -> tuple[dict[str, float], tuple[str, str, str, str], dict[str, float]]:
    """:func:`context_features` but VADER's: the window words, the texts VADER scores (the
    sentence with the mention masked, the clause, the left and the right window), and the
    other features."""
    end = _mention_end(sentence, end)
    left_text, right_text = sentence[:start], sentence[end:]
    left, right = _window(left_text, last=True), _window(right_text, last=False)
    words = dict.fromkeys([f"l:{t}" for t in left] + [f"r:{t}" for t in right], 1.0)
    # the clause holding the mention: from the last break before it to the first after it
    clause_start = _last_break_end(left_text)
    after = _CLAUSE_BREAK.search(right_text)
    clause = f"{left_text[clause_start:]} X {right_text[:after.start() if after else None]}"
    near_left, near_right = " ".join(left), " ".join(right)
    texts = (sentence[:start] + " X " + sentence[end:], clause, near_left, near_right)
    # a window's word ends in "n't" where its words joined (none holds a space) hold "n't "
    rest = {
        "negation_left": float(not _NEGATIONS.isdisjoint(left) or "n't " in near_left + " "),
        "negation_right": float(not _NEGATIONS.isdisjoint(right)
                                or "n't " in near_right + " "),
        "speaker": float(not _REPORTING.isdisjoint(right[:3])),
        "reported": float(not _REPORTING.isdisjoint(left)),
        "first": float(not left),
        "quoted": float(left_text.count("“") > left_text.count("”")
                        or sum(map(left_text.count, _QUOTES)) % 2 == 1),
    }
    return words, texts, rest


def _with_scores(words: dict[str, float], scores: Sequence[float], rest: dict[str, float],
                 ) -> dict[str, float]:
    """The features of :func:`context_features` from the parts :func:`_context` gives and
    the compound `scores` of its texts."""
    sentence_score, out_clause, near_left, near_right = scores
    words.update({
        "vader_clause": out_clause, "vader_left": near_left,
        "vader_right": near_right, "vader_sentence": sentence_score,
        "vader_sentence_neg": float(sentence_score <= -0.05),
        "vader_sentence_pos": float(sentence_score >= 0.05),
        "vader_clause_neg": float(out_clause <= -0.05),
        "vader_clause_pos": float(out_clause >= 0.05)})
    words.update(rest)
    return words


def load_newsmtsc_targets(path: Path | None = None) -> pd.DataFrame:
    """Read NewsMTSC's target mentions: one row per mention, with ``line`` (1-based line
    of the JSON-lines file), ``sentence`` (``sentence_normalized``), ``mention``, ``start``
    and ``end`` (character offsets of the mention in the sentence) and ``polarity``
    (-1 negative, 0 neutral, 1 positive; the file's 2.0, 4.0 and 6.0)."""
    path = Path(path) if path else NEWSMTSC
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line, text in enumerate(fh, start=1):
            item = json.loads(text)
            for target in item["targets"]:
                rows.append({"line": line, "sentence": item["sentence_normalized"],
                             "mention": target["mention"], "start": int(target["from"]),
                             "end": int(target["to"]),
                             "polarity": _POLARITY[float(target["polarity"])]})
    return pd.DataFrame(rows)


def split_newsmtsc(targets: pd.DataFrame, seed: int = SPLIT_SEED,
                   held_out: float = HELD_OUT_SHARE) -> pd.DataFrame:
    """Assign each line (sentence) of NewsMTSC to ``train`` or ``held_out``.

    Whole sentences are assigned, and every line holding the same sentence text goes
    where its first line goes, so no sentence is in both parts. The distinct sentences,
    in order of first appearance, are permuted with `seed`; the first `held_out` share
    is held out.

    Returns
    -------
    DataFrame with ``line`` and ``part``, one row per line, in line order.
    """
    lines = targets.drop_duplicates("line")[["line", "sentence"]]
    distinct = list(dict.fromkeys(lines["sentence"]))
    order = np.random.default_rng(seed).permutation(len(distinct))
    n_held = round(held_out * len(distinct))
    held = {distinct[i] for i in order[:n_held]}
    return pd.DataFrame({"line": lines["line"].to_numpy(),
                         "part": np.where(lines["sentence"].isin(held), "held_out", "train")})


def fit_target_model(sentences: Sequence[str], spans: Sequence[tuple[int, int]],
                     labels: Sequence[int], c: float = C) -> Pipeline:
    """Fit the target-polarity classifier: :func:`context_features`, one-hot words, and a
    multinomial logistic regression (lbfgs, L2, balanced class weights), on one thread
    (a BLAS that spreads so small a fit over busy cores is ten times slower)."""
    model = make_pipeline(
        DictVectorizer(sort=True),
        LogisticRegression(C=c, solver="lbfgs", max_iter=5000, class_weight="balanced"))
    features = [context_features(s, a, b) for s, (a, b) in zip(sentences, spans, strict=True)]
    with threadpool_limits(1):
        return model.fit(features, np.asarray(labels))


def training_part(path: Path | None = None, split: Path | None = None) -> pd.DataFrame:
    """The target mentions of NewsMTSC's ``train`` part (:data:`NEWSMTSC_SPLIT`)."""
    targets = load_newsmtsc_targets(path)
    parts = pd.read_csv(split or NEWSMTSC_SPLIT)
    part = targets["line"].map(dict(zip(parts["line"], parts["part"], strict=True)))
    if part.isna().any():
        raise ValueError(f"{split or NEWSMTSC_SPLIT} does not cover every line of NewsMTSC")
    return targets[part == "train"].reset_index(drop=True)


def _model_key() -> str:
    """What the fitted classifier depends on: the code that makes its features (this
    module, VADER's), the training data and split, and the library versions."""
    import platform
    import sys

    import scipy
    import sklearn
    from vaderSentiment import vaderSentiment

    from . import _vader

    digest = hashlib.sha256()
    for module in (sys.modules[__name__], _vader, vaderSentiment):
        digest.update(Path(module.__file__).read_bytes())
    for path in (NEWSMTSC, NEWSMTSC_SPLIT):
        digest.update(path.read_bytes())
    digest.update(" ".join((platform.python_version(), np.__version__, scipy.__version__,
                            sklearn.__version__)).encode("utf-8"))
    return digest.hexdigest()[:16]


#: where the fitted classifier is kept between processes (beside numba's cached kernels)
MODEL_CACHE = STORE


@cache
def target_model() -> Pipeline:
    """The classifier fitted on NewsMTSC's ``train`` part, once per process: a later
    process (a worker of the feature pass) loads it from :data:`MODEL_CACHE`, where the
    first saved it, named by :func:`_model_key`, instead of fitting it again (a second;
    the same model, bit for bit: ``tests/features/test_target.py``). Where the folder
    cannot be written the model is fitted in each process (:func:`._stored.stored`)."""
    def fit() -> Pipeline:
        train = training_part()
        return fit_target_model(train["sentence"], list(zip(train["start"], train["end"],
                                                            strict=True)), train["polarity"])

    return stored("target_model", _model_key(), fit, MODEL_CACHE)


def target_sentiment(sentences: Sequence[str], spans: Sequence[tuple[int, int]],
                     vader: ColumnarVader | None = None) -> list[int]:
    """Return the polarity toward each target mention: -1 negative, 0 neutral, 1 positive.

    Parameters
    ----------
    sentences : English sentences, one per mention (a sentence may recur).
    spans : (start, end) character offsets of the mention in its sentence.
    vader : the columnar engine's VADER scorer, whose scores equal :class:`._vader.Vader`'s.
        Given, the features' VADER scores come from one call of it and the model's sparse
        matrix is built for all mentions at once (:func:`_columnar_matrix`, the same matrix
        as the model's ``DictVectorizer`` makes); by default each text is scored by itself
        and the model's whole pipeline predicts (the reference).

    Returns
    -------
    list[int]
        One polarity per mention, from the classifier of this module fitted on
        NewsMTSC's train part (:func:`target_model`).

    Examples
    --------
    >>> s = "The crowd cheered as the dictator was finally jailed."
    >>> target_sentiment([s], [(s.index("dictator"), s.index("dictator") + 8)])
    [-1]
    """
    if len(sentences) != len(spans):
        raise ValueError(f"{len(sentences)} sentences but {len(spans)} spans")
    if not len(sentences):
        return []
    if vader is not None:
        return mention_polarities(*by_sentence(sentences, spans), vader).tolist()
    features = [context_features(s, int(a), int(b))
                for s, (a, b) in zip(sentences, spans, strict=True)]
    with threadpool_limits(1):
        return [int(p) for p in target_model().predict(features)]


def by_sentence(sentences: Sequence[str], spans: Sequence[tuple[int, int]],
                ) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """The mentions of :func:`target_sentiment` as :func:`mention_polarities` takes them:
    the distinct sentences, and each mention's sentence (its place among them), start and
    end."""
    distinct: dict[str, int] = {}
    sid = np.fromiter((distinct.setdefault(x, len(distinct)) for x in sentences), np.int64,
                      count=len(sentences))
    starts = np.fromiter((int(a) for a, _ in spans), np.int64, count=len(spans))
    ends = np.fromiter((int(b) for _, b in spans), np.int64, count=len(spans))
    return list(distinct), sid, starts, ends


def mention_polarities(texts: Sequence[str], sid: np.ndarray, starts: np.ndarray,
                       ends: np.ndarray, vader: ColumnarVader,
                       units: np.ndarray | None = None,
                       spans: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
                       ) -> np.ndarray:
    """:func:`target_sentiment` of the columnar engine, the mentions given as arrays: mention
    ``m`` is ``texts[sid[m]][starts[m]:ends[m]]`` (a sentence may hold several). `units`,
    if given: each text's place among the texts `vader` scored last
    (:meth:`.ColumnarVader.span_compounds`), whose tokens' ids it then has. `spans`, if
    given: the texts' code points, as (codes, starts, ends) of each text in them, so that
    `texts` need only make the few texts read as strings (:class:`._tokens.Slices`)."""
    if not len(sid):
        return np.zeros(0, np.int64)
    model = target_model()
    # (a sparse matrix: the product is scipy's, no BLAS threads to limit)
    return model[-1].predict(_columnar_matrix(texts, sid, starts, ends, vader, model[0],
                                              units, spans))


#: the features of :func:`_with_scores` that every mention has (not words), in the order
#: of the columns of ``fixed`` in :func:`_columnar_matrix`
_FIXED = ("vader_clause", "vader_left", "vader_right", "vader_sentence",
          "vader_sentence_neg", "vader_sentence_pos", "vader_clause_neg", "vader_clause_pos",
          "negation_left", "negation_right", "speaker", "reported", "first", "quoted")
#: what joins the batch's sentences into one text to scan: no token, clause break or
#: white space holds it, so no match runs across two sentences, and ``\b`` at a
#: sentence's edge is what it is at the edge of the sentence alone
_SEPARATOR = "\x00"


def _columnar_matrix(texts: Sequence[str], sid: np.ndarray, starts: np.ndarray,
                     ends: np.ndarray, vader: ColumnarVader, vectorizer: DictVectorizer,
                     units: np.ndarray | None = None,
                     spans: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
                     ) -> sparray:
    """The model's matrix of :func:`context_features` of every mention (as
    :func:`mention_polarities` takes them), equal to the ``DictVectorizer``'s to the bit,
    built for the whole batch at once.

    The batch's sentences are joined (:data:`_SEPARATOR`) as code points (copied from
    `spans` where given: :func:`._tokens.join_spans`) and scanned once for tokens and once
    for clause breaks, by numba kernels that find what ``_TOKEN.findall`` and
    ``_CLAUSE_BREAK.finditer`` find (:func:`_token_spans`, :func:`_break_spans`); each token
    type's facts are looked up once per process (:class:`_TypeFacts`). A scan of the whole
    sentence finds the tokens and breaks that a scan of the text before (or after) the
    mention finds, ending before it (or starting after it), so each mention's windows and
    clause are found by binary search (numpy, for all mentions at once). Where that may not
    hold — a token or break running across the mention's start or end, a start inside a word
    (``\b`` at the end of the text before), a word character after the mention — the
    mention's features come from :func:`_context`. The four texts VADER scores per mention
    (:func:`_context`'s) are not made: the first two's white-space tokens are found in the
    joined sentences (:func:`_two_texts`), their type ids those `vader` has for the
    sentences (`units`, as :func:`mention_polarities` takes them) where it has them; the
    windows' words are their types' lowered forms, whose ids in `vader`'s table are kept per
    type (:meth:`_TypeFacts.vader_ids`).
    """
    n = len(sid)
    if spans is not None:
        joined = join_spans(*spans, _SEPARATOR)
    else:
        joined = None if any(_SEPARATOR in x for x in texts) else join_texts(
            texts, _SEPARATOR)[1:]
    if joined is None:  # a sentence holds the separator
        return _from_rows(vectorizer, _reference_rows(texts, sid, starts, ends, range(n),
                                                      vader.compounds))
    codes, offsets, text_ends = joined
    lengths = text_ends - offsets
    classes = _classes()
    token_starts, token_ends = _token_spans(codes, classes.letter, classes.apostrophe)
    facts = _type_facts(vectorizer)
    type_of = facts.ids(codes, token_starts, token_ends)
    break_starts, break_ends = _break_spans(codes, classes.character, classes.space,
                                            classes.hyphen, classes.word, classes.fold,
                                            classes.words, classes.word_lengths)

    # each mention's place in the joined text: its start, and the end of its last word
    first = offsets[sid]
    at = first + starts
    after = _word_ends(codes, first + ends, classes.letter, classes.apostrophe)
    last = first + lengths[sid]

    def inside(place: np.ndarray, span_starts: np.ndarray, span_ends: np.ndarray
               ) -> np.ndarray:
        k = np.searchsorted(span_starts, place, side="right") - 1
        ok = k >= 0
        k = np.maximum(k, 0)
        return ok & (span_starts[k] < place) & (place < span_ends[k]) if len(span_starts) \
            else np.zeros(len(place), bool)

    def word_at(place: np.ndarray, where: np.ndarray) -> np.ndarray:
        """Whether a word character (``\\w``) stands at each place (`where` it is in its
        sentence)."""
        out = np.zeros(n, bool)
        out[where] = classes.word[codes[place[where]]]
        return out

    # a start inside a word (a word character each side of it: ``\\b`` at the end of the
    # text before the mention), a word character after the mention
    word = ((starts > 0) & word_at(at - 1, starts > 0) & word_at(at, at < last)
            | word_at(after, after < last))
    fallback = (word | inside(at, token_starts, token_ends)
                | inside(after, token_starts, token_ends) | inside(at, break_starts, break_ends)
                | inside(after, break_starts, break_ends))

    # the windows: the WINDOW tokens that end before the mention (in its sentence), and
    # the WINDOW that start after it
    left_stop = np.searchsorted(token_ends, at, side="right")
    left_from = np.maximum(np.searchsorted(token_starts, first, side="left"),
                           left_stop - WINDOW)
    right_from = np.searchsorted(token_starts, after, side="left")
    right_stop = np.minimum(np.searchsorted(token_starts, last, side="left"),
                            right_from + WINDOW)
    # the clause: from the end of the last break before the mention (in its sentence) to
    # the start of the first break after it
    k = np.searchsorted(break_ends, at, side="right") - 1
    has = (k >= 0) & (break_starts[np.maximum(k, 0)] >= first) if len(break_starts) else k >= 0
    clause_from = np.where(has, break_ends[np.maximum(k, 0)] - first if len(break_starts) else 0, 0)
    k = np.searchsorted(break_starts, after, side="left")
    ok = k < len(break_starts)
    ok[ok] &= break_starts[k[ok]] < last[ok]
    clause_to = np.where(ok, break_starts[np.minimum(k, len(break_starts) - 1)] - first
                         if len(break_starts) else 0, lengths[sid])

    # inside quotation marks: more “ than ” before the mention, or an odd number of marks
    def before(mark: str) -> np.ndarray:
        """How many of `mark` stand before each mention in its sentence."""
        places = np.flatnonzero(codes == ord(mark))
        return np.searchsorted(places, at) - np.searchsorted(places, first)

    counts = {mark: before(mark) for mark in _QUOTES}
    quoted = (counts["“"] > counts["”"]) | (sum(counts.values()) % 2 == 1)
    windows = [ranges(left_from, left_stop), ranges(right_from, right_stop)]
    whole = (clause_from == 0) & (clause_to == lengths[sid])  # the clause is the sentence
    # what the texts VADER scores are cut from: the sentences, then an X (" X " is a
    # piece "X" between white space: its tokens are ["X"]); the white-space tokens of its
    # stretches, each sentence and the X
    pool = np.append(codes, np.uint32(ord("X")))
    pool_starts, pool_ends, per_stretch = space_tokens(pool, np.append(offsets, len(codes)),
                                                       np.append(offsets + lengths, len(pool)))
    # the ids `vader` has of the sentences' tokens (not of the X), if the sentences are the
    # texts it names (each has as many tokens)
    had = vader.span_tokens(units) if units is not None else None
    known = had[0] if had is not None and np.array_equal(had[1], per_stretch[:-1]) else None
    # the mentions that are a white-space token of their sentence whose making an X keeps
    # the sentence's score (.ColumnarVader.keeps_score_as_x): their first text is the
    # sentence with that one token an X, and its score the sentence's, which `vader` has
    as_sentence = np.zeros(n, bool)
    sentence_scores = vader.span_scores(units) if known is not None else None
    if sentence_scores is not None:
        k = np.searchsorted(pool_starts, at)  # (at < len(codes): k is not the X's token)
        token = ~fallback & (pool_starts[k] == at) & (pool_ends[k] == after)
        where = np.flatnonzero(token)
        as_sentence[where] = vader.keeps_score_as_x(
            known, np.concatenate([[0], np.cumsum(per_stretch[:-1])]), sid[where], k[where])
    piece_starts, piece_ends, pieces = _two_texts(len(codes), first, at, after, last,
                                                  clause_from, clause_to, whole, as_sentence)
    text_offsets = np.zeros(4 * n + 1, np.int64)
    np.cumsum(np.bincount(pieces, minlength=4 * n), out=text_offsets[1:])
    # the windows' texts (the third and fourth of each mention), their words' lowered forms
    # joined by spaces: VADER's ids of those forms, text after text
    listed = np.concatenate([4 * windows[0][0] + 2, 4 * windows[1][0] + 3])
    order = np.argsort(listed, kind="stable")  # (two sorted runs, merged)
    window_types = type_of[np.concatenate([windows[0][1], windows[1][1]])[order]]

    def text(j: int) -> str:  # the text as _context makes it (for VADER's emoji rule)
        m = j // 4
        return _context(texts[sid[m]], int(starts[m]), int(ends[m]))[1][j % 4]

    scores = np.asarray(vader.piece_compounds(
        pool, pool_starts, pool_ends, piece_starts, piece_ends, text_offsets, text, known,
        listed=(listed[order], lambda: facts.vader_ids(window_types, vader))),
        float).reshape(-1, 4)
    if as_sentence.any():
        scores[as_sentence, 0] = sentence_scores[sid[as_sentence]]
    scores[whole, 1] = scores[whole, 0]
    sentence_score, clause_score, near_left, near_right = scores.T

    def per_token(flags: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Whether any token of each window [lo, hi) has the type flag."""
        hits = np.concatenate([[0], np.cumsum(flags[type_of])]) if len(type_of) else \
            np.zeros(1, np.int64)
        return hits[np.maximum(hi, lo)] > hits[lo]

    vocabulary = vectorizer.vocabulary_
    left_column, right_column, negation, reporting = facts.columns.T
    negation, reporting = negation.astype(bool), reporting.astype(bool)
    fixed = np.column_stack([
        clause_score, near_left, near_right, sentence_score,
        sentence_score <= -0.05, sentence_score >= 0.05, clause_score <= -0.05,
        clause_score >= 0.05,
        per_token(negation, left_from, left_stop), per_token(negation, right_from, right_stop),
        per_token(reporting, right_from, np.minimum(right_stop, right_from + 3)),
        per_token(reporting, left_from, left_stop), left_stop <= left_from, quoted,
    ]).astype(vectorizer.dtype)
    fixed_columns = np.array([vocabulary.get(f, -1) for f in _FIXED], np.int64)

    # the fallback mentions' entries as the reference makes them, rows in order
    extra = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, vectorizer.dtype))
    if fallback.any():
        where = np.flatnonzero(fallback)
        extra = _entries(vectorizer, _reference_rows(texts, sid, starts, ends, where,
                                                     vader.compounds))
        extra = (where[extra[0]], *extra[1:])
    # room for every entry: each window token's, the fixed features', the fallback's
    room = len(windows[0][1]) + len(windows[1][1]) + n * len(_FIXED) + len(extra[0])
    indptr = np.zeros(n + 1, np.int64)
    indices, data = np.empty(room, np.intc), np.empty(room, vectorizer.dtype)
    k = _csr_rows(left_from, left_stop, right_from, right_stop, type_of, left_column,
                  right_column, fixed, fixed_columns, fallback, *extra, indptr, indices, data)
    return csr_array((data[:k], indices[:k], indptr), shape=(n, len(vocabulary)),
                     dtype=vectorizer.dtype)


@njit(cache=True)
def _csr_rows(left_from, left_stop, right_from, right_stop, type_of, left_column,
              right_column, fixed, fixed_columns, fallback, extra_row, extra_column,
              extra_value, indptr, indices, data):
    """Write the model's matrix as CSR (`indptr`, `indices`, `data`; returns how many
    entries): row ``m``'s entries are its left window tokens' columns
    (``left_column[type_of[t]]``, ``t`` in ``[left_from[m], left_stop[m])``) and its right
    ones', valued 1, then its fixed features' (``fixed_columns``, valued ``fixed[m]``) —
    or, where ``fallback[m]``, the `extra` entries of row ``m`` (they are the fallback
    rows' only, rows in order) —
    leaving out columns -1, sorted by column (stably), each column once, its first
    entry's value: what ``DictVectorizer.transform`` stores for the row's features."""
    k = e = 0
    for m in range(len(left_from)):
        start = k
        if fallback[m]:
            while e < len(extra_row) and extra_row[e] == m:
                indices[k], data[k] = extra_column[e], extra_value[e]
                k += 1
                e += 1
        else:
            for t in range(left_from[m], left_stop[m]):
                if left_column[type_of[t]] >= 0:
                    indices[k], data[k] = left_column[type_of[t]], 1.0
                    k += 1
            for t in range(right_from[m], right_stop[m]):
                if right_column[type_of[t]] >= 0:
                    indices[k], data[k] = right_column[type_of[t]], 1.0
                    k += 1
            for j in range(len(fixed_columns)):
                if fixed_columns[j] >= 0:
                    indices[k], data[k] = fixed_columns[j], fixed[m, j]
                    k += 1
        # insertion sort by column (stable: the first of equal columns stays first), then
        # each column's first entry kept
        for i in range(start + 1, k):
            c, v = indices[i], data[i]
            p = i
            while p > start and indices[p - 1] > c:
                indices[p], data[p] = indices[p - 1], data[p - 1]
                p -= 1
            indices[p], data[p] = c, v
        kept = start
        for i in range(start, k):
            if i == start or indices[i] != indices[kept - 1]:
                indices[kept], data[kept] = indices[i], data[i]
                kept += 1
        k = kept
        indptr[m + 1] = k
    return k


def _two_texts(x_at: int, first: np.ndarray, at: np.ndarray, after: np.ndarray,
               last: np.ndarray, clause_from: np.ndarray, clause_to: np.ndarray,
               whole: np.ndarray, as_sentence: np.ndarray,
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The first two texts :func:`_context` makes for VADER per mention, as pieces whose
    white-space tokens, piece after piece, are the text's, as places in the sentences'
    codes followed by an ``X`` (at `x_at`): mention ``m``'s sentence is
    ``[first[m], last[m])``, its mention ``[at[m], after[m])`` (to the end of its word),
    its clause from ``first[m] + clause_from[m]`` to ``first[m] + clause_to[m]``.

    Returns where each piece starts and ends, and the text each is of
    (``4 * m + k``, k as in :func:`_context`'s
    tuple: the sentence and the clause with the mention made ``" X "``; the windows, the
    third and the fourth, have none), in order. The clause of a mention that is `whole`
    (its whole sentence) is the first text again: its pieces are empty (the caller copies
    the first's score); so are the first text's pieces of a mention `as_sentence` (whose
    first text scores as its sentence: the caller gives it the sentence's score).
    """
    n = len(first)
    x_start, x_end = np.full(n, x_at), np.full(n, x_at + 1)
    starts = np.stack([first, x_start, after, first + clause_from, x_start, after], 1)
    ends = np.stack([at, x_end, last, at, x_end, first + clause_to], 1)
    ends[whole, 3:] = starts[whole, 3:]
    ends[as_sentence, :3] = starts[as_sentence, :3]
    texts = 4 * np.arange(n)[:, None] + np.array([0, 0, 0, 1, 1, 1])
    return starts.ravel(), ends.ravel(), texts.ravel()


def _reference_rows(texts: Sequence[str], sid: np.ndarray, starts: np.ndarray,
                    ends: np.ndarray, which: Sequence[int],
                    compounds: Callable[[list[str]], list[float]]) -> list[dict[str, float]]:
    """:func:`context_features` of the mentions `which` (as :func:`mention_polarities`
    takes them), their texts scored by one call of `compounds`."""
    parts = [_context(texts[sid[m]], int(starts[m]), int(ends[m])) for m in which]
    scores = compounds([t if t.strip() else "" for _, texts, _ in parts for t in texts])
    return [_with_scores(words, scores[4 * i:4 * i + 4], rest)
            for i, (words, _, rest) in enumerate(parts)]


class _Classes(NamedTuple):
    """The character classes of ``_TOKEN``, ``_WORD_REST`` and ``_CLAUSE_BREAK``, each a
    boolean array by code point (:func:`._tokens.character_table`), for the kernels."""

    letter: np.ndarray  # [^\W_]
    apostrophe: np.ndarray
    word: np.ndarray  # \w
    space: np.ndarray  # \s
    hyphen: np.ndarray
    character: np.ndarray  # a break character
    fold: np.ndarray  # the break words' letter each character matches, ignoring case; 0
    words: np.ndarray  # the break words' code points, a row each
    word_lengths: np.ndarray


@cache
def _classes() -> _Classes:
    ignore = re.IGNORECASE
    letters = sorted(set("".join(_BREAK_WORDS)))
    fold = np.zeros(0x110000, np.uint32)
    for letter in letters:
        fold[character_table(letter, ignore)] = ord(letter)  # none matches two (tested)
    longest = max(map(len, _BREAK_WORDS))
    words = np.zeros((len(_BREAK_WORDS), longest), np.uint32)
    for k, w in enumerate(_BREAK_WORDS):
        words[k, :len(w)] = list(map(ord, w))
    return _Classes(
        character_table(r"[^\W_]"), character_table(f"[{_APOSTROPHES}]"),
        character_table(r"\w", ignore), character_table(r"\s", ignore),
        character_table("-", ignore),
        character_table(f"[{re.escape(_BREAK_CHARACTERS)}]", ignore), fold, words,
        np.array(list(map(len, _BREAK_WORDS)), np.int64))


@njit(cache=True)
def _token_spans(codes, letter, apostrophe):
    """Where each match of ``_TOKEN`` in `codes` starts and ends, as ``findall`` finds
    them: a run of letters or digits and, if an apostrophe and a letter or digit follow
    it, the apostrophe and the run after it (both parts greedy, the second optional)."""
    n = len(codes)
    starts = np.empty(n // 2 + 1, np.int64)  # a token and a character after it
    ends = np.empty(n // 2 + 1, np.int64)
    k = p = 0
    while p < n:
        if not letter[codes[p]]:
            p += 1
            continue
        q = p + 1
        while q < n and letter[codes[q]]:
            q += 1
        if q + 1 < n and apostrophe[codes[q]] and letter[codes[q + 1]]:
            q += 2
            while q < n and letter[codes[q]]:
                q += 1
        starts[k], ends[k] = p, q
        k += 1
        p = q
    return starts[:k], ends[:k]


@njit(cache=True)
def _break_spans(codes, character, space, hyphen, word, fold, words, word_lengths):
    """Where each match of ``_CLAUSE_BREAK`` in `codes` starts and ends, as ``finditer``
    finds them. At most one branch can match at a place: a break character (not white
    space, not a word character); white space, hyphen, white space; a break word with
    ``\\b`` each side — a whole run of word characters (``\\w``), each the word's letter
    ignoring case (`fold`). So a scan tries the branches at each place in turn and, at a
    run of word characters (which it only enters at its start), compares the run with
    each word."""
    n = len(codes)
    starts = np.empty(n, np.int64)
    ends = np.empty(n, np.int64)
    k = p = 0
    while p < n:
        c = codes[p]
        if character[c]:
            starts[k], ends[k] = p, p + 1
            k += 1
            p += 1
        elif space[c] and p + 2 < n and hyphen[codes[p + 1]] and space[codes[p + 2]]:
            starts[k], ends[k] = p, p + 3
            k += 1
            p += 3
        elif word[c]:
            q = p + 1
            while q < n and word[codes[q]]:
                q += 1
            for w in range(len(word_lengths)):
                if word_lengths[w] == q - p:
                    i = 0
                    while i < q - p and fold[codes[p + i]] == words[w, i]:
                        i += 1
                    if i == q - p:
                        starts[k], ends[k] = p, q
                        k += 1
                        break
            p = q
        else:
            p += 1
    return starts[:k], ends[:k]


@njit(cache=True)
def _word_ends(codes, places, letter, apostrophe):
    """:func:`_mention_end` of each place in `codes`: past the letters, digits and
    apostrophes that follow it."""
    out = places.copy()
    for m in range(len(places)):
        q = places[m]
        while q < len(codes) and (letter[codes[q]] or apostrophe[codes[q]]):
            q += 1
        out[m] = q
    return out


class _TypeFacts:
    """What the model's matrix needs of each token type — its lower-cased form, its
    columns as a left and as a right window word (-1: not in the vocabulary), whether it
    is a negation and whether a reporting verb (``columns``, a row per type id) — found
    once per type and kept from batch to batch in a :class:`._tokens.TypeTable` (started
    afresh past ``TYPE_LIMIT`` types)."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self._vocabulary = vocabulary
        self._table = TypeTable()
        self.lowered: list[str] = []
        self.columns = np.zeros((0, 4), np.int64)
        # the type table of the VADER scorer last asked for, and the id of each type's
        # lowered form in it (-1: not looked up yet)
        self._vader: tuple[object, np.ndarray] = (None, np.zeros(0, np.int64))

    def vader_ids(self, types: np.ndarray, vader: ColumnarVader,
                  ) -> tuple[np.ndarray, list[str]]:
        """The type id in `vader`'s table of the lowered form of each of `types` (a
        white-space token: a word of letters, digits and apostrophes), each form looked up
        once while that table lasts; and the types the table first saw here
        (:meth:`.ColumnarVader.token_ids`)."""
        table, known = self._vader
        if table is not vader.type_table:
            known = np.zeros(0, np.int64)
        known = np.concatenate([known, np.full(len(self.lowered) - len(known), -1)])
        missing = np.flatnonzero(np.bincount(types[known[types] < 0],
                                             minlength=len(known)))
        new: list[str] = []
        if len(missing):
            known[missing], new = vader.token_ids([self.lowered[t] for t in missing.tolist()])
        self._vader = vader.type_table, known
        return known[types], new

    def ids(self, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """The type id of each token ``codes[starts[j]:ends[j]]``."""
        if len(self._table) > TYPE_LIMIT:
            self.__init__(self._vocabulary)
        tids, new = self._table.ids(codes, starts, ends)
        if new:  # (a column at a time: C-level maps)
            n = len(new)
            lowered = list(map(str.replace, map(str.lower, new), repeat("’"), repeat("'")))
            get = self._vocabulary.get
            rows = np.stack([
                np.fromiter(map(get, map("l:".__add__, lowered), repeat(-1)), np.int64, n),
                np.fromiter(map(get, map("r:".__add__, lowered), repeat(-1)), np.int64, n),
                np.fromiter(map(_NEGATIONS.__contains__, lowered), bool, n)
                | np.fromiter(map(str.endswith, lowered, repeat("n't")), bool, n),
                np.fromiter(map(_REPORTING.__contains__, lowered), bool, n)], axis=1)
            self.lowered += lowered
            self.columns = np.concatenate([self.columns, rows])
        return tids


@lru_cache(maxsize=1)
def _type_facts(vectorizer: DictVectorizer) -> _TypeFacts:
    return _TypeFacts(vectorizer.vocabulary_)


def _entries(vectorizer: DictVectorizer, features: list[dict[str, float]]
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row, column, value) of each known feature of `features`, rows in order."""
    vocabulary = vectorizer.vocabulary_
    n = int(sum(map(len, features)))
    columns = np.fromiter(map(vocabulary.get, chain.from_iterable(features), repeat(-1)),
                          np.int64, count=n)
    values = np.fromiter(chain.from_iterable(f.values() for f in features), vectorizer.dtype,
                         count=n)
    rows = np.repeat(np.arange(len(features)), list(map(len, features)))
    known = columns >= 0
    return rows[known], columns[known], values[known]


def _from_rows(vectorizer: DictVectorizer, features: list[dict[str, float]]) -> sparray:
    """``vectorizer.transform(features)`` (a fitted ``DictVectorizer`` whose values are
    numbers), built with C-level maps over all rows at once instead of a Python loop per
    feature: the known features' columns and values, rows sorted by column as the
    vectorizer sorts them."""
    rows, columns, values = _entries(vectorizer, features)
    indptr = np.zeros(len(features) + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=len(features)), out=indptr[1:])
    matrix = csr_array((values, columns.astype(np.intc), indptr),
                       shape=(len(features), len(vectorizer.vocabulary_)),
                       dtype=vectorizer.dtype)
    matrix.sort_indices()
    return matrix
