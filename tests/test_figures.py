"""The figure build: every figure written, byte-identical on a second run, atomic writes."""

import os
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis._atomic import atomic_write
from analysis.build import FIGURES, Data, build_figures, figure_specs


@pytest.mark.slow
def test_figures_build_and_are_byte_reproducible(tmp_path, processed):
    first, second = tmp_path / "a", tmp_path / "b"
    status = build_figures(out=first)
    assert build_figures(out=second) == status
    # the study names three outlet pairs whose sides share no text level: those keyness
    # figures are not made, and the status says why (like with like)
    skipped = {name: why for name, why in status.items() if why != "ok"}
    assert set(skipped) == {"keyness_rt_vs_reuters", "keyness_rt_vs_bbc",
                            "keyness_ukrinform_vs_reuters"}
    assert all(why.startswith("skipped: no text level with 50+ articles on each side")
               for why in skipped.values())
    for name, spec in figure_specs(Data()).items():
        if name in skipped:
            continue
        outputs = [f"tables/{name}.csv"]
        if spec.draw:
            outputs += [f"figures/{name}.pdf", f"figures/{name}.png", f"figures/{name}.svg"]
        for rel in outputs:
            a, b = (first / rel).read_bytes(), (second / rel).read_bytes()
            assert a == b, rel
            assert len(a) > 100, rel
    pdf = first / "figures" / "corpus_timeline_by_outlet_group.pdf"
    assert b"CreationDate" not in pdf.read_bytes()
    # nothing is cut off: every PNG's outermost pixel rows and columns are background
    from PIL import Image

    for png in sorted((first / "figures").glob("*.png")):
        image = Image.open(png).convert("L")
        width, height = image.size
        edges = [image.crop(box) for box in ((0, 0, 1, height), (width - 1, 0, width, height),
                                             (0, 0, width, 1), (0, height - 1, width, height))]
        assert min(edge.getextrema()[0] for edge in edges) > 200, png.name


def test_a_failing_figure_is_reported_by_name_and_the_others_build(tmp_path, processed,
                                                                   monkeypatch):
    name = next(iter(FIGURES))
    spec = FIGURES[name]

    def broken(table, data):
        raise RuntimeError("boom")

    monkeypatch.setitem(FIGURES, name, spec.__class__(spec.caption, spec.table, broken))
    results = build_figures(out=tmp_path)
    assert results[name] == "RuntimeError: boom"
    assert all(v == "ok" or v.startswith("skipped: ") for k, v in results.items() if k != name)
    assert not (tmp_path / "figures" / f"{name}.pdf").exists()


def test_atomic_write_leaves_nothing_behind_on_failure(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")

    def fail(path):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        atomic_write(target, fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_atomic_write_uses_normal_permissions(tmp_path):
    target = tmp_path / "new.txt"
    atomic_write(target, lambda p: open(p, "w").close())
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


CHEAP = ["corpus_timeline_by_outlet_group", "sentiment_validity"]


def _read_manifest(root):
    import json

    return json.loads((root / "figures" / "MANIFEST.json").read_text(encoding="utf-8"))


def test_only_stale_outputs_rebuild(tmp_path, processed, monkeypatch):
    assert build_figures(CHEAP, out=tmp_path) == dict.fromkeys(CHEAP, "ok")
    assert build_figures(CHEAP, out=tmp_path) == dict.fromkeys(CHEAP, "up to date")
    # a changed caption (like a changed input or code) makes that entry stale, only that one
    spec = FIGURES[CHEAP[0]]
    monkeypatch.setitem(FIGURES, CHEAP[0], spec.__class__(
        "A new caption.", spec.table, spec.draw, spec.inputs, spec.n))
    assert build_figures(CHEAP, out=tmp_path) == {CHEAP[0]: "ok", CHEAP[1]: "up to date"}
    # a damaged or missing output is rebuilt
    (tmp_path / "tables" / f"{CHEAP[1]}.tex").write_text("damaged", encoding="utf-8")
    (tmp_path / "figures" / f"{CHEAP[0]}.png").unlink()
    assert build_figures(CHEAP, out=tmp_path) == dict.fromkeys(CHEAP, "ok")
    # so do the study's thresholds (some decide what a figure draws: a same-event
    # figure's groups)
    from dataclasses import replace

    from analysis.study import DEFAULT, load_study

    study = load_study(DEFAULT)
    study = replace(study, thresholds=replace(study.thresholds, same_event_groups_max=3))
    assert build_figures(CHEAP, study=study, out=tmp_path) == dict.fromkeys(CHEAP, "ok")
    assert build_figures(CHEAP, study=study, out=tmp_path) == dict.fromkeys(CHEAP, "up to date")


def test_outputs_the_study_no_longer_declares_are_removed_unless_changed(tmp_path, processed):
    import hashlib
    import json

    assert build_figures(CHEAP[:1], out=tmp_path) == {CHEAP[0]: "ok"}
    manifest = _read_manifest(tmp_path)
    figures = tmp_path / "figures"
    (figures / "keyness_gone.png").write_bytes(b"drawn once")
    (figures / "keyness_gone.svg").write_bytes(b"drawn once")
    (figures / "mine.png").write_bytes(b"the researcher's own")
    digest = hashlib.sha256(b"drawn once").hexdigest()
    manifest["outputs"]["keyness_gone"] = {"outputs": {"figures/keyness_gone.png": digest,
                                                       "figures/keyness_gone.svg": digest}}
    (figures / "MANIFEST.json").write_text(json.dumps(manifest), encoding="utf-8")
    (figures / "keyness_gone.svg").write_bytes(b"edited by hand since")
    assert build_figures(CHEAP[:1], out=tmp_path) == {
        "keyness_gone": "removed: no longer declared by the study", CHEAP[0]: "up to date"}
    assert not (figures / "keyness_gone.png").exists()
    assert (figures / "keyness_gone.svg").read_bytes() == b"edited by hand since"
    assert (figures / "mine.png").exists()  # never written by a build: not touched
    assert "keyness_gone" not in _read_manifest(tmp_path)["outputs"]
    assert build_figures(CHEAP[:1], out=tmp_path) == {CHEAP[0]: "up to date"}


def test_manifest_records_inputs_outputs_code_and_versions(tmp_path, processed):
    from importlib import metadata

    from analysis.build import _sha256
    from tests.conftest import ROOT

    build_figures(CHEAP, out=tmp_path)
    entry = _read_manifest(tmp_path)["outputs"][CHEAP[0]]
    assert entry["inputs"]["processed/corpus.parquet"] == _sha256(
        ROOT / "data/processed/corpus.parquet")
    assert entry["inputs"]["processed/outlets.csv"] == _sha256(
        ROOT / "data/processed/outlets.csv")
    for rel, digest in entry["outputs"].items():
        assert _sha256(tmp_path / rel) == digest
    assert set(entry["outputs"]) == {f"tables/{CHEAP[0]}.csv",
                                     *(f"figures/{CHEAP[0]}.{e}" for e in ("pdf", "png", "svg"))}
    assert entry["built_with"]["packages"]["matplotlib"] == metadata.version("matplotlib")
    assert len(entry["code_sha256"]) == 64
    tex = (tmp_path / "tables" / f"{CHEAP[1]}.tex").read_text(encoding="utf-8")
    assert "\\toprule" in tex and "\\bottomrule" in tex
    readme = (tmp_path / "figures" / "README.md").read_text(encoding="utf-8")
    for name in CHEAP:
        assert f"`python -m analysis figures {name}`" in readme
        assert FIGURES[name].caption in readme


def test_a_new_commit_alone_changes_no_figure(tmp_path, processed, monkeypatch):
    import analysis.build as build

    build_figures(CHEAP[:1], out=tmp_path)
    before = {rel: (tmp_path / rel).read_bytes()
              for rel in _read_manifest(tmp_path)["outputs"][CHEAP[0]]["outputs"]}
    real = build._environment()
    monkeypatch.setattr(build, "_environment", lambda: {**real, "commit": "0" * 40})
    assert build_figures(CHEAP[:1], out=tmp_path, force=True) == {CHEAP[0]: "ok"}
    assert _read_manifest(tmp_path)["outputs"][CHEAP[0]]["built_with"]["commit"] == "0" * 40
    for rel, data in before.items():
        assert (tmp_path / rel).read_bytes() == data, rel


def test_a_figure_with_nested_layouts_draws_the_same_bytes_every_time(processed):
    # constrained layout over subfigures solves to within ~1e-15, differently per run;
    # the SVG writer names clip paths after full-precision boxes, so the build freezes
    # the solved layout (rounded) before writing
    import io

    import matplotlib

    from analysis.build import Data, figure
    from analysis.plots._style import RC

    data, outputs = Data(), set()
    for _ in range(4):
        _, drawn = figure("same_event_joint_grouping_2022", data)
        buffer = io.BytesIO()
        with matplotlib.rc_context(RC):
            drawn.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        outputs.add(buffer.getvalue())
    assert len(outputs) == 1


def test_a_figure_without_its_data_says_why_it_is_not_made():
    """A study of undated headlines has no timeline and no readability (sentence-based
    measures leave headlines out): each output is skipped with the reason, not failed."""
    from analysis.build import _dated, _estimates
    from analysis.compare.run import Skip

    with pytest.raises(Skip, match="no article has a date"):
        _dated(pd.DataFrame({"date": pd.to_datetime(pd.Series([None, None]))}))
    dated = pd.DataFrame({"date": pd.to_datetime(pd.Series([None, "2022-03-01"]))})
    assert _dated(dated) is dated

    estimates = pd.DataFrame({"feature": ["lex__mattr", "sent__all_compound"],
                              "n_articles": [0, 4], "text_level": ["headline"] * 2,
                              "unit": ["a", "a"], "level": ["outlet"] * 2})
    data = SimpleNamespace(table=lambda name: estimates)
    with pytest.raises(Skip, match=r"no article has a value of lex__mattr \(tables/estimates"):
        _estimates("outlet", features=("lex__mattr",))(data)
    assert len(_estimates("outlet", features=("sent__all_compound",))(data)) == 1


def test_characters_the_font_lacks_are_gathered_once_and_named():
    """matplotlib warns for each glyph it lacks, at each drawing: the build gathers the
    characters (each once) instead, and lets every other warning through."""
    import io
    import warnings

    import matplotlib
    from matplotlib.figure import Figure

    from analysis.build import _named, _without_glyphs
    from analysis.plots._style import RC

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with matplotlib.rc_context(RC):
            fig = Figure()
            fig.subplots().set_title("Ｍinsk Daily, Ｍ again, 東")
            for ext in ("png", "svg"):
                fig.savefig(io.BytesIO(), format=ext)
        warnings.warn("something else", RuntimeWarning, stacklevel=1)
    assert sum("missing from font" in str(w.message) for w in caught) > 2
    with pytest.warns(RuntimeWarning, match="something else"):
        assert _without_glyphs(caught) == "Ｍ東"
    assert _named("Ｍ東") == ("Ｍ (U+FF2D FULLWIDTH LATIN CAPITAL LETTER M), "
                             "東 (U+6771 CJK UNIFIED IDEOGRAPH-6771)")
