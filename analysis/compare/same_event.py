"""Same-event views: how each outlet told one story, side by side.

For every event of ``data/events.csv`` that at least two outlet groups covered, the
tables here put the outlets next to each other on the same footing: how many articles,
which generic frames they used (share of articles with the frame's cues), which variant
of each contested term they chose, the tone of the sentences naming each actor, the
terms that set each group apart within the event (:mod:`.keyness`), and a few of their
real headlines. Comparing within one event keeps the story fixed, so a difference is one
of telling, not of topic (the design DESIGN.md asks for).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..features._segment import sentences
from .levels import at_levels, with_text_level

__all__ = ["event_coverage", "headlines", "same_event_profiles", "term_choices"]


def event_coverage(frame: pd.DataFrame, min_articles: int = 3) -> pd.DataFrame:
    """List the events covered by at least two outlet groups with `min_articles` each.

    Returns
    -------
    One row per event: ``event_id, n_articles, n_outlets, groups`` (the groups that
    qualify, space-separated), ``first_date, last_date`` (of its dated articles: a
    dataset's label can reach beyond the catalogue's window), sorted by event.
    """
    events = frame.dropna(subset=["event_id"])
    counts = events.groupby(["event_id", "outlet_group"]).size()
    rows = []
    for event, per_group in counts.groupby(level=0):
        groups = sorted(g for (_, g), n in per_group.items() if n >= min_articles)
        if len(groups) >= 2:
            part = events[events["event_id"] == event]
            dates = pd.to_datetime(part["date"]) if "date" in part else pd.Series(dtype=object)
            rows.append({"event_id": event, "n_articles": len(part),
                         "n_outlets": part["outlet"].nunique(), "groups": " ".join(groups),
                         "first_date": _day(dates.min()), "last_date": _day(dates.max())})
    return pd.DataFrame(rows, columns=["event_id", "n_articles", "n_outlets", "groups",
                                       "first_date", "last_date"])


def _day(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def term_choices(frame: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Tabulate, per unit, which variant of each contested concept its articles used.

    The share of a variant is its mentions over all mentions of the concept's variants
    by that unit (so the shares of one concept sum to 1 where the concept occurs);
    ``n_articles_using`` counts the unit's articles with at least one mention. The share
    is among mentions, so a longer text (more mentions) does not raise it; the text levels
    the mentions come from are pooled and listed in ``text_levels``.

    Parameters
    ----------
    frame : :func:`.estimates.feature_frame` output (``term__<concept>__<variant>``
        columns: counts per article).
    by : the unit column (``outlet``, ``outlet_group``, or a list such as
        ``["event_id", "outlet"]``).

    Returns
    -------
    Tidy table: the unit column(s), ``concept, variant, mentions, concept_mentions,
    share, n_articles_using, n_articles`` (articles where the concept's lexicon applies),
    ``text_levels`` (the unit's levels, ``|``-joined).

    Examples
    --------
    >>> f = pd.DataFrame({"outlet": ["rt", "rt", "bbc"],
    ...                   "term__kyiv_spelling__kyiv": [0.0, 1.0, 2.0],
    ...                   "term__kyiv_spelling__kiev": [3.0, 0.0, 0.0]})
    >>> term_choices(f)[["outlet", "variant", "mentions", "share"]]
      outlet variant  mentions  share
    0    bbc    kyiv       2.0   1.00
    1    bbc    kiev       0.0   0.00
    2     rt    kyiv       1.0   0.25
    3     rt    kiev       3.0   0.75
    """
    keys = [by] if isinstance(by, str) else list(by)
    concepts: dict[str, list[str]] = {}
    for column in frame.columns:
        if column.startswith("term__"):
            concepts.setdefault(column.split("__")[1], []).append(column)
    rows = []
    for unit, part in frame.groupby(keys, sort=True):
        unit = unit if isinstance(unit, tuple) else (unit,)
        levels = ("|".join(level for level, _ in at_levels(part))
                  if "text_level" in part else "")
        for concept, variants in concepts.items():
            values = part[variants].to_numpy(dtype=float)
            applies = ~np.isnan(values).all(axis=1)
            total = np.nansum(values)
            for j, column in enumerate(variants):
                mentions = np.nansum(values[:, j])
                rows.append({**dict(zip(keys, unit, strict=True)), "concept": concept,
                             "variant": column.split("__")[2], "mentions": mentions,
                             "concept_mentions": total,
                             "share": mentions / total if total else np.nan,
                             "n_articles_using": int((values[:, j] > 0).sum()),
                             "n_articles": int(applies.sum()), "text_levels": levels})
    return pd.DataFrame(rows)


def _profile_columns(frame: pd.DataFrame) -> dict[str, list[str]]:
    """The feature columns a same-event profile shows, by kind (those the frame has)."""
    kinds = {
        "frame": [c for c in frame.columns
                  if c.startswith("frame__generic_") and c.endswith("_present")],
        "sentiment": ["sent__all_compound", "sent__masked_compound"],
        "actor_sentiment": [c for c in frame.columns
                            if c.startswith("sent__actor_") and c.endswith("_compound")],
        "sourcing": ["src__quotes_per_1k_words", "src__evaluative_verb_share",
                     "src__hedge_rate", "src__evidential_rate"],
    }
    return {kind: [c for c in columns if c in frame.columns] for kind, columns in kinds.items()}


def same_event_profiles(frame: pd.DataFrame, min_articles: int = 3) -> pd.DataFrame:
    """Profile every outlet (and outlet group) within each shared event, per text level
    (like with like: a unit's headlines and ledes are profiled apart).

    Returns
    -------
    Tidy table: ``event_id, level`` (``outlet`` or ``outlet_group``), ``outlet_group,
    unit, text_level, kind`` (frame, sentiment, actor_sentiment, sourcing), ``measure,
    mean, n_articles`` (articles where the measure applies) and ``n_total`` (the unit's
    articles on the event at that level). Actor tone is the mean over articles that mention the
    actor. Events come from :func:`event_coverage`.
    """
    frame = with_text_level(frame)
    shared = event_coverage(frame, min_articles)["event_id"]
    kinds = _profile_columns(frame)
    rows = []
    for event in shared:
        part = frame[frame["event_id"] == event]
        for level in ("outlet_group", "outlet"):
            for unit, by_unit in part.groupby(level, sort=True):
                group = by_unit["outlet_group"].iloc[0]
                for text_level, sub in at_levels(by_unit):
                    for kind, columns in kinds.items():
                        for column in columns:
                            values = sub[column].to_numpy(dtype=float)
                            ok = ~np.isnan(values)
                            rows.append({
                                "event_id": event, "level": level, "outlet_group": group,
                                "unit": unit, "text_level": text_level, "kind": kind,
                                "measure": column.split("__", 1)[1],
                                "mean": values[ok].mean() if ok.any() else np.nan,
                                "n_articles": int(ok.sum()), "n_total": len(sub)})
    return pd.DataFrame(rows)


def headlines(corpus: pd.DataFrame, events: list[str], per_outlet: int = 3) -> pd.DataFrame:
    """Pick a few real headlines per outlet and event: the earliest `per_outlet`, by date
    then doc_id (deterministic, not cherry-picked).

    An article stored without a title (RT's rows in RUWA, for one) shows the first
    sentence of its lede instead, marked ``lede`` in ``shown``, so no outlet drops out.

    Returns
    -------
    ``event_id, outlet_group, outlet, date, title, shown, url, doc_id``; ``title`` is the
    text shown.
    """
    part = corpus[corpus["event_id"].isin(events)].copy()
    has_title = part["title"].notna() & (part["title"].astype(object).fillna("") != "")
    lede = part["lede"].astype(object).where(part["lede"].notna(), None)
    first = lede.map(lambda t: sentences(t)[0] if isinstance(t, str) and sentences(t) else None)
    part["shown"] = np.where(has_title, "title", np.where(first.notna(), "lede", None))
    part["title"] = part["title"].astype(object).where(has_title, first)
    part = part[part["title"].notna()]
    part = part.sort_values(["event_id", "outlet_group", "outlet", "date", "doc_id"])
    picked = part.groupby(["event_id", "outlet"], sort=False).head(per_outlet)
    return picked[["event_id", "outlet_group", "outlet", "date", "title", "shown", "url",
                   "doc_id"]].reset_index(drop=True)
