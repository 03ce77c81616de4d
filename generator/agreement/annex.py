"""The contract annex "Samenwerkingsafspraken" (.docx): the collaboration terms as awarded.

With a submission it records what the winner committed to: the responsibility matrix as bid (with the
differences from the tender's proposal named), the KPIs with their levels and binding norms,
the meetings, the escalation ladder, the incentives with their caps, the facilitation clauses and
every other collaboration clause, each row with its clause ID and, where a value comes from the bid,
the form cell; the cover and the origin table name the bidder, its KvK number and the SHA-256 of the
submitted form. Without a submission it is the draft for the tender pack: the tender's minimums and
proposals, with the places where the winner's values will go marked in square brackets.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate, RichText

from .. import labels, norm
from ..document.context import paragraphs
from ..document.wording import wording
from ..models.submission import Submission
from ..models.tender import Item, Tender
from ..text import format_date, format_number, format_term
from ..document.render import render_content
from ..timeline import agreement_date, tender_date
from .commitments import bid_commitments, bound_meetings, promised
from .ics import meeting_series
from .terms import PARTIES, KpiTerm, check_submission, kpi_terms, raci_terms
from .wording import words

CONTENT_TEMPLATE = "agreement.docx"
_FACILITATION = "facilitation"
_INCENTIVE_TAG = "bonus-malus"


def render_agreement(tender: Tender, submission: Submission | None, *, built: dt.datetime,
                     template: Path | None = None, on: dt.date | None = None) -> bytes:
    """The annex "Samenwerkingsafspraken" of ``tender`` as awarded to ``submission``, as .docx bytes.

    ``submission`` ``None`` gives the draft ("concept") annex for the tender pack. ``template`` is
    the base template (``None``: the bundled house style of ``tender.language``). The draft is dated by
    the current revision; the awarded annex ``on``, else the end of the standstill period, never before
    it (:func:`~generator.timeline.agreement_date`). ``built`` dates the file's metadata; the same inputs
    give the same bytes. Raises :class:`~generator.errors.InputError` for a submission of another
    tender or a knocked-out bid, :class:`~generator.errors.ValidationFailed` naming the spec field when
    the date cannot be set, :class:`~generator.errors.TemplateError` for an unusable base template.
    """
    if submission is not None:
        check_submission(tender, submission)
    dated = tender_date(tender) if submission is None else agreement_date(tender, on)
    w = words(tender.language)
    kind = w["doc_kind"] if submission else w["doc_kind_draft"]
    return render_content(CONTENT_TEMPLATE, lambda renderer: agreement_context(tender, submission, dated, renderer),
                          tender, kind=kind, built=built, template=template)


def agreement_context(tender: Tender, submission: Submission | None, dated: dt.date,
                      renderer: DocxTemplate | None = None) -> dict[str, Any]:
    """The render context of the annex: plain strings, lists and dicts (see :mod:`generator.document.context`)."""
    lang = tender.language
    w = dict(words(lang))
    draft = submission is None
    if draft:
        w["doc_kind"] = w["doc_kind_draft"]
    num = lambda v, d=None: format_number(v, lang, d)  # noqa: E731
    dates = tender.dates
    bidder = submission.bidder if submission else None
    contractor = w["f_kvk"].format(name=bidder.name or "–", kvk=bidder.kvk or "–") if bidder else w["f_contractor_draft"]
    period = w["f_period_value"].format(start=format_date(dates.contract_start, lang),
                                        end=format_date(dates.contract_end, lang))
    cover = [_fact(w["f_reference"], tender.reference), _fact(w["f_contract"], tender.title),
             _fact(w["f_client"], tender.authority.name), _fact(w["f_contractor"], contractor),
             _fact(w["f_period"], period), _fact(w["f_date"], format_date(dated, lang))]
    sources = [_fact(w["f_tender_revision"], w["f_tender_revision_value"].format(
        revision=tender.revision, library=tender.library_name, version=tender.library_version))]
    if submission is not None:
        sources += [_fact(w["f_bid"], w["f_bid_value"].format(file=submission.source.filename,
                                                               size=num(submission.source.size))),
                    _fact(w["f_hash"], submission.source.sha256)]
    terms = kpi_terms(tender, submission)
    answers = {a.id: a for a in submission.answers} if submission else {}
    promises = {term.id: promise for term, promise in promised(tender, submission).values()}
    improvable: dict[str, list] = {}
    for term in tender.improvable:
        improvable.setdefault(term.clause_id, []).append((term, promises.get(term.id)))
    commitments = bid_commitments(tender, submission) if submission else []
    kpi_ids = {k.id for k in tender.kpis}
    clauses = [*tender.requirements, *tender.contract_clauses]
    incentive = [c for c in tender.contract_clauses if _INCENTIVE_TAG in c.tags]
    facilitation = [c for c in clauses if c.category == _FACILITATION]
    shown = {c.id for c in incentive + facilitation}
    groups: dict[str, list[Item]] = {}
    for clause in tender.contract_clauses:
        if clause.id not in shown:
            groups.setdefault(clause.category, []).append(clause)
    return {
        "w": w, "draft": draft, "subtitle": f"{w['subtitle']} · {tender.title}",
        "draft_mark": RichText(w["draft_mark"], bold=True, color="C00000", size=32),
        "t": {"reference": tender.reference, "authority": tender.authority.name, "revision": tender.revision,
              "date": format_date(dated, lang)},
        "cover": cover, "origin": cover[:2] + sources, "sources": sources,
        "meetings": [_meeting(m, tender, w, promises.get(f"{m.clause_id}.{m.tier}"))
                     for m in bound_meetings(tender, submission)],
        "escalation": [{"level": str(e.level), "who": e.who, "clause": e.clause_id,
                        "term": w["term_days"].format(n=e.term_working_days)} for e in tender.escalation],
        # The tender document's matrix headers, with soft hyphens for the narrow columns.
        "parties": [wording(lang)[f"p_{p}"] for p in PARTIES],
        "raci": [_raci(r, draft, lang, w) for r in raci_terms(tender, submission)],
        "kpis": [_kpi(t, draft, lang, w) for t in terms],
        "remarks": [{"id": o.id, "text": o.remark} for o in (submission.kpi_offers if submission else []) if o.remark],
        "incentives": [_incentive(t, lang, w) for t in terms if t.consequence is not None],
        "incentive_clauses": [_item(c, answers, improvable, draft, lang, w) for c in incentive],
        "facilitation": [_item(c, answers, improvable, draft, lang, w) for c in facilitation],
        "clause_groups": [{"label": labels.label(labels.CATEGORY, cat, lang),
                           "clauses": [_item(c, answers, improvable, draft, lang, w) for c in items]}
                          for cat, items in groups.items()],
        "bid_answers": [_bid_answer(c, commitments, w) for c in commitments if c.kind == "criterion"],
        # KPI remarks stand with the KPIs already (``remarks``).
        "bid_commitments": [{"id": c.id, "title": c.title, "text": c.text, "origin": c.cell or "–"}
                            for c in commitments if c.kind in ("requirement", "promise", "remark", "attachment")
                            and not (c.kind == "remark" and c.source_id in kpi_ids)],
    }


def _fact(label: str, value: str) -> dict[str, str]:
    return {"label": label, "value": value}


def _meeting(meeting, tender: Tender, w: dict[str, str], promise) -> dict[str, Any]:
    lang = tender.language
    series = meeting_series(meeting.frequency, meeting.tier, tender.dates.contract_start, tender.dates.contract_end)
    first = series.meetings[0] if series and series.meetings else None
    at = w["at_time"].format(date=format_date(first.date(), lang), time=f"{first:%H:%M}") if first else "–"
    frequency = labels.label(labels.FREQUENCY, meeting.frequency, lang)
    if promise is not None:
        frequency = w["promised_frequency"].format(frequency=frequency, cell=promise.cell)
    return {"name": meeting.name, "frequency": frequency,
            "participants": meeting.participants, "duration": w["minutes"].format(n=meeting.duration_minutes),
            "agenda": list(meeting.agenda), "clause": meeting.clause_id, "first": at,
            "rhythm": w[f"rhythm_{meeting.frequency}"]}


def _raci(term, draft: bool, lang: str, w: dict[str, str]) -> dict[str, Any]:
    if term.fixed:
        origin = w["raci_fixed"]
    elif draft:
        origin = w["raci_open_draft"]
    elif term.changed:
        changes = "; ".join(w["raci_change"].format(party=labels.label(labels.PARTY, p, lang),
                                                    letters=term.roles[p] or "–", default=term.default[p] or "–")
                            for p in term.changed)
        origin = w["raci_changed"].format(changes=changes)
    else:
        origin = w["raci_accepted"]
    if term.cell and not term.fixed:
        origin += f" ({term.cell})"
    roles = [(term.roles[p] or w["raci_none_letter"]) + ("*" if p in term.changed else "") for p in PARTIES]
    return {"id": term.id, "title": term.title, "roles": roles, "origin": origin}


def _kpi(term: KpiTerm, draft: bool, lang: str, w: dict[str, str]) -> dict[str, str]:
    num = lambda v: format_number(v, lang, term.decimals)  # noqa: E731
    unit = labels.label(labels.UNIT, term.unit, lang)
    standard = norm.kpi_statement(term, term.offered, num, lang)
    if draft and term.norm == "offered":
        standard = f"[{standard}]"
    origin = w["kpi_offer"].format(cell=term.offer_cell) if term.offered is not None else w["kpi_tender"]
    direction = w["direction_higher" if term.direction == "higher_is_better" else "direction_lower"]
    return {"id": term.id, "title": f"{term.title} ({unit}; {direction})", "minimum": num(term.minimum),
            "target": num(term.target), "standard": standard, "origin": origin,
            "frequency": labels.label(labels.FREQUENCY, term.frequency, lang)}


def _incentive(term: KpiTerm, lang: str, w: dict[str, str]) -> dict[str, Any]:
    c = term.consequence
    rules = []
    if c.malus_percent is not None:
        rules.append(w["malus_value"].format(p=format_number(c.malus_percent, lang)))
    if c.bonus_percent is not None:
        rules.append(w["bonus_value"].format(p=format_number(c.bonus_percent, lang)))
    return {"id": term.id, "title": f"{term.title} · {labels.label(labels.CONSEQUENCE, c.type, lang)}",
            "rules": rules, "cap": w["cap_value"].format(cap=format_number(c.cap_percent, lang))}


def _item(item: Item, answers: dict, improvable: dict[str, list], draft: bool, lang: str,
          w: dict[str, str]) -> dict[str, Any]:
    facts = []
    answer = answers.get(item.id)
    if answer is not None and answer.value is not None:
        value = answer.value
        shown = labels.label(labels.YES_NO, "yes" if value else "no", lang) if isinstance(value, bool) else str(value)
        facts.append(_fact(w["col_origin"], w["confirmed"].format(answer=shown, cell=answer.cell)))
    # A promise on an improvable term replaces the tender's value in the text above it.
    for term, promise in improvable.get(item.id, []):
        tendered = format_term(term, term.value, lang)
        if promise is not None:
            facts.append(_fact(term.label, w["promise_binds"].format(
                value=format_term(term, promise.value, lang), tendered=tendered, cell=promise.cell)))
        elif draft:
            facts.append(_fact(term.label, w["promise_draft"].format(tendered=tendered)))
    return {"id": item.id, "title": item.title, "paras": paragraphs(item.text), "facts": facts}


def _bid_answer(criterion, commitments: list, w: dict[str, str]) -> dict[str, Any]:
    """An award-criterion answer quoted in full, with the form cell and the attachment it names."""
    facts = [_fact(w["col_origin"], w["quoted"].format(cell=criterion.cell))]
    attachment = next((c for c in commitments if c.id == f"{criterion.source_id}.attachment"), None)
    if attachment is not None:
        facts.append(_fact(w["attachment"], f"{attachment.text} ({attachment.cell})"))
    return {"id": criterion.source_id, "title": criterion.title, "paras": paragraphs(criterion.text),
            "facts": facts}
