import math
import unicodedata
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from analysis.compare.keyness import (
    NoTerms,
    _corpus,
    alpha0_sensitivity,
    informative_prior,
    keyness_pair,
    keyness_table,
    log_odds_dirichlet,
    log_ratio,
    tokenize,
)

A_COUNTS = np.array([10, 0, 5])
B_COUNTS = np.array([2, 8, 5])


def test_informative_prior_by_hand():
    # pooled [12, 8, 10], 30 tokens; alpha0 = 10 -> 10 * [12, 8, 10] / 30
    assert informative_prior(A_COUNTS + B_COUNTS, 10).tolist() == pytest.approx(
        [4, 8 / 3, 10 / 3], abs=1e-12)
    with pytest.raises(ValueError):
        informative_prior(np.zeros(3), 10)


def test_log_odds_dirichlet_by_hand():
    # alpha = [4, 8/3, 10/3], alpha0 = 10, n_a = n_b = 15, so n + alpha0 = 25
    # word 1: a (10+4)/(25-14) = 14/11, b (2+4)/(25-6) = 6/19
    #         delta = log(14*19 / (11*6)) = log(133/33), var = 1/14 + 1/6 = 5/21
    # word 2: a (8/3)/(25-8/3) = 8/67, b (8+8/3)/(25-32/3) = 32/43
    #         delta = log(8*43 / (67*32)) = log(43/268), var = 3/8 + 3/32 = 15/32
    # word 3: a (25/3)/(50/3) = 1/2 = b -> delta 0, z 0
    delta, z = log_odds_dirichlet(A_COUNTS, B_COUNTS, informative_prior(A_COUNTS + B_COUNTS, 10))
    expected_delta = [math.log(133 / 33), math.log(43 / 268), 0.0]
    expected_z = [math.log(133 / 33) / math.sqrt(5 / 21),
                  math.log(43 / 268) / math.sqrt(15 / 32), 0.0]
    assert delta.tolist() == pytest.approx(expected_delta, rel=1e-9, abs=1e-12)
    assert z.tolist() == pytest.approx(expected_z, rel=1e-9, abs=1e-12)
    assert z[0] == pytest.approx(2.856525182, rel=1e-9)


def test_log_odds_dirichlet_swaps_sign_and_checks_inputs():
    prior = informative_prior(A_COUNTS + B_COUNTS, 10)
    d_ab, z_ab = log_odds_dirichlet(A_COUNTS, B_COUNTS, prior)
    d_ba, z_ba = log_odds_dirichlet(B_COUNTS, A_COUNTS, prior)
    assert d_ba.tolist() == pytest.approx((-d_ab).tolist())
    assert z_ba.tolist() == pytest.approx((-z_ab).tolist())
    with pytest.raises(ValueError):
        log_odds_dirichlet(A_COUNTS, B_COUNTS, np.array([1.0, 0.0, 1.0]))
    with pytest.raises(ValueError):
        log_odds_dirichlet(A_COUNTS, B_COUNTS[:2], prior)


def test_log_ratio_by_hand():
    # totals 15 and 15: word 1 log2((10/15)/(2/15)) = log2 5;
    # word 2: the zero becomes 0.5, log2((0.5/15)/(8/15)) = log2(1/16) = -4; word 3: 0
    assert log_ratio(A_COUNTS, B_COUNTS).tolist() == pytest.approx(
        [math.log2(5), -4.0, 0.0], abs=1e-12)
    # unequal totals 3 and 10 (the 0.5 does not enter the totals):
    # log2((3/3)/(1/10)) = log2 10; log2((0.5/3)/(9/10)) = log2(5/27)
    assert log_ratio(np.array([3, 0]), np.array([1, 9])).tolist() == pytest.approx(
        [math.log2(10), math.log2(5 / 27)], abs=1e-12)
    # only zeros are replaced: a count of 1 stays 1 -> log2((1/2)/(1/2)) = 0
    assert log_ratio(np.array([1, 1]), np.array([1, 1])).tolist() == [0.0, 0.0]


def test_tokenize_keeps_polish_letters_and_drops_digits_and_underscores():
    assert tokenize("Łukaszenka spotkał się z Putinem.") == [
        "łukaszenka", "spotkał", "się", "z", "putinem"]
    assert tokenize("COVID19 snake_case 2024 F-16 Russia's Russia’s") == [
        "covid", "snake", "case", "f", "russia", "russia"]
    # abbreviations and contractions stay one word; a sentence's full stop is dropped
    assert tokenize("The U.S. said it. Don't.") == ["the", "u.s", "said", "it", "don't"]
    # decomposed input (e + combining ogonek) is normalised to one letter, not split
    assert tokenize(unicodedata.normalize("NFD", "SIĘ")) == ["się"]


def test_document_term_matrix_is_sparse_and_min_df_filters():
    corpus = _corpus(["war war peace", "war", "peace talks"], ["x", "x", "y"], min_df=2)
    assert sparse.issparse(corpus.counts)
    assert corpus.terms.tolist() == ["peace", "war"]  # "talks" is in one document only
    assert corpus.lengths.tolist() == [3, 1, 1]


SMALL_TEXTS = ["war war peace", "war tanks", "peace talks", "peace talks war"]
SMALL_LABELS = ["x", "x", "y", "y"]


def test_keyness_table_by_hand():
    # x: war 3, peace 1, tanks 1 (n 5); y: peace 2, talks 2, war 1 (n 5)
    # pooled peace 3, talks 2, tanks 1, war 4 (10 tokens) -> alpha0 10: alpha = same counts
    # war for x: a (3+4)/(15-7) = 7/8, b (1+4)/(15-5) = 1/2 -> delta log(7/4),
    #            var 1/7 + 1/5 = 12/35; log ratio log2((3/5)/(1/5)) = log2 3
    # talks for y: a (2+2)/(15-4) = 4/11, b 2/(15-2) = 2/13 -> delta log(26/11),
    #            var 1/4 + 1/2 = 3/4; log ratio log2((2/5)/(0.5/5)) = 2
    table = keyness_table(SMALL_TEXTS, SMALL_LABELS, alpha0=10, min_df=1, top=1, n_perm=0)
    assert table[["label", "term"]].values.tolist() == [["x", "war"], ["y", "talks"]]
    war, talks = table.iloc[0], table.iloc[1]
    assert (war["count_label"], war["count_rest"], war["docs_label"], war["docs_rest"]) == (
        3, 1, 2, 1)
    assert war["delta"] == pytest.approx(math.log(7 / 4), rel=1e-9)
    assert war["z"] == pytest.approx(math.log(7 / 4) / math.sqrt(12 / 35), rel=1e-9)
    assert war["log_ratio"] == pytest.approx(math.log2(3), rel=1e-9)
    assert talks["z"] == pytest.approx(math.log(26 / 11) / math.sqrt(3 / 4), rel=1e-9)
    assert talks["log_ratio"] == pytest.approx(2.0, rel=1e-9)
    assert (talks["count_rest"], talks["docs_rest"]) == (0, 0)
    assert table["alpha0"].eq(10.0).all() and table["versus"].eq("rest").all()
    assert table["p_doc_perm"].isna().all()  # n_perm=0: not checked


def _prolific_vs_spread():
    # group a: 20 documents; the first repeats "zebra" 30 times, 16 of them say "spread"
    # once. group b: 20 documents of filler only.
    filler = "the news today"
    a = [filler + " zebra" * 30] + [filler] * 19
    a = [text + (" spread" if i < 16 else "") for i, text in enumerate(a)]
    return a + [filler] * 20, ["a"] * 20 + ["b"] * 20


def test_document_permutation_discounts_one_prolific_document():
    texts, labels = _prolific_vs_spread()
    table = keyness_table(texts, labels, alpha0=50, min_df=1, n_perm=200, seed=1)
    a = table[table["label"] == "a"].set_index("term")
    zebra, spread = a.loc["zebra"], a.loc["spread"]
    # by tokens, zebra is the more key of the two and both pass |z| >= 1.96 ...
    assert zebra["z"] > spread["z"] > 1.96
    assert (zebra["docs_label"], spread["docs_label"]) == (1, 16)
    # ... but zebra's one document falls in a random half of the documents half the time
    # (p near 1/2), while all 16 "spread" documents landing in group a's 20 of 40 is rare
    # (p at its floor 1/201 or close)
    assert zebra["p_doc_perm"] > 0.3
    assert spread["p_doc_perm"] < 0.02


def test_only_the_top_terms_get_a_permutation_p_value():
    texts, labels = _prolific_vs_spread()
    table = keyness_table(texts, labels, alpha0=50, min_df=1, perm_top=1, n_perm=50)
    checked = table.dropna(subset=["p_doc_perm"])
    assert checked[["label", "term"]].values.tolist() == [["a", "zebra"], ["b", "news"]]
    # p = (1 + k) / (1 + n_perm) for an integer k
    k = checked["p_doc_perm"] * 51 - 1
    assert np.allclose(k, k.round())


def test_permutation_ties_count_against_the_term():
    # six identical documents, two labelled a: every permutation gives exactly the observed
    # counts, so every permuted z ties the observed one and p = (1 + 30) / (1 + 30) = 1.
    # (Each side's shares equal the pooled ones, so delta = log(pi/(1-pi)) - log(pi/(1-pi))
    # = 0 exactly; in floating point it comes out as +-1e-16 noise, not always the same
    # noise for the observed and the permuted z: ties need the tolerance.)
    texts = ["alpha beta beta"] * 6
    table = keyness_table(texts, ["a", "a", "b", "b", "b", "b"], alpha0=7, min_df=1,
                          n_perm=30)
    assert table["z"].abs().max() < 1e-12
    assert table["p_doc_perm"].eq(1.0).all()


def test_keyness_table_is_deterministic_sorted_and_covers_every_label():
    texts, labels = _prolific_vs_spread()
    texts, labels = [*texts, "peace talks", "peace"], [*labels, "c", "c"]
    one = keyness_table(texts, labels, alpha0=50, min_df=1, n_perm=100, seed=7)
    two = keyness_table(texts, labels, alpha0=50, min_df=1, n_perm=100, seed=7)
    pd.testing.assert_frame_equal(one, two)
    assert one["label"].unique().tolist() == ["a", "b", "c"]
    for _, group in one.groupby("label"):
        ordered = group.sort_values(["z", "term"], ascending=[False, True])
        assert group.index.tolist() == ordered.index.tolist()
    # the seed drives the permutations: p-values away from the floor move with it
    other = keyness_table(texts, labels, alpha0=50, min_df=1, n_perm=100, seed=8)
    assert not np.allclose(one["p_doc_perm"], other["p_doc_perm"], equal_nan=True)
    pd.testing.assert_frame_equal(one.drop(columns="p_doc_perm"),
                                  other.drop(columns="p_doc_perm"))
    # document order changes nothing but the permutation draws
    order = np.random.default_rng(0).permutation(len(texts))
    shuffled = keyness_table([texts[i] for i in order], [labels[i] for i in order],
                             alpha0=50, min_df=1, n_perm=0)
    pd.testing.assert_frame_equal(one.drop(columns="p_doc_perm"),
                                  shuffled.drop(columns="p_doc_perm"))


def test_keyness_table_keeps_significant_terms_and_the_top_ones():
    texts, labels = _prolific_vs_spread()
    table = keyness_table(texts, labels, alpha0=50, min_df=1, top=1, n_perm=0)
    # a: zebra (z 3.57) and spread (2.40) pass 1.96; the filler (z -1.86) does not.
    # b: the mirror image: zebra and spread at -3.57, -2.40 pass as under-used; of the
    # filler (z +1.86, a three-way tie) only the top one, "news" (alphabetical), is kept
    assert table[["label", "term"]].values.tolist() == [
        ["a", "zebra"], ["a", "spread"], ["b", "news"], ["b", "spread"], ["b", "zebra"]]


def test_keyness_pair_compares_two_labels_with_the_pooled_prior():
    texts = [*SMALL_TEXTS, "talks talks"]
    labels = [*SMALL_LABELS, "z"]
    table = keyness_pair(texts, labels, "y", "x", alpha0=12, min_df=1, top=1, n_perm=0)
    # y: talks 2 vs x: talks 0 (z's two talks are not counted); n_y = n_x = 5
    # the prior pools all five documents: peace 3, talks 4, tanks 1, war 4 (12 tokens),
    # alpha0 12 -> alpha_talks = 4: a (2+4)/(17-6) = 6/11, b 4/(17-4) = 4/13
    # delta log(78/44), var 1/6 + 1/4 = 5/12
    assert table[["label", "versus", "term"]].values.tolist() == [["y", "x", "talks"]]
    row = table.iloc[0]
    assert (row["count_label"], row["count_rest"]) == (2, 0)
    assert row["z"] == pytest.approx(math.log(78 / 44) / math.sqrt(5 / 12), rel=1e-9)
    with pytest.raises(ValueError):
        keyness_pair(texts, labels, "y", "nobody", min_df=1)


def test_a_label_without_vocabulary_tokens_still_gets_rows():
    # "zzz" is in one document only, so min_df=2 leaves label c with no token: its
    # relative frequencies, hence log ratios, are undefined, but z is not
    table = keyness_table([*SMALL_TEXTS, "zzz"], [*SMALL_LABELS, "c"], alpha0=10, min_df=2,
                          top=1, n_perm=10)
    c = table[table["label"] == "c"]
    assert len(c) == 1 and c["log_ratio"].isna().all() and c["count_label"].eq(0).all()


def test_keyness_rejects_a_single_label_and_missing_labels():
    with pytest.raises(ValueError):
        keyness_table(SMALL_TEXTS, ["x"] * 4, min_df=1)
    with pytest.raises(ValueError):
        keyness_table(SMALL_TEXTS, ["x", None, "y", "y"], min_df=1)


def test_no_word_in_enough_articles_is_said_as_such():
    # every word in one article only: min_df=2 leaves nothing to compare; no word at all
    # (only digits and punctuation) neither; both named, not scikit-learn's message
    texts, labels = ["alpha beta", "gamma delta", "epsilon", "zeta eta"], list("xxyy")
    for make in (keyness_table, lambda t, lab, **k: keyness_pair(t, lab, "x", "y", **k),
                 alpha0_sensitivity):
        with pytest.raises(NoTerms, match=r"no word is in 2\+ of the 4 articles"):
            make(texts, labels, min_df=2)
    with pytest.raises(NoTerms, match=r"in 1\+ of the 2 articles"):
        keyness_table(["2022 — 17", "..."], ["x", "y"], min_df=1)
    # fewer articles than min_df (scikit-learn said "max_df corresponds to < documents
    # than min_df"), and one word only (its odds are against no other word's: the
    # log-odds divided by zero)
    with pytest.raises(NoTerms, match=r"no word is in 5\+ of the 4 articles"):
        keyness_pair(texts, labels, "x", "y", min_df=5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(NoTerms, match=r"one word only is in 2\+ of the 4 articles"):
            keyness_pair(["minsk says", "minsk", "minsk again", "minsk now"], labels, "x",
                         "y", min_df=2)


def test_alpha0_sensitivity_by_hand():
    # a: frequent 30, rare 4, filler 70 (n 104); b: frequent 20, filler 80 (n 100).
    texts = ["frequent " * 30 + "rare " * 4 + "filler " * 70, "frequent " * 20 + "filler " * 80]
    table = alpha0_sensitivity(texts, ["a", "b"], alphas=(1, 100), top=1, default_alpha0=100,
                               min_df=1)

    def z(y_a, y_b, pooled, alpha0):
        alpha = alpha0 * pooled / 204  # pooled: frequent 50, rare 4, filler 150
        a, b = y_a + alpha, y_b + alpha
        return (math.log(a / (104 + alpha0 - a)) - math.log(b / (100 + alpha0 - b))
                ) / math.sqrt(1 / a + 1 / b)

    # with alpha0 = 1 the rare word's tiny alpha in b inflates its variance:
    # frequent 1.667 beats rare 0.744; with alpha0 = 100 rare 1.351 beats frequent 1.198
    assert z(30, 20, 50, 1) > z(4, 0, 4, 1)
    assert z(4, 0, 4, 100) > z(30, 20, 50, 100)
    a = table[table["label"] == "a"].set_index("alpha0")
    assert a.loc[1.0, "term"] == "frequent" and a.loc[100.0, "term"] == "rare"
    assert a.loc[1.0, "z"] == pytest.approx(z(30, 20, 50, 1), rel=1e-9)
    # top-1 sets {frequent} vs {rare}: Jaccard 0; at the default itself 1
    assert a.loc[1.0, "jaccard_default"] == 0.0 and not a.loc[1.0, "in_default_top"]
    assert a.loc[100.0, "jaccard_default"] == 1.0
    b = table[table["label"] == "b"]
    assert b["term"].tolist() == ["filler", "filler"] and b["jaccard_default"].eq(1.0).all()
    assert table.columns.tolist() == ["alpha0", "label", "rank", "term", "z", "delta",
                                      "in_default_top", "jaccard_default"]
