"""Static HTML copies of the notebooks: ``make report`` (``python -m analysis report``).

Each notebook (``notebooks/NN-*.py``, jupytext ``py:percent``) is executed top to bottom
for a study (its kernel gets ``$ANALYSIS_STUDY``, so every ``analysis.load_*`` call and
figure reads that study) and exported, outputs and figures embedded, to
``<reports>/NN-*.html``, a file a reader can open without Python. Code cells are hidden
unless asked for. The kernel talks to its client over local IPC sockets, not TCP. A
notebook that fails is reported by name and the others are still exported.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ._atomic import atomic_write
from ._paths import ROOT
from .study import ENVIRONMENT, Study, load_study

__all__ = ["NOTEBOOKS", "export_reports"]

NOTEBOOKS = ROOT / "notebooks"


@contextmanager
def _environment(name: str, value: str):
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def export_reports(names: list[str] | None = None, out: Path | None = None,
                   timeout: int = 1800, study: Study | None = None,
                   show_code: bool = False) -> dict[str, str]:
    """Execute and export each notebook (default: all) for `study` (default: the current
    one); return stem -> "ok" or the error."""
    import jupytext
    from jupyter_client import KernelManager
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    study = study or load_study()
    out = Path(out) if out else study.reports
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.py"))
    if names:
        unknown = set(names) - {p.stem for p in paths}
        if unknown:
            raise ValueError(f"no notebook named {', '.join(sorted(unknown))}")
        paths = [p for p in paths if p.stem in names]
    exporter = HTMLExporter(exclude_input=not show_code, exclude_input_prompt=not show_code,
                            exclude_output_prompt=not show_code)
    results = {}
    with (_environment(ENVIRONMENT, str(study.root.resolve())),
          tempfile.TemporaryDirectory(prefix="analysis-kernel-") as sockets):
        for path in paths:
            try:
                notebook = jupytext.read(path)
                # local sockets at an absolute path (the kernel runs in notebooks/)
                manager = KernelManager(kernel_name="python3", transport="ipc",
                                        ip=str(Path(sockets) / path.stem))
                try:
                    NotebookClient(notebook, km=manager, timeout=timeout, startup_timeout=300,
                                   resources={"metadata": {"path": str(path.parent)}}).execute()
                finally:
                    if manager.has_kernel:
                        manager.shutdown_kernel(now=False)
                html, _ = exporter.from_notebook_node(notebook)
                atomic_write(out / f"{path.stem}.html",
                             lambda p, h=html: Path(p).write_text(h, encoding="utf-8"))
                results[path.stem] = "ok"
            except Exception as exc:  # reported by name; the other notebooks still export
                results[path.stem] = _why(exc)
    return results


def _why(exc: Exception) -> str:
    """What failed, in a line: a cell's error (its type and message, and the cell's first
    line, as nbclient gives them), or the exception's first line."""
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename is None:  # not a cell's error
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
    # nbclient's message: a line, a rule, the cell's source, a rule, the traceback
    parts = str(exc).split("------------------")
    source = [line for line in (parts[1].splitlines() if len(parts) > 2 else []) if line]
    where = f" (in the cell that starts {source[0][:100]!r})" if source else ""
    return f"{ename}: {str(evalue)[:300]}{where}"
