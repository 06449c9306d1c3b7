"""The fast VADER scorer against vaderSentiment 3.3.2 itself (the independent reference)."""

import random

import pytest
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from analysis.features._vader import _NGRAM_WORDS, Vader
from analysis.features._vaderkernels import ColumnarVader

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


def test_every_scorer_reads_the_one_analyser_of_the_process(reference):
    # the reference pass's scorer and the columnar engine's share vaderSentiment's tables
    # (read once per process), which equal a fresh analyser's
    first, second = Vader(), ColumnarVader().reference
    assert first._lexicon is second._lexicon and first._emojis == second._emojis
    assert first._lexicon == reference.lexicon


def test_every_emoji_lies_outside_ascii(reference):
    # the scorer skips the emoji look-up for ASCII texts: that holds only while no emoji
    # of VADER's list is an ASCII character
    assert min(ord(e) for e in reference.emojis if len(e) == 1) > 127
    assert Vader().compound("good (c) :) (R)") == reference.polarity_scores(
        "good (c) :) (R)")["compound"]


def _random_sentences(n: int, seed: int = 1) -> list[str]:
    """Sentences drawn from the words VADER's rules look for (negations, boosters, idiom
    words, "no", "never so", "without doubt", "least", "but", "kind of", words with "n't"
    outside the negation list), sentiment words and plain words; with punctuation and
    capitals, so that the rules meet one another in every order."""
    rng = random.Random(seed)
    lexicon = sorted(SentimentIntensityAnalyzer().lexicon)
    rule_words = (sorted(NEGATE) + sorted(BOOSTER_DICT)
                  + [w for k in sorted(SPECIAL_CASES) for w in k.split()]
                  + ["no", "so", "this", "least", "at", "very", "or", "nor", "kind", "of",
                     "but", "never", "without", "doubt", "mayn't", "wouldn't've", "NEEDN'T"])
    vocabulary = rule_words + rng.sample(lexicon, 300) + ["Kyiv", "the", "a", "X", "troops"]
    marks = ["", "", "", ",", "!", "?", ".", "'", '"', "!!", "??"]
    out = []
    for _ in range(n):
        words = [rng.choice(vocabulary) + rng.choice(marks) for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.2:
            words = [w.upper() for w in words]
        elif rng.random() < 0.2:
            words = [w.capitalize() for w in words]
        out.append(" ".join(words))
    return out


def test_random_sentences_equal_vader(reference):
    # the scorer's shortcut (a sentiment word without context keeps its lexicon valence)
    # must never apply where one of VADER's rules would change the score
    fast = Vader()
    differ = [s for s in _random_sentences(20000)
              if fast.compound(s) != reference.polarity_scores(s)["compound"]]
    assert differ == []


def test_every_ngram_rule_has_a_listed_word():
    # the shortcut skips the n-gram rules in a sentence holding none of _NGRAM_WORDS: that
    # holds only while each idiom and multi-word booster starts with two words one of
    # which is listed
    heads = {tuple(k.split()[:2]) for k in (*SPECIAL_CASES, *BOOSTER_DICT) if " " in k}
    assert heads and all(_NGRAM_WORDS.intersection(h) for h in heads)


# --- the columnar kernel (analysis.features._vaderkernels) against vaderSentiment itself ---

from analysis.features._vaderkernels import rounded  # noqa: E402

# one sentence per rule the kernel applies from id arrays, beside CASES above
KERNEL_CASES = [
    "It was never this good.",  # never this -> 1.25 (two words back)
    "It was never so very good.",  # never so, three words back
    "They are so good.",  # "so" one word back: the reference's 1.25 without "never"
    "It is without a doubt good.",  # without ... doubt, three words back
    "Hardly anyone isn't happy.",  # n't negation
    "He is not at all happy, uh-uh.",
    "No good, no bad and no problem.",  # "no" before a lexicon word scores 0
    "It is no or nor good.",  # no ... or/nor
    "At least good, very least good, least good.",  # "least" rules
    "The food was the shit and the bomb.",  # idioms before the word
    "Yeah right, that is good.",
    "It is the kiss of death for good deals.",
    "The cake was to die for, really good.",
    "A beating heart is good.",
    "He is a bad ass good guy.",
    "The deal is just enough good, sort of good, kind of good.",  # multi-word boosters
    "Kind of.",  # "kind" at the end
    "EXTREMELY good news but VERY bad news.",  # boosters in capitals, caps differential
    "extremely GOOD news",
    "Good good good but good good.",  # repeated scores around "but"
    "Bad. But good but bad.",  # two "but"s: the first counts
    "Abusers lied but accidents happen and accidents abound.",  # the list.index quirk
    "Awful! Awful!! Awful!!!",  # "!" emphasis, capped at 4
    "Good? Good? Good? Good?",  # more than three "?"
    "Good?!?",
    "good " * 40 + "but bad",  # long sentence
    "'Good', \"bad\" (great) [terrible]...",  # punctuation stripped from items
    "a:) b :( c",  # emoticons are lexicon words
    "Sanctions worked 😁 and failed",  # emoji: handed to the reference
    "\u00a0good\u2003news\u3000",  # Unicode white space splits as VADER splits
]


@pytest.mark.parametrize("text", CASES + KERNEL_CASES)
def test_kernel_equals_vader(reference, text):
    assert ColumnarVader().compounds([text]) == [reference.polarity_scores(text)["compound"]]


def test_kernel_equals_vader_on_many_sentences_at_once(reference):
    # one call for all: the type tables learn the vocabulary as they go, repeated texts are
    # scored once, and each sentence's ids are cut from one split
    texts = CASES + KERNEL_CASES + _random_sentences(5000, seed=2) + CASES
    scorer = ColumnarVader()
    expected = [reference.polarity_scores(t)["compound"] for t in texts]
    assert scorer.compounds(texts) == expected
    assert scorer.compounds(texts[::-1]) == expected[::-1]  # with the tables filled


def test_kernel_tokenises_as_str_split(reference):
    # every white-space character of str.split, NUL and lone surrogates inside tokens, empty
    # texts, a token as long as a text
    spaces = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
    texts = [f"good{spaces}bad", "\0", "not \0good", "", spaces, "bad\ud800 good",
             "goodgoodgoodgood" * 50, "good\u3000\u2028news\x1c\x1fgreat"]
    assert [len(t.split()) for t in texts] == [2, 1, 2, 0, 0, 2, 1, 3]
    assert ColumnarVader().compounds(texts) == [Vader().compound(t) for t in texts]
    assert ColumnarVader().compounds([]) == []


def test_texts_given_as_touching_spans_of_code_points_score_as_the_texts(reference):
    """``span_compounds`` of texts laid end to end with nothing between them (as a type
    table keeps its types), one-character texts among them (more tokens than half the
    characters), an emoji text (scored by the reference from ``text(j)``), equals
    ``compounds`` of the texts."""
    import numpy as np

    from analysis.features._tokens import code_points

    texts = ["a", "b", "c", "not good", "", "GREAT!!", "😀 fine", "x", "bad news",
             *_random_sentences(300, seed=3)]
    lengths = np.array([len(t) for t in texts])
    ends = np.cumsum(lengths)
    made = []

    def text(j: int) -> str:
        made.append(j)
        return texts[j]

    got = ColumnarVader().span_compounds(code_points("".join(texts)), ends - lengths, ends,
                                         text)
    assert got == [reference.polarity_scores(t)["compound"] for t in texts]
    assert made == [6]  # the emoji text only


def test_kernel_tables_grow_and_are_rebuilt_past_their_limit(reference, monkeypatch):
    import analysis.features._vaderkernels as kernels

    scorer = ColumnarVader()
    words = [f"w{i}" for i in range(70000)]  # more types than the first table holds
    texts = [" ".join(words[i:i + 700]) + " good" for i in range(0, 70000, 700)]
    assert scorer.compounds(texts) == [Vader().compound(t) for t in texts]
    assert len(scorer._types) == 70001
    monkeypatch.setattr(kernels, "TYPE_LIMIT", 3)
    again = scorer.compounds(["not good", "bad news"])
    assert len(scorer._types) == 4  # rebuilt: "not", "good", "bad", "news"
    assert again == [reference.polarity_scores(t)["compound"] for t in ("not good", "bad news")]


def test_rounded_is_pythons_round():
    import numpy as np

    values = [0.12345, 0.12355, -0.00005, -0.00001, 2.675, 1 / 3, -2 / 3, 0.0, -0.0, 1.0,
              0.1234500000001, 0.035000000000000003, 1e-13, -5e-13, float("nan")]
    for digits in (4, 12):
        got = rounded(np.array(values), digits)
        want = [round(v, digits) for v in values]
        assert [repr(g) for g in got] == [repr(w) for w in want]
    assert [repr(g) for g in rounded(np.array([-0.00001]), 4)] == ["-0.0"]


def test_new_types_facts_a_column_at_a_time_equal_the_reference_token_by_token():
    """What :meth:`ColumnarVader._add_types` keeps of each new type, by its kernel and
    column-wise look-ups, equals the reference's token by token (:func:`._vader._item`,
    lower-cased and upper-case test, ``!`` and ``?`` counts, an emoji among its
    characters) and the words' facts equal the lexicon's, on random tokens of ASCII
    punctuation at either end (items of two characters or fewer keep it), capitals,
    letters past ASCII, emojis and negations."""
    from analysis.features._vader import _BOOSTERS, _item, _negates

    rng = random.Random(8)
    pieces = ["!", "?", ".", "'", "#", "(", ")", "“", "GOOD", "good", "Bad", "no", "n't",
              "é", "É", "😀", "❤", "very", "ab", "x", "kind", "ß", "ǅ"]
    tokens = list(dict.fromkeys("".join(rng.choice(pieces) for _ in range(rng.randrange(1, 5)))
                                for _ in range(20_000)))
    vader = ColumnarVader()
    before = len(vader._t["word"])
    vader._add_types(tokens)
    items = [_item(t) for t in tokens]
    emojis = vader.reference._emojis
    words = [vader._words[s.lower()] for s in items]
    assert vader._t["word"][before:].tolist() == words
    assert vader._t["upper"][before:].tolist() == [int(s.isupper()) for s in items]
    assert vader._t["excl"][before:].tolist() == [t.count("!") for t in tokens]
    assert vader._t["quest"][before:].tolist() == [t.count("?") for t in tokens]
    assert vader._t["emoji"][before:].tolist() == [not emojis.isdisjoint(t) for t in tokens]
    lexicon = vader.reference._lexicon
    by_id = {i: w for w, i in vader._words.items()}
    lowered = [by_id[i] for i in words]
    w = vader._w
    assert w["val"][words].tolist() == [lexicon.get(x, 0.0) for x in lowered]
    assert w["inlex"][words].tolist() == [x in lexicon for x in lowered]
    assert w["boost"][words].tolist() == [_BOOSTERS.get(x, 0.0) for x in lowered]
    assert w["neg"][words].tolist() == [_negates(x) for x in lowered]
    pairs = list(zip(tokens, items, strict=True))
    assert sum(t != s for t, s in pairs) > 100  # punctuation stripped
    assert sum(t == s and t.strip("!?.'#()") != t for t, s in pairs) > 100  # or kept
    assert any(vader._t["emoji"]) and any(w["neg"][words]) and any(w["inlex"][words])


def test_a_token_made_an_x_keeps_the_score_only_where_the_reference_says_so(reference):
    """:meth:`ColumnarVader.keeps_score_as_x` says yes only where vaderSentiment scores
    the text with that token made an ``X`` as it scores the text: over every token of
    the rule cases and of random sentences of rule words, capitals and marks, and of
    hand cases where it must say no (a lexicon word, a booster, a negation, a word a rule
    names, a plain word of an idiom or multi-word booster, a token with "!", capitals
    that would make the differential flip, an emoji in the text) or yes (no token in
    capitals before; capitals in a text with lower-case words left)."""
    import numpy as np

    from analysis.features._tokens import code_points

    hand = {  # text, token, whether kept
        "Minsk said it was good": ("Minsk", True),  # the X the only token in capitals
        "Minsk said it was GOOD": ("Minsk", True),  # differential on before and after
        "NATO said it was GOOD": ("NATO", True),
        "GREAT NEWS FROM Minsk": ("Minsk", False),  # all in capitals after: no differential
        "Minsk is a good city": ("good", False), "Minsk is very good": ("very", False),
        "Minsk is not good": ("not", False), "Minsk was the bomb": ("the", False),
        "Minsk was sort of good": ("sort", False), "Yes, Minsk! good": ("Minsk!", False),
        "Minsk but good": ("but", False), "Minsk 😁 good": ("Minsk", False),
    }
    texts = [*hand, *(t for t in CASES + KERNEL_CASES if t.split()),
             *(t for t in _random_sentences(1500, seed=11) if t.split())]
    lengths = np.array([len(t) for t in texts])
    ends = np.cumsum(lengths)
    vader = ColumnarVader()
    vader.span_compounds(code_points("".join(texts)), ends - lengths, ends, texts.__getitem__)
    tids, counts = vader.span_tokens(np.arange(len(texts)))
    offsets = np.concatenate([[0], np.cumsum(counts)])
    text_of = np.repeat(np.arange(len(texts)), counts)
    keeps = vader.keeps_score_as_x(tids, offsets, text_of, np.arange(len(tids))).tolist()
    wrong, kept, changed = [], 0, 0
    for t, (j, keep) in enumerate(zip(text_of.tolist(), keeps, strict=True)):
        words = texts[j].split()
        words[t - offsets[j]] = "X"
        same = (reference.polarity_scores(" ".join(words))["compound"]
                == reference.polarity_scores(texts[j])["compound"])
        wrong += [(texts[j], t - offsets[j])] if keep and not same else []
        kept += keep
        changed += not same
    assert wrong == []
    assert kept > 250 and changed > 5000  # (neither side is rare: 364 and 8,929 of 10,142)
    for j, (text, (token, keep)) in enumerate(hand.items()):
        assert keeps[offsets[j] + text.split().index(token)] == keep, text
