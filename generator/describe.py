"""Plain-text descriptions of library entries, for ``tenderpack library show``."""

from __future__ import annotations

from . import labels
from .errors import InputError, Location
from .library import Library
from .models.base import Language
from .models.clause import Clause, RaciActivity
from .text import format_number


def describe(library: Library, entry_id: str, lang: Language) -> str:
    """A readable, multi-line description of the clause or activity ``entry_id`` in ``lang``.

    Raises :class:`InputError` when the library has no such ID.
    """
    if entry_id in library.clauses:
        return _clause(library.clauses[entry_id], lang, library.origins[entry_id])
    if entry_id in library.activities:
        return _activity(library.activities[entry_id], lang, library.origins[entry_id])
    raise InputError("no clause or activity with this ID in the library", Location(item=entry_id))


def _clause(c: Clause, lang: Language, origin: str) -> str:
    lines = [
        f"{c.id} v{c.version}  {c.title.get(lang)}",
        f"  {labels.label(labels.KIND, c.kind, lang)} · {labels.label(labels.CATEGORY, c.category, lang)} · "
        f"{labels.label(labels.OBLIGATION, c.obligation, lang)}",
        "  principles: " + "; ".join(f"{p} {labels.label(labels.PRINCIPLE, p, lang)}" for p in c.principles),
        "",
        c.text.get(lang),
        "",
    ]
    for p in c.parameters:
        unit = f" {labels.label(labels.UNIT, p.unit, lang)}" if p.unit else ""
        bounds = ""
        if p.min is not None or p.max is not None:
            bounds = f" [{'' if p.min is None else p.min}..{'' if p.max is None else p.max}]"
        if p.choices:
            bounds = " {" + ", ".join(p.choices) + "}"
        lines.append(f"  parameter {p.name} ({p.type}{unit}){bounds}: default {p.default!r} — {p.label.get(lang)}")
    if c.answer is not None:
        lines.append(f"  answer: {labels.label(labels.ANSWER_TYPE, c.answer.type, lang)}")
    if c.evidence is not None:
        lines.append(f"  evidence: {c.evidence.get(lang)}")
    if c.kpi is not None:
        k = c.kpi
        unit = labels.label(labels.UNIT, k.unit, lang)
        lines += [
            f"  KPI: {k.definition.get(lang)}",
            f"    minimum {format_number(k.minimum, lang)} {unit}, target {format_number(k.target, lang)} {unit} "
            f"({labels.label(labels.DIRECTION, k.direction, lang)})",
            f"    calculation: {k.calculation.get(lang)}",
            f"    {labels.label(labels.FREQUENCY, k.frequency, lang)} · source: {k.data_source.get(lang)} · "
            f"measured by: {labels.label(labels.PARTY, k.measured_by, lang)} · forum: {k.forum.get(lang)}",
            f"    bidders may offer better: {'yes' if k.offer_allowed else 'no'} · binding norm (default): "
            f"{labels.label(labels.NORM, k.norm, lang)}",
        ]
        if k.consequence is not None:
            lines.append(f"    consequence ({labels.label(labels.CONSEQUENCE, k.consequence.type, lang)}, "
                         f"cap {format_number(k.consequence.cap_percent, lang)}%): {k.consequence.text.get(lang)}")
    for m in c.meetings:
        lines.append(f"  meeting ({labels.label(labels.TIER, m.tier, lang)}): {m.name.get(lang)}, "
                     f"{labels.label(labels.FREQUENCY, m.frequency, lang)}; {m.participants.get(lang)}")
    for s in c.escalation:
        lines.append(f"  escalation {s.level}: {s.who.get(lang)} ({s.term_working_days} "
                     f"{labels.label(labels.UNIT, 'working_days', lang)})")
    lines += [f"  source: {c.source}", f"  tags: {', '.join(c.tags) or '-'}", f"  defined at {origin}"]
    return "\n".join(lines)


def _activity(a: RaciActivity, lang: Language, origin: str) -> str:
    lines = [
        f"{a.id} v{a.version}  {a.title.get(lang)}",
        f"  RACI activity · {labels.label(labels.CATEGORY, a.category, lang)} · {'fixed' if a.fixed else 'open'}",
    ]
    if a.description is not None:
        lines += ["", a.description.get(lang), ""]
    for party, letters in a.roles.items():
        lines.append(f"  {labels.label(labels.PARTY, party, lang):<16} {letters or '-'}")
    if a.clauses:
        lines.append(f"  clauses: {', '.join(a.clauses)}")
    lines.append(f"  defined at {origin}")
    return "\n".join(lines)
