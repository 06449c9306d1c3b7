import math

import pandas as pd
import pytest

from analysis.features.framing import ContestedTerms, Frames


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
    assert math.isnan(ContestedTerms(lexicon_dir).transform(pd.DataFrame(
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
