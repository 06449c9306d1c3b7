"""Comparative framing analysis of how news outlets told the same Russia–Belarus stories.

The few names a notebook needs::

    import analysis
    corpus = analysis.load_corpus()          # data/processed/corpus.parquet
    report = analysis.load_ingest_report()   # one row per input record
    features = analysis.load_features()      # data/processed/features.parquet
    outlets = analysis.load_outlets()        # data/outlets.toml as a table, display order
    events = analysis.load_events()          # data/events.csv
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ._csv import read_csv
from ._paths import DATA, PROCESSED
from .corpus import EventCatalogue, OutletRegister
from .corpus.events import load_term_lexicon

__all__ = ["load_corpus", "load_events", "load_features", "load_ingest_report", "load_outlets"]
__version__ = "0.1.0"


def _processed(name: str, path: Path | None) -> Path:
    path = Path(path) if path else PROCESSED / name
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: run `make data` first")
    return path


def load_corpus(path: Path | None = None) -> pd.DataFrame:
    """Load the processed corpus (one row per article; DESIGN.md's corpus contract)."""
    return pd.read_parquet(_processed("corpus.parquet", path))


def load_features(path: Path | None = None) -> pd.DataFrame:
    """Load the features (``doc_id``, ``text_sha1`` and one column per feature)."""
    return pd.read_parquet(_processed("features.parquet", path))


def load_ingest_report(path: Path | None = None) -> pd.DataFrame:
    """Load the ingest report (one row per input record: kept, duplicate or rejected)."""
    return read_csv(_processed("ingest_report.csv", path), dtype=str, keep_default_na=False
                    ).replace({"": None})


def load_outlets(path: Path | None = None) -> pd.DataFrame:
    """Load the outlet register as a table in display order, with colours and groups."""
    return OutletRegister(Path(path) if path else DATA / "outlets.toml").frame()


def load_events(path: Path | None = None) -> pd.DataFrame:
    """Load the event catalogue as a table (id, name, window, description)."""
    terms = load_term_lexicon(DATA / "lexicons" / "belarus_terms.csv")
    return EventCatalogue(Path(path) if path else DATA / "events.csv", terms).frame()
