"""Derive articles.csv, the second study's input, from the embedded RSS items (run by hand).

Run from the repository's top after `make data`:

    .venv/bin/python data/studies/rss-english/derive_articles.py

It keeps the English RSS items (data/raw/rss-belarus) that the default study's event
catalogue places in an event, and writes them as a researcher's file would hold them:
outlet by display name ("BBC News", "The Guardian"), date, title, description (the RSS
description as published, HTML and all), url and event (the catalogue event's name).
Nothing is rewritten: every text is the item's own.
"""

import csv
import gzip
import json
from pathlib import Path

import pandas as pd

import analysis

HERE = Path(__file__).resolve().parent
RAW = "data/raw/rss-belarus/belarus_items_2021_2023.jsonl.gz"
#: display names as the outlets write them on their sites, where that differs from the
#: register's name (the register knows them as aliases)
SHOWN = {"bbc": "BBC News"}

corpus = analysis.load_corpus()
events = analysis.load_events().set_index("event_id")["name"]
outlets = analysis.load_outlets().set_index("outlet")["outlet_name"]
keep = corpus[(corpus["source"] == "rss-belarus") & (corpus["language"] == "en")
              & corpus["event_id"].notna()]
lines = {int(ref.rsplit(":", 1)[1]): row for ref, row in
         zip(keep["source_ref"], keep.itertuples(), strict=True)}
with gzip.open(RAW, "rt", encoding="utf-8") as fh:
    items = {n: json.loads(line) for n, line in enumerate(fh, start=1) if n in lines}
rows = [{"outlet": SHOWN.get(row.outlet, outlets[row.outlet]), "date": items[n]["date"],
         "title": items[n]["title"], "description": items[n]["description"],
         "url": items[n]["url"], "event": events[row.event_id]}
        for n, row in sorted(lines.items())]
table = pd.DataFrame(rows).sort_values(["date", "url"], kind="stable")
table.to_csv(HERE / "articles.csv", index=False, quoting=csv.QUOTE_MINIMAL,
             lineterminator="\n")
print(f"wrote {HERE / 'articles.csv'}: {len(table)} items, {table['outlet'].nunique()} "
      f"outlets, {table['event'].nunique()} events")
