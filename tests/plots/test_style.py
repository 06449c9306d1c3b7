"""The house style's helpers that place text: checked on drawn figures."""

import matplotlib

from analysis.plots._style import FULL_WIDTH, RC, corner_note, new_figure, wrap

# a title as the estimates figures write it, for fourteen groups: wrapped to the figure's
# width, its first line ends where a note of "full texts only" in the corner begins
TITLE = ("Generic frames by outlet group: cues per 1,000 words, mean and 95% bootstrap CI "
         "(14 outlet groups with ≥ 30 articles)")


def _drawn(title: str, note: str):
    with matplotlib.rc_context(RC):
        fig = new_figure(dpi=200)  # the build's raster resolution (text is hinted per dpi)
        fig.add_subplot()
        fig.suptitle(wrap(title, FULL_WIDTH - 0.1, 9), x=0.01, ha="left", fontsize=9)
        before = fig.get_suptitle()
        corner_note(fig, note)
        fig.draw_without_rendering()
        renderer = fig._get_renderer()
        corner = next(t for t in fig.texts if t.get_text() == note)
        return (before, fig.get_suptitle(), fig._suptitle.get_window_extent(renderer),
                corner.get_window_extent(renderer))


def test_a_title_that_would_run_into_the_corner_note_is_wrapped_short_of_it():
    before, after, title, corner = _drawn(TITLE, "full texts only")
    assert before.split("\n")[0].endswith("(14 outlet groups")
    assert after.split("\n")[0].endswith("CI (14") and " ".join(after.split()) == TITLE
    assert not title.overlaps(corner) and title.x1 < corner.x0


def test_a_title_clear_of_the_corner_note_is_left_as_it_is():
    # the embedded study's title, six groups: its first line ends short of the note
    before, after, title, corner = _drawn(TITLE.replace("(14", "(6"), "ledes only")
    assert after == before and not title.overlaps(corner)
