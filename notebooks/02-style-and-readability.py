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
# # 02 · Style and readability
#
# **Question.** Do the outlets write differently: longer or shorter sentences, harder or
# easier text by the standard readability formulas, a richer or poorer vocabulary, more or
# less quoted speech? And does a difference survive when the story is held fixed, that is,
# when outlets are compared only on the events both covered?
#
# **Data.** The processed corpus (notebook 01) and its per-article features
# (`make features`, family `lex__`), summarised by the comparison tables
# `estimates_by_outlet`, `estimates_by_outlet_group` and `contrasts_by_outlet_group`
# (`make compare`). The texts are RUWA headlines and ledes (Khairova et al. 2023), RSS
# headlines and feed descriptions, and two full articles.
#
# **Method.**
# - *Readability* reproduces textstat 0.7.13 exactly (same tokens, sentences and
#   syllables): Flesch reading ease (Flesch 1948), Flesch–Kincaid grade (Kincaid et al.
#   1975), Gunning fog (Gunning 1952), SMOG (McLaughlin 1969), Coleman–Liau (Coleman &
#   Liau 1975), the automated readability index (Senter & Smith 1967), Dale–Chall (Dale &
#   Chall 1948) and LIX (Björnsson 1968). All but LIX rest on English syllables or English
#   word lists, so only LIX is computed for Polish; a bare headline has no sentence-based
#   score.
# - *Lexical diversity*: the moving-average type–token ratio, MATTR, over 50-word windows
#   (Covington & McFall 2010), and MTLD (McCarthy & Jarvis 2010), which needs 100 words;
#   *quoting*: the share of words inside quotation marks.
# - *Estimates* per outlet and group: article means with a 95% percentile bootstrap
#   interval, two-stage (events, then articles) where a unit's articles span events
#   (Efron & Tibshirani 1993; Field & Welsh 2007).
# - *Contrasts* between groups, **pooled** (all articles) and **within event** (only
#   events both groups covered with enough articles, every event weighted equally): the
#   difference with a bootstrap CI, Hedges' g (Hedges 1981) for continuous measures or
#   Cliff's δ (Cliff 1993) for counts, a permutation p-value with the group labels shuffled
#   within events (across articles when pooled; Good 2005), and the Benjamini & Hochberg
#   (1995) q over all `lex__` tests at the same level and scope.

# %%
# %matplotlib inline
import inspect

import pandas as pd
from IPython.display import display

import analysis
from analysis.build import Data, figure
from analysis.compare import feature_frame
from analysis.plots import plot_readability_by_outlet

data = Data()
corpus = data.corpus
outlets = data.outlets
GROUP = outlets.drop_duplicates("outlet_group").set_index("outlet_group")["group_name"]
OUTLET = outlets.set_index("outlet")["outlet_name"]
#: units with fewer articles than the figure's threshold are left out of tables too
MIN_N = inspect.signature(plot_readability_by_outlet).parameters["min_articles"].default

estimates = data.table("estimates_by_outlet_group")
contrasts = data.table("contrasts_by_outlet_group")
by_feature = estimates.groupby("feature")["n_articles"].sum()
print(f"{len(corpus):,} articles; Flesch reading ease applies to "
      f"{by_feature['lex__flesch_reading_ease']:,} (English, with at least one full "
      f"sentence), LIX to {by_feature['lex__lix']:,}, MATTR to {by_feature['lex__mattr']:,} "
      f"and MTLD to {by_feature['lex__mtld']:,}.")


def with_ci(mean, low, high, digits=2):
    """'mean [low, high]' for display."""
    return f"{mean:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


NAMES = {"flesch_reading_ease": "Flesch reading ease", "flesch_kincaid_grade": "Flesch–Kincaid",
         "gunning_fog": "Gunning fog", "smog_index": "SMOG", "coleman_liau_index": "Coleman–Liau",
         "automated_readability_index": "ARI", "dale_chall_readability_score": "Dale–Chall",
         "lix": "LIX", "mean_sentence_length": "sentence length", "mattr": "MATTR",
         "mtld": "MTLD", "quoted_share": "quoted share"}


def label(feature):
    return NAMES.get(feature.split("__", 1)[1], feature)


# %% [markdown]
# ## What text the measures see
#
# Readability formulas need sentences. The outlet groups differ in how much of each
# article the corpus holds (a bare headline, a headline with its lede), and that is
# decided by the dataset an outlet came from, not by the outlet.

# %%
levels = pd.crosstab([corpus["outlet_group"].map(GROUP), corpus["source"]],
                     corpus["text_level"])
display(levels)
lede = corpus.groupby("outlet_group")["text_level"].apply(lambda s: (s == "lede").mean())
print("Share of articles with a lede: " + "; ".join(
    f"{GROUP[g]} {share:.1%}" for g, share in lede.sort_values().items()))
by_outlet = corpus.groupby(["source", "outlet"])["text_level"].agg(
    n="size", lede=lambda s: (s == "lede").mean())
ruwa = by_outlet.loc["ruwa"]
print("RUWA outlets with ledes: " + ", ".join(
    f"{OUTLET[o]} ({r.lede:.0%} of {int(r.n):,})" for o, r in ruwa[ruwa["lede"] >= 0.5].iterrows())
    + "; mostly bare headlines: " + ", ".join(
    f"{OUTLET[o]} ({1 - r.lede:.0%} of {int(r.n):,})" for o, r in ruwa[ruwa["lede"] < 0.5].iterrows())
    + ".")
rss = corpus[corpus["source"] == "rss-belarus"]
print(f"RSS items with a feed description (lede): {(rss['text_level'] == 'lede').mean():.0%} "
      f"of {len(rss):,}.")

# %% [markdown]
# ## Readability and style by outlet

# %%
# the same function the build uses for figures/readability_by_outlet.*
readability, fig = figure("readability_by_outlet", data)
fig

# %%
shown = readability[readability["n_articles"] >= MIN_N]
for feature in ["lex__flesch_reading_ease", "lex__mean_sentence_length", "lex__mattr"]:
    part = shown[shown["feature"] == feature].sort_values("mean")
    low, high = part.iloc[0], part.iloc[-1]
    name = label(feature)
    print(f"{name[0].upper()}{name[1:]} ({len(part)} outlets with ≥ {MIN_N} articles): "
          f"lowest {OUTLET[low.unit]} {with_ci(low['mean'], low.ci_low, low.ci_high)} "
          f"(n = {low.n_articles:,}), highest {OUTLET[high.unit]} "
          f"{with_ci(high['mean'], high.ci_low, high.ci_high)} (n = {high.n_articles:,}).")

# %% [markdown]
# ## Outlet groups
#
# Mean with 95% (cluster) bootstrap interval and, below, the articles each rests on;
# a dash where fewer articles than the figure's threshold have the measure.

# %%
LEX = ["lex__flesch_reading_ease", "lex__flesch_kincaid_grade", "lex__gunning_fog",
       "lex__lix", "lex__mean_sentence_length", "lex__mattr", "lex__quoted_share"]
rows = estimates[estimates["feature"].isin(LEX)].copy()
DIGITS = {"lex__mattr": 3, "lex__quoted_share": 3}
rows["cell"] = [with_ci(r["mean"], r.ci_low, r.ci_high, DIGITS.get(r.feature, 2))
                if r.n_articles >= MIN_N else "–" for _, r in rows.iterrows()]
rows["group"] = rows["unit"].map(GROUP)
order = [GROUP[g] for g in GROUP.index if g in set(rows["unit"])]
cells = rows.pivot(index="group", columns="feature", values="cell").loc[order, LEX]
counts = rows.pivot(index="group", columns="feature", values="n_articles").loc[order, LEX]
display(cells.rename(columns=label))
display(counts.rename(columns=label))

# %%
quoting = estimates[(estimates["feature"] == "lex__quoted_share")
                    & (estimates["n_articles"] >= MIN_N)].sort_values("mean")
top = quoting.iloc[-1]
print(f"Most quoted speech: {GROUP[top.unit]}, {top['mean']:.1%} of words inside quotation "
      f"marks [{top.ci_low:.1%}, {top.ci_high:.1%}], n = {top.n_articles:,}.")

# %% [markdown]
# ## Does it survive holding the story fixed?
#
# For Russian state outlets against each other group with enough English articles:
# the pooled difference (which also reflects *which* stories a group covered) next to the
# within-event difference (only the events both covered). `diff` is a − b; within
# events, `mean_a` and `mean_b` are event-weighted means. Rows where either side has fewer
# than the threshold's articles with the measure are left out.

# %%
READ = ["lex__flesch_reading_ease", "lex__flesch_kincaid_grade", "lex__gunning_fog",
        "lex__smog_index", "lex__coleman_liau_index", "lex__automated_readability_index",
        "lex__dale_chall_readability_score", "lex__lix", "lex__mean_sentence_length",
        "lex__mattr", "lex__quoted_share"]
PAIRS = [("russian-state", "western"), ("russian-state", "ukrainian-state"),
         ("russian-state", "ukrainian-private"), ("qatari-state", "russian-state")]
pair_rows = contrasts[contrasts[["a", "b"]].apply(tuple, axis=1).isin(PAIRS)
                      & contrasts["feature"].isin(READ)].copy()
pair_rows = pair_rows[(pair_rows["n_a"] >= MIN_N) & (pair_rows["n_b"] >= MIN_N)]
pair_rows["pair"] = pair_rows["a"].map(GROUP) + " − " + pair_rows["b"].map(GROUP)
pair_rows["diff [95% CI]"] = [with_ci(r["diff"], r.ci_low, r.ci_high, DIGITS.get(r.feature, 2))
                              for _, r in pair_rows.iterrows()]
pair_rows["n a / b"] = [f"{r.n_a:,} / {r.n_b:,}" for _, r in pair_rows.iterrows()]
wide = pair_rows.pivot_table(
    index=["pair", "feature"], columns="scope", aggfunc="first",
    values=["diff [95% CI]", "effect", "q_bh", "n a / b", "n_events"])
wide = wide.swaplevel(axis=1)[[("pooled", c) for c in ("diff [95% CI]", "effect", "q_bh",
                                                        "n a / b")]
                              + [("within_event", c) for c in ("diff [95% CI]", "effect",
                                                               "q_bh", "n a / b", "n_events")]]
wide = wide.reindex([(p, f) for p in pair_rows["pair"].unique() for f in READ
                     if (p, f) in wide.index])
with pd.option_context("display.max_rows", 100, "display.float_format", "{:.3f}".format):
    display(wide.rename(index=label, level=1))
print(f"effect: Hedges' g; p from {int(pair_rows['n_perm'].iloc[0]):,} permutations (so no "
      f"p below {1 / (pair_rows['n_perm'].iloc[0] + 1):.3f}), CIs from "
      f"{int(pair_rows['n_boot'].iloc[0]):,} bootstrap replicates.")

# %% [markdown]
# Which differences hold within events? A difference *holds* when its within-event
# interval excludes zero and q < 0.05, in the direction of the pooled one.

# %%
ALPHA = 0.05
KEY = ["lex__flesch_reading_ease", "lex__mean_sentence_length", "lex__quoted_share"]
for pair, part in pair_rows.groupby("pair", sort=False):
    pooled = part[part["scope"] == "pooled"].set_index("feature")
    within = part[part["scope"] == "within_event"].set_index("feature")
    common = [f for f in READ if f in pooled.index and f in within.index]
    significant = (within["q_bh"] < ALPHA) & ((within["ci_low"] > 0) | (within["ci_high"] < 0))
    holds = [f for f in common if significant[f]
             and (within.at[f, "diff"] > 0) == (pooled.at[f, "diff"] > 0)]
    reverses = [f for f in common if significant[f] and f not in holds]
    fades = [f for f in common if f not in holds and f not in reverses
             and pooled.at[f, "q_bh"] < ALPHA]
    smaller = [f for f in holds if abs(within.at[f, "diff"]) < abs(pooled.at[f, "diff"])]
    text = (f"{pair} ({int(within['n_events'].iloc[0])} shared events): of {len(common)} "
            f"measures, {len(holds)} hold within events")
    if holds:
        text += ": " + ", ".join(label(f) for f in holds)
        text += f"; {len(smaller)} of them smaller than pooled"
        details = [
            f"{label(f)} {within.at[f, 'diff']:+.{DIGITS.get(f, 2)}f} "
            f"[{within.at[f, 'ci_low']:+.{DIGITS.get(f, 2)}f}, "
            f"{within.at[f, 'ci_high']:+.{DIGITS.get(f, 2)}f}] "
            f"(pooled {pooled.at[f, 'diff']:+.{DIGITS.get(f, 2)}f}), "
            f"g {within.at[f, 'effect']:+.2f}, q {within.at[f, 'q_bh']:.3f}, "
            f"n {within.at[f, 'n_a']:,} vs {within.at[f, 'n_b']:,}"
            for f in holds if f in KEY]
        if details:
            text += ". Within events, a − b: " + "; ".join(details)
    if reverses:
        text += ". Reversed within events: " + ", ".join(label(f) for f in reverses)
    if fades:
        text += ". Pooled only (no within-event difference): " + ", ".join(
            label(f) for f in fades)
    print(text + ".\n")

# %% [markdown]
# Who is on each side of a within-event contrast? Only the outlets with articles on the
# shared events, and only articles the measure applies to, enter it: a group's
# within-event side can be one or two of its outlets.

# %%
frame = feature_frame(corpus, analysis.load_features())
for pair in PAIRS:
    row = contrasts[(contrasts["a"] == pair[0]) & (contrasts["b"] == pair[1])
                    & (contrasts["scope"] == "within_event")
                    & (contrasts["feature"] == "lex__flesch_reading_ease")].iloc[0]
    part = frame[frame["outlet_group"].isin(pair) & frame["event_id"].isin(row.events.split())]
    n = part.groupby(["outlet_group", "outlet"])["lex__flesch_reading_ease"].count()
    sides = []
    for group in pair:
        members = n[group][n[group] > 0].sort_values(ascending=False)
        sides.append(f"{GROUP[group]}: " + ", ".join(
            f"{OUTLET[o]} {k:,}" for o, k in members.items()))
    print(f"Flesch reading ease within events, {' vs '.join(sides)}")

# %% [markdown]
# ## Caveats
#
# - **Headlines and ledes, not articles.** Apart from two seed articles, every text is a
#   headline, a lede, or a headline with a feed description; sentence-based measures rest
#   on one or two sentences per article, and MTLD (100+ words) applies to almost none.
# - **Text level differs by dataset and outlet.** Within RUWA some outlets come with ledes
#   and others as bare headlines, and the RSS items carry a headline and (mostly) a feed
#   description (the counts at the top); a group whose articles come mostly from one
#   source is measured on a different kind of text than a group from the other. The
#   within-event rows compare RUWA outlets on RUWA events, often only a few outlets per
#   side (the composition printed above), so they say more about those outlets than about
#   the whole group.
# - **English formulas.** All readability formulas except LIX assume English syllables or
#   English word lists; Polish outlets have LIX only, and LIX values of Polish and English
#   texts are not comparable (Polish words are longer).
# - **Quoting and single marks.** Double marks of every convention count as quotation,
#   and so do single marks, typographic (‘…’) and straight ('…'), which double as
#   apostrophes: a single mark opens a quotation only at the start of a word and closes it
#   only at the end of one. That rule errs where a possessive plural sits inside a
#   quotation ('the soldiers' wives' ends after "soldiers") or an elision starts a word
#   ('90s, 'n'). Two straight marks used as one double mark (''…'', in three Polish
#   items) count as a double mark.
# - **Surface features.** The formulas count words, syllables and sentence lengths; they
#   do not measure comprehension, and on news ledes a long sentence often reflects the
#   lede convention (who, what, where in one sentence) more than difficulty.
# - **Multiple comparisons.** q controls the false discovery rate across all `lex__` tests
#   at one level and scope; many of the measures are strongly correlated with each other,
#   so several "holding" readability formulas are one finding, not several.
