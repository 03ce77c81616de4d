"""The comparison report (.docx): the evaluation written out as the basis of the award decision letter.

In the tender's language, on the house-style base template (:func:`generator.document.render.render_content`
with the content template ``comparison-report.docx``). The first page names the tender and says who
ranks first (or that the first place goes to lots), how many bids came in and why any were set aside as invalid.
Then: the method with its formulas, the ranking, and per bid every input, calculation and result, so
anyone can recompute the ranking by hand, and how the tie-break rule was applied; per bid the knock-out
check (every requirement and KPI minimum, with the reason and form cell of every fail) and the
committee's consensus scores with their reasons; the KPI offers side by side; where each bid's
responsibilities (RACI) differ from the tender's proposal; the award decision and standstill period.

Every number is the one :func:`~generator.evaluation.evaluate` ranked on. Bidder text (names,
motivations, answers) is data: the renderer autoescapes it in a sandbox, so it appears as typed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from .. import labels
from ..agreement.terms import PARTIES, raci_terms
from ..document.render import render_content
from ..errors import InputError
from ..models.evaluation import BidResult, ComplianceMatrix, ComplianceRow, Evaluation, Tie
from ..models.spec import LinearPrice
from ..models.submission import FormFinding, KpiOffer, Submission
from ..models.tender import Kpi, Tender
from ..records import bidder_key
from ..text import format_date, format_euro, format_number
from ..timeline import evaluation_date
from .reservations import CODE, MATERIAL
from .wording import words

CONTENT_TEMPLATE = "comparison-report.docx"
KPI_COLUMNS = 4
"""Bidders per KPI table: more bidders continue in a next table with the same KPI rows."""
FILL = {"target": "C6EFCE", "between": "FFEB9C", "fail": "FFC7CE", "missing": "E7E6E6", "plain": "FFFFFF"}
"""Cell shading: Excel's green, yellow and red "good/neutral/bad" fills, grey for no offer."""


def write_comparison_docx(evaluation: Evaluation, matrix: ComplianceMatrix, tender: Tender,
                          submissions: list[Submission], *, built: dt.datetime,
                          template: Path | None = None, on: dt.date | None = None) -> bytes:
    """The comparison report of ``evaluation`` as .docx bytes (see the module).

    ``matrix`` is the :func:`~generator.evaluation.compliance` matrix and ``submissions`` the bids that
    it and ``evaluation`` were made from (for the files, KPI offers and responsibilities). ``template``
    is the base template (``None``: the bundled house style of ``tender.language``). The report is dated
    ``on`` or else the planned award decision (:func:`~generator.timeline.evaluation_date`); ``built``
    dates the file's metadata; the same inputs give the same bytes. Raises
    :class:`~generator.errors.InputError` when evaluation, matrix, tender and submissions do not belong
    together, :class:`~generator.errors.ValidationFailed` naming the spec field when the date cannot be
    set, :class:`~generator.errors.TemplateError` for an unusable base template.
    """
    check_together(evaluation, matrix, tender, submissions)
    dated = evaluation_date(tender, on)
    return render_content(CONTENT_TEMPLATE,
                          lambda renderer: comparison_context(evaluation, matrix, tender, submissions, dated),
                          tender, kind=words(tender.language)["doc_kind"], built=built, template=template)


def check_together(ev: Evaluation, matrix: ComplianceMatrix, tender: Tender, submissions: list[Submission]) -> None:
    """:class:`~generator.errors.InputError` unless evaluation, matrix, tender and submissions belong
    together: one tender revision, the same bidders, one submission each."""
    for what, reference, revision in (("evaluation", ev.tender_reference, ev.revision),
                                      ("compliance matrix", matrix.tender_reference, matrix.revision)):
        if (reference, revision) != (tender.reference, tender.revision):
            raise InputError(f"the {what} is of tender {reference} revision {revision}, not of "
                             f"{tender.reference} revision {tender.revision}")
    rows = {row.bidder for row in matrix.rows}
    evaluated = {r.bidder for r in ev.ranking} | {e.bidder for e in ev.set_aside}
    keys = [bidder_key(s) for s in submissions]
    if rows != evaluated or rows != set(keys) or len(keys) != len(set(keys)):
        raise InputError("the evaluation, the compliance matrix and the submissions name different bidders")


def comparison_context(ev: Evaluation, matrix: ComplianceMatrix, tender: Tender,
                       submissions: list[Submission], dated: dt.date) -> dict[str, Any]:
    """The render context of the report: plain strings, lists and dicts, all in the tender's language."""
    f = Format(tender.language)
    w = f.w
    names = {row.bidder: row.name for row in matrix.rows}
    order = [r.bidder for r in ev.ranking] + [e.bidder for e in ev.set_aside]
    by_key = {bidder_key(s): s for s in submissions}
    rows = {row.bidder: row for row in matrix.rows}
    results = {r.bidder: r for r in ev.ranking}
    weighted = ev.method == "weighted_score"
    cover = [_fact(w["f_reference"], tender.reference), _fact(w["f_title"], tender.title),
             _fact(w["f_authority"], tender.authority.name),
             _fact(w["f_procedure"], labels.label(labels.PROCEDURE, tender.procedure, f.lang)),
             _fact(w["f_documents"], w["f_documents_value"].format(revision=tender.revision)),
             _fact(w["f_method"], labels.label(labels.METHOD, ev.method, f.lang)),
             _fact(w["f_date"], f.date(dated))]
    if tender.dates.award_decision is not None:
        planned = w["f_decision_value"].format(date=f.date(tender.dates.award_decision))
        cover.append(_fact(w["f_decision"], planned))
    return {
        "w": w, "weighted": weighted, "subtitle": w["subtitle"], "cover": cover,
        "points_head": w["col_points" if weighted else "col_value_earned"],
        "t": {"reference": tender.reference, "authority": tender.authority.name, "revision": tender.revision,
              "date": f.date(dated)},
        "summary": _summary(ev, f, len(matrix.rows)),
        "set_aside": [{"name": e.name, "reasons": " ".join(f.reason(r) for r in e.reasons)}
                     for e in ev.set_aside],
        "decisions": _decisions(ev, f),
        "conclusion": _conclusion(ev, f),
        "method": _method(ev, tender, f),
        "ranking": [{"rank": str(r.rank), "name": r.name, "price": f.euro(r.price_eur),
                     "quality": f.amount(r.quality, weighted), "price_points": f.points(r.price_points),
                     "total": f.amount(r.total, weighted)} for r in ev.ranking],
        "calculations": [_calculation(r, ev, f) for r in ev.ranking],
        "ties": [_tie(t, ev, f) for t in ev.ties] or [w["no_ties"].format(rule=w[f"rule_{ev.tie_break}"])],
        "bids": [_bid(rows[k], results.get(k), by_key[k], ev, matrix, tender, f) for k in order],
        "kpi_groups": _kpi_groups(tender, [by_key[k] for k in order], names, set(results), f),
        "raci": [_raci(by_key[k], names[k], tender, f) for k in order] if tender.activities else [],
        "standstill": _standstill(ev, tender, f),
    }


class Format:
    """Numbers, amounts, dates and findings written in one language (shared with the award letters)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.w = words(lang)

    def date(self, value: dt.date) -> str:
        return format_date(value, self.lang)

    def euro(self, value: Decimal | float | None) -> str:
        return "–" if value is None else format_euro(float(value), self.lang).replace(" ", "\u00a0")

    def points(self, value: Decimal | None) -> str:
        return "–" if value is None else format_number(float(value), self.lang, 2)

    def number(self, value: Decimal | float | None) -> str:
        return "–" if value is None else format_number(float(value), self.lang)

    def amount(self, value: Decimal | None, weighted: bool) -> str:
        """Points for the weighted score method, euros for award on value."""
        return self.points(value) if weighted else self.euro(value)

    def total(self, value: Decimal, weighted: bool) -> str:
        """A total in a sentence: "76,00 punten" or an amount in euros."""
        return self.w["points_value"].format(value=self.points(value)) if weighted else self.euro(value)

    def percent(self, share: Decimal) -> str:
        return f"{format_number(float(share * 100), self.lang)}%"

    def score(self, value: float | None) -> str:
        return "–" if value is None else format_number(value, self.lang)

    def reason(self, finding: FormFinding) -> str:
        """A finding's message in this language, led by its item ID and followed by its form cell."""
        text = (finding.message_en if self.lang == "en" else finding.message).strip()
        if finding.item and not text.startswith(finding.item):
            lead = text[:1].lower() if text[1:2].islower() else text[:1]
            text = f"{finding.item}: {lead}{text[1:]}"
        return self.w["cell"].format(text=text.rstrip("."), cell=finding.cell) if finding.cell else text

    def names(self, items: list[str]) -> str:
        """``a``, ``a en b``, ``a, b en c`` (``and`` in English)."""
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {'en' if self.lang == 'nl' else 'and'} {items[-1]}"


def _fact(label: str, value: str) -> dict[str, str]:
    return {"label": label, "value": value}


def _counted(w: dict[str, str], key: str, n: int) -> str:
    return w[f"{key}_1"] if n == 1 else w[key].format(n=n)


def _summary(ev: Evaluation, f: Format, received: int) -> list[str]:
    """The opening paragraphs: bids received, admitted and set aside (those follow as a list)."""
    w = f.w
    lines = [_counted(w, "received", received)]
    lines.append(w["admitted_0"] if not ev.ranking else _counted(w, "admitted", len(ev.ranking)))
    if ev.set_aside:
        lines.append(_counted(w, "set_aside", len(ev.set_aside)))
    return lines


def _decisions(ev: Evaluation, f: Format) -> str:
    """The line of the summary on the committee's decisions on reservations (empty without any)."""
    return _counted(f.w, "reservations", len(ev.reservations)) if ev.reservations else ""


def _conclusion(ev: Evaluation, f: Format) -> list[str]:
    """Who ranks first, the runner-up and its distance, or the lot for the first place; then the basis."""
    w, weighted = f.w, ev.method == "weighted_score"
    first = [r for r in ev.ranking if r.rank == 1]
    lines = []
    if len(first) > 1:
        lines.append(w["first_lot"].format(names=f.names([r.name for r in first]),
                                           total=f.total(first[0].total, weighted)))
    elif first:
        top = first[0]
        lines.append(w["first_weighted" if weighted else "first_value"].format(
            name=top.name, total=f.amount(top.total, weighted)))
        tie = next((t for t in ev.ties if t.rank == 1), None)
        if tie is not None:
            names = f.names([r.name for r in ev.ranking if r.bidder in tie.bidders])
            lines.append(w["first_tie"].format(names=names, total=f.total(top.total, weighted),
                                               rule=w[f"rule_{tie.rule}"], name=top.name))
        second = next((r for r in ev.ranking if r.rank > 1), None)
        if second is not None:
            diff = abs(top.total - second.total)
            lines.append(w["second_weighted" if weighted else "second_value"].format(
                name=second.name, total=f.amount(second.total, weighted), diff=f.amount(diff, weighted)))
        lines.append(w["eligible"].format(name=top.name))
    return [*lines, w["basis"]]


def _method(ev: Evaluation, tender: Tender, f: Format) -> dict[str, Any]:
    """The published method: introduction, formulas, rounding and the table of components."""
    w, weighted = f.w, ev.method == "weighted_score"
    price_weight = ev.price_weight or Decimal(0)
    pw = f.number(price_weight)
    if not weighted:
        formulas = [w["f_earned"], w["f_fictive"]]
    elif not price_weight:
        formulas = [w["f_quality"], w["f_total_quality"]]
    elif isinstance(ev.price_scoring, LinearPrice):
        rule = ev.price_scoring
        linear = w["f_linear"].format(pw=pw, best=f.euro(rule.best), worst=f.euro(rule.worst))
        formulas = [w["f_quality"], linear, w["f_total"]]
    else:
        formulas = [w["f_quality"], w["f_relative"].format(pw=pw), w["f_total"]]
    notes = [w["rounding_weighted" if weighted else "rounding_value"],
             w["params_weighted" if weighted else "params_value"]]
    if weighted and price_weight and not isinstance(ev.price_scoring, LinearPrice) and ev.lowest_price_eur:
        notes.insert(1, w["lowest_price"].format(lowest=f.euro(ev.lowest_price_eur)))
    rows = []
    for c in tender.criteria:
        if weighted:
            amount, scale = f"{f.number(c.weight)}%", ", ".join(str(s.score) for s in c.scale)
        else:
            amount = f.euro(c.value_eur)
            scale = ", ".join(f"{s.score}: {f.percent(Decimal(repr(s.share or 0.0)))}" for s in c.scale)
        rows.append({"id": c.id, "title": c.title, "amount": amount, "scale": scale})
    if weighted and price_weight:
        rows.append({"id": "", "title": w["price"], "amount": f"{pw}%", "scale": w["price_weight_scale"]})
    return {"intro": w["method_weighted" if weighted else "method_value"].format(revision=tender.revision),
            "formulas": formulas, "notes": notes, "amount_head": w["col_weight" if weighted else "col_value"],
            "scale_head": w["col_scale" if weighted else "col_scale_share"], "rows": rows}


def _row(component: str, given: str, calculation: str, outcome: str) -> dict[str, str]:
    return {"component": component, "input": given, "calculation": calculation, "outcome": outcome}


def _calculation(r: BidResult, ev: Evaluation, f: Format) -> dict[str, Any]:
    """Every input, calculation and result of one ranked bid, the total last."""
    w = f.w
    rows = []
    if ev.method == "weighted_score":
        for c in r.criteria:
            rows.append(_row(f"{c.criterion} {c.title}",
                             f"{w['score_of'].format(score=c.score, max=c.max_score)}; "
                             f"{w['weight_input'].format(weight=f.number(c.weight) + '%')}",
                             f"{f.number(c.weight)} × {c.score} / {c.max_score}", f.points(c.points)))
        parts = [f.points(c.points) for c in r.criteria]
        rows.append(_row(w["sum_quality"], "", " + ".join(parts), f.points(r.quality)))
        rows.append(_price_row(r, ev, f))
        total = _row(w["total_weighted"], "", f"{f.points(r.quality)} + {f.points(r.price_points)}",
                     f.points(r.total))
    else:
        for c in r.criteria:
            share = f.percent(c.share or Decimal(0))
            rows.append(_row(f"{c.criterion} {c.title}",
                             w["score_share"].format(score=c.score, max=c.max_score, share=share),
                             f"{f.euro(c.value_eur)} × {share}", f.euro(c.earned_eur)))
        rows.append(_row(w["sum_earned"], "", " + ".join(f.euro(c.earned_eur) for c in r.criteria),
                         f.euro(r.quality)))
        rows.append(_row(w["bid_price"], "", "", f.euro(r.price_eur)))
        total = _row(w["total_value"], "", f"{f.euro(r.price_eur)} − {f.euro(r.quality)}", f.euro(r.total))
    return {"rank": str(r.rank), "name": r.name, "rows": rows, "total": [total]}


def _price_row(r: BidResult, ev: Evaluation, f: Format) -> dict[str, str]:
    """The price points of one bid with the published rule's formula filled in."""
    w = f.w
    weight = ev.price_weight or Decimal(0)
    pw, price = f.number(weight), f.euro(r.price_eur)
    if not weight:
        return _row(w["price"], price, w["price_not_counted"], f.points(r.price_points))
    rule = ev.price_scoring
    if isinstance(rule, LinearPrice):
        formula = f"{pw} × ({f.euro(rule.worst)} − {price}) / ({f.euro(rule.worst)} − {f.euro(rule.best)})"
        if r.price_eur is not None and not rule.best <= float(r.price_eur) <= rule.worst:
            formula = w["clamped"].format(formula=formula)
        return _row(w["price"], price, formula, f.points(r.price_points))
    lowest = f.euro(ev.lowest_price_eur)
    return _row(w["price"], w["price_input_relative"].format(price=price, lowest=lowest),
                f"{pw} × {lowest} / {price}", f.points(r.price_points))


def _tie(tie: Tie, ev: Evaluation, f: Format) -> str:
    """One tie: who finished level, the rule, the rule's measure per bid, and its outcome or the lot."""
    w, weighted = f.w, ev.method == "weighted_score"
    tied = [r for r in ev.ranking if r.bidder in tie.bidders]
    names = {r.bidder: r.name for r in tied}
    parts = [w["tie"].format(names=f.names([r.name for r in tied]), total=f.total(tied[0].total, weighted),
                             rule=w[f"rule_{tie.rule}"])]
    if tie.rule == "highest_quality":
        values = "; ".join(f"{r.name} {f.amount(r.quality, weighted)}" for r in tied)
        parts.append(w["tie_measure_quality" if weighted else "tie_measure_earned"].format(values=values))
    elif tie.rule == "lowest_price":
        parts.append(w["tie_measure_price"].format(values="; ".join(f"{r.name} {f.euro(r.price_eur)}"
                                                                    for r in tied)))
    if tie.decided:
        parts.append(w["tie_decided"].format(order=", ".join(f"{r.rank}. {r.name}" for r in tied)))
    for group in tie.lots:
        rank = next(r.rank for r in tied if r.bidder == group[0])
        lot = f.names([names[b] for b in group])
        if tie.rule != "lot":
            parts.append(w["tie_not_separated"].format(lot=lot))
        parts.append(w["tie_lot"].format(lot=lot, rank=rank))
    return " ".join(parts)


def _bid(row: ComplianceRow, result: BidResult | None, sub: Submission, ev: Evaluation,
         matrix: ComplianceMatrix, tender: Tender, f: Format) -> dict[str, Any]:
    """One bid: its facts, its knock-out check, and its scores with reasons when it was ranked."""
    w, weighted = f.w, ev.method == "weighted_score"
    kpis = {k.id: k for k in tender.kpis}
    offers = {o.id: o for o in sub.kpi_offers}
    facts = [_fact(w["f_kvk"], row.kvk or "–"), _fact(w["f_file"], sub.source.filename),
             _fact(w["f_hash"], sub.source.sha256)]
    if result is not None:
        shared = sum(1 for r in ev.ranking if r.rank == result.rank) > 1
        rank = w["rank_shared" if shared else "rank_of"].format(rank=result.rank, n=len(ev.ranking))
        facts += [_fact(w["f_result"], rank), _fact(w["col_price"], f.euro(result.price_eur))]
        if weighted:
            facts += [_fact(w["col_quality"], f.points(result.quality)),
                      _fact(w["col_price_points"], f.points(result.price_points)),
                      _fact(w["col_total"], f.points(result.total))]
        else:
            facts += [_fact(w["col_earned"], f.euro(result.quality)),
                      _fact(w["col_fictive"], f.euro(result.total))]
    else:
        facts.append(_fact(w["f_result"], w["set_aside_result"]))
    cells, suitability = [], []
    for column, cell in zip(matrix.columns, row.cells, strict=True):
        title, value = column.title, cell.value or "–"
        if column.kind == "kpi":
            kpi = kpis[column.item]
            minimum = format_number(kpi.minimum, f.lang, kpi.decimals)
            title = w["kpi_minimum"].format(title=title, minimum=minimum,
                                            unit=labels.label(labels.UNIT, kpi.unit, f.lang))
            offer = offers.get(kpi.id)
            if offer is not None and offer.value is not None:
                value = format_number(offer.value, f.lang, kpi.decimals)
        outcome = w["passed"] if cell.passed else w["failed"].format(
            reasons=" ".join(f.reason(r) for r in cell.reasons))
        shown = {"id": column.item, "title": title, "value": value, "outcome": outcome,
                 "color": FILL["plain" if cell.passed else "fail"]}
        (suitability if column.kind == "suitability" else cells).append(shown)
    # The suitability requirements concern the bidder and are checked apart from those on the bid.
    kinds = [column.kind == "suitability" for column in matrix.columns]
    unsuitable = sum(not c.passed for c, own in zip(row.cells, kinds, strict=True) if own)
    failed = sum(not c.passed for c, own in zip(row.cells, kinds, strict=True) if not own)
    suitable = (w["suitability_failed"].format(k=unsuitable, n=len(suitability)) if unsuitable else
                _counted(w, "suitability_passed", len(suitability)) if suitability else "")
    line = (w["knockout_failed"].format(k=failed, n=len(cells)) if failed else
            w["knockout_passed" if row.admitted or unsuitable else "knockout_other"].format(n=len(cells)))
    scores = [{"criterion": f"{c.criterion} {c.title}",
               "score": w["score_value"].format(score=c.score, max=c.max_score),
               "evaluators": " · ".join(f.score(s) for s in c.evaluator_scores) or "–",
               "points": f.points(c.points) if weighted else f.euro(c.earned_eur), "motivation": c.motivation}
              for c in (result.criteria if result else [])]
    # Reservations are shown with the committee's decision, not again among the notes.
    notes = [f.reason(n) for n in [*(n for c in row.cells for n in c.notes), *row.notes] if n.code != CODE]
    reservations = []
    for decided in (r for r in ev.reservations if r.bidder == row.bidder):
        found = " ".join(f.reason(n) for n in decided.findings)
        reservations += [w["reservation_found"].format(item=decided.item, found=found),
                         w[f"decision_{decided.decision}"].format(motivation=decided.motivation)]
    other = [f.reason(r) for r in row.other if r.code != MATERIAL]
    return {"name": row.name, "facts": facts, "suitable": suitable, "suitability": suitability,
            "reservations": reservations,
            "knockout": line, "cells": cells,
            "other": other, "notes": notes, "scores": scores}


def _offer(kpi: Kpi, offer: KpiOffer | None, f: Format) -> tuple[str, str]:
    """One bidder's offer on ``kpi`` as shown, with its shading."""
    if offer is None or (offer.value is None and offer.accepted is None):
        return "–", FILL["missing"]
    if offer.value is None:
        answer = labels.label(labels.YES_NO, "yes" if offer.accepted else "no", f.lang)
        return answer, FILL["target" if offer.accepted else "fail"]
    value = format_number(offer.value, f.lang, kpi.decimals)
    if not kpi.is_better_or_equal(offer.value, kpi.minimum):
        return f.w["below_minimum"].format(value=value), FILL["fail"]
    return value, FILL["target" if kpi.is_better_or_equal(offer.value, kpi.target) else "between"]


def _kpi_groups(tender: Tender, subs: list[Submission], names: dict[str, str], ranked: set[str],
                f: Format) -> list[dict[str, Any]]:
    """The KPI offers side by side, :data:`KPI_COLUMNS` bidders per table."""
    if not tender.kpis:
        return []
    groups = []
    for start in range(0, len(subs), KPI_COLUMNS):
        chunk = subs[start:start + KPI_COLUMNS]
        heads = []
        for sub in chunk:
            key = bidder_key(sub)
            heads.append(names[key] if key in ranked else f.w["set_aside_mark"].format(name=names[key]))
        rows = []
        for kpi in tender.kpis:
            unit = labels.label(labels.UNIT, kpi.unit, f.lang)
            direction = labels.label(labels.DIRECTION, kpi.direction, f.lang)
            shown = [_offer(kpi, next((o for o in sub.kpi_offers if o.id == kpi.id), None), f)
                     for sub in chunk]
            rows.append({"title": f"{kpi.id} {kpi.title} ({unit}; {direction})",
                         "minimum": format_number(kpi.minimum, f.lang, kpi.decimals),
                         "target": format_number(kpi.target, f.lang, kpi.decimals),
                         "offers": [s[0] for s in shown], "colors": [s[1] for s in shown]})
        groups.append({"size": len(chunk), "names": heads, "rows": rows})
    return groups


def _raci(sub: Submission, name: str, tender: Tender, f: Format) -> dict[str, Any]:
    """Where one bid's responsibilities differ from the tender's proposal, per activity and party."""
    rows = []
    for term in raci_terms(tender, sub):
        for party in (p for p in PARTIES if p in term.changed):
            rows.append({"activity": f"{term.id} {term.title}",
                         "party": labels.label(labels.PARTY, party, f.lang),
                         "default": term.default[party] or "–", "offered": term.roles[party] or "–"})
    return {"name": name, "rows": rows}


def _standstill(ev: Evaluation, tender: Tender, f: Format) -> list[str]:
    """The award decision, the standstill period with its dates, and what is kept."""
    w, dates = f.w, tender.dates
    lines = [w["decision"]]
    if dates.standstill_days:
        lines.append(w["standstill"].format(days=dates.standstill_days))
        if dates.award_decision is not None:
            lines.append(w["standstill_dates"].format(decision=f.date(dates.award_decision),
                                                      end=f.date(dates.standstill_end)))
    else:
        lines.append(w["standstill_none"])
    if ev.ranking and ev.winner is None:
        lines.append(w["standstill_lot"])
    return [*lines, w["records"]]
