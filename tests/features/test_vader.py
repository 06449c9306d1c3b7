"""The fast VADER scorer against vaderSentiment 3.3.2 itself (the independent reference)."""

import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.features._vader import Vader

# each line exercises one of VADER's rules (or one of its quirks)
CASES = [
    "",
    "   ",
    "Minsk is a city.",  # no sentiment word
    "The talks were good.",  # plain lexicon word
    "The talks were not good.",  # negation one word before
    "The talks weren't very good at all.",  # n't negation, booster
    "It was never so good.",  # never so -> 1.25
    "It was without doubt good.",  # without doubt
    "No problem, no good news, no or nor bad.",  # "no" as negation and as a word
    "No good.",
    "This is kind of bad.",  # "kind of" scores 0
    "At least it is not a horrible war.",  # least after "at"
    "Least good decision.",  # least at start
    "The very least bad outcome.",
    "The plan is GOOD but the troops are BAD!!!",  # caps differential, but, !!!
    "GOOD BAD UGLY",  # all caps: no differential
    "Is it good??",  # two question marks
    "Is it good????",  # more than three question marks
    "It was good, good, but bad, bad and bad.",  # but with repeated scores
    # the index quirk: "abusers" (-2.6) halved before "but" equals "accidents" (-1.3), so
    # the reference rescales the first -1.3 it finds, not the one after "but"
    "Abusers lied but accidents happen and accidents abound.",
    "but good",
    "The bus stop was the bomb.",  # special idioms
    "Putin kind of hates the sort of deal that Kyiv loves.",
    "He said they were extremely, hugely, utterly terrible.",  # several boosters
    "He did not really like it.",  # negation two words back
    "He did not think it was really bad, reportedly.",
    "Sanctions :) worked 😁 and failed 💔",  # emoticon and emojis (handed to the reference)
    "“Provocation!” – Lukashenko's regime accused the EU of a hybrid attack.",
    "The killing of protesters was condemned; nobody was hurt, allegedly.",
]


@pytest.fixture(scope="module")
def reference():
    return SentimentIntensityAnalyzer()


@pytest.mark.parametrize("text", CASES)
def test_compound_equals_vader(reference, text):
    assert Vader().compound(text) == reference.polarity_scores(text)["compound"]


def test_hand_computed_value():
    # "good" is 1.9 in the lexicon; no modifiers: 1.9 / sqrt(1.9**2 + 15) = 0.4404
    assert Vader().compound("good") == 0.4404
    # negated: 1.9 * -0.74 = -1.406 -> -1.406 / sqrt(1.406**2 + 15) = -0.3412
    assert Vader().compound("not good") == -0.3412


def test_every_emoji_lies_outside_ascii(reference):
    # the scorer skips the emoji look-up for ASCII texts: that holds only while no emoji
    # of VADER's list is an ASCII character
    assert min(ord(e) for e in reference.emojis if len(e) == 1) > 127
    assert Vader().compound("good (c) :) (R)") == reference.polarity_scores(
        "good (c) :) (R)")["compound"]
