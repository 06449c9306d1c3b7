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
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .._paths import DATA
from ..corpus._datafile import ConfigError, read_rows
from ._segment import CACHED_TEXTS

__all__ = [
    "LEXICONS", "CueMatcher", "Lexicon", "compile_cues", "load_lexicon", "matchers_by_language",
    "patterns_by_language",
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
        true/false, ``language`` is not a two-letter code, or a row repeats another.
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
_KEY = 3


@lru_cache(maxsize=CACHED_TEXTS)
def _lowered(text: str) -> tuple[str, str]:
    """Return `text` lower-cased with its offsets kept, and a space followed by that
    text with every non-word character made a space (word starts are then the places
    after a space, which a regular expression finds at the speed of a character search).
    Kept for the last texts: several matchers scan the same article in turn."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two; keep offsets
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return low, " " + _NON_WORD.sub(" ", low)


def _prefix_alternation(keys: list[str]) -> str:
    """A regular expression matching any of `keys`, as a trie (one branch per character),
    so the engine does not try every key in turn.

    Examples
    --------
    >>> _prefix_alternation(["war", "was", "us"])
    '(?:u(?:s)|w(?:a(?:[rs])))'
    """
    trie: dict = {}
    for key in keys:
        node = trie
        for char in key:
            if node.get(None):
                break  # a shorter key already matches here
            node = node.setdefault(char, {})
        node.clear()
        node[None] = True

    def emit(node: dict) -> str:
        if node.get(None):
            return ""
        leaves = sorted(c for c, child in node.items() if c is not None and child.get(None))
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items())
                    if c is not None and not child.get(None)]
        if len(leaves) == 1:
            branches.append(re.escape(leaves[0]))
        elif leaves:
            branches.append("[" + "".join(re.escape(c) for c in leaves) + "]")
        return "(?:" + "|".join(branches) + ")"

    return emit(trie) if keys else "(?!)"


class CueMatcher:
    """Find many cues of many categories in one scan of a text.

    Equivalent to searching each category's :func:`compile_cues` pattern with
    ``finditer`` (case-insensitive, word-start anchored, longest cue first, matches of one
    category not overlapping), but the text is scanned once: at each word start only the
    cues sharing its first three characters are tried. Categories named
    ``group__member`` (a contested concept and its variants) share one group: the longest
    cue of any member wins and members do not overlap, so "special military operation"
    is not also counted as "military operation". Cues that begin with a non-word
    character (``$``, ``€``) fall back to a regular expression. Word starts where no cue
    begins are skipped by one regular-expression scan (a trie of the cues) of a copy of
    the lower-cased text with its punctuation made spaces, so the scan jumps from space
    to space; at a word start, one look-up by its first three characters gives every cue
    that can begin there (longer ones first), each then checked on the text itself.

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
        self._index: dict[str, list[tuple[str, str, str, bool]]] = {}
        odd: dict[str, list[tuple[str, bool, bool]]] = {}
        for category, cue, whole, *flags in cues:
            sensitive = bool(flags and flags[0])
            lowered = cue.lower()
            if not lowered:
                continue
            if sensitive or not _WORD_CHAR.match(lowered):
                odd.setdefault(category, []).append((cue, whole, sensitive))
                continue
            group = category.split("__")[0]
            self._index.setdefault(lowered[:_KEY], []).append((category, group, lowered, whole))
        for entries in self._index.values():
            entries.sort(key=lambda e: len(e[2]), reverse=True)
        # one look-up per word start: by its first three characters, every cue of 3+
        # characters with that start and every shorter cue that is a prefix of it; by two
        # or one (a word start near the end of the text, or no 3+ cue begins there), the
        # shorter cues alone. Longest first, so each group's longest cue wins.
        self._candidates: dict[str, list[tuple[str, str, str, bool]]] = {}
        for key, entries in self._index.items():
            # index[key[:n]], n shorter than the key, holds the cues of exactly n characters
            shorter = [e for n in range(1, len(key)) for e in self._index.get(key[:n], ())]
            self._candidates[key] = sorted(entries + shorter, key=lambda e: len(e[2]),
                                           reverse=True)
        self._odd = {c: compile_cues(v) for c, v in odd.items()}
        # what a text must contain for one of them to match: a case-sensitive cue as
        # written; another cue's first character, lower-cased, in the lower-cased text
        self._odd_needles = {(cue, True) if sensitive else (cue[0].lower(), False)
                             for cues in odd.values() for cue, _, sensitive in cues}
        # the word starts where some cue may begin: the only places the scan has to
        # visit. It runs over the spaced text of ``_lowered`` (a space before each word
        # start), so cues are spaced alike; the cues themselves are checked on the text.
        spaced = {_NON_WORD.sub(" ", e[2]) for entries in self._index.values() for e in entries}
        self._starts = re.compile(" (?=" + _prefix_alternation(sorted(spaced)) + ")")
        self.categories = list(dict.fromkeys(c[0] for c in cues))

    def matches(self, text: str) -> list[tuple[str, int, int]]:
        """Return (category, start, end) of every match, in text order per category."""
        low, spaced = _lowered(text)
        found: list[tuple[str, int, int]] = []
        # group -> end of its last match: a group's matches do not overlap, and a group
        # matched at p is busy there, so it is not matched twice at one word start
        busy: dict[str, int] = {}
        candidates = self._candidates
        word_char = _WORD_CHAR.match
        for m in self._starts.finditer(spaced):
            p = m.start()  # the space before the word, so the word's start in `low`
            entries = (candidates.get(low[p:p + 3]) or candidates.get(low[p:p + 2])
                       or candidates.get(low[p:p + 1]) or ())
            for category, group, cue, whole in entries:
                if busy.get(group, -1) > p:
                    continue
                end = p + len(cue)
                if low.startswith(cue, p) and not (whole and word_char(low, end)):
                    found.append((category, p, end))
                    busy[group] = end
        if self._odd and any(needle in (text if sensitive else low)
                             for needle, sensitive in self._odd_needles):
            for category, pattern in self._odd.items():
                found += [(category, m.start(), m.end()) for m in pattern.finditer(text)]
        return found

    def counts(self, text: str) -> dict[str, int]:
        """Count the matches of each category (categories without a match left out)."""
        out: dict[str, int] = {}
        for category, _, _ in self.matches(text):
            out[category] = out.get(category, 0) + 1
        return out


def matchers_by_language(lexicon: Lexicon, extra: str | None = None) -> dict[str, CueMatcher]:
    """Build one :class:`CueMatcher` per language; categories are ``category`` or
    ``category__<extra>`` (e.g. ``war_naming__invasion``)."""
    cues: dict[str, list[tuple[str, str, bool, bool]]] = {}
    for r in lexicon.rows:
        category = f"{r[lexicon.category]}__{r[extra]}" if extra else r[lexicon.category]
        cues.setdefault(r["language"], []).append(
            (category, r[lexicon.cue], r["whole_word"] == "true",
             r.get("case_sensitive") == "true"))
    return {language: CueMatcher(c) for language, c in cues.items()}
