"""The comparison pass: every result table of :mod:`analysis.compare`, written to ``tables/``.

``python -m analysis compare`` (part of ``make``) computes each table in :data:`TABLES`
from the processed corpus and features and writes ``tables/<name>.csv`` atomically.
Everything is seeded (:data:`SEED`), so a rerun gives the same bytes. Each table is a
tidy DataFrame; its columns are documented by the function that makes it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from .._csv import write_csv
from .._paths import ROOT
from .alignment import alignment_sweep
from .classifier import OutletClassifierResult, evaluate_outlet_classifier
from .close_reading import close_reading
from .contrasts import contrast_table
from .estimates import feature_estimates, feature_frame
from .keyness import alpha0_sensitivity, keyness_pair, keyness_table
from .same_event import event_coverage, headlines, same_event_profiles, term_choices

__all__ = ["SEED", "TABLES", "Inputs", "run_compare"]

SEED = 20261121
#: groups (and outlets) with fewer documents than this are left out of keyness: with a
#: handful of documents one article's vocabulary passes for the group's
KEYNESS_MIN_DOCS = 50
#: the pairs of outlet groups and outlets the keyness tables contrast directly
KEYNESS_PAIRS = {"outlet_group": [("russian-state", "western"),
                                  ("russian-state", "ukrainian-state")],
                 "outlet": [("rt", "reuters"), ("rt", "bbc"), ("ukrinform", "reuters")]}


@dataclass
class Inputs:
    """What the comparison tables are computed from (loaded once, shared)."""

    corpus: pd.DataFrame
    features: pd.DataFrame

    @cached_property
    def frame(self) -> pd.DataFrame:
        return feature_frame(self.corpus, self.features)

    @cached_property
    def english(self) -> pd.DataFrame:
        return self.corpus[self.corpus["language"] == "en"]

    @cached_property
    def shared_events(self) -> list[str]:
        return event_coverage(self.frame)["event_id"].tolist()

    @cached_property
    def classifier(self) -> OutletClassifierResult:
        return evaluate_outlet_classifier(self.corpus, seed=SEED)

    @cached_property
    def close_reading(self) -> dict[str, pd.DataFrame]:
        return close_reading(self.corpus, self.features)


def _keyness_groups(inputs: Inputs) -> pd.DataFrame:
    """One-vs-rest keyness of each outlet group, per language."""
    frames = []
    for language, part in inputs.corpus.groupby("language"):
        sizes = part["outlet_group"].value_counts()
        keep = part[part["outlet_group"].isin(sizes[sizes >= KEYNESS_MIN_DOCS].index)]
        if keep["outlet_group"].nunique() >= 2:
            table = keyness_table(keep["text"].tolist(), keep["outlet_group"].tolist(),
                                  seed=SEED)
            frames.append(table.assign(language=language, level="outlet_group"))
        outlets = part["outlet"].value_counts()
        keep = part[part["outlet"].isin(outlets[outlets >= KEYNESS_MIN_DOCS].index)]
        if language != "en" and keep["outlet"].nunique() >= 2:  # one group: compare outlets
            table = keyness_table(keep["text"].tolist(), keep["outlet"].tolist(), seed=SEED)
            frames.append(table.assign(language=language, level="outlet"))
    return pd.concat(frames, ignore_index=True)


def _keyness_pairs(inputs: Inputs) -> pd.DataFrame:
    """Keyness of chosen pairs (English), pooled and restricted to the events both covered."""
    frames = []
    english = inputs.english
    for level, pairs in KEYNESS_PAIRS.items():
        for a, b in pairs:
            pair = english[english[level].isin([a, b])]
            shared = set(pair.loc[pair[level] == a, "event_id"].dropna()) & set(
                pair.loc[pair[level] == b, "event_id"].dropna())
            for scope, part in (("pooled", pair), ("shared_events",
                                                   pair[pair["event_id"].isin(shared)])):
                table = keyness_pair(part["text"].tolist(), part[level].tolist(), a, b,
                                     seed=SEED)
                frames.append(table.assign(level=level, scope=scope, n_docs_a=int(
                    (part[level] == a).sum()), n_docs_b=int((part[level] == b).sum())))
    return pd.concat(frames, ignore_index=True)


def _keyness_sensitivity(inputs: Inputs) -> pd.DataFrame:
    english = inputs.english
    sizes = english["outlet_group"].value_counts()
    keep = english[english["outlet_group"].isin(sizes[sizes >= KEYNESS_MIN_DOCS].index)]
    return alpha0_sensitivity(keep["text"].tolist(), keep["outlet_group"].tolist())


def _same_event_keyness(inputs: Inputs) -> pd.DataFrame:
    """Distinctive terms of each outlet group within each shared event (its main language)."""
    frames = []
    for event in inputs.shared_events:
        part = inputs.corpus[inputs.corpus["event_id"] == event]
        language = part["language"].mode().iloc[0]
        part = part[part["language"] == language]
        sizes = part["outlet_group"].value_counts()
        part = part[part["outlet_group"].isin(sizes[sizes >= 3].index)]
        if part["outlet_group"].nunique() < 2:
            continue
        table = keyness_table(part["text"].tolist(), part["outlet_group"].tolist(),
                              min_df=2, top=10, seed=SEED)
        table = table[table["z"] > 0].groupby("label", sort=False).head(10)
        frames.append(table.assign(event_id=event, language=language))
    return pd.concat(frames, ignore_index=True)


@dataclass(frozen=True)
class TableSpec:
    description: str
    make: Callable[[Inputs], pd.DataFrame]


TABLES: dict[str, TableSpec] = {
    "estimates_by_outlet_group": TableSpec(
        "Every feature's mean per outlet group with a (cluster) bootstrap 95% CI.",
        lambda i: feature_estimates(i.frame, "outlet_group", seed=SEED)),
    "estimates_by_outlet": TableSpec(
        "Every feature's mean per outlet with a (cluster) bootstrap 95% CI.",
        lambda i: feature_estimates(i.frame, "outlet", seed=SEED)),
    "contrasts_by_outlet_group": TableSpec(
        "Group vs group on every feature, pooled and within event: difference with CI, "
        "effect size, permutation p, BH q.",
        lambda i: contrast_table(i.frame, "outlet_group", seed=SEED)),
    "contrasts_by_outlet": TableSpec(
        "Outlet vs outlet (200+ articles, same main language) on every feature, pooled "
        "and within event.",
        lambda i: contrast_table(i.frame, "outlet", seed=SEED)),
    "term_choices_by_outlet": TableSpec(
        "Share of each variant of each contested concept per outlet.",
        lambda i: term_choices(i.frame, "outlet")),
    "term_choices_by_outlet_group": TableSpec(
        "Share of each variant of each contested concept per outlet group.",
        lambda i: term_choices(i.frame, "outlet_group")),
    "keyness_by_outlet_group": TableSpec(
        "Monroe et al. log-odds keyness, each outlet group vs the rest, per language "
        "(Polish: outlet vs outlet).", _keyness_groups),
    "keyness_pairs": TableSpec(
        "Keyness of chosen pairs (Russian state vs Western, RT vs Reuters ...), pooled and "
        "on shared events only.", _keyness_pairs),
    "keyness_alpha0_sensitivity": TableSpec(
        "Top keyness terms per outlet group as the prior weight alpha0 varies.",
        _keyness_sensitivity),
    "classifier_scores": TableSpec(
        "Outlet-group classifier (TF-IDF + logistic regression), event-grouped CV: "
        "macro-F1 with CI next to baselines.", lambda i: i.classifier.scores),
    "classifier_folds": TableSpec("The classifier's held-out events and macro-F1 per fold.",
                                  lambda i: i.classifier.per_fold),
    "classifier_confusion": TableSpec("The classifier's out-of-fold confusion matrix.",
                                      lambda i: i.classifier.confusion),
    "classifier_terms": TableSpec("The classifier's most indicative terms per class.",
                                  lambda i: i.classifier.terms),
    "classifier_groups": TableSpec("Which outlet groups the classifier used, and why not.",
                                   lambda i: i.classifier.groups),
    "same_event_coverage": TableSpec(
        "Events covered by at least two outlet groups (3+ articles each).",
        lambda i: event_coverage(i.frame)),
    "same_event_profiles": TableSpec(
        "Per shared event: frame, tone, actor tone and sourcing profile of each outlet "
        "and group.", lambda i: same_event_profiles(i.frame)),
    "same_event_term_choices": TableSpec(
        "Per shared event and outlet: the variant chosen for each contested concept.",
        lambda i: term_choices(i.frame[i.frame["event_id"].isin(i.shared_events)],
                               ["event_id", "outlet_group", "outlet"])),
    "same_event_keyness": TableSpec(
        "Per shared event: each outlet group's distinctive terms (one vs rest).",
        _same_event_keyness),
    "same_event_headlines": TableSpec(
        "Per shared event: the three earliest real headlines of each outlet.",
        lambda i: headlines(i.corpus, i.shared_events)),
    "event_alignment": TableSpec(
        "Automatic story clustering (English) vs the event labels: ARI and purity over a "
        "grid, with baselines.", lambda i: alignment_sweep(i.corpus)),
    "event_alignment_catalogue": TableSpec(
        "The same, scored against the catalogue's own (non-RUWA) events only.",
        lambda i: alignment_sweep(i.corpus.assign(catalogue_event=i.corpus["event_id"].where(
            ~i.corpus["event_id"].fillna("ruwa-").str.startswith("ruwa-"))),
            reference="catalogue_event")),
    "close_reading_features": TableSpec(
        "The two full articles' features side by side.",
        lambda i: i.close_reading["features"]),
    "close_reading_quotes": TableSpec(
        "The two full articles' quotations with speaker, verb and source type.",
        lambda i: i.close_reading["quotes"]),
    "close_reading_terms": TableSpec(
        "The two full articles' contested-term choices, each with its sentence.",
        lambda i: i.close_reading["terms"]),
    "close_reading_stance": TableSpec(
        "The two full articles' reporting verbs, hedges and evidentials with sentences.",
        lambda i: i.close_reading["stance"]),
    "close_reading_actors": TableSpec(
        "The two full articles' actor mentions with the tone of their sentence.",
        lambda i: i.close_reading["actors"]),
}


def write_table(table: pd.DataFrame, path: Path) -> None:
    """Write a table as CSV atomically, with fixed float formatting (byte-reproducible)."""
    write_csv(table, path, index=False, lineterminator="\n", float_format="%.10g")


def run_compare(inputs: Inputs, names: list[str] | None = None, out: Path | None = None,
                progress: bool | None = None) -> dict[str, float]:
    """Compute and write the named tables (default: all); return seconds per table.

    A table that fails is reported by name (its error) and the others are still written.
    """
    out = Path(out) if out else ROOT / "tables"
    seconds: dict[str, float] = {}
    errors: dict[str, str] = {}
    bar = tqdm(names or list(TABLES), desc="compare", unit=" tables",
               disable=None if progress is None else not progress)
    for name in bar:
        bar.set_postfix_str(name)
        start = time.perf_counter()
        try:
            write_table(TABLES[name].make(inputs), out / f"{name}.csv")
        except Exception as exc:  # reported by name; the other tables still build
            errors[name] = f"{type(exc).__name__}: {exc}"
        seconds[name] = time.perf_counter() - start
    if errors:
        raise CompareError(errors)
    return seconds


class CompareError(RuntimeError):
    """Some tables failed; ``errors`` maps each name to its error."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{n}: {e}" for n, e in errors.items()))
        self.errors = errors
