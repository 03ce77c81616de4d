"""Workbooks that print (issue 13, item 4): every visible sheet of every workbook of the IT sample has a
print setup, header rows repeated, a print area, a footer with the reference and page X of Y, and rows
that fit their wrapped text; LibreOffice prints the progress workbook's subtitle whole."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent / "agreement"))
sys.path.insert(0, str(Path(__file__).resolve().parent / "evaluation"))

from awarded import BUILT, MEASUREMENTS  # noqa: E402
from evaluation_bids import sample_scores, sample_tender_and_bids  # noqa: E402

from generator.evaluation import compliance, evaluate, write_comparison_xlsx  # noqa: E402
from generator.evaluation import write_compliance_xlsx, write_scoring_workbook  # noqa: E402
from generator.export import commitments, write_commitments  # noqa: E402
from generator.form import write_form  # noqa: E402
from generator.monitoring import (  # noqa: E402
    fill_monitoring_workbook, load_measurement_set, read_monitoring_workbook, write_monitoring_workbook,
)
from generator.progress import progress_report, write_progress_workbook  # noqa: E402
from generator.store import Store  # noqa: E402

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
SAMPLE = "gemeente-it-beheer"
LONG = 60
"""A text this long wraps in every column narrower than the text (all but the widest)."""


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, bytes]:
    """Every workbook tenderpack writes for the IT sample, in Dutch, by name."""
    tender, bids = sample_tender_and_bids(SAMPLE)
    subs = list(bids)
    matrix = compliance(tender, subs)
    winner = next(s for s, row in zip(subs, matrix.rows, strict=True) if row.admitted)
    monitoring = write_monitoring_workbook(tender, winner, built=BUILT)
    filled = fill_monitoring_workbook(monitoring, load_measurement_set(MEASUREMENTS))
    measured = read_monitoring_workbook(_saved(tmp_path_factory, filled))
    with Store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'db.sqlite'}") as store:
        store.register_tender(tender)
        for sub in subs:
            store.import_submission(sub)
        register = commitments(store, tender.reference)
    return {
        "form": write_form(tender, built=BUILT),
        "scoring": write_scoring_workbook(tender, subs, built=BUILT),
        "compliance": write_compliance_xlsx(matrix, tender, subs, built=BUILT),
        "comparison": write_comparison_xlsx(evaluate(tender, subs, sample_scores(tender, matrix)), matrix,
                                            tender, subs, built=BUILT),
        "monitoring": monitoring,
        "progress": write_progress_workbook(progress_report(tender, winner, measured), built=BUILT),
        "commitments": write_commitments(register, "xlsx", tender=tender, built=BUILT),
    }


def _saved(tmp_path_factory, data: bytes) -> Path:
    path = tmp_path_factory.mktemp("monitoring") / "monitoring.xlsx"
    path.write_bytes(data)
    return path


def _sheets(data: bytes) -> list[tuple[str, int, etree._Element]]:
    """(name, index, sheet XML) of every sheet a user sees (not the hidden metadata and list sheets)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = etree.fromstring(z.read("xl/workbook.xml"))
        rels = etree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target").lstrip("/").removeprefix("xl/") for r in rels}
        out = []
        for index, sheet in enumerate(book.xpath("//m:sheets/m:sheet", namespaces=NS)):
            if sheet.get("state") in ("hidden", "veryHidden"):
                continue
            part = "xl/" + targets[sheet.get(f"{{{NS['r']}}}id")]
            out.append((sheet.get("name"), index, etree.fromstring(z.read(part))))
        return out


def _defined(data: bytes, name: str) -> dict[int, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = etree.fromstring(z.read("xl/workbook.xml"))
    return {int(d.get("localSheetId")): d.text
            for d in book.xpath("//m:definedName[@name=$n]", n=name, namespaces=NS)}


def _wrapped_styles(data: bytes) -> set[str]:
    """The indices (as in a cell's ``s``) of the cell formats that wrap text."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("xl/styles.xml"))
    return {str(i) for i, xf in enumerate(root.xpath("m:cellXfs/m:xf", namespaces=NS))
            if xf.xpath("m:alignment/@wrapText", namespaces=NS) in (["1"], ["true"])}


def _strings(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if "xl/sharedStrings.xml" not in z.namelist():
            return []
        root = etree.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(si.xpath(".//m:t/text()", namespaces=NS)) for si in root.xpath("m:si", namespaces=NS)]


NAMES = ["form", "scoring", "compliance", "comparison", "monitoring", "progress", "commitments"]


@pytest.mark.parametrize("name", NAMES)
def test_every_sheet_prints(workbooks, name):
    data = workbooks[name]
    titles, areas = _defined(data, "_xlnm.Print_Titles"), _defined(data, "_xlnm.Print_Area")
    strings, wrapped = _strings(data), _wrapped_styles(data)
    sheets = _sheets(data)
    assert sheets
    for sheet, index, root in sheets:
        setup = root.find("m:pageSetup", NS)
        assert setup is not None and setup.get("orientation") in ("portrait", "landscape"), sheet
        fit = (setup.get("fitToWidth"), setup.get("fitToHeight"), setup.get("paperSize"))
        assert fit == ("1", "0", "9"), sheet
        assert root.xpath("m:sheetPr/m:pageSetUpPr/@fitToPage", namespaces=NS) == ["1"], sheet
        footer = root.findtext("m:headerFooter/m:oddFooter", namespaces=NS)
        assert "Pagina &P van &N" in footer and "GZV-2027-ICT-014" in footer, (sheet, footer)
        assert index in areas and areas[index].endswith(tuple("0123456789")), sheet
        # A sheet with a table (a header-styled row) repeats that row on every page.
        if root.xpath("m:sheetData/m:row[count(m:c) > 2]", namespaces=NS):
            assert index in titles, sheet
        # Rows holding a long wrapped text have a height (LibreOffice does not compute one on loading).
        for row in root.xpath("m:sheetData/m:row", namespaces=NS):
            cells = [c for c in row.xpath("m:c[@t='s' or @t='inlineStr']", namespaces=NS)
                     if c.get("s") in wrapped]
            texts = [strings[int(c.findtext("m:v", namespaces=NS))] if c.get("t") == "s"
                     else "".join(c.xpath(".//m:t/text()", namespaces=NS)) for c in cells]
            if any(len(t) > LONG for t in texts):
                assert row.get("ht") is not None, (sheet, row.get("r"))


def test_commitments_register_has_a_dutch_title(workbooks):
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(workbooks["commitments"])).worksheets[0]
    assert ws.title == "Toezeggingen" and ws["A1"].value == "Toezeggingenregister GZV-2027-ICT-014"
    assert ws["A3"].value == "Toezegging-ID" and ws.print_title_rows == "$3:$3"


def test_workbooks_are_byte_identical_for_the_same_input(workbooks):
    tender, bids = sample_tender_and_bids(SAMPLE)
    subs = list(bids)
    matrix = compliance(tender, subs)
    assert write_compliance_xlsx(matrix, tender, subs, built=BUILT) == workbooks["compliance"]


@pytest.mark.soffice
def test_progress_overview_subtitle_prints_whole(workbooks, tmp_path):
    from soffice import convert

    source = tmp_path / "voortgang.xlsx"
    source.write_bytes(workbooks["progress"])
    pdf = convert(source, "pdf", tmp_path)
    first = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                           text=True, timeout=60, check=True).stdout
    import openpyxl

    subtitle = openpyxl.load_workbook(source).worksheets[0]["A2"].value
    assert subtitle.startswith("GZV-2027-ICT-014 · ") and len(subtitle) > 40
    assert subtitle in " ".join(first.split()), first
    assert "Pagina 1 van" in first
