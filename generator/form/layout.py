"""The layout of the bid-response form: the one contract between the form writer and the form parser.

Everything a parser needs to find its way back through a returned form lives here: the stable sheet
keys and their names per language, the columns of every sheet, the rows where headers and data start,
the metadata sheet's record scheme, the defined names, the custom document properties, the form format
version and the hash of the text shown to the bidder. The bilingual wording of the form is in
:mod:`generator.form.wording`, so that the writer holds no text of its own.

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
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..models.base import Language, Text

FORM_FORMAT_VERSION = "4"
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
PROMISES = "promises"
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
    PROMISES: Text(nl="Toezeggingen", en="Promises"),
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
    PROMISES: (
        _FIELD_ID,
        Column("title", Text(nl="Bepaling", en="Clause"), 26, shown=True),
        Column("term", Text(nl="Onderdeel", en="Term"), 30, shown=True),
        Column("tender", Text(nl="Volgens leidraad", en="As tendered"), 18, shown=True),
        Column("asked", Text(nl="Mogelijke toezegging", en="Possible promise"), 24, shown=True),
        Column("answer", Text(nl="Uw toezegging", en="Your promise"), 18, answer=True),
    ),
    PRICE: (
        _FIELD_ID,
        Column("field", Text(nl="Prijsonderdeel", en="Price item"), 48, shown=True),
        Column("answer", Text(nl="Uw prijs (euro, excl. btw)", en="Your price (euro, excl. VAT)"), 24,
               answer=True),
    ),
}
"""Sheet key -> its columns, in order from column A."""

_SHOWN: dict[str, tuple[int, ...]] = {
    sheet: tuple(i for i, column in enumerate(columns, start=1) if column.shown)
    for sheet, columns in COLUMNS.items()
}

RACI_PARTIES = ("client", "contractor", "joint", "third_party")
"""The RACI sheet's party columns, in column order (the same codes as the models' ``Party``)."""


def column_index(sheet: str, key: str) -> int:
    """The 1-based column number of column ``key`` on sheet ``sheet``."""
    for index, column in enumerate(COLUMNS[sheet], start=1):
        if column.key == key:
            return index
    raise KeyError(f"{sheet} has no column {key!r}")


def shown_columns(sheet: str) -> tuple[int, ...]:
    """The 1-based numbers of the columns whose cells :func:`row_hash` covers on sheet ``sheet``."""
    return _SHOWN[sheet]


# ---------------------------------------------------------------------------------------------------
# Answer types, bidder fields and the price sheet

# The answer types of the metadata's item records: the clause answers of generator.models.clause
# ("confirm", "choice", "number", "text", "date", "raci") plus the form's own:
KPI_OFFER = "kpi_offer"        # a KPI with offer_allowed: the bidder offers a value
KPI_ACCEPT = "kpi_accept"      # a KPI without: the bidder accepts minimum and target with Ja/Nee
RACI_ROLES = "raci_roles"      # a row of the responsibility matrix: letters per party
PROMISE_NUMBER = "promise_number"        # an improvable parameter: a better number, or blank
PROMISE_FREQUENCY = "promise_frequency"  # an improvable meeting: a more frequent option, or blank
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

META_HEADER: tuple[str, ...] = ("record", "key", "data")
"""The header row of the metadata sheet; every record is one row under it: in column A the record
kind, in B its key and in C a JSON object of its other fields (see :data:`META_FIELDS` and
:func:`meta_data`). One text cell per record instead of a column per field keeps the sheet at three
cells a row, which is most of what writing and parsing a form cost when every field had a cell.
"""

META_FIELDS: tuple[str, ...] = (
    "value", "label", "sheet", "row", "column", "answer_type", "hash", "unit", "direction", "minimum",
    "target", "low", "high", "decimals", "max_length", "fixed", *RACI_PARTIES,
)
"""The fields a record's JSON object may hold, in the order they are written. Per record kind:

- ``property``: ``value`` (see :data:`META_PROPERTIES`).
- ``sheet``: ``value`` the sheet name written; the key is the sheet key.
- ``item``: an answer row; the key is its ID. ``sheet`` the sheet key, ``row`` its row number,
  ``column`` the answer column letter(s) (``"E"``, ``"E:H"`` for a RACI row, absent when the row points
  elsewhere), ``answer_type``, ``hash`` the :func:`row_hash` of the shown cells; then what the type
  needs: ``unit``, ``direction``, ``minimum``, ``target``, ``low``, ``high`` (bounds, absent when open;
  a requirement's number has ``minimum`` and ``direction`` when it carries a knock-out bound),
  ``decimals``, ``max_length``, ``fixed`` (1/0) and the default letters per party of a RACI row.
- ``option``: the key is the choice item's ID; ``value`` the option key, ``label`` the option as shown
  in the drop-down list (what the bidder's cell holds).

For example ``item | REQ-01 | {"sheet":"requirements","row":6,"column":"E","answer_type":"confirm",
"hash":"…"}``.
"""

META_PROPERTIES: tuple[str, ...] = (
    "form_format", "hash_scheme", "reference", "revision", "language", "title", "library_name",
    "library_version", "built", "header_row", "first_row",
)
"""The ``property`` records, in order."""


def meta_data(record: dict[str, object]) -> str | None:
    """The JSON text of column C of ``record``: its :data:`META_FIELDS` that are set, in that order.

    Compact, with non-ASCII text as is (the cell holds Unicode anyway), so that equal records always
    give equal text. Fields that are ``None`` or ``""`` are left out, as the parser reads an absent
    field as empty; ``None`` when no field is left. ``ValueError`` for a number that is not finite,
    which JSON cannot hold.
    """
    fields = {key: record[key] for key in META_FIELDS if record.get(key) not in (None, "")}
    if not fields:
        return None
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


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
