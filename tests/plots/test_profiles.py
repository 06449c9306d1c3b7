"""Outlet-profile figures: what is drawn equals the estimates table, in register order."""

from __future__ import annotations

import io

import matplotlib
import numpy as np
import pandas as pd
import pytest

from analysis.plots._style import RC
from analysis.plots.profiles import (
    plot_actor_sentiment_heatmap,
    plot_frame_prevalence_by_outlet,
    plot_readability_by_outlet,
    plot_sentiment_by_outlet,
    plot_sourcing_by_outlet,
)
from tests.conftest import ROOT

COLUMNS = ["level", "unit", "feature", "family", "n_articles", "n_tokens", "n_events", "mean",
           "ci_low", "ci_high", "ci_method", "n_boot"]
GREEN, ORANGE = "#009E73", "#D55E00"


@pytest.fixture
def outlets() -> pd.DataFrame:
    """Four outlets in two groups; register order is not alphabetical order."""
    return pd.DataFrame({
        "outlet": ["rt", "tass", "bbc", "cnn"],
        "outlet_name": ["Alpha", "Beta", "Gamma", "Delta"],
        "outlet_group": ["east", "east", "west", "west"],
        "group_name": ["East", "East", "West", "West"],
        "colour": ["#EE6677", "#AA3377", "#4477AA", "#66CCEE"],
        "group_colour": [ORANGE, ORANGE, GREEN, GREEN],
        "order": [0, 1, 2, 3],
    })


def table(rows, level="outlet") -> pd.DataFrame:
    """Estimates from (unit, feature, n_articles, mean, ci_low, ci_high) tuples."""
    frame = pd.DataFrame(rows, columns=["unit", "feature", "n_articles", "mean", "ci_low",
                                        "ci_high"])
    frame["level"] = level
    frame["family"] = frame["feature"].str.split("__").str[0]
    frame["n_tokens"] = frame["n_articles"] * 20
    frame["n_events"] = 1
    frame["ci_method"] = "article bootstrap"
    frame["n_boot"] = 1000
    return frame[COLUMNS]


def labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def collection(ax, gid):
    found = [c for c in ax.collections if c.get_gid() == gid]
    assert len(found) == 1, f"{gid} not drawn once: {[c.get_gid() for c in ax.collections]}"
    return found[0]


def ci_segments(ax, feature) -> list[tuple[float, float, float]]:
    """(y, lo, hi) of each whisker of `feature`."""
    return [(s[0][1], s[0][0], s[1][0])
            for s in collection(ax, f"ci:{feature}").get_segments()]


def mean_points(ax, feature) -> np.ndarray:
    return np.asarray(collection(ax, f"mean:{feature}").get_offsets())


def right_counts(ax) -> list[str]:
    """The n column right of a panel (its secondary y axis)."""
    (side,) = ax.child_axes
    return [t.get_text() for t in side.get_yticklabels()]


def all_text(fig) -> str:
    """Every text of the figure, with line wrapping undone."""
    return " ".join(" ".join(t.get_text().split())
                    for t in fig.findobj(matplotlib.text.Text) if t.get_text())


# --------------------------------------------------------------------------- readability

FRE, MSL = "lex__flesch_reading_ease", "lex__mean_sentence_length"


@pytest.fixture
def readability():
    return table([
        # listed out of register order on purpose
        ("cnn", FRE, 40, 30.0, 25.0, 35.0), ("cnn", MSL, 40, 20.0, 18.0, 22.0),
        ("bbc", FRE, 5, 90.0, 80.0, 99.0), ("bbc", MSL, 5, 9.0, 8.0, 10.0),
        ("tass", FRE, 0, np.nan, np.nan, np.nan), ("tass", MSL, 50, 25.0, 24.0, 26.0),
        ("rt", FRE, 100, 45.0, 42.0, 48.0), ("rt", MSL, 100, 15.0, 14.0, 16.0),
    ])


def test_readability_panels_rows_and_intervals_equal_the_table(readability, outlets):
    fig = plot_readability_by_outlet(readability, outlets, features=(FRE, MSL))
    first, second = fig.axes
    assert len(fig.axes) == 2
    # register order; Gamma (5 articles) is below min_articles in both panels
    assert labels(first) == ["Alpha", "Beta", "Delta"]
    assert "Gamma" not in all_text(fig)
    assert first.get_title(loc="left") == "Flesch reading ease"
    assert "higher = easier" in first.get_xlabel()
    assert second.get_xlabel() == "words per sentence"
    # Beta has no Flesch score (n = 0): no whisker on its row in the first panel
    assert ci_segments(first, FRE) == [(0, 42.0, 48.0), (2, 25.0, 35.0)]
    assert mean_points(first, FRE).tolist() == [[45.0, 0], [30.0, 2]]
    assert ci_segments(second, MSL) == [(0, 14.0, 16.0), (1, 24.0, 26.0), (2, 18.0, 22.0)]
    assert mean_points(second, MSL).tolist() == [[15.0, 0], [25.0, 1], [20.0, 2]]
    # n per panel at the right, since the panels' n differ
    assert right_counts(first) == ["100", "", "40"]
    assert right_counts(second) == ["100", "50", "40"]
    # the dropped unit is accounted for, and colours are the groups'
    text = all_text(fig)
    assert "3 outlets with ≥ 30 articles" in fig.get_suptitle()
    assert "1 outlet (5 articles) with < 30" in text
    assert "1 where the measure does not apply" in text
    colours = collection(second, f"mean:{MSL}").get_edgecolors()
    assert matplotlib.colors.to_hex(colours[0]) == ORANGE.lower()
    assert matplotlib.colors.to_hex(colours[2]) == GREEN.lower()
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["East", "West"]


def test_min_articles_is_the_threshold(readability, outlets):
    fig = plot_readability_by_outlet(readability, outlets, features=(FRE, MSL),
                                     min_articles=5)
    assert labels(fig.axes[0]) == ["Alpha", "Beta", "Gamma", "Delta"]
    fig = plot_readability_by_outlet(readability, outlets, features=(FRE, MSL),
                                     min_articles=60)
    assert labels(fig.axes[0]) == ["Alpha"]
    assert "2 outlets (45 articles) with < 60; 1 where the measure does not apply" in all_text(
        fig)


def test_group_level_uses_group_names_and_colours(outlets):
    groups = table([("west", FRE, 300, 20.0, 18.0, 22.0), ("east", FRE, 200, 40.0, 38.0, 42.0)],
                   level="outlet_group")
    fig = plot_readability_by_outlet(groups, outlets, features=(FRE,))
    ax = fig.axes[0]
    assert labels(ax) == ["East", "West"]
    assert "outlet group" in fig.get_suptitle()
    edge = collection(ax, f"mean:{FRE}").get_edgecolors()
    assert [matplotlib.colors.to_hex(c) for c in edge] == [ORANGE.lower(), GREEN.lower()]
    assert not fig.legends or not fig.legends[0].get_texts()  # the axis names the groups
    # the level comes from the table; asking for another is an error, not an empty figure
    with pytest.raises(ValueError, match="no rows at level 'outlet'"):
        plot_readability_by_outlet(groups, outlets, features=(FRE,), level="outlet")


def test_bad_arguments_are_refused(readability, outlets):
    with pytest.raises(ValueError, match="no rows for feature 'lex__nope'"):
        plot_readability_by_outlet(readability, outlets, features=("lex__nope",))
    with pytest.raises(ValueError, match="level"):
        plot_readability_by_outlet(readability, outlets, level="country")
    with pytest.raises(ValueError, match="kind"):
        plot_frame_prevalence_by_outlet(readability, outlets, kind="narrative")


def test_no_unit_with_enough_articles_gives_a_figure_that_says_so(readability, outlets):
    fig = plot_readability_by_outlet(readability, outlets, features=(FRE,), min_articles=500)
    assert labels(fig.axes[0]) == []
    assert "0 outlets" in fig.get_suptitle()
    assert "no outlet with ≥ 500 articles" in all_text(fig)
    policy = table([("rt", "frame__policy_political_rate", 10, 0.5, 0.4, 0.6)])
    fig = plot_frame_prevalence_by_outlet(policy, outlets, kind="policy")
    assert not fig.axes[0].images
    assert "no outlet has ≥ 30 articles" in all_text(fig)


# --------------------------------------------------------------------------- sentiment


def test_sentiment_own_vs_quoted_and_all_vs_masked(outlets):
    rows = []
    for unit, n, n_quoted, base in (("rt", 100, 40, -0.2), ("tass", 60, 10, -0.1),
                                    ("bbc", 0, 0, np.nan), ("cnn", 35, 35, 0.05)):
        for feature, shift, count in (("own", 0.0, n), ("quoted", 0.1, n_quoted),
                                      ("all", 0.02, n), ("masked", 0.03, n)):
            mean = base + shift
            rows.append((unit, f"sent__{feature}_compound", count, mean, mean - 0.05,
                         mean + 0.05))
    fig = plot_sentiment_by_outlet(table(rows), outlets)
    a, b = fig.axes
    assert labels(a) == ["Alpha", "Beta", "Delta"]  # Gamma: Polish, no VADER score
    own = mean_points(a, "sent__own_compound")
    quoted = mean_points(a, "sent__quoted_compound")
    np.testing.assert_allclose(own, [[-0.2, -0.18], [-0.1, 0.82], [0.05, 1.82]])
    # Beta's 10 quoted articles are below min_articles: no open marker on its row
    np.testing.assert_allclose(quoted, [[-0.1, 0.18], [0.15, 2.18]])
    lo_hi = [(lo, hi) for _, lo, hi in ci_segments(a, "sent__quoted_compound")]
    np.testing.assert_allclose(lo_hi, [(-0.15, -0.05), (0.1, 0.2)])
    np.testing.assert_allclose(mean_points(b, "sent__masked_compound")[:, 0],
                               [-0.17, -0.07, 0.08])
    assert right_counts(a) == ["100/40", "60/–", "35/35"]
    assert right_counts(b) == ["100", "60", "35"]  # whole and masked text: same articles
    for ax in (a, b):
        assert "VADER, −1…1" in ax.get_xlabel()
        assert any(list(line.get_xdata()) == [0, 0] for line in ax.lines)  # zero line
    text = all_text(fig)
    assert "1 outlet (10 articles) with < 30" in text
    assert "1 where the measure does not apply" in text
    # why a unit has no tone, in words true of any corpus (once: "so Polish articles")
    assert "VADER scores English only: a non-English article has no tone" in text
    assert "Polish" not in text


def test_the_key_of_fourteen_groups_stays_inside_the_figure():
    # one outlet per group, fourteen groups named as a researcher's data might name them:
    # the key was once two rows of seven entries, wider than the page, cut at both sides
    names = ["Northern Ledger", "The Daily Lantern", "Harbour Times", "Metro Courier",
             "Valley Post", "Civic Review", "Coastal Herald", "Plains Gazette",
             "River Journal", "Summit Wire", "Capital Observer", "Island Chronicle",
             "Frontier Tribune", "Lakeside Standard"]
    keys = [f"o{k}" for k in range(14)]
    outlets = pd.DataFrame({"outlet": keys, "outlet_name": names, "outlet_group": keys,
                            "group_name": names, "colour": "#4477AA",
                            "group_colour": "#4477AA", "order": range(14)})
    rows = [(u, f"sent__{f}_compound", 40, -0.1, -0.2, 0.0) for u in keys
            for f in ("own", "quoted", "all", "masked")]
    with matplotlib.rc_context(RC):
        fig = plot_sentiment_by_outlet(table(rows), outlets)
        fig.set_dpi(200)
        fig.draw_without_rendering()
        key = fig.legends[0]
        box = key.get_window_extent(fig._get_renderer())
        assert len(key.get_texts()) == 14
        assert box.x0 >= 0 and box.x1 <= fig.bbox.width


# --------------------------------------------------------------------------- actors


def test_actor_heatmap_cells_are_the_means_and_small_cells_are_blank(outlets):
    rows = [("rt", "sent__actor_russia_compound", 5058, -0.2812, -0.36, -0.25),
            ("rt", "sent__actor_ukraine_compound", 4, 0.5, 0.1, 0.9),
            ("cnn", "sent__actor_russia_compound", 12, 0.1, -0.05, 0.3),
            ("cnn", "sent__actor_ukraine_compound", 20, -0.05, -0.2, 0.1),
            ("tass", "sent__actor_russia_compound", 3, -0.9, -1.0, -0.8),
            ("tass", "sent__actor_ukraine_compound", 0, np.nan, np.nan, np.nan)]
    fig = plot_actor_sentiment_heatmap(table(rows), outlets)
    ax = fig.axes[0]
    assert labels(ax) == ["Alpha", "Delta"]  # Beta names no actor in ≥ 10 articles
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Russia", "Ukraine"]
    values = ax.images[0].get_array()
    np.testing.assert_allclose(values.filled(np.nan),
                               [[-0.2812, np.nan], [0.1, -0.05]])
    assert values.mask.tolist() == [[False, True], [False, False]]
    low, high = ax.images[0].get_clim()
    assert (low, high) == pytest.approx((-0.3, 0.3))  # symmetric, |largest mean| rounded up
    assert ax.images[0].get_cmap().name.startswith("RdBu")
    cells = [t.get_text() for t in ax.texts if "[" in t.get_text()]
    assert "-.28 (5058)\n[-.36, -.25]" in cells
    assert "-.05 (20)\n[-.20, .10]" in cells
    assert len(cells) == 3
    assert "naming the actor" in fig.get_suptitle()
    text = all_text(fig)
    assert "Grey: fewer than 10 articles name the actor (1 cells)" in text
    assert "1 outlet with no actor" in text
    assert "(English only: a non-English article has no tone)" in text
    assert "Polish" not in text


# --------------------------------------------------------------------------- frames

GENERIC = ("conflict", "human_interest", "economic", "morality", "responsibility")


def test_generic_frames_one_panel_each_in_percent(outlets):
    rows = []
    for i, frame in enumerate(GENERIC):
        rows += [("rt", f"frame__generic_{frame}_present", 200, 0.10 + i / 100, 0.05, 0.2),
                 ("bbc", f"frame__generic_{frame}_present", 50, 0.40, 0.30, 0.50),
                 ("tass", f"frame__generic_{frame}_present", 29, 0.9, 0.8, 1.0),
                 ("rt", f"frame__generic_{frame}_rate", 200, 3.0, 2.0, 4.0)]
    fig = plot_frame_prevalence_by_outlet(table(rows), outlets, measure="present")
    assert len(fig.axes) == 5
    assert [ax.get_title(loc="left") for ax in fig.axes] == [
        "Conflict", "Human interest", "Economic", "Morality", "Responsibility"]
    assert labels(fig.axes[0]) == ["Alpha", "Gamma"]
    for i, (ax, frame) in enumerate(zip(fig.axes, GENERIC, strict=True)):
        feature = f"frame__generic_{frame}_present"
        np.testing.assert_allclose(ci_segments(ax, feature), [(0, 5, 20), (1, 30, 50)])
        np.testing.assert_allclose(mean_points(ax, feature), [[10 + i, 0], [40, 1]])
        assert ax.get_xlabel() == "% of articles"
    # n is the same in every panel: written once, right of the last panel
    assert [len(ax.child_axes) for ax in fig.axes] == [0, 0, 0, 0, 1]
    assert right_counts(fig.axes[-1]) == ["200", "50"]
    assert "Left out of each panel: 1 outlet (29 articles) with < 30" in all_text(fig)
    # the default draws the rate (cues per 1,000 words), which length does not inflate
    fig = plot_frame_prevalence_by_outlet(table(rows), outlets)
    assert labels(fig.axes[0]) == ["Alpha"]
    np.testing.assert_allclose(mean_points(fig.axes[0], "frame__generic_conflict_rate"),
                               [[3.0, 0]])
    assert fig.axes[0].get_xlabel() == "cues per 1,000 words"
    assert "share grows with a text's length" in all_text(fig)


def test_policy_frames_heatmap_values_text_and_order(outlets):
    rows = [("tass", "frame__policy_political_present", 80, 0.23, 0.18, 0.28),
            ("tass", "frame__policy_economic_present", 80, 0.05, 0.0, 0.1),
            ("rt", "frame__policy_political_present", 10, 0.5, 0.4, 0.6),
            ("rt", "frame__policy_economic_present", 10, 0.5, 0.4, 0.6),
            ("cnn", "frame__policy_political_present", 40, 0.61, 0.5, 0.7),
            ("cnn", "frame__policy_economic_present", 40, 0.0, 0.0, 0.0)]
    fig = plot_frame_prevalence_by_outlet(table(rows), outlets, kind="policy",
                                          measure="present")
    ax = fig.axes[0]
    assert labels(ax) == ["Beta", "Delta"]
    # codebook order: economic before political, whatever the table's order
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Economic", "Political"]
    np.testing.assert_allclose(ax.images[0].get_array(), [[5, 23], [0, 61]])
    assert ax.images[0].get_cmap().name.startswith("cividis")
    cells = [t.get_text() for t in ax.texts if "%" in t.get_text()]
    assert cells == ["5%\n±5", "23%\n±5", "0%\n±0", "61%\n±10"]
    assert right_counts(ax) == ["80", "40"]
    assert "1 outlet (10 articles) with < 30" in all_text(fig)
    rates = table([(u, f.replace("_present", "_rate"), n, m * 10, lo * 10, hi * 10)
                   for u, f, n, m, lo, hi in rows])
    ax = plot_frame_prevalence_by_outlet(rates, outlets, kind="policy").axes[0]
    np.testing.assert_allclose(ax.images[0].get_array(), [[0.5, 2.3], [0, 6.1]])
    assert [t.get_text() for t in ax.texts if "±" in t.get_text()] == [
        "0.5\n±0.5", "2.3\n±0.5", "0.0\n±0.0", "6.1\n±1.0"]


# --------------------------------------------------------------------------- sourcing


def test_sourcing_shares_of_attributed_quotations_and_evaluative_verbs(outlets):
    q = "src__quotes_{}_n"
    rows = [
        # a: 2.0 quotes per article, 0.5 unattributed -> 1.5 attributed:
        #    0.75 official_ru_by (50%), 0.3 expert (20%), 0.45 unidentified (30%)
        ("rt", "src__n_quotes", 100, 2.0, 1.5, 2.5),
        ("rt", "src__quotes_unattributed_n", 100, 0.5, 0.3, 0.7),
        ("rt", q.format("official_ru_by"), 100, 0.75, 0.5, 1.0),
        ("rt", q.format("expert"), 100, 0.3, 0.1, 0.5),
        ("rt", "src__evaluative_verb_share", 60, 0.25, 0.2, 0.3),
        # c: no quotation at all
        ("bbc", "src__n_quotes", 40, 0.0, 0.0, 0.0),
        ("bbc", "src__quotes_unattributed_n", 40, 0.0, 0.0, 0.0),
        ("bbc", q.format("official_ru_by"), 40, 0.0, 0.0, 0.0),
        ("bbc", q.format("expert"), 40, 0.0, 0.0, 0.0),
        ("bbc", "src__evaluative_verb_share", 12, 0.5, 0.1, 0.9),
        # d: too few articles
        ("cnn", "src__n_quotes", 20, 1.0, 0.5, 1.5),
        ("cnn", "src__quotes_unattributed_n", 20, 0.0, 0.0, 0.0),
        ("cnn", q.format("official_ru_by"), 20, 1.0, 0.5, 1.5),
        ("cnn", q.format("expert"), 20, 0.0, 0.0, 0.0),
        ("cnn", "src__evaluative_verb_share", 20, 0.1, 0.0, 0.2),
    ]
    fig = plot_sourcing_by_outlet(table(rows), outlets)
    a, b = fig.axes
    assert labels(a) == ["Alpha", "Gamma"]
    widths = {}
    for container in a.containers:
        gid = container.patches[0].get_gid() or container.get_label()
        widths[container.get_label()] = [p.get_width() for p in container.patches]
        assert gid
    np.testing.assert_allclose(widths["official: Russia/Belarus"], [0.5, 0])
    np.testing.assert_allclose(widths["expert"], [0.2, 0])
    np.testing.assert_allclose(widths["speaker type not identified"], [0.3, 0])
    lefts = [p.get_x() for c in a.containers for p in c.patches[:1]]
    np.testing.assert_allclose(lefts, [0, 0.5, 0.7])
    assert right_counts(a) == ["150", "0"]  # 1.5 attributed quotations × 100 articles
    assert "no attributed quotation" in [t.get_text() for t in a.texts]
    assert ci_segments(b, "src__evaluative_verb_share") == [(0, 20.0, 30.0)]
    assert right_counts(b) == ["60", ""]
    assert "share of attributed quotations" in a.get_xlabel()
    text = all_text(fig)
    assert "(a): 1 outlet (20 articles) with < 30" in text
    assert "(b): 2 outlets (32 articles) with < 30" in text


# --------------------------------------------------------------------------- rendering


def render(fig, fmt: str) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=60, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


def test_figures_are_deterministic(readability, outlets):
    with matplotlib.rc_context(RC):
        first = render(plot_readability_by_outlet(readability, outlets, features=(FRE, MSL)),
                       "svg")
        second = render(plot_readability_by_outlet(readability, outlets, features=(FRE, MSL)),
                        "svg")
    assert first == second


def test_every_figure_renders_from_the_real_tables():
    import analysis

    paths = {level: ROOT / "tables" / f"estimates_by_{level}.csv"
             for level in ("outlet", "outlet_group")}
    missing = [str(p.relative_to(ROOT)) for p in paths.values() if not p.exists()]
    if missing:
        pytest.skip(f"{', '.join(missing)} missing: run `python -m analysis compare` first")
    outlets = analysis.load_outlets()
    draws = (plot_readability_by_outlet, plot_sentiment_by_outlet,
             plot_actor_sentiment_heatmap, plot_frame_prevalence_by_outlet,
             lambda e, o: plot_frame_prevalence_by_outlet(e, o, kind="policy"),
             plot_sourcing_by_outlet)
    with matplotlib.rc_context(RC):
        for level, path in paths.items():
            estimates = pd.read_csv(path)
            with pytest.raises(ValueError, match="several text levels"):
                plot_readability_by_outlet(estimates, outlets)
            estimates = estimates[estimates["text_level"] == "lede"]
            for draw in draws:
                fig = draw(estimates, outlets)
                assert fig.axes and fig.get_suptitle()
                if level == "outlet":  # the register's first outlet with enough articles
                    assert labels(fig.axes[0])[0] == "RT"
                # both formats for the outlet figures; PNG alone for the groups (time)
                for fmt in ("png", "svg") if level == "outlet" else ("png",):
                    assert len(render(fig, fmt)) > 1000
