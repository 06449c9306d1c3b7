"""Atomic file writes: an interrupted build never leaves a truncated output.

A write goes to a hidden temporary file beside its target (``.NAME.xxxxxxxx.tmp``) that is
renamed into place when complete. A process killed outright (SIGKILL, power loss) cannot
remove its temporary file, so every write first removes the temporaries in its folder
that are older than :data:`STALE_SECONDS` (a live writer's temporary is younger: it is
being written to, or is renamed at once).
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["STALE_SECONDS", "atomic_write", "sweep_stale_temporaries"]

#: Age (seconds since last modified) over which a leftover temporary file is removed.
STALE_SECONDS = 600
# mkstemp's names: prefix, eight characters of its alphabet, suffix.
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")

_UMASK = os.umask(0)
os.umask(_UMASK)


def sweep_stale_temporaries(folder: Path, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove the temporaries :func:`atomic_write` left in `folder` (not below it) when
    its process was killed, if not modified for `older_than` seconds; return them.

    Only regular files named as :func:`atomic_write` names them are touched. A folder
    that does not exist or cannot be listed is left alone.
    """
    removed: list[Path] = []
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _TEMPORARY.fullmatch(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(
                    follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:  # gone already (another build swept it), or not ours to remove
            continue
    return removed


def atomic_write(path: Path, write: Callable[[str], None]) -> None:
    """Call ``write(tmp)`` on a temporary file beside `path`, then rename it into place.

    Stale temporaries of killed writes in the folder are removed first
    (:func:`sweep_stale_temporaries`). The file gets the usual permissions (0666 less the
    umask), not mkstemp's private 0600.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale_temporaries(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
