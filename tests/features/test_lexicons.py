import pytest

from analysis.corpus import ConfigError
from analysis.features.lexicons import (
    LEXICONS,
    compile_cues,
    load_lexicon,
    matchers_by_language,
    patterns_by_language,
)
from tests.features.conftest import HEADER


def test_loads_rows_and_header_facts(lexicon_dir):
    actors = load_lexicon("actors", lexicon_dir)
    assert actors.version == "0.1 (test)" and actors.source == "hand-made fixture"
    assert actors.categories() == ["russia", "belarus"]
    pattern = patterns_by_language(actors)[("belarus", "en")]
    assert pattern.search("President Lukashenko said") and not pattern.search("Białorusi")


def test_whole_word_cues_do_not_match_longer_words():
    pattern = compile_cues([("war", True), ("sanction", False)])
    assert pattern.search("the war began") and pattern.search("new sanctions")
    assert not pattern.search("Warsaw") and not pattern.search("warm") and not pattern.search(
        "postwar")


@pytest.mark.parametrize(("body", "message"), [
    ("actor,alias,language,whole_word,note\nrussia,,en,false,\n", r"actors\.csv:7: empty"),
    ("actor,alias,language,whole_word,note\nrussia,Moscow,en,yes,\n", r":7: whole_word must"),
    ("actor,alias,language,whole_word,note\nrussia,Moscow,english,false,\n", r":7: language"),
    ("actor,alias,language,whole_word,note\nrussia,Moscow,en,false,\nrussia,moscow,en,false,\n",
     r":8: repeats an earlier row"),
    ("actor,language,whole_word\nrussia,en,false\n", r"missing column\(s\) alias"),
])
def test_bad_rows_are_named_with_file_and_line(tmp_path, body, message):
    (tmp_path / "actors.csv").write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_lexicon("actors", tmp_path)


def test_missing_version_is_named(tmp_path):
    (tmp_path / "actors.csv").write_text("# source: x\nactor,alias,language,whole_word\n",
                                         encoding="utf-8")
    with pytest.raises(ConfigError, match=r"actors\.csv: header comment lines need '# version"):
        load_lexicon("actors", tmp_path)


@pytest.mark.parametrize("name", sorted(LEXICONS))
def test_project_lexicons_load_and_cover_english_and_polish(name):
    lexicon = load_lexicon(name)
    assert lexicon.version[:2] in ("1.", "2.") and len(lexicon.source) > 20
    assert {"en", "pl"} <= {r["language"] for r in lexicon.rows}
    for category in lexicon.categories():
        languages = {r["language"] for r in lexicon.rows if r[lexicon.category] == category}
        # every category is measurable in English or Polish (a few are language-specific:
        # "na Ukrainie" vs "w Ukrainie" has no English counterpart)
        assert languages & {"en", "pl"}, (name, category, languages)


@pytest.fixture(params=["kernel", "regex"])
def scan_by(request, monkeypatch):
    """Scan texts by the trie kernel (any length) or by the regular expression (any
    length): the two ways :meth:`CueMatcher.scan` finds word starts (and works out which
    cues match there: a kernel, or Python)."""
    from analysis.features import lexicons

    monkeypatch.setattr(lexicons, "_KERNEL_FROM", 0 if request.param == "kernel" else 1 << 62)
    lexicons._joined.cache_clear()  # (what a scan reads is kept, made the other way or not)
    return request.param


def test_matcher_counts_equal_the_regex_counts_on_the_corpus(processed, scan_by):
    corpus = processed[0].sample(400, random_state=3)
    for name in sorted(LEXICONS):
        lexicon = load_lexicon(name)
        patterns = patterns_by_language(lexicon)
        for language, matcher in matchers_by_language(lexicon).items():
            for text in corpus.loc[corpus["language"] == language, "text"]:
                expected = {c: n for (c, lang), p in patterns.items() if lang == language
                            if (n := sum(1 for _ in p.finditer(text)))}
                assert matcher.counts(text) == expected, (name, text[:80])


def test_matcher_tries_short_cues_that_prefix_longer_ones():
    # cues of one, two and three+ characters sharing a start: at each word start the
    # longest cue of each category wins, shorter ones still match where longer ones do
    # not, and categories do not block each other (regular expressions as the reference)
    from analysis.features.lexicons import CueMatcher

    cues = [("a", "u", True), ("a", "us", True), ("a", "usa", False),
            ("b", "us", False), ("b", "use", True), ("c", "e", False), ("c", "eu", True),
            ("c", "euro", False), ("d", "x", True)]
    matcher = CueMatcher(cues)
    texts = ["u us usa usage use user euro eu e eurozone x xx u.s.", "us", "u", "eu", "e",
             "USA-EU, U and us; Usa", "x"]
    for text in texts:
        expected = {}
        for category in "abcd":
            pattern = compile_cues([(c, w) for cat, c, w in cues if cat == category])
            if n := sum(1 for _ in pattern.finditer(text)):
                expected[category] = n
        assert matcher.counts(text) == expected, text
    # "usa" (a) and "us" (b) need no word end; "use" (b) does, so "us" is b's match
    assert matcher.counts("usage") == {"a": 1, "b": 1}
    assert matcher.matches("us use") == [("a", 0, 2), ("b", 0, 2), ("b", 3, 6)]


def test_cues_with_punctuation_and_spaces_inside_match_only_as_written():
    # the scan looks for word starts in a copy of the text whose punctuation is spaced
    # out, so "so called" is a candidate for "so-called": the cue itself must still be
    # checked on the text (regular expressions as the reference)
    from analysis.features.lexicons import CueMatcher

    cues = [("hedge", "so-called", False), ("usa", "u.s.", True), ("usa", "u.s", False),
            ("wagner", "prigozhin's", True), ("war", "special military operation", False),
            ("op", "military operation", False), ("op", "operation", True)]
    matcher = CueMatcher(cues)
    texts = ["so-called so called so–called so-calledness", "U.S. u s u.s.a. US u.s",
             "Prigozhin's men, Prigozhin s, prigozhin'sx", "(special military operation)",
             "special  military operation; special-military operation; operations",
             "\nso-called\tU.S.\u00a0special military operation”"]
    for text in texts:
        expected = {}
        for category in dict.fromkeys(c for c, _, _ in cues):
            pattern = compile_cues([(c, w) for cat, c, w in cues if cat == category])
            if n := sum(1 for _ in pattern.finditer(text)):
                expected[category] = n
        assert matcher.counts(text) == expected, text
    assert matcher.matches("a so called so-called") == [("hedge", 12, 21)]


def _longest_cue_first(cues, text):
    """The matcher's rule written out plainly: per group (a category, or the members of
    ``group__member`` categories), at each word start outside the group's last match, the
    longest cue that starts there (ties in cue order) and, if whole-word, ends a word."""
    import re

    low, out = text.lower(), []
    for group in dict.fromkeys(c.split("__")[0] for c, _, _ in cues):
        members = sorted((e for e in enumerate(cues) if e[1][0].split("__")[0] == group),
                         key=lambda e: (-len(e[1][1]), e[0]))
        end = 0
        for p in range(len(low)):
            if p < end or not re.match(r"\w", low[p]) or (p and re.match(r"\w", low[p - 1])):
                continue  # not a word start
            for _, (category, cue, whole) in members:
                if low.startswith(cue.lower(), p) and not (
                        whole and re.match(r"\w", low[p + len(cue):p + len(cue) + 1])):
                    out.append((category, p, p + len(cue)))
                    end = p + len(cue)
                    break
    return sorted(out)


def test_matcher_equals_a_plain_reference_on_random_cues_and_texts(scan_by):
    # cues that collide in every way, drawn at random from a small alphabet: whole-word
    # and prefix cues of the same letters, "a-b" beside "a b", one cue in two categories,
    # members of one group; texts from the same letters, in both cases
    import random

    from analysis.features.lexicons import CueMatcher

    rng = random.Random(7)
    for _ in range(400):
        cues = [(rng.choice(["p", "q", "g__x", "g__y"]),
                 "".join(rng.choice("aab -.") for _ in range(rng.randint(1, 5))).strip(" "),
                 rng.random() < 0.5) for _ in range(rng.randint(1, 8))]
        cues = [c for c in cues if c[1] and c[1][0].isalpha()]
        matcher = CueMatcher(cues)
        texts = ["".join(rng.choice("aAb -.\n") for _ in range(rng.randint(0, 30)))
                 for _ in range(5)]
        for text in texts:
            assert sorted(matcher.matches(text)) == _longest_cue_first(cues, text), (cues, text)
        # the texts scanned together: no match reaches from one text into the next
        many = matcher.matches_many(texts)
        assert [sorted(m) for m in many] == [_longest_cue_first(cues, t) for t in texts]
        categories = sorted({c for c, _, _ in cues})
        assert matcher.count_matrix(texts, categories).tolist() == [
            [sum(1 for c, _, _ in m if c == category) for category in categories] for m in many]


def test_the_kernel_and_the_regular_expression_scan_the_whole_corpus_alike(processed,
                                                                         monkeypatch):
    """Every project lexicon's matcher of every language scans all the corpus's texts of
    that language at once: the trie kernel finds what the regular expression finds."""
    from analysis.features import lexicons

    corpus = processed[0]
    for name in sorted(LEXICONS):
        for language, matcher in matchers_by_language(load_lexicon(name)).items():
            texts = corpus.loc[corpus["language"] == language, "text"].tolist()
            found = {}
            for limit in (0, 1 << 62):
                monkeypatch.setattr(lexicons, "_KERNEL_FROM", limit)
                lexicons._joined.cache_clear()  # else the texts' kernel codes are kept
                found[limit] = [c.tolist() for c in matcher.scan(texts)]
            assert found[0] == found[1 << 62], (name, language)


def test_matchers_walked_together_find_what_each_finds_alone(monkeypatch):
    """Matchers that scan the same texts in turn have their tries walked in one, whose
    nodes keep each matcher's leaves apart: random matchers (a form whole-word in one and
    a prefix in another, one a prefix of another's), batch after batch, one dropped and
    another joining, a fourth scanning other texts between, each find what the regular
    expression finds; and they are walked together."""
    import gc
    import pickle
    import random

    from analysis.features import _tokens, lexicons
    from analysis.features.lexicons import CueMatcher

    rng = random.Random(13)
    widths: list[int] = []  # how many tries each walk walks
    walk = _tokens.trie_starts
    monkeypatch.setattr(_tokens, "trie_starts", lambda codes, trie: (
        widths.append(trie[4].shape[1]), walk(codes, trie))[1])

    def random_matcher() -> CueMatcher:
        cues = [(rng.choice(["p", "q", "g__x", "g__y"]),
                 "".join(rng.choice("aab -.") for _ in range(rng.randint(1, 5))).strip(" "),
                 rng.random() < 0.5) for _ in range(rng.randint(1, 8))]
        return CueMatcher([c for c in cues if c[1] and c[1][0].isalpha()] + [("p", "a", True)])

    def scans(matchers: list[CueMatcher], texts: list[str], limit: int) -> list:
        monkeypatch.setattr(lexicons, "_KERNEL_FROM", limit)
        lexicons._joined.cache_clear()
        return [[c.tolist() for c in m.scan(texts)] for m in matchers]

    matchers = [random_matcher() for _ in range(3)]
    other = random_matcher()
    walks = []
    for round_ in range(80):
        if round_ == 40:
            del matchers[1]
            gc.collect()
            matchers.append(random_matcher())
        texts = ["".join(rng.choice("aAb -.\n") for _ in range(rng.randint(0, 30)))
                 for _ in range(8)]
        expected = scans(matchers, texts, 1 << 62)
        widths.clear()
        assert scans(matchers, texts, 0) == expected
        walks.append(list(widths))
        assert scans([other], texts[::-1], 0) == scans([other], texts[::-1], 1 << 62)
    # each walks alone, then the first with both partners; after one is dropped, the
    # first with the one left and the newcomer alone; then the three together
    assert walks == [[1, 1, 1]] + [[3]] * 39 + [[2, 1]] + [[3]] * 39
    # a copy of a matcher (a fitted family pickled) leaves its partners behind
    copy = pickle.loads(pickle.dumps(matchers[0]))
    assert copy._partners == [] and len(matchers[0]._partners) == 2
    assert scans([copy], texts, 0) == scans([copy], texts, 1 << 62) == [expected[0]]


def test_texts_scanned_together_keep_their_own_matches_and_offsets():
    from analysis.features.lexicons import CueMatcher

    # "a. b" is scanned as "a  b" (punctuation made space), as is the end of one spaced
    # copy joined to the start of the next by one more space: the join must not be a space
    matcher = CueMatcher([("p", "a. b", False), ("q", "b", True)])
    assert matcher.matches_many(["x a", "b y", "", "a. b"]) == [
        [], [("q", 0, 1)], [], [("p", 0, 4), ("q", 3, 4)]]
    assert matcher.count_matrix(["x a", "b y", "", "a. b"], ["q", "p"]).tolist() == [
        [0, 0], [1, 0], [0, 0], [1, 1]]


def test_the_reference_is_right_by_hand():
    cues = [("p", "a", False), ("p", "a ab", True), ("g__x", "b", True), ("g__y", "b.a", False)]
    # "a ab" beats its prefix "a" (a regular expression of the category would not: it
    # tries prefix cues first); the group's longest cue "b.a" wins over "b"
    assert _longest_cue_first(cues, "A ab b.a b") == [
        ("g__x", 9, 10), ("g__y", 5, 8), ("p", 0, 4), ("p", 7, 8)]


def test_joint_matchers_find_what_each_lexicon_finds_alone(processed):
    from analysis.features.lexicons import joint_matchers

    actors, contested = load_lexicon("actors"), load_lexicon("contested_terms")
    joint = joint_matchers((actors, None), (contested, "variant"))
    alone = {"actors": matchers_by_language(actors),
             "contested_terms": matchers_by_language(contested, "variant")}
    corpus = processed[0].sample(400, random_state=5)
    for language, matcher in joint.items():
        for text in corpus.loc[corpus["language"] == language, "text"]:
            expected = sorted((f"{name}:{c}", a, b) for name, by_language in alone.items()
                              if language in by_language
                              for c, a, b in by_language[language].matches(text))
            assert sorted(matcher.matches(text)) == expected, text[:80]


def test_joint_matchers_by_hand():
    # one cue in two lexicons is found for each; a group stays inside its lexicon
    from pathlib import Path

    from analysis.features.lexicons import Lexicon, joint_matchers

    def lexicon(name, rows):
        return Lexicon(name, Path(f"{name}.csv"), "1", "-",
                       tuple({"category": c, "cue": cue, "language": "en", "whole_word": "true"}
                             for c, cue in rows), "category", "cue")

    places = lexicon("places", [("capital", "Kyiv"), ("capital", "Kyiv region")])
    names = lexicon("names", [("kyiv", "Kyiv"), ("kiev", "Kiev")])
    matcher = joint_matchers((places, None), (names, None))["en"]
    assert sorted(matcher.matches("Kyiv region and Kiev, Kyiv")) == [
        ("names:kiev", 16, 20), ("names:kyiv", 0, 4), ("names:kyiv", 22, 26),
        ("places:capital", 0, 11), ("places:capital", 22, 26)]


def test_a_case_sensitive_cue_matches_only_as_written(tmp_path):
    from analysis.features.lexicons import CueMatcher, load_lexicon, matchers_by_language

    matcher = CueMatcher([("usa", "US", True, True), ("usa", "Biden", False),
                          ("russia", "Russia", False)])
    assert matcher.counts("US aid; tell us, Biden and Russia") == {"usa": 2, "russia": 1}
    assert matcher.counts("let us go") == {}
    (tmp_path / "actors.csv").write_text(
        "# version: 1\n# source: test\nactor,alias,language,whole_word,case_sensitive,note\n"
        "usa,US,en,true,true,\nusa,America,en,false,,\n", encoding="utf-8")
    en = matchers_by_language(load_lexicon("actors", tmp_path))["en"]
    assert en.counts("US and us and American") == {"usa": 2}


def test_case_sensitive_must_be_true_false_or_empty(tmp_path):
    from analysis.corpus._datafile import ConfigError
    from analysis.features.lexicons import load_lexicon

    (tmp_path / "actors.csv").write_text(
        "# version: 1\n# source: test\nactor,alias,language,whole_word,case_sensitive,note\n"
        "usa,US,en,true,yes,\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"actors.csv:4: case_sensitive"):
        load_lexicon("actors", tmp_path)


def test_scope_must_be_speaker_or_empty(tmp_path):
    (tmp_path / "sources.csv").write_text(
        HEADER + "source_type,cue,language,whole_word,note,scope\n"
        "official_ru_by,Russia,en,true,,speaker\nexpert,analyst,en,false,,\n"
        "media,Reuters,en,true,,clause\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sources\.csv:9: scope must be speaker or empty"):
        load_lexicon("sources", tmp_path)


def test_a_long_scan_never_compiles_the_regular_expression():
    """The trie's regular expression is compiled at the first short scan, not when the
    matcher is built: a scan the kernel does (the feature pass's) leaves it uncompiled."""
    from analysis.features.lexicons import _KERNEL_FROM, CueMatcher

    matcher = CueMatcher([("war", "invasion", False), ("war", "war", True)])
    text = "the invasion began; war. " * (_KERNEL_FROM // 20)
    assert len(matcher.matches(text)) == 2 * (_KERNEL_FROM // 20)
    assert "_starts" not in vars(matcher)
    assert matcher.matches("war and invasion") == [("war", 0, 3), ("war", 8, 16)]
    assert "_starts" in vars(matcher)


def test_a_short_scan_never_makes_the_trie():
    """The other way round: the trie's arrays (a kernel's) are made at the first long
    scan, so a matcher that only scans short texts does not load numba for them."""
    from analysis.features.lexicons import _KERNEL_FROM, CueMatcher

    matcher = CueMatcher([("war", "invasion", False), ("war", "war", True)])
    assert matcher.matches("war and invasion") == [("war", 0, 3), ("war", 8, 16)]
    assert "_trie" not in vars(matcher)
    assert len(matcher.matches("war. " * (_KERNEL_FROM // 4))) == _KERNEL_FROM // 4
    assert "_trie" in vars(matcher)


def test_the_trie_leaves_are_the_regular_expressions_groups_in_order():
    """The leaves the trie arrays number (without making the pattern) are the groups of
    the pattern in order, for every project lexicon and for forms that prefix each other."""
    import random

    from analysis.features.lexicons import CueMatcher, _leaf_trie, _leaves

    rng = random.Random(3)
    made = [{"".join(rng.choice("ab ") for _ in range(rng.randint(1, 4))): rng.random() < 0.5
             for _ in range(12)} for _ in range(200)]
    for name in sorted(LEXICONS):
        for matcher in matchers_by_language(load_lexicon(name)).values():
            assert isinstance(matcher, CueMatcher)
            made.append(matcher._forms)
    for forms in made:
        assert _leaves(forms) == _leaf_trie(forms)[1]


def test_cues_the_trie_does_not_hold_are_found_in_the_texts_that_hold_them():
    """Case-sensitive cues and cues starting with a non-word character, scanned in many
    texts at once: each text's matches are its own (a cue's first character or written
    form found at a text's edge, or across two texts, names no other text)."""
    from analysis.features.lexicons import CueMatcher

    matcher = CueMatcher([("usa", "US", True, True), ("money", "$", False),
                          ("money", "€ bn", False), ("war", "war", True)])
    texts = ["the US", "US war", "us", "$5, US$ and € bn", "U", "S war", "", "€", "x US"]
    alone = [sorted(matcher.matches(t)) for t in texts]
    assert alone[0] == [("usa", 4, 6)] and alone[2] == [] and alone[5] == [("war", 2, 5)]
    # (a cue starts a word: "$" right after "US" is not one)
    assert alone[3] == [("money", 0, 1), ("money", 12, 16), ("usa", 4, 6)]
    assert [sorted(m) for m in matcher.matches_many(texts)] == alone


def test_texts_lowered_together_are_each_text_lowered_alone():
    """The joined texts a scan reads (``lexicons._joined``) are lower-cased at once, or
    text by text where a character lower-cases to two: either way each text's part is
    ``_lowered`` of it alone, a capital sigma at a text's edge included (final or not as
    if the text stood alone), and so are the spaced copies of a short scan."""
    import random

    import numpy as np

    from analysis.features import lexicons

    rng = random.Random(2)
    alphabet = [*"aZ Σσ.'’\n\t-:", "İ", "ß", "\u0301", "ΑΣ", "ΣΑ", "Ǆ", "ﬃ", "\u00ad"]
    joint = 0
    for _ in range(3_000):
        texts = tuple("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
                      for _ in range(rng.randrange(1, 6)))
        lexicons._joined.cache_clear()
        joined, spaced, low, ends, _ = lexicons._joined(texts)
        lows = [lexicons._lowered(text) for text in texts]
        assert joined == "\n ".join(texts) and low == "\n ".join(lows)
        assert ends.tolist() == np.cumsum([len(x) + 2 for x in lows]).tolist()
        assert spaced == "\n".join(" " + lexicons._NON_WORD.sub(" ", x) for x in lows)
        joint += all(len(c.lower()) == 1 for c in joined)
    assert 0 < joint < 3_000  # both ways taken
    lexicons._joined.cache_clear()


def test_cues_the_trie_does_not_hold_equal_each_categorys_pattern_on_random_texts():
    """Random case-sensitive cues and cues that start with a non-word character, scanned
    in many texts at once (tried only where one may start), find what each category's
    :func:`compile_cues` pattern finds with ``finditer`` in each text alone: overlapping
    cues, cues that repeat their first character, a cue's written form in other cases."""
    import random

    from analysis.features.lexicons import CueMatcher, compile_cues

    rng = random.Random(4)
    for _ in range(300):
        cues = []
        for _ in range(rng.randint(1, 5)):
            if rng.random() < 0.5:  # case-sensitive, written in capitals or not
                cues.append((rng.choice("pq"), "".join(rng.choice("aAbB") for _ in range(
                    rng.randint(1, 3))), rng.random() < 0.5, True))
            else:  # starts with a non-word character
                cues.append((rng.choice("pq"), rng.choice("$-.") + "".join(
                    rng.choice("$a-") for _ in range(rng.randint(0, 2))),
                    rng.random() < 0.5))
        matcher = CueMatcher(cues)
        texts = ["".join(rng.choice("aAbB$-. \n") for _ in range(rng.randint(0, 40)))
                 for _ in range(6)]
        patterns = {c: compile_cues([cue[1:] for cue in cues if cue[0] == c])
                    for c in {cue[0] for cue in cues}}
        want = [sorted((c, m.start(), m.end()) for c, pattern in patterns.items()
                       for m in pattern.finditer(t)) for t in texts]
        assert [sorted(m) for m in matcher.matches_many(texts)] == want, (cues, texts)


def test_a_text_with_a_character_that_lower_cases_to_two_is_lowered_character_by_character():
    """``lexicons._lowered`` of a text holding "İ" is each character lower-cased alone but
    "İ" kept, on random texts; and "İ" is the only code point whose lower case is not one
    character, and the capital sigma the only cased one whose lower case depends on its
    neighbours (so runs without either can be lower-cased whole)."""
    import random
    import sys

    from analysis.features import lexicons

    rng = random.Random(6)
    alphabet = [*"aZ Σσ.'\n-", "İ", "ß", "\u0301", "Ǆ", "ﬃ", "Ω"]
    texts = ["İ" + "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 15)))
             for _ in range(3_000)]
    for text in texts:
        assert lexicons._lowered(text) == "".join(
            ch if len(ch.lower()) != 1 else ch.lower() for ch in text), text
    every = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    assert [c for c in every if len(c.lower()) != 1] == ["İ"]
    cased = [c for c in every if c.lower() != c and len(c.lower()) == 1]
    assert [c for c in cased if {("a" + c).lower()[1:], (c + "a").lower()[:1],
                                 ("a" + c + "a").lower()[1:2]} != {c.lower()}] == ["Σ"]
