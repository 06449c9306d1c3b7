"""Values one process computes and later processes load (``analysis/features/_stored.py``)."""

from analysis.features._stored import stored


def test_a_value_is_made_once_then_loaded_and_replaced_when_its_key_changes(tmp_path):
    made = []

    def make(value):
        def inner():
            made.append(value)
            return {"value": value}
        return inner

    first = stored("thing", "k1", make(1), tmp_path)
    again = stored("thing", "k1", make(2), tmp_path)
    assert first == again == {"value": 1} and again is not first and made == [1]
    assert [p.name for p in tmp_path.iterdir()] == ["thing.k1.pickle"]
    # other code or data: made again, the old file removed, another name's kept
    stored("other", "k1", make(3), tmp_path)
    assert stored("thing", "k2", make(4), tmp_path) == {"value": 4}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.k1.pickle", "thing.k2.pickle"]
    # a file that cannot be read is made again
    (tmp_path / "thing.k2.pickle").write_bytes(b"not a pickle")
    assert stored("thing", "k2", make(5), tmp_path) == {"value": 5}
    assert stored("thing", "k2", make(6), tmp_path) == {"value": 5}
    assert made == [1, 3, 4, 5]


def test_where_nothing_can_be_saved_the_value_is_made_each_time(tmp_path):
    (tmp_path / "file").write_text("a file, not a folder")
    folder = tmp_path / "file" / "below"
    made = []
    for _ in range(2):
        assert stored("thing", "k", lambda: made.append(1) or 7, folder) == 7
    assert made == [1, 1]
