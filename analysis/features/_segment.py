"""Segmenting article text: quotations and sentences (shared by the feature families)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

__all__ = ["quotations", "quote_spans", "remember_quote_spans", "sentence_spans", "sentences",
           "split_quoted"]

# Paired double quotation marks: English “…”, Polish/German „…” (closed by ” or “),
# French/Russian «…», and straight "…".
_QUOTES = re.compile(r"“[^“”\n]*”|„[^„“”\n]*[”“]|«[^«»\n]*»|\"[^\"\n]*\"")
# Typographic single quotes ‘…’ (British and many US headlines quote with them). ’ is also
# the apostrophe, so ‘ must open at a word start and the span closes at the first ’ that
# ends a word and is not followed by a letter: "Russia’s" or "don’t" inside stays inside.
_SINGLE_QUOTES = re.compile(r"(?<![\w’'])‘(?=\S)[^‘\n]*?(?<=\S)’(?!\w)")
# Straight single quotes '…' (Reuters, BBC and Daily Mail headlines quote with them). The
# mark is also the apostrophe, in both places: it opens only at a word start (not after a
# letter, so not a possessive plural "soldiers'") before a character that is neither white
# space nor another mark; inside, a mark followed by a letter is an apostrophe ("Putin's",
# "don't"); the span closes at the first mark after a non-space character that no letter
# follows, on the same line. (Literal first, look-behind after it, so the engine skips
# ahead to the marks.) What it gets wrong: a possessive plural inside a quotation ends it
# early ('the soldiers' wives'), and an elision at a word start ('90s, 'n') opens one.
# Two straight marks used as one double mark, ''…'' (seen in Polish outlets): the span
# taken is the inner pair of marks, so that one mark each side is cut off as elsewhere.
_DOUBLED_QUOTES = re.compile(r"''(?=[^\s'])[^'\n]*(?<=\S)''")
_STRAIGHT_QUOTES = re.compile(r"'(?<![\w'’].)(?=[^\s'])(?:[^'\n]|'(?=\w))*?(?<=\S)'(?!\w)")
#: the capital letters of the Latin, Greek and Cyrillic blocks, one by one, for a character
#: class: a range such as Ā-Ž would take small letters too, which alternate with the
#: capitals in Latin Extended-A (ł, ś and ż are not capitals)
CAPITALS = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper())
# A sentence ends at . ! ? (with any closing quotes/brackets after them) before white
# space and a capital, digit or opening quote; or at a line break. The empty group marks
# the end of the sentence after its mark. Every branch starts with one literal character,
# so the regular-expression engine skips ahead to those four characters.
# (The parts are named for the columnar engine's kernel, :func:`._tokens.sentence_bounds`.)
SENTENCE_MARKS = ".!?"
SENTENCE_CLOSERS = r"[”\"’»)\]]"
SENTENCE_OPENERS = rf"[\"“„«‘(\[{CAPITALS}0-9]"
_AFTER_MARK = rf"(){SENTENCE_CLOSERS}*\s+(?={SENTENCE_OPENERS})"
_SENTENCE_END = re.compile("|".join(re.escape(mark) + _AFTER_MARK for mark in SENTENCE_MARKS)
                           + r"|\n+")
#: texts whose segmentation (and word count) is kept: more than one batch of the feature
#: pass, whose families ask for the same article's quotations in turn
CACHED_TEXTS = 4096


#: the quotation spans of the last batch's texts, found for all of them at once
#: (:func:`remember_quote_spans`)
_REMEMBERED: dict[str, tuple[tuple[int, int], ...]] = {}


def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Return the (start, end) character spans of quotations, marks included, in order.

    Double quotation marks of every convention, and two straight marks used as one
    (''…'', whose span is its inner pair of marks); then single quotes, typographic ‘…’
    and straight '…', that do not overlap a span already found (inside a double-quoted
    span they are a quotation within the quotation).

    Examples
    --------
    >>> t = 'He said “we will respond” and „nie ma mowy”.'
    >>> [t[a:b] for a, b in quote_spans(t)]
    ['“we will respond”', '„nie ma mowy”']
    >>> t = 'Putin’s ‘special operation’ and “the ‘hotheads’ will pay”'
    >>> [t[a:b] for a, b in quote_spans(t)]
    ['‘special operation’', '“the ‘hotheads’ will pay”']
    >>> t = "Moscow's 'immoral' offer; 'Putin's war' in the soldiers' words"
    >>> [t[a:b] for a, b in quote_spans(t)]
    ["'immoral'", "'Putin's war'"]
    >>> t = "sondaż dla ''Rzeczpospolitej''."
    >>> [t[a:b] for a, b in quote_spans(t)]
    ["'Rzeczpospolitej'"]

    The spans of a text :func:`remember_quote_spans` was last given come from what it
    found; of any other, from the regular expressions (kept for the last texts).
    """
    spans = _REMEMBERED.get(text)
    return _found_by_patterns(text) if spans is None else spans


@lru_cache(maxsize=CACHED_TEXTS)
def _found_by_patterns(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`quote_spans` by the regular expressions (the reference)."""
    spans = [m.span() for m in _QUOTES.finditer(text)]
    # (mark, pattern, marks cut off each side of a match to give its span)
    for mark, pattern, cut in (("''", _DOUBLED_QUOTES, 1), ("‘", _SINGLE_QUOTES, 0),
                               ("'", _STRAIGHT_QUOTES, 0)):
        if mark in text:
            spans += [(m.start() + cut, m.end() - cut) for m in pattern.finditer(text)
                      if not any(m.start() < b and a < m.end() for a, b in spans)]
    spans.sort()
    return tuple(spans)


def remember_quote_spans(texts: Sequence[str]) -> None:
    """Find the quotation spans of all of `texts` at once, by a kernel over their code
    points (:func:`._tokens.quote_bounds`, which finds what the regular expressions find:
    ``tests/features/test_segment.py``), for :func:`quote_spans` to give until the next
    call. The columnar engine calls this once per batch, whose families then ask for
    each text's quotations in turn.

    Examples
    --------
    >>> remember_quote_spans(["He said “no”.", "None here."])
    >>> quote_spans("He said “no”."), quote_spans("None here.")
    (((8, 12),), ())
    """
    from ._tokens import joined_codes, quote_bounds

    texts = list(texts)
    codes, starts, ends = joined_codes(tuple(texts))
    span_starts, span_ends, offsets = quote_bounds(codes, starts, ends)
    counts = np.diff(offsets)
    found = dict.fromkeys(texts, ())
    if len(span_starts):
        owner = np.repeat(starts, counts)
        spans = list(zip((span_starts - owner).tolist(), (span_ends - owner).tolist(),
                         strict=True))
        bounds = offsets.tolist()
        for j in np.flatnonzero(counts).tolist():
            found[texts[j]] = tuple(spans[bounds[j]:bounds[j + 1]])
    _REMEMBERED.clear()
    _REMEMBERED.update(found)


def quotations(text: str) -> list[str]:
    """Return the text inside each quotation, marks removed.

    Examples
    --------
    >>> quotations('“Go,” he said. «Нет» and "no"')
    ['Go,', 'Нет', 'no']
    """
    return [text[a + 1:b - 1] for a, b in quote_spans(text)]


def split_quoted(text: str) -> tuple[str, str]:
    """Split `text` into the author's own text and the quoted text (quotations joined).
    A text without a quotation is its own text, the same string (and is not kept: the
    split of a text with one is, for the last texts).

    Examples
    --------
    >>> split_quoted('Peskov said “no comment” today.')
    ('Peskov said   today.', 'no comment')
    """
    return _split_at_quotations(text) if quote_spans(text) else (text, "")


@lru_cache(maxsize=CACHED_TEXTS)
def _split_at_quotations(text: str) -> tuple[str, str]:
    """:func:`split_quoted` of a text with a quotation."""
    own, quoted, last = [], [], 0
    for a, b in quote_spans(text):
        own.append(text[last:a])
        own.append(" ")
        quoted.append(text[a + 1:b - 1])
        last = b
    own.append(text[last:])
    return "".join(own), " ".join(quoted)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each sentence of :func:`sentences`, white space trimmed.

    Examples
    --------
    >>> sentence_spans("Minsk said so.  Kyiv replied.")
    [(0, 14), (16, 29)]
    """
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        mark = m.lastindex  # the group after . ! or ?; None at a line break
        spans.append((start, m.start(mark) if mark else m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        piece = text[a:b]
        stripped = piece.strip()
        if stripped:
            a += piece.find(stripped)  # where the leading white space ends
            out.append((a, a + len(stripped)))
    return out


def sentences(text: str) -> list[str]:
    """Split `text` into sentences (rule-based: terminal punctuation before a capital).

    Examples
    --------
    >>> sentences('Minsk said so. “It is false,” Kyiv replied.\\nNext line')
    ['Minsk said so.', '“It is false,” Kyiv replied.', 'Next line']
    """
    return [text[a:b] for a, b in sentence_spans(text)]
