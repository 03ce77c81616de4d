"""The comparison workbook: ranking and formula, scores and reasons, knock-outs, KPI offers, RACI changes."""

from __future__ import annotations

import io

import openpyxl
from evaluation_bids import BUILT, bid, scores, value_tender, weighted_tender

from generator.evaluation import compliance, evaluate, write_comparison_xlsx, write_compliance_xlsx
from generator.models.submission import Responsibility

ALFA, CHARLIE = bid("Alfa Advies", 225_000), bid("Charlie ICT", 100_000)
BRAVO = bid("Bravo Beheer", 90_000).model_copy(update={"responsibilities": [
    Responsibility(activity=a, party=p, letters=x, cell="Verantwoordelijkheden!E5")
    for a, p, x in (("RACI-01", "client", "A"), ("RACI-01", "contractor", "R"), ("RACI-02", "client", "C"),
                    ("RACI-02", "contractor", "R"), ("RACI-02", "joint", "A"))]})
KO = bid("Delta Diensten", 50_000, knockout=True)
SUBS = [ALFA, BRAVO, CHARLIE, KO]


def _write(tender, given):
    evaluation = evaluate(tender, SUBS, scores(tender, *given))
    data = write_comparison_xlsx(evaluation, compliance(tender, SUBS), tender, SUBS, built=BUILT)
    assert data == write_comparison_xlsx(evaluation, compliance(tender, SUBS), tender, SUBS, built=BUILT)
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(ws, first):
    return [row for row in ws.iter_rows(min_row=first, values_only=True) if any(v is not None for v in row)]


def test_weighted_comparison_with_a_tie_to_draw_by_lot():
    wb = _write(weighted_tender(tie_break="lot"), [(ALFA, (10, 10)), (BRAVO, (6, 6)), (CHARLIE, (4, 4))])
    assert wb.sheetnames == ["Rangschikking", "Scores en motivering", "Knock-outtoets", "KPI-aanbod",
                             "Afwijkingen RACI"]
    ranking = wb["Rangschikking"]
    assert ranking["A4"].value == "Prijspunten = 40 × laagste prijs (€ 90.000,00) / prijs."
    rows = _rows(ranking, 7)
    assert rows[0] == ("Rang", "Inschrijver", "KvK", "Prijs", "AWD-01 score", "AWD-01 punten", "AWD-02 score",
                       "AWD-02 punten", "Kwaliteitspunten", "Prijspunten", "Totaalscore")
    assert [r[:2] + r[-3:] for r in rows[1:4]] == [
        (1, "Alfa Advies", 60, 16, 76), (1, "Bravo Beheer", 36, 40, 76), (3, "Charlie ICT", 24, 36, 60)]
    assert rows[4][0].startswith("Gelijke uitkomst: Alfa Advies, Bravo Beheer; de regel (loting) beslist")
    assert rows[5][0] == ("Ongeldig en terzijde gelegd: Delta Diensten. REQ-01 is met 'Nee' beantwoord: niet voldaan aan een "
                          "knock-outeis.")
    assert ranking["K8"].number_format == "0.00" and ranking["D8"].number_format == '"€" #,##0.00'

    assert _rows(wb["Scores en motivering"], 5)[0] == ("Alfa Advies", "AWD-01 Plan van aanpak 1", 10, 10, 10,
                                                      10, 30, "Motivering AWD-01")
    knockout = {r[0]: r for r in _rows(wb["Knock-outtoets"], 5)}
    assert knockout["Delta Diensten"][1:3] == ("nee", "NIET VOLDAAN: REQ-01 is met 'Nee' beantwoord: niet "
                                                      "voldaan aan een knock-outeis.")
    assert knockout["Alfa Advies"][1:3] == ("ja", "voldaan")
    kpis = _rows(wb["KPI-aanbod"], 4)
    assert kpis[0][4:] == ("Alfa Advies", "Bravo Beheer", "Charlie ICT", "Delta Diensten")
    assert kpis[1] == ("KPI-01", "Beschikbaarheid 1 (%, hoger is beter)", 99, 99.8, 99.5, 99.5, 99.5, 99.5)
    raci = [r for r in _rows(wb["Afwijkingen RACI"], 5) if r[0] == "Bravo Beheer"]
    assert raci == [("Bravo Beheer", "RACI-02 Risicodossier bijhouden", "Opdrachtnemer", "RA", "R"),
                    ("Bravo Beheer", "RACI-02 Risicodossier bijhouden", "Gezamenlijk", "I", "A")]


def test_award_on_value_comparison_shows_euros():
    tender = value_tender()
    wb = _write(tender, [(ALFA, (3, 2)), (BRAVO, (2, 1)), (CHARLIE, (3, 3))])
    ranking = wb["Rangschikking"]
    assert ranking["A3"].value.startswith("Verdiende waarde per criterium = waarde × deel van de waarde")
    rows = _rows(ranking, 6)
    assert rows[0][-2:] == ("Verdiende waarde", "Fictieve prijs")
    # Fictive prices may go below zero with these small test prices: Charlie 100,000 − 300,000,
    # Bravo 90,000 − 145,000, Alfa 225,000 − 260,000.
    assert [(r[1], r[-1]) for r in rows[1:4]] == [("Charlie ICT", -200000), ("Bravo Beheer", -55000),
                                                  ("Alfa Advies", -35000)]
    assert ranking["F7"].number_format == '"€" #,##0.00'


def test_compliance_workbook_before_scoring():
    tender = weighted_tender()
    data = write_compliance_xlsx(compliance(tender, SUBS), tender, SUBS, built=BUILT)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Knock-outtoets", "KPI-aanbod", "Afwijkingen RACI"]
    assert wb.properties.title == "Knock-outtoets TEST-2027-001"
    assert [r[:2] for r in _rows(wb["Knock-outtoets"], 5)] == [
        ("Alfa Advies", "ja"), ("Bravo Beheer", "ja"), ("Charlie ICT", "ja"), ("Delta Diensten", "nee")]
