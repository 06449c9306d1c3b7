import subprocess
import sys

import pandas as pd
import pytest


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_child_reports_its_own_peak_memory_not_its_parents():
    # getrusage's ru_maxrss would report at least the 400 MiB this process holds when it
    # starts the child (inherited across fork and exec); the child itself holds ~100 MiB
    held = bytearray(400 * 1024 * 1024)
    held[::4096] = b"\x01" * len(held[::4096])  # touch every page
    code = ("import resource; from analysis.bench import _peak_rss_mb; "
            "print(_peak_rss_mb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    own, inherited = float(out[0]), float(out[1])
    assert inherited >= 400  # the trap the benchmark avoids
    assert own < 300
    del held


def test_the_ingest_benchmark_csv_holds_distinct_articles(tmp_path, processed):
    from analysis.bench import _write_ingest_csv

    path = tmp_path / "big.csv"
    _write_ingest_csv(path, 30_000)  # more rows than the corpus has articles: it cycles
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert len(rows) == 30_000
    assert rows["title"].is_unique
    urls = rows.loc[rows["url"] != "", "url"]
    assert urls.is_unique and len(urls) > 25_000


def test_timed_cpu_is_the_functions_own_not_the_collection_before_it():
    """:func:`bench._timed` gives the CPU seconds of `fn` alone: a full collection of many
    objects made before the timer starts is in neither number, a sleep is wall time and
    no CPU, and the collector is on again afterwards."""
    import gc
    import time

    from analysis import bench

    garbage = [[i] for i in range(2_000_000)]  # a full collection walks these
    start = time.process_time()
    gc.collect()
    collection = time.process_time() - start
    wall, cpu = bench._timed(lambda: time.sleep(0.2))
    del garbage
    assert collection > 0.05
    assert wall >= 0.2 and cpu < 0.05
    assert gc.isenabled()


def test_the_pass_without_target_polarity_differs_only_in_those_columns(processed):
    """The bench's diagnostic of what target polarity costs: inside the block every
    mention's polarity is 0 and nothing else changes; after it, the model is back."""
    from analysis.bench import _target_polarity_skipped
    from analysis.features.pipeline import bit_differences, compute_features, make_family

    english = processed[0].query("language == 'en'").head(400)
    before = compute_features(english, {"sent": make_family("sent")}, progress=False)
    with _target_polarity_skipped():
        skipped = compute_features(english, {"sent": make_family("sent")}, progress=False)
    after = compute_features(english, {"sent": make_family("sent")}, progress=False)
    target = [c for c in before.columns if c.endswith("_target")]
    computed = before[target].to_numpy()
    assert (computed[~pd.isna(computed)] != 0).any()  # the model answers -1 or 1 somewhere
    zeroed = skipped[target].to_numpy()
    assert (pd.isna(zeroed) == pd.isna(computed)).all()
    assert (zeroed[~pd.isna(zeroed)] == 0).all()
    rest = [c for c in before.columns if c not in target and c != "doc_id"]
    assert bit_differences(skipped[rest], before[rest]) == {}
    assert bit_differences(after.drop(columns="doc_id"), before.drop(columns="doc_id")) == {}


def test_a_warmed_cluster_worker_keeps_no_fitted_families_for_the_pass(processed, monkeypatch):
    """The bench's warm Dask workers have loaded the package and its kernels, but the
    timed pass fits its own families and learns its types afresh: the warm-up leaves
    nothing in the per-process store of fitted families a worker's tasks draw on."""
    from analysis import bench
    from analysis.features import parallel
    from analysis.features.pipeline import make_family

    monkeypatch.setattr(parallel, "_FITTED", {})
    bench._warm_up_worker()
    assert parallel._FITTED == {}
    texts = processed[0].head(3)[parallel.INPUT_COLUMNS]
    parallel._chunk(texts, {"term": make_family("term")}, "columnar")
    assert len(parallel._FITTED) == 1  # (the store watched is the one a task fills)
