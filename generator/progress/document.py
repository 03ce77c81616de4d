"""The progress report as a Word document (.docx), on the house-style base template.

The first page is for a steering-group member: the KPI status table with coloured status cells and
trends, three lines on KPIs, scores, actions and money, the bottlenecks and the successes. Then per
KPI its facts, a trend chart (:mod:`generator.progress.charts`) and its periods; the incentives with
every amount's inputs (period fee, rule, amount, settled); the collaboration scores; the actions.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from .. import labels
from ..document.render import render_content
from ..models.tender import Tender
from ..text import format_date, format_euro, format_number
from .charts import GREEN, NAVY, Line, trend_chart
from .models import KpiProgress, Progress
from .wording import words

CONTENT_TEMPLATE = "progress-report.docx"
STATUS_FILL = {"target_met": "C6EFCE", "norm_met": "FFEB9C", "below_norm": "FFC7CE", "not_measured": "E7E6E6"}
"""Cell shading per status: Excel's green, yellow and red "good/neutral/bad" fills, grey for gaps."""
COMMITMENT_FILL = {"fulfilled": "C6EFCE", "partly": "FFEB9C", "not_fulfilled": "FFC7CE",
                   "not_applicable": "FFFFFF", "not_recorded": "E7E6E6"}
"""Cell shading per commitment status, in the same colours."""
_SUCCESS_LIMIT = 5


def render_progress_docx(progress: Progress, tender: Tender, *, built: dt.datetime,
                         template: Path | None = None, on: dt.date | None = None) -> bytes:
    """``progress`` as a .docx report; ``template`` is the base template (``None``: the bundled one).

    ``tender`` supplies the header's reference and authority and the document language. The report is
    dated ``on``, else the end of the reported period (``progress.as_of``); ``built`` dates only the
    file's metadata. The same inputs give the same bytes.
    """
    kind = words(progress.language)["doc_kind"]
    dated = on or progress.as_of
    return render_content(CONTENT_TEMPLATE, lambda renderer: progress_context(progress, dated, renderer), tender,
                          kind=kind, built=built, template=template)


def _num(value: float | None, decimals: int | None, lang: str) -> str:
    return "–" if value is None else format_number(value, lang, decimals)


def _euro(value: float | None, lang: str) -> str:
    return "–" if value is None else format_euro(value, lang)


def progress_context(progress: Progress, dated: dt.date, renderer: DocxTemplate | None) -> dict[str, Any]:
    """The render context of the report (plain strings; charts as ``InlineImage`` when a renderer is given)."""
    p, lang = progress, progress.language
    w = words(lang)
    status = {k: w[f"s_{k}"] for k in STATUS_FILL}
    glance = []
    for k in p.kpis:
        latest = k.latest
        glance.append({"name": f"{k.id} {k.title}", "period": latest.label if latest else "–",
                       "value": _num(latest.value if latest else None, k.decimals, lang),
                       "minimum": _num(k.minimum, k.decimals, lang), "norm": _num(k.norm, k.decimals, lang),
                       "target": _num(k.target, k.decimals, lang),
                       "status": status[latest.status if latest else "not_measured"],
                       "color": STATUS_FILL[latest.status if latest else "not_measured"],
                       "trend": w[f"t_{k.trend}"]})
    counts = {s: sum(1 for k in p.kpis if (k.latest.status if k.latest else "not_measured") == s) for s in STATUS_FILL}
    recent_gaps = sum(1 for k in p.kpis if k.periods and k.periods[-1].status == "not_measured")
    scores = {s.party: _num(s.latest, 1, lang) for s in p.scores}
    open_actions = [a for a in p.actions if a.status not in ("done", "cancelled")]
    year = p.years[-1] if p.years else None
    lines = [w["glance_kpis"].format(met=counts["target_met"], total=len(p.kpis), norm=counts["norm_met"],
                                     below=counts["below_norm"], missing=counts["not_measured"] + recent_gaps),
             w["glance_scores"].format(client=scores.get("client", "–"), contractor=scores.get("contractor", "–")),
             w["glance_actions"].format(open=len(open_actions), overdue=sum(a.overdue for a in p.actions),
                                        done=sum(a.status == "done" for a in p.actions))]
    if p.commitments:
        lines.append(w["glance_commitments"].format(**{s: sum(c.status == s for c in p.commitments)
                                                       for s in COMMITMENT_FILL}))
    if year is not None and p.annual_fee is not None:
        lines.append(w["glance_money"].format(year=year.contract_year, malus=_euro(year.malus, lang),
                                              bonus=_euro(year.bonus, lang)))
    cover = [{"label": w["f_contract"], "value": f"{p.reference} · {p.title}"},
             {"label": w["f_contractor"], "value": f"{p.bidder} (KvK {p.bidder_kvk})" if p.bidder else "–"},
             {"label": w["f_period"], "value": f"{format_date(p.contract_start, lang)} – "
                                               f"{format_date(p.contract_end, lang)}"}]
    return {
        "w": w, "subtitle": w["subtitle"].format(date=format_date(p.as_of, lang)), "cover": cover,
        "t": {"reference": p.reference, "authority": p.authority, "revision": format_date(p.as_of, lang),
              "date": format_date(dated, lang)},
        "glance": glance if any(k.periods for k in p.kpis) else [], "glance_lines": lines,
        "none_measured": w["none_measured"].format(date=format_date(p.as_of, lang)),
        "commitments": [{"id": c.id, "title": c.title, "period": c.period or "–", "status": w[f"cs_{c.status}"],
                         "color": COMMITMENT_FILL[c.status], "evidence": c.evidence or ""} for c in p.commitments],
        "bottlenecks": [s.model_dump() for s in p.bottlenecks],
        "successes": [s.model_dump() for s in p.successes[:_SUCCESS_LIMIT]],
        "kpis": [_kpi(k, lang, renderer) for k in p.kpis],
        "fee_line": f"{w['f_fee']}: {_fee(p)}",
        "consequences": _consequences(p), "year_totals": _year_totals(p),
        "score_chart": _score_chart(p, renderer), "score_rows": _score_rows(p),
        "actions": [{"id": a.id, "description": a.description or "", "kpi": a.kpi or "", "owner": a.owner or "",
                     "due": format_date(a.due, lang) if a.due else "–",
                     "status": w[f"st_{a.status}"] if a.status else "–",
                     "color": "FFC7CE" if a.overdue else "C6EFCE" if a.status == "done" else "FFFFFF"}
                    for a in p.actions],
        "method": [w["method"].format(reference=p.reference, date=format_date(p.as_of, lang))],
    }


def _fee(p: Progress) -> str:
    """The annual fee and how it was derived, so every amount can be traced back to it."""
    w, lang = words(p.language), p.language
    if p.annual_fee is None:
        return w["fee_unknown"]
    fee = format_euro(p.annual_fee, lang)
    if p.fee_basis == "parameter":
        return w["fee_parameter"].format(fee=fee)
    return w[f"fee_{p.fee_basis}"].format(fee=fee, price=format_euro(p.annual_fee * p.contract_years, lang),
                                          years=format_number(round(p.contract_years, 2), lang))


def _kpi(k: KpiProgress, lang: str, renderer: DocxTemplate | None) -> dict[str, Any]:
    w = words(lang)
    unit = labels.label(labels.UNIT, k.unit, lang)
    facts = [{"label": w["col_minimum"], "value": f"{_num(k.minimum, k.decimals, lang)} {unit}"},
             {"label": w["col_standard"], "value": k.norm_text},
             {"label": w["col_target"], "value": f"{_num(k.target, k.decimals, lang)} {unit}"},
             {"label": w["col_rating"], "value": w[f"r_{k.rating}"]},
             {"label": w["col_trend"], "value": w[f"t_{k.trend}"] + (
                 f" ({_num(k.latest.value, k.decimals, lang)} / {_num(k.trend_basis, k.decimals, lang)})"
                 if k.trend_basis is not None and k.latest else "")}]
    if k.consequence_text:
        facts.append({"label": w["h_consequences"], "value": k.consequence_text})
    chart = None
    if renderer is not None and sum(r.value is not None for r in k.periods) >= 2:
        png = trend_chart([r.label for r in k.periods], [Line(k.id, [r.value for r in k.periods], NAVY)],
                          norm=k.norm, target=k.target, statuses=[r.status for r in k.periods],
                          decimals=k.decimals, fmt=lambda v, d: format_number(v, lang, d),
                          legend={"norm": w["col_standard"], "target": w["col_target"]})
        chart = InlineImage(renderer, io.BytesIO(png), width=Mm(160))
    return {"heading": f"{k.id} {k.title}", "facts": facts, "chart": chart,
            "rows": [{"period": r.label, "value": _num(r.value, k.decimals, lang), "status": w[f"s_{r.status}"],
                      "color": STATUS_FILL[r.status], "remark": r.remark or ""} for r in k.periods]}


def _consequences(p: Progress) -> list[dict[str, str]]:
    w, lang = words(p.language), p.language
    rows = []
    for k in p.kpis:
        for r in k.periods:
            if r.kind is None:
                continue
            rows.append({"id": k.id, "period": r.label, "value": _num(r.value, k.decimals, lang),
                         "fee": _euro(r.fee, lang),
                         "rule": w[f"rule_{r.kind}"].format(p=format_number(r.percent, lang)),
                         "amount": _euro(r.amount, lang),
                         "settled": _euro(r.settled, lang) + (w["capped"] if r.capped else "")})
    return rows


def _year_totals(p: Progress) -> list[dict[str, str]]:
    w, lang = words(p.language), p.language
    if p.annual_fee is None or not _consequences(p):
        return []
    return [{"id": w["total"].format(year=y.contract_year), "period": "", "value": "", "fee": "",
             "rule": f"{w['col_malus']} / {w['col_bonus']}", "amount": "",
             "settled": f"{_euro(y.malus, lang)} / {_euro(y.bonus, lang)}"} for y in p.years]


def _score_rows(p: Progress) -> list[dict[str, str]]:
    lang = p.language
    by_party = {s.party: s.quarters for s in p.scores}
    rows = []
    for (start, name, client, client_reasons), (_, _, contractor, contractor_reasons) in zip(
            by_party.get("client", []), by_party.get("contractor", [])):
        rows.append({"quarter": name, "client": _num(client, 1, lang), "client_reasons": client_reasons or "",
                     "contractor": _num(contractor, 1, lang), "contractor_reasons": contractor_reasons or ""})
    return rows


def _score_chart(p: Progress, renderer: DocxTemplate | None) -> InlineImage | None:
    w, lang = words(p.language), p.language
    if renderer is None or not any(v is not None for s in p.scores for _, _, v, _ in s.quarters):
        return None
    quarters = p.scores[0].quarters
    png = trend_chart([name for _, name, _, _ in quarters],
                      [Line(w[f"party_{s.party}"], [v for _, _, v, _ in s.quarters], colour)
                       for s, colour in zip(p.scores, (NAVY, GREEN))],
                      decimals=1, fmt=lambda v, d: format_number(v, lang, d))
    return InlineImage(renderer, io.BytesIO(png), width=Mm(160))
