"""Checks on the real embedded corpus as `make data` built it (data/processed/)."""

import csv
import gzip
import re
from collections import Counter

import pandas as pd
import pytest

from tests.conftest import DATA, FIXTURES

RAW = DATA / "raw"
RUWA_ROWS, RSS_LINES, SEEDS = 16_545, 5_213, 2


@pytest.fixture(scope="module")
def corpus(processed):
    return processed[0]


@pytest.fixture(scope="module")
def report(processed):
    return processed[1]


def test_every_input_record_is_reported_exactly_once(report):
    assert len(report) == RUWA_ROWS + RSS_LINES + SEEDS == 21_760
    assert report["source_ref"].is_unique
    assert report["source"].value_counts().to_dict() == {
        "ruwa": RUWA_ROWS, "rss-belarus": RSS_LINES, "seeds": SEEDS}
    assert set(report["status"]) <= {"kept", "duplicate", "rejected"}
    assert report.loc[report["status"] != "kept", "reason"].notna().all()


def test_report_and_corpus_agree(corpus, report):
    kept = report[report["status"] == "kept"]
    assert corpus["doc_id"].is_unique
    assert len(kept) == len(corpus)
    assert set(kept["doc_id"]) == set(corpus["doc_id"])
    dups = report[report["status"] == "duplicate"]
    assert dups["duplicate_of"].isin(corpus["doc_id"]).all()


def test_ruwa_rows_without_text_are_the_rejected_ones(report):
    # Independent count straight from the raw CSV with the csv module.
    with gzip.open(RAW / "ruwa" / "RUWA_04.08.23.csv.gz", "rt", encoding="utf-8",
                   newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == RUWA_ROWS
    empty = [r for r in rows if not r["title"].strip() and not r["desc"].strip()]
    rejected = report[(report["source"] == "ruwa") & (report["status"] == "rejected")]
    assert len(rejected) == len(empty)
    assert rejected["reason"].str.startswith("no usable text").all()
    by_site = Counter(r["Site"] for r in empty)
    assert by_site == {"bbc.co.uk": 130, "rt.com": 54, "aljazeera.com": 10}
    assert Counter(rejected["outlet"]) == {"bbc": 130, "rt": 54, "al-jazeera": 10}


def test_no_empty_strings_only_nulls(corpus):
    for column in ("title", "lede", "caption", "body", "credit", "url"):
        values = corpus[column].dropna()
        assert (values.str.strip() != "").all(), column


def test_text_levels(corpus):
    assert set(corpus["text_level"]) == {"full", "lede", "headline"}
    assert corpus.loc[corpus["source"] == "seeds", "text_level"].eq("full").all()
    rt_ruwa = corpus[(corpus["source"] == "ruwa") & (corpus["outlet"] == "rt")]
    assert rt_ruwa["title"].isna().all() and rt_ruwa["text_level"].eq("lede").all()


def test_seeds_clean_exactly(corpus):
    seeds = corpus[corpus["source"] == "seeds"].set_index("outlet")
    mt, rt = seeds.loc["moscow-times"], seeds.loc["rt"]
    assert mt["text"] == (FIXTURES / "moscow_times_expected.txt").read_text(encoding="utf-8")
    assert rt["text"] == (FIXTURES / "rt_expected.txt").read_text(encoding="utf-8")
    assert mt["credit"] == "mil.ru"
    assert mt["date"] == pd.Timestamp("2021-11-12")
    assert rt["date"] == pd.Timestamp("2022-10-15 12:34")
    assert mt["outlet_group"] == "russian-independent" and rt["outlet_group"] == "russian-state"
    assert mt["language"] == rt["language"] == "en"


def test_seeds_land_in_their_events(corpus, real_config):
    seeds = corpus[corpus["source"] == "seeds"].set_index("outlet")
    windows = {e.event_id: e for e in real_config.catalogue.events}
    mt_event, rt_event = seeds.loc["moscow-times", "event_id"], seeds.loc["rt", "event_id"]
    assert windows[mt_event].start <= pd.Timestamp("2021-11-12").date() <= windows[mt_event].end
    assert windows[mt_event].belarus_event and windows[rt_event].belarus_event
    assert windows[mt_event].start.year == 2021 and windows[rt_event].start.month == 10
    assert seeds["belarus_relevant"].all()


def test_polish_rss_items_come_out_polish(corpus, register):
    polish = {k for k, o in register.outlets.items() if o.language == "pl"}
    items = corpus[(corpus["source"] == "rss-belarus") & corpus["outlet"].isin(polish)]
    assert len(items) > 3_000
    share = (items["language"] == "pl").mean()
    assert share >= 0.99, items.loc[items["language"] != "pl", ["outlet", "title", "language"]]


def test_html_is_gone_from_rss_text(corpus):
    rss = corpus[corpus["source"] == "rss-belarus"]
    assert not rss["text"].str.contains(r"</?(?:p|a|br)\b[^>]*>|&(?:amp|quot|#\d+);",
                                        regex=True).any()


def test_language_codes_are_iso_639_1(corpus):
    assert corpus["language"].str.fullmatch(r"[a-z]{2}").all()


def test_belarus_relevance_flags_the_loose_rss_selection(corpus):
    rss = corpus[corpus["source"] == "rss-belarus"].set_index("title")
    # Loosely selected items with no Belarus term in title or description are flagged off.
    assert not rss.loc["Dwaj mężczyźni uciekli ze szpitala psychiatrycznego we Fromborku",
                       "belarus_relevant"]
    assert rss.loc["Niespodziewany ruch Łukaszenki. Wojska w gotowości bojowej",
                   "belarus_relevant"]
    assert rss["belarus_relevant"].mean() > 0.7
    # RUWA: an independent count over the raw CSV's title and desc (SOURCES.md's "384 rows"
    # also counts URLs and keyword fields; the text itself names Belarus in 280 rows).
    with gzip.open(RAW / "ruwa" / "RUWA_04.08.23.csv.gz", "rt", encoding="utf-8",
                   newline="") as fh:
        named = sum(bool(re.search(r"belarus|lukashenk|minsk", r["title"] + " " + r["desc"],
                                   re.IGNORECASE)) for r in csv.DictReader(fh))
    ruwa = corpus[corpus["source"] == "ruwa"]
    assert named == 280
    assert ruwa["belarus_relevant"].sum() == named


def test_belarus_events_are_populated(corpus, real_config):
    belarus_events = [e.event_id for e in real_config.catalogue.events if e.belarus_event]
    counts = corpus.explode("event_ids")["event_ids"].value_counts()
    for event_id in belarus_events:
        assert counts.get(event_id, 0) > 0, event_id


def test_every_kept_article_has_an_outlet_and_date_or_a_note(corpus, report):
    assert corpus["outlet"].notna().all()
    undated = corpus.loc[corpus["date"].isna(), "doc_id"]
    notes = report.set_index("doc_id").loc[undated, "note"] if len(undated) else pd.Series()
    assert notes.notna().all()
