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
# **Data.** The English articles of the processed corpus and their `sent__` features
# (`make features`), summarised in `estimates_by_outlet`, `estimates_by_outlet_group` and
# `contrasts_by_outlet_group` (`make compare`). VADER's lexicon is English, so the Polish
# outlets have no tone scores.
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
#   Benjamini & Hochberg (1995) q over all `sent__` tests at one level and scope.

# %%
# %matplotlib inline
import inspect

import pandas as pd
from IPython.display import display

import analysis
from analysis.build import Data, figure
from analysis.compare import feature_frame
from analysis.plots import plot_actor_sentiment_heatmap, plot_sentiment_by_outlet

data = Data()
corpus = data.corpus
outlets = data.outlets
GROUP = outlets.drop_duplicates("outlet_group").set_index("outlet_group")["group_name"]
OUTLET = outlets.set_index("outlet")["outlet_name"]
#: the figures' thresholds, reused so that tables and figures leave out the same units
MIN_N = inspect.signature(plot_sentiment_by_outlet).parameters["min_articles"].default
MIN_ACTOR = inspect.signature(plot_actor_sentiment_heatmap).parameters["min_articles"].default

estimates = data.table("estimates_by_outlet_group")
contrasts = data.table("contrasts_by_outlet_group")
scored = estimates[estimates["feature"] == "sent__all_compound"]
print(f"{int(scored['n_articles'].sum()):,} of {len(corpus):,} articles have a tone score "
      f"(English text); units with fewer than {MIN_N} articles (actors: {MIN_ACTOR}) are "
      "left out of the figures and tables below.")

validity, _ = figure("sentiment_validity", data)  # notebook 07, tables/sentiment_validity.csv
vader = validity[validity["measure"] == "vader_sentence"].iloc[0]
majority = validity[validity["measure"].str.startswith("majority")].iloc[0]
print(f"VADER sentence tone vs NewsMTSC's human polarity toward a named target: macro-F1 "
      f"{vader.macro_f1:.2f}, accuracy {vader.accuracy:.2f} over {vader.n_targets:,} target "
      f"mentions (majority-class baseline: macro-F1 {majority.macro_f1:.2f}, accuracy "
      f"{majority.accuracy:.2f}).")


def with_ci(mean, low, high, digits=3):
    """'mean [low, high]' for display."""
    return f"{mean:+.{digits}f} [{low:+.{digits}f}, {high:+.{digits}f}]"


ACTOR = {"russia": "Russia", "belarus": "Belarus", "belarus_opposition": "Belarusian opposition",
         "ukraine": "Ukraine", "poland": "Poland", "eu": "the EU", "nato_west": "NATO / the West",
         "usa": "the USA", "migrants": "migrants", "wagner": "Wagner"}


def cell(row, digits=3):
    return (with_ci(row["mean"], row.ci_low, row.ci_high, digits)
            + f" (n {int(row.n_articles):,})")


# %% [markdown]
# ## Own voice and quoted voices

# %%
# the same function the build uses for figures/sentiment_by_outlet.*
tone, fig = figure("sentiment_by_outlet", data)
fig

# %%
TONE = ["sent__all_compound", "sent__own_compound", "sent__quoted_compound",
        "sent__masked_compound", "sent__all_neg_share"]
rows = estimates[estimates["feature"].isin(TONE) & (estimates["n_articles"] >= MIN_N)].copy()
rows["cell"] = [cell(r) for _, r in rows.iterrows()]
order = [GROUP[g] for g in GROUP.index if g in set(rows["unit"])]
table = (rows.assign(group=rows["unit"].map(GROUP))
         .pivot(index="group", columns="feature", values="cell")
         .reindex(index=order, columns=TONE).fillna("–"))
display(table.rename(columns=lambda f: f.split("__")[1]))

# %%
everything = rows[rows["feature"] == "sent__all_compound"]
negative = everything[everything["ci_high"] < 0]
print(f"{len(negative)} of {len(everything)} groups have a mean tone whose whole 95% interval "
      "lies below zero: war news reads as negative to VADER whoever writes it, so the "
      "comparisons below are relative.")
own = rows[rows["feature"] == "sent__own_compound"].set_index("unit")
quoted = rows[rows["feature"] == "sent__quoted_compound"].set_index("unit")
for unit in own.index:
    if unit not in quoted.index:
        n_quoted = estimates.loc[(estimates["unit"] == unit)
                                 & (estimates["feature"] == "sent__quoted_compound"),
                                 "n_articles"].iloc[0]
        print(f"{GROUP[unit]}: own text {own.at[unit, 'mean']:+.3f}; "
              + (f"quotations in only {n_quoted:,} articles, too few to estimate."
                 if n_quoted else "no article with a (double-marked) quotation."))
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
means = pair.pivot(index="unit", columns="feature", values="mean")
masking = pd.DataFrame({
    "n articles": pair[pair["feature"] == "sent__all_compound"].set_index("unit")["n_articles"],
    "all text": pair[pair["feature"] == "sent__all_compound"].set_index("unit").apply(
        lambda r: with_ci(r["mean"], r.ci_low, r.ci_high), axis=1),
    "contested terms masked": pair[pair["feature"] == "sent__masked_compound"]
    .set_index("unit").apply(lambda r: with_ci(r["mean"], r.ci_low, r.ci_high), axis=1),
    "shift": means["sent__masked_compound"] - means["sent__all_compound"],
}).sort_values("shift")
display(masking.rename(index=GROUP).rename_axis("group").round(3))
toward_zero = (means["sent__masked_compound"].abs() < means["sent__all_compound"].abs())
largest, smallest = masking.index[-1], masking.index[0]
print(f"Masking moves the mean toward zero in {int(toward_zero.sum())} of {len(means)} groups; "
      f"the shift ranges from {masking.at[smallest, 'shift']:+.3f} ({GROUP[smallest]}) to "
      f"{masking.at[largest, 'shift']:+.3f} ({GROUP[largest]}).")

# %% [markdown]
# ## Tone toward actors
#
# Each cell: the mean compound of the sentences that name the actor, its 95% interval and
# the number of articles with such a sentence. Grey cells rest on too few articles.

# %%
# the same function the build uses for figures/actor_sentiment_by_outlet_group.*
actor_groups, fig = figure("actor_sentiment_by_outlet_group", data)
fig

# %%
# the same function the build uses for figures/actor_sentiment_by_outlet.*
actor_outlets, fig = figure("actor_sentiment_by_outlet", data)
fig

# %%
ACTORS = ["russia", "belarus", "ukraine", "nato_west", "usa", "eu", "migrants", "wagner"]
# the catch-all "Other" group has no common alignment; it is left out here
shown = actor_groups[(actor_groups["n_articles"] >= MIN_ACTOR)
                     & (actor_groups["unit"] != "other")].copy()
shown["actor"] = shown["feature"].str.extract(r"sent__actor_(.+)_compound", expand=False)
for actor in ACTORS:
    part = shown[shown["actor"] == actor].sort_values("mean")
    if len(part) < 2:
        print(f"Tone toward {ACTOR[actor]}: fewer than two groups with {MIN_ACTOR}+ articles naming it.")
        continue
    low, high = part.iloc[0], part.iloc[-1]
    print(f"Tone toward {ACTOR[actor]} ({len(part)} groups): most negative {GROUP[low.unit]} {cell(low)}, "
          f"least negative {GROUP[high.unit]} {cell(high)}.")

# %% [markdown]
# ### Polarity toward the actor, not the sentence
#
# A sentence's tone is not its attitude toward the actor it names ("the crowd cheered as
# the dictator was jailed"). `sent__actor_<actor>_target` classes each mention of the actor
# as negative, neutral or positive (−1, 0, 1) from the words around it, with a model
# trained on NewsMTSC's US political news (`analysis.target_sentiment`), and averages over
# the article's mentions. On held-out NewsMTSC sentences it agrees with the human labels
# more often than sentence tone does (notebook 07, `target_sentiment_validity`); it is not
# validated on Russia–Belarus coverage. The scale differs from the compound's: read the
# pattern across groups, not the level.

# %%
# the same function the build uses for figures/actor_target_sentiment_by_outlet_group.*
target_groups, fig = figure("actor_target_sentiment_by_outlet_group", data)
fig

# %%
target_shown = target_groups[(target_groups["n_articles"] >= MIN_ACTOR)
                             & (target_groups["unit"] != "other")].copy()
target_shown["actor"] = target_shown["feature"].str.extract(r"sent__actor_(.+)_target",
                                                            expand=False)
for actor in ACTORS:
    part = target_shown[target_shown["actor"] == actor].sort_values("mean")
    if len(part) < 2:
        continue
    low, high = part.iloc[0], part.iloc[-1]
    print(f"Polarity toward {ACTOR[actor]} ({len(part)} groups): most negative "
          f"{GROUP[low.unit]} {cell(low)}, least negative {GROUP[high.unit]} {cell(high)}.")

# %% [markdown]
# ## Same events, different tone?
#
# Within-event contrasts of actor tone between outlet groups: only the events both groups
# covered (five or more articles each), every event weighted equally; `diff` is a − b.
# Rows where either side has fewer articles naming the actor than the heatmap's threshold
# are left out.

# %%
actor_rows = contrasts[(contrasts["scope"] == "within_event")
                       & contrasts["feature"].str.match(r"sent__actor_.+_compound")
                       & (contrasts["n_a"] >= MIN_ACTOR) & (contrasts["n_b"] >= MIN_ACTOR)
                       ].copy()
actor_rows["pair"] = actor_rows["a"].map(GROUP) + " − " + actor_rows["b"].map(GROUP)
actor_rows["actor"] = actor_rows["feature"].str.extract(r"sent__actor_(.+)_compound",
                                                        expand=False)
actor_rows["diff [95% CI]"] = [with_ci(r["diff"], r.ci_low, r.ci_high)
                               for _, r in actor_rows.iterrows()]
actor_rows["actor"] = actor_rows["actor"].map(ACTOR)
COLUMNS = ["pair", "actor", "n_a", "n_b", "n_events", "mean_a", "mean_b", "diff [95% CI]",
           "effect", "p_perm", "q_bh"]
with pd.option_context("display.max_rows", 200, "display.float_format", "{:.3f}".format):
    display(actor_rows[COLUMNS].sort_values(["pair", "q_bh"]).set_index(["pair", "actor"]))

# %%
ALPHA = 0.05
clear = actor_rows[(actor_rows["q_bh"] < ALPHA)
                   & ((actor_rows["ci_low"] > 0) | (actor_rows["ci_high"] < 0))]
print(f"{len(clear)} of {len(actor_rows)} within-event actor-tone contrasts shown have "
      f"q < {ALPHA} and an interval excluding zero (effect: Hedges' g; p from "
      f"{int(contrasts['n_perm'].iloc[0]):,} permutations):")
for _, r in clear.sort_values(["actor", "pair"]).iterrows():
    print(f"- tone toward {r.actor}, {r.pair}: {r['diff [95% CI]']}, g {r.effect:+.2f}, "
          f"p {r.p_perm:.3f}, q {r.q_bh:.3f}; {r.n_a:,} vs {r.n_b:,} articles, "
          f"{r.n_events} events")

# %% [markdown]
# Whole-text tone in the same within-event comparison, all text and with the contested
# terms masked: does a tone difference between two groups survive masking?

# %%
overall = contrasts[(contrasts["scope"] == "within_event")
                    & contrasts["feature"].isin(["sent__all_compound", "sent__masked_compound"])
                    & (contrasts["n_a"] >= MIN_N) & (contrasts["n_b"] >= MIN_N)].copy()
overall["pair"] = overall["a"].map(GROUP) + " − " + overall["b"].map(GROUP)
overall["diff [95% CI]"] = [with_ci(r["diff"], r.ci_low, r.ci_high)
                            for _, r in overall.iterrows()]
overall["variant"] = overall["feature"].str.split("__").str[1]
with pd.option_context("display.float_format", "{:.3f}".format):
    display(overall.pivot(index="pair", columns="variant",
                          values=["diff [95% CI]", "effect", "q_bh"])
            .swaplevel(axis=1).sort_index(axis=1, level=0, sort_remaining=False))
holds = overall.pivot(index="pair", columns="variant", values="q_bh") < ALPHA
both = holds.all(axis=1)
only_masked = holds["masked_compound"] & ~holds["all_compound"]
print(f"{int(holds['all_compound'].sum())} of {len(holds)} group pairs differ in whole-text "
      f"tone within events (q < {ALPHA}); masking the contested terms leaves "
      f"{int(both.sum())} of them: " + (", ".join(holds.index[both]) or "none") + ". "
      + (f"Differing only once the terms are masked: {', '.join(holds.index[only_masked])}."
         if only_masked.any() else ""))

# %% [markdown]
# Who is on each side of a within-event actor contrast? The outlets with articles on the
# shared events that name the actor.

# %%
frame = feature_frame(corpus, analysis.load_features())
feature = "sent__actor_russia_compound"
for _, r in actor_rows[actor_rows["feature"] == feature].iterrows():
    part = frame[frame["outlet_group"].isin([r.a, r.b])
                 & frame["event_id"].isin(r.events.split())]
    n = part.groupby(["outlet_group", "outlet"])[feature].count()
    sides = [f"{GROUP[g]}: " + ", ".join(f"{OUTLET[o]} {k:,}" for o, k in
                                          n[g][n[g] > 0].sort_values(ascending=False).items())
             for g in (r.a, r.b)]
    print(f"Tone toward Russia within events, {' vs '.join(sides)}")

# %% [markdown]
# ## Caveats
#
# - **English only.** VADER's lexicon is English: the Polish outlets, a large part of the
#   Belarus coverage, have no tone scores at all.
# - **A social-media lexicon on news.** VADER was built for short social-media posts; its
#   agreement with human polarity labels on news sentences is modest (the macro-F1
#   printed at the top, from notebook 07, measured on US political news). Read the
#   differences between outlets, not the levels.
# - **War news is negative.** Nearly every group's tone is below zero; a "less negative"
#   outlet is not a positive one, and a difference of a few hundredths of a compound point
#   is small next to the spread between articles.
# - **Tone toward an actor is not stance.** A sentence naming Russia is scored as a whole:
#   "Ukraine repelled a Russian attack" is negative whoever is blamed. The actor columns
#   tell which actors appear in negative sentences, not what the outlet thinks of them.
# - **Headlines and ledes.** Most articles have one or two sentences, so an article's tone
#   is that of its headline and lede, and quotations are rare (the n in the tables).
# - **Who is compared.** Within events, a group is represented by those of its outlets
#   that covered the shared events (the composition printed above); with RUWA events that
#   is often one or two outlets, and some RUWA outlets are bare headlines (notebook 02
#   counts the text levels).
