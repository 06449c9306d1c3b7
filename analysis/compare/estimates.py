"""Per-outlet and per-group estimates of every feature, with bootstrap intervals.

The article is the unit: each outlet's (or group's) estimate is the mean over its
articles of a feature (a share, for 0/1 features such as frame presence), with a 95%
percentile bootstrap interval (Efron & Tibshirani 1993). Where a unit's articles come
from more than one event, events are resampled first and articles within them second
(a two-stage cluster bootstrap, Field & Welsh 2007), because articles on one event are
not independent; articles without an event count as clusters of one.

References
----------
Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data. Journal of the Royal
    Statistical Society B 69(3).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .levels import level_counts, with_text_level
from .stats import bootstrap_weights, weighted_means

__all__ = ["feature_columns", "feature_estimates", "feature_frame"]

#: columns of the corpus the comparison layer carries next to the features
CONTEXT = ["doc_id", "outlet", "outlet_group", "event_id", "language", "text_level", "date"]
TOKENS = "lex__n_words"


def feature_columns(features: pd.DataFrame) -> list[str]:
    """Return the feature columns (``family__name``) of a features table, in order."""
    return [c for c in features.columns if "__" in c]


def feature_frame(corpus: pd.DataFrame, features: pd.DataFrame) -> pd.DataFrame:
    """Join the corpus context columns to the features, one row per article.

    Raises
    ------
    ValueError
        If an article of the corpus has no feature row (run ``make features``).
    """
    merged = corpus[[c for c in CONTEXT if c in corpus.columns]].merge(
        features[["doc_id", *feature_columns(features)]], on="doc_id", how="left",
        validate="one_to_one", indicator=True)
    missing = merged["_merge"] != "both"
    if missing.any():
        raise ValueError(f"{int(missing.sum())} articles have no feature row "
                         f"(first: {merged.loc[missing, 'doc_id'].iloc[0]}); run make features")
    return merged.drop(columns="_merge")


def _cluster_ids(frame: pd.DataFrame) -> np.ndarray:
    """Return the bootstrap cluster of each article: its event, or itself if it has none."""
    events = frame["event_id"].astype(object)
    return np.where(events.notna(), "event:" + events.fillna("").astype(str),
                    "doc:" + frame["doc_id"].astype(str)).astype(str)


def feature_estimates(frame: pd.DataFrame, by: str = "outlet_group",
                      columns: list[str] | None = None, n_boot: int = 1000,
                      seed: int = 0) -> pd.DataFrame:
    """Estimate the mean of each feature per unit (outlet or group) and text level, with a
    bootstrap CI.

    Like with like (:mod:`.levels`): a unit's ledes and its headlines are estimated apart,
    so two units are compared on the same level (a mean over a unit's mix of levels would
    partly measure the mix).

    Parameters
    ----------
    frame : :func:`feature_frame` output.
    by : ``outlet`` or ``outlet_group``.
    columns : features to estimate (default: every feature column).
    n_boot : bootstrap replicates.
    seed : seed of the random generator (each unit gets its own stream from it).

    Returns
    -------
    DataFrame with one row per unit × text level × feature: ``level, unit, text_level,
    feature, family,
    n_articles`` (articles where the feature applies), ``n_tokens`` (their words),
    ``n_events, mean, ci_low, ci_high, ci_method, n_boot``.

    Examples
    --------
    >>> f = pd.DataFrame({"doc_id": list("abcd"), "outlet_group": ["x", "x", "y", "y"],
    ...                   "event_id": [None] * 4, "lex__n_words": [10, 20, 30, 40],
    ...                   "frame__conflict": [1.0, 0.0, 1.0, np.nan]})
    >>> feature_estimates(f, columns=["frame__conflict"], n_boot=50)[
    ...     ["unit", "n_articles", "n_tokens", "mean"]]
      unit  n_articles  n_tokens  mean
    0    x           2        30   0.5
    1    y           1        30   1.0
    """
    columns = columns or feature_columns(frame)
    frame = with_text_level(frame)
    rows = []
    cells = [(unit, level) for unit in sorted(frame[by].dropna().unique())
             for level in level_counts(frame, by, unit)]
    streams = np.random.SeedSequence(seed).spawn(len(cells))
    for (unit, level), stream in zip(cells, streams, strict=True):
        part = frame[(frame[by] == unit) & (frame["text_level"] == level)]
        values = part[columns].to_numpy(dtype=float)
        present = ~np.isnan(values)
        tokens = part[TOKENS].to_numpy(dtype=float) if TOKENS in part else np.zeros(len(part))
        event = part["event_id"].astype(object)
        has_event = event.notna().to_numpy()
        event_codes = pd.factorize(event)[0]
        n_events = len(np.unique(event_codes[has_event]))
        weights = bootstrap_weights(_cluster_ids(part), n_boot, np.random.default_rng(stream))
        replicates = weighted_means(weights, values)
        means = weighted_means(np.ones((1, len(part))), values)[0]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # features that never apply here
            low, high = np.nanpercentile(replicates, [2.5, 97.5], axis=0)
        method = ("cluster bootstrap (events, then articles)" if n_events > 1
                  else "article bootstrap")
        for j, column in enumerate(columns):
            applies = present[:, j]
            n = int(applies.sum())
            rows.append({
                "level": by, "unit": unit, "text_level": level, "feature": column,
                "family": column.split("__")[0],
                "n_articles": n, "n_tokens": int(np.nansum(tokens[applies])),
                "n_events": len(np.unique(event_codes[applies & has_event])),
                "mean": float(means[j]) if n else np.nan,
                "ci_low": float(low[j]) if n else np.nan,
                "ci_high": float(high[j]) if n else np.nan,
                "ci_method": method, "n_boot": n_boot,
            })
    return pd.DataFrame(rows)
