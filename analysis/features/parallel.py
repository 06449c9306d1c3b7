"""The feature pass on all cores, or on a Dask cluster: the same batches, the same values.

The corpus is cut into chunks of :data:`CHUNK` documents, a whole number of the pass's
batches, so every document is computed in the batch it would be in on one core (the
values do not depend on the batch, and this keeps even that out of question). Each worker
process builds and fits the families once (from unfitted copies: their parameters, not
their caches, travel), computes its chunks and sends back a numpy array per chunk, which
is written into the result at the chunk's rows: the output is the one-worker output, bit
for bit (``tests/features/test_parallel.py``).

- ``workers > 1``: a :class:`concurrent.futures.ProcessPoolExecutor` with the ``spawn``
  start method (no state inherited from the parent; numba's compiled kernels come from
  their on-disk cache);
- ``scheduler``: the chunks go to an existing Dask distributed cluster
  (``distributed.Client(address)``); each Dask worker process keeps the fitted families it
  built, keyed by their parameters, for the chunks that follow.

A chunk that fails is reported with its rows and doc_ids.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

import numpy as np
import pandas as pd
from sklearn.base import clone
from tqdm import tqdm

from ._base import Batch, FeatureFamily, as_documents

__all__ = ["BATCH", "CHUNK", "INPUT_COLUMNS", "default_workers", "rows_of", "run"]

#: documents per batch (the columnar engine's unit of work)
BATCH = 2_000
#: documents per chunk sent to a worker: four batches
CHUNK = 4 * BATCH
#: what a family reads of an article
INPUT_COLUMNS = ["text", "language", "text_level"]


def default_workers() -> int:
    """The cores this process may use (its CPU affinity, else the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def widths(families: dict[str, FeatureFamily]) -> dict[str, slice]:
    """Each family's columns in the pass's array, in family order."""
    out, first = {}, 0
    for prefix, family in families.items():
        n = len(family.get_feature_names_out())
        out[prefix] = slice(first, first + n)
        first += n
    return out


def rows_of(texts: pd.DataFrame, families: dict[str, FeatureFamily], engine: str,
            bar: tqdm | None = None) -> np.ndarray:
    """The families' values for `texts` (``INPUT_COLUMNS``), batch by batch, every family
    in turn on each batch (what they share of a batch is computed once); `bar` is advanced
    one step per batch."""
    columns = widths(families)
    out = np.empty((len(texts), max((s.stop for s in columns.values()), default=0)))
    for start in range(0, len(texts), BATCH):
        docs = as_documents(texts.iloc[start:start + BATCH])
        batch = Batch(docs)
        for prefix, family in families.items():
            out[start:start + len(docs), columns[prefix]] = (
                family.transform_columnar(batch) if engine == "columnar"
                else family.transform(docs))
        if bar is not None:
            bar.update()
    return out


# ---- in a worker process -----------------------------------------------------------------

_FITTED: dict[tuple, dict[str, FeatureFamily]] = {}


def _key(families: dict[str, FeatureFamily]) -> tuple:
    return tuple((prefix, type(f).__module__, type(f).__qualname__,
                  repr(sorted(f.get_params().items()))) for prefix, f in families.items())


def _fitted(families: dict[str, FeatureFamily]) -> dict[str, FeatureFamily]:
    """The families fitted once per process (by their parameters)."""
    key = _key(families)
    if key not in _FITTED:
        _FITTED[key] = {prefix: clone(f).fit() for prefix, f in families.items()}
    return _FITTED[key]


def _chunk(texts: pd.DataFrame, families: dict[str, FeatureFamily], engine: str
           ) -> np.ndarray:
    """A worker's task: one chunk's values."""
    return rows_of(texts, _fitted(families), engine)


# ---- in the main process -----------------------------------------------------------------

def _chunks(corpus: pd.DataFrame) -> Iterator[tuple[int, pd.DataFrame]]:
    for start in range(0, len(corpus), CHUNK):
        yield start, corpus.iloc[start:start + CHUNK]


def _failed(corpus: pd.DataFrame, start: int, exc: BaseException) -> RuntimeError:
    part = corpus.iloc[start:start + CHUNK]
    ids = part["doc_id"].tolist() if "doc_id" in part else []
    shown = f" (doc_id {ids[0]!r} … {ids[-1]!r})" if ids else ""
    return RuntimeError(f"features of rows {start}–{start + len(part) - 1}{shown} failed: "
                        f"{type(exc).__name__}: {exc}")


def run(corpus: pd.DataFrame, families: dict[str, FeatureFamily], engine: str,
        workers: int = 1, scheduler: str | None = None, progress: bool | None = None
        ) -> np.ndarray:
    """The families' values for every article of `corpus`, on one core, `workers` worker
    processes, or the Dask cluster at `scheduler` (an address such as
    ``tcp://10.0.0.5:8786``); the same array whichever.

    A corpus of one chunk or less is computed in this process (a pool would only cost its
    start-up).
    """
    desc = f"features ({', '.join(families)})"
    disable = None if progress is None else not progress
    texts = corpus[INPUT_COLUMNS]
    if scheduler is None and (workers <= 1 or len(corpus) <= CHUNK):
        with tqdm(total=-(-len(corpus) // BATCH), desc=desc, unit=" batches",
                  disable=disable) as bar:
            return rows_of(texts, families, engine, bar)
    unfitted = {prefix: clone(f) for prefix, f in families.items()}
    out = np.empty((len(corpus), max(s.stop for s in widths(families).values())))
    bar = tqdm(total=len(corpus), desc=desc, unit=" articles", disable=disable)
    if scheduler is not None:
        from distributed import Client, as_completed

        with Client(scheduler) as client:
            shared = client.scatter(unfitted, broadcast=True)
            futures = {client.submit(_chunk, part, shared, engine, pure=False): start
                       for start, part in _chunks(texts)}
            for future in as_completed(futures):
                start = futures[future]
                try:
                    block = future.result()
                except Exception as exc:
                    raise _failed(corpus, start, exc) from exc
                out[start:start + len(block)] = block
                bar.update(len(block))
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            futures = {pool.submit(_chunk, part, unfitted, engine): start
                       for start, part in _chunks(texts)}
            pending = set(futures)
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    start = futures[future]
                    try:
                        block = future.result()
                    except Exception as exc:
                        for other in pending:
                            other.cancel()
                        raise _failed(corpus, start, exc) from exc
                    out[start:start + len(block)] = block
                    bar.update(len(block))
    bar.close()
    return out
