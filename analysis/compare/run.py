"""The comparison pass: every result table of :mod:`analysis.compare`, written to ``tables/``.

``python -m analysis compare`` (part of ``make``) computes each table in :data:`TABLES`
from the processed corpus and features and writes ``tables/<name>.csv`` atomically.
Everything is seeded (:data:`SEED`), so a rerun gives the same bytes. Each table is a
tidy DataFrame; its columns are documented by the function that makes it.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from .._atomic import atomic_write
from .._csv import write_csv
from ..corpus.outlets import UNKNOWN
from ..study import Study, Thresholds, load_study
from .alignment import alignment_sweep
from .classifier import FOLDS, OutletClassifierResult, evaluate_outlet_classifier
from .close_reading import close_reading
from .contrasts import contrast_pairs, contrast_table
from .estimates import feature_estimates, feature_frame
from .keyness import NoTerms, alpha0_sensitivity, keyness_pair, keyness_table
from .levels import at_levels, shared_levels, why_not
from .same_event import event_coverage, headlines, same_event_profiles, term_choices

__all__ = ["SEED", "TABLES", "CompareError", "Inputs", "Skip", "nonempty", "run_compare"]

SEED = 20261121


class Skip(Exception):
    """A table that cannot be made for a study's data; the message says why."""


@dataclass
class Inputs:
    """What the comparison tables are computed from (loaded once, shared). Articles of no
    known outlet (``outlet`` :data:`.outlets.UNKNOWN`: none named and none recognised) are
    left out: they are no unit to compare; ``left_out`` counts them."""

    corpus: pd.DataFrame
    features: pd.DataFrame
    study: Study = field(default_factory=load_study)

    def __post_init__(self) -> None:
        unknown = self.corpus["outlet"] == UNKNOWN
        self.left_out = int(unknown.sum())
        if self.left_out:
            self.corpus = self.corpus[~unknown].reset_index(drop=True)

    @property
    def left_out_note(self) -> str | None:
        """A line saying how many articles were left out (None if none)."""
        return (f"{self.left_out:,} articles of no known outlet left out of the comparisons "
                "(ingest_report.csv names them)" if self.left_out else None)

    @property
    def limits(self) -> Thresholds:
        return self.study.thresholds

    @cached_property
    def frame(self) -> pd.DataFrame:
        return feature_frame(self.corpus, self.features)

    @cached_property
    def language(self) -> str:
        """The corpus's main language (the keyness pairs and classifier work within one)."""
        languages = self.corpus["language"].dropna()
        if languages.empty:
            raise Skip("no article has a language")
        return str(languages.mode().iloc[0])

    @cached_property
    def main(self) -> pd.DataFrame:
        """The articles in the main language."""
        return self.corpus[self.corpus["language"] == self.language]

    @cached_property
    def shared_events(self) -> list[str]:
        return self.coverage["event_id"].tolist()

    @cached_property
    def coverage(self) -> pd.DataFrame:
        return event_coverage(self.frame, self.limits.same_event_min_articles)

    @cached_property
    def classifier_level(self) -> str:
        """The one text level the classifier works on (like with like: a group of ledes
        against one of headlines would be told apart by length): the level of the main
        language where the most outlet groups have ``classifier_min_per_group``
        event-labelled articles (over two or more events between them), ties to the level
        with more of them."""
        return self._classifier_choice[0]

    @cached_property
    def _classifier_choice(self) -> tuple[str, int]:
        """:attr:`classifier_level`, and how many events its eligible groups' articles
        cover (the events the classifier's folds hold out)."""
        least = self.limits.classifier_min_per_group
        main = self.main.dropna(subset=["event_id"])
        best, found = None, (0, 0, 0)
        for text_level, part in at_levels(main):
            sizes = part["outlet_group"].value_counts()
            eligible = sizes[sizes >= least]
            events = part.loc[part["outlet_group"].isin(eligible.index), "event_id"].nunique()
            if (len(eligible) >= 2 and events >= 2
                    and (len(eligible), eligible.sum()) > found[:2]):
                best, found = text_level, (len(eligible), eligible.sum(), events)
        if best is None:
            raise Skip(f"no text level has two outlet groups with {least}+ event-labelled "
                       f"{self.language!r} articles over two or more events "
                       "(thresholds.classifier_min_per_group)")
        return best, int(found[2])

    @cached_property
    def classifier(self) -> OutletClassifierResult:
        """The outlet-group classifier on :attr:`classifier_level`, cross-validated with
        :data:`.classifier.FOLDS` event-grouped folds, or with one fold per event where
        there are fewer events (each held out once; the tables give the folds)."""
        level, events = self._classifier_choice
        result = evaluate_outlet_classifier(
            self.corpus[self.corpus["text_level"] == level], seed=SEED,
            language=self.language, min_per_group=self.limits.classifier_min_per_group,
            n_splits=min(FOLDS, events))
        return OutletClassifierResult(**{name: table.assign(text_level=level)
                                         for name, table in vars(result).items()})

    @cached_property
    def close_reading(self) -> dict[str, pd.DataFrame]:
        names = self.study.close_reading
        if not names:
            raise Skip("no input is named for close reading ([comparisons] close_reading)")
        part = self.corpus[self.corpus["source"].isin(names)]
        if not (part["text_level"] == "full").any():
            raise Skip(f"the close-reading input(s) {', '.join(names)} hold no full article")
        return close_reading(part, self.features)

    def pairs(self, level: str) -> list[tuple[str, str]]:
        """The keyness pairs of a level: the study's, else every pair of units with
        ``keyness_min_docs`` articles each in the main language at one text level (like
        with like)."""
        if self.study.pairs:
            return list(self.study.pairs.get(level, ()))
        least = self.limits.keyness_min_docs
        sizes = self.main[level].value_counts()
        units = sorted(u for u, n in sizes.items() if n >= least and u != "other")
        pairs = [(a, b) for a, b in itertools.combinations(units, 2)
                 if shared_levels(self.main, level, a, b, least)]
        return self.against_reference(pairs, level)

    def against_reference(self, pairs: list[tuple[str, str]], level: str
                          ) -> list[tuple[str, str]]:
        """`pairs` of a level, those with a side in the study's reference group where it
        names one (``[comparisons] reference``): each group against the reference group,
        each outlet against the reference group's outlets (where every outlet is a group
        of its own, each against the reference outlet)."""
        reference = self.study.reference
        if not reference:
            return pairs
        if level == "outlet_group":
            return [p for p in pairs if reference in p]
        members = set(self.corpus.loc[self.corpus["outlet_group"] == reference, level])
        return [p for p in pairs if members.intersection(p)]


def nonempty(table: pd.DataFrame, why: str) -> pd.DataFrame:
    """Return `table`, or raise :class:`Skip` with `why` when it has no rows."""
    if table.empty:
        raise Skip(why)
    return table


def _keyness_groups(inputs: Inputs) -> pd.DataFrame:
    """One-vs-rest keyness of each outlet group, per language and text level (one group:
    outlet vs outlet)."""
    frames = []
    least = inputs.limits.keyness_min_docs
    for language, by_language in inputs.corpus.groupby("language"):
        for text_level, part in at_levels(by_language):
            sizes = part["outlet_group"].value_counts()
            keep = part[part["outlet_group"].isin(sizes[sizes >= least].index)]
            if keep["outlet_group"].nunique() >= 2:
                table = _or_none(keyness_table, keep["text"].tolist(),
                                 keep["outlet_group"].tolist(), seed=SEED)
                if table is not None:
                    frames.append(table.assign(language=language, level="outlet_group",
                                               text_level=text_level))
            outlets = part["outlet"].value_counts()
            keep = part[part["outlet"].isin(outlets[outlets >= least].index)]
            alone = keep["outlet_group"].nunique() < 2 or language != inputs.language
            if alone and keep["outlet"].nunique() >= 2:
                table = _or_none(keyness_table, keep["text"].tolist(), keep["outlet"].tolist(),
                                 seed=SEED)
                if table is not None:
                    frames.append(table.assign(language=language, level="outlet",
                                               text_level=text_level))
    if not frames:
        raise Skip(f"no language and text level has two outlet groups or outlets with "
                   f"{least}+ articles (thresholds.keyness_min_docs) and words in enough "
                   "of them (keyness min_df)")
    return pd.concat(frames, ignore_index=True)


def _keyness_pairs(inputs: Inputs) -> pd.DataFrame:
    """Keyness of chosen pairs (main language), pooled and on the events both covered, on
    each text level both sides have ``keyness_min_docs`` articles of; a pair × scope with
    no such level gets one row with the reason in ``note``."""
    frames = []
    main = inputs.main
    least = inputs.limits.keyness_min_docs
    for level in ("outlet_group", "outlet"):
        for a, b in inputs.pairs(level):
            pair = main[main[level].isin([a, b])]
            if not ((pair[level] == a).any() and (pair[level] == b).any()):
                continue
            shared = set(pair.loc[pair[level] == a, "event_id"].dropna()) & set(
                pair.loc[pair[level] == b, "event_id"].dropna())
            for scope, part in (("pooled", pair), ("shared_events",
                                                   pair[pair["event_id"].isin(shared)])):
                if not ((part[level] == a).any() and (part[level] == b).any()):
                    continue
                sizes = {"level": level, "scope": scope}
                levels = shared_levels(part, level, a, b, least)
                if not levels:
                    frames.append(pd.DataFrame([{
                        "label": a, "versus": b, **sizes, "text_level": "",
                        "n_docs_a": int((part[level] == a).sum()),
                        "n_docs_b": int((part[level] == b).sum()),
                        "note": why_not(part, level, a, b, least)}]))
                    continue
                for text_level in levels:
                    here = part[part["text_level"] == text_level]
                    counts = {"n_docs_a": int((here[level] == a).sum()),
                              "n_docs_b": int((here[level] == b).sum())}
                    try:
                        table = keyness_pair(here["text"].tolist(), here[level].tolist(), a,
                                             b, seed=SEED)
                    except NoTerms as exc:
                        table = pd.DataFrame([{"label": a, "versus": b, "note": str(exc)}])
                    frames.append(table.assign(**sizes, text_level=text_level, **counts,
                                               note=table.get("note", "")))
    if not frames:
        raise Skip(f"no pair of outlets or groups with {least}+ {inputs.language!r} "
                   "articles each (thresholds.keyness_min_docs, or [comparisons] pairs)")
    return pd.concat(frames, ignore_index=True)


def _keyness_sensitivity(inputs: Inputs) -> pd.DataFrame:
    """The α0 sensitivity of the groups' key terms, on the text level (main language) with
    the most articles among groups of ``keyness_min_docs`` articles there."""
    least = inputs.limits.keyness_min_docs
    best = None
    for text_level, part in at_levels(inputs.main):
        sizes = part["outlet_group"].value_counts()
        keep = part[part["outlet_group"].isin(sizes[sizes >= least].index)]
        if keep["outlet_group"].nunique() >= 2 and (best is None or len(keep) > len(best[1])):
            best = text_level, keep
    if best is None:
        raise Skip(f"no text level has two outlet groups with {least}+ "
                   f"{inputs.language!r} articles (thresholds.keyness_min_docs)")
    text_level, keep = best
    try:
        table = alpha0_sensitivity(keep["text"].tolist(), keep["outlet_group"].tolist())
    except NoTerms as exc:
        raise Skip(f"{exc}, at the text level with the most: {text_level}") from exc
    return table.assign(text_level=text_level)


def _same_event_keyness(inputs: Inputs) -> pd.DataFrame:
    """Distinctive terms of each outlet group within each shared event (its main language),
    at each text level two or more groups have ``same_event_min_articles`` articles of."""
    frames = []
    for event in inputs.shared_events:
        part = inputs.corpus[inputs.corpus["event_id"] == event]
        language = part["language"].mode().iloc[0]
        for text_level, here in at_levels(part[part["language"] == language]):
            sizes = here["outlet_group"].value_counts()
            here = here[here["outlet_group"].isin(
                sizes[sizes >= inputs.limits.same_event_min_articles].index)]
            if here["outlet_group"].nunique() < 2:
                continue
            table = _or_none(keyness_table, here["text"].tolist(),
                             here["outlet_group"].tolist(), min_df=2, top=10, seed=SEED)
            if table is None:  # (the event's figure says: no keyness for it)
                continue
            table = table[table["z"] > 0].groupby("label", sort=False).head(10)
            frames.append(table.assign(event_id=event, language=language,
                                       text_level=text_level))
    if not frames:
        raise Skip(_NO_SHARED_EVENT + " at one text level, with words in two or more of "
                   "their articles")
    return pd.concat(frames, ignore_index=True)


def _or_none(keyness: Callable[..., pd.DataFrame], *args, **kwargs) -> pd.DataFrame | None:
    """`keyness` of the arguments, or None where no word is in enough of the articles
    (:class:`.keyness.NoTerms`)."""
    try:
        return keyness(*args, **kwargs)
    except NoTerms:
        return None


_NO_SHARED_EVENT = ("no event was covered by two or more outlet groups with "
                    "thresholds.same_event_min_articles articles each")


def _shared(inputs: Inputs) -> list[str]:
    if not inputs.shared_events:
        raise Skip(_NO_SHARED_EVENT)
    return inputs.shared_events


def _contrasts(inputs: Inputs, level: str) -> pd.DataFrame:
    limits = inputs.limits
    pairs = None
    if inputs.study.reference:  # each unit against the reference group's only
        pairs = inputs.against_reference(
            contrast_pairs(inputs.frame, level, limits.contrast_min_articles), level)
    table = contrast_table(inputs.frame, level, seed=SEED, pairs=pairs,
                           min_articles=limits.contrast_min_articles,
                           min_per_event=limits.within_event_min_per_side,
                           min_events=limits.paired_min_events)
    return nonempty(table, f"no pair of {level.replace('_', ' ')}s with "
                            f"{limits.contrast_min_articles}+ articles each (and, for outlets,"
                            " one main language): thresholds.contrast_min_articles")


def _alignment(inputs: Inputs, catalogue: bool) -> pd.DataFrame:
    corpus = inputs.corpus
    if inputs.study.event_source == "stories":
        raise Skip("the events are the stories alignment found: scoring the alignment "
                   "against them would be circular")
    if corpus["event_id"].notna().sum() < 2:
        raise Skip("fewer than two articles have an event to score the alignment against")
    if catalogue:
        if inputs.study.event_source != "catalogue":
            raise Skip("the events do not come from a catalogue")
        corpus = corpus.assign(catalogue_event=corpus["event_id"].where(
            ~corpus["event_id"].fillna("ruwa-").str.startswith("ruwa-")))
        if corpus["catalogue_event"].notna().sum() < 2:
            raise Skip("no article has a catalogue event outside the dataset labels")
        return alignment_sweep(corpus, reference="catalogue_event", language=inputs.language)
    return alignment_sweep(corpus, language=inputs.language)


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
        "Group vs group on every feature, pooled, within event and paired by event, text "
        "levels stratified: difference with CI, effect size, permutation p, BH q.",
        lambda i: _contrasts(i, "outlet_group")),
    "contrasts_by_outlet": TableSpec(
        "Outlet vs outlet (thresholds.contrast_min_articles, same main language) on every "
        "feature, pooled, within event and paired by event.",
        lambda i: _contrasts(i, "outlet")),
    "term_choices_by_outlet": TableSpec(
        "Share of each variant of each contested concept per outlet.",
        lambda i: term_choices(i.frame, "outlet")),
    "term_choices_by_outlet_group": TableSpec(
        "Share of each variant of each contested concept per outlet group.",
        lambda i: term_choices(i.frame, "outlet_group")),
    "keyness_by_outlet_group": TableSpec(
        "Monroe et al. log-odds keyness, each outlet group vs the rest, per language and "
        "text level (Polish: outlet vs outlet).", _keyness_groups),
    "keyness_pairs": TableSpec(
        "Keyness of the study's pairs (or every pair with enough articles), pooled and on "
        "shared events only, on each text level both sides have (else a row saying why).",
        _keyness_pairs),
    "keyness_alpha0_sensitivity": TableSpec(
        "Top keyness terms per outlet group as the prior weight alpha0 varies (one text "
        "level).",
        _keyness_sensitivity),
    "classifier_scores": TableSpec(
        "Outlet-group classifier (TF-IDF + logistic regression) on one text level, "
        "event-grouped CV: macro-F1 with CI next to baselines.", lambda i: i.classifier.scores),
    "classifier_folds": TableSpec("The classifier's held-out events and macro-F1 per fold.",
                                  lambda i: i.classifier.per_fold),
    "classifier_confusion": TableSpec("The classifier's out-of-fold confusion matrix.",
                                      lambda i: i.classifier.confusion),
    "classifier_terms": TableSpec("The classifier's most indicative terms per class.",
                                  lambda i: i.classifier.terms),
    "classifier_groups": TableSpec("Which outlet groups the classifier used, and why not.",
                                   lambda i: i.classifier.groups),
    "same_event_coverage": TableSpec(
        "Events covered by at least two outlet groups "
        "(thresholds.same_event_min_articles each).",
        lambda i: nonempty(i.coverage, _NO_SHARED_EVENT)),
    "same_event_profiles": TableSpec(
        "Per shared event: frame, tone, actor tone and sourcing profile of each outlet "
        "and group.", lambda i: same_event_profiles(
            i.frame[i.frame["event_id"].isin(_shared(i))],
            i.limits.same_event_min_articles)),
    "same_event_term_choices": TableSpec(
        "Per shared event and outlet: the variant chosen for each contested concept.",
        lambda i: nonempty(term_choices(i.frame[i.frame["event_id"].isin(_shared(i))],
                                         ["event_id", "outlet_group", "outlet"]),
                            "no contested-term columns in the features")),
    "same_event_keyness": TableSpec(
        "Per shared event and text level: each outlet group's distinctive terms (one vs "
        "rest).",
        _same_event_keyness),
    "same_event_headlines": TableSpec(
        "Per shared event: the three earliest real headlines of each outlet.",
        lambda i: headlines(i.corpus, _shared(i))),
    "event_alignment": TableSpec(
        "Automatic story clustering (main language) vs the event labels: ARI and purity "
        "over a grid, with baselines.", lambda i: _alignment(i, catalogue=False)),
    "event_alignment_catalogue": TableSpec(
        "The same, scored against the catalogue's own (non-RUWA) events only.",
        lambda i: _alignment(i, catalogue=True)),
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


MANIFEST = "MANIFEST.json"


def run_compare(inputs: Inputs, names: list[str] | None = None, out: Path | None = None,
                progress: bool | None = None) -> dict[str, str]:
    """Compute and write the named tables (default: all); return name -> status.

    The status is ``"ok"`` or ``"skipped: <why>"`` (a table the study's data cannot give,
    e.g. too few articles: its old file is removed, never left stale or written empty).
    ``<out>/MANIFEST.json`` lists every table with its status, rows and description. A
    table that fails is reported by name (its error) and the others are still written.
    """
    out = Path(out) if out else inputs.study.tables
    manifest_path = out / MANIFEST
    try:
        entries = json.loads(manifest_path.read_text(encoding="utf-8"))["tables"]
    except (OSError, ValueError, KeyError):
        entries = {}
    status: dict[str, str] = {}
    errors: dict[str, str] = {}
    bar = tqdm(names or list(TABLES), desc="compare", unit=" tables",
               disable=None if progress is None else not progress)
    for name in bar:
        bar.set_postfix_str(name)
        path = out / f"{name}.csv"
        try:
            table = TABLES[name].make(inputs)
            if table.empty:
                raise Skip("the data give no rows for it")
            write_table(table, path)
            status[name] = "ok"
            entries[name] = {"status": "written", "rows": len(table),
                             "description": TABLES[name].description}
        except Skip as why:
            path.unlink(missing_ok=True)
            status[name] = f"skipped: {why}"
            entries[name] = {"status": "skipped", "reason": str(why),
                             "description": TABLES[name].description}
        except Exception as exc:  # reported by name; the other tables still build
            errors[name] = f"{type(exc).__name__}: {exc}"
            entries.pop(name, None)
    ordered = {name: entries[name] for name in TABLES if name in entries}
    text = json.dumps({"study": inputs.study.title, "tables": ordered,
                       "articles_of_no_known_outlet_left_out": inputs.left_out}, indent=2,
                      ensure_ascii=False) + "\n"
    atomic_write(manifest_path, lambda p: Path(p).write_text(text, encoding="utf-8"))
    if errors:
        raise CompareError(errors, status)
    return status


class CompareError(RuntimeError):
    """Some tables failed; ``errors`` maps each name to its error."""

    def __init__(self, errors: dict[str, str], status: dict[str, str] | None = None) -> None:
        super().__init__("; ".join(f"{n}: {e}" for n, e in errors.items()))
        self.errors = errors
        self.status = status or {}
