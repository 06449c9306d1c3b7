"""Contrasts between two outlets or two outlet groups: pooled, within events, paired.

For each feature and each pair (a, b):

- **pooled**: the difference of the two means over all their articles;
- **within event**: the mean over events of the within-event difference, using only the
  events both sides covered (at least ``min_per_event`` articles each), every event
  weighted equally, so that a difference in *which* stories an outlet covered does not
  pass for a difference in *how* it told them;
- **paired events** (``paired_events``): the same mean of per-event differences
  d_e = mean_a(e) − mean_b(e), over the events both sides covered (at least
  ``min_per_event_paired`` articles each, default 1), but with the *event* as the unit of
  inference. This is the analysis for a paired design — each outlet covers each event
  once or twice — where the within-event scope has nothing to resample inside an event
  (its interval collapses to a point and Hedges' g is undefined). Use :func:`design_of`
  to see which design a pair has.

**Like with like** (:mod:`.levels`): every scope compares only the text levels both sides
have (``min_per_event`` articles each in pooled and within event; an article a cell when
paired), each level a stratum weighted equally, as events are within event: pooled is the
mean of the per-level differences, within event the mean over event × level strata, paired
the mean over event × level cells. Presence measures (``*_present``) are also stratified by
length quartile within each level (pooled and within event), since a longer text has more
chances to use a cue. A pair with no shared level gets rows with no estimate and the reason
in ``note``. ``text_levels`` and ``adjustment`` say, per row, what was done.

Each difference comes with a 95% percentile bootstrap interval, an effect size —
Hedges' g for continuous features, Cliff's δ for counts and 0/1 features (averaged over
events when within event) — and a two-sided permutation p-value:

- within event, articles are resampled within each stratum (event × level) × side, and the
  a/b labels are shuffled within each stratum, so the null keeps every event's mix of a and b;
- pooled, articles are resampled and labels shuffled within each text level (and length
  band, for presence): the pooled question is whether the two differ at all, whatever they
  covered, and it treats articles of one level as exchangeable. A pooled difference can
  therefore be one of topic; the within-event row is the one that answers "how did they
  tell the same story". (Shuffling within events would centre the pooled null on the
  difference the events make, not on zero; the per-unit estimates of :mod:`.estimates`
  carry the cluster bootstrap.)

Paired events: the interval is a 95% percentile bootstrap that resamples *events* with
replacement (Efron & Tibshirani 1993), never the articles inside an event; the effect size
is the paired standardised mean difference d_z = mean(d_e) / sd(d_e) (sd with ddof 1;
Cohen 1988; Lakens 2013), NaN with fewer than two events or no spread; the test is a
two-sided sign-flip permutation test (Good 2005): under the null a and b are exchangeable
within an event, so each d_e is flipped in sign independently. With k events and
2^k ≤ ``n_perm`` all 2^k sign patterns are enumerated and p = #{|mean flipped| ≥
|observed|} / 2^k (the observed pattern counts itself); otherwise ``n_perm`` patterns are
drawn and p = (1 + #{...}) / (1 + n_perm). ``permutation`` says which. For each feature
an event where a side has no value is left out, so ``n_events`` (events with a
difference) can be smaller than the ``events`` covered. With fewer than ``min_events``
(default 3) such events the row is kept, with ``diff``, interval, effect and p NaN and the
reason in ``note``. d_z is not on the scale of an independent-groups g: it divides by the
spread of event differences, not of articles. Paired rows draw from their own random
streams (from ``(seed, "paired")``), so adding the scope leaves the other rows as they were.

Every row carries the bars it was held to: ``min_articles`` (for a pair to be compared at
all; empty when the pairs were given), ``min_per_event`` (within event),
``min_per_event_paired`` and ``min_events`` (paired events); a bar a scope does not use
is left empty.

The q-value is the Benjamini–Hochberg adjustment across each family of tests: one
feature family (``lex``, ``sent`` ...) at one level and scope. No p-value is reported
without its difference, interval and n.

A caution the table carries in ``languages``: features computed with per-language
lexicons (frames, terms, sourcing) compare lexicons as well as outlets when the two
sides write in different languages.

References
----------
Good, P. (2005). Permutation, Parametric and Bootstrap Tests of Hypotheses. Springer.
Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
Hedges, L. V. (1981). Journal of Educational Statistics 6(2).
Cliff, N. (1993). Psychological Bulletin 114(3).
Cohen, J. (1988). Statistical Power Analysis for the Behavioral Sciences (2nd ed.).
    Lawrence Erlbaum.
Lakens, D. (2013). Calculating and reporting effect sizes to facilitate cumulative science:
    a practical primer for t-tests and ANOVAs. Frontiers in Psychology 4:863.
Benjamini, Y. & Hochberg, Y. (1995). Journal of the Royal Statistical Society B 57(1).
"""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pandas as pd

from .estimates import feature_columns
from .levels import adjustment, is_presence, shared_levels, strata, why_not, with_text_level
from .stats import (
    benjamini_hochberg,
    cliffs_delta,
    event_bootstrap,
    hedges_g,
    paired_d_z,
    permute_within,
    resample_counts,
    sign_flip_p,
    weighted_means,
)

__all__ = ["COLUMNS", "contrast_pairs", "contrast_table", "design_of", "design_table",
           "discrete_features", "same_event_rows", "same_event_scope", "same_event_scopes"]

#: the columns of :func:`contrast_table`, in order (an empty table has them too)
COLUMNS = ("level", "a", "b", "scope", "feature", "family", "text_levels", "adjustment", "n_a",
           "n_b", "n_events", "events", "languages", "mean_a", "mean_b", "diff", "ci_low",
           "ci_high", "effect_measure", "effect", "p_perm", "permutation", "q_bh", "n_boot",
           "n_perm", "min_articles", "min_per_event", "min_per_event_paired", "min_events",
           "note")

NO_EVENT = "(no event)"
#: the scopes :func:`contrast_table` knows, in their default order
SCOPES = ("pooled", "within_event", "paired_events")
#: mixed into the seed of the paired scope's streams, so they are independent of the
#: streams of the other scopes (which are spawned from the seed alone, as before)
_PAIRED_STREAM = int.from_bytes(b"paired", "big")


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
    outlet groups, where every pair is kept (and flagged through ``languages``); a unit
    none of whose articles has a language (none the study's languages name) has no main
    language, and no pair.

    Examples
    --------
    >>> f = pd.DataFrame({"outlet": list("aabbcd"),
    ...                   "language": ["en", "en", "en", None, "pl", None]})
    >>> contrast_pairs(f, "outlet", 1)
    [('a', 'b')]
    """
    sizes = frame[by].value_counts()
    units = sorted(u for u, n in sizes.items() if n >= min_articles and u not in exclude)
    if by == "outlet_group":
        return list(itertools.combinations(units, 2))
    main = frame.dropna(subset=["language"]).groupby(by)["language"].agg(
        lambda s: s.mode().iloc[0])
    return [(a, b) for a, b in itertools.combinations(units, 2)
            if a in main.index and b in main.index and main[a] == main[b]]


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


def _event_side_means(values: np.ndarray, is_a: np.ndarray, events: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per event (sorted) and feature: the labels, then side a's means and numbers of
    values, then side b's ((k, f) each; a side without a value has a NaN mean)."""
    labels, codes = np.unique(events, return_inverse=True)
    present = ~np.isnan(values)
    filled = np.where(present, values, 0.0)
    member = codes[None, :] == np.arange(len(labels))[:, None]  # (k, n)
    out = []
    for side in (is_a, ~is_a):
        m = (member & side[None, :]).astype(float)
        sums, counts = m @ filled, m @ present.astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            out += [np.where(counts > 0, sums / counts, np.nan), counts]
    return labels, *out


def _paired(values: np.ndarray, is_a: np.ndarray, events: np.ndarray, n_boot: int,
            n_perm: int, min_events: int, rng: np.random.Generator) -> dict[str, object]:
    """The paired-events scope: one difference per event, the event the unit.

    `values` (n, f) are the articles of the events both sides covered. Returns the
    columns of the scope's rows, one value per feature.
    """
    _, mean_a_e, count_a, mean_b_e, count_b = _event_side_means(values, is_a, events)
    d = mean_a_e - mean_b_e  # NaN where a side has no value for the feature
    has = ~np.isnan(d)
    k = has.sum(axis=0)
    reps = event_bootstrap(d, n_boot, rng)
    p, exact = sign_flip_p(d, n_perm, rng)
    exact |= k == 0  # no event: the one (empty) sign pattern, nothing sampled
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a feature with no event
        diff = np.nanmean(d, axis=0)
        low, high = _percentile(reps)
        mean_a = np.nanmean(np.where(has, mean_a_e, np.nan), axis=0)
        mean_b = np.nanmean(np.where(has, mean_b_e, np.nan), axis=0)
    effect = paired_d_z(d)
    notes = []
    for j in range(d.shape[1]):
        if k[j] < min_events:
            notes.append(f"{k[j]} event{'' if k[j] == 1 else 's'} with a difference, fewer "
                         f"than min_events = {min_events}: no estimate")
        elif k[j] < 2:
            notes.append(f"{k[j]} event{'' if k[j] == 1 else 's'} with a difference: d_z "
                         "needs 2 or more")
        elif np.isnan(effect[j]):
            notes.append("every event has the same difference: d_z undefined (sd 0)")
        else:
            notes.append("")
    too_few = k < min_events
    for column in (diff, low, high, effect, p):
        column[too_few] = np.nan
    return {"diff": diff, "ci_low": low, "ci_high": high, "effect": effect, "p_perm": p,
            "mean_a": mean_a, "mean_b": mean_b, "n_events": k,
            "n_a": np.where(has, count_a, 0).sum(axis=0).astype(int),
            "n_b": np.where(has, count_b, 0).sum(axis=0).astype(int),
            "permutation": ["signs flipped within event (exact)" if e
                            else "signs flipped within event (sampled)" for e in exact],
            "note": notes}


def _covered(cells: np.ndarray, is_a: np.ndarray, minimum: int,
             excluded: np.ndarray | None = None) -> np.ndarray:
    """Articles of the cells (events, or event × level strata) where each side has at least
    `minimum` articles; articles `excluded` (those with no event) never count."""
    keep = np.zeros(len(cells), dtype=bool)
    eligible = np.ones(len(cells), dtype=bool) if excluded is None else ~excluded
    for cell in np.unique(cells[eligible]):
        here = (cells == cell) & eligible
        if min((here & is_a).sum(), (here & ~is_a).sum()) >= minimum:
            keep |= here
    return keep


def _stratified(part: pd.DataFrame, columns: list[str], is_a: np.ndarray,
                events: np.ndarray | None, flags: list[bool], presence: np.ndarray,
                n_boot: int, n_perm: int, rng: np.random.Generator) -> tuple:
    """A contrast over strata weighted equally (:func:`_within`): text levels, or events ×
    text levels when `events` is given; presence measures also by length band, over the
    bands where both sides have an article."""
    values = part[columns].to_numpy(dtype=float)
    # every measure over the level (or event × level) strata, then the presence measures
    # again over length bands. Computing the first pass without the presence columns
    # would save their work but moves one mean by rounding dust (2.5e-15 for 0.0: the
    # matrix products round differently with fewer columns), so both passes stay whole.
    result = [np.asarray(r, dtype=float).copy()
              for r in _within(values, is_a, strata(part, events), flags, n_boot, n_perm, rng)]
    if presence.any():
        banded = strata(part, events, by_length=True)
        keep = _covered(banded, is_a, 1)
        if not keep.any():  # no length band has both sides: no presence contrast
            for whole in result:
                whole[presence] = np.nan
            return tuple(result)
        subset = _within(values[keep][:, presence], is_a[keep], banded[keep],
                         [f for f, p in zip(flags, presence, strict=True) if p], n_boot,
                         n_perm, rng)
        for whole, sub in zip(result, subset, strict=True):
            whole[presence] = sub
    return tuple(result)


def _not_compared(by: str, a: str, b: str, scope: str, columns: list[str],
                  flags: list[bool], why: str, **bars) -> pd.DataFrame:
    """The rows of a pair × scope that cannot be compared like with like: every estimate
    empty, the reason in ``note``; `bars` are the bar columns as the scope's other rows
    would have them."""
    return pd.DataFrame({
        "level": by, "a": a, "b": b, "scope": scope, "feature": columns,
        "family": [c.split("__")[0] for c in columns], "text_levels": "",
        "adjustment": adjustment([], False), "n_a": 0, "n_b": 0, "n_events": 0, "events": "",
        "languages": "", "mean_a": np.nan, "mean_b": np.nan, "diff": np.nan,
        "ci_low": np.nan, "ci_high": np.nan,
        "effect_measure": ["cliffs_delta" if f else "hedges_g" for f in flags],
        "effect": np.nan, "p_perm": np.nan, "permutation": "", **bars, "note": why})


def design_of(frame: pd.DataFrame, by: str, a: str, b: str, max_paired: int = 2,
              min_per_event: int = 5) -> dict[str, object]:
    """Describe the event design of one pair and recommend the scope to read.

    A *shared* event is one both `a` and `b` have at least one article on. If every
    shared event has at most `max_paired` articles on each side, the pair has a paired
    design (each side covers each event once or twice): read the ``paired_events`` rows
    of :func:`contrast_table`, whose bootstrap and test resample events. Otherwise the
    pair has more articles on a side in some event: read ``within_event``, which also
    needs `min_per_event` articles per side in an event for it to count (how many events
    pass is given) — unless no shared event passes, in which case the within-event scope
    has no row and ``paired`` is recommended after all. Without a shared event only the
    pooled comparison exists. ``reason`` says which case applied.

    Parameters
    ----------
    frame : :func:`.estimates.feature_frame` output (needs `by` and ``event_id``).
    by : ``outlet_group`` or ``outlet``.
    a, b : the two units.
    max_paired : the most articles per side per shared event for a design to be paired.
    min_per_event : the within-event scope's bar, to count the events it would use.

    Returns
    -------
    ``a, b, n_shared_events, per_event_a_median, per_event_a_max, per_event_b_median,
    per_event_b_max`` (articles per side per shared event), ``n_events_within_event``
    (shared events with `min_per_event` articles each side), ``max_paired``,
    ``min_per_event``, ``recommendation`` (``paired``, ``within_event`` or ``pooled``)
    and ``reason``.

    Examples
    --------
    >>> f = pd.DataFrame({"outlet": ["x", "y", "x", "y", "x"],
    ...                   "event_id": ["E1", "E1", "E2", "E2", None]})
    >>> d = design_of(f, "outlet", "x", "y")
    >>> d["n_shared_events"], d["per_event_a_max"], d["recommendation"]
    (2, 1, 'paired')
    """
    part = frame[frame[by].isin([a, b]) & frame["event_id"].notna()]
    counts = pd.crosstab(part["event_id"], part[by]).reindex(columns=[a, b], fill_value=0)
    shared = counts[(counts[a] > 0) & (counts[b] > 0)]
    n = len(shared)
    n_within = int((shared.min(axis=1) >= min_per_event).sum())
    if n == 0:
        recommendation, reason = "pooled", "no shared event"
    elif int(shared.to_numpy().max()) <= max_paired:
        recommendation = "paired"
        reason = f"every shared event has at most {max_paired} articles per side"
    elif n_within == 0:
        recommendation = "paired"
        reason = (f"no shared event has {min_per_event} articles per side: within event "
                  "would use none")
    else:
        recommendation = "within_event"
        reason = f"a shared event has more than {max_paired} articles on a side"
    return {
        "a": a, "b": b, "n_shared_events": n,
        "per_event_a_median": float(shared[a].median()) if n else float("nan"),
        "per_event_a_max": int(shared[a].max()) if n else 0,
        "per_event_b_median": float(shared[b].median()) if n else float("nan"),
        "per_event_b_max": int(shared[b].max()) if n else 0,
        "n_events_within_event": n_within,
        "max_paired": max_paired, "min_per_event": min_per_event,
        "recommendation": recommendation, "reason": reason,
    }


def design_table(frame: pd.DataFrame, by: str = "outlet_group",
                 pairs: list[tuple[str, str]] | None = None, min_articles: int = 200,
                 max_paired: int = 2, min_per_event: int = 5) -> pd.DataFrame:
    """Return :func:`design_of` for every pair, one row each.

    Parameters
    ----------
    frame : :func:`.estimates.feature_frame` output.
    by : ``outlet_group`` or ``outlet``.
    pairs : (a, b) pairs (default :func:`contrast_pairs` with `min_articles`).
    min_articles, max_paired, min_per_event : see :func:`contrast_pairs` and
        :func:`design_of`.

    Returns
    -------
    One row per pair with :func:`design_of`'s keys as columns, and ``level``.
    """
    pairs = contrast_pairs(frame, by, min_articles=min_articles) if pairs is None else pairs
    rows = [{"level": by, **design_of(frame, by, a, b, max_paired=max_paired,
                                      min_per_event=min_per_event)} for a, b in pairs]
    return pd.DataFrame(rows, columns=["level", "a", "b", "n_shared_events",
                                       "per_event_a_median", "per_event_a_max",
                                       "per_event_b_median", "per_event_b_max",
                                       "n_events_within_event", "max_paired",
                                       "min_per_event", "recommendation", "reason"])


def contrast_table(frame: pd.DataFrame, by: str = "outlet_group",
                   pairs: list[tuple[str, str]] | None = None,
                   columns: list[str] | None = None, scopes: tuple[str, ...] = SCOPES,
                   min_per_event: int = 5, n_boot: int = 1000, n_perm: int = 999,
                   seed: int = 0, *, min_articles: int = 200, min_per_event_paired: int = 1,
                   min_events: int = 3) -> pd.DataFrame:
    """Compare pairs of outlets or outlet groups on every feature.

    Parameters
    ----------
    frame : :func:`.estimates.feature_frame` output.
    by : ``outlet_group`` or ``outlet``.
    pairs : (a, b) pairs (default :func:`contrast_pairs` with `min_articles`).
    columns : features (default: all).
    scopes : any of ``pooled``, ``within_event``, ``paired_events`` (default: all three).
    min_per_event : articles each side needs in an event for the event to count within
        event.
    n_boot, n_perm : bootstrap replicates and permutations (sign patterns when paired;
        fewer than 2^k events' patterns are enumerated instead).
    seed : seed; each pair × scope gets its own stream (the paired scope's come from
        ``(seed, "paired")``, apart from the others).
    min_articles : articles each unit needs for a pair to be formed (when `pairs` is None).
    min_per_event_paired : articles each side needs in an event for it to count in the
        paired scope.
    min_events : events with a difference a feature needs in the paired scope for an
        estimate; below it the row is kept with NaN and a ``note``.

    Returns
    -------
    One row per pair × scope × feature, the :data:`COLUMNS`: ``level, a, b, scope,
    feature, family, text_levels`` (the levels compared, ``|``-joined), ``adjustment``
    (the strata, in words), ``n_a, n_b,
    n_events, events, languages, mean_a, mean_b, diff, ci_low, ci_high, effect_measure,
    effect, p_perm, permutation, q_bh, n_boot, n_perm, min_articles, min_per_event,
    min_per_event_paired, min_events, note``; ``diff`` is a − b; ``mean_a`` and ``mean_b``
    are stratum-weighted means. Paired rows count, per feature,
    the events with a difference (``n_events``) and the articles in them (``n_a``,
    ``n_b``); ``events`` lists the events covered. A bar a scope does not use is empty.
    Pairs with no event covered give no within-event rows; paired rows are kept, with a
    note.

    Raises
    ------
    ValueError
        If a scope is not one of :data:`SCOPES`.
    """
    unknown = set(scopes) - set(SCOPES)
    if unknown:
        raise ValueError(f"unknown scope(s) {sorted(unknown)}; known: {SCOPES}")
    columns = columns or feature_columns(frame)
    frame = with_text_level(frame)
    given = pairs is not None
    pairs = contrast_pairs(frame, by, min_articles=min_articles) if pairs is None else pairs
    discrete = discrete_features(frame, columns)
    flags = [c in discrete for c in columns]
    # The pooled and within-event streams are spawned exactly as before the paired scope
    # existed; the paired scope's come from a seed sequence of their own.
    jobs = [(pair, scope) for pair in pairs for scope in scopes]
    is_paired = [scope == "paired_events" for _, scope in jobs]
    spawned = {False: iter(np.random.SeedSequence(seed).spawn(is_paired.count(False))),
               True: iter(np.random.SeedSequence([seed, _PAIRED_STREAM]).spawn(
                   is_paired.count(True)))}
    streams = [next(spawned[flag]) for flag in is_paired]
    presence = np.array([is_presence(c) for c in columns], dtype=bool)
    tables = []
    for ((a, b), scope), stream in zip(jobs, streams, strict=True):
        rng = np.random.default_rng(stream)
        part = frame[frame[by].isin([a, b])]
        # like with like: only the text levels both sides have, each a stratum (below)
        least = min_per_event_paired if scope == "paired_events" else min_per_event
        levels = shared_levels(part, by, a, b, least)
        bars = {"n_boot": n_boot, "n_perm": n_perm,
                "min_articles": pd.NA if given else min_articles,
                "min_per_event": min_per_event if scope != "paired_events" else pd.NA,
                "min_per_event_paired": min_per_event_paired if scope == "paired_events"
                else pd.NA,
                "min_events": min_events if scope == "paired_events" else pd.NA}
        if not levels:
            tables.append(_not_compared(by, a, b, scope, columns, flags,
                                        why_not(part, by, a, b, least), **bars))
            continue
        part = part[part["text_level"].isin(levels)]
        events = part["event_id"].astype(object).fillna(NO_EVENT).to_numpy(dtype=str)
        is_a = (part[by] == a).to_numpy()
        extra = {}
        if scope == "paired_events":
            # the unit is an event × text level cell (an event when one level is shared)
            cells = strata(part, events)
            keep = _covered(cells, is_a, min_per_event_paired, events == NO_EVENT)
            part, events, is_a, cells = part[keep], events[keep], is_a[keep], cells[keep]
            extra = _paired(part[columns].to_numpy(dtype=float), is_a, cells, n_boot,
                            n_perm, min_events, rng)
            result = tuple(extra.pop(key) for key in ("diff", "ci_low", "ci_high", "effect",
                                                      "p_perm", "mean_a", "mean_b"))
        else:
            within = scope == "within_event"
            if within:
                keep = _covered(strata(part, events), is_a, min_per_event, events == NO_EVENT)
                part, events, is_a = part[keep], events[keep], is_a[keep]
                if not is_a.any():
                    continue
            result = _stratified(part, columns, is_a, events if within else None, flags,
                                 presence, n_boot, n_perm, rng)
        diff, low, high, effect, p, mean_a, mean_b = result
        values = part[columns].to_numpy(dtype=float)
        present = ~np.isnan(values)
        used_events = sorted(set(events) - {NO_EVENT})
        # per feature, the levels where both sides have a value (a sentence measure has
        # none on bare headlines, so its comparison is of the other levels only)
        at = part["text_level"].to_numpy()
        both = {level: present[is_a & (at == level)].any(axis=0)
                & present[~is_a & (at == level)].any(axis=0) for level in levels}
        used = [[level for level in levels if both[level][j]] for j in range(len(columns))]
        languages = "|".join(sorted(part["language"].dropna().unique()))
        table = pd.DataFrame({
            "level": by, "a": a, "b": b, "scope": scope, "feature": columns,
            "family": [c.split("__")[0] for c in columns],
            "text_levels": ["|".join(u) for u in used],
            "adjustment": [adjustment(u or levels, bool(pres) and scope != "paired_events",
                                      events=scope != "pooled")
                           for u, pres in zip(used, presence, strict=True)],
            "n_a": present[is_a].sum(axis=0), "n_b": present[~is_a].sum(axis=0),
            "n_events": len(used_events), "events": " ".join(used_events),
            "languages": languages, "mean_a": mean_a, "mean_b": mean_b, "diff": diff,
            "ci_low": low, "ci_high": high,
            "effect_measure": ["cliffs_delta" if f else "hedges_g" for f in flags],
            "effect": effect, "p_perm": p,
            "permutation": "labels shuffled within strata", **bars, "note": "",
        })
        if scope == "paired_events":
            for key, value in extra.items():
                table[key] = value
            table["effect_measure"] = "paired_d_z"
            table.loc[presence & (table["note"] == ""), "note"] = (
                "presence not length-adjusted: one or two articles per event and side")
        tables.append(table)
    if not tables:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(tables, ignore_index=True)
    for column in ("min_articles", "min_per_event", "min_per_event_paired", "min_events"):
        out[column] = out[column].astype("Int64")
    out.loc[(out["n_a"] == 0) | (out["n_b"] == 0), ["diff", "ci_low", "ci_high", "effect",
                                                     "p_perm"]] = np.nan
    out["q_bh"] = np.nan
    for _, index in out.groupby(["level", "scope", "family"]).groups.items():
        out.loc[index, "q_bh"] = benjamini_hochberg(out.loc[index, "p_perm"].to_numpy())
    bars = ["n_boot", "n_perm", "min_articles", "min_per_event", "min_per_event_paired",
            "min_events", "note"]
    columns_order = [c for c in out.columns if c not in bars]
    return out[[*columns_order, *bars]]


def same_event_scope(rows: pd.DataFrame, min_events: int) -> str | None:
    """The same-event scope to read from one pair's rows of :func:`contrast_table`.

    ``within_event`` when its estimates rest on at least `min_events` events, else
    ``paired_events`` (the event-level contrast of a paired or small design) when the pair
    has such estimates, else ``within_event`` if it has any, else None (pooled only).

    Examples
    --------
    >>> rows = pd.DataFrame({"scope": ["within_event", "paired_events"],
    ...                      "n_events": [1, 6], "diff": [0.2, 0.1]})
    >>> same_event_scope(rows, 3), same_event_scope(rows, 1)
    ('paired_events', 'within_event')
    """
    rows = rows[rows["diff"].notna()]
    within = rows[rows["scope"] == "within_event"]
    if len(within) and within["n_events"].max() >= min_events:
        return "within_event"
    if (rows["scope"] == "paired_events").any():
        return "paired_events"
    return "within_event" if len(within) else None


def same_event_scopes(contrasts: pd.DataFrame, min_events: int, prefix: str = ""
                      ) -> dict[tuple[str, str], str | None]:
    """:func:`same_event_scope` of every (a, b) pair of a contrast table, judged on the
    features whose names start with `prefix` (a family, e.g. ``"sent__"``)."""
    part = contrasts[contrasts["feature"].str.startswith(prefix)]
    return {(a, b): same_event_scope(rows, min_events)
            for (a, b), rows in part.groupby(["a", "b"], sort=False)}


def same_event_rows(contrasts: pd.DataFrame, scopes: dict[tuple[str, str], str | None]
                    ) -> pd.DataFrame:
    """The rows of each pair of `scopes` in the scope chosen for it (none for a pair whose
    scope is None: pooled only)."""
    chosen = pd.Series([scopes.get((a, b)) for a, b in zip(contrasts["a"], contrasts["b"],
                                                              strict=True)],
                       index=contrasts.index, dtype=object)
    return contrasts[contrasts["scope"] == chosen]
