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
