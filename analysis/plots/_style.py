"""One look for every figure: outlet order and colours from the register, print sizes.

Plots get the outlet register as a table (``analysis.load_outlets()``: one row per outlet,
in display order, with ``outlet_name``, ``outlet_group``, ``group_name``, ``colour``,
``group_colour``) and never read files. Colours come from that table: outlets carry Paul
Tol's colour-blind-safe palettes and groups the Okabe–Ito palette (Okabe & Ito 2008);
sequential maps are ``cividis`` (Nuñez et al. 2018) and diverging ones ``RdBu`` on a
symmetric scale, both readable in grey and by colour-blind readers.

Sizes are for print: a full-width figure is 7.0 in wide (a journal text width); body
text 8 pt, never below 6.5 pt.

References
----------
Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures and
    presentations that are friendly to colorblind people. J*Fly.
Tol, P. (2021). Colour schemes. SRON Technical Note SRON/EPS/TN/09-002.
Nuñez, J. R., Anderton, C. R. & Renslow, R. S. (2018). Optimizing colormaps with
    consideration for color vision deficiency. PLOS ONE 13(7).
"""

from __future__ import annotations

import textwrap

import matplotlib

matplotlib.use("Agg")  # figures are files; notebooks render them inline

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextPath

__all__ = [
    "DIVERGING", "FALLBACK_COLOUR", "FULL_WIDTH", "REPEAT_HATCHES", "REPEAT_MARKERS",
    "SEQUENTIAL", "colour_repeats", "corner_note", "finish",
    "glyph_width", "group_table", "legend_columns", "new_figure", "order_units", "text_width",
    "unit_colours", "unit_labels", "wrap",
]

FULL_WIDTH = 7.0
SEQUENTIAL = "cividis"
DIVERGING = "RdBu"
FALLBACK_COLOUR = "#BBBBBB"

#: matplotlib settings every figure is drawn under (the build and the notebooks)
RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "legend.fontsize": 7.5,
    "figure.dpi": 100,
    "svg.hashsalt": "framing-analysis",
}


#: a character's mean width in em (DejaVu Sans, mixed text), for sizing text before drawing
_CHAR_EM = 0.56


def text_width(characters: int, fontsize: float) -> float:
    """About how many inches `characters` characters take at `fontsize` points."""
    return fontsize * _CHAR_EM / 72 * characters


def wrap(text: str, width: float, fontsize: float) -> str:
    """Wrap `text` to about `width` inches at `fontsize` points."""
    return textwrap.fill(text, int(width * 72 / (fontsize * _CHAR_EM)))


def glyph_width(text: str, fontsize: float, bold: bool = False) -> float:
    """How many points `text` takes at `fontsize`, measured from its glyphs in the default
    font (no renderer needed)."""
    prop = FontProperties(weight="bold") if bold else None
    return TextPath((0, 0), str(text), size=fontsize, prop=prop).get_extents().width


def legend_columns(labels, width: float, fontsize: float = 7, spacing: float = 2.6,
                   most: int | None = None, uniform: bool = True) -> int:
    """How many legend columns of these labels fit in `width` inches (at least 1, at most
    `most`), from the labels' widths in the default font (no renderer needed), with
    `spacing` ems of `fontsize` per column (the handle, its padding and the space between
    columns). `uniform`: each column counted as wide as the widest label; else as wide as
    its own widest, the labels split into columns in order as matplotlib splits them
    (``np.array_split``)."""
    widths = [glyph_width(label, fontsize) for label in labels]
    most = max(1, min(len(widths), most or len(widths)))
    if uniform:
        per_column = (max(widths, default=0.0) + spacing * fontsize) / 72
        return max(1, min(most, int(width // per_column)))
    ncols = most
    while ncols > 1 and sum(max(part) + spacing * fontsize for part in
                            np.array_split(np.array(widths), ncols)) / 72 > width:
        ncols -= 1
    return ncols


def corner_note(fig: Figure, text: str, fontsize: float = 6.5) -> None:
    """Write `text` in the figure's top right corner, in grey, and re-wrap a title
    (``suptitle``, left-aligned) whose first line would run into it, narrower by the
    note's width (measured from the glyphs: no renderer needed)."""
    fig.text(0.995, 0.995, text, ha="right", va="top", fontsize=fontsize, color="0.35")
    title = fig._suptitle  # (matplotlib keeps no public handle on it)
    if title is None or not title.get_text():
        return
    size = title.get_fontsize()
    first = title.get_text().split("\n")[0]
    note = glyph_width(text, fontsize) / 72
    width = fig.get_figwidth()
    room = (0.995 - title.get_position()[0]) * width - note - 0.1  # inches, a tenth clear
    if glyph_width(first, size) / 72 > room:
        title.set_text(wrap(" ".join(title.get_text().split()), room, size))


def new_figure(width: float = FULL_WIDTH, height: float = 3.5, **kwargs) -> Figure:
    """Return a constrained-layout Figure of the given size in inches."""
    return Figure(figsize=(width, height), layout="constrained", **kwargs)


def finish(ax: Axes) -> Axes:
    """Drop the top and right spines (the house look); return the axes."""
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def group_table(outlets: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet group, in display order: ``outlet_group, group_name,
    group_colour``."""
    return (outlets.drop_duplicates("outlet_group")[["outlet_group", "group_name",
                                                      "group_colour"]]
            .reset_index(drop=True))


def order_units(units, outlets: pd.DataFrame, level: str = "outlet") -> list[str]:
    """Sort outlet (or group) keys in the register's display order; unknown keys last."""
    column = "outlet" if level == "outlet" else "outlet_group"
    order = {key: i for i, key in enumerate(dict.fromkeys(outlets[column]))}
    return sorted(dict.fromkeys(units), key=lambda u: (order.get(u, len(order)), str(u)))


def unit_labels(units, outlets: pd.DataFrame, level: str = "outlet") -> list[str]:
    """Display names of outlet (or group) keys."""
    if level == "outlet":
        names = dict(zip(outlets["outlet"], outlets["outlet_name"], strict=True))
    else:
        names = dict(zip(outlets["outlet_group"], outlets["group_name"], strict=False))
    return [names.get(u, str(u)) for u in units]


def unit_colours(units, outlets: pd.DataFrame, level: str = "outlet",
                 by_group: bool = True) -> list[str]:
    """Colours of outlet (or group) keys: the group's colour by default, so a reader sees
    ownership at a glance; ``by_group=False`` gives each outlet its own colour."""
    if level == "outlet":
        column = "group_colour" if by_group else "colour"
        colours = dict(zip(outlets["outlet"], outlets[column], strict=True))
    else:
        colours = dict(zip(outlets["outlet_group"], outlets["group_colour"], strict=False))
    return [colours.get(u, FALLBACK_COLOUR) for u in units]


#: how the second, third, ... unit of one colour in a figure is told from the first where
#: colour alone names the units (a study with more groups than the palettes have colours
#: repeats them): bars hatched, markers hollow or edged in black
REPEAT_HATCHES = ("", "////", "....", "xxxx")
REPEAT_MARKERS = ({"edgecolors": "white", "linewidths": 0.4},
                  {"facecolors": "white", "linewidths": 1.1},
                  {"edgecolors": "black", "linewidths": 0.9},
                  {"facecolors": "0.85", "linewidths": 1.1})


def colour_repeats(colours: list[str]) -> list[int]:
    """For each colour of distinct units, how many units before it have the same
    colour (0 for the first of each), modulo the :data:`REPEAT_HATCHES` styles.

    Examples
    --------
    >>> colour_repeats(["#E69F00", "#56b4e9", "#e69f00", "#E69F00", "#56B4E9"])
    [0, 0, 1, 2, 1]
    """
    seen: dict[str, int] = {}
    out = []
    for colour in colours:
        key = matplotlib.colors.to_hex(colour)
        out.append(seen.get(key, 0) % len(REPEAT_HATCHES))
        seen[key] = seen.get(key, 0) + 1
    return out
