"""The glossary of the tender document (begrippenlijst), in Dutch and English.

Each entry names the condition under which it applies, so the glossary explains the terms a tender
actually uses (no "fictive price" entry in a weighted-score tender) and stays sorted by term.
"""

from __future__ import annotations

from collections.abc import Callable

from ..models.base import Language
from ..models.tender import Tender

_Entry = tuple[tuple[str, str], tuple[str, str], Callable[[Tender], bool]]


def _always(_: Tender) -> bool:
    return True


def _on_value(t: Tender) -> bool:
    return t.award.method == "award_on_value"


def _weighted(t: Tender) -> bool:
    return t.award.method == "weighted_score"


def _suitability(t: Tender) -> bool:
    return any(r.suitability for r in t.requirements)


def _kpis(t: Tender) -> bool:
    return bool(t.kpis)


def _consequences(t: Tender) -> bool:
    return any(k.consequence is not None for k in t.kpis)


def _raci(t: Tender) -> bool:
    return bool(t.activities)


def _escalation(t: Tender) -> bool:
    return bool(t.escalation)


_ENTRIES: tuple[_Entry, ...] = (
    (("Aanbestedende dienst", "Contracting authority"),
     ("De organisatie die deze aanbesteding uitschrijft: {authority}.",
      "The organisation that issues this tender: {authority}."), _always),
    (("Inschrijver", "Tenderer"),
     ("Een onderneming die een inschrijving indient of overweegt in te dienen.",
      "A company that submits or considers submitting a bid."), _always),
    (("Inschrijving", "Bid"),
     ("Het ingevulde inschrijvingsformulier met de gevraagde bijlagen.",
      "The completed bid-response form with the requested attachments."), _always),
    (("Inschrijvingsformulier", "Bid-response form"),
     ("Het Excel-bestand waarmee de inschrijver inschrijft; iedere regel draagt het ID van het onderdeel "
      "waarop het antwoord betrekking heeft.",
      "The Excel file a tenderer bids with; every row carries the ID of the part its answer concerns."),
     _always),
    (("Opdrachtgever", "Client"),
     ("De aanbestedende dienst als partij bij de overeenkomst na gunning.",
      "The contracting authority as party to the contract after award."), _always),
    (("Opdrachtnemer", "Contractor"),
     ("De inschrijver aan wie de opdracht is gegund, als partij bij de overeenkomst.",
      "The tenderer awarded the contract, as party to the contract."), _always),
    (("Eis (knock-outcriterium)", "Requirement (knock-out)"),
     ("Een voorwaarde waaraan de inschrijving moet voldoen; voldoet zij er niet aan, dan is de inschrijving "
      "ongeldig.",
      "A condition the bid must meet; a bid that does not meet it is invalid."), _always),
    (("Gunningscriterium", "Award criterion"),
     ("Een onderdeel waarop de kwaliteit van de inschrijving wordt beoordeeld en gescoord.",
      "A part on which the quality of the bid is evaluated and scored."), _always),
    (("Beste prijs-kwaliteitverhouding (BPKV)", "Best price-quality ratio"),
     ("Gunningsmaatstaf waarbij zowel de kwaliteit als de prijs van de inschrijving meewegen.",
      "Award basis on which both the quality and the price of the bid count."), _always),
    (("Gewogen factormethode", "Weighted factor method"),
     ("Beoordelingsmethode waarbij de punten per criterium en voor de prijs naar hun weging worden opgeteld.",
      "Evaluation method that adds up the points per criterion and for price according to their weights."),
     _weighted),
    (("Geschiktheidseis", "Suitability requirement"),
     ("Een eis aan de inschrijver zelf (technische en beroepsbekwaamheid, financiële en economische "
      "draagkracht), die afzonderlijk van de eisen aan de inschrijving wordt getoetst; voldoet de inschrijver "
      "er niet aan, dan wordt zijn inschrijving terzijde gelegd.",
      "A requirement on the bidder itself (technical and professional ability, economic and financial "
      "standing), checked separately from the requirements on the bid; a bidder who does not meet it has "
      "its bid set aside."), _suitability),
    (("Voorbehoud", "Reservation"),
     ("Een voorwaarde of beperking die de inschrijver aan zijn inschrijving verbindt (bijvoorbeeld 'mits' of "
      "'onder voorbehoud'). De beoordelingscommissie beslist met motivering of een voorbehoud wezenlijk is; "
      "een inschrijving met een wezenlijk voorbehoud is ongeldig en wordt terzijde gelegd.",
      "A condition or limitation the bidder attaches to its bid (for example 'provided that' or 'subject "
      "to'). The evaluation committee decides, with reasons, whether a reservation is material; a bid with "
      "a material reservation is invalid and is set aside."), _always),
    (("Gunnen op waarde", "Award on value"),
     ("Beoordelingsmethode waarbij de kwaliteit wordt uitgedrukt in een fictieve korting op de "
      "inschrijvingsprijs.",
      "Evaluation method that expresses quality as a fictive discount on the bid price."), _on_value),
    (("Fictieve inschrijvingsprijs", "Fictive bid price"),
     ("De inschrijvingsprijs verminderd met de verdiende fictieve korting; alleen bedoeld voor de "
      "beoordeling.",
      "The bid price less the fictive discount earned; used for the evaluation only."), _on_value),
    (("Prestatie-indicator (KPI)", "Key performance indicator (KPI)"),
     ("Een meetbare norm voor de prestaties van de opdrachtnemer, met een minimumwaarde en een "
      "streefwaarde.",
      "A measurable standard for the contractor's performance, with a minimum and a target."), _kpis),
    (("Minimumwaarde", "Minimum"),
     ("De waarde die een prestatie-indicator ten minste moet halen; een aanbod dat haar niet haalt, is "
      "ongeldig.",
      "The value a KPI must at least reach; an offer that does not reach it is invalid."), _kpis),
    (("Streefwaarde", "Target"),
     ("De waarde die partijen voor een prestatie-indicator nastreven.",
      "The value the parties aim for on a KPI."), _kpis),
    (("Bonus, malus en servicekorting", "Bonus, malus and service credit"),
     ("Een vergoeding bij het halen van de streefwaarde (bonus) of een korting op de vergoeding bij een "
      "resultaat onder de minimumwaarde (malus; als servicekorting verrekend met de volgende factuur).",
      "A payment for reaching the target (bonus) or a deduction from the fee for a result below the "
      "minimum (malus; as a service credit, set off against the next invoice)."), _consequences),
    (("Plafond", "Cap"),
     ("Het maximum van bonus of malus per contractjaar, als percentage van de jaarvergoeding.",
      "The maximum bonus or malus per contract year, as a percentage of the annual fee."), _consequences),
    (("RACI", "RACI"),
     ("Responsible, Accountable, Consulted, Informed: de rollen in de verantwoordelijkhedenmatrix.",
      "Responsible, Accountable, Consulted, Informed: the roles in the responsibility matrix."), _raci),
    (("Escalatieladder", "Escalation ladder"),
     ("De opeenvolgende niveaus waaraan een onopgelost knelpunt wordt voorgelegd, elk met een termijn.",
      "The successive levels an unresolved issue is referred to, each with a term."), _escalation),
    (("Inspanningsverplichting", "Best-efforts obligation"),
     ("De verplichting zich naar vermogen in te spannen voor een resultaat, zonder dat resultaat te "
      "garanderen.",
      "The obligation to do one's best to achieve a result, without guaranteeing it."), _always),
    (("Resultaatsverplichting", "Result obligation"),
     ("De verplichting een bepaald resultaat te behalen.", "The obligation to achieve a given result."),
     _always),
    (("Nota van Inlichtingen", "Clarification notice"),
     ("Het document met de gestelde vragen, de antwoorden en eventuele wijzigingen van de "
      "aanbestedingsstukken; het vormt een nieuwe revisie van die stukken.",
      "The document with the questions asked, the answers and any changes to the tender documents; it "
      "forms a new revision of those documents."), _always),
    (("Voorbehoud", "Reservation"),
     ("Een beperking of voorwaarde die de inschrijver aan zijn inschrijving verbindt; een inschrijving met "
      "een voorbehoud kan ongeldig worden verklaard.",
      "A restriction or condition a tenderer attaches to its bid; a bid with a reservation may be declared "
      "invalid."), _always),
    (("Werkdag", "Working day"),
     ("Maandag tot en met vrijdag, met uitzondering van algemeen erkende feestdagen.",
      "Monday to Friday, except generally recognised public holidays."), _always),
)


def glossary(tender: Tender, lang: Language) -> list[tuple[str, str]]:
    """The (term, meaning) pairs that apply to ``tender``, sorted by term in ``lang``."""
    i = 0 if lang == "nl" else 1
    entries = [
        (term[i], meaning[i].format(authority=tender.authority.name))
        for term, meaning, applies in _ENTRIES
        if applies(tender)
    ]
    return sorted(entries, key=lambda entry: entry[0].casefold())
