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
# # 08 · Two articles, close reading
#
# **Question.** The other notebooks average the suite's measures over thousands of
# headlines and ledes. What does each of those numbers look like in a real text? The full
# articles of the study's close-reading input (`[comparisons] close_reading` in
# `study.toml`; for the embedded study, two scraped pages about Russian troops in Belarus,
# provenance in `data/README.md`), listed below. Where does the automatic reading get them
# right, and where wrong? A study that names no close-reading input has no such articles,
# and this notebook then says so and stops.
#
# **Data.** The rows of the close-reading input held in full (`text_level == "full"`), and
# the close-reading tables of `make compare`: `close_reading_features`, `close_reading_quotes`,
# `close_reading_terms`, `close_reading_stance` and `close_reading_actors`. Every row of
# those tables carries the sentence it comes from.
#
# **Method.** The same feature code as for the whole corpus: readability and lexical
# diversity (Flesch 1948; McCarthy & Jarvis 2010), VADER sentence tone (Hutto & Gilbert
# 2014), generic-frame cues (Semetko & Valkenburg 2000), contested-term variants
# (`data/lexicons/contested_terms.csv`), quotation attribution to a reporting verb, a
# speaker and a source type (Bell 1991; Pareti 2016), neutral vs evaluative reporting
# verbs (Caldas-Coulthard 1994), and hedges, evidentials and boosters in the author's own
# text (Hyland 1998, 2005). Nothing is recomputed here: the notebook puts the tables next
# to the text.

# %%
# %matplotlib inline
import html
import re

import pandas as pd
from IPython.display import HTML, display

import analysis
from analysis.build import Data, figure
from analysis.compare.run import Skip

study = analysis.current_study()
data = Data(study)
print(f"Study: {study.title}")
name = data.outlets.set_index("outlet")["outlet_name"].to_dict()
try:
    quotes = data.table("close_reading_quotes")
    terms = data.table("close_reading_terms")
    stance = data.table("close_reading_stance")
    actors = data.table("close_reading_actors")
except Skip as why:
    reading = False
    print(f"No close reading for this study: {why}")
    print("Name an input whose rows hold full texts under [comparisons] close_reading in "
          "study.toml to read its articles side by side here; the rest of this notebook "
          "has nothing to show.")
else:
    reading = True
    source = data.corpus["source"].isin(study.close_reading)
    articles = data.corpus[source & (data.corpus["text_level"] == "full")].sort_values("date")
    print(f"{len(articles)} full article(s) of the close-reading input(s) "
          f"{', '.join(study.close_reading)}:")
    for a in articles.itertuples():
        print(f"{name[a.outlet]}, {a.date:%d %B %Y}: “{a.title}” ({len(a.text.split())} words "
              f"as held, language {a.language}, event {a.event_id})")

# %% [markdown]
# ## The texts
#
# As held in the corpus, boilerplate removed (click to open).

# %%
for a in articles.itertuples() if reading else ():
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in a.text.split("\n\n"))
    display(HTML(f"<details><summary><b>{html.escape(name[a.outlet])}</b>, "
                 f"{a.date:%d %B %Y}: {html.escape(a.title)}</summary>{paragraphs}</details>"))

# %% [markdown]
# ## The articles on the suite's features

# %%
try:
    features, fig = figure("seed_articles_side_by_side", data)
except Skip as why:
    features, fig = None, None
    print(f"Not made for this study: {why}")
fig

# %%
if features is not None:
    f = features.set_index("feature")
    units = list(f.columns)
    print("Length: " + "; ".join(f"{name.get(u, u)} {f.loc['lex__n_words', u]:.0f} words in "
                                 f"{f.loc['lex__n_sentences', u]:.0f} sentences" for u in units))
    print("Tone (mean VADER compound per sentence): " + "; ".join(
        f"{name.get(u, u)} {f.loc['sent__all_compound', u]:+.2f} "
        f"({f.loc['sent__all_neg_share', u]:.0%} of sentences negative; with the contested "
        f"terms masked {f.loc['sent__masked_compound', u]:+.2f})" for u in units))
    print("Quotations: " + "; ".join(
        f"{name.get(u, u)} {f.loc['src__n_quotes', u]:.0f}, evaluative reporting verbs "
        f"{f.loc['src__verbs_evaluative_n', u]:.0f}, neutral "
        f"{f.loc['src__verbs_neutral_n', u]:.0f}, evidentials per 1,000 words "
        f"{f.loc['src__evidential_rate', u]:.1f}" for u in units))
    print("Conflict-frame cues per 1,000 words: " + "; ".join(
        f"{name.get(u, u)} {f.loc['frame__generic_conflict_rate', u]:.1f}" for u in units))

# %% [markdown]
# ## Who is quoted, with which verb
#
# Each quotation with the reporting verb nearest it in its clause, the speaker named next
# to that verb, and the speaker's source type (empty where no type's pattern matched). A
# word or phrase lifted into the reporter's sentence is attributed when a reporting verb
# sits in its clause, so it does not count as a scare quote.

# %%
if reading:
    with pd.option_context("display.max_colwidth", 80):
        display(quotes[["outlet", "speaker", "verb", "verb_class", "source_type",
                        "scare_quote", "quote"]].assign(outlet=quotes["outlet"].map(name)))
    for outlet, part in quotes.groupby("outlet"):
        types = part["source_type"].fillna("no type").value_counts()
        short = (part["quote"].str.split().str.len() <= 3).sum()
        print(f"{name[outlet]}: {len(part)} quotations ({short} of three words or fewer); "
              "source types " + ", ".join(f"{t} {n}" for t, n in types.items())
              + f"; verbs {', '.join(part['verb'].dropna())}")

# %%
if reading and study.is_default:
    print("Reading the table above: The Moscow Times quotes Belarusian and Russian officials "
          "and frames Lukashenko's accusation with 'accused'; RT's quotations are mostly the "
          "Belarusian ministry and Lukashenko, its one Ukrainian voice in a sentence opening "
          "'Ukraine vehemently denied'.")

# %% [markdown]
# ## Contested terms, each with its sentence

# %%
if reading:
    with pd.option_context("display.max_colwidth", 140, "display.max_rows", 60):
        display(terms[terms["concept"] != "belarus_naming"]
                .assign(outlet=terms["outlet"].map(name))
                [["outlet", "concept", "variant", "matched", "sentence"]])
    print(terms.groupby(["outlet", "concept"]).size().unstack("outlet", fill_value=0))

# %% [markdown]
# For each concept the articles name with different variants (or that only one article
# names), each variant with its sentences:

# %%
if reading:
    used = terms[terms["concept"] != "belarus_naming"]
    for concept, part in used.groupby("concept"):
        chosen = part.groupby("outlet")["variant"].agg(lambda v: ", ".join(sorted(set(v))))
        if chosen.nunique() == 1 and len(chosen) == articles["outlet"].nunique():
            continue  # every article uses the same variant(s)
        for r in part.drop_duplicates(["outlet", "variant"]).itertuples():
            print(f"{name[r.outlet]} · {concept} = {r.variant} (“{r.matched}”): {r.sentence}")
    if study.is_default:
        print("\nRT's 'Kiev' is its house spelling (notebook 05); the 'Union State' is the "
              "Russia–Belarus treaty framework in whose name the ministry says the grouping "
              "defends 'the borders'; The Moscow Times calls the 2020 election 'disputed'.")

# %% [markdown]
# ## Hedges and evidentials
#
# Counted in the author's own text (quotations removed): hedges soften a claim
# (*might*, *at least*), evidentials mark where it comes from (*according to*,
# *allegedly*, *without providing evidence*).

# %%
if reading:
    hedging = stance[stance["lexicon"] == "hedges"]
    with pd.option_context("display.max_colwidth", 160):
        display(hedging.assign(outlet=hedging["outlet"].map(name))
                [["outlet", "category", "matched", "sentence"]])
    print(stance.groupby(["outlet", "lexicon", "category"]).size()
          .unstack("outlet", fill_value=0))
    if study.is_default:
        print("\n'Without providing evidence, … Lukashenko has accused …' is The Moscow Times "
              "marking a claim as unsupported, and 'allegedly' keeps the arming of migrants "
              "as Lukashenko's claim; RT's one hedge is in Ukraine's reported denial, and its "
              "'claims' frames the statements of officials in Kyiv.")

# %% [markdown]
# ## Actors and the tone of their sentences
#
# Each mention of an actor (by its aliases, `data/lexicons/actors.csv`) with the VADER
# compound of its sentence. The tone belongs to the sentence, not to the actor, and
# VADER's reading is lexical: a sentence's words, not its stance, set its score.

# %%
if reading:
    display(pd.crosstab(actors["actor"], actors["outlet"].map(name)))
    by_sentence = (actors.groupby(["outlet", "sentence", "sentence_compound"], sort=False)
                   ["actor"].agg(lambda a: ", ".join(dict.fromkeys(a))).reset_index())
    for outlet, part in by_sentence.groupby("outlet"):
        ordered = part.sort_values("sentence_compound")
        for label, r in (("most negative", ordered.iloc[0]), ("most positive", ordered.iloc[-1])):
            print(f"{name[outlet]}, {label} sentence naming an actor "
                  f"({r.sentence_compound:+.2f}; {r.actor}): {r.sentence}")

# %%
if reading:
    sign = pd.cut(by_sentence["sentence_compound"], [-1.01, -0.05, 0.05, 1.01],
                  labels=["negative", "neutral", "positive"], right=False)
    display(pd.crosstab(by_sentence["outlet"].map(name), sign, margins=True)
            .rename_axis(index="sentences naming an actor", columns="VADER reading"))
    for outlet, part in by_sentence[sign == "negative"].groupby("outlet"):
        for r in part.itertuples():
            print(f"{name[outlet]}, negative ({r.sentence_compound:+.2f}): {r.sentence}")
    if study.is_default:
        print("\nRT's sentences about the deployment itself read neutral or positive to VADER "
              "('allied force', 'bolster'); its negative ones are the conflict, the tensions, "
              "the accusations and the denial. The Moscow Times sentence on 'desperate "
              "migrants' at a border of barbed wire is that article's most positive sentence "
              "naming an actor.")

# %% [markdown]
# ## Where the automatic reading errs
#
# The tables make the errors checkable. Speakers and source types first: the quotations
# left untyped or typed as citizens.

# %%
if reading:
    unsure = quotes[quotes["source_type"].isna() | (quotes["source_type"] == "citizen")]
    print(f"{len(unsure)} of {len(quotes)} quotations untyped or typed as citizen:")
    for r in unsure.itertuples():
        typed = r.source_type if isinstance(r.source_type, str) else "nothing"
        print(f"{name[r.outlet]}: speaker “{r.speaker}” typed as {typed} "
              f"(verb “{r.verb}”): {r.sentence[:160]}")
    if study.is_default:
        print("\nRead by hand: in RT, 'Belarusian' as a speaker is an adjective ('some 70,000 "
              "Belarusian service members') and the quoted words are Lukashenko's, so they "
              "stay untyped; 'the ministry' (named a sentence earlier) is left untyped because "
              "the attribution does not resolve references across sentences.")

# %% [markdown]
# Notebook 07 scores the source types against hand-read quotations of the embedded corpus:
# read the source-type counts as a rough measure.
#
# Next, patterns that match the start of a longer word. Contested-term and actor patterns
# are prefix cues ("Lukashenk" for Lukashenko and Lukashenka): the word actually written
# at each match, where it is longer than the match:

# %%
if reading:
    texts = articles.set_index("doc_id")["text"]
    matches = pd.concat([terms.assign(table="terms"), actors.assign(table="actors")])
    matches["last"] = matches["matched"].str.split().str[-1]
    # the run of word characters written where the match's last word starts
    matches["word"] = [re.match(r"\w*", texts[d][s + len(m) - len(last):]).group()
                       for d, s, m, last in zip(matches["doc_id"], matches["start"],
                                                matches["matched"], matches["last"],
                                                strict=True)]
    longer = matches[matches["word"].str.len() > matches["last"].str.len()]
    display(longer.groupby(["table", "last", "word"]).size().rename("matches").to_frame())
    belarusian = longer[(longer["table"] == "terms") & (longer["word"] == "Belarusian")]
    print(f"{len(belarusian)} 'Belarus' term matches are the adjective 'Belarusian'"
          + (f", e.g.: {belarusian['sentence'].iloc[0]}" if len(belarusian) else "."))

# %% [markdown]
# A prefix of a name working as designed ("Lukashenk" → Lukashenko) is right; a country's
# name matching its adjective ("Belarus" → *Belarusian*) is not a variant of the name:
# counted under "naming Belarus", the adjective inflates the concept's mentions (it cannot
# flip the Belarus/Belorussia choice, but it weights articles by how often they use the
# adjective). For actors the adjective is arguably a mention ("Russian troops").
#
# Then word senses the lexicon cannot see: a variant is counted whoever's word it is.

# %%
if reading:
    senses = terms[terms["concept"].isin(["war_naming", "provocation"])]
    print(f"{len(senses)} matches of the war's names or of provocation:")
    for r in senses.itertuples():
        print(f"{name[r.outlet]} · {r.concept} = {r.variant} (“{r.matched}”): {r.sentence}")
    if study.is_default:
        print("\nRT's 'aggression from Kiev and the West' is Lukashenko's accusation, counted "
              "as naming the war 'aggression', the opposite side's word; 'provoke' and "
              "'provocation' appear in accusations by both sides.")

# %% [markdown]
# Finally the reporting verbs, where one word can be counted twice and a verb of a
# refusal is counted as reporting:

# %%
if reading:
    both = stance.groupby(["outlet", "start"]).filter(lambda g: g["lexicon"].nunique() > 1)
    print(f"{both.groupby(['outlet', 'start']).ngroups} word(s) counted in two lexicons:")
    for (outlet, _), g in both.groupby(["outlet", "start"]):
        print(f"{name[outlet]}: “{g['matched'].iloc[0]}” counted as "
              + " and ".join(g["lexicon"] + "/" + g["category"]) + f": {g['sentence'].iloc[0]}")
    refusal = stance[stance["sentence"].str.contains("declined to comment", regex=False)]
    print(f"\nSentences with 'declined to comment': {refusal['sentence'].nunique()}, "
          f"{len(refusal)} matches"
          + (f" ({', '.join(refusal['matched'] + ' = ' + refusal['category'])}): "
             f"{refusal['sentence'].iloc[0]}" if len(refusal) else "."))
    verbs = stance[stance["lexicon"].str.contains("verb")]
    print("Reporting verbs per article: " + ", ".join(
        f"{name[o]} {n}" for o, n in verbs.groupby("outlet").size().items())
          + ": with so few, one such sentence moves an article's evaluative-verb share.")

# %% [markdown]
# ## Caveats
#
# - **A few articles are illustrations, not evidence about outlets.** They show what the
#   measures count; they say nothing about how their outlets write in general (what else
#   the corpus holds of those outlets is below).
# - **Dates and events.** Articles on different events, or far apart in time, differ in
#   frames, actors and terms because of the story as much as the outlet (below); notebook
#   06 compares outlets within one event.
# - **The errors above are found by reading.** They are not corrected in the features;
#   averaged over thousands of headlines such errors are noise of unknown direction, and
#   a researcher citing a sourcing or term measure should spot-check its sentences, as
#   here.

# %%
if reading:
    events = articles["event_id"].fillna("no event")
    span = articles["date"].max() - articles["date"].min()
    print(f"The {len(articles)} articles cover {events.nunique()} event(s) "
          f"({', '.join(events.unique())}) and span {span.days} days: "
          + ("their differences reflect the story as much as the outlet."
             if events.nunique() > 1 or span.days > 31 else
             "one story within a month, so the outlet weighs more in their differences."))
    others = data.corpus[data.corpus["outlet"].isin(articles["outlet"])]
    display(pd.crosstab(others["outlet"].map(name), others["text_level"], margins=True))
else:
    print("No close-reading input: nothing to read side by side for this study.")
