"""Close reading of the full articles (the two seed pages) side by side.

Everything the feature families count, shown with the sentence it comes from, so a
reader can check each number against the text: the quotations with their speakers,
reporting verbs and source types; each contested-term choice; each hedge, evidential
and booster; each actor mention with the tone of its sentence. The features themselves
sit side by side in one table.
"""

from __future__ import annotations

import pandas as pd

from ..features import ContestedTerms, Document, Sentiment, Sourcing
from ..features._segment import sentence_spans

__all__ = ["close_reading", "full_articles"]

#: the features the side-by-side table shows, in reading order
SIDE_BY_SIDE = [
    "lex__n_words", "lex__n_sentences", "lex__mean_sentence_length",
    "lex__flesch_reading_ease", "lex__flesch_kincaid_grade", "lex__gunning_fog", "lex__mattr",
    "lex__mtld", "lex__quoted_share",
    "sent__all_compound", "sent__own_compound", "sent__quoted_compound",
    "sent__masked_compound", "sent__all_neg_share", "sent__all_pos_share",
    "frame__generic_conflict_rate", "frame__generic_human_interest_rate",
    "frame__generic_economic_rate", "frame__generic_morality_rate",
    "frame__generic_responsibility_rate",
    "src__n_quotes", "src__quotes_attributed_share", "src__verbs_neutral_n",
    "src__verbs_evaluative_n", "src__evidential_rate", "src__hedge_rate",
    "src__booster_rate", "src__scare_quotes_n",
]


def full_articles(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return the articles held in full (``text_level == "full"``), by date."""
    return corpus[corpus["text_level"] == "full"].sort_values(["date", "doc_id"])


def _sentence_of(text: str, spans: list[tuple[int, int]], start: int) -> str:
    for a, b in spans:
        if a <= start < b:
            return text[a:b]
    return ""


def close_reading(corpus: pd.DataFrame, features: pd.DataFrame,
                  lexicon_dir=None) -> dict[str, pd.DataFrame]:
    """Build the close-reading tables of the full articles.

    Parameters
    ----------
    corpus, features : the processed corpus and features.
    lexicon_dir : lexicon folder (default: the project's).

    Returns
    -------
    ``features`` (one row per feature, one column per article, named ``outlet``),
    ``quotes``, ``terms``, ``stance`` (reporting verbs and hedges) and ``actors``: tidy
    tables, each row with its ``outlet``, ``doc_id`` and ``sentence``.
    """
    docs = full_articles(corpus)
    sourcing, terms = Sourcing(lexicon_dir).fit(), ContestedTerms(lexicon_dir).fit()
    sentiment = Sentiment(lexicon_dir).fit()
    by_doc = features.set_index("doc_id")
    side = pd.DataFrame({"feature": SIDE_BY_SIDE})
    out: dict[str, list[dict]] = {"quotes": [], "terms": [], "stance": [], "actors": []}
    for row in docs.itertuples():
        doc = Document(row.text, row.language, row.text_level)
        spans = sentence_spans(row.text)
        side[row.outlet] = [by_doc.at[row.doc_id, f] for f in SIDE_BY_SIDE]
        here = {"outlet": row.outlet, "doc_id": row.doc_id}
        for q in sourcing.quotes(doc):
            out["quotes"].append({**here, "quote": q.quote, "speaker": q.speaker,
                                  "verb": q.verb, "verb_class": q.verb_class,
                                  "source_type": q.source_type, "scare_quote": q.scare,
                                  "sentence": q.context})
        for concept, variant, a, b in terms.occurrences(doc):
            out["terms"].append({**here, "concept": concept, "variant": variant,
                                 "matched": row.text[a:b], "start": a,
                                 "sentence": _sentence_of(row.text, spans, a)})
        for lexicon, category, a, b in sourcing.cue_spans(doc):
            out["stance"].append({**here, "lexicon": lexicon, "category": category,
                                  "matched": row.text[a:b], "start": a,
                                  "sentence": _sentence_of(row.text, spans, a)})
        for actor, a, b in sentiment.actor_mentions(doc):
            sentence = _sentence_of(row.text, spans, a)
            out["actors"].append({**here, "actor": actor, "matched": row.text[a:b], "start": a,
                                  "sentence_compound": sentiment.score(sentence),
                                  "sentence": sentence})
    return {"features": side, **{k: pd.DataFrame(v) for k, v in out.items()}}
