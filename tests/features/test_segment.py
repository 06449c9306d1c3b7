import re

import pytest

from analysis.features._segment import (
    CAPITALS,
    quotations,
    quote_spans,
    sentence_spans,
    split_quoted,
)


def test_single_quotes_are_quotations_but_apostrophes_are_not():
    text = "Zelensky’s aide: ‘those responsible will be punished.’ Kyiv’s ‘corridors’ don’t work"
    assert quotations(text) == ["those responsible will be punished.", "corridors"]


def test_an_apostrophe_inside_a_single_quoted_span_stays_inside():
    assert quotations("He called it ‘Putin’s war’, not ours") == ["Putin’s war"]


def test_single_quotes_inside_double_quotes_are_not_counted_twice():
    text = "“I’d like to warn the ‘hotheads’ not to overestimate,” Khrenin added."
    assert [text[a:b] for a, b in quote_spans(text)] == [
        "“I’d like to warn the ‘hotheads’ not to overestimate,”"]


def test_unclosed_or_mid_word_marks_are_not_quotations():
    assert quotations("rock‘n’roll and ‘ spaced ’ marks, and an open ‘quote") == []


def test_own_text_removes_single_quoted_spans_too():
    own, quoted = split_quoted("Minsk denied ‘any involvement’ today")
    assert (own, quoted) == ("Minsk denied   today", "any involvement")



def test_straight_single_quotes_are_quotations_but_apostrophes_are_not():
    text = ("Ukraine slams Moscow's 'immoral' offer; the soldiers' wives say "
            "'Putin's war' and 'I don't know'")
    assert quotations(text) == ["immoral", "Putin's war", "I don't know"]


def test_straight_single_quotes_need_a_word_start_and_a_word_end_on_one_line():
    assert quotations("the Russians' plan, an open 'quote, '90s music, it's 'x") == []
    assert quotations("'Go'\n'Stop' and 'not\nthis'") == ["Go", "Stop"]
    # two marks in a row are neither an opening nor a closing single quote, but a pair of
    # them is one double mark (Polish outlets)
    assert quotations("dla ''Rzeczpospolitej''") == ["Rzeczpospolitej"]
    assert quotations("o ''uzbrajanie Polski w tempie''. Nie''") == ["uzbrajanie Polski w tempie"]
    assert quotations("''Jawna dywersja'', \"Duda złamał prawo\"") == [
        "Jawna dywersja", "Duda złamał prawo"]
    assert quotations("'' x'' and ''y ''") == []  # no mark may face a space
    assert split_quoted("dla ''Rzeczpospolitej''.") == ("dla ' '.", "Rzeczpospolitej")


def test_straight_single_quotes_inside_double_quotes_are_not_counted_twice():
    text = "“He called it 'a provocation',” she said, and ‘Kyiv's 'plan'’ too"
    assert [text[a:b] for a, b in quote_spans(text)] == [
        "“He called it 'a provocation',”", "‘Kyiv's 'plan'’"]
    own, quoted = split_quoted("Minsk denied 'any involvement' today")
    assert (own, quoted) == ("Minsk denied   today", "any involvement")


def test_straight_single_quote_pairing_by_its_stated_limits():
    # a possessive plural inside a quotation closes it early; an elision opens one
    assert quotations("'the soldiers' wives'") == ["the soldiers"]
    assert quotations("rock 'n' roll") == ["n"]

# the sentence-end rule as one look-behind expression: the reference for the faster form
_REFERENCE_END = re.compile(rf"(?<=[.!?])[”\"’»)\]]*\s+(?=[\"“„«‘(\[{CAPITALS}0-9])|\n+")


@pytest.mark.parametrize("text", [
    "Minsk said so.  Kyiv replied.", "What?! No. “Yes?” He went.", "end.\n\nfoo bar",
    "A (b.) C. d. E.) «F» 3. 4.", "…. ?? !\nX", "", "\n\n", "no end", "U.S. troops. Then",
    "He said: “Go.” ‘Now’. Done!”  Next",
])
def test_sentence_spans_equal_the_look_behind_rule(text):
    cuts, start = [], 0
    for m in _REFERENCE_END.finditer(text):
        cuts.append((start, m.start()))
        start = m.end()
    cuts.append((start, len(text)))
    expected = [(a + len(text[a:b]) - len(text[a:b].lstrip()), b - len(text[a:b])
                 + len(text[a:b].rstrip())) for a, b in cuts if text[a:b].strip()]
    assert sentence_spans(text) == expected


def test_capitals_are_capital_letters_only():
    # Latin Extended-A alternates capital and small letters: Ł is a capital, ł is not
    assert {"A", "Z", "É", "Ł", "Ś", "Ż", "Є", "А", "Я", "Ω"} <= set(CAPITALS)
    assert not set(CAPITALS) & set("azéłśżąćęńźєіїая0 ._")
    # "r. łącznie" does not end a sentence; "tys. Łukaszenka" does
    assert sentence_spans("W 2021 r. łącznie 40 tys. Łukaszenka grozi.") == [(0, 25), (26, 43)]


def test_sentence_spans_by_hand():
    assert sentence_spans("What?! No. “Yes?” He went.\n\nnext") == [
        (0, 6), (7, 10), (11, 16), (18, 26), (28, 32)]


def test_the_batch_kernel_segments_as_sentence_spans():
    """:func:`._tokens.sentence_bounds` (the columnar engine's) against
    :func:`sentence_spans` on random texts of the pieces where they could differ: marks
    with and without closing marks, white space of every kind before an opener or not,
    line breaks, texts that are all white space."""
    import random

    import numpy as np

    from analysis.features._tokens import code_points, sentence_bounds

    rng = random.Random(3)
    pieces = [".", "!", "?", "”", "»", ")", "]", " ", "  ", "\n", "\n\n", "\u2028", "\x85",
              "\u3000", "\t", "A", "Ż", "a", "ż", "7", "“", "„", "«", "‘", "(", "[", "\"",
              "'", "word", "x.y", "\x00"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
             for _ in range(5000)]
    lengths = np.array(list(map(len, texts)), np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]]).astype(np.int64)
    a, b, offsets = sentence_bounds(code_points("|".join(texts)), starts, starts + lengths)
    for j, text in enumerate(texts):
        got = list(zip((a[offsets[j]:offsets[j + 1]] - starts[j]).tolist(),
                       (b[offsets[j]:offsets[j + 1]] - starts[j]).tolist(), strict=True))
        assert got == sentence_spans(text), text


def _by_kernel(texts: list[str]) -> list[tuple[tuple[int, int], ...]]:
    """Each text's quotation spans as the columnar engine finds them: all at once, then
    looked up."""
    from analysis.features._segment import remember_quote_spans

    remember_quote_spans(texts)
    return [quote_spans(text) for text in texts]


def test_the_quotation_kernel_finds_what_the_patterns_find_on_random_texts():
    """On random texts of every mark the patterns treat apart (double marks of each
    convention, straight and typographic single marks, apostrophes), word characters
    (``_``, digits, a combining mark, Cyrillic), white space ``\\s`` and ``str.split``
    see differently and line breaks, the kernel's spans (``_tokens.quote_bounds``) are
    the regular expressions' spans, text by text."""
    import random

    from analysis.features._segment import _REMEMBERED, _found_by_patterns

    rng = random.Random(5)
    alphabet = [*"ab Z_9.,'’‘“”„«»\"\n\t", "\u00a0", "\u2003", "é", "\u0301", "Ж", "\x1c",
                "\x85"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
             for _ in range(30_000)]
    want = [_found_by_patterns.__wrapped__(text) for text in texts]
    assert _by_kernel(texts) == want
    assert len(_REMEMBERED) == len(set(texts))  # found by the kernel, not the patterns
    assert sum(len(spans) > 1 for spans in want) > 1_000  # texts of several quotations


def test_the_quotation_kernel_finds_what_the_patterns_find_on_the_corpus(processed):
    """Every text of the real corpus, in every language, a batch at a time."""
    from analysis.features._segment import _found_by_patterns

    texts = processed[0]["text"].tolist()
    for start in range(0, len(texts), 2_000):
        batch = texts[start:start + 2_000]
        assert _by_kernel(batch) == [_found_by_patterns.__wrapped__(t) for t in batch]
