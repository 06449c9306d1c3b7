"""Sentiment per article: VADER per sentence, own vs quoted text, toward actors (``sent__``).

VADER is built for short social-media text, so each sentence is scored and the scores
are aggregated per article: the mean compound score and the shares of negative
(compound <= -0.05) and positive (>= 0.05) sentences, the thresholds of Hutto & Gilbert.
The author's own text and the quoted text are scored apart. Tone toward an actor is the
mean compound of the sentences that mention the actor (aliases from
``data/lexicons/actors.csv``): a sentence-level proxy, not target-dependent sentiment in
the sense of NewsMTSC. Beside it, ``actor_<actor>_target`` is the mean polarity toward the
actor's mentions (-1, 0, 1 each) by :func:`analysis.features.target.target_sentiment`, a
classifier of the mention's context trained on NewsMTSC's train part; both are scored
against NewsMTSC's held-out human labels in notebook 07. A sensitivity variant scores
the text with every contested term (``data/lexicons/contested_terms.csv``) masked, so
that word choice such as "invasion" vs "special military operation" is not read as tone.

VADER's compound score is computed by :mod:`._vader`, equal to vaderSentiment 3.3.2's.
VADER's lexicon is English: for any other language every ``sent__`` value is NaN.

The columnar engine (:meth:`Sentiment._transform_columnar`) gives the same values to the
bit: it scores every distinct sentence, quotation and target context of a batch in one
call of the numba kernel of :mod:`._vaderkernels` (tokens as ids, what VADER asks of a
token computed once per type), sums the scores of each part of a text in Python 3.11's
order, and turns the target features into the model's matrix directly.

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
import sys
from bisect import bisect_right
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np
from numba import njit

from ._base import Batch, Document, FeatureFamily, rows_by_language
from ._segment import quotations, quote_spans, sentence_spans, sentences, split_quoted
from ._tokens import (
    Slices,
    TypeTable,
    character_table,
    join_texts,
    ranges,
    sentence_bounds,
)
from ._vader import Vader
from ._vaderkernels import ColumnarVader, group_sums, rounded
from .lexicons import CueMatcher, joint_matchers
from .target import NEWSMTSC, NEWSMTSC_SPLIT, mention_polarities, target_sentiment

__all__ = ["Sentiment", "aggregate", "mask"]

NEGATIVE, POSITIVE = -0.05, 0.05
_MASK = "X"
_WORD_REST = re.compile(r"\w*")  # the rest of a word


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
    return (round(sum(compounds) / n, 12), sum(map(NEGATIVE.__ge__, compounds)) / n,
            sum(map(POSITIVE.__le__, compounds)) / n)


def mask(text: str, matcher: CueMatcher | None) -> str:
    """Replace every cue match (through the end of its word) with a neutral ``X``.

    Examples
    --------
    >>> mask("a brutal invasion began", CueMatcher([("war", "invasion", False)]))
    'a brutal X began'
    """
    if matcher is None:
        return text
    return _masked(text, [(start, end) for _, start, end in matcher.matches(text)])


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span (through the end of its word) made ``X``, a span that starts
    inside one made before left out; see :func:`mask`.

    Examples
    --------
    >>> _masked("the invasions, wars_2 and ŁUKASZ", [(26, 28), (4, 12), (6, 9), (15, 18)])
    'the X, X and X'
    """
    if not spans:
        return text
    spans = sorted(set(spans))
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        end = _WORD_REST.match(text, end).end()
        out += [text[last:start], _MASK]
        last = end
    out.append(text[last:])
    return "".join(out)


@njit(cache=True)
def _mask_kernel(codes, starts, ends, span_offsets, span_starts, span_ends, word, out,
                 out_starts, out_ends, changed):
    """:func:`_masked` of each text ``codes[starts[j]:ends[j]]`` as code points: its spans
    ``span_starts[span_offsets[j]:span_offsets[j + 1]]`` (and ``span_ends``; in its text,
    sorted, none twice) made ``X`` through the end of their word (`word`: ``\\w`` by code
    point), each masked text written to `out` followed by a space (where it starts and
    ends to `out_starts`, `out_ends`), and whether it differs from its text to
    `changed`; returns how many code points were written."""
    k = 0
    for j in range(len(starts)):
        a, e = starts[j], ends[j]
        out_starts[j] = k
        last = a
        same = True
        for s in range(span_offsets[j], span_offsets[j + 1]):
            start, end = a + span_starts[s], a + span_ends[s]
            if start < last:
                continue
            while end < e and word[codes[end]]:
                end += 1
            for p in range(last, start):
                out[k] = codes[p]
                k += 1
            out[k] = 88  # X
            k += 1
            same = same and end - start == 1 and codes[start] == 88
            last = end
        for p in range(last, e):
            out[k] = codes[p]
            k += 1
        out_ends[j] = k
        out[k] = 32
        k += 1
        changed[j] = not same
    return k


def masked_codes(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, text: np.ndarray,
                 span_starts: np.ndarray, span_ends: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_masked` of the texts ``codes[starts[j]:ends[j]]`` that have spans (span
    ``i`` of text ``text[i]``, where it starts and ends in that text), as code points: the
    masked texts' codes, each followed by a space; each masked text's text (its place in
    `starts`, ascending); where each starts and ends in the codes; and whether it differs
    from its text.

    Examples
    --------
    >>> texts = ["the invasions, wars_2 and ŁUKASZ", "X-ray X", "calm"]
    >>> _, codes, a, b = join_texts(texts)
    >>> out, which, s, e, changed = masked_codes(codes, a, b, np.array([1, 0, 0, 0, 0, 1]),
    ...     np.array([0, 26, 4, 6, 15, 6]), np.array([1, 28, 12, 9, 18, 7]))
    >>> [out[x:y].tobytes().decode("utf-32-le") for x, y in zip(s, e)], which.tolist()
    (['the X, X and X', 'X-ray X'], [0, 1])
    >>> changed.tolist()
    [True, False]
    >>> [_masked(t, [(26, 28), (4, 12), (6, 9), (15, 18)]) for t in texts[:1]]
    ['the X, X and X']
    """
    order = np.lexsort((span_ends, span_starts, text))
    text, span_starts, span_ends = text[order], span_starts[order], span_ends[order]
    keep = np.ones(len(text), bool)  # a span given twice counts once (``_masked``'s set)
    keep[1:] = ((np.diff(text) != 0) | (np.diff(span_starts) != 0)
                | (np.diff(span_ends) != 0))
    text, span_starts, span_ends = text[keep], span_starts[keep], span_ends[keep]
    which, first = np.unique(text, return_index=True)
    offsets = np.append(first, len(text)).astype(np.int64)
    a, b = starts[which], ends[which]
    out = np.empty(int((b - a).sum()) + len(which), np.uint32)
    out_starts, out_ends = np.empty(len(which), np.int64), np.empty(len(which), np.int64)
    changed = np.empty(len(which), np.bool_)
    k = _mask_kernel(codes, a, b, offsets, span_starts, span_ends, character_table(r"\w"),
                     out, out_starts, out_ends, changed)
    return out[:k], which, out_starts, out_ends, changed


def _named(spans: list[tuple[int, int]], mentions: list[tuple[str, int, int]],
           ) -> dict[str, set[int]]:
    """Actor -> the sentences (positions in `spans`) that name it: the actor `mentions`
    found in one scan of the text, placed in their sentences (no cue spans a sentence
    break, so this equals matching sentence by sentence)."""
    starts = [a for a, _ in spans]
    named: dict[str, set[int]] = {}
    for actor, start, _ in mentions:
        i = bisect_right(starts, start) - 1
        if i >= 0 and start < spans[i][1]:
            named.setdefault(actor, set()).add(i)
    return named


class Sentiment(FeatureFamily):
    """VADER sentiment per article: overall, own vs quoted, masked, and toward actors.

    Parameters
    ----------
    lexicon_dir : folder (or folders) whose ``actors.csv`` and ``contested_terms.csv``
        replace the project's ``data/lexicons`` ones.
    """

    prefix = "sent"
    lexicon_names = ("actors", "contested_terms")

    def __init__(self, lexicon_dir: Path | None = None) -> None:
        self.lexicon_dir = lexicon_dir

    def lexicon_files(self) -> list[Path]:
        """The lexicons, and the data the target-polarity model is trained on (so that a
        change of either re-computes the family)."""
        return [*super().lexicon_files(), NEWSMTSC, NEWSMTSC_SPLIT]

    @cached_property
    def _score(self):
        # the same sentence recurs (own text = whole text when nothing is quoted; masking
        # leaves most sentences alone): score each distinct sentence once
        return lru_cache(maxsize=1 << 16)(Vader().compound)

    @cached_property
    def _actor_lexicon(self):
        return self.lexicons_["actors"]

    @cached_property
    def _actors(self) -> list[str]:
        lexicon = self._actor_lexicon
        return [a for a in lexicon.categories()
                if any(r["language"] == "en" for r in lexicon.rows if r["actor"] == a)]

    @cached_property
    def _matcher(self) -> CueMatcher:
        """Actors and contested terms of English in one matcher (one scan of each text);
        categories ``actors:<actor>`` and ``contested_terms:<concept>``."""
        contested = self.lexicons_["contested_terms"]
        return joint_matchers((self._actor_lexicon, None), (contested, None)).get(
            "en", CueMatcher([]))

    def _cues(self, found: list[tuple[str, int, int]],
              ) -> tuple[list[tuple[str, int, int]], list[tuple[int, int]]]:
        """Split the matches `found` in a text into actor mentions (actor, start, end) and
        contested-term spans."""
        actors, contested = [], []
        for category, start, end in found:
            lexicon, _, name = category.partition(":")
            if lexicon == "actors":
                actors.append((name, start, end))
            else:
                contested.append((start, end))
        return actors, contested

    @cached_property
    def _actor_columns(self) -> np.ndarray:
        """Per category of the matcher (its place in ``categories``): its actor's offset
        in the actor part of a row (``_actor_column``), -1 for a contested term
        (``_cues``'s split, looked up)."""
        return np.array([self._actor_column[name] if lexicon == "actors" else -1
                         for lexicon, _, name in (c.partition(":")
                                                  for c in self._matcher.categories)],
                        np.int64)

    @cached_property
    def _actor_column(self) -> dict[str, int]:
        """Each actor's offset in the actor part of a row."""
        return {actor: 3 * k for k, actor in enumerate(self._actors)}

    @cached_property
    def _no_actor(self) -> tuple[float, ...]:
        return (math.nan, 0.0, math.nan) * len(self._actors)

    def _names(self) -> list[str]:
        names = []
        for part in ("all", "own", "quoted", "masked"):
            names += [f"{part}_compound", f"{part}_neg_share", f"{part}_pos_share"]
        names.append("n_sentences")
        for actor in self._actors:
            names += [f"actor_{actor}_compound", f"actor_{actor}_n_sentences",
                      f"actor_{actor}_target"]
        return names

    def score(self, sentence: str) -> float:
        """Return VADER's compound score of one sentence."""
        return self._score(sentence)

    def actor_mentions(self, doc: Document) -> list[tuple[str, int, int]]:
        """Return (actor, start, end) of each actor mention in an English ``doc.text``."""
        return self._cues(self._matcher.matches(doc.text))[0] if doc.language == "en" else []

    def _scores(self, units: list[str]) -> list[float]:
        return [self._score(u) for u in units]

    def _transform_batch(self, docs: list[Document]) -> np.ndarray:
        # NaN for a text that is not English or is empty; the actors and contested terms
        # of the English texts are found in one scan of them all
        out = np.full((len(docs), len(self._names())), np.nan)
        english = [i for i in rows_by_language(docs).get("en", []) if docs[i].text.strip()]
        found = self._matcher.matches_many([docs[i].text for i in english])
        for i, matches in zip(english, found, strict=True):
            out[i] = self._row(docs[i], matches)
        self._target_columns(docs, english, found, out)
        return out

    def _target_columns(self, docs: list[Document], english: list[int],
                        found: list[list[tuple[str, int, int]]], out: np.ndarray) -> None:
        """Fill ``actor_<actor>_target`` of `out`: the mean polarity toward the actor's
        mentions, each classified in its sentence, all mentions of the batch at once."""
        sentences, spans, owners = [], [], []  # owners: (row, actor) of each mention
        for i, matches in zip(english, found, strict=True):
            text = docs[i].text
            bounds = sentence_spans(text)
            starts = [a for a, _ in bounds]
            for actor, start, end in self._cues(matches)[0]:
                k = bisect_right(starts, start) - 1
                if k < 0 or start >= bounds[k][1]:
                    continue
                a, b = bounds[k]
                sentences.append(text[a:b])
                spans.append((start - a, min(end, b) - a))
                owners.append((i, actor))
        self._fill_targets(out, owners, target_sentiment(sentences, spans))

    def _fill_targets(self, out: np.ndarray, owners: list[tuple[int, str]],
                      polarities: list[int]) -> None:
        """Write each (row, actor)'s mean of the `polarities` of its mentions."""
        polarity: dict[tuple[int, str], list[int]] = {}
        for owner, p in zip(owners, polarities, strict=True):
            polarity.setdefault(owner, []).append(p)
        offset = len(self._names()) - 3 * len(self._actors)
        for (i, actor), values in polarity.items():
            out[i, offset + self._actor_column[actor] + 2] = round(sum(values) / len(values), 12)

    def _row(self, doc: Document, found: list[tuple[str, int, int]]) -> list[float]:
        """The features of an English text with something in it, whose actor and contested
        term matches are `found`."""
        spans = sentence_spans(doc.text)
        units = [doc.text[a:b] for a, b in spans]
        scores = self._scores(units)
        # a text without quotations is all own text; one without contested terms is its
        # own masked version: reuse the scores rather than split it again
        quotes = [q for q in quotations(doc.text) if q.strip()]
        own = split_quoted(doc.text)[0]
        mentions, contested = self._cues(found)
        masked = _masked(doc.text, contested)
        whole = aggregate(scores)
        row = [*whole,
               *(aggregate(self._scores(sentences(own))) if own != doc.text else whole),
               *aggregate(self._scores(quotes)),
               *(aggregate(self._scores(sentences(masked))) if masked != doc.text else whole),
               float(len(units))]
        named = _named(spans, mentions)
        tail = list(self._no_actor)  # (compound, n_sentences) per actor, in column order
        for actor, indices in named.items():
            hits = [scores[i] for i in sorted(indices)]
            at = self._actor_column[actor]
            tail[at:at + 2] = round(sum(hits) / len(hits), 12), float(len(hits))
        return row + tail

    @cached_property
    def _columnar_vader(self) -> ColumnarVader:
        return ColumnarVader()

    def _transform_columnar(self, batch: Batch) -> np.ndarray:
        """The rows of :meth:`_transform_batch`, to the bit, computed for the whole batch at
        once: the texts (and their own and masked versions where these differ) are
        segmented by one kernel call (:func:`._tokens.sentence_bounds`), every distinct
        sentence or quotation is found by a :class:`._tokens.TypeTable` of the batch and
        scored once by :class:`._vaderkernels.ColumnarVader`, and the aggregates are sums
        over groups of those scores (:func:`._vaderkernels.group_sums`, which adds as
        Python 3.11's ``sum`` does; a later Python's compensated ``sum`` is called as it
        is)."""
        docs = batch.docs
        batch.find_quotations()
        out = np.full((len(docs), len(self._names())), np.nan)
        english = [i for i in rows_by_language(docs).get("en", []) if docs[i].text.strip()]
        texts = [docs[i].text for i in english]
        # the actor mentions of all texts (their text, actor column, start, end) and the
        # contested terms of each text that has one
        found = self._matcher.scan(texts)
        actor_of = self._actor_columns[found.category]
        mention = actor_of >= 0
        text_of, actor = found.text[mention], actor_of[mention]
        # what is segmented: the texts, then each own text and each masked text that
        # differs from its text (a text without a contested term is its masked text);
        # what is scored whole: the quotations
        owns: list[str | None] = []
        quotes: list[list[str]] = []
        for text in texts:
            if not quote_spans(text):  # (most texts: no quotation, its own text itself)
                owns.append(None)
                quotes.append([])
                continue
            own = split_quoted(text)[0]
            owns.append(own if own != text else None)
            quotes.append([q for q in quotations(text) if q.strip()])
        own_texts = [x for x in owns if x is not None]
        n, quoted_from = len(texts), len(texts) + len(own_texts)
        joined, codes, starts, ends = join_texts(
            texts + own_texts + [q for qs in quotes for q in qs])
        # the masked texts, made of the texts' code points and put after them all
        contested = ~mention
        masked_at, masked_of, masked_starts, masked_ends, changed = masked_codes(
            codes, starts[:n], ends[:n], found.text[contested], found.start[contested],
            found.end[contested])
        has_masked = np.zeros(n, bool)
        has_masked[masked_of[changed]] = True
        piece_starts = np.concatenate([starts[:quoted_from], len(codes) + masked_starts[changed]])
        piece_ends = np.concatenate([ends[:quoted_from], len(codes) + masked_ends[changed]])
        codes = np.concatenate([codes, masked_at])
        a, b, offsets = sentence_bounds(codes, piece_starts, piece_ends)
        # each sentence's (then each quotation's) unit: its place among the distinct ones
        units = TypeTable()
        ids, _ = units.ids(codes, np.concatenate([a, starts[quoted_from:]]),
                           np.concatenate([b, ends[quoted_from:]]), named=False)
        # each text's four groups of units (all, own, quoted, masked): ranges of `ids`,
        # its own and masked pieces' sentences where these differ, else its own
        whole = np.arange(n)
        has_own = np.fromiter((x is not None for x in owns), bool, count=n)
        own = np.where(has_own, n + np.cumsum(has_own) - 1, whole)
        masked = np.where(has_masked, n + has_own.sum() + np.cumsum(has_masked) - 1, whole)
        n_quotes = np.fromiter(map(len, quotes), np.int64, count=n)
        quote_to = len(a) + np.cumsum(n_quotes)
        quote_from = quote_to - n_quotes
        lo = np.stack([offsets[whole], offsets[own], quote_from, offsets[masked]], 1).ravel()
        hi = np.stack([offsets[whole + 1], offsets[own + 1], quote_to, offsets[masked + 1]],
                      1).ravel()
        members = [ids[ranges(lo, hi)[1]]]  # the units of each group, group after group
        sizes = [hi - lo]
        # (row, first column) each group's values go to
        rows = [np.repeat(np.asarray(english, np.int64), 4)]
        columns = [np.tile(np.array([0, 3, 6, 9], np.int64), n)]
        actor_at = len(self._names()) - 3 * len(self._actors)
        # each mention's sentence (``_named``'s: the last that starts at or before it, if
        # the mention starts before its end), as places in the texts' sentences
        in_texts = int(offsets[n])
        at = starts[text_of] + found.start[mention]
        to = starts[text_of] + found.end[mention]
        sentence = np.searchsorted(a[:in_texts], at, side="right") - 1
        inside = (sentence >= offsets[text_of]) & (at < b[np.maximum(sentence, 0)])
        if inside.any():  # the actors' groups: the distinct sentences naming each in a text
            # (np.unique(axis=1)'s columns, each sorted as one number)
            widths = 3 * len(self._actors), len(a)  # the actors' offsets, the sentences
            key = np.unique((text_of[inside] * widths[0] + actor[inside]) * widths[1]
                            + sentence[inside])
            named = np.stack([key // widths[1] // widths[0], key // widths[1] % widths[0],
                              key % widths[1]])
            heads = np.flatnonzero(np.concatenate([
                [True], (np.diff(named[0]) != 0) | (np.diff(named[1]) != 0)]))
            members.append(ids[named[2]])
            sizes.append(np.diff(np.append(heads, named.shape[1])))
            rows.append(np.asarray(english, np.int64)[named[0, heads]])
            columns.append(actor_at + named[1, heads])
        scores = self._columnar_vader.span_compounds(*units.spans(), units.type_text)
        out[english, actor_at - 1] = np.diff(offsets[:len(texts) + 1])
        out[english, actor_at + 1::3] = 0.0
        if n:
            self._fill_groups(out, scores, np.concatenate(members), np.concatenate(sizes),
                              np.concatenate(rows), np.concatenate(columns), actor_at)
        # the target polarity of the mentions inside a sentence, each in its sentence (a
        # mention cut at the sentence's end); each (row, actor)'s mean, rounded as
        # ``_fill_targets`` rounds it
        mentioned = np.flatnonzero(inside)
        if len(mentioned):
            held, sid = np.unique(sentence[mentioned], return_inverse=True)
            x, y = a[held], b[held]
            polarity = mention_polarities(
                Slices(joined, x, y), sid, at[mentioned] - x[sid],
                np.minimum(to[mentioned], y[sid]) - x[sid], self._columnar_vader, ids[held],
                (codes, x, y))
            cells = np.ravel_multi_index(
                (np.asarray(english, np.int64)[text_of[mentioned]],
                 actor_at + actor[mentioned] + 2), out.shape)
            cell, group = np.unique(cells, return_inverse=True)
            out.flat[cell] = rounded(np.bincount(group, polarity) / np.bincount(group), 12)
        return out

    @staticmethod
    def _fill_groups(out: np.ndarray, scores: list[float], members: np.ndarray,
                     sizes: np.ndarray, rows: np.ndarray, columns: np.ndarray,
                     actor_at: int) -> None:
        """Write each group's :func:`aggregate` (a part of a text) or rounded mean and count
        (an actor's sentences) at its cell of `out` (`rows`, `columns`: its first); group
        ``g`` is the next ``sizes[g]`` of `members` (places in `scores`)."""
        bounds = np.zeros(len(sizes) + 1, np.int64)
        np.cumsum(sizes, out=bounds[1:])
        sums, negative, positive = group_sums(np.asarray(scores), members, bounds)
        if sys.version_info >= (3, 12):  # a compensated sum: Python's own
            units = members.tolist()
            sums = np.array([sum(scores[u] for u in units[a:b])
                             for a, b in pairwise(bounds.tolist())])
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.array(rounded(sums / sizes, 12))
            actor = columns >= actor_at
            part = ~actor & (sizes > 0)
            out[rows[part], columns[part]] = means[part]
            out[rows[part], columns[part] + 1] = negative[part] / sizes[part]
            out[rows[part], columns[part] + 2] = positive[part] / sizes[part]
            out[rows[actor], columns[actor]] = means[actor]
            out[rows[actor], columns[actor] + 1] = sizes[actor].astype(float)
