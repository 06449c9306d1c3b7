"""Sentiment per article: VADER per sentence, own vs quoted text, toward actors (``sent__``).

VADER is built for short social-media text, so each sentence is scored and the scores
are aggregated per article: the mean compound score and the shares of negative
(compound <= -0.05) and positive (>= 0.05) sentences, the thresholds of Hutto & Gilbert.
The author's own text and the quoted text are scored apart. Tone toward an actor is the
mean compound of the sentences that mention the actor (aliases from
``data/lexicons/actors.csv``): a sentence-level proxy, not target-dependent sentiment in
the sense of NewsMTSC; its agreement with NewsMTSC's human labels is measured in
notebook 07. A sensitivity variant scores the text with every contested term
(``data/lexicons/contested_terms.csv``) masked, so that word choice such as "invasion"
vs "special military operation" is not read as tone.

VADER's lexicon is English: for any other language every ``sent__`` value is NaN.

References
----------
Hutto, C. J. & Gilbert, E. (2014). VADER: a parsimonious rule-based model for sentiment
    analysis of social media text. Proceedings of ICWSM 8(1).
Hamborg, F. & Donnay, K. (2021). NewsMTSC: a dataset for (multi-)target-dependent
    sentiment classification in political news articles. Proceedings of EACL.
"""

from __future__ import annotations

import math
import re
from functools import cached_property
from pathlib import Path

import numpy as np
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from ._base import Document, FeatureFamily
from ._segment import quotations, sentences, split_quoted
from .lexicons import LEXICON_DIR, load_lexicon

__all__ = ["Sentiment", "aggregate", "mask"]

NEGATIVE, POSITIVE = -0.05, 0.05
_MASK = "X"


def aggregate(compounds: list[float]) -> tuple[float, float, float]:
    """Return (mean compound, share negative, share positive) of sentence scores; NaN if none.

    Examples
    --------
    >>> aggregate([-0.5, 0.0, 0.6, 0.04])
    (0.035, 0.25, 0.25)
    """
    if not compounds:
        return math.nan, math.nan, math.nan
    n = len(compounds)
    return (round(sum(compounds) / n, 12), sum(c <= NEGATIVE for c in compounds) / n,
            sum(c >= POSITIVE for c in compounds) / n)


def mask(text: str, pattern: re.Pattern[str] | None) -> str:
    """Replace every match of `pattern` (and the rest of the matched word) with a neutral X.

    Examples
    --------
    >>> mask("a brutal invasion began", re.compile(r"(?<!\\w)invasion", re.I))
    'a brutal X began'
    """
    if pattern is None:
        return text
    return re.sub(pattern.pattern + r"\w*", _MASK, text, flags=pattern.flags)


class Sentiment(FeatureFamily):
    """VADER sentiment per article: overall, own vs quoted, masked, and toward actors.

    Parameters
    ----------
    lexicon_dir : folder of ``actors.csv`` and ``contested_terms.csv`` (default: the
        project's ``data/lexicons``).
    """

    prefix = "sent"

    def __init__(self, lexicon_dir: Path | None = None) -> None:
        self.lexicon_dir = lexicon_dir

    def lexicon_files(self) -> list[Path]:
        folder = Path(self.lexicon_dir or LEXICON_DIR)
        return [folder / "actors.csv", folder / "contested_terms.csv"]

    @cached_property
    def _analyzer(self) -> SentimentIntensityAnalyzer:
        return SentimentIntensityAnalyzer()

    @cached_property
    def _actors(self) -> dict[str, re.Pattern[str]]:
        lexicon = load_lexicon("actors", Path(self.lexicon_dir or LEXICON_DIR))
        found = {}
        for actor in lexicon.categories():
            pattern = lexicon.pattern(actor, key="language", value="en")
            if pattern is not None:
                found[actor] = pattern
        return found

    @cached_property
    def _contested(self) -> re.Pattern[str] | None:
        lexicon = load_lexicon("contested_terms", Path(self.lexicon_dir or LEXICON_DIR))
        return lexicon.pattern(key="language", value="en")

    def _names(self) -> list[str]:
        names = []
        for part in ("all", "own", "quoted", "masked"):
            names += [f"{part}_compound", f"{part}_neg_share", f"{part}_pos_share"]
        names.append("n_sentences")
        for actor in self._actors:
            names += [f"actor_{actor}_compound", f"actor_{actor}_n_sentences"]
        return names

    def _scores(self, units: list[str]) -> list[float]:
        return [self._analyzer.polarity_scores(u)["compound"] for u in units]

    def _transform_one(self, doc: Document) -> list[float]:
        if doc.language != "en" or not doc.text.strip():
            return [math.nan] * len(self._names())
        units = sentences(doc.text)
        scores = self._scores(units)
        own, _ = split_quoted(doc.text)
        quotes = [q for q in quotations(doc.text) if q.strip()]
        row = [*aggregate(scores), *aggregate(self._scores(sentences(own))),
               *aggregate(self._scores(quotes)),
               *aggregate(self._scores(sentences(mask(doc.text, self._contested)))),
               float(len(units))]
        for pattern in self._actors.values():
            hits = [s for u, s in zip(units, scores, strict=True) if pattern.search(u)]
            row += [float(np.mean(hits)) if hits else math.nan, float(len(hits))]
        return row
