"""The commitments sheet of the monitoring workbook: one row per tracked commitment per quarter, read, stored."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from awarded import BUILT, MEASUREMENTS, submission, tender
from openpyxl import load_workbook

from generator.agreement.commitments import bid_commitments
from generator.errors import ValidationFailed
from generator.monitoring import (
    fill_monitoring_workbook, import_measurements, load_measurement_set, load_measurements, read_monitoring_workbook,
    write_monitoring_workbook,
)
from generator.store import Store

D = dt.date
QUARTERS = 16  # a four-year contract


@pytest.fixture(scope="module")
def blank() -> bytes:
    t = tender()
    return write_monitoring_workbook(t, submission(t), built=BUILT)


def test_the_sheet_lists_every_tracked_commitment_per_quarter(blank):
    t = tender()
    wb = load_workbook(io.BytesIO(blank))
    assert wb.sheetnames == ["Toelichting", "Metingen", "Samenwerkingsscore", "Toezeggingen", "Acties", "Lijsten",
                             "_tenderpack"]
    ws = wb["Toezeggingen"]
    ids = [ws.cell(r, 1).value for r in range(5, ws.max_row + 1)]
    tracked = [c.id for c in bid_commitments(t, submission(t)) if c.tracked]
    assert {"GOV-07.criterion", "PRF-09.criterion", "SEC-06.criterion", "EXT-03.criterion", "GOV-01.operational",
            "GOV-01.minutes_days", "RACI-16.raci", "GOV-08.remark"} <= set(tracked)
    assert not any(c.endswith((".kpi", ".attachment")) for c in tracked)  # measured elsewhere / a document
    for commitment in tracked:
        assert ids.count(commitment) == QUARTERS
    row = ids.index("GOV-01.operational") + 5
    assert not ws.cell(row, 6).protection.locked and not ws.cell(row, 7).protection.locked
    assert ws.cell(row, 2).protection.locked
    rules = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert [dv.formula1 for dv in rules] == ["tpm_commitment"]
    lists = wb["Lijsten"]
    column = next(col for col in lists.iter_cols() if col[0].value == "tpm_commitment")
    assert [c.value for c in column[1:] if c.value] == ["Nagekomen", "Deels nagekomen", "Niet nagekomen",
                                                         "Nog niet van toepassing"]


def test_no_commitments_sheet_without_a_winning_bid():
    wb = load_workbook(io.BytesIO(write_monitoring_workbook(tender(), None, built=BUILT)))
    assert "Toezeggingen" not in wb.sheetnames


def test_statuses_round_trip_to_the_store_with_history(blank, tmp_path):
    t = tender()
    filled = tmp_path / "monitoring.xlsx"
    filled.write_bytes(fill_monitoring_workbook(blank, load_measurement_set(MEASUREMENTS)))
    m = read_monitoring_workbook(filled)
    checks = {(c.commitment, c.period): c for c in m.commitments}
    first = checks[("GOV-01.operational", D(2027, 7, 1))]
    assert (first.status, first.end) == ("partly", D(2027, 9, 30))
    assert "twee wekelijkse overleggen" in first.evidence and first.cell.startswith("Toezeggingen!F")
    assert checks[("PRF-09.criterion", D(2028, 4, 1))].status == "not_fulfilled"
    assert ("PRF-09.criterion", D(2028, 7, 1)) not in checks  # nothing recorded: no check, never "fulfilled"
    with Store(str(tmp_path / "db.sqlite")) as store:
        store.register_tender(t)
        import_measurements(store, m, now=dt.datetime(2028, 7, 1, 9))
        stored = {(c.commitment, c.period): c for c in load_measurements(store, t.reference).commitments}
        assert stored == checks
        # The steering group revises the PRF-09 status for the last quarter; the earlier one stays as history.
        wb = load_workbook(filled)
        ws = wb["Toezeggingen"]
        row = next(r for r in range(5, ws.max_row + 1)
                   if ws.cell(r, 1).value == "PRF-09.criterion" and ws.cell(r, 4).value == dt.datetime(2028, 4, 1))
        ws.cell(row, 6).value = "Deels nagekomen"
        second = tmp_path / "monitoring-2.xlsx"
        wb.save(second)
        result = import_measurements(store, read_monitoring_workbook(second), now=dt.datetime(2028, 7, 8, 9))
        assert (result.changed, result.replaced) == (1, 1)
        current = {(c.commitment, c.period): c for c in load_measurements(store, t.reference).commitments}
        assert current[("PRF-09.criterion", D(2028, 4, 1))].status == "partly"


def test_an_unknown_status_is_an_error_at_its_cell(blank, tmp_path):
    wb = load_workbook(io.BytesIO(blank))
    ws = wb["Toezeggingen"]
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == "GOV-07.criterion")
    ws.cell(row, 6).value = "Grotendeels"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    with pytest.raises(ValidationFailed) as caught:
        read_monitoring_workbook(path)
    [finding] = caught.value.findings
    assert finding.location.cell == f"Toezeggingen!F{row}"
    assert "'Grotendeels' is geen keuze uit de lijst" in finding.message
