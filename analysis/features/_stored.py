"""What one process computes once and later processes load: each worker of the feature
pass (and each run of a small study) would otherwise pay it at start-up.

A value is kept as a pickle in the package's ``__pycache__`` (beside numba's cached
kernels), named by what it is and by a key of everything it depends on; a value kept
under another key is removed when the new one is saved. Where the folder cannot be
written (a read-only installation) the value is computed in each process; a file that
cannot be read is computed again. Used for the target-polarity classifier
(``target.target_model``), the character tables of the kernels
(``_tokens.character_table``), the CMU dictionary's syllable counts
(``lexical._cmudict``) and the hyphenation patterns' trie
(``lexical._hyphenation_trie``).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .._atomic import atomic_write

__all__ = ["STORE", "digest", "stored"]

#: where the values are kept
STORE = Path(__file__).parent / "__pycache__"

T = TypeVar("T")


def digest(*parts: str | bytes) -> str:
    """A short key of `parts` (SHA-256, 16 hex digits).

    Examples
    --------
    >>> digest("a", b"b") == digest("a", "b") != digest("ab")
    True
    """
    out = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        out.update(len(data).to_bytes(8, "little") + data)
    return out.hexdigest()[:16]


def stored(name: str, key: str, make: Callable[[], T], folder: Path | None = None) -> T:
    """The value ``make()`` gives, loaded from ``folder/NAME.KEY.pickle`` if an earlier
    process saved it there (`folder`: :data:`STORE`), else made and saved (other keys'
    files of `name` removed)."""
    folder = STORE if folder is None else folder
    path = folder / f"{name}.{key}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            ValueError, TypeError):
        pass  # not saved yet (or unreadable): make it
    value = make()
    try:
        folder.mkdir(exist_ok=True)
        for old in folder.glob(f"{name}.*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # made from other code or data
        atomic_write(path, lambda tmp: Path(tmp).write_bytes(pickle.dumps(value)))
    except OSError:
        pass  # a read-only installation: made again next time
    return value
