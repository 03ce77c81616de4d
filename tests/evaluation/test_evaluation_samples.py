"""The whole evaluation on the bundled samples: forms filled with the sample bids, read, scored, ranked."""

from __future__ import annotations

import io
from decimal import Decimal as D

import openpyxl
import pytest
from evaluation_bids import BUILT, SAMPLES, sample_tender_and_bids

from generator.evaluation import compliance, evaluate, read_scores, write_scoring_workbook
from generator.evaluation import scoresheet as S


@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_bids_are_scored_and_ranked(sample):
    tender, bids = sample_tender_and_bids(sample, "nl")
    submissions = list(bids)
    matrix = compliance(tender, submissions)
    admitted = [row for row in matrix.rows if row.admitted]
    assert admitted, [(r.name, [f.code for f in r.reasons]) for r in matrix.rows]

    # The committee gives the strongest bid (alphabetically first here) the top score, the others the middle.
    wb = openpyxl.load_workbook(io.BytesIO(write_scoring_workbook(tender, submissions, built=BUILT)))
    ws = wb.worksheets[0]
    meta = wb[S.META_SHEET]
    consensus = S.column("consensus", 3)
    for record in meta.iter_rows(min_row=2, values_only=True):
        if record[0] != "row":
            continue
        criterion = next(c for c in tender.criteria if c.id == record[4])
        score = criterion.scale[-1 if record[3] == admitted[0].bidder else len(criterion.scale) // 2].score
        ws.cell(record[5], consensus).value = score
        ws.cell(record[5], consensus + 1).value = "Onderbouwd in de beoordelingsvergadering."
    reservations = wb[S.sheet_name(S.RESERVATIONS, "nl")]
    for record in meta.iter_rows(min_row=2, values_only=True):
        if record[0] == "reservation":  # the committee decides every possible reservation
            reservations.cell(record[5], 4).value = "niet wezenlijk"
            reservations.cell(record[5], 5).value = "De voorwaarde beperkt de verplichtingen niet."
    data = io.BytesIO()
    wb.save(data)
    scores = read_scores(data.getvalue(), tender, submissions, name=f"{sample}-scores.xlsx")
    assert len(scores.entries) == len(admitted) * len(tender.criteria)

    result = evaluate(tender, submissions, scores)
    assert {r.bidder for r in result.ranking} == {r.bidder for r in admitted}
    assert [e.bidder for e in result.set_aside] == [r.bidder for r in matrix.rows if not r.admitted]
    top = result.ranking[0]
    if tender.award.method == "weighted_score":
        assert all(D(0) <= r.total <= D(100) for r in result.ranking)
        assert top.quality == sum(c.points for c in top.criteria)
    else:
        assert top.total == top.price_eur - sum(c.earned_eur for c in top.criteria)
