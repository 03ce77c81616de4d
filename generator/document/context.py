"""The render context of the tender document: the :class:`Tender` as plain, formatted strings.

Everything the template shows is computed here (labels, numbers, dates, grouping), so the template
holds layout and loops only. Values are plain ``dict``/``list``/``str``; keys avoid the names of
``dict`` methods (``items``, ``keys``, ``values``...), because Jinja's ``x.name`` tries the attribute
before the key. Texts are data: they are escaped by the template's autoescaping, never rendered.
"""

from __future__ import annotations

from typing import Any

from .. import labels, norm
from ..models.base import Language
from ..models.clause import PARTIES, Answer
from ..models.tender import Item, Kpi, Tender
from ..form.layout import PROMISES, sheet_name
from ..text import format_date, format_datetime, format_euro, format_number, format_term
from ..timeline import tender_date
from .glossary import glossary
from .scoring import award_context, criterion_scale, percent
from .wording import wording


def paragraphs(text: str) -> list[str]:
    """``text`` split into paragraphs at its line breaks, white space around them dropped, blank lines too.

    The document shows texts as paragraphs rather than line breaks inside one paragraph; this also
    keeps newlines out of the rendered XML, which spares docxtpl's slow ``resolve_listing`` pass.
    Splitting at each newline and stripping the parts gives what a regex split at "white space with a
    newline" gives, twenty times faster: such a regex tries a match at every space of every clause.
    """
    return [part for part in (line.strip() for line in text.split("\n")) if part]


def _fact(label: str, value: str) -> dict[str, str]:
    return {"label": label, "value": value}


def answer_text(answer: Answer | None, item_id: str, lang: Language, *, requirement: bool,
                suitability: bool = False) -> str | None:
    """What the form asks for ``item_id``, e.g. "Ja of Nee (inschrijvingsformulier, regel REQ-01)";
    a confirmation says what "No" means for a requirement (invalid bid) or a suitability requirement
    (bid set aside)."""
    if answer is None:
        return None
    w = wording(lang)
    if answer.type == "confirm":
        what = w["a_confirm_suitability" if suitability else
                 "a_confirm_requirement" if requirement else "a_confirm"]
    elif answer.type == "choice":
        what = w["a_choice"].format(options="; ".join(t.get(lang) for t in answer.options.values()))
    elif answer.type == "number":
        unit = labels.label(labels.UNIT, answer.unit, lang)
        if answer.min is not None and answer.max is not None:
            what = w["a_between"].format(unit=unit, low=format_number(answer.min, lang),
                                         high=format_number(answer.max, lang))
        else:
            what = w["a_number"].format(unit=unit)
    elif answer.type == "text":
        what = w["a_text"].format(n=format_number(answer.max_length, lang))
    elif answer.type == "date":
        what = w["a_date"]
    else:
        what = w["a_raci"]
    return w["in_form"].format(what=what, id=item_id)


def _item(item: Item, lang: Language, extra: list[dict[str, str]] | None = None) -> dict[str, Any]:
    w = wording(lang)
    facts = list(extra or [])
    asked = answer_text(item.answer, item.id, lang, requirement=item.kind == "requirement",
                        suitability=item.suitability)
    if asked:
        facts.append(_fact(w["answer"], asked))
    if item.evidence:
        facts.append(_fact(w["evidence"], item.evidence))
    facts.append(_fact(w["obligation"], labels.label(labels.OBLIGATION, item.obligation, lang)))
    return {"id": item.id, "title": item.title, "paras": paragraphs(item.text), "facts": facts}


def _groups(items: list[Item], lang: Language, extra: dict[str, list[dict[str, str]]] | None = None
            ) -> list[dict[str, Any]]:
    """Items grouped under their category label, categories in the library's fixed order; ``extra``
    holds more facts per item ID."""
    return [
        {"label": labels.label(labels.CATEGORY, category, lang),
         "clauses": [_item(i, lang, (extra or {}).get(i.id)) for i in items if i.category == category]}
        for category in labels.CATEGORY
        if any(i.category == category for i in items)
    ]


def kpi_value(kpi: Kpi, value: float, lang: Language) -> str:
    """A KPI level with its unit: ``99,5%``, ``4 uur``, ``€ 1.000,00``."""
    number = format_number(value, lang, kpi.decimals)
    if kpi.unit == "percent":
        return f"{number}%"
    if kpi.unit == "euro":
        return format_euro(value, lang)
    if kpi.unit in ("count", "score"):
        return number
    return f"{number} {labels.label(labels.UNIT, kpi.unit, lang)}"


def _kpi(kpi: Kpi, lang: Language) -> dict[str, Any]:
    w = wording(lang)
    c = kpi.consequence
    rows = [
        _fact(w["k_definition"], kpi.definition),
        _fact(w["k_calculation"], kpi.calculation),
        _fact(w["k_unit"], labels.label(labels.UNIT, kpi.unit, lang)),
        _fact(w["k_direction"], labels.label(labels.DIRECTION, kpi.direction, lang)),
        _fact(w["k_minimum"], kpi_value(kpi, kpi.minimum, lang)),
        _fact(w["k_target"], kpi_value(kpi, kpi.target, lang)),
        _fact(norm.heading(lang), _norm(kpi, lang)),
    ]
    if kpi.override_reason:
        standard = kpi_value(kpi, kpi.library_minimum, lang)
        reason = w["k_override_text"].format(standard=standard, reason=kpi.override_reason)
        rows.append(_fact(w["k_override"], reason))
    rows += [
        _fact(w["k_frequency"], labels.label(labels.FREQUENCY, kpi.frequency, lang)),
        _fact(w["k_source"], kpi.data_source),
        _fact(w["k_measured_by"], labels.label(labels.PARTY, kpi.measured_by, lang)),
        _fact(w["k_forum"], kpi.forum),
    ]
    if c is None:
        rows.append(_fact(w["k_consequence"], w["k_no_consequence"]))
    else:
        kind = labels.label(labels.CONSEQUENCE, c.type, lang)
        rows.append(_fact(w["k_consequence"], f"{kind[:1].upper()}{kind[1:]}: {c.text}"))
        rows.append(_fact(w["k_cap"], w["k_cap_text"].format(cap=format_number(c.cap_percent, lang))))
    rows.append(_fact(w["obligation"], labels.label(labels.OBLIGATION, kpi.obligation, lang)))
    if not kpi.offer_allowed:
        offer = w["k_offer_fixed"].format(id=kpi.id)
    elif kpi.norm == "offered":
        offer = w["k_offer_binding"].format(id=kpi.id)
    else:
        offer = w["k_offer_level"].format(id=kpi.id, level=labels.label(labels.NORM, kpi.norm, lang))
    rows.append(_fact(w["k_offer"], offer))
    return {
        "id": kpi.id, "title": kpi.title, "paras": paragraphs(kpi.text), "rows": rows,
        "minimum": kpi_value(kpi, kpi.minimum, lang), "target": kpi_value(kpi, kpi.target, lang),
        "norm": _norm(kpi, lang), "frequency": labels.label(labels.FREQUENCY, kpi.frequency, lang),
    }


def _norm(kpi: Kpi, lang: Language) -> str:
    """The binding norm as the tender states it: before any offer, so an offered norm is its floor."""
    return norm.kpi_statement(kpi, None, lambda value: kpi_value(kpi, value, lang), lang)


def _dates(tender: Tender, lang: Language) -> list[dict[str, str]]:
    w, d = wording(lang), tender.dates
    rows = [
        _fact(w["d_publication"], format_date(d.publication, lang)),
        _fact(w["d_questions"], format_date(d.questions_deadline, lang)),
        _fact(w["d_submission"], format_datetime(d.submission_deadline, lang)),
    ]
    if d.award_decision is not None:
        rows.append(_fact(w["d_award"], format_date(d.award_decision, lang)))
        rows.append(_fact(w["d_standstill"].format(days=d.standstill_days), format_date(d.standstill_end, lang)))
    rows.append(_fact(w["d_start"], format_date(d.contract_start, lang)))
    rows.append(_fact(w["d_end"], format_date(d.contract_end, lang)))
    return rows


def _raci(tender: Tender, lang: Language) -> dict[str, Any]:
    w = wording(lang)
    rows = []
    for a in tender.activities:
        details = paragraphs(a.description) if a.description else []
        rows.append({"id": a.id, "title": a.title, "details": details,
                     "status": w["fixed" if a.fixed else "open"],
                     "roles": ["/".join(a.roles.get(p, "")) for p in PARTIES]})
    return {"parties": [w[f"p_{p}"] for p in PARTIES], "rows": rows}


def _collaboration(tender: Tender, lang: Language) -> dict[str, Any]:
    w = wording(lang)
    meetings = [
        {"name": f"{m.name} ({labels.label(labels.TIER, m.tier, lang)}; {m.clause_id})",
         "frequency": labels.label(labels.FREQUENCY, m.frequency, lang), "participants": m.participants,
         "duration": w["minutes"].format(n=m.duration_minutes),
         "agenda": [f"\u2013 {point}" for point in m.agenda] or ["\u2013"]}
        for m in tender.meetings
    ]
    escalation = [
        {"level": str(s.level), "who": s.who, "clause": s.clause_id,
         "term": w["term_day"] if s.term_working_days == 1 else w["term_days"].format(n=s.term_working_days)}
        for s in tender.escalation
    ]
    return {"meetings": meetings, "escalation": escalation,
            "clause_groups": _groups(tender.contract_clauses, lang, _improvable(tender, lang))}


def _improvable(tender: Tender, lang: Language) -> dict[str, list[dict[str, str]]]:
    """Per clause the facts naming its terms a bidder may promise better, and where the form asks for them."""
    w = wording(lang)
    sheet = sheet_name(PROMISES, lang)
    out: dict[str, list[dict[str, str]]] = {}
    for term in tender.improvable:
        tendered = format_term(term, term.value, lang)
        text = (w["improvable_to"].format(label=term.label, tendered=tendered, id=term.id, sheet=sheet,
                                          limit=format_term(term, term.limit, lang))
                if term.limit is not None else
                w["improvable"].format(label=term.label, tendered=tendered, id=term.id, sheet=sheet))
        out.setdefault(term.clause_id, []).append(_fact(w["improvable_head"], text))
    return out


def build_context(tender: Tender) -> dict[str, Any]:
    """The complete render context of ``tender``, dated by its current revision (:func:`tender_date`)."""
    lang = tender.language
    w = wording(lang)
    date = format_date(tender_date(tender), lang)
    authority = tender.authority
    procedure = labels.label(labels.PROCEDURE, tender.procedure, lang)
    contract_type = labels.label(labels.CONTRACT_TYPE, tender.contract_type, lang)
    cover = [_fact(w["reference"], tender.reference), _fact(w["authority"], authority.name),
             _fact(w["procedure"], procedure), _fact(w["revision"], str(tender.revision)),
             _fact(w["date"], date)]
    facts = [_fact(w["authority"], authority.name), _fact(w["address"], authority.address),
             _fact(w["procedure"], procedure), _fact(w["contract_type"], contract_type),
             _fact(w["cpv"], tender.cpv)]
    if tender.estimated_value_eur is not None:
        facts.append(_fact(w["estimated_value"], format_euro(tender.estimated_value_eur, lang)))
    period = w["period"].format(start=format_date(tender.dates.contract_start, lang),
                                end=format_date(tender.dates.contract_end, lang))
    facts.append(_fact(w["contract_period"], period))
    facts.append(_fact(w["award_method"], labels.label(labels.METHOD, tender.award.method, lang)))
    contact = authority.contact
    contact_facts = [_fact(w["contact_name"], contact.name)]
    if contact.role:
        contact_facts.append(_fact(w["contact_role"], contact.role))
    contact_facts.append(_fact(w["contact_email"], contact.email))
    if contact.phone:
        contact_facts.append(_fact(w["contact_phone"], contact.phone))
    ids = [i.id for i in tender.requirements] + [c.id for c in tender.criteria] + [k.id for k in tender.kpis]
    words = dict(w, reading_ids=w["reading_ids"].format(example=ids[0] if ids else "REQ-01"))
    criteria = []
    for c in tender.criteria:
        amount = (_fact(w["max_value"], format_euro(c.value_eur, lang)) if c.value_eur is not None
                  else _fact(w["weight"], percent(c.weight or 0, lang)))
        criteria.append(dict(_item(c, lang, [amount]), scale=criterion_scale(c, tender, lang)))
    return {
        "w": words,
        "t": {"title": tender.title, "reference": tender.reference, "revision": str(tender.revision),
              "date": date, "authority": authority.name},
        "cover": cover,
        "intro": {"summary": paragraphs(tender.summary), "facts": facts},
        "documents": [{"title": d.title, "description": d.description, "clauses": ", ".join(d.clauses)}
                      for d in tender.documents],
        "respond": {
            "dates": _dates(tender, lang),
            "deadline": w["deadline"].format(
                deadline=format_datetime(tender.dates.submission_deadline, lang)),
            "questions": w["questions"].format(date=format_date(tender.dates.questions_deadline, lang),
                                               authority=authority.name),
            "contact": contact_facts,
        },
        "suitability": [_item(i, lang) for i in tender.requirements if i.suitability],
        "requirements": _groups([i for i in tender.requirements if not i.suitability], lang),
        "award": award_context(tender, lang, w["evaluation"], w["example_intro"]),
        "criteria": criteria,
        "kpis": [_kpi(k, lang) for k in tender.kpis],
        "raci": _raci(tender, lang),
        **_collaboration(tender, lang),
        "glossary": glossary(tender, lang),
        "revisions": [{"revision": str(r.revision), "date": format_date(r.date, lang),
                       "description": r.description}
                      for r in tender.revisions],
        "colophon": w["colophon"].format(name=tender.library_name, version=tender.library_version),
    }
