"""Statistics for comparisons: bootstrap intervals, effect sizes, permutation tests, FDR.

Pure functions on numpy arrays; the comparison tables (:mod:`.estimates`,
:mod:`.contrasts`) batch them. The article is the unit throughout.

References
----------
Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data. Journal of the Royal
    Statistical Society B 69(3).
Hedges, L. V. (1981). Distribution theory for Glass's estimator of effect size and related
    estimators. Journal of Educational Statistics 6(2).
Cliff, N. (1993). Dominance statistics: ordinal analyses to answer ordinal questions.
    Psychological Bulletin 114(3).
Good, P. (2005). Permutation, Parametric and Bootstrap Tests of Hypotheses. Springer.
Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate. Journal of the
    Royal Statistical Society B 57(1).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "benjamini_hochberg", "bootstrap_weights", "cliffs_delta", "hedges_g", "permute_within",
    "resample_counts", "weighted_means",
]


def hedges_g(x: np.ndarray, y: np.ndarray) -> float:
    """Return Hedges' g of `x` minus `y`: Cohen's d with the small-sample correction.

    g = (mean_x − mean_y) / s_pooled · (1 − 3 / (4(n_x + n_y) − 9)); NaN values are
    dropped; NaN if either side has fewer than two values or both have no spread.

    Examples
    --------
    >>> round(hedges_g(np.array([1.0, 2.0, 3.0]), np.array([2.0, 3.0, 4.0])), 4)
    -0.8
    """
    x, y = x[~np.isnan(x)], y[~np.isnan(y)]
    nx, ny = len(x), len(y)
    if nx < 2 or ny < 2:
        return float("nan")
    pooled = ((nx - 1) * x.var(ddof=1) + (ny - 1) * y.var(ddof=1)) / (nx + ny - 2)
    if pooled == 0:
        return float("nan")
    return float((x.mean() - y.mean()) / np.sqrt(pooled) * (1 - 3 / (4 * (nx + ny) - 9)))


def cliffs_delta(x: np.ndarray, y: np.ndarray) -> float:
    """Return Cliff's δ = P(X > Y) − P(X < Y) over all pairs; NaN values are dropped.

    Computed from ranks (O(n log n)), not from all pairs.

    Examples
    --------
    >>> cliffs_delta(np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0]))
    0.6666666666666666
    """
    x, y = np.sort(x[~np.isnan(x)]), np.sort(y[~np.isnan(y)])
    if len(x) == 0 or len(y) == 0:
        return float("nan")
    below = np.searchsorted(y, x, side="left").sum()  # pairs with y < x
    above = (len(y) - np.searchsorted(y, x, side="right")).sum()  # pairs with y > x
    return float((below - above) / (len(x) * len(y)))


def bootstrap_weights(clusters: np.ndarray, n_boot: int, rng: np.random.Generator
                      ) -> np.ndarray:
    """Draw bootstrap replicates as multiplicity weights, one row per replicate.

    Row b, column i says how often article i is drawn in replicate b. With every article
    its own cluster this is the ordinary (article) bootstrap. Otherwise it is the
    two-stage cluster bootstrap: draw as many clusters as there are, with replacement;
    then, within each drawn cluster, draw its articles with replacement (Field & Welsh
    2007), so dependence within an event is kept.

    Parameters
    ----------
    clusters : cluster label per article (e.g. the event).
    n_boot : number of replicates.
    rng : the random generator (seeded by the caller).

    Returns
    -------
    (n_boot, n) integer array.
    """
    _, codes, sizes = np.unique(clusters, return_inverse=True, return_counts=True)
    n, k = len(codes), len(sizes)
    if k == n:  # every article its own cluster
        return resample_counts(np.full(n_boot, n), n, rng)
    picks = rng.multinomial(k, np.full(k, 1 / k), size=n_boot)  # (n_boot, k)
    weights = np.zeros((n_boot, n), dtype=np.int64)
    single = sizes[codes] == 1
    weights[:, single] = picks[:, codes[single]]  # a cluster of one: its article, k times
    order = np.argsort(codes, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    for c in np.flatnonzero(sizes > 1):
        members = order[bounds[c]:bounds[c + 1]]
        weights[:, members] = resample_counts(picks[:, c] * sizes[c], sizes[c], rng)
    return weights


def resample_counts(draws: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
    """Draw ``draws[r]`` items with replacement from `size` items, for each row r.

    Returns
    -------
    (len(draws), size) counts: how often each item was drawn in each row.

    Examples
    --------
    >>> resample_counts(np.array([3, 0]), 2, np.random.default_rng(0)).sum(axis=1)
    array([3, 0])
    """
    rows = np.repeat(np.arange(len(draws)), draws)
    picks = rng.integers(0, size, len(rows))
    return np.bincount(rows * size + picks, minlength=len(draws) * size).reshape(
        len(draws), size)


def weighted_means(weights: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return the weighted mean of each column of `values` for each row of `weights`.

    NaN values are left out of both numerator and denominator (a measure that does not
    apply to an article does not count); a replicate with no value gives NaN.

    Parameters
    ----------
    weights : (r, n) multiplicities (bootstrap) or 0/1 memberships (permutation).
    values : (n, f) article × feature values.

    Examples
    --------
    >>> weighted_means(np.array([[1, 1, 0], [0, 2, 1]]), np.array([[1.0], [np.nan], [4.0]]))
    array([[1.],
           [4.]])
    """
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    w = weights.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (w @ filled) / (w @ present.astype(float))


def permute_within(labels: np.ndarray, strata: np.ndarray, n_perm: int,
                   rng: np.random.Generator) -> np.ndarray:
    """Return `n_perm` permutations of `labels`, each shuffling only within a stratum.

    Shuffling group labels within events keeps each event's mix of groups, so a
    permutation test asks whether the groups differ *given* the events they covered.

    Returns
    -------
    (n_perm, n) array of permuted labels.
    """
    out = np.empty((n_perm, len(labels)), dtype=labels.dtype)
    out[:] = labels
    for stratum in np.unique(strata):
        idx = np.flatnonzero(strata == stratum)
        if len(idx) > 1:
            out[:, idx] = rng.permuted(np.broadcast_to(labels[idx], (n_perm, len(idx))), axis=1)
    return out


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Return Benjamini–Hochberg q-values (FDR-adjusted p) for a family of tests.

    Sort p ascending; q_(k) = min over j ≥ k of p_(j)·m/j, capped at 1. NaN p-values
    (tests that could not be run) stay NaN and do not count in m.

    Examples
    --------
    >>> benjamini_hochberg(np.array([0.01, 0.04, 0.03, np.nan]))
    array([0.03, 0.04, 0.04,  nan])
    """
    p = np.asarray(p, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    m = len(ok)
    if m == 0:
        return q
    order = ok[np.argsort(p[ok], kind="stable")]
    scaled = p[order] * m / np.arange(1, m + 1)
    q[order] = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    return q
