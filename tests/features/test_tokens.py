"""The columnar engine's scanning tools: character tables and the type table."""

import re

import numpy as np
import pytest

from analysis.features._tokens import TypeTable, character_table, code_points


@pytest.mark.parametrize("kept", [False, True], ids=["made", "loaded"])
def test_character_tables_are_the_string_methods_classes(kept, tmp_path, monkeypatch):
    """``\\w`` is a letter or digit (``str.isalnum``) or the underscore, ``\\s`` is
    ``str.isspace``: the tables, built by the regular-expression engine, agree with the
    string methods on every code point, as made and as a later process loads them."""
    from analysis.features import _stored

    monkeypatch.setattr(_stored, "STORE", tmp_path)
    table = character_table.__wrapped__
    if kept:  # made and saved by an earlier process
        for pattern in (r"\w", r"\s", r"[^\W_]"):
            table(pattern)
        table("i", re.IGNORECASE)
        assert len(list(tmp_path.glob("character_table-*.pickle"))) == 4
    characters = [chr(c) for c in range(0x110000)]
    word = np.array([c.isalnum() or c == "_" for c in characters])
    space = np.array([c.isspace() for c in characters])
    assert np.array_equal(table(r"\w"), word)
    assert np.array_equal(table(r"\s"), space)
    assert np.array_equal(table(r"[^\W_]"), word & (np.arange(0x110000) != ord("_")))
    assert "".join(chr(c) for c in np.flatnonzero(table("i", re.IGNORECASE))) == "Iiİı"


@pytest.mark.parametrize("pattern", ["\\x00", "[^a]", "ab", "a?"])
def test_a_pattern_that_is_not_one_character_is_refused(pattern):
    with pytest.raises(ValueError, match=r"NUL|one character"):
        character_table(pattern)


def test_type_ids_of_given_spans_share_the_table_and_grow_it():
    table = TypeTable()
    table.tokenise(["to be"])
    text = "be or to be"
    tids, new = table.ids(code_points(text), np.array([0, 3, 6, 9]), np.array([2, 5, 8, 11]))
    assert tids.tolist() == [1, 2, 0, 1] and new == ["or"]
    # past the table's first sizes (65,536 slots, 32,768 types): every span its own type,
    # each found again later
    words = [f"w{k}" for k in range(70000)]
    text = " ".join(words + words[:5])
    starts = np.array([m.start() for m in re.finditer(r"\S+", text)])
    ends = np.array([m.end() for m in re.finditer(r"\S+", text)])
    tids, new = table.ids(code_points(text), starts, ends)
    assert new == words
    assert tids.tolist() == list(range(3, 70003)) + list(range(3, 8))
    assert len(table) == 70003


def test_touching_spans_are_tokenised_apart_as_str_split_splits_each():
    """Texts given as spans of one array of code points, end to end with nothing between
    them (one-character texts: more tokens than half the characters) and random pieces of
    a text of every white space, are split as ``str.split`` splits each."""
    table = TypeTable()
    tids, offsets, new = table.tokenise_spans(code_points("abc"), np.array([0, 1, 2]),
                                              np.array([1, 2, 3]))
    assert (tids.tolist(), offsets.tolist(), new) == ([0, 1, 2], [0, 1, 2, 3], ["a", "b", "c"])
    rng = np.random.default_rng(3)
    alphabet = list("ab!x") + [chr(c) for c in range(0x3001) if chr(c).isspace()]
    text = "".join(rng.choice(alphabet, 2000))
    starts = rng.integers(0, len(text), 300)
    ends = np.minimum(starts + rng.integers(0, 30, 300), len(text))
    tids, offsets, _ = table.tokenise_spans(code_points(text), starts, ends)
    codes, type_starts, type_ends = table.spans()
    words = [table.type_text(t) for t in tids.tolist()]
    pieces = [text[a:b] for a, b in zip(starts.tolist(), ends.tolist(), strict=True)]
    bounds = offsets.tolist()
    assert [words[bounds[j]:bounds[j + 1]] for j in range(len(pieces))] == \
        [p.split() for p in pieces]
    assert len(type_starts) == len(table) and "".join(
        codes[a:b].tobytes().decode("utf-32-le") for a, b in zip(type_starts, type_ends,
                                                                  strict=True)) == \
        "".join(table.type_text(t) for t in range(len(table)))


def test_pieces_split_as_str_split_splits_the_text_they_make():
    """Random pieces of a text of every kind of white space: each piece's tokens are
    ``str.split``'s of it, and pieces joined by a space split into their tokens in order."""
    from analysis.features._tokens import space_tokens

    rng = np.random.default_rng(7)
    alphabet = list("ab!’😀İ") + [chr(c) for c in range(0x3001) if chr(c).isspace()]
    text = "".join(rng.choice(alphabet, 3000))
    starts = rng.integers(0, len(text), 400)
    ends = starts + rng.integers(-3, 40, 400)  # some empty, some past the text's end
    a, b, counts = space_tokens(code_points(text), starts, np.minimum(ends, len(text)))
    tokens = [text[x:y] for x, y in zip(a.tolist(), b.tolist(), strict=True)]
    pieces = [text[x:y] for x, y in zip(starts.tolist(), ends.tolist(), strict=True)]
    assert counts.tolist() == [len(p.split()) for p in pieces]
    assert tokens == " ".join(pieces).split()


@pytest.mark.parametrize("small", [False, True], ids=["roomy", "growing"])
def test_pieces_cut_from_the_texts_tokens_split_as_str_split_splits_them(small):
    """Random pieces of a text of every kind of white space, some empty or reversed: the
    type ids of the text's tokens cut to each piece are those of ``str.split``'s tokens of
    the piece, one id per distinct token, new types named in the order first seen (the
    text's own tokens, then the cut ones); also where the table starts too small and
    grows between pieces (`small`)."""
    from analysis.features._tokens import space_tokens

    rng = np.random.default_rng(11)
    alphabet = list("ab!’😀İ") + [chr(c) for c in range(0x3001) if chr(c).isspace()]
    text = "".join(rng.choice(alphabet, 3000))
    starts = rng.integers(0, len(text), 400)
    ends = np.minimum(starts + rng.integers(-3, 40, 400), len(text))
    codes = code_points(text)
    token_starts, token_ends, _ = space_tokens(codes, np.array([0]), np.array([len(text)]))
    table = TypeTable()
    if small:
        table._slots = np.full((2, 4), -1, np.int64)
        table._chars = np.zeros(1, np.uint32)
        table._start, table._length = np.zeros(1, np.int64), np.zeros(1, np.int64)
    table.tokenise(["a"])  # a type known before
    tids, counts, new = table.piece_ids(codes, token_starts, token_ends, starts, ends)
    pieces = [text[x:y] for x, y in zip(starts.tolist(), ends.tolist(), strict=True)]
    tokens = " ".join(pieces).split()
    assert counts.tolist() == [len(p.split()) for p in pieces]
    assert [table.type_text(t) for t in tids.tolist()] == tokens
    assert len(set(tids.tolist())) == len(set(tokens))
    whole = text.split()
    assert new == [t for t in dict.fromkeys(whole + tokens) if t != "a"]
    assert len(table) == len(new) + 1 and set(tokens) - set(whole)


def test_the_trie_holds_each_prefix_once_and_leads_to_each_form():
    # random forms over a small alphabet (many shared prefixes, forms that prefix others,
    # characters past the BMP): one node per distinct prefix, each node's children in
    # order of character, and each form's node reached from the root by its characters
    from analysis.features._tokens import trie_arrays

    rng = np.random.default_rng(1)
    alphabet = [*"ab ż", "\U0001f600"]
    forms = sorted({"".join(rng.choice(alphabet, rng.integers(1, 7))) for _ in range(300)})
    first, size, char, child, ends = trie_arrays(forms)
    prefixes = {f[:k] for f in forms for k in range(1, len(f) + 1)}
    assert len(size) == len(prefixes) + 1 == len(char) + 1
    for v in range(len(size)):
        kids = char[first[v]:first[v] + size[v]]
        assert (np.diff(kids) > 0).all()
    for form, node in zip(forms, ends.tolist(), strict=True):
        v = 0
        for c in map(ord, form):
            k = first[v] + np.flatnonzero(char[first[v]:first[v] + size[v]] == c)
            assert len(k) == 1
            v = child[k[0]]
        assert v == node
