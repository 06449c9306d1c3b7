"""Language of each article, from two offline detectors that ship their own models.

Two independent, deterministic detectors are restricted to the languages the corpus can
hold: lingua (Stahl, lingua-py; n-gram models up to 5-grams plus rules) and langid.py
(Lui & Baldwin 2012, "langid.py: An Off-the-shelf Language Identification Tool", ACL
System Demonstrations; the py3langid port). Where they agree, that is the language.
Where they disagree (headlines of a few words, English ledes full of foreign names), the
language the source states (an RSS feed's ``language``) or else the outlet's usual
language decides between them. Every choice is recorded in ``language_method``.

Why two: on the corpus's English- and Polish-outlet items each detector alone errs on about
0.1% (lingua, for instance, reads some long English Ukrinform ledes as French with full
confidence: a known weakness of its confidence scores on longer texts); they never erred
on the same item.
"""

from __future__ import annotations

from collections.abc import Sequence

import py3langid.langid as langid
from lingua import IsoCode639_1, LanguageDetectorBuilder

__all__ = ["LanguageIdentifier", "normalise_language_tag"]

#: Characters of an article's text given to lingua (its start: title and lede).
LINGUA_CHARS = 300


def normalise_language_tag(tag: object) -> str | None:
    """Return the ISO 639-1 code of a language tag (``pl-PL`` -> ``pl``, ``en-UK`` -> ``en``)."""
    if not isinstance(tag, str) or not tag.strip():
        return None
    code = tag.strip().replace("_", "-").split("-")[0].lower()
    return code if len(code) == 2 and code.isalpha() else None


#: texts given to lingua's parallel detection at once (memory stays bounded by it)
DETECT_CHUNK = 4_000


class LanguageIdentifier:
    """Detect ISO 639-1 languages among a fixed set of candidates.

    Parameters
    ----------
    candidates : ISO 639-1 codes the corpus may contain (from the study's ``study.toml``).
    """

    def __init__(self, candidates: Sequence[str]) -> None:
        self.candidates = list(candidates)
        codes = [IsoCode639_1.from_str(c) for c in self.candidates]
        self._lingua = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
        langid.set_languages(self.candidates)  # py3langid keeps one module-level model

    def identify(
        self,
        texts: Sequence[str],
        stated: Sequence[object],
        outlet_default: Sequence[str | None],
    ) -> tuple[list[str | None], list[str]]:
        """Return (language, how it was decided) for each text.

        Methods: ``detected`` (both detectors agree; a differing stated language is noted
        as ``source said xx``), ``detectors disagree (lingua xx, langid yy); stated by
        source`` or ``...; outlet default`` when the prior picks one of the two, and
        ``...; lingua`` when no prior matches either.
        """
        found = []  # in chunks: lingua's parallel batch holds buffers for all it is given
        for start in range(0, len(texts), DETECT_CHUNK):
            found += self._lingua.detect_languages_in_parallel_of(
                [t[:LINGUA_CHARS] for t in texts[start:start + DETECT_CHUNK]])
        languages: list[str | None] = []
        methods: list[str] = []
        for text, hit, said, default in zip(texts, found, stated, outlet_default, strict=True):
            a = hit.iso_code_639_1.name.lower() if hit else None
            b = langid.classify(text)[0]
            said = normalise_language_tag(said)
            if a == b:
                languages.append(a)
                methods.append("detected" + (f"; source said {said}" if said and said != a else ""))
                continue
            why = f"detectors disagree (lingua {a}, langid {b})"
            if said in (a, b):
                languages.append(said)
                methods.append(f"{why}; stated by source")
            elif default in (a, b):
                languages.append(default)
                methods.append(f"{why}; outlet default")
            else:
                languages.append(a)
                methods.append(f"{why}; lingua")
        return languages, methods
