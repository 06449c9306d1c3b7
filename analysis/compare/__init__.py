"""Comparison layer: tidy tables per outlet, group and event, consumed by figures and notebooks.

``python -m analysis compare`` writes every table of :data:`run.TABLES` to ``tables/``.
"""

from .contrasts import contrast_table, design_of, design_table
from .coverage import coverage_by_outlet_event, coverage_timeline, ingest_accounting
from .estimates import feature_estimates, feature_frame
from .keyness import keyness_pair, keyness_table
from .same_event import event_coverage, same_event_profiles, term_choices

__all__ = [
    "contrast_table", "coverage_by_outlet_event", "coverage_timeline", "design_of",
    "design_table", "event_coverage",
    "feature_estimates", "feature_frame", "ingest_accounting", "keyness_pair", "keyness_table",
    "same_event_profiles", "term_choices",
]
