"""The feature pass on all cores, or on a Dask cluster: the same batches, the same values.

Work comes as tasks (:class:`Task`): a chunk of at most :data:`CHUNK` documents, a whole
number of the pass's batches, so every document is computed in the batch it would be in
on one core (the values do not depend on the batch, and this keeps even that out of
question), and the families to compute. :func:`results` gives each task's numpy array as
it is done; tasks are taken a few at a time, so a caller that reads a corpus file chunk by
chunk and writes each chunk's values (``pipeline.write_features``) holds a few chunks at
most. Each worker process has the families fitted once, and keeps them for the tasks that
follow: a forked worker takes this process's (:func:`_adopt`), a spawned or Dask worker
fits its own from unfitted copies (their parameters, not their caches, travel). The
values are the one-worker values, bit for bit (``tests/features/test_parallel.py``).

- ``workers > 1``: this process and a :class:`concurrent.futures.ProcessPoolExecutor` of
  ``workers - 1`` processes take tasks from one queue (:func:`_on_pool_and_here`). On
  Linux this process runs the first task, then the pool is forked from it
  (:func:`start_method`): the workers start with the lexicons, compiled kernels, type
  tables and fitted families this process has built, shared until written, and begin
  at once. Elsewhere they are spawned (a new interpreter each: the package imported,
  numba's kernels and the fitted target classifier read from their on-disk caches, the
  families fitted once), while this process works, so no core waits for the pool;
- ``scheduler``: the tasks go to an existing Dask distributed cluster
  (``distributed.Client(address)``), two per worker thread in flight.

A task that fails is reported with its rows and doc_ids. A worker process, of the pool or
of a Dask cluster, sets glibc's malloc thresholds where glibc's own rule ends up
(:func:`steady_heap`) before its first task.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import warnings
from collections.abc import Hashable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import NamedTuple

import numpy as np
import pandas as pd
from sklearn.base import clone
from tqdm import tqdm

from .._heap import libc
from ._base import Batch, FeatureFamily, as_documents

__all__ = ["BATCH", "CHUNK", "INPUT_COLUMNS", "Task", "default_workers", "processes_for",
           "results", "rows_of", "run"]

#: documents per batch (the columnar engine's unit of work)
BATCH = 2_000
#: documents per chunk sent to a worker: one batch (small, so that the last chunks of
#: the workers end close together; sending one costs milliseconds)
CHUNK = BATCH
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


def rows_of(texts: pd.DataFrame, families: dict[str, FeatureFamily], engine: str
            ) -> np.ndarray:
    """The families' values for `texts` (``INPUT_COLUMNS``), batch by batch, every family
    in turn on each batch (what they share of a batch is computed once)."""
    columns = widths(families)
    out = np.empty((len(texts), max((s.stop for s in columns.values()), default=0)))
    for start in range(0, len(texts), BATCH):
        docs = as_documents(texts.iloc[start:start + BATCH])
        batch = Batch(docs)
        for prefix, family in families.items():
            out[start:start + len(docs), columns[prefix]] = (
                family.transform_columnar(batch) if engine == "columnar"
                else family.transform(docs))
    return out


# ---- in a worker process -----------------------------------------------------------------

#: glibc's ``mallopt`` parameters (``malloc.h``: M_TRIM_THRESHOLD, M_MMAP_THRESHOLD) and
#: the values :func:`steady_heap` sets: the largest mmap threshold glibc's own dynamic rule
#: reaches on a 64-bit machine (``DEFAULT_MMAP_THRESHOLD_MAX``, 32 MiB), and twice that
#: as the trim threshold, as that rule sets it (``malloc/malloc.c``; mallopt(3))
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_BYTES = 32 << 20
_TRIM_BYTES = 2 * _MMAP_BYTES


def steady_heap() -> bool:
    """Set glibc's malloc thresholds of this process to where glibc's own rule ends up
    after the first large block is freed (:data:`_MMAP_BYTES`, :data:`_TRIM_BYTES`);
    return whether they were set (Linux with glibc only).

    glibc moves its thresholds up as a process frees large blocks, so that the arrays a
    batch makes and drops (up to 32 MiB) are reused from the heap; but any
    ``MALLOC_TRIM_THRESHOLD_`` or ``MALLOC_MMAP_THRESHOLD_`` in the environment turns that
    rule off, and Dask's nanny starts every worker with ``MALLOC_TRIM_THRESHOLD_=65536``
    (``distributed.nanny.pre-spawn-environ``): there each array over 128 KiB is a new
    mapping, zeroed page by page when first written. 100,000 articles in one process took
    12.1 s under that setting (1.37 M page faults), 9.1 s without it (0.33 M) and 8.7 s
    under it with these thresholds set (0.12 M). The cost: up to 64 MiB of freed memory
    is kept for reuse rather than given back to the system at once (Dask counts it as
    unmanaged memory)."""
    c = libc()
    return bool(c is not None and c.mallopt(_M_MMAP_THRESHOLD, _MMAP_BYTES)
                and c.mallopt(_M_TRIM_THRESHOLD, _TRIM_BYTES))


_FITTED: dict[tuple, dict[str, FeatureFamily]] = {}
#: whether this worker has made its heap steady (:func:`_chunk`)
_STEADY: list[bool] = []
#: whether this worker has frozen what it built (:func:`_pool_chunk`)
_FROZEN: list[bool] = []


def _key(families: dict[str, FeatureFamily]) -> tuple:
    return tuple((prefix, type(f).__module__, type(f).__qualname__,
                  repr(sorted(f.get_params().items()))) for prefix, f in families.items())


def _fitted(families: dict[str, FeatureFamily]) -> dict[str, FeatureFamily]:
    """The families fitted once per process (by their parameters)."""
    key = _key(families)
    if key not in _FITTED:
        _FITTED[key] = {prefix: clone(f).fit() for prefix, f in families.items()}
    return _FITTED[key]


def _adopt(fitted: dict[tuple, dict[str, FeatureFamily]]) -> None:
    """A pool worker's start: take `fitted` (families fitted by the process that forked
    this one, by :func:`_key`) as its own, so :func:`_fitted` does not fit them again."""
    _FITTED.update(fitted)


def _chunk(texts: pd.DataFrame, families: dict[str, FeatureFamily], engine: str
           ) -> np.ndarray:
    """A worker's task: one chunk's values (the process's heap made steady first, once:
    :func:`steady_heap`)."""
    if not _STEADY:
        _STEADY.append(steady_heap())
    return rows_of(texts, _fitted(families), engine)


def _pool_chunk(texts: pd.DataFrame, families: dict[str, FeatureFamily], engine: str
                ) -> np.ndarray:
    """:func:`_chunk` in a process of this module's pool. After its first task, what the
    process has built (lexicons, tries, type tables: millions of objects that live as long
    as it does) is moved out of the garbage collector's sight (``gc.freeze``): its later
    collections, and the ones Python runs when it exits (half a second otherwise), no
    longer walk them. Not done on a Dask worker, a process this package does not own."""
    values = _chunk(texts, families, engine)
    if not _FROZEN:
        gc.freeze()
        _FROZEN.append(True)
    return values


# ---- in the main process -----------------------------------------------------------------

class Task(NamedTuple):
    """A piece of work: the `families`' values for `texts` (:data:`INPUT_COLUMNS`, and
    ``doc_id`` to name them if they fail), `key` given back with the values, `first` and
    `last` the corpus rows the texts come from (for the error message)."""

    key: Hashable
    texts: pd.DataFrame
    families: dict[str, FeatureFamily]
    first: int
    last: int


def _failed(task: Task, exc: BaseException) -> RuntimeError:
    ids = task.texts["doc_id"].tolist() if "doc_id" in task.texts else []
    shown = f" (doc_id {ids[0]!r} … {ids[-1]!r})" if ids else ""
    return RuntimeError(f"features of rows {task.first}–{task.last}{shown} failed: "
                        f"{type(exc).__name__}: {exc}")


def _here(task: Task, engine: str) -> np.ndarray:
    try:
        return rows_of(task.texts, task.families, engine)
    except Exception as exc:
        raise _failed(task, exc) from exc


def processes_for(rows: int, workers: int) -> int:
    """The worker processes to use for `rows` articles: one (this process) for a chunk or
    less, where a pool would only cost its start-up; else `workers`."""
    return 1 if rows <= CHUNK else workers


def results(tasks: Iterable[Task], engine: str, workers: int = 1,
            scheduler: str | None = None) -> Iterator[tuple[Hashable, np.ndarray]]:
    """(key, values) of each task, as the tasks finish (in any order): in this process,
    on this process and a pool of ``workers - 1`` processes, or on the Dask cluster at
    `scheduler` (an address such as ``tcp://10.0.0.5:8786``). Tasks are taken from
    `tasks` as workers come free, a few ahead, so neither the tasks nor their values
    pile up (memory depends on the chunk size, not on the corpus)."""
    if scheduler is not None:
        yield from _on_dask(tasks, engine, scheduler)
    else:
        yield from _frozen_after_first(
            ((task.key, _here(task, engine)) for task in tasks) if workers <= 1
            else _on_pool_and_here(tasks, engine, workers))


def _frozen_after_first(done: Iterator[tuple[Hashable, np.ndarray]]
                        ) -> Iterator[tuple[Hashable, np.ndarray]]:
    """`done`, with what this process holds once the first task is done (the families'
    lexicons, tries and type tables: millions of objects) out of the garbage collector's
    sight until the last (``gc.freeze``, then ``gc.unfreeze``): otherwise each of its
    full collections walks them all, a twentieth of a one-core pass. Objects made later
    are collected as usual. Left alone where the process has frozen objects itself."""
    frozen = False
    try:
        for item in done:
            yield item
            if not frozen and not gc.get_freeze_count():
                gc.freeze()
                frozen = True
    finally:
        if frozen:
            gc.unfreeze()


def _unfitted(families: dict[str, FeatureFamily], seen: dict) -> dict[str, FeatureFamily]:
    """Unfitted copies of `families` (their parameters travel, not their caches), one per
    families object given."""
    if id(families) not in seen:
        seen[id(families)] = (families, {prefix: clone(f) for prefix, f in families.items()})
    return seen[id(families)][1]


#: tasks this process may run ahead of the oldest one still on the pool (whose values the
#: caller may be waiting for, to write them in order): more than it runs while a spawned
#: worker starts (about 3 s, ten tasks of 0.3 s), so that it does not wait for the first;
#: the values held stay a few tens of MB (3 MB per task)
AHEAD = 16
#: tasks kept queued per pool worker: enough that a worker does not run dry while this
#: process reads, hashes and writes between its own tasks (with 2, a forked worker sat
#: idle for a third of a second at a time; 100,000 articles on 2 processes, alternating
#: runs: 5.5-5.7 s with 2, 5.1-5.5 s with 4). At the end this process takes back the
#: queued tasks no worker has begun (:func:`_take_back`); the workers still run the
#: ones they have begun and the few the pool has already passed on to them.
QUEUED = 4


#: Python's warning (3.12 and later) on a fork of a process with threads, which
#: :func:`start_method` answers for the pool's workers
_FORK_WARNING = r".*is multi-threaded, use of fork\(\) may lead to deadlocks"


def start_method() -> str:
    """How the pool's processes are started: ``fork`` on Linux, ``spawn`` elsewhere.

    A forked worker starts with what this process has built by the end of its first
    task: the lexicons and tries, numba's loaded kernels, the type tables and the fitted
    families (:func:`_adopt`), its memory shared with this process until written. A
    spawned worker imports the package and fits the families itself (about 2.5 s on this
    project's 2-core machine, a first task included: fifteen tasks of this process), and
    learns every type afresh. 2 processes against 1 on the bench's 100,000 articles, in
    alternating runs on that machine: 1.23-1.43x spawned, 1.42-1.62x forked; a worker's
    peak memory 510-520 MB spawned, 440-470 MB forked.

    Forking a process that has threads is safe only for what the child does not share
    with them. When the pool is forked, ``python -m analysis features`` has 8 threads,
    those of numpy's OpenBLAS, of Arrow's thread pools and allocators, and tqdm's monitor,
    all idle between this process's tasks; the child runs this package's Python and
    numba code and unpickles its tasks, and the libraries it shares with those threads
    reset their state in a forked child (glibc's malloc, OpenBLAS, Arrow's thread pools:
    their ``pthread_atfork`` handlers). Python 3.12 and later warn (DeprecationWarning)
    on any fork of a process with threads; that warning is silenced for the pool's
    forks only, for these reasons. On macOS, whose system libraries are not safe to use
    after a fork, and on Windows, which cannot fork, the pool is spawned (Python's own
    default there)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _on_pool_and_here(tasks: Iterable[Task], engine: str, workers: int
                      ) -> Iterator[tuple[Hashable, np.ndarray]]:
    """This process (its families fitted already) and a pool of ``workers - 1``, each
    worker kept :data:`QUEUED` tasks ahead. Where the pool is forked
    (:func:`start_method`), this process runs the first task first, so the workers start
    with everything it built for it; where it is spawned, the pool starts at once, while
    this process works. This process takes the next task whenever it is free and no more
    than :data:`AHEAD` tasks past the oldest on the pool, and at the end the pool's tasks
    no worker has begun (:func:`_take_back`), so the last tasks end close together; a
    caller writing values in order holds a few tasks' values at most."""
    queue = enumerate(tasks)
    method = start_method()
    adopted: dict = {}
    if method == "fork":
        first = next(queue, None)
        if first is None:
            return
        yield first[1].key, _here(first[1], engine)
        adopted = {_key(first[1].families): first[1].families}
    copies: dict = {}
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(workers - 1, mp_context=context, initializer=_adopt,
                             initargs=(adopted,)) as pool:
        in_flight: dict = {}  # future -> (number, task)

        def stop() -> None:
            for other in in_flight:
                other.cancel()

        def here(task: Task) -> np.ndarray:
            try:
                return _here(task, engine)
            except Exception:
                stop()
                raise

        def finished(done) -> Iterator[tuple[Hashable, np.ndarray]]:
            for future in done:
                task = in_flight.pop(future)[1]
                try:
                    values = future.result()
                except Exception as exc:
                    stop()
                    raise _failed(task, exc) from exc
                yield task.key, values

        waiting = None  # a task taken from the queue, not yet run
        more = True
        while more or waiting or in_flight:
            while more and len(in_flight) < QUEUED * (workers - 1):
                number, task = waiting or next(queue, (None, None))
                waiting = None
                if task is None:
                    more = False
                    break
                with warnings.catch_warnings():  # (the pool forks at its first task)
                    warnings.filterwarnings("ignore", _FORK_WARNING, DeprecationWarning)
                    future = pool.submit(_pool_chunk, task.texts,
                                         _unfitted(task.families, copies), engine)
                in_flight[future] = (number, task)
            if waiting is None and more:
                waiting = next(queue, None)
                more = waiting is not None
            oldest = min((n for n, _ in in_flight.values()), default=None)
            if waiting is not None and (oldest is None or waiting[0] - oldest < AHEAD):
                yield waiting[1].key, here(waiting[1])
                waiting = None
                yield from finished([f for f in list(in_flight) if f.done()])
            elif in_flight:
                taken = None if more else _take_back(in_flight)
                if taken is not None:
                    yield taken.key, here(taken)
                else:
                    yield from finished(wait(in_flight, return_when=FIRST_COMPLETED).done)


def _take_back(in_flight: dict) -> Task | None:
    """The last queued task of the pool that no worker has begun (its future cancelled and
    dropped from `in_flight`: future -> (number, task)), for this process to run once it
    has no other: so the pass does not end on one core working through a worker's queue.
    None if every task in flight is running or handed to a worker already."""
    for future in sorted(in_flight, key=lambda f: in_flight[f][0], reverse=True):
        if future.cancel():
            return in_flight.pop(future)[1]
    return None


def _on_dask(tasks: Iterable[Task], engine: str, scheduler: str
             ) -> Iterator[tuple[Hashable, np.ndarray]]:
    """The tasks on a Dask distributed cluster, two per worker thread in flight; each
    worker keeps the families it fitted for the tasks that follow."""
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        ahead = 2 * max(1, sum(client.nthreads().values()))
        shared: dict = {}
        queue = iter(tasks)
        running = as_completed()
        owner = {}

        def submit() -> bool:
            task = next(queue, None)
            if task is None:
                return False
            if id(task.families) not in shared:
                shared[id(task.families)] = (task.families, client.scatter(
                    _unfitted(task.families, {}), broadcast=True))
            future = client.submit(_chunk, task.texts, shared[id(task.families)][1], engine,
                                   pure=False)
            owner[future.key] = task
            running.add(future)
            return True

        more = True
        while more and running.count() < ahead:
            more = submit()
        for future in running:
            task = owner.pop(future.key)
            try:
                values = future.result()
            except Exception as exc:
                raise _failed(task, exc) from exc
            yield task.key, values
            if more:
                more = submit()


def run(corpus: pd.DataFrame, families: dict[str, FeatureFamily], engine: str,
        workers: int = 1, scheduler: str | None = None, progress: bool | None = None
        ) -> np.ndarray:
    """The families' values for every article of `corpus`, on one core, `workers` worker
    processes, or the Dask cluster at `scheduler` (:func:`results`); the same array
    whichever (:func:`processes_for` decides whether a pool is worth starting)."""
    columns = [c for c in ("doc_id", *INPUT_COLUMNS) if c in corpus.columns]
    texts = corpus[columns]
    workers = processes_for(len(corpus), workers)
    out = np.empty((len(corpus), max((s.stop for s in widths(families).values()), default=0)))
    tasks = (Task(start, texts.iloc[start:start + CHUNK], families, start,
                  min(start + CHUNK, len(corpus)) - 1) for start in range(0, len(corpus), CHUNK))
    with tqdm(total=len(corpus), desc=f"features ({', '.join(families)})", unit=" articles",
              disable=None if progress is None else not progress) as bar:
        for start, values in results(tasks, engine, workers, scheduler):
            out[start:start + len(values)] = values
            bar.update(len(values))
    return out
