"""The compliance matrix: bidders by knock-out requirements and KPI minimums, with a reason per fail."""

from __future__ import annotations

from evaluation_bids import bid, key, weighted_tender

from generator.evaluation import compliance
from generator.models.submission import FormFinding


def _finding(code, item, cell=None, severity="error"):
    return FormFinding(severity=severity, code=code, item=item, cell=cell, message=f"{code} {item}",
                       message_en=f"{code} {item}")


def _cells(row):
    return {c.item: c for c in row.cells}


def test_columns_are_requirements_then_kpis_with_minimum():
    matrix = compliance(weighted_tender(), [])
    assert [(c.item, c.kind, c.minimum) for c in matrix.columns] == [
        ("REQ-01", "requirement", None), ("REQ-02", "requirement", None), ("REQ-03", "requirement", None),
        ("RES-01", "requirement", None), ("REQ-90", "requirement", None), ("KPI-01", "kpi", 99.0),
        ("KPI-02", "kpi", 99.0)]
    assert matrix.rows == [] and matrix.tender_reference == "TEST-2027-001"


def test_clean_bid_passes_every_cell_and_rows_are_sorted_by_name():
    zulu, alfa = bid("zulu zorg"), bid("Alfa Advies")
    matrix = compliance(weighted_tender(), [zulu, alfa])
    assert [r.name for r in matrix.rows] == ["Alfa Advies", "zulu zorg"]
    row = matrix.rows[0]
    assert row.admitted and row.bidder == key(alfa) and all(c.passed for c in row.cells)
    assert _cells(row)["REQ-01"].value == "Ja" and _cells(row)["KPI-01"].value == "99,5"


def test_every_fail_has_its_reason():
    ko = bid("Delta Diensten", knockout=True, kpi=98.0,
             findings=[_finding("kpi_below_minimum", "KPI-01", "KPI-aanbod!H6"),
                       _finding("raci_accountable", "RACI-02", "Verantwoordelijkheden!E7"),
                       _finding("reference_mismatch", None),
                       _finding("reservation", "AWD-01", severity="warning"),
                       _finding("percent_ambiguous", "KPI-02", severity="warning")])
    row = compliance(weighted_tender(), [ko]).rows[0]
    cells = _cells(row)
    assert not row.admitted
    assert [f.code for f in cells["REQ-01"].reasons] == ["knockout"]
    assert [f.code for f in cells["KPI-01"].reasons] == ["kpi_below_minimum"]
    # The responsibility sheet's findings belong to the RACI requirement.
    assert [f.code for f in cells["RES-01"].reasons] == ["raci_accountable"]
    # KPI-02 has no finding but an offer of 98 under the minimum 99: the matrix re-checks it.
    [own] = cells["KPI-02"].reasons
    assert own.code == "kpi_below_minimum" and own.cell == "KPI-aanbod!H7"
    assert own.message == "Het aanbod 98,0 (%) haalt het minimum 99 niet (hoger is beter)."
    assert own.message_en == "The offer 98,0 (%) does not meet the minimum 99 (higher is better)."
    assert [f.code for f in cells["KPI-02"].notes] == ["percent_ambiguous"]
    assert [f.code for f in row.other] == ["reference_mismatch"]
    assert [f.code for f in row.notes] == ["reservation"]
    assert [f.code for f in row.reasons] == ["knockout", "raci_accountable", "kpi_below_minimum",
                                             "kpi_below_minimum", "reference_mismatch"]


def test_answers_are_rechecked_when_the_finding_is_missing():
    sub = bid("Echo Energie")
    answers = [a.model_copy(update={"value": False, "raw": "Nee"}) if a.id == "REQ-02" else a
               for a in sub.answers if a.id != "REQ-03"]
    offers = [o for o in sub.kpi_offers if o.id != "KPI-02"]
    offers[0] = offers[0].model_copy(update={"value": None, "accepted": False, "raw": "Nee"})
    changed = sub.model_copy(update={"answers": answers, "kpi_offers": offers})
    row = compliance(weighted_tender(), [changed]).rows[0]
    cells = _cells(row)
    assert not row.admitted
    assert [(f.code, f.cell) for f in cells["REQ-02"].reasons] == [("knockout", "Eisen!E6")]
    assert [(f.code, f.cell) for f in cells["REQ-03"].reasons] == [("knockout_unanswered", None)]
    assert [f.code for f in cells["KPI-02"].reasons] == ["missing_answer"]
    assert [(f.code, f.message_en) for f in cells["KPI-01"].reasons] == [
        ("knockout", "KPI-01 was answered 'Nee': a knock-out requirement is not met.")]
    assert cells["RES-01"].passed  # answered on the responsibility sheet, not as an answer of its own


def test_a_submission_for_another_tender_is_not_admitted():
    other = bid("Foxtrot Facilitair").model_copy(update={"tender_reference": "OTHER-1"})
    row = compliance(weighted_tender(), [other]).rows[0]
    assert not row.admitted and [f.code for f in row.other] == ["reference_mismatch"]
    assert "OTHER-1" in row.other[0].message_en


def test_english_tender_words_its_own_reasons_in_english():
    sub = bid("Golf Groep", kpi=98.0)
    row = compliance(weighted_tender(lang="en"), [sub]).rows[0]
    assert row.cells[-1].reasons[0].message.startswith("The offer 98,0 (%)")
