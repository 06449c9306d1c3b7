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
# # 06 · Same-event comparisons
#
# **Question.** An outlet that covered different events from another will differ in its
# words, frames and tone for that reason alone. Holding the story fixed, how did the
# outlet groups tell each event that two or more of them covered?
#
# **Data.** Articles assigned to an event of the study: by an event column of the input,
# by an event catalogue (dataset labels, or keywords within a date window; notebook 01) or
# by automatic story alignment (`[events] source` in `study.toml`). Only events that at
# least two outlet groups covered with `thresholds.same_event_min_articles` or more
# articles each are compared (`same_event_coverage`). The tables are
# `same_event_profiles`, `same_event_term_choices`, `same_event_keyness`,
# `same_event_headlines`, `contrasts_by_outlet_group`, `event_alignment` and
# `event_alignment_catalogue`.
#
# **Method.** Within an event, each outlet and group gets, at each text level apart (a
# group's ledes and its bare headlines are not pooled: like with like), its share of
# articles with each generic frame's cues (Semetko & Valkenburg 2000), its tone (VADER,
# Hutto & Gilbert 2014; English only) and sourcing, its distinctive words (Monroe,
# Colaresi & Quinn 2008, one group against the others of the same level, within the
# event's main language); its contested-term choices (a share among mentions, levels
# pooled) and its three earliest real headlines (earliest first, not chosen by hand).
# Contrasts "within event" use only the events both groups covered with
# `thresholds.within_event_min_per_side` or more articles each, on the text levels both
# have, weight those event × level strata equally, and shuffle group labels within events for the permutation p (Good 2005), with
# Hedges' g (Hedges 1981) or Cliff's δ (Cliff 1993) as effect size and
# Benjamini–Hochberg q (Benjamini & Hochberg 1995). Where two groups share events but
# with fewer articles per event, the contrast is paired by event instead: the mean of the
# per-event differences, bootstrapped over events, with a sign-flip test and the paired
# effect size d_z (`thresholds.paired_min_events` shared events or more). For corpora
# without event labels, the suite groups articles into stories automatically (TF-IDF
# cosine within a date window, connected components; after Miranda et al. 2018) and scores
# the stories against the labels with the adjusted Rand index (Hubert & Arabie 1985) and
# purity / inverse purity (Zhao & Karypis 2001).

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import Markdown, display
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

import analysis
from analysis.build import Data, figure, figure_specs, ranked_events, show_figure
from analysis.compare import event_coverage
from analysis.compare.contrasts import COLUMNS
from analysis.compare.keyness import keyness_table
from analysis.compare.run import Skip
from analysis.corpus.text import LEVEL_PLURAL

study = analysis.current_study()
data = Data(study)
print(f"Study: {study.title}")
corpus, outlets, events = data.corpus, data.outlets, data.events
name = outlets.set_index("outlet")["outlet_name"].to_dict()
group_name = outlets.drop_duplicates("outlet_group").set_index("outlet_group")["group_name"]
specs = figure_specs(data)
try:
    coverage = data.table("same_event_coverage")
    profiles = data.table("same_event_profiles")
    term_choices = data.table("same_event_term_choices")
    headlines = data.table("same_event_headlines")
except Skip as why:
    coverage = event_coverage(corpus.iloc[:0])  # no rows, the table's columns
    print(f"No same-event comparison for this study: {why}")
titles = events.set_index("event_id")["name"].to_dict()
print(f"Events come from: {study.event_source}; {len(events)} events in the study, "
      f"{len(coverage)} of them covered by at least two outlet groups with "
      f"{study.thresholds.same_event_min_articles}+ articles each "
      f"({int(coverage['n_articles'].sum()):,} articles)")
if study.event_source == "catalogue" and len(coverage):
    belarus_events = set(events.loc[events["belarus_event"], "event_id"])
    print(f"{coverage['event_id'].isin(belarus_events).sum()} of the {len(coverage)} are "
          "Belarus events of the catalogue")

# %% [markdown]
# Every output of this notebook is drawn the same way for every study; the coverage matrix
# shows which outlet covered which event:

# %%
_ = show_figure("corpus_coverage_by_outlet_event", data, "coverage matrix")

# %% [markdown]
# ## Which events can be compared

# %%
display(coverage.merge(events[["event_id", "name", "start", "end"]], on="event_id")
        .set_index("event_id"))
n_groups = coverage["groups"].str.split().str.len()
if len(coverage):
    print(f"Each compared event is covered by {n_groups.min()}–{n_groups.max()} outlet groups "
          f"and {coverage['n_outlets'].min()}–{coverage['n_outlets'].max()} outlets.")
    for group in sorted(set(" ".join(coverage["groups"]).split())):
        k = coverage["groups"].str.split().apply(lambda g, x=group: x in g).sum()
        print(f"  {group_name.get(group, group):18s} is on {k} of the {len(coverage)} events")
compared = corpus[corpus["event_id"].isin(coverage["event_id"])]
if len(compared):
    print("Text levels of the compared events' articles, per outlet group (share of "
          "articles): the profiles, frames and distinctive words below take each level "
          "apart (ledes with ledes, headlines with headlines).")
    display(pd.crosstab(compared["outlet_group"].map(group_name), compared["text_level"],
                        normalize="index").round(2)
            .rename_axis(index="outlet group", columns="text level"))


# %%
def describe(event_id, per_outlet=1, n_concepts=4):
    """Print one event's group profiles, the term variant each outlet chose for the
    event's most-mentioned concepts, and its earliest headlines (rows of the tables)."""
    groups = profiles[(profiles["event_id"] == event_id) & (profiles["level"] == "outlet_group")]
    for (unit, level), part in groups.groupby(["unit", "text_level"], sort=False):
        m = part.set_index("measure")
        bits = [f"{group_name.get(unit, unit)}, {LEVEL_PLURAL[level]}: "
                f"{int(part['n_total'].max())} article(s)"]
        frames = m.loc[m["kind"] == "frame"].dropna(subset=["mean"])
        if len(frames):
            frame = frames.sort_values("mean", ascending=False).iloc[0]
            frame_name = frame.name.removeprefix("generic_").removesuffix("_present")
            bits.append(f"most frequent frame {frame_name} in {frame['mean']:.0%}")
        for measure, label, fmt in (("all_compound", "tone (VADER compound)", "+.2f"),
                                    ("actor_russia_compound", "tone of sentences naming Russia",
                                     "+.2f"),
                                    ("evaluative_verb_share", "evaluative reporting verbs",
                                     ".0%")):
            if measure in m.index and m.loc[measure, "n_articles"] > 0:
                bits.append(f"{label} {m.loc[measure, 'mean']:{fmt}} "
                            f"(n={int(m.loc[measure, 'n_articles'])})")
        print("; ".join(bits))
    terms = term_choices[(term_choices["event_id"] == event_id)
                         & (term_choices["concept"] != "belarus_naming")
                         & (term_choices["concept_mentions"] > 0)]
    mentions = (terms.drop_duplicates(["concept", "outlet"])
                .groupby("concept")["concept_mentions"].sum().nlargest(n_concepts))
    top = (terms[terms["concept"].isin(mentions.index)]
           .sort_values(["concept", "outlet", "share"], ascending=[True, True, False])
           .groupby(["concept", "outlet"]).head(1))
    if top.empty:
        print("  no contested-term mention in the event's articles")
    for concept, part in top.groupby("concept"):
        print(f"  {concept}: " + "; ".join(
            f"{name.get(r.outlet, r.outlet)} {r.variant} {int(r.mentions)}/"
            f"{int(r.concept_mentions)}" for r in part.itertuples()))
    shown = headlines[headlines["event_id"] == event_id].groupby("outlet").head(per_outlet)
    shown = shown.assign(outlet=shown["outlet"].map(name),
                         outlet_group=shown["outlet_group"].map(group_name),
                         date=shown["date"].str[:10])
    with pd.option_context("display.max_colwidth", 120, "display.max_rows", 100):
        display(shown[["outlet_group", "outlet", "date", "title"]].set_index(
            ["outlet_group", "outlet"]))


# %% [markdown]
# ## One section per compared event
#
# For every compared event (at most `MAX_EVENTS`; if there are more, those with the most
# outlet groups, then the most articles), in date order: the panel the build writes
# (`same_event_<event>`: (a) articles per outlet, (b) generic frames by group and text
# level, (c) the contested terms the event's articles use most, (d) each group's most
# distinctive words against the other groups of the same text level, when two groups wrote
# enough articles at that level in the event's main language; at most
# `thresholds.same_event_groups_max` groups, those with the most articles on the event),
# then the groups' profiles (each text level apart, every group), the term variant each
# outlet chose for the event's four most-mentioned concepts (mentions of that variant / of
# the concept), and each outlet's earliest headline. Where a group has one or two
# articles on an event, its dots in the panel are those articles, not a rate.

# %%
MAX_EVENTS = min(20, study.thresholds.same_event_figures_max)  # (the build draws no more)
chosen = ranked_events(coverage).head(MAX_EVENTS).sort_values(["first_date", "event_id"])
print(f"{len(chosen)} of the {len(coverage)} compared events shown"
      + ("." if len(chosen) == len(coverage) else
         f"; left out: {', '.join(sorted(set(coverage['event_id']) - set(chosen['event_id'])))}"))
for event in chosen.itertuples():
    display(Markdown(f"### {titles.get(event.event_id, event.event_id)} ({event.first_date} to "
                     f"{event.last_date}; {event.n_articles:,} articles, {event.n_outlets} "
                     "outlets)"))
    try:
        _, panel = figure(f"same_event_{event.event_id.replace('-', '_')}", data)
        display(panel)
    except Skip as why:
        print(f"Panel not made: {why}")
    most = study.thresholds.same_event_groups_max
    if event.n_groups > most:
        print(f"The panel draws the {most} of the event's {event.n_groups} groups with "
              "the most articles on it; the profiles below list every group.")
    describe(event.event_id, per_outlet=1)
    few = profiles[(profiles["event_id"] == event.event_id)
                   & (profiles["level"] == "outlet_group")].groupby(
        ["unit", "text_level"])["n_total"].max()
    few = few[few < 3]
    if len(few):
        print("Read with care: " + ", ".join(
            f"{group_name.get(g, g)} has {n} {LEVEL_PLURAL[level]}"
            for (g, level), n in few.items()) + " on this event.")

# %% [markdown]
# Are the event labels inside the event's dates? A keyword label or a catalogue rule can
# assign articles from outside the event's window; where the events come from a
# catalogue, the share of each compared event's articles dated outside it:

# %%
if study.event_source == "catalogue" and len(compared):
    window = events.set_index("event_id")[["start", "end"]]
    dated = compared.join(window, on="event_id")
    outside = (dated["date"].dt.tz_localize(None).dt.normalize() < dated["start"]) | (
        dated["date"].dt.tz_localize(None).dt.normalize() > dated["end"])
    share = outside.groupby(dated["event_id"]).mean().sort_values(ascending=False)
    display(share.rename("share outside the window").round(3).to_frame())
    print(f"{(share > 0.1).sum()} of {len(share)} compared events have more than 10% of their "
          "articles outside the event's dates" + (": their views mix in other coverage."
                                                 if (share > 0.1).any() else "."))
else:
    print(f"Events come from {study.event_source!r}, not a catalogue with its own date "
          "windows: no check against the event's dates.")

# %% [markdown]
# A variant count records the word, not its stance: "Russia's invasion" and "the West's
# fake 'invasion'" count alike, and only the sentence tells them apart (notebook 08).

# %%
if study.is_default:
    counts = analysis.load_features()[["doc_id", "term__war_naming__invasion"]]
    label = corpus[(corpus["event_id"] == "ruwa-beginning")
                   & (corpus["outlet_group"] == "russian-state")].merge(counts, on="doc_id")
    uses = label[label["term__war_naming__invasion"] > 0].sort_values(["date", "doc_id"])
    print(f"For example, {len(uses)} Russian-state articles under RUWA's 'beginning' label say "
          "'invasion', mostly the word of a denial; the earliest:")
    with pd.option_context("display.max_colwidth", 120):
        display(uses.assign(headline=uses["title"].fillna(uses["lede"]),
                            date=uses["date"].dt.strftime("%Y-%m-%d"))
                [["outlet", "date", "headline"]].head(5).set_index("outlet"))

# %% [markdown]
# ## What comparing like with like changed
#
# The same-event views used to pool a group's headlines and ledes. For the compared event
# with the most articles whose groups come at more than one text level, this puts the old
# view next to the new one: each group's most distinctive words, one group against the
# rest, over all the event's texts in its main language (as the table used to be made),
# and at each level apart (as `same_event_keyness` is now made), with the share of
# function words (scikit-learn's English stop words) among each group's top 10; then the
# share of articles with each generic frame, pooled over levels and per level.

# %%
mixed = compared.groupby("event_id").agg(
    n=("doc_id", "size"), levels=("text_level", "nunique")).query("levels > 1")
if mixed.empty:
    print("No compared event has articles of more than one text level: pooling levels "
          "changed nothing here.")
else:
    event_id = mixed["n"].idxmax()
    part = compared[compared["event_id"] == event_id]
    part = part[part["language"] == part["language"].mode().iloc[0]]
    least = study.thresholds.same_event_min_articles
    sizes = part["outlet_group"].value_counts()
    part = part[part["outlet_group"].isin(sizes[sizes >= least].index)]
    print(f"{titles.get(event_id, event_id)} ({event_id}): {len(part):,} articles in "
          f"{part['outlet_group'].nunique()} groups with {least}+ articles each.")
    old = keyness_table(part["text"].tolist(), part["outlet_group"].tolist(), min_df=2,
                        top=10, n_perm=0)
    old = old[old["z"] > 0].groupby("label", sort=False).head(10)
    new = data.table("same_event_keyness")
    new = new[new["event_id"] == event_id]
    rows = []
    for group, words in old.groupby("label", sort=False):
        rows.append({"group": group_name.get(group, group), "text levels": "pooled",
                     "top words": ", ".join(words["term"]),
                     "function words": int(words["term"].isin(ENGLISH_STOP_WORDS).sum())})
        for level, words_at in new[new["label"] == group].groupby("text_level", sort=False):
            rows.append({"group": group_name.get(group, group),
                         "text levels": LEVEL_PLURAL[level],
                         "top words": ", ".join(words_at["term"].head(10)),
                         "function words": int(words_at["term"].head(10)
                                               .isin(ENGLISH_STOP_WORDS).sum())})
    table = pd.DataFrame(rows)
    with pd.option_context("display.max_colwidth", 90):
        display(table.set_index(["group", "text levels"]))
    pooled = table[table["text levels"] == "pooled"]["function words"]
    apart = table[table["text levels"] != "pooled"]["function words"]
    print(f"Function words among a group's top 10: {pooled.sum()} in all when levels are "
          f"pooled ({len(pooled)} groups, at most {pooled.max()} for one), "
          f"{apart.sum()} over the {len(apart)} group × level lists compared apart (at most "
          f"{apart.max() if len(apart) else 0} for one). "
          + ("Comparing within a level removed most of them."
             if pooled.sum() and apart.sum() <= pooled.sum() / 2 else
             "Within a level they are not much fewer here: the groups' texts still differ "
             "in length within a level." if pooled.sum() else
             "There were none to remove."))
    features = analysis.load_features()
    cues = [c for c in features.columns
            if c.startswith("frame__generic_") and c.endswith("_present")]
    joined = part[["doc_id", "outlet_group", "text_level"]].merge(
        features[["doc_id", *cues]], on="doc_id")
    shares = pd.concat({
        "pooled": joined.groupby("outlet_group")[cues].mean(),
        **{LEVEL_PLURAL[level]: group.groupby("outlet_group")[cues].mean()
           for level, group in joined.groupby("text_level")}}, names=["text levels"])
    shares = shares.rename(index=group_name.get, level=1).rename(
        columns=lambda c: c.removeprefix("frame__generic_").removesuffix("_present"))
    display((shares * 100).round(0).rename_axis(columns="% of articles with the frame"))
    spread = {label: (block.max() - block.min()).max()
              for label, block in shares.groupby(level=0)}
    print("Largest gap between groups in a frame's share, percentage points: "
          + "; ".join(f"{label} {gap * 100:.0f}" for label, gap in spread.items())
          + ". A pooled share mixes each group's levels; the per-level rows compare like "
          "with like.")

# %% [markdown]
# ## Within-event contrasts: the headline pair
#
# The build's headline contrast table (a fixed set of features chosen before looking) for
# the study's headline pair of outlet groups (`[comparisons] headline`, else its two
# largest groups), restricted to the rows whose Benjamini–Hochberg q is below 0.05. `diff`
# is the first group minus the second; the effect is Hedges' g for continuous features and
# Cliff's δ for counts and 0/1 features (within event), or d_z (paired by event).

# %%
headline_name = next((n for n in specs if n.startswith("contrasts_")), None)
headline = None
if headline_name is None:
    print("Not made for this study: it has fewer than two outlet groups.")
else:
    try:
        headline, _ = figure(headline_name, data)  # tables/<headline_name>.{csv,tex}
    except Skip as why:
        print(f"{headline_name} not made for this study: {why}")
if headline is not None:
    print(specs[headline_name].caption)
    significant = headline[headline["q_bh"] < 0.05].copy()
    significant["abs_effect"] = significant["effect"].abs()
    if len(significant):
        display(significant.sort_values("abs_effect", ascending=False)
                .drop(columns="abs_effect").set_index("feature").round(3))
    print(f"{len(significant)} of {len(headline)} headline features have q < 0.05 "
          f"(n up to {int(headline['n_a'].max()):,} vs {int(headline['n_b'].max()):,} "
          f"articles, {int(headline['n_events'].max())} event(s))"
          + ("" if len(significant) else ": no difference survives q < 0.05."))
    frames = headline[headline["feature"].str.startswith("frame__generic_")]
    if len(frames):
        print(f"Generic frames: {(frames['q_bh'] < 0.05).sum()} of {len(frames)} with q < 0.05, "
              f"the largest |effect| {frames['effect'].abs().max():.2f}.")
    for r in significant.sort_values("abs_effect", ascending=False).head(5).itertuples():
        print(f"  {r.feature}: {r.mean_a:.3f} vs {r.mean_b:.3f}, difference {r.diff:+.3f} "
              f"[95% CI {r.ci_low:+.3f}, {r.ci_high:+.3f}], {r.effect_measure} {r.effect:+.2f} "
              f"(the first group {'higher' if r.diff > 0 else 'lower'}), n = {int(r.n_a):,} vs "
              f"{int(r.n_b):,}, p = {r.p_perm:.3f}, q = {r.q_bh:.3f}")
    print("Each row compares the text levels both groups have (text_levels), each "
          "event × level stratum weighted equally (adjustment); sentence-based measures "
          "have no value on bare headlines, so those rows compare the other levels only: "
          + "; ".join(f"{r.feature}: {r.text_levels}" for r in headline.drop_duplicates(
              "text_levels").itertuples()) + ".")

# %% [markdown]
# How many features differ, for every pair of groups (of the features that apply to both;
# `languages` shows when the pair spans lexicons): within event where the pair has such
# rows, else paired by event.

# %%
try:
    contrasts = data.table("contrasts_by_outlet_group")
except Skip as why:
    print(f"No group contrasts for this study: {why}")
    contrasts = pd.DataFrame(columns=COLUMNS)  # no rows, the contrast table's columns
event_level = contrasts[contrasts["scope"].isin(["within_event", "paired_events"])
                        & contrasts["q_bh"].notna()]
has_within = (event_level.groupby(["a", "b"])["scope"]
              .transform(lambda s: (s == "within_event").any()))
event_level = event_level[(event_level["scope"] == "within_event") | ~has_within]
summary = event_level.groupby(["a", "b"]).agg(
    scope=("scope", "first"), languages=("languages", "first"), events=("n_events", "max"),
    features_tested=("feature", "size"), q_below_005=("q_bh", lambda q: int((q < 0.05).sum())))
display(summary)
if summary.empty:
    print("No pair of groups has a within-event or paired contrast with a q value.")
else:
    print(f"{int((summary['q_below_005'] > 0).sum())} of {len(summary)} group pairs have at "
          "least one feature with q < 0.05"
          + (f"; most: {' vs '.join(summary['q_below_005'].idxmax())} "
             f"({summary['q_below_005'].max()} features)"
             if summary["q_below_005"].max() > 0 else ": no difference survives q < 0.05."))

# %% [markdown]
# ## Finding stories without labels
#
# The tables score the automatic story alignment (articles of the main language) over a
# grid of similarity thresholds and date windows, next to two baselines: everything in
# one story, and any two articles within the window linked whatever their text.


# %%
def best(table, method):
    rows = table[table["method"] == method]
    return rows.loc[rows["ari"].idxmax()]


for label, table_name in (("all event labels", "event_alignment"),
                          ("the catalogue's own events", "event_alignment_catalogue")):
    try:
        table = data.table(table_name)
    except Skip as why:
        print(f"Against {label}: not made for this study: {why}")
        continue
    print(f"Against {label}:")
    display(table.round(3))
    t, w = best(table, "tfidf"), best(table, "date-window")
    one = table.loc[table["method"] == "one-cluster", "ari"].iloc[0]
    print(f"{int(t.n_articles):,} labelled articles, {int(t.n_reference)} events: best TF-IDF "
          f"ARI {t.ari:.3f} (threshold {t.threshold}, {t.window_days:g}-day window; purity "
          f"{t.purity:.2f}, inverse purity {t.inverse_purity:.2f}); best date-window baseline "
          f"ARI {w.ari:.3f} ({w.window_days:g}-day window; purity {w.purity:.2f}, inverse "
          f"purity {w.inverse_purity:.2f}); one cluster ARI {one:.3f}.")
    verdict = "beats" if t.ari > w.ari else "does not beat"
    if max(t.ari, w.ari) < 0.1:
        reading = "neither matches the labels (both ARIs near zero)."
    elif t.ari > w.ari:
        reading = "the text adds to what the dates give."
    else:
        reading = "with these events the date is most of the signal."
    print(f"The text clusterer {verdict} linking articles by date alone: {reading}")

# %%
if study.is_default:
    print("In the embedded corpus the RUWA labels are coarse keyword labels spread over weeks "
          "to months, while the clusterer finds day-level stories: hence a high purity and a "
          "low inverse purity against all labels.")

# %% [markdown]
# ## Caveats
#
# - **Cross-language contrasts rest on per-language lexicons** (frame cues, term
#   variants, hedges), so they compare lexicons as well as outlets; tone is measured only
#   in English. The languages of the compared events' articles are below.
# - **Event labels from keywords or a catalogue are noisy**: some articles are assigned to
#   an event they mention in passing (see the headlines above).
# - **Few articles per outlet per event** (below): a same-event profile of an outlet with
#   one or two articles describes those articles, not the outlet.

# %%
if len(compared):
    display(pd.crosstab(compared["outlet_group"].map(group_name), compared["language"],
                        margins=True))
    n_languages = compared["language"].nunique()
    print(f"The compared events' articles are in {n_languages} language(s)"
          + (": group contrasts across them compare lexicons too." if n_languages > 1
             else ": one set of lexicons for all."))
    per_outlet = profiles[profiles["level"] == "outlet"].drop_duplicates(["event_id", "unit"])
    print(f"{len(per_outlet)} outlet × event cells: median "
          f"{per_outlet['n_total'].median():.0f} articles; "
          f"{(per_outlet['n_total'] < 5).mean():.0%} of them hold fewer than 5, "
          f"{(per_outlet['n_total'] == 1).mean():.0%} a single article.")
