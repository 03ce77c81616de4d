"""The award chapter: weights, scale, formula and a worked example whose numbers follow the method."""

from __future__ import annotations

from docxcheck import BUILT, part, texts
from factories import make_tender

from generator.document import render_tender_document
from generator.document.context import build_context
from generator.models.spec import LinearPrice
from generator.models.tender import Award, ScaleStep


def award(tender):
    return build_context(tender)["award"]


def test_weighted_score_with_price_relative_to_the_lowest():
    a = award(make_tender("nl"))
    assert [r["amount"] for r in a["rows"]] == ["30%", "30%", "40%"]
    assert a["totals"][0]["amount"] == "100%"
    assert a["formula"][1] == "Prijspunten = 40 × (laagste inschrijvingsprijs / uw inschrijvingsprijs)"
    example = a["example"]
    # A scores 10 and 8 (30 + 24 points) at € 100.000; B scores 6 and 6 (18 + 18) at € 90.000.
    assert example["rows"][0] == ["AWD-01", "30%", "10", "30,00", "6", "18,00"]
    assert example["rows"][2] == ["Prijs", "40%", "€ 100.000", "36,00", "€ 90.000", "40,00"]
    assert example["totals"] == [["Totaal", "100%", "", "90,00", "", "76,00"]]
    assert example["conclusion"][-1] == "Inschrijver A heeft de beste prijs-kwaliteitverhouding."
    assert [s["score"] for s in a["scale"]] == ["0", "2", "4", "6", "8", "10"]


def test_weighted_score_with_linear_price():
    tender = make_tender("en")
    rule = LinearPrice(rule="linear", best=80_000, worst=120_000)
    linear = tender.award.model_copy(update={"price_scoring": rule})
    a = award(tender.model_copy(update={"award": linear}))
    assert a["formula"][1] == ("Price points = 40 × (€120,000.00 − your bid price) / "
                               "(€120,000.00 − €80,000.00), at least 0 and at most 40")
    # A bids €100,000: 40 × 20,000 / 40,000 = 20 points; B bids €92,000: 28 points.
    assert a["example"]["rows"][2] == ["Price", "40%", "€100,000", "20.00", "€92,000", "28.00"]
    assert a["example"]["totals"][0][3:] == ["74.00", "", "64.00"]


def test_award_on_value_uses_fictive_prices():
    tender = make_tender("nl")
    scale = [ScaleStep(score=s, descriptor=f"Score {s}", share=share)
             for s, share in ((0, 0.0), (1, 0.1), (2, 0.25), (3, 0.6), (4, 1.0))]
    criteria = [c.model_copy(update={"weight": None, "value_eur": value, "scale": scale})
                for c, value in zip(tender.criteria, (50_000.0, 30_000.0))]
    method = Award(method="award_on_value", scale=scale, price_sheet=True, tie_break="lowest_price")
    tender = tender.model_copy(update={"criteria": criteria, "award": method,
                                       "estimated_value_eur": 1_000_000.0})
    a = award(tender)
    assert a["on_value"] and a["amount_head"] == "Maximale waarde"
    assert [r["amount"] for r in a["rows"]] == ["€ 50.000,00", "€ 30.000,00"]
    assert [s["share"] for s in a["scale"]] == ["0%", "10%", "25%", "60%", "100%"]
    # A earns 50.000 (score 4) + 18.000 (score 3) on € 1.000.000; B 12.500 + 7.500 on € 900.000.
    assert a["example"]["totals"] == [
        ["Totale fictieve korting", "€ 80.000", "", "€ 68.000", "", "€ 20.000"],
        ["Inschrijvingsprijs", "", "", "€ 1.000.000", "", "€ 900.000"],
        ["Fictieve inschrijvingsprijs", "", "", "€ 932.000", "", "€ 880.000"],
    ]
    assert a["example"]["conclusion"][-1] == "Inschrijver B heeft de beste prijs-kwaliteitverhouding."
    assert "laagste inschrijvingsprijs" in a["tie_break"]
    body = "\n".join(texts(part(render_tender_document(tender, built=BUILT), "word/document.xml")))
    assert "Fictieve inschrijvingsprijs = inschrijvingsprijs − som van de verdiende waarden" in body
    assert "€ 932.000" in body and "Deel van de waarde" in body


def test_a_criterion_with_its_own_scale_shows_it():
    tender = make_tender("nl")
    own = [ScaleStep(score=s, descriptor=f"Eigen {s}") for s in (0, 5, 10)]
    criteria = [tender.criteria[0].model_copy(update={"scale": own})] + tender.criteria[1:]
    context = build_context(tender.model_copy(update={"criteria": criteria}))
    assert [s["descriptor"] for s in context["criteria"][0]["scale"]] == ["Eigen 0", "Eigen 5", "Eigen 10"]
    assert context["criteria"][1]["scale"] == []
    # A scores 10 of 10 on the own scale, 8 of 10 on the general one.
    assert context["award"]["example"]["rows"][0][2:4] == ["10", "30,00"]
