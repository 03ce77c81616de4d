"""The layout of the committee's scoring workbook: the one contract between its writer and its reader.

The scoring sheet has one row per admitted bid and award criterion, grouped per bidder under a band
row naming the bidder. Columns A-F show the bid (bidder, criterion ID, title, weight or value, the
answer and its attachment) and are hashed; then one score column per evaluator, the consensus score
and its motivation: the only cells the committee can edit. A second sheet lists each criterion's
scale. A third lists the possible reservations with the committee's decision and motivation. The
veryHidden metadata sheet :data:`META_SHEET` holds the tender reference and revision and, per row, the
bidder key, criterion ID (or reserved item) and the hash of the shown cells.

The reader never trusts that metadata for *what* a row should show: it recomputes the rows from the
tender and the stored submissions with :func:`scoring_rows`, exactly as the writer did, and uses the
metadata only to find them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..characters import clean
from ..form.layout import text_hash
from ..form.xlsx import EXCEL_MAX_TEXT
from ..models.base import Language, Text
from ..models.evaluation import ComplianceMatrix
from ..models.submission import Answer, Submission
from ..models.tender import Criterion, Tender
from ..records import bidder_key
from ..text import format_euro, format_number
from .reservations import found

FORMAT_VERSION = "1"
"""Raised whenever a reader of an older version could misread a scoring workbook of this layout."""

META_SHEET = "_tenderpack_scoring"
"""The veryHidden metadata sheet; another name than the bid form's, so neither is taken for the other."""

SCORING = "scoring"
SCALE = "scale"
RESERVATIONS = "reservations"
SHEET_NAMES: dict[str, Text] = {
    SCORING: Text(nl="Beoordeling", en="Scoring"),
    SCALE: Text(nl="Beoordelingsschaal", en="Scoring scale"),
    RESERVATIONS: Text(nl="Voorbehouden", en="Reservations"),
}

RESERVATION_COLUMNS = ("name", "item", "found", "decision", "motivation")
"""The reservations sheet: bidder, item, the parser's findings (hashed), then the committee's decision
and motivation (the only editable cells)."""
RESERVATION_SHOWN = 3
DECISIONS: dict[str, Text] = {
    "not_material": Text(nl="niet wezenlijk", en="not material"),
    "material": Text(nl="wezenlijk: ongeldig", en="material: invalid"),
}
"""The decision list of the reservations sheet, per decision code."""

HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
SHOWN_COLUMNS = 6
"""Columns A-F show the bid and are hashed; the evaluator columns follow."""
MAX_EVALUATORS = 10

META_COLUMNS: tuple[str, ...] = ("record", "key", "value", "bidder", "criterion", "row", "hash")
"""The metadata sheet's header row. Records: ``property`` (``key``, ``value``), ``sheet`` (``key`` the
sheet key, ``value`` its name), ``row`` (``bidder`` key, ``criterion`` ID, ``row`` number, ``hash``) and
``reservation`` (``bidder`` key, the item in ``criterion``, ``row`` on the reservations sheet, ``hash``)."""

# SpreadsheetML escapes characters as _xHHHH_ (ECMA-376 Part 1, 22.9.2.19); a literal "_x0041_" in a
# bidder's text must be written with its underscore escaped, or Excel and the reader show "A".
_ESCAPE_LIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def column(key: str, evaluators: int) -> int:
    """The 1-based column of ``name``, ``id``, ``title``, ``weight``, ``answer``, ``attachment``,
    ``consensus`` or ``motivation``; evaluator ``n`` (1-based) is in column ``SHOWN_COLUMNS + n``."""
    fixed = ("name", "id", "title", "weight", "answer", "attachment")
    if key in fixed:
        return fixed.index(key) + 1
    return SHOWN_COLUMNS + evaluators + {"consensus": 1, "motivation": 2}[key]


def widths(evaluators: int) -> list[float]:
    """Column widths of the scoring sheet in Excel character units."""
    return [22.0, 10.0, 24.0, 12.0, 70.0, 18.0] + [13.0] * evaluators + [16.0, 50.0]


@dataclass(frozen=True)
class Row:
    """One scoring row: the bidder (key and name), the criterion, the values of the shown columns and
    their :func:`~generator.form.layout.text_hash`."""

    bidder: str
    name: str
    criterion: Criterion
    shown: tuple[str, ...]
    hash: str


def scoring_rows(tender: Tender, matrix: ComplianceMatrix, submissions: list[Submission]) -> list[Row]:
    """The rows of the scoring workbook: every admitted bid of ``matrix`` (in its order) by every award
    criterion (in tender order). Shown texts are made storable (see :func:`cell_text`)."""
    by_key = {bidder_key(s): s for s in submissions}
    rows = []
    for bid in matrix.rows:
        if not bid.admitted:
            continue
        answers = {a.id: a for a in by_key[bid.bidder].answers if a.kind == "award_criterion"}
        for criterion in tender.criteria:
            answer = answers.get(criterion.id)
            shown = tuple(cell_text(v) for v in (
                bid.name, criterion.id, criterion.title, weight_text(criterion, tender.language),
                answer_text(answer), (answer.attachment if answer else None) or ""))
            rows.append(Row(bid.bidder, bid.name, criterion, shown, text_hash(shown)))
    return rows


@dataclass(frozen=True)
class ReservationRow:
    """One row of the reservations sheet: the bidder (key and name), the item, the shown values and their
    :func:`~generator.form.layout.text_hash`."""

    bidder: str
    name: str
    item: str
    shown: tuple[str, ...]
    hash: str


def reservation_rows(matrix: ComplianceMatrix) -> list[ReservationRow]:
    """The rows of the reservations sheet: every possible reservation of a bid not set aside otherwise,
    bidders in matrix order; the findings at one item share a row."""
    rows = []
    for bid in matrix.rows:
        if not bid.admitted:
            continue
        for item, notes in found(bid).items():
            text = "\n".join(f"{n.message} ({n.cell})" if n.cell else n.message for n in notes)
            shown = tuple(cell_text(v) for v in (bid.name, item, text))
            rows.append(ReservationRow(bid.bidder, bid.name, item, shown, text_hash(shown)))
    return rows


def decision_code(value: str) -> str | None:
    """The decision code of a decision cell as typed (either language's label or the code, case and
    spacing ignored); ``None`` when it is none of them."""
    plain = " ".join(value.casefold().split())
    for code, label in DECISIONS.items():
        if plain in (code, code.replace("_", " "), label.nl, label.en):
            return code
    return None


def answer_text(answer: Answer | None) -> str:
    """The answer as the bidder typed it (``raw``), else its value as text; ``""`` when unanswered."""
    if answer is None:
        return ""
    if answer.raw is not None:
        return answer.raw
    return "" if answer.value is None else str(answer.value)


def weight_text(criterion: Criterion, lang: Language) -> str:
    """``30%`` for a weighted criterion, ``€ 250.000,00`` for one with a euro value."""
    if criterion.weight is not None:
        return f"{format_number(criterion.weight, lang)}%"
    if criterion.value_eur is not None:
        return format_euro(criterion.value_eur, lang)
    return ""


def cell_text(text: str) -> str:
    """``text`` as a cell can hold it: unsafe characters (:func:`~generator.characters.clean`: XML-illegal,
    control and bidirectional ones) become U+FFFD, and text is cut to fit Excel's cell limit once escaped
    (see :func:`escape`)."""
    text = clean(text)
    if len(escape(text)) <= EXCEL_MAX_TEXT:
        return text
    cut = len(text)
    while (excess := len(escape(text[:cut] + "…")) - EXCEL_MAX_TEXT) > 0:
        cut -= excess
    return text[:cut] + "…"


def escape(text: str) -> str:
    """``text`` as stored in SpreadsheetML: an underscore that would start a ``_xHHHH_`` escape is escaped."""
    return _ESCAPE_LIKE.sub("_x005F_", text)


def scale_name(criterion_id: str) -> str:
    """The defined name of a criterion's score list (``GOV-07`` -> ``tp_scale_GOV_07``)."""
    return "tp_scale_" + re.sub(r"[^A-Za-z0-9_]", "_", criterion_id)


_T = Text
WORDING: dict[str, Text] = {
    "title": _T(nl="Beoordeling gunningscriteria", en="Scoring of the award criteria"),
    "intro": _T(
        nl="Iedere beoordelaar scoort eerst zelfstandig iedere rij in zijn eigen kolom, op de schaal van het "
           "blad '{scale}'. Daarna stelt de commissie per rij de consensusscore vast en motiveert die: de "
           "motivering komt in de gunningsbeslissing. Alleen de gele cellen zijn invulbaar.",
        en="Each evaluator first scores every row alone, in their own column, on the scale of the sheet "
           "'{scale}'. The committee then agrees the consensus score of each row and gives its reasons: "
           "they go into the award decision. Only the yellow cells can be edited."),
    "name": _T(nl="Inschrijver", en="Bidder"),
    "id": _T(nl="ID", en="ID"),
    "criterion": _T(nl="Gunningscriterium", en="Award criterion"),
    "weight": _T(nl="Weging / waarde", en="Weight / value"),
    "answer": _T(nl="Antwoord inschrijver", en="Bidder's answer"),
    "attachment": _T(nl="Bijlage", en="Attachment"),
    "evaluator": _T(nl="Beoordelaar {number}", en="Evaluator {number}"),
    "consensus": _T(nl="Consensusscore", en="Consensus score"),
    "motivation": _T(nl="Motivering consensusscore", en="Reasons for the consensus score"),
    "scale_title": _T(nl="Beoordelingsschaal", en="Scoring scale"),
    "scale_intro": _T(
        nl="De scores per gunningscriterium met hun omschrijving, zoals gepubliceerd in het "
           "aanbestedingsdocument. Alleen deze scores zijn toegestaan.",
        en="The scores of each award criterion with their descriptors, as published in the tender "
           "document. Only these scores are allowed."),
    "score": _T(nl="Score", en="Score"),
    "descriptor": _T(nl="Omschrijving", en="Descriptor"),
    "share": _T(nl="Deel van de waarde", en="Share of the value"),
    "dv_title": _T(nl="Score", en="Score"),
    "dv_prompt": _T(nl="Kies een score van de schaal: {steps} (zie het blad '{scale}').",
                    en="Choose a score from the scale: {steps} (see the sheet '{scale}')."),
    "dv_error": _T(nl="Alleen een score van de gepubliceerde schaal is toegestaan: {steps}.",
                   en="Only a score from the published scale is allowed: {steps}."),
    "reservations_title": _T(nl="Beslissingen over voorbehouden", en="Decisions on reservations"),
    "reservations_intro": _T(
        nl="Het inschrijvingsformulier signaleert bij deze inschrijvingen een mogelijk voorbehoud. Een "
           "inschrijving met een wezenlijk voorbehoud is ongeldig en wordt terzijde gelegd. De commissie "
           "beslist per voorbehoud of het wezenlijk is en motiveert die beslissing; zolang een voorbehoud "
           "niet is beslist, is de inschrijving in beoordeling en wordt niet gerangschikt.",
        en="The bid form flags a possible reservation in these bids. A bid with a material reservation is "
           "invalid and is set aside. The committee decides for each reservation whether it is material "
           "and gives its reasons; as long as a reservation is not decided, the bid is under review and "
           "is not ranked."),
    "item": _T(nl="Onderdeel", en="Item"),
    "found": _T(nl="Gesignaleerd voorbehoud", en="Possible reservation"),
    "decision": _T(nl="Beslissing commissie", en="Committee's decision"),
    "decision_motivation": _T(nl="Motivering beslissing", en="Reasons for the decision"),
    "dv_decision_title": _T(nl="Beslissing", en="Decision"),
    "dv_decision_prompt": _T(nl="Kies: {choices}.", en="Choose: {choices}."),
    "dv_decision_error": _T(nl="Kies een beslissing uit de lijst: {choices}.",
                            en="Choose a decision from the list: {choices}."),
    "revision": _T(nl="Revisie", en="Revision"),
}
"""Every text of the scoring workbook, per language."""


def wording(key: str, lang: Language, **values: object) -> str:
    """The text ``key`` in ``lang`` with ``{placeholders}`` filled from ``values``."""
    text = WORDING[key].get(lang)
    return text.format(**values) if values else text


def sheet_name(key: str, lang: Language) -> str:
    """The name of sheet ``key`` (:data:`SCORING`, :data:`SCALE` or :data:`RESERVATIONS`) in ``lang``."""
    return SHEET_NAMES[key].get(lang)
