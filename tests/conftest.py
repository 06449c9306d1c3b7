from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
PROCESSED = DATA / "processed"
FIXTURES = Path(__file__).resolve().parent / "corpus" / "fixtures"


@pytest.fixture(scope="session")
def register():
    from analysis.corpus import OutletRegister

    return OutletRegister(DATA / "outlets.toml")


@pytest.fixture(scope="session")
def real_config():
    from analysis.corpus import load_config

    return load_config(ROOT)


@pytest.fixture(scope="session")
def processed():
    """The processed real corpus and report, as `make data` built them."""
    import analysis

    if not (PROCESSED / "corpus.parquet").exists():
        pytest.fail("data/processed/corpus.parquet is missing: run `make data` (make test does)")
    return analysis.load_corpus(), analysis.load_ingest_report()
