"""Figures: each function takes a tidy table and returns a matplotlib Figure (no I/O).

The look every figure shares (outlet order and colours from the register, print sizes,
colour-blind-safe palettes) is in :mod:`._style`.
"""

from .coverage import plot_coverage_matrix, plot_coverage_timeline
from .language import (
    plot_confusion,
    plot_keyness,
    plot_same_event,
    plot_seed_articles,
    plot_term_choices,
)
from .profiles import (
    plot_actor_sentiment_heatmap,
    plot_frame_prevalence_by_outlet,
    plot_readability_by_outlet,
    plot_sentiment_by_outlet,
    plot_sourcing_by_outlet,
)
from .validity import plot_frame_validity

__all__ = [
    "plot_actor_sentiment_heatmap", "plot_confusion", "plot_coverage_matrix",
    "plot_coverage_timeline", "plot_frame_prevalence_by_outlet", "plot_frame_validity",
    "plot_keyness", "plot_readability_by_outlet", "plot_same_event", "plot_seed_articles",
    "plot_sentiment_by_outlet", "plot_sourcing_by_outlet", "plot_term_choices",
]
