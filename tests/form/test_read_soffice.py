"""A filled form re-saved by LibreOffice Calc reads back as the same Submission.

LibreOffice turns the veryHidden metadata sheet into a hidden one, moves every string into the
shared-string table, writes the integer revision property as 1.0 and restyles cells; none of it may
change what the parser reads.
"""

from __future__ import annotations

import pytest
from bids import good_answers, sample_bids, sample_tender
from formcheck import BUILT, full_tender
from soffice import resave_xlsx

from generator.form import fill_form, load_answers, read_form, write_form
from generator.workbook import open_workbook

pytestmark = pytest.mark.soffice


def resave(data: bytes, tmp_path) -> bytes:
    """``data`` re-saved as .xlsx by LibreOffice."""
    return resave_xlsx(data, tmp_path, "bid.xlsx")


def same(a, b) -> None:
    assert a.model_dump(exclude={"source"}) == b.model_dump(exclude={"source"})


def test_full_tender_form_survives_a_libreoffice_resave(tmp_path):
    tender = full_tender("nl")
    data = fill_form(write_form(tender, built=BUILT), good_answers(tender)).data
    resaved = resave(data, tmp_path)
    wb = open_workbook(resaved)
    assert wb.get("_tenderpack").state == "hidden"  # was veryHidden: what LibreOffice does
    assert read_form(resaved).findings == []
    same(read_form(resaved, tender=tender), read_form(data, tender=tender))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_sample_bid_survives_a_libreoffice_resave(tmp_path, lang):
    name = "gemeente-it-beheer"
    tender = sample_tender(name, lang)
    bids = sample_bids(name)
    answers = load_answers(bids[0]) if bids else good_answers(tender)
    data = fill_form(write_form(tender, built=BUILT), answers).data
    resaved = resave(data, tmp_path)
    before, after = read_form(data, tender=tender), read_form(resaved, tender=tender)
    same(after, before)
    assert after.source.sha256 != before.source.sha256
