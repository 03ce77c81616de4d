"""The fixed wording of the award decision letter (gunningsbeslissing, art. 2.130 Aw), Dutch and English.

Each entry is a ``(nl, en)`` pair; ``{name}`` slots are filled with ``str.format`` by
:mod:`generator.evaluation.letters`, and the values put into them (names, motivations, amounts) are data,
never formatted again.
"""

from __future__ import annotations

from functools import lru_cache

from ..models.base import Language

_WORDS: dict[str, tuple[str, str]] = {
    "doc_kind": ("Gunningsbeslissing", "Award decision"),
    "revision": ("Revisie", "Revision"),
    "page": ("Pagina", "Page"),
    "page_of": ("van", "of"),
    "f_to": ("Aan", "To"),
    "f_kvk": ("KvK-nummer", "Chamber of Commerce (KvK) number"),
    "f_subject": ("Betreft", "Subject"),
    "f_subject_value": ("Gunningsbeslissing {title}", "Award decision {title}"),
    "f_reference": ("Kenmerk aanbesteding", "Tender reference"),
    "f_authority": ("Aanbestedende dienst", "Contracting authority"),
    "f_date": ("Datum", "Date"),
    "salutation": ("Geachte heer, mevrouw,", "Dear Sir or Madam,"),
    "intro": (
        ("U heeft ingeschreven op de {procedure} {title} (kenmerk {reference}) van {authority}. Met deze brief "
         "maken wij u, gelijktijdig met alle andere inschrijvers, de gunningsbeslissing bekend, met de "
         "relevante redenen daarvoor (artikel 2.130 Aanbestedingswet 2012)."),
        ("You submitted a bid in the {procedure} {title} (reference {reference}) of {authority}. With this "
         "letter we notify you, at the same time as every other bidder, of the award decision and its "
         "relevant reasons (article 2.130 of the Dutch Public Procurement Act 2012)."),
    ),
    "h_decision": ("De beslissing", "The decision"),
    "decision_winner": (
        ("Wij zijn voornemens de opdracht aan u te gunnen. Uw inschrijving heeft de beste "
         "prijs-kwaliteitverhouding: zij is als eerste gerangschikt van de {n} geldige inschrijvingen."),
        ("We intend to award the contract to you. Your bid has the best price-quality ratio: it ranks first "
         "of the {n} valid bids."),
    ),
    "decision_winner_1": (
        ("Wij zijn voornemens de opdracht aan u te gunnen. Uw inschrijving is de enige geldige inschrijving "
         "en is beoordeeld op de gunningscriteria."),
        ("We intend to award the contract to you. Your bid is the only valid bid and was evaluated on the "
         "award criteria."),
    ),
    "decision_ranked": (
        ("Uw inschrijving is gerangschikt op plaats {rank} van de {n} geldige inschrijvingen. Wij zijn "
         "voornemens de opdracht te gunnen aan {winner}, waarvan de inschrijving als eerste is gerangschikt, "
         "en dus niet aan u."),
        ("Your bid ranks {rank} of the {n} valid bids. We intend to award the contract to {winner}, whose bid "
         "ranks first, and therefore not to you."),
    ),
    "decision_set_aside": (
        ("Uw inschrijving is ongeldig en is terzijde gelegd; zij is daarom niet beoordeeld op de "
         "gunningscriteria en niet gerangschikt. Wij zijn voornemens de opdracht te gunnen aan {winner}, "
         "waarvan de inschrijving als eerste is gerangschikt. De redenen waarom uw inschrijving ongeldig is:"),
        ("Your bid is invalid and was set aside; it was therefore not evaluated on the award criteria and not "
         "ranked. We intend to award the contract to {winner}, whose bid ranks first. The reasons why your "
         "bid is invalid:"),
    ),
    "h_own": ("De beoordeling van uw inschrijving", "The evaluation of your bid"),
    "own_intro": (
        ("De beoordelingscommissie heeft uw inschrijving per gunningscriterium beoordeeld op de schaal uit de "
         "aanbestedingsleidraad. Per criterium uw score, de punten die zij oplevert en de motivering:"),
        ("The evaluation committee evaluated your bid on each award criterion on the scale of the tender "
         "document. Per criterion your score, the points it earns and the reasons:"),
    ),
    "own_total_weighted": (
        ("Uw inschrijving behaalt {quality} kwaliteitspunten en {price_points} prijspunten, samen een "
         "totaalscore van {total} punten."),
        "Your bid earns {quality} quality points and {price_points} price points, a total score of {total} "
        "points.",
    ),
    "own_total_value": (
        ("Uw inschrijving verdient een fictieve korting van {quality}; bij uw inschrijvingsprijs van {price} "
         "is uw fictieve inschrijvingsprijs {total}."),
        ("Your bid earns a fictive discount of {quality}; with your bid price of {price} your fictive bid "
         "price is {total}."),
    ),
    "h_winner": ("Kenmerken en relatieve voordelen van de winnende inschrijving",
                 "Characteristics and relative advantages of the winning bid"),
    "winner_intro_ranked": (
        ("De inschrijving van {winner} is als eerste gerangschikt. Per gunningscriterium de score van de "
         "winnende inschrijving naast die van u, met de motivering van de beoordelingscommissie voor de "
         "winnende inschrijving:"),
        ("The bid of {winner} ranks first. Per award criterion the score of the winning bid beside yours, "
         "with the evaluation committee's reasons for the winning bid:"),
    ),
    "winner_intro_set_aside": (
        ("De inschrijving van {winner} is als eerste gerangschikt. Per gunningscriterium de score van de "
         "winnende inschrijving, met de motivering van de beoordelingscommissie:"),
        ("The bid of {winner} ranks first. Per award criterion the score of the winning bid, with the "
         "evaluation committee's reasons:"),
    ),
    "winner_total_weighted": (
        ("De winnende inschrijving behaalt een totaalscore van {total} punten ({quality} kwaliteitspunten en "
         "{price_points} prijspunten)."),
        ("The winning bid earns a total score of {total} points ({quality} quality points and {price_points} "
         "price points)."),
    ),
    "winner_total_value": (
        "De winnende inschrijving verdient een fictieve korting van {quality} en heeft de laagste fictieve "
        "inschrijvingsprijs.",
        "The winning bid earns a fictive discount of {quality} and has the lowest fictive bid price.",
    ),
    "difference_weighted": ("Het verschil met uw inschrijving is {diff} punten.",
                            "The difference with your bid is {diff} points."),
    "difference_value": ("Uw fictieve inschrijvingsprijs is {diff} hoger.",
                         "Your fictive bid price is {diff} higher."),
    "col_criterion": ("Gunnings\u00adcriterium", "Award criterion"),
    "col_score": ("Score", "Score"),
    "col_points": ("Punten", "Points"),
    "col_value": ("Waarde", "Value"),
    "col_motivation": ("Motivering", "Reasons"),
    "col_winner": ("Score winnende inschrijving", "Score of the winning bid"),
    "col_yours": ("Uw score", "Your score"),
    "col_winner_motivation": ("Motivering winnende inschrijving", "Reasons for the winning bid"),
    "score_value": ("{score} van {max}", "{score} of {max}"),
    "h_standstill": ("Opschortende termijn", "Standstill period"),
    "standstill": (
        ("Deze gunningsbeslissing is een voornemen. Wij sluiten de overeenkomst niet voordat een opschortende "
         "termijn van {days} kalenderdagen is verstreken, te rekenen vanaf de dag na verzending van deze "
         "brief op {date}. De opschortende termijn eindigt op {end}."),
        ("This award decision is an intention. We will not conclude the contract before a standstill period "
         "of {days} calendar days has expired, counted from the day after this letter was sent on {date}. "
         "The standstill period ends on {end}."),
    ),
    "objection": (
        ("Bent u het niet eens met deze beslissing, dan kunt u binnen de opschortende termijn een kort "
         "geding aanhangig maken bij de voorzieningenrechter en dit aan ons melden. Heeft u dat niet "
         "uiterlijk op {end} gedaan, dan vervalt uw recht om tegen de beslissing op te komen en gaan wij "
         "over tot het sluiten van de overeenkomst."),
        ("If you disagree with this decision, you may start summary proceedings before the court in summary "
         "proceedings within the standstill period and inform us. If you have not done so by {end}, your "
         "right to challenge the decision lapses and we will proceed to conclude the contract."),
    ),
    "questions": (
        "Met vragen over deze brief kunt u zich wenden tot {contact} ({email}).",
        "If you have questions about this letter, please contact {contact} ({email}).",
    ),
    "closing": ("Met vriendelijke groet,", "Yours faithfully,"),
}


@lru_cache(maxsize=2)
def letter_words(lang: Language) -> dict[str, str]:
    """Every fixed text of the award decision letter in ``lang``; shared between calls, do not modify."""
    i = 0 if lang == "nl" else 1
    return {key: pair[i] for key, pair in _WORDS.items()}
