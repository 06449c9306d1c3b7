"""Comparative framing analysis of how news outlets told the same Russia–Belarus stories.

The few names a notebook needs::

    import analysis
    study = analysis.current_study()         # $ANALYSIS_STUDY, else the embedded study
    corpus = analysis.load_corpus()          # <processed>/corpus.parquet of that study
    report = analysis.load_ingest_report()   # one row per input record
    features = analysis.load_features()      # <processed>/features.parquet
    outlets = analysis.load_outlets()        # the corpus's outlets, display order
    events = analysis.load_events()          # the study's events
    analysis.target_sentiment(sentences, spans)  # polarity toward each target: -1, 0, 1
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ._csv import read_csv
from .corpus import OutletRegister
from .study import current_study, load_study

__all__ = ["current_study", "load_corpus", "load_events", "load_features", "load_ingest_report",
           "load_outlets", "load_study", "target_sentiment"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # imported when first asked for: the classifier needs scikit-learn and numba, which
    # a command such as ``ingest`` does not (and their memory, about 140 MB, it spares)
    if name == "target_sentiment":
        from .features.target import target_sentiment

        return target_sentiment
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _processed(name: str, path: Path | None) -> Path:
    path = Path(path) if path else current_study().processed / name
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
    """Load the outlets of the study's corpus as a table in display order, with colours and
    groups (``processed/outlets.csv``, written by ingest; a ``.toml`` register is read as
    the whole register)."""
    path = Path(path) if path else _processed("outlets.csv", None)
    if path.suffix == ".toml":
        return OutletRegister(path).frame()
    return read_csv(_processed("outlets.csv", path), keep_default_na=False)


def load_events(path: Path | None = None) -> pd.DataFrame:
    """Load the events of the study (id, name, window, description): the catalogue's, or
    those its event column or story alignment gave (``processed/events.csv``)."""
    path = _processed("events.csv", path)
    return read_csv(path, parse_dates=["start", "end"], keep_default_na=False,
                    na_values={"start": [""], "end": [""]})
