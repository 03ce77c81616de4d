"""The compliance matrix: which bids meet every knock-out requirement and KPI minimum, and why not.

The form parser already judged each returned form and recorded its findings; this module sorts those
findings onto a grid of bidders by requirements and KPIs, so the committee sees per cell what was
answered and the reason for every fail. It re-checks the answers too (a requirement answered "no", a
KPI offer under the minimum, an answer that is missing), so a submission stored without the finding
that should have come with it still fails here: a bid is only admitted when nothing says otherwise.
"""

from __future__ import annotations

import datetime as dt

from .. import labels
from ..form.findings import Findings
from ..models.base import Text
from ..models.clause import RaciAnswer
from ..models.evaluation import (
    ComplianceCell,
    ComplianceColumn,
    ComplianceMatrix,
    ComplianceRow,
    ReservationDecision,
)
from ..models.submission import Answer, FormFinding, KpiOffer, Submission
from ..models.tender import Item, Kpi, Tender
from ..records import bidder_key
from ..text import format_number
from .reservations import apply_decisions


def bidder_name(submission: Submission) -> str:
    """The name a bid is shown under: the bidder's name, or its bidder key when the name is blank."""
    name = (submission.bidder.name or "").strip()
    return name or bidder_key(submission)


def in_order(submissions: list[Submission]) -> list[Submission]:
    """``submissions`` sorted by bidder name (ignoring case), then bidder key: a neutral, stable order."""
    return sorted(submissions, key=lambda s: (bidder_name(s).casefold(), bidder_key(s)))


def compliance(tender: Tender, submissions: list[Submission],
               decisions: list[ReservationDecision] | None = None) -> ComplianceMatrix:
    """The compliance matrix of ``submissions`` against ``tender``; rows in :func:`in_order`.

    With the committee's reservation ``decisions`` (checked by
    :func:`~generator.evaluation.reservations.check_decisions`), a bid whose reservation is decided
    material is not admitted, the decision being one of its ``other`` reasons.

    Columns: the suitability requirements (geschiktheidseisen, on the bidder: checked separately and
    first), then every other requirement (all requirements are knock-out), then every KPI with its
    minimum.
    A cell fails on an error finding recorded for its item, on a confirmation answered "no" (a
    requirement, or a KPI with a fixed level), on a missing answer or offer, or on a KPI offer short of
    the minimum in the KPI's direction. Findings of the
    responsibility sheet (``raci_*``) belong to the tender's RACI requirement when it has one. Error
    findings tied to no column (wrong tender or revision, altered rows, a bad KvK number...) go to the
    row's ``other`` and also keep the bid out; warnings are kept as notes. A submission for another
    tender is not checked against this one: it is not admitted, with a finding saying so.
    """
    requirements = _requirements(tender)
    columns = [ComplianceColumn(item=r.id, kind="suitability" if r.suitability else "requirement",
                                title=r.title) for r in requirements]
    columns += [ComplianceColumn(item=k.id, kind="kpi", title=k.title, minimum=k.minimum)
                for k in tender.kpis]
    raci_ids = [r.id for r in tender.requirements if isinstance(r.answer, RaciAnswer)]
    rows = [_row(tender, sub, raci_ids[0] if raci_ids else None) for sub in in_order(submissions)]
    matrix = ComplianceMatrix(tender_reference=tender.reference, revision=tender.revision, columns=columns,
                              rows=rows)
    return apply_decisions(matrix, decisions)[0] if decisions else matrix


def _requirements(tender: Tender) -> list[Item]:
    """The tender's requirements, suitability requirements first (each group in tender order)."""
    return sorted(tender.requirements, key=lambda r: not r.suitability)


def _row(tender: Tender, sub: Submission, raci_id: str | None) -> ComplianceRow:
    lang = tender.language
    own = Findings(lang)
    if sub.tender_reference != tender.reference:
        own.add("reference_mismatch", form=sub.tender_reference, tender=tender.reference)
    by_item: dict[str, list[FormFinding]] = {}
    unplaced: list[FormFinding] = list(own.items)
    columns = {r.id for r in tender.requirements} | {k.id for k in tender.kpis}
    for finding in sub.findings:
        item = finding.item
        if raci_id is not None and finding.code.startswith("raci_"):
            item = raci_id
        if item in columns:
            by_item.setdefault(item, []).append(finding)
        else:
            unplaced.append(finding)
    answers = {a.id: a for a in sub.answers}
    offers = {o.id: o for o in sub.kpi_offers}
    cells = [_requirement(r, answers.get(r.id), by_item.get(r.id, []), lang) for r in _requirements(tender)]
    cells += [_kpi(k, offers.get(k.id), by_item.get(k.id, []), lang) for k in tender.kpis]
    other = [f for f in unplaced if f.severity == "error"]
    notes = [f for f in unplaced if f.severity != "error"]
    admitted = all(c.passed for c in cells) and not other
    return ComplianceRow(bidder=bidder_key(sub), name=bidder_name(sub), kvk=sub.bidder.kvk, cells=cells,
                         other=other, notes=notes, admitted=admitted)


def _split(findings: list[FormFinding]) -> tuple[list[FormFinding], list[FormFinding]]:
    return [f for f in findings if f.severity == "error"], [f for f in findings if f.severity != "error"]


def _requirement(req: Item, answer: Answer | None, findings: list[FormFinding], lang: str) -> ComplianceCell:
    reasons, notes = _split(findings)
    raci = isinstance(req.answer, RaciAnswer)
    if not reasons:
        own = Findings(lang)
        # A RACI requirement is answered on the responsibility sheet, not by an answer of its own.
        if not raci and (answer is None or answer.value is None):
            own.add("knockout_unanswered", cell=answer.cell if answer else None, item=req.id)
        elif answer is not None and answer.value is False:
            own.add("knockout", cell=answer.cell, item=req.id, raw=answer.raw or answer.value)
        reasons = own.items
    return ComplianceCell(item=req.id, passed=not reasons, value=_shown(answer), reasons=reasons, notes=notes)


def _kpi(kpi: Kpi, offer: KpiOffer | None, findings: list[FormFinding], lang: str) -> ComplianceCell:
    reasons, notes = _split(findings)
    if not reasons:
        own = Findings(lang)
        if offer is None:
            own.add("missing_answer", item=kpi.id, field=kpi.id)
        elif offer.accepted is False:  # a fixed level answered Nee
            own.add("knockout", cell=offer.cell, item=kpi.id, raw=offer.raw or "Nee")
        elif offer.value is None and offer.accepted is None:
            own.add("knockout_unanswered", cell=offer.cell, item=kpi.id)
        elif offer.value is not None and not kpi.is_better_or_equal(offer.value, kpi.minimum):
            own.add("kpi_below_minimum", cell=offer.cell, item=kpi.id,
                    value=offer.raw if offer.raw is not None else _number(offer.value),
                    unit=_label(labels.UNIT, kpi.unit), minimum=_number(kpi.minimum),
                    direction=_label(labels.DIRECTION, kpi.direction))
        reasons = own.items
    value = None if offer is None else offer.raw if offer.raw is not None else _text(offer.value)
    return ComplianceCell(item=kpi.id, passed=not reasons, value=value, reasons=reasons, notes=notes)


def _label(table: dict[str, Text], code: str) -> Text:
    return Text(nl=labels.label(table, code, "nl"), en=labels.label(table, code, "en"))


def _number(value: float) -> Text:
    return Text(nl=format_number(value, "nl"), en=format_number(value, "en"))


def _shown(answer: Answer | None) -> str | None:
    if answer is None:
        return None
    return answer.raw if answer.raw is not None else _text(answer.value)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
