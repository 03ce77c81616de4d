"""The layout of the bid-response form: the one contract between the form writer and the form parser.

Everything a parser needs to find its way back through a returned form lives here: the stable sheet
keys and their names per language, the columns of every sheet, the rows where headers and data start,
the metadata sheet's record scheme, the defined names, the custom document properties, the form format
version and the hash of the text shown to the bidder. The bilingual wording of the form is here too,
so that the writer holds no text of its own.

Sheets are found by *key*, never by position: the metadata sheet (:data:`META_SHEET`, the same name in
every language) holds a ``sheet`` record per key with the name it was written under, so a parser
detects a renamed sheet. Every answer row carries its ID visibly in column A and in an ``item`` record
of the metadata sheet, with its row number and the :func:`text_hash` of its shown cells, so rows that
were moved intact still map by ID and altered, inserted or deleted rows are detected. Between answer
rows a sheet may hold category rows (column A empty, the category in column B): they are no answer
rows and have no record.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..models.base import Language, Text
from ..text import format_number

FORM_FORMAT_VERSION = "1"
"""Raised whenever a parser of an older version could misread a form of this layout."""

HASH_SCHEME = "sha256-nfc-ws-v1"
"""Names the normalisation of :func:`text_hash`; stored in the metadata so a parser can refuse others."""

HEADER_ROW = 4
"""The row holding the column headers on every sheet with a table (rows 1-3: title, tender, intro)."""

FIRST_ROW = HEADER_ROW + 1
"""The first data row below the headers."""

META_SHEET = "_tenderpack"
"""The veryHidden metadata sheet; its name never depends on the language."""

# Stable sheet keys. A parser finds sheets through these keys and the metadata's sheet records.
INSTRUCTIONS = "instructions"
BIDDER = "bidder"
REQUIREMENTS = "requirements"
CRITERIA = "criteria"
KPIS = "kpis"
RACI = "raci"
PRICE = "price"
LISTS = "lists"

SHEET_NAMES: dict[str, Text] = {
    # Excel sheet names: at most 31 characters, none of : \ / ? * [ ] and no apostrophe at either end.
    INSTRUCTIONS: Text(nl="Instructies", en="Instructions"),
    BIDDER: Text(nl="Inschrijver", en="Bidder"),
    REQUIREMENTS: Text(nl="Eisen", en="Requirements"),
    CRITERIA: Text(nl="Gunningscriteria", en="Award criteria"),
    KPIS: Text(nl="KPI-aanbod", en="KPI offers"),
    RACI: Text(nl="Verantwoordelijkheden", en="Responsibilities"),
    PRICE: Text(nl="Prijs", en="Price"),
    LISTS: Text(nl="Lijsten", en="Lists"),
}
"""Sheet key -> name per language, in workbook order (the metadata sheet comes last)."""


def sheet_name(key: str, lang: Language) -> str:
    """The name of the sheet with ``key`` in ``lang`` (``KeyError`` for an unknown key)."""
    return SHEET_NAMES[key].get(lang)


# ---------------------------------------------------------------------------------------------------
# Columns

@dataclass(frozen=True)
class Column:
    """One column of a sheet's table.

    ``shown`` columns hold tender text and are hashed (:func:`row_hash`); ``answer`` columns are the
    unlocked cells the bidder fills. ``width`` is in Excel character units.
    """

    key: str
    header: Text
    width: float
    shown: bool = False
    answer: bool = False


ID_HEADER = Text(nl="ID", en="ID")
_ID = Column("id", ID_HEADER, 11, shown=True)
_FIELD_ID = Column("id", ID_HEADER, 21, shown=True)  # "bidder.signatory_role" fits on one line
_REMARK = Column("remark", Text(nl="Toelichting inschrijver", en="Bidder's remark"), 36, answer=True)

COLUMNS: dict[str, tuple[Column, ...]] = {
    BIDDER: (
        _FIELD_ID,
        Column("field", Text(nl="Gegeven", en="Detail"), 34, shown=True),
        Column("answer", Text(nl="Uw gegevens", en="Your details"), 50, answer=True),
    ),
    REQUIREMENTS: (
        _ID,
        Column("title", Text(nl="Eis", en="Requirement"), 28, shown=True),
        Column("text", Text(nl="Omschrijving", en="Description"), 62, shown=True),
        Column("asked", Text(nl="Gevraagd antwoord", en="Answer asked"), 22, shown=True),
        Column("answer", Text(nl="Uw antwoord", en="Your answer"), 24, answer=True),
        _REMARK,
    ),
    CRITERIA: (
        _ID,
        Column("title", Text(nl="Gunningscriterium", en="Award criterion"), 24, shown=True),
        Column("text", Text(nl="Omschrijving", en="Description"), 50, shown=True),
        Column("weight", Text(nl="Weging / waarde", en="Weight / value"), 13, shown=True),
        Column("answer", Text(nl="Uw antwoord", en="Your answer"), 58, answer=True),
        Column("attachment", Text(nl="Bijlage (bestandsnaam)", en="Attachment (file name)"), 22, answer=True),
    ),
    KPIS: (
        _ID,
        Column("title", Text(nl="Prestatie-indicator", en="Performance indicator"), 24, shown=True),
        Column("text", Text(nl="Omschrijving en definitie", en="Description and definition"), 46, shown=True),
        Column("unit", Text(nl="Eenheid", en="Unit"), 11, shown=True),
        Column("direction", Text(nl="Richting", en="Direction"), 12, shown=True),
        Column("minimum", Text(nl="Minimum", en="Minimum"), 10, shown=True),
        Column("target", Text(nl="Streefwaarde", en="Target"), 13, shown=True),
        Column("answer", Text(nl="Uw aanbod", en="Your offer"), 13, answer=True),
        _REMARK,
    ),
    RACI: (
        _ID,
        Column("title", Text(nl="Activiteit", en="Activity"), 34, shown=True),
        Column("description", Text(nl="Toelichting", en="Description"), 38, shown=True),
        Column("fixed", Text(nl="Vast of open", en="Fixed or open"), 10, shown=True),
        Column("client", Text(nl="Opdrachtgever", en="Client"), 14, answer=True),
        Column("contractor", Text(nl="Opdrachtnemer", en="Contractor"), 14, answer=True),
        Column("joint", Text(nl="Gezamenlijk", en="Joint"), 13, answer=True),
        Column("third_party", Text(nl="Derde partij", en="Third party"), 13, answer=True),
        _REMARK,
    ),
    PRICE: (
        _FIELD_ID,
        Column("field", Text(nl="Prijsonderdeel", en="Price item"), 48, shown=True),
        Column("answer", Text(nl="Uw prijs (euro, excl. btw)", en="Your price (euro, excl. VAT)"), 24,
               answer=True),
    ),
}
"""Sheet key -> its columns, in order from column A."""

RACI_PARTIES = ("client", "contractor", "joint", "third_party")
"""The RACI sheet's party columns, in column order (the same codes as the models' ``Party``)."""


def column_index(sheet: str, key: str) -> int:
    """The 1-based column number of column ``key`` on sheet ``sheet``."""
    for index, column in enumerate(COLUMNS[sheet], start=1):
        if column.key == key:
            return index
    raise KeyError(f"{sheet} has no column {key!r}")


def shown_columns(sheet: str) -> list[int]:
    """The 1-based numbers of the columns whose cells :func:`row_hash` covers on sheet ``sheet``."""
    return [i for i, column in enumerate(COLUMNS[sheet], start=1) if column.shown]


# ---------------------------------------------------------------------------------------------------
# Answer types, bidder fields and the price sheet

# The answer types of the metadata's item records: the clause answers of generator.models.clause
# ("confirm", "choice", "number", "text", "date", "raci") plus the form's own:
KPI_OFFER = "kpi_offer"        # a KPI with offer_allowed: the bidder offers a value
KPI_ACCEPT = "kpi_accept"      # a KPI without: the bidder accepts minimum and target with Ja/Nee
RACI_ROLES = "raci_roles"      # a row of the responsibility matrix: letters per party
KVK = "kvk"                    # a chamber-of-commerce number: 8 digits
EMAIL = "email"
PRICE_EUR = "price_eur"        # an amount in euro excluding VAT, greater than zero


@dataclass(frozen=True)
class Field:
    """A fixed question of the form (bidder details, price) with its ID and answer type."""

    id: str
    label: Text
    answer_type: str
    max_length: int | None = None


BIDDER_FIELDS: tuple[Field, ...] = (
    Field("bidder.name", Text(nl="Statutaire naam inschrijver", en="Registered name of the tenderer"),
          "text", 200),
    Field("bidder.kvk", Text(nl="KvK-nummer (8 cijfers)", en="Chamber of Commerce number (8 digits)"), KVK),
    Field("bidder.address", Text(nl="Adres (straat, huisnummer, postcode, plaats)",
                                 en="Address (street, number, postcode, town)"), "text", 300),
    Field("bidder.contact", Text(nl="Contactpersoon", en="Contact person"), "text", 120),
    Field("bidder.email", Text(nl="E-mailadres contactpersoon", en="Contact email address"), EMAIL, 254),
    Field("bidder.phone", Text(nl="Telefoonnummer contactpersoon", en="Contact phone number"), "text", 30),
    Field("bidder.signatory", Text(nl="Naam tekenbevoegde", en="Name of the authorised signatory"),
          "text", 120),
    Field("bidder.signatory_role", Text(nl="Functie tekenbevoegde", en="Position of the signatory"),
          "text", 120),
    Field("bidder.place", Text(nl="Plaats van ondertekening", en="Place of signature"), "text", 120),
    Field("bidder.date", Text(nl="Datum van ondertekening", en="Date of signature"), "date"),
)
"""The rows of the bidder sheet, in order. IDs are lower-case with a dot: they never clash with clause IDs."""

PRICE_FIELDS: tuple[Field, ...] = (
    Field("price.total", Text(nl="Totaalprijs voor de gehele contractduur, exclusief btw",
                              en="Total price for the whole contract term, excluding VAT"), PRICE_EUR),
)
"""The rows of the price sheet (present when the tender's award has ``price_sheet``)."""

REMARK_MAX_LENGTH = 2000
ATTACHMENT_MAX_LENGTH = 255
RACI_COMBINATIONS: tuple[str, ...] = (
    "R", "A", "C", "I", "RA", "RC", "RI", "AC", "AI", "CI", "RAC", "RAI", "RCI", "ACI", "RACI",
)
"""Every non-empty RACI letter combination, letters in R, A, C, I order (blank: not involved)."""

# ---------------------------------------------------------------------------------------------------
# Lists, defined names and document properties

LIST_YES_NO = "tp_list_yes_no"
LIST_RACI = "tp_list_raci"
NAME_REFERENCE = "tp_reference"
NAME_REVISION = "tp_revision"
NAME_FORMAT = "tp_form_format"

PROP_REFERENCE = "tenderpack.reference"
PROP_REVISION = "tenderpack.revision"
PROP_FORMAT = "tenderpack.form_format"
PROP_LANGUAGE = "tenderpack.language"


def choice_list_name(item_id: str) -> str:
    """The defined name of the option list of choice item ``item_id`` (``REQ-05`` -> ``tp_list_REQ_05``).

    Defined names may not contain ``-`` and must not read as a cell reference (``KPI01`` is one: column
    KPI exists), hence the ``tp_list_`` prefix.
    """
    return "tp_list_" + re.sub(r"[^A-Za-z0-9_]", "_", item_id)


# ---------------------------------------------------------------------------------------------------
# The metadata sheet

META_COLUMNS: tuple[str, ...] = (
    "record", "key", "value", "label", "sheet", "row", "column", "answer_type", "hash", "unit", "direction",
    "minimum", "target", "low", "high", "decimals", "max_length", "fixed", *RACI_PARTIES,
)
"""The header row of the metadata sheet; every record is one row under it. Record kinds:

- ``property``: ``key``, ``value`` (see :data:`META_PROPERTIES`).
- ``sheet``: ``key`` the sheet key, ``value`` the sheet name written.
- ``item``: an answer row. ``key`` the ID, ``sheet`` the sheet key, ``row`` its row number, ``column``
  the answer column letter(s) (``"E"``, ``"E:H"`` for a RACI row, empty when the row points elsewhere),
  ``answer_type``, ``hash`` the :func:`row_hash` of the shown cells; then what the type needs: ``unit``,
  ``direction``, ``minimum``, ``target``, ``low``, ``high`` (bounds, empty when open), ``decimals``,
  ``max_length``, ``fixed`` (1/0) and the default letters per party of a RACI row.
- ``option``: ``key`` the choice item's ID, ``value`` the option key, ``label`` the option as shown in
  the drop-down list (what the bidder's cell holds).
"""

META_PROPERTIES: tuple[str, ...] = (
    "form_format", "hash_scheme", "reference", "revision", "language", "title", "library_name",
    "library_version", "built", "header_row", "first_row",
)
"""The ``property`` records, in order."""


def meta_column(key: str) -> int:
    """The 1-based column number of metadata field ``key``."""
    return META_COLUMNS.index(key) + 1


# ---------------------------------------------------------------------------------------------------
# The hash of the text shown to the bidder

def normalize_part(value: object) -> str:
    """One shown cell value in the canonical form :func:`text_hash` hashes.

    Text: Unicode NFC, every run of whitespace (line breaks included) one space, stripped; spreadsheet
    programs may re-wrap or re-encode text without changing what it says. Numbers: 12 significant
    digits, so ``99.8``, ``99.80000000000001`` (float artefacts of a re-save) and the integer ``5`` read
    as ``5.0`` all agree. ``None`` (an empty cell) is the empty string; a ``bool`` is rejected.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a shown value")
    if isinstance(value, (int, float)):
        return format(float(value), ".12g")
    text = str(value)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # str.split() splits on exactly the characters the regular expression \s matches (str.isspace()),
    # and is several times faster than re.sub on the parser's hot path.
    return " ".join(text.split())


def text_hash(parts: Iterable[object]) -> str:
    """SHA-256 (hex) of the shown values ``parts``, each normalised by :func:`normalize_part`.

    Parts are joined with U+001F (unit separator), which no cell can hold (XML 1.0 forbids it), so
    moving text from one cell to the next changes the hash.
    """
    joined = "\x1f".join(normalize_part(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def row_hash(sheet: str, row_values: dict[int, object]) -> str:
    """The hash of one answer row: :func:`text_hash` over its :func:`shown_columns`, in column order.

    ``row_values`` maps 1-based column numbers to cell values; a missing column counts as empty.
    """
    return text_hash(row_values.get(col) for col in shown_columns(sheet))


# ---------------------------------------------------------------------------------------------------
# Wording. Placeholders in braces are filled with str.format by the writer.

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
           "haalt, of bevestig een vaste norm met 'Ja'. Uw aanbod wordt de contractuele norm.",
        en="On the sheet '{sheet}', offer a value for each performance indicator that meets at least the "
           "minimum, or confirm a fixed level with 'Yes'. Your offer becomes the contractual level.",
    ),
    "step_raci": _T(
        nl="Vul op het blad '{sheet}' per activiteit de rollen per partij in. Per activiteit is precies "
           "één partij A en ten minste één partij R. Grijze rijen staan vast.",
        en="On the sheet '{sheet}', enter the roles per party for each activity. Each activity has exactly "
           "one party A and at least one party R. Grey rows are fixed.",
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
        nl="Uw aanbod moet ten minste het minimum halen in de richting van de indicator en wordt uw "
           "contractuele norm.",
        en="Your offer must meet at least the minimum in the indicator's direction and becomes your "
           "contractual level.",
    ),
    "intro_raci": _T(
        nl="Precies één A en ten minste één R per activiteit. Grijze rijen staan vast; open rijen zijn met "
           "het voorstel van de aanbestedende dienst ingevuld en mag u aanpassen.",
        en="Exactly one A and at least one R per activity. Grey rows are fixed; open rows hold the "
           "contracting authority's proposal, which you may change.",
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
        nl="Bied een waarde aan in {unit}, {direction}: {bounds}. Minimum {minimum}, streefwaarde {target}.",
        en="Offer a value in {unit}, {direction}: {bounds}. Minimum {minimum}, target {target}.",
    ),
    "dv_error_kpi": _T(
        nl="Uw aanbod moet een getal zijn van {bounds} ({unit}).",
        en="Your offer must be a number {bounds} ({unit}).",
    ),
    "dv_title_accept": _T(nl="Vaste norm", en="Fixed level"),
    "dv_prompt_accept": _T(
        nl="Deze norm staat vast. Kies Ja om minimum {minimum} en streefwaarde {target} ({unit}) te "
           "aanvaarden.",
        en="This level is fixed. Choose Yes to accept minimum {minimum} and target {target} ({unit}).",
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
    "footer_page": _T(nl="Pagina &P van &N", en="Page &P of &N"),
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
