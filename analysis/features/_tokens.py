"""The columnar engine's scans of many texts at once, as numba kernels over code points.

- :class:`TypeTable`: white-space tokens as type ids. A batch of texts is joined, turned
  into code points once and split where ``str.split`` splits (``str.isspace``); each token
  is looked up in a hash table of the types seen so far (FNV-1a over the code points,
  linear probing), so that no Python string is made per token, only one per new type. The
  table persists across calls (a corpus's vocabulary is seen once); its user computes what
  it needs about each new type, once, and keeps it in columns indexed by type id. Used by
  :class:`._vaderkernels.ColumnarVader` (VADER splits a sentence at white space), by the
  lexical family's columnar engine (textstat's words are its cleaning of each white-space
  token) and, through :meth:`TypeTable.ids`, for any spans (the target model's tokens, the
  distinct sentences of a batch).
- :func:`sentence_bounds`: :func:`._segment.sentence_spans` of many texts in one call;
  :func:`quote_bounds`: :func:`._segment.quote_spans` of many texts in one call.
- :func:`space_tokens`: the white-space tokens of many pieces of text in one call;
  :meth:`TypeTable.piece_ids`: the type ids of those of pieces of a text already split,
  from its tokens.
- :func:`trie_starts`: the word starts a cue lexicon's trie matches (``lexicons.CueMatcher``),
  and :func:`resolve_cues`: which of its cues match at each of them.
- :func:`character_table`: a character class as Python's ``re`` sees it, by code point, so
  that the kernels classify characters as the regular expressions they replace do.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import filterfalse

import numpy as np
from numba import njit

from ._segment import SENTENCE_CLOSERS, SENTENCE_MARKS, SENTENCE_OPENERS
from ._stored import digest, stored

__all__ = ["TYPE_LIMIT", "Slices", "TypeTable", "character_table", "code_points",
           "join_spans", "join_texts", "joined_codes", "number_new", "quote_bounds", "ranges",
           "resolve_cues", "sentence_bounds", "space_tokens", "spaced", "spaced_pieces",
           "trie_arrays", "trie_starts"]

#: types a user keeps before it starts its tables afresh (bounded memory on any corpus)
TYPE_LIMIT = 1 << 20


def number_new(known: dict[str, int], items: Iterable[str]) -> list[str]:
    """Give each of `items` not in `known` the next id, in order of first appearance
    (ids count on from ``len(known)``), and return those items in that order: the id
    tables of words kept beside the type tables, by C-level maps.

    Examples
    --------
    >>> known = {"a": 0}
    >>> number_new(known, ["b", "a", "c", "b"]), known
    (['b', 'c'], {'a': 0, 'b': 1, 'c': 2})
    """
    fresh = list(dict.fromkeys(filterfalse(known.__contains__, items)))
    known.update(zip(fresh, range(len(known), len(known) + len(fresh)), strict=True))
    return fresh


#: white space as ``str.split`` sees it (``str.isspace``), by code point; none lies above
_SPACE = np.array([chr(c).isspace() for c in range(0x3001)])


def ranges(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The integers of each range ``[lo[g], hi[g])`` (none where ``hi[g] <= lo[g]``), range
    after range: the range ``g`` each comes from, and the integer.

    Examples
    --------
    >>> group, place = ranges(np.array([5, 0, 2]), np.array([7, 0, 5]))
    >>> group.tolist(), place.tolist()
    ([0, 0, 2, 2, 2], [5, 6, 2, 3, 4])
    """
    size = np.maximum(hi - lo, 0)
    return (np.repeat(np.arange(len(lo)), size),
            np.repeat(lo, size) + (np.arange(size.sum()) - np.repeat(np.cumsum(size) - size,
                                                                     size)))


def code_points(text: str) -> np.ndarray:
    """The code points of `text`, one per character (``str`` indexing's)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


def spaced_pieces(out: np.ndarray, k: int) -> list[str]:
    """The strings a kernel wrote to ``out[:k]`` as code points, each after a space (one
    per text of :func:`join_texts`, none holding a space: ``len(codes) + 1`` places
    hold them all); :func:`code_points` backwards.

    Examples
    --------
    >>> spaced_pieces(code_points(" ab  c!"), 7)
    ['ab', '', 'c!']
    """
    return out[1:k].tobytes().decode("utf-32-le", "surrogatepass").split(" ")


def join_texts(texts: Sequence[str], separator: str = " ",
               ) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    """`texts` joined by `separator` (one character), its code points, and where each
    text starts and ends in them.

    Examples
    --------
    >>> joined, codes, starts, ends = join_texts(["ab", "", "c"], "|")
    >>> joined, codes.tolist(), starts.tolist(), ends.tolist()
    ('ab||c', [97, 98, 124, 124, 99], [0, 3, 4], [2, 3, 5])
    """
    if len(separator) != 1:
        raise ValueError(f"the separator must be one character, not {separator!r}")
    joined = separator.join(texts)
    lengths = np.fromiter(map(len, texts), np.int64, count=len(texts))
    starts = np.zeros(len(texts), np.int64)
    np.cumsum(lengths[:-1] + 1, out=starts[1:])
    return joined, code_points(joined), starts, starts + lengths


@njit(cache=True)
def _join_spans(codes, starts, ends, separator, out, out_starts):
    """Copy each span ``codes[starts[j]:ends[j]]`` to `out` (from ``out_starts[j]``), the
    spans apart by one `separator`; returns whether a copied code point is `separator`."""
    found = False
    k = 0
    for j in range(len(starts)):
        if j:
            out[k] = separator
            k += 1
        out_starts[j] = k
        for p in range(starts[j], ends[j]):
            out[k] = codes[p]
            found = found or codes[p] == separator
            k += 1
    return found


def join_spans(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, separator: str,
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The code points of :func:`join_texts` (its last three results) for texts given as
    spans ``codes[starts[j]:ends[j]]`` of code points, which need not be made strings;
    None if a text holds the `separator` (one character).

    Examples
    --------
    >>> codes = code_points("ab c")
    >>> out, a, b = join_spans(codes, np.array([3, 0, 1]), np.array([4, 0, 2]), "|")
    >>> out.tobytes().decode("utf-32-le"), a.tolist(), b.tolist()
    ('c||b', [0, 2, 3], [1, 2, 4])
    >>> join_spans(codes, np.array([0]), np.array([4]), " ") is None
    True
    """
    lengths = np.maximum(ends - starts, 0)
    out = np.empty(int(lengths.sum()) + max(len(starts) - 1, 0), np.uint32)
    out_starts = np.empty(len(starts), np.int64)
    if _join_spans(codes, starts, ends, ord(separator), out, out_starts):
        return None
    return out, out_starts, out_starts + lengths


class Slices(Sequence[str]):
    """The texts ``text[starts[j]:ends[j]]``, each made when it is asked for.

    Examples
    --------
    >>> texts = Slices("ab cd", np.array([3, 0]), np.array([5, 1]))
    >>> len(texts), texts[0], list(texts)
    (2, 'cd', ['cd', 'a'])
    """

    def __init__(self, text: str, starts: np.ndarray, ends: np.ndarray) -> None:
        self._text, self._starts, self._ends = text, starts, ends

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, j):  # (an int: the Sequence protocol's slices are not needed)
        if not 0 <= j < len(self._starts):
            raise IndexError(j)
        return self._text[int(self._starts[j]):int(self._ends[j])]


@lru_cache(maxsize=1)
def joined_codes(texts: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The code points of `texts` joined by a space (so no white-space token spans two
    texts), and where each text starts and ends in them (:func:`join_texts`): read-only,
    and kept for the last texts (a batch's texts, which its families tokenise and read in
    turn).

    Examples
    --------
    >>> codes, starts, ends = joined_codes(("ab", "", "c"))
    >>> codes.tolist(), starts.tolist(), ends.tolist()
    ([97, 98, 32, 32, 99], [0, 3, 4], [2, 3, 5])
    """
    _, codes, starts, ends = join_texts(texts)
    starts.flags.writeable = ends.flags.writeable = False
    return codes, starts, ends


@cache
def _every_character() -> tuple[np.ndarray, str]:
    codes = np.arange(0x110000, dtype=np.uint32)
    return codes, codes.tobytes().decode("utf-32-le", "surrogatepass")


@cache
def character_table(pattern: str, flags: int = 0) -> np.ndarray:
    """Whether the regular expression `pattern` (one character long) matches each code
    point, as a boolean array indexed by code point: the ``re`` engine's own answer for
    every character, so a kernel that looks characters up here classifies them as the
    pattern does (Unicode classes such as ``\\w``, ``re.IGNORECASE``'s case pairs).

    Examples
    --------
    >>> import re
    >>> word = character_table(r"\\w")
    >>> bool(word[ord("é")]), bool(word[ord("_")]), bool(word[ord("-")])
    (True, True, False)
    >>> s = character_table("s", re.IGNORECASE)
    >>> "".join(chr(c) for c in np.flatnonzero(s))
    'Ssſ'
    """
    if re.fullmatch(pattern, "\x00", flags):
        raise ValueError(f"{pattern!r} matches NUL, which marks the characters it matches")

    def make() -> np.ndarray:
        codes, every = _every_character()
        # the characters the pattern matches are those its replacement by NUL changes
        replaced = code_points(re.sub(pattern, "\x00", every, flags=flags))
        if len(replaced) != len(codes):
            raise ValueError(f"{pattern!r} matches other than one character at a time")
        return np.packbits(replaced != codes)

    # kept for later processes (a second's start-up for the kernels' tables), by the
    # pattern and what decides its classes: the Python (its ``re``, its Unicode data)
    name = f"character_table-{digest(pattern, str(int(flags)))}"
    table = np.unpackbits(stored(name, digest(sys.version, unicodedata.unidata_version),
                                 make), count=0x110000).astype(bool)
    table.flags.writeable = False  # shared by every caller
    return table


@njit(cache=True)
def _spaced(codes, word, out):
    """Write a space, then each of `codes`, a non-word character (not `word`) as a space,
    to `out`."""
    out[0] = 32
    for p in range(len(codes)):
        c = codes[p]
        out[p + 1] = c if word[c] else 32


def spaced(codes: np.ndarray) -> np.ndarray:
    """A space, then `codes` (code points) with each character that is not a word
    character (``\\w`` as ``re`` sees it) made a space.

    Examples
    --------
    >>> spaced(code_points("so-called “war”")).tobytes().decode("utf-32-le")
    ' so called  war '
    """
    out = np.empty(len(codes) + 1, np.uint32)
    _spaced(codes, character_table(r"\w"), out)
    return out


@njit(cache=True, inline="always")
def _same(codes, a, b, chars, start):
    """Whether ``codes[a:b]`` equals ``chars[start:start + b - a]``."""
    p = 0
    while p < b - a and codes[a + p] == chars[start + p]:
        p += 1
    return p == b - a


#: the columns of a slot of the hash table: the token's hash (its top 63 bits), its type id
#: (-1: an empty slot), where its code points start in ``chars``, how many there are; kept
#: side by side, so a probe reads one cache line, and the code points are compared only
#: where the hash and the length agree
_HASH, _TYPE, _START, _LENGTH = range(4)


#: FNV-1a's offset basis and prime (64 bits)
_FNV_BASIS, _FNV_PRIME = 14695981039346656037, 1099511628211


@njit(cache=True, inline="always")
def _hash(codes, a, b):
    """FNV-1a of the code points ``codes[a:b]``."""
    h = np.uint64(_FNV_BASIS)
    for p in range(a, b):
        h = (h ^ np.uint64(codes[p])) * np.uint64(_FNV_PRIME)
    return h


@njit(cache=True, inline="always")
def _slot(codes, a, b, h, slots, chars):
    """The hash-table slot of the token ``codes[a:b]`` whose hash is `h` (a row of `slots`):
    where its type is, or the empty slot where it goes (linear probing); and the key kept
    for it."""
    mask = len(slots) - 1
    s = np.int64(h & np.uint64(mask))
    key = np.int64(h >> np.uint64(1))
    while True:
        if slots[s, _TYPE] < 0 or (slots[s, _HASH] == key and slots[s, _LENGTH] == b - a
                                   and _same(codes, a, b, chars, slots[s, _START])):
            return s, key
        s = (s + 1) & mask


@njit(cache=True)
def _rehash(slots, chars, t_start, t_len, n_types):
    """Place every type in the emptied table `slots` (after it grew)."""
    slots[:, _TYPE] = -1
    for t in range(n_types):
        a = t_start[t]
        s, key = _slot(chars, a, a + t_len[t], _hash(chars, a, a + t_len[t]), slots, chars)
        slots[s, _HASH] = key
        slots[s, _TYPE] = t
        slots[s, _START] = a
        slots[s, _LENGTH] = t_len[t]


@njit(cache=True, inline="never")
def _insert(codes, p, q, s, key, slots, chars, t_start, t_len, n_types, n_chars):
    """Make the token ``codes[p:q]``, not in the table, type `n_types`, at its empty slot
    `s` (:func:`_slot`, with its key `key`): its code points appended to `chars`, where it
    starts and its length to `t_start` and `t_len`; returns its id and the new counts of
    types and characters.

    The loops that intern tokens call :func:`_slot` and, for a new type, this, each
    itself: with both in one function inlined into the loops (``inline="always"``,
    numba's own inlining), a warm table took 91 ns a token, 87 ns with only this part
    called apart, and 35 ns so (the 600,155 tokens of the English corpus;
    ``TypeTable.tokenise_spans``)."""
    slots[s, _HASH] = key
    slots[s, _TYPE] = n_types
    slots[s, _START] = n_chars
    slots[s, _LENGTH] = q - p
    t_start[n_types] = n_chars
    t_len[n_types] = q - p
    chars[n_chars:n_chars + q - p] = codes[p:q]
    return n_types, n_types + 1, n_chars + q - p


@njit(cache=True, inline="always")
def _next_token(codes, p, end, space):
    """(start, end) of the first white-space token of ``codes[p:end]``, (end, end) if it
    has none; and its hash (:func:`_hash`), worked out as it is read (inlined, a caller
    that does not use it does not compute it)."""
    while p < end and codes[p] < len(space) and space[codes[p]]:
        p += 1
    h = np.uint64(_FNV_BASIS)
    q = p
    while q < end and not (codes[q] < len(space) and space[codes[q]]):
        h = (h ^ np.uint64(codes[q])) * np.uint64(_FNV_PRIME)
        q += 1
    return p, q, h


@njit(cache=True)
def _tokenise(codes, starts, ends, space, slots, chars, t_start, t_len, n_types, n_chars,
              tids, offsets, j, k):
    """Split texts ``codes[starts[j]:ends[j]]`` at white space, from text `j` on, and write
    each token's type id to `tids` (from position `k`; :func:`_slot`, :func:`_insert`)
    and each text's token end to `offsets`. Stops before a text that might not fit the
    tables' room (the table more than half full, or `chars` or the type columns full):
    returns where it stopped, with the counts of types and characters."""
    m = len(starts)
    while j < m:
        a, end = starts[j], ends[j]
        if (2 * (n_types + end - a) > len(slots) or n_chars + end - a > len(chars)
                or n_types + end - a > len(t_start)):
            break
        p, q, h = _next_token(codes, a, end, space)
        while p < end:
            s, key = _slot(codes, p, q, h, slots, chars)
            t = slots[s, _TYPE]
            if t < 0:
                t, n_types, n_chars = _insert(codes, p, q, s, key, slots, chars, t_start,
                                              t_len, n_types, n_chars)
            tids[k] = t
            k += 1
            p, q, h = _next_token(codes, q, end, space)
        offsets[j + 1] = k
        j += 1
    return j, k, n_types, n_chars


@njit(cache=True)
def _look_up(codes, starts, ends, slots, chars, t_start, t_len, n_types, n_chars, tids, j):
    """Write the type id of each token ``codes[starts[j]:ends[j]]``, from token `j` on, to
    `tids` (:func:`_slot`, :func:`_insert`); stops before a token that might not fit, as
    :func:`_tokenise` does."""
    while j < len(starts):
        a, b = starts[j], ends[j]
        if (2 * (n_types + 1) > len(slots) or n_chars + b - a > len(chars)
                or n_types + 1 > len(t_start)):
            break
        s, key = _slot(codes, a, b, _hash(codes, a, b), slots, chars)
        t = slots[s, _TYPE]
        if t < 0:
            t, n_types, n_chars = _insert(codes, a, b, s, key, slots, chars, t_start, t_len,
                                          n_types, n_chars)
        tids[j] = t
        j += 1
    return j, n_types, n_chars


@njit(cache=True)
def _split_pieces(codes, starts, ends, space, out_starts, out_ends, counts):
    """Write the white-space tokens of each piece ``codes[starts[j]:ends[j]]`` (none where
    ``ends[j] <= starts[j]``) to `out_starts`/`out_ends` (room for them all), and each
    piece's count to `counts`; returns the total."""
    k = 0
    for j in range(len(starts)):
        end = ends[j]
        p, q, _ = _next_token(codes, starts[j], end, space)
        n = 0
        while p < end:
            out_starts[k] = p
            out_ends[k] = q
            k += 1
            n += 1
            p, q, _ = _next_token(codes, q, end, space)
        counts[j] = n
    return k


def space_tokens(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The white-space tokens (``str.split``'s) of each piece ``codes[starts[j]:ends[j]]``,
    piece after piece, as places in `codes`, and how many each piece has. A text made of
    pieces joined by white space splits into its pieces' tokens, one piece after the
    other: so a text that was never made (a sentence with a span replaced) can be
    tokenised from the pieces of the text it would be made from.

    Examples
    --------
    >>> text = " a bc  d"
    >>> a, b, counts = space_tokens(code_points(text), np.array([4, 3, 2]),
    ...                             np.array([8, 3, 5]))
    >>> [text[x:y] for x, y in zip(a, b)], counts.tolist()
    (['c', 'd', 'bc'], [2, 0, 1])
    """
    counts = np.zeros(len(starts), np.int64)
    # room for the most tokens the pieces can hold (one in two characters): one pass
    most = (int(np.maximum(ends - starts, 0).sum()) + len(starts)) // 2
    out_starts, out_ends = np.empty(most, np.int64), np.empty(most, np.int64)
    n = _split_pieces(codes, starts, ends, _SPACE, out_starts, out_ends, counts)
    return out_starts[:n], out_ends[:n], counts


@njit(cache=True)
def _cut_ids(codes, token_starts, token_ends, known, starts, ends, slots, chars, t_start,
             t_len, n_types, n_chars, tids, counts, j, k):
    """Write the type ids of the tokens (`token_starts`, `token_ends`: sorted; `known`:
    their ids) that overlap each piece ``[starts[j], ends[j])``, cut to it, from piece `j`
    on, to `tids` (from position `k`), and each piece's count to `counts`: a whole token's
    id is its known one, a cut one is looked up (:func:`_slot`, :func:`_insert`). Stops
    before a piece whose cut tokens might not fit, as :func:`_tokenise` does; returns where
    it stopped, with the counts of types and characters."""
    n = len(token_starts)
    while j < len(starts):
        s, e = starts[j], ends[j]
        # a piece cuts two tokens at most (one at each end), of its characters at most
        if (2 * (n_types + 2) > len(slots) or n_chars + max(e - s, 0) > len(chars)
                or n_types + 2 > len(t_start)):
            break
        if e <= s:  # an empty piece
            counts[j] = 0
            j += 1
            continue
        lo, hi = 0, n  # the first token that ends after s
        while lo < hi:
            mid = (lo + hi) // 2
            if token_ends[mid] <= s:
                lo = mid + 1
            else:
                hi = mid
        c = 0
        while lo < n and token_starts[lo] < e:
            a, b = max(token_starts[lo], s), min(token_ends[lo], e)
            if a == token_starts[lo] and b == token_ends[lo]:
                tids[k] = known[lo]
            else:
                slot, key = _slot(codes, a, b, _hash(codes, a, b), slots, chars)
                t = slots[slot, _TYPE]
                if t < 0:
                    t, n_types, n_chars = _insert(codes, a, b, slot, key, slots, chars,
                                                  t_start, t_len, n_types, n_chars)
                tids[k] = t
            k += 1
            c += 1
            lo += 1
        counts[j] = c
        j += 1
    return j, k, n_types, n_chars


@njit(cache=True, inline="always")
def _mark_run(codes, p, hi, closer, space, opener):
    """After a sentence mark at `p` (texts end at `hi`): where its closing marks end and
    where the white space after them ends, or -1 for the latter where that white space is
    missing or not followed by an opening character (`closer`, `space`, `opener`: by code
    point)."""
    q = p + 1
    while q < hi and closer[codes[q]]:
        q += 1
    r = q
    while r < hi and space[codes[r]]:
        r += 1
    return q, (r if q < r < hi and opener[codes[r]] else -1)


@njit(cache=True)
def _sentences(codes, starts, ends, mark, closer, space, opener, strip, out_starts, out_ends,
               offsets):
    """The sentences of each text ``codes[starts[j]:ends[j]]`` as
    :func:`._segment.sentence_spans` finds them, as places in `codes`: a mark (`mark`), any
    closing marks, white space (``\\s``) and, next, an opening character ends a sentence
    after its mark; else a run of line breaks ends one before it (``_SENTENCE_END``'s
    branches, whose greedy runs cannot give back: a closing mark is not white space, and
    white space opens nothing). Each sentence is trimmed of white space (`strip`:
    ``str.strip``'s) and left out if nothing remains."""
    k = 0
    for j in range(len(starts)):
        lo, hi = starts[j], ends[j]
        begin = p = lo
        while p <= hi:
            stop = resume = hi
            if p < hi:
                c = codes[p]
                if mark[c]:
                    r = _mark_run(codes, p, hi, closer, space, opener)[1]
                    if r < 0:
                        p += 1
                        continue
                    stop, resume = p + 1, r
                elif c == 10:
                    r = p + 1
                    while r < hi and codes[r] == 10:
                        r += 1
                    stop, resume = p, r
                else:
                    p += 1
                    continue
            a, b = begin, stop
            while a < b and strip[codes[a]]:
                a += 1
            while b > a and strip[codes[b - 1]]:
                b -= 1
            if a < b:
                out_starts[k], out_ends[k] = a, b
                k += 1
            begin = resume
            p = resume if resume > p else hi + 1
        offsets[j + 1] = k


@njit(cache=True)
def clause_break_ends(codes, starts, ends, mark, closer, space, next_, out_end,
                      out_reach, counts):
    """``sourcing._clause_breaks`` of each text ``codes[starts[j]:ends[j]]`` (places from its
    start), written to `out_end` and `out_reach` text after text, and how many each text
    has to `counts`; returns how many in all (`mark`, `closer`, `space`, `next_`: the
    classes of ``_CLAUSE_BREAK``'s parts by code point). Beside :func:`_sentences`, whose
    mark run (:func:`_mark_run`) it shares: numba's cache of a kernel does not notice a
    change to a function of another file that it inlines."""
    k = 0
    for j in range(len(starts)):
        first, n = starts[j], ends[j]
        p = first
        while p < n:
            c = codes[p]
            if c == 10:  # \n: a break that looks no further
                out_end[k] = out_reach[k] = p + 1 - first
                k += 1
            elif mark[c]:
                q, r = _mark_run(codes, p, n, closer, space, next_)
                if r >= 0:
                    out_end[k], out_reach[k] = q - first, r + 1 - first
                    k += 1
                    p = q
                    continue
            p += 1
        counts[j] = k
    return k


@njit(cache=True)
def textstat_sentence_counts(codes, starts, ends, word, terminal, space, out):
    """Write ``lexical._sentence_count`` of each text ``codes[starts[j]:ends[j]]`` to `out`.

    ``_SENTENCE.findall`` finds a match at each word character (``\\w``: `word`) that
    follows none (or starts the text): ``\\b`` there, and a word character is not a
    terminal. A match is the run of non-terminals from there, then the run of terminals
    (greedy, nothing given back); a match that ends in a non-terminal reaches the end of
    the text, so no match starts after a word character it did not take. A match is
    short (``lexical._at_most_two_words``, which the reference's ``_THREE_WORDS`` test only
    skips when its answer is no) if at most two of its white-space tokens (``str.split``:
    `space`) hold a word character. (Here, beside :func:`_next_token`, which it calls:
    numba's cache of a kernel does not notice a change to a function of another file.)"""
    for j in range(len(starts)):
        lo, hi = starts[j], ends[j]
        found = short = 0
        p = lo
        while p < hi:
            if not word[codes[p]] or (p > lo and word[codes[p - 1]]):
                p += 1
                continue
            q = p
            while q < hi and not terminal[codes[q]]:
                q += 1
            while q < hi and terminal[codes[q]]:
                q += 1
            n = 0  # the tokens with a word character, up to three
            r = p
            while r < q and n < 3:
                a, r, _ = _next_token(codes, r, q, space)
                held = False
                for x in range(a, r):
                    if word[codes[x]]:
                        held = True
                        break
                n += held
            found += 1
            short += n <= 2
            p = q
        out[j] = 0 if hi == lo else max(1, found - short)


def sentence_bounds(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`._segment.sentence_spans` of many texts at once: the texts are
    ``codes[starts[j]:ends[j]]`` (:func:`code_points`); returns where each sentence starts
    and ends in `codes`, text after text, and where each text's sentences end
    (``offsets[j + 1]``, ``offsets[0] == 0``).

    Examples
    --------
    >>> text = "Minsk said so.  Kyiv replied.\\n\\nNo."
    >>> n = len(text)
    >>> a, b, offsets = sentence_bounds(code_points(text + text), np.array([0, n]),
    ...                                 np.array([n, 2 * n]))
    >>> [text[x:y] for x, y in zip(a[:3], b[:3])], offsets.tolist()
    (['Minsk said so.', 'Kyiv replied.', 'No.'], [0, 3, 6])
    """
    # at most one sentence per character
    out_starts = np.empty(int(np.sum(ends - starts)), np.int64)
    out_ends = np.empty_like(out_starts)
    offsets = np.zeros(len(starts) + 1, np.int64)
    _sentences(codes, starts, ends, *_sentence_classes(), out_starts, out_ends, offsets)
    k = int(offsets[-1])
    return out_starts[:k], out_ends[:k], offsets


#: the quotation marks of ``_segment``'s patterns, by code point: “ ” „ « » " ' ‘ ’, and
#: the line break none of their spans holds
_LDQ, _RDQ, _LOW, _LG, _RG, _DQ, _SQ, _LSQ, _RSQ = map(ord, "“”„«»\"'‘’")
_NL = 10


@njit(cache=True, inline="always")
def _double_end(codes, p, hi):
    """Where ``_QUOTES`` matching at `p` ends, -1 if it does not match there: an opening
    mark, the greedy run of characters that are neither it, nor one of its closing marks
    (“…”, „…” or „…“, «…», "…"), nor a line break, and a closing mark next (a shorter
    run would leave a run character next, which closes nothing)."""
    c = codes[p]
    if c == _LDQ:
        close, other = _RDQ, _RDQ
    elif c == _LOW:
        close, other = _RDQ, _LDQ
    elif c == _LG:
        close, other = _RG, _RG
    elif c == _DQ:
        close, other = _DQ, _DQ
    else:
        return -1
    q = p + 1
    while q < hi and codes[q] != _NL and codes[q] != c and codes[q] != close \
            and codes[q] != other:
        q += 1
    if q < hi and (codes[q] == close or codes[q] == other):
        return q + 1
    return -1


@njit(cache=True, inline="always")
def _doubled_end(codes, p, hi, space):
    """Where ``_DOUBLED_QUOTES`` matching at `p` ends, -1 if it does not match: two
    straight marks, a character that is neither white space nor a mark, the greedy run
    of characters that are neither a mark nor a line break, and two marks after a
    character that is not white space (a shorter run cannot end before a mark)."""
    if p + 2 >= hi or codes[p] != _SQ or codes[p + 1] != _SQ or space[codes[p + 2]] \
            or codes[p + 2] == _SQ:
        return -1
    q = p + 2
    while q < hi and codes[q] != _SQ and codes[q] != _NL:
        q += 1
    if q + 1 < hi and codes[q] == _SQ and codes[q + 1] == _SQ and not space[codes[q - 1]]:
        return q + 2
    return -1


@njit(cache=True, inline="always")
def _single_end(codes, p, lo, hi, word, space, mark, run_ok):
    """Where ``_SINGLE_QUOTES`` (`mark` ‘, `run_ok` 0) or ``_STRAIGHT_QUOTES`` (`mark` ',
    `run_ok` 1) matching at `p` ends, -1 if it does not match: `mark` not after a word
    character, ' or ’ (the text's start counts as none); a character next that is not
    white space (nor ', for the straight mark); then the shortest run after which a
    closing mark (’, or ') follows a character that is not white space and comes before
    no word character. The run takes any character but a line break and the opening
    mark (‘), or but a line break and a straight mark, unless that mark comes before a
    word character (').
    """
    if codes[p] != mark:
        return -1
    if p > lo and (word[codes[p - 1]] or codes[p - 1] == _RSQ or codes[p - 1] == _SQ):
        return -1
    if p + 1 >= hi or space[codes[p + 1]] or (run_ok and codes[p + 1] == _SQ):
        return -1
    close = _SQ if run_ok else _RSQ
    q = p + 1
    while q < hi:
        c = codes[q]
        if c == close and not space[codes[q - 1]] and (q + 1 >= hi or not word[codes[q + 1]]):
            return q + 1
        if c == _NL or (not run_ok and c == _LSQ):
            return -1
        if run_ok and c == _SQ and not (q + 1 < hi and word[codes[q + 1]]):
            return -1
        q += 1
    return -1


@njit(cache=True)
def _quotes(codes, starts, ends, word, space, covered, span_end, out_starts, out_ends,
            offsets):
    """The spans :func:`._segment.quote_spans` gives for each text
    ``codes[starts[j]:ends[j]]``, as places in `codes`, text after text (``offsets``):
    every match of ``_QUOTES``, then those of ``_DOUBLED_QUOTES`` (one mark cut off each
    side), ``_SINGLE_QUOTES`` and ``_STRAIGHT_QUOTES`` that overlap no span found before
    (each pattern's matches found as ``finditer`` finds them: the next search starts
    where a match ends, kept or not). `covered` (all false) and `span_end` (all -1), one
    entry per code point, mark the spans found; each text's spans, which do not overlap,
    are read back in order and the marks cleared."""
    k = 0
    for j in range(len(starts)):
        lo, hi = starts[j], ends[j]
        found = 0
        for pattern in range(4):
            p = lo
            while p < hi:
                # skip to the next place the pattern's first mark stands
                if pattern == 0:
                    while p < hi and codes[p] != _LDQ and codes[p] != _LOW \
                            and codes[p] != _LG and codes[p] != _DQ:
                        p += 1
                else:
                    first = _LSQ if pattern == 2 else _SQ
                    while p < hi and codes[p] != first:
                        p += 1
                if p >= hi:
                    break
                if pattern == 0:
                    e = _double_end(codes, p, hi)
                elif pattern == 1:
                    e = _doubled_end(codes, p, hi, space)
                else:
                    e = _single_end(codes, p, lo, hi, word, space,
                                    _LSQ if pattern == 2 else _SQ, pattern == 3)
                if e < 0:
                    p += 1
                    continue
                a, b = (p + 1, e - 1) if pattern == 1 else (p, e)
                clear = True
                if pattern > 0:
                    for r in range(p, e):
                        if covered[r]:
                            clear = False
                            break
                if clear:
                    covered[a:b] = True
                    span_end[a] = b
                    found += 1
                p = e
        if found:
            for p in range(lo, hi):
                if span_end[p] >= 0:
                    out_starts[k], out_ends[k] = p, span_end[p]
                    k += 1
                    covered[p:span_end[p]] = False
                    span_end[p] = -1
        offsets[j + 1] = k


def quote_bounds(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`._segment.quote_spans` of many texts at once: the texts are
    ``codes[starts[j]:ends[j]]``; returns where each span starts and ends in `codes`,
    text after text, and where each text's spans end (``offsets[j + 1]``).

    Examples
    --------
    >>> text = "He said “no” and 'yes'. ''Nie''"
    >>> a, b, offsets = quote_bounds(code_points(text + " " + text), np.array([0, 32]),
    ...                              np.array([31, 63]))
    >>> [(text + " " + text)[x:y] for x, y in zip(a, b)], offsets.tolist()
    (['“no”', "'yes'", "'Nie'", '“no”', "'yes'", "'Nie'"], [0, 3, 6])
    """
    covered = np.zeros(len(codes), bool)
    span_end = np.full(len(codes), -1, np.int64)
    most = len(codes) // 2 + 1  # a span holds two characters at least
    out_starts, out_ends = np.empty(most, np.int64), np.empty(most, np.int64)
    offsets = np.zeros(len(starts) + 1, np.int64)
    _quotes(codes, starts, ends, character_table(r"\w"), character_table(r"\s"), covered,
            span_end, out_starts, out_ends, offsets)
    k = int(offsets[-1])
    return out_starts[:k], out_ends[:k], offsets


@cache
def _sentence_classes() -> tuple[np.ndarray, ...]:
    """The character classes of ``_segment._SENTENCE_END``, and ``str.strip``'s white
    space, by code point."""
    strip = np.zeros(0x110000, bool)
    strip[:len(_SPACE)] = _SPACE
    return (character_table(f"[{re.escape(SENTENCE_MARKS)}]"),
            character_table(SENTENCE_CLOSERS), character_table(r"\s"),
            character_table(SENTENCE_OPENERS), strip)


@njit(cache=True, inline="always")
def _leaves_at(node, q, n, codes, leaf, whole, word, best):
    """Note in `best` each trie's leaf at `node` (reached with the text read to `q`) whose
    condition holds: a form that is not whole-word, or one before a character that is not
    a word character, or at the end; returns whether any did."""
    found = False
    for m in range(leaf.shape[1]):
        if leaf[node, m] > 0 and (not whole[node, m] or q == n or not word[codes[q]]):
            best[m] = leaf[node, m]
            found = True
    return found


@njit(cache=True)
def _trie_walk(codes, first, size, char, child, leaf, whole, any_leaf, word, out_at,
               out_leaf):
    """At each space of `codes`, for each of the tries (a column of `leaf` and `whole`)
    joined in one, the deepest node that the text after the space reaches and that ends
    one of that trie's forms there (a leaf: `leaf` > 0; a `whole` one only before a
    character that is not a word character, or at the end); writes the space's place and
    each trie's leaf (0: none) where one was found, returns how many were. Node ``v``'s
    children are ``child[first[v]:first[v] + size[v]]``, their characters ``char[...]``
    ascending; `any_leaf` marks the nodes that end a form of any of the tries."""
    n = len(codes)
    k = 0
    # the root's children by character (most words stop at the root or just below it)
    top = np.int64(0)
    for j in range(first[0], first[0] + size[0]):
        top = max(top, char[j] + 1)
    root = np.full(top, -1, np.int64)
    for j in range(first[0], first[0] + size[0]):
        root[char[j]] = child[j]
    best = np.zeros(leaf.shape[1], np.int64)
    for p in range(n):
        if codes[p] != 32 or p + 1 == n:
            continue
        q = p + 1
        c = codes[q]
        if c >= top or root[c] < 0:
            continue
        node = root[c]
        q += 1
        found = any_leaf[node] and _leaves_at(node, q, n, codes, leaf, whole, word, best)
        while q < n:
            lo, hi = first[node], first[node] + size[node]
            stop = hi
            c = codes[q]
            while lo < hi:  # the child for c, by binary search
                mid = (lo + hi) // 2
                if char[mid] < c:
                    lo = mid + 1
                else:
                    hi = mid
            if lo == stop or char[lo] != c:
                break
            node = child[lo]
            q += 1
            if any_leaf[node] and _leaves_at(node, q, n, codes, leaf, whole, word, best):
                found = True
        if found:  # (else `best` is as it was: all 0)
            out_at[k] = p
            out_leaf[k] = best
            best[:] = 0
            k += 1
    return k


def trie_starts(codes: np.ndarray, trie: tuple[np.ndarray, ...]
                ) -> list[tuple[np.ndarray, np.ndarray]]:
    """For each of the tries joined in `trie`, the places of
    ``re.finditer(" (?=" + pattern + ")", text)`` (`codes`: the text's
    :func:`code_points`) and each match's ``lastindex``, where `pattern` is the trie's
    forms each ending in an empty group (``lexicons._leaf_trie``), longer branches tried
    first, a whole-word form followed by ``(?!\\w)``. `trie` is the tries' arrays
    (``lexicons._trie_arrays``): the children of each node (where they start, how many),
    their characters and nodes, and per node and trie the trie's leaf's group number
    (0: none) and whether its form is whole-word. A trie's pattern matches at a space
    where the text after it reaches one of the trie's leaves whose condition holds, and
    its group is the deepest such leaf's (the branches are tried before the node's own
    leaf): a node of another trie only is passed through. So several tries are walked
    over a text at once."""
    first, size, char, child, leaf, whole = trie
    spaces = int(np.count_nonzero(codes == 32))
    out_at = np.empty(spaces, np.int64)
    out_leaf = np.empty((spaces, leaf.shape[1]), np.int64)
    k = _trie_walk(codes, first, size, char, child, leaf, whole, (leaf > 0).any(axis=1),
                   character_table(r"\w"), out_at, out_leaf)
    out = []
    for m in range(leaf.shape[1]):
        hit = np.flatnonzero(out_leaf[:k, m] > 0)
        out.append((out_at[hit], out_leaf[hit, m]))
    return out


@njit(cache=True)
def _trie_nodes(codes, starts, ends, end_node, parent, char, child):
    """The nodes of the trie of the forms ``codes[starts[f]:ends[f]]`` (distinct, sorted,
    none empty), made in one pass: a form shares its first characters' nodes with the
    form before it as far as the two agree (no earlier form agrees further, the forms
    being sorted) and adds a node for each character after. Writes each form's last node
    to `end_node` and each edge (a node's parent, its character, the node: children in
    order of character) to `parent`, `char`, `child`; returns how many nodes there are
    (node 0 the root)."""
    longest = 0
    for f in range(len(starts)):
        longest = max(longest, ends[f] - starts[f])
    path = np.zeros(longest + 1, np.int64)  # the nodes of the form before, by depth
    n = 1
    for f in range(len(starts)):
        a, b = starts[f], ends[f]
        same = 0
        if f:
            p = starts[f - 1]
            while same < min(b - a, ends[f - 1] - p) and codes[a + same] == codes[p + same]:
                same += 1
        for d in range(same, b - a):
            parent[n - 1], char[n - 1], child[n - 1] = path[d], codes[a + d], n
            path[d + 1] = n
            n += 1
        end_node[f] = path[b - a]
    return n


def trie_arrays(forms: list[str]) -> tuple[np.ndarray, ...]:
    """The trie of `forms` (distinct, sorted as strings are, none empty) as the arrays
    :func:`trie_starts` walks: each node's children stored together (where they start, how
    many; their characters ascending and their nodes), node 0 the root; and each form's
    node.

    Examples
    --------
    >>> first, size, char, child, ends = trie_arrays(["ab", "ac", "b"])
    >>> [chr(c) for c in char], child.tolist(), first.tolist(), size.tolist(), ends.tolist()
    (['a', 'b', 'b', 'c'], [1, 4, 2, 3], [0, 2, 4, 4, 4], [2, 2, 0, 0, 0], [2, 3, 4])
    """
    _, codes, starts, ends = join_texts(forms)
    end_node = np.empty(len(forms), np.int64)
    most = int((ends - starts).sum())
    parent, char, child = (np.empty(most, np.int64) for _ in range(3))
    n = _trie_nodes(codes, starts, ends, end_node, parent, char, child)
    parent, char, child = parent[:n - 1], char[:n - 1], child[:n - 1]
    order = np.argsort(parent, kind="stable")  # each node's children together, in order
    size = np.bincount(parent, minlength=n)
    first = np.zeros(n, np.int64)
    np.cumsum(size[:-1], out=first[1:])
    return first, size, char[order], child[order], end_node


@njit(cache=True)
def _resolve(at, leaf, ends, low, word, first, category, group, size, check, whole, cue_at,
             cues, n_groups, out_text, out_category, out_start, out_end):
    """:func:`resolve_cues`, writing the matches to the `out_` arrays; returns how many."""
    busy = np.full(n_groups, -1, np.int64)  # each group's last match's end
    m = 0
    k = 0
    text_start = 0
    for i in range(len(at)):
        p = at[i]
        while p >= ends[k]:
            text_start = ends[k]
            k += 1
        for e in range(first[leaf[i]], first[leaf[i] + 1]):
            g = group[e]
            if busy[g] > p:
                continue
            end = p + size[e]
            if check[e]:
                if end > len(low):
                    continue
                same = True
                for j in range(size[e]):
                    if low[p + j] != cues[cue_at[e] + j]:
                        same = False
                        break
                if not same or (whole[e] and end < len(low) and low[end] < len(word)
                                and word[low[end]]):
                    continue
            out_text[m] = k
            out_category[m] = category[e]
            out_start[m] = p - text_start
            out_end[m] = end - text_start
            m += 1
            busy[g] = end
    return m


def resolve_cues(at: np.ndarray, leaf: np.ndarray, ends: np.ndarray, low: np.ndarray,
                 first: np.ndarray, category: np.ndarray, group: np.ndarray, size: np.ndarray,
                 check: np.ndarray, whole: np.ndarray, cue_at: np.ndarray, cues: np.ndarray,
                 n_groups: int) -> list[np.ndarray]:
    """Which cues match at each word start a trie walk found (:func:`trie_starts`: places
    `at` in the joined spaced copies of texts whose ends are `ends`, and the longest form's
    `leaf` there), as ``lexicons.CueMatcher._resolve`` works it out in Python: the leaf's
    entries (``first[leaf]`` to ``first[leaf + 1]``), longest first, each matching unless
    its group's last match reaches past the place, or it is checked on the lower-cased
    text `low` (code points, each text where its spaced copy starts) and is not there as
    written, or is whole-word and a word character follows it. Returns the matches'
    (text, category, start, end) columns, start and end in their text."""
    bound = int((first[leaf + 1] - first[leaf]).sum()) if len(leaf) else 0
    out = [np.empty(bound, np.int64) for _ in range(4)]
    m = _resolve(at, leaf, ends, low, character_table(r"\w"), first, category, group, size,
                 check, whole, cue_at, cues, n_groups, *out)
    return [column[:m] for column in out]


class TypeTable:
    """The white-space tokens of texts as type ids, the types kept from call to call.

    Examples
    --------
    >>> table = TypeTable()
    >>> tids, offsets, new = table.tokenise(["a b a", "", "b  c"])
    >>> tids.tolist(), offsets.tolist(), new
    ([0, 1, 0, 1, 2], [0, 3, 3, 5], ['a', 'b', 'c'])
    >>> table.tokenise(["c d"])[2], len(table)
    (['d'], 4)
    """

    def __init__(self) -> None:
        # a hash table of the types (a row per slot: see _HASH); the types' code points
        # one after the other in `chars`, where each starts and how long it is
        self._slots = np.full((1 << 16, 4), -1, np.int64)
        self._chars = np.zeros(1 << 20, np.uint32)
        self._start = np.zeros(1 << 15, np.int64)
        self._length = np.zeros(1 << 15, np.int64)
        self._n_types = self._n_chars = 0

    def __len__(self) -> int:
        return self._n_types

    def tokenise(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """The type ids of the white-space tokens of `texts`, one after the other; where
        each text's tokens end (``offsets[j + 1]``, ``offsets[0] == 0``); and the types
        first seen in this call, in the order of their ids (which follow the earlier
        types')."""
        return self.tokenise_spans(*joined_codes(tuple(texts)))

    def tokenise_spans(self, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                       ) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """:meth:`tokenise` of the texts ``codes[starts[j]:ends[j]]`` (each split apart
        from the others, so they may touch).

        Examples
        --------
        >>> tids, offsets, new = TypeTable().tokenise_spans(code_points("a bb a"),
        ...                                                 np.array([0, 2]), np.array([2, 6]))
        >>> tids.tolist(), offsets.tolist(), new
        ([0, 1, 0], [0, 1, 3], ['a', 'bb'])
        """
        # room for the most tokens: one in two characters of each text
        tids = np.empty(int(((ends - starts + 1) // 2).sum()), np.int64)
        offsets = np.zeros(len(starts) + 1, np.int64)
        before, j, k = self._n_types, 0, 0
        while True:
            j, k, self._n_types, self._n_chars = _tokenise(
                codes, starts, ends, _SPACE, self._slots, self._chars, self._start,
                self._length, self._n_types, self._n_chars, tids, offsets, j, k)
            if j == len(starts):
                break
            self._grow(int(ends[j] - starts[j]))
        return tids[:k], offsets, self._types_since(before)

    def spans(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every type's code points, by id: type ``t`` is ``codes[starts[t]:ends[t]]``
        (views of the table, valid until it next grows).

        Examples
        --------
        >>> table = TypeTable()
        >>> _ = table.tokenise(["to be or not to be"])
        >>> codes, starts, ends = table.spans()
        >>> table.type_text(3), starts.tolist(), ends.tolist(), len(codes)
        ('not', [0, 2, 4, 6], [2, 4, 6, 9], 9)
        """
        n = self._n_types
        return (self._chars[:self._n_chars], self._start[:n],
                self._start[:n] + self._length[:n])

    def type_text(self, t: int) -> str:
        """Type `t` as a string."""
        a = int(self._start[t])
        return self._chars[a:a + int(self._length[t])].tobytes().decode("utf-32-le",
                                                                        "surrogatepass")

    def ids(self, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray,
            named: bool = True) -> tuple[np.ndarray, list[str]]:
        """The type ids of the tokens ``codes[starts[j]:ends[j]]`` (`codes` as
        :func:`code_points` gives them), and the types first seen in this call, in the
        order of their ids (none made where not `named`: :meth:`spans` has them).

        Examples
        --------
        >>> table = TypeTable()
        >>> codes = code_points("to be or not to be")
        >>> tids, new = table.ids(codes, np.array([0, 3, 6, 13]), np.array([2, 5, 8, 15]))
        >>> tids.tolist(), new
        ([0, 1, 2, 0], ['to', 'be', 'or'])
        """
        tids = np.empty(len(starts), np.int64)
        before, j = self._n_types, 0
        while True:
            j, self._n_types, self._n_chars = _look_up(
                codes, starts, ends, self._slots, self._chars, self._start, self._length,
                self._n_types, self._n_chars, tids, j)
            if j == len(starts):
                break
            self._grow(int(ends[j] - starts[j]))
        return tids, self._types_since(before) if named else []

    def piece_ids(self, codes: np.ndarray, token_starts: np.ndarray, token_ends: np.ndarray,
                  starts: np.ndarray, ends: np.ndarray, known: np.ndarray | None = None,
                  ) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """The type ids of the white-space tokens of each piece ``[starts[j], ends[j])``
        of a text whose own white-space tokens are `token_starts`, `token_ends`
        (:func:`space_tokens`'s, of every stretch a piece lies in), piece after piece: the
        text's tokens that overlap the piece, cut to it (white space splits a piece where
        it splits the text); how many each piece has; and the types first seen (as
        :meth:`ids`). So the tokens of many texts made of pieces of one text are looked up
        once each in that text, and only a token a piece cuts is looked up again; not
        even once, those whose ids are `known` already (the first ``len(known)``).

        Examples
        --------
        >>> text = "(Minsk) said no, twice"
        >>> codes = code_points(text)
        >>> a, b, _ = space_tokens(codes, np.array([0]), np.array([len(text)]))
        >>> table = TypeTable()
        >>> tids, counts, new = table.piece_ids(codes, a, b, np.array([1, 13, 8, 0]),
        ...                                     np.array([12, 15, 8, 4]))
        >>> [table.type_text(t) for t in tids], counts.tolist()
        (['Minsk)', 'said', 'no', '(Min'], [2, 1, 0, 1])
        >>> new
        ['(Minsk)', 'said', 'no,', 'twice', 'Minsk)', 'no', '(Min']
        """
        done = 0 if known is None else len(known)
        if done > len(token_starts):
            raise ValueError(f"{done} ids known of {len(token_starts)} tokens")
        rest, new = self.ids(codes, token_starts[done:], token_ends[done:])
        known = rest if known is None else np.concatenate([known, rest])
        counts = np.zeros(len(starts), np.int64)
        tids = np.empty((int(np.maximum(ends - starts, 0).sum()) + len(starts)) // 2, np.int64)
        before, j, k = self._n_types, 0, 0
        while True:
            j, k, self._n_types, self._n_chars = _cut_ids(
                codes, token_starts, token_ends, known, starts, ends, self._slots,
                self._chars, self._start, self._length, self._n_types, self._n_chars, tids,
                counts, j, k)
            if j == len(starts):
                break
            self._grow(max(int(ends[j] - starts[j]), 0) + 2)
        return tids[:k], counts, new + self._types_since(before)

    def _types_since(self, before: int) -> list[str]:
        """The types whose ids are `before` and after, in order."""
        if self._n_types == before:
            return []
        first = int(self._start[before])
        new = self._chars[first:self._n_chars].tobytes().decode("utf-32-le", "surrogatepass")
        at = (self._start[before:self._n_types] - first).tolist()
        size = self._length[before:self._n_types].tolist()
        return [new[a:a + n] for a, n in zip(at, size, strict=True)]

    def _grow(self, need: int) -> None:
        """Make room for a text of `need` characters (as many new types at most), doubling
        what is short."""
        size = len(self._slots)
        while 2 * (self._n_types + need) > size:
            size *= 2
        if size > len(self._slots):
            self._slots = np.full((size, 4), -1, np.int64)
            _rehash(self._slots, self._chars, self._start, self._length, self._n_types)
        for name, used in (("_chars", self._n_chars), ("_start", self._n_types),
                           ("_length", self._n_types)):
            column = getattr(self, name)
            if used + need > len(column):
                grown = np.zeros(max(2 * len(column), used + need), column.dtype)
                grown[:used] = column[:used]
                setattr(self, name, grown)
