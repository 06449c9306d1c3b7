"""Giving glibc's free heap back to the system (:mod:`analysis._heap`)."""

import platform
import subprocess
import sys

import pytest

from analysis._heap import give_back, libc

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"


@pytest.mark.skipif(not GLIBC, reason="glibc's malloc only")
def test_give_back_returns_freed_blocks_from_inside_the_heap():
    """200 MB of 1 kB blocks (malloc's heap, not mappings of their own) freed under one
    block still in use at the heap's top stay resident: free() cannot shrink the heap
    past that block. :func:`give_back` returns their pages (resident size read from the
    kernel, in a fresh process)."""
    code = """if True:
        import os
        from analysis._heap import give_back

        def resident_mb():
            with open("/proc/self/statm") as fh:
                return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

        start = resident_mb()
        blocks = [bytes(1000) for _ in range(200_000)]
        top = bytes(1000)
        held = resident_mb()
        del blocks
        freed = resident_mb()
        print(start, held, freed, give_back(), resident_mb())
    """
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    start, held, freed, gave, after = (float(out[0]), float(out[1]), float(out[2]), out[3],
                                       float(out[4]))
    assert held - start > 180
    assert freed - start > 150  # free() alone kept them
    assert gave == "True"
    assert after - start < 30


def test_elsewhere_there_is_nothing_to_give_back(monkeypatch):
    """Without glibc, :func:`give_back` does nothing and says so."""
    libc.cache_clear()
    monkeypatch.setattr(platform, "libc_ver", lambda: ("musl", ""))
    try:
        assert libc() is None
        assert give_back() is False
    finally:
        libc.cache_clear()
