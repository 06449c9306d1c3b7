"""Outlet profiles: readability, tone, frames and sourcing per outlet (or outlet group).

Every function draws estimates the comparison layer already computed
(:func:`analysis.compare.feature_estimates`: one row per unit × feature with the mean over
articles and its 95% bootstrap interval) and computes no statistics of its own. Rows are
outlets in the register's display order, coloured by outlet group; ``level="outlet_group"``
draws the group table instead. A unit with fewer than `min_articles` articles for a measure
is left out of that measure's panel (or its heat-map cell is left grey), and the figure
says how many units and articles that drops. A unit with no article at all for a measure
(``n_articles`` = 0: VADER scores only English text, headlines have no sentence-based
readability) is counted apart as "does not apply".
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # figures are files; notebooks render them inline

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ._style import (
    DIVERGING,
    FULL_WIDTH,
    SEQUENTIAL,
    finish,
    group_table,
    legend_columns,
    new_figure,
    order_units,
    unit_colours,
    unit_labels,
    wrap,
)

__all__ = [
    "ACTORS", "GENERIC_FRAMES", "POLICY_FRAMES", "READABILITY_FEATURES", "SOURCE_TYPES",
    "plot_actor_sentiment_heatmap", "plot_frame_prevalence_by_outlet",
    "plot_readability_by_outlet", "plot_sentiment_by_outlet", "plot_sourcing_by_outlet",
]

#: default panels of :func:`plot_readability_by_outlet`
READABILITY_FEATURES = ("lex__flesch_reading_ease", "lex__flesch_kincaid_grade",
                        "lex__mean_sentence_length", "lex__mattr")

#: panel title and axis label (with units) of the lexical measures
_LEX_LABELS = {
    "flesch_reading_ease": ("Flesch reading ease", "score (higher = easier)"),
    "flesch_kincaid_grade": ("Flesch–Kincaid grade", "US school grade"),
    "gunning_fog": ("Gunning fog index", "years of schooling"),
    "smog_index": ("SMOG index", "US school grade"),
    "coleman_liau_index": ("Coleman–Liau index", "US school grade"),
    "automated_readability_index": ("Automated readability index", "US school grade"),
    "dale_chall_readability_score": ("Dale–Chall score", "score (higher = harder)"),
    "lix": ("LIX", "score (higher = harder)"),
    "n_words": ("Length", "words per article"),
    "n_sentences": ("Sentences", "sentences per article"),
    "n_syllables": ("Syllables", "syllables per article"),
    "n_long_words": ("Long words", "words of 7+ letters per article"),
    "mean_sentence_length": ("Sentence length", "words per sentence"),
    "mattr": ("Lexical diversity", "MATTR (type–token ratio,\n50-word windows)"),
    "mtld": ("Lexical diversity", "MTLD (mean factor length,\nwords)"),
    "quoted_share": ("Quoted text", "share of words inside quotations"),
}

#: actors of ``data/lexicons/actors.csv`` in display order, with their column labels
ACTORS = {
    "russia": "Russia", "belarus": "Belarus", "belarus_opposition": "Belarusian\nopposition",
    "ukraine": "Ukraine", "poland": "Poland", "eu": "EU", "nato_west": "NATO /\nthe West",
    "usa": "USA", "migrants": "Migrants", "wagner": "Wagner",
}

#: generic frames (Semetko & Valkenburg 2000)
GENERIC_FRAMES = {
    "conflict": "Conflict", "human_interest": "Human interest", "economic": "Economic",
    "morality": "Morality", "responsibility": "Responsibility",
}

#: Policy Frames Codebook dimensions (Boydstun et al. 2014) in the codebook's order
POLICY_FRAMES = {
    "economic": "Economic", "capacity_resources": "Capacity & resources",
    "morality": "Morality", "fairness_equality": "Fairness & equality",
    "legality": "Legality", "policy_prescription": "Policy prescription",
    "crime_punishment": "Crime & punishment", "security_defense": "Security & defence",
    "health_safety": "Health & safety", "quality_of_life": "Quality of life",
    "cultural_identity": "Cultural identity", "public_opinion": "Public opinion",
    "political": "Political", "external_regulation": "External regulation",
    "other": "Other",
}

#: source types of attributed quotations (``data/lexicons/sources.csv``): label, colour
#: (Paul Tol's colour-blind-safe "muted" scheme; pale grey for "not identified")
SOURCE_TYPES = {
    "official_ru_by": ("official: Russia/Belarus", "#CC6677"),
    "official_west_ua_pl": ("official: West/Ukraine/Poland", "#332288"),
    "international_org": ("international organisation", "#88CCEE"),
    "ngo": ("NGO", "#44AA99"),
    "expert": ("expert", "#117733"),
    "media": ("media", "#DDCC77"),
    "citizen": ("citizen", "#999933"),
    "anonymous": ("anonymous", "#882255"),
}
_UNIDENTIFIED = ("speaker type not identified", "#DDDDDD")

_SMALL = 6.5       # the smallest type on any figure (pt)
_ROW = 0.17        # inches per outlet row in dot-and-whisker panels
_GREY = "#555555"
_MISSING = "#E8E8E8"
_CI = "95% bootstrap CI"
_PAD = 10          # points between a panel and its title, above the "n" column header


# --------------------------------------------------------------------------- helpers


def _level(estimates: pd.DataFrame, level: str | None) -> tuple[pd.DataFrame, str]:
    """Return the rows of `estimates` at `level` and the level (inferred if None); the
    rows must be of one text level."""
    if level is None:
        levels = estimates["level"].dropna().unique() if "level" in estimates else []
        level = str(levels[0]) if len(levels) == 1 else "outlet"
    if level not in ("outlet", "outlet_group"):
        raise ValueError(f"level must be 'outlet' or 'outlet_group', not {level!r}")
    if "level" in estimates:
        available = sorted(estimates["level"].dropna().unique())
        estimates = estimates[estimates["level"] == level]
        if estimates.empty:
            raise ValueError(f"the estimates table has no rows at level {level!r} "
                             f"(it has {available})")
    if "text_level" in estimates and estimates["text_level"].nunique() > 1:
        raise ValueError("the estimates are of several text levels "
                         f"({', '.join(estimates['text_level'].unique())}): a figure compares "
                         "units at one (like with like); select its rows first")
    return estimates, level


def _nouns(level: str) -> tuple[str, str]:
    """Return the singular and plural noun of a unit ("outlet", "outlets")."""
    return ("outlet", "outlets") if level == "outlet" else ("outlet group", "outlet groups")


def _feature(estimates: pd.DataFrame, feature: str) -> pd.DataFrame:
    """Return one feature's rows indexed by unit (n_articles, mean, ci_low, ci_high).

    Raises
    ------
    ValueError
        If the table has no row for `feature`.
    """
    rows = estimates[estimates["feature"] == feature]
    if rows.empty:
        raise ValueError(f"the estimates table has no rows for feature {feature!r}")
    table = rows.drop_duplicates("unit").set_index("unit")
    return table[["n_articles", "mean", "ci_low", "ci_high"]].astype(float)


def _split(table: pd.DataFrame, min_articles: int) -> tuple[pd.DataFrame, pd.DataFrame,
                                                             pd.DataFrame]:
    """Split a feature table into kept units, units below `min_articles`, and units the
    measure does not apply to (no article, or no value)."""
    applies = (table["n_articles"] > 0) & table["mean"].notna()
    kept = applies & (table["n_articles"] >= min_articles)
    return table[kept], table[applies & ~kept], table[~applies]


def _count(n: float) -> str:
    """Format an article or quotation count.

    >>> _count(1969.0), _count(12345)
    ('1969', '12,345')
    """
    return f"{n:,.0f}" if n >= 9_999.5 else f"{n:.0f}"


def _signed(x: float, minus: str = "−") -> str:
    """Format a value in −1…1 with two decimals and no leading zero (APA style).

    >>> _signed(-0.2812), _signed(0.05, minus="-"), _signed(1.0)
    ('−.28', '.05', '1.00')
    """
    text = f"{abs(x):.2f}"
    text = text[1:] if text.startswith("0") else text
    return (minus if round(x, 2) < 0 else "") + text


def _dropped(dropped: pd.DataFrame, not_applicable: pd.DataFrame, min_articles: int,
             level: str) -> str:
    """Describe the units a measure leaves out, e.g. "3 outlets (41 articles) with < 30"."""
    one, many = _nouns(level)
    parts = []
    if len(dropped):
        parts.append(f"{len(dropped)} {one if len(dropped) == 1 else many} "
                     f"({int(dropped['n_articles'].sum()):,} articles) with < {min_articles}")
    if len(not_applicable):
        parts.append(f"{len(not_applicable)} where the measure does not apply")
    return "; ".join(parts) or "none"


def _left_out(notes: list[tuple[str, str]]) -> str:
    """Join (panel, what it leaves out) pairs, once if every panel leaves out the same.

    >>> _left_out([("a", "none"), ("b", "none")]), _left_out([("a", "x"), ("b", "y")])
    ('Left out of each panel: none.', 'Left out — a: x; b: y.')
    """
    bodies = list(dict.fromkeys(body for _, body in notes))
    if len(bodies) == 1:
        return f"Left out{' of each panel' if len(notes) > 1 else ''}: {bodies[0]}."
    return "Left out — " + "; ".join(f"{label}: {body}" for label, body in notes) + "."


def _caption(fig: Figure, title: str, note: str, handles: list | None = None) -> None:
    """Put the title on top and, under the panels, the key (`handles`) and a footnote.

    Constrained layout reserves the larger, not the sum, of a figure legend's and a
    ``supxlabel``'s height, so with a key the footnote is the key's title.
    """
    fig.suptitle(wrap(title, FULL_WIDTH - 0.1, 9), x=0.01, ha="left", fontsize=9)
    note = wrap(note, FULL_WIDTH - 0.3, _SMALL)
    if not handles:
        fig.supxlabel(note, x=0.01, ha="left", fontsize=_SMALL, color=_GREY,
                      linespacing=1.25)
        return
    # one row of up to six entries, else two rows; more rows where those would not fit
    # the figure's width (handle 2, padding 0.3 and spacing 1.2 ems)
    ncols = legend_columns([h.get_label() for h in handles], FULL_WIDTH - 0.2, 7, 3.5,
                           most=len(handles) if len(handles) <= 6 else -(-len(handles) // 2),
                           uniform=False)
    legend = fig.legend(handles=handles, loc="outside lower center", frameon=False,
                        fontsize=7, ncols=ncols, handletextpad=0.3,
                        columnspacing=1.2, title=note, alignment="left",
                        title_fontproperties={"size": _SMALL})
    legend.get_title().set_color(_GREY)
    legend.get_title().set_linespacing(1.25)


def _rows(ax: Axes, rows: list[str], outlets: pd.DataFrame, level: str,
          labels: bool = True) -> None:
    """Put the units on the y axis (first at the top) with thin lines between groups."""
    if labels:  # y axes are shared: ticks set once, later panels only hide the labels
        ax.set_yticks(range(len(rows)), unit_labels(rows, outlets, level))
        ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0, labelleft=labels)
    _group_lines(ax, rows, outlets, level)


def _counts(ax: Axes, rows: list[str], counts: dict[str, str], header: str = "n") -> None:
    """Write each row's n in a column right of the panel."""
    side = ax.secondary_yaxis("right")
    side.set_yticks(range(len(rows)), [counts.get(r, "") for r in rows])
    side.tick_params(axis="y", length=0, labelsize=_SMALL, labelcolor=_GREY, pad=2)
    side.spines["right"].set_visible(False)
    ax.annotate(header, xy=(1, 1), xycoords="axes fraction", xytext=(2, 1),
                textcoords="offset points", ha="left", va="bottom", fontsize=_SMALL,
                color=_GREY)


def _dots(ax: Axes, rows: list[str], table: pd.DataFrame, colours: dict[str, str], *,
          tag: str, scale: float = 1.0, offset: float = 0.0, marker: str = "o",
          filled: bool = True, size: float = 16) -> None:
    """Draw mean (marker) and CI (line) of the units of `table` on their rows.

    The CI is one LineCollection (gid ``ci:<tag>``) and the means one PathCollection
    (gid ``mean:<tag>``), so tests and readers can find the plotted numbers.
    """
    units = [r for r in rows if r in table.index]
    if not units:
        return
    sub = table.loc[units]
    y = np.array([rows.index(u) for u in units], dtype=float) + offset
    colour = [colours[u] for u in units]
    ax.hlines(y, sub["ci_low"] * scale, sub["ci_high"] * scale, colors=colour,
              linewidth=1.1, gid=f"ci:{tag}", zorder=2)
    ax.scatter(sub["mean"] * scale, y, s=size, marker=marker, zorder=3, gid=f"mean:{tag}",
               c="white" if not filled else colour, edgecolors=colour, linewidths=0.9)


def _group_lines(ax: Axes, rows: list[str], outlets: pd.DataFrame, level: str,
                 colour: str = "#CCCCCC", width: float = 0.5) -> None:
    """Draw a horizontal line between consecutive rows of different outlet groups."""
    if level != "outlet":
        return
    groups = dict(zip(outlets["outlet"], outlets["outlet_group"], strict=True))
    keys = [groups.get(r) for r in rows]
    for i in range(1, len(rows)):
        if keys[i] != keys[i - 1]:
            ax.axhline(i - 0.5, color=colour, linewidth=width, zorder=0.5)


def _group_handles(rows: list[str], outlets: pd.DataFrame, level: str) -> list:
    """Key entries of the outlet groups shown (outlet level only: groups are labelled)."""
    if level != "outlet" or not rows:
        return []
    shown = set(outlets.loc[outlets["outlet"].isin(rows), "outlet_group"])
    return [Line2D([], [], marker="o", linestyle="", markersize=4, color=g["group_colour"],
                   label=g["group_name"])
            for _, g in group_table(outlets).iterrows() if g["outlet_group"] in shown]


def _mean_grid(kept: dict[str, pd.DataFrame], rows: list[str], columns) -> np.ndarray:
    """Units (rows) × features (columns) of the kept means; NaN where a unit was dropped."""
    grid = np.full((len(rows), len(columns)), np.nan)
    for j, column in enumerate(columns):
        for i, unit in enumerate(rows):
            if unit in kept[column].index:
                grid[i, j] = kept[column].at[unit, "mean"]
    return grid


def _empty(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center",
            fontsize=_SMALL, color=_GREY)


def _no_rows(title: str, min_articles: int, level: str) -> Figure:
    """A figure saying that no unit reaches `min_articles` (rather than an empty heat map)."""
    fig = new_figure(FULL_WIDTH, 1.2)
    ax = fig.add_subplot()
    ax.set_axis_off()
    _empty(ax, f"no {_nouns(level)[0]} has ≥ {min_articles} articles for this measure")
    fig.suptitle(title, x=0.01, ha="left", fontsize=9)
    return fig


def _grid(ax: Axes) -> None:
    ax.grid(axis="x", color="#EBEBEB", linewidth=0.5, zorder=0)
    ax.set_axisbelow(True)
    ax.tick_params(axis="x", labelsize=7)


def _dot_panels(estimates: pd.DataFrame, outlets: pd.DataFrame, level: str,
                panels: list[tuple[str, str, str]], min_articles: int, *, scale: float = 1.0,
                sharex: bool = False) -> tuple[Figure, list[Axes], list[str], list[str]]:
    """Small multiples of dot-and-whisker panels sharing the unit rows.

    `panels` holds (feature, panel title, x-axis label). Returns the figure, the axes, the
    rows drawn and one "left out" note per panel.
    """
    tables = [_feature(estimates, feature) for feature, _, _ in panels]
    splits = [_split(t, min_articles) for t in tables]
    rows = order_units({u for kept, _, _ in splits for u in kept.index}, outlets, level)
    colours = dict(zip(rows, unit_colours(rows, outlets, level), strict=True))
    fig = new_figure(FULL_WIDTH, 1.45 + _ROW * max(len(rows), 3))
    axes = list(np.atleast_1d(fig.subplots(1, len(panels), sharey=True, sharex=sharex)))
    counts = [{u: _count(n) for u, n in kept["n_articles"].items()} for kept, _, _ in splits]
    notes = []
    for i, (ax, (feature, title, xlabel), (kept, dropped, na)) in enumerate(
            zip(axes, panels, splits, strict=True)):
        _rows(ax, rows, outlets, level, labels=i == 0)
        _dots(ax, rows, kept, colours, tag=feature, scale=scale)
        if i == len(panels) - 1 or counts[i] != counts[-1]:  # equal n: one column at right
            _counts(ax, rows, counts[i])
        ax.set_title(title, fontsize=8, loc="left", pad=_PAD)
        ax.set_xlabel(xlabel, fontsize=7)
        _grid(ax)
        finish(ax)
        if kept.empty:
            _empty(ax, f"no {_nouns(level)[0]} with ≥ {min_articles} articles")
        notes.append((title, _dropped(dropped, na, min_articles, level)))
    return fig, axes, rows, notes


# --------------------------------------------------------------------------- figures


def plot_readability_by_outlet(estimates: pd.DataFrame, outlets: pd.DataFrame,
                               features: tuple[str, ...] = READABILITY_FEATURES,
                               min_articles: int = 30, level: str | None = None) -> Figure:
    """Draw readability and lexical-diversity means with 95% CIs per outlet, one panel each.

    Parameters
    ----------
    estimates : from :func:`analysis.compare.feature_estimates` (``level, unit, feature,
        n_articles, mean, ci_low, ci_high, ...``), e.g. ``tables/estimates_by_outlet.csv``.
    outlets : the outlet register (:func:`analysis.load_outlets`), rows in display order.
    features : ``lex__`` features to draw, one panel each.
    min_articles : a unit with fewer articles for a feature is left out of that panel.
    level : ``"outlet"`` or ``"outlet_group"``; None takes it from the table's ``level``.

    Returns
    -------
    Figure
        One dot-and-whisker panel per feature; n articles per unit right of each panel.
    """
    estimates, level = _level(estimates, level)
    panels = []
    for feature in features:
        name = feature.split("__", 1)[-1]
        title, xlabel = _LEX_LABELS.get(name, (name.replace("_", " "), "value"))
        panels.append((feature, title, xlabel))
    fig, _, rows, notes = _dot_panels(estimates, outlets, level, panels, min_articles)
    many = _nouns(level)[1]
    _caption(fig, f"Readability by {_nouns(level)[0]}: article mean and {_CI} "
                  f"({len(rows)} {many} with ≥ {min_articles} articles)",
             "n = articles with the measure (a bare headline has no sentence-based score, a "
             "non-English text no syllable- or word-list-based one; MATTR needs 50 words). "
             f"{_left_out(notes)}", _group_handles(rows, outlets, level))
    return fig


def plot_sentiment_by_outlet(estimates: pd.DataFrame, outlets: pd.DataFrame,
                             min_articles: int = 30, level: str | None = None) -> Figure:
    """Draw mean VADER tone of own vs quoted text and of all vs masked text per outlet.

    Panel (a) sets the author's own text (quotations removed; filled) against the quoted
    text (open); panel (b) the whole text (filled) against the same text with contested
    terms masked (open), a check that word choice is not read as tone.

    Parameters
    ----------
    estimates : per-unit estimates (see :func:`plot_readability_by_outlet`) with
        ``sent__own_compound``, ``sent__quoted_compound``, ``sent__all_compound`` and
        ``sent__masked_compound``.
    outlets : the outlet register, rows in display order.
    min_articles : a unit with fewer articles for a measure is not drawn for it.
    level : ``"outlet"`` or ``"outlet_group"``; None takes it from the table.
    """
    estimates, level = _level(estimates, level)
    panels = ((("sent__own_compound", "own text"), ("sent__quoted_compound", "quoted text")),
              (("sent__all_compound", "whole text"),
               ("sent__masked_compound", "contested terms masked")))
    splits = {f: _split(_feature(estimates, f), min_articles) for pair in panels
              for f, _ in pair}
    rows = order_units({u for kept, _, _ in splits.values() for u in kept.index}, outlets,
                       level)
    colours = dict(zip(rows, unit_colours(rows, outlets, level), strict=True))
    fig = new_figure(FULL_WIDTH, 1.6 + 0.2 * max(len(rows), 3))
    axes = fig.subplots(1, 2, sharey=True, sharex=True)
    notes = []
    for i, (ax, pair) in enumerate(zip(axes, panels, strict=True)):
        _rows(ax, rows, outlets, level, labels=i == 0)
        ax.axvline(0, color="#888888", linewidth=0.7, zorder=1)
        for (feature, label), offset, filled in zip(pair, (-0.18, 0.18), (True, False),
                                                    strict=True):
            kept, dropped, na = splits[feature]
            _dots(ax, rows, kept, colours, tag=feature, offset=offset, filled=filled,
                  size=14)
            notes.append((label, _dropped(dropped, na, min_articles, level)))
        first, second = (splits[f][0]["n_articles"] for f, _ in pair)
        if first.reindex(rows).equals(second.reindex(rows)):  # the same articles: one n
            counts, header = {u: _count(n) for u, n in first.items()}, "n"
        else:
            counts = {u: "/".join(_count(s[u]) if u in s.index else "–"
                                  for s in (first, second)) for u in rows}
            header = "n ●/○"
        _counts(ax, rows, counts, header=header)
        ax.set_title(("(a) own text (●) vs quotations (○)",
                      "(b) whole text (●) vs terms masked (○)")[i],
                     fontsize=8, loc="left", pad=_PAD)
        ax.set_xlabel("mean sentence compound (VADER, −1…1)", fontsize=7)
        _grid(ax)
        finish(ax)
    _caption(fig, f"Tone by {_nouns(level)[0]}: VADER compound of sentences, article mean "
                  f"and {_CI}",
             "(b) masks every contested term (e.g. invasion / special military operation) "
             "so that word choice is not read as tone. n = articles with the text part "
             "(VADER scores English only: a non-English article has no tone). "
             f"{_left_out(notes)}",
             _group_handles(rows, outlets, level))
    return fig


def plot_actor_sentiment_heatmap(estimates: pd.DataFrame, outlets: pd.DataFrame,
                                 min_articles: int = 10, level: str | None = None,
                                 actors: tuple[str, ...] | None = None,
                                 measure: str = "compound") -> Figure:
    """Draw a unit × actor heat map of the mean tone of sentences naming each actor, or
    (`measure` ``"target"``) of the mean polarity toward the actor's mentions.

    Parameters
    ----------
    estimates : per-unit estimates with ``sent__actor_<actor>_compound`` rows, whose
        ``n_articles`` counts the articles naming the actor.
    outlets : the outlet register, rows in display order.
    min_articles : cells with fewer articles naming the actor are left grey.
    level : ``"outlet"`` or ``"outlet_group"``; None takes it from the table.
    actors : actor keys (columns, in this order); default :data:`ACTORS` present in the
        table.
    measure : ``"compound"`` (``sent__actor_<actor>_compound``, the VADER tone of the
        sentences naming the actor) or ``"target"`` (``sent__actor_<actor>_target``, the
        mean polarity toward its mentions, -1 to 1, by ``analysis.target_sentiment``).

    Returns
    -------
    Figure
        Colour = mean compound (or polarity) on a symmetric diverging scale; cell text = mean with n
        articles, and the 95% CI as ``[lo, hi]``.
    """
    estimates, level = _level(estimates, level)
    present = set(estimates["feature"])
    if actors is None:
        actors = tuple(a for a in ACTORS if f"sent__actor_{a}_{measure}" in present)
    tables = {a: _feature(estimates, f"sent__actor_{a}_{measure}") for a in actors}
    target = measure == "target"
    what = "Polarity toward the actor" if target else "Tone of sentences naming the actor"
    kept = {a: _split(t, min_articles)[0] for a, t in tables.items()}
    units = {u for t in tables.values() for u in t.index}
    rows = order_units({u for k in kept.values() for u in k.index}, outlets, level)
    if not rows:
        return _no_rows(f"{what}, by {_nouns(level)[0]}", min_articles, level)
    means = _mean_grid(kept, rows, actors)
    finite = np.abs(means[np.isfinite(means)])
    limit = np.ceil((finite.max() if finite.size else 0.5) * 20) / 20 or 0.05
    cmap = colormaps[DIVERGING].with_extremes(bad=_MISSING)
    fig = new_figure(FULL_WIDTH, 1.7 + 0.27 * max(len(rows), 2))
    ax = fig.add_subplot()
    image = ax.imshow(np.ma.masked_invalid(means), cmap=cmap, aspect="auto",
                      norm=Normalize(-limit, limit), interpolation="nearest")
    for i, u in enumerate(rows):
        for j, a in enumerate(actors):
            if not np.isfinite(means[i, j]):
                continue
            row = kept[a].loc[u]
            text = (f"{_signed(row['mean'], '-')} ({_count(row['n_articles'])})\n"
                    f"[{_signed(row['ci_low'], '-')}, {_signed(row['ci_high'], '-')}]")
            ax.text(j, i, text, ha="center", va="center", fontsize=_SMALL, linespacing=1.1,
                    color="white" if abs(means[i, j]) > 0.55 * limit else "black")
    ax.set_xticks(range(len(actors)), [ACTORS.get(a, a) for a in actors], fontsize=7)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(rows)), unit_labels(rows, outlets, level), fontsize=7.5)
    ax.tick_params(length=0)
    ax.set_xticks(np.arange(len(actors) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.2)
    _group_lines(ax, rows, outlets, level, colour="white", width=2.5)
    ax.tick_params(which="minor", length=0)
    ax.spines[:].set_visible(False)
    bar = fig.colorbar(image, ax=ax, orientation="horizontal", location="bottom",
                       shrink=0.45, aspect=40, pad=0.01)
    bar.set_label("mean polarity toward the actor's mentions (−1…1; red = negative)" if target
                  else "mean sentence compound toward the actor (VADER, −1…1; red = negative)",
                  fontsize=7)
    bar.ax.tick_params(labelsize=_SMALL)
    blank = int(np.isnan(means).sum())
    one, many = _nouns(level)
    left_out = len(units - set(rows))
    _caption(fig, f"{what}, by {one}: article mean ({len(rows)} {many})",
             f"Cell: mean (n articles naming the actor) and {_CI}. Grey: fewer than "
               f"{min_articles} articles name the actor ({blank} cells). "
               f"{left_out} {one if left_out == 1 else many} with no actor in "
               f"≥ {min_articles} articles not shown (English only: a non-English article "
               "has no tone). " + (
                 "Each mention classed −1/0/1 by a model trained on US news (NewsMTSC)."
                 if target else "A sentence-level proxy, not target-dependent sentiment."))
    return fig


#: what a frame figure can draw: the feature suffix, its axis label, its caption words and
#: the scale of its numbers
FRAME_MEASURES = {
    "rate": ("_rate", "cues per 1,000 words", "cues per 1,000 words", 1.0),
    "present": ("_present", "% of articles", "share of articles with the cues", 100.0),
}
_LENGTH_NOTE = ("Cues per 1,000 words, a rate, not the share of articles with a cue: that "
                "share grows with a text's length, so outlets of long texts would lead in "
                "every frame.")


def plot_frame_prevalence_by_outlet(estimates: pd.DataFrame, outlets: pd.DataFrame,
                                    kind: str = "generic", min_articles: int = 30,
                                    level: str | None = None,
                                    measure: str = "rate") -> Figure:
    """Draw how much each outlet uses each frame's cues.

    Parameters
    ----------
    estimates : per-unit estimates with ``frame__generic_<frame>_<measure>`` (kind
        ``"generic"``) or ``frame__policy_<dimension>_<measure>`` (kind ``"policy"``) rows.
    outlets : the outlet register, rows in display order.
    kind : ``"generic"`` draws one dot-and-whisker panel per generic frame (mean with
        95% CI); ``"policy"`` a unit × dimension heat map, cell text the mean and the CI
        half-width.
    min_articles : units with fewer articles are left out.
    level : ``"outlet"`` or ``"outlet_group"``; None takes it from the table.
    measure : ``"rate"`` (cues per 1,000 words: comparable across text lengths, the
        default) or ``"present"`` (share of articles with a cue, which grows with length).
    """
    if kind not in ("generic", "policy"):
        raise ValueError(f"kind must be 'generic' or 'policy', not {kind!r}")
    if measure not in FRAME_MEASURES:
        raise ValueError(f"measure must be one of {', '.join(FRAME_MEASURES)}, not {measure!r}")
    suffix, axis, words, scale = FRAME_MEASURES[measure]
    estimates, level = _level(estimates, level)
    one, many = _nouns(level)
    if kind == "generic":
        panels = [(f"frame__generic_{f}{suffix}", name, axis)
                  for f, name in GENERIC_FRAMES.items()
                  if f"frame__generic_{f}{suffix}" in set(estimates["feature"])]
        fig, axes, rows, notes = _dot_panels(estimates, outlets, level, panels,
                                             min_articles, scale=scale, sharex=True)
        axes[0].set_xlim(left=0)
        axes[0].xaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 2.5, 5, 10]))
        _caption(fig, f"Generic frames by {one}: {words}, mean and {_CI} ({len(rows)} "
                      f"{many} with ≥ {min_articles} articles)",
                 "Cues = the frame's cue lexicon (vocabulary, not coder-judged framing); "
                 "n = articles. " + (_LENGTH_NOTE + " " if measure == "rate" else "")
                 + _left_out(notes),
                 _group_handles(rows, outlets, level))
        return fig
    return _policy_heatmap(estimates, outlets, level, min_articles, measure)


def _policy_heatmap(estimates: pd.DataFrame, outlets: pd.DataFrame, level: str,
                    min_articles: int, measure: str) -> Figure:
    """The ``kind="policy"`` branch of :func:`plot_frame_prevalence_by_outlet`."""
    prefix = "frame__policy_"
    suffix, axis, words, scale = FRAME_MEASURES[measure]
    found = [f[len(prefix):-len(suffix)] for f in dict.fromkeys(estimates["feature"])
             if f.startswith(prefix) and f.endswith(suffix)]
    dims = [d for d in POLICY_FRAMES if d in found] + [d for d in found
                                                       if d not in POLICY_FRAMES]
    if not dims:
        raise ValueError(f"the estimates table has no frame__policy_<dimension>{suffix} rows")
    kept = {d: _split(_feature(estimates, f"{prefix}{d}{suffix}"), min_articles)[0]
            for d in dims}
    everyone = _feature(estimates, f"{prefix}{dims[0]}{suffix}")
    rows = order_units({u for k in kept.values() for u in k.index}, outlets, level)
    if not rows:
        return _no_rows(f"Policy Frames Codebook dimensions by {_nouns(level)[0]}",
                        min_articles, level)
    value = _mean_grid(kept, rows, dims) * scale
    top = np.nanmax(value) if np.isfinite(value).any() else 1.0
    cmap = colormaps[SEQUENTIAL].with_extremes(bad=_MISSING)
    fig = new_figure(FULL_WIDTH, 1.9 + 0.22 * max(len(rows), 2))
    ax = fig.add_subplot()
    image = ax.imshow(np.ma.masked_invalid(value), cmap=cmap, aspect="auto",
                      norm=Normalize(0, top), interpolation="nearest")
    cell = "{:.0f}%\n±{:.0f}" if measure == "present" else "{:.1f}\n±{:.1f}"
    for i, u in enumerate(rows):
        for j, d in enumerate(dims):
            if np.isfinite(value[i, j]):
                row = kept[d].loc[u]
                half = (row["ci_high"] - row["ci_low"]) / 2 * scale
                ax.text(j, i, cell.format(value[i, j], half), ha="center", va="center",
                        fontsize=_SMALL, linespacing=1.05,
                        color="black" if value[i, j] > 0.45 * top else "white")
    ax.set_xticks(range(len(dims)), [POLICY_FRAMES.get(d, d.replace("_", " "))
                                     for d in dims], rotation=40, ha="left", fontsize=7)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(rows)), unit_labels(rows, outlets, level), fontsize=7.5)
    ax.set_xticks(np.arange(len(dims) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(rows) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.0)
    _group_lines(ax, rows, outlets, level, colour="white", width=2.2)
    ax.tick_params(which="both", length=0)
    ax.spines[:].set_visible(False)
    counts = {u: _count(max(kept[d].at[u, "n_articles"] for d in dims if u in kept[d].index))
              for u in rows}
    _counts(ax, rows, counts)
    bar = fig.colorbar(image, ax=ax, orientation="horizontal", location="bottom",
                       shrink=0.45, aspect=40, pad=0.01)
    bar.set_label(f"{axis[0].upper()}{axis[1:]}", fontsize=7)
    bar.ax.tick_params(labelsize=_SMALL)
    dropped = everyone[(everyone["n_articles"] > 0)
                       & (everyone["n_articles"] < min_articles)]
    one, many = _nouns(level)
    _caption(fig, f"Policy Frames Codebook dimensions by {one}: {words} ({len(rows)} "
                  f"{many} with ≥ {min_articles} articles)",
             f"Cell: mean and ± half the width of the {_CI}; n = articles. "
             + (_LENGTH_NOTE + " " if measure == "rate" else "")
             + f"Left out: {len(dropped)} {one if len(dropped) == 1 else many} "
               f"({int(dropped['n_articles'].sum()):,} articles) with < {min_articles}.")
    return fig


def plot_sourcing_by_outlet(estimates: pd.DataFrame, outlets: pd.DataFrame,
                            min_articles: int = 30, level: str | None = None) -> Figure:
    """Draw who is quoted (source-type mix) and how (evaluative reporting verbs) per outlet.

    Panel (a) stacks the share of each source type among the attributed quotations:
    ``src__quotes_<type>_n`` over attributed quotations (``src__n_quotes`` minus
    ``src__quotes_unattributed_n``), a rescaling of the table's mean counts; attributed
    quotations whose speaker matches no source type form the grey remainder. Panel (b)
    draws the evaluative share of reporting verbs (``src__evaluative_verb_share``) with
    its 95% CI.

    Parameters
    ----------
    estimates : per-unit estimates with the ``src__`` rows named above.
    outlets : the outlet register, rows in display order.
    min_articles : units with fewer articles are left out of a panel.
    level : ``"outlet"`` or ``"outlet_group"``; None takes it from the table.
    """
    estimates, level = _level(estimates, level)
    one, many = _nouns(level)
    present = set(estimates["feature"])
    types = [t for t in SOURCE_TYPES if f"src__quotes_{t}_n" in present]
    quotes, q_dropped, q_na = _split(_feature(estimates, "src__n_quotes"), min_articles)
    unattributed = _feature(estimates, "src__quotes_unattributed_n")["mean"]
    per_type = pd.DataFrame({t: _feature(estimates, f"src__quotes_{t}_n")["mean"]
                             for t in types}).reindex(quotes.index).fillna(0.0)
    attributed = (quotes["mean"] - unattributed.reindex(quotes.index).fillna(0.0)).clip(0)
    n_attributed = (attributed * quotes["n_articles"]).round()
    verbs, v_dropped, v_na = _split(_feature(estimates, "src__evaluative_verb_share"),
                                    min_articles)
    rows = order_units(set(quotes.index) | set(verbs.index), outlets, level)
    colours = dict(zip(rows, unit_colours(rows, outlets, level), strict=True))
    fig = new_figure(FULL_WIDTH, 1.9 + _ROW * max(len(rows), 3))
    ax, bx = fig.subplots(1, 2, sharey=True, width_ratios=(1.7, 1))
    for axis in (ax, bx):
        _rows(axis, rows, outlets, level, labels=axis is ax)
    y = np.array([rows.index(u) for u in quotes.index], dtype=float)
    denominator = attributed.where(attributed > 0)
    shares = per_type.div(denominator, axis=0)
    shares["unidentified"] = (1 - shares.sum(axis=1)).clip(lower=0).where(
        denominator.notna())
    left = np.zeros(len(quotes))
    for t in [*types, "unidentified"]:
        label, colour = SOURCE_TYPES.get(t, _UNIDENTIFIED)
        width = shares[t].fillna(0).to_numpy()
        ax.barh(y, width, left=left, height=0.72, color=colour, label=label, gid=f"share:{t}",
                linewidth=0)
        left += width
    for u in quotes.index[attributed.reindex(quotes.index) <= 0]:
        ax.text(0.01, rows.index(u), "no attributed quotation", va="center",
                fontsize=_SMALL, color=_GREY)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    ax.tick_params(axis="x", labelsize=7)
    _counts(ax, rows, {u: _count(n) for u, n in n_attributed.items()}, header="n quot.")
    ax.set_xlabel("share of attributed quotations, by source type", fontsize=7)
    finish(ax)
    _dots(bx, rows, verbs, colours, tag="src__evaluative_verb_share", scale=100)
    _counts(bx, rows, {u: _count(n) for u, n in verbs["n_articles"].items()},
            header="n art.")
    bx.set_xlim(left=0)
    bx.set_title("(b) evaluative reporting verbs", fontsize=8, loc="left", pad=_PAD)
    bx.set_xlabel("% of reporting verbs that are evaluative\n(claimed, alleged, …; "
                  "article mean)", fontsize=7)
    _grid(bx)
    finish(bx)
    handles = [Patch(color=SOURCE_TYPES.get(t, _UNIDENTIFIED)[1],
                     label=SOURCE_TYPES.get(t, _UNIDENTIFIED)[0])
               for t in [*types, "unidentified"]]
    key = ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3,
                    frameon=False, fontsize=_SMALL, handlelength=1, handletextpad=0.4,
                    columnspacing=0.8, borderaxespad=_PAD / _SMALL, title="(a) who is quoted",
                    alignment="left", title_fontproperties={"size": 8})
    key.set_gid("source types")
    left_out = _left_out([("(a)", _dropped(q_dropped, q_na, min_articles, level)),
                          ("(b)", _dropped(v_dropped, v_na, min_articles, level))])
    _caption(fig, f"Sourcing by {one}: source types of attributed quotations and evaluative "
                  f"reporting verbs ({len(rows)} {many} with ≥ {min_articles} articles)",
             "(a) shares of the table's mean counts per article; n = attributed "
             "quotations. (b) mean and 95% CI over articles with a reporting verb; "
             f"n = those articles. {left_out}",
             _group_handles(rows, outlets, level))
    return fig
