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
# **Data.** The inputs the study's `study.toml` names (printed below). The build
# (`python -m analysis run <study>`, or `make` for the embedded study) cleans them into
# `<processed>/corpus.parquet` and accounts for every input record in
# `<processed>/ingest_report.csv`.
#
# **Method.** Outlets and their ownership/alignment groups come from the outlet register
# (the project's `data/outlets.toml`, extended or replaced by the study's own); an outlet
# no register lists is kept as an outlet of its own. Events come from the study's event
# source: an `event` column, an event catalogue (the dataset's own label, else a keyword +
# date-window rule), automatic story alignment, or none. Language is detected offline,
# restricted to the languages the study names.

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import display

import analysis
from analysis.build import Data, figure
from analysis.compare import ingest_accounting
from analysis.compare.run import Skip

study = analysis.current_study()
print(f"Study: {study.title}")
data = Data()
corpus = data.corpus
report = analysis.load_ingest_report()
outlets = data.outlets
events = data.events
OUTLET = outlets.set_index("outlet")["outlet_name"]
GROUP = outlets.drop_duplicates("outlet_group").set_index("outlet_group")["group_name"]
print(f"Inputs: {', '.join(spec.name for spec in study.inputs)}; languages the detector "
      f"chooses among: {', '.join(study.languages)}; events from: {study.event_source}.")
print(f"{len(report):,} input records -> {len(corpus):,} articles from "
      f"{corpus['outlet'].nunique()} outlets in {corpus['outlet_group'].nunique()} outlet "
      f"groups.")

# %%
if study.is_default:
    print("The embedded corpus (provenance in data/README.md): the RUWA dataset (Khairova et "
          "al. 2023; headlines and ledes of war articles from nine outlets), Belarus-related "
          "RSS items 2021–2023 from the rumca-js RSS Link Database, and two full article "
          "pages (the 'seeds' input).")

# %% [markdown]
# ## Every input record, accounted for
#
# Each input record is kept, reported as a duplicate of a kept record, or rejected with a
# reason. Nothing is dropped silently.

# %%
accounting = ingest_accounting(report)
display(accounting)
status = report["status"].value_counts()
display(status.rename("records").to_frame())
print(", ".join(f"{n:,} {s}" for s, n in status.items()) + f" of {len(report):,} records.")
notes = report["note"].dropna()
if len(notes):
    display(notes.value_counts().rename("records").to_frame().head(10))

# %% [markdown]
# ## Articles by outlet, text level and language
#
# The text level says how much of an article the corpus holds: `full` (the whole page),
# `lede` (a headline with its lede or feed description) or `headline` (a bare headline).
# Every later measure sees only that much text.

# %%
by_outlet = (corpus.groupby(["outlet", "text_level"]).size()
             .unstack("text_level", fill_value=0))
by_outlet["total"] = by_outlet.sum(axis=1)
by_outlet = (outlets.set_index("outlet")[["group_name", "outlet_name"]]  # register order
             .join(by_outlet, how="inner").set_index(["group_name", "outlet_name"]))
with pd.option_context("display.max_rows", 100):
    display(by_outlet)

# %%
levels = corpus["text_level"].value_counts()
print("Text levels: " + ", ".join(f"{level} {n:,} ({n / len(corpus):.1%})"
                                  for level, n in levels.items()) + ".")
share = corpus.groupby("outlet")["text_level"].value_counts(normalize=True).unstack(
    fill_value=0).reindex(columns=["full", "lede", "headline"], fill_value=0)
mostly = share.idxmax(axis=1)
for level in ("full", "lede", "headline"):
    names = [OUTLET.get(o, o) for o in share.index[mostly == level]]
    if names:
        listed = ", ".join(sorted(names)[:15]) + (f" and {len(names) - 15} more"
                                                   if len(names) > 15 else "")
        print(f"Mostly {level} ({len(names)} of {len(share)} outlets): {listed}.")
if levels.get("full", 0) < len(corpus) / 2:
    print("Most articles are not full text: every feature computed later describes "
          "headline and lede language, not whole articles.")

# %%
display(pd.crosstab(corpus["outlet_group"].map(GROUP), corpus["language"].fillna("none"),
                    margins=True))

# %% [markdown]
# How the language was decided (`language_method`): two offline detectors (lingua and
# langid.py, Lui & Baldwin 2012) each label the text; where they agree, that is the
# language, even against the source's own label. Where they disagree, the language the
# source states, or else the outlet's usual language, picks between the two.

# %%
decided = corpus["language_method"].str.replace(r"\(lingua \w+, langid \w+\)", "", regex=True)
decided = decided.str.replace(r"; source said \w+", " (against the source's label)", regex=True)
display(decided.value_counts().rename("articles").to_frame())
against = corpus["language_method"].str.contains("source said", regex=False).sum()
print(f"{against:,} articles' language was detected against the source's own label."
      if against else "No article's language was detected against a label of its source.")

# %% [markdown]
# ## Articles by outlet and event
#
# The primary event of each article, as the study's event source gives it (printed below).

# %%
METHOD = {"column": "the study's event column",
          "catalogue": "the dataset's own label first, else the catalogue's keyword + date-"
                       "window rule with the narrowest window",
          "stories": "automatic story alignment (a story of two or more outlets is an event)",
          "none": "none: the study has no events"}
labelled = corpus["event_id"].notna()
print(f"Events from {METHOD[study.event_source]}: {labelled.sum():,} of {len(corpus):,} "
      f"articles ({labelled.mean():.1%}) have an event, {corpus['event_id'].nunique()} "
      "events in all" + (f"; {(~labelled).sum():,} articles match none." if (~labelled).any()
                         else "."))

# %%
# the same function the build uses for figures/corpus_coverage_by_outlet_event.*
try:
    coverage, fig = figure("corpus_coverage_by_outlet_event", data)
    display(fig)
except Skip as why:
    print(f"No coverage figure: {why}")

# %%
exploded = corpus.explode("event_ids")
exploded = exploded[exploded["event_ids"].isin(events["event_id"])]
if exploded.empty:
    print("No article is assigned to an event of the study.")
else:
    by_event = pd.crosstab(exploded["event_ids"], exploded["outlet_group"].map(GROUP),
                           margins=True)
    with pd.option_context("display.max_rows", 100):
        display(by_event)
    groups = (pd.crosstab(exploded["event_ids"], exploded["outlet_group"]) > 0).sum(axis=1)
    least = study.thresholds.same_event_min_articles
    print(f"{int((groups >= 2).sum())} of {len(groups)} events have articles from two or "
          f"more outlet groups (a same-event view also needs {least}+ articles per group); "
          + ("1 is" if (groups == 1).sum() == 1 else f"{int((groups == 1).sum())} are")
          + " covered by one group only.")

# %% [markdown]
# ## Timeline

# %%
try:
    timeline, fig = figure("corpus_timeline_by_outlet_group", data)
    display(fig)
except Skip as why:
    print(f"No timeline: {why}")

# %%
dates = pd.to_datetime(corpus["date"], errors="coerce", utc=True)
print(f"Dated articles: {dates.notna().sum():,} of {len(corpus):,}"
      + (f", from {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}." if dates.notna().any()
         else "."))

# %% [markdown]
# ## What was rejected, and why

# %%
rejected = report[report["status"] == "rejected"]
if rejected.empty:
    print("No input record was rejected.")
else:
    display(rejected.groupby(["source", "reason"]).size().rename("records").to_frame())
    display(rejected[["source", "source_ref", "reason"]].head(5))

# %% [markdown]
# ## Relevance
#
# A study can name relevance terms (`[events] relevance_terms`): an article counts as
# relevant (`belarus_relevant`) when its title or lede matches one at a word start. Without
# such terms every article counts as relevant.

# %%
if study.relevance_terms is None:
    print("The study names no relevance terms: every article counts as relevant "
          f"({int(corpus['belarus_relevant'].sum()):,} of {len(corpus):,}).")
else:
    display(pd.crosstab(corpus["source"], corpus["belarus_relevant"], margins=True))
    off = corpus[~corpus["belarus_relevant"]]
    print(f"{len(off):,} of {len(corpus):,} articles ({len(off) / len(corpus):.1%}) match "
          f"none of the relevance terms of {study.relevance_terms.name}.")
    if study.is_default:
        rss = off[off["source"] == "rss-belarus"]
        inside_word = rss["text"].str.contains(r"\wmińsk", case=False, regex=True)
        print(f"Of them, {len(rss):,} are RSS items, which were selected upstream by a loose "
              f"regular expression; {inside_word.sum():,} contain 'mińsk' inside another "
              "word (Kamiński, warmińsko-mazurskie).")

# %% [markdown]
# ## How even is the coverage?

# %%
sizes = corpus["outlet_group"].value_counts()
outlet_sizes = corpus["outlet"].value_counts()
least = study.thresholds.contrast_min_articles
top = sizes.index[0]
print(f"The largest group, {GROUP.get(top, top)}, holds {sizes.iloc[0]:,} of {len(corpus):,} "
      f"articles ({sizes.iloc[0] / len(corpus):.1%}); the smallest, "
      f"{GROUP.get(sizes.index[-1], sizes.index[-1])}, {sizes.iloc[-1]:,}.")
small = sizes[sizes < least]
print(f"{len(small)} of {len(sizes)} groups have fewer than {least} articles, too few to "
      "contrast (thresholds.contrast_min_articles)"
      + (": " + ", ".join(f"{GROUP.get(g, g)} ({n})" for g, n in small.items()) if len(small)
         else "") + ".")
catch_all = [g for g in ("other", "unknown") if g in sizes.index]
if catch_all:
    print("The catch-all group(s) " + ", ".join(f"{GROUP.get(g, g)} ({sizes[g]:,} articles)"
                                                for g in catch_all)
          + " share no alignment and are left out of the group contrasts.")
print(f"Outlets: from {outlet_sizes.iloc[0]:,} articles "
      f"({OUTLET.get(outlet_sizes.index[0], outlet_sizes.index[0])}) to {outlet_sizes.iloc[-1]:,}"
      f" ({OUTLET.get(outlet_sizes.index[-1], outlet_sizes.index[-1])}); "
      f"{int((outlet_sizes < least).sum())} of {len(outlet_sizes)} outlets have fewer than "
      f"{least}.")

# %% [markdown]
# ## Caveats
#
# - **Text level.** A measure computed on a headline and lede describes headline and lede
#   language, not the whole article (the text-level counts above).
# - **Event labels are noisy.** A dataset's own labels, an event column and a keyword +
#   window rule all assign articles by their wording: an article can be assigned to an
#   event it mentions only in passing, and be missed when it uses other words.
# - **Selection.** A corpus selected upstream by keywords holds articles that mention the
#   topic in passing; the relevance flag (above) catches only what its terms name.
# - **Uneven coverage.** Groups and outlets contribute very different numbers of articles
#   (counted above): comparisons must be made within events and with per-outlet n in view.
