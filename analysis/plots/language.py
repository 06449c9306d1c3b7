"""Language figures: contested-term choices, keyness, the group classifier, one shared
event up close and the two full seed articles side by side.

Every function takes the tidy tables the comparison layer wrote (``tables/*.csv``) and the
outlet register table (``analysis.load_outlets()``) and returns a
:class:`matplotlib.figure.Figure`; none reads a file or estimates anything. Outlets and
groups appear in the register's order and colours; variants of a contested concept take
Paul Tol's colour-blind-safe "muted" qualitative palette (Tol 2021), in the order the
lexicon lists them, so a variant keeps its colour across the outlets of a panel.

References
----------
Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: lexical feature
    selection and evaluation for identifying the content of political conflict. Political
    Analysis 16(4), 372-403.
Tol, P. (2021). Colour schemes. SRON Technical Note SRON/EPS/TN/09-002.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter
from matplotlib.transforms import offset_copy

from ..corpus.text import LEVEL_PLURAL
from ..corpus.text import TEXT_LEVELS as LEVELS
from ._style import (
    FULL_WIDTH,
    REPEAT_MARKERS,
    SEQUENTIAL,
    colour_repeats,
    finish,
    glyph_width,
    legend_columns,
    new_figure,
    order_units,
    unit_colours,
    unit_labels,
)

__all__ = [
    "DEFAULT_CONCEPTS", "plot_confusion", "plot_keyness", "plot_same_event",
    "plot_seed_articles", "plot_term_choices",
]

#: concepts :func:`plot_term_choices` shows unless told otherwise (those present)
DEFAULT_CONCEPTS = ("kyiv_spelling", "war_naming", "lukashenko_title", "migrant_naming",
                    "occupied_liberated", "wagner_naming")

#: Tol's "muted" qualitative scheme (colour-blind safe), then his pale grey
TOL_MUTED = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99",
             "#999933", "#AA4499", "#DDDDDD")
GREY = "#BBBBBB"
SMALL = 6.5  # pt: the smallest text any figure uses
Z_CRIT = 1.96

_CONCEPT_NAMES = {
    "kyiv_spelling": "Kyiv or Kiev", "war_naming": "Naming the war",
    "lukashenko_title": "Lukashenko's title", "migrant_naming": "Naming the migrants",
    "occupied_liberated": "Occupied or liberated", "wagner_naming": "Naming Wagner",
    "belarus_naming": "Naming Belarus", "regime_naming": "Naming Belarus's government",
    "regime_naming_russia": "Naming Russia's government",
    "regime_naming_ukraine": "Naming Ukraine's government",
    "lukashenko_spelling": "Lukashenko or Lukashenka",
    "election_legitimacy": "The 2020 election", "border_crisis_framing": "The border crisis",
    "ukraine_preposition": "w / na Ukrainie", "union_state": "The Union State",
    "provocation": "Provocation",
}

_FRAME_NAMES = {"conflict": "Conflict", "human_interest": "Human interest",
                "economic": "Economic", "morality": "Morality",
                "responsibility": "Responsibility"}

#: readable names of the close-reading features (others: the name without its prefix)
_FEATURE_NAMES = {
    "lex__n_words": "Words", "lex__n_sentences": "Sentences",
    "lex__mean_sentence_length": "Mean sentence length (words)",
    "lex__flesch_reading_ease": "Flesch reading ease (0–100)",
    "lex__flesch_kincaid_grade": "Flesch–Kincaid grade level",
    "lex__gunning_fog": "Gunning fog index (grade)",
    "lex__mattr": "Type–token ratio (MATTR)", "lex__mtld": "Lexical diversity (MTLD)",
    "lex__quoted_share": "Words inside quotation marks",
    "sent__all_compound": "Whole text", "sent__own_compound": "Own text (outside quotes)",
    "sent__quoted_compound": "Quoted text",
    "sent__masked_compound": "Whole text, contested terms masked",
    "sent__all_neg_share": "Negative sentences", "sent__all_pos_share": "Positive sentences",
    "frame__generic_conflict_rate": "Conflict-frame cues",
    "frame__generic_human_interest_rate": "Human-interest-frame cues",
    "frame__generic_economic_rate": "Economic-frame cues",
    "frame__generic_morality_rate": "Morality-frame cues",
    "frame__generic_responsibility_rate": "Responsibility-frame cues",
    "src__n_quotes": "Quotations", "src__quotes_attributed_share": "Quotations attributed",
    "src__verbs_neutral_n": "Neutral reporting verbs",
    "src__verbs_evaluative_n": "Evaluative reporting verbs",
    "src__evidential_rate": "Evidentials", "src__hedge_rate": "Hedges",
    "src__booster_rate": "Boosters", "src__scare_quotes_n": "Scare quotes",
}

#: close-reading panels: title, value format, fixed x-limits (None: from 0 to the data)
_SEED_PANELS = {
    "readability": ("Readability and lexical diversity (index values)", "{:.1f}", None),
    "share": ("Shares of the article (0–1)", "{:.2f}", (0.0, 1.0)),
    "rate": ("Cues per 1,000 words", "{:.1f}", None),
    "count": ("Counts (n)", "{:.0f}", None),
    "compound": ("Tone: mean VADER compound (−1 to 1)", "{:+.2f}", (-1.0, 1.0)),
    "other": ("Other features", "{:.3g}", None),
}


# ---------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------

def _concept_name(concept: str) -> str:
    return _CONCEPT_NAMES.get(concept, concept.replace("_", " ").capitalize())


def _variant_name(variant: str) -> str:
    return str(variant).replace("_", " ")


def _text_colour(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (relative luminance)."""
    rgb = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return "black" if 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] > 0.25 else "white"


def _variant_colours(variants: Sequence[str]) -> dict[str, str]:
    return {v: TOL_MUTED[i % len(TOL_MUTED)] for i, v in enumerate(variants)}


def _columns(heights: Sequence[float], n_columns: int = 2) -> list[list[int]]:
    """Split panels (kept in order) into at most two columns of the least greatest height.

    Every split with the first panel in the first column is tried (up to 12 panels; more
    are dealt in turn to the shorter column); ties go to the first split found.

    >>> _columns([3, 5, 2, 2])
    [[0, 2, 3], [1]]
    """
    n = len(heights)
    if n_columns < 2 or n < 2:
        return [list(range(n))]
    if n > 12:
        columns: list[list[int]] = [[], []]
        totals = [0.0, 0.0]
        for i, h in enumerate(heights):
            j = 0 if totals[0] <= totals[1] else 1
            columns[j].append(i)
            totals[j] += h
        return [c for c in columns if c]
    best, best_mask = math.inf, 0
    for mask in range(1 << (n - 1)):
        right = sum(h for i, h in enumerate(heights[1:]) if mask >> i & 1)
        worst = max(right, sum(heights) - right)
        if worst < best - 1e-9:
            best, best_mask = worst, mask
    right_set = {i + 1 for i in range(n - 1) if best_mask >> i & 1}
    columns = [[i for i in range(n) if i not in right_set], sorted(right_set)]
    return [c for c in columns if c]


def _panel_grid(fig: Figure, heights: Sequence[float], n_columns: int = 2) -> list[SubFigure]:
    """One subfigure per panel, panels split into columns by :func:`_columns`, each
    column's panels stacked with heights proportional to `heights` (a shorter column is
    padded at the bottom). Returns the subfigures in panel order."""
    columns = _columns(heights, n_columns)
    tallest = max(sum(heights[i] for i in c) for c in columns)
    out: dict[int, SubFigure] = {}
    for sub, column in zip(fig.subfigures(1, len(columns), squeeze=False)[0], columns,
                           strict=True):
        ratios = [heights[i] for i in column]
        slack = tallest - sum(ratios)
        if slack > 1e-6:
            ratios.append(slack)
        cells = sub.subfigures(len(ratios), 1, height_ratios=ratios, squeeze=False)[:, 0]
        out.update(zip(column, cells, strict=False))
    return [out[i] for i in range(len(heights))]


def _message_figure(text: str) -> Figure:
    fig = new_figure(FULL_WIDTH, 1.2)
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes)
    return fig


def _stacked_bars(ax: Axes, shares: pd.DataFrame, colours: dict[str, str],
                  min_label: float = 0.18) -> None:
    """Draw 100% stacked horizontal bars, one per row of `shares` (top row on top), with
    the share written in segments at least `min_label` wide."""
    y = np.arange(len(shares))
    left = np.zeros(len(shares))
    for variant in shares.columns:
        width = shares[variant].to_numpy(dtype=float)
        ax.barh(y, width, left=left, height=0.78, color=colours[variant],
                edgecolor="white", linewidth=0.5, label=_variant_name(variant))
        for yi, (x0, w) in enumerate(zip(left, width, strict=True)):
            if w >= min_label:
                ax.text(x0 + w / 2, yi, f"{w:.0%}", ha="center", va="center",
                        fontsize=SMALL, color=_text_colour(colours[variant]))
        left += width
    ax.set_ylim(len(shares) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.tick_params(axis="y", length=0)
    ax.spines[["top", "right", "left"]].set_visible(False)


# ---------------------------------------------------------------------------------------
# 1. contested-term choices by outlet
# ---------------------------------------------------------------------------------------

def plot_term_choices(choices: pd.DataFrame, outlets: pd.DataFrame,
                      concepts: Sequence[str] = DEFAULT_CONCEPTS,
                      min_mentions: int = 10) -> Figure:
    """Draw each outlet's choice among the variants of contested terms.

    One panel per concept (those of `concepts` present in `choices` with at least one
    outlet above the threshold), each with one 100% stacked bar per outlet: the share of
    the outlet's mentions of the concept that used each variant. Outlets follow the
    register's order; outlets with fewer than `min_mentions` mentions of the concept are
    left out. Panels fill two columns of as even a height as their order allows.

    Parameters
    ----------
    choices : ``tables/term_choices_by_outlet.csv`` (``outlet, concept, variant, mentions,
        concept_mentions, share, ...``).
    outlets : the outlet register table (``analysis.load_outlets()``).
    concepts : concepts to show, in panel order.
    min_mentions : least mentions of a concept for an outlet to get a bar.

    Returns
    -------
    Figure
    """
    panels = []
    for concept in concepts:
        part = choices[choices["concept"] == concept]
        if part.empty:
            continue
        variants = list(dict.fromkeys(part["variant"]))
        totals = part.groupby("outlet")["concept_mentions"].first()
        keep = order_units(totals.index[totals >= min_mentions], outlets)
        if not keep:
            continue
        shares = (part.set_index(["outlet", "variant"])["share"].unstack()
                  .reindex(index=keep, columns=variants).fillna(0.0))
        used = part[part["outlet"].isin(keep)].groupby("variant")["mentions"].sum()
        shown = [v for v in variants if used.get(v, 0) > 0]
        panels.append((concept, shares[shown], _variant_colours(variants),
                       totals.loc[keep].astype(int), int(totals.loc[keep].sum())))
    if not panels:
        return _message_figure(f"No outlet mentions any of the concepts {min_mentions}+ "
                               "times.")
    n_columns = 1 if len(panels) == 1 else 2
    width = FULL_WIDTH / n_columns
    key_columns = [legend_columns([_variant_name(v) for v in p[1].columns], width - 0.2)
                   for p in panels]
    row = 0.125
    heights = [len(p[1]) * row + 0.55 + 0.15 * math.ceil(p[1].shape[1] / k)
               for p, k in zip(panels, key_columns, strict=True)]
    height = max(sum(heights[i] for i in c) for c in _columns(heights, n_columns)) + 0.35
    fig = new_figure(FULL_WIDTH, height)
    for sub, panel, k in zip(_panel_grid(fig, heights, n_columns), panels, key_columns,
                             strict=True):
        concept, shares, colours, n, total = panel
        ax = sub.subplots()
        _stacked_bars(ax, shares, colours)
        names = unit_labels(shares.index, outlets)
        ax.set_yticks(range(len(shares)),
                      [f"{name} (n={m:,})" for name, m in zip(names, n, strict=True)],
                      fontsize=7)
        ax.tick_params(axis="x", labelsize=7)
        handles = [Patch(facecolor=colours[v], label=_variant_name(v)) for v in shares.columns]
        sub.legend(handles=handles, loc="outside upper left", ncols=k, frameon=False,
                   fontsize=7, title=f"{_concept_name(concept)}: {total:,} mentions by "
                   f"{len(shares)} outlets", title_fontsize=8, alignment="left",
                   handlelength=1.0, handleheight=0.8, handletextpad=0.4,
                   columnspacing=1.0, borderpad=0.1)
    fig.suptitle("Contested-term choices by outlet: share of the outlet's mentions of the "
                 f"concept (%) per variant\n(outlets with ≥ {min_mentions} mentions; "
                 "n = the outlet's mentions)", fontsize=8.5, x=0.01, ha="left")
    return fig


# ---------------------------------------------------------------------------------------
# 2. keyness scatter
# ---------------------------------------------------------------------------------------

def _spread(targets: np.ndarray, lo: float, hi: float, gap: float) -> np.ndarray:
    """Move positions (sorted high to low) apart by at least `gap`, inside [lo, hi], as
    little as a top-down then bottom-up sweep allows. Deterministic.

    >>> _spread(np.array([0.9, 0.9, 0.1]), 0.0, 1.0, 0.1).round(2).tolist()
    [0.9, 0.8, 0.1]
    """
    n = len(targets)
    if n == 0:
        return targets
    gap = min(gap, (hi - lo) / max(n - 1, 1))
    y = np.clip(np.asarray(targets, dtype=float), lo, hi)
    for i in range(1, n):
        y[i] = min(y[i], y[i - 1] - gap)
    if y[-1] < lo:
        y[-1] = lo
        for i in range(n - 2, -1, -1):
            y[i] = max(y[i], y[i + 1] + gap)
    return y


def _pair_rows(pairs: pd.DataFrame, label: str, versus: str, level: str,
               scope: str, text_level: str | None = None) -> pd.DataFrame:
    mask = (pairs["level"] == level) & (pairs["scope"] == scope) & pairs["term"].notna()
    if text_level is not None:
        mask &= pairs["text_level"] == text_level
    rows = pairs[mask & (pairs["label"] == label) & (pairs["versus"] == versus)]
    if rows.empty:  # the table may hold the pair the other way round: flip the sides
        rows = pairs[mask & (pairs["label"] == versus) & (pairs["versus"] == label)].copy()
        if rows.empty:
            have = pairs[["level", "scope", "label", "versus"]].drop_duplicates()
            raise ValueError(f"no keyness rows for {label} vs {versus} ({level}, {scope}); "
                             f"the table has {have.to_dict('records')}")
        rows["z"] = -rows["z"]
        rows[["count_label", "count_rest"]] = rows[["count_rest", "count_label"]].to_numpy()
        rows[["n_docs_a", "n_docs_b"]] = rows[["n_docs_b", "n_docs_a"]].to_numpy()
        rows["p_doc_perm"] = np.nan  # checked for the other side's over-use only
    if "text_level" in rows and rows["text_level"].nunique() > 1:
        raise ValueError(f"{label} vs {versus} was compared on text levels "
                         f"{', '.join(rows['text_level'].unique())}: give text_level")
    return rows


def plot_keyness(pairs: pd.DataFrame, label: str, versus: str, level: str,
                 outlets: pd.DataFrame, scope: str = "shared_events",
                 n_labels: int = 12, text_level: str | None = None) -> Figure:
    """Draw the distinctive words of one side against the other (log-odds z vs frequency).

    Each kept term is a point at (log10 of its total count on both sides, its log-odds z
    with informative Dirichlet prior, Monroe et al. 2008); positive z: over-used by
    `label`. Points are coloured by the side that over-uses them (the sides' register
    colours; grey when |z| < 1.96) and drawn hollow when the document-level permutation
    check ran and gave ``p_doc_perm > 0.05``. The `n_labels` highest-z terms (z > 0) and
    the `n_labels` lowest-z terms (z < 0) are named in a column right of the plot, in z
    order, each joined to its point by a thin leader line.

    Parameters
    ----------
    pairs : ``tables/keyness_pairs.csv``.
    label, versus : the two sides (outlet or outlet-group keys) as in the table.
    level : ``"outlet"`` or ``"outlet_group"``.
    outlets : the outlet register table.
    scope : ``"shared_events"`` (articles of events both sides covered) or ``"pooled"``.
    n_labels : terms named at each end.
    text_level : the text level whose rows to draw (the table holds one comparison per
        level both sides have); needed when the pair has more than one.

    Returns
    -------
    Figure
    """
    rows = _pair_rows(pairs, label, versus, level, scope, text_level)
    rows = rows.sort_values(["z", "term"], ascending=[False, True]).reset_index(drop=True)
    unit_level = "outlet" if level == "outlet" else "outlet_group"
    name_a, name_b = unit_labels([label, versus], outlets, unit_level)
    colour_a, colour_b = unit_colours([label, versus], outlets, unit_level, by_group=False)
    if colour_a == colour_b:  # two outlets sharing their group's colour
        colour_b = "#332288" if colour_a != "#332288" else "#882255"
    x = np.log10((rows["count_label"] + rows["count_rest"]).to_numpy(dtype=float))
    z = rows["z"].to_numpy(dtype=float)
    hollow = (rows["p_doc_perm"] > 0.05).to_numpy()
    side = np.where(z >= Z_CRIT, 1, np.where(z <= -Z_CRIT, -1, 0))

    fig = new_figure(FULL_WIDTH, 4.6)
    ax = finish(fig.add_subplot())
    styles = ((1, colour_a, "^", f"over-used by {name_a}"),
              (-1, colour_b, "v", f"over-used by {name_b}"),
              (0, GREY, "o", "|z| < 1.96"))
    handles = []
    for key, colour, marker, text in styles:
        for empty in (False, True):
            pick = (side == key) & (hollow == empty)
            if pick.any():
                ax.scatter(x[pick], z[pick], s=18, marker=marker, linewidths=0.8,
                           facecolors="none" if empty else colour, edgecolors=colour,
                           alpha=1.0 if key else 0.8, zorder=3,
                           label=f"{text}{' (hollow)' if empty else ''}")
        if key or (side == key).any():
            handles.append(Line2D([], [], ls="", marker=marker, color=colour, markersize=5,
                                  label=f"{text} ({int((side == key).sum())} terms)"))
    handles.append(Line2D([], [], ls="", marker="o", markerfacecolor="none", color="0.3",
                          markersize=5, label=f"hollow: document-level permutation p > 0.05 "
                          f"({int(hollow.sum())} of {int(rows['p_doc_perm'].notna().sum())} "
                          "terms checked)"))
    for level_z in (Z_CRIT, -Z_CRIT):
        ax.axhline(level_z, color="0.5", lw=0.6, ls="--", zorder=1)
    ax.axhline(0, color="0.3", lw=0.6, zorder=1)

    pad_x = 0.05 * max(np.ptp(x), 0.5) if len(x) else 0.1
    ax.set_xlim((x.min() - pad_x, x.max() + pad_x) if len(x) else (0, 1))
    top_z = max(np.abs(z).max() if len(z) else Z_CRIT, Z_CRIT) * 1.08
    ax.set_ylim(-top_z, top_z)
    ticks = np.arange(math.floor(ax.get_xlim()[0]), math.ceil(ax.get_xlim()[1]) + 1)
    ax.set_xticks([t for t in ticks if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]])
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{10 ** v:,.0f}"))
    ax.set_xlabel(f"Occurrences of the term in both sides' articles (tokens, log scale; "
                  f"{len(rows)} kept terms)")
    ax.set_ylabel(f"Log-odds z (informative prior)\n↑ {name_a}   ·   {name_b} ↓")

    top = rows[rows["z"] > 0].head(n_labels)
    bottom = rows[rows["z"] < 0].tail(n_labels)
    named = pd.concat([top, bottom])
    targets = (named["z"].to_numpy(dtype=float) + top_z) / (2 * top_z)
    y_text = _spread(targets, 0.01, 0.99, 0.038)
    for (i, term), yt in zip(named["term"].items(), y_text, strict=True):
        ax.annotate(str(term), xy=(x[i], z[i]), xycoords="data", xytext=(1.02, yt),
                    textcoords="axes fraction", ha="left", va="center", fontsize=7,
                    arrowprops={"arrowstyle": "-", "lw": 0.4, "color": "0.55",
                                "shrinkA": 1, "shrinkB": 2})
    n_a, n_b = int(rows["n_docs_a"].iloc[0]), int(rows["n_docs_b"].iloc[0])
    where = ("articles on the events both sides covered" if scope == "shared_events"
             else "all their articles")
    if text_level is not None:
        where += f", {LEVEL_PLURAL[text_level]} only"
    fig.suptitle(f"Distinctive words: {name_a} (n = {n_a:,} articles) vs {name_b} "
                 f"(n = {n_b:,} articles)\n{where}; the {n_labels} most distinctive of each "
                 "side named", x=0.01, ha="left", fontsize=9)
    fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False,
               fontsize=7, handletextpad=0.3)
    return fig


# ---------------------------------------------------------------------------------------
# 3. classifier confusion matrix
# ---------------------------------------------------------------------------------------

#: inches of a confusion-matrix figure's width that are not the matrix (labels, colour bar)
_CONFUSION_MARGIN = 2.4


def plot_confusion(confusion: pd.DataFrame, scores: pd.DataFrame,
                   outlets: pd.DataFrame) -> Figure:
    """Draw the outlet-group classifier's row-normalised confusion matrix.

    Each cell is the share of the true group's articles predicted as the column's group
    (``share_of_true``) with its count; groups follow the register's order. The title
    gives the classifier's macro-F1 with its 95% interval against the majority-class
    baseline from `scores`.

    Parameters
    ----------
    confusion : ``tables/classifier_confusion.csv`` (``true, predicted, n,
        share_of_true``).
    scores : ``tables/classifier_scores.csv`` (one row per model).
    outlets : the outlet register table.

    Returns
    -------
    Figure
    """
    groups = order_units(list(confusion["true"]) + list(confusion["predicted"]), outlets,
                         "outlet_group")
    share = (confusion.pivot_table(index="true", columns="predicted", values="share_of_true",
                                   aggfunc="sum").reindex(index=groups, columns=groups)
             .fillna(0.0))
    count = (confusion.pivot_table(index="true", columns="predicted", values="n",
                                   aggfunc="sum").reindex(index=groups, columns=groups)
             .fillna(0).astype(int))
    names = unit_labels(groups, outlets, "outlet_group")
    # wider with more groups (up to the page); each cell says its share and count, its
    # share alone where both do not fit its width, nothing where that does not either
    n = len(groups)
    width = min(FULL_WIDTH, max(5.0, 2.3 + 0.45 * n))
    cell = (width - _CONFUSION_MARGIN) * 72 / max(n, 1)  # points per column, about
    cells = [[f"{value:.0%}", f"n={count.iat[i, j]:,}"]
             for (i, j), value in np.ndenumerate(share.to_numpy())]
    for keep in (2, 1, 0):
        if all(glyph_width(line, SMALL) <= 0.85 * cell
               for lines in cells for line in lines[:keep]):
            break
    fig = new_figure(width, 1.9 + (0.5 if keep == 2 else 0.3) * n)
    ax = fig.add_subplot()
    image = ax.imshow(share.to_numpy(), cmap=SEQUENTIAL, vmin=0, vmax=1, aspect="auto")
    for ((i, j), value), lines in zip(np.ndenumerate(share.to_numpy()), cells, strict=True):
        if keep:
            ax.text(j, i, "\n".join(lines[:keep]), ha="center", va="center",
                    fontsize=SMALL, color="black" if value >= 0.55 else "white")
    steep = cell < 20  # neighbouring labels at 30 degrees would overlap
    ax.set_xticks(range(n), names, rotation=90 if steep else 30,
                  ha="center" if steep else "right")
    ax.set_yticks(range(len(groups)),
                  [f"{name} ({k:,})" for name, k in zip(names, count.sum(axis=1),
                                                        strict=True)])
    ax.set_xlabel("Predicted outlet group" + (
        "" if keep == 2 else " (each cell's count: the table behind this figure)"))
    ax.set_ylabel("True outlet group (n articles)")
    ax.tick_params(length=0)
    bar = fig.colorbar(image, ax=ax, shrink=0.8, format=PercentFormatter(1.0, decimals=0))
    bar.set_label("Share of the true group's articles (%)")
    by_model = scores.set_index("model")
    model = "tfidf_logreg" if "tfidf_logreg" in by_model.index else by_model.index[0]
    best = by_model.loc[model]
    title = (f"Outlet group told from the words of unseen events\nmacro-F1 "
             f"{best['macro_f1']:.2f} [95% CI {best['ci_low']:.2f}, {best['ci_high']:.2f}]")
    if "majority" in by_model.index:
        title += f" vs {by_model.loc['majority', 'macro_f1']:.2f} for the majority class"
    level = (f" ({LEVEL_PLURAL[best['text_level']]} only)" if "text_level" in best
             and best["text_level"] in LEVEL_PLURAL else "")
    title += (f"\nn = {int(best['n_articles']):,} articles{level}, {int(best['n_events'])} "
              f"events, {int(best['n_folds'])} folds grouped by event")
    fig.suptitle(title, x=0.01, ha="left", fontsize=8.5)
    return fig


# ---------------------------------------------------------------------------------------
# 4. one shared event up close
# ---------------------------------------------------------------------------------------

def _span(start, end) -> str:
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    first = f"{start.day} {start:%b}" + ("" if start.year == end.year else f" {start.year}")
    return f"{first} – {end.day} {end:%b %Y}"


def _event_header(event_id: str, events: pd.DataFrame,
                  coverage: pd.DataFrame | None = None) -> str:
    row = events[events["event_id"] == event_id]
    if row.empty:
        return event_id
    row = row.iloc[0]
    window = row.get("window")
    if isinstance(window, str) and window:  # an event of the data, not of a catalogue
        header = f"{row['name']} ({window}"
    else:
        header = f"{row['name']} (catalogue window {_span(row['start'], row['end'])}"
    dated = (coverage[coverage["event_id"] == event_id]
             if coverage is not None and "first_date" in coverage else None)
    if dated is not None and len(dated) and pd.notna(dated["first_date"].iloc[0]):
        first, last = dated["first_date"].iloc[0], dated["last_date"].iloc[0]
        return f"{header})\narticles dated {_span(first, last)}"
    return header + ")"


def _group_languages(units: pd.DataFrame, outlets: pd.DataFrame) -> dict[str, list[str]]:
    """The register languages of each group's outlets in the event ({} if unknown)."""
    if "language" not in outlets.columns:
        return {}
    language = dict(zip(outlets["outlet"], outlets["language"], strict=True))
    out: dict[str, list[str]] = {}
    for outlet, group in zip(units["unit"], units["outlet_group"], strict=True):
        if outlet in language:
            out.setdefault(group, [])
            if language[outlet] not in out[group]:
                out[group].append(language[outlet])
    return out


def _panel_articles(ax: Axes, units: pd.DataFrame, outlets: pd.DataFrame) -> None:
    order = order_units(units["unit"], outlets)
    n = units.set_index("unit").loc[order, "n_total"].astype(int).to_numpy()
    y = np.arange(len(order))
    ax.barh(y, n, color=unit_colours(order, outlets), height=0.75)
    for yi, value in zip(y, n, strict=True):
        ax.text(value, yi, f" {value:,}", va="center", ha="left", fontsize=SMALL)
    ax.set_yticks(y, unit_labels(order, outlets), fontsize=7 if len(order) <= 16 else SMALL)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(0, n.max() * 1.18 if len(n) else 1)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("Articles (n)")
    ax.set_title("(a) Articles per outlet (bars in the group's colour)", loc="left",
                 fontsize=8)
    finish(ax)


_MARKERS = ("o", "s", "^", "D", "v", "P", "X")


#: the same-event frame panel's width (inches: the right of the top row's two, 1 : 1.05)
_FRAMES_WIDTH = FULL_WIDTH * 1.05 / 2.05
#: columns of words per row in the same-event keyness panel
KEYNESS_PER_ROW = 5
#: marker of each text level in the same-event frame panel (colour: the group)
_LEVEL_MARKERS = {"full": "D", "lede": "o", "headline": "s"}


def _cell_label(group: str, text_level: str, outlets: pd.DataFrame) -> str:
    """``Western · ledes``: a group at one text level."""
    return f"{unit_labels([group], outlets, 'outlet_group')[0]} · {LEVEL_PLURAL[text_level]}"


def _fitted_cell_label(group: str, text_level: str, outlets: pd.DataFrame, points: float,
                       fontsize: float = 7) -> str:
    """:func:`_cell_label` in bold at `fontsize`, the group's name cut short (…) so that it
    is at most `points` wide."""
    name = unit_labels([group], outlets, "outlet_group")[0]
    level = f" · {LEVEL_PLURAL[text_level]}"
    text, cut = name + level, len(name)
    while cut > 1 and glyph_width(text, fontsize, bold=True) > points:
        cut -= 1
        text = f"{name[:cut].rstrip()}…{level}"
    return text


def _frame_label(frames: pd.DataFrame, group: str, text_level: str,
                 outlets: pd.DataFrame) -> str:
    """A group's legend entry in the frame panel: its cell and articles."""
    part = frames[(frames["outlet_group"] == group) & (frames["text_level"] == text_level)]
    n = int(part["n_articles"].max()) if len(part) else 0
    return f"{_cell_label(group, text_level, outlets)} (n={n:,})"


def _cells(table: pd.DataFrame, groups: list[str], column: str) -> list[tuple[str, str]]:
    """The (group, text level) pairs of `table` (groups in `column`), groups in the
    order of `groups`, levels longest first."""
    have = set(zip(table[column], table["text_level"], strict=True))
    return [(g, level) for g in groups for level in LEVELS if (g, level) in have]


def _panel_frames(sub: SubFigure, frames: pd.DataFrame, cells: list[tuple[str, str]],
                  outlets: pd.DataFrame, labels: list[str], ncols: int) -> Axes:
    """The frame panel: a dot per cell (group and text level) and frame, the cells'
    `labels` in a legend of `ncols` columns below."""
    ax = finish(sub.subplots())
    if not cells:
        ax.set_axis_off()
        ax.set_title("(b) Generic frames: no group has enough articles at one text level",
                     loc="left", fontsize=8)
        return ax
    measures = list(dict.fromkeys(frames["measure"]))
    names = [_FRAME_NAMES.get(m.removeprefix("generic_").removesuffix("_present"),
                              m.replace("_", " ")) for m in measures]
    step = min(0.16, 0.8 / max(len(cells), 1))
    offsets = (np.arange(len(cells)) - (len(cells) - 1) / 2) * step
    # colour names the group: a group whose colour an earlier one has is drawn apart
    groups = list(dict.fromkeys(g for g, _ in cells))
    colours = dict(zip(groups, unit_colours(groups, outlets, "outlet_group"), strict=True))
    repeat = dict(zip(groups, colour_repeats(list(colours.values())), strict=True))
    for k, (group, text_level) in enumerate(cells):
        part = frames[(frames["outlet_group"] == group)
                      & (frames["text_level"] == text_level)].set_index("measure")
        values = part["mean"].reindex(measures).to_numpy(dtype=float)
        ax.scatter(values, np.arange(len(measures)) + offsets[k], s=24,
                   marker=_LEVEL_MARKERS[text_level], color=colours[group], zorder=3,
                   label=labels[k], **REPEAT_MARKERS[repeat[group]])
    for y in range(len(measures)):
        ax.axhline(y, color="0.9", lw=0.6, zorder=1)
    ax.set_yticks(range(len(measures)), names, fontsize=7)
    ax.set_ylim(len(measures) - 0.5, -0.5)
    high = float(np.nanmax(frames["mean"])) if frames["mean"].notna().any() else 0.0
    high = max(0.1, high * 1.08)
    ax.set_xlim(-0.025 * high, high)  # zeros clear of the spine
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("Articles with the frame present (%)")
    ax.set_title("(b) Generic frames by outlet group and text level", loc="left", fontsize=8)
    handles, texts = ax.get_legend_handles_labels()
    sub.legend(handles, texts, loc="outside lower center", ncols=ncols, frameon=False,
               fontsize=SMALL, handletextpad=0.2, columnspacing=0.8)
    return ax


def _panel_terms(subs: Sequence[SubFigure], widths: Sequence[float], chosen: list[str],
                 terms: pd.DataFrame, groups: list[str], outlets: pd.DataFrame,
                 legend_rows: int) -> list[Axes]:
    names = unit_labels(groups, outlets, "outlet_group")
    axes = []
    for k, (sub, width, concept) in enumerate(zip(subs, widths, chosen, strict=True)):
        ax = sub.subplots()
        part = terms[terms["concept"] == concept]
        variants = list(dict.fromkeys(part["variant"]))
        counts = (part.groupby(["outlet_group", "variant"])["mentions"].sum().unstack()
                  .reindex(index=groups, columns=variants).fillna(0))
        totals = counts.sum(axis=1)
        shares = counts.div(totals.where(totals > 0), axis=0).fillna(0.0)
        shown = [v for v in variants if counts[v].sum() > 0]
        colours = _variant_colours(variants)
        _stacked_bars(ax, shares[shown], colours, min_label=0.2)
        for y, total in enumerate(totals.astype(int)):
            ax.text(1.02, y, f"n={total:,}" if total else "none", va="center", ha="left",
                    fontsize=SMALL, transform=ax.get_yaxis_transform())
        ax.set_yticks(range(len(groups)), names if k == 0 else [""] * len(groups),
                      fontsize=7)
        ax.set_xticks([0, 0.5, 1])
        ax.tick_params(axis="x", labelsize=7)
        ax.set_xlabel("Share of mentions (%)" + ("; n = mentions" if k == 0 else ""),
                      fontsize=7)
        ax.set_title(f"{'(c) ' if k == 0 else ''}{_concept_name(concept)}", loc="left",
                     fontsize=8)
        handles = [Patch(facecolor=colours[v], label=_variant_name(v)) for v in shown]
        ncols = legend_columns([h.get_label() for h in handles], width - 0.1, SMALL)
        # pad with blank entries so every panel's legend has as many rows and the bars
        # of the panels line up
        handles += [Patch(facecolor="none", edgecolor="none", label=" ")
                    for _ in range(legend_rows * ncols - len(handles))]
        sub.legend(handles=handles, loc="outside lower left", frameon=False, ncols=ncols,
                   fontsize=SMALL, handlelength=1.0, handleheight=0.8, handletextpad=0.3,
                   columnspacing=0.8)
        axes.append(ax)
    return axes


def _keyness_lines(keyness: pd.DataFrame, groups: list[str], outlets: pd.DataFrame,
                   n_terms: int) -> list[tuple[tuple[str, str], pd.DataFrame]]:
    """Each (group, text level)'s best words: keyness is made within one text level."""
    shown = [g for g in groups if g in set(keyness["label"])]
    shown += [g for g in order_units(keyness["label"], outlets, "outlet_group")
              if g not in shown]
    return [((g, level), keyness[(keyness["label"] == g) & (keyness["text_level"] == level)]
             .sort_values(["z", "term"], ascending=[False, True]).head(n_terms))
            for g, level in _cells(keyness, shown, "label")]


def _panel_keyness(ax: Axes, columns: list[tuple[str, pd.DataFrame]],
                   outlets: pd.DataFrame, notes: list[str]) -> None:
    """Text panel: one column per group, its words with z and the articles using them;
    every text is positioned in points from the top (words) or bottom (notes)."""
    ax.set_axis_off()
    ax.set_title("(d) Each group's most distinctive words against the other groups at the "
                 "same text level: z (articles using the word)", loc="left", fontsize=8)
    line = 9.0  # points

    def put(text, x, y, dy, **kwargs):
        artist = ax.annotate(text, xy=(x, y), xycoords="axes fraction", xytext=(0, dy),
                             textcoords="offset points", annotation_clip=False, **kwargs)
        artist.set_in_layout(False)
        return artist

    if not columns:
        put(textwrap.fill("No keyness for this event: at no text level did two groups "
                          "write enough articles in its main language "
                          "(thresholds.same_event_min_articles) using a word in two or "
                          "more of them.", 125), 0, 1, 0, va="top", fontsize=7)
    width = 1.0 / max(min(len(columns), KEYNESS_PER_ROW), 4)
    block = max((len(part) for _, part in columns), default=0) + 2.4  # lines per row
    # each column's head in bold, in 7 pt if every head fits its column (the axes span the
    # figure's width less a tenth of an inch; a few points kept clear before the next
    # column), else all in SMALL, a group's name cut short where it still does not fit
    room = (FULL_WIDTH - 0.1) * 72 * width - 4
    cells = [cell for cell, _ in columns]
    head_size = 7 if all(glyph_width(_cell_label(group, level, outlets), 7, bold=True) <= room
                         for group, level in cells) else SMALL
    heads = [_fitted_cell_label(group, level, outlets, room, head_size)
             for group, level in cells]
    for k, ((group, _), part) in enumerate(columns):
        x0 = (k % KEYNESS_PER_ROW) * width
        top = -line * block * (k // KEYNESS_PER_ROW)  # points below the panel's top
        colour = unit_colours([group], outlets, "outlet_group")[0]
        bar = Rectangle((x0, 1.0), width * 0.88, 0.0, clip_on=False, edgecolor=colour,
                        linewidth=2.5, transform=offset_copy(ax.transAxes, fig=ax.figure,
                                                             y=top, units="points"))
        bar.set_in_layout(False)
        ax.add_patch(bar)
        put(heads[k], x0, 1, top - 2, va="top", ha="left", fontsize=head_size,
            fontweight="bold")
        for i, row in enumerate(part.itertuples()):
            weak = row.z < Z_CRIT
            term = str(row.term) if len(str(row.term)) <= 16 else f"{str(row.term)[:15]}…"
            mark = "°" if row.p_doc_perm > 0.05 else ""
            put(f"{term}{mark}", x0, 1, top - line * (i + 1.4), va="top", ha="left",
                fontsize=7, color="0.5" if weak else "black")
            put(f"{row.z:.1f} ({int(row.docs_label)})", x0 + width * 0.88, 1,
                top - line * (i + 1.4), va="top", ha="right", fontsize=SMALL,
                color="0.5" if weak else "0.2")
    for i, note in enumerate(reversed(notes)):
        put(note, 0, 0, line * 0.95 * i, va="bottom", ha="left", fontsize=SMALL,
            style="italic", color="0.2")


def plot_same_event(event_id: str, profiles: pd.DataFrame, term_choices: pd.DataFrame,
                    keyness: pd.DataFrame, events: pd.DataFrame, outlets: pd.DataFrame,
                    n_concepts: int = 3, n_terms: int = 8,
                    coverage: pd.DataFrame | None = None, min_cell: int = 5,
                    most_groups: int | None = None) -> Figure:
    """Draw how the outlet groups covered one shared event.

    Four panels: (a) articles per outlet, coloured by group; (b) the share of each
    group's articles with each generic frame present; (c) each group's choice among the
    variants of the `n_concepts` contested concepts the event's articles mention most
    (mentions pooled over the group's outlets); (d) each group's `n_terms` most
    distinctive words against the other groups (one-vs-rest keyness within the event's
    main language; words with z < 1.96 in grey, words failing the document-level check
    marked °). A note says when the groups write in different languages: frame cues and
    term variants come from per-language lexicons, so differences across languages
    partly reflect the lexicons.

    Parameters
    ----------
    event_id : the event to draw.
    profiles : ``tables/same_event_profiles.csv``.
    term_choices : ``tables/same_event_term_choices.csv``.
    keyness : ``tables/same_event_keyness.csv``.
    events : the event catalogue (``analysis.load_events()``).
    outlets : the outlet register table (its ``language`` column, if present, gives the
        groups' languages; otherwise only keyness's language is noted).
    n_concepts, n_terms : concepts in (c) and words per group in (d).
    min_cell : a group's text level with fewer articles is left out of (b) (and named in a
        note): a share of one or two articles says little.
    coverage : ``tables/same_event_coverage.csv``; with it the title gives the dates of the
        event's articles next to the catalogue window (a dataset's event label can reach
        far outside the window).
    most_groups : at most this many groups are drawn, those with the most articles on the
        event (ties: in register order); a note names how many more there are and where
        their rows are (None: every group).

    Returns
    -------
    Figure
    """
    profile = profiles[profiles["event_id"] == event_id]
    if profile.empty:
        raise ValueError(f"no same-event profile for {event_id!r}")
    units = (profile[profile["level"] == "outlet"].drop_duplicates(["unit", "text_level"])
             .groupby("unit", sort=False)
             .agg(outlet_group=("outlet_group", "first"), n_total=("n_total", "sum"))
             .reset_index())
    groups = order_units(profile.loc[profile["level"] == "outlet_group", "unit"], outlets,
                         "outlet_group")
    n_articles, n_units, n_groups = int(units["n_total"].sum()), len(units), len(groups)
    dropped: list[str] = []
    if most_groups is not None and len(groups) > most_groups:
        size = units.groupby("outlet_group")["n_total"].sum().reindex(groups, fill_value=0)
        drawn = set(size.sort_values(ascending=False, kind="stable").index[:most_groups])
        dropped = [g for g in groups if g not in drawn]
        groups = [g for g in groups if g in drawn]
        units = units[units["outlet_group"].isin(drawn)]
        profile = profile[profile["outlet_group"].isin(drawn)]
    frames = profile[(profile["level"] == "outlet_group") & (profile["kind"] == "frame")]
    sizes = frames.groupby(["outlet_group", "text_level"])["n_total"].max()
    cells = [c for c in _cells(frames, groups, "outlet_group") if sizes[c] >= min_cell]
    thin = [c for c in _cells(frames, groups, "outlet_group") if sizes[c] < min_cell]
    terms = term_choices[(term_choices["event_id"] == event_id)
                         & term_choices["outlet_group"].isin(groups)]
    per_concept = terms.groupby("concept", sort=False)["mentions"].sum()
    per_concept = per_concept.sort_values(ascending=False, kind="stable")
    chosen = [c for c, n in per_concept.items() if n > 0][:n_concepts]
    keyness = keyness[(keyness["event_id"] == event_id) & ~keyness["label"].isin(dropped)]
    words = _keyness_lines(keyness, groups, outlets, n_terms)

    notes = []
    if dropped:
        drawn_articles = int(units["n_total"].sum())
        notes.append(
            f"Drawn: the {len(groups)} groups with the most articles on this event "
            f"({drawn_articles:,} articles); not drawn: {len(dropped)} "
            f"group{'s' if len(dropped) > 1 else ''} "
            f"({n_articles - drawn_articles:,} articles), in "
            "tables/same_event_profiles.csv (thresholds.same_event_groups_max).")
    if any((part["p_doc_perm"] > 0.05).any() for _, part in words):
        notes.append("° not robust at the document level (permutation p > 0.05); grey: "
                     "z < 1.96.")
    elif any((part["z"] < Z_CRIT).any() for _, part in words):
        notes.append("Grey: z < 1.96 (shown as the group's best candidates).")
    languages = _group_languages(units, outlets)
    if len({lang for langs in languages.values() for lang in langs}) > 1:
        described = "; ".join(
            f"{name}: {', '.join(languages.get(g, ['?']))}" for g, name in
            zip(groups, unit_labels(groups, outlets, "outlet_group"), strict=True))
        notes.append(f"The groups write in different languages ({described}): frame cues "
                     "and term variants come from per-language lexicons, so differences "
                     "across languages partly reflect the lexicons.")
    notes.append("Like with like: (b) and (d) compare each text level apart (ledes with "
                 "ledes, headlines with headlines); a group's levels are shown separately."
                 + (f" Left out of (b), under {min_cell} articles: " + ", ".join(
                     f"{_cell_label(g, level, outlets)} ({sizes[(g, level)]})"
                     for g, level in thin) + "." if thin else ""))
    if words:
        language = ", ".join(dict.fromkeys(keyness["language"].astype(str)))
        left_out = [g for g in groups if g not in {g for (g, _), _ in words}]
        text = f"Keyness compares the articles in the event's main language ({language})"
        if left_out:
            text += (" only; not compared: "
                     + ", ".join(unit_labels(left_out, outlets, "outlet_group")))
        notes.append(text + ".")
    notes = [wrapped for note in notes for wrapped in textwrap.wrap(note, 125)]

    # the frame panel's legend sits below its axes: rows of it, with room for the axes
    in_cells = pd.MultiIndex.from_frame(frames[["outlet_group", "text_level"]]).isin(cells)
    frames = frames[in_cells]
    entries = [_frame_label(frames, g, level, outlets) for g, level in cells]
    frame_columns = legend_columns(entries, _FRAMES_WIDTH, SMALL)
    frame_rows = math.ceil(len(entries) / frame_columns)
    top_h = max(2.6, 0.12 * len(units) + 1.0, 1.55 + 0.15 * frame_rows)
    ratios = [1.45] + [1.0] * (len(chosen) - 1)
    widths = [FULL_WIDTH * r / sum(ratios) for r in ratios]
    legend_rows = 0
    for concept, width in zip(chosen, widths, strict=False):
        shown = terms[(terms["concept"] == concept) & (terms["mentions"] > 0)]["variant"]
        labels = [_variant_name(v) for v in dict.fromkeys(shown)]
        legend_rows = max(legend_rows, math.ceil(len(labels) / legend_columns(
            labels, width - 0.1, SMALL)))
    terms_h = 0.17 * len(groups) + 1.1 + 0.12 * legend_rows if chosen else 0.5
    longest = max((len(part) for _, part in words), default=0)
    rows = math.ceil(len(words) / KEYNESS_PER_ROW)
    words_h = (0.3 + 0.125 * ((longest + 2.4) * rows - 0.8 if words else 2.5)
               + 0.13 * len(notes))
    fig = new_figure(FULL_WIDTH, top_h + terms_h + words_h + 0.45)
    top, middle, bottom = fig.subfigures(3, 1, height_ratios=[top_h, terms_h, words_h])
    left, right = top.subfigures(1, 2, width_ratios=[1, 1.05])
    _panel_articles(finish(left.subplots()), units, outlets)
    _panel_frames(right, frames, cells, outlets, entries, frame_columns)
    if chosen:
        subs = middle.subfigures(1, len(chosen), width_ratios=ratios, squeeze=False)[0]
        _panel_terms(subs, widths, chosen, terms, groups, outlets, legend_rows)
    else:
        ax = middle.add_subplot()
        ax.set_axis_off()
        ax.set_title("(c) Contested terms: none mentioned in this event's articles",
                     loc="left", fontsize=8)
    _panel_keyness(bottom.add_subplot(), words, outlets, notes)
    fig.suptitle(f"{_event_header(event_id, events, coverage)}\nn = {n_articles:,} articles from "
                 f"{n_units} outlets in {n_groups} outlet groups", fontsize=9, x=0.01,
                 ha="left")
    return fig


# ---------------------------------------------------------------------------------------
# 5. the two full seed articles
# ---------------------------------------------------------------------------------------

def _seed_panel(feature: str) -> str:
    name = feature.split("__", 1)[-1]
    if name.endswith("_compound"):
        return "compound"
    if name.endswith("_rate"):
        return "rate"
    if name.endswith("_share") or name == "mattr":
        return "share"
    if name.endswith("_n") or name.startswith("n_"):
        return "count"
    if feature.startswith("lex__"):
        return "readability"
    return "other"


def plot_seed_articles(features: pd.DataFrame, outlets: pd.DataFrame) -> Figure:
    """Draw the full seed articles' features side by side (paired dots).

    Features are grouped into panels by unit (readability indices, shares, cues per
    1,000 words, counts, VADER compound scores); in each row one dot per article (the
    outlet's own register colour and its own marker shape) joined by a line, the lower
    value written left of its dot and the higher right of its dot. The articles' word
    counts (``lex__n_words``) go into the legend rather than a panel of their own.

    Parameters
    ----------
    features : ``tables/close_reading_features.csv``: ``feature`` and one column per
        article, named by outlet.
    outlets : the outlet register table.

    Returns
    -------
    Figure
    """
    articles = order_units([c for c in features.columns if c != "feature"], outlets)
    table = features.set_index("feature")[articles]
    words = table.loc["lex__n_words"] if "lex__n_words" in table.index else None
    table = table.drop(index="lex__n_words", errors="ignore")
    panels: dict[str, list[str]] = {}
    for feature in table.index:
        panels.setdefault(_seed_panel(feature), []).append(feature)
    keys = [k for k in _SEED_PANELS if k in panels]
    names = unit_labels(articles, outlets)
    colours = unit_colours(articles, outlets, by_group=False)

    heights = [0.19 * len(panels[k]) + 0.62 for k in keys]
    n_columns = 2 if len(keys) > 1 else 1
    height = max(sum(heights[i] for i in c) for c in _columns(heights, n_columns)) + 0.5
    fig = new_figure(FULL_WIDTH, height)
    for sub, key in zip(_panel_grid(fig, heights, n_columns), keys, strict=True):
        _seed_axes(sub.subplots(), table.loc[panels[key]], key, colours)
    handles = [Line2D([], [], ls="", marker=_MARKERS[k % len(_MARKERS)], color=colour,
                      markersize=6, label=name + (f" ({int(words[a]):,} words)"
                                                  if words is not None else ""))
               for k, (a, name, colour) in enumerate(zip(articles, names, colours,
                                                         strict=True))]
    fig.legend(handles=handles, loc="outside upper right", ncols=len(handles),
               frameon=False, fontsize=7.5)
    count = {1: "One full seed article", 2: "The two full seed articles"}.get(
        len(articles), f"The {len(articles)} full seed articles")
    fig.suptitle(f"{count}, feature by feature", fontsize=9, x=0.01, ha="left")
    return fig


def _seed_axes(ax: Axes, values: pd.DataFrame, key: str, colours: list[str]) -> None:
    title, fmt, limits = _SEED_PANELS[key]
    data = values.to_numpy(dtype=float)
    y = np.arange(len(values))
    if limits is None:
        high = float(np.nanmax(data)) if np.isfinite(data).any() else 1.0
        limits = (0.0, high if high > 0 else 1.0)
    span = limits[1] - limits[0]
    for yi, row_values in zip(y, data, strict=True):
        finite = row_values[np.isfinite(row_values)]
        if len(finite) > 1:
            ax.plot([finite.min(), finite.max()], [yi, yi], color="0.75", lw=1.6, zorder=2)
        for k, value in enumerate(row_values):
            if np.isfinite(value):
                ax.scatter(value, yi, s=28, marker=_MARKERS[k % len(_MARKERS)],
                           color=colours[k], edgecolors="white", linewidths=0.4, zorder=3)
        if len(finite) == 0:
            continue
        low, high = finite.min(), finite.max()
        if len(finite) == 1 or fmt.format(low) == fmt.format(high):
            ax.annotate(fmt.format(high) + (" (both)" if len(finite) > 1 else ""),
                        (high, yi), xytext=(5, 0), textcoords="offset points",
                        va="center", ha="left", fontsize=SMALL)
        else:
            ax.annotate(fmt.format(low), (low, yi), xytext=(-5, 0), textcoords="offset points",
                        va="center", ha="right", fontsize=SMALL)
            ax.annotate(fmt.format(high), (high, yi), xytext=(5, 0),
                        textcoords="offset points", va="center", ha="left", fontsize=SMALL)
    ax.set_xlim(limits[0] - 0.22 * span, limits[1] + 0.3 * span)
    if key == "compound":
        ax.axvline(0, color="0.6", lw=0.6, zorder=1)
        ticks = [-1.0, 0.0, 1.0]
    elif key == "share":
        ticks = [0.0, 0.5, 1.0]
    else:
        ticks = [t for t in MaxNLocator(nbins=3, steps=[1, 2, 2.5, 5, 10]).tick_values(*limits)
                 if limits[0] <= t <= limits[1] * 1.1]
    ax.set_xticks(ticks)
    ax.tick_params(axis="x", labelsize=7)
    ax.set_yticks(y, [_FEATURE_NAMES.get(f, f.split("__", 1)[-1].replace("_", " "))
                      for f in values.index], fontsize=7)
    ax.set_ylim(len(values) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", color="0.92", lw=0.6)
    ax.set_axisbelow(True)
    ax.set_title(title, loc="left", fontsize=7.5)
    finish(ax)
