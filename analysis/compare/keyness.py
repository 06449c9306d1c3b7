"""Keyness: which words distinguish one outlet group's articles from the others'.

Two layers. The pure layer works on count vectors over one vocabulary:
:func:`log_odds_dirichlet` (the log-odds ratio with an informative Dirichlet prior of
Monroe, Colaresi & Quinn 2008, with its z-score), :func:`log_ratio` (Hardie's Log Ratio,
an effect size readers can interpret: +1 means twice as frequent) and
:func:`informative_prior`. The facade tokenises texts into a sparse document-term matrix
and builds tidy tables: :func:`keyness_table` (each label against all other documents),
:func:`keyness_pair` (one label against another) and :func:`alpha0_sensitivity` (how the
top terms move with the prior's weight).

The z-score treats every token as an independent draw, so a word one prolific article
repeats many times can look "key" for its whole group. The facade therefore re-checks the
top terms of each comparison at the level of documents: a permutation test that shuffles
the group labels across whole documents (Lijffijt et al. 2016), reported as
``p_doc_perm``.

References
----------
Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: lexical feature
    selection and evaluation for identifying the content of political conflict. Political
    Analysis 16(4), 372-403.
Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus Approaches
    to Social Science (CASS), Lancaster University.
Lijffijt, J., Nevalainen, T., Säily, T., Papapetrou, P., Puolamäki, K. & Mannila, H.
    (2016). Significance testing of word frequencies in corpora. Digital Scholarship in
    the Humanities 31(2), 374-397.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

__all__ = [
    "DEFAULT_ALPHA0", "NoTerms", "alpha0_sensitivity", "informative_prior", "keyness_pair",
    "keyness_table", "log_odds_dirichlet", "log_ratio", "tokenize",
]


class NoTerms(ValueError):
    """No word, or only one, is in enough of the documents (``min_df``): there is nothing
    to compare."""

#: Weight of the informative prior in pseudo-tokens (see :func:`alpha0_sensitivity`).
DEFAULT_ALPHA0 = 1000.0
#: Two-sided 5 % cut for the z-score, used to keep terms in the tables (descriptive: not
#: corrected for the thousands of terms tested).
Z_CRIT = 1.96
#: Observed and permuted z are computed by the same arithmetic but not always by the same
#: machine instructions; a permuted z this close below the observed one counts as a tie.
_TIE_TOLERANCE = 1e-9
#: Largest permutations-by-documents block held in memory at once (booleans).
_BLOCK_CELLS = 20_000_000
# a run of letters, possibly joined to more letters by an apostrophe or a full stop, so
# "U.S." is one token and "Russia’s" is not split into "russia" and a stray "s"
_WORD = re.compile(r"[^\W\d_]+(?:[.'’][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


# --------------------------------------------------------------------------- pure layer


def _log_odds(y_a, y_b, n_a, n_b, alpha, alpha0):
    """Return (delta, z) of Monroe et al. (2008) for broadcastable float arrays."""
    a = y_a + alpha
    b = y_b + alpha
    delta = np.log(a / (n_a + alpha0 - a)) - np.log(b / (n_b + alpha0 - b))
    return delta, delta / np.sqrt(1.0 / a + 1.0 / b)


def log_odds_dirichlet(counts_a: np.ndarray, counts_b: np.ndarray, prior: np.ndarray
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Compute the log-odds ratio with an informative Dirichlet prior and its z-score.

    With :math:`n_i = \\sum_w y_{wi}` and :math:`\\alpha_0 = \\sum_w \\alpha_w`,

    .. math::

        \\delta_w = \\log\\frac{y_{wa} + \\alpha_w}{n_a + \\alpha_0 - y_{wa} - \\alpha_w}
                  - \\log\\frac{y_{wb} + \\alpha_w}{n_b + \\alpha_0 - y_{wb} - \\alpha_w},
        \\qquad
        \\operatorname{Var}(\\delta_w) \\approx \\frac{1}{y_{wa} + \\alpha_w}
                                          + \\frac{1}{y_{wb} + \\alpha_w},

    and :math:`z_w = \\delta_w / \\sqrt{\\operatorname{Var}(\\delta_w)}` (Monroe et al.
    2008, eqs. 16, 18-20). Positive values mean the word is over-used by side a.

    Parameters
    ----------
    counts_a, counts_b : 1-D arrays of token counts over the same vocabulary.
    prior : 1-D array of the prior's pseudo-counts :math:`\\alpha_w`, already scaled (see
        :func:`informative_prior`); all must be positive.

    Returns
    -------
    (delta, z)
        Two float arrays, one value per word.

    Examples
    --------
    >>> delta, z = log_odds_dirichlet(np.array([10, 0, 5]), np.array([2, 8, 5]),
    ...                               informative_prior(np.array([12, 8, 10]), 10))
    >>> delta.round(4).tolist(), z.round(4).tolist()
    ([1.3938, -1.8298, 0.0], [2.8565, -2.6726, 0.0])

    References
    ----------
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words. Political
        Analysis 16(4), 372-403.
    """
    y_a, y_b, alpha = _vectors(counts_a, counts_b, prior)
    if not np.all(alpha > 0):
        raise ValueError("every prior pseudo-count must be positive")
    return _log_odds(y_a, y_b, y_a.sum(), y_b.sum(), alpha, alpha.sum())


def log_ratio(counts_a: np.ndarray, counts_b: np.ndarray) -> np.ndarray:
    """Compute Hardie's Log Ratio: log2 of the ratio of the two relative frequencies.

    A relative frequency is a word's count over its side's total token count (the sum of
    that side's counts). A zero count is replaced by 0.5 before dividing (and only zeros;
    the totals stay as counted), so the value stays finite. +1 means twice as frequent in
    a, -1 half as frequent.

    Parameters
    ----------
    counts_a, counts_b : 1-D arrays of token counts over the same vocabulary.

    Returns
    -------
    ndarray
        One float per word.

    Examples
    --------
    >>> log_ratio(np.array([10, 0, 5]), np.array([2, 8, 5])).tolist()
    [2.321928094887362, -4.0, 0.0]

    References
    ----------
    Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus
        Approaches to Social Science (CASS), Lancaster University.
    """
    y_a, y_b = _vectors(counts_a, counts_b)
    n_a, n_b = y_a.sum(), y_b.sum()
    if n_a <= 0 or n_b <= 0:
        raise ValueError("each side needs at least one token")
    return np.log2((np.where(y_a == 0, 0.5, y_a) / n_a) / (np.where(y_b == 0, 0.5, y_b) / n_b))


def informative_prior(background_counts: np.ndarray, alpha0: float) -> np.ndarray:
    """Scale background word counts into Dirichlet pseudo-counts summing to `alpha0`.

    Returns :math:`\\alpha_0 \\pi_w` with :math:`\\pi_w` the word's share of the
    background's tokens: a word's prior weight is proportional to how common it is, so
    frequent words (function words included) are shrunk most in absolute terms.

    Parameters
    ----------
    background_counts : 1-D array of token counts in the background corpus.
    alpha0 : total weight of the prior, in pseudo-tokens.

    Returns
    -------
    ndarray
        The prior vector :math:`\\alpha_w`.

    Examples
    --------
    >>> informative_prior(np.array([3, 1]), 100).tolist()
    [75.0, 25.0]

    References
    ----------
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words. Political
        Analysis 16(4), 372-403.
    """
    (background,) = _vectors(background_counts)
    total = background.sum()
    if total <= 0 or alpha0 <= 0:
        raise ValueError("the background needs tokens and alpha0 must be positive")
    return alpha0 * background / total


def _vectors(*arrays) -> list[np.ndarray]:
    """Return `arrays` as 1-D float arrays of one length, or raise ValueError."""
    out = [np.asarray(a, dtype=float) for a in arrays]
    if any(a.ndim != 1 for a in out) or len({a.shape for a in out}) != 1:
        raise ValueError("expected 1-D arrays of the same length")
    return out


# ------------------------------------------------------------------------------ facade


def tokenize(text: str) -> list[str]:
    """Split `text` into lower-cased words.

    A token is a maximal run of Unicode letters (after NFC normalisation), possibly joined
    to further letters by an apostrophe or a full stop: Polish diacritics survive
    ("Łukaszenka" is one token), "U.S." gives "u.s" and "don't" stays whole, while digits,
    underscores, hyphens and other punctuation split or are dropped ("F-16" gives "f").
    An English possessive ending is removed ("Russia's", "Russia’s" give "russia"), so a
    possessive is the same word, not a stray "s". Nothing else is removed: no stop words,
    because the informative prior already shrinks frequent function words (Monroe et al.
    2008, sect. 3.5), and no stemming, so a table shows the word forms outlets wrote.

    Examples
    --------
    >>> tokenize("Łukaszenka's F-16 talk_show: 2024 ŻUBR, U.S. don't")
    ['łukaszenka', 'f', 'talk', 'show', 'żubr', 'u.s', "don't"]
    """
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    return [_POSSESSIVE.sub("", w) for w in words]


@dataclass(frozen=True)
class _Corpus:
    """A document-term matrix with its vocabulary, labels and per-document token counts."""

    counts: sparse.csr_matrix  # documents x terms, float
    terms: np.ndarray
    labels: np.ndarray
    lengths: np.ndarray  # tokens per document within the vocabulary

    @property
    def background(self) -> np.ndarray:
        return np.asarray(self.counts.sum(axis=0)).ravel()


def _corpus(texts: Iterable[str], labels: Iterable[Hashable], min_df: int | float) -> _Corpus:
    """Tokenise `texts` into a sparse document-term matrix (terms in >= `min_df` docs);
    :class:`NoTerms` if no term is."""
    docs = ["" if _missing(t) else str(t) for t in texts]
    labels = np.asarray(list(labels), dtype=object)
    if len(docs) != len(labels):
        raise ValueError(f"{len(docs)} texts but {len(labels)} labels")
    if any(_missing(label) for label in labels):
        raise ValueError("labels must not be missing")
    if len(set(labels)) < 2:
        raise ValueError("keyness needs documents of at least two labels")
    vectorizer = CountVectorizer(tokenizer=tokenize, lowercase=False, token_pattern=None,
                                 min_df=min_df)
    if isinstance(min_df, int) and len(docs) < min_df:  # (scikit-learn: "max_df ... < min_df")
        raise NoTerms(f"no word is in {min_df}+ of the {len(docs)} articles (min_df)")
    try:
        counts = vectorizer.fit_transform(docs).astype(float).tocsr()
    except ValueError as exc:  # scikit-learn's words for an empty vocabulary
        if "no terms remain" in str(exc) or "empty vocabulary" in str(exc):
            raise NoTerms(f"no word is in {min_df}+ of the {len(docs)} articles "
                          "(min_df)") from exc
        raise
    if counts.shape[1] < 2:  # a word's odds are against the others': none to weigh it by
        raise NoTerms(f"one word only is in {min_df}+ of the {len(docs)} articles (min_df)")
    return _Corpus(counts=counts, terms=vectorizer.get_feature_names_out().astype(str),
                   labels=labels, lengths=np.asarray(counts.sum(axis=1)).ravel())


def _missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _by_z(z: np.ndarray, terms: np.ndarray) -> np.ndarray:
    """Return the indices ordering terms by z descending, then term ascending."""
    return np.lexsort((terms, -z))


def _doc_perm_pvalues(counts: sparse.csr_matrix, lengths: np.ndarray, in_a: np.ndarray,
                      alpha: np.ndarray, alpha0: float, observed: np.ndarray, n_perm: int,
                      seed: int) -> np.ndarray:
    """Permutation p-values of z, shuffling side a's membership across whole documents.

    `counts` holds only the checked terms' columns (documents of both sides, nothing
    else); `alpha` and `observed` are those terms' prior and observed z. Each permutation
    draws side a's documents at random, keeping their number (or, when side a is the
    larger, draws side b's and takes the complement). The counts of all permutations in a
    block come from one sparse product: (permutations x documents) indicator @ (documents
    x terms).
    """
    rng = np.random.default_rng(seed)
    n_docs = len(in_a)
    totals = np.asarray(counts.sum(axis=0)).ravel()
    n_total = lengths.sum()
    size_a = int(in_a.sum())
    drawn_is_a = size_a <= n_docs - size_a
    size = size_a if drawn_is_a else n_docs - size_a
    block = max(1, min(n_perm, _BLOCK_CELLS // max(size, 1)))
    exceed = np.zeros(len(observed), dtype=np.int64)
    done = 0
    while done < n_perm:
        k = min(block, n_perm - done)
        drawn = np.concatenate([rng.choice(n_docs, size, replace=False) for _ in range(k)])
        indicator = sparse.csr_matrix((np.ones(k * size), drawn, np.arange(k + 1) * size),
                                      shape=(k, n_docs))
        y_drawn = (indicator @ counts).toarray()
        n_drawn = (indicator @ lengths)[:, None]
        if drawn_is_a:
            y_a, n_a = y_drawn, n_drawn
        else:
            y_a, n_a = totals - y_drawn, n_total - n_drawn
        _, z = _log_odds(y_a, totals - y_a, n_a, n_total - n_a, alpha, alpha0)
        exceed += (z >= observed - _TIE_TOLERANCE).sum(axis=0)
        done += k
    return (1.0 + exceed) / (1.0 + n_perm)


def _compare(corpus: _Corpus, in_a: np.ndarray, in_b: np.ndarray, label: Hashable,
             versus: Hashable, alpha: np.ndarray, alpha0: float, *, top: int,
             z_crit: float, perm_top: int, n_perm: int, seed: int) -> pd.DataFrame:
    """Build one comparison's rows (side a = `in_a` documents, side b = `in_b`)."""
    side_a, side_b = corpus.counts[in_a], corpus.counts[in_b]
    y_a = np.asarray(side_a.sum(axis=0)).ravel()
    y_b = np.asarray(side_b.sum(axis=0)).ravel()
    delta, z = log_odds_dirichlet(y_a, y_b, alpha)
    order = _by_z(z, corpus.terms)
    p_perm = np.full(len(z), np.nan)
    checked = order[:perm_top]
    if n_perm > 0 and len(checked):
        both = in_a | in_b
        p_perm[checked] = _doc_perm_pvalues(
            corpus.counts[both][:, checked], corpus.lengths[both], in_a[both],
            alpha[checked], alpha0, z[checked], n_perm, seed)
    # a side whose documents hold no token of the vocabulary has no relative frequencies
    ratio = log_ratio(y_a, y_b) if y_a.sum() and y_b.sum() else np.full(len(z), np.nan)
    keep = np.zeros(len(z), dtype=bool)
    keep[order[:top]] = True
    keep |= np.abs(z) >= z_crit
    rows = order[keep[order]]
    return pd.DataFrame({
        "label": label, "versus": versus, "term": corpus.terms[rows],
        "count_label": y_a[rows].astype(np.int64), "count_rest": y_b[rows].astype(np.int64),
        "docs_label": np.asarray((side_a[:, rows] > 0).sum(axis=0)).ravel(),
        "docs_rest": np.asarray((side_b[:, rows] > 0).sum(axis=0)).ravel(),
        "delta": delta[rows], "z": z[rows], "log_ratio": ratio[rows],
        "alpha0": float(alpha0), "p_doc_perm": p_perm[rows],
    })


def keyness_table(texts: Sequence[str], labels: Sequence[Hashable], *,
                  alpha0: float = DEFAULT_ALPHA0, min_df: int | float = 5, top: int = 20,
                  z_crit: float = Z_CRIT, perm_top: int = 20, n_perm: int = 1000,
                  seed: int = 0) -> pd.DataFrame:
    """Find the key terms of every label against all other documents given (one-vs-rest).

    Texts are tokenised with :func:`tokenize` into a sparse document-term matrix keeping
    the terms found in at least `min_df` documents. The prior is the pooled corpus (every
    document given) scaled to `alpha0` pseudo-tokens (:func:`informative_prior`), and each
    label's documents are compared with the rest by :func:`log_odds_dirichlet`, with
    :func:`log_ratio` as an effect size. Token totals are those within the vocabulary.
    Call it once per language (the rest is everything else given), and mind other
    differences between the sides: a side made mostly of headlines under-uses function
    words against one made of ledes.

    The z-score counts tokens as independent, so one prolific article repeating a word can
    make it look key for its whole group (Lijffijt et al. 2016). The `perm_top`
    highest-z terms of each label are therefore re-tested at the document level: the
    label's documents are reassigned at random among all documents (`n_perm` times, the
    label's document count kept), z is recomputed, and
    ``p_doc_perm = (1 + #{permuted z >= observed z}) / (1 + n_perm)`` (one-sided: is the
    term over-used by the label's documents, not just by some tokens?; a permuted z within
    1e-9 of the observed one counts as a tie). Other terms get NaN. Permutations are
    seeded with ``numpy.random.default_rng(seed)``, afresh for each label, so a label's
    p-values do not depend on which other labels are present.

    The permutation asks whether a random set of as many documents would show the term
    this strongly. It discounts a term carried by one document when that document would
    be as likely to land in a random set (a large label). For a label of a handful of
    documents it does not: a random handful rarely contains a document that repeats a
    word rare elsewhere, so a one-article term still gets a small p. Read ``docs_label``
    next to it.

    Parameters
    ----------
    texts, labels : one text and one label (e.g. outlet group) per document.
    alpha0 : weight of the prior in pseudo-tokens; see :func:`alpha0_sensitivity`.
    min_df : keep terms found in at least this many documents (a float: that share).
    top : rows kept per label: every term with ``|z| >= z_crit`` (over- and under-used)
        and, in any case, the `top` highest-z terms, so a label without significant terms
        still shows its best candidates.
    z_crit : z cut for keeping a term (1.96: two-sided 5 %, uncorrected, descriptive).
    perm_top : how many of each label's highest-z terms get a document-level p-value.
    n_perm : permutations per label (0 skips the check; the smallest p is 1/(1+n_perm)).
    seed : seed of the permutations.

    Returns
    -------
    DataFrame
        One row per (label, kept term): ``label``, ``versus`` (``"rest"``), ``term``,
        ``count_label``, ``count_rest`` (tokens), ``docs_label``, ``docs_rest`` (documents
        containing it), ``delta``, ``z``, ``log_ratio``, ``alpha0``, ``p_doc_perm``.
        Sorted by label, then z descending, then term.

    Examples
    --------
    >>> texts = ["war war peace", "war tanks", "peace talks", "peace talks war"]
    >>> t = keyness_table(texts, ["x", "x", "y", "y"], alpha0=10, min_df=1, top=1,
    ...                   n_perm=0)
    >>> print(t[["label", "term", "count_label", "count_rest"]].to_string(index=False))
    label  term  count_label  count_rest
        x   war            3           1
        y talks            2           0

    References
    ----------
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words. Political
        Analysis 16(4), 372-403.
    Lijffijt, J. et al. (2016). Significance testing of word frequencies in corpora.
        Digital Scholarship in the Humanities 31(2), 374-397.
    """
    corpus = _corpus(texts, labels, min_df)
    alpha = informative_prior(corpus.background, alpha0)
    frames = []
    for label in _sorted_labels(corpus.labels):
        in_a = corpus.labels == label
        frames.append(_compare(corpus, in_a, ~in_a, label, "rest", alpha, alpha0, top=top,
                               z_crit=z_crit, perm_top=perm_top, n_perm=n_perm, seed=seed))
    return pd.concat(frames, ignore_index=True)


def keyness_pair(texts: Sequence[str], labels: Sequence[Hashable], a: Hashable, b: Hashable,
                 *, alpha0: float = DEFAULT_ALPHA0, min_df: int | float = 5, top: int = 20,
                 z_crit: float = Z_CRIT, perm_top: int = 20, n_perm: int = 1000,
                 seed: int = 0) -> pd.DataFrame:
    """Find the key terms of label `a` against label `b` only.

    As :func:`keyness_table`, but side b is the documents labelled `b` (documents of other
    labels are not compared). The vocabulary (`min_df`) and the prior still come from all
    documents given: pass only a's and b's documents for a prior from the pair alone. The
    document-level permutations shuffle the labels among a's and b's documents. Positive z
    means over-used by `a`, negative by `b`.

    Returns
    -------
    DataFrame
        The columns of :func:`keyness_table`, with ``label`` = `a` and ``versus`` = `b`.

    Examples
    --------
    >>> texts = ["war war peace", "war tanks", "peace talks", "peace talks war", "sun"]
    >>> t = keyness_pair(texts, list("xxyyz"), "y", "x", alpha0=10, min_df=1, top=1,
    ...                  n_perm=0)
    >>> print(t[["label", "versus", "term", "count_label", "count_rest"]].to_string(index=False))
    label versus  term  count_label  count_rest
        y      x talks            2           0

    References
    ----------
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words. Political
        Analysis 16(4), 372-403.
    """
    if a == b:
        raise ValueError("a and b must be different labels")
    corpus = _corpus(texts, labels, min_df)
    in_a, in_b = corpus.labels == a, corpus.labels == b
    for name, side in ((a, in_a), (b, in_b)):
        if not side.any():
            raise ValueError(f"no document is labelled {name!r}")
    alpha = informative_prior(corpus.background, alpha0)
    return _compare(corpus, in_a, in_b, a, b, alpha, alpha0, top=top, z_crit=z_crit,
                    perm_top=perm_top, n_perm=n_perm, seed=seed)


def alpha0_sensitivity(texts: Sequence[str], labels: Sequence[Hashable],
                       alphas: Sequence[float] = (10, 100, 1000, 10000), top: int = 20, *,
                       default_alpha0: float = DEFAULT_ALPHA0, min_df: int | float = 5
                       ) -> pd.DataFrame:
    """Show how each label's top terms (one-vs-rest) change with the prior's weight α0.

    α0 is how many pseudo-tokens the pooled-corpus prior adds to each side. Small α0
    barely shrinks: z then favours words that are frequent anyway, while a word absent
    from the rest gets a tiny α_w there, a huge variance and a small z. Large α0 pulls
    every side towards the pooled distribution, and only differences backed by many
    tokens survive. The default, 1000 pseudo-tokens, is small next to the token count of
    the large groups (so their estimates are mostly their own data) but comparable to that
    of groups with a few dozen short articles, which are shrunk hard rather than let one
    article define them (per language, the suite's outlet groups hold from a few hundred
    to some 200,000 tokens of the vocabulary). This table is the check that the reading
    does not hinge on it.

    Parameters
    ----------
    texts, labels : as for :func:`keyness_table`.
    alphas : the α0 values to try.
    top : size of each label's top set (highest z).
    default_alpha0 : the reference α0 for the overlap (computed even if not in `alphas`).
    min_df : as for :func:`keyness_table`.

    Returns
    -------
    DataFrame
        One row per (alpha0, label, rank 1..top): ``term``, ``z``, ``delta``,
        ``in_default_top`` (the term is in the label's top set at `default_alpha0`) and
        ``jaccard_default``, the Jaccard overlap |S ∩ D| / |S ∪ D| of the label's top set
        S at this α0 with its top set D at `default_alpha0` (repeated on the label's rows).

    Examples
    --------
    >>> texts = ["war war peace", "war tanks", "peace talks", "peace talks war"]
    >>> t = alpha0_sensitivity(texts, ["x", "x", "y", "y"], alphas=(1, 10), top=1,
    ...                        default_alpha0=10, min_df=1)
    >>> print(t[["alpha0", "label", "term", "jaccard_default"]].to_string(index=False))
     alpha0 label  term  jaccard_default
        1.0     x   war              1.0
        1.0     y talks              1.0
       10.0     x   war              1.0
       10.0     y talks              1.0

    References
    ----------
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words. Political
        Analysis 16(4), 372-403.
    """
    corpus = _corpus(texts, labels, min_df)
    background = corpus.background
    sides = {}
    for label in _sorted_labels(corpus.labels):
        in_a = corpus.labels == label
        sides[label] = (np.asarray(corpus.counts[in_a].sum(axis=0)).ravel(),
                        np.asarray(corpus.counts[~in_a].sum(axis=0)).ravel())

    def tops(alpha0: float) -> dict[Hashable, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        prior = informative_prior(background, alpha0)
        out = {}
        for label, (y_a, y_b) in sides.items():
            delta, z = log_odds_dirichlet(y_a, y_b, prior)
            best = _by_z(z, corpus.terms)[:top]
            out[label] = (corpus.terms[best], z[best], delta[best])
        return out

    reference = {label: set(terms) for label, (terms, _, _) in tops(default_alpha0).items()}
    frames = []
    for alpha0 in alphas:
        for label, (terms, z, delta) in tops(alpha0).items():
            chosen = set(terms)
            union = chosen | reference[label]
            frames.append(pd.DataFrame({
                "alpha0": float(alpha0), "label": label, "rank": np.arange(1, len(terms) + 1),
                "term": terms, "z": z, "delta": delta,
                "in_default_top": [t in reference[label] for t in terms],
                "jaccard_default": len(chosen & reference[label]) / len(union) if union else 1.0,
            }))
    return pd.concat(frames, ignore_index=True)


def _sorted_labels(labels: np.ndarray) -> list[Hashable]:
    """Return the distinct labels, sorted (by their text if they do not compare)."""
    distinct = list(dict.fromkeys(labels.tolist()))
    try:
        return sorted(distinct)
    except TypeError:
        return sorted(distinct, key=str)
