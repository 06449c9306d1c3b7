import pandas as pd
import pytest

from analysis.features import pipeline
from analysis.features.lexical import LexicalStyle


@pytest.fixture
def corpus():
    return pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": ["Minsk said the drills would last a week. Kyiv said nothing.",
                 "Russian troops arrive in Belarus under new deal",
                 "Rosja i Białoruś ogłosiły ćwiczenia. Potrwają tydzień."],
        "language": ["en", "en", "pl"],
        "text_level": ["lede", "headline", "lede"],
    })


@pytest.fixture(autouse=True)
def only_lexical(monkeypatch):
    monkeypatch.setattr(pipeline, "FAMILIES", {"lex": LexicalStyle})


def test_features_match_a_direct_transform(corpus, tmp_path):
    features, recomputed = pipeline.update_features(corpus, tmp_path / "f.parquet",
                                                    progress=False)
    direct = LexicalStyle().set_output(transform="pandas").fit_transform(corpus)
    assert recomputed == {"lex": 3}
    assert list(features["doc_id"]) == ["a", "b", "c"]
    pd.testing.assert_frame_equal(features[direct.columns], direct, check_dtype=False)
    assert pd.read_parquet(tmp_path / "f.parquet").shape == features.shape


def test_only_changed_articles_are_recomputed(corpus, tmp_path):
    out = tmp_path / "f.parquet"
    pipeline.update_features(corpus, out, progress=False)
    _, again = pipeline.update_features(corpus, out, progress=False)
    assert again == {"lex": 0}
    edited = corpus.copy()
    edited.loc[1, "text"] = "Russian troops arrive in Belarus under a new deal"
    features, recomputed = pipeline.update_features(edited, out, progress=False)
    assert recomputed == {"lex": 1}
    assert features.loc[1, "lex__n_words"] == 9


def test_a_changed_family_recomputes_everything(corpus, tmp_path, monkeypatch):
    out = tmp_path / "f.parquet"
    pipeline.update_features(corpus, out, progress=False)
    monkeypatch.setattr(pipeline, "FAMILIES", {"lex": lambda: LexicalStyle(mattr_window=10)})
    _, recomputed = pipeline.update_features(corpus, out, progress=False)
    assert recomputed == {"lex": 3}


def test_a_corrupt_previous_output_is_rebuilt(corpus, tmp_path):
    out = tmp_path / "f.parquet"
    out.write_bytes(b"not parquet")
    _, recomputed = pipeline.update_features(corpus, out, progress=False)
    assert recomputed == {"lex": 3}


@pytest.mark.parametrize(("edit", "message"), [
    (lambda c: c.drop(columns="text_level"), r"f\.parquet: no column 'text_level'"),
    (lambda c: c.assign(doc_id=["a", "b", "a"]),
     r"doc_id repeats an earlier row's: row 2 \(doc_id 'a'\)"),
    (lambda c: c.assign(doc_id=["a", None, "c"]), r"doc_id is missing: row 1 \(no doc_id\)"),
    (lambda c: c.assign(text=["x", None, 3]),
     r"text is missing or not a string: row 1 \(doc_id 'b'\), row 2 \(doc_id 'c'\)"),
    (lambda c: c.assign(text_level=["lede", "Headline", "lede"]),
     r"text_level is not one of full, lede, headline: row 1 \(doc_id 'b'\)"),
])
def test_a_corpus_that_breaks_the_contract_is_refused_naming_file_and_rows(
        corpus, tmp_path, edit, message):
    from analysis.corpus import ConfigError

    out = tmp_path / "features.parquet"
    with pytest.raises(ConfigError, match=message):
        pipeline.update_features(edit(corpus), out, progress=False, source=tmp_path / "f.parquet")
    assert not out.exists()  # nothing half-written


def test_many_bad_rows_are_counted_not_all_listed(corpus):
    from analysis.corpus import ConfigError

    big = pd.concat([corpus] * 4, ignore_index=True)  # doc_ids a, b, c four times
    with pytest.raises(ConfigError, match=r"row 3 .*row 7 \(doc_id 'b'\) and 4 more$"):
        pipeline.check_corpus(big)


def test_the_command_line_names_an_unreadable_or_unfit_corpus(corpus, tmp_path, capsys):
    from analysis.__main__ import main

    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet")
    assert main(["features", "--corpus", str(broken), "--out", str(tmp_path / "o")]) == 2
    assert f"error: {broken}: not a readable Parquet file" in capsys.readouterr().err
    unfit = tmp_path / "unfit.parquet"
    corpus.drop(columns="language").to_parquet(unfit)
    assert main(["features", "--corpus", str(unfit), "--out", str(tmp_path / "o")]) == 2
    assert f"error: {unfit}: no column 'language'" in capsys.readouterr().err


def test_the_fingerprint_covers_the_modules_a_family_draws_on(monkeypatch):
    # sentiment's scores come from _vader.py: editing it must recompute sentiment (and
    # nothing else, since no other family draws on it)
    from analysis.features import _vader
    from analysis.features.framing import Frames
    from analysis.features.sentiment import Sentiment

    before = {f: pipeline.fingerprint(f()) for f in (Sentiment, Frames, LexicalStyle)}
    source = pipeline.inspect.getsource
    monkeypatch.setattr(pipeline.inspect, "getsource", lambda m: source(m) + (
        "# edited" if m is _vader else ""))
    after = {f: pipeline.fingerprint(f()) for f in before}
    assert after[Sentiment] != before[Sentiment]
    assert after[Frames] == before[Frames] and after[LexicalStyle] == before[LexicalStyle]


def test_a_corpus_file_is_featurised_a_chunk_at_a_time_and_reused_by_row_group(
        corpus, tmp_path, monkeypatch):
    """Chunks of 2 rows and row groups of 4: the values equal a direct transform; a rerun
    on the corpus reordered, one text edited, reuses the other rows (looked up across row
    groups by doc_id and text) and recomputes that one."""
    import pyarrow.parquet as pq

    from analysis.features import parallel

    monkeypatch.setattr(parallel, "CHUNK", 2)
    monkeypatch.setattr(pipeline, "ROW_GROUP", 4)
    texts = [*corpus["text"], "Lukashenko met Putin in Sochi.", "Nothing happened.",
             "Troops left Belarus. They went home. Kyiv watched.", "Mińsk milczy."]
    big = pd.DataFrame({"doc_id": [f"d{i}" for i in range(7)], "text": texts,
                        "language": ["en", "en", "pl", "en", "en", "en", "pl"],
                        "text_level": "lede"})
    source, out = tmp_path / "corpus.parquet", tmp_path / "features.parquet"
    big.to_parquet(source, row_group_size=3)
    n, recomputed = pipeline.write_features(source, out, progress=False)
    assert (n, recomputed) == (7, {"lex": 7})
    file = pq.ParquetFile(out)
    assert [file.metadata.row_group(g).num_rows for g in range(file.num_row_groups)] == [4, 3]
    direct = LexicalStyle().set_output(transform="pandas").fit_transform(big)
    written = pd.read_parquet(out)
    assert list(written["doc_id"]) == list(big["doc_id"])
    assert pipeline.bit_differences(written[direct.columns], direct) == {}
    edited = big.iloc[::-1].reset_index(drop=True)
    edited.loc[edited["doc_id"] == "d4", "text"] = "Nothing at all happened."
    edited.to_parquet(source)
    assert pipeline.write_features(source, out, progress=False)[1] == {"lex": 1}
    again = pd.read_parquet(out)
    assert list(again["doc_id"]) == list(edited["doc_id"])
    fresh = LexicalStyle().set_output(transform="pandas").fit_transform(edited)
    assert pipeline.bit_differences(again[fresh.columns], fresh) == {}
    assert again.loc[again["doc_id"] == "d4", "lex__n_words"].item() == 4


def test_the_file_is_the_same_whatever_order_the_chunks_finish_in(corpus, tmp_path,
                                                                   monkeypatch):
    """Workers finish chunks in any order; the rows are written in corpus order, in row
    groups of ROW_GROUP rows: the same bytes as chunks finished in order."""
    import pyarrow.parquet as pq

    from analysis.features import parallel

    monkeypatch.setattr(parallel, "CHUNK", 2)
    monkeypatch.setattr(pipeline, "ROW_GROUP", 4)
    big = pd.DataFrame({"doc_id": [f"d{i}" for i in range(7)],
                        "text": [*corpus["text"], "Minsk.", "Kyiv watched.", "No.", "Yes."],
                        "language": "en", "text_level": "lede"})
    source = tmp_path / "corpus.parquet"
    big.to_parquet(source)
    in_order = tmp_path / "in_order.parquet"
    pipeline.write_features(source, in_order, progress=False)
    real = parallel.results

    def out_of_order(*args, **kwargs):  # the second and third chunks finish first
        done = list(real(*args, **kwargs))
        yield from (done[k] for k in (1, 2, 0, 3))

    monkeypatch.setattr(parallel, "results", out_of_order)
    shuffled = tmp_path / "shuffled.parquet"
    pipeline.write_features(source, shuffled, progress=False)
    file = pq.ParquetFile(shuffled)
    assert [file.metadata.row_group(g).num_rows for g in range(file.num_row_groups)] == [4, 3]
    assert shuffled.read_bytes() == in_order.read_bytes()


def test_a_corpus_file_that_breaks_the_contract_is_refused_before_any_work(corpus, tmp_path):
    from analysis.corpus import ConfigError

    source, out = tmp_path / "corpus.parquet", tmp_path / "features.parquet"
    corpus.assign(doc_id=["a", "a", "c"], text=["x", None, "y"]).to_parquet(source)
    with pytest.raises(ConfigError, match=r"corpus\.parquet: 2 problem\(s\)\n.*row 1 \(doc_id "
                       r"'a'\)\n  text is missing or not a string: row 1 \(doc_id 'a'\)"):
        pipeline.write_features(source, out, progress=False)
    assert not out.exists()


def test_an_empty_corpus_file_gives_an_empty_features_file(corpus, tmp_path):
    source, out = tmp_path / "corpus.parquet", tmp_path / "features.parquet"
    corpus.iloc[:0].to_parquet(source)
    assert pipeline.write_features(source, out, progress=False) == (0, {"lex": 0})
    written = pd.read_parquet(out)
    assert len(written) == 0 and list(written.columns[:2]) == ["doc_id", "text_sha1"]
    assert len(written.columns) == 2 + len(LexicalStyle().fit().get_feature_names_out())


def test_a_corpus_file_is_refused_as_the_same_corpus_in_memory(tmp_path):
    """Every problem, more rows than are named, and row groups of 3: the file's check
    (Arrow, without the texts) words its error as check_corpus does."""
    from analysis.corpus import ConfigError

    n = 20
    corpus = pd.DataFrame({"doc_id": [f"d{i % 7}" for i in range(n)],
                           "text": [None if i % 4 == 1 else "Text." for i in range(n)],
                           "language": "en",
                           "text_level": ["Lede" if i % 5 == 2 else "lede" for i in range(n)]})
    corpus.loc[[3, 11], "doc_id"] = None
    source = tmp_path / "corpus.parquet"
    corpus.to_parquet(source, row_group_size=3)
    with pytest.raises(ConfigError) as in_memory:
        pipeline.check_corpus(corpus, source)
    with pytest.raises(ConfigError) as from_file:
        pipeline.write_features(source, tmp_path / "features.parquet", progress=False)
    assert str(from_file.value) == str(in_memory.value)
    # by hand: d0-d6 in turn, rows 3 and 11 without one, so d3 is first seen at row 10
    assert ("doc_id repeats an earlier row's: row 7 (doc_id 'd0'), row 8 (doc_id 'd1'), "
            "row 9 (doc_id 'd2'), row 12 (doc_id 'd5'), row 13 (doc_id 'd6') and 6 more"
            in str(in_memory.value))
    assert "doc_id is missing: row 3 (no doc_id), row 11 (no doc_id)\n" in str(in_memory.value)


def test_a_row_found_by_its_hash_is_reused_only_if_its_key_is_the_same(corpus, tmp_path,
                                                                      monkeypatch):
    """With a hash of the doc_id alone (so an edited text has its old row's hash), the
    edited article is still recomputed: the row's doc_id and text_sha1 are compared."""
    out = tmp_path / "features.parquet"
    pipeline.update_features(corpus, out, progress=False)
    monkeypatch.setattr(pipeline, "_key_hash", lambda doc_ids, hashes: pd.util.hash_array(
        doc_ids.to_numpy(dtype=object)))
    edited = corpus.copy()
    edited.loc[1, "text"] = "Russian troops arrive in Belarus under a new deal"
    features, recomputed = pipeline.update_features(edited, out, progress=False)
    assert recomputed == {"lex": 1}
    assert features.loc[1, "lex__n_words"] == 9


def test_clear_caches_empties_every_cache_a_pass_fills(monkeypatch):
    """After a pass, the shared caches hold its texts (syllables, spans, code points, the
    joined scan texts and their walk, tokens' facts, the types the lexical engine and the
    target model learnt); ``clear_caches`` empties them all, as a cold benchmark round
    needs."""
    from analysis.features import (
        Frames,
        Sentiment,
        Sourcing,
        _segment,
        _tokens,
        lexical,
        lexicons,
        target,
    )

    monkeypatch.setattr(lexicons, "_KERNEL_FROM", 0)  # the scans walk tries (kept)

    families = {"lex": LexicalStyle(), "sent": Sentiment(), "frame": Frames(),
                "src": Sourcing()}
    texts = pd.DataFrame({"doc_id": ["a", "b"],
                          "text": ["He said “no” to Minsk. Then he left.", "Kyiv's war."],
                          "language": "en", "text_level": "full"})
    pipeline.clear_caches()
    pipeline.compute_features(texts, {k: f.fit() for k, f in families.items()}, progress=False)
    caches = [lexicons._joined, _tokens.joined_codes, _segment._split_at_quotations,
              lexical._lexical_types, target._type_facts]
    target._compound("Good.")  # the reference engine's scores of target contexts
    lexical.syllables("hyphenation")  # and its syllables
    assert [f.cache_info().currsize > 0 for f in caches] == [True] * len(caches)
    assert _segment._REMEMBERED and lexicons._LAST_WALK[0]
    assert lexical.words("“Don't”") and lexical._WORD_OF  # the reference engine's words
    _segment._found_by_patterns("Not “remembered”.")
    pipeline.clear_caches()
    assert [f.cache_info().currsize for f in caches] == [0] * len(caches)
    assert not lexical._WORD_OF and not lexical._TOKEN_FACTS and not _segment._REMEMBERED
    assert lexicons._LAST_WALK[0] is None
    assert not _segment._found_by_patterns.cache_info().currsize
    assert not target._compound.cache_info().currsize
    assert not lexical.syllables.cache_info().currsize


def test_fitted_families_pickle_after_a_pass_and_give_the_same_values(processed,
                                                                       monkeypatch):
    """A family that has computed (its caches filled, its cue matchers walked together)
    pickles, as a fitted scikit-learn transformer should, and the copy gives the same
    values to the bit."""
    import pickle

    from analysis.features import ContestedTerms, Frames, Sentiment, Sourcing, lexicons

    monkeypatch.setattr(lexicons, "_KERNEL_FROM", 0)  # the scans walk tries together
    corpus = processed[0].sample(300, random_state=1)
    families = {k: f.fit() for k, f in {
        "lex": LexicalStyle(), "sent": Sentiment(), "frame": Frames(),
        "term": ContestedTerms(), "src": Sourcing()}.items()}
    first = pipeline.compute_features(corpus, families, progress=False)
    copies = pickle.loads(pickle.dumps(families))
    again = pipeline.compute_features(corpus, copies, progress=False)
    assert first["doc_id"].equals(again["doc_id"])
    assert not pipeline.bit_differences(first.drop(columns="doc_id"),
                                        again.drop(columns="doc_id"))
