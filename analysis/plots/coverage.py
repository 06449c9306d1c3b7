"""Corpus coverage figures."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # figures are files; no display needed (notebooks render them inline)

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ._style import FALLBACK_COLOUR, REPEAT_HATCHES, colour_repeats, text_width, wrap

__all__ = ["MOST_GROUPS", "MOST_MONTHS", "plot_coverage_matrix", "plot_coverage_timeline"]

#: the most months the timeline draws a bar each; a longer span is drawn by year
MOST_MONTHS = 120
#: the most outlet groups the timeline's bars and key name; past them the smaller groups
#: are pooled (the key of sixty groups would not fit the figure)
MOST_GROUPS = 10
_POOLED = "\x00pooled"  # (no group's key)


def plot_coverage_timeline(timeline: pd.DataFrame, groups: pd.DataFrame) -> Figure:
    """Draw monthly article counts per outlet group as stacked bars; yearly ones where the
    dates span more than :data:`MOST_MONTHS` months (a bar a month would be too thin to
    see, its labels too many to read).

    Parameters
    ----------
    timeline : from :func:`analysis.compare.coverage_timeline` (period, outlet_group, n).
    groups : one row per group with ``outlet_group``, ``group_name``, ``group_colour`` in
        display order (from the register table).
    """
    dated = timeline.dropna(subset=["period"])
    wide = dated.pivot_table(index="period", columns="outlet_group", values="n_articles",
                             aggfunc="sum", fill_value=0)
    full = pd.date_range(wide.index.min(), wide.index.max(), freq="MS")
    unit = "month"
    if len(full) > MOST_MONTHS:
        wide = wide.groupby(wide.index.year).sum()
        wide.index = pd.to_datetime(wide.index.astype(str), format="%Y")
        full, unit = pd.date_range(wide.index.min(), wide.index.max(), freq="YS"), "year"
    wide = wide.reindex(full, fill_value=0)
    order = [g for g in groups["outlet_group"] if g in wide.columns]
    order += [g for g in wide.columns if g not in order]
    meta = groups.set_index("outlet_group")
    names = {g: meta["group_name"].get(g, g) for g in order}
    colours = {g: meta["group_colour"].get(g, FALLBACK_COLOUR) for g in order}
    if len(order) > MOST_GROUPS:  # the largest keep their bars; the rest are pooled, last
        totals = wide[order].sum()
        kept = set(sorted(order, key=lambda g: -totals[g])[:MOST_GROUPS - 1])
        pooled = [g for g in order if g not in kept]
        wide[_POOLED] = wide[pooled].sum(axis=1)
        order = [g for g in order if g in kept] + [_POOLED]
        names[_POOLED] = f"{len(pooled)} other groups"
        colours[_POOLED] = FALLBACK_COLOUR
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    ax = fig.add_subplot()
    bottom = np.zeros(len(wide))
    x = np.arange(len(wide))
    # colour names the group: a group whose colour an earlier one has is hatched
    repeat = dict(zip(order, colour_repeats([colours[g] for g in order]), strict=True))
    for group in order:
        values = wide[group].to_numpy()
        ax.bar(x, values, bottom=bottom, width=0.85, color=colours[group],
               label=f"{names[group]} (n={int(values.sum()):,})", edgecolor="white",
               linewidth=0.3, hatch=REPEAT_HATCHES[repeat[group]] or None)
        bottom += values
    if unit == "month":
        ticks = [i for i, d in enumerate(wide.index) if d.month in (1, 7)]
        ax.set_xticks(ticks, [wide.index[i].strftime("%b %Y") for i in ticks])
    else:  # round years, at most twelve labelled
        step = next(k for k in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 10000)
                    if len(wide) / k <= 12)
        ticks = [i for i, d in enumerate(wide.index) if d.year % step == 0]
        ax.set_xticks(ticks, [wide.index[i].strftime("%Y") for i in ticks])
    ax.set_xlim(-0.6, len(wide) - 0.4)
    ax.set_ylabel(f"Articles per {unit} (n)")
    undated = int(timeline.loc[timeline["period"].isna(), "n_articles"].sum())
    ax.set_title(f"Articles per {unit} by outlet group (N = {int(bottom.sum()):,} dated"
                 + (f"; {undated} undated not shown)" if undated else ")"), loc="left")
    if _POOLED in order:  # a key of ten: beside the bars, not over them
        ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    else:
        ax.legend(frameon=False, fontsize=8, ncols=2)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def plot_coverage_matrix(coverage: pd.DataFrame, outlets: pd.DataFrame,
                         events: pd.DataFrame, min_articles: int = 20) -> Figure:
    """Draw an outlet × event heat map of article counts (primary event).

    Outlets with fewer than `min_articles` articles in total are pooled as "other outlets".
    """
    table = coverage.copy()
    totals = table.groupby("outlet")["n_articles"].sum()
    small = set(totals[totals < min_articles].index)
    table.loc[table["outlet"].isin(small), "outlet_name"] = f"other outlets (<{min_articles} each)"
    wide = table.pivot_table(index="outlet_name", columns="event_id", values="n_articles",
                             aggfunc="sum", fill_value=0)
    rows = [n for n in outlets["outlet_name"] if n in wide.index]
    rows += [n for n in wide.index if n not in rows]
    cols = [e for e in events["event_id"] if e in wide.columns]
    cols += [e for e in wide.columns if e not in cols]
    wide = wide.loc[rows, cols]
    names = dict(zip(events["event_id"], events["name"], strict=True))
    # room for the outlet names (7.5 pt) and right of them for the title wrapped (10 pt);
    # at least the height of the colour bar's label, whose bar is 0.6 of the axes
    names_width = text_width(max(map(len, rows), default=0), 7.5)
    width = max(1.2 + 0.55 * len(cols), names_width + 3.0)
    fig = Figure(figsize=(width, max(1.0 + 0.28 * len(rows), 2.4)), layout="constrained")
    ax = fig.add_subplot()
    values = wide.to_numpy()
    # the scale starts at no article (white), which the numbers' colours below assume:
    # a study whose every cell is large would otherwise draw its smallest as white
    image = ax.imshow(np.log10(values + 1), cmap="Blues", aspect="auto", vmin=0)
    for (i, j), v in np.ndenumerate(values):
        if v:
            ax.text(j, i, f"{v}", ha="center", va="center", fontsize=6.5,
                    color="white" if np.log10(v + 1) > 0.6 * np.log10(values.max() + 1)
                    else "black")
    ax.set_xticks(range(len(cols)), [names.get(c, c) for c in cols], rotation=60, ha="right",
                  fontsize=7.5)
    ax.set_yticks(range(len(rows)), rows, fontsize=7.5)
    bar = fig.colorbar(image, ax=ax, shrink=0.6)
    bar.set_label("log10(articles + 1)")
    ax.set_title(wrap(f"Articles per outlet and event (primary event; N = {int(values.sum()):,})",
                      width - names_width - 0.4, 10), loc="left", fontsize=10)
    return fig
