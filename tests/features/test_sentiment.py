import math

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.features.sentiment import Sentiment, aggregate

VADER = SentimentIntensityAnalyzer()


def compound(text):
    return VADER.polarity_scores(text)["compound"]


def test_aggregate_by_hand():
    assert aggregate([-0.5, 0.0, 0.6, 0.04]) == (0.035, 0.25, 0.25)
    assert all(math.isnan(v) for v in aggregate([]))
    # the thresholds belong to their side (Hutto & Gilbert: <= -0.05 and >= 0.05)
    assert aggregate([-0.05, 0.05, -0.0499, 0.0499, 0]) == (0.0, 0.2, 0.2)


def test_sentence_scores_are_vader_per_sentence(lexicon_dir):
    text = ("Russia praised the wonderful agreement. "
            "“This is a terrible, brutal provocation,” Lukashenko said. Belarus closed the border.")
    out = Sentiment(lexicon_dir).set_output(transform="pandas").fit_transform([text])
    row = out.iloc[0]
    s1 = compound("Russia praised the wonderful agreement.")
    s2 = compound("“This is a terrible, brutal provocation,” Lukashenko said.")
    s3 = compound("Belarus closed the border.")
    assert row["sent__n_sentences"] == 3
    assert row["sent__all_compound"] == pytest.approx((s1 + s2 + s3) / 3)
    assert row["sent__quoted_compound"] == pytest.approx(
        compound("This is a terrible, brutal provocation,"))
    # Toward actors: the sentences naming them.
    assert row["sent__actor_russia_compound"] == pytest.approx(s1)
    assert row["sent__actor_russia_n_sentences"] == 1
    assert row["sent__actor_belarus_compound"] == pytest.approx((s2 + s3) / 2)
    assert row["sent__actor_belarus_n_sentences"] == 2


def test_masking_removes_the_tone_of_contested_terms(lexicon_dir):
    text = "The war goes on."
    row = Sentiment(lexicon_dir).set_output(transform="pandas").fit_transform([text]).iloc[0]
    assert row["sent__all_compound"] == pytest.approx(compound(text)) and compound(text) < 0
    assert row["sent__masked_compound"] == pytest.approx(compound("The X goes on."))


def test_no_quotes_gives_nan_for_quoted(lexicon_dir):
    row = Sentiment(lexicon_dir).set_output(transform="pandas").fit_transform(
        ["Minsk said nothing."]).iloc[0]
    assert math.isnan(row["sent__quoted_compound"])
    assert math.isnan(row["sent__actor_russia_compound"])
    assert row["sent__actor_russia_n_sentences"] == 0


def test_non_english_is_nan(lexicon_dir):
    docs = pd.DataFrame({"text": ["Wojna trwa."], "language": ["pl"], "text_level": ["lede"]})
    row = Sentiment(lexicon_dir).set_output(transform="pandas").fit_transform(docs).iloc[0]
    assert row.isna().all()


def test_actor_target_is_the_mean_polarity_toward_its_mentions(lexicon_dir):
    from analysis.features.target import target_sentiment

    first = "Protesters celebrated happily as Lukashenko was condemned and humiliated."
    second = "Russia welcomed the agreement."
    row = Sentiment(lexicon_dir).set_output(transform="pandas").fit_transform(
        [f"{first} {second}"]).iloc[0]
    at = first.index("Lukashenko")
    toward = target_sentiment([first], [(at, at + len("Lukashenko"))])[0]
    assert toward == -1 and compound(first) > 0  # the sentence is glad, the target is not
    assert row["sent__actor_belarus_target"] == toward
    assert row["sent__actor_belarus_compound"] == pytest.approx(compound(first))
    assert row["sent__actor_russia_target"] == target_sentiment([second], [(0, 6)])[0]
    alone = Sentiment(lexicon_dir).set_output(transform="pandas").fit_transform(
        ["Belarus closed the border."]).iloc[0]
    assert math.isnan(alone["sent__actor_russia_target"])  # not named: no polarity


def test_the_fingerprint_covers_the_target_models_training_data(lexicon_dir):
    from analysis.features.target import NEWSMTSC, NEWSMTSC_SPLIT

    files = Sentiment(lexicon_dir).lexicon_files()
    assert NEWSMTSC in files and NEWSMTSC_SPLIT in files


# texts that take each branch of the columnar engine: quotations (none, several, a text that
# is all quotation), contested terms to mask, actors in several sentences, "but", negation,
# idioms, capitals, emoji, repeated sentences, white space only, headlines, non-English
COLUMNAR_TEXTS = [
    ("Russia praised the wonderful agreement. “This is a terrible, brutal provocation,” "
     "Lukashenko said. Belarus closed the border.", "en", "full"),
    ("The war goes on, but the invasion is not good. The war is the bomb!!!", "en", "full"),
    ("“We will never accept this war,” the Kremlin said. 'A brutal invasion', "
     "Belarus replied. \"No comment.\"", "en", "full"),
    ("“Everything is quoted here, and it is great.”", "en", "full"),
    ("RUSSIA IS GREAT but Belarus is NOT good. Russia is kind of bad. Russia is kind of bad.",
     "en", "headline"),
    ("Sanctions worked 😁 and failed 💔. Lukashenko smiled :) at the war.", "en", "lede"),
    ("Abusers lied but accidents happen and accidents abound. Without doubt good.\n"
     "At least it is not a horrible war, Russia said", "en", "full"),
    ("", "en", "full"),
    ("   \n ", "en", "full"),
    ("Wojna trwa, Białoruś milczy.", "pl", "full"),
    ("Russia.", None, "full"),
    ("Nothing at all happens in Minsk today.", "en", "full"),
]


def test_the_columnar_engine_equals_the_reference(lexicon_dir):
    import numpy as np

    from analysis.features._base import Batch, as_documents

    docs = as_documents(pd.DataFrame(COLUMNAR_TEXTS, columns=["text", "language",
                                                              "text_level"]))
    family = Sentiment(lexicon_dir).fit()
    reference = family.transform(docs)
    columnar = family.transform_columnar(Batch(docs))
    assert columnar.shape == reference.shape
    assert np.array_equal(np.isnan(columnar), np.isnan(reference))
    assert np.array_equal(np.nan_to_num(columnar, nan=7.0).view(np.int64),
                          np.nan_to_num(reference, nan=7.0).view(np.int64))
    # the texts do take the branches: quotations, masking, actors, target polarity, emoji
    names = list(family.get_feature_names_out())
    row = dict(zip(names, columnar[2], strict=True))
    assert row["sent__quoted_compound"] == pytest.approx(np.mean([
        compound("We will never accept this war,"), compound("A brutal invasion"),
        compound("No comment.")]))
    masked = dict(zip(names, columnar[1], strict=True))
    assert masked["sent__masked_compound"] != masked["sent__all_compound"]
    assert row["sent__actor_russia_n_sentences"] == 1 and row["sent__actor_belarus_target"] in (
        -1.0, 0.0, 1.0)
    assert dict(zip(names, columnar[5], strict=True))["sent__all_compound"] == pytest.approx(
        np.mean([compound("Sanctions worked 😁 and failed 💔."),
                 compound("Lukashenko smiled :) at the war.")]))
    assert np.isnan(columnar[[7, 8, 9, 10]]).all()


def test_the_columnar_engine_learns_across_batches(lexicon_dir):
    # the second batch meets types the first one tabled, and new ones
    import numpy as np

    from analysis.features._base import Batch, Document

    family = Sentiment(lexicon_dir).fit()
    first = [Document("Russia is good. Belarus is bad.")]
    second = [Document("Russia is not good, but Belarus is extremely happy!"),
              Document("Russia is good.")]
    family.transform_columnar(Batch(first))
    assert np.array_equal(family.transform_columnar(Batch(second)), family.transform(second),
                          equal_nan=True)


def test_the_columnar_means_follow_the_interpreters_sum(lexicon_dir, monkeypatch):
    # from Python 3.12 on, sum() of floats is compensated: the columnar engine then sums in
    # Python; on 3.11 both ways add left to right, so both give the reference's values
    import types

    import numpy as np

    import analysis.features.sentiment as module
    from analysis.features._base import Batch, as_documents

    docs = as_documents([t for t, language, _ in COLUMNAR_TEXTS if language == "en"])
    family = Sentiment(lexicon_dir).fit()
    reference = family.transform(docs)
    monkeypatch.setattr(module, "sys", types.SimpleNamespace(version_info=(3, 12)))
    assert np.array_equal(family.transform_columnar(Batch(docs)), reference, equal_nan=True)


@pytest.mark.parametrize("texts", [
    [("No one is named here, and nothing is contested.", "en", "full")],
    [("", "en", "full"), ("   \n ", "en", "full"), ("Wojna trwa.", "pl", "full")],
])
def test_the_columnar_engine_on_a_batch_without_actors(lexicon_dir, texts):
    import numpy as np

    from analysis.features._base import Batch, as_documents

    docs = as_documents(pd.DataFrame(texts, columns=["text", "language", "text_level"]))
    family = Sentiment(lexicon_dir).fit()
    reference = family.transform(docs)
    columnar = family.transform_columnar(Batch(docs))
    assert np.array_equal(np.nan_to_num(columnar, nan=7.0).view(np.int64),
                          np.nan_to_num(reference, nan=7.0).view(np.int64))
    assert (np.isnan(columnar).all() if texts[0][0] == "" else
            columnar[0, 0] == pytest.approx(compound(texts[0][0])))


def test_masked_codes_make_the_masked_texts_of_the_reference():
    # the columnar engine's masked texts, made of code points, against _masked's strings:
    # spans inside one made before, given twice, reaching into a word (Unicode \w), a text
    # whose only span is an "X" already, a text without spans
    import numpy as np

    from analysis.features._tokens import join_texts
    from analysis.features.sentiment import _masked, masked_codes

    texts = ["the invasions, wars_2 and ŁUKASZ", "X marks the spot", "no span here",
             "Війна and war-time; warfare", "wars wars"]
    spans = {0: [(26, 28), (4, 12), (6, 9), (15, 18), (4, 12)], 1: [(0, 1)],
             3: [(0, 3), (10, 13), (20, 23), (1, 2)], 4: [(5, 8), (0, 3)]}
    _, codes, starts, ends = join_texts(texts)
    text = np.array([k for k, s in spans.items() for _ in s])
    out, which, a, b, changed = masked_codes(
        codes, starts, ends, text, np.array([x for s in spans.values() for x, _ in s]),
        np.array([y for s in spans.values() for _, y in s]))
    got = [out[x:y].tobytes().decode("utf-32-le") for x, y in zip(a, b, strict=True)]
    assert which.tolist() == sorted(spans)
    assert got == [_masked(texts[k], spans[k]) for k in sorted(spans)]
    assert got[2] == "X and X-time; X" and got[3] == "X X"
    assert changed.tolist() == [True, False, True, True]
