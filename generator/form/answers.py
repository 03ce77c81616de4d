"""Answer cells by answer type: the unlocked cell, its validation and what the metadata records of it.

Every answer cell is styled ``answer`` (yellow, unlocked) and gets exactly one data validation: a cell
can hold only one, so bounds and direction are folded into a single rule.
"""

from __future__ import annotations

import datetime as dt

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from .. import labels, norm
from ..models.clause import FREQUENCIES, UNIT_BOUNDS, Answer, NumberAnswer
from ..models.tender import Improvable, Item, Kpi
from ..text import format_date, format_number, format_term
from . import layout as L
from .book import FormBook
from .wording import bounds_text, wording
from .xlsx import date_formula, number_format, number_formula

DATE_FORMAT = "dd-mm-yyyy"
EURO_FORMAT = '"€" #,##0.00'
# The range a date answer of a requirement accepts; Excel's date validation needs both ends.
_DATE_RANGE = (dt.date(2000, 1, 1), dt.date(2099, 12, 31))


def number_range(answer: NumberAnswer) -> tuple[float | None, float | None]:
    """The bounds of a number answer: its own ``min``/``max``, else the unit's natural range (0 and up)."""
    natural = UNIT_BOUNDS.get(answer.unit, (0.0, None))
    low = answer.min if answer.min is not None else natural[0]
    high = answer.max if answer.max is not None else natural[1]
    return low, high


def range_rule(low: float | None, high: float | None) -> tuple[str, str | None, str]:
    """``formula1``, ``formula2`` and ``operator`` of a number validation for the bounds that are set."""
    if low is not None and high is not None:
        return number_formula(low), number_formula(high), "between"
    if low is not None:
        return number_formula(low), None, "greaterThanOrEqual"
    assert high is not None, "a number rule needs a bound"
    return number_formula(high), None, "lessThanOrEqual"


def asked(answer: Answer, lang: str) -> str:
    """The "answer asked" text shown next to a requirement, e.g. ``Getal (uur), 1 t/m 48``."""
    if answer.type == "number":
        low, high = number_range(answer)
        return wording("asked_number", lang, unit=labels.label(labels.UNIT, answer.unit, lang),
                         bounds=bounds_text(lang, low, high))
    if answer.type == "text":
        return wording("asked_text", lang, max_length=format_number(answer.max_length, lang))
    return wording(f"asked_{answer.type}", lang)


def text_cell(book: FormBook, ws: Worksheet, cell: Cell, max_length: int, fmt: str | None = None) -> None:
    """An unlocked free-text cell limited to ``max_length`` characters."""
    book.style(cell, "answer", fmt)
    book.validate(ws, cell, "textLength", "text", number_formula(max_length), operator="lessThanOrEqual",
                  max_length=max_length)


def date_cell(book: FormBook, ws: Worksheet, cell: Cell, low: dt.date, high: dt.date) -> None:
    """An unlocked date cell accepting ``low`` to ``high``, shown as dd-mm-yyyy."""
    book.style(cell, "answer", DATE_FORMAT)
    book.validate(ws, cell, "date", "date", date_formula(low), date_formula(high), "between",
                  low=format_date(low, book.lang), high=format_date(high, book.lang))


def item_answer(book: FormBook, ws: Worksheet, row: int, col: int, item: Item) -> tuple[str, str, dict]:
    """The answer cell of a requirement or award criterion, by its answer type.

    Returns the metadata's answer type, answer column letter (empty for a "raci" answer, which is
    given on the responsibilities sheet) and the type's extra metadata fields.
    """
    lang = book.lang
    answer = item.answer
    assert answer is not None, f"{item.id} asks nothing"
    letter = get_column_letter(col)
    cell = ws.cell(row, col)
    if answer.type == "confirm":
        book.style(cell, "answer_center")
        book.validate(ws, cell, "list", "confirm", L.LIST_YES_NO)
        return "confirm", letter, {}
    if answer.type == "choice":
        book.style(cell, "answer")
        name = L.choice_list_name(item.id)
        book.lists[name] = [text.get(lang) for text in answer.options.values()]
        book.records += [{"record": "option", "key": item.id, "value": code, "label": text.get(lang)}
                         for code, text in answer.options.items()]
        book.validate(ws, cell, "list", "choice", name)
        return "choice", letter, {}
    if answer.type == "number":
        return _number_answer(book, ws, cell, answer), letter, {
            "unit": answer.unit, "low": number_range(answer)[0], "high": number_range(answer)[1],
            "decimals": answer.decimals, **knockout_record(answer)}
    if answer.type == "text":
        text_cell(book, ws, cell, answer.max_length)
        return "text", letter, {"max_length": answer.max_length}
    if answer.type == "date":
        date_cell(book, ws, cell, *_DATE_RANGE)
        return "date", letter, {}
    target = L.sheet_name(L.RACI, lang)
    book.cell(ws, row, col, wording("see_sheet", lang, sheet=target), "link")
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(target)}!A1")
    return "raci", "", {}


def knockout_record(answer: NumberAnswer) -> dict[str, object]:
    """The metadata of a number answer's knock-out bound: ``minimum`` and the direction it holds in.

    Lower-is-better when the answer has a knock-out maximum (a number above it fails), else
    higher-is-better; empty when the answer has no knock-out bound.
    """
    if answer.knockout_max is not None:
        return {"minimum": answer.knockout_max, "direction": "lower_is_better"}
    if answer.knockout_min is not None:
        return {"minimum": answer.knockout_min, "direction": "higher_is_better"}
    return {}


def _number_answer(book: FormBook, ws: Worksheet, cell: Cell, answer: NumberAnswer) -> str:
    """A number cell; with a knock-out bound the validation stops at it and its message says why."""
    lang = book.lang
    low, high = number_range(answer)
    book.style(cell, "answer", number_format(answer.decimals))
    kind = "whole" if answer.decimals == 0 else "decimal"
    unit = labels.label(labels.UNIT, answer.unit, lang)
    knockout = knockout_record(answer)
    if not knockout:
        f1, f2, op = range_rule(low, high)
        book.validate(ws, cell, kind, "number", f1, f2, op, unit=unit, bounds=bounds_text(lang, low, high))
        return "number"
    bound = float(knockout["minimum"])  # type: ignore[arg-type]
    if knockout["direction"] == "higher_is_better":
        low = bound if low is None else max(low, bound)
    else:
        high = bound if high is None else min(high, bound)
    f1, f2, op = range_rule(low, high)
    key = "knockout_min" if knockout["direction"] == "higher_is_better" else "knockout_max"
    book.validate(ws, cell, kind, key, f1, f2, op, unit=unit,
                  bounds=bounds_text(lang, low, high), bound=format_number(bound, lang, answer.decimals))
    return "number"


def kpi_answer(book: FormBook, ws: Worksheet, cell: Cell, kpi: Kpi) -> str:
    """The offer cell of a KPI; returns its answer type (:data:`KPI_OFFER` or :data:`KPI_ACCEPT`).

    An offer must be at least the minimum in the KPI's direction and within its bounds: higher is
    better gives minimum..high, lower is better low..minimum. A KPI whose level cannot be offered
    otherwise is accepted with Ja/Nee instead.
    """
    lang = book.lang
    unit = labels.label(labels.UNIT, kpi.unit, lang)
    shown = lambda value: format_number(value, lang, kpi.decimals)  # noqa: E731
    levels = {"unit": unit, "minimum": shown(kpi.minimum), "target": shown(kpi.target),
              "norm": norm.kpi_statement(kpi, None, shown, lang)}
    if not kpi.offer_allowed:
        book.style(cell, "answer_center")
        book.validate(ws, cell, "list", "accept", L.LIST_YES_NO, **levels)
        return L.KPI_ACCEPT
    low, high = (kpi.minimum, kpi.high) if kpi.direction == "higher_is_better" else (kpi.low, kpi.minimum)
    book.style(cell, "answer_center", number_format(kpi.decimals))
    f1, f2, op = range_rule(low, high)
    book.validate(ws, cell, "decimal", "kpi", f1, f2, op, bounds=bounds_text(lang, low, high, kpi.decimals),
                  direction=labels.label(labels.DIRECTION, kpi.direction, lang), **levels)
    return L.KPI_OFFER


def promise_answer(book: FormBook, ws: Worksheet, cell: Cell, term: Improvable
                   ) -> tuple[str, str, str, dict[str, object]]:
    """The cell of an improvable term: blank keeps the tender's value, a promise must be at least as good.

    A parameter takes a number between the tender's value and the best it allows (``limit``), a
    meeting one of the frequencies from the tender's up to weekly. Returns the metadata's answer type,
    the tender's value and the promise asked as shown, and the type's extra metadata fields.
    """
    lang = book.lang
    if term.kind == "frequency":
        book.style(cell, "answer")
        name = L.choice_list_name(term.id)
        better = FREQUENCIES[:FREQUENCIES.index(term.value) + 1]  # type: ignore[arg-type]
        book.lists[name] = [labels.label(labels.FREQUENCY, f, lang) for f in better]
        book.records += [{"record": "option", "key": term.id, "value": f,
                          "label": labels.label(labels.FREQUENCY, f, lang)} for f in better]
        book.validate(ws, cell, "list", "choice", name)
        return L.PROMISE_FREQUENCY, format_term(term, term.value, lang), wording("asked_choice", lang), {}
    assert isinstance(term.value, (int, float)) and not isinstance(term.value, bool)
    low, high = (term.limit, term.value) if term.better == "lower" else (term.value, term.limit)
    unit = labels.label(labels.UNIT, term.unit, lang) if term.unit else ""
    whole = isinstance(term.value, int)
    book.style(cell, "answer_center", number_format(0 if whole else 2))
    f1, f2, op = range_rule(low, high)  # type: ignore[arg-type]
    bounds = bounds_text(lang, low, high)  # type: ignore[arg-type]
    book.validate(ws, cell, "whole" if whole else "decimal", "number", f1, f2, op, unit=unit, bounds=bounds)
    return (L.PROMISE_NUMBER, format_term(term, term.value, lang), wording("asked_number", lang, unit=unit, bounds=bounds),
            {"unit": term.unit, "low": low, "high": high, "decimals": 0 if whole else 2})


def field_answer(book: FormBook, ws: Worksheet, cell: Cell, field: L.Field) -> None:
    """The answer cell of a fixed question (bidder details, price) by its answer type."""
    kind = field.answer_type
    if kind == "text":
        # Text format "@" keeps a phone number's leading zero and stores a typed "=..." as text (X12).
        assert field.max_length is not None
        text_cell(book, ws, cell, field.max_length, "@")
    elif kind == L.KVK:
        book.style(cell, "answer", "@")
        book.validate(ws, cell, "textLength", "kvk", "8", operator="equal")
    elif kind == L.EMAIL:
        book.style(cell, "answer", "@")
        ref = cell.coordinate  # a custom rule's references are relative to the first cell it covers
        rule = f'AND(ISNUMBER(SEARCH("@",{ref})),LEN({ref})<={field.max_length})'
        book.validate(ws, cell, "custom", "email", rule)
    elif kind == "date":
        dates = book.tender.dates
        date_cell(book, ws, cell, dates.publication, dates.submission_deadline.date())
    else:
        assert kind == L.PRICE_EUR, kind
        book.style(cell, "answer", EURO_FORMAT)
        book.validate(ws, cell, "decimal", "price", "0", operator="greaterThan")


def remark_cell(book: FormBook, ws: Worksheet, row: int, col: int) -> None:
    """The bidder's remark next to an answer, at most :data:`layout.REMARK_MAX_LENGTH` characters."""
    text_cell(book, ws, ws.cell(row, col), L.REMARK_MAX_LENGTH)
