"""Award on value (gunnen op waarde), worked out by hand.

AWD-01 is worth € 200,000 and AWD-02 € 100,000; scale 0-1-2-3 earns 0 / 25 / 60 / 100% of the value.
Fictive price = price − Σ value × share; the lowest fictive price wins.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from evaluation_bids import bid, complete_bid, key, scores, value_tender

from generator.errors import ValidationFailed
from generator.evaluation import evaluate
from generator.models import tender as t

ALFA = bid("Alfa Advies", 4_800_000)
BRAVO = bid("Bravo Beheer", 4_650_000)
CHARLIE = bid("Charlie ICT", 4_700_000)


def _rows(evaluation):
    return [(r.name, r.rank, r.price_eur, r.quality, r.total) for r in evaluation.ranking]


def test_fictive_price_by_hand():
    tender = value_tender()
    result = evaluate(tender, [ALFA, BRAVO, CHARLIE],
                      scores(tender, (ALFA, (3, 2)), (BRAVO, (2, 1)), (CHARLIE, (3, 3))))
    # Alfa:    200,000 × 1.00 + 100,000 × 0.60 = 260,000.00; 4,800,000 − 260,000 = 4,540,000.00
    # Bravo:   200,000 × 0.60 + 100,000 × 0.25 = 145,000.00; 4,650,000 − 145,000 = 4,505,000.00
    # Charlie: 200,000 × 1.00 + 100,000 × 1.00 = 300,000.00; 4,700,000 − 300,000 = 4,400,000.00
    assert _rows(result) == [
        ("Charlie ICT", 1, D("4700000"), D("300000.00"), D("4400000.00")),
        ("Bravo Beheer", 2, D("4650000"), D("145000.00"), D("4505000.00")),
        ("Alfa Advies", 3, D("4800000"), D("260000.00"), D("4540000.00")),
    ]
    assert result.winner == key(CHARLIE)
    bravo = result.ranking[1].criteria
    assert [(c.score, c.value_eur, c.share, c.earned_eur) for c in bravo] == [
        (2, D("200000"), D("0.6"), D("120000.00")), (1, D("100000"), D("0.25"), D("25000.00"))]
    assert all(r.price_points is None for r in result.ranking)
    assert (result.method, result.price_weight) == ("award_on_value", None)


def test_earned_value_is_rounded_half_up_to_the_cent():
    # 10,000.10 × 0.25 = 2,500.025 -> 2,500.03; 33,333.33 × 0.6 = 19,999.998 -> 20,000.00
    tender = value_tender(values=(10_000.10, 33_333.33))
    result = evaluate(tender, [ALFA], scores(tender, (ALFA, (1, 2))))
    assert [c.earned_eur for c in result.ranking[0].criteria] == [D("2500.03"), D("20000.00")]
    assert result.ranking[0].total == D("4800000") - D("22500.03")


# Delta: 200,000 × 0.25 + 100,000 × 0.60 = 110,000; 4,510,000 − 110,000 = 4,400,000, equal to Charlie.
DELTA = bid("Delta Diensten", 4_510_000)


def _tie(rule):
    tender = value_tender(tie_break=rule)
    return evaluate(tender, [CHARLIE, DELTA, ALFA],
                    scores(tender, (CHARLIE, (3, 3)), (DELTA, (1, 2)), (ALFA, (3, 2))))


def test_tie_broken_by_highest_quality_is_the_higher_value_earned():
    result = _tie("highest_quality")
    assert [(r.name, r.rank, r.total) for r in result.ranking[:2]] == [
        ("Charlie ICT", 1, D("4400000.00")), ("Delta Diensten", 2, D("4400000.00"))]
    assert result.winner == key(CHARLIE) and result.ties[0].decided


def test_tie_broken_by_lowest_price_is_the_lower_real_price():
    result = _tie("lowest_price")
    assert [(r.name, r.rank) for r in result.ranking] == [("Delta Diensten", 1), ("Charlie ICT", 2),
                                                          ("Alfa Advies", 3)]
    assert result.winner == key(DELTA)


def test_tie_by_lot_is_left_to_the_notary():
    result = _tie("lot")
    assert [(r.name, r.rank) for r in result.ranking] == [("Charlie ICT", 1), ("Delta Diensten", 1),
                                                          ("Alfa Advies", 3)]
    assert result.winner is None
    assert result.ties[0].lots == [[key(CHARLIE), key(DELTA)]]


def test_knock_out_missing_score_off_scale_and_bad_prices():
    tender = value_tender()
    ko = bid("Echo Energie", 1_000_000, knockout=True)
    result = evaluate(tender, [ALFA, ko], scores(tender, (ALFA, (3, 2))))
    assert [r.name for r in result.ranking] == ["Alfa Advies"]
    assert [e.name for e in result.set_aside] == ["Echo Energie"]

    zero, missing = bid("Foxtrot Facilitair", 0.0), bid("Golf Groep", None)
    with pytest.raises(ValidationFailed) as info:
        evaluate(tender, [ALFA, BRAVO, zero, missing],
                 scores(tender, (ALFA, (4, 2)), (BRAVO, (2, None)), (zero, (1, 1)), (missing, (1, 1)),
                        evaluators=0))
    assert [(f.location.item, f.message) for f in info.value.findings] == [
        ("AWD-01", "Alfa Advies: consensus score 4 is not on the published scale (0, 1, 2, 3)"),
        ("AWD-02", "Bravo Beheer: no consensus score"),
        ("price.total", "Foxtrot Facilitair: the price must be greater than zero, not 0.0"),
        ("price.total", "Golf Groep: no price in its bid form"),
    ]


def test_a_scale_step_without_share_is_refused():
    tender = value_tender()
    scale = [t.ScaleStep(score=0, descriptor="0", share=0.0), t.ScaleStep(score=1, descriptor="1")]
    criteria = [tender.criteria[0].model_copy(update={"scale": scale}), tender.criteria[1]]
    tender = tender.model_copy(update={"criteria": criteria})
    with pytest.raises(ValidationFailed) as info:
        evaluate(tender, [ALFA], scores(tender, (ALFA, (1, 2))))
    assert [str(f) for f in info.value.findings] == [
        "AWD-01: error: the scale has no share for score 1; award on value needs one per step"]


def test_the_bundled_award_on_value_sample():
    from generator.assemble import assemble
    from generator.library import load_library
    from generator.spec import load_spec

    library = load_library()
    tender = assemble(library, load_spec("samples/bouwteam-n-weg.yaml", library), "nl")
    strong = complete_bid(tender, "Alfa Advies", 9_000_000)
    cheap = complete_bid(tender, "Bravo Beheer", 8_500_000)
    top = tuple(c.scale[-1].score for c in tender.criteria)
    middle = tuple(c.scale[2].score for c in tender.criteria)  # "Voldoende": 25% of the value
    result = evaluate(tender, [strong, cheap], scores(tender, (strong, top), (cheap, middle)))
    value = sum(D(repr(c.value_eur)) for c in tender.criteria)
    by_name = {r.name: r for r in result.ranking}
    assert by_name["Alfa Advies"].quality == value
    assert by_name["Bravo Beheer"].quality == sum(D(repr(c.value_eur)) * D("0.25") for c in tender.criteria)
    assert by_name["Alfa Advies"].total == D("9000000") - value
