"""LibreOffice converts the agreement annex and the progress report to PDF; the first pages say what matters."""

from __future__ import annotations

import subprocess

import pytest
from soffice import convert
from awarded import BUILT, MEASUREMENTS, submission, tender

from generator.agreement import render_agreement
from generator.monitoring import fill_monitoring_workbook, load_measurement_set, read_monitoring_workbook
from generator.monitoring import write_monitoring_workbook
from generator.progress import progress_report, render_progress_docx

pytestmark = pytest.mark.soffice


def pdf_text(docx_path, tmp_path, last_page: int) -> str:
    """The text of the first ``last_page`` pages of ``docx_path`` converted to PDF by LibreOffice."""
    pdf = convert(docx_path, "pdf", tmp_path)
    return subprocess.run(["pdftotext", "-f", "1", "-l", str(last_page), str(pdf), "-"], capture_output=True,
                          text=True, timeout=60, check=True).stdout


def test_agreement_and_progress_report_convert_to_pdf(tmp_path):
    t = tender()
    sub = submission(t)
    annex = tmp_path / "agreement.docx"
    annex.write_bytes(render_agreement(t, sub, built=BUILT))
    text = pdf_text(annex, tmp_path, 1)
    assert "Samenwerkingsafspraken" in text and "61834207" in text
    filled = tmp_path / "monitoring.xlsx"
    filled.write_bytes(fill_monitoring_workbook(write_monitoring_workbook(t, sub, built=BUILT),
                                                load_measurement_set(MEASUREMENTS)))
    report = tmp_path / "progress.docx"
    report.write_bytes(render_progress_docx(progress_report(t, sub, read_monitoring_workbook(filled)), t,
                                            built=BUILT))
    first = pdf_text(report, tmp_path, 1)
    # The first page carries the verdict: the status of every KPI and the bottlenecks.
    for expected in ("In één oogopslag", "PRF-04", "onder norm", "Knelpunten", "ACT-006", "30 juni 2028"):
        assert expected in first, expected
