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
# (`make compare`) of the study the notebook is run for (its title is printed below). How
# much text each article has (full, lede, headline) is counted below, per outlet, for
# every comparison.
#
# **Method.**
# - *Readability* reproduces textstat 0.7.13 exactly (same tokens, sentences and
#   syllables): Flesch reading ease (Flesch 1948), Flesch–Kincaid grade (Kincaid et al.
#   1975), Gunning fog (Gunning 1952), SMOG (McLaughlin 1969), Coleman–Liau (Coleman &
#   Liau 1975), the automated readability index (Senter & Smith 1967), Dale–Chall (Dale &
#   Chall 1948) and LIX (Björnsson 1968). All but LIX rest on English syllables or English
#   word lists, so only LIX is computed for texts in other languages; a bare headline has
#   no sentence-based score.
# - *Lexical diversity*: the moving-average type–token ratio, MATTR, over 50-word windows
#   (Covington & McFall 2010), and MTLD (McCarthy & Jarvis 2010), which needs 100 words;
#   *quoting*: the share of words inside quotation marks.
# - *Estimates* per outlet and group: article means with a 95% percentile bootstrap
#   interval, two-stage (events, then articles) where a unit's articles span events
#   (Efron & Tibshirani 1993; Field & Welsh 2007).
# - *Contrasts* between groups, **pooled** (all articles), **within event** (only events
#   both groups covered with enough articles each, every event weighted equally: the
#   difference with a bootstrap CI, Hedges' g (Hedges 1981) for continuous measures or
#   Cliff's δ (Cliff 1993) for counts, a permutation p-value with the group labels shuffled
#   within events; Good 2005) and **paired by event** (for designs where each side covers
#   an event only a few times: the mean of the per-event differences, bootstrapped over
#   events, a sign-flip test and the paired d_z). The Benjamini & Hochberg (1995) q is
#   taken over all `lex__` tests at the same level and scope.


# %%
# %matplotlib inline
import inspect

import pandas as pd
from IPython.display import display

import analysis
from analysis.build import Data, figure, figure_specs, group_pairs
from analysis.compare import feature_frame
from analysis.compare.contrasts import same_event_scopes
from analysis.compare.levels import in_words
from analysis.compare.run import Skip
from analysis.corpus.text import LEVEL_PLURAL, TEXT_LEVELS
from analysis.plots import plot_readability_by_outlet

study = analysis.current_study()
print(f"Study: {study.title}")
data = Data()
corpus = data.corpus
outlets = data.outlets
GROUP = outlets.drop_duplicates("outlet_group").set_index("outlet_group")["group_name"]
OUTLET = outlets.set_index("outlet")["outlet_name"]
#: units with fewer articles than the figure's threshold are left out of tables too
MIN_N = inspect.signature(plot_readability_by_outlet).parameters["min_articles"].default
#: a contrast row needs this many articles with the measure on each side
MIN_SIDE = min(MIN_N, study.thresholds.contrast_min_articles)

estimates = data.table("estimates_by_outlet_group")
try:
    contrasts = data.table("contrasts_by_outlet_group")
except Skip as why:
    contrasts = None
    print(f"No group contrasts for this study: {why}")
by_feature = estimates.groupby("feature")["n_articles"].sum()
print(f"{len(corpus):,} articles; Flesch reading ease applies to "
      f"{by_feature.get('lex__flesch_reading_ease', 0):,} (English, with at least one full "
      f"sentence), LIX to {by_feature.get('lex__lix', 0):,}, MATTR to "
      f"{by_feature.get('lex__mattr', 0):,} and MTLD to {by_feature.get('lex__mtld', 0):,}.")


def with_ci(mean, low, high, digits=2):
    """'mean [low, high]' for display."""
    return f"{mean:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


NAMES = {"flesch_reading_ease": "Flesch reading ease", "flesch_kincaid_grade": "Flesch–Kincaid",
         "gunning_fog": "Gunning fog", "smog_index": "SMOG", "coleman_liau_index": "Coleman–Liau",
         "automated_readability_index": "ARI", "dale_chall_readability_score": "Dale–Chall",
         "lix": "LIX", "mean_sentence_length": "sentence length", "mattr": "MATTR",
         "mtld": "MTLD", "quoted_share": "quoted share"}
EFFECT = {"hedges_g": "Hedges' g", "cliffs_delta": "Cliff's δ", "paired_d_z": "paired d_z"}


def label(feature):
    return NAMES.get(feature.split("__", 1)[1], feature)


# %% [markdown]
# ## Which pairs, and which scope
#
# The pairs discussed: the study's headline pair (`[comparisons] headline`, else its two
# largest outlet groups, as the build chooses for the headline table) first, then the
# outlet-group pairs the study names (`[comparisons] pairs`), or, if it names none, every
# pair in the contrast table (with `[comparisons] reference`, the table holds only the
# pairs with that group). For each pair, the *same-event* scope read is
# `within_event` when its rows rest on `thresholds.paired_min_events` or more events, else
# `paired_events` (the event-level contrast of a paired or small design); a pair with
# neither has only the pooled comparison.

# %%
specs = figure_specs(data)


PAIRS = [] if contrasts is None else group_pairs(data, contrasts)
SCOPES = {} if contrasts is None else same_event_scopes(
    contrasts, study.thresholds.paired_min_events, prefix="lex__")
SCOPE = {p: SCOPES.get(p) for p in PAIRS}
for (a, b), scope in SCOPE.items():
    print(f"{GROUP.get(a, a)} vs {GROUP.get(b, b)}: "
          + (f"same-event scope {scope}" if scope else "pooled only (no shared events with "
             "enough articles)"))
if not PAIRS:
    print("No pair of outlet groups to compare.")

# %% [markdown]
# The headline table the build writes for the headline pair (`tables/contrasts_<a>_vs_<b>`,
# every family's key measures in the scope the build reads: within event, else paired);
# the readability rows are discussed below.

# %%
name = next((n for n in specs if n.startswith("contrasts_")), None)
try:
    if name is None:
        raise Skip("the study has no headline pair (fewer than two outlet groups)")
    headline_table, _ = figure(name, data)
    with pd.option_context("display.max_rows", 100, "display.float_format", "{:.3f}".format):
        display(headline_table.set_index("feature"))
    events_used = int(headline_table["n_events"].max())
    print(f"The headline table rests on {events_used} shared event(s), "
          + ("paired by event" if (headline_table["effect_measure"] == "paired_d_z").all()
             else "within event") + ".")
except Skip as why:
    print(f"No headline contrast table: {why}")

# %% [markdown]
# ## What text the measures see
#
# Readability formulas need sentences. How much of each article the corpus holds (a bare
# headline, a headline with its lede, a full text) can differ by outlet group, and it is
# decided by the source an outlet came from, not by the outlet.

# %%
levels = pd.crosstab([corpus["outlet_group"].map(GROUP), corpus["source"]],
                     corpus["text_level"])
display(levels)
share = corpus.groupby("outlet_group")["text_level"].value_counts(normalize=True).unstack(
    fill_value=0).reindex(columns=list(TEXT_LEVELS), fill_value=0)
print("Share of articles with more than a headline (lede or full text): " + "; ".join(
    f"{GROUP.get(g, g)} {1 - r.headline:.1%}" for g, r in share.sort_values("headline",
                                                                          ascending=False)
    .iterrows()) + ".")
compared = share.loc[share.index.isin({g for pair in PAIRS for g in pair})]
if len(compared) >= 2:
    spread = compared["headline"].max() - compared["headline"].min()
    print(f"Among the compared groups the share of bare headlines differs by up to "
          f"{spread * 100:.0f} percentage points: "
          + ("they are measured on different kinds of text, so the comparisons below stay "
             "within the levels both sides share." if spread >= 0.2 else
             "their text levels are similar (the comparisons below still stay within the "
             "levels both sides share)."))
by_outlet = corpus.groupby(["source", "outlet"])["text_level"].agg(
    n="size", headline=lambda s: (s == "headline").mean())
for source, part in by_outlet.groupby(level="source"):
    part = part.droplevel("source")
    bare = part[part["headline"] >= 0.5]
    print(f"Input {source}: {int(part['n'].sum()):,} articles from {len(part)} outlets; "
          + (("mostly bare headlines: " + ", ".join(
              f"{OUTLET.get(o, o)} ({r.headline:.0%} of {int(r.n):,})"
              for o, r in bare.iterrows())) if len(bare) else "no outlet is mostly bare "
             "headlines") + ".")

# %% [markdown]
# ## Readability and style by outlet

# %%
# the same function the build uses for figures/readability_by_outlet.*
try:
    readability, fig = figure("readability_by_outlet", data)
except Skip as why:
    readability = None
    print(f"No readability figure: {why}")
else:
    LEVEL = readability["text_level"].iloc[0]
    print(f"The figure compares outlets on one text level, their {LEVEL_PLURAL[LEVEL]} (the "
          "level most outlets have): a mean over a mix of ledes and bare headlines would "
          "partly measure the mix. Outlets without it are not in the figure.")
    display(fig)

# %%
shown = (readability[readability["n_articles"] >= MIN_N] if readability is not None
         else estimates.iloc[:0])
for feature in ["lex__flesch_reading_ease", "lex__mean_sentence_length", "lex__mattr"]:
    part = shown[shown["feature"] == feature].sort_values("mean")
    name = label(feature)
    if len(part) < 2:
        print(f"{name[0].upper()}{name[1:]}: fewer than two outlets with {MIN_N}+ articles "
              "with the measure, nothing to rank.")
        continue
    low, high = part.iloc[0], part.iloc[-1]
    print(f"{name[0].upper()}{name[1:]} ({len(part)} outlets with ≥ {MIN_N} "
          f"{LEVEL_PLURAL[LEVEL]}): "
          f"lowest {OUTLET[low.unit]} {with_ci(low['mean'], low.ci_low, low.ci_high)} "
          f"(n = {low.n_articles:,}), highest {OUTLET[high.unit]} "
          f"{with_ci(high['mean'], high.ci_low, high.ci_high)} (n = {high.n_articles:,})"
          + ("; their intervals overlap." if low.ci_high >= high.ci_low else "."))

# %% [markdown]
# ## Outlet groups
#
# Mean with 95% (cluster) bootstrap interval and, below, the articles each rests on;
# a dash where fewer articles than the figure's threshold have the measure. Each text
# level is estimated apart (like with like): compare groups within a level, not across.

# %%
LEX = ["lex__flesch_reading_ease", "lex__flesch_kincaid_grade", "lex__gunning_fog",
       "lex__lix", "lex__mean_sentence_length", "lex__mattr", "lex__quoted_share"]
rows = estimates[estimates["feature"].isin(LEX)].copy()
DIGITS = {"lex__mattr": 3, "lex__quoted_share": 3}
rows["cell"] = [with_ci(r["mean"], r.ci_low, r.ci_high, DIGITS.get(r.feature, 2))
                if r.n_articles >= MIN_N else "–" for _, r in rows.iterrows()]
rows["group"] = rows["unit"].map(GROUP)
rows["text level"] = rows["text_level"]
order = [(GROUP[g], level) for g in GROUP.index for level in TEXT_LEVELS
         if ((rows["unit"] == g) & (rows["text_level"] == level)).any()]
cells = rows.pivot(index=["group", "text level"], columns="feature", values="cell").reindex(
    order, columns=LEX)
counts = rows.pivot(index=["group", "text level"], columns="feature",
                    values="n_articles").reindex(order, columns=LEX)
display(cells.rename(columns=label))
display(counts.rename(columns=label))

# %%
for level in TEXT_LEVELS:
    quoting = estimates[(estimates["feature"] == "lex__quoted_share")
                        & (estimates["text_level"] == level)
                        & (estimates["n_articles"] >= MIN_N)].sort_values("mean")
    if quoting.empty:
        continue
    top = quoting.iloc[-1]
    print(f"{LEVEL_PLURAL[level].capitalize()}: "
          + ("most quoted speech" if len(quoting) > 1 else "quoted speech (the only group "
             f"with {MIN_N}+ {LEVEL_PLURAL[level]})")
          + f": {GROUP[top.unit]}, {top['mean']:.1%} of words inside "
          f"quotation marks [{top.ci_low:.1%}, {top.ci_high:.1%}], n = {top.n_articles:,}"
          + (f"; least: {GROUP[quoting.iloc[0].unit]}, {quoting.iloc[0]['mean']:.1%}."
             if len(quoting) > 1 else "."))

# %% [markdown]
# ## Does it survive holding the story fixed?
#
# For each pair: the pooled difference (which also reflects *which* stories a group
# covered) next to the same-event difference (only the events both covered; scope as
# chosen above). Both compare only the text levels the two groups share, each level a
# stratum weighted equally (`text levels` and `adjustment` below say which). `diff` is
# a − b; `mean_a` and `mean_b` are stratum-weighted means. Rows where either side has fewer articles with the measure than the figure's
# threshold (or the study's `contrast_min_articles`, if lower) are left out.

# %%
READ = ["lex__flesch_reading_ease", "lex__flesch_kincaid_grade", "lex__gunning_fog",
        "lex__smog_index", "lex__coleman_liau_index", "lex__automated_readability_index",
        "lex__dale_chall_readability_score", "lex__lix", "lex__mean_sentence_length",
        "lex__mattr", "lex__quoted_share"]
chosen = [contrasts[(contrasts["a"] == a) & (contrasts["b"] == b)
                    & contrasts["scope"].isin(["pooled", SCOPE[(a, b)]])]
          for a, b in PAIRS]
pair_rows = pd.concat(chosen) if chosen else pd.DataFrame(columns=["feature", "n_a", "n_b", "diff"])
pair_rows = pair_rows[pair_rows["feature"].isin(READ) & pair_rows["diff"].notna()
                      & (pair_rows["n_a"] >= MIN_SIDE) & (pair_rows["n_b"] >= MIN_SIDE)].copy()
if pair_rows.empty:
    print(f"No readability contrast with {MIN_SIDE}+ articles on each side.")
else:
    pair_rows["pair"] = pair_rows["a"].map(GROUP) + " − " + pair_rows["b"].map(GROUP)
    pair_rows["view"] = pair_rows["scope"].where(pair_rows["scope"] == "pooled", "same events")
    pair_rows["diff [95% CI]"] = [with_ci(r["diff"], r.ci_low, r.ci_high,
                                          DIGITS.get(r.feature, 2))
                                  for _, r in pair_rows.iterrows()]
    pair_rows["n a / b"] = [f"{r.n_a:,} / {r.n_b:,}" for _, r in pair_rows.iterrows()]
    pair_rows["text levels"] = pair_rows["text_levels"].str.replace("|", ", ")
    wide = pair_rows.pivot_table(
        index=["pair", "feature"], columns="view", aggfunc="first",
        values=["diff [95% CI]", "effect", "q_bh", "n a / b", "n_events", "scope",
                "text levels"])
    wide = wide.swaplevel(axis=1)
    columns = [("pooled", c) for c in ("text levels", "diff [95% CI]", "effect", "q_bh",
                                       "n a / b")]
    columns += [("same events", c) for c in ("scope", "text levels", "diff [95% CI]",
                                             "effect", "q_bh", "n a / b", "n_events")]
    wide = wide.reindex(columns=[c for c in columns if c in wide.columns])
    wide = wide.reindex([(p, f) for p in pair_rows["pair"].unique() for f in READ
                         if (p, f) in wide.index])
    with pd.option_context("display.max_rows", 100, "display.float_format", "{:.3f}".format):
        display(wide.rename(index=label, level=1))
    for pair, part in pair_rows.groupby("pair", sort=False):
        for view, rows_ in part.groupby("view", sort=False):
            print(f"{pair}, {view}: compared on {in_words(rows_)}.")
    apart = [(a, b) for a, b in PAIRS if contrasts[(contrasts["a"] == a)
             & (contrasts["b"] == b)]["note"].fillna("").str.startswith("no text level").any()]
    for a, b in apart:
        notes = contrasts[(contrasts["a"] == a) & (contrasts["b"] == b)
                          & contrasts["note"].fillna("").str.startswith("no text level")]
        print(f"Not compared ({', '.join(notes['scope'].unique())}): {GROUP.get(a, a)} vs "
              f"{GROUP.get(b, b)}: {notes['note'].iloc[0]}.")
    effects = pair_rows.groupby("scope")["effect_measure"].agg(lambda s: ", ".join(
        sorted({EFFECT.get(m, m) for m in s.dropna()})))
    print("effect: " + "; ".join(f"{m} ({scope})" for scope, m in effects.items())
          + f"; p from {int(pair_rows['n_perm'].iloc[0]):,} permutations (so no p below "
          f"{1 / (pair_rows['n_perm'].iloc[0] + 1):.3f})"
          + (", or, paired, from sign flips over events"
             if (pair_rows["scope"] == "paired_events").any() else "") + "; CIs from "
          f"{int(pair_rows['n_boot'].iloc[0]):,} bootstrap replicates.")

# %% [markdown]
# Which differences hold on the same events? A difference *holds* when its same-event
# interval excludes zero and q < 0.05, in the direction of the pooled one.

# %%
ALPHA = 0.05
KEY = ["lex__flesch_reading_ease", "lex__mean_sentence_length", "lex__quoted_share"]
for pair, part in (pair_rows.groupby("pair", sort=False) if len(pair_rows) else []):
    pooled = part[part["scope"] == "pooled"].set_index("feature")
    within = part[part["scope"] != "pooled"].set_index("feature")
    if within.empty:
        print(f"{pair}: no same-event comparison (too few shared events or articles: "
              f"thresholds.within_event_min_per_side = "
              f"{study.thresholds.within_event_min_per_side}, paired_min_events = "
              f"{study.thresholds.paired_min_events}); pooled only.\n")
        continue
    scope = within["scope"].iloc[0]
    common = [f for f in READ if f in pooled.index and f in within.index]
    significant = (within["q_bh"] < ALPHA) & ((within["ci_low"] > 0) | (within["ci_high"] < 0))
    holds = [f for f in common if significant[f]
             and (within.at[f, "diff"] > 0) == (pooled.at[f, "diff"] > 0)]
    reverses = [f for f in common if significant[f] and f not in holds]
    fades = [f for f in common if f not in holds and f not in reverses
             and pooled.at[f, "q_bh"] < ALPHA]
    smaller = [f for f in holds if abs(within.at[f, "diff"]) < abs(pooled.at[f, "diff"])]
    text = (f"{pair} ({scope}, {int(within['n_events'].max())} shared events): of "
            f"{len(common)} measures, "
            + (f"{len(holds)} hold on the same events" if holds else
               f"none holds on the same events (no q < {ALPHA} with an interval excluding "
               "zero)"))
    if holds:
        text += ": " + ", ".join(label(f) for f in holds)
        text += f"; {len(smaller)} of them smaller than pooled"
        details = [
            f"{label(f)} {within.at[f, 'diff']:+.{DIGITS.get(f, 2)}f} "
            f"[{within.at[f, 'ci_low']:+.{DIGITS.get(f, 2)}f}, "
            f"{within.at[f, 'ci_high']:+.{DIGITS.get(f, 2)}f}] "
            f"(pooled {pooled.at[f, 'diff']:+.{DIGITS.get(f, 2)}f}), "
            f"{EFFECT.get(within.at[f, 'effect_measure'], 'effect')} "
            f"{within.at[f, 'effect']:+.2f}, q {within.at[f, 'q_bh']:.3f}, "
            f"n {within.at[f, 'n_a']:,} vs {within.at[f, 'n_b']:,}"
            for f in holds if f in KEY]
        if details:
            text += ". Same events, a − b: " + "; ".join(details)
    if reverses:
        text += ". Reversed on the same events: " + ", ".join(label(f) for f in reverses)
    if fades:
        text += ". Pooled only (no same-event difference): " + ", ".join(
            label(f) for f in fades)
    elif not holds and not (pooled.loc[common, "q_bh"] < ALPHA).any():
        text += "; no pooled difference has q < 0.05 either"
    excluded = [f for f in common if not significant[f]
                and (within.at[f, "ci_low"] > 0 or within.at[f, "ci_high"] < 0)]
    if excluded:
        text += (f". {len(excluded)}{' more' if holds else ''} have a same-event interval "
                 "excluding zero but "
                 f"q ≥ {ALPHA}: " + ", ".join(label(f) for f in excluded))
    n_events = int(within["n_events"].max())
    if scope == "paired_events" and n_events <= 10:
        text += (f" (with {n_events} events, the exact sign-flip p cannot fall below "
                 f"{2 ** (1 - n_events):.3f})")
    print(text + ".\n")

# %% [markdown]
# Who is on each side, and with what text? Only the outlets with articles on the shared
# events, and only articles the measure applies to, enter a same-event contrast: a group's
# side can be one or two of its outlets. Per outlet: the articles with Flesch reading ease
# (all of them, as pooled, and on the shared events), by text level.

# %%
frame = feature_frame(corpus, analysis.load_features())
FEATURE = "lex__flesch_reading_ease"


def sides(pair, events=None, feature=FEATURE):
    """Articles with `feature` per group and outlet of `pair` (on `events`), by text level."""
    part = frame[frame["outlet_group"].isin(pair) & frame[feature].notna()]
    if events is not None:
        part = part[part["event_id"].isin(events)]
    table = pd.crosstab([part["outlet_group"].map(GROUP), part["outlet"].map(OUTLET)],
                        part["text_level"])
    table = table.reindex(columns=[c for c in TEXT_LEVELS if c in table])
    return table.assign(articles=table.sum(axis=1))


for a, b in PAIRS:
    row = contrasts[(contrasts["a"] == a) & (contrasts["b"] == b)
                    & (contrasts["scope"] == SCOPE[(a, b)]) & (contrasts["feature"] == FEATURE)]
    events = row["events"].iloc[0].split() if len(row) and isinstance(
        row["events"].iloc[0], str) else []
    print(f"{GROUP.get(a, a)} vs {GROUP.get(b, b)}: {label(FEATURE)}, all articles"
          + (f" and on the {len(events)} shared events ({SCOPE[(a, b)]})" if events else
             " (no shared events in a same-event scope)"))
    table = pd.concat({"all": sides((a, b)), **({"shared events": sides((a, b), events)}
                                                if events else {})}, axis=1)
    with pd.option_context("display.max_rows", 100):
        display(table.fillna(0).astype(int))
    if events:
        shared = sides((a, b), events)["articles"]
        for group, part in shared[shared > 0].groupby(level=0, sort=False):
            part = part.droplevel(0).sort_values(ascending=False)
            print(f"  {group} on the shared events: {len(part)} outlet(s), {part.sum():,} "
                  f"articles; {part.index[0]} holds {part.iloc[0] / part.sum():.1%} of them.")

# %% [markdown]
# ## Caveats
#
# - **Headlines and ledes, not articles.** Where the corpus holds a headline or a headline
#   with its lede (the counts above), sentence-based measures rest on one or two sentences
#   per article, and MTLD (100+ words) applies to almost none.
# - **Text level differs by source and outlet.** A group whose articles come mostly from
#   one source is measured on a different kind of text than a group from another (the
#   text-level tables above). The comparisons therefore stay within a level or weight the
#   levels both sides share equally, and a pair with no level in common is not compared;
#   but within a level, texts still differ in length (a lede of 16 words against one of
#   40). Same-event rows often rest on a few outlets per side (the composition printed
#   above), so they say more about those outlets than about the whole group.
# - **English formulas.** All readability formulas except LIX assume English syllables or
#   English word lists; other languages have LIX only, and LIX values of different
#   languages are not comparable (Polish words, for one, are longer).
# - **Quoting and single marks.** Double marks of every convention count as quotation,
#   and so do single marks, typographic (‘…’) and straight ('…'), which double as
#   apostrophes: a single mark opens a quotation only at the start of a word and closes it
#   only at the end of one. That rule errs where a possessive plural sits inside a
#   quotation ('the soldiers' wives' ends after "soldiers") or an elision starts a word
#   ('90s, 'n').
# - **Surface features.** The formulas count words, syllables and sentence lengths; they
#   do not measure comprehension, and on news ledes a long sentence often reflects the
#   lede convention (who, what, where in one sentence) more than difficulty.
# - **Multiple comparisons.** q controls the false discovery rate across all `lex__` tests
#   at one level and scope; many of the measures are strongly correlated with each other,
#   so several "holding" readability formulas are one finding, not several.
# - **Paired contrasts rest on few events.** A `paired_events` row's interval and test
#   resample events, not articles: with three to ten events, its CI is wide and its
#   smallest possible p is large.
