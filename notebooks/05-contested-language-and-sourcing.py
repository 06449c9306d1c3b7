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
# # 05 · Contested language and sourcing
#
# **Question.** Many of the things these outlets write about have competing names: Kyiv
# or Kiev; a war, an invasion, a "conflict" or a "special military operation"; Lukashenko
# as president, leader or dictator; migrants or refugees at the Polish border; territory
# occupied, annexed or "liberated"; Wagner as mercenaries, fighters or a "PMC". Which
# names does each outlet choose? Whose voices does it quote, with which reporting verbs
# (*said* or *claimed*) and which hedges (*allegedly*, *according to*)? And are the
# choices systematic enough that the outlet group can be told from the words alone?
#
# **Data.** The study's processed corpus and its features (`make features`) and the
# comparison tables of `make compare`: `term_choices_by_outlet`, `keyness_pairs`,
# `keyness_alpha0_sensitivity`, `estimates_by_outlet`, `contrasts_by_outlet`, and the
# classifier tables `classifier_*`. Which text each row holds (full text, lede, headline)
# is printed wherever outlets are compared.
#
# **Method.**
# - *Contested terms.* Each concept's competing variants are phrase patterns in
#   `data/lexicons/contested_terms.csv` (or the study's own lexicon folder; per
#   language, with who uses which variant and where it is ambiguous; after Entman 1993
#   and Fairclough 1995). A variant's share is its mentions over all mentions of the
#   concept's variants by that outlet.
# - *Keyness.* The log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
#   Quinn 2008), the prior being the pooled corpus scaled to α0 = 1000 pseudo-tokens, with
#   its z-score; Hardie's (2014) Log Ratio as an effect size readers can interpret
#   (+1 = twice as frequent). Because the z-score treats tokens as independent, the top
#   terms are re-tested with a document-level permutation test (Lijffijt et al. 2016).
#   A sensitivity table shows how each group's top 20 terms move as α0 varies. The pairs
#   are the study's (`[comparisons] pairs`), else every pair of units with
#   `thresholds.keyness_min_docs` articles in the main language.
# - *Sourcing.* Quotations attributed to a reporting verb, a speaker and a source type
#   (Bell 1991; Pareti 2016); neutral (*said*, *told*) vs evaluative reporting verbs
#   (*claimed*, *alleged*, *accused*; Caldas-Coulthard 1994); hedges, evidentials and
#   boosters in the author's own text per 1,000 words (Hyland 1998, 2005; Farkas et al.
#   2010). Means per outlet with 95% (cluster) bootstrap CIs (Efron & Tibshirani 1993).
# - *Classifier.* TF-IDF over word unigrams and bigrams (Salton & Buckley 1988) with a
#   class-balanced logistic regression (Wang & Manning 2012), cross-validated with five
#   folds grouped by event (train on some events, test on others; with fewer events, one
#   event held out per fold), next to majority-class and stratified baselines; groups
#   with `thresholds.classifier_min_per_group` event-labelled articles in the main
#   language.
# - *Contrasts.* Outlet against outlet within the events both covered (5+ articles per
#   side per event; Hedges' g or Cliff's δ, permutation p with labels shuffled within
#   events, Benjamini–Hochberg q per feature family), or, where they share events with
#   fewer articles, paired by event (mean of per-event differences, sign-flip test, d_z).

# %%
# %matplotlib inline
import pandas as pd
from IPython.display import Markdown, display
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

import analysis
from analysis.build import Data, figure, keyness_output, one_level
from analysis.compare.levels import in_words
from analysis.compare.run import Skip
from analysis.corpus.text import LEVEL_PLURAL
from analysis.features.lexicons import LEXICON_DIR, load_lexicon

study = analysis.current_study()
data = Data(study)
print(f"Study: {study.title}")
corpus = data.corpus
outlets = data.outlets
name = {**outlets.set_index("outlet")["outlet_name"].to_dict(),
        **outlets.drop_duplicates("outlet_group").set_index("outlet_group")["group_name"]}
group_of = outlets.set_index("outlet")["outlet_group"].to_dict()
choices = data.table("term_choices_by_outlet")
group_choices = data.table("term_choices_by_outlet_group")
print(f"{len(corpus):,} articles; {int(choices['mentions'].sum()):,} contested-term mentions "
      f"in {choices.loc[choices['mentions'] > 0, 'outlet'].nunique()} of "
      f"{corpus['outlet'].nunique()} outlets")


def text_levels(frame, by):
    """Each unit's share of full texts, ledes and bare headlines, with its articles."""
    mix = pd.crosstab(frame[by].map(name), frame["text_level"], normalize="index").round(2)
    return mix.assign(articles=frame[by].map(name).value_counts())


# %% [markdown]
# ## Which word for the contested thing
#
# One panel per concept; one bar per outlet with at least ten mentions of the concept,
# split by the variants it used.

# %%
try:  # the same function the build uses for figures/contested_terms_by_outlet.*
    _, fig = figure("contested_terms_by_outlet", data)
except Skip as why:
    fig = None
    print(f"Not made for this study: {why}")
fig

# %% [markdown]
# For each concept, the variant each outlet used most, with its share and the outlet's
# mentions of the concept (outlets with ten or more mentions of the concept, as in the
# figure; "Belarus" vs "Białoruś" only follows the language, so it is left out):

# %%
shown = choices[(choices["concept_mentions"] >= 10) & (choices["concept"] != "belarus_naming")]
top = (shown.sort_values(["concept", "outlet", "share"], ascending=[True, True, False])
       .groupby(["concept", "outlet"]).head(1))
top = top.assign(cell=top["variant"] + " " + (100 * top["share"]).round().astype(int).astype(str)
                 + "% of " + top["concept_mentions"].astype(int).astype(str))
order = [o for o in outlets["outlet"] if o in set(top["outlet"])]
grid = (top.pivot(index="outlet", columns="concept", values="cell").reindex(order)
        .astype(object).fillna(""))
grid.index = grid.index.map(name)
with pd.option_context("display.max_rows", 100, "display.max_columns", 20,
                       "display.max_colwidth", 40):
    display(grid)
print("Text levels of these outlets' articles:")
display(text_levels(corpus[corpus["outlet"].isin(order)], "outlet"))

# %% [markdown]
# Where the outlets divide: for each concept, which variant leads at which outlet (outlets
# with ten or more mentions), and the same for outlet groups.

# %%
if top.empty:
    print("No outlet mentions any contested concept ten or more times: no choice to compare.")
for concept, part in top.groupby("concept"):
    leads = part.groupby("variant")["outlet"].agg(lambda o: ", ".join(name[x] for x in o))
    if len(part) == 1:
        print(f"{concept}: only {leads.iloc[0]} has 10+ mentions; it uses "
              f"'{leads.index[0]}' most (nothing to compare)")
    elif len(leads) == 1:
        print(f"{concept}: all {len(part)} outlets with 10+ mentions use '{leads.index[0]}' "
              "most (no division)")
    else:
        print(f"{concept}: the outlets divide; " + "; ".join(
            f"'{variant}' leads at {who}" for variant, who in leads.items()))
groups = group_choices[(group_choices["concept_mentions"] >= 10)
                       & (group_choices["concept"] != "belarus_naming")]
groups = (groups.sort_values(["concept", "outlet_group", "share"], ascending=[True, True, False])
          .groupby(["concept", "outlet_group"]).head(1))
print("\nBy outlet group (10+ mentions):")
for concept, part in groups.groupby("concept"):
    print(f"{concept}: " + "; ".join(
        f"{name.get(r.outlet_group, r.outlet_group)} '{r.variant}' {r.share:.0%} of "
        f"{int(r.concept_mentions)}" for r in part.itertuples()))

# %% [markdown]
# A concept's lexicon matches a word, not its sense: "refugees" counts under the migrant
# naming of the 2021 border crisis wherever the word occurs, and the sentence decides
# what it names (notebook 08).

# %%
if study.is_default:
    features = analysis.load_features()
    refugees = features.loc[features["term__migrant_naming__refugees"] > 0, ["doc_id"]]
    reuters = corpus[corpus["outlet"] == "reuters"].merge(refugees, on="doc_id")
    print(f"For example, {len(reuters)} Reuters articles say 'refugees'; "
          f"{reuters['source'].eq('ruwa').sum()} of them are RUWA war headlines, not the "
          "border crisis.")

# %% [markdown]
# ## Outlet against outlet, within events
#
# Is a difference in word choice only a matter of which events each outlet covered? The
# outlet pairs compared here are the study's own outlet pairs (`[comparisons] pairs`),
# else the three outlet pairs of the keyness table with the most articles on the events
# both covered. Each pair is compared within events where it can be, else paired by event;
# shown are the contested-term features whose difference survives q < 0.05 (largest
# effects first), and the evaluative-verb share and evidential rate.

# %%
try:
    key = data.table("keyness_pairs")
    by_outlet = data.table("contrasts_by_outlet")
except Skip as why:  # no pair: the loop below has nothing to show
    print(f"No outlet pair to compare: {why}")
    key = pd.DataFrame(columns=["scope", "level", "label", "versus", "n_docs_a", "n_docs_b"])
shared = key[(key["scope"] == "shared_events")].drop_duplicates(["label", "versus"])
outlet_pairs = shared[shared["level"] == "outlet"].assign(
    smaller=lambda t: t[["n_docs_a", "n_docs_b"]].min(axis=1))
if not study.pairs:
    outlet_pairs = outlet_pairs.sort_values(["smaller", "label", "versus"],
                                            ascending=[False, True, True]).head(3)
sourcing_features = ["src__evaluative_verb_share", "src__evidential_rate"]
columns = ["feature", "scope", "n_a", "n_b", "n_events", "mean_a", "mean_b", "diff", "ci_low",
           "ci_high", "effect_measure", "effect", "p_perm", "q_bh"]
pair_rows = {}
if outlet_pairs.empty:
    print("No outlet pair with enough articles on shared events "
          f"(thresholds.keyness_min_docs = {study.thresholds.keyness_min_docs}).")
for pair in outlet_pairs.itertuples():
    a, b = sorted((pair.label, pair.versus))
    rows = by_outlet[(by_outlet["a"] == a) & (by_outlet["b"] == b)]
    scope = next((x for x in ("within_event", "paired_events") if (rows["scope"] == x).any()
                  and rows.loc[rows["scope"] == x, "q_bh"].notna().any()), None)
    display(Markdown(f"### {name[a]} vs {name[b]}"))
    display(text_levels(corpus[corpus["outlet"].isin([a, b])], "outlet"))
    if scope is None:
        apart = rows["note"].fillna("").str.startswith("no text level")
        print(f"{name[a]} vs {name[b]}: {rows.loc[apart, 'note'].iloc[0]}."
              if apart.any() else f"{name[a]} and {name[b]} have no within-event or paired "
              "contrast (too few shared events or articles).")
        continue
    rows = rows[rows["scope"] == scope]
    pair_rows[(a, b)] = rows
    terms_q = rows[rows["feature"].str.startswith("term__") & (rows["q_bh"] < 0.05)]
    terms_q = terms_q.reindex(terms_q["effect"].abs().sort_values(ascending=False).index)
    display(pd.concat([terms_q.head(8), rows[rows["feature"].isin(sourcing_features)]])
            [columns].set_index("feature").round(4))
    tested = rows["feature"].str.startswith("term__") & rows["q_bh"].notna()
    how = ("within the events both covered" if scope == "within_event"
           else "paired by event (each side too few articles per event for within-event)")
    print(f"{name[a]} minus {name[b]}, {how}, {int(rows['n_events'].max())} event(s), "
          f"compared on {in_words(rows)}: "
          f"{len(terms_q)} of {tested.sum()} contested-term features differ with q < 0.05"
          + ("" if len(terms_q) else ": no term difference survives q < 0.05") + ".")
    for r in terms_q.head(3).itertuples():
        print(f"  {r.feature}: {r.mean_a:.3f} vs {r.mean_b:.3f} per article, {name[a]} "
              f"{'more' if r.diff > 0 else 'less'} [95% CI {r.ci_low:.3f}, {r.ci_high:.3f}], "
              f"{r.effect_measure} {r.effect:.2f}, p = {r.p_perm:.3f}, q = {r.q_bh:.3f}")
    for r in rows[rows["feature"].isin(sourcing_features)].itertuples():
        if pd.isna(r.q_bh):
            print(f"  {r.feature}: not tested ({r.note if isinstance(r.note, str) else 'no q'})")
            continue
        verdict = "differs" if r.q_bh < 0.05 else "does not differ at q < 0.05"
        print(f"  {r.feature} {verdict}: {name[a]} {r.mean_a:.3f} vs {name[b]} {r.mean_b:.3f}, "
              f"difference {r.diff:+.3f} [95% CI {r.ci_low:+.3f}, {r.ci_high:+.3f}], "
              f"{r.effect_measure} {r.effect:.2f}, q = {r.q_bh:.3f}")

# %% [markdown]
# ## Distinctive words: keyness
#
# For every outlet-group pair of the keyness table that has a figure (all of them, unless the
# study names no pairs and has more than `thresholds.keyness_figures_max`), and the outlet
# pairs above: each point of the figure is a term (x: how often it occurs; y: its log-odds
# z) on the events both sides covered. Hollow points would be terms that fail the
# document-level check. Each pair is compared on one text level at a time (its title names
# it): headline grammar drops articles and auxiliaries, so across levels function words
# would top the lists and mark a difference in text level, not in framing. A pair whose
# sides share no level with `thresholds.keyness_min_docs` articles each is not compared,
# and the reason is printed. Below each, the share of function words (scikit-learn's
# English stop words) among each side's top 20.


# %%
def key_terms(table, n=10):
    """The n highest- and lowest-z terms of one pair table, for display."""
    cols = ["term", "z", "log_ratio", "count_label", "count_rest", "docs_label", "docs_rest",
            "p_doc_perm"]
    ordered = table.sort_values("z", ascending=False)
    return ordered[cols].head(n).round(3), ordered[cols].tail(n)[::-1].round(3)


shown_pairs = pd.concat([shared[shared["level"] == "outlet_group"], outlet_pairs])
drawn = [keyness_output(a, b) in data.specs
         for a, b in zip(shown_pairs["label"], shown_pairs["versus"], strict=True)]
if not all(drawn):
    print(f"{drawn.count(False):,} of the {len(drawn):,} pairs have no keyness figure: the "
          "study names no pairs, and figures are drawn for the "
          f"{study.thresholds.keyness_figures_max} pairs per level with the most articles "
          "(thresholds.keyness_figures_max); every pair is in tables/keyness_pairs.csv.")
shown_pairs = shown_pairs[drawn]
if shown_pairs.empty:
    print("No keyness pair for this study (thresholds.keyness_min_docs = "
          f"{study.thresholds.keyness_min_docs} articles per side in the main language).")
for pair in shown_pairs.itertuples():
    a, b, level = pair.label, pair.versus, pair.level
    output = keyness_output(a, b)
    display(Markdown(f"### {name.get(a, a)} vs {name.get(b, b)}"))
    try:
        table, fig = figure(output, data)
    except Skip as why:
        print(f"Not made for this study: {why}")
        continue
    display(fig)
    over, under = key_terms(table, n=8)
    compared = table["text_level"].iloc[0]
    print(f"{name.get(a, a)} ({int(table['n_docs_a'].iloc[0]):,} {LEVEL_PLURAL[compared]}) vs "
          f"{name.get(b, b)} ({int(table['n_docs_b'].iloc[0]):,}), events both covered; "
          f"over-used by {name.get(a, a)}: " + ", ".join(over["term"]))
    print(f"over-used by {name.get(b, b)}: " + ", ".join(under["term"]))
    checked = table["p_doc_perm"].notna()
    print(f"{checked.sum()} top terms re-tested at the document level; "
          f"{(table.loc[checked, 'p_doc_perm'] > 0.05).sum()} of them have p_doc_perm > 0.05.")
    made = key[(key["label"] == a) & (key["versus"] == b) & (key["scope"] == "shared_events")
               & key["term"].notna()]
    other = sorted(set(made["text_level"]) - {compared})
    if other:
        print(f"Also compared on {', '.join(LEVEL_PLURAL[x] for x in other)} "
              "(tables/keyness_pairs.csv).")
    for side, top in ((name.get(a, a), table[table["z"] > 0].nlargest(20, "z")),
                      (name.get(b, b), table[table["z"] < 0].nsmallest(20, "z"))):
        print(f"  function words among {side}'s top {len(top)}: "
              f"{int(top['term'].isin(ENGLISH_STOP_WORDS).sum())}")

# %% [markdown]
# ### Does the reading hinge on the prior weight α0?
#
# Each group's top 20 terms (one group against the rest, main language) at α0 = 10, 100,
# 1,000 (the default) and 10,000 pseudo-tokens, and the Jaccard overlap of each set with
# the default's.

# %%
try:
    sensitivity = data.table("keyness_alpha0_sensitivity")
except Skip as why:
    sensitivity = None
    print(f"Not made for this study: {why}")
if sensitivity is not None:
    print(f"On {LEVEL_PLURAL[sensitivity['text_level'].iloc[0]]} only (the level with the most "
          "articles among groups with enough of them).")
    jaccard = (sensitivity.drop_duplicates(["alpha0", "label"])
               .pivot(index="label", columns="alpha0", values="jaccard_default"))
    display(jaccard.round(2))
    for alpha0, column in jaccard.items():
        print(f"α0 = {alpha0:>6,}: " + (
            f"all {len(column)} groups' top {sensitivity['rank'].max()} unchanged"
            if (column == 1).all() else
            f"lowest overlap with the default top {sensitivity['rank'].max()} "
            f"{column.min():.2f} ({column.idxmin()}), {int((column == 1).sum())} of "
            f"{len(column)} groups unchanged"))
    moved = sensitivity[(sensitivity["alpha0"] == sensitivity["alpha0"].max())
                        & ~sensitivity["in_default_top"]]
    print("Terms entering a top set only at the largest α0: "
          + (", ".join(f"{r.term} ({r.label})" for r in moved.itertuples()) or "none"))

# %% [markdown]
# ## Whose voices, and how they are reported

# %%
try:
    sourcing, fig = figure("sourcing_by_outlet", data)
except Skip as why:
    sourcing, fig = None, None
    print(f"Not made for this study: {why}")
fig

# %% [markdown]
# Means per outlet (outlets with 10+ articles) of the evaluative-verb share, hedges and
# evidentials per 1,000 words, quotations per 1,000 words, and the quotations of Russian
# or Belarusian officials and of Western, Ukrainian or Polish officials per article:

# %%
estimates = data.table("estimates_by_outlet")
estimates, LEVEL, said = one_level(estimates)  # the figures' text level (like with like)
print(said)
wanted = ["src__evaluative_verb_share", "src__hedge_rate", "src__evidential_rate",
          "src__quotes_per_1k_words", "src__quotes_official_ru_by_n",
          "src__quotes_official_west_ua_pl_n"]
rows = estimates[estimates["feature"].isin(wanted)]
sizes = corpus["outlet"].value_counts()
rows = rows[rows["unit"].map(sizes).fillna(0) >= 10]
table = rows.pivot(index="unit", columns="feature", values="mean").reindex(columns=wanted)
table = table.reindex([o for o in outlets["outlet"] if o in table.index])
table.index = table.index.map(name)
articles = dict(zip(map(name.get, sizes.index), sizes, strict=True))
display(table.assign(articles=table.index.map(articles)).round(3))
print("Text levels of these outlets' articles:")
display(text_levels(corpus[corpus["outlet"].map(name).isin(table.index)], "outlet"))

# %%
ev = estimates[estimates["feature"] == "src__evaluative_verb_share"].dropna(subset=["mean"])
ev = ev[ev["n_articles"] >= 30].sort_values("mean", ascending=False)
if len(ev) < 2:
    print(f"{len(ev)} outlet(s) have 30+ articles with a reporting verb: too few to rank "
          "outlets by their evaluative-verb share.")
else:
    k = min(3, len(ev) // 2)
    for label, part in (("Highest", ev.head(k)), ("Lowest", ev.tail(k))):
        print(f"{label} evaluative-verb shares (30+ articles with a reporting verb, "
              f"{len(ev)} outlets): " + "; ".join(
                  f"{name[r.unit]} {r.mean:.0%} [{r.ci_low:.0%}, {r.ci_high:.0%}], "
                  f"n = {r.n_articles}" for r in part.itertuples()))
    apart = ev["ci_low"].iloc[0] > ev["ci_high"].iloc[-1]
    print("The highest and the lowest intervals " + ("do not overlap." if apart else
                                                     "overlap: no clear ranking."))

# %% [markdown]
# What an evaluative verb does depends on whose statement it reports: *claimed* or
# *accused* can distance the writer from either side. The share counts the verbs, not
# whose words they frame; notebook 08 shows them sentence by sentence.
#
# The source types are the roughest of these measures: notebook 07 scores them against
# hand-read quotations of the embedded corpus only (`source_type_validity`). Read a
# difference in whom outlets quote only where it is large.
#
# ## Can the outlet group be told from the words alone?
#
# A classifier trained on some events predicts the outlet group of articles about other
# events (articles in the main language with an event label, on one text level — the one
# where the most groups have `thresholds.classifier_min_per_group` such articles — so that
# it cannot tell the groups apart by the kind of text alone).

# %%
try:
    confusion, fig = figure("outlet_group_classifier_confusion", data)
except Skip as why:
    confusion, fig = None, None
    print(f"Not made for this study: {why}")
fig

# %%
if confusion is not None:
    # the table the build writes as tables/outlet_group_classifier_scores.{csv,tex}
    scores, _ = figure("outlet_group_classifier_scores", data)
    display(scores.round(3))
    model, majority, stratified = (scores.set_index("model").loc[m] for m in
                                   ("tfidf_logreg", "majority", "stratified"))
    print(f"Macro-F1 {model.macro_f1:.2f} [95% CI {model.ci_low:.2f}, {model.ci_high:.2f}] "
          f"over {int(model.n_articles):,} {LEVEL_PLURAL[model.text_level]} (one text level), "
          f"{int(model.n_events)} events, "
          f"{int(model.n_folds)} event-grouped folds and {int(model.n_classes)} groups; "
          f"majority class {majority.macro_f1:.2f} [{majority.ci_low:.2f}, "
          f"{majority.ci_high:.2f}], stratified guess {stratified.macro_f1:.2f} "
          f"[{stratified.ci_low:.2f}, {stratified.ci_high:.2f}].")
    clear = model.ci_low > max(majority.ci_high, stratified.ci_high)
    print("The classifier is " + ("clearly above both baselines (its interval clears theirs)"
                                  if clear else "not clearly above the baselines")
          + " on events it never saw.")
    folds = data.table("classifier_folds")
    print(f"Per fold (held-out events): macro-F1 from {folds['macro_f1'].min():.2f} to "
          f"{folds['macro_f1'].max():.2f}; the weakest fold holds out "
          f"{folds.loc[folds['macro_f1'].idxmin(), 'held_out_events']}.")
    recall = confusion[confusion["true"] == confusion["predicted"]].sort_values("share_of_true")
    for r in recall.itertuples():
        print(f"  {name.get(r.true, r.true):18s} recognised in {r.share_of_true:.0%} of its "
              "articles")
    display(data.table("classifier_groups"))
    used = corpus[(corpus["language"] == corpus["language"].mode().iloc[0])
                  & corpus["event_id"].notna()
                  & corpus["outlet_group"].isin(recall["true"])]
    print(f"The classifier reads {LEVEL_PLURAL[model.text_level]} only; the text levels of "
          "these groups' event-labelled articles (the others are left out):")
    display(text_levels(used, "outlet_group"))

# %% [markdown]
# The classifier's most indicative terms per group (largest positive coefficients of a
# model fitted on all evaluated articles). Many such terms are not framing at all but
# house style: transliteration conventions, headline formats and programme names. Some
# markers of each kind, located in the table:

# %%
markers = {"kiev": "Russian-derived spelling of Kyiv",
           "zaporozhye": "Russian-derived spelling of Zaporizhzhia",
           "donbass": "Russian-derived spelling of Donbas",
           "zelensky": "transliteration of Zelensky's name",
           "zelenskyy": "transliteration of Zelensky's name",
           "zelenskiy": "transliteration of Zelensky's name",
           "zelenskyi": "transliteration of Zelensky's name",
           "occupiers": "naming Russian forces", "invaders": "naming Russian forces",
           "enemy": "naming Russian forces", "claims": "evaluative attribution",
           "alleged": "evaluative attribution", "reportedly": "evidential",
           "updates": "live-blog headline format", "latest": "live-blog headline format",
           "factbox": "agency headline format", "transcript": "programme format",
           "photos": "headline tag", "video": "headline tag"}
if confusion is not None:
    terms = data.table("classifier_terms")
    display(terms.groupby("outlet_group")["term"].apply(", ".join).rename("top terms")
            .to_frame())
    found = terms[terms["term"].isin(markers)].assign(kind=lambda t: t["term"].map(markers))
    for r in found.sort_values(["kind", "outlet_group"]).itertuples():
        print(f"{r.kind:36s} '{r.term}': {name.get(r.outlet_group, r.outlet_group)} "
              f"(rank {r.rank}, coefficient {r.coefficient:.2f})")
    style = found["kind"].str.contains("format|tag|transliteration")
    print(f"{len(found)} of the markers are among the groups' top terms: {style.sum()} of "
          f"house style, {(~style).sum()} of word choice. What the classifier learns is "
          + ("partly house style, not only framing." if style.any() else
             "not visibly house style in these markers (the list is not exhaustive)."))
else:
    print("No classifier for this study (above): no terms to read.")

# %% [markdown]
# ## Caveats
#
# - **Lexicon coverage.** Contested terms are counted only for the concepts and variants
#   in the study's contested-term lexicon, per language (below); a variant missing from
#   the list is invisible, and a pattern can match a use that is not the contested one (a
#   word of the opposite side quoted in an accusation counts as that side's name; see
#   notebook 08).
# - **Headline vs lede.** The text is whatever the row holds (text levels per outlet
#   above). More text means more chances to use any term, and headline grammar drops
#   function words: so keyness, the classifier and the contrasts compare one text level
#   at a time (or weight the shared levels equally), and pairs with no level in common
#   are not compared. Within a level, texts still differ in length.
# - **The classifier learns house style and source-dataset differences**, not only
#   framing; its 95% interval treats articles as independent, so it is too narrow for
#   articles clustered in events.
# - **Single-outlet groups.** A group of one outlet (below) makes a "group" difference
#   one newsroom's style.

# %%
folder = study.lexicons if study.lexicons and (
    study.lexicons / "contested_terms.csv").exists() else LEXICON_DIR
lexicon = pd.DataFrame(load_lexicon("contested_terms", folder).rows)
display(lexicon.groupby("language").agg(concepts=("concept", "nunique"),
                                        variants=("variant", "nunique"),
                                        patterns=("pattern", "size")))
missing = sorted(set(corpus["language"].dropna()) - set(lexicon["language"]))
print("Every language of the corpus has contested-term patterns." if not missing else
      f"No contested-term patterns for {', '.join(missing)}: those articles count no term.")
per_group = corpus.groupby("outlet_group")["outlet"].agg(
    outlets="nunique", largest=lambda s: name[s.value_counts().index[0]],
    largest_share=lambda s: round(s.value_counts(normalize=True).iloc[0], 3))
per_group.index = per_group.index.map(lambda g: name.get(g, g))
display(per_group)
single = per_group[per_group["outlets"] == 1]
print(f"{len(single)} of {len(per_group)} outlet groups are a single outlet"
      + (f" ({', '.join(single.index)})." if len(single) else "."))
