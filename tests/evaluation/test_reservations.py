"""Possible reservations are decided by the committee: until then the bid is under review and nothing is
ranked; decided material it is set aside, decided not material it is ranked; both decisions show in the
comparison report, its workbook and the evaluation JSON. Bad decisions are located findings.

The IT sample's Noordhaven bid answers CNT-01 "Ja" with the remark "Wij voldoen aan deze eis, mits ...".
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from evaluation_bids import BUILT, ROOT, sample_tender_and_bids
from test_report import all_text, body, paragraphs, tables

from generator.errors import ValidationFailed
from generator.evaluation import (
    compliance,
    evaluate,
    load_scores,
    read_scores,
    write_comparison_docx,
    write_comparison_xlsx,
    write_scoring_workbook,
)
from generator.evaluation import scoresheet as S

SCORES = ROOT / "samples" / "scores" / "gemeente-it-beheer.yaml"
NOORDHAVEN, HAZEVELD, NIMBUSWERK = "Noordhaven IT Beheer B.V.", "Hazeveld ICT Services B.V.", "Nimbuswerk ICT B.V."
DECISION = "      decision: not_material\n"
MOTIVATION = "Het voorbehoud is daarom niet wezenlijk."


def _sample(lang: str = "nl"):
    tender, bids = sample_tender_and_bids("gemeente-it-beheer", lang)
    return tender, list(bids)


def _scores_file(tmp_path, text: str):
    path = tmp_path / "scores.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _without_decisions() -> str:
    text = SCORES.read_text(encoding="utf-8")
    start, end = text.index("reservations:"), text.index("\nscores:")
    return text[:start] + text[end + 1:]


def _failure(path, tender, subs) -> list:
    with pytest.raises(ValidationFailed) as caught:
        load_scores(path, tender, subs)
    return caught.value.findings


def test_the_sample_bid_has_a_reservation_at_cnt01():
    tender, subs = _sample()
    row = next(r for r in compliance(tender, subs).rows if r.name == NOORDHAVEN)
    [cell] = [c for c in row.cells if c.item == "CNT-01"]
    assert cell.passed and [n.code for n in cell.notes] == ["reservation"]


def test_undecided_reservation_keeps_the_bid_under_review_and_ranks_nothing(tmp_path):
    tender, subs = _sample()
    [finding] = _failure(_scores_file(tmp_path, _without_decisions()), tender, subs)
    assert finding.location.item == "CNT-01" and finding.location.path.endswith("scores.yaml")
    assert finding.location.line is None  # the file has no reservations section to point at
    assert finding.message.startswith(f"{NOORDHAVEN}: the possible reservation at CNT-01 (Eisen!F15 of the "
                                      "bid form) is not decided")
    assert "under review ('in beoordeling')" in finding.message
    assert "no ranking or award letter is made" in finding.message
    # evaluate() itself refuses too, whatever scores reach it.
    scores = load_scores(SCORES, tender, subs).model_copy(update={"decisions": []})
    with pytest.raises(ValidationFailed) as caught:
        evaluate(tender, subs, scores)
    assert "under review" in caught.value.findings[0].message


def test_a_decision_on_a_reservation_that_does_not_exist_is_located(tmp_path):
    tender, subs = _sample()
    text = SCORES.read_text(encoding="utf-8").replace("    CNT-01:\n", "    CNT-02:\n", 1)
    findings = _failure(_scores_file(tmp_path, text), tender, subs)
    lines = text.splitlines()
    wrong = next(f for f in findings if "has no possible reservation there" in f.message)
    assert wrong.message == (f"{NOORDHAVEN}: a decision on a reservation at CNT-02, but the bid has no possible "
                             "reservation there")
    assert lines[wrong.location.line - 1].strip() == "CNT-02:"
    # CNT-01 is then undecided: the bid stays under review.
    assert any("CNT-01 (Eisen!F15 of the bid form) is not decided" in f.message for f in findings)


def test_a_decision_for_a_bidder_without_reservation_is_located(tmp_path):
    tender, subs = _sample()
    text = SCORES.read_text(encoding="utf-8")
    extra = '  "kvk:61834207":\n    GOV-07: {decision: material, motivation: "Onvoorwaardelijk."}\n'
    text = text.replace("\nscores:", extra + "\nscores:", 1)
    [finding] = _failure(_scores_file(tmp_path, text), tender, subs)
    assert finding.message.startswith(f"{HAZEVELD}: a decision on a reservation at GOV-07")
    assert text.splitlines()[finding.location.line - 1].strip().startswith("GOV-07:")


def test_a_decision_without_motivation_is_located(tmp_path):
    tender, subs = _sample()
    text = SCORES.read_text(encoding="utf-8")
    start = text.index("      motivation: >-", text.index("reservations:"))
    end = text.index(MOTIVATION) + len(MOTIVATION) + 1
    text = text[:start] + text[end:]
    [finding] = _failure(_scores_file(tmp_path, text), tender, subs)
    assert finding.message == (f"{NOORDHAVEN}: the decision on the reservation at CNT-01 has no motivation (the "
                               "committee must give its reasons)")
    assert text.splitlines()[finding.location.line - 1].strip() == "CNT-01:"
    assert f"{finding.location}".startswith(f"{tmp_path / 'scores.yaml'}:{finding.location.line}")


def _evaluated(tmp_path, decision: str, lang: str = "nl"):
    tender, subs = _sample(lang)
    text = SCORES.read_text(encoding="utf-8").replace(DECISION, f"      decision: {decision}\n")
    scores = load_scores(_scores_file(tmp_path, text), tender, subs)
    result = evaluate(tender, subs, scores)
    matrix = compliance(tender, subs, scores.decisions)
    return tender, subs, matrix, result


@pytest.mark.parametrize("lang, words", [
    ("nl", ["Beslissing van de beoordelingscommissie: het voorbehoud is wezenlijk; de inschrijving is daarom "
            "ongeldig en terzijde gelegd. Motivering: Noordhaven beantwoordt CNT-01 met Ja."]),
    ("en", ["Decision of the evaluation committee: the reservation is material; the bid is therefore invalid "
            "and was set aside. Reasons: Noordhaven beantwoordt CNT-01 met Ja."]),
])
def test_decided_material_the_bid_is_set_aside_and_one_bid_is_ranked(tmp_path, lang, words):
    tender, subs, matrix, result = _evaluated(tmp_path, "material", lang)
    assert [r.name for r in result.ranking] == [HAZEVELD]
    assert [(s.name, [r.code for r in s.reasons]) for s in result.set_aside if s.name == NOORDHAVEN] == [
        (NOORDHAVEN, ["reservation_material"])]
    [decided] = result.reservations
    assert (decided.name, decided.item, decided.decision) == (NOORDHAVEN, "CNT-01", "material")
    data = write_comparison_docx(result, matrix, tender, subs, built=BUILT)
    lines = paragraphs(body(data))
    for line in words:
        assert any(p.startswith(line) for p in lines), line
    # The report's ranking table shows the one admitted bid.
    head = ["Rang", "Inschrijver"] if lang == "nl" else ["Rank", "Bidder"]
    [ranking] = [t for t in tables(body(data)) if t[0][:2] == head]
    assert [row[1] for row in ranking[1:]] == [HAZEVELD]
    # The evaluation JSON carries the decision and its motivation.
    dumped = json.loads(json.dumps(result.model_dump(mode="json")))
    assert dumped["reservations"][0]["decision"] == "material"
    assert "Het voorbehoud is daarom niet wezenlijk." in dumped["reservations"][0]["motivation"]
    assert [b["name"] for b in dumped["ranking"]] == [HAZEVELD]


@pytest.mark.parametrize("lang, decision", [
    ("nl", "Beslissing van de beoordelingscommissie: het voorbehoud is niet wezenlijk; de inschrijving blijft "
           "in de beoordeling. Motivering: Noordhaven beantwoordt CNT-01 met Ja."),
    ("en", "Decision of the evaluation committee: the reservation is not material; the bid remains in the "
           "evaluation. Reasons: Noordhaven beantwoordt CNT-01 met Ja."),
])
def test_decided_not_material_the_bid_is_ranked_and_the_decision_shown(tmp_path, lang, decision):
    tender, subs, matrix, result = _evaluated(tmp_path, "not_material", lang)
    assert [r.name for r in result.ranking] == [HAZEVELD, NOORDHAVEN]
    assert [s.name for s in result.set_aside] == [NIMBUSWERK]
    data = write_comparison_docx(result, matrix, tender, subs, built=BUILT)
    everything = all_text(data)
    assert decision in everything
    flagged = "Gesignaleerd bij CNT-01:" if lang == "nl" else "Flagged at CNT-01:"
    assert flagged in everything and "mits de huidige leverancier" in everything
    # The workbook has a sheet of decisions.
    wb = openpyxl.load_workbook(io.BytesIO(write_comparison_xlsx(result, matrix, tender, subs, built=BUILT)))
    ws = wb["Voorbehouden" if lang == "nl" else "Reservations"]
    row = [c.value for c in ws[5]]
    assert row[:2] == [NOORDHAVEN, "CNT-01"]
    assert row[3] == ("niet wezenlijk" if lang == "nl" else "not material")
    assert row[4].startswith("Noordhaven beantwoordt CNT-01 met Ja.")


def _workbook(tender, subs, decision: str | None, motivation: str | None) -> bytes:
    """The scoring workbook filled with every score and the given reservation decision."""
    wb = openpyxl.load_workbook(io.BytesIO(write_scoring_workbook(tender, subs, built=BUILT)))
    ws, meta = wb.worksheets[0], wb[S.META_SHEET]
    sheet = wb[S.sheet_name(S.RESERVATIONS, tender.language)]
    consensus = S.column("consensus", 3)
    for record in meta.iter_rows(min_row=2, values_only=True):
        if record[0] == "row":
            criterion = next(c for c in tender.criteria if c.id == record[4])
            ws.cell(record[5], consensus).value = criterion.scale[-1].score
            ws.cell(record[5], consensus + 1).value = "Goed onderbouwd."
        elif record[0] == "reservation":
            sheet.cell(record[5], 4).value = decision
            sheet.cell(record[5], 5).value = motivation
    data = io.BytesIO()
    wb.save(data)
    return data.getvalue()


def test_scoring_workbook_asks_for_the_decision():
    tender, subs = _sample()
    wb = openpyxl.load_workbook(io.BytesIO(write_scoring_workbook(tender, subs, built=BUILT)))
    ws = wb["Voorbehouden"]
    assert [c.value for c in ws[4]] == ["Inschrijver", "Onderdeel", "Gesignaleerd voorbehoud",
                                        "Beslissing commissie", "Motivering beslissing"]
    assert [ws["A5"].value, ws["B5"].value] == [NOORDHAVEN, "CNT-01"]
    assert "mits de huidige leverancier" in ws["C5"].value
    assert ws["A6"].value is None  # one reservation only
    [dv] = ws.data_validations.dataValidation
    assert (dv.type, dv.formula1, str(dv.sqref)) == ("list", '"niet wezenlijk,wezenlijk: ongeldig"', "D5")
    assert not ws["D5"].protection.locked and not ws["E5"].protection.locked and ws["C5"].protection.locked


@pytest.mark.parametrize("decision, motivation, cell, message", [
    (None, None, "Voorbehouden!D5", "the possible reservation at CNT-01 (Eisen!F15 of the bid form) is not decided"),
    ("wezenlijk: ongeldig", None, "Voorbehouden!D5", "has no motivation"),
    ("misschien", "Twijfel.", "Voorbehouden!D5", "'misschien' is not a decision"),
])
def test_workbook_decision_problems_are_located(decision, motivation, cell, message):
    tender, subs = _sample()
    data = _workbook(tender, subs, decision, motivation)
    with pytest.raises(ValidationFailed) as caught:
        read_scores(data, tender, subs, name="beoordeling.xlsx")
    findings = caught.value.findings
    assert {(f.location.path, f.location.cell) for f in findings} == {("beoordeling.xlsx", cell)}
    assert message in findings[0].message
    # An unreadable decision leaves the reservation undecided: the bid stays under review.
    assert len(findings) == (2 if decision == "misschien" else 1)


def test_workbook_decision_material_sets_the_bid_aside():
    tender, subs = _sample()
    data = _workbook(tender, subs, "wezenlijk: ongeldig", "De voorwaarde legt een risico bij de gemeente.")
    scores = read_scores(data, tender, subs, name="beoordeling.xlsx")
    [decision] = scores.decisions
    assert (decision.item, decision.decision, decision.cell) == ("CNT-01", "material", "Voorbehouden!D5")
    result = evaluate(tender, subs, scores)
    assert [r.name for r in result.ranking] == [HAZEVELD]
    assert result.reservations[0].motivation == "De voorwaarde legt een risico bij de gemeente."
