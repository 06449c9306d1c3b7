"""Statistics for comparisons: bootstrap intervals, effect sizes, permutation tests, FDR.

Pure functions on numpy arrays; the comparison tables (:mod:`.estimates`,
:mod:`.contrasts`) batch them. The article is the unit throughout, except in the paired
helpers (:func:`event_bootstrap`, :func:`sign_flip_p`, :func:`paired_d_z`), whose unit is
the event: they take one difference per event (rows) and feature (columns).

References
----------
Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
Field, C. A. & Welsh, A. H. (2007). Bootstrapping clustered data. Journal of the Royal
    Statistical Society B 69(3).
Hedges, L. V. (1981). Distribution theory for Glass's estimator of effect size and related
    estimators. Journal of Educational Statistics 6(2).
Cliff, N. (1993). Dominance statistics: ordinal analyses to answer ordinal questions.
    Psychological Bulletin 114(3).
Cohen, J. (1988). Statistical Power Analysis for the Behavioral Sciences (2nd ed.).
    Lawrence Erlbaum.
Lakens, D. (2013). Calculating and reporting effect sizes to facilitate cumulative science:
    a practical primer for t-tests and ANOVAs. Frontiers in Psychology 4:863.
Good, P. (2005). Permutation, Parametric and Bootstrap Tests of Hypotheses. Springer.
Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate. Journal of the
    Royal Statistical Society B 57(1).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "benjamini_hochberg", "bootstrap_weights", "cliffs_delta", "event_bootstrap", "hedges_g",
    "paired_d_z", "permute_within", "resample_counts", "sign_flip_p", "weighted_means",
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


def _as_columns(d: np.ndarray) -> np.ndarray:
    """Per-event differences as a float (k, f) array (a 1-D array is one column)."""
    d = np.asarray(d, dtype=float)
    return d[:, None] if d.ndim == 1 else d


def _column_patterns(present: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Group the columns of a (k, f) presence mask by their pattern of present rows.

    Returns (rows, columns) index pairs, in the order each pattern first appears, so a
    caller drawing random numbers per pattern draws them in a fixed order.
    """
    groups: dict[bytes, list[int]] = {}
    for j in range(present.shape[1]):
        groups.setdefault(present[:, j].tobytes(), []).append(j)
    return [(np.flatnonzero(present[:, cols[0]]), np.array(cols)) for cols in groups.values()]


def event_bootstrap(d: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap the mean of per-event differences by resampling events.

    Each column (feature) resamples, with replacement, as many of its own events as it
    has (rows with a value; NaN rows are events the feature is missing from) and takes
    their mean. The event is the unit: articles inside an event are never resampled, so
    with one article per side per event the interval still reflects how much the events
    differ (Efron & Tibshirani 1993, ch. 13 for the percentile interval).

    Parameters
    ----------
    d : (k, f) differences, one row per event, NaN where an event has no difference.
    n_boot : number of replicates.
    rng : the random generator (seeded by the caller); one draw per pattern of missing
        events, in the order the patterns first appear among the columns.

    Returns
    -------
    (n_boot, f) replicate means; a column with no event is all NaN.

    Examples
    --------
    >>> reps = event_bootstrap(np.array([[1.0], [3.0]]), 500, np.random.default_rng(0))
    >>> sorted(set(reps[:, 0].tolist()))  # means of two events drawn from {1, 3}
    [1.0, 2.0, 3.0]
    """
    d = _as_columns(d)
    out = np.full((n_boot, d.shape[1]), np.nan)
    for rows, cols in _column_patterns(~np.isnan(d)):
        if len(rows) == 0:
            continue
        counts = resample_counts(np.full(n_boot, len(rows)), len(rows), rng)
        out[:, cols] = weighted_means(counts, d[np.ix_(rows, cols)])
    return out


def _sign_patterns(k: int) -> np.ndarray:
    """All 2^k patterns of k signs (±1), one row each; the first row is all +1."""
    bits = (np.arange(2 ** k)[:, None] >> np.arange(k)[None, :]) & 1
    return 1.0 - 2.0 * bits


def sign_flip_p(d: np.ndarray, n_perm: int, rng: np.random.Generator
                ) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided sign-flip permutation p-value of the mean of per-event differences.

    Under the null of no difference within an event, each event's difference is as
    likely to be d_e as −d_e (the two sides' labels are exchangeable within the event),
    so the null distribution of the mean is that of the means with every sign flipped
    independently (Good 2005, ch. 3, the one-sample / matched-pairs permutation test).
    Per column with k events (NaN rows left out):

    - **exact** when 2^k ≤ `n_perm`: all 2^k sign patterns are enumerated and
      p = #{|mean flipped| ≥ |observed|} / 2^k, which counts the observed pattern itself
      (so p ≥ 2 / 2^k when the differences are not all zero);
    - **sampled** otherwise: `n_perm` random sign patterns and
      p = (1 + #{|mean flipped| ≥ |observed|}) / (1 + n_perm).

    "≥" allows 1e-12 of rounding: |mean flipped| ≥ |observed| − 1e-12.

    Parameters
    ----------
    d : (k, f) differences, one row per event, NaN where an event has no difference.
    n_perm : sampled sign patterns; also the bar for exact enumeration (2^k ≤ n_perm).
    rng : the random generator; drawn from only for sampled columns, once per pattern of
        missing events.

    Returns
    -------
    p : (f,) p-values, NaN for a column without events.
    exact : (f,) whether the column's p was enumerated exactly.

    Examples
    --------
    >>> p, exact = sign_flip_p(np.array([[2.0], [1.0], [4.0], [0.0]]), 999,
    ...                        np.random.default_rng(0))
    >>> float(p[0]), bool(exact[0])  # |sum| = 7 in 4 of the 16 patterns
    (0.25, True)
    """
    d = _as_columns(d)
    f = d.shape[1]
    p, exact = np.full(f, np.nan), np.zeros(f, dtype=bool)
    for rows, cols in _column_patterns(~np.isnan(d)):
        k = len(rows)
        if k == 0:
            continue
        x = d[np.ix_(rows, cols)]
        observed = np.abs(x.mean(axis=0))
        if 2 ** k <= n_perm:
            flipped = np.abs(_sign_patterns(k) @ x / k)
            p[cols] = (flipped >= observed - 1e-12).sum(axis=0) / 2 ** k
            exact[cols] = True
        else:
            signs = 1.0 - 2.0 * rng.integers(0, 2, size=(n_perm, k))
            flipped = np.abs(signs @ x / k)
            p[cols] = (1 + (flipped >= observed - 1e-12).sum(axis=0)) / (1 + n_perm)
    return p, exact


def paired_d_z(d: np.ndarray) -> np.ndarray:
    """Return the paired standardised mean difference d_z of each column.

    d_z = mean(d) / sd(d) with the sample standard deviation (ddof = 1) of the per-event
    differences (Cohen 1988; Lakens 2013, eq. 6): the mean difference in units of how
    much the difference varies between events. NaN values (events a feature is missing
    from) are left out; NaN where fewer than two events remain or the sd is 0. It is
    not comparable with an independent-groups d or g, which divide by the spread of
    articles, not of event differences. Differences that are all equal have no spread
    (NaN), whatever rounding leaves in their computed sd.

    Examples
    --------
    >>> paired_d_z(np.array([[2.0, 1.0], [2.0, 1.0], [3.0, 1.0], [1.0, np.nan]]))
    array([2.44948974,        nan])
    """
    d = _as_columns(d)
    k = (~np.isnan(d)).sum(axis=0)
    out = np.full(d.shape[1], np.nan)
    ok = k >= 2
    if ok.any():
        x = d[:, ok]
        mean, sd = np.nanmean(x, axis=0), np.nanstd(x, axis=0, ddof=1)
        # equal differences have no spread; their computed sd can be rounding dust
        spread = np.nanmax(x, axis=0) > np.nanmin(x, axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[ok] = np.where(spread & (sd > 0), mean / sd, np.nan)
    return out
