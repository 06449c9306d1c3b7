import math

import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError

from analysis.features.framing import ContestedTerms, Frames
from analysis.features.lexicons import LEXICON_DIR


def test_frame_rates_per_thousand_words_and_presence(lexicon_dir):
    text = "Poland accused Minsk. New sanctions will cost billions; troops clash at a drill."
    out = Frames(lexicon_dir).set_output(transform="pandas").fit_transform([text]).iloc[0]
    n_words = 13
    assert out["frame__generic_conflict_rate"] == pytest.approx(1000 * 2 / n_words)
    assert out["frame__generic_economic_rate"] == pytest.approx(1000 * 2 / n_words)
    assert out["frame__policy_security_defense_rate"] == pytest.approx(1000 * 2 / n_words)
    assert out["frame__policy_legality_present"] == 0.0
    assert out["frame__generic_conflict_present"] == 1.0


def test_frames_use_the_documents_language(lexicon_dir):
    docs = pd.DataFrame({"text": ["Polska oskarża Mińsk.", "Rosja wprowadza sankcje."],
                         "language": ["pl", "ru"], "text_level": ["lede", "lede"]})
    out = Frames(lexicon_dir).set_output(transform="pandas").fit_transform(docs)
    assert out.loc[0, "frame__generic_conflict_rate"] == pytest.approx(1000 / 3)
    assert out.loc[0, "frame__generic_economic_rate"] == 0.0  # no Polish economic cue
    assert out.iloc[1].isna().all()  # no Russian cues at all


def test_min_hits_sets_presence(lexicon_dir):
    text = "Poland accused Minsk."
    out = Frames(lexicon_dir, min_hits=2).set_output(transform="pandas").fit_transform([text])
    assert out.loc[0, "frame__generic_conflict_present"] == 0.0


def test_contested_terms_count_each_variant(lexicon_dir):
    text = "The invasion, the war, the war's cost; warfare and Warsaw are not the war."
    out = ContestedTerms(lexicon_dir).set_output(transform="pandas").fit_transform([text])
    assert out.loc[0, "term__war_naming__invasion"] == 1
    # whole word: "war" thrice ("war's" ends the word at the apostrophe), not warfare/Warsaw
    assert out.loc[0, "term__war_naming__war"] == 3
    polish = pd.DataFrame({"text": ["Wojna trwa, a wojny nie widać końca."], "language": ["pl"],
                           "text_level": ["lede"]})
    row = ContestedTerms(lexicon_dir).set_output(transform="pandas").fit_transform(polish).iloc[0]
    assert row["term__war_naming__war"] == 2 and row["term__war_naming__invasion"] == 0
    assert math.isnan(ContestedTerms(lexicon_dir).fit().transform(pd.DataFrame(
        {"text": ["Война"], "language": ["ru"]}))[0, 0])


def test_variants_of_one_concept_do_not_overlap(tmp_path):
    from tests.features.conftest import HEADER

    (tmp_path / "contested_terms.csv").write_text(HEADER + (
        "concept,variant,pattern,language,whole_word,note\n"
        "war_naming,smo,special military operation,en,false,\n"
        "war_naming,military_operation,military operation,en,false,\n"), encoding="utf-8")
    text = "The special military operation, a military operation, began."
    out = ContestedTerms(tmp_path).set_output(transform="pandas").fit_transform([text]).iloc[0]
    assert out["term__war_naming__smo"] == 1
    assert out["term__war_naming__military_operation"] == 1  # only the second phrase


def _terms(folder, concept, variant, pattern):
    from tests.features.conftest import HEADER

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "contested_terms.csv").write_text(HEADER + (
        "concept,variant,pattern,language,whole_word,note\n"
        f"{concept},{variant},{pattern},en,true,\n"), encoding="utf-8")
    return folder


def test_lexicons_are_fitted_state_and_set_params_then_fit_uses_the_new_ones(tmp_path):
    a = _terms(tmp_path / "a", "weather", "rain", "rain")
    b = _terms(tmp_path / "b", "weather", "snow", "snow")
    family = ContestedTerms(lexicon_dir=a).set_output(transform="pandas")
    with pytest.raises(NotFittedError):
        family.transform(["Rain and snow."])
    first = family.fit_transform(["Rain, rain and snow."])
    assert family.lexicons_["contested_terms"].path == a / "contested_terms.csv"
    assert first.iloc[0].to_dict() == {"term__weather__rain": 2.0}
    family.set_params(lexicon_dir=b)
    second = family.fit_transform(["Rain, rain and snow."])
    assert second.iloc[0].to_dict() == {"term__weather__snow": 1.0}


def test_a_study_lexicon_folder_replaces_only_the_files_it_has(tmp_path):
    study = _terms(tmp_path / "lexicons", "weather", "rain", "rain")
    terms, frames = ContestedTerms(lexicon_dir=study).fit(), Frames(lexicon_dir=study).fit()
    assert terms.lexicon_files() == [study / "contested_terms.csv"]
    assert frames.lexicon_files() == [LEXICON_DIR / "generic_frames.csv",
                                      LEXICON_DIR / "policy_frames.csv"]
    assert list(terms.get_feature_names_out()) == ["term__weather__rain"]
