"""The columnar engine against the pure-Python reference pass, on the whole real corpus.

Both engines must give the same value for every article and every column, bit for bit
(NaN where the other has NaN; otherwise the same 64-bit pattern, so -0.0 and 0.0 differ).
The features that `make features` wrote (columnar engine, on every core) are checked
against the reference too: they are what every table and figure reads.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.features._base import FeatureFamily
from analysis.features.pipeline import (
    FAMILIES,
    bit_differences,
    compute_features,
    make_family,
)
from tests.conftest import PROCESSED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(processed):
    return processed[0].reset_index(drop=True)


@pytest.fixture(scope="module")
def families():
    return {prefix: make_family(prefix) for prefix in FAMILIES}


@pytest.fixture(scope="module")
def reference(corpus, families):
    return compute_features(corpus, families, progress=False, engine="python")


def _own_engine(family) -> bool:
    """Whether a family has a columnar engine of its own (else it runs the reference)."""
    return type(family)._transform_columnar is not FeatureFamily._transform_columnar


@pytest.mark.parametrize("prefix", list(FAMILIES))
def test_columnar_engine_is_identical_to_the_reference(prefix, corpus, families, reference):
    if not _own_engine(families[prefix]):
        pytest.skip(f"{prefix}__ has no columnar engine of its own: it runs the reference")
    columnar = compute_features(corpus, {prefix: families[prefix]}, progress=False,
                                engine="columnar")
    names = list(families[prefix].get_feature_names_out())
    assert list(columnar["doc_id"]) == list(reference["doc_id"])
    assert bit_differences(columnar[names], reference[names]) == {}


def test_built_features_are_the_reference_values(corpus, reference):
    built = pd.read_parquet(PROCESSED / "features.parquet").set_index("doc_id")
    built = built.loc[reference["doc_id"]].reset_index()
    names = [c for c in reference.columns if c != "doc_id"]
    assert bit_differences(built[names], reference[names]) == {}


def test_the_comparison_sees_one_bit():
    """The check itself can fail: one ulp apart, -0.0 against 0.0, NaN against a number."""
    a = pd.DataFrame({"x": [1.0, 0.0, np.nan, 2.0]})
    b = pd.DataFrame({"x": [np.nextafter(1.0, 2.0), -0.0, 0.5, 2.0]})
    assert bit_differences(a, b) == {"x": 3}
    assert bit_differences(a, a.copy()) == {}
