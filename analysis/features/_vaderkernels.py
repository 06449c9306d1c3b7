"""VADER's compound score of many sentences at once, over token ids (the columnar engine).

:class:`Vader.compound <._vader.Vader.compound>` scores one string at a time in Python.
Here a batch of sentences is tokenised once (white space, as VADER splits), each token is
mapped to a *type* id, and what VADER asks of a token is computed once per type, the first
time the type is seen, into numpy columns: its item lower-cased (as a *word* id, shared by
the types that lower-case to the same item), whether the item is in capitals, its "!" and
"?" counts, and whether it holds an emoji; per word: lexicon valence, booster scalar,
negation, and a code for the words VADER's rules name ("no", "never", "so", "this",
"without", "doubt", "least", "at", "very", "or", "nor", "but", "kind", "of"). A numba
kernel then applies every rule of vaderSentiment 3.3.2 to the id arrays, in the
reference's order of floating-point operations, so that the result is the same to the
bit: boosters (with the capitals increment and their distance damping), negation
(including "never so/this" and "without doubt"), "no", "least", "kind of", the idioms and
multi-word boosters, the "but" rescaling with its ``list.index`` quirk (each score is
rescaled at the position of the *first* equal score), "!" and "?" emphasis, and the
normalisation to the compound. Python's ``round(x, 4)`` is applied afterwards (numba's
``round`` is not Python's correctly rounded one), and a sentence with an emoji is handed
to the reference, which spells emojis out.

The type and word tables persist across batches (a corpus's vocabulary is seen once);
they are rebuilt from scratch when they grow past ``TYPE_LIMIT`` types. Within a call, each
distinct text is scored once, and the texts are tokenised in numba too
(:class:`._tokens.TypeTable`), so that no Python string is made per token, only one per
new type. The sentiment family scores with it every sentence, quotation and own / masked
sentence of a batch, and the texts of the target-polarity features
(:func:`.target.target_sentiment`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from itertools import repeat

import numpy as np
from numba import njit

from ._tokens import TYPE_LIMIT, TypeTable, join_texts, number_new, ranges, spaced_pieces
from ._vader import _BOOSTERS, _C, _IDIOMS, _N, _PUNCTUATION, Vader, _negating

__all__ = ["TYPE_LIMIT", "ColumnarVader", "group_sums", "rounded"]

#: codes of the words VADER's rules name (0: any other word)
_CODES = {w: k for k, w in enumerate(
    ("no", "never", "so", "this", "without", "doubt", "least", "at", "very", "or", "nor",
     "but", "kind", "of"), start=1)}
_NO, _NEVER, _SO, _THIS, _WITHOUT, _DOUBT, _LEAST, _AT, _VERY, _OR, _NOR, _BUT, _KIND, _OF = (
    range(1, 15))


@njit(cache=True)
def _find(table, lengths, a, b, c, n):
    """Row of `table` (word ids, -1 padded) equal to the `n`-gram (a, b[, c]); -1 if none."""
    for r in range(table.shape[0]):
        if lengths[r] == n and table[r, 0] == a and table[r, 1] == b and (
                n == 2 or table[r, 2] == c):
            return r
    return -1


@njit(cache=True)
def _valence(i, low, up, n, cap_diff, val, inlex, boost, isboost, neg, code, least_in_lexicon,
             idioms, idiom_len, idiom_val, ngrams, ngram_len, ngram_val):
    """The valence of sentiment word `i` of a sentence (words `low`, capitals `up`), after
    every rule of VADER's ``sentiment_valence`` in the reference's order."""
    w = low[i]
    valence = val[w]
    if code[w] == _NO and i != n - 1 and inlex[low[i + 1]]:
        valence = 0.0
    if ((i > 0 and code[low[i - 1]] == _NO) or (i > 1 and code[low[i - 2]] == _NO)
            or (i > 2 and code[low[i - 3]] == _NO
                and (code[low[i - 1]] == _OR or code[low[i - 1]] == _NOR))):
        valence = val[w] * _N
    if cap_diff and up[i]:
        valence = valence + _C if valence > 0 else valence - _C
    for k in range(3):
        if i <= k:
            break
        before = low[i - k - 1]
        if inlex[before]:
            continue
        if isboost[before]:
            scalar = -boost[before] if valence < 0 else boost[before]
            if cap_diff and up[i - k - 1]:
                scalar = scalar + _C if valence > 0 else scalar - _C
            if k == 1 and scalar != 0:
                scalar = scalar * 0.95
            elif k == 2 and scalar != 0:
                scalar = scalar * 0.9
            valence = valence + scalar
        else:
            valence = valence + 0.0
        # negation k words back
        if k == 0:
            if neg[low[i - 1]]:
                valence = valence * _N
        elif k == 1:
            c2, c1 = code[low[i - 2]], code[low[i - 1]]
            if c2 == _NEVER and c1 in (_SO, _THIS):
                valence = valence * 1.25
            elif c2 == _WITHOUT and c1 == _DOUBT:
                pass
            elif neg[low[i - 2]]:
                valence = valence * _N
        else:
            c3, c2, c1 = code[low[i - 3]], code[low[i - 2]], code[low[i - 1]]
            if (c3 == _NEVER and c2 in (_SO, _THIS)) or c1 in (_SO, _THIS):
                valence = valence * 1.25
            elif c3 == _WITHOUT and (c2 == _DOUBT or c1 == _DOUBT):
                pass
            elif neg[low[i - 3]]:
                valence = valence * _N
            # idioms and multi-word boosters
            w3, w2, w1 = low[i - 3], low[i - 2], low[i - 1]
            for a, b, c, m in ((w1, w, -1, 2), (w2, w1, w, 3), (w2, w1, -1, 2),
                               (w3, w2, w1, 3), (w3, w2, -1, 2)):
                r = _find(idioms, idiom_len, a, b, c, m)
                if r >= 0:
                    valence = idiom_val[r]
                    break
            if n - 1 > i:
                r = _find(idioms, idiom_len, w, low[i + 1], -1, 2)
                if r >= 0:
                    valence = idiom_val[r]
            if n - 1 > i + 1:
                r = _find(idioms, idiom_len, w, low[i + 1], low[i + 2], 3)
                if r >= 0:
                    valence = idiom_val[r]
            for a, b, c, m in ((w3, w2, w1, 3), (w3, w2, -1, 2), (w2, w1, -1, 2)):
                r = _find(ngrams, ngram_len, a, b, c, m)
                if r >= 0:
                    valence = valence + ngram_val[r]
    if (i > 0 and code[low[i - 1]] == _LEAST and not least_in_lexicon
            and (i == 1 or (code[low[i - 2]] != _AT and code[low[i - 2]] != _VERY))):
        valence = valence * _N
    return valence


@njit(cache=True)
def _compounds(tids, offsets, t_word, t_upper, t_excl, t_quest, val, inlex, boost, isboost,
               neg, code, least_in_lexicon, idioms, idiom_len, idiom_val, ngrams, ngram_len,
               ngram_val):
    """Unrounded compound score of each sentence ``tids[offsets[j]:offsets[j + 1]]``."""
    m = len(offsets) - 1
    out = np.zeros(m)
    longest = 0
    for j in range(m):
        longest = max(longest, offsets[j + 1] - offsets[j])
    low = np.empty(longest, np.int64)
    up = np.empty(longest, np.bool_)
    scores = np.empty(longest)
    for j in range(m):
        start = offsets[j]
        n = offsets[j + 1] - start
        hit = False
        n_upper = 0
        excl = 0
        quest = 0
        at_but = -1
        for i in range(n):
            t = tids[start + i]
            w = t_word[t]
            low[i] = w
            up[i] = t_upper[t]
            n_upper += t_upper[t]
            excl += t_excl[t]
            quest += t_quest[t]
            hit = hit or inlex[w]
            if at_but < 0 and code[w] == _BUT:
                at_but = i
        if not hit:
            continue  # no sentiment word: 0.0
        cap_diff = 0 < n - n_upper < n
        for i in range(n):
            scores[i] = 0.0
            w = low[i]
            if not inlex[w] or isboost[w] or (
                    code[w] == _KIND and i < n - 1 and code[low[i + 1]] == _OF):
                continue
            scores[i] = _valence(i, low, up, n, cap_diff, val, inlex, boost, isboost, neg,
                                 code, least_in_lexicon, idioms, idiom_len, idiom_val, ngrams,
                                 ngram_len, ngram_val)
        if at_but >= 0:
            for i in range(n):
                value = scores[i]
                first = 0
                while scores[first] != value:
                    first += 1
                if first < at_but:
                    scores[first] = value * 0.5
                elif first > at_but:
                    scores[first] = value * 1.5
        total = 0.0
        for i in range(n):
            total += scores[i]
        if total != 0:
            emphasis = min(excl, 4) * 0.292
            if quest > 1:
                emphasis += quest * 0.18 if quest <= 3 else 0.96
            total = total + emphasis if total > 0 else total - emphasis
        x = total / math.sqrt(total * total + 15)
        x = x if x < 1.0 else 1.0
        out[j] = x if x > -1.0 else -1.0
    return out


@njit(cache=True)
def group_sums(scores, members, bounds):
    """Per group ``members[bounds[g]:bounds[g + 1]]`` (indices into `scores`): the sum of its
    scores added left to right from 0.0 (what Python 3.11's ``sum`` of floats does), and
    how many are <= -0.05 and >= 0.05."""
    m = len(bounds) - 1
    sums = np.zeros(m)
    negative = np.zeros(m, np.int64)
    positive = np.zeros(m, np.int64)
    for g in range(m):
        total = 0.0
        for k in range(bounds[g], bounds[g + 1]):
            c = scores[members[k]]
            total += c
            negative[g] += c <= -0.05
            positive[g] += c >= 0.05
        sums[g] = total
    return sums, negative, positive


@njit(cache=True)
def _append_listed(tids, bounds, of_text, ids, merged, at):
    """Write each text's ids ``tids[bounds[j]:bounds[j + 1]]`` and then its listed ones
    (``ids[i]`` where ``of_text[i] == j``, `of_text` sorted) to `merged`, and where each
    text's start (and the last's end) to `at`."""
    k = i = 0
    for j in range(len(bounds) - 1):
        at[j] = k
        for p in range(bounds[j], bounds[j + 1]):
            merged[k] = tids[p]
            k += 1
        while i < len(of_text) and of_text[i] == j:
            merged[k] = ids[i]
            k += 1
            i += 1
    at[len(bounds) - 1] = k


#: ``string.punctuation`` (what :func:`._vader._item` strips) by code point below 128
_STRIPPED = np.zeros(128, np.bool_)
_STRIPPED[[ord(c) for c in _PUNCTUATION]] = True


@njit(cache=True)
def _items(codes, starts, ends, stripped, out, facts):
    """:func:`._vader._item` of each token ``codes[starts[j]:ends[j]]`` written to `out`,
    each after a space (returns how many code points that is), and the token's ``!`` and
    ``?`` counts and whether it has a character past ASCII (`facts`' columns)."""
    k = 0
    for j in range(len(starts)):
        s, e = starts[j], ends[j]
        a, b = s, e
        while a < b and codes[a] < 128 and stripped[codes[a]]:
            a += 1
        while b > a and codes[b - 1] < 128 and stripped[codes[b - 1]]:
            b -= 1
        if b - a <= 2:
            a, b = s, e
        out[k] = 32
        k += 1
        for p in range(a, b):
            out[k] = codes[p]
            k += 1
        for p in range(s, e):
            c = codes[p]
            if c == 33:
                facts[j, 0] += 1
            elif c == 63:
                facts[j, 1] += 1
            elif c > 127:
                facts[j, 2] = 1
    return k


def rounded(values: np.ndarray, digits: int) -> list[float]:
    """``[round(x, digits) for x in values]``, Python's correctly rounded ``round``, for
    values of magnitude below 2**52 / 10**digits, computed for all at once.

    Where ``x * 10**digits`` lies farther than 0.001 from a half-integer, the decimal that
    Python's ``round`` picks is ``k * 10**-digits`` with ``k = rint(x * 10**digits)`` (the
    product's rounding error is far below 0.001 there), and the double nearest to it, which
    ``round`` returns, is the correctly rounded quotient ``k / 10**digits`` (both exact
    doubles); the other values (and NaN) are rounded by Python.

    Examples
    --------
    >>> rounded(np.array([0.12345, -0.00001, 2.675, float("nan")]), 4)
    [0.1235, -0.0, 2.675, nan]
    """
    scale = 10.0 ** digits
    scaled = values * scale
    nearest = np.rint(scaled)
    out = (nearest / scale).tolist()
    with np.errstate(invalid="ignore"):
        doubtful = ~((np.abs(np.abs(scaled - nearest) - 0.5) > 1e-3)
                     & (np.abs(scaled) < 2.0 ** 52))
    for j in np.flatnonzero(doubtful).tolist():
        out[j] = round(float(values[j]), digits)
    return out


class ColumnarVader:
    """VADER compound scores of many sentences per call, equal to :class:`._vader.Vader`'s
    (and so to vaderSentiment's) for every sentence; see the module docstring."""

    def __init__(self) -> None:
        self.reference = Vader()
        self._reset()

    def _reset(self) -> None:
        lexicon = self.reference._lexicon
        self._least_in_lexicon = "least" in lexicon
        self._types = TypeTable()
        # the type ids of the last span_compounds call's texts' tokens, where each ends,
        # and the texts' scores
        self._last_spans: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._words: dict[str, int] = {}
        self._t = {k: np.zeros(0, d) for k, d in (
            ("word", np.int64), ("upper", np.int64), ("excl", np.int64),
            ("quest", np.int64), ("emoji", np.bool_))}
        self._w = {k: np.zeros(0, d) for k, d in (
            ("val", np.float64), ("inlex", np.bool_), ("boost", np.float64),
            ("isboost", np.bool_), ("neg", np.bool_), ("code", np.int64))}
        # the n-gram tables name their words by word id: register those words first
        idioms = [(k.split(), v) for k, v in _IDIOMS.items() if " " in k]
        ngrams = [(k.split(), v) for k, v in _BOOSTERS.items() if " " in k]
        self._add_words([w for words, _ in idioms + ngrams for w in words])
        self._tables = (*self._table(idioms), *self._table(ngrams))

    def _table(self, entries) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        ids = np.full((max(len(entries), 1), 3), -2, np.int64)
        lengths = np.zeros(len(ids), np.int64)
        values = np.zeros(len(ids))
        for r, (words, value) in enumerate(entries):
            ids[r, :len(words)] = [self._words[w] for w in words]
            lengths[r] = len(words)
            values[r] = value
        return ids, lengths, values

    def _add_words(self, words: Iterable[str]) -> None:
        """Register those of `words` (lower-cased items) not registered yet: their ids
        (:func:`._tokens.number_new`) and facts, a column at a time."""
        lexicon = self.reference._lexicon
        words = number_new(self._words, words)
        new = {
            "val": map(lexicon.get, words, repeat(0.0)),
            "inlex": map(lexicon.__contains__, words),
            "boost": map(_BOOSTERS.get, words, repeat(0.0)),
            "isboost": map(_BOOSTERS.__contains__, words),
            "neg": _negating(words),
            "code": map(_CODES.get, words, repeat(0))}
        for key, values in new.items():
            self._w[key] = np.concatenate([self._w[key], np.fromiter(
                values, self._w[key].dtype, count=len(words))])

    def _add_types(self, tokens: list[str]) -> None:
        """Register the types `tokens` (white-space tokens, not seen before): each one's
        item (:func:`._vader._item`, by a kernel: :func:`_items`), its word (the item
        lower-cased) and its own facts, a column at a time."""
        n = len(tokens)
        _, codes, starts, ends = join_texts(tokens)
        out = np.empty(len(codes) + 1, np.uint32)
        facts = np.zeros((n, 3), np.int64)
        k = _items(codes, starts, ends, _STRIPPED, out, facts)
        items = spaced_pieces(out, k)
        lowered = list(map(str.lower, items))
        self._add_words(lowered)
        words = self._words
        emojis = self.reference._emojis
        emoji = np.zeros(n, np.bool_)
        wide = np.flatnonzero(facts[:, 2])
        emoji[wide] = [not emojis.isdisjoint(tokens[j]) for j in wide.tolist()]
        new = {
            "word": np.fromiter(map(words.__getitem__, lowered), np.int64, count=n),
            "upper": np.fromiter(map(str.isupper, items), np.int64, count=n),
            "excl": facts[:, 0], "quest": facts[:, 1], "emoji": emoji}
        for key, values in new.items():
            self._t[key] = np.concatenate([self._t[key], values])

    def compounds(self, texts: list[str]) -> list[float]:
        """Return VADER's compound score of each of `texts`, rounded to 4 decimals as VADER
        does.

        Examples
        --------
        >>> ColumnarVader().compounds(["The plot was good, but the characters are not great.",
        ...                            "Minsk is a city.", "GOOD!!"])
        [-0.5409, 0.0, 0.5399]
        """
        if len(self._types) > TYPE_LIMIT:
            self._reset()
        index = dict.fromkeys(texts)
        if len(index) < len(texts):  # score each distinct text once
            distinct = list(index)
            index.update(zip(distinct, range(len(distinct)), strict=True))
            scores = self.compounds(distinct)
            return [scores[k] for k in map(index.__getitem__, texts)]
        tids, offsets, new = self._types.tokenise(texts)
        return self._scores(tids, offsets, new, texts.__getitem__)

    def span_compounds(self, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                       text: Callable[[int], str]) -> list[float]:
        """:meth:`compounds` of the texts ``codes[starts[j]:ends[j]]`` (code points: no
        string is made but ``text(j)``, for the few texts with an emoji, which the
        reference scores).

        Examples
        --------
        >>> from ._tokens import code_points
        >>> words = "not GOODMinsk is a city."
        >>> vader = ColumnarVader()
        >>> vader.span_compounds(code_points(words), np.array([0, 8]), np.array([8, 24]),
        ...                      None) == vader.compounds(["not GOOD", "Minsk is a city."])
        True
        """
        if len(self._types) > TYPE_LIMIT:
            self._reset()
        tids, offsets, new = self._types.tokenise_spans(codes, starts, ends)
        scores = self._scores(tids, offsets, new, text)
        self._last_spans = tids, offsets, np.array(scores)
        return scores

    @property
    def type_table(self) -> TypeTable:
        """The table whose type ids the scorer knows (a new one when it starts afresh)."""
        return self._types

    def token_ids(self, tokens: list[str]) -> tuple[np.ndarray, list[str]]:
        """The type ids of `tokens` (white-space tokens, none empty) in the table, and the
        types first seen here, whose facts the next scoring call that is handed them
        adds (:meth:`piece_compounds`' `listed`).

        Examples
        --------
        >>> vader = ColumnarVader()
        >>> ids, new = vader.token_ids(["good", "bad", "good"])
        >>> ids.tolist(), new
        ([0, 1, 0], ['good', 'bad'])
        """
        _, codes, starts, ends = join_texts(tokens)
        return self._types.ids(codes, starts, ends)

    def span_tokens(self, which: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """The type ids of the white-space tokens of the texts `which` (places among the
        texts of the last :meth:`span_compounds` call), text after text, and how many
        each has; None if the table has started afresh since (ids made before it are
        not its ids). For :meth:`piece_compounds`' `known`.

        Examples
        --------
        >>> from ._tokens import code_points
        >>> vader = ColumnarVader()
        >>> _ = vader.span_compounds(code_points("a b cd"), np.array([0, 4]),
        ...                          np.array([3, 6]), None)
        >>> tids, counts = vader.span_tokens(np.array([1, 0, 1]))
        >>> [vader._types.type_text(t) for t in tids], counts.tolist()
        (['cd', 'a', 'b', 'cd'], [1, 2, 1])
        """
        if self._last_spans is None:
            return None
        tids, offsets, _ = self._last_spans
        return tids[ranges(offsets[which], offsets[which + 1])[1]], np.diff(offsets)[which]

    def span_scores(self, which: np.ndarray) -> np.ndarray | None:
        """The scores the last :meth:`span_compounds` call gave the texts `which` (places
        among its texts); None if the table has started afresh since, as
        :meth:`span_tokens`."""
        return None if self._last_spans is None else self._last_spans[2][which]

    def keeps_score_as_x(self, tids: np.ndarray, offsets: np.ndarray, text: np.ndarray,
                         place: np.ndarray) -> np.ndarray:
        """Whether text ``text[m]`` (its white-space tokens' type ids
        ``tids[offsets[text[m]]:offsets[text[m] + 1]]``) surely scores the same with its
        token ``tids[place[m]]`` made an ``X``: its compound is then the text's own.

        Of a token, the kernel (:func:`_compounds`) reads its word's facts (valence, whether
        a lexicon word, a booster, a negation, a word a rule names, a word of an idiom or
        multi-word booster: the tables compare word ids), whether it is in capitals, its
        "!" and "?" and whether it holds an emoji; the count of tokens and where each
        stands do not change. So where neither token's word has any of those facts,
        neither token holds "!", "?" or an emoji, no token of the text holds an emoji
        (the reference scores those) and the capitals differential (some tokens in
        capitals, not all) is what it was — or no token was in capitals, so the X is the
        only one, and the differential, which the rules apply to lexicon words and
        boosters in capitals, finds none — every rule reads the same values in the same
        order, to the same bit.

        Examples
        --------
        >>> from ._tokens import code_points
        >>> vader = ColumnarVader()
        >>> texts = ["Minsk said no", "GREAT NEWS FROM Minsk", "so good", "Minsk!"]
        >>> at = np.cumsum([0] + [len(t) for t in texts])
        >>> _ = vader.span_compounds(code_points("".join(texts)), at[:-1], at[1:], None)
        >>> tids, counts = vader.span_tokens(np.arange(4))
        >>> offsets = np.concatenate([[0], np.cumsum(counts)])
        >>> vader.keeps_score_as_x(tids, offsets, np.array([0, 0, 1, 2, 2, 3]),
        ...                        np.array([0, 2, 6, 7, 8, 9])).tolist()
        [True, False, False, False, False, False]
        """
        x, new = self.token_ids(["X"])
        if new:
            self._add_types(new)
        t, w = self._t, self._w
        plain = ~w["inlex"] & ~w["isboost"] & ~w["neg"] & (w["code"] == 0)
        idioms, _, _, ngrams, _, _ = self._tables
        named = np.concatenate([idioms.ravel(), ngrams.ravel()])
        plain[named[named >= 0]] = False
        plain = plain[t["word"]] & (t["excl"] == 0) & (t["quest"] == 0) & ~t["emoji"]
        swapped, x = tids[place], int(x[0])
        lo, hi = offsets[text], offsets[text + 1]
        emojis = np.concatenate([[0], np.cumsum(t["emoji"][tids])])
        capitals = np.concatenate([[0], np.cumsum(t["upper"][tids])])
        before = capitals[hi] - capitals[lo]
        after = before - t["upper"][swapped] + t["upper"][x]
        n = hi - lo
        return (plain[swapped] & plain[x] & (emojis[hi] == emojis[lo])
                & ((before == 0)
                   | (((before > 0) & (before < n)) == ((after > 0) & (after < n)))))

    def piece_compounds(self, codes: np.ndarray, token_starts: np.ndarray,
                        token_ends: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                        offsets: np.ndarray, text: Callable[[int], str],
                        known: np.ndarray | None = None,
                        listed: tuple[np.ndarray, Callable[[], tuple[np.ndarray, list[str]]]]
                        | None = None) -> list[float]:
        """:meth:`compounds` of texts made of pieces of `codes`: text `j` is pieces
        ``offsets[j]`` to ``offsets[j + 1]``, piece ``i`` is ``codes[starts[i]:ends[i]]``,
        and the pieces are joined by white space, so the text's white-space tokens are its
        pieces' one after the other. `token_starts`, `token_ends` are the white-space
        tokens of the stretches of `codes` the pieces lie in (:func:`._tokens.space_tokens`);
        a piece's tokens are those, cut to it (:meth:`._tokens.TypeTable.piece_ids`), so
        each is looked up once however many pieces hold it; `known`, if given, are the
        type ids of the first of those tokens (:meth:`span_tokens`, of the texts those
        tokens are; not used if the table starts afresh here). `listed`, if given, adds
        tokens known by their ids: the text each is of (in order of text), and a function
        giving their ids and the types it first saw (:meth:`token_ids`; called after the
        table may have started afresh); a text's tokens are its pieces' and then these.
        ``text(j)`` makes text `j`, for the few texts with an emoji (which the reference
        scores).

        Examples
        --------
        >>> from ._tokens import code_points, space_tokens
        >>> words = "not GOOD at all!"
        >>> codes = code_points(words)
        >>> a, b, _ = space_tokens(codes, np.array([0]), np.array([len(words)]))
        >>> vader = ColumnarVader()
        >>> vader.piece_compounds(codes, a, b, np.array([0, 10, 4]), np.array([8, 16, 6]),
        ...                       np.array([0, 1, 3]), None) == vader.compounds(
        ...     ["not GOOD", "t all! GO"])
        True
        >>> vader.piece_compounds(codes, a, b, np.array([0, 10]), np.array([8, 16]),
        ...                       np.array([0, 1, 1, 2]), None, listed=(np.array([0, 1, 1]),
        ...                       lambda: vader.token_ids(["bad", "so", "good"]))
        ...                       ) == vader.compounds(["not GOOD bad", "so good", "t all!"])
        True
        """
        if len(self._types) > TYPE_LIMIT:
            self._reset()
            known = None
        tids, counts, new = self._types.piece_ids(codes, token_starts, token_ends, starts,
                                                  ends, known)
        token_offsets = np.zeros(len(counts) + 1, np.int64)
        np.cumsum(counts, out=token_offsets[1:])
        bounds = token_offsets[offsets]  # where each text's tokens end
        if listed is not None:  # each text's listed tokens after its pieces'
            of_text, look_up = listed
            ids, more = look_up()
            new = new + more
            merged = np.empty(len(tids) + len(ids), np.int64)
            at = np.empty(len(bounds), np.int64)
            _append_listed(tids, bounds, of_text, ids, merged, at)
            tids, bounds = merged, at
        return self._scores(tids, bounds, new, text)

    def _scores(self, tids: np.ndarray, offsets: np.ndarray, new: list[str],
                text: Callable[[int], str]) -> list[float]:
        """The rounded compound of each text ``tids[offsets[j]:offsets[j + 1]]`` (type
        ids; `new`: the types first seen), the reference's for text ``text(j)`` if it has
        an emoji."""
        if new:
            self._add_types(new)
        t, w = self._t, self._w
        raw = _compounds(tids, offsets, t["word"], t["upper"], t["excl"], t["quest"],
                         w["val"], w["inlex"], w["boost"], w["isboost"], w["neg"], w["code"],
                         self._least_in_lexicon, *self._tables)
        out = rounded(raw, 4)
        emoji = t["emoji"][tids]
        if emoji.any():
            units = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))[emoji]
            for j in np.unique(units).tolist():
                out[j] = self.reference.compound(text(j))
        return out
