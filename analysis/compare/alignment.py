"""Event alignment for unlabelled corpora: group articles into stories by text and date.

Comparing outlets on *the same event* needs event labels. For a corpus without them,
:func:`align_stories` groups articles into stories: two articles are linked when the cosine
similarity of their TF-IDF vectors (``text``: title and lede) is at least a threshold and
their dates are at most ``window_days`` apart, and a story is a connected component of
that graph. This is the batch, single-linkage form of the TF-IDF-plus-time-window story
clustering used for streaming news (Miranda et al. 2018, who compare each article with
cluster centroids online; here the comparison is article to article, which needs no
arrival order and gives the same stories for any row order).

Single linkage can chain: A–B and B–C link A and C however unlike they are. With a time
window the chain can also creep forward in time. ``largest_story`` in the sweep shows
whether that happened; raising the threshold is the remedy (a size cap would make the
stories depend on the order in which links are added).

Similarities are never formed as a dense n × n matrix: articles are sorted by date and,
chunk by chunk, multiplied (sparse × sparse) only with the articles from the chunk's start
to the end of its time window, so the work grows with the number of article pairs inside
the window, not with n².

:func:`alignment_scores` compares a clustering with reference labels: the adjusted Rand
index (Hubert & Arabie 1985) and purity / inverse purity (Zhao & Karypis 2001; Amigó et al.
2009). :func:`alignment_sweep` scores a small grid of thresholds and windows against the
corpus's ``event_id`` next to two baselines.

References
----------
Amigó, E., Gonzalo, J., Artiles, J. & Verdejo, F. (2009). A comparison of extrinsic
    clustering evaluation metrics based on formal constraints. Information Retrieval 12(4).
Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of Classification 2(1).
Miranda, S., Znotiņš, A., Cohen, S. B. & Barzdins, G. (2018). Multilingual clustering of
    streaming news. Proceedings of EMNLP.
Zhao, Y. & Karypis, G. (2001). Criterion functions for document clustering: experiments
    and analysis. Technical Report 01-40, University of Minnesota.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score
from sklearn.metrics.cluster import contingency_matrix

__all__ = ["align_stories", "alignment_scores", "alignment_sweep"]

_SECONDS_PER_DAY = 86_400.0
#: similarities are float sums; a pair this close below the threshold still links
_TOLERANCE = 1e-9


def _prepare(corpus: pd.DataFrame, language: str | None, min_df: int
             ) -> tuple[pd.DataFrame, sparse.csr_matrix, np.ndarray]:
    """Select and date-sort the articles; return them, their L2-normed TF-IDF rows, days.

    Articles are sorted by (date, doc_id), so every later step is independent of row order.
    Articles without a date or text are kept at the end; they get no similarity links.
    """
    frame = corpus if language is None else corpus[corpus["language"] == language]
    frame = frame.sort_values(["date", "doc_id"], kind="stable", na_position="last")
    frame = frame.reset_index(drop=True)
    if frame["doc_id"].duplicated().any():
        raise ValueError("doc_id is not unique")
    texts = frame["text"].fillna("")
    vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=min_df,
                                 stop_words="english" if language == "en" else None)
    try:
        matrix = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # empty vocabulary: no article shares a term with another
        matrix = sparse.csr_matrix((len(frame), 1))
    dates = frame["date"]
    days = ((dates - dates.min()).dt.total_seconds() / _SECONDS_PER_DAY).to_numpy(
        dtype=float, na_value=np.nan)
    return frame, matrix, days


def _candidate_pairs(matrix: sparse.csr_matrix, days: np.ndarray, threshold: float,
                     window_days: float, chunk_size: int = 1000
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return all pairs i < j (date-sorted positions) with similarity ≥ threshold in window.

    Returns
    -------
    (i, j, similarity, day_gap) as arrays.
    """
    dated = int(np.isfinite(days).sum())  # undated rows are sorted last
    found_i, found_j, found_s = [], [], []
    for start in range(0, dated, chunk_size):
        stop = min(start + chunk_size, dated)
        end = int(np.searchsorted(days[:dated], days[stop - 1] + window_days + _TOLERANCE,
                                  side="right"))
        block = (matrix[start:stop] @ matrix[start:end].T).tocoo()
        rows, cols = block.row + start, block.col + start
        keep = ((cols > rows) & (block.data >= threshold - _TOLERANCE)
                & (days[cols] - days[rows] <= window_days + _TOLERANCE))
        found_i.append(rows[keep])
        found_j.append(cols[keep])
        found_s.append(block.data[keep])
    if not found_i:
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([]), np.array([])
    i, j, s = np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)
    return i, j, s, days[j] - days[i]


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Label connected components by their smallest member position (0..n-1 order)."""
    if n == 0:
        return np.array([], dtype=np.int64)
    graph = sparse.coo_matrix((np.ones(len(i), dtype=np.int8), (i, j)), shape=(n, n)).tocsr()
    _, labels = connected_components(graph, directed=False)
    first = np.full(labels.max() + 1, n, dtype=np.int64)
    np.minimum.at(first, labels, np.arange(n))
    return first[labels]


def _date_window_components(days: np.ndarray, window_days: float) -> np.ndarray:
    """Label the components of 'any two articles within window_days are linked' (sorted days).

    In date order such a component breaks exactly where the gap to the previous article
    exceeds the window. Undated articles are singletons.
    """
    n = len(days)
    if n == 0:
        return np.array([], dtype=np.int64)
    gap = np.diff(days, prepend=-np.inf)
    breaks = ~(gap <= window_days + _TOLERANCE)  # NaN gaps (undated) break too
    starts = np.where(breaks, np.arange(n), 0)
    return np.maximum.accumulate(starts)


def _story_table(frame: pd.DataFrame, first: np.ndarray) -> pd.DataFrame:
    """Return doc_id, date, story_id (the story's earliest doc_id), story_size."""
    story_id = frame["doc_id"].to_numpy()[first]
    sizes = np.bincount(first, minlength=len(frame))[first]
    return pd.DataFrame({"doc_id": frame["doc_id"].to_numpy(), "date": frame["date"].to_numpy(),
                         "story_id": story_id, "story_size": sizes})


def align_stories(corpus: pd.DataFrame, *, threshold: float = 0.4, window_days: float = 3.0,
                  language: str | None = "en", min_df: int = 2) -> pd.DataFrame:
    """Group articles into stories by TF-IDF cosine similarity within a date window.

    Parameters
    ----------
    corpus : articles with ``doc_id`` (unique), ``date``, ``text`` and ``language``.
    threshold : least cosine similarity that links two articles.
    window_days : most days (fractional allowed) between the dates of linked articles.
    language : only articles in this language are aligned (``None``: all, in one
        vocabulary); English drops scikit-learn's English stop words.
    min_df : terms in fewer articles than this are ignored (a term in one article cannot
        link it to another anyway).

    Returns
    -------
    DataFrame
        One row per aligned article, sorted by (date, doc_id): ``doc_id``, ``date``,
        ``story_id`` (the doc_id of the story's earliest article, ties broken by doc_id)
        and ``story_size``. Articles without a date or text are stories of their own.

    Examples
    --------
    >>> corpus = pd.DataFrame({
    ...     "doc_id": ["a", "b", "c", "d"], "language": "en",
    ...     "date": pd.to_datetime(["2022-03-01", "2022-03-02", "2022-03-02", "2022-03-20"]),
    ...     "text": ["Dam burst floods Kherson", "Kherson floods after dam burst",
    ...              "Grain deal signed in Istanbul", "Dam burst floods Kherson"]})
    >>> align_stories(corpus, threshold=0.5, window_days=3)[["doc_id", "story_id"]]
      doc_id story_id
    0      a        a
    1      b        a
    2      c        c
    3      d        d

    References
    ----------
    Miranda, S., Znotiņš, A., Cohen, S. B. & Barzdins, G. (2018). Multilingual clustering
        of streaming news. Proceedings of EMNLP.
    """
    frame, matrix, days = _prepare(corpus, language, min_df)
    i, j, _, _ = _candidate_pairs(matrix, days, threshold, window_days)
    return _story_table(frame, _components(len(frame), i, j))


def _aligned(predicted: Sequence | pd.Series, reference: Sequence | pd.Series
             ) -> tuple[np.ndarray, np.ndarray]:
    """Pair predicted and reference labels (by index if both are Series, else by position)."""
    if isinstance(predicted, pd.Series) and isinstance(reference, pd.Series):
        predicted, reference = predicted.align(reference, join="inner")
    predicted, reference = pd.Series(np.asarray(predicted)), pd.Series(np.asarray(reference))
    if len(predicted) != len(reference):
        raise ValueError(f"{len(predicted)} predicted labels but {len(reference)} reference")
    labelled = (reference.notna() & predicted.notna()).to_numpy()
    return predicted[labelled].to_numpy(), reference[labelled].to_numpy()


def alignment_scores(predicted: Sequence | pd.Series, reference: Sequence | pd.Series
                     ) -> pd.DataFrame:
    """Score a clustering against reference labels, on the articles that have a label.

    Parameters
    ----------
    predicted : cluster (story) labels.
    reference : reference labels (e.g. ``event_id``); missing ones are left out. If both
        are Series they are paired by index, otherwise by position.

    Returns
    -------
    DataFrame
        One row: ``n_articles`` scored, ``n_clusters`` (predicted, among them),
        ``n_reference`` (labels), ``ari`` (adjusted Rand index), ``purity`` (each predicted
        cluster counted with its most frequent reference label, summed over clusters, / n)
        and ``inverse_purity`` (the same with the roles swapped). Purity is 1 for all
        singletons, inverse purity 1 for one all-embracing cluster; ARI is 0 in expectation
        for a random partition and 1 for the reference's own.

    Examples
    --------
    >>> alignment_scores([0, 0, 1, 1, 1], ["a", "a", "a", "b", "b"]).round(4)
       n_articles  n_clusters  n_reference     ari  purity  inverse_purity
    0           5           2            2  0.1667     0.8             0.8

    References
    ----------
    Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of Classification 2(1).
    Zhao, Y. & Karypis, G. (2001). Criterion functions for document clustering: experiments
        and analysis. Technical Report 01-40, University of Minnesota.
    """
    pred, ref = _aligned(predicted, reference)
    n = len(ref)
    if n == 0:
        return pd.DataFrame([{"n_articles": 0, "n_clusters": 0, "n_reference": 0,
                              "ari": np.nan, "purity": np.nan, "inverse_purity": np.nan}])
    table = contingency_matrix(ref, pred, sparse=True).tocsr()  # rows reference, cols predicted
    return pd.DataFrame([{
        "n_articles": n, "n_clusters": table.shape[1], "n_reference": table.shape[0],
        "ari": float(adjusted_rand_score(ref, pred)),
        "purity": float(table.max(axis=0).sum() / n),
        "inverse_purity": float(table.max(axis=1).sum() / n),
    }])


def alignment_sweep(corpus: pd.DataFrame, thresholds: Sequence[float] = (0.3, 0.4, 0.5, 0.6),
                    window_days: Sequence[float] = (1, 3, 7), *, language: str | None = "en",
                    reference: str = "event_id", min_df: int = 2) -> pd.DataFrame:
    """Score :func:`align_stories` over a grid of thresholds and windows, with baselines.

    The TF-IDF matrix and the candidate pairs (at the lowest threshold and widest window)
    are computed once; each grid point filters them. All articles of the language are
    clustered; the scores use those with a `reference` label.

    Parameters
    ----------
    corpus : as for :func:`align_stories`, plus the `reference` column.
    thresholds, window_days : the grid.
    language, min_df : as for :func:`align_stories`.
    reference : the column of reference labels.

    Returns
    -------
    DataFrame
        One row per method and grid point: ``method`` (``tfidf`` for the story clusterer;
        ``date-window``: link any two articles within the window, whatever their text;
        ``one-cluster``: everything in one story), ``threshold`` and ``window_days`` (NaN
        where they do not apply), ``n_stories``, ``largest_story`` and ``share_clustered``
        (share of articles in a story of two or more) over all aligned articles, then the
        :func:`alignment_scores` columns.

    Notes
    -----
    In this corpus the RUWA ``ruwa-*`` labels are the dataset authors' keyword labels,
    spread over months (``ruwa-beginning`` alone holds thousands of articles over more
    than a year). A clusterer that finds day-level stories splits each of them into many
    clusters, so it scores low ARI and inverse purity against them *by construction*,
    while its purity can be high; the one-cluster baseline has inverse purity 1 and ARI 0.
    Read purity (are the stories clean?) and ARI (do they reproduce the labels?) together;
    neither alone says whether the stories are good same-event comparisons. To score
    against the fine-grained labels only, pass a `reference` column that keeps them and
    blanks the coarse ones (all articles are still clustered). The date-window baseline is
    strong wherever labelled events are few and far apart in time, as in the non-RUWA
    English events here.
    """
    frame, matrix, days = _prepare(corpus, language, min_df)
    labels = frame[reference]
    n = len(frame)
    rows = []

    def _row(method: str, threshold: float, window: float, first: np.ndarray) -> None:
        sizes = np.bincount(first, minlength=n) if n else np.array([0])
        rows.append({"method": method, "threshold": threshold, "window_days": window,
                     "n_stories": int((sizes > 0).sum()), "largest_story": int(sizes.max()),
                     "share_clustered": float(sizes[sizes > 1].sum() / n) if n else np.nan,
                     **alignment_scores(first, labels.to_numpy()).iloc[0].to_dict()})

    _row("one-cluster", np.nan, np.nan, np.zeros(n, dtype=np.int64))
    for window in window_days:
        _row("date-window", np.nan, float(window), _date_window_components(days, window))
    i, j, sim, gap = _candidate_pairs(matrix, days, min(thresholds), max(window_days))
    for window in window_days:
        for threshold in thresholds:
            keep = (sim >= threshold - _TOLERANCE) & (gap <= window + _TOLERANCE)
            _row("tfidf", float(threshold), float(window), _components(n, i[keep], j[keep]))
    table = pd.DataFrame(rows)
    int_columns = ["n_stories", "largest_story", "n_articles", "n_clusters", "n_reference"]
    return table.astype(dict.fromkeys(int_columns, "int64"))
