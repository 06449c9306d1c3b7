"""Feature families: text -> numbers, per article (stateless; one column per feature).

Each family is a scikit-learn transformer (``fit`` returns self, ``transform`` takes texts
or a corpus DataFrame, ``set_output(transform="pandas")`` names the columns):

- :class:`LexicalStyle` (``lex__``): readability identical to textstat 0.7.13, counts,
  MATTR, MTLD, quoted share;
- :class:`Sentiment` (``sent__``): VADER per sentence, own vs quoted text, masked
  contested terms, tone toward actors;
- :class:`Frames` (``frame__``): generic and policy frame cue rates and presence;
- :class:`ContestedTerms` (``term__``): counts of each variant of each contested concept;
- :class:`Sourcing` (``src__``): quotations and attribution, reporting verbs, hedges.

``python -m analysis features`` (``make features``) writes them all to
``data/processed/features.parquet``, recomputing only what changed.
"""

from ._base import Document, FeatureFamily
from .framing import ContestedTerms, Frames
from .lexical import LexicalStyle
from .sentiment import Sentiment
from .sourcing import Sourcing

__all__ = ["ContestedTerms", "Document", "FeatureFamily", "Frames", "LexicalStyle",
           "Sentiment", "Sourcing"]
