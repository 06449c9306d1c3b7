import numpy as np
import pandas as pd
import pytest

from analysis.features.pipeline import FAMILIES

MIXED = pd.DataFrame({
    "text": ["Russia accused Poland of a “provocation,” Lukashenko said. Costs rose.",
             "Rosja oskarżyła Polskę o prowokację – powiedział Łukaszenka.",
             "",
             "Минск заявил о провокации.",
             "NATO troops and sanctions: the war in Ukraine, Kiev says.",
             "Texte sans langue connue."],
    "language": ["en", "pl", "en", "ru", "en", None],
    "text_level": ["lede", "lede", "lede", "headline", "headline", "full"],
})


@pytest.mark.parametrize("prefix", sorted(FAMILIES))
def test_a_batch_gives_the_rows_its_documents_give_alone(prefix):
    # families that compute a batch together (one scan of its texts per language) must
    # put each row where its document is, whatever the mix of languages around it
    family = FAMILIES[prefix]().fit()
    together = family.transform(MIXED)
    alone = np.vstack([family.transform(MIXED.iloc[[i]]) for i in range(len(MIXED))])
    assert together.shape == (len(MIXED), len(family.get_feature_names_out()))
    np.testing.assert_array_equal(together, alone)
    # not vacuous: the English and (but for VADER) the Polish text have measures
    assert (np.nan_to_num(together[0]) > 0).any()
    assert (np.nan_to_num(together[1]) > 0).any() == (prefix != "sent")
    # reversed order gives the rows reversed
    np.testing.assert_array_equal(family.transform(MIXED.iloc[::-1]), together[::-1])


def test_rows_by_language_answers_the_same_documents_again_from_the_last_call():
    """The families of a batch ask in turn: the same documents get the same answer,
    other documents (even equal ones, or the same list changed) their own."""
    from analysis.features._base import Document, rows_by_language

    docs = [Document("a"), Document("b", "pl"), Document("c")]
    first = rows_by_language(docs)
    assert first == {"en": [0, 2], "pl": [1]} and rows_by_language(list(docs)) is first
    equal = [Document("a"), Document("b", "pl"), Document("c")]
    assert rows_by_language(equal) is not first and rows_by_language(equal) == first
    equal[1] = Document("b", "de")
    assert rows_by_language(equal) == {"en": [0, 2], "de": [1]}
    assert rows_by_language([]) == {}
