"""Target-dependent polarity: hand-made sentences whose target's lot differs from the
sentence's tone, the committed split, and the features of a mention's context."""

import pandas as pd
import pytest

import analysis
from analysis.features._vader import Vader
from analysis.features.target import (
    NEWSMTSC_SPLIT,
    context_features,
    load_newsmtsc_targets,
    split_newsmtsc,
    target_sentiment,
)


def _span(sentence: str, target: str) -> tuple[int, int]:
    start = sentence.index(target)
    return start, start + len(target)


def test_it_is_exported_from_the_package():
    assert analysis.target_sentiment is target_sentiment


@pytest.mark.parametrize("sentence, target, sentence_tone, polarity", [
    # a negative target inside a positive sentence
    ("Protesters celebrated happily as Lukashenko was condemned and humiliated.",
     "Lukashenko", 1, -1),
    ("The crowd cheered as the dictator was finally arrested.", "dictator", 1, -1),
    # a positive target inside a negative sentence
    ("Sad and angry residents blamed the army, yet thanked the brave firefighters.",
     "firefighters", -1, 1),
    # and the other target of the same sentence
    ("Sad and angry residents blamed the army, yet thanked the brave firefighters.",
     "army", -1, -1),
])
def test_the_target_not_the_sentence(sentence, target, sentence_tone, polarity):
    compound = Vader().compound(sentence)
    assert (compound >= 0.05) if sentence_tone > 0 else (compound <= -0.05)
    assert target_sentiment([sentence], [_span(sentence, target)]) == [polarity]


def test_plain_cases_and_the_shape_of_the_answer():
    sentences = ["Putin was welcomed warmly by a cheering crowd.",
                 "Critics said Lukashenko lied again and again.",
                 "Putin, a brutal killer, was condemned by the UN."]
    spans = [_span(sentences[0], "Putin"), _span(sentences[1], "Lukashenko"),
             _span(sentences[2], "Putin")]
    assert target_sentiment(sentences, spans) == [1, -1, -1]
    assert target_sentiment([], []) == []
    with pytest.raises(ValueError, match="2 sentences but 1 spans"):
        target_sentiment(sentences[:2], spans[:1])


def test_the_mention_is_masked_and_the_windows_are_apart():
    s = "Critics said Lukashenko lied."
    f = context_features(s, *_span(s, "Lukashenko"))
    assert "l:lukashenko" not in f and "r:lukashenko" not in f
    assert {"l:critics", "l:said", "r:lied"} <= set(f)
    assert f["reported"] == 1.0 and f["speaker"] == 0.0
    s = "Lukashenko said nothing."
    f = context_features(s, *_span(s, "Luka"))  # a mention ends where its word ends
    assert f["first"] == 1.0 and f["speaker"] == 1.0 and "r:shenko" not in f


def test_the_committed_split_is_the_seeded_one_and_keeps_sentences_whole():
    targets = load_newsmtsc_targets()
    committed = pd.read_csv(NEWSMTSC_SPLIT)
    assert committed.equals(split_newsmtsc(targets))
    assert committed["part"].value_counts().to_dict() == {"train": 5821, "held_out": 1937}
    parts = targets["line"].map(dict(zip(committed["line"], committed["part"], strict=True)))
    assert targets.groupby("sentence").apply(lambda g: parts[g.index].nunique()).max() == 1
    assert not split_newsmtsc(targets, seed=1).equals(committed)
