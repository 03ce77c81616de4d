"""The award decision letters (gunningsbeslissing, art. 2.130 Aw): one .docx per bidder.

Each letter is for one bidder and holds only what that bidder is entitled to: the decision (the
contract is to go to the winner), the relevant reasons (its own scores, points and the committee's
motivation, or why its bid is invalid and was set aside), the characteristics and relative advantages
of the winning bid (the winner's scores and the committee's motivation for them, its total, and the
difference with the addressee's bid), and the standstill period with its end date. Nothing of the other
losing bidders appears: not their names, prices, scores or motivations. The winner's price is not shown
either, only its points.

The letter is dated the award decision date of the tender spec and the standstill period ends that
many calendar days later: the dates come from the spec, never from the clock. In the tender's language,
on the house-style base template (:func:`generator.document.render.render_content` with the content
template ``award-letter.docx``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from .. import labels
from ..document.render import render_content
from ..errors import InputError, Location
from ..models.evaluation import AwardLetter, BidResult, ComplianceMatrix, Evaluation
from ..models.submission import Submission
from ..models.tender import Tender
from .letter_wording import letter_words
from .report import Format, check_together

CONTENT_TEMPLATE = "award-letter.docx"
MIN_STANDSTILL_DAYS = 20
"""The standstill period is at least 20 calendar days (art. 2.127 Aw, the Alcatel period)."""


def write_award_letters(evaluation: Evaluation, matrix: ComplianceMatrix, tender: Tender,
                        submissions: list[Submission], *, template: Path | None = None) -> list[AwardLetter]:
    """One award decision letter per bidder of ``evaluation``, ranked bids first, then those set aside.

    ``matrix`` is the compliance matrix and ``submissions`` the bids the evaluation was made from; a
    set-aside bid's reasons come from the evaluation (with the committee's decision on a material
    reservation). ``template`` is the base template (``None``: the
    bundled house style of ``tender.language``). The same inputs give the same bytes.

    Raises :class:`~generator.errors.InputError` when there is no single winner (no bid admitted, or
    the first place is tied and must be decided by lot first), when the spec gives no award decision
    date, or a standstill period shorter than :data:`MIN_STANDSTILL_DAYS`, and when evaluation, matrix,
    tender and submissions do not belong together.
    """
    check_together(evaluation, matrix, tender, submissions)
    winner = next((r for r in evaluation.ranking if r.bidder == evaluation.winner), None)
    where = Location(item=tender.reference)
    if winner is None:
        raise InputError("no award decision letters: there is no single winner (no valid bid, or the first "
                         "place is tied and must be decided by lot first)", where)
    dates = tender.dates
    if dates.award_decision is None:
        raise InputError("no award decision letters: the spec gives no award decision date "
                         "(dates.award_decision)", where)
    if dates.standstill_days < MIN_STANDSTILL_DAYS:
        raise InputError(f"no award decision letters: the standstill period is {dates.standstill_days} calendar "
                         f"days; art. 2.127 Aw requires at least {MIN_STANDSTILL_DAYS}", where)
    sent = dates.award_decision
    built = dt.datetime.combine(sent, dt.time())
    kind = letter_words(tender.language)["doc_kind"]
    letters = []
    for key in [r.bidder for r in evaluation.ranking] + [s.bidder for s in evaluation.set_aside]:
        context = letter_context(evaluation, matrix, tender, key, sent)
        data = render_content(CONTENT_TEMPLATE, lambda renderer, c=context: c, tender, kind=kind, built=built,
                              template=template)
        row = next(r for r in matrix.rows if r.bidder == key)
        letters.append(AwardLetter(bidder=key, name=row.name, docx=data))
    return letters


def letter_context(ev: Evaluation, matrix: ComplianceMatrix, tender: Tender, bidder: str,
                   sent: dt.date) -> dict[str, Any]:
    """The render context of the letter to ``bidder``: plain strings, lists and dicts in the tender's
    language, built from that bidder's own results and the winner's, and nothing else."""
    f = Format(tender.language)
    w = letter_words(tender.language)
    weighted = ev.method == "weighted_score"
    winner = next(r for r in ev.ranking if r.bidder == ev.winner)
    own = next((r for r in ev.ranking if r.bidder == bidder), None)
    row = next(r for r in matrix.rows if r.bidder == bidder)
    end = sent + dt.timedelta(days=tender.dates.standstill_days)
    facts = [_fact(w["f_to"], row.name)]
    if row.kvk:
        facts.append(_fact(w["f_kvk"], row.kvk))
    facts += [_fact(w["f_subject"], w["f_subject_value"].format(title=tender.title)),
              _fact(w["f_reference"], tender.reference), _fact(w["f_authority"], tender.authority.name),
              _fact(w["f_date"], f.date(sent))]
    n = len(ev.ranking)
    reasons: list[str] = []
    if own is winner:
        decision = w["decision_winner_1"] if n == 1 else w["decision_winner"].format(n=n)
    elif own is not None:
        decision = w["decision_ranked"].format(winner=winner.name, rank=own.rank, n=n)
    else:
        decision = w["decision_set_aside"].format(winner=winner.name)
        reasons = [f.reason(r) for s in ev.set_aside if s.bidder == bidder for r in s.reasons]
    own_scores, own_total = [], ""
    if own is not None:
        own_scores = [{"criterion": f"{c.criterion} {c.title}", "score": _score(w, c.score, c.max_score),
                       "points": f.points(c.points) if weighted else f.euro(c.earned_eur),
                       "motivation": c.motivation} for c in own.criteria]
        own_total = _total(w, f, own, weighted, "own")
    comparison, winner_lines = [], []
    if own is not winner:
        mine = {c.criterion: c for c in own.criteria} if own is not None else {}
        comparison = [{"criterion": f"{c.criterion} {c.title}", "winner": _score(w, c.score, c.max_score),
                       "yours": _score(w, mine[c.criterion].score, c.max_score) if c.criterion in mine else "–",
                       "motivation": c.motivation} for c in winner.criteria]
        winner_lines = [w["winner_intro_ranked" if own is not None else "winner_intro_set_aside"].format(
            winner=winner.name)]
    winner_total = _total(w, f, winner, weighted, "winner") if own is not winner else ""
    difference = ""
    if own is not None and own is not winner:
        diff = abs(winner.total - own.total)
        difference = w["difference_weighted" if weighted else "difference_value"].format(
            diff=f.points(diff) if weighted else f.euro(diff))
    contact = tender.authority.contact
    procedure = labels.label(labels.PROCEDURE, tender.procedure, tender.language)
    return {
        "w": w, "facts": facts, "weighted": weighted,
        "points_head": w["col_points" if weighted else "col_value"],
        "t": {"reference": tender.reference, "authority": tender.authority.name, "revision": tender.revision,
              "date": f.date(sent)},
        "intro": w["intro"].format(procedure=procedure, title=tender.title, reference=tender.reference,
                                    authority=tender.authority.name),
        "decision": decision, "reasons": reasons,
        "own_scores": own_scores, "own_total": own_total,
        "winner_intro": winner_lines, "comparison": comparison,
        "winner_total": [line for line in (winner_total, difference) if line],
        "standstill": [w["standstill"].format(days=tender.dates.standstill_days, date=f.date(sent),
                                               end=f.date(end)),
                       w["objection"].format(end=f.date(end))],
        "questions": w["questions"].format(contact=contact.name, email=contact.email),
        "authority": tender.authority.name,
    }


def _fact(label: str, value: str) -> dict[str, str]:
    return {"label": label, "value": value}


def _score(w: dict[str, str], score: int, top: int) -> str:
    return w["score_value"].format(score=score, max=top)


def _total(w: dict[str, str], f: Format, r: BidResult, weighted: bool, whose: str) -> str:
    """The totals sentence of the addressee's own bid or of the winning bid."""
    if weighted:
        return w[f"{whose}_total_weighted"].format(quality=f.points(r.quality), total=f.points(r.total),
                                                    price_points=f.points(r.price_points))
    return w[f"{whose}_total_value"].format(quality=f.euro(r.quality), price=f.euro(r.price_eur),
                                             total=f.euro(r.total))
