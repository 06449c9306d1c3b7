import pandas as pd
import pytest

from analysis.corpus import ConfigError, EventCatalogue

HEADER = ("event_id,name,start,end,belarus_event,dataset_labels,description,keywords_en,"
          "keywords_pl,keywords_ru\n")
ROWS = (
    "border-2021,Border crisis,2021-11-01,2021-11-30,true,,d,migrant;paratroop,migrant,мигрант\n"
    "grouping-2022,Joint grouping,2022-10-10,2022-10-31,true,,d,regional grouping;troops,"
    "wojsk,группировк\n"
    "bucha,Bucha,2022-03-30,2022-06-30,false,ruwa:bucha,d,Bucha,Bucz,Буч\n"
    "wide,Whole war,2022-01-01,2022-12-31,false,,d,troops,,\n"
)


@pytest.fixture
def catalogue(tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return EventCatalogue(path, ["Belarus", "Białoru", "Lukashenk", "Беларус"])


def assign(catalogue, rows):
    frame = pd.DataFrame(rows, columns=["text", "date", "labels"])
    return catalogue.assign(frame["text"], pd.to_datetime(frame["date"]), frame["labels"])


def test_keyword_window_and_belarus_rules(catalogue):
    out = assign(catalogue, [
        ("Russian paratroopers land in Belarus", "2021-11-12", []),      # all three hold
        ("Russian paratroopers land near Pskov", "2021-11-12", []),      # not Belarus-relevant
        ("Migrants stranded at the Belarus border", "2021-12-15", []),   # outside the window
        ("Wojska rosyjskie na Białorusi", "2022-10-15", []),             # Polish stems
        ("Russian troops arrive in Belarus", "2022-10-15", []),          # two events match
    ])
    assert out["event_id"].tolist() == [
        "border-2021", None, None, "grouping-2022", "grouping-2022"]
    assert out["event_ids"].tolist() == [
        ["border-2021"], [], [], ["grouping-2022"], ["grouping-2022", "wide"]]
    assert out["event_method"].iloc[0] == "border-2021: keyword+window (paratroop)"
    assert out["belarus_relevant"].tolist() == [True, False, True, True, True]


def test_dataset_label_comes_first_and_is_recorded(catalogue):
    out = assign(catalogue, [
        ("Satellite images of Bucha", "2022-04-04", ["ruwa:bucha", "ruwa:general"]),
        ("Troops seen on the road", "2022-04-04", ["ruwa:general"]),
    ])
    assert out["event_id"].tolist() == ["bucha", "wide"]
    assert out["event_method"].iloc[0] == "bucha: dataset label"
    assert out["event_ids"].iloc[1] == ["wide"]


def test_article_without_date_gets_no_keyword_event(catalogue):
    out = assign(catalogue, [("Paratroopers in Belarus, migrants", None, [])])
    assert out["event_id"].tolist() == [None] and out["event_ids"].iloc[0] == []


@pytest.mark.parametrize(("row", "message"), [
    ("x,X,2022-13-01,2022-12-31,false,,d,a,,", "start/end must be YYYY-MM-DD"),
    ("x,X,2022-12-31,2022-01-01,false,,d,a,,", "is after end"),
    ("x,X,2022-01-01,2022-12-31,maybe,,d,a,,", "belarus_event must be true or false"),
    ("X Y,X,2022-01-01,2022-12-31,false,,d,a,,", "malformed or repeated"),
    ("x,X,2022-01-01,2022-12-31,false,,d,a,", "wrong number of fields"),
])
def test_malformed_catalogue_rows_are_named_with_line(tmp_path, row, message):
    path = tmp_path / "events.csv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"events\.csv:2: .*{message}"):
        EventCatalogue(path, ["Belarus"])


def test_real_catalogue_loads_and_covers_required_events():
    import analysis

    events = analysis.load_events()
    assert events["event_id"].is_unique
    ruwa = {"beginning", "nuclear", "azovstal", "railway", "bucha", "theatre", "prisoners",
            "supermarket", "sinking"}
    from analysis.corpus._datafile import read_rows
    from tests.conftest import DATA

    labels = {lab.split(":", 1)[1] for _, r in read_rows(DATA / "events.csv", ("dataset_labels",))
              for lab in r["dataset_labels"].split(";") if lab}
    assert ruwa <= labels
    assert events["belarus_event"].sum() >= 7
