"""Can the outlet group be told from the text? A text classifier, cross-validated by event.

If outlets of different groups write about the same events in recognisably different words,
a bag-of-words classifier trained on some events should recognise the outlet group of
articles about *other* events. The folds are therefore grouped by event (``GroupKFold`` on
``event_id``): no event is in both the training and the test part of any fold, so the topic
of an event cannot carry the prediction (e.g. "Azovstal" is not allowed to stand in for
"Ukrainian outlet" just because one group covered Azovstal more). The classifier is TF-IDF
over word unigrams and bigrams (Salton & Buckley 1988) with a class-balanced logistic
regression, a standard strong baseline for text classification (Wang & Manning 2012).

The headline number is macro-F1 over the out-of-fold predictions pooled across all folds:
every article is predicted exactly once, by a model that never saw its event. Per-fold
scores are secondary, because with grouped folds a test fold can lack some groups entirely
(macro-F1 of that fold is then taken over the groups present). Two baselines run through
the same folds: the majority class of the training part, and a stratified random guesser
that draws labels at the training part's class shares.

The 95% interval is a percentile bootstrap (Efron & Tibshirani 1993) with the same
resamples for the classifier and the baselines: the two-stage cluster bootstrap of
:mod:`.stats` (events with replacement, then articles within them), because articles of
one event are not independent draws. With few, unequal events the interval is wide.

References
----------
Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.
Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text retrieval.
    Information Processing & Management 24(5).
Wang, S. & Manning, C. D. (2012). Baselines and bigrams: simple, good sentiment and topic
    classification. Proceedings of ACL.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline

from .stats import bootstrap_weights

__all__ = ["FOLDS", "OutletClassifierResult", "evaluate_outlet_classifier",
           "outlet_classifier"]

#: model names, in the order of the ``scores`` table
_MODELS = ("tfidf_logreg", "majority", "stratified")
#: the event-grouped folds of the evaluation (a study with fewer events holds one event
#: out per fold: see :meth:`.run.Inputs.classifier`)
FOLDS = 5


@dataclass(frozen=True)
class OutletClassifierResult:
    """Tidy tables from :func:`evaluate_outlet_classifier`.

    Attributes
    ----------
    scores : one row per model (``tfidf_logreg``, ``majority``, ``stratified``): pooled
        out-of-fold macro-F1 with its bootstrap 95% interval, accuracy, n articles, events,
        folds and classes.
    per_fold : one row per fold: held-out events, n, groups present and missing, macro-F1
        (over the groups present) and accuracy of the classifier.
    confusion : one row per (true, predicted) group pair, zeros included: ``n`` and
        ``share_of_true`` (each true group's row sums to 1).
    terms : per group the (up to) 20 terms with the largest positive coefficients of a
        model fitted on all the evaluated articles.
    groups : one row per outlet group in the language: articles and events, whether it was
        used and, if not, why.
    predictions : one row per evaluated article: ``doc_id``, ``event_id``, ``fold``, the
        true group and each model's out-of-fold prediction.
    """

    scores: pd.DataFrame
    per_fold: pd.DataFrame
    confusion: pd.DataFrame
    terms: pd.DataFrame
    groups: pd.DataFrame
    predictions: pd.DataFrame


def outlet_classifier(*, min_df: int = 2, C: float = 1.0, max_iter: int = 2000,
                      seed: int = 0) -> Pipeline:
    """Build the TF-IDF + class-balanced logistic regression pipeline.

    Parameters
    ----------
    min_df : drop terms found in fewer documents than this (per training set).
    C : inverse L2 regularisation strength of the logistic regression.
    max_iter : iteration cap of the newton-cg solver.
    seed : the logistic regression's ``random_state``.

    Returns
    -------
    Pipeline
        ``tfidf`` (word unigrams and bigrams, sublinear tf, lower-cased) then ``logreg``
        (multinomial, newton-cg, ``class_weight="balanced"``).

    Examples
    --------
    >>> model = outlet_classifier(min_df=1)
    >>> _ = model.fit(["tanks roll in", "tanks roll on", "peace talks", "peace deal"],
    ...               ["a", "a", "b", "b"])
    >>> model.predict(["more tanks", "a deal"]).tolist()
    ['a', 'b']
    """
    return Pipeline([
        ("tfidf", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=min_df,
                                  lowercase=True)),
        ("logreg", LogisticRegression(C=C, class_weight="balanced", solver="newton-cg",
                                      max_iter=max_iter, random_state=seed)),
    ])


def _select(corpus: pd.DataFrame, language: str, groups: list[str] | None,
            min_per_group: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the evaluated articles (sorted by doc_id) and the group accounting table."""
    labelled = corpus[(corpus["language"] == language) & corpus["event_id"].notna()
                      & corpus["text"].notna()]
    counts = (labelled.groupby("outlet_group")
              .agg(n_articles=("doc_id", "size"), n_events=("event_id", "nunique"))
              .reset_index())
    requested = set(groups) if groups is not None else None
    unknown = sorted(requested - set(counts["outlet_group"])) if requested else []
    if unknown:
        raise ValueError(f"groups with no {language!r} event-labelled articles: {unknown}")
    reasons = []
    for group, n in zip(counts["outlet_group"], counts["n_articles"], strict=True):
        if requested is not None and group not in requested:
            reasons.append("not requested")
        elif n < min_per_group:
            reasons.append(f"fewer than {min_per_group} {language!r} event-labelled articles")
        else:
            reasons.append(None)
    counts["used"] = [r is None for r in reasons]
    counts["reason"] = reasons
    used = counts.loc[counts["used"], "outlet_group"]
    frame = labelled[labelled["outlet_group"].isin(used)]
    frame = frame.sort_values("doc_id", kind="stable").reset_index(drop=True)
    counts = counts.sort_values(["used", "n_articles"], ascending=False).reset_index(drop=True)
    return frame, counts


def _macro_f1(truth: np.ndarray, pred: np.ndarray, k: int) -> float:
    """Return macro-F1 over all `k` classes (integer codes), a class's F1 0 if undefined."""
    confusion = np.bincount(truth * k + pred, minlength=k * k).reshape(k, k)
    return _macro_f1_from_confusion(confusion[None])[0]


def _macro_f1_from_confusion(confusion: np.ndarray) -> np.ndarray:
    """Return macro-F1 for a stack of k×k confusion matrices (rows true, columns predicted).

    F1 of a class is 2·TP / (2·TP + FP + FN), taken as 0 when the class is neither present
    nor predicted, the convention of ``f1_score(..., zero_division=0)``.
    """
    tp = np.diagonal(confusion, axis1=1, axis2=2).astype(float)
    denominator = confusion.sum(axis=2) + confusion.sum(axis=1)  # 2TP + FN + FP
    f1 = np.divide(2 * tp, denominator, out=np.zeros_like(tp), where=denominator > 0)
    return f1.mean(axis=1)


def _bootstrap_macro_f1(truth: np.ndarray, preds: list[np.ndarray], events: np.ndarray,
                        k: int, n_boot: int, seed: int) -> np.ndarray:
    """Return an (n_boot, len(preds)) array of macro-F1 on shared resamples.

    The resamples are the two-stage cluster bootstrap of :mod:`.stats`: events with
    replacement, then articles within each drawn event, because articles on one event
    are not independent draws; an article-level bootstrap would give too narrow a CI.
    """
    rng = np.random.default_rng(seed)
    out = np.empty((n_boot, len(preds)))
    cells = [truth * k + p for p in preds]
    done = 0
    while done < n_boot:  # in blocks: a block of weights is (block, n articles)
        block = min(100, n_boot - done)
        for b, weights in enumerate(bootstrap_weights(events, block, rng)):
            stack = np.stack([np.bincount(c, weights=weights, minlength=k * k).reshape(k, k)
                              for c in cells])
            out[done + b] = _macro_f1_from_confusion(stack)
        done += block
    return out


def _top_terms(model: Pipeline, n_terms: int) -> pd.DataFrame:
    """Return the `n_terms` largest positive coefficients per class of a fitted pipeline."""
    vocabulary = model.named_steps["tfidf"].get_feature_names_out()
    logreg = model.named_steps["logreg"]
    coef = logreg.coef_
    if coef.shape[0] == 1:  # binary: one row, for classes_[1]; classes_[0] is its negative
        coef = np.vstack([-coef[0], coef[0]])
    rows = []
    for label, weights in zip(logreg.classes_, coef, strict=True):
        order = np.lexsort((vocabulary, -weights))[:n_terms]
        for rank, j in enumerate(order, start=1):
            if weights[j] <= 0:
                break
            rows.append({"outlet_group": label, "rank": rank, "term": vocabulary[j],
                         "coefficient": float(weights[j])})
    return pd.DataFrame(rows, columns=["outlet_group", "rank", "term", "coefficient"])


def evaluate_outlet_classifier(corpus: pd.DataFrame, *, groups: list[str] | None = None,
                               min_per_group: int = 100, n_splits: int = FOLDS, n_boot: int = 1000,
                               seed: int = 0, language: str = "en", min_df: int = 2,
                               n_terms: int = 20) -> OutletClassifierResult:
    """Cross-validate the outlet-group classifier with folds grouped by event.

    Parameters
    ----------
    corpus : the processed corpus (``doc_id``, ``outlet_group``, ``language``, ``event_id``,
        ``text``).
    groups : the outlet groups to consider; default all. Of those, groups with fewer than
        `min_per_group` evaluated articles are dropped (see ``groups`` in the result).
    min_per_group : least number of `language` articles with an ``event_id`` a group needs.
    n_splits : number of folds (``GroupKFold`` on ``event_id``, so at most the number of
        events).
    n_boot : bootstrap resamples of the test articles for the 95% intervals.
    seed : seeds the classifier, the stratified baseline and the bootstrap.
    language : only articles in this language are used.
    min_df : passed to :func:`outlet_classifier`.
    n_terms : indicative terms reported per group.

    Returns
    -------
    OutletClassifierResult
        The headline is ``scores``' ``tfidf_logreg`` row: macro-F1 of the out-of-fold
        predictions pooled over all folds (each article predicted once, by a model that
        did not see its event), over every used group; per-fold values are secondary.

    Notes
    -----
    Articles are sorted by ``doc_id`` first, so the result does not depend on row order.
    ``GroupKFold`` (unshuffled) balances fold sizes greedily, largest event first, so with
    a few very large events the folds differ much in size and in which groups they hold.
    """
    frame, group_table = _select(corpus, language, groups, min_per_group)
    classes = np.array(sorted(frame["outlet_group"].unique()))
    if len(classes) < 2:
        raise ValueError(f"need at least two outlet groups, have {classes.tolist()}")
    n_events = frame["event_id"].nunique()
    if n_events < n_splits:
        raise ValueError(f"{n_events} events cannot fill {n_splits} event-grouped folds")
    k = len(classes)
    texts = frame["text"].to_numpy()
    truth = np.searchsorted(classes, frame["outlet_group"].to_numpy())
    events = frame["event_id"].to_numpy()

    models = {"tfidf_logreg": outlet_classifier(min_df=min_df, seed=seed),
              "majority": DummyClassifier(strategy="most_frequent"),
              "stratified": DummyClassifier(strategy="stratified", random_state=seed)}
    oof = {name: np.full(len(frame), -1) for name in models}
    fold_of = np.full(len(frame), -1)
    fold_rows = []
    splitter = GroupKFold(n_splits=n_splits)
    for fold, (train, test) in enumerate(splitter.split(texts, truth, groups=events)):
        fold_of[test] = fold
        for name, template in models.items():
            model = clone(template).fit(texts[train], truth[train])
            oof[name][test] = model.predict(texts[test])
        present = np.unique(truth[test])
        confusion = np.bincount(truth[test] * k + oof["tfidf_logreg"][test],
                                minlength=k * k).reshape(k, k)
        # a present class's errors into absent classes still count as its false negatives
        tp = confusion[present, present].astype(float)
        f1 = 2 * tp / (confusion[present].sum(axis=1) + confusion[:, present].sum(axis=0))
        fold_rows.append({
            "fold": fold,
            "held_out_events": ", ".join(sorted(set(events[test]))),
            "n_events": len(set(events[test])), "n_articles": len(test),
            "groups_present": ", ".join(classes[present]),
            "groups_missing": ", ".join(c for i, c in enumerate(classes) if i not in present),
            "macro_f1": float(f1.mean()),
            "accuracy": float(np.trace(confusion) / len(test)),
        })

    boot = _bootstrap_macro_f1(truth, [oof[m] for m in _MODELS], events, k, n_boot, seed)
    low, high = np.percentile(boot, [2.5, 97.5], axis=0)
    scores = pd.DataFrame({
        "model": list(_MODELS),
        "macro_f1": [_macro_f1(truth, oof[m], k) for m in _MODELS],
        "ci_low": low, "ci_high": high, "ci_method": "cluster bootstrap (events, then articles)",
        "accuracy": [float((oof[m] == truth).mean()) for m in _MODELS],
        "n_articles": len(frame), "n_events": n_events, "n_folds": n_splits, "n_classes": k,
        "n_boot": n_boot,
    })

    cells = np.bincount(truth * k + oof["tfidf_logreg"], minlength=k * k).reshape(k, k)
    confusion = pd.DataFrame({"true": np.repeat(classes, k), "predicted": np.tile(classes, k),
                              "n": cells.ravel()})
    row_totals = np.repeat(cells.sum(axis=1), k)
    confusion["share_of_true"] = confusion["n"] / row_totals

    full_model = outlet_classifier(min_df=min_df, seed=seed).fit(texts, classes[truth])
    predictions = pd.DataFrame({"doc_id": frame["doc_id"], "event_id": events, "fold": fold_of,
                                "outlet_group": classes[truth],
                                **{f"pred_{m}": classes[oof[m]] for m in _MODELS}})
    return OutletClassifierResult(scores=scores, per_fold=pd.DataFrame(fold_rows),
                                  confusion=confusion, terms=_top_terms(full_model, n_terms),
                                  groups=group_table, predictions=predictions)
