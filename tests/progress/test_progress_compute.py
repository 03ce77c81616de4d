"""Status, trend and consequences worked out by hand; the reports' writers on the sample year."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from awarded import BUILT, MEASUREMENTS, submission, tender
from document.docxcheck import created, footer
from factories import make_tender
from openpyxl import load_workbook

from generator.models.tender import Consequence
from generator.monitoring import Measurement, Measurements, fill_monitoring_workbook, load_measurement_set
from generator.monitoring import read_monitoring_workbook, write_monitoring_workbook
from generator.progress import progress_report, render_progress_docx, report_date, write_progress_workbook
from generator.progress.compute import trend

D = dt.date


def small(lang="nl", cap=0.5):
    """One monthly KPI (minimum 99.0, target 99.8, higher is better, the offer binds), malus 2%, bonus 1%,
    capped at ``cap`` % a year. Without a submission the offered norm stands at the minimum, 99.0."""
    t = make_tender(lang, kpis=1)
    kpi = t.kpis[0].model_copy(update={"consequence": Consequence(type="bonus_malus", malus_percent=2.0,
                                                                  bonus_percent=1.0, cap_percent=cap, text="…")})
    dates = t.dates.model_copy(update={"contract_start": D(2027, 12, 1), "contract_end": D(2029, 11, 30)})
    return t.model_copy(update={"kpis": [kpi], "dates": dates})


def measured(t, values: dict[D, float | None]) -> Measurements:
    return Measurements(tender_reference=t.reference, revision=t.revision, measurements=[
        Measurement(kpi="KPI-01", period=p, end=p, value=v) for p, v in values.items()])


def test_status_consequence_and_cap_by_hand():
    t = small()
    values = {D(2027, 12, 1): 98.0, D(2028, 1, 1): 99.5, D(2028, 2, 1): 99.8, D(2028, 3, 1): 97.0,
              D(2028, 4, 1): 98.9, D(2028, 5, 1): 98.5, D(2028, 6, 1): None, D(2028, 12, 1): 90.0}
    p = progress_report(t, None, measured(t, values), "2028-12", fee=120_000)
    k = p.kpis[0]
    rows = {r.period: r for r in k.periods}
    assert [rows[d].status for d in list(values)[:7]] == [
        "below_norm", "norm_met", "target_met", "below_norm", "below_norm", "below_norm", "not_measured"]
    assert (k.minimum, k.norm, k.target) == (99.0, 99.0, 99.8)
    # Period fee 120,000 x 1/12 = 10,000; malus 2% = 200 per month below the norm 99.0; bonus 1% = 100 at
    # the norm and the target 99.8.
    assert rows[D(2027, 12, 1)].fee == 10_000 and rows[D(2027, 12, 1)].amount == -200
    assert rows[D(2028, 2, 1)].kind == "bonus" and rows[D(2028, 2, 1)].settled == 100
    # Cap 0.5% of 120,000 = 600 of malus per contract year: Dec, Mar, Apr are settled, May is cut to 0.
    assert [rows[d].settled for d in (D(2027, 12, 1), D(2028, 3, 1), D(2028, 4, 1), D(2028, 5, 1))] == [
        -200, -200, -200, 0]
    assert rows[D(2028, 5, 1)].capped and rows[D(2028, 6, 1)].amount is None  # not measured: no amount, no zero
    assert rows[D(2028, 12, 1)].contract_year == 2 and rows[D(2028, 12, 1)].settled == -200  # a new year, a new cap
    assert [(y.contract_year, y.malus, y.bonus) for y in p.years] == [(1, -600, 100), (2, -200, 0)]
    assert k.rating == "inadequate"  # the two latest measured periods (May, December) are below the norm
    assert any(s.kind == "not_measured" and "jun 2028" in s.detail for s in p.bottlenecks)


def test_lower_is_better_status_and_trend_rule():
    t = tender()
    sub = submission(t)
    m = Measurements(tender_reference=t.reference, revision=t.revision, measurements=[
        Measurement(kpi="GOV-09", period=D(2027, 7, 1), end=D(2027, 9, 30), value=9.5),
        Measurement(kpi="GOV-09", period=D(2027, 10, 1), end=D(2027, 12, 31), value=4.0)])
    p = progress_report(t, sub, m, "2027-12-31")
    k = next(k for k in p.kpis if k.id == "GOV-09")  # minimum 8, target 5, offered 4.0 binds; lower is better
    assert (k.minimum, k.norm, k.target) == (8.0, 4.0, 5.0)
    assert [r.status for r in k.periods] == ["below_norm", "target_met"]  # 9.5 is worse than 4.0; 4.0 meets both
    assert k.trend == "improving" and k.trend_basis == 9.5
    assert trend([97.9, 98.1, 97.7, 96.4], 1) == ("worsening", pytest.approx(97.9))
    assert trend([97.9, 97.95], 1)[0] == "stable"  # less than one unit of the last decimal
    assert trend([5.0], 1) == ("unknown", None)


def test_report_date_and_no_measurements_at_all():
    t = tender()
    assert report_date("2028-02", None, t) == D(2028, 2, 29)
    assert report_date(None, None, t) == D(2027, 6, 30)
    p = progress_report(t, submission(t), None)
    assert all(k.periods == [] and k.rating == "other" for k in p.kpis)


def test_sample_year_reports_in_both_formats(tmp_path):
    t = tender()
    sub = submission(t)
    path = tmp_path / "m.xlsx"
    path.write_bytes(fill_monitoring_workbook(write_monitoring_workbook(t, sub, built=BUILT),
                                              load_measurement_set(MEASUREMENTS)))
    p = progress_report(t, sub, read_monitoring_workbook(path))
    assert p.as_of == D(2028, 6, 30) and p.annual_fee == 1_140_000 and p.fee_basis == "price"  # 4,560,000 / 4
    prf04 = next(k for k in p.kpis if k.id == "PRF-04")
    # PRF-04 binds the offer 97.5: 2% of the monthly fee 95,000 in every month below it (89.4 in Aug, 91.1,
    # 94.8, 96.9, then 96.8 in Feb and 96.4 in Jun).
    assert [(r.label, r.settled) for r in prf04.periods if r.settled] == [
        (m, -1900) for m in ("aug 2027", "sep 2027", "okt 2027", "nov 2027", "feb 2028", "jun 2028")]
    # + GOV-02 (offer 100) 1% of the quarter fee 285,000 in Q3 and Q4, PRF-05 (offer 99.85) 3% of 95,000 in
    # Sep and Dec; PRF-02 bonus 1% of 1,140,000 (7.7 meets the offer 7.6 and the target 7.5).
    assert (p.years[0].malus, p.years[0].bonus) == (-(2 * 2850 + 6 * 1900 + 2 * 2850), 11400)
    assert {s.kind for s in p.bottlenecks} == {"overdue_action", "not_measured", "below_norm",
                                              "commitment_not_fulfilled"}
    # Commitments: the latest recorded status by the report date; PRF-09's first-contact promise is missed.
    status = {c.id: (c.status, c.period) for c in p.commitments}
    assert status["PRF-09.criterion"] == ("not_fulfilled", "Q2 2028")
    assert status["GOV-01.operational"] == ("fulfilled", "Q2 2028")
    assert status["EXT-03.criterion"][0] == "not_applicable"
    assert status["SEC-04.remark"] == ("not_recorded", None)  # nothing recorded: never "fulfilled"
    early = progress_report(t, sub, read_monitoring_workbook(path), "2027-09")
    assert {c.id: c.status for c in early.commitments}["GOV-01.minutes_days"] == "not_fulfilled"
    docx = render_progress_docx(p, t, built=BUILT)
    # Dated at the end of the reported period, not by the build time; or at the date asked for.
    assert footer(docx).startswith("Stand 30 juni 2028 · 30 juni 2028\t") and created(docx).startswith("2027-05-20")
    asked = render_progress_docx(p, t, built=BUILT, on=D(2028, 7, 3))
    assert footer(asked).startswith("Stand 30 juni 2028 · 3 juli 2028\t")
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        # A chart per KPI with two or more values (not the two yearly ones after one year), and the scores.
        assert sum(n.startswith("word/media/") for n in z.namelist()) == 10
        document = z.read("word/document.xml").decode()
    assert "{{" not in document and 'w:fill="FFC7CE"' in document
    xlsx = write_progress_workbook(p, built=BUILT)
    assert load_workbook(io.BytesIO(xlsx)).worksheets[0]["A2"].value.endswith("Stand op 30 juni 2028")
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 10 and b'<dispBlanksAs val="gap"/>' in z.read(charts[0])
