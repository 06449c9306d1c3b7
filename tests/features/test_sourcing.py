import pandas as pd
import pytest

from analysis.features import Document
from analysis.features.sourcing import Sourcing
from tests.features.conftest import HEADER

KHRENIN = ("“It seems that our neighbors, particularly Poland, are ready to unleash a conflict,” "
           "Belarusian Defense Minister Viktor Khrenin said, according to state media.\n\n"
           "“I’d like to warn the ‘hotheads’ not to overestimate their capabilities,” "
           "Khrenin added.")


def test_quotes_are_attributed_to_verb_speaker_and_type(lexicon_dir):
    quotes = Sourcing(lexicon_dir).fit().quotes(Document(KHRENIN))
    assert [q.verb for q in quotes] == ["said", "added"]
    assert [q.verb_class for q in quotes] == ["neutral", "neutral"]
    assert quotes[0].speaker == "Belarusian Defense Minister Viktor Khrenin"
    assert quotes[1].speaker == "Khrenin"
    assert [q.source_type for q in quotes] == ["official_ru_by", "official_ru_by"]
    assert not any(q.scare for q in quotes)


def test_verb_before_the_quote_and_scare_quotes(lexicon_dir):
    text = ('An analyst claimed that “the drills are a rehearsal for war.” '
            'Minsk calls them “defensive” drills.')
    quotes = Sourcing(lexicon_dir).fit().quotes(Document(text))
    assert quotes[0].verb == "claimed" and quotes[0].verb_class == "evaluative"
    assert quotes[0].source_type == "expert"
    assert quotes[1].verb is None and quotes[1].scare and quotes[1].source_type is None


def test_texts_attributed_together_are_attributed_as_alone(lexicon_dir):
    """One scan per lexicon for all texts' clauses, speakers and clauses left untyped:
    nothing of one text reaches into the next (a verb at a text's end, a speaker at the
    next one's start), and a text without quotations keeps its place."""
    texts = [KHRENIN, "No quotations here.", "“Go,” said", "Khrenin claimed “war is near”",
             'An analyst claimed that “the drills are a rehearsal for war.” Minsk calls '
             'them “defensive” drills.', ""]
    sourcing = Sourcing(lexicon_dir).fit()
    together = sourcing.quotes_many(texts, "en")
    alone = [sourcing.quotes(Document(text)) for text in texts]
    assert together == alone
    assert [len(q) for q in together] == [2, 0, 1, 1, 2, 0]
    assert together[3][0].verb == "claimed" and together[3][0].speaker == "Khrenin"


def test_document_features(lexicon_dir):
    text = (KHRENIN + "\n\nThe troops were reportedly armed, allegedly by Warsaw. Minsk calls "
            "them “defensive” drills. Lukashenko accused Poland without providing evidence.")
    row = Sourcing(lexicon_dir).set_output(transform="pandas").fit_transform([text]).iloc[0]
    assert row["src__n_quotes"] == 3
    assert row["src__quotes_attributed_share"] == pytest.approx(2 / 3)
    assert row["src__quotes_official_ru_by_n"] == 2
    assert row["src__quotes_unattributed_n"] == 1
    assert row["src__scare_quotes_n"] == 1
    # Own text (quotes removed): said, added (neutral); accused (evaluative).
    assert row["src__verbs_neutral_n"] == 2 and row["src__verbs_evaluative_n"] == 1
    assert row["src__evaluative_verb_share"] == pytest.approx(1 / 3)
    # own words: 10 + 2 (the two attributions) + 8 + 4 + 6 (the last three sentences)
    own_words = 30
    assert row["src__evidential_rate"] == pytest.approx(1000 * 3 / own_words)
    assert row["src__booster_rate"] == 0.0


def test_a_clause_begins_after_the_last_break_the_text_before_the_quote_holds():
    import random

    from analysis.features.sourcing import _CLAUSE_BREAK, _clause, _clause_breaks

    # by hand: "said." is not a break here, as its look-ahead needs the opening mark
    assert _clause("Why? He said. “Go.” Now we go. Done.", 14, 19) == (" He said. ", " Now we go")
    # reference: the breaks that a scan of the text before the quotation, alone, finds
    rng = random.Random(5)
    marks = [".", "!", "?", "”", '"', "’", "»", ")", " ", "\n", "\t", "A", "a", "“", "«", "Я"]
    for _ in range(3000):
        text = "".join(rng.choice(marks) for _ in range(rng.randint(0, 30)))
        breaks = _clause_breaks(text)
        for _ in range(3):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            ends = [m.end() for m in _CLAUSE_BREAK.finditer(text[:start])]
            after = _CLAUSE_BREAK.search(text, end)
            expected = (text[ends[-1] if ends else 0:start],
                        text[end:after.start() if after else len(text)])
            assert _clause(text, start, end, breaks) == expected, (text, start, end)


def test_a_stem_verb_is_taken_to_its_word_end_and_small_letters_are_no_names():
    from analysis.features.lexicons import CueMatcher
    from analysis.features.sourcing import _speaker, attribute_quotes

    verbs = CueMatcher([("neutral", "przekaza", False)])
    sources = CueMatcher([("media", "media", False)])
    (quote,) = attribute_quotes("„Tak” – przekazały niezależne media.", verbs, sources)
    # the speaker phrase starts after the verb's word, not after its stem ("ły niezależne")
    assert (quote.verb, quote.speaker, quote.source_type) == (
        "przekazały", "niezależne media.", "media")
    # ł is a small letter: "białoruski" holds no name "łoruski"
    assert _speaker("oskarżył białoruski prezydent") == "oskarżył białoruski prezydent"
    assert _speaker("oskarżył białoruski prezydent Łukaszenka") == "Łukaszenka"


def test_capitalised_function_words_name_no_speaker(lexicon_dir):
    from analysis.features.lexicons import CueMatcher
    from analysis.features.sourcing import attribute_quotes

    sourcing = Sourcing(lexicon_dir).fit()
    verbs, sources = CueMatcher([("neutral", "powiedział", True)]), CueMatcher([])
    text = ("Premier powiedział, że „politycy nie zastępują sądów”. - Ja też będę respektował "
            "wyroki, powiedział Tusk.")
    # without the lexicon the pronoun "Ja" (I), a run of one capital, is taken as the name
    assert [q.speaker for q in attribute_quotes(text, verbs, sources)] == ["Ja"]
    # with it, the phrase before the verb is too long to be a speaker, and the name after
    # the verb is found
    (quote,) = sourcing.quotes(Document(text, "pl"))
    assert (quote.verb, quote.speaker) == ("powiedział", "Tusk.")
    # "Jak powiedział, „...”" (as he said): a function word is no speaker, alone or as the
    # first word of a phrase ("Tym razem premier": this time the prime minister)
    for text in ("Jak powiedział, „nie będzie to tysiąc ludzi”.",
                 "Tym razem premier powiedział, że „to błąd”."):
        (quote,) = sourcing.quotes(Document(text, "pl"))
        assert quote.verb == "powiedział" and quote.speaker is None, text
    # a preposition is no name alone, but may begin a phrase (on social media, in a post)
    (quote,) = sourcing.quotes(Document("„Nie” - powiedział w mediach.", "pl"))
    assert quote.speaker == "w mediach."


def test_weekdays_name_no_speaker_but_us_is_not_the_pronoun(lexicon_dir):
    sourcing = Sourcing(lexicon_dir).fit()

    def speakers(text):
        return [q.speaker for q in sourcing.quotes(Document(text))]

    # the run nearest the verb was the day; the name before it is the speaker
    assert speakers("The Kremlin on Tuesday said “no”.") == ["The Kremlin"]
    # words are compared as written: "US" is not the object pronoun "Us"
    assert speakers("The US on Tuesday said “no”.") == ["The US"]
    from analysis.features.sourcing import _speaker

    english = sourcing._non_names["en"]
    assert (_speaker("US ", english), _speaker("Us ", english)) == ("US", None)
    # a phrase beginning with a function word is no speaker: the verb's other side is read
    assert speakers("“No,” and said Khrenin.") == ["Khrenin."]


def test_a_name_before_the_verb_keeps_its_noun(lexicon_dir):
    sourcing = Sourcing(lexicon_dir).fit()

    def speakers(text):
        return [q.speaker for q in sourcing.quotes(Document(text))]

    # "Russian", "the Ukrainian" alone are adjectives: their noun is part of the speaker
    assert speakers("“No,” the Ukrainian president said.") == ["the Ukrainian president"]
    assert speakers("Russian defence ministry officials said “no”.") == [
        "Russian defence ministry officials"]
    # up to a listed word ("has"), and only where small words alone lead to the verb
    assert speakers("Joe Biden has said “no”.") == ["Joe Biden"]
    assert speakers("Khrenin, in a long speech, said “no”.") == ["Khrenin"]
    assert speakers("Khrenin's troops were told to keep moving and said “no”.") == [
        "Khrenin's"]  # more than three small words: not one noun phrase


def test_a_speaker_cue_types_only_a_speaker_and_the_clause_leaves_out_the_quote(lexicon_dir):
    (lexicon_dir / "sources.csv").write_text(HEADER + (
        "source_type,cue,language,whole_word,note,scope\n"
        "official_ru_by,Kremlin,en,false,,\nofficial_ru_by,Russia,en,true,,speaker\n"
        "expert,analyst,en,false,,\n"), encoding="utf-8")
    text = ("“We will respond,” Russia said.\n"  # a country as the speaker: its government
            "“The Kremlin lies,” Ivan Petrov said.\n"  # the type named only inside the quote
            "“No,” Ivan Petrov said, citing Russia.\n"  # a speaker cue in the clause
            "“No,” Ivan Petrov said, citing an analyst.")  # a clause cue outside the quote
    quotes = Sourcing(lexicon_dir).fit().quotes(Document(text))
    assert [q.speaker for q in quotes] == ["Russia", "Ivan Petrov", "Ivan Petrov", "Ivan Petrov"]
    assert [q.source_type for q in quotes] == ["official_ru_by", None, None, "expert"]


def test_a_name_after_a_preposition_is_no_speaker_but_may_end_its_noun_phrase(lexicon_dir):
    (lexicon_dir / "non_names.csv").write_text(HEADER + (
        "kind,word,language,whole_word,note\n"
        "article,The,en,true,\narticle,A,en,true,\npronoun,He,en,true,\n"
        "preposition,In,en,true,\npreposition,After,en,true,\npreposition,To,en,true,\n"
        "preposition,On,en,true,\npreposition,Of,en,true,\npreposition,By,en,true,\n"
        "preposition,W,pl,true,\n"), encoding="utf-8")
    (lexicon_dir / "sources.csv").write_text(HEADER + (
        "source_type,cue,language,whole_word,note,scope\n"
        "official_ru_by,Minsk,en,true,,speaker\nofficial_ru_by,Kremlin,en,false,,\n"
        "official_ru_by,Białoru,pl,false,,speaker\n"
        "official_west_ua_pl,Kyiv,en,true,,speaker\n"
        "official_west_ua_pl,Washington,en,false,,speaker\n"), encoding="utf-8")
    sourcing = Sourcing(lexicon_dir).fit()

    def attributed(text, language="en"):
        return [(q.speaker, q.source_type) for q in sourcing.quotes(Document(text, language))]

    # a place after a preposition is no speaker: the name before it is (1.1 took "Minsk")
    assert attributed("Lukashenko, speaking in Minsk, said “no”.") == [("Lukashenko", None)]
    # ... but it ends the speaker's noun phrase, which it may type
    assert attributed("Władze w Białorusi powiedział „nie”.", "pl") == [
        ("Władze w Białorusi", "official_ru_by")]
    assert attributed("Washington’s new ambassador to Sudan said “no”.") == [
        ("Washington’s new ambassador to Sudan", "official_west_ua_pl")]
    # right before the verb it is its subject after a conjunction or as a possessive
    assert attributed("Moscow denied it after Kyiv accused “saboteurs”.") == [
        ("Kyiv", "official_west_ua_pl")]
    # the object of "of" may be the speaker (and "of" no longer begins a name: 1.1 took
    # "of the Kremlin")
    assert attributed("“No,” a spokesman of the Kremlin said.") == [
        ("the Kremlin", "official_ru_by")]


def test_after_a_dash_the_speaker_follows_the_verb(lexicon_dir):
    (lexicon_dir / "sources.csv").write_text(HEADER + (
        "source_type,cue,language,whole_word,note,scope\n"
        "media,Reuter,pl,false,,\nofficial_ru_by,Makiej,pl,false,,\n"), encoding="utf-8")
    text = "Wprowadzono „reżim” po informacjach Reutera - powiedział minister Makiej."
    (quote,) = Sourcing(lexicon_dir).fit().quotes(Document(text, "pl"))
    # the name before the verb (the agency) was taken in 1.1
    assert (quote.speaker, quote.source_type) == ("Makiej.", "official_ru_by")


def test_hedge_cues_on_hand_made_sentences():
    from analysis.features.lexicons import load_lexicon
    from analysis.features.sourcing import HEDGE_MIN_PRECISION, tuned_hedges, uncertain

    lexicon = tuned_hedges(load_lexicon("hedges"))
    flagged = {
        "Some critics say the deal may collapse.": True,  # weasel words and a modal
        "It is believed that the plane was shot down.": True,  # vague attribution
        "The talks could fail, officials warned.": True,  # modal, kept untuned
        "According to the ministry, 30 people died.": True,  # a named-source evidential
        "Many experts doubt the official account.": True,
        "The treaty was signed in Minsk on 5 May.": False,  # the month is no modal
        "The minister signed the treaty in Minsk.": False,
        "Troops crossed the border on Tuesday.": False,
    }
    assert uncertain(list(flagged), lexicon).tolist() == list(flagged.values())
    # a cue whose tuning-half precision is below the cut-off is not used ("often": 0.15)
    often = [r for r in load_lexicon("hedges").rows if r["cue"] == "often"]
    assert often and float(often[0]["tuning_precision"]) < HEDGE_MIN_PRECISION
    assert not uncertain(["Trains are often late."], lexicon)[0]
    assert uncertain(["Trains are often late."], tuned_hedges(load_lexicon("hedges"), 0.0))[0]


def test_the_hedge_rate_counts_may_once_and_not_the_month():
    family = Sourcing()
    row = family.set_output(transform="pandas").fit_transform(pd.DataFrame({
        "text": ["The vote may be delayed until May, and it might not happen at all."],
        "language": ["en"], "text_level": ["full"]})).iloc[0]
    # "may" and "might": 2 hedges in 14 words
    assert row["src__hedge_rate"] == pytest.approx(1000 * 2 / 14)


def test_clause_breaks_by_the_kernel_equal_the_regular_expression(processed):
    """:func:`sourcing.clause_breaks_many` equals ``_clause_breaks`` (``_CLAUSE_BREAK``'s
    matches and each one's reach) text by text, on every corpus text and on random texts
    of the characters where they could differ: marks, closers, runs of white space of
    several kinds (line breaks among them), capitals of several scripts, opening quotes,
    small letters, digits, and texts that end in a mark or in white space."""
    import random

    from analysis.features.sourcing import _clause_breaks, clause_breaks_many

    rng = random.Random(12)
    alphabet = [*".!?”\"’»)“„«‘ \n\t", "\u00a0", "\u2003", "A", "Ж", "Ω", "a", "ж", "9", "-",
                "\x1c", "\u200b"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
             for _ in range(20_000)]
    texts += processed[0]["text"].tolist()
    want = [_clause_breaks(t) for t in texts]
    assert clause_breaks_many(texts) == want
    assert sum(map(len, want[:20_000])) > 10_000  # breaks of both kinds among them
    assert any(end != reach for breaks in want for end, reach in breaks)


@pytest.mark.parametrize("quoting", [1, 4])
def test_the_columnar_engine_counts_the_own_texts_cues_whether_few_or_most_texts_quote(
        lexicon_dir, quoting):
    # the hedges and verbs of the author's own text: in the texts the other families scan
    # where few texts quote (those that do are scanned again as own texts), in the own
    # texts where most do; a cue inside a quotation is not the author's either way
    import numpy as np

    from analysis.features._base import Batch

    quoted = "Minsk may respond, officials said: “We may possibly strike,” he claimed."
    plain = "Officials reportedly said Minsk might respond."
    docs = [Document(t) for t in [quoted] * quoting + [plain] * (5 - quoting)]
    family = Sourcing(lexicon_dir).fit()
    columnar = family.transform_columnar(Batch(docs))
    assert np.array_equal(columnar, family.transform(docs), equal_nan=True)
    names = list(family.get_feature_names_out())
    hedges = [k for k, n in enumerate(names) if "hedge" in n]
    assert hedges and not np.array_equal(columnar[0, hedges], columnar[-1, hedges])
