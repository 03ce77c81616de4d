"""The fixed wording of the comparison report (.docx), in Dutch and English.

Each entry is a ``(nl, en)`` pair; ``{name}`` slots are filled with ``str.format`` by
:mod:`generator.evaluation.report`, and the values put into them (bidder names, motivations, amounts)
are data, never formatted again. Keys ending in ``_1`` are the singular of the key without it.
"""

from __future__ import annotations

from functools import lru_cache

from ..models.base import Language

_WORDS: dict[str, tuple[str, str]] = {
    "doc_kind": ("Beoordelingsrapport inschrijvingen", "Bid evaluation report"),
    "subtitle": ("Vergelijking van de inschrijvingen, grondslag voor de gunningsbeslissing",
                 "Comparison of the bids, basis for the award decision"),
    "confidential": ("Vertrouwelijk - uitsluitend voor intern gebruik", "Confidential - for internal use only"),
    "revision": ("Revisie", "Revision"),
    "page": ("Pagina", "Page"),
    "page_of": ("van", "of"),
    # Cover
    "f_reference": ("Kenmerk aanbesteding", "Tender reference"),
    "f_title": ("Opdracht", "Contract"),
    "f_authority": ("Aanbestedende dienst", "Contracting authority"),
    "f_procedure": ("Procedure", "Procedure"),
    "f_documents": ("Aanbestedingsstukken", "Tender documents"),
    "f_documents_value": ("revisie {revision}", "revision {revision}"),
    "f_method": ("Beoordelingsmethode", "Award method"),
    "f_date": ("Datum beoordeling", "Evaluation date"),
    "f_decision": ("Gunningsbeslissing", "Award decision"),
    "f_decision_value": ("voorzien op {date}", "planned on {date}"),
    # Summary
    "h_summary": ("Samenvatting", "Summary"),
    "received_1": (
        ("Er is één inschrijving ontvangen. Zij is getoetst aan de knock-outeisen en aan de minimumeisen "
         "voor de prestatie-indicatoren (KPI's)."),
        ("One bid was received. It was checked against the knock-out requirements and the minimum levels "
         "of the performance indicators (KPIs)."),
    ),
    "received": (
        ("Er zijn {n} inschrijvingen ontvangen. Iedere inschrijving is getoetst aan de knock-outeisen en "
         "aan de minimumeisen voor de prestatie-indicatoren (KPI's)."),
        ("A total of {n} bids were received. Each bid was checked against the knock-out requirements and "
         "the minimum levels of the performance indicators (KPIs)."),
    ),
    "admitted_0": (
        ("Geen enkele inschrijving voldoet aan alle knock-outeisen en minimumeisen. Er is daarom geen "
         "rangschikking en de opdracht kan op grond van deze beoordeling niet worden gegund."),
        ("No bid meets every knock-out requirement and minimum level. There is therefore no ranking, and "
         "the contract cannot be awarded on the basis of this evaluation."),
    ),
    "admitted_1": (
        ("Eén inschrijving voldoet aan alle knock-outeisen en minimumeisen en is door de "
         "beoordelingscommissie beoordeeld op de gunningscriteria."),
        ("One bid meets every knock-out requirement and minimum level and was evaluated by the evaluation "
         "committee on the award criteria."),
    ),
    "admitted": (
        ("Daarvan voldoen er {n} aan alle knock-outeisen en minimumeisen; deze inschrijvingen zijn door "
         "de beoordelingscommissie beoordeeld op de gunningscriteria."),
        ("Of these, {n} bids meet every knock-out requirement and minimum level and were evaluated by the "
         "evaluation committee on the award criteria."),
    ),
    "set_aside_1": (
        ("De volgende inschrijving is ongeldig, is terzijde gelegd en is niet beoordeeld op de "
         "gunningscriteria:"),
        "The following bid is invalid, was set aside and was not evaluated on the award criteria:",
    ),
    "set_aside": (
        ("De volgende {n} inschrijvingen zijn ongeldig, zijn terzijde gelegd en zijn niet beoordeeld op de "
         "gunningscriteria:"),
        "The following {n} bids are invalid, were set aside and were not evaluated on the award criteria:",
    ),
    "reservations_1": (
        ("De beoordelingscommissie heeft beslist over één mogelijk voorbehoud; de beslissing en de "
         "motivering staan bij de inschrijving in hoofdstuk 3."),
        ("The evaluation committee decided on one possible reservation; the decision and its reasons are "
         "given with the bid in chapter 3."),
    ),
    "reservations": (
        ("De beoordelingscommissie heeft beslist over {n} mogelijke voorbehouden; de beslissingen en de "
         "motivering staan bij de inschrijvingen in hoofdstuk 3."),
        ("The evaluation committee decided on {n} possible reservations; the decisions and their reasons "
         "are given with the bids in chapter 3."),
    ),
    "first_weighted": (
        ("De inschrijving van {name} heeft de beste prijs-kwaliteitverhouding: zij staat op de eerste "
         "plaats met een totaalscore van {total} punten."),
        ("The bid of {name} has the best price-quality ratio: it ranks first with a total score of "
         "{total} points."),
    ),
    "first_value": (
        ("De inschrijving van {name} heeft de beste prijs-kwaliteitverhouding: zij staat op de eerste "
         "plaats met de laagste fictieve inschrijvingsprijs, {total}."),
        ("The bid of {name} has the best price-quality ratio: it ranks first with the lowest fictive bid "
         "price, {total}."),
    ),
    "second_weighted": ("Op de tweede plaats staat {name} met {total} punten ({diff} punten minder).",
                        "{name} ranks second with {total} points ({diff} points fewer)."),
    "second_value": (
        ("Op de tweede plaats staat {name} met een fictieve inschrijvingsprijs van {total} ({diff} "
         "hoger)."),
        "{name} ranks second with a fictive bid price of {total} ({diff} higher).",
    ),
    "eligible": ("Op grond van deze beoordeling komt {name} in aanmerking voor gunning van de opdracht.",
                 "On the basis of this evaluation, {name} is eligible for the award of the contract."),
    "first_lot": (
        ("De inschrijvingen van {names} eindigen gelijk op de eerste plaats ({total}) en de regel bij "
         "gelijke eindscore maakt tussen hen geen onderscheid. De eerste plaats wordt bepaald door loting "
         "onder toezicht van een notaris; pas daarna kan de gunningsbeslissing worden genomen."),
        ("The bids of {names} share the first place ({total}) and the tie-break rule does not separate "
         "them. The first place is decided by lot drawn under the supervision of a civil-law notary; only "
         "then can the award decision be taken."),
    ),
    "first_tie": (
        ("{names} eindigen gelijk ({total}); de regel bij gelijke eindscore ({rule}) geeft de eerste "
         "plaats aan {name}."),
        "{names} finish level ({total}); the tie-break rule ({rule}) gives the first place to {name}.",
    ),
    "basis": (
        ("Dit rapport legt de beoordeling vast en is de grondslag voor de gunningsbeslissing. De volgende "
         "hoofdstukken geven de rangschikking met de volledige berekening, per inschrijving de "
         "knock-outtoets en de scores met de motivering van de beoordelingscommissie, het KPI-aanbod, de "
         "afwijkingen in de verantwoordelijkheden en de opschortende termijn."),
        ("This report records the evaluation and is the basis for the award decision. The following "
         "chapters give the ranking with the complete calculation, per bid the knock-out check and the "
         "scores with the evaluation committee's reasons, the KPI offers, the differences in "
         "responsibilities and the standstill period."),
    ),
    # Ranking and calculation
    "h_ranking": ("Rangschikking en berekening", "Ranking and calculation"),
    "h_method": ("Beoordelingsmethode", "Award method"),
    "method_weighted": (
        ("De opdracht wordt gegund aan de inschrijving met de beste prijs-kwaliteitverhouding, bepaald "
         "met de gewogen factormethode zoals gepubliceerd in de aanbestedingsleidraad (revisie "
         "{revision}). De rekenregels zijn:"),
        ("The contract is awarded to the bid with the best price-quality ratio, determined by the "
         "weighted factor method as published in the tender document (revision {revision}). The rules are:"),
    ),
    "method_value": (
        ("De opdracht wordt gegund aan de inschrijving met de beste prijs-kwaliteitverhouding, bepaald "
         "door gunnen op waarde zoals gepubliceerd in de aanbestedingsleidraad (revisie {revision}). De "
         "rekenregels zijn:"),
        ("The contract is awarded to the bid with the best price-quality ratio, determined by award on "
         "value as published in the tender document (revision {revision}). The rules are:"),
    ),
    "f_quality": ("Kwaliteitspunten per criterium = weging × score / maximale score",
                  "Quality points per criterion = weight × score / maximum score"),
    "f_relative": ("Prijspunten = {pw} × laagste prijs / prijs",
                   "Price points = {pw} × lowest price / price"),
    "f_linear": (
        "Prijspunten = {pw} × ({worst} − prijs) / ({worst} − {best}), ten minste 0 en ten hoogste {pw}",
        "Price points = {pw} × ({worst} − price) / ({worst} − {best}), at least 0 and at most {pw}",
    ),
    "f_total": ("Totaalscore = som van de kwaliteitspunten + prijspunten; de hoogste totaalscore wint",
                "Total score = sum of the quality points + price points; the highest total score wins"),
    "f_total_quality": (
        "Totaalscore = som van de kwaliteitspunten; de prijs weegt niet mee; de hoogste totaalscore wint",
        "Total score = sum of the quality points; price does not count; the highest total score wins",
    ),
    "f_earned": ("Verdiende waarde per criterium = maximale waarde × deel van de waarde bij de score",
                 "Value earned per criterion = maximum value × share of the value for the score"),
    "f_fictive": (
        ("Fictieve inschrijvingsprijs = prijs − som van de verdiende waarden; de laagste fictieve "
         "inschrijvingsprijs wint"),
        "Fictive bid price = price − sum of the values earned; the lowest fictive bid price wins",
    ),
    "rounding_weighted": (
        ("Punten worden per criterium en voor de prijs berekend op twee decimalen, half naar boven "
         "afgerond; de totaalscore is de som van die afgeronde punten. Zo is iedere uitkomst met de hand "
         "na te rekenen."),
        ("Points are computed per criterion and for the price to two decimals, rounded half up; the total "
         "score is the sum of those rounded points. Every result can thus be recomputed by hand."),
    ),
    "rounding_value": (
        ("Verdiende waarden worden per criterium op de cent berekend, half naar boven afgerond; de "
         "fictieve inschrijvingsprijs is de prijs min de som van die afgeronde bedragen. Zo is iedere "
         "uitkomst met de hand na te rekenen."),
        ("Values earned are computed per criterion to the cent, rounded half up; the fictive bid price is "
         "the price minus the sum of those rounded amounts. Every result can thus be recomputed by hand."),
    ),
    "lowest_price": ("De laagste prijs van de toegelaten inschrijvingen is {lowest}.",
                     "The lowest price of the admitted bids is {lowest}."),
    "params_weighted": ("De onderdelen met hun weging en de gepubliceerde schaal:",
                        "The components with their weight and the published scale:"),
    "params_value": ("De gunningscriteria met hun maximale waarde en de gepubliceerde schaal:",
                     "The award criteria with their maximum value and the published scale:"),
    "col_id": ("ID", "ID"),
    "col_component": ("Onderdeel", "Component"),
    "col_weight": ("Weging", "Weight"),
    "col_value": ("Maximale waarde", "Maximum value"),
    "col_scale": ("Schaal (score)", "Scale (score)"),
    "col_scale_share": ("Schaal (score: deel van de waarde)", "Scale (score: share of the value)"),
    "price": ("Prijs", "Price"),
    "price_weight_scale": ("zie de formule", "see the formula"),
    "h_ranking_table": ("Rangschikking", "Ranking"),
    "col_rank": ("Rang", "Rank"),
    "col_bidder": ("Inschrijver", "Bidder"),
    "col_price": ("Prijs", "Price"),
    "col_quality": ("Kwaliteits\u00adpunten", "Quality points"),
    "col_price_points": ("Prijspunten", "Price points"),
    "col_total": ("Totaalscore", "Total score"),
    "col_earned": ("Verdiende waarde", "Value earned"),
    "col_fictive": ("Fictieve prijs", "Fictive price"),
    "no_ranking": ("Er is geen rangschikking: geen enkele inschrijving is toegelaten.",
                   "There is no ranking: no bid was admitted."),
    "h_calculation": ("Berekening per inschrijving", "Calculation per bid"),
    "calculation_intro": (
        ("Per inschrijving de invoer, de berekening en de uitkomst van ieder onderdeel, in de volgorde "
         "van de rangschikking."),
        ("Per bid the input, the calculation and the result of each component, in the order of the "
         "ranking."),
    ),
    "col_input": ("Invoer", "Input"),
    "col_calculation": ("Berekening", "Calculation"),
    "col_outcome": ("Uitkomst", "Result"),
    "score_of": ("score {score} van {max}", "score {score} of {max}"),
    "score_value": ("{score} van {max}", "{score} of {max}"),
    "score_share": ("score {score} van {max}: {share}", "score {score} of {max}: {share}"),
    "weight_input": ("weging {weight}", "weight {weight}"),
    "price_input_relative": ("prijs {price}; laagste prijs {lowest}", "price {price}; lowest price {lowest}"),
    "price_not_counted": ("de prijs weegt niet mee", "price does not count"),
    "clamped": ("{formula}, begrensd", "{formula}, capped"),
    "sum_quality": ("Kwaliteitspunten", "Quality points"),
    "sum_earned": ("Verdiende waarde", "Value earned"),
    "bid_price": ("Inschrijvingsprijs", "Bid price"),
    "total_weighted": ("Totaalscore", "Total score"),
    "total_value": ("Fictieve inschrijvingsprijs", "Fictive bid price"),
    "h_ties": ("Gelijke eindscores", "Ties"),
    "no_ties": (
        ("Er zijn geen inschrijvingen met een gelijke eindscore; de regel bij gelijke eindscore ({rule}) "
         "is niet toegepast."),
        "No bids finish level; the tie-break rule ({rule}) was not applied.",
    ),
    "tie": (
        ("{names} eindigen gelijk ({total}). Volgens de aanbestedingsleidraad wordt dan gegund aan "
         "{rule}."),
        "{names} finish level ({total}). The tender document then awards the contract to {rule}.",
    ),
    "tie_measure_quality": ("Kwaliteitspunten: {values}.", "Quality points: {values}."),
    "tie_measure_earned": ("Verdiende waarde: {values}.", "Value earned: {values}."),
    "tie_measure_price": ("Prijzen: {values}.", "Prices: {values}."),
    "tie_decided": ("De regel beslist: de volgorde is {order}.", "The rule decides: the order is {order}."),
    "tie_not_separated": ("De regel maakt geen onderscheid tussen {lot}.",
                          "The rule does not separate {lot}."),
    "tie_lot": (
        ("De volgorde tussen {lot} wordt bepaald door loting onder toezicht van een notaris; tot die "
         "loting delen zij rang {rank}."),
        ("The order of {lot} is decided by lot drawn under the supervision of a civil-law notary; until "
         "then they share rank {rank}."),
    ),
    "points_value": ("{value} punten", "{value} points"),
    "rule_highest_quality": ("de inschrijving met de hoogste kwaliteitsscore",
                             "the bid with the highest quality score"),
    "rule_lowest_price": ("de inschrijving met de laagste prijs", "the bid with the lowest price"),
    "rule_lot": ("de inschrijving die door loting onder toezicht van een notaris wordt aangewezen",
                 "the bid chosen by lot drawn under the supervision of a civil-law notary"),
    # Per bid
    "h_bids": ("Beoordeling per inschrijving", "Evaluation per bid"),
    "bids_intro": (
        ("Per inschrijving de knock-outtoets, met bij iedere eis en ieder KPI-minimum de uitkomst en bij "
         "niet voldoen de reden, en voor de toegelaten inschrijvingen de consensusscores van de "
         "beoordelingscommissie met hun motivering. Celverwijzingen (zoals Eisen!E12) wijzen naar het "
         "ingediende inschrijvingsformulier."),
        ("Per bid the knock-out check, with the result of every requirement and KPI minimum and the "
         "reason for every fail, and for the admitted bids the evaluation committee's consensus scores "
         "with their reasons. Cell references (such as Requirements!E12) point to the submitted bid-response "
         "form."),
    ),
    "f_kvk": ("KvK-nummer", "Chamber of Commerce (KvK) number"),
    "f_file": ("Inschrijvingsbestand", "Bid file"),
    "f_hash": ("SHA-256 van het bestand", "SHA-256 of the file"),
    "f_result": ("Uitkomst", "Result"),
    "rank_of": ("Rang {rank} van {n}", "Rank {rank} of {n}"),
    "rank_shared": ("Rang {rank} van {n}, gedeeld (loting)", "Rank {rank} of {n}, shared (lot)"),
    "set_aside_result": ("Ongeldig, terzijde gelegd", "Invalid, set aside"),
    "h_knockout": ("Knock-outtoets", "Knock-out check"),
    "knockout_passed": ("De inschrijving voldoet aan alle {n} knock-outeisen en KPI-minima.",
                        "The bid meets all {n} knock-out requirements and KPI minimums."),
    "knockout_failed": (
        ("De inschrijving voldoet niet aan {k} van de {n} knock-outeisen en KPI-minima; zij is daarom "
         "ongeldig en terzijde gelegd."),
        ("The bid fails {k} of the {n} knock-out requirements and KPI minimums; it is therefore invalid and "
         "was set aside."),
    ),
    "knockout_other": (
        ("De inschrijving voldoet aan alle {n} knock-outeisen en KPI-minima, maar is om de hieronder "
         "genoemde redenen ongeldig en terzijde gelegd."),
        ("The bid meets all {n} knock-out requirements and KPI minimums, but is invalid and was set aside "
         "for the reasons below."),
    ),
    "h_suitability": ("Toets geschiktheidseisen", "Suitability check"),
    "suitability_passed": ("De inschrijver voldoet aan alle {n} geschiktheidseisen.",
                           "The bidder meets all {n} suitability requirements."),
    "suitability_passed_1": ("De inschrijver voldoet aan de geschiktheidseis.",
                             "The bidder meets the suitability requirement."),
    "suitability_failed": (
        ("De inschrijver voldoet niet aan {k} van de {n} geschiktheidseisen; de inschrijving is daarom "
         "terzijde gelegd."),
        ("The bidder does not meet {k} of the {n} suitability requirements; the bid was therefore set "
         "aside."),
    ),
    "col_suitability": ("Geschiktheidseis", "Suitability requirement"),
    "col_item": ("Eis of KPI", "Requirement or KPI"),
    "col_answer": ("Antwoord of aanbod", "Answer or offer"),
    "kpi_minimum": ("{title}, minimum {minimum} {unit}", "{title}, minimum {minimum} {unit}"),
    "passed": ("Voldaan", "Met"),
    "failed": ("Niet voldaan: {reasons}", "Not met: {reasons}"),
    "cell": ("{text} (cel {cell}).", "{text} (cell {cell})."),
    "other_intro": ("Overige redenen van ongeldigheid:", "Other reasons why the bid is invalid:"),
    "notes_intro": ("Signaleringen voor de beoordelingscommissie (op zichzelf geen reden van ongeldigheid):",
                    "Points for the evaluation committee's attention (not in themselves a reason for "
                    "invalidity):"),
    "h_reservations": ("Voorbehoud", "Reservation"),
    "reservation_found": ("Gesignaleerd bij {item}: {found}", "Flagged at {item}: {found}"),
    "decision_not_material": (
        ("Beslissing van de beoordelingscommissie: het voorbehoud is niet wezenlijk; de inschrijving blijft "
         "in de beoordeling. Motivering: {motivation}"),
        ("Decision of the evaluation committee: the reservation is not material; the bid remains in the "
         "evaluation. Reasons: {motivation}"),
    ),
    "decision_material": (
        ("Beslissing van de beoordelingscommissie: het voorbehoud is wezenlijk; de inschrijving is daarom "
         "ongeldig en terzijde gelegd. Motivering: {motivation}"),
        ("Decision of the evaluation committee: the reservation is material; the bid is therefore invalid "
         "and was set aside. Reasons: {motivation}"),
    ),
    "h_scores": ("Scores en motivering", "Scores and reasons"),
    "col_criterion": ("Gunnings\u00adcriterium", "Award criterion"),
    "col_score": ("Score", "Score"),
    "col_evaluators": ("Beoor\u00addelaars", "Evaluators"),
    "col_points": ("Punten", "Points"),
    "col_value_earned": ("Waarde", "Value"),
    "col_motivation": ("Motivering (consensus)", "Reasons (consensus)"),
    "not_scored": (
        "Deze inschrijving is ongeldig en terzijde gelegd en daarom niet beoordeeld op de gunningscriteria.",
        "This bid is invalid and was set aside, and was therefore not evaluated on the award criteria.",
    ),
    # KPI offers
    "h_kpis": ("KPI-aanbod", "KPI offers"),
    "kpis_intro": (
        ("Per prestatie-indicator het minimum en de streefwaarde uit de aanbestedingsleidraad, en het "
         "aanbod van iedere inschrijver. Een aanbod onder het minimum is een knock-out. Bij een KPI met "
         "een vaste norm bevestigt de inschrijver minimum en streefwaarde met Ja of Nee. Groen: haalt de "
         "streefwaarde; geel: tussen minimum en streefwaarde; rood: onder het minimum of niet bevestigd; "
         "grijs: geen aanbod."),
        ("Per performance indicator the minimum and the target from the tender document, and each "
         "bidder's offer. An offer below the minimum is a knock-out. For a KPI with a fixed level the "
         "bidder confirms minimum and target with Yes or No. Green: meets the target; yellow: between "
         "minimum and target; red: below the minimum or not confirmed; grey: no offer."),
    ),
    "col_kpi": ("KPI", "KPI"),
    "col_minimum": ("Minimum", "Minimum"),
    "col_target": ("Streef\u00adwaarde", "Target"),
    "below_minimum": ("{value} (onder minimum)", "{value} (below minimum)"),
    "set_aside_mark": ("{name} (terzijde gelegd)", "{name} (set aside)"),
    # RACI
    "h_raci": ("Afwijkingen in de verantwoordelijkheden (RACI)", "Differences in responsibilities (RACI)"),
    "raci_intro": (
        ("De aanbestedingsleidraad stelt per activiteit een verdeling van de verantwoordelijkheden voor "
         "(R: voert uit, A: is eindverantwoordelijk, C: wordt geraadpleegd, I: wordt geïnformeerd). Per "
         "inschrijving staat hieronder waar de aangeboden verdeling afwijkt van dat voorstel: per "
         "activiteit en partij het voorstel en het aanbod (– : geen rol). Activiteiten met een vaste "
         "verdeling kunnen niet worden gewijzigd."),
        ("The tender document proposes a division of responsibilities per activity (R: carries out, A: is "
         "accountable, C: is consulted, I: is informed). Per bid, the table shows where the offered "
         "division differs from that proposal: per activity and party the proposal and the offer (– : no "
         "role). Activities with a fixed division cannot be changed."),
    ),
    "col_activity": ("Activiteit", "Activity"),
    "col_party": ("Partij", "Party"),
    "col_default": ("Voorstel", "Proposal"),
    "col_offered": ("Aanbod", "Offer"),
    "raci_same": ("Geen afwijkingen: de inschrijver neemt het voorstel van de aanbestedende dienst over.",
                  "No differences: the bidder accepts the contracting authority's proposal."),
    # Standstill
    "h_standstill": ("Gunningsbeslissing en opschortende termijn", "Award decision and standstill period"),
    "decision": (
        ("De aanbestedende dienst maakt de gunningsbeslissing aan alle inschrijvers tegelijk bekend, met een "
         "afzonderlijke brief per inschrijver (artikel 2.130 Aanbestedingswet 2012). Die brief bevat de "
         "relevante redenen: de kenmerken en relatieve voordelen van de winnende inschrijving, de scores en "
         "de rangorde van de inschrijving van de geadresseerde of de reden waarom die inschrijving ongeldig "
         "is en terzijde is gelegd, en de opschortende termijn met de einddatum. Dit rapport is vertrouwelijk "
         "en uitsluitend bestemd voor intern gebruik: het bevat de prijzen, scores en motiveringen van alle "
         "inschrijvers en wordt niet aan inschrijvers verstrekt."),
        ("The contracting authority notifies all bidders of the award decision at the same time, in a "
         "separate letter to each bidder (article 2.130 of the Dutch Public Procurement Act 2012). That "
         "letter gives the relevant reasons: the characteristics and relative advantages of the winning bid, "
         "the scores and ranking of the addressee's own bid or the reason why that bid is invalid and was "
         "set aside, and the standstill period with its end date. This report is confidential and for "
         "internal use only: it holds the prices, scores and reasons of every bidder and is not given to "
         "bidders."),
    ),
    "standstill": (
        ("Na verzending van de gunningsbeslissing geldt een opschortende termijn (Alcatel-termijn) van "
         "{days} kalenderdagen. Binnen die termijn kan een inschrijver die het niet eens is met de "
         "beslissing een kort geding aanhangig maken. De overeenkomst wordt niet gesloten voordat de "
         "termijn is verstreken en, als binnen de termijn een kort geding aanhangig is gemaakt, niet "
         "voordat de voorzieningenrechter uitspraak heeft gedaan."),
        ("After the award decision has been sent, a standstill period (Alcatel period) of {days} calendar "
         "days applies. Within that period a bidder who disagrees with the decision can start summary "
         "proceedings. The contract is not concluded before the period has expired and, if summary "
         "proceedings were started within the period, not before the court in summary proceedings has "
         "given judgment."),
    ),
    "standstill_dates": (
        ("De gunningsbeslissing is voorzien op {decision}; de opschortende termijn loopt dan tot en met "
         "{end}."),
        ("The award decision is planned on {decision}; the standstill period then runs up to and "
         "including {end}."),
    ),
    "standstill_none": ("Voor deze aanbesteding geldt geen opschortende termijn.",
                        "No standstill period applies to this tender."),
    "standstill_lot": (
        ("De gunningsbeslissing wordt pas verzonden nadat de loting om de eerste plaats heeft "
         "plaatsgevonden."),
        "The award decision is sent only after the lot for the first place has been drawn.",
    ),
    "records": (
        ("De ingediende inschrijvingsbestanden (met de SHA-256 in dit rapport), het ingevulde "
         "beoordelingsformulier van de commissie en dit rapport worden bewaard, zodat de beoordeling bij "
         "een bezwaar volledig kan worden verantwoord."),
        ("The submitted bid files (with the SHA-256 in this report), the committee's completed scoring "
         "workbook and this report are kept, so that the evaluation can be fully accounted for if a "
         "bidder objects."),
    ),
}


@lru_cache(maxsize=2)
def words(lang: Language) -> dict[str, str]:
    """Every fixed text of the comparison report in ``lang``; shared between calls, do not modify."""
    i = 0 if lang == "nl" else 1
    return {key: pair[i] for key, pair in _WORDS.items()}
