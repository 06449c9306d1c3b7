"""Load the dictionaries in ``data/lexicons/*.csv``, validating each one.

Every lexicon is a CSV whose leading ``#`` lines carry its description, ``version`` and
``source``; it has a ``language`` column and, for its cue column, a ``whole_word`` column.
A cue matches case-insensitively where a word begins with it (a prefix-phrase:
``Białoru`` finds "Białorusi"); with ``whole_word`` true it must also end where a word
ends (``war`` then does not find "warm" or "Warsaw"). An optional ``case_sensitive``
column (``true``, ``false`` or empty) makes a cue match only as written: ``US`` then finds
the country, not the pronoun "us". Errors name the file and line.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .._paths import DATA
from ..corpus._datafile import ConfigError, read_rows
from ._base import same_items

__all__ = [
    "LEXICONS", "CueMatcher", "Lexicon", "compile_cues", "joint_matchers", "load_lexicon",
    "matchers_by_language", "patterns_by_language",
]

LEXICON_DIR = DATA / "lexicons"

#: file stem -> (category column, cue column, other required columns)
LEXICONS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "generic_frames": ("frame", "cue", ()),
    "policy_frames": ("frame", "cue", ()),
    "contested_terms": ("concept", "pattern", ("variant",)),
    "actors": ("actor", "alias", ()),
    "sources": ("source_type", "cue", ()),
    "reporting_verbs": ("class", "verb", ()),
    "hedges": ("type", "cue", ()),
    "non_names": ("kind", "word", ()),
}


@dataclass(frozen=True)
class Lexicon:
    """A validated lexicon: its rows and header facts."""

    name: str
    path: Path
    version: str
    source: str
    rows: tuple[dict[str, str], ...]
    category: str
    cue: str

    def categories(self) -> list[str]:
        """Return the categories in file order."""
        return list(self._categories)

    @cached_property
    def _categories(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r[self.category] for r in self.rows))


def compile_cues(cues) -> re.Pattern[str] | None:
    """Compile (cue, whole_word[, case_sensitive]) tuples into one case-insensitive
    word-start pattern (a case-sensitive cue is wrapped in ``(?-i:...)``).

    Examples
    --------
    >>> p = compile_cues([("Białoru", False), ("war", True), ("US", True, True)])
    >>> [bool(p.search(t)) for t in ("na Białorusi", "the war", "Warsaw", "US aid", "tell us")]
    [True, True, False, True, False]
    """
    def escaped(cue: str, sensitive: bool) -> str:
        return f"(?-i:{re.escape(cue)})" if sensitive else re.escape(cue)

    entries = [(c[0], bool(c[1]), bool(c[2]) if len(c) > 2 else False) for c in cues if c[0]]
    prefixes = sorted({(c, s) for c, whole, s in entries if not whole},
                      key=lambda e: (-len(e[0]), e))
    wholes = sorted({(c, s) for c, whole, s in entries if whole}, key=lambda e: (-len(e[0]), e))
    parts = []
    if prefixes:
        parts.append("(?:" + "|".join(escaped(c, s) for c, s in prefixes) + ")")
    if wholes:
        parts.append("(?:" + "|".join(escaped(c, s) for c, s in wholes) + r")(?!\w)")
    if not parts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


def _header(path: Path) -> dict[str, str]:
    facts = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                break
            key, _, value = line[1:].partition(":")
            facts[key.strip().lower()] = value.strip()
    return facts


def load_lexicon(name: str, directory: Path = LEXICON_DIR) -> Lexicon:
    """Load and validate ``<directory>/<name>.csv``.

    Raises
    ------
    ConfigError
        Naming the file (and line) when the header lacks ``version`` or ``source``, a
        column is missing, a row has an empty cue or category, ``whole_word`` is not
        true/false, ``case_sensitive`` is not true/false/empty, ``scope`` is not
        ``speaker`` or empty, ``language`` is not a two-letter code, or a row repeats
        another.
    """
    category, cue, extra = LEXICONS[name]
    path = Path(directory) / f"{name}.csv"
    facts = _header(path) if path.exists() else {}
    for key in ("version", "source"):
        if not facts.get(key):
            raise ConfigError(f"{path}: header comment lines need '# {key}: ...'")
    rows = read_rows(path, (category, cue, "language", "whole_word", *extra))
    seen: set[tuple[str, ...]] = set()
    clean = []
    for line, row in rows:
        row = {k: (v or "").strip() for k, v in row.items()}
        where = f"{path}:{line}"
        if not row[category] or not row[cue]:
            raise ConfigError(f"{where}: empty {category!r} or {cue!r}")
        if row["whole_word"] not in ("true", "false"):
            raise ConfigError(f"{where}: whole_word must be true or false, not "
                              f"{row['whole_word']!r}")
        if row.get("case_sensitive", "") not in ("", "true", "false"):
            raise ConfigError(f"{where}: case_sensitive must be true, false or empty, not "
                              f"{row['case_sensitive']!r}")
        if row.get("scope", "") not in ("", "speaker"):
            raise ConfigError(f"{where}: scope must be speaker or empty, not {row['scope']!r}")
        if not re.fullmatch(r"[a-z]{2}", row["language"]):
            raise ConfigError(f"{where}: language must be an ISO 639-1 code, not "
                              f"{row['language']!r}")
        key = (row[category], *(row[c] for c in extra), row[cue].casefold(), row["language"])
        if key in seen:
            raise ConfigError(f"{where}: repeats an earlier row {key}")
        seen.add(key)
        clean.append(row)
    return Lexicon(name=name, path=path, version=facts["version"], source=facts["source"],
                   rows=tuple(clean), category=category, cue=cue)


def patterns_by_language(lexicon: Lexicon, extra: str | None = None
                         ) -> dict[tuple, re.Pattern[str]]:
    """Compile one pattern per (category[, extra column], language) of a lexicon."""
    groups: dict[tuple, list[tuple[str, bool, bool]]] = {}
    for r in lexicon.rows:
        key = (r[lexicon.category], *((r[extra],) if extra else ()), r["language"])
        groups.setdefault(key, []).append((r[lexicon.cue], r["whole_word"] == "true",
                                           r.get("case_sensitive") == "true"))
    return {key: compile_cues(cues) for key, cues in groups.items()}


_WORD_CHAR = re.compile(r"\w")
_NON_WORD = re.compile(r"[^\w ]")


#: the one character that lower-cases to two ("İ" -> "i̇"), and the one whose lower case
#: depends on its neighbours (a capital sigma: final or not); every other code point
#: lower-cases to one character of its own (tests/features/test_lexicons.py checks all)
_LOWER_APART = re.compile("([İΣ])")


def _lowered(text: str) -> str:
    """Return `text` lower-cased with its offsets kept: where a character lower-cases to
    two, each character is lower-cased alone but that one, which is kept (the runs
    between it and the capital sigmas are lower-cased whole, as they are alone)."""
    low = text.lower()
    if len(low) != len(text):
        parts = _LOWER_APART.split(text)
        low = "".join(part.lower() if k % 2 == 0 else "σ" if part == "Σ" else part
                      for k, part in enumerate(parts))
    return low


@lru_cache(maxsize=1)
def _joined(texts: tuple[str, ...]) -> tuple[str, str | None, str, np.ndarray,
                                              tuple[np.ndarray, np.ndarray] | None]:
    """What :meth:`CueMatcher.scan` scans of `texts`: the texts joined by a line break and
    a space; their spaced copies (a space, then the text lower-cased with every non-word
    character made a space: word starts are then the places after a space) joined by line
    breaks; the lower-cased texts (:func:`_lowered`) joined as the texts are; where each
    copy's successor starts (each text, spaced copy and lower-cased text starts where the
    one before ends: the same places in all three). A long scan (from
    :data:`_KERNEL_FROM` characters) takes the code points of both joined texts instead
    of the spaced one, whose non-word characters are made spaces by a character table
    (``\\w`` as ``re`` sees it), not by a regular expression per text. Kept for the
    last texts scanned: several matchers (the sentiment and framing families') scan a
    batch's texts in turn.

    The joined texts are lower-cased at once where no character lower-cases to two: then
    each text's part is what it lower-cases to alone (the separator is neither cased nor
    case-ignorable, so a capital sigma ends a word, or not, as at the text's edge)."""
    joined = "\n ".join(texts)
    low = joined.lower()
    if len(low) == len(joined):
        lengths = np.fromiter(map(len, texts), np.int64, count=len(texts))
        lows = None
    else:
        lows = list(map(_lowered, texts))
        low = "\n ".join(lows)
        lengths = np.fromiter(map(len, lows), np.int64, count=len(lows))
    ends = np.cumsum(lengths + 2)
    if len(low) + 1 < _KERNEL_FROM:
        if lows is None:
            lows = [low[b - n - 2:b - 2] for b, n in zip(ends.tolist(), lengths.tolist(),
                                                         strict=True)]
        spaced = "\n".join(" " + _NON_WORD.sub(" ", lw) for lw in lows)
        return joined, spaced, low, ends, None
    from ._tokens import code_points, spaced

    # the spaced copies joined: a space, then the joined lower-cased texts with each
    # non-word character a space, but for the line break that ends each copy
    low_codes = code_points(low)
    spaced_codes = spaced(low_codes)
    spaced_codes[ends[:-1] - 1] = 10
    return joined, None, low, ends, (spaced_codes, low_codes)


def _leaf_trie(forms: dict[str, bool]) -> tuple[str, list[str]]:
    r"""A regular expression matching the longest of `forms` at a position, as a trie (one
    branch per character, so the engine does not try every form in turn; longer branches
    first), and the forms in the order of their groups: each form ends in an empty group,
    so a match's ``lastindex`` tells which form it found. A form mapped to true must end
    where a word ends.

    Examples
    --------
    >>> pattern, leaves = _leaf_trie({"war": True, "war crime": False, "us": True})
    >>> print(pattern)
    (?:us(?!\w)()|war(?:\ crime()|(?!\w)()))
    >>> leaves
    ['us', 'war crime', 'war']
    """
    trie: dict = {}
    for form, whole in forms.items():
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[None] = (form, whole)
    leaves: list[str] = []

    def emit(node: dict) -> str:
        branches = [re.escape(c) + emit(node[c]) for c in sorted(c for c in node if c is not None)]
        if None in node:
            form, whole = node[None]
            leaves.append(form)
            branches.append(("(?!\\w)" if whole else "") + "()")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return (emit(trie) if forms else "(?!)"), leaves


def _leaves(forms: dict[str, bool]) -> list[str]:
    """The forms in the order of :func:`_leaf_trie`'s groups, without making its pattern:
    at each node of the trie, its children's forms (children in character order), then its
    own; that is, the forms in order of their characters, a form after every form it is a
    prefix of (each is compared as if it ended in a character above all others; none
    holds that one, a non-word character).

    Examples
    --------
    >>> _leaves({"war": True, "war crime": False, "us": True})
    ['us', 'war crime', 'war']
    """
    return sorted(forms, key=lambda form: form + "\U0010ffff")


def _trie_arrays(tries: Sequence[tuple[dict[str, bool], list[str]]]
                 ) -> tuple[np.ndarray, ...]:
    """One trie of the forms of several matchers, each given as its forms (mapped to
    whether each is whole-word) and its leaves (:func:`_leaves`), as arrays for
    :func:`._tokens.trie_starts`: node 0 the root, each node's children stored together
    (where they start, how many; their characters ascending and their nodes), and per
    node and matcher (a column each) the group number of the matcher's form ending there
    (its place in the matcher's leaves, from 1; 0 for none) and whether that form is
    whole-word. The nodes are made by a kernel over the distinct forms of all, sorted
    (:func:`._tokens.trie_arrays`).

    Examples
    --------
    >>> first, size, char, child, leaf, whole = _trie_arrays([
    ...     ({"ab": True}, ["ab"]), ({"a": False, "ab": False}, ["ab", "a"])])
    >>> [chr(c) for c in char], leaf.tolist(), whole.tolist()
    (['a', 'b'], [[0, 0], [0, 2], [1, 1]], [[False, False], [False, False], [True, False]])
    """
    from ._tokens import trie_arrays  # (numba: loaded only by a scan that needs it)

    forms = sorted({form for forms, _ in tries for form in forms})
    first, size, char, child, node = trie_arrays(forms)
    place = dict(zip(forms, node.tolist(), strict=True))
    leaf = np.zeros((len(size), len(tries)), np.int64)
    whole = np.zeros(leaf.shape, bool)
    for m, (forms_m, leaves) in enumerate(tries):
        nodes = np.fromiter(map(place.__getitem__, leaves), np.int64, count=len(leaves))
        leaf[nodes, m] = np.arange(1, len(leaves) + 1)
        whole[nodes, m] = np.fromiter(map(forms_m.__getitem__, leaves), bool,
                                      count=len(leaves))
    return first, size, char, child, leaf, whole


#: from how many characters a scan walks the cues' trie by a numba kernel
#: (:func:`._tokens.trie_starts`) rather than by the regular expression, which is
#: faster on one short text (no kernel call, no conversion to code points)
_KERNEL_FROM = 20_000


class CueMatcher:
    """Find many cues of many categories in one scan of a text.

    At each word start, each category's longest cue that begins there matches (a
    whole-word cue only where it ends a word; case-insensitive), and one category's
    matches do not overlap: what each category's :func:`compile_cues` pattern finds with
    ``finditer``, but in one scan of the text, and with one difference where a
    whole-word cue extends a prefix cue of its category (the pattern tries prefix cues
    first; here the longer cue wins). Categories named
    ``group__member`` (a contested concept and its variants) share one group: the longest
    cue of any member wins and members do not overlap, so "special military operation"
    is not also counted as "military operation". Cues that begin with a non-word
    character (``$``, ``€``) fall back to a regular expression.

    How: the scan runs over a copy of the lower-cased text with every non-word character
    made a space (:func:`_joined`), so it jumps from space to space, and at each word
    start a trie of the cues, spaced alike, finds the longest one that begins there. Every
    other cue that begins there is a prefix of that one, so which cues match follows from
    which one matched (worked out when the matcher is built); only a cue holding a space
    or punctuation is then checked on the text itself (the copy cannot tell "so-called"
    from "so called"). :meth:`matches_many` and :meth:`count_matrix` scan many texts as
    one string, which spares the set-up of a scan per text.

    Parameters
    ----------
    cues : (category, cue, whole_word[, case_sensitive]) tuples; case-sensitive cues are
        matched by a regular expression, like cues starting with a non-word character.

    Examples
    --------
    >>> m = CueMatcher([("conflict", "accus", False), ("economic", "cost", True),
    ...                 ("economic", "new sanction", False), ("economic", "sanction", False)])
    >>> m.counts("Kyiv accused Minsk; new sanctions cost more, costly sanctions")
    {'conflict': 1, 'economic': 3}
    """

    def __init__(self, cues: list[tuple]) -> None:
        entries: list[tuple[str, str, str, bool]] = []  # (category, group, cue, whole)
        odd: dict[str, list[tuple[str, bool, bool]]] = {}
        for category, cue, whole, *flags in cues:
            sensitive = bool(flags and flags[0])
            lowered = cue.lower()
            if not lowered:
                continue
            if sensitive or not _WORD_CHAR.match(lowered):
                odd.setdefault(category, []).append((cue, whole, sensitive))
                continue
            entries.append((category, category.split("__")[0], lowered, whole))
        # each cue as the scan sees it; a form ends where a word ends if all its cues do
        by_form: dict[str, list[int]] = {}
        forms: dict[str, bool] = {}
        for k, (_, _, cue, whole) in enumerate(entries):
            form = _NON_WORD.sub(" ", cue)
            by_form.setdefault(form, []).append(k)
            forms[form] = forms.get(form, True) and whole
        self._forms = forms
        leaves = _leaves(forms)
        self._leaf_forms = leaves
        # the matchers that scanned the texts this one scanned first, after it: their
        # tries are walked with its own when it scans new texts (:func:`_walk`)
        self._partners: list[weakref.ref[CueMatcher]] = []
        # the trie of this matcher and its partners, and the partners it was built for
        self._joint: tuple[list[weakref.ref[CueMatcher]], tuple[np.ndarray, ...]] = ([], ())
        # for the form of each group (``lastindex``): the cues that may match where it is
        # the longest form found, longest first (ties in lexicon order), each as (category,
        # group, cue, whole, length, checked on the text)
        self._at: list[tuple] = [()]
        for leaf in leaves:
            here = []
            for n in range(1, len(leaf) + 1):
                form = leaf[:n]
                for k in by_form.get(form, ()):
                    category, group, cue, whole = entries[k]
                    if whole and n < len(leaf) and leaf[n] != " ":
                        continue  # a shorter whole-word cue ends only at a space
                    # a single word found in the copy is in the text; a whole-word cue
                    # that shares its form with a prefix cue is checked at its end too
                    check = cue != form or " " in cue or (whole and not forms[form])
                    here.append((-len(cue), k, (category, group, cue, whole, len(cue), check)))
            self._at.append(tuple(e for *_, e in sorted(here)))
        self._odd = {c: compile_cues(v) for c, v in odd.items()}
        # what a text must contain for one of them to match: a case-sensitive cue as
        # written; another cue's first character, lower-cased, in the lower-cased text
        self._odd_written = tuple({cue for v in odd.values() for cue, _, s in v if s})
        self._odd_lowered = tuple({cue[0].lower() for v in odd.values()
                                   for cue, _, s in v if not s})
        self.categories = list(dict.fromkeys(c[0] for c in cues))

    def __getstate__(self) -> dict:
        """What a copy of the matcher keeps: not the matchers it walks with (weak
        references, of this process), which the copy learns anew."""
        return {**self.__dict__, "_partners": [], "_joint": ([], ())}

    @cached_property
    def _trie(self) -> tuple[np.ndarray, ...]:
        """The matcher's own trie (:func:`_trie_arrays`), for a long scan that walks it
        alone (:func:`_walk`); made at its first use, so a matcher that only scans short
        texts neither makes it nor loads numba."""
        return _trie_arrays([(self._forms, self._leaf_forms)])

    @cached_property
    def _starts(self) -> re.Pattern[str]:
        """The word starts where a cue begins, by a regular expression of the trie: for a
        short scan (:data:`_KERNEL_FROM`); compiled at its first use, not when the matcher
        is built (the feature pass, whose scans are long, never compiles it: a third of a
        second of each worker's start-up), nor is its source made."""
        return re.compile(" (?=" + _leaf_trie(self._forms)[0] + ")")

    @cached_property
    def _category_at(self) -> dict[str, int]:
        """Each category's place in ``categories`` (how :class:`Matches` names it)."""
        return {c: k for k, c in enumerate(self.categories)}

    @cached_property
    def _entries(self) -> tuple[np.ndarray, ...]:
        """``_at`` as arrays for :func:`._tokens.resolve_cues`: where each leaf's entries
        start (and the end of the last), and per entry its category (a place in
        ``categories``), its group (numbered), its length, whether it is checked on the
        text and is whole-word, and where its cue's code points start in the pool of them
        all (with the pool)."""
        from ._tokens import code_points

        category = self._category_at
        group: dict[str, int] = {}
        flat = [e for entries in self._at for e in entries]
        first = np.zeros(len(self._at) + 1, np.int64)
        np.cumsum([len(entries) for entries in self._at], out=first[1:])
        cues = "".join(e[2] for e in flat)
        sizes = np.array([e[4] for e in flat], np.int64)
        return (first, np.array([category[e[0]] for e in flat], np.int64),
                np.array([group.setdefault(e[1], len(group)) for e in flat], np.int64),
                sizes, np.array([e[5] for e in flat], bool), np.array([e[3] for e in flat], bool),
                np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64),
                code_points(cues), len(group))

    def matches(self, text: str) -> list[tuple[str, int, int]]:
        """Return (category, start, end) of every match, in text order per category."""
        return self.matches_many([text])[0]

    def matches_many(self, texts: Sequence[str]) -> list[list[tuple[str, int, int]]]:
        """Return :meth:`matches` of each of `texts`, found in one scan of them all."""
        out: list[list[tuple[str, int, int]]] = [[] for _ in texts]
        names = self.categories
        found = self.scan(texts)
        for k, category, start, end in zip(found.text.tolist(), found.category.tolist(),
                                           found.start.tolist(), found.end.tolist(),
                                           strict=True):
            out[k].append((names[category], start, end))
        return out

    def count_matrix(self, texts: Sequence[str], categories: Sequence[str]) -> np.ndarray:
        """Count the matches of each of `categories` (columns) in each of `texts` (rows),
        as :meth:`counts` does, in one scan of them all; other categories are left out.

        Examples
        --------
        >>> m = CueMatcher([("conflict", "accus", False), ("economic", "cost", True)])
        >>> m.count_matrix(["Kyiv accused Minsk of accusing it", "costly"], ["economic",
        ...                                                              "conflict"])
        array([[0, 2],
               [0, 0]])
        """
        column = np.full(len(self.categories), -1, np.int64)
        for j, c in enumerate(categories):
            if c in self._category_at:
                column[self._category_at[c]] = j
        out = np.zeros((len(texts), len(categories)), dtype=np.int64)
        found = self.scan(texts)
        at = column[found.category]
        np.add.at(out, (found.text[at >= 0], at[at >= 0]), 1)
        return out

    def counts(self, text: str) -> dict[str, int]:
        """Count the matches of each category (categories without a match left out)."""
        out: dict[str, int] = {}
        for category, _, _ in self.matches(text):
            out[category] = out.get(category, 0) + 1
        return out

    def scan(self, texts: Sequence[str]) -> Matches:
        """Every match in `texts`, as arrays (:class:`Matches`): text by text, and within a
        text as :meth:`matches` lists them.

        The texts' spaced copies (:func:`_joined`) are scanned as one string, joined by
        line breaks: a cue's form holds only word characters and spaces, so no match spans
        two texts. Their lower-cased forms are joined by a line break and a space, so that
        each begins where its spaced copy does (a match at ``p``, the space before a word,
        is the word's start in the joined lower-cased text, as in one text). In a long
        scan a numba kernel walks the trie (:func:`._tokens.trie_starts`) and another
        works out which cues match at each word start it finds
        (:func:`._tokens.resolve_cues`); a short one runs the regular expression and
        :meth:`_resolve`, which do the same in Python. What is scanned is made once for
        several matchers that scan the same texts in turn (:func:`_joined`), and their
        tries are walked over it together (:func:`_walk`)."""
        joined, spaced, low, ends, codes = _joined(tuple(texts))
        if codes is not None:
            # (numba: loaded only by a scan that needs it)
            from ._tokens import resolve_cues

            at, leaf = _walk(codes[0], self)
            columns = resolve_cues(at, leaf, ends, codes[1], *self._entries)
        else:
            columns = self._resolve(((m.start(), m.lastindex)
                                     for m in self._starts.finditer(spaced)), ends, low)
        if self._odd:
            odd = self._odd_matches(texts, joined, low, ends)
            if odd:
                columns = [np.concatenate([c, np.array(o, np.int64)])
                           for c, o in zip(columns, zip(*odd, strict=True), strict=True)]
                order = np.argsort(columns[0], kind="stable")
                columns = [c[order] for c in columns]
        return Matches(*columns)

    def _resolve(self, found: Iterable[tuple[int, int]], ends: np.ndarray, low: str,
                 ) -> list[np.ndarray]:
        """The matches at the word starts `found` ((place, leaf), in order) of the joined
        spaced copies whose ends are `ends`: (text, category, start, end) columns, as
        :func:`._tokens.resolve_cues` finds them."""
        category = self._category_at
        out: list[tuple[int, int, int, int]] = []
        # group -> end of its last match: a group's matches do not overlap, and a group
        # matched at p is busy there, so it is not matched twice at one word start
        busy: dict[str, int] = {}
        at = self._at
        word_char = _WORD_CHAR.match
        ends_ = ends.tolist()
        k, first, end_k = 0, 0, ends_[0] if ends_ else 0
        for p, leaf in found:  # p: the space before the word; leaf: its longest form's
            while p >= end_k:
                k += 1
                first, end_k = end_k, ends_[k]
            for name, group, cue, whole, size, check in at[leaf]:
                if busy.get(group, -1) > p:
                    continue
                end = p + size
                if check and (not low.startswith(cue, p) or (whole and word_char(low, end))):
                    continue
                out.append((k, category[name], p - first, end - first))
                busy[group] = end
        return [np.array(c, np.int64) for c in zip(*out, strict=True)] if out else [
            np.zeros(0, np.int64) for _ in range(4)]

    def _odd_matches(self, texts: Sequence[str], joined: str, low: str, ends: np.ndarray,
                     ) -> list[tuple[int, int, int, int]]:
        """(text, category, start, end) of the cues the trie does not hold (case-sensitive,
        or starting with a non-word character), by their regular expressions, tried only
        where one may start: where a case-sensitive cue is found as written in the joined
        texts (`joined`), or another's first character in the joined lower-cased texts
        (`low`, whose offsets are the texts'); `ends` as :func:`_joined` gives them. (A
        find that runs from one text into the next is tried in its text alone.) On
        article-length texts, where most texts hold a "$", a "US" or a "may", the three
        project matchers with such cues take 0.011 s over the English sample joined 16
        texts at a time, against 0.081 s scanning each such text with each pattern."""
        category = self._category_at
        bounds = ends.tolist()
        starts = [0, *bounds[:-1]]  # (each text and the "\n " after it end at its bound)
        places: dict[int, set[int]] = {}  # text -> where a cue of these may start in it
        for haystack, needles in ((joined, self._odd_written), (low, self._odd_lowered)):
            for needle in needles:
                p = haystack.find(needle)
                while p >= 0:
                    k = bisect_right(bounds, p)
                    if k < len(bounds) and p - starts[k] < len(texts[k]):
                        places.setdefault(k, set()).add(p - starts[k])
                    p = haystack.find(needle, p + 1)
        out = []
        for k in sorted(places):
            # what ``finditer`` finds: its next match is the first that starts at or after
            # where the last ended, and each starts where one of the needles is found
            text, at = texts[k], sorted(places[k])
            for name, pattern in self._odd.items():
                end = 0
                for p in at:
                    m = pattern.match(text, p) if p >= end else None
                    if m:
                        out.append((k, category[name], p, m.end()))
                        end = max(m.end(), p + 1)
        return out


#: the last long scan's walk: the spaced codes walked (:func:`_joined`), the matcher that
#: walked them first, and what each matcher walked over them found (replaced, not
#: changed, by a walk of new codes: a reader holds one walk's codes and finds)
_LAST_WALK: list[tuple | None] = [None]


def _walk(codes: np.ndarray, matcher: CueMatcher) -> tuple[np.ndarray, np.ndarray]:
    """:func:`._tokens.trie_starts` of `matcher`'s trie over the spaced codes `codes`,
    the word starts of several matchers' tries found in one walk. Several matchers scan a
    batch's texts in turn (the sentiment, framing and term families'), each over the
    same codes: the matcher that scans new codes first walks its trie together with
    those of the matchers that scanned the last codes it scanned first, after it (its
    partners, kept as weak references), in one trie of them all whose nodes name each
    matcher's leaves apart; a matcher that scans the same codes next takes what was
    found for it, or, not walked with the first, walks its own trie and becomes the
    first's partner from then on. Each matcher's word starts are those its own trie
    finds: the joint trie holds its trie, and only its own leaves count for it."""
    from ._tokens import trie_starts

    last = _LAST_WALK[0]
    if last is not None and last[0] is codes:
        _, first, found = last
        if matcher not in found:
            if not any(ref() is matcher for ref in first._partners):
                first._partners.append(weakref.ref(matcher))
            found[matcher] = trie_starts(codes, matcher._trie)[0]
        return found[matcher]
    matcher._partners = [ref for ref in matcher._partners if ref() is not None]
    partners = matcher._partners
    if not partners:
        trie = matcher._trie
    else:
        built, trie = matcher._joint
        if not same_items(built, partners):
            trie = _trie_arrays([(m._forms, m._leaf_forms) for m in
                                 (matcher, *(ref() for ref in partners))])
            matcher._joint = (list(partners), trie)
    members = [matcher, *(ref() for ref in partners)]
    found = dict(zip(members, trie_starts(codes, trie), strict=True))
    _LAST_WALK[0] = (codes, matcher, found)
    return found[matcher]


class Matches(NamedTuple):
    """The matches of a :meth:`CueMatcher.scan`, a column each: the text (its place among
    the texts scanned), the category (its place in the matcher's ``categories``), and
    where the match starts and ends in its text."""

    text: np.ndarray
    category: np.ndarray
    start: np.ndarray
    end: np.ndarray


def _cues(lexicon: Lexicon, extra: str | None, prefix: str = "") -> dict[str, list[tuple]]:
    """Each language's (category, cue, whole_word, case_sensitive) tuples of `lexicon`."""
    cues: dict[str, list[tuple[str, str, bool, bool]]] = {}
    for r in lexicon.rows:
        category = f"{r[lexicon.category]}__{r[extra]}" if extra else r[lexicon.category]
        cues.setdefault(r["language"], []).append(
            (prefix + category, r[lexicon.cue], r["whole_word"] == "true",
             r.get("case_sensitive") == "true"))
    return cues


def matchers_by_language(lexicon: Lexicon, extra: str | None = None) -> dict[str, CueMatcher]:
    """Build one :class:`CueMatcher` per language; categories are ``category`` or
    ``category__<extra>`` (e.g. ``war_naming__invasion``)."""
    return {language: CueMatcher(c) for language, c in _cues(lexicon, extra).items()}


def joint_matchers(*parts: tuple[Lexicon, str | None]) -> dict[str, CueMatcher]:
    """Build one :class:`CueMatcher` per language for several lexicons, each given as
    (lexicon, extra), so that a text is scanned once for all of them. Categories are
    ``<lexicon name>:<category>``; each finds what it finds in its own lexicon's matcher
    (a category's group never reaches into another lexicon).

    Examples
    --------
    >>> verbs = Lexicon("verbs", Path("verbs.csv"), "1", "-", ({"class": "neutral",
    ...     "verb": "said", "language": "en", "whole_word": "true"},), "class", "verb")
    >>> joint_matchers((verbs, None))["en"].matches("He said so")
    [('verbs:neutral', 3, 7)]
    """
    cues: dict[str, list[tuple]] = {}
    for lexicon, extra in parts:
        for language, found in _cues(lexicon, extra, f"{lexicon.name}:").items():
            cues.setdefault(language, []).extend(found)
    return {language: CueMatcher(c) for language, c in cues.items()}
