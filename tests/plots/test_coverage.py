"""The coverage heat map on a study of many small outlets: its scale, title and labels."""

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from analysis.plots._style import RC
from analysis.plots.coverage import plot_coverage_matrix, plot_coverage_timeline


@pytest.fixture
def small_outlets():
    """Sixty outlets of a few articles each: every one is pooled as 'other outlets'."""
    outlets = pd.DataFrame({"outlet": [f"o{k:02d}" for k in range(60)],
                            "outlet_name": [f"Outlet {k:02d} News" for k in range(60)]})
    events = pd.DataFrame({"event_id": ["alpha", "beta", "gamma", "delta"],
                           "name": ["alpha", "beta", "gamma", "delta"]})
    counts = {"alpha": 75, "beta": 74, "gamma": 76, "delta": 95}
    coverage = pd.DataFrame([
        {"outlet": f"o{k:02d}", "outlet_name": f"Outlet {k:02d} News", "event_id": event,
         "n_articles": n // 60 + (k < n % 60)}
        for event, n in counts.items() for k in range(60)])
    return coverage, outlets, events


def _drawn(coverage, outlets, events):
    with matplotlib.rc_context(RC):
        fig = plot_coverage_matrix(coverage, outlets, events)
        FigureCanvasAgg(fig).draw()  # (as the build saves it: the layout is done)
    return fig


def test_the_scale_starts_at_no_article_and_every_number_is_readable(small_outlets):
    fig = _drawn(*small_outlets)
    image = fig.axes[0].images[0]
    assert image.norm.vmin == 0  # white is no article, not the smallest count drawn
    numbers = {t.get_text(): t.get_color() for t in fig.axes[0].texts}
    assert numbers == {"75": "white", "74": "white", "95": "white", "76": "white"}
    # each cell's colour is dark enough for white numbers (relative luminance)
    for value in (74, 75, 76, 95):
        r, g, b, _ = image.cmap(image.norm(np.log10(value + 1)))
        assert 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5


def test_title_and_colour_bar_label_lie_inside_the_figure(small_outlets):
    fig = _drawn(*small_outlets)
    inside = fig.bbox
    renderer = fig.canvas.get_renderer()
    (title,) = [t for t in fig.findobj(matplotlib.text.Text) if "N = 320" in t.get_text()]
    label = fig.axes[1].yaxis.label
    assert label.get_text() == "log10(articles + 1)"
    for text in (title, label):
        box = text.get_window_extent(renderer)
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1 + 0.5, text.get_text()
        assert inside.y0 <= box.y0 and box.y1 <= inside.y1 + 0.5, text.get_text()


def _timeline(periods):
    groups = pd.DataFrame({"outlet_group": ["left", "right"], "group_name": ["Left", "Right"],
                           "group_colour": ["#D55E00", "#0072B2"]})
    rows = [{"period": pd.Timestamp(p), "outlet_group": g, "n_articles": n}
            for p, counts in periods.items()
            for g, n in zip(["left", "right"], counts, strict=True)]
    rows.append({"period": pd.NaT, "outlet_group": "left", "n_articles": 4})  # undated
    with matplotlib.rc_context(RC):
        fig = plot_coverage_timeline(pd.DataFrame(rows), groups)
        FigureCanvasAgg(fig).draw()
    return fig.axes[0]


def test_a_timeline_of_two_years_has_a_bar_a_month():
    ax = _timeline({"2021-11-01": (3, 1), "2023-06-01": (2, 2)})
    assert ax.get_ylabel() == "Articles per month (n)"
    assert len(ax.patches) == 2 * 20  # Nov 2021 to Jun 2023, each group's bar
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "Jan 2022", "Jul 2022", "Jan 2023"]


def test_a_timeline_of_a_century_has_a_bar_a_year_and_few_labels():
    ax = _timeline({"1900-01-01": (6, 7), "2022-02-01": (21, 19), "2022-07-01": (1, 0)})
    title = [t for t in ax.figure.findobj(matplotlib.text.Text) if "N = " in t.get_text()]
    assert title[0].get_text() == ("Articles per year by outlet group "
                                   "(N = 54 dated; 4 undated not shown)")
    assert ax.get_ylabel() == "Articles per year (n)"
    heights = [p.get_height() for p in ax.patches]
    assert len(heights) == 2 * 123  # 1900 to 2022
    assert heights[0] == 6 and heights[122] == 22 and heights[123] == 7 and heights[-1] == 19
    ticks = dict(zip([t.get_text() for t in ax.get_xticklabels()], ax.get_xticks(),
                     strict=True))  # round years, each at its own bar
    assert list(ticks) == ["1900", "1920", "1940", "1960", "1980", "2000", "2020"]
    assert ticks["2020"] == 120 and ax.patches[122].get_x() + 0.425 == pytest.approx(122)


def test_a_timeline_of_many_groups_pools_the_smallest_beside_a_key_that_fits():
    # twelve groups, group k with k + 1 articles in March 2022: the nine largest (3 to 11)
    # keep their bars, groups 0 to 2 (1 + 2 + 3 articles) are pooled
    groups = pd.DataFrame({"outlet_group": [f"g{k}" for k in range(12)],
                           "group_name": [f"Group {k}" for k in range(12)],
                           "group_colour": ["#D55E00"] * 12})
    timeline = pd.DataFrame({"period": pd.Timestamp("2022-03-01"),
                             "outlet_group": [f"g{k}" for k in range(12)],
                             "n_articles": range(1, 13)})
    with matplotlib.rc_context(RC):
        fig = plot_coverage_timeline(timeline, groups)
        FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == [f"Group {k} (n={k + 1})" for k in range(3, 12)] + [
        "3 other groups (n=6)"]
    assert [p.get_height() for p in ax.patches] == [*range(4, 13), 6]
    # one colour for all (more groups than colours): each group's bar told apart by its
    # hatch, in turn; the pooled bar has a colour of its own
    assert [p.get_hatch() for p in ax.patches] == [
        None, "////", "....", "xxxx", None, "////", "....", "xxxx", None, None]
    assert [p.get_hatch() for p in ax.get_legend().get_patches()][:2] == [None, "////"]
    key = ax.get_legend().get_window_extent(fig.canvas.get_renderer())
    assert key.x0 >= ax.get_window_extent().x1 and key.x1 <= fig.bbox.x1  # beside, inside
    ten = plot_coverage_timeline(timeline[:10], groups).axes[0]  # ten groups: none pooled
    assert [t.get_text() for t in ten.get_legend().get_texts()] == [
        f"Group {k} (n={k + 1})" for k in range(10)]
