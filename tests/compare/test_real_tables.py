"""Checks on the comparison tables `make compare` wrote from the real corpus (tables/)."""

import numpy as np
import pandas as pd
import pytest

from analysis.compare.run import TABLES
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def tables():
    missing = [n for n in TABLES if not (ROOT / "tables" / f"{n}.csv").exists()]
    if missing:
        pytest.fail(f"tables/{missing[0]}.csv is missing: run `make compare` (make test does)")
    return lambda name: pd.read_csv(ROOT / "tables" / f"{name}.csv")


def test_no_p_value_without_its_difference_interval_and_n(tables):
    for name in ("contrasts_by_outlet_group", "contrasts_by_outlet"):
        c = tables(name)
        tested = c[c["p_perm"].notna()]
        assert len(tested) > 1000, name
        assert tested[["diff", "ci_low", "ci_high", "q_bh"]].notna().all().all()
        assert np.isfinite(tested[["mean_a", "mean_b", "diff", "ci_low", "ci_high"]]).all().all()
        # an effect size is missing only where it is undefined: Hedges' g with fewer than
        # two values on a side (in every event, within events) or no spread at all
        undefined = tested[tested["effect"].isna()]
        g = undefined[undefined["effect_measure"] != "paired_d_z"]
        assert (g["effect_measure"] == "hedges_g").all()
        assert ((g[["n_a", "n_b"]].min(axis=1) < 20) | (g["diff"] == 0)).all()
        # paired d_z is undefined only with no spread in the event differences, and says so
        d_z = undefined[undefined["effect_measure"] == "paired_d_z"]
        assert d_z["note"].fillna("").str.contains("sd 0").all()
        assert (tested["n_a"] > 0).all() and (tested["n_b"] > 0).all()
        assert (tested["q_bh"] >= tested["p_perm"] - 1e-12).all()
        assert set(c["scope"]) == {"pooled", "within_event", "paired_events"}
        within = c[c["scope"] == "within_event"]
        assert (within["n_events"] >= 1).all()
        assert (within["min_per_event"] == 5).all()
        # paired: an estimate only from min_events events on; below, the row says why
        paired = c[c["scope"] == "paired_events"]
        assert (paired["min_events"] == 3).all() and (paired["min_per_event_paired"] == 1).all()
        few = paired["n_events"] < paired["min_events"]
        assert paired.loc[few, ["diff", "p_perm"]].isna().all().all()
        assert paired.loc[few, "note"].fillna("").str.contains("fewer than min_events").all()
        assert paired.loc[~few & (paired["n_a"] > 0), "diff"].notna().all()


def test_estimates_count_every_article_once(processed, tables):
    corpus, _ = processed
    for name, by in (("estimates_by_outlet", "outlet"),
                     ("estimates_by_outlet_group", "outlet_group")):
        e = tables(name)
        # a feature every article has: its n per unit is the unit's article count
        words = e[e["feature"] == "lex__n_words"].set_index("unit")["n_articles"]
        assert words.to_dict() == corpus[by].value_counts().to_dict()
        ok = e[e["n_articles"] > 1]
        assert (ok["ci_low"] <= ok["mean"] + 1e-9).all()
        assert (ok["mean"] <= ok["ci_high"] + 1e-9).all()


def test_classifier_beats_its_baselines(tables):
    scores = tables("classifier_scores").set_index("model")
    for baseline in ("majority", "stratified"):
        assert scores.at["tfidf_logreg", "ci_low"] > scores.at[baseline, "ci_high"]
    confusion = tables("classifier_confusion")
    assert confusion["n"].sum() == scores.at["tfidf_logreg", "n_articles"]


def test_variant_shares_sum_to_one(tables):
    choices = tables("term_choices_by_outlet")
    used = choices[choices["concept_mentions"] > 0]
    sums = used.groupby(["outlet", "concept"])["share"].sum()
    assert np.allclose(sums, 1.0)


def test_headlines_are_real(processed, tables):
    corpus, _ = processed
    shown = tables("same_event_headlines")
    picked = shown.merge(corpus[["doc_id", "title", "lede", "outlet", "event_id"]],
                         on="doc_id", suffixes=("", "_corpus"))
    assert len(picked) == len(shown)
    assert (picked["event_id"] == picked["event_id_corpus"]).all()
    titles = picked[picked["shown"] == "title"]
    assert (titles["title"] == titles["title_corpus"]).all()
    ledes = picked[picked["shown"] == "lede"]  # untitled rows show their lede's first sentence
    assert all(lede.startswith(t) for t, lede in zip(ledes["title"], ledes["lede"], strict=True))
    assert "rt" in set(shown["outlet"])  # RT's RUWA rows have ledes but no titles


def test_keyness_small_groups_are_left_out(tables):
    keyness = tables("keyness_by_outlet_group")
    english = keyness[(keyness["language"] == "en") & (keyness["level"] == "outlet_group")]
    assert "russian-independent" not in set(english["label"])  # 6 articles
    assert {"russian-state", "western", "ukrainian-state"} <= set(english["label"])
