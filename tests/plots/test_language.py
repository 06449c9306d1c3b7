"""The language figures: what each draws, checked on hand-made tables and the real ones."""

import warnings
from io import BytesIO

import matplotlib
import numpy as np
import pandas as pd
import pytest

from analysis.plots._style import RC
from analysis.plots.language import (
    _columns,
    _spread,
    plot_confusion,
    plot_keyness,
    plot_same_event,
    plot_seed_articles,
    plot_term_choices,
)
from tests.conftest import ROOT


@pytest.fixture
def outlets():
    """Four outlets in three groups, in display order (the register's columns)."""
    return pd.DataFrame({
        "outlet": ["a1", "a2", "b1", "c1"],
        "outlet_name": ["Alpha One", "Alpha Two", "Beta One", "Gamma One"],
        "outlet_group": ["alpha", "alpha", "beta", "gamma"],
        "group_name": ["Alpha", "Alpha", "Beta", "Gamma"],
        "colour": ["#EE6677", "#AA3377", "#0072B2", "#999933"],
        "group_colour": ["#D55E00", "#D55E00", "#0072B2", "#009E73"],
        "language": ["en", "en", "pl", "en"],
    })


def _yticks(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def _all_text(fig):
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    return "\n".join(texts)


def _panel_title(ax):
    """The legend title of a term-choice panel (its subfigure's legend)."""
    return ax.figure.legends[0].get_title().get_text()


# ---------------------------------------------------------------------------------------
# term choices
# ---------------------------------------------------------------------------------------

def _choices():
    rows = []

    def add(outlet, concept, counts):
        total = sum(counts.values())
        for variant, n in counts.items():
            rows.append({"outlet": outlet, "concept": concept, "variant": variant,
                         "mentions": n, "concept_mentions": total,
                         "share": n / total if total else np.nan,
                         "n_articles_using": min(n, 3), "n_articles": 10})

    # table order is not display order: b1 first
    add("b1", "kyiv_spelling", {"kyiv": 3, "kiev": 9, "kijow": 0})
    add("a1", "kyiv_spelling", {"kyiv": 15, "kiev": 5, "kijow": 0})
    add("a2", "kyiv_spelling", {"kyiv": 2, "kiev": 1, "kijow": 0})  # under 10: left out
    add("c1", "kyiv_spelling", {"kyiv": 0, "kiev": 0, "kijow": 0})
    add("b1", "war_naming", {"war": 10, "invasion": 30, "conflict": 0})
    add("c1", "war_naming", {"war": 5, "invasion": 0, "conflict": 15})
    add("a1", "regime_naming", {"regime": 20, "government": 0})  # not a default concept
    return pd.DataFrame(rows)


def test_term_choices_one_panel_per_concept_outlets_in_register_order(outlets):
    fig = plot_term_choices(_choices(), outlets)
    assert len(fig.axes) == 2
    kyiv, war = fig.axes
    assert _panel_title(kyiv).startswith("Kyiv or Kiev: 32 mentions by 2 outlets")
    assert _yticks(kyiv) == ["Alpha One (n=20)", "Beta One (n=12)"]
    assert _yticks(war) == ["Beta One (n=40)", "Gamma One (n=20)"]
    assert "Naming the war: 60 mentions" in _panel_title(war)
    kyiv = plot_term_choices(_choices(), outlets.iloc[::-1]).axes[0]  # the register decides
    assert _yticks(kyiv) == ["Beta One (n=12)", "Alpha One (n=20)"]


def test_term_choices_bar_widths_are_the_shares(outlets):
    kyiv, war = plot_term_choices(_choices(), outlets).axes
    bars = {c.get_label(): [p.get_width() for p in c] for c in kyiv.containers}
    assert set(bars) == {"kyiv", "kiev"}  # kijow never used: no bar, no legend entry
    np.testing.assert_allclose(bars["kyiv"], [0.75, 0.25])
    np.testing.assert_allclose(bars["kiev"], [0.25, 0.75])
    lefts = [p.get_x() for p in kyiv.containers[1]]
    np.testing.assert_allclose(lefts, [0.75, 0.25])  # stacked after kyiv
    bars = {c.get_label(): [p.get_width() for p in c] for c in war.containers}
    np.testing.assert_allclose(bars["invasion"], [0.75, 0.0])
    np.testing.assert_allclose(bars["conflict"], [0.0, 0.75])
    legend = [t.get_text() for t in war.figure.legends[0].get_texts()]
    assert legend == ["war", "invasion", "conflict"]


def test_term_choices_variant_keeps_its_colour_and_threshold_and_concepts_apply(outlets):
    kyiv, = plot_term_choices(_choices(), outlets, concepts=["kyiv_spelling"],
                              min_mentions=15).axes
    assert _yticks(kyiv) == ["Alpha One (n=20)"]
    colours = {c.get_label(): matplotlib.colors.to_hex(c[0].get_facecolor())
               for c in kyiv.containers}
    assert colours == {"kyiv": "#cc6677", "kiev": "#332288"}
    regime, = plot_term_choices(_choices(), outlets, concepts=["regime_naming", "nope"]).axes
    assert _yticks(regime) == ["Alpha One (n=20)"]


def test_term_choices_without_data_says_so(outlets):
    fig = plot_term_choices(_choices(), outlets, min_mentions=1000)
    assert "No outlet mentions" in _all_text(fig)


def test_columns_balance_heights_and_keep_order():
    assert _columns([3, 5, 2, 2]) == [[0, 2, 3], [1]]
    assert _columns([4]) == [[0]]
    assert _columns([1, 1, 1, 1], n_columns=1) == [[0, 1, 2, 3]]


# ---------------------------------------------------------------------------------------
# keyness
# ---------------------------------------------------------------------------------------

def _pairs():
    terms = [f"t{i:02d}" for i in range(20)]
    z = np.array([12, 9, 7, 5, 3, 2.5, 2.0, 1.5, 0.5, -0.4, -1.0, -2.0, -2.2, -3, -4,
                  -6, -8, -10, -11, -13], dtype=float)
    count_label = np.arange(20) * 3 + 2
    count_rest = 100 - np.arange(20) * 2
    p = np.full(20, np.nan)
    p[:4] = [0.001, 0.3, 0.001, 0.002]  # t01: checked and not document-level robust
    main = pd.DataFrame({
        "label": "alpha", "versus": "beta", "term": terms, "count_label": count_label,
        "count_rest": count_rest, "docs_label": 5, "docs_rest": 5, "delta": z / 3, "z": z,
        "log_ratio": z / 4, "alpha0": 1000, "p_doc_perm": p, "level": "outlet_group",
        "scope": "shared_events", "n_docs_a": 120, "n_docs_b": 340})
    other_scope = main.assign(scope="pooled", z=-main["z"], n_docs_a=999)
    other_pair = main.assign(label="a1", versus="b1", level="outlet", term="x" + main["term"])
    return pd.concat([main, other_scope, other_pair], ignore_index=True), main


def _offsets(ax):
    points = [c.get_offsets() for c in ax.collections if len(c.get_offsets())]
    return np.vstack(points)


def test_keyness_points_are_log_frequency_and_z_of_the_chosen_pair(outlets):
    pairs, main = _pairs()
    fig = plot_keyness(pairs, "alpha", "beta", "outlet_group", outlets, n_labels=3)
    ax = fig.axes[0]
    got = sorted(map(tuple, np.round(_offsets(ax), 9)))
    want = sorted(zip(np.round(np.log10(main["count_label"] + main["count_rest"]), 9),
                      np.round(main["z"], 9), strict=True))
    assert got == want
    title = fig._suptitle.get_text()
    assert "Alpha (n = 120 articles) vs Beta (n = 340 articles)" in title
    np.testing.assert_allclose(ax.get_yticks()[ax.get_yticks() == 0], [0])
    lines = sorted(round(line.get_ydata()[0], 2) for line in ax.lines)
    assert lines == [-1.96, 0.0, 1.96]


def test_keyness_labels_exactly_the_top_and_bottom_terms(outlets):
    pairs, _ = _pairs()
    ax = plot_keyness(pairs, "alpha", "beta", "outlet_group", outlets, n_labels=3).axes[0]
    labelled = [t.get_text() for t in ax.texts]
    assert labelled == ["t00", "t01", "t02", "t17", "t18", "t19"]
    # labels stacked in one column right of the plot, top to bottom in z order, apart
    positions = [t.get_position() for t in ax.texts]
    assert {x for x, _ in positions} == {1.02}
    ys = [y for _, y in positions]
    assert np.all(np.diff(ys) <= -0.0379)
    assert len(plot_keyness(pairs, "alpha", "beta", "outlet_group", outlets,
                            n_labels=5).axes[0].texts) == 10


def test_keyness_colours_sides_and_hollows_terms_failing_the_document_check(outlets):
    pairs, _ = _pairs()
    ax = plot_keyness(pairs, "alpha", "beta", "outlet_group", outlets).axes[0]
    by_colour = {}
    for c in ax.collections:
        face = c.get_facecolors()
        key = "hollow" if len(face) == 0 or face[0][3] == 0 else matplotlib.colors.to_hex(
            face[0])
        by_colour.setdefault(key, []).extend(np.round(c.get_offsets()[:, 1], 6))
    assert by_colour["hollow"] == [9.0]  # t01, p = 0.3
    assert sorted(by_colour["#d55e00"]) == [2.0, 2.5, 3.0, 5.0, 7.0, 12.0]
    assert sorted(by_colour["#0072b2"]) == [-13, -11, -10, -8, -6, -4, -3, -2.2, -2.0]
    assert sorted(by_colour["#bbbbbb"]) == [-1.0, -0.4, 0.5, 1.5]
    legend = "\n".join(t.get_text() for t in ax.figure.legends[0].get_texts())
    assert "over-used by Alpha (7 terms)" in legend  # six filled, one hollow
    assert "1 of 4 terms checked" in legend


def test_keyness_other_scope_flipped_pair_and_unknown_pair(outlets):
    pairs, main = _pairs()
    fig = plot_keyness(pairs, "alpha", "beta", "outlet_group", outlets, scope="pooled")
    assert "n = 999 articles" in fig._suptitle.get_text()
    flipped = plot_keyness(pairs, "beta", "alpha", "outlet_group", outlets)
    ys = sorted(np.round(_offsets(flipped.axes[0])[:, 1], 6))
    assert ys == sorted(np.round(-main["z"], 6))
    assert "Beta (n = 340 articles) vs Alpha (n = 120 articles)" in flipped._suptitle.get_text()
    outlet_level = plot_keyness(pairs, "a1", "b1", "outlet", outlets, n_labels=1).axes[0]
    assert [t.get_text() for t in outlet_level.texts] == ["xt00", "xt19"]
    with pytest.raises(ValueError, match="no keyness rows"):
        plot_keyness(pairs, "alpha", "gamma", "outlet_group", outlets)


def test_spread_keeps_order_gap_and_bounds():
    y = _spread(np.array([0.99, 0.98, 0.97, 0.2, 0.01, 0.0]), 0.0, 1.0, 0.1)
    assert np.all(np.diff(y) <= -0.1 + 1e-12)
    assert y.max() <= 1.0 and y.min() >= 0.0


# ---------------------------------------------------------------------------------------
# confusion
# ---------------------------------------------------------------------------------------

def test_confusion_heat_map_is_the_row_shares_in_register_order(outlets):
    n = {("gamma", "gamma"): 30, ("gamma", "alpha"): 10, ("alpha", "alpha"): 45,
         ("alpha", "beta"): 5, ("alpha", "gamma"): 0, ("beta", "beta"): 8,
         ("beta", "alpha"): 2}
    rows = [{"true": t, "predicted": p, "n": k} for (t, p), k in n.items()]
    confusion = pd.DataFrame(rows)
    confusion["share_of_true"] = confusion["n"] / confusion.groupby("true")["n"].transform(
        "sum")
    scores = pd.DataFrame({
        "model": ["tfidf_logreg", "majority", "stratified"],
        "macro_f1": [0.7234, 0.2001, 0.3], "ci_low": [0.701, 0.19, 0.29],
        "ci_high": [0.744, 0.21, 0.31], "accuracy": [0.8, 0.45, 0.35],
        "n_articles": 1000, "n_events": 7, "n_folds": 5})
    fig = plot_confusion(confusion, scores, outlets)
    ax = fig.axes[0]
    want = np.array([[0.9, 0.1, 0.0], [0.2, 0.8, 0.0], [0.25, 0.0, 0.75]])
    np.testing.assert_allclose(ax.images[0].get_array(), want)
    assert _yticks(ax) == ["Alpha (50)", "Beta (10)", "Gamma (40)"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Alpha", "Beta", "Gamma"]
    cells = [t.get_text() for t in ax.texts]
    assert cells[0] == "90%\nn=45" and cells[-1] == "75%\nn=30"
    title = fig._suptitle.get_text()
    assert "macro-F1 0.72 [95% CI 0.70, 0.74] vs 0.20 for the majority class" in title
    assert "n = 1,000 articles, 7 events" in title
    assert ax.images[0].get_cmap().name == "cividis"
    assert ax.images[0].get_clim() == (0, 1)
    backwards = plot_confusion(confusion, scores, outlets.iloc[::-1]).axes[0]
    np.testing.assert_allclose(backwards.images[0].get_array(), want[::-1, ::-1])


def test_confusion_heat_map_of_many_groups_widens_and_keeps_its_labels_apart():
    # fourteen groups (once: five inches wide, the cells' "12%\nn=21" and the predicted
    # groups' names ran into their neighbours)
    groups = [f"g{k:02d}" for k in range(14)]
    outlets = pd.DataFrame({"outlet": groups, "outlet_name": groups, "outlet_group": groups,
                            "group_name": [f"Lakeside Standard {k}" for k in range(14)],
                            "colour": "#332288", "group_colour": "#0072B2"})
    rows = [{"true": t, "predicted": p, "n": 10 + (i * j) % 7}
            for i, t in enumerate(groups) for j, p in enumerate(groups)]
    confusion = pd.DataFrame(rows)
    confusion["share_of_true"] = confusion["n"] / confusion.groupby("true")["n"].transform(
        "sum")
    scores = pd.DataFrame({"model": ["tfidf_logreg"], "macro_f1": [0.1], "ci_low": [0.05],
                           "ci_high": [0.15], "accuracy": [0.1], "n_articles": 2000,
                           "n_events": 9, "n_folds": 5})
    with matplotlib.rc_context(RC):
        fig = plot_confusion(confusion, scores, outlets)
        fig.set_dpi(200)
        fig.draw_without_rendering()
        ax = fig.axes[0]
        renderer = fig._get_renderer()
        assert fig.get_figwidth() == 7.0
        pitch = ax.get_window_extent(renderer).width / 14
        widths = [t.get_window_extent(renderer).width for t in ax.texts]
        assert len(widths) == 14 * 14 and max(widths) < pitch  # each within its cell
        assert ax.texts[0].get_text() == "7%\nn=10"  # 10 of the 140 of group 0
        # neighbouring names, slanted, stand apart by the columns' pitch times the sine of
        # their angle, across the lines of text: more than a line's height
        label = ax.get_xticklabels()[0]
        height = label.get_fontsize() / 72 * fig.dpi
        assert pitch * np.sin(np.radians(label.get_rotation())) > 1.2 * height


# ---------------------------------------------------------------------------------------
# one shared event
# ---------------------------------------------------------------------------------------

FRAMES = ["generic_conflict_present", "generic_economic_present"]


def _event_tables():
    profiles = []
    sizes = {"a1": ("alpha", 6), "a2": ("alpha", 4), "b1": ("beta", 5), "c1": ("gamma", 3)}
    for unit, (group, n) in sizes.items():
        for measure, mean in zip(FRAMES, (0.5, 0.25), strict=True):
            profiles.append(("e1", "outlet", group, unit, "frame", measure, mean, n, n))
        profiles.append(("e1", "outlet", group, unit, "sentiment", "all_compound", 0.1, n, n))
    group_frames = {"alpha": (0.6, 0.1, 10), "beta": (0.2, 0.4, 5), "gamma": (0.0, 1.0, 3)}
    for group, (conflict, economic, n) in group_frames.items():
        profiles.append(("e1", "outlet_group", group, group, "frame", FRAMES[0], conflict, n,
                         n))
        profiles.append(("e1", "outlet_group", group, group, "frame", FRAMES[1], economic, n,
                         n))
    profiles.append(("e2", "outlet", "alpha", "a1", "frame", FRAMES[0], 0.5, 99, 99))
    profiles = pd.DataFrame(profiles, columns=["event_id", "level", "outlet_group", "unit",
                                               "kind", "measure", "mean", "n_articles",
                                               "n_total"])
    profiles.insert(4, "text_level", "lede")
    # alpha's and beta's headlines are profiled apart from their ledes (beta's too few
    # for panel b); their articles count in the title's total
    for group, (conflict, economic, n) in {"alpha": (0.3, 0.0, 6), "beta": (1.0, 1.0, 2)
                                           }.items():
        for measure, mean in zip(FRAMES, (conflict, economic), strict=True):
            profiles.loc[len(profiles)] = ("e1", "outlet_group", group, group, "headline",
                                           "frame", measure, mean, n, n)
    terms = []
    counts = {("a1", "war_naming"): {"war": 3, "invasion": 1},
              ("a2", "war_naming"): {"war": 1, "invasion": 3},
              ("b1", "war_naming"): {"war": 0, "invasion": 5},
              ("c1", "war_naming"): {"war": 0, "invasion": 0},
              ("a1", "kyiv_spelling"): {"kyiv": 2, "kiev": 0},
              ("b1", "kyiv_spelling"): {"kyiv": 0, "kiev": 0},
              ("c1", "kyiv_spelling"): {"kyiv": 1, "kiev": 1},
              ("a1", "union_state"): {"union_state": 0}}
    for (outlet, concept), by_variant in counts.items():
        group = {"a": "alpha", "b": "beta", "c": "gamma"}[outlet[0]]
        total = sum(by_variant.values())
        for variant, n in by_variant.items():
            terms.append({"event_id": "e1", "outlet_group": group, "outlet": outlet,
                          "concept": concept, "variant": variant, "mentions": n,
                          "concept_mentions": total, "share": n / total if total else np.nan,
                          "n_articles_using": n, "n_articles": 3})
    terms = pd.DataFrame(terms)
    keyness = []
    for group in ("gamma", "alpha"):
        for i in range(10):
            keyness.append({"label": group, "versus": "rest", "term": f"{group[0]}w{i}",
                            "count_label": 5, "count_rest": 1, "docs_label": 3 + i,
                            "docs_rest": 1, "delta": 1.0, "z": 5.0 - 0.5 * i,
                            "log_ratio": 2.0, "alpha0": 1000,
                            "p_doc_perm": 0.5 if i == 1 else 0.01, "event_id": "e1",
                            "language": "en", "text_level": "lede"})
    keyness = pd.DataFrame(keyness)
    events = pd.DataFrame({"event_id": ["e1", "e2"], "name": ["Test event", "Other"],
                           "start": ["2023-06-24", "2023-07-01"],
                           "end": ["2023-07-21", "2023-07-02"], "belarus_event": True,
                           "description": ""})
    return profiles, terms, keyness, events


def _by_title(fig, start):
    return next(ax for ax in fig.axes if ax.get_title(loc="left").startswith(start))


def test_same_event_panels_counts_frames_and_title(outlets):
    profiles, terms, keyness, events = _event_tables()
    fig = plot_same_event("e1", profiles, terms, keyness, events, outlets, min_cell=3)
    assert len(fig.axes) == 5  # (a), (b), two concepts in (c), (d)
    title = fig._suptitle.get_text()
    assert title.startswith("Test event (catalogue window 24 Jun – 21 Jul 2023)")
    assert "n = 18 articles from 4 outlets in 3 outlet groups" in title
    articles = _by_title(fig, "(a)")
    assert _yticks(articles) == ["Alpha One", "Alpha Two", "Beta One", "Gamma One"]
    assert [p.get_width() for p in articles.patches] == [6, 4, 5, 3]
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in articles.patches]
    assert colours == ["#d55e00", "#d55e00", "#0072b2", "#009e73"]
    backwards = plot_same_event("e1", profiles, terms, keyness, events, outlets.iloc[::-1])
    assert _yticks(_by_title(backwards, "(a)")) == ["Gamma One", "Beta One", "Alpha Two",
                                                    "Alpha One"]
    frames = _by_title(fig, "(b)")
    assert _yticks(frames) == ["Conflict", "Economic"]
    # each group at each text level apart; under min_cell articles left out, and said
    xs = [list(np.round(c.get_offsets()[:, 0], 6)) for c in frames.collections]
    assert xs == [[0.6, 0.1], [0.3, 0.0], [0.2, 0.4], [0.0, 1.0]]
    legend = [t.get_text() for t in frames.figure.legends[0].get_texts()]
    assert legend == ["Alpha · ledes (n=10)", "Alpha · headlines (n=6)", "Beta · ledes (n=5)",
                      "Gamma · ledes (n=3)"]
    notes = " ".join(t.get_text() for t in _by_title(fig, "(d)").texts)
    assert "Left out of (b), under 3 articles: Beta · headlines (2)." in notes
    default = _by_title(plot_same_event("e1", profiles, terms, keyness, events, outlets),
                        "(b)")
    assert len(default.collections) == 3  # min_cell 5: gamma's 3 and beta's 2 left out


def test_same_event_frame_dots_of_a_group_sharing_a_colour_are_hollow(outlets):
    # beta given alpha's colour (a study with more groups than colours): beta's dots are
    # hollow, edged in the colour; alpha's, and gamma's of its own colour, are filled
    profiles, terms, keyness, events = _event_tables()
    shared = outlets.assign(group_colour=["#D55E00", "#D55E00", "#D55E00", "#009E73"])
    frames = _by_title(plot_same_event("e1", profiles, terms, keyness, events, shared,
                                       min_cell=3), "(b)")
    faces = [matplotlib.colors.to_hex(c.get_facecolor()[0]) for c in frames.collections]
    edges = [matplotlib.colors.to_hex(c.get_edgecolor()[0]) for c in frames.collections]
    assert faces == ["#d55e00", "#d55e00", "#ffffff", "#009e73"]  # alpha (2 levels), beta,
    assert edges == ["#ffffff", "#ffffff", "#d55e00", "#ffffff"]  # gamma


def test_same_event_term_panels_pool_each_groups_mentions(outlets):
    profiles, terms, keyness, events = _event_tables()
    fig = plot_same_event("e1", profiles, terms, keyness, events, outlets)
    war = _by_title(fig, "(c) Naming the war")  # most mentioned (13), so first
    assert _yticks(war) == ["Alpha", "Beta", "Gamma"]
    bars = {c.get_label(): [p.get_width() for p in c] for c in war.containers}
    np.testing.assert_allclose(bars["war"], [0.5, 0.0, 0.0])
    np.testing.assert_allclose(bars["invasion"], [0.5, 1.0, 0.0])
    assert [t.get_text() for t in war.texts if t.get_text().startswith(("n=", "none"))] == [
        "n=8", "n=5", "none"]
    kyiv = _by_title(fig, "Kyiv or Kiev")
    bars = {c.get_label(): [p.get_width() for p in c] for c in kyiv.containers}
    np.testing.assert_allclose(bars["kyiv"], [1.0, 0.0, 0.5])
    one = plot_same_event("e1", profiles, terms, keyness, events, outlets, n_concepts=1)
    assert len(one.axes) == 4


def test_same_event_keyness_words_and_language_notes(outlets):
    profiles, terms, keyness, events = _event_tables()
    fig = plot_same_event("e1", profiles, terms, keyness, events, outlets, n_terms=3)
    words = _by_title(fig, "(d)")
    texts = [t.get_text() for t in words.texts]
    assert texts[:2] == ["Alpha · ledes", "aw0"]  # groups in register order
    shown = {t for t in texts if len(t) <= 4 and t[1:2] == "w"}
    assert shown == {"aw0", "aw1°", "aw2", "gw0", "gw1°", "gw2"}
    assert "5.0 (3)" in texts
    notes = " ".join(texts)
    assert "different languages" in notes and "Beta: pl" in notes
    assert "not compared: Beta" in notes
    assert "° not robust at the document level" in notes


def test_same_event_without_keyness_or_languages_says_so(outlets):
    profiles, terms, keyness, events = _event_tables()
    no_language = outlets.drop(columns="language")
    fig = plot_same_event("e1", profiles, terms, keyness.iloc[:0], events, no_language)
    text = " ".join(t.get_text() for t in _by_title(fig, "(d)").texts)
    assert "No keyness for this event" in text
    assert "different languages" not in text
    with pytest.raises(ValueError, match="no same-event profile"):
        plot_same_event("e9", profiles, terms, keyness, events, outlets)


def test_same_event_with_fourteen_groups_keeps_its_layout_and_fits_its_labels():
    # fourteen groups of long names, each at two text levels: the frame panel's legend has
    # 28 entries in one column, which once squeezed the top row's axes to nothing
    # (constrained layout gave up and the panels overlapped), and the keyness panel's
    # column heads ran into the next column
    groups = [f"g{k}" for k in range(14)]
    outlets = pd.DataFrame({
        "outlet": [f"o{k}" for k in range(14)],
        "outlet_name": [f"Outlet {k}" for k in range(14)],
        "outlet_group": groups,
        "group_name": [f"Lakeside Standard Weekly {k}" for k in range(14)],
        "colour": "#332288", "group_colour": "#0072B2", "language": "en"})
    profiles, keyness = [], []
    for k, group in enumerate(groups):
        for level in ("full", "headline"):
            for measure in FRAMES:
                profiles.append(("e1", "outlet_group", group, group, level, "frame", measure,
                                 0.1 + 0.02 * k, 6, 6))
                profiles.append(("e1", "outlet", group, f"o{k}", level, "frame", measure,
                                 0.1, 6, 6))
            keyness += [{"label": group, "versus": "rest", "term": f"w{k}{i}", "count_label": 5,
                         "count_rest": 1, "docs_label": 3, "docs_rest": 1, "delta": 1.0,
                         "z": 3.0, "log_ratio": 2.0, "alpha0": 1000, "p_doc_perm": 0.01,
                         "event_id": "e1", "language": "en", "text_level": level}
                        for i in range(8)]
    profiles = pd.DataFrame(profiles, columns=["event_id", "level", "outlet_group", "unit",
                                               "text_level", "kind", "measure", "mean",
                                               "n_articles", "n_total"])
    _, terms, _, events = _event_tables()
    with matplotlib.rc_context(RC):
        fig = plot_same_event("e1", profiles, terms.iloc[:0], pd.DataFrame(keyness), events,
                              outlets)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # "constrained_layout not applied ..."
            fig.draw_without_rendering()
        legend = fig.subfigs[0].subfigs[1].legends[0]
        assert len(legend.get_texts()) == 28
        frames, legend_box = _by_title(fig, "(b)"), legend.get_window_extent()
        assert frames.get_window_extent().height > 0.8 * fig.dpi  # room for the dots
        assert legend_box.y1 <= frames.get_tightbbox().y0 + 1  # below the axis label
        words = _by_title(fig, "(d)")
        heads = [t for t in words.texts if t.get_fontweight() == "bold"]
        assert len(heads) == 28
        pitch = words.get_window_extent().width / 5
        assert all(t.get_window_extent().width < pitch - 2 for t in heads)
        assert {t.get_fontsize() for t in heads} == {6.5}  # 7 pt did not fit: all smaller
        assert heads[0].get_text() == "Lakeside Sta… · full texts"


def test_same_event_draws_at_most_the_largest_groups_and_counts_the_rest(outlets):
    # the fixture's groups on e1: alpha 10 articles (a1 6, a2 4), beta 5, gamma 3
    profiles, terms, keyness, events = _event_tables()
    fig = plot_same_event("e1", profiles, terms, keyness, events, outlets, most_groups=2)
    title = fig._suptitle.get_text()
    assert "n = 18 articles from 4 outlets in 3 outlet groups" in title  # the event's all
    assert _yticks(_by_title(fig, "(a)")) == ["Alpha One", "Alpha Two", "Beta One"]
    assert _yticks(_by_title(fig, "(c) Naming the war")) == ["Alpha", "Beta"]
    legend = [t.get_text() for t in _by_title(fig, "(b)").figure.legends[0].get_texts()]
    assert legend == ["Alpha · ledes (n=10)", "Alpha · headlines (n=6)", "Beta · ledes (n=5)"]
    texts = [t.get_text() for t in _by_title(fig, "(d)").texts]
    assert not any(t.startswith("Gamma") or t.startswith("gw") for t in texts)
    notes = " ".join(reversed(texts))  # (the notes' lines are put bottom up)
    assert ("Drawn: the 2 groups with the most articles on this event (15 articles); not "
            "drawn: 1 group (3 articles), in tables/same_event_profiles.csv "
            "(thresholds.same_event_groups_max).") in notes
    # as many groups as allowed, or more allowed: all drawn, no note
    for most in (3, None):
        fig = plot_same_event("e1", profiles, terms, keyness, events, outlets,
                              most_groups=most)
        assert _yticks(_by_title(fig, "(c) Naming the war")) == ["Alpha", "Beta", "Gamma"]
        assert "Drawn:" not in " ".join(t.get_text() for t in _by_title(fig, "(d)").texts)


# ---------------------------------------------------------------------------------------
# seed articles
# ---------------------------------------------------------------------------------------

def test_seed_articles_dumbbells_by_unit(outlets):
    features = pd.DataFrame({
        "feature": ["lex__n_words", "lex__flesch_reading_ease", "lex__gunning_fog",
                    "lex__mattr", "sent__all_compound", "frame__generic_conflict_rate",
                    "src__n_quotes"],
        "b1": [400, 30.0, 18.0, 0.8, -0.25, 20.0, 6],  # table order is not display order
        "a1": [350, 40.0, 16.0, 0.9, 0.10, 10.0, 6],
    })
    fig = plot_seed_articles(features, outlets)
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert len(fig.axes) == 5 and all(titles)
    panels = {ax.get_title(loc="left").split(" (")[0].split(":")[0]: ax for ax in fig.axes}
    readability = panels["Readability and lexical diversity"]
    assert _yticks(readability) == ["Flesch reading ease (0–100)", "Gunning fog index (grade)"]
    pairs = [tuple(np.round(c.get_offsets()[0], 6)) for c in readability.collections]
    assert pairs == [(40.0, 0.0), (30.0, 0.0), (16.0, 1.0), (18.0, 1.0)]  # a1 first
    assert {t.get_text() for t in readability.texts} == {"30.0", "40.0", "16.0", "18.0"}
    tone = panels["Tone"]
    assert _yticks(tone) == ["Whole text"]
    assert {t.get_text() for t in tone.texts} == {"-0.25", "+0.10"}
    assert tone.get_xlim()[0] < -1 and tone.get_xlim()[1] > 1
    counts = panels["Counts"]
    assert [t.get_text() for t in counts.texts] == ["6 (both)"]
    assert _yticks(panels["Cues per 1,000 words"]) == ["Conflict-frame cues"]
    assert _yticks(panels["Shares of the article"]) == ["Type–token ratio (MATTR)"]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Alpha One (350 words)", "Beta One (400 words)"]
    colours = [matplotlib.colors.to_hex(c.get_facecolors()[0]) for c in tone.collections]
    assert colours == ["#ee6677", "#0072b2"]  # the outlets' own colours, not the groups'


# ---------------------------------------------------------------------------------------
# the real tables
# ---------------------------------------------------------------------------------------

def test_every_figure_draws_from_the_real_tables():
    tables = ROOT / "tables"
    names = ["term_choices_by_outlet", "keyness_pairs", "classifier_confusion",
             "classifier_scores", "same_event_profiles", "same_event_term_choices",
             "same_event_keyness", "close_reading_features"]
    missing = [n for n in names if not (tables / f"{n}.csv").exists()]
    if missing:
        pytest.skip(f"tables/{missing[0]}.csv is missing: run `python -m analysis compare`")
    import analysis

    t = {n: pd.read_csv(tables / f"{n}.csv") for n in names}
    outlets, events = analysis.load_outlets(), analysis.load_events()
    event = t["same_event_keyness"]["event_id"].iloc[0]
    with matplotlib.rc_context(RC):
        figures = {
            "terms": plot_term_choices(t["term_choices_by_outlet"], outlets),
            "keyness": plot_keyness(t["keyness_pairs"], "russian-state", "western",
                                    "outlet_group", outlets, text_level="lede"),
            "confusion": plot_confusion(t["classifier_confusion"], t["classifier_scores"],
                                        outlets),
            "event": plot_same_event(event, t["same_event_profiles"],
                                     t["same_event_term_choices"], t["same_event_keyness"],
                                     events, outlets),
            "seed": plot_seed_articles(t["close_reading_features"], outlets),
        }
        for name, fig in figures.items():
            for fmt in ("png", "svg"):
                buffer = BytesIO()
                fig.savefig(buffer, format=fmt, dpi=100)
                assert len(buffer.getvalue()) > 10_000, (name, fmt)
    assert len(figures["terms"].axes) >= 4
    assert len(figures["keyness"].axes[0].texts) == 24
