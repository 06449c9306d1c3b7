"""The figure build: every figure written, byte-identical on a second run, atomic writes."""

import os

import pytest

from analysis._atomic import atomic_write
from analysis.build import FIGURES, build_figures


@pytest.mark.slow
def test_figures_build_and_are_byte_reproducible(tmp_path, processed):
    first, second = tmp_path / "a", tmp_path / "b"
    assert set(build_figures(root=first).values()) == {"ok"}
    assert set(build_figures(root=second).values()) == {"ok"}
    for name, spec in FIGURES.items():
        outputs = [f"tables/{name}.csv"]
        if spec.draw:
            outputs += [f"figures/{name}.pdf", f"figures/{name}.png", f"figures/{name}.svg"]
        for rel in outputs:
            a, b = (first / rel).read_bytes(), (second / rel).read_bytes()
            assert a == b, rel
            assert len(a) > 100, rel
    pdf = first / "figures" / "corpus_timeline_by_outlet_group.pdf"
    assert b"CreationDate" not in pdf.read_bytes()


def test_a_failing_figure_is_reported_by_name_and_the_others_build(tmp_path, processed,
                                                                   monkeypatch):
    name = next(iter(FIGURES))
    spec = FIGURES[name]

    def broken(table, data):
        raise RuntimeError("boom")

    monkeypatch.setitem(FIGURES, name, spec.__class__(spec.caption, spec.table, broken))
    results = build_figures(root=tmp_path)
    assert results[name] == "RuntimeError: boom"
    assert all(v == "ok" for k, v in results.items() if k != name)
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
