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


#: the second, real study's input (370 English RSS items; data/README.md)
SECOND_STUDY_CSV = DATA / "studies" / "rss-english" / "articles.csv"


@pytest.fixture(scope="session")
def second_study(tmp_path_factory):
    """The second real study as a newcomer makes it: `study init` on its CSV, then `run`."""
    from analysis.__main__ import main
    from analysis.study import load_study

    folder = tmp_path_factory.mktemp("studies") / "rss-english"
    assert main(["study", "init", str(folder), str(SECOND_STUDY_CSV)]) == 0
    assert main(["run", str(folder), "--quiet"]) == 0
    return load_study(folder)
