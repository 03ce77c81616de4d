"""A form re-saved by LibreOffice Calc keeps its protection, validations and metadata."""

from __future__ import annotations

import pytest
from formcheck import (
    BUILT,
    full_tender,
    items,
    load,
    meta_records,
    recomputed_hash,
    sheet_names,
    unlocked_cells,
)
from soffice import convert

from generator.form import layout as L
from generator.form import write_form

pytestmark = pytest.mark.soffice


def _resave(source, out_dir):
    """Re-save ``source`` as .xlsx through LibreOffice."""
    return convert(source, "xlsx", out_dir).read_bytes()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_libreoffice_resave_keeps_protection_validations_and_metadata(tmp_path, lang):
    original_bytes = write_form(full_tender(lang), built=BUILT)
    source = tmp_path / "in" / f"form-{lang}.xlsx"
    source.parent.mkdir()
    source.write_bytes(original_bytes)
    resaved = load(_resave(source, tmp_path / "out"))
    original = load(original_bytes)

    assert resaved.sheetnames == original.sheetnames
    # LibreOffice writes a veryHidden sheet back as merely hidden (measured with LibreOffice 7.4).
    assert resaved[L.META_SHEET].sheet_state in ("hidden", "veryHidden")
    assert resaved[L.sheet_name(L.LISTS, lang)].sheet_state == "hidden"
    assert meta_records(resaved) == meta_records(original)

    for ws in resaved.worksheets:
        before = original[ws.title]
        assert ws.protection.sheet and ws.protection.formatCells and ws.protection.insertRows, ws.title
        assert unlocked_cells(ws) == unlocked_cells(before), ws.title
        # LibreOffice writes the defaults out (operator "between", the SpreadsheetML default) and adds
        # formula2 "0" to one-sided rules; compare formula2 only where one was written.
        rules = {str(dv.sqref): (dv.type, dv.operator or "between", dv.formula1, dv.formula2, dv.prompt)
                 for dv in ws.data_validations.dataValidation}
        expected = {str(dv.sqref): (dv.type, dv.operator or "between", dv.formula1, dv.formula2, dv.prompt)
                    for dv in before.data_validations.dataValidation}
        assert rules.keys() == expected.keys(), ws.title
        for sqref, rule in expected.items():
            assert rules[sqref][:3] + rules[sqref][4:] == rule[:3] + rule[4:], (ws.title, sqref)
            assert rule[3] is None or rules[sqref][3] == rule[3], (ws.title, sqref)
        for dv in ws.data_validations.dataValidation:
            assert dv.showErrorMessage and dv.showInputMessage and dv.errorStyle == "stop"

    # The shown text still hashes to the metadata: the normalisation survives the re-save.
    for record in items(resaved).values():
        assert recomputed_hash(resaved, record) == record["hash"], record["key"]
    assert sheet_names(resaved) == sheet_names(original)

    names = {name: dn.attr_text for name, dn in resaved.defined_names.items()}
    assert names[L.NAME_REFERENCE] == '"TEST-2027-001"' and names[L.NAME_REVISION] == "1"
    assert names[L.LIST_YES_NO].endswith("$A$2:$A$3")
    props = {p.name: p.value for p in resaved.custom_doc_props.props}
    assert props[L.PROP_REFERENCE] == "TEST-2027-001"
    assert props[L.PROP_REVISION] == 1  # LibreOffice stores the integer as a float (1.0)
