"""The event catalogue (`data/events.csv`) and the rules that assign articles to events."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ._datafile import ConfigError, read_rows
from .text import prefix_pattern

__all__ = ["Event", "EventCatalogue", "load_term_lexicon"]

_EVENT_COLUMNS = (
    "event_id", "name", "start", "end", "belarus_event", "dataset_labels", "description",
    "keywords_en", "keywords_pl", "keywords_ru",
)
_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class Event:
    event_id: str
    name: str
    start: date
    end: date
    belarus_event: bool
    dataset_labels: tuple[str, ...]
    description: str
    keywords: tuple[str, ...]
    pattern: re.Pattern[str] | None


def load_term_lexicon(path: Path) -> list[str]:
    """Load a ``term,language,note`` lexicon of prefix-phrases (e.g. Belarus terms)."""
    terms = []
    for line, row in read_rows(Path(path), ("term", "language")):
        term = row["term"].strip()
        if not term:
            raise ConfigError(f"{path}:{line}: empty term")
        terms.append(term)
    return terms


class EventCatalogue:
    """Events with date windows, dataset labels and multilingual keywords.

    Parameters
    ----------
    path : the catalogue CSV.
    belarus_terms : prefix-phrases that make an article Belarus-relevant.
    """

    def __init__(self, path: Path, belarus_terms: list[str]) -> None:
        self.path = Path(path)
        self.events: list[Event] = []
        seen: set[str] = set()
        for line, row in read_rows(self.path, _EVENT_COLUMNS):
            where = f"{self.path}:{line}"
            event_id = row["event_id"].strip()
            if not _ID.fullmatch(event_id) or event_id in seen:
                raise ConfigError(f"{where}: event_id {event_id!r} is malformed or repeated")
            seen.add(event_id)
            try:
                start, end = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
            except ValueError as exc:
                raise ConfigError(f"{where}: start/end must be YYYY-MM-DD: {exc}") from exc
            if start > end:
                raise ConfigError(f"{where}: start {start} is after end {end}")
            flag = row["belarus_event"].strip().lower()
            if flag not in ("true", "false"):
                raise ConfigError(f"{where}: belarus_event must be true or false")
            keywords = tuple(
                k.strip()
                for col in ("keywords_en", "keywords_pl", "keywords_ru")
                for k in row[col].split(";")
                if k.strip()
            )
            self.events.append(Event(
                event_id=event_id, name=row["name"].strip(), start=start, end=end,
                belarus_event=flag == "true",
                dataset_labels=tuple(x.strip() for x in row["dataset_labels"].split(";")
                                     if x.strip()),
                description=row["description"].strip(), keywords=keywords,
                pattern=prefix_pattern(list(keywords)),
            ))
        self.belarus_pattern = prefix_pattern(belarus_terms)
        if self.belarus_pattern is None:
            raise ConfigError("the Belarus-relevance lexicon is empty")
        self._by_label = {lab: e.event_id for e in self.events for lab in e.dataset_labels}

    def frame(self) -> pd.DataFrame:
        """Return the catalogue as a DataFrame, in file order."""
        return pd.DataFrame([{
            "event_id": e.event_id, "name": e.name, "start": pd.Timestamp(e.start),
            "end": pd.Timestamp(e.end), "belarus_event": e.belarus_event,
            "description": e.description,
        } for e in self.events])

    def assign(
        self, texts: pd.Series, dates: pd.Series, dataset_labels: pd.Series
    ) -> pd.DataFrame:
        """Assign events to articles and flag Belarus relevance.

        Rules, in order of trust: (1) the dataset's own event label, when the catalogue
        maps it (``ruwa:bucha``); (2) keyword + window: the article's date lies in the
        event's window and its text matches one of the event's keywords (prefix-phrases,
        any language), and, for a Belarus event, the text is Belarus-relevant. The primary
        ``event_id`` is the dataset label's event if any, else the keyword-matched event
        with the narrowest window.

        Returns
        -------
        DataFrame with ``event_id`` (primary or None), ``event_ids`` (all, catalogue
        order), ``event_method`` (how each was decided) and ``belarus_relevant``, aligned
        with `texts`.
        """
        texts = texts.fillna("")
        days = pd.to_datetime(dates).dt.normalize()
        belarus = texts.str.contains(self.belarus_pattern, regex=True)
        hits: dict[str, dict] = {}  # event -> {row index: matched keywords}
        for event in self.events:
            if event.pattern is None:
                continue
            window = days.between(pd.Timestamp(event.start), pd.Timestamp(event.end))
            mask = window & (belarus if event.belarus_event else True)
            found = texts[mask].str.findall(event.pattern)
            hits[event.event_id] = {idx: kws for idx, kws in found.items() if kws}
        width = {e.event_id: (e.end - e.start).days for e in self.events}
        order = {e.event_id: i for i, e in enumerate(self.events)}
        rows = []
        for idx in texts.index:
            labelled = [self._by_label[lab] for lab in dataset_labels.at[idx] or []
                        if lab in self._by_label]
            labelled = list(dict.fromkeys(labelled))
            methods = [f"{eid}: dataset label" for eid in labelled]
            keyworded = []
            for eid, found_by_row in hits.items():
                found = found_by_row.get(idx)
                if found:
                    kws = sorted({f.lower() for f in found})
                    keyworded.append(eid)
                    if eid not in labelled:
                        methods.append(f"{eid}: keyword+window ({', '.join(kws[:5])})")
            ids = sorted(set(labelled) | set(keyworded), key=order.__getitem__)
            if labelled:
                primary = labelled[0]
            elif keyworded:
                primary = min(keyworded, key=lambda e: (width[e], order[e]))
            else:
                primary = None
            rows.append((primary, ids, "; ".join(methods) or None))
        primary, ids, methods = zip(*rows, strict=True) if rows else ((), (), ())
        out = pd.DataFrame({
            "event_id": pd.Series(primary, index=texts.index, dtype=object),
            "event_ids": pd.Series(ids, index=texts.index, dtype=object),
            "event_method": pd.Series(methods, index=texts.index, dtype=object),
        })
        out["belarus_relevant"] = belarus.astype(bool)
        return out
