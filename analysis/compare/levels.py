"""Like with like: which text levels two sides share, and strata that adjust for level.

The corpus mixes text levels (``text_level``: ``full`` article, ``lede`` — a headline with
its first paragraph or summary — and bare ``headline``), and outlets differ in which they
have. A comparison across levels partly measures text length: a side of ledes has more
function words than a side of headlines (keyness), and more chances to use any frame cue
(presence measures). So every comparison in :mod:`analysis.compare` either stays within one
text level or stratifies by it:

- a pair is compared only on the levels *both* sides have, with at least ``minimum``
  articles each (:func:`shared_levels`); with no such level it is not compared, and the
  reason (:func:`why_not`) names what each side has;
- a contrast over several shared levels is the mean of the per-level contrasts, each level
  weighted equally (like the events of the within-event scope), so a side's mix of levels
  does not enter the difference; the strata of an article are :func:`strata`;
- for presence measures (``*_present``: did the text use the frame's cues at all), whose
  chance grows with length even within a level, the strata are also length bands: the
  quartiles of the pair's word counts within each level (:func:`length_bands`), so long
  texts are compared with long texts;
- keyness, the classifier and the per-unit estimates work within one level at a time and
  carry it in a ``text_level`` column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..corpus.text import LEVEL_PLURAL, TEXT_LEVELS

__all__ = ["LENGTH_BANDS", "LEVELS", "adjustment", "at_levels", "in_words", "is_presence",
           "length_bands", "level_counts", "levels_of", "shared_levels", "strata", "why_not",
           "with_text_level"]

#: the corpus's text levels, longest first
LEVELS = TEXT_LEVELS
#: length bands (quantiles of word counts within a level) for presence measures
LENGTH_BANDS = 4
_TOKENS = "lex__n_words"


def with_text_level(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` as it is, or, when it has no ``text_level`` column (a hand-made frame, say),
    with every article of one level (the first of :data:`LEVELS`)."""
    return frame if "text_level" in frame.columns else frame.assign(text_level=LEVELS[0])


def at_levels(frame: pd.DataFrame):
    """(level, rows) for each text level `frame` has, in :data:`LEVELS` order.

    Examples
    --------
    >>> f = pd.DataFrame({"text_level": ["headline", "lede", "lede"]})
    >>> [(level, len(rows)) for level, rows in at_levels(f)]
    [('lede', 2), ('headline', 1)]
    """
    for level in LEVELS:
        rows = frame[frame["text_level"] == level]
        if len(rows):
            yield level, rows


def is_presence(feature: str) -> bool:
    """Whether `feature` is a presence measure (0/1: the text used the cues at all), whose
    chance grows with the text's length.

    Examples
    --------
    >>> is_presence("frame__generic_conflict_present"), is_presence("frame__generic_conflict_rate")
    (True, False)
    """
    return feature.endswith("_present")


def level_counts(frame: pd.DataFrame, by: str, unit: str) -> dict[str, int]:
    """Articles of `unit` (a value of column `by`) per text level, in :data:`LEVELS` order,
    levels it lacks left out.

    Examples
    --------
    >>> f = pd.DataFrame({"outlet": ["x", "x", "y"], "text_level": ["lede", "headline", "lede"]})
    >>> level_counts(f, "outlet", "x")
    {'lede': 1, 'headline': 1}
    """
    counts = frame.loc[frame[by] == unit, "text_level"].value_counts()
    return {level: int(counts[level]) for level in LEVELS if counts.get(level, 0)}


def levels_of(counts: dict[str, int]) -> str:
    """``lede 920, headline 94``: a side's levels for a reason or a caption."""
    return ", ".join(f"{level} {n}" for level, n in counts.items()) or "no articles"


def shared_levels(frame: pd.DataFrame, by: str, a: str, b: str, minimum: int = 1
                  ) -> list[str]:
    """The text levels on which `a` and `b` both have at least `minimum` articles; when
    both sides have one and the same level only, that level whatever their numbers (there
    is nothing to balance, and the pair's own bar, e.g. ``contrast_min_articles``, applies).

    Examples
    --------
    >>> f = pd.DataFrame({"outlet": list("xxxyy"),
    ...                   "text_level": ["lede", "lede", "headline", "lede", "headline"]})
    >>> shared_levels(f, "outlet", "x", "y"), shared_levels(f, "outlet", "x", "y", 2)
    (['lede', 'headline'], [])
    >>> shared_levels(f[f["text_level"] == "lede"], "outlet", "x", "y", 5)
    ['lede']
    """
    ca, cb = level_counts(frame, by, a), level_counts(frame, by, b)
    if len(ca) == 1 and ca.keys() == cb.keys():
        return list(ca)
    return [level for level in LEVELS if min(ca.get(level, 0), cb.get(level, 0)) >= minimum]


def why_not(frame: pd.DataFrame, by: str, a: str, b: str, minimum: int) -> str:
    """Why `a` and `b` cannot be compared like with like: what each side has.

    Examples
    --------
    >>> f = pd.DataFrame({"outlet": list("xxy"), "text_level": ["lede", "lede", "headline"]})
    >>> why_not(f, "outlet", "x", "y", 1)
    'no text level with 1+ articles on each side (x: lede 2; y: headline 1): not compared'
    """
    return (f"no text level with {minimum}+ articles on each side "
            f"({a}: {levels_of(level_counts(frame, by, a))}; "
            f"{b}: {levels_of(level_counts(frame, by, b))}): not compared")


def length_bands(frame: pd.DataFrame, bands: int = LENGTH_BANDS) -> np.ndarray:
    """Each article's length band within its text level: the quantile (of `bands`) of its
    word count among the articles of `frame` at that level; ties share a band, so a level
    whose texts are all of one length has one band.

    Examples
    --------
    >>> f = pd.DataFrame({"text_level": ["lede"] * 4 + ["headline"] * 2,
    ...                   "lex__n_words": [10, 20, 30, 40, 5, 5]})
    >>> length_bands(f, 2).tolist()
    [0, 0, 1, 1, 0, 0]
    """
    out = np.zeros(len(frame), dtype=int)
    if _TOKENS not in frame.columns:  # no word counts: one band
        return out
    levels = frame["text_level"].to_numpy()
    words = frame[_TOKENS].to_numpy(dtype=float)
    for level in np.unique(levels):
        here = levels == level
        ranks = pd.Series(words[here]).rank(method="min", pct=True).to_numpy()
        out[here] = np.minimum((ranks * bands - 1e-9).astype(int), bands - 1)
        out[here] = pd.factorize(out[here], sort=True)[0]
    return out


def strata(frame: pd.DataFrame, events: np.ndarray | None = None,
           by_length: bool = False) -> np.ndarray:
    """Each article's stratum: its text level, prefixed by its event when `events` is
    given, and followed by its length band (:func:`length_bands`) when `by_length`.

    Examples
    --------
    >>> f = pd.DataFrame({"text_level": ["lede", "lede", "headline"],
    ...                   "lex__n_words": [30, 10, 8]})
    >>> strata(f).tolist(), strata(f, np.array(["E1", "E1", "E2"]), by_length=True).tolist()
    (['lede', 'lede', 'headline'], ['E1|lede|1', 'E1|lede|0', 'E2|headline|0'])
    """
    keys = frame["text_level"].astype(str).to_numpy(dtype=object)
    if events is not None:
        keys = np.asarray(events, dtype=object) + "|" + keys
    if by_length:
        keys = keys + "|" + length_bands(frame).astype(str).astype(object)
    return keys.astype(str)


def adjustment(levels: list[str], presence: bool, events: bool = False) -> str:
    """How a contrast's rows were made like with like, in words (its ``adjustment``; the
    levels themselves are in ``text_levels``).

    Examples
    --------
    >>> adjustment(["lede"], presence=False)
    'none needed: one text level'
    >>> adjustment(["lede", "headline"], presence=True, events=True)
    'strata: event × text level × length quartile, weighted equally'
    """
    if not levels:
        return "not compared: no shared text level"
    parts = (["event"] if events else []) + (["text level"] if len(levels) > 1 else [])
    if presence:
        parts.append("length quartile" if LENGTH_BANDS == 4 else f"length band ({LENGTH_BANDS})")
    if not parts:
        return "none needed: one text level"
    return f"strata: {' × '.join(parts)}, weighted equally"


def in_words(rows: pd.DataFrame) -> str:
    """The text levels and adjustment of contrast rows (:func:`.contrasts.contrast_table`),
    in words, for a notebook or a caption; rows not compared are left out.

    Examples
    --------
    >>> rows = pd.DataFrame({"text_levels": ["lede", "lede|headline", None],
    ...                      "adjustment": ["none needed: one text level",
    ...                                     "strata: text level, weighted equally",
    ...                                     "not compared: no shared text level"]})
    >>> print(in_words(rows))  # doctest: +NORMALIZE_WHITESPACE
    ledes (none needed: one text level); ledes and headlines (strata: text level, weighted
    equally)
    """
    said = []
    for levels, how in dict.fromkeys(zip(rows["text_levels"], rows["adjustment"],
                                         strict=True)):
        if not isinstance(levels, str) or not levels:
            continue
        names = [LEVEL_PLURAL.get(level, level) for level in levels.split("|")]
        said.append(f"{' and '.join(names)} ({how})")
    return "; ".join(said) or "no text level in common: not compared"
