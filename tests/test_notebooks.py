"""Every notebook runs top to bottom on the real processed corpus."""

from pathlib import Path

import jupytext
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.py"))


SUITE = ["01-corpus-overview", "02-style-and-readability", "03-sentiment-and-actors",
         "04-frames", "05-contested-language-and-sourcing", "06-same-event-comparisons",
         "07-measurement-validity", "08-two-articles-close-reading"]


def test_the_notebook_suite_is_complete():
    assert [p.stem for p in NOTEBOOKS] == SUITE


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_shows_the_figures_the_build_writes(path: Path, processed):
    import re

    from analysis.build import Data, figure_specs

    names = re.findall(r"\b(?:figure|show_figure)\(\s*[\"']([a-z0-9_]+)[\"']",
                       path.read_text(encoding="utf-8"))
    assert names, "the notebook draws no figure through analysis.build.figure"
    specs = figure_specs(Data())
    assert set(names) <= set(specs), set(names) - set(specs)


#: the outputs a notebook may show without a guard: the validity tables rest on the
#: project's own labelled sets (every study has them; source_type_validity is shown for the
#: default study only), and the classifier's scores only once its confusion matrix was made
UNGUARDED = {"frame_validity_f1", "sentiment_validity", "target_sentiment_validity",
             "hedge_validity", "source_type_validity", "outlet_group_classifier_scores"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_an_output_a_study_may_lack_is_shown_in_a_try_that_says_why(path: Path):
    # a Polish-only study has no tone: notebook 03 stopped at its first tone figure
    # (analysis.build.show_figure guards itself)
    import ast

    code = "\n".join(line for cell in jupytext.read(path).cells if cell.cell_type == "code"
                     for line in cell.source.splitlines() if not line.startswith("%"))
    tree = ast.parse(code)
    guarded = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
                h.type is not None and "Skip" in ast.unparse(h.type) for h in node.handlers):
            guarded.update(id(sub) for inner in node.body for sub in ast.walk(inner))
    bare = [ast.unparse(node.args[0]) for node in ast.walk(tree)
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "figure"
            and id(node) not in guarded]
    assert {name.strip("'\"") for name in bare} <= UNGUARDED, bare


def _execute(path: Path):
    notebook = jupytext.read(path)
    client = NotebookClient(notebook, timeout=600, startup_timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for cell in notebook.cells if cell.cell_type == "code"
              for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    return notebook


def _text(notebook) -> str:
    return "\n".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                     + str(o.get("data", {}).get("text/markdown", ""))
                     for cell in notebook.cells for o in cell.get("outputs", []))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom(path: Path, processed):
    notebook = _execute(path)
    images = [o for cell in notebook.cells for o in cell.get("outputs", [])
              if "image/png" in o.get("data", {})]
    assert images, "the notebook shows no figure"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_follows_another_study(path: Path, second_study, monkeypatch):
    # the kernel inherits $ANALYSIS_STUDY: every load and figure reads the second study
    monkeypatch.setenv("ANALYSIS_STUDY", str(second_study.root))
    text = _text(_execute(path))
    assert second_study.title in text
    for name in ("Moscow Times", "Ukrinform", "Censor.NET"):  # not in that study's data
        assert name not in text, name
