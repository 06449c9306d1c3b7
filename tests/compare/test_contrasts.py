import numpy as np
import pandas as pd
import pytest

from analysis.compare.contrasts import (
    COLUMNS,
    contrast_pairs,
    contrast_table,
    design_of,
    design_table,
    discrete_features,
)
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
    # the columns a notebook's empty table takes, in the order every table has them
    assert tuple(table.columns) == COLUMNS
    nothing = contrast_table(_simpson(), "outlet_group", pairs=[], n_boot=10, n_perm=9)
    assert nothing.empty and tuple(nothing.columns) == COLUMNS


def test_effect_measure_follows_the_feature_and_q_is_bh():
    table = contrast_table(_simpson(), "outlet_group", pairs=[("a", "b")], n_boot=50,
                           n_perm=99, seed=0, columns=["sent__tone", "term__x__y"],
                           scopes=("pooled", "within_event"))
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


# --- paired design: one article per outlet per event -------------------------------------
#
# 4 events x 3 outlets, one article each. Per event: (tone, count); tone is continuous (its
# halves make it so: Hedges' g within event), count a whole number (Cliff's delta).
TRIPLET = {
    "E1": {"x": (3.5, 3), "y": (1.5, 1), "z": (2.5, 2)},
    "E2": {"x": (2.5, 2), "y": (1.5, 0), "z": (3.5, 2)},
    "E3": {"x": (4.5, 4), "y": (0.5, 1), "z": (1.5, 1)},
    "E4": {"x": (1.5, 3), "y": (1.5, 2), "z": (0.5, 0)},
}
PAIRS = [("x", "y"), ("x", "z"), ("y", "z")]
# Hand-computed, per pair: the event differences d_e (E1..E4), their mean, d_z and the exact
# sign-flip p = #{patterns with |mean flipped| >= |observed|} / 16.
#
# tone x-y: d = 2, 1, 4, 0; mean 7/4 = 1.75; deviations .25 -.75 2.25 -1.75, SS 8.75,
#   var 8.75/3 = 35/12, sd 1.7078251, d_z = 1.75/1.7078251 = 1.0246951.
#   p: sums of +-2 +-1 +-4 are 7 5 3 1 -1 -3 -5 -7, |sum| >= 7 twice, times 2 for the
#   sign of the 0: 4/16 = 0.25.
# tone x-z: d = 1, -1, 3, 1; mean 1; deviations 0 -2 2 0, SS 8, var 8/3, d_z = 1/sqrt(8/3)
#   = 0.6123724. p: |observed sum| 4; +-3 plus three +-1 (sums 3, 1x3, -1x3, -3): |sum| >= 4
#   for 6, 4 (x3), -4 (x3), -6: 8/16 = 0.5.
# tone y-z: d = -1, -2, -1, 1; mean -0.75; deviations -.25 -1.25 -.25 1.75, SS 4.75,
#   var 19/12, sd 1.2583057, d_z = -0.75/1.2583057 = -0.5960396. p: |observed sum| 3;
#   +-2 plus three +-1: 5, 3 (x3), -3 (x3), -5 reach 3: 8/16 = 0.5.
# count x-y: d = 2, 2, 3, 1; mean 2; deviations 0 0 1 -1, SS 2, var 2/3, sd 0.8164966,
#   d_z = 2/0.8164966 = sqrt(6) = 2.4494897. p: all positive, only all-plus and
#   all-minus reach |8|: 2/16 = 0.125.
# count x-z: d = 1, 0, 3, 3; mean 1.75; deviations -.75 -1.75 1.25 1.25, SS 6.75,
#   var 2.25, sd 1.5, d_z = 1.75/1.5 = 1.1666667. p: sums of +-1 +-3 +-3 are
#   7 5 1 1 -1 -1 -5 -7, |sum| >= 7 twice, x2 for the 0: 4/16 = 0.25.
# count y-z: d = -1, -2, 0, 2; mean -0.25; deviations -.75 -1.75 .25 2.25, SS 8.75,
#   var 35/12, d_z = -0.25/1.7078251 = -0.1463850. p: |observed sum| 1 and every sum of
#   +-1 +-2 +-2 is odd, so all 16 reach it: 16/16 = 1.
HAND = {  # (feature, a, b): (diff, d_z, p, d_e)
    ("sent__tone", "x", "y"): (1.75, 1.0246951, 0.25, [2, 1, 4, 0]),
    ("sent__tone", "x", "z"): (1.0, 0.6123724, 0.5, [1, -1, 3, 1]),
    ("sent__tone", "y", "z"): (-0.75, -0.5960396, 0.5, [-1, -2, -1, 1]),
    ("term__x__y", "x", "y"): (2.0, 2.4494897, 0.125, [2, 2, 3, 1]),
    ("term__x__y", "x", "z"): (1.75, 1.1666667, 0.25, [1, 0, 3, 3]),
    ("term__x__y", "y", "z"): (-0.25, -0.1463850, 1.0, [-1, -2, 0, 2]),
}


def _triplet(events=("E1", "E2", "E3", "E4")):
    return _frame([(outlet, event, tone, count) for event in events
                   for outlet, (tone, count) in TRIPLET[event].items()])


def _paired_table(frame, **kw):
    kw = {"pairs": PAIRS, "scopes": ("paired_events",), "n_boot": 2000, "n_perm": 999,
          "seed": 4, **kw}
    return contrast_table(frame, "outlet", **kw).set_index(["feature", "a", "b"]).sort_index()


def test_paired_events_by_hand_on_the_triplet():
    table = _paired_table(_triplet())
    assert len(table) == 9  # 3 pairs x (tone, count, and lex__n_words, 10 everywhere)
    words = table.loc["lex__n_words"]
    # every d_e is 0: diff 0, every one of the 16 patterns reaches |0|, no spread for d_z
    assert (words["diff"] == 0).all() and (words["p_perm"] == 1).all()
    assert words["effect"].isna().all() and words["note"].str.contains("sd 0").all()
    for key, (diff, d_z, p, d_e) in HAND.items():
        row = table.loc[key]
        assert row["diff"] == pytest.approx(diff, abs=1e-12)
        assert row["diff"] == pytest.approx(row["mean_a"] - row["mean_b"], abs=1e-12)
        assert row["effect"] == pytest.approx(d_z, abs=1e-6)
        assert row["p_perm"] == pytest.approx(p, abs=1e-12)  # exact: a multiple of 1/16
        assert row["permutation"] == "signs flipped within event (exact)"
        assert row["effect_measure"] == "paired_d_z"
        assert (row["n_events"], row["n_a"], row["n_b"]) == (4, 4, 4)
        assert row["events"] == "E1 E2 E3 E4" and row["note"] == ""
        # the interval resamples events: inside [min d_e, max d_e], and not a point
        assert min(d_e) <= row["ci_low"] < row["ci_high"] <= max(d_e)
        assert row["ci_high"] - row["ci_low"] > 1.0
        assert (row["min_events"], row["min_per_event_paired"]) == (3, 1)
        assert pd.isna(row["min_per_event"]) and pd.isna(row["min_articles"])
    # tone x - y: event means 3.0 (x) and 1.25 (y)
    assert table.loc[("sent__tone", "x", "y"), "mean_a"] == pytest.approx(3.0)
    assert table.loc[("sent__tone", "x", "y"), "mean_b"] == pytest.approx(1.25)
    # BH over the tone family (3 pairs): p .25 .5 .5 -> .75 .75 .5 -> running min .5
    assert table.loc["sent__tone", "q_bh"].tolist() == pytest.approx([0.5, 0.5, 0.5])


def test_within_event_on_the_triplet_is_what_it_was():
    frame = _triplet()
    # five articles per side per event by default: a paired design gives no row at all
    assert contrast_table(frame, "outlet", pairs=PAIRS, scopes=("within_event",),
                          n_boot=50, n_perm=99).empty
    # with one article per side allowed: same difference, but the articles inside an
    # event are resampled, so the interval is the point and Hedges' g (n = 1) is NaN
    within = contrast_table(frame, "outlet", pairs=PAIRS, scopes=("within_event",),
                            min_per_event=1, n_boot=200, n_perm=99,
                            seed=4).set_index(["feature", "a", "b"])
    row = within.loc[("sent__tone", "x", "y")]
    assert row["diff"] == pytest.approx(1.75)
    assert row["ci_low"] == pytest.approx(1.75) and row["ci_high"] == pytest.approx(1.75)
    assert row["effect_measure"] == "hedges_g" and np.isnan(row["effect"])
    assert row["min_per_event"] == 1 and row["note"] == ""


def test_paired_interval_resamples_events_not_articles():
    # Each event: a has (0, 2), mean 1; b has (0, 0), mean 0; so every d_e is 1. Articles
    # vary inside events, events do not: resampling events gives the point 1, resampling
    # articles (the within-event scheme) would not.
    rows = []
    for event in ("E1", "E2", "E3"):
        rows += [("a", event, 0.0, 0), ("a", event, 2.0, 0), ("b", event, 0.0, 0),
                 ("b", event, 0.0, 0)]
    table = contrast_table(_frame(rows), "outlet_group", pairs=[("a", "b")],
                           scopes=("paired_events", "within_event"), min_per_event=2,
                           n_boot=400, n_perm=999, seed=2,
                           columns=["sent__tone"]).set_index("scope")
    paired, within = table.loc["paired_events"], table.loc["within_event"]
    assert paired["diff"] == paired["ci_low"] == paired["ci_high"] == 1.0
    assert within["ci_high"] - within["ci_low"] > 0.5
    # 2^3 = 8 patterns; only all-plus and all-minus reach |mean| 1: p = 2/8
    assert paired["p_perm"] == 0.25
    assert np.isnan(paired["effect"]) and "sd 0" in paired["note"]
    assert (paired["n_a"], paired["n_b"]) == (6, 6)


def test_paired_below_min_events_is_kept_with_a_note():
    two = _triplet(("E1", "E2"))
    row = _paired_table(two).loc[("sent__tone", "x", "y")]
    assert row["n_events"] == 2 and row["min_events"] == 3
    assert row[["diff", "ci_low", "ci_high", "effect", "p_perm", "q_bh"]].isna().all()
    assert "fewer than min_events = 3" in row["note"]
    assert row["mean_a"] == pytest.approx(3.0)  # (3.5 + 2.5) / 2: described, not tested
    row = _paired_table(two, min_events=2).loc[("sent__tone", "x", "y")]
    # d = 2, 1: mean 1.5, sd 0.7071068, d_z = 2.1213203; p: |+-2 +-1| >= 3 in 2 of 4
    assert row["diff"] == pytest.approx(1.5)
    assert row["effect"] == pytest.approx(2.1213203, abs=1e-6)
    assert row["p_perm"] == 0.5 and row["note"] == ""
    row = _paired_table(_triplet(("E1",)), min_events=1).loc[("sent__tone", "x", "y")]
    assert row["diff"] == pytest.approx(2.0) and np.isnan(row["effect"])
    assert row["note"] == "1 event with a difference: d_z needs 2 or more"
    assert row["p_perm"] == 1.0  # both patterns reach |2|


def test_paired_leaves_out_an_event_a_side_has_no_value_for():
    frame = _triplet()
    frame.loc[(frame["outlet"] == "y") & (frame["event_id"] == "E3"), "sent__tone"] = np.nan
    table = _paired_table(frame)
    row = table.loc[("sent__tone", "x", "y")]
    # d = 2, 1, 0 (E3 left out): mean 1, 2^3 = 8 patterns, |sum| >= 3 for 2 of 4 x2: 4/8
    assert row["n_events"] == 3 and row["diff"] == pytest.approx(1.0)
    assert (row["n_a"], row["n_b"]) == (3, 3) and row["p_perm"] == 0.5
    assert row["events"] == "E1 E2 E3 E4"  # the events covered; n_events: with a value
    assert table.loc[("term__x__y", "x", "y"), "n_events"] == 4


def test_paired_thresholds_and_sampled_permutation():
    frame = _triplet()
    none = _paired_table(frame, min_per_event_paired=2).loc[("sent__tone", "x", "y")]
    assert none["n_events"] == 0 and np.isnan(none["diff"]) and none["note"]
    assert none["min_per_event_paired"] == 2 and none["note"].startswith("0 events")
    assert none["permutation"] == "signs flipped within event (exact)"  # nothing sampled
    rng = np.random.default_rng(7)
    rows = [(side, f"E{e}", rng.normal(0.5 if side == "a" else 0, 1), 0)
            for e in range(10) for side in "ab"]
    kw = {"pairs": [("a", "b")], "scopes": ("paired_events",), "columns": ["sent__tone"],
          "n_boot": 100, "seed": 1}
    sampled = contrast_table(_frame(rows), "outlet_group", n_perm=999, **kw).iloc[0]
    exact = contrast_table(_frame(rows), "outlet_group", n_perm=1024, **kw).iloc[0]
    assert sampled["permutation"] == "signs flipped within event (sampled)"
    assert exact["permutation"] == "signs flipped within event (exact)"
    assert exact["p_perm"] * 1024 == pytest.approx(round(exact["p_perm"] * 1024))
    assert sampled["p_perm"] == pytest.approx(exact["p_perm"], abs=0.05)


def test_adding_the_paired_scope_leaves_the_other_rows_as_they_were():
    frame = _simpson()
    kw = {"pairs": [("a", "b")], "n_boot": 100, "n_perm": 99, "seed": 3}
    old = contrast_table(frame, "outlet_group", scopes=("pooled", "within_event"), **kw)
    new = contrast_table(frame, "outlet_group", **kw)
    assert list(new["scope"].unique()) == ["pooled", "within_event", "paired_events"]
    kept = new[new["scope"] != "paired_events"].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, old)
    # the bars used are in the table, each where its scope uses it
    bars = new.groupby("scope")[["min_per_event", "min_per_event_paired", "min_events"]].first()
    assert bars.loc["within_event", "min_per_event"] == 5
    assert bars.loc["paired_events", "min_events"] == 3
    # pooled: min_per_event is the bar of a text level (strata), nothing else
    assert bars.loc["pooled", "min_per_event"] == 5
    assert bars.loc["pooled", ["min_per_event_paired", "min_events"]].isna().all()
    assert (contrast_table(frame, "outlet_group", scopes=("pooled",), n_boot=20, n_perm=19,
                           min_articles=24)["min_articles"] == 24).all()
    assert contrast_table(frame, "outlet_group", scopes=("pooled",), min_articles=25).empty
    with pytest.raises(ValueError, match="unknown scope"):
        contrast_table(frame, "outlet_group", scopes=("paired",))


def test_design_of_recommends_paired_or_within_event():
    triplet = design_of(_triplet(), "outlet", "x", "y")
    assert triplet["n_shared_events"] == 4 and triplet["recommendation"] == "paired"
    assert triplet["per_event_a_median"] == 1 and triplet["per_event_b_max"] == 1
    simpson = design_of(_simpson(), "outlet_group", "a", "b")
    # a has 18 and 6 articles on E1 and E2, b 6 and 18: median 12, max 18
    assert simpson["recommendation"] == "within_event"
    assert (simpson["per_event_a_median"], simpson["per_event_a_max"]) == (12, 18)
    assert simpson["n_events_within_event"] == 2
    assert design_of(_simpson(), "outlet_group", "a", "b", max_paired=18)[
        "recommendation"] == "paired"
    # more than 2 articles on a side, but no event with 7 each: within event has no row
    thin = design_of(_simpson(), "outlet_group", "a", "b", min_per_event=7)
    assert thin["n_events_within_event"] == 0 and thin["recommendation"] == "paired"
    assert "within event would use none" in thin["reason"]
    alone = _frame([("a", "E1", 1.0, 0), ("b", "E2", 1.0, 0)])
    assert design_of(alone, "outlet_group", "a", "b")["recommendation"] == "pooled"
    table = design_table(_triplet(), "outlet", pairs=PAIRS)
    assert table["recommendation"].tolist() == ["paired"] * 3


def test_each_pair_is_read_in_its_own_same_event_scope():
    from analysis.compare.contrasts import same_event_rows, same_event_scopes

    table = pd.DataFrame({
        "a": ["x", "x", "x", "y", "y"], "b": ["z", "z", "z", "z", "z"],
        "scope": ["pooled", "within_event", "paired_events", "pooled", "within_event"],
        "feature": ["f"] * 5, "n_events": [0, 1, 6, 0, 4], "diff": [0.1, 0.2, 0.3, 0.4, 0.5]})
    # x-z: within event rests on 1 event (< 3): paired; y-z: within event on 4 events
    scopes = same_event_scopes(table, min_events=3)
    assert scopes == {("x", "z"): "paired_events", ("y", "z"): "within_event"}
    assert same_event_rows(table, scopes)["diff"].tolist() == [0.3, 0.5]
    assert same_event_scopes(table, min_events=1)[("x", "z")] == "within_event"
