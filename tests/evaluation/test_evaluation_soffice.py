"""A scoring workbook filled and re-saved by LibreOffice Calc reads back to the same scores."""

from __future__ import annotations

import io

import openpyxl
import pytest
from soffice import resave_xlsx
from evaluation_bids import BUILT, bid, weighted_tender

from generator.evaluation import read_scores, write_scoring_workbook
from generator.evaluation import scoresheet as S

pytestmark = pytest.mark.soffice


def _resave(data: bytes, tmp_path) -> bytes:
    """``data`` converted to .xlsx by LibreOffice."""
    return resave_xlsx(data, tmp_path, "scores.xlsx")


def test_libreoffice_resave_keeps_scores_protection_and_validation(tmp_path):
    tender = weighted_tender()
    subs = [bid("Alfa Advies", answers={"AWD-01": "=1+1", "AWD-02": "Tekst met _x0041_ erin\nen een regel"}),
            bid("Bravo Beheer")]
    wb = openpyxl.load_workbook(io.BytesIO(write_scoring_workbook(tender, subs, built=BUILT)))
    ws = wb.worksheets[0]
    for row, (score, text) in {6: (8, "Sterk plan"), 7: (6, "Redelijk"), 9: (10, "Uitstekend"),
                               10: (4, "=zwak, maar")}.items():
        for col in "GHIJ":
            ws[f"{col}{row}"] = score
        ws[f"K{row}"] = text
        ws[f"K{row}"].data_type = "s"  # as Excel stores a typed text starting with "="
    filled = io.BytesIO()
    wb.save(filled)
    before = read_scores(filled.getvalue(), tender, subs)

    resaved = _resave(filled.getvalue(), tmp_path)
    after = read_scores(resaved, tender, subs)
    assert after.model_copy(update={"source": None}) == before.model_copy(update={"source": None})
    assert [e.motivation for e in after.entries] == ["Sterk plan", "Redelijk", "Uitstekend", "=zwak, maar"]

    check = openpyxl.load_workbook(io.BytesIO(resaved))
    assert check[S.META_SHEET].sheet_state in ("hidden", "veryHidden")
    sheet = check.worksheets[0]
    assert sheet.protection.sheet
    assert not sheet["J6"].protection.locked and sheet["E6"].protection.locked
    rules = sheet.data_validations.dataValidation
    assert rules and all(dv.type == "list" and dv.showErrorMessage and dv.showInputMessage for dv in rules)
