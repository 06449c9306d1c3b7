"""The raw inputs are the files obtained, byte for byte (hashes pinned in data/README.md)."""

import gzip
import hashlib
import re

import pytest

from tests.conftest import DATA

PINNED = dict(re.findall(r"\| `(raw/[^`]+)` \| [^|]+ \| `([0-9a-f]{64})` \|",
                         (DATA / "README.md").read_text(encoding="utf-8")))
PINNED |= {f"validation/{name}": digest for name, digest in re.findall(
    r"\| `([^`]+\.gz)` \| [^|]+ \| `([0-9a-f]{64})` \|",
    (DATA / "validation" / "README.md").read_text(encoding="utf-8"))}


def test_every_raw_input_is_pinned():
    files = {p.relative_to(DATA).as_posix() for p in (DATA / "raw").rglob("*")
             if p.is_file() and not p.name.endswith(".md") and p.name != "LICENSE"}
    files |= {p.relative_to(DATA).as_posix() for p in (DATA / "validation").rglob("*.gz")}
    assert files == set(PINNED)


@pytest.mark.parametrize("name", sorted(PINNED))
def test_raw_input_matches_its_pinned_hash(name):
    data = (DATA / name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    assert hashlib.sha256(data).hexdigest() == PINNED[name]
