"""Monitoring workbook: write, fill with openpyxl, read safely, store, re-import with history."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from awarded import BUILT, MEASUREMENTS, submission, tender
from openpyxl import load_workbook

from generator.errors import InputError, ValidationFailed
from generator.monitoring import (
    fill_monitoring_workbook, import_measurements, load_measurement_set, load_measurements, measurement_history,
    read_monitoring_workbook, write_monitoring_workbook,
)
from generator.store import Store

D = dt.date


@pytest.fixture(scope="module")
def blank() -> bytes:
    t = tender()
    return write_monitoring_workbook(t, submission(t), built=BUILT)


def test_workbook_rows_protection_and_hidden_metadata(blank):
    wb = load_workbook(io.BytesIO(blank))
    assert wb.sheetnames == ["Toelichting", "Metingen", "Samenwerkingsscore", "Toezeggingen", "Acties", "Lijsten",
                             "_tenderpack"]
    assert wb["_tenderpack"].sheet_state == "veryHidden" and wb.security.lockStructure
    ws = wb["Metingen"]
    assert ws.protection.sheet
    ids = [ws.cell(r, 1).value for r in range(5, ws.max_row + 1)]
    assert ids.count("PRF-04") == 48 and ids.count("GOV-02") == 16 and ids.count("PRF-02") == 4
    row = ids.index("PRF-04") + 5
    # minimum, binding norm (PRF-04 binds the offer 97.5), target
    assert [ws.cell(row, c).value for c in (3, 7, 8, 9)] == ["jul 2027", 92.0, 97.5, 97.0]
    assert ws.cell(4, 8).value == "Bindende norm" and ws.cell(4, 9).value == "Streefwaarde"
    assert not ws.cell(row, 10).protection.locked and ws.cell(row, 9).protection.locked
    rules = {str(dv.sqref).split()[0][:1]: dv for dv in ws.data_validations.dataValidation}
    assert rules["J"].showErrorMessage and rules["J"].showInputMessage
    assert blank == write_monitoring_workbook(tender(), submission(tender()), built=BUILT)


def test_round_trip_to_the_store_replaces_and_keeps_history(blank, tmp_path):
    t = tender()
    filled = tmp_path / "monitoring.xlsx"
    filled.write_bytes(fill_monitoring_workbook(blank, load_measurement_set(MEASUREMENTS)))
    m = read_monitoring_workbook(filled)
    assert m.tender_reference == t.reference and m.bidder_kvk == "61834207"
    aug = m.value("PRF-04", D(2027, 8, 1))
    assert aug.value == 89.4 and aug.cell.startswith("Metingen!J") and "overname" in aug.remark.lower()
    assert m.value("COM-03", D(2028, 2, 1)).value is None  # not measured: None, never 0
    assert {(s.party, s.score) for s in m.scores if s.period == D(2027, 7, 1)} == {("client", 6.5),
                                                                                 ("contractor", 7.0)}
    assert [a.id for a in m.actions] == [f"ACT-00{i}" for i in range(1, 9)]
    assert m.actions[4].due == D(2028, 2, 29)
    with Store(str(tmp_path / "db.sqlite")) as store:
        store.register_tender(t)
        first = import_measurements(store, m, now=dt.datetime(2028, 7, 1, 9))
        assert first.status == "imported" and first.replaced == 0
        assert import_measurements(store, m).status == "duplicate"
        # The contract manager corrects August and fills in February, then imports again.
        wb = load_workbook(filled)
        ws = wb["Metingen"]
        ids = [(ws.cell(r, 1).value, ws.cell(r, 3).value) for r in range(1, ws.max_row + 1)]
        ws.cell(ids.index(("PRF-04", "aug 2027")) + 1, 10).value = 89.9
        ws.cell(ids.index(("COM-03", "feb 2028")) + 1, 10).value = "97,0"
        ws.cell(ids.index(("PRF-05", "jul 2027")) + 1, 10).value = None  # an empty cell erases nothing
        second_file = tmp_path / "monitoring-2.xlsx"
        wb.save(second_file)
        second = import_measurements(store, read_monitoring_workbook(second_file), now=dt.datetime(2028, 7, 8, 9))
        assert (second.changed, second.replaced) == (2, 1)
        current = load_measurements(store, t.reference)
        assert current.value("PRF-04", D(2027, 8, 1)).value == 89.9
        assert current.value("COM-03", D(2028, 2, 1)).value == 97.0
        assert current.value("PRF-05", D(2027, 7, 1)).value == 99.91
        history = [h for h in measurement_history(store, t.reference, "PRF-04") if h["period"] == "2027-08-01"]
        assert [(h["value"], h["current"]) for h in history] == [(89.4, False), (89.9, True)]
        assert history[0]["superseded_at"] == "2028-07-08T09:00:00" and history[0]["superseded_by"] == history[1]["id"]


def test_bad_values_are_located_and_nothing_is_stored(blank, tmp_path):
    wb = load_workbook(io.BytesIO(blank))
    ws = wb["Metingen"]
    ws["J6"] = "veel"
    wb["Acties"]["G5"] = "morgen"
    wb["Samenwerkingsscore"]["D5"] = 11
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with pytest.raises(ValidationFailed) as caught:
        read_monitoring_workbook(path)
    cells = {f.location.cell for f in caught.value.findings}
    assert cells == {"Metingen!J6", "Acties!G5", "Samenwerkingsscore!D5"}


def test_out_of_bounds_and_percent_fractions_are_checked_against_the_tender(blank, tmp_path):
    t = tender()
    wb = load_workbook(io.BytesIO(blank))
    ws = wb["Metingen"]
    rows = {(ws.cell(r, 1).value, ws.cell(r, 3).value): r for r in range(5, ws.max_row + 1)}
    ws.cell(rows[("PRF-04", "jul 2027")], 10).value = 0.975  # "97,5%" typed into the cell
    ws.cell(rows[("PRF-04", "aug 2027")], 10).value = 140
    path = tmp_path / "bounds.xlsx"
    wb.save(path)
    m = read_monitoring_workbook(path)
    with Store(str(tmp_path / "db.sqlite")) as store:
        store.register_tender(t)
        with pytest.raises(ValidationFailed) as caught:
            import_measurements(store, m)
        assert [f.location.cell for f in caught.value.findings if f.severity == "error"] == [
            f"Metingen!J{rows[('PRF-04', 'aug 2027')]}"]
        assert load_measurements(store, t.reference) is None


def test_not_a_monitoring_workbook(tmp_path):
    from generator.form import write_form

    path = tmp_path / "form.xlsx"
    path.write_bytes(write_form(tender(), built=BUILT))
    with pytest.raises(InputError, match="not a monitoring workbook"):
        read_monitoring_workbook(path)
    (tmp_path / "x.xlsx").write_text("kpi;value\n")
    with pytest.raises(InputError, match="not an Excel workbook"):
        read_monitoring_workbook(tmp_path / "x.xlsx")
