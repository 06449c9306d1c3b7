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
# # 03 · Sentiment and actors
#
# **Question.** How negative is each outlet's own voice, and how negative are the voices
# it quotes? How much of the tone is carried by contested word choices ("invasion",
# "special military operation")? And how does the tone of the sentences naming Russia,
# Belarus, Ukraine, the West, migrants or Wagner differ by outlet and outlet group, when
# outlets are compared on the same events?
#
# **Data.** The English articles of the study's processed corpus (its title is printed
# below) and their `sent__` features (`make features`), summarised in
# `estimates_by_outlet`, `estimates_by_outlet_group` and `contrasts_by_outlet_group`
# (`make compare`). VADER's lexicon is English, so articles in other languages have no
# tone scores.
#
# **Method.**
# - *Tone*: VADER (Hutto & Gilbert 2014) scores each sentence; an article's tone is the
#   mean compound score of its sentences (−1 to 1), with the shares of negative
#   (compound ≤ −0.05) and positive (≥ 0.05) sentences.
# - *Own vs quoted*: the author's own text (quotations removed) and the text inside
#   quotation marks are scored apart.
# - *Masked*: the text is scored again with every contested term of
#   `data/lexicons/contested_terms.csv` replaced by a neutral token, so that naming
#   ("invasion", "regime") is not read as tone.
# - *Tone toward an actor*: the mean compound of the sentences that name the actor (aliases
#   in `data/lexicons/actors.csv`). This is a sentence-level proxy, not target-dependent
#   sentiment: notebook 07 measures its agreement with the human polarity labels of
#   NewsMTSC (Hamborg & Donnay 2021), printed below.
# - *Estimates* and *contrasts* as in notebook 02: bootstrap CIs, cluster bootstrap by
#   event (Field & Welsh 2007), within-event differences with events weighted equally,
#   Hedges' g (Hedges 1981), permutation p with labels shuffled within events (Good 2005),
#   or, for a paired or small design, the paired (event-level) contrast with its sign-flip
#   test and d_z; Benjamini & Hochberg (1995) q over all `sent__` tests at one level and
#   scope. The same-event scope of each pair is chosen by notebook 02's rule: within
#   event when it rests on `thresholds.paired_min_events` or more events, else paired.

# %%
# %matplotlib inline
import inspect

import pandas as pd
from IPython.display import display

import analysis
from analysis.build import Data, figure, group_pairs, one_level, show_figure
from analysis.compare import feature_frame
from analysis.compare.contrasts import COLUMNS, same_event_rows, same_event_scopes
from analysis.compare.levels import in_words
from analysis.compare.run import Skip
from analysis.plots import plot_actor_sentiment_heatmap, plot_sentiment_by_outlet

study = analysis.current_study()
print(f"Study: {study.title}")
data = Data()
corpus = data.corpus
outlets = data.outlets
GROUP = outlets.drop_duplicates("outlet_group").set_index("outlet_group")["group_name"]
OUTLET = outlets.set_index("outlet")["outlet_name"]
#: the figures' thresholds, reused so that tables and figures leave out the same units
MIN_N = inspect.signature(plot_sentiment_by_outlet).parameters["min_articles"].default
MIN_ACTOR = inspect.signature(plot_actor_sentiment_heatmap).parameters["min_articles"].default
#: a contrast row needs this many articles on each side (the study's bar, if lower)
MIN_SIDE = min(MIN_N, study.thresholds.contrast_min_articles)
MIN_SIDE_ACTOR = min(MIN_ACTOR, study.thresholds.contrast_min_articles)
ALPHA = 0.05

estimates = data.table("estimates_by_outlet_group")
estimates, LEVEL, said = one_level(estimates)  # the figures' text level (like with like)
print(said)
try:
    contrasts = data.table("contrasts_by_outlet_group")
except Skip as why:
    contrasts = None
    print(f"No group contrasts for this study: {why}")
scored = estimates[estimates["feature"] == "sent__all_compound"]
print(f"{int(scored['n_articles'].sum()):,} of {len(corpus):,} articles have a tone score "
      f"(English text); units with fewer than {MIN_N} articles (actors: {MIN_ACTOR}) are "
      "left out of the figures and tables below.")

try:
    validity, _ = figure("sentiment_validity", data)  # notebook 07, the project's NewsMTSC
    vader = validity[validity["measure"] == "vader_sentence"].iloc[0]
    majority = validity[validity["measure"].str.startswith("majority")].iloc[0]
    print(f"VADER sentence tone vs NewsMTSC's human polarity toward a named target: macro-F1 "
          f"{vader.macro_f1:.2f}, accuracy {vader.accuracy:.2f} over {vader.n_targets:,} "
          f"target mentions (majority-class baseline: macro-F1 {majority.macro_f1:.2f}, "
          f"accuracy {majority.accuracy:.2f}).")
except Skip as why:
    print(f"No sentiment validity table: {why}")


def with_ci(mean, low, high, digits=3):
    """'mean [low, high]' for display."""
    return f"{mean:+.{digits}f} [{low:+.{digits}f}, {high:+.{digits}f}]"


ACTOR = {"russia": "Russia", "belarus": "Belarus", "belarus_opposition": "Belarusian opposition",
         "ukraine": "Ukraine", "poland": "Poland", "eu": "the EU", "nato_west": "NATO / the West",
         "usa": "the USA", "migrants": "migrants", "wagner": "Wagner"}
EFFECT = {"hedges_g": "Hedges' g", "cliffs_delta": "Cliff's δ", "paired_d_z": "paired d_z"}


def actor_name(actor):
    return ACTOR.get(actor, actor.replace("_", " "))


def cell(row, digits=3):
    return (with_ci(row["mean"], row.ci_low, row.ci_high, digits)
            + f" (n {int(row.n_articles):,})")


# %% [markdown]
# ## Which pairs, and which scope
#
# As in notebook 02: the pairs whose composition is shown are the study's headline pair
# and the outlet-group pairs it names (else every pair); the tables of contrasts below
# show every pair. Each pair is read in its same-event scope: `within_event` when its
# `sent__` rows rest on `thresholds.paired_min_events` or more events, else
# `paired_events`.

# %%
if contrasts is None:
    PAIRS, SCOPE = [], {}
    same = pd.DataFrame(columns=COLUMNS)  # no rows, the contrast table's columns
else:
    PAIRS = group_pairs(data, contrasts)
    SCOPE = same_event_scopes(contrasts, study.thresholds.paired_min_events, prefix="sent__")
    same = same_event_rows(contrasts, SCOPE)
for (a, b), scope in SCOPE.items():
    print(f"{GROUP.get(a, a)} vs {GROUP.get(b, b)}: "
          + (f"same-event scope {scope}" if scope else "pooled only"))

# %% [markdown]
# ## Own voice and quoted voices

# %%
# the same function the build uses for figures/sentiment_by_outlet.*
_ = show_figure("sentiment_by_outlet", data, "tone figure")

# %%
TONE = ["sent__all_compound", "sent__own_compound", "sent__quoted_compound",
        "sent__masked_compound", "sent__all_neg_share"]
rows = estimates[estimates["feature"].isin(TONE) & (estimates["n_articles"] >= MIN_N)].copy()
rows["cell"] = [cell(r) for _, r in rows.iterrows()]
order = [GROUP[g] for g in GROUP.index if g in set(rows["unit"])]
table = (rows.assign(group=rows["unit"].map(GROUP))
         .pivot(index="group", columns="feature", values="cell")
         .reindex(index=order, columns=TONE).astype(object).fillna("–"))
display(table.rename(columns=lambda f: f.split("__")[1]))

# %%
everything = rows[rows["feature"] == "sent__all_compound"]
negative = everything[everything["ci_high"] < 0]
positive = everything[everything["ci_low"] > 0]
if everything.empty:
    print(f"No group has {MIN_N}+ articles with a tone score.")
else:
    print(f"{len(negative)} of {len(everything)} groups have a mean tone whose whole 95% "
          f"interval lies below zero, {len(positive)} above zero"
          + ("." if len(negative) < len(everything) else
             ": the coverage reads as negative to VADER whoever writes it, so the comparisons "
             "below are relative." if len(everything) > 1 else
             ": the coverage reads as negative to VADER, so any comparison is relative."))
own = rows[rows["feature"] == "sent__own_compound"].set_index("unit")
quoted = rows[rows["feature"] == "sent__quoted_compound"].set_index("unit")
for unit in own.index:
    if unit not in quoted.index:
        n_quoted = estimates.loc[(estimates["unit"] == unit)
                                 & (estimates["feature"] == "sent__quoted_compound"),
                                 "n_articles"].sum()
        print(f"{GROUP[unit]}: own text {own.at[unit, 'mean']:+.3f}; "
              + (f"quotations in only {n_quoted:,} articles, too few to estimate "
                 f"(needs {MIN_N})." if n_quoted else
                 "no article with a (double-marked) quotation."))
        continue
    less = ("less negative than" if quoted.at[unit, "ci_low"] > own.at[unit, "ci_high"]
            else "more negative than" if quoted.at[unit, "ci_high"] < own.at[unit, "ci_low"]
            else "not clearly different from (intervals overlap)")
    print(f"{GROUP[unit]}: quoted text {with_ci(*quoted.loc[unit, ['mean', 'ci_low', 'ci_high']])}"
          f" in {quoted.at[unit, 'n_articles']:,} articles with quotations, {less} own text "
          f"{with_ci(*own.loc[unit, ['mean', 'ci_low', 'ci_high']])} "
          f"(n {own.at[unit, 'n_articles']:,}).")

# %% [markdown]
# Double quotation marks and single marks, typographic (‘…’) and straight ('…'), count as
# quotation; a single mark counts only where it opens at the start of a word and closes at
# the end of one, since it doubles as the apostrophe (notebook 02's caveats).
#
# ## How much of the tone is word choice?
#
# The same articles scored with the contested terms masked. The shift is the masked mean
# minus the unmasked one, over the same articles (descriptive: the two intervals come
# from separate bootstraps, so their overlap says little about the shift).

# %%
pair = rows[rows["feature"].isin(["sent__all_compound", "sent__masked_compound"])]
means = pair.pivot(index="unit", columns="feature", values="mean").dropna()
if means.empty or not {"sent__all_compound", "sent__masked_compound"} <= set(means.columns):
    print(f"No group has {MIN_N}+ articles with both scores.")
else:
    both = pair[pair["unit"].isin(means.index)]
    masking = pd.DataFrame({
        "n articles": both[both["feature"] == "sent__all_compound"].set_index("unit")[
            "n_articles"],
        "all text": both[both["feature"] == "sent__all_compound"].set_index("unit").apply(
            lambda r: with_ci(r["mean"], r.ci_low, r.ci_high), axis=1),
        "contested terms masked": both[both["feature"] == "sent__masked_compound"]
        .set_index("unit").apply(lambda r: with_ci(r["mean"], r.ci_low, r.ci_high), axis=1),
        "shift": means["sent__masked_compound"] - means["sent__all_compound"],
    }).sort_values("shift")
    display(masking.rename(index=GROUP).rename_axis("group").round(3))
    toward_zero = (means["sent__masked_compound"].abs() < means["sent__all_compound"].abs())
    largest, smallest = masking.index[-1], masking.index[0]
    print(f"Masking moves the mean toward zero in {int(toward_zero.sum())} of {len(means)} "
          "groups; " + (f"the shift ranges from {masking.at[smallest, 'shift']:+.3f} "
                        f"({GROUP[smallest]}) to {masking.at[largest, 'shift']:+.3f} "
                        f"({GROUP[largest]})." if len(means) > 1 else
                        f"the shift is {masking.at[largest, 'shift']:+.3f} "
                        f"({GROUP[largest]})."))

# %% [markdown]
# ## Tone toward actors
#
# Each cell: the mean compound of the sentences that name the actor, its 95% interval and
# the number of articles with such a sentence. Grey cells rest on too few articles.

# %%
# the same function the build uses for figures/actor_sentiment_by_outlet_group.*
actor_groups = show_figure("actor_sentiment_by_outlet_group", data,
                           "actor-tone figure by group", default=estimates.iloc[:0])

# %%
# the same function the build uses for figures/actor_sentiment_by_outlet.*
_ = show_figure("actor_sentiment_by_outlet", data, "actor-tone figure by outlet")

# %%
# the catch-all "Other" group has no common alignment; it is left out here
shown = actor_groups[(actor_groups["n_articles"] >= MIN_ACTOR)
                     & (actor_groups["unit"] != "other")].copy()
shown["actor"] = shown["feature"].str.extract(r"sent__actor_(.+)_compound", expand=False)
ACTORS = actor_groups["feature"].str.extract(r"sent__actor_(.+)_compound", expand=False)
ACTORS = list(dict.fromkeys(ACTORS.dropna()))
for actor in ACTORS:
    part = shown[shown["actor"] == actor].sort_values("mean")
    if len(part) < 2:
        print(f"Tone toward {actor_name(actor)}: "
              + ("no group" if part.empty else "only one group") + f" with {MIN_ACTOR}+ "
              "articles naming it" + (f" ({GROUP[part.iloc[0].unit]} {cell(part.iloc[0])})."
                                      if len(part) else "."))
        continue
    low, high = part.iloc[0], part.iloc[-1]
    print(f"Tone toward {actor_name(actor)} ({len(part)} groups): most negative "
          f"{GROUP[low.unit]} {cell(low)}, least negative {GROUP[high.unit]} {cell(high)}"
          + ("; the intervals overlap." if low.ci_high >= high.ci_low else "."))

# %% [markdown]
# ## Same events, different tone?
#
# Same-event contrasts of actor tone between outlet groups (each pair in its scope, above):
# within event, only the events both groups covered with enough articles each, on the text
# levels both have, every event × level stratum weighted equally; paired, the mean of the
# per-event (× level) differences. `diff` is a − b; `text_levels` says which levels a row
# compared.
# Rows where either side has fewer articles naming the actor than the heatmap's threshold
# (or the study's `contrast_min_articles`, if lower) are left out.

# %%
actor_rows = same[same["feature"].str.match(r"sent__actor_.+_compound") & same["diff"].notna()
                  & (same["n_a"] >= MIN_SIDE_ACTOR) & (same["n_b"] >= MIN_SIDE_ACTOR)].copy()
actor_rows["pair"] = actor_rows["a"].map(GROUP) + " − " + actor_rows["b"].map(GROUP)
actor_rows["actor"] = actor_rows["feature"].str.extract(r"sent__actor_(.+)_compound",
                                                        expand=False).map(actor_name)
actor_rows["diff [95% CI]"] = [with_ci(r["diff"], r.ci_low, r.ci_high)
                               for _, r in actor_rows.iterrows()]
COLUMNS = ["pair", "actor", "scope", "text_levels", "n_a", "n_b", "n_events", "mean_a",
           "mean_b", "diff [95% CI]", "effect", "p_perm", "q_bh"]
if actor_rows.empty:
    print(f"No same-event actor-tone contrast with {MIN_SIDE_ACTOR}+ articles on each side.")
else:
    with pd.option_context("display.max_rows", 200, "display.float_format", "{:.3f}".format):
        display(actor_rows[COLUMNS].sort_values(["pair", "q_bh"]).set_index(["pair", "actor"]))
    for pair, part in actor_rows.groupby("pair", sort=False):
        print(f"{pair}: actor tone compared on {in_words(part)}.")

# %%
clear = actor_rows[(actor_rows["q_bh"] < ALPHA)
                   & ((actor_rows["ci_low"] > 0) | (actor_rows["ci_high"] < 0))]
if len(actor_rows):
    measures = ", ".join(sorted({EFFECT.get(m, m) for m in actor_rows["effect_measure"]}))
    print(f"{len(clear)} of {len(actor_rows)} same-event actor-tone contrasts shown have "
          f"q < {ALPHA} and an interval excluding zero (effect: {measures}; p from "
          f"{int(actor_rows['n_perm'].iloc[0]):,} permutations or sign flips)"
          + (":" if len(clear) else ": no actor-tone difference survives on the same events."))
for _, r in clear.sort_values(["actor", "pair"]).iterrows():
    direction = "more positive (less negative)" if r["diff"] > 0 else "more negative"
    print(f"- tone toward {r.actor}, {r.pair} ({r.scope}): {r['diff [95% CI]']}, "
          f"{GROUP[r.a]} {direction} than {GROUP[r.b]}, "
          f"{EFFECT.get(r.effect_measure, 'effect')} {r.effect:+.2f}, p {r.p_perm:.3f}, "
          f"q {r.q_bh:.3f}; {r.n_a:,} vs {r.n_b:,} articles, {r.n_events} events")

# %% [markdown]
# Whole-text tone in the same same-event comparison, all text and with the contested
# terms masked: does a tone difference between two groups survive masking?

# %%
overall = same[same["feature"].isin(["sent__all_compound", "sent__masked_compound"])
               & same["diff"].notna() & (same["n_a"] >= MIN_SIDE)
               & (same["n_b"] >= MIN_SIDE)].copy()
if overall.empty:
    print(f"No same-event whole-text tone contrast with {MIN_SIDE}+ articles on each side.")
else:
    overall["pair"] = overall["a"].map(GROUP) + " − " + overall["b"].map(GROUP)
    overall["diff [95% CI]"] = [with_ci(r["diff"], r.ci_low, r.ci_high)
                                for _, r in overall.iterrows()]
    overall["variant"] = overall["feature"].str.split("__").str[1]
    for pair, part in overall.groupby("pair", sort=False):
        print(f"{pair}: whole-text tone compared on {in_words(part)}.")
    with pd.option_context("display.float_format", "{:.3f}".format):
        display(overall.pivot(index="pair", columns="variant",
                              values=["scope", "diff [95% CI]", "effect", "q_bh"])
                .swaplevel(axis=1).sort_index(axis=1, level=0, sort_remaining=False))
    holds = (overall.pivot(index="pair", columns="variant", values="q_bh") < ALPHA).reindex(
        columns=["all_compound", "masked_compound"], fill_value=False)
    both = holds.all(axis=1)
    only_masked = holds["masked_compound"] & ~holds["all_compound"]
    n_all = int(holds["all_compound"].sum())
    print(f"{n_all} of {len(holds)} group pairs differ in whole-text tone on the same events "
          f"(q < {ALPHA})" + (f"; masking the contested terms leaves {int(both.sum())} of "
                              "them: " + (", ".join(holds.index[both]) or "none") + "."
                              if n_all else ".")
          + (f" Differing only once the terms are masked: "
             f"{', '.join(holds.index[only_masked])}." if only_masked.any() else ""))

# %% [markdown]
# Who is on each side of a same-event actor contrast, and with what text? For the pairs
# named above and the actor named in the most articles of the contrasts shown: the
# outlets with articles on the shared events that name the actor, by text level.

# %%
frame = feature_frame(corpus, analysis.load_features())
rows_shown = actor_rows[actor_rows[["a", "b"]].apply(tuple, axis=1).isin(PAIRS)]
if rows_shown.empty:
    print("No same-event actor contrast of the pairs named above to show.")
else:
    feature = (rows_shown.assign(n=rows_shown["n_a"] + rows_shown["n_b"])
               .groupby("feature")["n"].sum().idxmax())
    actor = actor_name(feature.removeprefix("sent__actor_").removesuffix("_compound"))
    for _, r in rows_shown[rows_shown["feature"] == feature].iterrows():
        part = frame[frame["outlet_group"].isin([r.a, r.b]) & frame[feature].notna()
                     & frame["event_id"].isin(r.events.split())]
        table = pd.crosstab([part["outlet_group"].map(GROUP), part["outlet"].map(OUTLET)],
                            part["text_level"])
        print(f"Tone toward {actor}, {r.pair} ({r.scope}, {r.n_events} events):")
        display(table.assign(articles=table.sum(axis=1)))

# %% [markdown]
# ## Caveats
#
# - **English only.** VADER's lexicon is English: articles in other languages have no tone
#   scores at all (the count at the top).
# - **A social-media lexicon on news.** VADER was built for short social-media posts; its
#   agreement with human polarity labels on news sentences is modest (the macro-F1
#   printed at the top, from notebook 07, measured on US political news). Read the
#   differences between outlets, not the levels.
# - **News about conflict is negative.** A "less negative" outlet is not a positive one,
#   and a difference of a few hundredths of a compound point is small next to the spread
#   between articles.
# - **Tone toward an actor is not stance.** A sentence naming an actor is scored as a
#   whole: "Ukraine repelled a Russian attack" is negative whoever is blamed. The actor
#   columns tell which actors appear in negative sentences, not what the outlet thinks of
#   them.
# - **Headlines and ledes.** Where articles have one or two sentences, an article's tone
#   is that of its headline and lede, and quotations are rare (the n in the tables).
# - **Who is compared.** On the same events, a group is represented by those of its
#   outlets that covered the shared events (the composition printed above), often one or
#   two outlets; notebook 02 counts the text levels.
