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
