"""Clean a scraped article page with its outlet's boilerplate profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .outlets import Boilerplate
from .text import normalise_space

__all__ = ["PageParts", "clean_page"]


@dataclass
class PageParts:
    """The article parts found on a page; a part the page does not have is None."""

    title: str | None = None
    date: datetime | None = None
    lede: str | None = None
    caption: str | None = None
    credit: str | None = None
    body: str | None = None
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def clean_page(text: str, profile: Boilerplate) -> PageParts:
    """Strip an outlet's boilerplate from a scraped page and split it into article parts.

    The page is read as paragraphs (one per non-blank line). In order: blocks between a
    start and an end pattern go (newsletter boxes, donation appeals); each recirculation
    marker ("Read more") goes together with the related headline printed on both sides of
    it; lines matching a ``drop_lines`` pattern go; the first remaining paragraph is the
    title and later copies of it go. The rest is read by the profile's ``layout``: a
    ``date`` line parsed with ``date_formats``, a ``lede`` (standfirst), a photo
    ``caption`` whose trailing credit is stored apart, then the ``body``.

    Parameters
    ----------
    text : the page text as scraped.
    profile : the outlet's compiled boilerplate profile.

    Returns
    -------
    PageParts
        The parts, what was removed (for the ingest report), and notes on anything the
        layout expected but did not find.
    """
    parts = PageParts()
    units = [line for line in normalise_space(text).split("\n") if line]
    units = _drop_blocks(units, profile, parts.removed)
    units = _drop_recirculation(units, profile, parts.removed)
    kept = []
    for unit in units:
        if any(p.fullmatch(unit) for p in profile.drop_lines):
            parts.removed.append(unit)
        else:
            kept.append(unit)
    if not kept:
        return parts
    parts.title, rest = kept[0], []
    for unit in kept[1:]:
        if unit == parts.title:
            parts.removed.append(unit)
        else:
            rest.append(unit)
    for slot in profile.layout[1:-1]:
        if slot == "date":
            parts.date = _parse_date(rest[0], profile) if rest else None
            if parts.date is None:
                parts.notes.append("no date line where the outlet's layout has one")
            else:
                rest = rest[1:]
        elif slot == "lede" and len(rest) > 1:
            parts.lede, rest = rest[0], rest[1:]
        elif slot == "caption" and rest and profile.caption_credit is not None:
            match = profile.caption_credit.fullmatch(rest[0])
            if match:
                parts.caption = match.group("caption").strip()
                parts.credit = match.groupdict().get("credit")
                rest = rest[1:]
    parts.body = "\n\n".join(rest) or None
    return parts


def _drop_blocks(units: list[str], profile: Boilerplate, removed: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(units):
        block = next((b for b in profile.drop_blocks if b[0].fullmatch(units[i])), None)
        if block is None:
            out.append(units[i])
            i += 1
            continue
        end = next((j for j in range(i, len(units)) if block[1].fullmatch(units[j])), None)
        if end is None:  # an unterminated block is not guessed at: keep the text
            out.append(units[i])
            i += 1
            continue
        removed.extend(units[i : end + 1])
        i = end + 1
    return out


def _drop_recirculation(units: list[str], profile: Boilerplate, removed: list[str]) -> list[str]:
    marker = profile.recirculation_marker
    if marker is None:
        return units
    drop: set[int] = set()
    for i, unit in enumerate(units):
        if not marker.fullmatch(unit):
            continue
        drop.add(i)
        before, after = i - 1, i + 1
        if before >= 0 and after < len(units) and units[before] == units[after]:
            drop.update((before, after))
    removed.extend(units[i] for i in sorted(drop))
    return [u for i, u in enumerate(units) if i not in drop]


def _parse_date(line: str, profile: Boilerplate) -> datetime | None:
    for pattern, fmt in profile.date_formats:
        if pattern.fullmatch(line):
            try:
                return datetime.strptime(line, fmt)
            except ValueError:
                continue
    return None
