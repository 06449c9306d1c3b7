from analysis.corpus.text import (
    dedupe_key,
    html_to_text,
    looks_like_html,
    normalise_space,
    prefix_pattern,
    repair_cp1250_mojibake,
)


def test_normalise_space_folds_nbsp_and_blank_runs():
    assert normalise_space("Update:\u00a0 Late  Friday \r\n\n\n\n  Next\t line ") == (
        "Update: Late Friday\n\nNext line"
    )


def test_normalise_space_keeps_typographic_quotes():
    assert normalise_space("“snap” drills ‘hotheads’") == "“snap” drills ‘hotheads’"


def test_html_to_text_keeps_link_text_and_decodes_entities():
    markup = ('<p>Belarus&#8217;s <a href="https://x.org/y">Svetlana Alexievich</a> &amp; '
              'others<br />said:</p><p>&quot;No.&quot;</p> <a href="z">Continue reading...</a>')
    assert html_to_text(markup) == (
        "Belarus’s Svetlana Alexievich & others\nsaid:\n\"No.\"\nContinue reading..."
    )


def test_html_to_text_drops_scripts():
    assert html_to_text("<p>a<script>var x = 1;</script> b</p>") == "a b"


def test_looks_like_html():
    assert looks_like_html("<p>x</p>")
    assert looks_like_html("Tom &amp; Jerry")
    assert not looks_like_html("a < b and c > d")
    assert not looks_like_html("Plain headline, 3 & 4")


def test_dedupe_key_ignores_case_punctuation_and_spacing():
    assert dedupe_key("Putin: ‘We will’  respond!") == dedupe_key("putin we WILL respond")
    assert dedupe_key("Łukaszenka") != dedupe_key("Lukaszenka")  # accents are kept


def test_prefix_pattern_matches_inflections_at_word_start_only():
    pattern = prefix_pattern(["Białoru", "Prigozhin", "broń jądrow"])
    assert pattern.search("granica z Białorusią")
    assert pattern.search("PRIGOZHIN's plane")
    assert pattern.search("Rosyjska broń jądrowa na Białorusi")
    assert not pattern.search("xBiałorusi")
    assert not pattern.search("Prigozhi")
    assert prefix_pattern(["", "  "]) is None


def test_repair_cp1250_mojibake():
    assert repair_cp1250_mojibake("Mariusz Kamiński odniĂłsł się do wypadku, ktĂłry") == (
        "Mariusz Kamiński odniósł się do wypadku, który", 2)
    # "ĂŚ" would decode to "Ì", which is no Polish letter: left alone
    assert repair_cp1250_mojibake("ĂŚ plain Ăx text") == ("ĂŚ plain Ăx text", 0)
    assert repair_cp1250_mojibake("ZaĹĽĂłĹ‚Ä‡") == ("Zażółć", 4)
    assert repair_cp1250_mojibake("zażółć gęślą jaźń") == ("zażółć gęślą jaźń", 0)
