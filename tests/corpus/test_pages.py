from datetime import datetime

import pytest

from analysis.corpus.outlets import _boilerplate
from analysis.corpus.pages import clean_page
from tests.conftest import DATA, FIXTURES

MT_PAGE = DATA / "raw" / "seeds" / "000_0c874e3e921a86e4.txt"
RT_PAGE = DATA / "raw" / "seeds" / "004_799ed92954225f26.txt"


def _text(parts):
    return "\n\n".join(p for p in (parts.title, parts.lede, parts.caption, parts.body) if p)


def test_moscow_times_seed_cleans_to_the_article(register):
    page = MT_PAGE.read_text(encoding="utf-8")
    assert register.recognise_page(page) == "moscow-times"
    parts = clean_page(page, register.get("moscow-times").boilerplate)
    assert parts.title == ("Russian Paratroopers Land in Belarus as Tensions Simmer Over "
                           "Migrant Crisis")
    assert parts.caption == ("Russian and Belarusian troops will carry out joint tactical "
                             "exercises at a site located kilometers from the border of EU "
                             "member Poland.")
    assert parts.credit == "mil.ru"
    assert parts.date is None  # the page prints none; ingest takes it from page_metadata.csv
    assert parts.body.startswith("Update: Late Friday evening, Russia’s Defense Ministry")
    assert parts.body.endswith("for his disputed 2020 election victory.")
    assert _text(parts) == (FIXTURES / "moscow_times_expected.txt").read_text(encoding="utf-8")
    for boilerplate in ("Support The Moscow Times", "newsletter", "Dear readers", "Remind me",
                        "Read more", "mil.ru", "Monthly"):
        assert boilerplate not in _text(parts)


def test_rt_seed_cleans_to_the_article(register):
    page = RT_PAGE.read_text(encoding="utf-8")
    assert register.recognise_page(page) == "rt"
    parts = clean_page(page, register.get("rt").boilerplate)
    assert parts.title == "Russian troops arrive in Belarus under new deal"
    assert parts.date == datetime(2022, 10, 15, 12, 34)
    assert parts.lede == ("The incoming service members are part of an allied force meant to "
                          "bolster Minsk’s defenses")
    assert parts.body.endswith("“nobody would shoot Russians in the back” from the territory "
                               "of Belarus.")
    text = _text(parts)
    assert text == (FIXTURES / "rt_expected.txt").read_text(encoding="utf-8")
    assert text.count("Russian troops arrive in Belarus under new deal") == 1
    for boilerplate in ("Read more", "Moscow comments on nuclear tech transfer", "Get the latest",
                        "15 Oct, 2022"):
        assert boilerplate not in text


@pytest.fixture
def profile():
    return _boilerplate({
        "drop_blocks": [{"start": "BEGIN PROMO", "end": "END PROMO"}],
        "drop_lines": ["Advert"],
        "recirculation_marker": "Read more",
        "layout": ["title", "lede", "body"],
    }, "test")


def test_unterminated_block_is_kept_not_guessed(profile):
    parts = clean_page("Title\n\nLede\n\nBEGIN PROMO\n\nReal paragraph.", profile)
    assert parts.body == "BEGIN PROMO\n\nReal paragraph."


def test_recirculation_marker_takes_equal_neighbours_only(profile):
    page = "Title\n\nLede\n\nRelated A\n\nRead more\n\nRelated B\n\nBody.\n\nAdvert"
    parts = clean_page(page, profile)
    assert parts.body == "Related A\n\nRelated B\n\nBody."
    assert parts.removed == ["Read more", "Advert"]


def test_page_that_is_all_boilerplate_has_no_parts(profile):
    parts = clean_page("Advert\n\nRead more", profile)
    assert parts.title is None and parts.body is None
