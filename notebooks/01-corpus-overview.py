# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · What the corpus holds
#
# **Question.** Before comparing how outlets told the same stories, we need to know what
# each outlet contributes: how many articles, about which events, in which language, and
# how much of each article we actually have (a full page, a headline with its lede, or a
# bare headline).
#
# **Data.** Three real sources, embedded in `data/raw/` (provenance in `data/README.md`):
# the RUWA dataset (Khairova et al. 2023; headlines and ledes of 16,545 war articles from
# nine outlets), Belarus-related RSS items 2021–2023 from the rumca-js RSS Link Database
# (5,213 items, mostly Polish and English outlets), and two full article pages (The Moscow
# Times, RT). `make data` cleans them into `data/processed/corpus.parquet` and accounts
# for every input record in `data/processed/ingest_report.csv`.
#
# **Method.** Outlets and their ownership/alignment groups come from `data/outlets.toml`;
# events from `data/events.csv`, assigned either by the dataset's own label (RUWA's
# keyword-search labels) or by a keyword + date-window rule (and, for Belarus events, a
# Belarus mention). Language is detected offline with lingua, restricted to the languages
# the corpus can hold.

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

import analysis
from analysis.build import figure
from analysis.compare import ingest_accounting

corpus = analysis.load_corpus()
report = analysis.load_ingest_report()
outlets = analysis.load_outlets()
events = analysis.load_events()
print(f"{len(report):,} input records -> {len(corpus):,} articles "
      f"from {corpus['outlet'].nunique()} outlets")

# %% [markdown]
# ## Every input record, accounted for
#
# Each input record is kept, reported as a duplicate of a kept record, or rejected with a
# reason. Nothing is dropped silently.

# %%
accounting = ingest_accounting(report)
display(accounting)
display(report["status"].value_counts().rename("records").to_frame())

# %% [markdown]
# ## Articles by outlet, text level and language

# %%
by_outlet = (corpus.groupby(["outlet", "text_level"]).size()
             .unstack("text_level", fill_value=0))
by_outlet["total"] = by_outlet.sum(axis=1)
by_outlet = (outlets.set_index("outlet")[["group_name", "outlet_name"]]  # register order
             .join(by_outlet, how="inner").set_index(["group_name", "outlet_name"]))
with pd.option_context("display.max_rows", 100):
    display(by_outlet)

# %%
display(pd.crosstab(corpus["outlet_group"], corpus["language"], margins=True))

# %% [markdown]
# How the language was decided (`language_method`): two offline detectors (lingua and
# langid.py, Lui & Baldwin 2012) each label the text; where they agree, that is the
# language, even against the feed's own label (some Polish feeds label their items
# English). Where they disagree, the language the source states, or else the outlet's usual
# language, picks between the two.

# %%
decided = corpus["language_method"].str.replace(r"\(lingua \w+, langid \w+\)", "", regex=True)
decided = decided.str.replace(r"; source said \w+", " (against the source's label)", regex=True)
display(decided.value_counts().rename("articles").to_frame())

# %% [markdown]
# ## Articles by outlet and event
#
# The primary event of each article (dataset label first, else the keyword + window match
# with the narrowest window). Most articles match no catalogued event: RUWA's labels
# cover its whole collection, but the RSS items span three years of Belarus news.

# %%
# the same function the build uses for figures/corpus_coverage_by_outlet_event.*
coverage, fig = figure("corpus_coverage_by_outlet_event")
fig

# %%
belarus_events = events.loc[events["belarus_event"], "event_id"]
exploded = corpus.explode("event_ids")
display(pd.crosstab(exploded.loc[exploded["event_ids"].isin(belarus_events), "event_ids"],
                    exploded.loc[exploded["event_ids"].isin(belarus_events), "outlet_group"],
                    margins=True))

# %% [markdown]
# ## Timeline

# %%
timeline, fig = figure("corpus_timeline_by_outlet_group")
fig

# %% [markdown]
# ## What was rejected, and why

# %%
rejected = report[report["status"] == "rejected"]
display(rejected.groupby(["source", "reason"]).size().rename("records").to_frame())
display(rejected[["source", "source_ref", "reason"]].head(5))

# %% [markdown]
# ## Belarus relevance
#
# The RSS items were selected upstream by a loose regular expression. An article counts as
# Belarus-relevant here when its title or lede matches a Belarus term at a word start
# (`data/lexicons/belarus_terms.csv`): the upstream filter also caught Polish words that
# merely contain "mińsk" (Kamiński, warmińsko-mazurskie).

# %%
display(pd.crosstab(corpus["source"], corpus["belarus_relevant"], margins=True))
not_relevant = corpus[(corpus["source"] == "rss-belarus") & ~corpus["belarus_relevant"]]
inside_word = not_relevant["text"].str.contains(r"\wmińsk", case=False, regex=True)
print(f"{len(not_relevant):,} RSS items name no Belarus term; {inside_word.sum():,} of them "
      "contain 'mińsk' inside another word")

# %% [markdown]
# ## Caveats
#
# - **Text level.** Only the two seed articles are full text. RUWA holds headlines (and
#   ledes for RT and a few others); the RSS items hold a headline and a feed description.
#   Any feature computed later describes headline and lede language, not whole articles.
# - **Event labels are noisy.** RUWA's labels come from the dataset authors' keyword
#   search, and our keyword + window rule is of the same kind: an article can be assigned
#   to an event it mentions only in passing, and be missed when it uses words the
#   catalogue lacks.
# - **The RSS selection is loose.** It was selected by a regular expression for Belarus
#   terms; a few items mention Belarus in passing or not at all (`belarus_relevant` flags
#   them).
# - **Uneven coverage.** Polish outlets dominate the RSS items, Ukrainian outlets the RUWA
#   rows; comparisons must be made within events and with per-outlet n in view.
