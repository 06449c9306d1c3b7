"""Ingest of files a researcher points it at: formats, bad input, duplicates, accounting."""

import gzip
import json
import sys

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.corpus import ConfigError, ingest, load_config
from analysis.corpus.readers import parse_event_refs
from tests.conftest import DATA, ROOT

MT_PAGE = DATA / "raw" / "seeds" / "000_0c874e3e921a86e4.txt"


def run(*paths):
    return ingest(load_config(ROOT, list(paths)), progress=False)


def one(report, needle):
    rows = report[report["source_ref"].str.contains(needle, regex=False)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_csv_jsonl_and_page_are_read_and_every_record_reported(tmp_path):
    (tmp_path / "a.csv").write_text(
        "url,title,description,date,outlet\n"
        "https://www.reuters.com/world/a,Belarus moves troops,\"Minsk said, on Monday.\","
        "2022-10-10,reuters.com\n"
        "https://www.bbc.co.uk/news/b,,,2022-10-11,bbc.co.uk\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({
        "title": "Łukaszenka ogłasza ćwiczenia",
        "description": "<p>Wojska <a href='x'>Białorusi</a> &amp; Rosji</p>",
        "url": "https://tvn24.pl/swiat/c", "date": "2022-10-12 08:00:00",
        "outlet": "tvn24.pl"}) + "\n", encoding="utf-8")
    result = run(tmp_path / "a.csv", tmp_path / "b.jsonl", MT_PAGE)
    report, corpus = result.report, result.corpus
    assert len(report) == 4 and report["source_ref"].is_unique
    assert dict(report["status"].value_counts()) == {"kept": 3, "rejected": 1}
    empty = one(report, "a.csv:3")
    assert empty["status"] == "rejected" and "no usable text" in empty["reason"]
    tvn = corpus[corpus["outlet"] == "tvn24"].iloc[0]
    assert tvn["lede"] == "Wojska Białorusi & Rosji"
    assert tvn["text_level"] == "lede" and tvn["language"] == "pl"
    reuters = corpus[corpus["outlet"] == "reuters"].iloc[0]
    assert reuters["lede"] == "Minsk said, on Monday." and reuters["date"] == pd.Timestamp(
        "2022-10-10")
    mt = corpus[corpus["outlet"] == "moscow-times"].iloc[0]
    assert mt["text_level"] == "full" and mt["date"] == pd.Timestamp("2021-11-12")
    assert set(corpus["doc_id"]) == set(report.loc[report["status"] == "kept", "doc_id"])


def test_non_utf8_page_is_rejected_with_file_and_line(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"Headline\n\nBody line\n\nCaf\xe9 au lait\n")
    (tmp_path / "good.txt").write_text("Other headline\n\nOther body.", encoding="utf-8")
    report = run(tmp_path).report
    bad = one(report, "bad.txt")
    assert bad["status"] == "rejected"
    assert "bad.txt:5: not valid UTF-8" in bad["reason"]
    assert one(report, "good.txt")["status"] == "kept"


def test_non_utf8_csv_row_is_rejected_alone(tmp_path):
    (tmp_path / "c.csv").write_bytes(
        b"title,outlet\nFine headline,rt.com\nBad \xff headline,rt.com\nAnother fine one,rt.com\n")
    report = run(tmp_path / "c.csv").report
    assert list(report["status"]) == ["kept", "rejected", "kept"]
    assert report.iloc[1]["reason"].endswith("c.csv:3: not valid UTF-8 in this row")


def test_empty_and_binary_files_are_rejected(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.jsonl").write_bytes(b'{"title": "x"}\n\x00\x01\x02\x89PNG')
    report = run(tmp_path).report
    assert "empty file" in one(report, "empty.txt")["reason"]
    blob = one(report, "blob.jsonl")
    assert blob["status"] == "rejected" and "blob.jsonl:2: binary file" in blob["reason"]


def test_truncated_jsonl_line_is_rejected_and_the_rest_kept(tmp_path):
    good = {"title": "Belarus closes border crossing", "url": "https://bbc.co.uk/news/1",
            "outlet": "bbc.co.uk", "date": "2023-02-09"}
    lines = [json.dumps(good), json.dumps(good | {"url": "https://bbc.co.uk/news/2",
                                                  "title": "Second"})[:25],
             json.dumps(good | {"url": "https://bbc.co.uk/news/3", "title": "Third"})]
    (tmp_path / "t.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run(tmp_path / "t.jsonl").report
    assert list(report["status"]) == ["kept", "rejected", "kept"]
    assert "t.jsonl:2: not a complete JSON object" in report.iloc[1]["reason"]


def test_gzipped_jsonl_is_read(tmp_path):
    path = tmp_path / "g.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"title": "Minsk talks", "outlet": "reuters.com"}) + "\n")
    assert run(path).corpus["title"].tolist() == ["Minsk talks"]


def test_csv_missing_needed_column_rejects_each_row_by_name(tmp_path):
    (tmp_path / "m.csv").write_text("id,when\n1,2022-01-01\n2,2022-01-02\n", encoding="utf-8")
    report = run(tmp_path / "m.csv").report
    assert len(report) == 2 and (report["status"] == "rejected").all()
    assert "m.csv: missing needed column: no text column" in report.iloc[0]["reason"]
    assert "found: id, when" in report.iloc[0]["reason"]


def test_configured_csv_missing_column_is_named(tmp_path):
    study = tmp_path / "study"
    (study / "raw").mkdir(parents=True)
    (study / "raw" / "r.csv").write_text("src,title\nhttps://rt.com/a,Headline\n",
                                         encoding="utf-8")
    (study / "study.toml").write_text(
        '[[inputs]]\nname = "r"\npath = "raw/r.csv"\n[inputs.fields]\nurl = "src"\n'
        'title = "title"\ndate = "Date"\n', encoding="utf-8")
    report = ingest(load_config(study), progress=False).report
    assert report.iloc[0]["reason"] == ("raw/r.csv: missing needed column(s) Date "
                                        "(found: src, title)")


def test_wrong_field_count_row_is_rejected(tmp_path):
    (tmp_path / "w.csv").write_text("title,outlet\nA headline,rt.com\nB,rt.com,extra\n",
                                    encoding="utf-8")
    report = run(tmp_path / "w.csv").report
    assert list(report["status"]) == ["kept", "rejected"]
    assert "w.csv:3: row has 3 fields, header has 2" in report.iloc[1]["reason"]


def test_duplicates_are_kept_once_and_point_to_the_kept_record(tmp_path):
    (tmp_path / "d.csv").write_text(
        "url,title,outlet\n"
        "https://www.rt.com/news/1/,Troops arrive,rt.com\n"
        "http://rt.com/news/1?utm_source=tw,Troops arrive (updated),rt.com\n"
        "https://rt.com/news/2,\"Troops, arrive!\",rt.com\n"
        "https://tass.com/news/3,Troops arrive,tass.com\n", encoding="utf-8")
    report = run(tmp_path / "d.csv").report
    assert list(report["status"]) == ["kept", "duplicate", "duplicate", "kept"]
    kept = report.iloc[0]["doc_id"]
    assert report.iloc[1]["duplicate_of"] == kept and "same URL" in report.iloc[1]["reason"]
    assert report.iloc[2]["duplicate_of"] == kept and "same outlet and normalised text" in (
        report.iloc[2]["reason"])


def test_unrecognised_page_is_kept_whole_as_unknown(tmp_path):
    text = "Local paper headline\n\nSubscribe now!\n\nThe story itself."
    (tmp_path / "999_x.txt").write_text(text, encoding="utf-8")
    result = run(tmp_path)
    row = result.corpus.iloc[0]
    assert row["outlet"] == "unknown" and row["outlet_group"] == "unknown"
    assert row["title"] is None and row["body"] == text and row["text"] == text
    assert "not recognised" in result.report.iloc[0]["note"]
    # the outlet table names it, so that every outlet of the corpus has a name and group
    named = result.outlets.set_index("outlet").loc["unknown"]
    assert (named["outlet_name"], named["outlet_group"], named["group_name"]) == (
        "Unknown outlet", "unknown", "Unknown outlet")


def test_unlisted_outlet_in_a_row_is_kept_as_its_own_and_noted(tmp_path):
    (tmp_path / "u.csv").write_text("title,outlet\nHeadline,example.org\nOther,Example.org\n"
                                    "Third,\n", encoding="utf-8")
    result = run(tmp_path / "u.csv")
    assert list(result.corpus["outlet"]) == ["example-org", "example-org", "unknown"]
    assert list(result.corpus["outlet_group"]) == ["example-org", "example-org", "unknown"]
    notes = result.report["note"].tolist()
    assert notes[0] == ("outlet 'example.org' not in the outlet register (outlets.toml): kept "
                        "as its own outlet 'example-org' in group 'example-org'")
    assert notes[1] == notes[0].replace("'example.org'", "'Example.org'")
    assert notes[2] == "no outlet named and none recognised from the URL None"


def test_added_groups_and_outlets_take_colours_no_other_in_the_corpus_has(tmp_path):
    # the register gives The Moscow Times' group Okabe-Ito orange (#E69F00), the first
    # colour an added group takes, and RT's group vermilion (#D55E00); the groups named
    # by the data take the palette's other twelve colours, in order
    names = [f"Paper {chr(65 + k)}" for k in range(15)]
    rows = ["A,The Moscow Times,", "B,RT,"] + [f"{n},{n}," for n in names]
    (tmp_path / "g.csv").write_text("title,outlet,url\n" + "\n".join(rows) + "\n",
                                    encoding="utf-8")
    outlets = run(tmp_path / "g.csv").outlets
    groups = outlets.drop_duplicates("outlet_group").set_index("outlet_group")["group_colour"]
    assert groups["russian-independent"] == "#E69F00" and groups["russian-state"] == "#D55E00"
    added = groups[[f"paper-{chr(97 + k)}" for k in range(15)]].tolist()
    assert added[:6] == ["#56B4E9", "#009E73", "#0072B2", "#CC79A7", "#000000", "#8C6D00"]
    assert added[6:12] == ["#4477AA", "#EE6677", "#228833", "#66CCEE", "#AA3377", "#CCBB44"]
    assert len(set(added[:12]) | {"#E69F00", "#D55E00"}) == 14  # no two groups alike
    # the palette's fourteen colours used up: they repeat, from its first on
    assert added[12:] == ["#E69F00", "#56B4E9", "#009E73"]
    # the added outlets' own colours (``by_group=False`` figures) stay apart the same way
    own = outlets.set_index("outlet")["colour"]
    assert own["moscow-times"] not in set(own[[f"paper-{chr(97 + k)}" for k in range(9)]])


def test_outlets_are_recognised_by_display_name_alias_key_domain_then_url(tmp_path):
    (tmp_path / "n.csv").write_text(
        "title,outlet,url\n"
        "A,Fox News,\n"            # display name
        "B,FOX,\n"                 # alias, any case
        "C,the guardian,\n"        # name less "The", any case
        "D,fox-news,\n"            # key
        "E,www.foxnews.com,\n"     # host
        "F,Fox Newz,https://www.bbc.co.uk/news/1\n"  # not a name: the URL decides
        "G,BBC News,\n", encoding="utf-8")
    result = run(tmp_path / "n.csv")
    assert list(result.corpus["outlet"]) == ["fox-news", "fox-news", "guardian", "fox-news",
                                             "fox-news", "bbc", "bbc"]
    assert result.report["note"].iloc[5] == ("outlet 'Fox Newz' not in the register: "
                                             "recognised by the URL")


def test_unsupported_file_type_is_reported(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04")
    report = run(tmp_path).report
    assert "unsupported file type" in one(report, "x.docx")["reason"]


def test_parse_event_refs_is_literal_only():
    text = ("[{'site': 'bbc.com', 'event': 'bucha', 'kw': 'Bucha', 'dt': '04/04/2022'}, "
            "{'site': 'bbc.com', 'event': 'general', 'kw': 'civilians', 'dt': '04/07/2022'}]")
    assert parse_event_refs(text) == ["bucha", "general"]
    assert parse_event_refs(["a", "a", "b"]) == ["a", "b"]
    with pytest.raises(ValueError):
        parse_event_refs("__import__('os').system('echo pwned')")


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="no such file or folder"):
        load_config(ROOT, [tmp_path / "nope.csv"])


def test_cli_writes_both_outputs(tmp_path, capsys):
    (tmp_path / "in.csv").write_text("title,outlet\nA,rt.com\n,rt.com\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "in.csv"), "--out", str(tmp_path / "out"),
                 "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "2 input records: 1 kept, 1 rejected" in out
    assert (tmp_path / "out" / "corpus.parquet").exists()
    assert len(pd.read_csv(tmp_path / "out" / "ingest_report.csv")) == 2


def test_cli_refuses_to_overwrite_the_project_corpus_with_own_files(tmp_path, capsys):
    (tmp_path / "in.csv").write_text("title,outlet\nA,rt.com\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "in.csv")]) == 2
    assert "--out" in capsys.readouterr().err


def test_ingest_into_writes_a_chunk_at_a_time_what_ingest_holds_at_once(tmp_path, monkeypatch):
    """Chunks of 4 records: a duplicate of a record three chunks back is still found,
    a chunk with no caption at all keeps the column's type, and the files equal those
    written from the in-memory result, byte for byte (the report) or value for value."""
    import pyarrow.parquet as pq

    from analysis.corpus import ingest_into, write_outputs

    lines = ["url,title,description,date,outlet"]
    for i in range(13):
        lines.append(f"https://www.reuters.com/world/{i},Belarus moves troops {i},"
                     f"\"Minsk said, on day {i}.\",2022-02-{10 + i},reuters.com")
    lines.append("https://www.reuters.com/world/2?utm_source=x,Belarus moves troops 2,"
                 "\"Minsk said, on day 2.\",2022-02-12,reuters.com")  # the URL of row 3
    lines.append("https://www.bbc.co.uk/news/x,,,2022-02-24,bbc.co.uk")  # no text
    (tmp_path / "a.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = load_config(ROOT, [tmp_path / "a.csv", MT_PAGE])
    monkeypatch.setattr(sys.modules["analysis.corpus.ingest"], "_FLUSH", 4)
    corpus_path, _, outcomes = ingest_into(config, tmp_path / "streamed", progress=False)
    whole = ingest(load_config(ROOT, [tmp_path / "a.csv", MT_PAGE]), progress=False)
    write_outputs(whole, tmp_path / "whole")
    assert dict(outcomes["status"].value_counts()) == {"kept": 14, "duplicate": 1,
                                                       "rejected": 1}
    duplicate = whole.report[whole.report["status"] == "duplicate"].iloc[0]
    assert duplicate["source_ref"].endswith("a.csv:15")
    assert duplicate["duplicate_of"] == whole.corpus.loc[2, "doc_id"]
    assert pq.ParquetFile(corpus_path).metadata.num_row_groups == 4  # 16 records, 4 a chunk
    for name in ("ingest_report.csv", "events.csv", "outlets.csv"):
        assert (tmp_path / "streamed" / name).read_bytes() == (tmp_path / "whole" / name
                                                               ).read_bytes()
    streamed = pd.read_parquet(corpus_path)
    pd.testing.assert_frame_equal(streamed, pd.read_parquet(tmp_path / "whole/corpus.parquet"))
    assert list(streamed["doc_id"]) == list(whole.corpus["doc_id"])
    assert streamed["caption"].notna().sum() == 1  # the page's caption; the CSV rows none


def test_a_date_after_the_day_of_ingest_is_taken_as_missing_and_noted(tmp_path):
    from datetime import UTC, datetime, timedelta

    today = datetime.now(UTC).date()
    soon, late = today + timedelta(days=1), today + timedelta(days=2)
    (tmp_path / "d.csv").write_text(
        f"title,outlet,date\nOld,bbc,1900-01-01\nNear,bbc,{soon}\nLate,bbc,{late}\n"
        "Far,bbc,2099-01-01\n", encoding="utf-8")
    result = run(tmp_path / "d.csv")
    assert list(result.report["status"]) == ["kept"] * 4
    dates = result.corpus.set_index("title")["date"]
    assert str(dates["Old"].date()) == "1900-01-01"  # old is not wrong: a historical study
    assert dates["Near"].date() == soon  # a day ahead: an outlet whose time zone is ahead
    assert dates[["Late", "Far"]].isna().all()
    notes = result.report.set_index(result.corpus["title"].to_numpy())["note"]
    after = "lies after the day of ingest: taken as missing"
    assert notes["Late"] == f"date {late} {after}"
    assert notes["Far"] == f"date 2099-01-01 {after}"
    assert pd.isna(notes["Near"])
