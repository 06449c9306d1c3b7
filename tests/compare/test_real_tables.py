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
        # two values on a side in every stratum (text level, or event × level within
        # events: so fewer than two per stratum on the smaller side) or no spread at all
        undefined = tested[tested["effect"].isna()]
        g = undefined[undefined["effect_measure"] != "paired_d_z"]
        assert (g["effect_measure"] == "hedges_g").all()
        strata = (g["text_levels"].str.count(r"\|") + 1) * np.where(
            g["scope"] == "within_event", g["n_events"], 1)
        smaller = g[["n_a", "n_b"]].min(axis=1)
        assert ((smaller < 20) | (smaller < 2 * strata) | (g["diff"] == 0)).all()
        # paired d_z is undefined only with no spread in the event differences, and says so
        d_z = undefined[undefined["effect_measure"] == "paired_d_z"]
        assert d_z["note"].fillna("").str.contains("sd 0").all()
        assert (tested["n_a"] > 0).all() and (tested["n_b"] > 0).all()
        assert (tested["q_bh"] >= tested["p_perm"] - 1e-12).all()
        assert set(c["scope"]) == {"pooled", "within_event", "paired_events"}
        # like with like: a pair × scope with no shared text level has rows with no
        # estimate and the reason; every other row names the levels it compared
        apart = c["note"].fillna("").str.startswith("no text level with")
        assert c.loc[apart, ["diff", "p_perm"]].isna().all().all()
        assert (c.loc[apart, "adjustment"] == "not compared: no shared text level").all()
        assert c.loc[c["diff"].notna(), "text_levels"].notna().all()
        assert c.loc[~apart, "adjustment"].str.startswith(("strata: ", "none needed")).all()
        within = c[(c["scope"] == "within_event") & ~apart]
        assert (within["n_events"] >= 1).all()
        assert (within["min_per_event"] == 5).all()
        # paired: an estimate only from min_events events on; below, the row says why
        paired = c[c["scope"] == "paired_events"]
        assert (paired["min_events"] == 3).all() and (paired["min_per_event_paired"] == 1).all()
        few = paired["n_events"] < paired["min_events"]
        assert paired.loc[few, ["diff", "p_perm"]].isna().all().all()
        assert paired.loc[few, "note"].fillna("").str.contains("fewer than min_events").all()
        assert paired.loc[~few & (paired["n_a"] > 0), "diff"].notna().all()


def test_outlets_of_different_text_levels_are_not_compared(tables):
    """RT's rows are ledes, Reuters' headlines: no contrast, no keyness, and the reason."""
    c = tables("contrasts_by_outlet")
    pair = c[(c["a"] == "reuters") & (c["b"] == "rt") | (c["a"] == "rt") & (c["b"] == "reuters")]
    assert len(pair) and pair["diff"].isna().all()
    # (paired by event, one article a side per event is enough: Reuters' 3 ledes are a
    # shared level there, but on no event RT covered, so that scope has no estimate either)
    unpaired = pair[pair["scope"] != "paired_events"]
    assert unpaired["note"].str.contains(r"reuters: lede 3, headline \d+; rt: .*lede \d+").all()
    k = tables("keyness_pairs")
    pair = k[(k["label"] == "rt") & (k["versus"] == "reuters")]
    assert pair["term"].isna().all() and set(pair["scope"]) == {"pooled", "shared_events"}
    assert pair["note"].str.endswith("not compared").all()


def test_estimates_count_every_article_once(processed, tables):
    corpus, _ = processed
    for name, by in (("estimates_by_outlet", "outlet"),
                     ("estimates_by_outlet_group", "outlet_group")):
        e = tables(name)
        # a feature every article has: its n per unit is the unit's article count
        words = e[e["feature"] == "lex__n_words"]
        assert words.groupby("unit")["n_articles"].sum().to_dict() == (
            corpus[by].value_counts().to_dict())
        # ... and at each text level, its articles of that level (like with like)
        per_level = words.set_index(["unit", "text_level"])["n_articles"]
        assert per_level.to_dict() == corpus.groupby([by, "text_level"]).size().to_dict()
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


def _function_word_shares(table: pd.DataFrame, keys: list[str], n: int = 20) -> pd.Series:
    """Per comparison and side, the share of function words (scikit-learn's English stop
    words) among its `n` highest-|z| terms."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    shares = {}
    for key, rows in table[table["term"].notna()].groupby(keys):
        for side, top in (("a", rows[rows["z"] > 0].nlargest(n, "z")),
                          ("b", rows[rows["z"] < 0].nsmallest(n, "z"))):
            if len(top) >= n // 2:
                shares[(*key, side)] = top["term"].isin(ENGLISH_STOP_WORDS).mean()
    return pd.Series(shares)


def test_key_terms_are_not_function_words_within_one_text_level(processed, tables):
    """The README's claim: within one text level, function words are at most a third of a
    pair's top 20; across levels they dominate, so no comparison crosses levels."""
    from analysis.compare.keyness import keyness_pair

    k = tables("keyness_pairs")
    made = k[k["term"].notna()]
    assert made["text_level"].notna().all() and len(made) > 100
    # each comparison is of one level on both sides: its article counts are that level's
    corpus = processed[0]
    english = corpus[corpus["language"] == "en"]
    for (label, versus, level, scope, text_level), rows in made.groupby(
            ["label", "versus", "level", "scope", "text_level"]):
        if scope == "pooled":
            here = english[english["text_level"] == text_level]
            assert rows["n_docs_a"].iloc[0] == (here[level] == label).sum()
            assert rows["n_docs_b"].iloc[0] == (here[level] == versus).sum()
    shares = _function_word_shares(made, ["label", "versus", "level", "scope", "text_level"])
    assert len(shares) >= 10 and shares.max() <= 1 / 3, shares.sort_values().tail()
    groups = tables("keyness_by_outlet_group")
    shares = _function_word_shares(groups[groups["language"] == "en"],
                                   ["label", "level", "text_level"])
    assert len(shares) >= 5 and shares.max() <= 0.5, shares.sort_values().tail()
    # the check bites: RT's ledes against Reuters' headlines, the comparison the table
    # refuses, puts function words (the, a, has, and ...) at the top of RT's side
    pair = english[english["outlet"].isin(["rt", "reuters"])]
    across = keyness_pair(pair["text"].tolist(), pair["outlet"].tolist(), "rt", "reuters",
                          n_perm=0).assign(k="rt-reuters")
    # (13 of RT's top 20, as the README says)
    assert _function_word_shares(across, ["k"])[("rt-reuters", "a")] == 13 / 20
