"""The ranking of the admitted bids by the tender's published award method: a pure computation.

Both methods of :class:`generator.models.tender.Award` are computed exactly as the tender document
(:mod:`generator.document.scoring`) publishes them:

- ``weighted_score``: per criterion ``points = weight × score / max_score`` (``weight`` in percent,
  ``max_score`` the last step of the criterion's scale), so a top score earns the full weight; price
  points by ``lowest_relative`` (``price_weight × lowest / price``) or ``linear``
  (``price_weight × (worst − price) / (worst − best)``, at least 0 and at most ``price_weight``);
  ``total = Σ points + price points`` on 0..100; highest total wins.
- ``award_on_value``: per criterion ``earned = value_eur × share`` (the share of the scale step
  scored); ``fictive price = price − Σ earned``; lowest fictive price wins.

Rounding: the tender document promises points "calculated to two decimals", and its worked example
rounds each criterion's points and the price points before adding them. So every points value and
every euro amount is computed exactly (fractions) and rounded once, half up, to :data:`DECIMALS`
places; totals are exact sums of those rounded values and bids are ranked on them. A report then
shows precisely the numbers that were ranked, and anyone recomputing by hand with the published
formula gets the same digits. Two totals equal to the cent or hundredth are a tie for the tender's
tie-break rule, as a bidder recomputing them would see it.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from decimal import Decimal
from fractions import Fraction

from ..errors import Finding, Location, ValidationFailed
from ..models.evaluation import (
    BidResult,
    ComplianceMatrix,
    CriterionResult,
    Evaluation,
    SetAside,
    ScoreEntry,
    Scores,
    Tie,
)
from ..models.spec import LinearPrice
from ..models.submission import Submission
from ..models.tender import DECIMALS, Criterion, Tender
from ..records import bidder_key
from .compliance import compliance
from .reservations import apply_decisions, check_decisions


def evaluate(tender: Tender, submissions: list[Submission], scores: Scores,
             prices: Mapping[str, Decimal | float] | None = None) -> Evaluation:
    """Rank the admitted ``submissions`` of ``tender`` with the committee's ``scores``.

    ``prices`` maps bidder keys to prices in euro (from :func:`~generator.evaluation.read_prices_csv`);
    ``None`` takes each bid's ``price_eur`` from its form's price sheet. Prices are needed for award on
    value, for a price weight above 0 and for the ``lowest_price`` tie-break; otherwise they are only
    checked when given.

    Every possible reservation of a bid not set aside otherwise must be decided in
    ``scores.decisions``: until then the bid is under review and nothing is ranked
    (:func:`~generator.evaluation.reservations.check_decisions`). A bid whose reservation is decided
    material is set aside with the decision as its reason; the decisions are in ``reservations``.

    Bids that are not admitted by the :func:`~generator.evaluation.compliance` matrix (a knock-out, a
    KPI below its minimum, any error finding) are invalid and never ranked: they are listed in
    ``set_aside`` with their reasons, need no scores or price, and do not count as the lowest price.
    Scores of bids set aside are ignored.

    Raises :class:`~generator.errors.ValidationFailed` listing every problem at once, and computes no
    ranking, when: the scores are of another tender or revision; an admitted bid lacks a consensus
    score or motivation on a criterion; a score is not a step of the criterion's published scale; scores
    name an unknown bidder or criterion, or one twice; a needed price is missing, zero, negative or not
    finite; prices name an unknown bidder; two submissions come from one bidder; an award-on-value
    scale step has no share.
    """
    findings = _duplicate_bidders(submissions)
    findings += check_decisions(compliance(tender, submissions), scores.decisions, scores.source)
    if findings:
        raise ValidationFailed(findings=findings, what=f"evaluation of {tender.reference}")
    matrix, reservations = apply_decisions(compliance(tender, submissions), scores.decisions)
    findings += check_scores(tender, matrix, scores)
    admitted = [row for row in matrix.rows if row.admitted]
    by_key = {bidder_key(s): s for s in submissions}
    price_of, price_findings = _prices(tender, matrix, by_key, prices)
    findings += price_findings + _missing_shares(tender)
    if findings:
        raise ValidationFailed(findings=findings, what=f"evaluation of {tender.reference}")
    entries = {(e.bidder, e.criterion): e for e in scores.entries}
    lowest = min(price_of.values(), default=None)  # admitted bids only
    results = []
    for row in admitted:
        price = price_of.get(row.bidder)
        criteria = [_criterion(tender, c, entries[row.bidder, c.id]) for c in tender.criteria]
        if tender.award.method == "weighted_score":
            quality = sum((c.points for c in criteria), Decimal("0.00"))
            points = _price_points(tender, price, lowest)
            total = quality + points
        else:
            quality = sum((c.earned_eur for c in criteria), Decimal("0.00"))
            points = None
            total = price - quality
        results.append({"bidder": row.bidder, "name": row.name, "kvk": row.kvk, "price_eur": price,
                        "criteria": criteria, "quality": quality, "price_points": points, "total": total})
    ranking, ties = _rank(tender, results)
    first = [r for r in ranking if r.rank == 1]
    award = tender.award
    return Evaluation(
        tender_reference=tender.reference, revision=tender.revision, method=award.method,
        price_weight=_dec(award.price_weight) if award.price_weight is not None else None,
        price_scoring=award.price_scoring, tie_break=award.tie_break, decimals=DECIMALS,
        lowest_price_eur=lowest, ranking=ranking, ties=ties,
        set_aside=[SetAside(bidder=r.bidder, name=r.name, kvk=r.kvk, reasons=r.reasons)
                   for r in matrix.rows if not r.admitted],
        reservations=reservations,
        winner=first[0].bidder if len(first) == 1 else None,
    )


def check_scores(tender: Tender, matrix: ComplianceMatrix, scores: Scores, *,
                 unreadable: Collection[tuple[str, str]] = (),
                 lines: Mapping[str, int] | None = None) -> list[Finding]:
    """Every problem of ``scores`` for the bids of ``matrix``: one located finding each, in entry order.

    Checked: the scores' tender and revision; an entry per admitted bidder and criterion with a
    consensus score and a motivation; every score (consensus and each evaluator's, blanks allowed for
    evaluators) a step of the criterion's scale; no entry for an unknown bidder or criterion, or twice.
    Entries of bidders that are not admitted are not checked. ``unreadable`` names (bidder key,
    criterion) pairs whose scores a reader could not read and has reported already: they are not
    reported missing again. Findings are located at the entry's ``cell`` or ``line`` and criterion, and
    name the bidder; ``lines`` gives, per bidder key, the line of ``scores.source`` that locates a missing
    entry of that bidder (a YAML scores file).
    """
    path = scores.source
    findings: list[Finding] = []

    def add(message: str, entry: ScoreEntry | None = None, item: str | None = None,
            line: int | None = None) -> None:
        where = Location(path=path, line=entry.line if entry else line, cell=entry.cell if entry else None,
                         item=item)
        findings.append(Finding(where, message))

    if scores.tender_reference != tender.reference or scores.revision != tender.revision:
        add(f"the scores are for tender {scores.tender_reference} revision {scores.revision}, not for "
            f"{tender.reference} revision {tender.revision}")
        return findings
    names = {row.bidder: row.name for row in matrix.rows}
    admitted = [row.bidder for row in matrix.rows if row.admitted]
    criteria = {c.id: c for c in tender.criteria}
    seen: dict[tuple[str, str], ScoreEntry] = {}
    for entry in scores.entries:
        key = (entry.bidder, entry.criterion)
        if entry.bidder not in names:
            add(f"scores for bidder '{entry.bidder}', who has no submission", entry, entry.criterion)
        elif entry.criterion not in criteria:
            add(f"{names[entry.bidder]}: scores for '{entry.criterion}', which is not an award criterion of "
                "the tender", entry, entry.criterion)
        elif key in seen:
            add(f"{names[entry.bidder]}: scored twice on this criterion", entry, entry.criterion)
        else:
            seen[key] = entry
    for bidder in admitted:
        for criterion in tender.criteria:
            entry = seen.get((bidder, criterion.id))
            who = names[bidder]
            if entry is None and (bidder, criterion.id) in unreadable:
                continue
            if entry is None:
                add(f"{who}: no scores for this criterion", None, criterion.id, (lines or {}).get(bidder))
                continue
            steps = [s.score for s in criterion.scale]
            for number, score in enumerate(entry.evaluator_scores, start=1):
                if score is not None and not _on_scale(score, steps):
                    add(f"{who}: evaluator {number}'s score {_num(score)} is not on the published scale "
                        f"({_steps(steps)})", entry, criterion.id)
            if entry.consensus is None:
                add(f"{who}: no consensus score", entry, criterion.id)
            elif not _on_scale(entry.consensus, steps):
                add(f"{who}: consensus score {_num(entry.consensus)} is not on the published scale "
                    f"({_steps(steps)})", entry, criterion.id)
            if not (entry.motivation or "").strip():
                add(f"{who}: the consensus score has no motivation (the award decision must give the "
                    "reasons for every score)", entry, criterion.id)
    return findings


def _on_scale(score: float, steps: list[int]) -> bool:
    return math.isfinite(score) and float(score).is_integer() and int(score) in steps


def _num(value: float) -> str:
    return str(int(value)) if math.isfinite(value) and float(value).is_integer() else f"{value:g}"


def _steps(steps: list[int]) -> str:
    return ", ".join(str(s) for s in steps)


def _duplicate_bidders(submissions: list[Submission]) -> list[Finding]:
    """One finding per bidder with more than one submission: only the current one may be evaluated."""
    seen: dict[str, Submission] = {}
    findings = []
    for sub in submissions:
        key = bidder_key(sub)
        if key in seen:
            findings.append(Finding(Location(path=sub.source.filename),
                                    f"a second submission from bidder '{key}' (the first is "
                                    f"{seen[key].source.filename}); evaluate the current submissions only"))
        seen.setdefault(key, sub)
    return findings


def _prices(tender: Tender, matrix: ComplianceMatrix, by_key: dict[str, Submission],
            prices: Mapping[str, Decimal | float] | None) -> tuple[dict[str, Decimal], list[Finding]]:
    """The price of every admitted bid, and a finding for each missing or impossible one."""
    award = tender.award
    needed = (award.method == "award_on_value" or (award.price_weight or 0) > 0
              or award.tie_break == "lowest_price")
    findings = []
    if prices is not None:
        findings += [Finding(Location(item=key), f"a price is given for bidder '{key}', who has no "
                             "submission") for key in prices if key not in by_key]
    found: dict[str, Decimal] = {}
    for row in matrix.rows:
        if not row.admitted:
            continue
        sub = by_key[row.bidder]
        where = Location(path=sub.source.filename, item="price.total")
        raw = prices.get(row.bidder) if prices is not None else sub.price_eur
        if raw is None:
            if needed:
                source = ("the prices given" if prices is not None else "its bid form" if award.price_sheet
                          else "its bid form, which has no price sheet in this tender: give the prices in a "
                               "CSV file")
                findings.append(Finding(where, f"{row.name}: no price in {source}"))
            continue
        price = raw if isinstance(raw, Decimal) else _dec(raw)
        if not price.is_finite() or price <= 0:
            findings.append(Finding(where, f"{row.name}: the price must be greater than zero, not {raw}"))
            continue
        found[row.bidder] = price
    return found, findings


def _missing_shares(tender: Tender) -> list[Finding]:
    """Award on value needs a share on every scale step (the spec check demands it; tenders built in
    code may lack it)."""
    if tender.award.method != "award_on_value":
        return []
    return [Finding(Location(item=c.id), f"the scale has no share for score {s.score}; award on value needs "
                                         "one per step")
            for c in tender.criteria for s in c.scale if s.share is None]


def _criterion(tender: Tender, criterion: Criterion, entry: ScoreEntry) -> CriterionResult:
    assert entry.consensus is not None  # checked by check_scores
    score = int(entry.consensus)
    top = criterion.scale[-1].score
    common = {"criterion": criterion.id, "title": criterion.title, "score": score, "max_score": top,
              "evaluator_scores": entry.evaluator_scores, "motivation": (entry.motivation or "").strip()}
    if tender.award.method == "weighted_score":
        weight = _dec(criterion.weight or 0)
        return CriterionResult(weight=weight, points=_round(Fraction(weight) * score / top), **common)
    step = next(s for s in criterion.scale if s.score == score)
    assert step.share is not None  # checked by _missing_shares
    value, share = _dec(criterion.value_eur or 0), _dec(step.share)
    return CriterionResult(value_eur=value, share=share, earned_eur=_round(Fraction(value) * Fraction(share)),
                           **common)


def _price_points(tender: Tender, price: Decimal | None, lowest: Decimal | None) -> Decimal:
    """The price points of ``price``: 0 when the price weighs nothing (quality-only scoring)."""
    award = tender.award
    weight = Fraction(_dec(award.price_weight or 0))
    if weight == 0:
        return _round(Fraction(0))
    assert price is not None and lowest is not None  # checked by _prices
    rule = award.price_scoring
    if isinstance(rule, LinearPrice):
        best, worst = Fraction(_dec(rule.best)), Fraction(_dec(rule.worst))
        ratio = min(Fraction(1), max(Fraction(0), (worst - Fraction(price)) / (worst - best)))
        return _round(weight * ratio)
    return _round(weight * Fraction(lowest) / Fraction(price))


def _rank(tender: Tender, results: list[dict]) -> tuple[list[BidResult], list[Tie]]:
    """Rank ``results`` on ``total``, breaking ties by the tender's rule; what the rule cannot break
    shares a rank (1, 1, 3) and is reported as a lot to draw."""
    award = tender.award
    better_low = award.method == "award_on_value"

    def primary(r: dict) -> Decimal:
        return r["total"] if better_low else -r["total"]

    def secondary(r: dict) -> Decimal:
        if award.tie_break == "highest_quality":
            return -r["quality"]
        if award.tie_break == "lowest_price":
            return r["price_eur"]
        return Decimal(0)

    ordered = sorted(results, key=lambda r: (primary(r), secondary(r), r["name"].casefold(), r["bidder"]))
    ranking: list[BidResult] = []
    ties: list[Tie] = []
    position = 0
    for group in _groups(ordered, primary):
        subgroups = _groups(group, secondary)
        for sub in subgroups:
            ranking += [BidResult(rank=position + 1, **r) for r in sub]
            position += len(sub)
        if len(group) > 1:
            lots = [[r["bidder"] for r in sub] for sub in subgroups if len(sub) > 1]
            ties.append(Tie(rank=position - len(group) + 1, bidders=[r["bidder"] for r in group],
                            rule=award.tie_break, decided=not lots, lots=lots))
    return ranking, ties


def _groups(items: list[dict], key) -> list[list[dict]]:
    """Consecutive runs of ``items`` with an equal ``key``."""
    groups: list[list[dict]] = []
    for item in items:
        if groups and key(groups[-1][0]) == key(item):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _dec(value: float) -> Decimal:
    """A model float as the decimal it was written as (``0.6`` is 0.6, not its binary neighbour)."""
    return Decimal(repr(float(value)))


def _round(value: Fraction) -> Decimal:
    """``value`` rounded half up (away from zero) to :data:`DECIMALS` places, computed exactly."""
    scaled = abs(value) * 10**DECIMALS
    units = math.floor(scaled + Fraction(1, 2))
    return Decimal(-units if value < 0 else units).scaleb(-DECIMALS)
