"""Feature families: text -> numbers, per article (stateless; one column per feature)."""

from ._base import Document, FeatureFamily
from .lexical import LexicalStyle

__all__ = ["Document", "FeatureFamily", "LexicalStyle"]
