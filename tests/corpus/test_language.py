import pytest

from analysis.corpus.language import LanguageIdentifier, normalise_language_tag


@pytest.mark.parametrize(("tag", "code"), [
    ("pl-PL", "pl"), ("en-UK", "en"), ("en_us", "en"), ("EN", "en"), ("", None), (None, None),
    ("english", None),
])
def test_normalise_language_tag(tag, code):
    assert normalise_language_tag(tag) == code


@pytest.fixture(scope="module")
def identifier():
    return LanguageIdentifier(["en", "pl", "ru", "uk", "be", "de", "fr"])


def test_detects_short_headlines(identifier):
    texts = ["Niespodziewany ruch Łukaszenki. Wojska w gotowości bojowej",
             "Belarus says Russian troops will arrive within days",
             "Лукашенко заявил о размещении ядерного оружия в Беларуси"]
    langs, methods = identifier.identify(texts, [None, None, None], [None, None, None])
    assert langs == ["pl", "en", "ru"]
    assert methods == ["detected"] * 3


def test_confident_detection_overrides_a_wrong_stated_language(identifier):
    # Business Insider Polska's feed labels Polish items en-US.
    langs, methods = identifier.identify(
        ["Polska zamknęła przejście graniczne z Białorusią. Jest odpowiedź Mińska"], ["en-US"],
        ["pl"])
    assert langs == ["pl"] and methods == ["detected; source said en"]


def test_prior_breaks_a_disagreement(monkeypatch):
    # A stub detector pair that disagrees, so the rule itself is tested.
    identifier = LanguageIdentifier(["en", "pl"])

    class Hit:
        def __init__(self, code):
            self.iso_code_639_1 = type("Iso", (), {"name": code.upper()})()

    identifier._lingua = type("L", (), {"detect_languages_in_parallel_of":
                                        staticmethod(lambda ts: [Hit("pl") for _ in ts])})()
    monkeypatch.setattr("py3langid.langid.classify", lambda text: ("en", 1.0))
    langs, methods = identifier.identify(["x", "y", "z"], ["en-GB", None, None],
                                         [None, "pl", "de"])
    assert langs == ["en", "pl", "pl"]
    assert methods == ["detectors disagree (lingua pl, langid en); stated by source",
                       "detectors disagree (lingua pl, langid en); outlet default",
                       "detectors disagree (lingua pl, langid en); lingua"]


def test_guessing_languages_leaves_the_detectors_restriction_as_it_was():
    # the guess widens py3langid's one model to every language (a copy of its own cost
    # an ingest 100 MB more at its peak), and restores the restriction after
    import py3langid.langid as langid

    from analysis.corpus.language import guess_languages

    LanguageIdentifier(["en", "pl"])
    german = "Die Truppen Russlands und Weißrusslands begannen gemeinsame Übungen."
    assert guess_languages([german] * 6) == [("de", 6)]
    assert sorted(langid.IDENTIFIER.nb_classes) == ["en", "pl"]
