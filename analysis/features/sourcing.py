"""Sourcing and epistemic stance per article (``src__``).

Quotations (“…”, „…”, «…», "…", and ‘…’ or '…' outside a double-quoted span) are attributed
where the text allows: the reporting verb nearest the quotation in its clause
(``reporting_verbs.csv``: neutral *said, told, added* vs evaluative *claimed, alleged,
insisted, admitted, denied, accused*), the speaker named next to that verb, and the
speaker's source type (``sources.csv``: official Russian/Belarusian, official
Western/Ukrainian/Polish, anonymous, expert, citizen, media), or failing that a type named
in the quotation's clause outside the quotation (cues of scope ``speaker``, such as a
country standing for its government, type only a speaker; agreement with a hand-read
sample is in ``data/lexicons/README.md``). Capitalised words that name
no one (``non_names.csv``: "The", "He", Polish "Jak", "W") are not taken for a speaker.
A short quoted span (three words or fewer) with no reporting verb in its clause counts as
a scare quote. Hedges, evidentials and boosters (``hedges.csv``) are counted in the
author's own text (quotations removed), per 1,000 words.

References
----------
Bell, A. (1991). The Language of News Media. Blackwell.
Caldas-Coulthard, C. R. (1994). On reporting reporting: the representation of speech in
    factual and factional narratives. In Coulthard (ed.), Advances in Written Text Analysis.
Hyland, K. (1998). Hedging in Scientific Research Articles. John Benjamins.
Hyland, K. (2005). Metadiscourse. Continuum.
Farkas, R., Vincze, V., Móra, G., Csirik, J. & Szarvas, G. (2010). The CoNLL-2010 shared
    task: learning to detect hedges and their scope in natural language text. CoNLL.
Pareti, S. (2016). PARC 3.0: a corpus of attribution relations. LREC.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import numpy as np

from ._base import Batch, Document, FeatureFamily, rows_by_language
from ._segment import CAPITALS, quote_spans, split_quoted
from ._tokens import character_table, clause_break_ends, join_texts
from .lexical import text_words, word_counts, words
from .lexicons import (
    CueMatcher,
    Lexicon,
    joint_matchers,
    matchers_by_language,
)

__all__ = ["HEDGE_MIN_PRECISION", "QuoteAttribution", "Sourcing", "attribute_quotes",
           "attribute_quotes_many", "tuned_hedges", "uncertain"]

SCARE_MAX_WORDS = 3
#: a hedge or evidential cue whose precision on the tuning half of the CoNLL-2010
#: Wikipedia sentences (``tuning_precision`` in ``hedges.csv``) is below this is not used;
#: chosen there, as the cut-off of the best MCC (``tables/hedge_validity.csv``)
HEDGE_MIN_PRECISION = 0.4
#: the stance types that mark a sentence as uncertain
UNCERTAINTY_TYPES = ("hedge", "evidential")
_LEXICONS = ("sources", "reporting_verbs", "hedges", "non_names")
_NO_CUES = CueMatcher([])
#: a clause break: . ! ? (and closers after it) before white space and a capital or an
#: opening quote, or a line break; the classes of its parts apart, for the kernel
_BREAK_CLASSES = ("[.!?]", "[”\"’»)]", r"\s", f"[\"“„«‘{CAPITALS}]")
_CLAUSE_BREAK = re.compile(r"{}{}*(?={}+{})|\n".format(*_BREAK_CLASSES))
# a run of capitalised words, which may hold "of", "the", "for" and name particles ("Ministry
# of Defence", "Ursula von der Leyen") and begin with "the" or a particle, not with "of" or
# "for" ("a spokesman of the Kremlin" gives "the Kremlin")
_NAME_RUN = re.compile(
    rf"(?<!\w)(?:(?:the|de|von|al)\s+)*"
    rf"(?:[{CAPITALS}][\w’'.-]*\s+(?:(?:of|the|for|de|von|al)\s+)*)*"
    rf"[{CAPITALS}][\w’'.-]*")
_SPACES = re.compile(r"\s*")
# a dash right before the reporting verb ("„…” - powiedział rzecznik")
_DASH_END = re.compile(r"\s[-–—]\s*\Z")
_WORD_REST = re.compile(r"\w*")
_WORD_RUN = re.compile(r"\w+")
_NOUN_WORD = re.compile(r"[\w’'-]+")
# white space and a word that begins with a small letter (a letter that is not a capital)
_SMALL_WORD = rf"\s+(?=[^\W\d_{CAPITALS}]){_NOUN_WORD.pattern}"
# one to three such words, white space after them, and nothing else
_NOUN_TAIL = re.compile(rf"(?:{_SMALL_WORD}){{1,3}}\s*")
# the one or two words before a run of capitalised words (a preposition, maybe an article)
_BEFORE_RUN = re.compile(r"([^\W\d_]+)\s+(?:([^\W\d_]+)\s+)?\Z")
# between a name and a preposition after it: up to two small-letter words
_HEAD_TAIL = re.compile(rf"(?:{_SMALL_WORD}){{0,2}}\s+")
#: prepositions whose object may be the speaker: "a spokesman of the Kremlin", a passive's
#: agent ("rejected by Kyiv"), Polish "według Kremla" (according to), "zdaniem ministra"
#: (in the opinion of); and "to" after "according"
_SOURCE_PREPOSITIONS = frozenset({"of", "by", "według", "zdaniem"})
#: prepositions that are also conjunctions: a name after one may be the subject of the verb
#: that follows it ("after Kiev accused Moscow")
_CONJUNCTIONS = frozenset({"after", "before", "since", "until"})


@dataclass(frozen=True)
class QuoteAttribution:
    """One quotation and what the text says about who said it."""

    quote: str
    context: str
    verb: str | None
    verb_class: str | None
    speaker: str | None
    source_type: str | None
    scare: bool


def _clause_breaks(text: str) -> list[tuple[int, int]]:
    """Return (end, reach) of each clause break in `text`: where the break ends, and where
    the text it looks ahead at (white space, then a capital or an opening quote) ends."""
    out = []
    for m in _CLAUSE_BREAK.finditer(text):
        reach = m.end() if m.group() == "\n" else _SPACES.match(text, m.end()).end() + 1
        out.append((m.end(), reach))
    return out


def clause_breaks_many(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """:func:`_clause_breaks` of each of `texts`, by one kernel call (no match of
    ``_CLAUSE_BREAK`` holds the start of another, so a scan that does not find one at
    a place goes on at the next; its look-ahead ends at its text's end).

    Examples
    --------
    >>> text = "He left. “Yes.” Then:\\nNo. end"
    >>> clause_breaks_many([text, ""]) == [_clause_breaks(text), []]
    True
    """
    if not texts:
        return []
    _, codes, starts, ends = join_texts(texts)
    out_end = np.empty(len(codes), np.int64)
    out_reach = np.empty(len(codes), np.int64)
    counts = np.zeros(len(texts), np.int64)
    k = clause_break_ends(codes, starts, ends, *map(character_table, _BREAK_CLASSES), out_end,
                      out_reach, counts)
    pairs = list(zip(out_end[:k].tolist(), out_reach[:k].tolist(), strict=True))
    bounds = [0, *counts.tolist()]
    return [pairs[a:b] for a, b in pairwise(bounds)]


def _clause(text: str, start: int, end: int,
            breaks: list[tuple[int, int]] | None = None) -> tuple[str, str]:
    """Return the text of the quotation's clause before and after the quotation.

    The clause begins after the last break that the text before the quotation holds
    whole, look-ahead included (so a break just before the opening mark does not count),
    and ends at the first break after the quotation. `breaks` are
    :func:`_clause_breaks` of `text`, found once for all its quotations.

    Examples
    --------
    >>> _clause("Why? He said. “Go.” Now we go. Done.", 14, 19)
    (' He said. ', ' Now we go')
    """
    breaks = _clause_breaks(text) if breaks is None else breaks
    k = bisect_right(breaks, (start, len(text) + 1)) - 1  # the last that ends by `start`
    while k >= 0 and breaks[k][1] > start:
        k -= 1  # its look-ahead reaches into the quotation
    left = text[breaks[k][0] if k >= 0 else 0:start]
    right_break = _CLAUSE_BREAK.search(text, end)
    right = text[end:right_break.start() if right_break else len(text)]
    return left, right


def _speaker(region: str, non_names: Mapping[str, str] | None = None,
             before_verb: bool = False) -> str | None:
    """Pick the named speaker (a run of capitalised words) nearest the verb in `region`;
    failing that, the whole region if it is a short phrase (up to six words, one a word).

    In a region that ends at the verb (`before_verb`), a run followed only by one to three
    small-letter words is a name with its noun ("Russian ex-president says", "the
    Ukrainian president said"): the speaker is the run with those of the words that come
    before the first listed in `non_names` ("Joe Biden has said" gives "Joe Biden").

    A run governed by a preposition of `non_names` (an article may stand between) is no
    speaker ("in Minsk", "after a Kremlin ceremony"), except after "of", "by" (a passive's
    agent), "according to", Polish "według" and "zdaniem". It ends the speaker's noun
    phrase when it follows the last other run after at most two small-letter words
    ("Władze w Białorusi", "Washington's new ambassador to Sudan"); right before the verb it
    is the verb's subject after a conjunction ("after Kiev accused") or as a possessive
    ("on Russia's claims").

    `non_names` maps words, as written at a sentence start and lower-cased, to their kind
    in ``non_names.csv``: a run that is one of them as written is no name ("The", "He",
    "Tuesday", Polish "Jak", "W"; but "US" is not "Us"), and a phrase whose first word is
    a ``function_word`` is no speaker (Polish "Co więcej", "i"; English "and", "but
    analysts"): the caller then looks on the verb's other side. A phrase may begin with
    an article, a pronoun, a preposition or a time word ("the ministry's spokesman",
    "his wife", Polish "w mediach społecznościowych", on social media).

    Examples
    --------
    >>> _speaker(", Belarusian Defense Minister Viktor Khrenin ")
    'Belarusian Defense Minister Viktor Khrenin'
    >>> _speaker(" the ministry's spokesman,"), _speaker(" . ")
    ("the ministry's spokesman", None)
    >>> words = {"And": "function_word", "and": "function_word", "Tuesday": "time_word"}
    >>> _speaker("Putin on Tuesday ", words), _speaker(" and ", words), _speaker(" and ")
    ('Putin', None, 'and')
    >>> _speaker("“Yes,” Russian ex-president ", before_verb=True)
    'Russian ex-president'
    >>> _speaker("Joe Biden has ", {"has": "auxiliary"}, before_verb=True)
    'Joe Biden'
    >>> words = {"w": "preposition", "in": "preposition", "after": "preposition"}
    >>> [_speaker(r, words, before_verb=True) for r in ("Władze w Białorusi ",
    ...  "Lukashenko, speaking in Minsk, ", "Moscow denied it after Kyiv ")]
    ['Władze w Białorusi', 'Lukashenko', 'Kyiv']
    """
    non_names = non_names or {}
    runs = [m for m in _NAME_RUN.finditer(region) if m.group().strip() not in non_names]
    # a name governed by a preposition ("in Minsk", "after a Kremlin ceremony", Polish "na
    # Białorusi") is not the one who speaks, but it may end the speaker's noun phrase
    governed = {m.start(): p for m in runs
                if (p := _preposition(region, m.start(), non_names)) is not None}
    if governed:
        kept = [m for m in runs if m.start() not in governed]
        after_head = runs[runs.index(kept[-1]) + 1:] if kept else []
        if after_head:  # the last free name, then up to two small words and a preposition
            head, place = kept[-1], after_head[0]
            at, word = governed[place.start()]
            if _HEAD_TAIL.fullmatch(region, head.end(), at) and word not in _CONJUNCTIONS:
                return region[head.start():place.end()].strip()
        last = runs[-1]
        if before_verb and last.start() in governed and _subject(
                region, last, governed[last.start()][1], non_names):
            kept.append(last)
        runs = kept
    if runs:
        last = runs[-1]
        end = last.end()
        if before_verb and _NOUN_TAIL.fullmatch(region, end):
            for word in _NOUN_WORD.finditer(region, end):
                if word.group() in non_names:
                    break
                end = word.end()
        return region[last.start():end].strip()
    phrase = re.sub(r"^[\s,;:–—-]+|[\s,;:–—-]+$", "", region)
    first = _WORD_RUN.search(phrase)
    if not (first and len(phrase.split()) <= 6):
        return None
    return None if non_names.get(first.group()) == "function_word" else phrase


def _subject(region: str, run: re.Match, preposition: str,
             non_names: Mapping[str, str]) -> bool:
    """Whether a name after a preposition, in a region that ends at the verb, is the verb's
    subject after all: right before the verb (its small-letter noun, if any, holds no word
    of `non_names`), after a preposition that is also a conjunction ("after Kiev
    accused") or as a possessive ("on Russia's claims"). `preposition` is the governing
    word, lower-cased.

    Examples
    --------
    >>> words = {"after": "preposition", "to": "preposition", "on": "preposition"}
    >>> [_subject(r, _NAME_RUN.search(r, 3), r.split()[0], words) for r in
    ...  ("after Kiev accused", "on Russia’s false ", "to Japan ", "after Kyiv, ")]
    [True, True, False, False]
    """
    rest = region[run.end():]
    if rest.strip() and not (_NOUN_TAIL.fullmatch(rest) and not any(
            w.group() in non_names for w in _NOUN_WORD.finditer(rest))):
        return False
    return preposition in _CONJUNCTIONS or run.group().endswith(("’s", "'s"))


def _preposition(region: str, start: int,
                 non_names: Mapping[str, str]) -> tuple[int, str] | None:
    """Where the preposition governing the name at `start` of `region` begins (an article
    may stand between them) and the preposition, lower-cased; None when no preposition
    governs it or one whose object may be the speaker (``_SOURCE_PREPOSITIONS``,
    "according to").

    Examples
    --------
    >>> words = {"in": "preposition", "after": "preposition", "a": "article",
    ...          "to": "preposition", "by": "preposition"}
    >>> region = "Władze in Minsk, after a Kremlin ceremony, according to Kyiv, by Moscow"
    >>> [_preposition(region, region.index(n), words)
    ...  for n in ("Minsk", "Kremlin", "Kyiv", "Moscow")]
    [(7, 'in'), (17, 'after'), None, None]
    """
    before = _BEFORE_RUN.search(region, max(0, start - 40), start)
    if before is None:
        return None
    # the word right before the name, or the one before that if an article stands between
    k = 1 if before.group(2) is None or non_names.get(before.group(2)) == "article" else 2
    word = before.group(k)
    if (non_names.get(word) != "preposition" or word.lower() in _SOURCE_PREPOSITIONS
            or (k == 2 and before.group(1).lower() == "according")):
        return None
    return before.start(k), word.lower()


def attribute_quotes(text: str, verbs: CueMatcher, sources: CueMatcher,
                     verb_classes: Sequence[str] = (), source_types: Sequence[str] = (),
                     non_names: Mapping[str, str] | None = None,
                     clause_sources: CueMatcher | None = None) -> list[QuoteAttribution]:
    """Attribute each quotation in `text` to a reporting verb, a speaker and a source type.

    Parameters
    ----------
    text : the article text.
    verbs : reporting verbs of the text's language; categories are verb classes
        (``neutral``, ``evaluative``).
    sources : source cues of the text's language that type a speaker; categories are
        source types.
    verb_classes : the verb classes in lexicon order, which decides between two classes
        matched at the same place (default: the matcher's order).
    source_types : the source types in priority order: a speaker or clause naming two
        types gets the first (default: the matcher's order).
    non_names : capitalised words of the text's language that name no speaker, as written
        at a sentence start and lower-cased, each mapped to its kind in ``non_names.csv``
        (see :func:`_speaker`; default: none).
    clause_sources : the source cues that type a quotation whose speaker names no type,
        looked for in its clause outside the quotation (default: `sources`; the feature
        family leaves out the cues of scope ``speaker``, such as a country's name).

    Examples
    --------
    >>> verbs = CueMatcher([("neutral", "added", True), ("neutral", "said", True)])
    >>> sources = CueMatcher([("official_ru_by", "Khrenin", False)])
    >>> [a.speaker for a in attribute_quotes("“No,” Khrenin added.", verbs, sources)]
    ['Khrenin']
    """
    return attribute_quotes_many([text], verbs, sources, verb_classes, source_types,
                                 non_names, clause_sources)[0]


def attribute_quotes_many(texts: Sequence[str], verbs: CueMatcher, sources: CueMatcher,
                          verb_classes: Sequence[str] = (), source_types: Sequence[str] = (),
                          non_names: Mapping[str, str] | None = None,
                          clause_sources: CueMatcher | None = None,
                          ) -> list[list[QuoteAttribution]]:
    """:func:`attribute_quotes` of each of `texts` (of one language), each matcher
    scanning all the texts' regions it looks at in one call (``matches_many``): the
    verbs of every clause's right and left side, the sources of every speaker, the
    clause sources of every clause whose speaker names no type. (A side, speaker or
    clause scanned with the others gives the matches it gives alone.)"""
    rank = {c: k for k, c in enumerate(verb_classes or verbs.categories)}
    types = source_types or sources.categories
    # each quotation: (text, start, end, the clause before it, the clause after it)
    items = []
    quoted = [(k, spans) for k, spans in enumerate(map(quote_spans, texts)) if spans]
    for (k, spans), breaks in zip(quoted, clause_breaks_many([texts[k] for k, _ in quoted]),
                                  strict=True):
        text = texts[k]
        items += [(k, start, end, *_clause(text, start, end, breaks)) for start, end in spans]
    verbs_found = verbs.matches_many([it[4] for it in items] + [it[3] for it in items])
    chosen = []  # (verb, verb class, speaker) of each quotation
    for i, (_, _, _, left, right) in enumerate(items):
        verb = verb_class = speaker = None
        for side, region, in_region in (("right", right, verbs_found[i]),
                                        ("left", left, verbs_found[len(items) + i])):
            # class by class, each in text order; the first of the nearest wins
            found = sorted(in_region, key=lambda m: (rank[m[0]], m[1]))
            if not found:
                continue
            verb_class, pos, after = (min(found, key=lambda m: m[1]) if side == "right"
                                      else max(found, key=lambda m: m[1]))
            after = _WORD_REST.match(region, after).end()  # a stem's word ends later
            verb = region[pos:after]
            if side == "right" and _DASH_END.search(region, 0, pos):
                # "… - powiedział rzecznik": after a dash the speaker follows the verb
                speaker = (_speaker(region[after:][:80], non_names)
                           or _speaker(region[:pos], non_names, before_verb=True))
            elif side == "right":
                speaker = (_speaker(region[:pos], non_names, before_verb=True)
                           or _speaker(region[after:][:80], non_names))
            else:
                speaker = _speaker(region[:pos][-120:], non_names, before_verb=True)
            break
        chosen.append((verb, verb_class, speaker))
    # the speaker's type; failing that, a type named in the clause around the quotation
    # (its own words are left out: they often name the story's subject, not its speaker)
    def first_type(found: list[tuple[str, int, int]]) -> str | None:
        named = {c for c, _, _ in found}
        return next((t for t in types if t in named), None)

    said = [i for i, (_, _, speaker) in enumerate(chosen) if speaker]
    source_type = dict.fromkeys(range(len(items)))
    for i, found in zip(said, sources.matches_many([chosen[i][2] for i in said]), strict=True):
        source_type[i] = first_type(found)
    rest = [i for i in range(len(items)) if source_type[i] is None]
    for i, found in zip(rest, (clause_sources or sources).matches_many(
            [f"{items[i][3]} {items[i][4]}" for i in rest]), strict=True):
        source_type[i] = first_type(found)
    out: list[list[QuoteAttribution]] = [[] for _ in texts]
    for i, (k, start, end, left, right) in enumerate(items):
        verb, verb_class, speaker = chosen[i]
        quote = texts[k][start + 1:end - 1]
        context = f"{left}{texts[k][start:end]}{right}"
        scare = verb is None and len(words(quote)) <= SCARE_MAX_WORDS
        out[k].append(QuoteAttribution(quote, context.strip(), verb, verb_class, speaker,
                                       source_type[i] if verb else None, scare))
    return out


def tuned_hedges(lexicon: Lexicon, min_precision: float = HEDGE_MIN_PRECISION) -> Lexicon:
    """The rows of ``hedges.csv`` (`lexicon`) that are used: every booster, and every hedge
    or evidential whose ``tuning_precision`` is empty (not measured: too rare on the
    tuning half, not English, or a named-source evidential that the CoNLL-2010 annotation
    does not count as uncertain) or at least `min_precision`.

    Examples
    --------
    >>> rows = ({"type": "hedge", "cue": "could", "tuning_precision": "0.7"},
    ...         {"type": "hedge", "cue": "about", "tuning_precision": "0.2"},
    ...         {"type": "hedge", "cue": "być może", "tuning_precision": ""})
    >>> lexicon = Lexicon("hedges", Path("hedges.csv"), "2.0", "-", rows, "type", "cue")
    >>> [r["cue"] for r in tuned_hedges(lexicon, 0.5).rows]
    ['could', 'być może']
    """
    def kept(row: dict[str, str]) -> bool:
        value = row.get("tuning_precision") or ""
        return (row["type"] not in UNCERTAINTY_TYPES or not value
                or float(value) >= min_precision)

    return replace(lexicon, rows=tuple(r for r in lexicon.rows if kept(r)))


def uncertain(sentences: Sequence[str], lexicon: Lexicon, language: str = "en") -> np.ndarray:
    """Whether each of `sentences` holds a hedge or evidential cue of `lexicon` (rows of
    `language`): the sentence-level uncertainty flag scored in ``hedge_validity``.

    Examples
    --------
    >>> rows = ({"type": "hedge", "cue": "may", "language": "en", "whole_word": "true",
    ...          "case_sensitive": "true"},
    ...         {"type": "booster", "cue": "clearly", "language": "en", "whole_word": "true"})
    >>> lexicon = Lexicon("hedges", Path("hedges.csv"), "2.0", "-", rows, "type", "cue")
    >>> uncertain(["It may rain.", "In May it rained.", "Clearly."], lexicon).tolist()
    [True, False, False]
    """
    rows = tuple(r for r in lexicon.rows
                 if r["language"] == language and r["type"] in UNCERTAINTY_TYPES)
    matcher = matchers_by_language(replace(lexicon, rows=rows)).get(language, _NO_CUES)
    return np.array([bool(m) for m in matcher.matches_many(list(sentences))], dtype=bool)


class Sourcing(FeatureFamily):
    """Quotations and their attribution, reporting verbs, hedges and evidentials (``src__``).

    Parameters
    ----------
    lexicon_dir : folder (or folders) whose ``sources.csv``, ``reporting_verbs.csv``,
        ``hedges.csv`` and ``non_names.csv`` replace the project's.
    """

    prefix = "src"
    lexicon_names = _LEXICONS

    def __init__(self, lexicon_dir: Path | None = None) -> None:
        self.lexicon_dir = lexicon_dir

    @cached_property
    def _lexicons(self) -> dict[str, Lexicon]:
        """The fitted lexicons; of ``hedges.csv`` the cues kept by :func:`tuned_hedges`."""
        return {**self.lexicons_, "hedges": tuned_hedges(self.lexicons_["hedges"])}

    @cached_property
    def _non_names(self) -> dict[str, dict[str, str]]:
        """Per language: each word of ``non_names.csv``, as written and lower-cased -> its
        kind."""
        out: dict[str, dict[str, str]] = {}
        for row in self._lexicons["non_names"].rows:
            words = out.setdefault(row["language"], {})
            words[row["word"]] = words[row["word"].lower()] = row["kind"]
        return out

    @cached_property
    def _matchers(self) -> dict[str, dict[str, CueMatcher]]:
        """Reporting verbs and sources apart, for the clauses of quotations (hedges are
        matched only in the author's own text, by :attr:`_own_text_matchers`)."""
        return {n: matchers_by_language(self._lexicons[n]) for n in ("reporting_verbs", "sources")}

    @cached_property
    def _clause_sources(self) -> dict[str, CueMatcher]:
        """The source cues that may type a quotation from its clause: all but those of
        scope ``speaker`` (``sources.csv``)."""
        lexicon = self._lexicons["sources"]
        rows = tuple(r for r in lexicon.rows if r.get("scope") != "speaker")
        return matchers_by_language(replace(lexicon, rows=rows))

    @cached_property
    def _own_text_matchers(self) -> dict[str, CueMatcher]:
        """Reporting verbs and hedges in one matcher per language (one scan of the
        author's own text); categories ``reporting_verbs:<class>``, ``hedges:<type>``."""
        return joint_matchers(*((self._lexicons[n], None) for n in ("reporting_verbs", "hedges")))

    @cached_property
    def _hedge_keys(self) -> list[str]:
        """The own-text matchers' category of each hedge type, in column order."""
        return [f"hedges:{h}" for h in self._lexicons["hedges"].categories()]

    @cached_property
    def _languages(self) -> set[str]:
        return set(self._matchers["reporting_verbs"])

    def _names(self) -> list[str]:
        types = self._lexicons["sources"].categories()
        hedges = self._lexicons["hedges"].categories()
        return ["n_quotes", "quotes_per_1k_words", "quotes_attributed_share",
                *[f"quotes_{t}_n" for t in types], "quotes_unattributed_n",
                "verbs_neutral_n", "verbs_evaluative_n", "evaluative_verb_share",
                *[f"{h}_rate" for h in hedges], "scare_quotes_n", "scare_quotes_per_1k_words"]

    def quotes(self, doc: Document) -> list[QuoteAttribution]:
        """Return the attributed quotations of one document (for close reading)."""
        return self.quotes_many([doc.text], doc.language)[0]

    def quotes_many(self, texts: list[str], language: str | None,
                    ) -> list[list[QuoteAttribution]]:
        """:meth:`quotes` of each of `texts`, all in `language`, the lexicons' scans done
        for all at once (:func:`attribute_quotes_many`)."""
        language = language or ""
        verbs, sources = (self._matchers[n].get(language, _NO_CUES)
                          for n in ("reporting_verbs", "sources"))
        return attribute_quotes_many(texts, verbs, sources,
                                     self._lexicons["reporting_verbs"].categories(),
                                     self._lexicons["sources"].categories(),
                                     self._non_names.get(language),
                                     self._clause_sources.get(language, _NO_CUES))

    def cue_spans(self, doc: Document) -> list[tuple[str, str, int, int]]:
        """Return (lexicon, category, start, end) of each reporting verb and hedge cue in
        the author's own text (outside quotations), for close reading; offsets are in
        ``doc.text``."""
        quoted = quote_spans(doc.text)
        matcher = self._own_text_matchers.get(doc.language or "", _NO_CUES)
        out = [(*category.split(":", 1), a, b) for category, a, b in matcher.matches(doc.text)
               if not any(qa <= a < qb for qa, qb in quoted)]
        return sorted(out, key=lambda m: (m[2], m[0]))

    def _transform_batch(self, docs: list[Document]) -> np.ndarray:
        def count(texts: list[str]) -> list[int]:
            return [len(text_words(text)) for text in texts]

        return self._rows(docs, count, columnar=False)

    def _transform_columnar(self, batch: Batch) -> np.ndarray:
        """The rows of :meth:`_transform_batch`, the words of the texts and of the author's
        own texts counted by the columnar engine (:func:`.lexical.word_counts`), the
        quotations of each language's texts attributed together (:meth:`quotes_many`) and
        the rows worked out column by column (:meth:`_columns`); the quotations of all the
        batch's texts found at once (:meth:`.Batch.find_quotations`)."""
        batch.find_quotations()
        return self._rows(batch.docs, lambda texts: word_counts(texts).tolist(),
                          columnar=True)

    def _rows(self, docs: list[Document], count: Callable[[list[str]], list[int]],
              columnar: bool) -> np.ndarray:
        """The rows of `docs`, `count` giving the words of each of many texts; NaN for a
        language without lexicons or a text without words. The author's own texts of each
        language are scanned for verbs and hedges together. The quotations are attributed
        and the rows made one text at a time (:meth:`_row`), or, `columnar`, for all the
        texts of a language at once (:meth:`quotes_many`, :meth:`_columns`)."""
        out = np.full((len(docs), len(self._names())), np.nan)
        n_words = count([doc.text for doc in docs])
        keys = ["reporting_verbs:neutral", "reporting_verbs:evaluative", *self._hedge_keys]
        for language, rows in rows_by_language(docs).items():
            rows = [i for i in rows if n_words[i]]
            if language not in self._languages or not rows:
                continue
            texts = [docs[i].text for i in rows]
            owns = [split_quoted(text)[0] for text in texts]
            matcher = self._own_text_matchers.get(language, _NO_CUES)
            if columnar:  # an own text that is its text has its text's cues and words
                differ = [k for k, (own, text) in enumerate(zip(owns, texts, strict=True))
                          if own != text]
                other = [owns[k] for k in differ]
                if 2 * len(differ) <= len(texts):  # (most texts have no quotation)
                    # the texts as the other families scan them (one walk of them all),
                    # then the own texts that differ
                    cues = matcher.count_matrix(texts, keys)
                    if differ:
                        cues[differ] = matcher.count_matrix(other, keys)
                else:  # (most texts quote: article-length ones)
                    cues = matcher.count_matrix(owns, keys)
                words = [n_words[i] for i in rows]
                own_words = list(words)
                for k, n in zip(differ, count(other), strict=True):
                    own_words[k] = n
                out[rows] = self._columns(words, own_words, cues,
                                          self.quotes_many(texts, language))
                continue
            cues = matcher.count_matrix(owns, keys)
            found = [self.quotes_many([text], language)[0] for text in texts]
            for i, own_words, counts, quoted in zip(rows, count(owns), cues.tolist(), found,
                                                    strict=True):
                out[i] = self._row(n_words[i], own_words, counts, quoted)
        return out

    def _columns(self, n_words: list[int], own_words: list[int], counts: np.ndarray,
                 quotes: list[list[QuoteAttribution]]) -> np.ndarray:
        """:meth:`_row` of many texts at once: the same divisions of the same integers
        (each correctly rounded, in numpy as in Python)."""
        types = self._lexicons["sources"].categories()
        column = {t: j for j, t in enumerate(types)}
        n, words_, own = len(quotes), np.asarray(n_words), np.asarray(own_words)
        n_quotes = np.fromiter(map(len, quotes), np.int64, count=n)
        attributed, scare = np.zeros(n, np.int64), np.zeros(n, np.int64)
        by_type = np.zeros((n, len(types)), np.int64)
        for k in np.flatnonzero(n_quotes).tolist():
            for q in quotes[k]:
                scare[k] += q.scare
                if q.verb:
                    attributed[k] += 1
                    if q.source_type in column:
                        by_type[k, column[q.source_type]] += 1
        neutral, evaluative, hedges = counts[:, 0], counts[:, 1], counts[:, 2:]
        verbs = neutral + evaluative
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.column_stack([
                n_quotes, 1000 * n_quotes / words_,
                np.where(n_quotes > 0, attributed / n_quotes, np.nan),
                by_type, n_quotes - attributed, neutral, evaluative,
                np.where(verbs > 0, evaluative / verbs, np.nan),
                np.where(own[:, None] > 0, 1000 * hedges / own[:, None], np.nan),
                scare, 1000 * scare / words_,
            ]).astype(float)

    def _row(self, n_words: int, own_words: int, counts: list[int],
             quotes: list[QuoteAttribution]) -> list[float]:
        """The features of a text of `n_words` words (at least one) in a language with
        lexicons, whose own text has `own_words` words and the neutral verbs, evaluative
        verbs and hedges of each type `counts`, and whose attributed quotations are
        `quotes`."""
        types = self._lexicons["sources"].categories()
        attributed = [q for q in quotes if q.verb]
        by_type = Counter(q.source_type for q in attributed)
        neutral, evaluative, *hedges = counts
        scare = sum(q.scare for q in quotes)
        return [
            float(len(quotes)), 1000 * len(quotes) / n_words,
            len(attributed) / len(quotes) if quotes else math.nan,
            *[float(by_type[t]) for t in types],
            float(len(quotes) - len(attributed)),
            float(neutral), float(evaluative),
            evaluative / (neutral + evaluative) if neutral + evaluative else math.nan,
            *[(1000 * n / own_words if own_words else math.nan) for n in hedges],
            float(scare), 1000 * scare / n_words,
        ]
