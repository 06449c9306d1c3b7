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
