"""Corpus layer: load raw sources, clean boilerplate, validate, deduplicate, report.

`data/raw/` → ``corpus.parquet`` (one row per kept article) + ``ingest_report.csv`` (one
row per input record). See DESIGN.md for the corpus contract.
"""

from ._datafile import ConfigError
from .events import EventCatalogue
from .ingest import (
    CORPUS_COLUMNS,
    REPORT_COLUMNS,
    IngestResult,
    ingest,
    ingest_into,
    load_config,
    write_outputs,
)
from .outlets import UNKNOWN, OutletRegister

__all__ = [
    "CORPUS_COLUMNS", "REPORT_COLUMNS", "UNKNOWN", "ConfigError", "EventCatalogue",
    "IngestResult", "OutletRegister", "ingest", "ingest_into", "load_config", "write_outputs",
]
