"""VADER's compound score, computed once per token instead of once per rule.

This is the scoring procedure of vaderSentiment 3.3.2 (Hutto & Gilbert 2014) — its
lexicon, booster words, negations, idioms and constants, read from the installed
package — rewritten so that each sentence is lower-cased and tokenised once. The
reference implementation rebuilds the lower-cased token list inside its negation and
idiom checks, up to four times for every sentiment word; here every list is built once,
each distinct token is cleaned once (a bounded cache), and a sentiment word with none of
the words of VADER's rules around it takes its lexicon valence without the rules, which
would leave it unchanged (tested against the reference on random sentences built from
those words).
The result is equal to ``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``
for every text (tests compare the two on hand-made cases, and ``make bench`` on every
sentence of the corpus), including the reference's quirks, which are kept on purpose:

- after a "but", each score is rescaled at the position of the *first* equal score
  (the reference looks scores up with ``list.index``);
- "no" followed by another lexicon word scores 0, yet is still not a modifier of that
  word (it is in the lexicon);
- a text with an emoji is handed to the reference itself, which spells emojis out.

The columnar engine scores many sentences at once over token ids with the same rules
(:mod:`._vaderkernels`); this module stays the per-string scorer of the reference pass.

Reference
---------
Hutto, C. J. & Gilbert, E. (2014). VADER: a parsimonious rule-based model for sentiment
    analysis of social media text. Proceedings of ICWSM 8(1).
"""

from __future__ import annotations

import math
import operator
import string
from collections.abc import Iterator, Sequence
from functools import cache, cached_property
from itertools import compress, repeat

from vaderSentiment import vaderSentiment as reference

__all__ = ["Vader"]

_PUNCTUATION = string.punctuation
_SO_THIS = ("so", "this")


def _negates(word: str) -> bool:
    return word in _NEGATE or "n't" in word


def _negating(words: Sequence[str]) -> Iterator[bool]:
    """:func:`_negates` of each of `words`, by C-level maps."""
    return map(operator.or_, map(_NEGATE.__contains__, words),
               map(operator.contains, words, repeat("n't")))


_NEGATE = frozenset(reference.NEGATE)
_BOOSTERS: dict[str, float] = dict(reference.BOOSTER_DICT)
_IDIOMS: dict[str, float] = dict(reference.SPECIAL_CASES)
_N = reference.N_SCALAR
_C = reference.C_INCR
#: the words whose presence among a sentiment word's three predecessors (or as the word)
#: can change its valence: negations, boosters, and the words of VADER's other rules
#: ("no", "never so/this", "without doubt", "least"); a word holding "n't" also negates
_CONTEXT_WORDS = _NEGATE | frozenset(_BOOSTERS) | {"no", "so", "this", "least"}
#: one word of each two-word start of an idiom or multi-word booster (the rarer one): where
#: none of them is a token of a sentence, no n-gram rule applies in it
_NGRAM_WORDS = frozenset({"shit", "bomb", "ass", "bus", "yeah", "kiss", "die", "beating",
                          "enough", "kind", "sort"})
_CACHE_LIMIT = 1 << 18


def _item(token: str) -> str:
    """VADER's item of a white-space token: punctuation stripped from both ends, unless
    that leaves two characters or fewer."""
    stripped = token.strip(_PUNCTUATION)
    return token if len(stripped) <= 2 else stripped


class _TokenCache(dict):
    """White-space token as written -> what `compute` makes of it, computed on first
    look-up (so that a C-level ``map`` over a text's tokens learns new ones); emptied when
    it grows past ``_CACHE_LIMIT`` entries."""

    def __init__(self, compute) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, token: str):
        if len(self) > _CACHE_LIMIT:
            self.clear()
        value = self[token] = self.compute(token)
        return value


#: token -> its item, lower-cased; token -> whether its item is in capitals
_LOWERED = _TokenCache(lambda token: _item(token).lower())
_UPPER = _TokenCache(lambda token: _item(token).isupper())


@cache
def _reference_analyzer() -> reference.SentimentIntensityAnalyzer:
    """vaderSentiment's analyser, made once per process (its lexicon and emoji table are
    read, never changed): every :class:`Vader` shares it, so the per-string scorer of the
    reference pass and the columnar engine's do not each read the lexicon files."""
    return reference.SentimentIntensityAnalyzer()


class Vader:
    """Exact, faster VADER compound scores (see the module docstring)."""

    @cached_property
    def _analyzer(self) -> reference.SentimentIntensityAnalyzer:
        return _reference_analyzer()

    @cached_property
    def _lexicon(self) -> dict[str, float]:
        return self._analyzer.lexicon

    @cached_property
    def _emojis(self) -> frozenset[str]:
        # (a set, not the dict's keys view: a fitted family pickles)
        return frozenset(self._analyzer.emojis)

    def compound(self, text: str) -> float:
        """Return VADER's compound score of `text`, rounded to 4 decimals as VADER does.

        Examples
        --------
        >>> Vader().compound("The plot was good, but the characters are not great.")
        -0.5409
        """
        # every emoji of VADER's list lies outside ASCII (tested), so an ASCII text has none
        if not text.isascii() and not self._emojis.isdisjoint(text):
            return self._analyzer.polarity_scores(text)["compound"]
        tokens = text.split()
        lower = list(map(_LOWERED.__getitem__, tokens))
        lexicon = self._lexicon
        hits = list(compress(range(len(lower)), map(lexicon.__contains__, lower)))
        if not hits:  # no sentiment word: every score is 0, and so is the compound
            return 0.0
        n = len(lower)
        upper = list(map(_UPPER.__getitem__, tokens))
        n_upper = sum(upper)
        cap_diff = 0 < n - n_upper < n
        # a sentiment word with none of the context words among its three predecessors
        # (nor a word holding "n't" there), in a sentence with no n-gram head, keeps its
        # lexicon valence (plus the capitals increment): every other rule leaves it alone
        plain = _NGRAM_WORDS.isdisjoint(lower)
        apostrophe = "'" in text  # every item holding "n't" comes from a text holding "'"
        context = _CONTEXT_WORDS.isdisjoint
        scores: list[float] = [0] * n
        for i in hits:
            low = lower[i]
            if low in _BOOSTERS or (low == "kind" and i < n - 1 and lower[i + 1] == "of"):
                continue
            window = lower[i - 3 if i >= 3 else 0:i + 1]
            if plain and context(window) and not (
                    apostrophe and any("n't" in w for w in window)):
                valence = lexicon[low]
                if cap_diff and upper[i]:
                    valence = valence + _C if valence > 0 else valence - _C
                scores[i] = valence
            else:
                scores[i] = self._valence(i, upper, lower, cap_diff)
        if "but" in lower:
            scores = _after_but(scores, lower.index("but"))
        total = float(sum(scores))
        if total:
            emphasis = min(text.count("!"), 4) * 0.292
            questions = text.count("?")
            if questions > 1:
                emphasis += questions * 0.18 if questions <= 3 else 0.96
            total = total + emphasis if total > 0 else total - emphasis
        return round(max(-1.0, min(1.0, total / math.sqrt(total * total + 15))), 4)

    def _valence(self, i: int, upper: list[bool], lower: list[str], cap_diff: bool,
                 ) -> float:
        lexicon = self._lexicon
        low = lower[i]
        n = len(lower)
        valence = lexicon[low]
        if low == "no" and i != n - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if ((i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no")
                or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))):
            valence = lexicon[low] * _N
        if cap_diff and upper[i]:
            valence = valence + _C if valence > 0 else valence - _C
        for k in range(3):
            if i <= k:
                break
            before = lower[i - k - 1]
            if before in lexicon:
                continue
            boost = _BOOSTERS.get(before)
            if boost is not None:
                scalar = -boost if valence < 0 else boost
                if cap_diff and upper[i - k - 1]:
                    scalar = scalar + _C if valence > 0 else scalar - _C
                if k == 1 and scalar != 0:
                    scalar = scalar * 0.95
                elif k == 2 and scalar != 0:
                    scalar = scalar * 0.9
                valence = valence + scalar
            else:
                valence = valence + 0.0
            valence = _negation(valence, lower, k, i)
            if k == 2:
                valence = _idioms(valence, lower, i)
        if (i > 0 and lower[i - 1] == "least" and "least" not in lexicon
                and (i == 1 or lower[i - 2] not in ("at", "very"))):
            valence = valence * _N
        return valence


def _negation(valence: float, lower: list[str], k: int, i: int) -> float:
    if k == 0:
        return valence * _N if _negates(lower[i - 1]) else valence
    if k == 1:
        if lower[i - 2] == "never" and lower[i - 1] in _SO_THIS:
            return valence * 1.25
        if lower[i - 2] == "without" and lower[i - 1] == "doubt":
            return valence
        return valence * _N if _negates(lower[i - 2]) else valence
    if (lower[i - 3] == "never" and lower[i - 2] in _SO_THIS) or lower[i - 1] in _SO_THIS:
        return valence * 1.25
    if lower[i - 3] == "without" and "doubt" in (lower[i - 2], lower[i - 1]):
        return valence
    return valence * _N if _negates(lower[i - 3]) else valence


def _idioms(valence: float, lower: list[str], i: int) -> float:
    w3, w2, w1, w0 = lower[i - 3], lower[i - 2], lower[i - 1], lower[i]
    three_two_one, three_two, two_one = f"{w3} {w2} {w1}", f"{w3} {w2}", f"{w2} {w1}"
    for sequence in (f"{w1} {w0}", f"{w2} {w1} {w0}", two_one, three_two_one, three_two):
        if sequence in _IDIOMS:
            valence = _IDIOMS[sequence]
            break
    n = len(lower)
    if n - 1 > i and f"{w0} {lower[i + 1]}" in _IDIOMS:
        valence = _IDIOMS[f"{w0} {lower[i + 1]}"]
    if n - 1 > i + 1 and f"{w0} {lower[i + 1]} {lower[i + 2]}" in _IDIOMS:
        valence = _IDIOMS[f"{w0} {lower[i + 1]} {lower[i + 2]}"]
    for ngram in (three_two_one, three_two, two_one):
        if ngram in _BOOSTERS:
            valence = valence + _BOOSTERS[ngram]
    return valence


def _after_but(scores: list[float], at: int) -> list[float]:
    """Halve the scores before the first "but" and raise those after it by half, each at
    the position of the first score equal to it (the reference's ``list.index`` lookup)."""
    scores = list(scores)
    for j in range(len(scores)):
        value = scores[j]
        first = scores.index(value)
        if first < at:
            scores[first] = value * 0.5
        elif first > at:
            scores[first] = value * 1.5
    return scores
