"""LibreOffice converts the comparison report to PDF; the first page names the winner and the exclusion."""

from __future__ import annotations

import subprocess

import pytest
from soffice import convert
from evaluation_bids import BUILT, sample_scores, sample_tender_and_bids

from generator.evaluation import compliance, evaluate, write_comparison_docx
from generator.text import format_euro

pytestmark = pytest.mark.soffice


def pdf_pages(docx_path, tmp_path) -> list[str]:
    """The text of every page of ``docx_path`` converted to PDF by LibreOffice."""
    pdf = convert(docx_path, "pdf", tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, timeout=60,
                          check=True).stdout
    return text.split("\f")


def test_comparison_report_converts_to_pdf(tmp_path):
    tender, subs = sample_tender_and_bids("bouwteam-n-weg", "nl")
    subs = list(subs)
    matrix = compliance(tender, subs)
    ev = evaluate(tender, subs, sample_scores(tender, matrix))
    path = tmp_path / "vergelijking.docx"
    path.write_bytes(write_comparison_docx(ev, matrix, tender, subs, built=BUILT))
    pages = pdf_pages(path, tmp_path)
    first = " ".join(pages[0].split())
    winner, excluded = ev.ranking[0], ev.set_aside[0]
    total = format_euro(float(winner.total), "nl")
    for expected in ("Beoordelingsrapport inschrijvingen", tender.reference,
                     f"De inschrijving van {winner.name}", total, excluded.name, "SRO-01"):
        assert expected in first, expected
    everything = " ".join(" ".join(pages).split())
    for result in ev.ranking:
        assert format_euro(float(result.total), "nl") in everything
    assert "Alcatel-termijn" in everything
    assert f"Pagina {len([p for p in pages if p.strip()])} van" in everything
