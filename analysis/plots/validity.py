"""Validity figures: the measures against human coders."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

__all__ = ["plot_frame_validity"]

_BARS = (("f1", "cue lexicon (threshold tuned on the tuning half)", "#0072B2"),
         ("f1_majority", "majority-class baseline", "#BBBBBB"),
         ("f1_base_rate", "base-rate baseline", "#E69F00"))


def plot_frame_validity(table: pd.DataFrame) -> Figure:
    """Draw held-out F1 per generic frame next to the two baselines.

    Parameters
    ----------
    table : from :func:`analysis.compare.validity.frame_validity`.
    """
    fig = Figure(figsize=(7.5, 3.6), layout="constrained")
    ax = fig.add_subplot()
    x = np.arange(len(table))
    width = 0.26
    for i, (column, label, colour) in enumerate(_BARS):
        ax.bar(x + (i - 1) * width, table[column], width, label=label, color=colour)
    labels = [f"{f.replace('_', ' ')}\n(prevalence {p:.0%})"
              for f, p in zip(table["frame"], table["prevalence_held_out"], strict=True)]
    ax.set_xticks(x, labels, fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_ylabel("F1 on the held-out half")
    n = int(table["n_held_out"].iloc[0])
    ax.set_title(f"Generic frames vs human coders (Narrative Frames Corpus, held-out n = {n} "
                 "articles)", loc="left", fontsize=9.5)
    ax.legend(frameon=False, fontsize=7.5, loc="upper right")
    ax.spines[["top", "right"]].set_visible(False)
    return fig
