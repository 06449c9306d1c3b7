import subprocess
import sys

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
