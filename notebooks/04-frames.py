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
# **Data.** The study's processed corpus (its title is printed below) and its `frame__`
# features (`make features`), summarised in `estimates_by_outlet`,
# `estimates_by_outlet_group` and `contrasts_by_outlet_group` (`make compare`). Frames are
# measured in each language that has its own cue list (counted below).
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
#   1993), permutation p with labels shuffled within events (Good 2005), or, for a paired
#   or small design, the paired (event-level) contrast with its sign-flip test and d_z;
#   the Benjamini & Hochberg (1995) q over all `frame__` tests at one level and scope.
#   Each pair is read in its same-event scope by notebook 02's rule: within event when it
#   rests on `thresholds.paired_min_events` or more events, else paired.

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
from analysis.corpus.text import LEVEL_PLURAL
from analysis.features.lexicons import load_lexicon
from analysis.plots import plot_frame_prevalence_by_outlet

study = analysis.current_study()
print(f"Study: {study.title}")
data = Data()
outlets = data.outlets
GROUP = outlets.drop_duplicates("outlet_group").set_index("outlet_group")["group_name"]
OUTLET = outlets.set_index("outlet")["outlet_name"]
#: the figures' threshold, reused so that tables and figures leave out the same units
MIN_N = inspect.signature(plot_frame_prevalence_by_outlet).parameters["min_articles"].default
#: a contrast row needs this many articles on each side (the study's bar, if lower)
MIN_SIDE = min(MIN_N, study.thresholds.contrast_min_articles)
ALPHA = 0.05

estimates = data.table("estimates_by_outlet_group")
estimates, LEVEL, said = one_level(estimates)  # the figures' text level (like with like)
print(said)
try:
    contrasts = data.table("contrasts_by_outlet_group")
except Skip as why:
    contrasts = None
    print(f"No group contrasts for this study: {why}")
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
EFFECT = {"hedges_g": "Hedges' g", "cliffs_delta": "Cliff's δ", "paired_d_z": "paired d_z"}


def frame_name(feature):
    """'frame__policy_crime_punishment_present' -> 'crime & punishment'."""
    name = feature.split("__")[1].split("_", 1)[1].rsplit("_", 1)[0]
    return DIMENSIONS.get(name, name.replace("_", " "))


# %% [markdown]
# ## How far the generic-frame cues agree with human coders
#
# Held-out F1 on the Narrative Frames Corpus (notebook 07), next to the better of the two
# baselines. A frame is *weak* here when it does not beat that baseline, or when its F1
# stays under 0.5. The validity set is the project's, the same for every study.

# %%
try:
    validity, _ = figure("frame_validity_f1", data)  # drawn in notebook 07
    validity["better baseline"] = validity[["f1_majority", "f1_base_rate"]].max(axis=1)
    display(validity[["frame", "n_held_out", "prevalence_held_out", "precision", "recall",
                      "f1", "f1_majority", "f1_base_rate"]].set_index("frame").round(3))
    below = validity[validity["f1"] <= validity["better baseline"]]
    low = validity[(validity["f1"] > validity["better baseline"]) & (validity["f1"] < 0.5)]
    print(f"Not above the better baseline on {int(validity['n_held_out'].iloc[0])} held-out "
          "articles: " + (", ".join(f"{r.frame} (F1 {r.f1:.2f} vs {r['better baseline']:.2f})"
                                    for _, r in below.iterrows()) or "none") + ".")
    print("Above the baselines but F1 under 0.5: " + (", ".join(
        f"{r.frame} (F1 {r.f1:.2f})" for _, r in low.iterrows()) or "none") + ".")
    WEAK = set(below["frame"]) | set(low["frame"])
except Skip as why:
    print(f"No frame validity table: {why}")
    WEAK = set()

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
languages = data.corpus["language"].value_counts()
uncovered = languages[~languages.index.isin(set(cues["language"]))]
print("Articles per language: " + ", ".join(f"{lang} {n:,}" for lang, n in languages.items())
      + ("; no cue list for " + ", ".join(f"{lang} ({n:,} articles)"
                                          for lang, n in uncovered.items())
         if len(uncovered) else "; every language of the corpus has a cue list") + ".")

# %% [markdown]
# ## Generic frames by outlet group and outlet

# %%
# the same function the build uses for figures/generic_frames_by_outlet_group.*
generic_groups = show_figure("generic_frames_by_outlet_group", data,
                             "generic-frame figure by group", default=estimates.iloc[:0])

# %%
shown = generic_groups[(generic_groups["n_articles"] >= MIN_N)
                       & (generic_groups["unit"] != "other")].copy()
shown["frame"] = shown["feature"].map(frame_name)
if shown["unit"].nunique() < 2:
    print(f"Fewer than two groups (besides the catch-all) have {MIN_N}+ articles with frames: "
          "no range across groups to give" + (", only the one group's rates:" if len(shown)
                                                else "."))
for frame, part in shown.groupby("frame", sort=False):
    part = part.sort_values("mean")
    lo, hi = part.iloc[0], part.iloc[-1]
    flag = " (a weak measure, see above)" if frame.replace(" ", "_") in WEAK else ""
    if len(part) == 1:
        print(f"{frame}{flag}: {lo['mean']:.1f} [{lo.ci_low:.1f}, {lo.ci_high:.1f}] cues per "
              f"1,000 words ({GROUP[lo.unit]}, n {lo.n_articles:,}).")
        continue
    print(f"{frame}{flag}: from {lo['mean']:.1f} [{lo.ci_low:.1f}, {lo.ci_high:.1f}] cues per "
          f"1,000 words ({GROUP[lo.unit]}, n {lo.n_articles:,}) to {hi['mean']:.1f} "
          f"[{hi.ci_low:.1f}, {hi.ci_high:.1f}] ({GROUP[hi.unit]}, n {hi.n_articles:,})"
          + ("; the intervals overlap." if lo.ci_high >= hi.ci_low else "."))

# %% [markdown]
# The same cue rates as a table, by group (mean with 95% interval; the catch-all "Other"
# group and groups under the threshold left out):

# %%
rates = estimates[estimates["feature"].str.match(r"frame__generic_.+_rate")
                  & (estimates["n_articles"] >= MIN_N) & (estimates["unit"] != "other")].copy()
rates["cell"] = [f"{r['mean']:.1f} [{r.ci_low:.1f}, {r.ci_high:.1f}]"
                 for _, r in rates.iterrows()]
order = [GROUP[g] for g in GROUP.index if g in set(rates["unit"])]
if rates.empty:
    print(f"No group has {MIN_N}+ articles with a cue rate.")
else:
    display(rates.assign(group=rates["unit"].map(GROUP), frame=rates["feature"].map(frame_name))
            .pivot(index="group", columns="frame", values="cell").reindex(order))

# %%
# the same function the build uses for figures/generic_frames_by_outlet.*
generic_outlets = show_figure("generic_frames_by_outlet", data,
                              "generic-frame figure by outlet",
                              default=data.table("estimates_by_outlet").iloc[:0])

# %% [markdown]
# Presence depends on length: one more sentence is one more chance for a cue, so the
# figure above draws cues per 1,000 words. How much that changes the picture: per frame,
# the outlet with the highest share of articles with a cue (at the figure's text level),
# its words per article, and where it ranks by the cue rate the figure draws.

# %%
outlet_estimates = data.table("estimates_by_outlet")
outlet_estimates = outlet_estimates[outlet_estimates["text_level"] == LEVEL]
words = outlet_estimates.query("feature == 'lex__n_words'").set_index("unit")
presence = outlet_estimates[outlet_estimates["feature"].str.match(r"frame__generic_.+_present")
                            & (outlet_estimates["n_articles"] >= MIN_N)]
top = presence.sort_values("mean").groupby("feature", sort=False).tail(1)
median_words = words.loc[words.index.isin(presence["unit"]), "mean"].median()
if top.empty:
    print(f"No outlet has {MIN_N}+ {LEVEL_PLURAL[LEVEL]} with frames.")
for _, r in top.iterrows():
    n_words = words.at[r.unit, "mean"]
    rate = generic_outlets[generic_outlets["feature"] == r.feature.replace("_present", "_rate")]
    rate = rate[rate["n_articles"] >= MIN_N].sort_values("mean", ascending=False)
    rank = list(rate["unit"]).index(r.unit) + 1 if r.unit in set(rate["unit"]) else None
    print(f"{frame_name(r.feature)}: {OUTLET[r.unit]} {r['mean']:.0%} [{r.ci_low:.0%}, "
          f"{r.ci_high:.0%}] of {r.n_articles:,} {LEVEL_PLURAL[LEVEL]}; {n_words:.0f} words "
          f"each on average ({'longer' if n_words > median_words else 'not longer'} than the "
          f"median outlet's {median_words:.0f}); by cue rate "
          + (f"ranked {rank} of {len(rate)}" if rank else "not ranked") + ".")
leaders = top["unit"].value_counts()
by_rate = (generic_outlets[generic_outlets["n_articles"] >= MIN_N].sort_values("mean")
           .groupby("feature").tail(1)["unit"])
if len(top) > 1 and leaders.iloc[0] == len(top):
    print(f"{OUTLET[leaders.index[0]]} has the highest share in every frame; by rate it leads "
          f"in {int((by_rate == leaders.index[0]).sum())} of {len(top)}.")

# %% [markdown]
# ## Policy-frame dimensions by outlet

# %%
# the same function the build uses for figures/policy_frames_by_outlet.*
try:
    policy_outlets, fig = figure("policy_frames_by_outlet", data)
    display(fig)
except Skip as why:
    print(f"No policy-frame figure: {why}")

# %%
policy = estimates[estimates["feature"].str.match(r"frame__policy_.+_rate")
                   & (estimates["n_articles"] >= MIN_N) & (estimates["unit"] != "other")]
print(f"No group has {MIN_N}+ {LEVEL_PLURAL[LEVEL]} with policy-frame cues measured."
      if policy.empty else "The three policy dimensions with the most cues per 1,000 words, "
      f"per group ({LEVEL_PLURAL[LEVEL]}):")
for unit, part in policy.groupby("unit"):
    top = part.sort_values("mean", ascending=False).head(3)
    print(f"{GROUP[unit]} (n {int(top['n_articles'].iloc[0]):,}): " + "; ".join(
        f"{frame_name(r.feature)} {r['mean']:.1f} [{r.ci_low:.1f}, {r.ci_high:.1f}]"
        for _, r in top.iterrows()))

# %% [markdown]
# ## Same events, different frames?
#
# Same-event contrasts of generic-frame presence between outlet groups, each pair in its
# scope (printed): within event, only the events both groups covered with enough articles
# each, on the text levels both have, and, since presence grows with length, within
# length quartiles of each level, every stratum weighted equally; paired, the mean of the
# per-event differences (not length-adjusted: one or two articles per event). `diff` is
# the difference in the share of articles with the frame, a − b; `text levels` and
# `adjustment` say what each row compared. Rows whose
# `languages` hold two languages compare two cue lists as well as two groups. Rows where
# either side has fewer than the figure's threshold of articles (or the study's
# `contrast_min_articles`, if lower) are left out.

# %%
if contrasts is None:
    PAIRS, SCOPE = [], {}
    same = pd.DataFrame(columns=COLUMNS)  # no rows, the contrast table's columns
else:
    PAIRS = group_pairs(data, contrasts)
    SCOPE = same_event_scopes(contrasts, study.thresholds.paired_min_events, prefix="frame__")
    same = same_event_rows(contrasts, SCOPE)
same = same[same["diff"].notna() & (same["n_a"] >= MIN_SIDE) & (same["n_b"] >= MIN_SIDE)]
pooled_only = [f"{GROUP.get(a, a)} − {GROUP.get(b, b)}" for (a, b), s in SCOPE.items() if not s]
if pooled_only:
    print("Pooled only, no same-event contrast (too few shared events or articles): "
          + ", ".join(pooled_only) + ".")
generic = same[same["feature"].str.match(r"frame__generic_.+_present")].copy()
generic["pair"] = generic["a"].map(GROUP) + " − " + generic["b"].map(GROUP)
generic["frame"] = generic["feature"].map(frame_name)
generic["cell"] = [f"{with_ci(r['diff'], r.ci_low, r.ci_high, 2)} q {r.q_bh:.3f}"
                   for _, r in generic.iterrows()]
if generic.empty:
    print(f"No same-event generic-frame contrast with {MIN_SIDE}+ articles on each side.")
else:
    pairs = generic.groupby("pair", sort=False)[["scope", "text_levels", "adjustment",
                                                  "languages", "n_events", "n_a",
                                                  "n_b"]].first()
    cells = generic.pivot(index="pair", columns="frame", values="cell")
    with pd.option_context("display.max_colwidth", 40):
        display(pairs.join(cells).loc[pairs.index])
    for pair, part in generic.groupby("pair", sort=False):
        print(f"{pair}: frame presence compared on {in_words(part)}.")

# %% [markdown]
# The pairs discussed: the study's headline pair (`[comparisons] headline`, else its two
# largest groups, as the build chooses) and the outlet-group pairs the study names
# (`[comparisons] pairs`), or every pair if it names none.

# %%
clear = generic[(generic["q_bh"] < ALPHA) & ((generic["ci_low"] > 0) | (generic["ci_high"] < 0))]
if len(generic):
    measures = ", ".join(sorted({EFFECT.get(m, m) for m in generic["effect_measure"]}))
    print(f"{len(clear)} of {len(generic)} same-event generic-frame contrasts have "
          f"q < {ALPHA} and an interval excluding zero (effect: {measures}; p from "
          f"{int(generic['n_perm'].iloc[0]):,} permutations or sign flips).")
for a, b in PAIRS:
    pair = f"{GROUP.get(a, a)} − {GROUP.get(b, b)}"
    part = generic[generic["pair"] == pair]
    if part.empty:
        print(f"{pair}: too few articles or shared events to compare on the same events "
              f"(needs {MIN_SIDE}+ articles a side; thresholds.within_event_min_per_side "
              f"{study.thresholds.within_event_min_per_side}, paired_min_events "
              f"{study.thresholds.paired_min_events}).")
        continue
    found = clear[clear["pair"] == pair]
    text = (f"{pair} ({part['scope'].iloc[0]}, {int(part['n_events'].max())} events, "
            f"{int(part['n_a'].max()):,} vs {int(part['n_b'].max()):,} articles): ")
    if found.empty:
        text += f"no generic frame differs on the same events (q < {ALPHA})."
    else:
        text += "; ".join(
            f"{r.frame}{' (weak measure)' if r.frame.replace(' ', '_') in WEAK else ''} "
            f"{r.mean_a:.1%} vs {r.mean_b:.1%} ({GROUP[r.a] if r['diff'] > 0 else GROUP[r.b]}"
            f" higher), diff {r['diff']:+.3f} [{r.ci_low:+.3f}, {r.ci_high:+.3f}], "
            f"{EFFECT.get(r.effect_measure, 'effect')} {r.effect:+.3f}, p {r.p_perm:.3f}, "
            f"q {r.q_bh:.3f}" for _, r in found.iterrows()) + "."
    print(text)

# %% [markdown]
# The policy dimensions on the same events: the contrasts with q < 0.05 and an interval
# excluding zero, the largest differences first (the first twenty shown).

# %%
policy_rows = same[same["feature"].str.match(r"frame__policy_.+_present")].copy()
policy_rows["pair"] = policy_rows["a"].map(GROUP) + " − " + policy_rows["b"].map(GROUP)
policy_rows["dimension"] = policy_rows["feature"].map(frame_name)
strong = policy_rows[(policy_rows["q_bh"] < ALPHA)
                     & ((policy_rows["ci_low"] > 0) | (policy_rows["ci_high"] < 0))].copy()
strong["diff [95% CI]"] = [with_ci(r["diff"], r.ci_low, r.ci_high)
                           for _, r in strong.iterrows()]
strong = strong.reindex(strong["diff"].abs().sort_values(ascending=False).index)
SHOW = 20
if len(strong):
    with pd.option_context("display.max_rows", 100, "display.float_format", "{:.3f}".format):
        display(strong[["pair", "dimension", "scope", "languages", "n_a", "n_b", "n_events",
                        "mean_a", "mean_b", "diff [95% CI]", "effect", "p_perm", "q_bh"]]
                .head(SHOW).set_index(["pair", "dimension"]))
tested = len(policy_rows)
common = strong["dimension"].value_counts()
print(f"{len(strong)} of {tested} same-event policy-dimension contrasts clear q < {ALPHA}"
      + (f"; the dimension that separates most pairs: {common.index[0]} ({common.iloc[0]} "
         f"of {policy_rows['pair'].nunique()} pairs)." if len(common) else
         ": no policy dimension differs on the same events."))

# %% [markdown]
# Who is on each side, and with what text? For the pairs discussed: the outlets whose
# articles enter the same-event conflict-frame contrast, by text level.

# %%
frame = feature_frame(data.corpus, analysis.load_features())
FEATURE = "frame__generic_conflict_present"
for a, b in PAIRS:
    row = same[(same["a"] == a) & (same["b"] == b) & (same["feature"] == FEATURE)]
    if row.empty:
        continue
    row = row.iloc[0]
    part = frame[frame["outlet_group"].isin([a, b]) & frame[FEATURE].notna()
                 & frame["event_id"].isin(row.events.split())]
    table = pd.crosstab([part["outlet_group"].map(GROUP), part["outlet"].map(OUTLET)],
                        part["text_level"])
    print(f"{GROUP.get(a, a)} − {GROUP.get(b, b)} ({row.scope}, {row.n_events} events):")
    with pd.option_context("display.max_rows", 100):
        display(table.assign(articles=table.sum(axis=1)))

# %% [markdown]
# ## Caveats
#
# - **Vocabulary, not framing.** A cue list counts words associated with a frame ("clash",
#   "victims", "sanctions"); a human coder judges what the text emphasises and how it
#   defines the problem. The validity table above puts numbers on the gap, and the frames
#   marked weak there should not carry a claim on their own.
# - **Per-language lexicons.** The cue lists of each language were written separately and
#   differ in size and coverage (counted above); a difference between groups writing in
#   different languages compares lexicons as much as outlets, and only the English cues
#   are checked against human coders.
# - **Short texts, sparse presence.** Where articles are a headline and a lede, one cue
#   decides presence, and most frames are absent from most articles. Small differences in
#   share are differences of a few cue words.
# - **Validity was measured elsewhere.** The Narrative Frames Corpus is full-length
#   English climate-change news; agreement on other short news, and for the policy
#   dimensions (no human-coded set embedded), is not measured.
# - **Who is compared.** On the same events, a group is represented only by its outlets
#   that covered the shared events (the composition printed above).
