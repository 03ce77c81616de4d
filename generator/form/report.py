"""A plain-text account of a :class:`~generator.models.submission.Submission`, for ``tenderpack parse``.

Headings are English; values are shown in the form's language (Ja/Nee, decimal commas in Dutch) and
every finding in the form's language with the English beneath it. Each line is one line: bidder text
is escaped (:func:`~generator.characters.shown`).
"""

from __future__ import annotations

import datetime as dt

from .. import labels
from ..characters import shown
from ..models.submission import Answer, KpiOffer, Submission
from ..text import format_euro, format_number

_TEXT_PREVIEW = 60


def describe_submission(submission: Submission) -> str:
    """The submission as readable lines: identity, bidder, answers, KPI offers, responsibilities, price, findings."""
    s = submission
    lang = s.language
    lines = [(f"{s.tender_reference}, revision {s.revision} ({lang}), form format {s.form_version}: "
              f"{s.source.filename} ({s.source.size:,} bytes, sha256 {s.source.sha256[:12]})")]
    b = s.bidder
    lines.append(f"Bidder: {b.name or '-'}, KvK {b.kvk or '-'}, {b.email or '-'}")
    details = [("address", b.address), ("contact", b.contact), ("phone", b.phone), ("signatory", b.signatory),
               ("position", b.signatory_role), ("place", b.place), ("date", b.date and b.date.isoformat())]
    lines += [f"  {label}: {value}" for label, value in details if value]
    lines.append(f"Answers ({len(s.answers)}):")
    lines += [_answer(a, lang) for a in s.answers]
    if s.kpi_offers:
        lines.append(f"KPI offers ({len(s.kpi_offers)}):")
        lines += [_offer(k, lang) for k in s.kpi_offers]
    if s.responsibilities or s.activity_remarks:
        lines.append("Responsibilities:")
        by_activity: dict[str, list[str]] = {}
        for r in s.responsibilities:
            by_activity.setdefault(r.activity, []).append(f"{labels.label(labels.PARTY, r.party, lang)} {r.letters}")
        for activity, roles in by_activity.items():
            lines.append(f"  {activity:<9} {' · '.join(roles)}")
        lines += [f"  {activity:<9} remark: {_preview(remark)}" for activity, remark in s.activity_remarks.items()]
    if s.price_eur is not None:
        lines.append(f"Price: {format_euro(s.price_eur, lang)} (excl. VAT)")
    errors = sum(f.severity == "error" for f in s.findings)
    lines.append(f"Findings: {errors} error(s), {len(s.findings) - errors} warning(s)")
    for f in s.findings:
        where = " ".join(part for part in (f.cell, f.item) if part)
        lines.append(f"  {f.severity:<7} {f.code:<20} {where}: {f.message}")
        if lang != "en":
            lines.append(f"  {'':<28} (en) {f.message_en}")
    # Each line through the terminal escaping: bidder text can hold no line break or escape sequence.
    return "\n".join(map(shown, lines))


def _value(value: object, lang: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return labels.label(labels.YES_NO, "yes" if value else "no", lang)
    if isinstance(value, float):
        return format_number(value, lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    return _preview(str(value))


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= _TEXT_PREVIEW:
        return flat
    return f'"{flat[:_TEXT_PREVIEW - 1]}…" ({len(text):,} characters)'


def _answer(a: Answer, lang: str) -> str:
    shown = "see responsibilities" if a.answer_type == "raci" else _value(a.value, lang)
    extra = "".join(f"; {label}: {_preview(v)}" for label, v in (("remark", a.remark), ("attachment", a.attachment))
                    if v)
    return f"  {a.id:<9} {shown}  [{a.cell}]{extra}"


def _offer(k: KpiOffer, lang: str) -> str:
    if k.value is not None:
        offered = f"{format_number(k.value, lang)} {labels.label(labels.UNIT, k.unit, lang)}"
    elif k.accepted is not None:
        offered = f"accepted: {_value(k.accepted, lang)}"
    else:
        offered = "-"
    levels = (f"minimum {format_number(k.minimum, lang)}, target {format_number(k.target, lang)}, "
              f"{labels.label(labels.DIRECTION, k.direction, lang)}")
    remark = f"; remark: {_preview(k.remark)}" if k.remark else ""
    return f"  {k.id:<9} {offered}  ({levels})  [{k.cell}]{remark}"
