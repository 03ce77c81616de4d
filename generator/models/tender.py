"""The resolved tender: one language, parameters filled in, levels and weights settled.

:func:`generator.assemble` builds a :class:`Tender` from a library and a spec. Every writer (tender
document, bid-response form, manifest, and later the agreement annex) reads only this model, so all
texts here are plain strings in ``Tender.language``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from .base import Language, Model
from .clause import Answer, Category, Frequency, Kind, Norm, Obligation, Party, Principle, Unit
from .spec import ContractType, Dates, PriceScoring, Procedure


class Item(Model):
    """A clause as it appears in this tender: text in one language with its parameters filled in.

    ``answer`` is what the form asks (``None`` for contract clauses). ``text`` is exactly the text shown
    to the bidder, so a hash of it detects altered requirement text in a returned form. ``suitability``
    marks a requirement on the bidder (geschiktheidseis) rather than on its offer.
    """

    id: str
    version: str
    category: Category
    kind: Kind
    principles: list[Principle]
    title: str
    text: str
    obligation: Obligation
    evidence: str | None = None
    source: str
    tags: list[str] = []
    answer: Answer | None = None
    suitability: bool = False


class ScaleStep(Model):
    """One score of the published scale with its descriptor (and euro share for award on value)."""

    score: int
    descriptor: str
    share: float | None = None


class Criterion(Item):
    """An award criterion with its weight (weighted score) or euro value (award on value)."""

    weight: float | None = None
    value_eur: float | None = None
    scale: list[ScaleStep]


class Consequence(Model):
    """A KPI's consequence per period; see :class:`generator.models.clause.Consequence`.

    Malus below the binding norm, bonus at the binding norm and the target: see :meth:`Kpi.binding_norm`.
    """

    type: Literal["bonus", "malus", "bonus_malus", "service_credit"]
    malus_percent: float | None = None
    bonus_percent: float | None = None
    cap_percent: float
    text: str


class Kpi(Model):
    """A KPI as set for this tender.

    The levels, each with one meaning in every document: ``minimum`` (minimumwaarde) is the knock-out
    floor of a bid; ``target`` (streefwaarde) is the level aimed for and the bonus threshold; the
    offered value (aangeboden waarde) is the bidder's, where ``offer_allowed``; ``norm`` says which of
    the three binds the contractor (bindende norm), and :meth:`binding_norm` computes it. The spec may
    override the library's minimum, target and norm; ``override_reason`` explains a minimum weaker
    than the library's. ``low``/``high`` bound the values a bidder may offer or a contract manager may
    record (``None``: unbounded).
    """

    id: str
    version: str
    category: Category
    principles: list[Principle]
    title: str
    text: str
    definition: str
    unit: Unit
    direction: Literal["higher_is_better", "lower_is_better"]
    minimum: float
    target: float
    library_minimum: float
    override_reason: str | None = None
    low: float | None
    high: float | None
    decimals: int
    calculation: str
    frequency: Frequency
    data_source: str
    measured_by: Party
    forum: str
    consequence: Consequence | None = None
    offer_allowed: bool
    norm: Norm
    obligation: Obligation
    source: str

    def binding_norm(self, offered: float | None) -> float:
        """The binding norm (bindende norm) given the bidder's ``offered`` value; every document uses this.

        ``norm: minimum`` binds the minimum and ``target`` the target, whatever was offered; ``offered``
        binds the offered value. Without an offer (the draft annex, a workbook or report before award)
        an ``offered`` norm stands at the minimum, the least any admissible offer binds.
        """
        if self.norm == "target":
            return self.target
        if self.norm == "offered" and offered is not None:
            return offered
        return self.minimum

    def is_better_or_equal(self, value: float, reference: float) -> bool:
        """Whether ``value`` is at least as good as ``reference`` in this KPI's direction."""
        if self.direction == "higher_is_better":
            return value >= reference
        return value <= reference


class Activity(Model):
    """A RACI activity as set for this tender: default letters per party, fixed or open."""

    id: str
    version: str
    category: Category
    title: str
    description: str | None = None
    fixed: bool
    roles: dict[Party, str]
    clauses: list[str] = []


class Meeting(Model):
    """A meeting tier from a governance clause."""

    clause_id: str
    tier: Literal["operational", "tactical", "strategic"]
    name: str
    frequency: Frequency
    participants: str
    agenda: list[str]
    duration_minutes: int


class Improvable(Model):
    """A term of a clause the bidder may improve on in the bid: a parameter's value or a meeting's frequency.

    ``id`` is stable and names the term: ``GOV-01.minutes_days`` (parameter ``minutes_days`` of GOV-01)
    or ``GOV-01.operational`` (the frequency of GOV-01's operational meeting). ``value`` is the tender's
    value (a number, or a frequency code); ``better`` the direction of a better promise (``higher`` for
    a frequency: more often); ``limit`` the best value a bidder may promise (a frequency: ``weekly``).
    """

    id: str
    clause_id: str
    kind: Literal["parameter", "frequency"]
    name: str
    label: str
    unit: Unit | None = None
    value: int | float | str
    better: Literal["lower", "higher"]
    limit: int | float | str | None = None


class EscalationStep(Model):
    """One rung of the escalation ladder from a risk or governance clause."""

    clause_id: str
    level: int
    who: str
    term_working_days: int


class Contact(Model):
    """The authority's contact person."""

    name: str
    role: str | None = None
    email: str
    phone: str | None = None


class Authority(Model):
    """The contracting authority."""

    name: str
    address: str
    contact: Contact


class Revision(Model):
    """One entry of the change log."""

    revision: int
    date: dt.date
    description: str


DECIMALS = 2
"""The published method's precision: points and euro amounts are rounded half up to this many decimals.
The tender document publishes it and :mod:`generator.evaluation.compute` computes with it."""


class Award(Model):
    """The award method as published; see :class:`generator.models.spec.Award`."""

    method: Literal["weighted_score", "award_on_value"]
    scale: list[ScaleStep]
    price_weight: float | None = None
    price_scoring: PriceScoring | None = None
    price_sheet: bool
    tie_break: Literal["highest_quality", "lowest_price", "lot"]


class AttachedDocument(Model):
    """A document that goes with the tender documents because clauses refer to it."""

    key: str
    title: str
    description: str
    clauses: list[str]
    """The IDs of the tender's clauses that refer to it."""


class Tender(Model):
    """Everything the tender pack is built from, resolved into one language.

    The lists keep the order of the spec. IDs are the library's, unchanged, so the same ID appears in
    the document, the form's metadata, the database and the OCDS export. ``improvable`` lists the terms
    a bidder may promise better (empty for a tender registered before they existed).
    """

    reference: str
    title: str
    summary: str
    authority: Authority
    procedure: Procedure
    cpv: str
    contract_type: ContractType
    language: Language
    estimated_value_eur: float | None = None
    ocid_prefix: str | None = None
    dates: Dates
    revision: int
    revisions: list[Revision]
    library_name: str
    library_version: str
    requirements: list[Item]
    criteria: list[Criterion]
    contract_clauses: list[Item]
    kpis: list[Kpi]
    activities: list[Activity]
    meetings: list[Meeting]
    escalation: list[EscalationStep]
    award: Award
    improvable: list[Improvable] = []
    documents: list[AttachedDocument] = []

    def clause_versions(self) -> dict[str, str]:
        """Every clause and activity ID used, mapped to its library version, in document order."""
        out: dict[str, str] = {}
        for group in (self.requirements, self.criteria, self.contract_clauses, self.kpis, self.activities):
            for entry in group:
                out[entry.id] = entry.version
        return out
