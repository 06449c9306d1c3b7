"""Ingest under hostile input: every record accounted for, no crash, nothing from outside.

Each test writes its hostile file in tmp_path, counts the input records itself by the
plainest method (lines of the text it wrote), and checks the report against that count
row by row.
"""

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import zlib
from types import SimpleNamespace

import pandas as pd
import pytest

import analysis
from analysis import _csv
from analysis.__main__ import main
from analysis.corpus import ingest, load_config
from analysis.corpus.readers import Limits, parse_size
from tests.conftest import ROOT


def run(*paths, limits=None):
    return ingest(load_config(ROOT, list(paths)), progress=False, limits=limits)


def rows(n, outlet="rt.com", start=0):
    """`n` distinct CSV rows: title,url,outlet."""
    return [f"Headline {i} on the Minsk talks,https://{outlet}/news/{i},{outlet}"
            for i in range(start, start + n)]


def refs(report):
    return [ref.rsplit(":", 1)[-1] for ref in report["source_ref"]]


# --- a lone surrogate escape in a text or a URL -------------------------------------------

def test_lone_surrogate_rejects_that_record_and_the_rest_is_written(tmp_path, capsys):
    lines = [
        '{"title": "Minsk talks open", "url": "https://rt.com/a", "outlet": "rt.com"}',
        '{"title": "Bad \\ud800 title", "url": "https://rt.com/b", "outlet": "rt.com"}',
        '{"title": "Border closes", "url": "https://rt.com/c", "outlet": "rt.com"}',
        '{"title": "Bad URL", "url": "https://rt.com/\\udfff", "outlet": "rt.com"}',
        '{"title": "Troops leave", "url": "https://rt.com/e", "outlet": "rt.com"}',
    ]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    n_records = sum(1 for line in path.read_text().splitlines() if line.strip())
    out = tmp_path / "out"
    assert main(["ingest", str(path), "--out", str(out), "--quiet"]) == 0
    assert f"{n_records} input records: 3 kept, 2 rejected" in capsys.readouterr().out
    report = pd.read_csv(out / "ingest_report.csv")
    assert len(report) == n_records == 5
    assert list(report["status"]) == ["kept", "rejected", "kept", "rejected", "kept"]
    assert refs(report) == ["1", "2", "3", "4", "5"]
    assert "s.jsonl:2: title holds a lone surrogate (\\ud800)" in report.loc[1, "reason"]
    assert "s.jsonl:4: url holds a lone surrogate (\\udfff)" in report.loc[3, "reason"]
    corpus = pd.read_parquet(out / "corpus.parquet")
    assert corpus["title"].tolist() == ["Minsk talks open", "Border closes", "Troops leave"]


# --- a CSV with two columns of the same name ----------------------------------------------

def test_csv_with_a_repeated_column_is_refused_naming_file_and_column(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("title,url,title\n" + "\n".join(
        f"Headline {i},https://rt.com/{i},Other {i}" for i in range(4)) + "\n", encoding="utf-8")
    n_rows = len(path.read_text().splitlines()) - 1
    result = run(path)
    report = result.report
    assert len(report) == n_rows == 4 and (report["status"] == "rejected").all()
    assert refs(report) == ["2", "3", "4", "5"]
    assert report["reason"].str.contains(
        "dup.csv: repeated column name(s) in the header: 'title' in columns 1, 3",
        regex=False).all()
    assert result.corpus.empty


# --- a CSV with an unclosed quote ---------------------------------------------------------

@pytest.mark.parametrize("later_quotes", [False, True])
def test_unclosed_quote_rejects_its_line_and_every_later_row_is_read(tmp_path, later_quotes):
    lines = rows(10)
    lines[2] = '"Broken headline,https://rt.com/news/x,rt.com'
    if later_quotes:  # a later quoted field would close the broken one
        lines[6] = '"Minsk, said the ministry",https://rt.com/news/6,rt.com'
    path = tmp_path / "q.csv"
    path.write_text("title,url,outlet\n" + "\n".join(lines) + "\n", encoding="utf-8")
    n_rows = len(path.read_text().splitlines()) - 1
    report = run(path).report
    assert len(report) == n_rows == 10
    assert refs(report) == [str(i) for i in range(2, 12)]
    assert list(report["status"]) == ["kept", "kept", "rejected"] + ["kept"] * 7
    assert "q.csv:4: malformed CSV" in report.loc[2, "reason"]
    assert "reading resumes at the next line" in report.loc[2, "reason"]


# --- a NUL byte in one cell; truncated .csv.gz and .jsonl.gz ------------------------------

def test_nul_byte_in_one_cell_rejects_that_row_alone(tmp_path, capsys):
    lines = rows(6)
    lines[3] = "Head\x00line 3,https://rt.com/news/3,rt.com"
    path = tmp_path / "n.csv"
    path.write_bytes(("title,url,outlet\n" + "\n".join(lines) + "\n").encode("utf-8"))
    n_rows = path.read_bytes().count(b"\n") - 1
    assert main(["ingest", str(path), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert f"{n_rows} input records: 5 kept, 1 rejected" in capsys.readouterr().out
    report = pd.read_csv(tmp_path / "out" / "ingest_report.csv")
    assert list(report["status"]) == ["kept"] * 3 + ["rejected"] + ["kept"] * 2
    assert report.loc[3, "reason"].endswith("n.csv:5: NUL byte in this row (column 'title'); "
                                            "not text")


def _truncated_gz(path, text):
    """Write `text` gzipped to `path`, cut at 60% of the compressed bytes; return what a
    plain zlib stream gets out of the cut file."""
    packed = gzip.compress(text.encode("utf-8"))
    cut = packed[: len(packed) * 6 // 10]
    path.write_bytes(cut)
    return zlib.decompressobj(31).decompress(cut)


def test_truncated_jsonl_gz_keeps_the_records_before_and_reports_how_far(tmp_path):
    lines = [json.dumps({"title": f"Headline {i}: Minsk and Moscow agree on item {i * 7919}",
                         "url": f"https://rt.com/news/{i}", "outlet": "rt.com"})
             for i in range(400)]
    path = tmp_path / "t.jsonl.gz"
    recovered = _truncated_gz(path, "\n".join(lines) + "\n")
    complete = recovered.count(b"\n")
    assert 0 < complete < 400
    report = run(path).report
    assert len(report) == complete + 1
    assert (report["status"].iloc[:-1] == "kept").all()
    assert refs(report) == [str(i) for i in range(1, complete + 2)]
    last = report.iloc[-1]
    assert last["status"] == "rejected"
    assert last["reason"].startswith(f"{last['source_ref']}: truncated or corrupt file")
    assert f"reading stopped after {len(recovered):,} bytes, at line {complete + 1}" in (
        last["reason"])


def test_truncated_csv_gz_keeps_the_rows_before_and_reports_how_far(tmp_path):
    lines = [f"Headline {i}: Minsk and Moscow agree on item {i * 7919},https://rt.com/n/{i},"
             "rt.com" for i in range(400)]
    path = tmp_path / "t.csv.gz"
    recovered = _truncated_gz(path, "title,url,outlet\n" + "\n".join(lines) + "\n")
    complete_rows = recovered.count(b"\n") - 1
    report = run(path).report
    assert len(report) == complete_rows + 1
    assert (report["status"].iloc[:-1] == "kept").all()
    assert report.iloc[-1]["status"] == "rejected"
    assert report.iloc[-1]["source_ref"].endswith(f"t.csv.gz:{complete_rows + 2}")
    assert "truncated or corrupt file" in report.iloc[-1]["reason"]


# --- symbolic links -----------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="POSIX links")
def test_links_leaving_the_folder_are_not_followed_and_every_entry_is_reported(tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("title,outlet\nSECRET outside headline,rt.com\n", encoding="utf-8")
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.csv").write_text("title,url,outlet\n" + rows(2)[0] + "\n" + rows(2)[1] + "\n",
                                  encoding="utf-8")
    (folder / "sub" / "b.csv").write_text("title,url,outlet\n" + rows(1, start=5)[0] + "\n",
                                          encoding="utf-8")
    os.symlink(outside, folder / "leak.csv")
    os.symlink(tmp_path / "nowhere.csv", folder / "dangling.csv")
    os.symlink(folder / "loop.csv", folder / "loop.csv")
    os.symlink(folder / "sub", folder / "linked_folder")
    os.symlink(folder / "a.csv", folder / "inside_link.csv")
    os.mkfifo(folder / "pipe.csv")
    # independent count: the rows of the regular files, one entry for everything else
    n_rows = sum(len(p.read_text().splitlines()) - 1 for p in
                 (folder / "a.csv", folder / "sub" / "b.csv", folder / "inside_link.csv"))
    n_other = 5  # leak, dangling, loop, linked_folder, pipe
    result = run(folder)
    report = result.report.set_index(result.report["source_ref"].str.replace(
        r"^.*/corpus/", "", regex=True))
    assert len(report) == n_rows + n_other == 10
    assert report.loc["a.csv:2", "status"] == "kept" and report.loc["a.csv:3", "status"] == (
        "kept")
    assert report.loc["sub/b.csv:2", "status"] == "kept"
    assert report.loc["inside_link.csv:2", "status"] == "duplicate"  # read: it stays inside
    assert report.loc["inside_link.csv:3", "status"] == "duplicate"
    reasons = report["reason"].fillna("")
    assert "outside the folder being read; not followed" in reasons["leak.csv"]
    assert "does not exist (dangling); not followed" in reasons["dangling.csv"]
    assert "symbolic link loop" in reasons["loop.csv"]
    assert "symbolic link to a folder" in reasons["linked_folder"]
    assert "not a regular file" in reasons["pipe.csv"]
    assert not result.corpus["text"].str.contains("SECRET").any()


# --- JSON NaN and Infinity ----------------------------------------------------------------

def test_json_nan_and_infinity_are_missing_with_a_note(tmp_path):
    objects = [{"title": float("nan"), "description": "Minsk said talks would go on.",
                "url": "https://rt.com/1", "outlet": "rt.com"},
               {"title": float("-inf"), "url": "https://rt.com/2", "outlet": "rt.com"},
               {"title": "Border closes", "description": float("inf"),
                "url": "https://rt.com/3", "outlet": "rt.com"}]
    path = tmp_path / "nan.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in objects) + "\n", encoding="utf-8")
    assert "NaN" in path.read_text() and "Infinity" in path.read_text()
    n_records = len(path.read_text().splitlines())
    result = run(path)
    report, corpus = result.report, result.corpus
    assert len(report) == n_records == 3
    assert list(report["status"]) == ["kept", "rejected", "kept"]
    assert report.loc[0, "note"].startswith("title: JSON NaN treated as missing")
    assert report.loc[1, "note"].startswith("title: JSON -Infinity treated as missing")
    assert "no usable text" in report.loc[1, "reason"]
    assert report.loc[2, "note"].startswith("lede: JSON Infinity treated as missing")
    assert corpus["title"].tolist() == [None, "Border closes"]
    assert corpus["lede"].tolist() == ["Minsk said talks would go on.", None]
    assert not corpus["text"].str.contains("nan|inf", case=False).any()


# --- CSV injection ------------------------------------------------------------------------

def test_write_csv_escapes_formula_cells_reversibly(tmp_path):
    cells = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "'=already",
             "''+twice", "'plain quote", "Minsk", "", None]
    frame = pd.DataFrame({"text": cells, "number": range(len(cells))})
    frame.loc[0, "number"] = -5
    before = frame.copy()
    path = tmp_path / "t.csv"
    _csv.write_csv(frame, path, index=False)
    back = pd.read_csv(path, keep_default_na=False)
    assert back["text"].tolist()[:9] == [
        '\'=HYPERLINK("http://x","y")', "'+1", "'-2", "'@SUM(A1)", "'\tTab", "'\rCR",
        "''=already", "'''+twice", "'plain quote"]
    assert back["text"].tolist()[9:] == ["Minsk", "", ""]
    assert back["number"].tolist()[0] == -5  # numbers are not text: never escaped
    assert [_csv.unescape_cell(v) for v in back["text"].tolist()[:10]] == cells[:10]
    assert _csv.read_csv(path, keep_default_na=False)["text"].tolist()[:10] == cells[:10]
    pd.testing.assert_frame_equal(frame, before)  # the frame written is not modified
    _csv.write_csv(frame.iloc[[0, 9]], path, index=False)  # no CR: quoted only where needed
    assert path.read_text(encoding="utf-8") == (
        'text,number\n"\'=HYPERLINK(""http://x"",""y"")",-5\nMinsk,9\n')


def test_report_and_tables_are_spreadsheet_safe(tmp_path):
    from analysis.build import _write
    from analysis.compare.run import write_table

    path = tmp_path / "=HYPERLINK(1).csv"
    path.write_text("title,outlet\n=cmd|' /C calc'!A0,rt.com\n-Minsk,rt.com\n", encoding="utf-8")
    assert main(["ingest", str(path), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    report = pd.read_csv(tmp_path / "out" / "ingest_report.csv")
    assert len(report) == 2
    assert report["source"].tolist() == ["'=HYPERLINK(1)"] * 2
    assert _csv.unescape_cell(report.loc[0, "source"]) == "=HYPERLINK(1)"
    loaded = analysis.load_ingest_report(tmp_path / "out" / "ingest_report.csv")
    assert loaded["source"].tolist() == ["=HYPERLINK(1)"] * 2
    headlines = pd.DataFrame({"outlet": ["rt", "bbc"], "title": ["=HYPERLINK(\"x\")", "Minsk"],
                              "n": [1, 2]})
    write_table(headlines, tmp_path / "same_event_headlines.csv")
    _write(lambda rel: tmp_path / rel, "t", SimpleNamespace(caption="c"), headlines, None)
    for written in (tmp_path / "same_event_headlines.csv", tmp_path / "tables" / "t.csv"):
        assert written.read_text(encoding="utf-8").splitlines() == [
            "outlet,title,n", "rt,\"'=HYPERLINK(\"\"x\"\")\",1", "bbc,Minsk,2"]


def test_every_csv_the_package_writes_goes_through_the_safe_writer():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "analysis").rglob("*.py")
                 if p.name != "_csv.py" and ".to_csv(" in p.read_text(encoding="utf-8")]
    assert offenders == []


# --- size limits and bounded memory -------------------------------------------------------

def test_record_over_the_limit_is_rejected_with_its_size(tmp_path, capsys):
    big = json.dumps({"title": "x" * 3_000_000, "url": "https://rt.com/big",
                      "outlet": "rt.com"})
    lines = [json.dumps({"title": f"Small {i}", "url": f"https://rt.com/{i}",
                         "outlet": "rt.com"}) for i in range(3)]
    lines.insert(1, big)
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8")))
    assert path.stat().st_size < 20_000  # a small file that expands a hundredfold and more
    n_records = len(lines)
    out = tmp_path / "out"
    assert main(["ingest", str(path), "--out", str(out), "--quiet",
                 "--max-record-bytes", "1MB"]) == 0
    report = pd.read_csv(out / "ingest_report.csv")
    assert len(report) == n_records == 4
    assert list(report["status"]) == ["kept", "rejected", "kept", "kept"]
    assert report.loc[1, "reason"].endswith(
        f"bomb.jsonl.gz:2: line of {len(big) + 1:,} bytes, over the record limit (1,000,000 "
        "bytes); not read")
    capsys.readouterr()
    assert main(["ingest", str(path), "--out", str(out), "--max-record-bytes", "lots"]) == 2
    assert "not a size" in capsys.readouterr().err


def test_file_over_the_limit_keeps_the_rows_before_and_reports_the_stop(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("title,url,outlet\n" + "\n".join(rows(100)) + "\n", encoding="utf-8")
    limit = 2_500
    complete_rows = path.read_bytes()[:limit].count(b"\n") - 1
    report = run(path, limits=Limits(max_file_bytes=limit)).report
    assert len(report) == complete_rows + 1
    assert (report["status"].iloc[:-1] == "kept").all()
    stop = report.iloc[-1]
    assert stop["source_ref"].endswith(f"long.csv:{complete_rows + 2}")
    assert "file over the size limit (2,500 bytes): reading stopped after 2,500 bytes" in (
        stop["reason"])


def test_sizes_and_defaults():
    assert parse_size("50MB") == 50_000_000 and parse_size("4GiB") == 4 << 30
    assert Limits().max_record_bytes >= 50_000_000 and Limits().max_file_bytes >= 1 << 30
    with pytest.raises(ValueError):
        Limits(max_record_bytes=0)


@pytest.mark.slow
def test_a_50_mb_page_is_kept_word_for_word(tmp_path):
    paragraph = ("Minsk said on Tuesday that the joint exercises with Russian troops would "
                 "continue near the border with Poland, Lithuania and Ukraine. ") * 4 + "\n\n"
    page = "Belarus extends joint exercises\n\n" + paragraph * (50_000_000 // len(paragraph) + 1)
    path = tmp_path / "long_page.txt"
    path.write_text(page, encoding="utf-8")
    assert path.stat().st_size >= 50_000_000
    result = run(path)
    assert result.report["status"].tolist() == ["kept"]
    assert result.corpus.loc[0, "text"].split() == page.split()


# --- script and style in an RSS description -----------------------------------------------

def test_script_and_style_content_is_dropped_with_a_note(tmp_path):
    objects = [
        {"title": "Minsk talks", "description": "<script>document.location='http://x'</script>"
         "<p>Talks resumed on Monday.</p>", "url": "https://rt.com/1", "outlet": "rt.com"},
        {"title": "Border news", "description": "<STYLE>p {color: red}</STYLE>Crossing shut.",
         "url": "https://rt.com/2", "outlet": "rt.com"},
        {"title": "Plain", "description": "No markup here.", "url": "https://rt.com/3",
         "outlet": "rt.com"}]
    path = tmp_path / "rss.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in objects) + "\n", encoding="utf-8")
    result = run(path)
    assert len(result.report) == len(path.read_text().splitlines()) == 3
    assert result.corpus["lede"].tolist() == ["Talks resumed on Monday.", "Crossing shut.",
                                              "No markup here."]
    notes = result.report["note"].fillna("").tolist()
    assert "lede: 1 <script>/<style> element(s) removed with their content" in notes[0]
    assert "lede: 1 <script>/<style> element(s) removed with their content" in notes[1]
    assert "script" not in notes[2]


# --- zero-width characters and an escaped NUL ---------------------------------------------

def test_invisible_characters_are_removed_before_hashing_and_dedup(tmp_path):
    titles = ["Minsk talks resume", "Min\u200bsk talks\u2060 resume", "\ufeffMinsk ta\u200clks "
              "re\u200dsume", "Minsk\u0000 talks resume"]
    path = tmp_path / "z.jsonl"
    path.write_text("\n".join(json.dumps({"title": t, "url": f"https://rt.com/{i}",
                                          "outlet": "rt.com"})
                              for i, t in enumerate(titles)) + "\n", encoding="utf-8")
    assert "\\u0000" in path.read_text()  # escaped, as a JSON writer writes it
    result = run(path)
    report = result.report
    assert len(report) == len(path.read_text().splitlines()) == 4
    assert list(report["status"]) == ["kept", "duplicate", "duplicate", "duplicate"]
    assert (report["duplicate_of"].iloc[1:] == report.loc[0, "doc_id"]).all()
    assert result.corpus["title"].tolist() == ["Minsk talks resume"]


# --- SIGKILL during an atomic write -------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_temporaries_of_a_killed_write_are_removed_by_the_next_run(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    code = ("import sys, time; from pathlib import Path; from analysis._atomic import "
            "atomic_write\n"
            "def write(p):\n    Path(p).write_text('half'); time.sleep(60)\n"
            "atomic_write(Path(sys.argv[1]) / 'ingest_report.csv', write)\n")
    child = subprocess.Popen([sys.executable, "-c", code, str(out)], cwd=ROOT)
    deadline = time.monotonic() + 60
    while not list(out.glob(".ingest_report.csv.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    stale = list(out.glob(".ingest_report.csv.*.tmp"))
    assert len(stale) == 1  # what SIGKILL leaves behind
    hour_ago = time.time() - 3600
    os.utime(stale[0], (hour_ago, hour_ago))
    fresh = out / ".corpus.parquet.abcd1234.tmp"  # another writer's, still being written
    fresh.write_bytes(b"busy")
    (tmp_path / "in.csv").write_text("title,outlet\nA headline,rt.com\n", encoding="utf-8")
    assert main(["ingest", str(tmp_path / "in.csv"), "--out", str(out), "--quiet"]) == 0
    assert not stale[0].exists() and fresh.exists()
    assert sorted(p.name for p in out.iterdir()) == [
        ".corpus.parquet.abcd1234.tmp", "corpus.parquet", "events.csv", "ingest_report.csv",
        "outlets.csv"]


# --- unexpected errors: one record, one file ----------------------------------------------

def test_an_unexpected_error_rejects_that_record_alone(tmp_path, monkeypatch):
    ingest_module = sys.modules["analysis.corpus.ingest"]
    original = ingest_module._Builder._from_row

    def fragile(self, record, spec):
        if record.fields.get("title") == "Boom":
            raise RuntimeError("a bug met a strange record")
        return original(self, record, spec)

    monkeypatch.setattr(ingest_module._Builder, "_from_row", fragile)
    path = tmp_path / "e.csv"
    path.write_text("title,outlet\nFirst,rt.com\nBoom,rt.com\nThird,rt.com\n", encoding="utf-8")
    report = run(path).report
    assert len(report) == len(path.read_text().splitlines()) - 1 == 3
    assert list(report["status"]) == ["kept", "rejected", "kept"]
    assert report.loc[1, "reason"].endswith(
        "e.csv:3: unexpected error in this record (RuntimeError: a bug met a strange record)")


def test_a_reader_failure_keeps_the_records_before_and_is_counted(tmp_path, monkeypatch):
    from analysis.corpus import readers

    original = readers._fields
    calls = []

    def fragile(values, mapping):
        calls.append(1)
        if len(calls) == 3:
            raise MemoryError("out of memory")
        return original(values, mapping)

    monkeypatch.setattr(readers, "_fields", fragile)
    path = tmp_path / "f.csv"
    path.write_text("title,url,outlet\n" + "\n".join(rows(5)) + "\n", encoding="utf-8")
    other = tmp_path / "g.csv"
    other.write_text("title,url,outlet\n" + "\n".join(rows(1, start=9)) + "\n",
                     encoding="utf-8")
    report = run(path, other).report
    assert list(report["status"]) == ["kept", "kept", "rejected", "kept"]
    assert report.loc[2, "source_ref"].endswith("f.csv")
    assert "reading stopped by an unexpected error (MemoryError: out of memory) after 2 " in (
        report.loc[2, "reason"])
    assert report.loc[3, "source_ref"].endswith("g.csv:2")


def test_json_a_reader_cannot_convert_rejects_its_line_alone(tmp_path):
    lines = ['{"title": "First", "outlet": "rt.com", "n": ' + "1" * 5000 + "}",
             '{"title": "Deep", "outlet": "rt.com", "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
             '{"title": "Twice", "title": "Other", "outlet": "rt.com"}',
             '{"title": "Last", "outlet": "rt.com"}']
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = run(path).report
    assert len(report) == len(path.read_text().splitlines()) == 4
    assert list(report["status"]) == ["rejected"] * 3 + ["kept"]
    assert "odd.jsonl:1: JSON not readable (Exceeds the limit" in report.loc[0, "reason"]
    assert report.loc[1, "reason"].endswith("odd.jsonl:2: JSON nested too deeply to read")
    assert "odd.jsonl:3: key 'title' appears twice in one JSON object" in report.loc[2, "reason"]


def test_json_arrays_objects_and_booleans_are_not_taken_for_text(tmp_path):
    # str() of them would make "['Reuters']" an outlet and "{'html': 'x'}" a body
    objects = [{"title": "Talks", "outlet": ["rt.com"]},
               {"title": {"html": "Talks"}, "outlet": "rt.com"},
               {"title": "Talks go on", "outlet": "rt.com", "date": True},
               {"title": "Numbers are read", "outlet": 42, "date": None},
               {"title": "Talks end", "outlet": "rt.com", "ignored": [1, {"a": 2}]}]
    path = tmp_path / "typed.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in objects) + "\n", encoding="utf-8")
    result = run(path)
    report = result.report
    assert len(report) == len(path.read_text().splitlines()) == 5
    assert list(report["status"]) == ["rejected"] * 3 + ["kept"] * 2
    assert report.loc[0, "reason"].endswith(
        "typed.jsonl:1: 'outlet' (outlet) is an array, not text; record rejected")
    assert "typed.jsonl:2: 'title' (title) is an object, not text" in report.loc[1, "reason"]
    assert "typed.jsonl:3: 'date' (date) is true, not text" in report.loc[2, "reason"]
    assert result.corpus["title"].tolist() == ["Numbers are read", "Talks end"]


def test_the_command_line_never_ends_in_a_traceback(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    texts = {
        "bad_url.csv": "title,url\nA,http://[::1\nB,https://rt.com/b\n",  # urlsplit raises
        "cr.csv": "title,outlet\rA cr,rt.com\rB cr,rt.com\r",  # old Mac line ends
        "dates.csv": "title,outlet,date\nOld,rt.com,0001-01-01\nLate,rt.com,9999-12-31T23:59\n",
        "bom.csv": "\ufefftitle,outlet\nBOM row,rt.com\n",
        "header_only.csv": "title,outlet\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    (folder / "zip.csv.gz").write_bytes(b"PK\x03\x04not gzip at all")
    n_records = sum(len(t.splitlines()) - 1 for t in texts.values()) + 1  # + the .gz file
    assert main(["ingest", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert f"{n_records} input records: 6 kept, 2 rejected" in capsys.readouterr().out
    report = pd.read_csv(tmp_path / "out" / "ingest_report.csv")
    assert len(report) == n_records == 8
    bad = report.loc[report["status"] == "rejected", "reason"].tolist()
    assert bad[0].endswith("bad_url.csv:2: unexpected error in this record (ValueError: "
                           "Invalid IPv6 URL)")
    assert "zip.csv.gz: cannot read file: truncated or corrupt file" in bad[1]
