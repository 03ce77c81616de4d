"""The committee's scoring workbook: written protected and validated, filled by evaluators, read back."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest
from evaluation_bids import BUILT, bid, key, value_tender, weighted_tender
from lxml import etree

from generator.errors import InputError, ValidationFailed
from generator.evaluation import evaluate, read_scores, write_scoring_workbook
from generator.evaluation import scoresheet as S
from generator.form import write_form

ALFA = bid("Alfa Advies", 100_000, answers={"AWD-01": '=HYPERLINK("http://evil.example","klik")',
                                            "AWD-02": "Literal _x0041_ and a bell \x07 here"})
BRAVO = bid("Bravo Beheer", 120_000)
KO = bid("Delta Diensten", 50_000, knockout=True)
SUBS = [ALFA, BRAVO, KO]
# Rows: band Alfa (5), Alfa AWD-01 (6), AWD-02 (7), band Bravo (8), Bravo AWD-01 (9), AWD-02 (10).
# Columns: G-I evaluators, J consensus, K motivation.
ROWS = {(key(ALFA), "AWD-01"): 6, (key(ALFA), "AWD-02"): 7, (key(BRAVO), "AWD-01"): 9,
        (key(BRAVO), "AWD-02"): 10}
FILLED = {6: (8, 6, 8, 8), 7: (6, 6, 4, 6), 9: (10, 8, 10, 10), 10: (4, 4, 4, 4)}


@pytest.fixture(scope="module")
def tender():
    return weighted_tender()


@pytest.fixture(scope="module")
def blank(tender):
    return write_scoring_workbook(tender, SUBS, built=BUILT)


def fill(data: bytes, cells: dict[str, object] | None = None, edit=None) -> bytes:
    """Type scores and motivations into ``data`` with openpyxl, as evaluators do in Excel."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    for row, values in FILLED.items():
        for col, value in zip("GHIJ", values):
            ws[f"{col}{row}"] = value
        ws[f"K{row}"] = f"Motivering rij {row}"
    for ref, value in (cells or {}).items():
        sheet, _, cell = ref.rpartition("!")
        (wb[sheet] if sheet else ws)[cell] = value
    if edit:
        edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def findings_of(data, tender, subs=SUBS):
    with pytest.raises(ValidationFailed) as info:
        read_scores(data, tender, subs, name="scores.xlsx")
    return [(f.location.cell, f.location.item, f.message) for f in info.value.findings]


def test_write_is_deterministic_and_structured(tender, blank):
    assert blank == write_scoring_workbook(tender, SUBS, built=BUILT)
    assert blank != write_scoring_workbook(tender, SUBS, built=BUILT + dt.timedelta(days=1))
    wb = openpyxl.load_workbook(io.BytesIO(blank))
    assert wb.sheetnames == ["Beoordeling", "Beoordelingsschaal", "Voorbehouden", S.META_SHEET]
    assert [ws.sheet_state for ws in wb] == ["visible", "visible", "visible", "veryHidden"]
    assert wb.security.lockStructure
    ws = wb.worksheets[0]
    # Only bidders that passed the compliance check are scored.
    assert [ws.cell(r, 1).value for r in range(5, 11)] == ["Alfa Advies"] * 3 + ["Bravo Beheer"] * 3
    assert ws["B6"].value == "AWD-01" and ws["D6"].value == "30%" and ws["F6"].value == "AWD-01.pdf"
    meta = [row for row in wb[S.META_SHEET].iter_rows(values_only=True)]
    assert meta[0] == S.META_COLUMNS
    props = {r[1]: r[2] for r in meta if r[0] == "property"}
    assert (props["reference"], props["revision"], props["evaluators"]) == ("TEST-2027-001", 1, 3)
    rows = [(r[3], r[4], r[5]) for r in meta if r[0] == "row"]
    assert rows == [(bidder, criterion, row) for (bidder, criterion), row in ROWS.items()]


def test_bidder_text_is_never_a_formula_and_survives_escaping(blank):
    sheet = _sheet_xml(blank, "xl/worksheets/sheet1.xml")
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    e6 = sheet.find(".//m:c[@r='E6']", ns)
    assert e6.get("t") == "inlineStr" and e6.find("m:f", ns) is None
    assert e6.findtext(".//m:t", namespaces=ns) == '=HYPERLINK("http://evil.example","klik")'
    # "_x0041_" typed by the bidder is stored escaped; the bell (not storable in XML) became U+FFFD.
    assert sheet.find(".//m:c[@r='E7']", ns).findtext(".//m:t", namespaces=ns) == \
        "Literal _x005F_x0041_ and a bell \ufffd here"


def test_only_score_and_motivation_cells_are_unlocked_and_validated(blank):
    wb = openpyxl.load_workbook(io.BytesIO(blank))
    for ws in wb:
        assert ws.protection.sheet and ws.protection.insertRows and ws.protection.formatCells, ws.title
        assert ws.protection.password is None
    ws = wb.worksheets[0]
    unlocked = {c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked}
    assert unlocked == {f"{col}{row}" for row in FILLED for col in "GHIJK"}
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert set(rules) == {"G6 G9 H6 H9 I6 I9 J6 J9", "G7 G10 H7 H10 I7 I10 J7 J10"}
    for dv in rules.values():
        assert dv.type == "list" and dv.showErrorMessage and dv.showInputMessage and dv.errorStyle == "stop"
        assert "0, 2, 4, 6, 8, 10" in dv.prompt
        target = wb.defined_names[dv.formula1].attr_text
        sheet, _, ref = target.rpartition("!")
        assert [c.value for (c,) in wb[sheet.strip("'")][ref.replace("$", "")]] == [0, 2, 4, 6, 8, 10]


def test_filled_workbook_reads_back_and_ranks(tender, blank):
    scores = read_scores(fill(blank), tender, SUBS, name="scores.xlsx")
    assert (scores.tender_reference, scores.revision, scores.evaluators, scores.source) == \
        ("TEST-2027-001", 1, 3, "scores.xlsx")
    got = {(e.bidder, e.criterion): (e.evaluator_scores, e.consensus, e.motivation, e.cell)
           for e in scores.entries}
    assert got == {pair: (list(FILLED[row][:3]), FILLED[row][3], f"Motivering rij {row}",
                          f"Beoordeling!J{row}") for pair, row in ROWS.items()}
    result = evaluate(tender, SUBS, scores)
    # Alfa: 24 + 18 = 42 + 40 (lowest) = 82.00; Bravo: 30 + 12 = 42 + 40 × 100,000 / 120,000 = 33.33 -> 75.33
    assert [(r.name, r.total) for r in result.ranking] == [("Alfa Advies", D("82.00")),
                                                           ("Bravo Beheer", D("75.33"))]
    assert [e.name for e in result.set_aside] == ["Delta Diensten"]


def test_numeric_text_is_read_as_a_score(tender, blank):
    scores = read_scores(fill(blank, {"J6": "8", "G6": " 6 "}), tender, SUBS)
    entry = next(e for e in scores.entries if e.cell == "Beoordeling!J6")
    assert entry.consensus == 8 and entry.evaluator_scores[0] == 6


@pytest.mark.parametrize("value, message", [
    (7, "Alfa Advies: consensus score 7 is not on the published scale (0, 2, 4, 6, 8, 10)"),
    (None, "Alfa Advies: no consensus score"),
    ("acht", "Alfa Advies: 'acht' is not a score"),
    # Excel stores "8-10" typed into a score cell as the date 8 October, serial 46668.
    (dt.datetime(2027, 10, 8), "Alfa Advies: consensus score 46668 is not on the published scale "
                               "(0, 2, 4, 6, 8, 10)"),
    ("80%", "Alfa Advies: '80%' is not a score"),
])
def test_bad_consensus_is_located(tender, blank, value, message):
    assert findings_of(fill(blank, {"J6": value}), tender) == [("Beoordeling!J6", "AWD-01", message)]


def test_evaluator_score_off_scale_and_missing_motivation(tender, blank):
    found = findings_of(fill(blank, {"H9": 5, "K10": None}), tender)
    assert found == [
        ("Beoordeling!J9", "AWD-01", "Bravo Beheer: evaluator 2's score 5 is not on the published scale "
                                     "(0, 2, 4, 6, 8, 10)"),
        ("Beoordeling!J10", "AWD-02", "Bravo Beheer: the consensus score has no motivation (the award "
                                      "decision must give the reasons for every score)"),
    ]


def test_wrong_tender_or_revision(tender, blank):
    newer = tender.model_copy(update={"revision": 2})
    [(cell, _, message)] = findings_of(fill(blank), newer)
    assert cell == f"{S.META_SHEET}!A1"
    assert message.startswith("this scoring workbook is for tender TEST-2027-001 revision 1, not for "
                              "TEST-2027-001 revision 2")
    other = write_scoring_workbook(tender.model_copy(update={"reference": "OTHER-2027-9"}), SUBS, built=BUILT)
    [(_, _, message)] = findings_of(fill(other), tender)
    assert "for tender OTHER-2027-9 revision 1" in message


def test_altered_answer_text_is_found(tender, blank):
    def edit(wb):
        ws = wb.worksheets[0]
        ws.protection.sheet = False
        ws["E9"] = "Een betere aanpak dan ingediend."
    [(cell, item, message)] = findings_of(fill(blank, edit=edit), tender)
    assert (cell, item) == ("Beoordeling!A9", "AWD-01")
    assert message.startswith("Bravo Beheer: row 9 no longer shows this bid's answer as stored")


def test_bid_imported_or_changed_after_writing(tender, blank):
    late = bid("Charlie ICT", 90_000)
    changed = bid("Bravo Beheer", 120_000, answers={"AWD-02": "Herziene aanpak."})
    found = findings_of(fill(blank), tender, [ALFA, changed, KO, late])
    assert ("Beoordeling!A10", "AWD-02", "Bravo Beheer: row 10 no longer shows this bid's answer as stored "
            "(the row was edited or moved, or the bid was re-imported): write a new scoring workbook") \
        in found
    assert (None, "AWD-01", "Charlie ICT: the workbook has no row for this criterion (the bid was imported "
            "or changed after the workbook was written): write a new scoring workbook") in found
    assert len(found) == 3  # Bravo's changed row, Charlie's two missing rows: nothing reported twice
    # A bid knocked out since the workbook was written has rows that are no longer read.
    gone = findings_of(fill(blank), tender, [ALFA, bid("Bravo Beheer", knockout=True), KO])
    assert ("Beoordeling!A9", "AWD-01", "Bravo Beheer: this row is for a bid or criterion that is not (or no "
            "longer) admitted in this tender; its scores were not read") in gone


def test_scores_typed_outside_the_rows_are_reported(tender, blank):
    def unprotect(wb):
        wb.worksheets[0].protection.sheet = False
    found = findings_of(fill(blank, {"J11": 8}, edit=unprotect), tender)
    assert found == [("Beoordeling!G11", None, "row 11 holds scores or a motivation but belongs to no bid "
                                               "and criterion; not read")]


def test_metadata_pointing_at_another_row_is_caught(tender, blank):
    def edit(wb):
        meta = wb[S.META_SHEET]
        for row in meta.iter_rows(min_row=2):
            if row[0].value == "row" and row[5].value == 6:
                row[5].value = 9
            elif row[0].value == "row" and row[5].value == 9:
                row[5].value = 6
    found = findings_of(fill(blank, edit=edit), tender)
    assert {(cell, message.split(":")[0]) for cell, _, message in found} == {
        ("Beoordeling!A9", "Alfa Advies"), ("Beoordeling!A6", "Bravo Beheer")}


def test_unusable_files_are_refused(tender, blank):
    def drop_meta(wb):
        del wb[S.META_SHEET]
    with pytest.raises(InputError, match="no metadata sheet '_tenderpack_scoring'"):
        read_scores(fill(blank, edit=drop_meta), tender, SUBS)

    def damage_header(wb):
        wb[S.META_SHEET]["A1"] = "recordx"
    with pytest.raises(InputError, match="header row was changed"):
        read_scores(fill(blank, edit=damage_header), tender, SUBS)
    with pytest.raises(InputError, match="this is a bid form, not a scoring workbook"):
        read_scores(write_form(tender, built=BUILT), tender, SUBS)
    with pytest.raises(InputError, match="plain text"):
        read_scores(b"bidder;price_eur\n", tender, SUBS)

    def new_format(wb):
        for row in wb[S.META_SHEET].iter_rows(min_row=2):
            if row[1].value == "format":
                row[2].value = "2"
    with pytest.raises(InputError, match="format '2'"):
        read_scores(fill(blank, edit=new_format), tender, SUBS)


def test_award_on_value_shows_values_and_shares():
    tender = value_tender()
    data = write_scoring_workbook(tender, [BRAVO], built=BUILT, evaluators=1)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws, scale = wb.worksheets[:2]
    assert ws["D6"].value == "€ 200.000,00" and ws["H4"].value == "Consensusscore"
    assert [(r[2], r[4]) for r in scale.iter_rows(min_row=5, max_row=8, values_only=True)] == \
        [(0, 0.0), (1, 0.25), (2, 0.6), (3, 1.0)]
    assert scale["E5"].number_format == "0%"


def test_english_and_evaluator_count():
    tender = weighted_tender(lang="en")
    data = write_scoring_workbook(tender, [BRAVO], built=BUILT, evaluators=5)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    assert wb.sheetnames[:2] == ["Scoring", "Scoring scale"]
    assert [ws.cell(4, c).value for c in range(7, 14)] == [f"Evaluator {n}" for n in range(1, 6)] + [
        "Consensus score", "Reasons for the consensus score"]
    with pytest.raises(InputError, match="1 to 10"):
        write_scoring_workbook(tender, [BRAVO], built=BUILT, evaluators=0)


def _sheet_xml(data: bytes, part: str):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(part))


def test_bidder_name_with_characters_a_cell_cannot_hold(tender):
    # The safe reader turns "_x0007_" in a returned form into U+0007: the name must still be writable.
    odd = bid("Bel\x07 & Co", 100_000, kvk=None)
    data = write_scoring_workbook(tender, [odd], built=BUILT)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    assert ws["A5"].value == ws["A6"].value == "Bel\ufffd & Co"
    ws["J6"], ws["K6"], ws["J7"], ws["K7"] = 8, "Goed", 6, "Voldoende"
    out = io.BytesIO()
    wb.save(out)
    scores = read_scores(out.getvalue(), tender, [odd])
    assert [(e.bidder, e.consensus) for e in scores.entries] == [(key(odd), 8), (key(odd), 6)]
    assert evaluate(tender, [odd], scores).winner == key(odd)
