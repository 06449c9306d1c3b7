import numpy as np
import pandas as pd
import pytest

from analysis.compare.close_reading import close_reading
from analysis.compare.same_event import (
    event_coverage,
    headlines,
    same_event_profiles,
    term_choices,
)


def _frame():
    rows = []
    # E1: groups g1 (3 articles) and g2 (3); E2: only g1; E3: g1 (3) and g2 (2 < min)
    for event, group, n in (("E1", "g1", 3), ("E1", "g2", 3), ("E2", "g1", 4),
                            ("E3", "g1", 3), ("E3", "g2", 2)):
        for k in range(n):
            rows.append({"doc_id": f"{event}{group}{k}", "outlet": f"{group}-outlet",
                         "date": pd.Timestamp("2022-03-01") + pd.Timedelta(days=k),
                         "outlet_group": group, "event_id": event, "language": "en",
                         "frame__generic_conflict_present": float(k == 0),
                         "sent__all_compound": -0.5 if group == "g1" else 0.5,
                         "sent__actor_russia_compound": np.nan if k else 0.1,
                         "term__kyiv_spelling__kyiv": float(group == "g2"),
                         "term__kyiv_spelling__kiev": float(group == "g1") * 2})
    return pd.DataFrame(rows)


def test_event_coverage_needs_two_groups_with_enough_articles():
    coverage = event_coverage(_frame(), min_articles=3)
    assert coverage["event_id"].tolist() == ["E1"]
    assert coverage.iloc[0].to_dict() == {"event_id": "E1", "n_articles": 6, "n_outlets": 2,
                                          "groups": "g1 g2", "first_date": "2022-03-01",
                                          "last_date": "2022-03-03"}


def test_same_event_profiles_by_hand():
    profiles = same_event_profiles(_frame(), min_articles=3)
    assert set(profiles["event_id"]) == {"E1"}
    g1 = profiles[(profiles["level"] == "outlet_group") & (profiles["unit"] == "g1")]
    by_measure = g1.set_index("measure")
    # one of three g1 articles has the conflict frame; only the first names Russia
    assert by_measure.at["generic_conflict_present", "mean"] == pytest.approx(1 / 3)
    assert by_measure.at["actor_russia_compound", "mean"] == pytest.approx(0.1)
    assert by_measure.at["actor_russia_compound", "n_articles"] == 1
    assert by_measure.at["all_compound", "n_total"] == 3


def test_term_choices_per_event_and_outlet():
    choices = term_choices(_frame()[lambda f: f["event_id"] == "E1"], by=["event_id", "outlet"])
    g1 = choices[choices["outlet"] == "g1-outlet"].set_index("variant")
    # g1 wrote "Kiev" twice in each of 3 articles and never "Kyiv"
    assert g1.at["kiev", "mentions"] == 6 and g1.at["kiev", "share"] == 1.0
    assert g1.at["kyiv", "share"] == 0.0 and g1.at["kiev", "n_articles_using"] == 3


def test_headlines_are_the_earliest_per_outlet():
    corpus = pd.DataFrame({
        "doc_id": ["a", "b", "c", "d", "e"], "event_id": ["E1"] * 5,
        "outlet": ["x", "x", "x", "y", "z"], "outlet_group": ["g"] * 5,
        "date": pd.to_datetime(["2022-01-03", "2022-01-01", "2022-01-02", "2022-01-05",
                                "2022-01-06"]),
        "title": ["third", "first", "second", None, None],
        "lede": [None, None, None, "Troops arrived. More came later.", None],
        "url": [None] * 5})
    picked = headlines(corpus, ["E1"], per_outlet=2)
    # y has no title: the first sentence of its lede, marked; z has neither: nothing made up
    assert picked["title"].tolist() == ["first", "second", "Troops arrived."]
    assert picked["shown"].tolist() == ["title", "title", "lede"]


def test_close_reading_of_the_seed_articles(processed):
    import analysis

    corpus, _ = processed
    tables = close_reading(corpus, analysis.load_features())
    assert list(tables["features"].columns) == ["feature", "moscow-times", "rt"]
    quotes = tables["quotes"]
    warn = quotes[quotes["quote"].str.startswith("I’d like to warn")].iloc[0]
    assert (warn["speaker"], warn["verb"], warn["source_type"]) == (
        "Khrenin", "added", "official_ru_by")
    terms = tables["terms"]
    kiev = terms[(terms["outlet"] == "rt") & (terms["variant"] == "kiev")]
    assert kiev["sentence"].str.contains("accused Kiev of").any()
    stance = tables["stance"]
    assert "Without providing evidence" in stance[stance["outlet"] == "moscow-times"][
        "matched"].tolist()
    # each number in the side-by-side table is the feature row itself
    n_quotes = tables["features"].set_index("feature").loc["src__n_quotes"]
    assert n_quotes.to_dict() == quotes.groupby("outlet").size().astype(float).to_dict()
