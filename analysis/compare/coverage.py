"""What the corpus holds: articles per outlet, event, text level, language and month."""

from __future__ import annotations

import pandas as pd

__all__ = ["coverage_by_outlet_event", "coverage_timeline", "ingest_accounting"]


def coverage_by_outlet_event(corpus: pd.DataFrame, outlets: pd.DataFrame,
                             events: pd.DataFrame) -> pd.DataFrame:
    """Count articles per outlet × primary event × text level × language.

    Parameters
    ----------
    corpus : the processed corpus.
    outlets : the register table (``analysis.load_outlets()``), for names, groups and order.
    events : the event catalogue table (``analysis.load_events()``), for names and order.

    Returns
    -------
    DataFrame
        One row per (outlet, event, text_level, language) with ``n_articles``; articles
        with no catalogued event have ``event_id`` ``"(none)"``. Sorted in the register's
        and catalogue's display order.
    """
    frame = corpus.assign(event_id=corpus["event_id"].fillna("(none)"))
    table = (frame.groupby(["outlet", "outlet_group", "event_id", "text_level", "language"],
                           dropna=False)
             .size().rename("n_articles").reset_index())
    outlet_order = dict(zip(outlets["outlet"], outlets["order"], strict=True))
    event_order = {e: i for i, e in enumerate(events["event_id"])}
    names = dict(zip(outlets["outlet"], outlets["outlet_name"], strict=True))
    event_names = dict(zip(events["event_id"], events["name"], strict=True))
    table["outlet_name"] = table["outlet"].map(names).fillna(table["outlet"])
    table["event_name"] = table["event_id"].map(event_names).fillna(table["event_id"])
    table["_o"] = table["outlet"].map(outlet_order).fillna(len(outlet_order))
    table["_e"] = table["event_id"].map(event_order).fillna(len(event_order))
    table = table.sort_values(["_o", "_e", "text_level", "language"]).drop(columns=["_o", "_e"])
    return table.reset_index(drop=True)


def coverage_timeline(corpus: pd.DataFrame, freq: str = "MS") -> pd.DataFrame:
    """Count articles per outlet group and period (default: calendar month).

    Articles without a date are counted in a row with ``period`` NaT, not dropped.
    """
    frame = corpus.assign(period=corpus["date"].dt.to_period(freq[0]).dt.start_time)
    table = (frame.groupby(["period", "outlet_group"], dropna=False).size()
             .rename("n_articles").reset_index())
    return table.sort_values(["period", "outlet_group"], na_position="last").reset_index(drop=True)


def ingest_accounting(report: pd.DataFrame) -> pd.DataFrame:
    """Summarise the ingest report: records per source × status × reason (file:line stripped)."""
    reason = report["reason"].fillna("").str.replace(r"^\S+?:\d+: |^\S+: ", "", regex=True)
    table = (report.assign(reason=reason.replace("", "—"))
             .groupby(["source", "status", "reason"]).size().rename("n_records").reset_index())
    return table.sort_values(["source", "status", "n_records"], ascending=[True, True, False]
                             ).reset_index(drop=True)
