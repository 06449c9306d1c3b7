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
