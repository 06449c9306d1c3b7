import itertools

import numpy as np
import pytest

from analysis.compare.stats import (
    benjamini_hochberg,
    bootstrap_weights,
    cliffs_delta,
    event_bootstrap,
    hedges_g,
    paired_d_z,
    permute_within,
    resample_counts,
    sign_flip_p,
    weighted_means,
)


def test_hedges_g_by_hand():
    # x: mean 2.5, sample var 5/3; y: mean 4, var 4; pooled = (3*5/3 + 2*4)/5 = 2.6
    # d = -1.5/sqrt(2.6) = -0.930261; J = 1 - 3/(4*7 - 9) = 16/19; g = -0.783378
    g = hedges_g(np.array([1.0, 2, 3, 4]), np.array([2.0, 4, 6]))
    assert g == pytest.approx(-1.5 / np.sqrt(2.6) * 16 / 19, rel=1e-12)
    assert g == pytest.approx(-0.783378, abs=1e-6)


def test_hedges_g_drops_nan_and_needs_two_values():
    assert hedges_g(np.array([1.0, np.nan, 3]), np.array([2.0, 4])) == pytest.approx(
        hedges_g(np.array([1.0, 3]), np.array([2.0, 4])))
    assert np.isnan(hedges_g(np.array([1.0]), np.array([2.0, 4])))


def test_cliffs_delta_equals_the_pairwise_definition():
    rng = np.random.default_rng(3)
    x, y = rng.integers(0, 5, 40).astype(float), rng.integers(0, 6, 30).astype(float)
    pairs = list(itertools.product(x, y))
    by_pairs = (sum(a > b for a, b in pairs) - sum(a < b for a, b in pairs)) / len(pairs)
    assert cliffs_delta(x, y) == pytest.approx(by_pairs, abs=1e-15)
    assert cliffs_delta(np.array([2.0, 3]), np.array([0.0, 1])) == 1.0


def test_benjamini_hochberg_by_hand():
    # sorted p: .001 .008 .039 .041 .042 (m = 5): p*m/k = .005 .02 .065 .05125 .042,
    # then the running minimum from the top: .005 .02 .042 .042 .042
    q = benjamini_hochberg(np.array([0.041, 0.001, 0.042, 0.008, 0.039]))
    assert q == pytest.approx([0.042, 0.005, 0.042, 0.02, 0.042])


def test_bootstrap_weights_article_and_cluster():
    rng = np.random.default_rng(0)
    plain = bootstrap_weights(np.arange(7).astype(str), 200, rng)
    assert plain.shape == (200, 7) and (plain.sum(axis=1) == 7).all()
    clusters = np.array(["a"] * 3 + ["b"] * 3 + ["c"])
    weights = bootstrap_weights(clusters, 500, rng)
    # stage one draws 3 clusters; stage two redraws each drawn cluster's articles:
    # per replicate, each cluster's weights sum to (times drawn) x (its size)
    for members, size in ((slice(0, 3), 3), (slice(3, 6), 3), (slice(6, 7), 1)):
        totals = weights[:, members].sum(axis=1)
        assert (totals % size == 0).all()
    times = weights[:, :3].sum(axis=1) // 3 + weights[:, 3:6].sum(axis=1) // 3 + weights[:, 6]
    assert (times == 3).all()
    # a cluster not drawn contributes nothing; over many replicates each is drawn 1x on average
    assert weights[:, 6].mean() == pytest.approx(1.0, abs=0.15)


def test_resample_counts_rows_sum_to_the_draws():
    counts = resample_counts(np.array([5, 0, 2]), 4, np.random.default_rng(1))
    assert counts.shape == (3, 4) and counts.sum(axis=1).tolist() == [5, 0, 2]


def test_weighted_means_skip_nan():
    values = np.array([[1.0, np.nan], [3.0, 2.0], [np.nan, 4.0]])
    out = weighted_means(np.array([[2, 1, 1]]), values)
    # column 0: (2*1 + 1*3)/3; column 1: (1*2 + 1*4)/2
    assert out[0].tolist() == pytest.approx([5 / 3, 3.0])


def test_permute_within_keeps_each_stratum_mix():
    labels = np.array([True, False, False, True, True, False])
    strata = np.array([0, 0, 0, 1, 1, 1])
    perms = permute_within(labels, strata, 300, np.random.default_rng(2))
    assert (perms[:, :3].sum(axis=1) == 1).all() and (perms[:, 3:].sum(axis=1) == 2).all()
    assert len({tuple(p) for p in perms}) > 1  # it does shuffle


def test_event_bootstrap_draws_whole_events():
    # every replicate is the mean of 4 events drawn with replacement from d: times 4, a sum
    # of 4 of the d values (35 multisets). A bootstrap of anything else inside the events
    # would leave this set.
    d = np.array([2.0, 1.0, 4.0, 0.0])
    reps = event_bootstrap(d, 3000, np.random.default_rng(0))[:, 0]
    sums = {sum(c) for c in itertools.combinations_with_replacement(d, 4)}
    assert set(np.round(reps * 4, 9)) <= sums
    assert len(set(reps)) > 10 and reps.min() >= 0 and reps.max() <= 4
    assert reps.mean() == pytest.approx(d.mean(), abs=0.05)


def test_event_bootstrap_each_feature_draws_its_own_events():
    d = np.array([[1.0, 5.0], [3.0, np.nan], [1.0, 5.0], [np.nan, np.nan]])
    reps = event_bootstrap(d, 500, np.random.default_rng(1))
    assert set(np.round(reps[:, 0] * 3, 9)) <= {3.0, 5.0, 7.0, 9.0}  # 3 of {1, 3, 1}
    assert (reps[:, 1] == 5.0).all()  # only events with 5: no NaN, no other value
    assert np.isnan(event_bootstrap(np.full((2, 1), np.nan), 5, np.random.default_rng(1))
                    ).all()


def test_sign_flip_exact_by_hand_and_sampled():
    # d = 2, 1, 4, 0: sums of +-2 +-1 +-4 reach |7| twice, x2 for the 0: 4 of 16
    # d = 1, 1, 1: |+-1 +-1 +-1| = 3 for 2 of the 8 patterns
    d = np.array([[2.0, 1.0], [1.0, 1.0], [4.0, 1.0], [0.0, np.nan]])
    p, exact = sign_flip_p(d, 999, np.random.default_rng(0))
    assert p.tolist() == [0.25, 0.25] and exact.tolist() == [True, True]
    # 2^4 = 16 > 15 permutations: sampled, p = (1 + hits) / 16
    p, exact = sign_flip_p(d[:, :1], 15, np.random.default_rng(0))
    assert not exact[0] and (p[0] * 16) == round(p[0] * 16) and p[0] >= 1 / 16
    big = np.random.default_rng(3).normal(0.3, 1, 14)
    sampled, _ = sign_flip_p(big, 4999, np.random.default_rng(4))
    full, is_exact = sign_flip_p(big, 2 ** 14, np.random.default_rng(4))
    assert is_exact[0] and sampled[0] == pytest.approx(full[0], abs=0.02)
    assert np.isnan(sign_flip_p(np.full((3, 1), np.nan), 99, np.random.default_rng(0))[0][0])


def test_paired_d_z_by_hand():
    # d = 2, 2, 3, 1: mean 2, sd sqrt(2/3): d_z = sqrt(6); one event or no spread: NaN
    d = np.array([[2.0, 1.0, 0.1], [2.0, np.nan, 0.1], [3.0, np.nan, 0.1], [1.0, np.nan, 0.1]])
    out = paired_d_z(d)
    assert out[0] == pytest.approx(np.sqrt(6), rel=1e-12)
    assert np.isnan(out[1]) and np.isnan(out[2])
