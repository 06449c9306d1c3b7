"""Framing cues and contested word choices per article (``frame__``, ``term__``).

Frames are measured by cue lexicons: for each generic frame (Semetko & Valkenburg 2000)
and each Policy Frames Codebook dimension (Boydstun et al. 2014), the number of cue
matches per 1,000 words and whether the article reaches ``min_hits`` matches (presence).
Cues are matched in the article's own language; an article in a language the lexicon does
not cover gets NaN. Contested terms (``contested_terms.csv``: a concept and its variants,
e.g. Kyiv / Kiev) are counted per variant, so the comparison layer can ask which variant
each outlet chose.

A cue lexicon detects vocabulary associated with a frame, not the framing devices a human
coder sees; notebook 07 measures how far the two agree.

References
----------
Entman, R. M. (1993). Framing: toward clarification of a fractured paradigm. Journal of
    Communication 43(4).
Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics: a content analysis of
    press and television news. Journal of Communication 50(2).
Boydstun, A. E., Card, D., Gross, J. H., Resnik, P. & Smith, N. A. (2014). Tracking the
    development of media frames within and across policy issues. APSA annual meeting.
Field, A., Kliger, D., Wintner, S., Pan, J., Jurafsky, D. & Tsvetkov, Y. (2018). Framing
    and agenda-setting in Russian news: a computational analysis of intricate political
    strategies. Proceedings of EMNLP.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import numpy as np

from ._base import Batch, Document, FeatureFamily, rows_by_language
from .lexical import text_words, word_counts
from .lexicons import (
    CueMatcher,
    Lexicon,
    joint_matchers,
    matchers_by_language,
)

__all__ = ["ContestedTerms", "Frames"]


class Frames(FeatureFamily):
    """Generic and policy frame cues per 1,000 words, and frame presence (``frame__``).

    Parameters
    ----------
    lexicon_dir : folder (or folders) whose ``generic_frames.csv`` and ``policy_frames.csv``
        replace the project's.
    min_hits : matches an article needs for a frame to count as present.
    """

    prefix = "frame"
    lexicon_names = ("generic_frames", "policy_frames")

    def __init__(self, lexicon_dir: Path | None = None, min_hits: int = 1) -> None:
        self.lexicon_dir = lexicon_dir
        self.min_hits = min_hits

    @cached_property
    def _lexicons(self) -> dict[str, Lexicon]:
        return {"generic": self.lexicons_["generic_frames"],
                "policy": self.lexicons_["policy_frames"]}

    @cached_property
    def _matchers(self) -> dict[str, CueMatcher]:
        """One matcher per language for both lexicons (one scan of each text); its
        categories are ``<lexicon name>:<frame>``."""
        return joint_matchers(*((lex, None) for lex in self._lexicons.values()))

    @cached_property
    def _frames(self) -> list[tuple[str, str]]:
        return [(kind, frame) for kind, lex in self._lexicons.items()
                for frame in lex.categories()]

    @cached_property
    def _categories(self) -> list[str]:
        """The matchers' category of each frame, in column order."""
        return [f"{self._lexicons[kind].name}:{frame}" for kind, frame in self._frames]

    def _names(self) -> list[str]:
        return [f"{kind}_{frame}_{stat}" for kind, frame in self._frames
                for stat in ("rate", "present")]

    def _transform_batch(self, docs: list[Document]) -> np.ndarray:
        return self._rows(docs, np.array([len(text_words(doc.text)) for doc in docs],
                                         dtype=np.int64))

    def _transform_columnar(self, batch: Batch) -> np.ndarray:
        """The rows of :meth:`_transform_batch`, the texts' words counted by the columnar
        engine (:func:`.lexical.word_counts`)."""
        return self._rows(batch.docs, word_counts([doc.text for doc in batch.docs]))

    def _rows(self, docs: list[Document], n_words: np.ndarray) -> np.ndarray:
        """(rate, present) per frame of texts of `n_words` words; NaN for a language
        without lexicons or a text without words. The documents of each language are
        scanned together."""
        out = np.full((len(docs), 2 * len(self._frames)), np.nan)
        for language, rows in rows_by_language(docs).items():
            matcher = self._matchers.get(language)
            rows = [i for i in rows if n_words[i]]
            if matcher and rows:
                hits = matcher.count_matrix([docs[i].text for i in rows], self._categories)
                out[rows, 0::2] = 1000 * hits / n_words[rows, None]
                out[rows, 1::2] = hits >= self.min_hits
        return out


class ContestedTerms(FeatureFamily):
    """Counts of each variant of each contested concept (``term__<concept>__<variant>``).

    Parameters
    ----------
    lexicon_dir : folder (or folders) whose ``contested_terms.csv`` replaces the project's.
    """

    prefix = "term"
    lexicon_names = ("contested_terms",)

    def __init__(self, lexicon_dir: Path | None = None) -> None:
        self.lexicon_dir = lexicon_dir

    @cached_property
    def _lexicon(self) -> Lexicon:
        return self.lexicons_["contested_terms"]

    @cached_property
    def _matchers(self) -> dict[str, CueMatcher]:
        return matchers_by_language(self._lexicon, extra="variant")

    @cached_property
    def _variants(self) -> list[tuple[str, str]]:
        return list(dict.fromkeys((r["concept"], r["variant"]) for r in self._lexicon.rows))

    @cached_property
    def _categories(self) -> list[str]:
        """The matchers' category of each variant (``concept__variant``), in column order."""
        return [f"{concept}__{variant}" for concept, variant in self._variants]

    def _names(self) -> list[str]:
        return [f"{concept}__{variant}" for concept, variant in self._variants]

    def occurrences(self, doc: Document) -> list[tuple[str, str, int, int]]:
        """Return (concept, variant, start, end) of each contested-term match in
        ``doc.text``, in text order (for close reading)."""
        matcher = self._matchers.get(doc.language or "")
        if matcher is None:
            return []
        found = [(*category.split("__", 1), a, b) for category, a, b in matcher.matches(doc.text)]
        return sorted(found, key=lambda m: m[2])

    def _transform_batch(self, docs: list[Document]) -> np.ndarray:
        # NaN for a language without lexicons; the documents of each language are scanned
        # together
        out = np.full((len(docs), len(self._categories)), np.nan)
        for language, rows in rows_by_language(docs).items():
            matcher = self._matchers.get(language)
            if matcher:
                out[rows] = matcher.count_matrix([docs[i].text for i in rows], self._categories)
        return out
