import numpy as np
import pandas as pd
import pytest

from analysis.compare.alignment import (
    _candidate_pairs,
    _date_window_components,
    _prepare,
    align_stories,
    alignment_scores,
    alignment_sweep,
)


def _articles() -> pd.DataFrame:
    """Two stories in early March 2022 and a copy of the first one three weeks later."""
    rows = [
        ("a1", "2022-03-01 08:00", "Dam burst floods Kherson villages, thousands evacuated",
         "dam"),
        ("a2", "2022-03-01 15:00", "Thousands evacuated as Kherson dam burst floods villages",
         "dam"),
        ("a3", "2022-03-02 09:00", "Kherson villages flooded after dam burst; evacuations",
         "dam"),
        ("b1", "2022-03-01 10:00", "Grain corridor deal signed in Istanbul by ministers",
         "grain"),
        ("b2", "2022-03-03 12:00", "Ministers sign grain corridor deal in Istanbul", "grain"),
        ("b3", "2022-03-02 18:00", "Istanbul grain corridor deal: ministers sign", "grain"),
        ("c1", "2022-03-25 08:00", "Dam burst floods Kherson villages, thousands evacuated",
         "dam-again"),
    ]
    frame = pd.DataFrame(rows, columns=["doc_id", "date", "text", "event_id"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["language"] = "en"
    return frame


def test_two_stories_and_a_late_duplicate():
    stories = align_stories(_articles(), threshold=0.3, window_days=3)
    got = dict(zip(stories["doc_id"], stories["story_id"], strict=True))
    # story ids are the earliest article of each component
    assert got == {"a1": "a1", "a2": "a1", "a3": "a1", "b1": "b1", "b2": "b1", "b3": "b1",
                   "c1": "c1"}
    assert dict(zip(stories["doc_id"], stories["story_size"], strict=True))["a2"] == 3
    assert stories["date"].is_monotonic_increasing
    # a window that reaches the copy (24 days after a1) pulls it into the dam story
    wide = align_stories(_articles(), threshold=0.3, window_days=30)
    assert wide.set_index("doc_id")["story_id"]["c1"] == "a1"


def test_alignment_ignores_row_order_and_other_languages():
    articles = _articles()
    polish = articles.iloc[:2].assign(doc_id=["p1", "p2"], language="pl")
    shuffled = pd.concat([articles, polish]).sample(frac=1.0, random_state=3)
    expected = align_stories(articles, threshold=0.3, window_days=3)
    pd.testing.assert_frame_equal(align_stories(shuffled, threshold=0.3, window_days=3),
                                  expected)


def test_undated_articles_are_singletons():
    articles = _articles()
    articles.loc[articles["doc_id"] == "a2", "date"] = pd.NaT
    stories = align_stories(articles, threshold=0.3, window_days=3).set_index("doc_id")
    assert stories.loc["a2", "story_id"] == "a2" and stories.loc["a2", "story_size"] == 1
    assert stories.loc["a3", "story_id"] == "a1"


def test_chunked_pairs_equal_the_dense_computation():
    rng = np.random.default_rng(0)
    vocabulary = [f"w{i}" for i in range(30)]
    corpus = pd.DataFrame({
        "doc_id": [f"d{i:03d}" for i in range(120)],
        "date": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.uniform(0, 20, 120), "D"),
        "text": [" ".join(rng.choice(vocabulary, 6)) for _ in range(120)],
        "language": "en",
    })
    _, matrix, days = _prepare(corpus, "en", min_df=1)
    i, j, sim, gap = _candidate_pairs(matrix, days, threshold=0.3, window_days=2.5,
                                      chunk_size=7)
    dense = (matrix @ matrix.T).toarray()
    upper = np.triu(np.ones_like(dense, dtype=bool), k=1)
    within = np.abs(days[:, None] - days[None, :]) <= 2.5
    expected = np.argwhere(upper & within & (dense >= 0.3))
    got = np.column_stack([i, j])
    assert sorted(map(tuple, got)) == sorted(map(tuple, expected))
    assert sim == pytest.approx(dense[i, j])
    assert (gap >= 0).all() and (gap <= 2.5).all()


def test_date_window_components_by_hand():
    days = np.array([0.0, 0.5, 2.0, 5.5, 6.0, 20.0, np.nan])
    # gaps 0.5, 1.5, 3.5, 0.5, 14: a 2-day window breaks before 5.5 and 20; NaN stands alone
    assert _date_window_components(days, 2.0).tolist() == [0, 0, 0, 3, 3, 5, 6]
    assert _date_window_components(days, 1.0).tolist() == [0, 0, 2, 3, 3, 5, 6]


def test_scores_by_hand():
    # predicted [0, 0, 1, 1, 1] vs reference [a, a, a, b, b]
    # contingency (rows predicted 0/1, columns a/b): [[2, 0], [1, 2]]
    # purity: cluster 0's majority a (2), cluster 1's majority b (2) -> (2 + 2) / 5 = 0.8
    # inverse purity: a's best cluster 0 (2), b's best cluster 1 (2) -> (2 + 2) / 5 = 0.8
    # ARI: sum C(n_ij, 2) = C(2,2) + C(1,2) + C(2,2) = 2; rows C(2,2) + C(3,2) = 4;
    # columns C(3,2) + C(2,2) = 4; C(5,2) = 10; expected = 4·4/10 = 1.6; max = (4+4)/2 = 4
    # -> ARI = (2 - 1.6) / (4 - 1.6) = 1/6
    row = alignment_scores([0, 0, 1, 1, 1], ["a", "a", "a", "b", "b"]).iloc[0]
    assert row["purity"] == pytest.approx(0.8)
    assert row["inverse_purity"] == pytest.approx(0.8)
    assert row["ari"] == pytest.approx(1 / 6)
    assert (row["n_articles"], row["n_clusters"], row["n_reference"]) == (5, 2, 2)


def test_scores_identical_and_trivial_partitions():
    reference = ["a", "a", "b", "b", "c"]
    same = alignment_scores([7, 7, 3, 3, 9], reference).iloc[0]  # relabelled: still identical
    assert (same["ari"], same["purity"], same["inverse_purity"]) == (1.0, 1.0, 1.0)
    one = alignment_scores([0] * 5, reference).iloc[0]
    # one cluster: purity = 2/5 (its majority label), inverse purity 1, ARI 0
    assert (one["ari"], one["purity"], one["inverse_purity"]) == (0.0, 0.4, 1.0)
    singletons = alignment_scores(range(5), reference).iloc[0]
    assert (singletons["purity"], singletons["inverse_purity"]) == (1.0, 0.6)


def test_scores_use_labelled_articles_and_align_series_by_index():
    predicted = pd.Series([0, 0, 1, 1, 1, 5], index=list("uvwxyz"))
    reference = pd.Series(["b", "b", "a", "a", "a", None], index=list("xyuvwz"))
    row = alignment_scores(predicted, reference).iloc[0]
    # paired by index: u,v,w -> a,a,a and x,y -> b,b; z has no reference label
    assert row["n_articles"] == 5 and row["n_clusters"] == 2
    assert (row["purity"], row["inverse_purity"]) == (pytest.approx(0.8), pytest.approx(0.8))
    with pytest.raises(ValueError, match="predicted labels"):
        alignment_scores([0, 1], ["a"])


def test_sweep_rows_and_baselines():
    articles = _articles()
    table = alignment_sweep(articles, thresholds=(0.3, 0.9), window_days=(1, 3))
    assert table["method"].tolist() == ["one-cluster"] + ["date-window"] * 2 + ["tfidf"] * 4
    one = table.iloc[0]
    assert (one["ari"], one["inverse_purity"], one["n_stories"]) == (0.0, 1.0, 1)
    assert one["purity"] == pytest.approx(3 / 7)  # dam 3, grain 3, dam-again 1
    # date-window 3 days: the six early-March articles form one cluster, c1 another
    window3 = table[(table["method"] == "date-window") & (table["window_days"] == 3)].iloc[0]
    assert (window3["n_stories"], window3["largest_story"]) == (2, 6)
    # each grid point equals align_stories run on its own
    for row in table[table["method"] == "tfidf"].itertuples():
        stories = align_stories(articles, threshold=row.threshold, window_days=row.window_days)
        scores = alignment_scores(stories["story_id"].to_numpy(),
                                  articles.set_index("doc_id").loc[stories["doc_id"],
                                                                   "event_id"].to_numpy())
        assert row.ari == pytest.approx(scores["ari"].iloc[0])
        assert row.n_stories == stories["story_id"].nunique()
    best = table[(table["method"] == "tfidf") & (table["threshold"] == 0.3)
                 & (table["window_days"] == 3)].iloc[0]
    assert (best["ari"], best["purity"], best["inverse_purity"]) == (1.0, 1.0, 1.0)
