"""Load the dictionaries in ``data/lexicons/*.csv``, validating each one.

Every lexicon is a CSV whose leading ``#`` lines carry its description, ``version`` and
``source``; it has a ``language`` column and, for its cue column, a ``whole_word`` column.
A cue matches case-insensitively where a word begins with it (a prefix-phrase:
``Białoru`` finds "Białorusi"); with ``whole_word`` true it must also end where a word
ends (``war`` then does not find "warm" or "Warsaw"). Errors name the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .._paths import DATA
from ..corpus._datafile import ConfigError, read_rows

__all__ = ["LEXICONS", "Lexicon", "compile_cues", "load_lexicon", "patterns_by_language"]

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
        return list(dict.fromkeys(r[self.category] for r in self.rows))

    def pattern(self, category: str | None = None, key: str | None = None,
                value: str | None = None) -> re.Pattern[str] | None:
        """Compile the cues of one category (or of rows where ``key == value``) into one regex.

        Returns None when no cue qualifies.
        """
        rows = [r for r in self.rows
                if (category is None or r[self.category] == category)
                and (key is None or r[key] == value)]
        return compile_cues([(r[self.cue], r["whole_word"] == "true") for r in rows])


def compile_cues(cues: list[tuple[str, bool]]) -> re.Pattern[str] | None:
    """Compile (cue, whole_word) pairs into one case-insensitive word-start pattern.

    Examples
    --------
    >>> p = compile_cues([("Białoru", False), ("war", True)])
    >>> [bool(p.search(t)) for t in ("na Białorusi", "the war", "Warsaw")]
    [True, True, False]
    """
    prefixes = sorted({re.escape(c) for c, whole in cues if c and not whole}, key=len, reverse=True)
    wholes = sorted({re.escape(c) for c, whole in cues if c and whole}, key=len, reverse=True)
    parts = []
    if prefixes:
        parts.append("(?:" + "|".join(prefixes) + ")")
    if wholes:
        parts.append("(?:" + "|".join(wholes) + r")(?!\w)")
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
    groups: dict[tuple, list[tuple[str, bool]]] = {}
    for r in lexicon.rows:
        key = (r[lexicon.category], *((r[extra],) if extra else ()), r["language"])
        groups.setdefault(key, []).append((r[lexicon.cue], r["whole_word"] == "true"))
    return {key: compile_cues(cues) for key, cues in groups.items()}
