"""Weighted scoring, worked out by hand: 3 bidders, AWD-01 and AWD-02 at 30% each (scale 0-10), price 40%.

Quality points per criterion = 30 × score / 10; price points by lowest_relative = 40 × lowest / price
or linear = 40 × (worst − price) / (worst − best), clamped to 0..40. Each rounded half up to 2 decimals.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from evaluation_bids import bid, key, scores, weighted_tender

from generator.errors import ValidationFailed
from generator.evaluation import evaluate
from generator.models import tender as t
from generator.models.evaluation import Evaluation, ReservationDecision

ALFA, BRAVO, CHARLIE = bid("Alfa Advies", 100_000), bid("Bravo Beheer", 120_000), bid("Charlie ICT", 90_000)


def _totals(evaluation):
    return [(r.name, r.rank, r.quality, r.price_points, r.total) for r in evaluation.ranking]


def test_lowest_relative_by_hand():
    tender = weighted_tender()
    result = evaluate(tender, [ALFA, BRAVO, CHARLIE],
                      scores(tender, (ALFA, (8, 6)), (BRAVO, (10, 4)), (CHARLIE, (6, 10))))
    # Alfa:    24.00 + 18.00 = 42.00 quality; 40 × 90,000 / 100,000 = 36.00 price; 78.00
    # Bravo:   30.00 + 12.00 = 42.00 quality; 40 × 90,000 / 120,000 = 30.00 price; 72.00
    # Charlie: 18.00 + 30.00 = 48.00 quality; 40 × 90,000 /  90,000 = 40.00 price; 88.00
    assert _totals(result) == [
        ("Charlie ICT", 1, D("48.00"), D("40.00"), D("88.00")),
        ("Alfa Advies", 2, D("42.00"), D("36.00"), D("78.00")),
        ("Bravo Beheer", 3, D("42.00"), D("30.00"), D("72.00")),
    ]
    assert result.winner == key(CHARLIE)
    assert result.lowest_price_eur == D("90000")
    assert result.ties == [] and result.set_aside == []
    alfa = result.ranking[1]
    first = alfa.criteria[0]
    assert (first.criterion, first.score, first.max_score, first.weight, first.points) == \
        ("AWD-01", 8, 10, D("30"), D("24.00"))
    assert first.motivation == "Motivering AWD-01" and first.evaluator_scores == [8, 8, 8]
    assert alfa.price_eur == D("100000")
    assert (result.method, result.price_weight, result.decimals) == ("weighted_score", D("40"), 2)
    # JSON keeps every number exact (decimals as strings), so a stored evaluation reads back equal.
    assert '"points":"24.00"' in result.model_dump_json()
    assert Evaluation.model_validate_json(result.model_dump_json(), strict=False) == result


def test_linear_price_by_hand_with_both_bounds():
    tender = weighted_tender(linear=(80_000, 140_000))
    cheap, dear = bid("Echo Energie", 75_000), bid("Foxtrot Facilitair", 150_000)
    result = evaluate(tender, [ALFA, BRAVO, CHARLIE, cheap, dear],
                      scores(tender, (ALFA, (8, 6)), (BRAVO, (10, 4)), (CHARLIE, (6, 10)), (cheap, (0, 0)),
                             (dear, (10, 10))))
    points = {r.name: (r.price_points, r.total) for r in result.ranking}
    # 40 × (140,000 − 100,000) / 60,000 = 26.666... -> 26.67
    assert points["Alfa Advies"] == (D("26.67"), D("68.67"))
    # 40 × 20,000 / 60,000 = 13.333... -> 13.33
    assert points["Bravo Beheer"] == (D("13.33"), D("55.33"))
    # 40 × 50,000 / 60,000 = 33.333... -> 33.33
    assert points["Charlie ICT"] == (D("33.33"), D("81.33"))
    # At or below best: all 40 points; at or above worst: none.
    assert points["Echo Energie"] == (D("40.00"), D("40.00"))
    assert points["Foxtrot Facilitair"] == (D("0.00"), D("60.00"))
    assert result.ranking[0].name == "Charlie ICT"


def test_points_are_rounded_half_up_on_exact_decimals():
    tender = weighted_tender()
    # 33.46 × 1 / 4 = 8.365 exactly: half up gives 8.37 (half-even, or binary floats, would give 8.36).
    scale = [t.ScaleStep(score=s, descriptor=str(s)) for s in range(5)]
    criteria = [c.model_copy(update={"weight": w, "scale": scale})
                for c, w in zip(tender.criteria, (33.46, 26.54), strict=True)]
    tender = tender.model_copy(update={"criteria": criteria})
    result = evaluate(tender, [ALFA], scores(tender, (ALFA, (1, 3))))
    # 26.54 × 3 / 4 = 19.905 -> 19.91; quality 8.37 + 19.91 = 28.28; alone it is the lowest price: 40.00.
    assert [c.points for c in result.ranking[0].criteria] == [D("8.37"), D("19.91")]
    assert result.ranking[0].total == D("68.28")


# Tie: Alfa 30 + 30 = 60.00 quality + 40 × 90,000 / 225,000 = 16.00 -> 76.00
#      Bravo 18 + 18 = 36.00 quality + 40.00 (lowest price)        -> 76.00
#      Charlie 12 + 12 = 24.00 quality + 40 × 90,000 / 100,000 = 36.00 -> 60.00
TIE_A, TIE_B, TIE_C = bid("Alfa Advies", 225_000), bid("Bravo Beheer", 90_000), bid("Charlie ICT", 100_000)


def _tie(rule, *extra):
    tender = weighted_tender(tie_break=rule)
    given = [(TIE_A, (10, 10)), (TIE_B, (6, 6)), (TIE_C, (4, 4)), *extra]
    return evaluate(tender, [s for s, _ in given], scores(tender, *given))


def test_tie_broken_by_highest_quality():
    result = _tie("highest_quality")
    assert _totals(result)[:2] == [("Alfa Advies", 1, D("60.00"), D("16.00"), D("76.00")),
                                   ("Bravo Beheer", 2, D("36.00"), D("40.00"), D("76.00"))]
    assert result.winner == key(TIE_A)
    [tie] = result.ties
    assert (tie.rank, tie.bidders, tie.rule, tie.decided, tie.lots) == \
        (1, [key(TIE_A), key(TIE_B)], "highest_quality", True, [])


def test_tie_broken_by_lowest_price():
    result = _tie("lowest_price")
    assert [(r.name, r.rank) for r in result.ranking] == [("Bravo Beheer", 1), ("Alfa Advies", 2),
                                                          ("Charlie ICT", 3)]
    assert result.winner == key(TIE_B)
    assert result.ties[0].decided


def test_tie_by_lot_is_reported_never_decided():
    result = _tie("lot")
    assert [(r.name, r.rank) for r in result.ranking] == [("Alfa Advies", 1), ("Bravo Beheer", 1),
                                                          ("Charlie ICT", 3)]
    assert result.winner is None
    [tie] = result.ties
    assert not tie.decided and tie.lots == [[key(TIE_A), key(TIE_B)]]


def test_tie_the_rule_cannot_break_goes_to_lot():
    # Delta equals Alfa on total and on quality: highest_quality separates Bravo only.
    delta = bid("Delta Diensten", 225_000)
    result = _tie("highest_quality", (delta, (10, 10)))
    assert [(r.name, r.rank) for r in result.ranking] == [("Alfa Advies", 1), ("Delta Diensten", 1),
                                                          ("Bravo Beheer", 3), ("Charlie ICT", 4)]
    assert result.winner is None
    [tie] = result.ties
    assert tie.bidders == [key(TIE_A), key(delta), key(TIE_B)]
    assert tie.lots == [[key(TIE_A), key(delta)]] and not tie.decided


def test_knocked_out_bid_is_excluded_and_not_the_lowest_price():
    tender = weighted_tender()
    ko = bid("Delta Diensten", 50_000, knockout=True)
    result = evaluate(tender, [ALFA, BRAVO, CHARLIE, ko],
                      scores(tender, (ALFA, (8, 6)), (BRAVO, (10, 4)), (CHARLIE, (6, 10))))
    assert [r.name for r in result.ranking] == ["Charlie ICT", "Alfa Advies", "Bravo Beheer"]
    assert result.lowest_price_eur == D("90000")  # not Delta's 50,000
    [excluded] = result.set_aside
    assert excluded.name == "Delta Diensten"
    assert [(r.code, r.item, r.cell) for r in excluded.reasons] == [("knockout", "REQ-01", "Eisen!E5")]


def test_bid_with_an_error_finding_is_excluded():
    from generator.models.submission import FormFinding
    altered = FormFinding(severity="error", code="row_deleted", item="REQ-02", cell=None,
                          message="De rij van REQ-02 ontbreekt.", message_en="The row of REQ-02 is missing.")
    warned = FormFinding(severity="warning", code="reservation", item="AWD-01", cell="Gunningscriteria!E6",
                         message="Mogelijk voorbehoud", message_en="Possible reservation")
    tender = weighted_tender()
    broken, fine = bid("Echo Energie", findings=[altered]), bid("Alfa Advies", findings=[warned])
    decided = ReservationDecision(bidder=key(fine), item="AWD-01", decision="not_material",
                                  motivation="Geen voorwaarde bij het aanbod.")
    given = scores(tender, (fine, (8, 8))).model_copy(update={"decisions": [decided]})
    result = evaluate(tender, [broken, fine], given)
    assert [r.name for r in result.ranking] == ["Alfa Advies"]
    assert result.set_aside[0].reasons == [altered]


def _failure(tender, subs, given_scores, prices=None):
    with pytest.raises(ValidationFailed) as info:
        evaluate(tender, subs, given_scores, prices)
    return [(f.location.item, f.message) for f in info.value.findings]


def test_missing_score_and_missing_consensus_are_located():
    tender = weighted_tender()
    given = scores(tender, (ALFA, (8, 6)), (BRAVO, (10, None)), (CHARLIE, (6, 10)))
    entries = [e for e in given.entries if (e.bidder, e.criterion) != (key(CHARLIE), "AWD-01")]
    findings = _failure(tender, [ALFA, BRAVO, CHARLIE], given.model_copy(update={"entries": entries}))
    assert ("AWD-02", "Bravo Beheer: no consensus score") in findings
    assert ("AWD-01", "Charlie ICT: no scores for this criterion") in findings
    assert len(findings) == 2


@pytest.mark.parametrize("score", [7, 12, 7.5, -2])
def test_score_outside_the_scale(score):
    tender = weighted_tender()
    findings = _failure(tender, [ALFA], scores(tender, (ALFA, (score, 6)), evaluators=1))
    text = f"{score:g}"
    assert ("AWD-01", f"Alfa Advies: consensus score {text} is not on the published scale "
                      "(0, 2, 4, 6, 8, 10)") in findings
    assert ("AWD-01", f"Alfa Advies: evaluator 1's score {text} is not on the published scale "
                      "(0, 2, 4, 6, 8, 10)") in findings


def test_consensus_without_motivation():
    tender = weighted_tender()
    given = scores(tender, (ALFA, (8, 6)))
    entries = [given.entries[0].model_copy(update={"motivation": "  "}), given.entries[1]]
    [(item, message)] = _failure(tender, [ALFA], given.model_copy(update={"entries": entries}))
    assert item == "AWD-01" and message.startswith("Alfa Advies: the consensus score has no motivation")


@pytest.mark.parametrize("price, problem", [(0.0, "greater than zero, not 0.0"),
                                            (-5.0, "greater than zero, not -5.0"),
                                            (None, "no price in its bid form")])
def test_impossible_or_missing_price(price, problem):
    tender = weighted_tender()
    odd = bid("Echo Energie", price)
    findings = _failure(tender, [ALFA, odd], scores(tender, (ALFA, (8, 6)), (odd, (8, 6))))
    assert findings == [("price.total", f"Echo Energie: {problem}" if price is None else
                         f"Echo Energie: the price must be {problem}")]


def test_prices_given_separately_replace_the_form_and_are_checked():
    tender = weighted_tender()
    given = scores(tender, (ALFA, (8, 6)), (BRAVO, (10, 4)))
    result = evaluate(tender, [ALFA, BRAVO], given, {key(ALFA): D("50000"), key(BRAVO): 100_000.0})
    assert [(r.name, r.price_points) for r in result.ranking] == [("Alfa Advies", D("40.00")),
                                                                  ("Bravo Beheer", D("20.00"))]
    findings = _failure(tender, [ALFA, BRAVO], given, {key(ALFA): float("nan"), "kvk:99999999": 1.0})
    assert ("kvk:99999999", "a price is given for bidder 'kvk:99999999', who has no submission") in findings
    assert ("price.total", "Alfa Advies: the price must be greater than zero, not nan") in findings
    assert ("price.total", "Bravo Beheer: no price in the prices given") in findings


def test_no_price_sheet_asks_for_a_csv():
    tender = weighted_tender()
    tender = tender.model_copy(update={"award": tender.award.model_copy(update={"price_sheet": False})})
    odd = bid("Echo Energie", None)
    [(_, message)] = _failure(tender, [odd], scores(tender, (odd, (8, 6))))
    assert "no price sheet in this tender: give the prices in a CSV file" in message


def test_quality_only_needs_no_price():
    tender = weighted_tender()
    criteria = [c.model_copy(update={"weight": 50.0}) for c in tender.criteria]
    award = tender.award.model_copy(update={"price_weight": 0.0, "price_scoring": None})
    tender = tender.model_copy(update={"criteria": criteria, "award": award})
    a, b = bid("Alfa Advies", None), bid("Bravo Beheer", None)
    result = evaluate(tender, [a, b], scores(tender, (a, (8, 6)), (b, (10, 6))))
    assert _totals(result) == [("Bravo Beheer", 1, D("80.00"), D("0.00"), D("80.00")),
                               ("Alfa Advies", 2, D("70.00"), D("0.00"), D("70.00"))]


def test_scores_of_another_tender_unknown_names_and_doubles():
    tender = weighted_tender()
    given = scores(tender, (ALFA, (8, 6)))
    other = given.model_copy(update={"revision": 2})
    assert _failure(tender, [ALFA], other) == [
        (None, "the scores are for tender TEST-2027-001 revision 2, not for TEST-2027-001 revision 1")]
    stray = given.entries[0].model_copy(update={"bidder": "kvk:99999999"})
    wrong = given.entries[0].model_copy(update={"criterion": "AWD-99"})
    double = given.entries[1]
    entries = [*given.entries, stray, wrong, double]
    findings = _failure(tender, [ALFA], given.model_copy(update={"entries": entries}))
    assert findings == [
        ("AWD-01", "scores for bidder 'kvk:99999999', who has no submission"),
        ("AWD-99", "Alfa Advies: scores for 'AWD-99', which is not an award criterion of the tender"),
        ("AWD-02", "Alfa Advies: scored twice on this criterion"),
    ]


def test_two_submissions_of_one_bidder_are_refused():
    tender = weighted_tender()
    again = ALFA.model_copy(update={"source": ALFA.source.model_copy(update={"filename": "Alfa v2.xlsx"})})
    [(_, message)] = _failure(tender, [ALFA, again], scores(tender, (ALFA, (8, 6))))
    assert "a second submission from bidder" in message


def test_every_problem_is_listed_at_once():
    tender = weighted_tender()
    zero = bid("Echo Energie", 0.0)
    findings = _failure(tender, [ALFA, zero], scores(tender, (ALFA, (7, None)), (zero, (8, 6)), evaluators=1))
    assert len(findings) == 4  # off-scale consensus and evaluator score, no consensus, zero price


def test_no_admitted_bid_gives_an_empty_ranking():
    tender = weighted_tender()
    ko = bid("Delta Diensten", knockout=True)
    result = evaluate(tender, [ko], scores(tender))
    assert result.ranking == [] and result.winner is None and result.lowest_price_eur is None
    assert [e.name for e in result.set_aside] == ["Delta Diensten"]
