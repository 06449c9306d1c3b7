"""Like with like: contrasts stratified by text level and, for presence, by length."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.compare.contrasts import contrast_table

KW = {"pairs": [("a", "b")], "n_boot": 200, "n_perm": 199, "seed": 1}


def _frame(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    """(side, text level, words, value) rows; every article its own event-less row."""
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(len(rows))],
        "outlet_group": [r[0] for r in rows], "text_level": [r[1] for r in rows],
        "lex__n_words": [float(r[2]) for r in rows], "x__tone": [r[3] for r in rows],
        "event_id": None, "language": "en"})


def _row(rows, feature: str = "x__tone") -> pd.Series:
    table = contrast_table(_frame(rows), "outlet_group", scopes=("pooled",), **KW)
    return table.set_index("feature").loc[feature]


def test_a_difference_of_text_level_alone_is_not_a_difference():
    # the feature is 1 on every lede and 0 on every headline; a has mostly ledes, b mostly
    # headlines: unstratified, a - b = 15/20 - 5/20 = 0.5; within each level it is 0
    rows = ([("a", "lede", 30, 1.0)] * 15 + [("a", "headline", 8, 0.0)] * 5
            + [("b", "lede", 30, 1.0)] * 5 + [("b", "headline", 8, 0.0)] * 15)
    row = _row(rows)
    assert row["diff"] == 0.0
    assert row["mean_a"] == row["mean_b"] == 0.5  # each level weighted equally
    assert row["text_levels"] == "lede|headline"
    assert row["adjustment"] == "strata: text level, weighted equally"
    assert row["permutation"] == "labels shuffled within strata"


def test_a_pair_with_no_shared_level_is_not_compared_and_says_why():
    rows = [("a", "lede", 30, 1.0)] * 6 + [("b", "headline", 8, 0.0)] * 6
    row = _row(rows)
    assert np.isnan(row["diff"]) and np.isnan(row["p_perm"])
    assert row["note"] == ("no text level with 5+ articles on each side (a: lede 6; "
                           "b: headline 6): not compared")
    assert row["adjustment"] == "not compared: no shared text level"


def test_a_level_too_thin_on_one_side_is_left_out():
    # b has 3 headlines (< 5): only the ledes are compared (2.0 - 1.0)
    rows = ([("a", "lede", 30, 2.0)] * 6 + [("a", "headline", 8, 9.0)] * 6
            + [("b", "lede", 30, 1.0)] * 6 + [("b", "headline", 8, 0.0)] * 3)
    row = _row(rows)
    assert row["diff"] == pytest.approx(1.0)
    assert row["text_levels"] == "lede"
    assert (row["n_a"], row["n_b"]) == (6, 6)
    assert row["adjustment"] == "none needed: one text level"


def test_presence_is_compared_within_length_quartiles():
    # a cue is present in every text of 60 words and none of 20: a's texts are longer
    # (4 of 6 long against 2 of 6), so unadjusted a - b = 1/3; within each length band the
    # two sides do not differ
    rows = ([("a", "lede", 20, 0.0)] * 2 + [("a", "lede", 60, 1.0)] * 4
            + [("b", "lede", 20, 0.0)] * 4 + [("b", "lede", 60, 1.0)] * 2)
    frame = _frame(rows).rename(columns={"x__tone": "frame__conflict_present"})
    frame["frame__conflict_rate"] = frame["frame__conflict_present"] * 10
    table = contrast_table(frame, "outlet_group", scopes=("pooled",), **KW).set_index("feature")
    assert table.loc["frame__conflict_present", "diff"] == 0.0
    assert table.loc["frame__conflict_present", "adjustment"] == (
        "strata: length quartile, weighted equally")
    # a rate is not length-banded: its difference stays (10 * 4/6 - 10 * 2/6)
    assert table.loc["frame__conflict_rate", "diff"] == pytest.approx(10 / 3)
    assert table.loc["frame__conflict_rate", "adjustment"] == "none needed: one text level"


def test_presence_with_no_length_band_in_common_has_no_estimate():
    # every text of a is longer than every text of b: no band holds both sides
    rows = [("a", "lede", 60, 1.0)] * 6 + [("b", "lede", 10, 0.0)] * 6
    frame = _frame(rows).rename(columns={"x__tone": "frame__conflict_present"})
    table = contrast_table(frame, "outlet_group", scopes=("pooled",), **KW).set_index("feature")
    assert np.isnan(table.loc["frame__conflict_present", "diff"])
    assert table.loc["lex__n_words", "diff"] == 50.0
