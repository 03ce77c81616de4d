"""The commitments register: what every bidder committed to, across the bids of one tender.

One row per commitment of every current bid (see :func:`generator.agreement.commitments.bid_commitments`):
the award-criterion answers, requirement answers, promises on improvable terms, KPI offers, RACI letters
of the open activities, remarks and attachment references, each with its stable commitment ID and its
form cell. Written as .xlsx or CSV in the tender's language (headers, kinds, units, Ja/Nee), or as JSON
with stable English keys and native values. Bidder text is hostile: in .xlsx it is stored as a string
cell, never a formula; in CSV every text is quoted and every piece of it that a spreadsheet could read
as a formula is prefixed with an apostrophe (OWASP CSV injection): not only a text's start, but each
piece after a character that some program splits fields or lines at (``,``, ``;``, tab, ``"``, CR, LF).
Dutch Excel and LibreOffice split on ``;``, so the name ``Acme;=2*21;x`` would otherwise put a formula
in a cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from typing import Literal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from . import archive, labels
from .agreement.commitments import bid_commitments
from .errors import InputError, Location
from .form.package import save
from .form.xlsx import Styles, fit_rows, print_areas, print_setup, put
from .models.base import Language, Text
from .models.tender import Tender
from .store import Store

Format = Literal["xlsx", "csv", "json"]

COLUMNS: tuple[str, ...] = (
    "id", "bidder", "kvk", "submission_file", "kind", "source_id", "title", "commitment", "value", "unit",
    "tender_value", "target", "differs", "meets_minimum", "meets_target", "cell",
)
"""The columns of the register, in order; also the keys of each JSON record."""

HEADERS: dict[str, Text] = {
    "id": Text(nl="Toezegging-ID", en="Commitment ID"),
    "bidder": Text(nl="Inschrijver", en="Bidder"),
    "kvk": Text(nl="KvK-nummer", en="Chamber of Commerce number"),
    "submission_file": Text(nl="Inschrijvingsbestand", en="Bid file"),
    "kind": Text(nl="Soort", en="Kind"),
    "source_id": Text(nl="Bepaling", en="Clause"),
    "title": Text(nl="Onderwerp", en="Subject"),
    "commitment": Text(nl="Toezegging", en="Commitment"),
    "value": Text(nl="Waarde", en="Value"),
    "unit": Text(nl="Eenheid", en="Unit"),
    "tender_value": Text(nl="Leidraad of minimum", en="Tender or minimum"),
    "target": Text(nl="Streefwaarde", en="Target"),
    "differs": Text(nl="Afwijkend van leidraad", en="Differs from tender"),
    "meets_minimum": Text(nl="Haalt minimum", en="Meets minimum"),
    "meets_target": Text(nl="Haalt streefwaarde", en="Meets target"),
    "cell": Text(nl="Cel inschrijvingsformulier", en="Bid form cell"),
}
"""The header of each column in the .xlsx and CSV register, per language."""

KINDS: dict[str, Text] = {
    "criterion": Text(nl="Antwoord gunningscriterium", en="Award criterion answer"),
    "requirement": Text(nl="Antwoord eis", en="Requirement answer"),
    "promise": Text(nl="Toezegging (verbetering)", en="Promise (improvement)"),
    "kpi": Text(nl="KPI-aanbod", en="KPI offer"),
    "raci": Text(nl="Verantwoordelijkheden", en="Responsibilities"),
    "remark": Text(nl="Toelichting", en="Remark"),
    "attachment": Text(nl="Bijlage", en="Attachment"),
}
"""The kind of each commitment as the register shows it."""

TITLE = Text(nl="Toezeggingenregister", en="Commitments register")
"""The .xlsx register's title, followed by the tender reference."""

_HEADER_ROW = 3  # below the title and a blank row

# A position where a spreadsheet may start a field (the text's start, or after a separator, a quote or a
# line break), followed by spaces and a character that starts a formula (tab and CR: OWASP).
_FORMULA_PIECE = re.compile(r'(?:^|(?<=[,;\t"\r\n]))(?=[ ]*[=+\-@\t\r])')


def commitments(store: Store, reference: str) -> list[dict[str, object]]:
    """The register rows for tender ``reference``: current submissions only, bidder by bidder.

    Raises :class:`InputError` if the tender is not in the database.
    """
    tender = store.tender(reference)
    if tender is None:
        raise InputError("tender is not in the database (register it with build --db or import --spec)",
                         Location(item=reference))
    rows: list[dict[str, object]] = []
    for sub in store.submissions(reference):
        base = {"bidder": sub.bidder.name, "kvk": sub.bidder.kvk, "submission_file": sub.source.filename}
        for c in bid_commitments(tender, sub):
            rows.append({**base, "id": c.id, "kind": c.kind, "source_id": c.source_id, "title": c.title,
                         "commitment": c.text, "value": c.value, "unit": c.unit, "tender_value": c.tender_value,
                         "target": c.target, "differs": c.differs, "meets_minimum": c.meets_minimum,
                         "meets_target": c.meets_target, "cell": c.cell})
    return [{column: row.get(column) for column in COLUMNS} for row in rows]


def write_commitments(rows: list[dict[str, object]], fmt: Format, *, tender: Tender | None = None,
                      built: dt.datetime | None = None) -> bytes:
    """The register ``rows`` as ``fmt`` bytes (xlsx, csv with a UTF-8 BOM for Excel, or JSON).

    The .xlsx and CSV files are in the language of ``tender`` (Dutch without one): translated headers,
    kinds, units and frequencies, Ja/Nee for yes/no. JSON keeps the keys of :data:`COLUMNS` and the
    values as they are (``true``, ``"weekly"``, ``"working_days"``).
    """
    if fmt == "json":
        return (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    lang: Language = tender.language if tender is not None else "nl"
    headers = [HEADERS[c].get(lang) for c in COLUMNS]
    shown = [[_shown(column, row[column], row["kind"], lang) for column in COLUMNS] for row in rows]
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerow(headers)  # our own words: quoted only where needed
        writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
        for values in shown:
            writer.writerow([_csv_safe(v) for v in values])
        # Excel reads a CSV as the system code page unless it starts with a byte-order mark.
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    return _xlsx(headers, shown, lang, tender.reference if tender is not None else None,
                 built or dt.datetime(2000, 1, 1))


def _shown(column: str, value: object, kind: object, lang: Language) -> object:
    """A register value as the language's file shows it: Ja/Nee, labels for codes, numbers as numbers."""
    if isinstance(value, bool):
        return labels.label(labels.YES_NO, "yes" if value else "no", lang)
    if column == "kind" and isinstance(value, str):
        return KINDS[value].get(lang)
    if column == "unit" and isinstance(value, str):
        return labels.label(labels.UNIT, value, lang)
    if column in ("value", "tender_value") and kind == "promise" and value in labels.FREQUENCY:
        return labels.label(labels.FREQUENCY, value, lang)
    return value


def csv_text(value: str) -> str:
    """``value`` with an apostrophe before every piece that a spreadsheet could take for a formula:
    at its start and after each ``,`` ``;`` tab ``"`` CR or LF, a piece starting (after spaces) with
    ``=``, ``+``, ``-``, ``@``, tab or CR. ``"Acme;=2*21;x"`` -> ``"Acme;'=2*21;x"``."""
    return _FORMULA_PIECE.sub("'", value)


def _csv_safe(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    return value


def _xlsx(headers: list[str], rows: list[list[object]], lang: Language, reference: str | None,
          built: dt.datetime) -> bytes:
    """The register as one sheet: a title, the header row (repeated on every printed page, filtered,
    frozen) and a row per commitment, printed landscape one page wide."""
    wb = Workbook()
    styles = Styles(wb)
    ws = wb.active
    ws.title = "Commitments" if lang == "en" else "Toezeggingen"
    title = " ".join(filter(None, (TITLE.get(lang), reference)))
    put(ws.cell(1, 1), title)
    styles.apply(ws.cell(1, 1), "title")
    ws.row_dimensions[1].height = 24
    for c, header in enumerate(headers, start=1):
        put(ws.cell(_HEADER_ROW, c), header)
        styles.share(ws.cell(_HEADER_ROW, c), "header")
    text_col = COLUMNS.index("commitment") + 1
    for r, values in enumerate(rows, start=_HEADER_ROW + 1):
        for c, value in enumerate(values, start=1):
            put(ws.cell(r, c), value)  # bidder text: a string cell, never a formula
            styles.share(ws.cell(r, c), "shown")
    for c, header in enumerate(headers, start=1):
        width = 70 if c == text_col else max(12, min(40, len(header) + 4))
        ws.column_dimensions[get_column_letter(c)].width = width
    fit_rows(ws, _HEADER_ROW)
    ws.freeze_panes = f"A{_HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{_HEADER_ROW}:{get_column_letter(len(headers))}{_HEADER_ROW + len(rows)}"
    header = f"{_HEADER_ROW}:{_HEADER_ROW}"
    print_setup(ws, landscape=True, title_rows=header, footer_left=title, language=lang)
    print_areas(wb)
    wb.properties.created = wb.properties.modified = built
    wb.properties.creator, wb.properties.title = "tenderpack", title
    return archive.normalize(save(wb), built)
