"""Bilingual labels for every coded value tenderpack shows to people.

The models store codes (``working_days``, ``contractor``); documents and forms show these labels in the
tender's language. One table per code list, each a mapping from code to :class:`Text`.
"""

from __future__ import annotations

from .models.base import Language, Text

CATEGORY: dict[str, Text] = {
    "governance": Text(nl="Governance en overlegstructuur", en="Governance and meetings"),
    "communication": Text(nl="Communicatie en rapportage", en="Communication and reporting"),
    "responsibilities": Text(nl="Rollen en verantwoordelijkheden", en="Roles and responsibilities"),
    "performance": Text(nl="Prestaties en kwaliteit", en="Performance and quality"),
    "risk": Text(nl="Risico's en escalatie", en="Risk and escalation"),
    "continuity": Text(nl="Continuïteit", en="Continuity"),
    "sustainability": Text(nl="Duurzaamheid", en="Sustainability"),
    "social_return": Text(nl="Social return", en="Social return"),
    "security_privacy": Text(nl="Informatiebeveiliging en privacy", en="Information security and privacy"),
    "exit": Text(nl="Exit en overdracht", en="Exit and transition"),
    "facilitation": Text(nl="Facilitering van de samenwerking", en="Facilitation of the collaboration"),
}

KIND: dict[str, Text] = {
    "requirement": Text(nl="Eis (knock-out)", en="Requirement (knock-out)"),
    "award_criterion": Text(nl="Gunningscriterium (wens)", en="Award criterion"),
    "contract_clause": Text(nl="Contractbepaling", en="Contract clause"),
    "kpi": Text(nl="Prestatie-indicator (KPI)", en="Key performance indicator (KPI)"),
}

PRINCIPLE: dict[int, Text] = {
    1: Text(nl="Heldere afspraken vooraf", en="Clear agreements up front"),
    2: Text(nl="Verankerd in aanbesteding en inschrijving", en="Embedded in the tender and the bid"),
    3: Text(nl="Voortgang gemeten", en="Progress measured"),
    4: Text(nl="Gefaciliteerd", en="Facilitated"),
}

UNIT: dict[str, Text] = {
    "percent": Text(nl="%", en="%"),
    "hours": Text(nl="uur", en="hours"),
    "minutes": Text(nl="minuten", en="minutes"),
    "working_days": Text(nl="werkdagen", en="working days"),
    "calendar_days": Text(nl="kalenderdagen", en="calendar days"),
    "weeks": Text(nl="weken", en="weeks"),
    "count": Text(nl="aantal", en="number"),
    "score": Text(nl="rapportcijfer (1-10)", en="score (1-10)"),
    "euro": Text(nl="euro", en="euro"),
    "fte": Text(nl="fte", en="FTE"),
    "tonnes_co2": Text(nl="ton CO2", en="tonnes CO2"),
}

FREQUENCY: dict[str, Text] = {
    "weekly": Text(nl="wekelijks", en="weekly"),
    "fortnightly": Text(nl="tweewekelijks", en="every two weeks"),
    "monthly": Text(nl="maandelijks", en="monthly"),
    "quarterly": Text(nl="per kwartaal", en="quarterly"),
    "half_yearly": Text(nl="per halfjaar", en="half-yearly"),
    "yearly": Text(nl="jaarlijks", en="yearly"),
}

PARTY: dict[str, Text] = {
    "client": Text(nl="Opdrachtgever", en="Client"),
    "contractor": Text(nl="Opdrachtnemer", en="Contractor"),
    "joint": Text(nl="Gezamenlijk", en="Joint"),
    "third_party": Text(nl="Derde partij", en="Third party"),
}

DIRECTION: dict[str, Text] = {
    "higher_is_better": Text(nl="hoger is beter", en="higher is better"),
    "lower_is_better": Text(nl="lager is beter", en="lower is better"),
}

OBLIGATION: dict[str, Text] = {
    "best_efforts": Text(nl="inspanningsverplichting", en="best-efforts obligation"),
    "result": Text(nl="resultaatsverplichting", en="result obligation"),
}

NORM: dict[str, Text] = {
    "minimum": Text(nl="minimumwaarde", en="minimum"),
    "offered": Text(nl="aangeboden waarde", en="offered value"),
    "target": Text(nl="streefwaarde", en="target"),
}

CONSEQUENCE: dict[str, Text] = {
    "bonus": Text(nl="bonus", en="bonus"),
    "malus": Text(nl="malus", en="malus"),
    "bonus_malus": Text(nl="bonus/malus", en="bonus/malus"),
    "service_credit": Text(nl="servicekorting", en="service credit"),
}

TIER: dict[str, Text] = {
    "operational": Text(nl="operationeel", en="operational"),
    "tactical": Text(nl="tactisch", en="tactical"),
    "strategic": Text(nl="strategisch", en="strategic"),
}

PROCEDURE: dict[str, Text] = {
    "open": Text(nl="openbare procedure", en="open procedure"),
    "restricted": Text(nl="niet-openbare procedure", en="restricted procedure"),
    "competitive_dialogue": Text(nl="concurrentiegerichte dialoog", en="competitive dialogue"),
    "competitive_negotiation": Text(nl="mededingingsprocedure met onderhandeling",
                                    en="competitive procedure with negotiation"),
    "innovation_partnership": Text(nl="innovatiepartnerschap", en="innovation partnership"),
    "national_open": Text(nl="nationale openbare procedure", en="national open procedure"),
    "multiple_private": Text(nl="meervoudig onderhandse procedure", en="multiple-quotation procedure"),
    "single_private": Text(nl="enkelvoudig onderhandse procedure", en="single-quotation procedure"),
}

CONTRACT_TYPE: dict[str, Text] = {
    "works": Text(nl="werken", en="works"),
    "services": Text(nl="diensten", en="services"),
    "supplies": Text(nl="leveringen", en="supplies"),
}

METHOD: dict[str, Text] = {
    "weighted_score": Text(nl="gewogen factormethode (beste prijs-kwaliteitverhouding)",
                           en="weighted factor method (best price-quality ratio)"),
    "award_on_value": Text(nl="gunnen op waarde (fictieve korting)", en="award on value (fictive discount)"),
}

ANSWER_TYPE: dict[str, Text] = {
    "confirm": Text(nl="bevestiging (Ja/Nee)", en="confirmation (Yes/No)"),
    "choice": Text(nl="keuze uit een lijst", en="choice from a list"),
    "number": Text(nl="getal", en="number"),
    "text": Text(nl="tekst", en="text"),
    "date": Text(nl="datum", en="date"),
    "raci": Text(nl="verantwoordelijkhedenmatrix (RACI)", en="responsibility matrix (RACI)"),
    "kpi_offer": Text(nl="aangeboden KPI-waarde", en="offered KPI value"),
}

YES_NO: dict[str, Text] = {"yes": Text(nl="Ja", en="Yes"), "no": Text(nl="Nee", en="No")}


def label(table: dict, code: object, lang: Language) -> str:
    """The label of ``code`` from ``table`` in ``lang``; raises ``KeyError`` for an unknown code."""
    return table[code].get(lang)
