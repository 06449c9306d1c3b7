"""features.parquet as `make features` built it on the real corpus."""

import pandas as pd
import pytest

from tests.conftest import PROCESSED


@pytest.fixture(scope="module")
def features():
    path = PROCESSED / "features.parquet"
    if not path.exists():
        pytest.fail("data/processed/features.parquet is missing: run `make features`")
    return pd.read_parquet(path)


def test_a_feature_row_for_every_kept_article(features, processed):
    corpus = processed[0]
    assert features["doc_id"].is_unique
    assert set(features["doc_id"]) == set(corpus["doc_id"])


def test_columns_are_prefixed_by_family(features):
    families = {c.split("__")[0] for c in features.columns if "__" in c}
    assert families and families <= {"lex", "sent", "frame", "term", "src"}
    assert set(features.columns) - {c for c in features.columns if "__" in c} == {
        "doc_id", "text_sha1"}


def test_headlines_have_no_sentence_measures(features, processed):
    corpus = processed[0].set_index("doc_id")
    levels = corpus.loc[features["doc_id"], "text_level"].to_numpy()
    headline = features[levels == "headline"]
    assert len(headline) > 1000
    assert headline["lex__flesch_reading_ease"].isna().all()
    assert headline["lex__n_words"].gt(0).all()


def test_every_family_is_present(features):
    families = {c.split("__")[0] for c in features.columns if "__" in c}
    assert families == {"lex", "sent", "frame", "term", "src"}


def test_moscow_times_seed_close_reading(processed):
    from analysis.features import Document, Sourcing

    corpus = processed[0]
    seed = corpus[(corpus["source"] == "seeds") & (corpus["outlet"] == "moscow-times")].iloc[0]
    quotes = Sourcing().fit().quotes(Document(seed["text"], "en", "full"))
    by_quote = {q.quote[:25]: q for q in quotes}
    khrenin = by_quote["It seems that our neighbo"]
    assert khrenin.verb == "said" and khrenin.verb_class == "neutral"
    assert khrenin.speaker == "Belarusian Defense Minister Viktor Khrenin"
    assert khrenin.source_type == "official_ru_by"
    assert by_quote["I’d like to warn the ‘hot"].speaker == "Khrenin"


def test_seed_features_hold_hand_checked_values(features, processed):
    corpus = processed[0]
    seeds = corpus[corpus["source"] == "seeds"].set_index("outlet")["doc_id"]
    rows = features.set_index("doc_id")
    rt, mt = rows.loc[seeds["rt"]], rows.loc[seeds["moscow-times"]]
    # RT writes "Kiev" four times ("aggression from Kiev", "accused Kiev", "blasted Kiev",
    # "officials in Kiev") and never "Kyiv".
    assert rt["term__kyiv_spelling__kiev"] == 4 and rt["term__kyiv_spelling__kyiv"] == 0
    assert mt["src__n_quotes"] >= 4 and rt["src__n_quotes"] >= 4
    assert mt["lex__n_words"] > rt["lex__n_words"]


def test_source_types_agree_with_the_hand_read_quotations(processed):
    # data/validation/quote_source_types.csv: 260 attributed quotations whose speaker's
    # source type was read by hand (data/validation/README.md). Floors at the measured
    # counts: a change that lowers them must be argued and re-measured in the README.
    from analysis.compare.validity import (
        load_quote_source_types,
        predict_source_types,
        source_type_validity,
    )

    labels = load_quote_source_types()
    table = source_type_validity(labels, predict_source_types(labels, processed[0]))
    ours = table[(table["measure"] == "sourcing") & (table["language"] == "all")]
    counts = {r.set: (r.n_typed, r.n_right, r.n_typable) for r in ours.itertuples()}
    # (typed, typed rightly, typable): precision 54/71 and recall 54/72 on the design
    # set, 34/52 and 34/55 on the first held-out set, 44/56 and 44/54 on the second
    # (sources.csv 1.1 gave 49/68, 34/52 and 41/57)
    assert {k: v[2] for k, v in counts.items()} == {"design": 72, "held_out": 55,
                                                     "held_out_2": 54}
    for name, right, wrong in (("design", 54, 17), ("held_out", 34, 18), ("held_out_2", 44, 12)):
        assert counts[name][1] >= right and counts[name][0] - counts[name][1] <= wrong, name
