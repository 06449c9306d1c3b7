"""White-space tokens of many texts as type ids (the columnar engine's tokeniser).

A batch of texts is joined, turned into code points once and split where ``str.split``
splits (``str.isspace``) by a numba kernel; each token is looked up in a hash table of the
types seen so far (FNV-1a over the code points, linear probing), so that no Python string
is made per token, only one per new type. The table persists across calls (a corpus's
vocabulary is seen once); its user computes what it needs about each new type, once, and
keeps it in columns indexed by type id. Used by :class:`._vaderkernels.ColumnarVader`
(VADER splits a sentence at white space) and by the lexical family's columnar engine
(textstat's words are its cleaning of each white-space token).
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["TYPE_LIMIT", "TypeTable"]

#: types a user keeps before it starts its tables afresh (bounded memory on any corpus)
TYPE_LIMIT = 1 << 20

#: white space as ``str.split`` sees it (``str.isspace``), by code point; none lies above
_SPACE = np.array([chr(c).isspace() for c in range(0x3001)])


@njit(cache=True)
def _same(codes, a, b, chars, start):
    """Whether ``codes[a:b]`` equals ``chars[start:start + b - a]``."""
    p = 0
    while p < b - a and codes[a + p] == chars[start + p]:
        p += 1
    return p == b - a


@njit(cache=True)
def _slot(codes, a, b, slots, chars, t_start, t_len):
    """The hash-table slot of the token ``codes[a:b]``: where its type id is, or the empty
    slot (-1) where it goes (FNV-1a over the code points, linear probing)."""
    h = np.uint64(14695981039346656037)
    for p in range(a, b):
        h = (h ^ np.uint64(codes[p])) * np.uint64(1099511628211)
    mask = len(slots) - 1
    s = np.int64(h & np.uint64(mask))
    while True:
        t = slots[s]
        if t < 0 or (t_len[t] == b - a and _same(codes, a, b, chars, t_start[t])):
            return s
        s = (s + 1) & mask


@njit(cache=True)
def _rehash(slots, chars, t_start, t_len, n_types):
    """Place every type id in the emptied table `slots` (after it grew)."""
    slots[:] = -1
    for t in range(n_types):
        a = t_start[t]
        slots[_slot(chars, a, a + t_len[t], slots, chars, t_start, t_len)] = t


@njit(cache=True)
def _tokenise(codes, starts, ends, space, slots, chars, t_start, t_len, n_types, n_chars,
              tids, offsets, j, k):
    """Split texts ``codes[starts[j]:ends[j]]`` at white space, from text `j` on, and write
    each token's type id to `tids` (from position `k`) and each text's token end to
    `offsets`; a token not in the table becomes a new type (its code points appended to
    `chars`). Stops before a text that might not fit the tables' room (the table more than
    half full, or `chars` or the type columns full): returns where it stopped, with the
    counts of types and characters."""
    m = len(starts)
    while j < m:
        a, end = starts[j], ends[j]
        if (2 * (n_types + end - a) > len(slots) or n_chars + end - a > len(chars)
                or n_types + end - a > len(t_start)):
            break
        p = a
        while p < end:
            c = codes[p]
            if c < len(space) and space[c]:
                p += 1
                continue
            q = p + 1
            while q < end and not (codes[q] < len(space) and space[codes[q]]):
                q += 1
            s = _slot(codes, p, q, slots, chars, t_start, t_len)
            t = slots[s]
            if t < 0:
                t = n_types
                n_types += 1
                slots[s] = t
                t_start[t] = n_chars
                t_len[t] = q - p
                chars[n_chars:n_chars + q - p] = codes[p:q]
                n_chars += q - p
            tids[k] = t
            k += 1
            p = q
        offsets[j + 1] = k
        j += 1
    return j, k, n_types, n_chars


@njit(cache=True)
def _count_tokens(codes, space):
    """How many white-space tokens ``codes`` holds."""
    n = 0
    inside = False
    for c in codes:
        white = c < len(space) and space[c]
        if not white and not inside:
            n += 1
        inside = not white
    return n


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
        # a hash table of type ids; the types' code points one after the other in
        # `chars`, where each starts and how long it is
        self._slots = np.full(1 << 16, -1, np.int64)
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
        joined = " ".join(texts)  # a space between texts: no token spans two
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)
        lengths = np.fromiter(map(len, texts), np.int64, count=len(texts))
        starts = np.zeros(len(texts), np.int64)
        np.cumsum(lengths[:-1] + 1, out=starts[1:])
        ends = starts + lengths
        tids = np.empty(_count_tokens(codes, _SPACE), np.int64)
        offsets = np.zeros(len(texts) + 1, np.int64)
        before, j, k = self._n_types, 0, 0
        while True:
            j, k, self._n_types, self._n_chars = _tokenise(
                codes, starts, ends, _SPACE, self._slots, self._chars, self._start,
                self._length, self._n_types, self._n_chars, tids, offsets, j, k)
            if j == len(texts):
                break
            self._grow(int(ends[j] - starts[j]))
        if self._n_types == before:
            return tids, offsets, []
        first = int(self._start[before])
        new = self._chars[first:self._n_chars].tobytes().decode("utf-32-le", "surrogatepass")
        at = (self._start[before:self._n_types] - first).tolist()
        size = self._length[before:self._n_types].tolist()
        return tids, offsets, [new[a:a + n] for a, n in zip(at, size, strict=True)]

    def _grow(self, need: int) -> None:
        """Make room for a text of `need` characters (as many new types at most), doubling
        what is short."""
        size = len(self._slots)
        while 2 * (self._n_types + need) > size:
            size *= 2
        if size > len(self._slots):
            self._slots = np.full(size, -1, np.int64)
            _rehash(self._slots, self._chars, self._start, self._length, self._n_types)
        for name, used in (("_chars", self._n_chars), ("_start", self._n_types),
                           ("_length", self._n_types)):
            column = getattr(self, name)
            if used + need > len(column):
                grown = np.zeros(max(2 * len(column), used + need), column.dtype)
                grown[:used] = column[:used]
                setattr(self, name, grown)
