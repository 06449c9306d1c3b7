import numpy as np
import pandas as pd
import pytest

from analysis.compare.validity import (
    frame_validity,
    krippendorff_alpha,
    load_narrative_frames,
    load_newsmtsc,
    predict_source_types,
    sentiment_validity,
    source_type_validity,
    split_halves,
)
from tests.conftest import DATA


def test_narrative_frames_rows_are_all_accounted_for():
    articles, report = load_narrative_frames()
    assert len(report) == 428
    assert report["status"].value_counts().to_dict() == {"kept": 426, "repaired": 1,
                                                         "rejected": 1}
    assert report.loc[report["status"] == "rejected", "ID"].tolist() == ["405"]
    assert report.loc[report["status"] == "repaired", "ID"].tolist() == ["716"]
    assert len(articles) == 427
    # label totals as the corpus documents them (SOURCES: CO 268, EC 127, HI 49, MO 44, RE 191)
    assert articles[["conflict", "economic", "human_interest", "morality",
                     "responsibility"]].sum().tolist() == [268, 127, 49, 44, 191]


def test_the_committed_split_is_the_seeded_one():
    articles, _ = load_narrative_frames()
    halves = split_halves(articles["ID"])
    committed = pd.read_csv(DATA / "validation" / "narrative_frames_split.csv", dtype=str)
    assert dict(zip(articles["ID"], halves, strict=True)) == dict(
        zip(committed["ID"], committed["half"], strict=True))
    assert halves.value_counts().to_dict() == {"held_out": 214, "tuning": 213}
    assert not split_halves(articles["ID"], seed=1).equals(halves)  # the seed matters


def test_frame_validity_by_hand():
    # tuning: ids 0-3, held out: 4-7. Conflict truth and cue rates chosen so that the best
    # tuning threshold is 2.0 (F1 1.0 there).
    articles = pd.DataFrame({
        "conflict": [True, True, False, False, True, False, True, False],
        **{f: [False] * 8 for f in ("economic", "human_interest", "morality", "responsibility")},
    })
    rates = pd.DataFrame({f"frame__generic_{f}_rate": [0.0] * 8 for f in
                          ("economic", "human_interest", "morality", "responsibility")})
    rates["frame__generic_conflict_rate"] = [3.0, 2.0, 1.0, 0.0, 5.0, 2.5, 0.0, 0.0]
    halves = pd.Series(["tuning"] * 4 + ["held_out"] * 4)
    row = frame_validity(articles, rates, halves).set_index("frame").loc["conflict"]
    assert row["threshold_per_1k_words"] == 2.0
    # held out: predicted [T, T, F, F] vs truth [T, F, T, F] -> P = 1/2, R = 1/2
    assert (row["precision"], row["recall"], row["f1"]) == (0.5, 0.5, 0.5)
    # tuning prevalence 1/2 -> majority "present" (ties go to present): F1 = 2/3
    assert row["f1_majority"] == pytest.approx(2 / 3)
    assert row["f1_base_rate"] == pytest.approx(0.5)


def test_sentiment_validity_by_hand():
    targets = pd.DataFrame({"polarity": ["negative", "negative", "neutral", "positive"]})
    compounds = pd.Series([-0.6, 0.0, 0.01, 0.7])
    table = sentiment_validity(targets, compounds).set_index("measure")
    vader = table.loc["vader_sentence"]
    assert vader["accuracy"] == 0.75
    # negative F1 = 2/3 (P 1, R 1/2); neutral F1 = 2/3 (P 1/2, R 1); positive F1 = 1
    assert vader["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 1) / 3)
    assert table.loc["majority (negative)", "accuracy"] == 0.5


def test_newsmtsc_targets():
    targets = load_newsmtsc()
    assert len(targets) == 8739
    assert targets["polarity"].value_counts().to_dict() == {
        "negative": 3316, "neutral": 3028, "positive": 2395}


def test_source_type_validity_by_hand():
    labels = pd.DataFrame({
        "set": ["design"] * 4 + ["held_out"] * 2,
        "language": ["en", "en", "pl", "pl", "en", "en"],
        "source_type": ["media", "media", "other", "expert", "unknown", "media"]})
    given = pd.Series(["media", None, "media", "expert", None, "expert"])
    table = source_type_validity(labels, given).set_index(["measure", "set", "language"])
    design = table.loc[("sourcing", "design", "all")]
    # typed 3 (rows 0, 2, 3), right 2 (0, 3), typable 3 (0, 1, 3); accuracy: rows 0 and 3
    # right, row 1 missed, row 2 typed where no type was right -> 2/4
    assert (design["n_typed"], design["n_right"], design["n_typable"]) == (3, 2, 3)
    assert design["precision"] == pytest.approx(2 / 3) and design["recall"] == pytest.approx(2 / 3)
    assert design["accuracy"] == 0.5
    # held out: row 4 untyped and unknown (right), row 5 wrong -> accuracy 1/2, precision 0
    held = table.loc[("sourcing", "held_out", "all")]
    assert (held["precision"], held["recall"], held["accuracy"]) == (0.0, 0.0, 0.5)
    # the baseline gives every quotation the design set's most frequent codebook type
    baseline = table.loc[("majority (media)", "design", "en")]
    assert (baseline["n_typed"], baseline["n_right"]) == (2, 2)
    # alpha, design: the hand reading as media, media, none, expert and the typing as
    # media, none, media, expert; n = 8 values, n_media 4, n_none 2, n_expert 2, so the
    # pairs of unlike labels number 64 - 16 - 4 - 4 = 40; two items differ (4 unlike
    # values in the coincidence matrix): 1 - 7 * 4 / 40
    assert design["alpha"] == pytest.approx(0.3)


def test_a_second_reading_is_a_measure_whose_other_and_unknown_are_no_type():
    labels = pd.DataFrame({"set": ["design"] * 4, "language": ["en"] * 4,
                           "source_type": ["media", "media", "other", "expert"]})
    second = labels.assign(source_type=["media", "unknown", "other", "media"])
    table = source_type_validity(labels, pd.Series([None] * 4), second)
    reader = table.set_index(["measure", "set", "language"]).loc[("second reading", "design",
                                                                   "all")]
    # typed: rows 0 and 3; right: row 0; typable: 0, 1, 3; accuracy: rows 0 and 2
    assert (reader["n_typed"], reader["n_right"], reader["n_typable"]) == (2, 1, 3)
    assert reader["accuracy"] == 0.5


def _alpha_by_definition(a, b):
    """Krippendorff's alpha from the coincidence matrix as written out in Krippendorff
    (2011): D_o the share of unlike values in it, D_e the share expected from its margins."""
    labels = sorted(set(a) | set(b))
    o = {(c, k): 0 for c in labels for k in labels}
    for x, y in zip(a, b, strict=True):
        o[x, y] += 1
        o[y, x] += 1
    n_c = {c: sum(o[c, k] for k in labels) for c in labels}
    n = sum(n_c.values())
    d_o = sum(v for (c, k), v in o.items() if c != k) / n
    d_e = sum(n_c[c] * n_c[k] for c in labels for k in labels if c != k) / (n * (n - 1))
    return 1 - d_o / d_e


def test_krippendorff_alpha_by_hand_and_by_its_definition():
    # by hand: items (a,a) (a,b) (b,b) (b,b); n = 8, n_a 3, n_b 5; 2 unlike values;
    # 1 - 7 * 2 / (2 * 3 * 5) = 8/15
    assert krippendorff_alpha(pd.Series(list("aabb")), pd.Series(list("abbb"))) == \
        pytest.approx(8 / 15)
    assert krippendorff_alpha(pd.Series(list("abc")), pd.Series(list("abc"))) == 1.0
    assert pd.isna(krippendorff_alpha(pd.Series(list("aa")), pd.Series(list("aa"))))
    rng = np.random.default_rng(20261122)
    for _ in range(100):
        n = int(rng.integers(2, 40))
        a = rng.choice(list("abcde"), n)
        b = np.where(rng.random(n) < 0.6, a, rng.choice(list("abcde"), n))
        if len(set(a) | set(b)) > 1:
            assert krippendorff_alpha(pd.Series(a), pd.Series(b)) == pytest.approx(
                _alpha_by_definition(list(a), list(b)))


def test_a_label_that_names_no_quotation_is_refused():
    corpus = pd.DataFrame({"doc_id": ["a"], "text": ["“No,” Peskov said."]})
    labels = pd.DataFrame({"set": ["design"], "doc_id": ["a"], "language": ["en"],
                           "quote": ["No,"], "occurrence": [0], "source_type": ["official_ru_by"]})
    assert predict_source_types(labels, corpus).tolist() == ["official_ru_by"]
    with pytest.raises(ValueError, match="row 1: article a has 1 quotation"):
        predict_source_types(labels.assign(occurrence=1), corpus)
    with pytest.raises(ValueError, match="row 1: article b is not in the corpus"):
        predict_source_types(labels.assign(doc_id="b"), corpus)


def test_source_type_validity_without_a_design_set_or_a_typable_label():
    labels = pd.DataFrame({"set": ["held_out"] * 3, "language": ["en"] * 3,
                           "source_type": ["media", "media", "unknown"]})
    table = source_type_validity(labels, pd.Series(["media", None, None]))
    assert set(table["measure"]) == {"sourcing", "majority (media)"}
    only_unknown = labels.assign(source_type="unknown")
    table = source_type_validity(only_unknown, pd.Series([None, None, None]))
    assert set(table["measure"]) == {"sourcing"} and table["accuracy"].eq(1.0).all()


@pytest.mark.parametrize(("row", "message"), [
    ("test,a,en,No,0,media", r":3: set must be one of design, held_out, held_out_2"),
    ("design,a,en,No,first,media", r":3: occurrence must be a whole number"),
    ("design,a,en,No,0,officials", r":3: unknown source type 'officials'"),
])
def test_a_bad_hand_read_row_is_named_with_file_and_line(tmp_path, row, message):
    from analysis.compare.validity import load_quote_source_types
    from analysis.corpus import ConfigError

    path = tmp_path / "quote_source_types.csv"
    path.write_text("# test\nset,doc_id,language,quote,occurrence,source_type\n" + row + "\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_quote_source_types(path)
    first = load_quote_source_types(DATA / "validation" / "quote_source_types.csv")
    assert first.shape == (260, 6)
    from analysis.compare.validity import load_second_reading

    assert load_second_reading(first).shape == (260, 6)  # the same quotations, in order


def test_a_second_reading_must_list_the_same_quotations(tmp_path):
    from analysis.compare.validity import load_quote_source_types, load_second_reading
    from analysis.corpus import ConfigError

    header = "# test\nset,doc_id,language,quote,occurrence,source_type\n"
    first_path, second_path = tmp_path / "first.csv", tmp_path / "second.csv"
    first_path.write_text(header + "design,a,en,No,0,media\ndesign,b,en,Yes,0,other\n",
                          encoding="utf-8")
    first = load_quote_source_types(first_path)
    second_path.write_text(header + "design,a,en,No,0,expert\ndesign,b,en,Yes,0,unknown\n",
                           encoding="utf-8")
    assert load_second_reading(first, second_path)["source_type"].tolist() == ["expert",
                                                                               "unknown"]
    second_path.write_text(header + "design,a,en,No,0,expert\ndesign,c,en,Yes,0,unknown\n",
                           encoding="utf-8")
    with pytest.raises(ConfigError, match=r"second.csv: row 2 \(c, 'Yes'\) is not the first"):
        load_second_reading(first, second_path)
    second_path.write_text(header + "design,a,en,No,0,expert\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"second.csv: 1 quotations, the first reading has 2"):
        load_second_reading(first, second_path)


def test_weasel_sentences_and_the_committed_split():
    from analysis.compare.validity import WEASEL_SPLIT, load_weasel, split_weasel

    sentences = load_weasel()
    assert (len(sentences), int(sentences["label"].sum())) == (7363, 2131)
    repeats = sentences[sentences["row"] != sentences["first"]]
    assert len(repeats) == 32
    committed = pd.read_csv(WEASEL_SPLIT)
    assert committed.equals(split_weasel(sentences))
    assert not committed["row"].isin(repeats["row"]).any()  # no sentence in both halves
    halves = committed.merge(sentences, on="row").groupby("half")["label"].agg(["size", "sum"])
    assert halves.loc["tuning"].tolist() == [3665, 1063]
    assert halves.loc["held_out"].tolist() == [3666, 1063]
    assert not split_weasel(sentences, seed=1).equals(committed)


def test_the_tuning_columns_of_hedges_csv_come_from_the_tuning_half():
    from analysis.compare.validity import load_weasel, tuning_columns, weasel_halves
    from analysis.features.lexicons import load_lexicon

    lexicon = load_lexicon("hedges")
    sentences = load_weasel()
    recomputed = tuning_columns(lexicon, sentences, weasel_halves(sentences))
    in_file = pd.DataFrame([{c: r.get(c, "") for c in recomputed.columns}
                            for r in lexicon.rows])
    assert in_file.equals(recomputed)


def test_hedge_validity_by_hand():
    from analysis.compare.validity import hedge_validity

    sentences = pd.DataFrame({"label": [True, True, False, False, True, False]})
    halves = pd.Series(["tuning"] * 4 + ["held_out"] * 2)
    flags = {"m": np.array([True, False, True, False, True, True])}
    table = hedge_validity(sentences, halves, flags).set_index("half")
    tune = table.loc["tuning"]
    assert (tune["precision"], tune["recall"], tune["n_flagged"]) == (0.5, 0.5, 2)
    assert tune["mcc"] == pytest.approx(0.0)
    held = table.loc["held_out"]
    assert (held["precision"], held["recall"]) == (0.5, 1.0)


def test_the_held_out_hedge_flag_beats_its_baselines():
    from analysis.compare.validity import _hedge_flags, hedge_validity, load_weasel, weasel_halves

    sentences = load_weasel()
    table = hedge_validity(sentences, weasel_halves(sentences), _hedge_flags(sentences))
    held = table[table["half"] == "held_out"].set_index("measure")
    ours = held.loc[held.index.str.startswith("hedges 2.")].iloc[0]
    for baseline in ("hedges 1.0 (the old src__ flag)", "regex of 7 cue words (baseline)",
                     "all uncertain (baseline)"):
        assert ours["mcc"] > held.loc[baseline, "mcc"] + 0.2, baseline
        assert ours["f1"] > held.loc[baseline, "f1"] + 0.1, baseline
    assert ours["recall"] > 0.75 and ours["precision"] > 0.4


@pytest.mark.slow
def test_the_held_out_target_model_beats_sentence_vader_and_the_majority():
    from analysis.compare.validity import _target_guesses, target_sentiment_validity
    from analysis.features.target import NEWSMTSC_SPLIT, load_newsmtsc_targets

    targets = load_newsmtsc_targets()
    split = pd.read_csv(NEWSMTSC_SPLIT)
    parts = targets["line"].map(dict(zip(split["line"], split["part"], strict=True)))
    table = target_sentiment_validity(targets, parts, _target_guesses(targets, parts))
    held = table[table["part"] == "held_out"].set_index("measure")
    ours = held.loc["target model (analysis.target_sentiment)"]
    vader = held.loc[held.index.str.startswith("vader_sentence")].iloc[0]
    majority = held.loc[held.index.str.startswith("majority")].iloc[0]
    assert ours["n_targets"] == 2180
    assert ours["macro_f1"] > vader["macro_f1"] + 0.05 and ours["accuracy"] > vader["accuracy"]
    assert ours["macro_f1"] > majority["macro_f1"] + 0.3
