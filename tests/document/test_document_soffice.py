"""LibreOffice converts the tender document to PDF; the PDF shows the reference, the contents and every ID."""

from __future__ import annotations

import re
import subprocess

import pytest
from soffice import convert
from docxcheck import BUILT, ids, sample_tender
from factories import make_tender

from generator.document import render_tender_document

pytestmark = pytest.mark.soffice


def to_pdf(docx_path, tmp_path):
    """Convert ``docx_path`` with headless LibreOffice; the PDF's path."""
    return convert(docx_path, "pdf", tmp_path)


def pdf_text(pdf, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text; hyphen-wrapped IDs ("GOV-" at a line end, "03" on the next) joined again."""
    pages = ["-f", str(first), "-l", str(last)] if first else []
    text = subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, timeout=60,
                          check=True).stdout
    return re.sub(r"-\n", "-", text)


def pages(pdf) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60,
                          check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.mark.parametrize(("name", "lang"), [("gemeente-it-beheer", "nl"), ("bouwteam-n-weg", "en")])
def test_sample_converts_to_pdf_with_reference_contents_and_ids(tmp_path, name, lang):
    tender = sample_tender(name, lang)
    source = tmp_path / f"{name}-{lang}.docx"
    source.write_bytes(render_tender_document(tender, built=BUILT))
    pdf = to_pdf(source, tmp_path)
    assert pages(pdf) >= 10
    text = pdf_text(pdf)
    assert text.count(tender.reference) >= pages(pdf) - 1  # title page plus every running header
    for item_id in ids(tender):
        assert item_id in text, item_id
    contents = pdf_text(pdf, 2, 2)
    assert ("Inhoudsopgave" if lang == "nl" else "Contents") in contents
    assert ("2.2 Planning" if lang == "nl" else "2.2 Timetable") in contents
    assert f"{pages(pdf)}" in pdf_text(pdf, 3, 3)  # "Pagina 3 van N": NUMPAGES was computed


def test_tricky_text_reaches_the_pdf(tmp_path):
    tender = make_tender("nl", tricky=True)
    source = tmp_path / "tricky.docx"
    source.write_bytes(render_tender_document(tender, built=BUILT))
    text = pdf_text(to_pdf(source, tmp_path))
    assert "R&D <select> \"quoted\" 'single' a < b && c > d {{ not_a_tag }} {% raw %}" in text
