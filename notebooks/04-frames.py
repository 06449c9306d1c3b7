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
# # 04 · Frames
#
# **Question.** Which generic news frames (conflict, human interest, economic
# consequences, morality, responsibility; Semetko & Valkenburg 2000) and which
# policy-frame dimensions (the 15 of the Policy Frames Codebook; Boydstun et al. 2014) does
# each outlet's coverage carry, and do outlet groups differ when they cover the same
# events?
#
# **Data.** The processed corpus and its `frame__` features (`make features`), summarised
# in `estimates_by_outlet`, `estimates_by_outlet_group` and `contrasts_by_outlet_group`
# (`make compare`). Frames are measured in English, Polish and Russian, each with its own
# cue list.
#
# **Method.**
# - *Cue lexicons* (`data/lexicons/generic_frames.csv`, `policy_frames.csv`): words and
#   phrases that operationalise each frame's coder items (Semetko & Valkenburg 2000) or
#   codebook dimension (Boydstun et al. 2014), matched at word starts in the article's
#   own language. Per article: matches per 1,000 words (`_rate`) and presence, at least
#   one match (`_present`). The approach follows dictionary framing measures such as
#   Field et al. (2018); a cue list detects vocabulary, not the framing a coder sees
#   (Entman 1993).
# - *Validity*: notebook 07 scores the generic-frame rates against the human frame labels
#   of the Narrative Frames Corpus (Frermann et al. 2023) on a held-out half, next to a
#   majority-class and a base-rate baseline; the table is repeated below.
# - *Estimates* and *contrasts* as in notebook 02: share of articles with the frame and a
#   95% (cluster) bootstrap interval (Efron & Tibshirani 1993; Field & Welsh 2007);
#   within-event differences in share with events weighted equally, Cliff's δ (Cliff
#   1993), permutation p with labels shuffled within events (Good 2005) and the
#   Benjamini & Hochberg (1995) q over all `frame__` tests at one level and scope.

# %%
# %matplotlib inline
import inspect

import pandas as pd
from IPython.display import display

from analysis.build import Data, figure
from analysis.features.lexicons import load_lexicon
from analysis.plots import plot_frame_prevalence_by_outlet

data = Data()
outlets = data.outlets
GROUP = outlets.drop_duplicates("outlet_group").set_index("outlet_group")["group_name"]
OUTLET = outlets.set_index("outlet")["outlet_name"]
#: the figures' threshold, reused so that tables and figures leave out the same units
MIN_N = inspect.signature(plot_frame_prevalence_by_outlet).parameters["min_articles"].default
ALPHA = 0.05

estimates = data.table("estimates_by_outlet_group")
contrasts = data.table("contrasts_by_outlet_group")
measured = estimates[estimates["feature"] == "frame__generic_conflict_present"]
print(f"{int(measured['n_articles'].sum()):,} of {len(data.corpus):,} articles are in a "
      "language the frame lexicons cover.")


def with_ci(mean, low, high, digits=3):
    """'mean [low, high]' for display."""
    return f"{mean:+.{digits}f} [{low:+.{digits}f}, {high:+.{digits}f}]"


#: display names of the Policy Frames Codebook dimensions (Boydstun et al. 2014)
DIMENSIONS = {"capacity_resources": "capacity & resources",
              "fairness_equality": "fairness & equality",
              "policy_prescription": "policy prescription & evaluation",
              "crime_punishment": "crime & punishment", "security_defense": "security & defense",
              "health_safety": "health & safety",
              "external_regulation": "external regulation & reputation"}


def frame_name(feature):
    """'frame__policy_crime_punishment_present' -> 'crime & punishment'."""
    name = feature.split("__")[1].split("_", 1)[1].rsplit("_", 1)[0]
    return DIMENSIONS.get(name, name.replace("_", " "))


# %% [markdown]
# ## How far the generic-frame cues agree with human coders
#
# Held-out F1 on the Narrative Frames Corpus (notebook 07), next to the better of the two
# baselines. A frame is *weak* here when it does not beat that baseline, or when its F1
# stays under 0.5.

# %%
validity, _ = figure("frame_validity_f1", data)  # drawn in notebook 07
validity["better baseline"] = validity[["f1_majority", "f1_base_rate"]].max(axis=1)
display(validity[["frame", "n_held_out", "prevalence_held_out", "precision", "recall", "f1",
                  "f1_majority", "f1_base_rate"]].set_index("frame").round(3))
below = validity[validity["f1"] <= validity["better baseline"]]
low = validity[(validity["f1"] > validity["better baseline"]) & (validity["f1"] < 0.5)]
print(f"Not above the better baseline on {int(validity['n_held_out'].iloc[0])} held-out "
      "articles: " + (", ".join(f"{r.frame} (F1 {r.f1:.2f} vs {r['better baseline']:.2f})"
                                for _, r in below.iterrows()) or "none") + ".")
print("Above the baselines but F1 under 0.5: " + (", ".join(
    f"{r.frame} (F1 {r.f1:.2f})" for _, r in low.iterrows()) or "none") + ".")
WEAK = set(below["frame"]) | set(low["frame"])

# %% [markdown]
# ## The cue lists
#
# Cues per frame and language: each language has its own list, written separately.

# %%
cues = pd.DataFrame([{"lexicon": name, "frame": row[lexicon.category],
                      "language": row["language"]}
                     for name in ("generic_frames", "policy_frames")
                     for lexicon in [load_lexicon(name)] for row in lexicon.rows])
cues["frame"] = [DIMENSIONS.get(f, f.replace("_", " ")) for f in cues["frame"]]
display(pd.crosstab([cues["lexicon"], cues["frame"]], cues["language"], margins=True))


# %% [markdown]
# ## Generic frames by outlet group and outlet

# %%
# the same function the build uses for figures/generic_frames_by_outlet_group.*
generic_groups, fig = figure("generic_frames_by_outlet_group", data)
fig

# %%
shown = generic_groups[(generic_groups["n_articles"] >= MIN_N)
                       & (generic_groups["unit"] != "other")].copy()
shown["frame"] = shown["feature"].map(frame_name)
for frame, part in shown.groupby("frame", sort=False):
    part = part.sort_values("mean")
    lo, hi = part.iloc[0], part.iloc[-1]
    flag = " (a weak measure, see above)" if frame.replace(" ", "_") in WEAK else ""
    print(f"{frame}{flag}: from {lo['mean']:.1%} [{lo.ci_low:.1%}, {lo.ci_high:.1%}] of "
          f"articles ({GROUP[lo.unit]}, n {lo.n_articles:,}) to {hi['mean']:.1%} "
          f"[{hi.ci_low:.1%}, {hi.ci_high:.1%}] ({GROUP[hi.unit]}, n {hi.n_articles:,}).")

# %% [markdown]
# Presence is coarse on one- or two-sentence texts. The cue rate per 1,000 words, by
# group (mean with 95% interval; the catch-all "Other" group and groups under the
# threshold left out):

# %%
rates = estimates[estimates["feature"].str.match(r"frame__generic_.+_rate")
                  & (estimates["n_articles"] >= MIN_N) & (estimates["unit"] != "other")].copy()
rates["cell"] = [f"{r['mean']:.1f} [{r.ci_low:.1f}, {r.ci_high:.1f}]"
                 for _, r in rates.iterrows()]
order = [GROUP[g] for g in GROUP.index if g in set(rates["unit"])]
display(rates.assign(group=rates["unit"].map(GROUP), frame=rates["feature"].map(frame_name))
        .pivot(index="group", columns="frame", values="cell").loc[order])

# %%
# the same function the build uses for figures/generic_frames_by_outlet.*
generic_outlets, fig = figure("generic_frames_by_outlet", data)
fig

# %% [markdown]
# Presence depends on length: one more sentence is one more chance for a cue. The outlet
# with the highest share for each frame, with its mean words per article:

# %%
words = data.table("estimates_by_outlet").query("feature == 'lex__n_words'").set_index("unit")
top = (generic_outlets[generic_outlets["n_articles"] >= MIN_N]
       .sort_values("mean").groupby("feature", sort=False).tail(1))
group_words = estimates.query("feature == 'lex__n_words'").set_index("unit")["mean"]
group_of = outlets.set_index("outlet")["outlet_group"]
for _, r in top.iterrows():
    group = group_of[r.unit]
    print(f"{frame_name(r.feature)}: {OUTLET[r.unit]} {r['mean']:.0%} [{r.ci_low:.0%}, "
          f"{r.ci_high:.0%}] of {r.n_articles:,} articles; {words.at[r.unit, 'mean']:.0f} "
          f"words per article on average ({GROUP[group]} outlets together: "
          f"{group_words[group]:.0f})")

# %% [markdown]
# ## Policy-frame dimensions by outlet

# %%
# the same function the build uses for figures/policy_frames_by_outlet.*
policy_outlets, fig = figure("policy_frames_by_outlet", data)
fig

# %%
policy = estimates[estimates["feature"].str.match(r"frame__policy_.+_present")
                   & (estimates["n_articles"] >= MIN_N) & (estimates["unit"] != "other")]
for unit, part in policy.groupby("unit"):
    top = part.sort_values("mean", ascending=False).head(3)
    print(f"{GROUP[unit]} (n {int(top['n_articles'].iloc[0]):,}): " + "; ".join(
        f"{frame_name(r.feature)} {r['mean']:.0%} [{r.ci_low:.0%}, {r.ci_high:.0%}]"
        for _, r in top.iterrows()))

# %% [markdown]
# ## Same events, different frames?
#
# Within-event contrasts of generic-frame presence between outlet groups: only the events
# both groups covered (five or more articles each), every event weighted equally. `diff`
# is the difference in the share of articles with the frame, a − b. Rows whose
# `languages` include Polish compare a Polish cue list with an English one as well as two
# groups.

# %%
generic = contrasts[(contrasts["scope"] == "within_event")
                    & contrasts["feature"].str.match(r"frame__generic_.+_present")].copy()
generic["pair"] = generic["a"].map(GROUP) + " − " + generic["b"].map(GROUP)
generic["frame"] = generic["feature"].map(frame_name)
generic["cell"] = [f"{with_ci(r['diff'], r.ci_low, r.ci_high, 2)} q {r.q_bh:.3f}"
                   for _, r in generic.iterrows()]
pairs = generic.groupby("pair", sort=False)[["languages", "n_events", "n_a", "n_b"]].first()
cells = generic.pivot(index="pair", columns="frame", values="cell")
with pd.option_context("display.max_colwidth", 40):
    display(pairs.join(cells).loc[pairs.index])

# %%
clear = generic[(generic["q_bh"] < ALPHA) & ((generic["ci_low"] > 0) | (generic["ci_high"] < 0))]
print(f"{len(clear)} of {generic['diff'].notna().sum()} within-event generic-frame contrasts "
      f"have q < {ALPHA} and an interval excluding zero (effect: Cliff's δ; p from "
      f"{int(contrasts['n_perm'].iloc[0]):,} permutations).")
for pair in ["Russian state − Western", "Russian state − Ukrainian state",
             "Ukrainian state − Western"]:
    part = generic[generic["pair"] == pair]
    found = clear[clear["pair"] == pair]
    text = (f"{pair} ({int(part['n_events'].iloc[0])} events, {int(part['n_a'].iloc[0]):,} vs "
            f"{int(part['n_b'].iloc[0]):,} articles): ")
    if found.empty:
        text += "no generic frame differs within events."
    else:
        text += "; ".join(
            f"{r.frame}{' (weak measure)' if r.frame.replace(' ', '_') in WEAK else ''} "
            f"{r.mean_a:.1%} vs {r.mean_b:.1%}, diff {r['diff']:+.3f} "
            f"[{r.ci_low:+.3f}, {r.ci_high:+.3f}], δ {r.effect:+.3f}, p {r.p_perm:.3f}, "
            f"q {r.q_bh:.3f}" for _, r in found.iterrows()) + "."
    print(text)

# %% [markdown]
# The policy dimensions, within events: the contrasts with q < 0.05 and an interval
# excluding zero, the largest differences first (the first twenty shown).

# %%
policy_rows = contrasts[(contrasts["scope"] == "within_event")
                        & contrasts["feature"].str.match(r"frame__policy_.+_present")].copy()
policy_rows["pair"] = policy_rows["a"].map(GROUP) + " − " + policy_rows["b"].map(GROUP)
policy_rows["dimension"] = policy_rows["feature"].map(frame_name)
strong = policy_rows[(policy_rows["q_bh"] < ALPHA)
                     & ((policy_rows["ci_low"] > 0) | (policy_rows["ci_high"] < 0))].copy()
strong["diff [95% CI]"] = [with_ci(r["diff"], r.ci_low, r.ci_high)
                           for _, r in strong.iterrows()]
strong = strong.reindex(strong["diff"].abs().sort_values(ascending=False).index)
SHOW = 20
with pd.option_context("display.max_rows", 100, "display.float_format", "{:.3f}".format):
    display(strong[["pair", "dimension", "languages", "n_a", "n_b", "n_events", "mean_a",
                    "mean_b", "diff [95% CI]", "effect", "p_perm", "q_bh"]]
            .head(SHOW).set_index(["pair", "dimension"]))
tested = policy_rows["diff"].notna().sum()
common = strong["dimension"].value_counts()
print(f"{len(strong)} of {tested} within-event policy-dimension contrasts clear q < {ALPHA}; "
      f"the dimension that separates most pairs: {common.index[0]} ({common.iloc[0]} pairs).")

# %% [markdown]
# ## Caveats
#
# - **Vocabulary, not framing.** A cue list counts words associated with a frame ("clash",
#   "victims", "sanctions"); a human coder judges what the text emphasises and how it
#   defines the problem. The validity table above puts numbers on the gap, and the frames
#   marked weak there should not carry a claim on their own.
# - **Per-language lexicons.** The Polish, Russian and English cue lists were written
#   separately and differ in size and coverage (counted above); a difference between a
#   Polish and an English-language group compares lexicons as much as outlets, and there
#   is no human-coded Polish set to check the Polish cues against.
# - **Short texts, sparse presence.** Most articles are a headline and a lede: one cue
#   decides presence, and most frames are absent from most articles. Small differences in
#   share are differences of a few cue words.
# - **Validity was measured elsewhere.** The Narrative Frames Corpus is full-length
#   English climate-change news; agreement on short Russia–Belarus war news, and for the
#   policy dimensions (no human-coded set embedded), is not measured.
# - **Who is compared.** Within events, a group is represented only by its outlets that
#   covered the shared (mostly RUWA) events; see notebook 02 for the composition.
