"""Static HTML copies of the notebooks: ``make report`` (``python -m analysis report``).

Each notebook (``notebooks/NN-*.py``, jupytext ``py:percent``) is executed top to bottom
on the processed corpus and exported, outputs and figures embedded, to
``reports/NN-*.html``, a file a reader can open without Python. A notebook that fails is
reported by name and the others are still exported.
"""

from __future__ import annotations

from pathlib import Path

from ._atomic import atomic_write
from ._paths import ROOT

__all__ = ["NOTEBOOKS", "export_reports"]

NOTEBOOKS = ROOT / "notebooks"


def export_reports(names: list[str] | None = None, out: Path | None = None,
                   timeout: int = 1800) -> dict[str, str]:
    """Execute and export each notebook (default: all); return stem -> "ok" or the error."""
    import jupytext
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    out = Path(out) if out else ROOT / "reports"
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.py"))
    if names:
        unknown = set(names) - {p.stem for p in paths}
        if unknown:
            raise ValueError(f"no notebook named {', '.join(sorted(unknown))}")
        paths = [p for p in paths if p.stem in names]
    results = {}
    for path in paths:
        try:
            notebook = jupytext.read(path)
            NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                           resources={"metadata": {"path": str(path.parent)}}).execute()
            html, _ = HTMLExporter().from_notebook_node(notebook)
            atomic_write(out / f"{path.stem}.html",
                         lambda p, h=html: Path(p).write_text(h, encoding="utf-8"))
            results[path.stem] = "ok"
        except Exception as exc:  # reported by name; the other notebooks still export
            results[path.stem] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
    return results
