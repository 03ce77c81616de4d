"""Helpers for the form-reading tests: sample tenders and forms, answer sets, typing into cells, and an
oracle that derives from a tender and an answer set the findings a correct parser must report.

The oracle restates the rules of issue 4 on clean values, independently of generator.form.check.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from pathlib import Path

import openpyxl
from formcheck import meta_records, sheet_names

from generator.assemble import assemble
from generator.form import layout as L
from generator.form import write_form
from generator.form.answers import number_range
from generator.form.values import reservation, yes_no
from generator.library import load_library
from generator.models.submission import AnswerEntry, AnswerSet, Bidder, KpiEntry
from generator.models.tender import Tender
from generator.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
BUILT = dt.datetime(2027, 1, 10, 9, 30)


@functools.cache
def library():
    return load_library()


@functools.cache
def sample_tender(name: str, lang: str) -> Tender:
    """The sample tender ``name`` (file stem under samples/) assembled in ``lang``."""
    lib = library()
    return assemble(lib, load_spec(ROOT / "samples" / f"{name}.yaml", lib), lang)


@functools.cache
def sample_form(name: str, lang: str) -> bytes:
    """The blank form of sample ``name`` in ``lang``."""
    return write_form(sample_tender(name, lang), built=BUILT)


def sample_bids(name: str) -> list[Path]:
    """The answer files of sample ``name`` under samples/bids/ (possibly none yet)."""
    return sorted((ROOT / "samples" / "bids" / name).glob("*.yaml"))


BIDDER = Bidder(name="Testbouw B.V.", kvk="12345678", address="Markt 1, 1234 AB Testdorp", contact="A. Tester",
                email="a.tester@testbouw.nl", phone="+31 20 123 4567", signatory="A. Tester",
                signatory_role="Directeur", place="Testdorp", date=dt.date(2027, 2, 20))


def good_answers(tender: Tender) -> AnswerSet:
    """An answer set meeting every rule of ``tender``: all Ja, KPI offers at their target, valid RACI."""
    answers: dict[str, object] = {}
    for item in tender.requirements + tender.criteria:
        kind = item.answer.type if item.answer else None
        if kind == "confirm":
            answers[item.id] = "Ja"
        elif kind == "number":
            low = item.answer.min if item.answer.min is not None else 0
            low = item.answer.knockout_min if item.answer.knockout_min is not None else max(low, 1) + 1
            answers[item.id] = AnswerEntry(answer=low, remark="Zie bijlage.")
        elif kind == "choice":
            answers[item.id] = next(iter(item.answer.options))
        elif kind == "date":
            answers[item.id] = dt.date(2027, 6, 1)
        elif kind == "text":
            answers[item.id] = AnswerEntry(answer=f"Onze aanpak voor {item.id}.", attachment=f"{item.id}.pdf") \
                if item in tender.criteria else f"Antwoord {item.id}"
    kpis: dict[str, object] = {k.id: (k.target if k.offer_allowed else "Ja") for k in tender.kpis}
    return AnswerSet(tender=tender.reference, bidder=BIDDER, answers=answers, kpis=kpis,
                     price_eur=1_250_000.5 if tender.award.price_sheet else None)


def answer_value(entry: object) -> object:
    return entry.answer if isinstance(entry, AnswerEntry) else entry.value if isinstance(entry, KpiEntry) else entry


def expected_roles(tender: Tender, answers: AnswerSet) -> dict[str, dict[str, str]]:
    """The letters per activity and party the filled form holds: defaults, open rows as answered."""
    out = {}
    for activity in tender.activities:
        roles = {p: activity.roles.get(p, "") for p in L.RACI_PARTIES}
        given = answers.responsibilities.get(activity.id, {})
        if not activity.fixed:
            roles.update({p: "".join(ch for ch in "RACI" if ch in v.upper()) for p, v in given.items()})
        out[activity.id] = roles
    return out


def _yes(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    return {"ja": True, "yes": True, "nee": False, "no": False}.get(str(value).strip().lower())


def expected_findings(tender: Tender, answers: AnswerSet) -> set[tuple[str, str | None]]:
    """(code, item) of every finding the filled form must produce, by the rules of issue 4."""
    out: set[tuple[str, str | None]] = set()

    def scan(item_id: str, *texts: object) -> None:
        if any(isinstance(t, str) and reservation(t) for t in texts):
            out.add(("reservation", item_id))

    b = answers.bidder
    if not (b.name or "").strip():
        out.add(("missing_answer", "bidder.name"))
    if not b.kvk:
        out.add(("missing_answer", "bidder.kvk"))
    elif not (len(b.kvk) == 8 and b.kvk.isdigit()):
        out.add(("invalid_kvk", "bidder.kvk"))
    if b.email and not re.fullmatch(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+", b.email):
        out.add(("invalid_email", "bidder.email"))
    for item in tender.requirements + tender.criteria:
        entry = answers.answers.get(item.id)
        value = answer_value(entry)
        value = None if isinstance(value, str) and not value.strip() else value
        requirement = item in tender.requirements
        if isinstance(entry, AnswerEntry):
            scan(item.id, entry.remark if requirement else None)
        if item.answer.type == "raci":
            continue
        if value is None:
            out.add(("knockout_unanswered" if requirement else "criterion_unanswered", item.id))
            continue
        scan(item.id, value)
        if item.answer.type == "confirm" and _yes(value) is False and requirement:
            out.add(("knockout", item.id))
        if item.answer.type == "number":
            low, high = number_range(item.answer)
            if (low is not None and value < low) or (high is not None and value > high):
                out.add(("out_of_bounds", item.id))
            elif item.answer.knockout_min is not None and value < item.answer.knockout_min:
                out.add(("knockout_below_minimum", item.id))
            elif item.answer.knockout_max is not None and value > item.answer.knockout_max:
                out.add(("knockout_above_maximum", item.id))
        if item.answer.type == "text" and len(str(value).strip()) > item.answer.max_length:
            out.add(("too_long", item.id))
    for kpi in tender.kpis:
        entry = answers.kpis.get(kpi.id, answers.answers.get(kpi.id))
        value = answer_value(entry)
        if isinstance(entry, KpiEntry):
            scan(kpi.id, entry.remark)
        if value is None:
            out.add(("knockout_unanswered", kpi.id))
        elif not kpi.offer_allowed:
            if _yes(value) is False:
                out.add(("knockout", kpi.id))
        elif not kpi.is_better_or_equal(value, kpi.minimum):
            out.add(("kpi_below_minimum", kpi.id))
        elif (kpi.low is not None and value < kpi.low) or (kpi.high is not None and value > kpi.high):
            out.add(("out_of_bounds", kpi.id))
    for activity_id, roles in expected_roles(tender, answers).items():
        if sum("A" in v for v in roles.values()) != 1:
            out.add(("raci_accountable", activity_id))
        if not any("R" in v for v in roles.values()):
            out.add(("raci_responsible", activity_id))
    if tender.award.price_sheet:
        if answers.price_eur is None:
            out.add(("missing_answer", "price.total"))
        elif answers.price_eur <= 0:
            out.add(("not_positive", "price.total"))
    return out


def unplaceable(tender: Tender, answers: AnswerSet) -> set[tuple[str, str]]:
    """(code, item) of the answers a form cannot hold: attachments of requirements, remarks of criteria,
    changes to fixed RACI rows."""
    out = set()
    criteria = {c.id for c in tender.criteria}
    for item_id, entry in answers.answers.items():
        if isinstance(entry, AnswerEntry):
            if entry.attachment is not None and item_id not in criteria:
                out.add(("no_column", item_id))
            if entry.remark is not None and item_id in criteria:
                out.add(("no_column", item_id))
    for activity in tender.activities:
        given = answers.responsibilities.get(activity.id, {})
        if activity.fixed and any("".join(ch for ch in "RACI" if ch in v.upper()) != activity.roles.get(p, "")
                                  for p, v in given.items()):
            out.add(("raci_fixed_changed", activity.id))
    return out


def edit(data: bytes, change) -> bytes:
    """``data`` loaded with openpyxl, changed by ``change(workbook)`` and saved: what a bidder's program does."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def meta_rows(wb: openpyxl.Workbook) -> dict[str, dict[str, object]]:
    """The metadata item records of an openpyxl workbook by ID (with their sheet row numbers as ``_at``)."""
    return {r["key"]: {**r, "_at": number} for number, r in enumerate(meta_records(wb), start=2)
            if r["record"] == "item"}


def set_meta(wb: openpyxl.Workbook, item_id: str, **fields: object) -> None:
    """Change ``fields`` in the JSON of item ``item_id``'s metadata record, as a bidder could by hand."""
    record = meta_rows(wb)[item_id]
    wb[L.META_SHEET].cell(record["_at"], 3).value = L.meta_data({**record, **fields})


def answer_cell(wb: openpyxl.Workbook, item_id: str, column: str | None = None):
    """The openpyxl cell of ``item_id``'s answer (or of ``column``, a layout column key)."""
    record = meta_rows(wb)[item_id]
    ws = wb[sheet_names(wb)[record["sheet"]]]
    col = L.column_index(record["sheet"], column) if column else \
        openpyxl.utils.column_index_from_string(str(record["column"]).split(":")[0])
    return ws.cell(int(record["row"]), col)


def ref(cell) -> str:
    """``Sheet!E7`` for an openpyxl cell."""
    return f"{cell.parent.title}!{cell.coordinate}"


def _normal(item, value):
    """What the parser must return for ``value`` given in an answer file for ``item``'s answer type."""
    if value is None or isinstance(value, str) and not value.strip():
        return None
    kind = item.answer.type
    if kind == "confirm":
        return yes_no(value)
    if kind == "number":
        return float(value)
    if kind == "text":
        return str(value).strip() or None
    return value


def assert_round_trip(tender: Tender, answers: AnswerSet, submission) -> None:
    """``submission`` holds exactly ``answers`` as written into the form of ``tender``."""
    assert submission.tender_reference == tender.reference and submission.revision == tender.revision
    assert submission.language == tender.language
    assert submission.bidder == answers.bidder.model_copy(update={
        k: v.strip() or None for k, v in answers.bidder.model_dump(exclude_none=True).items() if isinstance(v, str)})
    read = {a.id: a for a in submission.answers}
    assert list(read) == [i.id for i in tender.requirements + tender.criteria]
    for item in tender.requirements + tender.criteria:
        entry = answers.answers.get(item.id)
        answer = read[item.id]
        if item.answer.type == "raci":
            assert answer.value is None
            continue
        assert answer.value == _normal(item, answer_value(entry)), item.id
        remark = entry.remark if isinstance(entry, AnswerEntry) and item in tender.requirements else None
        attachment = entry.attachment if isinstance(entry, AnswerEntry) and item in tender.criteria else None
        assert answer.remark == ((remark or "").strip() or None), item.id
        assert answer.attachment == ((attachment or "").strip() or None), item.id
    offers = {k.id: k for k in submission.kpi_offers}
    assert list(offers) == [k.id for k in tender.kpis]
    for kpi in tender.kpis:
        entry = answers.kpis.get(kpi.id, answers.answers.get(kpi.id))
        value, offer = answer_value(entry), offers[kpi.id]
        assert (offer.unit, offer.direction, offer.minimum, offer.target) == \
            (kpi.unit, kpi.direction, kpi.minimum, kpi.target)
        if kpi.offer_allowed:
            assert (offer.value, offer.accepted) == (None if value is None else float(value), None), kpi.id
        else:
            assert (offer.value, offer.accepted) == (None, None if value is None else yes_no(value)), kpi.id
        remark = entry.remark if isinstance(entry, KpiEntry) else None
        assert offer.remark == ((remark or "").strip() or None)
    committed = {(r.activity, r.party): r.letters for r in submission.responsibilities}
    roles = expected_roles(tender, answers)
    assert committed == {(a, p): v for a, parties in roles.items() for p, v in parties.items() if v}
    assert submission.price_eur == (answers.price_eur if tender.award.price_sheet else None)
