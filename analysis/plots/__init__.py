"""Figures: each function takes a tidy table and returns a matplotlib Figure (no I/O)."""

from .coverage import plot_coverage_matrix, plot_coverage_timeline
from .validity import plot_frame_validity

__all__ = ["plot_coverage_matrix", "plot_coverage_timeline", "plot_frame_validity"]
