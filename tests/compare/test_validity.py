import pandas as pd
import pytest

from analysis.compare.validity import (
    frame_validity,
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
    assert load_quote_source_types(DATA / "validation" / "quote_source_types.csv").shape == (260, 6)
