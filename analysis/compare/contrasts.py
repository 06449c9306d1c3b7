"""Contrasts between two outlets or two outlet groups, pooled and within events.

For each feature and each pair (a, b):

- **pooled**: the difference of the two means over all their articles;
- **within event**: the mean over events of the within-event difference, using only the
  events both sides covered (at least ``min_per_event`` articles each), every event
  weighted equally, so that a difference in *which* stories an outlet covered does not
  pass for a difference in *how* it told them.

Each difference comes with a 95% percentile bootstrap interval, an effect size —
Hedges' g for continuous features, Cliff's δ for counts and 0/1 features (averaged over
events when within event) — and a two-sided permutation p-value:

- within event, articles are resampled within each event × side, and the a/b labels are
  shuffled within each event, so the null keeps every event's mix of a and b;
- pooled, articles are resampled and labels shuffled across all the pair's articles: the
  pooled question is whether the two differ at all, whatever they covered, and it treats
  articles as exchangeable. A pooled difference can therefore be one of topic; the
  within-event row is the one that answers "how did they tell the same story". (Shuffling
  within events would centre the pooled null on the difference the events make, not on
  zero; the per-unit estimates of :mod:`.estimates` carry the cluster bootstrap.)

The q-value is the Benjamini–Hochberg adjustment across each family of tests: one
feature family (``lex``, ``sent`` ...) at one level and scope. No p-value is reported
without its difference, interval and n.

A caution the table carries in ``languages``: features computed with per-language
lexicons (frames, terms, sourcing) compare lexicons as well as outlets when the two
sides write in different languages.

References
----------
Good, P. (2005). Permutation, Parametric and Bootstrap Tests of Hypotheses. Springer.
Hedges, L. V. (1981). Journal of Educational Statistics 6(2).
Cliff, N. (1993). Psychological Bulletin 114(3).
Benjamini, Y. & Hochberg, Y. (1995). Journal of the Royal Statistical Society B 57(1).
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd

from .estimates import feature_columns
from .stats import (
    benjamini_hochberg,
    cliffs_delta,
    hedges_g,
    permute_within,
    resample_counts,
    weighted_means,
)

__all__ = ["contrast_pairs", "contrast_table", "discrete_features"]

NO_EVENT = "(no event)"


def discrete_features(frame: pd.DataFrame, columns: list[str]) -> set[str]:
    """Return the features whose values are all whole numbers (counts, 0/1 presence):
    Cliff's δ suits them; Hedges' g suits the rest."""
    out = set()
    for column in columns:
        values = frame[column].to_numpy(dtype=float)
        values = values[~np.isnan(values)]
        if len(values) and np.all(values == np.round(values)):
            out.add(column)
    return out


def contrast_pairs(frame: pd.DataFrame, by: str, min_articles: int = 200,
                   exclude: tuple[str, ...] = ("other",)) -> list[tuple[str, str]]:
    """Pairs of units with at least `min_articles` articles each that share a main language.

    Units are compared only with units whose most common language is the same, except
    outlet groups, where every pair is kept (and flagged through ``languages``).
    """
    sizes = frame[by].value_counts()
    units = sorted(u for u, n in sizes.items() if n >= min_articles and u not in exclude)
    if by == "outlet_group":
        return list(itertools.combinations(units, 2))
    main = frame.groupby(by)["language"].agg(lambda s: s.mode().iloc[0])
    return [(a, b) for a, b in itertools.combinations(units, 2) if main[a] == main[b]]


def _percentile(replicates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        low, high = np.nanpercentile(replicates, [2.5, 97.5], axis=0)
    return low, high


def _side_means(member: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Means of side a (member true) and side b for each row of `member` (r, n)."""
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    # columns share few distinct NaN patterns: count present values per pattern only
    keys = [column.tobytes() for column in np.packbits(present, axis=0).T]
    which, first = pd.factorize(pd.Series(keys))[0], {}
    for j, code in enumerate(which):
        first.setdefault(code, j)
    patterns = present[:, [first[c] for c in range(len(first))]].astype(float)
    m = member.astype(float)
    sum_a = m @ filled
    n_a = (m @ patterns)[:, which]
    total, n_total = filled.sum(axis=0), present.sum(axis=0)
    n_b = n_total - n_a
    with np.errstate(invalid="ignore", divide="ignore"):
        # a side with no value has no mean (the subtraction would leave rounding dust)
        return (np.where(n_a > 0, sum_a / n_a, np.nan),
                np.where(n_b > 0, (total - sum_a) / n_b, np.nan))


def _effects(a: np.ndarray, b: np.ndarray, discrete: list[bool]) -> np.ndarray:
    return np.array([cliffs_delta(a[:, j], b[:, j]) if d else hedges_g(a[:, j], b[:, j])
                     for j, d in enumerate(discrete)])


def _pooled(values, is_a, discrete, n_boot, n_perm, rng):
    observed_a, observed_b = _side_means(is_a[None, :], values)
    diff = (observed_a - observed_b)[0]
    reps = []
    for side in (is_a, ~is_a):
        weights = resample_counts(np.full(n_boot, side.sum()), int(side.sum()), rng)
        reps.append(weighted_means(weights, values[side]))
    low, high = _percentile(reps[0] - reps[1])
    perm_a, perm_b = _side_means(permute_within(is_a, np.zeros(len(is_a)), n_perm, rng),
                                 values)
    extreme = np.abs(perm_a - perm_b) >= np.abs(diff) - 1e-12
    p = (1 + extreme.sum(axis=0)) / (1 + n_perm)
    effect = _effects(values[is_a], values[~is_a], discrete)
    return diff, low, high, effect, p, observed_a[0], observed_b[0]


def _within(values, is_a, events, discrete, n_boot, n_perm, rng):
    diffs, boot, perm, effects, means_a, means_b = [], [], [], [], [], []
    for event in np.unique(events):
        idx = np.flatnonzero(events == event)
        x, side = values[idx], is_a[idx]
        a, b = _side_means(side[None, :], x)
        diffs.append((a - b)[0])
        means_a.append(a[0])
        means_b.append(b[0])
        reps = [weighted_means(resample_counts(np.full(n_boot, s.sum()), int(s.sum()), rng),
                               x[s]) for s in (side, ~side)]
        boot.append(reps[0] - reps[1])
        pa, pb = _side_means(permute_within(side, np.zeros(len(side)), n_perm, rng), x)
        perm.append(pa - pb)
        effects.append(_effects(x[side], x[~side], discrete))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a feature absent from an event
        diff = np.nanmean(diffs, axis=0)
        low, high = _percentile(np.nanmean(boot, axis=0))
        null = np.nanmean(perm, axis=0)
        effect = np.nanmean(effects, axis=0)
        mean_a, mean_b = np.nanmean(means_a, axis=0), np.nanmean(means_b, axis=0)
    p = (1 + (np.abs(null) >= np.abs(diff) - 1e-12).sum(axis=0)) / (1 + n_perm)
    p = np.where(np.isnan(diff), np.nan, p)
    return diff, low, high, effect, p, mean_a, mean_b


def contrast_table(frame: pd.DataFrame, by: str = "outlet_group",
                   pairs: list[tuple[str, str]] | None = None,
                   columns: list[str] | None = None, scopes=("pooled", "within_event"),
                   min_per_event: int = 5, n_boot: int = 1000, n_perm: int = 999,
                   seed: int = 0) -> pd.DataFrame:
    """Compare pairs of outlets or outlet groups on every feature.

    Parameters
    ----------
    frame : :func:`.estimates.feature_frame` output.
    by : ``outlet_group`` or ``outlet``.
    pairs : (a, b) pairs (default :func:`contrast_pairs`).
    columns : features (default: all).
    scopes : ``pooled`` and/or ``within_event``.
    min_per_event : articles each side needs in an event for the event to count.
    n_boot, n_perm : bootstrap replicates and permutations.
    seed : seed; each pair × scope gets its own stream.

    Returns
    -------
    One row per pair × scope × feature: ``level, a, b, scope, feature, family, n_a, n_b,
    n_events, events, languages, mean_a, mean_b, diff, ci_low, ci_high, effect_measure,
    effect, p_perm, permutation, q_bh, n_boot, n_perm``; ``diff`` is a − b; within events,
    ``mean_a`` and ``mean_b`` are event-weighted means.
    """
    columns = columns or feature_columns(frame)
    pairs = contrast_pairs(frame, by) if pairs is None else pairs
    discrete = discrete_features(frame, columns)
    flags = [c in discrete for c in columns]
    jobs = [(pair, scope) for pair in pairs for scope in scopes]
    streams = np.random.SeedSequence(seed).spawn(len(jobs))
    tables = []
    for ((a, b), scope), stream in zip(jobs, streams, strict=True):
        rng = np.random.default_rng(stream)
        part = frame[frame[by].isin([a, b])]
        events = part["event_id"].astype(object).fillna(NO_EVENT).to_numpy(dtype=str)
        is_a = (part[by] == a).to_numpy()
        if scope == "within_event":
            keep = np.zeros(len(part), dtype=bool)
            for event in np.unique(events[events != NO_EVENT]):
                here = events == event
                if min((here & is_a).sum(), (here & ~is_a).sum()) >= min_per_event:
                    keep |= here
            part, events, is_a = part[keep], events[keep], is_a[keep]
            if not is_a.any():
                continue
            result = _within(part[columns].to_numpy(dtype=float), is_a, events, flags,
                             n_boot, n_perm, rng)
        else:
            result = _pooled(part[columns].to_numpy(dtype=float), is_a, flags, n_boot,
                             n_perm, rng)
        diff, low, high, effect, p, mean_a, mean_b = result
        values = part[columns].to_numpy(dtype=float)
        present = ~np.isnan(values)
        used_events = sorted(set(events) - {NO_EVENT})
        languages = "|".join(sorted(part["language"].dropna().unique()))
        tables.append(pd.DataFrame({
            "level": by, "a": a, "b": b, "scope": scope, "feature": columns,
            "family": [c.split("__")[0] for c in columns],
            "n_a": present[is_a].sum(axis=0), "n_b": present[~is_a].sum(axis=0),
            "n_events": len(used_events), "events": " ".join(used_events),
            "languages": languages, "mean_a": mean_a, "mean_b": mean_b, "diff": diff,
            "ci_low": low, "ci_high": high,
            "effect_measure": ["cliffs_delta" if f else "hedges_g" for f in flags],
            "effect": effect, "p_perm": p,
            "permutation": ("labels shuffled within events" if scope == "within_event"
                            else "labels shuffled across articles"),
            "n_boot": n_boot, "n_perm": n_perm,
        }))
    if not tables:
        return pd.DataFrame()
    out = pd.concat(tables, ignore_index=True)
    out.loc[(out["n_a"] == 0) | (out["n_b"] == 0), ["diff", "ci_low", "ci_high", "effect",
                                                     "p_perm"]] = np.nan
    out["q_bh"] = np.nan
    for _, index in out.groupby(["level", "scope", "family"]).groups.items():
        out.loc[index, "q_bh"] = benjamini_hochberg(out.loc[index, "p_perm"].to_numpy())
    columns_order = [c for c in out.columns if c not in ("n_boot", "n_perm")]
    return out[[*columns_order, "n_boot", "n_perm"]]
