import numpy as np
import pandas as pd
import pytest

from analysis.compare.contrasts import contrast_pairs, contrast_table, discrete_features
from analysis.compare.estimates import feature_estimates


def _frame(rows):
    """rows: (group, event, value, count) -> a minimal feature frame."""
    return pd.DataFrame([
        {"doc_id": f"d{i}", "outlet": g, "outlet_group": g, "event_id": e, "language": "en",
         "lex__n_words": 10, "sent__tone": v, "term__x__y": c}
        for i, (g, e, v, c) in enumerate(rows)])


def _simpson():
    # Within each event a and b are identical; a covered mostly the grim event E1 and b
    # mostly the mild event E2, so pooled they differ.
    rows = []
    for event, tone, n_a, n_b in (("E1", -0.8, 18, 6), ("E2", 0.2, 6, 18)):
        for k in range(n_a):
            rows.append(("a", event, tone + (k % 3 - 1) * 0.1, k % 2))
        for k in range(n_b):
            rows.append(("b", event, tone + (k % 3 - 1) * 0.1, k % 2))
    return _frame(rows)


def test_within_event_removes_a_difference_of_topic():
    table = contrast_table(_simpson(), "outlet_group", pairs=[("a", "b")], n_boot=200,
                           n_perm=199, seed=1)
    tone = table[table["feature"] == "sent__tone"].set_index("scope")
    # pooled: a = (18*-0.8 + 6*0.2)/24 = -0.55; b = (6*-0.8 + 18*0.2)/24 = -0.05
    assert tone.at["pooled", "diff"] == pytest.approx(-0.5)
    assert tone.at["pooled", "p_perm"] == pytest.approx(1 / 200)
    assert tone.at["pooled", "ci_high"] < 0
    # within each event the two sides have the same values: the difference is 0
    assert tone.at["within_event", "diff"] == pytest.approx(0.0, abs=1e-12)
    assert tone.at["within_event", "n_events"] == 2
    assert tone.at["within_event", "p_perm"] > 0.5
    assert tone.at["within_event", "effect"] == pytest.approx(0.0, abs=1e-12)


def test_effect_measure_follows_the_feature_and_q_is_bh():
    table = contrast_table(_simpson(), "outlet_group", pairs=[("a", "b")], n_boot=50,
                           n_perm=99, seed=0, columns=["sent__tone", "term__x__y"])
    measures = dict(zip(table["feature"], table["effect_measure"], strict=False))
    assert measures == {"sent__tone": "hedges_g", "term__x__y": "cliffs_delta"}
    for _, family in table.groupby(["scope", "family"]):
        assert len(family) == 1 and family["q_bh"].iloc[0] == family["p_perm"].iloc[0]
    assert not table[["diff", "ci_low", "ci_high", "effect", "p_perm", "q_bh"]].isna().any().any()


def test_pooled_hedges_g_and_cliffs_delta_by_hand():
    frame = _frame([("a", None, 1.5, 1), ("a", None, 2.5, 1), ("a", None, 3.5, 0),
                    ("b", None, 2.5, 0), ("b", None, 3.5, 0), ("b", None, 4.5, 0)])
    table = contrast_table(frame, "outlet_group", pairs=[("a", "b")], scopes=("pooled",),
                           n_boot=50, n_perm=99).set_index("feature")
    # tone: means 2 vs 3, sd 1 each: d = -1, J = 1 - 3/(4*6 - 9) = 0.8
    assert table.at["sent__tone", "effect"] == pytest.approx(-0.8)
    assert table.at["sent__tone", "diff"] == pytest.approx(-1.0)
    # count: a = [1, 1, 0] vs b = [0, 0, 0]: 6 of 9 pairs a > b, none a < b
    assert table.at["term__x__y", "effect"] == pytest.approx(6 / 9)
    assert table.at["term__x__y", "n_a"] == 3 and table.at["term__x__y", "n_events"] == 0


def test_within_event_skips_thin_events():
    frame = _frame([("a", "E1", 1.0, 0)] * 5 + [("b", "E1", 0.0, 0)] * 5
                   + [("a", "E2", 9.0, 0)] * 2 + [("b", "E2", 0.0, 0)] * 5)
    table = contrast_table(frame, "outlet_group", pairs=[("a", "b")], scopes=("within_event",),
                           min_per_event=3, n_boot=20, n_perm=19)
    row = table[table["feature"] == "sent__tone"].iloc[0]
    assert row["n_events"] == 1 and row["events"] == "E1" and row["diff"] == pytest.approx(1.0)


def test_discrete_features_and_pairs():
    frame = _simpson()
    assert discrete_features(frame, ["sent__tone", "term__x__y"]) == {"term__x__y"}
    assert contrast_pairs(frame, "outlet_group", min_articles=24) == [("a", "b")]
    assert contrast_pairs(frame, "outlet_group", min_articles=25) == []


def test_estimates_cluster_bootstrap_is_wider_than_article_bootstrap():
    rng = np.random.default_rng(5)
    rows = []
    for event, shift in (("E1", -1.0), ("E2", 0.0), ("E3", 1.0), ("E4", 0.5)):
        rows += [("a", event, shift + rng.normal(0, 0.1), 0) for _ in range(30)]
    clustered = _frame(rows)
    independent = clustered.assign(event_id=None)
    kw = {"columns": ["sent__tone"], "n_boot": 400, "seed": 3}
    c = feature_estimates(clustered, **kw).iloc[0]
    i = feature_estimates(independent, **kw).iloc[0]
    assert c["mean"] == pytest.approx(i["mean"]) == pytest.approx(clustered["sent__tone"].mean())
    assert c["ci_method"].startswith("cluster") and i["ci_method"] == "article bootstrap"
    # events differ a lot: resampling events must widen the interval several-fold
    assert (c["ci_high"] - c["ci_low"]) > 3 * (i["ci_high"] - i["ci_low"])
    assert c["n_events"] == 4 and c["n_tokens"] == 1200


def test_a_side_without_values_in_an_event_gives_no_infinite_means():
    # In E1 only a has values, in E2 only b: no event has both, so within events there is
    # nothing to compare (NaN). Side b's E1 mean is total - a's sum over zero articles: the
    # two sums are computed in different orders, and their rounding dust over 0 would be
    # an infinite mean.
    tones = np.round(np.random.default_rng(0).uniform(-1, 1, 7), 4)
    frame = _frame([("a", "E1", t, 0) for t in tones] + [("b", "E1", np.nan, 0)] * 3
                   + [("a", "E2", np.nan, 0)] * 3 + [("b", "E2", 0.7, 0)] * 3)
    frame["sent__other"] = np.linspace(0, 1, len(frame))
    table = contrast_table(frame, "outlet_group", pairs=[("a", "b")], scopes=("within_event",),
                           min_per_event=3, n_boot=20, n_perm=19,
                           columns=["sent__tone", "sent__other"])
    row = table.iloc[0]
    assert np.isnan(row["diff"]) and np.isnan(row["p_perm"])
    assert row["mean_a"] == pytest.approx(tones.mean()) and row["mean_b"] == pytest.approx(0.7)
