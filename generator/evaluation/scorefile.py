"""Read the committee's scores from a YAML scores file (:class:`~generator.models.evaluation.ScoreFile`).

The scoring workbook is what a committee fills; a YAML file serves scripted runs and demos. Both give
the same :class:`~generator.models.evaluation.Scores`, checked by the same rules
(:func:`~generator.evaluation.check_scores`), and every problem is a finding located at ``file:line``.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from pydantic import ValidationError

from ..errors import Finding, Location, ValidationFailed
from ..models.evaluation import ComplianceMatrix, ReservationDecision, ScoreEntry, ScoreFile, Scores
from ..models.submission import Submission
from ..models.tender import Tender
from ..yamlfile import YamlDoc, load_yaml
from . import scoresheet as S
from .compliance import compliance
from .compute import check_scores
from .reservations import apply_decisions, check_decisions


def load_scores(path: str | os.PathLike[str], tender: Tender, submissions: list[Submission], *,
                name: str | None = None) -> Scores:
    """The committee's scores from the YAML scores file ``path`` (the format:
    :class:`~generator.models.evaluation.ScoreFile`).

    ``submissions`` are the current stored submissions of ``tender``: the scores are checked against the
    admitted ones. ``name`` is the file name used in messages (default: the path). A bidder is named by
    its bidder key, its plain KvK number or its name (ignoring case). The entries come back in the
    scoring workbook's order (bidders as :func:`~generator.evaluation.compliance` orders them, criteria
    in tender order), so equal scores read from a workbook or from a file are equal.

    Raises :class:`~generator.errors.InputError` for a file that is not usable YAML, and
    :class:`~generator.errors.ValidationFailed` with every finding, each at ``file:line``, for: a field
    of the wrong type or unknown (the model's errors); scores for another tender or revision; no or more
    than 10 evaluators, or one named twice; an entry whose number of evaluator scores differs from the
    number of evaluators; a name that fits more than one bidder; scores for a bid that is not admitted;
    and everything :func:`~generator.evaluation.check_scores` reports: an unknown bidder or criterion, a
    bidder scored twice on a criterion (also under two spellings of its name), a score not on the
    criterion's published scale, a missing entry, consensus score or motivation. The ``reservations``
    decisions are checked by :func:`~generator.evaluation.reservations.check_decisions`: a decision on a
    reservation that does not exist or without motivation, and an undecided reservation (the bid is
    under review) are findings too.
    """
    doc = load_yaml(path, display=name)
    try:
        data = ScoreFile.model_validate(doc.data)
    except ValidationError as err:
        raise ValidationFailed(findings=doc.findings(err), what=doc.path) from None

    def at(given: str, criterion: str | None = None, *rest: str) -> Location:
        keys = ("scores", given) + ((criterion, *rest) if criterion else ())
        return Location(path=doc.path, line=_line(doc, keys), item=criterion)

    if data.tender != tender.reference or data.revision != tender.revision:
        where = Location(path=doc.path, line=_line(doc, ("tender",) if data.tender != tender.reference
                                                   else ("revision",)))
        raise ValidationFailed(findings=[Finding(where, (
            f"the scores are for tender {data.tender} revision {data.revision}, not for {tender.reference} "
            f"revision {tender.revision}"))], what=doc.path)
    findings = _evaluators(doc, data)
    matrix = compliance(tender, submissions)
    rows = {row.bidder: row for row in matrix.rows}
    resolve = _resolver(matrix)
    count = len(data.evaluators)
    entries: list[ScoreEntry] = []
    lines: dict[str, int] = {}
    for given, by_criterion in data.scores.items():
        bidder, problem = resolve(given)
        if problem:
            findings.append(Finding(at(given), problem))
            continue
        row = rows.get(bidder)
        if row is not None and not row.admitted:
            findings.append(Finding(at(given), (
                f"{row.name}: this bid is not admitted (see the compliance matrix), so it is not scored; "
                "remove its scores")))
            continue
        lines.setdefault(bidder, _line(doc, ("scores", given)) or 1)
        for criterion, entry in by_criterion.items():
            marks = list(entry.evaluators)
            if marks and len(marks) != count:
                findings.append(Finding(at(given, criterion, "evaluators"), (
                    f"{row.name if row else given}: {len(marks)} evaluator score(s) for {count} evaluator(s) "
                    f"({', '.join(data.evaluators)}); give one score per evaluator, null for a blank")))
            marks = (marks + [None] * count)[:count]
            motivation = (entry.motivation or "").strip() or None
            entries.append(ScoreEntry(bidder=bidder, criterion=criterion, evaluator_scores=marks,
                                      consensus=entry.consensus, motivation=motivation,
                                      line=_line(doc, ("scores", given, criterion))))
    # A bid the file does not score at all: its missing entries point at the scores mapping.
    default = _line(doc, ("scores",)) or 1
    lines.update({row.bidder: default for row in matrix.rows if row.bidder not in lines})
    decisions: list[ReservationDecision] = []
    for given, by_item in data.reservations.items():
        bidder, problem = resolve(given)
        if problem:
            findings.append(Finding(Location(path=doc.path, line=_line(doc, ("reservations", given))), problem))
            continue
        for item, decided in by_item.items():
            decisions.append(ReservationDecision(
                bidder=bidder, item=item, decision=decided.decision,
                motivation=(decided.motivation or "").strip() or None,
                line=_line(doc, ("reservations", given, item))))
    findings += check_decisions(matrix, decisions, doc.path, _line(doc, ("reservations",)))
    scores = Scores(tender_reference=tender.reference, revision=tender.revision, evaluators=count,
                    entries=entries, decisions=decisions, source=doc.path)
    # A bid set aside for a reservation decided material needs no scores (any given are ignored).
    findings += check_scores(tender, apply_decisions(matrix, decisions)[0], scores, lines=lines)
    if findings:
        findings.sort(key=lambda f: f.location.line or 0)
        raise ValidationFailed(findings=findings, what=doc.path)
    order = {row.bidder: n for n, row in enumerate(matrix.rows)}
    criteria = {c.id: n for n, c in enumerate(tender.criteria)}
    entries.sort(key=lambda e: (order[e.bidder], criteria[e.criterion]))
    return scores.model_copy(update={"entries": entries})


def _evaluators(doc: YamlDoc, data: ScoreFile) -> list[Finding]:
    """The evaluators' count (as many as the scoring workbook allows) and no name twice."""
    where = Location(path=doc.path, line=_line(doc, ("evaluators",)))
    count = len(data.evaluators)
    if not 1 <= count <= S.MAX_EVALUATORS:
        return [Finding(where, f"name 1 to {S.MAX_EVALUATORS} evaluators, not {count}")]
    seen: set[str] = set()
    findings = []
    for n, evaluator in enumerate(data.evaluators):
        key = " ".join(evaluator.casefold().split())
        if key in seen:
            findings.append(Finding(Location(path=doc.path, line=_line(doc, ("evaluators", n))),
                                    f"evaluator '{evaluator}' is named twice"))
        seen.add(key)
    return findings


def _resolver(matrix: ComplianceMatrix) -> Callable[[str], tuple[str, str | None]]:
    """A function from a bidder as written in the file to (bidder key, problem).

    The bidder key itself, ``kvk:`` with the digits or the plain KvK number, or ``name:`` with the name
    or the plain name (case and spacing ignored). What fits no bidder is returned as written, for
    :func:`check_scores` to report; a name that fits several bidders is a problem.
    """
    keys = {row.bidder for row in matrix.rows}
    by_kvk = {row.bidder[4:]: row.bidder for row in matrix.rows if row.bidder.startswith("kvk:")}
    by_name: dict[str, list[str]] = {}
    for row in matrix.rows:
        by_name.setdefault(_plain(row.name), []).append(row.bidder)

    def resolve(given: str) -> tuple[str, str | None]:
        if given in keys:
            return given, None
        text = given.strip()
        kind, _, rest = text.partition(":")
        if kind.strip().lower() in ("kvk", "name"):
            text = rest
        digits = "".join(text.split())
        if digits.isdigit():
            return by_kvk.get(digits, given), None
        found = by_name.get(_plain(text), [])
        if len(found) > 1:
            return given, (f"'{given}' is the name of {len(found)} bidders ({', '.join(found)}); "
                           "name the bidder by its bidder key")
        return (found[0] if found else given), None

    return resolve


def _plain(name: str) -> str:
    return " ".join(name.casefold().split())


def _line(doc: YamlDoc, path: tuple) -> int | None:
    return doc.lines.get(path)
