"""Pre-fill a blank bid form from a bidder's answer file (ANSWERS.yaml), as the bidder would type it.

The blank form is the bidder's own copy from the tender pack, written by tenderpack: trusted enough
to load and save with openpyxl, which keeps its sheet protection, data validations, hidden and
veryHidden sheets, defined names and custom properties (tests/form/test_fill.py checks each).
Its metadata is read through the safe reader first, so any other file is refused as
:func:`~generator.form.read_form` refuses it. Answers are written the way a bidder types them: Ja/Nee in
the form's language, numbers as numbers, dates as dates, text as text (never as a formula).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from .. import labels
from ..archive import read_file
from ..characters import find_unsafe
from ..errors import Finding, InputError, Location, ValidationFailed
from ..models.base import Text
from ..models.submission import AnswerEntry, AnswerSet, FormFinding, KpiEntry
from ..workbook import open_workbook
from ..yamlfile import load_yaml
from . import layout as L
from . import values as V
from .findings import Findings, excerpt
from .locate import Located, locate
from .meta import FormMeta, ItemMeta, read_meta
from .xlsx import EXCEL_MAX_TEXT, fit_row, put, text_height

_MAX_ROW_HEIGHT = 409.0  # Excel's maximum row height in points
_EXPECTED = {
    "confirm": Text(nl="Ja of Nee", en="Yes or No"), L.KPI_ACCEPT: Text(nl="Ja of Nee", en="Yes or No"),
    "choice": Text(nl="een optie uit de lijst", en="an option from the list"),
    "number": Text(nl="een getal", en="a number"), L.KPI_OFFER: Text(nl="een getal", en="a number"),
    L.PROMISE_NUMBER: Text(nl="een getal", en="a number"),
    L.PROMISE_FREQUENCY: Text(nl="een frequentie uit de lijst", en="a frequency from the list"),
    "text": Text(nl="een tekst", en="a text"), "date": Text(nl="een datum", en="a date"),
    "raci": Text(nl="de rollen op het blad verantwoordelijkheden (responsibilities)",
                 en="the roles on the responsibilities sheet (responsibilities)"),
    L.RACI_ROLES: Text(nl="rollen per partij (R, A, C, I)", en="roles per party (R, A, C, I)"),
}


@dataclass(frozen=True)
class FillResult:
    """A filled form and what could not be put in it.

    ``unknown`` lists the IDs (and ``price_eur``) of the answer file that the form does not have;
    ``unplaced`` the answers for IDs it does have that could not be written, each a finding with
    the cell and why (a fixed RACI row changed, "Misschien" for Ja/Nee, a remark where the sheet has
    no remark column...). Nothing is dropped silently.
    """

    data: bytes
    unknown: list[str]
    unplaced: list[FormFinding]

    @property
    def complete(self) -> bool:
        """Whether every answer of the file was written."""
        return not self.unknown and not self.unplaced


def load_answers(path: Path | str) -> AnswerSet:
    """Read and check an answer file (ANSWERS.yaml; see :class:`~generator.models.submission.AnswerSet`).

    Raises :class:`InputError` (``file:line``) for a file that is not usable YAML and
    :class:`ValidationFailed` listing every field that breaks the model, each at ``file:line``
    (unknown keys, a number where a text belongs, an unquoted ``yes``), or every text holding a
    character the form reader would refuse (``"\x01"``, a bidirectional override).
    """
    doc = load_yaml(path)
    unsafe = [Finding(doc.location(where), f"contains the character {what}, which a form cell cannot hold or "
                                           "which could change how the text is shown; remove it")
              for where, what in _unsafe_texts(doc.data, ())]
    if unsafe:
        raise ValidationFailed(findings=unsafe, what=str(path))
    try:
        return AnswerSet.model_validate(doc.data)
    except ValidationError as err:
        raise ValidationFailed(findings=doc.findings(err), what=str(path)) from None


def _unsafe_texts(data: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    """The path of each text in ``data`` that the form reader's text gate would refuse, with the first
    such character (see :func:`~generator.characters.find_unsafe`)."""
    if isinstance(data, str):
        found = find_unsafe(data)
        if found:
            yield path, found
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _unsafe_texts(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _unsafe_texts(value, path + (index,))


def fill_form(blank: Path | str | bytes, answers: AnswerSet) -> FillResult:
    """Write ``answers`` into the blank form ``blank`` (a path or the file's bytes); the filled .xlsx bytes.

    Answers are matched to form rows by ID, whatever section of the answer file holds them: a KPI's
    Ja may stand under ``answers`` or ``kpis``. What fits a cell's type is written, and rules such as
    bounds, minimums and knock-outs are left to :func:`~generator.form.read_form` (a bidder may check
    the result with ``tenderpack parse``). RACI letters are written in canonical order; parties left
    out keep the form's proposal; a fixed row is only accepted unchanged. Raises :class:`InputError`
    when ``blank`` is no readable bid form or ``answers.tender`` names another tender.
    """
    data = blank if isinstance(blank, bytes) else read_file(blank)
    safe = open_workbook(data, name="form.xlsx" if isinstance(blank, bytes) else str(blank))
    meta = read_meta(safe)
    if answers.tender is not None and answers.tender != meta.reference:
        raise InputError(f"the answer file is for tender {answers.tender}, but this form is for {meta.reference}",
                         Location(path=safe.name))
    findings = Findings(meta.language)  # type: ignore[arg-type]
    located = locate(safe, meta, Findings(meta.language))  # type: ignore[arg-type]
    wb = openpyxl.load_workbook(io.BytesIO(data))
    filler = _Filler(wb, meta, located, findings)
    unknown = filler.fill(answers)
    filler.refit()
    out = io.BytesIO()
    wb.save(out)
    return FillResult(out.getvalue(), unknown, findings.items)


class _Filler:
    """Writes the answers of one answer set into one loaded form."""

    def __init__(self, wb: openpyxl.Workbook, meta: FormMeta, located: Located, findings: Findings) -> None:
        self.wb, self.meta, self.located, self.findings = wb, meta, located, findings
        self.lang = meta.language
        self.items = {item.id: item for item in meta.items}
        self.touched: set[tuple[str, int]] = set()

    def fill(self, answers: AnswerSet) -> list[str]:
        """Write every answer; return the IDs the form does not have."""
        unknown: list[str] = []
        for name, value in answers.bidder.model_dump(exclude_none=True).items():
            self._at(f"bidder.{name}", value, unknown, self._detail)
        for item_id, answer in answers.answers.items():
            self._at(item_id, answer, unknown, self._answer)
        for item_id, offer in answers.kpis.items():
            self._at(item_id, offer, unknown, self._answer)
        for item_id, roles in answers.responsibilities.items():
            self._at(item_id, roles, unknown, self._roles)
        for item_id, promise in answers.promises.items():
            self._at(item_id, promise, unknown, self._answer)
        if answers.price_eur is not None:
            self._at(L.PRICE_FIELDS[0].id, answers.price_eur, unknown, self._detail, alias="price_eur")
        return unknown

    def _at(self, item_id: str, value: object, unknown: list[str], write, alias: str | None = None) -> None:
        item = self.items.get(item_id)
        if item is None:
            unknown.append(alias or item_id)
        elif item.id not in self.located.rows:
            self.findings.add("row_deleted", self.located.cell(item, 1), item.id,
                              sheet=self.located.names[item.sheet])
        else:
            write(item, value)

    # -- cells -----------------------------------------------------------------------------------------

    def _sheet(self, item: ItemMeta) -> Worksheet:
        return self.wb[self.located.names[item.sheet]]

    def _put(self, item: ItemMeta, col: int, value: object) -> None:
        """Write ``value`` in column ``col`` of ``item``'s row; text stays text (never a formula)."""
        ws = self._sheet(item)
        row = self.located.rows[item.id]
        if isinstance(value, str) and len(value) > EXCEL_MAX_TEXT:
            self.findings.add("too_long", self.located.cell(item, col), item.id,
                              length=len(value), max_length=EXCEL_MAX_TEXT)
            return
        put(ws.cell(row, col), value)
        self.touched.add((ws.title, row))

    def _refuse(self, item: ItemMeta, value: object, expected: Text | None = None) -> None:
        cell = self.located.cell(item, item.columns[0] if item.columns else 1)
        self.findings.add("wrong_answer_type", cell, item.id, raw=excerpt(value),
                          expected=expected or _EXPECTED.get(item.answer_type, Text(nl=item.answer_type)))

    def _extra(self, item: ItemMeta, column: str, what: Text, value: str | None) -> None:
        """A remark or attachment next to an answer, where the sheet has that column."""
        if value is None:
            return
        if all(c.key != column for c in L.COLUMNS[item.sheet]):
            self.findings.add("no_column", self.located.cell(item, 1), item.id, sheet=self.located.names[item.sheet],
                              what=what, raw=excerpt(value))
            return
        self._put(item, L.column_index(item.sheet, column), value)

    # -- answers -------------------------------------------------------------------------------------------

    def _answer(self, item: ItemMeta, answer: object) -> None:
        """A requirement, award criterion or KPI answer, with its remark or attachment if any."""
        if isinstance(answer, (AnswerEntry, KpiEntry)):
            value = answer.answer if isinstance(answer, AnswerEntry) else answer.value
            self._extra(item, "remark", _REMARK, answer.remark)
            if isinstance(answer, AnswerEntry):
                self._extra(item, "attachment", _ATTACHMENT, answer.attachment)
        else:
            value = answer
        if value is None:
            return
        if item.answer_type == "raci" or not item.columns or item.sheet not in (L.REQUIREMENTS, L.CRITERIA, L.KPIS,
                                                                                  L.PROMISES):
            self._refuse(item, value)
            return
        written = self._typed(item, value)
        if written is V.INVALID:
            if item.answer_type in ("choice", L.PROMISE_FREQUENCY):
                cell = self.located.cell(item, item.columns[0])
                self.findings.add("not_an_option", cell, item.id, raw=excerpt(value),
                                  options="; ".join(self.meta.options.get(item.id, {}).values()))
            else:
                self._refuse(item, value)
            return
        self._put(item, item.columns[0], written)

    def _typed(self, item: ItemMeta, value: object) -> object:
        """``value`` as the cell of ``item`` takes it, or :data:`values.INVALID` when it does not fit."""
        kind = item.answer_type
        if kind in ("confirm", L.KPI_ACCEPT):
            yes = V.yes_no(value)
            return yes if yes is V.INVALID else labels.label(labels.YES_NO, "yes" if yes else "no", self.lang)
        if kind in ("choice", L.PROMISE_FREQUENCY):
            options = self.meta.options.get(item.id, {})
            for label, key in options.items():
                if isinstance(value, str) and value.strip() in (key, label):
                    return label
            return V.INVALID
        if kind in ("number", L.KPI_OFFER, L.PROMISE_NUMBER):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return value
            parsed = V.number(value)
            return parsed if parsed is V.INVALID else parsed[0]  # type: ignore[index]
        if kind == "date":
            return value if isinstance(value, dt.date) else V.date(value)
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return V.text(value)  # a number given for a text answer is written as the text it reads
        return V.INVALID

    def _roles(self, item: ItemMeta, roles: object) -> None:
        """The RACI letters of one activity; a fixed row is only accepted with its own letters."""
        if item.answer_type != L.RACI_ROLES or not isinstance(roles, dict):
            self._refuse(item, roles, expected=_EXPECTED[L.RACI_ROLES])
            return
        fixed = item.record.get("fixed") in (1, 1.0, "1", True)
        for party, col in zip(L.RACI_PARTIES, item.columns):
            if party not in roles:
                continue
            cell = self.located.cell(item, col)
            letters = V.raci(roles[party])
            if letters is V.INVALID:
                self.findings.add("raci_invalid", cell, item.id, raw=excerpt(roles[party]))
            elif fixed and letters != V.raci(item.record.get(party)):
                self.findings.add("raci_fixed_changed", cell, item.id, party=labels.PARTY[party],
                                  expected=V.raci(item.record.get(party)) or "-", raw=letters or "-")
            elif not fixed:
                self._put(item, col, letters or None)

    def _detail(self, item: ItemMeta, value: object) -> None:
        """A bidder detail or the price: dates as dates, amounts as numbers, the rest as text."""
        kind = item.answer_type
        if kind == "date":
            fits, expected = isinstance(value, dt.date), "date"
        elif kind == L.PRICE_EUR:
            fits, expected = isinstance(value, (int, float)) and not isinstance(value, bool), "number"
        else:
            fits, expected = isinstance(value, str), "text"
        if fits:
            self._put(item, item.columns[0], value)
        else:
            self._refuse(item, value, expected=_EXPECTED[expected])

    def refit(self) -> None:
        """Keep row heights automatic and let the filled rows grow with their text.

        openpyxl reads every row height as a custom one and writes it back with ``customHeight="1"``,
        which stops Excel from growing the row as the bidder types (and rows cannot be resized on a
        protected sheet). The writer's fitted rows (from the header row down) are made automatic
        again, and each filled row gets the height its longest text needs.
        """
        keys = {name: key for key, name in self.located.names.items()}
        for ws in self.wb.worksheets:
            key = keys.get(ws.title)
            widths = [c.width for c in L.COLUMNS.get(key, ())]
            for row, dim in list(ws.row_dimensions.items()):
                if row < L.HEADER_ROW or dim.ht is None:
                    continue
                height = dim.ht
                if (ws.title, row) in self.touched:
                    for col, width in enumerate(widths, start=1):
                        value = ws.cell(row, col).value
                        if isinstance(value, str):
                            height = max(height, text_height(value, width))
                fit_row(ws, row, min(height, _MAX_ROW_HEIGHT))


_REMARK = Text(nl="toelichting", en="remark")
_ATTACHMENT = Text(nl="bijlage", en="attachment")
