import pandas as pd
import pytest

from analysis.features import pipeline
from analysis.features.lexical import LexicalStyle


@pytest.fixture
def corpus():
    return pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": ["Minsk said the drills would last a week. Kyiv said nothing.",
                 "Russian troops arrive in Belarus under new deal",
                 "Rosja i Białoruś ogłosiły ćwiczenia. Potrwają tydzień."],
        "language": ["en", "en", "pl"],
        "text_level": ["lede", "headline", "lede"],
    })


@pytest.fixture(autouse=True)
def only_lexical(monkeypatch):
    monkeypatch.setattr(pipeline, "FAMILIES", {"lex": LexicalStyle})


def test_features_match_a_direct_transform(corpus, tmp_path):
    features, recomputed = pipeline.update_features(corpus, tmp_path / "f.parquet",
                                                    progress=False)
    direct = LexicalStyle().set_output(transform="pandas").fit_transform(corpus)
    assert recomputed == {"lex": 3}
    assert list(features["doc_id"]) == ["a", "b", "c"]
    pd.testing.assert_frame_equal(features[direct.columns], direct, check_dtype=False)
    assert pd.read_parquet(tmp_path / "f.parquet").shape == features.shape


def test_only_changed_articles_are_recomputed(corpus, tmp_path):
    out = tmp_path / "f.parquet"
    pipeline.update_features(corpus, out, progress=False)
    _, again = pipeline.update_features(corpus, out, progress=False)
    assert again == {"lex": 0}
    edited = corpus.copy()
    edited.loc[1, "text"] = "Russian troops arrive in Belarus under a new deal"
    features, recomputed = pipeline.update_features(edited, out, progress=False)
    assert recomputed == {"lex": 1}
    assert features.loc[1, "lex__n_words"] == 9


def test_a_changed_family_recomputes_everything(corpus, tmp_path, monkeypatch):
    out = tmp_path / "f.parquet"
    pipeline.update_features(corpus, out, progress=False)
    monkeypatch.setattr(pipeline, "FAMILIES", {"lex": lambda: LexicalStyle(mattr_window=10)})
    _, recomputed = pipeline.update_features(corpus, out, progress=False)
    assert recomputed == {"lex": 3}


def test_a_corrupt_previous_output_is_rebuilt(corpus, tmp_path):
    out = tmp_path / "f.parquet"
    out.write_bytes(b"not parquet")
    _, recomputed = pipeline.update_features(corpus, out, progress=False)
    assert recomputed == {"lex": 3}
