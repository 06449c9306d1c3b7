"""Comparison layer: tidy tables per outlet, group and event, consumed by figures and notebooks."""

from .coverage import coverage_by_outlet_event, coverage_timeline, ingest_accounting

__all__ = ["coverage_by_outlet_event", "coverage_timeline", "ingest_accounting"]
