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


# a long left context (its window is looked for in the text's tail), apostrophes of both
# kinds, a mention inside a word and one at either end, a window with fewer than six words
_LONG = ("In a long speech that went on and on about sanctions, the border, the harvest, the "
         "weather, the army's drills and the neighbours' ‘provocations’, the minister, who "
         "did not smile once, said that Lukashenko’s government wouldn't back down, and "
         "that Russia was a great friend.")
_MENTIONS = [(_LONG, "Lukashenko"), (_LONG, "Russia"), (_LONG, "minister"),
             ("Lukashenko said nothing.", "Luka"), ("Critics said Lukashenko", "Lukashenko"),
             ("The crowd cheered as the dictator was finally jailed.", "dictator"),
             ("Putin, a brutal killer, was condemned by the UN.", "Putin")]


def test_windows_are_the_first_and_last_tokens():
    from analysis.features.target import WINDOW, _tokens, _window

    for text in (_LONG, _LONG[:100], "", "a b", " " * 300 + "x", "word" * 100 + " a b c",
                 _LONG.replace(" ", "\n")):
        for cut in range(0, len(text) + 1, 5):
            assert _window(text[:cut], last=True) == _tokens(text[:cut])[-WINDOW:]
            assert _window(text[cut:], last=False) == _tokens(text[cut:])[:WINDOW]


def test_the_batch_scorer_and_the_direct_matrix_give_the_references_polarity():
    import numpy as np

    from analysis.features._vaderkernels import ColumnarVader
    from analysis.features.target import (
        _columnar_matrix,
        _context,
        _from_rows,
        _with_scores,
        by_sentence,
        target_model,
    )

    sentences = [s for s, _ in _MENTIONS]
    spans = [_span(s, t) for s, t in _MENTIONS]
    assert target_sentiment(sentences, spans, ColumnarVader()) == target_sentiment(
        sentences, spans)
    # the features are the same, and so is the model's matrix, to the bit
    model = target_model()
    reference = [context_features(s, a, b) for s, (a, b) in zip(sentences, spans, strict=True)]
    built = []
    for s, (a, b) in zip(sentences, spans, strict=True):
        words, texts, rest = _context(s, a, b)
        built.append(_with_scores(words, ColumnarVader().compounds(list(texts)), rest))
    assert [list(f.items()) for f in built] == [list(f.items()) for f in reference]
    expected = model[0].transform(reference)
    for got in (_from_rows(model[0], built),
                _columnar_matrix(*by_sentence(sentences, spans), ColumnarVader(), model[0])):
        assert np.array_equal(expected.indptr, got.indptr)
        assert np.array_equal(expected.indices, got.indices)
        assert np.array_equal(expected.data.view(np.int64), got.data.view(np.int64))
    # a feature the model never saw is left out, as the vectorizer leaves it
    unseen = [{**built[0], "l:qqqzzz": 1.0}]
    assert (_from_rows(model[0], unseen) != model[0].transform(unseen)).nnz == 0


@pytest.mark.parametrize("mentions", [
    # the cases the whole-sentence scan leaves to _context: a start inside a word, a word
    # character after the mention, a break word or token across the start, a sentence
    # holding the separator; beside plain mentions of the same sentences
    [("Pro-Lukashenko crowds, and antiLukashenko ones, met.", "Lukashenko", 1),
     ("Pro-Lukashenko crowds, and antiLukashenko ones, met.", "Lukashenko", 0)],
    [("Putin_2 said so; Putin did not.", "Putin", 0),
     ("Putin_2 said so; Putin did not.", "Putin", 1)],
    [("Kyiv and Minsk, which Minsk denies, talked.", "and Minsk", 0),
     ("We saw asKyiv said, as Kyiv did.", "Kyiv", 0),
     ("We saw asKyiv said, as Kyiv did.", "Kyiv", 1)],
    [("Minsk\x00said - and Moscow (agreed) that Minsk's ‘hotheads’ lied.", "Moscow", 0),
     ("Minsk\x00said - and Moscow (agreed) that Minsk's ‘hotheads’ lied.", "Minsk", 1)],
    [("", "", 0), ("X", "X", 0), ("“Minsk,” he said, “will not yield”: Minsk.", "Minsk", 1)],
    # texts VADER scores with an emoji (the reference's), white space of every kind,
    # window words whose lower case is longer, a mention at a sentence's edge
    [("Lukashenko 😡 said\tMinsk\u3000won’t\nyield, İSTANBUL  too.", "Minsk", 0),
     ("Lukashenko 😡 said\tMinsk\u3000won’t\nyield, İSTANBUL  too.", "Lukashenko", 0),
     ("GREAT Putin!! was there, NOT good ?", "Putin", 0), ("Putin", "Putin", 0),
     ("Lukashenko 😡 smiled at Putin", "Putin", 0)],
    # mentions that are a token of their sentence (whose score stands for their first
    # text where VADER has the sentences) in sentences of different scores, beside ones
    # whose X changes it (capitals), is cut off by a mark, or is two tokens
    [("Minsk said the talks were good.", "Minsk", 0), ("Kyiv was not happy with Minsk.",
                                                       "Kyiv", 0),
     ("GREAT NEWS FROM Minsk", "Minsk", 0), ("Minsk hates war, said Putin.", "Putin", 0),
     ("Minsk hates war, said Putin.", "Minsk", 0), ("Sadly, Alexander Lukashenko won.",
                                                   "Alexander Lukashenko", 0),
     ("It was very Minsk, good.", "Minsk", 0),  # (", " a token of its own: damped less)
     ("They met (Evil Lukashenko won).", "Evil Lukashenko", 0)],  # ("(" left of the X)
    # window words repeated (a column once, valued 1), beside a mention left to the
    # reference in the same batch
    [("No, no, no: the the Minsk said no, not not no.", "Minsk", 0),
     ("Putin_2 said no, no; Putin did not, not.", "Putin", 0),
     ("Putin_2 said no, no; Putin did not, not.", "Putin", 1)],
])
@pytest.mark.parametrize("known", ["looked_up", "given", "miscounted"])
@pytest.mark.parametrize("as_spans", [False, True])
def test_the_batch_matrix_equals_the_references_where_scans_differ(mentions, known,
                                                                   as_spans, monkeypatch):
    """The batch matrix equals the reference's to the bit where the whole-sentence scans
    would differ from it (those mentions are left to the reference); also where VADER's
    table has the sentences' token ids from scoring them (`given`: the sentences among
    others it scored), and where what it is told it has does not fit the sentences
    (`miscounted`: it looks them up); and with the sentences given as strings or as spans
    of code points (`as_spans`: out of order, in a text that holds more)."""
    import numpy as np

    from analysis.features._tokens import Slices, code_points
    from analysis.features._vaderkernels import ColumnarVader
    from analysis.features.target import _columnar_matrix, by_sentence, target_model

    sentences, spans = [], []
    for sentence, target, nth in mentions:
        start = -1
        for _ in range(nth + 1):
            start = sentence.index(target, start + 1)
        sentences.append(sentence)
        spans.append((start, start + len(target)))
    model = target_model()
    expected = model[0].transform([context_features(s, a, b)
                                   for s, (a, b) in zip(sentences, spans, strict=True)])
    distinct, sid, starts, ends = by_sentence(sentences, spans)
    vader, units = ColumnarVader(), None
    if known != "looked_up":  # scored first: the sentences backwards, after a long one
        scored = ["many words " * 40, *distinct[::-1]]
        lengths = np.array([len(x) for x in scored])
        at = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        vader.span_compounds(code_points("".join(scored)), at, at + lengths,
                             scored.__getitem__)
        units = (np.array([scored.index(x) for x in distinct]) if known == "given"
                 else np.zeros(len(distinct), np.int64))
    used = []
    piece_compounds = ColumnarVader.piece_compounds
    monkeypatch.setattr(ColumnarVader, "piece_compounds", lambda self, *a, **k: (
        used.append(a[-1] is not None), piece_compounds(self, *a, **k))[1])
    texts, spans_ = distinct, None
    if as_spans:  # the sentences backwards, each after a word and a separator
        whole = "".join(f"x\x00{x}" for x in distinct[::-1])
        ends_ = np.cumsum([len(x) + 2 for x in distinct[::-1]])[::-1]
        a = ends_ - np.array([len(x) for x in distinct])
        texts, spans_ = Slices(whole, a, ends_), (code_points(whole), a, ends_)
        assert list(texts) == distinct
    got = _columnar_matrix(texts, sid, starts, ends, vader, model[0], units, spans_)
    assert np.array_equal(expected.indptr, got.indptr)
    assert np.array_equal(expected.indices, got.indices)
    assert np.array_equal(expected.data.view(np.int64), got.data.view(np.int64))
    # (sentences holding the separator are left to the reference, which looks them up)
    assert used == ([] if any("\x00" in x for x in distinct) else [known == "given"])


def test_vaders_token_ids_of_texts_scored_are_none_once_it_starts_afresh(monkeypatch):
    import numpy as np

    from analysis.features import _vaderkernels
    from analysis.features._tokens import code_points
    from analysis.features._vaderkernels import ColumnarVader

    vader = ColumnarVader()
    vader.span_compounds(code_points("good day"), np.array([0]), np.array([8]), None)
    assert vader.span_tokens(np.array([0]))[1].tolist() == [2]
    monkeypatch.setattr(_vaderkernels, "TYPE_LIMIT", 0)  # the next call starts afresh
    vader.compounds(["bad"])
    assert vader.span_tokens(np.array([0])) is None


def test_the_last_clause_break_is_the_full_scans():
    import random

    from analysis.features.target import _CLAUSE_BREAK, _last_break_end

    rng = random.Random(5)
    pieces = ["as", "AS", "aſ", "and", " - ", "-", " ", ",", ";", "(", ")", "—", "–", "which",
              "x", "Whose", "\n-\n", "but", "butter", "a", ":"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        found = list(_CLAUSE_BREAK.finditer(text))
        assert _last_break_end(text) == (found[-1].end() if found else 0), text


def test_the_kernels_find_what_the_regular_expressions_find():
    """The columnar engine's token and clause-break scans, and the ends of mention words,
    against ``finditer`` and ``_mention_end`` on random texts of the pieces where they
    could differ: case pairs of ``re.IGNORECASE`` (ſ, ı, İ, the Kelvin sign), underscores,
    apostrophes at a token's edge, break words inside longer words, NUL (the separator)."""
    import random

    import numpy as np

    from analysis.features._tokens import code_points
    from analysis.features.target import (
        _CLAUSE_BREAK,
        _TOKEN,
        _break_spans,
        _classes,
        _mention_end,
        _token_spans,
        _word_ends,
    )

    classes = _classes()
    rng = random.Random(11)
    pieces = ["as", "AS", "aſ", "İ", "ı", "whıch", "WHOM", "who", "whom_", "_and", "and",
              "K", "butter", "Whose", "'", "’", "s", "n't", "x’y", "9", "é", "_", " ", "  ",
              "\n", "\u3000", "-", " - ", "\t-\u2028", ",", ";", "(", "]", "—", "–", "\x00",
              "since", "until", "Although", "though", "e"]
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        codes = code_points(text)
        starts, ends = _token_spans(codes, classes.letter, classes.apostrophe)
        assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [
            m.span() for m in _TOKEN.finditer(text)], text
        starts, ends = _break_spans(codes, classes.character, classes.space, classes.hyphen,
                                    classes.word, classes.fold, classes.words,
                                    classes.word_lengths)
        assert list(zip(starts.tolist(), ends.tolist(), strict=True)) == [
            m.span() for m in _CLAUSE_BREAK.finditer(text)], text
        places = np.arange(len(text) + 1, dtype=np.int64)
        assert _word_ends(codes, places, classes.letter, classes.apostrophe).tolist() == [
            _mention_end(text, p) for p in range(len(text) + 1)], text


def test_one_branch_of_the_clause_break_can_match_at_a_place():
    """What :func:`_break_spans` rests on: a break character is neither white space nor a
    word character, and each character is at most one letter of the break words ignoring
    case, and then a word character."""
    from analysis.features.target import _classes

    c = _classes()
    assert not (c.character & (c.space | c.word)).any()
    assert not (c.space & c.word).any()
    assert (c.word[c.fold > 0]).all()
    assert {chr(x) for x in c.fold.nonzero()[0] if chr(x).lower() != chr(c.fold[x])} == {
        "ſ", "ı", "İ"}


def test_a_saved_model_is_the_fitted_model_bit_for_bit(tmp_path, monkeypatch):
    """The first process fits and saves the classifier; a later one loads it: the same
    vocabulary and coefficients, bit for bit, and a model saved for other code is
    removed. Where nothing can be saved, it is fitted."""
    import pickle

    import numpy as np

    from analysis.features import target

    monkeypatch.setattr(target, "MODEL_CACHE", tmp_path)
    (tmp_path / "target_model.0000000000000000.pickle").write_bytes(b"old")
    target.target_model.cache_clear()
    fitted = target.target_model()
    saved = list(tmp_path.glob("target_model.*.pickle"))
    assert [p.name for p in saved] == [f"target_model.{target._model_key()}.pickle"]
    target.target_model.cache_clear()
    loaded = target.target_model()
    assert loaded is not fitted
    assert loaded[0].vocabulary_ == fitted[0].vocabulary_
    for name in ("coef_", "intercept_", "classes_"):
        a, b = getattr(loaded[-1], name), getattr(fitted[-1], name)
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), name
    assert pickle.dumps(loaded) == saved[0].read_bytes()
    monkeypatch.setattr(target, "MODEL_CACHE", tmp_path / "file" / "below")
    (tmp_path / "file").write_text("a file, not a folder")
    target.target_model.cache_clear()
    again = target.target_model()
    assert np.array_equal(again[-1].coef_, fitted[-1].coef_)
    target.target_model.cache_clear()

