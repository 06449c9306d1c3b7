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
    "study.toml",
    "analysis/corpus/pages.py",
])
def test_a_changed_input_or_cleaning_code_rebuilds_the_corpus(changed, processed):
    # -W pretends the file was just modified, without touching it.
    assert _question("-W", changed, "data/processed/corpus.parquet") == 1


def test_make_help_lists_the_targets():
    out = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    for target in ("all", "data", "test", "lab", "clean", "help"):
        assert f"\n{target} " in f"\n{out}" or out.startswith(target), target


def test_the_makefile_names_no_output(processed):
    # every table and figure is declared once, by the package; the Makefile tracks each step
    # by the manifest it writes, so a name written there too would be a list to keep in step
    import re

    from analysis.build import Data, figure_specs
    from analysis.compare.run import TABLES

    words = set(re.findall(r"[a-z0-9_]+", (ROOT / "Makefile").read_text(encoding="utf-8")))
    names = set(TABLES) | set(figure_specs(Data()))
    assert names, "no outputs declared"
    assert words & names == set()
