"""Read each answer of a located form and check it against the rules of its answer type.

One :class:`Checker` per form turns the cells that :mod:`generator.form.locate` found into the parts
of a :class:`~generator.models.submission.Submission` (bidder details, answers, KPI offers,
responsibilities, price), recording a finding for every rule an answer breaks: knock-outs, bounds,
the KPI minimum in its direction, RACI (exactly one A, at least one R, fixed rows unchanged), text
lengths, formats and possible reservations. Values are read tolerantly (:mod:`generator.form.values`);
a value that cannot be read is kept as typed in ``raw`` and reported. Rows that were not found get
an empty answer and no further findings: their absence is reported already.
"""

from __future__ import annotations

import datetime as dt

from .. import labels
from ..characters import REPLACEMENT, has_break, one_line
from ..models.base import Text
from ..models.submission import Answer, Bidder, KpiOffer, Promise, Responsibility
from ..text import format_number
from ..workbook import Value, Workbook
from . import layout as L
from . import values as V
from .findings import Findings, excerpt
from .locate import Located
from .meta import FormMeta, ItemMeta
from .wording import bounds_text

_FIELD_LABELS = {f.id: f.label for f in L.BIDDER_FIELDS + L.PRICE_FIELDS}
# Bidder details shown as one line (the import table, registers, report headings): a line break in them
# could fake a row; an address may have several lines.
_MULTILINE_DETAILS = frozenset({"bidder.address"})


def _both(make) -> Text:
    """A message value worded per language: ``make(lang)`` for Dutch and English."""
    return Text(nl=make("nl"), en=make("en"))


def _number(value: float, decimals: int | None = None) -> Text:
    return _both(lambda lang: format_number(value, lang, decimals))


def _raw(value: Value | None) -> str | None:
    return None if value is None else V.text(value)


class Checker:
    """Reads and checks the answers of one form located by :func:`~generator.form.locate.locate`."""

    def __init__(self, wb: Workbook, meta: FormMeta, located: Located, findings: Findings) -> None:
        self.date1904 = wb.date1904
        self.meta = meta
        self.located = located
        self.findings = findings
        self._gated: set[tuple[str, int]] = set()  # cells already reported as "unsafe_characters"

    # -- cells -------------------------------------------------------------------------------------

    def _value(self, item: ItemMeta, col: int) -> Value | None:
        sheet = self.located.sheets.get(item.sheet)
        row = self.located.rows.get(item.id)
        if sheet is None or row is None:
            return None
        value = sheet.rows[row].get(col)
        # The workbook reader's text gate replaced what no writer or terminal may receive: say where.
        if type(value) is str and REPLACEMENT in value and (item.id, col) not in self._gated:
            self._gated.add((item.id, col))
            self.findings.add("unsafe_characters", self.located.cell(item, col), item.id, excerpt=excerpt(value))
        return value

    def _text(self, item: ItemMeta, column: str, max_length: int, *, scan: bool = True) -> str | None:
        """The free text in ``column`` of ``item``'s row, stripped; checked for length and reservations."""
        col = L.column_index(item.sheet, column)
        raw = self._value(item, col)
        if V.blank(raw):
            return None
        value = V.text(raw).strip()
        cell = self.located.cell(item, col)
        if len(value) > max_length:
            self.findings.add("too_long", cell, item.id, length=_number(len(value)), max_length=_number(max_length))
        if scan:
            self._reservation(raw, cell, item.id)
        return value

    def _reservation(self, raw: object, cell: str, item_id: str | None) -> None:
        found = V.reservation(raw)
        if found:
            self.findings.add("reservation", cell, item_id, phrase=found[0], excerpt=found[1])

    # -- requirements and award criteria -------------------------------------------------------------

    def answers(self, key: str) -> list[Answer]:
        """The answer to every item of the requirements (``key`` :data:`layout.REQUIREMENTS`) or criteria sheet."""
        kind = "requirement" if key == L.REQUIREMENTS else "award_criterion"
        out = []
        for item in self.meta.on_sheet(key):
            col = item.columns[0] if item.columns else L.column_index(key, "answer")
            cell = self.located.cell(item, col)
            if item.answer_type == "raci":  # answered on the responsibilities sheet
                out.append(Answer(id=item.id, kind=kind, answer_type="raci", cell=cell))
                continue
            raw = self._value(item, col)
            found = item.id in self.located.rows
            value = self._answer(item, raw, cell, kind == "requirement") if found else None
            remark = self._text(item, "remark", L.REMARK_MAX_LENGTH) if key == L.REQUIREMENTS else None
            attachment = (self._text(item, "attachment", L.ATTACHMENT_MAX_LENGTH, scan=False)
                          if key == L.CRITERIA else None)
            out.append(Answer(id=item.id, kind=kind, answer_type=item.answer_type, value=value, raw=_raw(raw),
                              cell=cell, remark=remark, attachment=attachment))
        return out

    def _answer(self, item: ItemMeta, raw: Value | None, cell: str, knockout: bool
                ) -> bool | float | dt.date | str | None:
        """The value of one answer by its type; a blank requirement is a knock-out, a blank criterion not."""
        if V.blank(raw):
            self.findings.add("knockout_unanswered" if knockout else "criterion_unanswered", cell, item.id)
            return None
        self._reservation(raw, cell, item.id)
        kind = item.answer_type
        if kind == "confirm":
            value = V.yes_no(raw)
            if value is V.INVALID:
                self.findings.add("not_yes_no", cell, item.id, raw=excerpt(raw))
                return None
            if value is False and knockout:
                self.findings.add("knockout", cell, item.id, raw=excerpt(raw))
            return value  # type: ignore[return-value]
        if kind == "choice":
            return self._choice(item, raw, cell)
        if kind == "number":
            return self._bounded(item, raw, cell)
        if kind == "date":
            day = V.date(raw, date1904=self.date1904)
            if day is V.INVALID:
                self.findings.add("not_a_date", cell, item.id, raw=excerpt(raw))
                return None
            return day  # type: ignore[return-value]
        text = V.text(raw).strip()
        max_length = item.number("max_length")
        if max_length is not None and len(text) > max_length:
            self.findings.add("too_long", cell, item.id, length=_number(len(text)), max_length=_number(max_length))
        return text

    def _choice(self, item: ItemMeta, raw: Value, cell: str) -> str | None:
        """The option key of a choice: its label as in the list (case and spacing aside) or the key itself."""
        options = self.meta.options.get(item.id, {})
        typed = " ".join(V.text(raw).split()).casefold()
        for label, key in options.items():
            if typed in (" ".join(label.split()).casefold(), key.casefold()):
                return key
        self.findings.add("not_an_option", cell, item.id, raw=excerpt(raw), options="; ".join(options))
        return None

    def _bounded(self, item: ItemMeta, raw: Value, cell: str) -> float | None:
        """A number answer within the record's ``low``..``high``; a percentage may arrive as a fraction."""
        low, high = item.number("low"), item.number("high")
        value = self._read_number(item, raw, cell, lambda v: _within(v, low, high))
        if value is not None and not _within(value, low, high):
            self.findings.add("out_of_bounds", cell, item.id, value=_number(value),
                              bounds=_both(lambda lang: bounds_text(lang, low, high)))
        elif value is not None and (bound := item.number("minimum")) is not None:
            # A knock-out bound (see answers.knockout_record): the same reason the form's validation gives.
            higher = item.record.get("direction") == "higher_is_better"
            if value < bound if higher else value > bound:
                unit, decimals = str(item.record.get("unit")), int(item.number("decimals") or 0)
                self.findings.add("knockout_below_minimum" if higher else "knockout_above_maximum", cell, item.id,
                                  value=_number(value), bound=_number(bound, decimals),
                                  unit=labels.UNIT.get(unit, Text(nl=unit)))
        return value

    def _read_number(self, item: ItemMeta, raw: Value, cell: str, acceptable) -> float | None:
        """A number from ``raw``; for a percentage, a fraction such as 0.955 is resolved by ``acceptable``."""
        parsed = V.number(raw)
        if parsed is V.INVALID:
            self.findings.add("not_a_number", cell, item.id, raw=excerpt(raw))
            return None
        stored, percent_sign = parsed  # type: ignore[misc]
        if item.record.get("unit") != "percent" or percent_sign:
            return stored
        value, note = V.percent_reading(stored, acceptable)
        if note:
            self.findings.add(note, cell, item.id, raw=_number(stored), value=_number(round(stored * 100, 10)))
        return value

    # -- KPIs ----------------------------------------------------------------------------------------

    def kpi_offers(self) -> list[KpiOffer]:
        """Every KPI's offer (or acceptance of a fixed level), checked against its minimum and bounds."""
        out = []
        for item in self.meta.on_sheet(L.KPIS):
            col = item.columns[0] if item.columns else L.column_index(L.KPIS, "answer")
            cell = self.located.cell(item, col)
            raw = self._value(item, col)
            record = item.record
            direction = str(record.get("direction"))
            minimum, target = item.number("minimum"), item.number("target")
            value = accepted = None
            if item.id in self.located.rows:
                if item.answer_type == L.KPI_ACCEPT:
                    accepted = self._accept(item, raw, cell)
                else:
                    value = self._offer(item, raw, cell)
            out.append(KpiOffer(id=item.id, value=value, accepted=accepted, raw=_raw(raw), unit=record.get("unit"),
                                direction=direction, minimum=minimum, target=target, cell=cell,
                                remark=self._text(item, "remark", L.REMARK_MAX_LENGTH)))
        return out

    def _accept(self, item: ItemMeta, raw: Value | None, cell: str) -> bool | None:
        if V.blank(raw):
            self.findings.add("knockout_unanswered", cell, item.id)
            return None
        self._reservation(raw, cell, item.id)
        value = V.yes_no(raw)
        if value is V.INVALID:
            self.findings.add("not_yes_no", cell, item.id, raw=excerpt(raw))
            return None
        if value is False:
            self.findings.add("knockout", cell, item.id, raw=excerpt(raw))
        return value  # type: ignore[return-value]

    def _offer(self, item: ItemMeta, raw: Value | None, cell: str) -> float | None:
        if V.blank(raw):
            self.findings.add("knockout_unanswered", cell, item.id)
            return None
        self._reservation(raw, cell, item.id)
        minimum, low, high = item.number("minimum"), item.number("low"), item.number("high")
        higher = item.record.get("direction") == "higher_is_better"

        def meets(v: float) -> bool:
            return (v >= minimum if higher else v <= minimum) and _within(v, low, high)  # type: ignore[operator]

        value = self._read_number(item, raw, cell, meets)
        if value is None:
            return None
        unit, direction = str(item.record.get("unit")), str(item.record.get("direction"))
        if not (value >= minimum if higher else value <= minimum):  # type: ignore[operator]
            decimals = item.number("decimals")
            self.findings.add("kpi_below_minimum", cell, item.id, value=_number(value),
                              unit=labels.UNIT.get(unit, Text(nl=unit)), minimum=_number(minimum, int(decimals or 0)),
                              direction=labels.DIRECTION.get(direction, Text(nl=direction)))
        elif not _within(value, low, high):
            self.findings.add("out_of_bounds", cell, item.id, value=_number(value),
                              bounds=_both(lambda lang: bounds_text(lang, low, high)))
        return value

    # -- responsibilities ------------------------------------------------------------------------------

    def responsibilities(self) -> tuple[list[Responsibility], dict[str, str]]:
        """The RACI letters per activity and party, and the remark per activity, checked row by row."""
        out: list[Responsibility] = []
        remarks: dict[str, str] = {}
        for item in self.meta.on_sheet(L.RACI):
            if item.id not in self.located.rows:
                continue
            letters: dict[str, str] = {}
            valid = True
            for party, col in zip(L.RACI_PARTIES, item.columns):
                cell = self.located.cell(item, col)
                raw = self._value(item, col)
                value = V.raci(raw)
                if value is V.INVALID:
                    self.findings.add("raci_invalid", cell, item.id, raw=excerpt(raw))
                    valid = False
                    continue
                letters[party] = value  # type: ignore[assignment]
                if item.record.get("fixed") in (1, 1.0, "1", True):
                    expected = V.raci(item.record.get(party))
                    expected = "" if expected is V.INVALID else expected
                    if value != expected:
                        self.findings.add("raci_fixed_changed", cell, item.id, party=labels.PARTY[party],
                                          expected=expected or "-", raw=value or "-")
                if value:
                    out.append(Responsibility(activity=item.id, party=party, letters=value, cell=cell))
            first = self.located.cell(item, item.columns[0])
            accountable = sum("A" in v for v in letters.values())
            if valid and accountable != 1:
                self.findings.add("raci_accountable", first, item.id, count=accountable)
            if valid and not any("R" in v for v in letters.values()):
                self.findings.add("raci_responsible", first, item.id)
            remark = self._text(item, "remark", L.REMARK_MAX_LENGTH)
            if remark:
                remarks[item.id] = remark
        return out, remarks

    # -- promises --------------------------------------------------------------------------------------

    def promises(self) -> list[Promise]:
        """Every improvable term: a blank cell keeps the tender's value, a promise must be within its range.

        A promise outside its range (worse than the tender, or beyond what the clause allows) is a
        finding and binds nothing: its value is ``None``, as for a blank cell, and ``raw`` keeps it.
        """
        out = []
        for item in self.meta.on_sheet(L.PROMISES):
            col = item.columns[0]
            cell = self.located.cell(item, col)
            raw = self._value(item, col)
            value: float | str | None = None
            if item.id in self.located.rows and not V.blank(raw):
                self._reservation(raw, cell, item.id)
                if item.answer_type == L.PROMISE_FREQUENCY:
                    value = self._choice(item, raw, cell)
                else:
                    value = self._bounded(item, raw, cell)
                    if value is not None and not _within(value, item.number("low"), item.number("high")):
                        value = None
            out.append(Promise(id=item.id, value=value, raw=_raw(raw), cell=cell))
        return out

    # -- bidder and price ------------------------------------------------------------------------------

    def bidder(self) -> Bidder:
        """The bidder's details: name and KvK number required, KvK 8 digits, email plausible, date a date."""
        fields: dict[str, object] = {}
        for item in self.meta.on_sheet(L.BIDDER):
            name = item.id.removeprefix("bidder.")
            if name not in Bidder.model_fields or not item.columns or item.id not in self.located.rows:
                continue
            cell = self.located.cell(item, item.columns[0])
            raw = self._value(item, item.columns[0])
            if V.blank(raw):
                if name in ("name", "kvk"):
                    self.findings.add("missing_answer", cell, item.id, field=_FIELD_LABELS[item.id])
                continue
            fields[name] = self._detail(item, raw, cell)
        return Bidder(**fields)

    def _detail(self, item: ItemMeta, raw: Value, cell: str) -> object:
        kind = item.answer_type
        typed = V.text(raw).strip()
        if kind == "date":
            day = V.date(raw, date1904=self.date1904)
            if day is V.INVALID:
                self.findings.add("not_a_date", cell, item.id, raw=excerpt(raw))
                return None
            return day
        if item.id not in _MULTILINE_DETAILS and has_break(typed):
            self.findings.add("line_break", cell, item.id, field=_FIELD_LABELS.get(item.id, item.id))
            typed = one_line(typed)
        checked = V.kvk(raw) if kind == L.KVK else V.email(raw) if kind == L.EMAIL else typed
        if checked is V.INVALID:
            self.findings.add("invalid_kvk" if kind == L.KVK else "invalid_email", cell, item.id, raw=excerpt(raw))
            return typed
        max_length = item.number("max_length")
        if max_length is not None and len(typed) > max_length:
            self.findings.add("too_long", cell, item.id, length=_number(len(typed)), max_length=_number(max_length))
        return checked

    def price(self) -> float | None:
        """The total price in euro: required on a form with a price sheet, a number greater than zero."""
        value = None
        for item in self.meta.on_sheet(L.PRICE):
            if item.answer_type != L.PRICE_EUR or not item.columns or item.id not in self.located.rows:
                continue
            cell = self.located.cell(item, item.columns[0])
            raw = self._value(item, item.columns[0])
            if V.blank(raw):
                self.findings.add("missing_answer", cell, item.id, field=_FIELD_LABELS.get(item.id, Text(nl=item.id)))
                continue
            self._reservation(raw, cell, item.id)
            parsed = V.number(raw, thousands_grouping=True)
            if parsed is V.INVALID:
                self.findings.add("not_a_number", cell, item.id, raw=excerpt(raw))
                continue
            value = parsed[0]  # type: ignore[index]
            if value <= 0:
                self.findings.add("not_positive", cell, item.id, value=_number(value))
        return value


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)
