"""A study is a folder: study.toml is checked key by key, `study init` guesses the mapping,
and `run` builds the whole suite for a corpus other than the embedded one."""

import json

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.corpus import ConfigError
from analysis.study import Thresholds, guess_fields, init_study, load_study
from tests.conftest import DATA, ROOT

RSS = DATA / "studies" / "rss-english" / "articles.csv"


def _study(folder, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.csv").write_text("title,outlet\nA headline,Fox News\n", encoding="utf-8")
    (folder / "study.toml").write_text(text, encoding="utf-8")
    return folder


def test_the_default_study_is_the_embedded_corpus():
    study = load_study(ROOT)
    assert study.is_default
    assert [s.name for s in study.inputs] == ["seeds", "ruwa", "rss-belarus"]
    assert study.processed == ROOT / "data" / "processed"
    assert study.tables == ROOT / "tables"
    assert study.event_source == "catalogue"
    assert study.thresholds.contrast_min_articles == 200
    assert study.pairs["outlet"] == (("rt", "reuters"), ("rt", "bbc"), ("ukrinform", "reuters"))


def test_a_minimal_study_gets_every_default(tmp_path):
    study = load_study(_study(tmp_path / "s", '[[inputs]]\npath = "a.csv"\n'))
    assert study.thresholds == Thresholds()
    assert study.event_source == "column"
    assert study.register_mode == "project"
    assert study.processed == tmp_path / "s" / "processed"
    assert study.figures == tmp_path / "s" / "figures"
    assert study.inputs[0].name == "a"
    assert not study.is_default


@pytest.mark.parametrize(("text", "message"), [
    ('[[inputs]]\npath = "../outside.csv"\n', r"inputs\[0\].path: '../outside.csv' is outside"),
    ('[[inputs]]\npath = "missing.csv"\n', "missing.csv does not exist"),
    ('[[inputs]]\npath = "a.csv"\n[thresholds]\ncontrast_min_articles = 0\n',
     "thresholds.contrast_min_articles must be a whole number >= 1"),
    ('[[inputs]]\npath = "a.csv"\n[thresholds]\nmin_size = 3\n',
     r"\[thresholds\] has unknown key\(s\) min_size"),
    ('[[inputs]]\npath = "a.csv"\n[events]\nsource = "magic"\n', "events.source must be one of"),
    ('[[inputs]]\npath = "a.csv"\n[inputs.fields]\nheadline = "title"\n',
     "unknown field\\(s\\) headline"),
    ('[study]\ntitle = "x"\n', r"needs at least one \[\[inputs\]\] table"),
    ('[[inputs]]\npath = "a.csv"\n[comparisons]\npairs = [["outlet", "a"]]\n',
     r"comparisons.pairs\[0\] must be \[level, a, b\]"),
])
def test_a_bad_study_toml_is_refused_naming_the_file_and_key(tmp_path, text, message):
    folder = _study(tmp_path / "s", text)
    (tmp_path / "outside.csv").write_text("title\nx\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_study(folder)
    assert str(folder / "study.toml") in str(caught.value)


def test_a_folder_without_study_toml_says_how_to_make_one(tmp_path):
    with pytest.raises(ConfigError, match="study init"):
        load_study(tmp_path)


def test_columns_are_guessed_by_name():
    assert guess_fields(["Outlet", "Date", "Title", "Body", "URL", "Event", "extra"]) == {
        "title": "Title", "body": "Body", "url": "URL", "date": "Date", "outlet": "Outlet",
        "event": "Event"}
    assert guess_fields(["site", "headline", "description", "link", "group"]) == {
        "title": "headline", "lede": "description", "url": "link", "outlet": "site",
        "outlet_group": "group"}


def test_init_copies_an_outside_file_in_and_writes_a_loadable_study(tmp_path, capsys):
    source = tmp_path / "mine.csv"
    source.write_text("outlet,date,title,body,url,event\n"
                      "Fox News,2023-06-24,A,B,https://x.org/1,wagner\n", encoding="utf-8")
    assert main(["study", "init", str(tmp_path / "s"), str(source)]) == 0
    out = capsys.readouterr().out
    assert "title <- 'title', body <- 'body', url <- 'url', date <- 'date', " \
           "outlet <- 'outlet', event <- 'event'" in out
    assert "copied" in out and "events: from the 'event' column" in out
    assert (tmp_path / "s" / "raw" / "mine.csv").read_bytes() == source.read_bytes()
    study = load_study(tmp_path / "s")
    assert study.inputs[0].fields == {"title": "title", "body": "body", "url": "url",
                                      "date": "date", "outlet": "outlet", "event": "event"}
    assert study.event_source == "column"
    with pytest.raises(ConfigError, match="exists already"):
        init_study(tmp_path / "s", [source])


def test_init_writes_the_languages_of_the_texts_it_samples(tmp_path):
    # a Polish corpus once got languages = ["en"], and its articles English measures or
    # none; a language with fewer than five texts is not listed, nor are short texts
    polish = ["Wojska Rosji i Białorusi rozpoczęły wspólne ćwiczenia przy granicy z Polską.",
              "Prezydent zapowiedział, że broń jądrowa zostanie rozmieszczona na Białorusi."]
    english = ["Russian and Belarusian troops began joint drills near the Polish border.",
               "The president said nuclear weapons would be deployed in Belarus this summer."]
    german = "Die Truppen Russlands und Weißrusslands begannen gemeinsame Übungen."
    rows = [{"title": "Krótko", "body": text} for text in polish * 3]
    rows += [{"title": "", "body": text} for text in english * 3 + [german, "Short one."]]
    source = tmp_path / "mine.csv"
    pd.DataFrame(rows).to_csv(source, index=False)
    _, said = init_study(tmp_path / "s", [source])
    assert load_study(tmp_path / "s").languages == ("en", "pl")  # (6 each: by code)
    assert "languages: en (6 of 14 sampled texts), pl (6 of 14 sampled texts)" in said
    source.write_text("title,body\nA,B\n", encoding="utf-8")
    _, said = init_study(tmp_path / "t", [source])
    assert load_study(tmp_path / "t").languages == ("en",)
    assert any(line.startswith("languages: none recognised") for line in said)


def test_a_corpus_in_a_language_the_study_does_not_list_is_warned_of(tmp_path):
    from analysis.corpus.language import corpus_language_warning

    polish = "Wojska Rosji i Białorusi rozpoczęły wspólne ćwiczenia przy granicy z Polską."
    english = "Russian and Belarusian troops began joint drills near the Polish border."
    path = tmp_path / "corpus.parquet"
    pd.DataFrame({"text": [polish] * 15 + [english] * 15}).to_parquet(path, row_group_size=7)
    # ten rows sampled, every third (0, 3, ..., 27) across the row groups: five Polish
    assert corpus_language_warning(path, ["en"], sample=10) == (
        "5 of 10 texts sampled look pl, which [study] languages (en) does not list: add it, "
        "or those texts are taken to be in a listed language or none")
    assert corpus_language_warning(path, ["en", "pl"], sample=10) is None


def test_without_an_event_column_init_chooses_story_alignment(tmp_path):
    source = tmp_path / "s" / "items.jsonl"
    source.parent.mkdir()
    source.write_text(json.dumps({"site": "rt.com", "headline": "A"}) + "\n", encoding="utf-8")
    _, said = init_study(tmp_path / "s", [source])
    assert load_study(tmp_path / "s").event_source == "stories"
    assert any("no column found for date, event" in line for line in said)


def _run(folder, capsys):
    status = main(["run", str(folder), "--quiet"])
    return status, capsys.readouterr().out


def test_invented_outlets_and_events_from_a_column_make_a_study(tmp_path, capsys):
    # three outlets no register lists, four events each covers once: a paired design
    rows = ["outlet,date,title,body,event"]
    # (one name in full-width letters the figure font lacks: drawn as boxes, said once)
    texts = {"Daily Ｐlanet": "Officials praised the calm and orderly response to the flood.",
             "Gotham Gazette": "Residents accused officials of a chaotic, deadly failure.",
             "Metropolis Mirror": "The flood hit the city; officials gave a statement."}
    for day, event in enumerate(["Flood", "Fire", "Strike", "Election"], start=1):
        for i, (outlet, text) in enumerate(texts.items()):
            more = " ".join(["More details follow."] * ((day + i) % 3))
            rows.append(f"{outlet},2024-03-0{day},{event} news from {outlet},"
                        f"\"{text} {event} day {day}. {more}\",{event}")
    source = tmp_path / "s" / "mine.csv"
    source.parent.mkdir()
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    init_study(tmp_path / "s", [source])
    with pytest.warns(UserWarning, match=r"draw characters the figure font \(DejaVu Sans\) "
                      r"lacks as empty boxes: Ｐ \(U\+FF30") as said:
        status, out = _run(tmp_path / "s", capsys)
    assert status == 0, out
    assert not [w for w in said if "missing from font" in str(w.message)]  # not each glyph
    corpus = pd.read_parquet(tmp_path / "s" / "processed" / "corpus.parquet")
    assert sorted(corpus["outlet"].unique()) == ["daily-planet", "gotham-gazette",
                                                 "metropolis-mirror"]
    # an outlet no register groups is a group of its own
    assert (corpus["outlet_group"] == corpus["outlet"]).all()
    assert sorted(corpus["event_id"].unique()) == ["election", "fire", "flood", "strike"]
    events = pd.read_csv(tmp_path / "s" / "processed" / "events.csv")
    assert dict(zip(events["event_id"], events["name"], strict=True))["flood"] == "Flood"
    contrasts = pd.read_csv(tmp_path / "s" / "tables" / "contrasts_by_outlet.csv")
    paired = contrasts[(contrasts["scope"] == "paired_events")
                       & (contrasts["feature"] == "lex__n_words")]
    assert len(paired) == 3  # every outlet pair
    assert (paired["n_events"] == 4).all()
    assert (paired["ci_high"] > paired["ci_low"]).any()
    assert set(paired["permutation"]) == {"signs flipped within event (exact)"}
    # nothing is written empty; what cannot be made is listed with why
    for csv in (tmp_path / "s" / "tables").glob("*.csv"):
        assert len(pd.read_csv(csv)) > 0, csv.name
    readme = (tmp_path / "s" / "figures" / "README.md").read_text(encoding="utf-8")
    assert "## Not made for this study" in readme
    assert "| `close_reading_features` | comparison table | no input is named" in readme
    assert "## Characters drawn as empty boxes" in readme
    assert "| `corpus_timeline_by_outlet_group` | Ｐ (U+FF30 FULLWIDTH LATIN CAPITAL" in readme
    assert "Moscow Times" not in readme and "Reuters" not in readme
    assert not (tmp_path / "s" / "tables" / "close_reading_features.csv").exists()
    manifest = json.loads((tmp_path / "s" / "figures" / "MANIFEST.json").read_text())
    for name, entry in manifest["outputs"].items():
        for rel in entry["outputs"]:
            assert (tmp_path / "s" / rel).stat().st_size > 100, (name, rel)
    # a second run does no work (and says again what the figures lack)
    with pytest.warns(UserWarning, match="lacks as empty boxes"):
        status, out = _run(tmp_path / "s", capsys)
    assert "corpus: up to date" in out and "features: up to date" in out
    assert "tables: up to date" in out and "0 built" in out


@pytest.mark.slow
def test_a_real_second_study_gets_the_whole_suite(second_study):
    """370 real RSS items of 24 outlets, outlets by display name, an event column, through
    `study init` and `run` with nothing edited (the fixture)."""
    folder = second_study.root
    source = pd.read_csv(RSS)
    corpus = pd.read_parquet(folder / "processed" / "corpus.parquet")
    report = pd.read_csv(folder / "processed" / "ingest_report.csv")
    assert len(report) == len(source)  # every input record accounted for
    assert "unknown" not in set(corpus["outlet"])  # every display name recognised
    assert {"bbc", "guardian", "fox-news", "nytimes", "al-jazeera"} <= set(corpus["outlet"])
    # one event per event id: the events are the column's, named as the file names them
    assert corpus["event_id"].nunique() == source["event"].nunique()
    events = pd.read_csv(folder / "processed" / "events.csv")
    assert sorted(events["name"]) == sorted(source["event"].unique())
    coverage = pd.read_csv(folder / "tables" / "same_event_coverage.csv")
    assert len(coverage) >= 1
    for event in coverage["event_id"]:  # a same-event panel per event two groups covered
        for ext in ("pdf", "png", "svg"):
            assert (folder / "figures" / f"same_event_{event.replace('-', '_')}.{ext}").exists()
    assert len(pd.read_csv(folder / "tables" / "same_event_headlines.csv")) > 0
    # within-event contrasts for every outlet pair (paired by event where coverage is thin)
    contrasts = pd.read_csv(folder / "tables" / "contrasts_by_outlet.csv")
    sizes = corpus["outlet"].value_counts()
    eligible = sorted(sizes[sizes >= second_study.thresholds.contrast_min_articles].index)
    pairs = set(zip(contrasts["a"], contrasts["b"], strict=True))
    assert pairs == {(a, b) for i, a in enumerate(eligible) for b in eligible[i + 1:]}
    assert {"pooled", "paired_events"} <= set(contrasts["scope"])
    # what cannot be made is listed with why, never written empty
    readme = (folder / "figures" / "README.md").read_text(encoding="utf-8")
    assert ("| `classifier_scores` | comparison table | no text level has two outlet groups "
            "with 30+") in readme
    # ... and keyness figures of pairs whose shared-event articles share no level with
    # keyness_min_docs each say so (like with like)
    assert "no text level with 20+ articles on each side" in readme
    for csv in (folder / "tables").glob("*.csv"):
        assert len(pd.read_csv(csv)) > 0, csv.name
    assert "Moscow Times" not in readme and "Ukrinform" not in readme


def test_stories_found_by_alignment_become_events_and_say_so(tmp_path):
    from analysis.corpus import ingest, load_config

    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "items.csv").write_text(
        "outlet,date,title\n"
        "Fox News,2023-06-24,Wagner mercenaries march on Moscow in armed mutiny\n"
        "BBC News,2023-06-24,Armed mutiny: Wagner mercenaries march towards Moscow\n"
        "The Guardian,2023-03-25,Putin says Russia will station tactical nuclear weapons\n"
        "CNN,2023-03-26,\"Russia will station tactical nuclear weapons in Belarus, Putin says\"\n"
        "CNN,2023-09-01,Grain prices fall on the world market\n", encoding="utf-8")
    init_study(folder, [folder / "items.csv"])
    corpus = ingest(load_config(folder), progress=False).corpus
    # stories of two or more outlets become events, numbered by date; a lone item is none
    assert corpus["event_id"].tolist() == ["story-002", "story-002", "story-001", "story-001",
                                           None]
    assert corpus["event_method"].iloc[0] == ("story alignment (TF-IDF cosine >= 0.3, "
                                              "within 3 days)")


def test_a_reference_group_is_contrasted_with_every_other_group_and_outlet(tmp_path):
    from dataclasses import replace

    from analysis.compare.run import TABLES, Inputs

    rows = [{"doc_id": f"{g}{e}", "outlet": g, "outlet_group": g, "event_id": f"e{e}",
             "language": "en", "text": "x", "text_level": "full", "date": None}
            for g in ("a", "b", "ref") for e in range(4)]
    corpus = pd.DataFrame(rows)
    features = pd.DataFrame({"doc_id": corpus["doc_id"], "text_sha1": "0",
                             "lex__n_words": [1.0, 2, 3, 5, 2, 2, 4, 4, 0, 1, 1, 2]})
    study = load_study(_study(tmp_path / "s", '[[inputs]]\npath = "a.csv"\n'))
    every = TABLES["contrasts_by_outlet_group"].make(Inputs(corpus, features, study=study))
    assert set(zip(every["a"], every["b"], strict=True)) == {("a", "b"), ("a", "ref"),
                                                             ("b", "ref")}
    study = replace(study, reference="ref")
    against = TABLES["contrasts_by_outlet_group"].make(Inputs(corpus, features, study=study))
    assert set(zip(against["a"], against["b"], strict=True)) == {("a", "ref"), ("b", "ref")}
    paired = against[(against["scope"] == "paired_events") & (against["a"] == "a")]
    # a - ref per event: 1-0, 2-1, 3-1, 5-2 -> mean 7/4
    assert paired["diff"].iloc[0] == pytest.approx(1.75)
    # outlets: each against the reference group's outlets (here its one), the keyness
    # pairs too
    outlets = TABLES["contrasts_by_outlet"].make(Inputs(corpus, features, study=study))
    assert set(zip(outlets["a"], outlets["b"], strict=True)) == {("a", "ref"), ("b", "ref")}
    inputs = Inputs(corpus, features, study=study)
    assert inputs.against_reference([("a", "b"), ("a", "ref"), ("b", "ref")], "outlet") == [
        ("a", "ref"), ("b", "ref")]
    grouped = Inputs(corpus.assign(outlet_group=corpus["outlet_group"].replace("b", "ref")),
                     features, study=study)  # outlets a | b, ref (both in the reference)
    assert grouped.against_reference([("a", "b"), ("a", "c"), ("b", "ref")], "outlet") == [
        ("a", "b"), ("b", "ref")]
    assert grouped.against_reference([("b", "ref")], "outlet_group") == [("b", "ref")]
    assert Inputs(corpus, features, study=replace(study, reference=None)).against_reference(
        [("a", "b")], "outlet") == [("a", "b")]


def _classifier_inputs(tmp_path, events_of: dict[str, dict[int, int]]):
    """Inputs of a study whose outlet groups have articles (English, full text) on the
    events listed, as many per event as given, each group's texts its own words."""
    from analysis.compare.run import Inputs

    words = {"a": "border troops drills", "b": "peace talks refugees", "c": "grain prices"}
    rows = [{"doc_id": f"{g}{e}-{k}", "outlet": g, "outlet_group": g, "event_id": f"e{e}",
             "language": "en", "text": f"{words[g]} report {k}", "text_level": "full",
             "date": None, "title": "", "source": "a"}
            for g, events in events_of.items() for e, n in events.items() for k in range(n)]
    corpus = pd.DataFrame(rows)
    features = pd.DataFrame({"doc_id": corpus["doc_id"], "text_sha1": "0"})
    study = load_study(_study(tmp_path / "s", '[[inputs]]\npath = "a.csv"\n'))
    return Inputs(corpus, features, study=study)


@pytest.mark.parametrize(("n_events", "folds"), [(3, 3), (2, 2), (7, 5)])
def test_a_study_with_few_events_holds_one_event_out_per_fold(tmp_path, n_events, folds):
    """The classifier's folds are grouped by event: five, or one per event where a study
    has fewer (each event held out once), not a failed table."""
    from analysis.compare.run import TABLES

    inputs = _classifier_inputs(tmp_path, {g: dict.fromkeys(range(n_events), 15)
                                           for g in "ab"})
    per_fold = TABLES["classifier_folds"].make(inputs)
    scores = TABLES["classifier_scores"].make(inputs)
    assert len(per_fold) == folds and set(scores["n_folds"]) == {folds}
    held_out = [e for events in per_fold["held_out_events"] for e in events.split(", ")]
    assert sorted(held_out) == [f"e{e}" for e in range(n_events)]  # each once
    if n_events == 3:  # each group's own words: every held-out article told apart
        assert scores.set_index("model").loc["tfidf_logreg", "macro_f1"] == 1.0


def test_the_classifier_counts_only_the_events_of_the_groups_it_uses(tmp_path):
    """Groups a and b (30 articles each) cover one event; c covers another with too few
    articles to be used: there is no second event to hold out, and the table says so."""
    from analysis.compare.run import TABLES, Skip

    inputs = _classifier_inputs(tmp_path, {"a": {0: 30}, "b": {0: 30}, "c": {1: 5}})
    with pytest.raises(Skip, match="over two or more events"):
        TABLES["classifier_scores"].make(inputs)


def test_groups_with_no_word_in_common_get_a_note_or_a_reason_not_a_failure(tmp_path):
    """Two groups of 25 articles on one event, each article a word of its own: no word is
    in enough articles for keyness. The pair's row says so, the same-event keyness is
    skipped saying why, and the groups' keyness too (a failed table stops a build)."""
    from analysis.compare.run import TABLES, Inputs, Skip

    def word(k: int) -> str:  # letters only (keyness tokens drop digits)
        return "".join(chr(97 + int(c)) for c in f"{k:04d}")

    rows = [{"doc_id": f"{g}{k}", "outlet": g, "outlet_group": g, "event_id": "e0",
             "language": "en", "text": f"q{g}{word(k)}", "text_level": "full",
             "date": None, "title": "", "source": "a"} for g in "ab" for k in range(25)]
    corpus = pd.DataFrame(rows)
    features = pd.DataFrame({"doc_id": corpus["doc_id"], "text_sha1": "0"})
    study = load_study(_study(tmp_path / "s", '[[inputs]]\npath = "a.csv"\n'))
    inputs = Inputs(corpus, features, study=study)
    pairs = TABLES["keyness_pairs"].make(inputs)
    assert set(pairs["note"]) == {"no word is in 5+ of the 50 articles (min_df)"}
    assert set(zip(pairs["level"], pairs["scope"], pairs["n_docs_a"], strict=True)) >= {
        ("outlet", "pooled", 25), ("outlet_group", "shared_events", 25)}
    with pytest.raises(Skip, match="with words in two or more of their articles"):
        TABLES["same_event_keyness"].make(inputs)
    with pytest.raises(Skip, match="words in enough of them"):
        TABLES["keyness_by_outlet_group"].make(inputs)
    with pytest.raises(Skip, match="no word is in 5\\+ of the 50 articles"):
        TABLES["keyness_alpha0_sensitivity"].make(inputs)


def test_articles_of_no_known_outlet_are_left_out_of_the_comparisons(tmp_path):
    """An article with no outlet named and none recognised is kept in the corpus (and the
    ingest report), but it is no unit to compare: the tables leave it out and count it."""
    from analysis.compare.run import TABLES, Inputs

    rows = [{"doc_id": f"{o}{k}", "outlet": o, "outlet_group": o, "event_id": "e0",
             "language": "en", "text": "x", "text_level": "full", "date": None}
            for o in ("a", "b", "unknown") for k in range(4)]
    corpus = pd.DataFrame(rows)
    features = pd.DataFrame({"doc_id": corpus["doc_id"], "text_sha1": "0",
                             "lex__n_words": [1.0] * 12})
    study = load_study(_study(tmp_path / "s", '[[inputs]]\npath = "a.csv"\n'))
    inputs = Inputs(corpus, features, study=study)
    assert inputs.left_out == 4 and len(inputs.corpus) == 8
    assert inputs.left_out_note == ("4 articles of no known outlet left out of the "
                                    "comparisons (ingest_report.csv names them)")
    estimates = TABLES["estimates_by_outlet"].make(inputs)
    assert set(estimates["unit"]) == {"a", "b"}
    assert (estimates["n_articles"] == 4).all()


def test_a_long_contrast_table_is_named_with_what_shortens_it(tmp_path):
    from analysis.run import LONG_CONTRASTS, long_contrasts

    study = load_study(_study(tmp_path / "s", '[[inputs]]\npath = "a.csv"\n'))
    study.tables.mkdir(parents=True)
    assert long_contrasts(study) == []  # no tables yet
    (study.tables / "MANIFEST.json").write_text(json.dumps({"tables": {
        "contrasts_by_outlet_group": {"status": "written", "rows": LONG_CONTRASTS + 1},
        "contrasts_by_outlet": {"status": "written", "rows": LONG_CONTRASTS}}}))
    assert long_contrasts(study) == [
        f"contrasts_by_outlet_group holds {LONG_CONTRASTS + 1:,} rows: every pair of outlet "
        "groups with 3+ articles each is contrasted; raise thresholds.contrast_min_articles, "
        "or set [comparisons] reference to a group to contrast each outlet group with it only "
        "to make it shorter"]
    (study.tables / "MANIFEST.json").write_text(json.dumps({"tables": {
        "contrasts_by_outlet": {"status": "written", "rows": LONG_CONTRASTS + 1}}}))
    assert long_contrasts(study) == [
        f"contrasts_by_outlet holds {LONG_CONTRASTS + 1:,} rows: every pair of outlets with 3+ "
        "articles each is contrasted; raise thresholds.contrast_min_articles, or set "
        "[comparisons] reference to a group to contrast each outlet with its outlets only to "
        "make it shorter"]
    referenced = load_study(_study(tmp_path / "r", '[[inputs]]\npath = "a.csv"\n'
                                   '[comparisons]\nreference = "west"\n'))
    referenced.tables.mkdir(parents=True)
    (referenced.tables / "MANIFEST.json").write_text(json.dumps({"tables": {
        "contrasts_by_outlet": {"status": "written", "rows": 515_372}}}))
    assert long_contrasts(referenced) == [
        "contrasts_by_outlet holds 515,372 rows: every pair of outlets with 3+ articles each "
        "is contrasted; raise thresholds.contrast_min_articles to make it shorter"]


def test_keyness_figures_of_unnamed_pairs_are_the_largest_pairs_and_the_rest_are_counted():
    from types import SimpleNamespace

    from analysis.build import Skip, _drawn_pairs, _not_drawn
    from analysis.study import Thresholds

    rows = []  # two text levels of each pair: its size is its larger level's articles
    for a, b, level, n in (("g1", "g2", "outlet_group", 10), ("g1", "g3", "outlet_group", 50),
                           ("g2", "g3", "outlet_group", 30), ("g1", "g4", "outlet_group", 50),
                           ("o1", "o2", "outlet", 5)):
        for text_level, k in (("lede", n), ("headline", n // 2)):
            rows += [{"label": a, "versus": b, "level": level, "text_level": text_level,
                      "term": t, "n_docs_a": k, "n_docs_b": k} for t in ("x", "y")]
    table = pd.DataFrame(rows)
    data = SimpleNamespace(table=lambda name: table, study=SimpleNamespace(
        pairs={}, thresholds=Thresholds(keyness_figures_max=2)))
    drawn, left = _drawn_pairs(data)
    # the two largest group pairs (a tie of 50: both), in the table's order; every outlet pair
    assert drawn.values.tolist() == [["g1", "g3", "outlet_group"], ["g1", "g4", "outlet_group"],
                                     ["o1", "o2", "outlet"]]
    assert left == {"outlet_group": 2}
    with pytest.raises(Skip, match=r"^2 outlet group pairs not drawn: the study names no pairs"
                                   r".*thresholds.keyness_figures_max per level"):
        _not_drawn(left)
    data.study.pairs = {"outlet_group": [("g1", "g2")]}  # named pairs: every one drawn
    drawn, left = _drawn_pairs(data)
    assert len(drawn) == 5 and left == {}


def test_same_event_figures_are_of_the_events_most_groups_covered_and_the_rest_are_counted():
    # a study without an event column: automatic alignment's 359 stories made 359
    # same-event figures (five minutes of a Polish study's build)
    from types import SimpleNamespace

    from analysis.build import Skip, _drawn_events, _events_not_drawn
    from analysis.study import Thresholds

    coverage = pd.DataFrame({"event_id": ["e1", "e2", "e3", "e4"],
                             "n_articles": [50, 9, 30, 30],
                             "groups": ["a b", "a b c", "a c", "b c"]})
    data = SimpleNamespace(table=lambda name: coverage, study=SimpleNamespace(
        thresholds=Thresholds(same_event_figures_max=2)))
    # drawn: e2 (three groups), then e1 (two groups, 50 articles); e3 and e4 not
    assert _drawn_events(data) == (["e1", "e2"], 2)
    with pytest.raises(Skip, match=r"^2 compared events not drawn: .*"
                                   r"\(thresholds.same_event_figures_max\)"):
        _events_not_drawn(2)
    data.study.thresholds = Thresholds(same_event_figures_max=4)
    assert _drawn_events(data) == (["e1", "e2", "e3", "e4"], 0)


def test_the_not_drawn_entries_of_keyness_and_same_event_figures_each_count_their_own():
    # both capped in one study: the keyness entry's table once read the events' count (a
    # closure over a reused name) and failed ("'int' object has no attribute 'items'")
    from pathlib import Path
    from types import SimpleNamespace

    from analysis.build import Skip, _study_specs
    from analysis.study import Thresholds

    keyness = pd.DataFrame([{"label": a, "versus": b, "level": "outlet_group",
                             "text_level": "full", "term": "x", "n_docs_a": n, "n_docs_b": n}
                            for a, b, n in (("g1", "g2", 9), ("g1", "g3", 5), ("g2", "g3", 7))])
    coverage = pd.DataFrame({"event_id": ["e1", "e2", "e3"], "n_articles": [5, 9, 7],
                             "groups": ["g1 g2", "g1 g2", "g2 g3"]})
    tables = {"keyness_pairs": keyness, "same_event_coverage": coverage}
    outlets = pd.DataFrame({"outlet": ["o1"], "outlet_name": ["O1"], "outlet_group": ["g1"],
                            "group_name": ["G1"]})
    data = SimpleNamespace(
        table=tables.__getitem__, skipped={}, path=lambda rel: Path(__file__),
        outlets=outlets, events=pd.DataFrame({"event_id": ["e1"], "name": ["One"]}),
        corpus=pd.DataFrame({"outlet_group": ["g1"]}),
        study=SimpleNamespace(pairs={}, headline_pair=None, thresholds=Thresholds(
            keyness_figures_max=1, same_event_figures_max=1)))
    specs = _study_specs(data)
    assert "same_event_e2" in specs and "same_event_e1" not in specs
    with pytest.raises(Skip, match=r"^2 outlet group pairs not drawn"):
        specs["keyness_other_pairs"].table(data)
    with pytest.raises(Skip, match=r"^2 compared events not drawn"):
        specs["same_event_other_events"].table(data)


def test_a_keyness_figure_reads_its_own_levels_rows_when_an_outlet_is_its_own_group():
    # outlets no register groups are groups of their own, with the same keys: the pair is
    # in the table at both levels (the figure's table once held every term twice)
    from types import SimpleNamespace

    from analysis.build import _keyness_rows

    rows = [{"label": "a", "versus": "b", "level": level, "scope": "shared_events",
             "text_level": "full", "term": term, "z": z, "n_docs_a": 30, "n_docs_b": 25,
             "note": ""}
            for level in ("outlet_group", "outlet") for term, z in (("x", 2.0), ("y", -1.0))]
    data = SimpleNamespace(table=lambda name: pd.DataFrame(rows))
    for level in ("outlet_group", "outlet"):
        table = _keyness_rows(data, "a", "b", level)
        assert table["term"].tolist() == ["x", "y"] and set(table["level"]) == {level}
