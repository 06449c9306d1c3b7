import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import f1_score

from analysis.compare.classifier import (
    _macro_f1,
    evaluate_outlet_classifier,
    outlet_classifier,
)

GROUP_WORDS = {
    "alpha": ["invaders", "enemy", "heroic", "defenders", "occupied", "aggression"],
    "beta": ["kiev", "donbass", "neo", "alleged", "claims", "regime"],
    "gamma": ["says", "factbox", "analysis", "latest", "officials", "briefing"],
}
SHARED = ["the", "war", "russia", "ukraine", "forces", "city", "report", "day", "people"]


def _corpus(per_event: dict[str, int], n_events: int, seed: int, informative: bool
            ) -> pd.DataFrame:
    """Articles per (event, group): event words + shared words (+ the group's own words)."""
    rng = np.random.default_rng(seed)
    rows = []
    for e in range(n_events):
        event_words = [f"event{e}term{w}" for w in range(5)]
        for group, count in per_event.items():
            for _ in range(count):
                words = list(rng.choice(event_words, 4)) + list(rng.choice(SHARED, 6))
                if informative:
                    words += list(rng.choice(GROUP_WORDS[group], 3))
                rng.shuffle(words)
                rows.append({"text": " ".join(words), "outlet_group": group,
                             "event_id": f"event-{e}"})
    frame = pd.DataFrame(rows)
    frame["doc_id"] = [f"d{i:04d}" for i in range(len(frame))]
    frame["language"] = "en"
    return frame


@pytest.fixture(scope="module")
def separable():
    # per event 8 alpha, 4 beta, 4 gamma, 5 events: 80 articles, alpha is half of every fold
    corpus = _corpus({"alpha": 8, "beta": 4, "gamma": 4}, n_events=5, seed=1, informative=True)
    return evaluate_outlet_classifier(corpus, min_per_group=10, n_boot=200, seed=0)


def test_separable_groups_are_recognised(separable):
    scores = separable.scores.set_index("model")
    assert scores.loc["tfidf_logreg", "macro_f1"] >= 0.9
    assert scores.loc["tfidf_logreg", "ci_low"] <= scores.loc["tfidf_logreg", "macro_f1"]
    assert scores.loc["tfidf_logreg", "macro_f1"] <= scores.loc["tfidf_logreg", "ci_high"]
    assert scores[["n_articles", "n_events", "n_folds", "n_classes"]].iloc[0].tolist() == [
        80, 5, 5, 3]


def test_majority_baseline_by_hand(separable):
    # every training fold is half alpha, so the baseline says "alpha" for all 80 articles:
    # alpha: TP 40, FP 40, FN 0 -> F1 = 2·40 / (2·40 + 40) = 2/3; beta, gamma: F1 0.
    # macro-F1 = (2/3 + 0 + 0) / 3 = 2/9; accuracy = 40/80.
    majority = separable.scores.set_index("model").loc["majority"]
    assert majority["macro_f1"] == pytest.approx(2 / 9)
    assert majority["accuracy"] == 0.5
    assert (separable.predictions["pred_majority"] == "alpha").all()


def test_terms_are_the_group_words(separable):
    top = separable.terms[separable.terms["rank"] <= 3]
    for group, words in GROUP_WORDS.items():
        assert set(top.loc[top["outlet_group"] == group, "term"]) <= set(words)
    assert (separable.terms["coefficient"] > 0).all()
    assert separable.terms.groupby("outlet_group")["rank"].max().le(20).all()


def test_no_event_is_in_train_and_test(separable):
    predictions = separable.predictions
    assert (predictions["fold"] >= 0).all()
    for fold in range(5):
        test = set(predictions.loc[predictions["fold"] == fold, "event_id"])
        train = set(predictions.loc[predictions["fold"] != fold, "event_id"])
        assert test and not test & train
    per_fold = separable.per_fold
    assert per_fold["n_articles"].sum() == 80
    held_out = [e for events in per_fold["held_out_events"] for e in events.split(", ")]
    assert sorted(held_out) == [f"event-{e}" for e in range(5)]


def test_confusion_rows_sum_to_class_sizes(separable):
    confusion = separable.confusion
    assert len(confusion) == 9  # every (true, predicted) pair, zeros included
    totals = confusion.groupby("true")["n"].sum().to_dict()
    assert totals == {"alpha": 40, "beta": 20, "gamma": 20}
    assert confusion.groupby("true")["share_of_true"].sum().to_numpy() == pytest.approx(1.0)
    oof = separable.predictions
    hits = (oof["outlet_group"] == oof["pred_tfidf_logreg"]).mean()
    diagonal = confusion.loc[confusion["true"] == confusion["predicted"], "n"].sum()
    assert diagonal / 80 == pytest.approx(hits)


def test_text_independent_labels_score_like_chance():
    # labels shuffled independently of the (uninformative) texts: 360 articles, 6 events.
    # Over seeds 0-7 of this construction the classifier stayed within 0.08 of 1/3 and of
    # the stratified baseline.
    corpus = _corpus({"alpha": 20, "beta": 20, "gamma": 20}, n_events=6, seed=3,
                     informative=False)
    rng = np.random.default_rng(10)
    corpus["outlet_group"] = rng.permutation(corpus["outlet_group"].to_numpy())
    result = evaluate_outlet_classifier(corpus, min_per_group=10, n_boot=200, seed=0)
    scores = result.scores.set_index("model")["macro_f1"]
    assert scores["tfidf_logreg"] == pytest.approx(scores["stratified"], abs=0.1)
    assert scores["tfidf_logreg"] == pytest.approx(1 / 3, abs=0.1)  # chance, 3 classes


def test_group_selection_is_accounted_for():
    corpus = _corpus({"alpha": 8, "beta": 4, "gamma": 1}, n_events=5, seed=1, informative=True)
    extra = corpus.iloc[:3].assign(doc_id=["x1", "x2", "x3"], language="pl")
    unlabelled = corpus.iloc[:2].assign(doc_id=["y1", "y2"], event_id=None)
    corpus = pd.concat([corpus, extra, unlabelled], ignore_index=True)
    result = evaluate_outlet_classifier(corpus, min_per_group=10, n_boot=50)
    groups = result.groups.set_index("outlet_group")
    assert groups["used"].to_dict() == {"alpha": True, "beta": True, "gamma": False}
    assert groups.loc["gamma", "n_articles"] == 5
    assert "fewer than 10" in groups.loc["gamma", "reason"]
    assert result.scores["n_articles"].iloc[0] == 60  # Polish and unlabelled rows left out
    # two classes: the binary coefficient row is split into one positive list per class
    assert set(result.terms["outlet_group"]) == {"alpha", "beta"}

    only = evaluate_outlet_classifier(corpus, groups=["alpha", "gamma", "beta"],
                                      min_per_group=1, n_boot=50)
    assert only.groups["used"].all()
    picked = evaluate_outlet_classifier(corpus, groups=["alpha", "beta"], min_per_group=1,
                                        n_boot=50).groups.set_index("outlet_group")
    assert picked.loc["gamma", "reason"] == "not requested"
    with pytest.raises(ValueError, match="no 'en' event-labelled"):
        evaluate_outlet_classifier(corpus, groups=["delta"])
    with pytest.raises(ValueError, match="cannot fill"):
        evaluate_outlet_classifier(corpus, min_per_group=10, n_splits=6)


def test_result_is_deterministic_and_order_free():
    corpus = _corpus({"alpha": 6, "beta": 3, "gamma": 3}, n_events=5, seed=5, informative=True)
    first = evaluate_outlet_classifier(corpus, min_per_group=10, n_boot=100, seed=4)
    shuffled = corpus.sample(frac=1.0, random_state=2)
    second = evaluate_outlet_classifier(shuffled, min_per_group=10, n_boot=100, seed=4)
    pd.testing.assert_frame_equal(first.scores, second.scores)
    pd.testing.assert_frame_equal(first.predictions, second.predictions)


def test_macro_f1_matches_scikit_learn():
    rng = np.random.default_rng(0)
    truth, pred = rng.integers(0, 4, 300), rng.integers(0, 4, 300)
    pred[pred == 3] = 2  # class 3 never predicted: its F1 is 0
    expected = f1_score(truth, pred, labels=[0, 1, 2, 3], average="macro", zero_division=0)
    assert _macro_f1(truth, pred, 4) == pytest.approx(expected)


def test_pipeline_steps():
    model = outlet_classifier(min_df=3, seed=9)
    tfidf, logreg = model.named_steps["tfidf"], model.named_steps["logreg"]
    assert (tfidf.ngram_range, tfidf.sublinear_tf, tfidf.min_df) == ((1, 2), True, 3)
    assert (logreg.class_weight, logreg.random_state) == ("balanced", 9)


def test_the_interval_resamples_events_not_only_articles():
    from analysis.compare.classifier import _bootstrap_macro_f1

    # event A: 200 articles all predicted right; event B: 200 all predicted wrong
    truth = np.array([0, 1] * 100 + [0, 1] * 100)
    pred = np.concatenate([truth[:200], 1 - truth[200:]])
    events = np.array(["A"] * 200 + ["B"] * 200)
    boot = _bootstrap_macro_f1(truth, [pred], events, 2, 400, seed=1)[:, 0]
    low, high = np.percentile(boot, [2.5, 97.5])
    # a replicate drawing A twice scores 1, one drawing B twice scores 0: the interval
    # spans them (an article bootstrap would stay within a few points of 0.5)
    assert low < 0.05 and high > 0.95
    assert set(np.round(boot, 6)) >= {0.0, 1.0}
