"""The committee's scores from a YAML scores file: the same Scores as the workbook gives, every problem at
file:line."""

from __future__ import annotations

import io

import openpyxl
import pytest
from evaluation_bids import BUILT, bid, weighted_tender

from generator.errors import InputError, ValidationFailed
from generator.evaluation import evaluate, load_scores, read_scores, write_scoring_workbook
from generator.evaluation import scoresheet as S

ALFA = bid("Alfa Advies", 100_000)
BRAVO = bid("Bravo Beheer", 120_000)
KO = bid("Delta Diensten", 50_000, knockout=True)
SUBS = [ALFA, BRAVO, KO]
# (bidder key, criterion): evaluator scores (None: blank), consensus, motivation.
VALUES = {
    (f"kvk:{ALFA.bidder.kvk}", "AWD-01"): ([8, 6, 8], 8, "Concreet plan met drie toetsbare toezeggingen."),
    (f"kvk:{ALFA.bidder.kvk}", "AWD-02"): ([6, 6, 4], 6, "Voldoende toegesneden op de opdracht."),
    (f"kvk:{BRAVO.bidder.kvk}", "AWD-01"): ([10, None, 10], 10, "Uitstekend: alle aspecten specifiek en toetsbaar."),
    (f"kvk:{BRAVO.bidder.kvk}", "AWD-02"): ([4, 4, 4], 4, "Algemeen van aard, weinig concrete toezeggingen."),
}
# Each bidder named a different way: its bidder key, its plain KvK number, its name in other case.
VALID = f"""\
tender: TEST-2027-001
revision: 1
evaluators: [A. de Boer, M. Yilmaz, P. Jansen]
scores:
  "kvk:{ALFA.bidder.kvk}":
    AWD-01: {{evaluators: [8, 6, 8], consensus: 8, motivation: "Concreet plan met drie toetsbare toezeggingen."}}
    AWD-02:
      evaluators: [6, 6, 4]
      consensus: 6
      motivation: >-
        Voldoende toegesneden
        op de opdracht.
  bravo beheer:
    AWD-02: {{evaluators: [4, 4, 4], consensus: 4, motivation: "Algemeen van aard, weinig concrete toezeggingen."}}
    AWD-01: {{evaluators: [10, null, 10], consensus: 10, motivation: " Uitstekend: alle aspecten specifiek en toetsbaar. "}}
"""


@pytest.fixture(scope="module")
def tender():
    return weighted_tender()


def write(tmp_path, text: str, name: str = "scores.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, marker: str) -> int:
    """The line number (1-based) of the line of ``text`` that is ``marker`` (stripped), else of the only
    line that contains it."""
    lines = list(enumerate(text.splitlines(), start=1))
    (number,) = [n for n, line in lines if line.strip() == marker] or [n for n, line in lines if marker in line]
    return number


def workbook_scores(tender):
    """The scores of VALUES typed into the scoring workbook with openpyxl and read back."""
    wb = openpyxl.load_workbook(io.BytesIO(write_scoring_workbook(tender, SUBS, built=BUILT)))
    ws, meta = wb.worksheets[0], wb[S.META_SHEET]
    consensus = S.column("consensus", 3)
    by_key = dict(VALUES)
    for record in meta.iter_rows(min_row=2, values_only=True):
        if record[0] != "row":
            continue
        evaluators, agreed, motivation = by_key.pop((record[3], record[4]))
        for col, score in enumerate([*evaluators, agreed], start=S.SHOWN_COLUMNS + 1):
            ws.cell(record[5], col).value = score
        ws.cell(record[5], consensus + 1).value = motivation
    assert not by_key
    out = io.BytesIO()
    wb.save(out)
    return read_scores(out.getvalue(), tender, SUBS, name="scores.xlsx")


def without_location(scores):
    return scores.model_copy(update={"source": None, "entries": [
        e.model_copy(update={"cell": None, "line": None}) for e in scores.entries]})


def test_a_valid_file_gives_the_scores_the_workbook_gives(tender, tmp_path):
    path = write(tmp_path, VALID)
    scores = load_scores(path, tender, SUBS)
    from_workbook = workbook_scores(tender)
    assert without_location(scores) == without_location(from_workbook)
    assert scores.source == str(path) and scores.evaluators == 3
    # Entries in the workbook's order (bidders, then criteria in tender order), each with its line.
    assert [(e.bidder, e.criterion, e.line) for e in scores.entries] == [
        (f"kvk:{ALFA.bidder.kvk}", "AWD-01", 6), (f"kvk:{ALFA.bidder.kvk}", "AWD-02", 7),
        (f"kvk:{BRAVO.bidder.kvk}", "AWD-01", 15), (f"kvk:{BRAVO.bidder.kvk}", "AWD-02", 14)]
    assert evaluate(tender, SUBS, scores) == evaluate(tender, SUBS, from_workbook)


def test_a_plain_kvk_number_and_a_name_key_name_the_bidder(tender, tmp_path):
    text = VALID.replace(f'"kvk:{ALFA.bidder.kvk}"', f'"{ALFA.bidder.kvk}"').replace(
        "bravo beheer:", '"name:Bravo  Beheer":')
    scores = load_scores(write(tmp_path, text), tender, SUBS, name="committee.yaml")
    assert without_location(scores) == without_location(workbook_scores(tender))
    assert scores.source == "committee.yaml"


# (change to VALID: old, new), the text on the line the finding must point at, the message (a part of it).
ERRORS = [
    pytest.param(('consensus: 8, motivation: "Concreet', 'consensus: "acht", motivation: "Concreet'),
                 "consensus: \"acht\"", "Input should be a valid number", id="not-a-number"),
    pytest.param(("      consensus: 6\n", "      consensus: 6\n      score: 6\n"), "score: 6",
                 "unknown field 'score'", id="unknown-field"),
    pytest.param(("consensus: 8, motivation", "consensus: 7, motivation"), "consensus: 7",
                 "Alfa Advies: consensus score 7 is not on the published scale (0, 2, 4, 6, 8, 10)",
                 id="consensus-off-scale"),
    pytest.param(("[8, 6, 8]", "[8, 5, 8]"), "[8, 5, 8]",
                 "Alfa Advies: evaluator 2's score 5 is not on the published scale", id="evaluator-off-scale"),
    pytest.param(("[4, 4, 4], consensus: 4, ", "[4, 4, 4], "), "[4, 4, 4]",
                 "Bravo Beheer: no consensus score", id="no-consensus"),
    pytest.param(("      motivation: >-\n        Voldoende toegesneden\n        op de opdracht.\n",
                  "      motivation: '  '\n"), "AWD-02:",
                 "Alfa Advies: the consensus score has no motivation", id="no-motivation"),
    pytest.param(("bravo beheer:", '"kvk:99999999":'), "AWD-02: {evaluators: [4, 4, 4]",
                 "scores for bidder 'kvk:99999999', who has no submission", id="unknown-bidder"),
    pytest.param(("    AWD-02: {evaluators: [4", "    AWD-99: {evaluators: [4"), "AWD-99",
                 "Bravo Beheer: scores for 'AWD-99', which is not an award criterion", id="unknown-criterion"),
    pytest.param(("    AWD-02: {evaluators: [4", "    AWD-99: {evaluators: [4"), "bravo beheer:",
                 "Bravo Beheer: no scores for this criterion", id="missing-criterion"),
    pytest.param(("bravo beheer:", "Bravo Beheer B.V.:"), "scores:",
                 "Bravo Beheer: no scores for this criterion", id="bidder-not-scored"),
    pytest.param(("[10, null, 10]", "[10, 10]"), "[10, 10]",
                 "Bravo Beheer: 2 evaluator score(s) for 3 evaluator(s)", id="evaluator-count"),
    pytest.param(("bravo beheer:", "delta diensten:"), "delta diensten:",
                 "Delta Diensten: this bid is not admitted", id="not-admitted"),
    pytest.param(("scores:\n", f'scores:\n  "{BRAVO.bidder.kvk}":\n    AWD-01: {{consensus: 4, motivation: x}}\n'),
                 "AWD-01: {evaluators: [10, null, 10]", "Bravo Beheer: scored twice on this criterion",
                 id="scored-twice-under-two-names"),
    pytest.param(("tender: TEST-2027-001", "tender: TEST-2027-002"), "tender:",
                 "the scores are for tender TEST-2027-002 revision 1, not for TEST-2027-001 revision 1",
                 id="other-tender"),
    pytest.param(("revision: 1", "revision: 2"), "revision:", "revision 2, not for TEST-2027-001 revision 1",
                 id="other-revision"),
    pytest.param(("evaluators: [A. de Boer, M. Yilmaz, P. Jansen]", "evaluators: [A. de Boer, M. Yilmaz, a. de boer]"),
                 "evaluators: [A.", "evaluator 'a. de boer' is named twice", id="evaluator-twice"),
]


@pytest.mark.parametrize(("change", "at", "message"), ERRORS)
def test_each_problem_is_reported_at_file_and_line(tender, tmp_path, change, at, message):
    old, new = change
    assert VALID.count(old) == 1
    text = VALID.replace(old, new)
    path = write(tmp_path, text)
    with pytest.raises(ValidationFailed) as info:
        load_scores(path, tender, SUBS)
    found = [(f.location.path, f.location.line, f.message) for f in info.value.findings]
    assert any(p == str(path) and line == line_of(text, at) and message in m for p, line, m in found), found
    assert all(f.location.line and str(f).startswith(f"{path}:{f.location.line}") for f in info.value.findings)


def test_every_problem_is_reported_at_once_in_line_order(tender, tmp_path):
    text = VALID.replace("consensus: 8, motivation", "consensus: 7, motivation").replace(
        "[4, 4, 4], consensus: 4, ", "[4, 4, 4], ")
    with pytest.raises(ValidationFailed) as info:
        load_scores(write(tmp_path, text), tender, SUBS)
    assert [(f.location.line, f.message.split(":")[1].strip()) for f in info.value.findings] == [
        (6, "consensus score 7 is not on the published scale (0, 2, 4, 6, 8, 10)"), (14, "no consensus score")]


def test_a_name_shared_by_two_bidders_must_be_a_key(tender, tmp_path):
    twin = bid("Bravo Beheer", 110_000, kvk="87654321")
    with pytest.raises(ValidationFailed) as info:
        load_scores(write(tmp_path, VALID), tender, [*SUBS, twin])
    messages = {(f.location.line, f.message) for f in info.value.findings}
    keys = ", ".join(sorted([f"kvk:{BRAVO.bidder.kvk}", "kvk:87654321"]))  # same name: in bidder key order
    assert (line_of(VALID, "bravo beheer:"),
            f"'bravo beheer' is the name of 2 bidders ({keys}); name the bidder by its bidder key") in messages


def test_a_file_that_is_not_yaml_is_an_input_error_with_its_line(tender, tmp_path):
    path = write(tmp_path, VALID.replace("revision: 1", "revision: [1"))
    with pytest.raises(InputError) as info:
        load_scores(path, tender, SUBS)
    assert info.value.location.path == str(path) and info.value.location.line is not None
