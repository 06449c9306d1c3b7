"""The columnar engine against the pure-Python reference pass, on the whole real corpus and
on texts made at random to be hard.

Both engines must give the same value for every article and every column, bit for bit
(NaN where the other has NaN; otherwise the same 64-bit pattern, so -0.0 and 0.0 differ).
The features that `make features` wrote (columnar engine, on every core) are checked
against the reference too: they are what every table and figure reads.
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from analysis.features import _vaderkernels, lexical, parallel, target
from analysis.features._base import FeatureFamily
from analysis.features.lexicons import LEXICONS, load_lexicon
from analysis.features.pipeline import (
    FAMILIES,
    bit_differences,
    compute_features,
    make_family,
)
from tests.conftest import PROCESSED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(processed):
    return processed[0].reset_index(drop=True)


@pytest.fixture(scope="module")
def families():
    return {prefix: make_family(prefix) for prefix in FAMILIES}


@pytest.fixture(scope="module")
def reference(corpus, families):
    return compute_features(corpus, families, progress=False, engine="python")


def _own_engine(family) -> bool:
    """Whether a family has a columnar engine of its own (else it runs the reference)."""
    return type(family)._transform_columnar is not FeatureFamily._transform_columnar


@pytest.mark.parametrize("prefix", list(FAMILIES))
def test_columnar_engine_is_identical_to_the_reference(prefix, corpus, families, reference):
    if not _own_engine(families[prefix]):
        pytest.skip(f"{prefix}__ has no columnar engine of its own: it runs the reference")
    columnar = compute_features(corpus, {prefix: families[prefix]}, progress=False,
                                engine="columnar")
    names = list(families[prefix].get_feature_names_out())
    assert list(columnar["doc_id"]) == list(reference["doc_id"])
    assert bit_differences(columnar[names], reference[names]) == {}


def test_built_features_are_the_reference_values(corpus, reference):
    built = pd.read_parquet(PROCESSED / "features.parquet").set_index("doc_id")
    built = built.loc[reference["doc_id"]].reset_index()
    names = [c for c in reference.columns if c != "doc_id"]
    assert bit_differences(built[names], reference[names]) == {}


#: what the hostile texts are made of, besides the lexicons' cues: words of VADER's rules
#: (negation, "but", boosters, idioms, "least", "kind of"), quotation marks of every kind,
#: punctuation, white space of many kinds, and characters that case-map or tokenise oddly
#: (a dotted capital I lower-cases to two, a capital sigma by its neighbours, an emoji, a
#: zero-width space, a title-case digraph)
_RULE_WORDS = ("good", "not", "but", "very", "GREAT", "kind of", "the bomb", "never",
               "hate", "love", "n't", "without doubt", "sort of", "least", "no", "so",
               "don't", "isn't", "yeah right", "cut the mustard", "killed", "peace")
_QUOTES = ("“", "”", '"', "'", "‘", "’", "«", "»", "„", "‹", "›", "``", "''")
_PUNCTUATION = (".", "!", "?", ",", ";", ":", "—", "-", "–", "…", "(", ")", "...", "!!",
                "?!", "/", "&", "%", "#", "@", "*")
_SPACES = (" ", " ", " ", "\n", "\t", "\u00a0", "\u2028", "  ", "\r\n", "\n\n", "")
_ODD = ("İ", "Σ", "ΣΑ", "ß", "ﬁ", "😀", "❤️", "\u200b", "ǅ", "ẞ", "K", "Ω", "ı",
        "é", "ё", "Ё", "١٢", "²", "_", "Minsk", "said", "2022", "3.5", "U.S.", "Mr.",
        "http://x.by/a?b=c", "I")


def _hostile_corpus(n: int, seed: int) -> pd.DataFrame:
    """`n` texts made at random of the lexicons' own cues (every lexicon, every language)
    and the pieces above, in random case and with random white space between them (or
    none), from empty to about 1,500 pieces long; languages English, Polish, Russian, one
    without lexicons and none; every text level. One text in a hundred holds a NUL (what
    some engines join texts by: a batch with one is computed another way)."""
    rng = random.Random(seed)
    cues = [row[lexicon.cue] for lexicon in map(load_lexicon, LEXICONS)
            for row in lexicon.rows]
    pools = [(0.28, cues), (0.45, _RULE_WORDS), (0.62, _ODD), (0.75, _PUNCTUATION),
             (1.0, _QUOTES)]

    def piece() -> str:
        r = rng.random()
        word = rng.choice(next(pool for below, pool in pools if r < below))
        case = rng.random()
        if case < 0.1:
            word = word.upper()
        elif case < 0.2:
            word = word.capitalize()
        elif case < 0.25:
            word = "".join(c.upper() if rng.random() < 0.5 else c for c in word)
        return word + rng.choice(_SPACES)

    def text() -> str:
        pieces = [piece() for _ in range(rng.choice([0, 1, 2, 5, 30, 300, 1500]))]
        if pieces and rng.random() < 0.01:
            pieces.insert(rng.randrange(len(pieces)), "\x00")
        return "".join(pieces)

    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)],
        "text": [text() for _ in range(n)],
        "language": [rng.choice(["en"] * 6 + ["pl", "ru", "de", None]) for _ in range(n)],
        "text_level": [rng.choice(["full"] * 4 + ["lead", "headline"]) for _ in range(n)]})


@pytest.mark.parametrize("type_limit", [None, 2_000])
def test_columnar_engine_is_the_reference_on_hostile_texts(monkeypatch, type_limit):
    """A researcher's corpus is not this one: on texts made to be hard (every cue of every
    lexicon among odd characters, quotation marks and white space, in random case), the
    columnar engine still gives the reference's values, every family, bit for bit; in
    batches of 300, so that the type tables, kept from batch to batch, are read again —
    and, with a `type_limit`, started afresh every few batches."""
    monkeypatch.setattr(parallel, "BATCH", 300)
    if type_limit is not None:
        for module in (lexical, target, _vaderkernels):
            monkeypatch.setattr(module, "TYPE_LIMIT", type_limit)
    corpus = _hostile_corpus(1_500, seed=3)
    assert corpus["text"].str.len().max() > 5_000  # (long texts among them)
    reference = compute_features(corpus, {p: make_family(p) for p in FAMILIES},
                                 progress=False, engine="python")
    columnar = compute_features(corpus, {p: make_family(p) for p in FAMILIES},
                                progress=False, engine="columnar")
    names = [c for c in reference.columns if c != "doc_id"]
    assert reference[names].notna().to_numpy().mean() > 0.5  # (values, not all NaN)
    assert bit_differences(columnar[names], reference[names]) == {}


def test_the_comparison_sees_one_bit():
    """The check itself can fail: one ulp apart, -0.0 against 0.0, NaN against a number."""
    a = pd.DataFrame({"x": [1.0, 0.0, np.nan, 2.0]})
    b = pd.DataFrame({"x": [np.nextafter(1.0, 2.0), -0.0, 0.5, 2.0]})
    assert bit_differences(a, b) == {"x": 3}
    assert bit_differences(a, a.copy()) == {}
