"""Every commitment of a bid, and the promises that change what the agreement binds.

The tender says the answers to the award criteria become part of the agreement; so do the bidder's
remarks and attachment references, its KPI offers, its RACI letters for the open activities and its
promises on improvable terms (a weekly instead of a fortnightly meeting, minutes in 3 instead of 5
working days). :func:`bid_commitments` lists them once, in a stable order with stable IDs, for the
annex, the register, the monitoring workbook and the progress report; :func:`bound_meetings` gives
the meetings with the promised frequencies, for the annex and the calendar alike.
"""

from __future__ import annotations

from .. import labels
from ..form import layout as FL
from ..models.base import Language
from ..models.commitment import Commitment
from ..models.submission import Answer, Promise, Submission
from ..models.tender import Improvable, Meeting, Tender
from ..text import format_date, format_number, format_term
from ..workbook import cell_ref
from .terms import PARTIES, raci_terms


def promised(tender: Tender, submission: Submission | None) -> dict[str, tuple[Improvable, Promise]]:
    """The improvable terms the bid promised better (or equal), by term ID, with the promise.

    A blank or unreadable promise, or one for a term the tender does not have, leaves the tender's
    value standing and is not listed.
    """
    terms = {term.id: term for term in tender.improvable}
    out = {}
    for promise in submission.promises if submission else []:
        term = terms.get(promise.id)
        if term is not None and promise.value is not None:
            out[promise.id] = (term, promise)
    return out


def bound_meetings(tender: Tender, submission: Submission | None) -> list[Meeting]:
    """The meetings of ``tender`` at the frequency that binds: the bid's promise where it made one."""
    promises = promised(tender, submission)
    out = []
    for meeting in tender.meetings:
        found = promises.get(f"{meeting.clause_id}.{meeting.tier}")
        if found is not None and found[0].kind == "frequency":
            meeting = meeting.model_copy(update={"frequency": found[1].value})
        out.append(meeting)
    return out


def bid_commitments(tender: Tender, submission: Submission) -> list[Commitment]:
    """Every commitment of ``submission`` for ``tender`` (see :class:`~generator.models.commitment.Commitment`).

    In this order: the award-criterion answers (quoted in full), the requirement answers that say
    more than Ja/Nee (a number, a choice, a text, a date), the promises on improvable terms, the KPI
    offers and acceptances, the RACI letters of the open activities, then the remarks and the
    attachment references. Unanswered items commit to nothing and are left out.
    """
    lang = tender.language
    titles = {item.id: item.title for item in [*tender.requirements, *tender.criteria, *tender.contract_clauses,
                                               *tender.kpis]}
    out: list[Commitment] = []
    answers = [a for a in submission.answers if a.value is not None and a.answer_type != "raci"]
    for answer in answers:
        if answer.kind == "award_criterion":
            out.append(_answer(answer, "criterion", titles, lang))
    for answer in answers:
        if answer.kind == "requirement" and answer.answer_type != "confirm":
            out.append(_answer(answer, "requirement", titles, lang))
    for term, promise in promised(tender, submission).values():
        assert promise.value is not None
        out.append(Commitment(
            id=term.id, kind="promise", source_id=term.clause_id, title=f"{titles.get(term.clause_id, '')}: "
            f"{term.label}", text=format_term(term, promise.value, lang), value=promise.value, unit=term.unit,
            tender_value=term.value, differs=promise.value != term.value, cell=promise.cell))
    kpis = {k.id: k for k in tender.kpis}
    for offer in submission.kpi_offers:
        kpi = kpis.get(offer.id)
        if kpi is None or (offer.value is None and offer.accepted is None):
            continue
        unit = labels.label(labels.UNIT, kpi.unit, lang)
        if offer.value is not None:
            text = f"{format_number(offer.value, lang, kpi.decimals)} {unit}"
            meets_min = kpi.is_better_or_equal(offer.value, kpi.minimum)
            meets_target = kpi.is_better_or_equal(offer.value, kpi.target)
        else:
            text = labels.label(labels.YES_NO, "yes" if offer.accepted else "no", lang)
            meets_min = meets_target = offer.accepted
        out.append(Commitment(
            id=f"{offer.id}.kpi", kind="kpi", source_id=offer.id, title=kpi.title, text=text,
            value=offer.value if offer.value is not None else offer.accepted, unit=kpi.unit,
            tender_value=kpi.minimum, target=kpi.target, meets_minimum=meets_min, meets_target=meets_target,
            cell=offer.cell))
    for term in raci_terms(tender, submission):
        if term.fixed or term.cell is None:
            continue
        out.append(Commitment(
            id=f"{term.id}.raci", kind="raci", source_id=term.id, title=term.title,
            text=_letters(term.roles, lang), value=_letters(term.roles, lang),
            tender_value=_letters(term.default, lang), differs=bool(term.changed), cell=term.cell))
    remarks = [(a.id, a.remark, _beside(a.cell, FL.REQUIREMENTS, "remark")) for a in submission.answers if a.remark]
    remarks += [(o.id, o.remark, _beside(o.cell, FL.KPIS, "remark")) for o in submission.kpi_offers if o.remark]
    cells = {r.activity: r.cell for r in submission.responsibilities}
    remarks += [(activity, remark, _beside(cells[activity], FL.RACI, "remark") if activity in cells else None)
                for activity, remark in submission.activity_remarks.items()]
    activities = {a.id: a.title for a in tender.activities}
    for source, remark, cell in remarks:
        out.append(Commitment(id=f"{source}.remark", kind="remark", source_id=source,
                              title=titles.get(source) or activities.get(source, source), text=remark, cell=cell))
    for answer in submission.answers:
        if answer.attachment:
            out.append(Commitment(id=f"{answer.id}.attachment", kind="attachment", source_id=answer.id,
                                  title=titles.get(answer.id, answer.id), text=answer.attachment, cell=_beside(answer.cell, FL.CRITERIA, "attachment")))
    return out


def _answer(answer: Answer, kind: str, titles: dict[str, str], lang: Language) -> Commitment:
    value = answer.value
    if isinstance(value, bool):
        text = labels.label(labels.YES_NO, "yes" if value else "no", lang)
    elif isinstance(value, (int, float)):
        text = format_number(value, lang)
    elif hasattr(value, "isoformat"):
        text = format_date(value, lang)  # type: ignore[arg-type]
        value = value.isoformat()  # type: ignore[union-attr]
    else:
        # A text answer is its own value: the register and the annex show it once, as the text.
        text, value = str(value), (value if answer.answer_type == "choice" else None)
    return Commitment(id=f"{answer.id}.{kind}", kind=kind, source_id=answer.id,  # type: ignore[arg-type]
                      title=titles.get(answer.id, answer.id), text=text, value=value, cell=answer.cell)


def _beside(cell: str, sheet: str, column: str) -> str:
    """The cell in ``column`` of the form sheet ``sheet`` on the row of ``cell`` (``Eisen!E7`` -> ``Eisen!F7``)."""
    name, _, ref = cell.rpartition("!")
    row = int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return f"{name}!{cell_ref(row, FL.column_index(sheet, column))}"


def _letters(roles: dict[str, str], lang: Language) -> str:
    """RACI letters per party as shown: ``Opdrachtgever C · Opdrachtnemer RA``; parties not involved left out."""
    return " · ".join(f"{labels.label(labels.PARTY, p, lang)} {roles[p]}" for p in PARTIES if roles.get(p))
