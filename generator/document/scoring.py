"""The award chapter's content: method, weights or values, scale, formula and a worked example.

The worked example uses two fictitious bidders and computes their result with the tender's own
weights, scales and price rule, so the numbers a tenderer reads are the ones the method produces:
weighted score (quality points plus price points by ``lowest_relative`` or ``linear``) or award on
value (fictive price = price minus the value earned).
"""

from __future__ import annotations

from typing import Any

from ..models.base import Language
from ..models.spec import LinearPrice
from ..models.tender import DECIMALS, Criterion, ScaleStep, Tender
from ..text import format_euro, format_number

_T: dict[str, tuple[str, str]] = {
    "method_weighted": (
        "De opdracht wordt gegund aan de inschrijving met de beste prijs-kwaliteitverhouding, bepaald met de "
        "gewogen factormethode: de kwaliteit wordt beoordeeld op de gunningscriteria in dit hoofdstuk en "
        "levert samen met de prijs een totaalscore van ten hoogste 100 punten op.",
        "The contract is awarded to the bid with the best price-quality ratio, determined by the weighted "
        "factor method: quality is evaluated on the award criteria in this chapter and, together with the price, "
        "gives a total score of at most 100 points.",
    ),
    "method_value": (
        "De opdracht wordt gegund aan de inschrijving met de beste prijs-kwaliteitverhouding, bepaald door "
        "gunnen op waarde: de kwaliteit van uw inschrijving levert een fictieve korting op uw "
        "inschrijvingsprijs op. De inschrijving met de laagste fictieve inschrijvingsprijs wint.",
        "The contract is awarded to the bid with the best price-quality ratio, determined by award on "
        "value: the quality of your bid earns a fictive discount on your bid price. The bid with the "
        "lowest fictive price wins.",
    ),
    "h_weights": ("Criteria en weging", "Criteria and weights"),
    "h_values": ("Criteria en waarde", "Criteria and values"),
    "weights_intro": ("De gunningscriteria en de prijs wegen als volgt mee (samen 100%):",
                      "The award criteria and the price are weighted as follows (100% in total):"),
    "values_intro": ("Per gunningscriterium kunt u ten hoogste de volgende fictieve korting verdienen:",
                     "For each award criterion you can earn at most the following fictive discount:"),
    "amount_weight": ("Weging", "Weight"),
    "amount_value": ("Maximale waarde", "Maximum value"),
    "price": ("Prijs", "Price"),
    "total": ("Totaal", "Total"),
    "total_discount": ("Totale fictieve korting", "Total fictive discount"),
    "bid_price": ("Inschrijvingsprijs", "Bid price"),
    "fictive_price": ("Fictieve inschrijvingsprijs", "Fictive bid price"),
    "scale_weighted": ("Ieder gunningscriterium wordt gescoord op de volgende schaal (hoogste score {max}):",
                       "Each award criterion is scored on the following scale (highest score {max}):"),
    "scale_value": ("Ieder gunningscriterium wordt gescoord op de volgende schaal; per score staat welk deel "
                    "van de maximale waarde van het criterium u verdient:",
                    "Each award criterion is scored on the following scale; each score earns the share of "
                    "the criterion's maximum value shown:"),
    "f_quality": ("Kwaliteitspunten per criterium = (score / {max}) × weging",
                  "Quality points per criterion = (score / {max}) × weight"),
    "f_relative": ("Prijspunten = {pw} × (laagste inschrijvingsprijs / uw inschrijvingsprijs)",
                   "Price points = {pw} × (lowest bid price / your bid price)"),
    "f_linear": ("Prijspunten = {pw} × ({worst} − uw inschrijvingsprijs) / ({worst} − {best}), "
                 "met een minimum van 0 en een maximum van {pw}",
                 "Price points = {pw} × ({worst} − your bid price) / ({worst} − {best}), "
                 "at least 0 and at most {pw}"),
    "f_total": ("Totaalscore = kwaliteitspunten + prijspunten (ten hoogste 100)",
                "Total score = quality points + price points (at most 100)"),
    "f_total_quality": ("Totaalscore = som van de kwaliteitspunten (ten hoogste 100); de prijs weegt "
                        "niet mee",
                        "Total score = sum of the quality points (at most 100); price does not count"),
    "f_earned": ("Verdiende waarde per criterium = maximale waarde × deel van de waarde bij de score",
                 "Value earned per criterion = maximum value × share of the value for the score"),
    "f_fictive": ("Fictieve inschrijvingsprijs = inschrijvingsprijs − som van de verdiende waarden",
                  "Fictive bid price = bid price − sum of the values earned"),
    "note_weighted": (
        "De inschrijving met de hoogste totaalscore heeft de beste prijs-kwaliteitverhouding.",
        "The bid with the highest total score has the best price-quality ratio.",
    ),
    "h_rounding": ("Afronding", "Rounding"),
    "rounding_weighted": (
        "De kwaliteitspunten worden per gunningscriterium en de prijspunten worden afzonderlijk berekend op "
        "{d} decimalen, half naar boven afgerond: een waarde die precies halverwege ligt, wordt naar boven "
        "afgerond (bij {d} decimalen wordt {half} afgerond op {up}). De totaalscore is de som van deze "
        "afgeronde punten; zij wordt niet opnieuw afgerond. Inschrijvingen worden gerangschikt op deze "
        "totaalscore.",
        "The quality points per award criterion and the price points are each calculated to {d} decimals, "
        "rounded half up: a value exactly halfway is rounded up (to {d} decimals, {half} is rounded to "
        "{up}). The total score is the sum of these rounded points and is not rounded again. Bids are "
        "ranked on this total score.",
    ),
    "rounding_value": (
        "De verdiende waarde wordt per gunningscriterium berekend in euro op {d} decimalen (hele centen), "
        "half naar boven afgerond: een bedrag dat precies halverwege ligt, wordt naar boven afgerond ({half} "
        "wordt {up}). De fictieve inschrijvingsprijs is de inschrijvingsprijs min de som van deze afgeronde "
        "bedragen; zij wordt niet opnieuw afgerond. Inschrijvingen worden gerangschikt op deze fictieve "
        "inschrijvingsprijs.",
        "The value earned per award criterion is calculated in euros to {d} decimals (whole cents), rounded "
        "half up: an amount exactly halfway is rounded up ({half} becomes {up}). The fictive bid price is "
        "the bid price less the sum of these rounded amounts and is not rounded again. Bids are ranked on "
        "this fictive bid price.",
    ),
    "note_value": (
        "De inschrijving met de laagste fictieve inschrijvingsprijs heeft de beste "
        "prijs-kwaliteitverhouding. De fictieve korting geldt alleen voor de beoordeling: de vergoeding "
        "volgt uit uw werkelijke inschrijvingsprijs.",
        "The bid with the lowest fictive price has the best price-quality ratio. The fictive discount "
        "applies to the evaluation only: you are paid your actual bid price.",
    ),
    "head_weighted": ("Onderdeel|Weging|Score A|Punten A|Score B|Punten B",
                      "Component|Weight|Score A|Points A|Score B|Points B"),
    "head_value": ("Onderdeel|Max. waarde|Score A|Waarde A|Score B|Waarde B",
                   "Component|Max. value|Score A|Value A|Score B|Value B"),
    "won_weighted": ("Inschrijver A behaalt {a} punten en inschrijver B {b} punten.",
                     "Bidder A scores {a} points and bidder B {b} points."),
    "won_value": ("De fictieve inschrijvingsprijs van inschrijver A is {a} en die van inschrijver B {b}.",
                  "Bidder A's fictive bid price is {a} and bidder B's {b}."),
    "winner": ("Inschrijver {x} heeft de beste prijs-kwaliteitverhouding.",
               "Bidder {x} has the best price-quality ratio."),
    "tie": ("De inschrijvers eindigen gelijk; dan beslist de regel bij gelijke eindscore hieronder.",
            "The bidders finish level; the tie-break rule below then decides."),
    "tie_break": ("Bij een gelijke eindscore wordt gegund aan {rule}.",
                  "In case of a tie, the contract is awarded to {rule}."),
    "highest_quality": ("de inschrijving met de hoogste kwaliteitsscore; is ook die gelijk, dan beslist "
                        "loting onder toezicht van een notaris",
                        "the bid with the highest quality score; if that is also equal, by lot drawn under "
                        "the supervision of a civil-law notary"),
    "lowest_price": ("de inschrijving met de laagste inschrijvingsprijs; is ook die gelijk, dan beslist "
                     "loting onder toezicht van een notaris",
                     "the bid with the lowest bid price; if that is also equal, by lot drawn under the "
                     "supervision of a civil-law notary"),
    "lot": ("de inschrijving die wordt aangewezen door loting onder toezicht van een notaris",
            "the bid chosen by lot drawn under the supervision of a civil-law notary"),
}


def whole_euro(value: float, lang: Language) -> str:
    """An amount in whole euros, as the worked example shows them: ``€ 4.800.000`` / ``€4,800,000``."""
    amount = format_number(round(value), lang, 0)
    return f"€ {amount}" if lang == "nl" else f"€{amount}"


def percent(value: float, lang: Language) -> str:
    """A percentage such as ``30%`` or ``12,5%``."""
    return f"{format_number(value, lang)}%"


def _share(step: ScaleStep, top: int) -> float:
    return step.share if step.share is not None else step.score / top


def _example_steps(scale: list[ScaleStep], index: int) -> tuple[ScaleStep, ScaleStep]:
    """The fictitious scores on criterion ``index``: A strong (top or next), B middling."""
    a = scale[-1] if index % 2 == 0 else scale[max(len(scale) - 2, 0)]
    return a, scale[len(scale) // 2]


def _base_price(tender: Tender) -> float:
    values = sum(c.value_eur or 0 for c in tender.criteria)
    base = tender.estimated_value_eur or max(100_000.0, 10 * values)
    return float(round(base, -3) or base)


def _prices(tender: Tender) -> tuple[float, float]:
    """Fictitious bid prices of A (dearer) and B (cheaper), inside a linear rule's range if any."""
    rule = tender.award.price_scoring
    if isinstance(rule, LinearPrice):
        span = rule.worst - rule.best
        return round(rule.best + 0.5 * span), round(rule.best + 0.3 * span)
    base = _base_price(tender)
    return base, round(base * 0.9)


def _price_points(tender: Tender, price: float, other: float) -> float:
    weight = tender.award.price_weight or 0.0
    rule = tender.award.price_scoring
    if isinstance(rule, LinearPrice):
        return weight * min(1.0, max(0.0, (rule.worst - price) / (rule.worst - rule.best)))
    return weight * min(price, other) / price


def _weighted_example(tender: Tender, lang: Language, pick) -> dict[str, Any]:
    num = lambda x: format_number(x, lang, 2)  # noqa: E731
    rows, totals = [], [0.0, 0.0]
    for i, c in enumerate(tender.criteria):
        steps = _example_steps(c.scale, i)
        top = c.scale[-1].score
        points = [s.score / top * (c.weight or 0) for s in steps]
        totals = [t + round(p, 2) for t, p in zip(totals, points)]
        rows.append([c.id, percent(c.weight or 0, lang), str(steps[0].score), num(points[0]),
                     str(steps[1].score), num(points[1])])
    price_weight = tender.award.price_weight or 0
    if price_weight > 0:
        a, b = _prices(tender)
        points = [_price_points(tender, a, b), _price_points(tender, b, a)]
        totals = [t + round(p, 2) for t, p in zip(totals, points)]
        rows.append([pick("price"), percent(price_weight, lang), whole_euro(a, lang), num(points[0]),
                     whole_euro(b, lang), num(points[1])])
    conclusion = [pick("won_weighted").format(a=num(totals[0]), b=num(totals[1]))]
    if round(totals[0], 2) == round(totals[1], 2):
        conclusion.append(pick("tie"))
    else:
        conclusion.append(pick("winner").format(x="A" if totals[0] > totals[1] else "B"))
    weight_total = sum(c.weight or 0 for c in tender.criteria) + price_weight
    return {
        "head": pick("head_weighted").split("|"),
        "rows": rows,
        "totals": [[pick("total"), percent(weight_total, lang), "", num(totals[0]), "", num(totals[1])]],
        "conclusion": conclusion,
    }


def _value_example(tender: Tender, lang: Language, pick) -> dict[str, Any]:
    euro = lambda x: whole_euro(x, lang)  # noqa: E731
    rows, earned = [], [0.0, 0.0]
    for i, c in enumerate(tender.criteria):
        steps = _example_steps(c.scale, i)
        top = c.scale[-1].score
        values = [round((c.value_eur or 0) * _share(s, top)) for s in steps]
        earned = [e + v for e, v in zip(earned, values)]
        rows.append([c.id, euro(c.value_eur or 0), str(steps[0].score), euro(values[0]), str(steps[1].score),
                     euro(values[1])])
    prices = _prices(tender)
    fictive = [p - e for p, e in zip(prices, earned)]
    maximum = sum(c.value_eur or 0 for c in tender.criteria)
    conclusion = [pick("won_value").format(a=euro(fictive[0]), b=euro(fictive[1]))]
    if round(fictive[0], 2) == round(fictive[1], 2):
        conclusion.append(pick("tie"))
    else:
        conclusion.append(pick("winner").format(x="A" if fictive[0] < fictive[1] else "B"))
    return {
        "head": pick("head_value").split("|"),
        "rows": rows,
        "totals": [
            [pick("total_discount"), euro(maximum), "", euro(earned[0]), "", euro(earned[1])],
            [pick("bid_price"), "", "", euro(prices[0]), "", euro(prices[1])],
            [pick("fictive_price"), "", "", euro(fictive[0]), "", euro(fictive[1])],
        ],
        "conclusion": conclusion,
    }


def _scale_rows(scale: list[ScaleStep], lang: Language) -> list[dict[str, str]]:
    top = scale[-1].score
    return [{"score": str(s.score), "descriptor": s.descriptor,
             "share": percent(round(_share(s, top) * 100, 2), lang)} for s in scale]


def criterion_scale(criterion: Criterion, tender: Tender, lang: Language) -> list[dict[str, str]]:
    """The criterion's own scale rows, or ``[]`` when it uses the tender's general scale."""
    return [] if criterion.scale == tender.award.scale else _scale_rows(criterion.scale, lang)


def award_context(tender: Tender, lang: Language, evaluation: str, example_intro: str) -> dict[str, Any]:
    """Everything chapter 4 shows besides the criteria themselves, formatted in ``lang``.

    ``evaluation`` and ``example_intro`` are the fixed sentences on the evaluation committee and on
    the example being fictitious.
    """
    i = 0 if lang == "nl" else 1

    def pick(key: str) -> str:
        return _T[key][i]

    award = tender.award
    on_value = award.method == "award_on_value"
    top = award.scale[-1].score if award.scale else 0
    if on_value:
        rows = [{"id": c.id, "title": c.title, "amount": format_euro(c.value_eur or 0, lang)}
                for c in tender.criteria]
        maximum = sum(c.value_eur or 0 for c in tender.criteria)
        totals = [{"id": "", "title": pick("total_discount"), "amount": format_euro(maximum, lang)}]
        formula = [pick("f_earned"), pick("f_fictive")]
        example = _value_example(tender, lang, pick)
    else:
        rows = [{"id": c.id, "title": c.title, "amount": percent(c.weight or 0, lang)}
                for c in tender.criteria]
        price_weight = award.price_weight or 0
        if price_weight > 0:
            rows.append({"id": "", "title": pick("price"), "amount": percent(price_weight, lang)})
        total = sum(c.weight or 0 for c in tender.criteria) + price_weight
        totals = [{"id": "", "title": pick("total"), "amount": percent(total, lang)}]
        formula = [pick("f_quality").format(max=top)]
        rule = award.price_scoring
        pw = format_number(price_weight, lang)
        if price_weight > 0 and isinstance(rule, LinearPrice):
            formula.append(pick("f_linear").format(pw=pw, best=format_euro(rule.best, lang),
                                                   worst=format_euro(rule.worst, lang)))
        elif price_weight > 0:
            formula.append(pick("f_relative").format(pw=pw))
        formula.append(pick("f_total") if price_weight > 0 else pick("f_total_quality"))
        example = _weighted_example(tender, lang, pick)
    example["intro"] = [pick("note_value" if on_value else "note_weighted"), example_intro]
    return {
        "on_value": on_value,
        "method": [pick("method_value" if on_value else "method_weighted"), evaluation],
        "h_weights": pick("h_values" if on_value else "h_weights"),
        "weights_intro": pick("values_intro" if on_value else "weights_intro"),
        "amount_head": pick("amount_value" if on_value else "amount_weight"),
        "rows": rows,
        "totals": totals,
        "scale_intro": pick("scale_value") if on_value else pick("scale_weighted").format(max=top),
        "scale": _scale_rows(award.scale, lang) if award.scale else [],
        "formula": formula,
        "example": example,
        "tie_break": pick("tie_break").format(rule=pick(award.tie_break)),
        "h_rounding": pick("h_rounding"),
        "rounding": _rounding(pick("rounding_value" if on_value else "rounding_weighted"), lang),
    }


def _rounding(sentence: str, lang: Language) -> str:
    """The published rounding rule with :data:`~generator.models.tender.DECIMALS` and an example of a
    value exactly halfway (``0,005`` rounds to ``0,01`` at two decimals)."""
    half = format_number(5 / 10 ** (DECIMALS + 1), lang, DECIMALS + 1)
    up = format_number(1 / 10 ** DECIMALS, lang, DECIMALS)
    return sentence.format(d=DECIMALS, half=half, up=up)
