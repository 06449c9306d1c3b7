"""Measurement validity: the frame and sentiment measures against human coders.

Frames: the Narrative Frames Corpus (Frermann et al. 2023) has article-level yes/no labels
for the five generic frames of Semetko & Valkenburg (2000) on 428 English climate-change
articles. The articles are split into a tuning half and a held-out half with a fixed seed
before anything is tuned; on the tuning half only, each frame's cue-rate threshold is
chosen to maximise F1; the held-out half is then scored once, next to two baselines: the
majority class of the tuning half, and a base-rate guesser that says "present" with the
tuning half's prevalence.

Sentiment: NewsMTSC (Hamborg & Donnay 2021) labels the polarity of a sentence toward a
target mention. The suite's actor tone is the VADER compound of the sentence that names
the actor, so here each labelled sentence is scored with VADER and read as negative
(<= -0.05), positive (>= 0.05) or neutral, against the target's label.

Target sentiment: the classifier behind :func:`analysis.target_sentiment` is fitted on
the ``train`` part of NewsMTSC (``newsmtsc_split.csv``, whole sentences, drawn before any
tuning) and scored on the ``held_out`` part, next to sentence-level VADER and the train
part's majority class; on the train part it is scored by grouped cross-validation.

Hedges: a sentence is flagged uncertain when it holds a hedge or evidential cue of
``hedges.csv`` (:func:`analysis.features.sourcing.uncertain`), against the CoNLL-2010
Wikipedia uncertainty labels (Farkas et al. 2010; Vincze 2014). Their distinct sentences
are split into a tuning and a held-out half (``weasel_split.csv``, stratified, seeded,
drawn before any cue was looked at); each cue's precision on the tuning half
(:func:`tuning_columns`) decides whether it is used. Both halves are scored next to the
version 1.0 cues (the old ``src__`` flag), a fixed regular expression of seven cue words
(:data:`BASELINE_CUES`) and flagging every sentence; MCC (Matthews 1975) is given beside
F1 because F1 rewards flagging everything when a third of the sentences are uncertain.

Source types: 260 attributed quotations of the corpus whose speaker's source type was read
by hand (``data/validation/quote_source_types.csv``, a design set and two held-out sets;
not an independent annotation, see its README) against the type the sourcing family gives,
next to a second, blind reading of the same quotations
(``quote_source_types_second.csv``) and a baseline that gives every quotation the design
set's most frequent type.

References
----------
Farkas, R., Vincze, V., Móra, G., Csirik, J. & Szarvas, G. (2010). The CoNLL-2010 shared
    task: learning to detect hedges and their scope in natural language text. CoNLL.
Frermann, L., Li, J., Khanehzar, S. & Mikolajczak, G. (2023). Conflicts, villains,
    resolutions: towards models of narrative media framing. Proceedings of ACL.
Hamborg, F. & Donnay, K. (2021). NewsMTSC: a dataset for (multi-)target-dependent
    sentiment classification in political news articles. Proceedings of EACL.
Hyland, K. (2005). Metadiscourse. Continuum.
Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School for
    Communication, University of Pennsylvania, Departmental Papers 43.
Matthews, B. W. (1975). Comparison of the predicted and observed secondary structure of T4
    phage lysozyme. Biochimica et Biophysica Acta 405(2), 442-451.
Vincze, V. (2014). Uncertainty detection in natural language texts. PhD thesis,
    University of Szeged.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    matthews_corrcoef,
    precision_recall_fscore_support,
)

from .._paths import DATA, PROCESSED
from ..corpus._datafile import ConfigError, read_rows

__all__ = [
    "BASELINE_CUES", "FRAME_LABELS", "SPLIT_SEED", "cue_precision", "frame_validity",
    "hedge_validity", "krippendorff_alpha", "load_narrative_frames", "load_newsmtsc",
    "load_quote_source_types", "load_second_reading", "load_weasel", "predict_source_types",
    "run_validity", "sentiment_validity", "source_type_validity", "split_halves",
    "split_weasel", "target_sentiment_validity",
]

VALIDATION = DATA / "validation"
#: our generic-frame key -> the Narrative Frames Corpus column ("RE" is resolution, the
#: corpus's name for the responsibility frame)
FRAME_LABELS = {"conflict": "CO", "economic": "EC", "human_interest": "HI",
                "morality": "MO", "responsibility": "RE"}
SPLIT_SEED = 20261121
_TRUTH = {"True": True, "False": False}


def load_narrative_frames(path: Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load the Narrative Frames Corpus articles with their five frame labels.

    Returns
    -------
    (articles, report)
        ``articles``: ID, source, text and one boolean column per frame key. ``report``:
        one row per input row (``ID``, ``status`` kept/repaired/rejected, ``reason``), so
        the malformed rows are accounted for: one row lacks its label columns (rejected)
        and one carries a stray ``False)`` (read as False, reported as repaired).
    """
    path = Path(path) if path else VALIDATION / "narrative-frames" / "articles_metadata.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(io.StringIO(fh.read()), delimiter="\t"))
    header, records, report = rows[0], [], []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            report.append({"ID": row[0] if row else None, "status": "rejected",
                           "reason": f"{path.name}:{line}: {len(row)} fields, header has "
                                     f"{len(header)} (no frame labels)"})
            continue
        values = dict(zip(header, row, strict=True))
        status, reason = "kept", None
        labels = {}
        for key, column in FRAME_LABELS.items():
            raw = values[column]
            if raw not in _TRUTH and raw.rstrip(")") in _TRUTH:
                status, reason = "repaired", f"{column} value {raw!r} read as {raw.rstrip(')')}"
                raw = raw.rstrip(")")
            if raw not in _TRUTH:
                status, reason = "rejected", f"{column} value {raw!r} is not True/False"
                break
            labels[key] = _TRUTH[raw]
        report.append({"ID": values["ID"], "status": status, "reason": reason})
        if status != "rejected":
            records.append({"ID": values["ID"], "source": values["source"],
                            "text": values["text"], **labels})
    return pd.DataFrame(records), pd.DataFrame(report)


def split_halves(ids: pd.Series, seed: int = SPLIT_SEED) -> pd.Series:
    """Assign each ID to ``tuning`` or ``held_out`` (half each), by a seeded permutation.

    The IDs are sorted first, so the split depends only on the set of IDs and the seed.
    """
    ordered = sorted(ids.astype(str))
    rng = np.random.default_rng(seed)
    permuted = [ordered[i] for i in rng.permutation(len(ordered))]
    tuning = set(permuted[: len(permuted) // 2])
    return ids.astype(str).map(lambda i: "tuning" if i in tuning else "held_out")


def _best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """Return the score threshold (predict present if score >= it) with the best F1."""
    candidates = np.unique(scores[scores > 0])
    best, best_f1 = np.inf, -1.0
    for threshold in candidates:
        f1 = f1_score(truth, scores >= threshold, zero_division=0)
        if f1 > best_f1:
            best, best_f1 = float(threshold), f1
    return best


def frame_validity(articles: pd.DataFrame, rates: pd.DataFrame, halves: pd.Series
                   ) -> pd.DataFrame:
    """Score generic-frame cue rates against the human labels, tuned on one half only.

    Parameters
    ----------
    articles : from :func:`load_narrative_frames`.
    rates : per article, ``frame__generic_<frame>_rate`` columns (cue matches per 1,000
        words), aligned with `articles`.
    halves : from :func:`split_halves`, aligned with `articles`.

    Returns
    -------
    One row per frame: the threshold chosen on the tuning half, n and prevalence on the
    held-out half, precision, recall and F1 there, and F1 of the majority-class and
    base-rate baselines.
    """
    rows = []
    tune, test = (halves == "tuning").to_numpy(), (halves == "held_out").to_numpy()
    for frame in FRAME_LABELS:
        truth = articles[frame].to_numpy(dtype=bool)
        score = rates[f"frame__generic_{frame}_rate"].to_numpy(dtype=float)
        threshold = _best_threshold(score[tune], truth[tune])
        predicted = score[test] >= threshold
        p, r, f, _ = precision_recall_fscore_support(truth[test], predicted, average="binary",
                                                     zero_division=0)
        prevalence_tune = truth[tune].mean()
        prevalence = truth[test].mean()
        majority = np.full(test.sum(), prevalence_tune >= 0.5)
        rows.append({
            "frame": frame, "label": FRAME_LABELS[frame], "threshold_per_1k_words": threshold,
            "n_tuning": int(tune.sum()), "n_held_out": int(test.sum()),
            "prevalence_held_out": prevalence, "precision": p, "recall": r, "f1": f,
            "f1_majority": f1_score(truth[test], majority, zero_division=0),
            # expected F1 of guessing "present" at the tuning prevalence, independently
            "f1_base_rate": (2 * prevalence * prevalence_tune / (prevalence + prevalence_tune)
                             if prevalence + prevalence_tune else 0.0),
        })
    return pd.DataFrame(rows)


def load_newsmtsc(path: Path | None = None) -> pd.DataFrame:
    """Load NewsMTSC's target mentions: sentence, mention, gold polarity (neg/neu/pos)."""
    path = Path(path) if path else VALIDATION / "newsmtsc" / "train.jsonl.gz"
    labels = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            for target in item["targets"]:
                rows.append({"sentence": item["sentence_normalized"],
                             "mention": target["mention"],
                             "polarity": labels[float(target["polarity"])]})
    return pd.DataFrame(rows)


def sentiment_validity(targets: pd.DataFrame, compounds: pd.Series) -> pd.DataFrame:
    """Compare sentence-level VADER tone with NewsMTSC's target polarity.

    Returns one row per measure (the VADER sentence proxy and the majority baseline) with
    n, accuracy, macro-F1 and per-class F1.
    """
    predicted = np.where(compounds <= -0.05, "negative",
                         np.where(compounds >= 0.05, "positive", "neutral"))
    classes = ["negative", "neutral", "positive"]
    majority = targets["polarity"].value_counts().idxmax()
    rows = []
    for name, guess in (("vader_sentence", predicted),
                        (f"majority ({majority})", np.full(len(targets), majority))):
        per_class = f1_score(targets["polarity"], guess, labels=classes, average=None,
                             zero_division=0)
        rows.append({"measure": name, "n_targets": len(targets),
                     "accuracy": accuracy_score(targets["polarity"], guess),
                     "macro_f1": f1_score(targets["polarity"], guess, labels=classes,
                                          average="macro", zero_division=0),
                     **{f"f1_{c}": v for c, v in zip(classes, per_class, strict=True)}})
    return pd.DataFrame(rows)


WEASEL = VALIDATION / "weasel-train" / "train.csv.gz"
WEASEL_SPLIT = VALIDATION / "weasel_split.csv"
WEASEL_SEED = 20261204
#: the stated baseline of the hedge measure: seven common uncertainty cues (modal verbs and
#: adverbs of Hyland 2005 and of the CoNLL-2010 cue inventory), any case, whole words
BASELINE_CUES = re.compile(r"\b(?:may|might|could|possibly|probably|perhaps|likely)\b",
                           re.IGNORECASE)
#: the cue-precision cut-offs whose trade-off the hedge table shows
HEDGE_CUTOFFS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def load_weasel(path: Path | None = None) -> pd.DataFrame:
    """Load the CoNLL-2010 Wikipedia uncertainty sentences (training split).

    Returns
    -------
    DataFrame
        ``row`` (1-based data row of ``train.csv``), ``text`` (white space at its ends
        stripped), ``label`` (True = uncertain) and ``first`` (the row of the first
        sentence with the same text: 32 rows repeat an earlier one, always with its label).
    """
    path = Path(path) if path else WEASEL
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    table = pd.DataFrame({"row": np.arange(1, len(records) + 1),
                          "text": [r["text"].strip() for r in records],
                          "label": [r["label"] == "1" for r in records]})
    table["first"] = table.groupby("text", sort=False)["row"].transform("min")
    return table


def split_weasel(sentences: pd.DataFrame, seed: int = WEASEL_SEED) -> pd.DataFrame:
    """Split the distinct sentences of :func:`load_weasel` into ``tuning`` and ``held_out``
    halves, stratified by label, with a seeded permutation of each label's rows.

    A repeated sentence is left out (only its first row is split), so no sentence is in
    both halves. Returns ``row`` and ``half``, in row order.
    """
    distinct = sentences[sentences["row"] == sentences["first"]]
    rng = np.random.default_rng(seed)
    tuning: set[int] = set()
    for label in (False, True):
        rows = sorted(distinct.loc[distinct["label"] == label, "row"])
        tuning |= {rows[i] for i in rng.permutation(len(rows))[: len(rows) // 2]}
    return pd.DataFrame({"row": distinct["row"].to_numpy(),
                         "half": ["tuning" if r in tuning else "held_out"
                                  for r in distinct["row"]]})


def weasel_halves(sentences: pd.DataFrame, path: Path | None = None) -> pd.Series:
    """The committed half of each sentence (``weasel_split.csv``); NaN for a repeat."""
    split = pd.read_csv(path or WEASEL_SPLIT)
    return sentences["row"].map(dict(zip(split["row"], split["half"], strict=True)))


def cue_precision(texts: pd.Series, labels: pd.Series, lexicon, language: str = "en",
                  types: tuple[str, ...] = ("hedge", "evidential")) -> pd.DataFrame:
    """How often each cue of `lexicon` (of `types`, in `language`) is found in `texts`
    and how many of the texts it is found in are labelled uncertain (`labels`).

    Returns one row per cue, in lexicon order: ``cue``, ``type``, ``n`` (texts matched),
    ``n_uncertain`` and ``precision`` (NaN when it matches none).
    """
    from ..features.lexicons import CueMatcher

    rows = [r for r in lexicon.rows if r["language"] == language and r["type"] in types]
    matcher = CueMatcher([(str(k), r["cue"], r["whole_word"] == "true",
                           r.get("case_sensitive") == "true") for k, r in enumerate(rows)])
    found = [{c for c, _, _ in m} for m in matcher.matches_many(list(texts))]
    truth = np.asarray(labels, dtype=bool)
    out = []
    for k, r in enumerate(rows):
        hit = np.array([str(k) in f for f in found], dtype=bool)
        n, n_uncertain = int(hit.sum()), int((hit & truth).sum())
        out.append({"cue": r["cue"], "type": r["type"], "n": n, "n_uncertain": n_uncertain,
                    "precision": n_uncertain / n if n else float("nan")})
    return pd.DataFrame(out)


#: a cue found in fewer sentences of the tuning half gets no tuning precision (it is kept)
CUE_MIN_N = 5
#: cues not tuned: attribution to a named source, which the CoNLL-2010 annotation does not
#: count as uncertainty but news style counts as evidential (decided before tuning); and
#: the epistemic modal verbs, the core hedges of Hyland (2005) and of the CoNLL-2010
#: guidelines, which its Wikipedia sentences leave mostly unmarked ("there may have been
#: as low as 38" is labelled certain; decided after seeing the tuning half, where "may"
#: and "could" are found in sentences less often uncertain than the base rate)
UNTUNED_CUES = frozenset({"according to", "citing", "claimed", "claims", "may", "might",
                          "could"})


def tuning_columns(lexicon, sentences: pd.DataFrame, halves: pd.Series) -> pd.DataFrame:
    """The ``tuning_n`` and ``tuning_precision`` columns of ``hedges.csv``: for each
    English hedge and evidential cue, the tuning-half sentences it is found in and the
    share of them labelled uncertain, rounded to 3 decimals; both empty for a cue found in
    fewer than ``CUE_MIN_N`` sentences or listed in ``UNTUNED_CUES``, and for every other
    row (:func:`analysis.features.sourcing.tuned_hedges` keeps such cues).

    Returns one row per lexicon row, in lexicon order: ``cue``, ``type``, ``language``,
    ``tuning_n``, ``tuning_precision`` (strings, as in the file).
    """
    tune = (halves == "tuning").to_numpy()
    stats = cue_precision(sentences.loc[tune, "text"], sentences.loc[tune, "label"], lexicon)
    by_cue = {(r.cue, r.type): r for r in stats.itertuples()}
    out = []
    for row in lexicon.rows:
        n = precision = ""
        found = by_cue.get((row["cue"], row["type"])) if row["language"] == "en" else None
        if found is not None and found.n >= CUE_MIN_N and row["cue"] not in UNTUNED_CUES:
            n, precision = str(found.n), f"{found.precision:.3f}"
        out.append({"cue": row["cue"], "type": row["type"], "language": row["language"],
                    "tuning_n": n, "tuning_precision": precision})
    return pd.DataFrame(out)


def hedge_validity(sentences: pd.DataFrame, halves: pd.Series,
                   flags: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """Score sentence flags ("uncertain") against the CoNLL-2010 labels, per half.

    Parameters
    ----------
    sentences : from :func:`load_weasel`.
    halves : ``tuning`` / ``held_out`` per sentence (NaN rows, the repeats, are left out).
    flags : measure name -> one boolean per sentence.

    Returns
    -------
    One row per measure and half: n sentences, prevalence, n flagged, precision, recall,
    F1 and Matthews correlation coefficient (MCC; Matthews 1975), which, unlike F1, is not
    raised by flagging everything.
    """
    truth = sentences["label"].to_numpy(dtype=bool)
    rows = []
    for name, flag in flags.items():
        flag = np.asarray(flag, dtype=bool)
        for half in ("tuning", "held_out"):
            at = (halves == half).to_numpy()
            p, r, f, _ = precision_recall_fscore_support(truth[at], flag[at],
                                                         average="binary", zero_division=0)
            rows.append({"measure": name, "half": half, "n_sentences": int(at.sum()),
                         "prevalence": truth[at].mean(), "n_flagged": int(flag[at].sum()),
                         "precision": p, "recall": r, "f1": f,
                         "mcc": matthews_corrcoef(truth[at], flag[at])})
    return pd.DataFrame(rows)


def _hedge_flags(sentences: pd.DataFrame) -> dict[str, np.ndarray]:
    """The hedge measures and baselines scored by :func:`hedge_validity`."""
    from ..features.lexicons import LEXICON_DIR, load_lexicon
    from ..features.sourcing import HEDGE_MIN_PRECISION, tuned_hedges, uncertain

    texts = list(sentences["text"])
    current = load_lexicon("hedges")
    flags = {
        f"hedges {current.version.split()[0]} (src__, cue precision >= {HEDGE_MIN_PRECISION})":
            uncertain(texts, tuned_hedges(current)),
        "hedges 1.0 (the old src__ flag)":
            uncertain(texts, load_lexicon("hedges", LEXICON_DIR / "previous")),
        "regex of 7 cue words (baseline)":
            np.array([bool(BASELINE_CUES.search(t)) for t in texts]),
        "all uncertain (baseline)": np.ones(len(texts), dtype=bool),
    }
    # what keeping the epistemic modals untuned costs on this annotation
    no_modals = tuned_hedges(current)
    no_modals = replace(no_modals, rows=tuple(
        r for r in no_modals.rows if not (r["cue"] in ("may", "might", "could")
                                          and r["language"] == "en" and r["type"] == "hedge")))
    flags["the same without the modals may, might, could"] = uncertain(texts, no_modals)
    for cutoff in HEDGE_CUTOFFS:
        flags[f"trade-off: cue precision >= {cutoff}"] = uncertain(
            texts, tuned_hedges(current, cutoff))
    return flags


def target_sentiment_validity(targets: pd.DataFrame, parts: pd.Series,
                              guesses: Mapping[str, Mapping[str, np.ndarray]]
                              ) -> pd.DataFrame:
    """Score polarity guesses toward NewsMTSC's target mentions, per part.

    Parameters
    ----------
    targets : from :func:`analysis.features.target.load_newsmtsc_targets` (``polarity``
        -1, 0, 1).
    parts : the part of each mention (``train``, ``held_out``).
    guesses : part -> measure name -> one polarity per mention of that part.

    Returns
    -------
    One row per measure and part: n, accuracy, macro precision, recall and F1, and F1 per
    class.
    """
    classes, names = [-1, 0, 1], ["negative", "neutral", "positive"]
    rows = []
    for part, measures in guesses.items():
        truth = targets.loc[(parts == part).to_numpy(), "polarity"].to_numpy()
        for name, guess in measures.items():
            p, r, f, _ = precision_recall_fscore_support(truth, guess, labels=classes,
                                                         average="macro", zero_division=0)
            per_class = f1_score(truth, guess, labels=classes, average=None, zero_division=0)
            rows.append({"measure": name, "part": part, "n_targets": len(truth),
                         "accuracy": accuracy_score(truth, guess), "macro_precision": p,
                         "macro_recall": r, "macro_f1": f,
                         **{f"f1_{c}": v for c, v in zip(names, per_class, strict=True)}})
    return pd.DataFrame(rows)


def _target_guesses(targets: pd.DataFrame, parts: pd.Series,
                    folds: int = 5) -> dict[str, dict[str, np.ndarray]]:
    """The target-sentiment measures and baselines on the held-out part; on the train part
    the same baselines and, for the model, its cross-validated guesses (folds grouped by
    sentence), since the model was fitted on that part."""
    from sklearn.model_selection import GroupKFold
    from threadpoolctl import threadpool_limits

    from ..features._vader import Vader
    from ..features.target import context_features, fit_target_model, target_sentiment

    vader = Vader()
    scores = {s: vader.compound(s) for s in targets["sentence"].unique()}
    compound = targets["sentence"].map(scores).to_numpy()
    sentence_tone = np.where(compound <= -0.05, -1, np.where(compound >= 0.05, 1, 0))
    train, held = (parts == "train").to_numpy(), (parts == "held_out").to_numpy()
    majority = int(targets.loc[train, "polarity"].value_counts().idxmax())
    spans = list(zip(targets["start"], targets["end"], strict=True))
    part = targets[train].reset_index(drop=True)
    part_spans = [spans[i] for i in np.flatnonzero(train)]
    cv = np.zeros(len(part), dtype=int)
    for fit_at, score_at in GroupKFold(n_splits=folds).split(part, groups=part["sentence"]):
        model = fit_target_model(part["sentence"].iloc[fit_at], [part_spans[i] for i in fit_at],
                                 part["polarity"].iloc[fit_at])
        with threadpool_limits(1):
            cv[score_at] = model.predict([context_features(part["sentence"].iat[i],
                                                           *part_spans[i]) for i in score_at])
    name = {-1: "negative", 0: "neutral", 1: "positive"}[majority]
    vader_name = "vader_sentence (the sentence tone of sent__actor_*_compound)"
    return {
        "held_out": {
            "target model (analysis.target_sentiment)": np.asarray(target_sentiment(
                list(targets.loc[held, "sentence"]), [spans[i] for i in np.flatnonzero(held)])),
            vader_name: sentence_tone[held],
            f"majority class of the train part ({name})": np.full(held.sum(), majority),
        },
        "train": {
            f"target model ({folds}-fold cross-validation by sentence)": cv,
            vader_name: sentence_tone[train],
            f"majority class of the train part ({name})": np.full(train.sum(), majority),
        },
    }


#: hand-read types that no source type of the codebook matches: a quotation of either is
#: read rightly when it gets no type
NO_TYPE = ("other", "unknown")
#: the sets of hand-read quotations: the one the typing was designed on, and two held out
#: from it (the second read before the changes of sources.csv 1.2)
QUOTE_SETS = ("design", "held_out", "held_out_2")
#: the label of "no type" when agreement is counted over labels
_NONE = "none"
_QUOTE_COLUMNS = ("set", "doc_id", "language", "quote", "occurrence", "source_type")


def load_quote_source_types(path: Path | None = None) -> pd.DataFrame:
    """Load the hand-read source types of quotations (``quote_source_types.csv``).

    Raises ConfigError naming the file and line of a row whose set is not one of
    ``QUOTE_SETS``, whose occurrence is not a whole number from 0, or whose source type is
    neither one of ``sources.csv`` nor ``other`` or ``unknown``.
    """
    from ..features.lexicons import load_lexicon

    path = Path(path) if path else VALIDATION / "quote_source_types.csv"
    known = {*load_lexicon("sources").categories(), *NO_TYPE}
    records = []
    for line, row in read_rows(path, _QUOTE_COLUMNS):
        where = f"{path}:{line}"
        if row["set"] not in QUOTE_SETS:
            raise ConfigError(f"{where}: set must be one of {', '.join(QUOTE_SETS)}, not "
                              f"{row['set']!r}")
        if not row["occurrence"].isdigit():
            raise ConfigError(f"{where}: occurrence must be a whole number from 0, not "
                              f"{row['occurrence']!r}")
        if row["source_type"] not in known:
            raise ConfigError(f"{where}: unknown source type {row['source_type']!r}")
        records.append({c: row[c] for c in _QUOTE_COLUMNS})
    table = pd.DataFrame(records, columns=list(_QUOTE_COLUMNS))
    table["occurrence"] = table["occurrence"].astype(int)
    return table


def load_second_reading(first: pd.DataFrame, path: Path | None = None) -> pd.DataFrame:
    """Load a second, blind reading of the hand-read quotations
    (``quote_source_types_second.csv``), checked row by row against the first (`first`,
    as :func:`load_quote_source_types` returns it).

    Raises ConfigError naming the file and row where the two do not list the same
    quotation, and as :func:`load_quote_source_types` for a bad row.
    """
    path = Path(path) if path else VALIDATION / "quote_source_types_second.csv"
    second = load_quote_source_types(path)
    keys = ["set", "doc_id", "language", "quote", "occurrence"]
    if len(second) != len(first):
        raise ConfigError(f"{path}: {len(second)} quotations, the first reading has "
                          f"{len(first)}")
    differ = (second[keys].to_numpy() != first[keys].to_numpy()).any(axis=1)
    if differ.any():
        k = int(np.flatnonzero(differ)[0])
        raise ConfigError(f"{path}: row {k + 1} ({second['doc_id'].iat[k]}, "
                          f"{second['quote'].iat[k]!r}) is not the first reading's row {k + 1}")
    return second


def krippendorff_alpha(a: pd.Series, b: pd.Series) -> float:
    """Krippendorff's alpha of two codings of the same items on a nominal scale, none
    missing: 1 - (n - 1) * (values coded unlike) / (sum over label pairs c != k of
    n_c * n_k), where each item adds its two values, in both orders, to the coincidence
    matrix, n = 2 * items and n_c counts label c over both codings (Krippendorff 2011).
    NaN when only one label occurs.

    Examples
    --------
    >>> round(krippendorff_alpha(pd.Series(list("aabb")), pd.Series(list("abbb"))), 4)
    0.5333
    """
    a, b = pd.Series(a).to_numpy(dtype=object), pd.Series(b).to_numpy(dtype=object)
    n = 2 * len(a)
    counts = pd.Series(np.concatenate([a, b])).value_counts().to_numpy(dtype=float)
    expected = float(counts.sum() ** 2 - (counts ** 2).sum())  # sum of n_c * n_k, c != k
    if expected == 0:
        return float("nan")
    unlike = 2 * float((a != b).sum())  # each unlike item, in both orders
    return 1 - (n - 1) * unlike / expected


def predict_source_types(labels: pd.DataFrame, corpus: pd.DataFrame) -> pd.Series:
    """The sourcing family's source type of each labelled quotation (None for no type):
    the `occurrence`-th quotation with these words in the article's text.

    Raises ValueError naming the row when the article or the quotation is not found.
    """
    from ..features import Document
    from ..features.sourcing import Sourcing

    texts = corpus.set_index("doc_id")["text"]
    sourcing = Sourcing().fit()
    out = []
    for k, r in enumerate(labels.itertuples()):
        if r.doc_id not in texts.index:
            raise ValueError(f"row {k + 1}: article {r.doc_id} is not in the corpus")
        quotes = [q for q in sourcing.quotes(Document(texts[r.doc_id], r.language))
                  if q.quote == r.quote]
        if r.occurrence >= len(quotes):
            raise ValueError(f"row {k + 1}: article {r.doc_id} has {len(quotes)} quotation(s) "
                             f"with these words, not {r.occurrence + 1}")
        out.append(quotes[r.occurrence].source_type)
    return pd.Series(out, index=labels.index, dtype=object)


def source_type_validity(labels: pd.DataFrame, predicted: pd.Series,
                         second: pd.DataFrame | None = None) -> pd.DataFrame:
    """Agreement of the source types given with the hand-read ones.

    One row per measure (the suite's typing; a second, blind reading of the same
    quotations, `second`, whose ``other`` and ``unknown`` count as no type; a baseline
    giving every quotation the design set's most frequent codebook type, or the labels'
    own without a design set), set and language ("all", then each): quotations, typed,
    typed rightly, typable (a hand-read type of the codebook), precision (rightly /
    typed), recall (rightly / typable), accuracy (no type counts as right for ``other``
    and ``unknown``) and Krippendorff's alpha of the measure and the hand reading as two
    codings over the codebook's types and "no type" (``other`` and ``unknown`` read as no
    type).
    """
    design = labels.loc[labels["set"] == "design", "source_type"]
    if design.empty:  # no design set: the labels' own most frequent type
        design = labels["source_type"]
    typable_design = design[~design.isin(NO_TYPE)]
    measures = [("sourcing", predicted)]
    if second is not None:
        kept = second["source_type"].where(~second["source_type"].isin(NO_TYPE))
        measures.append(("second reading", kept.set_axis(labels.index)))
    if not typable_design.empty:
        majority = typable_design.value_counts().idxmax()
        measures.append((f"majority ({majority})", pd.Series(majority, index=labels.index)))
    rows = []
    for measure, guess in measures:
        for name, part in labels.groupby("set", sort=False):
            for language in ("all", *sorted(part["language"].unique())):
                rows_of = part if language == "all" else part[part["language"] == language]
                given = guess.loc[rows_of.index]
                typed = given.notna()
                right = given == rows_of["source_type"]
                typable = ~rows_of["source_type"].isin(NO_TYPE)
                rows.append({
                    "measure": measure, "set": name, "language": language,
                    "n_quotations": len(rows_of), "n_typed": int(typed.sum()),
                    "n_right": int(right.sum()), "n_typable": int(typable.sum()),
                    "precision": right.sum() / typed.sum() if typed.any() else float("nan"),
                    "recall": right.sum() / typable.sum() if typable.any() else float("nan"),
                    "accuracy": float((right | (~typed & ~typable)).mean()),
                    "alpha": krippendorff_alpha(given.fillna(_NONE),
                                                rows_of["source_type"].where(typable, _NONE)),
                })
    return pd.DataFrame(rows)


def run_validity() -> dict[str, pd.DataFrame]:
    """Compute the validity tables with the project's own feature families and split file."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from ..features.framing import Frames

    articles, _ = load_narrative_frames()
    split = pd.read_csv(VALIDATION / "narrative_frames_split.csv", dtype=str)
    halves = articles["ID"].map(dict(zip(split["ID"], split["half"], strict=True)))
    if halves.isna().any():
        raise ValueError("narrative_frames_split.csv does not cover every article")
    docs = pd.DataFrame({"text": articles["text"], "language": "en", "text_level": "full"})
    rates = Frames().set_output(transform="pandas").fit_transform(docs)
    targets = load_newsmtsc()
    vader = SentimentIntensityAnalyzer()
    scores = {s: vader.polarity_scores(s)["compound"] for s in targets["sentence"].unique()}
    quotes = load_quote_source_types()
    second = load_second_reading(quotes)
    corpus = pd.read_parquet(PROCESSED / "corpus.parquet", columns=["doc_id", "text"])
    weasel = load_weasel()
    weasel_half = weasel_halves(weasel)
    from ..features.target import NEWSMTSC_SPLIT, load_newsmtsc_targets

    mentions = load_newsmtsc_targets()
    split = pd.read_csv(NEWSMTSC_SPLIT)
    parts = mentions["line"].map(dict(zip(split["line"], split["part"], strict=True)))
    return {
        "frame_validity": frame_validity(articles, rates, halves),
        "sentiment_validity": sentiment_validity(targets, targets["sentence"].map(scores)),
        "source_type_validity": source_type_validity(
            quotes, predict_source_types(quotes, corpus), second),
        "hedge_validity": hedge_validity(weasel, weasel_half, _hedge_flags(weasel)),
        "target_sentiment_validity": target_sentiment_validity(
            mentions, parts, _target_guesses(mentions, parts)),
    }
