"""The clause library's data shapes: clauses, their parameters and answers, KPIs and RACI activities.

These models are the one definition of what a library YAML file may hold. They are strict: a YAML value
of the wrong type (``no`` read as ``False``, ``1.10`` read as ``1.1``) is an error, never coerced.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union

from pydantic import Field, model_validator

from .base import Model, Text, XmlText

CLAUSE_ID = r"^[A-Z]{2,5}-[0-9]{2,3}$"
DOCUMENT_KEY = r"^[a-z][a-z0-9_]{1,39}$"
"""The key of a document a clause refers to, declared in the library's ``_library.yaml``."""
VERSION = r"^[0-9]+\.[0-9]+(\.[0-9]+)?$"
PARAM_NAME = r"^[a-z][a-z0-9_]*$"

Category = Literal[
    "governance",
    "communication",
    "responsibilities",
    "performance",
    "risk",
    "continuity",
    "sustainability",
    "social_return",
    "security_privacy",
    "exit",
    "facilitation",
]

Kind = Literal["requirement", "award_criterion", "contract_clause", "kpi"]
Principle = Literal[1, 2, 3, 4]
Obligation = Literal["best_efforts", "result"]
Party = Literal["client", "contractor", "joint", "third_party"]
PARTIES: tuple[Party, ...] = ("client", "contractor", "joint", "third_party")

Unit = Literal[
    "percent", "hours", "minutes", "working_days", "calendar_days", "weeks", "count", "score", "euro",
    "fte", "tonnes_co2",
]
# The natural bounds of a unit; a KPI or parameter may narrow them, never widen them.
UNIT_BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "percent": (0.0, 100.0),
    "score": (1.0, 10.0),
}

Norm = Literal["minimum", "offered", "target"]
"""Which level of a KPI binds the contractor (the bindende norm): its minimum, the bidder's offered value
(only where the KPI allows offers) or its target (streefwaarde)."""

Frequency = Literal["weekly", "fortnightly", "monthly", "quarterly", "half_yearly", "yearly"]
FREQUENCIES: tuple[Frequency, ...] = ("weekly", "fortnightly", "monthly", "quarterly", "half_yearly", "yearly")
"""Every frequency, most frequent first."""

Number = Union[int, float]


class Parameter(Model):
    """A typed value a clause text refers to as ``{{ name }}``; a tender spec may override the default.

    ``type`` decides which of ``min``/``max`` (integer, decimal) or ``choices`` (choice) apply. A choice
    parameter's value is a choice key; the text shows that key's label in the document language.
    ``better`` (integer and decimal only) lets a bidder promise a better value than the tender's, in
    that direction (``lower``: e.g. fewer working days), down to ``min`` or up to ``max``; the promise
    binds in the agreement.
    """

    name: Annotated[str, Field(pattern=PARAM_NAME)]
    type: Literal["integer", "decimal", "text", "choice"]
    label: Text
    unit: Unit | None = None
    default: int | float | str
    min: Number | None = None
    max: Number | None = None
    choices: dict[str, Text] | None = None
    better: Literal["lower", "higher"] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> "Parameter":
        problems = self.value_problems(self.default)
        if problems:
            raise ValueError(f"default {self.default!r} {problems}")
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice parameter needs 'choices'")
        if self.type != "choice" and self.choices:
            raise ValueError(f"'choices' only applies to choice parameters, not {self.type}")
        if self.type in ("text", "choice") and (self.min is not None or self.max is not None):
            raise ValueError(f"'min'/'max' do not apply to {self.type} parameters")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        if self.better is not None and self.type not in ("integer", "decimal"):
            raise ValueError(f"only a number can be improved on ('better'), not a {self.type} parameter")
        return self

    def value_problems(self, value: object) -> str | None:
        """Why ``value`` is not a valid value of this parameter, or ``None`` when it is."""
        if self.type == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                return f"is not a whole number (type {type(value).__name__})"
        elif self.type == "decimal":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return f"is not a number (type {type(value).__name__})"
        elif self.type == "text":
            if not isinstance(value, str):
                return f"is not a text (type {type(value).__name__})"
            return None
        else:
            if not isinstance(value, str) or value not in (self.choices or {}):
                allowed = ", ".join(self.choices or {})
                return f"is not one of the choices ({allowed})"
            return None
        assert isinstance(value, (int, float))
        if self.min is not None and value < self.min:
            return f"is below the minimum {self.min}"
        if self.max is not None and value > self.max:
            return f"is above the maximum {self.max}"
        return None


class ConfirmAnswer(Model):
    """The bidder confirms with Ja/Nee (Yes/No); for a requirement, Nee is a knock-out."""

    type: Literal["confirm"]


class ChoiceAnswer(Model):
    """The bidder picks one option."""

    type: Literal["choice"]
    options: dict[str, Text]


class NumberAnswer(Model):
    """The bidder gives a number in ``unit`` between ``min`` and ``max``.

    ``knockout_min`` (``knockout_max``) is the knock-out bound of a requirement: a lower (higher)
    number makes the bid invalid. It is a number or the name of one of the clause's numeric
    parameters, whose value in the tender it takes; the form's validation uses it as its bound.
    """

    type: Literal["number"]
    unit: Unit
    min: Number | None = None
    max: Number | None = None
    decimals: Annotated[int, Field(ge=0, le=4)] = 0
    knockout_min: Number | Annotated[str, Field(pattern=PARAM_NAME)] | None = None
    knockout_max: Number | Annotated[str, Field(pattern=PARAM_NAME)] | None = None


class TextAnswer(Model):
    """The bidder writes a text of at most ``max_length`` characters (Excel's cell limit is 32,767)."""

    type: Literal["text"]
    max_length: Annotated[int, Field(ge=50, le=32000)] = 4000


class DateAnswer(Model):
    """The bidder gives a date."""

    type: Literal["date"]


class RaciAnswer(Model):
    """The bidder answers through the responsibility matrix (the RACI sheet of the form)."""

    type: Literal["raci"]


Answer = Annotated[
    Union[ConfirmAnswer, ChoiceAnswer, NumberAnswer, TextAnswer, DateAnswer, RaciAnswer],
    Field(discriminator="type"),
]


class Consequence(Model):
    """What follows from a KPI result per measurement period, as a share of that period's fee.

    The thresholds are named levels of the KPI (see :class:`Kpi`): ``malus_percent`` applies when the
    result is below the binding norm, ``bonus_percent`` when it meets both the binding norm and the
    target (streefwaarde); ``cap_percent`` caps the total (bonus or malus) per contract year, as a share of the
    annual fee. A ``service_credit`` is a malus settled against the next invoice.
    """

    type: Literal["bonus", "malus", "bonus_malus", "service_credit"]
    malus_percent: Annotated[float, Field(ge=0, le=100)] | None = None
    bonus_percent: Annotated[float, Field(ge=0, le=100)] | None = None
    cap_percent: Annotated[float, Field(gt=0, le=100)]
    text: Text

    @model_validator(mode="after")
    def _amounts(self) -> "Consequence":
        wants_malus = self.type in ("malus", "bonus_malus", "service_credit")
        wants_bonus = self.type in ("bonus", "bonus_malus")
        if wants_malus != (self.malus_percent is not None):
            raise ValueError(f"a {self.type} consequence {'needs' if wants_malus else 'has no'} malus_percent")
        if wants_bonus != (self.bonus_percent is not None):
            raise ValueError(f"a {self.type} consequence {'needs' if wants_bonus else 'has no'} bonus_percent")
        return self


class Kpi(Model):
    """The measurement part of a clause of kind ``kpi``.

    ``minimum`` is the knock-out floor a bid must meet and ``target`` the level aimed for (streefwaarde);
    with ``direction: higher_is_better`` the minimum may not exceed the target, and the reverse for
    ``lower_is_better``. ``offer_allowed`` lets bidders offer a value at least as good as the minimum.
    ``norm`` is the library's default choice of the level that binds the contractor (a tender spec may
    choose another): ``offered`` needs ``offer_allowed``. ``bounds`` narrow the values a bidder may offer.
    """

    definition: Text
    unit: Unit
    direction: Literal["higher_is_better", "lower_is_better"]
    minimum: Number
    target: Number
    bounds: Annotated[list[Number], Field(min_length=2, max_length=2)] | None = None
    decimals: Annotated[int, Field(ge=0, le=4)] = 1
    calculation: Text
    frequency: Frequency
    data_source: Text
    measured_by: Party
    forum: Text
    consequence: Consequence | None = None
    offer_allowed: bool
    norm: Norm

    @model_validator(mode="after")
    def _levels(self) -> "Kpi":
        problem = norm_problem(self.norm, self.offer_allowed)
        if problem:
            raise ValueError(problem)
        if self.direction == "higher_is_better" and self.minimum > self.target:
            raise ValueError(
                f"minimum {self.minimum} is above target {self.target}, but higher is better"
            )
        if self.direction == "lower_is_better" and self.minimum < self.target:
            raise ValueError(
                f"minimum {self.minimum} is below target {self.target}, but lower is better"
            )
        low, high = self.value_bounds()
        for name, value in (("minimum", self.minimum), ("target", self.target)):
            if (low is not None and value < low) or (high is not None and value > high):
                raise ValueError(f"{name} {value} is outside the bounds {low}..{high}")
        return self

    def value_bounds(self) -> tuple[float | None, float | None]:
        """The range a measured or offered value must lie in: ``bounds`` or the unit's natural range."""
        if self.bounds is not None:
            return float(self.bounds[0]), float(self.bounds[1])
        return UNIT_BOUNDS.get(self.unit, (0.0, None))

    def is_better_or_equal(self, value: float, reference: float) -> bool:
        """Whether ``value`` is at least as good as ``reference`` in this KPI's direction."""
        if self.direction == "higher_is_better":
            return value >= reference
        return value <= reference


def norm_problem(norm: Norm, offer_allowed: bool) -> str | None:
    """Why ``norm`` cannot be the binding level of a KPI, or ``None`` when it can.

    Only a KPI that lets bidders offer a value can bind the contractor to the offered value.
    """
    if norm == "offered" and not offer_allowed:
        return "norm 'offered' needs a KPI that allows offers (offer_allowed: true); choose minimum or target"
    return None


class Meeting(Model):
    """One tier of the meeting structure (operational, tactical, strategic).

    ``improvable``: a bidder may promise to meet more often than ``frequency``; the promise binds in
    the agreement and the meeting calendar.
    """

    tier: Literal["operational", "tactical", "strategic"]
    name: Text
    frequency: Frequency
    participants: Text
    agenda: list[Text]
    duration_minutes: Annotated[int, Field(ge=15, le=480)] = 60
    improvable: bool = False


class EscalationStep(Model):
    """One rung of the escalation ladder: who handles an issue and how long they have."""

    level: Annotated[int, Field(ge=1, le=9)]
    who: Text
    term_working_days: Annotated[int, Field(ge=1, le=120)]


class Clause(Model):
    """One library entry: a requirement (eis), award criterion (wens), contract clause or KPI.

    ``text`` is the legal text; it may refer to ``parameters`` as ``{{ name }}``. ``answer`` is what the
    bid-response form asks of the bidder (``None``: nothing is asked; a KPI always asks for its offered
    value, derived from ``kpi``). ``meetings`` and ``escalation`` structure the governance clauses that
    the agreement annex and the meeting calendar are built from. ``requires`` lists the clauses this
    one cannot be carried out without (it names a role, register, meeting or platform that clause
    creates); ``refers_to`` the documents, declared in the library, that must go with the tender.
    ``suitability`` marks a requirement on the bidder rather than on its offer: a geschiktheidseis
    (technical or professional capability, financial standing, such as a certificate the company
    holds), which the tender document lists in its own section and the evaluation checks separately
    from the requirements on the offer.
    """

    id: Annotated[str, Field(pattern=CLAUSE_ID)]
    version: Annotated[str, Field(pattern=VERSION)]
    category: Category
    kind: Kind
    principles: Annotated[list[Principle], Field(min_length=1, max_length=4)]
    title: Text
    text: Text
    parameters: list[Parameter] = []
    answer: Answer | None = None
    evidence: Text | None = None
    obligation: Obligation
    source: XmlText
    tags: list[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]] = []
    suitability: bool = False
    kpi: Kpi | None = None
    meetings: list[Meeting] = []
    escalation: list[EscalationStep] = []
    requires: list[Annotated[str, Field(pattern=CLAUSE_ID)]] = []
    refers_to: list[Annotated[str, Field(pattern=DOCUMENT_KEY)]] = []

    @model_validator(mode="after")
    def _shape(self) -> "Clause":
        if len(set(self.principles)) != len(self.principles):
            raise ValueError("principles are listed twice")
        if self.id in self.requires:
            raise ValueError("a clause cannot require itself")
        if len(set(self.requires)) != len(self.requires) or len(set(self.refers_to)) != len(self.refers_to):
            raise ValueError("'requires' and 'refers_to' list each entry once")
        if (self.kind == "kpi") != (self.kpi is not None):
            raise ValueError("a clause of kind kpi needs a 'kpi' block, and only such a clause has one")
        if self.kind == "kpi" and self.answer is not None:
            raise ValueError("a KPI's answer is its offered value; do not set 'answer'")
        if self.kind in ("requirement", "award_criterion") and self.answer is None:
            raise ValueError(f"a {self.kind} must say what it asks of the bidder ('answer')")
        if self.suitability and self.kind != "requirement":
            raise ValueError("only a requirement can be a suitability requirement ('suitability: true')")
        if self.kind == "contract_clause" and self.answer is not None:
            raise ValueError("a contract clause binds the contractor and asks nothing; drop 'answer'")
        names = [p.name for p in self.parameters]
        if len(set(names)) != len(names):
            raise ValueError("a parameter name is declared twice")
        if isinstance(self.answer, NumberAnswer):
            for bound in (self.answer.knockout_min, self.answer.knockout_max):
                if isinstance(bound, str) and getattr(self.parameter(bound), "type", None) not in (
                        "integer", "decimal"):
                    raise ValueError(f"the knock-out bound {bound!r} is not a numeric parameter of this clause")
            if self.kind != "requirement" and (self.answer.knockout_min, self.answer.knockout_max) != (None, None):
                raise ValueError("only a requirement has a knock-out bound")
        levels = [s.level for s in self.escalation]
        if levels != list(range(1, len(levels) + 1)):
            raise ValueError("escalation levels must run 1, 2, 3, ... in order")
        return self

    def parameter(self, name: str) -> Parameter | None:
        """The declared parameter called ``name``, or ``None``."""
        return next((p for p in self.parameters if p.name == name), None)


RaciLetters = Annotated[str, Field(pattern=r"^R?A?C?I?$")]


class RaciActivity(Model):
    """An activity or deliverable with the default R/A/C/I letters per party.

    Letters are written in the order R, A, C, I ("RA" = responsible and accountable, "" = not
    involved). Exactly one party is Accountable and at least one Responsible. A ``fixed`` activity is
    imposed: the bidder must accept it as is; an open one the bidder may propose otherwise.
    """

    id: Annotated[str, Field(pattern=CLAUSE_ID)]
    version: Annotated[str, Field(pattern=VERSION)]
    category: Category
    title: Text
    description: Text | None = None
    principles: Annotated[list[Principle], Field(min_length=1, max_length=4)]
    fixed: bool
    roles: dict[Party, RaciLetters]
    clauses: list[Annotated[str, Field(pattern=CLAUSE_ID)]] = []

    @model_validator(mode="after")
    def _raci(self) -> "RaciActivity":
        problem = raci_problem(self.roles)
        if problem:
            raise ValueError(problem)
        return self


def raci_problem(roles: dict[str, str]) -> str | None:
    """Why an assignment of RACI letters to parties breaks the rule, or ``None`` when it holds.

    The rule: exactly one party Accountable, at least one Responsible, only parties that exist.
    """
    unknown = sorted(set(roles) - set(PARTIES))
    if unknown:
        return f"unknown party {', '.join(unknown)}"
    accountable = [p for p, letters in roles.items() if "A" in letters]
    if len(accountable) != 1:
        named = ", ".join(accountable) or "none"
        return f"needs exactly one Accountable (A) party, found {len(accountable)} ({named})"
    if not any("R" in letters for letters in roles.values()):
        return "needs at least one Responsible (R) party"
    return None


PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
"""How a clause text refers to a parameter: ``{{ name }}``."""


class Document(Model):
    """A document that clauses refer to and that goes with the tender (a model agreement, a service
    description): its title, and what it is for the tenderer.
    """

    title: Text
    description: Text


class LibraryFile(Model):
    """The shape of one YAML file in the clause library: one category, its clauses and activities."""

    category: Category
    clauses: list[Clause] = []
    activities: list[RaciActivity] = []
