from __future__ import annotations

import pytest

HEADER = ("# lexicon: test\n# version: 0.1 (test)\n# source: hand-made fixture\n"
          "# columns: see test\n# matching: prefix-phrase\n")


@pytest.fixture
def lexicon_dir(tmp_path):
    """A tiny lexicon folder written by hand for the tests."""
    (tmp_path / "actors.csv").write_text(HEADER + (
        "actor,alias,language,whole_word,note\n"
        "russia,Russia,en,false,\nrussia,Kremlin,en,false,\n"
        "belarus,Belarus,en,false,\nbelarus,Lukashenk,en,false,\n"
        "belarus,Białoru,pl,false,\n"), encoding="utf-8")
    (tmp_path / "contested_terms.csv").write_text(HEADER + (
        "concept,variant,pattern,language,whole_word,note\n"
        "war_naming,invasion,invasion,en,false,\nwar_naming,war,war,en,true,\n"
        "war_naming,war,wojn,pl,false,\n"), encoding="utf-8")
    return tmp_path
