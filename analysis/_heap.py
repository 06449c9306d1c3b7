"""The C heap of this process, where it is glibc's (Linux); elsewhere these do nothing.

Memory freed by C and Rust code (pyarrow, lingua) and by Python's large objects goes back
to glibc's heap, which keeps much of it for reuse rather than giving it back to the system:
the process's resident size then counts it. :func:`give_back` returns what the heap holds
free (``malloc_trim(0)``, glibc 2.8 and later: free pages anywhere in the heap, not only at
its top; malloc_trim(3)). Ingest calls it after each chunk: lingua frees much of what it
allocates while its two detection threads load its n-gram models (30 to 50 MB given back
after the first 4,000 texts), and 200,000 CSV rows peaked at 590 MB, against 485 MB giving
that and each chunk's freed frames back (``make bench``'s ingest row).
"""

from __future__ import annotations

import ctypes
import platform
import sys
from functools import cache

__all__ = ["give_back", "libc"]


@cache
def libc() -> ctypes.CDLL | None:
    """glibc, when this process runs on it; else None."""
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return None
    return ctypes.CDLL(None)


def give_back() -> bool:
    """Give the free memory of glibc's heap back to the system; whether any was."""
    c = libc()
    return bool(c is not None and c.malloc_trim(0))
