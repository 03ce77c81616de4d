"""Load and check a tender spec against a clause library.

:func:`load_spec` reads the officer's YAML, validates it against :class:`TenderSpec` and then checks
everything that needs the library: clause IDs exist and have the right kind, parameter overrides have
the declared type and bounds, KPI overrides do not undercut the library's floor without a reason, award
weights add up, dates follow each other. Every finding carries ``file:line`` and the clause ID.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .errors import Finding, InputError, Location, ValidationFailed
from .library import Library
from .models.clause import norm_problem, raci_problem
from .models.spec import TenderSpec, ocid_prefix_problem
from .yamlfile import YamlDoc, load_yaml

# Directive 2014/24/EU art. 47(3): additional information must reach tenderers at least six days before
# the deadline, so questions must close well before that; fewer days is flagged as a warning.
MIN_QUESTION_DAYS = 10


def load_spec(path: Path | str, library: Library) -> TenderSpec:
    """Read and check the tender spec at ``path`` against ``library``.

    Raises :class:`InputError` when the file is missing or not YAML, and :class:`ValidationFailed`
    with every error found. Warnings alone do not fail; they are returned by :func:`check_spec`.
    """
    spec, findings = check_spec(path, library)
    if spec is None or any(f.severity == "error" for f in findings):
        raise ValidationFailed(findings=findings, what=f"tender spec {path}")
    return spec


def check_spec(path: Path | str, library: Library) -> tuple[TenderSpec | None, list[Finding]]:
    """Like :func:`load_spec`, but return the spec (``None`` if it has model errors) and all findings."""
    doc = load_yaml(path)
    if not isinstance(doc.data, dict):
        raise InputError("a tender spec must be a YAML mapping", Location(path=doc.path, line=1))
    try:
        spec = TenderSpec.model_validate(doc.data)
    except ValidationError as exc:
        return None, doc.findings(exc)
    return spec, _Checker(spec, library, doc).run()


class _Checker:
    def __init__(self, spec: TenderSpec, library: Library, doc: YamlDoc) -> None:
        self.spec, self.library, self.doc = spec, library, doc
        self.findings: list[Finding] = []

    def add(self, loc: tuple, message: str, severity: str = "error") -> None:
        self.findings.append(Finding(self.doc.location(loc), message, severity))

    def run(self) -> list[Finding]:
        if self.spec.ocid_prefix is not None and (problem := ocid_prefix_problem(self.spec.ocid_prefix)):
            self.add(("ocid_prefix",), problem)
        self.clauses()
        self.activities()
        self.award()
        self.dates()
        self.revisions()
        return self.findings

    def clauses(self) -> None:
        seen: set[str] = set()
        criteria = {c.id for c in self.spec.award.criteria}
        for i, choice in enumerate(self.spec.clauses):
            at = ("clauses", i)
            clause = self.library.clause(choice.id)
            if clause is None:
                self.add(at + ("id",), f"unknown clause {choice.id} (not in library {self.library.name})")
                continue
            if choice.id in seen:
                self.add(at + ("id",), f"clause {choice.id} is chosen twice")
            seen.add(choice.id)
            if clause.kind == "award_criterion" and choice.id not in criteria:
                self.add(at + ("id",), f"{choice.id} is an award criterion: list it under award.criteria with its weight or value")
            for name, value in choice.parameters.items():
                param = clause.parameter(name)
                if param is None:
                    declared = ", ".join(p.name for p in clause.parameters) or "none"
                    self.add(at + ("parameters", name), f"{choice.id} has no parameter {name!r} (declared: {declared})")
                    continue
                problem = param.value_problems(value)
                if problem:
                    self.add(at + ("parameters", name), f"{choice.id} parameter {name}: {value!r} {problem}")
            self.kpi_levels(i, choice, clause)
        self.required(seen)

    def required(self, chosen: set[str]) -> None:
        for i, choice in enumerate(self.spec.clauses):
            clause = self.library.clause(choice.id)
            for ref in clause.requires if clause else []:
                if ref not in chosen:
                    needed = self.library.clauses[ref]
                    self.add(("clauses", i, "id"),
                             f"{choice.id} requires {ref} ({needed.title.nl}), which this tender does not "
                             f"include: add {ref} to the clauses or remove {choice.id}")

    def kpi_levels(self, i: int, choice, clause) -> None:
        at = ("clauses", i)
        if clause.kpi is None:
            for name in ("minimum", "target", "norm", "reason"):
                if getattr(choice, name) is not None:
                    self.add(at + (name,), f"{choice.id} is not a KPI; {name!r} does not apply")
            return
        kpi = clause.kpi
        if choice.norm is not None:
            problem = norm_problem(choice.norm, kpi.offer_allowed)
            if problem:
                self.add(at + ("norm",), f"{choice.id} {problem}")
        minimum = kpi.minimum if choice.minimum is None else choice.minimum
        target = kpi.target if choice.target is None else choice.target
        low, high = kpi.value_bounds()
        for name, value in (("minimum", choice.minimum), ("target", choice.target)):
            if value is None:
                continue
            if (low is not None and value < low) or (high is not None and value > high):
                self.add(at + (name,), f"{choice.id} {name} {value} is outside {low}..{high}")
        if not kpi.is_better_or_equal(target, minimum):
            self.add(at + ("target",), f"{choice.id} target {target} is worse than minimum {minimum} ({kpi.direction.replace('_', ' ')})")
        if choice.minimum is not None and not kpi.is_better_or_equal(choice.minimum, kpi.minimum) and not choice.reason:
            self.add(
                at + ("minimum",),
                f"{choice.id} minimum {choice.minimum} is weaker than the library's floor {kpi.minimum}; "
                "give a 'reason' (it is published in the tender document)",
            )

    def activities(self) -> None:
        seen: set[str] = set()
        for i, choice in enumerate(self.spec.activities):
            at = ("activities", i)
            if choice.id not in self.library.activities:
                self.add(at + ("id",), f"unknown RACI activity {choice.id}")
                continue
            if choice.id in seen:
                self.add(at + ("id",), f"activity {choice.id} is chosen twice")
            seen.add(choice.id)
            if choice.roles is not None:
                problem = raci_problem(choice.roles)
                if problem:
                    self.add(at + ("roles",), f"{choice.id}: {problem}")

    def award(self) -> None:
        award = self.spec.award
        seen: set[str] = set()
        for i, criterion in enumerate(award.criteria):
            at = ("award", "criteria", i)
            clause = self.library.clause(criterion.id)
            if clause is None:
                self.add(at + ("id",), f"unknown award criterion {criterion.id}")
            elif clause.kind != "award_criterion":
                self.add(at + ("id",), f"{criterion.id} is a {clause.kind}, not an award criterion")
            if criterion.id in seen:
                self.add(at + ("id",), f"award criterion {criterion.id} is listed twice")
            seen.add(criterion.id)
            if award.method == "weighted_score" and criterion.weight is None:
                self.add(at, f"award criterion {criterion.id} has no weight")
            if award.method == "award_on_value" and criterion.value_eur is None:
                self.add(at, f"award criterion {criterion.id} has no euro value (value_eur)")
        if award.method == "award_on_value":
            self.shares(("award", "scale"), award.scale)
            for i, criterion in enumerate(award.criteria):
                if criterion.scale is not None:
                    self.shares(("award", "criteria", i, "scale"), criterion.scale)
            if award.price_scoring is not None:
                self.add(("award", "price_scoring"), "award on value scores no price: remove 'price_scoring'")
        if award.method == "weighted_score":
            self.weights()
        elif award.price_weight is not None:
            self.add(("award", "price_weight"), "award on value has no price weight: the price itself is the basis")

    def shares(self, at: tuple, scale) -> None:
        shares = [step.share for step in scale.steps]
        if any(share is None for share in shares):
            self.add(at, "award on value needs a 'share' (0..1) on every scale step")
        elif shares != sorted(shares):
            self.add(at, f"scale shares must rise with the score, found {shares}")

    def weights(self) -> None:
        award = self.spec.award
        if award.price_weight is None:
            self.add(("award",), "weighted scoring needs 'price_weight' (percent; 0 for quality only)")
            return
        if award.price_weight > 0 and award.price_scoring is None:
            self.add(("award",), "a price weight needs 'price_scoring' (lowest_relative or linear)")
        total = award.price_weight + sum(c.weight or 0 for c in award.criteria)
        if abs(total - 100) > 1e-6:
            self.add(("award", "criteria"), f"weights add up to {total:g}%, not 100% (criteria plus price_weight {award.price_weight:g})")
        scoring = award.price_scoring
        if scoring is not None and scoring.rule == "linear" and scoring.best >= scoring.worst:
            self.add(("award", "price_scoring"), f"linear price scoring needs best ({scoring.best:g}) below worst ({scoring.worst:g})")

    def dates(self) -> None:
        d = self.spec.dates
        order = [
            ("publication", d.publication),
            ("questions_deadline", d.questions_deadline),
            ("submission_deadline", d.submission_deadline.date()),
            ("award_decision", d.award_decision),
            ("contract_start", d.contract_start),
            ("contract_end", d.contract_end),
        ]
        known = [(name, value) for name, value in order if value is not None]
        for (first, a), (second, b) in zip(known, known[1:]):
            if b <= a and not (first == "submission_deadline" and second == "award_decision" and a == b):
                self.add(("dates", second), f"{second} {b} is not after {first} {a}")
        gap = (d.submission_deadline.date() - d.questions_deadline).days
        if 0 < gap < MIN_QUESTION_DAYS:
            self.add(("dates", "questions_deadline"),
                     f"only {gap} days between questions deadline and submission; answers must reach tenderers at least 6 days before the deadline",
                     "warning")
        if d.award_decision is None:
            self.add(("dates",), "dates.award_decision is missing: it dates the comparison report, the end of the "
                                 "standstill period and the agreement")
        elif d.contract_start < d.standstill_end:
            self.add(("dates", "contract_start"),
                     f"contract_start {d.contract_start} falls within the standstill period ending {d.standstill_end}")

    def revisions(self) -> None:
        numbers = [r.revision for r in self.spec.revisions]
        if numbers != list(range(1, len(numbers) + 1)):
            self.add(("revisions",), f"revisions must be numbered 1, 2, 3, ... in order, found {numbers}")
        dates = [r.date for r in self.spec.revisions]
        if dates != sorted(dates):
            self.add(("revisions",), "revision dates must not go back in time")
        deadline = self.spec.dates.submission_deadline.date()
        for i, rev in enumerate(self.spec.revisions[1:], start=1):
            at = ("revisions", i, "date")
            if rev.date < self.spec.dates.publication:
                self.add(at, f"revision {rev.revision} ({rev.date}) predates the publication {self.spec.dates.publication}")
            elif rev.date >= deadline:
                self.add(at, f"revision {rev.revision} ({rev.date}) is not before the submission deadline {deadline}")
            elif (deadline - rev.date).days < 6:
                self.add(at, f"revision {rev.revision} leaves tenderers {(deadline - rev.date).days} days before the "
                             "deadline; additional information must reach them at least 6 days before it", "warning")
