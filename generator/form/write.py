"""Write the bid-response form (.xlsx) of a tender.

The form is the one file every tenderer fills and returns. Its layout (sheet keys and names, columns,
metadata records, defined names, the hash of the shown text) is defined in :mod:`generator.form.layout`,
which the parser of returned forms reads too; this module puts the tender into that layout, sheet by
sheet, on a :class:`generator.form.book.FormBook`.
"""

from __future__ import annotations

import datetime as dt

from openpyxl.packaging.custom import IntProperty, StringProperty
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName

from .. import labels
from ..models.tender import Criterion, Item, Tender
from ..text import format_date, format_datetime, format_euro, format_number
from . import layout as L
from .answers import asked, field_answer, item_answer, kpi_answer, promise_answer, remark_cell, text_cell
from .book import FormBook
from .wording import wording
from .xlsx import number_format, put


def write_form(tender: Tender, *, built: dt.datetime) -> bytes:
    """The bid-response form of ``tender`` as .xlsx bytes, in ``tender.language``.

    Sheets: instructions, bidder details, requirements, award criteria, KPI offers, responsibilities,
    promises (the terms a bidder may improve on) and price; a group the tender does not have (no KPIs, no price sheet) gets no sheet. Then the
    hidden lists sheet and the veryHidden metadata sheet (see :mod:`generator.form.layout`).

    ``built`` is the build time: it becomes the workbook's created and modified dates and every zip
    entry's timestamp, so the same tender and ``built`` always give byte-identical bytes. A naive
    ``built`` is taken as UTC. Raises :class:`generator.errors.TenderpackError` when a text does not fit
    an Excel cell (more than 32,767 characters).
    """
    return _compose(tender, built).finish()


def form_metadata(tender: Tender) -> list[dict[str, object]]:
    """The records of the metadata sheet of ``tender``'s form, as :func:`write_form` writes them.

    Each record is a dict with ``record`` (the kind), ``key`` and fields of :data:`layout.META_FIELDS`;
    fields that are ``None`` or ``""`` here are left out of the sheet (see :func:`layout.meta_data`).
    The form is composed in memory but not serialised, so the item records, hashes included, are
    exactly those of a form written for ``tender``: the parser checks a returned form against these
    rather than against the form's own metadata, which a bidder could edit. The ``built`` property is
    left out.
    """
    return [r for r in _records(_compose(tender, dt.datetime(2000, 1, 1))) if r.get("key") != "built"]


def _compose(tender: Tender, built: dt.datetime) -> FormBook:
    """Every sheet of the form on a :class:`FormBook`, ready to finish."""
    book = FormBook(tender, built)
    _instructions(book)
    _fields(book, L.BIDDER, L.BIDDER_FIELDS, "intro_bidder")
    if tender.requirements:
        _items(book, L.REQUIREMENTS, tender.requirements)
    if tender.criteria:
        _items(book, L.CRITERIA, tender.criteria)
    if tender.kpis:
        _kpis(book)
    if tender.activities:
        _raci(book)
    if tender.improvable:
        _promises(book)
    if tender.award.price_sheet:
        _fields(book, L.PRICE, L.PRICE_FIELDS, "intro_price")
    _lists_sheet(book)
    _meta_sheet(book)
    _names_and_properties(book)
    return book


def _instructions(book: FormBook) -> None:
    """The first sheet: the tender's key facts, numbered steps and the colour legend."""
    t, lang = book.tender, book.lang
    ws = book.sheet(L.INSTRUCTIONS)
    widths = [30.0, 86.0]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    book.cell(ws, 1, 1, wording("form_title", lang), "title")
    ws.row_dimensions[1].height = 24
    book.merged_text(ws, 2, 2, t.title, "subtitle", sum(widths), 11, bold=True)
    contact = t.authority.contact
    deadline = format_datetime(t.dates.submission_deadline, lang)
    rows: list[tuple[str, str, str]] = [
        (wording("reference", lang), "label", t.reference),
        (wording("revision", lang), "label", f"{t.revision} ({format_date(t.revisions[-1].date, lang)})"),
        (wording("authority", lang), "label", t.authority.name),
        (wording("deadline", lang), "label", deadline),
        (wording("contact", lang), "label", f"{contact.name}, {contact.email}"),
    ]
    steps = [wording("step_cells", lang)]
    for sheet, present in ((L.BIDDER, True), (L.REQUIREMENTS, bool(t.requirements)),
                           (L.CRITERIA, bool(t.criteria)), (L.KPIS, bool(t.kpis)),
                           (L.RACI, bool(t.activities)), (L.PROMISES, bool(t.improvable)),
                           (L.PRICE, t.award.price_sheet)):
        if present:
            steps.append(wording(f"step_{sheet}", lang, sheet=L.sheet_name(sheet, lang)))
    steps += [wording("step_intact", lang), wording("step_reservations", lang),
              wording("step_submit", lang, deadline=deadline, contact=contact.email)]
    legend = [
        (wording("answer_sample", lang), "legend_answer", wording("legend_answer", lang)),
        (wording("fixed", lang), "fixed", wording("legend_fixed", lang)),
        ("R / A / C / I", "label", wording("legend_raci", lang)),
    ]
    row = 4
    for heading, block in ((None, rows),
                           (wording("instructions_heading", lang),
                            [(wording("step", lang, number=n), "label", s)
                             for n, s in enumerate(steps, 1)]),
                           (wording("legend_heading", lang), legend)):
        if heading:
            row += 1
            book.cell(ws, row, 1, heading, "heading")
            row += 1
        for label, style, text in block:
            book.cell(ws, row, 1, label, style)
            book.cell(ws, row, 2, text, "plain")
            book.fit(ws, row, widths)
            row += 1
    book.footer(ws, landscape=False, title_rows=None)


def _fields(book: FormBook, key: str, fields: tuple[L.Field, ...], intro: str) -> None:
    """A sheet of fixed questions (bidder details, price): one answer row per field."""
    ws = book.table(key, landscape=False, intro=wording(intro, book.lang))
    widths = [c.width for c in L.COLUMNS[key]]
    answer_col = L.column_index(key, "answer")
    for row, field in enumerate(fields, start=L.FIRST_ROW):
        book.cell(ws, row, 1, field.id, "id")
        book.cell(ws, row, 2, field.label.get(book.lang), "shown")
        field_answer(book, ws, ws.cell(row, answer_col), field)
        book.record(key, row, field.id, field.answer_type, get_column_letter(answer_col),
                    max_length=field.max_length)
        book.fit(ws, row, widths, 20.0)


def _weight(item: Criterion, lang: str) -> str:
    if item.weight is not None:
        return wording("weight_percent", lang, weight=format_number(item.weight, lang))
    if item.value_eur is not None:
        return format_euro(item.value_eur, lang)
    return ""


def _items(book: FormBook, key: str, items: list[Item]) -> None:
    """The requirements or award-criteria sheet: one answer row per item, category bands between."""
    lang = book.lang
    if key == L.REQUIREMENTS:
        intro = wording("intro_requirements", lang)
    else:
        method = labels.label(labels.METHOD, book.tender.award.method, lang)
        intro = wording("intro_criteria", lang, method=method)
    ws = book.table(key, landscape=True, intro=intro)
    widths = [c.width for c in L.COLUMNS[key]]
    answer_col = L.column_index(key, "answer")
    row = L.FIRST_ROW
    category = None
    for item in items:
        if item.category != category:
            category = item.category
            book.section(ws, row, category)
            row += 1
        book.cell(ws, row, 1, item.id, "id")
        book.cell(ws, row, 2, item.title, "shown")
        if key == L.REQUIREMENTS:
            assert item.answer is not None
            book.cell(ws, row, 3, item.text, "shown")
            book.cell(ws, row, 4, asked(item.answer, lang), "shown")
            remark_cell(book, ws, row, L.column_index(key, "remark"))
        else:
            assert isinstance(item, Criterion)
            text = item.text
            if item.evidence:
                text += f"\n\n{wording('evidence', lang)}: {item.evidence}"
            book.cell(ws, row, 3, text, "shown")
            book.cell(ws, row, 4, _weight(item, lang), "shown_center")
            text_cell(book, ws, ws.cell(row, L.column_index(key, "attachment")), L.ATTACHMENT_MAX_LENGTH)
        answer_type, column, fields = item_answer(book, ws, row, answer_col, item)
        book.record(key, row, item.id, answer_type, column, **fields)
        # An award criterion's answer is an essay: its yellow box gets room from the start.
        book.fit(ws, row, widths, 17.0 if key == L.REQUIREMENTS else 90.0)
        row += 1


def _kpis(book: FormBook) -> None:
    """The KPI sheet: unit, direction, minimum and target shown; the offered value validated."""
    lang = book.lang
    key = L.KPIS
    ws = book.table(key, landscape=True, intro=wording("intro_kpis", lang))
    widths = [c.width for c in L.COLUMNS[key]]
    answer_col = L.column_index(key, "answer")
    row = L.FIRST_ROW
    category = None
    for kpi in book.tender.kpis:
        if kpi.category != category:
            category = kpi.category
            book.section(ws, row, category)
            row += 1
        fmt = number_format(kpi.decimals)
        book.cell(ws, row, 1, kpi.id, "id")
        book.cell(ws, row, 2, kpi.title, "shown")
        book.cell(ws, row, 3, f"{kpi.text}\n\n{wording('definition', lang)}: {kpi.definition}", "shown")
        book.cell(ws, row, 4, labels.label(labels.UNIT, kpi.unit, lang), "shown_center")
        book.cell(ws, row, 5, labels.label(labels.DIRECTION, kpi.direction, lang), "shown_center")
        book.cell(ws, row, 6, kpi.minimum, "shown_center", fmt)
        book.cell(ws, row, 7, kpi.target, "shown_center", fmt)
        answer_type = kpi_answer(book, ws, ws.cell(row, answer_col), kpi)
        remark_cell(book, ws, row, L.column_index(key, "remark"))
        book.record(key, row, kpi.id, answer_type, get_column_letter(answer_col), unit=kpi.unit,
                    direction=kpi.direction, minimum=kpi.minimum, target=kpi.target, low=kpi.low,
                    high=kpi.high, decimals=kpi.decimals)
        book.fit(ws, row, widths)
        row += 1


def _raci(book: FormBook) -> None:
    """The responsibility matrix: fixed rows locked with their letters, open rows pre-filled and unlocked."""
    lang = book.lang
    key = L.RACI
    ws = book.table(key, landscape=True, intro=wording("intro_raci", lang))
    widths = [c.width for c in L.COLUMNS[key]]
    book.lists[L.LIST_RACI] = list(L.RACI_COMBINATIONS)
    first = L.column_index(key, L.RACI_PARTIES[0])
    span = f"{get_column_letter(first)}:{get_column_letter(first + len(L.RACI_PARTIES) - 1)}"
    row = L.FIRST_ROW
    category = None
    for activity in book.tender.activities:
        if activity.category != category:
            category = activity.category
            book.section(ws, row, category)
            row += 1
        book.cell(ws, row, 1, activity.id, "id")
        book.cell(ws, row, 2, activity.title, "shown")
        book.cell(ws, row, 3, activity.description or "", "shown")
        book.cell(ws, row, 4, wording("fixed" if activity.fixed else "open", lang), "shown_center")
        for offset, party in enumerate(L.RACI_PARTIES):
            letters = activity.roles.get(party, "") or None
            cell = book.cell(ws, row, first + offset, letters, "fixed" if activity.fixed else "answer_center")
            if not activity.fixed:
                book.validate(ws, cell, "list", "raci", L.LIST_RACI,
                              party=labels.label(labels.PARTY, party, lang).lower())
        remark_cell(book, ws, row, L.column_index(key, "remark"))
        book.record(key, row, activity.id, L.RACI_ROLES, span, fixed=int(activity.fixed),
                    **{party: activity.roles.get(party, "") for party in L.RACI_PARTIES})
        book.fit(ws, row, widths)
        row += 1


def _promises(book: FormBook) -> None:
    """The improvable terms: the tender's value shown, a better promise optional (blank: as tendered)."""
    lang = book.lang
    key = L.PROMISES
    ws = book.table(key, landscape=True, intro=wording("intro_promises", lang))
    widths = [c.width for c in L.COLUMNS[key]]
    answer_col = L.column_index(key, "answer")
    titles = {item.id: item.title for item in book.tender.requirements + book.tender.contract_clauses}
    for row, term in enumerate(book.tender.improvable, start=L.FIRST_ROW):
        book.cell(ws, row, 1, term.id, "id")
        book.cell(ws, row, 2, f"{term.clause_id} {titles.get(term.clause_id, '')}".strip(), "shown")
        answer_type, shown, asked_text, fields = promise_answer(book, ws, ws.cell(row, answer_col), term)
        book.cell(ws, row, 3, term.label, "shown")
        book.cell(ws, row, 4, shown, "shown_center")
        book.cell(ws, row, 5, asked_text, "shown")
        book.record(key, row, term.id, answer_type, get_column_letter(answer_col), **fields)
        book.fit(ws, row, widths)


def _lists_sheet(book: FormBook) -> None:
    """The hidden sheet holding every drop-down list, each behind a workbook defined name.

    Excel drops a list validation whose literal list exceeds 255 characters (X2), and a comma inside an
    option splits a literal list, so no list is ever written inline.
    """
    ws = book.sheet(L.LISTS)
    ws.sheet_state = "hidden"
    title = quote_sheetname(ws.title)
    for col, (name, values) in enumerate(book.lists.items(), start=1):
        letter = get_column_letter(col)
        book.cell(ws, 1, col, name, "label")
        for row, value in enumerate(values, start=2):
            book.cell(ws, row, col, value, "plain")
        ref = f"{title}!${letter}$2:${letter}${len(values) + 1}"
        book.wb.defined_names[name] = DefinedName(name, attr_text=ref)
        ws.column_dimensions[letter].width = max(12, min(60, max(len(v) for v in values) + 2))


def _records(book: FormBook) -> list[dict[str, object]]:
    """The metadata records: properties, the sheet-name map, then one record per answer row or option."""
    t = book.tender
    properties = {
        "form_format": L.FORM_FORMAT_VERSION, "hash_scheme": L.HASH_SCHEME, "reference": t.reference,
        "revision": t.revision, "language": t.language, "title": t.title, "library_name": t.library_name,
        "library_version": t.library_version, "built": book.built.isoformat(timespec="seconds"),
        "header_row": L.HEADER_ROW, "first_row": L.FIRST_ROW,
    }
    assert tuple(properties) == L.META_PROPERTIES
    records: list[dict[str, object]] = [{"record": "property", "key": k, "value": v}
                                        for k, v in properties.items()]
    records += [{"record": "sheet", "key": key, "value": sheet.title} for key, sheet in book.sheets.items()]
    return records + book.records


def _meta_sheet(book: FormBook) -> None:
    """The veryHidden metadata sheet holding :func:`_records`, one row each under a header row.

    Column A holds the record kind, B its key, C the JSON of its other fields (:func:`layout.meta_data`).
    """
    ws = book.wb.create_sheet(L.META_SHEET)
    # veryHidden: the Excel UI cannot unhide it (X7); LibreOffice re-saves it as "hidden".
    ws.sheet_state = "veryHidden"
    # Unstyled: nobody looks at this sheet, and every record costs a row of cells.
    for col, name in enumerate(L.META_HEADER, start=1):
        put(ws.cell(1, col), name)
    for row, record in enumerate(_records(book), start=2):
        put(ws.cell(row, 1), record["record"])
        put(ws.cell(row, 2), record["key"])
        data = L.meta_data(record)
        if data is not None:
            put(ws.cell(row, 3), data)


def _names_and_properties(book: FormBook) -> None:
    """Reference, revision and format version as defined names and custom properties (X8)."""
    t = book.tender
    wb = book.wb
    # A defined name may hold a constant; inside a formula string a double quote is written twice.
    constants = {L.NAME_REFERENCE: '"' + t.reference.replace('"', '""') + '"',
                 L.NAME_REVISION: str(t.revision),
                 L.NAME_FORMAT: f'"{L.FORM_FORMAT_VERSION}"'}
    for name, formula in constants.items():
        wb.defined_names[name] = DefinedName(name, attr_text=formula)
    wb.custom_doc_props.append(StringProperty(name=L.PROP_REFERENCE, value=t.reference))
    wb.custom_doc_props.append(IntProperty(name=L.PROP_REVISION, value=t.revision))
    wb.custom_doc_props.append(StringProperty(name=L.PROP_FORMAT, value=L.FORM_FORMAT_VERSION))
    wb.custom_doc_props.append(StringProperty(name=L.PROP_LANGUAGE, value=t.language))
    props = wb.properties
    props.title = f"{wording('form_title', book.lang)} {t.reference}"
    props.subject = t.title
    props.creator = "tenderpack"
    props.keywords = t.reference
    props.language = "nl-NL" if book.lang == "nl" else "en-GB"
