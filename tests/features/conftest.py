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
    (tmp_path / "generic_frames.csv").write_text(HEADER + (
        "frame,cue,language,whole_word,note\n"
        "conflict,accus,en,false,\nconflict,clash,en,false,\nconflict,oskarż,pl,false,\n"
        "economic,sanction,en,false,\neconomic,cost,en,true,\n"), encoding="utf-8")
    (tmp_path / "policy_frames.csv").write_text(HEADER + (
        "frame,cue,language,whole_word,note\n"
        "security_defense,troops,en,true,\nsecurity_defense,drill,en,false,\n"
        "legality,court,en,false,\n"), encoding="utf-8")
    (tmp_path / "sources.csv").write_text(HEADER + (
        "source_type,cue,language,whole_word,note\n"
        "official_ru_by,Khrenin,en,false,\nofficial_ru_by,Defense Minister,en,false,\n"
        "official_ru_by,ministry,en,false,\nanonymous,official who,en,false,\n"
        "expert,analyst,en,false,\n"), encoding="utf-8")
    (tmp_path / "reporting_verbs.csv").write_text(HEADER + (
        "class,verb,language,whole_word,note\n"
        "neutral,said,en,true,\nneutral,added,en,true,\nneutral,told,en,true,\n"
        "evaluative,claimed,en,true,\nevaluative,accused,en,true,\n"
        "neutral,powiedział,pl,true,\n"), encoding="utf-8")
    (tmp_path / "hedges.csv").write_text(HEADER + (
        "type,cue,language,whole_word,note\n"
        "evidential,reportedly,en,false,\nevidential,allegedly,en,false,\n"
        "evidential,without providing evidence,en,false,\nhedge,may,en,true,\n"
        "booster,clearly,en,false,\n"), encoding="utf-8")
    (tmp_path / "non_names.csv").write_text(HEADER + (
        "kind,word,language,whole_word,note\n"
        "article,The,en,true,\npronoun,He,en,true,\ntime_word,Tuesday,en,true,\n"
        "function_word,Us,en,true,\nfunction_word,And,en,true,\nauxiliary,Has,en,true,\n"
        "pronoun,Ja,pl,true,\n"
        "preposition,W,pl,true,\nfunction_word,Jak,pl,true,\nfunction_word,Tym,pl,true,\n"
        ), encoding="utf-8")
    return tmp_path
