"""The fixed wording of the agreement annex and the meeting calendar, in Dutch and English.

Each entry is a ``(nl, en)`` pair; ``{name}`` slots are filled with ``str.format`` by the context
builder, and the values put into them are data, never formatted again.
"""

from __future__ import annotations

from functools import lru_cache

from ..models.base import Language
from ..norm import HEADING, RULE

_WORDS: dict[str, tuple[str, str]] = {
    "doc_kind": ("Samenwerkingsafspraken", "Collaboration agreement"),
    "doc_kind_draft": ("Samenwerkingsafspraken (concept)", "Collaboration agreement (draft)"),
    "subtitle": ("Bijlage bij de overeenkomst", "Annex to the agreement"),
    "draft_mark": ("CONCEPT", "DRAFT"),
    "draft_notice": (
        "Dit is het concept van deze bijlage, zoals het bij de aanbestedingsstukken hoort. Na gunning "
        "worden de waarden tussen rechte haken vervangen door wat de winnende inschrijver heeft "
        "aangeboden: de aangeboden waarde van iedere prestatie-indicator waarvan de aangeboden waarde de "
        "bindende norm is, en de aangeboden rolverdeling van de open activiteiten. Al het "
        "overige geldt zoals het hier staat.",
        "This is the draft of this annex as it comes with the tender documents. After award, the values "
        "in square brackets are replaced by what the winning tenderer offered: the offered value of each "
        "performance indicator whose binding standard is the offered value, and the offered roles of the "
        "open activities. Everything else applies as stated here.",
    ),
    "revision": ("Revisie", "Revision"),
    "page": ("Pagina", "Page"),
    "page_of": ("van", "of"),
    # Facts
    "f_reference": ("Kenmerk aanbesteding", "Tender reference"),
    "f_contract": ("Opdracht", "Contract"),
    "f_client": ("Opdrachtgever", "Client"),
    "f_contractor": ("Opdrachtnemer", "Contractor"),
    "f_contractor_draft": ("[de winnende inschrijver]", "[the winning tenderer]"),
    "f_kvk": ("{name}, KvK {kvk}", "{name}, Chamber of Commerce {kvk}"),
    "f_period": ("Looptijd", "Contract period"),
    "f_period_value": ("{start} tot en met {end}", "{start} to {end}"),
    "f_bid": ("Inschrijving", "Bid"),
    "f_bid_value": ("{file}, ontvangen als bestand van {size} bytes", "{file}, received as a file of {size} bytes"),
    "f_hash": ("SHA-256 inschrijving", "SHA-256 of the bid"),
    "f_tender_revision": ("Aanbestedingsstukken", "Tender documents"),
    "f_tender_revision_value": ("revisie {revision}, clausulebibliotheek {library} {version}",
                                "revision {revision}, clause library {library} {version}"),
    "f_date": ("Datum", "Date"),
    # Chapter 1
    "h_intro": ("Status en herkomst", "Status and origin"),
    "intro": (
        "Deze bijlage legt de afspraken vast over de samenwerking tussen Opdrachtgever en Opdrachtnemer: "
        "het overleg, de escalatieladder, de verdeling van verantwoordelijkheden, de prestatie-indicatoren "
        "met hun bindende normen, de prestatieprikkels en de facilitering van de samenwerking. De afspraken "
        "komen uit de aanbestedingsstukken en uit de inschrijving van Opdrachtnemer. Iedere regel noemt het "
        "ID van de bepaling in de aanbestedingsleidraad waar zij vandaan komt; waar een waarde uit de "
        "inschrijving komt, staat de cel van het inschrijvingsformulier erbij.",
        "This annex sets out the agreements on the collaboration between the Client and the Contractor: "
        "the meetings, the escalation ladder, the division of responsibilities, the performance "
        "indicators with their binding standards, the performance incentives and the facilitation of the "
        "collaboration. The agreements come from the tender documents and from the Contractor's bid. Every "
        "row names the ID of the clause in the tender document it comes from; where a value comes from the "
        "bid, the cell of the bid-response form is named too.",
    ),
    "precedence": (
        "Bij strijdigheid tussen deze bijlage en de bepalingen van de overeenkomst gaan de bepalingen van "
        "de overeenkomst voor, tenzij deze bijlage een aangeboden waarde vastlegt die gunstiger is voor "
        "Opdrachtgever.",
        "In case of conflict between this annex and the clauses of the agreement, the clauses of the "
        "agreement prevail, unless this annex records an offered value that is more favourable to the "
        "Client.",
    ),
    # Chapter 2
    "h_governance": ("Overleg en escalatie", "Meetings and escalation"),
    "h_meetings": ("Overlegstructuur", "Meeting structure"),
    "meetings_intro": (
        "Partijen voeren het volgende overleg. De agenda's staan vast; partijen voegen punten toe waar "
        "nodig.",
        "The parties hold the following meetings. The agendas are standing agendas; the parties add items "
        "where needed.",
    ),
    "schedule_intro": (
        "Het overlegrooster (agendabestand .ics) plant de overleggen standaard op dinsdag; partijen "
        "verplaatsen een overleg in onderling overleg. Eerste overleg per niveau:",
        "The meeting schedule (calendar file .ics) plans the meetings on Tuesdays by default; the parties "
        "move a meeting by mutual agreement. First meeting per level:",
    ),
    "h_escalation": ("Escalatieladder", "Escalation ladder"),
    "escalation_intro": (
        "Een knelpunt dat op een niveau niet binnen de termijn is opgelost, wordt voorgelegd aan het "
        "volgende niveau:",
        "An issue that is not resolved at a level within its term is referred to the next level:",
    ),
    "none": ("Geen.", "None."),
    # Chapter 3
    "h_raci": ("Verantwoordelijkheden (RACI-matrix)", "Responsibilities (RACI matrix)"),
    "raci_intro": (
        "Per activiteit is precies één partij eindverantwoordelijk (A). R: voert uit, A: is "
        "eindverantwoordelijk, C: wordt geraadpleegd, I: wordt geïnformeerd. De kolom Herkomst zegt of de "
        "verdeling vaststond, of Opdrachtnemer het voorstel van Opdrachtgever heeft overgenomen, of dat "
        "Opdrachtnemer een andere verdeling heeft aangeboden.",
        "Each activity has exactly one accountable party (A). R: carries out, A: is accountable, C: is "
        "consulted, I: is informed. The Origin column says whether the assignment was fixed, whether the "
        "Contractor accepted the Client's proposal, or whether the Contractor offered a different one.",
    ),
    "raci_fixed": ("Vast (leidraad)", "Fixed (tender)"),
    "raci_accepted": ("Voorstel overgenomen", "Proposal accepted"),
    "raci_changed": ("Aangeboden, afwijkend: {changes}", "Offered, differs: {changes}"),
    "raci_change": ("{party} {letters} (was {default})", "{party} {letters} (was {default})"),
    "raci_open_draft": ("[Open: volgens inschrijving]", "[Open: as bid]"),
    "raci_none_letter": ("–", "–"),
    # Chapter 4
    "h_kpis": ("Prestatie-indicatoren", "Performance indicators"),
    "kpi_intro": (
        RULE.nl + " De kolom Bindende norm geeft per prestatie-indicator de waarde waaraan Opdrachtnemer "
        "is gehouden en welke waarde dat is. Metingen worden per meetperiode vastgelegd in de monitoringswerkmap en "
        "besproken in het genoemde overleg.",
        RULE.en + " The Binding standard column gives, per performance indicator, the value the Contractor "
        "is held to and which value that is. Measurements are recorded per measurement period in the monitoring "
        "workbook and discussed in the meeting named.",
    ),
    "kpi_offer": ("Aanbod ({cell})", "Offer ({cell})"),
    "kpi_tender": ("Leidraad", "Tender"),
    "kpi_remarks": ("Toelichting van Opdrachtnemer bij zijn aanbod:", "The Contractor's remarks on its offer:"),
    "direction_higher": ("hoger is beter", "higher is better"),
    "direction_lower": ("lager is beter", "lower is better"),
    # Chapter 5
    "h_incentives": ("Prestatieprikkels", "Performance incentives"),
    "incentives_intro": (
        "Per meetperiode wordt de consequentie als volgt bepaald. Ligt de gemeten waarde onder de bindende "
        "norm, dan geldt het maluspercentage van de vergoeding over die meetperiode; haalt de gemeten waarde "
        "de bindende norm en de streefwaarde, dan geldt het bonuspercentage. De vergoeding over een "
        "meetperiode is de jaarvergoeding maal het aantal maanden van de periode gedeeld door twaalf. Per "
        "prestatie-indicator en per contractjaar bedragen de malussen samen, en de bonussen samen, ten "
        "hoogste het plafond maal de jaarvergoeding; meetperioden worden in volgorde verrekend tot het "
        "plafond is bereikt. Een meetperiode zonder meting leidt niet tot een bedrag maar wordt als "
        "ontbrekend gemeld.",
        "The consequence is determined per measurement period as follows. If the measured value is below "
        "the binding standard, the malus percentage of the fee for that period applies; if it meets both the "
        "binding standard and the target, the bonus percentage applies. The fee for a measurement period is "
        "the annual fee times the number of months in the period divided by twelve. Per performance "
        "indicator and per contract year, the maluses together, and the bonuses together, amount to at most "
        "the cap times the annual fee; periods are settled in order until the cap is reached. A period "
        "without a measurement leads to no amount but is reported as missing.",
    ),
    "col_type": ("Soort", "Type"),
    "col_percent": ("Percentage van de periodevergoeding", "Percentage of the period fee"),
    "col_cap": ("Plafond per contractjaar", "Cap per contract year"),
    "cap_value": ("{cap}% van de jaarvergoeding", "{cap}% of the annual fee"),
    "malus_value": ("malus {p}% onder de bindende norm", "malus {p}% below the binding standard"),
    "bonus_value": ("bonus {p}% bij bindende norm en streefwaarde", "bonus {p}% at binding standard and target"),
    "incentives_none": ("Aan de prestatie-indicatoren zijn geen financiële consequenties verbonden.",
                        "No financial consequences are attached to the performance indicators."),
    # Chapter 6 and 7
    "h_facilitation": ("Facilitering en samenwerkingsplatform", "Facilitation and collaboration platform"),
    "facilitation_none": ("De aanbesteding bevat geen afzonderlijke bepalingen over facilitering.",
                          "The tender contains no separate clauses on facilitation."),
    "confirmed": ("Bevestigd in de inschrijving: {answer} ({cell})", "Confirmed in the bid: {answer} ({cell})"),
    "h_clauses": ("Overige samenwerkingsbepalingen", "Other collaboration clauses"),
    # Commitments from the bid
    "h_commitments": ("Toezeggingen uit de inschrijving", "Commitments from the bid"),
    "commitments_intro": (
        "De antwoorden van Opdrachtnemer op de gunningscriteria worden onderdeel van de Overeenkomst. Zij "
        "zijn hieronder letterlijk overgenomen uit het inschrijvingsformulier, met de cel waaruit zij "
        "komen; Opdrachtnemer komt deze toezeggingen na gedurende de looptijd. De nakoming wordt per "
        "kwartaal vastgelegd in de monitoringswerkmap.",
        "The Contractor's answers to the award criteria become part of the Agreement. They are quoted "
        "below as given in the bid-response form, with the cell they come from; the Contractor honours "
        "these commitments throughout the term. Their fulfilment is recorded per quarter in the "
        "monitoring workbook.",
    ),
    "h_bid_answers": ("Antwoorden op de gunningscriteria", "Answers to the award criteria"),
    "h_other_commitments": ("Overige toezeggingen, toelichtingen en bijlagen",
                            "Other commitments, remarks and attachments"),
    "other_commitments_intro": (
        "Ook de volgende antwoorden, toezeggingen, toelichtingen en verwijzingen naar bijlagen uit de "
        "inschrijving binden Opdrachtnemer. De prestatie-indicatoren en de verantwoordelijkhedenmatrix "
        "staan in hun eigen hoofdstuk.",
        "The following answers, promises, remarks and references to attachments in the bid also bind "
        "the Contractor. The performance indicators and the responsibility matrix have their own chapter.",
    ),
    "quoted": ("Letterlijk uit de inschrijving ({cell})", "Quoted from the bid ({cell})"),
    "attachment": ("Bijlage", "Attachment"),
    "col_commitment_id": ("Toezegging", "Commitment"),
    "col_commitment": ("Inhoud", "Content"),
    "col_cell": ("Cel", "Cell"),
    "col_item": ("Onderwerp", "Subject"),
    "promised_frequency": ("{frequency} (toezegging, {cell})", "{frequency} (promised, {cell})"),
    "promise_binds": (
        "{value}, toegezegd in de inschrijving ({cell}); dit geldt in plaats van {tendered} volgens de "
        "aanbestedingsleidraad",
        "{value}, promised in the bid ({cell}); this applies instead of {tendered} as tendered",
    ),
    "promise_draft": ("[{tendered} of beter, volgens inschrijving]", "[{tendered} or better, as bid]"),
    # Chapter 8
    "h_origin": ("Herkomst", "Origin"),
    "origin_intro": (
        "Deze bijlage is opgesteld met tenderpack uit de volgende bronnen; het controlegetal (SHA-256) "
        "identificeert het ingediende inschrijvingsformulier.",
        "This annex was prepared with tenderpack from the following sources; the check value (SHA-256) "
        "identifies the submitted bid-response form.",
    ),
    # Columns
    "col_id": ("ID", "ID"),
    "col_activity": ("Activiteit", "Activity"),
    "col_origin": ("Herkomst", "Origin"),
    "col_kpi": ("Prestatie-indicator", "Performance indicator"),
    "col_minimum": ("Minimumwaarde", "Minimum"),
    "col_target": ("Streefwaarde", "Target"),
    "col_standard": (HEADING.nl, HEADING.en),
    "col_frequency": ("Frequentie", "Frequency"),
    "col_meeting": ("Overleg", "Meeting"),
    "col_participants": ("Deelnemers", "Participants"),
    "col_duration": ("Duur", "Duration"),
    "col_agenda": ("Vaste agendapunten", "Standing agenda"),
    "col_clause": ("Bepaling", "Clause"),
    "col_level": ("Niveau", "Level"),
    "col_who": ("Wie", "Who"),
    "col_term": ("Termijn", "Term"),
    "col_first": ("Eerste overleg", "First meeting"),
    "col_rhythm": ("Ritme", "Rhythm"),
    "minutes": ("{n} min.", "{n} min"),
    "term_days": ("{n} werkdagen", "{n} working days"),
    "at_time": ("{date}, {time} uur", "{date}, {time}"),
    # Calendar
    "calendar_name": ("Overleg", "Meetings"),
    "calendar_source": ("Bepaling {clause}, samenwerkingsafspraken {reference}.",
                        "Clause {clause}, collaboration agreement {reference}."),
    "calendar_default": ("Standaardtijdstip; verplaats het overleg in onderling overleg.",
                         "Default time; move the meeting by mutual agreement."),
    "rhythm_weekly": ("iedere dinsdag", "every Tuesday"),
    "rhythm_fortnightly": ("om de week op dinsdag", "every other Tuesday"),
    "rhythm_monthly": ("tweede dinsdag van de maand", "second Tuesday of the month"),
    "rhythm_quarterly": ("derde dinsdag na ieder kwartaal", "third Tuesday after each quarter"),
    "rhythm_half_yearly": ("derde dinsdag na ieder halfjaar", "third Tuesday after each half year"),
    "rhythm_yearly": ("derde dinsdag na ieder contractjaar", "third Tuesday after each contract year"),
}


@lru_cache(maxsize=2)
def words(lang: Language) -> dict[str, str]:
    """Every fixed text of the annex and the calendar in ``lang``; shared between calls, do not modify."""
    i = 0 if lang == "nl" else 1
    return {key: pair[i] for key, pair in _WORDS.items()}
