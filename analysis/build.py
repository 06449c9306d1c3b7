"""The figure build: each figure's table and drawing, written to figures/ and tables/.

Only the build writes figures (``make figures``): it calls the comparison function that
makes a figure's table and the plotting function that draws it, then writes
``figures/<name>.{pdf,png,svg}`` and ``tables/<name>.csv``. Outputs are byte-reproducible
(no creation dates, fixed SVG hash salt) and written atomically; one failing figure is
reported by name while the others still build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import matplotlib
import pandas as pd

from . import load_corpus, load_events, load_outlets
from ._atomic import atomic_write
from ._paths import ROOT
from .compare import coverage_by_outlet_event, coverage_timeline
from .compare.validity import run_validity
from .plots import plot_coverage_matrix, plot_coverage_timeline, plot_frame_validity

__all__ = ["FIGURES", "build_figures"]

_METADATA = {
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    "svg": {"Date": None, "Creator": None},
    "png": {"Software": None},
}


@dataclass(frozen=True)
class FigureSpec:
    caption: str
    table: Callable[[dict], pd.DataFrame]
    draw: Callable[[pd.DataFrame, dict], matplotlib.figure.Figure] | None  # None: a table only


def _groups(outlets: pd.DataFrame) -> pd.DataFrame:
    return outlets.drop_duplicates("outlet_group")[["outlet_group", "group_name", "group_colour"]]


_validity = cache(run_validity)  # both validity outputs come from one computation

FIGURES: dict[str, FigureSpec] = {
    "corpus_coverage_by_outlet_event": FigureSpec(
        caption="Articles per outlet and (primary) event in the embedded corpus.",
        table=lambda d: coverage_by_outlet_event(d["corpus"], d["outlets"], d["events"]),
        draw=lambda t, d: plot_coverage_matrix(t, d["outlets"], d["events"]),
    ),
    "corpus_timeline_by_outlet_group": FigureSpec(
        caption="Articles per month by outlet group in the embedded corpus.",
        table=lambda d: coverage_timeline(d["corpus"]),
        draw=lambda t, d: plot_coverage_timeline(t, _groups(d["outlets"])),
    ),
    "frame_validity_f1": FigureSpec(
        caption="Generic-frame cue lexicons vs human coders: held-out F1 per frame next to "
                "the majority-class and base-rate baselines (Narrative Frames Corpus).",
        table=lambda d: _validity()["frame_validity"],
        draw=lambda t, d: plot_frame_validity(t),
    ),
    "sentiment_validity": FigureSpec(
        caption="Sentence-level VADER tone vs NewsMTSC's polarity toward a target mention.",
        table=lambda d: _validity()["sentiment_validity"],
        draw=None,
    ),
}


def build_figures(names: list[str] | None = None, root: Path = ROOT) -> dict[str, str]:
    """Write each named figure (default: all) and its table; return name -> "ok" or the error."""
    data = {"corpus": load_corpus(), "outlets": load_outlets(), "events": load_events()}
    results: dict[str, str] = {}
    with matplotlib.rc_context({"svg.hashsalt": "framing-analysis", "font.family": "DejaVu Sans"}):
        for name in names or list(FIGURES):
            spec = FIGURES[name]
            try:
                table = spec.table(data)
                figure = spec.draw(table, data) if spec.draw else None
                atomic_write(root / "tables" / f"{name}.csv",
                             lambda p, t=table: t.to_csv(p, index=False, lineterminator="\n"))
                for ext, meta in (_METADATA.items() if figure else ()):
                    atomic_write(root / "figures" / f"{name}.{ext}",
                                 lambda p, f=figure, e=ext, m=meta: f.savefig(
                                     p, format=e, metadata=m, dpi=200))
                results[name] = "ok"
            except Exception as exc:  # report by name, keep building the others
                results[name] = f"{type(exc).__name__}: {exc}"
    return results
