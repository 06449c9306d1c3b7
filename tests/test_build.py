"""The build is made of real file rules: nothing to do after `make`, rebuilds on change."""

import shutil
import subprocess

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")


def _question(*args: str) -> int:
    # `make -q` does nothing and answers 0 when the target is up to date, 1 when not.
    return subprocess.run(["make", "-q", *args], cwd=ROOT, capture_output=True).returncode


def test_second_make_has_nothing_to_do(processed):
    assert _question("data/processed/corpus.parquet") == 0


@pytest.mark.parametrize("changed", [
    "data/raw/seeds/004_799ed92954225f26.txt",
    "data/raw/ruwa/RUWA_04.08.23.csv.gz",
    "data/outlets.toml",
    "data/events.csv",
    "analysis/corpus/pages.py",
])
def test_a_changed_input_or_cleaning_code_rebuilds_the_corpus(changed, processed):
    # -W pretends the file was just modified, without touching it.
    assert _question("-W", changed, "data/processed/corpus.parquet") == 1


def test_make_help_lists_the_targets():
    out = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    for target in ("all", "data", "test", "lab", "clean", "help"):
        assert f"\n{target} " in f"\n{out}" or out.startswith(target), target


def test_makefile_lists_every_comparison_table():
    import re

    from analysis.compare.run import TABLES

    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = re.search(r"^COMPARE_NAMES :=((?:.*\\\n)*.*)$", text, re.M).group(1)
    assert block.replace("\\\n", " ").split() == list(TABLES)


def test_makefile_lists_every_figure_and_table():
    import re

    from analysis.build import FIGURES

    text = (ROOT / "Makefile").read_text(encoding="utf-8")

    def names(var):
        block = re.search(rf"^{var} :=((?:.*\\\n)*.*)$", text, re.M).group(1)
        return block.replace("\\\n", " ").split()

    assert names("FIGURE_NAMES") == [n for n, s in FIGURES.items() if s.draw]
    assert names("TABLE_NAMES") == [n for n, s in FIGURES.items() if not s.draw]
