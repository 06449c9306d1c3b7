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

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import py3langid.langid as langid
from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

__all__ = ["LanguageIdentifier", "corpus_language_warning", "guess_languages",
           "normalise_language_tag", "unlisted_languages"]

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


#: the shortest text :func:`guess_languages` counts (a few words say little of a language)
GUESS_MIN_CHARS = 40


@contextmanager
def _every_language() -> Iterator[langid.LanguageIdentifier]:
    """py3langid's one model, restricted to every language lingua knows too for the
    block, and to what it was restricted to before after it (a second copy of the model
    would cost 100 MB more at the peak of an ingest, which has loaded it already)."""
    before = None if langid.IDENTIFIER is None else list(langid.IDENTIFIER.nb_classes)
    langid.set_languages(None)  # (loads the model if this process has not)
    identifier = langid.IDENTIFIER
    known = {language.iso_code_639_1.name.lower() for language in Language.all()}
    identifier.set_languages(sorted(known & set(identifier.nb_classes)))
    try:
        yield identifier
    finally:
        identifier.set_languages(before)


def guess_languages(texts: Sequence[str], least_share: float = 0.02, least: int = 5
                    ) -> list[tuple[str, int]]:
    """The languages of `texts`, for a study's candidate list: each text of at least
    :data:`GUESS_MIN_CHARS` characters classified by langid.py among every language both
    detectors know (:class:`LanguageIdentifier`'s restriction is restored after), and
    each language that at least `least_share` of them (and `least`)
    are in, with its count, most first.

    Examples
    --------
    >>> guess_languages(["Minsk and Moscow agreed on a joint grouping of troops.",
    ...                  "Wojska Rosji i Białorusi rozpoczęły wspólne ćwiczenia wojskowe."] * 5)
    [('en', 5), ('pl', 5)]
    """
    counts: dict[str, int] = {}
    kept = [t for t in texts if len(t.strip()) >= GUESS_MIN_CHARS]
    with _every_language() as identifier:
        for text in kept:
            code = identifier.classify(text[:1000])[0]
            counts[code] = counts.get(code, 0) + 1
    floor = max(least, least_share * len(kept))
    return sorted(((c, n) for c, n in counts.items() if n >= floor),
                  key=lambda item: (-item[1], item[0]))


def unlisted_languages(texts: Sequence[str], candidates: Sequence[str], sample: int = 2_000,
                       least_share: float = 0.05) -> str | None:
    """A warning if many of `texts` (up to `sample` of them, evenly spaced) are in a
    language the study does not list among the detector's `candidates` (at least
    `least_share` of those sampled, by :func:`guess_languages`): such a text is given a
    listed language or none, and measured as if in it. None if none is.

    Examples
    --------
    >>> print(unlisted_languages(  # doctest: +NORMALIZE_WHITESPACE
    ...     ["Wojska Rosji i Białorusi rozpoczęły wspólne ćwiczenia."] * 9
    ...     + ["Russian and Belarusian troops began joint drills."], ["en"]))
    9 of 10 texts sampled look pl, which [study] languages (en) does not list: add it, or
    those texts are taken to be in a listed language or none
    >>> unlisted_languages(["Russian and Belarusian troops began joint drills."] * 9, ["en"])
    """
    step = max(1, len(texts) // sample)
    picked = list(texts[::step])[:sample]
    found = [(code, n) for code, n in guess_languages(picked, least_share=least_share)
             if code not in candidates]
    if not found:
        return None
    named = ", ".join(f"{n:,} of {len(picked):,} texts sampled look {code}"
                      for code, n in found)
    return (f"{named}, which [study] languages ({', '.join(candidates)}) does not list: add "
            f"{'it' if len(found) == 1 else 'them'}, or those texts are taken to be in a "
            "listed language or none")


def corpus_language_warning(corpus_path: Path, candidates: Sequence[str],
                            sample: int = 2_000) -> str | None:
    """:func:`unlisted_languages` of the texts of ``corpus.parquet`` at `corpus_path`:
    `sample` of them, evenly spaced, read a row group at a time."""
    import pyarrow.parquet as pq

    file = pq.ParquetFile(corpus_path)
    n = file.metadata.num_rows
    step = max(1, n // sample)
    texts: list[str] = []
    first = 0
    for group in range(file.num_row_groups):
        size = file.metadata.row_group(group).num_rows
        wanted = [k - first for k in range(-(-first // step) * step, first + size, step)]
        if wanted:
            column = file.read_row_group(group, columns=["text"]).column(0)
            texts += [t for t in column.take(wanted).to_pylist() if isinstance(t, str)]
        first += size
    return unlisted_languages(texts, candidates, sample)
