"""The layout of the monitoring workbook: the one contract between its writer and its reader.

Sheets are found by key through the metadata sheet (``_tenderpack``, veryHidden, as in the bid form);
every input row has a metadata record naming its sheet, row and what it holds (KPI ID and period
start, quarter start, or action ID), so the reader never guesses from positions. The bilingual
wording of the workbook is here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models.base import Language, Text
from ..norm import HEADING

FORMAT_VERSION = "1"
KIND = "monitoring"
"""The ``workbook`` property that tells a monitoring workbook from a bid form."""

META_SHEET = "_tenderpack"
HEADER_ROW = 4
FIRST_ROW = 5
ACTION_ROWS = 120
"""Pre-numbered rows of the action log (about two a month over a four-year contract)."""
TEXT_MAX = 2000

INSTRUCTIONS, MEASUREMENTS, SCORES, ACTIONS, LISTS = "instructions", "measurements", "scores", "actions", "lists"
COMMITMENTS = "commitments"
SHEET_NAMES: dict[str, Text] = {
    INSTRUCTIONS: Text(nl="Toelichting", en="Instructions"),
    MEASUREMENTS: Text(nl="Metingen", en="Measurements"),
    SCORES: Text(nl="Samenwerkingsscore", en="Collaboration score"),
    COMMITMENTS: Text(nl="Toezeggingen", en="Commitments"),
    ACTIONS: Text(nl="Acties", en="Actions"),
    LISTS: Text(nl="Lijsten", en="Lists"),
}

LIST_STATUS, LIST_PARTY, LIST_KPI, LIST_COMMITMENT = "tpm_status", "tpm_party", "tpm_kpi", "tpm_commitment"

META_COLUMNS: tuple[str, ...] = ("record", "key", "value", "sheet", "row", "kpi", "period", "end", "party")
"""Record kinds: ``property`` (key, value), ``sheet`` (key, value = name), ``measurement`` (sheet, row,
kpi, period, end), ``score`` (sheet, row, period, end; one row holds both parties), ``commitment`` (sheet,
row, key = commitment ID, period, end), ``action`` (sheet, row, key = action ID)."""

PROPERTIES: tuple[str, ...] = (
    "workbook", "format", "reference", "revision", "language", "bidder_name", "bidder_kvk",
    "submission_sha256", "contract_start", "contract_end", "built",
)


@dataclass(frozen=True)
class Column:
    """A column: its key, header per language, width, and whether it is an input cell."""

    key: str
    header: Text
    width: float
    input: bool = False


_T = Text
COLUMNS: dict[str, tuple[Column, ...]] = {
    MEASUREMENTS: (
        Column("kpi", _T(nl="ID", en="ID"), 10),
        Column("title", _T(nl="Prestatie-indicator", en="Performance indicator"), 30),
        Column("period", _T(nl="Periode", en="Period"), 14),
        Column("start", _T(nl="Van", en="From"), 11),
        Column("end", _T(nl="Tot en met", en="To"), 11),
        Column("unit", _T(nl="Eenheid", en="Unit"), 11),
        Column("minimum", _T(nl="Minimumwaarde", en="Minimum"), 10),
        Column("norm", HEADING, 10),
        Column("target", _T(nl="Streefwaarde", en="Target"), 10),
        Column("value", _T(nl="Gemeten waarde", en="Measured value"), 13, input=True),
        Column("remark", _T(nl="Toelichting", en="Remark"), 44, input=True),
    ),
    SCORES: (
        Column("period", _T(nl="Kwartaal", en="Quarter"), 16),
        Column("start", _T(nl="Van", en="From"), 11),
        Column("end", _T(nl="Tot en met", en="To"), 11),
        Column("client", _T(nl="Score opdrachtgever", en="Client's score"), 12, input=True),
        Column("client_reasons", _T(nl="Toelichting opdrachtgever", en="Client's reasons"), 44, input=True),
        Column("contractor", _T(nl="Score opdrachtnemer", en="Contractor's score"), 12, input=True),
        Column("contractor_reasons", _T(nl="Toelichting opdrachtnemer", en="Contractor's reasons"), 44,
               input=True),
    ),
    COMMITMENTS: (
        Column("id", _T(nl="Toezegging", en="Commitment"), 20),
        Column("title", _T(nl="Onderwerp", en="Subject"), 34),
        Column("period", _T(nl="Kwartaal", en="Quarter"), 16),
        Column("start", _T(nl="Van", en="From"), 11),
        Column("end", _T(nl="Tot en met", en="To"), 11),
        Column("status", _T(nl="Status", en="Status"), 22, input=True),
        Column("evidence", _T(nl="Onderbouwing", en="Evidence"), 50, input=True),
    ),
    ACTIONS: (
        Column("id", _T(nl="ID", en="ID"), 10),
        Column("description", _T(nl="Actie of verbeterpunt", en="Action or improvement"), 40, input=True),
        Column("kpi", _T(nl="KPI", en="KPI"), 10, input=True),
        Column("party", _T(nl="Partij", en="Party"), 15, input=True),
        Column("owner", _T(nl="Eigenaar", en="Owner"), 18, input=True),
        Column("raised", _T(nl="Ingebracht op", en="Raised on"), 12, input=True),
        Column("due", _T(nl="Uiterste datum", en="Due date"), 12, input=True),
        Column("status", _T(nl="Status", en="Status"), 13, input=True),
        Column("done", _T(nl="Gereed op", en="Done on"), 12, input=True),
        Column("remark", _T(nl="Toelichting", en="Remark"), 30, input=True),
    ),
}


def column(sheet: str, key: str) -> int:
    """The 1-based column number of column ``key`` on ``sheet``."""
    return next(i for i, c in enumerate(COLUMNS[sheet], start=1) if c.key == key)


STATUS_LABELS: dict[str, Text] = {
    "open": _T(nl="Open", en="Open"),
    "in_progress": _T(nl="In uitvoering", en="In progress"),
    "done": _T(nl="Gereed", en="Done"),
    "cancelled": _T(nl="Vervallen", en="Cancelled"),
}

COMMITMENT_STATUS_LABELS: dict[str, Text] = {
    "fulfilled": _T(nl="Nagekomen", en="Fulfilled"),
    "partly": _T(nl="Deels nagekomen", en="Partly fulfilled"),
    "not_fulfilled": _T(nl="Niet nagekomen", en="Not fulfilled"),
    "not_applicable": _T(nl="Nog niet van toepassing", en="Not yet applicable"),
}
"""The statuses of a commitment per quarter, in the order of the drop-down list."""

WORDING: dict[str, Text] = {
    "title": _T(nl="Monitoring samenwerkingsafspraken", en="Monitoring of the collaboration agreement"),
    "reference": _T(nl="Kenmerk", en="Reference"),
    "contractor": _T(nl="Opdrachtnemer", en="Contractor"),
    "period": _T(nl="Looptijd", en="Contract period"),
    "how": _T(nl="Zo gebruikt u deze werkmap", en="How to use this workbook"),
    "step_measurements": _T(
        nl="Vul op het blad '{sheet}' na iedere meetperiode per prestatie-indicator de gemeten waarde in, "
           "in de eenheid van de indicator (een percentage als getal: 97,5). Laat de cel leeg als er niet "
           "is gemeten: een lege cel telt als 'niet gemeten', nooit als nul.",
        en="On the sheet '{sheet}', enter the measured value of each performance indicator after every "
           "measurement period, in the indicator's unit (a percentage as a number: 97.5). Leave the cell "
           "empty if nothing was measured: an empty cell counts as 'not measured', never as zero."),
    "step_scores": _T(
        nl="Vul op het blad '{sheet}' ieder kwartaal de score (1-10) van beide partijen voor de "
           "samenwerking in, met de redenen.",
        en="On the sheet '{sheet}', enter each quarter both parties' score (1-10) for the collaboration, "
           "with the reasons."),
    "step_commitments": _T(
        nl="Leg op het blad '{sheet}' ieder kwartaal per toezegging uit de inschrijving vast of die is "
           "nagekomen, deels nagekomen, niet nagekomen of nog niet van toepassing is, met de onderbouwing "
           "(verslag, rapportage, document). Een lege status telt als 'niet vastgelegd', nooit als nagekomen.",
        en="On the sheet '{sheet}', record each quarter for every commitment of the bid whether it was "
           "fulfilled, partly fulfilled, not fulfilled or is not yet applicable, with the evidence (minutes, "
           "report, document). An empty status counts as 'not recorded', never as fulfilled."),
    "step_actions": _T(
        nl="Houd op het blad '{sheet}' de acties en verbeterpunten bij: omschrijving, partij, eigenaar, "
           "uiterste datum en status.",
        en="On the sheet '{sheet}', keep the actions and improvements: description, party, owner, due "
           "date and status."),
    "step_import": _T(
        nl="Lees de werkmap in met 'tenderpack measure import'. Opnieuw inlezen vervangt de waarden per "
           "periode; eerdere waarden blijven als historie bewaard. Wijzig geen bladnamen, ID's of rijen.",
        en="Import the workbook with 'tenderpack measure import'. Importing again replaces the values per "
           "period; earlier values are kept as history. Do not change sheet names, IDs or rows."),
    "standard_note": _T(
        nl="Bindende norm: de waarde uit de samenwerkingsafspraken waaraan opdrachtnemer is gehouden (de "
           "minimumwaarde, de aangeboden waarde of de streefwaarde, zoals de aanbestedingsleidraad bepaalt). "
           "Onder de bindende norm geldt de malus; wie de bindende norm en de streefwaarde haalt, krijgt de "
           "bonus.",
        en="Binding standard: the value from the collaboration agreement the contractor is held to (the "
           "minimum, the offered value or the target, as the tender document sets). Below the binding "
           "standard the malus applies; meeting both the binding standard and the target earns the bonus."),
    "intro_measurements": _T(
        nl="Eén regel per prestatie-indicator per meetperiode. Vul alleen de gele cellen in.",
        en="One row per performance indicator per measurement period. Fill in the yellow cells only."),
    "intro_scores": _T(
        nl="Prestatiemeting samenwerking: beide partijen geven ieder kwartaal een rapportcijfer van 1 tot en "
           "met 10 voor houding en gedrag in de samenwerking, met de redenen.",
        en="Collaboration assessment: each quarter both parties give a score from 1 to 10 for attitude and "
           "behaviour in the collaboration, with the reasons."),
    "intro_commitments": _T(
        nl="De toezeggingen uit de inschrijving van opdrachtnemer (zie de samenwerkingsafspraken, hoofdstuk "
           "Toezeggingen uit de inschrijving). Eén regel per toezegging per kwartaal; vul alleen de gele cellen in.",
        en="The commitments of the contractor's bid (see the collaboration agreement, chapter Commitments from "
           "the bid). One row per commitment per quarter; fill in the yellow cells only."),
    "band_commitment": _T(nl="{id} · {title} · {cell}", en="{id} · {title} · {cell}"),
    "intro_actions": _T(
        nl="Besluiten, acties en verbeterpunten uit het overleg en de samenwerkingsevaluaties.",
        en="Decisions, actions and improvements from the meetings and the collaboration reviews."),
    "band": _T(nl="{id} {title} · {frequency} · {direction}", en="{id} {title} · {frequency} · {direction}"),
    "dv_title_value": _T(nl="Gemeten waarde", en="Measured value"),
    "dv_prompt_value": _T(nl="Gemeten waarde in {unit}: {bounds}. Leeg: niet gemeten.",
                          en="Measured value in {unit}: {bounds}. Empty: not measured."),
    "dv_error_value": _T(nl="De waarde moet een getal zijn: {bounds}.", en="The value must be a number: {bounds}."),
    "dv_title_score": _T(nl="Score 1-10", en="Score 1-10"),
    "dv_prompt_score": _T(nl="Een rapportcijfer van 1 tot en met 10, bijvoorbeeld 7,5.",
                          en="A score from 1 to 10, for example 7.5."),
    "dv_error_score": _T(nl="Een score ligt tussen 1 en 10.", en="A score lies between 1 and 10."),
    "dv_title_text": _T(nl="Tekst", en="Text"),
    "dv_prompt_text": _T(nl="Ten hoogste {n} tekens.", en="At most {n} characters."),
    "dv_error_text": _T(nl="Deze tekst is langer dan {n} tekens.", en="This text is longer than {n} characters."),
    "dv_title_date": _T(nl="Datum", en="Date"),
    "dv_prompt_date": _T(nl="Een datum (dd-mm-jjjj).", en="A date (dd-mm-yyyy)."),
    "dv_error_date": _T(nl="Vul een datum in van {low} t/m {high}.", en="Enter a date from {low} to {high}."),
    "dv_title_list": _T(nl="Keuze", en="Choice"),
    "dv_prompt_list": _T(nl="Kies uit de lijst.", en="Choose from the list."),
    "dv_error_list": _T(nl="Kies een waarde uit de lijst.", en="Choose a value from the list."),
    "bounds_between": _T(nl="{low} t/m {high}", en="{low} to {high}"),
    "bounds_at_least": _T(nl="ten minste {low}", en="at least {low}"),
    "bounds_at_most": _T(nl="ten hoogste {high}", en="at most {high}"),
    "bounds_any": _T(nl="een getal", en="any number"),
}


def wording(key: str, lang: Language, **values: object) -> str:
    """The workbook text ``key`` in ``lang`` with ``{placeholders}`` filled from ``values``."""
    text = WORDING[key].get(lang)
    return text.format(**values) if values else text


def sheet_name(key: str, lang: Language) -> str:
    """The name of the sheet with ``key`` in ``lang``."""
    return SHEET_NAMES[key].get(lang)
