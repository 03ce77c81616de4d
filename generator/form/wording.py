"""The bilingual wording of the bid-response form: every text the form writer puts in a cell, list or
validation message, per language. Keys are stable; placeholders in braces are filled with str.format.
"""

from __future__ import annotations

from ..models.base import Language, Text
from ..text import format_number

_T = Text
WORDING: dict[str, Text] = {
    "form_title": _T(nl="Inschrijvingsformulier", en="Bid-response form"),
    "reference": _T(nl="Kenmerk aanbesteding", en="Tender reference"),
    "revision": _T(nl="Revisie", en="Revision"),
    "authority": _T(nl="Aanbestedende dienst", en="Contracting authority"),
    "deadline": _T(nl="Uiterste inschrijfdatum", en="Submission deadline"),
    "contact": _T(nl="Contactpersoon aanbestedende dienst", en="Contact at the contracting authority"),
    "instructions_heading": _T(nl="Zo vult u dit formulier in", en="How to fill in this form"),
    "step": _T(nl="Stap {number}", en="Step {number}"),
    "answer_sample": _T(nl="Uw antwoord", en="Your answer"),
    "legend_heading": _T(nl="Legenda", en="Legend"),
    "legend_answer": _T(
        nl="Gele cel: hier vult u uw antwoord in.",
        en="Yellow cell: enter your answer here.",
    ),
    "legend_fixed": _T(
        nl="Grijze cel: vastgesteld door de aanbestedende dienst, niet te wijzigen.",
        en="Grey cell: set by the contracting authority, cannot be changed.",
    ),
    "legend_raci": _T(
        nl="R = uitvoerend (Responsible), A = eindverantwoordelijk (Accountable), C = geraadpleegd "
           "(Consulted), I = geïnformeerd (Informed).",
        en="R = Responsible, A = Accountable, C = Consulted, I = Informed.",
    ),
    "step_cells": _T(
        nl="Vul alleen de gele cellen in. Alle andere cellen en de opbouw van het formulier zijn "
           "beveiligd; een wachtwoord is niet nodig om het formulier in te vullen.",
        en="Fill in the yellow cells only. All other cells and the structure of the form are protected; no "
           "password is needed to fill in the form.",
    ),
    "step_bidder": _T(
        nl="Vul op het blad '{sheet}' de gegevens van uw organisatie en de tekenbevoegde in.",
        en="On the sheet '{sheet}', enter the details of your organisation and its signatory.",
    ),
    "step_requirements": _T(
        nl="Beantwoord op het blad '{sheet}' iedere eis. Eisen zijn knock-out: een eis met 'Nee' of zonder "
           "antwoord maakt uw inschrijving ongeldig.",
        en="On the sheet '{sheet}', answer every requirement. Requirements are knock-out: a requirement "
           "answered 'No' or left blank makes your bid invalid.",
    ),
    "step_criteria": _T(
        nl="Beantwoord op het blad '{sheet}' ieder gunningscriterium binnen de aangegeven lengte. Noem de "
           "bestandsnaam van een bijlage als u die meestuurt.",
        en="On the sheet '{sheet}', answer every award criterion within the length given. Name the file of "
           "any attachment you submit with it.",
    ),
    "step_kpis": _T(
        nl="Bied op het blad '{sheet}' per prestatie-indicator een waarde aan die ten minste het minimum "
           "haalt, of aanvaard een vaste bindende norm met 'Ja'. Welke waarde de bindende norm is, staat per "
           "prestatie-indicator in de aanwijzing bij de antwoordcel.",
        en="On the sheet '{sheet}', offer a value for each performance indicator that meets at least the "
           "minimum, or accept a fixed binding standard with 'Yes'. The prompt of each answer cell states "
           "which value is the binding standard.",
    ),
    "step_raci": _T(
        nl="Vul op het blad '{sheet}' per activiteit de rollen per partij in. Per activiteit is precies "
           "één partij A en ten minste één partij R. Grijze rijen staan vast.",
        en="On the sheet '{sheet}', enter the roles per party for each activity. Each activity has exactly "
           "one party A and at least one party R. Grey rows are fixed.",
    ),
    "step_promises": _T(
        nl="Op het blad '{sheet}' kunt u per onderdeel een betere waarde toezeggen dan de leidraad vraagt "
           "(bijvoorbeeld vaker overleg of een kortere termijn). Laat de cel leeg om de waarde uit de leidraad "
           "te aanvaarden. Een toezegging wordt onderdeel van de overeenkomst.",
        en="On the sheet '{sheet}', you may promise a better value than the tender asks for each term (for "
           "example more frequent meetings or a shorter term). Leave the cell blank to accept the tender's "
           "value. A promise becomes part of the agreement.",
    ),
    "step_price": _T(
        nl="Vul op het blad '{sheet}' uw prijs in euro exclusief btw in.",
        en="On the sheet '{sheet}', enter your price in euro excluding VAT.",
    ),
    "step_intact": _T(
        nl="Wijzig geen bladnamen, ID's, teksten of de volgorde van rijen: het formulier wordt automatisch "
           "ingelezen en wijzigingen worden gesignaleerd.",
        en="Do not change sheet names, IDs, texts or the order of rows: the form is read automatically and "
           "changes are detected.",
    ),
    "step_reservations": _T(
        nl="Maak geen voorbehoud (zoals 'onder voorbehoud', 'mits', 'behoudens'): een voorbehoud kan uw "
           "inschrijving ongeldig maken.",
        en="Do not make reservations (such as 'subject to' or 'provided that'): a reservation can make "
           "your bid invalid.",
    ),
    "step_submit": _T(
        nl="Dien dit formulier als .xlsx-bestand in vóór {deadline}. Vragen stelt u aan {contact}.",
        en="Submit this form as an .xlsx file before {deadline}. Send questions to {contact}.",
    ),
    "intro_bidder": _T(
        nl="Vul de gegevens van uw organisatie in. Met de ondertekening verklaart de inschrijver dit "
           "formulier naar waarheid te hebben ingevuld en zich aan de inschrijving te binden.",
        en="Enter the details of your organisation. By signing, the tenderer declares that this form has "
           "been filled in truthfully and that it is bound by its bid.",
    ),
    "intro_requirements": _T(
        nl="Eisen zijn knock-out: met 'Nee' of zonder antwoord op een eis is uw inschrijving ongeldig.",
        en="Requirements are knock-out: a requirement answered 'No' or left blank makes your bid invalid.",
    ),
    "intro_criteria": _T(
        nl="Uw antwoorden worden beoordeeld volgens de beoordelingsmethodiek in het aanbestedingsdocument: "
           "{method}.",
        en="Your answers are scored by the evaluation method in the tender document: {method}.",
    ),
    "intro_kpis": _T(
        nl="Uw aanbod moet ten minste het minimum halen in de richting van de indicator. De aanwijzing bij "
           "de antwoordcel noemt de bindende norm: de minimumwaarde, de aangeboden waarde of de streefwaarde.",
        en="Your offer must meet at least the minimum in the indicator's direction. The prompt of the answer "
           "cell names the binding standard: the minimum, the offered value or the target.",
    ),
    "intro_raci": _T(
        nl="Precies één A en ten minste één R per activiteit. Grijze rijen staan vast; open rijen zijn met "
           "het voorstel van de aanbestedende dienst ingevuld en mag u aanpassen.",
        en="Exactly one A and at least one R per activity. Grey rows are fixed; open rows hold the "
           "contracting authority's proposal, which you may change.",
    ),
    "intro_promises": _T(
        nl="Optioneel: een betere waarde dan de leidraad. Een lege cel aanvaardt de waarde uit de leidraad; "
           "een toezegging wordt onderdeel van de overeenkomst en van het overlegrooster.",
        en="Optional: a better value than the tender's. A blank cell accepts the tender's value; a promise "
           "becomes part of the agreement and of the meeting schedule.",
    ),
    "intro_price": _T(
        nl="Vul uw totaalprijs in euro exclusief btw in, zonder voorbehoud.",
        en="Enter your total price in euro excluding VAT, without reservations.",
    ),
    "fixed": _T(nl="Vast", en="Fixed"),
    "open": _T(nl="Open", en="Open"),
    "definition": _T(nl="Definitie", en="Definition"),
    "evidence": _T(nl="Bewijs", en="Evidence"),
    "see_sheet": _T(nl="→ {sheet}", en="→ {sheet}"),
    "weight_percent": _T(nl="{weight}%", en="{weight}%"),
    "asked_confirm": _T(nl="Ja/Nee", en="Yes/No"),
    "asked_choice": _T(nl="Keuze uit de lijst", en="Choice from the list"),
    "asked_number": _T(nl="Getal ({unit}), {bounds}", en="Number ({unit}), {bounds}"),
    "asked_text": _T(nl="Tekst, max. {max_length} tekens", en="Text, max. {max_length} characters"),
    "asked_date": _T(nl="Datum (dd-mm-jjjj)", en="Date (dd-mm-yyyy)"),
    "asked_raci": _T(nl="Rollen per partij (RACI)", en="Roles per party (RACI)"),
    "bounds_between": _T(nl="{low} t/m {high}", en="{low} to {high}"),
    "bounds_at_least": _T(nl="ten minste {low}", en="at least {low}"),
    "bounds_at_most": _T(nl="ten hoogste {high}", en="at most {high}"),
    # Data validation titles (Excel: at most 32 characters) and messages (prompt 255, error 225).
    "dv_title_confirm": _T(nl="Ja of Nee", en="Yes or No"),
    "dv_prompt_confirm": _T(nl="Kies Ja of Nee uit de lijst.", en="Choose Yes or No from the list."),
    "dv_error_confirm": _T(nl="Kies Ja of Nee uit de lijst.", en="Choose Yes or No from the list."),
    "dv_title_choice": _T(nl="Keuze", en="Choice"),
    "dv_prompt_choice": _T(nl="Kies een optie uit de lijst.", en="Choose an option from the list."),
    "dv_error_choice": _T(nl="Kies een optie uit de lijst.", en="Choose an option from the list."),
    "dv_title_number": _T(nl="Getal", en="Number"),
    "dv_prompt_number": _T(
        nl="Vul een getal in ({unit}): {bounds}.",
        en="Enter a number ({unit}): {bounds}.",
    ),
    "dv_whole": _T(nl=" Alleen hele getallen.", en=" Whole numbers only."),
    "dv_error_number": _T(
        nl="Dit getal ligt niet binnen de grenzen: {bounds}.",
        en="This number is outside the limits: {bounds}.",
    ),
    # A requirement's number with a knock-out bound: the rule stops at the bound, the message says why.
    "dv_title_knockout_min": _T(nl="Knock-outeis", en="Knock-out requirement"),
    "dv_prompt_knockout_min": _T(
        nl="Vul een getal in ({unit}): {bounds}. Met minder dan {bound} is de inschrijving ongeldig "
           "(knock-outeis).",
        en="Enter a number ({unit}): {bounds}. With less than {bound} the bid is invalid (knock-out "
           "requirement).",
    ),
    "dv_error_knockout_min": _T(
        nl="Knock-outeis: het minimum is {bound} ({unit}); met een lager getal is de inschrijving ongeldig. "
           "Vul {bounds} in.",
        en="Knock-out requirement: the minimum is {bound} ({unit}); with a lower number the bid is invalid. "
           "Enter {bounds}.",
    ),
    "dv_title_knockout_max": _T(nl="Knock-outeis", en="Knock-out requirement"),
    "dv_prompt_knockout_max": _T(
        nl="Vul een getal in ({unit}): {bounds}. Met meer dan {bound} is de inschrijving ongeldig "
           "(knock-outeis).",
        en="Enter a number ({unit}): {bounds}. With more than {bound} the bid is invalid (knock-out "
           "requirement).",
    ),
    "dv_error_knockout_max": _T(
        nl="Knock-outeis: het maximum is {bound} ({unit}); met een hoger getal is de inschrijving ongeldig. "
           "Vul {bounds} in.",
        en="Knock-out requirement: the maximum is {bound} ({unit}); with a higher number the bid is invalid. "
           "Enter {bounds}.",
    ),
    "dv_title_text": _T(nl="Tekst", en="Text"),
    "dv_prompt_text": _T(
        nl="Vul een tekst in van ten hoogste {max_length} tekens.",
        en="Enter a text of at most {max_length} characters.",
    ),
    "dv_error_text": _T(
        nl="Deze tekst is langer dan {max_length} tekens. Kort hem in.",
        en="This text is longer than {max_length} characters. Please shorten it.",
    ),
    "dv_title_date": _T(nl="Datum", en="Date"),
    "dv_prompt_date": _T(
        nl="Vul een datum in (dd-mm-jjjj), van {low} t/m {high}.",
        en="Enter a date (dd-mm-yyyy), from {low} to {high}.",
    ),
    "dv_error_date": _T(
        nl="Vul een geldige datum in van {low} t/m {high}.",
        en="Enter a valid date from {low} to {high}.",
    ),
    "dv_title_kvk": _T(nl="KvK-nummer", en="Chamber of Commerce number"),
    "dv_prompt_kvk": _T(
        nl="Vul het KvK-nummer in: 8 cijfers.",
        en="Enter the Chamber of Commerce number: 8 digits.",
    ),
    "dv_error_kvk": _T(
        nl="Een KvK-nummer heeft precies 8 cijfers.",
        en="A Chamber of Commerce number has exactly 8 digits.",
    ),
    "dv_title_email": _T(nl="E-mailadres", en="Email address"),
    "dv_prompt_email": _T(
        nl="Vul een e-mailadres in (naam@domein.nl).",
        en="Enter an email address (name@domain.com).",
    ),
    "dv_error_email": _T(nl="Dit is geen geldig e-mailadres.", en="This is not a valid email address."),
    "dv_title_kpi": _T(nl="Uw aanbod", en="Your offer"),
    "dv_prompt_kpi": _T(
        nl="Bied een waarde aan in {unit}, {direction}: {bounds}. Minimum {minimum}, streefwaarde {target}. "
           "Bindende norm: {norm}.",
        en="Offer a value in {unit}, {direction}: {bounds}. Minimum {minimum}, target {target}. "
           "Binding standard: {norm}.",
    ),
    "dv_error_kpi": _T(
        nl="Uw aanbod moet een getal zijn van {bounds} ({unit}).",
        en="Your offer must be a number {bounds} ({unit}).",
    ),
    "dv_title_accept": _T(nl="Bindende norm", en="Binding standard"),
    "dv_prompt_accept": _T(
        nl="Kies Ja om de bindende norm te aanvaarden. Bindende norm: {norm} ({unit}); minimum {minimum}, "
           "streefwaarde {target}.",
        en="Choose Yes to accept the binding standard. Binding standard: {norm} ({unit}); minimum {minimum}, "
           "target {target}.",
    ),
    "dv_error_accept": _T(nl="Kies Ja of Nee uit de lijst.", en="Choose Yes or No from the list."),
    "dv_title_raci": _T(nl="R, A, C of I", en="R, A, C or I"),
    "dv_prompt_raci": _T(
        nl="Kies de rol(len) van {party}: R, A, C, I of een combinatie (leeg: geen rol). Eén A per "
           "activiteit.",
        en="Choose the role(s) of {party}: R, A, C, I or a combination (blank: no role). One A per "
           "activity.",
    ),
    "dv_error_raci": _T(
        nl="Kies een combinatie van R, A, C en I uit de lijst, in die volgorde.",
        en="Choose a combination of R, A, C and I from the list, in that order.",
    ),
    "dv_title_price": _T(nl="Prijs", en="Price"),
    "dv_prompt_price": _T(
        nl="Vul een bedrag in euro in, exclusief btw, groter dan 0.",
        en="Enter an amount in euro, excluding VAT, greater than 0.",
    ),
    "dv_error_price": _T(
        nl="Vul een bedrag groter dan 0 in (euro, exclusief btw).",
        en="Enter an amount greater than 0 (euro, excluding VAT).",
    ),
}
"""Every text of the form, per language; keys are stable, the writer uses no other wording."""


def wording(key: str, lang: Language, **values: object) -> str:
    """The form text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    text = WORDING[key].get(lang)
    return text.format(**values) if values else text


def bounds_text(lang: Language, low: float | None, high: float | None, decimals: int | None = None) -> str:
    """``1 t/m 48``, ``ten minste 1`` or ``ten hoogste 48`` (in ``lang``) for the bounds that are set."""
    lo = format_number(low, lang, decimals) if low is not None else None
    hi = format_number(high, lang, decimals) if high is not None else None
    if lo is not None and hi is not None:
        return wording("bounds_between", lang, low=lo, high=hi)
    if lo is not None:
        return wording("bounds_at_least", lang, low=lo)
    return wording("bounds_at_most", lang, high=hi)
