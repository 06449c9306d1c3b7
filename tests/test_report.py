"""`make report`: each notebook executed and exported as a static HTML file."""

import pytest

from analysis.report import export_reports


def test_unknown_notebook_is_named():
    with pytest.raises(ValueError, match="no notebook named 99-nothing"):
        export_reports(["99-nothing"])


@pytest.mark.slow
def test_report_is_a_static_html_copy_with_its_figures(tmp_path, processed):
    assert export_reports(["07-measurement-validity"], out=tmp_path) == {
        "07-measurement-validity": "ok"}
    html = (tmp_path / "07-measurement-validity.html").read_text(encoding="utf-8")
    assert "Do the measures agree with human coders?" in html
    assert 'src="data:image/png;base64,' in html  # figures embedded, no side files
    assert "Traceback" not in html
    assert 'class="nn">analysis' not in html  # code cells hidden by default ...
    assert export_reports(["07-measurement-validity"], out=tmp_path, show_code=True) == {
        "07-measurement-validity": "ok"}
    shown = (tmp_path / "07-measurement-validity.html").read_text(encoding="utf-8")
    assert 'class="nn">analysis' in shown  # ... and shown when asked for


@pytest.mark.slow
def test_report_runs_for_another_study_without_kernel_warnings(tmp_path, capfd,
                                                              second_study):
    study = second_study
    capfd.readouterr()
    assert export_reports(["01-corpus-overview"], out=tmp_path, study=study) == {
        "01-corpus-overview": "ok"}
    html = (tmp_path / "01-corpus-overview.html").read_text(encoding="utf-8")
    assert study.title in html
    captured = capfd.readouterr()
    assert "TCP" not in captured.out + captured.err
    assert "WARNING" not in captured.out + captured.err


def test_a_failed_notebook_is_reported_by_its_error_and_cell():
    """A cell's error is reported as its type and message and the cell's first line, not
    as nbclient's first line ("An error occurred while executing the following cell:")."""
    from nbclient.exceptions import CellExecutionError

    from analysis.report import _why

    error = CellExecutionError(
        "An error occurred while executing the following cell:\n------------------\n"
        "\ntimeline, fig = figure('corpus_timeline_by_outlet_group', data)\nfig\n"
        "------------------\n\nTraceback ...\nSkip: no article has a date\n",
        "Skip", "no article has a date")
    assert _why(error) == ("Skip: no article has a date (in the cell that starts "
                           "\"timeline, fig = figure('corpus_timeline_by_outlet_group', "
                           "data)\")")
    assert _why(OSError("disk full\nmore")) == "OSError: disk full"
