from analysis.features._segment import quotations, quote_spans, split_quoted


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
