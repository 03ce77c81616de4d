"""The fixed wording of the progress report (.docx and .xlsx), in Dutch and English."""

from __future__ import annotations

from functools import lru_cache

from ..models.base import Language
from ..norm import HEADING, RULE

_WORDS: dict[str, tuple[str, str]] = {
    "doc_kind": ("Voortgangsrapportage samenwerking", "Collaboration progress report"),
    "subtitle": ("Stand op {date}", "Status on {date}"),
    "revision": ("Stand", "Status"),
    "page": ("Pagina", "Page"),
    "page_of": ("van", "of"),
    "f_contract": ("Opdracht", "Contract"),
    "f_contractor": ("Opdrachtnemer", "Contractor"),
    "f_period": ("Looptijd", "Contract period"),
    "f_year": ("Contractjaar", "Contract year"),
    "f_fee": ("Jaarvergoeding (grondslag prikkels)", "Annual fee (basis of incentives)"),
    "fee_parameter": ("{fee}, opgegeven bij het opstellen van dit rapport", "{fee}, given when this report was made"),
    "fee_price": ("{fee}: de inschrijfprijs {price} gedeeld door {years} contractjaren",
                  "{fee}: the bid price {price} divided by {years} contract years"),
    "fee_estimate": ("{fee}: de geraamde waarde {price} gedeeld door {years} contractjaren",
                     "{fee}: the estimated value {price} divided by {years} contract years"),
    "fee_unknown": ("onbekend: bedragen zijn niet berekend, alleen percentages",
                    "unknown: amounts were not computed, only percentages"),
    "h_glance": ("In één oogopslag", "At a glance"),
    "glance_kpis": ("{met} van {total} prestatie-indicatoren halen de bindende norm en de streefwaarde, {norm} "
                    "halen de bindende norm maar niet de streefwaarde, {below} blijven onder de bindende norm; "
                    "{missing} nog niet of niet recent gemeten.",
                    "{met} of {total} performance indicators meet the binding standard and the target, {norm} "
                    "meet the binding standard but not the target, {below} are below the binding standard; "
                    "{missing} not (recently) measured."),
    "glance_scores": ("Samenwerkingsscore laatste kwartaal: opdrachtgever {client}, opdrachtnemer {contractor}.",
                      "Collaboration score last quarter: client {client}, contractor {contractor}."),
    "glance_actions": ("Acties: {open} open, waarvan {overdue} over tijd; {done} gereed.",
                       "Actions: {open} open, of which {overdue} overdue; {done} done."),
    "glance_money": ("Prestatieprikkels contractjaar {year}: malus {malus}, bonus {bonus}.",
                     "Performance incentives contract year {year}: malus {malus}, bonus {bonus}."),
    "glance_commitments": ("Toezeggingen uit de inschrijving: {fulfilled} nagekomen, {partly} deels nagekomen, "
                           "{not_fulfilled} niet nagekomen, {not_applicable} nog niet van toepassing; "
                           "{not_recorded} niet vastgelegd.",
                           "Commitments from the bid: {fulfilled} fulfilled, {partly} partly fulfilled, "
                           "{not_fulfilled} not fulfilled, {not_applicable} not yet applicable; "
                           "{not_recorded} not recorded."),
    "h_commitments": ("Toezeggingen uit de inschrijving", "Commitments from the bid"),
    "commitments_intro": (
        "Per toezegging uit de inschrijving de status van het laatste kwartaal waarin die is vastgelegd, met de "
        "onderbouwing. Een toezegging zonder vastgelegde status telt als niet vastgelegd, nooit als nagekomen.",
        "Per commitment of the bid the status of the latest quarter in which one was recorded, with the "
        "evidence. A commitment without a recorded status counts as not recorded, never as fulfilled."),
    "h_bottlenecks": ("Knelpunten", "Bottlenecks"),
    "h_successes": ("Successen", "Successes"),
    "no_bottlenecks": ("Geen knelpunten.", "No bottlenecks."),
    "no_successes": ("Nog geen successen te melden.", "No successes to report yet."),
    "h_kpis": ("Prestatie-indicatoren per periode", "Performance indicators per period"),
    "kpis_intro": (
        RULE.nl + " Per prestatie-indicator de gemeten waarde per meetperiode tegen de bindende norm en de "
        "streefwaarde. Status: streefwaarde gehaald (de bindende norm en de streefwaarde gehaald), norm "
        "gehaald (wel de bindende norm, niet de streefwaarde), onder norm (onder de bindende norm), of niet "
        "gemeten (geen waarde vastgelegd; nooit als nul geteld). Trend: de laatste waarde tegen het "
        "gemiddelde van de drie metingen daarvoor.",
        RULE.en + " Per performance indicator the measured value per measurement period against the binding "
        "standard and the target. Status: target met (both the binding standard and the target met), "
        "standard met (the binding standard, not the target), below standard (below the binding "
        "standard), or not measured (no value recorded; never counted as zero). Trend: the latest value "
        "against the mean of the three measurements before it.",
    ),
    "h_consequences": ("Prestatieprikkels", "Performance incentives"),
    "consequences_intro": (
        "Periodevergoeding = jaarvergoeding × aandeel van de periode (maand 1/12, kwartaal 1/4, halfjaar 1/2, "
        "jaar 1). Malus: het maluspercentage van de periodevergoeding bij een waarde onder de bindende "
        "norm; bonus: het bonuspercentage bij een waarde die de bindende norm en de streefwaarde haalt. Per prestatie-indicator en "
        "contractjaar zijn malussen en bonussen elk begrensd op het plafond × jaarvergoeding; perioden "
        "worden in volgorde verrekend. Niet gemeten perioden leiden niet tot een bedrag.",
        "Period fee = annual fee × share of the period (month 1/12, quarter 1/4, half year 1/2, year 1). "
        "Malus: the malus percentage of the period fee for a value below the minimum; bonus: the bonus "
        "percentage for a value that meets the standard. Per performance indicator and contract year, "
        "maluses and bonuses are each capped at the cap × annual fee; periods are settled in order. "
        "Periods not measured lead to no amount.",
    ),
    "no_consequences": ("In de gerapporteerde perioden geldt geen bonus of malus.",
                        "No bonus or malus applies in the periods reported."),
    "h_scores": ("Samenwerkingsscore", "Collaboration score"),
    "scores_intro": ("Prestatiemeting samenwerking: beide partijen geven ieder kwartaal een rapportcijfer (1-10).",
                     "Collaboration assessment: both parties give a score (1-10) each quarter."),
    "h_actions": ("Acties en verbeterpunten", "Actions and improvements"),
    "no_actions": ("Er zijn geen acties vastgelegd.", "No actions were recorded."),
    "h_method": ("Verantwoording", "Method"),
    "method": (
        "Dit rapport is opgesteld met tenderpack uit de samenwerkingsafspraken van {reference} en de "
        "metingen tot en met {date}. Bindende normen: per prestatie-indicator de minimumwaarde, de "
        "aangeboden waarde of de streefwaarde, zoals de aanbestedingsleidraad bepaalt. Meetperioden lopen vanaf de "
        "ingangsdatum van de overeenkomst (maand, kwartaal, halfjaar, contractjaar).",
        "This report was prepared with tenderpack from the collaboration agreement of {reference} and the "
        "measurements up to {date}. Binding standards: per performance indicator the minimum, the offered "
        "value or the target, as the tender document sets. Measurement periods run from the contract start "
        "(month, quarter, half year, contract year).",
    ),
    # Columns
    "col_kpi": ("Prestatie-indicator", "Performance indicator"),
    "col_latest": ("Laatste periode", "Latest period"),
    "col_value": ("Waarde", "Value"),
    "col_minimum": ("Minimumwaarde", "Minimum"),
    "col_standard": (HEADING.nl, HEADING.en),
    "col_target": ("Streefwaarde", "Target"),
    "col_status": ("Status", "Status"),
    "col_trend": ("Trend", "Trend"),
    "col_rating": ("Beoordeling", "Rating"),
    "col_period": ("Periode", "Period"),
    "col_remark": ("Toelichting", "Remark"),
    "col_fee": ("Periodevergoeding", "Period fee"),
    "col_rule": ("Regel", "Rule"),
    "col_amount": ("Bedrag", "Amount"),
    "col_settled": ("Verrekend", "Settled"),
    "col_year": ("Jaar", "Year"),
    "col_quarter": ("Kwartaal", "Quarter"),
    "col_client": ("Opdrachtgever", "Client"),
    "col_contractor": ("Opdrachtnemer", "Contractor"),
    "col_reasons": ("Redenen", "Reasons"),
    "col_id": ("ID", "ID"),
    "col_commitment": ("Toezegging", "Commitment"),
    "col_subject": ("Onderwerp", "Subject"),
    "col_evidence": ("Onderbouwing", "Evidence"),
    "col_action": ("Actie", "Action"),
    "col_owner": ("Eigenaar", "Owner"),
    "col_due": ("Uiterste datum", "Due date"),
    "col_malus": ("Malus", "Malus"),
    "col_bonus": ("Bonus", "Bonus"),
    "col_total": ("Totaal", "Total"),
    "chart_title": ("{id} per periode", "{id} per period"),
    "capped": (" (plafond bereikt)", " (cap reached)"),
    "rule_malus": ("malus {p}% (onder de bindende norm)", "malus {p}% (below the binding standard)"),
    "rule_bonus": ("bonus {p}% (bindende norm en streefwaarde gehaald)", "bonus {p}% (binding standard and target met)"),
    "total": ("Totaal contractjaar {year}", "Total contract year {year}"),
    # Codes
    "s_target_met": ("streefwaarde gehaald", "target met"),
    "s_norm_met": ("norm gehaald", "standard met"),
    "s_below_norm": ("onder norm", "below standard"),
    "s_not_measured": ("niet gemeten", "not measured"),
    "t_improving": ("↗ verbetert", "↗ improving"),
    "t_stable": ("→ stabiel", "→ stable"),
    "t_worsening": ("↘ verslechtert", "↘ worsening"),
    "t_unknown": ("–", "–"),
    "r_good": ("Goed", "Good"),
    "r_approaching": ("Op norm, onder streefwaarde", "At standard, below target"),
    "r_requires_improvement": ("Verbetering nodig", "Requires improvement"),
    "r_inadequate": ("Onvoldoende", "Inadequate"),
    "r_other": ("Overig (niet gemeten)", "Other (not measured)"),
    "st_open": ("open", "open"),
    "st_in_progress": ("in uitvoering", "in progress"),
    "st_done": ("gereed", "done"),
    "st_cancelled": ("vervallen", "cancelled"),
    "cs_fulfilled": ("nagekomen", "fulfilled"),
    "cs_partly": ("deels nagekomen", "partly fulfilled"),
    "cs_not_fulfilled": ("niet nagekomen", "not fulfilled"),
    "cs_not_applicable": ("nog niet van toepassing", "not yet applicable"),
    "cs_not_recorded": ("niet vastgelegd", "not recorded"),
    "party_client": ("Opdrachtgever", "Client"),
    "party_contractor": ("Opdrachtnemer", "Contractor"),
    # Signals
    "sig_below_norm": ("{label}: {value} {unit}, onder de bindende norm van {norm}",
                       "{label}: {value} {unit}, below the binding standard of {norm}"),
    "sig_worsening": ("verslechtert: {value} {unit} tegen gemiddeld {basis} in de perioden daarvoor",
                      "worsening: {value} {unit} against an average of {basis} in the periods before"),
    "sig_not_measured": ("niet gemeten in {labels}", "not measured in {labels}"),
    "sig_overdue": ("{description}; eigenaar {owner}, uiterste datum {due}, {days} dagen over tijd",
                    "{description}; owner {owner}, due {due}, {days} days overdue"),
    "sig_score_worsening": ("score daalt naar {score} (gemiddeld {basis} daarvoor)",
                            "score falls to {score} (average {basis} before)"),
    "sig_target_met": ("{label}: {value} {unit} haalt de streefwaarde van {target}",
                       "{label}: {value} {unit} meets the target of {target}"),
    "sig_improving": ("verbetert: {value} {unit} tegen gemiddeld {basis} daarvoor",
                      "improving: {value} {unit} against an average of {basis} before"),
    "sig_recovered": ("hersteld: {value} {unit} in {label}, na {previous} onder de bindende norm in "
                      "{previous_label}",
                      "recovered: {value} {unit} in {label}, after {previous} below the binding standard in "
                      "{previous_label}"),
    "sig_score_improving": ("score stijgt naar {score} (gemiddeld {basis} daarvoor)",
                            "score rises to {score} (average {basis} before)"),
    "sig_commitment_not_fulfilled": ("niet nagekomen in {label}: {evidence}", "not fulfilled in {label}: {evidence}"),
    "sig_commitment_partly": ("deels nagekomen in {label}: {evidence}", "partly fulfilled in {label}: {evidence}"),
    "no_evidence": ("geen onderbouwing vastgelegd", "no evidence recorded"),
    "unknown_owner": ("onbekend", "unknown"),
    "none_measured": ("Nog geen metingen tot en met {date}.", "No measurements up to {date} yet."),
}


@lru_cache(maxsize=2)
def words(lang: Language) -> dict[str, str]:
    """Every fixed text of the progress report in ``lang``; shared between calls, do not modify."""
    i = 0 if lang == "nl" else 1
    return {key: pair[i] for key, pair in _WORDS.items()}
