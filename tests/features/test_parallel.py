"""All cores and a Dask cluster give the one-core values, bit for bit, on real texts.

(The whole corpus on two workers is checked by test_engines.py: `make features` runs the
pass on every core, and its output is compared with the reference there.)
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest

from analysis.features import parallel
from analysis.features.framing import ContestedTerms
from analysis.features.pipeline import FAMILIES, bit_differences, compute_features, make_family

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(processed):
    """5,000 real articles of every language and level, in a fixed random order."""
    return processed[0].sample(5_000, random_state=7).reset_index(drop=True)


@pytest.fixture(scope="module")
def families():
    return {prefix: make_family(prefix) for prefix in FAMILIES}


@pytest.fixture(scope="module")
def one_core(sample, families):
    return compute_features(sample, families, progress=False)


def test_two_workers_give_the_one_core_values(sample, families, one_core):
    two = compute_features(sample, families, progress=False, workers=2)
    assert list(two["doc_id"]) == list(one_core["doc_id"])
    assert bit_differences(two.drop(columns="doc_id"), one_core.drop(columns="doc_id")) == {}


def test_a_dask_cluster_gives_the_one_core_values(sample, families, one_core, processed):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        on_dask = compute_features(sample, families, progress=False,
                                   scheduler=cluster.scheduler_address)
        assert bit_differences(on_dask.drop(columns="doc_id"),
                            one_core.drop(columns="doc_id")) == {}
        # the whole corpus, for the family cheapest to compute
        corpus = processed[0].reset_index(drop=True)
        term = {"term": families["term"]}
        whole = compute_features(corpus, term, progress=False,
                                 scheduler=cluster.scheduler_address)
    alone = compute_features(corpus, term, progress=False)
    assert bit_differences(whole.drop(columns="doc_id"), alone.drop(columns="doc_id")) == {}


class Failing(ContestedTerms):
    """A family that fails on one text (the test of the error message)."""

    def _transform_columnar(self, batch):
        if any(doc.text == "boom" for doc in batch.docs):
            raise ValueError("cannot read this text")
        return super()._transform_columnar(batch)


@pytest.mark.parametrize("row", [0, parallel.BATCH, 2 * parallel.BATCH])
def test_a_failing_chunk_is_named_by_its_rows_and_doc_ids(row):
    """A failure is named alike in this process and in a worker of the pool (with a
    forked pool, the first chunk is computed here and the others on the pool; with a
    spawned one, all three go to the pool)."""
    texts = ["A quiet day."] * (2 * parallel.BATCH + 1)
    texts[row] = "boom"
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts,
                           "language": "en", "text_level": "lede"})
    last = min(row + parallel.CHUNK, len(texts)) - 1
    with pytest.raises(RuntimeError, match=rf"features of rows {row}–{last} \(doc_id "
                       rf"'d{row}' … 'd{last}'\) failed: ValueError: cannot read this text"):
        compute_features(corpus, {"term": Failing().fit()}, progress=False, workers=2)


#: the process that imported this module (the test process; a forked worker inherits it)
_TEST_PROCESS = os.getpid()


class FitsOnlyInTheTestProcess(ContestedTerms):
    """A family that refuses to be fitted in any other process than the test's."""

    def fit(self, X=None, y=None):
        if os.getpid() != _TEST_PROCESS:
            raise RuntimeError("fitted again in a worker")
        return super().fit(X, y)


def _three_chunks() -> pd.DataFrame:
    texts = ["War began at dawn.", "Peace talks resumed.", "A quiet day."]
    n = 2 * parallel.CHUNK + 5
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)],
                         "text": [f"{texts[i % 3]} Item {i}." for i in range(n)],
                         "language": "en", "text_level": "lede"})


@pytest.mark.skipif(parallel.start_method() != "fork", reason="the pool is spawned here")
def test_a_forked_worker_starts_with_the_families_this_process_fitted():
    """A forked worker takes the families this process fitted (and what they built on
    the first chunk) as its own: it fits nothing, and its values are this process's."""
    corpus = _three_chunks()
    family = {"term": FitsOnlyInTheTestProcess().fit()}
    alone = compute_features(corpus, family, progress=False)
    two = compute_features(corpus, family, progress=False, workers=2)
    assert bit_differences(two.drop(columns="doc_id"), alone.drop(columns="doc_id")) == {}


class SlowInTheWorkers(ContestedTerms):
    """A family that takes a second per chunk in a worker (far longer than this process
    takes for three chunks, even on a busy machine) and no time here, and writes the
    process that computed a row in its first column."""

    def _transform_columnar(self, batch):
        if os.getpid() != _TEST_PROCESS:
            time.sleep(1.0)
        values = super()._transform_columnar(batch)
        values[:, 0] = os.getpid()
        return values


@pytest.mark.skipif(parallel.start_method() != "fork", reason="the pool is spawned here")
def test_this_process_takes_back_the_queued_tasks_no_worker_has_begun():
    """Out of tasks of its own, this process runs those it queued on the pool that no
    worker has begun, rather than wait for the pool to work through them; the values are
    the same. (Eight chunks: the first here, the next four queued on the pool, whose one
    worker is still on the first of them when this process has run the last three.)"""
    n = 8 * parallel.CHUNK
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)],
                           "text": [f"Peace talks {i} resumed." for i in range(n)],
                           "language": "en", "text_level": "lede"})
    family = {"term": SlowInTheWorkers().fit()}
    alone = compute_features(corpus, family, progress=False)
    two = compute_features(corpus, family, progress=False, workers=2)
    where = two.iloc[::parallel.CHUNK, 1].to_numpy()  # the process of each chunk
    assert (where[[0, 5, 6, 7]] == _TEST_PROCESS).all()
    assert (where[1:5] == _TEST_PROCESS).any()  # taken back
    assert (where[1:5] != _TEST_PROCESS).any()  # run by the worker
    assert bit_differences(two.drop(columns="doc_id").iloc[:, 1:],
                           alone.drop(columns="doc_id").iloc[:, 1:]) == {}


def test_a_spawned_pool_gives_the_one_core_values(monkeypatch):
    """The start method used off Linux: each worker imports the package and fits the
    families itself, with the same values."""
    monkeypatch.setattr(parallel, "start_method", lambda: "spawn")
    corpus = _three_chunks()
    family = {"term": make_family("term")}
    alone = compute_features(corpus, family, progress=False)
    two = compute_features(corpus, family, progress=False, workers=2)
    assert bit_differences(two.drop(columns="doc_id"), alone.drop(columns="doc_id")) == {}


@pytest.mark.skipif(parallel.start_method() != "fork" or sys.version_info < (3, 12),
                    reason="Python warns on a fork of a process with threads from 3.12 on")
def test_forking_the_pool_does_not_warn_of_the_threads_of_this_process():
    """Python's warning on forking a process with threads is answered for the pool
    (:func:`parallel.start_method`), so it is silenced there, and only there."""
    import threading
    import warnings

    idle = threading.Event()
    thread = threading.Thread(target=idle.wait)  # (a thread that is surely there)
    thread.start()
    try:
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            compute_features(_three_chunks(), {"term": make_family("term")},
                             progress=False, workers=2)
    finally:
        idle.set()
        thread.join()
    assert not [w for w in seen if "fork" in str(w.message)]


def test_linux_forks_the_pool_and_other_systems_spawn_it(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    assert parallel.start_method() == "fork"
    for other in ("darwin", "win32"):
        monkeypatch.setattr(sys, "platform", other)
        assert parallel.start_method() == "spawn"


def test_small_corpora_stay_in_this_process(monkeypatch):
    """No pool for one chunk or less: a pool would cost its start-up only."""
    def refuse(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["War.", "Peace talks."],
                           "language": "en", "text_level": "lede"})
    out = compute_features(corpus, {"term": make_family("term")}, progress=False, workers=4)
    assert len(out) == 2 and np.isfinite(out.drop(columns="doc_id").to_numpy()).all()


def test_a_pool_worker_freezes_what_it_built_after_its_first_task(monkeypatch):
    """After its first chunk a worker of the pool moves what it built out of the garbage
    collector's sight, once (its later collections and its exit then skip the lexicons
    and tables); a Dask worker's task (``_chunk``) leaves the collector alone."""
    import gc

    monkeypatch.setattr(parallel, "_FROZEN", [])
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(gc.get_count()))
    texts = pd.DataFrame({"text": ["War began.", "Peace talks."], "language": "en",
                          "text_level": "lede"})
    families = {"term": make_family("term")}
    on_dask = parallel._chunk(texts, families, "columnar")
    assert not frozen
    first = parallel._pool_chunk(texts, families, "columnar")
    assert len(frozen) == 1
    second = parallel._pool_chunk(texts, families, "columnar")
    assert len(frozen) == 1
    assert not bit_differences(pd.DataFrame(first), pd.DataFrame(second))
    assert not bit_differences(pd.DataFrame(on_dask), pd.DataFrame(first))


def test_a_worker_sets_the_heap_thresholds_once_before_its_first_task(monkeypatch):
    """A worker's task (of the pool or of a Dask cluster) makes its process's heap steady
    (:func:`parallel.steady_heap`) before the first chunk, and not again."""
    monkeypatch.setattr(parallel, "_STEADY", [])
    calls = []
    monkeypatch.setattr(parallel, "steady_heap", lambda: calls.append(1) or True)
    texts = pd.DataFrame({"text": ["War began."], "language": "en", "text_level": "lede"})
    families = {"term": make_family("term")}
    parallel._chunk(texts, families, "columnar")
    parallel._chunk(texts, families, "columnar")
    assert calls == [1]


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="glibc's malloc only")
def test_a_steady_heap_reuses_freed_arrays_under_dasks_trim_setting():
    """Under Dask's ``MALLOC_TRIM_THRESHOLD_=65536`` every 1 MiB array is a new mapping,
    each of its 256 pages faulted in when written; after :func:`parallel.steady_heap`
    the freed block is reused, so the same loop faults fewer pages than one array has
    (counted by the kernel, not timed; arrays of 4 MiB and more would be on huge pages,
    which numpy asks for)."""
    code = """if True:
        import resource
        import numpy as np
        from analysis.features.parallel import steady_heap

        def faults():
            before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            for _ in range(20):
                block = np.empty(1 << 20, np.uint8)
                block[:] = 1
                del block
            return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

        faults()
        print(faults(), steady_heap(), faults(), faults())
    """
    env = {**os.environ, "MALLOC_TRIM_THRESHOLD_": "65536"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env).stdout.split()
    before, applied, _, after = int(out[0]), out[1], int(out[2]), int(out[3])
    assert applied == "True"
    assert before >= 20 * 256  # a new mapping each time: every page faulted
    assert after < 256  # one block, reused: not even one array's pages


def test_the_pass_freezes_what_this_process_holds_after_its_first_task_until_its_last():
    """After the first task the objects this process holds are frozen (``gc.freeze``),
    and given back to the collector when the pass ends, or when it is left early; a
    process that froze objects itself is left as it is."""
    import gc

    texts = pd.DataFrame({"text": ["War began.", "Peace talks.", "A truce."],
                          "language": "en", "text_level": "lede"})
    families = {"term": make_family("term")}

    def counts() -> list[int]:
        tasks = (parallel.Task(k, texts.iloc[k:k + 1], families, k, k) for k in range(3))
        return [gc.get_freeze_count() for _ in parallel.results(tasks, "columnar")]

    gc.unfreeze()
    seen = counts()
    assert seen[0] == 0 and seen[1] > 0 and seen[2] == seen[1]
    assert gc.get_freeze_count() == 0
    tasks = (parallel.Task(k, texts.iloc[k:k + 1], families, k, k) for k in range(3))
    left = parallel.results(tasks, "columnar")
    next(left), next(left)
    assert gc.get_freeze_count() > 0
    left.close()
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:  # (the count may fall: a frozen object is still freed when nothing refers to it)
        assert min(counts()) > 0 and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
