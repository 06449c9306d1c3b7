"""The coverage heat map on a study of many small outlets: its scale, title and labels."""

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from analysis.plots._style import RC
from analysis.plots.coverage import plot_coverage_matrix


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
