"""The fixed wording of the tender document, in Dutch and English.

Headings, the reading guide, instructions to tenderers, column headers, labels and the glossary. Each
entry is a ``(nl, en)`` pair so a missing translation is visible at a glance. Texts with ``{name}``
slots are completed by :mod:`generator.document.context` with ``str.format``; the values put into
the slots are data and are never formatted again.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..models.base import Language
from ..norm import HEADING, RULE

_WORDS: dict[str, tuple[str, str]] = {
    "doc_kind": ("Aanbestedingsleidraad", "Tender document"),
    "toc": ("Inhoudsopgave", "Contents"),
    "toc_placeholder": ("Werk de inhoudsopgave bij (F9).", "Update the table of contents (F9)."),
    "revision": ("Revisie", "Revision"),
    "page": ("Pagina", "Page"),
    "page_of": ("van", "of"),
    # Chapter 1
    "h_intro": ("Inleiding en leeswijzer", "Introduction and reading guide"),
    "h_about": ("Over deze aanbesteding", "About this tender"),
    "principles": (
        "De samenwerking tussen opdrachtgever en opdrachtnemer staat in deze aanbesteding centraal. De "
        "afspraken daarover (overleg, verantwoordelijkheden en prestatie-indicatoren) worden vooraf helder "
        "vastgelegd, zijn verankerd in deze leidraad en in uw inschrijving, worden tijdens de uitvoering "
        "gemeten en worden actief gefaciliteerd.",
        "Collaboration between the client and the contractor is central to this tender. The agreements on "
        "it (meetings, responsibilities and performance indicators) are set out clearly in advance, are "
        "embedded in this document and in your bid, are measured during the contract and are actively "
        "facilitated.",
    ),
    "h_reading": ("Leeswijzer", "Reading guide"),
    "reading_intro": ("Deze aanbestedingsleidraad is als volgt opgebouwd:",
                      "This tender document is organised as follows:"),
    "reading_ids": (
        "Iedere eis, ieder gunningscriterium, iedere prestatie-indicator en iedere activiteit in de "
        "verantwoordelijkhedenmatrix heeft een vast ID, bijvoorbeeld {example}. Hetzelfde ID staat in het "
        "inschrijvingsformulier, zodat ieder antwoord herleidbaar is tot het onderdeel van dit document "
        "waarop het betrekking heeft. Vermeld het ID ook bij iedere vraag die u stelt.",
        "Every requirement, award criterion, performance indicator and activity in the responsibility "
        "matrix has a fixed ID, for example {example}. The same ID appears in the bid-response form, so "
        "every answer maps back to the part of this document it concerns. Please quote the ID with every "
        "question you ask.",
    ),
    "h_documents": ("Bij te voegen documenten", "Documents to be attached"),
    "documents_intro": (
        "De volgende documenten maken deel uit van de aanbestedingsstukken en zijn daaraan toegevoegd. De "
        "bepalingen in de laatste kolom verwijzen ernaar.",
        "The following documents form part of the tender documents and are attached to them. The clauses "
        "in the last column refer to them.",
    ),
    "documents_none": ("Bij deze aanbesteding horen geen andere documenten dan deze leidraad en het "
                       "inschrijvingsformulier.",
                       "No documents other than this tender document and the bid-response form go with "
                       "this tender."),
    "col_document": ("Document", "Document"),
    "col_document_clauses": ("Bepalingen", "Clauses"),
    # Chapter 2
    "h_respond": ("Inschrijven", "How to respond"),
    "h_form": ("Het inschrijvingsformulier", "The bid-response form"),
    "form_intro": (
        "U schrijft in met het inschrijvingsformulier (Excel) dat bij deze aanbestedingsleidraad hoort. Het "
        "formulier volgt de opbouw van dit document; iedere regel draagt het ID van de eis, het criterium, "
        "de prestatie-indicator of de activiteit waarop uw antwoord betrekking heeft. Ga als volgt te werk:",
        "You bid with the bid-response form (Excel) that comes with this tender document. The form follows "
        "the structure of this document; every row carries the ID of the requirement, criterion, "
        "performance indicator or activity your answer concerns. Proceed as follows:",
    ),
    "form_integrity": (
        "Vul uitsluitend de invulvelden in. De teksten van eisen, criteria en prestatie-indicatoren in het "
        "formulier zijn beveiligd en mogen niet worden gewijzigd; het formulier bevat per regel een "
        "controlegetal waarmee iedere wijziging wordt opgemerkt. Een inschrijving met gewijzigde teksten of "
        "met een voorbehoud kan terzijde worden gelegd.",
        "Fill in the answer cells only. The texts of requirements, criteria and performance indicators in "
        "the form are protected and must not be changed; the form holds a check value per row that reveals "
        "any change. A bid with altered texts or with a reservation may be set aside.",
    ),
    "h_timetable": ("Planning", "Timetable"),
    "deadline": (
        "Uw inschrijving moet uiterlijk op {deadline} zijn ontvangen. Een inschrijving die na dit tijdstip "
        "binnenkomt, wordt niet in behandeling genomen.",
        "Your bid must be received no later than {deadline}. A bid received after that time will not be "
        "considered.",
    ),
    "h_questions": ("Vragen en Nota van Inlichtingen", "Questions and clarification notices"),
    "questions": (
        "Vragen over deze aanbesteding kunt u tot en met {date} schriftelijk stellen, met vermelding van het "
        "ID en de paragraaf waarop de vraag betrekking heeft. Richt uw vragen aan de contactpersoon van "
        "{authority}:",
        "You may ask questions about this tender in writing until {date} inclusive, quoting the ID and the "
        "section the question concerns. Address your questions to the contact person of {authority}:",
    ),
    "nvi": (
        "Alle vragen en antwoorden worden geanonimiseerd gebundeld in een Nota van Inlichtingen. Een Nota "
        "van Inlichtingen maakt deel uit van de aanbestedingsstukken en gaat bij strijdigheid voor op dit "
        "document. Iedere Nota van Inlichtingen levert een nieuwe revisie op van dit document en van het "
        "inschrijvingsformulier (zie het wijzigingsoverzicht).",
        "All questions and answers are collected, anonymised, in a clarification notice (Nota van "
        "Inlichtingen). A clarification notice forms part of the tender documents and prevails over this "
        "document in case of conflict. Each clarification notice gives a new revision of this document and "
        "of the bid-response form (see the change log).",
    ),
    # Chapter 3
    "h_requirements": ("Eisen (knock-outcriteria)", "Requirements (knock-out)"),
    "requirements_intro": (
        "Uw inschrijving moet aan alle eisen in dit hoofdstuk voldoen. Een eis is een knock-outcriterium: "
        "voldoet uw inschrijving niet aan een eis, of laat u een eis onbeantwoord, dan is uw inschrijving "
        "ongeldig en wordt zij niet verder beoordeeld. Per eis staat welk antwoord het "
        "inschrijvingsformulier vraagt en, waar van toepassing, welk bewijsstuk u op verzoek overlegt.",
        "Your bid must meet every requirement in this chapter. A requirement is a knock-out criterion: if "
        "your bid does not meet a requirement, or leaves one unanswered, the bid is invalid and is not "
        "evaluated further. Each requirement states the answer the bid-response form asks for and, where "
        "applicable, the evidence you provide on request.",
    ),
    "requirements_none": ("Deze aanbesteding stelt geen knock-outeisen.",
                          "This tender sets no knock-out requirements."),
    "h_suitability": ("Geschiktheidseisen", "Suitability requirements"),
    "suitability_intro": (
        "Geschiktheidseisen zijn eisen aan de inschrijver zelf: zijn technische en beroepsbekwaamheid en "
        "zijn financiële en economische draagkracht, zoals een certificaat waarover de onderneming "
        "beschikt. Zij worden afzonderlijk getoetst, vóór de eisen aan de inschrijving. Voldoet de "
        "inschrijver niet aan een geschiktheidseis, dan wordt zijn inschrijving terzijde gelegd en niet "
        "verder beoordeeld. De aanbestedende dienst kan de gevraagde bewijsstukken opvragen voordat zij "
        "de gunningsbeslissing neemt.",
        "Suitability requirements concern the bidder itself: its technical and professional ability and "
        "its economic and financial standing, such as a certificate the company holds. They are checked "
        "separately, before the requirements on the bid. A bidder who does not meet a suitability "
        "requirement has its bid set aside, and the bid is not evaluated further. The contracting "
        "authority may ask for the evidence requested before it takes the award decision.",
    ),
    "h_offer_requirements": ("Eisen aan de inschrijving", "Requirements on the bid"),
    "offer_requirements_intro": (
        "De volgende eisen gelden voor de aangeboden dienstverlening, per onderwerp.",
        "The following requirements apply to the services offered, by subject.",
    ),
    # Chapter 4
    "h_award": ("Gunningscriteria en beoordeling", "Award criteria and evaluation"),
    "h_scale": ("Beoordelingsschaal", "Scoring scale"),
    "h_calculation": ("Berekening en rekenvoorbeeld", "Calculation and worked example"),
    "h_criteria": ("De gunningscriteria", "The award criteria"),
    "criteria_intro": (
        "Per gunningscriterium staat hieronder wat wordt gevraagd, hoe het meeweegt en hoe u het "
        "beantwoordt. Beantwoord ieder criterium afzonderlijk onder zijn ID; de beoordelingscommissie "
        "beoordeelt alleen wat bij het criterium is beantwoord.",
        "For each award criterion, what is asked, how it counts and how you answer it are set out below. "
        "Answer each criterion separately under its ID; the evaluation committee scores only what is "
        "answered under the criterion.",
    ),
    "own_scale": ("Voor dit criterium geldt een eigen beoordelingsschaal:",
                  "This criterion has its own scoring scale:"),
    "evaluation": (
        "Alleen inschrijvingen die aan alle eisen voldoen, worden beoordeeld. De leden van de "
        "beoordelingscommissie beoordelen de antwoorden eerst afzonderlijk en stellen daarna in consensus "
        "per criterium één score vast.",
        "Only bids that meet every requirement are evaluated. The members of the evaluation committee "
        "first score the answers individually and then agree one score per criterion by consensus.",
    ),
    "example_intro": (
        "Rekenvoorbeeld (fictief en alleen ter illustratie): twee inschrijvers, A en B, behalen de "
        "volgende scores en prijzen.",
        "Worked example (fictitious, for illustration only): two bidders, A and B, achieve the following "
        "scores and prices.",
    ),
    "bidder_a": ("A", "A"),
    "bidder_b": ("B", "B"),
    # Chapter 5
    "h_kpis": ("Prestatie-indicatoren (KPI's)", "Key performance indicators (KPIs)"),
    "kpi_intro": (
        "De opdrachtnemer meet zijn prestaties met de prestatie-indicatoren (KPI's) in dit hoofdstuk. "
        + RULE.nl + " Het overzicht en de uitwerking per prestatie-indicator noemen de bindende norm. De "
        "resultaten worden besproken in het genoemde overleg.",
        "The contractor measures its performance with the key performance indicators (KPIs) in this "
        "chapter. " + RULE.en + " The overview and the details of each KPI state the binding standard. "
        "The results are discussed in the meeting named.",
    ),
    "h_kpi_overview": ("Overzicht", "Overview"),
    "h_kpi_details": ("Uitwerking per prestatie-indicator", "Details per KPI"),
    "kpi_details_intro": (
        "Per prestatie-indicator staan hieronder de definitie, de meting en de consequenties.",
        "The definition, measurement and consequences of each KPI are set out below.",
    ),
    "kpi_none": ("Deze aanbesteding bevat geen prestatie-indicatoren.",
                 "This tender contains no performance indicators."),
    # Chapter 6
    "h_raci": ("Verantwoordelijkheden (RACI-matrix)", "Responsibilities (RACI matrix)"),
    "raci_intro": (
        "De verantwoordelijkhedenmatrix legt per activiteit vast welke partij de activiteit uitvoert, "
        "eindverantwoordelijk is, wordt geraadpleegd of wordt geïnformeerd. Per activiteit is precies één "
        "partij eindverantwoordelijk (A).",
        "The responsibility matrix sets out, per activity, which party carries it out, is accountable, is "
        "consulted or is informed. Each activity has exactly one accountable party (A).",
    ),
    "raci_legend_intro": ("Legenda:", "Legend:"),
    "raci_fixed": (
        "Vast: de verdeling is voorgeschreven en u neemt haar over zoals zij hier staat. Open: de verdeling "
        "is een voorstel van de aanbestedende dienst; u mag in het inschrijvingsformulier een andere "
        "verdeling aanbieden, met precies één eindverantwoordelijke partij per activiteit.",
        "Fixed: the assignment is prescribed and you accept it as shown. Open: the assignment is the "
        "contracting authority's proposal; you may offer a different one in the bid-response form, with "
        "exactly one accountable party per activity.",
    ),
    "raci_none": ("Deze aanbesteding bevat geen verantwoordelijkhedenmatrix.",
                  "This tender contains no responsibility matrix."),
    # Matrix column headers; soft hyphens (U+00AD) let the long Dutch words break in narrow columns.
    "p_client": ("Opdracht\u00adgever", "Client"),
    "p_contractor": ("Opdracht\u00adnemer", "Contractor"),
    "p_joint": ("Gezamen\u00adlijk", "Joint"),
    "p_third_party": ("Derde partij", "Third party"),
    "fixed": ("Vast", "Fixed"),
    "open": ("Open", "Open"),
    # Chapter 7
    "h_collaboration": ("Samenwerking en facilitering", "Collaboration and facilitation"),
    "collaboration_intro": (
        "Dit hoofdstuk legt vast hoe opdrachtgever en opdrachtnemer samenwerken: in welk overleg zij elkaar "
        "spreken, hoe zij knelpunten escaleren en welke contractbepalingen de samenwerking regelen en "
        "faciliteren. Deze afspraken worden onderdeel van de overeenkomst.",
        "This chapter sets out how the client and the contractor work together: the meetings in which they "
        "meet, how they escalate issues and which contract clauses govern and facilitate the "
        "collaboration. These agreements become part of the contract.",
    ),
    "h_meetings": ("Overlegstructuur", "Meeting structure"),
    "meetings_intro": ("Partijen voeren het volgende overleg:", "The parties hold the following meetings:"),
    "h_escalation": ("Escalatieladder", "Escalation ladder"),
    "escalation_intro": (
        "Een knelpunt dat op een niveau niet binnen de termijn is opgelost, wordt voorgelegd aan het "
        "volgende niveau:",
        "An issue that is not resolved at a level within its term is referred to the next level:",
    ),
    "collaboration_none": ("Deze aanbesteding bevat geen aanvullende samenwerkingsafspraken.",
                           "This tender contains no further collaboration agreements."),
    "minutes": ("{n} min.", "{n} min"),
    # Chapters 8 and 9
    "h_glossary": ("Begrippenlijst", "Glossary"),
    "glossary_intro": (
        "In deze aanbestedingsleidraad hebben de volgende begrippen de hierbij vermelde betekenis:",
        "In this tender document the following terms have the meaning given here:",
    ),
    "h_changes": ("Wijzigingsoverzicht", "Change log"),
    "changes_intro": (
        "Dit overzicht toont alle revisies van deze aanbestedingsleidraad. De revisie met het hoogste "
        "nummer is geldend.",
        "This log lists every revision of this tender document. The revision with the highest number "
        "applies.",
    ),
    "colophon": ("Opgesteld met tenderpack op basis van clausulebibliotheek {name}, versie {version}.",
                 "Prepared with tenderpack from clause library {name}, version {version}."),
    # Column headers
    "col_id": ("ID", "ID"),
    "col_milestone": ("Activiteit", "Milestone"),
    "col_date": ("Datum", "Date"),
    "col_criterion": ("Gunningscriterium", "Award criterion"),
    "col_score": ("Score", "Score"),
    "col_descriptor": ("Omschrijving", "Descriptor"),
    "col_share": ("Deel van de waarde", "Share of the value"),
    "col_kpi": ("Prestatie-indicator", "KPI"),
    "col_minimum": ("Minimumwaarde", "Minimum"),
    "col_target": ("Streefwaarde", "Target"),
    "col_norm": (HEADING.nl, HEADING.en),
    "col_frequency": ("Frequentie", "Frequency"),
    "col_activity": ("Activiteit", "Activity"),
    "col_status": ("Status", "Status"),
    "col_meeting": ("Overleg", "Meeting"),
    "col_participants": ("Deelnemers", "Participants"),
    "col_duration": ("Duur", "Duration"),
    "col_agenda": ("Vaste agendapunten", "Standing agenda"),
    "col_level": ("Niveau", "Level"),
    "col_who": ("Wie", "Who"),
    "col_term": ("Termijn", "Term"),
    "col_clause": ("Bepaling", "Clause"),
    "col_term_glossary": ("Begrip", "Term"),
    "col_meaning": ("Betekenis", "Meaning"),
    "col_revision": ("Revisie", "Revision"),
    "col_description": ("Omschrijving", "Description"),
    # Labels of facts and key data
    "reference": ("Kenmerk", "Reference"),
    "authority": ("Aanbestedende dienst", "Contracting authority"),
    "address": ("Adres", "Address"),
    "procedure": ("Procedure", "Procedure"),
    "contract_type": ("Soort opdracht", "Type of contract"),
    "cpv": ("CPV-code", "CPV code"),
    "estimated_value": ("Geraamde waarde", "Estimated value"),
    "contract_period": ("Looptijd overeenkomst", "Contract period"),
    "period": ("{start} tot en met {end}", "{start} to {end}"),
    "award_method": ("Beoordelingsmethode", "Award method"),
    "date": ("Datum", "Date"),
    "contact_name": ("Contactpersoon", "Contact person"),
    "contact_role": ("Functie", "Role"),
    "contact_email": ("E-mail", "Email"),
    "contact_phone": ("Telefoon", "Phone"),
    "answer": ("Gevraagd antwoord", "Answer asked"),
    "evidence": ("Bewijsstuk", "Evidence"),
    "obligation": ("Aard van de verplichting", "Nature of the obligation"),
    "improvable_head": ("Betere toezegging mogelijk", "Better promise possible"),
    "improvable_to": (
        "{label}: {tendered} of beter, tot en met {limit}. Een betere waarde zegt u toe op het blad '{sheet}' "
        "van het inschrijvingsformulier (rij {id}); de toezegging wordt onderdeel van de Overeenkomst.",
        "{label}: {tendered} or better, up to {limit}. You promise a better value on the sheet '{sheet}' of "
        "the bid form (row {id}); the promise becomes part of the Agreement.",
    ),
    "improvable": (
        "{label}: {tendered} of beter. Een betere waarde zegt u toe op het blad '{sheet}' van het "
        "inschrijvingsformulier (rij {id}); de toezegging wordt onderdeel van de Overeenkomst.",
        "{label}: {tendered} or better. You promise a better value on the sheet '{sheet}' of the bid form "
        "(row {id}); the promise becomes part of the Agreement.",
    ),
    "weight": ("Weging", "Weight"),
    "max_value": ("Maximale waarde", "Maximum value"),
    # Dates of the timetable
    "d_publication": ("Publicatie van de aanbesteding", "Publication of the tender"),
    "d_questions": ("Uiterste datum voor het stellen van vragen", "Deadline for questions"),
    "d_submission": ("Sluitingstermijn inschrijving", "Deadline for bids"),
    "d_award": ("Voorgenomen gunningsbeslissing (verwacht)", "Award decision (expected)"),
    "d_standstill": ("Einde opschortende termijn ({days} kalenderdagen)",
                     "End of the standstill period ({days} calendar days)"),
    "d_start": ("Beoogde ingangsdatum overeenkomst", "Intended contract start"),
    "d_end": ("Einddatum overeenkomst", "Contract end"),
    # Answers asked
    "in_form": ("{what} (inschrijvingsformulier, regel {id})", "{what} (bid-response form, row {id})"),
    "a_confirm_requirement": ("Ja of Nee; Nee maakt uw inschrijving ongeldig",
                              "Yes or No; No makes your bid invalid"),
    "a_confirm_suitability": ("Ja of Nee; met Nee voldoet u niet aan deze geschiktheidseis en wordt uw "
                              "inschrijving terzijde gelegd",
                              "Yes or No; with No you do not meet this suitability requirement and your bid "
                              "is set aside"),
    "a_confirm": ("Ja of Nee", "Yes or No"),
    "a_choice": ("een keuze uit: {options}", "a choice from: {options}"),
    "a_number": ("een getal (eenheid: {unit})", "a number (unit: {unit})"),
    "a_between": ("een getal van {low} tot en met {high} (eenheid: {unit})",
                  "a number from {low} to {high} (unit: {unit})"),
    "a_text": ("een tekst van ten hoogste {n} tekens", "a text of at most {n} characters"),
    "a_date": ("een datum", "a date"),
    "a_raci": ("de verantwoordelijkhedenmatrix (hoofdstuk 6)", "the responsibility matrix (chapter 6)"),
    # KPI details
    "k_definition": ("Definitie", "Definition"),
    "k_calculation": ("Berekening", "Calculation"),
    "k_unit": ("Eenheid", "Unit"),
    "k_direction": ("Richting", "Direction"),
    "k_minimum": ("Minimumwaarde", "Minimum"),
    "k_target": ("Streefwaarde", "Target"),
    "k_frequency": ("Meetfrequentie", "Measurement frequency"),
    "k_source": ("Databron", "Data source"),
    "k_measured_by": ("Gemeten door", "Measured by"),
    "k_forum": ("Besproken in", "Discussed in"),
    "k_consequence": ("Consequentie", "Consequence"),
    "k_cap": ("Plafond", "Cap"),
    "k_cap_text": ("ten hoogste {cap}% van de jaarvergoeding per contractjaar",
                   "at most {cap}% of the annual fee per contract year"),
    "k_no_consequence": ("geen financiële consequentie; het resultaat wordt besproken in het overleg",
                         "no financial consequence; the result is discussed in the meeting"),
    "k_offer": ("Aanbieding", "Offer"),
    "k_offer_binding": (
        "U biedt in het inschrijvingsformulier (regel {id}) een waarde aan die ten minste de minimumwaarde "
        "haalt; de aangeboden waarde wordt de bindende norm.",
        "You offer a value that meets at least the minimum in the bid-response form (row {id}); the offered "
        "value becomes the binding standard.",
    ),
    "k_offer_level": (
        "U biedt in het inschrijvingsformulier (regel {id}) een waarde aan die ten minste de minimumwaarde "
        "haalt; de bindende norm blijft de {level}.",
        "You offer a value that meets at least the minimum in the bid-response form (row {id}); the binding "
        "standard remains the {level}.",
    ),
    "k_offer_fixed": (
        "U aanvaardt de bindende norm in het inschrijvingsformulier (regel {id}).",
        "You accept the binding standard in the bid-response form (row {id}).",
    ),
    "k_override": ("Afwijkende minimumwaarde", "Adjusted minimum"),
    "k_override_text": (
        "De minimumwaarde wijkt af van de standaardwaarde uit de clausulebibliotheek ({standard}). "
        "Reden: {reason}",
        "The minimum differs from the clause library's standard ({standard}). Reason: {reason}",
    ),
    "term_days": ("{n} werkdagen", "{n} working days"),
    "term_day": ("1 werkdag", "1 working day"),
}

_READING_GUIDE: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = (
    (("Hoofdstuk 1, Inleiding en leeswijzer", "Chapter 1, Introduction and reading guide"),
     ("de opdracht in het kort en de opbouw van dit document.",
      "the contract in brief and the structure of this document.")),
    (("Hoofdstuk 2, Inschrijven", "Chapter 2, How to respond"),
     ("hoe en wanneer u inschrijft, de planning en hoe u vragen stelt.",
      "how and when to submit your bid, the timetable and how to ask questions.")),
    (("Hoofdstuk 3, Eisen", "Chapter 3, Requirements"),
     ("de geschiktheidseisen aan de inschrijver en de knock-outeisen waaraan uw inschrijving moet "
      "voldoen.",
      "the suitability requirements on the bidder and the knock-out requirements your bid must meet.")),
    (("Hoofdstuk 4, Gunningscriteria en beoordeling", "Chapter 4, Award criteria and evaluation"),
     ("de criteria waarop de inschrijvingen worden beoordeeld, de weging, de beoordelingsschaal en de "
      "rekenmethode met een rekenvoorbeeld.",
      "the criteria bids are evaluated on, their weights, the scoring scale and the calculation with a "
      "worked example.")),
    (("Hoofdstuk 5, Prestatie-indicatoren", "Chapter 5, Key performance indicators"),
     ("de KPI's met hun minimum- en streefwaarden, de meting en de consequenties.",
      "the KPIs with their minimum and target values, their measurement and their consequences.")),
    (("Hoofdstuk 6, Verantwoordelijkheden", "Chapter 6, Responsibilities"),
     ("de verdeling van taken en verantwoordelijkheden (RACI-matrix).",
      "the division of tasks and responsibilities (RACI matrix).")),
    (("Hoofdstuk 7, Samenwerking en facilitering", "Chapter 7, Collaboration and facilitation"),
     ("de overlegstructuur, de escalatieladder en de contractbepalingen over de samenwerking.",
      "the meeting structure, the escalation ladder and the contract clauses on the collaboration.")),
    (("Hoofdstuk 8, Begrippenlijst", "Chapter 8, Glossary"),
     ("de betekenis van de gebruikte begrippen.", "the meaning of the terms used.")),
    (("Hoofdstuk 9, Wijzigingsoverzicht", "Chapter 9, Change log"),
     ("de revisies van dit document, waaronder Nota's van Inlichtingen.",
      "the revisions of this document, including clarification notices.")),
)

_FORM_STEPS: tuple[tuple[str, str], ...] = (
    ("Vul de gegevens van uw onderneming in: naam, KvK-nummer, adres, contactpersoon en de persoon die de "
     "inschrijving rechtsgeldig ondertekent.",
     "Enter your company's details: name, chamber of commerce number, address, contact person and the "
     "person who signs the bid with legal authority."),
    ("Bevestig per eis met Ja of Nee dat uw inschrijving aan de eis voldoet (hoofdstuk 3).",
     "Confirm for each requirement with Yes or No that your bid meets it (chapter 3)."),
    ("Beantwoord ieder gunningscriterium binnen de aangegeven maximale lengte en vermeld de bijlagen "
     "waarnaar u verwijst (hoofdstuk 4).",
     "Answer each award criterion within the stated maximum length and name the attachments you refer to "
     "(chapter 4)."),
    ("Bied per prestatie-indicator een waarde aan die ten minste de minimumwaarde haalt (hoofdstuk 5).",
     "Offer a value for each performance indicator that at least reaches the minimum (chapter 5)."),
    ("Vul de verantwoordelijkhedenmatrix in; de vaste regels zijn vergrendeld (hoofdstuk 6).",
     "Complete the responsibility matrix; the fixed rows are locked (chapter 6)."),
    ("Dien het ingevulde formulier met de gevraagde bijlagen in vóór de sluitingstermijn.",
     "Submit the completed form with the requested attachments before the deadline."),
)

_RACI_LEGEND: tuple[tuple[str, tuple[str, str]], ...] = (
    ("R", ("Responsible: voert de activiteit uit.", "Responsible: carries out the activity.")),
    ("A", ("Accountable: is eindverantwoordelijk en keurt het resultaat goed.",
           "Accountable: answers for the activity and approves the result.")),
    ("C", ("Consulted: wordt vooraf geraadpleegd.", "Consulted: is asked for input beforehand.")),
    ("I", ("Informed: wordt achteraf geïnformeerd.", "Informed: is kept informed afterwards.")),
)


@lru_cache(maxsize=2)
def wording(lang: Language) -> dict[str, Any]:
    """Every fixed text of the document in ``lang``, keyed as the template refers to it (``w.key``).

    Lists: ``reading_guide`` (chapter, description) pairs, ``form_steps`` strings, ``raci_legend``
    (letter, meaning) pairs. The result is shared between calls: do not modify it.
    """
    i = 0 if lang == "nl" else 1
    out: dict[str, Any] = {key: pair[i] for key, pair in _WORDS.items()}
    out["reading_guide"] = [(chapter[i], text[i]) for chapter, text in _READING_GUIDE]
    out["form_steps"] = [step[i] for step in _FORM_STEPS]
    out["raci_legend"] = [(letter, text[i]) for letter, text in _RACI_LEGEND]
    return out
