"""CITATION.cff is valid CFF 1.2.0, checked against the official JSON schema."""

import importlib.util
import json
from pathlib import Path

import jsonschema
import yaml

from tests.conftest import ROOT


def _schema() -> dict:
    # cffconvert ships the Citation File Format's own 1.2.0 schema; read the file without
    # importing the package (whose CLI dependencies are not installed).
    spec = importlib.util.find_spec("cffconvert")
    assert spec is not None and spec.submodule_search_locations
    path = Path(next(iter(spec.submodule_search_locations))) / "schemas" / "1.2.0" / "schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_citation_cff_is_valid_cff_1_2_0():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    jsonschema.validate(citation, _schema())


def test_schema_check_catches_an_invalid_file():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    del citation["authors"]
    validator = jsonschema.Draft7Validator(_schema())
    assert any("authors" in e.message for e in validator.iter_errors(citation))
