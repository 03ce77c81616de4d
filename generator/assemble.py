"""Resolve a checked tender spec against the library into a :class:`Tender` in one language.

Parameters are filled into the clause texts, KPI levels and activity roles take the spec's overrides,
award criteria get their weights or euro values and scales. Nothing here touches files.
"""

from __future__ import annotations

from .errors import Location, TenderpackError
from .library import Library
from .models import tender as t
from .models.base import Language, Text
from .models.clause import FREQUENCIES, Answer, Clause, NumberAnswer
from .models.spec import ClauseChoice, Scale, TenderSpec
from .text import fill, format_value


def assemble(library: Library, spec: TenderSpec, lang: Language | None = None) -> t.Tender:
    """Build the resolved tender from ``spec`` (already checked by :func:`load_spec`) and ``library``.

    ``lang`` overrides the spec's language. Raises :class:`TenderpackError` naming the clause if the
    spec refers to a clause the library lacks (a spec that passed :func:`load_spec` never does).
    """
    lang = lang or spec.language
    requirements: list[t.Item] = []
    contract: list[t.Item] = []
    kpis: list[t.Kpi] = []
    meetings: list[t.Meeting] = []
    escalation: list[t.EscalationStep] = []
    improvable: list[t.Improvable] = []
    for choice in spec.clauses:
        clause = _clause(library, choice.id)
        if clause.kind == "award_criterion":
            continue
        if clause.kind == "kpi":
            kpis.append(_kpi(clause, choice, lang))
        else:
            (requirements if clause.kind == "requirement" else contract).append(_item(clause, choice, lang))
        meetings += [
            t.Meeting(clause_id=clause.id, tier=m.tier, name=m.name.get(lang), frequency=m.frequency,
                      participants=m.participants.get(lang), agenda=[a.get(lang) for a in m.agenda],
                      duration_minutes=m.duration_minutes)
            for m in clause.meetings
        ]
        escalation += [
            t.EscalationStep(clause_id=clause.id, level=s.level, who=s.who.get(lang),
                             term_working_days=s.term_working_days)
            for s in clause.escalation
        ]
        improvable += _improvable(clause, choice, lang)
    criteria = []
    for criterion in spec.award.criteria:
        clause = _clause(library, criterion.id)
        choice = next((c for c in spec.clauses if c.id == criterion.id), ClauseChoice(id=criterion.id))
        base = _item(clause, choice, lang)
        criteria.append(t.Criterion(**dict(base), weight=criterion.weight, value_eur=criterion.value_eur,
                                    scale=_scale(criterion.scale or spec.award.scale, lang)))
    activities = []
    for choice in spec.activities:
        activity = library.activities.get(choice.id)
        if activity is None:
            raise TenderpackError("unknown RACI activity", Location(item=choice.id))
        activities.append(t.Activity(
            id=activity.id, version=activity.version, category=activity.category,
            title=activity.title.get(lang),
            description=activity.description.get(lang) if activity.description else None,
            fixed=activity.fixed if choice.fixed is None else choice.fixed,
            roles=dict(choice.roles if choice.roles is not None else activity.roles),
            clauses=list(activity.clauses),
        ))
    authority = spec.authority
    return t.Tender(
        reference=spec.reference, title=spec.title.get(lang), summary=spec.summary.get(lang),
        authority=t.Authority(
            name=authority.name, address=authority.address,
            contact=t.Contact(name=authority.contact.name, email=authority.contact.email,
                              phone=authority.contact.phone,
                              role=authority.contact.role.get(lang) if authority.contact.role else None),
        ),
        procedure=spec.procedure, cpv=spec.cpv, contract_type=spec.contract_type, language=lang,
        estimated_value_eur=spec.estimated_value_eur, ocid_prefix=spec.ocid_prefix, dates=spec.dates,
        revision=spec.revision,
        revisions=[t.Revision(revision=r.revision, date=r.date, description=r.description.get(lang))
                   for r in spec.revisions],
        library_name=library.name, library_version=library.version,
        requirements=requirements, criteria=criteria, contract_clauses=contract, kpis=kpis,
        activities=activities, meetings=meetings, escalation=escalation, improvable=improvable,
        award=t.Award(method=spec.award.method, scale=_scale(spec.award.scale, lang),
                      price_weight=spec.award.price_weight, price_scoring=spec.award.price_scoring,
                      price_sheet=spec.award.price_sheet, tie_break=spec.award.tie_break),
        documents=[t.AttachedDocument(key=key, title=doc.title.get(lang),
                                      description=doc.description.get(lang), clauses=ids)
                   for key, doc, ids in library.referred_documents([c.id for c in spec.clauses])],
    )


def _clause(library: Library, clause_id: str) -> Clause:
    clause = library.clause(clause_id)
    if clause is None:
        raise TenderpackError(f"unknown clause (not in library {library.name})", Location(item=clause_id))
    return clause


def _texts(clause: Clause, choice: ClauseChoice, lang: Language) -> tuple[str, str]:
    values = {
        p.name: format_value(p, choice.parameters.get(p.name, p.default), lang) for p in clause.parameters
    }
    return fill(clause.title.get(lang), values), fill(clause.text.get(lang), values)


def _opt(text: Text | None, lang: Language) -> str | None:
    return text.get(lang) if text is not None else None


def _item(clause: Clause, choice: ClauseChoice, lang: Language) -> t.Item:
    title, text = _texts(clause, choice, lang)
    return t.Item(
        id=clause.id, version=clause.version, category=clause.category, kind=clause.kind,
        principles=list(clause.principles), title=title, text=text, obligation=clause.obligation,
        evidence=_opt(clause.evidence, lang), source=clause.source, tags=list(clause.tags),
        answer=_answer(clause, choice), suitability=clause.suitability,
    )


def _answer(clause: Clause, choice: ClauseChoice) -> Answer | None:
    """The clause's answer with a knock-out bound named by a parameter replaced by its value in this tender."""
    answer = clause.answer
    if not isinstance(answer, NumberAnswer):
        return answer
    bounds = {}
    for key in ("knockout_min", "knockout_max"):
        bound = getattr(answer, key)
        if isinstance(bound, str):
            parameter = clause.parameter(bound)
            assert parameter is not None  # Clause checks that the name is a numeric parameter
            bounds[key] = choice.parameters.get(bound, parameter.default)
    return answer.model_copy(update=bounds) if bounds else answer


def _kpi(clause: Clause, choice: ClauseChoice, lang: Language) -> t.Kpi:
    kpi = clause.kpi
    assert kpi is not None
    title, text = _texts(clause, choice, lang)
    low, high = kpi.value_bounds()
    consequence = None
    if kpi.consequence is not None:
        c = kpi.consequence
        consequence = t.Consequence(type=c.type, malus_percent=c.malus_percent, bonus_percent=c.bonus_percent,
                                    cap_percent=c.cap_percent, text=c.text.get(lang))
    return t.Kpi(
        id=clause.id, version=clause.version, category=clause.category, principles=list(clause.principles),
        title=title, text=text, definition=kpi.definition.get(lang), unit=kpi.unit, direction=kpi.direction,
        minimum=float(kpi.minimum if choice.minimum is None else choice.minimum),
        target=float(kpi.target if choice.target is None else choice.target),
        library_minimum=float(kpi.minimum), override_reason=_opt(choice.reason, lang), low=low, high=high,
        decimals=kpi.decimals, calculation=kpi.calculation.get(lang), frequency=kpi.frequency,
        data_source=kpi.data_source.get(lang), measured_by=kpi.measured_by, forum=kpi.forum.get(lang),
        consequence=consequence, offer_allowed=kpi.offer_allowed, norm=choice.norm or kpi.norm,
        obligation=clause.obligation,
        source=clause.source,
    )


def _improvable(clause: Clause, choice: ClauseChoice, lang: Language) -> list[t.Improvable]:
    """The terms of ``clause`` a bidder may promise better: its parameters with ``better``, then its
    meetings marked ``improvable`` (the frequency may only become more frequent, up to weekly)."""
    out = [
        t.Improvable(id=f"{clause.id}.{p.name}", clause_id=clause.id, kind="parameter", name=p.name,
                     label=p.label.get(lang), unit=p.unit, value=choice.parameters.get(p.name, p.default),
                     better=p.better, limit=p.min if p.better == "lower" else p.max)
        for p in clause.parameters if p.better is not None
    ]
    out += [
        t.Improvable(id=f"{clause.id}.{m.tier}", clause_id=clause.id, kind="frequency", name=m.tier,
                     label=m.name.get(lang), value=m.frequency, better="higher", limit=FREQUENCIES[0])
        for m in clause.meetings if m.improvable
    ]
    return out


def _scale(scale: Scale, lang: Language) -> list[t.ScaleStep]:
    return [t.ScaleStep(score=s.score, descriptor=s.descriptor.get(lang), share=s.share) for s in scale.steps]
